/* The HTML report and trend page: golden files, structure, escaping, and a
 * headless Chromium run when Chromium is installed. */
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "isms/error.h"
#include "isms/metrics.h"
#include "isms/report.h"
#include "isms/rules.h"
#include "isms/trend.h"
#include "report/svg.h"
#include "testutil.h"

#define CSP                                                                                        \
	"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "    \
	"'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">"

static const char *const charts[] = {"age",       "review", "flow",          "open-age",
                                     "approvals", "trend",  "risk-heat-map", NULL};
#define TREND_CHART 5
#define RISK_CHART  6

static int count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

/* The text after the first `after`; fails the test if there is none. */
static const char *after(const char *hay, const char *marker)
{
	const char *p = strstr(hay, marker);

	ck_assert_msg(p != NULL, "'%s' not found", marker);
	return p + strlen(marker);
}

/* Self-contained and inert: the CSP, the charts each with its table (the
 * trend and the risk heat map when there are a trend and risk registers),
 * no element that runs or loads anything, every tag balanced and inert. */
static void expect_self_contained(const char *html, int with_trend, int with_risks)
{
	char *lower = g_ascii_strdown(html, -1);
	int n = 5 + with_trend + with_risks; /* the approval chart always */

	ck_assert(g_utf8_validate(html, -1, NULL));
	ck_assert(g_str_has_prefix(html, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	                                 "<meta charset=\"utf-8\">\n" CSP "\n"));
	ck_assert_int_eq(count(html, "Content-Security-Policy"), 1);
	ck_assert_int_eq(count(html, "<svg "), n);
	ck_assert_int_eq(count(html, "<svg class=\"chart chart-"), n);
	ck_assert_int_eq(count(html, "role=\"img\" aria-label=\""), n);
	for (size_t i = 0; charts[i]; i++) {
		char *id = g_strdup_printf("<svg class=\"chart chart-%s\" id=\"chart-%s\"",
		                           charts[i], charts[i]);
		int want = i == TREND_CHART ? with_trend : i == RISK_CHART ? with_risks : 1;
		ck_assert_int_eq(count(html, id), want);
		g_free(id);
	}
	ck_assert_int_eq(count(html, "</svg>\n<table class=\"chart-data\">"), n);
	ck_assert_int_eq(count(html, "id=\"no-trend\""), with_trend ? 0 : 1);
	ck_assert_ptr_null(strstr(lower, "<script"));
	ck_assert_ptr_null(strstr(lower, "@import"));
	ck_assert_ptr_null(strstr(lower, "<link"));
	ck_assert_ptr_null(strstr(lower, "<img"));
	ck_assert_ptr_null(strstr(lower, "<iframe"));
	ck_assert_ptr_null(strstr(lower, "<object"));
	ck_assert_ptr_null(strstr(lower, "<embed"));
	ck_assert_ptr_null(strstr(lower, "<base"));
	g_free(lower);
	expect_inert_html(html);
}

static char *render_trend(const isms_trend *t)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(isms_trend_report_html(t, f), 0);
	fclose(f);
	return buf;
}

START_TEST(html_demo_golden)
{
	int rc;
	char *html =
	    run_report("demo", "2026-11-01", (const char *const[]){"--format", "html", NULL}, &rc);
	const char *review, *flow, *p;

	ck_assert_int_eq(rc, 1);
	expect_self_contained(html, 1, 1);
	/* no URL at all: the demo's text has none, and the page refers to none */
	ck_assert_ptr_null(strstr(html, "http://"));
	ck_assert_ptr_null(strstr(html, "https://"));
	ck_assert_ptr_nonnull(strstr(html,
	                             "<div class=\"card card-fail\"><span class=\"n\">Fail</span>"
	                             "<span class=\"l\">fail-on minor</span></div>\n"
	                             "<div class=\"card card-major\"><span class=\"n\">0</span>"
	                             "<span class=\"l\">major</span></div>\n"
	                             "<div class=\"card card-minor\"><span class=\"n\">19</span>"
	                             "<span class=\"l\">minor</span></div>\n"
	                             "<div class=\"card card-observation\"><span class=\"n\">10"
	                             "</span><span class=\"l\">observation</span></div>\n"));
	ck_assert_ptr_nonnull(strstr(html, "<dt>Audited commit</dt><dd><code class=\"commit\" "
	                                   "title=\"2b1c7f022cf7"));
	/* 18 current (the risk register among them), 1 overdue (supplier
	 * security policy), 1 without a review date (the laptop notes without
	 * front matter) */
	review = after(html, "id=\"chart-review\"");
	ck_assert_ptr_nonnull(strstr(review,
	                             "<tr><th scope=\"row\">documents</th><td class=\"num\">18"
	                             "</td><td class=\"num\">0</td><td class=\"num\">1</td>"
	                             "<td class=\"num\">1</td></tr>"));
	/* the months add up to the register metrics' quarters: 2026-Q1 raised
	 * 3, Q2 closed 1, Q3 raised 1 and closed 1 */
	flow = after(html, "id=\"chart-flow\"");
	flow = after(flow, "<th scope=\"col\" class=\"num\">2025-12</th>");
	ck_assert_ptr_nonnull(strstr(flow,
	                             "<tr><th scope=\"row\">raised</th><td class=\"num\">0</td>"
	                             "<td class=\"num\">0</td><td class=\"num\">2</td>"
	                             "<td class=\"num\">1</td><td class=\"num\">0</td>"
	                             "<td class=\"num\">0</td><td class=\"num\">0</td>"
	                             "<td class=\"num\">1</td><td class=\"num\">0</td>"
	                             "<td class=\"num\">0</td><td class=\"num\">0</td>"
	                             "<td class=\"num\">0</td></tr>\n"
	                             "<tr><th scope=\"row\">closed</th><td class=\"num\">1</td>"
	                             "<td class=\"num\">0</td><td class=\"num\">0</td>"
	                             "<td class=\"num\">0</td><td class=\"num\">1</td>"
	                             "<td class=\"num\">0</td><td class=\"num\">0</td>"
	                             "<td class=\"num\">0</td><td class=\"num\">1</td>"
	                             "<td class=\"num\">0</td><td class=\"num\">0</td>"
	                             "<td class=\"num\">0</td></tr>"));
	/* the oldest text: unchanged since 2023-11-13, 35 whole months */
	p = after(html, "<code>isms/03-procedures/incident-management.md</code>");
	ck_assert_ptr_nonnull(strstr(p, "<span class=\"st st-current\">current</span></td>"
	                                "<td class=\"num\">35<br><span class=\"muted\">"
	                                "<time>2023-11-13</time></span></td></tr>"));
	ck_assert_ptr_nonnull(strstr(html, "<h3 id=\"clause-10.2-c\">Clause 10.2 c \xe2\x80\x94 "
	                                   "Nonconformity: implement actions</h3>"));
	ck_assert_ptr_nonnull(strstr(html, "<li><a href=\"#clause-7.5.2\">7.5.2 Documented "
	                                   "information: creating and updating</a> (7)</li>"));
	expect_golden("html/demo.html", html);
	free(html);
}
END_TEST

/* Rule settings, waived findings with their waivers, and no trend chart. */
START_TEST(html_waivers_golden)
{
	int rc;
	char *html = run_report(
	    "rules/waivers", "2026-01-15",
	    (const char *const[]){"--format", "html", "--trend-since", "none", NULL}, &rc);

	ck_assert_int_eq(rc, 1);
	expect_self_contained(html, 0, 0);
	ck_assert_ptr_nonnull(strstr(html,
	                             "<dt>Rule settings</dt><dd><ul class=\"plain\">\n"
	                             "<li><code>DOC-REVIEW-UNEVIDENCED</code> major (default "
	                             "observation)</li>\n<li><code>DOC-STALE-CONTENT</code> off"
	                             "</li>\n<li><code>ACT-NO-OWNER</code> except <code>"
	                             "archive/**</code></li>\n</ul></dd>\n"));
	ck_assert_ptr_nonnull(strstr(html, "<li><a href=\"#waived\">Waived findings</a> (2)</li>"));
	ck_assert_ptr_nonnull(strstr(html,
	                             "<td>Replaced by the group access policy when the merger "
	                             "completes; no review until then<br><span class=\"muted\">"
	                             "approved by Wendy Marsh (CISO), expires <time>2027-01-01"
	                             "</time></span></td></tr>"));
	expect_golden("html/waivers.html", html);
	free(html);
}
END_TEST

/* With no finding the report says so and passes. */
START_TEST(html_without_findings_passes)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/healthy", "2026-01-15", &fs);
	isms_report_options opts = ISMS_REPORT_OPTIONS_INIT;
	char *html;

	g_ptr_array_set_size(fs.items, 0);
	html = render_report(isms_report_html, a, &fs, &opts);
	expect_self_contained(html, 0, 1);
	ck_assert_ptr_nonnull(strstr(html, "<div class=\"card card-pass\"><span class=\"n\">Pass"
	                                   "</span><span class=\"l\">fail-on minor</span></div>"));
	ck_assert_ptr_nonnull(strstr(html, "<h2>Findings by clause</h2>\n<p>No findings: the "
	                                   "documented information is controlled and current.</p>\n"
	                                   "</section>"));
	ck_assert_ptr_nonnull(strstr(html, "<li><a href=\"#findings\">Findings by clause</a> (0)"
	                                   "</li>\n"));
	ck_assert_ptr_null(strstr(html, "<h3 id=\"clause-"));
	free(html);
	audit_done(a, &fs);
}
END_TEST

/* Due soon means due within 30 days of the audit date, the 30th day
 * included: the business continuity plan is due on 2026-12-12. */
START_TEST(html_review_status_is_relative_to_the_audit_date)
{
	static const char *const days[] = {"2026-11-11", "2026-11-12"};
	static const char *const rows[] = {
	    "<tr><th scope=\"row\">documents</th><td class=\"num\">18</td><td class=\"num\">0</td>"
	    "<td class=\"num\">1</td><td class=\"num\">1</td></tr>",
	    "<tr><th scope=\"row\">documents</th><td class=\"num\">17</td><td class=\"num\">1</td>"
	    "<td class=\"num\">1</td><td class=\"num\">1</td></tr>"};

	for (int i = 0; i < 2; i++) {
		isms_findings fs;
		isms_audit *a = audit_fixture("demo", days[i], &fs);
		isms_report_options opts = ISMS_REPORT_OPTIONS_INIT;
		char *html = render_report(isms_report_html, a, &fs, &opts);
		const char *bcp = after(html, "<code>isms/03-procedures/business-continuity-plan.md"
		                              "</code>");
		ck_assert_ptr_nonnull(strstr(after(html, "id=\"chart-review\""), rows[i]));
		ck_assert_ptr_nonnull(
		    strstr(bcp, i ? "<td><time>2026-12-12</time></td><td><span "
		                    "class=\"st st-soon\">due within 30 days</span>"
		                  : "<td><time>2026-12-12</time></td><td><span "
		                    "class=\"st st-current\">current</span>"));
		free(html);
		audit_done(a, &fs);
	}
}
END_TEST

/* The trend page: the same chart, its table from the trend's own numbers,
 * and a gap for the quarter before the first commit. */
START_TEST(html_trend_page_golden)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("demo", "2026-11-01", &fs);
	isms_trend t;
	isms_trend_options o = {0, ISMS_TREND_QUARTER};
	GString *want = g_string_new("<tr><th scope=\"row\">minor</th>");
	char *html;

	ck_assert_int_eq(isms_date_parse("2023-07-01", 10, &o.since), 0);
	isms_trend_init(&t);
	ck_assert_int_eq(isms_trend_compute(a, &o, &t), 0);
	ck_assert_int_eq(t.points->len, 14);
	html = render_trend(&t);
	ck_assert(g_str_has_prefix(html, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	                                 "<meta charset=\"utf-8\">\n" CSP "\n"));
	ck_assert_int_eq(count(html, "<svg "), 1);
	ck_assert_int_eq(count(html, "<svg class=\"chart chart-trend\" id=\"chart-trend\" "
	                             "role=\"img\" aria-label=\"Trend of findings, overdue "
	                             "documents and open actions\""),
	                 1);
	ck_assert_ptr_null(strstr(html, "<script"));
	expect_inert_html(html);
	/* 14 quarters: two tables, 12 and 2 columns; 2023-Q3 had no commit */
	ck_assert_int_eq(count(html, "<table class=\"chart-data\">"), 2);
	/* five lines, each starting after the gap */
	ck_assert_int_eq(count(html, "<path d=\"M"), 5);
	ck_assert_int_eq(count(html, "<path "), 5);
	ck_assert(!g_array_index(t.points, isms_trend_point, 0).has_commit);
	for (guint i = 0; i < 12; i++) {
		const isms_trend_point *p = &g_array_index(t.points, isms_trend_point, i);
		if (p->has_commit)
			g_string_append_printf(want, "<td class=\"num\">%d</td>", p->minor);
		else
			g_string_append(want, "<td class=\"num\">\xe2\x80\x93</td>");
	}
	g_string_append(want, "</tr>");
	ck_assert_ptr_nonnull(strstr(html, want->str));
	ck_assert_ptr_nonnull(strstr(html, "<th scope=\"col\" class=\"num\">2023-Q3</th>"));
	ck_assert_ptr_nonnull(strstr(html, "<th scope=\"col\" class=\"num\">2026-Q4</th>"));
	expect_golden("html/trend.html", html);
	g_string_free(want, TRUE);
	free(html);
	isms_trend_dispose(&t);
	audit_done(a, &fs);
}
END_TEST

/* ---- hostile input --------------------------------------------------------- */

/* Documents and a configuration written to break out of HTML: a title,
 * path and owner that are markup, a version with an entity and CDATA end,
 * a path that is not UTF-8, a rule exclusion and a waiver that are markup. */
static const char hostile_fixture[] = "author a Alice <a@example.com>\n"
                                      "commit 2025-01-10 a hostile documents\n"
                                      "write docs/<script>alert(1)</script>.md <<END\n"
                                      "---\n"
                                      "title: \"<script>alert(1)</script>\"\n"
                                      "owner: '\"><img src=x onerror=alert(1)>'\n"
                                      "version: \"&amp; ]]>\"\n"
                                      "type: policy\n"
                                      "last_reviewed: 2025-01-10\n"
                                      "---\n"
                                      "\n"
                                      "Body.\n"
                                      "END\n"
                                      "write docs/bad\xff.md <<END\n"
                                      "---\n"
                                      "title: Bad path\n"
                                      "---\n"
                                      "Body.\n"
                                      "END\n"
                                      "write .isms-audit.yml <<END\n"
                                      "rules:\n"
                                      "  DOC-STALE-CONTENT:\n"
                                      "    exclude: [\"<i>x</i>&\"]\n"
                                      "waivers:\n"
                                      "  - rule: DOC-REVIEW-OVERDUE\n"
                                      "    path: \"docs/**\"\n"
                                      "    reason: \"<script>alert(1)</script>\"\n"
                                      "    approved_by: \"\\\"><img src=x onerror=alert(1)>\"\n"
                                      "    expires: 2099-01-01\n"
                                      "END\n";

/* Build the hostile repository in a new temporary folder; returns the
 * folder (remove it with remove_tree). */
static char *hostile_repository(char **repo)
{
	const char *src = getenv("ISMS_SRCDIR");
	char *dir = g_dir_make_tmp("isms-html-XXXXXX", NULL);
	char *fixture = g_build_filename(dir, "hostile.fixture", NULL);
	char *script = g_build_filename(src ? src : ".", "scripts", "build-fixture", NULL);

	ck_assert_ptr_nonnull(dir);
	*repo = g_build_filename(dir, "repo", NULL);
	ck_assert(g_file_set_contents(fixture, hostile_fixture, -1, NULL));
	run_or_fail((const char *const[]){script, fixture, *repo, NULL});
	g_free(script);
	g_free(fixture);
	return dir;
}

static void remove_tree(char *dir)
{
	run_or_fail((const char *const[]){"rm", "-rf", dir, NULL});
	g_free(dir);
}

static isms_audit *audit_path(const char *path, const char *as_of, isms_findings *fs)
{
	isms_audit_options opts = ISMS_AUDIT_OPTIONS_INIT;
	isms_audit *a = NULL;

	opts.path = path;
	opts.has_as_of = 1;
	ck_assert_int_eq(isms_date_parse(as_of, strlen(as_of), &opts.as_of), 0);
	ck_assert_msg(isms_audit_open(&a, &opts) == 0, "cannot audit %s: %s", path,
	              isms_error_last());
	isms_findings_init(fs);
	ck_assert_int_eq(isms_rules_run(a, fs), 0);
	return a;
}

/* Findings whose every field is hostile, as a rule could make them from
 * repository text: the path, message, item, clause, evidence commit (an
 * attribute) and note. */
static void add_hostile_findings(isms_findings *fs)
{
	isms_finding *f = isms_findings_add(
	    fs, isms_rule_find("DOC-NO-METADATA"), "x/\"><svg onload=alert(1)>.md", 3, "x",
	    "<b>item</b>", "message <script>alert(1)</script> & ]]> caf\xe9 \x1b[31mred\x01");
	isms_finding_set_clause(f, "7.5.2 <x>\"'");
	isms_finding_evidence(f, "\"><b onmouseover=alert(1)>", 0, "note '<i>' &amp;");
	isms_findings_sort(fs);
}

START_TEST(html_escapes_everything_from_the_repository)
{
	char *repo, *dir = hostile_repository(&repo), *html;
	isms_findings fs;
	isms_audit *a = audit_path(repo, "2026-06-01", &fs);
	isms_report_options opts = ISMS_REPORT_OPTIONS_INIT;
	const char *waived;

	add_hostile_findings(&fs);
	html = render_report(isms_report_html, a, &fs, &opts);
	expect_self_contained(html, 0, 0);
	/* raw markup never appears: no script, no img, no element but ours */
	ck_assert_ptr_null(strstr(html, "<script"));
	ck_assert_ptr_null(strstr(html, "<img"));
	ck_assert_ptr_null(strstr(html, "<b "));
	ck_assert_ptr_null(strstr(html, "<b>"));
	ck_assert_ptr_null(strstr(html, "<i>"));
	ck_assert_ptr_null(strstr(html, "<x>"));
	ck_assert_ptr_null(strstr(html, "]]>"));
	ck_assert_ptr_null(strstr(html, "\x1b"));
	ck_assert_ptr_null(strstr(html, "\x01"));
	/* the document: title, path, owner, version */
	ck_assert_ptr_nonnull(strstr(html,
	                             "<tr><td><span class=\"doc-title\">&lt;script&gt;alert(1)"
	                             "&lt;/script&gt;</span><br><code>docs/&lt;script&gt;"
	                             "alert(1)&lt;/script&gt;.md</code></td><td>policy</td>"
	                             "<td>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</td>"
	                             "<td><span class=\"muted\">\xe2\x80\x93</span></td>"
	                             "<td>&amp;amp; ]]&gt;</td>"));
	/* a path that is not UTF-8 becomes valid text */
	ck_assert_ptr_nonnull(strstr(html, "<tr><td><span class=\"doc-title\">Bad path</span><br>"
	                                   "<code>docs/bad\xef\xbf\xbd.md</code></td>"));
	/* the configuration: a rule exclusion and a waiver */
	ck_assert_ptr_nonnull(strstr(html,
	                             "<li><code>DOC-STALE-CONTENT</code> except <code>&lt;i&gt;"
	                             "x&lt;/i&gt;&amp;</code></li>"));
	waived = after(html, "<section class=\"part\" id=\"waived\">");
	ck_assert_ptr_nonnull(strstr(waived, "<td class=\"loc\"><code>docs/&lt;script&gt;alert(1)"
	                                     "&lt;/script&gt;.md:6</code></td>"));
	ck_assert_ptr_nonnull(strstr(waived, "<td>&lt;script&gt;alert(1)&lt;/script&gt;<br>"
	                                     "<span class=\"muted\">approved by &quot;&gt;&lt;img "
	                                     "src=x onerror=alert(1)&gt;, expires <time>2099-01-01"
	                                     "</time></span></td></tr>"));
	/* the finding: clause (heading, anchor, contents), location, message,
	 * evidence commit in an attribute, note */
	ck_assert_ptr_nonnull(strstr(html, "<h3 id=\"clause-7.5.2--x---\">Clause 7.5.2 &lt;x&gt;"
	                                   "&quot;&#39;</h3>"));
	ck_assert_ptr_nonnull(strstr(html, "<li><a href=\"#clause-7.5.2--x---\">7.5.2 &lt;x&gt;"
	                                   "&quot;&#39;</a> (1)</li>"));
	ck_assert_ptr_nonnull(strstr(html,
	                             "<td class=\"loc\"><code>x/&quot;&gt;&lt;svg "
	                             "onload=alert(1)&gt;.md:3</code></td><td>message "
	                             "&lt;script&gt;alert(1)&lt;/script&gt; &amp; ]]&gt; "
	                             "caf\xef\xbf\xbd \xef\xbf\xbd[31mred\xef\xbf\xbd\n"
	                             "<ul class=\"evidence\">\n<li><code class=\"commit\" "
	                             "title=\"&quot;&gt;&lt;b onmouseover=alert(1)&gt;\">"
	                             "&quot;&gt;&lt;b onmouse</code> <time>1970-01-01</time> "
	                             "note &#39;&lt;i&gt;&#39; &amp;amp;</li>\n</ul></td></tr>"));
	free(html);
	audit_done(a, &fs);
	g_free(repo);
	remove_tree(dir);
}
END_TEST

/* ---- the chart primitives ---------------------------------------------------- */

START_TEST(svg_escape_covers_markup_and_control_characters)
{
	GString *s = g_string_new(NULL);

	isms_svg_escape(s, "a&b<c>d\"e'f\tg\nh\ri\x7fj\xc2\x85k\xffl \xe2\x80\x94 "
	                   "\xe2\x80\xaem\xe2\x81\xa6n\xe2\x80\xa8o");
	ck_assert_str_eq(s->str, "a&amp;b&lt;c&gt;d&quot;e&#39;f\tg\nh\xef\xbf\xbdi\xef\xbf\xbdj"
	                         "\xef\xbf\xbdk\xef\xbf\xbdl \xe2\x80\x94 \xef\xbf\xbdm\xef\xbf\xbd"
	                         "n\xef\xbf\xbdo");
	isms_svg_escape(s, NULL);
	ck_assert_uint_eq(s->len, strlen(s->str));
	g_string_free(s, TRUE);
}
END_TEST

/* Empty charts, all-zero charts, huge values and series without a value
 * draw valid charts: no division by zero, no overflow, no empty path. */
START_TEST(svg_charts_survive_edge_values)
{
	static const char *const cats[] = {"a", "b"};
	const int zeros[] = {0, 0}, huge[] = {INT_MAX, 7},
	          none[] = {ISMS_CHART_NONE, ISMS_CHART_NONE};
	isms_chart_series series = {"s", "#000000", NULL, zeros};
	isms_chart c = {"x", "t", "x", "y", cats, 2, &series, 1, NULL, 0};
	GString *s = g_string_new(NULL);

	c.n = 0;
	isms_svg_bar_chart(s, &c);
	isms_svg_line_chart(s, &c);
	isms_svg_chart_table(s, &c);
	ck_assert_int_eq(count(s->str, "<svg "), 2);
	ck_assert_int_eq(count(s->str, "<rect"), 0);
	ck_assert_int_eq(count(s->str, "<table"), 0);
	g_string_truncate(s, 0);
	c.n = 2;
	isms_svg_bar_chart(s, &c); /* the axis runs 0 to 1, both bars labelled 0 */
	ck_assert_int_eq(count(s->str, "text-anchor=\"end\">1</text>"), 1);
	ck_assert_int_eq(count(s->str, "height=\"0\""), 2);
	ck_assert_int_eq(count(s->str, "font-size=\"11\">0</text>"), 2);
	g_string_truncate(s, 0);
	series.values = huge;
	isms_svg_bar_chart(s, &c);
	ck_assert_int_eq(count(s->str, "text-anchor=\"end\">2500000000</text>"), 1);
	ck_assert_ptr_nonnull(strstr(s->str, "<title>a: 2147483647</title>"));
	g_string_truncate(s, 0);
	series.values = none;
	isms_svg_line_chart(s, &c);
	isms_svg_chart_table(s, &c);
	ck_assert_int_eq(count(s->str, "<path"), 0);
	ck_assert_int_eq(count(s->str, "<circle"), 0);
	ck_assert_int_eq(count(s->str, "<td class=\"num\">\xe2\x80\x93</td>"), 2);
	g_string_free(s, TRUE);
}
END_TEST

/* ---- the browser ----------------------------------------------------------- */

static char *find_chromium(void)
{
	char *path = g_find_program_in_path("chromium");

	if (!path && g_file_test("/usr/bin/chromium", G_FILE_TEST_IS_EXECUTABLE))
		path = g_strdup("/usr/bin/chromium");
	return path;
}

/* Run tests/tools/browser-check on a report; fails the test with its
 * output unless every check passes. */
static void browser_check(const char *chromium, const char *report, const char *png,
                          const char *const *ids)
{
	const char *src = getenv("ISMS_SRCDIR");
	char *script = g_build_filename(src ? src : ".", "tests", "tools", "browser-check", NULL);
	const char *argv[16] = {"/bin/sh", script, report, png};
	gchar **envp = g_environ_setenv(g_get_environ(), "CHROMIUM", chromium, TRUE);
	char *out = NULL, *err = NULL;
	GError *error = NULL;
	int status = 0, n = 4;
	gboolean ok;

	for (; *ids && n < 15; ids++)
		argv[n++] = *ids;
	argv[n] = NULL;
	ok = g_spawn_sync(NULL, (gchar **)argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
	                  &status, &error);
	ck_assert_msg(ok, "cannot run %s: %s", script, error ? error->message : "?");
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "browser-check failed:\n%s%s",
	              out, err);
	ck_assert_ptr_nonnull(strstr(out, "rendered with no console message"));
	g_free(out);
	g_free(err);
	g_strfreev(envp);
	g_free(script);
}

/* The demo report in headless Chromium: no console message (no script
 * error, no CSP violation), the five charts in the rendered DOM, and a
 * screenshot in the build folder; then the hostile report, which must
 * render as inertly. */
START_TEST(html_renders_in_chromium)
{
	char *chromium = find_chromium(), *build, *report, *png, *html, *repo, *dir;
	const char *prog = getenv("ISMS_AUDIT");
	isms_findings fs;
	isms_audit *a;
	isms_report_options opts = ISMS_REPORT_OPTIONS_INIT;
	GStatBuf st;
	int rc;

	if (!chromium) {
		fprintf(stderr, "chromium not installed: browser test skipped\n");
		return;
	}
	build = g_path_get_dirname(prog ? prog : "build/isms-audit");
	report = g_build_filename(build, "demo-report.html", NULL);
	png = g_build_filename(build, "demo-report.png", NULL);
	html =
	    run_report("demo", "2026-11-01", (const char *const[]){"--format", "html", NULL}, &rc);
	ck_assert(g_file_set_contents(report, html, -1, NULL));
	browser_check(chromium, report, png, charts);
	ck_assert_int_eq(g_stat(png, &st), 0);
	ck_assert_int_gt(st.st_size, 20000);
	free(html);

	dir = hostile_repository(&repo);
	a = audit_path(repo, "2026-06-01", &fs);
	add_hostile_findings(&fs);
	html = render_report(isms_report_html, a, &fs, &opts);
	g_free(report);
	g_free(png);
	report = g_build_filename(build, "hostile-report.html", NULL);
	png = g_build_filename(build, "hostile-report.png", NULL);
	ck_assert(g_file_set_contents(report, html, -1, NULL));
	browser_check(chromium, report, png, (const char *const[]){"age", "review", "flow", NULL});
	free(html);
	audit_done(a, &fs);
	g_free(repo);
	remove_tree(dir);
	g_free(report);
	g_free(png);
	g_free(build);
	g_free(chromium);
}
END_TEST

Suite *report_html_suite(void)
{
	Suite *s = suite_create("report_html");
	TCase *tc = tcase_create("report_html");
	TCase *browser = tcase_create("report_html_browser");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, html_demo_golden);
	tcase_add_test(tc, html_waivers_golden);
	tcase_add_test(tc, html_without_findings_passes);
	tcase_add_test(tc, html_review_status_is_relative_to_the_audit_date);
	tcase_add_test(tc, html_trend_page_golden);
	tcase_add_test(tc, html_escapes_everything_from_the_repository);
	tcase_add_test(tc, svg_escape_covers_markup_and_control_characters);
	tcase_add_test(tc, svg_charts_survive_edge_values);
	suite_add_tcase(s, tc);
	/* two reports, two Chromium runs each, at most 60 s a run */
	tcase_set_timeout(browser, 300);
	tcase_add_test(browser, html_renders_in_chromium);
	suite_add_tcase(s, browser);
	return s;
}
