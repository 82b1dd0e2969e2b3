/*
 * The inputs kept from fuzzing (fuzz/regressions/TARGET/): each crash the
 * fuzzer found, once fixed, and tricky inputs, fed through the fuzz
 * targets' own code (fuzz/targets.c) so that the replay cannot drift from
 * the fuzzing. Each must give exactly the outcome written here, and every
 * file must have one: a new crash input needs its expected outcome.
 */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "../fuzz/targets.h"
#include "testutil.h"

static const struct {
	const char *target;
	const char *input; /* file name under fuzz/regressions/TARGET/ */
	const char *outcome;
} kept[] = {
    /* tricky: BOM and CRLF, an alias, a key repeated in another case, a
     * datetime whose offset moves it to the day before, closed by `...` */
    {"frontmatter", "alias-case-offset",
     "front matter present\n"
     "body at line 9, offset 134\n"
     "field 'owner' line 2 scalar 'Jo'\n"
     "field 'approver' line 3 scalar 'Jo'\n"
     "field 'Owner' line 4 scalar 'Sam'\n"
     "field 'last_reviewed' line 5 scalar '2025-01-01T00:30+01:00'\n"
     "field 'review_cycle' line 6 scalar '100 years'\n"
     "field 'status' line 7 list '[draft]'\n"
     "owner from front-matter:2 'owner'\n"
     "approver from front-matter:3 'approver'\n"
     "status from front-matter:7 'status' (unusable)\n"
     "last_reviewed from front-matter:5 'last_reviewed'\n"
     "review_cycle from front-matter:6 'review_cycle'\n"
     "problem line 4 'Owner': 'Owner' repeats 'owner' (both name the owner field): the first is "
     "used\n"
     "problem line 7 'status': 'status' is '[draft]': use draft, approved or retired (the document "
     "is treated as in force)\n"
     "status in force\n"
     "last reviewed 2024-12-31\n"
     "cycle 100 years\n"
     "due 2124-12-31\n"},
    /* tricky: document control in the body, every source: a table, bold
     * key lines with emoji, notes and a placeholder, a list item, the
     * colon outside the bold, a version history (2.10 after 2.9); the
     * sources disagree */
    {"frontmatter", "body-document-control",
     "front matter absent\n"
     "body at line 1, offset 0\n"
     "body line 12 'Document Owner' 'CISO'\n"
     "body line 13 'Effective Date' '1 January 2026'\n"
     "body line 14 'Classification' ''\n"
     "body line 3 'Document Owner' 'CEO'\n"
     "body line 3 'Version' '2.6'\n"
     "body line 3 'Last Updated' '2026-01-25 (UTC)'\n"
     "body line 4 'Review Cycle' 'Semi-Annual'\n"
     "body line 4 'Next Review' '2026-07-25'\n"
     "body line 5 'Approved By' '[Owner]'\n"
     "body line 6 'Next Review Date' '03/04/2027'\n"
     "body line 21 'Version' '2.10'\n"
     "body line 21 'Date' '25/01/2026'\n"
     "owner from table:12 'Document Owner'\n"
     "approver from line:5 'Approved By' (unusable)\n"
     "version from line:3 'Version'\n"
     "last_reviewed from line:3 'Last Updated'\n"
     "review_cycle from line:4 'Review Cycle'\n"
     "next_review from line:4 'Next Review'\n"
     "classification from table:14 'Classification' (unusable)\n"
     "effective from table:13 'Effective Date'\n"
     "problem line 3 'Document Owner': 'Document Owner' on line 3 (key line) is 'CEO', but "
     "'Document Owner' on line 12 (document-control table) is 'CISO': line 12 is used\n"
     "problem line 21 'Version': 'Version' on line 21 (version history) is '2.10', but 'Version' "
     "on line 3 (key line) is '2.6': line 3 is used\n"
     "problem line 5 'Approved By': 'Approved By' is the placeholder '[Owner]'\n"
     "problem line 14 'Classification': 'Classification' is empty\n"
     "status in force\n"
     "last reviewed 2026-01-25\n"
     "next review 2026-07-25\n"
     "effective 2026-01-01\n"
     "cycle 6 months\n"
     "due 2026-07-25\n"},
    /* tricky: libyaml reaches the end of the front matter inside a list */
    {"frontmatter", "flow-list-not-closed",
     "front matter invalid at line 4: front matter is not valid YAML: did not find expected ',' or "
     "']' while parsing a flow sequence\n"
     "body at line 5, offset 38\n"
     "problem line 4 'yaml': front matter is not valid YAML: did not find expected ',' or ']' "
     "while parsing a flow sequence\n"
     "status in force\n"},
    /* tricky: a NUL byte makes the document binary (not read); `init`
     * still reads its front matter */
    {"frontmatter", "nul-after-front-matter",
     "binary\n"
     "front matter present\n"
     "body at line 4, offset 17\n"
     "field 'title' line 2 scalar 'x'\n"},
    /* crash (fuzzer): a CR without LF in the previous version numbered its
     * rows differently from git's hunks, and the update kept a deleted row */
    {"register", "lone-cr-in-old-row",
     "rows 1\n"
     "table lines 10-12 columns id=0 raised=1 source=2 description=3 root_cause=4 action=5 owner=6 "
     "due=7 status=8 closed=9 effectiveness=10 can-close\n"
     "item '0' line 12 table 0 unknown\n"
     "  id '0'\n"
     "  problem: status is empty\n"
     "read in full\n"},
    /* tricky: a changed, an inserted and an appended row, in two tables,
     * read from the previous version */
    {"register", "rows-read-by-update",
     "rows 5\n"
     "table lines 1-5 columns id=0 due=2 status=1 can-close has-open\n"
     "table lines 7-10 columns id=0 status=1 can-close has-open\n"
     "item 'A' line 3 table 0 closed\n"
     "  id 'A'\n"
     "  due '2025-01-01'\n"
     "  status 'Closed'\n"
     "  due day 2025-01-01\n"
     "item 'C' line 4 table 0 open\n"
     "  id 'C'\n"
     "  due '2025-03-01'\n"
     "  status 'New'\n"
     "  due day 2025-03-01\n"
     "item 'B' line 5 table 0 open\n"
     "  id 'B'\n"
     "  due '2025-02-01'\n"
     "  status 'Open'\n"
     "  due day 2025-02-01\n"
     "item 'X' line 9 table 1 open\n"
     "  id 'X'\n"
     "  status 'Open'\n"
     "item 'Y' line 10 table 1 closed\n"
     "  id 'Y'\n"
     "  status 'Done'\n"
     "read by update\n"},
    /* tricky: tables without a Status column (an NC ID closed by its date
     * filled in) and with one (an Issue # whose open status contradicts its
     * closed date), dates typed day first and with month names, read day
     * first by the input's date_order; a changed and an added row read
     * from the previous version */
    {"register", "status-less-closed-by-date",
     "rows 4\n"
     "table lines 9-12 columns id=0 raised=1 description=2 owner=3 due=4 closed=5 effectiveness=6 "
     "can-close has-open\n"
     "table lines 14-17 columns id=0 raised=1 action=2 status=3 closed=4 can-close has-open\n"
     "item 'NC-01' line 11 table 0 closed\n"
     "  id 'NC-01'\n"
     "  raised '15/09/2025'\n"
     "  description 'Firewall'\n"
     "  owner 'Bob'\n"
     "  due '31/10/2025'\n"
     "  closed '20.10.2025'\n"
     "  effectiveness 'Checked'\n"
     "  raised day 2025-09-15\n"
     "  due day 2025-10-31\n"
     "  closed day 2025-10-20\n"
     "item 'NC-02' line 12 table 0 open\n"
     "  id 'NC-02'\n"
     "  raised '03/04/2025'\n"
     "  description 'Badges'\n"
     "  owner 'Ann'\n"
     "  due '1 June 2026'\n"
     "  raised day 2025-04-03\n"
     "  due day 2026-06-01\n"
     "item 'ISS-1' line 16 table 1 open\n"
     "  id 'ISS-1'\n"
     "  raised 'Jan 1, 2026'\n"
     "  action 'Fix'\n"
     "  status 'In progress'\n"
     "  closed '13/01/2026'\n"
     "  raised day 2026-01-01\n"
     "  closed day 2026-01-13\n"
     "  problem: status 'In progress' says open but closed '13/01/2026' is filled in: close the "
     "item, or clear its closed date\n"
     "item 'ISS-2' line 17 table 1 closed\n"
     "  id 'ISS-2'\n"
     "  raised '05/05/2025'\n"
     "  action 'Rotate'\n"
     "  status 'Closed'\n"
     "  raised day 2025-05-05\n"
     "read by update\n"},
    /* tricky: one anchored list used for four keys, with a bad glob */
    {"config", "alias-reused-lists",
     "loaded\n"
     "paths ['docs/**', '[a-']\n"
     "registers ['docs/**', '[a-']\n"
     "soa ['docs/**', '[a-']\n"
     "rule DOC-STALE-CONTENT severity major exclude ['docs/**', '[a-']\n"
     "policy.md: file 0 dir 1 register 0 soa 0\n"
     "policies/access control.md: file 0 dir 1 register 0 soa 0\n"
     "registers/risk-register.md: file 0 dir 1 register 0 soa 0\n"
     "a/b/c/d/e.md: file 0 dir 1 register 0 soa 0\n"
     "docs/\xc3\xa9t\xc3\xa9.md: file 1 dir 1 register 1 soa 1\n"},
    /* tricky: the cycle limit (see date/cycle-73737-years) in a
     * configuration: an error naming the line */
    {"config", "cycle-over-100-years",
     "error -2: .isms-audit.yml:2: 'P101Y' is not a review cycle (such as '12 months' or 'P1Y')\n"},
    /* tricky: a NUL byte: not a text file */
    {"config", "nul-byte", "error -2: .isms-audit.yml: not a text file\n"},
    /* tricky: 29 February of a common year */
    {"config", "waiver-expiry-not-a-date",
     "error -2: .isms-audit.yml:2: the waiver's expiry '2025-02-29' is not a date (YYYY-MM-DD)\n"},
    /* crash (fuzzer): a bare number of months beyond GDate's years made
     * g_date_add_months() fail a critical check when a review fell due */
    {"date", "cycle-73737-years",
     "not a date\n"
     "not a cycle\n"},
    /* tricky: the longest cycle read, 100 years of months and of days */
    {"date", "cycle-at-both-caps",
     "not a date\n"
     "cycle 1200 months 36525 days\n"
     "due 2225-01-02\n"},
    /* crash (fuzzer): an offset moved 9999-12-31 into year 10000, which
     * printed as 0000-12-31 and did not read back */
    {"date", "offset-after-9999",
     "not a date\n"
     "not a cycle\n"},
    /* crash (found reading the same code): an offset moved 0001-01-01 to
     * the day before GDate's first, a critical check when printed */
    {"date", "offset-before-year-1",
     "not a date\n"
     "not a cycle\n"},

};

static void setup(void)
{
	fuzz_init();
}

static void teardown(void)
{
	fuzz_done();
}

static const char *outcome_of(const char *target, const char *input)
{
	for (size_t i = 0; i < G_N_ELEMENTS(kept); i++)
		if (strcmp(kept[i].target, target) == 0 && strcmp(kept[i].input, input) == 0)
			return kept[i].outcome;
	return NULL;
}

/* Every input of a target gives its outcome; every outcome has its input. */
static void replay(const char *target, char *(*run)(const uint8_t *, size_t))
{
	const char *src = getenv("ISMS_SRCDIR");
	char *dir = g_build_filename(src ? src : ".", "fuzz", "regressions", target, NULL);
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;
	guint files = 0, listed = 0;

	ck_assert_msg(d != NULL, "cannot open %s", dir);
	while ((name = g_dir_read_name(d)) != NULL) {
		const char *want = outcome_of(target, name);
		char *path = g_build_filename(dir, name, NULL), *data = NULL, *got;
		gsize len = 0;
		ck_assert_msg(want != NULL,
		              "%s has no expected outcome in tests/check_fuzz_regress.c", path);
		ck_assert_msg(g_file_get_contents(path, &data, &len, NULL), "cannot read %s", path);
		got = run((const uint8_t *)data, len);
		ck_assert_msg(strcmp(got, want) == 0, "%s gives\n%s\ninstead of\n%s", path, got,
		              want);
		g_free(got);
		g_free(data);
		g_free(path);
		files++;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(kept); i++)
		listed += strcmp(kept[i].target, target) == 0;
	ck_assert_msg(files == listed, "%s: %u inputs for %u expected outcomes", dir, files,
	              listed);
	g_dir_close(d);
	g_free(dir);
}

START_TEST(frontmatter_inputs_give_their_outcome)
{
	replay("frontmatter", fuzz_frontmatter);
}
END_TEST

START_TEST(register_inputs_give_their_outcome)
{
	replay("register", fuzz_register);
}
END_TEST

START_TEST(config_inputs_give_their_outcome)
{
	replay("config", fuzz_config);
}
END_TEST

START_TEST(date_inputs_give_their_outcome)
{
	replay("date", fuzz_date);
}
END_TEST

Suite *fuzz_regress_suite(void)
{
	Suite *s = suite_create("fuzz_regress");
	TCase *tc = tcase_create("fuzz_regress");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, frontmatter_inputs_give_their_outcome);
	tcase_add_test(tc, register_inputs_give_their_outcome);
	tcase_add_test(tc, config_inputs_give_their_outcome);
	tcase_add_test(tc, date_inputs_give_their_outcome);
	suite_add_tcase(s, tc);
	return s;
}
