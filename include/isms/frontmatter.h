#ifndef ISMS_FRONTMATTER_H
#define ISMS_FRONTMATTER_H

#include <glib.h>
#include <stddef.h>

/*
 * Front matter: the YAML mapping between a leading `---` line and the next
 * `---` (or `...`) line of a Markdown file, parsed with libyaml. Only the
 * top-level mapping is kept, as fields with their line numbers.
 */

typedef enum {
	ISMS_FM_ABSENT,  /* the file does not start with a `---` line */
	ISMS_FM_PRESENT, /* a valid YAML mapping (possibly empty) */
	ISMS_FM_INVALID  /* not closed, not YAML, not a mapping, duplicate key */
} isms_fm_status;

typedef enum {
	ISMS_VAL_NULL,   /* empty, `~` or `null` */
	ISMS_VAL_SCALAR, /* a string, number or date as written */
	ISMS_VAL_LIST,   /* a sequence; `items` holds its scalar items */
	ISMS_VAL_MAP     /* a nested mapping, or a list with non-scalar items */
} isms_val_kind;

typedef struct {
	char *key;
	int line; /* 1-based line of the key in the file */
	isms_val_kind kind;
	char *text;       /* the value as text: scalars verbatim, lists `[a, b]` */
	GPtrArray *items; /* char *: the scalar items of a list, else NULL */
} isms_fm_field;

typedef struct {
	isms_fm_status status;
	char *error;        /* why the front matter is invalid (status INVALID) */
	int error_line;     /* 1-based line of the problem, 0 if unknown */
	GPtrArray *fields;  /* isms_fm_field *, in file order */
	size_t body_offset; /* byte offset of the body (0 if no front matter) */
	int body_line;      /* 1-based line where the body starts */
} isms_frontmatter;

/* Initialise an empty result; _dispose frees what it owns. */
void isms_frontmatter_init(isms_frontmatter *fm);
void isms_frontmatter_dispose(isms_frontmatter *fm);

/*
 * Split `buf` into front matter and body and parse the front matter. A
 * UTF-8 byte-order mark and CRLF line ends are accepted. Problems with the
 * input are reported in out->status and out->error, not as a failure: the
 * function itself cannot fail. `out` must have been initialised.
 */
void isms_frontmatter_parse(const char *buf, size_t len, isms_frontmatter *out);

/* The field named `key` (exact, case-sensitive), or NULL. Borrowed. */
const isms_fm_field *isms_frontmatter_get(const isms_frontmatter *fm, const char *key);

#endif
