/* Register metrics for the management review, from the replayed history. */
#include "isms/metrics.h"

#include <string.h>

const int isms_metrics_age_limits[ISMS_METRICS_AGE_BUCKETS - 1] = {30, 90, 180};

static int quarter_index(const isms_metrics_quarter *quarters, isms_day day)
{
	int y, mon, d;

	isms_date_ymd(day, &y, &mon, &d);
	for (int q = 0; q < ISMS_METRICS_QUARTERS; q++)
		if (quarters[q].year == y && quarters[q].quarter == (mon - 1) / 3 + 1)
			return q;
	return -1;
}

static void count_in(isms_metrics_quarter *quarters, isms_day day, int closed)
{
	int q = quarter_index(quarters, day);

	if (q >= 0 && closed)
		quarters[q].closed++;
	else if (q >= 0)
		quarters[q].raised++;
}

static void count_quarter(isms_day day, int closed, void *data)
{
	count_in(((isms_metrics *)data)->quarters, day, closed);
}

/* The eight calendar quarters ending with the one holding `today`. */
static void set_quarters(isms_day today, isms_metrics_quarter *quarters)
{
	int y, mon, d;

	isms_date_ymd(today, &y, &mon, &d);
	for (int q = ISMS_METRICS_QUARTERS - 1, qy = y, qq = (mon - 1) / 3 + 1; q >= 0; q--) {
		quarters[q].year = qy;
		quarters[q].quarter = qq;
		if (--qq == 0) {
			qq = 4;
			qy--;
		}
	}
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

	memset(out, 0, sizeof(*out));
	set_quarters(a->today, out->quarters);
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

/* ---- risks ----------------------------------------------------------------- */

/* The flow of one risk: first listed (once across registers), and each
 * commit that closed or retired it. */
static void risk_flow(const isms_audit *a, const isms_risk_history *h, isms_risk_metrics *out)
{
	if (h->first_listed == h->first_seen)
		count_in(out->quarters, isms_audit_commit(a, h->first_listed)->date, 0);
	for (guint c = 0; c < h->changes->len; c++) {
		const isms_risk_change *ch = &g_array_index(h->changes, isms_risk_change, c);
		isms_risk_status from = isms_risk_status_lookup(ch->from),
		                 to = isms_risk_status_lookup(ch->to);
		if (ch->kind == ISMS_RISK_CH_STATUS &&
		    (to == ISMS_RISK_CLOSED || to == ISMS_RISK_RETIRED) &&
		    from != ISMS_RISK_CLOSED && from != ISMS_RISK_RETIRED)
			count_in(out->quarters, isms_audit_commit(a, ch->commit)->date, 1);
	}
}

void isms_risk_metrics_compute(const isms_audit *a, isms_risk_metrics *out)
{
	memset(out, 0, sizeof(*out));
	set_quarters(a->today, out->quarters);
	out->scale = a->config.risk.scale;
	for (guint k = 0; k < a->risk_registers->len; k++) {
		const isms_risk_model *m = g_ptr_array_index(a->risk_registers, k);
		for (guint i = 0; i < m->risks->len; i++) {
			const isms_risk_history *h = g_ptr_array_index(m->risks, i);
			const isms_risk *r = h->risk;
			isms_risk_acceptance acc;
			risk_flow(a, h, out);
			if (h->removed != ISMS_NO_COMMIT || !isms_risk_in_force(r))
				continue;
			out->risks++;
			out->by_level[r->level]++;
			out->by_treatment[r->treatment]++;
			out->overdue += isms_risk_days_overdue(r, a->today) > 0;
			if (isms_risk_acceptance_of(a, h, &acc)) {
				out->accepted++;
				out->acceptance_expired += acc.days_expired > 0;
			}
			if (r->likelihood.has_number && r->impact.has_number &&
			    r->likelihood.number >= 1 && r->likelihood.number <= out->scale &&
			    r->impact.number >= 1 && r->impact.number <= out->scale)
				out->heat[r->likelihood.number - 1][r->impact.number - 1]++;
			else
				out->off_map++;
		}
	}
}
