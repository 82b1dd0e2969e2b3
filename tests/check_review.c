#include <string.h>

#include "testutil.h"

#define TODAY "2026-11-01"

static isms_day D(const char *s)
{
	isms_day d = -99999;

	ck_assert_msg(isms_date_parse(s, strlen(s), &d) == 0, "'%s' should parse", s);
	return d;
}

/* A readable policy in force, due on `due` (NULL: no review date). The
 * meta lives in the caller's frame, as the document borrows it. */
static isms_document doc(isms_meta *m, const char *due)
{
	isms_document d = {0};

	memset(m, 0, sizeof(*m));
	m->status = ISMS_DOC_IN_FORCE;
	d.meta = m;
	d.mode = GIT_FILEMODE_BLOB;
	d.in_force = 1;
	if (due) {
		d.has_review_due = 1;
		d.review_due = D(due);
	}
	return d;
}

static isms_review review_of(const isms_document *d, int soon_days)
{
	isms_review r;
	isms_review_state state = isms_document_review(d, D(TODAY), soon_days, &r);

	ck_assert_int_eq(state, r.state);
	return r;
}

START_TEST(without_a_date_there_is_no_review_date)
{
	isms_meta m;
	isms_document d = doc(&m, NULL);
	isms_review r = review_of(&d, ISMS_REVIEW_SOON_DAYS);

	ck_assert_int_eq(r.state, ISMS_REVIEW_NO_DATE);
	ck_assert_int_eq(r.dated, ISMS_REVIEW_NO_DATE);
	ck_assert_int_eq(r.due, 0);
	ck_assert_int_eq(r.days_overdue, 0);
	ck_assert_int_eq(r.days_left, 0);
}
END_TEST

START_TEST(due_after_the_window_is_current)
{
	isms_meta m;
	isms_document d = doc(&m, "2026-12-02");
	isms_review r = review_of(&d, 30);

	ck_assert_int_eq(r.state, ISMS_REVIEW_CURRENT);
	ck_assert_int_eq(r.dated, ISMS_REVIEW_CURRENT);
	ck_assert_int_eq(r.due, D("2026-12-02"));
	ck_assert_int_eq(r.days_left, 31);
	ck_assert_int_eq(r.days_overdue, 0);
}
END_TEST

START_TEST(due_on_the_last_day_of_the_window_is_due_soon)
{
	isms_meta m;
	isms_document d = doc(&m, "2026-12-01");
	isms_review r = review_of(&d, 30);

	ck_assert_int_eq(r.state, ISMS_REVIEW_DUE_SOON);
	ck_assert_int_eq(r.due, D("2026-12-01"));
	ck_assert_int_eq(r.days_left, 30);
	ck_assert_int_eq(r.days_overdue, 0);
}
END_TEST

START_TEST(due_today_is_due_soon_not_overdue)
{
	isms_meta m;
	isms_document d = doc(&m, TODAY);
	isms_review r = review_of(&d, 30);

	ck_assert_int_eq(r.state, ISMS_REVIEW_DUE_SOON);
	ck_assert_int_eq(r.due, D(TODAY));
	ck_assert_int_eq(r.days_left, 0);
	ck_assert_int_eq(r.days_overdue, 0);
}
END_TEST

START_TEST(due_yesterday_is_overdue_by_one_day)
{
	isms_meta m;
	isms_document d = doc(&m, "2026-10-31");
	isms_review r = review_of(&d, 30);

	ck_assert_int_eq(r.state, ISMS_REVIEW_OVERDUE);
	ck_assert_int_eq(r.dated, ISMS_REVIEW_OVERDUE);
	ck_assert_int_eq(r.due, D("2026-10-31"));
	ck_assert_int_eq(r.days_overdue, 1);
	ck_assert_int_eq(r.days_left, 0);
}
END_TEST

START_TEST(days_overdue_count_whole_days)
{
	isms_meta m;
	isms_document d = doc(&m, "2026-06-01");
	isms_review r = review_of(&d, 30);

	ck_assert_int_eq(r.state, ISMS_REVIEW_OVERDUE);
	ck_assert_int_eq(r.days_overdue, 153);
	/* across a leap day */
	d.review_due = D("2024-02-28");
	r = review_of(&d, 30);
	ck_assert_int_eq(r.days_overdue, 977);
}
END_TEST

START_TEST(the_window_is_the_callers)
{
	isms_meta m;
	isms_document d = doc(&m, "2026-11-02");

	ck_assert_int_eq(review_of(&d, 0).state, ISMS_REVIEW_CURRENT);
	ck_assert_int_eq(review_of(&d, 1).state, ISMS_REVIEW_DUE_SOON);
	d.review_due = D(TODAY);
	ck_assert_int_eq(review_of(&d, 0).state, ISMS_REVIEW_DUE_SOON);
	d.review_due = D("2027-01-30");
	ck_assert_int_eq(review_of(&d, 89).state, ISMS_REVIEW_CURRENT);
	ck_assert_int_eq(review_of(&d, 90).state, ISMS_REVIEW_DUE_SOON);
	ck_assert_int_eq(review_of(&d, ISMS_REVIEW_SOON_DAYS).state, ISMS_REVIEW_CURRENT);
}
END_TEST

START_TEST(documents_not_held_to_review_keep_their_due_day)
{
	isms_meta m;
	isms_document d = doc(&m, "2026-10-01");
	isms_review r;

	d.is_record = 1;
	r = review_of(&d, 30);
	ck_assert_int_eq(r.state, ISMS_REVIEW_NOT_HELD);
	/* coverage still sees that a record in force is past its due day */
	ck_assert_int_eq(r.dated, ISMS_REVIEW_OVERDUE);
	ck_assert_int_eq(r.due, D("2026-10-01"));
	ck_assert_int_eq(r.days_overdue, 31);

	d = doc(&m, "2026-11-15");
	d.in_force = 0;
	m.status = ISMS_DOC_DRAFT;
	r = review_of(&d, 30);
	ck_assert_int_eq(r.state, ISMS_REVIEW_NOT_HELD);
	ck_assert_int_eq(r.dated, ISMS_REVIEW_DUE_SOON);
	ck_assert_int_eq(r.days_left, 14);

	d = doc(&m, NULL);
	d.in_force = 0;
	m.status = ISMS_DOC_RETIRED;
	r = review_of(&d, 30);
	ck_assert_int_eq(r.state, ISMS_REVIEW_NOT_HELD);
	ck_assert_int_eq(r.dated, ISMS_REVIEW_NO_DATE);

	d = doc(&m, "2027-06-01");
	d.mode = GIT_FILEMODE_LINK;
	r = review_of(&d, 30);
	ck_assert_int_eq(r.state, ISMS_REVIEW_NOT_HELD);
	ck_assert_int_eq(r.dated, ISMS_REVIEW_CURRENT);
	ck_assert_int_eq(r.days_left, 212);

	d = doc(&m, "2026-10-31");
	m.flags = ISMS_META_BINARY;
	r = review_of(&d, 30);
	ck_assert_int_eq(r.state, ISMS_REVIEW_NOT_HELD);
	ck_assert_int_eq(r.dated, ISMS_REVIEW_OVERDUE);
	ck_assert_int_eq(r.days_overdue, 1);
}
END_TEST

START_TEST(states_have_the_reports_words)
{
	ck_assert_str_eq(isms_review_state_name(ISMS_REVIEW_CURRENT), "current");
	ck_assert_str_eq(isms_review_state_name(ISMS_REVIEW_DUE_SOON), "due soon");
	ck_assert_str_eq(isms_review_state_name(ISMS_REVIEW_OVERDUE), "overdue");
	ck_assert_str_eq(isms_review_state_name(ISMS_REVIEW_NO_DATE), "no review date");
	ck_assert_str_eq(isms_review_state_name(ISMS_REVIEW_NOT_HELD), "not reviewed");
}
END_TEST

Suite *review_suite(void)
{
	Suite *s = suite_create("review");
	TCase *tc = tcase_create("review");

	tcase_add_test(tc, without_a_date_there_is_no_review_date);
	tcase_add_test(tc, due_after_the_window_is_current);
	tcase_add_test(tc, due_on_the_last_day_of_the_window_is_due_soon);
	tcase_add_test(tc, due_today_is_due_soon_not_overdue);
	tcase_add_test(tc, due_yesterday_is_overdue_by_one_day);
	tcase_add_test(tc, days_overdue_count_whole_days);
	tcase_add_test(tc, the_window_is_the_callers);
	tcase_add_test(tc, documents_not_held_to_review_keep_their_due_day);
	tcase_add_test(tc, states_have_the_reports_words);
	suite_add_tcase(s, tc);
	return s;
}
