/* Hostile input: what a pull request from a stranger can put in an ISMS
 * repository, and the state a repository can be in. Every case runs the
 * built program (so that `make check-valgrind` runs each one under
 * valgrind, and `make check-asan` under the sanitizers) and asserts the
 * exact findings or the exact one-line error and exit code. Small cases
 * are fixtures (fixtures/hostile/); large ones are generated here with git
 * fast-import. */
#include <jansson.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

#define AS_OF "2026-01-15"
#define DAY   1759320000L /* 2025-10-01 12:00 UTC, the commits' date */

/* ---- running the audit ---------------------------------------------------- */

typedef struct {
	int rc;
	char *err;
	json_t *json;   /* the JSON (or SARIF) report, NULL when the audit failed */
	char *findings; /* "RULE path:line:item" lines, each ending in '\n' */
} audit_run;

/* Findings about the management system as a whole: the hostile fixtures are
 * not whole ISMSs. */
static int whole_isms(const char *rule)
{
	static const char *const rules[] = {
	    "MANDATORY-DOC-MISSING", "MANDATORY-CLAUSES-UNDECLARED", "MR-OVERDUE", "IA-OVERDUE",
	    "REG-NOT-FOUND",         "RISK-REGISTER-MISSING",        NULL};

	for (int i = 0; rules[i]; i++)
		if (strcmp(rule, rules[i]) == 0)
			return 1;
	return 0;
}

static void add_line(GString *s, const char *rule, const char *path, json_int_t line,
                     const char *item)
{
	/* nor are their histories reviewed: one finding says so */
	if (!whole_isms(rule) && !(strcmp(rule, "DOC-CHANGE-UNAPPROVED") == 0 && !path))
		g_string_append_printf(s, "%s %s:%d:%s\n", rule, path ? path : "-", (int)line,
		                       item ? item : "-");
}

/* Run `check REPO --as-of AS_OF --format FORMAT EXTRA...` (args is REPO,
 * EXTRA...). FORMAT is json, or sarif where the JSON report would be too
 * large (it lists every register item). */
static void audit_env(audit_run *out, const char *format, const char *const *env,
                      const char *const *args)
{
	const char *argv[32] = {"check", args[0], "--as-of", AS_OF, "--format", format};
	const char *const *extra = args + 1;
	GString *s = g_string_new(NULL);
	char *stdout_text = NULL;
	json_t *f;
	size_t i;
	int n = 6;

	for (; extra && *extra && n < 31; extra++)
		argv[n++] = *extra;
	argv[n] = NULL;
	out->rc = run_cli(argv, env, &stdout_text, &out->err);
	out->json = *stdout_text ? json_loads(stdout_text, 0, NULL) : NULL;
	ck_assert_msg(!*stdout_text || out->json, "the report is not JSON");
	g_free(stdout_text);
	json_array_foreach(json_object_get(out->json, "findings"), i, f)
	{
		add_line(s, json_string_value(json_object_get(f, "rule")),
		         json_string_value(json_object_get(f, "path")),
		         json_integer_value(json_object_get(f, "line")),
		         json_string_value(json_object_get(f, "item")));
	}
	json_array_foreach(
	    json_object_get(json_array_get(json_object_get(out->json, "runs"), 0), "results"), i, f)
	{
		json_t *at = json_object_get(json_array_get(json_object_get(f, "locations"), 0),
		                             "physicalLocation");
		add_line(
		    s, json_string_value(json_object_get(f, "ruleId")),
		    json_string_value(
		        json_object_get(json_object_get(at, "artifactLocation"), "uri")),
		    json_integer_value(json_object_get(json_object_get(at, "region"), "startLine")),
		    json_string_value(json_object_get(json_object_get(f, "properties"), "item")));
	}
	out->findings = g_string_free(s, FALSE);
}

#define AUDIT(out, ...) audit_env(out, "json", NULL, (const char *const[]){__VA_ARGS__, NULL})
#define AUDIT_SARIF(out, ...)                                                                      \
	audit_env(out, "sarif", NULL, (const char *const[]){__VA_ARGS__, NULL})

static void audit_done_run(audit_run *r)
{
	json_decref(r->json);
	g_free(r->err);
	g_free(r->findings);
}

/* The message of the finding of `rule` on `path`; fails the test if none. */
static const char *message_of(const audit_run *r, const char *rule, const char *path)
{
	json_t *f;
	size_t i;

	json_array_foreach(json_object_get(r->json, "findings"), i, f)
	{
		if (strcmp(json_string_value(json_object_get(f, "rule")), rule) == 0 &&
		    g_strcmp0(json_string_value(json_object_get(f, "path")), path) == 0)
			return json_string_value(json_object_get(f, "message"));
	}
	ck_abort_msg("no %s finding on %s", rule, path);
	return NULL;
}

/* An audit with findings and nothing on stderr. */
static void expect_findings(const audit_run *r, const char *want)
{
	ck_assert_msg(strcmp(r->findings, want) == 0, "findings:\nwant\n%s\ngot\n%s", want,
	              r->findings);
	ck_assert_str_eq(r->err, "");
	ck_assert_int_le(r->rc, 1);
}

/* An audit stopped by one line on stderr with exit code `rc`. */
static void expect_error(const audit_run *r, int rc, const char *line)
{
	ck_assert_str_eq(r->err, line);
	ck_assert_int_eq(r->rc, rc);
	ck_assert_ptr_null(r->json);
}

/* An audit stopped by an error at a line of the configuration `cfg`. */
static void want_error_line(const audit_run *r, const char *cfg, const char *rest)
{
	char *want = g_strdup_printf("isms-audit: %s:%s\n", cfg, rest);

	expect_error(r, 2, want);
	g_free(want);
}

/* ---- generated repositories ---------------------------------------------- */

/* A scratch folder for repositories; remove it with scratch_done(). */
static char *scratch(void)
{
	char *dir = g_dir_make_tmp("isms-hostile-XXXXXX", NULL);

	ck_assert_ptr_nonnull(dir);
	return dir;
}

static void scratch_done(char *dir)
{
	run_or_fail((const char *const[]){"rm", "-rf", dir, NULL});
	g_free(dir);
}

/* Start a commit on main of a git fast-import stream, dated DAY + days. */
static void commit(GString *s, int days, const char *message)
{
	g_string_append_printf(s,
	                       "commit refs/heads/main\n"
	                       "committer Ann Auditor <ann@example.com> %ld +0000\n"
	                       "data %zu\n%s\n",
	                       DAY + days * 86400L, strlen(message), message);
}

/* Add a file (bytes) to the commit being written. */
static void add_file(GString *s, const char *path, const char *data, size_t len)
{
	g_string_append_printf(s, "M 100644 inline %s\ndata %zu\n", path, len);
	g_string_append_len(s, data, (gssize)len);
	g_string_append_c(s, '\n');
}

static void add_text(GString *s, const char *path, const char *text)
{
	add_file(s, path, text, strlen(text));
}

/* Build dir/name from a fast-import stream; returns its path (caller
 * frees). Nothing is checked out: the audit reads committed objects. */
static char *import(const char *dir, const char *name, const GString *stream)
{
	char *repo = g_build_filename(dir, name, NULL);
	char *file = g_strconcat(repo, ".stream", NULL);

	ck_assert(g_file_set_contents(file, stream->str, (gssize)stream->len, NULL));
	run_or_fail((const char *const[]){"git", "init", "-q", "-b", "main", repo, NULL});
	run_or_fail((const char *const[]){
	    "sh", "-c", "git -C \"$1\" fast-import --quiet --date-format=raw < \"$2\"", "sh", repo,
	    file, NULL});
	g_unlink(file);
	g_free(file);
	return repo;
}

/* A configuration file in dir; returns its path (caller frees). */
static char *config_file(const char *dir, const char *name, const char *text)
{
	char *file = g_build_filename(dir, name, NULL);

	ck_assert(g_file_set_contents(file, text, -1, NULL));
	return file;
}

static const char policy[] = "---\nowner: Ann\nversion: \"1.0\"\nlast_reviewed: 2025-10-01\n---\n"
                             "Text.\n";

/* `n` copies of byte c; caller frees. */
static char *repeat(char c, size_t n)
{
	char *s = g_malloc(n + 1);

	memset(s, c, n);
	s[n] = '\0';
	return s;
}

/* ---- encodings, names, links, submodules ---------------------------------- */

START_TEST(encodings_and_line_ends)
{
	char *repo = fixture_path("hostile/encoding");
	audit_run r;

	AUDIT(&r, repo, "--fail-on", "never");
	/* CRLF, a BOM, and both: read as if written plainly (no finding) */
	expect_findings(&r, "DOC-NO-METADATA docs/cr-only.md:1:-\n"
	                    "DOC-BAD-METADATA docs/bad-utf8-front-matter.md:2:yaml\n"
	                    "DOC-BAD-METADATA docs/escape.md:2:yaml\n"
	                    "DOC-UNREADABLE docs/bad-utf8-front-matter.md:2:encoding\n"
	                    "DOC-UNREADABLE docs/latin1.md:7:encoding\n"
	                    "DOC-UNREADABLE docs/nul.md:0:binary\n"
	                    "DOC-UNREADABLE docs/overlong.md:6:encoding\n"
	                    "DOC-UNREADABLE docs/utf16.md:0:binary\n");
	ck_assert_int_eq(r.rc, 0);
	ck_assert_str_eq(message_of(&r, "DOC-UNREADABLE", "docs/latin1.md"),
	                 "is not valid UTF-8 (first at line 7): readers may see garbled text");
	ck_assert_str_eq(message_of(&r, "DOC-UNREADABLE", "docs/nul.md"),
	                 "holds NUL bytes: it is not a text document and was not read");
	ck_assert_str_eq(message_of(&r, "DOC-BAD-METADATA", "docs/bad-utf8-front-matter.md"),
	                 "front matter is not valid YAML: invalid leading UTF-8 octet");
	/* terminal escapes never reach a report: YAML refuses them */
	ck_assert_str_eq(message_of(&r, "DOC-BAD-METADATA", "docs/escape.md"),
	                 "front matter is not valid YAML: control characters are not allowed");
	ck_assert_int_eq(json_array_size(json_object_get(r.json, "documents")), 10);
	audit_done_run(&r);
	g_free(repo);
}
END_TEST

START_TEST(file_names_are_kept_exactly)
{
	char *repo = fixture_path("hostile/names");
	audit_run r;

	AUDIT(&r, repo);
	expect_findings(&r,
	                "DOC-MISSING-FIELD docs/-dash.md:1:version\n"
	                "DOC-MISSING-FIELD docs/back\\slash.md:1:version\n"
	                "DOC-MISSING-FIELD docs/new\nline.md:1:version\n"
	                "DOC-MISSING-FIELD docs/quote\"d 'name'.md:1:version\n"
	                "DOC-MISSING-FIELD docs/r\xc3\xa9sum\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac.md:1:"
	                "version\n"
	                "DOC-MISSING-FIELD docs/tab\tname.md:1:version\n"
	                "DOC-MISSING-FIELD docs/with space.md:1:version\n");
	ck_assert_int_eq(r.rc, 1);
	audit_done_run(&r);
	g_free(repo);
}
END_TEST

/* The fixture's links point at files the test writes outside the
 * repository: had the audit followed them, it would report their content. */
START_TEST(symbolic_links_are_never_followed)
{
	char *repo = fixture_path("hostile/links");
	char *outside = fixture_path("hostile/outside");
	char *reg = g_build_filename(outside, "register.md", NULL);
	char *pol = g_build_filename(outside, "policy.md", NULL);
	audit_run r;

	g_mkdir_with_parents(outside, 0755);
	ck_assert(g_file_set_contents(reg,
	                              "---\ntype: register\nowner: Eve\n---\n"
	                              "| ID | Status | Owner | Due |\n|---|---|---|---|\n"
	                              "| X-1 | Open | Eve | 2020-01-01 |\n",
	                              -1, NULL));
	ck_assert(g_file_set_contents(pol, "no front matter\n", -1, NULL));
	AUDIT(&r, repo);
	expect_findings(&r, "DOC-UNREADABLE docs/loop.md:0:symlink\n"
	                    "DOC-UNREADABLE docs/passwd.md:0:symlink\n"
	                    "DOC-UNREADABLE docs/register.md:0:symlink\n"
	                    "DOC-UNREADABLE docs/root.md:0:symlink\n"
	                    "DOC-UNREADABLE docs/up.md:0:symlink\n");
	ck_assert_str_eq(message_of(&r, "DOC-UNREADABLE", "docs/register.md"),
	                 "is a symbolic link: links are not followed, so the document it points to "
	                 "is not evidenced at this path");
	/* the linked register is a register without items: X-1 was not read */
	json_t *regs = json_object_get(r.json, "registers");
	ck_assert_int_eq(json_array_size(regs), 1);
	ck_assert_int_eq(json_array_size(json_object_get(json_array_get(regs, 0), "items")), 0);
	audit_done_run(&r);
	g_unlink(reg);
	g_unlink(pol);
	g_rmdir(outside);
	g_free(pol);
	g_free(reg);
	g_free(outside);
	g_free(repo);

	repo = fixture_path("hostile/links-config");
	AUDIT(&r, repo);
	expect_error(&r, 2,
	             "isms-audit: .isms-audit.yml: is a symbolic link: links are not followed, so "
	             "the configuration it points to is not read\n");
	audit_done_run(&r);
	g_free(repo);
}
END_TEST

START_TEST(submodules_are_not_read)
{
	char *repo = fixture_path("hostile/submodule");
	audit_run r;
	json_t *docs;

	AUDIT(&r, repo);
	expect_findings(&r, "");
	docs = json_object_get(r.json, "documents");
	ck_assert_int_eq(json_array_size(docs), 1);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(docs, 0), "path")),
	                 "docs/policy.md");
	audit_done_run(&r);
	g_free(repo);
}
END_TEST

/* ---- YAML ----------------------------------------------------------------- */

START_TEST(hostile_front_matter_is_refused)
{
	char *repo = fixture_path("hostile/yaml");
	audit_run r;

	AUDIT(&r, repo);
	expect_findings(&r, "DOC-BAD-METADATA docs/billion-laughs.md:10:yaml\n"
	                    "DOC-BAD-METADATA docs/deep-block.md:69:yaml\n"
	                    "DOC-BAD-METADATA docs/deep-flow.md:2:yaml\n"
	                    "DOC-BAD-METADATA docs/recursive.md:5:yaml\n");
	ck_assert_str_eq(message_of(&r, "DOC-BAD-METADATA", "docs/billion-laughs.md"),
	                 "front matter has aliases that repeat more than 1048576 bytes (the YAML "
	                 "alias limit): not read");
	ck_assert_str_eq(message_of(&r, "DOC-BAD-METADATA", "docs/deep-flow.md"),
	                 "front matter is nested deeper than 64 levels (the YAML depth limit): not "
	                 "read");
	ck_assert_str_eq(message_of(&r, "DOC-BAD-METADATA", "docs/recursive.md"),
	                 "front matter has an alias inside the node it refers to (a recursive "
	                 "alias): not read");
	audit_done_run(&r);
	g_free(repo);
}
END_TEST

/* Past the node limit, and aliases of a long scalar (not nested, but
 * each one a copy for whoever reads the list). */
START_TEST(yaml_node_and_alias_limits)
{
	char *dir = scratch(), *repo, *cfg;
	GString *s = g_string_new(NULL), *fm = g_string_new(NULL);
	char *big = repeat('x', 1000);
	audit_run r;

	g_string_append(fm,
	                "---\nowner: Ann\nversion: \"1.0\"\nlast_reviewed: 2025-10-01\nlist: [");
	for (int i = 0; i <= 100000; i++)
		g_string_append(fm, i ? ",1" : "1");
	g_string_append(fm, "]\n---\nText.\n");
	commit(s, 0, "Add front matter past the limits");
	add_text(s, "docs/nodes.md", fm->str);
	g_string_printf(fm,
	                "---\nowner: Ann\nversion: \"1.0\"\nlast_reviewed: 2025-10-01\n"
	                "text: &t %s\ncopies: [*t",
	                big);
	for (int i = 1; i < 1100; i++)
		g_string_append(fm, ", *t");
	g_string_append(fm, "]\n---\nText.\n");
	add_text(s, "docs/copies.md", fm->str);
	repo = import(dir, "repo", s);
	AUDIT(&r, repo);
	expect_findings(&r, "DOC-BAD-METADATA docs/copies.md:6:yaml\n"
	                    "DOC-BAD-METADATA docs/nodes.md:5:yaml\n");
	ck_assert_str_eq(message_of(&r, "DOC-BAD-METADATA", "docs/nodes.md"),
	                 "front matter has more than 100000 nodes (the YAML node limit): not read");
	ck_assert_str_eq(message_of(&r, "DOC-BAD-METADATA", "docs/copies.md"),
	                 "front matter has aliases that repeat more than 1048576 bytes (the YAML "
	                 "alias limit): not read");
	audit_done_run(&r);

	/* a configuration file on disk is held to the same limits */
	g_string_printf(fm, "rules: {}\nwaivers: [");
	for (int i = 0; i < 65; i++)
		g_string_append_c(fm, '[');
	cfg = config_file(dir, "deep.yml", fm->str);
	AUDIT(&r, repo, "--config", cfg);
	char *want = g_strdup_printf("isms-audit: %s:2: the configuration is nested deeper than 64 "
	                             "levels (the YAML depth limit): not read\n",
	                             cfg);
	expect_error(&r, 2, want);
	g_free(want);
	audit_done_run(&r);
	g_free(cfg);
	g_free(repo);

	repo = fixture_path("hostile/yaml-config");
	AUDIT(&r, repo);
	expect_error(
	    &r, 2,
	    "isms-audit: .isms-audit.yml:6: the configuration has aliases that repeat more "
	    "than 1048576 bytes (the YAML alias limit): not read\n");
	audit_done_run(&r);
	g_free(repo);

	g_free(big);
	g_string_free(fm, TRUE);
	g_string_free(s, TRUE);
	scratch_done(dir);
}
END_TEST

/* ---- size ----------------------------------------------------------------- */

/* 10 MB on one line: over max_file_size it is not read at all; under a
 * raised limit it is read, and no message quotes more than 200 characters
 * of it. */
START_TEST(ten_megabyte_lines)
{
	const size_t mb10 = 10 * 1024 * 1024;
	char *dir = scratch(), *repo, *cfg, *line = repeat('x', mb10), *want;
	char *quote = repeat('x', 200);
	GString *s = g_string_new(NULL), *f = g_string_new(NULL);
	audit_run r;

	commit(s, 0, "Add ten-megabyte lines");
	add_file(s, "docs/line.md", line, mb10); /* no newline at all */
	g_string_printf(f,
	                "---\nowner: Ann\nversion: \"1.0\"\nlast_reviewed: 2025-10-01\n"
	                "status: %s\n---\nText.\n",
	                line);
	add_file(s, "docs/status.md", f->str, f->len);
	g_string_printf(f,
	                "---\ntype: register\nowner: Ann\n---\n"
	                "| ID | Status | Owner | Due |\n|---|---|---|---|\n| R-1 | %s | Ann | "
	                "2026-12-01 |\n",
	                line);
	add_file(s, "docs/register.md", f->str, f->len);
	repo = import(dir, "repo", s);

	AUDIT(&r, repo);
	expect_findings(&r, "DOC-UNREADABLE docs/line.md:0:size\n"
	                    "DOC-UNREADABLE docs/register.md:0:size\n"
	                    "DOC-UNREADABLE docs/status.md:0:size\n");
	ck_assert_str_eq(
	    message_of(&r, "DOC-UNREADABLE", "docs/line.md"),
	    "is 10485760 bytes, over the 1048576-byte limit (max_file_size): not read");
	audit_done_run(&r);

	cfg = config_file(dir, "large.yml", "max_file_size: 16777216\n");
	AUDIT(&r, repo, "--config", cfg);
	expect_findings(&r, "DOC-NO-METADATA docs/line.md:1:-\n"
	                    "DOC-BAD-METADATA docs/status.md:5:status\n"
	                    "ACT-BAD-VALUE docs/register.md:7:R-1\n");
	want = g_strdup_printf("'status' is '%s\xe2\x80\xa6': use draft, approved or retired (the "
	                       "document is treated as in force)",
	                       quote);
	ck_assert_str_eq(message_of(&r, "DOC-BAD-METADATA", "docs/status.md"), want);
	g_free(want);
	want =
	    g_strdup_printf("item R-1: status '%s\xe2\x80\xa6' is not a known status word", quote);
	ck_assert_str_eq(message_of(&r, "ACT-BAD-VALUE", "docs/register.md"), want);
	g_free(want);
	audit_done_run(&r);
	g_free(cfg);

	/* the configuration, committed or on disk, is held to the default limit */
	g_string_truncate(s, 0);
	commit(s, 1, "Commit a ten-megabyte configuration");
	g_string_printf(f, "# %s\n", line);
	add_file(s, ".isms-audit.yml", f->str, f->len);
	add_text(s, "docs/policy.md", policy);
	g_free(repo);
	repo = import(dir, "config", s);
	AUDIT(&r, repo);
	expect_error(&r, 2,
	             "isms-audit: .isms-audit.yml: is 10485763 bytes, over the 1048576-byte limit "
	             "(max_file_size): not read\n");
	audit_done_run(&r);
	AUDIT(&r, repo, "--config", "/dev/zero");
	expect_error(&r, 2,
	             "isms-audit: /dev/zero: is over the 1048576-byte limit (max_file_size): not "
	             "read\n");
	audit_done_run(&r);

	g_free(repo);
	g_free(quote);
	g_free(line);
	g_string_free(f, TRUE);
	g_string_free(s, TRUE);
	scratch_done(dir);
}
END_TEST

/* A large register is audited, row by row: one bad status word in the
 * middle and a repeated id at the end, nothing else. 100,000 rows, or
 * $ISMS_HOSTILE_REGISTER_ROWS (make check-valgrind reads 10,000). */
START_TEST(a_large_register_is_audited)
{
	const char *env = getenv("ISMS_HOSTILE_REGISTER_ROWS");
	const int rows = env ? atoi(env) : 100000;
	char *dir = scratch(), *repo, *cfg, *want;
	GString *s = g_string_new(NULL), *f = g_string_new(NULL);
	audit_run r;

	ck_assert_int_ge(rows, 10);
	g_string_append(f, "---\ntype: register\nowner: Ann\n---\n"
	                   "| ID | Raised | Description | Owner | Due | Status |\n"
	                   "|---|---|---|---|---|---|\n");
	for (int i = 1; i <= rows; i++)
		g_string_append_printf(
		    f, "| R-%06d | 2025-10-01 | Issue %d | Ann | 2026-12-01 | %s |\n", i, i,
		    i == rows / 2 ? "Parked" : "Open");
	g_string_append(f, "| R-000001 | 2025-10-01 | Again | Ann | 2026-12-01 | Open |\n");
	commit(s, 0, "Add a large register");
	add_file(s, "docs/register.md", f->str, f->len);
	repo = import(dir, "repo", s);
	cfg = config_file(dir, "large.yml", "max_file_size: 16777216\n");
	AUDIT_SARIF(&r, repo, "--config", cfg);
	/* SARIF: a finding about the whole file is at its line 1 */
	want = g_strdup_printf("REG-NO-CLOSURES docs/register.md:1:-\n"
	                       "ACT-DUPLICATE-ID docs/register.md:%d:R-000001\n"
	                       "ACT-BAD-VALUE docs/register.md:%d:R-%06d\n",
	                       rows + 7, rows / 2 + 6, rows / 2);
	expect_findings(&r, want);
	g_free(want);
	audit_done_run(&r);
	g_free(cfg);
	g_free(repo);
	g_string_free(f, TRUE);
	g_string_free(s, TRUE);
	scratch_done(dir);
}
END_TEST

/* A header row of many columns over many short lines costs rows times
 * columns in cmark-gfm: such tables are refused before it reads them. */
START_TEST(table_limits)
{
	char *dir = scratch(), *repo, *cfg, *want;
	GString *s = g_string_new(NULL), *f = g_string_new(NULL);
	audit_run r;

	commit(s, 0, "Add registers");
	/* 64 columns: read */
	g_string_append(f, "---\ntype: register\nowner: Ann\n---\n| ID | Status | Owner | Due ");
	for (int c = 4; c < 64; c++)
		g_string_append(f, "| c ");
	g_string_append(f, "|\n");
	for (int c = 0; c < 64; c++)
		g_string_append(f, "|---");
	g_string_append(f, "|\n| R-1 | Open | Ann | 2026-12-01 |\n");
	add_file(s, "docs/wide.md", f->str, f->len);
	/* 65 columns, in a block quote: refused */
	g_string_assign(f, "---\ntype: register\nowner: Ann\n---\nIntro.\n\n> | ID | Status ");
	for (int c = 2; c < 65; c++)
		g_string_append(f, "| c ");
	g_string_append(f, "|\n> ");
	for (int c = 0; c < 65; c++)
		g_string_append(f, "|-");
	g_string_append(f, "|\n> | R-1 | Open |\n");
	add_file(s, "docs/too-wide.md", f->str, f->len);
	/* 64 columns over 40,000 short lines: more than 2,000,000 cells */
	g_string_assign(f, "---\ntype: register\nowner: Ann\n---\n| ID | Status ");
	for (int c = 2; c < 64; c++)
		g_string_append(f, "| c ");
	g_string_append(f, "|\n");
	for (int c = 0; c < 64; c++)
		g_string_append(f, "|-");
	g_string_append(f, "|\n");
	for (int i = 0; i < 40000; i++)
		g_string_append(f, "|\n");
	add_file(s, "docs/cells.md", f->str, f->len);
	/* a register readable at first, then grown over a limit */
	add_text(s, "docs/grown.md",
	         "---\ntype: register\nowner: Ann\n---\n| ID | Status | Owner | Due |\n"
	         "|---|---|---|---|\n| G-1 | Open | Ann | 2026-12-01 |\n| G-2 | Open | Ann | "
	         "2026-12-01 |\n");
	commit(s, 1, "Grow a register");
	g_string_assign(f,
	                "---\ntype: register\nowner: Ann\n---\n| ID | Status | Owner | Due |\n"
	                "|---|---|---|---|\n| G-1 | Open | Ann | 2026-12-01 |\n| G-2 | Open | Ann "
	                "| 2026-12-01 |\n\n| A ");
	for (int c = 1; c < 100; c++)
		g_string_append(f, "| c ");
	g_string_append(f, "|\n");
	for (int c = 0; c < 100; c++)
		g_string_append(f, "|-");
	g_string_append(f, "|\n");
	add_file(s, "docs/grown.md", f->str, f->len);
	repo = import(dir, "repo", s);
	cfg = config_file(dir, "cfg.yml", "rules: {REG-NO-CLOSURES: off}\n");
	AUDIT(&r, repo, "--config", cfg);
	/* the grown register keeps its items (none removed) as last read */
	expect_findings(&r, "DOC-UNREADABLE docs/cells.md:5:tables\n"
	                    "DOC-UNREADABLE docs/grown.md:10:tables\n"
	                    "DOC-UNREADABLE docs/too-wide.md:7:tables\n");
	want = g_strdup_printf("the tables up to line %d hold more than 2000000 cells (the table "
	                       "cell limit, rows times columns): its Markdown is not read",
	                       6 + 2000000 / 64);
	ck_assert_str_eq(message_of(&r, "DOC-UNREADABLE", "docs/cells.md"), want);
	g_free(want);
	ck_assert_str_eq(message_of(&r, "DOC-UNREADABLE", "docs/too-wide.md"),
	                 "the table on line 7 has 65 columns, more than 64 (the table column "
	                 "limit): its Markdown is not read");
	audit_done_run(&r);
	g_free(cfg);
	g_free(repo);
	g_string_free(f, TRUE);
	g_string_free(s, TRUE);
	scratch_done(dir);
}
END_TEST

/* What cmark-gfm would make a node of, by the million: 10 MB of `>` is
 * ten million nested block quotes (2.4 GB), one line of 101 list markers
 * is past the nesting limit, and 900,000 list items are past the element
 * limit (2,700,000 elements). Refused before cmark-gfm reads them. */
START_TEST(markdown_nesting_and_element_limits)
{
	const size_t mb10 = 10 * 1024 * 1024;
	char *dir = scratch(), *repo, *cfg, *quotes = repeat('>', mb10);
	GString *s = g_string_new(NULL), *f = g_string_new(NULL);
	static const char head[] = "---\ntype: register\nowner: Ann\n---\n";
	audit_run r;

	commit(s, 0, "Add deep and long Markdown");
	g_string_printf(f, "%s%s\n", head, quotes);
	add_file(s, "docs/quotes.md", f->str, f->len);
	g_string_assign(f, head);
	for (int i = 0; i < 101; i++)
		g_string_append(f, i % 2 ? "- " : "1. ");
	g_string_append(f, "x\n");
	add_file(s, "docs/lists.md", f->str, f->len);
	g_string_assign(f, head);
	for (int i = 0; i < 100; i++)
		g_string_append(f, "> ");
	g_string_append(f, "| ID | Status | Owner | Due |\n");
	for (int i = 0; i < 100; i++)
		g_string_append(f, "> ");
	g_string_append(f, "|---|---|---|---|\n");
	for (int i = 0; i < 100; i++)
		g_string_append(f, "> ");
	g_string_append(f, "| R-1 | Open | Ann | 2026-12-01 |\n");
	add_file(s, "docs/deep.md", f->str, f->len); /* 100 levels: read */
	g_string_assign(f, head);
	for (int i = 0; i < 900000; i++)
		g_string_append(f, "- x\n");
	add_file(s, "docs/items.md", f->str, f->len);
	repo = import(dir, "repo", s);
	cfg = config_file(dir, "large.yml",
	                  "max_file_size: 16777216\nrules: {REG-NO-CLOSURES: off}\n");
	AUDIT(&r, repo, "--config", cfg);
	/* 2,500,000 elements at three a line (two per line, one per marker),
	 * from line 5: past them on line 5 + 2500000 / 3 */
	expect_findings(&r, "DOC-UNREADABLE docs/items.md:833338:markdown\n"
	                    "DOC-UNREADABLE docs/lists.md:5:markdown\n"
	                    "DOC-UNREADABLE docs/quotes.md:5:markdown\n");
	ck_assert_str_eq(message_of(&r, "DOC-UNREADABLE", "docs/quotes.md"),
	                 "line 5 nests more than 100 block quotes and list items (the nesting "
	                 "limit): its Markdown is not read");
	ck_assert_str_eq(message_of(&r, "DOC-UNREADABLE", "docs/lists.md"),
	                 "line 5 nests more than 100 block quotes and list items (the nesting "
	                 "limit): its Markdown is not read");
	ck_assert_str_eq(message_of(&r, "DOC-UNREADABLE", "docs/items.md"),
	                 "the text up to line 833338 has more than 2500000 Markdown elements (the "
	                 "element limit: lines, block quote and list markers, inline marks, table "
	                 "cells): its Markdown is not read");
	/* the register 100 block quotes deep is read: R-1 */
	json_t *regs = json_object_get(r.json, "registers");
	ck_assert_int_eq(json_array_size(regs), 4);
	ck_assert_str_eq(json_string_at(regs, "0.path"), "docs/deep.md");
	ck_assert_str_eq(json_string_at(regs, "0.items.0.id"), "R-1");
	audit_done_run(&r);
	g_free(cfg);
	g_free(repo);
	g_free(quotes);
	g_string_free(f, TRUE);
	g_string_free(s, TRUE);
	scratch_done(dir);
}
END_TEST

/* The risk register replay counts each version it reads, in full, against
 * the parse budget, as the issues register replay does: a table of 60
 * risks is about 4 KB to read as a document but some seventy times that
 * to parse, so the budget is spent by the replay after the document
 * histories fit. The audited version of a declared risk register is
 * counted in advance; the versions the replay could not read are
 * DOC-UNREADABLE's. */
START_TEST(the_risk_replay_spends_the_parse_budget)
{
	char *dir = scratch(), *repo, *cfg;
	GString *s = g_string_new(NULL), *f = g_string_new(NULL);
	audit_run r;

	for (int v = 0; v < 8; v++) {
		commit(s, v, "Edit the risks");
		g_string_printf(f,
		                "---\ntype: risk-register\nowner: Ann\nversion: \"1.%d\"\n"
		                "last_reviewed: 2025-10-01\n---\n"
		                "| Risk ID | Risk | Owner | L | I | Score | Treatment | Status | "
		                "Accepted by |\n|---|---|---|---|---|---|---|---|---|\n",
		                v);
		for (int k = 0; k < 60; k++)
			g_string_append_printf(f,
			                       "| R-%d | Risk %d%s | Ann | 1 | 1 | 1 | Accept | "
			                       "Accepted | Ann |\n",
			                       k, k, k == v ? " (edited)" : "");
		add_file(s, "docs/risks.md", f->str, f->len);
	}
	repo = import(dir, "repo", s);
	cfg = config_file(dir, "cfg.yml", "max_total_parse: 1048576\n");
	AUDIT(&r, repo, "--config", cfg);
	/* the eight versions as documents (about 4 KB each) and, counted in
	 * advance, the audited version's parse (about 290 KB) fit; the replay
	 * reads versions 1 and 2, and 3 to 7 do not fit */
	expect_findings(&r, "DOC-UNREADABLE docs/risks.md:0:budget\n");
	ck_assert_str_eq(message_of(&r, "DOC-UNREADABLE", "docs/risks.md"),
	                 "5 of its 8 versions were not read: the audit's parse budget of 1048576 "
	                 "bytes (max_total_parse) is spent, so its history is judged from the "
	                 "others");
	/* the risks are the audited version's; R-3, edited in version 4 and
	 * restored in version 5, unread, seems never changed */
	ck_assert_int_eq(json_array_size(json_at(r.json, "risk_registers.0.risks")), 60);
	ck_assert_str_eq(json_string_at(r.json, "risk_registers.0.risks.7.title"),
	                 "Risk 7 (edited)");
	ck_assert_str_eq(json_string_at(r.json, "risk_registers.0.risks.1.last_changed.date"),
	                 "2025-10-08");
	ck_assert_str_eq(json_string_at(r.json, "risk_registers.0.risks.3.last_changed.date"),
	                 "2025-10-01");
	audit_done_run(&r);

	/* the default budget reads it all */
	g_free(cfg);
	cfg = config_file(dir, "cfg.yml", "");
	AUDIT(&r, repo, "--config", cfg);
	expect_findings(&r, "");
	audit_done_run(&r);
	g_free(cfg);
	g_free(repo);
	g_string_free(f, TRUE);
	g_string_free(s, TRUE);
	scratch_done(dir);
}
END_TEST

/* The 116,000 one-column tables of 1 MB (0.35 s of cmark-gfm each), in a
 * register changed in $ISMS_HOSTILE_VERSIONS commits (default 4): each
 * version is past the table count limit, so none is given to cmark-gfm
 * and the register keeps the item of its first version. */
START_TEST(a_register_of_tiny_tables_in_every_version)
{
	const char *env = getenv("ISMS_HOSTILE_VERSIONS");
	const int versions = env ? atoi(env) : 4;
	char *dir = scratch(), *repo, *cfg;
	GString *s = g_string_new(NULL), *f = g_string_new(NULL);
	static const char head[] = "---\ntype: register\nowner: Ann\n---\n"
	                           "| ID | Status | Owner | Due |\n|---|---|---|---|\n"
	                           "| R-1 | Open | Ann | 2026-12-01 |\n\n";
	audit_run r;

	ck_assert_int_ge(versions, 2);
	commit(s, 0, "Add a register");
	add_text(s, "docs/register.md", head);
	for (int v = 1; v < versions; v++) {
		g_string_assign(f, head);
		for (int t = 0; t < 116000; t++)
			g_string_append(f, t == v ? "|b|\n|-|\n\n" : "|a|\n|-|\n\n");
		commit(s, v, "Edit a table");
		add_file(s, "docs/register.md", f->str, f->len);
	}
	repo = import(dir, "repo", s);
	cfg = config_file(dir, "cfg.yml", "rules: {REG-NO-CLOSURES: off}\n");
	AUDIT(&r, repo, "--config", cfg);
	/* the register table and 1,000 tiny ones fit; the next, on line
	 * 9 + 3 * 999, is refused */
	expect_findings(&r, "DOC-UNREADABLE docs/register.md:3006:tables\n");
	ck_assert_str_eq(message_of(&r, "DOC-UNREADABLE", "docs/register.md"),
	                 "the table on line 3006 is one more than 1000 in one text (the table "
	                 "count limit): its Markdown is not read");
	json_t *items = json_at(r.json, "registers.0.items");
	ck_assert_int_eq(json_array_size(items), 1);
	ck_assert_str_eq(json_string_at(items, "0.id"), "R-1");
	ck_assert(json_is_null(json_at(items, "0.removed")));
	audit_done_run(&r);
	g_free(cfg);
	g_free(repo);
	g_string_free(f, TRUE);
	g_string_free(s, TRUE);
	scratch_done(dir);
}
END_TEST

/* Past the parse budget nothing more is read, and DOC-UNREADABLE says
 * what was not: the audited versions are read first (in path order, with
 * the replay's read of a register's), then the histories; a register
 * keeps the items of the versions it read. */
START_TEST(the_parse_budget_is_spent_with_a_finding)
{
	char *dir = scratch(), *repo, *cfg, *big = repeat('x', 300000);
	GString *s = g_string_new(NULL), *f = g_string_new(NULL), *reg = g_string_new(NULL);
	audit_run r;

	g_string_assign(reg, "---\ntype: register\nowner: Ann\n---\n| ID | Status | Owner | Due |\n"
	                     "|---|---|---|---|\n");
	for (int v = 0; v < 6; v++) {
		commit(s, v, "Edit");
		/* a policy of 300 KB in every commit: three versions fit in 1 MiB */
		g_string_printf(f,
		                "---\nowner: Ann\nversion: \"1.%d\"\nlast_reviewed: 2025-10-01\n"
		                "---\n%s\n",
		                v, big);
		add_file(s, "docs/a-policy.md", f->str, f->len);
		g_string_append_printf(reg, "| R-%d | Open | Ann | 2026-12-01 |\n", v);
		add_file(s, "docs/register.md", reg->str, reg->len);
	}
	/* and one more document, after them in path order */
	add_text(s, "docs/z-policy.md", policy);
	repo = import(dir, "repo", s);

	/* the audited versions (300 KB and a few hundred bytes) are read, then
	 * versions 1 and 2 of the policy; the rest does not fit */
	cfg = config_file(dir, "cfg.yml",
	                  "max_total_parse: 1048576\nrules: {REG-NO-CLOSURES: off}\n");
	AUDIT(&r, repo, "--config", cfg);
	expect_findings(&r, "DOC-UNREADABLE docs/a-policy.md:0:budget\n"
	                    "DOC-UNREADABLE docs/register.md:0:budget\n");
	ck_assert_str_eq(message_of(&r, "DOC-UNREADABLE", "docs/a-policy.md"),
	                 "3 of its 6 versions were not read: the audit's parse budget of 1048576 "
	                 "bytes (max_total_parse) is spent, so its history is judged from the "
	                 "others");
	/* five versions as a document; the replay's read of the audited one
	 * was counted with the audited versions, so the items are those of
	 * the audited commit */
	ck_assert_str_eq(message_of(&r, "DOC-UNREADABLE", "docs/register.md"),
	                 "5 of its 6 versions were not read: the audit's parse budget of 1048576 "
	                 "bytes (max_total_parse) is spent, so its history is judged from the "
	                 "others");
	ck_assert_int_eq(json_array_size(json_at(r.json, "registers.0.items")), 6);
	ck_assert_str_eq(json_string_at(r.json, "registers.0.items.5.id"), "R-5");
	audit_done_run(&r);

	/* the default budget reads it all */
	g_free(cfg);
	cfg = config_file(dir, "cfg.yml", "rules: {REG-NO-CLOSURES: off}\n");
	AUDIT(&r, repo, "--config", cfg);
	expect_findings(&r, "");
	ck_assert_int_eq(json_array_size(json_at(r.json, "registers.0.items")), 6);
	audit_done_run(&r);

	/* a budget that the audited versions alone overrun: one is not read */
	g_string_truncate(s, 0);
	commit(s, 0, "Two large policies");
	g_string_printf(f, "%s%s%s%s\n", policy, big, big, big);
	add_file(s, "docs/a.md", f->str, f->len);
	g_string_prepend(f, "\n");
	add_file(s, "docs/b.md", f->str, f->len);
	g_free(repo);
	repo = import(dir, "two", s);
	g_free(cfg);
	cfg = config_file(dir, "cfg.yml", "max_total_parse: 1048576\n");
	AUDIT(&r, repo, "--config", cfg);
	expect_findings(&r, "DOC-UNREADABLE docs/b.md:0:budget\n");
	ck_assert_str_eq(message_of(&r, "DOC-UNREADABLE", "docs/b.md"),
	                 "not read: the audit's parse budget of 1048576 bytes (max_total_parse) is "
	                 "spent");
	audit_done_run(&r);

	/* no configuration can lift the ceilings */
	g_free(cfg);
	cfg = config_file(dir, "over.yml", "max_file_size: 16777217\n");
	AUDIT(&r, repo, "--config", cfg);
	want_error_line(&r, cfg, "1: 'max_file_size' must be a whole number from 1 to 16777216");
	audit_done_run(&r);
	g_free(cfg);
	cfg = config_file(dir, "over.yml", "max_total_parse: 8589934593\n");
	AUDIT(&r, repo, "--config", cfg);
	want_error_line(&r, cfg,
	                "1: 'max_total_parse' must be a whole number from 1048576 to 8589934592");
	audit_done_run(&r);

	g_free(cfg);
	g_free(repo);
	g_free(big);
	g_string_free(reg, TRUE);
	g_string_free(f, TRUE);
	g_string_free(s, TRUE);
	scratch_done(dir);
}
END_TEST

/* ---- repository states ----------------------------------------------------- */

/* The audit reads the commit HEAD names wherever HEAD lives: a detached
 * HEAD, a bare repository, a linked worktree. */
START_TEST(detached_bare_and_worktree)
{
	char *src = fixture_path("hostile/states"), *dir = scratch();
	char *clone = g_build_filename(dir, "clone", NULL);
	char *bare = g_build_filename(dir, "bare.git", NULL);
	char *wt = g_build_filename(dir, "worktree", NULL);
	const char *first = "DOC-MISSING-FIELD docs/policy.md:1:version\n";
	audit_run r;

	run_or_fail((const char *const[]){"git", "clone", "-q", src, clone, NULL});
	run_or_fail((const char *const[]){"git", "clone", "-q", "--bare", src, bare, NULL});
	run_or_fail((const char *const[]){"git", "-C", clone, "worktree", "add", "-q", "--detach",
	                                  wt, "HEAD~1", NULL});
	run_or_fail((const char *const[]){"git", "-C", clone, "checkout", "-q", "--detach",
	                                  "HEAD~1", NULL});
	AUDIT(&r, clone);
	expect_findings(&r, first);
	audit_done_run(&r);
	AUDIT(&r, wt);
	expect_findings(&r, first);
	ck_assert_str_eq(
	    json_string_value(json_object_get(json_object_get(r.json, "repository"), "root")), wt);
	audit_done_run(&r);
	AUDIT(&r, bare);
	expect_findings(&r, "");
	ck_assert_str_eq(
	    json_string_value(json_object_get(json_object_get(r.json, "repository"), "root")),
	    bare);
	audit_done_run(&r);

	g_free(wt);
	g_free(bare);
	g_free(clone);
	g_free(src);
	scratch_done(dir);
}
END_TEST

START_TEST(no_commits_and_no_repository)
{
	char *empty = fixture_path("edge/empty"), *dir = scratch(), *want;
	char *clone = g_build_filename(dir, "clone", NULL);
	char *odd = g_build_filename(dir, "new\nline", NULL);
	char *file = g_build_filename(dir, "file.md", NULL);
	char *src = fixture_path("hostile/states");
	audit_run r;

	AUDIT(&r, empty);
	want = g_strdup_printf("isms-audit: %s: the repository has no commits\n", empty);
	expect_error(&r, 3, want);
	g_free(want);
	audit_done_run(&r);

	/* commits on main, but HEAD on a branch without any */
	run_or_fail((const char *const[]){"git", "clone", "-q", src, clone, NULL});
	run_or_fail((const char *const[]){"git", "-C", clone, "symbolic-ref", "HEAD",
	                                  "refs/heads/nothing", NULL});
	AUDIT(&r, clone);
	want = g_strdup_printf("isms-audit: %s: HEAD names 'refs/heads/nothing', which has no "
	                       "commits\n",
	                       clone);
	expect_error(&r, 3, want);
	g_free(want);
	audit_done_run(&r);

	/* not a repository, with a newline in its name: still one line */
	g_mkdir(odd, 0755);
	AUDIT(&r, odd);
	want = g_strdup_printf("isms-audit: %s/new?line: not inside a git repository\n", dir);
	expect_error(&r, 3, want);
	g_free(want);
	audit_done_run(&r);

	ck_assert(g_file_set_contents(file, policy, -1, NULL));
	AUDIT(&r, file);
	want = g_strdup_printf("isms-audit: %s: not a directory\n", file);
	expect_error(&r, 3, want);
	g_free(want);
	audit_done_run(&r);

	g_free(src);
	g_free(file);
	g_free(odd);
	g_free(clone);
	g_free(empty);
	scratch_done(dir);
}
END_TEST

/* Commit everything in the work tree `repo` on 2025-10-03. */
static void commit_all(const char *repo, const char *message)
{
	run_or_fail((const char *const[]){
	    "sh", "-c",
	    "cd \"$1\" && git add -A && GIT_AUTHOR_DATE=2025-10-03T12:00:00Z "
	    "GIT_COMMITTER_DATE=2025-10-03T12:00:00Z git -c user.name='Ann Auditor' "
	    "-c user.email=ann@example.com commit -q -m \"$2\"",
	    "sh", repo, message, NULL});
}

static const char *root_of(const audit_run *r)
{
	return json_string_value(json_object_get(json_object_get(r->json, "repository"), "root"));
}

/* What a pull request can commit to make the audit read another
 * repository: a folder laid out as a bare repository (HEAD, config,
 * objects/, refs/) that libgit2's search would open when PATH is that
 * folder or below it, and a symbolic link to another checkout on the
 * runner. The repository audited is the one whose work tree holds PATH,
 * and a link out of that work tree is refused. */
START_TEST(a_folder_posing_as_a_repository)
{
	char *states = fixture_path("hostile/states"), *healthy = fixture_path("rules/healthy");
	char *dir = scratch(), *want, *head, *ref;
	char *work = g_build_filename(dir, "work", NULL), *pr = g_build_filename(dir, "pr", NULL);
	char *forged = g_build_filename(work, "isms", NULL);
	char *other = g_build_filename(dir, "other", NULL);
	char *link = g_build_filename(work, "elsewhere", NULL);
	char *inside = g_build_filename(work, "inside", NULL);
	char *pr_forged = g_build_filename(pr, "isms", NULL);
	char *pr_refs = g_build_filename(pr, "isms", "refs", NULL);
	char *pr_link = g_build_filename(pr, "elsewhere", NULL);
	char *pr_inside = g_build_filename(pr, "inside", NULL);
	audit_run r;

	/* the pull request: a bare clone of a healthy ISMS committed as files
	 * (a loose ref, so that refs/ survives the checkout), a link to
	 * another checkout, a link within the work tree */
	run_or_fail((const char *const[]){"git", "clone", "-q", states, work, NULL});
	run_or_fail((const char *const[]){"git", "clone", "-q", "--bare", healthy, forged, NULL});
	run_or_fail((const char *const[]){"git", "clone", "-q", healthy, other, NULL});
	head =
	    output_or_fail((const char *const[]){"git", "-C", forged, "rev-parse", "HEAD", NULL});
	ref = g_build_filename(forged, "refs", "heads", "main", NULL);
	ck_assert(g_file_set_contents(ref, head, -1, NULL));
	ck_assert_int_eq(symlink(other, link), 0);
	ck_assert_int_eq(symlink("docs", inside), 0);
	commit_all(work, "Add a folder that looks like a repository, and links");
	run_or_fail((const char *const[]){"git", "clone", "-q", work, pr, NULL});

	/* the pull request's checkout is audited, whatever the folder holds */
	AUDIT(&r, pr_forged);
	expect_findings(&r, "");
	ck_assert_int_eq(r.rc, 1);
	ck_assert_str_eq(root_of(&r), pr);
	audit_done_run(&r);
	AUDIT(&r, pr_refs);
	expect_findings(&r, "");
	ck_assert_str_eq(root_of(&r), pr);
	audit_done_run(&r);

	/* a link within the work tree is followed; one out of it is not */
	AUDIT(&r, pr_inside);
	expect_findings(&r, "");
	ck_assert_str_eq(root_of(&r), pr);
	audit_done_run(&r);
	AUDIT(&r, pr_link);
	want = g_strdup_printf("isms-audit: %s: the symbolic link '%s' leads out of the work "
	                       "tree '%s' (to '%s'): a link in a work tree is followed only "
	                       "within it\n",
	                       pr_link, pr_link, pr, other);
	expect_error(&r, 3, want);
	audit_done_run(&r);
	/* init opens the repository the same way */
	{
		char *err = NULL;
		ck_assert_int_eq(
		    run_cli((const char *const[]){"init", pr_link, NULL}, NULL, NULL, &err), 3);
		ck_assert_str_eq(err, want);
		g_free(err);
	}
	g_free(want);

	g_free(ref);
	g_free(head);
	g_free(pr_inside);
	g_free(pr_link);
	g_free(pr_refs);
	g_free(pr_forged);
	g_free(inside);
	g_free(link);
	g_free(other);
	g_free(forged);
	g_free(pr);
	g_free(work);
	g_free(healthy);
	g_free(states);
	scratch_done(dir);
}
END_TEST

/* Repositories this build cannot audit say why, and how to fix it, in one
 * line: one owned by another user (the usual container job: the checkout
 * belongs to the runner's user, the job runs as root; faked here by
 * chown to nobody, which only root can do), a SHA-256 repository, a
 * partial clone with blobs missing. */
START_TEST(repositories_it_cannot_audit_say_why)
{
	char *states = fixture_path("hostile/states"), *dir = scratch(), *want;
	char *own = g_build_filename(dir, "own", NULL), *home = g_build_filename(dir, "home", NULL);
	char *sha = g_build_filename(dir, "sha256", NULL);
	char *docs = g_build_filename(states, "docs", NULL);
	char *bare = g_build_filename(dir, "origin.git", NULL);
	char *url = g_strconcat("file://", bare, NULL);
	char *part = g_build_filename(dir, "partial", NULL);
	char *env_home = g_strconcat("HOME=", home, NULL);
	const char *const env[] = {env_home, NULL};
	int major, minor, rev;
	audit_run r;

	g_mkdir(home, 0755); /* no safe.directory in its (absent) .gitconfig */
	if (geteuid() == 0) {
		run_or_fail((const char *const[]){"git", "clone", "-q", states, own, NULL});
		run_or_fail((const char *const[]){"chown", "-R", "nobody", own, NULL});
		audit_env(&r, "json", env, (const char *const[]){own, NULL});
		want = g_strdup_printf("isms-audit: %s: repository path '%s/' is not owned by "
		                       "current user: if you trust it, run 'git config --global "
		                       "--add safe.directory %s'\n",
		                       own, own, own);
		expect_error(&r, 3, want);
		g_free(want);
		audit_done_run(&r);
		/* the fix it names works */
		run_or_fail((const char *const[]){"sh", "-c",
		                                  "HOME=\"$1\" git config --global --add "
		                                  "safe.directory \"$2\"",
		                                  "sh", home, own, NULL});
		audit_env(&r, "json", env, (const char *const[]){own, NULL});
		expect_findings(&r, "");
		audit_done_run(&r);
	} else {
		fprintf(stderr, "hostile: the ownership case needs root (chown), not run\n");
	}

	run_or_fail(
	    (const char *const[]){"git", "init", "-q", "--object-format=sha256", sha, NULL});
	run_or_fail((const char *const[]){"cp", "-r", docs, sha, NULL});
	commit_all(sha, "A SHA-256 repository");
	AUDIT(&r, sha);
	git_libgit2_version(&major, &minor, &rev);
	want = g_strdup_printf("isms-audit: %s: a SHA-256 repository (extensions.objectformat is "
	                       "'sha256'): libgit2 %d.%d.%d, which isms-audit is built with, does "
	                       "not support SHA-256 repositories\n",
	                       sha, major, minor, rev);
	expect_error(&r, 3, want);
	g_free(want);
	audit_done_run(&r);

	/* a blobless clone: only the checked-out versions were fetched */
	run_or_fail((const char *const[]){"git", "clone", "-q", "--bare", states, bare, NULL});
	run_or_fail((const char *const[]){"git", "-C", bare, "config", "uploadpack.allowFilter",
	                                  "true", NULL});
	run_or_fail(
	    (const char *const[]){"git", "clone", "-q", "--filter=blob:none", url, part, NULL});
	AUDIT(&r, part);
	want = g_strdup_printf("isms-audit: %s: a partial clone (--filter): the objects its filter "
	                       "left out cannot prove content; clone or fetch without a filter\n",
	                       part);
	expect_error(&r, 3, want);
	g_free(want);
	audit_done_run(&r);

	g_free(env_home);
	g_free(part);
	g_free(url);
	g_free(bare);
	g_free(docs);
	g_free(sha);
	g_free(home);
	g_free(own);
	g_free(states);
	scratch_done(dir);
}
END_TEST

/* Commit times outside the calendar (fixtures/hostile/commit-dates): -2^63,
 * 2^63-1, 10000-01-01 and 1969-12-31. Each commit is an
 * ISMS-BAD-COMMIT-DATE, its date unknown: never printed as a date (once
 * 3962-02-53, 4423-03-17, 0000-01-01), null in JSON, and no finding rests
 * on it (there were two false DOC-STALE-CONTENT and four
 * DOC-REVIEW-UNEVIDENCED); the true staleness of docs/old.md stays. */
START_TEST(commit_dates_outside_the_calendar)
{
	static const char *const formats[] = {"text",   "json",     "sarif", "junit", "codeclimate",
	                                      "github", "markdown", "html",  NULL};
	static const char *const trends[] = {"text", "csv", "json", "html", NULL};
	static const char *const invalid[] = {"3962-02-53", "4423-03-17", "0000-01-01",
	                                      "1969-12-31", NULL};
	char *repo = fixture_path("hostile/commit-dates"), *out, *err;
	audit_run r;

	AUDIT(&r, repo);
	/* commit ids are fixed by the fixture's fixed dates and authors */
	expect_findings(&r, "ISMS-BAD-COMMIT-DATE -:0:79520eefc62c\n"
	                    "ISMS-BAD-COMMIT-DATE -:0:7d324c75b669\n"
	                    "ISMS-BAD-COMMIT-DATE -:0:7e0a55ded59a\n"
	                    "ISMS-BAD-COMMIT-DATE -:0:cc031f9830d9\n"
	                    "DOC-STALE-CONTENT docs/old.md:7:-\n");
	ck_assert_str_eq(message_of(&r, "DOC-STALE-CONTENT", "docs/old.md"),
	                 "text unchanged since 2023-01-02 (1109 days, limit 24 months), whatever "
	                 "its review dates say");
	{
		json_t *f = NULL, *e, *g;
		size_t k;
		json_array_foreach(json_object_get(r.json, "findings"), k, g)
		{
			if (!f && strcmp(json_string_value(json_object_get(g, "rule")),
			                 "ISMS-BAD-COMMIT-DATE") == 0)
				f = g;
		}
		ck_assert_ptr_nonnull(f);
		e = json_array_get(json_object_get(f, "evidence"), 0);
		ck_assert_str_eq(
		    json_string_value(json_object_get(f, "message")),
		    "commit 79520eefc62c has the committer time -9223372036854775808 "
		    "(seconds from 1970-01-01), outside the years 1970 to 9999: its date "
		    "is unknown, and no finding rests on it");
		ck_assert(json_is_null(json_object_get(e, "date")));
		ck_assert_str_eq(json_string_value(json_object_get(e, "note")),
		                 "committer time out of range");
		/* docs/a.md was last changed by the commit dated -2^63 */
		ck_assert(json_is_null(json_at(r.json, "documents.0.last_body_change.date")));
		ck_assert_str_eq(json_string_value(json_at(r.json, "documents.0.path")),
		                 "docs/a.md");
	}
	audit_done_run(&r);

	/* every format and the trend: no invalid date, no GLib warning */
	for (int i = 0; formats[i]; i++) {
		ck_assert_int_eq(run_cli((const char *const[]){"check", repo, "--as-of", AS_OF,
		                                               "--format", formats[i], NULL},
		                         NULL, &out, &err),
		                 1);
		ck_assert_msg(strcmp(err, "") == 0, "%s: %s", formats[i], err);
		for (int k = 0; invalid[k]; k++)
			ck_assert_msg(!strstr(out, invalid[k]), "%s shows %s", formats[i],
			              invalid[k]);
		g_free(out);
		g_free(err);
	}
	for (int i = 0; trends[i]; i++) {
		ck_assert_int_eq(
		    run_cli((const char *const[]){"trend", repo, "--since", "2025-09-01", "--as-of",
		                                  AS_OF, "--format", trends[i], NULL},
		            NULL, &out, &err),
		    0);
		ck_assert_msg(strcmp(err, "") == 0, "trend %s: %s", trends[i], err);
		g_free(out);
		g_free(err);
	}

	/* as of a day, a commit of unknown date is not known to be by then: the
	 * branch as of 2025-09-30 is the one commit dated before it */
	{
		const char *argv[] = {"check",    repo,   "--as-of", "2025-09-30",
		                      "--format", "json", NULL};
		json_t *j;
		ck_assert_int_eq(run_cli(argv, NULL, &out, NULL), 1);
		j = json_loads(out, 0, NULL);
		ck_assert_str_eq(json_string_value(json_at(j, "repository.commit")),
		                 "5be52a801feb1776ea000070e5995cc8b94c6612");
		json_decref(j);
		g_free(out);
	}
	g_free(repo);
}
END_TEST

/* The names in `dir` that start with a dot but `.git` (temporary files
 * left behind), joined by spaces; caller frees. */
static char *leftovers(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	GString *s = g_string_new(NULL);
	const char *name;

	ck_assert_ptr_nonnull(d);
	while ((name = g_dir_read_name(d)))
		if (name[0] == '.' && strcmp(name, ".git") != 0)
			g_string_append_printf(s, "%s%s", s->len ? " " : "", name);
	g_dir_close(d);
	return g_string_free(s, FALSE);
}

static void expect_file(const char *path, const char *want)
{
	char *text = NULL;

	ck_assert(g_file_get_contents(path, &text, NULL, NULL));
	ck_assert_str_eq(text, want);
	g_free(text);
}

/* A pull request that commits `isms.sarif -> ~/.profile` (or any file the
 * workflow writes a report to) must not make the audit overwrite the
 * file the link names: a report, the trend and init's configuration are
 * written to a temporary file renamed into place, and a target that is a
 * link or not a regular file is refused before anything is written. */
START_TEST(reports_are_never_written_through_links)
{
	char *states = fixture_path("hostile/states"), *dir = scratch(), *want, *out, *err, *left;
	char *work = g_build_filename(dir, "work", NULL), *pr = g_build_filename(dir, "pr", NULL);
	char *profile = g_build_filename(dir, "profile", NULL);
	const char *const links[] = {"isms.sarif", "trend.txt", "starter.yml", NULL};
	char *sarif = g_build_filename(pr, "isms.sarif", NULL);
	char *trend = g_build_filename(pr, "trend.txt", NULL);
	char *starter = g_build_filename(pr, "starter.yml", NULL);
	char *folder = g_build_filename(pr, "report.json", NULL);
	char *report = g_build_filename(pr, "docs", "report.json", NULL);
	char *spec;
	struct stat st;

	run_or_fail((const char *const[]){"git", "clone", "-q", states, work, NULL});
	for (int i = 0; links[i]; i++) {
		char *link = g_build_filename(work, links[i], NULL);
		ck_assert_int_eq(symlink(profile, link), 0);
		g_free(link);
	}
	{
		char *keep = g_build_filename(work, "report.json", "keep", NULL);
		char *parent = g_path_get_dirname(keep);
		g_mkdir(parent, 0755);
		ck_assert(g_file_set_contents(keep, "", 0, NULL));
		g_free(parent);
		g_free(keep);
	}
	commit_all(work, "Add links where the workflow writes its reports");
	run_or_fail((const char *const[]){"git", "clone", "-q", work, pr, NULL});
	ck_assert(g_file_set_contents(profile, "precious\n", -1, NULL));

	/* refused before the audit: not even the annotations are written */
	spec = g_strconcat("sarif:", sarif, NULL);
	ck_assert_int_eq(run_cli((const char *const[]){"check", pr, "--as-of", AS_OF, "--format",
	                                               "github", "--format", spec, NULL},
	                         NULL, &out, &err),
	                 3);
	want = g_strdup_printf("isms-audit: %s: is a symbolic link: the sarif report is not "
	                       "written through links\n",
	                       sarif);
	ck_assert_str_eq(err, want);
	ck_assert_str_eq(out, "");
	g_free(want);
	g_free(err);
	g_free(out);
	g_free(spec);

	ck_assert_int_eq(run_cli((const char *const[]){"trend", pr, "--since", "2025-10-01",
	                                               "--as-of", AS_OF, "--output", trend, NULL},
	                         NULL, &out, &err),
	                 3);
	want = g_strdup_printf(
	    "isms-audit: %s: is a symbolic link: the trend is not written through links\n", trend);
	ck_assert_str_eq(err, want);
	g_free(want);
	g_free(err);
	g_free(out);

	/* init keeps an existing file without --force, refuses a link with it */
	ck_assert_int_eq(
	    run_cli((const char *const[]){"init", pr, "--output", starter, NULL}, NULL, NULL, &err),
	    2);
	want = g_strdup_printf("isms-audit: %s: already exists; pass --force to overwrite it\n",
	                       starter);
	ck_assert_str_eq(err, want);
	g_free(want);
	g_free(err);
	ck_assert_int_eq(
	    run_cli((const char *const[]){"init", pr, "--output", starter, "--force", NULL}, NULL,
	            NULL, &err),
	    3);
	want = g_strdup_printf("isms-audit: %s: is a symbolic link: the configuration is not "
	                       "written through links\n",
	                       starter);
	ck_assert_str_eq(err, want);
	g_free(want);
	g_free(err);

	/* a folder where the report goes */
	spec = g_strconcat("json:", folder, NULL);
	ck_assert_int_eq(
	    run_cli((const char *const[]){"check", pr, "--as-of", AS_OF, "--format", spec, NULL},
	            NULL, NULL, &err),
	    3);
	want = g_strdup_printf(
	    "isms-audit: %s: is not a regular file: the json report is not written there\n",
	    folder);
	ck_assert_str_eq(err, want);
	g_free(want);
	g_free(err);
	g_free(spec);

	expect_file(profile, "precious\n");
	left = leftovers(pr);
	ck_assert_str_eq(left, "");
	g_free(left);

	/* a regular file is replaced whole, keeping its permissions; the
	 * program's streams and the null device are written as they are */
	ck_assert(g_file_set_contents(report, "old\n", -1, NULL));
	ck_assert_int_eq(chmod(report, 0640), 0);
	spec = g_strconcat("json:", report, NULL);
	ck_assert_int_le(run_cli((const char *const[]){"check", pr, "--as-of", AS_OF, "--format",
	                                               spec, "--format", "sarif:/dev/null",
	                                               "--format", "text:/dev/stdout", NULL},
	                         NULL, &out, &err),
	                 1);
	ck_assert_str_eq(err, "");
	{
		char *head = g_strdup_printf("isms-audit %s: ISO/IEC 27001 documentation audit\n",
		                             isms_version);
		ck_assert(g_str_has_prefix(out, head));
		g_free(head);
	}
	ck_assert_int_eq(stat(report, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0640);
	{
		char *text = NULL;
		json_t *j;
		ck_assert(g_file_get_contents(report, &text, NULL, NULL));
		j = json_loads(text, 0, NULL);
		ck_assert_ptr_nonnull(j);
		json_decref(j);
		g_free(text);
	}
	{
		char *docs = g_path_get_dirname(report);
		left = leftovers(docs);
		ck_assert_str_eq(left, "");
		g_free(left);
		g_free(docs);
	}
	g_free(err);
	g_free(out);
	g_free(spec);

	g_free(report);
	g_free(folder);
	g_free(starter);
	g_free(trend);
	g_free(sarif);
	g_free(profile);
	g_free(pr);
	g_free(work);
	g_free(states);
	scratch_done(dir);
}
END_TEST

Suite *hostile_suite(void)
{
	Suite *s = suite_create("hostile");
	TCase *tc = tcase_create("hostile");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, encodings_and_line_ends);
	tcase_add_test(tc, file_names_are_kept_exactly);
	tcase_add_test(tc, symbolic_links_are_never_followed);
	tcase_add_test(tc, submodules_are_not_read);
	tcase_add_test(tc, hostile_front_matter_is_refused);
	tcase_add_test(tc, yaml_node_and_alias_limits);
	tcase_add_test(tc, ten_megabyte_lines);
	tcase_add_test(tc, a_large_register_is_audited);
	tcase_add_test(tc, table_limits);
	tcase_add_test(tc, markdown_nesting_and_element_limits);
	tcase_add_test(tc, a_register_of_tiny_tables_in_every_version);
	tcase_add_test(tc, the_parse_budget_is_spent_with_a_finding);
	tcase_add_test(tc, the_risk_replay_spends_the_parse_budget);
	tcase_add_test(tc, detached_bare_and_worktree);
	tcase_add_test(tc, no_commits_and_no_repository);
	tcase_add_test(tc, a_folder_posing_as_a_repository);
	tcase_add_test(tc, reports_are_never_written_through_links);
	tcase_add_test(tc, commit_dates_outside_the_calendar);
	tcase_add_test(tc, repositories_it_cannot_audit_say_why);
	suite_add_tcase(s, tc);
	return s;
}
