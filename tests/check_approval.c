/* Approval evidence and the approval rules on fixtures/rules/approval: who
 * authored and who approved each change, and what the rules find. */
#include <string.h>

#include "isms/approval.h"
#include "isms/base.h"
#include "isms/error.h"
#include "isms/people.h"
#include "isms/rules.h"
#include "testutil.h"

#define FIXTURE "rules/approval"
#define AS_OF   "2025-12-15"

/* The people of the fixture's .isms-audit.yml, for runs with --config. */
#define PEOPLE                                                                                     \
	"people:\n"                                                                                \
	"  - name: Carol Chen\n"                                                                   \
	"    emails: [carol@corp.example, carol.chen@home.example]\n"                              \
	"    aliases: [cchen]\n"                                                                   \
	"    roles: [CEO]\n"

/* The evidence notes of a finding, one per line, as "DATE note". */
static char *notes(const isms_finding *f)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < f->evidence->len; i++) {
		const isms_evidence *e = &g_array_index(f->evidence, isms_evidence, i);
		char day[ISMS_DATE_BUFSIZE];
		g_string_append_printf(s, "%s%s %s", i ? "\n" : "", isms_date_format(e->date, day),
		                       e->note);
	}
	return g_string_free(s, FALSE);
}

static void expect_notes(const isms_findings *fs, const char *rule, const char *path,
                         const char *want)
{
	const isms_finding *f = find_finding(fs, rule, path);
	char *got;

	ck_assert_msg(f != NULL, "no %s finding about %s", rule, path ? path : "the repository");
	got = notes(f);
	ck_assert_msg(strcmp(got, want) == 0, "%s %s:\nwant\n%s\ngot\n%s", rule, path ? path : "-",
	              want, got);
	g_free(got);
}

/* The last change of a document and its evidence. */
static const isms_doc_change *last_change(const isms_audit *a, const char *path)
{
	const isms_document *d = find_document(a, path);
	const GArray *changes;

	ck_assert_msg(d != NULL, "no document %s", path);
	changes = isms_approval_changes(a, d);
	ck_assert_ptr_nonnull(changes);
	ck_assert_uint_gt(changes->len, 0);
	return &g_array_index(changes, isms_doc_change, changes->len - 1);
}

/* "name <email> (how)" of each party, joined by ", ". */
static char *parties(const GPtrArray *list)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < list->len; i++) {
		const isms_party *p = g_ptr_array_index(list, i);
		g_string_append_printf(s, "%s%s <%s> (%s)", i ? ", " : "", p->name, p->email,
		                       isms_known_by_name(p->how));
	}
	return g_string_free(s, FALSE);
}

static void expect_change(const isms_audit *a, const char *path, const char *kind,
                          const char *state, const char *authors, const char *approvers)
{
	const isms_doc_change *ch = last_change(a, path);
	char *au, *ap;

	ck_assert_ptr_nonnull(ch->approval);
	au = parties(ch->approval->authors);
	ap = parties(ch->approval->approvers);
	ck_assert_msg(strcmp(isms_change_kind_name(ch->approval->kind), kind) == 0 &&
	                  strcmp(isms_approval_state_name(ch->approval->state), state) == 0 &&
	                  strcmp(au, authors) == 0 && strcmp(ap, approvers) == 0,
	              "%s: %s %s, authors %s, approvers %s", path,
	              isms_change_kind_name(ch->approval->kind),
	              isms_approval_state_name(ch->approval->state), au, ap);
	g_free(au);
	g_free(ap);
}

START_TEST(each_change_knows_its_authors_and_approvers)
{
	isms_findings fs;
	isms_audit *a = audit_fixture(FIXTURE, AS_OF, &fs);
	const isms_doc_change *ch;

	expect_change(a, "docs/merged-independent.md", "merge", "independent",
	              "Alice Author <alice@example.com> (merged)",
	              "Bob Reviewer <bob@example.com> (merger)");
	expect_change(a, "docs/self-merged.md", "merge", "self",
	              "Alice Author <alice@example.com> (merged)",
	              "Alice Author <alice@example.com> (merger)");
	expect_change(a, "docs/trailer-independent.md", "direct", "independent",
	              "Alice Author <alice@example.com> (author)",
	              "Bob Reviewer <bob@example.com> (trailer)");
	expect_change(a, "docs/trailer-self.md", "direct", "self",
	              "Dave Dev <dave@example.com> (author)", "Dave Dev <> (trailer)");
	expect_change(a, "docs/signed-off.md", "direct", "none",
	              "Alice Author <alice@example.com> (author)", "");
	expect_change(a, "docs/squash.md", "forge", "unknown",
	              "Alice Author <alice@example.com> (author)", "");
	expect_change(a, "docs/squash-approved.md", "forge", "independent",
	              "Alice Author <alice@example.com> (author)",
	              "Bob Reviewer <bob@example.com> (trailer)");
	expect_change(a, "docs/direct.md", "direct", "none",
	              "Alice Author <alice@example.com> (author)", "");
	expect_change(a, "docs/bot-merged.md", "merge", "unknown",
	              "Alice Author <alice@example.com> (merged)", "");
	expect_change(a, "docs/bot-committed.md", "merge", "independent",
	              "Alice Author <alice@example.com> (merged)",
	              "Bob Reviewer <bob@example.com> (committer)");
	expect_change(a, "docs/role-approver.md", "merge", "independent",
	              "Alice Author <alice@example.com> (merged)",
	              "cchen <carol.chen@home.example> (merger)");
	expect_change(a, "docs/joined-identity.md", "merge", "self",
	              "cchen <carol.chen@home.example> (merged)",
	              "Carol Chen <carol@corp.example> (merger)");
	expect_change(a, "docs/coauthored.md", "direct", "self",
	              "Alice Author <alice@example.com> (author), Bob Reviewer <bob@example.com> "
	              "(co-author)",
	              "Bob Reviewer <bob@example.com> (trailer)");

	/* a signature is recorded, the squash's request number read */
	ck_assert(last_change(a, "docs/merged-independent.md")->approval->is_signed);
	ck_assert(!last_change(a, "docs/self-merged.md")->approval->is_signed);
	ck_assert_uint_eq(last_change(a, "docs/squash.md")->approval->pull_request, 7);
	ck_assert_str_eq(last_change(a, "docs/squash.md")->approval->forge, "GitHub");
	ck_assert_uint_eq(last_change(a, "docs/merged-independent.md")->approval->merged, 1);
	/* what each change did: the date-only review */
	ch = last_change(a, "docs/date-review.md");
	ck_assert_uint_eq(ch->what, ISMS_CHANGED_REVIEW);
	ch = last_change(a, "docs/direct.md");
	ck_assert_uint_eq(ch->what, ISMS_CHANGED_TEXT | ISMS_CHANGED_VERSION);
	/* reviews began with the first merge, 2025-02-03 */
	ck_assert_str_eq(commit_date(a, a->approvals->first_evidence), "2025-02-03");
	ck_assert(!isms_approval_judged(a, 0));
	audit_done(a, &fs);
}
END_TEST

START_TEST(the_rules_find_each_lapse)
{
	isms_findings fs;
	isms_audit *a = audit_fixture(FIXTURE, AS_OF, &fs);

	expect_rule(&fs, "DOC-SELF-APPROVED",
	            "docs/coauthored.md:0:-\ndocs/date-review.md:0:-\ndocs/joined-identity.md:0:-\n"
	            "docs/self-merged.md:0:-\ndocs/trailer-self.md:0:-");
	expect_rule(&fs, "DOC-CHANGE-UNAPPROVED", "docs/direct.md:0:-\ndocs/signed-off.md:0:-");
	expect_rule(&fs, "DOC-APPROVAL-UNKNOWN", "-:0:-");
	expect_rule(&fs, "DOC-APPROVER-MISMATCH", "docs/approver-mismatch.md:6:-");

	ck_assert_str_eq(rule_message(&fs, "DOC-SELF-APPROVED", "docs/self-merged.md"),
	                 "1 change was approved only by an author of the change: the one who "
	                 "writes a document must not be the only one who approves it");
	expect_notes(&fs, "DOC-SELF-APPROVED", "docs/self-merged.md",
	             "2025-02-10 Alice Author merged their own change");
	expect_notes(&fs, "DOC-SELF-APPROVED", "docs/trailer-self.md",
	             "2025-02-24 Dave Dev approved their own change (Approved-by)");
	expect_notes(&fs, "DOC-SELF-APPROVED", "docs/joined-identity.md",
	             "2025-04-28 Carol Chen merged their own change");
	ck_assert_str_eq(rule_message(&fs, "DOC-SELF-APPROVED", "docs/date-review.md"),
	                 "1 change (a review date alone) was approved only by an author of the "
	                 "change: the one who writes a document must not be the only one who "
	                 "approves it");
	expect_notes(&fs, "DOC-SELF-APPROVED", "docs/date-review.md",
	             "2025-05-05 review date only: Alice Author approved their own change "
	             "(Approved-by)");
	expect_notes(&fs, "DOC-SELF-APPROVED", "docs/coauthored.md",
	             "2025-05-12 Bob Reviewer approved their own change (Approved-by)");

	ck_assert_str_eq(rule_message(&fs, "DOC-CHANGE-UNAPPROVED", "docs/direct.md"),
	                 "1 text change since 2025-02-03 (the first commit with approval "
	                 "evidence) reached the branch with no approval evidence: direct commit "
	                 "without an approval trailer");
	expect_notes(&fs, "DOC-CHANGE-UNAPPROVED", "docs/signed-off.md",
	             "2025-03-03 direct commit by Alice Author, no approval trailer");
	ck_assert_int_eq(find_finding(&fs, "DOC-CHANGE-UNAPPROVED", "docs/direct.md")->severity,
	                 ISMS_SEV_MINOR);

	ck_assert_str_eq(rule_message(&fs, "DOC-APPROVAL-UNKNOWN", NULL),
	                 "the approval of 2 text changes to 2 documents in force since 2025-02-03 "
	                 "(the first commit with approval evidence) cannot be shown from Git: a "
	                 "forge squashed or rebased them, or a bot merged them, with no approval "
	                 "trailer; keep merge commits, or require an Approved-by trailer in the "
	                 "squash message");
	expect_notes(&fs, "DOC-APPROVAL-UNKNOWN", NULL,
	             "2025-03-10 squash or rebase merge of #7 by GitHub, no approval trailer\n"
	             "2025-03-31 merged by a bot or the forge, not a person: no approval trailer");

	ck_assert_str_eq(rule_message(&fs, "DOC-APPROVER-MISMATCH", "docs/approver-mismatch.md"),
	                 "names 'Carol Chen' as approver, but none of the changes since version "
	                 "'1.1' was set on 2025-04-21 was approved by them: approved by Bob "
	                 "Reviewer");
	expect_notes(&fs, "DOC-APPROVER-MISMATCH", "docs/approver-mismatch.md",
	             "2025-04-21 authored by Alice Author, approved by Bob Reviewer (merge)");
	/* the compliant cases */
	ck_assert_ptr_null(find_finding(&fs, "DOC-APPROVER-MISMATCH", "docs/role-approver.md"));
	ck_assert_ptr_null(find_finding(&fs, "DOC-SELF-APPROVED", "docs/merged-independent.md"));
	audit_done(a, &fs);
}
END_TEST

START_TEST(signed_off_by_counts_only_when_configured)
{
	isms_findings fs;
	isms_audit *a = audit_fixture_config(
	    FIXTURE, AS_OF, PEOPLE "approval_trailers: [Approved-by, Signed-off-by]\n", &fs);

	expect_change(a, "docs/signed-off.md", "direct", "independent",
	              "Alice Author <alice@example.com> (author)",
	              "Bob Reviewer <bob@example.com> (trailer)");
	expect_rule(&fs, "DOC-CHANGE-UNAPPROVED", "docs/direct.md:0:-");
	audit_done(a, &fs);
}
END_TEST

START_TEST(people_join_identities_and_name_roles)
{
	isms_findings fs;
	/* without `people:`, cchen and Carol Chen are two people, and no one
	 * holds the role CEO */
	isms_audit *a = audit_fixture_config(FIXTURE, AS_OF, "fail_on: never\n", &fs);

	expect_change(a, "docs/joined-identity.md", "merge", "independent",
	              "cchen <carol.chen@home.example> (merged)",
	              "Carol Chen <carol@corp.example> (merger)");
	ck_assert_ptr_null(find_finding(&fs, "DOC-SELF-APPROVED", "docs/joined-identity.md"));
	expect_rule(&fs, "DOC-APPROVER-MISMATCH",
	            "docs/approver-mismatch.md:6:-\ndocs/role-approver.md:6:-");
	ck_assert_str_eq(rule_message(&fs, "DOC-APPROVER-MISMATCH", "docs/role-approver.md"),
	                 "names 'CEO' as approver, but none of the changes since version '1.1' "
	                 "was set on 2025-04-14 was approved by them: approved by cchen (no "
	                 "commit identity or `people:` entry matches 'CEO': list the person and "
	                 "their roles under `people:`)");
	audit_done(a, &fs);
}
END_TEST

START_TEST(approval_since_starts_the_judging)
{
	isms_findings fs;
	isms_audit *a =
	    audit_fixture_config(FIXTURE, AS_OF, PEOPLE "approval_since: 2025-03-20\n", &fs);

	/* before it: signed-off.md (2025-03-03), self-merged.md, trailer-self.md */
	expect_rule(&fs, "DOC-CHANGE-UNAPPROVED", "docs/direct.md:0:-");
	expect_rule(&fs, "DOC-SELF-APPROVED",
	            "docs/coauthored.md:0:-\ndocs/date-review.md:0:-\ndocs/joined-identity.md:0:-");
	ck_assert_str_eq(rule_message(&fs, "DOC-CHANGE-UNAPPROVED", "docs/direct.md"),
	                 "1 text change since 2025-03-20 (approval_since) reached the branch with "
	                 "no approval evidence: direct commit without an approval trailer");
	ck_assert_str_eq(
	    rule_message(&fs, "DOC-APPROVAL-UNKNOWN", NULL),
	    "the approval of 1 text change to 1 document in force since 2025-03-20 "
	    "(approval_since) cannot be shown from Git: a forge squashed or rebased "
	    "them, or a bot merged them, with no approval trailer; keep merge commits, "
	    "or require an Approved-by trailer in the squash message");
	audit_done(a, &fs);
}
END_TEST

START_TEST(a_history_without_approval_evidence_gets_one_finding)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/version-not-bumped", "2026-01-15", &fs);
	const isms_finding *f;

	expect_rule(&fs, "DOC-CHANGE-UNAPPROVED", "-:0:-");
	f = find_finding(&fs, "DOC-CHANGE-UNAPPROVED", NULL);
	ck_assert_int_eq(f->severity, ISMS_SEV_OBSERVATION);
	ck_assert_str_eq(f->message,
	                 "no change to a controlled document shows approval evidence: the 6 text "
	                 "changes to 3 documents in force since 2025-01-10 reached the branch as "
	                 "direct commits without an approval trailer, so no review or approval of "
	                 "documented information can be shown from Git (merge commits or an "
	                 "Approved-by trailer would show it)");
	expect_notes(&fs, "DOC-CHANGE-UNAPPROVED", NULL,
	             "2025-01-10 first change without approval evidence\n"
	             "2025-04-01 latest change without approval evidence");
	ck_assert_ptr_null(find_finding(&fs, "DOC-SELF-APPROVED", NULL));
	ck_assert_ptr_null(find_finding(&fs, "DOC-APPROVAL-UNKNOWN", NULL));
	audit_done(a, &fs);
}
END_TEST

/* --base on the branch `pr`: its own commits are not merged yet. */
START_TEST(a_pull_request_is_judged_once_merged_but_its_self_approval_now)
{
	isms_audit_options opts = ISMS_AUDIT_OPTIONS_INIT;
	char *path = fixture_path(FIXTURE);
	isms_findings fs;
	isms_audit *a = NULL;
	isms_base b;

	opts.path = path;
	opts.rev = "pr";
	opts.has_as_of = 1;
	ck_assert_int_eq(isms_date_parse(AS_OF, strlen(AS_OF), &opts.as_of), 0);
	ck_assert_msg(isms_audit_open(&a, &opts) == 0, "%s", isms_error_last());
	isms_findings_init(&fs);
	ck_assert_int_eq(isms_rules_run(a, &fs), 0);
	/* on its own, the branch's direct edit is unapproved */
	ck_assert_ptr_nonnull(
	    find_finding(&fs, "DOC-CHANGE-UNAPPROVED", "docs/merged-independent.md"));
	ck_assert_msg(isms_base_compare(a, &opts, "main", &fs, &b) == 0, "%s", isms_error_last());
	ck_assert_uint_eq(b.changes, 2);
	expect_rule(&fs, "DOC-SELF-APPROVED", "docs/trailer-independent.md:0:-");
	expect_notes(&fs, "DOC-SELF-APPROVED", "docs/trailer-independent.md",
	             "2025-06-03 Dave Dev approved their own change (Approved-by)");
	expect_rule(&fs, "DOC-CHANGE-UNAPPROVED", "");
	ck_assert_uint_eq(fs.items->len, 1);
	isms_base_dispose(&b);
	audit_done(a, &fs);
	g_free(path);
}
END_TEST

START_TEST(people_are_matched_by_email_then_by_name)
{
	isms_person_entry carol = {"Carol Chen", g_ptr_array_new(), g_ptr_array_new(),
	                           g_ptr_array_new(), 1};
	GPtrArray *entries = g_ptr_array_new();
	isms_people *p;
	guint32 c, x, y;

	g_ptr_array_add(carol.emails, "carol@corp.example");
	g_ptr_array_add(carol.aliases, "cchen");
	g_ptr_array_add(carol.roles, "Chief Executive Officer");
	g_ptr_array_add(entries, &carol);
	p = isms_people_new(entries);
	c = isms_people_resolve(p, "Carol Chen", "CAROL@corp.example");
	ck_assert_uint_eq(isms_people_resolve(p, "C. Chen", "carol@corp.example"), c);
	ck_assert_uint_eq(isms_people_resolve(p, " CCHEN ", "cc@laptop.local"), c);
	/* the laptop address is now hers too */
	ck_assert_uint_eq(isms_people_resolve(p, NULL, "cc@laptop.local"), c);
	x = isms_people_resolve(p, "Xavier", "x@example.com");
	ck_assert_uint_ne(x, c);
	ck_assert_uint_eq(isms_people_resolve(p, "xavier", NULL), x);
	/* email first: a shared name with another address is matched by the
	 * address it has */
	y = isms_people_resolve(p, "Yann", "y@example.com");
	ck_assert_uint_eq(isms_people_resolve(p, "Xavier", "y@example.com"), y);
	ck_assert_str_eq(isms_people_name(p, c), "Carol Chen");
	ck_assert(isms_people_named(p, c, "Carol Chen (Chief Executive Officer)"));
	ck_assert(isms_people_named(p, c, "the chief executive officer"));
	ck_assert(isms_people_named(p, c, "cchen"));
	ck_assert(!isms_people_named(p, c, "Chen Industries"));
	ck_assert(isms_people_known(p, "xavier"));
	ck_assert(!isms_people_known(p, "CISO"));
	isms_people_free(p);
	g_ptr_array_free(carol.emails, TRUE);
	g_ptr_array_free(carol.aliases, TRUE);
	g_ptr_array_free(carol.roles, TRUE);
	g_ptr_array_free(entries, TRUE);
}
END_TEST

START_TEST(bots_and_forges_are_no_one)
{
	ck_assert_int_eq(isms_identity_classify("GitHub", "noreply@github.com"),
	                 ISMS_IDENTITY_FORGE);
	ck_assert_int_eq(isms_identity_classify("GitLab", "gitlab@example.com"),
	                 ISMS_IDENTITY_FORGE);
	ck_assert_int_eq(
	    isms_identity_classify("dependabot[bot]",
	                           "49699333+dependabot[bot]@users.noreply.github.com"),
	    ISMS_IDENTITY_BOT);
	ck_assert_int_eq(isms_identity_classify("renovate-bot", "bot@renovateapp.com"),
	                 ISMS_IDENTITY_BOT);
	ck_assert_int_eq(isms_identity_classify("project_12_bot_3f2a", "x@noreply.example"),
	                 ISMS_IDENTITY_BOT);
	ck_assert_int_eq(isms_identity_classify("Ann Talbot", "ann@example.com"),
	                 ISMS_IDENTITY_PERSON);
	ck_assert_int_eq(isms_identity_classify("Sarah", "12+sarah@users.noreply.github.com"),
	                 ISMS_IDENTITY_PERSON);
}
END_TEST

/* The approver from any metadata source, not only front matter
 * (fixtures/rules/approval-sources): a document-control table's `Approved
 * By | CISO`, matched through the role `people:` gives Carol Chen, and a
 * key line `**Approver:** Carol Chen`, whose change Bob merged. */
START_TEST(the_approver_is_read_from_any_source)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/approval-sources", AS_OF, &fs);

	expect_rule(&fs, "DOC-APPROVER-MISMATCH", "docs/line-approver.md:4:-");
	ck_assert_str_eq(rule_message(&fs, "DOC-APPROVER-MISMATCH", "docs/line-approver.md"),
	                 "names 'Carol Chen' as approver, but none of the changes since version "
	                 "'1.1' was set on 2025-02-10 was approved by them: approved by Bob "
	                 "Reviewer");
	expect_change(a, "docs/table-approver.md", "merge", "independent",
	              "Alice Author <alice@example.com> (merged)",
	              "cchen <carol.chen@home.example> (merger)");
	expect_rule(&fs, "DOC-SELF-APPROVED", "");
	expect_rule(&fs, "DOC-CHANGE-UNAPPROVED", "");
	audit_done(a, &fs);

	/* without `people:` no one holds the role: the table's approver is
	 * reported at its row */
	a = audit_fixture_config("rules/approval-sources", AS_OF, "fail_on: never\n", &fs);
	expect_rule(&fs, "DOC-APPROVER-MISMATCH",
	            "docs/line-approver.md:4:-\ndocs/table-approver.md:6:-");
	ck_assert_ptr_nonnull(
	    strstr(rule_message(&fs, "DOC-APPROVER-MISMATCH", "docs/table-approver.md"),
	           "(no commit identity or `people:` entry matches 'CISO'"));
	audit_done(a, &fs);
}
END_TEST

/* Drafts (fixtures/rules/approval-drafts): a draft's changes are not
 * judged, so approving drafts as ISMS-NOT-APPROVED asks brings no finding
 * for how they were written; the change that puts a draft in force is its
 * approval, and is judged. */
START_TEST(a_draft_is_judged_when_it_is_put_in_force)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/approval-drafts", AS_OF, &fs);
	const isms_document *d = find_document(a, "docs/drafted.md");
	const GArray *changes = isms_approval_changes(a, d);

	expect_rule(&fs, "DOC-CHANGE-UNAPPROVED", "docs/pushed-draft.md:0:-");
	ck_assert_str_eq(rule_message(&fs, "DOC-CHANGE-UNAPPROVED", "docs/pushed-draft.md"),
	                 "1 change putting a draft in force since 2025-02-03 (the first commit "
	                 "with approval evidence) reached the branch with no approval evidence: "
	                 "direct commit without an approval trailer");
	expect_rule(&fs, "DOC-SELF-APPROVED", "docs/self-approved-draft.md:0:-");
	expect_notes(&fs, "DOC-SELF-APPROVED", "docs/self-approved-draft.md",
	             "2025-06-02 put in force: Alice Author merged their own change");
	expect_rule(&fs, "ISMS-NOT-APPROVED", "");
	/* the addition, two edits of the draft, and Bob's merge putting it in
	 * force: only that one is judged */
	ck_assert_uint_eq(changes->len, 4);
	for (guint i = 0; i < 3; i++) {
		const isms_doc_change *ch = &g_array_index(changes, isms_doc_change, i);
		ck_assert(ch->not_in_force && !isms_approval_change_judged(a, ch));
	}
	ck_assert_uint_eq(g_array_index(changes, isms_doc_change, 3).what,
	                  ISMS_CHANGED_VERSION | ISMS_CHANGED_IN_FORCE);
	ck_assert(isms_approval_change_judged(a, &g_array_index(changes, isms_doc_change, 3)));
	expect_change(a, "docs/drafted.md", "merge", "independent",
	              "Alice Author <alice@example.com> (merged)",
	              "Bob Reviewer <bob@example.com> (merger)");
	/* a document still a draft: held to nothing */
	changes = isms_approval_changes(a, find_document(a, "docs/still-draft.md"));
	ck_assert(!isms_approval_change_judged(
	    a, &g_array_index(changes, isms_doc_change, changes->len - 1)));
	audit_done(a, &fs);
}
END_TEST

/* Approval evidence in commits dated outside the calendar
 * (fixtures/hostile/approval-dates): the default start is a place in the
 * history, not a day; approval_since judges no commit of unknown date;
 * no quarter holds one; init suggests no day from one; no report prints
 * an invalid date or a GLib warning. */
START_TEST(commit_dates_outside_the_calendar_are_judged_by_place)
{
	static const char *const formats[] = {"text",   "json",     "sarif", "junit", "codeclimate",
	                                      "github", "markdown", "html",  NULL};
	isms_findings fs;
	isms_audit *a = audit_fixture("hostile/approval-dates", "2026-01-15", &fs);
	char *repo = fixture_path("hostile/approval-dates"), *out, *err, *want;
	isms_approval_quarter q[ISMS_APPROVAL_QUARTERS];
	/* the history: the addition, the clarification (the first evidence,
	 * of unknown date), the push of unknown date, the push of 2025-10-01 */
	const char *first = commit_hex(a, 1);

	expect_rule(&fs, "DOC-CHANGE-UNAPPROVED", "docs/policy.md:0:-");
	want = g_strdup_printf("2 text changes since commit %.12s (the first commit with approval "
	                       "evidence, its date unknown) reached the branch with no approval "
	                       "evidence: direct commits without an approval trailer",
	                       first);
	ck_assert_str_eq(rule_message(&fs, "DOC-CHANGE-UNAPPROVED", "docs/policy.md"), want);
	g_free(want);
	expect_notes(&fs, "DOC-CHANGE-UNAPPROVED", "docs/policy.md",
	             "unknown date direct commit by Ann Author, no approval trailer\n"
	             "2025-10-01 direct commit by Ann Author, no approval trailer");
	isms_approval_quarters(a, q);
	for (int i = 0; i < ISMS_APPROVAL_QUARTERS; i++) {
		int judged = 0;
		for (int st = 0; st < ISMS_APPROVAL_STATES; st++)
			judged += q[i].changes[st];
		ck_assert_int_eq(judged, q[i].year == 2025 && q[i].quarter == 4);
	}
	ck_assert_int_eq(q[6].changes[ISMS_APPROVAL_NONE], 1);
	audit_done(a, &fs);

	/* a commit of unknown date is not known to be from approval_since on */
	a = audit_fixture_config("hostile/approval-dates", "2026-01-15",
	                         "approval_since: 2025-01-01\n", &fs);
	expect_notes(&fs, "DOC-CHANGE-UNAPPROVED", "docs/policy.md",
	             "2025-01-10 direct commit by Ann Author, no approval trailer\n"
	             "2025-10-01 direct commit by Ann Author, no approval trailer");
	ck_assert(!isms_approval_judged(a, 1) && !isms_approval_judged(a, 2));
	audit_done(a, &fs);

	for (int i = 0; formats[i]; i++) {
		ck_assert_int_eq(
		    run_cli((const char *const[]){"check", repo, "--as-of", "2026-01-15",
		                                  "--format", formats[i], NULL},
		            NULL, &out, &err),
		    1);
		ck_assert_msg(strcmp(err, "") == 0, "%s: %s", formats[i], err);
		ck_assert_msg(!strstr(out, "10000-01-01") && !strstr(out, "1969-12-31"),
		              "%s shows an invalid date", formats[i]);
		g_free(out);
		g_free(err);
	}

	ck_assert_int_eq(run_cli((const char *const[]){"init", repo, NULL}, NULL, &out, &err), 0);
	ck_assert_ptr_nonnull(strstr(out, "whose date is unknown"));
	ck_assert_ptr_nonnull(strstr(out, "\n# approval_since: 2025-01-01\n"));
	ck_assert_ptr_null(strstr(out, "approval_since: unknown"));
	g_free(out);
	g_free(err);
	g_free(repo);
}
END_TEST

Suite *approval_suite(void)
{
	Suite *s = suite_create("approval");
	TCase *tc = tcase_create("approval");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, each_change_knows_its_authors_and_approvers);
	tcase_add_test(tc, the_rules_find_each_lapse);
	tcase_add_test(tc, signed_off_by_counts_only_when_configured);
	tcase_add_test(tc, people_join_identities_and_name_roles);
	tcase_add_test(tc, approval_since_starts_the_judging);
	tcase_add_test(tc, a_history_without_approval_evidence_gets_one_finding);
	tcase_add_test(tc, a_pull_request_is_judged_once_merged_but_its_self_approval_now);
	tcase_add_test(tc, people_are_matched_by_email_then_by_name);
	tcase_add_test(tc, bots_and_forges_are_no_one);
	tcase_add_test(tc, the_approver_is_read_from_any_source);
	tcase_add_test(tc, a_draft_is_judged_when_it_is_put_in_force);
	tcase_add_test(tc, commit_dates_outside_the_calendar_are_judged_by_place);
	suite_add_tcase(s, tc);
	return s;
}
