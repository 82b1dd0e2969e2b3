/* One version of a risk register: tables, words, numbers, levels. */
#include <string.h>

#include "isms/config_keys.h"
#include "isms/risk.h"
#include "testutil.h"

static const char body[] =
    "# Risks\n" /* 3 */
    "\n"
    "| Risk | Likelihood | Impact |\n" /* 5: no risk id: not a risk table */
    "|---|---|---|\n"
    "| Phishing | 3 | 4 |\n"
    "\n"
    "| 🆔 **Risk ID** | Threat | Risk owner | L | I | Risk rating | Response | Controls | "
    "Deadline | Treatment status | Reviewed | Accepted by | Valid until |\n" /* 9 */
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
    "| R-1 | Phishing | Ann | 4 (likely) | 5 | 20 | Reduce: MFA on every system (A.5.17, "
    "8.5) | | 2026-06-30 | In progress | 2026-01-10 | | |\n" /* 11 */
    "| R-2 | Flood | Bo | 1 | 4 | [![Low](https://img.shields.io/badge/x-low-green)](#) | "
    "Accept (insured) | | | Accepted (CEO) | 25/02/2026 | Cy (CEO) | 31 March 2027 |\n" /* 12 */
    "| R-3 | Old server | | | | 🔴 Very high | Disk encryption | | soon | Pending | 03/04/2026 "
    "| | |\n"                                                   /* 13 */
    "| | Orphan | Ann | 1 | 1 | 1 | Treat | | | Open | | | |\n" /* 14: no id */
    "| R-4 | Fire | Ann | 7 | 2 | 14 | Transfer to insurer | 9.99, 5.1.2 | | Retired | | | "
    "|\n" /* 15 */
    "\n"
    "| ID | Likelihood | Owner |\n" /* 17: ID counts only when declared */
    "|---|---|---|\n"
    "| X-1 | 2 | Ann |\n";

START_TEST(risk_tables_are_found_by_their_columns)
{
	isms_risk_register *reg = NULL;
	const isms_risk_table *t;

	ck_assert_int_eq(isms_risk_parse(body, strlen(body), 3, 0, NULL, &reg), 0);
	ck_assert_uint_eq(reg->tables->len, 1);
	t = g_ptr_array_index(reg->tables, 0);
	ck_assert_int_eq(t->line, 9);
	ck_assert_int_eq(t->column[ISMS_RISK_COL_ID], 0);
	ck_assert_int_eq(t->column[ISMS_RISK_COL_TITLE], 1);
	ck_assert_int_eq(t->column[ISMS_RISK_COL_OWNER], 2);
	ck_assert_int_eq(t->column[ISMS_RISK_COL_LIKELIHOOD], 3);
	ck_assert_int_eq(t->column[ISMS_RISK_COL_IMPACT], 4);
	ck_assert_int_eq(t->column[ISMS_RISK_COL_SCORE], 5);
	ck_assert_int_eq(t->column[ISMS_RISK_COL_TREATMENT], 6);
	ck_assert_int_eq(t->column[ISMS_RISK_COL_PLAN], 7);
	ck_assert_int_eq(t->column[ISMS_RISK_COL_DUE], 8);
	ck_assert_int_eq(t->column[ISMS_RISK_COL_STATUS], 9);
	ck_assert_int_eq(t->column[ISMS_RISK_COL_LAST_REVIEWED], 10);
	ck_assert_int_eq(t->column[ISMS_RISK_COL_APPROVER], 11);
	ck_assert_int_eq(t->column[ISMS_RISK_COL_ACCEPT_UNTIL], 12);
	ck_assert_int_eq(t->column[ISMS_RISK_COL_NEXT_REVIEW], -1);
	ck_assert_int_eq(t->column[ISMS_RISK_COL_RESIDUAL], -1);
	ck_assert_uint_eq(reg->risks->len, 4);
	ck_assert_uint_eq(reg->idless->len, 1);
	ck_assert_int_eq(g_array_index(reg->idless, int, 0), 14);
	isms_risk_register_free(reg);

	/* declared, the ID table is a risk table too */
	ck_assert_int_eq(isms_risk_parse(body, strlen(body), 3, 1, NULL, &reg), 0);
	ck_assert_uint_eq(reg->tables->len, 2);
	ck_assert_ptr_nonnull(isms_risk_find(reg, "X-1"));
	ck_assert_int_eq(isms_risk_find(reg, "X-1")->line, 19);
	isms_risk_register_free(reg);
}
END_TEST

START_TEST(cells_are_read_as_numbers_words_and_dates)
{
	isms_risk_register *reg = NULL;
	const isms_risk *r;
	char d[ISMS_DATE_BUFSIZE], *text;

	ck_assert_int_eq(isms_risk_parse(body, strlen(body), 3, 0, NULL, &reg), 0);
	/* numbers with words after them, the product, the level on 5 points */
	r = isms_risk_find(reg, "R-1");
	ck_assert_int_eq(r->line, 11);
	ck_assert(r->likelihood.has_number);
	ck_assert_int_eq(r->likelihood.number, 4);
	ck_assert_int_eq(r->product, 20);
	ck_assert_int_eq(r->value, 20);
	ck_assert_int_eq(r->level, ISMS_RISK_CRITICAL);
	ck_assert_int_eq(r->treatment, ISMS_TREAT_MODIFY);
	ck_assert_str_eq(r->plan, "MFA on every system (A.5.17, 8.5)");
	ck_assert_uint_eq(r->controls->len, 2);
	ck_assert_str_eq(g_ptr_array_index(r->controls, 0), "5.17");
	ck_assert_str_eq(g_ptr_array_index(r->controls, 1), "8.5");
	ck_assert_int_eq(r->status, ISMS_RISK_IN_TREATMENT);
	ck_assert(r->has_due);
	ck_assert_str_eq(isms_date_format(r->due, d), "2026-06-30");
	ck_assert_uint_eq(r->problems->len, 0);
	ck_assert(!isms_risk_accepted(r));
	ck_assert_int_eq(isms_risk_days_overdue(r, r->due + 3), 3);
	ck_assert_int_eq(isms_risk_days_overdue(r, r->due), 0);
	text = isms_risk_score_text(r);
	ck_assert_str_eq(text, "4 (likely) x 5 = 20");
	g_free(text);

	/* a badge is read by its text; dates as people type them */
	r = isms_risk_find(reg, "R-2");
	ck_assert_str_eq(r->cell[ISMS_RISK_COL_SCORE], "Low");
	ck_assert(!r->score.has_number);
	ck_assert_int_eq(r->score.word, ISMS_RISK_LOW);
	ck_assert_int_eq(r->level, ISMS_RISK_LOW); /* the score's word, not 1 x 4 */
	ck_assert_int_eq(r->treatment, ISMS_TREAT_RETAIN);
	ck_assert_str_eq(r->plan, "insured");
	ck_assert_int_eq(r->status, ISMS_RISK_ACCEPTED);
	ck_assert(isms_risk_accepted(r));
	ck_assert_str_eq(isms_date_format(r->last_reviewed, d), "2026-02-25");
	ck_assert_str_eq(isms_date_format(r->accept_until, d), "2027-03-31");
	ck_assert(isms_risk_approved(r, NULL));
	ck_assert_int_eq(isms_risk_days_overdue(r, r->accept_until), 0); /* accepted */

	/* an emoji before a level word; a treatment cell naming no option is a
	 * plan; problems with their cells */
	r = isms_risk_find(reg, "R-3");
	ck_assert_int_eq(r->level, ISMS_RISK_CRITICAL);
	ck_assert_int_eq(r->value, 0);
	ck_assert_int_eq(r->treatment, ISMS_TREAT_MODIFY);
	ck_assert_str_eq(r->plan, "Disk encryption");
	ck_assert_ptr_null(r->cell[ISMS_RISK_COL_OWNER]);
	ck_assert_int_eq(r->status, ISMS_RISK_STATUS_UNKNOWN);
	ck_assert_uint_eq(r->problems->len, 3);
	ck_assert_str_eq(g_ptr_array_index(r->problems, 0),
	                 "status 'Pending' is not a known status word");
	ck_assert_str_eq(g_ptr_array_index(r->problems, 1),
	                 "due 'soon' is not a date (YYYY-MM-DD)");
	ck_assert_str_eq(g_ptr_array_index(r->problems, 2),
	                 "last_reviewed '03/04/2026' reads as 2026-04-03 (day first) or 2026-03-04 "
	                 "(month first): write YYYY-MM-DD, or set date_order: dmy or mdy in "
	                 ".isms-audit.yml");

	/* off the scale; no control in "9.99" or "5.1.2"; retired is not in force */
	r = isms_risk_find(reg, "R-4");
	ck_assert_uint_eq(r->problems->len, 1);
	ck_assert_str_eq(g_ptr_array_index(r->problems, 0),
	                 "likelihood 7 is outside the scale of 1 to 5 (risk_scale)");
	ck_assert_int_eq(r->treatment, ISMS_TREAT_SHARE);
	ck_assert_str_eq(r->plan, "9.99, 5.1.2");
	ck_assert_uint_eq(r->controls->len, 0);
	ck_assert(!isms_risk_in_force(r));
	isms_risk_register_free(reg);
}
END_TEST

/* date_order decides a date that reads both ways, as in the issues
 * register; month first, a date only day first makes valid is none. */
START_TEST(dates_read_in_the_configured_order)
{
	isms_risk_register *reg = NULL;
	isms_risk_dialect d;
	const isms_risk *r;
	char day[ISMS_DATE_BUFSIZE];

	isms_risk_dialect_init(&d);
	ck_assert_int_eq(d.date_order, ISMS_DATE_ORDER_NONE);
	d.date_order = ISMS_DATE_ORDER_DMY;
	ck_assert_int_eq(isms_risk_parse(body, strlen(body), 3, 0, &d, &reg), 0);
	r = isms_risk_find(reg, "R-3");
	ck_assert(r->has_last_reviewed);
	ck_assert_str_eq(isms_date_format(r->last_reviewed, day), "2026-04-03");
	ck_assert_uint_eq(r->problems->len, 2); /* the status and 'soon' */
	r = isms_risk_find(reg, "R-2");
	ck_assert_str_eq(isms_date_format(r->last_reviewed, day), "2026-02-25");
	ck_assert_uint_eq(r->problems->len, 0);
	isms_risk_register_free(reg);

	d.date_order = ISMS_DATE_ORDER_MDY;
	ck_assert_int_eq(isms_risk_parse(body, strlen(body), 3, 0, &d, &reg), 0);
	r = isms_risk_find(reg, "R-3");
	ck_assert_str_eq(isms_date_format(r->last_reviewed, day), "2026-03-04");
	r = isms_risk_find(reg, "R-2");
	ck_assert(!r->has_last_reviewed);
	ck_assert_uint_eq(r->problems->len, 1);
	ck_assert_str_eq(g_ptr_array_index(r->problems, 0),
	                 "last_reviewed '25/02/2026' is not a date (YYYY-MM-DD)");
	ck_assert_str_eq(isms_date_format(r->accept_until, day), "2027-03-31"); /* a month name */
	isms_risk_register_free(reg);
	isms_risk_dialect_dispose(&d);
}
END_TEST

/* The levels of the scores of an n-point scale: 16%, 36% and 64% of n x n. */
START_TEST(levels_follow_the_scale)
{
	isms_risk_dialect d;
	static const int five[] = {0, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3,
	                           3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4};

	isms_risk_dialect_init(&d);
	for (int s = 0; s <= 25; s++)
		ck_assert_msg((int)isms_risk_level_of_score(&d, s) == five[s], "score %d", s);
	ck_assert_int_eq(isms_risk_level_of_score(&d, 99), ISMS_RISK_CRITICAL);
	ck_assert_int_eq(isms_risk_level_of_score(&d, -3), ISMS_RISK_LEVEL_NONE);
	d.scale = 3; /* 1 low, 2-3 medium, 4 high, 6-9 critical */
	ck_assert_int_eq(isms_risk_level_of_score(&d, 1), ISMS_RISK_LOW);
	ck_assert_int_eq(isms_risk_level_of_score(&d, 3), ISMS_RISK_MEDIUM);
	ck_assert_int_eq(isms_risk_level_of_score(&d, 4), ISMS_RISK_HIGH);
	ck_assert_int_eq(isms_risk_level_of_score(&d, 6), ISMS_RISK_CRITICAL);
	isms_risk_dialect_dispose(&d);

	ck_assert_int_eq(isms_risk_level_lookup("Very High"), ISMS_RISK_CRITICAL);
	ck_assert_int_eq(isms_risk_level_lookup("**extreme**"), ISMS_RISK_CRITICAL);
	ck_assert_int_eq(isms_risk_level_lookup("moderate"), ISMS_RISK_MEDIUM);
	ck_assert_int_eq(isms_risk_level_lookup("high-ish"), ISMS_RISK_LEVEL_NONE);
	ck_assert_int_eq(isms_risk_status_lookup("Done (June 2024)"), ISMS_RISK_TREATED);
	ck_assert_int_eq(isms_risk_status_lookup("Risk accepted"), ISMS_RISK_ACCEPTED);
	ck_assert_int_eq(isms_risk_status_lookup("Openly discussed"), ISMS_RISK_STATUS_UNKNOWN);
	ck_assert_int_eq(isms_risk_status_lookup(NULL), ISMS_RISK_STATUS_NONE);
}
END_TEST

/* Header words replaced from configuration are taken from other columns. */
START_TEST(configured_header_words_move_between_columns)
{
	static const char text[] = "| Code | Risk owner | Owner | Score |\n|---|---|---|---|\n"
	                           "| K-1 | Ann | Bo | 4 |\n";
	isms_risk_dialect d;
	isms_risk_register *reg = NULL;
	GPtrArray *words = g_ptr_array_new();
	const isms_risk_table *t;

	isms_risk_dialect_init(&d);
	g_ptr_array_add(words, "Code");
	ck_assert_int_eq(isms_risk_dialect_set_columns(&d, ISMS_RISK_COL_ID, words), 0);
	g_ptr_array_set_size(words, 0);
	g_ptr_array_add(words, "Owner");
	ck_assert_int_eq(isms_risk_dialect_set_columns(&d, ISMS_RISK_COL_APPROVER, words), 0);
	g_ptr_array_set_size(words, 0);
	ck_assert_int_eq(isms_risk_dialect_set_columns(&d, ISMS_RISK_COL_DUE, words), -1);
	ck_assert_int_eq(isms_risk_parse(text, strlen(text), 1, 0, &d, &reg), 0);
	ck_assert_uint_eq(reg->tables->len, 1);
	t = g_ptr_array_index(reg->tables, 0);
	ck_assert_int_eq(t->column[ISMS_RISK_COL_OWNER], 1);
	ck_assert_int_eq(t->column[ISMS_RISK_COL_APPROVER], 2);
	ck_assert_str_eq(isms_risk_find(reg, "K-1")->cell[ISMS_RISK_COL_APPROVER], "Bo");
	isms_risk_register_free(reg);
	/* only a document whose text mentions an id word is handed to cmark-gfm */
	{
		int has = 1;
		ck_assert_int_eq(isms_risk_has_table(text, strlen(text), 1, 0, NULL, &has), 0);
		ck_assert(!has); /* "Code" is no id word by default */
		ck_assert_int_eq(isms_risk_has_table(text, strlen(text), 1, 0, &d, &has), 0);
		ck_assert(has);
	}
	g_ptr_array_free(words, TRUE);
	isms_risk_dialect_dispose(&d);
}
END_TEST

/* The README's risk column table is the column table: one row per column
 * with its words in order; the documentation of `risk_columns` names the
 * columns. */
START_TEST(the_risk_column_words_documented_are_the_column_table)
{
	char *path = g_build_filename(g_getenv("ISMS_SRCDIR") ? g_getenv("ISMS_SRCDIR") : ".",
	                              "README.md", NULL);
	char *text = NULL, *start, **rows;
	GString *names = g_string_new("Columns are ");
	int c = 0;

	ck_assert(g_file_get_contents(path, &text, NULL, NULL));
	start = strstr(text, "| risk column | header words |\n|---|---|\n");
	ck_assert_ptr_nonnull(start);
	rows = g_strsplit(strchr(strchr(start, '\n') + 1, '\n') + 1, "\n", -1);
	for (char **r = rows; g_str_has_prefix(*r, "| `"); r++, c++) {
		const char *const *words;
		GString *want = g_string_new(NULL);
		ck_assert_int_lt(c, ISMS_RISK_COL_COUNT);
		words = isms_risk_column_synonyms((isms_risk_column)c);
		g_string_printf(want, "| `%s` | %s", isms_risk_column_name((isms_risk_column)c),
		                words[0]);
		for (const char *const *w = words + 1; *w; w++)
			g_string_append_printf(want, ", %s", *w);
		g_string_append(want, " |");
		ck_assert_str_eq(*r, want->str);
		g_string_free(want, TRUE);
	}
	ck_assert_int_eq(c, ISMS_RISK_COL_COUNT);
	for (c = 0; c < ISMS_RISK_COL_COUNT; c++) {
		if (c > 0)
			g_string_append(names, c + 1 < ISMS_RISK_COL_COUNT ? ", " : " and ");
		g_string_append(names, isms_risk_column_name((isms_risk_column)c));
	}
	g_string_append_c(names, '.');
	ck_assert_ptr_nonnull(
	    strstr(isms_config_key_find("risk_columns")->description, names->str));
	g_string_free(names, TRUE);
	g_strfreev(rows);
	g_free(text);
	g_free(path);
}
END_TEST

Suite *risk_suite(void)
{
	Suite *s = suite_create("risk");
	TCase *tc = tcase_create("risk");

	tcase_add_test(tc, risk_tables_are_found_by_their_columns);
	tcase_add_test(tc, cells_are_read_as_numbers_words_and_dates);
	tcase_add_test(tc, dates_read_in_the_configured_order);
	tcase_add_test(tc, levels_follow_the_scale);
	tcase_add_test(tc, configured_header_words_move_between_columns);
	tcase_add_test(tc, the_risk_column_words_documented_are_the_column_table);
	suite_add_tcase(s, tc);
	return s;
}
