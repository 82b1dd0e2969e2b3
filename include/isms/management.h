#ifndef ISMS_MANAGEMENT_H
#define ISMS_MANAGEMENT_H

#include <glib.h>

#include "isms/document.h"
#include "isms/soa.h"

/*
 * The management-system model, built once after the documents and
 * registers: the coverage of the mandatory clauses, the Statement of
 * Applicability, and the management review and internal audit records
 * with the inputs they cover and the ids they name.
 */

typedef struct isms_audit isms_audit;

/* Whether the mandatory documented information of a clause exists. */
typedef enum {
	ISMS_COVERAGE_OK,
	ISMS_COVERAGE_OVERDUE, /* present, but every document for it is overdue for review */
	ISMS_COVERAGE_MISSING
} isms_coverage_status;

typedef struct {
	char *clause;
	GPtrArray *documents; /* const isms_document *: in force, declaring or counting for it */
	GPtrArray *inactive;  /* const isms_document *: drafts and retired ones declaring it */
	isms_coverage_status status;
} isms_coverage;

/* A Statement of Applicability document and its tables. */
typedef struct {
	const isms_document *doc;
	isms_soa *soa;
} isms_soa_model;

typedef enum { ISMS_RECORD_REVIEW, ISMS_RECORD_AUDIT } isms_record_kind;

/* An item id a record names, at its first mention. */
typedef struct {
	char *id;
	int line;
} isms_record_ref;

/* A management review or internal audit record in force. */
typedef struct {
	const isms_document *doc;
	isms_record_kind kind;
	unsigned inputs; /* reviews: bit i set when input a)+i of 9.3.2 is covered */
	GPtrArray *refs; /* isms_record_ref *: register-like ids it names */
	char *auditor;   /* audits: the `auditor` value, or NULL */
	int auditor_line;
} isms_record;

const char *isms_coverage_status_name(isms_coverage_status s);

/*
 * Build the management-system model from the documents and registers:
 * clause coverage, the SoA tables, management review and internal audit
 * records with the inputs they cover and the item ids they name. Reads the
 * audited version of those documents. Called by isms_audit_open();
 * returns 0 or ISMS_EREPO.
 */
int isms_audit_build_management(isms_audit *audit);

/* What a front matter key that is no document field means to records
 * ("internal audit auditor" for `auditor`), or NULL. */
const char *isms_record_key(const char *key);

#endif
