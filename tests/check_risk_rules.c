/* The risk register rules on their fixtures: exact findings, days and
 * commits; the replayed history; --as-of, derived models and --base. */
#include <string.h>

#include "isms/base.h"
#include "isms/error.h"
#include "isms/metrics.h"
#include "isms/rules.h"
#include "testutil.h"

#define FIXTURE "rules/risk-register"
#define AS_OF   "2026-06-30"
#define REG     "risk/risk-register.md"

/* Every finding of the RISK- rules, as "RULE path:line:item", one a line. */
static char *risk_findings(const isms_findings *fs)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < fs->items->len; i++) {
		const isms_finding *f = g_ptr_array_index(fs->items, i);
		if (!g_str_has_prefix(f->rule->id, "RISK-"))
			continue;
		g_string_append_printf(s, "%s %s:%d:%s\n", f->rule->id, f->path ? f->path : "-",
		                       f->line, f->item ? f->item : "-");
	}
	return g_string_free(s, FALSE);
}

/* The finding of `rule` about an item, or NULL. */
static const isms_finding *finding_of(const isms_findings *fs, const char *rule, const char *item)
{
	for (guint i = 0; i < fs->items->len; i++) {
		const isms_finding *f = g_ptr_array_index(fs->items, i);
		if (strcmp(f->rule->id, rule) == 0 && g_strcmp0(f->item, item) == 0)
			return f;
	}
	return NULL;
}

static const char *message_of(const isms_findings *fs, const char *rule, const char *item)
{
	const isms_finding *f = finding_of(fs, rule, item);

	ck_assert_msg(f != NULL, "no %s finding on %s", rule, item);
	return f->message;
}

/* The evidence of a finding as "DATE note" lines. */
static char *evidence_of(const isms_finding *f)
{
	GString *s = g_string_new(NULL);
	char d[ISMS_DATE_BUFSIZE];

	for (guint k = 0; k < f->evidence->len; k++) {
		const isms_evidence *e = &g_array_index(f->evidence, isms_evidence, k);
		g_string_append_printf(s, "%s %s\n", isms_date_format(e->date, d), e->note);
	}
	return g_string_free(s, FALSE);
}

static void expect_evidence(const isms_findings *fs, const char *rule, const char *item,
                            const char *want)
{
	const isms_finding *f = finding_of(fs, rule, item);
	char *got;

	ck_assert_msg(f != NULL, "no %s finding on %s", rule, item);
	got = evidence_of(f);
	ck_assert_msg(strcmp(got, want) == 0, "%s %s evidence:\nwant\n%s\ngot\n%s", rule, item,
	              want, got);
	g_free(got);
}

static const char every_finding[] = "RISK-BAD-TABLE risk/opportunities.md:9:-\n"
                                    "RISK-BAD-TABLE risk/risk-register.md:32:R-20\n"
                                    "RISK-BAD-TABLE risk/risk-register.md:34:line 34\n"
                                    "RISK-BAD-TABLE risk/supplier-risks.md:10:table 1\n"
                                    "RISK-NO-OWNER risk/risk-register.md:16:R-02\n"
                                    "RISK-NOT-ASSESSED risk/risk-register.md:17:R-03\n"
                                    "RISK-NOT-ASSESSED risk/risk-register.md:18:R-04\n"
                                    "RISK-NOT-ASSESSED risk/risk-register.md:31:R-19\n"
                                    "RISK-NO-TREATMENT risk/risk-register.md:19:R-05\n"
                                    "RISK-NO-TREATMENT risk/risk-register.md:20:R-06\n"
                                    "RISK-CONTROL-EXCLUDED risk/risk-register.md:28:R-16\n"
                                    "RISK-ACCEPTED-NO-APPROVAL risk/risk-register.md:22:R-08\n"
                                    "RISK-ACCEPTANCE-EXPIRED risk/risk-register.md:23:R-09\n"
                                    "RISK-ACCEPTANCE-EXPIRED risk/risk-register.md:24:R-10\n"
                                    "RISK-REVIEW-OVERDUE risk/legacy-risks.md:12:R-L1\n"
                                    "RISK-REVIEW-OVERDUE risk/risk-register.md:24:R-10\n"
                                    "RISK-REVIEW-OVERDUE risk/risk-register.md:29:R-17\n"
                                    "RISK-REVIEW-OVERDUE risk/supplier-risks.md:12:R-S1\n"
                                    "RISK-REMOVED risk/risk-register.md:0:R-14\n"
                                    "RISK-REGISTER-STALE risk/legacy-risks.md:0:-\n"
                                    "RISK-SCORE-LOWERED-UNEVIDENCED risk/risk-register.md:26:R-12\n"
                                    "RISK-TREATMENT-OVERDUE risk/risk-register.md:21:R-07\n";

START_TEST(every_risk_rule_finds_its_case_and_spares_the_compliant_ones)
{
	isms_findings fs;
	isms_audit *a = audit_fixture(FIXTURE, AS_OF, &fs);
	char *got = risk_findings(&fs);

	ck_assert_str_eq(got, every_finding);
	/* R-S2 and the archive: nothing */
	ck_assert_ptr_null(strstr(got, "R-01\n"));
	ck_assert_ptr_null(strstr(got, "R-13\n"));
	ck_assert_ptr_null(strstr(got, "R-18\n"));
	ck_assert_ptr_null(strstr(got, "R-21\n"));
	ck_assert_ptr_null(strstr(got, "archive-2023"));
	g_free(got);
	audit_done(a, &fs);
}
END_TEST

START_TEST(the_messages_say_what_and_by_how_much)
{
	isms_findings fs;
	isms_audit *a = audit_fixture(FIXTURE, AS_OF, &fs);

	ck_assert_str_eq(message_of(&fs, "RISK-TREATMENT-OVERDUE", "R-07"),
	                 "risk R-07 is 181 days past its treatment due date 2025-12-31 and not "
	                 "recorded as treated (the due date moved twice)");
	expect_evidence(&fs, "RISK-TREATMENT-OVERDUE", "R-07",
	                "2025-01-15 listed in the register\n"
	                "2025-06-20 due date moved from 2025-06-30 to 2025-09-30\n"
	                "2025-09-25 due date moved from 2025-09-30 to 2025-12-31\n");
	ck_assert_str_eq(message_of(&fs, "RISK-REMOVED", "R-14"),
	                 "risk R-14 (in treatment) was deleted on 2026-03-16 by Tom Tech "
	                 "<tom@example.com> (commit 4965721485bf) without being closed or "
	                 "retired first: the record of its assessment and treatment is gone");
	expect_evidence(&fs, "RISK-REMOVED", "R-14",
	                "2025-01-15 first listed\n"
	                "2026-03-16 removed by Tom Tech <tom@example.com>\n");
	ck_assert_str_eq(message_of(&fs, "RISK-SCORE-LOWERED-UNEVIDENCED", "R-12"),
	                 "risk R-12 was re-scored from 4 x 4 = 16 to 2 x 4 = 8 on 2026-02-02 in "
	                 "a commit that changed neither its status or treatment nor its review "
	                 "date: no reassessment is recorded");
	expect_evidence(&fs, "RISK-SCORE-LOWERED-UNEVIDENCED", "R-12",
	                "2026-02-02 score lowered from 4 x 4 = 16 to 2 x 4 = 8\n");
	ck_assert_str_eq(message_of(&fs, "RISK-ACCEPTANCE-EXPIRED", "R-09"),
	                 "risk R-09 was accepted until 2026-03-31, 91 days ago, and has not been "
	                 "accepted again");
	ck_assert_str_eq(message_of(&fs, "RISK-ACCEPTANCE-EXPIRED", "R-10"),
	                 "risk R-10 was accepted on 2025-01-15 and not accepted again within 12 "
	                 "months (risk_acceptance_months): the acceptance lapsed on 2026-01-15, "
	                 "166 days ago");
	expect_evidence(&fs, "RISK-ACCEPTANCE-EXPIRED", "R-10", "2025-01-15 acceptance recorded\n");
	ck_assert_str_eq(message_of(&fs, "RISK-NOT-ASSESSED", "R-03"),
	                 "risk R-03 has no score and no likelihood and impact: it has not been "
	                 "assessed");
	ck_assert_str_eq(message_of(&fs, "RISK-NOT-ASSESSED", "R-04"),
	                 "risk R-04 has score 6, but likelihood 3 x impact 4 is 12");
	ck_assert_str_eq(message_of(&fs, "RISK-NOT-ASSESSED", "R-19"),
	                 "risk R-19 is rated 'Low', but likelihood 4 x impact 5 is 20, critical "
	                 "on the 5-point scale");
	ck_assert_str_eq(message_of(&fs, "RISK-NO-TREATMENT", "R-05"),
	                 "risk R-05 is critical (4 x 5 = 20), at or above the treatment "
	                 "threshold (high), but no treatment option is chosen");
	ck_assert_str_eq(message_of(&fs, "RISK-NO-TREATMENT", "R-06"),
	                 "risk R-06 is high (4 x 4 = 16), at or above the treatment threshold "
	                 "(high), and is to be treated (treat) but has no treatment plan or "
	                 "controls");
	ck_assert_str_eq(message_of(&fs, "RISK-CONTROL-EXCLUDED", "R-16"),
	                 "risk R-16 is treated with control 7.4 (docs/soa.md:15), which the "
	                 "Statement of Applicability marks not applicable: the treatment and the "
	                 "SoA disagree");
	ck_assert_str_eq(message_of(&fs, "RISK-REVIEW-OVERDUE", "R-17"),
	                 "risk R-17 was last reviewed on 2025-01-15, more than 12 months ago: its "
	                 "review was due on 2026-01-15, 166 days ago");
	ck_assert_str_eq(message_of(&fs, "RISK-REVIEW-OVERDUE", "R-S1"),
	                 "risk R-S1 was due for review on 2026-05-31, 30 days ago");
	ck_assert_str_eq(message_of(&fs, "RISK-REVIEW-OVERDUE", "R-L1"),
	                 "risk R-L1 has no review date and its row has not changed since "
	                 "2025-01-15, more than 12 months ago: its review was due on 2026-01-15, "
	                 "166 days ago");
	ck_assert_str_eq(rule_message(&fs, "RISK-REGISTER-STALE", "risk/legacy-risks.md"),
	                 "the risk register has not changed since 2025-01-15, 531 days before "
	                 "the audit date (more than 12 months): the risk assessment is not kept "
	                 "current");
	ck_assert_str_eq(message_of(&fs, "RISK-BAD-TABLE", "R-20"),
	                 "risk R-20: status 'Pending' is not a known status word; due 'soon' is "
	                 "not a date (YYYY-MM-DD)");
	ck_assert_str_eq(message_of(&fs, "RISK-BAD-TABLE", "table 1"),
	                 "the risk table on line 10 has no Owner and Treatment columns: its "
	                 "risks cannot show who owns them and how they are treated");
	ck_assert_str_eq(rule_message(&fs, "RISK-BAD-TABLE", "risk/opportunities.md"),
	                 "risk/opportunities.md has no risk table (a table with a risk id column "
	                 "and a likelihood, impact, score or treatment column): no risk is shown "
	                 "assessed");
	ck_assert_str_eq(message_of(&fs, "RISK-ACCEPTED-NO-APPROVAL", "R-08"),
	                 "risk R-08 is accepted but nobody is recorded as accepting it (an "
	                 "Accepted by or Approver column, or \"approved by NAME\" in its "
	                 "treatment or plan)");
	ck_assert_str_eq(message_of(&fs, "RISK-NO-OWNER", "R-02"),
	                 "risk R-02 has no owner: nobody is accountable for it and its treatment");
	audit_done(a, &fs);
}
END_TEST

static const isms_risk_history *history_of(const isms_audit *a, const char *path, const char *id)
{
	for (guint k = 0; k < a->risk_registers->len; k++) {
		const isms_risk_model *m = g_ptr_array_index(a->risk_registers, k);
		if (strcmp(m->doc->path, path) != 0)
			continue;
		for (guint i = 0; i < m->risks->len; i++) {
			const isms_risk_history *h = g_ptr_array_index(m->risks, i);
			if (strcmp(h->id, id) == 0)
				return h;
		}
	}
	ck_abort_msg("no risk %s in %s", id, path);
	return NULL;
}

/* Every change of one risk as "DATE kind from -> to[ lowered][ reassessed]". */
static char *changes_of(const isms_audit *a, const isms_risk_history *h)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < h->changes->len; i++) {
		const isms_risk_change *c = &g_array_index(h->changes, isms_risk_change, i);
		g_string_append_printf(s, "%s %s", commit_date(a, c->commit),
		                       isms_risk_change_name(c->kind));
		if (c->from || c->to)
			g_string_append_printf(s, " %s -> %s", c->from ? c->from : "-",
			                       c->to ? c->to : "-");
		g_string_append_printf(s, "%s%s\n", c->lowered ? " lowered" : "",
		                       c->reassessed ? " reassessed" : "");
	}
	return g_string_free(s, FALSE);
}

static void expect_changes(const isms_audit *a, const char *id, const char *want)
{
	char *got = changes_of(a, history_of(a, REG, id));

	ck_assert_msg(strcmp(got, want) == 0, "%s:\nwant\n%s\ngot\n%s", id, want, got);
	g_free(got);
}

/* The register's six versions replayed: what changed when, per risk. */
START_TEST(the_history_of_each_risk_is_replayed)
{
	isms_findings fs;
	isms_audit *a = audit_fixture(FIXTURE, AS_OF, &fs);
	const isms_risk_model *m = NULL;
	const isms_risk_history *h;

	for (guint k = 0; k < a->risk_registers->len; k++)
		if (strcmp(((isms_risk_model *)g_ptr_array_index(a->risk_registers, k))->doc->path,
		           REG) == 0)
			m = g_ptr_array_index(a->risk_registers, k);
	ck_assert_ptr_nonnull(m);
	ck_assert(m->declared);
	ck_assert_uint_eq(m->versions, 6);
	ck_assert_uint_eq(m->risks->len, 21); /* two of them removed */
	ck_assert_uint_eq(a->risk_registers->len, 5);
	/* by path: the archive, the legacy risks and the supplier risks are
	 * risk registers by their tables alone */
	ck_assert(!((isms_risk_model *)g_ptr_array_index(a->risk_registers, 0))->declared);
	ck_assert(((isms_risk_model *)g_ptr_array_index(a->risk_registers, 2))->declared);
	ck_assert_ptr_eq(g_ptr_array_index(a->risk_registers, 3), m);
	ck_assert(!((isms_risk_model *)g_ptr_array_index(a->risk_registers, 4))->declared);

	expect_changes(a, "R-07",
	               "2025-01-15 listed\n"
	               "2025-06-20 due 2025-06-30 -> 2025-09-30\n"
	               "2025-09-25 due 2025-09-30 -> 2025-12-31\n");
	ck_assert_int_eq(history_of(a, REG, "R-07")->due_changes, 2);
	expect_changes(a, "R-12",
	               "2025-01-15 listed\n"
	               "2026-02-02 score 4 x 4 = 16 -> 2 x 4 = 8 lowered\n");
	expect_changes(a, "R-13",
	               "2025-01-15 listed\n"
	               "2025-11-10 score 4 x 4 = 16 -> 2 x 4 = 8 lowered reassessed\n");
	expect_changes(a, "R-15",
	               "2025-01-15 listed\n"
	               "2025-09-25 status In treatment -> Closed\n"
	               "2026-03-16 removed\n");
	h = history_of(a, REG, "R-14");
	ck_assert_str_eq(commit_date(a, h->removed), "2026-03-16");
	ck_assert_int_eq(h->risk->status, ISMS_RISK_IN_TREATMENT); /* as last seen */
	h = history_of(a, REG, "R-10");
	ck_assert_str_eq(commit_date(a, h->accepted_since), "2025-01-15");
	ck_assert_str_eq(commit_date(a, h->last_changed), "2025-01-15");
	h = history_of(a, REG, "R-21");
	ck_assert_str_eq(commit_date(a, h->accepted_since), "2025-11-10");
	/* the register's figures for the management review */
	{
		isms_risk_metrics rm;
		isms_risk_metrics_compute(a, &rm);
		ck_assert_int_eq(rm.risks, 22); /* 19 in the register, R-S1, R-S2, R-L1; not R-A* */
		ck_assert_int_eq(rm.overdue, 1);
		ck_assert_int_eq(rm.accepted, 5);
		ck_assert_int_eq(rm.acceptance_expired, 2);
		ck_assert_int_eq(rm.by_treatment[ISMS_TREAT_RETAIN], 5);
		ck_assert_int_eq(rm.by_treatment[ISMS_TREAT_NONE], 4); /* R-S* */
		ck_assert_int_eq(rm.by_level[ISMS_RISK_CRITICAL], 2);  /* */
		ck_assert_int_eq(rm.heat[4][4], 1);                    /* */
		ck_assert_int_eq(rm.heat[3][4], 2);                    /* */
		ck_assert_int_eq(rm.off_map, 2);                       /* R-03, R-L1 */
		/* 2024-Q3 to 2026-Q2: 11 listed in 2025-Q1, 15 in 2025-Q4; R-15
		 * closed in 2025-Q3 */
		ck_assert_int_eq(rm.quarters[2].raised, 11);
		ck_assert_int_eq(rm.quarters[4].closed, 1);
		ck_assert_int_eq(rm.quarters[5].raised, 15);
	}
	audit_done(a, &fs);
}
END_TEST

/* As of 2026-03-01: R-14 still listed, R-09's acceptance still valid, R-07
 * 60 days overdue, R-10's acceptance lapsed 45 days before. */
START_TEST(as_of_an_earlier_day_the_risks_stand_as_then)
{
	isms_findings fs;
	isms_audit *a = audit_fixture(FIXTURE, "2026-03-01", &fs);

	expect_rule(&fs, "RISK-REMOVED", "");
	expect_rule(&fs, "RISK-ACCEPTANCE-EXPIRED", REG ":24:R-10");
	ck_assert_str_eq(message_of(&fs, "RISK-TREATMENT-OVERDUE", "R-07"),
	                 "risk R-07 is 60 days past its treatment due date 2025-12-31 and not "
	                 "recorded as treated (the due date moved twice)");
	expect_rule(&fs, "RISK-SCORE-LOWERED-UNEVIDENCED", REG ":26:R-12");
	audit_done(a, &fs);
}
END_TEST

/* A model derived from HEAD's walk at an earlier commit (a trend point, a
 * pull request's base) finds what a separate audit as of that day finds. */
START_TEST(a_derived_model_replays_the_risks_as_then)
{
	isms_findings fs, want, got;
	isms_audit *a = audit_fixture(FIXTURE, AS_OF, &fs);
	isms_audit *then = NULL, *fresh;
	isms_day day;
	char *w, *g;

	ck_assert_int_eq(isms_date_parse("2026-03-01", 10, &day), 0);
	ck_assert_int_eq(isms_audit_open_at(a, isms_audit_commit_by(a, day), day, &then), 0);
	isms_findings_init(&got);
	ck_assert_int_eq(isms_rules_run(then, &got), 0);
	fresh = audit_fixture(FIXTURE, "2026-03-01", &want);
	w = risk_findings(&want);
	g = risk_findings(&got);
	ck_assert_str_eq(g, w);
	ck_assert_ptr_nonnull(strstr(g, "RISK-SCORE-LOWERED-UNEVIDENCED"));
	g_free(w);
	g_free(g);
	audit_done(fresh, &want);
	audit_done(then, &got);
	audit_done(a, &fs);
}
END_TEST

/* The keys move the thresholds; risk_columns renames a column. */
START_TEST(the_configuration_sets_the_thresholds)
{
	isms_findings fs;
	isms_audit *a = audit_fixture_config(FIXTURE, AS_OF,
	                                     "risk_treatment_threshold: critical\n"
	                                     "risk_review_months: 24\n"
	                                     "risk_acceptance_months: 24\n"
	                                     "risk_columns:\n  approver: [Approver]\n",
	                                     &fs);

	expect_rule(&fs, "RISK-NO-TREATMENT", REG ":19:R-05"); /* R-06 is only high */
	expect_rule(&fs, "RISK-REVIEW-OVERDUE", "risk/supplier-risks.md:12:R-S1");
	expect_rule(&fs, "RISK-REGISTER-STALE", "");
	expect_rule(&fs, "RISK-ACCEPTANCE-EXPIRED", REG ":23:R-09");
	/* "Accepted by" is no approver column now: lose theirs */
	expect_rule(&fs, "RISK-ACCEPTED-NO-APPROVAL",
	            REG ":22:R-08\n" REG ":23:R-09\n" REG ":24:R-10\n" REG ":25:R-11");
	audit_done(a, &fs);
}
END_TEST

/* risk-date-order.fixture at 2026-06-15 with each date_order: the risk
 * dates that read both ways are decided by it, and without it reported as
 * the issues register reports them, naming the key. */
START_TEST(date_order_decides_risk_dates_that_read_both_ways)
{
	static const char fixture[] = "rules/risk-date-order", as_of[] = "2026-06-15";
	isms_findings fs;
	isms_audit *a = audit_fixture_config(fixture, as_of, "date_order: dmy\n", &fs);
	char *got = risk_findings(&fs);

	ck_assert_int_eq(a->config.risk.date_order, ISMS_DATE_ORDER_DMY);
	ck_assert_str_eq(got, "RISK-ACCEPTANCE-EXPIRED " REG ":14:R-2\n"
	                      "RISK-TREATMENT-OVERDUE " REG ":13:R-1\n");
	ck_assert_str_eq(message_of(&fs, "RISK-TREATMENT-OVERDUE", "R-1"),
	                 "risk R-1 is 73 days past its treatment due date 2026-04-03 and not "
	                 "recorded as treated");
	ck_assert_str_eq(message_of(&fs, "RISK-ACCEPTANCE-EXPIRED", "R-2"),
	                 "risk R-2 was accepted until 2026-06-01, 14 days ago, and has not been "
	                 "accepted again");
	g_free(got);
	audit_done(a, &fs);

	a = audit_fixture_config(fixture, as_of, "date_order: mdy\n", &fs);
	got = risk_findings(&fs);
	ck_assert_str_eq(got, "RISK-BAD-TABLE " REG ":15:R-3\n"
	                      "RISK-ACCEPTANCE-EXPIRED " REG ":14:R-2\n"
	                      "RISK-TREATMENT-OVERDUE " REG ":13:R-1\n");
	ck_assert_str_eq(message_of(&fs, "RISK-BAD-TABLE", "R-3"),
	                 "risk R-3: last_reviewed '25/01/2026' is not a date (YYYY-MM-DD)");
	ck_assert_str_eq(message_of(&fs, "RISK-TREATMENT-OVERDUE", "R-1"),
	                 "risk R-1 is 103 days past its treatment due date 2026-03-04 and not "
	                 "recorded as treated");
	ck_assert_str_eq(message_of(&fs, "RISK-ACCEPTANCE-EXPIRED", "R-2"),
	                 "risk R-2 was accepted until 2026-01-06, 160 days ago, and has not been "
	                 "accepted again");
	g_free(got);
	audit_done(a, &fs);

	/* no order: the two dates are reported, and nothing is read from them */
	a = audit_fixture(fixture, as_of, &fs);
	got = risk_findings(&fs);
	ck_assert_int_eq(a->config.risk.date_order, ISMS_DATE_ORDER_NONE);
	ck_assert_str_eq(got, "RISK-BAD-TABLE " REG ":13:R-1\n"
	                      "RISK-BAD-TABLE " REG ":14:R-2\n");
	ck_assert_str_eq(message_of(&fs, "RISK-BAD-TABLE", "R-1"),
	                 "risk R-1: due '03/04/2026' reads as 2026-04-03 (day first) or 2026-03-04 "
	                 "(month first): write YYYY-MM-DD, or set date_order: dmy or mdy in "
	                 ".isms-audit.yml");
	ck_assert_str_eq(message_of(&fs, "RISK-BAD-TABLE", "R-2"),
	                 "risk R-2: accept_until '01/06/2026' reads as 2026-06-01 (day first) or "
	                 "2026-01-06 (month first): write YYYY-MM-DD, or set date_order: dmy or "
	                 "mdy in .isms-audit.yml");
	g_free(got);
	audit_done(a, &fs);
}
END_TEST

/* The flags of the risk rows: the rules that compare a date with the
 * audit date (or a commit's date plus a period) are date-based, unproven
 * on a shallow clone; those whose evidence is the commit that removed or
 * re-scored the risk cite the change, so that a pull request doing it
 * introduces them even when the base had a finding of the same risk. */
START_TEST(the_risk_rules_carry_their_flags)
{
	static const struct {
		const char *id;
		unsigned flags;
	} want[] = {
	    {"RISK-REGISTER-MISSING", 0},
	    {"RISK-BAD-TABLE", 0},
	    {"RISK-NO-OWNER", 0},
	    {"RISK-NOT-ASSESSED", 0},
	    {"RISK-NO-TREATMENT", 0},
	    {"RISK-TREATMENT-OVERDUE", ISMS_RULE_DATE_BASED},
	    {"RISK-REVIEW-OVERDUE", ISMS_RULE_DATE_BASED},
	    {"RISK-ACCEPTED-NO-APPROVAL", 0},
	    {"RISK-ACCEPTANCE-EXPIRED", ISMS_RULE_DATE_BASED},
	    {"RISK-REMOVED", ISMS_RULE_CITES_CHANGE},
	    {"RISK-SCORE-LOWERED-UNEVIDENCED", ISMS_RULE_CITES_CHANGE},
	    {"RISK-REGISTER-STALE", ISMS_RULE_DATE_BASED},
	    {"RISK-CONTROL-EXCLUDED", 0},
	};
	size_t risk_rules = 0;

	for (size_t i = 0; i < G_N_ELEMENTS(want); i++) {
		const isms_rule *r = isms_rule_find(want[i].id);
		ck_assert_msg(r != NULL, "no rule %s", want[i].id);
		ck_assert_msg(r->flags == want[i].flags, "%s: flags %#x, want %#x", r->id, r->flags,
		              want[i].flags);
	}
	for (size_t i = 0; i < isms_rules_count; i++)
		risk_rules += g_str_has_prefix(isms_rules[i].id, "RISK-");
	ck_assert_uint_eq(risk_rules, G_N_ELEMENTS(want));
}
END_TEST

START_TEST(no_risk_register_is_one_major_finding)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/risk-missing", "2026-01-15", &fs);

	ck_assert_uint_eq(a->risk_registers->len, 0);
	expect_rule(&fs, "RISK-REGISTER-MISSING", "-:0:-\n-:0:risk/register.md");
	ck_assert_str_eq(rule_message(&fs, "RISK-REGISTER-MISSING", NULL),
	                 "no risk register: no document has `type: risk-register` or is listed "
	                 "under `risk_registers`, and none holds a risk table (a Risk ID column "
	                 "with likelihood, impact, score or treatment), so nothing shows the "
	                 "risks assessed, owned and treated");
	ck_assert_str_eq(message_of(&fs, "RISK-REGISTER-MISSING", "risk/register.md"),
	                 "the risk register risk/register.md named in the configuration "
	                 "(.isms-audit.yml) is not an audited Markdown file at the audited commit");
	ck_assert_int_eq(find_finding(&fs, "RISK-REGISTER-MISSING", NULL)->severity,
	                 ISMS_SEV_MAJOR);
	/* MANDATORY-DOC-MISSING does not repeat 8.2 */
	ck_assert_ptr_nonnull(finding_of(&fs, "MANDATORY-DOC-MISSING", "8.3"));
	ck_assert_ptr_null(finding_of(&fs, "MANDATORY-DOC-MISSING", "8.2"));
	ck_assert_ptr_null(finding_of(&fs, "MANDATORY-DOC-MISSING", "6.1.2"));
	audit_done(a, &fs);

	/* with the rule off, the clause is reported missing again */
	a = audit_fixture_config("rules/risk-missing", "2026-01-15",
	                         "rules: {RISK-REGISTER-MISSING: off}\n", &fs);
	expect_rule(&fs, "RISK-REGISTER-MISSING", "");
	ck_assert_ptr_nonnull(finding_of(&fs, "MANDATORY-DOC-MISSING", "8.2"));
	audit_done(a, &fs);
}
END_TEST

/* A pull request that deletes a risk and quietly re-scores another: both
 * findings cite its merge, so they are introduced. */
START_TEST(a_pull_request_introduces_its_removed_and_rescored_risks)
{
	isms_findings fs;
	isms_base b;
	isms_audit_options opts = ISMS_AUDIT_OPTIONS_INIT;
	isms_audit *a = audit_fixture("rules/risk-pull-request", "2025-06-20", &fs);
	char *got;

	opts.path = a->root;
	opts.has_as_of = 1;
	opts.as_of = a->today;
	ck_assert_msg(isms_base_compare(a, &opts, "HEAD~1", &fs, &b) == 0, "%s", isms_error_last());
	got = risk_findings(&fs);
	ck_assert_str_eq(got, "RISK-REMOVED risk/register.md:0:R-1\n"
	                      "RISK-SCORE-LOWERED-UNEVIDENCED risk/register.md:13:R-2\n");
	ck_assert_uint_eq(fs.items->len, 2); /* nothing else is new */
	ck_assert(b.derived);
	g_free(got);
	isms_base_dispose(&b);
	audit_done(a, &fs);
}
END_TEST

/* A healthy ISMS's risk register passes every risk rule. */
START_TEST(a_healthy_risk_register_has_no_finding)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/healthy", "2026-01-15", &fs);
	char *got = risk_findings(&fs);

	ck_assert_str_eq(got, "");
	ck_assert_uint_eq(a->risk_registers->len, 1);
	ck_assert_uint_eq(((isms_risk_model *)g_ptr_array_index(a->risk_registers, 0))->risks->len,
	                  8);
	g_free(got);
	audit_done(a, &fs);
}
END_TEST

Suite *risk_rules_suite(void)
{
	Suite *s = suite_create("risk-rules");
	TCase *tc = tcase_create("risk-rules");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, every_risk_rule_finds_its_case_and_spares_the_compliant_ones);
	tcase_add_test(tc, the_messages_say_what_and_by_how_much);
	tcase_add_test(tc, the_history_of_each_risk_is_replayed);
	tcase_add_test(tc, as_of_an_earlier_day_the_risks_stand_as_then);
	tcase_add_test(tc, a_derived_model_replays_the_risks_as_then);
	tcase_add_test(tc, the_configuration_sets_the_thresholds);
	tcase_add_test(tc, date_order_decides_risk_dates_that_read_both_ways);
	tcase_add_test(tc, the_risk_rules_carry_their_flags);
	tcase_add_test(tc, no_risk_register_is_one_major_finding);
	tcase_add_test(tc, a_pull_request_introduces_its_removed_and_rescored_risks);
	tcase_add_test(tc, a_healthy_risk_register_has_no_finding);
	suite_add_tcase(s, tc);
	return s;
}
