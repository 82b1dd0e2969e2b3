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
	static const char *const rules[] = {"MANDATORY-DOC-MISSING", "MR-OVERDUE", "IA-OVERDUE",
	                                    "REG-NOT-FOUND", NULL};

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
static void audit(audit_run *out, const char *format, const char *const *args)
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
	out->rc = run_cli(argv, NULL, &stdout_text, &out->err);
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

#define AUDIT(out, ...)       audit(out, "json", (const char *const[]){__VA_ARGS__, NULL})
#define AUDIT_SARIF(out, ...) audit(out, "sarif", (const char *const[]){__VA_ARGS__, NULL})

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
	want = g_strdup_printf("REG-NO-CLOSURES docs/register.md:0:-\n"
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
	tcase_add_test(tc, detached_bare_and_worktree);
	tcase_add_test(tc, no_commits_and_no_repository);
	suite_add_tcase(s, tc);
	return s;
}
