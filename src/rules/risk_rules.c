/* Risk register rules: clauses 6.1.2, 6.1.3, 8.2 and 8.3 over the risk
 * models (the risks at the audited commit and their replayed history). */
#include "rules/rules_internal.h"

#include <stdio.h>
#include <string.h>

#include "isms/error.h"
#include "isms/markdown.h"

/* A finding about one risk: the register's identity and the risk's id make
 * the fingerprint. */
#define RISK_FINDING(out, r, m, h, ...)                                                            \
	isms_findings_add(out, r, (m)->doc->path, (h)->risk->line, (m)->doc->identity, (h)->id,    \
	                  __VA_ARGS__)

/* The risks of a register present at the audited commit. */
#define FOR_CURRENT_RISKS(m, h)                                                                    \
	for (guint i_ = 0; i_ < (m)->risks->len; i_++)                                             \
		for (const isms_risk_history *h = g_ptr_array_index((m)->risks, i_);               \
		     h && h->removed == ISMS_NO_COMMIT; h = NULL)

static const isms_risk_table *table_of(const isms_risk_model *m, const isms_risk_history *h)
{
	return g_ptr_array_index(m->current->tables, h->risk->table);
}

static int has_column(const isms_risk_model *m, const isms_risk_history *h, isms_risk_column c)
{
	return table_of(m, h)->column[c] >= 0;
}

static const isms_risk_model *model_at(const isms_audit *a, guint k)
{
	return g_ptr_array_index(a->risk_registers, k);
}

/* "high (score 16)", "critical (4 x 5)", "high": a risk's level as the
 * messages give it. Caller frees. */
static char *level_text(const isms_risk *r)
{
	char *score = isms_risk_score_text(r);
	char *text = score ? isms_text_printf("%s (%s)", isms_risk_level_name(r->level), score)
	                   : g_strdup(isms_risk_level_name(r->level));

	g_free(score);
	return text;
}

/* "once", "twice", "3 times". */
static void times_text(int n, char *buf, size_t size)
{
	if (n == 1)
		snprintf(buf, size, "once");
	else if (n == 2)
		snprintf(buf, size, "twice");
	else
		snprintf(buf, size, "%d times", n);
}

/* ---- the registers as a whole -------------------------------------------- */

int isms_check_risk_register_missing(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	const isms_config *cfg = &a->config;

	if (a->documents->len == 0) /* ISMS-NO-DOCUMENTS says it all */
		return 0;
	for (guint i = 0; i < cfg->risk_registers->len; i++) {
		const char *p = g_ptr_array_index(cfg->risk_registers, i);
		int found = strpbrk(p, "*?[") != NULL; /* a glob may match nothing */
		for (guint k = 0; !found && k < a->risk_registers->len; k++)
			found = strcmp(model_at(a, k)->doc->path, p) == 0;
		if (!found)
			isms_findings_add(out, r, NULL, 0, "risk_registers", p,
			                  "the risk register %s named in the configuration (%s) is "
			                  "not an audited Markdown file at the audited commit",
			                  p, cfg->source ? cfg->source : "risk_registers");
	}
	if (a->risk_registers->len == 0)
		isms_findings_add(out, r, NULL, 0, "risk_registers", NULL,
		                  "no risk register: no document has `type: risk-register` or is "
		                  "listed under `risk_registers`, and none holds a risk table (a "
		                  "Risk ID column with likelihood, impact, score or treatment), so "
		                  "nothing shows the risks assessed, owned and treated");
	return 0;
}

/* "Owner and Treatment columns", "who owns them, how ... and how ...". */
static char *column_list(const char *const *names, int n, const char *one, const char *many)
{
	GString *s = g_string_new(NULL);

	for (int i = 0; i < n; i++)
		g_string_append_printf(s, "%s%s",
		                       i == 0       ? ""
		                       : i == n - 1 ? " and "
		                                    : ", ",
		                       names[i]);
	g_string_append(s, n == 1 ? one : many);
	return g_string_free(s, FALSE);
}

static void bad_tables(const isms_audit *a, const isms_rule *r, const isms_risk_model *m,
                       isms_findings *out)
{
	const isms_risk_register *reg = m->current;
	char item[32];

	if (reg->tables->len == 0) {
		isms_finding *f = isms_findings_add(
		    out, r, m->doc->path, m->doc->meta->fm.body_line, m->doc->identity, NULL,
		    "%s has no risk table (a table with a risk id column and a likelihood, impact, "
		    "score or treatment column): no risk is shown assessed",
		    m->doc->path);
		isms_rule_evidence(a, f, m->doc->last_change, "register last changed");
		return;
	}
	for (guint t = 0; t < reg->tables->len; t++) {
		const isms_risk_table *rt = g_ptr_array_index(reg->tables, t);
		const char *missing[3], *cannot[3];
		int n = 0;
		if (rt->column[ISMS_RISK_COL_OWNER] < 0) {
			cannot[n] = "who owns them";
			missing[n++] = "Owner";
		}
		if (rt->column[ISMS_RISK_COL_SCORE] < 0 &&
		    (rt->column[ISMS_RISK_COL_LIKELIHOOD] < 0 ||
		     rt->column[ISMS_RISK_COL_IMPACT] < 0)) {
			cannot[n] = "how they were assessed";
			missing[n++] = "Score (or Likelihood and Impact)";
		}
		if (rt->column[ISMS_RISK_COL_TREATMENT] < 0) {
			cannot[n] = "how they are treated";
			missing[n++] = "Treatment";
		}
		if (n == 0)
			continue;
		char *list = column_list(missing, n, " column", " columns");
		char *why = column_list(cannot, n, "", "");
		snprintf(item, sizeof(item), "table %u", t + 1);
		isms_finding *f = isms_findings_add(
		    out, r, m->doc->path, rt->line, m->doc->identity, item,
		    "the risk table on line %d has no %s: its risks cannot show %s", rt->line, list,
		    why);
		isms_rule_evidence(a, f, m->doc->last_change, "register last changed");
		g_free(why);
		g_free(list);
	}
}

int isms_check_risk_bad_table(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	for (guint k = 0; k < a->risk_registers->len; k++) {
		const isms_risk_model *m = model_at(a, k);
		const isms_risk_register *reg = m->current;
		GHashTable *seen;
		char item[32];
		if (!isms_document_readable(m->doc))
			continue; /* DOC-UNREADABLE */
		bad_tables(a, r, m, out);
		for (guint i = 0; i < reg->idless->len; i++) {
			int line = g_array_index(reg->idless, int, i);
			snprintf(item, sizeof(item), "line %d", line);
			isms_finding *f =
			    isms_findings_add(out, r, m->doc->path, line, m->doc->identity, item,
			                      "the row on line %d has no risk id: it cannot be "
			                      "referred to or followed "
			                      "through the register's history",
			                      line);
			isms_rule_evidence(a, f, m->doc->last_change, "register last changed");
		}
		seen = g_hash_table_new(g_str_hash, g_str_equal);
		for (guint i = 0; i < reg->risks->len; i++) {
			const isms_risk *risk = g_ptr_array_index(reg->risks, i);
			const isms_risk *first = g_hash_table_lookup(seen, risk->id);
			if (first) {
				isms_findings_add(out, r, m->doc->path, risk->line,
				                  m->doc->identity, risk->id,
				                  "risk %s appears again (first on line %d): its "
				                  "history is ambiguous",
				                  risk->id, first->line);
				continue;
			}
			g_hash_table_insert(seen, risk->id, (gpointer)risk);
		}
		g_hash_table_destroy(seen);
		FOR_CURRENT_RISKS(m, h)
		{
			GString *msg;
			if (h->risk->problems->len == 0)
				continue;
			/* the problems are composed by risk.c, their values already cut */
			msg = g_string_new(NULL);
			g_string_append(msg, "risk ");
			isms_text_append_quoted(msg, h->id);
			for (guint p = 0; p < h->risk->problems->len; p++)
				g_string_append_printf(
				    msg, "%s%s", p ? "; " : ": ",
				    (const char *)g_ptr_array_index(h->risk->problems, p));
			isms_finding *f = isms_findings_add_text(
			    out, r, m->doc->path, h->risk->line, m->doc->identity, h->id, msg->str);
			isms_rule_evidence(a, f, h->last_changed, "row last changed");
			g_string_free(msg, TRUE);
		}
	}
	return 0;
}

int isms_check_risk_register_stale(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	char d[ISMS_DATE_BUFSIZE];
	int months = a->config.risk_review_months;

	for (guint k = 0; k < a->risk_registers->len; k++) {
		const isms_risk_model *m = model_at(a, k);
		isms_day last = isms_audit_commit(a, m->doc->last_change)->date;
		int in_force = 0;
		if (isms_date_add(last, (isms_duration){months, 0}) >= a->today)
			continue;
		FOR_CURRENT_RISKS(m, h)
		{
			in_force += isms_risk_in_force(h->risk);
		}
		if (in_force == 0)
			continue; /* an archive of closed risks */
		isms_finding *f = isms_findings_add(
		    out, r, m->doc->path, 0, m->doc->identity, NULL,
		    "the risk register has not changed since %s, %d days before the audit date "
		    "(more than %d months): the risk assessment is not kept current",
		    isms_date_format(last, d), (int)(a->today - last), months);
		isms_rule_evidence(a, f, m->doc->last_change, "register last changed");
	}
	return 0;
}

/* ---- assessment (6.1.2) ----------------------------------------------------- */

int isms_check_risk_no_owner(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	for (guint k = 0; k < a->risk_registers->len; k++) {
		const isms_risk_model *m = model_at(a, k);
		FOR_CURRENT_RISKS(m, h)
		{
			if (!isms_risk_in_force(h->risk) ||
			    !has_column(m, h, ISMS_RISK_COL_OWNER) ||
			    h->risk->cell[ISMS_RISK_COL_OWNER])
				continue;
			isms_finding *f =
			    RISK_FINDING(out, r, m, h,
			                 "risk %s has no owner: nobody is accountable "
			                 "for it and its treatment",
			                 h->id);
			isms_rule_evidence(a, f, h->first_seen, "listed in the register");
		}
	}
	return 0;
}

/* Why a risk in force does not show an assessment, or NULL. Caller frees. */
static char *not_assessed(const isms_audit *a, const isms_risk_history *h)
{
	const isms_risk *k = h->risk;
	const char *score = k->cell[ISMS_RISK_COL_SCORE];
	const char *l = k->cell[ISMS_RISK_COL_LIKELIHOOD], *i = k->cell[ISMS_RISK_COL_IMPACT];
	int scale = a->config.risk.scale;

	if (score && !k->score.has_number && k->score.word == ISMS_RISK_LEVEL_NONE)
		return isms_text_printf("risk %s has score '%s', which is neither a number nor a "
		                        "level word (low, medium, high, critical)",
		                        h->id, score);
	if (!score && !(l && i))
		return l || i ? isms_text_printf("risk %s has a %s but no %s and no score: its "
		                                 "level cannot be determined",
		                                 h->id, l ? "likelihood" : "impact",
		                                 l ? "impact" : "likelihood")
		              : isms_text_printf("risk %s has no score and no likelihood and "
		                                 "impact: it has not been assessed",
		                                 h->id);
	if (!score || !k->product)
		return NULL; /* no scale to hold the score to */
	if (k->score.has_number && k->score.number != k->product)
		return isms_text_printf("risk %s has score %d, but likelihood %d x impact %d is "
		                        "%d",
		                        h->id, k->score.number, k->likelihood.number,
		                        k->impact.number, k->product);
	if (!k->score.has_number &&
	    k->score.word != isms_risk_level_of_score(&a->config.risk, k->product))
		return isms_text_printf(
		    "risk %s is rated '%s', but likelihood %d x impact %d is %d, %s on the "
		    "%d-point scale",
		    h->id, score, k->likelihood.number, k->impact.number, k->product,
		    isms_risk_level_name(isms_risk_level_of_score(&a->config.risk, k->product)),
		    scale);
	return NULL;
}

int isms_check_risk_not_assessed(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	for (guint k = 0; k < a->risk_registers->len; k++) {
		const isms_risk_model *m = model_at(a, k);
		FOR_CURRENT_RISKS(m, h)
		{
			char *why;
			/* a table with no score, nor likelihood and impact, is
			 * RISK-BAD-TABLE's */
			if (!isms_risk_in_force(h->risk) ||
			    (!has_column(m, h, ISMS_RISK_COL_SCORE) &&
			     (!has_column(m, h, ISMS_RISK_COL_LIKELIHOOD) ||
			      !has_column(m, h, ISMS_RISK_COL_IMPACT))) ||
			    !(why = not_assessed(a, h)))
				continue;
			isms_finding *f = isms_findings_add_text(
			    out, r, m->doc->path, h->risk->line, m->doc->identity, h->id, why);
			isms_rule_evidence(a, f, h->last_changed, "row last changed");
			g_free(why);
		}
	}
	return 0;
}

/* ---- treatment (6.1.3) ------------------------------------------------------- */

int isms_check_risk_no_treatment(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	isms_risk_level threshold = a->config.risk.threshold;

	for (guint k = 0; k < a->risk_registers->len; k++) {
		const isms_risk_model *m = model_at(a, k);
		FOR_CURRENT_RISKS(m, h)
		{
			const isms_risk *risk = h->risk;
			char *level;
			isms_finding *f;
			if (!isms_risk_in_force(risk) || risk->level < threshold ||
			    !has_column(m, h, ISMS_RISK_COL_TREATMENT))
				continue;
			if (risk->treatment != ISMS_TREAT_NONE &&
			    (risk->plan || isms_risk_accepted(risk)))
				continue;
			level = level_text(risk);
			if (risk->treatment == ISMS_TREAT_NONE)
				f = RISK_FINDING(
				    out, r, m, h,
				    "risk %s is %s, at or above the treatment threshold "
				    "(%s), but no treatment option is chosen",
				    h->id, level, isms_risk_level_name(threshold));
			else
				f = RISK_FINDING(
				    out, r, m, h,
				    "risk %s is %s, at or above the treatment threshold "
				    "(%s), and is to be treated (%s) but has no treatment "
				    "plan or controls",
				    h->id, level, isms_risk_level_name(threshold),
				    isms_risk_treatment_name(risk->treatment));
			isms_rule_evidence(a, f, h->last_changed, "row last changed");
			g_free(level);
		}
	}
	return 0;
}

int isms_check_risk_treatment_overdue(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	char due[ISMS_DATE_BUFSIZE], moved[64], n[24];

	for (guint k = 0; k < a->risk_registers->len; k++) {
		const isms_risk_model *m = model_at(a, k);
		FOR_CURRENT_RISKS(m, h)
		{
			int days = isms_risk_days_overdue(h->risk, a->today);
			if (days == 0)
				continue;
			moved[0] = '\0';
			if (h->due_changes > 0) {
				times_text(h->due_changes, n, sizeof(n));
				snprintf(moved, sizeof(moved), " (the due date moved %s)", n);
			}
			isms_finding *f = RISK_FINDING(
			    out, r, m, h,
			    "risk %s is %d days past its treatment due date %s and not recorded as "
			    "treated%s",
			    h->id, days, isms_date_format(h->risk->due, due), moved);
			isms_rule_evidence(a, f, h->first_seen, "listed in the register");
			for (guint c = 0; c < h->changes->len; c++) {
				const isms_risk_change *ch =
				    &g_array_index(h->changes, isms_risk_change, c);
				char *note;
				if (ch->kind != ISMS_RISK_CH_DUE || !ch->from)
					continue;
				note = isms_text_printf("due date moved from %s to %s", ch->from,
				                        ch->to ? ch->to : "none");
				isms_rule_evidence(a, f, ch->commit, note);
				g_free(note);
			}
		}
	}
	return 0;
}

int isms_check_risk_accepted_no_approval(const isms_audit *a, const isms_rule *r,
                                         isms_findings *out)
{
	for (guint k = 0; k < a->risk_registers->len; k++) {
		const isms_risk_model *m = model_at(a, k);
		FOR_CURRENT_RISKS(m, h)
		{
			if (!isms_risk_accepted(h->risk) ||
			    isms_risk_approved(h->risk, a->config.dialect.approval))
				continue;
			isms_finding *f = RISK_FINDING(
			    out, r, m, h,
			    "risk %s is accepted but nobody is recorded as accepting it "
			    "(an Accepted by or Approver column, or \"approved by NAME\" "
			    "in its treatment or plan)",
			    h->id);
			isms_rule_evidence(a, f, h->accepted_since, "recorded as accepted");
		}
	}
	return 0;
}

int isms_check_risk_acceptance_expired(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	char until[ISMS_DATE_BUFSIZE], since[ISMS_DATE_BUFSIZE];

	for (guint k = 0; k < a->risk_registers->len; k++) {
		const isms_risk_model *m = model_at(a, k);
		FOR_CURRENT_RISKS(m, h)
		{
			isms_risk_acceptance acc;
			isms_finding *f;
			if (!isms_risk_acceptance_of(a, h, &acc) || acc.days_expired == 0)
				continue;
			isms_date_format(acc.until, until);
			isms_date_format(isms_audit_commit(a, acc.since)->date, since);
			if (acc.typed)
				f = RISK_FINDING(
				    out, r, m, h,
				    "risk %s was accepted until %s, %d days ago, and has not "
				    "been accepted again",
				    h->id, until, acc.days_expired);
			else
				f = RISK_FINDING(
				    out, r, m, h,
				    "risk %s was accepted on %s and not accepted again within "
				    "%d months (risk_acceptance_months): the acceptance "
				    "lapsed on %s, %d days ago",
				    h->id, since, a->config.risk_acceptance_months, until,
				    acc.days_expired);
			isms_rule_evidence(a, f, acc.since, "acceptance recorded");
		}
	}
	return 0;
}

/* Whether the SoA marks a control not applicable; *where gets the row. */
static int soa_excludes(const isms_audit *a, const char *control, const isms_soa_model **where,
                        const isms_soa_row **row)
{
	static const char *const no[] = {
	    "no",           "n a",          "na",           "not applicable", "excluded",
	    "not included", "not selected", "out of scope", "false",          NULL};

	for (guint i = 0; i < a->soas->len; i++) {
		const isms_soa_model *m = g_ptr_array_index(a->soas, i);
		for (guint k = 0; k < m->soa->rows->len; k++) {
			const isms_soa_row *sr = g_ptr_array_index(m->soa->rows, k);
			const char *say = sr->applicable ? sr->applicable : sr->status;
			char *key;
			int hit = 0;
			if (sr->kind != ISMS_CONTROL_2022 || strcmp(sr->control, control) != 0)
				continue;
			if (!say)
				return 0;
			key = isms_md_header_key(say);
			for (const char *const *w = no; !hit && *w; w++) {
				size_t n = strlen(*w);
				hit = strncmp(key, *w, n) == 0 && (key[n] == '\0' || key[n] == ' ');
			}
			g_free(key);
			*where = m;
			*row = sr;
			return hit;
		}
	}
	return 0;
}

int isms_check_risk_control_excluded(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	for (guint k = 0; k < a->risk_registers->len; k++) {
		const isms_risk_model *m = model_at(a, k);
		FOR_CURRENT_RISKS(m, h)
		{
			GString *list;
			const isms_soa_model *soa = NULL;
			int n = 0;
			if (!isms_risk_in_force(h->risk))
				continue;
			list = g_string_new(NULL);
			for (guint c = 0; c < h->risk->controls->len; c++) {
				const char *id = g_ptr_array_index(h->risk->controls, c);
				const isms_soa_row *row = NULL;
				if (!soa_excludes(a, id, &soa, &row))
					continue;
				g_string_append_printf(list, "%s%s (", n++ ? ", " : "", id);
				isms_text_append_quoted(list, soa->doc->path);
				g_string_append_printf(list, ":%d)", row->line);
			}
			if (n > 0) {
				char *msg = isms_text_printf("risk %s is treated with ", h->id);
				GString *all = g_string_new(msg);
				g_string_append_printf(
				    all,
				    "%s %s, which the Statement of Applicability marks "
				    "not applicable: the treatment and the SoA disagree",
				    n == 1 ? "control" : "controls", list->str);
				isms_finding *f =
				    isms_findings_add_text(out, r, m->doc->path, h->risk->line,
				                           m->doc->identity, h->id, all->str);
				isms_rule_evidence(a, f, h->last_changed, "row last changed");
				g_string_free(all, TRUE);
				g_free(msg);
			}
			g_string_free(list, TRUE);
		}
	}
	return 0;
}

/* ---- results and their history (8.2, 8.3) --------------------------------- */

int isms_check_risk_review_overdue(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	char due[ISMS_DATE_BUFSIZE], d[ISMS_DATE_BUFSIZE];
	int months = a->config.risk_review_months;

	for (guint k = 0; k < a->risk_registers->len; k++) {
		const isms_risk_model *m = model_at(a, k);
		FOR_CURRENT_RISKS(m, h)
		{
			isms_risk_review rv;
			isms_finding *f;
			if (!isms_risk_in_force(h->risk))
				continue;
			isms_risk_review_of(a, h, &rv);
			if (rv.days_overdue == 0)
				continue;
			isms_date_format(rv.due, due);
			if (h->risk->has_next_review)
				f = RISK_FINDING(out, r, m, h,
				                 "risk %s was due for review on %s, %d days ago",
				                 h->id, due, rv.days_overdue);
			else if (h->risk->has_last_reviewed)
				f = RISK_FINDING(
				    out, r, m, h,
				    "risk %s was last reviewed on %s, more than %d months "
				    "ago: its review was due on %s, %d days ago",
				    h->id, isms_date_format(h->risk->last_reviewed, d), months, due,
				    rv.days_overdue);
			else
				f = RISK_FINDING(
				    out, r, m, h,
				    "risk %s has no review date and its row has not changed since "
				    "%s, "
				    "more than %d months ago: its review was due on %s, %d days "
				    "ago",
				    h->id,
				    isms_date_format(isms_audit_commit(a, h->last_changed)->date,
				                     d),
				    months, due, rv.days_overdue);
			isms_rule_evidence(a, f, h->last_changed, "row last changed");
		}
	}
	return 0;
}

/* The author of a commit ("Name <email>"), into buf. */
static const char *commit_author(const isms_audit *a, guint32 index, char *buf, size_t size)
{
	char *name = NULL, *email = NULL;

	buf[0] = '\0';
	if (isms_audit_commit_author(a, index, &name, &email) == 0)
		snprintf(buf, size, "%s <%s>", name, email);
	else
		isms_error_clear();
	g_free(name);
	g_free(email);
	return buf[0] ? buf : "an unknown author";
}

int isms_check_risk_removed(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	char d[ISMS_DATE_BUFSIZE], who[256], hex[GIT_OID_HEXSZ + 1], note[300];

	for (guint k = 0; k < a->risk_registers->len; k++) {
		const isms_risk_model *m = model_at(a, k);
		for (guint i = 0; i < m->risks->len; i++) {
			const isms_risk_history *h = g_ptr_array_index(m->risks, i);
			if (h->removed == ISMS_NO_COMMIT || h->listed_elsewhere ||
			    !isms_risk_in_force(h->risk))
				continue;
			commit_author(a, h->removed, who, sizeof(who));
			isms_audit_commit_hex(a, h->removed, hex);
			hex[12] = '\0';
			isms_date_format(isms_audit_commit(a, h->removed)->date, d);
			isms_finding *f = isms_findings_add(
			    out, r, m->doc->path, 0, m->doc->identity, h->id,
			    "risk %s (%s) was deleted on %s by %s (commit %s) without being closed "
			    "or "
			    "retired first: the record of its assessment and treatment is gone",
			    h->id, isms_risk_status_name(h->risk->status), d, who, hex);
			isms_rule_evidence(a, f, h->first_seen, "first listed");
			snprintf(note, sizeof(note), "removed by %s", who);
			isms_rule_evidence(a, f, h->removed, note);
		}
	}
	return 0;
}

int isms_check_risk_score_lowered(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	char d[ISMS_DATE_BUFSIZE];

	for (guint k = 0; k < a->risk_registers->len; k++) {
		const isms_risk_model *m = model_at(a, k);
		FOR_CURRENT_RISKS(m, h)
		{
			const isms_risk_change *last = NULL;
			int n = 0;
			for (guint c = 0; c < h->changes->len; c++) {
				const isms_risk_change *ch =
				    &g_array_index(h->changes, isms_risk_change, c);
				if (ch->kind == ISMS_RISK_CH_SCORE && ch->lowered &&
				    !ch->reassessed) {
					last = ch;
					n++;
				}
			}
			if (!last)
				continue;
			isms_date_format(isms_audit_commit(a, last->commit)->date, d);
			isms_finding *f;
			if (n == 1)
				f = RISK_FINDING(
				    out, r, m, h,
				    "risk %s was re-scored from %s to %s on %s in a commit "
				    "that changed neither its status or treatment nor its "
				    "review date: no reassessment is recorded",
				    h->id, last->from, last->to, d);
			else
				f = RISK_FINDING(
				    out, r, m, h,
				    "risk %s was re-scored lower %d times without a recorded "
				    "reassessment (a change of its status, treatment or "
				    "review date), last from %s to %s on %s",
				    h->id, n, last->from, last->to, d);
			for (guint c = 0; c < h->changes->len; c++) {
				const isms_risk_change *ch =
				    &g_array_index(h->changes, isms_risk_change, c);
				char *note;
				if (ch->kind != ISMS_RISK_CH_SCORE || !ch->lowered ||
				    ch->reassessed)
					continue;
				note = isms_text_printf("score lowered from %s to %s", ch->from,
				                        ch->to);
				isms_rule_evidence(a, f, ch->commit, note);
				g_free(note);
			}
		}
	}
	return 0;
}
