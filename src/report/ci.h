#ifndef ISMS_REPORT_CI_H
#define ISMS_REPORT_CI_H

/* What the CI formats (sarif, junit, codeclimate) share: where a finding is
 * shown, its identity across runs, and its text. */

#include <glib.h>
#include <jansson.h>

#include "isms/audit.h"
#include "isms/finding.h"

/*
 * Where a CI report shows a finding: its document, or for a
 * repository-wide finding (no path) a file of the audited commit, since
 * GitHub and GitLab drop a result on a file the commit does not have: the
 * committed configuration (`.isms-audit.yml` or `.isms-audit.yaml`, where
 * rules are set and waived; WAIVER-EXPIRED points there too), else the
 * first controlled document in path order, else `.isms-audit.yml` (a
 * repository without documents). A configuration given by --config is
 * outside the repository, no place to show a result. Borrowed.
 */
const char *isms_report_ci_path(const isms_audit *a, const isms_finding *f);

/*
 * The fingerprint of a finding, unique within one report: code scanning
 * merges results with the same fingerprint, so the second and later
 * findings with one already given out get "-2", "-3"... (two findings of a
 * rule about the same subject and item, which rules avoid). `seen` is the
 * report's table, from g_hash_table_new_full(g_str_hash, g_str_equal,
 * g_free, NULL). Returns a string the caller frees with g_free().
 */
char *isms_report_ci_fingerprint(GHashTable *seen, const isms_finding *f);

/* A JSON string from repository text: invalid UTF-8 becomes U+FFFD (one per
 * byte, as in the JSON report), so that the report is always valid JSON.
 * NULL gives null. */
json_t *isms_report_ci_json(const char *s);

/*
 * Append the plain text of a finding to `out`: its message, " (unproven:
 * shallow clone)" when its dates are not proven, then a line per piece of
 * evidence ("evidence: COMMIT12 YYYY-MM-DD note"). The text is the
 * repository's, unescaped: the caller escapes it for its format.
 */
void isms_report_ci_text(GString *out, const isms_finding *f);

#endif
