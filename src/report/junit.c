/* JUnit XML as GitLab and Jenkins read it (checked against the Jenkins xUnit
 * plugin's junit-10.xsd): a testsuite per clause that has rules or findings,
 * a testcase per finding ("RULE-ID path:item"), and a passing testcase per
 * rule without findings, so that the totals count the checks made. Findings
 * at or above --fail-on fail; those below pass with the finding in
 * <system-out>; waived findings and rules switched off are skipped. */
#include <string.h>

#include "isms/clauses.h"
#include "isms/error.h"
#include "isms/report.h"
#include "isms/rules.h"
#include "isms/version.h"
#include "report/ci.h"

typedef struct {
	GString *cases; /* the testcases of the suite being written */
	int tests, failures, skipped;
} suite;

/*
 * Repository text into XML 1.0: the five markup characters as entities,
 * invalid UTF-8 as U+FFFD, and characters XML 1.0 cannot carry dropped (C0
 * controls but tab, LF and CR; U+FFFE, U+FFFF), with DEL and the C1
 * controls, which it discourages. CR is always a character reference, and
 * in attributes tab and LF too, so that parsers do not normalise them away.
 */
static void xml_escape(GString *out, const char *s, int attr)
{
	const char *p = s, *end = s + strlen(s);

	while (p < end) {
		gunichar c = g_utf8_get_char_validated(p, end - p);
		if (c == (gunichar)-1 || c == (gunichar)-2) {
			c = 0xFFFD; /* one replacement per invalid byte, as JSON reports */
			p++;
		} else {
			p = g_utf8_next_char(p);
		}
		switch (c) {
		case '&': g_string_append(out, "&amp;"); break;
		case '<': g_string_append(out, "&lt;"); break;
		case '>': g_string_append(out, "&gt;"); break; /* and so never "]]>" */
		case '"': g_string_append(out, "&quot;"); break;
		case '\'': g_string_append(out, "&apos;"); break;
		case '\r': g_string_append(out, "&#13;"); break;
		case '\t':
		case '\n':
			if (attr)
				g_string_append_printf(out, "&#%u;", (unsigned)c);
			else
				g_string_append_c(out, (char)c);
			break;
		default:
			if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF)
				break;
			g_string_append_unichar(out, c);
		}
	}
}

static int clause_ptr_cmp(gconstpointer a, gconstpointer b)
{
	return isms_clause_cmp(*(const char *const *)a, *(const char *const *)b);
}

/* `<testcase classname="clause.X" name="NAME"` for a rule, or for a finding
 * "RULE-ID path:item" (path "(repository)" for repository-wide findings). */
static void open_case(suite *s, const char *clause, const isms_rule *r, const isms_finding *f)
{
	g_string_append(s->cases, "    <testcase classname=\"clause.");
	xml_escape(s->cases, clause, 1);
	g_string_append_printf(s->cases, "\" name=\"%s", r->id);
	if (f) {
		g_string_append_c(s->cases, ' ');
		xml_escape(s->cases, f->path ? f->path : "(repository)", 1);
		if (f->item) {
			g_string_append_c(s->cases, ':');
			xml_escape(s->cases, f->item, 1);
		}
	}
	g_string_append_c(s->cases, '"');
	s->tests++;
}

/* The full text of a finding: "path:line: message", then its evidence. */
static void finding_text(GString *out, const isms_finding *f)
{
	GString *text = g_string_new(NULL);

	if (f->path) {
		g_string_append(text, f->path);
		if (f->line > 0)
			g_string_append_printf(text, ":%d", f->line);
		g_string_append(text, ": ");
	}
	isms_report_ci_text(text, f);
	xml_escape(out, text->str, 0);
	g_string_free(text, TRUE);
}

static void finding_case(suite *s, const isms_finding *f, isms_severity fail_on)
{
	const char *sev = isms_severity_name(f->severity);

	open_case(s, isms_finding_clause(f), f->rule, f);
	g_string_append(s->cases, ">\n      ");
	if (f->waiver) {
		char day[ISMS_DATE_BUFSIZE];
		s->skipped++;
		g_string_append(s->cases, "<skipped message=\"waived: ");
		xml_escape(s->cases, f->waiver->reason ? f->waiver->reason : "", 1);
		g_string_append(s->cases, "\">");
		finding_text(s->cases, f);
		g_string_append_printf(s->cases, "\n%s finding waived until %s, approved by ", sev,
		                       isms_date_format(f->waiver->expires, day));
		xml_escape(s->cases, f->waiver->approved_by ? f->waiver->approved_by : "-", 0);
		g_string_append(s->cases, "</skipped>");
	} else if (f->severity >= fail_on) {
		s->failures++;
		g_string_append(s->cases, "<failure message=\"");
		xml_escape(s->cases, f->message, 1);
		g_string_append_printf(s->cases, "\" type=\"%s\">", sev);
		finding_text(s->cases, f);
		g_string_append(s->cases, "</failure>");
	} else {
		g_string_append_printf(s->cases,
		                       "<system-out>%s finding below the fail-on level %s\n", sev,
		                       isms_severity_name(fail_on));
		finding_text(s->cases, f);
		g_string_append(s->cases, "</system-out>");
	}
	g_string_append(s->cases, "\n    </testcase>\n");
}

/* A rule without findings: a passing testcase, or a skipped one when the
 * configuration switched the rule off. */
static void rule_case(suite *s, const isms_audit *a, const isms_rule *r)
{
	const isms_rule_setting *set = isms_config_rule(&a->config, r->id);

	open_case(s, r->clause, r, NULL);
	if (set && set->off) {
		s->skipped++;
		g_string_append(s->cases, ">\n      <skipped message=\"switched off by the "
		                          "configuration\"/>\n    </testcase>\n");
	} else {
		g_string_append(s->cases, "/>\n");
	}
}

static void add_clause(GPtrArray *clauses, const char *clause)
{
	for (guint i = 0; i < clauses->len; i++)
		if (strcmp(g_ptr_array_index(clauses, i), clause) == 0)
			return;
	g_ptr_array_add(clauses, (gpointer)clause);
}

int isms_report_junit(const isms_audit *a, const isms_findings *fs, const isms_report_options *opts,
                      FILE *out)
{
	isms_severity fail_on = opts ? opts->fail_on : ISMS_SEV_MINOR;
	const GPtrArray *lists[] = {fs->items, fs->waived};
	GPtrArray *clauses = g_ptr_array_new();           /* borrowed from the rules and findings */
	GHashTable *found = g_hash_table_new(NULL, NULL); /* rules with findings */
	GString *body = g_string_new(NULL);
	char hex[GIT_OID_HEXSZ + 1], day[ISMS_DATE_BUFSIZE];
	int tests = 0, failures = 0;

	for (size_t i = 0; i < isms_rules_count; i++)
		add_clause(clauses, isms_rules[i].clause);
	for (size_t l = 0; l < G_N_ELEMENTS(lists); l++)
		for (guint i = 0; i < lists[l]->len; i++) {
			const isms_finding *f = g_ptr_array_index(lists[l], i);
			add_clause(clauses, isms_finding_clause(f));
			g_hash_table_add(found, (gpointer)f->rule);
		}
	g_ptr_array_sort(clauses, clause_ptr_cmp);

	for (guint c = 0; c < clauses->len; c++) {
		const char *clause = g_ptr_array_index(clauses, c);
		const char *title = isms_clause_title(clause);
		suite s = {g_string_new(NULL), 0, 0, 0};
		for (size_t l = 0; l < G_N_ELEMENTS(lists); l++)
			for (guint i = 0; i < lists[l]->len; i++) {
				const isms_finding *f = g_ptr_array_index(lists[l], i);
				if (strcmp(isms_finding_clause(f), clause) == 0)
					finding_case(&s, f, fail_on);
			}
		for (size_t i = 0; i < isms_rules_count; i++)
			if (strcmp(isms_rules[i].clause, clause) == 0 &&
			    !g_hash_table_contains(found, &isms_rules[i]))
				rule_case(&s, a, &isms_rules[i]);
		g_string_append(body, "  <testsuite name=\"clause ");
		xml_escape(body, clause, 1);
		if (*title) {
			g_string_append_c(body, ' ');
			xml_escape(body, title, 1);
		}
		g_string_append_printf(
		    body,
		    "\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\">\n"
		    "%s  </testsuite>\n",
		    s.tests, s.failures, s.skipped, s.cases->str);
		tests += s.tests;
		failures += s.failures;
		g_string_free(s.cases, TRUE);
	}

	fprintf(out,
	        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	        "<!-- %s %s: commit %.12s as of %s -->\n"
	        "<testsuites name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\">\n%s"
	        "</testsuites>\n",
	        ISMS_NAME, ISMS_VERSION, isms_audit_commit_hex(a, a->history.commits->len - 1, hex),
	        isms_date_format(a->today, day), ISMS_NAME, tests, failures, body->str);
	g_string_free(body, TRUE);
	g_hash_table_destroy(found);
	g_ptr_array_free(clauses, TRUE);
	if (ferror(out))
		return isms_error_set(ISMS_EREPO, "cannot write the JUnit report");
	return 0;
}
