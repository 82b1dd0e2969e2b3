#include <string.h>

#include "isms/error.h"
#include "isms/markdown.h"
#include "testutil.h"

static const char register_md[] =
    "# Issues and actions register\n"                             /* 10 */
    "\n"                                                          /* 11 */
    "| **ID** | Date raised 📅 | Description | Owner | Status |\n" /* 12 */
    "|---|---|---|---|---|\n"                                     /* 13 */
    "| NC-001 | 2025-01-10 | Backups *not* tested \\| restore failed | [Ann](mailto:a@x) | Closed "
    "|\n"
    "| NC-002 | 2025-02-01 | `a\\|b` in code | Bob |\n" /* 15 */
    "\n"
    "Some text between tables.\n"
    "\n"
    "| Ref | State |\n" /* 19 */
    "| --- | :---: |\n"
    "| OFI-1 | Open<br>since May |\n"  /* 21 */
    "| OFI-2 | Done | extra cell |\n"; /* 22 */

START_TEST(tables_come_out_as_plain_text_cells_with_lines)
{
	GPtrArray *tables = isms_md_tables_new();
	isms_md_table *t;
	isms_md_row *r;

	ck_assert_int_eq(isms_markdown_tables(register_md, strlen(register_md), 10, tables), 0);
	ck_assert_uint_eq(tables->len, 2);
	t = g_ptr_array_index(tables, 0);
	ck_assert_int_eq(t->line, 12);
	ck_assert_uint_eq(t->header->len, 5);
	ck_assert_str_eq(g_ptr_array_index(t->header, 0), "ID");
	ck_assert_str_eq(g_ptr_array_index(t->header, 1), "Date raised 📅");
	ck_assert_uint_eq(t->rows->len, 2);
	r = g_ptr_array_index(t->rows, 0);
	ck_assert_int_eq(r->line, 14);
	ck_assert_str_eq(g_ptr_array_index(r->cells, 2), "Backups not tested | restore failed");
	ck_assert_str_eq(g_ptr_array_index(r->cells, 3), "Ann");
	r = g_ptr_array_index(t->rows, 1);
	ck_assert_int_eq(r->line, 15);
	ck_assert_str_eq(g_ptr_array_index(r->cells, 2), "a|b in code"); /* GFM: escape | in code */
	ck_assert_uint_eq(r->cells->len, 5); /* a missing cell reads as empty */
	ck_assert_str_eq(g_ptr_array_index(r->cells, 4), "");

	t = g_ptr_array_index(tables, 1);
	ck_assert_int_eq(t->line, 19);
	ck_assert_str_eq(g_ptr_array_index(t->header, 1), "State");
	r = g_ptr_array_index(t->rows, 0);
	ck_assert_int_eq(r->line, 21);
	ck_assert_str_eq(g_ptr_array_index(r->cells, 1), "Open since May");
	r = g_ptr_array_index(t->rows, 1);
	ck_assert_int_eq(r->line, 22);
	ck_assert_uint_eq(r->cells->len, 2); /* cells beyond the header are dropped */
	g_ptr_array_free(tables, TRUE);
}
END_TEST

START_TEST(text_without_tables_has_none)
{
	GPtrArray *tables = isms_md_tables_new();
	const char *text = "# Title\n\nA | B\n\n- list | item\n";

	ck_assert_int_eq(isms_markdown_tables(text, strlen(text), 1, tables), 0);
	ck_assert_uint_eq(tables->len, 0);
	ck_assert_int_eq(isms_markdown_tables("", 0, 1, tables), 0);
	ck_assert_uint_eq(tables->len, 0);
	g_ptr_array_free(tables, TRUE);
}
END_TEST

START_TEST(header_keys_ignore_decoration)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
	    {"**Date raised** 📅", "date raised"},
	    {"Root-cause analysis", "root cause analysis"},
	    {"  ID  ", "id"},
	    {"✅ Status", "status"},
	    {"Fällig am", "fällig am"},
	    {"No.", "no"},
	    {"", ""},
	};

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *k = isms_md_header_key(cases[i].in);
		ck_assert_str_eq(k, cases[i].out);
		g_free(k);
	}
}
END_TEST

/* A table of `columns` columns and `rows` rows of one cell, lines ending in `eol`,
 * after `prefix` (a block quote). Caller frees. */
static char *table_text(int columns, int rows, const char *eol, const char *prefix)
{
	GString *s = g_string_new("Intro.");

	g_string_append_printf(s, "%s%s", eol, eol);
	g_string_append(s, prefix);
	for (int c = 0; c < columns; c++)
		g_string_append(s, "| h ");
	g_string_append_printf(s, "|%s%s", eol, prefix);
	for (int c = 0; c < columns; c++)
		g_string_append(s, "|:-:");
	g_string_append_printf(s, "|%s", eol);
	for (int r = 0; r < rows; r++)
		g_string_append_printf(s, "%s| x |%s", prefix, eol);
	return g_string_free(s, FALSE);
}

START_TEST(tables_over_the_limits_are_refused_before_parsing)
{
	GPtrArray *tables = isms_md_tables_new();
	char *text, *why;
	int line = 0;

	text = table_text(64, 3, "\n", "");
	ck_assert_int_eq(isms_markdown_check_limits(text, strlen(text), 10, &line, &why), 0);
	ck_assert_ptr_null(why);
	g_free(text);
	/* CR alone ends a line for cmark-gfm, and so for the limits */
	text = table_text(65, 3, "\r", "");
	ck_assert_int_eq(isms_markdown_check_limits(text, strlen(text), 10, &line, &why), -1);
	ck_assert_int_eq(line, 12);
	ck_assert_str_eq(why, "the table on line 12 has 65 columns, more than 64 (the table column "
	                      "limit)");
	g_free(why);
	g_free(text);
	text = table_text(65, 0, "\r\n", "> ");
	ck_assert_int_eq(isms_markdown_check_limits(text, strlen(text), 1, &line, &why), -1);
	ck_assert_int_eq(line, 3);
	g_free(why);
	/* the reader refuses it too, and reads nothing */
	ck_assert_int_eq(isms_markdown_tables(text, strlen(text), 1, tables), ISMS_ERROR);
	ck_assert_uint_eq(tables->len, 0);
	g_free(text);
	/* 64 columns times 31,250 rows and the header: one cell too many */
	text = table_text(64, 31249, "\n", "");
	ck_assert_int_eq(isms_markdown_check_limits(text, strlen(text), 1, &line, &why), 0);
	g_free(text);
	text = table_text(64, 31250, "\n", "");
	ck_assert_int_eq(isms_markdown_check_limits(text, strlen(text), 1, &line, &why), -1);
	ck_assert_str_eq(why, "the tables up to line 31254 hold more than 2000000 cells (the table "
	                      "cell limit, rows times columns)");
	g_free(why);
	g_free(text);
	g_ptr_array_free(tables, TRUE);
}
END_TEST

/* Nesting counts the block quote and list markers a line starts with;
 * the table count counts delimiter rows; elements estimate cmark-gfm's
 * nodes. Each limit is refused one past it, and names itself. */
START_TEST(nesting_tables_and_elements_are_bounded)
{
	GString *s = g_string_new(NULL);
	char *why;
	int line = 0;
	size_t elements = 0;

	for (int i = 0; i < 100; i++)
		g_string_append(s, i % 3 == 0 ? "> " : i % 3 == 1 ? "- " : "12) ");
	g_string_append(s, "deep\n");
	ck_assert_int_eq(isms_markdown_measure(s->str, s->len, 1, &line, &why, &elements), 0);
	/* two for the line, one per marker */
	ck_assert_uint_eq(elements, 102);
	g_string_prepend(s, "text\n>");
	ck_assert_int_eq(isms_markdown_check_limits(s->str, s->len, 7, &line, &why),
	                 ISMS_MD_OVER_MARKDOWN);
	ck_assert_int_eq(line, 8);
	ck_assert_str_eq(why, "line 8 nests more than 100 block quotes and list items (the "
	                      "nesting limit)");
	g_free(why);
	/* a thematic break or a word is no marker */
	g_string_assign(s, "-- -x *a 1.x 1234567890. ---\n");
	ck_assert_int_eq(isms_markdown_measure(s->str, s->len, 1, &line, &why, &elements), 0);
	ck_assert_uint_eq(elements, 2 + 2 * 1);

	g_string_truncate(s, 0);
	for (int t = 0; t < 1000; t++)
		g_string_append(s, "|a|\n|-|\n\n");
	ck_assert_int_eq(isms_markdown_check_limits(s->str, s->len, 1, &line, &why), 0);
	g_string_append(s, "|a|\n|-|\n");
	ck_assert_int_eq(isms_markdown_check_limits(s->str, s->len, 1, &line, &why),
	                 ISMS_MD_OVER_TABLES);
	ck_assert_int_eq(line, 3001);
	ck_assert_str_eq(why, "the table on line 3001 is one more than 1000 in one text (the "
	                      "table count limit)");
	g_free(why);

	/* a line two, an inline mark two; a table row also its cells and its
	 * pipes (the header's are counted on the delimiter row, which opens
	 * the table) */
	g_string_assign(s, "| a | *b* |\n|---|---|\n| 1 | 2 |\n");
	ck_assert_int_eq(isms_markdown_measure(s->str, s->len, 1, &line, &why, &elements), 0);
	ck_assert_uint_eq(elements, (2 + 2 * 2) + (2 + 2 + 3) + (2 + 2 + 3));
	g_string_truncate(s, 0);
	for (int i = 0; i < 1250000; i++)
		g_string_append(s, "a\n");
	ck_assert_int_eq(isms_markdown_measure(s->str, s->len, 1, &line, &why, &elements), 0);
	ck_assert_uint_eq(elements, 2500000);
	g_string_append(s, "a\n");
	ck_assert_int_eq(isms_markdown_check_limits(s->str, s->len, 1, &line, &why),
	                 ISMS_MD_OVER_MARKDOWN);
	ck_assert_int_eq(line, 1250001);
	ck_assert_str_eq(why, "the text up to line 1250001 has more than 2500000 Markdown elements "
	                      "(the element limit: lines, block quote and list markers, inline "
	                      "marks, table cells)");
	g_free(why);
	g_string_free(s, TRUE);
}
END_TEST

START_TEST(the_scan_gives_the_spans_of_the_tables)
{
	const char *text = "# T\n"
	                   "---\n"
	                   "| a | b |\n"
	                   "|---|---|\n"
	                   "| 1 | 2 |\n"
	                   "\n"
	                   "Text\r| x |\r| - |\r| y |";
	GArray *spans = g_array_new(FALSE, FALSE, sizeof(isms_md_span));
	const isms_md_span *s;
	char *why;
	int line;

	ck_assert_int_eq(isms_markdown_scan(text, strlen(text), 5, spans, &line, &why), 0);
	/* the `---` line opens no span: a table needs a pipe */
	ck_assert_uint_eq(spans->len, 2);
	s = &g_array_index(spans, isms_md_span, 0);
	ck_assert_int_eq(s->line, 7);
	ck_assert_uint_eq(s->columns, 2);
	ck_assert_uint_eq(s->rows, 1);
	{
		char *span = g_strndup(text + s->start, s->end - s->start);
		ck_assert_str_eq(span, "| a | b |\n|---|---|\n| 1 | 2 |\n");
		g_free(span);
	}
	s = &g_array_index(spans, isms_md_span, 1);
	ck_assert_int_eq(s->line, 12);
	ck_assert_uint_eq(s->columns, 1);
	ck_assert_uint_eq(s->end, strlen(text));
	g_array_free(spans, TRUE);
}
END_TEST

START_TEST(inline_markdown_reads_as_its_text)
{
	static const char *const cases[][2] = {
	    {"**CEO**", "CEO"},     {"[Jane Roe](mailto:jane@example.com)", "Jane Roe"},
	    {"`2.6`  ", "2.6"},     {"1. Jane", "1. Jane"},
	    {"- Jane", "- Jane"},   {"# 5", "# 5"},
	    {"A &amp; B", "A & B"}, {"", ""},
	};

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *t = isms_markdown_inline_text(cases[i][0], strlen(cases[i][0]));
		ck_assert_str_eq(t, cases[i][1]);
		g_free(t);
	}
}
END_TEST

Suite *markdown_suite(void)
{
	Suite *s = suite_create("markdown");
	TCase *tc = tcase_create("markdown");

	tcase_add_test(tc, tables_come_out_as_plain_text_cells_with_lines);
	tcase_add_test(tc, text_without_tables_has_none);
	tcase_add_test(tc, header_keys_ignore_decoration);
	tcase_add_test(tc, tables_over_the_limits_are_refused_before_parsing);
	tcase_add_test(tc, nesting_tables_and_elements_are_bounded);
	tcase_add_test(tc, the_scan_gives_the_spans_of_the_tables);
	tcase_add_test(tc, inline_markdown_reads_as_its_text);
	suite_add_tcase(s, tc);
	return s;
}
