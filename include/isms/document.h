#ifndef ISMS_DOCUMENT_H
#define ISMS_DOCUMENT_H

#include <glib.h>

#include "isms/date.h"
#include "isms/history.h"
#include "isms/meta.h"

/*
 * A controlled document of the audit model: its path and identity at the
 * audited commit, its audited version's metadata, and what the history
 * walk proved about it (the commits that added and changed it, the commit
 * that set each field). Built by isms_audit_open(); rules and reports read
 * it, and decide whether it is readable, reviewable or overdue only
 * through the functions below.
 */

typedef struct {
	char *path;              /* at the audited commit */
	char *identity;          /* `id` from front matter, else the path */
	char *type;              /* its own `type`, else the one `types:` gives its path; "" none */
	guint32 mode;            /* git file mode at the audited commit */
	const isms_meta *meta;   /* the audited version; owned by the blob cache */
	GArray *touches;         /* guint32 commit indexes that changed it, oldest first */
	GPtrArray *former_paths; /* char *: earlier paths (renames kept by id or content) */
	guint32 first;           /* commit that added it */
	guint32 last_change;     /* last commit that changed it */
	guint32 last_body_change; /* last commit that changed the text after the front matter */
	guint32 field_since[ISMS_F_COUNT]; /* commit that set the current value of each field */
	GArray *unbumped; /* guint32: body changes after the commit that set `version` */
	GArray *versions; /* isms_path_event: every version, oldest first, across renames */
	guint unread;     /* versions not read: the parse budget was spent (ISMS_META_BUDGET) */
	int is_record;    /* its type is a record type */
	int in_force;     /* approved or without status */
	int has_review_due;
	isms_day review_due;
	/* set by isms_audit_build_management(): */
	GPtrArray *clauses; /* char *: canonical clauses it declares or stands for by its kind */
	guint declared_clauses; /* how many of them it declares (front matter or the
	                         * configuration's `clauses:`), not by its kind; first */
	int is_register;        /* replayed as a register */
	int is_soa;             /* `type: soa` or listed under `soa` */
} isms_document;

/* Whether a document declares `clause` (canonical) in `clauses`, or stands
 * for it by its kind (the register for 10.2, the SoA for 6.1.3 d...). */
int isms_document_declares(const isms_document *doc, const char *clause);

/* Whether a document's audited version can be read as text: not a symbolic
 * link, no NUL byte, within max_file_size, the Markdown limits and the
 * parse budget. */
int isms_document_readable(const isms_document *doc);

/* Whether a document is held to review cycles and staleness: readable,
 * in force, not a record. The review rules and the HTML charts count these. */
int isms_document_reviewable(const isms_document *doc);

/* The default window, in days, within which a review still to come is due
 * soon. */
#define ISMS_REVIEW_SOON_DAYS 30

/* Where a document stands with its review on a given day. */
typedef enum {
	ISMS_REVIEW_NOT_HELD, /* not held to review (isms_document_reviewable) */
	ISMS_REVIEW_NO_DATE,  /* no next_review, no last_reviewed */
	ISMS_REVIEW_CURRENT,
	ISMS_REVIEW_DUE_SOON, /* due today or within the window */
	ISMS_REVIEW_OVERDUE   /* the due day has passed */
} isms_review_state;

typedef struct {
	isms_review_state state; /* ISMS_REVIEW_NOT_HELD for a document not held to review */
	/* what the due day alone says, held to review or not: never
	 * ISMS_REVIEW_NOT_HELD, and equal to state for a document held to it */
	isms_review_state dated;
	isms_day due;     /* unless dated is ISMS_REVIEW_NO_DATE */
	int days_overdue; /* days since the due day when dated is overdue, else 0 */
	int days_left;    /* days until the due day (0: due today) when dated is
	                   * current or due soon, else 0 */
} isms_review;

/*
 * Decide once where a document stands with its review on `today`: not held
 * to review, without a review date, current, due soon (due today or within
 * `soon_days` days, which must not be negative; ISMS_REVIEW_SOON_DAYS by
 * default) or overdue, with the due day and the days overdue or left. The
 * state of the due day is also given for a document not held to review,
 * for what lists every document in force that has a due day (coverage).
 * Fills *out and returns out->state.
 */
isms_review_state isms_document_review(const isms_document *doc, isms_day today, int soon_days,
                                       isms_review *out);

/* The words for a review state ("current", "due soon", "overdue", "no
 * review date", "not reviewed"); static. */
const char *isms_review_state_name(isms_review_state state);

/* The document type: its own `type` when usable, else the one the
 * configuration's `types:` gives its path ("" if none). Borrowed. */
const char *isms_document_type(const isms_document *doc);

#endif
