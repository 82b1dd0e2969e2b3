#ifndef ISMS_HISTORY_H
#define ISMS_HISTORY_H

#include <git2.h>
#include <glib.h>

#include "isms/config.h"
#include "isms/date.h"

/*
 * The one history walk of a run: the first-parent chain of the audited
 * commit (what landed on the audited branch, when it landed), oldest first,
 * and for every audited path the commits that added, changed or deleted it.
 *
 * Each commit's tree is compared with its first parent's entry by entry,
 * skipping every subtree whose id is unchanged, so the cost follows what
 * changed, not the size of the tree (git_diff_tree_to_tree would expand
 * every subtree).
 */

/* An index into isms_history.commits that names no commit. */
#define ISMS_NO_COMMIT G_MAXUINT32

typedef struct {
	git_oid id;
	int64_t time;  /* committer time, seconds: any 64-bit value */
	isms_day date; /* committer date, UTC day; ISMS_DAY_UNKNOWN outside the
	                * years 1970 to 9999 (ISMS-BAD-COMMIT-DATE) */
} isms_commit;

typedef struct {
	guint32 commit; /* index into isms_history.commits */
	guint32 mode;   /* git file mode; 0 when the path was deleted */
	git_oid blob;
} isms_path_event;

typedef struct {
	GArray *commits;   /* isms_commit, oldest first; the last is audited */
	GHashTable *paths; /* char *path -> GArray of isms_path_event */
} isms_history;

void isms_history_init(isms_history *h);
void isms_history_dispose(isms_history *h);

/*
 * Walk the first-parent chain ending at `tip` and record the events of
 * every path `cfg` wants. `cut` (may be NULL) holds the commits whose
 * parents a shallow clone lacks (its `shallow` file): the walk ends there.
 * Any other error from libgit2 is fatal (a damaged history must never pass
 * for the end of history): returns 0 or ISMS_EREPO with a message.
 */
int isms_history_walk(git_repository *repo, const git_oid *tip, const isms_config *cfg,
                      GHashTable *cut, isms_history *out);

/*
 * The commits of a shallow clone whose parents are missing, read from the
 * repository's `shallow` file, as a set of git_oid (NULL if the repository
 * is not shallow). Free with g_hash_table_destroy().
 */
GHashTable *isms_history_shallow_cut(git_repository *repo);

/* The events of `path`, or NULL. Borrowed. */
const GArray *isms_history_events(const isms_history *h, const char *path);

#endif
