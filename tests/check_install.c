/* Installing and first use: `make install` and `make uninstall` on the
 * built tree, the manual page (rendered without warnings, listing the rule
 * and format tables and the options of --help), the pre-commit hook, and
 * the usage errors a new user meets. */
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "isms/report.h"
#include "isms/rules.h"
#include "testutil.h"

#define RUN(out, err, ...) run_cli((const char *const[]){__VA_ARGS__, NULL}, NULL, out, err)

static const char *srcdir(void)
{
	return getenv("ISMS_SRCDIR") ? getenv("ISMS_SRCDIR") : ".";
}

/* The build folder in use: the program's folder, relative to the source
 * tree when it is inside it (make names its targets so). Caller frees. */
static char *build_dir(void)
{
	const char *prog = getenv("ISMS_AUDIT") ? getenv("ISMS_AUDIT") : "build/isms-audit";
	char *dir = g_path_get_dirname(prog), *cwd = g_get_current_dir();
	char *abs = g_canonicalize_filename(dir, cwd);
	char *src = g_canonicalize_filename(srcdir(), cwd);
	size_t n = strlen(src);
	char *out;

	if (strncmp(abs, src, n) == 0 && abs[n] == '/')
		out = g_strdup(abs + n + 1);
	else
		out = g_strdup(abs);
	g_free(dir);
	g_free(cwd);
	g_free(abs);
	g_free(src);
	return out;
}

/* Run argv (searched on PATH) in `cwd` (NULL: here), without the make
 * variables of the make that runs the tests, in the C.UTF-8 locale; returns
 * the exit status, the outputs (caller frees; NULL: dropped). */
static int run_tool(const char *cwd, const char *const *argv, char **out, char **err)
{
	static const char *const drop[] = {"MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES",
	                                   "MANPAGER",  "PAGER",     NULL};
	gchar **envp = g_get_environ();
	GError *error = NULL;
	char *o = NULL, *e = NULL;
	int status = 0;

	for (int i = 0; drop[i]; i++)
		envp = g_environ_unsetenv(envp, drop[i]);
	envp = g_environ_setenv(envp, "LC_ALL", "C.UTF-8", TRUE);
	gboolean ok = g_spawn_sync(cwd, (gchar **)argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL, &o,
	                           &e, &status, &error);
	ck_assert_msg(ok, "cannot run %s: %s", argv[0], error ? error->message : "?");
	g_strfreev(envp);
	if (out)
		*out = o;
	else
		g_free(o);
	if (err)
		*err = e;
	else
		g_free(e);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* `make -C SRCDIR BUILD=<the build folder> TARGET DESTDIR=dest [PREFIX=prefix]`;
 * fails the test unless make succeeds. */
static void make(const char *target, const char *dest, const char *prefix)
{
	char *b = build_dir(), *build = g_strdup_printf("BUILD=%s", b);
	char *destdir = g_strdup_printf("DESTDIR=%s", dest);
	char *pfx = prefix ? g_strdup_printf("PREFIX=%s", prefix) : NULL;
	const char *argv[] = {
	    "make", "--no-print-directory", "-C", srcdir(), build, target, destdir, pfx, NULL};
	char *err = NULL;
	int rc = run_tool(NULL, argv, NULL, &err);

	ck_assert_msg(rc == 0, "make %s failed (%d): %s", target, rc, err);
	g_free(err);
	g_free(pfx);
	g_free(destdir);
	g_free(build);
	g_free(b);
}

/* Every file below root as "path mode" lines, sorted; directories are
 * walked, not listed. */
static void walk(const char *root, const char *rel, GPtrArray *lines)
{
	char *dir = rel ? g_build_filename(root, rel, NULL) : g_strdup(root);
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;

	ck_assert_ptr_nonnull(d);
	while ((name = g_dir_read_name(d))) {
		char *r = rel ? g_build_filename(rel, name, NULL) : g_strdup(name);
		char *path = g_build_filename(root, r, NULL);
		struct stat st;

		ck_assert_int_eq(lstat(path, &st), 0);
		if (S_ISDIR(st.st_mode))
			walk(root, r, lines);
		else
			g_ptr_array_add(
			    lines, g_strdup_printf("%s %04o", r, (unsigned)st.st_mode & 07777));
		g_free(path);
		g_free(r);
	}
	g_dir_close(d);
	g_free(dir);
}

static int by_string(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The files below root, one "path mode\n" each; caller frees. */
static char *tree(const char *root)
{
	GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
	GString *s = g_string_new(NULL);

	walk(root, NULL, lines);
	g_ptr_array_sort(lines, by_string);
	for (guint i = 0; i < lines->len; i++)
		g_string_append_printf(s, "%s\n", (char *)g_ptr_array_index(lines, i));
	g_ptr_array_free(lines, TRUE);
	return g_string_free(s, FALSE);
}

static void remove_tree(char *dir)
{
	run_or_fail((const char *const[]){"rm", "-rf", dir, NULL});
	g_free(dir);
}

static char *built(const char *name)
{
	char *b = build_dir(), *cwd = g_get_current_dir();
	char *rel = g_build_filename(b, name, NULL);
	char *path =
	    g_path_is_absolute(rel) ? g_strdup(rel) : g_build_filename(srcdir(), rel, NULL);
	char *abs = g_canonicalize_filename(path, cwd);

	g_free(b);
	g_free(cwd);
	g_free(rel);
	g_free(path);
	return abs;
}

static gint64 mtime(const char *path)
{
	GStatBuf st;

	ck_assert_msg(g_stat(path, &st) == 0, "%s is missing", path);
	return (gint64)st.st_mtime;
}

static void expect_same_file(const char *a, const char *b)
{
	char *x = NULL, *y = NULL;
	gsize nx = 0, ny = 0;

	ck_assert(g_file_get_contents(a, &x, &nx, NULL));
	ck_assert(g_file_get_contents(b, &y, &ny, NULL));
	ck_assert_msg(nx == ny && memcmp(x, y, nx) == 0, "%s differs from %s", a, b);
	g_free(x);
	g_free(y);
}

START_TEST(install_puts_the_program_and_its_page_under_destdir_and_prefix)
{
	char *dest = g_dir_make_tmp("isms-install-XXXXXX", NULL);
	char *prog = built("isms-audit"), *page = built("isms-audit.1");
	char *bin = g_build_filename(dest, "usr/bin/isms-audit", NULL);
	char *man = g_build_filename(dest, "usr/share/man/man1/isms-audit.1", NULL);
	gint64 prog_time = mtime(prog), page_time = mtime(page);
	char *files, *out;

	make("install", dest, "/usr");
	files = tree(dest);
	ck_assert_str_eq(files, "usr/bin/isms-audit 0755\n"
	                        "usr/share/man/man1/isms-audit.1 0644\n");
	g_free(files);
	expect_same_file(bin, prog);
	expect_same_file(man, page);
	/* installing rebuilt nothing */
	ck_assert(mtime(prog) == prog_time);
	ck_assert(mtime(page) == page_time);
	ck_assert_int_eq(run_tool(NULL, (const char *const[]){bin, "--version", NULL}, &out, NULL),
	                 0);
	{
		char *want = version_output();
		ck_assert_str_eq(out, want);
		g_free(want);
	}
	g_free(out);

	make("uninstall", dest, "/usr");
	files = tree(dest);
	ck_assert_str_eq(files, "");
	g_free(files);
	g_free(man);
	g_free(bin);
	g_free(page);
	g_free(prog);
	remove_tree(dest);
}
END_TEST

START_TEST(install_prefix_defaults_to_usr_local)
{
	char *dest = g_dir_make_tmp("isms-install-XXXXXX", NULL);
	char *files;

	make("install", dest, NULL);
	files = tree(dest);
	ck_assert_str_eq(files, "usr/local/bin/isms-audit 0755\n"
	                        "usr/local/share/man/man1/isms-audit.1 0644\n");
	g_free(files);
	make("uninstall", dest, NULL);
	files = tree(dest);
	ck_assert_str_eq(files, "");
	g_free(files);
	remove_tree(dest);
}
END_TEST

START_TEST(man_page_renders_without_warnings)
{
	char *page = built("isms-audit.1"), *out, *err;

	/* groff, as man(1) runs it, with every warning on */
	ck_assert_int_eq(
	    run_tool(NULL,
	             (const char *const[]){"groff", "-man", "-Tutf8", "-ww", "-z", page, NULL},
	             &out, &err),
	    0);
	ck_assert_str_eq(err, "");
	g_free(out);
	g_free(err);
	/* mandoc's checker, down to style */
	ck_assert_int_eq(
	    run_tool(NULL, (const char *const[]){"mandoc", "-T", "lint", "-W", "style", page, NULL},
	             &out, &err),
	    0);
	ck_assert_str_eq(out, "");
	ck_assert_str_eq(err, "");
	g_free(out);
	g_free(err);
	/* what a reader sees: options and rule ids typed with ASCII hyphens */
	ck_assert_int_eq(run_tool(NULL,
	                          (const char *const[]){"groff", "-man", "-Tascii", "-P-cbou",
	                                                "-rLL=200n", page, NULL},
	                          &out, NULL),
	                 0);
	ck_assert_ptr_nonnull(strstr(out, "\nNAME\n       isms-audit - audit an ISO/IEC 27001 ISMS "
	                                  "kept as documents in a Git repository\n"));
	ck_assert_ptr_nonnull(
	    strstr(out, "\n       --base REV\n              Report only what the "
	                "change since REV introduces, for pull requests: the findings"));
	ck_assert_ptr_nonnull(strstr(out,
	                             "\n       DOC-REVIEW-OVERDUE\n              clause 7.5.2, "
	                             "minor, from commit dates: the document's review is "
	                             "overdue\n"));
	{
		char *want = g_strconcat("isms-audit ", isms_version, NULL);
		ck_assert_ptr_nonnull(strstr(out, want));
		g_free(want);
	}
	g_free(out);
	g_free(page);
}
END_TEST

/* The lines of the page source after ".SH NAME" up to the next ".SH",
 * from the newline before the first. Caller frees. */
static char *section(const char *page, const char *name)
{
	char *head = g_strdup_printf("\n.SH %s\n", name);
	const char *start = strstr(page, head), *end;
	char *out;

	ck_assert_msg(start != NULL, "no section %s", name);
	start += strlen(head) - 1; /* from the newline before its first line */
	end = strstr(start, "\n.SH ");
	out = end ? g_strndup(start, (gsize)(end - start + 1)) : g_strdup(start);
	g_free(head);
	return out;
}

/* The tags of a section's ".TP" paragraphs written ".B TAG", with roff's
 * minus signs as hyphens, one per line. Caller frees. */
static char *tags(const char *text)
{
	gchar **lines = g_strsplit(text, "\n", -1);
	GString *s = g_string_new(NULL);

	for (int i = 0; lines[i] && lines[i + 1]; i++) {
		if (strcmp(lines[i], ".TP") == 0 && g_str_has_prefix(lines[i + 1], ".B ")) {
			char *t = replace_all(lines[i + 1] + 3, "\\-", "-");
			g_string_append_printf(s, "%s\n", t);
			g_free(t);
		}
	}
	g_strfreev(lines);
	return g_string_free(s, FALSE);
}

static char *read_page(void)
{
	char *path = built("isms-audit.1"), *text = NULL;

	ck_assert_msg(g_file_get_contents(path, &text, NULL, NULL), "cannot read %s", path);
	g_free(path);
	return text;
}

START_TEST(man_page_lists_the_rule_and_format_tables)
{
	char *page = read_page(), *rules = section(page, "RULES"),
	     *formats = section(page, "FORMATS");
	char *got = tags(rules);
	GString *want = g_string_new(NULL);

	for (size_t i = 0; i < isms_rules_count; i++)
		g_string_append_printf(want, "%s\n", isms_rules[i].id);
	ck_assert_str_eq(got, want->str);
	g_free(got);
	ck_assert_ptr_nonnull(strstr(rules,
	                             "\n.TP\n.B ACT\\-REMOVED\nclause 10.2 f, minor: an item "
	                             "that once existed is absent from every register\n"));
	g_string_truncate(want, 0);
	for (size_t i = 0; i < isms_report_formats_count; i++)
		g_string_append_printf(want, "%s\n", isms_report_formats[i].name);
	got = tags(formats);
	ck_assert_str_eq(got, want->str);
	g_free(got);
	ck_assert_ptr_nonnull(
	    strstr(formats, "\n.TP\n.B sarif\nSARIF 2.1.0 for GitHub code scanning\n"));
	g_string_free(want, TRUE);
	g_free(formats);
	g_free(rules);
	g_free(page);
}
END_TEST

/* The distinct matches of `pattern` in `text`, sorted, one per line, with
 * roff's "\-" read as "-". Caller frees. */
static char *options_in(const char *text, const char *pattern)
{
	GRegex *re = g_regex_new(pattern, 0, 0, NULL);
	GMatchInfo *m = NULL;
	GPtrArray *found = g_ptr_array_new_with_free_func(g_free);
	GString *s = g_string_new(NULL);

	g_regex_match(re, text, 0, &m);
	for (; g_match_info_matches(m); g_match_info_next(m, NULL)) {
		char *word = g_match_info_fetch(m, 0), *opt = replace_all(word, "\\-", "-");
		gboolean seen = FALSE;

		for (guint i = 0; i < found->len; i++)
			seen |= strcmp(g_ptr_array_index(found, i), opt) == 0;
		if (seen)
			g_free(opt);
		else
			g_ptr_array_add(found, opt);
		g_free(word);
	}
	g_match_info_free(m);
	g_regex_unref(re);
	g_ptr_array_sort(found, by_string);
	for (guint i = 0; i < found->len; i++)
		g_string_append_printf(s, "%s\n", (char *)g_ptr_array_index(found, i));
	g_ptr_array_free(found, TRUE);
	return g_string_free(s, FALSE);
}

START_TEST(help_and_man_page_list_the_same_options)
{
	char *page = read_page(), *options = section(page, "OPTIONS"), *help, *in_help, *in_page;

	ck_assert_int_eq(RUN(&help, NULL, "--help"), 0);
	in_help = options_in(help, "--[a-z][a-z-]*");
	in_page = options_in(options, "\\\\-\\\\-[a-z](\\\\-|[a-z])*");
	/* the lists were read at all */
	ck_assert_ptr_nonnull(strstr(in_help, "--as-of\n--base\n"));
	ck_assert_msg(strcmp(in_help, in_page) == 0,
	              "--help and the manual's OPTIONS differ:\n--help:\n%s\nOPTIONS:\n%s", in_help,
	              in_page);
	g_free(in_page);
	g_free(in_help);
	g_free(help);
	g_free(options);
	g_free(page);
}
END_TEST

START_TEST(every_command_is_in_the_synopsis_and_the_help)
{
	static const char *const commands[] = {"check",   "trend",  "rules",
	                                       "explain", "config", "init"};
	char *page = read_page(), *synopsis = section(page, "SYNOPSIS"), *help;

	ck_assert_int_eq(RUN(&help, NULL, "--help"), 0);
	for (size_t i = 0; i < G_N_ELEMENTS(commands); i++) {
		char *line = g_strdup_printf("\n.B isms-audit %s", commands[i]);
		char *usage = g_strdup_printf(" isms-audit %s", commands[i]);
		char *listed = g_strdup_printf("\n  %s ", commands[i]);

		ck_assert_msg(strstr(synopsis, line) != NULL, "%s is not in the SYNOPSIS",
		              commands[i]);
		ck_assert_msg(strstr(help, usage) != NULL, "%s is not in the usage", commands[i]);
		ck_assert_msg(strstr(help, listed) != NULL,
		              "%s is not under commands:", commands[i]);
		g_free(listed);
		g_free(usage);
		g_free(line);
	}
	g_free(help);
	g_free(synopsis);
	g_free(page);
}
END_TEST

/* .pre-commit-hooks.yaml as "key=value" lines of its one hook (a list
 * joined by ","), in file order. Caller frees. */
static char *hook_manifest(void)
{
	char *path = g_build_filename(srcdir(), ".pre-commit-hooks.yaml", NULL), *text = NULL;
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root, *hook;
	GString *s = g_string_new(NULL);
	gsize len = 0;

	ck_assert(g_file_get_contents(path, &text, &len, NULL));
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	ck_assert(yaml_parser_load(&parser, &doc));
	root = yaml_document_get_root_node(&doc);
	ck_assert(root && root->type == YAML_SEQUENCE_NODE);
	ck_assert_int_eq(root->data.sequence.items.top - root->data.sequence.items.start, 1);
	hook = yaml_document_get_node(&doc, *root->data.sequence.items.start);
	ck_assert(hook->type == YAML_MAPPING_NODE);
	for (yaml_node_pair_t *p = hook->data.mapping.pairs.start; p < hook->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = yaml_document_get_node(&doc, p->key);
		yaml_node_t *v = yaml_document_get_node(&doc, p->value);

		g_string_append_printf(s, "%s=", (char *)k->data.scalar.value);
		if (v->type == YAML_SCALAR_NODE) {
			g_string_append(s, (char *)v->data.scalar.value);
		} else {
			ck_assert(v->type == YAML_SEQUENCE_NODE);
			for (yaml_node_item_t *i = v->data.sequence.items.start;
			     i < v->data.sequence.items.top; i++)
				g_string_append_printf(
				    s, "%s%s", i == v->data.sequence.items.start ? "" : ",",
				    (char *)yaml_document_get_node(&doc, *i)->data.scalar.value);
		}
		g_string_append_c(s, '\n');
	}
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	g_free(text);
	g_free(path);
	return g_string_free(s, FALSE);
}

START_TEST(pre_commit_hook_audits_head_before_a_push)
{
	char *manifest = hook_manifest();
	const char *files = "(\\.md|\\.md\\.erb)$|^\\.isms-audit\\.ya?ml$";
	char *want = g_strdup_printf("id=isms-audit\n"
	                             "name=isms-audit (ISO 27001 ISMS audit of HEAD)\n"
	                             "description=audit the ISMS documents committed at HEAD and "
	                             "their history\n"
	                             "entry=isms-audit check\n"
	                             "language=system\n"
	                             "pass_filenames=false\n"
	                             "files=%s\n"
	                             "stages=pre-push,manual\n"
	                             "minimum_pre_commit_version=3.2.0\n",
	                             files);
	/* pre-commit's file filter is a Python regex searched in each changed
	 * path; this one means the same to PCRE */
	static const struct {
		const char *path;
		gboolean match;
	} paths[] = {
	    {"isms/policies/access-control.md", TRUE},
	    {"source/documentation/index.html.md.erb", TRUE},
	    {".isms-audit.yml", TRUE},
	    {".isms-audit.yaml", TRUE},
	    {"README.md", TRUE}, /* not audited, but cheap to include */
	    {"src/cli/main.c", FALSE},
	    {"docs/.isms-audit.yml", FALSE},
	    {"notes.mdx", FALSE},
	};
	GRegex *re = g_regex_new(files, 0, 0, NULL);

	ck_assert_str_eq(manifest, want);
	for (size_t i = 0; i < G_N_ELEMENTS(paths); i++)
		ck_assert_msg(g_regex_match(re, paths[i].path, 0, NULL) == paths[i].match, "%s",
		              paths[i].path);
	g_regex_unref(re);
	g_free(want);
	g_free(manifest);
}
END_TEST

/* pre-commit runs the entry in the repository's root with the hook's args
 * and, with pass_filenames false, no file names: the audit of '.'. */
START_TEST(pre_commit_entry_audits_the_repository_it_runs_in)
{
	char *repo = fixture_path("rules/healthy"), *here, *there, *err;
	const char *prog = getenv("ISMS_AUDIT") ? getenv("ISMS_AUDIT") : "build/isms-audit";
	char *cwd = g_get_current_dir(), *abs = g_canonicalize_filename(prog, cwd);
	int rc_here, rc_there;

	rc_here = run_tool(repo,
	                   (const char *const[]){abs, "check", "--as-of", "2026-01-15", "--format",
	                                         "github", NULL},
	                   &here, &err);
	ck_assert_str_eq(err, "");
	g_free(err);
	rc_there = RUN(&there, NULL, "check", repo, "--as-of", "2026-01-15", "--format", "github");
	ck_assert_int_eq(rc_here, 0);
	ck_assert_int_eq(rc_there, 0);
	ck_assert_str_eq(here, there);
	ck_assert_ptr_nonnull(strstr(here, "::notice "));
	g_free(here);
	g_free(there);
	/* what pre-commit would run with pass_filenames left true */
	ck_assert_int_eq(RUN(NULL, &err, "check", "a.md", "b.md"), 2);
	ck_assert_str_eq(err, "isms-audit: unexpected argument 'b.md' (check takes one PATH: the "
	                      "repository, or a folder in it)\n"
	                      "Try 'isms-audit --help'.\n");
	g_free(err);
	g_free(abs);
	g_free(cwd);
	g_free(repo);
}
END_TEST

/* Each usage error names the argument and the cause, and where one exists
 * a next step. */
START_TEST(usage_errors_tell_a_new_user_what_to_do)
{
	static const struct {
		const char *argv[4];
		const char *message;
	} cases[] = {
	    {{NULL},
	     "missing command: check, trend, rules, explain, config or init (to audit the "
	     "repository here: 'isms-audit check')"},
	    {{"chek"},
	     "unknown command 'chek': did you mean 'check'? (check, trend, rules, explain, config "
	     "or init)"},
	    {{"/"}, "unknown command '/': to audit that folder, run 'isms-audit check /'"},
	    {{"--format", "json"},
	     "option '--format' before any command: give the command first, as "
	     "'isms-audit check --format json'"},
	    {{"check", "--nope"}, "unknown option '--nope' for check"},
	    {{"check", "--as-of"}, "option '--as-of' of check needs a value"},
	    {{"check", "--allow-shallow=yes"}, "option '--allow-shallow' of check takes no value"},
	    {{"check", "-as-of", "2026-01-01"},
	     "unknown option '-a' for check (options start with '--')"},
	    {{"trend", "--since"}, "option '--since' of trend needs a value"},
	    {{"trend", "."},
	     "trend needs --since DATE, the first day of the trend (as --since "
	     "2026-01-01)"},
	    {{"init", "--forse"}, "unknown option '--forse' for init: did you mean '--force'?"},
	    {{"rules", "DOC-STALE-CONTENT"},
	     "unexpected argument 'DOC-STALE-CONTENT' (rules takes "
	     "none)"},
	    {{"explain"},
	     "explain takes one rule id, as 'isms-audit explain DOC-REVIEW-OVERDUE' (the "
	     "ids: 'isms-audit rules')"},
	    {{"explain", "NOPE"}, "unknown rule 'NOPE' (see 'isms-audit rules')"},
	    {{"config"}, "config takes one of --explain [KEY] and --schema"},
	    {{"config", "--schema", "paths"},
	     "unexpected argument 'paths' (config takes --explain [KEY] or --schema)"},
	    {{"check", "--format", "xml"},
	     "--format: unknown format 'xml' (text, json, sarif, junit, "
	     "codeclimate, github, markdown, html)"},
	    {{"check", "--format", "json:"},
	     "--format: 'json:' names no file after ':' (--format "
	     "json alone writes to standard output)"},
	    {{"check", "--fail-on", "all"},
	     "--fail-on: 'all' is not major, minor, observation or never"},
	};

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		const char *argv[5] = {NULL};
		char *out, *err,
		    *want = g_strdup_printf("isms-audit: %s\nTry 'isms-audit --help'.\n",
		                            cases[i].message);

		for (int k = 0; k < 4 && cases[i].argv[k]; k++)
			argv[k] = cases[i].argv[k];
		ck_assert_int_eq(run_cli(argv, NULL, &out, &err), 2);
		ck_assert_str_eq(out, "");
		ck_assert_str_eq(err, want);
		g_free(want);
		g_free(out);
		g_free(err);
	}
}
END_TEST

START_TEST(help_of_any_command_is_the_help)
{
	char *help, *out;

	ck_assert_int_eq(RUN(&help, NULL, "--help"), 0);
	ck_assert_ptr_nonnull(strstr(help,
	                             "\n  --base REV         report only what the change since "
	                             "REV introduces (pull\n"));
	ck_assert_ptr_nonnull(strstr(help, "\nreport formats of check:\n  text         "));
	static const char *const commands[] = {"check",   "trend",  "rules",
	                                       "explain", "config", "init"};
	for (size_t i = 0; i < G_N_ELEMENTS(commands); i++) {
		ck_assert_int_eq(RUN(&out, NULL, commands[i], "--help"), 0);
		ck_assert_str_eq(out, help);
		g_free(out);
	}
	ck_assert_int_eq(RUN(&out, NULL, "help"), 0);
	ck_assert_str_eq(out, help);
	g_free(out);
	g_free(help);
}
END_TEST

Suite *install_suite(void)
{
	Suite *s = suite_create("install");
	TCase *tc = tcase_create("install");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, install_puts_the_program_and_its_page_under_destdir_and_prefix);
	tcase_add_test(tc, install_prefix_defaults_to_usr_local);
	tcase_add_test(tc, man_page_renders_without_warnings);
	tcase_add_test(tc, man_page_lists_the_rule_and_format_tables);
	tcase_add_test(tc, help_and_man_page_list_the_same_options);
	tcase_add_test(tc, every_command_is_in_the_synopsis_and_the_help);
	tcase_add_test(tc, pre_commit_hook_audits_head_before_a_push);
	tcase_add_test(tc, pre_commit_entry_audits_the_repository_it_runs_in);
	tcase_add_test(tc, usage_errors_tell_a_new_user_what_to_do);
	tcase_add_test(tc, help_of_any_command_is_the_help);
	suite_add_tcase(s, tc);
	return s;
}
