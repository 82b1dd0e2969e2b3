/* Document-control rules: clauses 7.5.2, 7.5.3 and 10.1 over the documents
 * of the audit model and their history. */
#include "rules/rules_internal.h"

#include <string.h>

static int field_line(const isms_document *d, isms_field f)
{
	return d->meta->field[f] ? d->meta->field[f]->line : 1;
}

/* The versions of a document the parse budget left unread: as a document,
 * and as a register by the replay. */
static guint unread_versions(const isms_audit *a, const isms_document *d)
{
	guint n = d->unread;

	for (guint k = 0; a->registers && k < a->registers->len; k++) {
		const isms_register_model *m = g_ptr_array_index(a->registers, k);
		if (m->doc == d)
			n += m->unread;
	}
	return n;
}

int isms_check_unreadable(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	for (guint i = 0; i < a->documents->len; i++) {
		const isms_document *d = g_ptr_array_index(a->documents, i);
		guint unread = unread_versions(a, d);
		isms_finding *f;
		if (unread > 0 && !(d->meta->flags & ISMS_META_BUDGET)) {
			/* read at the audited commit, not all through its history */
			f = isms_findings_add(
			    out, r, d->path, 0, d->identity, "budget",
			    "%u of its %u versions were not read: the audit's parse budget of %zu "
			    "bytes (max_total_parse) is spent, so its history is judged from the "
			    "others",
			    unread, d->versions->len, a->config.max_total_parse);
			isms_rule_evidence(a, f, d->last_change, "last changed");
		}
		if (d->mode == GIT_FILEMODE_LINK)
			f = isms_findings_add(
			    out, r, d->path, 0, d->identity, "symlink",
			    "is a symbolic link: links are not followed, so the "
			    "document it points to is not evidenced at this path");
		else if (d->meta->flags & ISMS_META_BUDGET)
			f = isms_findings_add(out, r, d->path, 0, d->identity, "budget",
			                      "not read: the audit's parse budget of %zu bytes "
			                      "(max_total_parse) is spent",
			                      a->config.max_total_parse);
		else if (d->meta->flags & ISMS_META_TOO_LARGE)
			f = isms_findings_add(
			    out, r, d->path, 0, d->identity, "size",
			    "is %zu bytes, over the %zu-byte limit (max_file_size): "
			    "not read",
			    d->meta->size, a->config.max_file_size);
		else if (d->meta->flags & ISMS_META_TABLES)
			f = isms_findings_add(out, r, d->path, d->meta->tables_line, d->identity,
			                      d->meta->tables_item, "%s: its Markdown is not read",
			                      d->meta->tables_why);
		else if (d->meta->flags & ISMS_META_BINARY)
			f = isms_findings_add(
			    out, r, d->path, 0, d->identity, "binary",
			    "holds NUL bytes: it is not a text document and was not read");
		else if (d->meta->flags & ISMS_META_BAD_UTF8)
			f = isms_findings_add(
			    out, r, d->path, d->meta->bad_utf8_line, d->identity, "encoding",
			    "is not valid UTF-8 (first at line %d): readers may see "
			    "garbled text",
			    d->meta->bad_utf8_line);
		else
			continue;
		isms_rule_evidence(a, f, d->last_change, "last changed");
	}
	return 0;
}

int isms_check_no_metadata(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	for (guint i = 0; i < a->documents->len; i++) {
		const isms_document *d = g_ptr_array_index(a->documents, i);
		guint32 removed = ISMS_NO_COMMIT;
		/* metadata from any source will do: front matter, a
		 * document-control table, key lines, the version history */
		if (!isms_document_readable(d) || isms_meta_present(d->meta))
			continue;
		/* a version that had metadata: the commit after it removed it */
		for (guint v = d->versions->len - 1; v > 0 && removed == ISMS_NO_COMMIT; v--) {
			const isms_path_event *e =
			    &g_array_index(d->versions, isms_path_event, v - 1);
			const isms_meta *m = g_hash_table_lookup(a->metas, &e->blob);
			if (m && isms_meta_present(m))
				removed = g_array_index(d->versions, isms_path_event, v).commit;
		}
		isms_finding *f = isms_findings_add(
		    out, r, d->path, 1, d->identity, NULL,
		    "has no metadata%s (front matter, a document-control table or key lines): "
		    "nothing identifies its owner, version or review date",
		    removed != ISMS_NO_COMMIT ? " since it was removed" : "");
		if (removed != ISMS_NO_COMMIT)
			isms_rule_evidence(a, f, removed, "metadata removed");
		else
			isms_rule_evidence(a, f, d->first, "added without metadata");
	}
	return 0;
}

/*
 * Whether a problem is the unusable value of a draft's review date or
 * cycle. Review dates only matter once a document is approved, and a
 * template's `next_review: TBD` is what a draft is expected to hold, so
 * these are no findings on a draft. A second alias of the field, or any
 * other field's value, still is.
 */
static int draft_review_value(const isms_document *d, const isms_meta_problem *pr)
{
	const isms_meta *m = d->meta;
	int f = pr->field;

	if (m->status != ISMS_DOC_DRAFT ||
	    (f != ISMS_F_LAST_REVIEWED && f != ISMS_F_NEXT_REVIEW && f != ISMS_F_REVIEW_CYCLE))
		return 0;
	return m->invalid[f] && m->field[f] && m->field[f]->line == pr->line &&
	       strcmp(m->field[f]->key, pr->key) == 0;
}

int isms_check_bad_metadata(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	for (guint i = 0; i < a->documents->len; i++) {
		const isms_document *d = g_ptr_array_index(a->documents, i);
		if (!isms_document_readable(d))
			continue;
		for (guint p = 0; p < d->meta->problems->len; p++) {
			const isms_meta_problem *pr = g_ptr_array_index(d->meta->problems, p);
			int field = pr->field < ISMS_F_COUNT ? pr->field : -1;
			if (draft_review_value(d, pr))
				continue;
			/* composed by isms_meta_parse(), its values already cut */
			isms_finding *f = isms_findings_add_text(out, r, d->path, pr->line,
			                                         d->identity, pr->key, pr->message);
			if (field >= 0 && d->field_since[field] != ISMS_NO_COMMIT)
				isms_rule_evidence(a, f, d->field_since[field], "value set");
			else
				isms_rule_evidence(a, f, d->last_change, "last changed");
		}
	}
	return 0;
}

static int has_required(const isms_audit *a, const isms_document *d, const char *name)
{
	const isms_meta *m = d->meta;

	if (strcmp(name, "review") == 0)
		return m->field[ISMS_F_LAST_REVIEWED] || m->field[ISMS_F_NEXT_REVIEW];
	/* from any source; an invalid value is reported as such */
	return isms_meta_get(m, isms_meta_dialect_lookup(&a->config.fields, name), NULL) != NULL;
}

/* What the absence of a required field leaves unshown, for the message;
 * NULL for a field whose absence speaks for itself. */
static const char *missing_consequence(const char *name)
{
	static const struct {
		const char *field, *consequence;
	} says[] = {
	    {"owner", "nobody is accountable for it"},
	    {"version", "changes cannot be told apart"},
	    {"review", "its review cannot be shown"},
	    {"date", "the record is not dated"},
	};

	for (size_t i = 0; i < G_N_ELEMENTS(says); i++)
		if (strcmp(says[i].field, name) == 0)
			return says[i].consequence;
	return NULL;
}

/* Append `word`, the `k`-th of `n`, to a list "a, b or c" (`last` "or"). */
static void append_listed(GString *s, const char *word, guint k, guint n, const char *last)
{
	if (k > 0)
		g_string_append_printf(s, k + 1 == n ? " %s " : ", ", last);
	g_string_append(s, word);
}

/*
 * One finding per document, naming every required field it lacks: the
 * lapse is the document's (its metadata was never completed), so a
 * document missing three fields is one finding, not three. Its item lists
 * the fields (canonical names, "review" for a review date) and its
 * fingerprint is the rule and the document alone, so that filling in one
 * of the fields does not make the rest a new finding.
 */
int isms_check_missing_field(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	GPtrArray *missing = g_ptr_array_new();
	GString *item = g_string_new(NULL), *msg = g_string_new(NULL);

	for (guint i = 0; i < a->documents->len; i++) {
		const isms_document *d = g_ptr_array_index(a->documents, i);
		const GPtrArray *req;
		guint said = 0;
		/* a document without metadata is DOC-NO-METADATA, one with front
		 * matter that cannot be read DOC-BAD-METADATA */
		if (!isms_document_readable(d) || !d->in_force || !isms_meta_present(d->meta) ||
		    d->meta->fm.status == ISMS_FM_INVALID)
			continue;
		req = isms_config_required(&a->config, isms_document_type(d));
		g_ptr_array_set_size(missing, 0);
		for (guint k = 0; k < req->len; k++) {
			const char *name = g_ptr_array_index(req, k);
			int field = isms_meta_dialect_lookup(&a->config.fields, name);
			/* an alias is named as its field, and counted once */
			if (field >= 0)
				name = isms_meta_dialect_name(&a->config.fields, field);
			if (has_required(a, d, name) ||
			    g_ptr_array_find_with_equal_func(missing, name, g_str_equal, NULL))
				continue;
			g_ptr_array_add(missing, (gpointer)name);
		}
		if (missing->len == 0)
			continue;
		g_string_truncate(item, 0);
		g_string_printf(msg, "%s has no ", d->is_record ? "record" : "document in force");
		for (guint k = 0; k < missing->len; k++) {
			const char *name = g_ptr_array_index(missing, k);
			g_string_append_printf(item, "%s%s", k ? ", " : "", name);
			append_listed(msg,
			              strcmp(name, "review") == 0
			                  ? "review date (last_reviewed or next_review)"
			                  : name,
			              k, missing->len, "or");
		}
		for (guint k = 0; k < missing->len; k++)
			said += missing_consequence(g_ptr_array_index(missing, k)) != NULL;
		for (guint k = 0, n = 0; k < missing->len; k++) {
			const char *why = missing_consequence(g_ptr_array_index(missing, k));
			if (!why)
				continue;
			if (n == 0)
				g_string_append(msg, ": ");
			append_listed(msg, why, n++, said, "and");
		}
		/* the names are ours: the message quotes nothing of the document */
		isms_finding *f =
		    isms_findings_add_text(out, r, d->path, 1, d->identity, NULL, msg->str);
		isms_finding_set_item(f, item->str);
		isms_rule_evidence(a, f, d->last_change, "last changed");
	}
	g_string_free(msg, TRUE);
	g_string_free(item, TRUE);
	g_ptr_array_free(missing, TRUE);
	return 0;
}

/* Documents by the commit that added them, then by path. */
static int added_first(gconstpointer pa, gconstpointer pb)
{
	const isms_document *a = *(isms_document *const *)pa, *b = *(isms_document *const *)pb;

	if (a->first != b->first)
		return a->first < b->first ? -1 : 1;
	return strcmp(a->path, b->path);
}

int isms_check_duplicate_id(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	GPtrArray *order = g_ptr_array_new();

	/* the document added first keeps the id; later ones are the duplicates */
	for (guint i = 0; i < a->documents->len; i++) {
		const isms_document *d = g_ptr_array_index(a->documents, i);
		if (isms_document_readable(d) && isms_meta_has(d->meta, ISMS_F_ID))
			g_ptr_array_add(order, (gpointer)d);
	}
	g_ptr_array_sort(order, added_first);
	for (guint i = 0; i < order->len; i++) {
		const isms_document *d = g_ptr_array_index(order, i);
		const char *id = isms_meta_text(d->meta, ISMS_F_ID);
		const isms_document *owner = g_hash_table_lookup(seen, id);
		if (!owner) {
			g_hash_table_insert(seen, (gpointer)id, (gpointer)d);
			continue;
		}
		isms_finding *f =
		    isms_findings_add(out, r, d->path, field_line(d, ISMS_F_ID), d->path, id,
		                      "id '%s' is also the id of %s: references to it are "
		                      "ambiguous",
		                      id, owner->path);
		isms_rule_evidence(a, f, d->field_since[ISMS_F_ID], "id set here");
		char *note = g_strdup_printf("id first set in %s", owner->path);
		isms_rule_evidence(a, f, owner->field_since[ISMS_F_ID], note);
		g_free(note);
	}
	g_ptr_array_free(order, TRUE);
	g_hash_table_destroy(seen);
	return 0;
}

int isms_check_review_overdue(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	char due[ISMS_DATE_BUFSIZE], last[ISMS_DATE_BUFSIZE], cyc[32];

	for (guint i = 0; i < a->documents->len; i++) {
		const isms_document *d = g_ptr_array_index(a->documents, i);
		const isms_meta *m = d->meta;
		isms_finding *f;
		isms_review rv;
		if (isms_document_review(d, a->today, ISMS_REVIEW_SOON_DAYS, &rv) !=
		    ISMS_REVIEW_OVERDUE)
			continue;
		isms_date_format(rv.due, due);
		if (m->has_next_review) {
			f = isms_findings_add(
			    out, r, d->path, field_line(d, ISMS_F_NEXT_REVIEW), d->identity, NULL,
			    "review was due on %s (next_review): overdue by %d days", due,
			    rv.days_overdue);
			isms_rule_evidence(a, f, d->field_since[ISMS_F_NEXT_REVIEW],
			                   "next_review set");
		} else {
			isms_duration c =
			    m->has_cycle ? m->cycle
			                 : isms_config_cycle(&a->config, isms_document_type(d));
			f = isms_findings_add(
			    out, r, d->path, field_line(d, ISMS_F_LAST_REVIEWED), d->identity, NULL,
			    "review was due on %s (last reviewed %s, cycle %s%s): overdue "
			    "by %d days",
			    due, isms_date_format(m->last_reviewed, last),
			    isms_duration_format(c, cyc, sizeof(cyc)),
			    m->has_cycle ? "" : " by default", rv.days_overdue);
			isms_rule_evidence(a, f, d->field_since[ISMS_F_LAST_REVIEWED],
			                   "last_reviewed set");
		}
	}
	return 0;
}

int isms_check_review_unevidenced(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	char said[ISMS_DATE_BUFSIZE], when[ISMS_DATE_BUFSIZE];

	for (guint i = 0; i < a->documents->len; i++) {
		const isms_document *d = g_ptr_array_index(a->documents, i);
		guint32 c = d->field_since[ISMS_F_LAST_REVIEWED];
		isms_finding *f = NULL;
		isms_day recorded;
		if (!isms_document_reviewable(d) || !d->meta->has_last_reviewed ||
		    c == ISMS_NO_COMMIT)
			continue;
		recorded = isms_audit_commit(a, c)->date;
		isms_date_format(d->meta->last_reviewed, said);
		isms_date_format(recorded, when);
		if (d->meta->last_reviewed > a->today)
			f = isms_findings_add(out, r, d->path, field_line(d, ISMS_F_LAST_REVIEWED),
			                      d->identity, "future",
			                      "claims a review on %s, after the audit date", said);
		else if (!isms_date_known(recorded)) /* no evidence either way */
			continue;
		/* a review planned and recorded a little ahead of the meeting
		 * is as common as one recorded a little late: the same
		 * tolerance either way */
		else if (d->meta->last_reviewed - recorded > a->config.review_evidence_days)
			f = isms_findings_add(
			    out, r, d->path, field_line(d, ISMS_F_LAST_REVIEWED), d->identity,
			    "early",
			    "claims a review on %s, but that date was committed on %s, "
			    "%d days before the review took place (tolerance %d days)",
			    said, when, (int)(d->meta->last_reviewed - recorded),
			    a->config.review_evidence_days);
		else if (recorded - d->meta->last_reviewed > a->config.review_evidence_days)
			f = isms_findings_add(
			    out, r, d->path, field_line(d, ISMS_F_LAST_REVIEWED), d->identity,
			    "late",
			    "claims a review on %s, but it was recorded only on %s, %d days "
			    "later (tolerance %d days): the review is not evidenced when "
			    "it is said to have happened",
			    said, when, (int)(recorded - d->meta->last_reviewed),
			    a->config.review_evidence_days);
		if (f)
			isms_rule_evidence(a, f, c, "last_reviewed set");
	}
	return 0;
}

/* A text last changed on an unknown date is not known to be stale. */
static int is_stale(const isms_audit *a, const isms_document *d)
{
	isms_day limit = isms_date_add_months(a->today, -a->config.stale_after_months);
	isms_day changed = isms_audit_commit(a, d->last_body_change)->date;

	return isms_date_known(changed) && changed < limit;
}

int isms_check_stale_content(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	char day[ISMS_DATE_BUFSIZE];

	for (guint i = 0; i < a->documents->len; i++) {
		const isms_document *d = g_ptr_array_index(a->documents, i);
		isms_day changed;
		if (!isms_document_reviewable(d) || !is_stale(a, d))
			continue;
		changed = isms_audit_commit(a, d->last_body_change)->date;
		isms_finding *f =
		    isms_findings_add(out, r, d->path, d->meta->fm.body_line, d->identity, NULL,
		                      "text unchanged since %s (%d days, limit %d months), "
		                      "whatever its review dates say",
		                      isms_date_format(changed, day), (int)(a->today - changed),
		                      a->config.stale_after_months);
		isms_rule_evidence(a, f, d->last_body_change, "last change to the text");
	}
	return 0;
}

int isms_check_version_not_bumped(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	char day[ISMS_DATE_BUFSIZE];

	for (guint i = 0; i < a->documents->len; i++) {
		const isms_document *d = g_ptr_array_index(a->documents, i);
		guint32 since = d->field_since[ISMS_F_VERSION];
		if (!isms_document_reviewable(d) || d->unbumped->len == 0 ||
		    !isms_meta_has(d->meta, ISMS_F_VERSION))
			continue;
		isms_finding *f = isms_findings_add(
		    out, r, d->path, field_line(d, ISMS_F_VERSION), d->identity, NULL,
		    "text changed in %u commit%s after version '%s' was set on %s, but the version "
		    "was "
		    "not changed: readers cannot tell the revisions apart",
		    d->unbumped->len, d->unbumped->len == 1 ? "" : "s",
		    isms_meta_text(d->meta, ISMS_F_VERSION),
		    isms_date_format(isms_audit_commit(a, since)->date, day));
		isms_rule_evidence(a, f, since, "version set");
		for (guint k = 0; k < d->unbumped->len && k < 10; k++)
			isms_rule_evidence(a, f, g_array_index(d->unbumped, guint32, k),
			                   "text changed");
	}
	return 0;
}

int isms_check_static(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	guint total = 0, stale = 0;
	const isms_document *oldest = NULL;

	for (guint i = 0; i < a->documents->len; i++) {
		const isms_document *d = g_ptr_array_index(a->documents, i);
		if (!isms_document_reviewable(d))
			continue;
		total++;
		if (is_stale(a, d)) {
			stale++;
			if (!oldest || d->last_body_change < oldest->last_body_change)
				oldest = d;
		}
	}
	if (total == 0 || (double)stale <= a->config.static_ratio * (double)total)
		return 0;
	isms_finding *f = isms_findings_add(
	    out, r, NULL, 0, "repository", NULL,
	    "%u of %u controlled documents (%u%%) have had no change to their text in %d months: "
	    "the management system looks static",
	    stale, total, (stale * 100 + total / 2) / total, a->config.stale_after_months);
	if (oldest) {
		char *note = g_strdup_printf("oldest text: %s", oldest->path);
		isms_rule_evidence(a, f, oldest->last_body_change, note);
		g_free(note);
	}
	return 0;
}

/* A draft is a controlled document (not a record or register) that is
 * not yet approved; retired documents are neither drafts nor in use. */
int isms_check_not_approved(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	guint total = 0, drafts = 0;
	const isms_document *oldest = NULL;

	for (guint i = 0; i < a->documents->len; i++) {
		const isms_document *d = g_ptr_array_index(a->documents, i);
		if (!isms_document_readable(d) || d->is_record || d->is_register ||
		    d->meta->status == ISMS_DOC_RETIRED)
			continue;
		total++;
		if (d->meta->status != ISMS_DOC_DRAFT)
			continue;
		drafts++;
		if (!oldest || d->field_since[ISMS_F_STATUS] < oldest->field_since[ISMS_F_STATUS])
			oldest = d;
	}
	if (total == 0 || drafts * 2 <= total)
		return 0;
	isms_finding *f = isms_findings_add(
	    out, r, NULL, 0, "repository", NULL,
	    "%u of %u controlled documents (%u%%) are drafts: most of the management system "
	    "has not been approved for use",
	    drafts, total, (drafts * 100 + total / 2) / total);
	char *note = g_strdup_printf("longest a draft: %s", oldest->path);
	isms_rule_evidence(a, f, oldest->field_since[ISMS_F_STATUS], note);
	g_free(note);
	return 0;
}

int isms_check_no_documents(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	if (a->documents->len > 0)
		return 0;
	isms_finding *f =
	    isms_findings_add(out, r, NULL, 0, "repository", NULL,
	                      "no controlled Markdown documents in the audited paths: "
	                      "there is no documented information to audit");
	isms_rule_evidence(a, f, a->history.commits->len - 1, "audited commit");
	return 0;
}
