#ifndef ISMS_AUDIT_H
#define ISMS_AUDIT_H

#include <git2.h>
#include <glib.h>

#include "isms/approval.h"
#include "isms/config.h"
#include "isms/date.h"
#include "isms/document.h"
#include "isms/history.h"
#include "isms/management.h"
#include "isms/register_history.h"
#include "isms/risk_history.h"

/*
 * The audit model: the repository opened at the audited commit, the one
 * history walk, and every controlled document with its history. Its parts
 * have headers of their own: the documents (isms/document.h), the
 * registers replayed (isms/register_history.h), the risk registers
 * replayed (isms/risk_history.h), and the management system
 * (isms/management.h); this one holds the whole and its life cycle. Rules
 * read it; nothing in the audited repository is executed or written.
 */

/*
 * With --base, the configuration committed at the audited commit: the
 * change's own, which is not used (a change cannot configure its own
 * audit) but compared with the one used, for CONFIG-WEAKENED.
 */
typedef struct {
	char *name;         /* its file at the audited commit, or NULL: the change removed it */
	int valid;          /* it was read: `config` holds the defaults it overrides */
	isms_config config; /* when valid */
	char *error;        /* why it could not be read (invalid YAML, a bad value, too
	                     * large, a link), when not valid */
	int error_line;     /* of the error in the file, 0 if none */
} isms_change_config;

/*
 * What one audit may parse (`max_total_parse`) and has parsed: every
 * distinct blob read as a document version, and every register and risk
 * register version the replays read. Once a version does not fit, the
 * budget is spent and no further version is read; models derived from an
 * audit share its budget.
 */
typedef struct {
	size_t limit;              /* max_total_parse */
	size_t spent;              /* counted so far */
	int closed;                /* a version did not fit: nothing more is read */
	GHashTable *reserved;      /* git_oid *: audited register versions whose replay is
	                            * counted already (isms_register_reserve) */
	GHashTable *risk_reserved; /* git_oid *: the same of declared risk registers
	                            * (isms_risk_reserve) */
} isms_parse_budget;

/* Count `cost` bytes against the audit's budget: 1 if they fit (and are
 * counted), 0 if the budget is spent (it stays closed from then on). */
int isms_audit_budget_take(struct isms_audit *audit, size_t cost);

/* What the replay counts for a register version read in full by cmark-gfm:
 * this many bytes per Markdown element (about what cmark-gfm allocates for
 * one), as a register version read row by row counts its size. */
#define ISMS_PARSE_ELEMENT_COST 256

/* What a full read of a version of `len` bytes (read as `meta`, or NULL)
 * costs the parse budget: ISMS_PARSE_ELEMENT_COST per Markdown element,
 * at least its size. */
size_t isms_audit_parse_cost(const isms_meta *meta, size_t len);

struct isms_audit {
	isms_config config;         /* the one used: with --base, the base's */
	isms_change_config *change; /* with --base, when the audited commit's own
	                             * configuration file differs from the one used;
	                             * else NULL */
	git_repository *repo;
	char *root; /* work tree (or git dir of a bare repository) */
	isms_history history;
	isms_day today;                /* the audit date */
	int shallow;                   /* history is cut: dates are unproven */
	GHashTable *shallow_cut;       /* commits whose parents are missing, or NULL */
	GPtrArray *documents;          /* isms_document *, sorted by path */
	GHashTable *metas;             /* git_oid * -> isms_meta *: each blob parsed once */
	GPtrArray *registers;          /* isms_register_model *, by path */
	GPtrArray *risk_registers;     /* isms_risk_model *, by path */
	GPtrArray *coverage;           /* isms_coverage *, in the order of config.mandatory */
	GPtrArray *soas;               /* isms_soa_model *: SoA documents in force, by path */
	GPtrArray *records;            /* isms_record *: reviews and audits in force, by path */
	GHashTable *tracked;           /* ids of every item any register has held (set) */
	GArray *checkpoints;           /* guint32 commit indexes, ascending: models derived
	                                * there find their registers in `snapshots` */
	GHashTable *snapshots;         /* commit index -> GPtrArray of register snapshots */
	isms_approvals *approvals;     /* approval evidence of the documents' changes */
	const struct isms_audit *base; /* a model as of an earlier day: its repository,
	                                * configuration and parsed blobs are the base's */
	isms_parse_budget *budget;     /* owned, or the base's */
};

typedef struct isms_audit isms_audit;

typedef struct {
	const char *path;        /* a folder inside the work tree, or a git dir */
	const char *config_path; /* --config FILE, or NULL for .isms-audit.yml */
	int has_as_of;
	isms_day as_of; /* audit the branch as it stood at the end of this day */
	int allow_shallow;
	const char *rev;           /* the commit to audit (a revision), or NULL: HEAD */
	const char *base;          /* check --base: the revision the change is compared
	                            * with, or NULL. The committed configuration is then
	                            * read from the base commit (the merge base of it and
	                            * the audited commit), not from the change, and the
	                            * change's own kept in `change` */
	int lean;                  /* no model will be derived from this one (no
	                            * trend, no base): the front matter of versions
	                            * other than the audited ones is let go once the
	                            * documents are built, which halves the memory of
	                            * a long history */
	const GArray *checkpoints; /* isms_day, or NULL: days whose models will be
	                            * derived with isms_audit_open_at() (a trend);
	                            * the one register replay keeps their state */
} isms_audit_options;

#define ISMS_AUDIT_OPTIONS_INIT                                                                    \
	{                                                                                          \
		".", NULL, 0, 0, 0, NULL, NULL, 0, NULL                                            \
	}

/*
 * Open the repository, resolve the audited commit, load the configuration
 * (`--config FILE`; else the committed one: with `base`, the base's, the
 * defaults when it has none), walk the history once and build the model.
 * The change's own configuration is never an error: when it cannot be read
 * `change` says why. Returns 0 and a model in *out (free with
 * isms_audit_free), or ISMS_EUSAGE (configuration), ISMS_EREPO (repository,
 * empty history, no commit by the as-of date, an unknown base) or
 * ISMS_ESHALLOW.
 */
int isms_audit_open(isms_audit **out, const isms_audit_options *opts);

void isms_audit_free(isms_audit *audit);

/* The last commit of the history recorded by the end of `day` (the branch
 * as it stood then), or ISMS_NO_COMMIT. */
guint32 isms_audit_commit_by(const isms_audit *audit, isms_day day);

/*
 * The model of `base` as it stood at its commit index `commit`, audited on
 * `today`: base's history walk cut after that commit, with base's
 * configuration and repository (borrowed) and its cache of parsed blobs
 * (shared: blobs the new model parses are added to it). No history is
 * walked again; registers are copied from the snapshots the base's replay
 * kept at its checkpoints, else replayed up to that commit; risk registers
 * are replayed up to that commit. Free the result with isms_audit_free()
 * before the base. Returns 0 or an error of the model (ISMS_EREPO).
 */
int isms_audit_open_at(const isms_audit *base, guint32 commit, isms_day today, isms_audit **out);

/* The commit at an index of the history; borrowed. */
const isms_commit *isms_audit_commit(const isms_audit *audit, guint32 index);

/* The audited commit. */
const isms_commit *isms_audit_head(const isms_audit *audit);

/* The hex id of a commit index, into buf (GIT_OID_HEXSZ + 1 bytes). */
char *isms_audit_commit_hex(const isms_audit *audit, guint32 index, char *buf);

/* The author of a commit of the history; returns 0 and strings the caller
 * frees (g_free), or ISMS_EREPO. */
int isms_audit_commit_author(const isms_audit *audit, guint32 index, char **name, char **email);

#endif
