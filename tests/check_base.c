#include <string.h>

#include "isms/base.h"
#include "isms/error.h"
#include "isms/rules.h"
#include "testutil.h"

#define RUN(out, err, ...) run_cli((const char *const[]){__VA_ARGS__, NULL}, NULL, out, err)

/* Every finding as "RULE path:item", one per line. */
static char *all_findings(const isms_findings *fs)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < fs->items->len; i++) {
		const isms_finding *f = g_ptr_array_index(fs->items, i);
		g_string_append_printf(s, "%s %s:%s\n", f->rule->id, f->path ? f->path : "-",
		                       f->item ? f->item : "-");
	}
	return g_string_free(s, FALSE);
}

/* What the pull request of the fixture introduces, whatever the base. */
static const char introduced[] = "DOC-NO-METADATA docs/guide.md:-\n"
                                 "DOC-REVIEW-UNEVIDENCED docs/policy.md:late\n"
                                 "DOC-VERSION-NOT-BUMPED docs/handbook.md:-\n"
                                 "ACT-REMOVED register.md:NC-1\n"
                                 "ACT-REWRITTEN register.md:OFI-1\n"
                                 "ACT-CLOSURE-BACKDATED register.md:NC-2\n";

static isms_audit *compare(const char *rev, isms_findings *fs, isms_base *b, size_t *before)
{
	isms_audit_options opts = ISMS_AUDIT_OPTIONS_INIT;
	isms_audit *a = audit_fixture("rules/pull-request", "2025-06-20", fs);

	*before = fs->items->len;
	opts.path = a->root;
	opts.has_as_of = 1;
	opts.as_of = a->today;
	ck_assert_msg(isms_base_compare(a, &opts, rev, fs, b) == 0, "%s", isms_error_last());
	return a;
}

START_TEST(only_what_the_pull_request_introduces)
{
	isms_findings fs;
	isms_base b;
	size_t before;
	isms_audit *a = compare("HEAD~1", &fs, &b, &before);
	char *got = all_findings(&fs);

	ck_assert_str_eq(got, introduced);
	/* not repeated: the owner missing from docs/procedure.md (edited by the
	 * change, but it lacked one before), the whole-ISMS findings */
	ck_assert_ptr_null(find_finding(&fs, "DOC-MISSING-FIELD", "docs/procedure.md"));
	ck_assert_uint_eq(b.preexisting, before - 6);
	ck_assert_uint_eq(b.preexisting, 4);
	ck_assert_uint_eq(b.changes, 3); /* the merge and the two commits of the branch */
	ck_assert(b.derived);
	ck_assert(!b.merge_base);
	ck_assert_str_eq(b.commit, commit_hex(a, a->history.commits->len - 2));
	g_free(got);
	isms_base_dispose(&b);
	audit_done(a, &fs);
}
END_TEST

START_TEST(a_base_off_the_branch_is_compared_at_the_merge_base)
{
	isms_findings fs;
	isms_base b;
	size_t before;
	isms_audit *a = compare("later", &fs, &b, &before);
	char *got = all_findings(&fs), *text, *want;

	ck_assert_str_eq(got, introduced);
	ck_assert(b.merge_base);
	ck_assert(b.derived);
	ck_assert_str_eq(b.commit, commit_hex(a, a->history.commits->len - 2));
	text = isms_base_describe(&b);
	want = g_strdup_printf("only what the change introduces since commit %.12s (the merge base "
	                       "of --base 'later' and the audited commit), 3 commits; 4 findings "
	                       "already present there are not repeated",
	                       b.commit);
	ck_assert_str_eq(text, want);
	g_free(want);
	g_free(text);
	g_free(got);
	isms_base_dispose(&b);
	audit_done(a, &fs);
}
END_TEST

/* The branch's own tip is an ancestor of HEAD only through the merge's
 * second parent: it is audited from its own history. The first-parent
 * history dates the branch's work by the merge that landed it, so the acts
 * of the branch are the merge's and stay reported. */
START_TEST(a_base_off_the_first_parent_chain_is_audited_on_its_own)
{
	isms_findings fs;
	isms_base b;
	size_t before;
	isms_audit *a = compare("pr", &fs, &b, &before);
	char *got = all_findings(&fs);

	ck_assert(!b.derived);
	ck_assert(!b.merge_base);
	ck_assert_uint_eq(b.changes, 2); /* the merge and main's commit of 2025-06-05 */
	ck_assert_str_eq(got, introduced);
	g_free(got);
	isms_base_dispose(&b);
	audit_done(a, &fs);
}
END_TEST

START_TEST(a_rewritten_raised_date_is_a_finding)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/pull-request", "2025-06-20", &fs);

	expect_rule(&fs, "ACT-REWRITTEN", "register.md:12:OFI-1");
	ck_assert_str_eq(rule_message(&fs, "ACT-REWRITTEN", "register.md"),
	                 "item OFI-1: its raised date was changed after it was recorded: the "
	                 "register no longer shows what was found when");
	ck_assert_uint_eq(find_finding(&fs, "ACT-REWRITTEN", "register.md")->evidence->len, 1);
	audit_done(a, &fs);
}
END_TEST

START_TEST(the_cli_reports_the_change_and_says_what_it_left_out)
{
	char *path = fixture_path("rules/pull-request"), *out = NULL, *err = NULL;

	ck_assert_int_eq(RUN(&out, &err, "check", path, "--as-of", "2025-06-20", "--base", "later"),
	                 1);
	ck_assert_ptr_nonnull(strstr(err, "isms-audit: base 'later' is not an ancestor of the "
	                                  "audited commit: comparing with their merge base "));
	ck_assert_ptr_nonnull(strstr(out, "Change:     only what the change introduces since "));
	ck_assert_ptr_nonnull(strstr(out, "\nSummary: 0 major, 4 minor, 2 observation introduced, "
	                                  "4 already present (fail-on minor: fail)\n"));
	g_free(out);
	g_free(err);
	/* nothing new when the base is HEAD itself */
	ck_assert_int_eq(RUN(&out, NULL, "check", path, "--as-of", "2025-06-20", "--base", "HEAD"),
	                 0);
	ck_assert_ptr_nonnull(strstr(out, "\nNo finding introduced by the change.\n"));
	g_free(out);
	ck_assert_int_eq(RUN(NULL, &err, "check", path, "--base", "no-such-branch"), 3);
	ck_assert_ptr_nonnull(strstr(err, ": --base 'no-such-branch' is not a commit of the "
	                                  "repository (a shallow or single-branch clone may lack "
	                                  "it: fetch it, or set fetch-depth: 0 on "
	                                  "actions/checkout)\n"));
	g_free(err);
	ck_assert_int_eq(RUN(NULL, &err, "check", path, "--base", ""), 2);
	g_free(err);
	g_free(path);
}
END_TEST

Suite *base_suite(void)
{
	Suite *s = suite_create("base");
	TCase *tc = tcase_create("base");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, only_what_the_pull_request_introduces);
	tcase_add_test(tc, a_base_off_the_branch_is_compared_at_the_merge_base);
	tcase_add_test(tc, a_base_off_the_first_parent_chain_is_audited_on_its_own);
	tcase_add_test(tc, a_rewritten_raised_date_is_a_finding);
	tcase_add_test(tc, the_cli_reports_the_change_and_says_what_it_left_out);
	suite_add_tcase(s, tc);
	return s;
}
