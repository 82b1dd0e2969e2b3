/* Document control read from the body: the key lines, tables and version
 * histories the module finds. */
#include <string.h>

#include "isms/doc_control.h"
#include "isms/markdown.h"
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

Suite *doc_control_suite(void)
{
	Suite *s = suite_create("doc_control");
	TCase *tc = tcase_create("body");

	tcase_add_test(tc, bold_key_lines_with_emoji_and_several_pairs);
	tcase_add_test(tc, colon_outside_the_bold_list_items_and_plain_lines);
	tcase_add_test(tc, the_header_block_ends_at_a_section_or_after_40_lines);
	tcase_add_test(tc, document_control_tables_with_and_without_header_words);
	tcase_add_test(tc, other_tables_are_not_read);
	tcase_add_test(tc, the_version_history_gives_its_highest_version);
	tcase_add_test(tc, versions_compare_part_by_part);
	suite_add_tcase(s, tc);
	return s;
}
