/* The GitHub reports: workflow-command annotations and the Markdown summary. */
#include <stdio.h>
#include <string.h>

#include "isms/report.h"
#include "isms/rules.h"
#include "testutil.h"

static char *render(isms_report_fn fn, const isms_audit *a, const isms_findings *fs)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	isms_report_options opts = ISMS_REPORT_OPTIONS_INIT;

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fn(a, fs, &opts, f), 0);
	fclose(f);
	return buf;
}

/* The healthy fixture with its one finding removed: a model to hang
 * made-up findings on. */
static isms_audit *empty_audit(isms_findings *fs)
{
	isms_audit *a = audit_fixture("rules/healthy", "2026-01-15", fs);

	g_ptr_array_set_size(fs->items, 0);
	return a;
}

/* Every line of `text` is a workflow command we meant: an annotation
 * (error, warning, notice) and nothing else; returns the number of lines. */
static int expect_only_annotations(const char *text)
{
	char **lines = g_strsplit(text, "\n", -1);
	int n = 0;

	ck_assert_msg(*text == '\0' || g_str_has_suffix(text, "\n"), "output ends mid-line");
	for (char **l = lines; *l; l++) {
		if (**l == '\0' && l[1] == NULL)
			break; /* after the final newline */
		ck_assert_msg(g_str_has_prefix(*l, "::error ") ||
		                  g_str_has_prefix(*l, "::warning ") ||
		                  g_str_has_prefix(*l, "::notice "),
		              "unexpected line: %s", *l);
		ck_assert_ptr_null(strchr(*l, '\r'));
		n++;
	}
	g_strfreev(lines);
	return n;
}

/* ---- github ------------------------------------------------------------ */

START_TEST(github_golden_demo)
{
	int rc;
	char *out = run_report("demo", "2026-11-01",
	                       (const char *const[]){"--format", "github", NULL}, &rc);

	ck_assert_int_eq(rc, 1);
	expect_golden("github/demo.txt", out);
	/* 19 minor: 10 warnings; 10 observations: 9 notices, then the note
	 * (itself a notice) on the 10 left out */
	ck_assert_int_eq(expect_only_annotations(out), 20);
	g_free(out);
}
END_TEST

START_TEST(github_golden_small_fixtures)
{
	int rc;
	char *out = run_report("rules/healthy", "2026-01-15",
	                       (const char *const[]){"--format", "github", NULL}, &rc);

	ck_assert_int_eq(rc, 0);
	expect_golden("github/healthy.txt", out);
	ck_assert_int_eq(expect_only_annotations(out), 1);
	g_free(out);

	/* 4 major (RISK-REGISTER-MISSING among them), 4 minor, 1 observation (no
	 * approval evidence), 2 waived: waived findings are never annotated */
	out = run_report("rules/waivers", "2026-01-15",
	                 (const char *const[]){"--format", "github", NULL}, &rc);
	ck_assert_int_eq(rc, 1);
	expect_golden("github/waivers.txt", out);
	ck_assert_int_eq(expect_only_annotations(out), 9);
	ck_assert_ptr_null(strstr(out, "docs/a.md"));
	ck_assert_ptr_null(strstr(out, "NC-2025-003"));
	g_free(out);
}
END_TEST

START_TEST(github_no_findings_prints_nothing)
{
	isms_findings fs;
	isms_audit *a = empty_audit(&fs);
	char *out = render(isms_report_github, a, &fs);

	ck_assert_str_eq(out, "");
	free(out);
	audit_done(a, &fs);
}
END_TEST

START_TEST(github_escapes_hostile_text_exactly)
{
	isms_findings fs;
	isms_audit *a = empty_audit(&fs);
	isms_finding *f;
	char *out;

	/* a message that tries to start commands on new lines */
	isms_findings_add(&fs, isms_rule_find("DOC-NO-METADATA"), "docs/a,b:c.md", 3, "a", NULL,
	                  "%s", "ok\n::set-output name=x::y\r\n::error::pwned");
	/* a path and an item that try to end the properties early */
	isms_findings_add(&fs, isms_rule_find("DOC-MISSING-FIELD"), "p%0A::add-mask::s,line=9.md",
	                  0, "p", "x\n::add-mask::secret,title=t", "%s", "100%0A done %0D %25");
	/* a clause (from configuration) in the title; controls, invalid UTF-8,
	 * a line separator and a bidi override in the message */
	f = isms_findings_add(&fs, isms_rule_find("MANDATORY-DOC-MISSING"), NULL, 0, "r", NULL,
	                      "%s",
	                      "tab\there \x1b[31mred\x7f caf\xe9 \xe2\x80\xa8sep \xe2\x80\xae"
	                      "evil");
	isms_finding_set_clause(f, "9.9\n::set-output name=x::y");
	isms_findings_sort(&fs);
	out = render(isms_report_github, a, &fs);
	ck_assert_str_eq(
	    out,
	    "::error title=MANDATORY-DOC-MISSING (clause 9.9%0A%3A%3Aset-output name=x%3A%3Ay%2C "
	    "major)::tab here \xef\xbf\xbd[31mred\xef\xbf\xbd caf\xef\xbf\xbd \xef\xbf\xbdsep "
	    "\xef\xbf\xbd"
	    "evil\n"
	    "::warning file=docs/a%2Cb%3Ac.md,line=3,title=DOC-NO-METADATA (clause 7.5.2%2C "
	    "minor)::ok%0A::set-output name=x::y%0D%0A::error::pwned\n"
	    "::warning file=p%250A%3A%3Aadd-mask%3A%3As%2Cline=9.md,title=DOC-MISSING-FIELD "
	    "(clause "
	    "7.5.2%2C minor%2C item x%0A%3A%3Aadd-mask%3A%3Asecret%2Ctitle=t)::100%250A done %250D "
	    "%2525\n");
	ck_assert_int_eq(expect_only_annotations(out), 3);
	free(out);
	audit_done(a, &fs);
}
END_TEST

/* 25 minor and 3 major findings, the majors in a later clause. */
START_TEST(github_shows_ten_per_level_most_severe_first)
{
	isms_findings fs;
	isms_audit *a = empty_audit(&fs);
	GString *want = g_string_new(NULL);
	char *out;

	for (int i = 1; i <= 25; i++) {
		char path[16];
		snprintf(path, sizeof(path), "m%02d.md", i);
		isms_findings_add(&fs, isms_rule_find("DOC-REVIEW-OVERDUE"), path, i, path, NULL,
		                  "minor %d", i);
	}
	for (int i = 1; i <= 3; i++) {
		char path[16];
		snprintf(path, sizeof(path), "M%d.md", i);
		isms_finding *f = isms_findings_add(&fs, isms_rule_find("DOC-REVIEW-OVERDUE"), path,
		                                    1, path, NULL, "major %d", i);
		f->severity = ISMS_SEV_MAJOR; /* as configuration regrades it */
		isms_finding_set_clause(f, "10.2");
	}
	isms_findings_sort(&fs);
	out = render(isms_report_github, a, &fs);
	for (int i = 1; i <= 3; i++)
		g_string_append_printf(
		    want,
		    "::error file=M%d.md,line=1,title=DOC-REVIEW-OVERDUE (clause "
		    "10.2%%2C major)::major %d\n",
		    i, i);
	for (int i = 1; i <= 10; i++)
		g_string_append_printf(
		    want,
		    "::warning file=m%02d.md,line=%d,title=DOC-REVIEW-OVERDUE (clause "
		    "7.5.2%%2C minor)::minor %d\n",
		    i, i, i);
	g_string_append(want,
	                "::notice title=isms-audit::15 more findings (0 major, 15 minor, 0 "
	                "observation) are not annotated: GitHub shows at most 10 annotations "
	                "of each level per step; see the job summary (--format markdown) or the "
	                "full report (--format text)\n");
	ck_assert_str_eq(out, want->str);
	ck_assert_int_eq(expect_only_annotations(out), 14);
	g_string_free(want, TRUE);
	free(out);
	audit_done(a, &fs);
}
END_TEST

/* The closing note is a notice itself: with it, nine observations fit. */
static char *notices(int n, int majors)
{
	isms_findings fs;
	isms_audit *a = empty_audit(&fs);
	char *out;

	for (int i = 1; i <= n + majors; i++) {
		char path[16];
		snprintf(path, sizeof(path), "o%02d.md", i);
		isms_finding *f = isms_findings_add(&fs, isms_rule_find("DOC-STALE-CONTENT"), path,
		                                    0, path, NULL, "o%d", i);
		if (i > n)
			f->severity = ISMS_SEV_MAJOR;
	}
	isms_findings_sort(&fs);
	out = render(isms_report_github, a, &fs);
	audit_done(a, &fs);
	return out;
}

START_TEST(github_closing_note_counts_against_the_notices)
{
	char *out = notices(10, 0);

	/* ten fit exactly: no note */
	ck_assert_int_eq(expect_only_annotations(out), 10);
	ck_assert_ptr_null(strstr(out, "title=isms-audit"));
	ck_assert(g_str_has_suffix(out, "::notice file=o10.md,title=DOC-STALE-CONTENT (clause "
	                                "10.1%2C observation)::o10\n"));
	free(out);

	out = notices(10, 11);
	ck_assert_int_eq(expect_only_annotations(out), 10 + 9 + 1);
	ck_assert_ptr_null(strstr(out, "::o10\n"));
	ck_assert(g_str_has_suffix(out,
	                           "::o9\n::notice title=isms-audit::2 more findings (1 major, "
	                           "0 minor, 1 observation) are not annotated: GitHub shows at "
	                           "most 10 annotations of each level per step; see the job "
	                           "summary (--format markdown) or the full report (--format "
	                           "text)\n"));
	free(out);

	out = notices(0, 11);
	ck_assert(g_str_has_suffix(out,
	                           "::notice title=isms-audit::1 more finding (1 major, 0 "
	                           "minor, 0 observation) is not annotated: GitHub shows at most "
	                           "10 annotations of each level per step; see the job summary "
	                           "(--format markdown) or the full report (--format text)\n"));
	free(out);
}
END_TEST

/* ---- markdown ---------------------------------------------------------- */

/* run_report() for the markdown format: the fixture's path is escaped in
 * the output (a checkout under "my_repo" reads "my\_repo"), so that
 * spelling becomes "$FIXTURE" too. */
static char *run_markdown(const char *fixture, const char *as_of, const char *const *extra, int *rc)
{
	char *path = fixture_path(fixture), *out = run_report(fixture, as_of, extra, rc), *norm;
	GString *escaped = g_string_new(NULL);

	isms_report_markdown_cell(escaped, path);
	norm = replace_all(out, escaped->str, "$FIXTURE");
	g_string_free(escaped, TRUE);
	g_free(path);
	g_free(out);
	return norm;
}

START_TEST(markdown_golden_demo)
{
	int rc;
	char *out = run_markdown("demo", "2026-11-01",
	                         (const char *const[]){"--format", "markdown", NULL}, &rc);

	ck_assert_int_eq(rc, 1);
	expect_golden("markdown/demo.md", out);
	g_free(out);
}
END_TEST

START_TEST(markdown_golden_small_fixtures)
{
	int rc;
	char *out = run_markdown("rules/healthy", "2026-01-15",
	                         (const char *const[]){"--format", "markdown", NULL}, &rc);

	ck_assert_int_eq(rc, 0);
	expect_golden("markdown/healthy.md", out);
	g_free(out);

	/* rule settings and waived findings; --fail-on never passes */
	out = run_markdown(
	    "rules/waivers", "2026-01-15",
	    (const char *const[]){"--format", "markdown", "--fail-on", "never", NULL}, &rc);
	ck_assert_int_eq(rc, 0);
	expect_golden("markdown/waivers.md", out);
	g_free(out);
}
END_TEST

START_TEST(markdown_cell_escapes_exactly)
{
	GString *s = g_string_new(NULL);

	isms_report_markdown_cell(s, "a|b\\c`d`*e*_f_ [x](http://evil) ![i](y) ~~s~~ $m$");
	ck_assert_str_eq(s->str,
	                 "a\\|b\\\\c\\`d\\`\\*e\\*\\_f\\_ \\[x\\](http\\://evil) !\\[i\\](y) "
	                 "\\~\\~s\\~\\~ \\$m\\$");
	g_string_truncate(s, 0);
	isms_report_markdown_cell(s, "<img src=x onerror=alert(1)> &amp; &#60;b&#62;");
	ck_assert_str_eq(s->str,
	                 "&lt;img src=x onerror=alert(1)&gt; &amp;amp; &amp;#60;b&amp;#62;");
	g_string_truncate(s, 0);
	isms_report_markdown_cell(s, "one\r\ntwo\nthree\rfour\tfive\x01six\x7fseven "
	                             "caf\xe9 \xe2\x80\xa8 \xe2\x80\xae\xc3\xa9");
	ck_assert_str_eq(s->str, "one two three four five\xef\xbf\xbdsix\xef\xbf\xbdseven "
	                         "caf\xef\xbf\xbd \xef\xbf\xbd \xef\xbf\xbd\xc3\xa9");
	g_string_truncate(s, 0);
	isms_report_markdown_cell(s,
	                          "see https://evil.example/x, HTTP://e.example www.evil.example "
	                          "Www.e.example or a@b.example: 1. www");
	ck_assert_str_eq(s->str,
	                 "see https\\://evil.example/x, HTTP\\://e.example www\\.evil.example "
	                 "Www\\.e.example or a@b.example: 1. www");
	g_string_truncate(s, 0);
	isms_report_markdown_cell(s, NULL);
	ck_assert_str_eq(s->str, "");
	g_string_free(s, TRUE);
}
END_TEST

START_TEST(markdown_row_keeps_hostile_text_in_its_cells)
{
	isms_findings fs;
	isms_audit *a = empty_audit(&fs);
	isms_finding *f;
	char *out, *html;

	f = isms_findings_add(
	    &fs, isms_rule_find("DOC-NO-METADATA"), "docs/a|b<script>.md", 2, "a", NULL, "%s",
	    "title <img src=x onerror=alert(1)>\n| x | y |\n[click](javascript:x)");
	isms_finding_evidence(f, "0123456789abcdef0123456789abcdef01234567", 0, "by `*me*` <m@x>");
	out = render(isms_report_markdown, a, &fs);
	ck_assert_ptr_nonnull(strstr(
	    out, "\n| Severity | Rule | Location | Finding | Evidence |\n"
	         "| --- | --- | --- | --- | --- |\n"
	         "| minor | DOC-NO-METADATA | docs/a\\|b&lt;script&gt;.md:2 | title &lt;img src=x "
	         "onerror=alert(1)&gt; \\| x \\| y \\| \\[click\\](javascript:x) | `0123456789ab` "
	         "1970-01-01 by \\`\\*me\\*\\` &lt;m@x&gt; |\n\n"));
	ck_assert_ptr_null(strstr(out, "<img"));
	ck_assert_ptr_null(strstr(out, "<script"));

	/* rendered, the row has its five cells and every character as text */
	html = gfm_html(out);
	ck_assert_ptr_nonnull(strstr(html, "<tr>\n<td>minor</td>\n<td>DOC-NO-METADATA</td>\n"
	                                   "<td>docs/a|b&lt;script&gt;.md:2</td>\n"
	                                   "<td>title &lt;img src=x onerror=alert(1)&gt; | x | y | "
	                                   "[click](javascript:x)</td>\n"
	                                   "<td><code>0123456789ab</code> 1970-01-01 by `*me*` "
	                                   "&lt;m@x&gt;</td>\n</tr>\n"));
	ck_assert_ptr_null(strstr(html, "<img"));
	ck_assert_ptr_null(strstr(html, "<script"));
	ck_assert_ptr_null(strstr(html, "<em>"));
	ck_assert_ptr_null(strstr(html, "<a "));
	free(html);
	free(out);
	audit_done(a, &fs);
}
END_TEST

START_TEST(markdown_without_findings_says_so)
{
	isms_findings fs;
	isms_audit *a = empty_audit(&fs);
	char *out = render(isms_report_markdown, a, &fs);

	ck_assert_ptr_nonnull(strstr(out,
	                             "\n| 0 | 0 | 0 | 0 | minor | **pass** |\n\nNo findings: the "
	                             "documented information is controlled and current.\n\n### "
	                             "Mandatory documented information\n"));
	ck_assert_ptr_null(strstr(out, "### Findings"));
	free(out);
	audit_done(a, &fs);
}
END_TEST

/* 20,000 findings of about 300 bytes each: some 6 MB of rows. */
START_TEST(markdown_stays_under_the_step_summary_limit)
{
	isms_findings fs;
	isms_audit *a = empty_audit(&fs);
	const guint total = 20000;
	guint rows = 0;
	char *out, *tail, *note;
	const char *p;
	size_t len;

	for (guint i = 0; i < total; i++) {
		char path[32];
		snprintf(path, sizeof(path), "docs/f%05u.md", i);
		isms_findings_add(&fs, isms_rule_find("DOC-REVIEW-OVERDUE"), path, 1, path, NULL,
		                  "caf\xc3\xa9 %05u %0250u \xe2\x9c\x93", i, i);
	}
	isms_findings_sort(&fs);
	out = render(isms_report_markdown, a, &fs);
	len = strlen(out);
	ck_assert_uint_lt(len, ISMS_REPORT_MARKDOWN_LIMIT);
	ck_assert_uint_gt(len, ISMS_REPORT_MARKDOWN_LIMIT - 10000); /* the room is used */
	ck_assert(g_utf8_validate(out, -1, NULL));
	for (p = out; (p = strstr(p, "\n| minor | DOC-REVIEW-OVERDUE | docs/f")); p++)
		rows++;
	ck_assert_uint_gt(rows, 1000);
	ck_assert_uint_lt(rows, total);

	/* the last row is whole, then the overview, then the note at the end */
	tail = strstr(out, "\n### Mandatory documented information\n");
	ck_assert_ptr_nonnull(tail);
	ck_assert_ptr_nonnull(strstr(tail, "\n### Register metrics\n"));
	ck_assert(tail[-1] == '\n' && tail[-2] == '|');
	note =
	    g_strdup_printf("\n---\n\n**Truncated:** %u of %u findings are left out of this "
	                    "summary to keep it under GitHub's 1 MiB step summary limit. The full "
	                    "report has them all: `isms-audit check --format text` (or `--format "
	                    "json`).\n",
	                    total - rows, total);
	ck_assert_msg(g_str_has_suffix(out, note), "no closing note: ...%s", out + len - 300);
	g_free(note);
	free(out);
	audit_done(a, &fs);
}
END_TEST

Suite *report_gh_suite(void)
{
	Suite *s = suite_create("report_gh");
	TCase *tc = tcase_create("report_gh");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, github_golden_demo);
	tcase_add_test(tc, github_golden_small_fixtures);
	tcase_add_test(tc, github_no_findings_prints_nothing);
	tcase_add_test(tc, github_escapes_hostile_text_exactly);
	tcase_add_test(tc, github_shows_ten_per_level_most_severe_first);
	tcase_add_test(tc, github_closing_note_counts_against_the_notices);
	tcase_add_test(tc, markdown_golden_demo);
	tcase_add_test(tc, markdown_golden_small_fixtures);
	tcase_add_test(tc, markdown_cell_escapes_exactly);
	tcase_add_test(tc, markdown_row_keeps_hostile_text_in_its_cells);
	tcase_add_test(tc, markdown_without_findings_says_so);
	tcase_add_test(tc, markdown_stays_under_the_step_summary_limit);
	suite_add_tcase(s, tc);
	return s;
}
