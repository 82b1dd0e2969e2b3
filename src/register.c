#include "isms/register.h"

#include <string.h>

#include "isms/markdown.h"

static const char *const syn_id[] = {"ID", "Ref", "Reference", "No", "Number", NULL};
static const char *const syn_raised[] = {"Raised", "Date raised", "Opened", "Created", "Date", NULL};
static const char *const syn_source[] = {"Source", "Origin", "Raised from", NULL};
static const char *const syn_description[] = {"Description", "Issue", "Nonconformity", "Finding",
                                              "Title", NULL};
static const char *const syn_root_cause[] = {"Root cause", "Cause", "Root cause analysis", NULL};
static const char *const syn_action[] = {"Action", "Corrective action", "Improvement",
                                         "Action taken", NULL};
static const char *const syn_owner[] = {"Owner", "Responsible", "Assignee", "Action owner", NULL};
static const char *const syn_due[] = {"Due", "Due date", "Target date", "Target", NULL};
static const char *const syn_status[] = {"Status", "State", NULL};
static const char *const syn_closed[] = {"Closed", "Date closed", "Closed date", "Completed",
                                         "Completion date", NULL};
static const char *const syn_effectiveness[] = {"Effectiveness", "Effectiveness review",
                                                "Verification", "Verified", "Effective", NULL};
static const char *const syn_approver[] = {"Approver", "Approved by", "Approval", NULL};

static const struct {
	const char *name;
	const char *const *synonyms;
} columns[ISMS_COL_COUNT] = {
	[ISMS_COL_ID] = {"id", syn_id},
	[ISMS_COL_RAISED] = {"raised", syn_raised},
	[ISMS_COL_SOURCE] = {"source", syn_source},
	[ISMS_COL_DESCRIPTION] = {"description", syn_description},
	[ISMS_COL_ROOT_CAUSE] = {"root_cause", syn_root_cause},
	[ISMS_COL_ACTION] = {"action", syn_action},
	[ISMS_COL_OWNER] = {"owner", syn_owner},
	[ISMS_COL_DUE] = {"due", syn_due},
	[ISMS_COL_STATUS] = {"status", syn_status},
	[ISMS_COL_CLOSED] = {"closed", syn_closed},
	[ISMS_COL_EFFECTIVENESS] = {"effectiveness", syn_effectiveness},
	[ISMS_COL_APPROVER] = {"approver", syn_approver},
};

static const struct {
	const char *word;
	isms_item_state state;
} status_words[] = {
	{"open", ISMS_STATE_OPEN},          {"new", ISMS_STATE_OPEN},
	{"raised", ISMS_STATE_OPEN},        {"in progress", ISMS_STATE_OPEN},
	{"ongoing", ISMS_STATE_OPEN},       {"on hold", ISMS_STATE_OPEN},
	{"overdue", ISMS_STATE_OPEN},       {"closed", ISMS_STATE_CLOSED},
	{"done", ISMS_STATE_CLOSED},        {"complete", ISMS_STATE_CLOSED},
	{"completed", ISMS_STATE_CLOSED},   {"resolved", ISMS_STATE_CLOSED},
	{"verified", ISMS_STATE_CLOSED},    {"accepted", ISMS_STATE_ACCEPTED},
	{"risk accepted", ISMS_STATE_ACCEPTED}, {"withdrawn", ISMS_STATE_WITHDRAWN},
	{"cancelled", ISMS_STATE_WITHDRAWN}, {"canceled", ISMS_STATE_WITHDRAWN},
	{"duplicate", ISMS_STATE_WITHDRAWN}, {"rejected", ISMS_STATE_WITHDRAWN},
};

static const char *const state_names[] = {"open", "closed", "accepted", "withdrawn", "unknown"};

const char *isms_column_name(isms_column c)
{
	return columns[c].name;
}

const char *const *isms_column_synonyms(isms_column c)
{
	return columns[c].synonyms;
}

const char *isms_state_name(isms_item_state s)
{
	return state_names[s];
}

isms_item_state isms_status_state(const char *word)
{
	char *key = isms_md_header_key(word);
	isms_item_state s = ISMS_STATE_UNKNOWN;

	for (size_t i = 0; i < G_N_ELEMENTS(status_words); i++)
		if (strcmp(key, status_words[i].word) == 0) {
			s = status_words[i].state;
			break;
		}
	g_free(key);
	return s;
}

int isms_cell_missing(const char *text)
{
	static const char *const words[] = {"", "-", "--", "\xe2\x80\x94", "\xe2\x80\x93", "n/a",
	                                    "na", "tbd", "tbc", NULL};
	char *t = g_ascii_strdown(text, -1);
	int hit = 0;

	g_strstrip(t);
	for (int i = 0; !hit && words[i]; i++)
		hit = strcmp(t, words[i]) == 0;
	g_free(t);
	return hit;
}

/* Map a table's header cells to columns; -1 where a column is absent. */
static void map_columns(const GPtrArray *header, int *out)
{
	for (int c = 0; c < ISMS_COL_COUNT; c++)
		out[c] = -1;
	for (guint h = 0; h < header->len; h++) {
		char *key = isms_md_header_key(g_ptr_array_index(header, h));
		for (int c = 0; c < ISMS_COL_COUNT; c++) {
			if (out[c] >= 0)
				continue;
			for (const char *const *s = columns[c].synonyms; *s; s++) {
				char *sk = isms_md_header_key(*s);
				int hit = strcmp(key, sk) == 0;
				g_free(sk);
				if (hit) {
					out[c] = (int)h;
					goto next_header;
				}
			}
		}
	next_header:
		g_free(key);
	}
}

static void item_free(gpointer p)
{
	isms_reg_item *it = p;

	g_free(it->id);
	for (int c = 0; c < ISMS_COL_COUNT; c++)
		g_free(it->cell[c]);
	g_ptr_array_free(it->problems, TRUE);
	g_free(it);
}

static int read_date(isms_reg_item *it, isms_column c, isms_day *out)
{
	const char *text = it->cell[c];

	if (!text)
		return 0;
	if (isms_date_parse(text, strlen(text), out) == 0)
		return 1;
	g_ptr_array_add(it->problems, g_strdup_printf("%s '%s' is not a date (YYYY-MM-DD)",
	                                              columns[c].name, text));
	return 0;
}

static isms_reg_item *read_item(const isms_md_row *row, const int *col, int table)
{
	isms_reg_item *it = g_new0(isms_reg_item, 1);

	it->line = row->line;
	it->table = table;
	it->problems = g_ptr_array_new_with_free_func(g_free);
	for (int c = 0; c < ISMS_COL_COUNT; c++) {
		const char *text = col[c] >= 0 ? g_ptr_array_index(row->cells, col[c]) : NULL;
		if (text && !isms_cell_missing(text))
			it->cell[c] = g_strstrip(g_strdup(text));
	}
	it->id = g_strdup(it->cell[ISMS_COL_ID]);
	it->state = it->cell[ISMS_COL_STATUS] ? isms_status_state(it->cell[ISMS_COL_STATUS])
	                                      : ISMS_STATE_UNKNOWN;
	if (it->state == ISMS_STATE_UNKNOWN)
		g_ptr_array_add(it->problems,
		                it->cell[ISMS_COL_STATUS]
		                    ? g_strdup_printf("status '%s' is not a known status word",
		                                      it->cell[ISMS_COL_STATUS])
		                    : g_strdup("status is empty"));
	it->has_raised = read_date(it, ISMS_COL_RAISED, &it->raised);
	it->has_due = read_date(it, ISMS_COL_DUE, &it->due);
	it->has_closed = read_date(it, ISMS_COL_CLOSED, &it->closed);
	return it;
}

isms_register *isms_register_parse(const char *buf, size_t len, int first_line)
{
	isms_register *reg = g_new0(isms_register, 1);
	GPtrArray *tables = isms_md_tables_new();

	reg->tables = g_ptr_array_new_with_free_func(g_free);
	reg->items = g_ptr_array_new_with_free_func(item_free);
	isms_markdown_tables(buf, len, first_line, tables);
	for (guint t = 0; t < tables->len; t++) {
		const isms_md_table *mt = g_ptr_array_index(tables, t);
		isms_reg_table *rt = g_new0(isms_reg_table, 1);
		map_columns(mt->header, rt->column);
		if (rt->column[ISMS_COL_ID] < 0 || rt->column[ISMS_COL_STATUS] < 0) {
			reg->other_tables++;
			g_free(rt);
			continue;
		}
		rt->line = mt->line;
		rt->can_close = rt->column[ISMS_COL_CLOSED] >= 0;
		g_ptr_array_add(reg->tables, rt);
		for (guint r = 0; r < mt->rows->len; r++) {
			isms_reg_item *it = read_item(g_ptr_array_index(mt->rows, r), rt->column,
			                              (int)reg->tables->len - 1);
			if (!it->id) { /* a row without an id is no item */
				item_free(it);
				continue;
			}
			if (it->state == ISMS_STATE_CLOSED)
				rt->can_close = 1;
			g_ptr_array_add(reg->items, it);
		}
	}
	g_ptr_array_free(tables, TRUE);
	return reg;
}

void isms_register_free(isms_register *reg)
{
	if (!reg)
		return;
	g_ptr_array_free(reg->tables, TRUE);
	g_ptr_array_free(reg->items, TRUE);
	g_free(reg);
}

const isms_reg_item *isms_register_item(const isms_register *reg, const char *id)
{
	for (guint i = 0; i < reg->items->len; i++) {
		const isms_reg_item *it = g_ptr_array_index(reg->items, i);
		if (strcmp(it->id, id) == 0)
			return it;
	}
	return NULL;
}
