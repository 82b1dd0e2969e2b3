#include "isms/frontmatter.h"

#include <string.h>
#include <yaml.h>

#include "isms/text.h"
#include "isms/yaml_limits.h"

void isms_frontmatter_init(isms_frontmatter *fm)
{
	memset(fm, 0, sizeof(*fm));
	fm->body_line = 1;
}

static void field_free(gpointer p)
{
	isms_fm_field *f = p;

	if (!f)
		return;
	g_free(f->key);
	g_free(f->text);
	if (f->items)
		g_ptr_array_free(f->items, TRUE);
	g_free(f);
}

void isms_frontmatter_dispose(isms_frontmatter *fm)
{
	if (!fm)
		return;
	g_free(fm->error);
	if (fm->fields)
		g_ptr_array_free(fm->fields, TRUE);
	isms_frontmatter_init(fm);
}

/* Length of the line at `p` without its terminator, and where the next
 * line starts. */
static size_t line_at(const char *p, const char *end, const char **next)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

	*next = nl ? nl + 1 : end;
	if (n > 0 && p[n - 1] == '\r')
		n--;
	return n;
}

/* A delimiter line: `---` (or `...` when closing) and trailing blanks. */
static int is_delimiter(const char *p, size_t n, int closing)
{
	if (n < 3)
		return 0;
	if (memcmp(p, "---", 3) != 0 && !(closing && memcmp(p, "...", 3) == 0))
		return 0;
	for (size_t i = 3; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t')
			return 0;
	return 1;
}

static void set_invalid(isms_frontmatter *fm, int line, const char *msg)
{
	fm->status = ISMS_FM_INVALID;
	g_free(fm->error);
	fm->error = g_strdup(msg);
	fm->error_line = line;
}

static char *scalar_text(yaml_node_t *node)
{
	return g_strndup((const char *)node->data.scalar.value, node->data.scalar.length);
}

/* A plain scalar that YAML reads as null. */
static int is_null_scalar(yaml_node_t *node)
{
	const char *v = (const char *)node->data.scalar.value;

	if (node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	return node->data.scalar.length == 0 || strcmp(v, "~") == 0 ||
	       g_ascii_strcasecmp(v, "null") == 0;
}

static isms_fm_field *make_field(yaml_document_t *doc, yaml_node_t *key, yaml_node_t *val,
                                 int line_offset)
{
	isms_fm_field *f = g_new0(isms_fm_field, 1);

	f->key = scalar_text(key);
	f->line = (int)key->start_mark.line + line_offset;
	if (!val) {
		f->kind = ISMS_VAL_NULL;
		f->text = g_strdup("");
	} else if (val->type == YAML_SCALAR_NODE) {
		f->kind = is_null_scalar(val) ? ISMS_VAL_NULL : ISMS_VAL_SCALAR;
		f->text = f->kind == ISMS_VAL_NULL ? g_strdup("") : scalar_text(val);
	} else if (val->type == YAML_SEQUENCE_NODE) {
		GString *s = g_string_new("[");
		f->kind = ISMS_VAL_LIST;
		f->items = g_ptr_array_new_with_free_func(g_free);
		for (yaml_node_item_t *it = val->data.sequence.items.start;
		     it < val->data.sequence.items.top; it++) {
			yaml_node_t *n = yaml_document_get_node(doc, *it);
			if (!n || n->type != YAML_SCALAR_NODE) {
				f->kind = ISMS_VAL_MAP;
				continue;
			}
			char *t = scalar_text(n);
			if (f->items->len > 0)
				g_string_append(s, ", ");
			g_string_append(s, t);
			g_ptr_array_add(f->items, t);
		}
		g_string_append_c(s, ']');
		f->text = g_string_free(s, FALSE);
		if (f->kind == ISMS_VAL_MAP) {
			g_ptr_array_free(f->items, TRUE);
			f->items = NULL;
		}
	} else {
		f->kind = ISMS_VAL_MAP;
		f->text = g_strdup("{...}");
	}
	return f;
}

static void load_yaml(const char *text, size_t len, int line_offset, isms_frontmatter *fm)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root;
	isms_yaml_problem limit;

	if (isms_yaml_check_limits(text, len, &limit) < 0) {
		char *msg = g_strdup_printf("front matter %s: not read", limit.message);
		set_invalid(fm, limit.line + line_offset, msg);
		g_free(msg);
		return;
	}
	if (!yaml_parser_initialize(&parser)) {
		set_invalid(fm, line_offset, "cannot initialise the YAML parser");
		return;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &doc)) {
		char *msg = g_strdup_printf("front matter is not valid YAML: %s%s%s",
		                            parser.problem ? parser.problem : "syntax error",
		                            parser.context ? " " : "",
		                            parser.context ? parser.context : "");
		/* at the end of the input the problem lies where the construct began */
		yaml_mark_t at =
		    parser.context && parser.problem && strstr(parser.problem, "end of stream")
		        ? parser.context_mark
		        : parser.problem_mark;
		set_invalid(fm, (int)at.line + line_offset, msg);
		g_free(msg);
		yaml_parser_delete(&parser);
		return;
	}
	fm->status = ISMS_FM_PRESENT;
	fm->fields = g_ptr_array_new_with_free_func(field_free);
	root = yaml_document_get_root_node(&doc);
	if (!root) {
		/* `---` `---` with nothing between: an empty mapping */
	} else if (root->type == YAML_SCALAR_NODE && is_null_scalar(root)) {
		/* only comments */
	} else if (root->type != YAML_MAPPING_NODE) {
		set_invalid(fm, (int)root->start_mark.line + line_offset,
		            "front matter is not a mapping of keys to values");
	} else {
		/* the keys seen, once there are many: looking each one up in the
		 * list made a front matter of 60,000 keys take ten seconds */
		GHashTable *seen = NULL;
		for (yaml_node_pair_t *pair = root->data.mapping.pairs.start;
		     pair < root->data.mapping.pairs.top; pair++) {
			yaml_node_t *k = yaml_document_get_node(&doc, pair->key);
			yaml_node_t *v = yaml_document_get_node(&doc, pair->value);
			if (!k || k->type != YAML_SCALAR_NODE) {
				set_invalid(fm,
				            k ? (int)k->start_mark.line + line_offset : line_offset,
				            "a key is not a plain name");
				break;
			}
			isms_fm_field *f = make_field(&doc, k, v, line_offset);
			if (!seen && fm->fields->len >= 32) {
				seen = g_hash_table_new(g_str_hash, g_str_equal);
				for (guint i = 0; i < fm->fields->len; i++)
					g_hash_table_add(seen, ((isms_fm_field *)g_ptr_array_index(
					                            fm->fields, i))
					                           ->key);
			}
			if (seen ? g_hash_table_contains(seen, f->key)
			         : isms_frontmatter_get(fm, f->key) != NULL) {
				char *msg = isms_text_printf("duplicate key '%s'", f->key);
				set_invalid(fm, f->line, msg);
				g_free(msg);
				field_free(f);
				break;
			}
			g_ptr_array_add(fm->fields, f);
			if (seen)
				g_hash_table_add(seen, f->key);
		}
		if (seen)
			g_hash_table_destroy(seen);
	}
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
}

void isms_frontmatter_parse(const char *buf, size_t len, isms_frontmatter *fm)
{
	const char *p = buf, *end = buf + len, *next, *yaml_start;
	int line = 1;
	size_t n;

	fm->status = ISMS_FM_ABSENT;
	fm->body_offset = 0;
	fm->body_line = 1;
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	n = line_at(p, end, &next);
	if (p == end || !is_delimiter(p, n, 0))
		return;
	if (memchr(p, '\n', (size_t)(end - p)) == NULL) {
		set_invalid(fm, 1, "front matter is not closed by a '---' line");
		return;
	}
	yaml_start = next;
	p = next;
	line = 2;
	while (p < end) {
		n = line_at(p, end, &next);
		if (is_delimiter(p, n, 1)) {
			load_yaml(yaml_start, (size_t)(p - yaml_start), 2, fm);
			fm->body_offset = (size_t)(next - buf);
			fm->body_line = line + 1;
			return;
		}
		p = next;
		line++;
	}
	set_invalid(fm, 1, "front matter is not closed by a '---' line");
}

const isms_fm_field *isms_frontmatter_get(const isms_frontmatter *fm, const char *key)
{
	if (!fm->fields)
		return NULL;
	for (guint i = 0; i < fm->fields->len; i++) {
		const isms_fm_field *f = g_ptr_array_index(fm->fields, i);
		if (strcmp(f->key, key) == 0)
			return f;
	}
	return NULL;
}
