#include <string.h>

#include "isms/clauses.h"
#include "isms/markdown.h"
#include "isms/soa.h"
#include "testutil.h"

START_TEST(clause_references_are_normalised)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
	    {"6.1.3 d", "6.1.3 d"},
	    {"6.1.3(d)", "6.1.3 d"},
	    {"6.1.3 d)", "6.1.3 d"},
	    {"6.1.3d", "6.1.3 d"},
	    {"Clause 8.2", "8.2"},
	    {" 10.2 ", "10.2"},
	    {"9.3 Management review", "9.3"},
	    {"7.2 (d)", "7.2 d"},
	    {"cl. 4.3", "4.3"},
	    {"5.2.", "5.2"},
	    {"A.5.1", NULL},
	    {"policy", NULL},
	    {"9.3; 9.2", NULL},
	    {"", NULL},
	};

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *got = isms_clause_normalize(cases[i].in);
		if (cases[i].out)
			ck_assert_msg(got && strcmp(got, cases[i].out) == 0, "'%s' gave '%s'",
			              cases[i].in, got ? got : "(null)");
		else
			ck_assert_msg(got == NULL, "'%s' gave '%s'", cases[i].in, got);
		g_free(got);
	}
}
END_TEST

START_TEST(annex_a_has_93_controls)
{
	ck_assert_str_eq(isms_control_id(0), "5.1");
	ck_assert_str_eq(isms_control_id(36), "5.37");
	ck_assert_str_eq(isms_control_id(37), "6.1");
	ck_assert_str_eq(isms_control_id(45), "7.1");
	ck_assert_str_eq(isms_control_id(59), "8.1");
	ck_assert_str_eq(isms_control_id(92), "8.34");
	ck_assert_ptr_null(isms_control_id(93));
	ck_assert_int_eq(isms_control_index("8.34"), 92);
	ck_assert_int_eq(isms_control_index("6.9"), -1);
	ck_assert_int_eq(isms_control_index("5.38"), -1);
	ck_assert_int_eq(isms_control_index("A.5.1"), -1);
}
END_TEST

START_TEST(control_cells_are_read_by_their_number)
{
	static const struct {
		const char *cell;
		isms_control_kind kind;
		const char *id;
	} cases[] = {
	    {"5.1", ISMS_CONTROL_2022, "5.1"},
	    {"A.5.1", ISMS_CONTROL_2022, "5.1"},
	    {"**5.3**", ISMS_CONTROL_2022, "5.3"},
	    {"5.2 Information security roles", ISMS_CONTROL_2022, "5.2"},
	    {"A8.34", ISMS_CONTROL_2022, "8.34"},
	    {"A.12.6.1", ISMS_CONTROL_2013, "A.12.6.1"},
	    {"A.9.2", ISMS_CONTROL_2013, "A.9.2"},
	    {"5.1.1", ISMS_CONTROL_2013, "5.1.1"},
	    {"5.38", ISMS_CONTROL_UNKNOWN, "5.38"},
	    {"4.1", ISMS_CONTROL_UNKNOWN, "4.1"},
	    {"Organisational controls", ISMS_CONTROL_NONE, NULL},
	    {"12", ISMS_CONTROL_NONE, NULL},
	    {"5.1a", ISMS_CONTROL_NONE, NULL},
	    {"", ISMS_CONTROL_NONE, NULL},
	};

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *id = NULL;
		isms_control_kind k = isms_control_read(cases[i].cell, &id);
		ck_assert_msg(k == cases[i].kind, "'%s': kind %d", cases[i].cell, k);
		ck_assert_str_eq(id ? id : "(null)", cases[i].id ? cases[i].id : "(null)");
		g_free(id);
	}
}
END_TEST

START_TEST(soa_tables_are_read_with_header_synonyms)
{
	static const char text[] = "# SoA\n"
	                           "\n"
	                           "| **Annex A control** | Applicable? | Reason for "
	                           "inclusion/exclusion | Implementation status |\n"
	                           "|---|---|---|---|\n"
	                           "| A.5.1 Policies | Yes | Management direction | Implemented |\n"
	                           "| 5.2 | | R-01 | Planned |\n"
	                           "| Physical controls | | | |\n"
	                           "| 7.4 | N/A | - | |\n"
	                           "\n"
	                           "| Ref | Risk |\n"
	                           "|---|---|\n"
	                           "| R-01 | Phishing |\n"
	                           "\n"
	                           "| Control | Justification |\n"
	                           "|---|---|\n"
	                           "| A.12.6.1 | legacy |\n";
	isms_soa *soa = NULL;
	const isms_soa_row *r;
	const isms_soa_table *t;

	ck_assert_int_eq(isms_soa_parse(text, strlen(text), 11, &soa), 0);
	ck_assert_uint_eq(soa->tables->len, 2);
	t = &g_array_index(soa->tables, isms_soa_table, 0);
	ck_assert_int_eq(t->line, 13);
	ck_assert(t->has_applicability && t->has_justification && t->has_status);
	t = &g_array_index(soa->tables, isms_soa_table, 1);
	ck_assert_int_eq(t->line, 24);
	ck_assert(!t->has_applicability && t->has_justification && !t->has_status);
	ck_assert_uint_eq(soa->rows->len, 4);
	r = g_ptr_array_index(soa->rows, 0);
	ck_assert_str_eq(r->control, "5.1");
	ck_assert_int_eq(r->line, 15);
	ck_assert_str_eq(r->applicable, "Yes");
	ck_assert_str_eq(r->justification, "Management direction");
	ck_assert_str_eq(r->status, "Implemented");
	r = g_ptr_array_index(soa->rows, 1);
	ck_assert_ptr_null(r->applicable);
	ck_assert_str_eq(r->justification, "R-01");
	r = g_ptr_array_index(soa->rows, 2);
	ck_assert_str_eq(r->control, "7.4");
	ck_assert_str_eq(r->applicable, "N/A"); /* not applicable, stated */
	ck_assert_ptr_null(r->justification);
	ck_assert_ptr_null(r->status);
	r = g_ptr_array_index(soa->rows, 3);
	ck_assert_int_eq(r->kind, ISMS_CONTROL_2013);
	ck_assert_int_eq(r->table, 1);
	isms_soa_free(soa);
}
END_TEST

START_TEST(headings_keep_their_lines)
{
	static const char text[] =
	    "# Review\n\n## a) Status of actions\n\ntext\n\nSetext title\n---\n"
	    "    # not a heading (code)\n";
	GPtrArray *h = isms_md_headings_new();
	const isms_md_heading *x;

	ck_assert_int_eq(isms_markdown_headings(text, strlen(text), 5, h), 0);
	ck_assert_uint_eq(h->len, 3);
	x = g_ptr_array_index(h, 1);
	ck_assert_int_eq(x->line, 7);
	ck_assert_int_eq(x->level, 2);
	ck_assert_str_eq(x->text, "a) Status of actions");
	x = g_ptr_array_index(h, 2);
	ck_assert_str_eq(x->text, "Setext title");
	ck_assert_int_eq(x->line, 11);
	g_ptr_array_free(h, TRUE);
}
END_TEST

Suite *soa_suite(void)
{
	Suite *s = suite_create("soa");
	TCase *tc = tcase_create("soa");

	tcase_add_test(tc, clause_references_are_normalised);
	tcase_add_test(tc, annex_a_has_93_controls);
	tcase_add_test(tc, control_cells_are_read_by_their_number);
	tcase_add_test(tc, soa_tables_are_read_with_header_synonyms);
	tcase_add_test(tc, headings_keep_their_lines);
	suite_add_tcase(s, tc);
	return s;
}
