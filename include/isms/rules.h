#ifndef ISMS_RULES_H
#define ISMS_RULES_H

#include <stddef.h>

#include "isms/finding.h"

typedef struct isms_audit isms_audit;

/*
 * The rule table: one row per rule. `rules`, `explain`, the reports and the
 * README's rule list all read it. A check function reads the audit model
 * and appends findings; it never prints.
 */
struct isms_rule {
	const char *id;
	const char *clause;
	isms_severity severity;
	const char *summary;     /* one line: what the rule finds */
	const char *requirement; /* what the clause asks, in our own words */
	const char *explanation; /* why it matters and how to fix it */
	int date_based;          /* depends on commit dates: unproven on shallow clones */
	int (*check)(const isms_audit *audit, const isms_rule *self, isms_findings *out);
};

extern const isms_rule isms_rules[];
extern const size_t isms_rules_count;

/* The rule with this id, or NULL. */
const isms_rule *isms_rule_find(const char *id);

/* Run every rule over the audit; findings are sorted. Returns 0 or an
 * error code from a check. */
int isms_rules_run(const isms_audit *audit, isms_findings *out);

#endif
