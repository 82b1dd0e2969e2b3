/*
 * The HTML self-assessment: one self-contained file for the management
 * review. Nothing is loaded and nothing runs: the style is inline, the
 * charts are inline SVG, there is no script, and a Content-Security-Policy
 * forbids anything else should an escaping bug ever let markup through.
 */
#include <string.h>

#include "isms/approval.h"
#include "isms/clauses.h"
#include "isms/error.h"
#include "isms/metrics.h"
#include "isms/report.h"
#include "isms/rules.h"
#include "isms/version.h"
#include "report/svg.h"

#define SHORT_ID    12 /* commit ids as the text report prints them */
#define FLOW_MONTHS 24 /* the register flow chart's months */
#define AGE_BUCKETS 5
#define WIDE        1040 /* viewBox width of the charts that span the page */

/* Colours that stay apart in a grey print: dark, middle and light. */
#define C_MAJOR  "#9b1c1c"
#define C_MINOR  "#f2a900"
#define C_OBS    "#3b82f6"
#define C_OK     "#2f855a"
#define C_NONE   "#cbd2d9"
#define C_SLATE  "#486581"
#define C_PURPLE "#6d28d9"
#define C_TEAL   "#0f766e"
#define C_RAISED "#60a5fa"
#define C_CLOSED "#276749"

static const char css[] =
    ":root{color-scheme:light}\n"
    "*{box-sizing:border-box}\n"
    "html{font:15px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,"
    "\"Noto Sans\",\"Liberation Sans\",sans-serif;color:#1f2933;background:#f0f4f8}\n"
    "body{margin:0}\n"
    "main{max-width:1200px;margin:0 auto;padding:40px 48px 56px;background:#fff}\n"
    "h1,h2,h3{color:#102a43;line-height:1.25}\n"
    "h1{font-size:30px;margin:4px 0 6px}\n"
    "h2{font-size:21px;margin:44px 0 12px;padding-bottom:6px;border-bottom:2px solid #243b53}\n"
    "h3{font-size:16px;margin:28px 0 8px}\n"
    "p{margin:6px 0}\n"
    "a{color:#1d4ed8;text-decoration:none}\n"
    "a:hover{text-decoration:underline}\n"
    "code{font-family:ui-monospace,\"SF Mono\",Menlo,Consolas,\"Liberation Mono\","
    "\"DejaVu Sans Mono\",monospace;font-size:.92em;overflow-wrap:anywhere}\n"
    ".kicker{margin:0;font-size:12px;font-weight:600;letter-spacing:.08em;"
    "text-transform:uppercase;color:#627d98}\n"
    ".lead{color:#486581;margin:0 0 18px}\n"
    ".muted,.note{color:#627d98}\n"
    ".note{font-size:13px}\n"
    ".cards{display:flex;flex-wrap:wrap;gap:12px;margin:18px 0 20px}\n"
    ".card{flex:1 1 130px;border:1px solid #d9e2ec;border-top:4px solid #9fb3c8;"
    "border-radius:4px;padding:10px 14px}\n"
    ".card .n{display:block;font-size:28px;font-weight:700;line-height:1.1;"
    "font-variant-numeric:tabular-nums}\n"
    ".card .l{font-size:12px;color:#486581;text-transform:uppercase;letter-spacing:.05em}\n"
    ".card-major{border-top-color:" C_MAJOR "}.card-major .n{color:" C_MAJOR "}\n"
    ".card-minor{border-top-color:" C_MINOR "}.card-minor .n{color:#8a6100}\n"
    ".card-observation{border-top-color:" C_OBS "}.card-observation .n{color:#1d4ed8}\n"
    ".card-fail{border-top-color:" C_MAJOR ";background:#fdf2f2}.card-fail .n{color:" C_MAJOR "}\n"
    ".card-pass{border-top-color:" C_OK ";background:#f0fff4}.card-pass .n{color:" C_CLOSED "}\n"
    "dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 18px;margin:0;"
    "font-size:14px}\n"
    "dl.facts dt{font-weight:600;color:#334e68}\n"
    "dl.facts dd{margin:0}\n"
    "ul.plain{list-style:none;margin:0;padding:0}\n"
    ".warning{color:" C_MAJOR ";font-weight:600}\n"
    "nav.toc{border:1px solid #d9e2ec;border-radius:4px;padding:10px 20px;margin:24px 0;"
    "background:#f8fafc}\n"
    "nav.toc h2{border:0;margin:4px 0;padding:0;font-size:13px;text-transform:uppercase;"
    "letter-spacing:.06em;color:#486581}\n"
    "nav.toc ol{margin:4px 0;padding-left:22px}\n"
    "nav.toc ol ol{columns:2;column-gap:32px;font-size:13px}\n"
    "table{width:100%;border-collapse:collapse;font-size:13px;margin:8px 0 16px}\n"
    "th,td{padding:6px 8px;text-align:left;vertical-align:top;border-bottom:1px solid #e4e7eb}\n"
    "thead th{background:#e9eef4;color:#243b53;font-weight:600;border-bottom:2px solid #bcccdc}\n"
    "table.zebra>tbody>tr:nth-child(even){background:#f5f7fa}\n"
    "table.findings>tbody>tr:nth-child(2n+3){background:#f5f7fa}\n"
    "tr.rule-row th{background:#f0f4f8;font-weight:400;border-top:1px solid #bcccdc}\n"
    ".rule-id{font-weight:700}\n"
    ".req{font-size:.92em;color:#627d98;margin-top:2px}\n"
    "th.num,td.num{text-align:right;font-variant-numeric:tabular-nums}\n"
    "table.findings{table-layout:fixed}\n"
    "th.c-sev{width:120px}\n"
    "th.c-loc{width:30%}\n"
    "ul.evidence{list-style:none;margin:4px 0 0;padding:0;font-size:.92em;color:#486581}\n"
    ".sev,.st{display:inline-block;padding:1px 6px;border-radius:3px;font-size:11px;"
    "font-weight:700;border:1px solid transparent;white-space:nowrap}\n"
    ".sev{min-width:92px;text-align:center;letter-spacing:.04em;text-transform:uppercase}\n"
    ".sev-major{background:" C_MAJOR ";color:#fff}\n"
    ".sev-minor{background:" C_MINOR ";color:#1f2933}\n"
    ".sev-observation{background:#e1ecfd;color:#1d4ed8;border-color:" C_OBS "}\n"
    ".st-ok,.st-current{background:#e3f9e5;color:" C_CLOSED ";border-color:#8fd19e}\n"
    ".st-soon{background:#fff8e1;color:#8a6100;border-color:" C_MINOR "}\n"
    ".st-overdue,.st-missing{background:#fde8e8;color:" C_MAJOR ";border-color:" C_MAJOR "}\n"
    ".st-none{background:#f0f4f8;color:#486581;border-color:#bcccdc}\n"
    ".tag{font-size:11px;color:" C_MAJOR ";border:1px solid;border-radius:3px;padding:0 4px}\n"
    ".doc-title{font-weight:600}\n"
    "table.inventory th:first-child{width:28%}\n"
    "time{white-space:nowrap}\n"
    ".charts{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:20px}\n"
    "figure{margin:0;min-width:0;border:1px solid #d9e2ec;border-radius:4px;padding:12px 16px}\n"
    "figure.wide{grid-column:1/-1}\n"
    "figcaption{font-weight:600;color:#102a43;margin-bottom:6px}\n"
    "svg.chart{display:block;width:100%;height:auto}\n"
    "table.chart-data{font-size:12px;margin:8px 0 0}\n"
    "table.chart-data th,table.chart-data td{padding:2px 6px}\n"
    "table.chart-data thead th{white-space:nowrap}\n"
    "dl.panel{display:grid;grid-template-columns:1fr max-content;gap:6px 16px;margin:8px 0;"
    "font-size:14px}\n"
    "dl.panel dd{margin:0;text-align:right;font-weight:600;font-variant-numeric:tabular-nums}\n"
    "footer{margin-top:40px;padding-top:10px;border-top:1px solid #d9e2ec;font-size:12px;"
    "color:#627d98}\n"
    "@media (max-width:900px){.charts{grid-template-columns:minmax(0,1fr)}main{padding:20px}}\n"
    "@media print{\n"
    "@page{size:A4;margin:14mm 12mm}\n"
    "html{background:#fff;font-size:10pt}\n"
    "main{max-width:none;padding:0}\n"
    "section.part{break-before:page}\n"
    "h2,h3,figcaption{break-after:avoid}\n"
    "tr,figure,.card{break-inside:avoid}\n"
    "thead{display:table-header-group}\n"
    "figure:not(.wide) svg.chart{max-width:480px}\n"
    "table{font-size:8.5pt}\n"
    "th,td{padding:3px 4px}\n"
    ".st{white-space:normal}\n"
    "table.chart-data{font-size:7.5pt}\n"
    "table.chart-data th,table.chart-data td{padding:1px 3px}\n"
    "table.chart-data thead th{white-space:normal}\n"
    "nav.toc,thead th,tr.rule-row th{background:none}\n"
    ".sev,.st,.card{background:none!important;color:#000!important}\n"
    ".sev-major{border:2px solid #000}\n"
    ".sev-minor{border:1px solid #000}\n"
    ".sev-observation{border:1px dashed #000}\n"
    "a{color:inherit}\n"
    "}\n";

static void put(GString *s, const char *text)
{
	isms_svg_escape(s, text);
}

static const char *short_id(const char *hex, char *buf)
{
	g_strlcpy(buf, hex, SHORT_ID + 1);
	return buf;
}

/* A commit id shortened, the full id on hover. */
static void commit_id(GString *s, const char *hex)
{
	char buf[SHORT_ID + 1];

	if (!hex || !*hex) {
		g_string_append(s, "<span class=\"muted\">no commit</span>");
		return;
	}
	g_string_append(s, "<code class=\"commit\" title=\"");
	put(s, hex);
	g_string_append(s, "\">");
	put(s, short_id(hex, buf));
	g_string_append(s, "</code>");
}

static void date(GString *s, isms_day day)
{
	char buf[ISMS_DATE_BUFSIZE];

	g_string_append_printf(s, "<time>%s</time>", isms_date_format(day, buf));
}

static void page_start(GString *s, const char *title)
{
	g_string_append(s,
	                "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
	                "'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
	                "form-action 'none'\">\n"
	                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	                "<meta name=\"generator\" content=\"" ISMS_NAME " ");
	put(s, ISMS_VERSION);
	g_string_append(s, "\">\n<title>");
	put(s, title);
	g_string_append_printf(s, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n", css);
}

static void page_end(GString *s)
{
	g_string_append_printf(s, "<footer>Made by " ISMS_NAME " %s", ISMS_VERSION);
	g_string_append(s, ". Findings rest on the repository's first-parent history and commit "
	                   "dates; they are an aid to the auditor, not a certification.</footer>\n"
	                   "</main>\n</body>\n</html>\n");
}

static int write_page(GString *s, FILE *out)
{
	size_t n = fwrite(s->str, 1, s->len, out);

	if (n != s->len || fflush(out) == EOF || ferror(out))
		return isms_error_set(ISMS_EREPO, "cannot write the HTML report");
	return 0;
}

/* ---- the figures ---------------------------------------------------------- */

static void figure_start(GString *s, const char *caption, int wide)
{
	g_string_append_printf(s, "<figure%s>\n<figcaption>", wide ? " class=\"wide\"" : "");
	put(s, caption);
	g_string_append(s, "</figcaption>\n");
}

static void figure_end(GString *s, const char *note)
{
	if (note) {
		g_string_append(s, "<p class=\"note\">");
		put(s, note);
		g_string_append(s, "</p>\n");
	}
	g_string_append(s, "</figure>\n");
}

/* Findings by severity, overdue documents and open actions per period; a
 * period before the first commit is a gap. */
static void trend_figure(GString *s, const isms_trend *t)
{
	guint n = t->points->len;
	int *v = g_new0(int, 5 * (gsize)n + 1);
	char **labels = g_new0(char *, n + 1);
	char since[ISMS_DATE_BUFSIZE], end[ISMS_DATE_BUFSIZE], *caption;
	isms_chart_series series[] = {
	    {"major", C_MAJOR, NULL, v},
	    {"minor", C_MINOR, "7 3", v + n},
	    {"observation", C_OBS, "2 3", v + 2 * n},
	    {"overdue documents", C_PURPLE, "9 3 2 3", v + 3 * n},
	    {"open actions", C_TEAL, "14 4", v + 4 * n},
	};
	isms_chart c = {.id = "trend",
	                .title = "Trend of findings, overdue documents and open actions",
	                .x_label = t->every == ISMS_TREND_QUARTER ? "Quarter" : "Month",
	                .y_label = "Count",
	                .categories = (const char *const *)labels,
	                .n = n,
	                .series = series,
	                .n_series = G_N_ELEMENTS(series),
	                .width = WIDE};

	for (guint i = 0; i < n; i++) {
		const isms_trend_point *p = &g_array_index(t->points, isms_trend_point, i);
		labels[i] = g_malloc(16);
		isms_trend_period_label(t, p, labels[i], 16);
		v[i] = p->has_commit ? p->major : ISMS_CHART_NONE;
		v[n + i] = p->has_commit ? p->minor : ISMS_CHART_NONE;
		v[2 * n + i] = p->has_commit ? p->observation : ISMS_CHART_NONE;
		v[3 * n + i] = p->has_commit ? p->overdue_documents : ISMS_CHART_NONE;
		v[4 * n + i] = p->has_commit ? p->open_actions : ISMS_CHART_NONE;
	}
	isms_date_format(t->since, since);
	isms_date_format(n ? g_array_index(t->points, isms_trend_point, n - 1).end : t->since, end);
	caption =
	    g_strdup_printf("Trend: the audit as of the end of each %s, %s to %s (clause 10.1)",
	                    isms_trend_every_name(t->every), since, end);
	figure_start(s, caption, 1);
	isms_svg_line_chart(s, &c);
	isms_svg_chart_table(s, &c);
	figure_end(s,
	           "Each point is the same audit run on the branch as it stood at the end of the "
	           "period, with the same configuration; waived findings are not counted. A period "
	           "before the first commit has no value.");
	g_free(caption);
	g_strfreev(labels);
	g_free(v);
}

/* The review chart's bars, in the order they are drawn: the states of a
 * document held to review. */
static const isms_review_state review_bars[] = {ISMS_REVIEW_CURRENT, ISMS_REVIEW_DUE_SOON,
                                                ISMS_REVIEW_OVERDUE, ISMS_REVIEW_NO_DATE};
#define REVIEW_BARS G_N_ELEMENTS(review_bars)

/* The style class of a review state's badge. */
static const char *review_class(isms_review_state r)
{
	return r == ISMS_REVIEW_CURRENT    ? "current"
	       : r == ISMS_REVIEW_DUE_SOON ? "soon"
	       : r == ISMS_REVIEW_OVERDUE  ? "overdue"
	                                   : "none";
}

/* Whole months from one day to a later one (0 if not later). */
static int months_between(isms_day from, isms_day to)
{
	int fy, fm, fd, ty, tm, td, months;

	isms_date_ymd(from, &fy, &fm, &fd);
	isms_date_ymd(to, &ty, &tm, &td);
	months = (ty - fy) * 12 + (tm - fm) - (td < fd);
	return months > 0 ? months : 0;
}

/* Months since the text after the front matter last changed, or -1 (no
 * change, or on an unknown date). */
static int text_age(const isms_audit *a, const isms_document *d)
{
	if (d->last_body_change == ISMS_NO_COMMIT ||
	    !isms_date_known(isms_audit_commit(a, d->last_body_change)->date))
		return -1;
	return months_between(isms_audit_commit(a, d->last_body_change)->date, a->today);
}

static void age_figure(GString *s, const isms_audit *a)
{
	static const char *const buckets[AGE_BUCKETS] = {"0-3", "4-6", "7-12", "13-24", "over 24"};
	static const int upper[AGE_BUCKETS - 1] = {3, 6, 12, 24};
	int counts[AGE_BUCKETS] = {0};
	isms_chart_series series = {"documents", C_SLATE, NULL, counts};
	isms_chart c = {.id = "age",
	                .title = "Documents by months since their text last changed",
	                .x_label = "Months since the text changed",
	                .y_label = "Documents",
	                .categories = buckets,
	                .n = AGE_BUCKETS,
	                .series = &series,
	                .n_series = 1};

	for (guint i = 0; i < a->documents->len; i++) {
		const isms_document *d = g_ptr_array_index(a->documents, i);
		int age = text_age(a, d), b = 0;
		if (!isms_document_reviewable(d) || age < 0)
			continue;
		while (b < AGE_BUCKETS - 1 && age > upper[b])
			b++;
		counts[b]++;
	}
	figure_start(s, "Document age", 0);
	isms_svg_bar_chart(s, &c);
	isms_svg_chart_table(s, &c);
	figure_end(s, "Documents in force that are not records, by whole months since the last "
	              "commit that changed their text (front matter changes do not count).");
}

static void review_figure(GString *s, const isms_audit *a)
{
	static const char *const colors[REVIEW_BARS] = {C_OK, C_MINOR, C_MAJOR, C_NONE};
	const char *names[REVIEW_BARS];
	int counts[REVIEW_BARS] = {0};
	isms_chart_series series = {"documents", C_SLATE, NULL, counts};
	isms_chart c = {.id = "review",
	                .title = "Documents by review status",
	                .x_label = "Review status",
	                .y_label = "Documents",
	                .categories = names,
	                .n = REVIEW_BARS,
	                .series = &series,
	                .n_series = 1,
	                .bar_colors = colors};
	char *note;

	for (guint k = 0; k < REVIEW_BARS; k++)
		names[k] = isms_review_state_name(review_bars[k]);
	/* a document not held to review has no bar */
	for (guint i = 0; i < a->documents->len; i++) {
		isms_review rv;
		isms_document_review(g_ptr_array_index(a->documents, i), a->today,
		                     ISMS_REVIEW_SOON_DAYS, &rv);
		for (guint k = 0; k < REVIEW_BARS; k++)
			if (review_bars[k] == rv.state)
				counts[k]++;
	}
	figure_start(s, "Review status", 0);
	isms_svg_bar_chart(s, &c);
	isms_svg_chart_table(s, &c);
	note = g_strdup_printf("Documents in force that are not records, by their next review "
	                       "date relative to the audit date (due soon: within %d days).",
	                       ISMS_REVIEW_SOON_DAYS);
	figure_end(s, note);
	g_free(note);
}

/* Items raised and closures recorded per month over the FLOW_MONTHS months
 * ending with the audit date's, counted as every flow figure counts them
 * (isms_metrics_flow). */
typedef struct {
	int year, month;
	int raised[FLOW_MONTHS], closed[FLOW_MONTHS];
} month_flow;

static void count_month(isms_day day, int closed, void *data)
{
	month_flow *f = data;
	int y, m, d, back;

	isms_date_ymd(day, &y, &m, &d);
	back = (f->year - y) * 12 + (f->month - m);
	if (back < 0 || back >= FLOW_MONTHS)
		return;
	(closed ? f->closed : f->raised)[FLOW_MONTHS - 1 - back]++;
}

static void flow_figure(GString *s, const isms_audit *a)
{
	month_flow f = {0};
	int td;
	char text[FLOW_MONTHS][16];
	const char *labels[FLOW_MONTHS];
	isms_chart_series series[] = {{"raised", C_RAISED, NULL, f.raised},
	                              {"closed", C_CLOSED, NULL, f.closed}};
	isms_chart c = {.id = "flow",
	                .title = "Register items raised and closed per month",
	                .x_label = "Month",
	                .y_label = "Items",
	                .categories = labels,
	                .n = FLOW_MONTHS,
	                .series = series,
	                .n_series = 2,
	                .width = WIDE};

	isms_date_ymd(a->today, &f.year, &f.month, &td);
	for (int i = 0; i < FLOW_MONTHS; i++) {
		int months = f.year * 12 + (f.month - 1) - (FLOW_MONTHS - 1 - i);
		snprintf(text[i], sizeof(text[i]), "%04d-%02d", (months / 12) % 10000,
		         (months % 12 + 1) % 100);
		labels[i] = text[i];
	}
	isms_metrics_flow(a, count_month, &f);
	figure_start(s, "Register flow: items raised and closed per month (clause 10.2)", 1);
	isms_svg_bar_chart(s, &c);
	isms_svg_chart_table(s, &c);
	figure_end(s, "By the date of the commit that first listed an item or recorded it closed, "
	              "over the 24 months up to the audit date. An item moved closed from another "
	              "register is not closed again.");
}

static void open_age_figure(GString *s, const isms_metrics *m)
{
	static const char *const buckets[ISMS_METRICS_AGE_BUCKETS] = {"0-30", "31-90", "91-180",
	                                                              "over 180"};
	int counts[ISMS_METRICS_AGE_BUCKETS];
	isms_chart_series series = {"open items", C_SLATE, NULL, counts};
	isms_chart c = {.id = "open-age",
	                .title = "Open register items by days since first listed",
	                .x_label = "Days since first listed",
	                .y_label = "Open items",
	                .categories = buckets,
	                .n = ISMS_METRICS_AGE_BUCKETS,
	                .series = &series,
	                .n_series = 1};

	memcpy(counts, m->open_by_age, sizeof(counts));
	figure_start(s, "Open actions by age", 0);
	isms_svg_bar_chart(s, &c);
	isms_svg_chart_table(s, &c);
	figure_end(s, "Items open at the audited commit, by days since a register first listed "
	              "them.");
}

/* The register's figures beside its charts (clause 9.3.2 d). */
static void register_panel(GString *s, const isms_metrics *m)
{
	figure_start(s, "Register at a glance", 0);
	g_string_append_printf(s,
	                       "<dl class=\"panel\">\n"
	                       "<dt>Items in the registers</dt><dd>%d</dd>\n"
	                       "<dt>Open</dt><dd>%d</dd>\n<dt>Closed</dt><dd>%d</dd>\n"
	                       "<dt>Accepted</dt><dd>%d</dd>\n<dt>Withdrawn</dt><dd>%d</dd>\n",
	                       m->items, m->by_state[ISMS_STATE_OPEN],
	                       m->by_state[ISMS_STATE_CLOSED], m->by_state[ISMS_STATE_ACCEPTED],
	                       m->by_state[ISMS_STATE_WITHDRAWN]);
	if (m->by_state[ISMS_STATE_UNKNOWN])
		g_string_append_printf(s, "<dt>Unknown status</dt><dd>%d</dd>\n",
		                       m->by_state[ISMS_STATE_UNKNOWN]);
	if (m->closure_times)
		g_string_append_printf(s,
		                       "<dt>Days to closure, median (%d closed)</dt><dd>%d</dd>\n"
		                       "<dt>Days to closure, 90th percentile</dt><dd>%d</dd>\n",
		                       m->closure_times, m->median_days, m->p90_days);
	else
		g_string_append(s, "<dt>Days to closure</dt><dd>no closed items</dd>\n");
	if (m->closed_with_due)
		g_string_append_printf(s, "<dt>Closed on time</dt><dd>%d of %d (%d%%)</dd>\n",
		                       m->closed_on_time, m->closed_with_due,
		                       (int)(100.0 * m->closed_on_time / m->closed_with_due + 0.5));
	else
		g_string_append(
		    s, "<dt>Closed on time</dt><dd>no closed items with a due date</dd>\n");
	g_string_append(s, "</dl>\n");
	figure_end(s, "Days from the commit that first listed an item to the commit that recorded "
	              "it closed; on time compares the typed closed and due dates.");
}

static void indicators(GString *s, const isms_audit *a, const isms_trend *trend)
{
	isms_metrics m;

	isms_metrics_compute(a, &m);
	g_string_append(s, "<section class=\"part\" id=\"indicators\">\n<h2>Indicators</h2>\n"
	                   "<div class=\"charts\">\n");
	age_figure(s, a);
	review_figure(s, a);
	flow_figure(s, a);
	open_age_figure(s, &m);
	register_panel(s, &m);
	if (trend)
		trend_figure(s, trend);
	g_string_append(s, "</div>\n");
	if (!trend)
		g_string_append(s,
		                "<p class=\"note\" id=\"no-trend\">No trend chart: this report was "
		                "made without a trend (<code>--trend-since none</code>).</p>\n");
	g_string_append(s, "</section>\n");
}

/* ---- risks ------------------------------------------------------------------- */

/* Heat map fills by level: light to dark, so that they stay apart in grey. */
static const char *const level_fill[ISMS_RISK_LEVEL_COUNT] = {"#e4e7eb", "#c6f0d2", "#fde68a",
                                                              "#f6ad55", "#f07878"};

static void heat_figure(GString *s, const isms_audit *a, const isms_risk_metrics *m)
{
	enum { N = ISMS_RISK_SCALE_MAX };
	int n = MIN(m->scale, (int)N), v[N * N];
	char names[N][24], cats[N][12], *note;
	const char *labels[N], *fills[N * N];
	isms_chart_series rows[N];

	for (int r = 0; r < n; r++) { /* the most likely on top */
		int l = n - r;
		snprintf(names[r], sizeof(names[r]), "Likelihood %d", l);
		rows[r] = (isms_chart_series){names[r], C_SLATE, NULL, v + r * n};
		for (int i = 0; i < n; i++) {
			v[r * n + i] = m->heat[l - 1][i];
			fills[r * n + i] =
			    level_fill[isms_risk_level_of_score(&a->config.risk, l * (i + 1))];
		}
	}
	for (int i = 0; i < n; i++) {
		snprintf(cats[i], sizeof(cats[i]), "%d", i + 1);
		labels[i] = cats[i];
	}
	isms_chart c = {.id = "risk-heat-map",
	                .title = "Risks in force by likelihood and impact",
	                .x_label = "Impact",
	                .y_label = "Likelihood",
	                .categories = labels,
	                .n = (size_t)n,
	                .series = rows,
	                .n_series = (size_t)n};
	figure_start(s, "Risk heat map: likelihood by impact (clause 8.2)", 0);
	isms_svg_heat_map(s, &c, fills);
	isms_svg_chart_table(s, &c);
	note = g_strdup_printf("Risks in force (not closed or retired) by their likelihood and "
	                       "impact on the %d-point scale; each cell is coloured by the level "
	                       "of likelihood times impact (low, medium, high, critical). %d "
	                       "risk%s in force without both on the scale %s not on the map.",
	                       n, m->off_map, m->off_map == 1 ? "" : "s",
	                       m->off_map == 1 ? "is" : "are");
	figure_end(s, note);
	g_free(note);
}

static void risk_panel(GString *s, const isms_risk_metrics *m)
{
	figure_start(s, "Risks at a glance (clause 9.3.2 f)", 0);
	g_string_append_printf(s, "<dl class=\"panel\">\n<dt>Risks in force</dt><dd>%d</dd>\n",
	                       m->risks);
	for (int l = ISMS_RISK_CRITICAL; l >= ISMS_RISK_LOW; l--)
		g_string_append_printf(s, "<dt>Level %s</dt><dd>%d</dd>\n",
		                       isms_risk_level_name((isms_risk_level)l), m->by_level[l]);
	if (m->by_level[ISMS_RISK_LEVEL_NONE])
		g_string_append_printf(s, "<dt>Level unknown</dt><dd>%d</dd>\n",
		                       m->by_level[ISMS_RISK_LEVEL_NONE]);
	for (int t = ISMS_TREAT_MODIFY; t < ISMS_TREAT_COUNT; t++)
		g_string_append_printf(s, "<dt>Treatment: %s</dt><dd>%d</dd>\n",
		                       isms_risk_treatment_name((isms_risk_treatment)t),
		                       m->by_treatment[t]);
	if (m->by_treatment[ISMS_TREAT_NONE])
		g_string_append_printf(s, "<dt>No treatment chosen</dt><dd>%d</dd>\n",
		                       m->by_treatment[ISMS_TREAT_NONE]);
	g_string_append_printf(s,
	                       "<dt>Treatments overdue</dt><dd>%d</dd>\n"
	                       "<dt>Accepted</dt><dd>%d</dd>\n"
	                       "<dt>Acceptances expired</dt><dd>%d</dd>\n</dl>\n",
	                       m->overdue, m->accepted, m->acceptance_expired);
	figure_end(s, "Treatments overdue: risks neither accepted nor treated past their due "
	              "date. An acceptance without an expiry date lapses risk_acceptance_months "
	              "after it was recorded.");
}

static void risk_row(GString *s, const isms_audit *a, const isms_risk_model *m,
                     const isms_risk_history *h)
{
	const isms_risk *r = h->risk;
	char *score = isms_risk_score_text(r);
	isms_risk_review rv;
	isms_risk_acceptance acc;
	int overdue = isms_risk_days_overdue(r, a->today);

	isms_risk_review_of(a, h, &rv);
	g_string_append(s, "<tr><td><code>");
	put(s, h->id);
	g_string_append(s, "</code>");
	if (r->cell[ISMS_RISK_COL_TITLE]) {
		g_string_append(s, " ");
		put(s, r->cell[ISMS_RISK_COL_TITLE]);
	}
	g_string_append(s, "<br><span class=\"muted\">");
	put(s, m->doc->path);
	g_string_append_printf(s, ":%d</span></td><td>", r->line);
	if (r->cell[ISMS_RISK_COL_OWNER])
		put(s, r->cell[ISMS_RISK_COL_OWNER]);
	else
		g_string_append(s, "<span class=\"tag\">no owner</span>");
	g_string_append(s, "</td><td>");
	g_string_append(s, isms_risk_level_name(r->level));
	if (score) {
		g_string_append(s, "<br><span class=\"muted\">");
		put(s, score);
		g_string_append(s, "</span>");
	}
	g_string_append_printf(s, "</td><td>%s", isms_risk_treatment_name(r->treatment));
	if (isms_risk_acceptance_of(a, h, &acc)) {
		g_string_append(s, "<br><span class=\"muted\">until ");
		date(s, acc.until);
		g_string_append(s, "</span>");
		if (acc.days_expired)
			g_string_append(s, " <span class=\"tag\">expired</span>");
	}
	g_string_append(s, "</td><td>");
	if (r->has_due)
		date(s, r->due);
	else
		g_string_append(s, "<span class=\"muted\">\xe2\x80\x93</span>");
	if (overdue)
		g_string_append_printf(s, " <span class=\"tag\">%d days overdue</span>", overdue);
	g_string_append(s, "</td><td>");
	if (r->cell[ISMS_RISK_COL_STATUS])
		put(s, r->cell[ISMS_RISK_COL_STATUS]);
	else
		g_string_append(s, "<span class=\"muted\">\xe2\x80\x93</span>");
	g_string_append(s, "</td><td>");
	date(s, rv.due);
	if (rv.days_overdue)
		g_string_append(s, " <span class=\"tag\">overdue</span>");
	g_string_append(s, "</td></tr>\n");
	g_free(score);
}

/* Risks in force, the most severe first, as the registers list them. */
static int by_level(gconstpointer x, gconstpointer y)
{
	const isms_risk_history *a = *(const isms_risk_history *const *)x,
	                        *b = *(const isms_risk_history *const *)y;

	return (int)b->risk->level - (int)a->risk->level;
}

static void risks(GString *s, const isms_audit *a)
{
	isms_risk_metrics m;

	g_string_append(s, "<section class=\"part\" id=\"risks\">\n<h2>Risks</h2>\n");
	if (a->risk_registers->len == 0) {
		g_string_append(s, "<p>No risk register was found: no document of type "
		                   "<code>risk-register</code>, none listed under "
		                   "<code>risk_registers</code>, and no risk table.</p>\n"
		                   "</section>\n");
		return;
	}
	isms_risk_metrics_compute(a, &m);
	g_string_append(s, "<div class=\"charts\">\n");
	heat_figure(s, a, &m);
	risk_panel(s, &m);
	g_string_append(s, "</div>\n");
	g_string_append(
	    s, "<h3>Risks in force</h3>\n<table class=\"zebra\">\n<thead><tr><th scope=\"col\">"
	       "Risk</th><th scope=\"col\">Owner</th><th scope=\"col\">Level</th><th "
	       "scope=\"col\">Treatment</th><th scope=\"col\">Due</th><th scope=\"col\">Status"
	       "</th><th scope=\"col\">Review due</th></tr></thead>\n<tbody>\n");
	for (guint k = 0; k < a->risk_registers->len; k++) {
		const isms_risk_model *rm = g_ptr_array_index(a->risk_registers, k);
		GPtrArray *list = g_ptr_array_new();
		for (guint i = 0; i < rm->risks->len; i++) {
			const isms_risk_history *h = g_ptr_array_index(rm->risks, i);
			if (h->removed == ISMS_NO_COMMIT && isms_risk_in_force(h->risk))
				g_ptr_array_add(list, (gpointer)h);
		}
		/* a stable order: g_ptr_array_sort is a merge sort */
		g_ptr_array_sort(list, by_level);
		for (guint i = 0; i < list->len; i++)
			risk_row(s, a, rm, g_ptr_array_index(list, i));
		g_ptr_array_free(list, TRUE);
	}
	g_string_append(s, "</tbody>\n</table>\n</section>\n");
}

/* ---- the header ------------------------------------------------------------ */

static void card(GString *s, const char *cls, const char *value, const char *label)
{
	g_string_append_printf(s,
	                       "<div class=\"card card-%s\"><span class=\"n\">%s</span>"
	                       "<span class=\"l\">%s</span></div>\n",
	                       cls, value, label);
}

static void count_card(GString *s, const char *cls, size_t n, const char *label)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%zu", n);
	card(s, cls, buf, label);
}

/* Rules the configuration switched off or regraded: the reader must see them. */
static void rule_settings(GString *s, const isms_audit *a)
{
	int n = 0;

	for (size_t i = 0; i < isms_rules_count; i++) {
		const isms_rule *r = &isms_rules[i];
		const isms_rule_setting *rs = isms_config_rule(&a->config, r->id);
		if (!rs)
			continue;
		if (n++ == 0)
			g_string_append(s, "<dt>Rule settings</dt><dd><ul class=\"plain\">\n");
		g_string_append(s, "<li><code>");
		put(s, r->id);
		g_string_append(s, "</code>");
		if (rs->off)
			g_string_append(s, " off");
		else if (rs->has_severity)
			g_string_append_printf(s, " %s (default %s)",
			                       isms_severity_name(rs->severity),
			                       isms_severity_name(r->severity));
		for (guint k = 0; k < rs->exclude->len; k++) {
			g_string_append(s, k ? ", <code>" : " except <code>");
			put(s, g_ptr_array_index(rs->exclude, k));
			g_string_append(s, "</code>");
		}
		g_string_append(s, "</li>\n");
	}
	if (n)
		g_string_append(s, "</ul></dd>\n");
}

static void header(GString *s, const isms_audit *a, const isms_findings *fs,
                   const isms_report_options *opts)
{
	char hex[GIT_OID_HEXSZ + 1], label[48];
	char *name = g_path_get_basename(a->root);
	int fail = isms_findings_fail(fs, opts->fail_on);

	g_string_append(s, "<header id=\"summary\">\n<p class=\"kicker\">ISO/IEC 27001 "
	                   "documentation audit</p>\n<h1>");
	put(s, name);
	g_string_append(s, "</h1>\n<p class=\"lead\">Self-assessment of the documented information "
	                   "of the ISMS as its repository stood at the end of ");
	date(s, a->today);
	g_string_append(s,
	                ", from the documents and their Git history.</p>\n<div class=\"cards\">\n");
	if (opts->fail_on == ISMS_SEV_NEVER)
		snprintf(label, sizeof(label), "fail-on never");
	else
		snprintf(label, sizeof(label), "fail-on %s", isms_severity_name(opts->fail_on));
	card(s, fail ? "fail" : "pass", fail ? "Fail" : "Pass", label);
	count_card(s, "major", isms_findings_count(fs, ISMS_SEV_MAJOR), "major");
	count_card(s, "minor", isms_findings_count(fs, ISMS_SEV_MINOR), "minor");
	count_card(s, "observation", isms_findings_count(fs, ISMS_SEV_OBSERVATION), "observation");
	count_card(s, "waived", fs->waived->len, "waived");
	g_string_append(s, "</div>\n<dl class=\"facts\">\n<dt>Repository</dt><dd><code>");
	put(s, a->root);
	g_string_append(s, "</code></dd>\n<dt>Audited commit</dt><dd>");
	commit_id(s, isms_audit_commit_hex(a, a->history.commits->len - 1, hex));
	g_string_append(s, " of ");
	date(s, isms_audit_head(a)->date);
	g_string_append(s, "</dd>\n<dt>As of</dt><dd>");
	date(s, a->today);
	g_string_append_printf(s,
	                       "</dd>\n<dt>Evidence</dt><dd>%u document%s, %u commit%s on the "
	                       "first-parent history since ",
	                       a->documents->len, a->documents->len == 1 ? "" : "s",
	                       a->history.commits->len, a->history.commits->len == 1 ? "" : "s");
	date(s, isms_audit_commit(a, 0)->date);
	g_string_append(s, "</dd>\n<dt>Configuration</dt><dd>");
	if (a->config.source) {
		g_string_append(s, "<code>");
		put(s, a->config.source);
		g_string_append(s, "</code>");
	} else {
		g_string_append(s, "built-in defaults");
	}
	g_string_append(s, "</dd>\n");
	rule_settings(s, a);
	if (opts->base) {
		char *text = isms_base_describe(opts->base);
		g_string_append(s, "<dt>Change</dt><dd>");
		put(s, text);
		g_string_append(s, "</dd>\n");
		g_free(text);
	}
	if (a->shallow)
		g_string_append(
		    s, "<dt>Warning</dt><dd class=\"warning\">shallow clone: findings that "
		       "rest on commit dates are marked unproven</dd>\n");
	g_string_append(s, "</dl>\n</header>\n");
	g_free(name);
}

/* An anchor for a clause: its number with anything but letters, digits
 * and dots made a hyphen (clauses from the configuration are free text). */
static void clause_anchor(GString *s, const char *clause)
{
	g_string_append(s, "clause-");
	for (const char *p = clause; *p; p++)
		g_string_append_c(s, g_ascii_isalnum(*p) || *p == '.' ? *p : '-');
}

/* The number of findings from `i` on that are about the same clause. */
static guint clause_run(const GPtrArray *items, guint i)
{
	const char *clause = isms_finding_clause(g_ptr_array_index(items, i));
	guint j = i + 1;

	while (j < items->len &&
	       strcmp(clause, isms_finding_clause(g_ptr_array_index(items, j))) == 0)
		j++;
	return j - i;
}

static void toc(GString *s, const isms_findings *fs)
{
	g_string_append(s, "<nav class=\"toc\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n"
	                   "<li><a href=\"#indicators\">Indicators</a></li>\n"
	                   "<li><a href=\"#risks\">Risks</a></li>\n");
	g_string_append_printf(s, "<li><a href=\"#findings\">Findings by clause</a> (%u)",
	                       fs->items->len);
	if (fs->items->len)
		g_string_append(s, "\n<ol>\n");
	for (guint i = 0, n; i < fs->items->len; i += n) {
		const char *clause = isms_finding_clause(g_ptr_array_index(fs->items, i));
		n = clause_run(fs->items, i);
		g_string_append(s, "<li><a href=\"#");
		clause_anchor(s, clause);
		g_string_append(s, "\">");
		put(s, clause);
		if (*isms_clause_title(clause)) {
			g_string_append_c(s, ' ');
			put(s, isms_clause_title(clause));
		}
		g_string_append_printf(s, "</a> (%u)</li>\n", n);
	}
	g_string_append_printf(
	    s,
	    "%s</li>\n<li><a href=\"#waived\">Waived findings</a> (%u)</li>\n"
	    "<li><a href=\"#coverage\">Mandatory documented information</a></li>\n"
	    "<li><a href=\"#approvals\">Approval trail</a></li>\n"
	    "<li><a href=\"#documents\">Document inventory</a></li>\n</ol>\n"
	    "</nav>\n",
	    fs->items->len ? "</ol>\n" : "", fs->waived->len);
}

/* ---- findings ---------------------------------------------------------------- */

static void severity(GString *s, isms_severity sev)
{
	g_string_append_printf(s, "<span class=\"sev sev-%s\">%s</span>", isms_severity_name(sev),
	                       isms_severity_name(sev));
}

static void location(GString *s, const isms_finding *f)
{
	if (!f->path) {
		g_string_append(s, "<span class=\"muted\">repository</span>");
		return;
	}
	g_string_append(s, "<code>");
	put(s, f->path);
	if (f->line > 0)
		g_string_append_printf(s, ":%d", f->line);
	g_string_append(s, "</code>");
}

/* The message, then the evidence: commits, dates and notes. */
static void message(GString *s, const isms_finding *f)
{
	put(s, f->message);
	if (f->unproven)
		g_string_append(s, " <span class=\"tag\">unproven: shallow clone</span>");
	if (f->evidence->len == 0)
		return;
	g_string_append(s, "\n<ul class=\"evidence\">\n");
	for (guint k = 0; k < f->evidence->len; k++) {
		const isms_evidence *e = &g_array_index(f->evidence, isms_evidence, k);
		g_string_append(s, "<li>");
		commit_id(s, e->commit);
		g_string_append(s, " ");
		date(s, e->date);
		g_string_append(s, " ");
		put(s, e->note);
		g_string_append(s, "</li>\n");
	}
	g_string_append(s, "</ul>");
}

static void rule_row(GString *s, const isms_rule *r)
{
	g_string_append(s, "<tr class=\"rule-row\"><th colspan=\"3\" scope=\"rowgroup\">"
	                   "<code class=\"rule-id\">");
	put(s, r->id);
	g_string_append(s, "</code> ");
	put(s, r->summary);
	g_string_append(s, "<div class=\"req\">Requirement: ");
	put(s, r->requirement);
	g_string_append(s, "</div></th></tr>\n");
}

static void clause_start(GString *s, const char *clause)
{
	g_string_append(s, "<h3 id=\"");
	clause_anchor(s, clause);
	g_string_append(s, "\">Clause ");
	put(s, clause);
	if (*isms_clause_title(clause)) {
		g_string_append(s, " \xe2\x80\x94 ");
		put(s, isms_clause_title(clause));
	}
	g_string_append(s, "</h3>\n<table class=\"findings\">\n<thead><tr><th scope=\"col\" "
	                   "class=\"c-sev\">Severity</th><th scope=\"col\" class=\"c-loc\">Location"
	                   "</th><th scope=\"col\">Finding and evidence</th></tr></thead>\n");
}

/* Findings grouped by clause, within a clause by rule (and severity, should
 * a rule ever grade its findings apart), as the text report groups them. */
static void findings(GString *s, const isms_findings *fs)
{
	const char *clause = NULL;
	const isms_finding *group = NULL;

	g_string_append(s,
	                "<section class=\"part\" id=\"findings\">\n<h2>Findings by clause</h2>\n");
	if (fs->items->len == 0) {
		g_string_append(s, "<p>No findings: the documented information is controlled and "
		                   "current.</p>\n</section>\n");
		return;
	}
	g_string_append(s, "<p class=\"note\">Ordered by clause, then severity. Commit ids are "
	                   "shortened: the full id is in each one's tooltip.</p>\n");
	for (guint i = 0; i < fs->items->len; i++) {
		const isms_finding *f = g_ptr_array_index(fs->items, i);
		if (!clause || strcmp(clause, isms_finding_clause(f)) != 0) {
			if (clause)
				g_string_append(s, "</tbody>\n</table>\n");
			clause = isms_finding_clause(f);
			clause_start(s, clause);
			group = NULL;
		}
		if (!group || group->rule != f->rule || group->severity != f->severity) {
			if (group)
				g_string_append(s, "</tbody>\n");
			g_string_append(s, "<tbody>\n");
			rule_row(s, f->rule);
			group = f;
		}
		g_string_append(s, "<tr><td>");
		severity(s, f->severity);
		g_string_append(s, "</td><td class=\"loc\">");
		location(s, f);
		g_string_append(s, "</td><td>");
		message(s, f);
		g_string_append(s, "</td></tr>\n");
	}
	g_string_append(s, "</tbody>\n</table>\n</section>\n");
}

/* Findings accepted by a waiver: listed with the acceptance, never counted. */
static void waived(GString *s, const isms_findings *fs)
{
	g_string_append(s, "<section class=\"part\" id=\"waived\">\n<h2>Waived findings</h2>\n");
	if (fs->waived->len == 0) {
		g_string_append(s, "<p>No finding is waived.</p>\n</section>\n");
		return;
	}
	g_string_append(s,
	                "<p class=\"note\">Risks accepted with management's sign-off in the "
	                "configuration: listed for the record, not counted. A waiver ends on its "
	                "expiry date.</p>\n<table class=\"zebra\">\n<thead><tr><th scope=\"col\">"
	                "Severity</th><th scope=\"col\">Rule</th><th scope=\"col\">Location</th>"
	                "<th scope=\"col\">Finding and evidence</th><th scope=\"col\">Waiver</th>"
	                "</tr></thead>\n<tbody>\n");
	for (guint i = 0; i < fs->waived->len; i++) {
		const isms_finding *f = g_ptr_array_index(fs->waived, i);
		g_string_append(s, "<tr><td>");
		severity(s, f->severity);
		g_string_append(s, "</td><td><code class=\"rule-id\">");
		put(s, f->rule->id);
		g_string_append(s, "</code><br><span class=\"muted\">clause ");
		put(s, isms_finding_clause(f));
		g_string_append(s, "</span></td><td class=\"loc\">");
		location(s, f);
		g_string_append(s, "</td><td>");
		message(s, f);
		g_string_append(s, "</td><td>");
		put(s, f->waiver->reason);
		g_string_append(s, "<br><span class=\"muted\">approved by ");
		put(s, f->waiver->approved_by);
		g_string_append(s, ", expires ");
		date(s, f->waiver->expires);
		g_string_append(s, "</span></td></tr>\n");
	}
	g_string_append(s, "</tbody>\n</table>\n</section>\n");
}

/* ---- coverage and documents ------------------------------------------------ */

static const char *doc_status(const isms_document *d)
{
	if (!d->meta->field[ISMS_F_STATUS])
		return NULL;
	return d->meta->status == ISMS_DOC_DRAFT     ? "draft"
	       : d->meta->status == ISMS_DOC_RETIRED ? "retired"
	                                             : "approved";
}

static void coverage(GString *s, const isms_audit *a)
{
	g_string_append(s, "<section class=\"part\" id=\"coverage\">\n<h2>Mandatory documented "
	                   "information</h2>\n");
	if (a->coverage->len == 0) {
		g_string_append(
		    s, "<p>The configuration lists no mandatory clauses.</p>\n</section>\n");
		return;
	}
	g_string_append(s,
	                "<p class=\"note\">The clauses whose documented information the "
	                "standard requires, and the documents in force that provide it. Overdue: "
	                "every such document is past its review date.</p>\n"
	                "<table class=\"zebra\">\n<thead><tr><th scope=\"col\">Clause</th>"
	                "<th scope=\"col\">Title</th><th scope=\"col\">Status</th>"
	                "<th scope=\"col\">Documents</th></tr></thead>\n<tbody>\n");
	for (guint i = 0; i < a->coverage->len; i++) {
		const isms_coverage *c = g_ptr_array_index(a->coverage, i);
		const char *st = isms_coverage_status_name(c->status);
		g_string_append(s, "<tr><td>");
		put(s, c->clause);
		g_string_append(s, "</td><td>");
		put(s, isms_clause_title(c->clause));
		g_string_append_printf(s, "</td><td><span class=\"st st-%s\">%s</span></td><td>",
		                       st, st);
		if (c->documents->len == 0 && c->inactive->len == 0)
			g_string_append(s, "<span class=\"muted\">none</span>");
		else
			g_string_append(s, "<ul class=\"plain\">");
		for (guint k = 0; k < c->documents->len; k++) {
			const isms_document *d = g_ptr_array_index(c->documents, k);
			isms_review rv;
			g_string_append(s, "<li><code>");
			put(s, d->path);
			g_string_append(s, "</code>");
			/* as coverage: a record in force that is past its due
			 * day says so too */
			isms_document_review(d, a->today, ISMS_REVIEW_SOON_DAYS, &rv);
			if (rv.dated == ISMS_REVIEW_OVERDUE) {
				g_string_append(s, " <span class=\"tag\">review overdue since ");
				date(s, rv.due);
				g_string_append(s, "</span>");
			}
			g_string_append(s, "</li>");
		}
		for (guint k = 0; k < c->inactive->len; k++) {
			const isms_document *d = g_ptr_array_index(c->inactive, k);
			g_string_append(s, "<li><code>");
			put(s, d->path);
			g_string_append_printf(
			    s, "</code> <span class=\"muted\">(%s, not in force)</span></li>",
			    d->meta->status == ISMS_DOC_DRAFT ? "draft" : "retired");
		}
		g_string_append_printf(s, "%s</td></tr>\n",
		                       c->documents->len || c->inactive->len ? "</ul>" : "");
	}
	g_string_append(s, "</tbody>\n</table>\n</section>\n");
}

/* A front matter field's value when usable, else a dash. */
static void field(GString *s, const isms_meta *m, isms_field f)
{
	if (isms_meta_has(m, f))
		put(s, isms_meta_text(m, f));
	else
		g_string_append(s, "<span class=\"muted\">\xe2\x80\x93</span>");
}

static void review_cell(GString *s, const isms_document *d, const isms_review *rv)
{
	if (rv->state == ISMS_REVIEW_NOT_HELD) {
		g_string_append_printf(s, "<span class=\"muted\">not reviewed (%s)</span>",
		                       !isms_document_readable(d) ? "unreadable"
		                       : d->is_record             ? "record"
		                       : doc_status(d)            ? doc_status(d)
		                                                  : "not in force");
		return;
	}
	g_string_append_printf(s, "<span class=\"st st-%s\">", review_class(rv->state));
	if (rv->state == ISMS_REVIEW_DUE_SOON)
		g_string_append_printf(s, "due within %d days", ISMS_REVIEW_SOON_DAYS);
	else
		g_string_append(s, isms_review_state_name(rv->state));
	g_string_append(s, "</span>");
}

static void document_row(GString *s, const isms_audit *a, const isms_document *d)
{
	const isms_meta *m = d->meta;
	const char *status = doc_status(d);
	int age = text_age(a, d);
	isms_review rv;

	/* the due day is shown for every document that has one, held to
	 * review or not */
	isms_document_review(d, a->today, ISMS_REVIEW_SOON_DAYS, &rv);

	g_string_append(s, "<tr><td>");
	if (isms_meta_has(m, ISMS_F_TITLE)) {
		g_string_append(s, "<span class=\"doc-title\">");
		put(s, isms_meta_text(m, ISMS_F_TITLE));
		g_string_append(s, "</span><br>");
	}
	g_string_append(s, "<code>");
	put(s, d->path);
	g_string_append(s, "</code></td><td>");
	/* the type the audit reads it as: its own, or the one `types:` gives */
	if (*isms_document_type(d))
		put(s, isms_document_type(d));
	else
		g_string_append(s, "<span class=\"muted\">\xe2\x80\x93</span>");
	g_string_append(s, "</td><td>");
	field(s, m, ISMS_F_OWNER);
	g_string_append(s, "</td><td>");
	if (status)
		g_string_append(s, status);
	else
		g_string_append(s, "<span class=\"muted\">\xe2\x80\x93</span>");
	g_string_append(s, "</td><td>");
	field(s, m, ISMS_F_VERSION);
	g_string_append(s, "</td><td>");
	if (m->has_last_reviewed)
		date(s, m->last_reviewed);
	else
		g_string_append(s, "<span class=\"muted\">\xe2\x80\x93</span>");
	g_string_append(s, "</td><td>");
	if (rv.dated != ISMS_REVIEW_NO_DATE)
		date(s, rv.due);
	else
		g_string_append(s, "<span class=\"muted\">\xe2\x80\x93</span>");
	g_string_append(s, "</td><td>");
	review_cell(s, d, &rv);
	if (age < 0) {
		g_string_append(s, "</td><td class=\"num\">\xe2\x80\x93</td></tr>\n");
		return;
	}
	g_string_append_printf(s, "</td><td class=\"num\">%d<br><span class=\"muted\">", age);
	date(s, isms_audit_commit(a, d->last_body_change)->date);
	g_string_append(s, "</span></td></tr>\n");
}

static void documents(GString *s, const isms_audit *a)
{
	g_string_append(s,
	                "<section class=\"part\" id=\"documents\">\n<h2>Document inventory</h2>\n");
	if (a->documents->len == 0) {
		g_string_append(s, "<p>No controlled documents.</p>\n</section>\n");
		return;
	}
	g_string_append_printf(
	    s,
	    "<p class=\"note\">The %u controlled documents at the audited commit. "
	    "Review status is relative to the audit date (due soon: within %d "
	    "days); age is the whole months since the text after the front matter "
	    "last changed, with the date of that commit.</p>\n",
	    a->documents->len, ISMS_REVIEW_SOON_DAYS);
	g_string_append(
	    s, "<table class=\"zebra inventory\">\n<thead><tr><th scope=\"col\">Document</th>"
	       "<th scope=\"col\">Type</th><th scope=\"col\">Owner</th>"
	       "<th scope=\"col\">Status</th><th scope=\"col\">Version</th>"
	       "<th scope=\"col\">Last reviewed</th><th scope=\"col\">Review due</th>"
	       "<th scope=\"col\">Review status</th><th scope=\"col\" class=\"num\">Age "
	       "(months)</th></tr></thead>\n<tbody>\n");
	for (guint i = 0; i < a->documents->len; i++)
		document_row(s, a, g_ptr_array_index(a->documents, i));
	g_string_append(s, "</tbody>\n</table>\n</section>\n");
}

/* ---- approvals ---------------------------------------------------------------- */

static const char *approval_class(isms_approval_state st)
{
	return st == ISMS_APPROVAL_INDEPENDENT ? "current"
	       : st == ISMS_APPROVAL_UNKNOWN   ? "soon"
	                                       : "overdue";
}

static const char *approval_words(isms_approval_state st)
{
	return st == ISMS_APPROVAL_INDEPENDENT ? "approved independently"
	       : st == ISMS_APPROVAL_SELF      ? "self-approved"
	       : st == ISMS_APPROVAL_UNKNOWN   ? "approval unknown"
	                                       : "no approval evidence";
}

/* The parties of a change, each with how it is known. */
static void party_list(GString *s, const GPtrArray *list)
{
	if (list->len == 0) {
		g_string_append(s, "<span class=\"muted\">\xe2\x80\x93</span>");
		return;
	}
	for (guint i = 0; i < list->len; i++) {
		const isms_party *p = g_ptr_array_index(list, i);
		if (i > 0)
			g_string_append(s, "<br>");
		put(s, *p->name ? p->name : p->email);
		g_string_append(s, " <span class=\"muted\">(");
		put(s, p->how == ISMS_KNOWN_TRAILER && p->trailer ? p->trailer
		                                                  : isms_known_by_name(p->how));
		g_string_append(s, ")</span>");
	}
}

static void approval_figure(GString *s, const isms_audit *a)
{
	static const isms_approval_state order[] = {ISMS_APPROVAL_INDEPENDENT, ISMS_APPROVAL_SELF,
	                                            ISMS_APPROVAL_NONE, ISMS_APPROVAL_UNKNOWN};
	isms_approval_quarter q[ISMS_APPROVAL_QUARTERS];
	int counts[4][ISMS_APPROVAL_QUARTERS];
	char text[ISMS_APPROVAL_QUARTERS][16];
	const char *labels[ISMS_APPROVAL_QUARTERS];
	isms_chart_series series[] = {{"approved independently", C_OK, NULL, counts[0]},
	                              {"self-approved", C_MAJOR, NULL, counts[1]},
	                              {"no approval evidence", C_MINOR, NULL, counts[2]},
	                              {"approval unknown", C_OBS, NULL, counts[3]}};
	isms_chart c = {.id = "approvals",
	                .title = "Changes to documents in force by approval, per quarter",
	                .x_label = "Quarter",
	                .y_label = "Changes",
	                .categories = labels,
	                .n = ISMS_APPROVAL_QUARTERS,
	                .series = series,
	                .n_series = G_N_ELEMENTS(series),
	                .width = WIDE};
	char day[ISMS_DATE_BUFSIZE], hex[GIT_OID_HEXSZ + 1], *note;

	isms_approval_quarters(a, q);
	for (int i = 0; i < ISMS_APPROVAL_QUARTERS; i++) {
		snprintf(text[i], sizeof(text[i]), "%04d-Q%d", q[i].year % 10000,
		         q[i].quarter % 10);
		labels[i] = text[i];
		for (int k = 0; k < 4; k++)
			counts[k][i] = q[i].changes[order[k]];
	}
	if (a->config.has_approval_since)
		note = g_strdup_printf("Changes of text or review dates from %s (approval_since), "
		                       "by the date of the commit that brought them to the branch; "
		                       "a commit that changed several documents counts for each.",
		                       isms_date_format(a->config.approval_since, day));
	else if (a->approvals->first_evidence != ISMS_NO_COMMIT &&
	         !isms_date_known(isms_audit_commit(a, a->approvals->first_evidence)->date))
		note = g_strdup_printf(
		    "Changes of text or review dates from commit %.12s, the first with approval "
		    "evidence (its date unknown), by the date of the commit that brought them to "
		    "the branch; a commit that changed several documents counts for each.",
		    isms_audit_commit_hex(a, a->approvals->first_evidence, hex));
	else if (a->approvals->first_evidence != ISMS_NO_COMMIT)
		note = g_strdup_printf(
		    "Changes of text or review dates from %s, the first commit with approval "
		    "evidence, by the date of the commit that brought them to the branch; a "
		    "commit that changed several documents counts for each.",
		    isms_date_format(isms_audit_commit(a, a->approvals->first_evidence)->date,
		                     day));
	else
		note =
		    g_strdup("No commit shows approval evidence (a merge, an approval trailer, a "
		             "forge's merge of a request): no change is judged.");
	figure_start(
	    s, "Approvals: changes to documents in force per quarter (clauses 7.5.2 b, 5.3)", 1);
	isms_svg_bar_chart(s, &c);
	isms_svg_chart_table(s, &c);
	figure_end(s, note);
	g_free(note);
}

/* What a change did, in the order a reader expects. */
static const struct {
	unsigned bit;
	const char *word;
} changed_words[] = {{ISMS_CHANGED_ADDED, "added"},
                     {ISMS_CHANGED_TEXT, "text"},
                     {ISMS_CHANGED_REVIEW, "review date"},
                     {ISMS_CHANGED_VERSION, "version"},
                     {ISMS_CHANGED_IN_FORCE, "put in force"}};

/* One row per change of a document's approval trail. */
static void approval_rows(GString *s, const isms_audit *a, const isms_document *d)
{
	const GArray *changes = isms_approval_changes(a, d);
	guint start = isms_approval_trail_start(a, d);
	char hex[GIT_OID_HEXSZ + 1];

	for (guint i = start; changes && i < changes->len; i++) {
		const isms_doc_change *ch = &g_array_index(changes, isms_doc_change, i);
		const isms_commit_approval *ca = ch->approval;
		g_string_append(s, "<tr>");
		if (i == start) {
			g_string_append_printf(s, "<td rowspan=\"%u\"><code>",
			                       changes->len - start);
			put(s, d->path);
			g_string_append(s, "</code></td>");
		}
		g_string_append(s, "<td>");
		commit_id(s, isms_audit_commit_hex(a, ch->commit, hex));
		g_string_append(s, "<br>");
		date(s, isms_audit_commit(a, ch->commit)->date);
		g_string_append(s, "</td><td>");
		for (guint k = 0, n = 0; k < G_N_ELEMENTS(changed_words); k++)
			if (ch->what & changed_words[k].bit)
				g_string_append_printf(s, "%s%s", n++ ? ", " : "",
				                       changed_words[k].word);
		g_string_append_printf(s, "</td><td>%s", isms_change_kind_name(ca->kind));
		if (ca->pull_request)
			g_string_append_printf(s, " #%u", ca->pull_request);
		if (ca->is_signed)
			g_string_append(s, ", signed");
		g_string_append(s, "</td><td>");
		party_list(s, ca->authors);
		g_string_append(s, "</td><td>");
		party_list(s, ca->approvers);
		g_string_append_printf(s,
		                       "</td><td><span class=\"st st-%s\">%s</span>%s</td></tr>\n",
		                       approval_class(ca->state), approval_words(ca->state),
		                       isms_approval_change_judged(a, ch)
		                           ? ""
		                           : " <span class=\"muted\">(not judged)</span>");
	}
}

static void approvals(GString *s, const isms_audit *a)
{
	g_string_append(s, "<section class=\"part\" id=\"approvals\">\n<h2>Approval trail</h2>\n"
	                   "<div class=\"charts\">\n");
	approval_figure(s, a);
	g_string_append(
	    s, "</div>\n<p class=\"note\">For each controlled document (records and registers "
	       "aside), every change from the one that set its current version on: the commit "
	       "that brought it to the branch, its authors and approvers, and how each is known "
	       "(a merge, a trailer, a co-author). Changes before approvals are judged are marked "
	       "so.</p>\n"
	       "<table class=\"zebra approvals\">\n<thead><tr><th scope=\"col\">Document</th>"
	       "<th scope=\"col\">Commit</th><th scope=\"col\">Changed</th>"
	       "<th scope=\"col\">How</th><th scope=\"col\">Authors</th>"
	       "<th scope=\"col\">Approvers</th><th scope=\"col\">Approval</th></tr></thead>\n"
	       "<tbody>\n");
	for (guint i = 0; i < a->documents->len; i++)
		approval_rows(s, a, g_ptr_array_index(a->documents, i));
	g_string_append(s, "</tbody>\n</table>\n</section>\n");
}

/* ---- the pages --------------------------------------------------------------- */

int isms_report_html(const isms_audit *a, const isms_findings *fs, const isms_report_options *opts,
                     FILE *out)
{
	static const isms_report_options defaults = ISMS_REPORT_OPTIONS_INIT;
	GString *s = g_string_sized_new(256 * 1024);
	char day[ISMS_DATE_BUFSIZE], *name = g_path_get_basename(a->root), *title;
	int error;

	if (!opts)
		opts = &defaults;
	title = g_strdup_printf("ISMS audit of %s as of %s", name, isms_date_format(a->today, day));
	page_start(s, title);
	header(s, a, fs, opts);
	toc(s, fs);
	indicators(s, a, opts->trend);
	risks(s, a);
	findings(s, fs);
	waived(s, fs);
	coverage(s, a);
	approvals(s, a);
	documents(s, a);
	page_end(s);
	error = write_page(s, out);
	g_string_free(s, TRUE);
	g_free(title);
	g_free(name);
	return error;
}

int isms_trend_report_html(const isms_trend *t, FILE *out)
{
	GString *s = g_string_sized_new(64 * 1024);
	int error;

	page_start(s, "ISMS trend");
	g_string_append(s,
	                "<header id=\"summary\">\n<p class=\"kicker\">ISO/IEC 27001 "
	                "documentation audit</p>\n<h1>Trend</h1>\n<p class=\"lead\">Evidence of "
	                "continual improvement: the audit run as of the end of each period.</p>\n"
	                "</header>\n<div class=\"charts\">\n");
	trend_figure(s, t);
	g_string_append(s, "</div>\n");
	page_end(s);
	error = write_page(s, out);
	g_string_free(s, TRUE);
	return error;
}
