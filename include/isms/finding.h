#ifndef ISMS_FINDING_H
#define ISMS_FINDING_H

#include <glib.h>

#include "isms/date.h"
#include "isms/severity.h"
#include "isms/waiver.h"

/*
 * Findings: what rules produce and reports format. A finding states the
 * requirement (its rule's clause), what was found (message), where (path and
 * line) and the objective evidence (commits and dates).
 */

typedef struct isms_rule isms_rule;

#define ISMS_COMMIT_HEXSIZE 41

typedef struct {
	char commit[ISMS_COMMIT_HEXSIZE]; /* full hex id, "" if none */
	isms_day date;
	char *note;
} isms_evidence;

typedef struct {
	const isms_rule *rule;
	isms_severity severity;
	char *clause; /* the clause, when not the rule's (a missing clause), or NULL */
	char *path;   /* repository-relative, NULL for repository-wide */
	int line;     /* 1-based, 0 if none */
	char *item;   /* sub-subject (a field, a clause, an item id), or NULL */
	char *message;
	GArray *evidence; /* isms_evidence */
	char fingerprint[17];
	int unproven;              /* date-based finding on a shallow clone */
	const isms_waiver *waiver; /* the waiver that accepts it (borrowed from
	                            * the configuration), or NULL */
	GPtrArray *stands_for;     /* char *: fingerprints of the findings it replaces
	                            * (isms_finding_stands_for), or NULL */
} isms_finding;

typedef struct {
	GPtrArray *items;  /* isms_finding *: what the audit reports and counts */
	GPtrArray *waived; /* isms_finding *: accepted by a waiver, reported apart */
} isms_findings;

void isms_findings_init(isms_findings *fs);
void isms_findings_dispose(isms_findings *fs);

/*
 * Append a finding of `rule` at its default severity. `subject` is the
 * stable identity of what the finding is about (a document id, else its
 * path) and `item` narrows it (may be NULL); both feed the fingerprint, which
 * never depends on line numbers or wording. Returns the finding (owned by
 * `fs`) so that evidence can be added. Every `%s` argument of the message
 * is quoted text, cut after ISMS_QUOTE_MAX characters (isms/text.h), and
 * so is `item`: a value as long as its file cannot make a message as long.
 */
isms_finding *isms_findings_add(isms_findings *fs, const isms_rule *rule, const char *path,
                                int line, const char *subject, const char *item, const char *fmt,
                                ...) __attribute__((format(printf, 7, 8)));

/* The same with a message the caller composed (a list, or text made with
 * isms_text_printf()), kept as it is: the caller cuts what it quotes. */
isms_finding *isms_findings_add_text(isms_findings *fs, const isms_rule *rule, const char *path,
                                     int line, const char *subject, const char *item,
                                     const char *message);

/* The clause a finding is about: its own, else its rule's. */
const char *isms_finding_clause(const isms_finding *f);

/* Set the clause of a finding that is about a clause other than its rule's
 * (MANDATORY-DOC-MISSING names the clause whose document is missing). */
void isms_finding_set_clause(isms_finding *f, const char *clause);

/* Set the item a finding shows, keeping the fingerprint it was added with:
 * for a finding whose identity is its subject alone while the detail the
 * item gives may change (the fields a document misses, as it is mended).
 * Cut as in isms_findings_add(); NULL removes it. */
void isms_finding_set_item(isms_finding *f, const char *item);

/* Record that `f` stands in for the finding of `rule` on `subject` and
 * `item` that it replaces (one MANDATORY-CLAUSES-UNDECLARED for a
 * MANDATORY-DOC-MISSING per clause): a change comparing with a base where
 * `f` was found counts that finding as already present. */
void isms_finding_stands_for(isms_finding *f, const isms_rule *rule, const char *subject,
                             const char *item);

/* Add one piece of evidence: a commit (hex id or NULL), its date, a note
 * (its `%s` arguments cut as in isms_findings_add()). */
void isms_finding_evidence(isms_finding *f, const char *commit, isms_day date, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Order for reports: clause, severity (most severe first), rule (table
 * order), path, line, item. */
void isms_findings_sort(isms_findings *fs);

/* How many findings have exactly severity `s`. */
size_t isms_findings_count(const isms_findings *fs, isms_severity s);

/* Whether any finding is at or above `level` (never: none). */
int isms_findings_fail(const isms_findings *fs, isms_severity level);

#endif
