#ifndef ISMS_REGISTER_HISTORY_H
#define ISMS_REGISTER_HISTORY_H

#include <glib.h>

#include "isms/document.h"
#include "isms/register.h"

/*
 * The issues-and-actions registers replayed through history: every item
 * from its first listing to its removal, with its status transitions and
 * closures, followed across registers.
 */

typedef struct isms_audit isms_audit;

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
	guint unread;           /* versions skipped: the parse budget was spent */
} isms_register_model;

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
 * If the document at `path` whose audited version is event `e` (read as
 * `meta`) is a register, count against the parse budget what the replay
 * will take to read that version in full, so that the histories read
 * after it cannot leave the register's items at the audited commit
 * unread. Called by isms_audit_open() with the audited versions.
 */
void isms_register_reserve(isms_audit *audit, const char *path, const isms_path_event *e,
                           const isms_meta *meta);

/* How many times models derived from `audit` copied a register snapshot
 * instead of replaying the register; *unused: snapshots never copied. */
guint isms_audit_snapshot_uses(const isms_audit *audit, guint *unused);

#endif
