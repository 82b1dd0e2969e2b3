#ifndef ISMS_BASE_H
#define ISMS_BASE_H

#include "isms/audit.h"
#include "isms/finding.h"

/*
 * Pull-request mode (`check --base REV`): what a change introduces. The
 * base is audited as of the same day as HEAD, so that findings which only
 * come with time (an overdue review) are not blamed on the change; a
 * finding of HEAD is introduced when the base has fewer findings with its
 * fingerprint, or when its evidence names a commit of the change (a commit
 * reachable from HEAD but not from the base): a body changed without a
 * version bump, a backdated closure, a removed register item.
 */
typedef struct {
	char *rev;                        /* as given */
	char commit[ISMS_COMMIT_HEXSIZE]; /* the commit compared with */
	int merge_base;                   /* REV is not an ancestor of HEAD: its merge base */
	int derived;                      /* the base model came from HEAD's history walk */
	guint changes;                    /* commits in base..HEAD */
	size_t preexisting;               /* findings of HEAD already at the base, dropped */
	size_t preexisting_waived;
} isms_base;

void isms_base_dispose(isms_base *b);

/* One sentence for the reports: what was compared and what was left out
 * ("only what the change introduces since commit ... (the merge base of
 * ...); N findings already present there are not repeated"). Caller frees.
 * `rev` is repository-free text from the command line, but reports escape
 * it all the same. */
char *isms_base_describe(const isms_base *b);

/*
 * The line pull-request mode prints on stderr when the audited commit's
 * own configuration file is not the one used (`head` opened with a base,
 * its `change` set): names the file and what was used instead, without
 * the program's prefix. NULL when there is nothing to say. Caller frees.
 */
char *isms_base_config_note(const isms_audit *head);

/*
 * Compare HEAD's findings `fs` (from isms_rules_run on `head`) with the
 * base `rev` and keep in `fs` only what the change introduces. `opts` are
 * HEAD's audit options, with `base` set to `rev` when `head` was opened,
 * so that the configuration of both sides is the base's (a base off
 * HEAD's first-parent chain is audited from its own history walk with
 * them). Returns 0 and fills `out` (free with isms_base_dispose), or
 * ISMS_EREPO (unknown revision, no common history) or an error of the
 * base audit.
 */
int isms_base_compare(const isms_audit *head, const isms_audit_options *opts, const char *rev,
                      isms_findings *fs, isms_base *out);

#endif
