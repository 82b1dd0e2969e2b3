/* The audit at scale, on the 10,000-commit repository of bench/gen-repo
 * (built by the Makefile as the fixture "scale"): what the history walk and
 * the register replay find must be what git itself says, and the audit must
 * cost a bounded multiple of `git log --raw` measured in the same run. */
#define _DEFAULT_SOURCE /* wait4 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "isms/error.h"
#include "isms/frontmatter.h"
#include "testutil.h"

#define REGISTER "isms/registers/actions.md"

/* Standard output of `git -C repo ARGV...` (NULL-terminated); fails the
 * test on error. Caller frees. */
static char *git_out(const char *repo, const char *const *argv)
{
	GPtrArray *args = g_ptr_array_new();
	char *out;

	g_ptr_array_add(args, "git");
	g_ptr_array_add(args, "-C");
	g_ptr_array_add(args, (gpointer)repo);
	for (int i = 0; argv[i]; i++)
		g_ptr_array_add(args, (gpointer)argv[i]);
	g_ptr_array_add(args, NULL);
	out = output_or_fail((const char *const *)args->pdata);
	g_ptr_array_free(args, TRUE);
	return out;
}

static isms_audit *open_scale(void)
{
	char *repo = fixture_path("scale");
	isms_audit_options opts = ISMS_AUDIT_OPTIONS_INIT;
	isms_audit *a = NULL;

	opts.path = repo;
	ck_assert_msg(isms_audit_open(&a, &opts) == 0, "%s", isms_error_last());
	g_free(repo);
	return a;
}

/* commit hex -> index + 1 */
static GHashTable *commit_index(const isms_audit *a)
{
	GHashTable *map = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

	for (guint32 i = 0; i < a->history.commits->len; i++)
		g_hash_table_insert(map, g_strdup(commit_hex(a, i)), GUINT_TO_POINTER(i + 1));
	return map;
}

START_TEST(change_lists_equal_git_log)
{
	isms_audit *a = open_scale();
	char *repo = fixture_path("scale");
	guint checked = 0, touches = 0;

	ck_assert_uint_eq(a->history.commits->len, 9100);
	ck_assert_uint_eq(a->documents->len, 2001);
	/* every 40th document by path: 51, the last of them the register */
	for (guint i = 0; i < a->documents->len; i += 40) {
		const isms_document *d = g_ptr_array_index(a->documents, i);
		const char *argv[] = {
		    "log", "--first-parent", "--no-renames", "--format=%H", "HEAD", "--", d->path,
		    NULL};
		char *want = git_out(repo, argv);
		GString *have = g_string_new(NULL);
		for (guint t = d->touches->len; t > 0; t--)
			g_string_append_printf(
			    have, "%s\n", commit_hex(a, g_array_index(d->touches, guint32, t - 1)));
		ck_assert_str_eq(have->str, want);
		ck_assert(strncmp(commit_hex(a, d->last_change), want, 40) == 0);
		touches += d->touches->len;
		checked++;
		g_string_free(have, TRUE);
		g_free(want);
	}
	ck_assert_uint_eq(checked, 51);
	ck_assert_str_eq(((const isms_document *)g_ptr_array_index(a->documents, 2000))->path,
	                 REGISTER);
	ck_assert_uint_eq(touches, 430);
	g_free(repo);
	isms_audit_free(a);
}
END_TEST

typedef struct {
	guint32 first_seen, removed;
	int due_changes;
	GArray *transitions; /* isms_transition */
	const isms_reg_item *item;
	guint32 last_seen;
} expect_item;

static void expect_free(gpointer p)
{
	expect_item *e = p;

	g_array_free(e->transitions, TRUE);
	g_free(e);
}

/* The register replayed from `git show` of every version, each parsed in
 * full: the audit reads only the rows git's diff shows changed. */
START_TEST(register_histories_equal_a_replay_with_git_show)
{
	isms_audit *a = open_scale();
	char *repo = fixture_path("scale");
	GHashTable *index = commit_index(a);
	const char *argv[] = {"log", "--first-parent", "--reverse", "--format=%H", "HEAD",
	                      "--",  REGISTER,         NULL};
	char *log = git_out(repo, argv);
	char **commits = g_strsplit(g_strstrip(log), "\n", -1);
	GHashTable *by_id = g_hash_table_new(g_str_hash, g_str_equal);
	GPtrArray *order = g_ptr_array_new_with_free_func(expect_free);
	GPtrArray *versions = g_ptr_array_new_with_free_func((GDestroyNotify)isms_register_free);
	const isms_register_model *m = NULL;

	for (guint r = 0; r < a->registers->len; r++) {
		const isms_register_model *x = g_ptr_array_index(a->registers, r);
		if (strcmp(x->doc->path, REGISTER) == 0)
			m = x;
	}
	ck_assert_ptr_nonnull(m);
	ck_assert_uint_eq(g_strv_length(commits), 200);
	for (int v = 0; commits[v]; v++) {
		guint32 c = GPOINTER_TO_UINT(g_hash_table_lookup(index, commits[v]));
		char *spec = g_strdup_printf("%s:%s", commits[v], REGISTER);
		const char *show[] = {"show", spec, NULL};
		char *text = git_out(repo, show);
		isms_frontmatter fm;
		ck_assert_uint_gt(c, 0);
		c--;
		isms_frontmatter_init(&fm);
		isms_frontmatter_parse(text, strlen(text), &fm);
		isms_register *reg =
		    isms_register_parse(text + fm.body_offset, strlen(text) - fm.body_offset,
		                        fm.body_line, &a->config.dialect);
		g_ptr_array_add(versions, reg);
		for (guint i = 0; i < reg->items->len; i++) {
			const isms_reg_item *it = g_ptr_array_index(reg->items, i);
			expect_item *e = g_hash_table_lookup(by_id, it->id);
			if (!e) {
				e = g_new0(expect_item, 1);
				e->first_seen = c;
				e->removed = ISMS_NO_COMMIT;
				e->transitions = g_array_new(FALSE, FALSE, sizeof(isms_transition));
				isms_transition t = {ISMS_STATE_UNKNOWN, it->state, c};
				g_array_append_val(e->transitions, t);
				g_hash_table_insert(by_id, it->id, e);
				g_ptr_array_add(order, e);
			} else if (e->last_seen == c) {
				continue;
			} else {
				e->removed = ISMS_NO_COMMIT;
				if (e->item->state != it->state) {
					isms_transition t = {e->item->state, it->state, c};
					g_array_append_val(e->transitions, t);
				}
				if (e->item->has_due && (!it->has_due || e->item->due != it->due))
					e->due_changes++;
			}
			e->item = it;
			e->last_seen = c;
		}
		for (guint i = 0; i < order->len; i++) {
			expect_item *e = g_ptr_array_index(order, i);
			if (e->last_seen != c && e->removed == ISMS_NO_COMMIT)
				e->removed = c;
		}
		isms_frontmatter_dispose(&fm);
		g_free(text);
		g_free(spec);
	}

	ck_assert_uint_eq(m->versions, 200);
	ck_assert_uint_eq(m->items->len, order->len);
	guint removed = 0, transitions = 0;
	for (guint i = 0; i < order->len; i++) {
		const expect_item *e = g_ptr_array_index(order, i);
		const isms_item_history *h = g_ptr_array_index(m->items, i);
		ck_assert_str_eq(h->id, e->item->id);
		ck_assert_uint_eq(h->first_seen, e->first_seen);
		ck_assert_uint_eq(h->removed, e->removed);
		ck_assert_int_eq(h->due_changes, e->due_changes);
		ck_assert_uint_eq(h->transitions->len, e->transitions->len);
		for (guint t = 0; t < e->transitions->len; t++) {
			const isms_transition *x =
			    &g_array_index(h->transitions, isms_transition, t);
			const isms_transition *y =
			    &g_array_index(e->transitions, isms_transition, t);
			ck_assert_msg(x->from == y->from && x->to == y->to &&
			                  x->commit == y->commit,
			              "%s: transition %u differs", h->id, t);
		}
		/* the rows as they stand at the end: the same line and cells */
		ck_assert_int_eq(h->item->line, e->item->line);
		ck_assert_int_eq(h->item->state, e->item->state);
		for (int col = 0; col < ISMS_COL_COUNT; col++)
			ck_assert_str_eq(h->item->cell[col] ? h->item->cell[col] : "(none)",
			                 e->item->cell[col] ? e->item->cell[col] : "(none)");
		removed += e->removed != ISMS_NO_COMMIT;
		transitions += e->transitions->len;
	}
	/* the generator's mix: rows added, moved on and deleted */
	ck_assert_uint_eq(order->len, 2017);
	ck_assert_uint_eq(removed, 17);
	ck_assert_uint_eq(transitions, 2165);

	g_ptr_array_free(versions, TRUE);
	g_ptr_array_free(order, TRUE);
	g_hash_table_destroy(by_id);
	g_strfreev(commits);
	g_free(log);
	g_hash_table_destroy(index);
	g_free(repo);
	isms_audit_free(a);
}
END_TEST

/* CPU seconds (user + system) of one run of argv, output discarded. */
static double cpu_seconds(const char *const *argv)
{
	struct rusage ru;
	int status;
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr))
			_exit(127);
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	ck_assert_int_eq(wait4(pid, &status, 0, &ru), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) <= 1, "%s exited with %d", argv[0],
	              WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

/*
 * A regression guard, not a benchmark (make bench is): the audit of 9,100
 * first-parent commits against `git log --raw` of the same repository, in
 * the same run, the fastest of three each. The audit takes about 1.7
 * times git's CPU time on this repository; a walk or replay that became
 * quadratic in the number of commits would take hundreds of times more.
 * Sanitizers slow the audit (and not git) about threefold.
 */
START_TEST(the_audit_costs_a_bounded_multiple_of_git_log)
{
	char *repo = fixture_path("scale");
	const char *audit[] = {getenv("ISMS_AUDIT"), "check", repo,       "--as-of",   "2026-11-01",
	                       "--format",           "json",  "--output", "/dev/null", NULL};
	const char *git[] = {"git",  "-C", repo, "log", "--raw", "--no-renames", "--format=%H %ct",
	                     "HEAD", NULL};
	double best_audit = 1e9, best_git = 1e9;
#if defined(__SANITIZE_ADDRESS__)
	const double limit = 30;
#else
	const double limit = 10;
#endif

	for (int i = 0; i < 3; i++) {
		best_audit = MIN(best_audit, cpu_seconds(audit));
		best_git = MIN(best_git, cpu_seconds(git));
	}
	ck_assert_msg(best_audit <= limit * best_git,
	              "the audit took %.2f s of CPU, %.1f times git log --raw (%.2f s): over %.0f",
	              best_audit, best_audit / best_git, best_git, limit);
	g_free(repo);
}
END_TEST

Suite *scale_suite(void)
{
	Suite *s = suite_create("scale");
	TCase *tc = tcase_create("scale");

	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, change_lists_equal_git_log);
	tcase_add_test(tc, register_histories_equal_a_replay_with_git_show);
	tcase_add_test(tc, the_audit_costs_a_bounded_multiple_of_git_log);
	suite_add_tcase(s, tc);
	return s;
}
