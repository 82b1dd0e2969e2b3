#ifndef ISMS_GITUTIL_H
#define ISMS_GITUTIL_H

#include <git2.h>
#include <glib.h>

/* Small bridges between libgit2 and the rest of the library. */

/* Record libgit2's last error as ISMS_EREPO, prefixed by `where` (a path
 * or an object id); returns ISMS_EREPO. */
int isms_git_error(const char *where);

/* GHashTable callbacks for git_oid keys. */
guint isms_oid_hash(gconstpointer oid);
gboolean isms_oid_equal(gconstpointer a, gconstpointer b);

#endif
