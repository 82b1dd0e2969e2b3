#ifndef ISMS_REGISTER_H
#define ISMS_REGISTER_H

#include <glib.h>
#include <stddef.h>

#include "isms/date.h"

/*
 * One version of an issues-and-actions register: its register tables (GFM
 * tables whose header has an ID and a Status column) and their items. The
 * history of each item across versions is built by the audit model.
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

/* The state a status word maps to by default (case-insensitive, ignoring
 * decoration such as emoji), or ISMS_STATE_UNKNOWN. */
isms_item_state isms_status_state(const char *word);

/* Whether a cell means "no value": empty, `-`, `—`, `n/a`, `TBD`. */
int isms_cell_missing(const char *text);

typedef struct {
	char *id;
	int line;                      /* the row's line in the file */
	int table;                     /* index of its table */
	char *cell[ISMS_COL_COUNT];    /* trimmed text; NULL if no column or missing */
	isms_item_state state;
	int has_raised, has_due, has_closed;
	isms_day raised, due, closed;
	GPtrArray *problems;           /* char *: unparseable dates, unknown status */
} isms_reg_item;

typedef struct {
	int line;                      /* the header row's line */
	int column[ISMS_COL_COUNT];    /* index of each column, or -1 */
	int can_close;                 /* has a Closed column or a closed item */
} isms_reg_table;

typedef struct {
	GPtrArray *tables;  /* isms_reg_table *: the register tables */
	int other_tables;   /* tables without an ID and a Status column */
	GPtrArray *items;   /* isms_reg_item *, in file order */
} isms_register;

/*
 * Read the register tables of a Markdown body (buf, len) whose first line
 * is line `first_line` of its file. Never fails on bad content: problems
 * are recorded per item. Free with isms_register_free().
 */
isms_register *isms_register_parse(const char *buf, size_t len, int first_line);

void isms_register_free(isms_register *reg);

/* The item with this id (first one if duplicated), or NULL. Borrowed. */
const isms_reg_item *isms_register_item(const isms_register *reg, const char *id);

#endif
