#ifndef ISMS_APPROVAL_H
#define ISMS_APPROVAL_H

#include <git2.h>
#include <glib.h>

#include "isms/config.h"
#include "isms/document.h"
#include "isms/people.h"

/*
 * Approval evidence read from the history (clause 7.5.2 b, 5.3, Annex A
 * 5.3): for each first-parent commit that changed a controlled document's
 * text, its review dates or its version, who authored the change, who
 * approved it and how that is known. Built once per model after the
 * documents; only the commits that changed controlled documents are read,
 * each once (models derived from this one share what was read).
 *
 * - A merge commit: the change's authors are the authors of the commits
 *   its second parent brought (reachable from it and not from the first
 *   parent, at most ISMS_APPROVAL_MAX_MERGED); the approver is the merge
 *   commit's author, or its committer when the author is a bot or a forge.
 * - Approval trailers (`approval_trailers`: Approved-by, Reviewed-by,
 *   Acked-by) in the commit's message name approvers of any commit;
 *   `Co-authored-by` names authors.
 * - A commit the forge committed (`GitHub <noreply@github.com>`): a squash
 *   or rebase merge (`(#123)` in the subject), or an edit in the forge's
 *   web pages; without a trailer its approval happened outside Git.
 * - Any other commit without a trailer is a direct commit: no evidence.
 * A `gpgsig` header is recorded; signatures are not verified.
 */

/* The most merged commits whose authors are read for one merge. */
#define ISMS_APPROVAL_MAX_MERGED 1000

typedef enum {
	ISMS_CHANGE_DIRECT, /* a commit made on the branch */
	ISMS_CHANGE_MERGE,  /* a merge commit: its second parent brought the change */
	ISMS_CHANGE_FORGE   /* committed by a forge: a squash or rebase merge, a web edit */
} isms_change_kind;

typedef enum {
	ISMS_APPROVAL_INDEPENDENT, /* an approver who is none of its authors */
	ISMS_APPROVAL_SELF,        /* approvers, every one of them an author */
	ISMS_APPROVAL_UNKNOWN,     /* approved outside Git, if at all: a forge's merge
	                            * or a bot's merge without a trailer */
	ISMS_APPROVAL_NONE         /* a direct commit without an approval trailer */
} isms_approval_state;

#define ISMS_APPROVAL_STATES 4

/* How a party of a change is known. */
typedef enum {
	ISMS_KNOWN_AUTHOR,    /* the commit's author */
	ISMS_KNOWN_MERGED,    /* the author of a commit the merge brought */
	ISMS_KNOWN_COAUTHOR,  /* a Co-authored-by trailer */
	ISMS_KNOWN_MERGER,    /* the merge commit's author */
	ISMS_KNOWN_COMMITTER, /* the merge commit's committer (its author a bot or forge) */
	ISMS_KNOWN_TRAILER    /* an approval trailer */
} isms_known_by;

typedef struct {
	guint32 person;     /* isms_people index */
	char *name, *email; /* as written ("" when absent) */
	isms_known_by how;  /* the first way it was known */
	char *trailer;      /* the trailer's key as written (trailers), else NULL */
} isms_party;

/* The approval evidence of one first-parent commit. */
typedef struct {
	guint32 commit; /* index into the history */
	isms_change_kind kind;
	isms_approval_state state;
	int is_signed;        /* a gpgsig header: on the merge commit for a merge */
	guint pull_request;   /* "(#123)", "Merge pull request #123", "!123"; 0 if none */
	char *forge;          /* the forge that committed it (ISMS_CHANGE_FORGE), or NULL */
	GPtrArray *authors;   /* isms_party *: one per person, in the order found */
	GPtrArray *approvers; /* isms_party *: one per person */
	guint merged;         /* commits the merge brought */
	int merged_cut;       /* more than ISMS_APPROVAL_MAX_MERGED: authors incomplete */
	int authors_unknown;  /* a shallow clone lacks the merged commits */
} isms_commit_approval;

/* What a change did to its document. */
enum {
	ISMS_CHANGED_ADDED = 1 << 0,   /* the first version */
	ISMS_CHANGED_TEXT = 1 << 1,    /* the text after the front matter */
	ISMS_CHANGED_REVIEW = 1 << 2,  /* last_reviewed or next_review */
	ISMS_CHANGED_VERSION = 1 << 3, /* set the current version */
	ISMS_CHANGED_IN_FORCE = 1 << 4 /* put in force: a draft (or a retired
	                                * document) approved */
};

/* One change of a document and its commit's evidence (borrowed). */
typedef struct {
	guint32 commit;
	unsigned what;    /* ISMS_CHANGED_* bits */
	int not_in_force; /* the version it made is a draft or retired */
	const isms_commit_approval *approval;
} isms_doc_change;

typedef struct isms_approval_cache isms_approval_cache;

typedef struct {
	isms_approval_cache *cache; /* commits read: shared by derived models */
	GHashTable *changes;        /* const isms_document * -> GArray of isms_doc_change */
	guint32 first_evidence;     /* first commit showing approval evidence, or
	                             * ISMS_NO_COMMIT */
} isms_approvals;

typedef struct isms_audit isms_audit;

/*
 * Read the approval evidence of the model's documents (not records, not
 * registers): every change from approval_since on (or, by default, from
 * the first commit showing evidence) and the changes since the current
 * version was set. A model derived with isms_audit_open_at() shares the
 * commits its base read. Called by isms_audit_open() and
 * isms_audit_open_at(); returns 0 or ISMS_EREPO.
 */
int isms_audit_build_approvals(isms_audit *audit);

void isms_approvals_free(isms_approvals *approvals);

/* The changes of a document with their evidence, oldest first, or NULL
 * for a document held to no approval (records, registers). Borrowed. */
const GArray *isms_approval_changes(const isms_audit *audit, const isms_document *doc);

/* The index into isms_approval_changes() of the change that set the
 * document's current version (else the one that set its current text):
 * the approval trail runs from it to the last change. */
guint isms_approval_trail_start(const isms_audit *audit, const isms_document *doc);

/* Whether a commit shows that changes are reviewed, as the default
 * approval_since looks for it: a merge, an approval trailer of `cfg`, or
 * a forge's merge of a numbered request (`init` suggests approval_since
 * from the first such commit). */
int isms_approval_evidence_in(const git_commit *commit, const isms_config *cfg);

/* Whether the changes of a commit are held to approval: on or after
 * approval_since, or by default at or after the first commit showing
 * evidence (none when no commit does). */
int isms_approval_judged(const isms_audit *audit, guint32 commit);

/* Whether a change of a document is held to approval: its commit is
 * judged (isms_approval_judged) and the version it made is in force. The
 * changes of a draft are not (ISMS-NOT-APPROVED counts the drafts); the
 * change that puts it in force is, as a change of its text is. */
int isms_approval_change_judged(const isms_audit *audit, const isms_doc_change *change);

/* The people of the model (shared with derived models). Borrowed. */
const isms_people *isms_approval_people(const isms_audit *audit);

/* Whether one of the change's approvers is the person or role `text`
 * names (a document's `approver`). */
int isms_approval_by(const isms_audit *audit, const isms_commit_approval *ca, const char *text);

/* The approval summary of the HTML report: the judged changes (text or
 * review dates) of the documents in force by approval state, in the
 * calendar quarters ending with the audit date's, oldest first. A commit
 * that changed several documents counts once for each. */
#define ISMS_APPROVAL_QUARTERS 8

typedef struct {
	int year, quarter;                 /* 2026, 1..4 */
	int changes[ISMS_APPROVAL_STATES]; /* by isms_approval_state */
} isms_approval_quarter;

void isms_approval_quarters(const isms_audit *audit,
                            isms_approval_quarter out[ISMS_APPROVAL_QUARTERS]);

/* "independent", "self", "unknown", "none"; "merge", "direct", "forge";
 * "author", "merged", "co-author", "merger", "committer", "trailer". */
const char *isms_approval_state_name(isms_approval_state state);
const char *isms_change_kind_name(isms_change_kind kind);
const char *isms_known_by_name(isms_known_by how);

#endif
