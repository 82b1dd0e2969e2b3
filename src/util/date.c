#include "isms/date.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* GDate counts Julian days from 0001-01-01 = 1; ours count from 1970-01-01. */
#define JULIAN_1970 719163
#define JULIAN_LAST 3652059 /* 9999-12-31 */

static isms_day from_gdate(const GDate *d)
{
	return (isms_day)((int64_t)g_date_get_julian(d) - JULIAN_1970);
}

static void to_gdate(isms_day day, GDate *out)
{
	g_date_clear(out, 1);
	g_date_set_julian(out, (guint32)((int64_t)day + JULIAN_1970));
}

/* Read exactly `n` digits at *p; advances *p. */
static int digits(const char **p, const char *end, int n, int *out)
{
	int v = 0;

	if (end - *p < n)
		return -1;
	for (int i = 0; i < n; i++) {
		char c = (*p)[i];
		if (c < '0' || c > '9')
			return -1;
		v = v * 10 + (c - '0');
	}
	*p += n;
	*out = v;
	return 0;
}

static void trim(const char **s, const char **end)
{
	while (*s < *end && g_ascii_isspace(**s))
		(*s)++;
	while (*end > *s && g_ascii_isspace((*end)[-1]))
		(*end)--;
}

int isms_date_parse(const char *text, size_t len, isms_day *out)
{
	const char *p = text, *end = text + len;
	int y, m, d, hh = 0, mm = 0, ss = 0, offset_min = 0;
	GDate date;

	trim(&p, &end);
	if (digits(&p, end, 4, &y) < 0 || p == end || *p++ != '-' || digits(&p, end, 2, &m) < 0 ||
	    p == end || *p++ != '-' || digits(&p, end, 2, &d) < 0)
		return -1;
	if (y < 1 || !g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y))
		return -1;
	if (p < end) {
		if (*p != 'T' && *p != 't' && *p != ' ')
			return -1;
		p++;
		if (digits(&p, end, 2, &hh) < 0 || p == end || *p++ != ':' ||
		    digits(&p, end, 2, &mm) < 0)
			return -1;
		if (p < end && *p == ':') {
			p++;
			if (digits(&p, end, 2, &ss) < 0)
				return -1;
			if (p < end && (*p == '.' || *p == ',')) {
				p++;
				if (p == end || !g_ascii_isdigit(*p))
					return -1;
				while (p < end && g_ascii_isdigit(*p))
					p++;
			}
		}
		if (hh > 23 || mm > 59 || ss > 60)
			return -1;
		if (p < end && (*p == 'Z' || *p == 'z')) {
			p++;
		} else if (p < end && (*p == '+' || *p == '-')) {
			int sign = *p++ == '-' ? -1 : 1, oh, om = 0;
			if (digits(&p, end, 2, &oh) < 0)
				return -1;
			if (p < end && *p == ':')
				p++;
			if (p < end && digits(&p, end, 2, &om) < 0)
				return -1;
			if (oh > 14 || om > 59)
				return -1;
			offset_min = sign * (oh * 60 + om);
		}
		if (p != end)
			return -1;
	}
	g_date_clear(&date, 1);
	g_date_set_dmy(&date, (GDateDay)d, (GDateMonth)m, (GDateYear)y);
	{
		/* local time minus the offset is UTC */
		int minutes = hh * 60 + mm - offset_min;
		isms_day day = from_gdate(&date);
		if (minutes < 0)
			day -= 1;
		else if (minutes >= 24 * 60)
			day += 1;
		/* an offset can carry the day out of the years 1 to 9999, where
		 * GDate starts and dates print with four digits */
		if (day < 1 - JULIAN_1970 || day > JULIAN_LAST - JULIAN_1970)
			return -1;
		*out = day;
	}
	return 0;
}

static const char *const month_names[12] = {"january",   "february", "march",    "april",
                                            "may",       "june",     "july",     "august",
                                            "september", "october",  "november", "december"};

/* An English month name or its first three letters (also "sept") at *p;
 * advances *p. Returns 1 to 12, or 0. */
static int month_name(const char **p, const char *end)
{
	const char *q = *p;
	size_t n = 0;

	while (q + n < end && g_ascii_isalpha(q[n]))
		n++;
	for (int i = 0; i < 12 && n >= 3; i++)
		if ((n == strlen(month_names[i]) || n == 3 || (i == 8 && n == 4)) &&
		    g_ascii_strncasecmp(q, month_names[i], n) == 0) {
			*p = q + n;
			if (*p < end && **p == '.') /* "Jan." */
				(*p)++;
			return i + 1;
		}
	return 0;
}

/* One or two digits at *p (a day or month); advances *p. */
static int small_number(const char **p, const char *end, int *out)
{
	int v = 0, n = 0;

	while (*p < end && g_ascii_isdigit(**p) && n < 3) {
		v = v * 10 + (*(*p)++ - '0');
		n++;
	}
	*out = v;
	return n >= 1 && n <= 2 ? 0 : -1;
}

static void skip_spaces(const char **p, const char *end)
{
	while (*p < end && (**p == ' ' || **p == '\t'))
		(*p)++;
}

/* "1st", "2nd", "3rd", "4th" after a day */
static void skip_ordinal(const char **p, const char *end)
{
	static const char *const suffixes[] = {"st", "nd", "rd", "th"};

	for (size_t i = 0; i < G_N_ELEMENTS(suffixes); i++)
		if (end - *p >= 2 && g_ascii_strncasecmp(*p, suffixes[i], 2) == 0 &&
		    (end - *p == 2 || !g_ascii_isalpha((*p)[2]))) {
			*p += 2;
			return;
		}
}

static int valid_dmy(int d, int m, int y, isms_day *out)
{
	GDate date;

	if (y < 1 || y > 9999 || !g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y))
		return -1;
	g_date_clear(&date, 1);
	g_date_set_dmy(&date, (GDateDay)d, (GDateMonth)m, (GDateYear)y);
	*out = from_gdate(&date);
	return 0;
}

int isms_date_parse_written(const char *text, size_t len, isms_date_order order, isms_day *out)
{
	const char *p = text, *end = text + len;
	int a, b, y, m;

	if (isms_date_parse(text, len, out) == 0)
		return 0;
	trim(&p, &end);
	if (p < end && g_ascii_isalpha(*p)) { /* January 1, 2022 */
		if ((m = month_name(&p, end)) == 0)
			return -1;
		skip_spaces(&p, end);
		if (small_number(&p, end, &a) < 0)
			return -1;
		skip_ordinal(&p, end);
		if (p < end && *p == ',')
			p++;
		skip_spaces(&p, end);
		if (digits(&p, end, 4, &y) < 0 || p != end)
			return -1;
		return valid_dmy(a, m, y, out);
	}
	if (end - p >= 8 && digits(&p, end, 4, &y) == 0) { /* 2022/01/31 */
		if (p == end || *p++ != '/' || small_number(&p, end, &m) < 0 || p == end ||
		    *p++ != '/' || small_number(&p, end, &a) < 0 || p != end)
			return -1;
		return valid_dmy(a, m, y, out);
	}
	if (small_number(&p, end, &a) < 0)
		return -1;
	skip_ordinal(&p, end);
	if (p < end && (*p == ' ' || g_ascii_isalpha(*p))) { /* 1 January 2022 */
		skip_spaces(&p, end);
		if ((m = month_name(&p, end)) == 0)
			return -1;
		if (p < end && *p == ',')
			p++;
		skip_spaces(&p, end);
		if (digits(&p, end, 4, &y) < 0 || p != end)
			return -1;
		return valid_dmy(a, m, y, out);
	}
	if (p == end || (*p != '-' && *p != '.' && *p != '/'))
		return -1;
	{
		char sep = *p++;
		isms_day dmy, mdy;
		int dmy_ok, mdy_ok;
		if (small_number(&p, end, &b) < 0 || p == end || *p++ != sep ||
		    digits(&p, end, 4, &y) < 0 || p != end)
			return -1;
		dmy_ok = valid_dmy(a, b, y, &dmy) == 0;
		mdy_ok = valid_dmy(b, a, y, &mdy) == 0;
		if (order == ISMS_DATE_ORDER_DMY || (order == ISMS_DATE_ORDER_NONE && !mdy_ok)) {
			if (!dmy_ok)
				return -1;
			*out = dmy;
			return 0;
		}
		if (order == ISMS_DATE_ORDER_MDY || !dmy_ok) {
			if (!mdy_ok)
				return -1;
			*out = mdy;
			return 0;
		}
		if (dmy != mdy)
			return ISMS_DATE_AMBIGUOUS;
		*out = dmy;
		return 0;
	}
}

char *isms_date_format(isms_day day, char *buf)
{
	GDate d;

	if (day < 1 - JULIAN_1970 || day > JULIAN_LAST - JULIAN_1970) {
		g_strlcpy(buf, "unknown date", ISMS_DATE_BUFSIZE);
		return buf;
	}
	to_gdate(day, &d);
	snprintf(buf, ISMS_DATE_BUFSIZE, "%04u-%02u-%02u", (unsigned)g_date_get_year(&d) % 10000u,
	         (unsigned)g_date_get_month(&d) % 100u, (unsigned)g_date_get_day(&d) % 100u);
	return buf;
}

void isms_date_ymd(isms_day day, int *year, int *month, int *mday)
{
	GDate d;

	to_gdate(day, &d);
	*year = g_date_get_year(&d);
	*month = g_date_get_month(&d);
	*mday = g_date_get_day(&d);
}

isms_day isms_date_from_time(int64_t seconds)
{
	/* 64-bit throughout: the day of any int64 is out of isms_day's range */
	int64_t days = seconds / 86400 - (seconds % 86400 < 0);

	if (days < 0 || days > JULIAN_LAST - JULIAN_1970)
		return ISMS_DAY_UNKNOWN;
	return (isms_day)days;
}

isms_day isms_date_today(void)
{
	return isms_date_from_time((int64_t)time(NULL));
}

isms_day isms_date_add_months(isms_day day, int months)
{
	GDate d;

	to_gdate(day, &d);
	if (months >= 0)
		g_date_add_months(&d, (guint)months);
	else
		g_date_subtract_months(&d, (guint)-months);
	return from_gdate(&d);
}

isms_day isms_date_add(isms_day day, isms_duration dur)
{
	return isms_date_add_months(day, dur.months) + dur.days;
}

static const struct {
	const char *word;
	isms_duration dur;
} named_durations[] = {
    /* matched with spaces, hyphens and underscores left out */
    {"annual", {12, 0}},      {"annually", {12, 0}},      {"yearly", {12, 0}},
    {"everyyear", {12, 0}},   {"biannual", {6, 0}},       {"biannually", {6, 0}},
    {"semiannual", {6, 0}},   {"semiannually", {6, 0}},   {"halfyearly", {6, 0}},
    {"halfyear", {6, 0}},     {"everysixmonths", {6, 0}}, {"quarterly", {3, 0}},
    {"everyquarter", {3, 0}}, {"monthly", {1, 0}},        {"everymonth", {1, 0}},
    {"biennial", {24, 0}},    {"biennially", {24, 0}},    {"everytwoyears", {24, 0}},
};

static const struct {
	const char *unit;
	int months, days;
} units[] = {
    {"year", 12, 0}, {"years", 12, 0},  {"yr", 12, 0},     {"yrs", 12, 0},   {"y", 12, 0},
    {"month", 1, 0}, {"months", 1, 0},  {"mo", 1, 0},      {"mos", 1, 0},    {"m", 1, 0},
    {"week", 0, 7},  {"weeks", 0, 7},   {"w", 0, 7},       {"day", 0, 1},    {"days", 0, 1},
    {"d", 0, 1},     {"monthly", 1, 0}, {"yearly", 12, 0}, {"weekly", 0, 7},
};

/* The longest cycle read, 100 years: a longer one is no review cycle, and
 * adding it to a date would leave GDate's years 1 to 65535 (a critical
 * warning, and the date unchanged). Bounding each sum also keeps it from
 * overflowing. */
#define MAX_MONTHS 1200
#define MAX_DAYS   36525

/* ISO 8601 durations with whole years, months, weeks and days. */
static int parse_iso_duration(const char *p, const char *end, isms_duration *out)
{
	isms_duration d = {0, 0};
	int any = 0;

	if (p == end || (*p != 'P' && *p != 'p'))
		return -1;
	p++;
	while (p < end) {
		long v = 0;
		int nd = 0;
		while (p < end && g_ascii_isdigit(*p) && nd < 6) {
			v = v * 10 + (*p++ - '0');
			nd++;
		}
		if (nd == 0 || p == end)
			return -1;
		switch (g_ascii_toupper(*p++)) {
		case 'Y': d.months += (int)v * 12; break;
		case 'M': d.months += (int)v; break;
		case 'W': d.days += (int)v * 7; break;
		case 'D': d.days += (int)v; break;
		default: return -1;
		}
		if (d.months > MAX_MONTHS || d.days > MAX_DAYS)
			return -1;
		any = 1;
	}
	if (!any || (d.months == 0 && d.days == 0))
		return -1;
	*out = d;
	return 0;
}

int isms_duration_parse(const char *text, size_t len, isms_duration *out)
{
	const char *p = text, *end = text + len;
	char word[32];
	size_t n;
	long v = 0;
	int nd = 0;

	trim(&p, &end);
	if (p == end)
		return -1;
	n = 0;
	for (const char *q = p; q < end && n < sizeof(word); q++)
		if (*q != ' ' && *q != '-' && *q != '_' && *q != '\t')
			word[n++] = g_ascii_tolower(*q);
	if (n < sizeof(word)) {
		word[n] = '\0';
		for (size_t i = 0; i < G_N_ELEMENTS(named_durations); i++)
			if (strcmp(word, named_durations[i].word) == 0) {
				*out = named_durations[i].dur;
				return 0;
			}
	}
	/* "every 6 months" */
	if (end - p > 6 && g_ascii_strncasecmp(p, "every ", 6) == 0) {
		p += 6;
		trim(&p, &end);
	}
	if (*p == 'P' || *p == 'p')
		return parse_iso_duration(p, end, out);
	while (p < end && g_ascii_isdigit(*p) && nd < 6) {
		v = v * 10 + (*p++ - '0');
		nd++;
	}
	if (nd == 0 || v == 0 || (p < end && g_ascii_isdigit(*p)))
		return -1;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '-'))
		p++;
	if (p == end) { /* a bare integer means months */
		if (v > MAX_MONTHS)
			return -1;
		out->months = (int)v;
		out->days = 0;
		return 0;
	}
	n = (size_t)(end - p);
	if (n >= sizeof(word))
		return -1;
	for (size_t i = 0; i < n; i++)
		word[i] = g_ascii_tolower(p[i]);
	word[n] = '\0';
	for (size_t i = 0; i < G_N_ELEMENTS(units); i++)
		if (strcmp(word, units[i].unit) == 0) {
			if (v * units[i].months > MAX_MONTHS || v * units[i].days > MAX_DAYS)
				return -1;
			out->months = (int)v * units[i].months;
			out->days = (int)v * units[i].days;
			return 0;
		}
	return -1;
}

char *isms_duration_format(isms_duration d, char *buf, size_t size)
{
	if (d.days == 0 && d.months % 12 == 0)
		snprintf(buf, size, "%d year%s", d.months / 12, d.months == 12 ? "" : "s");
	else if (d.days == 0)
		snprintf(buf, size, "%d month%s", d.months, d.months == 1 ? "" : "s");
	else if (d.months == 0)
		snprintf(buf, size, "%d day%s", d.days, d.days == 1 ? "" : "s");
	else
		snprintf(buf, size, "%d months %d days", d.months, d.days);
	return buf;
}
