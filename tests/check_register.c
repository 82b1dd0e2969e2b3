#include <string.h>

#include "isms/audit.h"
#include "isms/register.h"
#include "testutil.h"

static const char body[] =
    "# Register\n" /* 5 */
    "\n"
    "| Owner | Due |\n" /* 7: not a register table */
    "|---|---|\n"
    "| Ann | 2025-01-01 |\n"
    "\n"
    "| **Ref** 🔖 | Date raised | Root-cause analysis | Corrective action | Action owner "
    "| Target date | State ✅ | Completion date | Verification |\n" /* 11 */
    "|---|---|---|---|---|---|---|---|---|\n"
    "| NC-1 | 2025-01-10 | No test | Test restores | Ann | 2025-03-01 | **Closed** | 2025-02-20 "
    "| Restore worked |\n"                                                /* 13 */
    "| NC-2 | 10/01/2025 | — | TBD | n/a | 2025-13-01 | Parked | - | |\n" /* 14 */
    "| | 2025-01-01 | x | y | z | 2025-01-01 | Open | | |\n"              /* 15: no id */
    "\n"
    "| ID | Status | Approved by |\n" /* 17 */
    "|---|---|---|\n"
    "| RA-1 | Risk accepted | CEO |\n" /* 19 */
    "| OFI-2 | in progress | |\n";     /* 20 */

START_TEST(register_tables_are_found_by_their_columns)
{
	isms_register *reg = isms_register_parse(body, strlen(body), 5, NULL);
	const isms_reg_table *t;
	const isms_reg_item *it;
	char d[ISMS_DATE_BUFSIZE];

	ck_assert_uint_eq(reg->tables->len, 2);
	ck_assert_uint_eq(reg->others->len, 1);
	ck_assert_int_eq(g_array_index(reg->others, isms_reg_other, 0).line, 7);
	ck_assert_int_eq(g_array_index(reg->others, isms_reg_other, 0).has_id, 0);
	ck_assert_uint_eq(reg->idless->len, 1);
	ck_assert_int_eq(g_array_index(reg->idless, isms_reg_other, 0).line, 15);
	t = g_ptr_array_index(reg->tables, 0);
	ck_assert_int_eq(t->line, 11);
	ck_assert_int_eq(t->column[ISMS_COL_ID], 0);
	ck_assert_int_eq(t->column[ISMS_COL_ROOT_CAUSE], 2);
	ck_assert_int_eq(t->column[ISMS_COL_OWNER], 4);
	ck_assert_int_eq(t->column[ISMS_COL_STATUS], 6);
	ck_assert_int_eq(t->column[ISMS_COL_EFFECTIVENESS], 8);
	ck_assert_int_eq(t->column[ISMS_COL_SOURCE], -1);
	ck_assert(t->can_close);
	t = g_ptr_array_index(reg->tables, 1);
	ck_assert_int_eq(t->column[ISMS_COL_APPROVER], 2);
	ck_assert(!t->can_close);

	ck_assert_uint_eq(reg->items->len, 4); /* the row without an id is no item */
	it = isms_register_item(reg, "NC-1");
	ck_assert_int_eq(it->line, 13);
	ck_assert_int_eq(it->state, ISMS_STATE_CLOSED);
	ck_assert(it->has_closed);
	ck_assert_str_eq(isms_date_format(it->closed, d), "2025-02-20");
	ck_assert_str_eq(it->cell[ISMS_COL_EFFECTIVENESS], "Restore worked");
	ck_assert_uint_eq(it->problems->len, 0);

	it = isms_register_item(reg, "NC-2");
	ck_assert_int_eq(it->state, ISMS_STATE_UNKNOWN);
	ck_assert_ptr_null(it->cell[ISMS_COL_ROOT_CAUSE]);
	ck_assert_ptr_null(it->cell[ISMS_COL_ACTION]);
	ck_assert_ptr_null(it->cell[ISMS_COL_OWNER]);
	ck_assert_ptr_null(it->cell[ISMS_COL_CLOSED]);
	ck_assert_uint_eq(it->problems->len, 3);
	ck_assert_str_eq(g_ptr_array_index(it->problems, 0),
	                 "status 'Parked' is not a known status word");
	ck_assert_str_eq(
	    g_ptr_array_index(it->problems, 1),
	    "raised '10/01/2025' reads as 2025-01-10 (day first) or 2025-10-01 (month "
	    "first): write YYYY-MM-DD, or set date_order: dmy or mdy in .isms-audit.yml");
	ck_assert_str_eq(g_ptr_array_index(it->problems, 2),
	                 "due '2025-13-01' is not a date (YYYY-MM-DD)");

	it = isms_register_item(reg, "RA-1");
	ck_assert_int_eq(it->state, ISMS_STATE_ACCEPTED);
	ck_assert_str_eq(it->cell[ISMS_COL_APPROVER], "CEO");
	ck_assert_int_eq(it->table, 1);
	it = isms_register_item(reg, "OFI-2");
	ck_assert_int_eq(it->state, ISMS_STATE_OPEN);
	ck_assert_int_eq(it->line, 20);
	isms_register_free(reg);
}
END_TEST

/* The incremental reader must give exactly what a full parse gives. */
static void assert_same_register(const isms_register *x, const isms_register *y)
{
	ck_assert_uint_eq(x->tables->len, y->tables->len);
	for (guint t = 0; t < x->tables->len; t++) {
		const isms_reg_table *a = g_ptr_array_index(x->tables, t),
		                     *b = g_ptr_array_index(y->tables, t);
		ck_assert_int_eq(a->line, b->line);
		ck_assert_int_eq(a->end, b->end);
		ck_assert_int_eq(a->can_close, b->can_close);
		ck_assert_int_eq(a->has_open, b->has_open);
	}
	ck_assert_uint_eq(x->others->len, y->others->len);
	for (guint i = 0; i < x->others->len; i++)
		ck_assert_int_eq(g_array_index(x->others, isms_reg_other, i).line,
		                 g_array_index(y->others, isms_reg_other, i).line);
	ck_assert_uint_eq(x->idless->len, y->idless->len);
	for (guint i = 0; i < x->idless->len; i++)
		ck_assert_int_eq(g_array_index(x->idless, isms_reg_other, i).line,
		                 g_array_index(y->idless, isms_reg_other, i).line);
	ck_assert_int_eq(x->rows, y->rows);
	ck_assert_uint_eq(x->items->len, y->items->len);
	for (guint i = 0; i < x->items->len; i++) {
		const isms_reg_item *a = g_ptr_array_index(x->items, i),
		                    *b = g_ptr_array_index(y->items, i);
		ck_assert_str_eq(a->id, b->id);
		ck_assert_int_eq(a->line, b->line);
		ck_assert_int_eq(a->table, b->table);
		ck_assert_int_eq(a->state, b->state);
		for (int c = 0; c < ISMS_COL_COUNT; c++)
			ck_assert_str_eq(a->cell[c] ? a->cell[c] : "(none)",
			                 b->cell[c] ? b->cell[c] : "(none)");
		ck_assert_int_eq(a->has_raised, b->has_raised);
		ck_assert_int_eq(a->has_due, b->has_due);
		ck_assert_int_eq(a->has_closed, b->has_closed);
		ck_assert_int_eq(a->has_raised ? a->raised : 0, b->has_raised ? b->raised : 0);
		ck_assert_int_eq(a->has_due ? a->due : 0, b->has_due ? b->due : 0);
		ck_assert_int_eq(a->has_closed ? a->closed : 0, b->has_closed ? b->closed : 0);
		ck_assert_uint_eq(a->problems->len, b->problems->len);
		for (guint p = 0; p < a->problems->len; p++)
			ck_assert_str_eq(g_ptr_array_index(a->problems, p),
			                 g_ptr_array_index(b->problems, p));
	}
}

static const char v1[] = "# R\n" /* 1 */
                         "\n"
                         "| ID | Status | Due |\n" /* 3 */
                         "|---|---|---|\n"
                         "| A | Open | 2025-01-01 |\n" /* 5 */
                         "| B | Open | 2025-02-01 |\n"
                         "| C | Open | 2025-03-01 |\n" /* 7 */
                         "\n"
                         "| Status | Meaning |\n" /* 9: not a register table */
                         "|---|---|\n"
                         "| Open | to do |\n"
                         "\n"
                         "| Ref | State |\n" /* 13 */
                         "|---|---|\n"
                         "| X | Open |\n"; /* 15 */

/* Apply one edit to v1 with update() and compare with a full parse; NULL
 * expected means the edit must fall back to a full parse. */
static void check_hunks(const char *v2, const isms_line_hunk *h, size_t n, int expect_update)
{
	isms_register *prev = isms_register_parse(v1, strlen(v1), 1, NULL);
	isms_register *full = isms_register_parse(v2, strlen(v2), 1, NULL);
	isms_register *upd = isms_register_update(prev, v2, strlen(v2), h, n, NULL);

	if (!expect_update) {
		ck_assert_ptr_null(upd);
	} else {
		ck_assert_ptr_nonnull(upd);
		isms_register_free(prev); /* shared rows outlive the previous version */
		prev = NULL;
		assert_same_register(upd, full);
	}
	isms_register_free(upd);
	isms_register_free(prev);
	isms_register_free(full);
}

static void check_update(const char *v2, isms_line_hunk h, int expect_update)
{
	check_hunks(v2, &h, 1, expect_update);
}

static char *edit(int from, int count, const char *insert)
{
	gchar **lines = g_strsplit(v1, "\n", -1);
	GString *s = g_string_new(NULL);

	for (int i = 0; lines[i] && lines[i + 1]; i++) {
		if (i + 1 == from && insert)
			g_string_append(s, insert);
		if (i + 1 >= from && i + 1 < from + count)
			continue;
		g_string_append_printf(s, "%s\n", lines[i]);
	}
	if (from > (int)g_strv_length(lines) - 1 && insert)
		g_string_append(s, insert);
	g_strfreev(lines);
	return g_string_free(s, FALSE);
}

START_TEST(changed_rows_are_read_alone)
{
	char *v2;

	/* a status changes in the middle row */
	v2 = edit(6, 1, "| B | Closed | 2025-02-01 |\n");
	check_update(v2, (isms_line_hunk){6, 1, 6, 1}, 1);
	g_free(v2);
	/* a row is added after the last one of the first table: later lines move */
	v2 = edit(8, 0, "| D | In progress | 2025-04-01 |\n");
	check_update(v2, (isms_line_hunk){7, 0, 8, 1}, 1);
	g_free(v2);
	/* a row is deleted, and one replaced by two (one without an id) */
	v2 = edit(5, 1, NULL);
	check_update(v2, (isms_line_hunk){5, 1, 4, 0}, 1);
	g_free(v2);
	v2 = edit(15, 1, "| X | Done |\n|  | Open |\n");
	check_update(v2, (isms_line_hunk){15, 1, 15, 2}, 1);
	g_free(v2);
	/* a blank line splits the table: read the whole body again */
	v2 = edit(6, 1, "\n");
	check_update(v2, (isms_line_hunk){6, 1, 6, 1}, 0);
	g_free(v2);
	/* the header, the text and the legend table are not rows */
	v2 = edit(3, 1, "| ID | State | Due |\n");
	check_update(v2, (isms_line_hunk){3, 1, 3, 1}, 0);
	g_free(v2);
	v2 = edit(11, 1, "| Closed | done |\n");
	check_update(v2, (isms_line_hunk){11, 1, 11, 1}, 0);
	g_free(v2);
	/* a reference definition anywhere could change a cell */
	char *row = edit(6, 1, "| B | [Closed][c] | 2025-02-01 |\n");
	v2 = g_strconcat(row, "\n[c]: https://example.com\n", NULL);
	check_update(v2, (isms_line_hunk){6, 1, 6, 1}, 0);
	g_free(row);
	g_free(v2);
}
END_TEST

/* Hunks after the first one of a table: its header has not moved, whatever
 * the earlier hunks of the same table added or deleted. */
START_TEST(several_hunks_of_one_table_are_read_alone)
{
	static const char deleted_then_changed[] =
	    "# R\n\n| ID | Status | Due |\n|---|---|---|\n"
	    "| B | Open | 2025-02-01 |\n"
	    "| C | Closed | 2025-03-01 |\n"
	    "\n| Status | Meaning |\n|---|---|\n| Open | to do |\n"
	    "\n| Ref | State |\n|---|---|\n| X | Open |\n";
	static const char added_then_changed[] =
	    "# R\n\n| ID | Status | Due |\n|---|---|---|\n"
	    "| A0 | Open | 2024-12-01 |\n"
	    "| A1 | Open | 2024-12-02 |\n"
	    "| A | Open | 2025-01-01 |\n"
	    "| B | Open | 2025-02-01 |\n"
	    "| C | Closed | 2025-03-01 |\n"
	    "\n| Status | Meaning |\n|---|---|\n| Open | to do |\n"
	    "\n| Ref | State |\n|---|---|\n| X | Done |\n";
	const isms_line_hunk h1[] = {{5, 1, 4, 0}, {7, 1, 6, 1}};
	const isms_line_hunk h2[] = {{4, 0, 5, 2}, {7, 1, 9, 1}, {15, 1, 17, 1}};

	check_hunks(deleted_then_changed, h1, G_N_ELEMENTS(h1), 1);
	check_hunks(added_then_changed, h2, G_N_ELEMENTS(h2), 1);
}
END_TEST

/* A table's header cells, mapped; the columns not listed must be -1. */
static int map_header(const char *const *cells, int *column)
{
	GPtrArray *header = g_ptr_array_new();
	int is_table;

	for (; *cells; cells++)
		g_ptr_array_add(header, (gpointer)*cells);
	is_table = isms_register_map_header(NULL, header, column);
	g_ptr_array_free(header, TRUE);
	return is_table;
}

static void expect_columns(const int *column, const int *want)
{
	for (int c = 0; c < ISMS_COL_COUNT; c++)
		ck_assert_msg(column[c] == want[c], "column %s is cell %d, not %d",
		              isms_column_name((isms_column)c), column[c], want[c]);
}

#define NO_COLUMNS                                                                                 \
	{                                                                                          \
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1                                     \
	}

START_TEST(header_cells_name_columns_by_the_most_specific_match)
{
	/* the CAPA list of the open QMS template: no Status, Owner or Due */
	static const char *const capa[] = {"Input Category",
	                                   "CAPA ID",
	                                   "Date Created",
	                                   "CAPA Description",
	                                   "Root Cause",
	                                   "Date Root Cause Analysis Completed",
	                                   "Action (Corrective / Preventive)",
	                                   "Date Actions Defined",
	                                   "Potentially Adverse Implications",
	                                   "Verification",
	                                   "Date of Verification",
	                                   "Effectiveness Evaluation",
	                                   "Date Closed",
	                                   NULL};
	static const char *const words[] = {"Ref No",          "Issue",       "Action owner",
	                                    "Action due date", "Action plan", "Verification date",
	                                    "**Status** ✅",    NULL};
	static const char *const notes[] = {"**Issue #**",      "Issue",     "Owner (name)",
	                                    "Due (YYYY-MM-DD)", "Closed by", "Completed",
	                                    "Process owner",    NULL};
	static const char *const exact_id[] = {"NC ID", "ID", "Action ID", "Status", NULL};
	static const char *const modifiers[] = {"Risk ID",
	                                        "Verification",
	                                        "Effectiveness",
	                                        "Description of the finding",
	                                        "Raised by",
	                                        "Date opened",
	                                        NULL};
	int column[ISMS_COL_COUNT];

	{
		int want[ISMS_COL_COUNT] = NO_COLUMNS;
		want[ISMS_COL_SOURCE] = 0;
		want[ISMS_COL_ID] = 1;
		want[ISMS_COL_RAISED] = 2;
		want[ISMS_COL_DESCRIPTION] = 3;
		want[ISMS_COL_ROOT_CAUSE] = 4;
		want[ISMS_COL_ACTION] = 6;
		want[ISMS_COL_EFFECTIVENESS] = 11;
		want[ISMS_COL_CLOSED] = 12;
		ck_assert(map_header(capa, column)); /* an ID and a Closed column */
		expect_columns(column, want);
	}
	{
		/* a header word is its column's alone; a date is no text column */
		int want[ISMS_COL_COUNT] = NO_COLUMNS;
		want[ISMS_COL_ID] = 0;
		want[ISMS_COL_DESCRIPTION] = 1;
		want[ISMS_COL_OWNER] = 2;
		want[ISMS_COL_ACTION] = 4;
		want[ISMS_COL_STATUS] = 6;
		ck_assert(map_header(words, column));
		expect_columns(column, want);
	}
	{
		/* notes in parentheses; `#` makes an id; "Closed by" is no date */
		int want[ISMS_COL_COUNT] = NO_COLUMNS;
		want[ISMS_COL_ID] = 0;
		want[ISMS_COL_DESCRIPTION] = 1;
		want[ISMS_COL_OWNER] = 2;
		want[ISMS_COL_DUE] = 3;
		want[ISMS_COL_CLOSED] = 5;
		ck_assert(map_header(notes, column));
		expect_columns(column, want);
	}
	{
		/* the id word alone before one with a prefix; "Action ID" is no action */
		int want[ISMS_COL_COUNT] = NO_COLUMNS;
		want[ISMS_COL_ID] = 1;
		want[ISMS_COL_STATUS] = 3;
		ck_assert(map_header(exact_id, column));
		expect_columns(column, want);
	}
	{
		/* the earlier header word wins; no Status or Closed: no table */
		int want[ISMS_COL_COUNT] = NO_COLUMNS;
		want[ISMS_COL_ID] = 0;
		want[ISMS_COL_EFFECTIVENESS] = 2;
		want[ISMS_COL_DESCRIPTION] = 3;
		want[ISMS_COL_RAISED] = 5;
		ck_assert(!map_header(modifiers, column));
		expect_columns(column, want);
	}

	/* which id columns name issues or actions, for init */
	static const char *const items[] = {"CAPA ID",    "NC ID",  "Issue #", "Finding ID",
	                                    "Action ID",  "Ref No", "ID",      "**No.**",
	                                    "NCR Number", NULL};
	static const char *const others[] = {"Risk ID", "Control ID", "Asset No", "Supplier #",
	                                     NULL};
	for (const char *const *h = items; *h; h++)
		ck_assert_msg(isms_register_header_names_items(NULL, *h), "%s names items", *h);
	for (const char *const *h = others; *h; h++)
		ck_assert_msg(!isms_register_header_names_items(NULL, *h), "%s names no items", *h);
}
END_TEST

/* Dates as typed, in each date order of the dialect. */
START_TEST(dates_are_read_as_typed_in_the_date_order)
{
	static const char doc[] = "| ID | Status | Raised |\n|---|---|---|\n"
	                          "| A | Open | 03/04/2025 |\n"     /* 3 */
	                          "| B | Open | 25/01/2026 |\n"     /* 4 */
	                          "| C | Open | 05.05.2026 |\n"     /* 5 */
	                          "| D | Open | 1 January 2022 |\n" /* 6 */
	                          "| E | Open | Jan 1, 2022 |\n"    /* 7 */
	                          "| F | Open | 31-12-2025 |\n"     /* 8 */
	                          "| G | Open | 2025/12/31 |\n"     /* 9 */
	                          "| H | Open | 12/25/2025 |\n";    /* 10 */
	static const struct {
		isms_date_order order;
		const char *days; /* A to H, "-" for no date */
	} orders[] = {
	    {ISMS_DATE_ORDER_NONE, "- 2026-01-25 2026-05-05 2022-01-01 2022-01-01 2025-12-31 "
	                           "2025-12-31 2025-12-25"},
	    {ISMS_DATE_ORDER_DMY, "2025-04-03 2026-01-25 2026-05-05 2022-01-01 2022-01-01 "
	                          "2025-12-31 2025-12-31 -"},
	    {ISMS_DATE_ORDER_MDY, "2025-03-04 - 2026-05-05 2022-01-01 2022-01-01 - 2025-12-31 "
	                          "2025-12-25"},
	};
	isms_register_dialect d;
	char buf[ISMS_DATE_BUFSIZE];

	for (size_t o = 0; o < G_N_ELEMENTS(orders); o++) {
		GString *days = g_string_new(NULL);
		isms_register_dialect_init(&d);
		d.date_order = orders[o].order;
		isms_register *reg = isms_register_parse(doc, strlen(doc), 1, &d);
		ck_assert_uint_eq(reg->items->len, 8);
		for (guint i = 0; i < reg->items->len; i++) {
			const isms_reg_item *it = g_ptr_array_index(reg->items, i);
			g_string_append_printf(days, "%s%s", i ? " " : "",
			                       it->has_raised ? isms_date_format(it->raised, buf)
			                                      : "-");
			ck_assert_uint_eq(it->problems->len, it->has_raised ? 0 : 1);
		}
		ck_assert_str_eq(days->str, orders[o].days);
		if (orders[o].order == ISMS_DATE_ORDER_NONE)
			ck_assert_str_eq(
			    g_ptr_array_index(isms_register_item(reg, "A")->problems, 0),
			    "raised '03/04/2025' reads as 2025-04-03 (day first) or "
			    "2025-03-04 (month first): write YYYY-MM-DD, or set "
			    "date_order: dmy or mdy in .isms-audit.yml");
		if (orders[o].order == ISMS_DATE_ORDER_MDY)
			ck_assert_str_eq(
			    g_ptr_array_index(isms_register_item(reg, "B")->problems, 0),
			    "raised '25/01/2026' is not a date (YYYY-MM-DD)");
		isms_register_free(reg);
		isms_register_dialect_dispose(&d);
		g_string_free(days, TRUE);
	}
}
END_TEST

/* A table without a Status column: closed by its closed date; with one,
 * an open status beside a closed date is a problem. Edited as the replay
 * sees it (git's line diff), the changed rows read alone give what a full
 * parse gives, in every date order. */
START_TEST(tables_without_status_are_read_by_their_closed_dates)
{
	static const char before[] =
	    "# Log\n\n"
	    "| NC ID | Date raised | Owner | Due date | Date closed |\n|---|---|---|---|---|\n"
	    "| NC-1 | 03/04/2025 | Ann | 30/06/2025 | |\n"
	    "| NC-2 | 05/05/2025 | Bob | 1 June 2026 | TBD |\n"
	    "\n| Issue # | Status | Closed |\n|---|---|---|\n"
	    "| ISS-1 | Open | |\n"
	    "| ISS-2 | Closed | |\n";
	static const char after[] =
	    "# Log\n\n"
	    "| NC ID | Date raised | Owner | Due date | Date closed |\n|---|---|---|---|---|\n"
	    "| NC-1 | 03/04/2025 | Ann | 30/06/2025 | 20.06.2025 |\n"
	    "| NC-2 | 05/05/2025 | Bob | 1 June 2026 | TBD |\n"
	    "| NC-3 | Jan 1, 2026 | Bob | 28/02/2026 | done |\n"
	    "\n| Issue # | Status | Closed |\n|---|---|---|\n"
	    "| ISS-1 | In progress | 2026-01-13 |\n"
	    "| ISS-2 | Closed | |\n";
	static const isms_date_order orders[] = {ISMS_DATE_ORDER_NONE, ISMS_DATE_ORDER_DMY,
	                                         ISMS_DATE_ORDER_MDY};
	isms_register_dialect d;

	for (size_t o = 0; o < G_N_ELEMENTS(orders); o++) {
		GArray *hunks = g_array_new(FALSE, FALSE, sizeof(isms_line_hunk));
		isms_register_dialect_init(&d);
		d.date_order = orders[o];
		isms_register *prev = isms_register_parse(before, strlen(before), 1, &d);
		isms_register *full = isms_register_parse(after, strlen(after), 1, &d);
		const isms_reg_table *t = g_ptr_array_index(full->tables, 0);
		const isms_reg_item *it;
		isms_line_diff(before, strlen(before), after, strlen(after), hunks);
		isms_register *upd = isms_register_update(
		    prev, after, strlen(after), (const isms_line_hunk *)(void *)hunks->data,
		    hunks->len, &d);
		ck_assert_ptr_nonnull(upd);
		isms_register_free(prev);
		assert_same_register(upd, full);

		ck_assert_uint_eq(full->tables->len, 2);
		ck_assert_int_eq(t->column[ISMS_COL_STATUS], -1);
		ck_assert_int_eq(t->column[ISMS_COL_CLOSED], 4);
		ck_assert(t->can_close && t->has_open);
		ck_assert_int_eq(isms_register_item(full, "NC-1")->state, ISMS_STATE_CLOSED);
		ck_assert_int_eq(isms_register_item(full, "NC-2")->state,
		                 ISMS_STATE_OPEN);     /* TBD */
		it = isms_register_item(full, "NC-3"); /* closed, though `done` is no date */
		ck_assert_int_eq(it->state, ISMS_STATE_CLOSED);
		ck_assert(!it->has_closed);
		ck_assert_str_eq(g_ptr_array_index(it->problems, it->problems->len - 1),
		                 "closed 'done' is not a date (YYYY-MM-DD)");
		it = isms_register_item(full, "ISS-1");
		ck_assert_int_eq(it->state, ISMS_STATE_OPEN);
		ck_assert_uint_eq(it->problems->len, 1);
		ck_assert_str_eq(g_ptr_array_index(it->problems, 0),
		                 "status 'In progress' says open but closed '2026-01-13' is filled "
		                 "in: close the item, or clear its closed date");
		/* a closed status without its date is ACT-CLOSED-NO-DATE's */
		ck_assert_uint_eq(isms_register_item(full, "ISS-2")->problems->len, 0);
		isms_register_free(upd);
		isms_register_free(full);
		isms_register_dialect_dispose(&d);
		g_array_free(hunks, TRUE);
	}
}
END_TEST

START_TEST(status_words_map_to_states)
{
	ck_assert_int_eq(isms_status_state(NULL, "In Progress"), ISMS_STATE_OPEN);
	ck_assert_int_eq(isms_status_state(NULL, "🟢 Done"), ISMS_STATE_CLOSED);
	ck_assert_int_eq(isms_status_state(NULL, "Verified"), ISMS_STATE_CLOSED);
	ck_assert_int_eq(isms_status_state(NULL, "risk-accepted"), ISMS_STATE_ACCEPTED);
	ck_assert_int_eq(isms_status_state(NULL, "Cancelled"), ISMS_STATE_WITHDRAWN);
	ck_assert_int_eq(isms_status_state(NULL, "maybe"), ISMS_STATE_UNKNOWN);
	ck_assert(isms_cell_missing(" — "));
	ck_assert(isms_cell_missing("N/A"));
	ck_assert(isms_cell_missing("TBD"));
	ck_assert(!isms_cell_missing("0"));
	ck_assert_str_eq(isms_column_name(ISMS_COL_ROOT_CAUSE), "root_cause");
	ck_assert_str_eq(isms_state_name(ISMS_STATE_WITHDRAWN), "withdrawn");
}
END_TEST

Suite *register_suite(void)
{
	Suite *s = suite_create("register");
	TCase *tc = tcase_create("register");

	tcase_add_test(tc, register_tables_are_found_by_their_columns);
	tcase_add_test(tc, changed_rows_are_read_alone);
	tcase_add_test(tc, several_hunks_of_one_table_are_read_alone);
	tcase_add_test(tc, status_words_map_to_states);
	tcase_add_test(tc, header_cells_name_columns_by_the_most_specific_match);
	tcase_add_test(tc, dates_are_read_as_typed_in_the_date_order);
	tcase_add_test(tc, tables_without_status_are_read_by_their_closed_dates);
	suite_add_tcase(s, tc);
	return s;
}

static const isms_item_history *item_history(const isms_register_model *m, const char *id)
{
	for (guint i = 0; i < m->items->len; i++) {
		const isms_item_history *h = g_ptr_array_index(m->items, i);
		if (strcmp(h->id, id) == 0)
			return h;
	}
	ck_abort_msg("no item %s", id);
	return NULL;
}

static const isms_transition *nth(const isms_item_history *h, guint k)
{
	ck_assert_uint_gt(h->transitions->len, k);
	return &g_array_index(h->transitions, isms_transition, k);
}

START_TEST(replay_follows_items_through_history)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/register-history", "2025-06-15", &fs);
	const isms_register_model *m;
	const isms_item_history *h;

	ck_assert_uint_eq(a->registers->len, 2); /* by path: archive.md, register.md */
	m = g_ptr_array_index(a->registers, 1);
	ck_assert_str_eq(m->doc->path, "register.md");
	ck_assert_uint_eq(m->items->len, 5);
	ck_assert_uint_eq(m->versions, 4);

	h = item_history(m, "NC-1");
	ck_assert_int_eq(h->due_changes, 2);
	ck_assert_str_eq(h->item->cell[ISMS_COL_DUE], "2025-06-01");
	ck_assert_uint_eq(h->transitions->len, 1);
	ck_assert_uint_eq(h->removed, ISMS_NO_COMMIT);
	ck_assert_int_eq(h->item->line,
	                 10); /* 5 lines of front matter, heading, blank, header, rule */

	h = item_history(m, "NC-2");
	ck_assert_uint_eq(h->transitions->len, 3);
	ck_assert_int_eq(nth(h, 1)->from, ISMS_STATE_OPEN);
	ck_assert_int_eq(nth(h, 1)->to, ISMS_STATE_CLOSED);
	ck_assert_str_eq(commit_date(a, nth(h, 1)->commit), "2025-02-15");
	ck_assert_int_eq(nth(h, 2)->to, ISMS_STATE_OPEN);
	ck_assert_str_eq(commit_date(a, nth(h, 2)->commit), "2025-04-10");
	ck_assert_str_eq(commit_date(a, h->closed_seen), "2025-02-15");
	ck_assert_int_eq(h->due_changes, 1);

	h = item_history(m, "NC-3");
	ck_assert_str_eq(commit_date(a, h->first_seen), "2025-04-10");
	ck_assert_str_eq(commit_date(a, h->removed), "2025-05-01");
	ck_assert_int_eq(h->state_when_removed, ISMS_STATE_OPEN);
	ck_assert_uint_eq(h->closed_seen, ISMS_NO_COMMIT);
	/* what a removed item last said outlives the version it was in */
	ck_assert_ptr_eq(h->item, h->kept);
	ck_assert_str_eq(h->item->cell[ISMS_COL_OWNER], "Carol");

	h = item_history(m, "NC-5");
	ck_assert_str_eq(commit_date(a, h->removed), "2025-05-01");
	ck_assert_int_eq(h->state_when_removed, ISMS_STATE_CLOSED);
	ck_assert_str_eq(commit_date(a, h->closed_seen), "2025-01-10");
	audit_done(a, &fs);
}
END_TEST

/* The demo register's flow, checked against its fixture's story. */
START_TEST(replay_of_the_demo_register)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("demo", "2026-11-01", &fs);
	const isms_register_model *m = g_ptr_array_index(a->registers, 0);
	const isms_item_history *h;

	ck_assert_uint_eq(a->registers->len, 1);
	ck_assert_uint_eq(m->items->len, 19); /* 18 in the register, OFI-2024-003 deleted */
	ck_assert_uint_eq(m->versions, 34);
	h = item_history(m, "OFI-2024-003");
	ck_assert_str_eq(commit_date(a, h->first_seen), "2024-12-17");
	ck_assert_str_eq(commit_date(a, h->removed), "2025-04-01");
	ck_assert_int_eq(h->state_when_removed, ISMS_STATE_OPEN);
	h = item_history(m, "OFI-2024-001");
	ck_assert_str_eq(commit_date(a, h->closed_seen), "2024-10-10");
	ck_assert_str_eq(h->item->cell[ISMS_COL_CLOSED], "2024-05-10");
	h = item_history(m, "OFI-2025-003");
	ck_assert_int_eq(h->due_changes, 1);
	ck_assert_str_eq(commit_date(a, h->closed_seen), "2025-12-12");
	h = item_history(m, "NC-2025-003");
	ck_assert_int_eq(h->item->state, ISMS_STATE_ACCEPTED);
	h = item_history(m, "OFI-2026-001");
	ck_assert_int_eq(h->item->state, ISMS_STATE_OPEN);
	ck_assert_str_eq(h->item->cell[ISMS_COL_DUE], "2026-06-30");
	audit_done(a, &fs);
}
END_TEST

Suite *register_history_suite(void)
{
	Suite *s = suite_create("register_history");
	TCase *tc = tcase_create("register_history");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, replay_follows_items_through_history);
	tcase_add_test(tc, replay_of_the_demo_register);
	suite_add_tcase(s, tc);
	return s;
}
