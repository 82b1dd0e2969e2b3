/* A GitHub-flavoured Markdown summary: for $GITHUB_STEP_SUMMARY and for the
 * management review pack. */
#include <string.h>

#include "isms/clauses.h"
#include "isms/error.h"
#include "isms/metrics.h"
#include "isms/report.h"
#include "isms/rules.h"
#include "isms/version.h"
#include "report/escape.h"

/*
 * GitHub: "each step is restricted to a maximum size of 1MiB. [...] If more
 * than 1MiB of content is added for a step, then the upload for the step
 * will fail" (docs.github.com/en/actions/reference/workflows-and-actions/
 * workflow-commands, "Step isolation and limits"). A summary over the limit
 * is lost whole, so this one stays under ISMS_REPORT_MARKDOWN_LIMIT: the
 * overview (summary, coverage, metrics) is always kept, and the rows of the
 * long tables that do not fit are left out at a row boundary and counted in
 * a closing note. Every string is valid UTF-8 before it is added, so a cut
 * between rows never splits a character.
 */
#define NOTE_ROOM  1024                             /* the closing note */
#define TAIL_LIMIT (ISMS_REPORT_MARKDOWN_LIMIT / 4) /* coverage and metrics */

/* Rows are added while they fit in `limit` bytes of `s`; after the first
 * that does not, none: what is left out is always the end of the report. */
typedef struct {
	GString *s;
	gsize limit;
	int full;
} budget;

static int put(budget *b, const char *text, gsize len)
{
	if (b->full || b->s->len + len > b->limit) {
		b->full = 1;
		return 0;
	}
	g_string_append_len(b->s, text, (gssize)len);
	return 1;
}

/*
 * GitHub renders inline HTML and every Markdown construct in a cell, so
 * repository text is made inert: the table's own `|` and the backslash
 * escaped; < > & as entities (no tag, no entity of the text's own); the
 * characters that open code, emphasis, strikethrough, math and links
 * backslash-escaped, so no link text can hide its target; line breaks and
 * tabs as spaces, since a cell is one line; unsafe characters and invalid
 * UTF-8 as U+FFFD. GitHub's autolink extension links bare URLs too: the
 * ':' of "://" and the '.' of "www." are backslash-escaped, which it does
 * not take for a URL, so no text becomes a link. An e-mail address is
 * still linked (to mailto: itself): the extension finds those after
 * escapes are resolved.
 */
void isms_report_markdown_cell(GString *out, const char *s)
{
	char *valid;

	if (!s)
		return;
	valid = g_utf8_make_valid(s, -1);
	for (const char *p = valid; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		switch (c) {
		case '&': g_string_append(out, "&amp;"); break;
		case '<': g_string_append(out, "&lt;"); break;
		case '>': g_string_append(out, "&gt;"); break;
		case '\r':
			if (p[1] == '\n')
				p++;
			/* fall through */
		case '\n':
		case '\t': g_string_append_c(out, ' '); break;
		case '|':
		case '\\':
		case '`':
		case '*':
		case '_':
		case '[':
		case ']':
		case '~':
		case '$':
			g_string_append_c(out, '\\');
			g_string_append_c(out, (char)c);
			break;
		case ':':
		case '.':
			if (c == ':' ? g_str_has_prefix(p + 1, "//")
			             : p - valid >= 3 && g_ascii_strncasecmp(p - 3, "www", 3) == 0)
				g_string_append_c(out, '\\');
			g_string_append_c(out, (char)c);
			break;
		default: g_string_append_unichar(out, isms_report_unsafe_char(c) ? 0xfffd : c);
		}
	}
	g_free(valid);
}

static void cell(GString *row, const char *s)
{
	isms_report_markdown_cell(row, s);
	g_string_append(row, " | ");
}

/* End a row: drop the last " | " separator's trailing space. */
static void end_row(GString *row)
{
	g_string_truncate(row, row->len - 1);
	g_string_append_c(row, '\n');
}

static void location(GString *row, const isms_finding *f)
{
	if (!f->path) {
		g_string_append(row, "(repository) | ");
		return;
	}
	isms_report_markdown_cell(row, f->path);
	if (f->line > 0)
		g_string_append_printf(row, ":%d", f->line);
	g_string_append(row, " | ");
}

static void message(GString *row, const isms_finding *f)
{
	isms_report_markdown_cell(row, f->message);
	if (f->unproven)
		g_string_append(row, " (unproven: shallow clone)");
	g_string_append(row, " | ");
}

static void evidence(GString *row, const isms_finding *f)
{
	char day[ISMS_DATE_BUFSIZE];

	for (guint k = 0; k < f->evidence->len; k++) {
		const isms_evidence *e = &g_array_index(f->evidence, isms_evidence, k);
		if (k)
			g_string_append(row, "<br>");
		if (e->commit[0])
			g_string_append_printf(row, "`%.12s` ", e->commit);
		g_string_append_printf(row, "%s ", isms_date_format(e->date, day));
		isms_report_markdown_cell(row, e->note);
	}
	g_string_append(row, " | ");
}

static void header(GString *out, const isms_audit *a, const isms_base *base)
{
	char hex[GIT_OID_HEXSZ + 1], day[ISMS_DATE_BUFSIZE], asof[ISMS_DATE_BUFSIZE];

	g_string_append_printf(out,
	                       "## ISO/IEC 27001 documentation audit: commit %.12s, as of %s\n\n",
	                       isms_audit_commit_hex(a, a->history.commits->len - 1, hex),
	                       isms_date_format(a->today, asof));
	g_string_append(out, "- **Repository:** ");
	isms_report_markdown_cell(out, a->root);
	g_string_append_printf(out, "\n- **Audited:** commit `%.12s` of %s, as of %s\n", hex,
	                       isms_date_format(isms_audit_head(a)->date, day), asof);
	g_string_append_printf(
	    out,
	    "- **Evidence:** %u document%s, %u commit%s on the first-parent history since %s\n",
	    a->documents->len, a->documents->len == 1 ? "" : "s", a->history.commits->len,
	    a->history.commits->len == 1 ? "" : "s",
	    isms_date_format(isms_audit_commit(a, 0)->date, day));
	if (a->config.source) {
		g_string_append(out, "- **Configuration:** ");
		isms_report_markdown_cell(out, a->config.source);
		g_string_append_c(out, '\n');
	}
	if (base) {
		char *text = isms_base_describe(base);
		g_string_append(out, "- **Change:** ");
		isms_report_markdown_cell(out, text);
		g_string_append_c(out, '\n');
		g_free(text);
	}
	if (a->shallow)
		g_string_append(out,
		                "- **Warning:** shallow clone: findings that rest on commit dates "
		                "are marked unproven\n");
	g_string_append_printf(out, "- **Tool:** %s %s\n", ISMS_NAME, ISMS_VERSION);
}

static void summary(GString *out, const isms_findings *fs, isms_severity fail_on)
{
	g_string_append_printf(
	    out,
	    "\n### Summary\n\n"
	    "| Major | Minor | Observation | Waived | Fail-on | Result |\n"
	    "| ---: | ---: | ---: | ---: | --- | --- |\n"
	    "| %zu | %zu | %zu | %u | %s | **%s** |\n",
	    isms_findings_count(fs, ISMS_SEV_MAJOR), isms_findings_count(fs, ISMS_SEV_MINOR),
	    isms_findings_count(fs, ISMS_SEV_OBSERVATION), fs->waived->len,
	    isms_severity_name(fail_on), isms_findings_fail(fs, fail_on) ? "fail" : "pass");
	if (fs->items->len == 0)
		g_string_append(
		    out, "\nNo findings: the documented information is controlled and current.\n");
}

/* Rules the configuration switched off or regraded: an auditor must see
 * them next to the counts they change. Returns the rows left out. */
static guint rule_settings(budget *b, const isms_audit *a)
{
	GString *row = g_string_new(NULL);
	guint n = 0, left = 0;

	for (size_t i = 0; i < isms_rules_count; i++) {
		const isms_rule *r = &isms_rules[i];
		const isms_rule_setting *s = isms_config_rule(&a->config, r->id);
		if (!s)
			continue;
		g_string_truncate(row, 0);
		if (n == 0)
			g_string_append(row, "\n### Rule settings changed by the configuration\n\n"
			                     "| Rule | Severity | Default | Paths excluded |\n"
			                     "| --- | --- | --- | --- |\n");
		g_string_append_printf(row, "| %s | %s | %s | ", r->id,
		                       s->off            ? "off"
		                       : s->has_severity ? isms_severity_name(s->severity)
		                                         : isms_severity_name(r->severity),
		                       isms_severity_name(r->severity));
		for (guint k = 0; k < s->exclude->len; k++) {
			if (k)
				g_string_append(row, "<br>");
			isms_report_markdown_cell(row, g_ptr_array_index(s->exclude, k));
		}
		g_string_append(row, " |\n");
		if (put(b, row->str, row->len))
			n++;
		else
			left++;
	}
	g_string_free(row, TRUE);
	return left;
}

/* Findings grouped by clause, a table each. Returns the findings left out. */
static guint findings(budget *b, const GPtrArray *list)
{
	GString *row = g_string_new(NULL);
	const char *clause = NULL;
	guint i;

	if (list->len)
		put(b, "\n### Findings\n", strlen("\n### Findings\n"));
	for (i = 0; i < list->len; i++) {
		const isms_finding *f = g_ptr_array_index(list, i);
		const char *title = isms_clause_title(isms_finding_clause(f));
		g_string_truncate(row, 0);
		if (!clause || strcmp(clause, isms_finding_clause(f)) != 0) {
			g_string_append(row, "\n#### Clause ");
			isms_report_markdown_cell(row, isms_finding_clause(f));
			g_string_append_printf(row, "%s%s\n\n", *title ? ": " : "", title);
			g_string_append(row, "| Severity | Rule | Location | Finding | Evidence |\n"
			                     "| --- | --- | --- | --- | --- |\n");
		}
		g_string_append_printf(row, "| %s | %s | ", isms_severity_name(f->severity),
		                       f->rule->id);
		location(row, f);
		message(row, f);
		evidence(row, f);
		end_row(row);
		if (!put(b, row->str, row->len))
			break;
		clause = isms_finding_clause(f);
	}
	g_string_free(row, TRUE);
	return list->len - i;
}

/* Findings accepted by a waiver: listed apart, never counted. Returns the
 * findings left out. */
static guint waived(budget *b, const GPtrArray *list)
{
	GString *row = g_string_new(NULL);
	char day[ISMS_DATE_BUFSIZE];
	guint i;

	for (i = 0; i < list->len; i++) {
		const isms_finding *f = g_ptr_array_index(list, i);
		g_string_truncate(row, 0);
		if (i == 0)
			g_string_append(
			    row, "\n### Waived findings\n\n"
			         "Accepted risks, signed off by management: not counted above.\n\n"
			         "| Severity | Rule | Clause | Location | Finding | Approved by | "
			         "Expires | Reason |\n"
			         "| --- | --- | --- | --- | --- | --- | --- | --- |\n");
		g_string_append_printf(row, "| %s | %s | ", isms_severity_name(f->severity),
		                       f->rule->id);
		cell(row, isms_finding_clause(f));
		location(row, f);
		message(row, f);
		cell(row, f->waiver->approved_by);
		cell(row, isms_date_format(f->waiver->expires, day));
		cell(row, f->waiver->reason);
		end_row(row);
		if (!put(b, row->str, row->len))
			break;
	}
	g_string_free(row, TRUE);
	return list->len - i;
}

/* The clause-by-clause table of mandatory documented information. */
static void coverage(budget *b, const isms_audit *a)
{
	GString *row = g_string_new(NULL);
	char day[ISMS_DATE_BUFSIZE];
	guint i;

	if (a->coverage->len == 0 || a->documents->len == 0)
		goto done;
	for (i = 0; i < a->coverage->len; i++) {
		const isms_coverage *c = g_ptr_array_index(a->coverage, i);
		g_string_truncate(row, 0);
		if (i == 0)
			g_string_append(row, "\n### Mandatory documented information\n\n"
			                     "| Clause | Title | Status | Documents |\n"
			                     "| --- | --- | --- | --- |\n");
		g_string_append(row, "| ");
		cell(row, c->clause);
		cell(row, isms_clause_title(c->clause));
		cell(row, isms_coverage_status_name(c->status));
		for (guint k = 0; k < c->documents->len; k++) {
			const isms_document *d = g_ptr_array_index(c->documents, k);
			isms_review rv;
			if (k)
				g_string_append(row, "<br>");
			isms_report_markdown_cell(row, d->path);
			/* as coverage: a record in force that is past its due
			 * day says so too */
			isms_document_review(d, a->today, ISMS_REVIEW_SOON_DAYS, &rv);
			if (rv.dated == ISMS_REVIEW_OVERDUE)
				g_string_append_printf(row, " (review overdue since %s)",
				                       isms_date_format(rv.due, day));
		}
		for (guint k = 0; k < c->inactive->len; k++) {
			const isms_document *d = g_ptr_array_index(c->inactive, k);
			if (k || c->documents->len)
				g_string_append(row, "<br>");
			isms_report_markdown_cell(row, d->path);
			g_string_append(row, d->meta->status == ISMS_DOC_DRAFT ? " (draft)"
			                                                       : " (retired)");
		}
		g_string_append(row, " |\n");
		if (!put(b, row->str, row->len))
			break;
	}
	if (i < a->coverage->len)
		g_string_append_printf(b->s,
		                       "\n%u more clause%s left out of this summary: see the full "
		                       "report.\n",
		                       a->coverage->len - i,
		                       a->coverage->len - i == 1 ? " is" : "s are");
done:
	g_string_free(row, TRUE);
}

/* The register's trends, for the management review: the text report's
 * figures. */
static void metrics(GString *out, const isms_audit *a)
{
	isms_metrics m;

	if (a->registers->len == 0)
		return;
	isms_metrics_compute(a, &m);
	g_string_append_printf(out,
	                       "\n### Register metrics\n\n"
	                       "Trends for the management review (clause 9.3.2 d). Items: %d (open "
	                       "%d, closed %d, accepted %d, withdrawn %d",
	                       m.items, m.by_state[ISMS_STATE_OPEN], m.by_state[ISMS_STATE_CLOSED],
	                       m.by_state[ISMS_STATE_ACCEPTED], m.by_state[ISMS_STATE_WITHDRAWN]);
	if (m.by_state[ISMS_STATE_UNKNOWN])
		g_string_append_printf(out, ", unknown status %d", m.by_state[ISMS_STATE_UNKNOWN]);
	g_string_append(out, ").\n\n| Quarter |");
	for (int q = 0; q < ISMS_METRICS_QUARTERS; q++)
		g_string_append_printf(out, " %04d-Q%d |", m.quarters[q].year % 10000,
		                       m.quarters[q].quarter % 10);
	g_string_append(out, "\n| --- |");
	for (int q = 0; q < ISMS_METRICS_QUARTERS; q++)
		g_string_append(out, " ---: |");
	g_string_append(out, "\n| Raised |");
	for (int q = 0; q < ISMS_METRICS_QUARTERS; q++)
		g_string_append_printf(out, " %d |", m.quarters[q].raised);
	g_string_append(out, "\n| Closed |");
	for (int q = 0; q < ISMS_METRICS_QUARTERS; q++)
		g_string_append_printf(out, " %d |", m.quarters[q].closed);
	g_string_append(out, "\n\n");
	if (m.closure_times)
		g_string_append_printf(
		    out,
		    "- Days from first listed to recorded closed: median %d, 90th "
		    "percentile %d (%d closed item%s)\n",
		    m.median_days, m.p90_days, m.closure_times, m.closure_times == 1 ? "" : "s");
	else
		g_string_append(out,
		                "- Days from first listed to recorded closed: no closed items\n");
	g_string_append_printf(out,
	                       "- Open items by age: 0-30 days %d, 31-90 days %d, 91-180 days %d, "
	                       "over 180 days %d\n",
	                       m.open_by_age[0], m.open_by_age[1], m.open_by_age[2],
	                       m.open_by_age[3]);
	if (m.closed_with_due)
		g_string_append_printf(
		    out, "- On-time closure: %d of %d closed items with a due date (%d%%)\n",
		    m.closed_on_time, m.closed_with_due,
		    (int)(100.0 * m.closed_on_time / m.closed_with_due + 0.5));
	else
		g_string_append(out, "- On-time closure: no closed items with a due date\n");
}

/* "N of M things": one part of the closing note. */
static void left_part(GString *out, guint left, guint of, const char *what)
{
	if (!left)
		return;
	g_string_append_printf(out, "%s%u of %u %s", out->len ? ", " : "", left, of, what);
}

int isms_report_markdown(const isms_audit *a, const isms_findings *fs,
                         const isms_report_options *opts, FILE *out)
{
	static const isms_report_options defaults = ISMS_REPORT_OPTIONS_INIT;
	GString *doc = g_string_new(NULL), *tail = g_string_new(NULL), *note = g_string_new(NULL);
	budget tb = {tail, TAIL_LIMIT, 0}, b;
	guint settings_left, findings_left, waived_left, settings = 0;
	int error = 0;

	if (!opts)
		opts = &defaults;
	/* the overview first, so that the rows get what room is left */
	coverage(&tb, a);
	metrics(tail, a);

	header(doc, a, opts->base);
	summary(doc, fs, opts->fail_on);
	b = (budget){doc, ISMS_REPORT_MARKDOWN_LIMIT - NOTE_ROOM - tail->len, 0};
	settings_left = rule_settings(&b, a);
	findings_left = findings(&b, fs->items);
	waived_left = waived(&b, fs->waived);
	g_string_append_len(doc, tail->str, (gssize)tail->len);

	for (size_t i = 0; i < isms_rules_count; i++)
		settings += isms_config_rule(&a->config, isms_rules[i].id) != NULL;
	left_part(note, findings_left, fs->items->len, "findings");
	left_part(note, waived_left, fs->waived->len, "waived findings");
	left_part(note, settings_left, settings, "rule settings");
	if (note->len)
		g_string_append_printf(
		    doc,
		    "\n---\n\n**Truncated:** %s are left out of this summary to keep "
		    "it under GitHub's 1 MiB step summary limit. The full report has "
		    "them all: `isms-audit check --format text` (or `--format "
		    "json`).\n",
		    note->str);

	if (fwrite(doc->str, 1, doc->len, out) != doc->len || fflush(out) == EOF || ferror(out))
		error = isms_error_set(ISMS_EREPO, "cannot write the markdown report");
	g_string_free(doc, TRUE);
	g_string_free(tail, TRUE);
	g_string_free(note, TRUE);
	return error;
}
