/* Which way each configuration key weakens the audit, and the ways one
 * configuration is weaker than another (CONFIG-WEAKENED). */
#include <string.h>

#include "isms/config_keys.h"
#include "isms/meta.h"
#include "isms/people.h"
#include "isms/rules.h"
#include "isms/text.h"

/* A list of values in a message: at most this many, then "and N more". */
#define SHOWN 5

void isms_config_weakening_free(gpointer p)
{
	isms_config_weakening *w = p;

	if (!w)
		return;
	g_free(w->item);
	g_free(w->message);
	g_free(w);
}

/* Add a weakening of key path `item`, at the line `to` gives it. */
static void add(GPtrArray *out, const isms_config *to, const char *item, int line, GString *msg)
{
	isms_config_weakening *w = g_new0(isms_config_weakening, 1);

	w->item = g_strdup(item);
	w->line = line ? line : isms_config_line(to, item);
	w->message = g_string_free(msg, FALSE);
	g_ptr_array_add(out, w);
}

/* "ITEM: " opening a message. */
static GString *message(const char *item)
{
	GString *msg = g_string_new(NULL);

	isms_text_append_quoted(msg, item);
	g_string_append(msg, ": ");
	return msg;
}

static void append_value(GString *msg, const char *value)
{
	g_string_append_c(msg, '\'');
	isms_text_append_quoted(msg, value);
	g_string_append_c(msg, '\'');
}

/* 'a', 'b', 'c' and 2 more */
static void append_values(GString *msg, const GPtrArray *values)
{
	for (guint i = 0; i < values->len && i < SHOWN; i++) {
		if (i)
			g_string_append(msg, ", ");
		append_value(msg, g_ptr_array_index(values, i));
	}
	if (values->len > SHOWN)
		g_string_append_printf(msg, " and %u more", values->len - SHOWN);
}

static int has(const GPtrArray *list, const char *s)
{
	for (guint i = 0; list && i < list->len; i++)
		if (strcmp(g_ptr_array_index(list, i), s) == 0)
			return 1;
	return 0;
}

/* The entries of `b` that `a` lacks, borrowed from `b`. */
static GPtrArray *missing_from(const GPtrArray *a, const GPtrArray *b)
{
	GPtrArray *out = g_ptr_array_new();

	for (guint i = 0; b && i < b->len; i++)
		if (!has(a, g_ptr_array_index(b, i)) && !has(out, g_ptr_array_index(b, i)))
			g_ptr_array_add(out, g_ptr_array_index(b, i));
	return out;
}

/* "ITEM: 'x', 'y' added" (or "removed") when `gone` is not empty. */
static void entries(GPtrArray *out, const isms_config *to, const char *item, int line,
                    GPtrArray *gone, const char *how)
{
	if (gone->len > 0) {
		GString *msg = message(item);
		append_values(msg, gone);
		g_string_append_printf(msg, " %s", how);
		add(out, to, item, line, msg);
	}
	g_ptr_array_free(gone, TRUE);
}

static const GPtrArray *list_at(const isms_config *cfg, const isms_config_key *k)
{
	return *(GPtrArray *const *)((const char *)cfg + k->offset);
}

/* A number of a row as a double, for the comparison; its text in *text. */
static double number(const isms_config *cfg, const isms_config_key *k, char *text, size_t size)
{
	const char *at = (const char *)cfg + k->offset;

	switch (k->type) {
	case ISMS_CONFIG_INT:
		g_snprintf(text, size, "%d", *(const int *)at);
		return *(const int *)at;
	case ISMS_CONFIG_SIZE:
		g_snprintf(text, size, "%zu", *(const size_t *)at);
		return (double)*(const size_t *)at;
	case ISMS_CONFIG_RATIO:
		g_snprintf(text, size, "%g", *(const double *)at);
		return *(const double *)at;
	case ISMS_CONFIG_SEVERITY:
		/* a higher level fails on fewer findings */
		g_snprintf(text, size, "%s", isms_severity_name(*(const isms_severity *)at));
		return *(const isms_severity *)at;
	default: text[0] = '\0'; return 0;
	}
}

static void compare_row(const isms_config_key *k, const isms_config *from, const isms_config *to,
                        GPtrArray *out)
{
	char old[64], now[64];
	double a, b;

	switch (k->weaker) {
	case ISMS_WEAKER_HIGHER:
	case ISMS_WEAKER_LOWER:
		a = number(from, k, old, sizeof(old));
		b = number(to, k, now, sizeof(now));
		if (k->weaker == ISMS_WEAKER_HIGHER ? b > a : b < a) {
			GString *msg = message(k->key);
			g_string_append_printf(msg, "%s -> %s", old, now);
			add(out, to, k->key, 0, msg);
		}
		return;
	case ISMS_WEAKER_ADDED:
		entries(out, to, k->key, 0, missing_from(list_at(from, k), list_at(to, k)),
		        "added");
		return;
	case ISMS_WEAKER_REMOVED:
		entries(out, to, k->key, 0, missing_from(list_at(to, k), list_at(from, k)),
		        "removed");
		return;
	case ISMS_WEAKER_CUSTOM:
		if (k->weaker_fn)
			k->weaker_fn(k, from, to, out);
		return;
	case ISMS_WEAKER_UNDECIDED: return; /* the tests refuse such a row */
	}
}

void isms_config_weakenings(const isms_config *from, const isms_config *to, GPtrArray *out)
{
	for (size_t i = 0; i < isms_config_keys_count; i++)
		compare_row(&isms_config_keys[i], from, to, out);
}

/* ---- the structured keys ------------------------------------------------ */

static int has_glob(const char *p)
{
	return strpbrk(p, "*?[") != NULL;
}

/* A path entry without its trailing slashes: "docs/" is "docs". */
static char *folder_of(const char *p)
{
	size_t n = strlen(p);

	while (n > 0 && p[n - 1] == '/')
		n--;
	return g_strndup(p, n);
}

/* Whether the entries `to` audits hold what entry `p` of `from` did: the
 * same entry, a folder above it, or everything. */
static int still_audited(const GPtrArray *to, const char *p)
{
	char *want = folder_of(p);
	int yes = to->len == 0;

	for (guint i = 0; !yes && i < to->len; i++) {
		const char *q = g_ptr_array_index(to, i);
		char *folder = folder_of(q);
		size_t n = strlen(folder);
		yes = strcmp(folder, want) == 0 || n == 0 || strcmp(folder, ".") == 0 ||
		      (!has_glob(folder) && strncmp(want, folder, n) == 0 && want[n] == '/');
		g_free(folder);
	}
	g_free(want);
	return yes;
}

static void append_paths(GString *msg, const GPtrArray *paths)
{
	if (paths->len == 0)
		g_string_append(msg, "everything");
	else
		append_values(msg, paths);
}

static gint cmp_names(gconstpointer a, gconstpointer b);

/* A key that reads as a field now and did not (or read as another): a
 * document can then seem to carry a review date or an owner it was not
 * found to have. */
void isms_config_weaker_fields(const isms_config_key *k, const isms_config *from,
                               const isms_config *to, GPtrArray *out)
{
	GHashTableIter it;
	gpointer key, value;
	GPtrArray *added = g_ptr_array_new();

	g_hash_table_iter_init(&it, to->fields.keys);
	while (g_hash_table_iter_next(&it, &key, &value)) {
		/* an entry's low 16 bits are its field number plus one (src/meta.c) */
		guint was = GPOINTER_TO_UINT(g_hash_table_lookup(from->fields.keys, key));
		if ((was & 0xffffu) != (GPOINTER_TO_UINT(value) & 0xffffu))
			g_ptr_array_add(added, key);
	}
	if (added->len) {
		GString *msg = message(k->key);
		g_ptr_array_sort(added, cmp_names);
		append_values(msg, added);
		g_string_append(msg, added->len == 1 ? " now names a field" : " now name fields");
		add(out, to, k->key, 0, msg);
	}
	g_ptr_array_free(added, TRUE);
}

static const char *order_name(isms_date_order o)
{
	return o == ISMS_DATE_ORDER_DMY ? "dmy" : o == ISMS_DATE_ORDER_MDY ? "mdy" : "none";
}

/* Any other order: every ambiguous date of every register reads as another
 * day (or is no longer reported as ambiguous), so a due date can move past
 * the audit date unseen. */
void isms_config_weaker_date_order(const isms_config_key *k, const isms_config *from,
                                   const isms_config *to, GPtrArray *out)
{
	if (from->dialect.date_order != to->dialect.date_order) {
		GString *msg = message(k->key);
		append_value(msg, order_name(from->dialect.date_order));
		g_string_append(msg, " -> ");
		append_value(msg, order_name(to->dialect.date_order));
		add(out, to, k->key, 0, msg);
	}
}

/* Narrowed: an entry that is no longer audited by any of the new ones. */
void isms_config_weaker_paths(const isms_config_key *k, const isms_config *from,
                              const isms_config *to, GPtrArray *out)
{
	int narrowed = from->paths->len == 0 && to->paths->len > 0;

	for (guint i = 0; !narrowed && i < from->paths->len; i++)
		narrowed = !still_audited(to->paths, g_ptr_array_index(from->paths, i));
	if (narrowed) {
		GString *msg = message(k->key);
		append_paths(msg, from->paths);
		g_string_append(msg, " -> ");
		append_paths(msg, to->paths);
		add(out, to, k->key, 0, msg);
	}
}

static gint cmp_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The keys of two tables, sorted (and "default" first), borrowed. */
static GPtrArray *keys_of(GHashTable *a, GHashTable *b, int with_default)
{
	GPtrArray *keys = g_ptr_array_new();
	GHashTable *tables[2] = {a, b};

	for (int t = 0; t < 2; t++) {
		GHashTableIter it;
		gpointer key;
		g_hash_table_iter_init(&it, tables[t]);
		while (g_hash_table_iter_next(&it, &key, NULL))
			if (strcmp(key, "default") != 0 && !has(keys, key))
				g_ptr_array_add(keys, key);
	}
	g_ptr_array_sort(keys, cmp_names);
	if (with_default)
		g_ptr_array_insert(keys, 0, (gpointer) "default");
	return keys;
}

/* A duration as days from a fixed day, to compare months with days. */
static isms_day length_of(isms_duration d)
{
	static const isms_day from = 10957; /* 2000-01-01 */

	return isms_date_add(from, d) - from;
}

/* Longer: a type reviewed less often (its own cycle, or the default it
 * now falls back to). */
void isms_config_weaker_cycles(const isms_config_key *k, const isms_config *from,
                               const isms_config *to, GPtrArray *out)
{
	GPtrArray *types = keys_of(from->cycles, to->cycles, 1);

	for (guint i = 0; i < types->len; i++) {
		const char *type = g_ptr_array_index(types, i);
		int is_default = i == 0;
		isms_duration a = is_default ? from->default_cycle : isms_config_cycle(from, type);
		isms_duration b = is_default ? to->default_cycle : isms_config_cycle(to, type);
		char old[32], now[32];
		if (length_of(b) <= length_of(a))
			continue;
		char *item = g_strconcat(k->key, ".", type, NULL);
		GString *msg = message(item);
		g_string_append_printf(msg, "%s -> %s", isms_duration_format(a, old, sizeof(old)),
		                       isms_duration_format(b, now, sizeof(now)));
		add(out, to, item, 0, msg);
		g_free(item);
	}
	g_ptr_array_free(types, TRUE);
}

/* The canonical names of required fields, so that an alias is the field. */
static GPtrArray *canonical_fields(const GPtrArray *fields)
{
	GPtrArray *out = g_ptr_array_new();

	for (guint i = 0; fields && i < fields->len; i++) {
		const char *f = g_ptr_array_index(fields, i);
		int id = strcmp(f, "review") == 0 ? -1 : isms_field_lookup(f);
		g_ptr_array_add(out, (gpointer)(id >= 0 ? isms_field_name((isms_field)id) : f));
	}
	return out;
}

/* Shrunk: a field a type no longer needs. */
void isms_config_weaker_required(const isms_config_key *k, const isms_config *from,
                                 const isms_config *to, GPtrArray *out)
{
	GPtrArray *types = keys_of(from->required, to->required, 1);

	for (guint i = 0; i < types->len; i++) {
		const char *type = g_ptr_array_index(types, i);
		GPtrArray *a = canonical_fields(isms_config_required(from, type));
		GPtrArray *b = canonical_fields(isms_config_required(to, type));
		char *item = g_strconcat(k->key, ".", type, NULL);
		entries(out, to, item, 0, missing_from(b, a), "removed");
		g_free(item);
		g_ptr_array_free(a, TRUE);
		g_ptr_array_free(b, TRUE);
	}
	g_ptr_array_free(types, TRUE);
}

/* The entry of `map` (isms_path_mapping *) for exactly `pattern`, or NULL. */
static const isms_path_mapping *mapping_of(const GPtrArray *map, const char *pattern)
{
	for (guint i = 0; map && i < map->len; i++) {
		const isms_path_mapping *m = g_ptr_array_index(map, i);
		if (strcmp(m->pattern, pattern) == 0)
			return m;
	}
	return NULL;
}

/* A pattern that now gives another type: a document can become a record,
 * out of the review cycle, or a type with fewer required fields. */
void isms_config_weaker_types(const isms_config_key *k, const isms_config *from,
                              const isms_config *to, GPtrArray *out)
{
	for (guint i = 0; i < to->types->len; i++) {
		const isms_path_mapping *m = g_ptr_array_index(to->types, i);
		const isms_path_mapping *was = mapping_of(from->types, m->pattern);
		const char *old = was ? g_ptr_array_index(was->values, 0) : NULL;
		const char *now = g_ptr_array_index(m->values, 0);
		if (old && strcmp(old, now) == 0)
			continue;
		char *item = g_strconcat(k->key, ".", m->pattern, NULL);
		GString *msg = message(item);
		if (old)
			append_value(msg, old);
		else
			g_string_append(msg, "none");
		g_string_append(msg, " -> ");
		append_value(msg, now);
		add(out, to, item, m->line, msg);
		g_free(item);
	}
}

/* A clause a pattern now declares: coverage claimed without a document
 * that says so. */
void isms_config_weaker_clauses(const isms_config_key *k, const isms_config *from,
                                const isms_config *to, GPtrArray *out)
{
	for (guint i = 0; i < to->clause_map->len; i++) {
		const isms_path_mapping *m = g_ptr_array_index(to->clause_map, i);
		const isms_path_mapping *was = mapping_of(from->clause_map, m->pattern);
		char *item = g_strconcat(k->key, ".", m->pattern, NULL);
		entries(out, to, item, m->line, missing_from(was ? was->values : NULL, m->values),
		        "added");
		g_free(item);
	}
}

/* A header word added to a column: a cell of another column may count as
 * that column's (a Notes column as the root cause). */
void isms_config_weaker_columns(const isms_config_key *k, const isms_config *from,
                                const isms_config *to, GPtrArray *out)
{
	for (int c = 0; c < ISMS_COL_COUNT; c++) {
		char *item = g_strconcat(k->key, ".", isms_column_name((isms_column)c), NULL);
		entries(out, to, item, 0,
		        missing_from(from->dialect.synonyms[c], to->dialect.synonyms[c]), "added");
		g_free(item);
	}
}

/* How much a state of a register item is checked: open items most (owner,
 * due date, overdue), an unknown word is a finding itself, withdrawn items
 * not at all. */
static int scrutiny(isms_item_state s)
{
	switch (s) {
	case ISMS_STATE_OPEN:
	case ISMS_STATE_UNKNOWN: return 3;
	case ISMS_STATE_CLOSED:
	case ISMS_STATE_ACCEPTED: return 2;
	case ISMS_STATE_WITHDRAWN: return 1;
	}
	return 3;
}

static isms_item_state state_of(const isms_config *cfg, const char *key)
{
	gpointer v = g_hash_table_lookup(cfg->dialect.status, key);

	return v ? (isms_item_state)(GPOINTER_TO_INT(v) - 1) : ISMS_STATE_UNKNOWN;
}

/* A status word that now means a state checked less than the one it
 * meant (open -> withdrawn), or closed and accepted traded (each is
 * checked for what the other is not). */
void isms_config_weaker_status(const isms_config_key *k, const isms_config *from,
                               const isms_config *to, GPtrArray *out)
{
	static const isms_item_state states[] = {ISMS_STATE_OPEN, ISMS_STATE_CLOSED,
	                                         ISMS_STATE_ACCEPTED, ISMS_STATE_WITHDRAWN};
	GPtrArray *words = g_ptr_array_new();
	GHashTableIter it;
	gpointer key;

	g_hash_table_iter_init(&it, to->dialect.status);
	while (g_hash_table_iter_next(&it, &key, NULL))
		g_ptr_array_add(words, key);
	g_ptr_array_sort(words, cmp_names);
	for (size_t s = 0; s < G_N_ELEMENTS(states); s++) {
		GPtrArray *moved = g_ptr_array_new();
		char *item = g_strconcat(k->key, ".", isms_state_name(states[s]), NULL);
		for (guint i = 0; i < words->len; i++) {
			const char *w = g_ptr_array_index(words, i);
			isms_item_state was = state_of(from, w), now = state_of(to, w);
			if (now != states[s] || now == was)
				continue;
			if (scrutiny(now) < scrutiny(was) || scrutiny(now) == 2)
				g_ptr_array_add(moved, (gpointer)w);
		}
		entries(out, to, item, 0, moved, "added");
		g_free(item);
	}
	g_ptr_array_free(words, TRUE);
}

/* A header word added to a risk column: a cell of another column may count
 * as that column's (a Notes column as the approver, a Comments column as
 * the review date), as for register_columns. */
void isms_config_weaker_risk_columns(const isms_config_key *k, const isms_config *from,
                                     const isms_config *to, GPtrArray *out)
{
	for (int c = 0; c < ISMS_RISK_COL_COUNT; c++) {
		char *item =
		    g_strconcat(k->key, ".", isms_risk_column_name((isms_risk_column)c), NULL);
		entries(out, to, item, 0,
		        missing_from(from->risk.synonyms[c], to->risk.synonyms[c]), "added");
		g_free(item);
	}
}

/* A higher level: fewer risks need a treatment and a plan. */
void isms_config_weaker_risk_threshold(const isms_config_key *k, const isms_config *from,
                                       const isms_config *to, GPtrArray *out)
{
	if (to->risk.threshold > from->risk.threshold) {
		GString *msg = message(k->key);
		append_value(msg, isms_risk_level_name(from->risk.threshold));
		g_string_append(msg, " -> ");
		append_value(msg, isms_risk_level_name(to->risk.threshold));
		add(out, to, k->key, 0, msg);
	}
}

/* A heading phrase added: more headings show an input covered. */
void isms_config_weaker_inputs(const isms_config_key *k, const isms_config *from,
                               const isms_config *to, GPtrArray *out)
{
	for (int i = 0; i < ISMS_REVIEW_INPUTS; i++) {
		char letter[2] = {(char)('a' + i), '\0'};
		char *item = g_strconcat(k->key, ".", letter, NULL);
		entries(out, to, item, 0,
		        missing_from(from->review_inputs[i], to->review_inputs[i]), "added");
		g_free(item);
	}
}

/* ---- the approval keys -------------------------------------------------- */

/* What `people:` gives one person (entries of one name joined): each of
 * its emails, aliases and roles as matched (lowercased or casefolded) ->
 * as written, borrowed from the configuration. */
typedef struct {
	const char *name;
	int line;
	GHashTable *values[3]; /* emails, aliases, roles */
} person_keys;

static const char *const person_parts[3] = {"emails", "aliases", "roles"};

static void person_keys_free(gpointer p)
{
	person_keys *x = p;

	for (int i = 0; i < 3; i++)
		g_hash_table_destroy(x->values[i]);
	g_free(x);
}

/* A name or role as people.c compares it: ignoring case and surrounding
 * space; an email ignoring case. */
static char *person_key(const char *s, int is_email)
{
	char *stripped = g_strstrip(g_strdup(s));
	char *key = is_email ? g_ascii_strdown(stripped, -1) : g_utf8_casefold(stripped, -1);

	g_free(stripped);
	return key;
}

/* The persons of a configuration by matched name -> person_keys *. */
static GHashTable *persons_of(const isms_config *cfg)
{
	GHashTable *by_name =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, person_keys_free);

	for (guint i = 0; cfg->people && i < cfg->people->len; i++) {
		const isms_person_entry *e = g_ptr_array_index(cfg->people, i);
		const GPtrArray *parts[3] = {e->emails, e->aliases, e->roles};
		char *name = person_key(e->name, 0);
		person_keys *x = g_hash_table_lookup(by_name, name);
		if (!x) {
			x = g_new0(person_keys, 1);
			x->name = e->name;
			x->line = e->line;
			for (int p = 0; p < 3; p++)
				x->values[p] =
				    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
			g_hash_table_insert(by_name, name, x);
		} else {
			g_free(name);
		}
		for (int p = 0; p < 3; p++)
			for (guint j = 0; parts[p] && j < parts[p]->len; j++) {
				const char *v = g_ptr_array_index(parts[p], j);
				char *key = person_key(v, p == 0);
				if (g_hash_table_contains(x->values[p], key))
					g_free(key);
				else
					g_hash_table_insert(x->values[p], key, (gpointer)v);
			}
	}
	return by_name;
}

/* The values (as written) of `b` whose keys `a` (may be NULL) lacks,
 * sorted, borrowed. */
static GPtrArray *keys_missing(GHashTable *a, GHashTable *b)
{
	GPtrArray *out = g_ptr_array_new();
	GHashTableIter it;
	gpointer key, value;

	g_hash_table_iter_init(&it, b);
	while (g_hash_table_iter_next(&it, &key, &value))
		if (!a || !g_hash_table_contains(a, key))
			g_ptr_array_add(out, value);
	g_ptr_array_sort(out, cmp_names);
	return out;
}

static void compare_person(const isms_config_key *k, const isms_config *to, const person_keys *a,
                           const person_keys *b, GPtrArray *out)
{
	const person_keys *named = b ? b : a;

	for (int p = 0; p < 3; p++) {
		char *item = g_strconcat(k->key, ".", named->name, ".", person_parts[p], NULL);
		int line = b ? b->line : 0;
		if (b)
			entries(out, to, item, line,
			        keys_missing(a ? a->values[p] : NULL, b->values[p]), "added");
		/* a role given up takes authority away; an email or alias given
		 * up splits one person into two, and the author's approval of
		 * their own change can read as another's */
		if (a && p < 2)
			entries(out, to, item, line,
			        keys_missing(b ? b->values[p] : NULL, a->values[p]), "removed");
		g_free(item);
	}
}

/* An email, alias or role added to a person, or an email or alias taken
 * away. Joining identities can make an author's other identity count as
 * the approver that a role names, or give someone the authority of a role;
 * splitting them can make a self-approval read as independent. Which way a
 * join turns depends on the history, so every change to who is whom
 * weakens the audit but a role given up. */
void isms_config_weaker_people(const isms_config_key *k, const isms_config *from,
                               const isms_config *to, GPtrArray *out)
{
	GHashTable *a = persons_of(from), *b = persons_of(to);
	GPtrArray *names = g_ptr_array_new();
	GHashTable *tables[2] = {a, b};

	for (int t = 0; t < 2; t++) {
		GHashTableIter it;
		gpointer key;
		g_hash_table_iter_init(&it, tables[t]);
		while (g_hash_table_iter_next(&it, &key, NULL))
			if (t == 0 || !g_hash_table_contains(a, key))
				g_ptr_array_add(names, key);
	}
	g_ptr_array_sort(names, cmp_names);
	for (guint i = 0; i < names->len; i++) {
		const char *name = g_ptr_array_index(names, i);
		compare_person(k, to, g_hash_table_lookup(a, name), g_hash_table_lookup(b, name),
		               out);
	}
	g_ptr_array_free(names, TRUE);
	g_hash_table_destroy(a);
	g_hash_table_destroy(b);
}

static int has_ci(const GPtrArray *list, const char *s)
{
	for (guint i = 0; list && i < list->len; i++)
		if (g_ascii_strcasecmp(g_ptr_array_index(list, i), s) == 0)
			return 1;
	return 0;
}

/* A trailer key added (matched ignoring case, as the approval code reads
 * them): more commits count as approved. */
void isms_config_weaker_trailers(const isms_config_key *k, const isms_config *from,
                                 const isms_config *to, GPtrArray *out)
{
	GPtrArray *added = g_ptr_array_new();

	for (guint i = 0; i < to->approval_trailers->len; i++) {
		const char *t = g_ptr_array_index(to->approval_trailers, i);
		if (!has_ci(from->approval_trailers, t) && !has_ci(added, t))
			g_ptr_array_add(added, (gpointer)t);
	}
	entries(out, to, k->key, 0, added, "added");
}

static void append_since(GString *msg, const isms_config *cfg)
{
	char day[ISMS_DATE_BUFSIZE];

	if (cfg->has_approval_since)
		append_value(msg, isms_date_format(cfg->approval_since, day));
	else
		g_string_append(msg, "the first approval evidence");
}

/* Later: changes before the day are no longer judged. The default, the
 * day of the first approval evidence, is read from the history, which the
 * configuration cannot know: setting a day in its place, or dropping a day
 * for it, may move the start later, and is reported. */
void isms_config_weaker_approval_since(const isms_config_key *k, const isms_config *from,
                                       const isms_config *to, GPtrArray *out)
{
	int later;

	if (from->has_approval_since && to->has_approval_since)
		later = to->approval_since > from->approval_since;
	else
		later = from->has_approval_since != to->has_approval_since;
	if (later) {
		GString *msg = message(k->key);
		append_since(msg, from);
		g_string_append(msg, " -> ");
		append_since(msg, to);
		add(out, to, k->key, 0, msg);
	}
}

/* "off", or the severity a rule is reported at. */
static const char *grade(const isms_rule *r, const isms_rule_setting *s)
{
	if (s && s->off)
		return "off";
	return isms_severity_name(s && s->has_severity ? s->severity : r->severity);
}

/* A rule switched off, its severity lowered, or paths added to its
 * exclusions (while it runs). */
void isms_config_weaker_rules(const isms_config_key *k, const isms_config *from,
                              const isms_config *to, GPtrArray *out)
{
	for (size_t i = 0; i < isms_rules_count; i++) {
		const isms_rule *r = &isms_rules[i];
		const isms_rule_setting *a = isms_config_rule(from, r->id);
		const isms_rule_setting *b = isms_config_rule(to, r->id);
		isms_severity sa = a && a->has_severity ? a->severity : r->severity;
		isms_severity sb = b && b->has_severity ? b->severity : r->severity;
		int line = b ? b->line : 0;
		char *item;
		if (a && a->off)
			continue; /* nothing left to weaken */
		item = g_strconcat(k->key, ".", r->id, NULL);
		if ((b && b->off) || sb < sa) {
			GString *msg = message(item);
			g_string_append_printf(msg, "severity %s -> %s", grade(r, a), grade(r, b));
			add(out, to, item, line, msg);
		}
		if (b && !b->off) {
			char *sub = g_strconcat(item, ".exclude", NULL);
			entries(out, to, sub, line, missing_from(a ? a->exclude : NULL, b->exclude),
			        "added");
			g_free(sub);
		}
		g_free(item);
	}
}

/* "path 'x' until 2026-06-30", "item 'NC-1' and path 'x' until ..." */
static void append_waiver(GString *msg, const isms_waiver *w, int with_scope)
{
	char day[ISMS_DATE_BUFSIZE];

	if (with_scope && w->path) {
		g_string_append(msg, "path ");
		append_value(msg, w->path);
	}
	if (with_scope && w->item) {
		g_string_append(msg, w->path ? " and item " : "item ");
		append_value(msg, w->item);
	}
	g_string_append_printf(msg, "%suntil %s", with_scope ? " " : "",
	                       isms_date_format(w->expires, day));
}

static int same_scope(const isms_waiver *a, const isms_waiver *b)
{
	return strcmp(a->rule, b->rule) == 0 && g_strcmp0(a->path, b->path) == 0 &&
	       g_strcmp0(a->item, b->item) == 0;
}

/* A waiver added, or one kept to a later expiry: each accepts findings
 * the base's configuration reports. */
void isms_config_weaker_waivers(const isms_config_key *k, const isms_config *from,
                                const isms_config *to, GPtrArray *out)
{
	for (guint i = 0; i < to->waivers->len; i++) {
		const isms_waiver *w = g_ptr_array_index(to->waivers, i), *was = NULL;
		GString *msg;
		char *item;
		for (guint j = 0; j < from->waivers->len; j++) {
			const isms_waiver *v = g_ptr_array_index(from->waivers, j);
			if (same_scope(v, w) && (!was || v->expires > was->expires))
				was = v;
		}
		if (was && was->expires >= w->expires)
			continue;
		item = g_strconcat(k->key, ".", w->rule, NULL);
		msg = message(item);
		if (was) {
			append_waiver(msg, was, 1);
			g_string_append(msg, " -> ");
			append_waiver(msg, w, 0);
		} else {
			append_waiver(msg, w, 1);
			g_string_append(msg, " added");
		}
		add(out, to, item, w->line, msg);
		g_free(item);
	}
}
