#ifndef ISMS_CONFIG_H
#define ISMS_CONFIG_H

#include <glib.h>
#include <stddef.h>

#include "isms/date.h"
#include "isms/register.h"
#include "isms/severity.h"

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
	GHashTable *cycles;       /* type -> isms_duration * */
	GHashTable *required;     /* type or "default" -> GPtrArray of char * */
	GPtrArray *record_types;  /* char * */
	isms_severity fail_on;
	GPtrArray *registers;     /* char *: register files (paths or globs) besides `type: register` */
	isms_register_dialect dialect; /* register columns, status words, approval phrases */
	int register_stale_months;  /* REG-STALE */
	int closure_window_months;  /* REG-NO-CLOSURES */
	int closure_backdate_days;  /* ACT-CLOSURE-BACKDATED tolerance */
	char *source;             /* where the configuration came from, or NULL */
} isms_config;

/* Fill `cfg` with the defaults; _dispose frees it. */
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

/* Whether documents of `type` (may be NULL) are records. */
int isms_config_is_record_type(const isms_config *cfg, const char *type);

/* The review cycle of documents of `type` (may be NULL). */
isms_duration isms_config_cycle(const isms_config *cfg, const char *type);

/* The required fields of documents of `type`: canonical field names plus
 * "review" (last_reviewed or next_review). Borrowed. */
const GPtrArray *isms_config_required(const isms_config *cfg, const char *type);

#endif
