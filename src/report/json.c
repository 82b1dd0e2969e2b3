#include <jansson.h>
#include <string.h>

#include "isms/approval.h"
#include "isms/clauses.h"
#include "isms/error.h"
#include "isms/metrics.h"
#include "isms/report.h"
#include "isms/rules.h"
#include "isms/version.h"
#include "report/ci.h"

/* A JSON string from repository text (valid UTF-8 always), or null. */
static json_t *jstr(const char *s)
{
	return isms_report_ci_json(s);
}

static json_t *jdate(isms_day d)
{
	char buf[ISMS_DATE_BUFSIZE];

	if (!isms_date_known(d)) /* a commit's date outside the calendar */
		return json_null();
	return json_string(isms_date_format(d, buf));
}

static json_t *jcommit(const isms_audit *a, guint32 index)
{
	char hex[GIT_OID_HEXSZ + 1];

	if (index == ISMS_NO_COMMIT)
		return json_null();
	return json_pack("{s:s, s:o}", "id", isms_audit_commit_hex(a, index, hex), "date",
	                 jdate(isms_audit_commit(a, index)->date));
}

/* A field's value when usable, else null. */
static json_t *jfield(const isms_meta *m, isms_field f)
{
	return isms_meta_has(m, f) ? jstr(isms_meta_text(m, f)) : json_null();
}

static json_t *parties(const GPtrArray *list)
{
	json_t *arr = json_array();

	for (guint i = 0; i < list->len; i++) {
		const isms_party *p = g_ptr_array_index(list, i);
		json_array_append_new(arr, json_pack("{s:o, s:o, s:s, s:o}", "name", jstr(p->name),
		                                     "email", jstr(p->email), "known_by",
		                                     isms_known_by_name(p->how), "trailer",
		                                     jstr(p->trailer)));
	}
	return arr;
}

/* The approval trail: each change from the one that set the current
 * version on, with its evidence; null for a document held to no approval
 * (a record, a register). */
static json_t *approvals(const isms_audit *a, const isms_document *d)
{
	static const struct {
		unsigned bit;
		const char *word;
	} what[] = {{ISMS_CHANGED_ADDED, "added"},
	            {ISMS_CHANGED_TEXT, "text"},
	            {ISMS_CHANGED_REVIEW, "review"},
	            {ISMS_CHANGED_VERSION, "version"},
	            {ISMS_CHANGED_IN_FORCE, "in-force"}};
	const GArray *changes = isms_approval_changes(a, d);
	json_t *arr;

	if (!changes)
		return json_null();
	arr = json_array();
	for (guint i = isms_approval_trail_start(a, d); i < changes->len; i++) {
		const isms_doc_change *ch = &g_array_index(changes, isms_doc_change, i);
		const isms_commit_approval *ca = ch->approval;
		json_t *changed = json_array();
		for (size_t k = 0; k < G_N_ELEMENTS(what); k++)
			if (ch->what & what[k].bit)
				json_array_append_new(changed, json_string(what[k].word));
		json_array_append_new(
		    arr, json_pack("{s:o, s:o, s:s, s:s, s:b, s:b, s:o, s:o, s:o, s:o, s:b}",
		                   "commit", jcommit(a, ch->commit), "changed", changed, "kind",
		                   isms_change_kind_name(ca->kind), "state",
		                   isms_approval_state_name(ca->state), "judged",
		                   isms_approval_change_judged(a, ch), "signed", ca->is_signed,
		                   "pull_request",
		                   ca->pull_request ? json_integer(ca->pull_request) : json_null(),
		                   "forge", jstr(ca->forge), "authors", parties(ca->authors),
		                   "approvers", parties(ca->approvers), "authors_complete",
		                   !ca->merged_cut && !ca->authors_unknown));
	}
	return arr;
}

/* When approvals are judged from, and the judged changes per quarter. */
static json_t *approval(const isms_audit *a)
{
	static const char *const names[ISMS_APPROVAL_STATES] = {"independent", "self", "unknown",
	                                                        "none"};
	isms_approval_quarter q[ISMS_APPROVAL_QUARTERS];
	json_t *quarters = json_array();
	guint32 first = a->approvals->first_evidence;

	isms_approval_quarters(a, q);
	for (int i = 0; i < ISMS_APPROVAL_QUARTERS; i++) {
		char label[16];
		json_t *o = json_object();
		snprintf(label, sizeof(label), "%04d-Q%d", q[i].year % 10000, q[i].quarter % 10);
		json_object_set_new(o, "quarter", json_string(label));
		for (int st = 0; st < ISMS_APPROVAL_STATES; st++)
			json_object_set_new(o, names[st], json_integer(q[i].changes[st]));
		json_array_append_new(quarters, o);
	}
	return json_pack("{s:o, s:b, s:o, s:o}", "since",
	                 a->config.has_approval_since ? jdate(a->config.approval_since)
	                 : first != ISMS_NO_COMMIT    ? jdate(isms_audit_commit(a, first)->date)
	                                              : json_null(),
	                 "since_configured", a->config.has_approval_since, "first_evidence",
	                 jcommit(a, first), "quarters", quarters);
}

/* Where each field was read: `{"owner": "table:12", ...}`, canonical fields
 * in their order, then the custom fields of `fields:` in theirs. */
static json_t *sources(const isms_audit *a, const isms_meta *m)
{
	json_t *o = json_object();
	int n = isms_meta_dialect_fields(&a->config.fields);

	for (int f = 0; f < n; f++) {
		isms_meta_source src;
		const isms_fm_field *field = isms_meta_get(m, f, &src);
		char where[32]; /* "front-matter:" and a line number */
		if (!field)
			continue;
		g_snprintf(where, sizeof(where), "%s:%d", isms_meta_source_name(src), field->line);
		json_object_set_new(o, isms_meta_dialect_name(&a->config.fields, f),
		                    json_string(where));
	}
	return o;
}

static json_t *documents(const isms_audit *a)
{
	json_t *arr = json_array();

	for (guint i = 0; i < a->documents->len; i++) {
		const isms_document *d = g_ptr_array_index(a->documents, i);
		const isms_meta *m = d->meta;
		const char *status = !m->field[ISMS_F_STATUS]        ? NULL
		                     : m->status == ISMS_DOC_DRAFT   ? "draft"
		                     : m->status == ISMS_DOC_RETIRED ? "retired"
		                                                     : "approved";
		json_t *doc = json_pack(
		    "{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "path",
		    jstr(d->path), "id", jfield(m, ISMS_F_ID), "title", jfield(m, ISMS_F_TITLE),
		    "type", *isms_document_type(d) ? jstr(isms_document_type(d)) : json_null(),
		    "status", status ? json_string(status) : json_null(), "owner",
		    jfield(m, ISMS_F_OWNER), "version", jfield(m, ISMS_F_VERSION), "last_reviewed",
		    m->has_last_reviewed ? jdate(m->last_reviewed) : json_null(), "review_due",
		    d->has_review_due ? jdate(d->review_due) : json_null(), "first_commit",
		    jcommit(a, d->first), "last_change", jcommit(a, d->last_change),
		    "last_body_change", jcommit(a, d->last_body_change), "sources", sources(a, m));
		json_object_set_new(doc, "approvals", approvals(a, d));
		json_array_append_new(arr, doc);
	}
	return arr;
}

static json_t *jcell(const isms_reg_item *it, isms_column c)
{
	return jstr(it->cell[c]);
}

static json_t *registers(const isms_audit *a)
{
	json_t *arr = json_array();

	for (guint r = 0; r < a->registers->len; r++) {
		const isms_register_model *m = g_ptr_array_index(a->registers, r);
		json_t *items = json_array();
		for (guint i = 0; i < m->items->len; i++) {
			const isms_item_history *h = g_ptr_array_index(m->items, i);
			const isms_reg_item *it = h->item;
			json_t *tr = json_array();
			for (guint k = 0; k < h->transitions->len; k++) {
				const isms_transition *t =
				    &g_array_index(h->transitions, isms_transition, k);
				char hex[GIT_OID_HEXSZ + 1];
				json_array_append_new(
				    tr, json_pack("{s:o, s:s, s:s, s:o}", "from",
				                  t->from == ISMS_STATE_UNKNOWN && k == 0
				                      ? json_null()
				                      : json_string(isms_state_name(t->from)),
				                  "to", isms_state_name(t->to), "commit",
				                  isms_audit_commit_hex(a, t->commit, hex), "date",
				                  jdate(isms_audit_commit(a, t->commit)->date)));
			}
			json_array_append_new(
			    items,
			    json_pack(
			        "{s:o, s:o, s:o, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:I, s:o}",
			        "id", jstr(h->id), "row_line",
			        h->removed == ISMS_NO_COMMIT ? json_integer(it->line) : json_null(),
			        "status", jcell(it, ISMS_COL_STATUS), "state",
			        isms_state_name(it->state), "raised", jcell(it, ISMS_COL_RAISED),
			        "due", jcell(it, ISMS_COL_DUE), "closed",
			        jcell(it, ISMS_COL_CLOSED), "owner", jcell(it, ISMS_COL_OWNER),
			        "first_seen", jcommit(a, h->first_seen), "closed_seen",
			        jcommit(a, h->closed_seen), "removed", jcommit(a, h->removed),
			        "due_changes", (json_int_t)h->due_changes, "transitions", tr));
		}
		json_array_append_new(
		    arr, json_pack("{s:o, s:o}", "path", jstr(m->doc->path), "items", items));
	}
	return arr;
}

static json_t *jrcell(const isms_risk *r, isms_risk_column c)
{
	return jstr(r->cell[c]);
}

static json_t *jday(int has, isms_day d)
{
	return has ? jdate(d) : json_null();
}

/* One risk: its current values (or, once removed, its last), what they
 * mean, and its history. */
static json_t *risk(const isms_audit *a, const isms_risk_history *h)
{
	const isms_risk *r = h->risk;
	int present = h->removed == ISMS_NO_COMMIT;
	json_t *controls = json_array(), *history = json_array(), *acceptance = json_null();
	json_t *review = json_null(), *jr;
	isms_risk_acceptance acc;

	for (guint i = 0; i < r->controls->len; i++)
		json_array_append_new(controls, json_string(g_ptr_array_index(r->controls, i)));
	for (guint i = 0; i < h->changes->len; i++) {
		const isms_risk_change *c = &g_array_index(h->changes, isms_risk_change, i);
		char hex[GIT_OID_HEXSZ + 1];
		json_t *jc =
		    json_pack("{s:s, s:o, s:o, s:s, s:o}", "change", isms_risk_change_name(c->kind),
		              "from", jstr(c->from), "to", jstr(c->to), "commit",
		              isms_audit_commit_hex(a, c->commit, hex), "date",
		              jdate(isms_audit_commit(a, c->commit)->date));
		if (c->kind == ISMS_RISK_CH_SCORE) {
			json_object_set_new(jc, "lowered", json_boolean(c->lowered));
			json_object_set_new(jc, "reassessed", json_boolean(c->reassessed));
		}
		json_array_append_new(history, jc);
	}
	if (isms_risk_acceptance_of(a, h, &acc))
		acceptance = json_pack("{s:o, s:o, s:b, s:i}", "since", jcommit(a, acc.since),
		                       "until", jdate(acc.until), "typed", acc.typed,
		                       "days_expired", acc.days_expired);
	if (present && isms_risk_in_force(r)) {
		isms_risk_review rv;
		isms_risk_review_of(a, h, &rv);
		review = jdate(rv.due);
	}
	jr = json_pack(
	    "{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id", jstr(h->id),
	    "row_line", present ? json_integer(r->line) : json_null(), "title",
	    jrcell(r, ISMS_RISK_COL_TITLE), "owner", jrcell(r, ISMS_RISK_COL_OWNER), "likelihood",
	    jrcell(r, ISMS_RISK_COL_LIKELIHOOD), "impact", jrcell(r, ISMS_RISK_COL_IMPACT), "score",
	    jrcell(r, ISMS_RISK_COL_SCORE), "level",
	    r->level ? json_string(isms_risk_level_name(r->level)) : json_null(), "treatment",
	    r->treatment ? json_string(isms_risk_treatment_name(r->treatment)) : json_null(),
	    "plan", jstr(r->plan), "controls", controls, "due", jday(r->has_due, r->due), "status",
	    jrcell(r, ISMS_RISK_COL_STATUS));
	json_object_update_new(
	    jr, json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:b, s:i, s:o, s:o}", "state",
	                  r->status ? json_string(isms_risk_status_name(r->status)) : json_null(),
	                  "last_reviewed", jday(r->has_last_reviewed, r->last_reviewed),
	                  "next_review", jday(r->has_next_review, r->next_review), "residual",
	                  jrcell(r, ISMS_RISK_COL_RESIDUAL), "approver",
	                  jrcell(r, ISMS_RISK_COL_APPROVER), "accept_until",
	                  jday(r->has_accept_until, r->accept_until), "in_force",
	                  present && isms_risk_in_force(r), "accepted",
	                  present && isms_risk_accepted(r), "days_overdue",
	                  present ? isms_risk_days_overdue(r, a->today) : 0, "review_due", review,
	                  "acceptance", acceptance));
	json_object_update_new(jr, json_pack("{s:o, s:o, s:o, s:I, s:o}", "first_seen",
	                                     jcommit(a, h->first_seen), "last_changed",
	                                     jcommit(a, h->last_changed), "removed",
	                                     jcommit(a, h->removed), "due_changes",
	                                     (json_int_t)h->due_changes, "history", history));
	return jr;
}

static json_t *risk_registers(const isms_audit *a)
{
	json_t *arr = json_array();

	for (guint k = 0; k < a->risk_registers->len; k++) {
		const isms_risk_model *m = g_ptr_array_index(a->risk_registers, k);
		json_t *risks = json_array();
		for (guint i = 0; i < m->risks->len; i++)
			json_array_append_new(risks, risk(a, g_ptr_array_index(m->risks, i)));
		json_array_append_new(arr, json_pack("{s:o, s:b, s:o}", "path", jstr(m->doc->path),
		                                     "declared", m->declared, "risks", risks));
	}
	return arr;
}

static json_t *risk_metrics(const isms_audit *a)
{
	isms_risk_metrics m;
	json_t *levels = json_object(), *options = json_object(), *quarters = json_array();
	json_t *rows = json_array();

	isms_risk_metrics_compute(a, &m);
	for (int l = ISMS_RISK_LOW; l < ISMS_RISK_LEVEL_COUNT; l++)
		json_object_set_new(levels, isms_risk_level_name((isms_risk_level)l),
		                    json_integer(m.by_level[l]));
	json_object_set_new(levels, "unknown", json_integer(m.by_level[ISMS_RISK_LEVEL_NONE]));
	for (int t = ISMS_TREAT_MODIFY; t < ISMS_TREAT_COUNT; t++)
		json_object_set_new(options, isms_risk_treatment_name((isms_risk_treatment)t),
		                    json_integer(m.by_treatment[t]));
	json_object_set_new(options, "none", json_integer(m.by_treatment[ISMS_TREAT_NONE]));
	for (int q = 0; q < ISMS_METRICS_QUARTERS; q++) {
		char label[16];
		snprintf(label, sizeof(label), "%04d-Q%d", m.quarters[q].year % 10000,
		         m.quarters[q].quarter % 10);
		json_array_append_new(quarters, json_pack("{s:s, s:i, s:i}", "quarter", label,
		                                          "added", m.quarters[q].raised, "closed",
		                                          m.quarters[q].closed));
	}
	for (int l = 0; l < m.scale; l++) {
		json_t *row = json_array();
		for (int i = 0; i < m.scale; i++)
			json_array_append_new(row, json_integer(m.heat[l][i]));
		json_array_append_new(rows, row);
	}
	return json_pack("{s:i, s:o, s:o, s:i, s:i, s:i, s:o, s:{s:i, s:o, s:i}}", "risks", m.risks,
	                 "by_level", levels, "by_treatment", options, "treatments_overdue",
	                 m.overdue, "accepted", m.accepted, "acceptances_expired",
	                 m.acceptance_expired, "quarters", quarters, "heat_map", "scale", m.scale,
	                 "likelihood_by_impact", rows, "off_map", m.off_map);
}

static json_t *metrics(const isms_audit *a)
{
	isms_metrics m;
	json_t *states = json_object(), *quarters = json_array(), *age = json_object();
	static const char *const age_names[ISMS_METRICS_AGE_BUCKETS] = {"0-30", "31-90", "91-180",
	                                                                "over_180"};

	isms_metrics_compute(a, &m);
	for (int s = 0; s <= ISMS_STATE_UNKNOWN; s++)
		json_object_set_new(states, isms_state_name((isms_item_state)s),
		                    json_integer(m.by_state[s]));
	for (int q = 0; q < ISMS_METRICS_QUARTERS; q++) {
		char label[16];
		snprintf(label, sizeof(label), "%04d-Q%d", m.quarters[q].year % 10000,
		         m.quarters[q].quarter % 10);
		json_array_append_new(quarters, json_pack("{s:s, s:i, s:i}", "quarter", label,
		                                          "raised", m.quarters[q].raised, "closed",
		                                          m.quarters[q].closed));
	}
	for (int b = 0; b < ISMS_METRICS_AGE_BUCKETS; b++)
		json_object_set_new(age, age_names[b], json_integer(m.open_by_age[b]));
	return json_pack("{s:i, s:o, s:o, s:{s:i, s:o, s:o}, s:o, s:{s:i, s:i, s:o}}", "items",
	                 m.items, "by_state", states, "quarters", quarters, "days_to_closure",
	                 "count", m.closure_times, "median",
	                 m.closure_times ? json_integer(m.median_days) : json_null(), "p90",
	                 m.closure_times ? json_integer(m.p90_days) : json_null(), "open_by_age",
	                 age, "on_time_closure", "closed_with_due", m.closed_with_due, "on_time",
	                 m.closed_on_time, "rate",
	                 m.closed_with_due ? json_real((double)m.closed_on_time / m.closed_with_due)
	                                   : json_null());
}

static json_t *coverage(const isms_audit *a)
{
	json_t *arr = json_array();

	for (guint i = 0; i < a->coverage->len; i++) {
		const isms_coverage *c = g_ptr_array_index(a->coverage, i);
		json_t *docs = json_array(), *inactive = json_array();
		for (guint k = 0; k < c->documents->len; k++)
			json_array_append_new(
			    docs,
			    jstr(((isms_document *)g_ptr_array_index(c->documents, k))->path));
		for (guint k = 0; k < c->inactive->len; k++)
			json_array_append_new(
			    inactive,
			    jstr(((isms_document *)g_ptr_array_index(c->inactive, k))->path));
		json_array_append_new(
		    arr, json_pack("{s:s, s:s, s:o, s:s, s:o}", "clause", c->clause, "title",
		                   isms_clause_title(c->clause), "documents", docs, "status",
		                   isms_coverage_status_name(c->status), "inactive", inactive));
	}
	return arr;
}

/* What the configuration changed about the rules: visible in every report,
 * so that switching a rule off never hides evidence silently. */
static json_t *rule_settings(const isms_audit *a)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < isms_rules_count; i++) {
		const isms_rule_setting *s = isms_config_rule(&a->config, isms_rules[i].id);
		json_t *ex;
		if (!s)
			continue;
		ex = json_array();
		for (guint k = 0; k < s->exclude->len; k++)
			json_array_append_new(ex, jstr(g_ptr_array_index(s->exclude, k)));
		json_array_append_new(
		    arr, json_pack("{s:s, s:s, s:s, s:o}", "rule", isms_rules[i].id, "default",
		                   isms_severity_name(isms_rules[i].severity), "severity",
		                   s->off            ? "off"
		                   : s->has_severity ? isms_severity_name(s->severity)
		                                     : isms_severity_name(isms_rules[i].severity),
		                   "exclude", ex));
	}
	return arr;
}

static json_t *findings(const GPtrArray *list)
{
	json_t *arr = json_array();

	for (guint i = 0; i < list->len; i++) {
		const isms_finding *f = g_ptr_array_index(list, i);
		json_t *ev = json_array();
		for (guint k = 0; k < f->evidence->len; k++) {
			const isms_evidence *e = &g_array_index(f->evidence, isms_evidence, k);
			json_array_append_new(
			    ev, json_pack("{s:o, s:o, s:o}", "commit",
			                  e->commit[0] ? json_string(e->commit) : json_null(),
			                  "date", jdate(e->date), "note", jstr(e->note)));
		}
		json_t *jf = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:s}", "rule",
		                       f->rule->id, "clause", isms_finding_clause(f), "severity",
		                       isms_severity_name(f->severity), "path", jstr(f->path),
		                       "line", f->line > 0 ? json_integer(f->line) : json_null(),
		                       "item", jstr(f->item), "message", jstr(f->message),
		                       "evidence", ev, "fingerprint", f->fingerprint);
		if (f->unproven)
			json_object_set_new(jf, "unproven", json_true());
		if (f->waiver)
			json_object_set_new(
			    jf, "waiver",
			    json_pack("{s:o, s:o, s:o, s:o, s:o, s:i}", "reason",
			              jstr(f->waiver->reason), "approved_by",
			              jstr(f->waiver->approved_by), "expires",
			              jdate(f->waiver->expires), "path", jstr(f->waiver->path),
			              "item", jstr(f->waiver->item), "line", f->waiver->line));
		json_array_append_new(arr, jf);
	}
	return arr;
}

int isms_report_json(const isms_audit *a, const isms_findings *fs, const isms_report_options *opts,
                     FILE *out)
{
	char hex[GIT_OID_HEXSZ + 1];
	json_t *root;
	int rc;

	root = json_pack("{s:{s:s, s:s}, s:{s:o, s:s, s:o, s:b}, s:{s:o, s:o}, s:{s:I, s:I, s:I, "
	                 "s:I}, s:o, s:o, "
	                 "s:o, s:o, s:o, s:o, s:o, s:o}",
	                 "tool", "name", ISMS_NAME, "version", ISMS_VERSION, "repository", "root",
	                 jstr(a->root), "commit",
	                 isms_audit_commit_hex(a, a->history.commits->len - 1, hex), "as_of",
	                 jdate(a->today), "shallow", a->shallow, "configuration", "source",
	                 jstr(a->config.source), "rules", rule_settings(a), "summary", "major",
	                 (json_int_t)isms_findings_count(fs, ISMS_SEV_MAJOR), "minor",
	                 (json_int_t)isms_findings_count(fs, ISMS_SEV_MINOR), "observation",
	                 (json_int_t)isms_findings_count(fs, ISMS_SEV_OBSERVATION), "waived",
	                 (json_int_t)fs->waived->len, "documents", documents(a), "coverage",
	                 coverage(a), "registers", registers(a), "risk_registers",
	                 risk_registers(a), "metrics", metrics(a), "risk_metrics", risk_metrics(a),
	                 "findings", findings(fs->items), "waived", findings(fs->waived));
	if (root)
		json_object_set_new(root, "approval", approval(a));
	if (root && opts->base)
		json_object_set_new(
		    root, "base",
		    json_pack("{s:o, s:s, s:b, s:i, s:I, s:I}", "rev", jstr(opts->base->rev),
		              "commit", opts->base->commit, "merge_base", opts->base->merge_base,
		              "changes", (int)opts->base->changes, "preexisting",
		              (json_int_t)opts->base->preexisting, "preexisting_waived",
		              (json_int_t)opts->base->preexisting_waived));
	if (!root)
		return isms_error_set(ISMS_ERROR, "cannot build the JSON report");
	rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (rc < 0 || fputc('\n', out) == EOF)
		return isms_error_set(ISMS_EREPO, "cannot write the JSON report");
	return 0;
}
