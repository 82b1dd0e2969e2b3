/* Repository text quoted in messages: the cut, and the printf that cuts
 * every %s; and the one-line error message. */
#include <string.h>

#include "isms/error.h"
#include "isms/text.h"
#include "testutil.h"

START_TEST(prefixes_never_split_a_character)
{
	const char *s = "a\xc3\xa9\xe6\x97\xa5\xf0\x9f\x93\x85z"; /* a é 日 📅 z */

	ck_assert_uint_eq(isms_text_prefix(s, strlen(s), 2, 100), 3);
	ck_assert_uint_eq(isms_text_prefix(s, strlen(s), 3, 100), 6);
	ck_assert_uint_eq(isms_text_prefix(s, strlen(s), 4, 100), 10);
	ck_assert_uint_eq(isms_text_prefix(s, strlen(s), 100, 100), 11);
	/* a byte budget ends before a character that does not fit */
	ck_assert_uint_eq(isms_text_prefix(s, strlen(s), 100, 8), 6);
	ck_assert_uint_eq(isms_text_prefix(s, strlen(s), 100, 2), 1);
	/* an invalid byte, or a sequence cut short, counts as one character */
	ck_assert_uint_eq(isms_text_prefix("\xff\xfe\x80x", 4, 3, 100), 3);
	ck_assert_uint_eq(isms_text_prefix("\xe6\x97", 2, 1, 100), 1);
}
END_TEST

START_TEST(quotes_are_cut_after_200_characters)
{
	GString *out = g_string_new(NULL), *e = g_string_new(NULL), *want = g_string_new(NULL);

	for (int i = 0; i < 300; i++)
		g_string_append(e, "\xc3\xa9"); /* é */
	isms_text_append_quoted(out, e->str);
	for (int i = 0; i < ISMS_QUOTE_MAX; i++)
		g_string_append(want, "\xc3\xa9");
	g_string_append(want, "\xe2\x80\xa6");
	ck_assert_str_eq(out->str, want->str);
	/* 200 characters exactly: no mark */
	g_string_truncate(out, 0);
	g_string_truncate(e, 2 * ISMS_QUOTE_MAX);
	isms_text_append_quoted(out, e->str);
	ck_assert_str_eq(out->str, e->str);
	g_string_free(want, TRUE);
	g_string_free(e, TRUE);
	g_string_free(out, TRUE);
}
END_TEST

START_TEST(printf_cuts_each_string_argument)
{
	char *long_text = g_malloc(1001), *s;

	memset(long_text, 'x', 1000);
	long_text[1000] = '\0';
	s = isms_text_printf("'%s' %d%% %zu %c %.3s %-4s| %5.1f %s", long_text, 42, (size_t)7, 'c',
	                     "abcdef", "ab", 2.25, (const char *)NULL);
	ck_assert_uint_eq(strlen(s), 200 + 3 + 2 + strlen(" 42% 7 c abc ab  |   2.2 (null)"));
	ck_assert(g_str_has_prefix(s, "'xxxx"));
	ck_assert(g_str_has_suffix(s, "x\xe2\x80\xa6' 42% 7 c abc ab  |   2.2 (null)"));
	g_free(s);
	/* a precision keeps printf's meaning: the caller chose the length */
	s = isms_text_printf("%.*s|%ld|%lu|%lld|%x|%p", 300, long_text, -5L, 5UL, 6LL, 255U,
	                     (void *)NULL);
	ck_assert_uint_eq(strspn(s, "x"), 300);
	ck_assert(g_str_has_suffix(s, "|-5|5|6|ff|(nil)"));
	g_free(s);
	g_free(long_text);
}
END_TEST

START_TEST(errors_are_one_bounded_line)
{
	char *name = g_malloc(5001);

	ck_assert_int_eq(isms_error_set(ISMS_EREPO, "%s: not inside a git repository",
	                                "/tmp/new\nline\r\tx\x7f"),
	                 ISMS_EREPO);
	ck_assert_str_eq(isms_error_last(), "/tmp/new?line??x?: not inside a git repository");
	/* 2,500 two-byte characters: the cut falls between two of them */
	for (int i = 0; i < 2500; i++)
		memcpy(name + 2 * i, "\xc3\xa9", 2);
	name[5000] = '\0';
	isms_error_set(ISMS_EUSAGE, "%s", name);
	ck_assert_uint_eq(strlen(isms_error_last()), 1022);
	ck_assert(g_utf8_validate(isms_error_last(), -1, NULL));
	isms_error_clear();
	g_free(name);
}
END_TEST

START_TEST(closest_words_for_did_you_mean)
{
	static const char *const words[] = {"check", "trend", "rules", "explain", "config", "init"};
	static const char *const twins[] = {"soa", "sox"};

	ck_assert_str_eq(isms_text_closest("chek", words, 6), "check");
	ck_assert_str_eq(isms_text_closest("CHECK", words, 6), "check"); /* case */
	ck_assert_str_eq(isms_text_closest("trned", words, 6), "trend"); /* a swap is one edit */
	ck_assert_str_eq(isms_text_closest("expalin", words, 6), "explain");
	ck_assert_str_eq(isms_text_closest("confgi", words, 6), "config");
	ck_assert_str_eq(isms_text_closest("cnfgi", words, 6), "config"); /* two edits, 5 letters */
	ck_assert_ptr_null(isms_text_closest("cnfg", words, 6));          /* two edits, 4 letters */
	ck_assert_ptr_null(isms_text_closest("xyzzy", words, 6));
	ck_assert_ptr_null(isms_text_closest("i", words, 6));  /* too short to guess */
	ck_assert_ptr_null(isms_text_closest("so", twins, 2)); /* a tie */
	ck_assert_ptr_null(isms_text_closest("chek", words, 0));
}
END_TEST

Suite *text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("text");

	tcase_add_test(tc, prefixes_never_split_a_character);
	tcase_add_test(tc, quotes_are_cut_after_200_characters);
	tcase_add_test(tc, closest_words_for_did_you_mean);
	tcase_add_test(tc, printf_cuts_each_string_argument);
	tcase_add_test(tc, errors_are_one_bounded_line);
	suite_add_tcase(s, tc);
	return s;
}
