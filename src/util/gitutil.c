#include "isms/gitutil.h"

#include <string.h>

#include "isms/error.h"

int isms_git_error(const char *where)
{
	const git_error *e = git_error_last();

	return isms_error_set(ISMS_EREPO, "%s: %s", where,
	                      e && e->message ? e->message : "unknown error");
}

guint isms_oid_hash(gconstpointer p)
{
	guint h;

	/* object ids are uniformly distributed: their first bytes will do */
	memcpy(&h, ((const git_oid *)p)->id, sizeof(h));
	return h;
}

gboolean isms_oid_equal(gconstpointer a, gconstpointer b)
{
	return git_oid_equal(a, b);
}
