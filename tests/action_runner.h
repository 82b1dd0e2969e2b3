#ifndef ISMS_ACTION_RUNNER_H
#define ISMS_ACTION_RUNNER_H

#include <glib.h>
#include <jansson.h>

/* A small stand-in for the GitHub Actions runner: it runs the steps of a
 * composite action (action.yml) the way the runner does, so that the
 * action's tests need no GitHub. What it does not support (an `if:`, a
 * `uses:` step, a shell other than bash, an expression other than a context
 * value) fails the test instead of being guessed at. Functions that cannot
 * go on fail the test (Check's ck_assert) rather than return an error. */

typedef struct action_def action_def;

/* Where and how the action runs: the runner's environment. Borrowed. */
typedef struct {
	const char *workspace;   /* GITHUB_WORKSPACE, the steps' working folder */
	const char *action_path; /* GITHUB_ACTION_PATH and github.action_path */
	const char *runner_temp; /* RUNNER_TEMP and runner.temp */
	const char *files;       /* a folder for scripts, logs and file commands */
	const char *event_name;  /* GITHUB_EVENT_NAME */
	const char *event_path;  /* GITHUB_EVENT_PATH, a JSON file: github.event */
	const char *base_ref;    /* GITHUB_BASE_REF ("" outside pull requests) */
	const char *const *with; /* the step's `with:`, "input=value", NULL-ended */
	const char *home;        /* HOME, or NULL: the test's */
} action_env;

/* The contexts an expression may read where it stands (the runner's
 * action_yaml.json): input defaults see github and runner; step env and
 * output values also see inputs and steps. */
enum {
	ACTION_CTX_GITHUB = 1 << 0,
	ACTION_CTX_RUNNER = 1 << 1,
	ACTION_CTX_INPUTS = 1 << 2,
	ACTION_CTX_STEPS = 1 << 3,
};

/* What `${{ }}` can name: the runner's values and what the steps wrote so
 * far. All borrowed. */
typedef struct {
	const action_def *action;
	const action_env *env;
	json_t *event;       /* the parsed event file */
	GHashTable *inputs;  /* input name -> value, defaults applied */
	GHashTable *outputs; /* "step-id.name" -> value */
} action_context;

/* The result of running the action. Dispose with action_result_dispose. */
typedef struct {
	int failed;          /* index of the step that failed, -1 if none did */
	int status;          /* that step's exit status */
	GPtrArray *ran;      /* ids of the steps that ran, in order (char *) */
	GHashTable *inputs;  /* input name -> value, as the steps saw them */
	GHashTable *steps;   /* "step-id.name" -> value: the steps' outputs */
	GHashTable *outputs; /* the action's outputs */
	GString *log;        /* every step's standard output and error, merged */
	GString *summary;    /* the job summary: every step's summary file */
} action_result;

/* Read the composite action at `path` (its action.yml). Fails the test on
 * YAML errors and on anything the stand-in does not support. Free with
 * action_free(). */
action_def *action_load(const char *path);
void action_free(action_def *a);

/* The declared inputs, outputs and step ids, in file order (borrowed). */
const GPtrArray *action_input_names(const action_def *a);
const GPtrArray *action_output_names(const action_def *a);
const GPtrArray *action_step_ids(const action_def *a);

/* Expand every `${{ expr }}` in `text`, where expr is a context value
 * (github.event_name, github.workspace, github.action_path, github.base_ref,
 * github.event.PATH, runner.temp, inputs.NAME, steps.ID.outputs.NAME) from
 * a context in `contexts`. Returns the text (caller frees), or NULL with
 * *error set (caller frees) for any other expression. */
char *action_expand(const action_context *c, const char *text, unsigned contexts, char **error);

/* Parse a file-command file ($GITHUB_OUTPUT): `name=value` lines and
 * `name<<DELIMITER` ... `DELIMITER` blocks, into `out` (name -> value,
 * strings owned by the table). Returns 0, or -1 with *error set (caller
 * frees) on a malformed file. */
int action_parse_file_command(const char *text, GHashTable *out, char **error);

/* Run the action's steps in order as the runner does: each `run:` body
 * written to a file and run by `bash --noprofile --norc -eo pipefail FILE`
 * in the workspace with the runner's variables (and no INPUT_ ones) and
 * the step's evaluated `env:`; a step that fails skips the rest; the
 * outputs are evaluated at the end, failed or not. */
void action_run(const action_def *a, const action_env *env, action_result *out);
void action_result_dispose(action_result *r);

/* The annotations in a step log: the ::error, ::warning and ::notice
 * lines, outside ::stop-commands:: blocks, joined by '\n'. Caller frees. */
char *action_annotations(const char *log);

/* The `run:` scripts of an action (runs.steps) or of a workflow
 * (jobs.*.steps), each a NULL-terminated {label, body}. Free with
 * g_ptr_array_unref. */
GPtrArray *action_scripts(const char *path);

#endif
