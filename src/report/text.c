#include <string.h>

#include "isms/clauses.h"
#include "isms/error.h"
#include "isms/metrics.h"
#include "isms/report.h"
#include "isms/rules.h"
#include "isms/version.h"

typedef struct {
	FILE *out;
	int color;
} writer;

static const char *sgr(const writer *w, const char *code)
{
	return w->color ? code : "";
}

#define BOLD  "\033[1m"
#define DIM   "\033[2m"
#define RESET "\033[0m"

static const char *severity_color(isms_severity s)
{
	return s == ISMS_SEV_MAJOR ? "\033[1;31m" : s == ISMS_SEV_MINOR ? "\033[33m" : "\033[36m";
}

/* Repository text goes to a terminal: nothing in it can move the cursor,
 * colour, link or reorder what follows. */
static void put_text(const writer *w, const char *s)
{
	GString *text = g_string_new(NULL);

	isms_report_text_escape(text, s);
	fwrite(text->str, 1, text->len, w->out);
	g_string_free(text, TRUE);
}

/* Rules the configuration switched off or regraded: an auditor must see them. */
static void rule_settings(const isms_audit *a, const writer *w)
{
	int n = 0;

	for (size_t i = 0; i < isms_rules_count; i++) {
		const isms_rule *r = &isms_rules[i];
		const isms_rule_setting *s = isms_config_rule(&a->config, r->id);
		if (!s)
			continue;
		fprintf(w->out, "%s%s", n++ ? ", " : "Rules:      ", r->id);
		if (s->off)
			fprintf(w->out, " off");
		else if (s->has_severity)
			fprintf(w->out, " %s (default %s)", isms_severity_name(s->severity),
			        isms_severity_name(r->severity));
		if (s->exclude->len)
			fprintf(w->out, " except %u path pattern%s", s->exclude->len,
			        s->exclude->len == 1 ? "" : "s");
	}
	if (n)
		fputc('\n', w->out);
}

static void header(const isms_audit *a, const isms_report_options *opts, const writer *w)
{
	char hex[GIT_OID_HEXSZ + 1], day[ISMS_DATE_BUFSIZE], asof[ISMS_DATE_BUFSIZE];
	const isms_commit *head = isms_audit_head(a);

	fprintf(w->out, "%s%s %s: ISO/IEC 27001 documentation audit%s\n", sgr(w, BOLD), ISMS_NAME,
	        ISMS_VERSION, sgr(w, RESET));
	fprintf(w->out, "Repository: ");
	put_text(w, a->root);
	fprintf(w->out, "\nAudited:    commit %.12s of %s, as of %s\n",
	        isms_audit_commit_hex(a, a->history.commits->len - 1, hex),
	        isms_date_format(head->date, day), isms_date_format(a->today, asof));
	fprintf(w->out,
	        "Evidence:   %u document%s, %u commit%s on the first-parent history since %s\n",
	        a->documents->len, a->documents->len == 1 ? "" : "s", a->history.commits->len,
	        a->history.commits->len == 1 ? "" : "s",
	        isms_date_format(isms_audit_commit(a, 0)->date, day));
	if (a->config.source) {
		fprintf(w->out, "Config:     ");
		put_text(w, a->config.source);
		fputc('\n', w->out);
	}
	rule_settings(a, w);
	if (opts->base) {
		char *text = isms_base_describe(opts->base);
		fprintf(w->out, "Change:     ");
		put_text(w, text);
		fputc('\n', w->out);
		g_free(text);
	}
	if (a->shallow)
		fprintf(w->out,
		        "%sWarning:    shallow clone: findings that rest on commit dates are "
		        "marked unproven%s\n",
		        sgr(w, BOLD), sgr(w, RESET));
}

static void finding(const writer *w, const isms_finding *f)
{
	char day[ISMS_DATE_BUFSIZE];

	fprintf(w->out, "    - ");
	if (f->path) {
		put_text(w, f->path);
		if (f->line > 0)
			fprintf(w->out, ":%d", f->line);
		fprintf(w->out, ": ");
	}
	put_text(w, f->message);
	if (f->unproven)
		fprintf(w->out, " (unproven: shallow clone)");
	fputc('\n', w->out);
	for (guint k = 0; k < f->evidence->len; k++) {
		const isms_evidence *e = &g_array_index(f->evidence, isms_evidence, k);
		fprintf(w->out, "      %sevidence: %.12s %s ", sgr(w, DIM),
		        e->commit[0] ? e->commit : "-", isms_date_format(e->date, day));
		put_text(w, e->note);
		fprintf(w->out, "%s\n", sgr(w, RESET));
	}
}

/* The clause-by-clause table of mandatory documented information. */
static void coverage(const isms_audit *a, const writer *w)
{
	FILE *out = w->out;
	char day[ISMS_DATE_BUFSIZE];

	if (a->coverage->len == 0 || a->documents->len == 0)
		return;
	fprintf(out,
	        "\n%sMandatory documented information%s (clause, status, documents in force)\n",
	        sgr(w, BOLD), sgr(w, RESET));
	for (guint i = 0; i < a->coverage->len; i++) {
		const isms_coverage *c = g_ptr_array_index(a->coverage, i);
		fprintf(out, "  [%c] %-8s %-8s",
		        c->status == ISMS_COVERAGE_OK        ? 'x'
		        : c->status == ISMS_COVERAGE_OVERDUE ? '!'
		                                             : ' ',
		        c->clause, isms_coverage_status_name(c->status));
		if (c->documents->len == 0 && c->inactive->len == 0)
			fprintf(out, " -");
		for (guint k = 0; k < c->documents->len; k++) {
			const isms_document *d = g_ptr_array_index(c->documents, k);
			isms_review rv;
			fprintf(out, "%s", k ? ", " : " ");
			put_text(w, d->path);
			/* as coverage: a record in force that is past its due
			 * day says so too */
			isms_document_review(d, a->today, ISMS_REVIEW_SOON_DAYS, &rv);
			if (rv.dated == ISMS_REVIEW_OVERDUE)
				fprintf(out, " (review overdue since %s)",
				        isms_date_format(rv.due, day));
		}
		for (guint k = 0; k < c->inactive->len; k++) {
			const isms_document *d = g_ptr_array_index(c->inactive, k);
			fprintf(out, "%s", k || c->documents->len ? ", " : " ");
			put_text(w, d->path);
			fprintf(out, " (%s)",
			        d->meta->status == ISMS_DOC_DRAFT ? "draft" : "retired");
		}
		fputc('\n', out);
	}
}

/* Findings accepted by a waiver: listed apart, never counted. */
static void waived(const isms_findings *fs, const writer *w)
{
	char day[ISMS_DATE_BUFSIZE];

	if (fs->waived->len == 0)
		return;
	fprintf(w->out, "\n%sWaived findings%s (accepted risk, signed off; not counted)\n",
	        sgr(w, BOLD), sgr(w, RESET));
	for (guint i = 0; i < fs->waived->len; i++) {
		const isms_finding *f = g_ptr_array_index(fs->waived, i);
		fprintf(w->out, "  %s %s (clause ", isms_severity_name(f->severity), f->rule->id);
		put_text(w, isms_finding_clause(f));
		fprintf(w->out, ")\n");
		finding(w, f);
		fprintf(w->out, "      waiver: approved by ");
		put_text(w, f->waiver->approved_by);
		fprintf(w->out, ", expires %s: ", isms_date_format(f->waiver->expires, day));
		put_text(w, f->waiver->reason);
		fputc('\n', w->out);
	}
}

/* The register's trends, for the management review. */
static void metrics(const isms_audit *a, const writer *w)
{
	FILE *out = w->out;
	isms_metrics m;

	if (a->registers->len == 0)
		return;
	isms_metrics_compute(a, &m);
	fprintf(out, "\n%sRegister metrics%s (trends for the management review, clause 9.3.2 d)\n",
	        sgr(w, BOLD), sgr(w, RESET));
	fprintf(out, "  Items: %d (open %d, closed %d, accepted %d, withdrawn %d", m.items,
	        m.by_state[ISMS_STATE_OPEN], m.by_state[ISMS_STATE_CLOSED],
	        m.by_state[ISMS_STATE_ACCEPTED], m.by_state[ISMS_STATE_WITHDRAWN]);
	if (m.by_state[ISMS_STATE_UNKNOWN])
		fprintf(out, ", unknown status %d", m.by_state[ISMS_STATE_UNKNOWN]);
	fprintf(out, ")\n  %-8s", "Quarter");
	for (int q = 0; q < ISMS_METRICS_QUARTERS; q++)
		fprintf(out, " %04d-Q%d", m.quarters[q].year % 10000, m.quarters[q].quarter % 10);
	fprintf(out, "\n  %-8s", "Raised");
	for (int q = 0; q < ISMS_METRICS_QUARTERS; q++)
		fprintf(out, " %7d", m.quarters[q].raised);
	fprintf(out, "\n  %-8s", "Closed");
	for (int q = 0; q < ISMS_METRICS_QUARTERS; q++)
		fprintf(out, " %7d", m.quarters[q].closed);
	if (m.closure_times)
		fprintf(
		    out,
		    "\n  Days from first listed to recorded closed: median %d, 90th percentile %d "
		    "(%d closed item%s)\n",
		    m.median_days, m.p90_days, m.closure_times, m.closure_times == 1 ? "" : "s");
	else
		fprintf(out, "\n  Days from first listed to recorded closed: no closed items\n");
	fprintf(out,
	        "  Open items by age: 0-30 days %d, 31-90 days %d, 91-180 days %d, over 180 days "
	        "%d\n",
	        m.open_by_age[0], m.open_by_age[1], m.open_by_age[2], m.open_by_age[3]);
	if (m.closed_with_due)
		fprintf(out, "  On-time closure: %d of %d closed items with a due date (%d%%)\n",
		        m.closed_on_time, m.closed_with_due,
		        (int)(100.0 * m.closed_on_time / m.closed_with_due + 0.5));
	else
		fprintf(out, "  On-time closure: no closed items with a due date\n");
}

/* The risk registers' figures and heat map, for the management review. */
static void risks(const isms_audit *a, const writer *w)
{
	FILE *out = w->out;
	isms_risk_metrics m;

	if (a->risk_registers->len == 0)
		return;
	isms_risk_metrics_compute(a, &m);
	fprintf(out,
	        "\n%sRisk registers%s (results of risk assessment and treatment, clause 9.3.2 f)\n",
	        sgr(w, BOLD), sgr(w, RESET));
	fprintf(out, "  Risks in force: %d (critical %d, high %d, medium %d, low %d", m.risks,
	        m.by_level[ISMS_RISK_CRITICAL], m.by_level[ISMS_RISK_HIGH],
	        m.by_level[ISMS_RISK_MEDIUM], m.by_level[ISMS_RISK_LOW]);
	if (m.by_level[ISMS_RISK_LEVEL_NONE])
		fprintf(out, ", level unknown %d", m.by_level[ISMS_RISK_LEVEL_NONE]);
	fprintf(out, ")\n  Treatment: treat %d, accept %d, avoid %d, transfer %d",
	        m.by_treatment[ISMS_TREAT_MODIFY], m.by_treatment[ISMS_TREAT_RETAIN],
	        m.by_treatment[ISMS_TREAT_AVOID], m.by_treatment[ISMS_TREAT_SHARE]);
	if (m.by_treatment[ISMS_TREAT_NONE])
		fprintf(out, ", none chosen %d", m.by_treatment[ISMS_TREAT_NONE]);
	fprintf(out, "; %d treatment%s overdue\n", m.overdue, m.overdue == 1 ? "" : "s");
	fprintf(out, "  Accepted: %d, %d past the acceptance expiry\n", m.accepted,
	        m.acceptance_expired);
	fprintf(out, "  %-8s", "Quarter");
	for (int q = 0; q < ISMS_METRICS_QUARTERS; q++)
		fprintf(out, " %04d-Q%d", m.quarters[q].year % 10000, m.quarters[q].quarter % 10);
	fprintf(out, "\n  %-8s", "Added");
	for (int q = 0; q < ISMS_METRICS_QUARTERS; q++)
		fprintf(out, " %7d", m.quarters[q].raised);
	fprintf(out, "\n  %-8s", "Closed");
	for (int q = 0; q < ISMS_METRICS_QUARTERS; q++)
		fprintf(out, " %7d", m.quarters[q].closed);
	fprintf(out, "\n  Heat map (risks in force; likelihood down, impact across):\n");
	for (int l = m.scale; l >= 1; l--) {
		fprintf(out, "    %2d |", l);
		for (int i = 1; i <= m.scale; i++)
			if (m.heat[l - 1][i - 1])
				fprintf(out, " %3d", m.heat[l - 1][i - 1]);
			else
				fprintf(out, "   .");
		fputc('\n', out);
	}
	fprintf(out, "       +");
	for (int i = 1; i <= m.scale; i++)
		fprintf(out, "----");
	fprintf(out, "\n        ");
	for (int i = 1; i <= m.scale; i++)
		fprintf(out, " %3d", i);
	fputc('\n', out);
	if (m.off_map)
		fprintf(out,
		        "  Not on the map (no likelihood and impact on the %d-point scale): %d\n",
		        m.scale, m.off_map);
}

int isms_report_text(const isms_audit *a, const isms_findings *fs, const isms_report_options *opts,
                     FILE *out)
{
	static const isms_report_options defaults = ISMS_REPORT_OPTIONS_INIT;
	writer w = {out, 0};
	const char *clause = NULL;
	const isms_rule *rule = NULL;
	size_t major, minor, obs;

	if (!opts)
		opts = &defaults;
	w.color = opts->color;
	header(a, opts, &w);
	for (guint i = 0; i < fs->items->len; i++) {
		const isms_finding *f = g_ptr_array_index(fs->items, i);
		if (!clause || strcmp(clause, isms_finding_clause(f)) != 0) {
			clause = isms_finding_clause(f);
			rule = NULL;
			fprintf(out, "\n%sClause ", sgr(&w, BOLD));
			put_text(&w, clause);
			fprintf(out, "  %s%s\n", isms_clause_title(clause), sgr(&w, RESET));
		}
		if (rule != f->rule) {
			rule = f->rule;
			fprintf(out, "  %s%s%s %s: %s\n", sgr(&w, severity_color(f->severity)),
			        isms_severity_name(f->severity), sgr(&w, RESET), rule->id,
			        rule->summary);
			fprintf(out, "    %srequirement: %s%s\n", sgr(&w, DIM), rule->requirement,
			        sgr(&w, RESET));
		}
		finding(&w, f);
	}
	major = isms_findings_count(fs, ISMS_SEV_MAJOR);
	minor = isms_findings_count(fs, ISMS_SEV_MINOR);
	obs = isms_findings_count(fs, ISMS_SEV_OBSERVATION);
	coverage(a, &w);
	waived(fs, &w);
	metrics(a, &w);
	risks(a, &w);
	if (fs->items->len == 0 && opts->base)
		fprintf(out, "\nNo finding introduced by the change.\n");
	else if (fs->items->len == 0)
		fprintf(out,
		        "\nNo findings: the documented information is controlled and current.\n");
	fprintf(out, "\n%sSummary: %zu major, %zu minor, %zu observation%s", sgr(&w, BOLD), major,
	        minor, obs, sgr(&w, RESET));
	if (fs->waived->len)
		fprintf(out, ", %u waived", fs->waived->len);
	if (opts->base)
		fprintf(out, " introduced, %zu already present", opts->base->preexisting);
	if (opts->fail_on == ISMS_SEV_NEVER)
		fprintf(out, " (fail-on never)\n");
	else
		fprintf(out, " (fail-on %s: %s)\n", isms_severity_name(opts->fail_on),
		        isms_findings_fail(fs, opts->fail_on) ? "fail" : "pass");
	if (fflush(out) == EOF || ferror(out))
		return isms_error_set(ISMS_EREPO, "cannot write the report");
	return 0;
}
