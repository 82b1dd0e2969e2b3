#ifndef ISMS_REPORT_SVG_H
#define ISMS_REPORT_SVG_H

#include <glib.h>
#include <limits.h>
#include <stddef.h>

/*
 * Charts for the HTML reports, drawn as inline SVG in a GString: a bar chart
 * (one or more series per category), a line chart, and the same numbers as
 * an HTML table so that a printed page or a screen reader has them as text.
 * Geometry is in whole pixels of a fixed viewBox (printf of a double would
 * follow the locale's decimal comma); the SVG scales with the page.
 */

#define ISMS_CHART_NONE INT_MIN /* no value here: a gap in a line, "-" in the table */

typedef struct {
	const char *name;  /* legend and table row */
	const char *color; /* "#rrggbb" */
	const char *dash;  /* line charts: stroke-dasharray, or NULL for a solid line */
	const int *values; /* one per category, non-negative or ISMS_CHART_NONE */
} isms_chart_series;

typedef struct {
	const char *id;      /* the <svg> id and class "chart chart-ID" */
	const char *title;   /* <title> and aria-label */
	const char *x_label; /* axis titles */
	const char *y_label;
	const char *const *categories; /* x-axis labels, n of them */
	size_t n;
	const isms_chart_series *series;
	size_t n_series;
	const char *const *bar_colors; /* one-series bar charts: a colour per bar, or NULL */
	int width;                     /* of the viewBox: 0 for 480, more for long series */
} isms_chart;

/* Append `s` escaped for HTML text and attribute values (& < > " '),
 * invalid UTF-8 replaced by U+FFFD, and so are the characters unsafe to
 * show (isms_report_unsafe_char: controls, line separators, bidirectional
 * overrides) other than tab and newline. NULL appends nothing. Inline SVG
 * is HTML markup, so this one function serves both. */
void isms_svg_escape(GString *out, const char *s);

/* A grouped bar chart: the series side by side in each category, each bar
 * labelled with its value. */
void isms_svg_bar_chart(GString *out, const isms_chart *c);

/* A line chart with a marker at each point; ISMS_CHART_NONE breaks the line. */
void isms_svg_line_chart(GString *out, const isms_chart *c);

/* A heat map: a grid with a column per category and a row per series (the
 * first series on top, named at its left), each cell filled with
 * `colors[row * n + column]` and labelled with its value when it is not
 * zero. The x axis title goes under the grid. */
void isms_svg_heat_map(GString *out, const isms_chart *c, const char *const *colors);

/* The chart's numbers as tables of at most 12 categories each: a header row
 * of categories, a row per series. */
void isms_svg_chart_table(GString *out, const isms_chart *c);

#endif
