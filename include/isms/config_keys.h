#ifndef ISMS_CONFIG_KEYS_H
#define ISMS_CONFIG_KEYS_H

#include <glib.h>
#include <stddef.h>

#include "isms/config.h"

/* How a key's value is read, and the C type of the field that holds it. */
typedef enum {
	ISMS_CONFIG_INT,      /* int: a whole number from min to max */
	ISMS_CONFIG_SIZE,     /* size_t: a whole number from min to max */
	ISMS_CONFIG_RATIO,    /* double: a number above 0 and at most 1 */
	ISMS_CONFIG_SEVERITY, /* isms_severity: major, minor, observation or never */
	ISMS_CONFIG_LIST,     /* GPtrArray * of char *: the strings are added to it */
	ISMS_CONFIG_REPLACE,  /* GPtrArray * of char *: the strings replace it */
	ISMS_CONFIG_PHRASES,  /* as REPLACE, each kept as a header key (isms_md_header_key) */
	ISMS_CONFIG_CUSTOM    /* read by the row's `load` function */
} isms_config_type;

/* The configuration file being read, as src/config.c holds it. */
typedef struct isms_config_loader isms_config_loader;
struct yaml_node_s;

/*
 * The loader of a structured key: applies `value` (a node of the file `ld`)
 * to `cfg`. Returns 0, or ISMS_EUSAGE with a message `NAME:LINE: cause`.
 */
typedef int (*isms_config_load_fn)(isms_config *cfg, const isms_config_loader *ld,
                                   struct yaml_node_s *value);

/*
 * Which way a key's value makes the audit weaker (CONFIG-WEAKENED: with
 * --base, the change's configuration against the one used). Every row
 * decides: 0 is no decision, and the tests refuse it.
 */
typedef enum {
	ISMS_WEAKER_UNDECIDED = 0,
	ISMS_WEAKER_HIGHER,  /* a larger number: a longer tolerance or period, a higher
	                      * limit or ratio; of fail_on, a laxer level */
	ISMS_WEAKER_LOWER,   /* a smaller number */
	ISMS_WEAKER_ADDED,   /* a list (at `offset`) that gains an entry: an exclusion, an
	                      * exemption, a word that counts as evidence */
	ISMS_WEAKER_REMOVED, /* a list (at `offset`) that loses an entry: something
	                      * that had to exist */
	ISMS_WEAKER_CUSTOM   /* the row's `weaker_fn` compares */
} isms_config_weaker;

/* One way a configuration is weaker than another. */
typedef struct {
	char *item;    /* the key path: "max_file_size", "rules.DOC-STALE-CONTENT" */
	char *message; /* "KEY: OLD -> NEW"; values quoted from the file are cut
	                * (isms/text.h) */
	int line;      /* of the key in the weaker configuration's file, 0 if none */
} isms_config_weakening;

typedef struct isms_config_key isms_config_key;

/*
 * The comparison of a structured key (ISMS_WEAKER_CUSTOM): appends to
 * `out` (isms_config_weakening *) each way the key's value in `to` is
 * weaker than in `from`.
 */
typedef void (*isms_config_weaker_fn)(const isms_config_key *k, const isms_config *from,
                                      const isms_config *to, GPtrArray *out);

/*
 * Every key of `.isms-audit.yml`: one static table, in the order a
 * configuration file is best read. Each row says how its value is loaded
 * and where it is stored, and documents the key. The loader in src/config.c
 * reads it, and isms_config_init() takes the default of every scalar from
 * its `default_text`; `config --explain`, the JSON Schema of `config
 * --schema` and the comments `init` writes read its documentation; the
 * tests hold the README and the built-in lists to it.
 */
struct isms_config_key {
	const char *key;
	isms_config_type type;
	size_t offset;                   /* offsetof(isms_config, field): where the value goes (of a
	                                  * CUSTOM row, where the list it is read into lies, if
	                                  * it is one) */
	long min, max;                   /* the bounds of INT and SIZE values */
	isms_config_load_fn load;        /* CUSTOM: reads the value; NULL otherwise */
	isms_config_weaker weaker;       /* which way the value weakens the audit */
	isms_config_weaker_fn weaker_fn; /* ISMS_WEAKER_CUSTOM: compares; NULL otherwise */
	const char *kind;                /* "list of folders or globs", "whole number of months" */
	const char *default_text;        /* the default: a YAML value, or words when it is none;
	                                  * of a scalar, the default isms_config_init() sets */
	int default_is_yaml;             /* default_text is a valid YAML value for the key */
	const char *summary;             /* one line of at most 72 characters, for comments */
	const char *description;         /* one paragraph */
	const char *example;             /* a valid YAML value for the key (flow style, one line) */
	const char *schema;              /* JSON Schema of the value, as JSON text; "$ref"s point
	                                  * into the $defs of isms_config_schema(). NULL for INT
	                                  * and SIZE: their schema is built from the bounds */
};

extern const isms_config_key isms_config_keys[];
extern const size_t isms_config_keys_count;

/* The row of `key` (exact, case-sensitive as the loader is), or NULL. */
const isms_config_key *isms_config_key_find(const char *key);

/* ": did you mean 'exclude'?" for a key that looks like a typo of one of
 * the table's, else "" (isms_text_closest). Caller frees. */
char *isms_config_key_suggestion(const char *key);

/*
 * The loaders of the structured keys, named by their rows; each reads the
 * key in its name (review_cycles, fields, required_fields, types, register_columns,
 * status_words, date_order, mandatory_clauses, clauses, review_inputs, people,
 * approval_since, rules, waivers, risk_columns, risk_treatment_threshold) as the
 * row's description says.
 */
int isms_config_load_cycles(isms_config *cfg, const isms_config_loader *ld,
                            struct yaml_node_s *value);
int isms_config_load_fields(isms_config *cfg, const isms_config_loader *ld,
                            struct yaml_node_s *value);
int isms_config_load_required(isms_config *cfg, const isms_config_loader *ld,
                              struct yaml_node_s *value);
int isms_config_load_columns(isms_config *cfg, const isms_config_loader *ld,
                             struct yaml_node_s *value);
int isms_config_load_status(isms_config *cfg, const isms_config_loader *ld,
                            struct yaml_node_s *value);
int isms_config_load_date_order(isms_config *cfg, const isms_config_loader *ld,
                                struct yaml_node_s *value);
int isms_config_load_mandatory(isms_config *cfg, const isms_config_loader *ld,
                               struct yaml_node_s *value);
int isms_config_load_clause_map(isms_config *cfg, const isms_config_loader *ld,
                                struct yaml_node_s *value);
int isms_config_load_types(isms_config *cfg, const isms_config_loader *ld,
                           struct yaml_node_s *value);
int isms_config_load_inputs(isms_config *cfg, const isms_config_loader *ld,
                            struct yaml_node_s *value);
int isms_config_load_people(isms_config *cfg, const isms_config_loader *ld,
                            struct yaml_node_s *value);
int isms_config_load_approval_since(isms_config *cfg, const isms_config_loader *ld,
                                    struct yaml_node_s *value);
int isms_config_load_rules(isms_config *cfg, const isms_config_loader *ld,
                           struct yaml_node_s *value);
int isms_config_load_waivers(isms_config *cfg, const isms_config_loader *ld,
                             struct yaml_node_s *value);
int isms_config_load_risk_columns(isms_config *cfg, const isms_config_loader *ld,
                                  struct yaml_node_s *value);
int isms_config_load_risk_threshold(isms_config *cfg, const isms_config_loader *ld,
                                    struct yaml_node_s *value);

/*
 * The comparisons of the structured keys, named by their rows (paths,
 * fields, date_order, review_cycles, required_fields, types, clauses,
 * register_columns, status_words, risk_columns, risk_treatment_threshold,
 * review_inputs, people, approval_trailers, approval_since, rules, waivers), in
 * src/config_weaker.c.
 */
void isms_config_weaker_fields(const isms_config_key *k, const isms_config *from,
                               const isms_config *to, GPtrArray *out);
void isms_config_weaker_date_order(const isms_config_key *k, const isms_config *from,
                                   const isms_config *to, GPtrArray *out);
void isms_config_weaker_paths(const isms_config_key *k, const isms_config *from,
                              const isms_config *to, GPtrArray *out);
void isms_config_weaker_cycles(const isms_config_key *k, const isms_config *from,
                               const isms_config *to, GPtrArray *out);
void isms_config_weaker_required(const isms_config_key *k, const isms_config *from,
                                 const isms_config *to, GPtrArray *out);
void isms_config_weaker_types(const isms_config_key *k, const isms_config *from,
                              const isms_config *to, GPtrArray *out);
void isms_config_weaker_clauses(const isms_config_key *k, const isms_config *from,
                                const isms_config *to, GPtrArray *out);
void isms_config_weaker_columns(const isms_config_key *k, const isms_config *from,
                                const isms_config *to, GPtrArray *out);
void isms_config_weaker_status(const isms_config_key *k, const isms_config *from,
                               const isms_config *to, GPtrArray *out);
void isms_config_weaker_risk_columns(const isms_config_key *k, const isms_config *from,
                                     const isms_config *to, GPtrArray *out);
void isms_config_weaker_risk_threshold(const isms_config_key *k, const isms_config *from,
                                       const isms_config *to, GPtrArray *out);
void isms_config_weaker_inputs(const isms_config_key *k, const isms_config *from,
                               const isms_config *to, GPtrArray *out);
void isms_config_weaker_people(const isms_config_key *k, const isms_config *from,
                               const isms_config *to, GPtrArray *out);
void isms_config_weaker_trailers(const isms_config_key *k, const isms_config *from,
                                 const isms_config *to, GPtrArray *out);
void isms_config_weaker_approval_since(const isms_config_key *k, const isms_config *from,
                                       const isms_config *to, GPtrArray *out);
void isms_config_weaker_rules(const isms_config_key *k, const isms_config *from,
                              const isms_config *to, GPtrArray *out);
void isms_config_weaker_waivers(const isms_config_key *k, const isms_config *from,
                                const isms_config *to, GPtrArray *out);

/*
 * Every way `to` makes the audit weaker than `from`, row by row of the
 * table as its `weaker` column says, appended to `out` (create it with
 * isms_config_weakening_free as its free function). A key `to` makes only
 * stricter, or leaves alone, adds nothing.
 */
void isms_config_weakenings(const isms_config *from, const isms_config *to, GPtrArray *out);
void isms_config_weakening_free(gpointer w);

/*
 * The ISO/IEC 27001 clauses whose documented information must exist, the
 * default of `mandatory_clauses`, NULL-terminated.
 */
extern const char *const isms_mandatory_clauses[];

/*
 * The JSON Schema (draft 2020-12) of the configuration file built from the
 * table: one property per key with its description, default and example,
 * `additionalProperties: false`, and $defs for rule ids (from the rule
 * table), register columns and document fields. Returns 0 and the schema as
 * indented JSON text in *out (caller frees with g_free), or ISMS_ERROR.
 */
int isms_config_schema(char **out);

#endif
