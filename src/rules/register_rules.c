/* Register item rules: clause 10.2 over the register models (the items at
 * the audited commit and their replayed history). */
#include "rules/rules_internal.h"

#include <stdio.h>
#include <string.h>

/* A finding about one item: the register's identity and the item's id make
 * the fingerprint. */
#define ITEM_FINDING(out, r, m, it, ...)                                                     \
	isms_findings_add(out, r, (m)->doc->path, (it)->line, (m)->doc->identity, (it)->id,     \
	                  __VA_ARGS__)

/* The current (not removed) item histories of a register. */
#define FOR_CURRENT_ITEMS(m, h)                                                              \
	for (guint i_ = 0; i_ < (m)->items->len; i_++)                                          \
		for (const isms_item_history *h = g_ptr_array_index((m)->items, i_);                \
		     h && h->removed == ISMS_NO_COMMIT; h = NULL)

static const isms_reg_table *table_of(const isms_register_model *m, const isms_reg_item *it)
{
	return g_ptr_array_index(m->current->tables, it->table);
}

int isms_check_act_duplicate_id(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	for (guint k = 0; k < a->registers->len; k++) {
		const isms_register_model *m = g_ptr_array_index(a->registers, k);
		GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
		for (guint i = 0; m->current && i < m->current->items->len; i++) {
			const isms_reg_item *it = g_ptr_array_index(m->current->items, i);
			const isms_reg_item *first = g_hash_table_lookup(seen, it->id);
			if (!first) {
				g_hash_table_insert(seen, it->id, (gpointer)it);
				continue;
			}
			ITEM_FINDING(out, r, m, it,
			             "item %s appears again (first on line %d): its history and "
			             "status are ambiguous",
			             it->id, first->line);
		}
		g_hash_table_destroy(seen);
	}
	return 0;
}

int isms_check_act_bad_value(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	for (guint k = 0; k < a->registers->len; k++) {
		const isms_register_model *m = g_ptr_array_index(a->registers, k);
		FOR_CURRENT_ITEMS(m, h)
		{
			for (guint p = 0; p < h->item->problems->len; p++) {
				isms_finding *f = ITEM_FINDING(out, r, m, h->item, "item %s: %s", h->id,
				                               (char *)g_ptr_array_index(h->item->problems, p));
				isms_rule_evidence(a, f, h->last_seen, "row last changed");
			}
		}
	}
	return 0;
}

static int check_missing(const isms_audit *a, const isms_rule *r, isms_findings *out,
                         isms_column col, const char *what)
{
	for (guint k = 0; k < a->registers->len; k++) {
		const isms_register_model *m = g_ptr_array_index(a->registers, k);
		FOR_CURRENT_ITEMS(m, h)
		{
			const isms_reg_item *it = h->item;
			/* a table without the column is REG-BAD-TABLE's finding */
			if (it->state != ISMS_STATE_OPEN || table_of(m, it)->column[col] < 0 ||
			    it->cell[col])
				continue;
			isms_finding *f = ITEM_FINDING(out, r, m, it, "open item %s has no %s", h->id, what);
			isms_rule_evidence(a, f, h->first_seen, "raised in the register");
		}
	}
	return 0;
}

int isms_check_act_no_owner(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	return check_missing(a, r, out, ISMS_COL_OWNER, "owner: nobody is accountable for the action");
}

int isms_check_act_no_due_date(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	return check_missing(a, r, out, ISMS_COL_DUE,
	                     "due date: its completion cannot be planned or checked");
}

int isms_check_act_overdue(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	char due[ISMS_DATE_BUFSIZE], moved[48];

	for (guint k = 0; k < a->registers->len; k++) {
		const isms_register_model *m = g_ptr_array_index(a->registers, k);
		FOR_CURRENT_ITEMS(m, h)
		{
			const isms_reg_item *it = h->item;
			if (it->state != ISMS_STATE_OPEN || !it->has_due || it->due >= a->today)
				continue;
			if (h->due_changes == 0)
				moved[0] = '\0';
			else if (h->due_changes == 1)
				snprintf(moved, sizeof(moved), " (the due date moved once)");
			else
				snprintf(moved, sizeof(moved), " (the due date moved %d times)", h->due_changes);
			isms_finding *f = ITEM_FINDING(out, r, m, it,
			                               "open item %s is %d days past its due date %s%s",
			                               h->id, (int)(a->today - it->due),
			                               isms_date_format(it->due, due), moved);
			isms_rule_evidence(a, f, h->first_seen, "raised in the register");
		}
	}
	return 0;
}
