#ifndef ISMS_RISK_HISTORY_H
#define ISMS_RISK_HISTORY_H

#include <glib.h>

#include "isms/document.h"
#include "isms/risk.h"

/*
 * The risk registers replayed through history, as the issues registers
 * are (isms/register_history.h): every risk from its first listing to its
 * removal, each change of its score, treatment, status, owner and due
 * date, when it was last changed, and when its acceptance was recorded.
 * A risk register is a document of `type: risk-register`, a path under
 * `risk_registers`, or any other readable document, not retired, whose
 * audited version holds a risk table.
 */

typedef struct isms_audit isms_audit;

/* What a commit changed about a risk. */
typedef enum {
	ISMS_RISK_CH_LISTED, /* first listed, or listed again after a removal */
	ISMS_RISK_CH_SCORE,  /* its score, likelihood or impact */
	ISMS_RISK_CH_TREATMENT,
	ISMS_RISK_CH_STATUS,
	ISMS_RISK_CH_OWNER,
	ISMS_RISK_CH_DUE,
	ISMS_RISK_CH_REMOVED,
	ISMS_RISK_CH_COUNT
} isms_risk_change_kind;

/* "listed", "score", "treatment", "status", "owner", "due", "removed". */
const char *isms_risk_change_name(isms_risk_change_kind k);

typedef struct {
	guint32 commit;
	isms_risk_change_kind kind;
	char *from, *to; /* the values as written (score: isms_risk_score_text), or NULL */
	int lowered;     /* score: the score (or, without numbers, the level) went down */
	int reassessed;  /* score: the same commit changed the risk's status, treatment,
	                  * or a review date: a recorded reassessment */
} isms_risk_change;

/* One risk through its register's history. */
typedef struct {
	char *id;
	isms_risk *risk;        /* a reference: at the audited commit, or as last seen */
	guint32 first_seen;     /* commit that first listed it in this register */
	guint32 last_seen;      /* last commit whose version listed it */
	guint32 last_changed;   /* last commit that changed any cell of its row */
	guint32 removed;        /* commit that removed it (ISMS_NO_COMMIT if present) */
	guint32 accepted_since; /* commit that recorded its acceptance, or renewed it
	                         * (approver, expiry or review date changed while
	                         * accepted); ISMS_NO_COMMIT unless accepted */
	int due_changes;        /* times its typed due date changed */
	GArray *changes;        /* isms_risk_change, oldest first */
	/* across registers: */
	guint32 first_listed; /* first commit that listed it in any risk register */
	int listed_elsewhere; /* another risk register holds it at the audited commit */
} isms_risk_history;

/* A risk register document and the history of its risks. */
typedef struct {
	const isms_document *doc;
	int declared;                /* by its type or `risk_registers`, not only its tables */
	isms_risk_register *current; /* the audited version (owned), never NULL */
	GPtrArray *risks;            /* isms_risk_history *, in order of first listing */
	guint versions;              /* distinct versions replayed */
	guint unread;                /* versions skipped: the parse budget was spent */
} isms_risk_model;

/* Whether a document is a risk register by its type (`risk-register`,
 * compared as a header key) or a path under `risk_registers`. */
int isms_risk_declared(const isms_audit *audit, const isms_document *doc);

/*
 * If the document at `path` whose audited version is event `e` (read as
 * `meta`) is a risk register by its type or `risk_registers`, count
 * against the parse budget what the replay will take to read that version
 * in full, so that the histories read after it cannot leave its risks at
 * the audited commit unread (as isms_register_reserve() does for the
 * issues registers). Called by isms_audit_open() with the audited versions.
 */
void isms_risk_reserve(isms_audit *audit, const char *path, const isms_path_event *e,
                       const isms_meta *meta);

/*
 * Find the risk registers among the documents and replay each version by
 * version, filling audit->risk_registers (by path). Called by
 * isms_audit_open() and, for a derived model, by isms_audit_open_at(),
 * which replays the documents' histories as cut at its commit. Returns 0
 * or ISMS_EREPO.
 */
int isms_audit_replay_risks(isms_audit *audit);

/* Where an accepted risk stands with its acceptance on the audit date. */
typedef struct {
	guint32 since;    /* the commit that recorded the acceptance or renewed it */
	isms_day until;   /* the typed expiry, else since's date + risk_acceptance_months */
	int typed;        /* until is the typed acceptance expiry */
	int days_expired; /* days since until, when it has passed; else 0 */
} isms_risk_acceptance;

/* Whether a risk present at the audited commit is accepted; if so fills
 * *out (decided once for the rules, the metrics and the reports). */
int isms_risk_acceptance_of(const isms_audit *audit, const isms_risk_history *h,
                            isms_risk_acceptance *out);

/* Where a risk stands with its review on the audit date. */
typedef struct {
	isms_day due;     /* its next_review, else last_reviewed + risk_review_months,
	                   * else the date of the last commit that changed its row
	                   * plus risk_review_months */
	int by_row;       /* no review date: due from the row's last change */
	int days_overdue; /* days since due, when it has passed; else 0 */
} isms_risk_review;

/* The review state of a risk present at the audited commit. */
void isms_risk_review_of(const isms_audit *audit, const isms_risk_history *h,
                         isms_risk_review *out);

#endif
