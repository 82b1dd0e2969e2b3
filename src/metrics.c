/* Register metrics for the management review, from the replayed history. */
#include "isms/metrics.h"

#include <string.h>

const int isms_metrics_age_limits[ISMS_METRICS_AGE_BUCKETS - 1] = {30, 90, 180};

static int quarter_index(const isms_metrics *m, isms_day day)
{
	int y, mon, d;

	isms_date_ymd(day, &y, &mon, &d);
	for (int q = 0; q < ISMS_METRICS_QUARTERS; q++)
		if (m->quarters[q].year == y && m->quarters[q].quarter == (mon - 1) / 3 + 1)
			return q;
	return -1;
}

static void count_quarter(isms_day day, int closed, void *data)
{
	isms_metrics *m = data;
	int q = quarter_index(m, day);

	if (q >= 0 && closed)
		m->quarters[q].closed++;
	else if (q >= 0)
		m->quarters[q].raised++;
}

/* Commits whose date is unknown are in no period. */
static void flow(const isms_audit *a, guint32 commit, int closed, isms_flow_fn fn, void *data)
{
	isms_day day = isms_audit_commit(a, commit)->date;

	if (isms_date_known(day))
		fn(day, closed, data);
}

void isms_metrics_flow(const isms_audit *a, isms_flow_fn fn, void *data)
{
	for (guint k = 0; k < a->registers->len; k++) {
		const isms_register_model *m = g_ptr_array_index(a->registers, k);
		for (guint i = 0; i < m->items->len; i++) {
			const isms_item_history *h = g_ptr_array_index(m->items, i);
			int first_here = h->first_listed == h->first_seen;
			if (first_here)
				flow(a, h->first_listed, 0, fn, data);
			for (guint t = 0; t < h->transitions->len; t++) {
				const isms_transition *tr =
				    &g_array_index(h->transitions, isms_transition, t);
				if (tr->to == ISMS_STATE_CLOSED &&
				    !(tr->from == ISMS_STATE_UNKNOWN && !first_here))
					flow(a, tr->commit, 1, fn, data);
			}
		}
	}
}

static int cmp_int(gconstpointer a, gconstpointer b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* Nearest-rank percentile of a sorted array. */
static int percentile(const GArray *sorted, int p)
{
	guint rank = (guint)((p * sorted->len + 99) / 100);

	return g_array_index(sorted, int, rank > 0 ? rank - 1 : 0);
}

void isms_metrics_compute(const isms_audit *a, isms_metrics *out)
{
	GArray *times = g_array_new(FALSE, FALSE, sizeof(int));
	int y, mon, d;

	memset(out, 0, sizeof(*out));
	/* the eight calendar quarters ending with the one holding the audit date */
	isms_date_ymd(a->today, &y, &mon, &d);
	for (int q = ISMS_METRICS_QUARTERS - 1, qy = y, qq = (mon - 1) / 3 + 1; q >= 0; q--) {
		out->quarters[q].year = qy;
		out->quarters[q].quarter = qq;
		if (--qq == 0) {
			qq = 4;
			qy--;
		}
	}
	isms_metrics_flow(a, count_quarter, out);
	for (guint k = 0; k < a->registers->len; k++) {
		const isms_register_model *m = g_ptr_array_index(a->registers, k);
		for (guint i = 0; i < m->items->len; i++) {
			const isms_item_history *h = g_ptr_array_index(m->items, i);
			isms_day first_day = isms_audit_commit(a, h->first_listed)->date;
			if (h->removed != ISMS_NO_COMMIT)
				continue;
			const isms_reg_item *it = h->item;
			out->items++;
			out->by_state[it->state]++;
			if (it->state == ISMS_STATE_OPEN && isms_date_known(first_day)) {
				int age = (int)(a->today - first_day), b = 0;
				while (b < ISMS_METRICS_AGE_BUCKETS - 1 &&
				       age > isms_metrics_age_limits[b])
					b++;
				out->open_by_age[b]++;
			} else if (it->state == ISMS_STATE_CLOSED) {
				guint32 c = h->closure;
				if (c != ISMS_NO_COMMIT && isms_date_known(first_day) &&
				    isms_date_known(isms_audit_commit(a, c)->date)) {
					int days = (int)(isms_audit_commit(a, c)->date - first_day);
					g_array_append_val(times, days);
				}
				if (it->has_due && it->has_closed) {
					out->closed_with_due++;
					out->closed_on_time += it->closed <= it->due;
				}
			}
		}
	}
	out->closure_times = (int)times->len;
	if (times->len > 0) {
		g_array_sort(times, cmp_int);
		out->median_days = percentile(times, 50);
		out->p90_days = percentile(times, 90);
	}
	g_array_free(times, TRUE);
}
