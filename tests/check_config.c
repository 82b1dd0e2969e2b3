#include <string.h>

#include "isms/config.h"
#include "isms/config_keys.h"
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
	ck_assert_uint_eq(cfg.max_total_parse, (size_t)4 << 30);
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
	expect_error(
	    "fail_on: minor\nstale_afer_months: 3\n",
	    "cfg.yml:2: unknown key 'stale_afer_months': did you mean 'stale_after_months'?");
	expect_error("static_ratio: 2\n",
	             "cfg.yml:1: 'static_ratio' must be a number above 0 and at most 1");
	expect_error("max_file_size: big\n",
	             "cfg.yml:1: 'max_file_size' must be a whole number from 1 to 16777216");
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

START_TEST(fields_add_aliases_and_custom_fields)
{
	isms_config cfg;
	/* required_fields first: a custom field is known once the file is read */
	int rc =
	    load(&cfg, "required_fields: {default: [owner, review, data_owner, classification, "
	               "effective, Document Owner]}\n"
	               "fields:\n"
	               "  next_review: [\"Due for review\", Review Date]\n"
	               "  last_updated: Last Edited\n"
	               "  data_owner: [Data Owner, Information Asset Owner]\n"
	               "  retention:\n");

	ck_assert_msg(rc == 0, "%s", isms_error_last());
	ck_assert_int_eq(isms_meta_dialect_lookup(&cfg.fields, "Due for review"),
	                 ISMS_F_NEXT_REVIEW);
	ck_assert_int_eq(isms_meta_dialect_lookup(&cfg.fields, "**Review Date:**"),
	                 ISMS_F_NEXT_REVIEW);
	ck_assert_int_eq(isms_meta_dialect_lookup(&cfg.fields, "last edited"),
	                 ISMS_F_LAST_REVIEWED);
	ck_assert_int_eq(isms_meta_dialect_lookup(&cfg.fields, "Information Asset Owner"),
	                 ISMS_F_COUNT);
	ck_assert_int_eq(isms_meta_dialect_lookup(&cfg.fields, "retention"), ISMS_F_COUNT + 1);
	ck_assert_int_eq(isms_meta_dialect_fields(&cfg.fields), ISMS_F_COUNT + 2);
	ck_assert_str_eq(isms_meta_dialect_name(&cfg.fields, ISMS_F_COUNT), "data_owner");
	/* the built-in dialect is left as it was */
	ck_assert_int_eq(isms_field_lookup("Due for review"), -1);
	ck_assert_uint_eq(isms_config_required(&cfg, "policy")->len, 6);
	isms_config_dispose(&cfg);
}
END_TEST

START_TEST(bad_fields_name_the_line)
{
	expect_error("fields: [owner]\n", "cfg.yml:1: 'fields' must map field names to lists of "
	                                  "aliases");
	expect_error("fields:\n  review: [Reviewed]\n",
	             "cfg.yml:2: 'review' cannot name a field ('review' is the review date of "
	             "required_fields)");
	expect_error("fields:\n  owner: [Version]\n",
	             "cfg.yml:2: 'Version' cannot be an alias of owner: it is empty, 'review', or "
	             "names another field");
	expect_error(
	    "fields:\n  a: [Steward]\n  b: [steward]\n",
	    "cfg.yml:3: 'steward' cannot be an alias of b: it is empty, 'review', or names "
	    "another field");
	expect_error("fields:\n  owner: {a: b}\n", "cfg.yml:2: 'fields' must be a list of strings");
	expect_error("fields: {data_owner: [Data Owner]}\nrequired_fields:\n  policy: [owner, "
	             "data_steward]\n",
	             "cfg.yml:3: unknown field 'data_steward' in required_fields");
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

START_TEST(register_keys_set_the_dialect)
{
	isms_config cfg;
	int rc = load(&cfg, "registers: [isms/actions.md, 'registers/*.md']\n"
	                    "register_columns:\n  owner: [Lead, '**Action lead**']\n"
	                    "  description: [Owner]\n"
	                    "status_words:\n  closed: [Fixed, Done]\n  open: [WIP]\n"
	                    "approval_phrases: [signed off by]\nimprovement_ids: ['IDEA-*']\n"
	                    "register_stale_months: 3\nclosure_window_months: 9\n"
	                    "closure_backdate_days: 10\n");

	ck_assert_msg(rc == 0, "%s", isms_error_last());
	ck_assert(isms_config_is_register(&cfg, "isms/actions.md"));
	ck_assert(isms_config_is_register(&cfg, "registers/2026.md"));
	ck_assert(!isms_config_is_register(&cfg, "isms/policy.md"));
	ck_assert_uint_eq(cfg.dialect.synonyms[ISMS_COL_OWNER]->len, 2);
	ck_assert_str_eq(g_ptr_array_index(cfg.dialect.synonyms[ISMS_COL_OWNER], 1), "action lead");
	/* Owner went to description: no other column keeps it */
	ck_assert_str_eq(g_ptr_array_index(cfg.dialect.synonyms[ISMS_COL_DESCRIPTION], 0), "owner");
	ck_assert_int_eq(isms_status_state(&cfg.dialect, "fixed"), ISMS_STATE_CLOSED);
	ck_assert_int_eq(isms_status_state(&cfg.dialect, "Closed"), ISMS_STATE_UNKNOWN);
	ck_assert_int_eq(isms_status_state(&cfg.dialect, "WIP"), ISMS_STATE_OPEN);
	ck_assert_int_eq(isms_status_state(&cfg.dialect, "Open"), ISMS_STATE_UNKNOWN);
	ck_assert_int_eq(isms_status_state(&cfg.dialect, "Withdrawn"), ISMS_STATE_WITHDRAWN);
	ck_assert(isms_register_is_improvement(&cfg.dialect, "idea-7"));
	ck_assert(!isms_register_is_improvement(&cfg.dialect, "OFI-1"));
	ck_assert_int_eq(cfg.register_stale_months, 3);
	ck_assert_int_eq(cfg.closure_window_months, 9);
	ck_assert_int_eq(cfg.closure_backdate_days, 10);
	ck_assert_int_eq(cfg.dialect.date_order, ISMS_DATE_ORDER_NONE);
	isms_config_dispose(&cfg);

	/* date_order decides the dates whose day and month could be swapped */
	static const struct {
		const char *text;
		isms_date_order order;
	} orders[] = {{"date_order: dmy\n", ISMS_DATE_ORDER_DMY},
	              {"date_order: MDY\n", ISMS_DATE_ORDER_MDY},
	              {"date_order: none\n", ISMS_DATE_ORDER_NONE}};
	for (size_t i = 0; i < G_N_ELEMENTS(orders); i++) {
		rc = load(&cfg, orders[i].text);
		ck_assert_msg(rc == 0, "%s", isms_error_last());
		ck_assert_int_eq(cfg.dialect.date_order, orders[i].order);
		isms_config_dispose(&cfg);
	}

	/* an approval phrase followed by a name */
	rc = load(&cfg, "approval_phrases: [signed off by]\n");
	const char *doc = "| ID | Status | Action |\n|---|---|---|\n"
	                  "| R-1 | Accepted | Signed off by: Ann (CEO) |\n"
	                  "| R-2 | Accepted | Approved by Ann |\n"
	                  "| R-3 | Accepted | To be signed off by |\n";
	isms_register *reg = isms_register_parse(doc, strlen(doc), 1, &cfg.dialect);
	ck_assert(isms_register_item(reg, "R-1")->approved);
	ck_assert(!isms_register_item(reg, "R-2")->approved);
	ck_assert(!isms_register_item(reg, "R-3")->approved);
	isms_register_free(reg);
	isms_config_dispose(&cfg);
}
END_TEST

START_TEST(bad_register_keys_name_the_line)
{
	static const struct {
		const char *text, *error;
	} cases[] = {
	    {"register_columns:\n  cost: [Cost]\n",
	     "cfg.yml:2: unknown register column 'cost' (id, raised, source, description, "
	     "root_cause, action, owner, due, status, closed, effectiveness, approver)"},
	    {"register_columns:\n  owner: []\n",
	     "cfg.yml:2: 'owner' needs at least one header word"},
	    {"register_columns: [owner]\n",
	     "cfg.yml:1: 'register_columns' must map column names to lists of header words"},
	    {"status_words:\n  parked: [Parked]\n",
	     "cfg.yml:2: unknown state 'parked' (open, closed, accepted, withdrawn)"},
	    {"status_words:\n  open: [Open, Closed]\n",
	     "cfg.yml:2: status word 'Closed' already belongs to another state"},
	    {"register_stale_months: 0\n",
	     "cfg.yml:1: 'register_stale_months' must be a whole number from 1 to 1200"},
	    {"closure_backdate_days: -1\n",
	     "cfg.yml:1: 'closure_backdate_days' must be a whole number from 0 to 3650"},
	    {"date_order: ymd\n", "cfg.yml:1: 'date_order' must be dmy (day first), mdy (month "
	                          "first) or none"},
	    {"date_order: [dmy]\n", "cfg.yml:1: 'date_order' must be dmy (day first), mdy (month "
	                            "first) or none"},
	};
	isms_config cfg;

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		ck_assert_int_eq(load(&cfg, cases[i].text), ISMS_EUSAGE);
		ck_assert_str_eq(isms_error_last(), cases[i].error);
		isms_config_dispose(&cfg);
	}
}
END_TEST

START_TEST(globs_match_as_in_gitignore)
{
	isms_config cfg;

	ck_assert_int_eq(
	    load(&cfg, "paths: ['docs/**/*.md', 'policies']\nexclude: ['*-draft.md']\n"), 0);
	ck_assert(isms_config_wants_file(&cfg, "docs/a/b/c.md"));
	ck_assert(isms_config_wants_file(&cfg, "policies/x.md"));
	ck_assert(!isms_config_wants_file(&cfg, "policies-old/x.md"));
	ck_assert(!isms_config_wants_file(&cfg, "docs/a/new-draft.md"));
	/* `**` crosses no folder or any number of them */
	ck_assert(isms_config_wants_file(&cfg, "docs/c.md"));
	isms_config_dispose(&cfg);
}
END_TEST

/* `*`, `?` and `[...]` never match a '/', wherever a pattern is used:
 * paths, exclude, registers, soa, and (through isms_config_glob_matches)
 * the rules' exclude and the waivers' path. */
START_TEST(globs_never_match_a_slash)
{
	static const struct {
		const char *pattern, *path;
		int match;
	} cases[] = {
	    {"docs/**/draft-*.md", "docs/draft-a.md", 1},
	    {"docs/**/draft-*.md", "docs/a/b/draft-c.md", 1},
	    {"docs/**/draft-*.md", "docs/a/draft-x/real.md", 0},
	    {"**/drafts/*.md", "drafts/a.md", 1},
	    {"**/drafts/*.md", "x/y/drafts/a.md", 1},
	    {"**/drafts/*.md", "x/drafts/y/a.md", 0},
	    {"docs/*.md", "docs/a.md", 1},
	    {"docs/*.md", "docs/a/b.md", 0},
	    {"docs/?/x.md", "docs/a/x.md", 1},
	    {"docs/?/x.md", "docs/a/b/x.md", 0},
	    {"docs/[ab]*", "docs/a/x.md", 0},
	    {"docs/**", "docs/a/x.md", 1},
	    {"docs/**", "docsx/a.md", 0},
	    {"docs/**/*", "docs/a.md", 1},
	    {"docs/a**b.md", "docs/a/b.md", 0}, /* `**` inside a name is `*` */
	    {"docs/a**b.md", "docs/axxb.md", 1},
	    {"/docs/a.md", "docs/a.md", 1}, /* a leading slash: from the root */
	    {"/docs/a.md", "x/docs/a.md", 0},
	    {"*-draft.md", "a/b/c-draft.md", 1}, /* no slash: the name, at any depth */
	    {"a*", "ab/c.md", 0},
	    {"archive/", "isms/archive/y/z.md", 1}, /* a folder at any depth */
	    {"archive/", "isms/archive.md", 0},
	    {"isms/archive/", "isms/archive/x.md", 1}, /* a folder from the root */
	    {"isms/archive/", "old/isms/archive/x.md", 0},
	    {"isms/*/", "isms/a/b/x.md", 1},
	    {"isms/*/", "isms/x.md", 0},
	    {"docs/**/drafts/", "docs/a/drafts/x.md", 1},
	    {"docs/**/drafts/", "docs/drafts.md", 0},
	};
	isms_config cfg;

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		const char *pat = cases[i].pattern, *path = cases[i].path;
		int want = cases[i].match, glob = strpbrk(pat, "*?[") != NULL;
		char *text = g_strdup_printf("exclude: ['%s']\n", pat);
		ck_assert_msg(isms_config_glob_matches(pat, path) == want, "'%s' %s '%s'", pat,
		              want ? "misses" : "matches", path);
		ck_assert_int_eq(load(&cfg, text), 0);
		ck_assert_msg(isms_config_wants_file(&cfg, path) == !want, "exclude '%s' on '%s'",
		              pat, path);
		isms_config_dispose(&cfg);
		g_free(text);
		if (!glob) /* a plain entry of these lists is a path, not a pattern */
			continue;
		text = g_strdup_printf("paths: ['%s']\nregisters: ['%s']\nsoa: ['%s']\n", pat, pat,
		                       pat);
		ck_assert_int_eq(load(&cfg, text), 0);
		ck_assert_msg(isms_config_wants_file(&cfg, path) == want, "paths '%s' on '%s'", pat,
		              path);
		ck_assert_msg(isms_config_is_register(&cfg, path) == want, "registers '%s' on '%s'",
		              pat, path);
		ck_assert_msg(isms_config_is_soa(&cfg, path) == want, "soa '%s' on '%s'", pat,
		              path);
		isms_config_dispose(&cfg);
		g_free(text);
	}
	/* paths: and exclude: apart */
	ck_assert_int_eq(load(&cfg, "exclude: ['docs/**/draft-*.md']\n"), 0);
	ck_assert(isms_config_wants_file(&cfg, "docs/a/draft-x/real.md"));
	ck_assert(!isms_config_wants_file(&cfg, "docs/a/draft-x.md"));
	isms_config_dispose(&cfg);
	ck_assert_int_eq(load(&cfg, "paths: ['docs/*.md']\n"), 0);
	ck_assert(isms_config_wants_file(&cfg, "docs/a.md"));
	ck_assert(!isms_config_wants_file(&cfg, "docs/a/b.md"));
	isms_config_dispose(&cfg);
}
END_TEST

START_TEST(management_keys_are_read)
{
	isms_config cfg;
	const isms_rule_setting *set;
	const isms_waiver *w;
	char day[ISMS_DATE_BUFSIZE];
	int rc = load(&cfg, "mandatory_clauses: ['4.3', 6.1.3(d), Clause 9.3]\n"
	                    "soa: [isms/soa.md]\n"
	                    "management_review_months: 6\ninternal_audit_months: 18\n"
	                    "review_inputs:\n  d: ['**KPI** review']\n"
	                    "rules:\n  DOC-STALE-CONTENT: off\n  act-overdue: major\n"
	                    "  ACT-NO-OWNER: {severity: observation, exclude: ['archive/**']}\n"
	                    "waivers:\n"
	                    "  - rule: DOC-REVIEW-OVERDUE\n    path: docs/a.md\n"
	                    "    reason: replaced by the new policy in Q1\n"
	                    "    approved_by: Dana Lead (CEO)\n    expires: 2027-01-01\n");

	ck_assert_msg(rc == 0, "%s", isms_error_last());
	ck_assert_uint_eq(cfg.mandatory->len, 3);
	ck_assert_str_eq(g_ptr_array_index(cfg.mandatory, 1), "6.1.3 d");
	ck_assert_str_eq(g_ptr_array_index(cfg.mandatory, 2), "9.3");
	ck_assert(isms_config_is_soa(&cfg, "isms/soa.md"));
	ck_assert_int_eq(cfg.review_months, 6);
	ck_assert_int_eq(cfg.audit_months, 18);
	ck_assert_str_eq(g_ptr_array_index(cfg.review_inputs[3], cfg.review_inputs[3]->len - 1),
	                 "kpi review");
	ck_assert(isms_config_rule(&cfg, "DOC-STALE-CONTENT")->off);
	set = isms_config_rule(&cfg, "ACT-OVERDUE"); /* ids are matched without case */
	ck_assert(set && set->has_severity && set->severity == ISMS_SEV_MAJOR);
	set = isms_config_rule(&cfg, "ACT-NO-OWNER");
	ck_assert_int_eq(set->severity, ISMS_SEV_OBSERVATION);
	ck_assert_str_eq(g_ptr_array_index(set->exclude, 0), "archive/**");
	ck_assert_ptr_null(isms_config_rule(&cfg, "DOC-NO-METADATA"));
	ck_assert_uint_eq(cfg.waivers->len, 1);
	w = g_ptr_array_index(cfg.waivers, 0);
	ck_assert_str_eq(w->rule, "DOC-REVIEW-OVERDUE");
	ck_assert_str_eq(w->path, "docs/a.md");
	ck_assert_ptr_null(w->item);
	ck_assert_str_eq(w->approved_by, "Dana Lead (CEO)");
	ck_assert_str_eq(isms_date_format(w->expires, day), "2027-01-01");
	ck_assert_int_eq(w->line, 12);
	isms_config_dispose(&cfg);
}
END_TEST

START_TEST(bad_management_keys_name_the_line)
{
	static const char waiver[] =
	    "waivers:\n  - rule: DOC-REVIEW-OVERDUE\n    path: docs/a.md\n";
	static const struct {
		const char *text, *error;
	} cases[] = {
	    {"mandatory_clauses: [4.3, A.5.1]\n",
	     "cfg.yml:1: 'A.5.1' is not a clause number (such as '6.1.3 d')"},
	    {"rules:\n  NO-SUCH-RULE: off\n",
	     "cfg.yml:2: unknown rule 'NO-SUCH-RULE' (see 'isms-audit rules')"},
	    {"rules:\n  ACT-OVERDUE: critical\n",
	     "cfg.yml:2: the severity of ACT-OVERDUE must be major, minor, observation or off"},
	    {"rules:\n  ACT-OVERDUE: {level: major}\n",
	     "cfg.yml:2: unknown rule setting 'level' (severity, exclude)"},
	    {"review_inputs:\n  h: [Other]\n",
	     "cfg.yml:2: unknown management review input 'h' (a to g)"},
	    {"management_review_months: 0\n",
	     "cfg.yml:1: 'management_review_months' must be a whole number from 1 to 1200"},
	    {"waivers: {rule: X}\n", "cfg.yml:1: 'waivers' must be a list of waivers"},
	    {"waivers:\n  - rule: DOC-REVIEW-OVERDUE\n    path: docs/a.md\n    reason: moving\n"
	     "    expires: 2027-01-01\n",
	     "cfg.yml:2: the waiver of DOC-REVIEW-OVERDUE has no approver ('approved_by')"},
	    {"waivers:\n  - rule: DOC-REVIEW-OVERDUE\n    path: docs/a.md\n    reason: TBD\n"
	     "    approved_by: Dana\n    expires: 2027-01-01\n",
	     "cfg.yml:2: the waiver of DOC-REVIEW-OVERDUE has no reason"},
	    {"waivers:\n  - rule: DOC-REVIEW-OVERDUE\n    path: docs/a.md\n    reason: moving\n"
	     "    approved_by: Dana\n",
	     "cfg.yml:2: the waiver of DOC-REVIEW-OVERDUE has no expiry date ('expires')"},
	    {"waivers:\n  - rule: DOC-REVIEW-OVERDUE\n    path: docs/a.md\n    reason: moving\n"
	     "    approved_by: Dana\n    expires: soon\n",
	     "cfg.yml:2: the waiver's expiry 'soon' is not a date (YYYY-MM-DD)"},
	    {"waivers:\n  - rule: DOC-REVIEW-OVERDUE\n    reason: moving\n    approved_by: Dana\n"
	     "    expires: 2027-01-01\n",
	     "cfg.yml:2: the waiver of DOC-REVIEW-OVERDUE needs 'path' or 'item'"},
	    {"waivers:\n  - rule: WAIVER-EXPIRED\n    item: x\n",
	     "cfg.yml:2: WAIVER-EXPIRED cannot be waived: renew the waiver"},
	    {"waivers:\n  - rule: DOC-REVIEW-OVERDUE\n    owner: Dana\n",
	     "cfg.yml:3: unknown waiver key 'owner' (rule, path, item, reason, approved_by, "
	     "expires)"},
	    {waiver, "cfg.yml:2: the waiver of DOC-REVIEW-OVERDUE has no reason"},
	};
	isms_config cfg;

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		ck_assert_int_eq(load(&cfg, cases[i].text), ISMS_EUSAGE);
		ck_assert_str_eq(isms_error_last(), cases[i].error);
		isms_config_dispose(&cfg);
	}
}
END_TEST

START_TEST(path_mappings_are_read)
{
	isms_config cfg;
	GPtrArray *got = g_ptr_array_new_with_free_func(g_free);
	int rc = load(&cfg, "types: {\"docs/adr/**\": record, \"docs/adr/0002-*.md\": policy,\n"
	                    "        minutes/: management-review}\n"
	                    "clauses:\n"
	                    "  Information_Security_Policy.md: [\"5.2\"]\n"
	                    "  \"policies/risk-*.md\": [6.1.2, Clause 8.2]\n"
	                    "  policies/: 6.1.3(d)\n"
	                    "  empty.md: []\n");

	ck_assert_msg(rc == 0, "%s", isms_error_last());
	/* the first pattern matching a path gives its type */
	ck_assert_str_eq(isms_config_type_of(&cfg, "docs/adr/0002-sso.md"), "record");
	ck_assert_str_eq(isms_config_type_of(&cfg, "minutes/2025/board.md"), "management-review");
	ck_assert_ptr_null(isms_config_type_of(&cfg, "docs/policy.md"));
	ck_assert_uint_eq(cfg.types->len, 3);
	ck_assert_int_eq(((isms_path_mapping *)g_ptr_array_index(cfg.types, 2))->line, 2);
	/* every pattern matching a path adds its clauses, canonical */
	isms_config_clauses_of(&cfg, "policies/risk-method.md", got);
	ck_assert_uint_eq(got->len, 3);
	ck_assert_str_eq(g_ptr_array_index(got, 0), "6.1.2");
	ck_assert_str_eq(g_ptr_array_index(got, 1), "8.2");
	ck_assert_str_eq(g_ptr_array_index(got, 2), "6.1.3 d");
	g_ptr_array_set_size(got, 0);
	isms_config_clauses_of(&cfg, "Information_Security_Policy.md", got);
	ck_assert_uint_eq(got->len, 1);
	ck_assert_str_eq(g_ptr_array_index(got, 0), "5.2");
	g_ptr_array_set_size(got, 0);
	/* a path without glob characters names that one file */
	isms_config_clauses_of(&cfg, "old/Information_Security_Policy.md", got);
	isms_config_clauses_of(&cfg, "empty.md", got);
	ck_assert_uint_eq(got->len, 0);
	ck_assert_uint_eq(cfg.clause_map->len, 4);
	g_ptr_array_free(got, TRUE);
	isms_config_dispose(&cfg);
}
END_TEST

START_TEST(bad_path_mappings_name_the_line)
{
	expect_error("types: [docs/]\n",
	             "cfg.yml:1: 'types' must map paths or globs to document types");
	expect_error("types:\n  docs/: TBD\n",
	             "cfg.yml:2: the type of 'docs/' must be a document type (such as record)");
	expect_error("types:\n  docs/: [record]\n",
	             "cfg.yml:2: the type of 'docs/' must be a document type (such as record)");
	expect_error("types:\n  \"\": record\n", "cfg.yml:2: 'types' keys must be paths or globs");
	expect_error("clauses: [5.2]\n",
	             "cfg.yml:1: 'clauses' must map paths or globs to lists of clauses");
	expect_error("clauses:\n  a.md: [\"5.2\", A.5.1]\n",
	             "cfg.yml:2: 'A.5.1' is not a clause number (such as '6.1.3 d')");
	expect_error("clauses:\n  a.md: {x: 1}\n",
	             "cfg.yml:2: 'clauses' must be a list of strings");
}
END_TEST

/* The README's text; caller frees. */
static char *readme(void)
{
	char *path = g_build_filename(g_getenv("ISMS_SRCDIR") ? g_getenv("ISMS_SRCDIR") : ".",
	                              "README.md", NULL);
	char *text = NULL;

	ck_assert_msg(g_file_get_contents(path, &text, NULL, NULL), "cannot read %s", path);
	g_free(path);
	return text;
}

static void expect_same_strings(const GPtrArray *want, const GPtrArray *got, const char *what)
{
	ck_assert_msg(got->len == want->len, "%s: %u strings, not %u", what, got->len, want->len);
	for (guint i = 0; i < want->len; i++)
		ck_assert_msg(strcmp(g_ptr_array_index(got, i), g_ptr_array_index(want, i)) == 0,
		              "%s: '%s', not '%s'", what, (const char *)g_ptr_array_index(got, i),
		              (const char *)g_ptr_array_index(want, i));
}

/*
 * Every value of `got` is the one of `want`: the fields the key table
 * stores by offset, compared as their row's type says (so a new key of a
 * scalar or list type is compared without changing this test), then the
 * structures the custom loaders fill. `what` names the case in a failure.
 */
static void expect_same_config(const isms_config *want, const isms_config *got, const char *what)
{
	GHashTableIter it;
	gpointer key, value;

	for (size_t i = 0; i < isms_config_keys_count; i++) {
		const isms_config_key *k = &isms_config_keys[i];
		const char *w = (const char *)want + k->offset, *g = (const char *)got + k->offset;
		switch (k->type) {
		case ISMS_CONFIG_INT:
			ck_assert_msg(*(const int *)g == *(const int *)w, "%s: %s is %d, not %d",
			              what, k->key, *(const int *)g, *(const int *)w);
			break;
		case ISMS_CONFIG_SIZE:
			ck_assert_msg(*(const size_t *)g == *(const size_t *)w,
			              "%s: %s is %zu, not %zu", what, k->key, *(const size_t *)g,
			              *(const size_t *)w);
			break;
		case ISMS_CONFIG_RATIO:
			ck_assert_msg(*(const double *)g == *(const double *)w,
			              "%s: %s is %g, not %g", what, k->key, *(const double *)g,
			              *(const double *)w);
			break;
		case ISMS_CONFIG_SEVERITY:
			ck_assert_msg(*(const isms_severity *)g == *(const isms_severity *)w,
			              "%s: %s differs", what, k->key);
			break;
		case ISMS_CONFIG_LIST:
		case ISMS_CONFIG_REPLACE:
		case ISMS_CONFIG_PHRASES: {
			char *field = g_strdup_printf("%s: %s", what, k->key);
			expect_same_strings(*(GPtrArray *const *)w, *(GPtrArray *const *)g, field);
			g_free(field);
			break;
		}
		case ISMS_CONFIG_CUSTOM: break; /* below */
		}
	}
	/* review_cycles */
	ck_assert_msg(got->default_cycle.months == want->default_cycle.months &&
	                  got->default_cycle.days == want->default_cycle.days,
	              "%s: the default cycle differs", what);
	ck_assert_msg(g_hash_table_size(got->cycles) == g_hash_table_size(want->cycles),
	              "%s: %u review cycles, not %u", what, g_hash_table_size(got->cycles),
	              g_hash_table_size(want->cycles));
	g_hash_table_iter_init(&it, want->cycles);
	while (g_hash_table_iter_next(&it, &key, &value)) {
		const isms_duration *w = value, *g = g_hash_table_lookup(got->cycles, key);
		ck_assert_msg(g && g->months == w->months && g->days == w->days,
		              "%s: the cycle of %s differs", what, (const char *)key);
	}
	/* required_fields */
	ck_assert_msg(g_hash_table_size(got->required) == g_hash_table_size(want->required),
	              "%s: required fields of %u types, not %u", what,
	              g_hash_table_size(got->required), g_hash_table_size(want->required));
	g_hash_table_iter_init(&it, want->required);
	while (g_hash_table_iter_next(&it, &key, &value)) {
		const GPtrArray *g = g_hash_table_lookup(got->required, key);
		ck_assert_msg(g != NULL, "%s: no required fields of %s", what, (const char *)key);
		expect_same_strings(value, g, what);
	}
	/* register_columns and status_words */
	for (int c = 0; c < ISMS_COL_COUNT; c++)
		expect_same_strings(want->dialect.synonyms[c], got->dialect.synonyms[c], what);
	ck_assert_msg(g_hash_table_size(got->dialect.status) ==
	                  g_hash_table_size(want->dialect.status),
	              "%s: %u status words, not %u", what, g_hash_table_size(got->dialect.status),
	              g_hash_table_size(want->dialect.status));
	g_hash_table_iter_init(&it, want->dialect.status);
	while (g_hash_table_iter_next(&it, &key, &value))
		ck_assert_msg(g_hash_table_lookup(got->dialect.status, key) == value,
		              "%s: the state of status word %s differs", what, (const char *)key);
	ck_assert_msg(got->dialect.date_order == want->dialect.date_order,
	              "%s: the date order differs", what);
	/* mandatory_clauses and review_inputs */
	expect_same_strings(want->mandatory, got->mandatory, what);
	/* types and clauses */
	for (int k = 0; k < 2; k++) {
		const GPtrArray *w = k ? want->clause_map : want->types,
		                *g = k ? got->clause_map : got->types;
		ck_assert_msg(g->len == w->len, "%s: %u path mappings, not %u", what, g->len,
		              w->len);
		for (guint i = 0; i < w->len; i++) {
			const isms_path_mapping *wm = g_ptr_array_index(w, i),
			                        *gm = g_ptr_array_index(g, i);
			ck_assert_msg(strcmp(gm->pattern, wm->pattern) == 0,
			              "%s: pattern %s, not %s", what, gm->pattern, wm->pattern);
			expect_same_strings(wm->values, gm->values, what);
		}
	}
	for (int i = 0; i < ISMS_REVIEW_INPUTS; i++)
		expect_same_strings(want->review_inputs[i], got->review_inputs[i], what);
	/* rules */
	ck_assert_msg(g_hash_table_size(got->rule_settings) ==
	                  g_hash_table_size(want->rule_settings),
	              "%s: %u rule settings, not %u", what, g_hash_table_size(got->rule_settings),
	              g_hash_table_size(want->rule_settings));
	g_hash_table_iter_init(&it, want->rule_settings);
	while (g_hash_table_iter_next(&it, &key, &value)) {
		const isms_rule_setting *w = value,
		                        *g = g_hash_table_lookup(got->rule_settings, key);
		ck_assert_msg(g && g->off == w->off && g->has_severity == w->has_severity &&
		                  g->severity == w->severity,
		              "%s: the setting of %s differs", what, (const char *)key);
		expect_same_strings(w->exclude, g->exclude, what);
	}
	/* waivers */
	ck_assert_msg(got->waivers->len == want->waivers->len, "%s: %u waivers, not %u", what,
	              got->waivers->len, want->waivers->len);
	for (guint i = 0; i < want->waivers->len; i++) {
		const isms_waiver *w = g_ptr_array_index(want->waivers, i),
		                  *g = g_ptr_array_index(got->waivers, i);
		ck_assert_msg(
		    g_strcmp0(g->rule, w->rule) == 0 && g_strcmp0(g->path, w->path) == 0 &&
		        g_strcmp0(g->item, w->item) == 0 && g_strcmp0(g->reason, w->reason) == 0 &&
		        g_strcmp0(g->approved_by, w->approved_by) == 0 && g->expires == w->expires,
		    "%s: waiver %u differs", what, i);
	}
}

/* The default a row documents as YAML is the one isms_config_init() sets:
 * loading `KEY: DEFAULT` over the defaults changes nothing. */
START_TEST(every_documented_default_is_the_one_init_sets)
{
	isms_config want;
	guint compared = 0;

	isms_config_init(&want);
	for (size_t i = 0; i < isms_config_keys_count; i++) {
		const isms_config_key *k = &isms_config_keys[i];
		char *text;
		isms_config got;
		if (!k->default_is_yaml)
			continue;
		text = g_strdup_printf("%s: %s", k->key, k->default_text);
		ck_assert_msg(load(&got, text) == 0, "%s: %s", text, isms_error_last());
		expect_same_config(&want, &got, text);
		isms_config_dispose(&got);
		g_free(text);
		compared++;
	}
	ck_assert_uint_gt(compared, 0);
	isms_config_dispose(&want);
}
END_TEST

/* The defaults told in words: exclude's words are its built-in list, and
 * the README's status words (status_words points there) are the built-in
 * ones, each of its state. The README's header words are checked against
 * the column table by the_column_words_documented_are_the_column_table. */
START_TEST(the_defaults_told_in_words_are_the_built_in_lists)
{
	isms_config cfg;
	char **words = g_strsplit(isms_config_key_find("exclude")->default_text, ", ", -1);
	GPtrArray *listed = g_ptr_array_new();
	char *text = readme(), *start, *end, *flat;
	GRegex *group = g_regex_new("([a-z]+) \\(([^)]*)\\)", 0, 0, NULL);
	GMatchInfo *m = NULL;
	guint count = 0;

	isms_config_init(&cfg);
	for (char **w = words; *w; w++)
		g_ptr_array_add(listed, *w);
	expect_same_strings(cfg.exclude, listed, "exclude");

	start = strstr(text, "\nStatus words: ");
	ck_assert_ptr_nonnull(start);
	end = strstr(start, "). ");
	ck_assert_ptr_nonnull(end);
	flat = g_strdelimit(g_strndup(start, (gsize)(end + 1 - start)), "\n", ' ');
	for (g_regex_match(group, flat, 0, &m); g_match_info_matches(m);
	     g_match_info_next(m, NULL)) {
		char *state = g_match_info_fetch(m, 1), *list = g_match_info_fetch(m, 2);
		char **each = g_strsplit(list, ", ", -1);
		ck_assert_int_ne(isms_state_lookup(state), ISMS_STATE_UNKNOWN);
		for (char **w = each; *w; w++, count++)
			ck_assert_msg(isms_status_state(&cfg.dialect, *w) ==
			                  isms_state_lookup(state),
			              "README: status word '%s' is not %s", *w, state);
		g_strfreev(each);
		g_free(list);
		g_free(state);
	}
	ck_assert_uint_eq(count, g_hash_table_size(cfg.dialect.status));
	g_match_info_free(m);
	g_regex_unref(group);
	g_free(flat);
	g_free(text);
	g_ptr_array_free(listed, TRUE);
	g_strfreev(words);
	isms_config_dispose(&cfg);
}
END_TEST

/* A whole-number row's bounds are the ones its documentation states, and
 * the loader takes the bounds and refuses one past each. */
START_TEST(whole_number_rows_check_the_bounds_they_document)
{
	for (size_t i = 0; i < isms_config_keys_count; i++) {
		const isms_config_key *k = &isms_config_keys[i];
		char *range, *text, *error;
		isms_config cfg;
		if (k->type != ISMS_CONFIG_INT && k->type != ISMS_CONFIG_SIZE)
			continue;
		ck_assert_msg(k->schema == NULL, "%s: the schema is built from the bounds", k->key);
		range = g_strdup_printf("(%ld to %ld)", k->min, k->max);
		ck_assert_msg(!strchr(k->kind, '(') || strstr(k->kind, range),
		              "%s: kind '%s', not %s", k->key, k->kind, range);
		error = g_strdup_printf("cfg.yml:1: '%s' must be a whole number from %ld to %ld",
		                        k->key, k->min, k->max);
		for (int d = -1; d <= 1; d += 2) {
			text = g_strdup_printf("%s: %ld", k->key, d < 0 ? k->min : k->max);
			ck_assert_msg(load(&cfg, text) == 0, "%s: %s", text, isms_error_last());
			isms_config_dispose(&cfg);
			g_free(text);
			text = g_strdup_printf("%s: %ld", k->key, d < 0 ? k->min - 1 : k->max + 1);
			expect_error(text, error);
			g_free(text);
		}
		g_free(error);
		g_free(range);
	}
}
END_TEST

/* The README cannot read the column table, so it is held to it: one row of
 * its "column | header words" table per column, with that column's words in
 * order; and the documentation of `register_columns` names the columns. */
START_TEST(the_column_words_documented_are_the_column_table)
{
	char *text = readme(), *start, **rows;
	GString *names = g_string_new("Columns are ");
	int c = 0;

	start = strstr(text, "| column | header words |\n|---|---|\n");
	ck_assert_ptr_nonnull(start);
	rows = g_strsplit(strchr(strchr(start, '\n') + 1, '\n') + 1, "\n", -1);
	for (char **r = rows; g_str_has_prefix(*r, "| `"); r++, c++) {
		const char *const *words;
		GString *want = g_string_new(NULL);
		ck_assert_int_lt(c, ISMS_COL_COUNT);
		words = isms_column_synonyms((isms_column)c);
		g_string_printf(want, "| `%s` | %s", isms_column_name((isms_column)c), words[0]);
		for (const char *const *w = words + 1; *w; w++)
			g_string_append_printf(want, ", %s", *w);
		g_string_append(want, " |");
		ck_assert_str_eq(*r, want->str);
		g_string_free(want, TRUE);
	}
	ck_assert_int_eq(c, ISMS_COL_COUNT);
	for (c = 0; c < ISMS_COL_COUNT; c++) {
		if (c > 0)
			g_string_append(names, c + 1 < ISMS_COL_COUNT ? ", " : " and ");
		g_string_append(names, isms_column_name((isms_column)c));
	}
	g_string_append_c(names, '.');
	ck_assert_ptr_nonnull(
	    strstr(isms_config_key_find("register_columns")->description, names->str));
	g_string_free(names, TRUE);
	g_strfreev(rows);
	g_free(text);
}
END_TEST

Suite *config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("config");

	tcase_add_test(tc, defaults_audit_markdown_but_not_housekeeping);
	tcase_add_test(tc, a_valid_file_sets_every_key);
	tcase_add_test(tc, bad_files_name_the_line_and_cause);
	tcase_add_test(tc, fields_add_aliases_and_custom_fields);
	tcase_add_test(tc, bad_fields_name_the_line);
	tcase_add_test(tc, an_empty_file_keeps_the_defaults);
	tcase_add_test(tc, globs_match_as_in_gitignore);
	tcase_add_test(tc, globs_never_match_a_slash);
	tcase_add_test(tc, register_keys_set_the_dialect);
	tcase_add_test(tc, bad_register_keys_name_the_line);
	tcase_add_test(tc, the_column_words_documented_are_the_column_table);
	tcase_add_test(tc, every_documented_default_is_the_one_init_sets);
	tcase_add_test(tc, the_defaults_told_in_words_are_the_built_in_lists);
	tcase_add_test(tc, whole_number_rows_check_the_bounds_they_document);
	tcase_add_test(tc, management_keys_are_read);
	tcase_add_test(tc, path_mappings_are_read);
	tcase_add_test(tc, bad_path_mappings_name_the_line);
	tcase_add_test(tc, bad_management_keys_name_the_line);
	suite_add_tcase(s, tc);
	return s;
}
