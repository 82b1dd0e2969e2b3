#include <string.h>

#include "isms/base.h"
#include "isms/date.h"
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
	 * change, but it lacked one before), the whole-ISMS findings (no clause
	 * declared, no risk register, no internal audit, no management review) */
	ck_assert_ptr_null(find_finding(&fs, "DOC-MISSING-FIELD", "docs/procedure.md"));
	ck_assert_uint_eq(b.preexisting, before - 6);
	ck_assert_uint_eq(b.preexisting, 5);
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
	                       "of --base 'later' and the audited commit), 3 commits; 5 findings "
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
	                                  "5 already present (fail-on minor: fail)\n"));
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

/* Issue 16: a change that introduces findings and, in the same commit,
 * weakens .isms-audit.yml to hide them (a rule off, a severity lowered, a
 * waiver on "**", an exclusion, max_file_size raised, a tolerance
 * loosened, paths narrowed, fail_on never). With --base the base's
 * configuration audits both sides: every finding is introduced. */
START_TEST(a_change_cannot_configure_its_own_audit)
{
	char *path = fixture_path("rules/pull-request-config"), *out = NULL, *err = NULL;
	static const char *const introduced_lines[] = {
	    "- docs/handbook.md:4: text changed in 1 commit after version '1.0'",
	    "- docs/copy.md:2: id 'POL-1' is also the id of docs/policy.md",
	    "- docs/new.md:1: document in force has no owner",
	    "- docs/drafts/notes.md:1: ",
	    "- records/minutes.md:1: ",
	    "- docs/big.md: is 1246 bytes, over the 1024-byte limit (max_file_size): not read",
	    "- docs/policy.md:5: ",
	    NULL};
	/* and the change's configuration, set aside, says what it would weaken */
	static const char *const weakened_lines[] = {
	    "\n    - .isms-audit.yml:2: paths: 'docs/', 'records/' -> 'docs/'\n",
	    "\n    - .isms-audit.yml:3: exclude: 'docs/drafts/' added\n",
	    "\n    - .isms-audit.yml:4: max_file_size: 1024 -> 1048576\n",
	    "\n    - .isms-audit.yml:5: review_evidence_days: 30 -> 3650\n",
	    "\n    - .isms-audit.yml:6: fail_on: minor -> never\n",
	    "\n    - .isms-audit.yml:9: rules.DOC-VERSION-NOT-BUMPED: severity minor -> off\n",
	    "\n    - .isms-audit.yml:10: rules.DOC-DUPLICATE-ID: severity minor -> observation\n",
	    "\n    - .isms-audit.yml:12: waivers.DOC-MISSING-FIELD: path '**' until 9999-12-31 "
	    "added\n",
	    NULL};

	ck_assert_int_eq(
	    RUN(&out, &err, "check", path, "--as-of", "2025-06-20", "--base", "HEAD~1"), 1);
	for (const char *const *l = introduced_lines; *l; l++)
		ck_assert_msg(strstr(out, *l), "missing '%s' in\n%s", *l, out);
	ck_assert_ptr_null(strstr(out, "Waived findings"));
	for (const char *const *l = weakened_lines; *l; l++)
		ck_assert_msg(strstr(out, *l), "missing '%s' in\n%s", *l, out);
	/* already present: the 4 findings of the base, RISK-REGISTER-MISSING
	 * and the one DOC-CHANGE-UNAPPROVED of a history without approval
	 * evidence */
	ck_assert_ptr_nonnull(strstr(out, "\nSummary: 0 major, 14 minor, 1 observation introduced, "
	                                  "6 already present (fail-on minor: fail)\n"));
	ck_assert_str_eq(err, "isms-audit: .isms-audit.yml: the change's configuration is not used "
	                      "with --base; the base's is (see CONFIG-WEAKENED)\n");
	g_free(out);
	g_free(err);
	/* without --base the committed configuration is the audit's, as ever */
	ck_assert_int_eq(RUN(&out, &err, "check", path, "--as-of", "2025-06-20"), 0);
	/* RISK-REGISTER-MISSING among the majors, DOC-CHANGE-UNAPPROVED's one
	 * observation of a history without approval evidence */
	ck_assert_ptr_nonnull(strstr(out, "\nSummary: 4 major, 1 minor, 2 observation, 1 waived "
	                                  "(fail-on never)\n"));
	ck_assert_str_eq(err, "");
	g_free(out);
	g_free(err);
	g_free(path);
}
END_TEST

/* The model of `rev` of the configuration fixture opened with --base
 * `base` (NULL: none) and --config `config` (NULL: none). */
static isms_audit *open_config_fixture(const char *rev, const char *base, const char *config)
{
	isms_audit_options opts = ISMS_AUDIT_OPTIONS_INIT;
	char *path = fixture_path("rules/pull-request-config");
	isms_audit *a = NULL;

	opts.path = path;
	opts.rev = rev;
	opts.base = base;
	opts.config_path = config;
	opts.has_as_of = 1;
	ck_assert_int_eq(isms_date_parse("2025-06-20", 10, &opts.as_of), 0);
	ck_assert_msg(isms_audit_open(&a, &opts) == 0, "%s", isms_error_last());
	g_free(path);
	return a;
}

START_TEST(with_a_base_the_configuration_is_the_bases)
{
	isms_audit *a = open_config_fixture(NULL, "HEAD~1", NULL);
	char *note;

	/* both sides are audited with the base's values... */
	ck_assert_uint_eq(a->config.max_file_size, 1024);
	ck_assert_int_eq(a->config.review_evidence_days, 30);
	ck_assert_int_eq(a->config.fail_on, ISMS_SEV_MINOR);
	ck_assert_uint_eq(a->config.waivers->len, 0);
	ck_assert_ptr_null(isms_config_rule(&a->config, "DOC-VERSION-NOT-BUMPED"));
	ck_assert_ptr_nonnull(find_document(a, "records/minutes.md"));
	ck_assert_ptr_nonnull(find_document(a, "docs/drafts/notes.md"));
	/* ...and the change's own is kept, to be compared */
	ck_assert_ptr_nonnull(a->change);
	ck_assert(a->change->valid);
	ck_assert_str_eq(a->change->name, ".isms-audit.yml");
	ck_assert_uint_eq(a->change->config.max_file_size, 1048576);
	ck_assert_int_eq(isms_config_line(&a->change->config, "max_file_size"), 4);
	ck_assert_int_eq(isms_config_line(&a->change->config, "rules.DOC-DUPLICATE-ID"), 10);
	ck_assert_int_eq(isms_config_line(&a->change->config, "rules.DOC-DUPLICATE-ID.exclude"),
	                 10);
	ck_assert_int_eq(isms_config_line(&a->change->config, "soa"), 0);
	isms_audit_free(a);

	/* no change to the file: nothing to keep, nothing to say */
	a = open_config_fixture(NULL, "HEAD", NULL);
	ck_assert_ptr_null(a->change);
	ck_assert_ptr_null(isms_base_config_note(a));
	ck_assert_uint_eq(a->config.max_file_size, 1048576);
	isms_audit_free(a);

	/* a base without a configuration: the defaults */
	a = open_config_fixture(NULL, "HEAD~2", NULL);
	ck_assert_uint_eq(a->config.max_file_size, 1048576);
	ck_assert_int_eq(a->config.review_evidence_days, 30);
	ck_assert_ptr_null(a->config.source);
	ck_assert_uint_eq(a->config.waivers->len, 0);
	ck_assert_ptr_nonnull(a->change);
	note = isms_base_config_note(a);
	ck_assert_str_eq(note, ".isms-audit.yml: the change's configuration is not used with "
	                       "--base; the defaults are (see CONFIG-WEAKENED)");
	g_free(note);
	isms_audit_free(a);

	/* --config FILE: the committed files play no part */
	a = open_config_fixture(NULL, "HEAD~1", "/dev/null");
	ck_assert_ptr_null(a->change);
	ck_assert_uint_eq(a->config.max_file_size, 1048576);
	isms_audit_free(a);
}
END_TEST

/* The change's configuration is never used, so it cannot stop the audit:
 * invalid or removed, the base's is read and the change's state kept. */
START_TEST(the_changes_configuration_cannot_stop_the_audit)
{
	isms_audit *a = open_config_fixture("broken", "main~1", NULL);
	char *path = fixture_path("rules/pull-request-config"), *clone;
	char *dir = g_dir_make_tmp("isms-base-XXXXXX", NULL), *err = NULL;

	ck_assert_uint_eq(a->config.max_file_size, 1024);
	ck_assert_ptr_nonnull(a->change);
	ck_assert(!a->change->valid);
	ck_assert_str_eq(a->change->error, "invalid YAML: did not find expected ',' or ']'");
	ck_assert_int_eq(a->change->error_line, 2);
	isms_audit_free(a);

	a = open_config_fixture("removed", "main~1", NULL);
	ck_assert_ptr_nonnull(a->change);
	ck_assert(a->change->valid);
	ck_assert_ptr_null(a->change->name);
	ck_assert_uint_eq(a->change->config.max_file_size, 1048576);
	isms_audit_free(a);

	/* without --base the invalid file is an error, as before */
	clone = g_build_filename(dir, "broken", NULL);
	run_or_fail(
	    (const char *const[]){"git", "clone", "-q", "--branch", "broken", path, clone, NULL});
	ck_assert_int_eq(RUN(NULL, &err, "check", clone), 2);
	ck_assert_str_eq(err, "isms-audit: .isms-audit.yml:2: invalid YAML: did not find expected "
	                      "',' or ']'\n");
	g_free(err);
	ck_assert_int_eq(RUN(NULL, &err, "check", clone, "--as-of", "2025-06-20", "--base",
	                     "origin/main~1", "--fail-on", "never"),
	                 0);
	ck_assert_str_eq(err, "isms-audit: .isms-audit.yml: the change's configuration is not used "
	                      "with --base; the base's is (see CONFIG-WEAKENED)\n");
	g_free(err);
	run_or_fail((const char *const[]){"rm", "-rf", dir, NULL});
	g_free(clone);
	g_free(dir);
	g_free(path);
}
END_TEST

/* Code scanning compares a pull request's SARIF with the base branch's
 * itself: with --base the SARIF report holds every finding at HEAD, as a
 * plain check writes it, while the other reports hold what is introduced. */
START_TEST(the_sarif_of_a_change_holds_every_finding)
{
	char *path = fixture_path("rules/pull-request"),
	     *dir = g_dir_make_tmp("isms-base-XXXXXX", NULL);
	char *sarif = g_build_filename(dir, "pr.sarif", NULL),
	     *json = g_build_filename(dir, "pr.json", NULL);
	char *full = g_build_filename(dir, "full.sarif", NULL);
	char *a_sarif = g_strconcat("sarif:", sarif, NULL),
	     *a_json = g_strconcat("json:", json, NULL);
	char *a_full = g_strconcat("sarif:", full, NULL), *pr_text = NULL, *full_text = NULL;
	json_t *pr, *whole, *js;

	ck_assert_int_eq(RUN(NULL, NULL, "check", path, "--as-of", "2025-06-20", "--base", "later",
	                     "--format", a_sarif, "--format", a_json),
	                 1);
	ck_assert_int_eq(
	    RUN(NULL, NULL, "check", path, "--as-of", "2025-06-20", "--format", a_full), 1);
	pr = json_load_file(sarif, 0, NULL);
	whole = json_load_file(full, 0, NULL);
	js = json_load_file(json, 0, NULL);
	ck_assert_ptr_nonnull(pr);
	ck_assert_ptr_nonnull(whole);
	ck_assert_ptr_nonnull(js);
	/* the 6 introduced and the 5 already present */
	ck_assert_uint_eq(json_array_size(json_at(js, "findings")), 6);
	ck_assert_uint_eq(json_array_size(json_at(pr, "runs.0.results")), 11);
	pr_text = json_dumps(json_at(pr, "runs.0.results"), JSON_SORT_KEYS);
	full_text = json_dumps(json_at(whole, "runs.0.results"), JSON_SORT_KEYS);
	ck_assert_str_eq(pr_text, full_text);
	free(pr_text);
	free(full_text);
	json_decref(pr);
	json_decref(whole);
	json_decref(js);
	run_or_fail((const char *const[]){"rm", "-rf", dir, NULL});
	g_free(a_full);
	g_free(a_json);
	g_free(a_sarif);
	g_free(full);
	g_free(json);
	g_free(sarif);
	g_free(dir);
	g_free(path);
}
END_TEST

/* What `rev` of the configuration fixture introduces since `base`, with
 * the rules run as check --base runs them. */
static isms_audit *introduced_by(const char *rev, const char *base, isms_findings *fs)
{
	isms_audit_options opts = ISMS_AUDIT_OPTIONS_INIT;
	isms_audit *a = open_config_fixture(rev, base, NULL);
	isms_base b;

	opts.path = a->root;
	opts.rev = rev;
	opts.base = base;
	opts.has_as_of = 1;
	opts.as_of = a->today;
	isms_findings_init(fs);
	ck_assert_int_eq(isms_rules_run(a, fs), 0);
	ck_assert_msg(isms_base_compare(a, &opts, base, fs, &b) == 0, "%s", isms_error_last());
	isms_base_dispose(&b);
	return a;
}

START_TEST(each_weakening_of_the_configuration_is_a_finding)
{
	isms_findings fs;
	isms_audit *a = introduced_by(NULL, "HEAD~1", &fs);
	const isms_finding *f;

	expect_rule(&fs, "CONFIG-WEAKENED",
	            ".isms-audit.yml:2:paths\n"
	            ".isms-audit.yml:3:exclude\n"
	            ".isms-audit.yml:4:max_file_size\n"
	            ".isms-audit.yml:5:review_evidence_days\n"
	            ".isms-audit.yml:6:fail_on\n"
	            ".isms-audit.yml:9:rules.DOC-VERSION-NOT-BUMPED\n"
	            ".isms-audit.yml:10:rules.DOC-DUPLICATE-ID\n"
	            ".isms-audit.yml:12:waivers.DOC-MISSING-FIELD");
	f = find_finding(&fs, "CONFIG-WEAKENED", ".isms-audit.yml");
	ck_assert_str_eq(f->message, "paths: 'docs/', 'records/' -> 'docs/'");
	ck_assert_int_eq(f->severity, ISMS_SEV_MINOR);
	ck_assert_str_eq(isms_finding_clause(f), "9.1");
	ck_assert_uint_eq(f->evidence->len, 1);
	ck_assert_str_eq(g_array_index(f->evidence, isms_evidence, 0).commit,
	                 commit_hex(a, a->history.commits->len - 1));
	/* the findings it would have hidden are all there */
	expect_rule(&fs, "DOC-VERSION-NOT-BUMPED", "docs/handbook.md:4:-");
	expect_rule(&fs, "DOC-DUPLICATE-ID", "docs/copy.md:2:POL-1");
	expect_rule(&fs, "DOC-MISSING-FIELD", "docs/new.md:1:owner");
	expect_rule(&fs, "DOC-NO-METADATA", "docs/drafts/notes.md:1:-\nrecords/minutes.md:1:-");
	expect_rule(&fs, "DOC-UNREADABLE", "docs/big.md:0:size");
	expect_rule(&fs, "DOC-REVIEW-UNEVIDENCED", "docs/policy.md:5:late");
	ck_assert_uint_eq(fs.waived->len, 0);
	audit_done(a, &fs);

	/* only stricter: nothing to report (and nothing else introduced) */
	a = introduced_by("strong", "main~1", &fs);
	ck_assert_ptr_nonnull(a->change);
	ck_assert_uint_eq(fs.items->len, 0);
	audit_done(a, &fs);

	/* unreadable: one finding at the line of the error */
	a = introduced_by("broken", "main~1", &fs);
	expect_rule(&fs, "CONFIG-WEAKENED", ".isms-audit.yml:2:-");
	ck_assert_str_eq(rule_message(&fs, "CONFIG-WEAKENED", ".isms-audit.yml"),
	                 "the change's configuration cannot be read (invalid YAML: did not find "
	                 "expected ',' or ']'): once merged, every audit of the branch stops with "
	                 "exit code 2");
	audit_done(a, &fs);

	/* removed: the defaults, weaker only where the base was stricter */
	a = introduced_by("removed", "main~1", &fs);
	expect_rule(&fs, "CONFIG-WEAKENED", ".isms-audit.yml:0:max_file_size");
	ck_assert_str_eq(rule_message(&fs, "CONFIG-WEAKENED", ".isms-audit.yml"),
	                 "max_file_size: 1024 -> 1048576");
	audit_done(a, &fs);

	/* without --base there is nothing to compare */
	a = audit_fixture("rules/pull-request-config", "2025-06-20", &fs);
	ck_assert_ptr_null(a->change);
	expect_rule(&fs, "CONFIG-WEAKENED", "");
	audit_done(a, &fs);
}
END_TEST

/* Issue 15: a change that declares a first clause replaces the one
 * MANDATORY-CLAUSES-UNDECLARED by a MANDATORY-DOC-MISSING for each clause
 * still missing; they were missing at the base, so none is introduced. */
START_TEST(declaring_a_first_clause_introduces_no_missing_clause)
{
	char *path = fixture_path("rules/first-clause"), *out = NULL;

	ck_assert_int_eq(RUN(&out, NULL, "check", path, "--as-of", "2026-01-15"), 1);
	/* the observation: DOC-CHANGE-UNAPPROVED's one finding on a history
	 * without approval evidence, at the base already */
	ck_assert_ptr_nonnull(strstr(out, "\nSummary: 12 major, 1 minor, 1 observation "
	                                  "(fail-on minor: fail)\n"));
	ck_assert_ptr_null(strstr(out, "MANDATORY-CLAUSES-UNDECLARED"));
	g_free(out);
	ck_assert_int_eq(
	    RUN(&out, NULL, "check", path, "--as-of", "2026-01-15", "--base", "HEAD~1"), 0);
	ck_assert_ptr_nonnull(strstr(out, "1 commit; 14 findings already present there are not "
	                                  "repeated\n"));
	ck_assert_ptr_nonnull(strstr(out,
	                             "\nSummary: 0 major, 0 minor, 0 observation "
	                             "introduced, 14 already present (fail-on minor: pass)\n"));
	g_free(out);
	/* at the base, the one finding says what to declare */
	ck_assert_int_eq(RUN(&out, NULL, "check", path, "--as-of", "2025-09-15"), 1);
	ck_assert_ptr_null(strstr(out, "MANDATORY-DOC-MISSING"));
	ck_assert_ptr_nonnull(strstr(out, "minor MANDATORY-CLAUSES-UNDECLARED"));
	g_free(out);
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
	tcase_add_test(tc, a_change_cannot_configure_its_own_audit);
	tcase_add_test(tc, with_a_base_the_configuration_is_the_bases);
	tcase_add_test(tc, the_changes_configuration_cannot_stop_the_audit);
	tcase_add_test(tc, each_weakening_of_the_configuration_is_a_finding);
	tcase_add_test(tc, the_sarif_of_a_change_holds_every_finding);
	tcase_add_test(tc, declaring_a_first_clause_introduces_no_missing_clause);
	suite_add_tcase(s, tc);
	return s;
}
