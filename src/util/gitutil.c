#include "isms/gitutil.h"

#include <string.h>

#include "isms/error.h"

int isms_git_error(const char *where)
{
	const git_error *e = git_error_last();

	return isms_error_set(ISMS_EREPO, "%s: %s", where,
	                      e && e->message ? e->message : "unknown error");
}

int isms_git_check_head(git_repository *repo, const char *root)
{
	git_reference *head = NULL;
	git_reference_iterator *it = NULL;
	git_reference *any = NULL;
	int error = 0;

	if (git_repository_head_unborn(repo) != 1 && git_repository_is_empty(repo) != 1)
		return 0;
	/* other branches may have commits: say which one HEAD names */
	if (git_reference_iterator_new(&it, repo) == 0 && git_reference_next(&any, it) == 0 &&
	    git_reference_lookup(&head, repo, "HEAD") == 0 &&
	    git_reference_type(head) == GIT_REFERENCE_SYMBOLIC)
		error = isms_error_set(ISMS_EREPO, "%s: HEAD names '%s', which has no commits",
		                       root, git_reference_symbolic_target(head));
	else
		error = isms_error_set(ISMS_EREPO, "%s: the repository has no commits", root);
	git_reference_free(head);
	git_reference_free(any);
	git_reference_iterator_free(it);
	return error;
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

int isms_git_resolve_commit(git_repository *repo, const char *rev, git_oid *out)
{
	git_object *obj = NULL, *commit = NULL;
	int bad = git_revparse_single(&obj, repo, rev) < 0 ||
	          git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) < 0;

	if (!bad)
		*out = *git_object_id(commit);
	git_object_free(commit);
	git_object_free(obj);
	return bad ? -1 : 0;
}

int isms_git_base_commit(git_repository *repo, const char *root, const git_oid *tip,
                         const char *rev, git_oid *out, int *merge_base)
{
	git_oid given;

	if (isms_git_resolve_commit(repo, rev, &given) < 0)
		return isms_error_set(
		    ISMS_EREPO,
		    "%s: --base '%s' is not a commit of the repository (a shallow or "
		    "single-branch clone may lack it: fetch it, or set fetch-depth: 0 "
		    "on actions/checkout)",
		    root, rev);
	if (git_merge_base(out, repo, tip, &given) < 0)
		return isms_error_set(ISMS_EREPO,
		                      "%s: --base '%s' shares no history with the audited "
		                      "commit",
		                      root, rev);
	*merge_base = !git_oid_equal(out, &given);
	return 0;
}
