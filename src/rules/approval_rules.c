/* The approval checks: who approved each change to a document in force. */
#include <string.h>

#include "isms/approval.h"
#include "rules/rules_internal.h"

/* At most this many changes are cited as evidence of one finding. */
#define MAX_CITED 10

/* The changes held to approval: of the text, and the one that puts a
 * draft in force (its approval). */
#define APPROVED_CHANGES (ISMS_CHANGED_TEXT | ISMS_CHANGED_IN_FORCE)

/* "2 text changes", or "2 changes (1 of them putting it in force)" when
 * some changed no text but put a draft in force. */
static void append_changes(GString *s, guint n, guint in_force)
{
	if (in_force == 0)
		g_string_append_printf(s, "%u text change%s", n, n == 1 ? "" : "s");
	else if (in_force == n)
		g_string_append_printf(s, "%u change%s putting a draft in force", n,
		                       n == 1 ? "" : "s");
	else
		g_string_append_printf(s, "%u changes (%u of them putting a draft in force)", n,
		                       in_force);
}

/* How many changes of `list` (isms_doc_change *) changed no text but put
 * the document in force. */
static guint in_force_only(const GPtrArray *list)
{
	guint n = 0;

	for (guint i = 0; i < list->len; i++)
		n += !(((const isms_doc_change *)g_ptr_array_index(list, i))->what &
		       ISMS_CHANGED_TEXT);
	return n;
}

/* Names of a change's parties, "A, B and 2 more". Caller frees. */
static char *names_of(const GPtrArray *parties)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < parties->len && i < 3; i++) {
		const isms_party *p = g_ptr_array_index(parties, i);
		if (i > 0)
			g_string_append(s, i + 1 == parties->len ? " and " : ", ");
		g_string_append(s, *p->name ? p->name : p->email);
	}
	if (parties->len > 3)
		g_string_append_printf(s, " and %u more", parties->len - 3);
	return g_string_free(s, FALSE);
}

/* The key of the first trailer among parties, or NULL. */
static const char *trailer_of(const GPtrArray *parties)
{
	for (guint i = 0; i < parties->len; i++) {
		const isms_party *p = g_ptr_array_index(parties, i);
		if (p->how == ISMS_KNOWN_TRAILER)
			return p->trailer;
	}
	return NULL;
}

/* What a change's evidence says, for a finding's evidence note. Caller
 * frees. */
static char *describe(const isms_commit_approval *ca)
{
	char *authors = names_of(ca->authors), *approvers = names_of(ca->approvers);
	const char *trailer = trailer_of(ca->approvers);
	GString *s = g_string_new(NULL);

	switch (ca->state) {
	case ISMS_APPROVAL_NONE:
		g_string_append_printf(s, "direct commit by %s, no approval trailer", authors);
		break;
	case ISMS_APPROVAL_UNKNOWN:
		if (ca->authors_unknown)
			g_string_append(s, "merge whose merged commits the shallow clone lacks");
		else if (ca->kind == ISMS_CHANGE_MERGE)
			g_string_append_printf(s, "merged by a bot or the forge, not a person: no "
			                          "approval trailer");
		else if (ca->pull_request)
			g_string_append_printf(s,
			                       "squash or rebase merge of #%u by %s, no approval "
			                       "trailer",
			                       ca->pull_request, ca->forge);
		else
			g_string_append_printf(s,
			                       "committed by %s (a squash or rebase merge, or an "
			                       "edit in its web pages), no approval trailer",
			                       ca->forge);
		break;
	case ISMS_APPROVAL_SELF:
		if (trailer)
			g_string_append_printf(s, "%s approved their own change (%s)", approvers,
			                       trailer);
		else
			g_string_append_printf(s, "%s merged their own change", approvers);
		break;
	case ISMS_APPROVAL_INDEPENDENT:
		g_string_append_printf(s, "authored by %s, approved by %s (%s)", authors, approvers,
		                       trailer ? trailer : "merge");
		break;
	}
	if (ca->is_signed)
		g_string_append(s, "; signed");
	g_free(authors);
	g_free(approvers);
	return g_string_free(s, FALSE);
}

static void cite(const isms_audit *a, isms_finding *f, const isms_commit_approval *ca,
                 const char *prefix)
{
	char *note = describe(ca);
	char *full = prefix ? g_strdup_printf("%s: %s", prefix, note) : NULL;

	isms_rule_evidence(a, f, ca->commit, full ? full : note);
	g_free(full);
	g_free(note);
}

/* "since 2025-01-01 (approval_since)" or "since 2025-03-04 (the first
 * commit with approval evidence)"; that commit by its id when its date is
 * unknown. Caller frees. */
static char *since_text(const isms_audit *a)
{
	char day[ISMS_DATE_BUFSIZE], hex[GIT_OID_HEXSZ + 1];
	guint32 first = a->approvals->first_evidence;

	if (a->config.has_approval_since)
		return g_strdup_printf("since %s (approval_since)",
		                       isms_date_format(a->config.approval_since, day));
	if (!isms_date_known(isms_audit_commit(a, first)->date))
		return g_strdup_printf("since commit %.12s (the first commit with approval "
		                       "evidence, its date unknown)",
		                       isms_audit_commit_hex(a, first, hex));
	return g_strdup_printf("since %s (the first commit with approval evidence)",
	                       isms_date_format(isms_audit_commit(a, first)->date, day));
}

/* The judged changes of a document that `want` accepts, oldest first. */
static GPtrArray *judged_changes(const isms_audit *a, const isms_document *d, unsigned what,
                                 isms_approval_state state)
{
	const GArray *changes = isms_approval_changes(a, d);
	GPtrArray *out = g_ptr_array_new();

	for (guint i = 0; changes && i < changes->len; i++) {
		const isms_doc_change *ch = &g_array_index(changes, isms_doc_change, i);
		if ((ch->what & what) && ch->approval && ch->approval->state == state &&
		    isms_approval_change_judged(a, ch))
			g_ptr_array_add(out, (gpointer)ch);
	}
	return out;
}

/* Cite the last MAX_CITED changes of `list`, oldest first. */
static void cite_changes(const isms_audit *a, isms_finding *f, const GPtrArray *list)
{
	guint from = list->len > MAX_CITED ? list->len - MAX_CITED : 0;

	for (guint i = from; i < list->len; i++)
		cite(a, f, ((const isms_doc_change *)g_ptr_array_index(list, i))->approval, NULL);
}

/* A repository that never showed approval evidence: one finding, not one
 * per change. */
static void never_approved(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	guint changes = 0, docs = 0, in_force_only = 0;
	guint32 first = ISMS_NO_COMMIT, last = ISMS_NO_COMMIT;
	char day[ISMS_DATE_BUFSIZE];
	GString *what = g_string_new(NULL);

	for (guint i = 0; i < a->documents->len; i++) {
		const isms_document *d = g_ptr_array_index(a->documents, i);
		const GArray *list = isms_approval_changes(a, d);
		guint before = changes;
		if (!list || !isms_document_reviewable(d))
			continue;
		for (guint k = 0; k < list->len; k++) {
			const isms_doc_change *ch = &g_array_index(list, isms_doc_change, k);
			if (!(ch->what & APPROVED_CHANGES) || ch->not_in_force)
				continue;
			changes++;
			in_force_only += !(ch->what & ISMS_CHANGED_TEXT);
			if (first == ISMS_NO_COMMIT || ch->commit < first)
				first = ch->commit;
			if (last == ISMS_NO_COMMIT || ch->commit > last)
				last = ch->commit;
		}
		docs += changes > before;
	}
	if (changes == 0) {
		g_string_free(what, TRUE);
		return;
	}
	append_changes(what, changes, in_force_only);
	isms_finding *f = isms_findings_add(
	    out, r, NULL, 0, "approvals", NULL,
	    "no change to a controlled document shows approval evidence: the %s to %u "
	    "document%s in force since %s reached the branch as direct commits without an "
	    "approval trailer, so no review or approval of documented information can be "
	    "shown from Git (merge commits or an Approved-by trailer would show it)",
	    what->str, docs, docs == 1 ? "" : "s",
	    isms_date_format(isms_audit_commit(a, first)->date, day));
	g_string_free(what, TRUE);
	/* weak evidence rather than a lapse: approval may be recorded outside
	 * Git (minutes, a document control table) when no review ever left a
	 * trace in it; a change that bypasses reviews once they began is one */
	f->severity = ISMS_SEV_OBSERVATION;
	isms_rule_evidence(a, f, first, "first change without approval evidence");
	if (last != first)
		isms_rule_evidence(a, f, last, "latest change without approval evidence");
}

int isms_check_change_unapproved(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	if (!a->config.has_approval_since && a->approvals->first_evidence == ISMS_NO_COMMIT) {
		never_approved(a, r, out);
		return 0;
	}
	for (guint i = 0; i < a->documents->len; i++) {
		const isms_document *d = g_ptr_array_index(a->documents, i);
		if (!isms_document_reviewable(d))
			continue;
		GPtrArray *list = judged_changes(a, d, APPROVED_CHANGES, ISMS_APPROVAL_NONE);
		if (list->len > 0) {
			char *since = since_text(a);
			GString *what = g_string_new(NULL);
			append_changes(what, list->len, in_force_only(list));
			isms_finding *f = isms_findings_add(
			    out, r, d->path, 0, d->identity, NULL,
			    "%s %s reached the branch with no approval evidence: direct commit%s "
			    "without an approval trailer",
			    what->str, since, list->len == 1 ? "" : "s");
			cite_changes(a, f, list);
			g_string_free(what, TRUE);
			g_free(since);
		}
		g_ptr_array_free(list, TRUE);
	}
	return 0;
}

int isms_check_self_approved(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	for (guint i = 0; i < a->documents->len; i++) {
		const isms_document *d = g_ptr_array_index(a->documents, i);
		if (!isms_document_reviewable(d))
			continue;
		GPtrArray *list = judged_changes(a, d, APPROVED_CHANGES | ISMS_CHANGED_REVIEW,
		                                 ISMS_APPROVAL_SELF);
		if (list->len > 0) {
			guint dates = 0;
			for (guint k = 0; k < list->len; k++)
				dates +=
				    !(((const isms_doc_change *)g_ptr_array_index(list, k))->what &
				      APPROVED_CHANGES);
			GString *msg = g_string_new(NULL);
			g_string_append_printf(msg, "%u change%s", list->len,
			                       list->len == 1 ? "" : "s");
			if (dates == list->len)
				g_string_append_printf(msg, " (%s)",
				                       dates == 1 ? "a review date alone"
				                                  : "review dates alone");
			else if (dates)
				g_string_append_printf(msg, " (%u of them a review date alone)",
				                       dates);
			g_string_append_printf(msg,
			                       " %s approved only by an author of the change: the "
			                       "one who writes a document must not be the only one "
			                       "who approves it",
			                       list->len == 1 ? "was" : "were");
			isms_finding *f =
			    isms_findings_add_text(out, r, d->path, 0, d->identity, NULL, msg->str);
			for (guint k = 0; k < list->len && k < MAX_CITED; k++) {
				const isms_doc_change *ch = g_ptr_array_index(list, k);
				cite(a, f, ch->approval,
				     ch->what & ISMS_CHANGED_TEXT       ? NULL
				     : ch->what & ISMS_CHANGED_IN_FORCE ? "put in force"
				                                        : "review date only");
			}
			g_string_free(msg, TRUE);
		}
		g_ptr_array_free(list, TRUE);
	}
	return 0;
}

static int cmp_approval(gconstpointer pa, gconstpointer pb)
{
	guint32 x = (*(const isms_commit_approval *const *)pa)->commit;
	guint32 y = (*(const isms_commit_approval *const *)pb)->commit;

	return (x > y) - (x < y);
}

int isms_check_approval_unknown(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	GPtrArray *commits = g_ptr_array_new(); /* const isms_commit_approval *, once each */
	GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
	guint docs = 0, changes = 0, only = 0;

	for (guint i = 0; i < a->documents->len; i++) {
		const isms_document *d = g_ptr_array_index(a->documents, i);
		if (!isms_document_reviewable(d))
			continue;
		GPtrArray *list = judged_changes(a, d, APPROVED_CHANGES, ISMS_APPROVAL_UNKNOWN);
		docs += list->len > 0;
		changes += list->len;
		only += in_force_only(list);
		for (guint k = 0; k < list->len; k++) {
			const isms_doc_change *ch = g_ptr_array_index(list, k);
			if (g_hash_table_contains(seen, ch->approval))
				continue;
			g_hash_table_add(seen, (gpointer)ch->approval);
			g_ptr_array_add(commits, (gpointer)ch->approval);
		}
		g_ptr_array_free(list, TRUE);
	}
	if (changes > 0) {
		char *since = since_text(a);
		GString *what = g_string_new(NULL);
		append_changes(what, changes, only);
		g_ptr_array_sort(commits, cmp_approval);
		isms_finding *f = isms_findings_add(
		    out, r, NULL, 0, "approvals", NULL,
		    "the approval of %s to %u document%s in force %s cannot be shown from Git: a "
		    "forge squashed or rebased them, or a bot merged them, with no approval "
		    "trailer; keep merge commits, or require an Approved-by trailer in the squash "
		    "message",
		    what->str, docs, docs == 1 ? "" : "s", since);
		g_string_free(what, TRUE);
		for (guint k = commits->len > MAX_CITED ? commits->len - MAX_CITED : 0;
		     k < commits->len; k++)
			cite(a, f, g_ptr_array_index(commits, k), NULL);
		g_free(since);
	}
	g_hash_table_destroy(seen);
	g_ptr_array_free(commits, TRUE);
	return 0;
}

int isms_check_approver_mismatch(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	char day[ISMS_DATE_BUFSIZE];

	for (guint i = 0; i < a->documents->len; i++) {
		const isms_document *d = g_ptr_array_index(a->documents, i);
		const GArray *changes = isms_approval_changes(a, d);
		const char *approver;
		if (!changes || !isms_document_reviewable(d) ||
		    !isms_meta_has(d->meta, ISMS_F_APPROVER))
			continue;
		approver = isms_meta_text(d->meta, ISMS_F_APPROVER);
		GPtrArray *approved = g_ptr_array_new();
		int matched = 0;
		guint start = isms_approval_trail_start(a, d);
		for (guint k = start; k < changes->len && !matched; k++) {
			const isms_doc_change *ch = &g_array_index(changes, isms_doc_change, k);
			if (!ch->approval || (ch->approval->state != ISMS_APPROVAL_INDEPENDENT &&
			                      ch->approval->state != ISMS_APPROVAL_SELF))
				continue;
			matched = isms_approval_by(a, ch->approval, approver);
			g_ptr_array_add(approved, (gpointer)ch);
		}
		if (!matched && approved->len > 0) {
			const isms_doc_change *first =
			    &g_array_index(changes, isms_doc_change, start);
			GString *msg = g_string_new(NULL);
			GString *who = g_string_new(NULL);
			for (guint k = 0; k < approved->len; k++) {
				const isms_doc_change *ch = g_ptr_array_index(approved, k);
				char *names = names_of(ch->approval->approvers);
				if (!strstr(who->str, names))
					g_string_append_printf(who, "%s%s", who->len ? "; " : "",
					                       names);
				g_free(names);
			}
			char *set = isms_meta_has(d->meta, ISMS_F_VERSION)
			                ? isms_text_printf("version '%s' was set",
			                                   isms_meta_text(d->meta, ISMS_F_VERSION))
			                : g_strdup("its text was set");
			char *text = isms_text_printf(
			    "names '%s' as approver, but none of the changes since %s on %s was "
			    "approved by them: approved by %s",
			    approver, set,
			    isms_date_format(isms_audit_commit(a, first->commit)->date, day),
			    who->str);
			g_free(set);
			g_string_append(msg, text);
			g_free(text);
			if (!isms_people_known(isms_approval_people(a), approver)) {
				text = isms_text_printf(
				    " (no commit identity or `people:` entry "
				    "matches '%s': list the person and their roles "
				    "under `people:`)",
				    approver);
				g_string_append(msg, text);
				g_free(text);
			}
			isms_finding *f = isms_findings_add_text(
			    out, r, d->path, d->meta->field[ISMS_F_APPROVER]->line, d->identity,
			    NULL, msg->str);
			for (guint k = 0; k < approved->len && k < MAX_CITED; k++)
				cite(a, f,
				     ((const isms_doc_change *)g_ptr_array_index(approved, k))
				         ->approval,
				     NULL);
			g_string_free(msg, TRUE);
			g_string_free(who, TRUE);
		}
		g_ptr_array_free(approved, TRUE);
	}
	return 0;
}
