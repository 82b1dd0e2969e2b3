/* Register item rules: clause 10.2 over the register models (the items at
 * the audited commit and their replayed history). */
#include "rules/rules_internal.h"

#include <stdio.h>
#include <string.h>

/* A finding about one item: the register's identity and the item's id make
 * the fingerprint. */
#define ITEM_FINDING(out, r, m, it, ...)                                                           \
	isms_findings_add(out, r, (m)->doc->path, (it)->line, (m)->doc->identity, (it)->id,        \
	                  __VA_ARGS__)

/* The current (not removed) item histories of a register. */
#define FOR_CURRENT_ITEMS(m, h)                                                                    \
	for (guint i_ = 0; i_ < (m)->items->len; i_++)                                             \
		for (const isms_item_history *h = g_ptr_array_index((m)->items, i_);               \
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
				/* composed by register.c, its values already cut */
				char *msg = isms_text_printf("item %s: ", h->id);
				char *all =
				    g_strconcat(msg, g_ptr_array_index(h->item->problems, p), NULL);
				isms_finding *f =
				    isms_findings_add_text(out, r, m->doc->path, h->item->line,
				                           m->doc->identity, h->id, all);
				g_free(all);
				g_free(msg);
				isms_rule_evidence(a, f, h->last_seen, "row last changed");
			}
		}
		/* a row that is no item: it cannot be followed through history */
		for (guint i = 0; m->current && i < m->current->idless->len; i++) {
			const isms_reg_other *o =
			    &g_array_index(m->current->idless, isms_reg_other, i);
			char item[32];
			snprintf(item, sizeof(item), "line %d", o->line);
			isms_finding *f =
			    isms_findings_add(out, r, m->doc->path, o->line, m->doc->identity, item,
			                      "the row on line %d has no ID: it cannot be referred "
			                      "to or followed through the "
			                      "register's history",
			                      o->line);
			isms_rule_evidence(a, f, m->doc->last_change, "register last changed");
		}
	}
	return 0;
}

/*
 * Items in `state` whose `col` cell is empty. A table without the column is
 * REG-BAD-TABLE's finding; improvements need no root cause. The evidence is
 * the commit that raised an open item or recorded a closed one closed.
 */
static int check_empty_cell(const isms_audit *a, const isms_rule *r, isms_findings *out,
                            isms_item_state state, isms_column col, const char *what)
{
	for (guint k = 0; k < a->registers->len; k++) {
		const isms_register_model *m = g_ptr_array_index(a->registers, k);
		FOR_CURRENT_ITEMS(m, h)
		{
			const isms_reg_item *it = h->item;
			if (it->state != state || table_of(m, it)->column[col] < 0 ||
			    it->cell[col] ||
			    (col == ISMS_COL_ROOT_CAUSE &&
			     isms_register_is_improvement(&a->config.dialect, it->id)))
				continue;
			isms_finding *f = ITEM_FINDING(out, r, m, it, "%s item %s has no %s",
			                               isms_state_name(state), h->id, what);
			if (state == ISMS_STATE_CLOSED)
				isms_rule_evidence(a, f, h->closure, "recorded closed");
			else
				isms_rule_evidence(a, f, h->first_seen, "raised in the register");
		}
	}
	return 0;
}

int isms_check_act_no_owner(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	return check_empty_cell(a, r, out, ISMS_STATE_OPEN, ISMS_COL_OWNER,
	                        "owner: nobody is accountable for the action");
}

int isms_check_act_no_due_date(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	return check_empty_cell(a, r, out, ISMS_STATE_OPEN, ISMS_COL_DUE,
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
				snprintf(moved, sizeof(moved), " (the due date moved %d times)",
				         h->due_changes);
			isms_finding *f = ITEM_FINDING(
			    out, r, m, it, "open item %s is %d days past its due date %s%s", h->id,
			    (int)(a->today - it->due), isms_date_format(it->due, due), moved);
			isms_rule_evidence(a, f, h->first_seen, "raised in the register");
		}
	}
	return 0;
}

/* ---- registers as a whole -------------------------------------------- */

int isms_check_reg_not_found(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	const isms_config *cfg = &a->config;

	if (a->documents->len == 0) /* ISMS-NO-DOCUMENTS says it all */
		return 0;
	for (guint i = 0; i < cfg->registers->len; i++) {
		const char *p = g_ptr_array_index(cfg->registers, i);
		int found = strpbrk(p, "*?[") != NULL; /* a glob may match nothing */
		for (guint k = 0; !found && k < a->registers->len; k++)
			found =
			    strcmp(((const isms_register_model *)g_ptr_array_index(a->registers, k))
			               ->doc->path,
			           p) == 0;
		if (!found)
			isms_findings_add(
			    out, r, NULL, 0, "registers", p,
			    "the register %s named in the configuration (%s) is not an "
			    "audited Markdown file at the audited commit",
			    p, cfg->source ? cfg->source : "registers");
	}
	if (a->registers->len == 0)
		isms_findings_add(
		    out, r, NULL, 0, "registers", NULL,
		    "no issues-and-actions register: no document has `type: register` "
		    "and no path is listed under `registers`, so nonconformities and "
		    "corrective actions are not recorded");
	return 0;
}

/* "Owner column", "Owner and Due columns", "Root cause, Action and Due columns". */
static char *column_list(const isms_column *cols, int n)
{
	GString *s = g_string_new(NULL);

	for (int i = 0; i < n; i++)
		g_string_append_printf(s, "%s%s",
		                       i == 0       ? ""
		                       : i == n - 1 ? " and "
		                                    : ", ",
		                       isms_column_synonyms(cols[i])[0]);
	g_string_append(s, n == 1 ? " column" : " columns");
	return g_string_free(s, FALSE);
}

/* Whether a table holds an item that is a nonconformity (needs a root cause). */
static int table_has_nonconformity(const isms_audit *a, const isms_register *reg, int table)
{
	for (guint i = 0; i < reg->items->len; i++) {
		const isms_reg_item *it = g_ptr_array_index(reg->items, i);
		if (it->table == table && !isms_register_is_improvement(&a->config.dialect, it->id))
			return 1;
	}
	return 0;
}

int isms_check_reg_bad_table(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	static const isms_column closing[] = {ISMS_COL_ROOT_CAUSE, ISMS_COL_ACTION,
	                                      ISMS_COL_OWNER,      ISMS_COL_DUE,
	                                      ISMS_COL_CLOSED,     ISMS_COL_EFFECTIVENESS};

	for (guint k = 0; k < a->registers->len; k++) {
		const isms_register_model *m = g_ptr_array_index(a->registers, k);
		const isms_register *reg = m->current;
		const char *path = m->doc->path;
		if (!reg || !isms_document_readable(m->doc))
			continue; /* DOC-UNREADABLE */
		if (reg->tables->len == 0) {
			/* the reasons are ours, and longer than a quote together */
			char *head =
			    isms_text_printf("%s has no register table (a table with an ID "
			                     "column and a Status or Closed column)",
			                     path);
			GString *why = g_string_new(head);
			int line = m->doc->meta->fm.body_line;
			for (guint t = 0; t < reg->others->len; t++) {
				const isms_reg_other *o =
				    &g_array_index(reg->others, isms_reg_other, t);
				if (t == 0)
					line = o->line;
				int dated = o->has_status || o->has_closed;
				g_string_append_printf(why,
				                       "%sthe table on line %d has no %s column",
				                       t ? "; " : ": ", o->line,
				                       !o->has_id && !dated ? "ID, Status or Closed"
				                       : !o->has_id         ? "ID"
				                                            : "Status or Closed");
			}
			if (reg->others->len == 0)
				g_string_append(why, ": it holds no table at all");
			g_free(head);
			isms_finding *f = isms_findings_add_text(out, r, path, line,
			                                         m->doc->identity, NULL, why->str);
			isms_rule_evidence(a, f, m->doc->last_change, "register last changed");
			g_string_free(why, TRUE);
			continue;
		}
		for (guint t = 0; t < reg->tables->len; t++) {
			const isms_reg_table *rt = g_ptr_array_index(reg->tables, t);
			isms_column missing[G_N_ELEMENTS(closing)];
			int n = 0;
			char item[32];
			int planning = 1; /* only Owner or Due is missing */
			for (size_t c = 0; c < G_N_ELEMENTS(closing); c++) {
				isms_column col = closing[c];
				int plan = col == ISMS_COL_OWNER || col == ISMS_COL_DUE;
				int needed = rt->can_close || (rt->has_open && plan);
				if (col == ISMS_COL_ROOT_CAUSE)
					needed = rt->can_close &&
					         table_has_nonconformity(a, reg, (int)t);
				if (needed && rt->column[col] < 0) {
					missing[n++] = col;
					planning &= plan;
				}
			}
			if (n > 0) {
				char *list = column_list(missing, n);
				snprintf(item, sizeof(item), "table %u", t + 1);
				isms_finding *f = isms_findings_add(
				    out, r, path, rt->line, m->doc->identity, item,
				    "the register table on line %d has no %s: %s", rt->line, list,
				    rt->has_open && planning
				        ? "its open items cannot show who acts and by when"
				        : "its items cannot show the evidence of 10.2 from raising "
				          "to an effective closure");
				isms_rule_evidence(a, f, m->doc->last_change,
				                   "register last changed");
				g_free(list);
			}
		}
	}
	return 0;
}

int isms_check_reg_stale(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	char d[ISMS_DATE_BUFSIZE];
	int months = a->config.register_stale_months;

	for (guint k = 0; k < a->registers->len; k++) {
		const isms_register_model *m = g_ptr_array_index(a->registers, k);
		isms_day last = isms_audit_commit(a, m->doc->last_change)->date;
		int open = 0;
		if (!isms_date_known(last) ||
		    isms_date_add(last, (isms_duration){months, 0}) >= a->today)
			continue;
		FOR_CURRENT_ITEMS(m, h)
		{
			open += h->item->state == ISMS_STATE_OPEN;
		}
		/* with other registers, one without open items is an archive */
		if (open == 0 && a->registers->len > 1)
			continue;
		isms_finding *f =
		    isms_findings_add(out, r, m->doc->path, 0, m->doc->identity, NULL,
		                      "the register has not changed since %s, %d days before the "
		                      "audit date (more than %d "
		                      "months): improvement has stalled or is not being recorded",
		                      isms_date_format(last, d), (int)(a->today - last), months);
		isms_rule_evidence(a, f, m->doc->last_change, "register last changed");
	}
	return 0;
}

int isms_check_reg_no_closures(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	char d[ISMS_DATE_BUFSIZE], since[ISMS_DATE_BUFSIZE];
	int months = a->config.closure_window_months;
	isms_day from = isms_date_add(a->today, (isms_duration){-months, 0});

	for (guint k = 0; k < a->registers->len; k++) {
		const isms_register_model *m = g_ptr_array_index(a->registers, k);
		guint32 last = ISMS_NO_COMMIT;
		const char *last_id = NULL;
		int open = 0;
		for (guint i = 0; i < m->items->len; i++) {
			const isms_item_history *h = g_ptr_array_index(m->items, i);
			if (h->closure != ISMS_NO_COMMIT &&
			    (last == ISMS_NO_COMMIT || h->closure > last)) {
				last = h->closure;
				last_id = h->id;
			}
			if (h->removed == ISMS_NO_COMMIT && h->item->state == ISMS_STATE_OPEN)
				open++;
		}
		/* a closure on an unknown date may be within the window */
		if (open == 0 || (last != ISMS_NO_COMMIT &&
		                  (!isms_date_known(isms_audit_commit(a, last)->date) ||
		                   isms_audit_commit(a, last)->date >= from)))
			continue;
		isms_date_format(from, since);
		isms_finding *f;
		if (last == ISMS_NO_COMMIT)
			f = isms_findings_add(
			    out, r, m->doc->path, 0, m->doc->identity, NULL,
			    "%d item%s open and no closure has ever been recorded in "
			    "the register's history",
			    open, open == 1 ? " is" : "s are");
		else
			f = isms_findings_add(
			    out, r, m->doc->path, 0, m->doc->identity, NULL,
			    "%d item%s open and nothing was recorded closed since %s "
			    "(%d months): the last closure was %s on %s",
			    open, open == 1 ? " is" : "s are", since, months, last_id,
			    isms_date_format(isms_audit_commit(a, last)->date, d));
		isms_rule_evidence(a, f, last, "last closure recorded");
	}
	return 0;
}

/* ---- closed and accepted items ---------------------------------------- */

int isms_check_act_closed_no_root_cause(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	return check_empty_cell(a, r, out, ISMS_STATE_CLOSED, ISMS_COL_ROOT_CAUSE,
	                        "root cause: nothing shows the cause was found and removed");
}

int isms_check_act_closed_no_action(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	return check_empty_cell(a, r, out, ISMS_STATE_CLOSED, ISMS_COL_ACTION,
	                        "action: nothing shows what was done to close it");
}

int isms_check_act_closed_no_effectiveness(const isms_audit *a, const isms_rule *r,
                                           isms_findings *out)
{
	return check_empty_cell(a, r, out, ISMS_STATE_CLOSED, ISMS_COL_EFFECTIVENESS,
	                        "effectiveness review: nothing shows the action worked");
}

int isms_check_act_closed_no_date(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	return check_empty_cell(a, r, out, ISMS_STATE_CLOSED, ISMS_COL_CLOSED,
	                        "closed date: the result of the action is not dated");
}

/* The commit of the item's latest move into its current state. */
static guint32 entered_state(const isms_item_history *h)
{
	for (guint t = h->transitions->len; t > 0; t--) {
		const isms_transition *tr = &g_array_index(h->transitions, isms_transition, t - 1);
		if (tr->to == h->item->state)
			return tr->commit;
	}
	return h->first_seen;
}

int isms_check_act_accepted_no_approval(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	for (guint k = 0; k < a->registers->len; k++) {
		const isms_register_model *m = g_ptr_array_index(a->registers, k);
		FOR_CURRENT_ITEMS(m, h)
		{
			const isms_reg_item *it = h->item;
			if (it->state != ISMS_STATE_ACCEPTED || it->approved)
				continue;
			isms_finding *f =
			    ITEM_FINDING(out, r, m, it,
			                 "item %s is accepted without action but no approver is "
			                 "recorded (an Approver "
			                 "column, or \"approved by NAME\" in the action)",
			                 h->id);
			isms_rule_evidence(a, f, entered_state(h), "recorded as accepted");
		}
	}
	return 0;
}

int isms_check_act_closure_backdated(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	char typed[ISMS_DATE_BUFSIZE], rec[ISMS_DATE_BUFSIZE];
	int tolerance = a->config.closure_backdate_days;

	for (guint k = 0; k < a->registers->len; k++) {
		const isms_register_model *m = g_ptr_array_index(a->registers, k);
		FOR_CURRENT_ITEMS(m, h)
		{
			const isms_reg_item *it = h->item;
			guint32 c = h->closure;
			if (it->state != ISMS_STATE_CLOSED || !it->has_closed ||
			    c == ISMS_NO_COMMIT || !isms_date_known(isms_audit_commit(a, c)->date))
				continue;
			isms_day when = isms_audit_commit(a, c)->date;
			isms_date_format(it->closed, typed);
			isms_date_format(when, rec);
			isms_finding *f;
			/* one day of slack after: the commit's UTC day may trail local time */
			if (it->closed > when + 1)
				f = ITEM_FINDING(
				    out, r, m, it,
				    "item %s has closed date %s, %d days after the commit that "
				    "recorded it closed (%s): a closure claimed before it happened",
				    h->id, typed, (int)(it->closed - when), rec);
			else if (it->closed < when - tolerance && c == h->first_seen)
				f = ITEM_FINDING(
				    out, r, m, it,
				    "item %s has closed date %s, but it first appeared in the "
				    "register, already closed, on %s, %d days later (more than %d)",
				    h->id, typed, rec, (int)(when - it->closed), tolerance);
			else if (it->closed < when - tolerance)
				f = ITEM_FINDING(
				    out, r, m, it,
				    "item %s has closed date %s, but the commit that recorded it "
				    "closed is of %s, %d days later (more than %d): a closure "
				    "recorded late or backfilled",
				    h->id, typed, rec, (int)(when - it->closed), tolerance);
			else
				continue;
			isms_rule_evidence(a, f, c, "recorded closed");
		}
	}
	return 0;
}

/* The author of a commit ("Name <email>"), into buf. */
static const char *commit_author(const isms_audit *a, guint32 index, char *buf, size_t size)
{
	git_commit *c = NULL;
	const git_signature *sig;

	buf[0] = '\0';
	if (git_commit_lookup(&c, a->repo, &isms_audit_commit(a, index)->id) == 0 &&
	    (sig = git_commit_author(c)) != NULL)
		snprintf(buf, size, "%s <%s>", sig->name, sig->email);
	git_commit_free(c);
	return buf[0] ? buf : "an unknown author";
}

int isms_check_act_removed(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	char d[ISMS_DATE_BUFSIZE], who[256], hex[GIT_OID_HEXSZ + 1], note[300];

	for (guint k = 0; k < a->registers->len; k++) {
		const isms_register_model *m = g_ptr_array_index(a->registers, k);
		for (guint i = 0; i < m->items->len; i++) {
			const isms_item_history *h = g_ptr_array_index(m->items, i);
			if (h->removed == ISMS_NO_COMMIT || h->listed_elsewhere)
				continue;
			commit_author(a, h->removed, who, sizeof(who));
			isms_audit_commit_hex(a, h->removed, hex);
			hex[12] = '\0';
			isms_date_format(isms_audit_commit(a, h->removed)->date, d);
			isms_finding *f;
			if (h->state_when_removed == ISMS_STATE_OPEN)
				f = isms_findings_add(
				    out, r, m->doc->path, 0, m->doc->identity, h->id,
				    "item %s was deleted while still open, on %s by %s "
				    "(commit %s): it has disappeared without a recorded "
				    "outcome",
				    h->id, d, who, hex);
			else
				f = isms_findings_add(
				    out, r, m->doc->path, 0, m->doc->identity, h->id,
				    "item %s (%s) was deleted on %s by %s (commit %s): the "
				    "record of the item and its outcome is gone",
				    h->id, isms_state_name(h->state_when_removed), d, who, hex);
			isms_rule_evidence(a, f, h->first_seen, "first listed");
			snprintf(note, sizeof(note), "removed by %s", who);
			isms_rule_evidence(a, f, h->removed, note);
		}
	}
	return 0;
}

int isms_check_act_reopened(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	for (guint k = 0; k < a->registers->len; k++) {
		const isms_register_model *m = g_ptr_array_index(a->registers, k);
		FOR_CURRENT_ITEMS(m, h)
		{
			int times = 0;
			guint32 closed = ISMS_NO_COMMIT, reopened = ISMS_NO_COMMIT;
			for (guint t = 0; t < h->transitions->len; t++) {
				const isms_transition *tr =
				    &g_array_index(h->transitions, isms_transition, t);
				if (tr->from == ISMS_STATE_CLOSED && tr->to == ISMS_STATE_OPEN) {
					/* the latest reopening and the closure it undid */
					times++;
					closed = t > 0 ? g_array_index(h->transitions,
					                               isms_transition, t - 1)
					                     .commit
					               : ISMS_NO_COMMIT;
					reopened = tr->commit;
				}
			}
			if (times == 0)
				continue;
			isms_finding *f;
			if (times == 1)
				f = ITEM_FINDING(
				    out, r, m, h->item,
				    "item %s was reopened after being closed (now %s): the "
				    "corrective action was not effective",
				    h->id, isms_state_name(h->item->state));
			else
				f = ITEM_FINDING(
				    out, r, m, h->item,
				    "item %s was reopened %d times after being closed (now %s): "
				    "the corrective actions were not effective",
				    h->id, times, isms_state_name(h->item->state));
			isms_rule_evidence(a, f, closed, "recorded closed");
			isms_rule_evidence(a, f, reopened, "reopened");
		}
	}
	return 0;
}

int isms_check_act_rewritten(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	for (guint k = 0; k < a->registers->len; k++) {
		const isms_register_model *m = g_ptr_array_index(a->registers, k);
		FOR_CURRENT_ITEMS(m, h)
		{
			int raised = 0, described = 0;
			if (h->rewrites->len == 0)
				continue;
			for (guint i = 0; i < h->rewrites->len; i++) {
				const isms_rewrite *w =
				    &g_array_index(h->rewrites, isms_rewrite, i);
				raised += w->column == ISMS_COL_RAISED;
				described += w->column == ISMS_COL_DESCRIPTION;
			}
			isms_finding *f = ITEM_FINDING(
			    out, r, m, h->item,
			    "item %s: %s%s%s after it was recorded: the register no longer "
			    "shows what was found when",
			    h->id, raised ? "its raised date was changed" : "",
			    raised && described ? " and " : "",
			    described ? "its description was changed once closed" : "");
			for (guint i = 0; i < h->rewrites->len; i++) {
				const isms_rewrite *w =
				    &g_array_index(h->rewrites, isms_rewrite, i);
				isms_rule_evidence(a, f, w->commit,
				                   w->column == ISMS_COL_RAISED
				                       ? "raised date changed"
				                       : "description changed");
			}
		}
	}
	return 0;
}
