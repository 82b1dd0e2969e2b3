/* Pull-request mode: keep only the findings a change introduces. */
#include "isms/base.h"

#include <string.h>

#include "isms/error.h"
#include "isms/gitutil.h"
#include "isms/rules.h"

void isms_base_dispose(isms_base *b)
{
	if (b)
		g_free(b->rev);
}

char *isms_base_describe(const isms_base *b)
{
	GString *s = g_string_new(NULL);
	size_t pre = b->preexisting;

	g_string_append_printf(s, "only what the change introduces since commit %.12s", b->commit);
	if (b->merge_base)
		g_string_append_printf(s, " (the merge base of --base '%s' and the audited commit)",
		                       b->rev);
	else
		g_string_append_printf(s, " (--base '%s')", b->rev);
	g_string_append_printf(
	    s, ", %u commit%s; %zu finding%s already present there %s not repeated", b->changes,
	    b->changes == 1 ? "" : "s", pre, pre == 1 ? "" : "s", pre == 1 ? "is" : "are");
	if (b->preexisting_waived)
		g_string_append_printf(s, " (and %zu waived)", b->preexisting_waived);
	return g_string_free(s, FALSE);
}

char *isms_base_config_note(const isms_audit *head)
{
	const isms_change_config *ch = head->change;
	const char *name;
	GString *note;
	int seen = 0;

	if (!ch)
		return NULL;
	name = ch->name ? ch->name : head->config.source;
	note = g_string_new(NULL);
	g_string_append_printf(note, "%s: the change's configuration is not used with --base; %s",
	                       name ? name : ".isms-audit.yml",
	                       head->config.source ? "the base's is" : "the defaults are");
	/* the rules that compare it, from their rows */
	for (size_t i = 0; i < isms_rules_count; i++)
		if (isms_rules[i].flags & ISMS_RULE_ABOUT_CHANGE)
			g_string_append_printf(note, "%s%s", seen++ ? ", " : " (see ",
			                       isms_rules[i].id);
	if (seen)
		g_string_append_c(note, ')');
	return g_string_free(note, FALSE);
}

/* The commits of the change: reachable from HEAD, not from the base. */
static int change_commits(const isms_audit *a, const git_oid *head, const git_oid *base,
                          GHashTable *out)
{
	git_revwalk *walk = NULL;
	git_oid id;
	int error = 0, rc;

	if (git_revwalk_new(&walk, a->repo) < 0 || git_revwalk_push(walk, head) < 0 ||
	    git_revwalk_hide(walk, base) < 0) {
		error = isms_git_error(a->root);
		goto done;
	}
	while ((rc = git_revwalk_next(&id, walk)) == 0) {
		char hex[GIT_OID_HEXSZ + 1];
		g_hash_table_add(out, g_strdup(git_oid_tostr(hex, sizeof(hex), &id)));
	}
	if (rc != GIT_ITEROVER)
		error = isms_git_error(a->root);
done:
	git_revwalk_free(walk);
	return error;
}

/* The base's findings: from HEAD's history walk when the base is on HEAD's
 * first-parent chain (a pull request's merge commit has the base as first
 * parent), else from an audit of the base itself. */
static int base_findings(const isms_audit *head, const isms_audit_options *opts,
                         const git_oid *base, isms_base *out, isms_findings *fs)
{
	isms_audit *a = NULL;
	int error;

	for (guint32 i = 0; i < head->history.commits->len; i++) {
		if (!git_oid_equal(&isms_audit_commit(head, i)->id, base))
			continue;
		out->derived = 1;
		if ((error = isms_audit_open_at(head, i, head->today, &a)) == 0)
			error = isms_rules_run(a, fs);
		isms_audit_free(a);
		return error;
	}
	isms_audit_options bopts = *opts;
	bopts.rev = out->commit;
	bopts.has_as_of = 1;
	bopts.as_of = head->today;
	bopts.checkpoints = NULL;
	bopts.base = NULL; /* its own configuration is the one HEAD's audit used */
	if ((error = isms_audit_open(&a, &bopts)) == 0)
		error = isms_rules_run(a, fs);
	isms_audit_free(a);
	return error;
}

/* Keep in `list` what the change introduced; returns how many were dropped. */
static size_t keep_introduced(GPtrArray *list, const GPtrArray *base, GHashTable *change)
{
	GHashTable *at_base = g_hash_table_new(g_str_hash, g_str_equal);
	size_t dropped = 0;

	/* fingerprints counted: two findings with one fingerprint at HEAD and
	 * one at the base leave one introduced */
	for (guint i = 0; i < base->len; i++) {
		const isms_finding *f = g_ptr_array_index(base, i);
		/* and those it stood for: declaring a first clause turns the
		 * one finding into one per clause still missing, which the
		 * change did not introduce */
		for (guint k = 0; k <= (f->stands_for ? f->stands_for->len : 0); k++) {
			const char *fp =
			    k == 0 ? f->fingerprint : g_ptr_array_index(f->stands_for, k - 1);
			guint n = GPOINTER_TO_UINT(g_hash_table_lookup(at_base, fp));
			g_hash_table_insert(at_base, (gpointer)fp, GUINT_TO_POINTER(n + 1));
		}
	}
	for (guint i = 0; i < list->len;) {
		const isms_finding *f = g_ptr_array_index(list, i);
		guint n = GPOINTER_TO_UINT(g_hash_table_lookup(at_base, f->fingerprint));
		int about_change = 0;
		/* other rules cite commits only to show context ("last changed"):
		 * editing a document that already lacked an owner does not
		 * introduce that finding */
		for (guint k = 0; (f->rule->flags & ISMS_RULE_CITES_CHANGE) && !about_change &&
		                  k < f->evidence->len;
		     k++)
			about_change = g_hash_table_contains(
			    change, g_array_index(f->evidence, isms_evidence, k).commit);
		if (n > 0)
			g_hash_table_insert(at_base, (gpointer)f->fingerprint,
			                    GUINT_TO_POINTER(n - 1));
		/* the change's own commits are not merged yet: their approval is
		 * judged when they land */
		if (about_change && (f->rule->flags & ISMS_RULE_AWAITS_MERGE)) {
			g_ptr_array_remove_index(list, i);
			dropped += n > 0;
			continue;
		}
		if (n == 0 || about_change || (f->rule->flags & ISMS_RULE_ABOUT_CHANGE)) {
			i++;
			continue;
		}
		g_ptr_array_remove_index(list, i); /* keeps the report order */
		dropped++;
	}
	g_hash_table_destroy(at_base);
	return dropped;
}

int isms_base_compare(const isms_audit *head, const isms_audit_options *opts, const char *rev,
                      isms_findings *fs, isms_base *out)
{
	GHashTable *change = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	const isms_commit *tip = isms_audit_head(head);
	git_oid base;
	isms_findings bfs;
	int error;

	memset(out, 0, sizeof(*out));
	out->rev = g_strdup(rev);
	isms_findings_init(&bfs);
	if ((error = isms_git_base_commit(head->repo, head->root, &tip->id, rev, &base,
	                                  &out->merge_base)) < 0)
		goto done;
	git_oid_tostr(out->commit, sizeof(out->commit), &base);
	if ((error = change_commits(head, &tip->id, &base, change)) < 0 ||
	    (error = base_findings(head, opts, &base, out, &bfs)) < 0)
		goto done;
	out->changes = g_hash_table_size(change);
	out->preexisting = keep_introduced(fs->items, bfs.items, change);
	out->preexisting_waived = keep_introduced(fs->waived, bfs.waived, change);
done:
	isms_findings_dispose(&bfs);
	g_hash_table_destroy(change);
	return error;
}
