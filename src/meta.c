#include "isms/meta.h"

#include <string.h>
#include <xxhash.h>

#include "isms/markdown.h"
#include "isms/text.h"

static const char *const aliases_title[] = {"title", NULL};
static const char *const aliases_id[] = {"id", "document_id", "ref", NULL};
static const char *const aliases_owner[] = {"owner", "document_owner", "owner_slack", NULL};
static const char *const aliases_approver[] = {"approver", "approved_by", NULL};
static const char *const aliases_version[] = {"version", NULL};
static const char *const aliases_status[] = {"status", NULL};
static const char *const aliases_last_reviewed[] = {
    "last_reviewed", "last_reviewed_on", "last_reviewed_at", "last_review", "reviewed", NULL};
static const char *const aliases_cycle[] = {"review_cycle", "review_in", "review_interval",
                                            "review_frequency", NULL};
static const char *const aliases_next_review[] = {"next_review", "next_review_date", "review_by",
                                                  NULL};
static const char *const aliases_type[] = {"type", NULL};
static const char *const aliases_clauses[] = {"clauses", NULL};
static const char *const aliases_controls[] = {"controls", NULL};
static const char *const aliases_date[] = {"date", NULL};

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
};

const char *isms_field_name(isms_field f)
{
	return field_aliases[f][0];
}

const char *const *isms_field_aliases(isms_field f)
{
	return field_aliases[f];
}

int isms_field_lookup(const char *key)
{
	for (int f = 0; f < ISMS_F_COUNT; f++)
		for (const char *const *a = field_aliases[f]; *a; a++)
			if (g_ascii_strcasecmp(key, *a) == 0)
				return f;
	return -1;
}

int isms_is_placeholder(const char *text)
{
	static const char *const words[] = {
	    "tbd",        "tbc",        "tba",         "todo",  "to do", "yyyy-mm-dd", "dd/mm/yyyy",
	    "mm/dd/yyyy", "dd-mm-yyyy", "xxxx-xx-xx",  "xxx",   "x",     "?",          "??",
	    "-",          "--",         "n/a",         "na",    "none",  "unknown",    "pending",
	    "date",       "<date>",     "placeholder", "owner", "name",  NULL};
	char *s = g_ascii_strdown(text, -1);
	char *t = g_strstrip(s);
	int hit = 0;
	size_t n = strlen(t);

	/* `[TBD]` reads as a list, `<TBD>` and `(TBD)` as text: look inside */
	while (n >= 2 && ((t[0] == '[' && t[n - 1] == ']') || (t[0] == '<' && t[n - 1] == '>') ||
	                  (t[0] == '(' && t[n - 1] == ')') || (t[0] == '{' && t[n - 1] == '}'))) {
		t[n - 1] = '\0';
		t = g_strstrip(t + 1);
		n = strlen(t);
	}
	if (n == 0)
		hit = 1;
	for (int i = 0; !hit && words[i]; i++)
		if (strcmp(t, words[i]) == 0)
			hit = 1;
	g_free(s);
	return hit;
}

static void problem(isms_meta *m, int line, const char *key, char *message)
{
	isms_meta_problem *p = g_new0(isms_meta_problem, 1);

	p->line = line;
	p->key = g_strdup(key);
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

static void mark_invalid(isms_meta *m, isms_field f, const isms_fm_field *src, char *message)
{
	m->invalid[f] = 1;
	problem(m, src->line, src->key, message);
}

static int read_date(isms_meta *m, isms_field f, isms_day *out)
{
	const isms_fm_field *src = m->field[f];

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
	if (isms_date_parse(src->text, strlen(src->text), out) < 0) {
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
    {"draft", ISMS_DOC_DRAFT},        {"in review", ISMS_DOC_DRAFT},
    {"proposed", ISMS_DOC_DRAFT},     {"wip", ISMS_DOC_DRAFT},
    {"retired", ISMS_DOC_RETIRED},    {"superseded", ISMS_DOC_RETIRED},
    {"archived", ISMS_DOC_RETIRED},   {"obsolete", ISMS_DOC_RETIRED},
    {"withdrawn", ISMS_DOC_RETIRED},  {"deprecated", ISMS_DOC_RETIRED},
};

static void read_status(isms_meta *m)
{
	const isms_fm_field *src = m->field[ISMS_F_STATUS];

	m->status = ISMS_DOC_IN_FORCE;
	if (!src)
		return;
	if (src->kind == ISMS_VAL_SCALAR) {
		char *word = g_strstrip(g_strdup(src->text));
		for (size_t i = 0; i < G_N_ELEMENTS(status_words); i++)
			if (g_ascii_strcasecmp(word, status_words[i].word) == 0) {
				m->status = status_words[i].status;
				g_free(word);
				return;
			}
		g_free(word);
	}
	mark_invalid(
	    m, ISMS_F_STATUS, src,
	    isms_text_printf("'%s' is '%s': use draft, approved or retired (the document is "
	                     "treated as in force)",
	                     src->key, src->text));
}

/* Scalar text fields: owner, version, title, ... */
static void read_text(isms_meta *m, isms_field f)
{
	const isms_fm_field *src = m->field[f];

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

isms_meta *isms_meta_parse(const char *buf, size_t len, size_t max_size)
{
	isms_meta *m = meta_new(len);
	XXH128_canonical_t hash;

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
		problem(m, m->fm.error_line, "yaml", g_strdup(m->fm.error));
	int over =
	    isms_markdown_measure(buf + m->fm.body_offset, len - m->fm.body_offset, m->fm.body_line,
	                          &m->tables_line, &m->tables_why, &m->md_elements);
	if (over < 0) {
		m->flags |= ISMS_META_TABLES;
		m->tables_item = over == ISMS_MD_OVER_TABLES ? "tables" : "markdown";
	}

	/* a fast hash: every version of every document is hashed (SHA-1 took
	 * a tenth of a large audit), and a collision would need someone to
	 * craft one to hide an edit from DOC-VERSION-NOT-BUMPED */
	XXH128_canonicalFromHash(&hash,
	                         XXH3_128bits(buf + m->fm.body_offset, len - m->fm.body_offset));
	G_STATIC_ASSERT(sizeof(hash.digest) == sizeof(m->body_hash));
	memcpy(m->body_hash, hash.digest, sizeof(m->body_hash));

	if (m->fm.status != ISMS_FM_PRESENT)
		return m;
	for (guint i = 0; i < m->fm.fields->len; i++) {
		const isms_fm_field *src = g_ptr_array_index(m->fm.fields, i);
		int f = isms_field_lookup(src->key);
		if (f < 0)
			continue;
		if (m->field[f]) {
			problem(m, src->line, src->key,
			        isms_text_printf(
			            "'%s' repeats '%s' (both name the %s field): the first is used",
			            src->key, m->field[f]->key, isms_field_name(f)));
			continue;
		}
		m->field[f] = src;
	}
	read_text(m, ISMS_F_TITLE);
	read_text(m, ISMS_F_ID);
	read_text(m, ISMS_F_OWNER);
	read_text(m, ISMS_F_APPROVER);
	read_text(m, ISMS_F_VERSION);
	read_text(m, ISMS_F_TYPE);
	read_text(m, ISMS_F_CLAUSES);
	read_text(m, ISMS_F_CONTROLS);
	read_status(m);
	m->has_last_reviewed = read_date(m, ISMS_F_LAST_REVIEWED, &m->last_reviewed);
	m->has_next_review = read_date(m, ISMS_F_NEXT_REVIEW, &m->next_review);
	m->has_date = read_date(m, ISMS_F_DATE, &m->date);
	if (m->field[ISMS_F_REVIEW_CYCLE]) {
		const isms_fm_field *src = m->field[ISMS_F_REVIEW_CYCLE];
		if (src->kind != ISMS_VAL_SCALAR ||
		    isms_duration_parse(src->text, strlen(src->text), &m->cycle) < 0)
			mark_invalid(m, ISMS_F_REVIEW_CYCLE, src,
			             isms_text_printf(
			                 "'%s' is '%s', not a review cycle (such as '12 months', "
			                 "'annual', 'P1Y')",
			                 src->key, src->text));
		else
			m->has_cycle = 1;
	}
	return m;
}

void isms_meta_free(isms_meta *m)
{
	if (!m)
		return;
	isms_frontmatter_dispose(&m->fm);
	g_ptr_array_free(m->problems, TRUE);
	g_free(m->tables_why);
	g_free(m);
}

void isms_meta_slim(isms_meta *m)
{
	if (m->fm.fields)
		g_ptr_array_set_size(m->fm.fields, 0);
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
