#include "isms/audit.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "isms/error.h"
#include "isms/gitutil.h"
#include "isms/timing.h"

static const char *const config_names[] = {".isms-audit.yml", ".isms-audit.yaml", NULL};

static void meta_free(gpointer p)
{
	isms_meta_free(p);
}

static void document_free(gpointer p)
{
	isms_document *d = p;

	g_free(d->path);
	g_free(d->identity);
	g_free(d->type);
	g_array_free(d->touches, TRUE);
	g_ptr_array_free(d->former_paths, TRUE);
	g_array_free(d->unbumped, TRUE);
	if (d->versions)
		g_array_free(d->versions, TRUE);
	if (d->clauses)
		g_ptr_array_free(d->clauses, TRUE);
	g_free(d);
}

void isms_audit_free(isms_audit *a)
{
	if (!a)
		return;
	if (a->documents)
		g_ptr_array_free(a->documents, TRUE);
	if (a->records)
		g_ptr_array_free(a->records, TRUE);
	if (a->soas)
		g_ptr_array_free(a->soas, TRUE);
	if (a->coverage)
		g_ptr_array_free(a->coverage, TRUE);
	if (a->tracked)
		g_hash_table_destroy(a->tracked);
	if (a->registers)
		g_ptr_array_free(a->registers, TRUE);
	if (a->risk_registers)
		g_ptr_array_free(a->risk_registers, TRUE);
	if (a->snapshots)
		g_hash_table_destroy(a->snapshots);
	isms_approvals_free(a->approvals);
	if (a->checkpoints)
		g_array_free(a->checkpoints, TRUE);
	if (a->metas)
		g_hash_table_unref(a->metas); /* shared with models derived from it */
	isms_history_dispose(&a->history);
	g_free(a->root);
	if (a->base) { /* borrowed */
		g_free(a);
		return;
	}
	if (a->budget && a->budget->reserved)
		g_hash_table_destroy(a->budget->reserved);
	if (a->budget && a->budget->risk_reserved)
		g_hash_table_destroy(a->budget->risk_reserved);
	g_free(a->budget);
	isms_config_dispose(&a->config);
	if (a->change) {
		isms_config_dispose(&a->change->config);
		g_free(a->change->name);
		g_free(a->change->error);
		g_free(a->change);
	}
	if (a->shallow_cut)
		g_hash_table_destroy(a->shallow_cut);
	git_repository_free(a->repo);
	g_free(a);
	git_libgit2_shutdown();
}

const isms_commit *isms_audit_commit(const isms_audit *a, guint32 index)
{
	return &g_array_index(a->history.commits, isms_commit, index);
}

const isms_commit *isms_audit_head(const isms_audit *a)
{
	return isms_audit_commit(a, a->history.commits->len - 1);
}

char *isms_audit_commit_hex(const isms_audit *a, guint32 index, char *buf)
{
	return git_oid_tostr(buf, GIT_OID_HEXSZ + 1, &isms_audit_commit(a, index)->id);
}

int isms_audit_commit_author(const isms_audit *a, guint32 index, char **name, char **email)
{
	git_commit *c = NULL;
	const git_signature *sig;

	if (git_commit_lookup(&c, a->repo, &isms_audit_commit(a, index)->id) < 0)
		return isms_git_error(a->root);
	sig = git_commit_author(c);
	*name = g_strdup(sig && sig->name ? sig->name : "");
	*email = g_strdup(sig && sig->email ? sig->email : "");
	git_commit_free(c);
	return 0;
}

/* ---- the audited commit ------------------------------------------------ */

static int resolve_tip(isms_audit *a, const isms_audit_options *opts, git_oid *out)
{
	git_oid id;
	char day[ISMS_DATE_BUFSIZE];
	int error;

	if ((error = isms_git_check_head(a->repo, a->root)) < 0)
		return error;
	if (opts->rev) {
		if (isms_git_resolve_commit(a->repo, opts->rev, &id) < 0)
			return isms_error_set(ISMS_EREPO,
			                      "%s: '%s' is not a commit of the repository", a->root,
			                      opts->rev);
	} else if (git_reference_name_to_id(&id, a->repo, "HEAD") < 0) {
		return isms_git_error(a->root);
	}
	if (!opts->has_as_of) {
		*out = id;
		return 0;
	}
	/* the branch as it stood at the end of the day: walk back the first
	 * parents to the first commit recorded by then (a commit whose date is
	 * unknown is not known to be) */
	for (;;) {
		git_commit *c = NULL;
		isms_day d;
		if (git_commit_lookup(&c, a->repo, &id) < 0)
			return isms_git_error(a->root);
		d = isms_date_from_time((int64_t)git_commit_time(c));
		if (isms_date_known(d) && d <= opts->as_of) {
			git_commit_free(c);
			*out = id;
			return 0;
		}
		if (git_commit_parentcount(c) == 0 ||
		    (a->shallow_cut && g_hash_table_contains(a->shallow_cut, &id))) {
			git_commit_free(c);
			return isms_error_set(ISMS_EREPO, "%s: no commit on the branch by %s",
			                      a->root, isms_date_format(opts->as_of, day));
		}
		id = *git_commit_parent_id(c, 0);
		git_commit_free(c);
	}
}

/* ---- configuration ----------------------------------------------------- */

/* A file is not read past `limit` bytes, whatever it is (a pipe, a device
 * that never ends): into *out, caller frees. */
static int read_config_file(const char *path, size_t limit, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct stat st = {0}; /* unknown: read as a stream */
	GString *buf;
	size_t n;
	char chunk[65536];

	if (!f)
		return isms_error_set(ISMS_EUSAGE, "%s: cannot read the configuration: %s", path,
		                      strerror(errno));
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		return isms_error_set(ISMS_EUSAGE, "%s: cannot read the configuration: %s", path,
		                      strerror(EISDIR));
	}
	if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > limit) {
		fclose(f);
		return isms_error_set(
		    ISMS_EUSAGE,
		    "%s: is %ju bytes, over the %zu-byte limit (max_file_size): not read", path,
		    (uintmax_t)st.st_size, limit);
	}
	buf = g_string_new(NULL);
	while (buf->len <= limit && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		g_string_append_len(buf, chunk, (gssize)n);
	if (ferror(f) || buf->len > limit) {
		int error =
		    ferror(f) ? isms_error_set(ISMS_EUSAGE, "%s: cannot read the configuration: %s",
		                               path, strerror(errno))
		              : isms_error_set(ISMS_EUSAGE,
		                               "%s: is over the %zu-byte limit "
		                               "(max_file_size): not read",
		                               path, limit);
		fclose(f);
		g_string_free(buf, TRUE);
		return error;
	}
	fclose(f);
	*len = buf->len;
	*out = g_string_free(buf, FALSE);
	return 0;
}

/* The configuration file committed at `commit`: the entry of the first of
 * config_names its tree holds, into *out (NULL: none; caller frees with
 * git_tree_entry_free). */
static int committed_entry(isms_audit *a, const git_oid *commit, git_tree_entry **out)
{
	git_commit *c = NULL;
	git_tree *tree = NULL;
	int error = 0;

	*out = NULL;
	if (git_commit_lookup(&c, a->repo, commit) < 0 || git_commit_tree(&tree, c) < 0)
		error = isms_git_error(a->root);
	for (int i = 0; error == 0 && config_names[i] && !*out; i++)
		if (git_tree_entry_bypath(out, tree, config_names[i]) < 0)
			*out = NULL;
	git_tree_free(tree);
	git_commit_free(c);
	return error;
}

/* Load the committed configuration file `e` into `cfg`; ISMS_EUSAGE when
 * it is a link, no file, over `limit` bytes or invalid. */
static int load_committed(isms_audit *a, isms_config *cfg, const git_tree_entry *e, size_t limit)
{
	const char *name = git_tree_entry_name(e);
	git_odb *odb = NULL;
	git_blob *blob = NULL;
	size_t size;
	git_object_t type;
	int error;

	if (git_tree_entry_filemode(e) == GIT_FILEMODE_LINK)
		error = isms_error_set(ISMS_EUSAGE,
		                       "%s: is a symbolic link: links are not followed, so the "
		                       "configuration it points to is not read",
		                       name);
	else if (git_tree_entry_type(e) != GIT_OBJECT_BLOB)
		error = isms_error_set(ISMS_EUSAGE, "%s: not a regular file", name);
	else if (git_repository_odb(&odb, a->repo) < 0 ||
	         git_odb_read_header(&size, &type, odb, git_tree_entry_id(e)) < 0)
		error = isms_git_error(name);
	else if (size > limit) /* never loaded into memory */
		error = isms_error_set(
		    ISMS_EUSAGE,
		    "%s: is %zu bytes, over the %zu-byte limit (max_file_size): not read", name,
		    size, limit);
	else if (git_blob_lookup(&blob, a->repo, git_tree_entry_id(e)) < 0)
		error = isms_git_error(name);
	else
		error = isms_config_load(cfg, name, git_blob_rawcontent(blob),
		                         (size_t)git_blob_rawsize(blob));
	git_blob_free(blob);
	git_odb_free(odb);
	return error;
}

/* The cause of an error `NAME: cause` or `NAME:LINE: cause`, and its line. */
static const char *error_cause(const char *msg, const char *name, int *line)
{
	size_t n = strlen(name);
	const char *p = msg + n;

	*line = 0;
	if (strncmp(msg, name, n) != 0 || *p != ':')
		return msg;
	p++;
	if (g_ascii_isdigit(*p)) {
		const char *digits = p;
		while (g_ascii_isdigit(*p))
			p++;
		if (*p != ':')
			return digits;
		*line = (int)g_ascii_strtoll(digits, NULL, 10);
		p++;
	}
	return *p == ' ' ? p + 1 : p;
}

/*
 * With --base: the change's own configuration file `own` (NULL: it has
 * none), kept in a->change when it is not the file `used` the audit reads.
 * It is read only to be compared, so that it cannot be wrong: what stops
 * it loading is recorded, not returned.
 */
static int load_change(isms_audit *a, const git_tree_entry *used, const git_tree_entry *own,
                       size_t limit)
{
	isms_change_config *ch;
	int error;

	if (!used && !own)
		return 0;
	if (used && own && strcmp(git_tree_entry_name(used), git_tree_entry_name(own)) == 0 &&
	    git_tree_entry_filemode(used) == git_tree_entry_filemode(own) &&
	    git_oid_equal(git_tree_entry_id(used), git_tree_entry_id(own)))
		return 0;
	a->change = ch = g_new0(isms_change_config, 1);
	isms_config_init(&ch->config);
	if (!own) { /* removed: the defaults would apply */
		ch->valid = 1;
		return 0;
	}
	ch->name = g_strdup(git_tree_entry_name(own));
	if ((error = load_committed(a, &ch->config, own, limit)) == 0) {
		ch->valid = 1;
	} else if (error == ISMS_EUSAGE) {
		ch->error = g_strdup(error_cause(isms_error_last(), ch->name, &ch->error_line));
		isms_error_clear();
		error = 0;
	}
	return error;
}

static int load_config(isms_audit *a, const isms_audit_options *opts, const git_oid *tip)
{
	/* the default: a configuration cannot raise the limit it is read under */
	const size_t limit = a->config.max_file_size;
	git_tree_entry *used = NULL, *own = NULL;
	git_oid base;
	int merge_base, error = 0;

	if (opts->config_path) {
		char *buf = NULL;
		size_t len = 0;
		if ((error = read_config_file(opts->config_path, limit, &buf, &len)) < 0)
			return error;
		error = isms_config_load(&a->config, opts->config_path, buf, len);
		g_free(buf);
		return error;
	}
	/* the committed configuration as of the audited commit; with --base,
	 * the base's: a change cannot configure its own audit */
	if (opts->base && (error = isms_git_base_commit(a->repo, a->root, tip, opts->base, &base,
	                                                &merge_base)) < 0)
		return error;
	if ((error = committed_entry(a, opts->base ? &base : tip, &used)) < 0 ||
	    (used && (error = load_committed(a, &a->config, used, limit)) < 0))
		goto done;
	if (opts->base && (error = committed_entry(a, tip, &own)) == 0)
		error = load_change(a, used, own, limit);
done:
	git_tree_entry_free(own);
	git_tree_entry_free(used);
	return error;
}

/* ---- documents ---------------------------------------------------------- */

int isms_audit_budget_take(isms_audit *a, size_t cost)
{
	isms_parse_budget *b = a->budget;

	if (b->closed || cost > b->limit - b->spent) {
		b->closed = 1;
		return 0;
	}
	b->spent += cost;
	return 1;
}

size_t isms_audit_parse_cost(const isms_meta *meta, size_t len)
{
	size_t elements = meta ? meta->md_elements : len;

	return elements > (SIZE_MAX - len) / ISMS_PARSE_ELEMENT_COST
	           ? SIZE_MAX
	           : MAX(len, elements * ISMS_PARSE_ELEMENT_COST);
}

/* Each distinct blob is read and parsed once (again only if its fields
 * were let go and another document needs them: a copy of a version). */
static int meta_of(isms_audit *a, const git_oid *blob, const char *path, const isms_meta **out)
{
	isms_meta *m = g_hash_table_lookup(a->metas, blob), *slim = NULL;
	git_odb *odb = NULL;
	git_blob *b = NULL;
	size_t len;
	git_object_t type;
	int error = 0;

	if (m && !(m->flags & ISMS_META_SLIM)) {
		*out = m;
		return 0;
	}
	slim = m;
	if (git_repository_odb(&odb, a->repo) < 0 ||
	    git_odb_read_header(&len, &type, odb, blob) < 0) {
		error = isms_git_error(path);
		goto done;
	}
	if (len > a->config.max_file_size) {
		m = isms_meta_oversized(len); /* never loaded into memory */
	} else if (!isms_audit_budget_take(a, len)) {
		m = isms_meta_oversized(len); /* not loaded either: the budget is spent */
		m->flags = ISMS_META_BUDGET;
	} else if (git_blob_lookup(&b, a->repo, blob) < 0) {
		error = isms_git_error(path);
		goto done;
	} else {
		m = isms_meta_parse(git_blob_rawcontent(b), (size_t)git_blob_rawsize(b),
		                    a->config.max_file_size, &a->config.fields);
	}
	if (slim) {
		/* refilled in place: documents already hold the pointer */
		isms_meta tmp = *slim;
		*slim = *m;
		*m = tmp;
		isms_meta_free(m);
		m = slim;
	} else {
		g_hash_table_insert(a->metas, g_memdup2(blob, sizeof(*blob)), m);
	}
	*out = m;
done:
	git_blob_free(b);
	git_odb_free(odb);
	return error;
}

/* Events of one path from its last add before `end` (exclusive). */
static guint segment_start(const GArray *ev, guint end)
{
	guint s = end;

	while (s > 0 && g_array_index(ev, isms_path_event, s - 1).mode != 0)
		s--;
	return s;
}

typedef struct {
	const char *path;
	const GArray *events;
	guint index; /* of the delete event */
} deletion;

/* commit index -> GArray of deletion */
static GHashTable *index_deletions(const isms_history *h)
{
	GHashTable *map = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
	                                        (GDestroyNotify)g_array_unref);
	GHashTableIter it;
	gpointer key, val;

	g_hash_table_iter_init(&it, h->paths);
	while (g_hash_table_iter_next(&it, &key, &val)) {
		const GArray *ev = val;
		for (guint i = 1; i < ev->len; i++) {
			const isms_path_event *e = &g_array_index(ev, isms_path_event, i);
			if (e->mode != 0)
				continue;
			GArray *list = g_hash_table_lookup(map, GUINT_TO_POINTER(e->commit));
			if (!list) {
				list = g_array_new(FALSE, FALSE, sizeof(deletion));
				g_hash_table_insert(map, GUINT_TO_POINTER(e->commit), list);
			}
			deletion d = {key, ev, i};
			g_array_append_val(list, d);
		}
	}
	return map;
}

static const char *valid_id(const isms_meta *m)
{
	return isms_meta_has(m, ISMS_F_ID) ? isms_meta_text(m, ISMS_F_ID) : NULL;
}

/*
 * The events of a document across renames: a path added in the commit that
 * deleted another path continues that path's history when the content is
 * the same blob or both carry the same `id`.
 */
static int chain_events(isms_audit *a, GHashTable *deletions, const char *path, const GArray *ev,
                        GArray *out, GPtrArray *former)
{
	guint end = ev->len, start;
	GPtrArray *segments = g_ptr_array_new(); /* pairs: events, start, end */
	int error = 0;

	for (int depth = 0; depth < 1000; depth++) {
		start = segment_start(ev, end);
		g_ptr_array_add(segments, (gpointer)ev);
		g_ptr_array_add(segments, GUINT_TO_POINTER(start));
		g_ptr_array_add(segments, GUINT_TO_POINTER(end));
		const isms_path_event *first = &g_array_index(ev, isms_path_event, start);
		GArray *dels = g_hash_table_lookup(deletions, GUINT_TO_POINTER(first->commit));
		const deletion *pred = NULL;
		const isms_meta *mine = NULL, *theirs = NULL;
		for (guint i = 0; dels && !pred && i < dels->len; i++) {
			const deletion *d = &g_array_index(dels, deletion, i);
			const isms_path_event *last =
			    &g_array_index(d->events, isms_path_event, d->index - 1);
			if (strcmp(d->path, path) == 0 || last->mode == 0)
				continue;
			if (git_oid_equal(&last->blob, &first->blob)) {
				pred = d;
				break;
			}
			if ((error = meta_of(a, &first->blob, path, &mine)) < 0 ||
			    (error = meta_of(a, &last->blob, d->path, &theirs)) < 0)
				goto done;
			if (valid_id(mine) && valid_id(theirs) &&
			    strcmp(valid_id(mine), valid_id(theirs)) == 0)
				pred = d;
		}
		if (!pred)
			break;
		g_ptr_array_add(former, g_strdup(pred->path));
		path = pred->path;
		ev = pred->events;
		end = pred->index;
	}
	/* segments were collected newest first */
	for (guint s = segments->len; s >= 3; s -= 3) {
		const GArray *sev = g_ptr_array_index(segments, s - 3);
		guint from = GPOINTER_TO_UINT(g_ptr_array_index(segments, s - 2));
		guint to = GPOINTER_TO_UINT(g_ptr_array_index(segments, s - 1));
		for (guint i = from; i < to; i++)
			g_array_append_val(out, g_array_index(sev, isms_path_event, i));
	}
done:
	g_ptr_array_free(segments, TRUE);
	return error;
}

static int build_document(isms_audit *a, GHashTable *deletions, const char *path, const GArray *ev,
                          isms_document **out)
{
	isms_document *d = g_new0(isms_document, 1);
	GArray *chain = g_array_new(FALSE, FALSE, sizeof(isms_path_event));
	const isms_meta *prev = NULL, *last = NULL;
	int error;

	d->path = g_strdup(path);
	d->touches = g_array_new(FALSE, FALSE, sizeof(guint32));
	d->former_paths = g_ptr_array_new_with_free_func(g_free);
	d->unbumped = g_array_new(FALSE, FALSE, sizeof(guint32));
	for (int f = 0; f < ISMS_F_COUNT; f++)
		d->field_since[f] = ISMS_NO_COMMIT;
	if ((error = chain_events(a, deletions, path, ev, chain, d->former_paths)) < 0)
		goto done;

	for (guint i = 0; i < chain->len; i++) {
		const isms_path_event *e = &g_array_index(chain, isms_path_event, i);
		const isms_meta *m;
		int version_changed;
		if ((error = meta_of(a, &e->blob, path, &m)) < 0)
			goto done;
		if (d->touches->len == 0 ||
		    g_array_index(d->touches, guint32, d->touches->len - 1) != e->commit)
			g_array_append_val(d->touches, e->commit);
		if (i == 0)
			d->first = e->commit;
		d->last_change = e->commit;
		d->mode = e->mode;
		last = m;
		if (m->flags & ISMS_META_BUDGET) {
			/* not read: the history is judged from the versions read */
			d->unread++;
			continue;
		}
		if (prev == m) /* same blob again (a rename or a revert to it) */
			continue;
		if (!prev || memcmp(prev->body_hash, m->body_hash, sizeof(m->body_hash)) != 0)
			d->last_body_change = e->commit;
		for (int f = 0; f < ISMS_F_COUNT; f++) {
			const char *now = m->field[f] ? isms_meta_text(m, f) : NULL;
			const char *was = prev && prev->field[f] ? isms_meta_text(prev, f) : NULL;
			if (g_strcmp0(now, was) != 0)
				d->field_since[f] = now ? e->commit : ISMS_NO_COMMIT;
		}
		version_changed = d->field_since[ISMS_F_VERSION] == e->commit;
		if (version_changed || !m->field[ISMS_F_VERSION])
			g_array_set_size(d->unbumped, 0);
		else if (d->last_body_change == e->commit && prev)
			g_array_append_val(d->unbumped, e->commit);
		prev = m;
	}
	/* an audited version not read makes the document unreadable */
	d->meta = prev && !(last->flags & ISMS_META_BUDGET) ? prev : last;
	d->identity = g_strdup(valid_id(d->meta) ? valid_id(d->meta) : path);
	/* the document's own type wins: the configuration names what a
	 * folder usually holds, the document what it is */
	if (isms_meta_has(d->meta, ISMS_F_TYPE))
		d->type = g_strdup(isms_meta_text(d->meta, ISMS_F_TYPE));
	else if (isms_config_type_of(&a->config, path))
		d->type = g_strdup(isms_config_type_of(&a->config, path));
	/* a file listed as a register or SoA is one: a register is a record,
	 * held to its owner and not to a review cycle */
	else if (isms_config_is_register(&a->config, path))
		d->type = g_strdup("register");
	else if (isms_config_is_soa(&a->config, path))
		d->type = g_strdup("soa");
	d->is_record = isms_config_is_record_type(&a->config, isms_document_type(d));
	d->in_force = d->meta->status == ISMS_DOC_IN_FORCE;
	if (d->meta->has_next_review) {
		d->has_review_due = 1;
		d->review_due = d->meta->next_review;
	} else if (d->meta->has_last_reviewed) {
		isms_duration cyc = d->meta->has_cycle
		                        ? d->meta->cycle
		                        : isms_config_cycle(&a->config, isms_document_type(d));
		d->has_review_due = 1;
		d->review_due = isms_date_add(d->meta->last_reviewed, cyc);
	}
done:
	d->versions = chain;
	if (error < 0) {
		document_free(d);
		return error;
	}
	*out = d;
	return 0;
}

static int document_cmp(gconstpointer pa, gconstpointer pb)
{
	return strcmp((*(isms_document *const *)pa)->path, (*(isms_document *const *)pb)->path);
}

/* The metadata of a document's versions but its last, once it is built:
 * only the no-front-matter rule (status) and the register replay (body
 * offset) read them again, and meta_of() parses a version again should
 * another document hold the same blob. */
static void slim_versions(isms_audit *a, const isms_document *d, GHashTable *current)
{
	for (guint v = 0; v < d->versions->len; v++) {
		isms_meta *m = g_hash_table_lookup(
		    a->metas, &g_array_index(d->versions, isms_path_event, v).blob);
		/* not the audited version of this or a document built before */
		if (m && !g_hash_table_contains(current, m))
			isms_meta_slim(m);
	}
}

static int path_cmp(gconstpointer pa, gconstpointer pb)
{
	return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

static int build_documents(isms_audit *a, int lean)
{
	GHashTable *deletions = index_deletions(&a->history);
	GHashTableIter it;
	gpointer key, val;
	int error = 0;
	GHashTable *current = g_hash_table_new(g_direct_hash, g_direct_equal);
	GPtrArray *present = g_ptr_array_new();

	g_hash_table_iter_init(&it, a->history.paths);
	while (g_hash_table_iter_next(&it, &key, &val)) {
		const GArray *ev = val;
		if (g_array_index(ev, isms_path_event, ev->len - 1).mode != 0)
			g_ptr_array_add(present, key); /* present at the audited commit */
	}
	/* in path order, so that what the parse budget reaches does not depend
	 * on a hash table's; the audited versions first, as every rule reads
	 * them and only some read the history (with, for a register, the read
	 * of its audited version by the replay) */
	g_ptr_array_sort(present, path_cmp);
	for (guint i = 0; error == 0 && i < present->len; i++) {
		const GArray *ev = g_hash_table_lookup(a->history.paths, present->pdata[i]);
		const isms_path_event *e = &g_array_index(ev, isms_path_event, ev->len - 1);
		const isms_meta *m;
		if ((error = meta_of(a, &e->blob, present->pdata[i], &m)) < 0)
			break;
		isms_register_reserve(a, present->pdata[i], e, m);
		isms_risk_reserve(a, present->pdata[i], e, m);
		if (lean)
			g_hash_table_add(current, (gpointer)m);
	}
	for (guint i = 0; error == 0 && i < present->len; i++) {
		const GArray *ev = g_hash_table_lookup(a->history.paths, present->pdata[i]);
		isms_document *d = NULL;
		if ((error = build_document(a, deletions, present->pdata[i], ev, &d)) == 0) {
			g_ptr_array_add(a->documents, d);
			if (lean) {
				g_hash_table_add(current, (gpointer)d->meta);
				slim_versions(a, d, current);
			}
		}
	}
	g_ptr_array_free(present, TRUE);
	g_hash_table_destroy(current);
	g_hash_table_destroy(deletions);
	g_ptr_array_sort(a->documents, document_cmp);
	return error;
}

static int cmp_commit(gconstpointer pa, gconstpointer pb)
{
	guint32 x = *(const guint32 *)pa, y = *(const guint32 *)pb;

	return (x > y) - (x < y);
}

/* The commits of the checkpoint days, once each, ascending. */
static void resolve_checkpoints(isms_audit *a, const GArray *days)
{
	a->checkpoints = g_array_new(FALSE, FALSE, sizeof(guint32));
	for (guint i = 0; i < days->len; i++) {
		guint32 c = isms_audit_commit_by(a, g_array_index(days, isms_day, i));
		if (c != ISMS_NO_COMMIT)
			g_array_append_val(a->checkpoints, c);
	}
	g_array_sort(a->checkpoints, cmp_commit);
	for (guint i = 1; i < a->checkpoints->len; i++)
		if (g_array_index(a->checkpoints, guint32, i) ==
		    g_array_index(a->checkpoints, guint32, i - 1))
			g_array_remove_index(a->checkpoints, i--);
}

int isms_audit_open(isms_audit **out, const isms_audit_options *opts)
{
	static const isms_audit_options defaults = ISMS_AUDIT_OPTIONS_INIT;
	isms_audit *a;
	git_oid tip;
	int error;

	if (!opts)
		opts = &defaults;
	git_libgit2_init();
	/* objects are read once; hash verification doubles read cost */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)32 * 1024 * 1024);

	a = g_new0(isms_audit, 1);
	isms_config_init(&a->config);
	isms_history_init(&a->history);
	a->documents = g_ptr_array_new_with_free_func(document_free);
	a->metas = g_hash_table_new_full(isms_oid_hash, isms_oid_equal, g_free, meta_free);
	a->budget = g_new0(isms_parse_budget, 1);
	a->budget->reserved = g_hash_table_new_full(isms_oid_hash, isms_oid_equal, g_free, NULL);
	a->budget->risk_reserved =
	    g_hash_table_new_full(isms_oid_hash, isms_oid_equal, g_free, NULL);

	if ((error = isms_git_open(&a->repo, &a->root, opts->path)) < 0)
		goto done;
	a->shallow = git_repository_is_shallow(a->repo) == 1;
	if (a->shallow && !opts->allow_shallow) {
		error = isms_error_set(
		    ISMS_ESHALLOW,
		    "%s: shallow clone: its history is cut, so commit dates cannot "
		    "prove when documents changed; run 'git fetch --unshallow' (or "
		    "set fetch-depth: 0 on actions/checkout), or pass --allow-shallow",
		    a->root);
		goto done;
	}
	a->shallow_cut = isms_history_shallow_cut(a->repo);
	a->today = opts->has_as_of ? opts->as_of : isms_date_today();
	isms_timing("start");
	if ((error = resolve_tip(a, opts, &tip)) < 0 || (error = load_config(a, opts, &tip)) < 0)
		goto done;
	a->budget->limit = a->config.max_total_parse;
	isms_timing("configuration");
	if ((error = isms_history_walk(a->repo, &tip, &a->config, a->shallow_cut, &a->history)) < 0)
		goto done;
	isms_timing("history");
	if (opts->checkpoints)
		resolve_checkpoints(a, opts->checkpoints);
	if ((error = build_documents(a, opts->lean && !opts->checkpoints)) < 0)
		goto done;
	isms_timing("documents");
	if ((error = isms_audit_replay_registers(a)) < 0)
		goto done;
	isms_timing("registers");
	if ((error = isms_audit_replay_risks(a)) < 0)
		goto done;
	isms_timing("risks");
	isms_timing_count("parsed", a->budget->spent, a->budget->limit);
	if ((error = isms_audit_build_management(a)) < 0)
		goto done;
	isms_timing("management");
	if ((error = isms_audit_build_approvals(a)) < 0)
		goto done;
	isms_timing("approvals");
done:
	if (error < 0) {
		isms_audit_free(a);
		return error;
	}
	*out = a;
	return 0;
}

/* ---- a model as of an earlier day --------------------------------------- */

guint32 isms_audit_commit_by(const isms_audit *a, isms_day day)
{
	/* as resolve_tip does: back along the first parents to the first commit
	 * recorded by then */
	for (guint32 i = a->history.commits->len; i > 0; i--) {
		isms_day d = isms_audit_commit(a, i - 1)->date;
		if (isms_date_known(d) && d <= day)
			return i - 1;
	}
	return ISMS_NO_COMMIT;
}

/* The base's history up to and including commit index `last`. */
static void cut_history(const isms_history *from, guint32 last, isms_history *out)
{
	GHashTableIter it;
	gpointer key, val;

	g_array_append_vals(out->commits, from->commits->data, last + 1);
	g_hash_table_iter_init(&it, from->paths);
	while (g_hash_table_iter_next(&it, &key, &val)) {
		const GArray *ev = val;
		guint n = 0;
		while (n < ev->len && g_array_index(ev, isms_path_event, n).commit <= last)
			n++;
		if (n == 0)
			continue;
		GArray *copy = g_array_sized_new(FALSE, FALSE, sizeof(isms_path_event), n);
		g_array_append_vals(copy, ev->data, n);
		g_hash_table_insert(out->paths, g_strdup(key), copy);
	}
}

int isms_audit_open_at(const isms_audit *base, guint32 commit, isms_day today, isms_audit **out)
{
	isms_audit *a;
	int error;

	if (commit >= base->history.commits->len)
		return isms_error_set(ISMS_ERROR, "no commit %u in the history", commit);
	a = g_new0(isms_audit, 1);
	a->base = base;
	a->config = base->config; /* borrowed: never disposed by this model */
	a->repo = base->repo;
	a->root = g_strdup(base->root);
	a->shallow = base->shallow;
	a->shallow_cut = base->shallow_cut;
	a->today = today;
	a->metas = g_hash_table_ref(base->metas);
	a->budget = base->budget;
	a->documents = g_ptr_array_new_with_free_func(document_free);
	isms_history_init(&a->history);
	cut_history(&base->history, commit, &a->history);
	if ((error = build_documents(a, 0)) < 0 || (error = isms_audit_replay_registers(a)) < 0 ||
	    (error = isms_audit_replay_risks(a)) < 0 ||
	    (error = isms_audit_build_management(a)) < 0 ||
	    (error = isms_audit_build_approvals(a)) < 0) {
		isms_audit_free(a);
		return error;
	}
	*out = a;
	return 0;
}
