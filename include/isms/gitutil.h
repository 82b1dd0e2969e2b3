#ifndef ISMS_GITUTIL_H
#define ISMS_GITUTIL_H

#include <git2.h>
#include <glib.h>

/* Small bridges between libgit2 and the rest of the library. */

/*
 * Open the repository that holds the folder `path`, as the audit and
 * `init` see it: `path` resolved to its real location, the repository is
 * the one whose work tree contains it (the nearest `.git` above it, as git
 * finds it). A bare repository is opened only when it is `path` itself and
 * `path` is in no work tree, as git's `safe.bareRepository=explicit` does,
 * so a folder of a work tree that holds a bare repository's files (HEAD,
 * objects/, refs/) is never taken for a repository; and a symbolic link in
 * `path` that lives in a work tree must lead into that work tree, so a link
 * committed to a checkout cannot have another folder audited. The
 * repository goes to *out (free with git_repository_free()), its work tree
 * (or the bare repository's folder) without a trailing slash to *root
 * (caller frees). Returns 0 or ISMS_EREPO with a message that keeps
 * libgit2's reason and names the fix: not a folder, not in a repository, a
 * link out of a work tree, a repository owned by another user (add it to
 * `safe.directory`), a SHA-256 repository (not supported by this libgit2),
 * a partial clone (its missing objects cannot prove content).
 */
int isms_git_open(git_repository **out, char **root, const char *path);

/* Record libgit2's last error as ISMS_EREPO, prefixed by `where` (a path
 * or an object id); returns ISMS_EREPO. */
int isms_git_error(const char *where);

/* The commit a revision (id, branch, tag, `HEAD~1`...) names, into *out;
 * returns 0 or -1 (no such revision, or not a commit). No message is
 * recorded: callers say what the revision was for. */
int isms_git_resolve_commit(git_repository *repo, const char *rev, git_oid *out);

/*
 * The commit a change from `rev` to `tip` is compared with (check --base):
 * `rev`'s commit, or their merge base when it is not an ancestor of `tip`
 * (*merge_base then set). Returns 0 and the commit in *out, or ISMS_EREPO
 * naming `root` and why: `rev` names no commit (a shallow or single-branch
 * clone may lack it), or shares no history with `tip`.
 */
int isms_git_base_commit(git_repository *repo, const char *root, const git_oid *tip,
                         const char *rev, git_oid *out, int *merge_base);

/* Whether HEAD names a commit: 0, or ISMS_EREPO naming `root` and why not
 * (no commits at all, or HEAD on a branch that has none). */
int isms_git_check_head(git_repository *repo, const char *root);

/* GHashTable callbacks for git_oid keys. */
guint isms_oid_hash(gconstpointer oid);
gboolean isms_oid_equal(gconstpointer a, gconstpointer b);

#endif
