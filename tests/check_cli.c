/* End-to-end: the built program on fixture repositories, its exit codes,
 * its one-line errors and the JSON contract read back by a JSON parser. */
#include <jansson.h>
#include <stdlib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "isms/rules.h"
#include "testutil.h"

/* Run `isms-audit ARGS...` and return the exit code; outputs are kept in
 * out/err (freed by the caller via g_free). */
#define RUN(out, err, ...) run_cli((const char *const[]){__VA_ARGS__, NULL}, NULL, out, err)

/* The configuration that switches off the whole-ISMS rules (static buffer). */
static const char *no_management(void)
{
	static char path[4096];

	g_snprintf(path, sizeof(path), "%s/tests/data/no-management.yml",
	           g_getenv("ISMS_SRCDIR") ? g_getenv("ISMS_SRCDIR") : ".");
	return path;
}

static int lines(const char *s)
{
	int n = 0;

	for (; s && *s; s++)
		n += *s == '\n';
	return n;
}

START_TEST(exit_0_when_nothing_reaches_the_fail_on_level)
{
	char *repo = fixture_path("rules/healthy"), *out, *err;

	/* one observation, fail-on minor */
	ck_assert_int_eq(RUN(&out, &err, "check", repo, "--as-of", "2026-01-15"), 0);
	ck_assert_ptr_nonnull(
	    strstr(out, "Summary: 0 major, 0 minor, 1 observation (fail-on minor: pass)"));
	ck_assert_str_eq(err, "");
	g_free(out);
	g_free(err);
	ck_assert_int_eq(
	    RUN(NULL, NULL, "check", repo, "--as-of", "2026-01-15", "--fail-on", "observation"), 1);
	g_free(repo);
}
END_TEST

START_TEST(exit_1_on_findings_and_fail_on_levels)
{
	char *repo = fixture_path("rules/review-overdue");

	ck_assert_int_eq(RUN(NULL, NULL, "check", repo, "--as-of", "2026-01-15"), 1);
	/* no register: REG-NOT-FOUND is major */
	ck_assert_int_eq(
	    RUN(NULL, NULL, "check", repo, "--as-of", "2026-01-15", "--fail-on", "major"), 1);
	ck_assert_int_eq(
	    RUN(NULL, NULL, "check", repo, "--as-of", "2026-01-15", "--fail-on", "never"), 0);
	g_free(repo);
	repo = fixture_path("rules/register-history"); /* minor findings only */
	ck_assert_int_eq(RUN(NULL, NULL, "check", repo, "--as-of", "2025-06-15", "--fail-on",
	                     "major", "--config", no_management()),
	                 0);
	ck_assert_int_eq(
	    RUN(NULL, NULL, "check", repo, "--as-of", "2025-06-15", "--fail-on", "minor"), 1);
	g_free(repo);
	repo = fixture_path("rules/no-documents");
	ck_assert_int_eq(
	    RUN(NULL, NULL, "check", repo, "--as-of", "2026-01-15", "--fail-on", "major"), 1);
	g_free(repo);
}
END_TEST

START_TEST(exit_2_on_usage_and_configuration_errors)
{
	char *repo = fixture_path("edge/bad-config"), *out, *err;

	ck_assert_int_eq(RUN(&out, &err, "check", repo), 2);
	ck_assert_str_eq(err, "isms-audit: .isms-audit.yml:3: unknown key 'stale_afer_months': did "
	                      "you mean 'stale_after_months'?\n");
	ck_assert_str_eq(out, "");
	g_free(out);
	g_free(err);
	ck_assert_int_eq(RUN(NULL, &err, "check", repo, "--as-of", "2026-02-30"), 2);
	ck_assert_ptr_nonnull(strstr(err, "--as-of: '2026-02-30' is not a date (YYYY-MM-DD)"));
	g_free(err);
	ck_assert_int_eq(RUN(NULL, &err, "check", repo, "--format", "xml"), 2);
	ck_assert_ptr_nonnull(strstr(err, "unknown format 'xml'"));
	g_free(err);
	ck_assert_int_eq(RUN(NULL, NULL, "check", repo, "--fail-on", "sometimes"), 2);
	ck_assert_int_eq(RUN(NULL, NULL, "check", repo, "--no-such-option"), 2);
	ck_assert_int_eq(RUN(NULL, NULL, "check", repo, "extra"), 2);
	ck_assert_int_eq(RUN(NULL, NULL, "frobnicate"), 2);
	ck_assert_int_eq(RUN(NULL, &err, "check", repo, "--config", "/nonexistent/cfg.yml"), 2);
	ck_assert_ptr_nonnull(strstr(err, "/nonexistent/cfg.yml: cannot read the configuration"));
	ck_assert_int_eq(lines(err), 1);
	g_free(err);
	g_free(repo);
}
END_TEST

/* An error that quotes the configuration stays one line, with nothing a
 * terminal or a CI runner acts on: in a GitHub Actions log a line of its
 * own could be a workflow command, and "##[" is one anywhere in a line. */
START_TEST(errors_quoting_the_repository_stay_on_one_line)
{
	char *repo = fixture_path("rules/healthy"), *dir = g_dir_make_tmp("isms-cli-XXXXXX", NULL);
	char *cfg = g_build_filename(dir, "cfg.yml", NULL), *err;

	ck_assert(g_file_set_contents(cfg,
	                              "mandatory_clauses: [\"5.2\\e[31m\\x9b\\u202e\\r\\n::error::"
	                              "pwned ##[stop-commands]t\"]\n",
	                              -1, NULL));
	ck_assert_int_eq(RUN(NULL, &err, "check", repo, "--config", cfg), 2);
	ck_assert_ptr_nonnull(strstr(err, ": '5.2?[31m????::error::pwned ##?stop-commands]t' is "
	                                  "not a clause number (such as '6.1.3 d')\n"));
	ck_assert_int_eq(lines(err), 1);
	g_free(err);
	g_unlink(cfg);
	g_rmdir(dir);
	g_free(cfg);
	g_free(dir);
	g_free(repo);
}
END_TEST

START_TEST(a_config_file_replaces_the_committed_one)
{
	char *repo = fixture_path("edge/bad-config");
	char *dir = g_dir_make_tmp("isms-cfg-XXXXXX", NULL);
	char *cfg = g_build_filename(dir, "cfg.yml", NULL);

	ck_assert(g_file_set_contents(cfg, "fail_on: never\n", -1, NULL));
	ck_assert_int_eq(RUN(NULL, NULL, "check", repo, "--as-of", "2026-01-15", "--config", cfg),
	                 0);
	unlink(cfg);
	rmdir(dir);
	g_free(cfg);
	g_free(dir);
	g_free(repo);
}
END_TEST

START_TEST(exit_3_on_repository_errors)
{
	char *repo = fixture_path("edge/empty"), *err;
	char *dir = g_dir_make_tmp("isms-norepo-XXXXXX", NULL);

	ck_assert_int_eq(RUN(NULL, &err, "check", repo), 3);
	ck_assert_ptr_nonnull(strstr(err, ": the repository has no commits\n"));
	ck_assert_int_eq(lines(err), 1);
	g_free(err);
	ck_assert_int_eq(RUN(NULL, &err, "check", dir), 3);
	ck_assert_ptr_nonnull(strstr(err, ": not inside a git repository\n"));
	g_free(err);
	ck_assert_int_eq(RUN(NULL, &err, "check", "/nonexistent/path"), 3);
	ck_assert_str_eq(err, "isms-audit: /nonexistent/path: no such directory\n");
	g_free(err);
	g_free(repo);
	repo = fixture_path("rules/stale-content");
	ck_assert_int_eq(RUN(NULL, &err, "check", repo, "--as-of", "2020-01-01"), 3);
	ck_assert_ptr_nonnull(strstr(err, ": no commit on the branch by 2020-01-01\n"));
	g_free(err);
	ck_assert_int_eq(RUN(NULL, &err, "check", repo, "--output", "/nonexistent/dir/out.txt"), 3);
	ck_assert_str_eq(err, "isms-audit: /nonexistent/dir/out.txt: cannot write the text report: "
	                      "No such file or directory\n");
	g_free(err);
	rmdir(dir);
	g_free(dir);
	g_free(repo);
}
END_TEST

START_TEST(shallow_clones_are_refused_unless_allowed)
{
	char *src = fixture_path("rules/review-overdue");
	char *dir = g_dir_make_tmp("isms-shallow-XXXXXX", NULL);
	char *clone = g_build_filename(dir, "clone", NULL);
	char *url = g_strconcat("file://", src, NULL);
	char *err, *out;
	json_t *root;

	run_or_fail((const char *const[]){"git", "clone", "-q", "--depth", "1", url, clone, NULL});
	ck_assert_int_eq(RUN(NULL, &err, "check", clone), 3);
	ck_assert_ptr_nonnull(strstr(err, "shallow clone"));
	ck_assert_ptr_nonnull(strstr(err, "git fetch --unshallow"));
	ck_assert_ptr_nonnull(strstr(err, "fetch-depth: 0"));
	ck_assert_int_eq(lines(err), 1);
	g_free(err);
	ck_assert_int_eq(RUN(&out, NULL, "check", clone, "--allow-shallow", "--as-of", "2026-01-15",
	                     "--format", "json", "--config", no_management()),
	                 1);
	root = json_loads(out, 0, NULL);
	ck_assert_ptr_nonnull(root);
	ck_assert(json_is_true(json_object_get(json_object_get(root, "repository"), "shallow")));
	json_t *f = json_array_get(json_object_get(root, "findings"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(f, "rule")), "DOC-REVIEW-OVERDUE");
	ck_assert(json_is_true(json_object_get(f, "unproven")));
	json_decref(root);
	g_free(out);
	run_or_fail((const char *const[]){"rm", "-rf", dir, NULL});
	g_free(url);
	g_free(clone);
	g_free(dir);
	g_free(src);
}
END_TEST

START_TEST(json_contract)
{
	char *repo = fixture_path("rules/review-overdue"), *out;
	json_t *root, *docs, *fnd, *v;
	json_error_t jerr;
	size_t i;

	ck_assert_int_eq(RUN(&out, NULL, "check", repo, "--as-of", "2026-01-15", "--format", "json",
	                     "--config", no_management()),
	                 1);
	root = json_loads(out, 0, &jerr);
	ck_assert_msg(root != NULL, "not JSON: %s", jerr.text);
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(root, "tool"), "name")),
	                 "isms-audit");
	v = json_object_get(root, "repository");
	ck_assert_str_eq(json_string_value(json_object_get(v, "as_of")), "2026-01-15");
	ck_assert_int_eq(json_string_length(json_object_get(v, "commit")), 40);
	ck_assert(json_is_false(json_object_get(v, "shallow")));
	ck_assert(json_is_string(json_object_get(v, "root")));
	v = json_object_get(root, "summary");
	ck_assert_int_eq(json_integer_value(json_object_get(v, "major")), 1);
	ck_assert_int_eq(json_integer_value(json_object_get(v, "minor")), 3);
	/* the one DOC-CHANGE-UNAPPROVED of a history without approval evidence */
	ck_assert_int_eq(json_integer_value(json_object_get(v, "observation")), 1);
	docs = json_object_get(root, "documents");
	ck_assert_int_eq(json_array_size(docs), 6);
	json_array_foreach(docs, i, v)
	{
		static const char *keys[] = {
		    "path",       "id",           "title",       "type",
		    "status",     "owner",        "version",     "last_reviewed",
		    "review_due", "first_commit", "last_change", "last_body_change",
		    "sources",    "approvals",    NULL};
		for (int k = 0; keys[k]; k++)
			ck_assert_msg(json_object_get(v, keys[k]) != NULL, "document lacks %s",
			              keys[k]);
		ck_assert_int_eq(json_object_size(v), 14);
		ck_assert(json_is_object(json_object_get(v, "sources")));
	}
	v = json_array_get(docs, 0);
	ck_assert_str_eq(json_string_value(json_object_get(v, "path")), "docs/current.md");
	ck_assert_str_eq(json_string_value(json_object_get(v, "review_due")), "2026-11-01");
	/* where each field was read, in the order of the fields */
	{
		char *sources = json_dumps(json_object_get(v, "sources"), JSON_PRESERVE_ORDER);
		ck_assert_str_eq(sources,
		                 "{\"owner\": \"front-matter:2\", \"version\": "
		                 "\"front-matter:3\", \"last_reviewed\": \"front-matter:4\", "
		                 "\"review_cycle\": \"front-matter:5\"}");
		free(sources);
	}
	v = json_array_get(docs, 1);
	ck_assert_str_eq(json_string_value(json_object_get(v, "status")), "draft");
	fnd = json_object_get(root, "findings");
	ck_assert_int_eq(json_array_size(fnd), 5);
	json_array_foreach(fnd, i, v)
	{
		static const char *keys[] = {"rule",    "clause",   "severity",    "path", "line",
		                             "message", "evidence", "fingerprint", NULL};
		for (int k = 0; keys[k]; k++)
			ck_assert_msg(json_object_get(v, keys[k]) != NULL, "finding lacks %s",
			              keys[k]);
		json_t *ev = json_array_get(json_object_get(v, "evidence"), 0);
		if (i == 4)
			break; /* REG-NOT-FOUND: below */
		ck_assert_int_eq(json_string_length(json_object_get(ev, "commit")), 40);
		ck_assert_int_eq(json_string_length(json_object_get(ev, "date")), 10);
	}
	v = json_array_get(fnd, 2);
	ck_assert_str_eq(json_string_value(json_object_get(v, "path")), "docs/overdue.md");
	ck_assert_int_eq(json_integer_value(json_object_get(v, "line")), 4);
	ck_assert_str_eq(json_string_value(json_object_get(v, "clause")), "7.5.2");
	v = json_array_get(fnd, 3);
	ck_assert_str_eq(json_string_value(json_object_get(v, "rule")), "DOC-CHANGE-UNAPPROVED");
	ck_assert(json_is_null(json_object_get(v, "path")));
	v = json_array_get(fnd, 4); /* repository-wide: no path, line or item */
	ck_assert_str_eq(json_string_value(json_object_get(v, "rule")), "REG-NOT-FOUND");
	ck_assert_str_eq(json_string_value(json_object_get(v, "severity")), "major");
	ck_assert(json_is_null(json_object_get(v, "path")));
	ck_assert(json_is_null(json_object_get(v, "item")));
	ck_assert_int_eq(json_array_size(json_object_get(v, "evidence")), 0);
	json_decref(root);
	g_free(out);
	g_free(repo);
}
END_TEST

START_TEST(any_folder_inside_the_work_tree_will_do)
{
	char *repo = fixture_path("rules/review-overdue");
	char *sub = g_build_filename(repo, "docs", NULL);
	char *a, *b;

	ck_assert_int_eq(RUN(&a, NULL, "check", repo, "--as-of", "2026-01-15"), 1);
	ck_assert_int_eq(RUN(&b, NULL, "check", sub, "--as-of", "2026-01-15"), 1);
	ck_assert_str_eq(a, b);
	g_free(a);
	g_free(b);
	g_free(sub);
	g_free(repo);
}
END_TEST

START_TEST(output_file_holds_the_report)
{
	char *repo = fixture_path("rules/healthy"), *out, *text = NULL;
	char *dir = g_dir_make_tmp("isms-out-XXXXXX", NULL);
	char *file = g_build_filename(dir, "report.json", NULL);

	ck_assert_int_eq(RUN(&out, NULL, "check", repo, "--as-of", "2026-01-15", "--format", "json",
	                     "--output", file),
	                 0);
	ck_assert_str_eq(out, "");
	ck_assert(g_file_get_contents(file, &text, NULL, NULL));
	json_t *root = json_loads(text, 0, NULL);
	ck_assert_ptr_nonnull(root);
	ck_assert_int_eq(json_array_size(json_object_get(root, "findings")), 1);
	json_decref(root);
	unlink(file);
	rmdir(dir);
	g_free(text);
	g_free(out);
	g_free(file);
	g_free(dir);
	g_free(repo);
}
END_TEST

START_TEST(help_version_rules_and_explain)
{
	char *out, *want;

	ck_assert_int_eq(RUN(&out, NULL, "--help"), 0);
	ck_assert_ptr_nonnull(strstr(out, "usage: isms-audit check [PATH] [options]"));
	g_free(out);
	ck_assert_int_eq(RUN(&out, NULL, "--version"), 0);
	want = version_output();
	ck_assert_str_eq(out, want);
	g_free(want);
	/* a SemVer (release, or build metadata after a tag), then the libraries */
	ck_assert_msg(
	    g_regex_match_simple("^isms-audit [0-9]+\\.[0-9]+\\.[0-9]+(\\+[0-9A-Za-z.]+)?\n"
	                         "with libgit2 [0-9]+\\.[0-9]+\\.[0-9]+, cmark-gfm "
	                         "[0-9]+\\.[0-9]+\\.[0-9]+\\.gfm\\.[0-9]+, libyaml "
	                         "[0-9]+\\.[0-9]+\\.[0-9]+\n$",
	                         out, 0, 0),
	    "--version printed '%s'", out);
	g_free(out);
	ck_assert_int_eq(RUN(&out, NULL, "rules"), 0);
	/* one line per rule (tests/check_finding.c counts them: 45, the 13
	 * RISK- and the 4 approval rules), the ids padded to the longest */
	ck_assert_int_eq(lines(out), 62);
	ck_assert_ptr_nonnull(strstr(out, "DOC-REVIEW-OVERDUE             7.5.2   minor"));
	g_free(out);
	ck_assert_int_eq(RUN(&out, NULL, "explain", "doc-stale-content"), 0);
	ck_assert_ptr_nonnull(
	    strstr(out, "DOC-STALE-CONTENT (clause 10.1, observation, from commit dates)"));
	g_free(out);
	ck_assert_int_eq(RUN(NULL, NULL, "explain", "NOPE"), 2);
}
END_TEST

/* The README's rule list is the rule table: same rules, clauses, grades. */
START_TEST(waived_findings_are_reported_apart_and_never_fail)
{
	char *repo = fixture_path("rules/healthy"), *out, *err;
	char *dir = g_dir_make_tmp("isms-waiver-XXXXXX", NULL);
	char *cfg = g_build_filename(dir, "waive.yml", NULL);
	json_t *root, *w;

	/* the healthy ISMS's one observation fails --fail-on observation... */
	ck_assert_int_eq(
	    RUN(NULL, NULL, "check", repo, "--as-of", "2026-01-15", "--fail-on", "observation"), 1);
	/* ...unless management accepted it */
	ck_assert(g_file_set_contents(cfg,
	                              "waivers:\n"
	                              "  - rule: ACT-REOPENED\n"
	                              "    item: NC-1\n"
	                              "    reason: recurrence under a new corrective action\n"
	                              "    approved_by: Dana Lead\n"
	                              "    expires: 2026-03-31\n",
	                              -1, NULL));
	ck_assert_int_eq(RUN(&out, NULL, "check", repo, "--as-of", "2026-01-15", "--fail-on",
	                     "observation", "--config", cfg),
	                 0);
	ck_assert_ptr_nonnull(strstr(out,
	                             "\nWaived findings (accepted risk, signed off; not counted)\n"
	                             "  observation ACT-REOPENED (clause 10.2 d)\n"));
	ck_assert_ptr_nonnull(strstr(out,
	                             "      waiver: approved by Dana Lead, expires 2026-03-31: "
	                             "recurrence under a new corrective action\n"));
	ck_assert_ptr_nonnull(strstr(out, "\nSummary: 0 major, 0 minor, 0 observation, 1 waived "
	                                  "(fail-on observation: pass)\n"));
	g_free(out);
	ck_assert_int_eq(RUN(&out, NULL, "check", repo, "--as-of", "2026-01-15", "--format", "json",
	                     "--config", cfg),
	                 0);
	root = json_loads(out, 0, NULL);
	ck_assert_ptr_nonnull(root);
	ck_assert_int_eq(
	    json_integer_value(json_object_get(json_object_get(root, "summary"), "waived")), 1);
	ck_assert_int_eq(json_array_size(json_object_get(root, "findings")), 0);
	w = json_array_get(json_object_get(root, "waived"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(w, "rule")), "ACT-REOPENED");
	ck_assert_str_eq(
	    json_string_value(json_object_get(json_object_get(w, "waiver"), "expires")),
	    "2026-03-31");
	ck_assert_int_eq(json_array_size(json_object_get(root, "coverage")), 14);
	json_decref(root);
	g_free(out);
	/* after its expiry it waives nothing and is itself a finding */
	ck_assert_int_eq(RUN(&out, NULL, "check", repo, "--as-of", "2026-04-01", "--format", "json",
	                     "--config", cfg),
	                 1);
	ck_assert_ptr_nonnull(strstr(out, "\"rule\": \"WAIVER-EXPIRED\""));
	ck_assert_ptr_nonnull(strstr(out, "\"rule\": \"ACT-REOPENED\""));
	g_free(out);
	/* an unapproved waiver is a configuration error naming the line */
	ck_assert(g_file_set_contents(cfg,
	                              "waivers:\n  - rule: ACT-REOPENED\n    item: NC-1\n"
	                              "    reason: later\n    expires: 2026-03-31\n",
	                              -1, NULL));
	ck_assert_int_eq(RUN(NULL, &err, "check", repo, "--config", cfg), 2);
	ck_assert_ptr_nonnull(strstr(err, "waive.yml:2: the waiver of ACT-REOPENED has no approver "
	                                  "('approved_by')\n"));
	g_free(err);
	g_unlink(cfg);
	g_rmdir(dir);
	g_free(cfg);
	g_free(dir);
	g_free(repo);
}
END_TEST

START_TEST(the_readme_lists_every_rule_as_the_table_says)
{
	char *path = g_build_filename(g_getenv("ISMS_SRCDIR") ? g_getenv("ISMS_SRCDIR") : ".",
	                              "README.md", NULL);
	char *text = NULL, **lines_ = NULL;
	guint listed = 0;

	ck_assert(g_file_get_contents(path, &text, NULL, NULL));
	lines_ = g_strsplit(text, "\n", -1);
	for (char **l = lines_; *l; l++) {
		char **cells;
		const isms_rule *r;
		if (!g_str_has_prefix(*l, "| `"))
			continue;
		cells = g_strsplit(*l, "|", -1);
		char *id = g_strstrip(g_strdelimit(cells[1], "`", ' '));
		if ((r = isms_rule_find(id)) != NULL) {
			const char *clause = g_strstrip(cells[2]), *sev = g_strstrip(cells[3]);
			if (strcmp(r->id, "MANDATORY-DOC-MISSING") != 0)
				ck_assert_msg(strcmp(clause, r->clause) == 0,
				              "%s: README clause %s", r->id, clause);
			ck_assert_msg(strcmp(sev, isms_severity_name(r->severity)) == 0,
			              "%s: README severity %s", r->id, sev);
			listed++;
		}
		g_strfreev(cells);
	}
	ck_assert_uint_eq(listed, isms_rules_count);
	g_strfreev(lines_);
	g_free(text);
	g_free(path);
}
END_TEST

START_TEST(the_audited_repository_is_left_untouched)
{
	char *repo = fixture_path("rules/bad-metadata"), *before = NULL, *after = NULL;
	const char *argv[] = {"git", "-C", repo, "status", "--porcelain", "--ignored", NULL};

	ck_assert(g_spawn_sync(NULL, (gchar **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &before,
	                       NULL, NULL, NULL));
	ck_assert_int_eq(RUN(NULL, NULL, "check", repo, "--as-of", "2026-01-15"), 1);
	ck_assert(g_spawn_sync(NULL, (gchar **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &after,
	                       NULL, NULL, NULL));
	ck_assert_str_eq(before, "");
	ck_assert_str_eq(after, "");
	g_free(before);
	g_free(after);
	g_free(repo);
}
END_TEST

/* Colour on a terminal only, and never with NO_COLOR: the program runs
 * under script(1), which gives it a pseudo-terminal. */
static char *run_on_terminal(const char *no_color)
{
	const char *prog = getenv("ISMS_AUDIT");
	char *repo = fixture_path("rules/review-overdue");
	char *cmd = g_strdup_printf("'%s' check '%s' --as-of 2026-01-15",
	                            prog ? prog : "build/isms-audit", repo);
	const char *argv[] = {"script", "-qec", cmd, "/dev/null", NULL};
	gchar **envp = g_environ_setenv(g_get_environ(), "TERM", "xterm", TRUE);
	char *out = NULL;

	envp = no_color ? g_environ_setenv(envp, "NO_COLOR", no_color, TRUE)
	                : g_environ_unsetenv(envp, "NO_COLOR");
	ck_assert(g_spawn_sync(NULL, (gchar **)argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
	                       NULL, NULL, NULL));
	g_strfreev(envp);
	g_free(cmd);
	g_free(repo);
	return out;
}

START_TEST(colour_only_on_a_terminal_without_no_color)
{
	char *out = run_on_terminal(NULL);

	ck_assert_ptr_nonnull(strstr(out, "\033[33mminor\033[0m DOC-REVIEW-OVERDUE"));
	g_free(out);
	out = run_on_terminal("1");
	ck_assert_ptr_nonnull(strstr(out, "minor DOC-REVIEW-OVERDUE"));
	ck_assert_ptr_null(strchr(out, '\033'));
	g_free(out);
}
END_TEST

/* --color and FORCE_COLOR off a terminal (run_cli's standard output is a
 * pipe); NO_COLOR wins over FORCE_COLOR, --color over both. */
START_TEST(colour_modes_off_a_terminal)
{
	char *repo = fixture_path("rules/review-overdue"), *out = NULL, *err = NULL;
	static const char coloured[] = "\033[33mminor\033[0m DOC-REVIEW-OVERDUE";
	static const struct {
		const char *env[3];
		const char *mode;
		int colour;
	} cases[] = {
	    {{NULL}, NULL, 0},
	    {{"FORCE_COLOR=1", NULL}, NULL, 1},
	    {{"FORCE_COLOR=0", NULL}, NULL, 0},
	    {{"FORCE_COLOR=1", "NO_COLOR=1", NULL}, NULL, 0},
	    {{NULL}, "always", 1},
	    {{"NO_COLOR=1", NULL}, "always", 1},
	    {{"FORCE_COLOR=1", NULL}, "never", 0},
	    {{"FORCE_COLOR=1", NULL}, "auto", 1},
	};

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		const char *argv[] = {"check",   repo,          "--as-of", "2026-01-15",
		                      "--color", cases[i].mode, NULL};
		if (!cases[i].mode)
			argv[4] = NULL;
		run_cli(argv, cases[i].env, &out, NULL);
		ck_assert_msg((strstr(out, coloured) != NULL) == cases[i].colour,
		              "case %zu: colour %s expected", i, cases[i].colour ? "" : "not");
		g_free(out);
	}
	/* a report to a file is never coloured */
	ck_assert_int_eq(RUN(&out, &err, "check", repo, "--color", "sometimes"), 2);
	ck_assert_str_eq(err, "isms-audit: --color: 'sometimes' is not auto, always or never\n"
	                      "Try 'isms-audit --help'.\n");
	g_free(out);
	g_free(err);
	ck_assert_int_eq(RUN(&out, &err, "check", repo, "--color", "alwyas"), 2);
	ck_assert_str_eq(err, "isms-audit: --color: 'alwyas' is not auto, always or never: did "
	                      "you mean 'always'?\nTry 'isms-audit --help'.\n");
	g_free(out);
	g_free(err);
	g_free(repo);
}
END_TEST

/* A mistyped option, command, format, rule or configuration key is named
 * with the word it most likely meant; a word close to none gets none. */
START_TEST(mistyped_words_get_a_suggestion)
{
	char *repo = fixture_path("rules/healthy"), *out = NULL, *err = NULL;
	char *dir = g_dir_make_tmp("isms-cli-XXXXXX", NULL);
	char *cfg = g_build_filename(dir, "typo.yml", NULL), *want;
	static const struct {
		const char *argv[6];
		const char *err;
	} cases[] = {
	    {{"chek", NULL},
	     "unknown command 'chek': did you mean 'check'? (check, trend, rules, "
	     "explain, config or init)"},
	    {{"check", "--as-off", "2026-01-01", NULL},
	     "unknown option '--as-off' for check: did you mean '--as-of'?"},
	    {{"check", "--bsae=main", NULL},
	     "unknown option '--bsae' for check: did you mean '--base'?"},
	    {{"trend", "--evry", "month", NULL},
	     "unknown option '--evry' for trend: did you mean '--every'?"},
	    {{"check", "--format", "sarf", NULL},
	     "--format: unknown format 'sarf': did you mean 'sarif'? (text, json, sarif, junit, "
	     "codeclimate, github, markdown, html)"},
	    {{"explain", "DOC-REVIEW-OVERDU", NULL},
	     "unknown rule 'DOC-REVIEW-OVERDU': did you mean 'DOC-REVIEW-OVERDUE'? (see "
	     "'isms-audit rules')"},
	    {{"config", "--explain", "exlude", NULL},
	     "unknown configuration key 'exlude': did you mean 'exclude'? (see 'isms-audit "
	     "config --explain')"},
	    /* nothing close: no guess */
	    {{"check", "--frobnicate", NULL}, "unknown option '--frobnicate' for check"},
	    {{"explain", "XYZ", NULL}, "unknown rule 'XYZ' (see 'isms-audit rules')"},
	};

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		ck_assert_int_eq(run_cli(cases[i].argv, NULL, &out, &err), 2);
		ck_assert_msg(g_str_has_prefix(err, "isms-audit: ") &&
		                  strncmp(err + 12, cases[i].err, strlen(cases[i].err)) == 0 &&
		                  err[12 + strlen(cases[i].err)] == '\n',
		              "case %zu: got '%s'", i, err);
		g_free(out);
		g_free(err);
	}
	ck_assert(
	    g_file_set_contents(cfg, "exclude: [x]\nrules: {DOC-STALE-CONTNT: off}\n", -1, NULL));
	ck_assert_int_eq(RUN(&out, &err, "check", repo, "--config", cfg), 2);
	want = g_strdup_printf("isms-audit: %s:2: unknown rule 'DOC-STALE-CONTNT': did you mean "
	                       "'DOC-STALE-CONTENT'? (see 'isms-audit rules')\n",
	                       cfg);
	ck_assert_str_eq(err, want);
	g_free(want);
	g_free(out);
	g_free(err);
	ck_assert(g_file_set_contents(cfg, "exlude: [x]\n", -1, NULL));
	ck_assert_int_eq(RUN(&out, &err, "check", repo, "--config", cfg), 2);
	want = g_strdup_printf("isms-audit: %s:1: unknown key 'exlude': did you mean 'exclude'?\n",
	                       cfg);
	ck_assert_str_eq(err, want);
	g_free(want);
	g_free(out);
	g_free(err);
	unlink(cfg);
	rmdir(dir);
	g_free(cfg);
	g_free(dir);
	g_free(repo);
}
END_TEST

START_TEST(json_registers_contract)
{
	char *repo = fixture_path("rules/register-history"), *out;
	json_t *root, *items, *it, *tr;

	RUN(&out, NULL, "check", repo, "--as-of", "2025-06-15", "--format", "json");
	root = json_loads(out, 0, NULL);
	ck_assert_ptr_nonnull(root);
	ck_assert_int_eq(json_array_size(json_object_get(root, "registers")), 2);
	ck_assert_str_eq(json_string_value(json_object_get(
	                     json_array_get(json_object_get(root, "registers"), 0), "path")),
	                 "archive.md");
	ck_assert_str_eq(json_string_value(json_object_get(
	                     json_array_get(json_object_get(root, "registers"), 1), "path")),
	                 "register.md");
	items = json_object_get(json_array_get(json_object_get(root, "registers"), 1), "items");
	ck_assert_int_eq(json_array_size(items), 5); /* NC-1, NC-2, NC-4, NC-5, NC-3 */
	it = json_array_get(items, 1);
	ck_assert_str_eq(json_string_value(json_object_get(it, "id")), "NC-2");
	ck_assert_int_eq(json_integer_value(json_object_get(it, "row_line")), 11);
	ck_assert_str_eq(json_string_value(json_object_get(it, "status")), "Open");
	ck_assert_str_eq(json_string_value(json_object_get(it, "state")), "open");
	ck_assert_str_eq(json_string_value(json_object_get(it, "raised")), "2025-01-10");
	ck_assert_str_eq(json_string_value(json_object_get(it, "due")), "2025-05-01");
	ck_assert(json_is_null(json_object_get(it, "closed")));
	ck_assert_str_eq(json_string_value(json_object_get(it, "owner")), "Bob");
	ck_assert_str_eq(
	    json_string_value(json_object_get(json_object_get(it, "first_seen"), "date")),
	    "2025-01-10");
	ck_assert_str_eq(
	    json_string_value(json_object_get(json_object_get(it, "closed_seen"), "date")),
	    "2025-02-15");
	ck_assert(json_is_null(json_object_get(it, "removed")));
	ck_assert_int_eq(json_integer_value(json_object_get(it, "due_changes")), 1);
	tr = json_object_get(it, "transitions");
	ck_assert_int_eq(json_array_size(tr), 3);
	ck_assert(json_is_null(json_object_get(json_array_get(tr, 0), "from")));
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(tr, 2), "from")),
	                 "closed");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(tr, 2), "to")), "open");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(tr, 2), "date")),
	                 "2025-04-10");
	it = json_array_get(items, 4);
	ck_assert_str_eq(json_string_value(json_object_get(it, "id")), "NC-3");
	ck_assert(json_is_null(json_object_get(it, "row_line")));
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(it, "removed"), "date")),
	                 "2025-05-01");
	json_decref(root);
	g_free(out);
	g_free(repo);
}
END_TEST

/* One history walk feeds every report: --format FORMAT:FILE, or --output
 * after its --format; at most one report on standard output. */
START_TEST(several_reports_from_one_run)
{
	char *repo = fixture_path("rules/healthy"),
	     *dir = g_dir_make_tmp("isms-multi-XXXXXX", NULL);
	char *json_path = g_build_filename(dir, "r.json", NULL);
	char *text_path = g_build_filename(dir, "r.txt", NULL);
	char *spec = g_strconcat("json:", json_path, NULL), *out = NULL, *err = NULL, *text = NULL;
	json_t *root;

	ck_assert_int_eq(RUN(&out, &err, "check", repo, "--as-of", "2026-01-15", "--format", "text",
	                     "--format", spec),
	                 0);
	ck_assert_ptr_nonnull(strstr(out, "Summary: 0 major, 0 minor, 1 observation"));
	ck_assert_str_eq(err, "");
	root = json_load_file(json_path, 0, NULL);
	ck_assert_ptr_nonnull(root);
	ck_assert_int_eq(
	    json_integer_value(json_object_get(json_object_get(root, "summary"), "observation")),
	    1);
	json_decref(root);
	g_free(out);
	g_free(err);
	unlink(json_path);
	/* --output binds to the --format before it */
	ck_assert_int_eq(RUN(&out, NULL, "check", repo, "--as-of", "2026-01-15", "--format", "json",
	                     "--output", json_path, "--format", "text", "--output", text_path),
	                 0);
	ck_assert_str_eq(out, "");
	ck_assert(g_file_get_contents(text_path, &text, NULL, NULL));
	ck_assert_ptr_nonnull(strstr(text, "Summary: 0 major, 0 minor, 1 observation"));
	ck_assert_ptr_nonnull(root = json_load_file(json_path, 0, NULL));
	json_decref(root);
	g_free(text);
	g_free(out);

	ck_assert_int_eq(RUN(NULL, &err, "check", repo, "--format", "json", "--format", "text"), 2);
	ck_assert_str_eq(err, "isms-audit: only one report can go to standard output; give "
	                      "'--format text' a file (--format FORMAT:FILE)\n"
	                      "Try 'isms-audit --help'.\n");
	g_free(err);
	ck_assert_int_eq(RUN(NULL, &err, "check", repo, "--format", spec, "--format", "text",
	                     "--output", json_path),
	                 2);
	ck_assert_ptr_nonnull(strstr(err, "two reports would write the same file '"));
	g_free(err);
	ck_assert_int_eq(RUN(NULL, &err, "check", repo, "--format", "json:"), 2);
	ck_assert_ptr_nonnull(strstr(err, "--format: 'json:' names no file after ':'"));
	g_free(err);
	ck_assert_int_eq(RUN(NULL, &err, "check", repo, "--format", spec, "--output", text_path),
	                 2);
	ck_assert_ptr_nonnull(strstr(err, "--output: the report before it already has a file"));
	g_free(err);
	ck_assert_int_eq(RUN(NULL, &err, "check", repo, "--output", text_path, "--format", "json",
	                     "--format", "text"),
	                 2);
	ck_assert_ptr_nonnull(strstr(err, "with several --format, give each its file"));
	g_free(err);
	ck_assert_int_eq(RUN(NULL, &err, "check", repo, "--format", "xml:out.xml"), 2);
	ck_assert_ptr_nonnull(strstr(err, "--format: unknown format 'xml' (text, json"));
	g_free(err);
	unlink(json_path);
	unlink(text_path);
	rmdir(dir);
	g_free(spec);
	g_free(json_path);
	g_free(text_path);
	g_free(dir);
	g_free(repo);
}
END_TEST

/* Run `isms-audit ARGS...` and expect the usage error `msg`: exit 2, the
 * message and the hint on standard error, nothing on standard output. */
#define EXPECT_USAGE(msg, ...) expect_usage((const char *const[]){__VA_ARGS__, NULL}, msg)

static void expect_usage(const char *const *argv, const char *msg)
{
	char *out, *err, *want = g_strdup_printf("isms-audit: %s\nTry 'isms-audit --help'.\n", msg);

	ck_assert_int_eq(run_cli(argv, NULL, &out, &err), 2);
	ck_assert_str_eq(out, "");
	ck_assert_str_eq(err, want);
	g_free(want);
	g_free(out);
	g_free(err);
}

/* check and trend share one option table: an option only one of them
 * takes is unknown to the other, and getopt's abbreviations and errors
 * are the same for the rows both take. */
START_TEST(check_and_trend_take_their_own_options)
{
	char *repo = fixture_path("rules/healthy"), *out;

	EXPECT_USAGE("unknown option '--since' for check", "check", repo, "--since", "2025-01-01");
	EXPECT_USAGE("unknown option '--every' for check", "check", repo, "--every", "month");
	EXPECT_USAGE("unknown option '--fail-on' for trend", "trend", repo, "--fail-on", "major");
	EXPECT_USAGE("unknown option '--base' for trend", "trend", repo, "--base", "HEAD");
	EXPECT_USAGE("unknown option '--trend-since' for trend", "trend", repo, "--trend-since",
	             "none");
	EXPECT_USAGE("--format: unknown trend format 'sarif' (text, csv, json or html)", "trend",
	             repo, "--since", "2025-01-01", "--format", "sarif");
	EXPECT_USAGE("option '--allow-shallow' of check takes no value", "check",
	             "--allow-shallow=yes");
	EXPECT_USAGE("option '--allow-shallow' of trend takes no value", "trend",
	             "--allow-shallow=yes");
	EXPECT_USAGE("option '--as-of' of trend needs a value", "trend", repo, "--as-of");
	EXPECT_USAGE("--as-of: '2026-1-1' is not a date (YYYY-MM-DD)", "trend", repo, "--as-of",
	             "2026-1-1");
	/* --trend-since and --trend-every: too short to tell apart */
	EXPECT_USAGE("unknown option '--trend' for check", "check", repo, "--trend", "none");
	EXPECT_USAGE("unexpected argument 'extra' (trend takes one PATH: the repository, or a "
	             "folder in it)",
	             "trend", repo, "extra", "--since", "2025-01-01");
	EXPECT_USAGE("trend needs --since DATE, the first day of the trend (as --since 2026-01-01)",
	             "trend", repo);
	/* an unambiguous abbreviation is the option */
	ck_assert_int_eq(RUN(&out, NULL, "trend", repo, "--si", "2025-12-01", "--as-of",
	                     "2026-01-15", "--f", "csv"),
	                 0);
	ck_assert_ptr_nonnull(strstr(out, "\n2025-12,2025-12-01,2025-12-31,"));
	ck_assert_ptr_nonnull(strstr(out, "\n2026-01,2026-01-01,2026-01-15,"));
	ck_assert_int_eq(lines(out), 3);
	g_free(out);
	g_free(repo);
}
END_TEST

/* The format table's needs_trend: check computes the trend for the html
 * report (its chart), unless told --trend-since none. */
START_TEST(the_html_report_gets_its_trend_unless_none)
{
	char *repo = fixture_path("rules/healthy"), *out;

	ck_assert_int_eq(
	    RUN(&out, NULL, "check", repo, "--as-of", "2026-01-15", "--format", "html"), 0);
	ck_assert_ptr_nonnull(strstr(out, "id=\"chart-trend\""));
	ck_assert_ptr_null(strstr(out, "id=\"no-trend\""));
	g_free(out);
	ck_assert_int_eq(RUN(&out, NULL, "check", repo, "--as-of", "2026-01-15", "--format", "html",
	                     "--trend-since", "none"),
	                 0);
	ck_assert_ptr_null(strstr(out, "id=\"chart-trend\""));
	ck_assert_ptr_nonnull(strstr(out, "id=\"no-trend\""));
	g_free(out);
	g_free(repo);
}
END_TEST

/* The command table: every spelling of help prints the same text, which
 * lists the commands from the rows; a word no row has is an error. */
START_TEST(commands_come_from_one_table)
{
	const char *const *spellings[] = {
	    (const char *const[]){"-h", NULL},
	    (const char *const[]){"help", "x", NULL},
	    (const char *const[]){"rules", "--help", NULL},
	    (const char *const[]){"explain", "--help", NULL},
	    (const char *const[]){"check", "-h", NULL},
	    (const char *const[]){"trend", "--help", NULL},
	    (const char *const[]){"config", "--help", NULL},
	    (const char *const[]){"init", "--help", NULL},
	};
	char *help, *out, *err;

	ck_assert_int_eq(RUN(&help, &err, "--help"), 0);
	ck_assert_str_eq(err, "");
	g_free(err);
	ck_assert_ptr_nonnull(strstr(
	    help, "\ncommands:\n"
	          "  check              audit the repository and write reports\n"
	          "  trend              the audit as of the end of each month or quarter\n"
	          "  rules              list the rules: id, clause, severity, what each finds\n"
	          "  explain RULE       what a rule checks and how to fix its findings\n"
	          "  config             describe the configuration file .isms-audit.yml\n"
	          "  init               write a starter .isms-audit.yml fitted to the "
	          "repository\n"
	          "\n"
	          "options of check:\n"));
	for (size_t i = 0; i < G_N_ELEMENTS(spellings); i++) {
		ck_assert_int_eq(run_cli(spellings[i], NULL, &out, NULL), 0);
		ck_assert_msg(strcmp(out, help) == 0, "'%s %s' is not --help", spellings[i][0],
		              spellings[i][1] ? spellings[i][1] : "");
		g_free(out);
	}
	g_free(help);
	ck_assert_int_eq(RUN(&out, NULL, "version"), 0);
	help = version_output();
	ck_assert_str_eq(out, help);
	g_free(help);
	g_free(out);
	expect_usage((const char *const[]){NULL},
	             "missing command: check, trend, rules, explain, config or init (to audit the "
	             "repository here: 'isms-audit check')");
	EXPECT_USAGE("unknown command 'frobnicate' (check, trend, rules, explain, config or init)",
	             "frobnicate");
	EXPECT_USAGE(
	    "unknown command 'Check': did you mean 'check'? (check, trend, rules, explain, "
	    "config or init)",
	    "Check");
	EXPECT_USAGE("option '--as-of' before any command: give the command first, as "
	             "'isms-audit check --as-of 2026-01-01'",
	             "--as-of", "2026-01-01");
	EXPECT_USAGE("unexpected argument 'x' (rules takes none)", "rules", "x");
	EXPECT_USAGE("explain takes one rule id, as 'isms-audit explain DOC-REVIEW-OVERDUE' (the "
	             "ids: 'isms-audit rules')",
	             "explain");
}
END_TEST

Suite *cli_suite(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("cli");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, exit_0_when_nothing_reaches_the_fail_on_level);
	tcase_add_test(tc, exit_1_on_findings_and_fail_on_levels);
	tcase_add_test(tc, exit_2_on_usage_and_configuration_errors);
	tcase_add_test(tc, a_config_file_replaces_the_committed_one);
	tcase_add_test(tc, errors_quoting_the_repository_stay_on_one_line);
	tcase_add_test(tc, exit_3_on_repository_errors);
	tcase_add_test(tc, shallow_clones_are_refused_unless_allowed);
	tcase_add_test(tc, json_contract);
	tcase_add_test(tc, json_registers_contract);
	tcase_add_test(tc, any_folder_inside_the_work_tree_will_do);
	tcase_add_test(tc, output_file_holds_the_report);
	tcase_add_test(tc, several_reports_from_one_run);
	tcase_add_test(tc, help_version_rules_and_explain);
	tcase_add_test(tc, the_readme_lists_every_rule_as_the_table_says);
	tcase_add_test(tc, waived_findings_are_reported_apart_and_never_fail);
	tcase_add_test(tc, the_audited_repository_is_left_untouched);
	tcase_add_test(tc, colour_only_on_a_terminal_without_no_color);
	tcase_add_test(tc, colour_modes_off_a_terminal);
	tcase_add_test(tc, mistyped_words_get_a_suggestion);
	tcase_add_test(tc, check_and_trend_take_their_own_options);
	tcase_add_test(tc, the_html_report_gets_its_trend_unless_none);
	tcase_add_test(tc, commands_come_from_one_table);
	suite_add_tcase(s, tc);
	return s;
}
