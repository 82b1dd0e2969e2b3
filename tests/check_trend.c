#include <jansson.h>
#include <string.h>

#include "isms/error.h"
#include "isms/report.h"
#include "isms/rules.h"
#include "isms/trend.h"
#include "testutil.h"

#define RUN(out, err, ...) run_cli((const char *const[]){__VA_ARGS__, NULL}, NULL, out, err)

static void compute(const isms_audit *a, const char *since, isms_trend_every every, isms_trend *t)
{
	isms_trend_options opts = {0, every};

	ck_assert_int_eq(isms_date_parse(since, strlen(since), &opts.since), 0);
	isms_trend_init(t);
	ck_assert_msg(isms_trend_compute(a, &opts, t) == 0, "%s", isms_error_last());
}

static const isms_trend_point *point(const isms_trend *t, guint i)
{
	ck_assert_uint_lt(i, t->points->len);
	return &g_array_index(t->points, isms_trend_point, i);
}

static const char *day(isms_day d)
{
	static char buf[4][ISMS_DATE_BUFSIZE];
	static int n;

	return isms_date_format(d, buf[n++ % 4]);
}

/* "raised/closed/open" of each point, as the fixture's history says. */
static char *flow(const isms_trend *t)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < t->points->len; i++) {
		const isms_trend_point *p = point(t, i);
		g_string_append_printf(s, "%s%s..%s %d/%d/%d", i ? ", " : "", day(p->start),
		                       day(p->end), p->raised, p->closures, p->open_actions);
	}
	return g_string_free(s, FALSE);
}

START_TEST(register_flow_per_quarter_follows_the_commits)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/healthy", "2026-01-15", &fs);
	isms_trend t;
	char *got;

	/* the register: NC-1 and OFI-1 raised 2025-06-02, NC-1 closed 08-20 and
	 * reopened 10-01, OFI-1 closed and RA-1 accepted 12-10 */
	compute(a, "2025-05-01", ISMS_TREND_QUARTER, &t);
	got = flow(&t);
	ck_assert_str_eq(got, "2025-05-01..2025-06-30 2/0/2, 2025-07-01..2025-09-30 0/1/1, "
	                      "2025-10-01..2025-12-31 1/1/1, 2026-01-01..2026-01-15 0/0/1");
	/* the last point is the audit itself: one observation, ACT-REOPENED */
	ck_assert_int_eq(point(&t, 3)->observation, 1);
	ck_assert_int_eq(point(&t, 3)->minor + point(&t, 3)->major, 0);
	g_free(got);
	isms_trend_dispose(&t);
	audit_done(a, &fs);
}
END_TEST

static int count_rule(const isms_findings *fs, const char *rule)
{
	int n = 0;

	for (guint i = 0; i < fs->items->len; i++)
		n += strcmp(((const isms_finding *)g_ptr_array_index(fs->items, i))->rule->id,
		            rule) == 0;
	return n;
}

START_TEST(each_point_equals_a_separate_audit_as_of_its_end)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("demo", "2026-11-01", &fs);
	isms_trend t;

	compute(a, "2025-11-01", ISMS_TREND_MONTH, &t);
	ck_assert_uint_eq(t.points->len, 13);
	for (guint i = 0; i < t.points->len; i++) {
		const isms_trend_point *p = point(&t, i);
		isms_findings sfs;
		isms_audit *s = audit_fixture("demo", day(p->end), &sfs);
		char hex[GIT_OID_HEXSZ + 1];
		int open = 0;
		ck_assert(p->has_commit);
		ck_assert_str_eq(p->commit,
		                 isms_audit_commit_hex(s, s->history.commits->len - 1, hex));
		ck_assert_int_eq(p->major, (int)isms_findings_count(&sfs, ISMS_SEV_MAJOR));
		ck_assert_int_eq(p->minor, (int)isms_findings_count(&sfs, ISMS_SEV_MINOR));
		ck_assert_int_eq(p->observation,
		                 (int)isms_findings_count(&sfs, ISMS_SEV_OBSERVATION));
		ck_assert_int_eq(p->waived, (int)sfs.waived->len);
		ck_assert_int_eq(p->overdue_documents, count_rule(&sfs, "DOC-REVIEW-OVERDUE"));
		ck_assert_int_eq(p->overdue_actions, count_rule(&sfs, "ACT-OVERDUE"));
		for (guint r = 0; r < s->registers->len; r++) {
			const isms_register_model *m = g_ptr_array_index(s->registers, r);
			for (guint k = 0; k < m->items->len; k++) {
				const isms_item_history *h = g_ptr_array_index(m->items, k);
				open += h->removed == ISMS_NO_COMMIT &&
				        h->item->state == ISMS_STATE_OPEN;
			}
		}
		ck_assert_int_eq(p->open_actions, open);
		audit_done(s, &sfs);
	}
	/* the demo's last month: as `make demo` reports it */
	ck_assert_int_eq(point(&t, 12)->minor, 19);
	ck_assert_int_eq(point(&t, 12)->observation, 10);
	ck_assert_str_eq(day(point(&t, 12)->end), "2026-11-01");
	isms_trend_dispose(&t);
	audit_done(a, &fs);
}
END_TEST

/*
 * The trend of `fixture` from `since` to `as_of` twice: on a model opened
 * with the trend's checkpoints (register snapshots) and on one without
 * (each point replays the registers). Asserts that the points are equal,
 * that there are `n`, and returns the snapshot uses and unused ones.
 */
static guint snapshot_trend(const char *fixture, const char *since, const char *as_of, guint n,
                            guint *unused, guint *checkpoints)
{
	isms_findings fs;
	isms_audit *replayed = audit_fixture(fixture, as_of, &fs), *snap = NULL;
	isms_audit_options opts = ISMS_AUDIT_OPTIONS_INIT;
	isms_trend_options topts = {0, ISMS_TREND_MONTH};
	isms_trend a, b;
	char *path = fixture_path(fixture);
	GArray *days;
	guint uses;

	isms_date_parse(since, strlen(since), &topts.since);
	opts.path = path;
	opts.has_as_of = 1;
	isms_date_parse(as_of, strlen(as_of), &opts.as_of);
	opts.checkpoints = days = isms_trend_days(&topts, opts.as_of);
	ck_assert_uint_eq(days->len, n);
	ck_assert_int_eq(isms_audit_open(&snap, &opts), 0);
	ck_assert_ptr_nonnull(snap->snapshots);
	*checkpoints = snap->checkpoints->len;
	compute(replayed, since, ISMS_TREND_MONTH, &a);
	compute(snap, since, ISMS_TREND_MONTH, &b);
	ck_assert_uint_eq(a.points->len, n);
	ck_assert_uint_eq(b.points->len, n);
	for (guint i = 0; i < n; i++)
		ck_assert_msg(memcmp(point(&a, i), point(&b, i), sizeof(isms_trend_point)) == 0,
		              "point %u (%s) differs", i, day(point(&a, i)->end));
	uses = isms_audit_snapshot_uses(snap, unused);
	isms_trend_dispose(&a);
	isms_trend_dispose(&b);
	g_array_unref(days);
	isms_audit_free(snap);
	g_free(path);
	audit_done(replayed, &fs);
	return uses;
}

/* The register snapshots the one replay keeps at the trend's checkpoints
 * give the same points as replaying each register up to each point. */
START_TEST(register_snapshots_give_the_same_points_as_replays)
{
	guint unused, checkpoints;

	/* each point copied the snapshot of each register (the demo has one):
	 * no register was replayed again */
	ck_assert_uint_eq(
	    snapshot_trend("demo", "2024-06-15", "2026-11-01", 30, &unused, &checkpoints), 30);
	ck_assert_uint_eq(unused, 0);
	ck_assert_uint_eq(checkpoints, 29); /* points on one commit share it */
}
END_TEST

/* Points after the last commit (2025-12-15) share its snapshot. */
START_TEST(points_on_one_commit_share_its_snapshot)
{
	guint unused, checkpoints;

	ck_assert_uint_eq(
	    snapshot_trend("rules/healthy", "2026-01-01", "2026-03-31", 3, &unused, &checkpoints),
	    3);
	ck_assert_uint_eq(unused, 0);
	ck_assert_uint_eq(checkpoints, 1);
}
END_TEST

START_TEST(periods_before_the_first_commit_are_empty)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/healthy", "2025-07-10", &fs);
	isms_trend t;
	char *out = NULL;
	size_t len = 0;
	FILE *f;

	compute(a, "2025-04-15", ISMS_TREND_MONTH, &t);
	ck_assert_uint_eq(t.points->len, 4);
	ck_assert(!point(&t, 0)->has_commit);
	ck_assert(!point(&t, 1)->has_commit);
	ck_assert(point(&t, 2)->has_commit);
	f = open_memstream(&out, &len);
	ck_assert_int_eq(isms_trend_report_csv(&t, f), 0);
	fclose(f);
	{
		/* June holds the first commits; July is cut at the audit date */
		char june[GIT_OID_HEXSZ + 1], july[GIT_OID_HEXSZ + 1], *want;
		isms_day d;
		isms_date_parse("2025-06-30", 10, &d);
		isms_audit_commit_hex(a, isms_audit_commit_by(a, d), june);
		isms_audit_commit_hex(a, a->history.commits->len - 1, july);
		want = g_strdup_printf("2025-04,2025-04-15,2025-04-30,,,,,,,,,,\r\n"
		                       "2025-05,2025-05-01,2025-05-31,,,,,,,,,,\r\n"
		                       "2025-06,2025-06-01,2025-06-30,%s,8,1,0,0,0,2,0,2,0\r\n"
		                       "2025-07,2025-07-01,2025-07-10,%s,4,1,0,0,0,2,0,0,0\r\n",
		                       june, july);
		ck_assert_ptr_nonnull(strstr(out, "2025-04,"));
		ck_assert_str_eq(strstr(out, "2025-04,"), want);
		ck_assert_str_ne(june, july);
		g_free(want);
	}
	free(out);
	isms_trend_dispose(&t);
	audit_done(a, &fs);
}
END_TEST

START_TEST(trend_reports_match_their_golden_files)
{
	char *path = fixture_path("demo"), *out = NULL;
	static const char *const formats[][2] = {{"text", "txt"}, {"csv", "csv"}, {"json", "json"}};

	for (size_t i = 0; i < G_N_ELEMENTS(formats); i++) {
		char name[64];
		ck_assert_int_eq(RUN(&out, NULL, "trend", path, "--since", "2024-01-01", "--every",
		                     "quarter", "--as-of", "2026-11-01", "--format", formats[i][0]),
		                 0);
		g_snprintf(name, sizeof(name), "trend/demo-quarter.%s", formats[i][1]);
		expect_golden(name, out);
		if (strcmp(formats[i][0], "json") == 0) {
			json_error_t err;
			json_t *root = json_loads(out, 0, &err), *p;
			ck_assert_msg(root != NULL, "invalid JSON: %s", err.text);
			ck_assert_str_eq(json_string_value(json_object_get(root, "every")),
			                 "quarter");
			ck_assert_uint_eq(json_array_size(json_object_get(root, "points")), 12);
			p = json_array_get(json_object_get(root, "points"), 11);
			ck_assert_str_eq(json_string_value(json_object_get(p, "period")),
			                 "2026-Q4");
			ck_assert_str_eq(json_string_value(json_object_get(p, "end")),
			                 "2026-11-01");
			ck_assert_int_eq(json_integer_value(json_object_get(
			                     json_object_get(p, "findings"), "minor")),
			                 19);
			json_decref(root);
		}
		g_free(out);
	}
	g_free(path);
}
END_TEST

START_TEST(trend_usage_errors_name_the_cause)
{
	char *path = fixture_path("rules/healthy"), *err = NULL;

	ck_assert_int_eq(RUN(NULL, &err, "trend", path), 2);
	ck_assert_str_eq(err, "isms-audit: trend needs --since DATE, the first day of the trend "
	                      "(as --since 2026-01-01)\n"
	                      "Try 'isms-audit --help'.\n");
	g_free(err);
	ck_assert_int_eq(
	    RUN(NULL, &err, "trend", path, "--since", "2026-02-01", "--as-of", "2026-01-15"), 2);
	ck_assert_str_eq(err,
	                 "isms-audit: --since 2026-02-01 is after the audit date 2026-01-15\n");
	g_free(err);
	ck_assert_int_eq(
	    RUN(NULL, &err, "trend", path, "--since", "1990-01-01", "--as-of", "2026-01-15"), 2);
	ck_assert_str_eq(err, "isms-audit: --since 1990-01-01 gives more than 240 months: start "
	                      "later or use quarters\n");
	g_free(err);
	ck_assert_int_eq(RUN(NULL, &err, "trend", path, "--since", "2025-01-01", "--every", "week"),
	                 2);
	ck_assert_ptr_nonnull(strstr(err, "--every: 'week' is not month or quarter"));
	g_free(err);
	ck_assert_int_eq(RUN(NULL, &err, "trend", path, "--since", "2025-01-01", "--format", "pdf"),
	                 2);
	ck_assert_ptr_nonnull(strstr(err, "unknown trend format 'pdf'"));
	g_free(err);
	g_free(path);
}
END_TEST

Suite *trend_suite(void)
{
	Suite *s = suite_create("trend");
	TCase *tc = tcase_create("trend");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, register_flow_per_quarter_follows_the_commits);
	tcase_add_test(tc, each_point_equals_a_separate_audit_as_of_its_end);
	tcase_add_test(tc, register_snapshots_give_the_same_points_as_replays);
	tcase_add_test(tc, points_on_one_commit_share_its_snapshot);
	tcase_add_test(tc, periods_before_the_first_commit_are_empty);
	tcase_add_test(tc, trend_reports_match_their_golden_files);
	tcase_add_test(tc, trend_usage_errors_name_the_cause);
	suite_add_tcase(s, tc);
	return s;
}
