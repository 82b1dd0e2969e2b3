#ifndef ISMS_GITUTIL_H
#define ISMS_GITUTIL_H

#include <git2.h>
#include <glib.h>

/* Small bridges between libgit2 and the rest of the library. */

/* Record libgit2's last error as ISMS_EREPO, prefixed by `where` (a path
 * or an object id); returns ISMS_EREPO. */
int isms_git_error(const char *where);

/* The commit a revision (id, branch, tag, `HEAD~1`...) names, into *out;
 * returns 0 or -1 (no such revision, or not a commit). No message is
 * recorded: callers say what the revision was for. */
int isms_git_resolve_commit(git_repository *repo, const char *rev, git_oid *out);

/* Whether HEAD names a commit: 0, or ISMS_EREPO naming `root` and why not
 * (no commits at all, or HEAD on a branch that has none). */
int isms_git_check_head(git_repository *repo, const char *root);

/* GHashTable callbacks for git_oid keys. */
guint isms_oid_hash(gconstpointer oid);
gboolean isms_oid_equal(gconstpointer a, gconstpointer b);

#endif
