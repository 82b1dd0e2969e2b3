#include <string.h>

#include "isms/markdown.h"
#include "testutil.h"

static const char register_md[] =
    "# Issues and actions register\n"                                   /* 10 */
    "\n"                                                                /* 11 */
    "| **ID** | Date raised 📅 | Description | Owner | Status |\n"        /* 12 */
    "|---|---|---|---|---|\n"                                           /* 13 */
    "| NC-001 | 2025-01-10 | Backups *not* tested \\| restore failed | [Ann](mailto:a@x) | Closed |\n"
    "| NC-002 | 2025-02-01 | `a\\|b` in code | Bob |\n"                   /* 15 */
    "\n"
    "Some text between tables.\n"
    "\n"
    "| Ref | State |\n"                                                 /* 19 */
    "| --- | :---: |\n"
    "| OFI-1 | Open<br>since May |\n"                                    /* 21 */
    "| OFI-2 | Done | extra cell |\n";                                  /* 22 */

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

Suite *markdown_suite(void)
{
	Suite *s = suite_create("markdown");
	TCase *tc = tcase_create("markdown");

	tcase_add_test(tc, tables_come_out_as_plain_text_cells_with_lines);
	tcase_add_test(tc, text_without_tables_has_none);
	tcase_add_test(tc, header_keys_ignore_decoration);
	suite_add_tcase(s, tc);
	return s;
}
