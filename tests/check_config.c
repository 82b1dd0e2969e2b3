#include <string.h>

#include "isms/config.h"
#include "isms/error.h"
#include "testutil.h"

static int load(isms_config *cfg, const char *text)
{
	isms_config_init(cfg);
	return isms_config_load(cfg, "cfg.yml", text, strlen(text));
}

START_TEST(defaults_audit_markdown_but_not_housekeeping)
{
	isms_config cfg;

	isms_config_init(&cfg);
	ck_assert(isms_config_wants_file(&cfg, "isms/policy.md"));
	ck_assert(isms_config_wants_file(&cfg, "source/index.html.md.erb"));
	ck_assert(!isms_config_wants_file(&cfg, "README.md"));
	ck_assert(!isms_config_wants_file(&cfg, "docs/CHANGELOG.md"));
	ck_assert(!isms_config_wants_file(&cfg, "LICENSE.md"));
	ck_assert(!isms_config_wants_file(&cfg, ".github/pull_request_template.md"));
	ck_assert(!isms_config_wants_file(&cfg, "site/node_modules/x/readme.md"));
	ck_assert(!isms_config_wants_file(&cfg, "isms/policy.txt"));
	ck_assert(!isms_config_wants_dir(&cfg, "vendor"));
	ck_assert(!isms_config_wants_dir(&cfg, "a/node_modules"));
	ck_assert(isms_config_wants_dir(&cfg, "isms"));
	ck_assert_int_eq(cfg.max_file_size, 1024 * 1024);
	ck_assert_int_eq(cfg.fail_on, ISMS_SEV_MINOR);
	ck_assert_int_eq(isms_config_cycle(&cfg, "policy").months, 12);
	ck_assert(isms_config_is_record_type(&cfg, "management-review"));
	ck_assert(!isms_config_is_record_type(&cfg, "policy"));
	ck_assert_uint_eq(isms_config_required(&cfg, "policy")->len, 3);
	ck_assert_uint_eq(isms_config_required(&cfg, "record")->len, 2);
	isms_config_dispose(&cfg);
}
END_TEST

START_TEST(a_valid_file_sets_every_key)
{
	isms_config cfg;
	int rc = load(&cfg, "paths: [isms/]\nexclude: ['isms/archive/']\nmax_file_size: 2048\n"
	                    "stale_after_months: 18\nstatic_ratio: 0.6\nreview_evidence_days: 14\n"
	                    "review_cycles: {default: P2Y, procedure: 6 months}\n"
	                    "required_fields: {policy: [owner, approver, review], record: }\n"
	                    "record_types: [record, minutes]\nfail_on: major\n");

	ck_assert_msg(rc == 0, "%s", isms_error_last());
	ck_assert_str_eq(cfg.source, "cfg.yml");
	ck_assert(isms_config_wants_file(&cfg, "isms/a.md"));
	ck_assert(!isms_config_wants_file(&cfg, "other/a.md"));
	ck_assert(!isms_config_wants_file(&cfg, "isms/archive/old.md"));
	ck_assert(!isms_config_wants_dir(&cfg, "other"));
	ck_assert(isms_config_wants_dir(&cfg, "isms"));
	ck_assert_int_eq(cfg.max_file_size, 2048);
	ck_assert_int_eq(cfg.stale_after_months, 18);
	ck_assert(cfg.static_ratio > 0.59 && cfg.static_ratio < 0.61);
	ck_assert_int_eq(cfg.review_evidence_days, 14);
	ck_assert_int_eq(isms_config_cycle(&cfg, "procedure").months, 6);
	ck_assert_int_eq(isms_config_cycle(&cfg, "policy").months, 24);
	ck_assert_uint_eq(isms_config_required(&cfg, "policy")->len, 3);
	ck_assert_str_eq(g_ptr_array_index(isms_config_required(&cfg, "policy"), 1), "approver");
	ck_assert_uint_eq(isms_config_required(&cfg, "record")->len, 0);
	ck_assert(isms_config_is_record_type(&cfg, "minutes"));
	ck_assert(!isms_config_is_record_type(&cfg, "register"));
	ck_assert_int_eq(cfg.fail_on, ISMS_SEV_MAJOR);
	isms_config_dispose(&cfg);
}
END_TEST

static void expect_error(const char *text, const char *message)
{
	isms_config cfg;

	ck_assert_int_eq(load(&cfg, text), ISMS_EUSAGE);
	ck_assert_str_eq(isms_error_last(), message);
	isms_config_dispose(&cfg);
}

START_TEST(bad_files_name_the_line_and_cause)
{
	expect_error("fail_on: minor\nstale_afer_months: 3\n", "cfg.yml:2: unknown key 'stale_afer_months'");
	expect_error("static_ratio: 2\n", "cfg.yml:1: 'static_ratio' must be a number above 0 and at most 1");
	expect_error("max_file_size: big\n", "cfg.yml:1: 'max_file_size' must be a whole number in range");
	expect_error("fail_on: sometimes\n",
	             "cfg.yml:1: 'fail_on' must be major, minor, observation or never");
	expect_error("review_cycles:\n  policy: often\n",
	             "cfg.yml:2: 'often' is not a review cycle (such as '12 months' or 'P1Y')");
	expect_error("required_fields:\n  policy: [owner, colour]\n",
	             "cfg.yml:2: unknown field 'colour' in required_fields");
	expect_error("paths: {a: b}\n", "cfg.yml:1: 'paths' must be a list of strings");
	expect_error("- a\n", "cfg.yml:1: the configuration must be a mapping of keys to values");
	expect_error("paths: [a\n", "cfg.yml:2: invalid YAML: did not find expected ',' or ']'");
}
END_TEST

START_TEST(an_empty_file_keeps_the_defaults)
{
	isms_config cfg;

	ck_assert_int_eq(load(&cfg, "# nothing yet\n"), 0);
	ck_assert_int_eq(cfg.stale_after_months, 24);
	isms_config_dispose(&cfg);
}
END_TEST

START_TEST(globs_match_as_in_gitignore)
{
	isms_config cfg;

	ck_assert_int_eq(load(&cfg, "paths: ['docs/**/*.md', 'policies']\nexclude: ['*-draft.md']\n"), 0);
	ck_assert(isms_config_wants_file(&cfg, "docs/a/b/c.md"));
	ck_assert(isms_config_wants_file(&cfg, "policies/x.md"));
	ck_assert(!isms_config_wants_file(&cfg, "policies-old/x.md"));
	ck_assert(!isms_config_wants_file(&cfg, "docs/a/new-draft.md"));
	isms_config_dispose(&cfg);
}
END_TEST

Suite *config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("config");

	tcase_add_test(tc, defaults_audit_markdown_but_not_housekeeping);
	tcase_add_test(tc, a_valid_file_sets_every_key);
	tcase_add_test(tc, bad_files_name_the_line_and_cause);
	tcase_add_test(tc, an_empty_file_keeps_the_defaults);
	tcase_add_test(tc, globs_match_as_in_gitignore);
	suite_add_tcase(s, tc);
	return s;
}
