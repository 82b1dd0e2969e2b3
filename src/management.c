/* The management-system model: clause coverage, the SoA, and management
 * review and internal audit records, built once after the documents and
 * registers. Rules read it; nothing here decides a finding. */
#include "isms/management.h"

#include <string.h>

#include "isms/audit.h"
#include "isms/clauses.h"
#include "isms/error.h"
#include "isms/gitutil.h"
#include "isms/markdown.h"

const char *isms_coverage_status_name(isms_coverage_status s)
{
	return s == ISMS_COVERAGE_OK ? "ok" : s == ISMS_COVERAGE_OVERDUE ? "overdue" : "missing";
}

/* The body (after the front matter) of a document's audited version. */
typedef struct {
	git_blob *blob;
	const char *text;
	size_t len;
	int first_line; /* its first line's number in the file */
} body;

static int read_body(const isms_audit *a, const isms_document *d, body *out)
{
	const isms_path_event *e =
	    &g_array_index(d->versions, isms_path_event, d->versions->len - 1);
	size_t off = d->meta->fm.body_offset;

	if (git_blob_lookup(&out->blob, a->repo, &e->blob) < 0)
		return isms_git_error(d->path);
	out->text = (const char *)git_blob_rawcontent(out->blob) + off;
	out->len = (size_t)git_blob_rawsize(out->blob) - off;
	out->first_line = d->meta->fm.body_line;
	return 0;
}

/* ---- coverage ----------------------------------------------------------- */

/* Each document's kind and the clauses it declares or stands for. */
static void classify(isms_audit *a)
{
	for (guint i = 0; i < a->registers->len; i++)
		((isms_document *)((isms_register_model *)g_ptr_array_index(a->registers, i))->doc)
		    ->is_register = 1;
	for (guint i = 0; i < a->risk_registers->len; i++)
		((isms_document *)((isms_risk_model *)g_ptr_array_index(a->risk_registers, i))->doc)
		    ->is_risk_register = 1;
	for (guint i = 0; i < a->documents->len; i++) {
		isms_document *d = g_ptr_array_index(a->documents, i);
		const char *kind = isms_clause_of_type(isms_document_type(d));
		d->clauses = g_ptr_array_new_with_free_func(g_free);
		if (!isms_document_readable(d))
			continue;
		isms_clause_list(d->meta->field[ISMS_F_CLAUSES], d->clauses);
		isms_config_clauses_of(&a->config, d->path, d->clauses);
		d->declared_clauses = d->clauses->len;
		d->is_soa = (kind && strcmp(kind, "6.1.3 d") == 0) ||
		            isms_config_is_soa(&a->config, d->path);
		/* a clause twice in the list is harmless */
		if (kind)
			g_ptr_array_add(d->clauses, g_strdup(kind));
		if (d->is_register)
			g_ptr_array_add(d->clauses, g_strdup("10.2"));
		if (d->is_risk_register) {
			g_ptr_array_add(d->clauses, g_strdup("6.1.2"));
			g_ptr_array_add(d->clauses, g_strdup("8.2"));
		}
		if (d->is_soa)
			g_ptr_array_add(d->clauses, g_strdup("6.1.3 d"));
	}
}

static void coverage_free(gpointer p)
{
	isms_coverage *c = p;

	g_free(c->clause);
	g_ptr_array_free(c->documents, TRUE);
	g_ptr_array_free(c->inactive, TRUE);
	g_free(c);
}

static void build_coverage(isms_audit *a)
{
	const GPtrArray *mandatory = a->config.mandatory;

	a->coverage = g_ptr_array_new_with_free_func(coverage_free);
	for (guint k = 0; k < mandatory->len; k++) {
		isms_coverage *c = g_new0(isms_coverage, 1);
		int current = 0;
		c->clause = g_strdup(g_ptr_array_index(mandatory, k));
		c->documents = g_ptr_array_new();
		c->inactive = g_ptr_array_new();
		for (guint i = 0; i < a->documents->len; i++) {
			const isms_document *d = g_ptr_array_index(a->documents, i);
			int covers = 0;
			isms_review rv;
			for (guint j = 0; !covers && j < d->clauses->len; j++)
				covers = isms_clause_covers(g_ptr_array_index(d->clauses, j),
				                            c->clause, mandatory);
			if (!covers)
				continue;
			if (!d->in_force) {
				g_ptr_array_add(c->inactive, (gpointer)d);
				continue;
			}
			g_ptr_array_add(c->documents, (gpointer)d);
			/* any document in force provides the clause, a record
			 * too: its due day counts whether or not it is held to
			 * review */
			isms_document_review(d, a->today, ISMS_REVIEW_SOON_DAYS, &rv);
			if (rv.dated != ISMS_REVIEW_OVERDUE)
				current = 1;
		}
		c->status = c->documents->len == 0 ? ISMS_COVERAGE_MISSING
		            : current              ? ISMS_COVERAGE_OK
		                                   : ISMS_COVERAGE_OVERDUE;
		g_ptr_array_add(a->coverage, c);
	}
}

/* ---- SoA ---------------------------------------------------------------- */

static void soa_model_free(gpointer p)
{
	isms_soa_model *m = p;

	isms_soa_free(m->soa);
	g_free(m);
}

static int build_soas(isms_audit *a)
{
	a->soas = g_ptr_array_new_with_free_func(soa_model_free);
	for (guint i = 0; i < a->documents->len; i++) {
		const isms_document *d = g_ptr_array_index(a->documents, i);
		body b;
		isms_soa *soa = NULL;
		int error;
		if (!d->in_force || !isms_document_readable(d) || !d->is_soa)
			continue;
		if ((error = read_body(a, d, &b)) < 0)
			return error;
		error = isms_soa_parse(b.text, b.len, b.first_line, &soa);
		git_blob_free(b.blob);
		if (error < 0)
			return error;
		isms_soa_model *m = g_new0(isms_soa_model, 1);
		m->doc = d;
		m->soa = soa;
		g_ptr_array_add(a->soas, m);
	}
	return 0;
}

/* ---- records ------------------------------------------------------------ */

static void ref_free(gpointer p)
{
	isms_record_ref *r = p;

	g_free(r->id);
	g_free(r);
}

static void record_free(gpointer p)
{
	isms_record *r = p;

	g_ptr_array_free(r->refs, TRUE);
	g_free(r->auditor);
	g_free(r);
}

/* The input letter a heading or an `inputs:` entry starts with: "a)",
 * "(a)", "9.3.2 a", "9.3.2(a)"; a lone letter when `alone` (front matter).
 * Returns 0 to 6, or -1. */
static int input_letter(const char *text, int alone)
{
	const char *p = text;
	int numbered = 0;

	while (*p == ' ')
		p++;
	if (strncmp(p, "9.3.2", 5) == 0) {
		numbered = 1;
		p += 5;
		while (*p == ' ' || *p == '.')
			p++;
	}
	int paren = *p == '(';
	if (paren)
		p++;
	if (*p < 'a' || *p > 'g' || g_ascii_isalnum(p[1]))
		return -1;
	if (p[1] == ')' || numbered || (alone && p[1] == '\0'))
		return *p - 'a';
	return -1;
}

/* Which inputs a heading or entry shows, by letter or by phrase. */
static unsigned input_bits(const isms_config *cfg, const char *text, int alone)
{
	int letter = input_letter(text, alone);
	unsigned bits = 0;
	char *key, *padded;

	if (letter >= 0)
		return 1u << letter;
	key = isms_md_header_key(text);
	padded = g_strconcat(" ", key, " ", NULL);
	for (int i = 0; i < ISMS_REVIEW_INPUTS; i++) {
		const GPtrArray *phrases = cfg->review_inputs[i];
		for (guint k = 0; k < phrases->len; k++) {
			char *needle = g_strconcat(" ", (const char *)g_ptr_array_index(phrases, k),
			                           " ", NULL);
			int hit = strstr(padded, needle) != NULL;
			g_free(needle);
			if (hit) {
				bits |= 1u << i;
				break;
			}
		}
	}
	g_free(padded);
	g_free(key);
	return bits;
}

/* `seen` holds the ids already named and the documents' own ids, which
 * are never items. */
static void add_ref(GPtrArray *refs, GHashTable *seen, const char *id, int line)
{
	if (g_hash_table_contains(seen, id))
		return;
	isms_record_ref *r = g_new0(isms_record_ref, 1);
	r->id = g_strdup(id);
	r->line = line;
	g_hash_table_add(seen, r->id);
	g_ptr_array_add(refs, r);
}

static int in_list(const GPtrArray *list, const char *s)
{
	for (guint i = 0; i < list->len; i++)
		if (strcmp(g_ptr_array_index(list, i), s) == 0)
			return 1;
	return 0;
}

static int is_id_column(const isms_config *cfg, const char *header)
{
	static const char *const extra[] = {"finding id", "finding ref", "finding no", "action id",
	                                    "action ref", "action no",   "ref no",     NULL};
	char *key = isms_md_header_key(header);
	int hit = in_list(cfg->dialect.synonyms[ISMS_COL_ID], key);

	for (int i = 0; !hit && extra[i]; i++)
		hit = strcmp(key, extra[i]) == 0;
	g_free(key);
	return hit;
}

/* An id in a table cell: its first word, holding a letter and a digit, not
 * an Annex A control ("A.8.1"). */
static char *cell_id(const char *cell)
{
	char *id = g_strdup(cell), *end;
	int letter = 0, digit = 0;
	char *ctl = NULL;

	g_strstrip(id);
	if ((end = strpbrk(id, " \t,;")) != NULL)
		*end = '\0';
	for (char *p = id + strlen(id); p > id && strchr(".:)", p[-1]); p--)
		p[-1] = '\0';
	for (const char *p = id; *p; p++) {
		letter |= g_ascii_isalpha(*p);
		digit |= g_ascii_isdigit(*p);
	}
	if (!letter || !digit || isms_control_read(id, &ctl) != ISMS_CONTROL_NONE) {
		g_free(ctl);
		g_free(id);
		return NULL;
	}
	return id;
}

/* The ids a record names: in tables with an id column, and anywhere in the
 * text when they carry the prefix of register item ids. */
static int find_refs(const isms_audit *a, const GRegex *prefixed, const body *b, GPtrArray *refs)
{
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	GPtrArray *tables = isms_md_tables_new();
	GMatchInfo *m = NULL;
	int error;

	for (guint i = 0; i < a->documents->len; i++)
		g_hash_table_add(seen,
		                 ((isms_document *)g_ptr_array_index(a->documents, i))->identity);
	if ((error = isms_markdown_tables(b->text, b->len, b->first_line, tables)) < 0)
		goto done;
	for (guint t = 0; t < tables->len; t++) {
		const isms_md_table *mt = g_ptr_array_index(tables, t);
		for (guint c = 0; c < mt->header->len; c++) {
			if (!is_id_column(&a->config, g_ptr_array_index(mt->header, c)))
				continue;
			for (guint r = 0; r < mt->rows->len; r++) {
				const isms_md_row *row = g_ptr_array_index(mt->rows, r);
				char *id = cell_id(g_ptr_array_index(row->cells, c));
				if (id)
					add_ref(refs, seen, id, row->line);
				g_free(id);
			}
			break;
		}
	}
	if (prefixed) {
		/* readable documents hold no NUL; invalid UTF-8 is matched as bytes */
		char *text = g_strndup(b->text, b->len);
		int line = b->first_line;
		const char *counted = text;
		g_regex_match(prefixed, text, 0, &m);
		while (g_match_info_matches(m)) {
			int start, end;
			char *id = g_match_info_fetch(m, 0);
			g_match_info_fetch_pos(m, 0, &start, &end);
			for (; counted < text + start; counted++)
				line += *counted == '\n';
			add_ref(refs, seen, id, line);
			g_free(id);
			g_match_info_next(m, NULL);
		}
		g_match_info_free(m);
		g_free(text);
	}
done:
	g_ptr_array_free(tables, TRUE);
	g_hash_table_destroy(seen);
	return error;
}

static int ref_cmp(gconstpointer pa, gconstpointer pb)
{
	const isms_record_ref *x = *(isms_record_ref *const *)pa,
	                      *y = *(isms_record_ref *const *)pb;

	return x->line != y->line ? (x->line < y->line ? -1 : 1) : strcmp(x->id, y->id);
}

/* The ids of every item any register has held, and a pattern for ids with
 * their prefixes ("NC-", "OFI-"): the letters before a '-', '_' or digit. */
static GRegex *build_tracked(isms_audit *a)
{
	GHashTable *prefixes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	GString *pat = NULL;
	GRegex *re = NULL;

	a->tracked = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (guint r = 0; r < a->registers->len; r++) {
		const isms_register_model *m = g_ptr_array_index(a->registers, r);
		for (guint i = 0; i < m->items->len; i++) {
			const isms_item_history *h = g_ptr_array_index(m->items, i);
			const char *p = h->id;
			g_hash_table_add(a->tracked, g_strdup(h->id));
			while (g_ascii_isalpha(*p))
				p++;
			if (p > h->id && (*p == '-' || *p == '_' || g_ascii_isdigit(*p)))
				g_hash_table_add(prefixes, g_strndup(h->id, (gsize)(p - h->id)));
		}
	}
	if (g_hash_table_size(prefixes) > 0) {
		GList *keys = g_list_sort(g_hash_table_get_keys(prefixes), (GCompareFunc)strcmp);
		pat = g_string_new("(?<![A-Za-z0-9_-])(?:");
		for (GList *k = keys; k; k = k->next) {
			char *esc = g_regex_escape_string(k->data, -1);
			g_string_append_printf(pat, "%s%s", k == keys ? "" : "|", esc);
			g_free(esc);
		}
		g_string_append(pat, ")[-_]?[0-9][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*");
		g_list_free(keys);
		re = g_regex_new(pat->str, G_REGEX_RAW, 0, NULL);
		g_string_free(pat, TRUE);
	}
	g_hash_table_destroy(prefixes);
	return re;
}

static const isms_fm_field *fm_field(const isms_document *d, const char *const *keys)
{
	for (; *keys; keys++) {
		const isms_fm_field *f = isms_frontmatter_get(&d->meta->fm, *keys);
		if (f)
			return f;
	}
	return NULL;
}

static const char *const input_keys[] = {"inputs", "review_inputs", NULL};
static const char *const auditor_keys[] = {"auditor", "auditors", "lead_auditor", "audited_by",
                                           NULL};

const char *isms_record_key(const char *key)
{
	if (g_strv_contains(input_keys, key))
		return "management review inputs";
	if (g_strv_contains(auditor_keys, key))
		return "internal audit auditor";
	return NULL;
}

static int build_record(isms_audit *a, const isms_document *d, isms_record_kind kind,
                        const GRegex *prefixed)
{
	isms_record *r = g_new0(isms_record, 1);
	body b = {NULL, NULL, 0, 0};
	GPtrArray *heads = NULL;
	int error;

	r->doc = d;
	r->kind = kind;
	r->refs = g_ptr_array_new_with_free_func(ref_free);
	g_ptr_array_add(a->records, r);
	if ((error = read_body(a, d, &b)) < 0)
		return error;
	if ((error = find_refs(a, prefixed, &b, r->refs)) < 0)
		goto done;
	g_ptr_array_sort(r->refs, ref_cmp);
	if (kind == ISMS_RECORD_REVIEW) {
		const isms_fm_field *f = fm_field(d, input_keys);
		heads = isms_md_headings_new();
		if ((error = isms_markdown_headings(b.text, b.len, b.first_line, heads)) < 0)
			goto done;
		for (guint i = 0; i < heads->len; i++)
			r->inputs |= input_bits(
			    &a->config, ((isms_md_heading *)g_ptr_array_index(heads, i))->text, 0);
		if (f && f->kind == ISMS_VAL_LIST)
			for (guint i = 0; i < f->items->len; i++)
				r->inputs |=
				    input_bits(&a->config, g_ptr_array_index(f->items, i), 1);
		else if (f && f->kind == ISMS_VAL_SCALAR)
			r->inputs |= input_bits(&a->config, f->text, 1);
	} else {
		const isms_fm_field *f = fm_field(d, auditor_keys);
		if (f && f->kind == ISMS_VAL_SCALAR && *f->text) {
			r->auditor = g_strdup(f->text);
			r->auditor_line = f->line;
		} else if (f && f->kind == ISMS_VAL_LIST && f->items->len > 0) {
			GString *names = g_string_new(NULL);
			for (guint i = 0; i < f->items->len; i++)
				g_string_append_printf(
				    names, "%s%s", i ? ", " : "",
				    (const char *)g_ptr_array_index(f->items, i));
			r->auditor = g_string_free(names, FALSE);
			r->auditor_line = f->line;
		}
	}
done:
	if (heads)
		g_ptr_array_free(heads, TRUE);
	git_blob_free(b.blob);
	return error;
}

int isms_audit_build_management(isms_audit *a)
{
	GRegex *prefixed;
	int error = 0;

	classify(a);
	build_coverage(a);
	if ((error = build_soas(a)) < 0)
		return error;
	prefixed = build_tracked(a);
	a->records = g_ptr_array_new_with_free_func(record_free);
	for (guint i = 0; error == 0 && i < a->documents->len; i++) {
		const isms_document *d = g_ptr_array_index(a->documents, i);
		if (!d->in_force || !isms_document_readable(d))
			continue;
		const char *kind = isms_clause_of_type(isms_document_type(d));
		if (kind && strcmp(kind, "9.3") == 0)
			error = build_record(a, d, ISMS_RECORD_REVIEW, prefixed);
		else if (kind && strcmp(kind, "9.2") == 0)
			error = build_record(a, d, ISMS_RECORD_AUDIT, prefixed);
	}
	if (prefixed)
		g_regex_unref(prefixed);
	return error;
}
