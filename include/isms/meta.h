#ifndef ISMS_META_H
#define ISMS_META_H

#include <glib.h>
#include <stddef.h>

#include "isms/date.h"
#include "isms/frontmatter.h"

/*
 * The metadata of one version of a controlled document, read through the
 * canonical field names and their aliases from, in order of precedence:
 * its YAML front matter, its document-control tables, the key lines of its
 * header block, and its version history (isms/doc_control.h). Values are
 * checked and parsed; two sources that give one field different values are
 * a problem, and the higher one wins. One isms_meta is made per distinct
 * blob.
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
	ISMS_F_CLASSIFICATION,
	ISMS_F_EFFECTIVE, /* the date the version took effect */
	ISMS_F_COUNT
} isms_field;

/* Canonical name of a field ("last_reviewed"). */
const char *isms_field_name(isms_field f);

/* The canonical field a key stands for by the built-in aliases, or -1.
 * Keys are compared as header keys (isms_md_header_key): case, bold,
 * emoji, punctuation, `_` and `-` do not matter, so `last_reviewed_on`,
 * `Last Reviewed On` and `**📅 Last reviewed on:**` are one key. */
int isms_field_lookup(const char *key);

/* The built-in aliases of a field as front matter writes them, the
 * canonical name first, NULL-terminated (for the README and the schema). */
const char *const *isms_field_aliases(isms_field f);

/* Whether a built-in alias only stands in for its field: it is read when
 * no other alias gives the field, and never disagrees with one
 * (`last_updated` for last_reviewed, `review_date` for next_review). The
 * alias is compared as a header key: `**Last Updated:**` is `last_updated`. */
int isms_field_alias_is_weak(const char *alias);

/* Where a field's value was read. */
typedef enum {
	ISMS_SOURCE_NONE,
	ISMS_SOURCE_FRONT_MATTER,
	ISMS_SOURCE_TABLE,  /* a document-control table */
	ISMS_SOURCE_LINE,   /* a key line of the header block */
	ISMS_SOURCE_HISTORY /* the version history: the latest version, its date */
} isms_meta_source;

/* "front-matter", "table", "line", "history" (the JSON `sources`); "" for
 * none. */
const char *isms_meta_source_name(isms_meta_source s);

/*
 * How a repository names its fields: the built-in aliases, the aliases the
 * configuration's `fields:` adds, the custom text fields it defines (field
 * numbers ISMS_F_COUNT and up), and how ambiguous numeric dates read.
 */
typedef struct {
	GHashTable *keys;           /* header key -> entry (field number and flags) */
	GPtrArray *custom;          /* char *: the custom fields' names, in order */
	isms_date_order date_order; /* for dates read from the body */
} isms_meta_dialect;

/* The built-in dialect; _dispose frees. */
void isms_meta_dialect_init(isms_meta_dialect *d);
void isms_meta_dialect_dispose(isms_meta_dialect *d);

/*
 * Give the field `name` the aliases `aliases` (char *), which it takes
 * from any field whose built-in aliases they were. `name` is a canonical
 * field or one of its aliases, else it names a custom text field (made on
 * first use, its name an alias of it). Returns the field number, or -1 if
 * `name` or an alias is no key at all, is `review`, or already belongs to
 * another field by its canonical name or by configuration; *clash then
 * names it (borrowed from the arguments).
 */
int isms_meta_dialect_add(isms_meta_dialect *d, const char *name, const GPtrArray *aliases,
                          const char **clash);

/* The field (canonical or custom) a key or field name stands for in `d`
 * (NULL: the built-in dialect), or -1. */
int isms_meta_dialect_lookup(const isms_meta_dialect *d, const char *key);

/* The number of fields of `d` (NULL: the built-in dialect), custom ones
 * included, and the name of field `f` among them. */
int isms_meta_dialect_fields(const isms_meta_dialect *d);
const char *isms_meta_dialect_name(const isms_meta_dialect *d, int f);

typedef enum {
	ISMS_DOC_IN_FORCE, /* approved, or no status */
	ISMS_DOC_DRAFT,
	ISMS_DOC_RETIRED
} isms_doc_status;

/* A value problem: becomes a DOC-BAD-METADATA finding. */
typedef struct {
	int line;
	char *key; /* the key as written, or "yaml" for a parse error */
	int field; /* the field it is about (canonical or custom), or -1 */
	char *message;
} isms_meta_problem;

/* A field of a custom name (`fields:`), as meta->field[] for the others. */
typedef struct {
	const isms_fm_field *field; /* NULL if absent */
	isms_meta_source source;
	int invalid;
} isms_meta_custom;

enum {
	ISMS_META_BINARY = 1 << 0,     /* NUL bytes: not a text file */
	ISMS_META_TOO_LARGE = 1 << 1,  /* over the configured size limit */
	ISMS_META_BAD_UTF8 = 1 << 2,   /* invalid UTF-8 somewhere */
	ISMS_META_TABLES = 1 << 3,     /* over the Markdown limits (isms/markdown.h) */
	ISMS_META_SLIM = 1 << 4,       /* fields and problems let go (isms_meta_slim) */
	ISMS_META_BUDGET = 1 << 5,     /* not read: the audit's parse budget was spent */
	ISMS_META_BODY_FIELDS = 1 << 6 /* fields read from the body (kept when slim) */
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
	/* the pairs read from the body that name a field, as fields of kind
	 * SCALAR (or NULL when empty) with the key as written and its line:
	 * isms_fm_field *; NULL when there are none */
	GPtrArray *body;
	/* the key that supplied each field, borrowed from fm or body; NULL if
	 * absent */
	const isms_fm_field *field[ISMS_F_COUNT];
	unsigned char source[ISMS_F_COUNT]; /* isms_meta_source of each field */
	/* set when a field's value is present but unusable (a problem exists) */
	unsigned char invalid[ISMS_F_COUNT];
	GArray *custom; /* isms_meta_custom, one per custom field of the dialect; or NULL */
	isms_doc_status status;
	int has_last_reviewed, has_next_review, has_cycle, has_date, has_effective;
	isms_day last_reviewed, next_review, date, effective;
	isms_duration cycle;
	GPtrArray *problems; /* isms_meta_problem * */
	/* XXH3-128 of the body but the lines metadata was read from: tells
	 * whether the text changed */
	guint8 body_hash[16];
} isms_meta;

/*
 * Read one version of a document written in `dialect` (NULL: the built-in
 * one). Files larger than `max_size` bytes or holding NUL bytes are flagged
 * and not parsed; a body over the table limits is flagged (its Markdown is
 * never parsed). Dates in the body are read as typed
 * (isms_date_parse_written()), front matter dates as ISO 8601. Cannot
 * fail: problems are recorded in out->problems and out->flags. Free with
 * isms_meta_free().
 */
isms_meta *isms_meta_parse(const char *buf, size_t len, size_t max_size,
                           const isms_meta_dialect *dialect);

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

/* The key that supplied field `f`, canonical or custom (a number of the
 * dialect the meta was read in), and where; NULL if absent. Borrowed. */
const isms_fm_field *isms_meta_get(const isms_meta *meta, int f, isms_meta_source *source);

/* Whether a version has metadata from any source: front matter (valid or
 * not) or fields read from its body. */
int isms_meta_present(const isms_meta *meta);

/* Whether `text` is a placeholder such as `TBD`, `yyyy-mm-dd`, `[TBD]`. */
int isms_is_placeholder(const char *text);

#endif
