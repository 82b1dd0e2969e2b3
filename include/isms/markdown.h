#ifndef ISMS_MARKDOWN_H
#define ISMS_MARKDOWN_H

#include <glib.h>
#include <stddef.h>

/*
 * Markdown through cmark-gfm with the GitHub table extension: the tables of
 * a document, each cell as plain text (emphasis, code and links reduced to
 * their text), with the line of every row. Registers and the Statement of
 * Applicability are read from these tables; nothing splits lines on `|`.
 */

typedef struct {
	int line;         /* 1-based line of the row in the file */
	GPtrArray *cells; /* char *, one per column (missing cells are "") */
} isms_md_row;

typedef struct {
	int line;          /* line of the header row */
	GPtrArray *header; /* char *: the header cells as written (plain text) */
	GPtrArray *rows;   /* isms_md_row *: the body rows */
} isms_md_table;

/*
 * The Markdown limits. cmark-gfm gives every row of a table as many cells
 * as its header has, so a wide header over many short lines costs rows
 * times columns, whatever the file's size; and it keeps a node of a few
 * hundred bytes for every block quote, list item, line, inline mark and
 * cell, so that 10 MB of `>` (ten million nested block quotes) would take
 * 2.4 GB. The element limit bounds what one parse allocates (well under
 * 1 GB); the nesting and table count limits refuse what no document needs
 * with a message that says so.
 */
#define ISMS_MD_MAX_COLUMNS  64      /* columns of one table */
#define ISMS_MD_MAX_ROWS     1000000 /* rows of one table */
#define ISMS_MD_MAX_CELLS    2000000 /* cells of all the tables of a text (rows x columns) */
#define ISMS_MD_MAX_TABLES   1000    /* tables of one text */
#define ISMS_MD_MAX_NESTING  100     /* block quotes and list items opened on one line */
#define ISMS_MD_MAX_ELEMENTS 2500000 /* what cmark-gfm makes nodes of, estimated */

/*
 * Check (buf, len), numbered from `first_line`, against the Markdown limits
 * before cmark-gfm reads it. Each line that can be a table's delimiter row
 * (`|---|:--:|`) opens a table of as many columns as it has cells, and the
 * lines after it up to the next blank line count as its rows (at least as
 * many as cmark-gfm will make). The nesting of a line is the number of
 * block quote and list item markers it starts with (`> - 1. `). The
 * elements are an upper estimate of cmark-gfm's nodes: two per line, one
 * per nesting marker, two per inline mark (one of \ ` & _ * [ ] < !), and
 * in a table's rows one per cell and one per pipe. Returns 0 within the
 * limits, else ISMS_MD_OVER_TABLES (a table limit) or ISMS_MD_OVER_MARKDOWN
 * (the nesting or element limit) with *line set to the table's line (the
 * line over the limit) and *why to a message naming the limit (caller
 * frees).
 */
#define ISMS_MD_OVER_TABLES   (-1)
#define ISMS_MD_OVER_MARKDOWN (-2)
int isms_markdown_check_limits(const char *buf, size_t len, int first_line, int *line, char **why);

/* The same, with the elements of a text within the limits in *elements:
 * what a parse of it costs (the audit's parse budget counts it). */
int isms_markdown_measure(const char *buf, size_t len, int first_line, int *line, char **why,
                          size_t *elements);

/* A table found by isms_markdown_scan(), before cmark-gfm reads it. */
typedef struct {
	int line;      /* 1-based line of its header row in the file */
	size_t start;  /* byte offset of the header row in the text scanned */
	size_t end;    /* byte offset just past its last row (up to the next blank line) */
	guint columns; /* cells of its delimiter row */
	guint rows;    /* lines after the delimiter row that count as its rows */
} isms_md_span;

/*
 * isms_markdown_check_limits() that also appends to `spans` (a GArray of
 * isms_md_span, or NULL) the tables of the text, in text order, in the
 * same pass, so that a caller can hand cmark-gfm only the tables it wants
 * to read: each delimiter row holding a pipe opens one at the line above
 * it, which runs to the next blank line (a `---` line alone, which the
 * limits count as a table, is a thematic break or a heading here). On -1
 * the spans found before the limit are kept.
 */
int isms_markdown_scan(const char *buf, size_t len, int first_line, GArray *spans, int *line,
                       char **why);

/* Both: the spans and the elements, from the one scan. */
int isms_markdown_measure_spans(const char *buf, size_t len, int first_line, GArray *spans,
                                int *line, char **why, size_t *elements);

/*
 * Parse (buf, len), whose first line is line `first_line` of its file (the
 * body after the front matter), and append every table to `out` (a
 * GPtrArray created with isms_md_tables_new()). Returns 0, or ISMS_ERROR if
 * cmark-gfm cannot be set up or the text is over the table limits (nothing
 * is parsed then).
 */
int isms_markdown_tables(const char *buf, size_t len, int first_line, GPtrArray *out);

/* A GPtrArray that frees its isms_md_table elements. */
GPtrArray *isms_md_tables_new(void);

typedef struct {
	int line;   /* 1-based line in the file */
	int level;  /* 1 to 6 */
	char *text; /* plain text */
} isms_md_heading;

/*
 * Append the headings (ATX and setext) of a Markdown body to `out` (made
 * with isms_md_headings_new()), with the same line numbering as
 * isms_markdown_tables(). Returns 0 or ISMS_ERROR (as isms_markdown_tables).
 */
int isms_markdown_headings(const char *buf, size_t len, int first_line, GPtrArray *out);

/* A GPtrArray that frees its isms_md_heading elements. */
GPtrArray *isms_md_headings_new(void);

/*
 * The tables and the headings of (buf, len) from one parse, either array
 * NULL when not wanted; as isms_markdown_tables() and
 * isms_markdown_headings().
 */
int isms_markdown_blocks(const char *buf, size_t len, int first_line, GPtrArray *tables,
                         GPtrArray *headings);

/*
 * A value written in Markdown (`**CEO**`, `[Jane](mailto:jane@x)`,
 * `` `2.6` ``) as its plain text, as a table cell is read: emphasis, links
 * and code reduced to their text, trimmed. The text is read as one
 * paragraph, so `1. Jane` stays as written. Caller frees.
 */
char *isms_markdown_inline_text(const char *text, size_t len);

/*
 * A header cell reduced for matching column names: letters and digits of
 * any script, lowercased, runs of anything else (emoji, bold markers,
 * punctuation) turned into one space, trimmed. "**Date raised** 📅" gives
 * "date raised". Caller frees.
 */
char *isms_md_header_key(const char *text);

#endif
