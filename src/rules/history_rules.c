/* Checks on the audited history itself. */
#include <inttypes.h>

#include "rules/rules_internal.h"

int isms_check_bad_commit_date(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	char hex[GIT_OID_HEXSZ + 1];

	for (guint32 i = 0; i < a->history.commits->len; i++) {
		const isms_commit *c = isms_audit_commit(a, i);
		isms_finding *f;
		if (isms_date_known(c->date))
			continue;
		isms_audit_commit_hex(a, i, hex);
		hex[12] = '\0'; /* as evidence shows it */
		/* the raw time, never a date made of it */
		f = isms_findings_add(
		    out, r, NULL, 0, "repository", hex,
		    "commit %s has the committer time %" PRId64
		    " (seconds from 1970-01-01), outside the years 1970 to 9999: its "
		    "date is unknown, and no finding rests on it",
		    hex, c->time);
		isms_rule_evidence(a, f, i, "committer time out of range");
	}
	return 0;
}
