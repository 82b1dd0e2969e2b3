#ifndef ISMS_SOA_H
#define ISMS_SOA_H

#include <glib.h>
#include <stddef.h>

/*
 * The Statement of Applicability (clause 6.1.3 d): the tables of a
 * Markdown document that list Annex A controls with their applicability,
 * justification and implementation status, and the 93 controls of
 * ISO/IEC 27001:2022 Annex A they are checked against.
 */

#define ISMS_CONTROL_COUNT 93

typedef enum {
	ISMS_CONTROL_2022,    /* one of the 93 controls */
	ISMS_CONTROL_2013,    /* 2013 numbering (A.12.6.1, A.9.2): a leftover */
	ISMS_CONTROL_UNKNOWN, /* a control-like number that is no 2022 control */
	ISMS_CONTROL_NONE     /* the cell does not start with a control number */
} isms_control_kind;

/* The id of control `index` (0 to 92): "5.1" ... "8.34". */
const char *isms_control_id(int index);

/* The index of a 2022 control id ("5.1", without "A."), or -1. */
int isms_control_index(const char *id);

/*
 * Read the control number at the start of a cell: "5.1", "A.5.1",
 * "5.2 Information security roles". *out gets the id as the report should
 * name it ("5.1" for a 2022 control, the number as written otherwise, such
 * as "A.12.6.1"), or NULL for ISMS_CONTROL_NONE; the caller frees it.
 */
isms_control_kind isms_control_read(const char *cell, char **out);

typedef struct {
	char *control; /* as isms_control_read names it */
	isms_control_kind kind;
	int line;
	int table;        /* index into isms_soa.tables */
	char *applicable; /* the cells' text; NULL when missing or a placeholder */
	char *justification;
	char *status;
} isms_soa_row;

typedef struct {
	int line; /* of the header row */
	int has_applicability, has_justification, has_status;
} isms_soa_table;

typedef struct {
	GArray *tables;  /* isms_soa_table */
	GPtrArray *rows; /* isms_soa_row *, in file order */
} isms_soa;

/*
 * Read the SoA tables of a Markdown body (buf, len) starting at line
 * `first_line` of its file: tables whose header has a control column and an
 * applicability or justification column. Never fails on content; returns
 * 0 and *out (free with isms_soa_free), or ISMS_ERROR.
 */
int isms_soa_parse(const char *buf, size_t len, int first_line, isms_soa **out);

void isms_soa_free(isms_soa *soa);

#endif
