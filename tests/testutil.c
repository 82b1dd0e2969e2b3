#include "testutil.h"

#include <cmark-gfm-core-extensions.h>
#include <stdlib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "isms/error.h"
#include "isms/rules.h"

char *fixture_path(const char *name)
{
	const char *dir = getenv("ISMS_FIXTURES");
	char *rel = g_build_filename(dir ? dir : "build/fixtures", name, NULL);
	char *abs = g_canonicalize_filename(rel, NULL);

	g_free(rel);
	return abs;
}

static isms_audit *open_fixture(const char *name, const char *as_of, const char *config_path,
                                isms_findings *out)
{
	isms_audit_options opts = ISMS_AUDIT_OPTIONS_INIT;
	isms_audit *a = NULL;
	char *path = fixture_path(name);
	int rc;

	opts.path = path;
	opts.config_path = config_path;
	if (as_of) {
		ck_assert_int_eq(isms_date_parse(as_of, strlen(as_of), &opts.as_of), 0);
		opts.has_as_of = 1;
	}
	rc = isms_audit_open(&a, &opts);
	ck_assert_msg(rc == 0, "cannot audit %s: %s", path, isms_error_last());
	g_free(path);
	isms_findings_init(out);
	ck_assert_int_eq(isms_rules_run(a, out), 0);
	return a;
}

isms_audit *audit_fixture(const char *name, const char *as_of, isms_findings *out)
{
	return open_fixture(name, as_of, NULL, out);
}

isms_audit *audit_fixture_config(const char *name, const char *as_of, const char *config,
                                 isms_findings *out)
{
	char *dir = g_dir_make_tmp("isms-config-XXXXXX", NULL);
	char *file = g_build_filename(dir, "config.yml", NULL);
	isms_audit *a;

	ck_assert(g_file_set_contents(file, config, -1, NULL));
	a = open_fixture(name, as_of, file, out);
	g_unlink(file);
	g_rmdir(dir);
	g_free(file);
	g_free(dir);
	return a;
}

char *waived_summary(const isms_findings *fs, const char *rule)
{
	isms_findings view = {fs->waived, NULL};

	return rule_summary(&view, rule);
}

void audit_done(isms_audit *a, isms_findings *fs)
{
	isms_findings_dispose(fs);
	isms_audit_free(a);
}

char *rule_summary(const isms_findings *fs, const char *rule)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < fs->items->len; i++) {
		const isms_finding *f = g_ptr_array_index(fs->items, i);
		if (strcmp(f->rule->id, rule) != 0)
			continue;
		if (s->len)
			g_string_append_c(s, '\n');
		g_string_append_printf(s, "%s:%d:%s", f->path ? f->path : "-", f->line,
		                       f->item ? f->item : "-");
	}
	return g_string_free(s, FALSE);
}

void expect_rule(const isms_findings *fs, const char *rule, const char *want)
{
	char *got = rule_summary(fs, rule);

	ck_assert_msg(strcmp(got, want) == 0, "%s:\nwant\n%s\ngot\n%s", rule, want, got);
	g_free(got);
}

const char *rule_message(const isms_findings *fs, const char *rule, const char *path)
{
	const isms_finding *f = find_finding(fs, rule, path);

	ck_assert_msg(f != NULL, "no %s finding for %s", rule, path ? path : "the repository");
	return f->message;
}

const isms_finding *find_finding(const isms_findings *fs, const char *rule, const char *path)
{
	for (guint i = 0; i < fs->items->len; i++) {
		const isms_finding *f = g_ptr_array_index(fs->items, i);
		if (strcmp(f->rule->id, rule) == 0 && g_strcmp0(f->path, path) == 0)
			return f;
	}
	return NULL;
}

const isms_document *find_document(const isms_audit *a, const char *path)
{
	for (guint i = 0; i < a->documents->len; i++) {
		const isms_document *d = g_ptr_array_index(a->documents, i);
		if (strcmp(d->path, path) == 0)
			return d;
	}
	return NULL;
}

int run_cli(const char *const *argv, const char *const *env, char **out, char **err)
{
	const char *prog = getenv("ISMS_AUDIT");
	const char *wrapper = getenv("ISMS_AUDIT_WRAPPER");
	GPtrArray *args = g_ptr_array_new();
	gchar **envp = g_get_environ(), **wrap = NULL;
	GError *error = NULL;
	int status = 0;
	char *o = NULL, *e = NULL;

	/* make check-valgrind: the program runs under the wrapper's command */
	if (wrapper && *wrapper) {
		ck_assert_msg(g_shell_parse_argv(wrapper, NULL, &wrap, &error),
		              "ISMS_AUDIT_WRAPPER: %s", error ? error->message : "?");
		for (gchar **w = wrap; *w; w++)
			g_ptr_array_add(args, *w);
	}
	g_ptr_array_add(args, (gpointer)(prog ? prog : "build/isms-audit"));
	for (; *argv; argv++)
		g_ptr_array_add(args, (gpointer)*argv);
	g_ptr_array_add(args, NULL);
	envp = g_environ_unsetenv(envp, "NO_COLOR");
	for (; env && *env; env++) {
		char **kv = g_strsplit(*env, "=", 2);
		envp = g_environ_setenv(envp, kv[0], kv[1], TRUE);
		g_strfreev(kv);
	}
	gboolean ok = g_spawn_sync(NULL, (gchar **)args->pdata, envp,
	                           wrap ? G_SPAWN_SEARCH_PATH : G_SPAWN_DEFAULT, NULL, NULL, &o, &e,
	                           &status, &error);
	ck_assert_msg(ok, "cannot run the program: %s", error ? error->message : "?");
	g_ptr_array_free(args, TRUE);
	g_strfreev(wrap);
	g_strfreev(envp);
	if (out)
		*out = o;
	else
		g_free(o);
	if (err)
		*err = e;
	else
		g_free(e);
	ck_assert_msg(WIFEXITED(status), "the program did not exit normally");
	return WEXITSTATUS(status);
}

char *output_or_fail(const char *const *argv)
{
	GError *error = NULL;
	int status = 0;
	char *out = NULL, *err = NULL;
	gboolean ok = g_spawn_sync(NULL, (gchar **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
	                           &out, &err, &status, &error);

	ck_assert_msg(ok && WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s %s failed: %s",
	              argv[0], argv[1] ? argv[1] : "",
	              err     ? err
	              : error ? error->message
	                      : "?");
	g_free(err);
	return out;
}

json_t *json_at(json_t *root, const char *path)
{
	json_t *v = root;
	char **keys = g_strsplit(path, ".", -1);

	for (char **k = keys; *k && v; k++)
		v = g_ascii_isdigit(**k) ? json_array_get(v, g_ascii_strtoull(*k, NULL, 10))
		                         : json_object_get(v, *k);
	g_strfreev(keys);
	return v;
}

const char *json_string_at(json_t *root, const char *path)
{
	const char *s = json_string_value(json_at(root, path));

	ck_assert_msg(s != NULL, "%s is not a string", path);
	return s;
}

void run_or_fail(const char *const *argv)
{
	g_free(output_or_fail(argv));
}

const char *commit_date(const isms_audit *a, guint32 index)
{
	static char buf[ISMS_DATE_BUFSIZE];

	return isms_date_format(isms_audit_commit(a, index)->date, buf);
}

void drop_management(isms_findings *fs)
{
	static const char *const ids[] = {"MANDATORY-DOC-MISSING",
	                                  "MANDATORY-CLAUSES-UNDECLARED",
	                                  "MR-OVERDUE",
	                                  "IA-OVERDUE",
	                                  "RISK-REGISTER-MISSING",
	                                  NULL};

	for (guint i = fs->items->len; i > 0; i--) {
		const isms_finding *f = g_ptr_array_index(fs->items, i - 1);
		/* a history without any approval evidence: one finding */
		if (strcmp(f->rule->id, "DOC-CHANGE-UNAPPROVED") == 0 && !f->path) {
			g_ptr_array_remove_index(fs->items, i - 1);
			continue;
		}
		for (int k = 0; ids[k]; k++)
			if (strcmp(f->rule->id, ids[k]) == 0) {
				g_ptr_array_remove_index(fs->items, i - 1);
				break;
			}
	}
}

/* ---- golden files ------------------------------------------------------- */

char *replace_all(const char *text, const char *from, const char *to)
{
	GString *s = g_string_new(text);

	if (*from)
		g_string_replace(s, from, to, 0);
	return g_string_free(s, FALSE);
}

char *run_report(const char *fixture, const char *as_of, const char *const *extra, int *rc)
{
	char *path = fixture_path(fixture), *out = NULL, *norm;
	const char *argv[32] = {"check", path, "--as-of", as_of};
	int n = 4;

	for (; extra && *extra && n < 31; extra++)
		argv[n++] = *extra;
	argv[n] = NULL;
	*rc = run_cli(argv, (const char *const[]){"NO_COLOR=1", NULL}, &out, NULL);
	norm = replace_all(out, path, "$FIXTURE");
	g_free(out);
	g_free(path);
	return norm;
}

char *version_output(void)
{
	char *libs = isms_library_versions(), *out;

	out = g_strdup_printf("isms-audit %s\nwith %s\n", isms_version, libs);
	g_free(libs);
	return out;
}

/* Golden files hold @VERSION@ where the program names its version, which
 * changes with every commit (scripts/version). */
void expect_golden(const char *name, const char *report)
{
	const char *src = getenv("ISMS_SRCDIR");
	char *path = g_build_filename(src ? src : ".", "tests", "golden", name, NULL);
	char *want = NULL, *actual = replace_all(report, isms_version, "@VERSION@");
	gsize len = 0;

	if (getenv("ISMS_UPDATE_GOLDEN")) {
		char *dir = g_path_get_dirname(path);
		g_mkdir_with_parents(dir, 0755);
		ck_assert_msg(g_file_set_contents(path, actual, -1, NULL), "cannot write %s", path);
		g_free(dir);
		g_free(path);
		g_free(actual);
		return;
	}
	ck_assert_msg(g_file_get_contents(path, &want, &len, NULL),
	              "missing golden file %s (run 'make golden' to create it)", path);
	if (strcmp(want, actual) != 0) {
		/* name the first differing line, keep the whole output for diff(1) */
		char *got = g_strconcat(path, ".actual", NULL);
		int line = 1;
		const char *w = want, *a = actual;
		for (; *w && *w == *a; w++, a++)
			line += *w == '\n';
		g_file_set_contents(got, actual, -1, NULL);
		ck_abort_msg("%s differs from the golden file at line %d (output kept in %s; "
		             "'make golden' accepts it)",
		             name, line, got);
	}
	g_free(want);
	g_free(path);
	g_free(actual);
}

const char *commit_hex(const isms_audit *a, guint32 index)
{
	static char buf[GIT_OID_HEXSZ + 1];

	return isms_audit_commit_hex(a, index, buf);
}

/* ---- reports and their checkers ------------------------------------------ */

char *render_report(isms_report_fn fn, const isms_audit *a, const isms_findings *fs,
                    const isms_report_options *opts)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fn(a, fs, opts, f), 0);
	ck_assert_int_eq(fclose(f), 0);
	return buf;
}

static char *source_path(const char *rel)
{
	const char *src = getenv("ISMS_SRCDIR");

	return g_build_filename(src ? src : ".", rel, NULL);
}

int run_checker(const char *const *argv, const char *ext, const char *text, char **complaint)
{
	char *dir = g_dir_make_tmp("isms-ci-XXXXXX", NULL);
	char *file = g_strconcat(dir, "/report.", ext, NULL);
	const char *args[8];
	char *out = NULL, *err = NULL;
	GError *error = NULL;
	int n = 0, status = 0;

	ck_assert_msg(g_file_test(argv[0], G_FILE_TEST_IS_EXECUTABLE),
	              "%s is needed to validate the %s report (Debian: python3-jsonschema, "
	              "libxml2-utils)",
	              argv[0], ext);
	ck_assert(g_file_set_contents(file, text, -1, NULL));
	for (; argv[n] && n < 6; n++)
		args[n] = argv[n];
	args[n++] = file;
	args[n] = NULL;
	ck_assert_msg(g_spawn_sync(NULL, (gchar **)args, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
	                           &err, &status, &error),
	              "cannot run %s: %s", argv[0], error ? error->message : "?");
	ck_assert_msg(WIFEXITED(status), "%s did not exit normally", argv[0]);
	*complaint = g_strconcat(out, err, NULL);
	g_unlink(file);
	g_rmdir(dir);
	g_free(out);
	g_free(err);
	g_free(file);
	g_free(dir);
	return WEXITSTATUS(status);
}

const char *const *sarif_checker(void)
{
	static char *argv[4];

	if (!argv[0]) {
		argv[0] = "/usr/bin/python3";
		argv[1] = source_path("tests/tools/validate-json-schema");
		argv[2] = source_path("tests/data/sarif-schema-2.1.0.json");
	}
	return (const char *const *)argv;
}

const char *const *junit_checker(void)
{
	static char *argv[6];

	if (!argv[0]) {
		argv[0] = "/usr/bin/xmllint";
		argv[1] = "--noout";
		argv[2] = "--nonet";
		argv[3] = "--schema";
		argv[4] = source_path("tests/data/junit.xsd");
	}
	return (const char *const *)argv;
}

void expect_valid_sarif(const char *text)
{
	char *complaint;
	int status = run_checker(sarif_checker(), "sarif", text, &complaint);

	/* its complaint tells an invalid report from a checker that cannot run */
	ck_assert_msg(status == 0,
	              "the SARIF log does not follow the schema (checker exit %d):\n%s", status,
	              complaint);
	g_free(complaint);
}

void expect_valid_junit(const char *text)
{
	char *complaint;
	int status = run_checker(junit_checker(), "xml", text, &complaint);

	/* its complaint tells an invalid report from a checker that cannot run */
	ck_assert_msg(status == 0,
	              "the JUnit report does not follow junit.xsd (checker exit %d):\n%s", status,
	              complaint);
	g_free(complaint);
}

/* The attributes of the tag from `p` to `end` (its '>'): none loads or
 * runs anything (src, on..., xlink, a style with url()) and links stay on
 * the page. Values are double-quoted, as the report writes them. */
static void expect_inert_attributes(const char *p, const char *end)
{
	const char *a = p + 1 + strcspn(p + 1, " >");

	while (a < end) {
		size_t n;
		char *attr;
		a += strspn(a, " \n/");
		n = strspn(a, "abcdefghijklmnopqrstuvwxyz0123456789:-");
		if (n == 0)
			break;
		attr = g_strndup(a, n);
		ck_assert_msg(strcmp(attr, "src") != 0 && !g_str_has_prefix(attr, "on") &&
		                  !g_str_has_prefix(attr, "xlink"),
		              "attribute '%s' in '%.*s'", attr, (int)(end - p + 1), p);
		a += n;
		if (*a == '=') {
			const char *close;
			ck_assert_msg(a[1] == '"', "unquoted value in '%.*s'", (int)(end - p + 1),
			              p);
			close = strchr(a + 2, '"');
			ck_assert_msg(close && close < end, "unterminated value in '%.60s'", p);
			if (strcmp(attr, "href") == 0)
				ck_assert_msg(a[2] == '#', "a link out of the page: '%.*s'",
				              (int)(end - p + 1), p);
			if (strcmp(attr, "style") == 0)
				ck_assert_msg(!g_strstr_len(a, close - a, "url("),
				              "url() in '%.60s'", p);
			a = close + 1;
		}
		g_free(attr);
	}
}

void expect_inert_html(const char *html)
{
	static const char *const voids[] = {"meta", "br", NULL};
	GPtrArray *stack = g_ptr_array_new_with_free_func(g_free);

	for (const char *p = strchr(html, '<'); p; p = strchr(p, '<')) {
		const char *end = strchr(p, '>'), *name = p + 1;
		size_t len;
		int closing = *name == '/', is_void = 0;
		ck_assert_msg(end != NULL, "unterminated tag at '%.40s'", p);
		if (*name == '!') {
			p = end;
			continue;
		}
		expect_inert_attributes(p, end);
		name += closing;
		len = strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-");
		ck_assert_msg(len > 0, "not a tag: '%.40s'", p);
		for (int i = 0; voids[i]; i++)
			is_void |= strlen(voids[i]) == len && strncmp(name, voids[i], len) == 0;
		if (closing) {
			char *open;
			ck_assert_msg(stack->len > 0, "'%.40s' closes nothing", p);
			open = g_ptr_array_index(stack, stack->len - 1);
			ck_assert_msg(strlen(open) == len && strncmp(open, name, len) == 0,
			              "'%.40s' closes <%s>", p, open);
			g_ptr_array_remove_index(stack, stack->len - 1);
		} else if (!is_void && end[-1] != '/') {
			g_ptr_array_add(stack, g_strndup(name, len));
		}
		p = end;
	}
	ck_assert_msg(stack->len == 0, "<%s> is never closed",
	              stack->len ? (char *)g_ptr_array_index(stack, 0) : "");
	g_ptr_array_free(stack, TRUE);
}

static cmark_parser *gfm_parser(void)
{
	static const char *const extensions[] = {"table", "strikethrough", "autolink", "tagfilter"};
	cmark_parser *parser;

	cmark_gfm_core_extensions_ensure_registered();
	parser = cmark_parser_new(CMARK_OPT_UNSAFE);
	for (size_t i = 0; i < G_N_ELEMENTS(extensions); i++)
		cmark_parser_attach_syntax_extension(parser,
		                                     cmark_find_syntax_extension(extensions[i]));
	return parser;
}

cmark_node *gfm_parse(const char *md)
{
	cmark_parser *parser = gfm_parser();
	cmark_node *doc;

	cmark_parser_feed(parser, md, strlen(md));
	doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	return doc;
}

char *gfm_html(const char *md)
{
	cmark_parser *parser = gfm_parser();
	cmark_node *doc;
	char *html;

	cmark_parser_feed(parser, md, strlen(md));
	doc = cmark_parser_finish(parser);
	html = cmark_render_html(doc, CMARK_OPT_UNSAFE, cmark_parser_get_syntax_extensions(parser));
	cmark_node_free(doc);
	cmark_parser_free(parser);
	return html;
}
