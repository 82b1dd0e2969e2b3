#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "isms/report.h"
#include "isms/rules.h"
#include "testutil.h"

typedef int (*report_fn)(const isms_audit *, const isms_findings *, const isms_report_options *,
                         FILE *);

static char *render(report_fn fn, const isms_audit *a, const isms_findings *fs)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	isms_report_options opts = ISMS_REPORT_OPTIONS_INIT;

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fn(a, fs, &opts, f), 0);
	fclose(f);
	return buf;
}

START_TEST(json_is_valid_utf8_even_when_documents_are_not)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/unreadable", "2026-01-15", &fs);
	drop_management(&fs);
	json_error_t err;
	json_t *root, *f;
	char *text;

	isms_findings_add(&fs, isms_rule_find("DOC-NO-METADATA"), "bad\xff.md", 1, "x", NULL,
	                  "title 'caf\xe9' \"quoted\"\n");
	text = render(isms_report_json, a, &fs);
	ck_assert(g_utf8_validate(text, -1, NULL));
	root = json_loads(text, 0, &err);
	ck_assert_msg(root != NULL, "invalid JSON: %s", err.text);
	f = json_array_get(json_object_get(root, "findings"), 5);
	ck_assert_str_eq(json_string_value(json_object_get(f, "path")), "bad\xef\xbf\xbd.md");
	ck_assert_str_eq(json_string_value(json_object_get(f, "message")),
	                 "title 'caf\xef\xbf\xbd' \"quoted\"\n");
	json_decref(root);
	free(text);
	audit_done(a, &fs);
}
END_TEST

START_TEST(json_documents_carry_their_history)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/stale-content", "2026-01-15", &fs);
	drop_management(&fs);
	json_t *root, *doc, *f;
	char *text = render(isms_report_json, a, &fs);

	root = json_loads(text, 0, NULL);
	ck_assert_ptr_nonnull(root);
	ck_assert_str_eq(
	    json_string_value(json_object_get(json_object_get(root, "repository"), "as_of")),
	    "2026-01-15");
	ck_assert_int_eq(
	    json_integer_value(json_object_get(json_object_get(root, "summary"), "observation")),
	    1);
	doc = json_array_get(json_object_get(root, "documents"), 1);
	ck_assert_str_eq(json_string_value(json_object_get(doc, "path")), "docs/stale.md");
	ck_assert_str_eq(json_string_value(json_object_get(doc, "last_reviewed")), "2025-06-01");
	ck_assert_str_eq(json_string_value(json_object_get(doc, "review_due")), "2026-06-01");
	ck_assert_str_eq(
	    json_string_value(json_object_get(json_object_get(doc, "first_commit"), "date")),
	    "2023-06-01");
	ck_assert_str_eq(
	    json_string_value(json_object_get(json_object_get(doc, "last_body_change"), "date")),
	    "2023-06-01");
	ck_assert_str_eq(
	    json_string_value(json_object_get(json_object_get(doc, "last_change"), "date")),
	    "2025-06-01");
	ck_assert(json_is_null(json_object_get(doc, "status")));
	f = json_array_get(json_object_get(root, "findings"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(f, "rule")), "DOC-STALE-CONTENT");
	ck_assert_str_eq(json_string_value(json_object_get(f, "clause")), "10.1");
	ck_assert_str_eq(json_string_value(json_object_get(f, "severity")), "observation");
	ck_assert_int_eq(json_integer_value(json_object_get(f, "line")), 6);
	ck_assert_int_eq(json_string_length(json_object_get(f, "fingerprint")), 16);
	ck_assert_str_eq(json_string_value(json_object_get(
	                     json_array_get(json_object_get(f, "evidence"), 0), "date")),
	                 "2023-06-01");
	json_decref(root);
	free(text);
	audit_done(a, &fs);
}
END_TEST

START_TEST(text_report_reads_like_an_audit)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/review-overdue", "2026-01-15", &fs);
	drop_management(&fs);
	char *text = render(isms_report_text, a, &fs);

	ck_assert_ptr_nonnull(
	    strstr(text, "\nClause 7.5.2  Documented information: creating and updating\n"));
	ck_assert_ptr_nonnull(
	    strstr(text, "  minor DOC-REVIEW-OVERDUE: the document's review is overdue\n"));
	ck_assert_ptr_nonnull(strstr(text, "    - docs/next.md:4: review was due on 2025-12-31 "
	                                   "(next_review): overdue by 15 days\n"));
	ck_assert_ptr_nonnull(
	    strstr(text, "\nSummary: 1 major, 3 minor, 0 observation (fail-on minor: fail)\n"));
	ck_assert_ptr_null(strchr(text, '\033')); /* no colour unless asked */
	free(text);
	audit_done(a, &fs);
}
END_TEST

/* The text and JSON reports of the demo and of a waived-findings fixture,
 * byte for byte. */
START_TEST(text_and_json_match_their_golden_files)
{
	static const struct {
		const char *fixture, *as_of, *format, *golden;
	} cases[] = {
	    {"demo", "2026-11-01", "text", "text/demo.txt"},
	    {"demo", "2026-11-01", "json", "json/demo.json"},
	    {"rules/waivers", "2026-01-15", "text", "text/waivers.txt"},
	    {"rules/waivers", "2026-01-15", "json", "json/waivers.json"},
	};

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		int rc;
		char *out =
		    run_report(cases[i].fixture, cases[i].as_of,
		               (const char *const[]){"--format", cases[i].format, NULL}, &rc);
		ck_assert_int_eq(rc, 1);
		expect_golden(cases[i].golden, out);
		g_free(out);
	}
}
END_TEST

/* Escape sequences, C1 controls, line breaks, separators, bidi overrides
 * and the '[' of CI log commands become '?', invalid UTF-8 U+FFFD; the
 * rest stays as it is. */
START_TEST(text_escape_shows_nothing_a_terminal_acts_on)
{
	GString *s = g_string_new(NULL);

	isms_report_text_escape(s, "a\x1b[31mb\x1b]8;;http://x/\x07"
	                           "c\x1b]8;;\x07 \x01\t\r\n\x7f "
	                           "\xc2\x85\xc2\x9b \xe2\x80\xa8\xe2\x80\xa9 \xe2\x80\xae"
	                           "\xe2\x81\xa6 caf\xc3\xa9 caf\xe9 <&>\"'`|\\");
	ck_assert_str_eq(s->str, "a?[31mb?]8;;http://x/?c?]8;;? ????? ?? ?? ?? caf\xc3\xa9 "
	                         "caf\xef\xbf\xbd <&>\"'`|\\");
	g_string_truncate(s, 0);
	isms_report_text_escape(s, "##[error]x ##vso[task.setvariable variable=a]b ##VSO[x] #[ ##");
	ck_assert_str_eq(s->str, "##?error]x ##vso?task.setvariable variable=a]b ##VSO?x] #[ ##");
	isms_report_text_escape(s, NULL);
	ck_assert_uint_eq(s->len, strlen(s->str));
	g_string_free(s, TRUE);
}
END_TEST

Suite *report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("report");

	tcase_add_test(tc, json_is_valid_utf8_even_when_documents_are_not);
	tcase_add_test(tc, json_documents_carry_their_history);
	tcase_add_test(tc, text_and_json_match_their_golden_files);
	tcase_add_test(tc, text_report_reads_like_an_audit);
	tcase_add_test(tc, text_escape_shows_nothing_a_terminal_acts_on);
	suite_add_tcase(s, tc);
	return s;
}
