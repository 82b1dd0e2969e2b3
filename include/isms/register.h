#ifndef ISMS_REGISTER_H
#define ISMS_REGISTER_H

#include <glib.h>
#include <stddef.h>

#include "isms/date.h"
#include "isms/linediff.h"

/*
 * One version of an issues-and-actions register: its register tables (GFM
 * tables whose header has an ID column and a Status or Closed column) and
 * their items. The history of each item across versions is built by the
 * audit model.
 */

typedef enum {
	ISMS_COL_ID,
	ISMS_COL_RAISED,
	ISMS_COL_SOURCE,
	ISMS_COL_DESCRIPTION,
	ISMS_COL_ROOT_CAUSE,
	ISMS_COL_ACTION,
	ISMS_COL_OWNER,
	ISMS_COL_DUE,
	ISMS_COL_STATUS,
	ISMS_COL_CLOSED,
	ISMS_COL_EFFECTIVENESS,
	ISMS_COL_APPROVER,
	ISMS_COL_COUNT
} isms_column;

typedef enum {
	ISMS_STATE_OPEN,
	ISMS_STATE_CLOSED,
	ISMS_STATE_ACCEPTED,
	ISMS_STATE_WITHDRAWN,
	ISMS_STATE_UNKNOWN /* a status word that maps to no state */
} isms_item_state;

/* "id", "raised", ... as used in configuration and JSON. */
const char *isms_column_name(isms_column c);

/* "open", "closed", "accepted", "withdrawn", "unknown". */
const char *isms_state_name(isms_item_state s);

/* The default header synonyms of a column, NULL-terminated. */
const char *const *isms_column_synonyms(isms_column c);

/*
 * How registers are written: the header words of each column, the status
 * words of each state, the phrases that record an approval in the action
 * cell, and whether numeric dates are day or month first. Built-in
 * defaults, each replaceable from configuration. Words are kept as header
 * keys (isms_md_header_key, with " #" when the header ends with `#`): case,
 * emoji, bold and punctuation do not matter.
 */
typedef struct {
	GPtrArray *synonyms[ISMS_COL_COUNT]; /* char *: header keys */
	GHashTable *status;                  /* header key -> GINT_TO_POINTER(state + 1) */
	GPtrArray *approval;                 /* char *: lowercase phrases, "approved by" */
	GPtrArray *improvement_ids;          /* char *: id globs of improvement items (OFI*) */
	isms_date_order date_order;          /* how 03/04/2025 reads; none: ambiguous */
} isms_register_dialect;

/* Fill with the defaults; _dispose frees. */
void isms_register_dialect_init(isms_register_dialect *d);
void isms_register_dialect_dispose(isms_register_dialect *d);

/* Replace the header words of a column (taking them from any other column)
 * / the status words of a state.
 * Returns 0, or -1 if `words` is empty or (status) a word already belongs
 * to another state; *clash then names that word (borrowed from words). */
int isms_register_dialect_set_columns(isms_register_dialect *d, isms_column c,
                                      const GPtrArray *words);
int isms_register_dialect_set_status(isms_register_dialect *d, isms_item_state s,
                                     const GPtrArray *words, const char **clash);

/* The column a configuration name ("root_cause") means, or -1. */
int isms_column_lookup(const char *name);

/* The state a configuration name ("closed") means, or ISMS_STATE_UNKNOWN. */
isms_item_state isms_state_lookup(const char *name);

/* The state a status word maps to (case-insensitive, ignoring decoration
 * such as emoji), or ISMS_STATE_UNKNOWN. `d` NULL means the defaults. */
isms_item_state isms_status_state(const isms_register_dialect *d, const char *word);

/* Whether an item id is an opportunity for improvement rather than a
 * nonconformity (no root cause needed). */
int isms_register_is_improvement(const isms_register_dialect *d, const char *id);

/* Whether a cell means "no value": empty, `-`, `—`, `n/a`, `TBD`. */
int isms_cell_missing(const char *text);

/*
 * Map the header cells of a table (char *, as written) to register
 * columns: out[c] is the index of the cell that column c reads, or -1. The
 * most specific match wins: a header word exactly, then with a note in
 * parentheses (`Action (Corrective / Preventive)`), a date column's word
 * after `Date` (`Date Created`), an id word after a prefix word (`CAPA ID`,
 * `Issue #`), a text column's word after other words (`CAPA Description`)
 * and before them (`Effectiveness Evaluation`); an earlier header word of
 * a column before a later one, then the leftmost cell. A header that starts
 * or ends with "date" is a date and never a text column. Returns whether
 * the header makes a register table: an ID and a Status or Closed column.
 */
int isms_register_map_header(const isms_register_dialect *d, const GPtrArray *header, int *out);

/*
 * Whether a header cell that maps to the id column names the items of an
 * issues-and-actions register by itself: an id header word (ID, Ref), or
 * an id word after a word for an issue, finding, nonconformity, action or
 * improvement (`CAPA ID`, `NC ID`, `Finding ID`, `Issue #`), but not after
 * another word (`Risk ID`, `Control ID`). `init` proposes as registers
 * only the files whose register table has such an id column.
 */
int isms_register_header_names_items(const isms_register_dialect *d, const char *header);

typedef struct {
	char *id;
	int line;                   /* the row's line in the file */
	int table;                  /* index of its table */
	char *cell[ISMS_COL_COUNT]; /* trimmed text; NULL if no column or missing */
	isms_item_state state;      /* its status word's; in a table without a Status
	                             * column, closed when the closed cell is filled in */
	int has_raised, has_due, has_closed;
	isms_day raised, due, closed;
	int approved;        /* an approver cell or an approval phrase */
	GPtrArray *problems; /* char *: bad or ambiguous dates, unknown status, an open
	                      * status beside a closed date */
	int refs;            /* versions sharing this row (unchanged rows are shared) */
} isms_reg_item;

typedef struct {
	int line;                   /* the header row's line */
	int end;                    /* its last line (last row, or the delimiter row) */
	int column[ISMS_COL_COUNT]; /* index of each column, or -1 */
	int can_close;              /* has a Closed column or a closed item */
	int has_open;               /* holds an open item */
} isms_reg_table;

/* A table that is not a register table, or a row that is no item. */
typedef struct {
	int line;
	int has_id, has_status; /* other tables: which key columns they have; rows:
	                         * whether the row has a state */
	int has_closed;         /* other tables: a Closed column */
} isms_reg_other;

typedef struct {
	GPtrArray *tables; /* isms_reg_table *: the register tables */
	GArray *others;    /* isms_reg_other: tables without an ID and a Status or Closed column */
	GArray *idless;    /* isms_reg_other: rows of register tables with no id */
	GPtrArray *items;  /* isms_reg_item *, in file order */
	int rows;          /* body rows of the register tables, blank ones included */
	int lone_cr;       /* a CR without LF: a line end to cmark-gfm, not to git */
} isms_register;

/*
 * Read the register tables of a Markdown body (buf, len) whose first line
 * is line `first_line` of its file, written in dialect `d` (NULL: the
 * defaults). Never fails on bad content: problems are recorded per item.
 * Free with isms_register_free().
 */
isms_register *isms_register_parse(const char *buf, size_t len, int first_line,
                                   const isms_register_dialect *d);

/*
 * The register of the next version of a file from the register of the
 * previous one and the hunks between them (in file order), when every hunk
 * lies within the body rows of a register table: only the changed rows are
 * parsed (with cmark-gfm, under their table's header), the others are
 * shared. `file` (len bytes) is the whole new version. Returns NULL when
 * the change touches anything else (front matter, headings, a table's
 * header, text, reference definitions) or when a CR without LF in either
 * version numbers lines differently from git's hunks: parse the whole body
 * then.
 */
isms_register *isms_register_update(const isms_register *prev, const char *file, size_t len,
                                    const isms_line_hunk *hunks, size_t n,
                                    const isms_register_dialect *d);

/* A copy of an item that outlives its register version; release it (and
 * any item) with isms_reg_item_free(), which drops one reference. */
isms_reg_item *isms_reg_item_copy(const isms_reg_item *it);
void isms_reg_item_free(isms_reg_item *it);

void isms_register_free(isms_register *reg);

/* A copy of a register version that shares its rows (each row counts one
 * more reference); free with isms_register_free(). */
isms_register *isms_register_share(const isms_register *reg);

/* The item with this id (first one if duplicated), or NULL. Borrowed. */
const isms_reg_item *isms_register_item(const isms_register *reg, const char *id);

#endif
