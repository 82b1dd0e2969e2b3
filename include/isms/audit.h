#ifndef ISMS_AUDIT_H
#define ISMS_AUDIT_H

#include <git2.h>
#include <glib.h>

#include "isms/config.h"
#include "isms/date.h"
#include "isms/meta.h"
#include "isms/history.h"
#include "isms/register.h"
#include "isms/soa.h"

/*
 * The audit model: the repository opened at the audited commit, the one
 * history walk, and every controlled document with its history. Rules read
 * it; nothing in the audited repository is executed or written.
 */

#define ISMS_NO_COMMIT G_MAXUINT32

typedef struct {
	char *path;               /* at the audited commit */
	char *identity;           /* `id` from front matter, else the path */
	guint32 mode;             /* git file mode at the audited commit */
	const isms_meta *meta;    /* the audited version; owned by the blob cache */
	GArray *touches;          /* guint32 commit indexes that changed it, oldest first */
	GPtrArray *former_paths;  /* char *: earlier paths (renames kept by id or content) */
	guint32 first;            /* commit that added it */
	guint32 last_change;      /* last commit that changed it */
	guint32 last_body_change; /* last commit that changed the text after the front matter */
	guint32 field_since[ISMS_F_COUNT]; /* commit that set the current value of each field */
	GArray *unbumped; /* guint32: body changes after the commit that set `version` */
	GArray *versions; /* isms_path_event: every version, oldest first, across renames */
	int is_record;    /* its type is a record type */
	int in_force;     /* approved or without status */
	int has_review_due;
	isms_day review_due;
	/* set by isms_audit_build_management(): */
	GPtrArray *clauses; /* char *: canonical clauses it declares or stands for by its kind */
	int is_register;    /* replayed as a register */
	int is_soa;         /* `type: soa` or listed under `soa` */
} isms_document;

/* A status change of a register item. */
typedef struct {
	isms_item_state from, to; /* from is ISMS_STATE_UNKNOWN when first seen */
	guint32 commit;
} isms_transition;

/* A change to what an item recorded about itself: its raised date, or its
 * description once it was closed. */
typedef struct {
	guint32 commit;
	isms_column column; /* ISMS_COL_RAISED or ISMS_COL_DESCRIPTION */
} isms_rewrite;

/* One register item through the register's history. */
typedef struct {
	char *id;
	const isms_reg_item *item; /* at the audited commit, or the last version seen */
	isms_reg_item *kept;       /* owned copy of the last version seen, once removed */
	guint32 first_seen;
	guint32 last_seen;
	guint32 closed_seen; /* first commit that recorded it closed */
	guint32 removed;     /* commit that removed it (ISMS_NO_COMMIT if present) */
	isms_item_state state_when_removed;
	int due_changes;
	GArray *transitions; /* isms_transition */
	GArray *rewrites;    /* isms_rewrite: its recorded nature changed */
	/* across registers (an item moved to an archive has a history in each): */
	guint32 first_listed; /* first commit that listed it in any register */
	guint32 closure;      /* commit that recorded its current closure, or
	                       * ISMS_NO_COMMIT; an item that arrived closed from
	                       * another register keeps the closure recorded there */
	int listed_elsewhere; /* another register holds it at the audited commit */
} isms_item_history;

/* A register document and the history of its items. */
typedef struct {
	const isms_document *doc;
	isms_register *current; /* the audited version (owned) */
	GPtrArray *items;       /* isms_item_history *, in order of first appearance */
	guint versions;         /* distinct versions replayed */
} isms_register_model;

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

struct isms_audit {
	isms_config config;
	git_repository *repo;
	char *root; /* work tree (or git dir of a bare repository) */
	isms_history history;
	isms_day today;                /* the audit date */
	int shallow;                   /* history is cut: dates are unproven */
	GHashTable *shallow_cut;       /* commits whose parents are missing, or NULL */
	GPtrArray *documents;          /* isms_document *, sorted by path */
	GHashTable *metas;             /* git_oid * -> isms_meta *: each blob parsed once */
	GPtrArray *registers;          /* isms_register_model *, by path */
	GPtrArray *coverage;           /* isms_coverage *, in the order of config.mandatory */
	GPtrArray *soas;               /* isms_soa_model *: SoA documents in force, by path */
	GPtrArray *records;            /* isms_record *: reviews and audits in force, by path */
	GHashTable *tracked;           /* ids of every item any register has held (set) */
	GArray *checkpoints;           /* guint32 commit indexes, ascending: models derived
	                                * there find their registers in `snapshots` */
	GHashTable *snapshots;         /* commit index -> GPtrArray of register snapshots */
	const struct isms_audit *base; /* a model as of an earlier day: its repository,
	                                * configuration and parsed blobs are the base's */
};

typedef struct isms_audit isms_audit;

typedef struct {
	const char *path;        /* a folder inside the work tree, or a git dir */
	const char *config_path; /* --config FILE, or NULL for .isms-audit.yml */
	int has_as_of;
	isms_day as_of; /* audit the branch as it stood at the end of this day */
	int allow_shallow;
	const char *rev;           /* the commit to audit (a revision), or NULL: HEAD */
	int lean;                  /* no model will be derived from this one (no
	                            * trend, no base): the front matter of versions
	                            * other than the audited ones is let go once the
	                            * documents are built, which halves the memory of
	                            * a long history */
	const GArray *checkpoints; /* isms_day, or NULL: days whose models will be
	                            * derived with isms_audit_open_at() (a trend);
	                            * the one register replay keeps their state */
} isms_audit_options;

#define ISMS_AUDIT_OPTIONS_INIT                                                                    \
	{                                                                                          \
		".", NULL, 0, 0, 0, NULL, 0, NULL                                                  \
	}

/*
 * Open the repository, resolve the audited commit, load the configuration,
 * walk the history once and build the model. Returns 0 and a model in *out
 * (free with isms_audit_free), or ISMS_EUSAGE (configuration), ISMS_EREPO
 * (repository, empty history, no commit by the as-of date) or ISMS_ESHALLOW.
 */
int isms_audit_open(isms_audit **out, const isms_audit_options *opts);

void isms_audit_free(isms_audit *audit);

/* How many times models derived from `audit` copied a register snapshot
 * instead of replaying the register; *unused: snapshots never copied. */
guint isms_audit_snapshot_uses(const isms_audit *audit, guint *unused);

/* The last commit of the history recorded by the end of `day` (the branch
 * as it stood then), or ISMS_NO_COMMIT. */
guint32 isms_audit_commit_by(const isms_audit *audit, isms_day day);

/*
 * The model of `base` as it stood at its commit index `commit`, audited on
 * `today`: base's history walk cut after that commit, with base's
 * configuration and repository (borrowed) and its cache of parsed blobs
 * (shared: blobs the new model parses are added to it). No history is
 * walked again; registers are copied from the snapshots the base's replay
 * kept at its checkpoints, else replayed up to that commit. Free the result with isms_audit_free()
 * before the base. Returns 0 or an error of the model (ISMS_EREPO).
 */
int isms_audit_open_at(const isms_audit *base, guint32 commit, isms_day today, isms_audit **out);

/* The commit at an index of the history; borrowed. */
const isms_commit *isms_audit_commit(const isms_audit *audit, guint32 index);

/* The audited commit. */
const isms_commit *isms_audit_head(const isms_audit *audit);

/* The hex id of a commit index, into buf (GIT_OID_HEXSZ + 1 bytes). */
char *isms_audit_commit_hex(const isms_audit *audit, guint32 index, char *buf);

/*
 * Replay every register (documents of type `register` and paths listed
 * under `registers`) version by version and fill audit->registers. Only the
 * version being compared and the one before it are held in memory, plus a
 * snapshot of the replay at each checkpoint (rows shared with the versions).
 * A model derived from a base takes its registers from the base's snapshots
 * when they match. Called by isms_audit_open(); returns 0 or ISMS_EREPO.
 */
int isms_audit_replay_registers(isms_audit *audit);

/*
 * Build the management-system model from the documents and registers:
 * clause coverage, the SoA tables, management review and internal audit
 * records with the inputs they cover and the item ids they name. Reads the
 * audited version of those documents. Called by isms_audit_open();
 * returns 0 or ISMS_EREPO.
 */
int isms_audit_build_management(isms_audit *audit);

/* The author of a commit of the history; returns 0 and strings the caller
 * frees (g_free), or ISMS_EREPO. */
int isms_audit_commit_author(const isms_audit *audit, guint32 index, char **name, char **email);

/* Whether a document declares `clause` (canonical) in `clauses`, or stands
 * for it by its kind (the register for 10.2, the SoA for 6.1.3 d...). */
int isms_document_declares(const isms_document *doc, const char *clause);

/* What a front matter key that is no document field means to records
 * ("internal audit auditor" for `auditor`), or NULL. */
const char *isms_record_key(const char *key);

/* Whether a document's audited version can be read as text: not a symbolic
 * link, no NUL byte, within max_file_size and the table limits. */
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

/* The document type ("" if none). */
const char *isms_document_type(const isms_document *doc);

#endif
