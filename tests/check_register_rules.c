/* The register rules on their fixtures: each violating case found exactly
 * (path, line, item, message, evidence), each compliant case not. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "isms/metrics.h"
#include "isms/report.h"
#include "isms/rules.h"
#include "testutil.h"

/* The date and note of a finding's nth piece of evidence, "DATE note". */
static char *evidence(const isms_finding *f, guint n)
{
	const isms_evidence *e;
	char d[ISMS_DATE_BUFSIZE];

	ck_assert_uint_gt(f->evidence->len, n);
	e = &g_array_index(f->evidence, isms_evidence, n);
	ck_assert_int_eq(strlen(e->commit), 40);
	return g_strdup_printf("%s %s", isms_date_format(e->date, d), e->note);
}

#define ASSERT_EVIDENCE(f, n, want)                                                                \
	do {                                                                                       \
		char *got_ = evidence(f, n);                                                       \
		ck_assert_str_eq(got_, want);                                                      \
		g_free(got_);                                                                      \
	} while (0)

START_TEST(healthy_register_has_one_observation)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/healthy", "2026-01-15", &fs);
	const isms_finding *f;

	ck_assert_uint_eq(fs.items->len, 1);
	expect_rule(&fs, "ACT-REOPENED", "register.md:11:NC-1");
	ck_assert_str_eq(
	    rule_message(&fs, "ACT-REOPENED", "register.md"),
	    "item NC-1 was reopened after being closed (now open): the corrective action "
	    "was not effective");
	f = find_finding(&fs, "ACT-REOPENED", "register.md");
	ck_assert_int_eq(f->severity, ISMS_SEV_OBSERVATION);
	ck_assert_uint_eq(f->evidence->len, 2);
	ASSERT_EVIDENCE(f, 0, "2025-08-20 recorded closed");
	ASSERT_EVIDENCE(f, 1, "2025-10-01 reopened");
	audit_done(a, &fs);
}
END_TEST

START_TEST(closed_and_accepted_items)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/register-closed", "2026-01-15", &fs);
	drop_management(&fs);
	const isms_finding *f;

	expect_rule(&fs, "ACT-CLOSED-NO-ROOT-CAUSE", "register.md:12:NC-2");
	expect_rule(&fs, "ACT-CLOSED-NO-ACTION", "register.md:14:NC-3");
	expect_rule(&fs, "ACT-CLOSED-NO-EFFECTIVENESS", "register.md:15:NC-4");
	expect_rule(&fs, "ACT-CLOSED-NO-DATE", "register.md:16:NC-5");
	expect_rule(&fs, "ACT-CLOSURE-BACKDATED", "register.md:17:NC-6\nregister.md:18:NC-7");
	expect_rule(&fs, "ACT-ACCEPTED-NO-APPROVAL", "register.md:21:RA-2\nregister.md:28:RA-4");
	ck_assert_uint_eq(fs.items->len, 8);

	ck_assert_str_eq(
	    rule_message(&fs, "ACT-CLOSED-NO-EFFECTIVENESS", "register.md"),
	    "closed item NC-4 has no effectiveness review: nothing shows the action worked");
	f = find_finding(&fs, "ACT-CLOSED-NO-EFFECTIVENESS", "register.md");
	ck_assert_str_eq(f->rule->clause, "10.2 d");
	ASSERT_EVIDENCE(f, 0, "2025-11-03 recorded closed");
	ck_assert_str_eq(
	    rule_message(&fs, "ACT-CLOSURE-BACKDATED", "register.md"),
	    "item NC-6 has closed date 2025-09-15, but the commit that recorded it closed "
	    "is of 2025-11-03, 49 days later (more than 30): a closure recorded late or "
	    "backfilled");
	f = g_ptr_array_index(fs.items, fs.items->len - 1);
	ck_assert_str_eq(f->rule->id, "ACT-CLOSURE-BACKDATED");
	ck_assert_str_eq(f->item, "NC-7");
	ck_assert_str_eq(
	    f->message,
	    "item NC-7 has closed date 2025-11-20, 17 days after the commit that recorded "
	    "it closed (2025-11-03): a closure claimed before it happened");
	f = find_finding(&fs, "ACT-ACCEPTED-NO-APPROVAL", "register.md");
	ASSERT_EVIDENCE(f, 0, "2025-11-03 recorded as accepted");
	audit_done(a, &fs);
}
END_TEST

START_TEST(register_files_and_tables)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/register-tables", "2026-01-15", &fs);
	drop_management(&fs);
	const isms_register_model *m;

	/* by path: actions.md, improvement/log.md (by configuration), register.md */
	ck_assert_uint_eq(a->registers->len, 3);
	m = g_ptr_array_index(a->registers, 1);
	ck_assert_str_eq(m->doc->path, "improvement/log.md");
	m = g_ptr_array_index(a->registers, 2);
	ck_assert_uint_eq(m->current->tables->len, 2); /* the legend table is not one */
	ck_assert_uint_eq(m->items->len, 3);           /* NC-1, NC-2, OFI-1 */

	expect_rule(&fs, "REG-NOT-FOUND", "-:0:missing/register.md");
	ck_assert_str_eq(
	    rule_message(&fs, "REG-NOT-FOUND", NULL),
	    "the register missing/register.md named in the configuration (.isms-audit.yml) "
	    "is not an audited Markdown file at the audited commit");
	expect_rule(&fs, "REG-BAD-TABLE",
	            "actions.md:9:table 1\nimprovement/log.md:10:-\nregister.md:19:table 2");
	ck_assert_str_eq(
	    rule_message(&fs, "REG-BAD-TABLE", "improvement/log.md"),
	    "improvement/log.md has no register table (a table with an ID column and a "
	    "Status or Closed column): the table on line 10 has no Status or Closed column");
	ck_assert_str_eq(
	    rule_message(&fs, "REG-BAD-TABLE", "actions.md"),
	    "the register table on line 9 has no Owner and Due columns: its open items "
	    "cannot show who acts and by when");
	ck_assert_str_eq(
	    rule_message(&fs, "REG-BAD-TABLE", "register.md"),
	    "the register table on line 19 has no Effectiveness column: its items cannot "
	    "show the evidence of 10.2 from raising to an effective closure");
	expect_rule(&fs, "ACT-BAD-VALUE", "register.md:15:line 15");
	expect_rule(&fs, "REG-NO-CLOSURES", "actions.md:0:-");
	ck_assert_str_eq(rule_message(&fs, "REG-NO-CLOSURES", "actions.md"),
	                 "1 item is open and no closure has ever been recorded in the register's "
	                 "history");
	ck_assert_uint_eq(fs.items->len, 6);
	audit_done(a, &fs);
}
END_TEST

START_TEST(removed_reopened_and_stalled)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/register-history", "2025-06-15", &fs);
	drop_management(&fs);
	const isms_finding *f;

	/* NC-4 moved to archive.md: kept, not removed, and not backdated */
	expect_rule(&fs, "ACT-REMOVED", "register.md:0:NC-3\nregister.md:0:NC-5");
	expect_rule(&fs, "ACT-CLOSURE-BACKDATED", "");
	f = find_finding(&fs, "ACT-REMOVED", "register.md");
	ck_assert_str_eq(f->message, "item NC-3 was deleted while still open, on 2025-05-01 by Ann "
	                             "Auditor <ann@example.com> (commit 908d76308615): it has "
	                             "disappeared without a recorded outcome");
	ASSERT_EVIDENCE(f, 0, "2025-04-10 first listed");
	ASSERT_EVIDENCE(f, 1, "2025-05-01 removed by Ann Auditor <ann@example.com>");
	f = g_ptr_array_index(fs.items, fs.items->len - 1); /* 10.2 f sorts last */
	ck_assert_str_eq(f->item, "NC-5");
	ck_assert_str_eq(f->message, "item NC-5 (closed) was deleted on 2025-05-01 by Ann Auditor "
	                             "<ann@example.com> (commit 908d76308615): the record of the "
	                             "item and its outcome is gone");
	expect_rule(&fs, "ACT-REOPENED", "register.md:11:NC-2");
	expect_rule(&fs, "REG-STALE", "");
	expect_rule(&fs, "REG-NO-CLOSURES", "");
	ck_assert_uint_eq(fs.items->len, 5); /* and ACT-OVERDUE twice */
	audit_done(a, &fs);

	a = audit_fixture("rules/register-history", "2026-01-15", &fs);
	drop_management(&fs);
	/* archive.md has no open items: an archive is not stale */
	expect_rule(&fs, "REG-STALE", "register.md:0:-");
	ck_assert_str_eq(
	    rule_message(&fs, "REG-STALE", "register.md"),
	    "the register has not changed since 2025-05-01, 259 days before the audit "
	    "date (more than 6 months): improvement has stalled or is not being recorded");
	expect_rule(&fs, "REG-NO-CLOSURES", "register.md:0:-");
	ck_assert_str_eq(
	    rule_message(&fs, "REG-NO-CLOSURES", "register.md"),
	    "2 items are open and nothing was recorded closed since 2025-07-15 (6 months): "
	    "the last closure was NC-2 on 2025-02-15");
	f = find_finding(&fs, "REG-NO-CLOSURES", "register.md");
	ASSERT_EVIDENCE(f, 0, "2025-02-15 last closure recorded");
	audit_done(a, &fs);
}
END_TEST

START_TEST(renamed_register_keeps_its_items)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("edge/register-rename", "2025-06-15", &fs);
	drop_management(&fs);
	const isms_register_model *m;
	const isms_item_history *h;

	ck_assert_uint_eq(fs.items->len, 0);
	ck_assert_uint_eq(a->registers->len, 1);
	m = g_ptr_array_index(a->registers, 0);
	ck_assert_str_eq(m->doc->path, "isms/10-improvement/register.md");
	ck_assert_str_eq(g_ptr_array_index(m->doc->former_paths, 0), "improvement/register.md");
	ck_assert_uint_eq(m->versions, 4);
	ck_assert_uint_eq(m->items->len, 2);
	h = g_ptr_array_index(m->items, 0);
	ck_assert_str_eq(h->id, "NC-1");
	ck_assert_str_eq(commit_date(a, h->first_seen), "2024-03-01");
	ck_assert_str_eq(commit_date(a, h->closed_seen), "2024-09-02");
	ck_assert_uint_eq(h->removed, ISMS_NO_COMMIT);
	h = g_ptr_array_index(m->items, 1);
	ck_assert_str_eq(commit_date(a, h->first_seen), "2025-02-03");
	audit_done(a, &fs);
}
END_TEST

START_TEST(configured_register_words)
{
	char *repo = fixture_path("rules/register-tables");
	char *dir = g_dir_make_tmp("isms-reg-XXXXXX", NULL);
	char *cfg = g_build_filename(dir, "cfg.yml", NULL);
	char *out = NULL, *err = NULL, *want;

	/* Target and Finding become columns, Status words of log.md's table
	 * replaced: with its own words the log is a register table */
	ck_assert(g_file_set_contents(cfg,
	                              "registers: [improvement/log.md]\n"
	                              "register_columns:\n"
	                              "  status: [Finding]\n"
	                              "  due: [Target]\n"
	                              "status_words:\n"
	                              "  open: [Add MFA to the wiki, Open, In progress]\n",
	                              -1, NULL));
	ck_assert_int_eq(run_cli((const char *const[]){"check", repo, "--as-of", "2026-01-15",
	                                               "--config", cfg, "--format", "json", NULL},
	                         NULL, &out, &err),
	                 1);
	ck_assert_str_eq(err, "");
	/* log.md now has a register table with IMP-1 open, Owner and Target */
	ck_assert_ptr_nonnull(strstr(out, "\"id\": \"IMP-1\""));
	ck_assert_ptr_null(strstr(out, "improvement/log.md has no register table"));
	/* register.md's Status column is not `Finding`: its tables are read by
	 * their Closed columns (Date closed, Completed), and its second one
	 * lost its Due column to Target */
	ck_assert_ptr_null(strstr(out, "register.md has no register table"));
	ck_assert_ptr_nonnull(strstr(out, "\"the register table on line 19 has no Due and "
	                                  "Effectiveness columns: its items cannot show the "
	                                  "evidence of 10.2 from raising to an effective "
	                                  "closure\""));
	g_free(out);
	g_free(err);

	ck_assert(g_file_set_contents(cfg, "status_words:\n  open: [Done]\n", -1, NULL));
	ck_assert_int_eq(
	    run_cli((const char *const[]){"check", repo, "--config", cfg, NULL}, NULL, &out, &err),
	    2);
	want = g_strdup_printf("isms-audit: %s:2: status word 'Done' already belongs to another "
	                       "state\n",
	                       cfg);
	ck_assert_str_eq(err, want);
	ck_assert_str_eq(out, "");
	g_free(want);
	g_free(out);
	g_free(err);
	unlink(cfg);
	rmdir(dir);
	g_free(cfg);
	g_free(dir);
	g_free(repo);
}
END_TEST

/* The history of item `id` in a register model. */
static const isms_item_history *history_of(const isms_register_model *m, const char *id)
{
	for (guint i = 0; i < m->items->len; i++) {
		const isms_item_history *h = g_ptr_array_index(m->items, i);
		if (strcmp(h->id, id) == 0)
			return h;
	}
	ck_abort_msg("no item %s", id);
	return NULL;
}

/* An item's state, its raised, due and closed days ("-" for none) and the
 * date of the commit that recorded it closed: "closed 2025-09-15 - 2025-10-20
 * 2025-10-22". */
static char *item_days(const isms_audit *a, const isms_register_model *m, const char *id)
{
	const isms_item_history *h = history_of(m, id);
	const isms_reg_item *it = h->item;
	char r[ISMS_DATE_BUFSIZE], d[ISMS_DATE_BUFSIZE], c[ISMS_DATE_BUFSIZE];

	return g_strdup_printf("%s %s %s %s %s", isms_state_name(it->state),
	                       it->has_raised ? isms_date_format(it->raised, r) : "-",
	                       it->has_due ? isms_date_format(it->due, d) : "-",
	                       it->has_closed ? isms_date_format(it->closed, c) : "-",
	                       h->closure == ISMS_NO_COMMIT ? "-" : commit_date(a, h->closure));
}

#define ASSERT_ITEM(a, m, id, want)                                                                \
	do {                                                                                       \
		char *got_ = item_days(a, m, id);                                                  \
		ck_assert_str_eq(got_, want);                                                      \
		g_free(got_);                                                                      \
	} while (0)

/* register-no-status.fixture at 2026-03-15: a table without a Status
 * column, an NC ID and dates typed day first; an Issue # table whose status
 * contradicts its dates; a risk register and a control list that are not
 * registers. */
START_TEST(a_register_without_a_status_column)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/register-no-status", "2026-03-15", &fs);
	const isms_register_model *m;
	const isms_reg_table *t;
	const isms_finding *f;

	drop_management(&fs);
	/* Risk ID and Control ID tables make no register */
	ck_assert_uint_eq(a->registers->len, 1);
	m = g_ptr_array_index(a->registers, 0);
	ck_assert_str_eq(m->doc->path, "register.md");
	ck_assert_uint_eq(m->current->tables->len, 2);
	t = g_ptr_array_index(m->current->tables, 0);
	ck_assert_int_eq(t->line, 9);
	ck_assert_int_eq(t->column[ISMS_COL_ID], 0);
	ck_assert_int_eq(t->column[ISMS_COL_STATUS], -1);
	ck_assert_int_eq(t->column[ISMS_COL_CLOSED], 7);
	t = g_ptr_array_index(m->current->tables, 1);
	ck_assert_int_eq(t->column[ISMS_COL_ID], 0); /* Issue # */
	ck_assert_int_eq(t->column[ISMS_COL_DESCRIPTION], 2);

	/* items open or closed by Date closed, each closure by its commit */
	ASSERT_ITEM(a, m, "NC-01", "closed 2025-09-15 2025-10-31 2025-10-20 2025-10-22");
	ASSERT_ITEM(a, m, "NC-02", "open 2025-05-05 2025-11-30 - -");
	ASSERT_ITEM(a, m, "NC-03", "open - 2026-06-01 - -");
	ASSERT_ITEM(a, m, "NC-04", "closed 2026-01-10 2026-02-28 2026-01-30 2026-02-02");
	ASSERT_ITEM(a, m, "ISS-1", "open 2025-09-22 2026-06-30 2026-01-13 -");
	ASSERT_ITEM(a, m, "ISS-3", "closed 2025-09-25 2025-10-15 - 2025-10-01");
	/* NC-01 went from open to closed when its date was filled in */
	const isms_item_history *h = history_of(m, "NC-01");
	ck_assert_uint_eq(h->transitions->len, 2);
	ck_assert_int_eq(g_array_index(h->transitions, isms_transition, 1).from, ISMS_STATE_OPEN);
	ck_assert_int_eq(g_array_index(h->transitions, isms_transition, 1).to, ISMS_STATE_CLOSED);
	/* 15/09/2025 rewritten as 2025-09-15 is the same raised date */
	ck_assert_uint_eq(h->rewrites->len, 0);

	expect_rule(&fs, "ACT-BAD-VALUE", "register.md:13:NC-03\nregister.md:20:ISS-1");
	ck_assert_str_eq(rule_message(&fs, "ACT-BAD-VALUE", "register.md"),
	                 "item NC-03: raised '03/02/2026' reads as 2026-02-03 (day first) or "
	                 "2026-03-02 (month first): write YYYY-MM-DD, or set date_order: dmy or "
	                 "mdy in .isms-audit.yml");
	f = g_ptr_array_index(fs.items, fs.items->len - 1);
	for (guint i = 0; i < fs.items->len; i++) {
		const isms_finding *x = g_ptr_array_index(fs.items, i);
		if (strcmp(x->rule->id, "ACT-BAD-VALUE") == 0 && strcmp(x->item, "ISS-1") == 0)
			f = x;
	}
	ck_assert_str_eq(f->item, "ISS-1");
	ck_assert_str_eq(f->message, "item ISS-1: status 'In progress' says open but closed "
	                             "'13/01/2026' is filled in: close the item, or clear its "
	                             "closed date");
	ASSERT_EVIDENCE(f, 0, "2026-02-02 row last changed");
	expect_rule(&fs, "ACT-OVERDUE", "register.md:12:NC-02");
	ck_assert_str_eq(rule_message(&fs, "ACT-OVERDUE", "register.md"),
	                 "open item NC-02 is 105 days past its due date 2025-11-30");
	ASSERT_EVIDENCE(find_finding(&fs, "ACT-OVERDUE", "register.md"), 0,
	                "2025-10-01 raised in the register");
	/* a closed status without a closed date: that rule alone */
	expect_rule(&fs, "ACT-CLOSED-NO-DATE", "register.md:22:ISS-3");
	ck_assert_uint_eq(fs.items->len, 4);
	audit_done(a, &fs);
}
END_TEST

/* register-date-order.fixture at 2025-12-15, as committed (date_order:
 * dmy), month first, and with no order. */
START_TEST(date_order_decides_dates_that_read_both_ways)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/register-date-order", "2025-12-15", &fs);
	const isms_register_model *m;

	drop_management(&fs);
	m = g_ptr_array_index(a->registers, 0);
	ck_assert_int_eq(a->config.dialect.date_order, ISMS_DATE_ORDER_DMY);
	ASSERT_ITEM(a, m, "A-1", "closed 2025-04-03 2025-07-05 2025-07-06 2025-07-08");
	ASSERT_ITEM(a, m, "A-2", "open 2025-04-07 2025-12-01 - -");
	ASSERT_ITEM(a, m, "A-3", "open 2025-11-12 - - -");
	expect_rule(&fs, "ACT-BAD-VALUE", "register.md:13:A-3");
	ck_assert_str_eq(rule_message(&fs, "ACT-BAD-VALUE", "register.md"),
	                 "item A-3: due '12/25/2025' is not a date (YYYY-MM-DD)");
	expect_rule(&fs, "ACT-OVERDUE", "register.md:12:A-2");
	ck_assert_str_eq(rule_message(&fs, "ACT-OVERDUE", "register.md"),
	                 "open item A-2 is 14 days past its due date 2025-12-01");
	ck_assert_uint_eq(fs.items->len, 2);
	audit_done(a, &fs);

	a = audit_fixture_config("rules/register-date-order", "2025-12-15", "date_order: mdy\n",
	                         &fs);
	drop_management(&fs);
	m = g_ptr_array_index(a->registers, 0);
	ASSERT_ITEM(a, m, "A-1", "closed 2025-03-04 2025-05-07 2025-06-07 2025-07-08");
	ASSERT_ITEM(a, m, "A-3", "open 2025-12-11 2025-12-25 - -");
	expect_rule(&fs, "ACT-OVERDUE", "register.md:12:A-2");
	ck_assert_str_eq(rule_message(&fs, "ACT-OVERDUE", "register.md"),
	                 "open item A-2 is 337 days past its due date 2025-01-12");
	expect_rule(&fs, "ACT-CLOSURE-BACKDATED", "register.md:11:A-1");
	ck_assert_str_eq(rule_message(&fs, "ACT-CLOSURE-BACKDATED", "register.md"),
	                 "item A-1 has closed date 2025-06-07, but the commit that recorded it "
	                 "closed is of 2025-07-08, 31 days later (more than 30): a closure "
	                 "recorded late or backfilled");
	ck_assert_uint_eq(fs.items->len, 2);
	audit_done(a, &fs);

	/* no order: each date whose readings differ, named with the key; 12/25/2025
	 * is a date only month first, and read so */
	a = audit_fixture_config("rules/register-date-order", "2025-12-15", "date_order: none\n",
	                         &fs);
	drop_management(&fs);
	m = g_ptr_array_index(a->registers, 0);
	ASSERT_ITEM(a, m, "A-3", "open - 2025-12-25 - -");
	expect_rule(&fs, "ACT-BAD-VALUE",
	            "register.md:11:A-1\nregister.md:11:A-1\nregister.md:11:A-1\n"
	            "register.md:12:A-2\nregister.md:12:A-2\nregister.md:13:A-3");
	ck_assert_str_eq(rule_message(&fs, "ACT-BAD-VALUE", "register.md"),
	                 "item A-1: raised '03/04/2025' reads as 2025-04-03 (day first) or "
	                 "2025-03-04 (month first): write YYYY-MM-DD, or set date_order: dmy or "
	                 "mdy in .isms-audit.yml");
	/* a closed item without a readable closed date, and A-2 without a due day */
	expect_rule(&fs, "ACT-OVERDUE", "");
	expect_rule(&fs, "ACT-CLOSURE-BACKDATED", "");
	ck_assert_uint_eq(fs.items->len, 6);
	audit_done(a, &fs);
}
END_TEST

/* register-capa.fixture at 2026-03-31: the CAPA list of the open QMS
 * template, with its exact header, replayed through four commits. */
START_TEST(the_capa_list_of_the_qms_template)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/register-capa", "2026-03-31", &fs);
	const isms_register_model *m;
	const isms_reg_table *t;
	const isms_item_history *h;
	const isms_finding *f;
	isms_report_options opts = ISMS_REPORT_OPTIONS_INIT;
	json_t *root, *item;
	char *json;

	drop_management(&fs);
	ck_assert_uint_eq(a->registers->len, 1);
	m = g_ptr_array_index(a->registers, 0);
	ck_assert_str_eq(m->doc->path, "qms/capa-register.md");
	ck_assert_uint_eq(m->versions, 4);
	ck_assert_uint_eq(m->current->tables->len, 1);
	t = g_ptr_array_index(m->current->tables, 0);
	ck_assert_int_eq(t->line, 12);
	{
		static const int want[ISMS_COL_COUNT] = {[ISMS_COL_ID] = 1,
		                                         [ISMS_COL_RAISED] = 2,
		                                         [ISMS_COL_SOURCE] = 0,
		                                         [ISMS_COL_DESCRIPTION] = 3,
		                                         [ISMS_COL_ROOT_CAUSE] = 4,
		                                         [ISMS_COL_ACTION] = 6,
		                                         [ISMS_COL_OWNER] = -1,
		                                         [ISMS_COL_DUE] = -1,
		                                         [ISMS_COL_STATUS] = -1,
		                                         [ISMS_COL_CLOSED] = 12,
		                                         [ISMS_COL_EFFECTIVENESS] = 11,
		                                         [ISMS_COL_APPROVER] = -1};
		for (int c = 0; c < ISMS_COL_COUNT; c++)
			ck_assert_msg(t->column[c] == want[c], "column %s is cell %d",
			              isms_column_name((isms_column)c), t->column[c]);
	}
	ASSERT_ITEM(a, m, "CAPA-001", "closed 2025-09-10 - 2025-11-01 2025-11-03");
	ASSERT_ITEM(a, m, "CAPA-002", "closed 2025-09-15 - 2026-02-13 2026-02-16");
	ASSERT_ITEM(a, m, "CAPA-003", "open 2026-01-19 - - -");
	h = history_of(m, "CAPA-002");
	ck_assert_str_eq(h->item->cell[ISMS_COL_ROOT_CAUSE],
	                 "Billing system missing from the review list");
	ck_assert_str_eq(h->item->cell[ISMS_COL_EFFECTIVENESS],
	                 "Billing included in the Q1 review too");
	ck_assert_str_eq(h->item->cell[ISMS_COL_SOURCE], "Internal audit");
	ck_assert_str_eq(commit_date(a, h->first_seen), "2025-09-15");
	ck_assert_uint_eq(h->transitions->len, 2);

	/* one finding for the table, none per item */
	expect_rule(&fs, "REG-BAD-TABLE", "qms/capa-register.md:12:table 1");
	ck_assert_str_eq(rule_message(&fs, "REG-BAD-TABLE", "qms/capa-register.md"),
	                 "the register table on line 12 has no Owner and Due columns: its open "
	                 "items cannot show who acts and by when");
	f = find_finding(&fs, "REG-BAD-TABLE", "qms/capa-register.md");
	ASSERT_EVIDENCE(f, 0, "2026-02-16 register last changed");
	ck_assert_uint_eq(fs.items->len, 1);

	/* the JSON contract says the same */
	json = render_report(isms_report_json, a, &fs, &opts);
	root = json_loads(json, 0, NULL);
	ck_assert_ptr_nonnull(root);
	ck_assert_str_eq(json_string_at(root, "registers.0.path"), "qms/capa-register.md");
	item = json_at(root, "registers.0.items.0");
	ck_assert_str_eq(json_string_at(item, "id"), "CAPA-001");
	ck_assert_str_eq(json_string_at(item, "state"), "closed");
	ck_assert(json_is_null(json_at(item, "status")));
	ck_assert_str_eq(json_string_at(item, "closed"), "2025-11-01");
	ck_assert_str_eq(json_string_at(item, "closed_seen.date"), "2025-11-03");
	ck_assert_str_eq(json_string_at(item, "transitions.1.to"), "closed");
	item = json_at(root, "registers.0.items.2");
	ck_assert_str_eq(json_string_at(item, "id"), "CAPA-003");
	ck_assert_str_eq(json_string_at(item, "state"), "open");
	ck_assert_str_eq(json_string_at(item, "raised"), "19/01/2026");
	json_decref(root);
	free(json);
	audit_done(a, &fs);
}
END_TEST

/* healthy.fixture at 2026-01-15: NC-1 listed 2025-06-02, closed 2025-08-20,
 * reopened; OFI-1 listed 2025-06-02, closed 2025-12-10 (typed 2025-12-09,
 * due 2026-03-31); RA-1 listed and accepted 2025-12-10. */
START_TEST(metrics_for_the_management_review)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/healthy", "2026-01-15", &fs);
	isms_metrics m;
	static const int raised[ISMS_METRICS_QUARTERS] = {0, 0, 0, 0, 2, 0, 1, 0};
	static const int closed[ISMS_METRICS_QUARTERS] = {0, 0, 0, 0, 0, 1, 1, 0};

	isms_metrics_compute(a, &m);
	ck_assert_int_eq(m.items, 3);
	ck_assert_int_eq(m.by_state[ISMS_STATE_OPEN], 1);
	ck_assert_int_eq(m.by_state[ISMS_STATE_CLOSED], 1);
	ck_assert_int_eq(m.by_state[ISMS_STATE_ACCEPTED], 1);
	ck_assert_int_eq(m.by_state[ISMS_STATE_WITHDRAWN], 0);
	ck_assert_int_eq(m.quarters[0].year, 2024);
	ck_assert_int_eq(m.quarters[0].quarter, 2);
	ck_assert_int_eq(m.quarters[7].year, 2026);
	ck_assert_int_eq(m.quarters[7].quarter, 1);
	for (int q = 0; q < ISMS_METRICS_QUARTERS; q++) {
		ck_assert_int_eq(m.quarters[q].raised, raised[q]);
		ck_assert_int_eq(m.quarters[q].closed, closed[q]);
	}
	ck_assert_int_eq(m.closure_times, 1);
	ck_assert_int_eq(m.median_days, 191); /* 2025-06-02 to 2025-12-10 */
	ck_assert_int_eq(m.p90_days, 191);
	ck_assert_int_eq(m.open_by_age[3], 1); /* NC-1: 227 days */
	ck_assert_int_eq(m.open_by_age[0] + m.open_by_age[1] + m.open_by_age[2], 0);
	ck_assert_int_eq(m.closed_with_due, 1);
	ck_assert_int_eq(m.closed_on_time, 1);
	audit_done(a, &fs);

	/* the demo: 15 closures, percentiles by nearest rank */
	a = audit_fixture("demo", "2026-11-01", &fs);
	isms_metrics_compute(a, &m);
	ck_assert_int_eq(m.items, 18);
	ck_assert_int_eq(m.by_state[ISMS_STATE_CLOSED], 15);
	ck_assert_int_eq(m.closure_times, 15);
	ck_assert_int_eq(m.median_days, 68);
	ck_assert_int_eq(m.p90_days, 232);
	ck_assert_int_eq(m.closed_on_time, 15);
	audit_done(a, &fs);
}
END_TEST

START_TEST(metrics_in_the_reports)
{
	char *repo = fixture_path("rules/healthy"), *out;
	json_t *root, *m, *q;

	ck_assert_int_eq(
	    run_cli((const char *const[]){"check", repo, "--as-of", "2026-01-15", NULL}, NULL, &out,
	            NULL),
	    0);
	ck_assert_ptr_nonnull(strstr(
	    out, "\nRegister metrics (trends for the management review, clause 9.3.2 d)\n"
	         "  Items: 3 (open 1, closed 1, accepted 1, withdrawn 0)\n"
	         "  Quarter  2024-Q2 2024-Q3 2024-Q4 2025-Q1 2025-Q2 2025-Q3 2025-Q4 2026-Q1\n"
	         "  Raised         0       0       0       0       2       0       1       0\n"
	         "  Closed         0       0       0       0       0       1       1       0\n"
	         "  Days from first listed to recorded closed: median 191, 90th percentile 191 (1 "
	         "closed item)\n"
	         "  Open items by age: 0-30 days 0, 31-90 days 0, 91-180 days 0, over 180 days 1\n"
	         "  On-time closure: 1 of 1 closed items with a due date (100%)\n"));
	g_free(out);
	run_cli(
	    (const char *const[]){"check", repo, "--as-of", "2026-01-15", "--format", "json", NULL},
	    NULL, &out, NULL);
	root = json_loads(out, 0, NULL);
	ck_assert_ptr_nonnull(root);
	m = json_object_get(root, "metrics");
	ck_assert_int_eq(json_integer_value(json_object_get(m, "items")), 3);
	ck_assert_int_eq(
	    json_integer_value(json_object_get(json_object_get(m, "by_state"), "accepted")), 1);
	q = json_array_get(json_object_get(m, "quarters"), 6);
	ck_assert_str_eq(json_string_value(json_object_get(q, "quarter")), "2025-Q4");
	ck_assert_int_eq(json_integer_value(json_object_get(q, "raised")), 1);
	ck_assert_int_eq(json_integer_value(json_object_get(q, "closed")), 1);
	ck_assert_int_eq(
	    json_integer_value(json_object_get(json_object_get(m, "days_to_closure"), "median")),
	    191);
	ck_assert_int_eq(
	    json_integer_value(json_object_get(json_object_get(m, "open_by_age"), "over_180")), 1);
	ck_assert(json_real_value(json_object_get(json_object_get(m, "on_time_closure"), "rate")) ==
	          1.0);
	json_decref(root);
	g_free(out);
	g_free(repo);
}
END_TEST

Suite *register_rules_suite(void)
{
	Suite *s = suite_create("register-rules");
	TCase *tc = tcase_create("register-rules");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, healthy_register_has_one_observation);
	tcase_add_test(tc, closed_and_accepted_items);
	tcase_add_test(tc, register_files_and_tables);
	tcase_add_test(tc, removed_reopened_and_stalled);
	tcase_add_test(tc, renamed_register_keeps_its_items);
	tcase_add_test(tc, configured_register_words);
	tcase_add_test(tc, a_register_without_a_status_column);
	tcase_add_test(tc, date_order_decides_dates_that_read_both_ways);
	tcase_add_test(tc, the_capa_list_of_the_qms_template);
	tcase_add_test(tc, metrics_for_the_management_review);
	tcase_add_test(tc, metrics_in_the_reports);
	suite_add_tcase(s, tc);
	return s;
}
