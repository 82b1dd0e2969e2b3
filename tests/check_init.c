/* The starter configuration of `init` on the demo and the GOV.UK fixture,
 * the key table against the configuration loader, and the `config
 * --explain` and `config --schema` commands. */
#include <jansson.h>
#include <string.h>
#include <unistd.h>

#include "isms/clauses.h"
#include "isms/config.h"
#include "isms/config_keys.h"
#include "isms/error.h"
#include "isms/init.h"
#include "isms/wrap.h"
#include "testutil.h"

#define RUN(out, err, ...) run_cli((const char *const[]){__VA_ARGS__, NULL}, NULL, out, err)

static char *starter(const char *fixture)
{
	isms_init_options opts = ISMS_INIT_OPTIONS_INIT;
	char *path = fixture_path(fixture), *text = NULL;
	int rc;

	opts.path = path;
	rc = isms_init_generate(&text, &opts);
	ck_assert_msg(rc == 0, "init %s: %s", fixture, isms_error_last());
	g_free(path);
	return text;
}

static int has_line(const char *text, const char *want)
{
	char **lines = g_strsplit(text, "\n", -1);
	int hit = 0;

	for (char **l = lines; !hit && *l; l++)
		hit = strcmp(*l, want) == 0;
	g_strfreev(lines);
	return hit;
}

#define expect_line(text, want)                                                                    \
	ck_assert_msg(has_line(text, want), "no line '%s' in:\n%s", want, text)

/* The lines starting with `prefix`, joined by '\n'. Caller frees. */
static char *lines_with(const char *text, const char *prefix)
{
	char **lines = g_strsplit(text, "\n", -1);
	GString *s = g_string_new(NULL);

	for (char **l = lines; *l; l++)
		if (g_str_has_prefix(*l, prefix))
			g_string_append_printf(s, "%s%s", s->len ? "\n" : "", *l);
	g_strfreev(lines);
	return g_string_free(s, FALSE);
}

/* The comments for the mandatory clauses not in `declared` (NULL-terminated). */
static char *missing_clauses(const char *const *declared)
{
	GString *s = g_string_new(NULL);

	for (const char *const *c = isms_mandatory_clauses; *c; c++) {
		const char *title = isms_clause_title(*c);
		if (g_strv_contains(declared, *c))
			continue;
		g_string_append_printf(s, "%s# no document declares %s yet", s->len ? "\n" : "",
		                       *c);
		if (*title)
			g_string_append_printf(s, " (%s)", title);
	}
	return g_string_free(s, FALSE);
}

static void expect_lines_with(const char *text, const char *prefix, const char *want)
{
	char *got = lines_with(text, prefix);

	ck_assert_msg(strcmp(got, want) == 0, "lines '%s':\nwant\n%s\ngot\n%s", prefix, want, got);
	g_free(got);
}

static void expect_loads(const char *text, isms_config *cfg)
{
	int rc;

	isms_config_init(cfg);
	rc = isms_config_load(cfg, ".isms-audit.yml", text, strlen(text));
	ck_assert_msg(rc == 0, "the starter does not load: %s", isms_error_last());
}

START_TEST(init_fits_the_demo)
{
	char *text = starter("demo");
	/* the SoA counts for 6.1.3 d, as in the audit */
	static const char *const declared[] = {"4.3", "5.2", "6.1.2", "6.1.3", "6.1.3 d",
	                                       "6.2", "7.2", "8.1",   "8.2",   "8.3",
	                                       "9.1", "9.2", "9.3",   "10.2",  NULL};
	char *missing = missing_clauses(declared);

	expect_lines_with(text, "paths:", "paths: [isms/]");
	expect_line(text, "# Under these paths without metadata (DOC-NO-METADATA):");
	expect_line(text, "# isms/03-procedures/notes-on-laptop-setup.md.");
	/* the GOV.UK-style runbooks, the ISO datetime, the canonical names */
	expect_line(text, "#   owner -> owner (28 documents)");
	expect_line(text, "#   owner_slack -> owner (3 documents)");
	expect_line(text, "#   approved_by -> approver (3 documents)");
	expect_line(text, "#   last_reviewed_on -> last_reviewed (3 documents)");
	expect_line(text, "#   last_reviewed_at -> last_reviewed (1 document)");
	expect_line(text, "#   review_in -> review_cycle (3 documents)");
	expect_line(text, "#   date -> date (10 documents)"); /* not the risk register */
	/* keys that fill no field */
	expect_line(text, "#   auditor -> internal audit auditor (3 documents)");
	expect_line(text, "#   superseded_by (1 document)");
	/* types and the review cycles they declare (records need none) */
	expect_line(text, "#   policy: 7 documents");
	expect_line(text, "#   management-review: 3 documents");
	expect_line(text, "#   (no type): 2 documents");
	expect_lines_with(text, "#   default: ", "#   default: 12 months");
	expect_line(text, "#   procedure: 12 months");
	ck_assert(!has_line(text, "#   record: 12 months"));
	/* the register and the SoA have their types: nothing to list */
	expect_line(text,
	            "#   isms/07-improvement/issues-and-actions-register.md (type: register)");
	expect_line(text, "#   isms/02-risk/statement-of-applicability.md (type: soa)");
	expect_line(text, "#   isms/02-risk/risk-register.md (type: risk-register)");
	expect_lines_with(text, "registers:", "");
	expect_lines_with(text, "risk_registers:", "");
	expect_line(text,
	            "# Management reviews (clause 9.3, `type: management-review`): 3 records, the");
	expect_line(text, "# newest dated 2026-03-31.");
	/* the SoA declares 6.1.3, not 6.1.3 d; no document declares 8.1 */
	expect_lines_with(text, "# no document declares", missing);
	/* every other key at its default, as a comment */
	expect_line(text, "# stale_after_months: 24");
	expect_line(text, "# management_review_months: 12");
	expect_line(text, "# rules: {DOC-STALE-CONTENT: off, ACT-OVERDUE: {severity: major}}");
	g_free(missing);
	g_free(text);
}
END_TEST

START_TEST(init_maps_govuk_tech_docs_and_finds_the_untyped_register)
{
	char *text = starter("edge/govuk");
	/* the untyped register counts for 10.2 */
	static const char *const declared[] = {"4.3", "5.2", "10.2", NULL};
	char *missing = missing_clauses(declared);

	expect_lines_with(text, "paths:", "paths: [source/documentation/, register.md]");
	expect_line(text, "# Left out by these paths (no metadata): notes/meeting-notes.md.");
	expect_lines_with(text, "#   ",
	                  "#   title -> title (5 documents)\n"
	                  "#   owner_slack -> owner (5 documents)\n"
	                  "#   last_reviewed_on -> last_reviewed (5 documents)\n"
	                  "#   review_in -> review_cycle (5 documents)\n"
	                  "#   clauses -> clauses (1 document)\n"
	                  "#   weight (2 documents)\n"
	                  "#   (no type): 5 documents\n"
	                  "#   default: 6 months");
	expect_line(text,
	            "# This file holds an issues register table (an ID, a Status or Closed column");
	expect_lines_with(text, "registers:", "registers: [register.md]");
	/* the pages version by Git: version is not required */
	expect_lines_with(text, "  default:", "  default: [owner, review]");
	expect_line(text,
	            "# document carries version, so it is not required here (the other types keep");
	expect_line(
	    text, "# Management reviews (clause 9.3, `type: management-review`): no record found.");
	expect_lines_with(text, "# no document declares", missing);
	g_free(missing);
	g_free(text);
}
END_TEST

START_TEST(init_proposes_only_a_register_table_and_suggests_clauses)
{
	char *text = starter("edge/adopt");

	/* the corrective-action log, never the asset inventory or the risk
	 * register, which have ID, Owner and Status columns too; the risk
	 * register, by its Risk ID table, under risk_registers */
	expect_lines_with(text, "registers:", "registers: [improvement/capa-log.md]");
	expect_lines_with(text, "risk_registers:", "risk_registers: [risk/risk-register.md]");
	expect_line(text,
	            "# This file holds a risk table (a Risk ID column and a likelihood, impact,");
	ck_assert_ptr_null(strstr(text, "asset-register.md:"));
	/* clauses from titles and file names, commented out for a person to
	 * check; the SoA and the register count by their kind */
	expect_lines_with(text, "#   ",
	                  /* the keys of tables and key lines, the documents' types */
	                  "#   Document Owner -> owner (2 documents)\n"
	                  "#   Owner -> owner (6 documents)\n"
	                  "#   Approved By -> approver (1 document)\n"
	                  "#   Version -> version (7 documents)\n"
	                  "#   Status -> status (1 document)\n"
	                  "#   Last Review -> last_reviewed (1 document)\n"
	                  "#   Last Updated -> last_reviewed (1 document)\n"
	                  "#   Review Cycle -> review_cycle (1 document)\n"
	                  "#   Review Frequency -> review_cycle (2 documents)\n"
	                  "#   Next Review -> next_review (4 documents)\n"
	                  "#   Next Review Date -> next_review (2 documents)\n"
	                  "#   Date -> date (1 document)\n"
	                  "#   Classification -> classification (1 document)\n"
	                  "#   Effective Date -> effective (1 document)\n"
	                  "#   (no type): 8 documents\n"
	                  "#   default: Annual\n"
	                  "#   people/Security_Awareness_Training_Plan.md: [\"7.2\"]\n"
	                  "#   policies/ISMS_Scope.md: [\"4.3\"]\n"
	                  "#   policies/Information_Security_Objectives.md: [\"6.2\"]\n"
	                  "#   policies/Information_Security_Policy.md: [\"5.2\"]\n"
	                  "#   risk/Risk_Assessment_Methodology.md: [\"6.1.2\", \"8.2\"]\n"
	                  "#   risk/Risk_Treatment_Plan.md: [\"6.1.3\", \"8.3\"]\n"
	                  "#   risk/risk-register.md: [\"8.2\", \"8.3\"]");
	expect_line(text, "# clauses:");
	g_free(text);
}
END_TEST

/* A file named as a register is proposed when its register table's id
 * column names issues or actions (CAPA ID), never for a Risk ID. */
START_TEST(init_proposes_registers_of_issues_not_of_risks)
{
	char *text = starter("rules/register-capa");

	expect_line(text,
	            "# This file holds an issues register table (an ID, a Status or Closed column");
	expect_lines_with(text, "registers:", "registers: [qms/capa-register.md]");
	g_free(text);
	/* risk-register.md: a Risk ID and a Status column, and "register" in its name */
	text = starter("rules/register-no-status");
	expect_line(text, "#   register.md (type: register)");
	expect_lines_with(text, "registers:", "");
	ck_assert_ptr_null(strstr(text, "registers: [risk-register.md"));
	g_free(text);
}
END_TEST

START_TEST(the_starter_loads_as_it_is)
{
	const char *fixtures[] = {"demo", "edge/govuk", "rules/healthy", "edge/tabs", "edge/adopt"};
	isms_config cfg;

	for (size_t i = 0; i < G_N_ELEMENTS(fixtures); i++) {
		char *text = starter(fixtures[i]);
		expect_loads(text, &cfg);
		isms_config_dispose(&cfg);
		g_free(text);
	}
	{
		char *text = starter("edge/govuk");
		expect_loads(text, &cfg);
		ck_assert(isms_config_wants_file(&cfg, "source/documentation/backups.md"));
		ck_assert(isms_config_wants_file(&cfg, "register.md"));
		ck_assert(!isms_config_wants_file(&cfg, "notes/meeting-notes.md"));
		ck_assert(isms_config_is_register(&cfg, "register.md"));
		isms_config_dispose(&cfg);
		g_free(text);
	}
}
END_TEST

/* Issue 15: a repository without front matter, whose metadata is in key
 * lines and document-control tables. The starter names the keys the
 * documents use under `fields:`, sets `date_order` from the dates that
 * show it, and an audit with it reads every document's review dates. */
START_TEST(init_fits_a_repository_without_front_matter)
{
	char *text = starter("edge/adopt");
	char *repo = fixture_path("edge/adopt"), *dir = g_dir_make_tmp("isms-init-XXXXXX", NULL);
	char *cfg = g_build_filename(dir, "starter.yml", NULL), *out;
	GString *got = g_string_new(NULL);
	json_t *root, *findings;

	expect_line(
	    text, "# Markdown files outside the built-in exclusions, 0 with front matter, 8 more");
	expect_line(text,
	            "# with metadata in a document-control table, key lines or a version history.");
	expect_lines_with(text, "  ",
	                  "  owner: [Document Owner]\n"
	                  "  approver: [Approved By]\n"
	                  "  last_reviewed: [Last Review]\n"
	                  "  review_cycle: [Review Frequency]\n"
	                  "  next_review: [Next Review Date]\n"
	                  "  effective: [Effective Date]");
	expect_lines_with(text, "fields:", "fields:");
	expect_line(text,
	            "# Only standing in, and so not listed: Last Updated (read when no other key");
	expect_line(
	    text, "# 2 other dates read only day first (policies/ISMS_Scope.md: 20/01/2025): they");
	expect_lines_with(text, "date_order:", "date_order: dmy");
	/* versions are kept in these documents: version stays required */
	expect_lines_with(text, "required_fields:", "");

	ck_assert_int_eq(RUN(NULL, NULL, "init", repo, "--output", cfg), 0);
	ck_assert_int_eq(RUN(&out, NULL, "check", repo, "--as-of", "2026-11-01", "--format", "json",
	                     "--config", cfg),
	                 1);
	root = json_loads(out, 0, NULL);
	ck_assert_ptr_nonnull(root);
	findings = json_object_get(root, "findings");
	for (size_t i = 0; i < json_array_size(findings); i++) {
		json_t *f = json_array_get(findings, i);
		const char *rule = json_string_value(json_object_get(f, "rule"));
		const char *path = json_string_value(json_object_get(f, "path"));
		if (strncmp(rule, "DOC-", 4) == 0)
			g_string_append_printf(got, "%s %s\n", rule, path ? path : "-");
	}
	/* the inventories carry no metadata; the register is a register, held
	 * to its owner only; every passed next review is overdue; no commit
	 * shows approval evidence, which is one finding */
	ck_assert_str_eq(got->str,
	                 "DOC-NO-METADATA assets/asset-register.md\n"
	                 "DOC-NO-METADATA risk/risk-register.md\n"
	                 "DOC-REVIEW-OVERDUE Statement_of_Applicability.md\n"
	                 "DOC-REVIEW-OVERDUE people/Security_Awareness_Training_Plan.md\n"
	                 "DOC-REVIEW-OVERDUE policies/ISMS_Scope.md\n"
	                 "DOC-REVIEW-OVERDUE policies/Information_Security_Objectives.md\n"
	                 "DOC-REVIEW-OVERDUE policies/Information_Security_Policy.md\n"
	                 "DOC-REVIEW-OVERDUE risk/Risk_Assessment_Methodology.md\n"
	                 "DOC-REVIEW-OVERDUE risk/Risk_Treatment_Plan.md\n"
	                 "DOC-CHANGE-UNAPPROVED -\n");
	json_decref(root);
	g_free(out);
	g_string_free(got, TRUE);
	unlink(cfg);
	rmdir(dir);
	g_free(cfg);
	g_free(dir);
	g_free(repo);
	g_free(text);
}
END_TEST

START_TEST(an_audit_with_the_starter_reads_the_register)
{
	char *repo = fixture_path("edge/govuk"), *dir = g_dir_make_tmp("isms-init-XXXXXX", NULL);
	char *cfg = g_build_filename(dir, "starter.yml", NULL), *out, *err;
	json_t *root, *regs;

	ck_assert_int_eq(RUN(NULL, NULL, "init", repo, "--output", cfg), 0);
	/* without it: no register; with it, register.md is one */
	ck_assert_int_eq(
	    RUN(&out, NULL, "check", repo, "--as-of", "2026-01-15", "--format", "json"), 1);
	ck_assert_ptr_nonnull(strstr(out, "\"REG-NOT-FOUND\""));
	/* no page carries a version: each is missing one without the starter */
	ck_assert_ptr_nonnull(strstr(out, "\"item\": \"version\""));
	g_free(out);
	ck_assert_int_eq(RUN(&out, &err, "check", repo, "--as-of", "2026-01-15", "--format", "json",
	                     "--config", cfg),
	                 1);
	ck_assert_str_eq(err, "");
	ck_assert_ptr_null(strstr(out, "\"REG-NOT-FOUND\""));
	/* the starter requires only what some documents carry: nothing is missing */
	ck_assert_ptr_null(strstr(out, "\"DOC-MISSING-FIELD\""));
	root = json_loads(out, 0, NULL);
	ck_assert_ptr_nonnull(root);
	regs = json_object_get(root, "registers");
	ck_assert_int_eq(json_array_size(regs), 1);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(regs, 0), "path")),
	                 "register.md");
	ck_assert_int_eq(json_array_size(json_object_get(root, "documents")), 5);
	json_decref(root);
	g_free(out);
	g_free(err);
	unlink(cfg);
	rmdir(dir);
	g_free(cfg);
	g_free(dir);
	g_free(repo);
}
END_TEST

START_TEST(init_output_refuses_to_overwrite_without_force)
{
	char *repo = fixture_path("edge/govuk"), *dir = g_dir_make_tmp("isms-init-XXXXXX", NULL);
	char *cfg = g_build_filename(dir, ".isms-audit.yml", NULL), *out, *err, *text = NULL;
	char *want = starter("edge/govuk");
	char *msg =
	    g_strdup_printf("isms-audit: %s: already exists; pass --force to overwrite it\n", cfg);

	ck_assert(g_file_set_contents(cfg, "fail_on: never\n", -1, NULL));
	ck_assert_int_eq(RUN(&out, &err, "init", repo, "--output", cfg), 2);
	ck_assert_str_eq(err, msg);
	ck_assert_str_eq(out, "");
	g_free(out);
	g_free(err);
	ck_assert(g_file_get_contents(cfg, &text, NULL, NULL));
	ck_assert_str_eq(text, "fail_on: never\n");
	g_free(text);
	ck_assert_int_eq(RUN(&out, &err, "init", repo, "--output", cfg, "--force"), 0);
	ck_assert_str_eq(out, "");
	ck_assert_str_eq(err, "");
	ck_assert(g_file_get_contents(cfg, &text, NULL, NULL));
	ck_assert_str_eq(text, want);
	g_free(text);
	g_free(out);
	g_free(err);
	/* standard output gets the same text */
	ck_assert_int_eq(RUN(&out, NULL, "init", repo), 0);
	ck_assert_str_eq(out, want);
	g_free(out);
	unlink(cfg);
	rmdir(dir);
	g_free(msg);
	g_free(want);
	g_free(cfg);
	g_free(dir);
	g_free(repo);
}
END_TEST

START_TEST(init_errors_name_the_path_and_cause)
{
	char *repo = fixture_path("edge/empty"), *err;
	char *msg = g_strdup_printf("isms-audit: %s: the repository has no commits\n", repo);

	ck_assert_int_eq(RUN(NULL, &err, "init", repo), 3);
	ck_assert_str_eq(err, msg);
	g_free(err);
	ck_assert_int_eq(RUN(NULL, &err, "init", "/nonexistent/path"), 3);
	ck_assert_str_eq(err, "isms-audit: /nonexistent/path: no such directory\n");
	g_free(err);
	ck_assert_int_eq(RUN(NULL, NULL, "init", repo, "extra"), 2);
	ck_assert_int_eq(RUN(NULL, NULL, "init", "--no-such-option"), 2);
	g_free(msg);
	g_free(repo);
}
END_TEST

/* Committed content only, and nothing written: a document left uncommitted
 * in the work tree of a clone changes nothing, and git sees no change. */
START_TEST(init_reads_head_and_leaves_the_work_tree_alone)
{
	char *repo = fixture_path("edge/govuk"), *dir = g_dir_make_tmp("isms-init-XXXXXX", NULL);
	char *clone = g_build_filename(dir, "clone", NULL), *extra, *want, *out, *status = NULL;
	const char *clone_argv[] = {"git", "clone", "-q", repo, clone, NULL};
	const char *status_argv[] = {"git",         "-C",        clone, "status",
	                             "--porcelain", "--ignored", NULL};
	const char *rm_argv[] = {"rm", "-rf", dir, NULL};

	run_or_fail(clone_argv);
	extra = g_build_filename(clone, "drafts", NULL);
	ck_assert_int_eq(g_mkdir_with_parents(extra, 0755), 0);
	g_free(extra);
	extra = g_build_filename(clone, "drafts", "new-policy.md", NULL);
	ck_assert(g_file_set_contents(extra, "---\ntitle: New\nowner: Ann\n---\n", -1, NULL));
	want = starter("edge/govuk");
	ck_assert_int_eq(RUN(&out, NULL, "init", clone), 0);
	ck_assert_str_eq(out, want);
	ck_assert(g_spawn_sync(NULL, (gchar **)status_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
	                       &status, NULL, NULL, NULL));
	ck_assert_str_eq(status, "?? drafts/\n");
	run_or_fail(rm_argv);
	g_free(status);
	g_free(out);
	g_free(want);
	g_free(extra);
	g_free(clone);
	g_free(dir);
	g_free(repo);
}
END_TEST

START_TEST(every_example_and_default_loads)
{
	for (size_t i = 0; i < isms_config_keys_count; i++) {
		const isms_config_key *k = &isms_config_keys[i];
		for (int d = 0; d < 2; d++) {
			isms_config cfg;
			char *text;
			int rc;
			if (d == 1 && !k->default_is_yaml)
				continue;
			text =
			    g_strdup_printf("%s: %s\n", k->key, d ? k->default_text : k->example);
			isms_config_init(&cfg);
			rc = isms_config_load(&cfg, "cfg.yml", text, strlen(text));
			ck_assert_msg(rc == 0, "%s: %s", text, isms_error_last());
			isms_config_dispose(&cfg);
			g_free(text);
		}
		ck_assert_ptr_eq(isms_config_key_find(k->key), k);
		ck_assert(strchr(k->summary, '\n') == NULL && strlen(k->summary) <= 72);
		ck_assert(strchr(k->example, '\n') == NULL);
	}
	ck_assert_ptr_null(isms_config_key_find("nope"));
	ck_assert_ptr_null(isms_config_key_find("Paths"));
}
END_TEST

START_TEST(the_mandatory_clauses_default_is_the_list_init_checks)
{
	const isms_config_key *k = isms_config_key_find("mandatory_clauses");
	GString *s = g_string_new("[");

	for (const char *const *c = isms_mandatory_clauses; *c; c++)
		g_string_append_printf(s, "%s\"%s\"", c == isms_mandatory_clauses ? "" : ", ", *c);
	g_string_append_c(s, ']');
	ck_assert_str_eq(k->default_text, s->str);
	g_string_free(s, TRUE);
}
END_TEST

START_TEST(config_explain_prints_one_key_or_all)
{
	const isms_config_key *k = isms_config_key_find("stale_after_months");
	char *out, *err, *first = g_strdup_printf("%s: %s\n", k->key, k->summary);

	ck_assert_int_eq(RUN(&out, &err, "config", "--explain", "stale_after_months"), 0);
	ck_assert(g_str_has_prefix(out, first));
	expect_line(out, "  kind:     whole number of months (1 to 1200)");
	expect_line(out, "  default:  24");
	expect_line(out, "  example:  stale_after_months: 36");
	expect_line(
	    out, "  A document in force whose text (after the front matter) has not changed for");
	ck_assert_ptr_null(strstr(out, "exclude"));
	ck_assert_str_eq(err, "");
	g_free(out);
	g_free(err);

	ck_assert_int_eq(RUN(&out, &err, "config", "--explain", "nope"), 2);
	ck_assert_str_eq(out, "");
	ck_assert_str_eq(
	    err,
	    "isms-audit: unknown configuration key 'nope' (see 'isms-audit config --explain')\n");
	g_free(out);
	g_free(err);

	ck_assert_int_eq(RUN(&out, NULL, "config", "--explain"), 0);
	for (size_t i = 0; i < isms_config_keys_count; i++) {
		char *head =
		    g_strdup_printf("%s: %s", isms_config_keys[i].key, isms_config_keys[i].summary);
		expect_line(out, head);
		g_free(head);
	}
	g_free(out);
	ck_assert_int_eq(RUN(NULL, NULL, "config"), 2);
	ck_assert_int_eq(RUN(NULL, NULL, "config", "--explain", "--schema"), 2);
	ck_assert_int_eq(RUN(NULL, NULL, "config", "--schema", "paths"), 2);
	g_free(first);
}
END_TEST

START_TEST(config_schema_is_json_schema_of_every_key)
{
	char *out;
	json_t *root, *props, *defs, *ids;
	json_error_t jerr;

	ck_assert_int_eq(RUN(&out, NULL, "config", "--schema"), 0);
	root = json_loads(out, 0, &jerr);
	ck_assert_msg(root != NULL, "not JSON: %s (line %d)", jerr.text, jerr.line);
	ck_assert_str_eq(json_string_value(json_object_get(root, "$schema")),
	                 "https://json-schema.org/draft/2020-12/schema");
	ck_assert_str_eq(json_string_value(json_object_get(root, "type")), "object");
	ck_assert(json_is_false(json_object_get(root, "additionalProperties")));
	props = json_object_get(root, "properties");
	ck_assert_int_eq(json_object_size(props), isms_config_keys_count);
	for (size_t i = 0; i < isms_config_keys_count; i++) {
		json_t *p = json_object_get(props, isms_config_keys[i].key);
		ck_assert_msg(json_is_object(p), "no property %s", isms_config_keys[i].key);
		ck_assert(json_is_string(json_object_get(p, "description")));
		ck_assert_int_eq(json_array_size(json_object_get(p, "examples")), 1);
	}
	ck_assert_int_eq(
	    json_integer_value(json_object_get(json_object_get(props, "max_file_size"), "default")),
	    1048576);
	ck_assert_str_eq(
	    json_string_value(json_object_get(
	        json_object_get(json_object_get(props, "rules"), "propertyNames"), "$ref")),
	    "#/$defs/rule_id");
	defs = json_object_get(root, "$defs");
	ids = json_object_get(json_object_get(defs, "rule_id"), "enum");
	ck_assert_str_eq(json_string_value(json_array_get(ids, 0)), "ISMS-NO-DOCUMENTS");
	ck_assert(json_is_object(json_object_get(defs, "strings")));
	json_decref(root);
	g_free(out);
}
END_TEST

START_TEST(wrap_keeps_words_whole)
{
	GString *s = g_string_new(NULL);

	isms_wrap_append(s, "aaa bbb  ccc averyveryverylongword d", "# ", "  ", 10);
	ck_assert_str_eq(s->str, "# aaa bbb\n  ccc\n  averyveryverylongword\n  d\n");
	g_string_truncate(s, 0);
	isms_wrap_append(s, "  ", "# ", "# ", 10);
	ck_assert_str_eq(s->str, "");
	g_string_free(s, TRUE);
}
END_TEST

Suite *init_suite(void)
{
	Suite *s = suite_create("init");
	TCase *tc = tcase_create("init");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, init_fits_the_demo);
	tcase_add_test(tc, init_maps_govuk_tech_docs_and_finds_the_untyped_register);
	tcase_add_test(tc, init_proposes_only_a_register_table_and_suggests_clauses);
	tcase_add_test(tc, init_proposes_registers_of_issues_not_of_risks);
	tcase_add_test(tc, the_starter_loads_as_it_is);
	tcase_add_test(tc, init_fits_a_repository_without_front_matter);
	tcase_add_test(tc, an_audit_with_the_starter_reads_the_register);
	tcase_add_test(tc, init_output_refuses_to_overwrite_without_force);
	tcase_add_test(tc, init_errors_name_the_path_and_cause);
	tcase_add_test(tc, init_reads_head_and_leaves_the_work_tree_alone);
	tcase_add_test(tc, every_example_and_default_loads);
	tcase_add_test(tc, the_mandatory_clauses_default_is_the_list_init_checks);
	tcase_add_test(tc, config_explain_prints_one_key_or_all);
	tcase_add_test(tc, config_schema_is_json_schema_of_every_key);
	tcase_add_test(tc, wrap_keeps_words_whole);
	suite_add_tcase(s, tc);
	return s;
}
