#include <string.h>

#include "isms/date.h"
#include "isms/rules.h"
#include "testutil.h"

START_TEST(merged_work_is_dated_when_it_landed)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("edge/merge", "2026-01-15", &fs);
	const isms_document *d = find_document(a, "docs/feature.md");

	/* first-parent chain: start and merge; the branch commit is not on it */
	ck_assert_uint_eq(a->history.commits->len, 2);
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(commit_date(a, d->first), "2025-04-15");
	ck_assert_uint_eq(d->touches->len, 1);
	ck_assert_str_eq(commit_date(a, d->field_since[ISMS_F_LAST_REVIEWED]), "2025-04-15");
	audit_done(a, &fs);
}
END_TEST

START_TEST(renames_keep_history_by_id_or_content)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("edge/rename", "2026-01-15", &fs);
	const isms_document *by_id = find_document(a, "policies/policy.md");
	const isms_document *by_content = find_document(a, "policies/plain.md");
	const isms_document *fresh = find_document(a, "docs/new.md");

	ck_assert_uint_eq(a->documents->len, 3);
	ck_assert_str_eq(commit_date(a, by_id->first), "2024-02-01");
	ck_assert_str_eq(commit_date(a, by_id->last_body_change), "2025-05-01");
	ck_assert_str_eq(commit_date(a, by_id->field_since[ISMS_F_ID]), "2024-02-01");
	ck_assert_str_eq(commit_date(a, by_id->field_since[ISMS_F_VERSION]), "2025-05-01");
	ck_assert_str_eq(g_ptr_array_index(by_id->former_paths, 0), "docs/policy.md");
	ck_assert_uint_eq(by_id->touches->len, 2);
	ck_assert_str_eq(by_id->identity, "POL-001");

	ck_assert_str_eq(commit_date(a, by_content->first), "2024-02-01");
	ck_assert_str_eq(commit_date(a, by_content->last_body_change), "2024-02-01");
	ck_assert_str_eq(commit_date(a, by_content->last_change), "2025-05-01");
	ck_assert_str_eq(g_ptr_array_index(by_content->former_paths, 0), "docs/plain.md");
	ck_assert_str_eq(by_content->identity, "policies/plain.md");

	ck_assert_str_eq(commit_date(a, fresh->first), "2025-05-01");
	ck_assert_uint_eq(fresh->former_paths->len, 0);
	audit_done(a, &fs);
}
END_TEST

/* Every finding of an audit as "rule path:line item: message" lines. */
static char *all_findings(const isms_audit *a)
{
	isms_findings fs;
	GString *s = g_string_new(NULL);

	isms_findings_init(&fs);
	ck_assert_int_eq(isms_rules_run(a, &fs), 0);
	for (guint i = 0; i < fs.items->len; i++) {
		const isms_finding *f = g_ptr_array_index(fs.items, i);
		g_string_append_printf(s, "%s %s:%d %s: %s\n", f->rule->id, f->path ? f->path : "-",
		                       f->line, f->item ? f->item : "-", f->message);
	}
	isms_findings_dispose(&fs);
	return g_string_free(s, FALSE);
}

static isms_audit *open_lean(const char *fixture, const char *as_of, int lean)
{
	char *path = fixture_path(fixture);
	isms_audit_options opts = ISMS_AUDIT_OPTIONS_INIT;
	isms_audit *a = NULL;

	opts.path = path;
	opts.has_as_of = 1;
	ck_assert_int_eq(isms_date_parse(as_of, strlen(as_of), &opts.as_of), 0);
	opts.lean = lean;
	ck_assert_int_eq(isms_audit_open(&a, &opts), 0);
	g_free(path);
	return a;
}

/* A lean audit lets go of the fields of superseded versions: the audited
 * version of a copy (the same blob as an old version of another document)
 * keeps them, and the findings are those of the full audit. */
START_TEST(a_lean_audit_keeps_every_audited_version)
{
	static const char *const fixtures[][2] = {
	    {"edge/copies", "2025-01-15"}, {"demo", "2026-11-01"}, {"edge/rename", "2026-01-15"}};

	for (guint k = 0; k < G_N_ELEMENTS(fixtures); k++) {
		isms_audit *full = open_lean(fixtures[k][0], fixtures[k][1], 0);
		isms_audit *lean = open_lean(fixtures[k][0], fixtures[k][1], 1);
		char *want = all_findings(full), *have = all_findings(lean);
		ck_assert_str_eq(have, want);
		for (guint i = 0; i < lean->documents->len; i++) {
			const isms_document *d = g_ptr_array_index(lean->documents, i);
			ck_assert_msg(!(d->meta->flags & ISMS_META_SLIM), "%s", d->path);
		}
		g_free(want);
		g_free(have);
		isms_audit_free(full);
		isms_audit_free(lean);
	}

	isms_audit *a = open_lean("edge/copies", "2025-01-15", 1);
	const isms_document *b = find_document(a, "docs/b.md"), *d = find_document(a, "docs/d.md");
	ck_assert_str_eq(isms_meta_text(b->meta, ISMS_F_OWNER), "Ann");
	ck_assert_str_eq(isms_meta_text(find_document(a, "docs/a.md")->meta, ISMS_F_OWNER), "Bob");
	ck_assert_str_eq(isms_meta_text(find_document(a, "docs/c.md")->meta, ISMS_F_OWNER), "Cy");
	/* the first version of d.md is no document's audited version */
	const isms_meta *old =
	    g_hash_table_lookup(a->metas, &g_array_index(d->versions, isms_path_event, 0).blob);
	ck_assert(old->flags & ISMS_META_SLIM);
	ck_assert_str_eq(isms_meta_text(old, ISMS_F_OWNER), "");
	ck_assert_int_eq(old->fm.status, ISMS_FM_PRESENT);
	isms_audit_free(a);
}
END_TEST

START_TEST(front_matter_fields_remember_when_they_were_set)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/stale-content", "2026-01-15", &fs);
	const isms_document *d = find_document(a, "docs/stale.md");

	ck_assert_uint_eq(d->touches->len, 3);
	ck_assert_str_eq(commit_date(a, d->first), "2023-06-01");
	ck_assert_str_eq(commit_date(a, d->last_change), "2025-06-01");
	ck_assert_str_eq(commit_date(a, d->last_body_change), "2023-06-01");
	ck_assert_str_eq(commit_date(a, d->field_since[ISMS_F_LAST_REVIEWED]), "2025-06-01");
	ck_assert_str_eq(commit_date(a, d->field_since[ISMS_F_OWNER]), "2023-06-01");
	ck_assert_uint_eq(d->field_since[ISMS_F_NEXT_REVIEW], ISMS_NO_COMMIT);
	audit_done(a, &fs);
}
END_TEST

START_TEST(as_of_picks_the_branch_as_it_stood)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/stale-content", "2024-12-31", &fs);

	ck_assert_uint_eq(a->history.commits->len, 2);
	ck_assert_str_eq(commit_date(a, a->history.commits->len - 1), "2024-06-01");
	ck_assert_str_eq(commit_date(a, find_document(a, "docs/stale.md")->last_change),
	                 "2024-06-01");
	audit_done(a, &fs);
}
END_TEST

/* Every document's commit list equals git's own first-parent log. */
START_TEST(change_lists_match_git_log)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("demo", NULL, &fs);
	char *repo = fixture_path("demo");

	ck_assert_uint_gt(a->documents->len, 10);
	for (guint i = 0; i < a->documents->len; i++) {
		const isms_document *d = g_ptr_array_index(a->documents, i);
		GString *want = g_string_new(NULL), *got = g_string_new(NULL);
		char *out;
		const char *argv[] = {"git",         "-C",        repo, "log",   "--first-parent",
		                      "--format=%H", "--reverse", "--", d->path, NULL};
		if (d->former_paths->len > 0)
			continue; /* git log --follow does not follow by id */
		out = output_or_fail(argv);
		g_string_append(want, out);
		for (guint k = 0; k < d->touches->len; k++) {
			char hex[GIT_OID_HEXSZ + 1];
			g_string_append_printf(
			    got, "%s\n",
			    isms_audit_commit_hex(a, g_array_index(d->touches, guint32, k), hex));
		}
		ck_assert_msg(strcmp(want->str, got->str) == 0, "%s: git says\n%s\nwe say\n%s",
		              d->path, want->str, got->str);
		g_free(out);
		g_string_free(want, TRUE);
		g_string_free(got, TRUE);
	}
	g_free(repo);
	audit_done(a, &fs);
}
END_TEST

Suite *history_suite(void)
{
	Suite *s = suite_create("history");
	TCase *tc = tcase_create("history");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, merged_work_is_dated_when_it_landed);
	tcase_add_test(tc, renames_keep_history_by_id_or_content);
	tcase_add_test(tc, a_lean_audit_keeps_every_audited_version);
	tcase_add_test(tc, front_matter_fields_remember_when_they_were_set);
	tcase_add_test(tc, as_of_picks_the_branch_as_it_stood);
	tcase_add_test(tc, change_lists_match_git_log);
	suite_add_tcase(s, tc);
	return s;
}
