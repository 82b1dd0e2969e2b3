/* realpath() is XSI */
#define _XOPEN_SOURCE 700

#include "isms/gitutil.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* ---- opening the repository ------------------------------------------------ */

/* Whether the real path `path` is the real folder `dir` or below it. */
static int within(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	while (n > 0 && dir[n - 1] == '/')
		n--;
	return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* The top of the work tree holding the real folder `dir`: the nearest
 * folder at or above it with a `.git` (a folder, or a file naming one, as
 * a linked worktree has), not crossing into another file system, as git
 * searches. NULL when there is none; caller frees. A pull request cannot
 * commit a `.git` (git refuses the name), so the work tree found is the
 * checkout's. */
static char *worktree_top(const char *dir)
{
	char *d = g_strdup(dir);
	struct stat st;
	dev_t dev;

	if (stat(d, &st) < 0) {
		g_free(d);
		return NULL;
	}
	dev = st.st_dev;
	for (;;) {
		char *git = g_build_filename(d, ".git", NULL);
		int found = stat(git, &st) == 0 && (S_ISDIR(st.st_mode) || S_ISREG(st.st_mode));
		char *up;
		g_free(git);
		if (found)
			return d;
		up = g_path_get_dirname(d);
		if (strcmp(up, d) == 0 || stat(up, &st) < 0 || st.st_dev != dev) {
			g_free(up);
			g_free(d);
			return NULL;
		}
		g_free(d);
		d = up;
	}
}

/* A symbolic link in `path` that lives in a work tree must lead into that
 * work tree: a link committed to a checkout (`isms -> /other/checkout`)
 * would have another repository audited. Links outside any work tree (a
 * home folder's link to a checkout) are followed freely. */
static int check_links(const char *path)
{
	char **parts = g_strsplit(path, "/", -1);
	GString *at = g_string_new(path[0] == '/' ? "/" : "");
	int error = 0;

	for (int i = 0; parts[i] && error == 0; i++) {
		struct stat st;
		char *parent;
		if (!*parts[i] || strcmp(parts[i], ".") == 0)
			continue;
		parent = g_strdup(at->len ? at->str : ".");
		if (at->len && at->str[at->len - 1] != '/')
			g_string_append_c(at, '/');
		g_string_append(at, parts[i]);
		if (lstat(at->str, &st) == 0 && S_ISLNK(st.st_mode)) {
			char *where = realpath(parent, NULL), *to = realpath(at->str, NULL);
			char *top = where ? worktree_top(where) : NULL;
			if (top && to && !within(to, top))
				error =
				    isms_error_set(ISMS_EREPO,
				                   "%s: the symbolic link '%s' leads out of the "
				                   "work tree '%s' (to '%s'): a link in a work "
				                   "tree is followed only within it",
				                   path, at->str, top, to);
			g_free(top);
			free(to);
			free(where);
		}
		g_free(parent);
	}
	g_string_free(at, TRUE);
	g_strfreev(parts);
	return error;
}

/* The first of `dir` and its `.git` that another user owns (caller
 * frees), or NULL. */
static char *foreign_owned(const char *dir)
{
	const char *const names[] = {"", ".git"};
	struct stat st;

	for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
		char *p = g_build_filename(dir, names[i], NULL);
		if (stat(p, &st) == 0 && st.st_uid != geteuid())
			return p;
		g_free(p);
	}
	return NULL;
}

/* libgit2's refusal to open `dir` (the work tree, or a bare repository),
 * with the fix named. libgit2 refuses a repository another user owns
 * (GIT_EOWNER) unless `safe.directory` lists it; 1.5.1 says "config value
 * 'safe.directory' was not found" instead when no `safe.directory` is set
 * at all, and that case is told in the words of the other. */
static int open_error(int rc, const char *path, const char *dir, int in_worktree)
{
	const git_error *e = git_error_last();
	const char *msg = e && e->message ? e->message : "unknown error";
	int error;

	if (rc == GIT_EOWNER || (rc == GIT_ENOTFOUND && e && e->klass == GIT_ERROR_CONFIG &&
	                         strstr(msg, "safe.directory"))) {
		char *other = rc == GIT_EOWNER ? NULL : foreign_owned(dir);
		char *why = rc == GIT_EOWNER ? g_strdup(msg)
		                             : g_strdup_printf("repository path '%s/' is not owned "
		                                               "by current user",
		                                               other ? other : dir);
		error = isms_error_set(ISMS_EREPO,
		                       "%s: %s: if you trust it, run 'git config --global --add "
		                       "safe.directory %s'",
		                       path, why, dir);
		g_free(why);
		g_free(other);
		return error;
	}
	if (!in_worktree)
		return isms_error_set(ISMS_EREPO, "%s: not inside a git repository", path);
	return isms_error_set(ISMS_EREPO, "%s: %s", path, msg);
}

/* What this libgit2 cannot audit, as the repository's configuration `cfg`
 * (borrowed) says: a SHA-256 repository, a partial clone (the objects its
 * filter left out are not there to read). */
static int check_format(git_config *cfg, const char *root)
{
	git_config_entry *e = NULL;
	git_config_iterator *it = NULL;
	int error = 0, partial = 0, major, minor, rev;

	if (git_config_get_entry(&e, cfg, "extensions.objectformat") == 0 &&
	    g_ascii_strcasecmp(e->value, "sha1") != 0) {
		git_libgit2_version(&major, &minor, &rev);
		error = isms_error_set(ISMS_EREPO,
		                       "%s: a SHA-256 repository (extensions.objectformat is "
		                       "'%s'): libgit2 %d.%d.%d, which isms-audit is built with, "
		                       "does not support SHA-256 repositories",
		                       root, e->value, major, minor, rev);
		goto done;
	}
	git_config_entry_free(e);
	e = NULL;
	partial = git_config_get_entry(&e, cfg, "extensions.partialclone") == 0;
	/* remote.NAME.promisor, matched here: libgit2 1.5's regular
	 * expression iterator leaks its match data */
	if (!partial && git_config_iterator_new(&it, cfg) == 0) {
		git_config_entry *p;
		int yes;
		while (!partial && git_config_next(&p, it) == 0)
			partial = g_str_has_prefix(p->name, "remote.") &&
			          g_str_has_suffix(p->name, ".promisor") &&
			          git_config_parse_bool(&yes, p->value) == 0 && yes;
	}
	if (partial)
		error =
		    isms_error_set(ISMS_EREPO,
		                   "%s: a partial clone (--filter): the objects its filter left "
		                   "out cannot prove content; clone or fetch without a filter",
		                   root);
done:
	git_config_iterator_free(it);
	git_config_entry_free(e);
	return error;
}

/* check_format() on the configuration of the git folder `gitdir`, read
 * before libgit2 opens it: libgit2 1.5.1 leaks the match data of a regular
 * expression on every open of a repository with extensions (which a
 * partial clone and a SHA-256 repository have), and both are refused. */
static int check_format_before_open(const char *gitdir, const char *root)
{
	char *head = g_build_filename(gitdir, "HEAD", NULL);
	char *file = g_build_filename(gitdir, "config", NULL);
	git_config *cfg = NULL;
	int error = 0;

	if (g_file_test(head, G_FILE_TEST_IS_REGULAR) &&
	    g_file_test(file, G_FILE_TEST_IS_REGULAR) && git_config_open_ondisk(&cfg, file) == 0)
		error = check_format(cfg, root);
	git_config_free(cfg);
	g_free(file);
	g_free(head);
	return error;
}

int isms_git_open(git_repository **out, char **root, const char *path)
{
	/* opened only to be named by check_format() (a linked worktree's
	 * configuration is found only once open) */
	static const char *extensions[] = {"objectformat", "partialclone"};
	git_repository *repo = NULL;
	git_config *cfg = NULL;
	char *real = NULL, *top = NULL, *at = NULL, *wd = NULL;
	int error = 0, rc;

	*out = NULL;
	*root = NULL;
	if (!g_file_test(path, G_FILE_TEST_IS_DIR))
		return isms_error_set(ISMS_EREPO, "%s: %s", path,
		                      g_file_test(path, G_FILE_TEST_EXISTS) ? "not a directory"
		                                                            : "no such directory");
	if (!(real = realpath(path, NULL)))
		return isms_error_set(ISMS_EREPO, "%s: %s", path, strerror(errno));
	if ((error = check_links(path)) < 0)
		goto done;
	/* the work tree's own `.git`, or a bare repository at PATH itself and
	 * nothing else: libgit2's search would take any folder on the way up
	 * with HEAD, objects/ and refs/ for a bare repository */
	top = worktree_top(real);
	at = top ? g_build_filename(top, ".git", NULL) : g_strdup(real);
	if ((error = check_format_before_open(at, top ? top : real)) < 0)
		goto done;
	git_libgit2_opts(GIT_OPT_SET_EXTENSIONS, extensions, G_N_ELEMENTS(extensions));
	rc = git_repository_open_ext(
	    &repo, at, GIT_REPOSITORY_OPEN_NO_SEARCH | GIT_REPOSITORY_OPEN_NO_DOTGIT, NULL);
	git_libgit2_opts(GIT_OPT_SET_EXTENSIONS, NULL, (size_t)0);
	if (rc < 0) {
		error = open_error(rc, path, top ? top : real, top != NULL);
		goto done;
	}
	if (git_repository_is_bare(repo)) {
		if (top) { /* a `.git` that says it is bare: no work tree holds PATH */
			error = isms_error_set(ISMS_EREPO,
			                       "%s: '%s' is a bare repository: no work tree holds "
			                       "this folder",
			                       path, at);
			goto done;
		}
		*root = g_strdup(git_repository_path(repo));
	} else {
		wd = realpath(git_repository_workdir(repo), NULL);
		if (!wd || !within(real, wd)) {
			error = isms_error_set(
			    ISMS_EREPO, "%s: is outside the work tree '%s' of its repository", path,
			    wd ? wd : git_repository_workdir(repo));
			goto done;
		}
		*root = g_strdup(wd);
	}
	{
		size_t n = strlen(*root);
		if (n > 1 && (*root)[n - 1] == '/')
			(*root)[n - 1] = '\0';
	}
	if (git_repository_config_snapshot(&cfg, repo) < 0) {
		error = isms_git_error(*root);
		goto done;
	}
	if ((error = check_format(cfg, *root)) < 0)
		goto done;
	*out = repo;
	repo = NULL;
done:
	if (error < 0) {
		g_free(*root);
		*root = NULL;
	}
	git_config_free(cfg);
	git_repository_free(repo);
	free(wd);
	g_free(at);
	g_free(top);
	free(real);
	return error;
}
