/* Every rule on its fixture: the violating cases are found exactly, the
 * compliant ones are not. Fixture comments say what each case is. */
#include <string.h>

#include "isms/rules.h"
#include "testutil.h"

#define AS_OF "2026-01-15"

/*
 * The document-control fixtures hold no register: each must have exactly
 * one REG-NOT-FOUND finding (major, repository-wide), which is then set
 * aside so that the test can count the findings of its own rule.
 */
static isms_audit *audit_without_register(const char *name, const char *as_of, isms_findings *fs)
{
	isms_audit *a = audit_fixture(name, as_of, fs);
	guint hits = 0;

	drop_management(fs);
	for (guint i = fs->items->len; i > 0; i--) {
		const isms_finding *f = g_ptr_array_index(fs->items, i - 1);
		if (strcmp(f->rule->id, "REG-NOT-FOUND") != 0)
			continue;
		ck_assert_ptr_null(f->path);
		ck_assert_ptr_null(f->item);
		ck_assert_int_eq(f->severity, ISMS_SEV_MAJOR);
		ck_assert_str_eq(
		    f->message,
		    "no issues-and-actions register: no document has `type: register` and "
		    "no path is listed under `registers`, so nonconformities and corrective "
		    "actions are not recorded");
		g_ptr_array_remove_index(fs->items, i - 1);
		hits++;
	}
	ck_assert_uint_eq(hits, 1);
	return a;
}

START_TEST(no_metadata)
{
	isms_findings fs;
	isms_audit *a = audit_without_register("rules/no-metadata", AS_OF, &fs);

	expect_rule(&fs, "DOC-NO-METADATA", "docs/wiki-notes.md:1:-");
	ck_assert_uint_eq(fs.items->len, 1); /* the README is not a controlled document */
	ck_assert_uint_eq(a->documents->len, 2);
	audit_done(a, &fs);
}
END_TEST

START_TEST(bad_metadata)
{
	isms_findings fs;
	isms_audit *a = audit_without_register("rules/bad-metadata", AS_OF, &fs);

	expect_rule(&fs, "DOC-BAD-METADATA",
	            "docs/duplicate-key.md:3:yaml\n"
	            "docs/invalid-yaml.md:4:yaml\n"
	            "docs/list.md:2:yaml\n"
	            "docs/placeholders.md:5:last_reviewed\n"
	            "docs/placeholders.md:6:next_review\n"
	            "docs/placeholders.md:7:review_cycle\n"
	            "docs/two-aliases.md:5:last_reviewed_on\n"
	            "docs/unclosed.md:1:yaml");
	ck_assert_str_eq(rule_message(&fs, "DOC-BAD-METADATA", "docs/unclosed.md"),
	                 "front matter is not closed by a '---' line");
	ck_assert_ptr_null(find_finding(&fs, "DOC-BAD-METADATA", "docs/good.md"));
	/* a placeholder is reported once, not again as a missing field */
	ck_assert_ptr_null(find_finding(&fs, "DOC-MISSING-FIELD", "docs/placeholders.md"));
	audit_done(a, &fs);
}
END_TEST

START_TEST(missing_field)
{
	isms_findings fs;
	isms_audit *a = audit_without_register("rules/missing-field", AS_OF, &fs);
	const isms_finding *f;
	char fingerprint[sizeof(f->fingerprint)];

	/* one finding per document, its item naming every missing field */
	expect_rule(&fs, "DOC-MISSING-FIELD",
	            "docs/bare.md:1:owner, version, review\n"
	            "docs/no-owner.md:1:owner, version\n"
	            "records/minutes.md:1:date");
	ck_assert_str_eq(rule_message(&fs, "DOC-MISSING-FIELD", "docs/bare.md"),
	                 "document in force has no owner, version or review date (last_reviewed "
	                 "or next_review): nobody is accountable for it, changes cannot be told "
	                 "apart and its review cannot be shown");
	ck_assert_str_eq(rule_message(&fs, "DOC-MISSING-FIELD", "docs/no-owner.md"),
	                 "document in force has no owner or version: nobody is accountable for it "
	                 "and changes cannot be told apart");
	ck_assert_str_eq(rule_message(&fs, "DOC-MISSING-FIELD", "records/minutes.md"),
	                 "record has no date: the record is not dated");
	f = find_finding(&fs, "DOC-MISSING-FIELD", "docs/no-owner.md");
	ck_assert_uint_eq(f->evidence->len, 1);
	g_strlcpy(fingerprint, f->fingerprint, sizeof(fingerprint));
	ck_assert_uint_eq(fs.items->len, 3);
	audit_done(a, &fs);

	/* the fingerprint is the document's, whatever fields it misses; an
	 * alias counts as its field, once, and a field whose absence has no
	 * stated consequence is listed all the same */
	a = audit_fixture_config("rules/missing-field", AS_OF,
	                         "required_fields: {default: [version, document_owner, owner, "
	                         "approver], record: [owner, date]}\n",
	                         &fs);
	expect_rule(&fs, "DOC-MISSING-FIELD",
	            "docs/bare.md:1:version, owner, approver\n"
	            "docs/good.md:1:approver\n"
	            "docs/no-owner.md:1:version, owner, approver\n"
	            "records/minutes.md:1:date");
	ck_assert_str_eq(rule_message(&fs, "DOC-MISSING-FIELD", "docs/good.md"),
	                 "document in force has no approver");
	ck_assert_str_eq(rule_message(&fs, "DOC-MISSING-FIELD", "docs/no-owner.md"),
	                 "document in force has no version, owner or approver: changes cannot be "
	                 "told apart and nobody is accountable for it");
	ck_assert_str_eq(find_finding(&fs, "DOC-MISSING-FIELD", "docs/no-owner.md")->fingerprint,
	                 fingerprint);
	audit_done(a, &fs);
}
END_TEST

START_TEST(duplicate_id)
{
	isms_findings fs;
	isms_audit *a = audit_without_register("rules/duplicate-id", AS_OF, &fs);
	const isms_finding *f;

	expect_rule(&fs, "DOC-DUPLICATE-ID", "docs/b-copy.md:2:POL-001");
	f = find_finding(&fs, "DOC-DUPLICATE-ID", "docs/b-copy.md");
	ck_assert_str_eq(
	    f->message,
	    "id 'POL-001' is also the id of docs/z-original.md: references to it are ambiguous");
	ck_assert_uint_eq(f->evidence->len, 2);
	ck_assert_str_eq(isms_date_format(g_array_index(f->evidence, isms_evidence, 0).date,
	                                  (char[ISMS_DATE_BUFSIZE]){0}),
	                 "2025-06-01");
	ck_assert_uint_eq(fs.items->len, 1);
	audit_done(a, &fs);
}
END_TEST

START_TEST(review_overdue)
{
	isms_findings fs;
	isms_audit *a = audit_without_register("rules/review-overdue", AS_OF, &fs);

	expect_rule(&fs, "DOC-REVIEW-OVERDUE",
	            "docs/gov.md:4:-\ndocs/next.md:4:-\ndocs/overdue.md:4:-");
	ck_assert_str_eq(rule_message(&fs, "DOC-REVIEW-OVERDUE", "docs/overdue.md"),
	                 "review was due on 2025-06-01 (last reviewed 2024-06-01, cycle 1 year): "
	                 "overdue by 228 days");
	ck_assert_str_eq(rule_message(&fs, "DOC-REVIEW-OVERDUE", "docs/next.md"),
	                 "review was due on 2025-12-31 (next_review): overdue by 15 days");
	ck_assert_str_eq(rule_message(&fs, "DOC-REVIEW-OVERDUE", "docs/gov.md"),
	                 "review was due on 2025-12-01 (last reviewed 2025-06-01, cycle 6 months): "
	                 "overdue by 45 days");
	ck_assert_uint_eq(fs.items->len, 3);
	audit_done(a, &fs);
	/* a day before docs/next.md falls due, it is not reported */
	a = audit_without_register("rules/review-overdue", "2025-12-30", &fs);
	expect_rule(&fs, "DOC-REVIEW-OVERDUE", "docs/gov.md:4:-\ndocs/overdue.md:4:-");
	audit_done(a, &fs);
}
END_TEST

START_TEST(review_unevidenced)
{
	isms_findings fs;
	isms_audit *a = audit_without_register("rules/review-unevidenced", AS_OF, &fs);

	/* 19 days early is within the 30 days' tolerance, as it is late */
	expect_rule(&fs, "DOC-REVIEW-UNEVIDENCED",
	            "docs/advance.md:4:early\ndocs/future.md:4:future\ndocs/late.md:4:late");
	ck_assert_str_eq(
	    rule_message(&fs, "DOC-REVIEW-UNEVIDENCED", "docs/late.md"),
	    "claims a review on 2025-09-01, but it was recorded only on 2025-10-20, 49 "
	    "days later (tolerance 30 days): the review is not evidenced when it is said "
	    "to have happened");
	ck_assert_str_eq(
	    rule_message(&fs, "DOC-REVIEW-UNEVIDENCED", "docs/advance.md"),
	    "claims a review on 2025-12-16, but that date was committed on 2025-11-01, 45 "
	    "days before the review took place (tolerance 30 days)");
	ck_assert_str_eq(rule_message(&fs, "DOC-REVIEW-UNEVIDENCED", "docs/future.md"),
	                 "claims a review on 2026-02-01, after the audit date");
	ck_assert_uint_eq(fs.items->len, 3);
	audit_done(a, &fs);

	/* the tolerance is review_evidence_days, early and late alike */
	a = audit_fixture_config("rules/review-unevidenced", AS_OF, "review_evidence_days: 18\n",
	                         &fs);
	expect_rule(&fs, "DOC-REVIEW-UNEVIDENCED",
	            "docs/advance.md:4:early\ndocs/early.md:4:early\ndocs/future.md:4:future\n"
	            "docs/late.md:4:late");
	ck_assert_str_eq(
	    rule_message(&fs, "DOC-REVIEW-UNEVIDENCED", "docs/early.md"),
	    "claims a review on 2025-11-20, but that date was committed on 2025-11-01, 19 "
	    "days before the review took place (tolerance 18 days)");
	audit_done(a, &fs);
	a = audit_fixture_config("rules/review-unevidenced", AS_OF, "review_evidence_days: 19\n",
	                         &fs);
	expect_rule(&fs, "DOC-REVIEW-UNEVIDENCED",
	            "docs/advance.md:4:early\ndocs/future.md:4:future\ndocs/late.md:4:late");
	audit_done(a, &fs);
}
END_TEST

START_TEST(drafts_are_not_held_to_review_dates)
{
	isms_findings fs;
	isms_audit *a = audit_without_register("rules/drafts", "2025-09-01", &fs);
	const isms_finding *f;

	/* the drafts' review dates and cycles are not read; their other
	 * fields, and a repeated alias, are */
	expect_rule(&fs, "DOC-BAD-METADATA",
	            "docs/backup.md:4:owner\n"
	            "docs/policy.md:7:next_review\n"
	            "docs/supplier.md:5:last_reviewed_on");
	ck_assert_str_eq(rule_message(&fs, "DOC-BAD-METADATA", "docs/backup.md"),
	                 "'owner' is the placeholder 'TBD'");
	expect_rule(&fs, "ISMS-NOT-APPROVED", "-:0:-");
	f = find_finding(&fs, "ISMS-NOT-APPROVED", NULL);
	ck_assert_str_eq(f->message, "3 of 4 controlled documents (75%) are drafts: most of the "
	                             "management system has not been approved for use");
	ck_assert_int_eq(f->severity, ISMS_SEV_MINOR);
	ck_assert_str_eq(isms_finding_clause(f), "7.5.2");
	ck_assert_uint_eq(f->evidence->len, 1);
	ck_assert_str_eq(g_array_index(f->evidence, isms_evidence, 0).note,
	                 "longest a draft: docs/supplier.md");
	ck_assert_str_eq(isms_date_format(g_array_index(f->evidence, isms_evidence, 0).date,
	                                  (char[ISMS_DATE_BUFSIZE]){0}),
	                 "2025-03-01");
	ck_assert_uint_eq(fs.items->len, 4);
	audit_done(a, &fs);

	/* one draft approved: 2 of 4 is not more than half */
	a = audit_without_register("rules/drafts", "2026-01-15", &fs);
	expect_rule(&fs, "ISMS-NOT-APPROVED", "");
	expect_rule(&fs, "DOC-BAD-METADATA",
	            "docs/backup.md:4:owner\n"
	            "docs/policy.md:7:next_review\n"
	            "docs/supplier.md:5:last_reviewed_on");
	ck_assert_uint_eq(fs.items->len, 3);
	audit_done(a, &fs);
}
END_TEST

/* `types:` makes dated decision records records, not documents held to
 * review; a document's own type wins. */
START_TEST(configured_types_make_records)
{
	isms_findings fs;
	isms_audit *a = audit_without_register("rules/types", AS_OF, &fs);

	expect_rule(&fs, "DOC-MISSING-FIELD",
	            "docs/adr/0001-use-postgres.md:1:version, review\n"
	            "docs/adr/0002-sso.md:1:version, review\n"
	            "docs/adr/0004-undated.md:1:version, review");
	expect_rule(&fs, "DOC-STALE-CONTENT", "docs/adr/0001-use-postgres.md:6:-");
	expect_rule(&fs, "DOC-REVIEW-OVERDUE", "docs/adr/0003-classification.md:6:-");
	ck_assert_uint_eq(fs.items->len, 5);
	ck_assert_str_eq(isms_document_type(find_document(a, "docs/adr/0002-sso.md")), "");
	audit_done(a, &fs);

	a = audit_fixture_config("rules/types", AS_OF, "types: {\"docs/adr/**\": record}\n", &fs);
	drop_management(&fs);
	expect_rule(&fs, "DOC-MISSING-FIELD", "docs/adr/0004-undated.md:1:date");
	ck_assert_str_eq(rule_message(&fs, "DOC-MISSING-FIELD", "docs/adr/0004-undated.md"),
	                 "record has no date: the record is not dated");
	expect_rule(&fs, "DOC-STALE-CONTENT", "");
	expect_rule(&fs, "DOC-REVIEW-OVERDUE", "docs/adr/0003-classification.md:6:-");
	expect_rule(&fs, "REG-NOT-FOUND", "-:0:-");
	ck_assert_uint_eq(fs.items->len, 3);
	ck_assert_str_eq(isms_document_type(find_document(a, "docs/adr/0002-sso.md")), "record");
	ck_assert(find_document(a, "docs/adr/0002-sso.md")->is_record);
	ck_assert_str_eq(isms_document_type(find_document(a, "docs/adr/0003-classification.md")),
	                 "standard");
	ck_assert(!find_document(a, "docs/adr/0003-classification.md")->is_record);
	ck_assert_str_eq(isms_document_type(find_document(a, "docs/policy.md")), "");
	audit_done(a, &fs);
}
END_TEST

START_TEST(stale_content)
{
	isms_findings fs;
	isms_audit *a = audit_without_register("rules/stale-content", AS_OF, &fs);

	expect_rule(&fs, "DOC-STALE-CONTENT", "docs/stale.md:6:-");
	ck_assert_str_eq(
	    rule_message(&fs, "DOC-STALE-CONTENT", "docs/stale.md"),
	    "text unchanged since 2023-06-01 (959 days, limit 24 months), whatever its "
	    "review dates say");
	expect_rule(&fs, "ISMS-STATIC", ""); /* 1 of 2 is not more than half */
	ck_assert_uint_eq(fs.items->len, 1);
	audit_done(a, &fs);
}
END_TEST

START_TEST(version_not_bumped)
{
	isms_findings fs;
	isms_audit *a = audit_without_register("rules/version-not-bumped", AS_OF, &fs);
	const isms_finding *f;

	expect_rule(&fs, "DOC-VERSION-NOT-BUMPED", "docs/unbumped.md:3:-");
	f = find_finding(&fs, "DOC-VERSION-NOT-BUMPED", "docs/unbumped.md");
	ck_assert_str_eq(f->message, "text changed in 2 commits after version '1.0' was set on "
	                             "2025-01-10, but the version was not changed: readers cannot "
	                             "tell the revisions apart");
	ck_assert_uint_eq(f->evidence->len, 3);
	ck_assert_uint_eq(fs.items->len, 1);
	audit_done(a, &fs);
}
END_TEST

START_TEST(isms_static)
{
	isms_findings fs;
	isms_audit *a = audit_without_register("rules/static", AS_OF, &fs);

	expect_rule(&fs, "ISMS-STATIC", "-:0:-");
	ck_assert_str_eq(rule_message(&fs, "ISMS-STATIC", NULL),
	                 "2 of 3 controlled documents (67%) have had no change to their text in 24 "
	                 "months: the management system looks static");
	expect_rule(&fs, "DOC-STALE-CONTENT", "docs/a.md:6:-\ndocs/b.md:6:-");
	audit_done(a, &fs);
}
END_TEST

START_TEST(unreadable)
{
	isms_findings fs;
	isms_audit *a = audit_without_register("rules/unreadable", AS_OF, &fs);

	expect_rule(&fs, "DOC-UNREADABLE",
	            "docs/binary.md:0:binary\ndocs/large.md:0:size\n"
	            "docs/latin1.md:6:encoding\ndocs/link.md:0:symlink");
	ck_assert_str_eq(rule_message(&fs, "DOC-UNREADABLE", "docs/large.md"),
	                 "is 267 bytes, over the 200-byte limit (max_file_size): not read");
	/* unreadable documents are not judged on what could not be read */
	ck_assert_uint_eq(fs.items->len, 4);
	audit_done(a, &fs);
}
END_TEST

START_TEST(no_documents)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/no-documents", AS_OF, &fs);

	expect_rule(&fs, "ISMS-NO-DOCUMENTS", "-:0:-");
	ck_assert_int_eq(((isms_finding *)g_ptr_array_index(fs.items, 0))->severity,
	                 ISMS_SEV_MAJOR);
	ck_assert_uint_eq(fs.items->len, 1);
	audit_done(a, &fs);
}
END_TEST

START_TEST(tabs_and_crlf)
{
	isms_findings fs;
	isms_audit *a = audit_without_register("edge/tabs", AS_OF, &fs);

	expect_rule(&fs, "DOC-BAD-METADATA", "docs/tabs.md:3:yaml");
	ck_assert_ptr_null(find_finding(&fs, "DOC-MISSING-FIELD", "docs/crlf.md"));
	ck_assert_uint_eq(fs.items->len, 1);
	audit_done(a, &fs);
}
END_TEST

/* The demo's deliberate lapses (listed at the top of its fixture) are
 * found, and nothing else. */
START_TEST(demo_lapses)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("demo", "2026-11-01", &fs);
	GString *all = g_string_new(NULL);

	for (guint i = 0; i < fs.items->len; i++) {
		const isms_finding *f = g_ptr_array_index(fs.items, i);
		g_string_append_printf(all, "%s %s:%d:%s\n", f->rule->id, f->path ? f->path : "-",
		                       f->line, f->item ? f->item : "-");
	}
	ck_assert_str_eq(
	    all->str,
	    "DOC-SELF-APPROVED isms/01-policies/cryptography-policy.md:0:-\n"
	    "SOA-INCOMPLETE isms/02-risk/statement-of-applicability.md:24:-\n"
	    "SOA-NO-JUSTIFICATION isms/02-risk/statement-of-applicability.md:48:5.23\n"
	    "SOA-UNKNOWN-CONTROL isms/02-risk/statement-of-applicability.md:108:A.12.6.1\n"
	    "RISK-ACCEPTANCE-EXPIRED isms/02-risk/risk-register.md:29:R-08\n"
	    "DOC-NO-METADATA isms/03-procedures/notes-on-laptop-setup.md:1:-\n"
	    "DOC-BAD-METADATA isms/04-objectives/objectives.md:12:next_review\n"
	    "DOC-MISSING-FIELD isms/03-procedures/secure-development.md:1:owner\n"
	    "DOC-DUPLICATE-ID isms/03-procedures/vulnerability-management.md:3:ISMS-PRO-002\n"
	    "DOC-REVIEW-OVERDUE isms/01-policies/supplier-security-policy.md:10:-\n"
	    "DOC-REVIEW-UNEVIDENCED isms/01-policies/acceptable-use-policy.md:10:late\n"
	    "DOC-REVIEW-UNEVIDENCED isms/02-risk/risk-treatment-plan.md:10:early\n"
	    "DOC-CHANGE-UNAPPROVED isms/02-risk/risk-register.md:0:-\n"
	    "DOC-CHANGE-UNAPPROVED isms/03-procedures/business-continuity-plan.md:0:-\n"
	    "DOC-APPROVER-MISMATCH isms/01-policies/cryptography-policy.md:6:-\n"
	    "DOC-APPROVAL-UNKNOWN -:0:-\n"
	    "DOC-VERSION-NOT-BUMPED isms/01-policies/access-control-policy.md:7:-\n"
	    "RISK-SCORE-LOWERED-UNEVIDENCED isms/02-risk/risk-register.md:36:R-15\n"
	    "RISK-TREATMENT-OVERDUE isms/02-risk/risk-register.md:38:R-17\n"
	    "IA-FINDING-NOT-TRACKED isms/06-records/internal-audit-2025.md:44:OBS-2025-01\n"
	    "IA-NOT-INDEPENDENT isms/06-records/internal-audit-2024.md:8:-\n"
	    "MR-MISSING-INPUT isms/06-records/management-review-2024-03.md:9:c\n"
	    "MR-ACTIONS-NOT-TRACKED isms/06-records/management-review-2026-03.md:75:OFI-2026-003\n"
	    "DOC-STALE-CONTENT isms/03-procedures/incident-management.md:13:-\n"
	    "ACT-ACCEPTED-NO-APPROVAL "
	    "isms/07-improvement/issues-and-actions-register.md:36:NC-2025-003\n"
	    "ACT-OVERDUE isms/07-improvement/issues-and-actions-register.md:38:OFI-2026-001\n"
	    "ACT-CLOSED-NO-EFFECTIVENESS "
	    "isms/07-improvement/issues-and-actions-register.md:35:NC-2025-002\n"
	    "ACT-REMOVED isms/07-improvement/issues-and-actions-register.md:0:OFI-2024-003\n"
	    "ACT-CLOSURE-BACKDATED "
	    "isms/07-improvement/issues-and-actions-register.md:27:OFI-2024-001\n");
	ck_assert_str_eq(
	    rule_message(&fs, "DOC-REVIEW-OVERDUE", "isms/01-policies/supplier-security-policy.md"),
	    "review was due on 2026-06-10 (last reviewed 2025-06-10, cycle 1 year): "
	    "overdue by 144 days");
	ck_assert_str_eq(
	    rule_message(&fs, "SOA-INCOMPLETE", "isms/02-risk/statement-of-applicability.md"),
	    "the Statement of Applicability lists 92 of the 93 Annex A controls; missing: "
	    "8.34");
	ck_assert_str_eq(
	    rule_message(&fs, "IA-NOT-INDEPENDENT", "isms/06-records/internal-audit-2024.md"),
	    "the auditor 'Priya Shah' authored 6 of the 11 commits (54%) that changed "
	    "controlled documents in the 12 months before the audit of 2024-02-20: auditors "
	    "must not audit their own work");
	/* a full mandatory set: every clause covered and current */
	for (guint i = 0; i < a->coverage->len; i++) {
		const isms_coverage *c = g_ptr_array_index(a->coverage, i);
		ck_assert_msg(c->status == ISMS_COVERAGE_OK, "clause %s is %s", c->clause,
		              isms_coverage_status_name(c->status));
	}
	ck_assert_uint_eq(a->records->len, 6); /* three reviews and three audits */
	/* the backup procedure moved folders in 2024 and kept its history */
	const isms_document *d = find_document(a, "isms/03-procedures/backup-and-restore.md");
	ck_assert_str_eq(g_ptr_array_index(d->former_paths, 0),
	                 "isms/runbooks/backup-and-restore.md");
	ck_assert_str_eq(commit_date(a, d->first), "2023-11-27");
	g_string_free(all, TRUE);
	audit_done(a, &fs);
}
END_TEST

START_TEST(register_items)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/register-items", "2025-06-15", &fs);

	drop_management(&fs);

	expect_rule(&fs, "ACT-DUPLICATE-ID", "register.md:12:NC-2");
	ck_assert_str_eq(
	    rule_message(&fs, "ACT-DUPLICATE-ID", "register.md"),
	    "item NC-2 appears again (first on line 10): its history and status are ambiguous");
	/* NC-3's due date 31/12/2025 reads only day first: its status alone is bad */
	expect_rule(&fs, "ACT-BAD-VALUE", "register.md:11:NC-3");
	ck_assert_str_eq(rule_message(&fs, "ACT-BAD-VALUE", "register.md"),
	                 "item NC-3: status 'Parked' is not a known status word");
	expect_rule(&fs, "ACT-NO-OWNER", "register.md:13:NC-4");
	expect_rule(&fs, "ACT-NO-DUE-DATE", "register.md:14:NC-5");
	expect_rule(&fs, "ACT-OVERDUE", "");
	/* the first table can close but lacks Root cause, Action and
	 * Effectiveness; the second has an open item and no Owner column */
	expect_rule(&fs, "REG-BAD-TABLE", "register.md:7:table 1\nregister.md:19:table 2");
	ck_assert_str_eq(rule_message(&fs, "REG-BAD-TABLE", "register.md"),
	                 "the register table on line 7 has no Root cause, Action and Effectiveness "
	                 "columns: its items cannot show the evidence of 10.2 from raising to an "
	                 "effective closure");
	/* NC-6 was first listed already closed, 61 days after its closed date */
	expect_rule(&fs, "ACT-CLOSURE-BACKDATED", "register.md:15:NC-6");
	ck_assert_str_eq(
	    rule_message(&fs, "ACT-CLOSURE-BACKDATED", "register.md"),
	    "item NC-6 has closed date 2025-03-01, but it first appeared in the register, "
	    "already closed, on 2025-05-01, 61 days later (more than 30)");
	ck_assert_uint_eq(fs.items->len, 7);
	audit_done(a, &fs);
}
END_TEST

START_TEST(register_overdue)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/register-history", "2025-06-15", &fs);

	expect_rule(&fs, "ACT-OVERDUE", "register.md:10:NC-1\nregister.md:11:NC-2");
	ck_assert_str_eq(
	    rule_message(&fs, "ACT-OVERDUE", "register.md"),
	    "open item NC-1 is 14 days past its due date 2025-06-01 (the due date moved 2 times)");
	audit_done(a, &fs);
	/* on the due date itself nothing is overdue yet */
	a = audit_fixture("rules/register-history", "2025-05-01", &fs);
	expect_rule(&fs, "ACT-OVERDUE", "");
	audit_done(a, &fs);
}
END_TEST

Suite *rules_suite(void)
{
	Suite *s = suite_create("rules");
	TCase *tc = tcase_create("rules");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, no_metadata);
	tcase_add_test(tc, bad_metadata);
	tcase_add_test(tc, missing_field);
	tcase_add_test(tc, duplicate_id);
	tcase_add_test(tc, review_overdue);
	tcase_add_test(tc, review_unevidenced);
	tcase_add_test(tc, drafts_are_not_held_to_review_dates);
	tcase_add_test(tc, configured_types_make_records);
	tcase_add_test(tc, stale_content);
	tcase_add_test(tc, version_not_bumped);
	tcase_add_test(tc, isms_static);
	tcase_add_test(tc, unreadable);
	tcase_add_test(tc, no_documents);
	tcase_add_test(tc, tabs_and_crlf);
	tcase_add_test(tc, demo_lapses);
	tcase_add_test(tc, register_items);
	tcase_add_test(tc, register_overdue);
	suite_add_tcase(s, tc);
	return s;
}
