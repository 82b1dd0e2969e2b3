/* Approval evidence: who authored and who approved each change to a
 * controlled document, read from the commits that made it. */
#include "isms/approval.h"

#include <git2.h>
#include <stdlib.h>
#include <string.h>

#include "isms/audit.h"
#include "isms/error.h"
#include "isms/gitutil.h"

struct isms_approval_cache {
	int refs;
	isms_people *people;
	GHashTable *commits; /* commit index -> isms_commit_approval * */
};

static void party_free(gpointer p)
{
	isms_party *x = p;

	g_free(x->name);
	g_free(x->email);
	g_free(x->trailer);
	g_free(x);
}

static void commit_approval_free(gpointer p)
{
	isms_commit_approval *ca = p;

	g_ptr_array_free(ca->authors, TRUE);
	g_ptr_array_free(ca->approvers, TRUE);
	g_free(ca->forge);
	g_free(ca);
}

static isms_approval_cache *cache_new(const isms_config *cfg)
{
	isms_approval_cache *c = g_new0(isms_approval_cache, 1);

	c->refs = 1;
	c->people = isms_people_new(cfg->people);
	c->commits =
	    g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, commit_approval_free);
	return c;
}

static void cache_unref(isms_approval_cache *c)
{
	if (!c || --c->refs > 0)
		return;
	isms_people_free(c->people);
	g_hash_table_destroy(c->commits);
	g_free(c);
}

void isms_approvals_free(isms_approvals *ap)
{
	if (!ap)
		return;
	cache_unref(ap->cache);
	g_hash_table_destroy(ap->changes);
	g_free(ap);
}

const char *isms_approval_state_name(isms_approval_state s)
{
	static const char *const names[] = {"independent", "self", "unknown", "none"};

	return (unsigned)s < G_N_ELEMENTS(names) ? names[s] : "";
}

const char *isms_change_kind_name(isms_change_kind k)
{
	static const char *const names[] = {"direct", "merge", "forge"};

	return (unsigned)k < G_N_ELEMENTS(names) ? names[k] : "";
}

const char *isms_known_by_name(isms_known_by how)
{
	static const char *const names[] = {"author", "merged",    "co-author",
	                                    "merger", "committer", "trailer"};

	return (unsigned)how < G_N_ELEMENTS(names) ? names[how] : "";
}

/* ---- one commit ---------------------------------------------------------- */

/* Add a party unless its person is already among `list`. */
static void add_party(isms_people *people, GPtrArray *list, const char *name, const char *email,
                      isms_known_by how, const char *trailer)
{
	guint32 person;

	if ((!name || !*name) && (!email || !*email))
		return;
	person = isms_people_resolve(people, name, email);
	for (guint i = 0; i < list->len; i++)
		if (((const isms_party *)g_ptr_array_index(list, i))->person == person)
			return;
	isms_party *p = g_new0(isms_party, 1);
	p->person = person;
	p->name = g_strdup(name ? name : "");
	p->email = g_strdup(email ? email : "");
	p->how = how;
	p->trailer = g_strdup(trailer);
	g_ptr_array_add(list, p);
}

static void add_signature(isms_people *people, GPtrArray *list, const git_signature *sig,
                          isms_known_by how)
{
	if (sig)
		add_party(people, list, sig->name, sig->email, how, NULL);
}

/* A trailer's value as a name and an email: "Name <email>", "<email>",
 * "email@host" or "Name". Caller frees both. */
static void split_identity(const char *value, char **name, char **email)
{
	const char *lt = strchr(value, '<'), *gt = lt ? strchr(lt, '>') : NULL;

	if (lt && gt) {
		*name = g_strstrip(g_strndup(value, (gsize)(lt - value)));
		*email = g_strstrip(g_strndup(lt + 1, (gsize)(gt - lt - 1)));
	} else if (strchr(value, '@') && !strchr(value, ' ')) {
		*name = g_strdup("");
		*email = g_strstrip(g_strdup(value));
	} else {
		*name = g_strstrip(g_strdup(value));
		*email = g_strdup("");
	}
}

static int is_approval_key(const isms_config *cfg, const char *key)
{
	for (guint i = 0; i < cfg->approval_trailers->len; i++)
		if (g_ascii_strcasecmp(key, g_ptr_array_index(cfg->approval_trailers, i)) == 0)
			return 1;
	return 0;
}

/* The approval trailers of a message into `approvers`, its co-authors into
 * `authors` (either may be NULL). */
static void read_trailers(const isms_config *cfg, isms_people *people, const char *message,
                          GPtrArray *authors, GPtrArray *approvers)
{
	git_message_trailer_array arr = {0};

	if (!message || !strchr(message, ':') || git_message_trailers(&arr, message) != 0)
		return;
	for (size_t i = 0; i < arr.count; i++) {
		const char *key = arr.trailers[i].key, *value = arr.trailers[i].value;
		GPtrArray *to = NULL;
		isms_known_by how = ISMS_KNOWN_TRAILER;
		if (approvers && is_approval_key(cfg, key))
			to = approvers;
		else if (authors && g_ascii_strcasecmp(key, "Co-authored-by") == 0) {
			to = authors;
			how = ISMS_KNOWN_COAUTHOR;
		}
		if (!to || !value)
			continue;
		char *name, *email;
		split_identity(value, &name, &email);
		add_party(people, to, name, email, how, key);
		g_free(name);
		g_free(email);
	}
	git_message_trailer_array_free(&arr);
}

/* The number of a pull or merge request the message names: GitHub's
 * squash "Title (#123)" and merge "Merge pull request #123 from ...",
 * GitLab's "See merge request group/project!123". */
static guint request_number(const char *message)
{
	const char *end = strchr(message, '\n'), *p;
	size_t n = end ? (size_t)(end - message) : strlen(message);
	char *subject = g_strndup(message, n);
	guint number = 0;

	g_strchomp(subject);
	n = strlen(subject);
	if (n > 4 && subject[n - 1] == ')') {
		size_t i = n - 1;
		while (i > 0 && g_ascii_isdigit(subject[i - 1]))
			i--;
		if (i < n - 1 && i >= 2 && subject[i - 1] == '#' && subject[i - 2] == '(')
			number = (guint)strtoul(subject + i, NULL, 10);
	}
	if (!number && g_str_has_prefix(subject, "Merge pull request #"))
		number = (guint)strtoul(subject + strlen("Merge pull request #"), NULL, 10);
	if (!number && (p = strstr(message, "See merge request ")) != NULL) {
		const char *bang = strchr(p, '!'), *eol = strchr(p, '\n');
		if (bang && (!eol || bang < eol) && g_ascii_isdigit(bang[1]))
			number = (guint)strtoul(bang + 1, NULL, 10);
	}
	g_free(subject);
	return number;
}

/* Whether the raw header has a field line `name ` (gpgsig, gpgsig-sha256). */
static int has_header(const char *raw, const char *name)
{
	size_t n = strlen(name);

	for (const char *line = raw; line && *line;) {
		if (strncmp(line, name, n) == 0 && line[n] == ' ')
			return 1;
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	return 0;
}

static int is_person(const git_signature *sig)
{
	return sig && isms_identity_classify(sig->name, sig->email) == ISMS_IDENTITY_PERSON;
}

/* The authors of the commits a merge brought: reachable from its second
 * parent and not from its first. */
static int merged_authors(const isms_audit *a, isms_people *people, const git_commit *merge,
                          isms_commit_approval *ca)
{
	git_revwalk *walk = NULL;
	git_oid id;
	int error = 0, rc = 0;

	if (git_revwalk_new(&walk, a->repo) < 0 ||
	    git_revwalk_push(walk, git_commit_parent_id(merge, 1)) < 0 ||
	    git_revwalk_hide(walk, git_commit_parent_id(merge, 0)) < 0) {
		rc = -1;
		goto done;
	}
	while ((rc = git_revwalk_next(&id, walk)) == 0) {
		git_commit *c = NULL;
		if (ca->merged == ISMS_APPROVAL_MAX_MERGED) {
			ca->merged_cut = 1;
			rc = GIT_ITEROVER;
			break;
		}
		if ((rc = git_commit_lookup(&c, a->repo, &id)) < 0)
			break;
		ca->merged++;
		add_signature(people, ca->authors, git_commit_author(c), ISMS_KNOWN_MERGED);
		read_trailers(&a->config, people, git_commit_message(c), ca->authors, NULL);
		git_commit_free(c);
	}
done:
	if (rc != GIT_ITEROVER && rc != 0) {
		/* a shallow clone lacks what lies behind its cut */
		if (a->shallow)
			ca->authors_unknown = 1;
		else
			error = isms_git_error(a->root);
	}
	git_revwalk_free(walk);
	return error;
}

static isms_approval_state decide(const isms_commit_approval *ca)
{
	if (ca->authors_unknown)
		return ISMS_APPROVAL_UNKNOWN;
	if (ca->approvers->len == 0)
		return ca->kind == ISMS_CHANGE_DIRECT ? ISMS_APPROVAL_NONE : ISMS_APPROVAL_UNKNOWN;
	for (guint i = 0; i < ca->approvers->len; i++) {
		const isms_party *ap = g_ptr_array_index(ca->approvers, i);
		int author = 0;
		for (guint k = 0; !author && k < ca->authors->len; k++)
			author = ((const isms_party *)g_ptr_array_index(ca->authors, k))->person ==
			         ap->person;
		if (!author)
			return ISMS_APPROVAL_INDEPENDENT;
	}
	return ISMS_APPROVAL_SELF;
}

static int read_commit(const isms_audit *a, isms_approval_cache *cache, guint32 index,
                       const isms_commit_approval **out)
{
	isms_commit_approval *ca = g_hash_table_lookup(cache->commits, GUINT_TO_POINTER(index));
	git_commit *c = NULL;
	const git_signature *author, *committer;
	const char *message;
	int error = 0;

	if (ca) {
		*out = ca;
		return 0;
	}
	if (git_commit_lookup(&c, a->repo, &isms_audit_commit(a, index)->id) < 0)
		return isms_git_error(a->root);
	ca = g_new0(isms_commit_approval, 1);
	ca->commit = index;
	ca->authors = g_ptr_array_new_with_free_func(party_free);
	ca->approvers = g_ptr_array_new_with_free_func(party_free);
	author = git_commit_author(c);
	committer = git_commit_committer(c);
	message = git_commit_message(c);
	message = message ? message : "";
	ca->is_signed = has_header(git_commit_raw_header(c), "gpgsig") ||
	                has_header(git_commit_raw_header(c), "gpgsig-sha256");
	ca->pull_request = request_number(message);
	if (git_commit_parentcount(c) > 1) {
		ca->kind = ISMS_CHANGE_MERGE;
		if ((error = merged_authors(a, cache->people, c, ca)) < 0)
			goto done;
		if (ca->merged == 0 && !ca->authors_unknown)
			add_signature(cache->people, ca->authors, author, ISMS_KNOWN_AUTHOR);
		if (is_person(author))
			add_signature(cache->people, ca->approvers, author, ISMS_KNOWN_MERGER);
		else if (is_person(committer))
			add_signature(cache->people, ca->approvers, committer,
			              ISMS_KNOWN_COMMITTER);
	} else {
		if (committer && isms_identity_classify(committer->name, committer->email) ==
		                     ISMS_IDENTITY_FORGE) {
			ca->kind = ISMS_CHANGE_FORGE;
			ca->forge = g_strdup(committer->name);
		} else {
			ca->kind = ISMS_CHANGE_DIRECT;
		}
		add_signature(cache->people, ca->authors, author, ISMS_KNOWN_AUTHOR);
	}
	read_trailers(&a->config, cache->people, message, ca->authors, ca->approvers);
	ca->state = decide(ca);
done:
	git_commit_free(c);
	if (error < 0) {
		commit_approval_free(ca);
		return error;
	}
	g_hash_table_insert(cache->commits, GUINT_TO_POINTER(index), ca);
	*out = ca;
	return 0;
}

/* Whether a commit shows that changes are reviewed: a merge, an approval
 * trailer, or a forge's merge of a numbered request (a forge commit
 * without one may be an edit in its web pages). */
static int shows_evidence(const isms_commit_approval *ca)
{
	return ca->kind == ISMS_CHANGE_MERGE || ca->approvers->len > 0 ||
	       (ca->kind == ISMS_CHANGE_FORGE && ca->pull_request > 0);
}

int isms_approval_evidence_in(const git_commit *c, const isms_config *cfg)
{
	const git_signature *committer = git_commit_committer(c);
	const char *message = git_commit_message(c);
	git_message_trailer_array arr = {0};
	int found = 0;

	if (git_commit_parentcount(c) > 1)
		return 1;
	message = message ? message : "";
	if (committer &&
	    isms_identity_classify(committer->name, committer->email) == ISMS_IDENTITY_FORGE &&
	    request_number(message) > 0)
		return 1;
	if (!strchr(message, ':') || git_message_trailers(&arr, message) != 0)
		return 0;
	for (size_t i = 0; !found && i < arr.count; i++)
		found = arr.trailers[i].value && *arr.trailers[i].value &&
		        is_approval_key(cfg, arr.trailers[i].key);
	git_message_trailer_array_free(&arr);
	return found;
}

/* ---- the documents ------------------------------------------------------- */

static int held_to_approval(const isms_document *d)
{
	return !d->is_record && !d->is_register;
}

static int review_dates_differ(const isms_meta *x, const isms_meta *y)
{
	return x->has_last_reviewed != y->has_last_reviewed ||
	       (x->has_last_reviewed && x->last_reviewed != y->last_reviewed) ||
	       x->has_next_review != y->has_next_review ||
	       (x->has_next_review && x->next_review != y->next_review);
}

/* The changes of a document: its versions that changed the text, the
 * review dates, the status that put it in force or (the one that set it)
 * the current version, each marked when the version it made is not in
 * force. */
static GArray *document_changes(const isms_audit *a, const isms_document *d)
{
	GArray *out = g_array_new(FALSE, FALSE, sizeof(isms_doc_change));
	const isms_meta *prev = NULL;
	int was_in_force = 0;

	for (guint v = 0; v < d->versions->len; v++) {
		const isms_path_event *e = &g_array_index(d->versions, isms_path_event, v);
		const isms_meta *m = g_hash_table_lookup(a->metas, &e->blob);
		unsigned what = 0;
		if (!m || m == prev)
			continue;
		if (!prev)
			what |= ISMS_CHANGED_ADDED | ISMS_CHANGED_TEXT;
		else if (memcmp(prev->body_hash, m->body_hash, sizeof(m->body_hash)) != 0)
			what |= ISMS_CHANGED_TEXT;
		if (prev && review_dates_differ(prev, m))
			what |= ISMS_CHANGED_REVIEW;
		if (e->commit == d->field_since[ISMS_F_VERSION])
			what |= ISMS_CHANGED_VERSION;
		int in_force = m->status == ISMS_DOC_IN_FORCE;
		if (prev && in_force && !was_in_force)
			what |= ISMS_CHANGED_IN_FORCE;
		prev = m;
		was_in_force = in_force;
		if (!what)
			continue;
		if (out->len > 0 &&
		    g_array_index(out, isms_doc_change, out->len - 1).commit == e->commit) {
			isms_doc_change *last = &g_array_index(out, isms_doc_change, out->len - 1);
			last->what |= what;
			last->not_in_force = !in_force;
			continue;
		}
		isms_doc_change ch = {e->commit, what, !in_force, NULL};
		g_array_append_val(out, ch);
	}
	return out;
}

static guint trail_start(const isms_document *d, const GArray *changes)
{
	guint32 since = d->field_since[ISMS_F_VERSION] != ISMS_NO_COMMIT
	                    ? d->field_since[ISMS_F_VERSION]
	                    : d->last_body_change;

	for (guint i = changes->len; i > 0; i--)
		if (g_array_index(changes, isms_doc_change, i - 1).commit <= since)
			return i - 1;
	return 0;
}

static int cmp_commit(gconstpointer pa, gconstpointer pb)
{
	guint32 x = *(const guint32 *)pa, y = *(const guint32 *)pb;

	return (x > y) - (x < y);
}

/* The first commit that shows approval evidence, reading the documents'
 * change commits oldest first until one does. */
static int find_first_evidence(isms_audit *a, guint32 *out)
{
	GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
	GArray *commits = g_array_new(FALSE, FALSE, sizeof(guint32));
	GHashTableIter it;
	gpointer val;
	int error = 0;

	*out = ISMS_NO_COMMIT;
	g_hash_table_iter_init(&it, a->approvals->changes);
	while (g_hash_table_iter_next(&it, NULL, &val)) {
		const GArray *changes = val;
		for (guint i = 0; i < changes->len; i++) {
			guint32 c = g_array_index(changes, isms_doc_change, i).commit;
			if (!g_hash_table_contains(seen, GUINT_TO_POINTER(c))) {
				g_hash_table_add(seen, GUINT_TO_POINTER(c));
				g_array_append_val(commits, c);
			}
		}
	}
	g_array_sort(commits, cmp_commit);
	for (guint i = 0; i < commits->len; i++) {
		const isms_commit_approval *ca;
		guint32 c = g_array_index(commits, guint32, i);
		if ((error = read_commit(a, a->approvals->cache, c, &ca)) < 0)
			break;
		if (shows_evidence(ca)) {
			*out = c;
			break;
		}
	}
	g_array_free(commits, TRUE);
	g_hash_table_destroy(seen);
	return error;
}

int isms_approval_judged(const isms_audit *a, guint32 commit)
{
	isms_day day = isms_audit_commit(a, commit)->date;

	/* a commit of unknown date (outside the calendar) is not known to be
	 * from approval_since on: no finding rests on its date */
	if (a->config.has_approval_since)
		return isms_date_known(day) && day >= a->config.approval_since;
	return a->approvals->first_evidence != ISMS_NO_COMMIT &&
	       commit >= a->approvals->first_evidence;
}

int isms_approval_change_judged(const isms_audit *a, const isms_doc_change *ch)
{
	return !ch->not_in_force && isms_approval_judged(a, ch->commit);
}

static void free_changes(gpointer p)
{
	g_array_free(p, TRUE);
}

int isms_audit_build_approvals(isms_audit *a)
{
	isms_approvals *ap = g_new0(isms_approvals, 1);
	GHashTableIter it;
	gpointer key, val;
	int error = 0;

	if (a->base && a->base->approvals) {
		ap->cache = a->base->approvals->cache;
		ap->cache->refs++;
	} else {
		ap->cache = cache_new(&a->config);
	}
	ap->changes = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, free_changes);
	ap->first_evidence = ISMS_NO_COMMIT;
	a->approvals = ap;
	for (guint i = 0; i < a->documents->len; i++) {
		const isms_document *d = g_ptr_array_index(a->documents, i);
		if (held_to_approval(d))
			g_hash_table_insert(ap->changes, (gpointer)d, document_changes(a, d));
	}
	/* each commit is read once: libgit2's object cache would only hold on
	 * to them, as in the history walk */
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
	if (!a->config.has_approval_since)
		error = find_first_evidence(a, &ap->first_evidence);
	/* what the rules judge and the trails show */
	g_hash_table_iter_init(&it, ap->changes);
	while (error == 0 && g_hash_table_iter_next(&it, &key, &val)) {
		GArray *changes = val;
		guint start = trail_start(key, changes);
		for (guint i = 0; error == 0 && i < changes->len; i++) {
			isms_doc_change *ch = &g_array_index(changes, isms_doc_change, i);
			if (i >= start || isms_approval_judged(a, ch->commit))
				error = read_commit(a, ap->cache, ch->commit, &ch->approval);
		}
	}
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 1);
	return error;
}

const GArray *isms_approval_changes(const isms_audit *a, const isms_document *d)
{
	return a->approvals ? g_hash_table_lookup(a->approvals->changes, d) : NULL;
}

guint isms_approval_trail_start(const isms_audit *a, const isms_document *d)
{
	const GArray *changes = isms_approval_changes(a, d);

	return changes ? trail_start(d, changes) : 0;
}

const isms_people *isms_approval_people(const isms_audit *a)
{
	return a->approvals->cache->people;
}

int isms_approval_by(const isms_audit *a, const isms_commit_approval *ca, const char *text)
{
	for (guint i = 0; ca && i < ca->approvers->len; i++) {
		const isms_party *p = g_ptr_array_index(ca->approvers, i);
		if (isms_people_named(isms_approval_people(a), p->person, text))
			return 1;
	}
	return 0;
}

void isms_approval_quarters(const isms_audit *a, isms_approval_quarter out[ISMS_APPROVAL_QUARTERS])
{
	int y, m, d;

	memset(out, 0, sizeof(isms_approval_quarter) * ISMS_APPROVAL_QUARTERS);
	isms_date_ymd(a->today, &y, &m, &d);
	for (int q = ISMS_APPROVAL_QUARTERS - 1, qy = y, qq = (m - 1) / 3 + 1; q >= 0; q--) {
		out[q].year = qy;
		out[q].quarter = qq;
		if (--qq == 0) {
			qq = 4;
			qy--;
		}
	}
	for (guint i = 0; i < a->documents->len; i++) {
		const isms_document *doc = g_ptr_array_index(a->documents, i);
		const GArray *changes = isms_approval_changes(a, doc);
		if (!changes || !isms_document_reviewable(doc))
			continue;
		for (guint k = 0; k < changes->len; k++) {
			const isms_doc_change *ch = &g_array_index(changes, isms_doc_change, k);
			isms_day day = isms_audit_commit(a, ch->commit)->date;
			/* a commit of unknown date is in no quarter */
			if (!ch->approval ||
			    !(ch->what &
			      (ISMS_CHANGED_TEXT | ISMS_CHANGED_REVIEW | ISMS_CHANGED_IN_FORCE)) ||
			    !isms_approval_change_judged(a, ch) || !isms_date_known(day))
				continue;
			isms_date_ymd(day, &y, &m, &d);
			for (int q = 0; q < ISMS_APPROVAL_QUARTERS; q++)
				if (out[q].year == y && out[q].quarter == (m - 1) / 3 + 1)
					out[q].changes[ch->approval->state]++;
		}
	}
}
