#ifndef ISMS_CONFIG_KEYS_H
#define ISMS_CONFIG_KEYS_H

#include <stddef.h>

/*
 * The documentation of every key of `.isms-audit.yml`: one static table, in
 * the order a configuration file is best read. `config --explain`, the JSON
 * Schema of `config --schema`, the comments `init` writes and the README's
 * configuration section all read it; src/config.c, which loads the keys,
 * is checked against it by the tests (every example loads).
 */
typedef struct {
	const char *key;
	const char *kind;         /* "list of folders or globs", "whole number of months" */
	const char *default_text; /* the default: a YAML value, or words when it is none */
	int default_is_yaml;      /* default_text is a valid YAML value for the key */
	const char *summary;      /* one line of at most 72 characters, for comments */
	const char *description;  /* one paragraph */
	const char *example;      /* a valid YAML value for the key (flow style, one line) */
	const char *schema;       /* JSON Schema of the value, as JSON text; "$ref"s point
	                           * into the $defs of isms_config_schema() */
} isms_config_key;

extern const isms_config_key isms_config_keys[];
extern const size_t isms_config_keys_count;

/* The row of `key` (exact, case-sensitive as the loader is), or NULL. */
const isms_config_key *isms_config_key_find(const char *key);

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
