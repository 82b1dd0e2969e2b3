/* One version's metadata: the front matter and the document control read
 * from the body (isms/doc_control.h), fed through one alias table into the
 * canonical fields, merged by precedence, checked and parsed. */
#include "isms/meta.h"

#include <string.h>
#include <xxhash.h>

#include "isms/doc_control.h"
#include "isms/markdown.h"
#include "isms/text.h"

/* The built-in aliases of each field as front matter writes them, the
 * canonical name first; every source matches them as header keys. Common
 * words of tables are left out on purpose: `reference` (a line citing a
 * standard), `review` (required_fields' word for a review date), `date`
 * only for records' own date, and `reviewed by`, `approval date` match
 * nothing since keys are compared whole. */
static const char *const aliases_title[] = {"title", "document_title", NULL};
static const char *const aliases_id[] = {
    "id",          "document_id",     "ref",    "document_ref", "document_reference",
    "document_no", "document_number", "doc_id", "doc_ref",      NULL};
static const char *const aliases_owner[] = {
    "owner",         "document_owner",  "owner_slack",    "policy_owner",
    "process_owner", "procedure_owner", "standard_owner", NULL};
static const char *const aliases_approver[] = {"approver", "approved_by", "approval", NULL};
static const char *const aliases_version[] = {"version",        "document_version", "revision",
                                              "version_number", "current_version",  NULL};
static const char *const aliases_status[] = {"status", "document_status", NULL};
static const char *const aliases_last_reviewed[] = {"last_reviewed",
                                                    "last_reviewed_on",
                                                    "last_reviewed_at",
                                                    "last_review",
                                                    "reviewed",
                                                    "last_review_date",
                                                    "date_of_last_review",
                                                    "last_reviewed_date",
                                                    "last_updated",
                                                    "updated",
                                                    NULL};
static const char *const aliases_cycle[] = {"review_cycle",     "review_in",     "review_interval",
                                            "review_frequency", "review_period", NULL};
static const char *const aliases_next_review[] = {
    "next_review",    "next_review_date", "review_by",   "next_review_due",
    "next_review_on", "review_due_date",  "review_date", NULL};
static const char *const aliases_type[] = {"type", "document_type", NULL};
static const char *const aliases_clauses[] = {"clauses", NULL};
static const char *const aliases_controls[] = {"controls", NULL};
static const char *const aliases_date[] = {"date", NULL};
static const char *const aliases_classification[] = {"classification", "security_classification",
                                                     "document_classification",
                                                     "information_classification", NULL};
static const char *const aliases_effective[] = {"effective",  "effective_date", "date_effective",
                                                "issue_date", "effective_from", NULL};

/* Aliases that only stand in for their field: `last_updated` is when the
 * text was edited, not always reviewed; `review_date` is the next review
 * as often as the last. Read when no other alias gives the field, and
 * never reported as disagreeing with one. */
static const char *const weak_aliases[] = {"last_updated", "updated", "review_date", NULL};

static const char *const *const field_aliases[ISMS_F_COUNT] = {
    [ISMS_F_TITLE] = aliases_title,
    [ISMS_F_ID] = aliases_id,
    [ISMS_F_OWNER] = aliases_owner,
    [ISMS_F_APPROVER] = aliases_approver,
    [ISMS_F_VERSION] = aliases_version,
    [ISMS_F_STATUS] = aliases_status,
    [ISMS_F_LAST_REVIEWED] = aliases_last_reviewed,
    [ISMS_F_REVIEW_CYCLE] = aliases_cycle,
    [ISMS_F_NEXT_REVIEW] = aliases_next_review,
    [ISMS_F_TYPE] = aliases_type,
    [ISMS_F_CLAUSES] = aliases_clauses,
    [ISMS_F_CONTROLS] = aliases_controls,
    [ISMS_F_DATE] = aliases_date,
    [ISMS_F_CLASSIFICATION] = aliases_classification,
    [ISMS_F_EFFECTIVE] = aliases_effective,
};

const char *isms_field_name(isms_field f)
{
	return field_aliases[f][0];
}

const char *const *isms_field_aliases(isms_field f)
{
	return field_aliases[f];
}

int isms_field_alias_is_weak(const char *alias)
{
	char *key = isms_md_header_key(alias);
	int weak = 0;

	for (const char *const *w = weak_aliases; *w && !weak; w++) {
		char *k = isms_md_header_key(*w);
		weak = strcmp(key, k) == 0;
		g_free(k);
	}
	g_free(key);
	return weak;
}

static int is_date_field(int f)
{
	return f == ISMS_F_LAST_REVIEWED || f == ISMS_F_NEXT_REVIEW || f == ISMS_F_DATE ||
	       f == ISMS_F_EFFECTIVE;
}

const char *isms_meta_source_name(isms_meta_source s)
{
	switch (s) {
	case ISMS_SOURCE_FRONT_MATTER: return "front-matter";
	case ISMS_SOURCE_TABLE: return "table";
	case ISMS_SOURCE_LINE: return "line";
	case ISMS_SOURCE_HISTORY: return "history";
	case ISMS_SOURCE_NONE: break;
	}
	return "";
}

/* Where a source is, in a message. */
static const char *source_place(isms_meta_source s)
{
	switch (s) {
	case ISMS_SOURCE_FRONT_MATTER: return "front matter";
	case ISMS_SOURCE_TABLE: return "document-control table";
	case ISMS_SOURCE_LINE: return "key line";
	case ISMS_SOURCE_HISTORY: return "version history";
	case ISMS_SOURCE_NONE: break;
	}
	return "";
}

/* ---- the dialect ---------------------------------------------------------- */

/* An entry of the key table: the field number plus one, and flags. */
#define ENTRY_FIELD(e)  ((int)((e)&0xffffu) - 1)
#define ENTRY_WEAK      (1u << 16) /* only stands in (weak_aliases) */
#define ENTRY_LOCKED    (1u << 17) /* a canonical name, or given by configuration */
#define ENTRY(f, flags) ((guint)((f) + 1) | (flags))

void isms_meta_dialect_init(isms_meta_dialect *d)
{
	d->keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	d->custom = g_ptr_array_new_with_free_func(g_free);
	d->date_order = ISMS_DATE_ORDER_NONE;
	for (int f = 0; f < ISMS_F_COUNT; f++)
		for (const char *const *a = field_aliases[f]; *a; a++) {
			guint flags = a == field_aliases[f]          ? ENTRY_LOCKED
			              : isms_field_alias_is_weak(*a) ? ENTRY_WEAK
			                                             : 0;
			g_hash_table_insert(d->keys, isms_md_header_key(*a),
			                    GUINT_TO_POINTER(ENTRY(f, flags)));
		}
}

void isms_meta_dialect_dispose(isms_meta_dialect *d)
{
	if (!d || !d->keys)
		return;
	g_hash_table_destroy(d->keys);
	g_ptr_array_free(d->custom, TRUE);
	memset(d, 0, sizeof(*d));
}

static const isms_meta_dialect *builtin(void)
{
	static isms_meta_dialect d;
	static gsize done;

	if (g_once_init_enter(&done)) {
		isms_meta_dialect_init(&d);
		g_once_init_leave(&done, 1);
	}
	return &d;
}

/* The entry of a key (as a header key), or 0. */
static guint entry_of(const isms_meta_dialect *d, const char *norm)
{
	return GPOINTER_TO_UINT(g_hash_table_lookup((d ? d : builtin())->keys, norm));
}

static guint lookup_entry(const isms_meta_dialect *d, const char *key)
{
	char *norm = isms_md_header_key(key);
	guint e = entry_of(d, norm);

	g_free(norm);
	return e;
}

int isms_meta_dialect_lookup(const isms_meta_dialect *d, const char *key)
{
	guint e = lookup_entry(d, key);

	return e ? ENTRY_FIELD(e) : -1;
}

int isms_field_lookup(const char *key)
{
	return isms_meta_dialect_lookup(NULL, key);
}

int isms_meta_dialect_fields(const isms_meta_dialect *d)
{
	return ISMS_F_COUNT + (int)(d ? d->custom->len : 0);
}

const char *isms_meta_dialect_name(const isms_meta_dialect *d, int f)
{
	if (f >= 0 && f < ISMS_F_COUNT)
		return isms_field_name((isms_field)f);
	if (d && f >= ISMS_F_COUNT && (guint)(f - ISMS_F_COUNT) < d->custom->len)
		return g_ptr_array_index(d->custom, f - ISMS_F_COUNT);
	return "";
}

/* Give `norm` to field f by configuration, unless it is locked to another. */
static int take_key(isms_meta_dialect *d, const char *norm, int f)
{
	guint e = entry_of(d, norm);

	if (e && (e & ENTRY_LOCKED) && ENTRY_FIELD(e) != f)
		return -1;
	g_hash_table_replace(d->keys, g_strdup(norm), GUINT_TO_POINTER(ENTRY(f, ENTRY_LOCKED)));
	return 0;
}

int isms_meta_dialect_add(isms_meta_dialect *d, const char *name, const GPtrArray *aliases,
                          const char **clash)
{
	char *norm = isms_md_header_key(name);
	guint e = entry_of(d, norm);
	int f;

	*clash = name;
	if (!*norm || strcmp(norm, "review") == 0) {
		g_free(norm);
		return -1;
	}
	if (e) {
		f = ENTRY_FIELD(e);
	} else {
		f = ISMS_F_COUNT + (int)d->custom->len;
		g_ptr_array_add(d->custom, g_strdup(name));
		take_key(d, norm, f);
	}
	g_free(norm);
	for (guint i = 0; aliases && i < aliases->len; i++) {
		const char *a = g_ptr_array_index(aliases, i);
		char *an = isms_md_header_key(a);
		int rc = !*an || strcmp(an, "review") == 0 ? -1 : take_key(d, an, f);
		g_free(an);
		if (rc < 0) {
			*clash = a;
			return -1;
		}
	}
	*clash = NULL;
	return f;
}

int isms_is_placeholder(const char *text)
{
	static const char *const words[] = {
	    "tbd",        "tbc",        "tba",         "todo",  "to do", "yyyy-mm-dd", "dd/mm/yyyy",
	    "mm/dd/yyyy", "dd-mm-yyyy", "xxxx-xx-xx",  "xxx",   "x",     "?",          "??",
	    "-",          "--",         "n/a",         "na",    "none",  "unknown",    "pending",
	    "date",       "<date>",     "placeholder", "owner", "name",  "...",        "…",
	    "version",    "x.x",        "0.0",         NULL};
	static const char *const template_words[] = {"insert ", "enter ", "add ", NULL};
	char *s = g_ascii_strdown(text, -1);
	char *t = g_strstrip(s);
	int hit = 0, bracketed = 0;
	size_t n = strlen(t);

	/* `[TBD]` reads as a list, `<TBD>` and `(TBD)` as text: look inside */
	while (n >= 2 && ((t[0] == '[' && t[n - 1] == ']') || (t[0] == '<' && t[n - 1] == '>') ||
	                  (t[0] == '(' && t[n - 1] == ')') || (t[0] == '{' && t[n - 1] == '}'))) {
		bracketed = 1;
		t[n - 1] = '\0';
		t = g_strstrip(t + 1);
		n = strlen(t);
	}
	if (n == 0)
		hit = 1;
	for (int i = 0; !hit && words[i]; i++)
		if (strcmp(t, words[i]) == 0)
			hit = 1;
	/* a template's `[Date to be set]`, `[Insert owner]`, and `To be confirmed` */
	if (!hit && (bracketed || g_str_has_prefix(t, "to be ")))
		hit = strstr(t, "to be ") != NULL;
	for (int i = 0; !hit && bracketed && template_words[i]; i++)
		hit = g_str_has_prefix(t, template_words[i]);
	g_free(s);
	return hit;
}

static void problem(isms_meta *m, int line, const char *key, int field, char *message)
{
	isms_meta_problem *p = g_new0(isms_meta_problem, 1);

	p->line = line;
	p->key = g_strdup(key);
	p->field = field;
	p->message = message; /* takes ownership */
	g_ptr_array_add(m->problems, p);
}

static void problem_free(gpointer p)
{
	isms_meta_problem *pr = p;

	g_free(pr->key);
	g_free(pr->message);
	g_free(pr);
}

static void body_field_free(gpointer p)
{
	isms_fm_field *f = p;

	g_free(f->key);
	g_free(f->text);
	if (f->items)
		g_ptr_array_free(f->items, TRUE);
	g_free(f);
}

/* ---- the values ------------------------------------------------------------ */

static const isms_fm_field *value_of(const isms_meta *m, int f, isms_meta_source *source)
{
	if (f < ISMS_F_COUNT) {
		*source = (isms_meta_source)m->source[f];
		return m->field[f];
	}
	if (!m->custom || (guint)(f - ISMS_F_COUNT) >= m->custom->len)
		return NULL;
	const isms_meta_custom *c = &g_array_index(m->custom, isms_meta_custom, f - ISMS_F_COUNT);
	*source = c->source;
	return c->field;
}

static void mark_invalid(isms_meta *m, int f, const isms_fm_field *src, char *message)
{
	if (f < ISMS_F_COUNT)
		m->invalid[f] = 1;
	else
		g_array_index(m->custom, isms_meta_custom, f - ISMS_F_COUNT).invalid = 1;
	problem(m, src->line, src->key, f, message);
}

/* A value written in the body without its trailing notes: `2026-01-25
 * (UTC)`, `Annual (or on change)`. Caller frees. */
static char *without_notes(const char *text)
{
	char *t = g_strstrip(g_strdup(text));
	size_t n = strlen(t);

	while (n > 0 && t[n - 1] == ')') {
		char *open = g_strrstr_len(t, (gssize)n, "(");
		if (!open || open == t)
			break;
		*open = '\0';
		g_strchomp(t);
		n = strlen(t);
	}
	while (n > 0 && (t[n - 1] == ',' || t[n - 1] == ';' || t[n - 1] == '.'))
		t[--n] = '\0';
	return g_strchomp(t);
}

/* Parse a date of `source`: ISO 8601 in front matter, as typed in the
 * body. Returns 0, -1 or ISMS_DATE_AMBIGUOUS. */
static int parse_date(const isms_fm_field *src, isms_meta_source source, isms_date_order order,
                      isms_day *out)
{
	char *t;
	int rc;

	if (source == ISMS_SOURCE_FRONT_MATTER)
		return isms_date_parse(src->text, strlen(src->text), out);
	t = without_notes(src->text);
	rc = isms_date_parse_written(t, strlen(t), order, out);
	g_free(t);
	return rc;
}

static int parse_cycle(const isms_fm_field *src, isms_meta_source source, isms_duration *out)
{
	char *t;
	int rc;

	if (source == ISMS_SOURCE_FRONT_MATTER)
		return isms_duration_parse(src->text, strlen(src->text), out);
	t = without_notes(src->text);
	rc = isms_duration_parse(t, strlen(t), out);
	g_free(t);
	return rc;
}

static int read_date(isms_meta *m, isms_field f, isms_date_order order, isms_day *out)
{
	const isms_fm_field *src = m->field[f];
	isms_meta_source source = (isms_meta_source)m->source[f];
	int rc;

	if (!src)
		return 0;
	if (src->kind == ISMS_VAL_NULL) {
		mark_invalid(
		    m, f, src,
		    isms_text_printf("'%s' is empty: give a date as YYYY-MM-DD", src->key));
		return 0;
	}
	if (src->kind != ISMS_VAL_SCALAR || isms_is_placeholder(src->text)) {
		mark_invalid(m, f, src,
		             isms_text_printf("'%s' is the placeholder '%s', not a date", src->key,
		                              src->text));
		return 0;
	}
	if ((rc = parse_date(src, source, order, out)) == ISMS_DATE_AMBIGUOUS) {
		mark_invalid(
		    m, f, src,
		    isms_text_printf("'%s' is '%s', which reads as two dates (day or month "
		                     "first): write YYYY-MM-DD or set date_order",
		                     src->key, src->text));
		return 0;
	}
	if (rc < 0) {
		mark_invalid(
		    m, f, src,
		    isms_text_printf("'%s' is '%s', not a date (YYYY-MM-DD)", src->key, src->text));
		return 0;
	}
	return 1;
}

static const struct {
	const char *word;
	isms_doc_status status;
} status_words[] = {
    {"approved", ISMS_DOC_IN_FORCE},  {"active", ISMS_DOC_IN_FORCE},
    {"published", ISMS_DOC_IN_FORCE}, {"final", ISMS_DOC_IN_FORCE},
    {"current", ISMS_DOC_IN_FORCE},   {"issued", ISMS_DOC_IN_FORCE},
    {"in force", ISMS_DOC_IN_FORCE},  {"released", ISMS_DOC_IN_FORCE},
    {"effective", ISMS_DOC_IN_FORCE}, {"draft", ISMS_DOC_DRAFT},
    {"in review", ISMS_DOC_DRAFT},    {"under review", ISMS_DOC_DRAFT},
    {"proposed", ISMS_DOC_DRAFT},     {"wip", ISMS_DOC_DRAFT},
    {"retired", ISMS_DOC_RETIRED},    {"superseded", ISMS_DOC_RETIRED},
    {"archived", ISMS_DOC_RETIRED},   {"obsolete", ISMS_DOC_RETIRED},
    {"withdrawn", ISMS_DOC_RETIRED},  {"deprecated", ISMS_DOC_RETIRED},
};

/* The state a status word names, or -1. Matched as a header key, so that
 * `✅ Approved` and `In-Review` are read. */
static int status_of(const char *text)
{
	char *word = isms_md_header_key(text);
	int st = -1;

	for (size_t i = 0; st < 0 && i < G_N_ELEMENTS(status_words); i++)
		if (strcmp(word, status_words[i].word) == 0)
			st = (int)status_words[i].status;
	g_free(word);
	return st;
}

static void read_status(isms_meta *m)
{
	const isms_fm_field *src = m->field[ISMS_F_STATUS];
	int st;

	m->status = ISMS_DOC_IN_FORCE;
	if (!src)
		return;
	if (src->kind == ISMS_VAL_SCALAR && (st = status_of(src->text)) >= 0) {
		m->status = (isms_doc_status)st;
		return;
	}
	mark_invalid(
	    m, ISMS_F_STATUS, src,
	    isms_text_printf("'%s' is '%s': use draft, approved or retired (the document is "
	                     "treated as in force)",
	                     src->key, src->text));
}

/* Scalar text fields: owner, version, title, ... and custom fields. */
static void read_text(isms_meta *m, int f)
{
	isms_meta_source source;
	const isms_fm_field *src = value_of(m, f, &source);

	if (!src)
		return;
	if (src->kind == ISMS_VAL_NULL)
		mark_invalid(m, f, src, isms_text_printf("'%s' is empty", src->key));
	else if (src->kind == ISMS_VAL_MAP ||
	         (src->kind == ISMS_VAL_LIST && f != ISMS_F_OWNER && f != ISMS_F_APPROVER &&
	          f != ISMS_F_CLAUSES && f != ISMS_F_CONTROLS && !isms_is_placeholder(src->text)))
		mark_invalid(
		    m, f, src,
		    isms_text_printf("'%s' is '%s', expected a single value", src->key, src->text));
	else if (isms_is_placeholder(src->text) && f != ISMS_F_TITLE)
		mark_invalid(m, f, src,
		             isms_text_printf("'%s' is the placeholder '%s'", src->key, src->text));
}

static void read_cycle(isms_meta *m)
{
	const isms_fm_field *src = m->field[ISMS_F_REVIEW_CYCLE];

	if (!src)
		return;
	if (src->kind != ISMS_VAL_SCALAR ||
	    parse_cycle(src, (isms_meta_source)m->source[ISMS_F_REVIEW_CYCLE], &m->cycle) < 0)
		mark_invalid(
		    m, ISMS_F_REVIEW_CYCLE, src,
		    isms_text_printf("'%s' is '%s', not a review cycle (such as '12 months', "
		                     "'annual', 'P1Y')",
		                     src->key, src->text));
	else
		m->has_cycle = 1;
}

/* First line holding invalid UTF-8, or 0. */
static int bad_utf8_line(const char *buf, size_t len)
{
	const gchar *end;
	size_t ascii = 0;

	/* most documents are mostly ASCII: skip it eight bytes at a time
	 * (g_utf8_validate_len takes a tenth of a large audit otherwise) */
	for (guint64 w; ascii + 8 <= len; ascii += 8) {
		memcpy(&w, buf + ascii, 8);
		if (w & G_GUINT64_CONSTANT(0x8080808080808080))
			break;
	}
	if (g_utf8_validate_len(buf + ascii, len - ascii, &end))
		return 0;
	int line = 1;
	for (const char *p = buf; p < end; p++)
		if (*p == '\n')
			line++;
	return line;
}

static isms_meta *meta_new(size_t size)
{
	isms_meta *m = g_new0(isms_meta, 1);

	isms_frontmatter_init(&m->fm);
	m->problems = g_ptr_array_new_with_free_func(problem_free);
	m->size = size;
	m->status = ISMS_DOC_IN_FORCE;
	return m;
}

isms_meta *isms_meta_oversized(size_t size)
{
	isms_meta *m = meta_new(size);

	m->flags |= ISMS_META_TOO_LARGE;
	return m;
}

/* ---- merging the sources ------------------------------------------------- */

/* A key that gives a field: the first strong one in order of precedence
 * wins, a weak one only when there is no strong one. */
typedef struct {
	const isms_fm_field *src;
	isms_meta_source source;
	int field;
	int weak;
} candidate;

static void front_matter_candidates(isms_meta *m, const isms_meta_dialect *d, GArray *out)
{
	for (guint i = 0; i < m->fm.fields->len; i++) {
		const isms_fm_field *src = g_ptr_array_index(m->fm.fields, i);
		guint e = lookup_entry(d, src->key);
		candidate c = {src, ISMS_SOURCE_FRONT_MATTER, ENTRY_FIELD(e),
		               (e & ENTRY_WEAK) != 0};
		const candidate *seen = NULL;
		if (!e)
			continue;
		for (guint k = 0; !seen && k < out->len; k++)
			if (g_array_index(out, candidate, k).field == c.field)
				seen = &g_array_index(out, candidate, k);
		/* one key each in front matter; a weak alias beside a strong one
		 * only stands in for it */
		if (seen && seen->weak == c.weak) {
			problem(m, src->line, src->key, c.field,
			        isms_text_printf(
			            "'%s' repeats '%s' (both name the %s field): the first is used",
			            src->key, seen->src->key, isms_meta_dialect_name(d, c.field)));
			continue;
		}
		if (seen && c.weak)
			continue;
		g_array_append_val(out, c);
	}
}

static isms_meta_source pair_source(isms_dc_kind k)
{
	return k == ISMS_DC_TABLE  ? ISMS_SOURCE_TABLE
	       : k == ISMS_DC_LINE ? ISMS_SOURCE_LINE
	                           : ISMS_SOURCE_HISTORY;
}

/* The body's pairs that name a field become fields owned by the meta. */
static void body_candidates(isms_meta *m, const isms_meta_dialect *d, GPtrArray *pairs, GArray *out)
{
	for (guint i = 0; i < pairs->len; i++) {
		isms_dc_pair *p = g_ptr_array_index(pairs, i);
		candidate c = {NULL, pair_source(p->kind), -1, 0};
		if (p->kind == ISMS_DC_HISTORY_VERSION) {
			c.field = ISMS_F_VERSION;
		} else if (p->kind == ISMS_DC_HISTORY_DATE) {
			/* the date of the latest version: when it took effect, read
			 * when nothing else says */
			c.field = ISMS_F_EFFECTIVE;
			c.weak = 1;
		} else {
			guint e = entry_of(d, p->norm);
			if (!e)
				continue;
			c.field = ENTRY_FIELD(e);
			c.weak = (e & ENTRY_WEAK) != 0;
		}
		isms_fm_field *f = g_new0(isms_fm_field, 1);
		f->key = p->key;
		f->line = p->line;
		f->kind = *p->value ? ISMS_VAL_SCALAR : ISMS_VAL_NULL;
		f->text = p->value;
		p->key = p->value = NULL; /* taken */
		if (!m->body)
			m->body = g_ptr_array_new_with_free_func(body_field_free);
		g_ptr_array_add(m->body, f);
		c.src = f;
		g_array_append_val(out, c);
	}
}

/* Whether two usable values of field f differ: dates as days, cycles as
 * durations, status words as states, versions part by part, text ignoring
 * case and surrounding spaces. Values that cannot be read (they are reported as such) and lists
 * are not compared. */
static int differ(int f, const candidate *a, const candidate *b, isms_date_order order)
{
	const char *x = a->src->text, *y = b->src->text;

	if (a->src->kind != ISMS_VAL_SCALAR || b->src->kind != ISMS_VAL_SCALAR ||
	    isms_is_placeholder(x) || isms_is_placeholder(y) || f == ISMS_F_CLAUSES ||
	    f == ISMS_F_CONTROLS)
		return 0;
	if (is_date_field(f)) {
		isms_day dx, dy;
		return parse_date(a->src, a->source, order, &dx) == 0 &&
		       parse_date(b->src, b->source, order, &dy) == 0 && dx != dy;
	}
	if (f == ISMS_F_REVIEW_CYCLE) {
		isms_duration cx, cy;
		return parse_cycle(a->src, a->source, &cx) == 0 &&
		       parse_cycle(b->src, b->source, &cy) == 0 &&
		       (cx.months != cy.months || cx.days != cy.days);
	}
	if (f == ISMS_F_STATUS && status_of(x) >= 0 && status_of(y) >= 0)
		return status_of(x) != status_of(y);
	if (f == ISMS_F_VERSION && isms_version_has_number(x) && isms_version_has_number(y))
		return isms_version_cmp(x, y) != 0;
	{
		/* ASCII case only: the text may not be valid UTF-8 */
		char *tx = g_strstrip(g_strdup(x)), *ty = g_strstrip(g_strdup(y));
		int rc = g_ascii_strcasecmp(tx, ty) != 0;
		g_free(tx);
		g_free(ty);
		return rc;
	}
}

/* Choose the key of each field, and report the sources that disagree. */
static void merge(isms_meta *m, const isms_meta_dialect *d, const GArray *cands)
{
	int nfields = isms_meta_dialect_fields(d);

	if (nfields > ISMS_F_COUNT) {
		m->custom = g_array_new(FALSE, TRUE, sizeof(isms_meta_custom));
		g_array_set_size(m->custom, (guint)(nfields - ISMS_F_COUNT));
	}
	for (int f = 0; f < nfields; f++) {
		const candidate *win = NULL;
		for (guint i = 0; i < cands->len; i++) {
			const candidate *c = &g_array_index(cands, candidate, i);
			if (c->field == f && (!win || (win->weak && !c->weak)))
				win = c;
		}
		if (!win)
			continue;
		for (guint i = 0; i < cands->len; i++) {
			const candidate *c = &g_array_index(cands, candidate, i);
			if (c == win || c->field != f || c->weak ||
			    (c->source == ISMS_SOURCE_FRONT_MATTER &&
			     win->source == ISMS_SOURCE_FRONT_MATTER) ||
			    !differ(f, win, c, d ? d->date_order : ISMS_DATE_ORDER_NONE))
				continue;
			problem(m, c->src->line, c->src->key, f,
			        isms_text_printf(
			            "'%s' on line %d (%s) is '%s', but '%s' on line %d "
			            "(%s) is '%s': line %d is used",
			            c->src->key, c->src->line, source_place(c->source),
			            c->src->text, win->src->key, win->src->line,
			            source_place(win->source), win->src->text, win->src->line));
		}
		if (f < ISMS_F_COUNT) {
			m->field[f] = win->src;
			m->source[f] = (unsigned char)win->source;
		} else {
			isms_meta_custom *c =
			    &g_array_index(m->custom, isms_meta_custom, f - ISMS_F_COUNT);
			c->field = win->src;
			c->source = win->source;
		}
	}
}

static int cmp_int(gconstpointer a, gconstpointer b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/*
 * The body hash, over every line but those metadata was read from: a
 * review that only moves the dates in a document-control table changes
 * the text no more than one that moves them in front matter.
 */
static void hash_body(isms_meta *m, const char *body, size_t len)
{
	XXH128_canonical_t hash;
	XXH128_hash_t h;

	/* a fast hash: every version of every document is hashed (SHA-1 took
	 * a tenth of a large audit), and a collision would need someone to
	 * craft one to hide an edit from DOC-VERSION-NOT-BUMPED */
	if (!m->body) {
		h = XXH3_128bits(body, len);
	} else {
		GArray *skip = g_array_new(FALSE, FALSE, sizeof(int));
		XXH3_state_t *st = XXH3_createState();
		const char *p = body, *end = body + len;
		int line = m->fm.body_line;
		guint k = 0;
		for (guint i = 0; i < m->body->len; i++)
			g_array_append_val(skip,
			                   ((isms_fm_field *)g_ptr_array_index(m->body, i))->line);
		g_array_sort(skip, cmp_int);
		XXH3_128bits_reset(st);
		while (p < end) {
			/* lines as the Markdown counts them: LF, CR LF, or a CR alone */
			const char *nl = p;
			while (nl < end && *nl != '\n' && *nl != '\r')
				nl++;
			const char *next = nl < end && *nl == '\r' && nl + 1 < end && nl[1] == '\n'
			                       ? nl + 2
			                   : nl < end ? nl + 1
			                              : end;
			while (k < skip->len && g_array_index(skip, int, k) < line)
				k++;
			if (k >= skip->len || g_array_index(skip, int, k) != line)
				XXH3_128bits_update(st, p, (size_t)(next - p));
			p = next;
			line++;
		}
		h = XXH3_128bits_digest(st);
		XXH3_freeState(st);
		g_array_free(skip, TRUE);
	}
	XXH128_canonicalFromHash(&hash, h);
	G_STATIC_ASSERT(sizeof(hash.digest) == sizeof(m->body_hash));
	memcpy(m->body_hash, hash.digest, sizeof(m->body_hash));
}

isms_meta *isms_meta_parse(const char *buf, size_t len, size_t max_size,
                           const isms_meta_dialect *dialect)
{
	isms_meta *m = meta_new(len);
	const char *body;
	size_t body_len;
	GArray *spans = NULL, *cands;
	isms_date_order order = dialect ? dialect->date_order : ISMS_DATE_ORDER_NONE;

	if (len > max_size) {
		m->flags |= ISMS_META_TOO_LARGE;
		return m;
	}
	if (memchr(buf, '\0', len)) {
		m->flags |= ISMS_META_BINARY;
		return m;
	}
	if ((m->bad_utf8_line = bad_utf8_line(buf, len)) > 0)
		m->flags |= ISMS_META_BAD_UTF8;

	isms_frontmatter_parse(buf, len, &m->fm);
	if (m->fm.status == ISMS_FM_INVALID)
		problem(m, m->fm.error_line, "yaml", -1, g_strdup(m->fm.error));
	body = buf + m->fm.body_offset;
	body_len = len - m->fm.body_offset;
	/* the Markdown limits, the elements a parse costs and the tables, in
	 * one pass over the lines; a text without a pipe has no table */
	if (memchr(body, '|', body_len))
		spans = g_array_new(FALSE, FALSE, sizeof(isms_md_span));
	int over = isms_markdown_measure_spans(body, body_len, m->fm.body_line, spans,
	                                       &m->tables_line, &m->tables_why, &m->md_elements);
	if (over < 0) {
		m->flags |= ISMS_META_TABLES;
		m->tables_item = over == ISMS_MD_OVER_TABLES ? "tables" : "markdown";
	}

	cands = g_array_new(FALSE, FALSE, sizeof(candidate));
	if (m->fm.status == ISMS_FM_PRESENT)
		front_matter_candidates(m, dialect, cands);
	if (!(m->flags & ISMS_META_TABLES)) {
		GPtrArray *pairs = isms_dc_pairs_new();
		isms_doc_control_read(body, body_len, m->fm.body_line, spans, pairs);
		body_candidates(m, dialect, pairs, cands);
		g_ptr_array_free(pairs, TRUE);
	}
	if (spans)
		g_array_free(spans, TRUE);
	if (m->body)
		m->flags |= ISMS_META_BODY_FIELDS;
	merge(m, dialect, cands);
	g_array_free(cands, TRUE);
	hash_body(m, body, body_len);

	read_text(m, ISMS_F_TITLE);
	read_text(m, ISMS_F_ID);
	read_text(m, ISMS_F_OWNER);
	read_text(m, ISMS_F_APPROVER);
	read_text(m, ISMS_F_VERSION);
	read_text(m, ISMS_F_TYPE);
	read_text(m, ISMS_F_CLAUSES);
	read_text(m, ISMS_F_CONTROLS);
	read_text(m, ISMS_F_CLASSIFICATION);
	for (int f = ISMS_F_COUNT; f < isms_meta_dialect_fields(dialect); f++)
		read_text(m, f);
	read_status(m);
	m->has_last_reviewed = read_date(m, ISMS_F_LAST_REVIEWED, order, &m->last_reviewed);
	m->has_next_review = read_date(m, ISMS_F_NEXT_REVIEW, order, &m->next_review);
	m->has_date = read_date(m, ISMS_F_DATE, order, &m->date);
	m->has_effective = read_date(m, ISMS_F_EFFECTIVE, order, &m->effective);
	read_cycle(m);
	return m;
}

void isms_meta_free(isms_meta *m)
{
	if (!m)
		return;
	isms_frontmatter_dispose(&m->fm);
	g_ptr_array_free(m->problems, TRUE);
	if (m->body)
		g_ptr_array_free(m->body, TRUE);
	if (m->custom)
		g_array_free(m->custom, TRUE);
	g_free(m->tables_why);
	g_free(m);
}

void isms_meta_slim(isms_meta *m)
{
	if (m->fm.fields)
		g_ptr_array_set_size(m->fm.fields, 0);
	if (m->body)
		g_ptr_array_free(m->body, TRUE);
	if (m->custom)
		g_array_free(m->custom, TRUE);
	m->body = NULL;
	m->custom = NULL;
	memset(m->field, 0, sizeof(m->field));
	g_ptr_array_set_size(m->problems, 0);
	m->flags |= ISMS_META_SLIM;
}

const char *isms_meta_text(const isms_meta *m, isms_field f)
{
	return m->field[f] ? m->field[f]->text : "";
}

int isms_meta_has(const isms_meta *m, isms_field f)
{
	return m->field[f] != NULL && !m->invalid[f];
}

const isms_fm_field *isms_meta_get(const isms_meta *m, int f, isms_meta_source *source)
{
	isms_meta_source s = ISMS_SOURCE_NONE;
	const isms_fm_field *src = f >= 0 ? value_of(m, f, &s) : NULL;

	if (source)
		*source = src ? s : ISMS_SOURCE_NONE;
	return src;
}

int isms_meta_present(const isms_meta *m)
{
	return m->fm.status != ISMS_FM_ABSENT || (m->flags & ISMS_META_BODY_FIELDS);
}
