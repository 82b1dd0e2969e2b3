/* The GitLab CI template (ci/isms-audit.gitlab-ci.yml): its jobs as GitLab
 * reads them, and its script run as a GitLab runner runs it (the lines of
 * `script` in one bash with errexit and pipefail, in the project's
 * checkout, with the template's variables and GitLab's predefined ones),
 * the program from this build on PATH in place of the release package the
 * `before_script` installs. */
#include <string.h>
#include <yaml.h>

#include "testutil.h"

/* The node at a path of mapping keys ("a/b/c") of a document, or NULL. */
static yaml_node_t *node_at(yaml_document_t *doc, const char *path)
{
	yaml_node_t *n = yaml_document_get_root_node(doc);
	char **keys = g_strsplit(path, "/", -1);

	for (char **k = keys; n && *k; k++) {
		yaml_node_t *next = NULL;
		if (n->type == YAML_MAPPING_NODE)
			for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
			     p < n->data.mapping.pairs.top; p++) {
				yaml_node_t *key = yaml_document_get_node(doc, p->key);
				if (key->type == YAML_SCALAR_NODE &&
				    strcmp((const char *)key->data.scalar.value, *k) == 0)
					next = yaml_document_get_node(doc, p->value);
			}
		n = next;
	}
	g_strfreev(keys);
	return n;
}

static const char *scalar_at(yaml_document_t *doc, const char *path)
{
	yaml_node_t *n = node_at(doc, path);

	ck_assert_msg(n && n->type == YAML_SCALAR_NODE, "no scalar at %s", path);
	return (const char *)n->data.scalar.value;
}

/* The scalars of a sequence, joined by newlines. Caller frees. */
static char *lines_at(yaml_document_t *doc, const char *path)
{
	yaml_node_t *n = node_at(doc, path);
	GString *s = g_string_new(NULL);

	ck_assert_msg(n && n->type == YAML_SEQUENCE_NODE, "no sequence at %s", path);
	for (yaml_node_item_t *i = n->data.sequence.items.start; i < n->data.sequence.items.top;
	     i++) {
		yaml_node_t *item = yaml_document_get_node(doc, *i);
		if (item->type == YAML_SCALAR_NODE)
			g_string_append_printf(s, "%s\n", (const char *)item->data.scalar.value);
		else
			g_string_append(s, "(not a scalar)\n");
	}
	return g_string_free(s, FALSE);
}

static void load_template(yaml_document_t *doc)
{
	const char *src = getenv("ISMS_SRCDIR");
	char *path = g_build_filename(src ? src : ".", "ci", "isms-audit.gitlab-ci.yml", NULL);
	char *text = NULL;
	gsize len = 0;
	yaml_parser_t parser;

	ck_assert(g_file_get_contents(path, &text, &len, NULL));
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	ck_assert_msg(yaml_parser_load(&parser, doc) == 1, "%s: %s", path, parser.problem);
	yaml_parser_delete(&parser);
	g_free(text);
	g_free(path);
}

START_TEST(the_template_declares_its_jobs_and_reports)
{
	yaml_document_t doc;
	char *rules;

	load_template(&doc);
	ck_assert_str_eq(scalar_at(&doc, "isms-audit/extends"), ".isms-audit");
	ck_assert_str_eq(scalar_at(&doc, ".isms-audit/artifacts/reports/codequality"),
	                 "gl-code-quality.json");
	ck_assert_str_eq(scalar_at(&doc, ".isms-audit/artifacts/reports/junit"), "isms-junit.xml");
	ck_assert_str_eq(scalar_at(&doc, ".isms-audit/artifacts/when"), "always");
	/* the whole history: commit dates are the evidence */
	ck_assert_str_eq(scalar_at(&doc, ".isms-audit/variables/GIT_DEPTH"), "0");
	ck_assert_str_eq(scalar_at(&doc, "variables/ISMS_AUDIT_FAIL_ON"), "minor");
	rules = NULL;
	{
		yaml_node_t *n = node_at(&doc, "isms-audit/rules");
		GString *s = g_string_new(NULL);
		ck_assert(n && n->type == YAML_SEQUENCE_NODE);
		for (yaml_node_item_t *i = n->data.sequence.items.start;
		     i < n->data.sequence.items.top; i++) {
			yaml_node_t *rule = yaml_document_get_node(&doc, *i);
			for (yaml_node_pair_t *p = rule->data.mapping.pairs.start;
			     p < rule->data.mapping.pairs.top; p++)
				g_string_append_printf(
				    s, "%s\n",
				    (const char *)yaml_document_get_node(&doc, p->value)
				        ->data.scalar.value);
		}
		rules = g_string_free(s, FALSE);
	}
	ck_assert_str_eq(rules, "$CI_PIPELINE_SOURCE == \"merge_request_event\"\n"
	                        "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH\n");
	g_free(rules);
	yaml_document_delete(&doc);
}
END_TEST

typedef struct {
	int status; /* the job's exit status */
	char *log;  /* its output */
	char *code_quality, *junit;
} job_run;

/* Run the template's script in a clone of `fixture` as a merge request
 * against `base` (NULL: a pipeline of the default branch). */
static void run_job(const char *fixture, const char *base, job_run *out)
{
	yaml_document_t doc;
	char *dir = g_dir_make_tmp("isms-gitlab-XXXXXX", NULL);
	char *repo = fixture_path(fixture), *project = g_build_filename(dir, "project", NULL);
	char *script, *full, *bin = g_path_get_dirname(getenv("ISMS_AUDIT"));
	char *path_var, *sha = NULL, *cq, *ju, *absbin;
	char **env;
	GError *error = NULL;

	load_template(&doc);
	run_or_fail((const char *const[]){"git", "clone", "-q", "--no-local", repo, project, NULL});
	if (base)
		sha = output_or_fail(
		    (const char *const[]){"git", "-C", project, "rev-parse", base, NULL});
	script = lines_at(&doc, ".isms-audit/script");
	full = g_strconcat("set -eo pipefail\n", script, NULL);
	absbin = g_canonicalize_filename(bin, NULL);
	path_var = g_strconcat(absbin, ":", g_getenv("PATH"), NULL);
	env = g_get_environ();
	env = g_environ_setenv(env, "PATH", path_var, TRUE);
	env = g_environ_setenv(env, "NO_COLOR", "1", TRUE);
	env = g_environ_setenv(env, "CI", "true", TRUE);
	env = g_environ_setenv(env, "GITLAB_CI", "true", TRUE);
	env = g_environ_setenv(env, "CI_PROJECT_DIR", project, TRUE);
	env = g_environ_setenv(env, "CI_DEFAULT_BRANCH", "main", TRUE);
	/* the template's variables, as GitLab sets them */
	env = g_environ_setenv(env, "ISMS_AUDIT_PATH", scalar_at(&doc, "variables/ISMS_AUDIT_PATH"),
	                       TRUE);
	env = g_environ_setenv(env, "ISMS_AUDIT_FAIL_ON",
	                       scalar_at(&doc, "variables/ISMS_AUDIT_FAIL_ON"), TRUE);
	env = g_environ_setenv(env, "ISMS_AUDIT_CONFIG",
	                       scalar_at(&doc, "variables/ISMS_AUDIT_CONFIG"), TRUE);
	if (sha) {
		g_strchomp(sha);
		env = g_environ_setenv(env, "CI_PIPELINE_SOURCE", "merge_request_event", TRUE);
		env = g_environ_setenv(env, "CI_MERGE_REQUEST_DIFF_BASE_SHA", sha, TRUE);
	} else {
		env = g_environ_setenv(env, "CI_PIPELINE_SOURCE", "push", TRUE);
		env = g_environ_unsetenv(env, "CI_MERGE_REQUEST_DIFF_BASE_SHA");
	}
	ck_assert_msg(g_spawn_sync(project, (char *[]){"bash", "-c", full, NULL}, env,
	                           G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
	                           &out->log, NULL, &out->status, &error),
	              "bash: %s", error ? error->message : "");
	out->status = WIFEXITED(out->status) ? WEXITSTATUS(out->status) : -1;
	cq = g_build_filename(project, "gl-code-quality.json", NULL);
	ju = g_build_filename(project, "isms-junit.xml", NULL);
	out->code_quality = NULL;
	out->junit = NULL;
	g_file_get_contents(cq, &out->code_quality, NULL, NULL);
	g_file_get_contents(ju, &out->junit, NULL, NULL);
	run_or_fail((const char *const[]){"rm", "-rf", dir, NULL});
	g_free(cq);
	g_free(ju);
	g_strfreev(env);
	g_free(path_var);
	g_free(absbin);
	g_free(full);
	g_free(script);
	g_free(sha);
	g_free(bin);
	g_free(project);
	g_free(repo);
	g_free(dir);
	yaml_document_delete(&doc);
}

static void job_done(job_run *r)
{
	g_free(r->log);
	g_free(r->code_quality);
	g_free(r->junit);
}

/* The check names of a Code Quality report, one a line, in order. */
static char *check_names(const char *report)
{
	json_t *root = json_loads(report, 0, NULL);
	GString *s = g_string_new(NULL);
	size_t i;
	json_t *issue;

	ck_assert_ptr_nonnull(root);
	json_array_foreach(root, i, issue) g_string_append_printf(
	    s, "%s\n", json_string_value(json_object_get(issue, "check_name")));
	json_decref(root);
	return g_string_free(s, FALSE);
}

START_TEST(a_merge_request_reports_what_it_introduces)
{
	job_run r;
	char *names;

	/* the merge request's base: main before the branch was merged */
	run_job("rules/pull-request", "HEAD^1", &r);
	ck_assert_msg(r.status == 1, "exit %d\n%s", r.status, r.log);
	ck_assert_ptr_nonnull(strstr(r.log, "\nChange:     only what the change introduces since "
	                                    "commit "));
	ck_assert_ptr_nonnull(r.code_quality);
	ck_assert_ptr_nonnull(r.junit);
	names = check_names(r.code_quality);
	/* what the branch did, never what main already had */
	ck_assert_ptr_nonnull(strstr(names, "ACT-REMOVED\n"));
	ck_assert_ptr_nonnull(strstr(names, "DOC-NO-METADATA\n"));
	ck_assert_ptr_null(strstr(names, "DOC-MISSING-FIELD\n"));
	expect_valid_junit(r.junit);
	g_free(names);
	job_done(&r);
}
END_TEST

START_TEST(the_default_branch_reports_everything)
{
	job_run r;
	char *names;

	run_job("rules/pull-request", NULL, &r);
	ck_assert_msg(r.status == 1, "exit %d\n%s", r.status, r.log);
	ck_assert_ptr_null(strstr(r.log, "\nChange: "));
	names = check_names(r.code_quality);
	ck_assert_ptr_nonnull(strstr(names, "DOC-MISSING-FIELD\n"));
	ck_assert_ptr_nonnull(strstr(names, "ACT-REMOVED\n"));
	expect_valid_junit(r.junit);
	g_free(names);
	job_done(&r);
}
END_TEST

Suite *gitlab_suite(void)
{
	Suite *s = suite_create("gitlab");
	TCase *tc = tcase_create("template");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, the_template_declares_its_jobs_and_reports);
	tcase_add_test(tc, a_merge_request_reports_what_it_introduces);
	tcase_add_test(tc, the_default_branch_reports_everything);
	suite_add_tcase(s, tc);
	return s;
}
