#include <string.h>

#include "isms/register.h"
#include "testutil.h"

static const char body[] =
    "# Register\n"                                                                  /* 5 */
    "\n"
    "| Owner | Due |\n"                                                             /* 7: not a register table */
    "|---|---|\n"
    "| Ann | 2025-01-01 |\n"
    "\n"
    "| **Ref** 🔖 | Date raised | Root-cause analysis | Corrective action | Action owner "
    "| Target date | State ✅ | Completion date | Verification |\n"                    /* 11 */
    "|---|---|---|---|---|---|---|---|---|\n"
    "| NC-1 | 2025-01-10 | No test | Test restores | Ann | 2025-03-01 | **Closed** | 2025-02-20 "
    "| Restore worked |\n"                                                          /* 13 */
    "| NC-2 | 10/01/2025 | — | TBD | n/a | 2025-13-01 | Parked | - | |\n"           /* 14 */
    "| | 2025-01-01 | x | y | z | 2025-01-01 | Open | | |\n"                        /* 15: no id */
    "\n"
    "| ID | Status | Approved by |\n"                                              /* 17 */
    "|---|---|---|\n"
    "| RA-1 | Risk accepted | CEO |\n"                                              /* 19 */
    "| OFI-2 | in progress | |\n";                                                  /* 20 */

START_TEST(register_tables_are_found_by_their_columns)
{
	isms_register *reg = isms_register_parse(body, strlen(body), 5);
	const isms_reg_table *t;
	const isms_reg_item *it;
	char d[ISMS_DATE_BUFSIZE];

	ck_assert_uint_eq(reg->tables->len, 2);
	ck_assert_int_eq(reg->other_tables, 1);
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
	ck_assert_str_eq(g_ptr_array_index(it->problems, 0), "status 'Parked' is not a known status word");
	ck_assert_str_eq(g_ptr_array_index(it->problems, 1), "raised '10/01/2025' is not a date (YYYY-MM-DD)");
	ck_assert_str_eq(g_ptr_array_index(it->problems, 2), "due '2025-13-01' is not a date (YYYY-MM-DD)");

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

START_TEST(status_words_map_to_states)
{
	ck_assert_int_eq(isms_status_state("In Progress"), ISMS_STATE_OPEN);
	ck_assert_int_eq(isms_status_state("🟢 Done"), ISMS_STATE_CLOSED);
	ck_assert_int_eq(isms_status_state("Verified"), ISMS_STATE_CLOSED);
	ck_assert_int_eq(isms_status_state("risk-accepted"), ISMS_STATE_ACCEPTED);
	ck_assert_int_eq(isms_status_state("Cancelled"), ISMS_STATE_WITHDRAWN);
	ck_assert_int_eq(isms_status_state("maybe"), ISMS_STATE_UNKNOWN);
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
	tcase_add_test(tc, status_words_map_to_states);
	suite_add_tcase(s, tc);
	return s;
}
