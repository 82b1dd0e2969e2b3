/* A stand-in for the GitHub Actions runner, for the action's tests: parse
 * action.yml, evaluate the few expressions it uses, run each step as the
 * runner does, read the outputs back. */
#include "action_runner.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <yaml.h>

typedef struct {
	char *id;   /* the step's id, or "step-N" when it has none */
	char *run;  /* the script */
	char **env; /* NULL-terminated {name, value-expression} pairs */
} action_step;

struct action_def {
	GPtrArray *inputs;        /* names (char *) */
	GHashTable *defaults;     /* input name -> default expression */
	GPtrArray *outputs;       /* names */
	GHashTable *output_value; /* output name -> value expression */
	GPtrArray *steps;         /* action_step * */
	GPtrArray *step_ids;      /* the steps' ids (borrowed from steps) */
};

/* ---- action.yml --------------------------------------------------------- */

static yaml_node_t *node_at(yaml_document_t *doc, yaml_node_t *map, const char *key)
{
	if (map == NULL || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = yaml_document_get_node(doc, p->key);
		if (k->type == YAML_SCALAR_NODE && strcmp((char *)k->data.scalar.value, key) == 0)
			return yaml_document_get_node(doc, p->value);
	}
	return NULL;
}

static const char *scalar(yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static const char *key_name(yaml_document_t *doc, yaml_node_pair_t *p)
{
	const char *k = scalar(yaml_document_get_node(doc, p->key));

	ck_assert_msg(k != NULL, "a mapping key that is not a string");
	return k;
}

/* Fail on a key outside `known`: the stand-in would silently ignore it
 * where the runner would act on it. */
static void expect_keys(yaml_document_t *doc, yaml_node_t *map, const char *where,
                        const char *const *known)
{
	ck_assert_msg(map && map->type == YAML_MAPPING_NODE, "%s is not a mapping", where);
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		const char *k = key_name(doc, p);
		ck_assert_msg(g_strv_contains(known, k),
		              "%s: key '%s' is not supported by the tests", where, k);
	}
}

static void load_yaml(const char *path, yaml_document_t *doc)
{
	yaml_parser_t parser;
	FILE *f = fopen(path, "rb");

	ck_assert_msg(f != NULL, "cannot open %s: %s", path, g_strerror(errno));
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, f);
	ck_assert_msg(yaml_parser_load(&parser, doc), "%s:%zu: %s", path,
	              parser.problem_mark.line + 1, parser.problem ? parser.problem : "bad YAML");
	ck_assert_msg(yaml_document_get_root_node(doc) != NULL, "%s is empty", path);
	yaml_parser_delete(&parser);
	fclose(f);
}

static void step_free(gpointer p)
{
	action_step *s = p;

	g_free(s->id);
	g_free(s->run);
	g_strfreev(s->env);
	g_free(s);
}

static void load_inputs(action_def *a, yaml_document_t *doc, yaml_node_t *inputs)
{
	static const char *const keys[] = {"description", "required", "default", NULL};

	if (inputs == NULL)
		return;
	ck_assert_msg(inputs->type == YAML_MAPPING_NODE, "inputs is not a mapping");
	for (yaml_node_pair_t *p = inputs->data.mapping.pairs.start;
	     p < inputs->data.mapping.pairs.top; p++) {
		const char *name = key_name(doc, p);
		yaml_node_t *in = yaml_document_get_node(doc, p->value);
		const char *def;

		expect_keys(doc, in, name, keys);
		ck_assert_msg(scalar(node_at(doc, in, "description")) != NULL,
		              "input '%s' has no description", name);
		def = scalar(node_at(doc, in, "default"));
		ck_assert_msg(def != NULL, "input '%s' has no default", name);
		g_ptr_array_add(a->inputs, g_strdup(name));
		g_hash_table_insert(a->defaults, g_strdup(name), g_strdup(def));
	}
}

static void load_outputs(action_def *a, yaml_document_t *doc, yaml_node_t *outputs)
{
	static const char *const keys[] = {"description", "value", NULL};

	if (outputs == NULL)
		return;
	ck_assert_msg(outputs->type == YAML_MAPPING_NODE, "outputs is not a mapping");
	for (yaml_node_pair_t *p = outputs->data.mapping.pairs.start;
	     p < outputs->data.mapping.pairs.top; p++) {
		const char *name = key_name(doc, p);
		yaml_node_t *out = yaml_document_get_node(doc, p->value);
		const char *value;

		expect_keys(doc, out, name, keys);
		value = scalar(node_at(doc, out, "value"));
		ck_assert_msg(value != NULL, "output '%s' has no value", name);
		g_ptr_array_add(a->outputs, g_strdup(name));
		g_hash_table_insert(a->output_value, g_strdup(name), g_strdup(value));
	}
}

static char **load_env(yaml_document_t *doc, yaml_node_t *env, const char *where)
{
	GPtrArray *pairs = g_ptr_array_new();

	if (env != NULL) {
		ck_assert_msg(env->type == YAML_MAPPING_NODE, "%s: env is not a mapping", where);
		for (yaml_node_pair_t *p = env->data.mapping.pairs.start;
		     p < env->data.mapping.pairs.top; p++) {
			const char *value = scalar(yaml_document_get_node(doc, p->value));
			ck_assert_msg(value != NULL, "%s: env value is not a string", where);
			g_ptr_array_add(pairs, g_strdup(key_name(doc, p)));
			g_ptr_array_add(pairs, g_strdup(value));
		}
	}
	g_ptr_array_add(pairs, NULL);
	return (char **)g_ptr_array_free(pairs, FALSE);
}

static void load_steps(action_def *a, yaml_document_t *doc, yaml_node_t *steps)
{
	/* no `if:`, `uses:`, `working-directory:`, `continue-on-error:` */
	static const char *const keys[] = {"name", "id", "shell", "env", "run", NULL};

	ck_assert_msg(steps && steps->type == YAML_SEQUENCE_NODE, "runs.steps is not a sequence");
	for (yaml_node_item_t *i = steps->data.sequence.items.start;
	     i < steps->data.sequence.items.top; i++) {
		yaml_node_t *node = yaml_document_get_node(doc, *i);
		action_step *s = g_new0(action_step, 1);
		const char *id, *shell, *run;
		char *where = g_strdup_printf("step %u", a->steps->len + 1);

		expect_keys(doc, node, where, keys);
		id = scalar(node_at(doc, node, "id"));
		shell = scalar(node_at(doc, node, "shell"));
		run = scalar(node_at(doc, node, "run"));
		ck_assert_msg(run != NULL, "%s has no run script", where);
		ck_assert_msg(g_strcmp0(shell, "bash") == 0, "%s: shell '%s' is not bash", where,
		              shell ? shell : "(none)");
		s->id = id ? g_strdup(id) : g_strdup_printf("step-%u", a->steps->len + 1);
		s->run = g_strdup(run);
		s->env = load_env(doc, node_at(doc, node, "env"), where);
		g_ptr_array_add(a->steps, s);
		g_ptr_array_add(a->step_ids, s->id);
		g_free(where);
	}
}

action_def *action_load(const char *path)
{
	static const char *const top[] = {"name",   "description", "author", "branding",
	                                  "inputs", "outputs",     "runs",   NULL};
	static const char *const runs_keys[] = {"using", "steps", NULL};
	action_def *a = g_new0(action_def, 1);
	yaml_document_t doc;
	yaml_node_t *root, *runs;

	a->inputs = g_ptr_array_new_with_free_func(g_free);
	a->defaults = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	a->outputs = g_ptr_array_new_with_free_func(g_free);
	a->output_value = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	a->steps = g_ptr_array_new_with_free_func(step_free);
	a->step_ids = g_ptr_array_new();
	load_yaml(path, &doc);
	root = yaml_document_get_root_node(&doc);
	expect_keys(&doc, root, path, top);
	runs = node_at(&doc, root, "runs");
	expect_keys(&doc, runs, "runs", runs_keys);
	ck_assert_msg(g_strcmp0(scalar(node_at(&doc, runs, "using")), "composite") == 0,
	              "%s is not a composite action", path);
	load_inputs(a, &doc, node_at(&doc, root, "inputs"));
	load_outputs(a, &doc, node_at(&doc, root, "outputs"));
	load_steps(a, &doc, node_at(&doc, runs, "steps"));
	yaml_document_delete(&doc);
	return a;
}

void action_free(action_def *a)
{
	if (a == NULL)
		return;
	g_ptr_array_unref(a->inputs);
	g_hash_table_unref(a->defaults);
	g_ptr_array_unref(a->outputs);
	g_hash_table_unref(a->output_value);
	g_ptr_array_unref(a->step_ids);
	g_ptr_array_unref(a->steps);
	g_free(a);
}

const GPtrArray *action_input_names(const action_def *a)
{
	return a->inputs;
}

const GPtrArray *action_output_names(const action_def *a)
{
	return a->outputs;
}

const GPtrArray *action_step_ids(const action_def *a)
{
	return a->step_ids;
}

/* ---- scripts ------------------------------------------------------------ */

static void add_script(GPtrArray *out, char *label, const char *body)
{
	char **pair = g_new0(char *, 3);

	pair[0] = label;
	pair[1] = g_strdup(body);
	g_ptr_array_add(out, pair);
}

static void scripts_of_steps(GPtrArray *out, yaml_document_t *doc, yaml_node_t *steps,
                             const char *prefix)
{
	guint n = 0;

	if (steps == NULL || steps->type != YAML_SEQUENCE_NODE)
		return;
	for (yaml_node_item_t *i = steps->data.sequence.items.start;
	     i < steps->data.sequence.items.top; i++) {
		yaml_node_t *step = yaml_document_get_node(doc, *i);
		const char *run = scalar(node_at(doc, step, "run"));
		const char *id = scalar(node_at(doc, step, "id"));

		n++;
		if (run)
			add_script(out,
			           g_strdup_printf("%s-step%u%s%s", prefix, n, id ? "-" : "",
			                           id ? id : ""),
			           run);
	}
}

GPtrArray *action_scripts(const char *path)
{
	GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
	char *base = g_path_get_basename(path);
	yaml_document_t doc;
	yaml_node_t *root, *jobs;

	load_yaml(path, &doc);
	root = yaml_document_get_root_node(&doc);
	scripts_of_steps(out, &doc, node_at(&doc, node_at(&doc, root, "runs"), "steps"), base);
	jobs = node_at(&doc, root, "jobs");
	if (jobs && jobs->type == YAML_MAPPING_NODE) {
		for (yaml_node_pair_t *p = jobs->data.mapping.pairs.start;
		     p < jobs->data.mapping.pairs.top; p++) {
			char *prefix = g_strdup_printf("%s-%s", base, key_name(&doc, p));
			scripts_of_steps(
			    out, &doc,
			    node_at(&doc, yaml_document_get_node(&doc, p->value), "steps"), prefix);
			g_free(prefix);
		}
	}
	yaml_document_delete(&doc);
	g_free(base);
	return out;
}

/* ---- expressions -------------------------------------------------------- */

static gboolean is_identifier(const char *s)
{
	if (!g_ascii_isalpha(*s) && *s != '_')
		return FALSE;
	for (; *s; s++)
		if (!g_ascii_isalnum(*s) && *s != '_' && *s != '-')
			return FALSE;
	return TRUE;
}

/* github.event.PATH: strings, numbers and booleans as text, absent as "" */
static char *event_value(json_t *event, char **path, char **error)
{
	json_t *v = event;

	for (; *path && v; path++)
		v = json_is_object(v) ? json_object_get(v, *path) : NULL;
	if (v == NULL || json_is_null(v))
		return g_strdup("");
	if (json_is_string(v))
		return g_strdup(json_string_value(v));
	if (json_is_integer(v))
		return g_strdup_printf("%" JSON_INTEGER_FORMAT, json_integer_value(v));
	if (json_is_boolean(v))
		return g_strdup(json_is_true(v) ? "true" : "false");
	*error = g_strdup("an object or array of the event is not a string");
	return NULL;
}

static char *github_value(const action_context *c, char **part, char **error)
{
	const action_env *e = c->env;

	if (part[0] == NULL)
		return NULL;
	if (strcmp(part[0], "event") == 0)
		return event_value(c->event, part + 1, error);
	if (part[1] != NULL)
		return NULL;
	if (strcmp(part[0], "event_name") == 0)
		return g_strdup(e->event_name);
	if (strcmp(part[0], "workspace") == 0)
		return g_strdup(e->workspace);
	if (strcmp(part[0], "action_path") == 0)
		return g_strdup(e->action_path);
	if (strcmp(part[0], "base_ref") == 0)
		return g_strdup(e->base_ref);
	return NULL;
}

/* One expression: a context value, nothing else. NULL with *error. */
static char *eval_expression(const action_context *c, const char *expr, unsigned contexts,
                             char **error)
{
	char **part = g_strsplit(expr, ".", -1);
	char *value = NULL;
	unsigned need = 0;

	for (char **p = part; *p; p++)
		if (!is_identifier(*p))
			goto unknown;
	if (part[0] == NULL)
		goto unknown;
	if (strcmp(part[0], "github") == 0) {
		need = ACTION_CTX_GITHUB;
		value = github_value(c, part + 1, error);
	} else if (strcmp(part[0], "runner") == 0) {
		need = ACTION_CTX_RUNNER;
		if (part[1] && strcmp(part[1], "temp") == 0 && part[2] == NULL)
			value = g_strdup(c->env->runner_temp);
	} else if (strcmp(part[0], "inputs") == 0) {
		need = ACTION_CTX_INPUTS;
		if (part[1] && part[2] == NULL && c->inputs &&
		    g_hash_table_contains(c->inputs, part[1]))
			value = g_strdup(g_hash_table_lookup(c->inputs, part[1]));
	} else if (strcmp(part[0], "steps") == 0) {
		need = ACTION_CTX_STEPS;
		/* a step that wrote no such output gives "", as on GitHub */
		if (part[1] && part[2] && part[3] && part[4] == NULL &&
		    strcmp(part[2], "outputs") == 0 &&
		    g_ptr_array_find_with_equal_func(c->action->step_ids, part[1], g_str_equal,
		                                     NULL)) {
			char *key = g_strconcat(part[1], ".", part[3], NULL);
			const char *v = c->outputs ? g_hash_table_lookup(c->outputs, key) : NULL;
			value = g_strdup(v ? v : "");
			g_free(key);
		}
	}
	if (value && !(need & contexts)) {
		g_free(value);
		value = NULL;
		*error = g_strdup_printf("'%s' is not available here", expr);
	}
unknown:
	if (value == NULL && *error == NULL)
		*error = g_strdup_printf("unsupported expression '%s'", expr);
	g_strfreev(part);
	return value;
}

char *action_expand(const action_context *c, const char *text, unsigned contexts, char **error)
{
	GString *s = g_string_new(NULL);
	const char *p = text, *open;

	*error = NULL;
	while ((open = strstr(p, "${{")) != NULL) {
		const char *close = strstr(open + 3, "}}");
		char *expr, *value;

		if (close == NULL) {
			*error = g_strdup_printf("unterminated expression in '%s'", text);
			break;
		}
		g_string_append_len(s, p, open - p);
		expr = g_strstrip(g_strndup(open + 3, close - open - 3));
		value = eval_expression(c, expr, contexts, error);
		g_free(expr);
		if (value == NULL)
			break;
		g_string_append(s, value);
		g_free(value);
		p = close + 2;
	}
	if (*error) {
		g_string_free(s, TRUE);
		return NULL;
	}
	g_string_append(s, p);
	return g_string_free(s, FALSE);
}

static char *expand_or_fail(const action_context *c, const char *text, unsigned contexts,
                            const char *where)
{
	char *error = NULL;
	char *v = action_expand(c, text, contexts, &error);

	ck_assert_msg(v != NULL, "%s: %s", where, error);
	return v;
}

/* ---- file commands ------------------------------------------------------ */

/* a line without the CR of a CRLF line end, as the runner reads lines */
static char *chop_cr(char *line)
{
	size_t n = strlen(line);

	if (n && line[n - 1] == '\r')
		line[n - 1] = '\0';
	return line;
}

int action_parse_file_command(const char *text, GHashTable *out, char **error)
{
	char **lines = g_strsplit(text, "\n", -1);
	int rc = 0;

	*error = NULL;
	for (char **l = lines; *l; l++) {
		char *line = chop_cr(*l), *eq, *heredoc;

		if (*line == '\0')
			continue;
		eq = strchr(line, '=');
		heredoc = strstr(line, "<<");
		if (heredoc && (!eq || heredoc < eq)) {
			/* name<<DELIMITER, the lines of the value, DELIMITER */
			char *name = g_strndup(line, heredoc - line), *delim = heredoc + 2;
			GString *value = g_string_new(NULL);
			char **end = l + 1;

			for (; *end && strcmp(chop_cr(*end), delim) != 0; end++)
				g_string_append_printf(value, "%s%s", end == l + 1 ? "" : "\n",
				                       *end);
			if (*name == '\0' || *delim == '\0' || *end == NULL) {
				*error = g_strdup_printf("malformed heredoc '%s'", line);
				g_free(name);
				g_string_free(value, TRUE);
				rc = -1;
				break;
			}
			g_hash_table_insert(out, name, g_string_free(value, FALSE));
			l = end;
		} else if (eq && eq != line) {
			g_hash_table_insert(out, g_strndup(line, eq - line), g_strdup(eq + 1));
		} else {
			*error = g_strdup_printf("malformed line '%s'", line);
			rc = -1;
			break;
		}
	}
	g_strfreev(lines);
	return rc;
}

/* ---- running ------------------------------------------------------------ */

static char *read_text(const char *path)
{
	char *text = NULL;

	ck_assert_msg(g_file_get_contents(path, &text, NULL, NULL), "cannot read %s", path);
	return text;
}

static void write_text(const char *path, const char *text)
{
	ck_assert_msg(g_file_set_contents(path, text, -1, NULL), "cannot write %s", path);
}

/* The runner's variables, with nothing of the test's environment but what
 * any process needs; composite actions get no INPUT_ variables. */
static char **runner_environ(const action_env *e, const char *const *files)
{
	static const char *const kept[] = {
	    "PATH", "HOME", "TMPDIR", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", NULL};
	static const char *const file_vars[] = {"GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY",
	                                        "GITHUB_ENV",    "GITHUB_PATH",
	                                        "GITHUB_STATE",  NULL};
	char **envp = NULL;

	for (int i = 0; kept[i]; i++)
		if (g_getenv(kept[i]))
			envp = g_environ_setenv(envp, kept[i], g_getenv(kept[i]), TRUE);
	if (e->home)
		envp = g_environ_setenv(envp, "HOME", e->home, TRUE);
	envp = g_environ_setenv(envp, "CI", "true", TRUE);
	envp = g_environ_setenv(envp, "GITHUB_ACTIONS", "true", TRUE);
	envp = g_environ_setenv(envp, "RUNNER_OS", "Linux", TRUE);
	envp = g_environ_setenv(envp, "RUNNER_TEMP", e->runner_temp, TRUE);
	envp = g_environ_setenv(envp, "GITHUB_WORKSPACE", e->workspace, TRUE);
	envp = g_environ_setenv(envp, "GITHUB_ACTION_PATH", e->action_path, TRUE);
	envp = g_environ_setenv(envp, "GITHUB_EVENT_NAME", e->event_name, TRUE);
	envp = g_environ_setenv(envp, "GITHUB_EVENT_PATH", e->event_path, TRUE);
	envp = g_environ_setenv(envp, "GITHUB_BASE_REF", e->base_ref, TRUE);
	for (int i = 0; file_vars[i]; i++)
		envp = g_environ_setenv(envp, file_vars[i], files[i], TRUE);
	return envp;
}

/* bash --noprofile --norc -eo pipefail FILE in the workspace, standard
 * output and error into one log; returns the exit status */
static int run_script(const action_env *e, const char *script, char **envp, const char *log)
{
	const char *argv[] = {"bash", "--noprofile", "--norc", "-eo", "pipefail", script, NULL};
	GError *error = NULL;
	GPid pid;
	int status = 0;
	int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	ck_assert_msg(fd >= 0, "cannot create %s", log);
	ck_assert_msg(g_spawn_async_with_pipes_and_fds(
	                  e->workspace, argv, (const char *const *)envp,
	                  G_SPAWN_SEARCH_PATH_FROM_ENVP | G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, -1,
	                  fd, fd, NULL, NULL, 0, &pid, NULL, NULL, NULL, &error),
	              "cannot run bash: %s", error ? error->message : "?");
	close(fd);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	g_spawn_close_pid(pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static GHashTable *string_table(void)
{
	return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
}

/* One step: its env evaluated now (after the steps before it), its script
 * run, its file commands read back. Returns its exit status. */
static int run_step(const action_context *c, guint index, action_result *r)
{
	const action_step *s = g_ptr_array_index(c->action->steps, index);
	const char *names[] = {"output", "summary", "env", "path", "state"};
	char *files[6] = {NULL};
	char *script = g_strdup_printf("%s/%s.sh", c->env->files, s->id);
	char *log = g_strdup_printf("%s/%s.log", c->env->files, s->id);
	char **envp, *text, *error = NULL;
	GHashTable *outputs = string_table();
	GHashTableIter it;
	gpointer k, v;
	int status;

	for (int i = 0; i < 5; i++) {
		files[i] = g_strdup_printf("%s/%s.%s", c->env->files, s->id, names[i]);
		write_text(files[i], "");
	}
	envp = runner_environ(c->env, (const char *const *)files);
	for (char **kv = s->env; *kv; kv += 2) {
		char *where = g_strdup_printf("step %s: env %s", s->id, kv[0]);
		char *value = expand_or_fail(c, kv[1],
		                             ACTION_CTX_GITHUB | ACTION_CTX_RUNNER |
		                                 ACTION_CTX_INPUTS | ACTION_CTX_STEPS,
		                             where);
		envp = g_environ_setenv(envp, kv[0], value, TRUE);
		g_free(value);
		g_free(where);
	}
	write_text(script, s->run);
	status = run_script(c->env, script, envp, log);
	g_ptr_array_add(r->ran, g_strdup(s->id));

	text = read_text(log);
	g_string_append(r->log, text);
	g_free(text);
	/* the runner reads a step's file commands whether it failed or not */
	text = read_text(files[0]);
	ck_assert_msg(action_parse_file_command(text, outputs, &error) == 0,
	              "step %s: $GITHUB_OUTPUT: %s", s->id, error);
	g_free(text);
	g_hash_table_iter_init(&it, outputs);
	while (g_hash_table_iter_next(&it, &k, &v))
		g_hash_table_insert(r->steps, g_strconcat(s->id, ".", k, NULL), g_strdup(v));
	text = read_text(files[1]);
	g_string_append(r->summary, text);
	g_free(text);
	for (int i = 2; i < 5; i++) {
		text = read_text(files[i]);
		ck_assert_msg(*text == '\0', "step %s wrote to $GITHUB_%s, which the tests ignore",
		              s->id, names[i]);
		g_free(text);
	}

	g_hash_table_unref(outputs);
	g_strfreev(envp);
	for (int i = 0; i < 5; i++)
		g_free(files[i]);
	g_free(script);
	g_free(log);
	return status;
}

/* `with:` values, else the evaluated defaults */
static void resolve_inputs(const action_context *c, const action_env *e, GHashTable *inputs)
{
	const action_def *a = c->action;

	for (const char *const *w = e->with; w && *w; w++) {
		const char *eq = strchr(*w, '=');
		char *name;

		ck_assert_msg(eq != NULL, "with: '%s' is not NAME=VALUE", *w);
		name = g_strndup(*w, eq - *w);
		ck_assert_msg(g_hash_table_contains(a->defaults, name), "unexpected input '%s'",
		              name);
		g_hash_table_insert(inputs, name, g_strdup(eq + 1));
	}
	for (guint i = 0; i < a->inputs->len; i++) {
		const char *name = g_ptr_array_index(a->inputs, i);
		char *where;

		if (g_hash_table_contains(inputs, name))
			continue;
		where = g_strdup_printf("default of input '%s'", name);
		g_hash_table_insert(inputs, g_strdup(name),
		                    expand_or_fail(c, g_hash_table_lookup(a->defaults, name),
		                                   ACTION_CTX_GITHUB | ACTION_CTX_RUNNER, where));
		g_free(where);
	}
}

void action_run(const action_def *a, const action_env *env, action_result *out)
{
	json_error_t jerr;
	action_context c = {a, env, NULL, NULL, NULL};

	out->failed = -1;
	out->status = 0;
	out->ran = g_ptr_array_new_with_free_func(g_free);
	out->inputs = string_table();
	out->steps = string_table();
	out->outputs = string_table();
	out->log = g_string_new(NULL);
	out->summary = g_string_new(NULL);
	c.event = json_load_file(env->event_path, 0, &jerr);
	ck_assert_msg(c.event != NULL, "%s: %s", env->event_path, jerr.text);
	c.inputs = out->inputs;
	c.outputs = out->steps;

	resolve_inputs(&c, env, out->inputs);
	for (guint i = 0; i < a->steps->len; i++) {
		/* a composite step runs only if every step before it succeeded */
		int status = run_step(&c, i, out);
		if (status != 0) {
			out->failed = (int)i;
			out->status = status;
			break;
		}
	}
	for (guint i = 0; i < a->outputs->len; i++) {
		const char *name = g_ptr_array_index(a->outputs, i);
		char *where = g_strdup_printf("output '%s'", name);
		g_hash_table_insert(out->outputs, g_strdup(name),
		                    expand_or_fail(&c, g_hash_table_lookup(a->output_value, name),
		                                   ACTION_CTX_GITHUB | ACTION_CTX_RUNNER |
		                                       ACTION_CTX_INPUTS | ACTION_CTX_STEPS,
		                                   where));
		g_free(where);
	}
	json_decref(c.event);
}

void action_result_dispose(action_result *r)
{
	g_ptr_array_unref(r->ran);
	g_hash_table_unref(r->inputs);
	g_hash_table_unref(r->steps);
	g_hash_table_unref(r->outputs);
	g_string_free(r->log, TRUE);
	g_string_free(r->summary, TRUE);
}

char *action_annotations(const char *log)
{
	char **lines = g_strsplit(log, "\n", -1);
	GString *s = g_string_new(NULL);
	char *stop = NULL; /* the end token of a ::stop-commands:: block */

	for (char **l = lines; *l; l++) {
		if (stop) {
			if (strcmp(*l, stop) == 0)
				g_clear_pointer(&stop, g_free);
			continue;
		}
		if (g_str_has_prefix(*l, "::stop-commands::")) {
			stop = g_strdup_printf("::%s::", *l + strlen("::stop-commands::"));
			continue;
		}
		if (g_str_has_prefix(*l, "::error") || g_str_has_prefix(*l, "::warning") ||
		    g_str_has_prefix(*l, "::notice"))
			g_string_append_printf(s, "%s%s", s->len ? "\n" : "", *l);
	}
	g_free(stop);
	g_strfreev(lines);
	return g_string_free(s, FALSE);
}
