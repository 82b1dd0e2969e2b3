/* Which way each configuration key weakens the audit (src/config_weaker.c,
 * the `weaker` column of the key table): CONFIG-WEAKENED's comparison. */
#include <string.h>

#include "isms/config.h"
#include "isms/config_keys.h"
#include "isms/error.h"
#include "testutil.h"

static void load_or_fail(isms_config *cfg, const char *name, const char *text)
{
	isms_config_init(cfg);
	ck_assert_msg(isms_config_load(cfg, name, text, strlen(text)) == 0, "%s",
	              isms_error_last());
}

/* The weakenings of `to` against `from` (YAML texts), "LINE: MESSAGE" a
 * line each; every message opens with its item. Caller frees. */
static char *weakenings(const char *from, const char *to)
{
	isms_config a, b;
	GPtrArray *found = g_ptr_array_new_with_free_func(isms_config_weakening_free);
	GString *s = g_string_new(NULL);

	load_or_fail(&a, "from.yml", from);
	load_or_fail(&b, "to.yml", to);
	isms_config_weakenings(&a, &b, found);
	for (guint i = 0; i < found->len; i++) {
		const isms_config_weakening *w = g_ptr_array_index(found, i);
		char *head = g_strconcat(w->item, ": ", NULL);
		ck_assert_msg(g_str_has_prefix(w->message, head), "'%s' does not open with '%s'",
		              w->message, head);
		g_string_append_printf(s, "%d: %s\n", w->line, w->message);
		g_free(head);
	}
	g_ptr_array_free(found, TRUE);
	isms_config_dispose(&a);
	isms_config_dispose(&b);
	return g_string_free(s, FALSE);
}

static void expect_weakenings(const char *from, const char *to, const char *want)
{
	char *got = weakenings(from, to);

	ck_assert_msg(strcmp(got, want) == 0, "from:\n%s\nto:\n%s\ngot:\n%s\nwant:\n%s", from, to,
	              got, want);
	g_free(got);
}

/* Adding a key forces a decision: no row without a direction, and the
 * direction fits the value (a number, a list at the row's offset, or a
 * comparison of its own). */
START_TEST(every_key_declares_which_way_is_weaker)
{
	for (size_t i = 0; i < isms_config_keys_count; i++) {
		const isms_config_key *k = &isms_config_keys[i];
		int number = k->type == ISMS_CONFIG_INT || k->type == ISMS_CONFIG_SIZE ||
		             k->type == ISMS_CONFIG_RATIO || k->type == ISMS_CONFIG_SEVERITY;
		switch (k->weaker) {
		case ISMS_WEAKER_UNDECIDED: ck_abort_msg("%s: no `weaker` decision", k->key); break;
		case ISMS_WEAKER_HIGHER:
		case ISMS_WEAKER_LOWER:
			ck_assert_msg(number, "%s: HIGHER or LOWER of a value that is no number",
			              k->key);
			break;
		case ISMS_WEAKER_ADDED:
		case ISMS_WEAKER_REMOVED:
			ck_assert_msg(!number && k->offset != 0,
			              "%s: ADDED or REMOVED needs the offset of a list", k->key);
			break;
		case ISMS_WEAKER_CUSTOM: break;
		}
		ck_assert_msg((k->weaker == ISMS_WEAKER_CUSTOM) == (k->weaker_fn != NULL),
		              "%s: a comparison function goes with ISMS_WEAKER_CUSTOM only",
		              k->key);
	}
}
END_TEST

/* Writing a key's documented default weakens nothing, either way. */
START_TEST(the_documented_defaults_weaken_nothing)
{
	for (size_t i = 0; i < isms_config_keys_count; i++) {
		const isms_config_key *k = &isms_config_keys[i];
		char *text;
		if (!k->default_is_yaml)
			continue;
		text = g_strdup_printf("%s: %s", k->key, k->default_text);
		expect_weakenings("", text, "");
		expect_weakenings(text, "", "");
		g_free(text);
	}
}
END_TEST

START_TEST(a_stricter_configuration_is_no_weakening)
{
	static const char strict[] =
	    "max_file_size: 512\n"
	    "stale_after_months: 12\n"
	    "static_ratio: 0.3\n"
	    "review_evidence_days: 7\n"
	    "review_cycles: {default: 6 months}\n"
	    "required_fields: {default: [owner, version, review, approver]}\n"
	    "record_types: [record]\n"
	    "fail_on: observation\n"
	    "registers: [isms/log.md]\n"
	    "status_words: {withdrawn: [Withdrawn]}\n"
	    "improvement_ids: [\"OFI*\"]\n"
	    "register_stale_months: 3\n"
	    "closure_window_months: 3\n"
	    "closure_backdate_days: 7\n"
	    "mandatory_clauses: [\"4.3\", \"5.2\", \"6.1.2\", \"6.1.3\", \"6.1.3 d\", \"6.2\", "
	    "\"7.2\", \"8.1\", \"8.2\", \"8.3\", \"9.1\", \"9.2\", \"9.3\", \"10.2\", \"7.5.3\"]\n"
	    "soa: [isms/soa.md]\n"
	    "management_review_months: 6\n"
	    "internal_audit_months: 6\n"
	    "rules: {DOC-STALE-CONTENT: major, ACT-OVERDUE: {severity: major}}\n";
	static const char lax[] =
	    "paths: [isms/policies/]\n"
	    "exclude: [isms/archive/]\n"
	    "rules: {DOC-STALE-CONTENT: off, ACT-NO-OWNER: {exclude: [\"archive/**\"]}}\n"
	    "waivers:\n"
	    "  - {rule: ACT-OVERDUE, item: NC-1, reason: r, approved_by: a, expires: "
	    "2026-06-30}\n";

	expect_weakenings("", strict, "");
	/* undoing weakenings: a rule back on, a waiver and exclusions gone,
	 * paths widened */
	expect_weakenings(lax, "paths: [isms/]", "");
	expect_weakenings(lax, "", "");
	/* a waiver kept as it was, or shortened */
	expect_weakenings(lax,
	                  "paths: [isms/policies/]\nexclude: [isms/archive/]\n"
	                  "rules: {DOC-STALE-CONTENT: off, ACT-NO-OWNER: {exclude: "
	                  "[\"archive/**\"]}}\nwaivers:\n"
	                  "  - {rule: ACT-OVERDUE, item: NC-1, reason: other words, "
	                  "approved_by: b, expires: 2026-01-31}\n",
	                  "");
}
END_TEST

START_TEST(numbers_weaken_upwards)
{
	expect_weakenings("max_file_size: 1024\nfail_on: minor\n",
	                  "stale_after_months: 36\n"
	                  "static_ratio: 0.8\n"
	                  "review_evidence_days: 60\n"
	                  "fail_on: major\n"
	                  "register_stale_months: 12\n"
	                  "closure_window_months: 12\n"
	                  "closure_backdate_days: 90\n"
	                  "management_review_months: 18\n"
	                  "internal_audit_months: 24\n",
	                  "0: max_file_size: 1024 -> 1048576\n"
	                  "1: stale_after_months: 24 -> 36\n"
	                  "2: static_ratio: 0.5 -> 0.8\n"
	                  "3: review_evidence_days: 30 -> 60\n"
	                  "4: fail_on: minor -> major\n"
	                  "5: register_stale_months: 6 -> 12\n"
	                  "6: closure_window_months: 6 -> 12\n"
	                  "7: closure_backdate_days: 30 -> 90\n"
	                  "8: management_review_months: 12 -> 18\n"
	                  "9: internal_audit_months: 12 -> 24\n");
	expect_weakenings("fail_on: observation", "fail_on: never",
	                  "1: fail_on: observation -> never\n");
}
END_TEST

START_TEST(paths_weaken_when_narrowed)
{
	expect_weakenings("", "paths: [docs/]", "1: paths: everything -> 'docs/'\n");
	expect_weakenings("paths: [docs/]", "paths: [docs/policies/]",
	                  "1: paths: 'docs/' -> 'docs/policies/'\n");
	expect_weakenings("paths: [docs/, records/]", "\n\npaths: [docs]",
	                  "3: paths: 'docs/', 'records/' -> 'docs'\n");
	/* the same, reordered, widened, or everything */
	expect_weakenings("paths: [docs/, records/]", "paths: [records, docs/]", "");
	expect_weakenings("paths: [docs/policies/, records/minutes.md]", "paths: [docs/, records/]",
	                  "");
	expect_weakenings("paths: [docs/]", "paths: [.]", "");
	expect_weakenings("paths: [docs/]", "", "");
	/* a glob holds only itself */
	expect_weakenings("paths: [docs/policies/]", "paths: [\"docs/*\"]",
	                  "1: paths: 'docs/policies/' -> 'docs/*'\n");
}
END_TEST

START_TEST(lists_weaken_by_the_entries_that_count)
{
	/* an entry added exempts or excludes more */
	expect_weakenings("",
	                  "exclude: [\"*-draft.md\", tmp/]\n"
	                  "record_types: [record, management-review, internal-audit, register, "
	                  "policy]\n"
	                  "approval_phrases: [approved by, ok]\n"
	                  "improvement_ids: [\"OFI*\", \"IMP*\", \"NC*\"]\n",
	                  "1: exclude: '*-draft.md', 'tmp/' added\n"
	                  "2: record_types: 'policy' added\n"
	                  "3: approval_phrases: 'ok' added\n"
	                  "4: improvement_ids: 'NC*' added\n");
	/* an entry removed leaves something unchecked */
	expect_weakenings("registers: [isms/log.md, isms/old.md]\nsoa: [isms/soa.md]\n",
	                  "registers: [isms/log.md]\nmandatory_clauses: [\"4.3\", \"5.2\"]\n",
	                  "1: registers: 'isms/old.md' removed\n"
	                  "2: mandatory_clauses: '6.1.2', '6.1.3', '6.1.3 d', '6.2', '7.2' and 7 "
	                  "more removed\n"
	                  "0: soa: 'isms/soa.md' removed\n");
}
END_TEST

START_TEST(structured_keys_weaken_entry_by_entry)
{
	expect_weakenings("review_cycles: {procedure: 6 months, policy: 6 months}\n",
	                  "review_cycles: {default: 2 years, procedure: 3 months}\n",
	                  "1: review_cycles.default: 1 year -> 2 years\n"
	                  "1: review_cycles.policy: 6 months -> 2 years\n");
	expect_weakenings("required_fields: {policy: [owner, approver, version, review]}",
	                  "required_fields:\n"
	                  "  default: [owner, review]\n"
	                  "  record:\n"
	                  "  policy: [owner, approved_by, version, review]\n",
	                  "2: required_fields.default: 'version' removed\n"
	                  "3: required_fields.record: 'owner', 'date' removed\n");
	expect_weakenings("",
	                  "register_columns: {root_cause: [Root cause, Notes]}\n"
	                  "status_words: {open: [New], withdrawn: [Withdrawn, Open]}\n"
	                  "review_inputs: {d: [KPI review]}\n",
	                  "1: register_columns.root_cause: 'notes' added\n"
	                  "2: status_words.withdrawn: 'open' added\n"
	                  "3: review_inputs.d: 'kpi review' added\n");
	/* a type given by path, or a clause claimed by path: each new or
	 * changed entry; one removed or narrowed is stricter */
	expect_weakenings("types: {\"docs/adr/**\": record, \"ops/*.md\": procedure}\n"
	                  "clauses: {\"policy.md\": [\"5.2\"], \"scope.md\": [\"4.3\"]}\n",
	                  "types:\n"
	                  "  \"docs/adr/**\": record\n"
	                  "  \"ops/*.md\": record\n"
	                  "  \"notes/\": record\n"
	                  "clauses:\n"
	                  "  \"policy.md\": [\"5.2\", \"6.1.2\"]\n"
	                  "  \"docs/**\": [\"Clause 8.2\"]\n",
	                  "3: types.ops/*.md: 'procedure' -> 'record'\n"
	                  "4: types.notes/: none -> 'record'\n"
	                  "6: clauses.policy.md: '6.1.2' added\n"
	                  "7: clauses.docs/**: '8.2' added\n");
	expect_weakenings("types: {\"docs/\": record}\nclauses: {\"a.md\": [\"5.2\", \"4.3\"]}\n",
	                  "clauses: {\"a.md\": [\"4.3\"]}\n", "");
}
END_TEST

START_TEST(rules_and_waivers_weaken_by_what_they_report)
{
	expect_weakenings(
	    "rules:\n"
	    "  ACT-OVERDUE: major\n"
	    "  DOC-STALE-CONTENT: off\n"
	    "waivers:\n"
	    "  - {rule: DOC-REVIEW-OVERDUE, path: docs/a.md, reason: r, approved_by: a, "
	    "expires: 2026-06-30}\n"
	    "  - {rule: ACT-NO-OWNER, item: NC-2, reason: r, approved_by: a, expires: "
	    "2026-06-30}\n",
	    "rules:\n"
	    "  ACT-OVERDUE: minor\n"
	    "  ACT-NO-OWNER: {exclude: [\"archive/**\"]}\n"
	    "  DOC-REVIEW-OVERDUE: off\n"
	    "  DOC-STALE-CONTENT: {severity: observation, exclude: [docs/]}\n"
	    "waivers:\n"
	    "  - {rule: ACT-NO-OWNER, item: NC-2, reason: r, approved_by: a, expires: "
	    "2026-06-30}\n"
	    "  - {rule: DOC-REVIEW-OVERDUE, path: docs/a.md, reason: r, approved_by: a, "
	    "expires: 2027-06-30}\n"
	    "  - {rule: ACT-OVERDUE, item: NC-1, path: register.md, reason: r, approved_by: a, "
	    "expires: 2026-01-01}\n",
	    "4: rules.DOC-REVIEW-OVERDUE: severity minor -> off\n"
	    "3: rules.ACT-NO-OWNER.exclude: 'archive/**' added\n"
	    "2: rules.ACT-OVERDUE: severity major -> minor\n"
	    "8: waivers.DOC-REVIEW-OVERDUE: path 'docs/a.md' until 2026-06-30 -> until "
	    "2027-06-30\n"
	    "9: waivers.ACT-OVERDUE: path 'register.md' and item 'NC-1' until 2026-01-01 "
	    "added\n");
}
END_TEST

/* The risk keys weaken as their rules report less: a register no longer
 * read, a header word that lets another column count, a longer scale
 * (the same score a lower level), a higher treatment threshold, a longer
 * review or acceptance period. */
START_TEST(risk_keys_weaken_by_what_their_rules_report)
{
	expect_weakenings("risk_registers: [isms/risks.md, isms/old-risks.md]\n",
	                  "risk_registers: [isms/risks.md]\n"
	                  "risk_columns: {approver: [Approver, Notes], owner: [Owner]}\n"
	                  "risk_scale: 10\n"
	                  "risk_treatment_threshold: critical\n"
	                  "risk_review_months: 24\n"
	                  "risk_acceptance_months: 36\n",
	                  "1: risk_registers: 'isms/old-risks.md' removed\n"
	                  "2: risk_columns.approver: 'notes' added\n"
	                  "3: risk_scale: 5 -> 10\n"
	                  "4: risk_treatment_threshold: 'high' -> 'critical'\n"
	                  "5: risk_review_months: 12 -> 24\n"
	                  "6: risk_acceptance_months: 12 -> 36\n");
	/* stricter: a register added, fewer words, a shorter scale, a lower
	 * threshold, shorter periods */
	expect_weakenings("risk_treatment_threshold: critical\n",
	                  "risk_registers: [isms/risks.md]\n"
	                  "risk_columns: {owner: [Owner]}\n"
	                  "risk_scale: 4\n"
	                  "risk_treatment_threshold: medium\n"
	                  "risk_review_months: 6\n"
	                  "risk_acceptance_months: 6\n",
	                  "");
}
END_TEST

/* The approval keys (issue 18): a trailer key added counts more commits as
 * approved; approval_since later judges fewer changes, and traded with its
 * default (the first approval evidence, which only the history knows) it
 * may be later; in `people`, joining identities can hide a self-approval
 * or hand someone a role's authority, and splitting them can make a
 * self-approval read as independent. */
START_TEST(approval_keys_weaken_what_counts_as_approved)
{
	/* trailer keys are matched ignoring case, as the approval code reads them */
	expect_weakenings("", "approval_trailers: [approved-by, Reviewed-By, Signed-off-by]\n",
	                  "1: approval_trailers: 'Signed-off-by' added\n");
	expect_weakenings("", "approval_trailers: [Approved-by]\n", "");
	expect_weakenings("approval_since: 2025-01-01\n", "approval_since: 2025-06-01\n",
	                  "1: approval_since: '2025-01-01' -> '2025-06-01'\n");
	expect_weakenings("approval_since: 2025-06-01\n", "approval_since: 2025-01-01\n", "");
	expect_weakenings("", "approval_since: 2025-01-01\n",
	                  "1: approval_since: the first approval evidence -> '2025-01-01'\n");
	expect_weakenings("approval_since: 2025-01-01\n", "",
	                  "0: approval_since: '2025-01-01' -> the first approval evidence\n");
	/* persons are matched by name ignoring case, their emails ignoring
	 * case; a role given up is stricter */
	expect_weakenings("people:\n"
	                  "  - {name: Sarah Lindqvist, emails: [sarah@example.com], aliases: "
	                  "[slindqvist], roles: [CEO, CISO]}\n"
	                  "  - {name: Bob Builder, emails: [bob@example.com, bob@home.example]}\n",
	                  "people:\n"
	                  "  - {name: sarah lindqvist, emails: [SARAH@example.com, "
	                  "s@home.example], aliases: [slindqvist], roles: [CEO]}\n"
	                  "  - {name: Bob Builder, emails: [bob@example.com], roles: "
	                  "[Information Security Manager]}\n"
	                  "  - {name: Carol Chen, aliases: [cchen]}\n",
	                  "3: people.Bob Builder.emails: 'bob@home.example' removed\n"
	                  "3: people.Bob Builder.roles: 'Information Security Manager' added\n"
	                  "4: people.Carol Chen.aliases: 'cchen' added\n"
	                  "2: people.sarah lindqvist.emails: 's@home.example' added\n");
	expect_weakenings("people: [{name: Dave, emails: [dave@example.com], roles: [CFO]}]\n", "",
	                  "0: people.Dave.emails: 'dave@example.com' removed\n");
	expect_weakenings("people: [{name: Dave, emails: [dave@example.com], roles: [CFO]}]\n",
	                  "people: [{name: Dave, emails: [dave@example.com]}]\n", "");
}
END_TEST

Suite *config_weaker_suite(void)
{
	Suite *s = suite_create("config_weaker");
	TCase *tc = tcase_create("config_weaker");

	tcase_add_test(tc, every_key_declares_which_way_is_weaker);
	tcase_add_test(tc, the_documented_defaults_weaken_nothing);
	tcase_add_test(tc, a_stricter_configuration_is_no_weakening);
	tcase_add_test(tc, numbers_weaken_upwards);
	tcase_add_test(tc, paths_weaken_when_narrowed);
	tcase_add_test(tc, lists_weaken_by_the_entries_that_count);
	tcase_add_test(tc, structured_keys_weaken_entry_by_entry);
	tcase_add_test(tc, rules_and_waivers_weaken_by_what_they_report);
	tcase_add_test(tc, risk_keys_weaken_by_what_their_rules_report);
	tcase_add_test(tc, approval_keys_weaken_what_counts_as_approved);
	suite_add_tcase(s, tc);
	return s;
}
