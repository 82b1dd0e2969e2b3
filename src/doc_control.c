/* Document control read from the body: the key lines of the header block,
 * document-control tables and the version history. Tables are read by
 * cmark-gfm, each handed over on its own, and only those that can be
 * document control: a register of 100,000 rows is never parsed here. */
#include "isms/doc_control.h"

#include <string.h>

#include "isms/markdown.h"

/* Lines looked back from a table for the heading it sits under. */
#define HEADING_LOOKBACK 50

/* A key longer than this is prose, not a key. */
#define MAX_KEY_BYTES 60

/* Headings of a document-control table, and of a version history, as
 * header keys: a heading is one of them, or starts with one and a space
 * ("Document Control and Approval"), after any section number. */
static const char *const control_headings[] = {"document control",
                                               "document information",
                                               "document details",
                                               "document properties",
                                               "document metadata",
                                               "document info",
                                               "metadata",
                                               "control information",
                                               NULL};
static const char *const history_headings[] = {
    "version history", "revision history",  "change history",   "document history",
    "version control", "change log",        "changelog",        "amendment history",
    "revision log",    "record of changes", "document changes", "versions",
    "change record",   "revisions",         "release history",  NULL};

/* Header cells of the key and value columns of a Field | Value table. */
static const char *const key_words[] = {
    "field", "property", "item",  "attribute", "key",        "parameter",      "name",
    "entry", "element",  "label", "metadata",  "field name", "attribute name", NULL};
static const char *const value_words[] = {"value",   "values",      "detail",  "details",
                                          "content", "description", "setting", "data",
                                          "entry",   "information", NULL};

/* Header cells of a version history's version and date columns. Not
 * "issue": an issues register has an Issue column. */
static const char *const version_words[] = {
    "version", "revision",        "rev",         "ver",     "version no", "version number",
    "rev no",  "revision number", "revision no", "edition", NULL};
static const char *const date_words[] = {"date", "when", "issued", "released", "published", NULL};

static void pair_free(gpointer p)
{
	isms_dc_pair *pr = p;

	g_free(pr->key);
	g_free(pr->norm);
	g_free(pr->value);
	g_free(pr);
}

GPtrArray *isms_dc_pairs_new(void)
{
	return g_ptr_array_new_with_free_func(pair_free);
}

static int is_word_in(const char *key, const char *const *words)
{
	for (const char *const *w = words; *w; w++)
		if (strcmp(key, *w) == 0)
			return 1;
	return 0;
}

/* Whether a heading (as a header key) is one of `phrases`, or starts with
 * one followed by more words; a leading section number ("4 2") is skipped. */
static int heading_is(const char *key, const char *const *phrases)
{
	while (g_ascii_isdigit(*key)) {
		while (g_ascii_isdigit(*key))
			key++;
		while (*key == ' ')
			key++;
	}
	for (const char *const *p = phrases; *p; p++) {
		size_t n = strlen(*p);
		if (strncmp(key, *p, n) == 0 && (key[n] == '\0' || key[n] == ' '))
			return 1;
	}
	return 0;
}

/* ---- pairs ---------------------------------------------------------------- */

static int has_markup(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strchr("*_`[<&\\~", s[i]))
			return 1;
	return 0;
}

/* A key as shown: its plain text, leading emoji and marks and a trailing
 * colon dropped. Caller frees. */
static char *display_key(const char *s, size_t n)
{
	char *t = has_markup(s, n) ? isms_markdown_inline_text(s, n) : g_strndup(s, n);
	char *p = t;
	size_t len;

	while (*p) {
		gunichar c = g_utf8_get_char_validated(p, -1);
		if (c == (gunichar)-1 || c == (gunichar)-2 || g_unichar_isalnum(c))
			break;
		p = g_utf8_next_char(p);
	}
	memmove(t, p, strlen(p) + 1);
	len = strlen(t);
	while (len > 0 && (t[len - 1] == ':' || t[len - 1] == ' ' || t[len - 1] == '\t'))
		t[--len] = '\0';
	return t;
}

/* A value as plain text, without a trailing hard break. Caller frees. */
static char *plain_value(const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\\'))
		n--;
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	return has_markup(s, n) ? isms_markdown_inline_text(s, n) : g_strndup(s, n);
}

static void add_pair(GPtrArray *out, isms_dc_kind kind, int line, int plain, const char *key,
                     size_t key_len, char *value)
{
	isms_dc_pair *p;
	char *shown = display_key(key, key_len);
	char *norm = isms_md_header_key(shown);

	if (!*norm) {
		g_free(shown);
		g_free(norm);
		g_free(value);
		return;
	}
	p = g_new0(isms_dc_pair, 1);
	p->kind = kind;
	p->line = line;
	p->plain = plain;
	p->key = shown;
	p->norm = norm;
	p->value = value;
	g_ptr_array_add(out, p);
}

/* ---- key lines -------------------------------------------------------------- */

/* The length of a run of `mark` (at most 3) at s, and where its closing
 * run starts in (s, n), or 0. */
static size_t closing_run(const char *s, size_t n, size_t *run)
{
	size_t m = 0;

	while (m < n && m < 3 && s[m] == s[0])
		m++;
	*run = m;
	for (size_t k = m + 1; k + m <= n; k++) {
		size_t j = 0;
		while (j < m && s[k + j] == s[0])
			j++;
		if (j == m)
			return k;
	}
	return 0;
}

/* Where a further `**Key:**` (or `**Key**:`) starts in a value, or n. */
static size_t next_bold_key(const char *v, size_t n)
{
	for (size_t k = 1; k + 1 < n; k++) {
		size_t run, close, end;
		if (!((v[k] == '*' || v[k] == '_') && v[k + 1] == v[k] &&
		      (v[k - 1] == ' ' || v[k - 1] == '\t')))
			continue;
		if ((close = closing_run(v + k, n - k, &run)) == 0)
			continue;
		end = close;
		while (end > run && v[k + end - 1] == ' ')
			end--;
		if ((end > run && v[k + end - 1] == ':') ||
		    (k + close + run < n && v[k + close + run] == ':'))
			return k;
	}
	return n;
}

/* One `Key: value` or `**Key:** value` segment of a key line, and any
 * further bold pairs in its value. */
static void read_segment(const char *s, size_t n, int line, GPtrArray *out)
{
	const char *key, *value;
	size_t key_len, value_len, cut;
	int plain = 0;

	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0)
		return;
	if (*s == '*' || *s == '_') {
		size_t run, close = closing_run(s, n, &run), end;
		if (close == 0)
			return;
		key = s + run;
		end = close;
		while (end > run && (s[end - 1] == ' ' || s[end - 1] == '\t'))
			end--;
		value = s + close + run;
		value_len = n - close - run;
		if (end > run && s[end - 1] == ':') {
			key_len = end - 1 - run;
		} else {
			while (value_len > 0 && *value == ' ') {
				value++;
				value_len--;
			}
			if (value_len == 0 || *value != ':')
				return;
			value++;
			value_len--;
			key_len = end - run;
		}
	} else {
		const char *colon = memchr(s, ':', n);
		if (!colon || colon == s || (size_t)(colon - s) > MAX_KEY_BYTES)
			return;
		key = s;
		key_len = (size_t)(colon - s);
		value = colon + 1;
		value_len = n - key_len - 1;
		/* a URL, a time of day or a key written in Markdown is no plain key */
		if ((value_len > 0 && *value == '/') || g_ascii_isdigit(colon[-1]))
			return;
		for (size_t i = 0; i < key_len; i++)
			if (strchr("*`[]<>|#", key[i]))
				return;
		plain = 1;
	}
	cut = next_bold_key(value, value_len);
	{
		char *v = plain_value(value, cut);
		if (plain && !*v)
			g_free(v); /* `Owner:` over a list is a label */
		else
			add_pair(out, ISMS_DC_LINE, line, plain, key, key_len, v);
	}
	if (cut < value_len)
		read_segment(value + cut, value_len - cut, line, out);
}

/* The length of a separator of pairs at s (` | `, `<br>`, ` · `), or 0. */
static size_t separator(const char *s, size_t n, size_t i)
{
	if (s[i] == '|' && ((i > 0 && s[i - 1] == ' ') || (i + 1 < n && s[i + 1] == ' ')))
		return 1;
	if (s[i] == '<' && n - i >= 4 && g_ascii_strncasecmp(s + i, "<br", 3) == 0) {
		const char *gt = memchr(s + i, '>', n - i);
		if (gt && gt - (s + i) <= 6)
			return (size_t)(gt - (s + i)) + 1;
	}
	if (i > 0 && s[i - 1] == ' ') {
		static const char *const dots[] = {"\xc2\xb7 ", "\xe2\x80\xa2 ", NULL}; /* · • */
		for (const char *const *d = dots; *d; d++)
			if (n - i >= strlen(*d) && memcmp(s + i, *d, strlen(*d)) == 0)
				return strlen(*d) - 1;
	}
	return 0;
}

static void read_key_line(const char *p, size_t n, int line, GPtrArray *out)
{
	size_t i = 0, from;

	for (;;) {
		while (i < n && (p[i] == ' ' || p[i] == '\t'))
			i++;
		if (i < n && p[i] == '>')
			i++;
		else
			break;
	}
	if (i + 1 < n && strchr("-*+", p[i]) && (p[i + 1] == ' ' || p[i + 1] == '\t')) {
		i += 2;
	} else {
		size_t d = i;
		while (d < n && d - i < 9 && g_ascii_isdigit(p[d]))
			d++;
		if (d > i && d + 1 < n && (p[d] == '.' || p[d] == ')') && p[d + 1] == ' ')
			i = d + 2;
	}
	if (i >= n || p[i] == '|' || p[i] == '<' || !memchr(p + i, ':', n - i))
		return;
	from = i;
	while (i < n) {
		size_t sep = separator(p, n, i);
		if (sep == 0) {
			i++;
			continue;
		}
		read_segment(p + from, i - from, line, out);
		i += sep;
		from = i;
	}
	read_segment(p + from, n - from, line, out);
}

/* ---- lines ---------------------------------------------------------------- */

/* The end of the line at p (its '\n' or '\r', or end) and the next line. */
static const char *line_end(const char *p, const char *end, const char **next)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p)), *cr;

	if (!nl)
		nl = end;
	if ((cr = memchr(p, '\r', (size_t)(nl - p))) != NULL)
		nl = cr;
	*next = nl < end && *nl == '\r' && nl + 1 < end && nl[1] == '\n' ? nl + 2
	        : nl < end                                               ? nl + 1
	                                                                 : end;
	return nl;
}

/* The level of an ATX heading line, or 0. */
static int atx_level(const char *p, size_t n)
{
	size_t i = 0, h = 0;

	while (i < n && i < 3 && p[i] == ' ')
		i++;
	while (i < n && p[i] == '#')
		h++, i++;
	if (h == 0 || h > 6)
		return 0;
	return i == n || p[i] == ' ' || p[i] == '\t' ? (int)h : 0;
}

static int is_fence(const char *p, size_t n)
{
	size_t i = 0;

	while (i < n && i < 3 && p[i] == ' ')
		i++;
	return n - i >= 3 && (memcmp(p + i, "```", 3) == 0 || memcmp(p + i, "~~~", 3) == 0);
}

static int is_blank(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t')
			return 0;
	return 1;
}

/* A setext underline: `===` or `---` alone. */
static int is_underline(const char *p, size_t n)
{
	size_t i = 0, marks = 0;

	while (i < n && i < 3 && p[i] == ' ')
		i++;
	if (i == n || (p[i] != '=' && p[i] != '-'))
		return 0;
	for (char c = p[i]; i < n && p[i] == c; i++)
		marks++;
	return is_blank(p + i, n - i) && (p[i - 1] == '=' || marks >= 2);
}

/*
 * Read the key lines of the header block into `out`; return the offset
 * where the block ends (its first `##` heading, or after
 * ISMS_DC_HEADER_LINES lines).
 */
static size_t read_header_block(const char *buf, size_t len, int first_line, GPtrArray *out)
{
	const char *p = buf, *end = buf + len, *next;
	int fenced = 0, comment = 0, yaml = 0;

	for (int k = 0; p < end && k < ISMS_DC_HEADER_LINES; k++, p = next) {
		const char *nl = line_end(p, end, &next);
		size_t n = (size_t)(nl - p);
		/* a leading `---` block is front matter that could not be read
		 * (not closed, or lines ended by CR alone): YAML, not key lines */
		if (k == 0 && n == 3 && memcmp(p, "---", 3) == 0) {
			yaml = 1;
			continue;
		}
		if (yaml) {
			yaml = !(n == 3 && (memcmp(p, "---", 3) == 0 || memcmp(p, "...", 3) == 0));
			continue;
		}
		if (is_fence(p, n)) {
			fenced = !fenced;
			continue;
		}
		if (fenced)
			continue;
		if (comment || (n >= 4 && memcmp(p, "<!--", 4) == 0)) {
			comment = !g_strstr_len(p, (gssize)n, "-->");
			continue;
		}
		if (atx_level(p, n) >= 2)
			return (size_t)(p - buf);
		if (atx_level(p, n) == 0 && memchr(p, ':', n))
			read_key_line(p, n, first_line + k, out);
	}
	return (size_t)(p - buf);
}

/*
 * The heading a table at `start` sits under, as a header key (caller
 * frees), or NULL: the nearest ATX or setext heading within
 * HEADING_LOOKBACK lines above it.
 */
static char *heading_above(const char *buf, size_t start)
{
	const char *stop = buf + start, *below = NULL;

	for (int k = 0; stop > buf && k < HEADING_LOOKBACK; k++) {
		/* the line that ends just before `stop` */
		const char *e = stop - 1, *b;
		if (e > buf && *e == '\n' && e[-1] == '\r')
			e--;
		b = e;
		while (b > buf && b[-1] != '\n' && b[-1] != '\r')
			b--;
		size_t n = (size_t)(e - b);
		if (atx_level(b, n) > 0) {
			char *line = g_strndup(b, n), *key = isms_md_header_key(line);
			g_free(line);
			return key;
		}
		if (below && is_underline(below, (size_t)(stop - below)) && !is_blank(b, n)) {
			char *line = g_strndup(b, n), *key = isms_md_header_key(line);
			g_free(line);
			return key;
		}
		below = b;
		stop = b;
	}
	return NULL;
}

/* ---- tables --------------------------------------------------------------- */

static int column_of(const isms_md_table *t, const char *const *words, int contains_date)
{
	for (guint c = 0; c < t->header->len; c++) {
		char *key = isms_md_header_key(g_ptr_array_index(t->header, c));
		int hit =
		    is_word_in(key, words) ||
		    (contains_date && (g_str_has_prefix(key, "date ") ||
		                       g_str_has_suffix(key, " date") || strstr(key, " date ")));
		g_free(key);
		if (hit)
			return (int)c;
	}
	return -1;
}

static const char *cell(const isms_md_row *r, int c)
{
	return c >= 0 && (guint)c < r->cells->len ? g_ptr_array_index(r->cells, c) : "";
}

/* Whether a cell holds a version number: a digit first, after a `v` or a
 * version word (`v1.2`, `Version 3`, `Rev. 2`), not `NC-2024-01`. */
static int is_version(const char *text)
{
	static const char *const prefixes[] = {"version", "revision", "rev", "ver", "v", NULL};
	const char *p = text;

	while (*p == ' ')
		p++;
	for (const char *const *w = prefixes; *w; w++)
		if (g_ascii_strncasecmp(p, *w, strlen(*w)) == 0) {
			p += strlen(*w);
			break;
		}
	while (*p == ' ' || *p == '.')
		p++;
	return g_ascii_isdigit(*p);
}

/* A version history: the row of the highest version. Returns whether the
 * table is one (a version column, and a date column or a history
 * heading). */
static int read_history(const isms_md_table *t, int by_heading, GPtrArray *out)
{
	int vc = column_of(t, version_words, 0), dc = column_of(t, date_words, 1);
	const isms_md_row *best = NULL;

	if (vc < 0 || (dc < 0 && !by_heading) || vc == dc)
		return 0;
	for (guint i = 0; i < t->rows->len; i++) {
		const isms_md_row *r = g_ptr_array_index(t->rows, i);
		if (is_version(cell(r, vc)) &&
		    (!best || isms_version_cmp(cell(r, vc), cell(best, vc)) > 0))
			best = r;
	}
	if (!best)
		return 1;
	{
		const char *key = g_ptr_array_index(t->header, vc);
		add_pair(out, ISMS_DC_HISTORY_VERSION, best->line, 0, key, strlen(key),
		         g_strdup(cell(best, vc)));
	}
	if (dc >= 0 && *cell(best, dc)) {
		const char *key = g_ptr_array_index(t->header, dc);
		add_pair(out, ISMS_DC_HISTORY_DATE, best->line, 0, key, strlen(key),
		         g_strdup(cell(best, dc)));
	}
	return 1;
}

/* A two-column document-control table: each row a key and its value; the
 * header row too, unless it holds header words (Field | Value) or
 * nothing. */
static void read_control(const isms_md_table *t, GPtrArray *out)
{
	const char *h0 = g_ptr_array_index(t->header, 0), *h1 = g_ptr_array_index(t->header, 1);
	char *k0 = isms_md_header_key(h0), *k1 = isms_md_header_key(h1);

	if ((*k0 || *k1) && !is_word_in(k0, key_words) && !is_word_in(k1, value_words))
		add_pair(out, ISMS_DC_TABLE, t->line, 0, h0, strlen(h0), g_strdup(h1));
	g_free(k0);
	g_free(k1);
	for (guint i = 0; i < t->rows->len; i++) {
		const isms_md_row *r = g_ptr_array_index(t->rows, i);
		const char *key = cell(r, 0);
		if (*key)
			add_pair(out, ISMS_DC_TABLE, r->line, 0, key, strlen(key),
			         g_strdup(cell(r, 1)));
	}
}

/* Whether a header row may be a version history's, before parsing it: it
 * has a version word and a date word, as words ("Review date" is
 * neither). */
static int looks_historic(const char *p, size_t n)
{
	char *line = g_strndup(p, n), *key = isms_md_header_key(line);
	char **words = g_strsplit(key, " ", -1);
	int version = 0, date = 0;

	for (char **w = words; *w; w++) {
		version |= is_word_in(*w, version_words);
		date |= is_word_in(*w, date_words);
	}
	g_strfreev(words);
	g_free(key);
	g_free(line);
	return version && date;
}

static void read_tables(const char *buf, size_t len, const GArray *spans, size_t block_end,
                        GPtrArray *control, GPtrArray *history)
{
	int have_history = 0;

	for (guint i = 0; spans && i < spans->len; i++) {
		const isms_md_span *s = &g_array_index(spans, isms_md_span, i);
		const char *next, *nl;
		char *heading;
		int in_block, control_heading, history_heading, maybe_history, maybe_control;
		GPtrArray *tables;
		if (s->columns < 2 || s->rows > ISMS_DC_MAX_ROWS || s->end > len ||
		    s->start >= s->end)
			continue;
		nl = line_end(buf + s->start, buf + s->end, &next);
		heading = heading_above(buf, s->start);
		in_block = s->start < block_end;
		control_heading = heading && heading_is(heading, control_headings);
		history_heading = heading && heading_is(heading, history_headings);
		g_free(heading);
		maybe_history = !have_history &&
		                (history_heading ||
		                 looks_historic(buf + s->start, (size_t)(nl - buf) - s->start));
		maybe_control = s->columns == 2 && (control_heading || in_block);
		if (!maybe_history && !maybe_control)
			continue;
		tables = isms_md_tables_new();
		if (isms_markdown_tables(buf + s->start, s->end - s->start, s->line, tables) == 0 &&
		    tables->len > 0) {
			const isms_md_table *t = g_ptr_array_index(tables, 0);
			if (maybe_history && read_history(t, history_heading, history))
				have_history = 1;
			else if (maybe_control && t->header->len == 2)
				read_control(t, control);
		}
		g_ptr_array_free(tables, TRUE);
	}
}

void isms_doc_control_read(const char *buf, size_t len, int first_line, const GArray *spans,
                           GPtrArray *out)
{
	GPtrArray *lines = g_ptr_array_new(), *history = g_ptr_array_new();
	size_t block_end = read_header_block(buf, len, first_line, lines);

	/* in the order of precedence: tables, key lines, the history */
	read_tables(buf, len, spans, block_end, out, history);
	for (guint i = 0; i < lines->len; i++)
		g_ptr_array_add(out, g_ptr_array_index(lines, i));
	for (guint i = 0; i < history->len; i++)
		g_ptr_array_add(out, g_ptr_array_index(history, i));
	g_ptr_array_free(lines, TRUE);
	g_ptr_array_free(history, TRUE);
}

/* ---- versions ------------------------------------------------------------- */

int isms_version_has_number(const char *text)
{
	for (; *text; text++)
		if (g_ascii_isdigit(*text))
			return 1;
	return 0;
}

/* The next part of a dotted number at *p (NULL: no more parts, read as 0):
 * its digits without leading zeros. */
static void version_part(const char **p, const char **digits, size_t *n)
{
	const char *s = *p;

	*n = 0;
	*digits = "";
	if (!s)
		return;
	while (*s == '0' && g_ascii_isdigit(s[1]))
		s++;
	*digits = s;
	while (g_ascii_isdigit(*s))
		s++;
	*n = (size_t)(s - *digits);
	if (*n == 1 && **digits == '0')
		*n = 0; /* 0 is no digits, as a missing part */
	*p = s[0] == '.' && g_ascii_isdigit(s[1]) ? s + 1 : NULL;
}

int isms_version_cmp(const char *a, const char *b)
{
	const char *p = a, *q = b;

	while (*p && !g_ascii_isdigit(*p))
		p++;
	while (*q && !g_ascii_isdigit(*q))
		q++;
	if (!*p || !*q)
		return (*p != '\0') - (*q != '\0');
	while (p || q) {
		const char *x, *y;
		size_t xn, yn;
		int c;
		version_part(&p, &x, &xn);
		version_part(&q, &y, &yn);
		if (xn != yn)
			return xn < yn ? -1 : 1;
		if ((c = memcmp(x, y, xn)) != 0)
			return c < 0 ? -1 : 1;
	}
	return 0;
}
