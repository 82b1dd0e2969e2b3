/* The register replay: each register read at every version that changed
 * its blob, each item followed by its id through history. Only the version
 * being compared and the one before it are in memory: a register of
 * thousands of items changed in thousands of commits stays small. */
#include "isms/register_history.h"

#include <stdint.h>
#include <string.h>

#include "isms/audit.h"
#include "isms/error.h"
#include "isms/gitutil.h"
#include "isms/linediff.h"

static void history_free(gpointer p)
{
	isms_item_history *h = p;

	g_free(h->id);
	isms_reg_item_free(h->kept);
	g_array_free(h->transitions, TRUE);
	g_array_free(h->rewrites, TRUE);
	g_free(h);
}

static void free_array(gpointer p)
{
	g_ptr_array_free(p, TRUE);
}

static void model_free(gpointer p)
{
	isms_register_model *m = p;

	g_ptr_array_free(m->items, TRUE);
	isms_register_free(m->current);
	g_free(m);
}

/*
 * The register of blob `b` from the previous version's (prev, in blob
 * `pb`): when the line diff shows only rows of register tables changed,
 * only those rows are read; NULL otherwise.
 */
static isms_register *update(isms_audit *a, const isms_register *prev, git_blob *pb, git_blob *b)
{
	GArray *hunks = g_array_new(FALSE, FALSE, sizeof(isms_line_hunk));
	const char *new = git_blob_rawcontent(b);
	size_t len = (size_t)git_blob_rawsize(b);
	isms_register *reg;

	isms_line_diff(git_blob_rawcontent(pb), (size_t)git_blob_rawsize(pb), new, len, hunks);
	reg = isms_register_update(prev, new, len, (const isms_line_hunk *)(void *)hunks->data,
	                           hunks->len, &a->config.dialect);
	g_array_free(hunks, TRUE);
	return reg;
}

/* Whether a version of a register can be read: not a symbolic link, and
 * read as a document (within max_file_size, the Markdown limits and the
 * parse budget). */
static int version_readable(const isms_audit *a, const isms_path_event *e)
{
	const isms_meta *meta = g_hash_table_lookup(a->metas, &e->blob);

	return e->mode != GIT_FILEMODE_LINK &&
	       !(meta && (meta->flags & (ISMS_META_BINARY | ISMS_META_TOO_LARGE | ISMS_META_TABLES |
	                                 ISMS_META_BUDGET)));
}

/* Whether a version was not read for the parse budget. */
static int budget_unread(const isms_audit *a, const isms_path_event *e)
{
	const isms_meta *meta = g_hash_table_lookup(a->metas, &e->blob);

	return meta && (meta->flags & ISMS_META_BUDGET);
}

/* What a full read of a version costs the parse budget: what cmark-gfm
 * allocates for its elements, at least its size. */
static size_t full_cost(const isms_meta *meta, size_t len)
{
	size_t elements = meta ? meta->md_elements : len;

	return elements > (SIZE_MAX - len) / ISMS_PARSE_ELEMENT_COST
	           ? SIZE_MAX
	           : MAX(len, elements * ISMS_PARSE_ELEMENT_COST);
}

/* Read one version of a register: the body after its front matter, or the
 * rows that changed since the previous version (prev, in blob *pb, which
 * is replaced by this version's blob). Both count against the parse
 * budget: *out is NULL (and *pb kept) when it is spent. */
static int read_version(isms_audit *a, const isms_path_event *e, const char *path,
                        const isms_register *prev, git_blob **pb, isms_register **out)
{
	const git_oid *blob = &e->blob;
	const isms_meta *meta = g_hash_table_lookup(a->metas, blob);
	size_t off = meta ? meta->fm.body_offset : 0;
	int line = meta ? meta->fm.body_line : 1;
	git_blob *b = NULL, *old = *pb;
	size_t size;
	git_object_t type;
	git_odb *odb = NULL;

	*out = NULL;
	if (!version_readable(a, e)) {
		*pb = NULL;
		git_blob_free(old);
		*out = isms_register_parse("", 0, 1, &a->config.dialect);
		return 0;
	}
	/* row by row when it can be, which reads (diffs) the whole text; the
	 * size is the document's (a header read would fill libgit2's caches) */
	if (meta) {
		size = meta->size;
	} else if (git_repository_odb(&odb, a->repo) < 0 ||
	           git_odb_read_header(&size, &type, odb, blob) < 0) {
		git_odb_free(odb);
		return isms_git_error(path);
	}
	git_odb_free(odb);
	/* the audited version of a register is counted in advance */
	int reserved = g_hash_table_remove(a->budget->reserved, blob);
	if (!reserved && !isms_audit_budget_take(a, prev && old ? size : full_cost(meta, size)))
		return 0;
	if (git_blob_lookup(&b, a->repo, blob) < 0)
		return isms_git_error(path);
	size_t len = (size_t)git_blob_rawsize(b);
	*out = prev && old ? update(a, prev, old, b) : NULL;
	if (!*out && prev && old && !reserved && !isms_audit_budget_take(a, full_cost(meta, len))) {
		git_blob_free(b);
		return 0;
	}
	*pb = NULL;
	git_blob_free(old);
	if (!*out)
		*out = isms_register_parse((const char *)git_blob_rawcontent(b) +
		                               (off <= len ? off : len),
		                           off <= len ? len - off : 0, line, &a->config.dialect);
	*pb = b;
	return 0;
}

static int is_register(const isms_audit *a, const isms_document *d)
{
	return g_ascii_strcasecmp(isms_document_type(d), "register") == 0 ||
	       isms_config_is_register(&a->config, d->path);
}

void isms_register_reserve(isms_audit *a, const char *path, const isms_path_event *e,
                           const isms_meta *meta)
{
	/* as is_register() will decide from the document built on this meta */
	int reg = (isms_meta_has(meta, ISMS_F_TYPE) &&
	           g_ascii_strcasecmp(isms_meta_text(meta, ISMS_F_TYPE), "register") == 0) ||
	          isms_config_is_register(&a->config, path);

	if (reg && version_readable(a, e) && isms_audit_budget_take(a, full_cost(meta, meta->size)))
		g_hash_table_add(a->budget->reserved, g_memdup2(&e->blob, sizeof(e->blob)));
}

static void transition(isms_item_history *h, isms_item_state from, isms_item_state to,
                       guint32 commit)
{
	isms_transition t = {from, to, commit};

	g_array_append_val(h->transitions, t);
	if (to == ISMS_STATE_CLOSED && h->closed_seen == ISMS_NO_COMMIT)
		h->closed_seen = commit;
}

/* The record of an item must stay what it was: a raised date changed, or a
 * description changed after closure, rewrites its history. A raised date
 * written anew for the same day (25/01/2026 as 2026-01-25) is the same
 * record. */
static void rewritten(isms_item_history *h, const isms_reg_item *was, const isms_reg_item *it,
                      guint32 commit)
{
	isms_rewrite r = {commit, ISMS_COL_RAISED};

	if (was->cell[ISMS_COL_RAISED] &&
	    (was->has_raised && it->has_raised
	         ? was->raised != it->raised
	         : g_strcmp0(was->cell[ISMS_COL_RAISED], it->cell[ISMS_COL_RAISED]) != 0))
		g_array_append_val(h->rewrites, r);
	r.column = ISMS_COL_DESCRIPTION;
	if (was->state == ISMS_STATE_CLOSED && it->state == ISMS_STATE_CLOSED &&
	    was->cell[ISMS_COL_DESCRIPTION] &&
	    g_strcmp0(was->cell[ISMS_COL_DESCRIPTION], it->cell[ISMS_COL_DESCRIPTION]) != 0)
		g_array_append_val(h->rewrites, r);
}

/* Follow every item of `reg` (the version of commit `commit`). */
static void compare(isms_register_model *m, GHashTable *by_id, const isms_register *reg,
                    guint32 commit)
{
	for (guint i = 0; i < reg->items->len; i++) {
		const isms_reg_item *it = g_ptr_array_index(reg->items, i);
		isms_item_history *h = g_hash_table_lookup(by_id, it->id);
		if (!h) {
			h = g_new0(isms_item_history, 1);
			h->id = g_strdup(it->id);
			h->first_seen = commit;
			h->closed_seen = ISMS_NO_COMMIT;
			h->removed = ISMS_NO_COMMIT;
			h->transitions = g_array_new(FALSE, FALSE, sizeof(isms_transition));
			h->rewrites = g_array_new(FALSE, FALSE, sizeof(isms_rewrite));
			g_hash_table_insert(by_id, h->id, h);
			g_ptr_array_add(m->items, h);
			transition(h, ISMS_STATE_UNKNOWN, it->state, commit);
		} else if (h->last_seen == commit) {
			continue; /* a duplicate id in one version: the first row counts */
		} else {
			const isms_reg_item *was = h->item;
			h->removed = ISMS_NO_COMMIT; /* back again, if it had gone */
			if (was->state != it->state)
				transition(h, was->state, it->state, commit);
			if (was->has_due && (!it->has_due || was->due != it->due))
				h->due_changes++;
			rewritten(h, was, it, commit);
		}
		h->item = it;
		h->last_seen = commit;
	}
	/* items not in this version were removed by this commit; keep a copy of
	 * what they last said, as that version is about to be freed */
	for (guint i = 0; i < m->items->len; i++) {
		isms_item_history *h = g_ptr_array_index(m->items, i);
		if (h->last_seen == commit || h->removed != ISMS_NO_COMMIT)
			continue;
		h->removed = commit;
		h->state_when_removed = h->item->state;
		if (h->item != h->kept) {
			isms_reg_item_free(h->kept);
			h->kept = isms_reg_item_copy(h->item);
			h->item = h->kept;
		}
	}
}

/* The replay of a register as it stood at a checkpoint, for a model
 * derived there: which versions it had read, and its state. */
typedef struct {
	guint versions;       /* events of the document's version list read */
	isms_path_event last; /* the last of them */
	isms_register_model *model;
	guint uses; /* derived models that copied it */
} snapshot;

static void snapshot_free(gpointer p)
{
	snapshot *s = p;

	model_free(s->model);
	g_free(s);
}

/* A copy of the replay so far: item histories copied, rows shared. */
static isms_register_model *model_copy(const isms_register_model *m, const isms_register *cur)
{
	isms_register_model *c = g_new0(isms_register_model, 1);

	c->doc = m->doc;
	c->versions = m->versions;
	c->unread = m->unread;
	c->current = isms_register_share(cur);
	c->items = g_ptr_array_new_full(m->items->len, history_free);
	for (guint i = 0; i < m->items->len; i++) {
		const isms_item_history *h = g_ptr_array_index(m->items, i);
		isms_item_history *k = g_memdup2(h, sizeof(*h));
		k->id = g_strdup(h->id);
		k->transitions = g_array_copy(h->transitions);
		k->rewrites = g_array_copy(h->rewrites);
		if (h->kept)
			h->kept->refs++; /* shared: items are never changed once read */
		/* an item still listed points into `cur`, whose rows the copy shares */
		g_ptr_array_add(c->items, k);
	}
	return c;
}

static void take_snapshot(isms_audit *a, const isms_register_model *m, const isms_register *cur,
                          guint32 commit, guint versions)
{
	snapshot *s = g_new0(snapshot, 1);
	GPtrArray *list;

	if (!a->snapshots)
		a->snapshots = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
		                                     (GDestroyNotify)g_ptr_array_unref);
	list = g_hash_table_lookup(a->snapshots, GUINT_TO_POINTER(commit));
	if (!list) {
		list = g_ptr_array_new_with_free_func(snapshot_free);
		g_hash_table_insert(a->snapshots, GUINT_TO_POINTER(commit), list);
	}
	s->versions = versions;
	s->last = g_array_index(m->doc->versions, isms_path_event, versions - 1);
	s->model = model_copy(m, cur);
	g_ptr_array_add(list, s);
}

/* A copy of the base's snapshot of this register at the derived model's
 * commit: the same version list cut there (the same events, renames
 * included). Several points of a trend can fall on one commit, so the
 * snapshot stays with the base. */
static isms_register_model *adopt_snapshot(isms_audit *a, const isms_document *d)
{
	guint32 commit = a->history.commits->len - 1;
	GPtrArray *list;

	if (!a->base || !a->base->snapshots ||
	    !(list = g_hash_table_lookup(a->base->snapshots, GUINT_TO_POINTER(commit))))
		return NULL;
	for (guint i = 0; i < list->len; i++) {
		snapshot *s = g_ptr_array_index(list, i);
		const isms_path_event *last =
		    &g_array_index(d->versions, isms_path_event, d->versions->len - 1);
		if (s->versions == d->versions->len && s->last.commit == last->commit &&
		    git_oid_equal(&s->last.blob, &last->blob)) {
			isms_register_model *m = model_copy(s->model, s->model->current);
			s->uses++;
			m->doc = d;
			return m;
		}
	}
	return NULL;
}

guint isms_audit_snapshot_uses(const isms_audit *a, guint *unused)
{
	GHashTableIter it;
	gpointer value;
	guint n = 0;

	*unused = 0;
	if (!a->snapshots)
		return 0;
	g_hash_table_iter_init(&it, a->snapshots);
	while (g_hash_table_iter_next(&it, NULL, &value)) {
		const GPtrArray *list = value;
		for (guint i = 0; i < list->len; i++) {
			const snapshot *s = g_ptr_array_index(list, i);
			n += s->uses;
			*unused += s->uses == 0;
		}
	}
	return n;
}

static int replay(isms_audit *a, isms_register_model *m)
{
	GHashTable *by_id = g_hash_table_new(g_str_hash, g_str_equal);
	isms_register *prev = NULL;
	const git_oid *prev_blob = NULL;
	git_blob *pb = NULL;
	guint cp = 0, ncp = a->checkpoints ? a->checkpoints->len : 0;
	int error = 0;

	for (guint v = 0; v < m->doc->versions->len; v++) {
		const isms_path_event *e = &g_array_index(m->doc->versions, isms_path_event, v);
		isms_register *reg = NULL;
		/* checkpoints before this version see the replay as it is now */
		for (; cp < ncp && g_array_index(a->checkpoints, guint32, cp) < e->commit; cp++)
			if (prev)
				take_snapshot(a, m, prev,
				              g_array_index(a->checkpoints, guint32, cp), v);
		if (prev_blob && git_oid_equal(prev_blob, &e->blob))
			continue;
		/* a version that cannot be read (a link, a binary, over a limit)
		 * tells nothing of the items: the replay keeps what it knew rather
		 * than see them all removed; DOC-UNREADABLE reports the version */
		if (prev && !version_readable(a, e))
			continue;
		/* a version the budget left unread tells nothing either, even
		 * first: counted by the document (isms_document.unread) */
		if (budget_unread(a, e))
			continue;
		if ((error = read_version(a, e, m->doc->path, prev, &pb, &reg)) < 0)
			break;
		if (!reg) {
			/* the parse budget is spent: as an unreadable version, the
			 * replay keeps what it knew; DOC-UNREADABLE says so */
			m->unread++;
			continue;
		}
		compare(m, by_id, reg, e->commit);
		m->versions++;
		isms_register_free(prev);
		prev = reg;
		prev_blob = &e->blob;
	}
	for (; error == 0 && prev && cp < ncp; cp++)
		take_snapshot(a, m, prev, g_array_index(a->checkpoints, guint32, cp),
		              m->doc->versions->len);
	git_blob_free(pb);
	m->current = prev; /* NULL if the budget let no version be read */
	g_hash_table_destroy(by_id);
	return error;
}

/* The commit of an item's latest move to closed in its register. */
static guint32 last_closure(const isms_item_history *h)
{
	for (guint t = h->transitions->len; t > 0; t--) {
		const isms_transition *tr = &g_array_index(h->transitions, isms_transition, t - 1);
		if (tr->to == ISMS_STATE_CLOSED)
			return tr->commit;
	}
	return ISMS_NO_COMMIT;
}

/* Derive what needs every register's history of an item: its first
 * listing, its closure and whether another register still holds it. */
static void link_items(isms_audit *a)
{
	GHashTable *by_id = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, free_array);

	for (guint k = 0; k < a->registers->len; k++) {
		const isms_register_model *m = g_ptr_array_index(a->registers, k);
		for (guint i = 0; i < m->items->len; i++) {
			isms_item_history *h = g_ptr_array_index(m->items, i);
			GPtrArray *same = g_hash_table_lookup(by_id, h->id);
			if (!same)
				g_hash_table_insert(by_id, h->id, same = g_ptr_array_new());
			g_ptr_array_add(same, h);
			h->first_listed = h->first_seen;
			h->listed_elsewhere = 0;
			h->closure = last_closure(h);
		}
	}
	GHashTableIter it;
	GPtrArray *same;
	g_hash_table_iter_init(&it, by_id);
	while (g_hash_table_iter_next(&it, NULL, (gpointer *)&same)) {
		for (guint i = 0; same->len > 1 && i < same->len; i++) {
			isms_item_history *h = g_ptr_array_index(same, i);
			guint32 own = h->closure;
			for (guint j = 0; j < same->len; j++) {
				const isms_item_history *o = g_ptr_array_index(same, j);
				guint32 oc = last_closure(o);
				if (o == h)
					continue;
				h->first_listed = MIN(h->first_listed, o->first_seen);
				h->listed_elsewhere |= o->removed == ISMS_NO_COMMIT;
				if (own != ISMS_NO_COMMIT && own == h->first_seen &&
				    oc != ISMS_NO_COMMIT && oc < h->closure)
					h->closure = oc;
			}
		}
	}
	g_hash_table_destroy(by_id);
}

int isms_audit_replay_registers(isms_audit *a)
{
	int error = 0;

	a->registers = g_ptr_array_new_with_free_func(model_free);
	for (guint i = 0; error == 0 && i < a->documents->len; i++) {
		const isms_document *d = g_ptr_array_index(a->documents, i);
		if (!is_register(a, d))
			continue;
		isms_register_model *m = adopt_snapshot(a, d);
		if (m) {
			g_ptr_array_add(a->registers, m);
			continue;
		}
		m = g_new0(isms_register_model, 1);
		m->doc = d;
		m->items = g_ptr_array_new_with_free_func(history_free);
		g_ptr_array_add(a->registers, m);
		error = replay(a, m);
	}
	if (error == 0)
		link_items(a);
	return error;
}
