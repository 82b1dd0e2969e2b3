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

/*
 * The audit model: the repository opened at the audited commit, the one
 * history walk, and every controlled document with its history. Its parts
 * have headers of their own: the documents (isms/document.h), the
 * registers replayed (isms/register_history.h), and the management system
 * (isms/management.h); this one holds the whole and its life cycle. Rules
 * read it; nothing in the audited repository is executed or written.
 */

struct isms_audit {
	isms_config config;
	git_repository *repo;
	char *root; /* work tree (or git dir of a bare repository) */
	isms_history history;
	isms_day today;                /* the audit date */
	int shallow;                   /* history is cut: dates are unproven */
	GHashTable *shallow_cut;       /* commits whose parents are missing, or NULL */
	GPtrArray *documents;          /* isms_document *, sorted by path */
	GHashTable *metas;             /* git_oid * -> isms_meta *: each blob parsed once */
	GPtrArray *registers;          /* isms_register_model *, by path */
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
};

typedef struct isms_audit isms_audit;

typedef struct {
	const char *path;        /* a folder inside the work tree, or a git dir */
	const char *config_path; /* --config FILE, or NULL for .isms-audit.yml */
	int has_as_of;
	isms_day as_of; /* audit the branch as it stood at the end of this day */
	int allow_shallow;
	const char *rev;           /* the commit to audit (a revision), or NULL: HEAD */
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
		".", NULL, 0, 0, 0, NULL, 0, NULL                                                  \
	}

/*
 * Open the repository, resolve the audited commit, load the configuration,
 * walk the history once and build the model. Returns 0 and a model in *out
 * (free with isms_audit_free), or ISMS_EUSAGE (configuration), ISMS_EREPO
 * (repository, empty history, no commit by the as-of date) or ISMS_ESHALLOW.
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
 * kept at its checkpoints, else replayed up to that commit. Free the result with isms_audit_free()
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
