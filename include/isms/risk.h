#ifndef ISMS_RISK_H
#define ISMS_RISK_H

#include <glib.h>
#include <stddef.h>

#include "isms/date.h"

/*
 * One version of a risk register (clauses 6.1.2, 6.1.3, 8.2, 8.3): its risk
 * tables (GFM tables whose header has a risk id column and a likelihood,
 * impact, score or treatment column) and their risks, each read into the
 * words and numbers the rules reason with: a level (low to critical), a
 * treatment option, a status, dates, the Annex A controls of its plan. The
 * history of each risk across versions is built by the audit model
 * (isms/risk_history.h).
 */

typedef enum {
	ISMS_RISK_COL_ID,
	ISMS_RISK_COL_TITLE,
	ISMS_RISK_COL_OWNER,
	ISMS_RISK_COL_LIKELIHOOD,
	ISMS_RISK_COL_IMPACT,
	ISMS_RISK_COL_SCORE,
	ISMS_RISK_COL_TREATMENT,
	ISMS_RISK_COL_PLAN,
	ISMS_RISK_COL_DUE,
	ISMS_RISK_COL_STATUS,
	ISMS_RISK_COL_LAST_REVIEWED,
	ISMS_RISK_COL_NEXT_REVIEW,
	ISMS_RISK_COL_RESIDUAL,
	ISMS_RISK_COL_APPROVER,
	ISMS_RISK_COL_ACCEPT_UNTIL,
	ISMS_RISK_COL_COUNT
} isms_risk_column;

/* Risk levels, in order; NONE when nothing says the level. */
typedef enum {
	ISMS_RISK_LEVEL_NONE,
	ISMS_RISK_LOW,
	ISMS_RISK_MEDIUM,
	ISMS_RISK_HIGH,
	ISMS_RISK_CRITICAL,
	ISMS_RISK_LEVEL_COUNT
} isms_risk_level;

/* The four risk treatment options (ISO/IEC 27005), or none written. */
typedef enum {
	ISMS_TREAT_NONE,
	ISMS_TREAT_MODIFY, /* treat, mitigate, modify, reduce */
	ISMS_TREAT_RETAIN, /* accept, retain, tolerate */
	ISMS_TREAT_AVOID,  /* avoid, terminate */
	ISMS_TREAT_SHARE,  /* transfer, share */
	ISMS_TREAT_COUNT
} isms_risk_treatment;

typedef enum {
	ISMS_RISK_STATUS_NONE, /* no status cell */
	ISMS_RISK_OPEN,
	ISMS_RISK_IN_TREATMENT,
	ISMS_RISK_TREATED,
	ISMS_RISK_ACCEPTED,
	ISMS_RISK_CLOSED,
	ISMS_RISK_RETIRED,
	ISMS_RISK_STATUS_UNKNOWN, /* a status word that is none of the above */
	ISMS_RISK_STATUS_COUNT
} isms_risk_status;

/* "id", "likelihood", ... as used in configuration and JSON. */
const char *isms_risk_column_name(isms_risk_column c);

/* The column a configuration name means, or -1. */
int isms_risk_column_lookup(const char *name);

/* The default header words of a column, NULL-terminated. */
const char *const *isms_risk_column_synonyms(isms_risk_column c);

/* The header words that name the id column only in a declared risk
 * register (ID, Ref, ...), NULL-terminated. */
extern const char *const isms_risk_declared_ids[];

/* "low" ... "critical"; "none" for ISMS_RISK_LEVEL_NONE. */
const char *isms_risk_level_name(isms_risk_level l);

/* The level a word means (low, medium, high, critical, very high,
 * extreme...; case and decoration ignored), or ISMS_RISK_LEVEL_NONE. */
isms_risk_level isms_risk_level_lookup(const char *word);

/* "treat", "accept", "avoid", "transfer"; "none". */
const char *isms_risk_treatment_name(isms_risk_treatment t);

/* "open", "in treatment", "treated", "accepted", "closed", "retired",
 * "unknown"; "none" without a status. */
const char *isms_risk_status_name(isms_risk_status s);

/* The status a status cell says (its leading words: "Accepted (CEO)" is
 * accepted), ISMS_RISK_STATUS_UNKNOWN for other words, ISMS_RISK_STATUS_NONE
 * for NULL. */
isms_risk_status isms_risk_status_lookup(const char *text);

/* The largest and default number of points of a likelihood or impact scale. */
#define ISMS_RISK_SCALE_DEFAULT 5
#define ISMS_RISK_SCALE_MAX     10

/*
 * How risk registers are written and graded: the header words of each
 * column (kept as header keys, isms_md_header_key), the points of the
 * likelihood and impact scales (`risk_scale`), the level from which a
 * risk needs a treatment plan (`risk_treatment_threshold`), and how a
 * date such as 03/04/2026 reads (`date_order`, as for the issues register).
 */
typedef struct {
	GPtrArray *synonyms[ISMS_RISK_COL_COUNT]; /* char *: header keys */
	int scale;                                /* points of each scale, 3 to 10 */
	isms_risk_level threshold;
	isms_date_order date_order; /* none: a date whose readings differ is a problem */
} isms_risk_dialect;

/* Fill with the defaults; _dispose frees. */
void isms_risk_dialect_init(isms_risk_dialect *d);
void isms_risk_dialect_dispose(isms_risk_dialect *d);

/* Replace the header words of a column (taking them from any other
 * column). Returns 0, or -1 if `words` is empty. */
int isms_risk_dialect_set_columns(isms_risk_dialect *d, isms_risk_column c, const GPtrArray *words);

/*
 * The level of a score on the dialect's scale of n points, as a share of
 * its largest score n x n: up to 16% low, 36% medium, 64% high, above
 * that critical. On the 5-point scale: 1-4 low, 5-9 medium, 10-16 high,
 * 17-25 critical. A score of 0 or less has no level.
 */
isms_risk_level isms_risk_level_of_score(const isms_risk_dialect *d, int score);

/* A likelihood, impact, score or residual cell as read: a whole number
 * (the first number in it), a level word, both, or neither. */
typedef struct {
	int has_number;
	int number;
	isms_risk_level word; /* a level word in the cell, or NONE */
} isms_risk_value;

typedef struct {
	char *id;
	int line;                        /* the row's line in the file */
	int table;                       /* index of its table */
	char *cell[ISMS_RISK_COL_COUNT]; /* trimmed text; NULL if no column or missing */
	isms_risk_value likelihood, impact, score, residual;
	int product;           /* likelihood x impact when both are numbers, else 0 */
	int value;             /* the number the score history compares: the score's
	                        * number, else the product; 0 when neither */
	isms_risk_level level; /* the score's (its number on the scale, else its
	                        * word), else the product's: NONE when unknown */
	isms_risk_treatment treatment;
	char *plan;          /* the plan cell, else what the treatment cell says after
	                      * its option ("Reduce: MFA" gives "MFA"); NULL if none */
	GPtrArray *controls; /* char *: Annex A 2022 control ids the plan names */
	isms_risk_status status;
	int has_due, has_last_reviewed, has_next_review, has_accept_until;
	isms_day due, last_reviewed, next_review, accept_until;
	GPtrArray *problems; /* char *: cells that cannot be read (dates, or dates that
	                      * read two ways without date_order; status) */
	int refs;            /* versions and histories holding it */
} isms_risk;

/* Whether a risk is still in force: not closed or retired. */
int isms_risk_in_force(const isms_risk *r);

/* Whether a risk in force is accepted: its status says so, or its
 * treatment option is to accept (retain) it. */
int isms_risk_accepted(const isms_risk *r);

/* The days a risk in force, not accepted and not yet treated, is past its
 * treatment due date on `today`; 0 if it is not. */
int isms_risk_days_overdue(const isms_risk *r, isms_day today);

/* Whether the approver cell names someone, or the plan or treatment cell
 * holds one of `phrases` (header keys, "approved by") followed by a name. */
int isms_risk_approved(const isms_risk *r, const GPtrArray *phrases);

/* The score as written for a report: "12", "High", "3 x 4", "3 x 4 = 12",
 * or NULL when the risk has none. Caller frees. */
char *isms_risk_score_text(const isms_risk *r);

typedef struct {
	int line;                        /* the header row's line */
	int column[ISMS_RISK_COL_COUNT]; /* index of each column, or -1 */
} isms_risk_table;

typedef struct {
	GPtrArray *tables; /* isms_risk_table *: the risk tables */
	GArray *idless;    /* int: lines of rows of risk tables with no id */
	GPtrArray *risks;  /* isms_risk *, in file order */
} isms_risk_register;

/*
 * Read the risk tables of a Markdown body (buf, len) whose first line is
 * line `first_line` of its file. `declared` says the document is a risk
 * register by its type or the configuration: then ID, Ref, No... name the
 * id column too. `d` NULL means the defaults. Never fails on content:
 * problems are recorded per risk. Returns 0 and *out (free with
 * isms_risk_register_free), or ISMS_ERROR when the text cannot be read as
 * Markdown (over the table limits).
 */
int isms_risk_parse(const char *buf, size_t len, int first_line, int declared,
                    const isms_risk_dialect *d, isms_risk_register **out);

/* Whether a body holds a risk table, as isms_risk_parse() finds them; a
 * cheap test of the header words comes first. Returns 0 and *out, or
 * ISMS_ERROR as isms_risk_parse(). */
int isms_risk_has_table(const char *buf, size_t len, int first_line, int declared,
                        const isms_risk_dialect *d, int *out);

void isms_risk_register_free(isms_risk_register *reg);

/* Drop one reference to a risk (freeing it with the last); NULL is a no-op. */
void isms_risk_unref(isms_risk *r);

/* One more reference to a risk, which never changes once read; returns it. */
isms_risk *isms_risk_ref(const isms_risk *r);

/* The risk with this id (the first if repeated), or NULL. Borrowed. */
const isms_risk *isms_risk_find(const isms_risk_register *reg, const char *id);

#endif
