#include "isms/register.h"

#include <fnmatch.h>
#include <string.h>

#include "isms/markdown.h"
#include "isms/text.h"

static const char *const syn_id[] = {"ID", "Ref", "Reference", "No", "Number", NULL};
static const char *const syn_raised[] = {"Raised",  "Date raised", "Opened",
                                         "Created", "Date",        NULL};
static const char *const syn_source[] = {"Source", "Origin", "Raised from", "Input", NULL};
static const char *const syn_description[] = {"Description", "Issue", "Nonconformity",
                                              "Finding",     "Title", NULL};
static const char *const syn_root_cause[] = {"Root cause", "Cause", "Root cause analysis", NULL};
static const char *const syn_action[] = {"Action", "Corrective action", "Improvement",
                                         "Action taken", NULL};
static const char *const syn_owner[] = {"Owner", "Responsible", "Assignee", "Action owner", NULL};
static const char *const syn_due[] = {"Due", "Due date", "Target date", "Target", NULL};
static const char *const syn_status[] = {"Status", "State", NULL};
static const char *const syn_closed[] = {"Closed",    "Date closed",     "Closed date",
                                         "Completed", "Completion date", NULL};
static const char *const syn_effectiveness[] = {"Effectiveness",
                                                "Effectiveness review",
                                                "Effectiveness evaluation",
                                                "Verification",
                                                "Verified",
                                                "Effective",
                                                NULL};
static const char *const syn_approver[] = {"Approver", "Approved by", "Approval", NULL};

static const struct {
	const char *name;
	const char *const *synonyms;
} columns[ISMS_COL_COUNT] = {
    [ISMS_COL_ID] = {"id", syn_id},
    [ISMS_COL_RAISED] = {"raised", syn_raised},
    [ISMS_COL_SOURCE] = {"source", syn_source},
    [ISMS_COL_DESCRIPTION] = {"description", syn_description},
    [ISMS_COL_ROOT_CAUSE] = {"root_cause", syn_root_cause},
    [ISMS_COL_ACTION] = {"action", syn_action},
    [ISMS_COL_OWNER] = {"owner", syn_owner},
    [ISMS_COL_DUE] = {"due", syn_due},
    [ISMS_COL_STATUS] = {"status", syn_status},
    [ISMS_COL_CLOSED] = {"closed", syn_closed},
    [ISMS_COL_EFFECTIVENESS] = {"effectiveness", syn_effectiveness},
    [ISMS_COL_APPROVER] = {"approver", syn_approver},
};

static const struct {
	const char *word;
	isms_item_state state;
} status_words[] = {
    {"open", ISMS_STATE_OPEN},
    {"new", ISMS_STATE_OPEN},
    {"raised", ISMS_STATE_OPEN},
    {"in progress", ISMS_STATE_OPEN},
    {"ongoing", ISMS_STATE_OPEN},
    {"on hold", ISMS_STATE_OPEN},
    {"overdue", ISMS_STATE_OPEN},
    {"closed", ISMS_STATE_CLOSED},
    {"done", ISMS_STATE_CLOSED},
    {"complete", ISMS_STATE_CLOSED},
    {"completed", ISMS_STATE_CLOSED},
    {"resolved", ISMS_STATE_CLOSED},
    {"verified", ISMS_STATE_CLOSED},
    {"accepted", ISMS_STATE_ACCEPTED},
    {"risk accepted", ISMS_STATE_ACCEPTED},
    {"withdrawn", ISMS_STATE_WITHDRAWN},
    {"cancelled", ISMS_STATE_WITHDRAWN},
    {"canceled", ISMS_STATE_WITHDRAWN},
    {"duplicate", ISMS_STATE_WITHDRAWN},
    {"rejected", ISMS_STATE_WITHDRAWN},
};

static const char *const state_names[] = {"open", "closed", "accepted", "withdrawn", "unknown"};

static const char *const default_approval[] = {"approved by", NULL};
static const char *const default_improvement[] = {"OFI*", "IMP*", NULL};

const char *isms_column_name(isms_column c)
{
	return columns[c].name;
}

const char *const *isms_column_synonyms(isms_column c)
{
	return columns[c].synonyms;
}

const char *isms_state_name(isms_item_state s)
{
	return state_names[s];
}

int isms_column_lookup(const char *name)
{
	for (int c = 0; c < ISMS_COL_COUNT; c++)
		if (g_ascii_strcasecmp(columns[c].name, name) == 0)
			return c;
	return -1;
}

isms_item_state isms_state_lookup(const char *name)
{
	for (int s = 0; s < ISMS_STATE_UNKNOWN; s++)
		if (g_ascii_strcasecmp(state_names[s], name) == 0)
			return (isms_item_state)s;
	return ISMS_STATE_UNKNOWN;
}

static char *column_key(const char *text);

/* The words as keys (`key`: isms_md_header_key, or column_key for header
 * words). */
static GPtrArray *keys_of(const char *const *words, char *(*key)(const char *))
{
	GPtrArray *a = g_ptr_array_new_with_free_func(g_free);

	for (; *words; words++)
		g_ptr_array_add(a, key(*words));
	return a;
}

void isms_register_dialect_init(isms_register_dialect *d)
{
	memset(d, 0, sizeof(*d));
	for (int c = 0; c < ISMS_COL_COUNT; c++)
		d->synonyms[c] = keys_of(columns[c].synonyms, column_key);
	d->status = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (size_t i = 0; i < G_N_ELEMENTS(status_words); i++)
		g_hash_table_insert(d->status, isms_md_header_key(status_words[i].word),
		                    GINT_TO_POINTER(status_words[i].state + 1));
	d->approval = keys_of(default_approval, isms_md_header_key);
	d->improvement_ids = g_ptr_array_new_with_free_func(g_free);
	for (const char *const *p = default_improvement; *p; p++)
		g_ptr_array_add(d->improvement_ids, g_strdup(*p));
}

void isms_register_dialect_dispose(isms_register_dialect *d)
{
	if (!d || !d->status)
		return;
	for (int c = 0; c < ISMS_COL_COUNT; c++)
		g_ptr_array_free(d->synonyms[c], TRUE);
	g_hash_table_destroy(d->status);
	g_ptr_array_free(d->approval, TRUE);
	g_ptr_array_free(d->improvement_ids, TRUE);
	memset(d, 0, sizeof(*d));
}

int isms_register_dialect_set_columns(isms_register_dialect *d, isms_column c,
                                      const GPtrArray *words)
{
	if (words->len == 0)
		return -1;
	g_ptr_array_set_size(d->synonyms[c], 0);
	for (guint i = 0; i < words->len; i++) {
		char *key = column_key(g_ptr_array_index(words, i));
		/* a word given to this column is taken from the others */
		for (int o = 0; o < ISMS_COL_COUNT; o++)
			for (guint k = d->synonyms[o]->len; o != (int)c && k > 0; k--)
				if (strcmp(g_ptr_array_index(d->synonyms[o], k - 1), key) == 0)
					g_ptr_array_remove_index(d->synonyms[o], k - 1);
		g_ptr_array_add(d->synonyms[c], key);
	}
	return 0;
}

static gboolean in_state(gpointer key, gpointer value, gpointer state)
{
	(void)key;
	return value == state;
}

int isms_register_dialect_set_status(isms_register_dialect *d, isms_item_state s,
                                     const GPtrArray *words, const char **clash)
{
	gpointer mine = GINT_TO_POINTER(s + 1);

	*clash = NULL;
	if (words->len == 0)
		return -1;
	g_hash_table_foreach_remove(d->status, in_state, mine);
	for (guint i = 0; i < words->len; i++) {
		char *key = isms_md_header_key(g_ptr_array_index(words, i));
		gpointer other = g_hash_table_lookup(d->status, key);
		if (other && other != mine) {
			*clash = g_ptr_array_index(words, i);
			g_free(key);
			return -1;
		}
		g_hash_table_replace(d->status, key, mine);
	}
	return 0;
}

/* The defaults, for callers without a configuration. */
static const isms_register_dialect *default_dialect(void)
{
	static isms_register_dialect d;
	static gsize done;

	if (g_once_init_enter(&done)) {
		isms_register_dialect_init(&d);
		g_once_init_leave(&done, 1);
	}
	return &d;
}

isms_item_state isms_status_state(const isms_register_dialect *d, const char *word)
{
	char *key = isms_md_header_key(word);
	gpointer v = g_hash_table_lookup((d ? d : default_dialect())->status, key);

	g_free(key);
	return v ? (isms_item_state)(GPOINTER_TO_INT(v) - 1) : ISMS_STATE_UNKNOWN;
}

int isms_register_is_improvement(const isms_register_dialect *d, const char *id)
{
	char *lower = g_ascii_strdown(id, -1);
	int hit = 0;

	if (!d)
		d = default_dialect();
	for (guint i = 0; !hit && i < d->improvement_ids->len; i++) {
		char *pat = g_ascii_strdown(g_ptr_array_index(d->improvement_ids, i), -1);
		hit = fnmatch(pat, lower, 0) == 0;
		g_free(pat);
	}
	g_free(lower);
	return hit;
}

int isms_cell_missing(const char *text)
{
	static const char *const words[] = {"",    "-",  "--",  "\xe2\x80\x94", "\xe2\x80\x93",
	                                    "n/a", "na", "tbd", "tbc",          NULL};
	char *t = g_ascii_strdown(text, -1);
	int hit = 0;

	g_strstrip(t);
	for (int i = 0; !hit && words[i]; i++)
		hit = strcmp(t, words[i]) == 0;
	g_free(t);
	return hit;
}

/* ---- header cells to columns ------------------------------------------ */

/* The header key of a cell or header word, with " #" when its last letter,
 * digit or `#` is a `#`: "Issue #" is an id, "Issue" a description. */
static char *column_key(const char *text)
{
	char *key = isms_md_header_key(text), *with;
	const char *last = NULL;

	for (const char *p = text; p && *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char_validated(p, -1);
		if (c == (gunichar)-1 || c == (gunichar)-2)
			break;
		if (c == '#' || g_unichar_isalnum(c))
			last = p;
	}
	if (!last || *last != '#')
		return key;
	with = g_strconcat(key, *key ? " #" : "#", NULL);
	g_free(key);
	return with;
}

/* The text without its notes in parentheses: "Action (Corrective /
 * Preventive)" is an Action column. */
static char *without_notes(const char *text)
{
	GString *s = g_string_new(NULL);
	int depth = 0;

	for (const char *p = text; *p; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && depth > 0)
			depth--;
		else if (depth == 0)
			g_string_append_c(s, *p);
	}
	return g_string_free(s, FALSE);
}

/* Whether the words of `key` begin / end with the words of `word`, with
 * more words after / before them. */
static int starts_with_words(const char *key, const char *word)
{
	size_t n = strlen(word);

	return n > 0 && strncmp(key, word, n) == 0 && key[n] == ' ';
}

static int ends_with_words(const char *key, const char *word)
{
	size_t k = strlen(key), n = strlen(word);

	return n > 0 && k > n && key[k - n - 1] == ' ' && strcmp(key + k - n, word) == 0;
}

/* Whether `key` is `word` after "date" or "date of", or before "date":
 * "date created", "date of creation", "opened date". */
static int dated_word(const char *key, const char *word)
{
	size_t k = strlen(key), n = strlen(word);

	if (strncmp(key, "date of ", 8) == 0 && strcmp(key + 8, word) == 0)
		return 1;
	if (strncmp(key, "date ", 5) == 0 && strcmp(key + 5, word) == 0)
		return 1;
	return k == n + 5 && strncmp(key, word, n) == 0 && strcmp(key + n, " date") == 0;
}

static const char *last_word(const char *key)
{
	const char *space = strrchr(key, ' ');

	return space ? space + 1 : key;
}

/* How well a header cell names a column, best last. */
enum {
	MATCH_MODIFIER = 1, /* a text column's word, then more: "Effectiveness Evaluation" */
	MATCH_HEAD,         /* more, then a text column's word: "CAPA Description" */
	MATCH_ID,           /* a prefix word, then an id word: "CAPA ID", "Issue #" */
	MATCH_DATED,        /* a date column's word with "date": "Date Created" */
	MATCH_NOTE,         /* a header word and a note: "Due (YYYY-MM-DD)" */
	MATCH_EXACT         /* a header word */
};

typedef struct {
	int quality, rank, header, column;
} candidate;

static int is_date_column(int c)
{
	return c == ISMS_COL_RAISED || c == ISMS_COL_DUE || c == ISMS_COL_CLOSED;
}

/* Columns of free text, named with more words around a header word. */
static int is_text_column(int c)
{
	return c == ISMS_COL_SOURCE || c == ISMS_COL_DESCRIPTION || c == ISMS_COL_ROOT_CAUSE ||
	       c == ISMS_COL_ACTION || c == ISMS_COL_EFFECTIVENESS;
}

/* Columns of names, named with more words before a header word ("Process
 * owner") but not after one ("Approval status" is no approver). */
static int is_person_column(int c)
{
	return c == ISMS_COL_OWNER || c == ISMS_COL_APPROVER;
}

/* The rank of `word` among the id column's one-word header words, `#`
 * after them, or -1. */
static int id_word(const isms_register_dialect *d, const char *word)
{
	const GPtrArray *ids = d->synonyms[ISMS_COL_ID];

	for (guint s = 0; s < ids->len; s++) {
		const char *w = g_ptr_array_index(ids, s);
		if (!strchr(w, ' ') && strcmp(w, word) == 0)
			return (int)s;
	}
	return strcmp(word, "#") == 0 ? (int)ids->len : -1;
}

/* An id word after a prefix word ("capa id", "ref no"), or `#`: the rank
 * of the id word, or -1. */
static int id_ended(const isms_register_dialect *d, const char *bare)
{
	const char *last = last_word(bare);

	return last != bare || strcmp(last, "#") == 0 ? id_word(d, last) : -1;
}

/* Whether the words of `bare` end with a header word of a column other
 * than `c`: that column is what the header names ("Action due"). */
static int head_names_other(const isms_register_dialect *d, const char *bare, int c)
{
	for (int o = 0; o < ISMS_COL_COUNT; o++)
		for (guint s = 0; o != c && s < d->synonyms[o]->len; s++)
			if (ends_with_words(bare, g_ptr_array_index(d->synonyms[o], s)))
				return 1;
	return 0;
}

static void add_candidate(GArray *out, int quality, int rank, int header, int column)
{
	candidate m = {quality, rank, header, column};

	g_array_append_val(out, m);
}

/* The candidates of one header cell (key and bare: without notes). */
static void header_candidates(const isms_register_dialect *d, const char *key, const char *bare,
                              int h, GArray *out)
{
	guint before = out->len;
	int dated, id;

	for (int c = 0; c < ISMS_COL_COUNT; c++)
		for (guint s = 0; s < d->synonyms[c]->len; s++) {
			const char *w = g_ptr_array_index(d->synonyms[c], s);
			if (strcmp(key, w) == 0)
				add_candidate(out, MATCH_EXACT, (int)s, h, c);
			else if (strcmp(bare, w) == 0)
				add_candidate(out, MATCH_NOTE, (int)s, h, c);
		}
	if (out->len > before || !*bare)
		return; /* a header word names its column and no other */
	dated =
	    strchr(bare, ' ') && (starts_with_words(bare, "date") || ends_with_words(bare, "date"));
	if ((id = id_ended(d, bare)) >= 0) {
		add_candidate(out, MATCH_ID, id, h, ISMS_COL_ID);
		return; /* "Action ID" is no action */
	}
	for (int c = 0; c < ISMS_COL_COUNT; c++)
		for (guint s = 0; s < d->synonyms[c]->len; s++) {
			const char *w = g_ptr_array_index(d->synonyms[c], s);
			if (dated && is_date_column(c) && dated_word(bare, w))
				add_candidate(out, MATCH_DATED, (int)s, h, c);
			/* a date is never a text column: "Date Root Cause Analysis
			 * Completed" is no root cause */
			if (dated || !(is_text_column(c) || is_person_column(c)))
				continue;
			if (ends_with_words(bare, w))
				add_candidate(out, MATCH_HEAD, (int)s, h, c);
			else if (is_text_column(c) && starts_with_words(bare, w) &&
			         !head_names_other(d, bare, c))
				add_candidate(out, MATCH_MODIFIER, (int)s, h, c);
		}
}

static gint by_match(gconstpointer pa, gconstpointer pb)
{
	const candidate *a = pa, *b = pb;

	if (a->quality != b->quality)
		return b->quality - a->quality;
	if (a->rank != b->rank)
		return a->rank - b->rank;
	if (a->header != b->header)
		return a->header - b->header;
	return a->column - b->column;
}

int isms_register_map_header(const isms_register_dialect *d, const GPtrArray *header, int *out)
{
	GArray *all = g_array_new(FALSE, FALSE, sizeof(candidate));
	guint8 *taken = g_new0(guint8, header->len + 1);

	if (!d)
		d = default_dialect();
	for (int c = 0; c < ISMS_COL_COUNT; c++)
		out[c] = -1;
	for (guint h = 0; h < header->len; h++) {
		const char *text = g_ptr_array_index(header, h);
		char *plain = without_notes(text);
		char *key = column_key(text), *bare = column_key(plain);
		header_candidates(d, key, bare, (int)h, all);
		g_free(bare);
		g_free(key);
		g_free(plain);
	}
	/* the best match first: each column and each cell is taken once */
	g_array_sort(all, by_match);
	for (guint i = 0; i < all->len; i++) {
		const candidate *m = &g_array_index(all, candidate, i);
		if (out[m->column] >= 0 || taken[m->header])
			continue;
		out[m->column] = m->header;
		taken[m->header] = 1;
	}
	g_free(taken);
	g_array_free(all, TRUE);
	return out[ISMS_COL_ID] >= 0 && (out[ISMS_COL_STATUS] >= 0 || out[ISMS_COL_CLOSED] >= 0);
}

int isms_register_header_names_items(const isms_register_dialect *d, const char *header)
{
	/* the words before an id word that say the rows are issues or actions */
	static const char *const issue_words[] = {
	    "action",        "capa",        "car", "finding", "improvement",
	    "incident",      "issue",       "nc",  "ncr",     "nonconformance",
	    "nonconformity", "observation", "ofi", NULL};
	char *plain = without_notes(header);
	char *key = column_key(header), *bare = column_key(plain);
	int hit = 0;

	if (!d)
		d = default_dialect();
	for (guint s = 0; !hit && s < d->synonyms[ISMS_COL_ID]->len; s++) {
		const char *w = g_ptr_array_index(d->synonyms[ISMS_COL_ID], s);
		hit = strcmp(key, w) == 0 || strcmp(bare, w) == 0;
	}
	if (!hit && id_ended(d, bare) >= 0 && strchr(bare, ' ')) {
		/* the word before the id word */
		const char *last = last_word(bare), *p = last - 1;
		while (p > bare && p[-1] != ' ')
			p--;
		char *prefix = g_strndup(p, (gsize)(last - 1 - p));
		hit = id_word(d, prefix) >= 0;
		for (int i = 0; !hit && issue_words[i]; i++)
			hit = strcmp(prefix, issue_words[i]) == 0;
		g_free(prefix);
	}
	g_free(bare);
	g_free(key);
	g_free(plain);
	return hit;
}

void isms_reg_item_free(isms_reg_item *it)
{
	if (!it || --it->refs > 0)
		return;
	g_free(it->id);
	for (int c = 0; c < ISMS_COL_COUNT; c++)
		g_free(it->cell[c]);
	g_ptr_array_free(it->problems, TRUE);
	g_free(it);
}

static void item_free(gpointer p)
{
	isms_reg_item_free(p);
}

isms_reg_item *isms_reg_item_copy(const isms_reg_item *it)
{
	isms_reg_item *c = g_memdup2(it, sizeof(*it));

	c->refs = 1;
	c->id = g_strdup(it->id);
	for (int k = 0; k < ISMS_COL_COUNT; k++)
		c->cell[k] = g_strdup(it->cell[k]);
	c->problems = g_ptr_array_new_with_free_func(g_free);
	for (guint i = 0; i < it->problems->len; i++)
		g_ptr_array_add(c->problems, g_strdup(g_ptr_array_index(it->problems, i)));
	return c;
}

/* An approver cell, or an approval phrase followed by a name in the action
 * cell ("Approved by Sarah Lindqvist (CEO)"). */
static int is_approved(const isms_register_dialect *d, const isms_reg_item *it)
{
	const char *action = it->cell[ISMS_COL_ACTION];
	int hit = 0;

	if (it->cell[ISMS_COL_APPROVER])
		return 1;
	if (!action)
		return 0;
	char *key = isms_md_header_key(action);
	for (guint i = 0; !hit && i < d->approval->len; i++) {
		const char *phrase = g_ptr_array_index(d->approval, i);
		size_t n = strlen(phrase);
		for (const char *p = strstr(key, phrase); !hit && p; p = strstr(p + 1, phrase))
			hit = (p == key || p[-1] == ' ') && p[n] == ' ' && p[n + 1] != '\0';
	}
	g_free(key);
	return hit;
}

/* Read a date cell as people type it (isms_date_parse_written), in the
 * dialect's order; a problem when it is no date, or one whose day and
 * month could be swapped and no order decides. */
static int read_date(const isms_register_dialect *d, isms_reg_item *it, isms_column c,
                     isms_day *out)
{
	const char *text = it->cell[c];
	char dmy[ISMS_DATE_BUFSIZE], mdy[ISMS_DATE_BUFSIZE];
	isms_day a, b;
	int rc;

	if (!text)
		return 0;
	rc = isms_date_parse_written(text, strlen(text), d->date_order, out);
	if (rc == 0)
		return 1;
	if (rc == ISMS_DATE_AMBIGUOUS &&
	    isms_date_parse_written(text, strlen(text), ISMS_DATE_ORDER_DMY, &a) == 0 &&
	    isms_date_parse_written(text, strlen(text), ISMS_DATE_ORDER_MDY, &b) == 0)
		g_ptr_array_add(it->problems,
		                isms_text_printf("%s '%s' reads as %s (day first) or %s (month "
		                                 "first): write YYYY-MM-DD, or set date_order: dmy "
		                                 "or mdy in .isms-audit.yml",
		                                 columns[c].name, text, isms_date_format(a, dmy),
		                                 isms_date_format(b, mdy)));
	else
		g_ptr_array_add(it->problems, isms_text_printf("%s '%s' is not a date (YYYY-MM-DD)",
		                                               columns[c].name, text));
	return 0;
}

/*
 * One row of a register table. Its state is its status word's; in a table
 * without a Status column, closed when the closed cell is filled in and
 * open otherwise. A status word that says open beside a filled-in closed
 * cell contradicts it: a problem (a closed status beside an empty closed
 * cell is ACT-CLOSED-NO-DATE's finding, not a problem).
 */
static isms_reg_item *read_item(const isms_register_dialect *d, const isms_md_row *row,
                                const int *col, int table)
{
	isms_reg_item *it = g_new0(isms_reg_item, 1);
	int has_status = col[ISMS_COL_STATUS] >= 0;

	it->refs = 1;
	it->line = row->line;
	it->table = table;
	it->problems = g_ptr_array_new_with_free_func(g_free);
	for (int c = 0; c < ISMS_COL_COUNT; c++) {
		const char *text = col[c] >= 0 ? g_ptr_array_index(row->cells, col[c]) : NULL;
		if (text && !isms_cell_missing(text))
			it->cell[c] = g_strstrip(g_strdup(text));
	}
	it->id = g_strdup(it->cell[ISMS_COL_ID]);
	if (!has_status)
		it->state = it->cell[ISMS_COL_CLOSED] ? ISMS_STATE_CLOSED : ISMS_STATE_OPEN;
	else if (it->cell[ISMS_COL_STATUS])
		it->state = isms_status_state(d, it->cell[ISMS_COL_STATUS]);
	else
		it->state = ISMS_STATE_UNKNOWN;
	if (it->state == ISMS_STATE_UNKNOWN)
		g_ptr_array_add(it->problems,
		                it->cell[ISMS_COL_STATUS]
		                    ? isms_text_printf("status '%s' is not a known status word",
		                                       it->cell[ISMS_COL_STATUS])
		                    : g_strdup("status is empty"));
	it->has_raised = read_date(d, it, ISMS_COL_RAISED, &it->raised);
	it->has_due = read_date(d, it, ISMS_COL_DUE, &it->due);
	it->has_closed = read_date(d, it, ISMS_COL_CLOSED, &it->closed);
	if (has_status && it->state == ISMS_STATE_OPEN && it->cell[ISMS_COL_CLOSED])
		g_ptr_array_add(it->problems,
		                isms_text_printf("status '%s' says open but closed '%s' is filled "
		                                 "in: close the item, or clear its closed date",
		                                 it->cell[ISMS_COL_STATUS],
		                                 it->cell[ISMS_COL_CLOSED]));
	it->approved = is_approved(d, it);
	return it;
}

/* Whether a CR without an LF after it occurs: cmark-gfm ends a line there,
 * git's hunks do not, so rows read from such a text are not on the lines
 * the hunks name. */
static int has_lone_cr(const char *text, size_t len)
{
	for (const char *p = text, *end = text + len;
	     (p = memchr(p, '\r', (size_t)(end - p))) != NULL; p++)
		if (p + 1 == end || p[1] != '\n')
			return 1;
	return 0;
}

isms_register *isms_register_parse(const char *buf, size_t len, int first_line,
                                   const isms_register_dialect *d)
{
	isms_register *reg = g_new0(isms_register, 1);
	GPtrArray *tables = isms_md_tables_new();

	if (!d)
		d = default_dialect();
	reg->tables = g_ptr_array_new_with_free_func(g_free);
	reg->others = g_array_new(FALSE, FALSE, sizeof(isms_reg_other));
	reg->idless = g_array_new(FALSE, FALSE, sizeof(isms_reg_other));
	reg->items = g_ptr_array_new_with_free_func(item_free);
	reg->lone_cr = has_lone_cr(buf, len);
	isms_markdown_tables(buf, len, first_line, tables);
	for (guint t = 0; t < tables->len; t++) {
		const isms_md_table *mt = g_ptr_array_index(tables, t);
		isms_reg_table *rt = g_new0(isms_reg_table, 1);
		if (!isms_register_map_header(d, mt->header, rt->column)) {
			isms_reg_other o = {mt->line, rt->column[ISMS_COL_ID] >= 0,
			                    rt->column[ISMS_COL_STATUS] >= 0,
			                    rt->column[ISMS_COL_CLOSED] >= 0};
			g_array_append_val(reg->others, o);
			g_free(rt);
			continue;
		}
		rt->line = mt->line;
		rt->end =
		    mt->rows->len
		        ? ((isms_md_row *)g_ptr_array_index(mt->rows, mt->rows->len - 1))->line
		        : mt->line + 1;
		rt->can_close = rt->column[ISMS_COL_CLOSED] >= 0;
		reg->rows += (int)mt->rows->len;
		g_ptr_array_add(reg->tables, rt);
		for (guint r = 0; r < mt->rows->len; r++) {
			const isms_md_row *row = g_ptr_array_index(mt->rows, r);
			isms_reg_item *it =
			    read_item(d, row, rt->column, (int)reg->tables->len - 1);
			if (!it->id) { /* a row without an id cannot be followed */
				int blank = 1;
				for (guint c = 0; blank && c < row->cells->len; c++)
					blank = isms_cell_missing(g_ptr_array_index(row->cells, c));
				if (!blank) {
					isms_reg_other o = {row->line, 0,
					                    it->state != ISMS_STATE_UNKNOWN, 0};
					g_array_append_val(reg->idless, o);
				}
				item_free(it);
				continue;
			}
			if (it->state == ISMS_STATE_CLOSED)
				rt->can_close = 1;
			if (it->state == ISMS_STATE_OPEN)
				rt->has_open = 1;
			g_ptr_array_add(reg->items, it);
		}
	}
	g_ptr_array_free(tables, TRUE);
	return reg;
}

/* ---- the next version from the changed rows ---------------------------- */

/* The offsets of the starts of lines 1..n of a text; [n] is its end. */
static GArray *line_index(const char *text, size_t len)
{
	GArray *starts = g_array_new(FALSE, FALSE, sizeof(size_t));
	size_t zero = 0;

	g_array_append_val(starts, zero);
	for (const char *p = text, *end = text + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t next = nl ? (size_t)(nl - text) + 1 : len;
		if (next >= len)
			break;
		g_array_append_val(starts, next);
		p = text + next;
	}
	g_array_append_val(starts, len);
	return starts;
}

/* Lines [from, from + n) of an indexed text (1-based), or NULL if out of range. */
static const char *lines_of(const char *text, const GArray *idx, int from, int n, size_t *len)
{
	guint last = idx->len - 1; /* number of lines */

	if (from < 1 || n < 0 || (guint)(from - 1 + n) > last)
		return NULL;
	size_t a = g_array_index(idx, size_t, from - 1),
	       b = g_array_index(idx, size_t, from - 1 + n);
	*len = b - a;
	return text + a;
}

/* Whether `]:` occurs, as in a link reference definition `[x]: url`. */
static int has_reference_mark(const char *text, size_t len)
{
	for (const char *p = text, *end = text + len;
	     (p = memchr(p, ']', (size_t)(end - p))) != NULL && p + 1 < end; p++)
		if (p[1] == ':')
			return 1;
	return 0;
}

/* The register table of prev whose body rows hold the hunk, or -1. */
static int hunk_table(const isms_register *prev, const isms_line_hunk *h)
{
	for (guint t = 0; t < prev->tables->len; t++) {
		const isms_reg_table *rt = g_ptr_array_index(prev->tables, t);
		int first_row = rt->line + 2;
		if (h->old_lines > 0
		        ? h->old_start >= first_row && h->old_start + h->old_lines - 1 <= rt->end
		        : h->old_start >= first_row - 1 && h->old_start <= rt->end)
			return (int)t;
	}
	return -1;
}

static void add_item(isms_register *reg, isms_reg_item *it, int delta)
{
	it->refs++;
	it->line += delta;
	g_ptr_array_add(reg->items, it);
}

isms_register *isms_register_update(const isms_register *prev, const char *file, size_t len,
                                    const isms_line_hunk *hunks, size_t n,
                                    const isms_register_dialect *d)
{
	isms_register *reg;
	GArray *idx;
	guint next = 0, next_idless = 0; /* of prev->items, prev->idless */
	int delta = 0;

	if (!d)
		d = default_dialect();
	/* a reference definition elsewhere could change how a cell reads */
	if (n == 0 || has_reference_mark(file, len))
		return NULL;
	/* the lines of a row must be the hunks' lines in both versions */
	if (prev->lone_cr || has_lone_cr(file, len))
		return NULL;
	for (size_t k = 0; k < n; k++)
		if (hunk_table(prev, &hunks[k]) < 0 ||
		    (k > 0 && hunks[k].old_start <= hunks[k - 1].old_start))
			return NULL;

	idx = line_index(file, len);
	reg = g_new0(isms_register, 1);
	reg->tables = g_ptr_array_new_with_free_func(g_free);
	reg->others = g_array_new(FALSE, FALSE, sizeof(isms_reg_other));
	reg->idless = g_array_new(FALSE, FALSE, sizeof(isms_reg_other));
	reg->items = g_ptr_array_new_with_free_func(item_free);
	reg->rows = prev->rows;
	for (guint t = 0; t < prev->tables->len; t++)
		g_ptr_array_add(reg->tables, g_memdup2(g_ptr_array_index(prev->tables, t),
		                                       sizeof(isms_reg_table)));

	for (size_t k = 0; k <= n; k++) {
		/* the old lines before this hunk (or to the end) move by delta */
		int until =
		    k < n ? hunks[k].old_start + (hunks[k].old_lines > 0 ? 0 : 1) : G_MAXINT;
		for (; next < prev->items->len; next++) {
			isms_reg_item *it = g_ptr_array_index(prev->items, next);
			if (it->line >= until)
				break;
			add_item(reg, it, delta);
		}
		for (; next_idless < prev->idless->len; next_idless++) {
			isms_reg_other o = g_array_index(prev->idless, isms_reg_other, next_idless);
			if (o.line >= until)
				break;
			o.line += delta;
			g_array_append_val(reg->idless, o);
		}
		if (k == n)
			break;

		const isms_line_hunk *h = &hunks[k];
		int t = hunk_table(prev, h), old_end = h->old_start + h->old_lines;
		const isms_reg_table *pt = g_ptr_array_index(prev->tables, t);
		/* the replaced rows go */
		while (next < prev->items->len &&
		       ((isms_reg_item *)g_ptr_array_index(prev->items, next))->line < old_end)
			next++;
		while (next_idless < prev->idless->len &&
		       g_array_index(prev->idless, isms_reg_other, next_idless).line < old_end)
			next_idless++;
		/* the new rows, parsed under the table's header and delimiter rows;
		 * the header has moved only by the hunks of the tables above it
		 * (reg's copy of the table follows them), not by this table's */
		size_t hlen = 0, rlen = 0;
		const isms_reg_table *now = g_ptr_array_index(reg->tables, t);
		const char *head = lines_of(file, idx, now->line, 2, &hlen);
		const char *rows = lines_of(file, idx, h->new_start, h->new_lines, &rlen);
		if (!head || (h->new_lines > 0 && !rows))
			goto fallback;
		GString *mini = g_string_sized_new(hlen + rlen + 1);
		g_string_append_len(mini, head, (gssize)hlen);
		if (h->new_lines > 0)
			g_string_append_len(mini, rows, (gssize)rlen);
		/* numbered so that the rows fall on their lines in the file */
		isms_register *part =
		    isms_register_parse(mini->str, mini->len, h->new_start - 2, d);
		g_string_free(mini, TRUE);
		const isms_reg_table *nt =
		    part->tables->len == 1 ? g_ptr_array_index(part->tables, 0) : NULL;
		if (!nt || part->others->len != 0 || part->rows != h->new_lines ||
		    memcmp(nt->column, pt->column, sizeof(nt->column)) != 0) {
			isms_register_free(part);
			goto fallback;
		}
		for (guint i = 0; i < part->items->len; i++) {
			isms_reg_item *it = g_ptr_array_index(part->items, i);
			it->table = t;
			add_item(reg, it, 0);
		}
		g_array_append_vals(reg->idless, part->idless->data, part->idless->len);
		isms_register_free(part);
		delta += h->new_lines - h->old_lines;
		reg->rows += h->new_lines - h->old_lines;
		((isms_reg_table *)g_ptr_array_index(reg->tables, t))->end +=
		    h->new_lines - h->old_lines;
		/* the tables after this one move */
		for (guint u = (guint)t + 1; u < reg->tables->len; u++) {
			isms_reg_table *rt = g_ptr_array_index(reg->tables, u);
			rt->line += h->new_lines - h->old_lines;
			rt->end += h->new_lines - h->old_lines;
		}
	}
	for (guint i = 0; i < prev->others->len; i++) {
		isms_reg_other o = g_array_index(prev->others, isms_reg_other, i);
		for (size_t k = 0; k < n; k++)
			if (o.line > hunks[k].old_start)
				o.line += hunks[k].new_lines - hunks[k].old_lines;
		g_array_append_val(reg->others, o);
	}
	/* what the tables hold now */
	for (guint t = 0; t < reg->tables->len; t++) {
		isms_reg_table *rt = g_ptr_array_index(reg->tables, t);
		rt->can_close = rt->column[ISMS_COL_CLOSED] >= 0;
		rt->has_open = 0;
	}
	for (guint i = 0; i < reg->items->len; i++) {
		const isms_reg_item *it = g_ptr_array_index(reg->items, i);
		isms_reg_table *rt = g_ptr_array_index(reg->tables, it->table);
		rt->can_close |= it->state == ISMS_STATE_CLOSED;
		rt->has_open |= it->state == ISMS_STATE_OPEN;
	}
	g_array_free(idx, TRUE);
	return reg;

fallback:
	g_array_free(idx, TRUE);
	isms_register_free(reg);
	return NULL;
}

void isms_register_free(isms_register *reg)
{
	if (!reg)
		return;
	g_ptr_array_free(reg->tables, TRUE);
	g_array_free(reg->others, TRUE);
	g_array_free(reg->idless, TRUE);
	g_ptr_array_free(reg->items, TRUE);
	g_free(reg);
}

isms_register *isms_register_share(const isms_register *reg)
{
	isms_register *c = g_new0(isms_register, 1);

	c->tables = g_ptr_array_new_with_free_func(g_free);
	for (guint i = 0; i < reg->tables->len; i++)
		g_ptr_array_add(c->tables, g_memdup2(g_ptr_array_index(reg->tables, i),
		                                     sizeof(isms_reg_table)));
	c->others = g_array_copy(reg->others);
	c->idless = g_array_copy(reg->idless);
	c->items = g_ptr_array_new_full(reg->items->len, item_free);
	for (guint i = 0; i < reg->items->len; i++) {
		isms_reg_item *it = g_ptr_array_index(reg->items, i);
		it->refs++; /* rows are never changed once read: sharing is safe */
		g_ptr_array_add(c->items, it);
	}
	c->rows = reg->rows;
	c->lone_cr = reg->lone_cr;
	return c;
}

const isms_reg_item *isms_register_item(const isms_register *reg, const char *id)
{
	for (guint i = 0; i < reg->items->len; i++) {
		const isms_reg_item *it = g_ptr_array_index(reg->items, i);
		if (strcmp(it->id, id) == 0)
			return it;
	}
	return NULL;
}
