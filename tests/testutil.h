#ifndef ISMS_TESTUTIL_H
#define ISMS_TESTUTIL_H

#include <check.h>
#include <cmark-gfm.h>
#include <glib.h>
#include <jansson.h>

#include "isms/audit.h"
#include "isms/finding.h"
#include "isms/report.h"
#include "isms/version.h"

/* Shared helpers of the Check suites. Fixture repositories are built by
 * the Makefile into $ISMS_FIXTURES; the program under test is $ISMS_AUDIT. */

/* $ISMS_FIXTURES/name; caller frees. */
char *fixture_path(const char *name);

/* Open a fixture at an as-of date and run every rule. Fails the test on
 * error. Free with audit_done(). */
isms_audit *audit_fixture(const char *name, const char *as_of, isms_findings *out);
void audit_done(isms_audit *a, isms_findings *fs);

/* The same with the configuration `config` (YAML text) in place of the
 * committed one, as `--config FILE` does. */
isms_audit *audit_fixture_config(const char *name, const char *as_of, const char *config,
                                 isms_findings *out);

/* The findings of `rule` among the waived ones, as rule_summary(). */
char *waived_summary(const isms_findings *fs, const char *rule);

/* Remove the findings about the management system as a whole
 * (MANDATORY-DOC-MISSING, MANDATORY-CLAUSES-UNDECLARED, MR-OVERDUE,
 * IA-OVERDUE, RISK-REGISTER-MISSING, and DOC-CHANGE-UNAPPROVED's one finding
 * on a history without approval evidence): the fixtures made for one document
 * or register rule are not whole ISMSs. */
void drop_management(isms_findings *fs);

/* The findings of one rule, as "path:line:item" lines joined by '\n'
 * (item "-" when none). Caller frees. */
char *rule_summary(const isms_findings *fs, const char *rule);

/* The first finding of `rule` about `path` (NULL: repository-wide). */
const isms_finding *find_finding(const isms_findings *fs, const char *rule, const char *path);

/* Assert that the findings of `rule` are exactly `want` (rule_summary). */
void expect_rule(const isms_findings *fs, const char *rule, const char *want);

/* The message of the first finding of `rule` about `path`; fails the test
 * if there is none. */
const char *rule_message(const isms_findings *fs, const char *rule, const char *path);

/* The document at `path`, or NULL. */
const isms_document *find_document(const isms_audit *a, const char *path);

/* Run the program with arguments (NULL-terminated) and extra environment
 * ("NAME=value", NULL-terminated, may be NULL); returns the exit code and
 * the captured outputs (caller frees). With $ISMS_AUDIT_WRAPPER set (make
 * check-valgrind) the program runs under that command line. */
int run_cli(const char *const *argv, const char *const *env, char **out, char **err);

/* Run a command (git) for test set-up; fails the test on error. */
void run_or_fail(const char *const *argv);

/* The same, returning the command's standard output (caller frees). */
char *output_or_fail(const char *const *argv);

/* The JSON value at a dotted path of keys and array indexes
 * ("runs.0.results"), or NULL; json_string_at() fails the test unless it
 * is a string. Borrowed. */
json_t *json_at(json_t *root, const char *path);
const char *json_string_at(json_t *root, const char *path);

/* The hex id of a commit index (static buffer). */
const char *commit_hex(const isms_audit *a, guint32 index);

/* The date of a commit index as YYYY-MM-DD (static buffer). */
const char *commit_date(const isms_audit *a, guint32 index);

/* `text` with every `from` replaced by `to`; caller frees. */
char *replace_all(const char *text, const char *from, const char *to);

/* Run `check FIXTURE --as-of AS_OF EXTRA...` with NO_COLOR and return its
 * standard output with the fixture's path replaced by "$FIXTURE" (caller
 * frees); the exit code goes to *rc. */
char *run_report(const char *fixture, const char *as_of, const char *const *extra, int *rc);

/* Assert that `actual` equals tests/golden/NAME. With ISMS_UPDATE_GOLDEN set
 * (make golden) the file is written instead. On a difference the output is
 * kept beside the golden file as NAME.actual. */
/* What `isms-audit --version` prints: the version and the libraries'. */
char *version_output(void);

void expect_golden(const char *name, const char *actual);

/* The report `fn` writes for the audit (opts may be NULL), as a string;
 * fails the test if it returns an error. Caller frees with free(). */
char *render_report(isms_report_fn fn, const isms_audit *a, const isms_findings *fs,
                    const isms_report_options *opts);

/* Run a checker on `text` saved in a fresh temporary file: `argv` (an
 * absolute program and its arguments) is followed by the file's name.
 * Returns its exit status; what it printed goes to *complaint (caller
 * frees). Fails if the program is missing. */
int run_checker(const char *const *argv, const char *ext, const char *text, char **complaint);

/* The checkers for run_checker: the OASIS SARIF 2.1.0 schema
 * (tests/data/sarif-schema-2.1.0.json, python3-jsonschema) and the Jenkins
 * xUnit XSD (tests/data/junit.xsd, xmllint). */
const char *const *sarif_checker(void);
const char *const *junit_checker(void);

/* Assert that a SARIF log follows the schema, a JUnit report the XSD. */
void expect_valid_sarif(const char *text);
void expect_valid_junit(const char *text);

/* Every element of an HTML report that is opened is closed, in order,
 * void elements (meta, br) and self-closed SVG elements aside, and every
 * tag is inert: no src, no on... handler, no xlink, no link off the page,
 * no url() in a style. Repository text that escaped escaping would show up
 * as a stray tag. */
void expect_inert_html(const char *html);

/* Markdown as GitHub reads it: cmark-gfm with GitHub's extensions (table,
 * strikethrough, autolink, tagfilter), raw HTML let through so that any
 * tag that got in shows. gfm_parse returns the document (free with
 * cmark_node_free), gfm_html its HTML (caller frees with free()). */
cmark_node *gfm_parse(const char *md);
char *gfm_html(const char *md);

Suite *date_suite(void);
Suite *frontmatter_suite(void);
Suite *meta_suite(void);
Suite *doc_control_suite(void);
Suite *config_suite(void);
Suite *config_weaker_suite(void);
Suite *finding_suite(void);
Suite *markdown_suite(void);
Suite *register_suite(void);
Suite *risk_suite(void);
Suite *risk_rules_suite(void);
Suite *register_history_suite(void);
Suite *history_suite(void);
Suite *rules_suite(void);
Suite *register_rules_suite(void);
Suite *report_suite(void);
Suite *report_ci_suite(void);
Suite *report_gh_suite(void);
Suite *report_html_suite(void);
Suite *report_safety_suite(void);
Suite *soa_suite(void);
Suite *system_rules_suite(void);
Suite *cli_suite(void);
Suite *init_suite(void);
Suite *trend_suite(void);
Suite *base_suite(void);
Suite *install_suite(void);
Suite *action_suite(void);
Suite *gitlab_suite(void);
Suite *hostile_suite(void);
Suite *text_suite(void);
Suite *scale_suite(void);
Suite *linediff_suite(void);
Suite *fuzz_regress_suite(void);
Suite *review_suite(void);
Suite *approval_suite(void);

#endif
