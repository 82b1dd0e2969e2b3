#ifndef ISMS_CONFIG_H
#define ISMS_CONFIG_H

#include <glib.h>
#include <stddef.h>

#include "isms/date.h"
#include "isms/people.h"
#include "isms/register.h"
#include "isms/severity.h"
#include "isms/waiver.h"

/* The inputs a) to g) of a management review (clause 9.3.2). */
#define ISMS_REVIEW_INPUTS 7

/* What `rules:` says about one rule. */
typedef struct {
	int off; /* the rule does not run */
	int has_severity;
	isms_severity severity; /* replaces the rule's default */
	GPtrArray *exclude;     /* char *: globs of paths whose findings are dropped */
	int line;
} isms_rule_setting;

/*
 * The audit's configuration: built-in defaults, overridden by the YAML file
 * `.isms-audit.yml` (read from the audited commit) or `--config FILE`.
 * Unknown keys and bad values are errors naming the file and line.
 */
typedef struct {
	GPtrArray *paths;   /* char *: folders or globs audited; empty = all */
	GPtrArray *exclude; /* char *: folders or globs never audited */
	size_t max_file_size;
	int stale_after_months;   /* DOC-STALE-CONTENT and ISMS-STATIC */
	double static_ratio;      /* ISMS-STATIC: share of stale documents */
	int review_evidence_days; /* DOC-REVIEW-UNEVIDENCED tolerance */
	isms_duration default_cycle;
	GHashTable *cycles;      /* type -> isms_duration * */
	GHashTable *required;    /* type or "default" -> GPtrArray of char * */
	GPtrArray *record_types; /* char * */
	isms_severity fail_on;
	GPtrArray *registers; /* char *: register files (paths or globs) besides `type: register` */
	isms_register_dialect dialect; /* register columns, status words, approval phrases */
	int register_stale_months;     /* REG-STALE */
	int closure_window_months;     /* REG-NO-CLOSURES */
	int closure_backdate_days;     /* ACT-CLOSURE-BACKDATED tolerance */
	GPtrArray *mandatory;          /* char *: clauses whose documented information must exist */
	GPtrArray *soa;    /* char *: SoA documents (paths or globs) besides `type: soa` */
	int review_months; /* MR-OVERDUE */
	int audit_months;  /* IA-OVERDUE */
	GPtrArray *review_inputs[ISMS_REVIEW_INPUTS]; /* char *: heading phrases (header
	                                               * keys) of 9.3.2 inputs a) to g) */
	GPtrArray *people;            /* isms_person_entry *: identities joined, roles named */
	GPtrArray *approval_trailers; /* char *: trailer keys that record an approval */
	int has_approval_since;       /* approval_since is set; else the first evidence */
	isms_day approval_since;      /* changes from this day on are judged */
	GHashTable *rule_settings;    /* rule id -> isms_rule_setting * */
	GPtrArray *waivers;           /* isms_waiver * */
	char *source;                 /* where the configuration came from, or NULL */
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

/* Whether a repository path is audited (files) or may hold audited files
 * (directories: used to skip whole subtrees during the history walk). */
int isms_config_wants_file(const isms_config *cfg, const char *path);
int isms_config_wants_dir(const isms_config *cfg, const char *path);

/* Whether a path is listed under `registers`. */
int isms_config_is_register(const isms_config *cfg, const char *path);

/* Whether a path is listed under `soa`. */
int isms_config_is_soa(const isms_config *cfg, const char *path);

/* Whether a path matches a configuration glob (the `exclude` syntax). */
int isms_config_glob_matches(const char *pattern, const char *path);

/* The `rules:` setting of a rule, or NULL. Borrowed. */
const isms_rule_setting *isms_config_rule(const isms_config *cfg, const char *rule);

/* The short description of management review input `i` (0 = a). */
const char *isms_review_input_name(int i);

/* Whether documents of `type` (may be NULL) are records. */
int isms_config_is_record_type(const isms_config *cfg, const char *type);

/* The review cycle of documents of `type` (may be NULL). */
isms_duration isms_config_cycle(const isms_config *cfg, const char *type);

/* The required fields of documents of `type`: canonical field names plus
 * "review" (last_reviewed or next_review). Borrowed. */
const GPtrArray *isms_config_required(const isms_config *cfg, const char *type);

#endif
