#include "isms/config.h"

#include <fnmatch.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "isms/clauses.h"
#include "isms/config_keys.h"
#include "isms/meta.h"
#include "isms/error.h"
#include "isms/markdown.h"
#include "isms/rules.h"
#include "isms/text.h"
#include "isms/yaml_limits.h"

static const char *const default_exclude[] = {
    "README.md", "CHANGELOG.md",  "CONTRIBUTING.md", "CODE_OF_CONDUCT.md",
    "LICENSE*",  ".github/",      ".gitlab/",        "vendor/",
    "vendored/", "node_modules/", "third_party/",    "bower_components/",
    NULL};

static const char *const default_approval_trailers[] = {"Approved-by", "Reviewed-by", "Acked-by",
                                                        NULL};
static const char *const default_record_types[] = {"record", "management-review", "internal-audit",
                                                   "register", NULL};

/* Clause 9.3.2 inputs, described in our own words, and the heading phrases
 * (as header keys) that show a record covers them. */
static const char *const input_names[ISMS_REVIEW_INPUTS] = {
    "status of actions from previous reviews",
    "changes in external and internal issues",
    "changes in needs and expectations of interested parties",
    "information security performance",
    "feedback from interested parties",
    "risk assessment results and risk treatment status",
    "opportunities for continual improvement",
};
static const char *const input_phrases[ISMS_REVIEW_INPUTS][8] = {
    {"status of actions", "previous management review", "previous review", "actions from previous",
     "follow up of actions", "action follow up", "previous actions", NULL},
    {"external and internal issues", "internal and external issues", "external issues",
     "internal issues", "context of the organisation", "context of the organization", NULL},
    {"needs and expectations", "requirements of interested parties", "interested parties needs",
     "interested party requirements", NULL},
    {"performance", "nonconformities and corrective actions", "monitoring and measurement",
     "audit results", "fulfilment of objectives", "fulfillment of objectives", NULL},
    {"feedback from interested parties", "interested parties feedback", "interested party feedback",
     "customer feedback", "complaints", NULL},
    {"risk assessment", "risk treatment", "risks and opportunities", NULL},
    {"continual improvement", "opportunities for improvement", "improvement opportunities",
     "continuous improvement", NULL},
};

const char *isms_review_input_name(int i)
{
	return i >= 0 && i < ISMS_REVIEW_INPUTS ? input_names[i] : "";
}

static void setting_free(gpointer p)
{
	isms_rule_setting *r = p;

	g_ptr_array_free(r->exclude, TRUE);
	g_free(r);
}

static void waiver_free(gpointer p)
{
	isms_waiver *w = p;

	g_free(w->rule);
	g_free(w->path);
	g_free(w->item);
	g_free(w->reason);
	g_free(w->approved_by);
	g_free(w);
}

static void mapping_free(gpointer p)
{
	isms_path_mapping *m = p;

	g_free(m->pattern);
	g_ptr_array_free(m->values, TRUE);
	g_free(m);
}

static GPtrArray *strv_array(const char *const *v)
{
	GPtrArray *a = g_ptr_array_new_with_free_func(g_free);

	for (; v && *v; v++)
		g_ptr_array_add(a, g_strdup(*v));
	return a;
}

static void free_array(gpointer p)
{
	g_ptr_array_free(p, TRUE);
}

/* Whether a row's value is one scalar (its default is read from its text). */
static int is_scalar(const isms_config_key *k)
{
	return k->type == ISMS_CONFIG_INT || k->type == ISMS_CONFIG_SIZE ||
	       k->type == ISMS_CONFIG_RATIO || k->type == ISMS_CONFIG_SEVERITY;
}

/*
 * Store the scalar `text` in the field of row `k` if it is a value of the
 * row's type within its bounds. Returns 0, or -1 leaving the field as it
 * was.
 */
static int set_scalar(isms_config *cfg, const isms_config_key *k, const char *text)
{
	char *at = (char *)cfg + k->offset, *end;
	long n;
	double d;

	switch (k->type) {
	case ISMS_CONFIG_INT:
	case ISMS_CONFIG_SIZE:
		n = strtol(text, &end, 10);
		if (end == text || *end != '\0' || n < k->min || n > k->max)
			return -1;
		if (k->type == ISMS_CONFIG_INT)
			*(int *)at = (int)n;
		else
			*(size_t *)at = (size_t)n;
		return 0;
	case ISMS_CONFIG_RATIO:
		d = g_ascii_strtod(text, &end);
		if (end == text || *end != '\0' || !(d > 0.0 && d <= 1.0))
			return -1;
		*(double *)at = d;
		return 0;
	case ISMS_CONFIG_SEVERITY: return isms_severity_parse(text, 1, (isms_severity *)at);
	default: return -1;
	}
}

void isms_config_init(isms_config *cfg)
{
	static const char *const req_default[] = {"owner", "version", "review", NULL};
	static const char *const req_record[] = {"owner", "date", NULL};
	static const char *const req_register[] = {"owner", NULL};

	memset(cfg, 0, sizeof(*cfg));
	isms_risk_dialect_init(&cfg->risk); /* its scale is a scalar of the table */
	/* the default of a scalar is the one documented: read from its row, so
	 * that it is written once (the tests load every row's default) */
	for (size_t i = 0; i < isms_config_keys_count; i++)
		if (is_scalar(&isms_config_keys[i]))
			set_scalar(cfg, &isms_config_keys[i], isms_config_keys[i].default_text);
	cfg->paths = g_ptr_array_new_with_free_func(g_free);
	cfg->exclude = strv_array(default_exclude);
	cfg->default_cycle = (isms_duration){12, 0};
	cfg->cycles = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	isms_meta_dialect_init(&cfg->fields);
	cfg->required = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_array);
	g_hash_table_insert(cfg->required, g_strdup("default"), strv_array(req_default));
	for (const char *const *t = default_record_types; *t; t++)
		g_hash_table_insert(
		    cfg->required, g_strdup(*t),
		    strv_array(strcmp(*t, "register") == 0 ? req_register : req_record));
	cfg->record_types = strv_array(default_record_types);
	cfg->types = g_ptr_array_new_with_free_func(mapping_free);
	cfg->registers = g_ptr_array_new_with_free_func(g_free);
	isms_register_dialect_init(&cfg->dialect);
	cfg->mandatory = strv_array(isms_mandatory_clauses);
	cfg->clause_map = g_ptr_array_new_with_free_func(mapping_free);
	cfg->soa = g_ptr_array_new_with_free_func(g_free);
	cfg->risk_registers = g_ptr_array_new_with_free_func(g_free);
	for (int i = 0; i < ISMS_REVIEW_INPUTS; i++)
		cfg->review_inputs[i] = strv_array(input_phrases[i]);
	cfg->people = g_ptr_array_new_with_free_func(isms_person_entry_free);
	cfg->approval_trailers = strv_array(default_approval_trailers);
	cfg->rule_settings = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, setting_free);
	cfg->waivers = g_ptr_array_new_with_free_func(waiver_free);
	cfg->lines = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
}

void isms_config_dispose(isms_config *cfg)
{
	if (!cfg || !cfg->paths)
		return;
	g_ptr_array_free(cfg->paths, TRUE);
	g_ptr_array_free(cfg->exclude, TRUE);
	g_hash_table_destroy(cfg->cycles);
	isms_meta_dialect_dispose(&cfg->fields);
	g_hash_table_destroy(cfg->required);
	g_ptr_array_free(cfg->record_types, TRUE);
	g_ptr_array_free(cfg->types, TRUE);
	g_ptr_array_free(cfg->registers, TRUE);
	isms_register_dialect_dispose(&cfg->dialect);
	g_ptr_array_free(cfg->mandatory, TRUE);
	g_ptr_array_free(cfg->clause_map, TRUE);
	g_ptr_array_free(cfg->soa, TRUE);
	g_ptr_array_free(cfg->risk_registers, TRUE);
	isms_risk_dialect_dispose(&cfg->risk);
	for (int i = 0; i < ISMS_REVIEW_INPUTS; i++)
		g_ptr_array_free(cfg->review_inputs[i], TRUE);
	g_ptr_array_free(cfg->people, TRUE);
	g_ptr_array_free(cfg->approval_trailers, TRUE);
	g_hash_table_destroy(cfg->rule_settings);
	g_ptr_array_free(cfg->waivers, TRUE);
	g_free(cfg->source);
	g_hash_table_destroy(cfg->lines);
	memset(cfg, 0, sizeof(*cfg));
}

/* ---- loading ---------------------------------------------------------- */

/* A required field to check once the whole file is read (`fields:` may
 * come after `required_fields:`). */
typedef struct {
	char *field;
	yaml_node_t *node;
} pending_field;

struct isms_config_loader {
	yaml_document_t *doc;
	const char *name;
	GArray *required; /* pending_field */
};
typedef isms_config_loader loader; /* its short name in this file */

static int fail(const loader *ld, yaml_node_t *node, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

static int fail(const loader *ld, yaml_node_t *node, const char *fmt, ...)
{
	GString *msg = g_string_new(NULL);
	va_list ap;
	int rc;

	va_start(ap, fmt);
	isms_text_vappendf(msg, fmt, ap); /* values quoted from the file: cut */
	va_end(ap);
	rc = isms_error_set(ISMS_EUSAGE, "%s:%d: %s", ld->name,
	                    node ? (int)node->start_mark.line + 1 : 1, msg->str);
	g_string_free(msg, TRUE);
	return rc;
}

/* "id, raised, ...": the names of the column table, so that a message
 * lists the columns there are. Caller frees. */
static char *column_names(void)
{
	GString *s = g_string_new(NULL);

	for (int c = 0; c < ISMS_COL_COUNT; c++)
		g_string_append_printf(s, "%s%s", c ? ", " : "", isms_column_name((isms_column)c));
	return g_string_free(s, FALSE);
}

static const char *scalar(yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

/* A list of strings; a single string is a list of one. */
static int get_strings(const loader *ld, yaml_node_t *n, const char *key, GPtrArray *out)
{
	if (n->type == YAML_SCALAR_NODE) {
		g_ptr_array_add(out, g_strdup(scalar(n)));
		return 0;
	}
	if (n->type != YAML_SEQUENCE_NODE)
		return fail(ld, n, "'%s' must be a list of strings", key);
	for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
	     it++) {
		yaml_node_t *item = yaml_document_get_node(ld->doc, *it);
		if (!item || item->type != YAML_SCALAR_NODE)
			return fail(ld, item ? item : n, "'%s' must be a list of strings", key);
		g_ptr_array_add(out, g_strdup(scalar(item)));
	}
	return 0;
}

static int get_cycle(const loader *ld, yaml_node_t *n, isms_duration *out)
{
	if (n->type != YAML_SCALAR_NODE ||
	    isms_duration_parse(scalar(n), n->data.scalar.length, out) < 0)
		return fail(ld, n, "'%s' is not a review cycle (such as '12 months' or 'P1Y')",
		            n->type == YAML_SCALAR_NODE ? scalar(n) : "value");
	return 0;
}

int isms_config_load_cycles(isms_config *cfg, const loader *ld, yaml_node_t *map)
{
	if (map->type != YAML_MAPPING_NODE)
		return fail(ld, map, "'%s' must map document types to cycles", "review_cycles");
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = yaml_document_get_node(ld->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(ld->doc, p->value);
		isms_duration d;
		int rc;
		if (k->type != YAML_SCALAR_NODE)
			return fail(ld, k, "'%s' keys must be document types", "review_cycles");
		if ((rc = get_cycle(ld, v, &d)) < 0)
			return rc;
		if (strcmp(scalar(k), "default") == 0)
			cfg->default_cycle = d;
		else
			g_hash_table_insert(cfg->cycles, g_strdup(scalar(k)),
			                    g_memdup2(&d, sizeof(d)));
	}
	return 0;
}

int isms_config_load_required(isms_config *cfg, const loader *ld, yaml_node_t *map)
{
	if (map->type != YAML_MAPPING_NODE)
		return fail(ld, map, "'%s' must map document types to lists of fields",
		            "required_fields");
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = yaml_document_get_node(ld->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(ld->doc, p->value);
		GPtrArray *fields = g_ptr_array_new_with_free_func(g_free);
		int rc;
		if (k->type != YAML_SCALAR_NODE) {
			g_ptr_array_free(fields, TRUE);
			return fail(ld, k, "'%s' keys must be document types", "required_fields");
		}
		if (v->type == YAML_SCALAR_NODE && v->data.scalar.length == 0)
			rc = 0; /* `type:` alone: nothing required */
		else
			rc = get_strings(ld, v, "required_fields", fields);
		/* a custom field of `fields:` is known only once the file is read */
		for (guint i = 0; rc == 0 && i < fields->len; i++) {
			pending_field pf = {g_strdup(g_ptr_array_index(fields, i)), v};
			g_array_append_val(ld->required, pf);
		}
		if (rc < 0) {
			g_ptr_array_free(fields, TRUE);
			return rc;
		}
		g_hash_table_insert(cfg->required, g_strdup(scalar(k)), fields);
	}
	return 0;
}

/* The required fields, checked against the fields the file ends with. */
static int check_required(isms_config *cfg, const loader *ld)
{
	for (guint i = 0; i < ld->required->len; i++) {
		const pending_field *p = &g_array_index(ld->required, pending_field, i);
		if (strcmp(p->field, "review") != 0 &&
		    isms_meta_dialect_lookup(&cfg->fields, p->field) < 0)
			return fail(ld, p->node, "unknown field '%s' in required_fields", p->field);
	}
	return 0;
}

/* `fields: {next_review: [Next Review], data_owner: [Data Owner]}`: aliases
 * of fields, and custom fields. */
int isms_config_load_fields(isms_config *cfg, const loader *ld, yaml_node_t *map)
{
	if (map->type != YAML_MAPPING_NODE)
		return fail(ld, map, "'%s' must map field names to lists of aliases", "fields");
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = yaml_document_get_node(ld->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(ld->doc, p->value);
		GPtrArray *aliases = g_ptr_array_new_with_free_func(g_free);
		const char *clash = NULL;
		int rc = 0;
		if (k->type != YAML_SCALAR_NODE)
			rc = fail(ld, k, "'%s' keys must be field names", "fields");
		else if (!(v->type == YAML_SCALAR_NODE && v->data.scalar.length == 0))
			rc = get_strings(ld, v, "fields", aliases);
		if (rc == 0 && isms_meta_dialect_add(&cfg->fields, scalar(k), aliases, &clash) < 0)
			rc = clash == scalar(k)
			         ? fail(ld, k,
			                "'%s' cannot name a field ('review' is the review date of "
			                "required_fields)",
			                scalar(k))
			         : fail(ld, v,
			                "'%s' cannot be an alias of %s: it is empty, 'review', or "
			                "names "
			                "another field",
			                clash, scalar(k));
		g_ptr_array_free(aliases, TRUE);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* `register_columns: {owner: [Owner, Lead]}` and `status_words: {open: [...]}`:
 * each listed column or state gets exactly the words given. */
static int load_words(isms_config *cfg, const loader *ld, const char *key, yaml_node_t *map)
{
	int columns = strcmp(key, "register_columns") == 0;

	if (map->type != YAML_MAPPING_NODE)
		return fail(ld, map,
		            columns ? "'%s' must map column names to lists of header words"
		                    : "'%s' must map states (open, closed, accepted, withdrawn) to "
		                      "lists of status words",
		            key);
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = yaml_document_get_node(ld->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(ld->doc, p->value);
		GPtrArray *words = g_ptr_array_new_with_free_func(g_free);
		const char *clash = NULL;
		int rc = k->type == YAML_SCALAR_NODE ? get_strings(ld, v, key, words)
		                                     : fail(ld, k, "'%s' keys must be names", key);
		if (rc == 0 && columns) {
			int c = isms_column_lookup(scalar(k));
			if (c < 0) {
				char *names = column_names();
				rc = fail(ld, k, "unknown register column '%s' (%s)", scalar(k),
				          names);
				g_free(names);
			} else if (isms_register_dialect_set_columns(&cfg->dialect, (isms_column)c,
			                                             words) < 0)
				rc = fail(ld, v, "'%s' needs at least one header word", scalar(k));
		} else if (rc == 0) {
			isms_item_state st = isms_state_lookup(scalar(k));
			if (st == ISMS_STATE_UNKNOWN)
				rc = fail(ld, k,
				          "unknown state '%s' (open, closed, accepted, withdrawn)",
				          scalar(k));
			else if (isms_register_dialect_set_status(&cfg->dialect, st, words,
			                                          &clash) < 0)
				rc = clash
				         ? fail(ld, v,
				                "status word '%s' already belongs to another state",
				                clash)
				         : fail(ld, v, "'%s' needs at least one status word",
				                scalar(k));
		}
		g_ptr_array_free(words, TRUE);
		if (rc < 0)
			return rc;
	}
	return 0;
}

int isms_config_load_columns(isms_config *cfg, const loader *ld, yaml_node_t *map)
{
	return load_words(cfg, ld, "register_columns", map);
}

int isms_config_load_status(isms_config *cfg, const loader *ld, yaml_node_t *map)
{
	return load_words(cfg, ld, "status_words", map);
}

/* `date_order: dmy` (or mdy, none): how register dates such as 03/04/2025
 * read. */
int isms_config_load_date_order(isms_config *cfg, const loader *ld, yaml_node_t *v)
{
	static const struct {
		const char *name;
		isms_date_order order;
	} orders[] = {{"dmy", ISMS_DATE_ORDER_DMY},
	              {"mdy", ISMS_DATE_ORDER_MDY},
	              {"none", ISMS_DATE_ORDER_NONE}};

	for (size_t i = 0; v->type == YAML_SCALAR_NODE && i < G_N_ELEMENTS(orders); i++)
		if (g_ascii_strcasecmp(scalar(v), orders[i].name) == 0) {
			cfg->dialect.date_order = orders[i].order;
			cfg->fields.date_order = orders[i].order; /* dates in document bodies */
			cfg->risk.date_order = orders[i].order;   /* and in risk registers */
			return 0;
		}
	return fail(ld, v, "'%s' must be dmy (day first), mdy (month first) or none", "date_order");
}

/* `risk_columns: {owner: [Owner, Risk lead]}`: each listed column gets
 * exactly the words given. */
int isms_config_load_risk_columns(isms_config *cfg, const loader *ld, yaml_node_t *map)
{
	if (map->type != YAML_MAPPING_NODE)
		return fail(ld, map, "'%s' must map column names to lists of header words",
		            "risk_columns");
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = yaml_document_get_node(ld->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(ld->doc, p->value);
		GPtrArray *words = g_ptr_array_new_with_free_func(g_free);
		int c = k->type == YAML_SCALAR_NODE ? isms_risk_column_lookup(scalar(k)) : -1;
		int rc = k->type == YAML_SCALAR_NODE
		             ? get_strings(ld, v, "risk_columns", words)
		             : fail(ld, k, "'%s' keys must be names", "risk_columns");
		if (rc == 0 && c < 0) {
			GString *names = g_string_new(NULL);
			for (int i = 0; i < ISMS_RISK_COL_COUNT; i++)
				g_string_append_printf(names, "%s%s", i ? ", " : "",
				                       isms_risk_column_name((isms_risk_column)i));
			rc = fail(ld, k, "unknown risk column '%s' (%s)", scalar(k), names->str);
			g_string_free(names, TRUE);
		} else if (rc == 0 && isms_risk_dialect_set_columns(&cfg->risk, (isms_risk_column)c,
		                                                    words) < 0) {
			rc = fail(ld, v, "'%s' needs at least one header word", scalar(k));
		}
		g_ptr_array_free(words, TRUE);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* `risk_treatment_threshold: high`: a level word. */
int isms_config_load_risk_threshold(isms_config *cfg, const loader *ld, yaml_node_t *v)
{
	isms_risk_level l =
	    v->type == YAML_SCALAR_NODE ? isms_risk_level_lookup(scalar(v)) : ISMS_RISK_LEVEL_NONE;

	if (l == ISMS_RISK_LEVEL_NONE)
		return fail(ld, v, "'%s' must be a risk level: low, medium, high or critical",
		            "risk_treatment_threshold");
	cfg->risk.threshold = l;
	return 0;
}

/* A list that replaces the built-in one. */
static int replace_strings(const loader *ld, yaml_node_t *v, const char *key, GPtrArray *out,
                           int header_keys)
{
	GPtrArray *words = g_ptr_array_new_with_free_func(g_free);
	int rc = get_strings(ld, v, key, words);

	if (rc == 0) {
		g_ptr_array_set_size(out, 0);
		for (guint i = 0; i < words->len; i++) {
			const char *w = g_ptr_array_index(words, i);
			g_ptr_array_add(out, header_keys ? isms_md_header_key(w) : g_strdup(w));
		}
	}
	g_ptr_array_free(words, TRUE);
	return rc;
}

/* `mandatory_clauses: ["4.3", "6.1.3 d", ...]` replaces the list. */
int isms_config_load_mandatory(isms_config *cfg, const loader *ld, yaml_node_t *v)
{
	GPtrArray *words = g_ptr_array_new_with_free_func(g_free);
	int rc = get_strings(ld, v, "mandatory_clauses", words);

	if (rc == 0)
		g_ptr_array_set_size(cfg->mandatory, 0);
	for (guint i = 0; rc == 0 && i < words->len; i++) {
		char *c = isms_clause_normalize(g_ptr_array_index(words, i));
		if (!c)
			rc = fail(ld, v, "'%s' is not a clause number (such as '6.1.3 d')",
			          (const char *)g_ptr_array_index(words, i));
		else
			g_ptr_array_add(cfg->mandatory, c);
	}
	g_ptr_array_free(words, TRUE);
	return rc;
}

/* A new entry of `to` for the pattern node `k`, its values to come. */
static isms_path_mapping *add_mapping(GPtrArray *to, yaml_node_t *k)
{
	isms_path_mapping *m = g_new0(isms_path_mapping, 1);

	m->pattern = g_strdup(scalar(k));
	m->values = g_ptr_array_new_with_free_func(g_free);
	m->line = (int)k->start_mark.line + 1;
	g_ptr_array_add(to, m);
	return m;
}

/* `types: {"docs/adr/": record}`: the type of documents that give none. */
int isms_config_load_types(isms_config *cfg, const loader *ld, yaml_node_t *map)
{
	if (map->type != YAML_MAPPING_NODE)
		return fail(ld, map, "'%s' must map paths or globs to document types", "types");
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = yaml_document_get_node(ld->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(ld->doc, p->value);
		char *type;
		if (k->type != YAML_SCALAR_NODE || k->data.scalar.length == 0)
			return fail(ld, k, "'%s' keys must be paths or globs", "types");
		type = v->type == YAML_SCALAR_NODE ? g_strstrip(g_strdup(scalar(v))) : NULL;
		if (!type || !*type || isms_is_placeholder(type)) {
			g_free(type);
			return fail(ld, v,
			            "the type of '%s' must be a document type (such as record)",
			            scalar(k));
		}
		g_ptr_array_add(add_mapping(cfg->types, k)->values, type);
	}
	return 0;
}

/* `clauses: {"policies/risk-*.md": ["6.1.2"]}`: clauses the documents
 * matching a pattern declare, spelt as front matter spells them. */
int isms_config_load_clause_map(isms_config *cfg, const loader *ld, yaml_node_t *map)
{
	if (map->type != YAML_MAPPING_NODE)
		return fail(ld, map, "'%s' must map paths or globs to lists of clauses", "clauses");
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = yaml_document_get_node(ld->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(ld->doc, p->value);
		GPtrArray *words;
		isms_path_mapping *m;
		int rc;
		if (k->type != YAML_SCALAR_NODE || k->data.scalar.length == 0)
			return fail(ld, k, "'%s' keys must be paths or globs", "clauses");
		words = g_ptr_array_new_with_free_func(g_free);
		rc = get_strings(ld, v, "clauses", words);
		m = rc == 0 ? add_mapping(cfg->clause_map, k) : NULL;
		for (guint i = 0; rc == 0 && i < words->len; i++) {
			char *c = isms_clause_normalize(g_ptr_array_index(words, i));
			if (!c)
				rc = fail(ld, v, "'%s' is not a clause number (such as '6.1.3 d')",
				          (const char *)g_ptr_array_index(words, i));
			else
				g_ptr_array_add(m->values, c);
		}
		g_ptr_array_free(words, TRUE);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* `review_inputs: {a: [phrases], ...}` adds heading phrases to inputs. */
int isms_config_load_inputs(isms_config *cfg, const loader *ld, yaml_node_t *map)
{
	if (map->type != YAML_MAPPING_NODE)
		return fail(ld, map, "'%s' must map inputs (a to g) to lists of heading phrases",
		            "review_inputs");
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = yaml_document_get_node(ld->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(ld->doc, p->value);
		const char *name = k->type == YAML_SCALAR_NODE ? scalar(k) : "";
		GPtrArray *words;
		int rc;
		if (strlen(name) != 1 || g_ascii_tolower(name[0]) < 'a' ||
		    g_ascii_tolower(name[0]) > 'g')
			return fail(ld, k, "unknown management review input '%s' (a to g)", name);
		words = g_ptr_array_new_with_free_func(g_free);
		if ((rc = get_strings(ld, v, "review_inputs", words)) == 0) {
			GPtrArray *to = cfg->review_inputs[g_ascii_tolower(name[0]) - 'a'];
			for (guint i = 0; i < words->len; i++) {
				char *key = isms_md_header_key(g_ptr_array_index(words, i));
				if (*key)
					g_ptr_array_add(to, key);
				else
					g_free(key);
			}
		}
		g_ptr_array_free(words, TRUE);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* A severity name or `off`. */
static int get_severity(const loader *ld, yaml_node_t *v, const char *rule, isms_rule_setting *out)
{
	if (v->type == YAML_SCALAR_NODE && strcmp(scalar(v), "off") == 0) {
		out->off = 1;
		return 0;
	}
	if (v->type != YAML_SCALAR_NODE || isms_severity_parse(scalar(v), 0, &out->severity) < 0)
		return fail(ld, v, "the severity of %s must be major, minor, observation or off",
		            rule);
	out->has_severity = 1;
	return 0;
}

/* `rules: {RULE: off | SEVERITY | {severity: S, exclude: [globs]}}` */
int isms_config_load_rules(isms_config *cfg, const loader *ld, yaml_node_t *map)
{
	if (map->type != YAML_MAPPING_NODE)
		return fail(ld, map, "'%s' must map rule ids to a severity, 'off' or settings",
		            "rules");
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = yaml_document_get_node(ld->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(ld->doc, p->value);
		const isms_rule *rule =
		    k->type == YAML_SCALAR_NODE ? isms_rule_find(scalar(k)) : NULL;
		isms_rule_setting *set;
		int rc = 0;
		if (!rule) {
			const char *word = k->type == YAML_SCALAR_NODE ? scalar(k) : "";
			char *hint = isms_rule_suggestion(word);
			rc =
			    fail(ld, k, "unknown rule '%s'%s (see 'isms-audit rules')", word, hint);
			g_free(hint);
			return rc;
		}
		set = g_new0(isms_rule_setting, 1);
		set->exclude = g_ptr_array_new_with_free_func(g_free);
		set->line = (int)k->start_mark.line + 1;
		if (v->type != YAML_MAPPING_NODE) {
			rc = get_severity(ld, v, rule->id, set);
		} else {
			for (yaml_node_pair_t *q = v->data.mapping.pairs.start;
			     rc == 0 && q < v->data.mapping.pairs.top; q++) {
				yaml_node_t *qk = yaml_document_get_node(ld->doc, q->key);
				yaml_node_t *qv = yaml_document_get_node(ld->doc, q->value);
				const char *name = qk->type == YAML_SCALAR_NODE ? scalar(qk) : "";
				if (strcmp(name, "severity") == 0)
					rc = get_severity(ld, qv, rule->id, set);
				else if (strcmp(name, "exclude") == 0)
					rc = get_strings(ld, qv, "exclude", set->exclude);
				else
					rc = fail(ld, qk,
					          "unknown rule setting '%s' (severity, exclude)",
					          name);
			}
		}
		if (rc < 0) {
			setting_free(set);
			return rc;
		}
		g_hash_table_replace(cfg->rule_settings, g_strdup(rule->id), set);
	}
	return 0;
}

/* A waiver's text value: present, a string, not a placeholder. */
static int waiver_text(const loader *ld, yaml_node_t *v, const char *key, char **out)
{
	if (v->type != YAML_SCALAR_NODE)
		return fail(ld, v, "the waiver's '%s' must be text", key);
	g_free(*out);
	*out = g_strstrip(g_strdup(scalar(v)));
	return 0;
}

/* `waivers: [{rule, path, item, reason, approved_by, expires}]`: accepted
 * risk needs a reason, an approver and an end. */
int isms_config_load_waivers(isms_config *cfg, const loader *ld, yaml_node_t *seq)
{
	if (seq->type != YAML_SEQUENCE_NODE)
		return fail(ld, seq, "'%s' must be a list of waivers", "waivers");
	for (yaml_node_item_t *it = seq->data.sequence.items.start;
	     it < seq->data.sequence.items.top; it++) {
		yaml_node_t *w = yaml_document_get_node(ld->doc, *it);
		isms_waiver *wv;
		char *expires = NULL;
		int rc = 0;
		if (!w || w->type != YAML_MAPPING_NODE)
			return fail(ld, w ? w : seq, "%s",
			            "a waiver must be a mapping with rule, path or item, reason, "
			            "approved_by and expires");
		wv = g_new0(isms_waiver, 1);
		wv->line = (int)w->start_mark.line + 1;
		for (yaml_node_pair_t *p = w->data.mapping.pairs.start;
		     rc == 0 && p < w->data.mapping.pairs.top; p++) {
			yaml_node_t *k = yaml_document_get_node(ld->doc, p->key);
			yaml_node_t *v = yaml_document_get_node(ld->doc, p->value);
			const char *name = k->type == YAML_SCALAR_NODE ? scalar(k) : "";
			if (strcmp(name, "rule") == 0)
				rc = waiver_text(ld, v, name, &wv->rule);
			else if (strcmp(name, "path") == 0)
				rc = waiver_text(ld, v, name, &wv->path);
			else if (strcmp(name, "item") == 0)
				rc = waiver_text(ld, v, name, &wv->item);
			else if (strcmp(name, "reason") == 0)
				rc = waiver_text(ld, v, name, &wv->reason);
			else if (strcmp(name, "approved_by") == 0)
				rc = waiver_text(ld, v, name, &wv->approved_by);
			else if (strcmp(name, "expires") == 0)
				rc = waiver_text(ld, v, name, &expires);
			else
				rc = fail(ld, k,
				          "unknown waiver key '%s' (rule, path, item, reason, "
				          "approved_by, "
				          "expires)",
				          name);
		}
		if (rc == 0) {
			const isms_rule *rule = wv->rule ? isms_rule_find(wv->rule) : NULL;
			yaml_node_t *at = w;
			if (!wv->rule)
				rc = fail(ld, at, "%s", "a waiver needs 'rule'");
			else if (!rule)
				rc = fail(ld, at, "the waiver names unknown rule '%s'", wv->rule);
			else if (rule->flags & ISMS_RULE_UNWAIVABLE)
				rc =
				    fail(ld, at, "%s cannot be waived: renew the waiver", rule->id);
			else if (!wv->path && !wv->item)
				rc = fail(ld, at, "the waiver of %s needs 'path' or 'item'",
				          rule->id);
			else if (!wv->reason || !*wv->reason || isms_is_placeholder(wv->reason))
				rc = fail(ld, at, "the waiver of %s has no reason", rule->id);
			else if (!wv->approved_by || !*wv->approved_by ||
			         isms_is_placeholder(wv->approved_by))
				rc =
				    fail(ld, at, "the waiver of %s has no approver ('approved_by')",
				         rule->id);
			else if (!expires)
				rc = fail(ld, at, "the waiver of %s has no expiry date ('expires')",
				          rule->id);
			else if (strlen(expires) != 10 ||
			         isms_date_parse(expires, strlen(expires), &wv->expires) < 0)
				rc = fail(ld, at,
				          "the waiver's expiry '%s' is not a date (YYYY-MM-DD)",
				          expires);
			if (rule) {
				g_free(wv->rule);
				wv->rule = g_strdup(rule->id);
			}
		}
		g_free(expires);
		if (rc < 0) {
			waiver_free(wv);
			return rc;
		}
		g_ptr_array_add(cfg->waivers, wv);
	}
	return 0;
}

/* `people: [{name, emails, aliases, roles}]`: identities joined into one
 * person, and the roles a document's approver may name. */
int isms_config_load_people(isms_config *cfg, const loader *ld, yaml_node_t *seq)
{
	if (seq->type != YAML_SEQUENCE_NODE)
		return fail(ld, seq, "'%s' must be a list of people", "people");
	for (yaml_node_item_t *it = seq->data.sequence.items.start;
	     it < seq->data.sequence.items.top; it++) {
		yaml_node_t *m = yaml_document_get_node(ld->doc, *it);
		isms_person_entry *e;
		int rc = 0;
		if (!m || m->type != YAML_MAPPING_NODE)
			return fail(ld, m ? m : seq, "%s",
			            "a person must be a mapping with name and optional emails, "
			            "aliases and roles");
		e = g_new0(isms_person_entry, 1);
		e->line = (int)m->start_mark.line + 1;
		e->emails = g_ptr_array_new_with_free_func(g_free);
		e->aliases = g_ptr_array_new_with_free_func(g_free);
		e->roles = g_ptr_array_new_with_free_func(g_free);
		for (yaml_node_pair_t *p = m->data.mapping.pairs.start;
		     rc == 0 && p < m->data.mapping.pairs.top; p++) {
			yaml_node_t *k = yaml_document_get_node(ld->doc, p->key);
			yaml_node_t *v = yaml_document_get_node(ld->doc, p->value);
			const char *name = k->type == YAML_SCALAR_NODE ? scalar(k) : "";
			if (strcmp(name, "name") == 0) {
				char *text = v->type == YAML_SCALAR_NODE
				                 ? g_strstrip(g_strdup(scalar(v)))
				                 : NULL;
				if (!text || !*text)
					rc = fail(ld, v, "%s", "a person's 'name' must be text");
				g_free(e->name);
				e->name = text && *text ? text : NULL;
				if (!e->name)
					g_free(text);
			} else if (strcmp(name, "emails") == 0 || strcmp(name, "email") == 0) {
				rc = get_strings(ld, v, name, e->emails);
			} else if (strcmp(name, "aliases") == 0) {
				rc = get_strings(ld, v, name, e->aliases);
			} else if (strcmp(name, "roles") == 0) {
				rc = get_strings(ld, v, name, e->roles);
			} else {
				rc = fail(
				    ld, k,
				    "unknown key '%s' of a person (name, emails, aliases, roles)",
				    name);
			}
		}
		if (rc == 0 && !e->name)
			rc = fail(ld, m, "%s", "a person needs 'name'");
		if (rc < 0) {
			isms_person_entry_free(e);
			return rc;
		}
		g_ptr_array_add(cfg->people, e);
	}
	return 0;
}

/* `approval_since: YYYY-MM-DD`: the day from which changes are held to
 * approval. */
int isms_config_load_approval_since(isms_config *cfg, const loader *ld, yaml_node_t *v)
{
	const char *text = v->type == YAML_SCALAR_NODE ? scalar(v) : "";
	size_t len = strlen(text);

	if (v->type != YAML_SCALAR_NODE || len != 10 ||
	    isms_date_parse(text, len, &cfg->approval_since) < 0)
		return fail(ld, v, "'%s' must be a date (YYYY-MM-DD)", "approval_since");
	cfg->has_approval_since = 1;
	return 0;
}

/* The messages of a scalar type: the value is no scalar / is out of bounds
 * (a whole number's message names its row's bounds: load_value). */
static const struct {
	const char *not_scalar, *bad;
} scalar_messages[] = {
    [ISMS_CONFIG_INT] = {"'%s' must be a whole number", NULL},
    [ISMS_CONFIG_SIZE] = {"'%s' must be a whole number", NULL},
    [ISMS_CONFIG_RATIO] = {"'%s' must be a number between 0 and 1",
                           "'%s' must be a number above 0 and at most 1"},
    [ISMS_CONFIG_SEVERITY] = {"'%s' must be major, minor, observation or never",
                              "'%s' must be major, minor, observation or never"},
};

/* The list a row of a list type stores its strings in. */
static GPtrArray *list_of(isms_config *cfg, const isms_config_key *k)
{
	return *(GPtrArray **)((char *)cfg + k->offset);
}

/* The value `v` of the key of row `k`, stored where the row says. */
static int load_value(isms_config *cfg, const loader *ld, const isms_config_key *k, yaml_node_t *v)
{
	switch (k->type) {
	case ISMS_CONFIG_INT:
	case ISMS_CONFIG_SIZE:
	case ISMS_CONFIG_RATIO:
	case ISMS_CONFIG_SEVERITY:
		if (v->type != YAML_SCALAR_NODE)
			return fail(ld, v, scalar_messages[k->type].not_scalar, k->key);
		if (set_scalar(cfg, k, scalar(v)) < 0)
			return k->type == ISMS_CONFIG_INT || k->type == ISMS_CONFIG_SIZE
			           ? fail(ld, v, "'%s' must be a whole number from %ld to %ld",
			                  k->key, k->min, k->max)
			           : fail(ld, v, scalar_messages[k->type].bad, k->key);
		return 0;
	case ISMS_CONFIG_LIST: return get_strings(ld, v, k->key, list_of(cfg, k));
	case ISMS_CONFIG_REPLACE: return replace_strings(ld, v, k->key, list_of(cfg, k), 0);
	case ISMS_CONFIG_PHRASES: return replace_strings(ld, v, k->key, list_of(cfg, k), 1);
	case ISMS_CONFIG_CUSTOM: return k->load(cfg, ld, v);
	}
	return isms_error_set(ISMS_ERROR, "config: key '%s' has no type", k->key);
}

static void set_line(isms_config *cfg, char *path, const yaml_node_t *key)
{
	g_hash_table_replace(cfg->lines, path, GINT_TO_POINTER((int)key->start_mark.line + 1));
}

/* The lines of a key and of the keys of its mapping, for messages about
 * the file's values (CONFIG-WEAKENED). */
static void note_lines(isms_config *cfg, const loader *ld, yaml_node_t *k, yaml_node_t *v)
{
	set_line(cfg, g_strdup(scalar(k)), k);
	if (v->type != YAML_MAPPING_NODE)
		return;
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *sub = yaml_document_get_node(ld->doc, p->key);
		if (sub && sub->type == YAML_SCALAR_NODE)
			set_line(cfg, g_strconcat(scalar(k), ".", scalar(sub), NULL), sub);
	}
}

int isms_config_line(const isms_config *cfg, const char *key)
{
	char *path = g_strdup(key), *dot;
	int line;

	while (!(line = GPOINTER_TO_INT(g_hash_table_lookup(cfg->lines, path))) &&
	       (dot = strrchr(path, '.')) != NULL)
		*dot = '\0';
	g_free(path);
	return line;
}

static int load_key(isms_config *cfg, const loader *ld, const char *key, yaml_node_t *v)
{
	const isms_config_key *k = isms_config_key_find(key);

	char *hint;
	int rc;

	if (k)
		return load_value(cfg, ld, k, v);
	hint = isms_config_key_suggestion(key);
	rc = fail(ld, v, "unknown key '%s'%s", key, hint);
	g_free(hint);
	return rc;
}

int isms_config_load(isms_config *cfg, const char *name, const char *buf, size_t len)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root;
	loader ld = {&doc, name, NULL};
	isms_yaml_problem limit;
	int rc = 0;

	if (memchr(buf, '\0', len))
		return isms_error_set(ISMS_EUSAGE, "%s: not a text file", name);
	if (isms_yaml_check_limits(buf, len, &limit) < 0)
		return isms_error_set(ISMS_EUSAGE, "%s:%d: the configuration %s: not read", name,
		                      limit.line + 1, limit.message);
	if (!yaml_parser_initialize(&parser))
		return isms_error_set(ISMS_ERROR, "%s: cannot initialise the YAML parser", name);
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	if (!yaml_parser_load(&parser, &doc)) {
		rc = isms_error_set(ISMS_EUSAGE, "%s:%d: invalid YAML: %s", name,
		                    (int)parser.problem_mark.line + 1,
		                    parser.problem ? parser.problem : "syntax error");
		yaml_parser_delete(&parser);
		return rc;
	}
	ld.required = g_array_new(FALSE, FALSE, sizeof(pending_field));
	root = yaml_document_get_root_node(&doc);
	if (root && !(root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0)) {
		if (root->type != YAML_MAPPING_NODE) {
			rc = fail(&ld, root, "%s",
			          "the configuration must be a mapping of keys to values");
		} else {
			for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
			     rc == 0 && p < root->data.mapping.pairs.top; p++) {
				yaml_node_t *k = yaml_document_get_node(&doc, p->key);
				yaml_node_t *v = yaml_document_get_node(&doc, p->value);
				if (k->type != YAML_SCALAR_NODE)
					rc = fail(&ld, k, "%s", "keys must be plain names");
				else if ((rc = load_key(cfg, &ld, scalar(k), v)) == 0)
					note_lines(cfg, &ld, k, v);
			}
		}
	}
	if (rc == 0)
		rc = check_required(cfg, &ld);
	if (rc == 0) {
		g_free(cfg->source);
		cfg->source = g_strdup(name);
	}
	for (guint i = 0; i < ld.required->len; i++)
		g_free(g_array_index(ld.required, pending_field, i).field);
	g_array_free(ld.required, TRUE);
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	return rc;
}

/* ---- queries ---------------------------------------------------------- */

static int has_glob(const char *p)
{
	return strpbrk(p, "*?[") != NULL;
}

/*
 * Patterns follow git's wildmatch with WM_PATHNAME, as .gitignore does:
 * `*`, `?` and `[...]` never match a '/', a segment `**` matches any
 * number of folders. Each segment of a pattern is matched against one
 * component of the path by fnmatch(3) (neither holds a slash); what is
 * left to this file is the split at '/' and `**`. This runs for every
 * changed path of every commit: nothing is allocated but for a segment or
 * component of more than 255 bytes.
 */
static int segment_matches(const char *seg, size_t sn, const char *part, size_t pn)
{
	char sbuf[256], pbuf[256];
	char *sz = sn < sizeof(sbuf) ? sbuf : g_malloc(sn + 1);
	char *pz = pn < sizeof(pbuf) ? pbuf : g_malloc(pn + 1);
	int hit;

	memcpy(sz, seg, sn);
	sz[sn] = '\0';
	memcpy(pz, part, pn);
	pz[pn] = '\0';
	hit = fnmatch(sz, pz, 0) == 0;
	if (sz != sbuf)
		g_free(sz);
	if (pz != pbuf)
		g_free(pz);
	return hit;
}

/* The length of the segment (component) at p, before end or a '/'. */
static size_t segment_len(const char *p, const char *end)
{
	const char *slash = memchr(p, '/', (size_t)(end - p));

	return (size_t)((slash ? slash : end) - p);
}

/* The start of the segment after the one at p of length n. */
static const char *segment_next(const char *p, size_t n, const char *end)
{
	return p + n < end ? p + n + 1 : end;
}

static int is_starstar(const char *p, size_t n)
{
	return n == 2 && p[0] == '*' && p[1] == '*';
}

/*
 * Whether the components of (path, len) match the segments of (pat, plen)
 * one for one, a `**` segment standing for any number of components (at
 * least one when it ends the pattern, which then names what is inside a
 * folder). The classic wildcard walk over segments, which goes back only
 * to the last `**`: at most the pattern's segments times the path's
 * components.
 */
static int segments_match(const char *pat, size_t plen, const char *path, size_t len)
{
	const char *p = pat, *pend = pat + plen, *s = path, *send = path + len;
	const char *star_p = NULL, *star_s = NULL;

	while (s < send) {
		size_t pn = p < pend ? segment_len(p, pend) : 0;
		const char *pnext = p < pend ? segment_next(p, pn, pend) : pend;
		if (p < pend && is_starstar(p, pn)) {
			if (pnext == pend)
				return 1; /* a trailing `**`, and a component is left */
			star_p = p = pnext;
			star_s = s;
			continue;
		}
		size_t sn = segment_len(s, send);
		if (p < pend && segment_matches(p, pn, s, sn)) {
			p = pnext;
			s = segment_next(s, sn, send);
			continue;
		}
		if (!star_p)
			return 0;
		/* the last `**` takes one more component */
		star_s = segment_next(star_s, segment_len(star_s, send), send);
		s = star_s;
		p = star_p;
	}
	/* the path is used up: what is left of the pattern must match nothing */
	while (p < pend) {
		size_t pn = segment_len(p, pend);
		const char *pnext = segment_next(p, pn, pend);
		if (!is_starstar(p, pn) || pnext == pend)
			return 0;
		p = pnext;
	}
	return 1;
}

/*
 * One pattern against a path, as .gitignore reads it: a pattern with a
 * slash (a leading one is dropped) is matched from the root, one without
 * matches the file name at any depth; `dir/` (trailing slash) names a
 * folder and matches everything below it, at any depth when it has no
 * other slash (`node_modules/`).
 */
static int pattern_matches(const char *pat, const char *path)
{
	size_t n = strlen(pat), len = strlen(path);
	int anchored = pat[0] == '/';

	if (anchored) {
		pat++;
		n--;
	}
	if (n == 0)
		return 0;
	if (pat[n - 1] == '/') {
		while (n > 0 && pat[n - 1] == '/')
			n--;
		if (n == 0)
			return 0;
		anchored |= memchr(pat, '/', n) != NULL;
		/* a folder of the path: a proper prefix of its components (at the
		 * root), or one of its components but the last (at any depth) */
		for (const char *p = path, *slash; (slash = strchr(p, '/')) != NULL;
		     p = slash + 1) {
			if (anchored ? segments_match(pat, n, path, (size_t)(slash - path))
			             : segment_matches(pat, n, p, (size_t)(slash - p)))
				return 1;
		}
		return 0;
	}
	if (!anchored && !memchr(pat, '/', n)) {
		const char *base = strrchr(path, '/');
		base = base ? base + 1 : path;
		return segment_matches(pat, n, base, strlen(base));
	}
	return segments_match(pat, n, path, len);
}

/* An include entry without glob characters is a folder (or a file). */
static int included(const isms_config *cfg, const char *path)
{
	if (cfg->paths->len == 0)
		return 1;
	for (guint i = 0; i < cfg->paths->len; i++) {
		const char *p = g_ptr_array_index(cfg->paths, i);
		size_t n = strlen(p);
		while (n > 0 && p[n - 1] == '/')
			n--;
		if (n == 0 || (n == 1 && p[0] == '.'))
			return 1;
		if (has_glob(p)) {
			if (pattern_matches(p, path))
				return 1;
		} else if (strncmp(path, p, n) == 0 && (path[n] == '/' || path[n] == '\0')) {
			return 1;
		}
	}
	return 0;
}

static int excluded(const isms_config *cfg, const char *path)
{
	for (guint i = 0; i < cfg->exclude->len; i++)
		if (pattern_matches(g_ptr_array_index(cfg->exclude, i), path))
			return 1;
	return 0;
}

static int is_markdown(const char *path)
{
	return g_str_has_suffix(path, ".md") || g_str_has_suffix(path, ".MD") ||
	       g_str_has_suffix(path, ".md.erb");
}

int isms_config_wants_file(const isms_config *cfg, const char *path)
{
	return is_markdown(path) && included(cfg, path) && !excluded(cfg, path);
}

int isms_config_wants_dir(const isms_config *cfg, const char *path)
{
	char *probe = g_strconcat(path, "/x", NULL);
	int want = !excluded(cfg, probe);

	if (want && cfg->paths->len > 0) {
		/* keep the folder if it may lead to or lie in an included one */
		want = 0;
		for (guint i = 0; !want && i < cfg->paths->len; i++) {
			const char *p = g_ptr_array_index(cfg->paths, i);
			size_t n = strlen(path);
			if (has_glob(p) || included(cfg, probe) ||
			    (strncmp(p, path, n) == 0 && (p[n] == '/' || p[n] == '\0')))
				want = 1;
		}
	}
	g_free(probe);
	return want;
}

static int listed(const GPtrArray *list, const char *path)
{
	for (guint i = 0; i < list->len; i++) {
		const char *p = g_ptr_array_index(list, i);
		if (has_glob(p) ? pattern_matches(p, path) : strcmp(p, path) == 0)
			return 1;
	}
	return 0;
}

int isms_config_is_register(const isms_config *cfg, const char *path)
{
	return listed(cfg->registers, path);
}

int isms_config_is_soa(const isms_config *cfg, const char *path)
{
	return listed(cfg->soa, path);
}

int isms_config_glob_matches(const char *pattern, const char *path)
{
	if (!*pattern)
		return 0;
	return has_glob(pattern) || pattern[0] == '/' || pattern[strlen(pattern) - 1] == '/'
	           ? pattern_matches(pattern, path)
	           : strcmp(pattern, path) == 0;
}

const isms_rule_setting *isms_config_rule(const isms_config *cfg, const char *rule)
{
	return g_hash_table_lookup(cfg->rule_settings, rule);
}

int isms_config_is_record_type(const isms_config *cfg, const char *type)
{
	if (!type || !*type)
		return 0;
	for (guint i = 0; i < cfg->record_types->len; i++)
		if (g_ascii_strcasecmp(g_ptr_array_index(cfg->record_types, i), type) == 0)
			return 1;
	return 0;
}

isms_duration isms_config_cycle(const isms_config *cfg, const char *type)
{
	const isms_duration *d = type ? g_hash_table_lookup(cfg->cycles, type) : NULL;

	return d ? *d : cfg->default_cycle;
}

const char *isms_config_type_of(const isms_config *cfg, const char *path)
{
	for (guint i = 0; i < cfg->types->len; i++) {
		const isms_path_mapping *m = g_ptr_array_index(cfg->types, i);
		if (isms_config_glob_matches(m->pattern, path))
			return g_ptr_array_index(m->values, 0);
	}
	return NULL;
}

void isms_config_clauses_of(const isms_config *cfg, const char *path, GPtrArray *out)
{
	for (guint i = 0; i < cfg->clause_map->len; i++) {
		const isms_path_mapping *m = g_ptr_array_index(cfg->clause_map, i);
		if (!isms_config_glob_matches(m->pattern, path))
			continue;
		for (guint k = 0; k < m->values->len; k++)
			g_ptr_array_add(out, g_strdup(g_ptr_array_index(m->values, k)));
	}
}

const GPtrArray *isms_config_required(const isms_config *cfg, const char *type)
{
	const GPtrArray *r = type ? g_hash_table_lookup(cfg->required, type) : NULL;

	return r ? r : g_hash_table_lookup(cfg->required, "default");
}
