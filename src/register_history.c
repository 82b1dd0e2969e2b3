/* The register replay: each register read at every version that changed
 * its blob, each item followed by its id through history. */
#include <string.h>

#include "isms/audit.h"
#include "isms/error.h"
#include "isms/gitutil.h"

static void history_free(gpointer p)
{
	isms_item_history *h = p;

	g_free(h->id);
	g_array_free(h->transitions, TRUE);
	g_free(h);
}

static void model_free(gpointer p)
{
	isms_register_model *m = p;

	g_ptr_array_free(m->items, TRUE);
	g_free(m);
}

/* Each distinct register blob is read once. */
static int register_of(isms_audit *a, const git_oid *blob, const char *path,
                       const isms_register **out)
{
	isms_register *reg = g_hash_table_lookup(a->registers_by_blob, blob);
	const isms_meta *meta = g_hash_table_lookup(a->metas, blob);
	git_blob *b = NULL;

	if (!reg) {
		size_t off = meta ? meta->fm.body_offset : 0;
		int line = meta ? meta->fm.body_line : 1;
		if (meta && (meta->flags & (ISMS_META_BINARY | ISMS_META_TOO_LARGE))) {
			reg = isms_register_parse("", 0, 1);
		} else {
			if (git_blob_lookup(&b, a->repo, blob) < 0)
				return isms_git_error(path);
			size_t len = (size_t)git_blob_rawsize(b);
			reg = isms_register_parse((const char *)git_blob_rawcontent(b) + off,
			                          off <= len ? len - off : 0, line);
			git_blob_free(b);
		}
		g_hash_table_insert(a->registers_by_blob, g_memdup2(blob, sizeof(*blob)), reg);
	}
	*out = reg;
	return 0;
}

static int is_register(const isms_document *d)
{
	return g_ascii_strcasecmp(isms_document_type(d), "register") == 0;
}

static void transition(isms_item_history *h, isms_item_state from, isms_item_state to,
                       guint32 commit)
{
	isms_transition t = {from, to, commit};

	g_array_append_val(h->transitions, t);
	if (to == ISMS_STATE_CLOSED && h->closed_seen == ISMS_NO_COMMIT)
		h->closed_seen = commit;
}

static int replay(isms_audit *a, isms_register_model *m)
{
	GHashTable *by_id = g_hash_table_new(g_str_hash, g_str_equal);
	const isms_register *prev = NULL;
	int error = 0;

	for (guint v = 0; v < m->doc->versions->len; v++) {
		const isms_path_event *e = &g_array_index(m->doc->versions, isms_path_event, v);
		const isms_register *reg = NULL;
		if ((error = register_of(a, &e->blob, m->doc->path, &reg)) < 0)
			break;
		if (reg == prev)
			continue;
		for (guint i = 0; i < reg->items->len; i++) {
			const isms_reg_item *it = g_ptr_array_index(reg->items, i);
			isms_item_history *h = g_hash_table_lookup(by_id, it->id);
			if (!h) {
				h = g_new0(isms_item_history, 1);
				h->id = g_strdup(it->id);
				h->first_seen = e->commit;
				h->closed_seen = ISMS_NO_COMMIT;
				h->removed = ISMS_NO_COMMIT;
				h->transitions = g_array_new(FALSE, FALSE, sizeof(isms_transition));
				g_hash_table_insert(by_id, h->id, h);
				g_ptr_array_add(m->items, h);
				transition(h, ISMS_STATE_UNKNOWN, it->state, e->commit);
			} else if (h->last_seen == e->commit) {
				continue; /* a duplicate id in one version: the first row counts */
			} else {
				const isms_reg_item *was = h->item;
				if (h->removed != ISMS_NO_COMMIT) /* back again */
					h->removed = ISMS_NO_COMMIT;
				if (was->state != it->state)
					transition(h, was->state, it->state, e->commit);
				if (was->has_due && (!it->has_due || was->due != it->due))
					h->due_changes++;
			}
			h->item = it;
			h->last_seen = e->commit;
		}
		/* items in the previous version and not in this one were removed */
		for (guint i = 0; i < m->items->len; i++) {
			isms_item_history *h = g_ptr_array_index(m->items, i);
			if (h->last_seen != e->commit && h->removed == ISMS_NO_COMMIT) {
				h->removed = e->commit;
				h->state_when_removed = h->item->state;
			}
		}
		prev = reg;
	}
	m->current = prev;
	g_hash_table_destroy(by_id);
	return error;
}

int isms_audit_replay_registers(isms_audit *a)
{
	int error = 0;

	a->registers = g_ptr_array_new_with_free_func(model_free);
	for (guint i = 0; error == 0 && i < a->documents->len; i++) {
		const isms_document *d = g_ptr_array_index(a->documents, i);
		if (!is_register(d))
			continue;
		isms_register_model *m = g_new0(isms_register_model, 1);
		m->doc = d;
		m->items = g_ptr_array_new_with_free_func(history_free);
		g_ptr_array_add(a->registers, m);
		error = replay(a, m);
	}
	return error;
}
