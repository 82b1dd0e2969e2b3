#ifndef ISMS_CONFIG_H
#define ISMS_CONFIG_H

#include <glib.h>
#include <stddef.h>

#include "isms/date.h"
#include "isms/meta.h"
#include "isms/people.h"
#include "isms/register.h"
#include "isms/risk.h"
#include "isms/severity.h"
#include "isms/waiver.h"

/* The inputs a) to g) of a management review (clause 9.3.2). */
#define ISMS_REVIEW_INPUTS 7

/*
 * The hard ceilings of the two budgets a configuration sets: whatever the
 * audited commit's `.isms-audit.yml` (or `--config FILE`) says, no file of
 * more than ISMS_MAX_FILE_SIZE_CEILING bytes is read, and no audit parses
 * more than ISMS_MAX_TOTAL_PARSE_CEILING bytes. They are the upper bounds of
 * the keys' rows (src/config_keys.c), so that a pull request cannot lift
 * the limits it is audited under.
 */
#define ISMS_MAX_FILE_SIZE_CEILING   16777216L   /* 16 MiB */
#define ISMS_MAX_TOTAL_PARSE_CEILING 8589934592L /* 8 GiB */

/* What `rules:` says about one rule. */
typedef struct {
	int off; /* the rule does not run */
	int has_severity;
	isms_severity severity; /* replaces the rule's default */
	GPtrArray *exclude;     /* char *: globs of paths whose findings are dropped */
	int line;
} isms_rule_setting;

/* A `types:` or `clauses:` entry: the documents a path or glob matches,
 * and what the configuration says they are or serve. */
typedef struct {
	char *pattern;     /* a path or glob, as isms_config_glob_matches() reads it */
	GPtrArray *values; /* char *: the one type (`types:`), or canonical clauses */
	int line;
} isms_path_mapping;

/*
 * The audit's configuration: built-in defaults, overridden by the YAML file
 * `.isms-audit.yml` (read from the audited commit) or `--config FILE`.
 * Unknown keys and bad values are errors naming the file and line.
 */
typedef struct {
	GPtrArray *paths;   /* char *: folders or globs audited; empty = all */
	GPtrArray *exclude; /* char *: folders or globs never audited */
	size_t max_file_size;
	size_t max_total_parse;   /* the parse budget of the audit, in bytes */
	int stale_after_months;   /* DOC-STALE-CONTENT and ISMS-STATIC */
	double static_ratio;      /* ISMS-STATIC: share of stale documents */
	int review_evidence_days; /* DOC-REVIEW-UNEVIDENCED tolerance */
	isms_duration default_cycle;
	GHashTable *cycles;       /* type -> isms_duration * */
	isms_meta_dialect fields; /* field aliases and custom fields (`fields:`) */
	GHashTable *required;     /* type or "default" -> GPtrArray of char * */
	GPtrArray *record_types;  /* char * */
	GPtrArray *types;         /* isms_path_mapping *: `types:`, in the file's order */
	isms_severity fail_on;
	GPtrArray *registers; /* char *: register files (paths or globs) besides `type: register` */
	isms_register_dialect dialect; /* register columns, status words, approval phrases */
	int register_stale_months;     /* REG-STALE */
	int closure_window_months;     /* REG-NO-CLOSURES */
	int closure_backdate_days;     /* ACT-CLOSURE-BACKDATED tolerance */
	GPtrArray *mandatory;          /* char *: clauses whose documented information must exist */
	GPtrArray *clause_map;         /* isms_path_mapping *: `clauses:`, in the file's order */
	GPtrArray *soa;    /* char *: SoA documents (paths or globs) besides `type: soa` */
	int review_months; /* MR-OVERDUE */
	int audit_months;  /* IA-OVERDUE */

	/* risk registers */
	GPtrArray *risk_registers;  /* char *: paths or globs besides `type: risk-register` */
	isms_risk_dialect risk;     /* risk columns, scale and treatment threshold */
	int risk_review_months;     /* RISK-REVIEW-OVERDUE, RISK-REGISTER-STALE */
	int risk_acceptance_months; /* RISK-ACCEPTANCE-EXPIRED without a typed expiry */

	GPtrArray *review_inputs[ISMS_REVIEW_INPUTS]; /* char *: heading phrases (header
	                                               * keys) of 9.3.2 inputs a) to g) */
	GPtrArray *people;            /* isms_person_entry *: identities joined, roles named */
	GPtrArray *approval_trailers; /* char *: trailer keys that record an approval */
	int has_approval_since;       /* approval_since is set; else the first evidence */
	isms_day approval_since;      /* changes from this day on are judged */
	GHashTable *rule_settings;    /* rule id -> isms_rule_setting * */
	GPtrArray *waivers;           /* isms_waiver * */
	char *source;                 /* where the configuration came from, or NULL */
	GHashTable *lines;            /* key path -> GINT_TO_POINTER(line) of the keys the file
	                               * sets and of the keys of their mappings
	                               * ("rules.DOC-STALE-CONTENT") */
} isms_config;

/* Fill `cfg` with the defaults (those of the scalars from the key table,
 * isms_config_keys[]); _dispose frees it. */
void isms_config_init(isms_config *cfg);
void isms_config_dispose(isms_config *cfg);

/*
 * Apply the YAML configuration in (buf, len) read from `name` on top of the
 * current values. Returns 0, or ISMS_EUSAGE with a message
 * `NAME:LINE: cause` for invalid YAML, unknown keys and bad values.
 */
int isms_config_load(isms_config *cfg, const char *name, const char *buf, size_t len);

/* The line of the file that sets a key path ("max_file_size",
 * "rules.DOC-STALE-CONTENT", "rules.DOC-STALE-CONTENT.exclude"): of the
 * key itself, else of its nearest parent key; 0 when the file sets none. */
int isms_config_line(const isms_config *cfg, const char *key);

/* Whether a repository path is audited (files) or may hold audited files
 * (directories: used to skip whole subtrees during the history walk). */
int isms_config_wants_file(const isms_config *cfg, const char *path);
int isms_config_wants_dir(const isms_config *cfg, const char *path);

/* Whether a path is listed under `registers`. */
int isms_config_is_register(const isms_config *cfg, const char *path);

/* Whether a path is listed under `soa`. */
int isms_config_is_soa(const isms_config *cfg, const char *path);

/* Whether a path matches a configuration glob (the `exclude` syntax: git's
 * wildmatch, `*` never matching a '/'); a plain path (no glob character, no
 * leading or trailing slash) matches only itself. */
int isms_config_glob_matches(const char *pattern, const char *path);

/* The `rules:` setting of a rule, or NULL. Borrowed. */
const isms_rule_setting *isms_config_rule(const isms_config *cfg, const char *rule);

/* The short description of management review input `i` (0 = a). */
const char *isms_review_input_name(int i);

/* Whether documents of `type` (may be NULL) are records. */
int isms_config_is_record_type(const isms_config *cfg, const char *type);

/* The review cycle of documents of `type` (may be NULL). */
isms_duration isms_config_cycle(const isms_config *cfg, const char *type);

/* The type `types:` gives a document at `path`: that of the first entry
 * matching it, or NULL. Borrowed. A document's own `type` wins over it
 * (isms_document_type). */
const char *isms_config_type_of(const isms_config *cfg, const char *path);

/* Append to `out` (char *, caller frees) the canonical clauses `clauses:`
 * maps a document at `path` to: those of every entry matching it. */
void isms_config_clauses_of(const isms_config *cfg, const char *path, GPtrArray *out);

/* The required fields of documents of `type`: field names (canonical,
 * aliases, custom fields of `fields:`) plus "review" (last_reviewed or
 * next_review). Borrowed. */
const GPtrArray *isms_config_required(const isms_config *cfg, const char *type);

#endif
