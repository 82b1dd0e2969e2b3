/* realpath() is XSI */
#define _XOPEN_SOURCE 700

/* The GitHub Action (action.yml): its steps run as the runner runs them
 * (tests/action_runner.c) on clones of fixture repositories, with fake
 * events from tests/action/. */
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "action_runner.h"
#include "testutil.h"

/* The base commit of fixtures/action/pr-removes-item (branch main), as
 * tests/action/pull_request.json names it. */
#define PR_BASE "bd00c291ff8877f90eb5ef3f387e3f30d27e4229"

static const char *srcdir(void)
{
	const char *s = getenv("ISMS_SRCDIR");
	return s ? s : ".";
}

static char *src_path(const char *rel)
{
	return g_canonicalize_filename(rel, srcdir());
}

static action_def *load_action(void)
{
	char *path = src_path("action.yml");
	action_def *a = action_load(path);

	g_free(path);
	return a;
}

/* ---- scenarios ---------------------------------------------------------- */

typedef struct {
	const char *fixture;     /* under $ISMS_FIXTURES */
	const char *branch;      /* the branch checked out; NULL: the default */
	gboolean shallow;        /* git clone --depth 1 */
	const char *event;       /* push or pull_request: tests/action/EVENT.json */
	const char *const *with; /* the inputs given, "name=value" */
	/* after the checkout, before the steps: changes to the workspace
	 * (NULL: none); `root` is the run's scratch folder */
	void (*prepare)(const char *workspace, const char *root);
} scenario;

typedef struct {
	char *root; /* everything of the run, removed by scenario_done() */
	char *workspace, *runner_temp;
	action_result r;
	char *annotations;
} scenario_run;

/* The workspace: a clone of the fixture, as actions/checkout leaves it. */
static void clone_fixture(const scenario *sc, const char *workspace)
{
	char *src = fixture_path(sc->fixture);
	char *url = g_strconcat("file://", src, NULL);
	const char *argv[12] = {"git", "clone", "-q"};
	int n = 3;

	if (sc->shallow) {
		argv[n++] = "--depth";
		argv[n++] = "1";
	}
	if (sc->branch) {
		argv[n++] = "--branch";
		argv[n++] = sc->branch;
	}
	argv[n++] = url;
	argv[n++] = workspace;
	argv[n] = NULL;
	run_or_fail(argv);
	g_free(url);
	g_free(src);
}

/* GITHUB_BASE_REF: the pull request's base branch, "" on other events */
static char *base_ref(const char *event_path)
{
	json_t *e = json_load_file(event_path, 0, NULL);
	const char *ref;
	char *out;

	ck_assert_ptr_nonnull(e);
	ref = json_string_value(
	    json_object_get(json_object_get(json_object_get(e, "pull_request"), "base"), "ref"));
	out = g_strdup(ref ? ref : "");
	json_decref(e);
	return out;
}

/* The build step's `make BUILD=$RUNNER_TEMP/isms-audit-build` finds the
 * tree that `make check` built (the folder of $ISMS_AUDIT, linked there) up
 * to date: the real command runs, in seconds. */
static void link_build_tree(const char *runner_temp)
{
	const char *program = getenv("ISMS_AUDIT");
	char *dir = g_path_get_dirname(program ? program : "build/isms-audit");
	char *target = g_canonicalize_filename(dir, NULL);
	char *link = g_build_filename(runner_temp, "isms-audit-build", NULL);

	ck_assert_msg(symlink(target, link) == 0, "cannot link %s", link);
	g_free(link);
	g_free(target);
	g_free(dir);
}

static void run_scenario(const scenario *sc, scenario_run *out)
{
	char *event_file = g_strdup_printf("tests/action/%s.json", sc->event);
	char *event_path = src_path(event_file);
	char *action_path = src_path(".");
	char *files, *ref, *home;
	action_def *a = load_action();
	action_env env = {0};

	out->root = g_dir_make_tmp("isms-action-XXXXXX", NULL);
	ck_assert_ptr_nonnull(out->root);
	out->workspace = g_build_filename(out->root, "workspace", NULL);
	out->runner_temp = g_build_filename(out->root, "runner-temp", NULL);
	files = g_build_filename(out->root, "files", NULL);
	ck_assert_int_eq(g_mkdir(out->runner_temp, 0755), 0);
	ck_assert_int_eq(g_mkdir(files, 0755), 0);
	clone_fixture(sc, out->workspace);
	link_build_tree(out->runner_temp);
	/* no global git configuration of the machine (a safe.directory) */
	home = g_build_filename(out->root, "home", NULL);
	ck_assert_int_eq(g_mkdir(home, 0755), 0);
	if (sc->prepare)
		sc->prepare(out->workspace, out->root);

	ref = base_ref(event_path);
	env.workspace = out->workspace;
	env.action_path = action_path;
	env.runner_temp = out->runner_temp;
	env.files = files;
	env.event_name = sc->event;
	env.event_path = event_path;
	env.base_ref = ref;
	env.with = sc->with;
	env.home = home;
	action_run(a, &env, &out->r);
	out->annotations = action_annotations(out->r.log->str);

	action_free(a);
	g_free(home);
	g_free(ref);
	g_free(files);
	g_free(action_path);
	g_free(event_path);
	g_free(event_file);
}

static void scenario_done(scenario_run *s)
{
	run_or_fail((const char *const[]){"rm", "-rf", s->root, NULL});
	action_result_dispose(&s->r);
	g_free(s->annotations);
	g_free(s->workspace);
	g_free(s->runner_temp);
	g_free(s->root);
}

static const char *output(const scenario_run *s, const char *name)
{
	const char *v = g_hash_table_lookup(s->r.outputs, name);

	ck_assert_msg(v != NULL, "no output '%s'", name);
	return v;
}

static void expect_outputs(const scenario_run *s, const char *exit_code, const char *major,
                           const char *minor, const char *observation)
{
	ck_assert_str_eq(output(s, "exit-code"), exit_code);
	ck_assert_str_eq(output(s, "major"), major);
	ck_assert_str_eq(output(s, "minor"), minor);
	ck_assert_str_eq(output(s, "observation"), observation);
}

/* Names joined by spaces. */
static char *joined(const GPtrArray *names)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < names->len; i++)
		g_string_append_printf(s, "%s%s", i ? " " : "",
		                       (char *)g_ptr_array_index(names, i));
	return g_string_free(s, FALSE);
}

static void expect_ran(const scenario_run *s, const char *want)
{
	char *got = joined(s->r.ran);

	ck_assert_msg(strcmp(got, want) == 0, "steps run: want '%s', got '%s'\n%s", want, got,
	              s->r.log->str);
	g_free(got);
}

static void expect_failed(const scenario_run *s, const char *step, int status)
{
	const GPtrArray *ran_ids = s->r.ran;

	ck_assert_msg(s->r.failed >= 0, "the action passed:\n%s", s->r.log->str);
	ck_assert_str_eq(g_ptr_array_index(ran_ids, ran_ids->len - 1), step);
	ck_assert_int_eq(s->r.status, status);
}

/* The build reused the tree of `make check` rather than writing into it. */
static void expect_build_reused(const scenario_run *s)
{
	char *want =
	    g_strdup_printf("'%s/isms-audit-build/isms-audit' is up to date", s->runner_temp);

	ck_assert_msg(strstr(s->r.log->str, want) != NULL,
	              "the build step rebuilt the program (run make first):\n%s", s->r.log->str);
	g_free(want);
}

/* The SARIF file at the default place, with these rule ids in order. */
static void expect_sarif(const scenario_run *s, const char *rules)
{
	char *path = g_build_filename(s->runner_temp, "isms-audit.sarif", NULL);
	json_error_t jerr;
	json_t *root, *results;
	GString *got = g_string_new(NULL);
	size_t i;
	json_t *r;

	ck_assert_str_eq(output(s, "sarif-file"), path);
	root = json_load_file(path, 0, &jerr);
	ck_assert_msg(root != NULL, "%s: %s", path, jerr.text);
	results = json_object_get(json_array_get(json_object_get(root, "runs"), 0), "results");
	ck_assert(json_is_array(results));
	json_array_foreach(results, i, r)
	{
		g_string_append_printf(got, "%s%s", i ? " " : "",
		                       json_string_value(json_object_get(r, "ruleId")));
	}
	ck_assert_str_eq(got->str, rules);
	g_string_free(got, TRUE);
	json_decref(root);
	g_free(path);
}

static void expect_contains(const char *text, const char *want)
{
	ck_assert_msg(strstr(text, want) != NULL, "'%s' not found in:\n%s", want, text);
}

/* A marker file that a command injected through an input would create. */
static char *marker_path(void)
{
	char *dir = g_dir_make_tmp("isms-action-marker-XXXXXX", NULL);
	char *m = g_build_filename(dir, "pwned", NULL);

	g_free(dir);
	return m;
}

static void marker_done(char *marker)
{
	char *dir = g_path_get_dirname(marker);

	ck_assert_msg(!g_file_test(marker, G_FILE_TEST_EXISTS), "an input was executed: %s exists",
	              marker);
	g_rmdir(dir);
	g_free(dir);
	g_free(marker);
}

/* ---- the scenarios ------------------------------------------------------ */

START_TEST(a_healthy_repository_passes)
{
	scenario sc = {"rules/healthy",
	               NULL,
	               FALSE,
	               "push",
	               (const char *const[]){"as-of=2026-01-15", NULL},
	               NULL};
	scenario_run s;

	run_scenario(&sc, &s);
	ck_assert_msg(s.r.failed == -1, "step %d failed:\n%s", s.r.failed, s.r.log->str);
	expect_ran(&s, "checkout build audit");
	expect_build_reused(&s);
	/* a push: no base, the whole audit */
	ck_assert_str_eq(g_hash_table_lookup(s.r.inputs, "base"), "");
	ck_assert_str_eq(g_hash_table_lookup(s.r.inputs, "fail-on"), "minor");
	expect_outputs(&s, "0", "0", "0", "1");
	ck_assert_str_eq(
	    s.annotations,
	    "::notice file=register.md,line=11,title=ACT-REOPENED (clause 10.2 d%2C observation%2C "
	    "item NC-1)::item NC-1 was reopened after being closed (now open): the corrective "
	    "action "
	    "was not effective%0Aevidence: 09bbf27353d5 2025-08-20 recorded closed%0Aevidence: "
	    "8d94f89316f9 2025-10-01 reopened");
	expect_contains(s.r.summary->str, "| 0 | 0 | 1 | 0 | minor | **pass** |");
	expect_contains(s.r.summary->str, "| observation | ACT-REOPENED | register.md:11 |");
	expect_sarif(&s, "ACT-REOPENED");
	scenario_done(&s);
}
END_TEST

START_TEST(findings_fail_the_action)
{
	scenario sc = {"demo", NULL, FALSE, "push", (const char *const[]){"as-of=2026-11-01", NULL},
	               NULL};
	scenario_run s;
	char *demo = fixture_path("demo"), *direct = NULL;
	char **lines;

	run_scenario(&sc, &s);
	expect_ran(&s, "checkout build audit");
	expect_failed(&s, "audit", 1);
	expect_outputs(&s, "1", "0", "19", "10");
	/* the annotations are the tool's, unchanged: 10 warnings, 9 notices and
	 * the note on the 10 left out; nothing of the action's own */
	ck_assert_int_eq(run_cli((const char *const[]){"check", demo, "--as-of", "2026-11-01",
	                                               "--format", "github", NULL},
	                         NULL, &direct, NULL),
	                 1);
	g_strchomp(direct);
	ck_assert_str_eq(s.annotations, direct);
	lines = g_strsplit(s.annotations, "\n", -1);
	ck_assert_int_eq(g_strv_length(lines), 20);
	ck_assert(g_str_has_prefix(lines[0], "::warning file=isms/01-policies/"
	                                     "cryptography-policy.md,title=DOC-SELF-APPROVED"));
	ck_assert(g_str_has_prefix(lines[19],
	                           "::notice title=isms-audit::10 more findings (0 major, "
	                           "9 minor, 1 observation) are not annotated"));
	expect_contains(s.r.log->str,
	                "\nisms-audit: findings at or above fail-on 'minor' (exit code 1)\n");
	expect_contains(s.r.summary->str, "| 0 | 19 | 10 | 0 | minor | **fail** |");
	expect_sarif(&s,
	             "DOC-SELF-APPROVED SOA-INCOMPLETE SOA-NO-JUSTIFICATION SOA-UNKNOWN-CONTROL "
	             "RISK-ACCEPTANCE-EXPIRED DOC-NO-METADATA "
	             "DOC-BAD-METADATA DOC-MISSING-FIELD DOC-DUPLICATE-ID "
	             "DOC-REVIEW-OVERDUE DOC-REVIEW-UNEVIDENCED DOC-REVIEW-UNEVIDENCED "
	             "DOC-CHANGE-UNAPPROVED DOC-CHANGE-UNAPPROVED DOC-APPROVER-MISMATCH "
	             "DOC-APPROVAL-UNKNOWN DOC-VERSION-NOT-BUMPED RISK-SCORE-LOWERED-UNEVIDENCED "
	             "RISK-TREATMENT-OVERDUE IA-FINDING-NOT-TRACKED IA-NOT-INDEPENDENT "
	             "MR-MISSING-INPUT MR-ACTIONS-NOT-TRACKED DOC-STALE-CONTENT "
	             "ACT-ACCEPTED-NO-APPROVAL ACT-OVERDUE ACT-CLOSED-NO-EFFECTIVENESS ACT-REMOVED "
	             "ACT-CLOSURE-BACKDATED");
	g_strfreev(lines);
	g_free(direct);
	g_free(demo);
	scenario_done(&s);
}
END_TEST

/* fail-on decides: the demo's findings are all below major, and with an
 * empty fail-on the configuration's fail_on (minor by default) applies */
START_TEST(fail_on_decides_the_result)
{
	scenario major = {"demo",
	                  NULL,
	                  FALSE,
	                  "push",
	                  (const char *const[]){"as-of=2026-11-01", "fail-on=major", NULL},
	                  NULL};
	scenario config = {"demo",
	                   NULL,
	                   FALSE,
	                   "push",
	                   (const char *const[]){"as-of=2026-11-01", "fail-on=", NULL},
	                   NULL};
	scenario_run s;

	run_scenario(&major, &s);
	ck_assert_msg(s.r.failed == -1, "step %d failed:\n%s", s.r.failed, s.r.log->str);
	expect_outputs(&s, "0", "0", "19", "10");
	expect_contains(s.r.summary->str, "| 0 | 19 | 10 | 0 | major | **pass** |");
	scenario_done(&s);

	run_scenario(&config, &s);
	expect_failed(&s, "audit", 1);
	expect_outputs(&s, "1", "0", "19", "10");
	expect_contains(
	    s.r.log->str,
	    "\nisms-audit: findings at or above the configuration's fail_on (exit code 1)\n");
	scenario_done(&s);
}
END_TEST

/* The pull request deletes open item NC-1: only that is reported, on the
 * register; what the base already had (mandatory documents missing, NC-2
 * without owner, notes.md without front matter) is not. `branch` is the
 * pull request's head, or GitHub's test merge that actions/checkout checks
 * out by default; `removal` is the commit that removed NC-1 on its
 * first-parent history, with its date. */
static void expect_pull_request(const char *branch, const char *removal, const char *date)
{
	scenario sc = {"action/pr-removes-item",
	               branch,
	               FALSE,
	               "pull_request",
	               (const char *const[]){"as-of=2026-03-10", NULL},
	               NULL};
	scenario_run s;
	char *want;

	run_scenario(&sc, &s);
	/* the default base is the pull request's base commit */
	ck_assert_str_eq(g_hash_table_lookup(s.r.inputs, "base"), PR_BASE);
	expect_ran(&s, "checkout build audit");
	expect_failed(&s, "audit", 1);
	expect_outputs(&s, "1", "0", "1", "0");
	/* a removed row has no line: the annotation is on the file */
	want = g_strdup_printf(
	    "::warning file=register.md,title=ACT-REMOVED (clause 10.2 f%%2C minor%%2C item "
	    "NC-1)::item NC-1 was deleted while still open, on %s by Eli Engineer "
	    "<eli@example.com> (commit %s): it has disappeared without a recorded "
	    "outcome%%0Aevidence: b8d1ba62df21 2026-01-05 first listed%%0Aevidence: %s %s "
	    "removed by Eli Engineer <eli@example.com>",
	    date, removal, removal, date);
	ck_assert_str_eq(s.annotations, want);
	expect_contains(s.r.summary->str, "| 0 | 1 | 0 | 0 | minor | **fail** |");
	/* already present: the base's 15, and the one DOC-CHANGE-UNAPPROVED
	 * of a history without approval evidence */
	expect_contains(s.r.summary->str, "16 findings already present there are not repeated");
	/* code scanning compares the pull request's SARIF with the base
	 * branch's itself: it holds every finding at the head, so that those
	 * already there are not taken for fixed (8.2 is RISK-REGISTER-MISSING's:
	 * the fixture has no risk register) */
	expect_sarif(&s, "MANDATORY-DOC-MISSING MANDATORY-DOC-MISSING RISK-REGISTER-MISSING "
	                 "MANDATORY-DOC-MISSING MANDATORY-DOC-MISSING MANDATORY-DOC-MISSING "
	                 "MANDATORY-DOC-MISSING DOC-NO-METADATA DOC-CHANGE-UNAPPROVED "
	                 "MANDATORY-DOC-MISSING MANDATORY-DOC-MISSING MANDATORY-DOC-MISSING "
	                 "IA-OVERDUE MR-OVERDUE "
	                 "REG-NO-CLOSURES ACT-NO-OWNER ACT-REMOVED");
	g_free(want);
	scenario_done(&s);
}

START_TEST(a_pull_request_reports_what_it_introduces)
{
	expect_pull_request("pr", "77242aea8f1a", "2026-03-02");
}
END_TEST

START_TEST(a_pull_request_merge_reports_what_it_introduces)
{
	expect_pull_request("merge", "561d24ff1bd7", "2026-03-03");
}
END_TEST

/* The same commit pushed: no base, every finding. */
START_TEST(a_push_reports_everything)
{
	scenario sc = {"action/pr-removes-item",
	               "pr",
	               FALSE,
	               "push",
	               (const char *const[]){"as-of=2026-03-10", NULL},
	               NULL};
	scenario_run s;

	run_scenario(&sc, &s);
	ck_assert_str_eq(g_hash_table_lookup(s.r.inputs, "base"), "");
	expect_failed(&s, "audit", 1);
	expect_outputs(&s, "1", "12", "4", "1");
	expect_contains(s.annotations, "::warning file=register.md,line=11,title=ACT-NO-OWNER");
	expect_contains(s.annotations, "::warning file=register.md,title=ACT-REMOVED");
	scenario_done(&s);
}
END_TEST

START_TEST(a_shallow_clone_stops_before_the_build)
{
	scenario sc = {"rules/healthy", NULL, TRUE, "push", NULL, NULL};
	scenario_run s;

	run_scenario(&sc, &s);
	expect_ran(&s, "checkout");
	expect_failed(&s, "checkout", 1);
	ck_assert_str_eq(
	    s.annotations,
	    "::error title=isms-audit::the checkout of '.' is a shallow clone: the audit "
	    "needs the whole history to prove dates. Set 'fetch-depth: 0' on "
	    "actions/checkout");
	expect_outputs(&s, "", "", "", "");
	ck_assert_str_eq(output(&s, "sarif-file"), "");
	scenario_done(&s);
}
END_TEST

/* An input reaches the tool as one argument, byte for byte, and no shell
 * ever reads it as code. */
START_TEST(a_config_input_arrives_verbatim)
{
	char *marker = marker_path();
	char *value = g_strdup_printf("x;$(touch %s)`touch %s`'\"", marker, marker);
	char *with = g_strconcat("config=", value, NULL);
	scenario sc = {"rules/healthy",
	               NULL,
	               FALSE,
	               "push",
	               (const char *const[]){with, "as-of=2026-01-15", NULL},
	               NULL};
	scenario_run s;
	char *want;

	run_scenario(&sc, &s);
	expect_failed(&s, "audit", 2);
	expect_outputs(&s, "2", "", "", "");
	ck_assert_str_eq(output(&s, "sarif-file"), "");
	want = g_strdup_printf("::error title=isms-audit::isms-audit stopped with exit code 2 "
	                       "(usage or configuration error): isms-audit: %s: cannot read the "
	                       "configuration: ",
	                       value);
	ck_assert_msg(g_str_has_prefix(s.annotations, want), "want %s...\ngot %s", want,
	              s.annotations);
	ck_assert_ptr_null(strchr(s.annotations, '\n'));
	scenario_done(&s);
	marker_done(marker);
	g_free(want);
	g_free(with);
	g_free(value);
}
END_TEST

START_TEST(a_path_input_arrives_verbatim)
{
	char *marker = marker_path();
	/* and a line break cannot start a workflow command of its own */
	char *value = g_strdup_printf("a b;$(touch %s)\n::warning::forged", marker);
	char *with = g_strconcat("path=", value, NULL);
	scenario sc = {
	    "rules/healthy", NULL, FALSE, "push", (const char *const[]){with, NULL}, NULL};
	scenario_run s;
	char *want;

	run_scenario(&sc, &s);
	expect_ran(&s, "checkout");
	expect_failed(&s, "checkout", 1);
	want =
	    g_strdup_printf("::error title=isms-audit::path 'a b;$(touch %s)%%0A::warning::forged' "
	                    "is not a folder of the workspace",
	                    marker);
	ck_assert_str_eq(s.annotations, want);
	scenario_done(&s);
	marker_done(marker);
	g_free(want);
	g_free(with);
	g_free(value);
}
END_TEST

START_TEST(a_fail_on_input_arrives_verbatim)
{
	char *marker = marker_path();
	char *value = g_strdup_printf("never; touch %s", marker);
	char *with = g_strconcat("fail-on=", value, NULL);
	scenario sc = {
	    "rules/healthy", NULL, FALSE, "push", (const char *const[]){with, NULL}, NULL};
	scenario_run s;
	char *want;

	run_scenario(&sc, &s);
	expect_failed(&s, "audit", 2);
	want = g_strdup_printf("::error title=isms-audit::isms-audit stopped with exit code 2 "
	                       "(usage or configuration error): isms-audit: --fail-on: '%s' is not "
	                       "major, minor, observation or never%%0ATry 'isms-audit --help'.",
	                       value);
	ck_assert_str_eq(s.annotations, want);
	scenario_done(&s);
	marker_done(marker);
	g_free(want);
	g_free(with);
	g_free(value);
}
END_TEST

/* A pull request whose `config` input names a file of the repository:
 * the checkout holds the change's version of it (here weakened to hide
 * what the change introduces, fixtures/rules/pull-request-config), so the
 * file is read as committed at the base. */
START_TEST(a_pull_request_reads_the_config_input_at_the_base)
{
	scenario sc = {"rules/pull-request-config",
	               NULL,
	               FALSE,
	               "pull_request",
	               (const char *const[]){"base=HEAD~1", "config=.isms-audit.yml",
	                                     "as-of=2025-06-20", NULL},
	               NULL};
	scenario_run s;

	run_scenario(&sc, &s);
	expect_failed(&s, "audit", 1);
	/* the findings the change's file would have hidden, none waived */
	expect_outputs(&s, "1", "0", "6", "1");
	expect_contains(s.r.log->str, "isms-audit: .isms-audit.yml: read as committed at the base "
	                              "5856c5ed0443, not from the change\n");
	expect_contains(s.annotations, "::warning file=docs/big.md,title=DOC-UNREADABLE");
	expect_contains(s.annotations,
	                "::warning file=records/minutes.md,line=1,title=DOC-NO-METADATA");
	scenario_done(&s);
}
END_TEST

/* A file the change added has no version at the base: an error, not the
 * change's file; a file outside the repository is the workflow's own. */
START_TEST(a_config_input_the_change_added_is_refused)
{
	scenario added = {"rules/pull-request-config",
	                  NULL,
	                  FALSE,
	                  "pull_request",
	                  (const char *const[]){"base=HEAD~2", "config=./.isms-audit.yml",
	                                        "as-of=2025-06-20", NULL},
	                  NULL};
	scenario outside = {
	    "rules/pull-request-config",
	    NULL,
	    FALSE,
	    "pull_request",
	    (const char *const[]){"base=HEAD~1", "config=/dev/null", "as-of=2025-06-20", NULL},
	    NULL};
	scenario_run s;

	run_scenario(&added, &s);
	expect_ran(&s, "checkout build audit");
	expect_failed(&s, "audit", 2);
	expect_outputs(&s, "2", "", "", "");
	ck_assert_str_eq(
	    s.annotations,
	    "::error title=isms-audit::config './.isms-audit.yml' is not committed at "
	    "the base (HEAD~2): the change added it, and a change cannot configure its "
	    "own audit");
	scenario_done(&s);

	run_scenario(&outside, &s);
	expect_failed(&s, "audit", 1);
	expect_outputs(&s, "1", "0", "5", "1");
	ck_assert_ptr_null(strstr(s.r.log->str, "read as committed at the base"));
	scenario_done(&s);
}
END_TEST

/* The checkout step refuses, before any build, a path and a checkout the
 * audit must not or cannot read, each in one annotation naming the fix. */
static void expect_refused(const scenario *sc, const char *want_fmt)
{
	scenario_run s;
	char *workspace, *root, *want;

	run_scenario(sc, &s);
	expect_ran(&s, "checkout");
	expect_failed(&s, "checkout", 1);
	workspace = realpath(s.workspace, NULL);
	root = realpath(s.root, NULL);
	want = replace_all(want_fmt, "$WORKSPACE", workspace);
	{
		char *w = replace_all(want, "$ROOT", root);
		g_free(want);
		want = w;
	}
	ck_assert_str_eq(s.annotations, want);
	expect_outputs(&s, "", "", "", "");
	g_free(want);
	free(root);
	free(workspace);
	scenario_done(&s);
}

/* a link committed by a fork, to another checkout on the runner */
static void link_out(const char *workspace, const char *root)
{
	char *other = g_build_filename(root, "other-checkout", NULL);
	char *link = g_build_filename(workspace, "isms", NULL);
	char *src = fixture_path("rules/healthy");

	run_or_fail((const char *const[]){"git", "clone", "-q", src, other, NULL});
	ck_assert_int_eq(symlink(other, link), 0);
	g_free(src);
	g_free(link);
	g_free(other);
}

START_TEST(a_path_out_of_the_workspace_is_refused)
{
	scenario link = {
	    "rules/healthy", NULL, FALSE, "push", (const char *const[]){"path=isms", NULL},
	    link_out};
	scenario up = {
	    "rules/healthy", NULL, FALSE, "push", (const char *const[]){"path=..", NULL}, NULL};

	expect_refused(&link, "::error title=isms-audit::path 'isms' leads to "
	                      "'$ROOT/other-checkout', outside the workspace '$WORKSPACE': give "
	                      "a folder of the checkout");
	expect_refused(&up, "::error title=isms-audit::path '..' leads to '$ROOT', outside the "
	                    "workspace '$WORKSPACE': give a folder of the checkout");
}
END_TEST

/* the container job: the checkout belongs to another user than the job's
 * (faked with chown, which needs root) */
static void give_away(const char *workspace, const char *root)
{
	(void)root;
	run_or_fail((const char *const[]){"chown", "-R", "nobody", workspace, NULL});
}

static void make_sha256(const char *workspace, const char *root)
{
	(void)root;
	run_or_fail((const char *const[]){"rm", "-rf", workspace, NULL});
	run_or_fail(
	    (const char *const[]){"git", "init", "-q", "--object-format=sha256", workspace, NULL});
	run_or_fail((const char *const[]){"git", "-C", workspace, "-c", "user.name=A", "-c",
	                                  "user.email=a@example.com", "commit", "-q",
	                                  "--allow-empty", "-m", "empty", NULL});
}

static void make_partial(const char *workspace, const char *root)
{
	char *bare = g_build_filename(root, "origin.git", NULL);
	char *url = g_strconcat("file://", bare, NULL);

	run_or_fail((const char *const[]){"git", "clone", "-q", "--bare", workspace, bare, NULL});
	run_or_fail((const char *const[]){"git", "-C", bare, "config", "uploadpack.allowFilter",
	                                  "true", NULL});
	run_or_fail((const char *const[]){"rm", "-rf", workspace, NULL});
	run_or_fail((const char *const[]){"git", "clone", "-q", "--filter=blob:none", url,
	                                  workspace, NULL});
	g_free(url);
	g_free(bare);
}

START_TEST(a_checkout_the_audit_cannot_read_is_refused)
{
	scenario owned = {"rules/healthy", NULL, FALSE, "push", NULL, give_away};
	scenario sha = {"rules/healthy", NULL, FALSE, "push", NULL, make_sha256};
	scenario partial = {"rules/healthy", NULL, FALSE, "push", NULL, make_partial};

	if (geteuid() == 0)
		expect_refused(&owned,
		               "::error title=isms-audit::path '.': the repository '$WORKSPACE' is "
		               "not owned by the current user (the usual container job), so git "
		               "and libgit2 refuse it: if you trust it, run 'git config --global "
		               "--add safe.directory $WORKSPACE' in a step before this one");
	else
		fprintf(stderr, "action: the ownership case needs root (chown), not run\n");
	expect_refused(&sha, "::error title=isms-audit::the checkout of '.' is a SHA-256 "
	                     "repository: the libgit2 isms-audit is built with does not support "
	                     "SHA-256 repositories");
	expect_refused(&partial,
	               "::error title=isms-audit::the checkout of '.' is a partial clone "
	               "(--filter): the objects its filter left out cannot prove content. Fetch "
	               "without a filter (no 'filter' on actions/checkout)");
}
END_TEST

/* ---- action.yml itself -------------------------------------------------- */

START_TEST(the_action_declares_its_interface)
{
	action_def *a = load_action();
	char *s;

	/* action_load checked that each input has a description and a default */
	s = joined(action_input_names(a));
	ck_assert_str_eq(s, "path config fail-on base sarif-file as-of");
	g_free(s);
	s = joined(action_output_names(a));
	ck_assert_str_eq(s, "major minor observation sarif-file exit-code");
	g_free(s);
	s = joined(action_step_ids(a));
	ck_assert_str_eq(s, "checkout build audit");
	g_free(s);
	action_free(a);
}
END_TEST

/* Every script of the action and of the sample workflow: no expression
 * inside (values come through env:), and valid bash. With
 * ISMS_ACTION_SCRIPTS=DIR (make lint) each is also written to DIR for
 * shellcheck. */
START_TEST(scripts_take_no_expressions_and_parse)
{
	static const char *const files[] = {"action.yml", "tests/action/workflow.yml", NULL};
	const char *dir = getenv("ISMS_ACTION_SCRIPTS");
	guint n = 0;

	for (int f = 0; files[f]; f++) {
		char *path = src_path(files[f]);
		GPtrArray *scripts = action_scripts(path);

		for (guint i = 0; i < scripts->len; i++) {
			char **sc = g_ptr_array_index(scripts, i);
			char *tmp = NULL;
			int fd = g_file_open_tmp("isms-action-XXXXXX.sh", &tmp, NULL);

			ck_assert_int_ge(fd, 0);
			close(fd);

			ck_assert_msg(strstr(sc[1], "${{") == NULL, "%s: an expression in a script",
			              sc[0]);
			ck_assert(g_file_set_contents(tmp, sc[1], -1, NULL));
			run_or_fail((const char *const[]){"bash", "-n", tmp, NULL});
			g_unlink(tmp);
			g_free(tmp);
			if (dir) {
				char *name = g_strconcat(sc[0], ".sh", NULL);
				char *out = g_build_filename(dir, name, NULL);
				ck_assert(g_file_set_contents(out, sc[1], -1, NULL));
				g_free(out);
				g_free(name);
			}
			n++;
		}
		g_ptr_array_unref(scripts);
		g_free(path);
	}
	ck_assert_uint_eq(n, 4); /* three steps, one in the workflow */
}
END_TEST

/* ---- the stand-in runner ------------------------------------------------ */

START_TEST(file_commands_are_read_in_both_forms)
{
	GHashTable *out = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	char *error = NULL;

	ck_assert_int_eq(action_parse_file_command("a=1\r\nb<<EOF\nx=1\n\ny<<z\nEOF\nc=\n\nd=e=f\n",
	                                           out, &error),
	                 0);
	ck_assert_uint_eq(g_hash_table_size(out), 4);
	ck_assert_str_eq(g_hash_table_lookup(out, "a"), "1");
	ck_assert_str_eq(g_hash_table_lookup(out, "b"), "x=1\n\ny<<z");
	ck_assert_str_eq(g_hash_table_lookup(out, "c"), "");
	ck_assert_str_eq(g_hash_table_lookup(out, "d"), "e=f");
	ck_assert_int_eq(action_parse_file_command("b<<EOF\nx\n", out, &error), -1);
	ck_assert_str_eq(error, "malformed heredoc 'b<<EOF'");
	g_free(error);
	ck_assert_int_eq(action_parse_file_command("novalue\n", out, &error), -1);
	ck_assert_str_eq(error, "malformed line 'novalue'");
	g_free(error);
	g_hash_table_unref(out);
}
END_TEST

START_TEST(expressions_are_context_values_only)
{
	action_def *a = load_action();
	char *event = src_path("tests/action/pull_request.json");
	action_env env = {"/ws", "/action", "/tmp/runner", "/files", "pull_request",
	                  event, "main",    NULL,          NULL};
	GHashTable *inputs = g_hash_table_new(g_str_hash, g_str_equal);
	GHashTable *outputs = g_hash_table_new(g_str_hash, g_str_equal);
	action_context c = {a, &env, json_load_file(event, 0, NULL), inputs, outputs};
	char *error = NULL, *v;
	const unsigned all =
	    ACTION_CTX_GITHUB | ACTION_CTX_RUNNER | ACTION_CTX_INPUTS | ACTION_CTX_STEPS;

	g_hash_table_insert(inputs, (gpointer) "path", (gpointer) "a b");
	g_hash_table_insert(outputs, (gpointer) "build.program", (gpointer) "/p/isms-audit");
	v = action_expand(&c,
	                  "${{ github.event.pull_request.base.sha }} ${{runner.temp}}/x "
	                  "${{ inputs.path }} ${{ steps.build.outputs.program }} "
	                  "[${{ steps.audit.outputs.major }}] ${{ github.event.number }} "
	                  "${{ github.event.pull_request.nothing.here }}.",
	                  all, &error);
	ck_assert_str_eq(v, PR_BASE " /tmp/runner/x a b /p/isms-audit [] 1 .");
	g_free(v);

	static const struct {
		const char *text;
		unsigned contexts;
		const char *error;
	} bad[] = {
	    {"${{ secrets.TOKEN }}", ~0u, "unsupported expression 'secrets.TOKEN'"},
	    {"${{ inputs.path || 'x' }}", ~0u, "unsupported expression 'inputs.path || 'x''"},
	    {"${{ inputs.nope }}", ~0u, "unsupported expression 'inputs.nope'"},
	    {"${{ steps.nope.outputs.x }}", ~0u, "unsupported expression 'steps.nope.outputs.x'"},
	    {"${{ github.event.pull_request }}", ~0u,
	     "an object or array of the event is not a string"},
	    {"${{ inputs.path }}", ACTION_CTX_GITHUB | ACTION_CTX_RUNNER,
	     "'inputs.path' is not available here"},
	    {"a ${{ github.workspace", ~0u, "unterminated expression in 'a ${{ github.workspace'"},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		ck_assert_ptr_null(action_expand(&c, bad[i].text, bad[i].contexts, &error));
		ck_assert_str_eq(error, bad[i].error);
		g_free(error);
	}
	json_decref(c.event);
	g_hash_table_unref(inputs);
	g_hash_table_unref(outputs);
	g_free(event);
	action_free(a);
}
END_TEST

Suite *action_suite(void)
{
	Suite *s = suite_create("action");
	TCase *tc = tcase_create("action");
	TCase *runs = tcase_create("runs");
	TCase *scripts = tcase_create("scripts");

	tcase_add_test(tc, the_action_declares_its_interface);
	tcase_add_test(tc, file_commands_are_read_in_both_forms);
	tcase_add_test(tc, expressions_are_context_values_only);
	suite_add_tcase(s, tc);
	/* make lint runs this one alone (CK_RUN_CASE=scripts) */
	tcase_add_test(scripts, scripts_take_no_expressions_and_parse);
	suite_add_tcase(s, scripts);
	tcase_set_timeout(runs, 120);
	tcase_add_test(runs, a_healthy_repository_passes);
	tcase_add_test(runs, findings_fail_the_action);
	tcase_add_test(runs, fail_on_decides_the_result);
	tcase_add_test(runs, a_pull_request_reports_what_it_introduces);
	tcase_add_test(runs, a_pull_request_merge_reports_what_it_introduces);
	tcase_add_test(runs, a_push_reports_everything);
	tcase_add_test(runs, a_shallow_clone_stops_before_the_build);
	tcase_add_test(runs, a_config_input_arrives_verbatim);
	tcase_add_test(runs, a_path_input_arrives_verbatim);
	tcase_add_test(runs, a_fail_on_input_arrives_verbatim);
	tcase_add_test(runs, a_pull_request_reads_the_config_input_at_the_base);
	tcase_add_test(runs, a_config_input_the_change_added_is_refused);
	tcase_add_test(runs, a_path_out_of_the_workspace_is_refused);
	tcase_add_test(runs, a_checkout_the_audit_cannot_read_is_refused);
	suite_add_tcase(s, runs);
	return s;
}
