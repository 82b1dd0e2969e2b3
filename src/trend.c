/* Trends: the audit as of the end of each period, from one history walk. */
#include "isms/trend.h"

#include <stdio.h>
#include <string.h>

#include "isms/error.h"
#include "isms/metrics.h"
#include "isms/rules.h"

#define MAX_POINTS 240

void isms_trend_init(isms_trend *t)
{
	memset(t, 0, sizeof(*t));
	t->points = g_array_new(FALSE, TRUE, sizeof(isms_trend_point));
}

void isms_trend_dispose(isms_trend *t)
{
	if (t && t->points)
		g_array_free(t->points, TRUE);
	if (t)
		t->points = NULL;
}

const char *isms_trend_every_name(isms_trend_every e)
{
	return e == ISMS_TREND_QUARTER ? "quarter" : "month";
}

int isms_trend_every_parse(const char *text, isms_trend_every *out)
{
	if (strcmp(text, "month") == 0 || strcmp(text, "monthly") == 0) {
		*out = ISMS_TREND_MONTH;
		return 0;
	}
	if (strcmp(text, "quarter") == 0 || strcmp(text, "quarterly") == 0) {
		*out = ISMS_TREND_QUARTER;
		return 0;
	}
	return -1;
}

/* The first day of the period after the one holding `day`. */
static isms_day next_period(isms_day day, isms_trend_every every)
{
	int y, m, d;

	isms_date_ymd(day, &y, &m, &d);
	day -= d - 1; /* the first of its month */
	if (every == ISMS_TREND_QUARTER)
		return isms_date_add_months(day, 3 - (m - 1) % 3);
	return isms_date_add_months(day, 1);
}

GArray *isms_trend_days(const isms_trend_options *opts, isms_day today)
{
	GArray *days = g_array_new(FALSE, FALSE, sizeof(isms_day));

	for (isms_day d = opts->since; d <= today && days->len <= MAX_POINTS;) {
		isms_day next = next_period(d, opts->every);
		isms_day end = next - 1 < today ? next - 1 : today;
		g_array_append_val(days, end);
		d = next;
	}
	return days;
}

char *isms_trend_period_label(const isms_trend *t, const isms_trend_point *p, char *buf,
                              size_t size)
{
	int y, m, d;

	isms_date_ymd(p->start, &y, &m, &d);
	if (t->every == ISMS_TREND_QUARTER)
		snprintf(buf, size, "%04d-Q%d", y % 10000, ((m - 1) / 3 + 1) % 10);
	else
		snprintf(buf, size, "%04d-%02d", y % 10000, m % 100);
	return buf;
}

/* The findings of rules with `flag` in the rule table. */
static size_t count_flagged(const GPtrArray *list, isms_rule_flag flag)
{
	size_t n = 0;

	for (guint i = 0; i < list->len; i++)
		n += (((const isms_finding *)g_ptr_array_index(list, i))->rule->flags & flag) != 0;
	return n;
}

static void count_period(isms_day day, int closed, void *data)
{
	isms_trend_point *p = data;

	if (day < p->start || day > p->end)
		return;
	if (closed)
		p->closures++;
	else
		p->raised++;
}

/* Register figures of a point: items open at its end, and items raised and
 * closures recorded (by commit date) within it. */
static void register_figures(const isms_audit *a, isms_trend_point *p)
{
	isms_metrics_flow(a, count_period, p);
	for (guint k = 0; k < a->registers->len; k++) {
		const isms_register_model *m = g_ptr_array_index(a->registers, k);
		for (guint i = 0; i < m->items->len; i++) {
			const isms_item_history *h = g_ptr_array_index(m->items, i);
			if (h->removed == ISMS_NO_COMMIT && h->item->state == ISMS_STATE_OPEN)
				p->open_actions++;
		}
	}
}

static int compute_point(const isms_audit *base, isms_trend_point *p)
{
	guint32 commit = isms_audit_commit_by(base, p->end);
	isms_audit *a = NULL;
	isms_findings fs;
	int error;

	if (commit == ISMS_NO_COMMIT)
		return 0;
	isms_findings_init(&fs);
	if ((error = isms_audit_open_at(base, commit, p->end, &a)) < 0 ||
	    (error = isms_rules_run(a, &fs)) < 0)
		goto done;
	p->has_commit = 1;
	isms_audit_commit_hex(a, commit, p->commit);
	p->major = (int)isms_findings_count(&fs, ISMS_SEV_MAJOR);
	p->minor = (int)isms_findings_count(&fs, ISMS_SEV_MINOR);
	p->observation = (int)isms_findings_count(&fs, ISMS_SEV_OBSERVATION);
	p->waived = (int)fs.waived->len;
	p->overdue_documents = (int)count_flagged(fs.items, ISMS_RULE_COUNTS_OVERDUE_DOCUMENT);
	p->overdue_actions = (int)count_flagged(fs.items, ISMS_RULE_COUNTS_OVERDUE_ACTION);
	register_figures(a, p);
done:
	isms_findings_dispose(&fs);
	isms_audit_free(a);
	return error;
}

int isms_trend_compute(const isms_audit *audit, const isms_trend_options *opts, isms_trend *out)
{
	char since[ISMS_DATE_BUFSIZE], today[ISMS_DATE_BUFSIZE];
	isms_day start = opts->since;
	int error, n = 0;

	out->every = opts->every;
	out->since = opts->since;
	if (opts->since > audit->today)
		return isms_error_set(ISMS_EUSAGE, "--since %s is after the audit date %s",
		                      isms_date_format(opts->since, since),
		                      isms_date_format(audit->today, today));
	for (isms_day d = start; d <= audit->today; d = next_period(d, opts->every))
		if (++n > MAX_POINTS)
			return isms_error_set(
			    ISMS_EUSAGE,
			    "--since %s gives more than %d %ss: start later or use "
			    "quarters",
			    isms_date_format(opts->since, since), MAX_POINTS,
			    isms_trend_every_name(opts->every));
	while (start <= audit->today) {
		isms_trend_point p;
		isms_day next = next_period(start, opts->every);
		memset(&p, 0, sizeof(p));
		p.start = start;
		p.end = next - 1 < audit->today ? next - 1 : audit->today;
		if ((error = compute_point(audit, &p)) < 0)
			return error;
		g_array_append_val(out->points, p);
		start = next;
	}
	return 0;
}
