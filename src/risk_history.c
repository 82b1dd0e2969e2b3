/* The risk register replay: each risk register read at every version that
 * changed its blob, each risk followed by its id through history. Two
 * versions are held at a time; a history keeps a reference to the last
 * version of its risk. Every version read counts against the parse budget,
 * as the issues register replay's do. A model derived as of an earlier
 * commit replays its own (cut) document histories: risk registers are
 * small and rarely changed, so no snapshot is kept. */
#include "isms/risk_history.h"

#include <string.h>

#include "isms/audit.h"
#include "isms/error.h"
#include "isms/gitutil.h"
#include "isms/markdown.h"

static const char *const change_names[ISMS_RISK_CH_COUNT] = {
    "listed", "score", "treatment", "status", "owner", "due", "removed"};

const char *isms_risk_change_name(isms_risk_change_kind k)
{
	return change_names[k];
}

static void history_free(gpointer p)
{
	isms_risk_history *h = p;

	for (guint i = 0; i < h->changes->len; i++) {
		isms_risk_change *c = &g_array_index(h->changes, isms_risk_change, i);
		g_free(c->from);
		g_free(c->to);
	}
	g_array_free(h->changes, TRUE);
	isms_risk_unref(h->risk);
	g_free(h->id);
	g_free(h);
}

static void model_free(gpointer p)
{
	isms_risk_model *m = p;

	g_ptr_array_free(m->risks, TRUE);
	isms_risk_register_free(m->current);
	g_free(m);
}

/* Whether a document of type `type` at `path` is a risk register by its
 * type or the configuration. */
static int declared_as(const isms_audit *a, const char *type, const char *path)
{
	char *key = isms_md_header_key(type);
	int typed = strcmp(key, "risk register") == 0;

	g_free(key);
	for (guint i = 0; !typed && i < a->config.risk_registers->len; i++)
		typed =
		    isms_config_glob_matches(g_ptr_array_index(a->config.risk_registers, i), path);
	return typed;
}

int isms_risk_declared(const isms_audit *a, const isms_document *d)
{
	return declared_as(a, isms_document_type(d), d->path);
}

/* Whether a version can be read: not a symbolic link, and read as a
 * document (within max_file_size, the table limits and the parse budget). */
static int version_readable(const isms_audit *a, const isms_path_event *e)
{
	const isms_meta *meta = g_hash_table_lookup(a->metas, &e->blob);

	return e->mode != GIT_FILEMODE_LINK &&
	       !(meta && (meta->flags & (ISMS_META_BINARY | ISMS_META_TOO_LARGE | ISMS_META_TABLES |
	                                 ISMS_META_BUDGET)));
}

/* Whether a version was not read as a document for the parse budget. */
static int budget_unread(const isms_audit *a, const isms_path_event *e)
{
	const isms_meta *meta = g_hash_table_lookup(a->metas, &e->blob);

	return meta && (meta->flags & ISMS_META_BUDGET);
}

void isms_risk_reserve(isms_audit *a, const char *path, const isms_path_event *e,
                       const isms_meta *meta)
{
	/* the type as build_document() will give it: its own, else `types:` */
	const char *type = isms_meta_has(meta, ISMS_F_TYPE) ? isms_meta_text(meta, ISMS_F_TYPE)
	                                                    : isms_config_type_of(&a->config, path);

	if (declared_as(a, type ? type : "", path) && version_readable(a, e) &&
	    isms_audit_budget_take(a, isms_audit_parse_cost(meta, meta->size)))
		g_hash_table_add(a->budget->risk_reserved, g_memdup2(&e->blob, sizeof(e->blob)));
}

/* The risk register of one version: its body after the front matter. A
 * version read counts its full parse against the budget (the audited
 * version of a declared register was counted in advance): *out is NULL
 * when the budget is spent. */
static int read_version(isms_audit *a, const isms_path_event *e, const char *path, int declared,
                        isms_risk_register **out)
{
	const isms_meta *meta = g_hash_table_lookup(a->metas, &e->blob);
	size_t off = meta ? meta->fm.body_offset : 0, len;
	int line = meta ? meta->fm.body_line : 1, error;
	git_blob *b = NULL;

	*out = NULL;
	if (!version_readable(a, e))
		return isms_risk_parse("", 0, 1, declared, &a->config.risk, out);
	if (git_blob_lookup(&b, a->repo, &e->blob) < 0)
		return isms_git_error(path);
	len = (size_t)git_blob_rawsize(b);
	if (!g_hash_table_remove(a->budget->risk_reserved, &e->blob) &&
	    !isms_audit_budget_take(a, isms_audit_parse_cost(meta, len))) {
		git_blob_free(b);
		return 0;
	}
	if (off > len)
		off = len;
	error = isms_risk_parse((const char *)git_blob_rawcontent(b) + off, len - off, line,
	                        declared, &a->config.risk, out);
	git_blob_free(b);
	if (error < 0) /* over the table limits after all: no risks to read */
		error = isms_risk_parse("", 0, 1, declared, &a->config.risk, out);
	return error;
}

static void add_change(isms_risk_history *h, guint32 commit, isms_risk_change_kind kind,
                       const char *from, const char *to)
{
	isms_risk_change c = {commit, kind, g_strdup(from), g_strdup(to), 0, 0};

	g_array_append_val(h->changes, c);
}

static int differs(const isms_risk *was, const isms_risk *r, isms_risk_column c)
{
	return g_strcmp0(was->cell[c], r->cell[c]) != 0;
}

/* What one commit changed about a risk listed before and now. */
static void compare_risk(isms_risk_history *h, const isms_risk *was, const isms_risk *r,
                         guint32 commit)
{
	static const struct {
		isms_risk_column column;
		isms_risk_change_kind kind;
	} tracked[] = {{ISMS_RISK_COL_TREATMENT, ISMS_RISK_CH_TREATMENT},
	               {ISMS_RISK_COL_STATUS, ISMS_RISK_CH_STATUS},
	               {ISMS_RISK_COL_OWNER, ISMS_RISK_CH_OWNER},
	               {ISMS_RISK_COL_DUE, ISMS_RISK_CH_DUE}};
	int changed = 0;

	for (int c = 0; !changed && c < ISMS_RISK_COL_COUNT; c++)
		changed = differs(was, r, (isms_risk_column)c);
	if (!changed)
		return;
	h->last_changed = commit;
	if (differs(was, r, ISMS_RISK_COL_SCORE) || differs(was, r, ISMS_RISK_COL_LIKELIHOOD) ||
	    differs(was, r, ISMS_RISK_COL_IMPACT)) {
		char *from = isms_risk_score_text(was), *to = isms_risk_score_text(r);
		isms_risk_change c = {commit, ISMS_RISK_CH_SCORE, from, to, 0, 0};
		c.lowered = was->value > 0 && r->value > 0
		                ? r->value < was->value
		                : was->level != ISMS_RISK_LEVEL_NONE &&
		                      r->level != ISMS_RISK_LEVEL_NONE && r->level < was->level;
		c.reassessed = differs(was, r, ISMS_RISK_COL_STATUS) ||
		               differs(was, r, ISMS_RISK_COL_TREATMENT) ||
		               differs(was, r, ISMS_RISK_COL_LAST_REVIEWED) ||
		               differs(was, r, ISMS_RISK_COL_NEXT_REVIEW);
		g_array_append_val(h->changes, c);
	}
	for (size_t k = 0; k < G_N_ELEMENTS(tracked); k++)
		if (differs(was, r, tracked[k].column))
			add_change(h, commit, tracked[k].kind, was->cell[tracked[k].column],
			           r->cell[tracked[k].column]);
	if (was->has_due && (!r->has_due || was->due != r->due))
		h->due_changes++;
	/* an acceptance is renewed by its approver, its expiry or a review */
	if (isms_risk_accepted(r) &&
	    (!isms_risk_accepted(was) || differs(was, r, ISMS_RISK_COL_APPROVER) ||
	     differs(was, r, ISMS_RISK_COL_ACCEPT_UNTIL) ||
	     differs(was, r, ISMS_RISK_COL_LAST_REVIEWED) ||
	     differs(was, r, ISMS_RISK_COL_NEXT_REVIEW)))
		h->accepted_since = commit;
}

/* Follow every risk of `reg` (the version of commit `commit`). */
static void compare(isms_risk_model *m, GHashTable *by_id, const isms_risk_register *reg,
                    guint32 commit)
{
	for (guint i = 0; i < reg->risks->len; i++) {
		const isms_risk *r = g_ptr_array_index(reg->risks, i);
		isms_risk_history *h = g_hash_table_lookup(by_id, r->id);
		if (!h) {
			h = g_new0(isms_risk_history, 1);
			h->id = g_strdup(r->id);
			h->first_seen = h->last_changed = commit;
			h->removed = ISMS_NO_COMMIT;
			h->changes = g_array_new(FALSE, FALSE, sizeof(isms_risk_change));
			g_hash_table_insert(by_id, h->id, h);
			g_ptr_array_add(m->risks, h);
			h->accepted_since = isms_risk_accepted(r) ? commit : ISMS_NO_COMMIT;
			add_change(h, commit, ISMS_RISK_CH_LISTED, NULL, NULL);
		} else if (h->last_seen == commit) {
			continue; /* a repeated id in one version: the first row counts */
		} else {
			if (h->removed != ISMS_NO_COMMIT) { /* back again */
				h->removed = ISMS_NO_COMMIT;
				h->last_changed = commit;
				add_change(h, commit, ISMS_RISK_CH_LISTED, NULL, NULL);
			}
			compare_risk(h, h->risk, r, commit);
			if (!isms_risk_accepted(r))
				h->accepted_since = ISMS_NO_COMMIT;
			else if (h->accepted_since == ISMS_NO_COMMIT)
				h->accepted_since = commit;
		}
		isms_risk_unref(h->risk);
		h->risk = isms_risk_ref(r);
		h->last_seen = commit;
	}
	/* risks not in this version were removed by this commit */
	for (guint i = 0; i < m->risks->len; i++) {
		isms_risk_history *h = g_ptr_array_index(m->risks, i);
		if (h->last_seen == commit || h->removed != ISMS_NO_COMMIT)
			continue;
		h->removed = commit;
		add_change(h, commit, ISMS_RISK_CH_REMOVED, NULL, NULL);
	}
}

static int replay(isms_audit *a, isms_risk_model *m)
{
	GHashTable *by_id = g_hash_table_new(g_str_hash, g_str_equal);
	isms_risk_register *prev = NULL;
	const git_oid *prev_blob = NULL;
	int error = 0;

	for (guint v = 0; v < m->doc->versions->len; v++) {
		const isms_path_event *e = &g_array_index(m->doc->versions, isms_path_event, v);
		isms_risk_register *reg = NULL;
		if (prev_blob && git_oid_equal(prev_blob, &e->blob))
			continue;
		/* a version that cannot be read tells nothing of the risks: the
		 * replay keeps what it knew (DOC-UNREADABLE reports the version) */
		if (prev && !version_readable(a, e))
			continue;
		/* a version the budget left unread tells nothing either, even
		 * first: counted by the document (isms_document.unread) */
		if (budget_unread(a, e))
			continue;
		if ((error = read_version(a, e, m->doc->path, m->declared, &reg)) < 0)
			break;
		if (!reg) {
			/* the parse budget is spent: as an unreadable version, the
			 * replay keeps what it knew; DOC-UNREADABLE says so */
			m->unread++;
			continue;
		}
		compare(m, by_id, reg, e->commit);
		m->versions++;
		isms_risk_register_free(prev);
		prev = reg;
		prev_blob = &e->blob;
	}
	if (error == 0 && !prev)
		error = isms_risk_parse("", 0, 1, m->declared, &a->config.risk, &prev);
	m->current = prev;
	g_hash_table_destroy(by_id);
	return error;
}

/* Whether an undeclared document is a risk register: its audited version,
 * readable and not retired, holds a risk table. */
static int holds_risk_table(const isms_audit *a, const isms_document *d, int *out)
{
	const isms_path_event *e;
	git_blob *b = NULL;
	size_t off, len;
	int error;

	*out = 0;
	if (!isms_document_readable(d) || d->meta->status == ISMS_DOC_RETIRED)
		return 0;
	e = &g_array_index(d->versions, isms_path_event, d->versions->len - 1);
	if (git_blob_lookup(&b, a->repo, &e->blob) < 0)
		return isms_git_error(d->path);
	len = (size_t)git_blob_rawsize(b);
	off = d->meta->fm.body_offset <= len ? d->meta->fm.body_offset : len;
	error = isms_risk_has_table((const char *)git_blob_rawcontent(b) + off, len - off,
	                            d->meta->fm.body_line, 0, &a->config.risk, out);
	git_blob_free(b);
	if (error < 0) { /* a text cmark-gfm cannot read holds no table we read */
		*out = 0;
		isms_error_clear();
	}
	return 0;
}

/* What needs every register's history of a risk: its first listing, and
 * whether another register still holds it. */
static void link_risks(isms_audit *a)
{
	GHashTable *by_id =
	    g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)g_ptr_array_unref);
	GHashTableIter it;
	GPtrArray *same;

	for (guint k = 0; k < a->risk_registers->len; k++) {
		const isms_risk_model *m = g_ptr_array_index(a->risk_registers, k);
		for (guint i = 0; i < m->risks->len; i++) {
			isms_risk_history *h = g_ptr_array_index(m->risks, i);
			same = g_hash_table_lookup(by_id, h->id);
			if (!same)
				g_hash_table_insert(by_id, h->id, same = g_ptr_array_new());
			g_ptr_array_add(same, h);
			h->first_listed = h->first_seen;
			h->listed_elsewhere = 0;
		}
	}
	g_hash_table_iter_init(&it, by_id);
	while (g_hash_table_iter_next(&it, NULL, (gpointer *)&same))
		for (guint i = 0; same->len > 1 && i < same->len; i++) {
			isms_risk_history *h = g_ptr_array_index(same, i);
			for (guint j = 0; j < same->len; j++) {
				const isms_risk_history *o = g_ptr_array_index(same, j);
				if (o == h)
					continue;
				h->first_listed = MIN(h->first_listed, o->first_seen);
				h->listed_elsewhere |= o->removed == ISMS_NO_COMMIT;
			}
		}
	g_hash_table_destroy(by_id);
}

int isms_audit_replay_risks(isms_audit *a)
{
	int error = 0;

	a->risk_registers = g_ptr_array_new_with_free_func(model_free);
	for (guint i = 0; error == 0 && i < a->documents->len; i++) {
		const isms_document *d = g_ptr_array_index(a->documents, i);
		int declared = isms_risk_declared(a, d), tables = 0;
		if (!declared && ((error = holds_risk_table(a, d, &tables)) < 0 || !tables))
			continue;
		isms_risk_model *m = g_new0(isms_risk_model, 1);
		m->doc = d;
		m->declared = declared;
		m->risks = g_ptr_array_new_with_free_func(history_free);
		g_ptr_array_add(a->risk_registers, m);
		error = replay(a, m);
	}
	if (error == 0)
		link_risks(a);
	return error;
}

int isms_risk_acceptance_of(const isms_audit *a, const isms_risk_history *h,
                            isms_risk_acceptance *out)
{
	const isms_risk *r = h->risk;

	memset(out, 0, sizeof(*out));
	if (h->removed != ISMS_NO_COMMIT || !isms_risk_accepted(r) ||
	    h->accepted_since == ISMS_NO_COMMIT)
		return 0;
	out->since = h->accepted_since;
	out->typed = r->has_accept_until;
	out->until = r->has_accept_until
	                 ? r->accept_until
	                 : isms_date_add(isms_audit_commit(a, h->accepted_since)->date,
	                                 (isms_duration){a->config.risk_acceptance_months, 0});
	if (out->until < a->today)
		out->days_expired = (int)(a->today - out->until);
	return 1;
}

void isms_risk_review_of(const isms_audit *a, const isms_risk_history *h, isms_risk_review *out)
{
	const isms_risk *r = h->risk;
	isms_duration months = {a->config.risk_review_months, 0};

	memset(out, 0, sizeof(*out));
	if (r->has_next_review)
		out->due = r->next_review;
	else if (r->has_last_reviewed)
		out->due = isms_date_add(r->last_reviewed, months);
	else {
		out->by_row = 1;
		out->due = isms_date_add(isms_audit_commit(a, h->last_changed)->date, months);
	}
	if (out->due < a->today)
		out->days_overdue = (int)(a->today - out->due);
}
