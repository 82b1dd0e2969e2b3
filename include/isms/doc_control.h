#ifndef ISMS_DOC_CONTROL_H
#define ISMS_DOC_CONTROL_H

#include <glib.h>
#include <stddef.h>

/*
 * Document control read from the body of a Markdown document, where real
 * ISMS repositories keep it when they have no front matter: the key lines
 * of its header block (`**📋 Document Owner:** CEO | **📄 Version:** 2.6`),
 * its document-control tables (Field | Value under "Document Control") and
 * its version history (Version | Date | Author | Changes). This module
 * finds the pairs of key and value as written; which field a key stands
 * for, and which source wins, is decided by isms/meta.h.
 */

/* Lines of the header block at most: the text before the first `##`
 * heading, or this many lines of the body, whichever ends first. */
#define ISMS_DC_HEADER_LINES 40

/* Tables of more rows are not document control (a register is not). */
#define ISMS_DC_MAX_ROWS 500

typedef enum {
	ISMS_DC_TABLE,           /* a row of a document-control table */
	ISMS_DC_LINE,            /* a key line of the header block */
	ISMS_DC_HISTORY_VERSION, /* the latest version in the version history */
	ISMS_DC_HISTORY_DATE     /* the date of that version's row */
} isms_dc_kind;

/* One key and its value. */
typedef struct {
	isms_dc_kind kind;
	int line;    /* 1-based line in the file */
	int plain;   /* ISMS_DC_LINE: the key has no emphasis (`Owner: Jane`) */
	char *key;   /* the key as written, as plain text without emoji or colon */
	char *norm;  /* the key as a header key (isms_md_header_key): "next review" */
	char *value; /* the value as plain text (emphasis, links, code reduced), trimmed */
} isms_dc_pair;

/* A GPtrArray that frees its isms_dc_pair elements. */
GPtrArray *isms_dc_pairs_new(void);

/*
 * Append to `out` (made with isms_dc_pairs_new()) the pairs of document
 * control in the body (buf, len), whose first line is line `first_line`
 * of its file: the tables' rows first (in text order), then the key lines,
 * then the version history's latest version and its date. `spans` are the
 * tables isms_markdown_scan() found in the same text (NULL or empty: no
 * table is read, and cmark-gfm is never run); only the two-column tables
 * in the header block or under a document-control heading, and the version
 * histories, are handed to cmark-gfm, each on its own. Key lines are cut at
 * ` | ` and before a further `**Key:**`; a plain line is any `Key: value`
 * line, which the caller keeps only when the key names a field.
 */
void isms_doc_control_read(const char *buf, size_t len, int first_line, const GArray *spans,
                           GPtrArray *out);

/*
 * Compare two version numbers part by part numerically (`1.10` after `1.9`,
 * `v2.0` equal to `2`, missing parts read as 0): negative, 0 or positive as
 * strcmp. The number starts at the first digit and runs over digits and
 * dots; a text without a digit is before every number.
 */
int isms_version_cmp(const char *a, const char *b);

/* Whether `text` holds a digit: a version isms_version_cmp() can order. */
int isms_version_has_number(const char *text);

#endif
