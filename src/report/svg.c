/* Inline SVG charts for the HTML reports: bars, lines, their axes and tables. */
#include "report/svg.h"

#include <string.h>

#include "report/escape.h"

#define WIDTH         480 /* unless the chart asks for more */
#define HEIGHT        280
#define LEFT          56
#define RIGHT         16
#define BOTTOM        52
#define TABLE_COLUMNS 12 /* categories per data table: fits a printed page */
#define MAX_X_LABELS  12

void isms_svg_escape(GString *out, const char *s)
{
	char *valid = NULL;

	if (!s)
		return;
	if (!g_utf8_validate(s, -1, NULL))
		s = valid = g_utf8_make_valid(s, -1);
	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		switch (c) {
		case '&': g_string_append(out, "&amp;"); break;
		case '<': g_string_append(out, "&lt;"); break;
		case '>': g_string_append(out, "&gt;"); break;
		case '"': g_string_append(out, "&quot;"); break;
		case '\'': g_string_append(out, "&#39;"); break;
		default:
			/* control characters are parse errors in HTML, and a bidi
			 * override would reorder the text after it in the cell: show
			 * them as what they are */
			if (c != '\t' && c != '\n' && isms_report_unsafe_char(c))
				g_string_append(out, "\xef\xbf\xbd");
			else
				g_string_append_len(out, p, g_utf8_next_char(p) - p);
		}
	}
	g_free(valid);
}

/* Where the plot sits in the viewBox, and its value scale. */
typedef struct {
	int top, width, height; /* of the plot area, left at LEFT */
	int outer;              /* the viewBox width */
	long long ymax, step;   /* the axis runs 0..ymax in ticks of step */
} geom;

static int max_value(const isms_chart *c)
{
	int max = 0;

	for (size_t s = 0; s < c->n_series; s++)
		for (size_t i = 0; i < c->n; i++)
			if (c->series[s].values[i] != ISMS_CHART_NONE &&
			    c->series[s].values[i] > max)
				max = c->series[s].values[i];
	return max;
}

/* A tick step of 1, 2 or 5 times a power of ten giving at most five ticks
 * above zero, and the axis maximum as a whole number of steps (at least one). */
static void scale(int max, geom *g)
{
	static const long long mult[] = {1, 2, 5};

	for (long long p = 1;; p *= 10) {
		for (int k = 0; k < 3; k++) {
			long long step = mult[k] * p, ticks = max / step + (max % step != 0);
			if (ticks <= 5) {
				g->step = step;
				g->ymax = (ticks ? ticks : 1) * step;
				return;
			}
		}
	}
}

static geom layout(const isms_chart *c)
{
	geom g;

	g.top = c->n_series > 1 ? 44 : 20; /* room for the legend */
	g.outer = c->width > WIDTH ? c->width : WIDTH;
	g.width = g.outer - LEFT - RIGHT;
	g.height = HEIGHT - g.top - BOTTOM;
	scale(max_value(c), &g);
	return g;
}

static int y_of(const geom *g, long long v)
{
	return g->top + g->height - (int)(v * g->height / g->ymax);
}

/* The left edge of category i's slot. */
static int x_of(const isms_chart *c, const geom *g, size_t i)
{
	return LEFT + (int)(i * (size_t)g->width / c->n);
}

static void svg_start(GString *out, const isms_chart *c, const geom *g)
{
	g_string_append(out, "<svg class=\"chart chart-");
	isms_svg_escape(out, c->id);
	g_string_append(out, "\" id=\"chart-");
	isms_svg_escape(out, c->id);
	g_string_append(out, "\" role=\"img\" aria-label=\"");
	isms_svg_escape(out, c->title);
	g_string_append_printf(out,
	                       "\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
	                       "font-size=\"12\" fill=\"#1f2933\">\n<title>",
	                       g->outer, HEIGHT, g->outer, HEIGHT);
	isms_svg_escape(out, c->title);
	g_string_append(out, "</title>\n");
}

/* Gridlines with their values, the categories under the plot (thinned to
 * at most MAX_X_LABELS, always keeping the last: the audit date's) and the
 * axis titles. */
static void axes(GString *out, const isms_chart *c, const geom *g, int centred)
{
	size_t every = (c->n + MAX_X_LABELS - 1) / MAX_X_LABELS;
	int base = g->top + g->height;

	for (long long v = 0; v <= g->ymax; v += g->step) {
		int y = y_of(g, v);
		g_string_append_printf(
		    out,
		    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>"
		    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%lld</text>\n",
		    LEFT, y, LEFT + g->width, y, v ? "#d9e2ec" : "#52606d", LEFT - 6, y + 4, v);
	}
	for (size_t i = 0; i < c->n; i++) {
		int x = centred ? (x_of(c, g, i) + x_of(c, g, i + 1)) / 2 : x_of(c, g, i);
		if ((c->n - 1 - i) % (every ? every : 1) != 0)
			continue;
		g_string_append_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">", x,
		                       base + 16);
		isms_svg_escape(out, c->categories[i]);
		g_string_append(out, "</text>\n");
	}
	g_string_append_printf(out,
	                       "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#52606d\">",
	                       LEFT + g->width / 2, HEIGHT - 10);
	isms_svg_escape(out, c->x_label);
	g_string_append_printf(out,
	                       "</text>\n<text transform=\"rotate(-90)\" x=\"%d\" y=\"16\" "
	                       "text-anchor=\"middle\" fill=\"#52606d\">",
	                       -(g->top + g->height / 2));
	isms_svg_escape(out, c->y_label);
	g_string_append(out, "</text>\n");
}

/* One entry per series above the plot: a swatch (a dashed stroke for line
 * charts, so that the series stay apart in a grey print) and the name. */
static void legend(GString *out, const isms_chart *c, int lines)
{
	int x = LEFT;

	if (c->n_series < 2)
		return;
	for (size_t s = 0; s < c->n_series; s++) {
		const isms_chart_series *sr = &c->series[s];
		if (lines)
			g_string_append_printf(
			    out,
			    "<line x1=\"%d\" y1=\"16\" x2=\"%d\" y2=\"16\" stroke=\"%s\" "
			    "stroke-width=\"2\"%s%s%s/>",
			    x, x + 20, sr->color, sr->dash ? " stroke-dasharray=\"" : "",
			    sr->dash ? sr->dash : "", sr->dash ? "\"" : "");
		else
			g_string_append_printf(out,
			                       "<rect x=\"%d\" y=\"10\" width=\"12\" height=\"12\" "
			                       "fill=\"%s\"/>",
			                       x, sr->color);
		g_string_append_printf(out, "<text x=\"%d\" y=\"20\">", x + (lines ? 24 : 16));
		isms_svg_escape(out, sr->name);
		g_string_append(out, "</text>\n");
		x += (lines ? 40 : 30) + 7 * (int)g_utf8_strlen(sr->name, -1);
	}
}

/* A tooltip on screen; the table under the chart has the same text. */
static void tooltip(GString *out, const isms_chart *c, size_t s, size_t i, int v)
{
	g_string_append(out, "<title>");
	if (c->n_series > 1) {
		isms_svg_escape(out, c->series[s].name);
		g_string_append(out, ", ");
	}
	isms_svg_escape(out, c->categories[i]);
	g_string_append_printf(out, ": %d</title>", v);
}

void isms_svg_bar_chart(GString *out, const isms_chart *c)
{
	geom g = layout(c);
	/* few bars: label zeros too, so that every value is written on the chart */
	int label_zero = c->n * c->n_series <= 12;

	svg_start(out, c, &g);
	legend(out, c, 0);
	axes(out, c, &g, 1);
	for (size_t i = 0; i < c->n; i++) {
		int slot = x_of(c, &g, i + 1) - x_of(c, &g, i);
		int inner = slot * 3 / 4;
		int bw = c->n_series ? inner / (int)c->n_series : 0;
		for (size_t s = 0; s < c->n_series; s++) {
			int v = c->series[s].values[i];
			int x = x_of(c, &g, i) + (slot - inner) / 2 + (int)s * bw, y;
			const char *color = c->bar_colors ? c->bar_colors[i] : c->series[s].color;
			if (v == ISMS_CHART_NONE)
				continue;
			y = y_of(&g, v);
			g_string_append_printf(out,
			                       "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
			                       "fill=\"%s\">",
			                       x, y, bw > 1 ? bw - 1 : 1, g.top + g.height - y,
			                       color);
			tooltip(out, c, s, i, v);
			g_string_append(out, "</rect>");
			if (v > 0 || label_zero)
				g_string_append_printf(
				    out,
				    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
				    "font-size=\"11\">%d</text>",
				    x + bw / 2, y - 4, v);
			g_string_append_c(out, '\n');
		}
	}
	g_string_append(out, "</svg>\n");
}

/* The line of one series: a move to each point after a gap, else a line
 * to it. Empty when the series has no value at all. */
static void line_path(GString *d, const isms_chart *c, const geom *g, const isms_chart_series *sr)
{
	int pen = 0;

	for (size_t i = 0; i < c->n; i++) {
		if (sr->values[i] == ISMS_CHART_NONE) {
			pen = 0;
			continue;
		}
		g_string_append_printf(d, "%s%c%d %d", d->len ? " " : "", pen ? 'L' : 'M',
		                       (x_of(c, g, i) + x_of(c, g, i + 1)) / 2,
		                       y_of(g, sr->values[i]));
		pen = 1;
	}
}

void isms_svg_line_chart(GString *out, const isms_chart *c)
{
	geom g = layout(c);
	GString *d = g_string_new(NULL);

	svg_start(out, c, &g);
	legend(out, c, 1);
	axes(out, c, &g, 1);
	for (size_t s = 0; s < c->n_series; s++) {
		const isms_chart_series *sr = &c->series[s];
		g_string_truncate(d, 0);
		line_path(d, c, &g, sr);
		if (d->len)
			g_string_append_printf(out,
			                       "<path d=\"%s\" fill=\"none\" stroke=\"%s\" "
			                       "stroke-width=\"2\"%s%s%s/>\n",
			                       d->str, sr->color,
			                       sr->dash ? " stroke-dasharray=\"" : "",
			                       sr->dash ? sr->dash : "", sr->dash ? "\"" : "");
		for (size_t i = 0; i < c->n; i++) {
			if (sr->values[i] == ISMS_CHART_NONE)
				continue;
			g_string_append_printf(out,
			                       "<circle cx=\"%d\" cy=\"%d\" r=\"3\" fill=\"%s\">",
			                       (x_of(c, &g, i) + x_of(c, &g, i + 1)) / 2,
			                       y_of(&g, sr->values[i]), sr->color);
			tooltip(out, c, s, i, sr->values[i]);
			g_string_append(out, "</circle>");
		}
		g_string_append_c(out, '\n');
	}
	g_string_append(out, "</svg>\n");
	g_string_free(d, TRUE);
}

#define HEAT_LEFT 100 /* room for the row names */
#define HEAT_CELL 56  /* the largest cell */

void isms_svg_heat_map(GString *out, const isms_chart *c, const char *const *colors)
{
	geom g = {20, 0, 0, WIDTH, 1, 1};
	size_t rows = c->n_series, cols = c->n;
	int cell = HEAT_CELL, top = 20;

	if (cols > 0 && (int)((WIDTH - HEAT_LEFT - RIGHT) / cols) < cell)
		cell = (int)((WIDTH - HEAT_LEFT - RIGHT) / cols);
	if (rows > 0 && (int)((HEIGHT - top - BOTTOM) / rows) < cell)
		cell = (int)((HEIGHT - top - BOTTOM) / rows);
	svg_start(out, c, &g);
	for (size_t r = 0; r < rows; r++) {
		int y = top + (int)r * cell;
		g_string_append_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">",
		                       HEAT_LEFT - 8, y + cell / 2 + 4);
		isms_svg_escape(out, c->series[r].name);
		g_string_append(out, "</text>\n");
		for (size_t i = 0; i < cols; i++) {
			int x = HEAT_LEFT + (int)i * cell, v = c->series[r].values[i];
			g_string_append_printf(out,
			                       "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
			                       "fill=\"%s\" stroke=\"#ffffff\" stroke-width=\"2\">",
			                       x, y, cell, cell, colors[r * cols + i]);
			tooltip(out, c, r, i, v == ISMS_CHART_NONE ? 0 : v);
			g_string_append(out, "</rect>");
			if (v != ISMS_CHART_NONE && v > 0)
				g_string_append_printf(
				    out,
				    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
				    "font-size=\"15\" font-weight=\"700\">%d</text>",
				    x + cell / 2, y + cell / 2 + 5, v);
			g_string_append_c(out, '\n');
		}
	}
	for (size_t i = 0; i < cols; i++) {
		g_string_append_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">",
		                       HEAT_LEFT + (int)i * cell + cell / 2,
		                       top + (int)rows * cell + 16);
		isms_svg_escape(out, c->categories[i]);
		g_string_append(out, "</text>\n");
	}
	g_string_append_printf(out,
	                       "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#52606d\">",
	                       HEAT_LEFT + (int)cols * cell / 2, top + (int)rows * cell + 36);
	isms_svg_escape(out, c->x_label);
	g_string_append(out, "</text>\n</svg>\n");
}

void isms_svg_chart_table(GString *out, const isms_chart *c)
{
	for (size_t start = 0; start < c->n; start += TABLE_COLUMNS) {
		size_t end = MIN(c->n, start + TABLE_COLUMNS);
		g_string_append(out, "<table class=\"chart-data\">\n<thead><tr><th scope=\"col\">");
		isms_svg_escape(out, c->x_label);
		g_string_append(out, "</th>");
		for (size_t i = start; i < end; i++) {
			g_string_append(out, "<th scope=\"col\" class=\"num\">");
			isms_svg_escape(out, c->categories[i]);
			g_string_append(out, "</th>");
		}
		g_string_append(out, "</tr></thead>\n<tbody>\n");
		for (size_t s = 0; s < c->n_series; s++) {
			g_string_append(out, "<tr><th scope=\"row\">");
			isms_svg_escape(out, c->series[s].name);
			g_string_append(out, "</th>");
			for (size_t i = start; i < end; i++) {
				int v = c->series[s].values[i];
				if (v == ISMS_CHART_NONE)
					g_string_append(out, "<td class=\"num\">\xe2\x80\x93</td>");
				else
					g_string_append_printf(out, "<td class=\"num\">%d</td>", v);
			}
			g_string_append(out, "</tr>\n");
		}
		g_string_append(out, "</tbody>\n</table>\n");
	}
}
