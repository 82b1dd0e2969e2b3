#include <string.h>

#include "isms/date.h"
#include "testutil.h"

static isms_day D(const char *s)
{
	isms_day d = -99999;

	ck_assert_msg(isms_date_parse(s, strlen(s), &d) == 0, "'%s' should parse", s);
	return d;
}

static const char *F(isms_day d)
{
	static char buf[ISMS_DATE_BUFSIZE];

	return isms_date_format(d, buf);
}

START_TEST(plain_dates_round_trip)
{
	ck_assert_int_eq(D("1970-01-01"), 0);
	ck_assert_int_eq(D("1970-01-02"), 1);
	ck_assert_int_eq(D("1969-12-31"), -1);
	ck_assert_str_eq(F(D("2024-02-29")), "2024-02-29");
	ck_assert_str_eq(F(D("  2025-05-16 ")), "2025-05-16");
	ck_assert_int_eq(D("2026-01-15") - D("2025-06-01"), 228);
}
END_TEST

START_TEST(invalid_dates_are_rejected)
{
	static const char *bad[] = {
	    "",    "2025-02-29", "2025-13-01",  "2025-00-10",       "2025-1-01",     "yyyy-mm-dd",
	    "TBD", "2025/01/01", "2025-01-01x", "2025-01-01T25:00", "2025-01-01T10", "01-01-2025",
	    NULL};
	isms_day d;

	for (int i = 0; bad[i]; i++)
		ck_assert_msg(isms_date_parse(bad[i], strlen(bad[i]), &d) < 0, "'%s' parsed",
		              bad[i]);
}
END_TEST

START_TEST(datetimes_give_their_utc_day)
{
	ck_assert_str_eq(F(D("2025-05-16T17:00:00.000Z")), "2025-05-16");
	ck_assert_str_eq(F(D("2025-05-16T23:30:00-02:00")), "2025-05-17");
	ck_assert_str_eq(F(D("2025-05-16T01:00:00+02:00")), "2025-05-15");
	ck_assert_str_eq(F(D("2025-05-16 10:00")), "2025-05-16");
	ck_assert_str_eq(F(D("2025-05-16T10:00:00+0530")), "2025-05-16");
}
END_TEST

START_TEST(months_clamp_to_month_end)
{
	ck_assert_str_eq(F(isms_date_add_months(D("2024-01-31"), 1)), "2024-02-29");
	ck_assert_str_eq(F(isms_date_add_months(D("2024-06-01"), 12)), "2025-06-01");
	ck_assert_str_eq(F(isms_date_add_months(D("2026-01-15"), -24)), "2024-01-15");
	ck_assert_str_eq(F(isms_date_add_months(D("2024-03-31"), -1)), "2024-02-29");
}
END_TEST

START_TEST(time_stamps_give_utc_days)
{
	ck_assert_int_eq(isms_date_from_time(0), 0);
	ck_assert_int_eq(isms_date_from_time(86399), 0);
	ck_assert_int_eq(isms_date_from_time(86400), 1);
	ck_assert_str_eq(F(isms_date_from_time(253402300799)), "9999-12-31");
}
END_TEST

/* A commit time can be any 64-bit value: outside the years 1970 to 9999
 * its day is unknown, and an unknown day never prints as a date. */
START_TEST(time_stamps_outside_the_calendar_are_unknown)
{
	const int64_t outside[] = {-1, 253402300800, INT64_MIN, INT64_MAX, -86400 * 365};

	for (size_t i = 0; i < G_N_ELEMENTS(outside); i++)
		ck_assert_int_eq(isms_date_from_time(outside[i]), ISMS_DAY_UNKNOWN);
	ck_assert(!isms_date_known(ISMS_DAY_UNKNOWN));
	ck_assert(isms_date_known(0));
	ck_assert_str_eq(F(ISMS_DAY_UNKNOWN), "unknown date");
	ck_assert_str_eq(F(INT32_MAX), "unknown date");
	ck_assert_str_eq(F(D("0001-01-01")), "0001-01-01");
	ck_assert_str_eq(F(D("0001-01-01") - 1), "unknown date");
}
END_TEST

static void expect_duration(const char *text, int months, int days)
{
	isms_duration d = {-1, -1};

	ck_assert_msg(isms_duration_parse(text, strlen(text), &d) == 0, "'%s' should parse", text);
	ck_assert_msg(d.months == months && d.days == days, "'%s' gave %d months %d days", text,
	              d.months, d.days);
}

START_TEST(review_cycles_as_people_write_them)
{
	expect_duration("6 months", 6, 0);
	expect_duration("6 month", 6, 0);
	expect_duration("12  months", 12, 0);
	expect_duration(" 12 Months ", 12, 0);
	expect_duration("1 year", 12, 0);
	expect_duration("2 years", 24, 0);
	expect_duration("annual", 12, 0);
	expect_duration("Annually", 12, 0);
	expect_duration("quarterly", 3, 0);
	expect_duration("monthly", 1, 0);
	expect_duration("semi-annual", 6, 0);
	expect_duration("P1Y", 12, 0);
	expect_duration("P6M", 6, 0);
	expect_duration("P1Y6M", 18, 0);
	expect_duration("P90D", 0, 90);
	expect_duration("2 weeks", 0, 14);
	expect_duration("90 days", 0, 90);
	expect_duration("12", 12, 0);
	/* as document headers write them */
	expect_duration("Semi-Annual", 6, 0);
	expect_duration("Semi Annual", 6, 0);
	expect_duration("Bi-annual", 6, 0);
	expect_duration("Biannual", 6, 0);
	expect_duration("Half-yearly", 6, 0);
	expect_duration("Every 6 months", 6, 0);
	expect_duration("every 2 years", 24, 0);
	expect_duration("6-monthly", 6, 0);
	expect_duration("Every year", 12, 0);
}
END_TEST

/* The date written, its day as YYYY-MM-DD or "-1"/"ambiguous". */
static const char *W(const char *s, isms_date_order order)
{
	static char buf[ISMS_DATE_BUFSIZE];
	isms_day d;
	int rc = isms_date_parse_written(s, strlen(s), order, &d);

	if (rc == ISMS_DATE_AMBIGUOUS)
		return "ambiguous";
	return rc < 0 ? "-1" : isms_date_format(d, buf);
}

START_TEST(written_dates_as_people_type_them)
{
	const isms_date_order none = ISMS_DATE_ORDER_NONE;

	ck_assert_str_eq(W("2026-01-25", none), "2026-01-25");
	ck_assert_str_eq(W("2026/1/5", none), "2026-01-05");
	ck_assert_str_eq(W("25-01-2026", none), "2026-01-25");
	ck_assert_str_eq(W("25.01.2026", none), "2026-01-25");
	ck_assert_str_eq(W("25/01/2026", none), "2026-01-25");
	ck_assert_str_eq(W("01/25/2026", none), "2026-01-25"); /* only month first is valid */
	ck_assert_str_eq(W("05/05/2026", none), "2026-05-05"); /* the readings agree */
	ck_assert_str_eq(W("1 January 2022", none), "2022-01-01");
	ck_assert_str_eq(W("1st Jan 2022", none), "2022-01-01");
	ck_assert_str_eq(W("31 Dec, 2022", none), "2022-12-31");
	ck_assert_str_eq(W("Jan 1, 2022", none), "2022-01-01");
	ck_assert_str_eq(W("January 21st 2022", none), "2022-01-21");
	ck_assert_str_eq(W("Sept. 3, 2024", none), "2024-09-03");
	ck_assert_str_eq(W(" 3 march 2024 ", none), "2024-03-03");
}
END_TEST

START_TEST(written_dates_need_an_order_when_ambiguous)
{
	ck_assert_str_eq(W("03/04/2025", ISMS_DATE_ORDER_NONE), "ambiguous");
	ck_assert_str_eq(W("03-04-2025", ISMS_DATE_ORDER_NONE), "ambiguous");
	ck_assert_str_eq(W("03/04/2025", ISMS_DATE_ORDER_DMY), "2025-04-03");
	ck_assert_str_eq(W("03/04/2025", ISMS_DATE_ORDER_MDY), "2025-03-04");
	/* an order that makes the date invalid is not overridden */
	ck_assert_str_eq(W("25/01/2026", ISMS_DATE_ORDER_MDY), "-1");
	ck_assert_str_eq(W("01/25/2026", ISMS_DATE_ORDER_DMY), "-1");
}
END_TEST

START_TEST(written_dates_that_are_no_dates)
{
	static const char *bad[] = {"",
	                            "TBD",
	                            "31/02/2026",
	                            "1/2/26",
	                            "32 January 2022",
	                            "January 2022",
	                            "1 Smarch 2022",
	                            "2026-01-25x",
	                            "1.2.3.2022",
	                            "25/01/2026 extra",
	                            "Jan 1, 22",
	                            "0/1/2026",
	                            "1//2026",
	                            "01/25/10000"};

	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++)
		ck_assert_msg(strcmp(W(bad[i], ISMS_DATE_ORDER_NONE), "-1") == 0,
		              "'%s' should not parse, got %s", bad[i],
		              W(bad[i], ISMS_DATE_ORDER_NONE));
}
END_TEST

START_TEST(bad_cycles_are_rejected)
{
	static const char *bad[] = {
	    "",       "sometimes", "0",   "0 months",       "P", "P0Y", "6 fortnights",
	    "months", "-6 months", "P1H", "1234567 months", NULL};
	isms_duration d;

	for (int i = 0; bad[i]; i++)
		ck_assert_msg(isms_duration_parse(bad[i], strlen(bad[i]), &d) < 0, "'%s' parsed",
		              bad[i]);
}
END_TEST

START_TEST(durations_print_readably)
{
	char buf[32];

	ck_assert_str_eq(isms_duration_format((isms_duration){12, 0}, buf, sizeof(buf)), "1 year");
	ck_assert_str_eq(isms_duration_format((isms_duration){24, 0}, buf, sizeof(buf)), "2 years");
	ck_assert_str_eq(isms_duration_format((isms_duration){6, 0}, buf, sizeof(buf)), "6 months");
	ck_assert_str_eq(isms_duration_format((isms_duration){0, 90}, buf, sizeof(buf)), "90 days");
	ck_assert_str_eq(F(isms_date_add(D("2025-01-31"), (isms_duration){1, 3})), "2025-03-03");
}
END_TEST

Suite *date_suite(void)
{
	Suite *s = suite_create("date");
	TCase *tc = tcase_create("date");

	tcase_add_test(tc, plain_dates_round_trip);
	tcase_add_test(tc, invalid_dates_are_rejected);
	tcase_add_test(tc, datetimes_give_their_utc_day);
	tcase_add_test(tc, months_clamp_to_month_end);
	tcase_add_test(tc, time_stamps_give_utc_days);
	tcase_add_test(tc, time_stamps_outside_the_calendar_are_unknown);
	tcase_add_test(tc, review_cycles_as_people_write_them);
	tcase_add_test(tc, bad_cycles_are_rejected);
	tcase_add_test(tc, written_dates_as_people_type_them);
	tcase_add_test(tc, written_dates_need_an_order_when_ambiguous);
	tcase_add_test(tc, written_dates_that_are_no_dates);
	tcase_add_test(tc, durations_print_readably);
	suite_add_tcase(s, tc);
	return s;
}
