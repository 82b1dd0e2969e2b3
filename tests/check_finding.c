#include <string.h>

#include "isms/clauses.h"
#include "isms/error.h"
#include "isms/finding.h"
#include "isms/rules.h"
#include "testutil.h"

START_TEST(fingerprints_ignore_lines_and_wording)
{
	isms_findings fs;
	const isms_rule *r = isms_rule_find("DOC-MISSING-FIELD");
	isms_finding *a, *b, *c, *d;

	isms_findings_init(&fs);
	a = isms_findings_add(&fs, r, "a.md", 3, "POL-1", "owner", "one wording");
	b = isms_findings_add(&fs, r, "moved/a.md", 9, "POL-1", "owner", "another wording");
	c = isms_findings_add(&fs, r, "a.md", 3, "POL-1", "version", "one wording");
	d = isms_findings_add(&fs, isms_rule_find("DOC-DUPLICATE-ID"), "a.md", 3, "POL-1", "owner",
	                      "x");
	ck_assert_str_eq(a->fingerprint, b->fingerprint);
	ck_assert_str_ne(a->fingerprint, c->fingerprint);
	ck_assert_str_ne(a->fingerprint, d->fingerprint);
	ck_assert_uint_eq(strlen(a->fingerprint), 16);
	ck_assert_uint_eq(strspn(a->fingerprint, "0123456789abcdef"), 16);
	isms_findings_dispose(&fs);
}
END_TEST

START_TEST(findings_sort_by_clause_number_then_severity)
{
	isms_findings fs;

	isms_findings_init(&fs);
	isms_findings_add(&fs, isms_rule_find("DOC-STALE-CONTENT"), "b.md", 1, "b", NULL, "x");
	isms_findings_add(&fs, isms_rule_find("ISMS-STATIC"), NULL, 0, "r", NULL, "x");
	isms_findings_add(&fs, isms_rule_find("DOC-VERSION-NOT-BUMPED"), "a.md", 1, "a", NULL, "x");
	isms_findings_add(&fs, isms_rule_find("DOC-REVIEW-UNEVIDENCED"), "a.md", 4, "a", NULL, "x");
	isms_findings_add(&fs, isms_rule_find("DOC-REVIEW-OVERDUE"), "z.md", 4, "z", NULL, "x");
	isms_findings_sort(&fs);
	static const char *order[] = {"DOC-REVIEW-OVERDUE", "DOC-REVIEW-UNEVIDENCED",
	                              "DOC-VERSION-NOT-BUMPED", "ISMS-STATIC", "DOC-STALE-CONTENT"};
	for (guint i = 0; i < 5; i++)
		ck_assert_str_eq(((isms_finding *)g_ptr_array_index(fs.items, i))->rule->id,
		                 order[i]);
	ck_assert_uint_eq(isms_findings_count(&fs, ISMS_SEV_MINOR), 3);
	ck_assert_uint_eq(isms_findings_count(&fs, ISMS_SEV_OBSERVATION), 2);
	ck_assert(isms_findings_fail(&fs, ISMS_SEV_MINOR));
	ck_assert(!isms_findings_fail(&fs, ISMS_SEV_MAJOR));
	ck_assert(!isms_findings_fail(&fs, ISMS_SEV_NEVER));
	isms_findings_dispose(&fs);
}
END_TEST

START_TEST(the_rule_table_is_complete)
{
	for (size_t i = 0; i < isms_rules_count; i++) {
		const isms_rule *r = &isms_rules[i];
		ck_assert_ptr_nonnull(r->check);
		ck_assert(strlen(r->summary) > 10 && strlen(r->requirement) > 10 &&
		          strlen(r->explanation) > 10);
		ck_assert_ptr_eq(isms_rule_find(r->id), r);
	}
	/* 45 rules of the document, register and system audits, the 13 RISK-
	 * rules of the risk registers and the 4 approval rules */

	ck_assert_uint_eq(isms_rules_count, 62);
	ck_assert_ptr_null(isms_rule_find("NO-SUCH-RULE"));
}
END_TEST

START_TEST(severities_and_clauses_have_names)
{
	isms_severity s;

	ck_assert_int_eq(isms_severity_parse("major", 0, &s), 0);
	ck_assert_int_eq(s, ISMS_SEV_MAJOR);
	ck_assert_int_eq(isms_severity_parse("never", 0, &s), -1);
	ck_assert_int_eq(isms_severity_parse("never", 1, &s), 0);
	ck_assert_int_eq(s, ISMS_SEV_NEVER);
	ck_assert_int_eq(isms_severity_parse("Major", 1, &s), -1);
	ck_assert_str_eq(isms_severity_name(ISMS_SEV_OBSERVATION), "observation");
	ck_assert_str_eq(isms_clause_title("7.5.2"),
	                 "Documented information: creating and updating");
	ck_assert_str_eq(isms_clause_title("6.1.3 d"), "Statement of Applicability");
	ck_assert_str_eq(isms_clause_title("99"), "");
	ck_assert_int_eq(isms_error_set(ISMS_EREPO, "%s: %d", "x", 3), ISMS_EREPO);
	ck_assert_str_eq(isms_error_last(), "x: 3");
	isms_error_clear();
	ck_assert_str_eq(isms_error_last(), "");
}
END_TEST

Suite *finding_suite(void)
{
	Suite *s = suite_create("finding");
	TCase *tc = tcase_create("finding");

	tcase_add_test(tc, fingerprints_ignore_lines_and_wording);
	tcase_add_test(tc, findings_sort_by_clause_number_then_severity);
	tcase_add_test(tc, the_rule_table_is_complete);
	tcase_add_test(tc, severities_and_clauses_have_names);
	suite_add_tcase(s, tc);
	return s;
}
