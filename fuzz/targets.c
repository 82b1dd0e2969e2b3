/* The bodies of the fuzz targets, shared with the regression tests. */
#include "targets.h"

#include <git2.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isms/config.h"
#include "isms/date.h"
#include "isms/meta.h"
#include "isms/error.h"
#include "isms/frontmatter.h"
#include "isms/linediff.h"
#include "isms/register.h"

/* The configuration's default size limit: what isms_meta_parse() gets
 * when no `max_file_size` is set. */
#define DEFAULT_MAX_FILE_SIZE (1024 * 1024)

/* What must hold of every result; a broken one is a crash to the fuzzer. */
#define REQUIRE(cond)                                                                              \
	do {                                                                                       \
		if (!(cond))                                                                       \
			broken(__FILE__, __LINE__, #cond);                                         \
	} while (0)

static void broken(const char *file, int line, const char *what)
{
	fprintf(stderr, "fuzz: %s:%d: does not hold: %s\n", file, line, what);
	abort();
}

/* GLib's own fatal messages stop on a breakpoint (SIGTRAP), which libFuzzer
 * does not catch: abort instead, so that the input is kept. */
static void log_abort(const gchar *domain, GLogLevelFlags level, const gchar *message,
                      gpointer data)
{
	g_log_default_handler(domain, level, message, data);
	if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
		abort();
}

void fuzz_init(void)
{
	g_log_set_default_handler(log_abort, NULL);
	git_libgit2_init();
}

void fuzz_done(void)
{
	g_log_set_default_handler(g_log_default_handler, NULL);
	git_libgit2_shutdown();
}

/* Text in quotes with C escapes (NULL as `none`): every description stays
 * one line per fact and byte-exact. */
static void quoted(GString *s, const char *text)
{
	if (!text) {
		g_string_append(s, "none");
		return;
	}
	char *e = g_strescape(text, NULL);

	g_string_append_printf(s, "'%s'", e);
	g_free(e);
}

/* A message as it reads, with C escapes. */
static void message(GString *s, const char *text)
{
	char *e = g_strescape(text, NULL);

	g_string_append(s, e);
	g_free(e);
}

static const char *day_text(isms_day day, char *buf)
{
	return isms_date_format(day, buf);
}

/* ---- front matter ------------------------------------------------------ */

static const char *const fm_status[] = {"absent", "present", "invalid"};
static const char *const val_kind[] = {"null", "scalar", "list", "map"};
static const char *const doc_status[] = {"in force", "draft", "retired"};

/* Whether a CR without LF occurs (see isms_register_update()). */
static int has_lone_cr(const uint8_t *data, size_t size)
{
	for (size_t i = 0; i < size; i++)
		if (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n'))
			return 1;
	return 0;
}

static void check_frontmatter(const isms_frontmatter *fm, const uint8_t *data, size_t size)
{
	REQUIRE(fm->body_offset <= size);
	REQUIRE(fm->body_line >= 1);
	REQUIRE((fm->status == ISMS_FM_INVALID) == (fm->error != NULL));
	REQUIRE(fm->status != ISMS_FM_PRESENT || fm->fields != NULL);
	REQUIRE(fm->status != ISMS_FM_ABSENT || (fm->body_offset == 0 && fm->body_line == 1));
	if (fm->body_offset < size) {
		/* register rows and headings are numbered from body_line */
		int lines = 1;
		for (size_t i = 0; i < fm->body_offset; i++)
			lines += data[i] == '\n';
		REQUIRE(lines == fm->body_line);
	}
	/* the lines named lie in the front matter (libyaml ends a line at a CR
	 * without LF, the front matter's splitter and git do not: the lines
	 * differ then) */
	int same_lines = !has_lone_cr(data, size);
	if (fm->status == ISMS_FM_INVALID && same_lines)
		REQUIRE(fm->error_line >= 1 &&
		        (fm->body_line == 1 || fm->error_line < fm->body_line));
	for (guint i = 0; fm->fields && i < fm->fields->len; i++) {
		const isms_fm_field *f = g_ptr_array_index(fm->fields, i);
		REQUIRE(f->key != NULL && f->text != NULL && f->line >= 2);
		REQUIRE(!same_lines || f->line < fm->body_line - 1);
		REQUIRE((f->kind == ISMS_VAL_LIST) == (f->items != NULL));
		REQUIRE(isms_frontmatter_get(fm, f->key) == f); /* keys are unique */
	}
}

static void describe_frontmatter(GString *s, const isms_frontmatter *fm)
{
	g_string_append_printf(s, "front matter %s", fm_status[fm->status]);
	if (fm->error) {
		g_string_append_printf(s, " at line %d: ", fm->error_line);
		message(s, fm->error);
	}
	g_string_append_printf(s, "\nbody at line %d, offset %zu\n", fm->body_line,
	                       fm->body_offset);
	for (guint i = 0; fm->fields && i < fm->fields->len; i++) {
		const isms_fm_field *f = g_ptr_array_index(fm->fields, i);
		g_string_append(s, "field ");
		quoted(s, f->key);
		g_string_append_printf(s, " line %d %s ", f->line, val_kind[f->kind]);
		quoted(s, f->text);
		g_string_append_c(s, '\n');
	}
}

char *fuzz_frontmatter(const uint8_t *data, size_t size)
{
	GString *s = g_string_new(NULL);
	isms_meta *m = isms_meta_parse((const char *)data, size, DEFAULT_MAX_FILE_SIZE, NULL);
	char buf[ISMS_DATE_BUFSIZE], cycle[32];

	REQUIRE(m->size == size);
	if (m->flags & ISMS_META_BINARY)
		g_string_append(s, "binary\n");
	if (m->flags & ISMS_META_TOO_LARGE)
		g_string_append(s, "too large\n");
	if (m->flags & ISMS_META_BAD_UTF8)
		g_string_append_printf(s, "invalid UTF-8 at line %d\n", m->bad_utf8_line);
	if (m->flags & (ISMS_META_BINARY | ISMS_META_TOO_LARGE)) {
		/* not read as a document, but `init` still reads its front matter */
		isms_frontmatter fm;
		isms_frontmatter_init(&fm);
		isms_frontmatter_parse((const char *)data, size, &fm);
		check_frontmatter(&fm, data, size);
		describe_frontmatter(s, &fm);
		isms_frontmatter_dispose(&fm);
		isms_meta_free(m);
		return g_string_free(s, FALSE);
	}
	check_frontmatter(&m->fm, data, size);
	describe_frontmatter(s, &m->fm);
	/* the pairs of document control the body gave, as fields of the meta */
	REQUIRE(!m->body == !(m->flags & ISMS_META_BODY_FIELDS));
	for (guint i = 0; m->body && i < m->body->len; i++) {
		const isms_fm_field *f = g_ptr_array_index(m->body, i);
		REQUIRE(f->key != NULL && *f->key && f->text != NULL && f->items == NULL);
		REQUIRE(f->line >= m->fm.body_line);
		REQUIRE((f->kind == ISMS_VAL_NULL) == (*f->text == '\0'));
		g_string_append_printf(s, "body line %d ", f->line);
		quoted(s, f->key);
		g_string_append_c(s, ' ');
		quoted(s, f->text);
		g_string_append_c(s, '\n');
	}
	for (int f = 0; f < ISMS_F_COUNT; f++) {
		isms_meta_source src;
		const isms_fm_field *v = isms_meta_get(m, f, &src);
		if (!v)
			continue;
		REQUIRE(v == m->field[f]);
		if (src == ISMS_SOURCE_FRONT_MATTER) {
			REQUIRE(isms_frontmatter_get(&m->fm, v->key) == v);
		} else {
			int owned = 0;
			for (guint i = 0; m->body && i < m->body->len; i++)
				owned |= g_ptr_array_index(m->body, i) == v;
			REQUIRE(owned);
		}
		g_string_append_printf(s, "%s from %s:%d ", isms_field_name((isms_field)f),
		                       isms_meta_source_name(src), v->line);
		quoted(s, v->key);
		g_string_append(s, isms_meta_has(m, (isms_field)f) ? "\n" : " (unusable)\n");
	}
	for (guint i = 0; i < m->problems->len; i++) {
		const isms_meta_problem *p = g_ptr_array_index(m->problems, i);
		REQUIRE(p->key != NULL && p->message != NULL);
		g_string_append_printf(s, "problem line %d ", p->line);
		quoted(s, p->key);
		g_string_append(s, ": ");
		message(s, p->message);
		g_string_append_c(s, '\n');
	}
	g_string_append_printf(s, "status %s\n", doc_status[m->status]);
	if (m->has_last_reviewed)
		g_string_append_printf(s, "last reviewed %s\n", day_text(m->last_reviewed, buf));
	if (m->has_next_review)
		g_string_append_printf(s, "next review %s\n", day_text(m->next_review, buf));
	if (m->has_date)
		g_string_append_printf(s, "date %s\n", day_text(m->date, buf));
	if (m->has_effective)
		g_string_append_printf(s, "effective %s\n", day_text(m->effective, buf));
	if (m->has_cycle) {
		g_string_append_printf(s, "cycle %s\n",
		                       isms_duration_format(m->cycle, cycle, sizeof(cycle)));
		if (m->has_last_reviewed) /* when the next review falls due */
			g_string_append_printf(
			    s, "due %s\n",
			    day_text(isms_date_add(m->last_reviewed, m->cycle), buf));
	}
	isms_meta_free(m);
	return g_string_free(s, FALSE);
}

/* ---- register ----------------------------------------------------------- */

static void describe_register(GString *s, const isms_register *reg)
{
	char buf[ISMS_DATE_BUFSIZE];

	g_string_append_printf(s, "rows %d\n", reg->rows);
	for (guint t = 0; t < reg->tables->len; t++) {
		const isms_reg_table *rt = g_ptr_array_index(reg->tables, t);
		g_string_append_printf(s, "table lines %d-%d columns", rt->line, rt->end);
		for (int c = 0; c < ISMS_COL_COUNT; c++)
			if (rt->column[c] >= 0)
				g_string_append_printf(
				    s, " %s=%d", isms_column_name((isms_column)c), rt->column[c]);
		g_string_append_printf(s, "%s%s\n", rt->can_close ? " can-close" : "",
		                       rt->has_open ? " has-open" : "");
	}
	for (guint i = 0; i < reg->others->len; i++) {
		isms_reg_other o = g_array_index(reg->others, isms_reg_other, i);
		g_string_append_printf(s, "other table line %d%s%s%s\n", o.line,
		                       o.has_id ? " id" : "", o.has_status ? " status" : "",
		                       o.has_closed ? " closed" : "");
	}
	for (guint i = 0; i < reg->idless->len; i++) {
		isms_reg_other o = g_array_index(reg->idless, isms_reg_other, i);
		g_string_append_printf(s, "row without id line %d%s\n", o.line,
		                       o.has_status ? " status" : "");
	}
	for (guint i = 0; i < reg->items->len; i++) {
		const isms_reg_item *it = g_ptr_array_index(reg->items, i);
		REQUIRE(it->id != NULL && it->refs >= 1);
		REQUIRE(it->table >= 0 && (guint)it->table < reg->tables->len);
		const isms_reg_table *rt = g_ptr_array_index(reg->tables, it->table);
		REQUIRE(it->line >= rt->line + 2 && it->line <= rt->end);
		g_string_append(s, "item ");
		quoted(s, it->id);
		g_string_append_printf(s, " line %d table %d %s%s\n", it->line, it->table,
		                       isms_state_name(it->state), it->approved ? " approved" : "");
		for (int c = 0; c < ISMS_COL_COUNT; c++) {
			if (!it->cell[c])
				continue;
			g_string_append_printf(s, "  %s ", isms_column_name((isms_column)c));
			quoted(s, it->cell[c]);
			g_string_append_c(s, '\n');
		}
		if (it->has_raised)
			g_string_append_printf(s, "  raised day %s\n", day_text(it->raised, buf));
		if (it->has_due)
			g_string_append_printf(s, "  due day %s\n", day_text(it->due, buf));
		if (it->has_closed)
			g_string_append_printf(s, "  closed day %s\n", day_text(it->closed, buf));
		for (guint p = 0; p < it->problems->len; p++) {
			g_string_append(s, "  problem: ");
			message(s, g_ptr_array_index(it->problems, p));
			g_string_append_c(s, '\n');
		}
	}
}

/* A register file read as the audit reads it: the body after the front
 * matter, its rows numbered as lines of the file. */
static isms_register *read_register(const char *file, size_t len, const isms_register_dialect *d)
{
	isms_frontmatter fm;
	isms_register *reg;

	isms_frontmatter_init(&fm);
	isms_frontmatter_parse(file, len, &fm);
	check_frontmatter(&fm, (const uint8_t *)file, len);
	reg = isms_register_parse(file + fm.body_offset, len - fm.body_offset, fm.body_line, d);
	/* numbered as lines of the file, after the front matter */
	for (guint t = 0; t < reg->tables->len; t++)
		REQUIRE(((isms_reg_table *)g_ptr_array_index(reg->tables, t))->line >=
		        fm.body_line);
	for (guint i = 0; i < reg->others->len; i++)
		REQUIRE(g_array_index(reg->others, isms_reg_other, i).line >= fm.body_line);
	isms_frontmatter_dispose(&fm);
	return reg;
}

/* The next version from the previous one as the register replay reads it
 * (src/register_history.c: the line diff of the two versions), or NULL. */
static isms_register *update_register(const isms_register *prev, const char *old, size_t old_len,
                                      const char *file, size_t len, const isms_register_dialect *d)
{
	GArray *hunks = g_array_new(FALSE, FALSE, sizeof(isms_line_hunk));
	isms_register *reg;

	isms_line_diff(old, old_len, file, len, hunks);
	reg = isms_register_update(prev, file, len, (const isms_line_hunk *)(void *)hunks->data,
	                           hunks->len, d);
	g_array_free(hunks, TRUE);
	return reg;
}

/* The dialect of an input: the defaults, with the date order that a line
 * `date_order: dmy` (or mdy) of the first version names, as the
 * configuration would. */
static void input_dialect(const char *text, size_t len, isms_register_dialect *out)
{
	isms_register_dialect_init(out);
	if (g_strstr_len(text, (gssize)len, "date_order: dmy"))
		out->date_order = ISMS_DATE_ORDER_DMY;
	else if (g_strstr_len(text, (gssize)len, "date_order: mdy"))
		out->date_order = ISMS_DATE_ORDER_MDY;
}

char *fuzz_register(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *nul = memchr(text, '\0', size);
	GString *s = g_string_new(NULL);
	isms_register_dialect d;
	isms_register *full;

	input_dialect(text, nul ? (size_t)(nul - text) : size, &d);
	if (!nul) {
		full = read_register(text, size, &d);
		describe_register(s, full);
		isms_register_free(full);
		isms_register_dialect_dispose(&d);
		return g_string_free(s, FALSE);
	}
	const char *file = nul + 1;
	size_t old_len = (size_t)(nul - text), len = size - old_len - 1;
	if (memchr(file, '\0', len)) { /* a binary version is never read */
		g_string_append(s, "binary\n");
		isms_register_dialect_dispose(&d);
		return g_string_free(s, FALSE);
	}
	isms_register *prev = read_register(text, old_len, &d);
	isms_register *upd;

	upd = update_register(prev, text, old_len, file, len, &d);
	/* the rows it shares must outlive the previous version */
	isms_register_free(prev);
	full = read_register(file, len, &d);
	describe_register(s, full);
	if (upd) {
		GString *u = g_string_new(NULL);
		describe_register(u, upd);
		if (strcmp(u->str, s->str) != 0) {
			fprintf(stderr,
			        "fuzz: the update reads\n%s\nwhere a full parse reads\n%s\n",
			        u->str, s->str);
			REQUIRE(!"isms_register_update() reads as isms_register_parse()");
		}
		g_string_free(u, TRUE);
		g_string_append(s, "read by update\n");
	} else {
		g_string_append(s, "read in full\n");
	}
	isms_register_free(upd);
	isms_register_free(full);
	isms_register_dialect_dispose(&d);
	return g_string_free(s, FALSE);
}

/* ---- configuration ------------------------------------------------------ */

static gint compare_strings(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void describe_list(GString *s, const char *name, const GPtrArray *list)
{
	g_string_append_printf(s, "%s [", name);
	for (guint i = 0; i < list->len; i++) {
		if (i > 0)
			g_string_append(s, ", ");
		quoted(s, g_ptr_array_index(list, i));
	}
	g_string_append(s, "]\n");
}

/* A hash table's keys in order (its own order depends on the hash). */
static GPtrArray *sorted_keys(GHashTable *table)
{
	GPtrArray *keys = g_ptr_array_new();
	GHashTableIter it;
	gpointer key;

	g_hash_table_iter_init(&it, table);
	while (g_hash_table_iter_next(&it, &key, NULL))
		g_ptr_array_add(keys, key);
	g_ptr_array_sort(keys, compare_strings);
	return keys;
}

/* Paths the queries are asked about: plain, nested, excluded by default,
 * and awkward names. */
static const char *const sample_paths[] = {"policy.md",
                                           "policies/access control.md",
                                           "registers/risk-register.md",
                                           "README.md",
                                           "vendor/x/y.md",
                                           "a/b/c/d/e.md",
                                           "docs/\xc3\xa9t\xc3\xa9.md",
                                           "notes.txt",
                                           NULL};

static void describe_config(GString *s, const isms_config *cfg)
{
	char buf[32];

	describe_list(s, "paths", cfg->paths);
	describe_list(s, "exclude", cfg->exclude);
	describe_list(s, "registers", cfg->registers);
	describe_list(s, "soa", cfg->soa);
	describe_list(s, "record types", cfg->record_types);
	describe_list(s, "mandatory", cfg->mandatory);
	g_string_append_printf(s, "max file size %zu\n", cfg->max_file_size);
	g_string_append_printf(s, "stale after %d months\n", cfg->stale_after_months);
	g_string_append_printf(s, "static ratio %g\n", cfg->static_ratio);
	g_string_append_printf(s, "review evidence %d days\n", cfg->review_evidence_days);
	g_string_append_printf(s, "register stale %d months\n", cfg->register_stale_months);
	g_string_append_printf(s, "closure window %d months\n", cfg->closure_window_months);
	g_string_append_printf(s, "closure backdate %d days\n", cfg->closure_backdate_days);
	g_string_append_printf(s, "management reviews %d months\n", cfg->review_months);
	g_string_append_printf(s, "internal audits %d months\n", cfg->audit_months);
	g_string_append_printf(s, "fail on %s\n", isms_severity_name(cfg->fail_on));
	g_string_append_printf(s, "cycle default %s\n",
	                       isms_duration_format(cfg->default_cycle, buf, sizeof(buf)));
	GPtrArray *keys = sorted_keys(cfg->cycles);
	for (guint i = 0; i < keys->len; i++) {
		const char *type = g_ptr_array_index(keys, i);
		g_string_append(s, "cycle ");
		quoted(s, type);
		g_string_append_printf(
		    s, " %s\n",
		    isms_duration_format(isms_config_cycle(cfg, type), buf, sizeof(buf)));
	}
	g_ptr_array_free(keys, TRUE);
	keys = sorted_keys(cfg->required);
	for (guint i = 0; i < keys->len; i++) {
		const char *type = g_ptr_array_index(keys, i);
		g_string_append(s, "required for ");
		quoted(s, type);
		describe_list(s, "", isms_config_required(cfg, type));
	}
	g_ptr_array_free(keys, TRUE);
	keys = sorted_keys(cfg->rule_settings);
	for (guint i = 0; i < keys->len; i++) {
		const isms_rule_setting *r = isms_config_rule(cfg, g_ptr_array_index(keys, i));
		g_string_append_printf(s, "rule %s%s%s%s", (const char *)g_ptr_array_index(keys, i),
		                       r->off ? " off" : "", r->has_severity ? " severity " : "",
		                       r->has_severity ? isms_severity_name(r->severity) : "");
		describe_list(s, " exclude", r->exclude);
	}
	g_ptr_array_free(keys, TRUE);
	for (guint i = 0; i < cfg->waivers->len; i++) {
		const isms_waiver *w = g_ptr_array_index(cfg->waivers, i);
		REQUIRE(w->rule && w->reason && w->approved_by && (w->path || w->item));
		g_string_append_printf(s, "waiver line %d %s until %s path ", w->line, w->rule,
		                       isms_date_format(w->expires, buf));
		quoted(s, w->path);
		g_string_append(s, " item ");
		quoted(s, w->item);
		g_string_append_c(s, '\n');
	}
	for (int c = 0; c < ISMS_COL_COUNT; c++) {
		g_string_append_printf(s, "column %s", isms_column_name((isms_column)c));
		describe_list(s, "", cfg->dialect.synonyms[c]);
	}
	keys = sorted_keys(cfg->dialect.status);
	for (guint i = 0; i < keys->len; i++) {
		const char *word = g_ptr_array_index(keys, i);
		g_string_append(s, "status word ");
		quoted(s, word);
		g_string_append_printf(s, " %s\n",
		                       isms_state_name(isms_status_state(&cfg->dialect, word)));
	}
	g_ptr_array_free(keys, TRUE);
	describe_list(s, "approval", cfg->dialect.approval);
	describe_list(s, "improvement ids", cfg->dialect.improvement_ids);
	g_string_append_printf(s, "date order %s\n",
	                       cfg->dialect.date_order == ISMS_DATE_ORDER_DMY   ? "dmy"
	                       : cfg->dialect.date_order == ISMS_DATE_ORDER_MDY ? "mdy"
	                                                                        : "none");
	for (int i = 0; i < ISMS_REVIEW_INPUTS; i++) {
		g_string_append_printf(s, "review input %c", 'a' + i);
		describe_list(s, "", cfg->review_inputs[i]);
	}
	/* the queries of the history walk and the rules */
	for (int i = 0; sample_paths[i]; i++) {
		const char *p = sample_paths[i];
		char *dir = g_path_get_dirname(p);
		g_string_append_printf(s, "%s: file %d dir %d register %d soa %d\n", p,
		                       isms_config_wants_file(cfg, p),
		                       isms_config_wants_dir(cfg, dir),
		                       isms_config_is_register(cfg, p), isms_config_is_soa(cfg, p));
		g_free(dir);
	}
}

/* The lines of the defaults' description, made once. */
static GHashTable *default_lines(void)
{
	static GHashTable *lines;
	static gsize done;

	if (g_once_init_enter(&done)) {
		GString *s = g_string_new(NULL);
		isms_config cfg;
		isms_config_init(&cfg);
		describe_config(s, &cfg);
		isms_config_dispose(&cfg);
		lines = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
		char **v = g_strsplit(s->str, "\n", -1);
		for (char **l = v; *l; l++)
			g_hash_table_add(lines, g_strdup(*l));
		g_strfreev(v);
		g_string_free(s, TRUE);
		g_once_init_leave(&done, 1);
	}
	return lines;
}

char *fuzz_config(const uint8_t *data, size_t size)
{
	GString *s = g_string_new(NULL), *all;
	GHashTable *defaults = default_lines();
	isms_config cfg;
	int rc;

	isms_config_init(&cfg);
	isms_error_clear();
	rc = isms_config_load(&cfg, ".isms-audit.yml", (const char *)data, size);
	if (rc < 0) {
		/* one line naming the file and the cause */
		const char *msg = isms_error_last();
		REQUIRE(rc == ISMS_EUSAGE || rc == ISMS_ERROR);
		REQUIRE(g_str_has_prefix(msg, ".isms-audit.yml"));
		g_string_append_printf(s, "error %d: ", rc);
		message(s, msg);
		g_string_append_c(s, '\n');
		isms_config_dispose(&cfg);
		return g_string_free(s, FALSE);
	}
	REQUIRE(g_strcmp0(cfg.source, ".isms-audit.yml") == 0);
	/* what differs from the defaults */
	all = g_string_new(NULL);
	describe_config(all, &cfg);
	g_string_append(s, "loaded\n");
	char **v = g_strsplit(all->str, "\n", -1);
	for (char **l = v; *l; l++)
		if (**l && !g_hash_table_contains(defaults, *l))
			g_string_append_printf(s, "%s\n", *l);
	g_strfreev(v);
	g_string_free(all, TRUE);
	isms_config_dispose(&cfg);
	return g_string_free(s, FALSE);
}

/* ---- dates and cycles ------------------------------------------------------ */

char *fuzz_date(const uint8_t *data, size_t size)
{
	GString *s = g_string_new(NULL);
	const char *text = (const char *)data;
	isms_day day, again, base;
	isms_duration d, e;
	char buf[ISMS_DATE_BUFSIZE], cycle[32];

	if (isms_date_parse(text, size, &day) == 0) {
		/* what is printed reads back as the same day */
		isms_date_format(day, buf);
		REQUIRE(isms_date_parse(buf, strlen(buf), &again) == 0 && again == day);
		g_string_append_printf(s, "date %s\n", buf);
		g_string_append_printf(s, "a year later %s\n",
		                       isms_date_format(isms_date_add_months(day, 12), buf));
	} else {
		g_string_append(s, "not a date\n");
	}
	/* a date as typed: an ISO date reads the same in any order, any other
	 * reads as one of its two orders, and prints in the years 1 to 9999 */
	for (int o = ISMS_DATE_ORDER_NONE; o <= ISMS_DATE_ORDER_MDY; o++) {
		int rc = isms_date_parse_written(text, size, (isms_date_order)o, &again);
		REQUIRE(rc == 0 || rc == -1 || (rc == ISMS_DATE_AMBIGUOUS && o == 0));
		if (isms_date_parse(text, size, &day) == 0)
			REQUIRE(rc == 0 && again == day);
		if (rc != 0)
			continue;
		isms_date_format(again, buf);
		REQUIRE(isms_date_parse(buf, strlen(buf), &day) == 0 && day == again);
		if (o == ISMS_DATE_ORDER_NONE && isms_date_parse(text, size, &day) < 0)
			g_string_append_printf(s, "written %s\n", buf);
	}
	if (isms_duration_parse(text, size, &d) == 0) {
		REQUIRE(d.months >= 0 && d.days >= 0 && (d.months > 0 || d.days > 0));
		isms_duration_format(d, cycle, sizeof(cycle));
		/* a cycle in one unit prints as it reads */
		if (d.months == 0 || d.days == 0)
			REQUIRE(isms_duration_parse(cycle, strlen(cycle), &e) == 0 &&
			        e.months == d.months && e.days == d.days);
		g_string_append_printf(s, "cycle %s\n", cycle);
		/* a review on 2025-01-01 is next due */
		REQUIRE(isms_date_parse("2025-01-01", 10, &base) == 0);
		g_string_append_printf(s, "due %s\n",
		                       isms_date_format(isms_date_add(base, d), buf));
	} else {
		g_string_append(s, "not a cycle\n");
	}
	return g_string_free(s, FALSE);
}
