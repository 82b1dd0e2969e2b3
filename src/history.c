#include "isms/history.h"

#include <string.h>

#include "isms/error.h"
#include "isms/gitutil.h"

static void free_events(gpointer p)
{
	g_array_free(p, TRUE);
}

void isms_history_init(isms_history *h)
{
	h->commits = g_array_new(FALSE, FALSE, sizeof(isms_commit));
	h->paths = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_events);
}

void isms_history_dispose(isms_history *h)
{
	if (!h || !h->commits)
		return;
	g_array_free(h->commits, TRUE);
	g_hash_table_destroy(h->paths);
	h->commits = NULL;
	h->paths = NULL;
}

const GArray *isms_history_events(const isms_history *h, const char *path)
{
	return g_hash_table_lookup(h->paths, path);
}

static void reverse(GArray *a)
{
	guint size = g_array_get_element_size(a);
	guint8 tmp[64];

	g_assert(size <= sizeof(tmp));
	for (guint i = 0, j = a->len ? a->len - 1 : 0; i < j; i++, j--) {
		memcpy(tmp, a->data + i * size, size);
		memcpy(a->data + i * size, a->data + j * size, size);
		memcpy(a->data + j * size, tmp, size);
	}
}

/* The first-parent chain from `tip` back to the root, oldest first, and
 * the root tree of each commit in `trees` (each commit is parsed once). */
static int collect_commits(git_repository *repo, const git_oid *tip, GHashTable *cut, GArray *out,
                           GArray *trees)
{
	git_oid id = *tip;
	int error = 0;

	for (;;) {
		git_commit *c = NULL;
		isms_commit ic;
		if (git_commit_lookup(&c, repo, &id) < 0) {
			char hex[GIT_OID_HEXSZ + 1];
			git_oid_tostr(hex, sizeof(hex), &id);
			error = isms_git_error(hex);
			break;
		}
		ic.id = id;
		ic.time = (int64_t)git_commit_time(c);
		ic.date = isms_date_from_time(ic.time);
		g_array_append_val(out, ic);
		g_array_append_val(trees, *git_commit_tree_id(c));
		if (git_commit_parentcount(c) == 0 || (cut && g_hash_table_contains(cut, &id))) {
			git_commit_free(c);
			break;
		}
		id = *git_commit_parent_id(c, 0);
		git_commit_free(c);
	}
	if (error == 0) {
		reverse(out); /* into chronological order */
		reverse(trees);
	}
	return error;
}

/* The trees read for one commit's new side are the next commit's old side:
 * `cur` keeps them (tree id -> git_tree *) and becomes `prev`, so every
 * tree is read from the object database once, with libgit2's object cache
 * turned off (its bookkeeping cost more than it saved). */
typedef struct {
	git_repository *repo;
	const isms_config *cfg;
	isms_history *hist;
	guint32 commit;
	GString *path;
	int depth;
	GHashTable *prev, *cur;
} walker;

static GHashTable *tree_table(void)
{
	return g_hash_table_new_full(isms_oid_hash, isms_oid_equal, NULL,
	                             (GDestroyNotify)git_tree_free);
}

/* The tree `id`, borrowed from the walker's tables. `new_side`: a tree of
 * the commit being compared, kept for the next one. */
static int get_tree(walker *w, const git_oid *id, int new_side, git_tree **out)
{
	git_tree *t = g_hash_table_lookup(w->prev, id);

	if (!t)
		t = g_hash_table_lookup(w->cur, id);
	if (!t) {
		if (git_tree_lookup(&t, w->repo, id) < 0)
			return isms_git_error(w->path->len ? w->path->str : "root tree");
		if (!new_side) {
			/* an old-side tree the previous commit did not descend into
			 * (unchanged there): kept until this commit is compared */
			g_hash_table_insert(w->prev, (gpointer)git_tree_id(t), t);
			*out = t;
			return 0;
		}
		g_hash_table_insert(w->cur, (gpointer)git_tree_id(t), t);
	} else if (new_side && !g_hash_table_contains(w->cur, id)) {
		/* unchanged in the previous commit's read set: move it over */
		g_hash_table_steal(w->prev, id);
		g_hash_table_insert(w->cur, (gpointer)git_tree_id(t), t);
	}
	*out = t;
	return 0;
}

/* Git itself refuses trees nested deeper (core.maxTreeDepth): a hostile
 * repository must not exhaust the stack. */
#define MAX_TREE_DEPTH 4096

static void record(walker *w, const git_tree_entry *e)
{
	isms_path_event ev = {w->commit, 0, {{0}}};
	GArray *events;

	if (e) {
		ev.mode = (guint32)git_tree_entry_filemode(e);
		ev.blob = *git_tree_entry_id(e);
	}
	events = g_hash_table_lookup(w->hist->paths, w->path->str);
	if (!events) {
		events = g_array_new(FALSE, FALSE, sizeof(isms_path_event));
		g_hash_table_insert(w->hist->paths, g_strdup(w->path->str), events);
	}
	g_array_append_val(events, ev);
}

static int is_tree(const git_tree_entry *e)
{
	return git_tree_entry_filemode(e) == GIT_FILEMODE_TREE;
}

static int is_file(const git_tree_entry *e)
{
	git_filemode_t m = git_tree_entry_filemode(e);

	return m == GIT_FILEMODE_BLOB || m == GIT_FILEMODE_BLOB_EXECUTABLE ||
	       m == GIT_FILEMODE_LINK;
}

/* Git's tree order: names compare bytewise, a tree as if followed by '/'. */
static int entry_cmp(const git_tree_entry *a, const git_tree_entry *b)
{
	const char *na = git_tree_entry_name(a), *nb = git_tree_entry_name(b);
	size_t la = strlen(na), lb = strlen(nb), n = la < lb ? la : lb;
	int c = memcmp(na, nb, n);
	unsigned char ca, cb;

	if (c != 0)
		return c;
	ca = la > n ? (unsigned char)na[n] : is_tree(a) ? '/' : 0;
	cb = lb > n ? (unsigned char)nb[n] : is_tree(b) ? '/' : 0;
	return ca < cb ? -1 : ca > cb ? 1 : 0;
}

static int diff_trees(walker *w, const git_oid *old_id, const git_oid *new_id);

/* One side of a pair changed: descend or record. `old`/`new` may be NULL. */
static int visit(walker *w, const git_tree_entry *old, const git_tree_entry *new)
{
	size_t len = w->path->len;
	const git_tree_entry *any = new ? new : old;
	int error = 0;

	if (len > 0)
		g_string_append_c(w->path, '/');
	g_string_append(w->path, git_tree_entry_name(any));

	/* a file replaced by a folder (or back) is a delete and an add */
	if (old && new &&is_tree(old) != is_tree(new)) {
		g_string_truncate(w->path, len);
		if ((error = visit(w, old, NULL)) < 0)
			return error;
		return visit(w, NULL, new);
	}
	if (is_tree(any)) {
		if (w->depth >= MAX_TREE_DEPTH) {
			error =
			    isms_error_set(ISMS_EREPO, "%s: folders nested deeper than %d levels",
			                   w->path->str, MAX_TREE_DEPTH);
		} else if (isms_config_wants_dir(w->cfg, w->path->str)) {
			w->depth++;
			error = diff_trees(w, old ? git_tree_entry_id(old) : NULL,
			                   new ? git_tree_entry_id(new) : NULL);
			w->depth--;
		}
	} else if (is_file(any) && isms_config_wants_file(w->cfg, w->path->str)) {
		if (new && !is_file(new))
			record(w, NULL);
		else
			record(w, new);
	}
	g_string_truncate(w->path, len);
	return error;
}

static int diff_trees(walker *w, const git_oid *old_id, const git_oid *new_id)
{
	git_tree *old = NULL, *new = NULL;
	size_t i = 0, j = 0, ni, nj;
	int error = 0;

	if ((old_id && (error = get_tree(w, old_id, 0, &old)) < 0) ||
	    (new_id && (error = get_tree(w, new_id, 1, &new)) < 0))
		return error;
	ni = old ? git_tree_entrycount(old) : 0;
	nj = new ? git_tree_entrycount(new) : 0;
	while (error == 0 && (i < ni || j < nj)) {
		const git_tree_entry *a = i < ni ? git_tree_entry_byindex(old, i) : NULL;
		const git_tree_entry *b = j < nj ? git_tree_entry_byindex(new, j) : NULL;
		int c = !a ? 1 : !b ? -1 : entry_cmp(a, b);
		if (c < 0) {
			error = visit(w, a, NULL);
			i++;
		} else if (c > 0) {
			error = visit(w, NULL, b);
			j++;
		} else {
			if (!git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b)) ||
			    git_tree_entry_filemode(a) != git_tree_entry_filemode(b))
				error = visit(w, a, b);
			i++;
			j++;
		}
	}
	return error;
}

GHashTable *isms_history_shallow_cut(git_repository *repo)
{
	char *file = g_build_filename(git_repository_commondir(repo), "shallow", NULL);
	char *text = NULL;
	GHashTable *cut = NULL;

	if (git_repository_is_shallow(repo) == 1 && g_file_get_contents(file, &text, NULL, NULL)) {
		char **lines = g_strsplit(text, "\n", -1);
		cut = g_hash_table_new_full(isms_oid_hash, isms_oid_equal, g_free, NULL);
		for (int i = 0; lines[i]; i++) {
			git_oid id;
			if (git_oid_fromstr(&id, g_strstrip(lines[i])) == 0)
				g_hash_table_add(cut, g_memdup2(&id, sizeof(id)));
		}
		g_strfreev(lines);
	}
	g_free(text);
	g_free(file);
	return cut;
}

int isms_history_walk(git_repository *repo, const git_oid *tip, const isms_config *cfg,
                      GHashTable *cut, isms_history *out)
{
	walker w = {repo, cfg, out, 0, g_string_new(NULL), 0, tree_table(), tree_table()};
	GArray *trees = g_array_new(FALSE, FALSE, sizeof(git_oid));
	int error;

	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
	if ((error = collect_commits(repo, tip, cut, out->commits, trees)) < 0)
		goto done;
	for (guint i = 0; i < out->commits->len; i++) {
		const git_oid *tree = &g_array_index(trees, git_oid, i);
		const git_oid *prev = i > 0 ? &g_array_index(trees, git_oid, i - 1) : NULL;
		w.commit = i;
		g_string_truncate(w.path, 0);
		if (prev && git_oid_equal(prev, tree))
			continue; /* an empty commit: the same trees serve the next */
		if ((error = diff_trees(&w, prev, tree)) < 0)
			goto done;
		/* the trees this commit read are what the next one compares with */
		GHashTable *t = w.prev;
		w.prev = w.cur;
		w.cur = t;
		g_hash_table_remove_all(w.cur);
	}
done:
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 1);
	g_hash_table_destroy(w.prev);
	g_hash_table_destroy(w.cur);
	g_array_free(trees, TRUE);
	g_string_free(w.path, TRUE);
	return error;
}
