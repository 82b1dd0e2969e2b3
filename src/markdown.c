#include "isms/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <string.h>

#include "isms/error.h"

static void row_free(gpointer p)
{
	isms_md_row *r = p;

	g_ptr_array_free(r->cells, TRUE);
	g_free(r);
}

static void table_free(gpointer p)
{
	isms_md_table *t = p;

	g_ptr_array_free(t->header, TRUE);
	g_ptr_array_free(t->rows, TRUE);
	g_free(t);
}

GPtrArray *isms_md_tables_new(void)
{
	return g_ptr_array_new_with_free_func(table_free);
}

static int is_type(cmark_node *node, const char *type)
{
	return strcmp(cmark_node_get_type_string(node), type) == 0;
}

/* The plain text of a node's inline content. */
static char *cell_text(cmark_node *cell)
{
	GString *s = g_string_new(NULL);
	cmark_iter *it = cmark_iter_new(cell);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE: g_string_append(s, cmark_node_get_literal(n)); break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK: g_string_append_c(s, ' '); break;
		case CMARK_NODE_HTML_INLINE:
			/* `<br>` separates lines in a cell */
			if (g_ascii_strncasecmp(cmark_node_get_literal(n), "<br", 3) == 0)
				g_string_append_c(s, ' ');
			break;
		default: break;
		}
	}
	cmark_iter_free(it);
	g_strstrip(s->str);
	s->len = strlen(s->str);
	return g_string_free(s, FALSE);
}

static GPtrArray *row_cells(cmark_node *row, guint columns)
{
	GPtrArray *cells = g_ptr_array_new_with_free_func(g_free);

	for (cmark_node *c = cmark_node_first_child(row); c; c = cmark_node_next(c))
		if (is_type(c, "table_cell"))
			g_ptr_array_add(cells, cell_text(c));
	while (cells->len < columns)
		g_ptr_array_add(cells, g_strdup(""));
	return cells;
}

static isms_md_table *read_table(cmark_node *table, int offset)
{
	isms_md_table *t = g_new0(isms_md_table, 1);
	guint columns = cmark_gfm_extensions_get_table_columns(table);

	t->line = cmark_node_get_start_line(table) + offset;
	t->rows = g_ptr_array_new_with_free_func(row_free);
	for (cmark_node *r = cmark_node_first_child(table); r; r = cmark_node_next(r)) {
		if (!t->header) {
			t->header = row_cells(r, columns);
			t->line = cmark_node_get_start_line(r) + offset;
			continue;
		}
		isms_md_row *row = g_new0(isms_md_row, 1);
		row->line = cmark_node_get_start_line(r) + offset;
		row->cells = row_cells(r, columns);
		g_ptr_array_add(t->rows, row);
	}
	if (!t->header)
		t->header = g_ptr_array_new_with_free_func(g_free);
	return t;
}

/* The cells of a line that can be a table's delimiter row, or 0. A table
 * may sit in a block quote: `>` markers are skipped. */
static size_t delimiter_cells(const char *p, size_t n)
{
	size_t pipes = 0, dashes = 0, i = 0, end = n;

	while (i < end && (p[i] == ' ' || p[i] == '\t' || p[i] == '>'))
		i++;
	while (end > i && (p[end - 1] == ' ' || p[end - 1] == '\t'))
		end--;
	for (size_t k = i; k < end; k++) {
		if (p[k] == '|')
			pipes++;
		else if (p[k] == '-')
			dashes++;
		else if (p[k] != ':' && p[k] != ' ' && p[k] != '\t')
			return 0;
	}
	if (dashes == 0)
		return 0;
	/* `|a|b|`: the pipes at the ends open and close, the others separate */
	return pipes + 1 - (p[i] == '|') - (end - i > 1 && p[end - 1] == '|');
}

static int is_blank(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t')
			return 0;
	return 1;
}

/* The block quotes and list items a line opens or continues by its
 * markers at its start (`> > - 1. text` has four), counted up to
 * `stop`: each is a container cmark-gfm keeps open. */
static size_t line_nesting(const char *p, size_t n, size_t stop)
{
	size_t depth = 0, i = 0;

	while (depth < stop) {
		while (i < n && (p[i] == ' ' || p[i] == '\t'))
			i++;
		if (i < n && p[i] == '>') {
			i++;
		} else if (i < n && (p[i] == '-' || p[i] == '+' || p[i] == '*') &&
		           (i + 1 == n || p[i + 1] == ' ' || p[i + 1] == '\t')) {
			i++;
		} else {
			size_t d = i;
			while (d < n && d - i < 9 && p[d] >= '0' && p[d] <= '9')
				d++;
			if (d == i || d == n || (p[d] != '.' && p[d] != ')') ||
			    (d + 1 < n && p[d + 1] != ' ' && p[d + 1] != '\t'))
				break;
			i = d + 1;
		}
		depth++;
	}
	return depth;
}

/* What a byte can start in cmark-gfm's inline parser (emphasis, code,
 * links, entities, escapes, raw HTML), and the table cell separator. */
enum { INLINE_MARK = 1, PIPE = 2 };
static const unsigned char byte_class[256] = {
    ['\\'] = INLINE_MARK, ['`'] = INLINE_MARK, ['&'] = INLINE_MARK, ['_'] = INLINE_MARK,
    ['*'] = INLINE_MARK,  ['['] = INLINE_MARK, [']'] = INLINE_MARK, ['<'] = INLINE_MARK,
    ['!'] = INLINE_MARK,  ['|'] = PIPE,
};

static int over(int *line, int at, char **why, int kind, char *message)
{
	*line = at;
	*why = message;
	return kind;
}

/* Spans of the tables cmark-gfm can make: a delimiter row holding a pipe
 * opens one (a `---` line alone is a thematic break or a setext heading,
 * whatever the limits count it as), which runs to the next blank line. */
static void track_span(GArray *spans, isms_md_span *span, int *open, const char *buf,
                       const char *prev, const char *p, size_t n, int at, int first_line)
{
	size_t c;

	if (*open && !is_blank(p, n)) {
		span->rows++;
		return;
	}
	if (*open) {
		span->end = (size_t)(p - buf);
		g_array_append_val(spans, *span);
		*open = 0;
	}
	if (memchr(p, '|', n) && (c = delimiter_cells(p, n)) > 0) {
		*open = 1;
		span->line = at - 1 >= first_line ? at - 1 : at;
		span->start = (size_t)((at - 1 >= first_line ? prev : p) - buf);
		span->columns = (guint)MIN(c, G_MAXUINT);
		span->rows = 0;
	}
}

/* The limits scan, with the spans of the tables (when `spans` is not
 * NULL) and the elements of a text within the limits (when `out` is not). */
static int scan(const char *buf, size_t len, int first_line, GArray *spans, int *line, char **why,
                size_t *out)
{
	const char *p = buf, *end = buf + len, *prev = buf;
	size_t columns = 0, rows = 0, cells = 0, tables = 0, elements = 0;
	int at = first_line, table = 0, elements_at = 0, open = 0;
	isms_md_span span = {0};

	*why = NULL;
	if (out)
		*out = 0;
	while (p < end) {
		/* lines end as CommonMark says: LF, CR LF, or a CR alone */
		const char *nl = p;
		size_t marks = 0, pipes = 0;
		while (nl < end && *nl != '\n' && *nl != '\r') {
			unsigned char k = byte_class[(unsigned char)*nl++];
			marks += k & INLINE_MARK;
			pipes += k >> 1;
		}
		size_t n = (size_t)(nl - p);
		size_t c, depth = line_nesting(p, n, ISMS_MD_MAX_NESTING + 1);
		if (depth > ISMS_MD_MAX_NESTING)
			return over(
			    line, at, why, ISMS_MD_OVER_MARKDOWN,
			    g_strdup_printf("line %d nests more than %d block quotes and list "
			                    "items (the nesting limit)",
			                    at, ISMS_MD_MAX_NESTING));
		if (spans)
			track_span(spans, &span, &open, buf, prev, p, n, at, first_line);
		if (columns > 0 && !is_blank(p, n)) {
			rows++;
			cells += columns;
		} else if ((c = delimiter_cells(p, n)) > 0) {
			/* a table starts one line up, at its header */
			columns = c;
			rows = 0;
			table = at - 1 >= first_line ? at - 1 : at;
			cells += c;
			if (++tables > ISMS_MD_MAX_TABLES)
				return over(
				    line, table, why, ISMS_MD_OVER_TABLES,
				    g_strdup_printf("the table on line %d is one more than %d "
				                    "in one text (the table count limit)",
				                    table, ISMS_MD_MAX_TABLES));
		} else {
			columns = 0;
		}
		if (columns > ISMS_MD_MAX_COLUMNS)
			return over(
			    line, table, why, ISMS_MD_OVER_TABLES,
			    g_strdup_printf("the table on line %d has %zu columns, more than "
			                    "%d (the table column limit)",
			                    table, columns, ISMS_MD_MAX_COLUMNS));
		if (rows > ISMS_MD_MAX_ROWS)
			return over(
			    line, table, why, ISMS_MD_OVER_TABLES,
			    g_strdup_printf("the table on line %d has more than %d rows (the "
			                    "table row limit)",
			                    table, ISMS_MD_MAX_ROWS));
		if (cells > ISMS_MD_MAX_CELLS)
			return over(
			    line, table, why, ISMS_MD_OVER_TABLES,
			    g_strdup_printf("the tables up to line %d hold more than %d cells "
			                    "(the table cell limit, rows times columns)",
			                    at, ISMS_MD_MAX_CELLS));
		/* what cmark-gfm will allocate: a block or a line break and a text
		 * per line, a container per marker, a node and a text per inline
		 * mark, a cell per column of a row and a text between its pipes */
		elements += 2 + depth + 2 * marks + (columns > 0 ? columns + pipes : 0);
		if (elements > ISMS_MD_MAX_ELEMENTS && !elements_at)
			elements_at = at;
		prev = p;
		p = nl < end && *nl == '\r' && nl + 1 < end && nl[1] == '\n' ? nl + 2 : nl + 1;
		at++;
	}
	if (spans && open) {
		span.end = len;
		g_array_append_val(spans, span);
	}
	if (out)
		*out = elements;
	/* the table limits above name the table, so they are looked for to
	 * the end before this one */
	if (elements_at)
		return over(line, elements_at, why, ISMS_MD_OVER_MARKDOWN,
		            g_strdup_printf("the text up to line %d has more than %d Markdown "
		                            "elements (the element limit: lines, block quote and "
		                            "list markers, inline marks, table cells)",
		                            elements_at, ISMS_MD_MAX_ELEMENTS));
	return 0;
}

int isms_markdown_check_limits(const char *buf, size_t len, int first_line, int *line, char **why)
{
	return scan(buf, len, first_line, NULL, line, why, NULL);
}

int isms_markdown_measure(const char *buf, size_t len, int first_line, int *line, char **why,
                          size_t *elements)
{
	return scan(buf, len, first_line, NULL, line, why, elements);
}

int isms_markdown_scan(const char *buf, size_t len, int first_line, GArray *spans, int *line,
                       char **why)
{
	return scan(buf, len, first_line, spans, line, why, NULL);
}

int isms_markdown_measure_spans(const char *buf, size_t len, int first_line, GArray *spans,
                                int *line, char **why, size_t *elements)
{
	return scan(buf, len, first_line, spans, line, why, elements);
}

/* Parse with the table extension; the caller frees the document. */
static int parse(const char *buf, size_t len, cmark_node **out)
{
	cmark_syntax_extension *ext;
	cmark_parser *parser;
	char *why;
	int line;

	if (isms_markdown_check_limits(buf, len, 1, &line, &why) < 0) {
		int error = isms_error_set(ISMS_ERROR, "%s", why);
		g_free(why);
		return error;
	}
	cmark_gfm_core_extensions_ensure_registered();
	ext = cmark_find_syntax_extension("table");
	if (!ext || !(parser = cmark_parser_new(CMARK_OPT_DEFAULT)))
		return isms_error_set(ISMS_ERROR, "cannot set up the Markdown parser");
	cmark_parser_attach_syntax_extension(parser, ext);
	cmark_parser_feed(parser, buf, len);
	*out = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	return 0;
}

static void heading_free(gpointer p)
{
	isms_md_heading *h = p;

	g_free(h->text);
	g_free(h);
}

GPtrArray *isms_md_headings_new(void)
{
	return g_ptr_array_new_with_free_func(heading_free);
}

int isms_markdown_blocks(const char *buf, size_t len, int first_line, GPtrArray *tables,
                         GPtrArray *headings)
{
	cmark_node *doc = NULL;
	cmark_iter *it;
	cmark_event_type ev;
	int error;

	if ((error = parse(buf, len, &doc)) < 0)
		return error;
	/* headings are blocks at the top level of the document (or in a
	 * block quote or list item, which a record's template rarely uses) */
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (tables && is_type(n, "table")) {
			g_ptr_array_add(tables, read_table(n, first_line - 1));
		} else if (headings && cmark_node_get_type(n) == CMARK_NODE_HEADING) {
			isms_md_heading *h = g_new0(isms_md_heading, 1);
			h->line = cmark_node_get_start_line(n) + first_line - 1;
			h->level = cmark_node_get_heading_level(n);
			h->text = cell_text(n);
			g_ptr_array_add(headings, h);
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	return 0;
}

int isms_markdown_tables(const char *buf, size_t len, int first_line, GPtrArray *out)
{
	return isms_markdown_blocks(buf, len, first_line, out, NULL);
}

int isms_markdown_headings(const char *buf, size_t len, int first_line, GPtrArray *out)
{
	return isms_markdown_blocks(buf, len, first_line, NULL, out);
}

char *isms_markdown_inline_text(const char *text, size_t len)
{
	GString *para = g_string_sized_new(len + 2);
	cmark_node *doc;
	char *out;

	/* a leading letter makes the text one paragraph whatever it starts
	 * with: `1. Jane` or `- Jane` would otherwise open a list */
	g_string_append(para, "x ");
	g_string_append_len(para, text, (gssize)len);
	doc = cmark_parse_document(para->str, para->len, CMARK_OPT_DEFAULT);
	g_string_free(para, TRUE);
	if (!doc)
		return g_strndup(text, len);
	out = cell_text(doc);
	cmark_node_free(doc);
	if (out[0] == 'x') {
		size_t skip = out[1] == ' ' ? 2 : 1;
		memmove(out, out + skip, strlen(out + skip) + 1);
	}
	return g_strstrip(out);
}

/* isms_md_header_key() of ASCII text, into one allocation: every version of
 * every document has its keys matched, and most are ASCII. */
static char *ascii_header_key(const char *text, size_t n)
{
	char *out = g_malloc(n + 1), *o = out;
	int gap = 0;

	for (size_t i = 0; i < n; i++) {
		char c = text[i];
		if (g_ascii_isalnum(c)) {
			if (gap && o > out)
				*o++ = ' ';
			gap = 0;
			*o++ = g_ascii_tolower(c);
		} else {
			gap = 1;
		}
	}
	*o = '\0';
	return out;
}

char *isms_md_header_key(const char *text)
{
	GString *s;
	int gap = 0;
	size_t n = 0;

	while (text && text[n] && !(text[n] & 0x80))
		n++;
	if (text && !text[n])
		return ascii_header_key(text, n);
	s = g_string_new(NULL);

	for (const char *p = text; p && *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char_validated(p, -1);
		if (c == (gunichar)-1 || c == (gunichar)-2)
			break;
		if (g_unichar_isalnum(c)) {
			if (gap && s->len > 0)
				g_string_append_c(s, ' ');
			gap = 0;
			g_string_append_unichar(s, g_unichar_tolower(c));
		} else {
			gap = 1;
		}
	}
	return g_string_free(s, FALSE);
}
