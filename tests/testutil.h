#ifndef ISMS_TESTUTIL_H
#define ISMS_TESTUTIL_H

#include <check.h>
#include <glib.h>

#include "isms/audit.h"
#include "isms/finding.h"

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
 * (MANDATORY-DOC-MISSING, MR-OVERDUE, IA-OVERDUE): the fixtures made for one
 * document or register rule are not whole ISMSs. */
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
 * the captured outputs (caller frees). */
int run_cli(const char *const *argv, const char *const *env, char **out, char **err);

/* Run a command (git) for test set-up; fails the test on error. */
void run_or_fail(const char *const *argv);

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
void expect_golden(const char *name, const char *actual);

Suite *date_suite(void);
Suite *frontmatter_suite(void);
Suite *document_suite(void);
Suite *config_suite(void);
Suite *finding_suite(void);
Suite *markdown_suite(void);
Suite *register_suite(void);
Suite *register_history_suite(void);
Suite *history_suite(void);
Suite *rules_suite(void);
Suite *register_rules_suite(void);
Suite *report_suite(void);
Suite *report_ci_suite(void);
Suite *report_gh_suite(void);
Suite *report_html_suite(void);
Suite *soa_suite(void);
Suite *system_rules_suite(void);
Suite *cli_suite(void);
Suite *init_suite(void);
Suite *trend_suite(void);
Suite *base_suite(void);
Suite *install_suite(void);
Suite *action_suite(void);
Suite *fuzz_regress_suite(void);

#endif
