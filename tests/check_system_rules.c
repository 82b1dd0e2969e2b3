/* The management-system rules on their fixtures: mandatory clauses, the
 * SoA, management reviews, internal audits, rule settings and waivers. */
#include <string.h>

#include "isms/rules.h"
#include "testutil.h"

static isms_severity severity_of(const isms_findings *fs, const char *rule, const char *path)
{
	const isms_finding *f = find_finding(fs, rule, path);

	ck_assert_msg(f != NULL, "no %s finding for %s", rule, path ? path : "the repository");
	return f->severity;
}

START_TEST(mandatory_clauses_need_a_document_in_force)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/mandatory", "2026-01-15", &fs);
	static const char *const status[] = {"ok",      "ok", "ok",      "ok", "ok",
	                                     "missing", "ok", "missing", "ok", "ok",
	                                     "overdue", "ok", "ok",      "ok"};
	const isms_coverage *c;
	const isms_finding *f;

	expect_rule(&fs, "MANDATORY-DOC-MISSING", "-:0:6.2\n-:0:8.1");
	/* filed under 6.2, sorted after RISK-REGISTER-MISSING (6.1.2): the
	 * fixture keeps no risk register, and 8.2 is declared by a document */
	expect_rule(&fs, "RISK-REGISTER-MISSING", "-:0:-");
	f = g_ptr_array_index(fs.items, 1);
	ck_assert_str_eq(f->rule->id, "MANDATORY-DOC-MISSING");
	ck_assert_str_eq(isms_finding_clause(f), "6.2");
	ck_assert_int_eq(f->severity, ISMS_SEV_MAJOR);
	ck_assert_str_eq(f->message, "no document in force declares clause 6.2 (Information "
	                             "security objectives) in `clauses`; only docs/objectives.md "
	                             "(draft) does");
	ck_assert_str_eq(
	    rule_message(&fs, "MANDATORY-DOC-MISSING", NULL),
	    "no document in force declares clause 6.2 (Information security objectives) "
	    "in `clauses`; only docs/objectives.md (draft) does");
	ck_assert_uint_eq(a->coverage->len, 14);
	for (guint i = 0; i < a->coverage->len; i++) {
		c = g_ptr_array_index(a->coverage, i);
		ck_assert_msg(strcmp(isms_coverage_status_name(c->status), status[i]) == 0,
		              "%s: %s", c->clause, isms_coverage_status_name(c->status));
	}
	/* 5.2 as a plain YAML number; the retired policy does not count */
	c = g_ptr_array_index(a->coverage, 1);
	ck_assert_uint_eq(c->documents->len, 1);
	ck_assert_str_eq(((isms_document *)g_ptr_array_index(c->documents, 0))->path,
	                 "docs/information-security-policy.md");
	ck_assert_str_eq(((isms_document *)g_ptr_array_index(c->inactive, 0))->path,
	                 "docs/security-policy-2024.md");
	c = g_ptr_array_index(a->coverage, 4); /* 6.1.3 d: the SoA by its type */
	ck_assert_str_eq(c->clause, "6.1.3 d");
	ck_assert_str_eq(((isms_document *)g_ptr_array_index(c->documents, 0))->path,
	                 "docs/statement-of-applicability.md");
	c = g_ptr_array_index(a->coverage, 6); /* 7.2 by the sub-item 7.2 d */
	ck_assert_str_eq(((isms_document *)g_ptr_array_index(c->documents, 0))->path,
	                 "records/competence.md");
	c = g_ptr_array_index(a->coverage, 8); /* "Clause 8.2" */
	ck_assert_str_eq(((isms_document *)g_ptr_array_index(c->documents, 0))->path,
	                 "records/risk-assessment-2025.md");
	expect_rule(&fs, "DOC-REVIEW-OVERDUE", "docs/measurement-plan.md:10:-");
	expect_rule(&fs, "SOA-INCOMPLETE", "");
	audit_done(a, &fs);
}
END_TEST

START_TEST(mandatory_clauses_follow_the_configuration)
{
	isms_findings fs;
	isms_audit *a = audit_fixture_config("rules/mandatory", "2026-01-15",
	                                     "mandatory_clauses: [4.3, 6.1.3(d), 7.5.1]\n", &fs);

	expect_rule(&fs, "MANDATORY-DOC-MISSING", "-:0:7.5.1");
	ck_assert_uint_eq(a->coverage->len, 3);
	audit_done(a, &fs);
}
END_TEST

/* `clauses:` in the configuration declares clauses without editing the
 * documents; a draft it maps still does not count. */
START_TEST(mandatory_clauses_mapped_by_the_configuration)
{
	isms_findings fs;
	isms_audit *a = audit_fixture_config(
	    "rules/mandatory", "2026-01-15",
	    "clauses: {docs/change-management.md: [\"8.1\"], \"docs/obj*.md\": [\"6.2\"]}\n", &fs);
	const isms_coverage *c = g_ptr_array_index(a->coverage, 7);

	expect_rule(&fs, "MANDATORY-DOC-MISSING", "-:0:6.2");
	ck_assert_str_eq(rule_message(&fs, "MANDATORY-DOC-MISSING", NULL),
	                 "no document in force declares clause 6.2 (Information security "
	                 "objectives) in `clauses`; only docs/objectives.md (draft) does");
	ck_assert_str_eq(c->clause, "8.1");
	ck_assert_str_eq(isms_coverage_status_name(c->status), "ok");
	ck_assert_uint_eq(c->documents->len, 1);
	ck_assert_str_eq(((isms_document *)g_ptr_array_index(c->documents, 0))->path,
	                 "docs/change-management.md");
	audit_done(a, &fs);
}
END_TEST

#define UNDECLARED_MAP                                                                             \
	"clauses:\n  Information_Security_Policy.md: [\"5.2\"]\n"                                  \
	"  \"policies/risk-*.md\": [\"6.1.2\", \"8.2\"]\n"                                         \
	"  policies/risk-treatment.md: [\"6.1.3\", \"8.3\"]\n  scope.md: \"4.3\"\n"

/* Coverage statuses of the 14 default clauses, one letter each (o ok,
 * m missing), in the order of mandatory_clauses. */
static void expect_coverage(const isms_audit *a, const char *want)
{
	GString *got = g_string_new(NULL);

	for (guint i = 0; i < a->coverage->len; i++)
		g_string_append_c(
		    got,
		    isms_coverage_status_name(
		        ((const isms_coverage *)g_ptr_array_index(a->coverage, i))->status)[0]);
	ck_assert_str_eq(got->str, want);
	g_string_free(got, TRUE);
}

/* No clause declared anywhere: one finding says how to declare them,
 * instead of a major per clause; mapped by the configuration, the
 * clauses still missing are majors again. */
START_TEST(undeclared_clauses_are_one_finding)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/undeclared", "2026-01-15", &fs);
	const isms_finding *f;

	expect_rule(&fs, "MANDATORY-CLAUSES-UNDECLARED", "-:0:-");
	expect_rule(&fs, "MANDATORY-DOC-MISSING", "");
	f = find_finding(&fs, "MANDATORY-CLAUSES-UNDECLARED", NULL);
	ck_assert_str_eq(f->message,
	                 "no document declares the clauses it serves (`clauses:` in its front "
	                 "matter or in the configuration), so the documented information of 10 "
	                 "mandatory clauses cannot be found: 4.3, 5.2, 6.1.2, 6.1.3, 6.1.3 d, 6.2, "
	                 "7.2, 8.1, 8.3, 9.1; declare them in front matter (`clauses: "
	                 "[\"5.2\"]`) or map documents to them under `clauses:` in the "
	                 "configuration");
	ck_assert_int_eq(f->severity, ISMS_SEV_MINOR);
	ck_assert_str_eq(isms_finding_clause(f), "7.5.1");
	expect_rule(&fs, "MR-OVERDUE", "-:0:-");
	expect_rule(&fs, "IA-OVERDUE", "-:0:-");
	/* 8.2 is RISK-REGISTER-MISSING's, as 9.2 and 9.3 are IA- and MR-OVERDUE's */
	expect_rule(&fs, "RISK-REGISTER-MISSING", "-:0:-");
	/* and the one finding of a history without approval evidence */
	expect_rule(&fs, "DOC-CHANGE-UNAPPROVED", "-:0:-");
	ck_assert_uint_eq(fs.items->len, 5);
	/* the coverage table still lists every clause */
	expect_coverage(a, "mmmmmmmmmmmmmo");
	audit_done(a, &fs);

	/* switched off, it gives the clauses back to MANDATORY-DOC-MISSING */
	a = audit_fixture_config("rules/undeclared", "2026-01-15",
	                         "rules: {MANDATORY-CLAUSES-UNDECLARED: off}\n", &fs);
	expect_rule(&fs, "MANDATORY-DOC-MISSING",
	            "-:0:4.3\n-:0:5.2\n-:0:6.1.2\n-:0:6.1.3\n-:0:6.1.3 d\n-:0:6.2\n-:0:7.2\n"
	            "-:0:8.1\n-:0:8.3\n-:0:9.1");
	audit_done(a, &fs);

	/* mapped paths are declarations: the rest is missing, clause by clause */
	a = audit_fixture_config("rules/undeclared", "2026-01-15", UNDECLARED_MAP, &fs);
	expect_rule(&fs, "MANDATORY-CLAUSES-UNDECLARED", "");
	expect_rule(&fs, "MANDATORY-DOC-MISSING",
	            "-:0:6.1.3 d\n-:0:6.2\n-:0:7.2\n-:0:8.1\n-:0:9.1");
	ck_assert_str_eq(rule_message(&fs, "MANDATORY-DOC-MISSING", NULL),
	                 "no document in force declares clause 6.1.3 d (Statement of "
	                 "Applicability) in `clauses`");
	/* 5 clauses, MR-OVERDUE, IA-OVERDUE, RISK-REGISTER-MISSING and the
	 * history without approval evidence */
	ck_assert_uint_eq(fs.items->len, 9);
	expect_coverage(a, "oooommmmoommmo");
	ck_assert_str_eq(
	    ((isms_document *)g_ptr_array_index(
	         ((const isms_coverage *)g_ptr_array_index(a->coverage, 1))->documents, 0))
	        ->path,
	    "Information_Security_Policy.md");
	audit_done(a, &fs);

	/* a mapping that matches no document is no declaration, and said so */
	a = audit_fixture_config("rules/undeclared", "2026-01-15",
	                         "clauses: {docs/policy.md: [\"5.2\"]}\n", &fs);
	ck_assert_ptr_nonnull(strstr(rule_message(&fs, "MANDATORY-CLAUSES-UNDECLARED", NULL),
	                             "(`clauses:` in its front matter or in the configuration, "
	                             "whose patterns match no document)"));
	expect_rule(&fs, "MANDATORY-DOC-MISSING", "");
	audit_done(a, &fs);
}
END_TEST

START_TEST(clause_spellings_are_read_alike)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/clause-spelling", "2026-01-15", &fs);

	/* 6.1.3(d) is the SoA item: it does not cover 6.1.3 itself */
	expect_rule(&fs, "MANDATORY-DOC-MISSING", "-:0:6.1.3");
	ck_assert_uint_eq(a->soas->len, 0);
	expect_rule(&fs, "SOA-INCOMPLETE", "");
	audit_done(a, &fs);
}
END_TEST

START_TEST(soa_lapses_and_a_stale_soa)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/soa", "2024-04-01", &fs);
	const char *soa = "docs/statement-of-applicability.md";

	/* version 1.0 lists all 93 controls, justified */
	ck_assert_uint_eq(a->soas->len, 1);
	expect_rule(&fs, "SOA-INCOMPLETE", "");
	expect_rule(&fs, "SOA-NO-JUSTIFICATION", "");
	expect_rule(&fs, "SOA-UNKNOWN-CONTROL", "");
	audit_done(a, &fs);

	a = audit_fixture("rules/soa", "2025-05-01", &fs);
	expect_rule(&fs, "SOA-INCOMPLETE", "docs/statement-of-applicability.md:19:-");
	ck_assert_str_eq(rule_message(&fs, "SOA-INCOMPLETE", soa),
	                 "the Statement of Applicability lists 91 of the 93 Annex A controls; "
	                 "missing: 5.37, 8.34");
	ck_assert_int_eq(severity_of(&fs, "SOA-INCOMPLETE", soa), ISMS_SEV_MINOR);
	expect_rule(&fs, "SOA-NO-JUSTIFICATION",
	            "docs/statement-of-applicability.md:61:6.4\n"
	            "docs/statement-of-applicability.md:77:7.7");
	ck_assert_str_eq(rule_message(&fs, "SOA-NO-JUSTIFICATION", soa),
	                 "control 6.4 has no applicability (yes or no)");
	expect_rule(&fs, "SOA-UNKNOWN-CONTROL",
	            "docs/statement-of-applicability.md:57:5.38\n"
	            "docs/statement-of-applicability.md:93:A.12.6.1");
	ck_assert_int_eq(severity_of(&fs, "SOA-UNKNOWN-CONTROL", soa), ISMS_SEV_OBSERVATION);
	/* over 12 months unchanged, but the treatment did not change since */
	expect_rule(&fs, "SOA-STALE", "");
	audit_done(a, &fs);

	a = audit_fixture("rules/soa", "2025-09-01", &fs);
	expect_rule(&fs, "SOA-STALE", "docs/statement-of-applicability.md:0:-");
	ck_assert_str_eq(rule_message(&fs, "SOA-STALE", soa),
	                 "the SoA has not changed since 2024-04-15 (longer than its 1 year review "
	                 "cycle) although the risk treatment document docs/risk-treatment-plan.md "
	                 "changed on 2025-06-01");
	const isms_finding *f = find_finding(&fs, "SOA-STALE", soa);
	ck_assert_uint_eq(f->evidence->len, 2);
	ck_assert_str_eq(g_array_index(f->evidence, isms_evidence, 1).note,
	                 "risk treatment changed");
	ck_assert_str_eq(commit_date(a, a->history.commits->len - 1), "2025-06-01");
	audit_done(a, &fs);
}
END_TEST

START_TEST(management_reviews_inputs_actions_and_interval)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/management-review", "2025-06-01", &fs);
	const char *mr25 = "records/management-review-2025-03.md";

	expect_rule(&fs, "MR-OVERDUE", "");
	expect_rule(&fs, "MR-MISSING-INPUT",
	            "records/management-review-2024-12.md:8:d\n"
	            "records/management-review-2025-03.md:8:c,e");
	ck_assert_str_eq(
	    rule_message(&fs, "MR-MISSING-INPUT", mr25),
	    "the management review record does not cover inputs c) changes in needs and "
	    "expectations of interested parties; e) feedback from interested parties (no "
	    "heading or `inputs` entry for them)");
	/* ACT-2024-002 was deleted from the register but was tracked */
	expect_rule(&fs, "MR-ACTIONS-NOT-TRACKED",
	            "records/management-review-2025-03.md:48:ACT-2025-009");
	ck_assert_int_eq(severity_of(&fs, "MR-ACTIONS-NOT-TRACKED", mr25), ISMS_SEV_OBSERVATION);
	/* the draft of 2026 is no record in force */
	ck_assert_uint_eq(a->records->len, 4);
	audit_done(a, &fs);

	a = audit_fixture("rules/management-review", "2026-06-01", &fs);
	expect_rule(&fs, "MR-OVERDUE", "records/management-review-2025-03.md:0:-");
	ck_assert_str_eq(rule_message(&fs, "MR-OVERDUE", mr25),
	                 "the last management review was held on 2025-03-20, 438 days before the "
	                 "audit date; one is due every 12 months (by 2026-03-20)");
	ck_assert_int_eq(severity_of(&fs, "MR-OVERDUE", mr25), ISMS_SEV_MINOR);
	audit_done(a, &fs);

	/* a configured heading phrase covers input d) */
	a = audit_fixture_config("rules/management-review", "2025-06-01",
	                         "review_inputs:\n  d: [KPI review]\n", &fs);
	expect_rule(&fs, "MR-MISSING-INPUT", "records/management-review-2025-03.md:8:c,e");
	audit_done(a, &fs);
}
END_TEST

START_TEST(internal_audits_independence_findings_and_interval)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/internal-audit", "2025-06-01", &fs);
	const char *ia24 = "records/internal-audit-2024.md";

	expect_rule(&fs, "IA-OVERDUE", "");
	expect_rule(&fs, "IA-NOT-INDEPENDENT", "records/internal-audit-2024.md:7:-");
	ck_assert_str_eq(rule_message(&fs, "IA-NOT-INDEPENDENT", ia24),
	                 "the auditor 'Ann Auditor' authored 3 of the 4 commits (75%) that changed "
	                 "controlled documents in the 12 months before the audit of 2024-02-01: "
	                 "auditors must not audit their own work");
	ck_assert_int_eq(severity_of(&fs, "IA-NOT-INDEPENDENT", ia24), ISMS_SEV_OBSERVATION);
	/* by the register's NC- prefix in the text, and by the Ref column */
	expect_rule(&fs, "IA-FINDING-NOT-TRACKED",
	            "records/internal-audit-2025.md:22:NC-2025-009\n"
	            "records/internal-audit-2025.md:29:OBS-2025-002");
	ck_assert_str_eq(
	    rule_message(&fs, "IA-FINDING-NOT-TRACKED", "records/internal-audit-2025.md"),
	    "audit finding NC-2025-009 was never entered in a register: internal audit "
	    "results must feed corrective action");
	audit_done(a, &fs);

	a = audit_fixture("rules/internal-audit", "2026-06-01", &fs);
	expect_rule(&fs, "IA-OVERDUE", "records/internal-audit-2025.md:0:-");
	ck_assert_str_eq(
	    rule_message(&fs, "IA-OVERDUE", "records/internal-audit-2025.md"),
	    "the last internal audit was held on 2025-02-01, 485 days before the audit "
	    "date; one is due every 12 months (by 2026-02-01)");
	audit_done(a, &fs);

	/* over 18 months the auditor wrote less than half: independent */
	a = audit_fixture_config("rules/internal-audit", "2025-06-01",
	                         "internal_audit_months: 36\n", &fs);
	expect_rule(&fs, "IA-NOT-INDEPENDENT", "records/internal-audit-2024.md:7:-");
	audit_done(a, &fs);
}
END_TEST

START_TEST(no_review_or_audit_ever_is_major)
{
	isms_findings fs;
	char *got;
	isms_audit *a = audit_fixture("rules/no-records", "2026-01-15", &fs);

	expect_rule(&fs, "MR-OVERDUE", "-:0:-");
	expect_rule(&fs, "IA-OVERDUE", "-:0:-");
	ck_assert_int_eq(severity_of(&fs, "MR-OVERDUE", NULL), ISMS_SEV_MAJOR);
	ck_assert_str_eq(rule_message(&fs, "MR-OVERDUE", NULL),
	                 "no management review has ever been recorded: no document of type "
	                 "management-review is in force (clause 9.3 documented information is "
	                 "missing)");
	/* procedures declare 9.2 and 9.3: documented, but never held; nor is
	 * there a risk register */
	expect_rule(&fs, "MANDATORY-DOC-MISSING", "");
	expect_rule(&fs, "RISK-REGISTER-MISSING", "-:0:-");
	/* and the one finding of a history without approval evidence */
	expect_rule(&fs, "DOC-CHANGE-UNAPPROVED", "-:0:-");
	ck_assert_uint_eq(fs.items->len, 4);
	audit_done(a, &fs);

	/* nothing declares 9.3 here: one major finding, by MR-OVERDUE, not two */
	a = audit_fixture("rules/internal-audit", "2025-06-01", &fs);
	expect_rule(&fs, "MR-OVERDUE", "-:0:-");
	got = rule_summary(&fs, "MANDATORY-DOC-MISSING");
	ck_assert_ptr_null(strstr(got, "9.3"));
	g_free(got);
	audit_done(a, &fs);
	/* with MR-OVERDUE off, the missing clause is reported by its own rule */
	a = audit_fixture_config("rules/internal-audit", "2025-06-01",
	                         "rules:\n  MR-OVERDUE: off\n", &fs);
	expect_rule(&fs, "MR-OVERDUE", "");
	got = rule_summary(&fs, "MANDATORY-DOC-MISSING");
	ck_assert_ptr_nonnull(strstr(got, "-:0:9.3"));
	g_free(got);
	audit_done(a, &fs);
}
END_TEST

START_TEST(rule_settings_and_waivers)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/waivers", "2026-01-15", &fs);
	const isms_finding *f;
	char *got;

	drop_management(&fs);
	expect_rule(&fs, "DOC-STALE-CONTENT", "");                      /* off */
	expect_rule(&fs, "DOC-REVIEW-UNEVIDENCED", "docs/d.md:8:late"); /* regraded */
	ck_assert_int_eq(severity_of(&fs, "DOC-REVIEW-UNEVIDENCED", "docs/d.md"), ISMS_SEV_MAJOR);
	expect_rule(&fs, "ACT-NO-OWNER", "register.md:14:NC-2025-004"); /* archive/ excluded */
	expect_rule(&fs, "DOC-REVIEW-OVERDUE", "docs/b.md:8:-");        /* waiver expired */
	expect_rule(&fs, "WAIVER-EXPIRED", ".isms-audit.yml:13:DOC-REVIEW-OVERDUE docs/b.md");
	ck_assert_str_eq(rule_message(&fs, "WAIVER-EXPIRED", ".isms-audit.yml"),
	                 "the waiver of DOC-REVIEW-OVERDUE for docs/b.md expired on 2025-12-31 "
	                 "(approved by Wendy Marsh (CISO)): its findings are reported again; renew "
	                 "the sign-off or resolve them");
	expect_rule(&fs, "ACT-OVERDUE", "");
	ck_assert_uint_eq(fs.items->len, 4);
	got = waived_summary(&fs, "DOC-REVIEW-OVERDUE");
	ck_assert_str_eq(got, "docs/a.md:8:-");
	g_free(got);
	got = waived_summary(&fs, "ACT-OVERDUE");
	ck_assert_str_eq(got, "register.md:13:NC-2025-003");
	g_free(got);
	ck_assert_uint_eq(fs.waived->len, 2);
	f = g_ptr_array_index(fs.waived, 0);
	ck_assert_ptr_nonnull(f->waiver);
	ck_assert_str_eq(f->waiver->approved_by, "Wendy Marsh (CISO)");
	audit_done(a, &fs);

	/* the same repository without its configuration */
	a = audit_fixture_config("rules/waivers", "2026-01-15", "# none\n", &fs);
	drop_management(&fs);
	expect_rule(&fs, "DOC-STALE-CONTENT", "docs/c.md:11:-");
	ck_assert_int_eq(severity_of(&fs, "DOC-REVIEW-UNEVIDENCED", "docs/d.md"),
	                 ISMS_SEV_OBSERVATION);
	expect_rule(&fs, "ACT-NO-OWNER",
	            "archive/legacy-tracker.md:15:LEG-12\n"
	            "register.md:14:NC-2025-004");
	expect_rule(&fs, "DOC-REVIEW-OVERDUE", "docs/a.md:8:-\ndocs/b.md:8:-");
	ck_assert_uint_eq(fs.waived->len, 0);
	audit_done(a, &fs);
}
END_TEST

Suite *system_rules_suite(void)
{
	Suite *s = suite_create("system-rules");
	TCase *tc = tcase_create("system-rules");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, mandatory_clauses_need_a_document_in_force);
	tcase_add_test(tc, mandatory_clauses_follow_the_configuration);
	tcase_add_test(tc, mandatory_clauses_mapped_by_the_configuration);
	tcase_add_test(tc, undeclared_clauses_are_one_finding);
	tcase_add_test(tc, clause_spellings_are_read_alike);
	tcase_add_test(tc, soa_lapses_and_a_stale_soa);
	tcase_add_test(tc, management_reviews_inputs_actions_and_interval);
	tcase_add_test(tc, internal_audits_independence_findings_and_interval);
	tcase_add_test(tc, no_review_or_audit_ever_is_major);
	tcase_add_test(tc, rule_settings_and_waivers);
	suite_add_tcase(s, tc);
	return s;
}
