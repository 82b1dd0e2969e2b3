#ifndef ISMS_REPORT_CI_H
#define ISMS_REPORT_CI_H

/* What the CI formats (sarif, junit, codeclimate) share: where a finding is
 * shown, its identity across runs, and its text. */

#include <glib.h>
#include <jansson.h>

#include "isms/audit.h"
#include "isms/finding.h"

/*
 * The repository path a code-scanning tool shows a finding at: its own, or
 * for a repository-wide finding (no path) the configuration file, where its
 * rule is set and waived. GitHub and GitLab need a file for every result;
 * WAIVER-EXPIRED already points there. The file is `.isms-audit.yaml` when
 * the repository's configuration has that name, else `.isms-audit.yml`
 * (also without a configuration, or with --config: a file outside the
 * repository is no place to show a result). Borrowed.
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
