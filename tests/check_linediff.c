#include <string.h>

#include "isms/linediff.h"
#include "testutil.h"

/* The hunks of a -> b as "old_start,old_lines>new_start,new_lines" lines. */
static char *hunks_of(const char *a, const char *b)
{
	GArray *h = g_array_new(FALSE, FALSE, sizeof(isms_line_hunk));
	GString *s = g_string_new(NULL);

	isms_line_diff(a, strlen(a), b, strlen(b), h);
	for (guint i = 0; i < h->len; i++) {
		const isms_line_hunk *x = &g_array_index(h, isms_line_hunk, i);
		g_string_append_printf(s, "%d,%d>%d,%d\n", x->old_start, x->old_lines, x->new_start,
		                       x->new_lines);
	}
	g_array_free(h, TRUE);
	return g_string_free(s, FALSE);
}

static void expect_hunks(const char *a, const char *b, const char *want)
{
	char *have = hunks_of(a, b);

	ck_assert_str_eq(have, want);
	g_free(have);
}

START_TEST(hunks_are_numbered_as_git_numbers_them)
{
	expect_hunks("a\nb\nc\n", "a\nb\nc\n", "");
	expect_hunks("a\nb\nc\n", "a\nB\nc\n", "2,1>2,1\n");
	/* an insertion names the line before it, on the side without lines */
	expect_hunks("a\nb\nc\n", "a\nb\nx\ny\nc\n", "2,0>3,2\n");
	expect_hunks("a\nb\nc\n", "x\na\nb\nc\n", "0,0>1,1\n");
	expect_hunks("a\nb\nc\n", "a\nb\nc\nd\n", "3,0>4,1\n");
	expect_hunks("a\nb\nc\n", "a\nc\n", "2,1>1,0\n");
	expect_hunks("a\nb\nc\n", "", "1,3>0,0\n");
	expect_hunks("", "a\n", "0,0>1,1\n");
	/* a last line without a line end */
	expect_hunks("a\nb", "a\nc", "2,1>2,1\n");
	expect_hunks("a\nb", "a\nb\n", "2,1>2,1\n");
	/* two changes apart, around a unique line that anchors them */
	expect_hunks("1\n2\n3\n4\n5\n", "1\nX\n3\n4\nY\n", "2,1>2,1\n5,1>5,1\n");
	/* a row deleted, one closed, one added: three hunks */
	expect_hunks("h\nA\nB\nC\nD\n", "h\nB\nC2\nD\nE\n", "2,1>1,0\n4,1>3,1\n5,0>5,1\n");
	/* a line moved down: anchored on the longest run in order */
	expect_hunks("1\n2\n3\n4\n", "2\n3\n1\n4\n", "1,1>0,0\n3,0>3,1\n");
	/* repeated lines (blank) anchor nothing, but equal ends are trimmed */
	expect_hunks("x\n\n\ny\n", "x\n\nz\n\ny\n", "2,0>3,1\n");
}
END_TEST

/* Apply the hunks of a -> b to a's lines: the result must be b. */
static char *apply(const char *a, const char *b, const GArray *h)
{
	char **la = g_strsplit(a, "\n", -1), **lb = g_strsplit(b, "\n", -1);
	GString *s = g_string_new(NULL);
	int next = 1; /* next line of a to copy */
	guint na = g_strv_length(la);

	for (guint i = 0; i < h->len; i++) {
		const isms_line_hunk *x = &g_array_index(h, isms_line_hunk, i);
		int before = x->old_lines > 0 ? x->old_start - 1 : x->old_start;
		int first_new = x->new_lines > 0 ? x->new_start : x->new_start + 1;
		ck_assert_int_ge(before, next - 1);
		for (; next <= before; next++)
			g_string_append_printf(s, "%s\n", la[next - 1]);
		for (int k = 0; k < x->new_lines; k++)
			g_string_append_printf(s, "%s\n", lb[first_new - 1 + k]);
		next += x->old_lines;
	}
	for (; next < (int)na; next++)
		g_string_append_printf(s, "%s\n", la[next - 1]);
	g_strfreev(la);
	g_strfreev(lb);
	return g_string_free(s, FALSE);
}

/* Random edits of a table (rows changed, added, deleted, moved, repeated):
 * applying the hunks always gives the new version. */
START_TEST(hunks_turn_the_old_version_into_the_new)
{
	GRand *r = g_rand_new_with_seed(7);

	for (int round = 0; round < 300; round++) {
		GPtrArray *rows = g_ptr_array_new_with_free_func(g_free);
		int n = g_rand_int_range(r, 0, 40);
		for (int i = 0; i < n; i++)
			g_ptr_array_add(rows, g_rand_int_range(r, 0, 5) == 0
			                          ? g_strdup("| - | - |")
			                          : g_strdup_printf("| R%d | %d |", i,
			                                            g_rand_int_range(r, 0, 3)));
		GString *a = g_string_new(NULL), *b = g_string_new(NULL);
		for (guint i = 0; i < rows->len; i++)
			g_string_append_printf(a, "%s\n", (char *)g_ptr_array_index(rows, i));
		for (int e = g_rand_int_range(r, 0, 6); e > 0; e--) {
			int op = g_rand_int_range(r, 0, 4),
			    at = rows->len ? g_rand_int_range(r, 0, (gint32)rows->len) : 0;
			if (op == 0 || rows->len == 0)
				g_ptr_array_insert(rows, at, g_strdup_printf("| N%d |", e));
			else if (op == 1)
				g_ptr_array_remove_index(rows, (guint)at);
			else if (op == 2) {
				g_free(g_ptr_array_index(rows, at));
				g_ptr_array_index(rows, at) =
				    g_strdup_printf("| C%d | closed |", e);
			} else {
				gpointer moved = g_ptr_array_steal_index(rows, (guint)at);
				g_ptr_array_add(rows, moved);
			}
		}
		for (guint i = 0; i < rows->len; i++)
			g_string_append_printf(b, "%s\n", (char *)g_ptr_array_index(rows, i));
		GArray *h = g_array_new(FALSE, FALSE, sizeof(isms_line_hunk));
		isms_line_diff(a->str, a->len, b->str, b->len, h);
		char *got = apply(a->str, b->str, h);
		ck_assert_msg(strcmp(got, b->str) == 0, "round %d:\n%s->\n%s", round, a->str,
		              b->str);
		g_free(got);
		g_array_free(h, TRUE);
		g_string_free(a, TRUE);
		g_string_free(b, TRUE);
		g_ptr_array_free(rows, TRUE);
	}
	g_rand_free(r);
}
END_TEST

Suite *linediff_suite(void)
{
	Suite *s = suite_create("linediff");
	TCase *tc = tcase_create("linediff");

	tcase_add_test(tc, hunks_are_numbered_as_git_numbers_them);
	tcase_add_test(tc, hunks_turn_the_old_version_into_the_new);
	suite_add_tcase(s, tc);
	return s;
}
