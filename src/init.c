#include "isms/init.h"

#include <git2.h>
#include <glib.h>
#include <stdarg.h>
#include <string.h>

#include "isms/audit.h"
#include "isms/clauses.h"
#include "isms/config.h"
#include "isms/config_keys.h"
#include "isms/date.h"
#include "isms/meta.h"
#include "isms/error.h"
#include "isms/frontmatter.h"
#include "isms/gitutil.h"
#include "isms/markdown.h"
#include "isms/register.h"
#include "isms/risk.h"
#include "isms/wrap.h"

#define WIDTH          78
#define MAX_FOLDERS    3 /* `paths` is suggested for documents in at most this many top folders */
#define MAX_ROOT_FILES 3 /* ... and at most this many files at the root */
#define MAX_LISTED     5 /* file names listed in one comment */

/* What init needs of one Markdown file at HEAD. */
typedef struct {
	char *path;
	isms_fm_status fm;
	int meta;             /* metadata from any source (isms_meta_present) */
	GPtrArray *keys;      /* char *: front matter keys (readable front matter only) */
	GPtrArray *body_keys; /* char *: keys of the body that name a field (tables, key
	                       * lines), as written */
	char *type;           /* `type:` as written, or NULL */
	char *cycle;          /* the review cycle as written, if it parses, or NULL */
	char *date;           /* `date:` as written, or NULL */
	char *title;          /* `title:`, else the first `#` heading, or NULL */
	unsigned char has[ISMS_F_COUNT]; /* fields read with a usable value, from any source */
	GPtrArray *clauses;              /* char *: canonical clauses it declares or stands for */
	int issues_table;                /* a register-like name and a register table of issues */
	int risk_table; /* a risk table (isms_risk_has_table), not `type: risk-register` */
} doc;

typedef struct {
	isms_config defaults; /* which files an audit without configuration reads */
	char *root;
	char head[GIT_OID_HEXSZ + 1];
	git_repository *repo;
	GPtrArray *docs; /* doc *, sorted by path */
	int has_config;  /* the repository commits .isms-audit.yml already */
	int unreadable;  /* Markdown files not read: binary, too large, tables over the limits */
	int error;       /* of the tree walk */
	GHashTable *emitted; /* keys written so far, as values or comments */
	GPtrArray *paths;    /* char *: the suggested `paths`, empty if none */
	/* numeric dates of the documents' metadata: read only day first
	 * (25/01/2026), only month first (01/25/2026), or either way */
	guint dmy_only, mdy_only, ambiguous;
	char *dmy_example, *ambiguous_example; /* "path: text" of the first met */
	GString *out;
} survey;

static void doc_free(gpointer p)
{
	doc *d = p;

	g_free(d->path);
	g_ptr_array_free(d->keys, TRUE);
	g_ptr_array_free(d->body_keys, TRUE);
	g_free(d->type);
	g_free(d->cycle);
	g_free(d->date);
	g_free(d->title);
	g_ptr_array_free(d->clauses, TRUE);
	g_free(d);
}

static int by_path(gconstpointer a, gconstpointer b)
{
	return strcmp((*(doc *const *)a)->path, (*(doc *const *)b)->path);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static int name_has(const char *path, const char *word)
{
	char *lower = g_ascii_strdown(base_name(path), -1);
	int hit = strstr(lower, word) != NULL;

	g_free(lower);
	return hit;
}

/* "soa" as a word of the file name: soa.md, isms-soa.md, SoA_2025.md. */
static int name_has_word(const char *path, const char *word)
{
	char *lower = g_ascii_strdown(base_name(path), -1);
	size_t n = strlen(word);
	int hit = 0;

	for (const char *p = lower; !hit && (p = strstr(p, word)) != NULL; p++)
		hit = (p == lower || !g_ascii_isalnum(p[-1])) && !g_ascii_isalnum(p[n]);
	g_free(lower);
	return hit;
}

static int type_is(const doc *d, const char *type)
{
	return d->type && g_ascii_strcasecmp(d->type, type) == 0;
}

static int soa_by_name(const doc *d)
{
	return !type_is(d, "soa") &&
	       (name_has(d->path, "applicability") || name_has_word(d->path, "soa"));
}

/* ---- reading the repository --------------------------------------------- */

/* Header words of a risk or asset inventory: a table holding any of them is
 * never proposed as the issues register, whatever else it has. */
static const char *const inventory_words[] = {
    "likelihood", "probability",   "impact",        "consequence",    "risk score", "risk rating",
    "risk level", "inherent risk", "residual risk", "risk id",        "risk ref",   "asset",
    "asset id",   "asset type",    "asset owner",   "classification", "location",   NULL};

static int is_inventory_word(const char *key)
{
	for (const char *const *w = inventory_words; *w; w++)
		if (strcmp(key, *w) == 0)
			return 1;
	return 0;
}

/* Whether the body holds a register table as the audit reads one (an ID
 * column and a Status or Closed column) with the columns of an issues
 * register: an id column that names issues or actions ("Risk ID" and
 * "Control ID" tables are other registers), at least two of action,
 * owner, due and closed, and no column of a risk or asset inventory
 * (which have IDs, owners and statuses too). */
static int has_issues_table(const isms_register_dialect *dialect, const char *buf, size_t len,
                            int first_line, int *out)
{
	static const isms_column flow[] = {ISMS_COL_ACTION, ISMS_COL_OWNER, ISMS_COL_DUE,
	                                   ISMS_COL_CLOSED};
	GPtrArray *tables = isms_md_tables_new();
	int error, column[ISMS_COL_COUNT];

	*out = 0;
	if ((error = isms_markdown_tables(buf, len, first_line, tables)) < 0)
		goto done;
	for (guint t = 0; !*out && t < tables->len; t++) {
		const isms_md_table *tab = g_ptr_array_index(tables, t);
		int inventory = 0, flows = 0;
		for (guint h = 0; h < tab->header->len; h++) {
			char *key = isms_md_header_key(g_ptr_array_index(tab->header, h));
			inventory |= is_inventory_word(key);
			g_free(key);
		}
		if (inventory || !isms_register_map_header(dialect, tab->header, column) ||
		    !isms_register_header_names_items(
		        dialect, g_ptr_array_index(tab->header, column[ISMS_COL_ID])))
			continue;
		for (size_t c = 0; c < G_N_ELEMENTS(flow); c++)
			flows += column[flow[c]] >= 0;
		*out = flows >= 2;
	}
done:
	g_ptr_array_free(tables, TRUE);
	return error;
}

/* A file whose name says it may be an issues register (its tables decide):
 * register.md, capa-log.md, corrective-actions.md, nonconformities.md. */
static int register_name(const char *path)
{
	static const char *const words[] = {"register",   "log",    "capa",  "corrective",
	                                    "nonconform", "action", "issue", "improvement"};

	for (size_t i = 0; i < G_N_ELEMENTS(words); i++)
		if (name_has(path, words[i]))
			return 1;
	return 0;
}

/* The text of the first ATX heading of level 1 (`# Title`), or NULL. */
static char *first_heading(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;

	for (int lines = 0; p < end && lines < 40; lines++) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *e = eol ? eol : end;
		if (e - p > 2 && p[0] == '#' && p[1] == ' ') {
			char *t = g_strndup(p + 2, (size_t)(e - p - 2));
			return g_strstrip(t);
		}
		p = eol ? eol + 1 : end;
	}
	return NULL;
}

static char *scalar_text(const isms_fm_field *f)
{
	return f->kind == ISMS_VAL_SCALAR ? g_strdup(f->text) : NULL;
}

/* Count a date of the body's metadata by the orders that read it. */
static void survey_date(survey *s, const char *path, const isms_fm_field *f)
{
	int field = isms_field_lookup(f->key);
	isms_day day;
	int dmy, mdy;

	if (f->kind != ISMS_VAL_SCALAR || !f->text ||
	    (field != ISMS_F_LAST_REVIEWED && field != ISMS_F_NEXT_REVIEW && field != ISMS_F_DATE &&
	     field != ISMS_F_EFFECTIVE))
		return;
	dmy = isms_date_parse_written(f->text, strlen(f->text), ISMS_DATE_ORDER_DMY, &day) == 0;
	mdy = isms_date_parse_written(f->text, strlen(f->text), ISMS_DATE_ORDER_MDY, &day) == 0;
	if (isms_date_parse_written(f->text, strlen(f->text), ISMS_DATE_ORDER_NONE, &day) ==
	    ISMS_DATE_AMBIGUOUS) {
		if (!s->ambiguous++)
			s->ambiguous_example = g_strdup_printf("%s: %s", path, f->text);
	} else if (dmy && !mdy) {
		if (!s->dmy_only++)
			s->dmy_example = g_strdup_printf("%s: %s", path, f->text);
	} else if (mdy && !dmy)
		s->mdy_only++;
}

static int read_doc(survey *s, const char *path, const char *buf, size_t len)
{
	doc *d = g_new0(doc, 1);
	/* the document as the audit reads it: its front matter and its fields,
	 * whatever their source */
	isms_meta *m = isms_meta_parse(buf, len, s->defaults.max_file_size, &s->defaults.fields);
	const isms_frontmatter *fm = &m->fm;
	isms_duration cycle;
	int error = 0;

	d->path = g_strdup(path);
	d->keys = g_ptr_array_new_with_free_func(g_free);
	d->body_keys = g_ptr_array_new_with_free_func(g_free);
	d->clauses = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(s->docs, d);
	d->fm = fm->status;
	d->meta = isms_meta_present(m);
	for (guint i = 0; m->body && i < m->body->len; i++) {
		const isms_fm_field *f = g_ptr_array_index(m->body, i);
		g_ptr_array_add(d->body_keys, g_strdup(f->key));
		survey_date(s, path, f);
	}
	for (guint i = 0; fm->status == ISMS_FM_PRESENT && fm->fields && i < fm->fields->len; i++) {
		const isms_fm_field *f = g_ptr_array_index(fm->fields, i);
		g_ptr_array_add(d->keys, g_strdup(f->key));
		switch (isms_field_lookup(f->key)) {
		case ISMS_F_TYPE: d->type = scalar_text(f); break;
		case ISMS_F_DATE: d->date = scalar_text(f); break;
		case ISMS_F_TITLE: d->title = scalar_text(f); break;
		case ISMS_F_REVIEW_CYCLE:
			if (f->kind == ISMS_VAL_SCALAR &&
			    isms_duration_parse(f->text, strlen(f->text), &cycle) == 0)
				d->cycle = g_strdup(f->text);
			break;
		case ISMS_F_CLAUSES: isms_clause_list(f, d->clauses); break;
		default: break;
		}
	}
	/* what the body gives when the front matter does not */
	if (!d->type && isms_meta_has(m, ISMS_F_TYPE))
		d->type = g_strdup(isms_meta_text(m, ISMS_F_TYPE));
	if (!d->date && isms_meta_has(m, ISMS_F_DATE))
		d->date = g_strdup(isms_meta_text(m, ISMS_F_DATE));
	if (!d->cycle && isms_meta_has(m, ISMS_F_REVIEW_CYCLE))
		d->cycle = g_strdup(isms_meta_text(m, ISMS_F_REVIEW_CYCLE));
	if (!d->title && isms_meta_has(m, ISMS_F_TITLE))
		d->title = g_strdup(isms_meta_text(m, ISMS_F_TITLE));
	if (!d->title)
		d->title = first_heading(buf + fm->body_offset, len - fm->body_offset);
	for (int f = 0; f < ISMS_F_COUNT; f++)
		d->has[f] = (unsigned char)isms_meta_has(m, (isms_field)f);
	if (register_name(path) && !type_is(d, "register"))
		error = has_issues_table(&s->defaults.dialect, buf + fm->body_offset,
		                         len - fm->body_offset, fm->body_line, &d->issues_table);
	/* as the audit finds them: a risk table makes a risk register */
	if (error == 0 && !type_is(d, "risk-register"))
		error = isms_risk_has_table(buf + fm->body_offset, len - fm->body_offset,
		                            fm->body_line, 0, &s->defaults.risk, &d->risk_table);
	isms_meta_free(m);
	return error;
}

static int walk_entry(const char *root, const git_tree_entry *e, void *payload)
{
	survey *s = payload;
	char *path = g_strconcat(root, git_tree_entry_name(e), NULL);
	git_blob *blob = NULL;
	int rc = 0;

	if (git_tree_entry_type(e) == GIT_OBJECT_TREE) {
		rc = isms_config_wants_dir(&s->defaults, path) ? 0 : 1; /* 1 skips the folder */
	} else if (git_tree_entry_type(e) != GIT_OBJECT_BLOB ||
	           git_tree_entry_filemode(e) == GIT_FILEMODE_LINK) {
		rc = 0; /* submodules and symbolic links are never read */
	} else if (!*root && (strcmp(path, ".isms-audit.yml") == 0 ||
	                      strcmp(path, ".isms-audit.yaml") == 0)) {
		s->has_config = 1;
	} else if (isms_config_wants_file(&s->defaults, path)) {
		git_odb *odb = NULL;
		size_t size = 0;
		git_object_t type;
		if (git_repository_odb(&odb, s->repo) < 0 ||
		    git_odb_read_header(&size, &type, odb, git_tree_entry_id(e)) < 0 ||
		    (size <= s->defaults.max_file_size &&
		     git_blob_lookup(&blob, s->repo, git_tree_entry_id(e)) < 0)) {
			s->error = isms_git_error(path);
			rc = -1;
		} else if (size > s->defaults.max_file_size) {
			s->unreadable++; /* never loaded into memory */
		} else {
			const char *buf = git_blob_rawcontent(blob);
			size_t len = (size_t)git_blob_rawsize(blob);
			char *why = NULL;
			int line;
			/* what the audit cannot read: NUL bytes, tables over the limits */
			if (memchr(buf, '\0', len) ||
			    isms_markdown_check_limits(buf, len, 1, &line, &why) < 0)
				s->unreadable++;
			else if ((s->error = read_doc(s, path, buf, len)) < 0)
				rc = -1;
			g_free(why);
		}
		git_odb_free(odb);
	}
	git_blob_free(blob);
	g_free(path);
	return rc;
}

static int survey_open(survey *s, const char *path)
{
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	git_oid id;
	int error = 0;

	if ((error = isms_git_open(&s->repo, &s->root, path)) < 0 ||
	    (error = isms_git_check_head(s->repo, s->root)) < 0)
		return error;
	if (git_reference_name_to_id(&id, s->repo, "HEAD") < 0 ||
	    git_commit_lookup(&commit, s->repo, &id) < 0 || git_commit_tree(&tree, commit) < 0) {
		error = isms_git_error(s->root);
		goto done;
	}
	git_oid_tostr(s->head, sizeof(s->head), &id);
	if (git_tree_walk(tree, GIT_TREEWALK_PRE, walk_entry, s) < 0) {
		error = s->error < 0 ? s->error : isms_git_error(s->root);
		goto done;
	}
	g_ptr_array_sort(s->docs, by_path);
done:
	git_tree_free(tree);
	git_commit_free(commit);
	return error;
}

/* ---- writing YAML --------------------------------------------------------- */

/* Text for a comment, or for a quoted scalar: valid UTF-8 with only the
 * characters libyaml accepts and no line breaks (NEL, LS and PS are line
 * breaks to YAML). Caller frees. */
static char *printable(const char *text)
{
	char *valid = g_utf8_make_valid(text, -1);
	GString *s = g_string_new(NULL);

	for (const char *p = valid; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		int ok = c == '\t' || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) ||
		         (c >= 0xe000 && c <= 0xfffd && c != 0xfeff) || c >= 0x10000;
		if (ok && c != 0x2028 && c != 0x2029)
			g_string_append_unichar(s, c);
		else
			g_string_append_c(s, '?');
	}
	g_free(valid);
	return g_string_free(s, FALSE);
}

/* Whether a repository path or word can be written as a YAML value at all
 * (libyaml reads only printable UTF-8). */
static int writable(const char *text)
{
	char *p = printable(text);
	int same = strcmp(p, text) == 0 && !strchr(text, '\t');

	g_free(p);
	return same;
}

/* A scalar plain where that is unambiguous in block and flow context,
 * double-quoted otherwise. */
static void append_scalar(GString *out, const char *text)
{
	int plain = *text &&
	            (g_ascii_isalnum(*text) || *text == '_' || *text == '/' || *text == '.') &&
	            text[strlen(text) - 1] != ' ';

	for (const char *p = text; plain && *p; p++)
		plain = g_ascii_isalnum(*p) || strchr("_./- ", *p) != NULL;
	if (plain) {
		g_string_append(out, text);
		return;
	}
	g_string_append_c(out, '"');
	for (const char *p = text; *p; p++) {
		if (*p == '"' || *p == '\\')
			g_string_append_c(out, '\\');
		g_string_append_c(out, *p);
	}
	g_string_append_c(out, '"');
}

static void append_list(GString *out, const GPtrArray *items)
{
	g_string_append_c(out, '[');
	for (guint i = 0; i < items->len; i++) {
		if (i)
			g_string_append(out, ", ");
		append_scalar(out, g_ptr_array_index(items, i));
	}
	g_string_append_c(out, ']');
}

/* A comment paragraph, wrapped. */
static void say(survey *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(survey *s, const char *fmt, ...)
{
	va_list ap;
	char *text, *safe;

	va_start(ap, fmt);
	text = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	safe = printable(text);
	isms_wrap_append(s->out, safe, "# ", "# ", WIDTH);
	g_free(safe);
	g_free(text);
}

/* One comment line, not wrapped (an item of a listing). */
static void line(survey *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void line(survey *s, const char *fmt, ...)
{
	va_list ap;
	char *text, *safe;

	va_start(ap, fmt);
	text = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	safe = printable(text);
	g_string_append_printf(s->out, "#%s%s\n", *safe ? " " : "", safe);
	g_free(safe);
	g_free(text);
}

/* `key: [a, b]`, commented out unless `active`. */
static void key_list(survey *s, const char *key, const GPtrArray *items, int active)
{
	g_string_append_printf(s->out, "%s%s: ", active ? "" : "# ", key);
	append_list(s->out, items);
	g_string_append_c(s->out, '\n');
	g_hash_table_add(s->emitted, (gpointer)key);
}

/* `key: value` from the key table, commented out. */
static void key_comment(survey *s, const char *key, const char *value)
{
	g_string_append_printf(s->out, "# %s: %s\n", key, value);
	g_hash_table_add(s->emitted, (gpointer)key);
}

/* Whether this build's configuration loader accepts `key: value`: keys
 * added to the table before the loader knows them are written as comments. */
static int loader_accepts(const char *key, const GPtrArray *items)
{
	isms_config cfg;
	GString *text = g_string_new(key);
	int ok;

	g_string_append(text, ": ");
	append_list(text, items);
	isms_config_init(&cfg);
	ok = isms_config_load(&cfg, "probe", text->str, text->len) == 0;
	isms_config_dispose(&cfg);
	isms_error_clear();
	g_string_free(text, TRUE);
	return ok;
}

/* "a.md, b.md and 3 more" for at most MAX_LISTED paths. */
static char *list_paths(const GPtrArray *paths)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < paths->len && i < MAX_LISTED; i++)
		g_string_append_printf(s, "%s%s", i ? ", " : "",
		                       (char *)g_ptr_array_index(paths, i));
	if (paths->len > MAX_LISTED)
		g_string_append_printf(s, " and %u more", paths->len - MAX_LISTED);
	return g_string_free(s, FALSE);
}

static const char *plural(guint n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* ---- the sections --------------------------------------------------------- */

static guint count_fm(const survey *s, int readable_only)
{
	guint n = 0;

	for (guint i = 0; i < s->docs->len; i++) {
		const doc *d = g_ptr_array_index(s->docs, i);
		n += readable_only ? d->fm == ISMS_FM_PRESENT : d->fm != ISMS_FM_ABSENT;
	}
	return n;
}

/* Documents without front matter whose metadata is in their body. */
static guint count_body_only(const survey *s)
{
	guint n = 0;

	for (guint i = 0; i < s->docs->len; i++) {
		const doc *d = g_ptr_array_index(s->docs, i);
		n += d->fm == ISMS_FM_ABSENT && d->meta;
	}
	return n;
}

static void header(survey *s)
{
	guint files = s->docs->len + (guint)s->unreadable, fm = count_fm(s, 0);
	guint bad = fm - count_fm(s, 1), body = count_body_only(s);
	char *invalid =
	    bad ? g_strdup_printf(" (%u of them invalid: DOC-BAD-METADATA)", bad) : g_strdup("");

	if (body) {
		char *more =
		    g_strdup_printf("%s, %u more with metadata in a document-control table, "
		                    "key lines or a version history",
		                    invalid, body);
		g_free(invalid);
		invalid = more;
	}

	say(s, ".isms-audit.yml: configuration of isms-audit, the ISO 27001 ISMS auditor.");
	say(s,
	    "Written by `isms-audit init` from commit %.7s (HEAD), which has %u Markdown %s "
	    "outside the built-in exclusions, %u with front matter%s. Check it, then commit it "
	    "at the root of the repository. `isms-audit config --explain KEY` explains a key; "
	    "`isms-audit config --schema` gives the JSON Schema of this file.",
	    s->head, files, plural(files, "file", "files"), fm, invalid);
	g_free(invalid);
	if (s->unreadable)
		say(s,
		    "%d Markdown %s binary, larger than %zu bytes or over the table limits, and "
		    "%s not read.",
		    s->unreadable, plural((guint)s->unreadable, "file is", "files are"),
		    s->defaults.max_file_size, plural((guint)s->unreadable, "was", "were"));
	if (s->has_config)
		say(s, "The repository already commits a configuration (.isms-audit.yml): this "
		       "starter does not read it; compare the two before replacing it.");
}

/* The files an audit must read: documents with metadata (front matter or
 * any other source), and the registers and SoA found by their names. */
static int wanted(const doc *d)
{
	return d->fm != ISMS_FM_ABSENT || d->meta || d->issues_table || d->risk_table ||
	       soa_by_name(d);
}

/* The longest common folder of two folders ending in '/'. */
static void common_folder(char *a, const char *b)
{
	size_t end = 0;

	for (size_t i = 0; a[i] && a[i] == b[i]; i++)
		if (a[i] == '/')
			end = i + 1;
	a[end] = '\0';
}

static int under_paths(const survey *s, const char *path)
{
	for (guint i = 0; i < s->paths->len; i++) {
		const char *p = g_ptr_array_index(s->paths, i);
		if (g_str_has_suffix(p, "/") ? g_str_has_prefix(path, p) : strcmp(path, p) == 0)
			return 1;
	}
	return 0;
}

static void section_paths(survey *s)
{
	GPtrArray *folders = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *root_files = g_ptr_array_new();
	GPtrArray *outside = g_ptr_array_new(), *bare = g_ptr_array_new();
	int ok, unwritable = 0;
	char *list;

	for (guint i = 0; i < s->docs->len; i++) {
		const doc *d = g_ptr_array_index(s->docs, i);
		const char *slash = strchr(d->path, '/');
		char *dir;
		guint f;
		if (!wanted(d))
			continue;
		unwritable |= !writable(d->path);
		if (!slash) {
			g_ptr_array_add(root_files, d->path);
			continue;
		}
		dir = g_strndup(d->path, (gsize)(strrchr(d->path, '/') - d->path + 1));
		for (f = 0; f < folders->len; f++) {
			char *have = g_ptr_array_index(folders, f);
			if (strncmp(have, d->path, (size_t)(slash - d->path + 1)) == 0) {
				common_folder(have, dir);
				break;
			}
		}
		if (f == folders->len)
			g_ptr_array_add(folders, g_strdup(dir));
		g_free(dir);
	}
	ok = !unwritable && folders->len > 0 && folders->len <= MAX_FOLDERS &&
	     root_files->len <= MAX_ROOT_FILES;
	if (ok) {
		for (guint i = 0; i < folders->len; i++)
			g_ptr_array_add(s->paths, g_strdup(g_ptr_array_index(folders, i)));
		for (guint i = 0; i < root_files->len; i++)
			g_ptr_array_add(s->paths, g_strdup(g_ptr_array_index(root_files, i)));
		say(s, "Where the controlled documents are: every Markdown file with metadata "
		       "(front matter, a document-control table or key lines), and every register "
		       "and Statement of Applicability found, lies under these paths.");
		key_list(s, "paths", s->paths, 1);
		for (guint i = 0; i < s->docs->len; i++) {
			const doc *d = g_ptr_array_index(s->docs, i);
			if (!under_paths(s, d->path))
				g_ptr_array_add(outside, d->path);
			else if (d->fm == ISMS_FM_ABSENT && !d->meta)
				g_ptr_array_add(bare, d->path);
		}
		if (outside->len) {
			list = list_paths(outside);
			say(s, "Left out by these paths (no metadata): %s.", list);
			g_free(list);
		}
		if (bare->len) {
			list = list_paths(bare);
			say(s, "Under these paths without metadata (DOC-NO-METADATA): %s.", list);
			g_free(list);
		}
	} else {
		const isms_config_key *k = isms_config_key_find("paths");
		if (count_fm(s, 0) + count_body_only(s) == 0)
			say(s, "Where the controlled documents are: no Markdown file has metadata "
			       "yet, so every Markdown file is audited. List the folders of the "
			       "ISMS:");
		else if (unwritable)
			say(s,
			    "Where the controlled documents are: a path of a document is not valid "
			    "UTF-8 or holds control characters, so it cannot be written here and "
			    "every Markdown file is audited. List the folders of the ISMS to "
			    "narrow "
			    "it:");
		else
			say(s,
			    "Where the controlled documents are: the Markdown files with "
			    "metadata are not gathered in %d or fewer folders, so every Markdown "
			    "file is "
			    "audited. List the folders of the ISMS to narrow it:",
			    MAX_FOLDERS);
		key_comment(s, "paths", k->example);
	}
	g_ptr_array_free(folders, TRUE);
	g_ptr_array_free(root_files, TRUE);
	g_ptr_array_free(outside, TRUE);
	g_ptr_array_free(bare, TRUE);
}

typedef struct {
	const char *name;
	int field; /* isms_field, or -1 */
	guint count;
	guint first; /* index of the first document using it: ties keep file order */
} tally;

/* By field, the canonical name before its aliases, then by name. */
static int by_field_then_name(gconstpointer a, gconstpointer b)
{
	const tally *x = a, *y = b;
	int xc, yc;

	if (x->field != y->field)
		return x->field < y->field ? -1 : 1;
	xc = x->field < ISMS_F_COUNT && strcmp(x->name, isms_field_name((isms_field)x->field)) == 0;
	yc = y->field < ISMS_F_COUNT && strcmp(y->name, isms_field_name((isms_field)y->field)) == 0;
	if (xc != yc)
		return xc ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int by_type_name(gconstpointer a, gconstpointer b)
{
	return strcmp(((const tally *)a)->name, ((const tally *)b)->name);
}

static int by_count_then_name(gconstpointer a, gconstpointer b)
{
	const tally *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Count `name` in a GArray of tally (names borrowed from the documents). */
static void count(GArray *tallies, const char *name, int field, guint index)
{
	for (guint i = 0; i < tallies->len; i++) {
		tally *t = &g_array_index(tallies, tally, i);
		if (strcmp(t->name, name) == 0) {
			t->count++;
			return;
		}
	}
	g_array_append_val(tallies, ((tally){name, field, 1, index}));
}

/* Whether a document's metadata was read: readable front matter, or none
 * and metadata in the body. */
static int metadata_read(const doc *d)
{
	return d->fm == ISMS_FM_PRESENT || (d->fm == ISMS_FM_ABSENT && d->meta);
}

/* A body key as a person would type it in the configuration: without the
 * bold, emoji and colons around it. Caller frees; "" if nothing is left. */
static char *clean_key(const char *key)
{
	const char *start = key, *end = key + strlen(key);

	while (start < end && !g_unichar_isalnum(g_utf8_get_char(start)))
		start = g_utf8_next_char(start);
	while (end > start) {
		const char *prev = g_utf8_prev_char(end);
		if (g_unichar_isalnum(g_utf8_get_char(prev)) || *prev == ')')
			break;
		end = prev;
	}
	return g_strndup(start, (gsize)(end - start));
}

/* Whether `key` is the field's own name, as a header key (`Version`). */
static int is_canonical(const char *key, int f)
{
	char *a = isms_md_header_key(key), *b = isms_md_header_key(isms_field_name((isms_field)f));
	int same = strcmp(a, b) == 0;

	g_free(a);
	g_free(b);
	return same;
}

/* The keys documents write in document-control tables and key lines: what
 * each is read as, then `fields:` naming those of each field, so that the
 * configuration says what the documents write and a key can be added
 * beside them. A key that only stands in (`Last Updated`) is not written:
 * listed, it would be read as the review date. */
static void section_body_fields(survey *s)
{
	GArray *keys = g_array_new(FALSE, FALSE, sizeof(tally));
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *weak = g_ptr_array_new();
	int written = 0;

	for (guint i = 0; i < s->docs->len; i++) {
		const doc *d = g_ptr_array_index(s->docs, i);
		GPtrArray *seen = g_ptr_array_new();
		for (guint k = 0; d->fm != ISMS_FM_INVALID && k < d->body_keys->len; k++) {
			char *name = clean_key(g_ptr_array_index(d->body_keys, k));
			int f = isms_field_lookup(name);
			guint at;
			if (!*name || f < 0 || !writable(name) ||
			    g_ptr_array_find_with_equal_func(seen, name, g_str_equal, NULL)) {
				g_free(name);
				continue;
			}
			/* one spelling per header key: the first met */
			for (at = 0; at < names->len; at++)
				if (isms_field_lookup(g_ptr_array_index(names, at)) == f &&
				    g_ascii_strcasecmp(g_ptr_array_index(names, at), name) == 0)
					break;
			if (at == names->len)
				g_ptr_array_add(names, name);
			else {
				g_free(name);
				name = g_ptr_array_index(names, at);
			}
			g_ptr_array_add(seen, name);
			count(keys, name, f, i);
		}
		g_ptr_array_free(seen, TRUE);
	}
	if (keys->len == 0)
		goto done;
	g_array_sort(keys, by_field_then_name);
	if (s->out->len >= 2 && strcmp(s->out->str + s->out->len - 2, "\n\n") != 0)
		g_string_append_c(s->out, '\n'); /* after the front matter keys */
	say(s, "Keys of document-control tables and key lines, the field isms-audit reads each "
	       "one as, and how many documents use it:");
	for (guint i = 0; i < keys->len; i++) {
		const tally *t = &g_array_index(keys, tally, i);
		line(s, "  %s -> %s (%u %s)", t->name, isms_field_name((isms_field)t->field),
		     t->count, plural(t->count, "document", "documents"));
	}
	g_string_append_c(s->out, '\n');
	say(s, "The keys these documents give each field other than its own name (read "
	       "already, as built-in aliases): add a key of yours to a field's list, or a new "
	       "name with its keys for a field of your own that `required_fields` can "
	       "require.");
	for (int f = 0; f < ISMS_F_COUNT; f++) {
		int opened = 0;
		for (guint i = 0; i < keys->len; i++) {
			const tally *t = &g_array_index(keys, tally, i);
			if (t->field != f)
				continue;
			if (isms_field_alias_is_weak(t->name)) {
				g_ptr_array_add(weak, (gpointer)t->name);
				continue;
			}
			if (is_canonical(t->name, f))
				continue;
			if (!written)
				g_string_append(s->out, "fields:\n");
			g_string_append_printf(s->out, "%s", opened ? ", " : "");
			if (!opened)
				g_string_append_printf(s->out, "  %s: [",
				                       isms_field_name((isms_field)f));
			append_scalar(s->out, t->name);
			opened = written = 1;
		}
		if (opened)
			g_string_append(s->out, "]\n");
	}
	if (!written)
		key_comment(s, "fields", isms_config_key_find("fields")->example);
	g_hash_table_add(s->emitted, (gpointer) "fields");
	if (weak->len) {
		char *list = list_paths(weak);
		say(s,
		    "Only standing in, and so not listed: %s (read when no other key gives its "
		    "field; list it under the field to read it as that field always).",
		    list);
		g_free(list);
	}
done:
	g_ptr_array_free(weak, TRUE);
	g_array_free(keys, TRUE);
	g_ptr_array_free(names, TRUE);
}

static void section_fields(survey *s)
{
	GArray *keys = g_array_new(FALSE, FALSE, sizeof(tally));
	int unknown = 0;

	for (guint i = 0; i < s->docs->len; i++) {
		const doc *d = g_ptr_array_index(s->docs, i);
		for (guint k = 0; k < d->keys->len; k++) {
			const char *key = g_ptr_array_index(d->keys, k);
			int f = isms_field_lookup(key);
			if (f < 0 && isms_record_key(key))
				f = ISMS_F_COUNT + 1; /* read from records, not a field */
			count(keys, key, f < 0 ? ISMS_F_COUNT : f, i);
		}
	}
	if (keys->len == 0)
		goto done;
	g_array_sort(keys, by_field_then_name);
	say(s, "Front matter keys in use, the field isms-audit reads each one as, and how many "
	       "documents use it:");
	for (guint i = 0; i < keys->len; i++) {
		const tally *t = &g_array_index(keys, tally, i);
		if (t->field == ISMS_F_COUNT) {
			unknown++;
			continue;
		}
		line(s, "  %s -> %s (%u %s)", t->name,
		     t->field > ISMS_F_COUNT ? isms_record_key(t->name)
		                             : isms_field_name((isms_field)t->field),
		     t->count, plural(t->count, "document", "documents"));
	}
	if (unknown) {
		say(s, "Keys read as no field, which isms-audit ignores (a misspelt field name "
		       "would be here too):");
		for (guint i = 0; i < keys->len; i++) {
			const tally *t = &g_array_index(keys, tally, i);
			if (t->field == ISMS_F_COUNT)
				line(s, "  %s (%u %s)", t->name, t->count,
				     plural(t->count, "document", "documents"));
		}
	}
done:
	g_array_free(keys, TRUE);
}

/* The review cycle most documents of a type declare (the first met on a
 * tie), or NULL. `type` NULL means documents without a type. */
static const char *usual_cycle(const survey *s, const char *type)
{
	GArray *cycles = g_array_new(FALSE, FALSE, sizeof(tally));
	const char *best = NULL;
	guint best_count = 0;

	for (guint i = 0; i < s->docs->len; i++) {
		const doc *d = g_ptr_array_index(s->docs, i);
		if (metadata_read(d) && d->cycle &&
		    (type ? d->type && strcmp(d->type, type) == 0 : !d->type))
			count(cycles, d->cycle, 0, i);
	}
	for (guint i = 0; i < cycles->len; i++) {
		const tally *t = &g_array_index(cycles, tally, i);
		if (t->count > best_count) {
			best = t->name;
			best_count = t->count;
		}
	}
	g_array_free(cycles, TRUE);
	return best;
}

static void section_types(survey *s)
{
	GArray *types = g_array_new(FALSE, FALSE, sizeof(tally));
	guint untyped = 0;
	int suggest = 0;
	const char *cycle;

	for (guint i = 0; i < s->docs->len; i++) {
		const doc *d = g_ptr_array_index(s->docs, i);
		if (!metadata_read(d))
			continue;
		if (d->type)
			count(types, d->type, 0, i);
		else
			untyped++;
	}
	if (types->len == 0 && untyped == 0)
		goto done;
	g_array_sort(types, by_count_then_name);
	say(s, "Document types in use (`type:` in front matter, or Type in the body):");
	for (guint i = 0; i < types->len; i++) {
		const tally *t = &g_array_index(types, tally, i);
		line(s, "  %s: %u %s", t->name, t->count,
		     plural(t->count, "document", "documents"));
		suggest |= !isms_config_is_record_type(&s->defaults, t->name);
	}
	if (untyped)
		line(s, "  (no type): %u %s", untyped, plural(untyped, "document", "documents"));
	if (!suggest && untyped == 0)
		goto done;
	g_string_append(s->out, "\n");
	say(s, "The review cycle of each type, for documents that give none (records need "
	       "none): the cycle most of its documents declare, else the built-in 12 months.");
	g_string_append(s->out, "# review_cycles:\n#   default: ");
	cycle = usual_cycle(s, NULL);
	append_scalar(s->out, cycle ? cycle : "12 months");
	g_string_append_c(s->out, '\n');
	g_array_sort(types, by_type_name);
	for (guint i = 0; i < types->len; i++) {
		const tally *t = &g_array_index(types, tally, i);
		if (isms_config_is_record_type(&s->defaults, t->name) ||
		    g_ascii_strcasecmp(t->name, "default") == 0 || !writable(t->name))
			continue;
		cycle = usual_cycle(s, t->name);
		g_string_append(s->out, "#   ");
		append_scalar(s->out, t->name);
		g_string_append(s->out, ": ");
		append_scalar(s->out, cycle ? cycle : "12 months");
		g_string_append_c(s->out, '\n');
	}
	g_hash_table_add(s->emitted, (gpointer) "review_cycles");
done:
	g_array_free(types, TRUE);
}

/* Whether some document (not a record) carries a required field: "review"
 * is last_reviewed or next_review. */
static int field_in_use(const survey *s, const char *name)
{
	for (guint i = 0; i < s->docs->len; i++) {
		const doc *d = g_ptr_array_index(s->docs, i);
		int f = isms_field_lookup(name);
		if (isms_config_is_record_type(&s->defaults, d->type))
			continue;
		if (strcmp(name, "review") == 0
		        ? d->has[ISMS_F_LAST_REVIEWED] || d->has[ISMS_F_NEXT_REVIEW]
		        : f >= 0 && d->has[f])
			return 1;
	}
	return 0;
}

/* `required_fields` for documents that are not records: the default list
 * less the fields no document carries (a repository that versions by Git
 * has no `version` anywhere), so that DOC-MISSING-FIELD names only what
 * some documents show can be kept. */
static int section_required(survey *s)
{
	const GPtrArray *req = isms_config_required(&s->defaults, NULL);
	GPtrArray *keep = g_ptr_array_new(), *drop = g_ptr_array_new();
	int written = 0;

	for (guint i = 0; i < req->len; i++) {
		const char *f = g_ptr_array_index(req, i);
		g_ptr_array_add(field_in_use(s, f) ? keep : drop, (gpointer)f);
	}
	if (drop->len == 0 || s->docs->len == 0)
		goto done;
	{
		char *names = list_paths(drop);
		say(s,
		    "Required fields (DOC-MISSING-FIELD) of documents that are not records: no "
		    "document carries %s, so %s not required here (the other types keep their "
		    "lists):",
		    names, drop->len == 1 ? "it is" : "they are");
		g_free(names);
	}
	g_string_append(s->out, "required_fields:\n  default: ");
	append_list(s->out, keep);
	g_string_append_c(s->out, '\n');
	g_hash_table_add(s->emitted, (gpointer) "required_fields");
	written = 1;
done:
	g_ptr_array_free(keep, TRUE);
	g_ptr_array_free(drop, TRUE);
	return written;
}

/* `date_order` when documents type numeric dates both readings make valid:
 * set when the other dates show the order, suggested otherwise. */
static int section_date_order(survey *s)
{
	int dmy = s->dmy_only > 0 && s->mdy_only == 0, mdy = s->mdy_only > 0 && s->dmy_only == 0;

	if (s->ambiguous == 0)
		return 0;
	say(s,
	    "Dates (clause 7.5.2): %u %s in the documents' metadata read%s as two days, day or "
	    "month first (%s), which without `date_order` %s DOC-BAD-METADATA.",
	    s->ambiguous, plural(s->ambiguous, "date", "dates"), s->ambiguous == 1 ? "s" : "",
	    s->ambiguous_example, s->ambiguous == 1 ? "is" : "are");
	if (dmy)
		say(s, "%u other %s only day first (%s): they are read day first.", s->dmy_only,
		    plural(s->dmy_only, "date reads", "dates read"), s->dmy_example);
	else if (mdy)
		say(s, "%u other %s only month first: they are read month first.", s->mdy_only,
		    plural(s->mdy_only, "date reads", "dates read"));
	else
		say(s, "No other date shows the order%s: set it, after checking a few dates:",
		    s->dmy_only ? " (some read only day first, some only month first)" : "");
	g_string_append_printf(s->out, "%sdate_order: %s\n", dmy || mdy ? "" : "# ",
	                       mdy ? "mdy" : "dmy");
	g_hash_table_add(s->emitted, (gpointer) "date_order");
	return 1;
}

/* Registers and the SoA: those declared by type, then those found by name
 * and suggested under `key`. */
static void section_special(survey *s, const char *key, const char *type, const char *what,
                            int (*found)(const doc *), const char *found_one,
                            const char *found_many, const char *missing)
{
	GPtrArray *typed = g_ptr_array_new(), *named = g_ptr_array_new();

	for (guint i = 0; i < s->docs->len; i++) {
		const doc *d = g_ptr_array_index(s->docs, i);
		if (type_is(d, type))
			g_ptr_array_add(typed, d->path);
		else if (found(d) && writable(d->path))
			g_ptr_array_add(named, d->path);
	}
	if (typed->len == 0 && named->len == 0) {
		say(s, "%s: none found%s. Give it `type: %s`, or list it:", what, missing, type);
		key_comment(s, key, isms_config_key_find(key)->example);
		goto done;
	}
	say(s, "%s:", what);
	for (guint i = 0; i < typed->len; i++)
		line(s, "  %s (type: %s)", (char *)g_ptr_array_index(typed, i), type);
	if (named->len) {
		int active = loader_accepts(key, named);
		if (named->len == 1)
			say(s,
			    "This file %s but has no `type: %s`; listed here, it is read as one%s:",
			    found_one, type, active ? "" : " (once isms-audit knows this key)");
		else
			say(s,
			    "These files %s but have no `type: %s`; listed here, they are read as "
			    "such%s:",
			    found_many, type, active ? "" : " (once isms-audit knows this key)");
		key_list(s, key, named, active);
	} else {
		g_hash_table_add(s->emitted, (gpointer)key);
	}
done:
	g_ptr_array_free(typed, TRUE);
	g_ptr_array_free(named, TRUE);
}

static int issues_table(const doc *d)
{
	return d->issues_table;
}

static int risk_table(const doc *d)
{
	return d->risk_table;
}

static void section_records(survey *s, const char *what, const char *clause, const char *type)
{
	guint n = 0, dated = 0;
	isms_day newest = 0, day;
	char buf[ISMS_DATE_BUFSIZE];

	for (guint i = 0; i < s->docs->len; i++) {
		const doc *d = g_ptr_array_index(s->docs, i);
		if (!type_is(d, type))
			continue;
		n++;
		if (d->date && isms_date_parse(d->date, strlen(d->date), &day) == 0 &&
		    (!dated++ || day > newest))
			newest = day;
	}
	if (n == 0)
		say(s, "%s (clause %s, `type: %s`): no record found.", what, clause, type);
	else if (dated == 0)
		say(s, "%s (clause %s, `type: %s`): %u %s, none with a `date`.", what, clause, type,
		    n, plural(n, "record", "records"));
	else
		say(s, "%s (clause %s, `type: %s`): %u %s, the newest dated %s.", what, clause,
		    type, n, plural(n, "record", "records"), isms_date_format(newest, buf));
}

/* Whether any document covers a mandatory clause, as the audit counts it
 * (src/management.c): declared, or stood for by the document's kind. */
static int covered(const survey *s, const char *clause)
{
	const GPtrArray *mandatory = s->defaults.mandatory;

	for (guint i = 0; i < s->docs->len; i++) {
		const doc *d = g_ptr_array_index(s->docs, i);
		const char *kind = isms_clause_of_type(d->type);
		int risks = d->risk_table || type_is(d, "risk-register");
		if ((kind && isms_clause_covers(kind, clause, mandatory)) ||
		    (d->issues_table && isms_clause_covers("10.2", clause, mandatory)) ||
		    (risks && (isms_clause_covers("6.1.2", clause, mandatory) ||
		               isms_clause_covers("8.2", clause, mandatory))) ||
		    (soa_by_name(d) && isms_clause_covers("6.1.3 d", clause, mandatory)))
			return 1;
		for (guint k = 0; k < d->clauses->len; k++)
			if (isms_clause_covers(g_ptr_array_index(d->clauses, k), clause, mandatory))
				return 1;
	}
	return 0;
}

static void section_clauses(survey *s)
{
	const GPtrArray *mandatory = s->defaults.mandatory;
	guint missing = 0;

	for (guint i = 0; i < mandatory->len; i++)
		missing += !covered(s, g_ptr_array_index(mandatory, i));
	say(s,
	    "Mandatory documented information (MANDATORY-DOC-MISSING): %u of the %u clauses "
	    "of `mandatory_clauses` are declared in the `clauses:` front matter of a document "
	    "or covered by a register, risk register, SoA, management review or internal audit "
	    "record.",
	    mandatory->len - missing, mandatory->len);
	for (guint i = 0; i < mandatory->len; i++) {
		const char *c = g_ptr_array_index(mandatory, i);
		const char *title = isms_clause_title(c);
		if (!covered(s, c))
			line(s, "no document declares %s yet%s%s%s", c, *title ? " (" : "", title,
			     *title ? ")" : "");
	}
}

/* What a document's title or file name says it evidences: the phrase, as
 * a header key (lowercase words), and the clauses it suggests. The most
 * specific phrases come first; the first that matches wins. */
static const struct {
	const char *phrase;
	const char *clauses[3];
} clause_hints[] = {
    {"statement of applicability", {"6.1.3 d"}},
    {"soa", {"6.1.3 d"}},
    {"risk treatment", {"6.1.3", "8.3"}},
    {"risk assessment", {"6.1.2", "8.2"}},
    {"risk register", {"8.2", "8.3"}},
    {"risk management", {"6.1.2", "6.1.3"}},
    {"information security policy", {"5.2"}},
    {"infosec policy", {"5.2"}},
    {"isms scope", {"4.3"}},
    {"scope", {"4.3"}},
    {"security objectives", {"6.2"}},
    {"objectives", {"6.2"}},
    {"competence", {"7.2"}},
    {"training", {"7.2"}},
    {"internal audit", {"9.2"}},
    {"audit programme", {"9.2"}},
    {"audit program", {"9.2"}},
    {"management review", {"9.3"}},
    {"monitoring and measurement", {"9.1"}},
    {"metrics", {"9.1"}},
    {"kpi", {"9.1"}},
    {"operational planning", {"8.1"}},
    {"nonconformity", {"10.2"}},
    {"nonconformities", {"10.2"}},
    {"corrective action", {"10.2"}},
    {"corrective actions", {"10.2"}},
};

/* Whether `phrase` occurs in `key` as whole words. */
static int has_phrase(const char *key, const char *phrase)
{
	size_t n = strlen(phrase);

	for (const char *p = key; (p = strstr(p, phrase)) != NULL; p++)
		if ((p == key || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return 1;
	return 0;
}

/* The hint a document's title, else its file name, matches, or -1. */
static int clause_hint(const doc *d)
{
	char *name = g_strdup(base_name(d->path));
	char *keys[2];
	int hit = -1;

	if (g_str_has_suffix(name, ".md"))
		name[strlen(name) - 3] = '\0';
	keys[0] = d->title ? isms_md_header_key(d->title) : NULL;
	keys[1] = isms_md_header_key(name);
	for (int k = 0; k < 2 && hit < 0; k++)
		for (size_t i = 0; keys[k] && hit < 0 && i < G_N_ELEMENTS(clause_hints); i++)
			if (has_phrase(keys[k], clause_hints[i].phrase))
				hit = (int)i;
	g_free(keys[0]);
	g_free(keys[1]);
	g_free(name);
	return hit;
}

/* `clauses:` suggestions for documents that declare none, from their
 * titles and file names: commented out, for a person to check. */
static void section_clause_hints(survey *s)
{
	guint n = 0;

	for (guint i = 0; i < s->docs->len; i++) {
		const doc *d = g_ptr_array_index(s->docs, i);
		int h;
		/* documents that count by their kind need no mapping */
		if (d->clauses->len > 0 || isms_clause_of_type(d->type) || soa_by_name(d) ||
		    d->issues_table || !writable(d->path) || (h = clause_hint(d)) < 0)
			continue;
		if (n++ == 0) {
			g_string_append_c(s->out, '\n');
			say(s,
			    "Clauses these documents seem to evidence, from their titles and file "
			    "names (suggestions: check each before you uncomment it; a document "
			    "mapped here counts as declaring them):");
			g_string_append(s->out, "# clauses:\n");
		}
		g_string_append(s->out, "#   ");
		append_scalar(s->out, d->path);
		g_string_append(s->out, ": [");
		for (int c = 0; c < 3 && clause_hints[h].clauses[c]; c++) {
			if (c)
				g_string_append(s->out, ", ");
			g_string_append_printf(s->out, "\"%s\"", clause_hints[h].clauses[c]);
		}
		g_string_append(s->out, "]\n");
	}
	if (n)
		g_hash_table_add(s->emitted, (gpointer) "clauses");
}

/* `approval_since`: when the history began to show approval evidence. */
static int section_approvals(survey *s)
{
	git_commit *c = NULL;
	git_oid id, first;
	int found = 0, error = 0;
	char hex[GIT_OID_HEXSZ + 1], day[ISMS_DATE_BUFSIZE];
	isms_day when = 0;

	if (git_oid_fromstr(&id, s->head) < 0)
		return isms_git_error(s->root);
	for (;;) {
		if (git_commit_lookup(&c, s->repo, &id) < 0) {
			/* a shallow clone ends where its history is cut */
			if (git_repository_is_shallow(s->repo) != 1)
				error = isms_git_error(s->root);
			break;
		}
		if (isms_approval_evidence_in(c, &s->defaults)) {
			found = 1;
			first = id;
			when = isms_date_from_time((int64_t)git_commit_time(c));
		}
		if (git_commit_parentcount(c) == 0) {
			git_commit_free(c);
			break;
		}
		id = *git_commit_parent_id(c, 0);
		git_commit_free(c);
	}
	if (error < 0)
		return error;
	if (found && !isms_date_known(when)) {
		/* its committer time is outside the calendar: no day to suggest */
		git_oid_tostr(hex, sizeof(hex), &first);
		say(s,
		    "Approvals (clause 7.5.2 b): the first commit with approval evidence (a merge, "
		    "an approval trailer, a forge's merge of a request) is %.12s, whose date is "
		    "unknown (its committer time is outside the years 1970 to 9999); changes to "
		    "documents in force are held to approval from it on, or from:",
		    hex);
		key_comment(s, "approval_since", isms_config_key_find("approval_since")->example);
	} else if (found) {
		git_oid_tostr(hex, sizeof(hex), &first);
		say(s,
		    "Approvals (clause 7.5.2 b): the first commit with approval evidence (a merge, "
		    "an approval trailer, a forge's merge of a request) is %.12s of %s; changes "
		    "to documents in force are held to approval from then on, or from:",
		    hex, isms_date_format(when, day));
		key_comment(s, "approval_since", day);
	} else {
		say(s,
		    "Approvals (clause 7.5.2 b): no commit shows approval evidence yet (no merge "
		    "commit, no Approved-by trailer), which the audit reports once. Changes are "
		    "held to approval from the first commit that does, or from:");
		key_comment(s, "approval_since", isms_config_key_find("approval_since")->example);
	}
	return 0;
}

static void section_other_keys(survey *s)
{
	say(s, "Every other key at its default; see `isms-audit config --explain KEY`.");
	for (size_t i = 0; i < isms_config_keys_count; i++) {
		const isms_config_key *k = &isms_config_keys[i];
		int empty =
		    strcmp(k->default_text, "[]") == 0 || strcmp(k->default_text, "{}") == 0;
		char *summary;
		if (g_hash_table_contains(s->emitted, k->key))
			continue;
		summary = g_strdup(k->summary);
		summary[0] = g_ascii_toupper(summary[0]);
		g_string_append_c(s->out, '\n');
		if (k->default_is_yaml && !empty) {
			say(s, "%s.", summary);
			key_comment(s, k->key, k->default_text);
		} else {
			say(s, "%s. Default: %s. For example:", summary,
			    empty ? "none" : k->default_text);
			key_comment(s, k->key, k->example);
		}
		g_free(summary);
	}
}

/* The starter must load as it is: a failure here is a bug in init. */
static int self_check(const GString *text)
{
	isms_config cfg;
	int error;

	isms_config_init(&cfg);
	error = isms_config_load(&cfg, ".isms-audit.yml", text->str, text->len);
	isms_config_dispose(&cfg);
	if (error < 0) {
		char *why = g_strdup(isms_error_last());
		error = isms_error_set(ISMS_ERROR,
		                       "init: the starter configuration does not load: %s", why);
		g_free(why);
	}
	return error;
}

int isms_init_generate(char **out, const isms_init_options *opts)
{
	static const isms_init_options defaults = ISMS_INIT_OPTIONS_INIT;
	survey s;
	int error;

	*out = NULL;
	if (!opts)
		opts = &defaults;
	git_libgit2_init();
	memset(&s, 0, sizeof(s));
	isms_config_init(&s.defaults);
	s.docs = g_ptr_array_new_with_free_func(doc_free);
	s.emitted = g_hash_table_new(g_str_hash, g_str_equal);
	s.paths = g_ptr_array_new_with_free_func(g_free);
	s.out = g_string_new(NULL);

	if ((error = survey_open(&s, opts->path ? opts->path : ".")) < 0)
		goto done;
	header(&s);
	g_string_append_c(s.out, '\n');
	section_paths(&s);
	if (count_fm(&s, 1) || count_body_only(&s)) {
		g_string_append_c(s.out, '\n');
		section_fields(&s);
		section_body_fields(&s);
		g_string_append_c(s.out, '\n');
		section_types(&s);
	}
	g_string_append_c(s.out, '\n');
	if (section_required(&s))
		g_string_append_c(s.out, '\n');
	if (section_date_order(&s))
		g_string_append_c(s.out, '\n');
	section_special(&s, "registers", "register", "Issues-and-actions registers (clause 10.2)",
	                issues_table,
	                "holds an issues register table (an ID, a Status or Closed column and two "
	                "of Action, Owner, Due, Closed)",
	                "hold an issues register table (an ID, a Status or Closed column and two "
	                "of Action, Owner, Due, Closed)",
	                ", which the audit reports as REG-NOT-FOUND");
	g_string_append_c(s.out, '\n');
	section_special(&s, "risk_registers", "risk-register",
	                "Risk registers (clauses 6.1.2 and 8.2)", risk_table,
	                "holds a risk table (a Risk ID column and a likelihood, impact, score or "
	                "treatment column)",
	                "hold a risk table (a Risk ID column and a likelihood, impact, score or "
	                "treatment column)",
	                ", which the audit reports as RISK-REGISTER-MISSING");
	g_string_append_c(s.out, '\n');
	section_special(&s, "soa", "soa", "Statement of Applicability (clause 6.1.3 d)",
	                soa_by_name, "is named as a Statement of Applicability",
	                "are named as a Statement of Applicability", "");
	g_string_append_c(s.out, '\n');
	section_records(&s, "Management reviews", "9.3", "management-review");
	section_records(&s, "Internal audits", "9.2", "internal-audit");
	g_string_append_c(s.out, '\n');
	if ((error = section_approvals(&s)) < 0)
		goto done;
	g_string_append_c(s.out, '\n');
	section_clauses(&s);
	section_clause_hints(&s);
	g_string_append(s.out, "\n# ");
	for (int i = 0; i < WIDTH - 2; i++)
		g_string_append_c(s.out, '-');
	g_string_append_c(s.out, '\n');
	section_other_keys(&s);
	if ((error = self_check(s.out)) < 0)
		goto done;
	*out = g_string_free(s.out, FALSE);
	s.out = NULL;
done:
	if (s.out)
		g_string_free(s.out, TRUE);
	g_ptr_array_free(s.paths, TRUE);
	g_free(s.dmy_example);
	g_free(s.ambiguous_example);
	g_hash_table_destroy(s.emitted);
	g_ptr_array_free(s.docs, TRUE);
	isms_config_dispose(&s.defaults);
	git_repository_free(s.repo);
	g_free(s.root);
	git_libgit2_shutdown();
	return error;
}
