/* Rules over the management system as a whole: mandatory documented
 * information, the Statement of Applicability, management reviews,
 * internal audits, and the waivers of the configuration. */
#include <string.h>

#include "isms/clauses.h"
#include "isms/markdown.h"
#include "rules/rules_internal.h"

/* Whether a rule is switched off in the configuration. */
static int rule_off(const isms_audit *a, const char *id)
{
	const isms_rule_setting *s = isms_config_rule(&a->config, id);

	return s && s->off;
}

static int has_record(const isms_audit *a, isms_record_kind kind)
{
	for (guint i = 0; i < a->records->len; i++)
		if (((isms_record *)g_ptr_array_index(a->records, i))->kind == kind)
			return 1;
	return 0;
}

/* ---- mandatory documented information ---------------------------------- */

/* Whether a clause missing from the coverage is reported by another rule:
 * a review or audit never held is one finding, by MR-/IA-OVERDUE. */
static int missing_reported_elsewhere(const isms_audit *a, const isms_coverage *c)
{
	return (strcmp(c->clause, "9.3") == 0 && !has_record(a, ISMS_RECORD_REVIEW) &&
	        !rule_off(a, "MR-OVERDUE")) ||
	       (strcmp(c->clause, "9.2") == 0 && !has_record(a, ISMS_RECORD_AUDIT) &&
	        !rule_off(a, "IA-OVERDUE"));
}

/* Whether no document declares a clause, in its front matter or through
 * the configuration's `clauses:`: the declarations are not used at all, so
 * a clause without one says nothing of whether its document exists. */
static int clauses_undeclared(const isms_audit *a)
{
	for (guint i = 0; i < a->documents->len; i++)
		if (((const isms_document *)g_ptr_array_index(a->documents, i))->declared_clauses)
			return 0;
	return 1;
}

/* One finding for a repository that declares no clause anywhere, in place
 * of a major for every mandatory clause its documents' kinds leave. */
int isms_check_clauses_undeclared(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	GString *msg, *list;
	guint n = 0;

	if (a->documents->len == 0 || !clauses_undeclared(a))
		return 0;
	list = g_string_new(NULL);
	for (guint i = 0; i < a->coverage->len; i++) {
		const isms_coverage *c = g_ptr_array_index(a->coverage, i);
		if (c->status != ISMS_COVERAGE_MISSING || missing_reported_elsewhere(a, c))
			continue;
		g_string_append_printf(list, "%s%s", n++ ? ", " : "", c->clause);
	}
	if (n > 0) {
		msg = g_string_new(NULL);
		g_string_printf(
		    msg,
		    "no document declares the clauses it serves (`clauses:` in its "
		    "front matter or in the configuration%s), so the documented "
		    "information of %u mandatory clause%s cannot be found: %s; "
		    "declare %s in front matter (`clauses: [\"5.2\"]`) or map "
		    "documents to %s under `clauses:` in the configuration",
		    a->config.clause_map->len ? ", whose patterns match no document" : "", n,
		    n == 1 ? "" : "s", list->str, n == 1 ? "it" : "them", n == 1 ? "it" : "them");
		/* the clauses are ours: nothing of the repository is quoted */
		isms_finding *f =
		    isms_findings_add_text(out, r, NULL, 0, "repository", NULL, msg->str);
		const isms_rule *per_clause = isms_rule_find("MANDATORY-DOC-MISSING");
		for (guint i = 0; i < a->coverage->len; i++) {
			const isms_coverage *c = g_ptr_array_index(a->coverage, i);
			if (c->status == ISMS_COVERAGE_MISSING && !missing_reported_elsewhere(a, c))
				isms_finding_stands_for(f, per_clause, "clause", c->clause);
		}
		g_string_free(msg, TRUE);
	}
	g_string_free(list, TRUE);
	return 0;
}

int isms_check_mandatory_missing(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	if (a->documents->len == 0)
		return 0; /* ISMS-NO-DOCUMENTS says it all */
	if (clauses_undeclared(a) && !rule_off(a, "MANDATORY-CLAUSES-UNDECLARED"))
		return 0; /* one finding says how to declare them */
	for (guint i = 0; i < a->coverage->len; i++) {
		const isms_coverage *c = g_ptr_array_index(a->coverage, i);
		const char *title = isms_clause_title(c->clause);
		GString *msg;
		if (c->status != ISMS_COVERAGE_MISSING || missing_reported_elsewhere(a, c))
			continue;
		msg = g_string_new(NULL);
		g_string_printf(msg, "no document in force declares clause %s%s%s%s in `clauses`",
		                c->clause, *title ? " (" : "", title, *title ? ")" : "");
		for (guint k = 0; k < c->inactive->len; k++) {
			const isms_document *d = g_ptr_array_index(c->inactive, k);
			g_string_append(msg, k == 0 ? "; only " : ", ");
			isms_text_append_quoted(msg, d->path);
			g_string_append(msg, d->meta->status == ISMS_DOC_DRAFT ? " (draft)"
			                                                       : " (retired)");
		}
		if (c->inactive->len > 0)
			g_string_append(msg, c->inactive->len == 1 ? " does" : " do");
		isms_finding *f =
		    isms_findings_add_text(out, r, NULL, 0, "clause", c->clause, msg->str);
		isms_finding_set_clause(f, c->clause);
		g_string_free(msg, TRUE);
	}
	return 0;
}

/* ---- Statement of Applicability ------------------------------------------ */

int isms_check_soa_incomplete(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	gboolean listed[ISMS_CONTROL_COUNT] = {0};
	const isms_soa_model *first;
	GString *missing;
	int count = 0, tables = 0;

	if (a->soas->len == 0)
		return 0; /* MANDATORY-DOC-MISSING (6.1.3 d) */
	for (guint i = 0; i < a->soas->len; i++) {
		const isms_soa_model *m = g_ptr_array_index(a->soas, i);
		tables += (int)m->soa->tables->len;
		for (guint k = 0; k < m->soa->rows->len; k++) {
			const isms_soa_row *row = g_ptr_array_index(m->soa->rows, k);
			if (row->kind == ISMS_CONTROL_2022)
				listed[isms_control_index(row->control)] = TRUE;
		}
	}
	/* the list of missing controls is ours, and longer than a quote */
	missing = g_string_new(NULL);
	for (int c = 0; c < ISMS_CONTROL_COUNT; c++)
		count += !listed[c];
	g_string_printf(
	    missing,
	    "the Statement of Applicability lists %d of the 93 Annex A controls; missing: ",
	    ISMS_CONTROL_COUNT - count);
	for (int c = 0, n = 0; c < ISMS_CONTROL_COUNT; c++)
		if (!listed[c])
			g_string_append_printf(missing, "%s%s", n++ ? ", " : "",
			                       isms_control_id(c));
	first = g_ptr_array_index(a->soas, 0);
	if (tables == 0)
		isms_findings_add(
		    out, r, first->doc->path, 0, first->doc->identity, NULL,
		    "the Statement of Applicability has no table of controls (a Control "
		    "column with Applicable or Justification): none of the 93 Annex A "
		    "controls is accounted for");
	else if (count > 0)
		isms_findings_add_text(out, r, first->doc->path,
		                       g_array_index(first->soa->tables, isms_soa_table, 0).line,
		                       first->doc->identity, NULL, missing->str);
	g_string_free(missing, TRUE);
	return 0;
}

int isms_check_soa_no_justification(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	for (guint i = 0; i < a->soas->len; i++) {
		const isms_soa_model *m = g_ptr_array_index(a->soas, i);
		const isms_document *d = m->doc;
		for (guint t = 0; t < m->soa->tables->len; t++) {
			const isms_soa_table *st =
			    &g_array_index(m->soa->tables, isms_soa_table, t);
			char item[32];
			if (st->has_applicability && st->has_justification)
				continue;
			g_snprintf(item, sizeof(item), "table %u", t + 1);
			isms_findings_add(out, r, d->path, st->line, d->identity, item,
			                  "the SoA table has no %s column: every control needs its "
			                  "applicability and the justification for including or "
			                  "excluding it",
			                  st->has_applicability ? "justification"
			                                        : "applicability");
		}
		for (guint k = 0; k < m->soa->rows->len; k++) {
			const isms_soa_row *row = g_ptr_array_index(m->soa->rows, k);
			const isms_soa_table *st =
			    &g_array_index(m->soa->tables, isms_soa_table, row->table);
			int no_app = st->has_applicability && !row->applicable;
			int no_just = st->has_justification && !row->justification;
			if (row->kind != ISMS_CONTROL_2022 || !(no_app || no_just))
				continue;
			isms_findings_add(out, r, d->path, row->line, d->identity, row->control,
			                  "control %s has %s", row->control,
			                  no_app && no_just
			                      ? "neither applicability nor justification"
			                  : no_app ? "no applicability (yes or no)"
			                           : "no justification for its applicability");
		}
	}
	return 0;
}

int isms_check_soa_unknown_control(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	for (guint i = 0; i < a->soas->len; i++) {
		const isms_soa_model *m = g_ptr_array_index(a->soas, i);
		for (guint k = 0; k < m->soa->rows->len; k++) {
			const isms_soa_row *row = g_ptr_array_index(m->soa->rows, k);
			if (row->kind == ISMS_CONTROL_2013)
				isms_findings_add(
				    out, r, m->doc->path, row->line, m->doc->identity, row->control,
				    "'%s' is ISO/IEC 27001:2013 numbering, not a 2022 Annex A "
				    "control: a leftover of the old SoA; map it to its 2022 "
				    "control",
				    row->control);
			else if (row->kind == ISMS_CONTROL_UNKNOWN)
				isms_findings_add(
				    out, r, m->doc->path, row->line, m->doc->identity, row->control,
				    "'%s' is not an ISO/IEC 27001:2022 Annex A control (5.1-5.37, "
				    "6.1-6.8, 7.1-7.14, 8.1-8.34)",
				    row->control);
		}
	}
	return 0;
}

int isms_check_soa_stale(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	for (guint i = 0; i < a->soas->len; i++) {
		const isms_soa_model *m = g_ptr_array_index(a->soas, i);
		const isms_document *soa = m->doc, *newest = NULL;
		isms_duration cyc = soa->meta->has_cycle
		                        ? soa->meta->cycle
		                        : isms_config_cycle(&a->config, isms_document_type(soa));
		isms_day changed = isms_audit_commit(a, soa->last_change)->date;
		char day[ISMS_DATE_BUFSIZE], rday[ISMS_DATE_BUFSIZE], cbuf[32];
		if (!isms_date_known(changed) || isms_date_add(changed, cyc) >= a->today)
			continue;
		for (guint k = 0; k < a->documents->len; k++) {
			const isms_document *d = g_ptr_array_index(a->documents, k);
			if (d == soa || !d->in_force || d->is_soa ||
			    d->last_body_change <= soa->last_change ||
			    !(isms_document_declares(d, "6.1.3") ||
			      isms_document_declares(d, "8.3")))
				continue;
			if (!newest || d->last_body_change > newest->last_body_change)
				newest = d;
		}
		if (!newest)
			continue;
		isms_finding *f = isms_findings_add(
		    out, r, soa->path, 0, soa->identity, NULL,
		    "the SoA has not changed since %s (longer than its %s review cycle) although "
		    "the "
		    "risk treatment document %s changed on %s",
		    isms_date_format(changed, day), isms_duration_format(cyc, cbuf, sizeof(cbuf)),
		    newest->path,
		    isms_date_format(isms_audit_commit(a, newest->last_body_change)->date, rday));
		isms_rule_evidence(a, f, soa->last_change, "last change to the SoA");
		isms_rule_evidence(a, f, newest->last_body_change, "risk treatment changed");
	}
	return 0;
}

/* ---- management review and internal audit -------------------------------- */

static const char *kind_noun(isms_record_kind k)
{
	return k == ISMS_RECORD_REVIEW ? "management review" : "internal audit";
}

static int check_overdue(const isms_audit *a, const isms_rule *r, isms_findings *out,
                         isms_record_kind kind, int months)
{
	const isms_record *latest = NULL;
	int any = 0;
	char day[ISMS_DATE_BUFSIZE], due[ISMS_DATE_BUFSIZE];

	if (a->documents->len == 0)
		return 0;
	for (guint i = 0; i < a->records->len; i++) {
		const isms_record *rec = g_ptr_array_index(a->records, i);
		const isms_meta *m = rec->doc->meta;
		if (rec->kind != kind)
			continue;
		any = 1;
		if (m->has_date && m->date <= a->today &&
		    (!latest || m->date > latest->doc->meta->date))
			latest = rec;
	}
	if (!any) {
		isms_finding *f = isms_findings_add(
		    out, r, NULL, 0, "records", NULL,
		    "no %s has ever been recorded: no document of type %s is in force (clause %s "
		    "documented information is missing)",
		    kind_noun(kind),
		    kind == ISMS_RECORD_REVIEW ? "management-review" : "internal-audit",
		    kind == ISMS_RECORD_REVIEW ? "9.3" : "9.2");
		f->severity = ISMS_SEV_MAJOR;
		return 0;
	}
	if (!latest) {
		isms_findings_add(
		    out, r, NULL, 0, "records", NULL,
		    "no %s record carries a usable `date` up to the audit date, so none "
		    "can be shown within %d months",
		    kind_noun(kind), months);
		return 0;
	}
	isms_day by = isms_date_add_months(latest->doc->meta->date, months);
	if (by >= a->today)
		return 0;
	isms_finding *f = isms_findings_add(
	    out, r, latest->doc->path, 0, "records", NULL,
	    "the last %s was held on %s, %d days before the audit date; one is due every %d months "
	    "(by %s)",
	    kind_noun(kind), isms_date_format(latest->doc->meta->date, day),
	    (int)(a->today - latest->doc->meta->date), months, isms_date_format(by, due));
	isms_rule_evidence(a, f, latest->doc->first, "the last record was added");
	return 0;
}

int isms_check_mr_overdue(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	return check_overdue(a, r, out, ISMS_RECORD_REVIEW, a->config.review_months);
}

int isms_check_ia_overdue(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	return check_overdue(a, r, out, ISMS_RECORD_AUDIT, a->config.audit_months);
}

int isms_check_mr_missing_input(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	for (guint i = 0; i < a->records->len; i++) {
		const isms_record *rec = g_ptr_array_index(a->records, i);
		unsigned missing = ~rec->inputs & ((1u << ISMS_REVIEW_INPUTS) - 1);
		GString *msg, *item;
		if (rec->kind != ISMS_RECORD_REVIEW || missing == 0)
			continue;
		msg = g_string_new(NULL);
		item = g_string_new(NULL);
		for (int k = 0; k < ISMS_REVIEW_INPUTS; k++) {
			if (!(missing & (1u << k)))
				continue;
			g_string_append_printf(msg, "%s%c) %s", msg->len ? "; " : "", 'a' + k,
			                       isms_review_input_name(k));
			g_string_append_printf(item, "%s%c", item->len ? "," : "", 'a' + k);
		}
		/* the input names are ours, and longer than a quote together */
		g_string_prepend(msg, strchr(item->str, ',')
		                          ? "the management review record does not cover inputs "
		                          : "the management review record does not cover input ");
		g_string_append_printf(msg, " (no heading or `inputs` entry for %s)",
		                       strchr(item->str, ',') ? "them" : "it");
		isms_findings_add_text(out, r, rec->doc->path, rec->doc->meta->fm.body_line,
		                       rec->doc->identity, item->str, msg->str);
		g_string_free(msg, TRUE);
		g_string_free(item, TRUE);
	}
	return 0;
}

static int check_untracked(const isms_audit *a, const isms_rule *r, isms_findings *out,
                           isms_record_kind kind)
{
	if (a->registers->len == 0)
		return 0; /* REG-NOT-FOUND */
	for (guint i = 0; i < a->records->len; i++) {
		const isms_record *rec = g_ptr_array_index(a->records, i);
		if (rec->kind != kind)
			continue;
		for (guint k = 0; k < rec->refs->len; k++) {
			const isms_record_ref *ref = g_ptr_array_index(rec->refs, k);
			if (g_hash_table_contains(a->tracked, ref->id))
				continue;
			if (kind == ISMS_RECORD_REVIEW)
				isms_findings_add(
				    out, r, rec->doc->path, ref->line, rec->doc->identity, ref->id,
				    "%s is named in the management review record but no register "
				    "has ever held it: decisions and actions from the review are "
				    "not tracked to closure",
				    ref->id);
			else
				isms_findings_add(
				    out, r, rec->doc->path, ref->line, rec->doc->identity, ref->id,
				    "audit finding %s was never entered in a register: internal "
				    "audit results must feed corrective action",
				    ref->id);
		}
	}
	return 0;
}

int isms_check_mr_actions_not_tracked(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	return check_untracked(a, r, out, ISMS_RECORD_REVIEW);
}

int isms_check_ia_finding_not_tracked(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	return check_untracked(a, r, out, ISMS_RECORD_AUDIT);
}

/* Whether a commit author is the person an `auditor` value names: the
 * author's name as whole words of it, or the author's email in it. */
static int same_person(const char *auditor, const char *name, const char *email)
{
	char *a = isms_md_header_key(auditor), *n = isms_md_header_key(name);
	char *pa = g_strconcat(" ", a, " ", NULL), *pn = g_strconcat(" ", n, " ", NULL);
	char *lower = g_ascii_strdown(auditor, -1), *mail = g_ascii_strdown(email, -1);
	int same = (*n && strstr(pa, pn) != NULL) || (*mail && strstr(lower, mail) != NULL);

	g_free(a);
	g_free(n);
	g_free(pa);
	g_free(pn);
	g_free(lower);
	g_free(mail);
	return same;
}

/* The author of a commit as {name, email}, looked up once per run of the
 * rule (audit periods overlap). */
static int author_of(const isms_audit *a, GHashTable *authors, guint32 c, char ***out)
{
	char **who = g_hash_table_lookup(authors, GUINT_TO_POINTER(c));
	int error;

	if (!who) {
		who = g_new0(char *, 3);
		if ((error = isms_audit_commit_author(a, c, &who[0], &who[1])) < 0) {
			g_free(who);
			return error;
		}
		g_hash_table_insert(authors, GUINT_TO_POINTER(c), who);
	}
	*out = who;
	return 0;
}

/* Of the commits that changed controlled documents in (start, end], how
 * many the auditor authored, and the latest of those. */
static int authorship(const isms_audit *a, GHashTable *authors, const char *auditor, isms_day start,
                      isms_day end, guint *own, guint *total, guint32 *latest)
{
	GHashTable *commits = g_hash_table_new(g_direct_hash, g_direct_equal);
	GHashTableIter it;
	gpointer key;
	int error = 0;

	for (guint k = 0; k < a->documents->len; k++) {
		const isms_document *d = g_ptr_array_index(a->documents, k);
		if (d->is_record || d->is_register || !isms_document_readable(d))
			continue;
		for (guint t = 0; t < d->touches->len; t++) {
			guint32 c = g_array_index(d->touches, guint32, t);
			isms_day day = isms_audit_commit(a, c)->date;
			if (isms_date_known(day) && day > start && day <= end)
				g_hash_table_add(commits, GUINT_TO_POINTER(c));
		}
	}
	*own = *total = 0;
	*latest = ISMS_NO_COMMIT;
	g_hash_table_iter_init(&it, commits);
	while (g_hash_table_iter_next(&it, &key, NULL)) {
		guint32 c = GPOINTER_TO_UINT(key);
		char **who;
		if ((error = author_of(a, authors, c, &who)) < 0)
			break;
		(*total)++;
		if (same_person(auditor, who[0], who[1])) {
			(*own)++;
			if (*latest == ISMS_NO_COMMIT || c > *latest)
				*latest = c;
		}
	}
	g_hash_table_destroy(commits);
	return error;
}

int isms_check_ia_not_independent(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	GHashTable *authors =
	    g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)g_strfreev);
	int error = 0;

	for (guint i = 0; error == 0 && i < a->records->len; i++) {
		const isms_record *rec = g_ptr_array_index(a->records, i);
		guint own, total;
		guint32 latest;
		char day[ISMS_DATE_BUFSIZE];
		if (rec->kind != ISMS_RECORD_AUDIT || !rec->auditor || !rec->doc->meta->has_date)
			continue;
		isms_day end = rec->doc->meta->date;
		if ((error = authorship(a, authors, rec->auditor,
		                        isms_date_add_months(end, -a->config.audit_months), end,
		                        &own, &total, &latest)) < 0 ||
		    total == 0 || own * 2 < total)
			continue;
		isms_finding *f = isms_findings_add(
		    out, r, rec->doc->path, rec->auditor_line, rec->doc->identity, NULL,
		    "the auditor '%s' authored %u of the %u commits (%u%%) that changed controlled "
		    "documents in the %d months before the audit of %s: auditors must not audit "
		    "their "
		    "own work",
		    rec->auditor, own, total, own * 100 / total, a->config.audit_months,
		    isms_date_format(end, day));
		isms_rule_evidence(a, f, latest, "latest commit by the auditor in the period");
	}
	g_hash_table_destroy(authors);
	return error;
}

/* ---- waivers ------------------------------------------------------------- */

int isms_check_waiver_expired(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	const char *file = a->config.source ? a->config.source : ".isms-audit.yml";

	for (guint i = 0; i < a->config.waivers->len; i++) {
		const isms_waiver *w = g_ptr_array_index(a->config.waivers, i);
		char day[ISMS_DATE_BUFSIZE];
		char *item;
		if (w->expires >= a->today)
			continue;
		item = g_strdup_printf("%s %s", w->rule, w->path ? w->path : w->item);
		isms_findings_add(
		    out, r, file, w->line, file, item,
		    "the waiver of %s for %s expired on %s (approved by %s): its findings "
		    "are reported again; renew the sign-off or resolve them",
		    w->rule, w->path ? w->path : w->item, isms_date_format(w->expires, day),
		    w->approved_by);
		g_free(item);
	}
	return 0;
}
