#include <string.h>

#include "isms/frontmatter.h"
#include "testutil.h"

static void parse(const char *text, isms_frontmatter *fm)
{
	isms_frontmatter_init(fm);
	isms_frontmatter_parse(text, strlen(text), fm);
}

START_TEST(no_leading_delimiter_means_absent)
{
	isms_frontmatter fm;

	parse("# Title\n---\nowner: x\n---\n", &fm);
	ck_assert_int_eq(fm.status, ISMS_FM_ABSENT);
	ck_assert_uint_eq(fm.body_offset, 0);
	ck_assert_int_eq(fm.body_line, 1);
	isms_frontmatter_dispose(&fm);
	parse("", &fm);
	ck_assert_int_eq(fm.status, ISMS_FM_ABSENT);
	isms_frontmatter_dispose(&fm);
}
END_TEST

START_TEST(fields_keep_their_lines_and_values)
{
	isms_frontmatter fm;
	const isms_fm_field *f;
	const char *text = "---\ntitle: Access control\n\nowner: \"Ann\"\nclauses: [\"5.2\", 6.2]\n"
	                   "next_review: [TBD]\nempty:\n---\n# Body\n";

	parse(text, &fm);
	ck_assert_int_eq(fm.status, ISMS_FM_PRESENT);
	ck_assert_uint_eq(fm.fields->len, 5);
	f = isms_frontmatter_get(&fm, "owner");
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->text, "Ann");
	ck_assert_int_eq(f->line, 4);
	ck_assert_int_eq(f->kind, ISMS_VAL_SCALAR);
	f = isms_frontmatter_get(&fm, "clauses");
	ck_assert_int_eq(f->kind, ISMS_VAL_LIST);
	ck_assert_uint_eq(f->items->len, 2);
	ck_assert_str_eq(g_ptr_array_index(f->items, 1), "6.2");
	ck_assert_str_eq(f->text, "[5.2, 6.2]");
	f = isms_frontmatter_get(&fm, "next_review");
	ck_assert_str_eq(f->text, "[TBD]");
	ck_assert_int_eq(f->line, 6);
	f = isms_frontmatter_get(&fm, "empty");
	ck_assert_int_eq(f->kind, ISMS_VAL_NULL);
	ck_assert_str_eq(text + fm.body_offset, "# Body\n");
	ck_assert_int_eq(fm.body_line, 9);
	isms_frontmatter_dispose(&fm);
}
END_TEST

START_TEST(bom_and_crlf_are_accepted)
{
	isms_frontmatter fm;

	parse("\xEF\xBB\xBF---\r\nowner: Ann\r\n---\r\nText\r\n", &fm);
	ck_assert_int_eq(fm.status, ISMS_FM_PRESENT);
	ck_assert_str_eq(isms_frontmatter_get(&fm, "owner")->text, "Ann");
	ck_assert_int_eq(fm.body_line, 4);
	isms_frontmatter_dispose(&fm);
}
END_TEST

START_TEST(empty_front_matter_is_an_empty_mapping)
{
	isms_frontmatter fm;

	parse("---\n---\nText\n", &fm);
	ck_assert_int_eq(fm.status, ISMS_FM_PRESENT);
	ck_assert_uint_eq(fm.fields->len, 0);
	isms_frontmatter_dispose(&fm);
	parse("---\n# only a comment\n...\nText\n", &fm);
	ck_assert_int_eq(fm.status, ISMS_FM_PRESENT);
	ck_assert_int_eq(fm.body_line, 4);
	isms_frontmatter_dispose(&fm);
}
END_TEST

START_TEST(problems_are_reported_with_lines)
{
	isms_frontmatter fm;

	parse("---\nowner: Ann\n", &fm);
	ck_assert_int_eq(fm.status, ISMS_FM_INVALID);
	ck_assert_str_eq(fm.error, "front matter is not closed by a '---' line");
	ck_assert_int_eq(fm.error_line, 1);
	isms_frontmatter_dispose(&fm);

	parse("---\nowner: Ann\nversion: \"1.0\nx: y\n---\n", &fm);
	ck_assert_int_eq(fm.status, ISMS_FM_INVALID);
	ck_assert_int_eq(fm.error_line, 3);
	ck_assert_ptr_nonnull(strstr(fm.error, "not valid YAML"));
	isms_frontmatter_dispose(&fm);

	parse("---\nowner:\n\tAnn\n---\n", &fm);
	ck_assert_int_eq(fm.status, ISMS_FM_INVALID);
	ck_assert_int_eq(fm.error_line, 3);
	isms_frontmatter_dispose(&fm);

	parse("---\n- a\n- b\n---\n", &fm);
	ck_assert_int_eq(fm.status, ISMS_FM_INVALID);
	ck_assert_str_eq(fm.error, "front matter is not a mapping of keys to values");
	ck_assert_int_eq(fm.error_line, 2);
	isms_frontmatter_dispose(&fm);

	parse("---\nowner: a\nversion: 1\nowner: b\n---\n", &fm);
	ck_assert_int_eq(fm.status, ISMS_FM_INVALID);
	ck_assert_str_eq(fm.error, "duplicate key 'owner'");
	ck_assert_int_eq(fm.error_line, 4);
	isms_frontmatter_dispose(&fm);

	/* past 32 keys the keys seen are kept in a set: 20,000 distinct keys
	 * read, then a repeat of the 40th found on its line */
	GString *many = g_string_new("---\n");
	for (int i = 0; i < 20000; i++)
		g_string_append_printf(many, "k%d: %d\n", i, i);
	g_string_append(many, "---\n");
	parse(many->str, &fm);
	ck_assert_int_eq(fm.status, ISMS_FM_PRESENT);
	ck_assert_uint_eq(fm.fields->len, 20000);
	isms_frontmatter_dispose(&fm);
	g_string_truncate(many, many->len - 4);
	g_string_append(many, "k39: again\n---\n");
	parse(many->str, &fm);
	ck_assert_int_eq(fm.status, ISMS_FM_INVALID);
	ck_assert_str_eq(fm.error, "duplicate key 'k39'");
	ck_assert_int_eq(fm.error_line, 20002);
	isms_frontmatter_dispose(&fm);
	g_string_free(many, TRUE);
}
END_TEST

START_TEST(aliases_do_not_expand)
{
	isms_frontmatter fm;

	/* anchors and aliases are YAML; a billion-laughs body stays small */
	parse("---\na: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n---\n", &fm);
	ck_assert_int_eq(fm.status, ISMS_FM_PRESENT);
	ck_assert_int_eq(isms_frontmatter_get(&fm, "c")->kind, ISMS_VAL_MAP);
	isms_frontmatter_dispose(&fm);
}
END_TEST

Suite *frontmatter_suite(void)
{
	Suite *s = suite_create("frontmatter");
	TCase *tc = tcase_create("frontmatter");

	tcase_add_test(tc, no_leading_delimiter_means_absent);
	tcase_add_test(tc, fields_keep_their_lines_and_values);
	tcase_add_test(tc, bom_and_crlf_are_accepted);
	tcase_add_test(tc, empty_front_matter_is_an_empty_mapping);
	tcase_add_test(tc, problems_are_reported_with_lines);
	tcase_add_test(tc, aliases_do_not_expand);
	suite_add_tcase(s, tc);
	return s;
}
