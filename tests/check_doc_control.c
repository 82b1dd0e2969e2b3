/* Document control read from the body: the key lines, tables and version
 * histories the module finds, and audits of the fixtures kept that way
 * (fixtures/edge/key-lines, control-tables, version-history,
 * meta-sources, public-isms; fixtures/rules/custom-fields). */
#include <string.h>

#include "isms/doc_control.h"
#include "isms/markdown.h"
#include "isms/rules.h"
#include "testutil.h"

/* The pairs of a body starting at line 1, as "kind line key=value" lines
 * ("line+" for a plain key line). Caller frees. */
static char *pairs_of(const char *body)
{
	static const char *const kinds[] = {"table", "line", "history-version", "history-date"};
	GArray *spans = g_array_new(FALSE, FALSE, sizeof(isms_md_span));
	GPtrArray *pairs = isms_dc_pairs_new();
	GString *s = g_string_new(NULL);
	char *why = NULL;
	int line;

	ck_assert_int_eq(isms_markdown_scan(body, strlen(body), 1, spans, &line, &why), 0);
	isms_doc_control_read(body, strlen(body), 1, spans, pairs);
	for (guint i = 0; i < pairs->len; i++) {
		const isms_dc_pair *p = g_ptr_array_index(pairs, i);
		g_string_append_printf(s, "%s%s %d %s=%s [%s]\n", kinds[p->kind],
		                       p->plain ? "+" : "", p->line, p->key, p->value, p->norm);
	}
	g_ptr_array_free(pairs, TRUE);
	g_array_free(spans, TRUE);
	return g_string_free(s, FALSE);
}

static void expect_pairs(const char *body, const char *want)
{
	char *got = pairs_of(body);

	ck_assert_str_eq(got, want);
	g_free(got);
}

START_TEST(bold_key_lines_with_emoji_and_several_pairs)
{
	expect_pairs("# Policy\n"
	             "\n"
	             "**📋 Document Owner:** CEO | **📄 Version:** 2.6 | **📅 Last Updated:** "
	             "2026-01-25 (UTC)\n"
	             "**🔄 Review Cycle:** Semi-Annual | **⏰ Next Review:** 2026-07-25\n"
	             "**Owner:** *Jane* **Version:** `1.0`<br>**Status:** [Approved](#x)\n",
	             "line 3 Document Owner=CEO [document owner]\n"
	             "line 3 Version=2.6 [version]\n"
	             "line 3 Last Updated=2026-01-25 (UTC) [last updated]\n"
	             "line 4 Review Cycle=Semi-Annual [review cycle]\n"
	             "line 4 Next Review=2026-07-25 [next review]\n"
	             "line 5 Owner=Jane [owner]\n"
	             "line 5 Version=1.0 [version]\n"
	             "line 5 Status=Approved [status]\n");
}
END_TEST

START_TEST(colon_outside_the_bold_list_items_and_plain_lines)
{
	expect_pairs("# Standard\n"
	             "**Next Review Date**: 2027-03-31\n"
	             "- **Owner:** Jane Roe\n"
	             "> 1. __Approved by:__ Board\n"
	             "Owner: Sam Lee\n"
	             "Owner:\n"
	             "See https://example.com/x for more.\n"
	             "Meet at 10:30 on Monday.\n"
	             "**Version** 2.0\n"
	             "| Owner: | x |\n",
	             "line 2 Next Review Date=2027-03-31 [next review date]\n"
	             "line 3 Owner=Jane Roe [owner]\n"
	             "line 4 Approved by=Board [approved by]\n"
	             "line+ 5 Owner=Sam Lee [owner]\n");
}
END_TEST

START_TEST(the_header_block_ends_at_a_section_or_after_40_lines)
{
	GString *long_header = g_string_new("# Title\n");
	char *got;

	expect_pairs("---\nowner: Ann\n---\nOwner: Bob\n# Title\n```\nOwner: code\n```\n"
	             "<!-- Owner:\nhidden -->\nVersion: 1\n## Section\nStatus: Draft\n",
	             "line+ 4 Owner=Bob [owner]\n"
	             "line+ 11 Version=1 [version]\n");
	/* line 41 of the body is past the header block */
	for (int i = 2; i <= 39; i++)
		g_string_append(long_header, "text\n");
	g_string_append(long_header, "Owner: forty\nVersion: forty-one\n");
	got = pairs_of(long_header->str);
	ck_assert_str_eq(got, "line+ 40 Owner=forty [owner]\n");
	g_free(got);
	g_string_free(long_header, TRUE);
}
END_TEST

START_TEST(document_control_tables_with_and_without_header_words)
{
	expect_pairs("# Policy\n"
	             "\n"
	             "| Document Owner | CISO |\n"
	             "|---|---|\n"
	             "| Version | 2.0 |\n"
	             "\n"
	             "## 4.1 Document Control\n"
	             "\n"
	             "| Field | Value |\n"
	             "|---|---|\n"
	             "| **Approved By** | Board |\n"
	             "| Status | |\n"
	             "\n"
	             "Document Information\n"
	             "--------------------\n"
	             "| | |\n"
	             "|:--|:--|\n"
	             "| 🏷️ Classification | Internal |\n",
	             "table 3 Document Owner=CISO [document owner]\n"
	             "table 5 Version=2.0 [version]\n"
	             "table 11 Approved By=Board [approved by]\n"
	             "table 12 Status= [status]\n"
	             "table 18 Classification=Internal [classification]\n");
}
END_TEST

START_TEST(other_tables_are_not_read)
{
	GString *big =
	    g_string_new("# Register\n\n## Document Control\n\n| Key | Value |\n|---|---|\n");

	/* under another heading, out of the header block */
	expect_pairs("# Glossary\n\nWords.\n\n## Terms\n\n| Term | Meaning |\n|---|---|\n"
	             "| Owner | The person accountable |\n",
	             "");
	/* a register is no document control, whatever its heading, nor a
	 * version history for its Issue and review date columns */
	expect_pairs("# Log\n\n## Document Control\n\n| ID | Owner | Status |\n|---|---|---|\n"
	             "| NC-1 | Ann | Open |\n",
	             "");
	expect_pairs("# Log\n\n## Issues\n\n| ID | Issue | Raised date | Review date |\n"
	             "|---|---|---|---|\n| NC-1 | 2 laptops lost | 2025-01-01 | 2025-02-01 |\n",
	             "");
	for (int i = 0; i <= ISMS_DC_MAX_ROWS; i++)
		g_string_append_printf(big, "| Owner | %d |\n", i);
	expect_pairs(big->str, "");
	g_string_free(big, TRUE);
}
END_TEST

START_TEST(the_version_history_gives_its_highest_version)
{
	expect_pairs("# Procedure\n\n## Revision History\n\n"
	             "| Version | Date | Author | Changes |\n|---|---|---|---|\n"
	             "| 1.9 | 2025-03-01 | Ann | a |\n"
	             "| v1.10 | 15 Sep 2025 | Ann | b |\n"
	             "| Draft | 2025-10-01 | Bob | c |\n"
	             "| 1.2 | 2024-05-01 | Bob | d |\n",
	             "history-version 8 Version=v1.10 [version]\n"
	             "history-date 8 Date=15 Sep 2025 [date]\n");
	/* by its header alone, under any heading */
	expect_pairs(
	    "# Standard\n\n## Changes made\n\n| Rev | Release date | Notes |\n|---|---|---|\n"
	    "| 2.0 | 14 May 2025 | a |\n| 2.1 | | b |\n",
	    "history-version 8 Rev=2.1 [rev]\n");
	/* under a history heading, no date needed */
	expect_pairs("# S\n\n## Version History\n\n| Version | Summary |\n|---|---|\n| 1.0 | x |\n",
	             "history-version 7 Version=1.0 [version]\n");
}
END_TEST

START_TEST(versions_compare_part_by_part)
{
	ck_assert_int_lt(isms_version_cmp("1.9", "1.10"), 0);
	ck_assert_int_gt(isms_version_cmp("2.0", "1.10"), 0);
	ck_assert_int_eq(isms_version_cmp("v2.0", "2"), 0);
	ck_assert_int_eq(isms_version_cmp("Version 1.01", "1.1"), 0);
	ck_assert_int_eq(isms_version_cmp("1.0 (draft)", "1"), 0);
	ck_assert_int_lt(isms_version_cmp("Draft", "0.1"), 0);
	ck_assert_int_eq(isms_version_cmp("A", "B"), 0);
	ck_assert_int_gt(isms_version_cmp("100000000000000000000001", "99999999999999999999999"),
	                 0);
	ck_assert(isms_version_has_number("v3"));
	ck_assert(!isms_version_has_number("Draft"));
}
END_TEST

/* ---- audits of the fixtures --------------------------------------------- */

/* The findings of the document rules about documents (no register, no
 * management-system findings: these fixtures are not whole ISMSs), as "RULE path:line:item
 * message" lines. Caller frees. */
static char *document_findings(const isms_findings *fs)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < fs->items->len; i++) {
		const isms_finding *f = g_ptr_array_index(fs->items, i);
		/* DOC-CHANGE-UNAPPROVED's one finding on a history without
		 * approval evidence is about the whole history */
		if (strncmp(f->rule->id, "DOC-", 4) != 0 || !f->path)
			continue;
		g_string_append_printf(s, "%s %s:%d:%s %s\n", f->rule->id, f->path, f->line,
		                       f->item ? f->item : "-", f->message);
	}
	return g_string_free(s, FALSE);
}

static void expect_document_findings(const isms_findings *fs, const char *want)
{
	char *got = document_findings(fs);

	ck_assert_str_eq(got, want);
	g_free(got);
}

/* The JSON report's document at `path`, as "owner|version|last_reviewed|
 * review_due|{sources}". Caller frees. */
static char *json_document(const isms_audit *a, const isms_findings *fs, const char *path)
{
	isms_report_options opts = ISMS_REPORT_OPTIONS_INIT;
	char *text = render_report(isms_report_json, a, fs, &opts), *out = NULL;
	json_t *root = json_loads(text, 0, NULL), *docs, *d;
	size_t i;

	ck_assert_ptr_nonnull(root);
	docs = json_object_get(root, "documents");
	json_array_foreach(docs, i, d)
	{
		char *sources;
		if (strcmp(json_string_value(json_object_get(d, "path")), path) != 0)
			continue;
		sources = json_dumps(json_object_get(d, "sources"), JSON_PRESERVE_ORDER);
		out = g_strdup_printf("%s|%s|%s|%s|%s",
		                      json_string_value(json_object_get(d, "owner"))
		                          ? json_string_value(json_object_get(d, "owner"))
		                          : "null",
		                      json_string_value(json_object_get(d, "version"))
		                          ? json_string_value(json_object_get(d, "version"))
		                          : "null",
		                      json_string_value(json_object_get(d, "last_reviewed"))
		                          ? json_string_value(json_object_get(d, "last_reviewed"))
		                          : "null",
		                      json_string_value(json_object_get(d, "review_due"))
		                          ? json_string_value(json_object_get(d, "review_due"))
		                          : "null",
		                      sources);
		free(sources);
	}
	json_decref(root);
	free(text);
	ck_assert_msg(out != NULL, "no document %s in the JSON report", path);
	return out;
}

static void expect_json_document(const isms_audit *a, const isms_findings *fs, const char *path,
                                 const char *want)
{
	char *got = json_document(a, fs, path);

	ck_assert_str_eq(got, want);
	g_free(got);
}

START_TEST(key_lines_fixture)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("edge/key-lines", "2026-01-15", &fs);

	expect_document_findings(
	    &fs, "DOC-NO-METADATA docs/prose.md:1:- has no metadata (front matter, a "
	         "document-control table or key lines): nothing identifies its owner, version or "
	         "review date\n"
	         "DOC-REVIEW-OVERDUE docs/bold-emoji.md:4:- review was due on 2026-01-05 "
	         "(next_review): overdue by 10 days\n"
	         "DOC-REVIEW-OVERDUE docs/plain-lines.md:6:- review was due on 2025-11-30 (last "
	         "reviewed 2024-11-30, cycle 1 year): overdue by 46 days\n"
	         "DOC-VERSION-NOT-BUMPED docs/plain-lines.md:4:- text changed in 1 commit after "
	         "version '3.0' was set on 2024-12-01, but the version was not changed: readers "
	         "cannot tell the revisions apart\n");
	expect_json_document(a, &fs, "docs/bold-emoji.md",
	                     "CEO|2.6|2025-07-25|2026-01-05|{\"owner\": \"line:3\", \"version\": "
	                     "\"line:3\", \"last_reviewed\": \"line:3\", \"review_cycle\": "
	                     "\"line:4\", \"next_review\": \"line:4\"}");
	expect_json_document(a, &fs, "docs/colon-outside.md",
	                     "Jane Roe|1.4|2025-03-31|2027-03-31|{\"owner\": \"line:3\", "
	                     "\"version\": \"line:4\", \"last_reviewed\": \"line:6\", "
	                     "\"next_review\": \"line:5\"}");
	expect_json_document(a, &fs, "docs/plain-lines.md",
	                     "Sam Lee|3.0|2024-11-30|2025-11-30|{\"owner\": \"line:3\", "
	                     "\"version\": \"line:4\", \"last_reviewed\": \"line:6\", "
	                     "\"review_cycle\": \"line:5\"}");
	/* the review that moved only the key lines left the text as it was */
	{
		const isms_document *d = find_document(a, "docs/bold-emoji.md");
		ck_assert_str_eq(commit_date(a, d->last_body_change), "2025-04-01");
		ck_assert_str_eq(commit_date(a, d->field_since[ISMS_F_NEXT_REVIEW]), "2025-07-25");
		ck_assert_int_eq(d->meta->cycle.months, 6);
	}
	audit_done(a, &fs);
}
END_TEST

START_TEST(control_tables_fixture)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("edge/control-tables", "2026-01-15", &fs);
	const isms_document *d;
	char day[ISMS_DATE_BUFSIZE];

	expect_document_findings(
	    &fs, "DOC-NO-METADATA docs/glossary.md:1:- has no metadata (front matter, a "
	         "document-control table or key lines): nothing identifies its owner, version or "
	         "review date\n"
	         "DOC-REVIEW-OVERDUE docs/field-value.md:17:- review was due on 2025-12-31 "
	         "(next_review): overdue by 15 days\n"
	         "DOC-REVIEW-OVERDUE docs/no-header-words.md:6:- review was due on 2025-12-30 "
	         "(last reviewed 2025-06-30, cycle 6 months): overdue by 16 days\n");
	expect_json_document(
	    a, &fs, "docs/field-value.md",
	    "Head of IT|1.3|2025-06-30|2025-12-31|{\"owner\": \"table:9\", \"approver\": "
	    "\"table:10\", \"version\": \"table:11\", \"status\": \"table:12\", \"last_reviewed\": "
	    "\"table:15\", \"review_cycle\": \"table:16\", \"next_review\": \"table:17\", "
	    "\"classification\": \"table:13\", \"effective\": \"table:14\"}");
	expect_json_document(a, &fs, "docs/no-header-words.md",
	                     "CISO|2.0|2025-06-30|2025-12-30|{\"owner\": \"table:3\", \"version\": "
	                     "\"table:5\", \"last_reviewed\": \"table:6\", \"review_cycle\": "
	                     "\"table:7\"}");
	expect_json_document(
	    a, &fs, "docs/empty-header.md",
	    "IT Manager|0.9|null|2025-06-01|{\"owner\": \"table:7\", \"version\": "
	    "\"table:8\", \"status\": \"table:9\", \"next_review\": \"table:10\"}");
	expect_json_document(a, &fs, "docs/glossary.md", "null|null|null|null|{}");
	d = find_document(a, "docs/field-value.md");
	ck_assert_str_eq(isms_meta_text(d->meta, ISMS_F_APPROVER), "CEO");
	ck_assert_str_eq(isms_meta_text(d->meta, ISMS_F_CLASSIFICATION), "Internal");
	ck_assert(d->meta->has_effective);
	ck_assert_str_eq(isms_date_format(d->meta->effective, day), "2025-02-01");
	ck_assert_int_eq(find_document(a, "docs/empty-header.md")->meta->status, ISMS_DOC_DRAFT);
	audit_done(a, &fs);
}
END_TEST

START_TEST(version_history_fixture)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("edge/version-history", "2026-01-15", &fs);
	char day[ISMS_DATE_BUFSIZE];

	expect_document_findings(
	    &fs, "DOC-BAD-METADATA docs/history-disagrees.md:18:Version 'Version' on line 18 "
	         "(version history) is '3.1', but 'Version' on line 8 (document-control table) is "
	         "'3.0': line 8 is used\n");
	expect_json_document(a, &fs, "docs/history-only.md",
	                     "Ops Lead|1.10|null|2026-06-30|{\"owner\": \"line:3\", \"version\": "
	                     "\"history:14\", \"next_review\": \"line:3\", \"effective\": "
	                     "\"history:14\"}");
	expect_json_document(a, &fs, "docs/history-by-header.md",
	                     "SecOps|2.1|null|2026-03-01|{\"owner\": \"line:3\", \"version\": "
	                     "\"history:11\", \"next_review\": \"line:4\", \"effective\": "
	                     "\"history:11\"}");
	expect_json_document(a, &fs, "docs/history-disagrees.md",
	                     "SecOps|3.0|null|2026-08-01|{\"owner\": \"table:7\", \"version\": "
	                     "\"table:8\", \"next_review\": \"table:10\", \"effective\": "
	                     "\"table:9\"}");
	ck_assert_str_eq(
	    isms_date_format(find_document(a, "docs/history-only.md")->meta->effective, day),
	    "2025-09-15");
	ck_assert_str_eq(
	    isms_date_format(find_document(a, "docs/history-by-header.md")->meta->effective, day),
	    "2025-06-02");
	audit_done(a, &fs);
}
END_TEST

START_TEST(meta_sources_fixture)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("edge/meta-sources", "2026-01-15", &fs);

	expect_document_findings(
	    &fs,
	    "DOC-BAD-METADATA docs/disagree.md:7:Next Review 'Next Review' on line 7 (key line) is "
	    "'2026-06-30', but 'next_review' on line 3 (front matter) is '2026-03-31': line 3 is "
	    "used\n"
	    "DOC-BAD-METADATA docs/disagree.md:7:Owner 'Owner' on line 7 (key line) is 'Bob', but "
	    "'owner' on line 2 (front matter) is 'Ann': line 2 is used\n"
	    "DOC-BAD-METADATA docs/disagree.md:7:Version 'Version' on line 7 (key line) is '1.1', "
	    "but 'Version' on line 13 (document-control table) is '1.2': line 13 is used\n"
	    "DOC-BAD-METADATA docs/disagree.md:14:Next Review Date 'Next Review Date' on line 14 "
	    "(document-control table) is '2026-04-30', but 'next_review' on line 3 (front matter) "
	    "is '2026-03-31': line 3 is used\n"
	    "DOC-BAD-METADATA docs/template.md:3:Owner 'Owner' is the placeholder '[Owner]'\n"
	    "DOC-BAD-METADATA docs/template.md:3:Version 'Version' is the placeholder 'TBC'\n"
	    "DOC-BAD-METADATA docs/template.md:4:Last Review 'Last Review' is '03/04/2025', which "
	    "reads as two dates (day or month first): write YYYY-MM-DD or set date_order\n"
	    "DOC-BAD-METADATA docs/template.md:4:Next Review 'Next Review' is the placeholder "
	    "'[Date to be set]', not a date\n"
	    "DOC-REVIEW-OVERDUE docs/other-words.md:5:- review was due on 2026-01-10 "
	    "(next_review): overdue by 5 days\n");
	expect_json_document(a, &fs, "docs/agree.md",
	                     "CISO|2.0|2025-09-30|2026-09-30|{\"title\": \"front-matter:2\", "
	                     "\"owner\": \"front-matter:3\", \"version\": \"front-matter:4\", "
	                     "\"last_reviewed\": \"front-matter:5\", \"next_review\": "
	                     "\"front-matter:6\"}");
	expect_json_document(a, &fs, "docs/disagree.md",
	                     "Ann|1.2|null|2026-03-31|{\"owner\": \"front-matter:2\", \"version\": "
	                     "\"table:13\", \"next_review\": \"front-matter:3\", "
	                     "\"classification\": \"table:15\"}");
	expect_json_document(a, &fs, "docs/weak.md",
	                     "IT Manager|1.0|2025-09-01|2026-09-01|{\"owner\": \"line:3\", "
	                     "\"version\": \"line:3\", \"last_reviewed\": \"table:9\", "
	                     "\"review_cycle\": \"table:10\"}");
	expect_json_document(a, &fs, "docs/template.md",
	                     "null|null|null|null|{\"owner\": \"line:3\", \"version\": \"line:3\", "
	                     "\"last_reviewed\": \"line:4\", \"next_review\": \"line:4\"}");
	expect_json_document(a, &fs, "docs/other-words.md",
	                     "Facilities|1.0|2025-09-30|2026-01-10|{\"owner\": \"front-matter:2\", "
	                     "\"version\": \"front-matter:6\", \"last_reviewed\": "
	                     "\"front-matter:3\", \"next_review\": \"front-matter:5\", "
	                     "\"effective\": \"front-matter:4\"}");
	audit_done(a, &fs);
}
END_TEST

START_TEST(custom_fields_fixture)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/custom-fields", "2026-01-15", &fs);

	expect_document_findings(
	    &fs, "DOC-BAD-METADATA docs/configured.md:3:Last Updated 'Last Updated' on line 3 (key "
	         "line) is '2025-06-01', but 'Last Review' on line 9 (document-control table) is "
	         "'2025-05-15': line 9 is used\n"
	         "DOC-MISSING-FIELD docs/missing.md:1:data_owner, classification document in force "
	         "has no data_owner or classification\n"
	         "DOC-REVIEW-OVERDUE docs/configured.md:3:- review was due on 2025-12-01 "
	         "(next_review): overdue by 45 days\n");
	expect_json_document(
	    a, &fs, "docs/complete.md",
	    "HR Director|1.0|null|2026-06-01|{\"owner\": \"table:7\", \"version\": "
	    "\"table:9\", \"next_review\": \"table:11\", \"classification\": "
	    "\"table:10\", \"data_owner\": \"table:8\"}");
	expect_json_document(a, &fs, "docs/configured.md",
	                     "DPO|1.1|2025-05-15|2025-12-01|{\"owner\": \"line:3\", \"version\": "
	                     "\"line:3\", \"last_reviewed\": \"table:9\", \"next_review\": "
	                     "\"line:3\", \"classification\": \"line:3\", \"data_owner\": "
	                     "\"line:3\"}");
	expect_json_document(
	    a, &fs, "docs/front-matter.md",
	    "CISO|3.2|null|2026-05-31|{\"owner\": \"front-matter:2\", \"version\": "
	    "\"front-matter:5\", \"next_review\": \"front-matter:6\", "
	    "\"classification\": \"front-matter:4\", \"data_owner\": "
	    "\"front-matter:3\"}");
	{
		isms_meta_source src;
		const isms_fm_field *f =
		    isms_meta_get(find_document(a, "docs/complete.md")->meta,
		                  isms_meta_dialect_lookup(&a->config.fields, "data_owner"), &src);
		ck_assert_ptr_nonnull(f);
		ck_assert_str_eq(f->key, "Information Asset Owner");
		ck_assert_str_eq(f->text, "Head of People");
		ck_assert_int_eq(src, ISMS_SOURCE_TABLE);
	}
	audit_done(a, &fs);
}
END_TEST

START_TEST(public_isms_fixture)
{
	static const struct {
		const char *path, *owner, *version, *due;
	} docs[] = {
	    {"isms/policies/acceptable-use-policy.md", "CEO", "1.4", "2026-09-30"},
	    {"isms/policies/access-control-policy.md", "CISO", "3.1", "2025-12-31"},
	    {"isms/policies/cryptography-policy.md", "CTO", "1.0", "2026-06-30"},
	    {"isms/policies/information-security-policy.md", "CEO", "2.6", "2026-01-25"},
	    {"isms/policies/supplier-security-policy.md", "Procurement Lead", "1.1", "2025-11-15"},
	    {"isms/procedures/backup-procedure.md", "IT Manager", "1.3", "2026-08-01"},
	    {"isms/procedures/change-management-procedure.md", "Head of Engineering", "1.0",
	     "2026-04-30"},
	    {"isms/procedures/incident-response-procedure.md", "Security Lead", "2.0",
	     "2026-02-01"},
	    {"isms/standards/logging-standard.md", "Security Lead", "1.0", "2026-01-10"},
	    {"isms/standards/password-standard.md", "Security Lead", "1.2", "2025-09-01"},
	};
	isms_findings fs;
	isms_audit *a = audit_fixture("edge/public-isms", "2026-03-01", &fs);
	isms_report_options opts = ISMS_REPORT_OPTIONS_INIT;
	char day[ISMS_DATE_BUFSIZE], *html, *text, *md;

	ck_assert_uint_eq(a->documents->len, G_N_ELEMENTS(docs));
	for (size_t i = 0; i < G_N_ELEMENTS(docs); i++) {
		const isms_document *d = find_document(a, docs[i].path);
		ck_assert_msg(d != NULL, "no document %s", docs[i].path);
		ck_assert_str_eq(isms_meta_text(d->meta, ISMS_F_OWNER), docs[i].owner);
		ck_assert_str_eq(isms_meta_text(d->meta, ISMS_F_VERSION), docs[i].version);
		ck_assert(d->has_review_due);
		ck_assert_str_eq(isms_date_format(d->review_due, day), docs[i].due);
		ck_assert_int_eq(d->meta->fm.status, ISMS_FM_ABSENT);
	}
	expect_rule(&fs, "DOC-NO-METADATA", "");
	expect_document_findings(
	    &fs, "DOC-REVIEW-OVERDUE isms/policies/access-control-policy.md:17:- review was due "
	         "on 2025-12-31 (next_review): overdue by 60 days\n"
	         "DOC-REVIEW-OVERDUE isms/policies/information-security-policy.md:4:- review was "
	         "due on 2026-01-25 (next_review): overdue by 35 days\n"
	         "DOC-REVIEW-OVERDUE isms/policies/supplier-security-policy.md:5:- review was due "
	         "on 2025-11-15 (next_review): overdue by 106 days\n"
	         "DOC-REVIEW-OVERDUE isms/procedures/incident-response-procedure.md:14:- review "
	         "was due on 2026-02-01 (next_review): overdue by 28 days\n"
	         "DOC-REVIEW-OVERDUE isms/standards/logging-standard.md:13:- review was due on "
	         "2026-01-10 (last reviewed 2025-01-10, cycle 1 year): overdue by 50 days\n"
	         "DOC-REVIEW-OVERDUE isms/standards/password-standard.md:4:- review was due on "
	         "2025-09-01 (next_review): overdue by 181 days\n");
	/* every report reads the same review state: no "no review date" */
	html = render_report(isms_report_html, a, &fs, &opts);
	ck_assert_ptr_nonnull(strstr(html, "<td><code>isms/standards/password-standard.md</code>"
	                                   "</td><td><span class=\"muted\">\xe2\x80\x93</span></td>"
	                                   "<td>Security Lead</td>"));
	ck_assert_ptr_nonnull(strstr(html, "<title>no review date: 0</title>"));
	ck_assert_ptr_null(strstr(html, "\"st st-none\""));
	text = render_report(isms_report_text, a, &fs, &opts);
	ck_assert_ptr_nonnull(strstr(text, "isms/policies/information-security-policy.md (review "
	                                   "overdue since 2026-01-25)"));
	ck_assert_ptr_null(strstr(text, "no review date"));
	md = render_report(isms_report_markdown, a, &fs, &opts);
	ck_assert_ptr_nonnull(strstr(md, "isms/policies/information-security-policy.md (review "
	                                 "overdue since 2026-01-25)"));
	ck_assert_ptr_null(strstr(md, "no review date"));
	free(html);
	free(text);
	free(md);
	audit_done(a, &fs);
}
END_TEST

Suite *doc_control_suite(void)
{
	Suite *s = suite_create("doc_control");
	TCase *tc = tcase_create("body");
	TCase *fx = tcase_create("fixtures");

	tcase_add_test(tc, bold_key_lines_with_emoji_and_several_pairs);
	tcase_add_test(tc, colon_outside_the_bold_list_items_and_plain_lines);
	tcase_add_test(tc, the_header_block_ends_at_a_section_or_after_40_lines);
	tcase_add_test(tc, document_control_tables_with_and_without_header_words);
	tcase_add_test(tc, other_tables_are_not_read);
	tcase_add_test(tc, the_version_history_gives_its_highest_version);
	tcase_add_test(tc, versions_compare_part_by_part);
	suite_add_tcase(s, tc);
	tcase_add_test(fx, key_lines_fixture);
	tcase_add_test(fx, control_tables_fixture);
	tcase_add_test(fx, version_history_fixture);
	tcase_add_test(fx, meta_sources_fixture);
	tcase_add_test(fx, custom_fields_fixture);
	tcase_add_test(fx, public_isms_fixture);
	suite_add_tcase(s, fx);
	return s;
}
