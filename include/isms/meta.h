#ifndef ISMS_META_H
#define ISMS_META_H

#include <glib.h>
#include <stddef.h>

#include "isms/date.h"
#include "isms/frontmatter.h"

/*
 * The metadata of one version of a controlled document: its front matter
 * read through the canonical field names and their aliases, with values
 * checked and parsed. One isms_meta is made per distinct blob.
 */

typedef enum {
	ISMS_F_TITLE,
	ISMS_F_ID,
	ISMS_F_OWNER,
	ISMS_F_APPROVER,
	ISMS_F_VERSION,
	ISMS_F_STATUS,
	ISMS_F_LAST_REVIEWED,
	ISMS_F_REVIEW_CYCLE,
	ISMS_F_NEXT_REVIEW,
	ISMS_F_TYPE,
	ISMS_F_CLAUSES,
	ISMS_F_CONTROLS,
	ISMS_F_DATE,
	ISMS_F_COUNT
} isms_field;

/* Canonical name of a field ("last_reviewed"). */
const char *isms_field_name(isms_field f);

/* The field a front-matter key stands for (canonical name or alias, case
 * insensitive), or -1. */
int isms_field_lookup(const char *key);

/* The aliases of a field, NULL-terminated (for the README and `--help`). */
const char *const *isms_field_aliases(isms_field f);

typedef enum {
	ISMS_DOC_IN_FORCE, /* approved, or no status */
	ISMS_DOC_DRAFT,
	ISMS_DOC_RETIRED
} isms_doc_status;

/* A value problem: becomes a DOC-BAD-METADATA finding. */
typedef struct {
	int line;
	char *key; /* the key as written, or "yaml" for a parse error */
	char *message;
} isms_meta_problem;

enum {
	ISMS_META_BINARY = 1 << 0,    /* NUL bytes: not a text file */
	ISMS_META_TOO_LARGE = 1 << 1, /* over the configured size limit */
	ISMS_META_BAD_UTF8 = 1 << 2,  /* invalid UTF-8 somewhere */
	ISMS_META_TABLES = 1 << 3,    /* over the Markdown limits (isms/markdown.h) */
	ISMS_META_SLIM = 1 << 4,      /* fields and problems let go (isms_meta_slim) */
	ISMS_META_BUDGET = 1 << 5     /* not read: the audit's parse budget was spent */
};

typedef struct {
	isms_frontmatter fm;
	unsigned flags;
	int bad_utf8_line;       /* first line with invalid UTF-8 */
	char *tables_why;        /* ISMS_META_TABLES: which limit, where */
	int tables_line;         /* ISMS_META_TABLES: the table's line */
	const char *tables_item; /* ISMS_META_TABLES: "tables", or "markdown" (nesting,
	                          * elements): the finding's item */
	size_t size;
	size_t md_elements; /* the body's Markdown elements (isms_markdown_measure) */
	/* the key that supplied each field, borrowed from fm; NULL if absent */
	const isms_fm_field *field[ISMS_F_COUNT];
	/* set when a field's value is present but unusable (a problem exists) */
	unsigned char invalid[ISMS_F_COUNT];
	isms_doc_status status;
	int has_last_reviewed, has_next_review, has_cycle, has_date;
	isms_day last_reviewed, next_review, date;
	isms_duration cycle;
	GPtrArray *problems;  /* isms_meta_problem * */
	guint8 body_hash[16]; /* XXH3-128 of the body: tells whether the text changed */
} isms_meta;

/*
 * Read one version of a document. Files larger than `max_size` bytes or
 * holding NUL bytes are flagged and not parsed; a body over the table
 * limits is flagged (its Markdown is never parsed). Cannot fail: problems
 * are recorded in out->problems and out->flags. Free with isms_meta_free().
 */
isms_meta *isms_meta_parse(const char *buf, size_t len, size_t max_size);

/* The metadata of a file of `size` bytes that is over the limit and so is
 * not read at all. */
isms_meta *isms_meta_oversized(size_t size);

void isms_meta_free(isms_meta *meta);

/* Let go of the fields and problems of a version no rule will read again:
 * what remains (status of the front matter, flags, body offset and hash,
 * dates read) is what the register replay and the history rules use. */
void isms_meta_slim(isms_meta *meta);

/* The field's value as text ("" when absent); borrowed. */
const char *isms_meta_text(const isms_meta *meta, isms_field f);

/* Whether the field is present with a usable value. */
int isms_meta_has(const isms_meta *meta, isms_field f);

/* Whether `text` is a placeholder such as `TBD`, `yyyy-mm-dd`, `[TBD]`. */
int isms_is_placeholder(const char *text);

#endif
