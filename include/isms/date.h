#ifndef ISMS_DATE_H
#define ISMS_DATE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Dates: whole days in UTC are the unit of every audit computation. A day is
 * the number of days since 1970-01-01. This module is the only one that
 * parses or prints dates and durations (calendar arithmetic is GLib's GDate).
 */
typedef int32_t isms_day;

/* A day that is not known: the date of a commit whose committer time falls
 * outside the years 1970 to 9999. Every rule treats it as unknown (no
 * finding rests on it); it is printed as "unknown date", null in JSON. */
#define ISMS_DAY_UNKNOWN INT32_MIN

/* Whether a day is known (not ISMS_DAY_UNKNOWN). */
static inline int isms_date_known(isms_day day)
{
	return day != ISMS_DAY_UNKNOWN;
}

#define ISMS_DATE_BUFSIZE 13 /* "YYYY-MM-DD" or "unknown date", and NUL */

/*
 * Parse `YYYY-MM-DD`, or an ISO 8601 datetime (`YYYY-MM-DDTHH:MM[:SS[.f]]`
 * with `Z` or `±HH:MM`, a space allowed instead of `T`); a datetime with an
 * offset is converted to its UTC day. Surrounding spaces are ignored.
 * Returns 0 and sets *out, or -1 if the text is not a valid date (or a
 * datetime whose UTC day falls outside the years 1 to 9999).
 */
int isms_date_parse(const char *text, size_t len, isms_day *out);

/* How a numeric date whose day and month could be swapped is read. */
typedef enum {
	ISMS_DATE_ORDER_NONE, /* neither: a date whose two readings differ is ambiguous */
	ISMS_DATE_ORDER_DMY,  /* 03/04/2025 is 3 April */
	ISMS_DATE_ORDER_MDY   /* 03/04/2025 is 4 March */
} isms_date_order;

/* isms_date_parse_written(): a numeric date that reads as two different
 * days, with no order to choose. */
#define ISMS_DATE_AMBIGUOUS (-2)

/*
 * Parse a date as people type it in tables and document headers: what
 * isms_date_parse() reads, `YYYY/MM/DD`, `DD-MM-YYYY`, `DD.MM.YYYY` and
 * `DD/MM/YYYY` (one or two digits of day and month; month first with
 * ISMS_DATE_ORDER_MDY), and dates with an English month name: `1 January
 * 2022`, `1st Jan 2022`, `January 1, 2022`, `Jan 1 2022`. A numeric date
 * that only one reading makes valid (25/01/2026), or whose readings agree
 * (05/05/2026), needs no order. Returns 0 and sets *out, -1 if the text is
 * no date, or ISMS_DATE_AMBIGUOUS.
 */
int isms_date_parse_written(const char *text, size_t len, isms_date_order order, isms_day *out);

/* Write `YYYY-MM-DD` into `buf` (ISMS_DATE_BUFSIZE bytes), or "unknown
 * date" for ISMS_DAY_UNKNOWN and any day outside the years 1 to 9999, so
 * that no invalid date is ever printed; returns buf. */
char *isms_date_format(isms_day day, char *buf);

/* The calendar year, month (1-12) and day of the month of a day. */
void isms_date_ymd(isms_day day, int *year, int *month, int *mday);

/* The UTC day of a Unix timestamp, or ISMS_DAY_UNKNOWN when it falls
 * outside the years 1970 to 9999 (a commit time can be any 64-bit value). */
isms_day isms_date_from_time(int64_t seconds);

/* The current UTC day. */
isms_day isms_date_today(void);

/* Add (or with a negative count subtract) months; the day is clamped to the
 * end of a shorter month (2024-01-31 + 1 month = 2024-02-29). */
isms_day isms_date_add_months(isms_day day, int months);

/* A review cycle or other duration: months and days, both non-negative. */
typedef struct {
	int months;
	int days;
} isms_duration;

/*
 * Parse a duration as people write review cycles: `6 months`, `6 month`,
 * `12  months`, `1 year`, `2 years`, `90 days`, `2 weeks`, `annual`,
 * `annually`, `yearly`, `biannual`/`semi-annual`/`half-yearly` (6 months),
 * `quarterly`, `monthly`, ISO 8601 `P1Y`, `P6M`, `P1Y6M`, `P90D`, `P2W`, or a
 * bare integer meaning months. Case-insensitive. Returns 0 and sets *out, or
 * -1 if the text is not a duration, is zero or is over 100 years.
 */
int isms_duration_parse(const char *text, size_t len, isms_duration *out);

/* `day` plus the duration. */
isms_day isms_date_add(isms_day day, isms_duration d);

/* Write a duration as `12 months`, `1 year`, `90 days` into buf (32 bytes). */
char *isms_duration_format(isms_duration d, char *buf, size_t size);

#endif
