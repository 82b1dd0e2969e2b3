#ifndef ISMS_RULES_H
#define ISMS_RULES_H

#include <stddef.h>

#include "isms/finding.h"

typedef struct isms_audit isms_audit;

/* What the rest of the program needs to know about a rule, as flags of its
 * row: pull-request mode, waivers and the trend read them, never rule ids. */
typedef enum {
	/* depends on commit dates: unproven on shallow clones */
	ISMS_RULE_DATE_BASED = 1 << 0,
	/* its evidence names the commits that did what it finds (a removal, a
	 * late record, an edit without a new version): with --base, a finding
	 * whose evidence names a commit of the change is introduced by it even
	 * when the base had one with its fingerprint */
	ISMS_RULE_CITES_CHANGE = 1 << 1,
	/* a waiver of this rule is a configuration error */
	ISMS_RULE_UNWAIVABLE = 1 << 2,
	/* each finding is an overdue document review (counted by the trend) */
	ISMS_RULE_COUNTS_OVERDUE_DOCUMENT = 1 << 3,
	/* each finding is an overdue register action (counted by the trend) */
	ISMS_RULE_COUNTS_OVERDUE_ACTION = 1 << 4,
	/* its findings are about the change itself, compared with its base (it
	 * finds nothing without --base): every one is introduced, and
	 * pull-request mode names it when it sets the change's configuration
	 * aside */
	ISMS_RULE_ABOUT_CHANGE = 1 << 5,
	/* it judges how commits reached the branch (their approval): with
	 * --base, the change's own commits are not merged yet, so a finding
	 * whose evidence names one of them is not reported */
	ISMS_RULE_AWAITS_MERGE = 1 << 6,
} isms_rule_flag;

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
	unsigned flags;          /* isms_rule_flag bits */
	int (*check)(const isms_audit *audit, const isms_rule *self, isms_findings *out);
};

extern const isms_rule isms_rules[];
extern const size_t isms_rules_count;

/* The rule with this id, or NULL. */
const isms_rule *isms_rule_find(const char *id);

/* ": did you mean 'DOC-REVIEW-OVERDUE'?" for an id that looks like a typo
 * of a rule's, else "" (isms_text_closest). Caller frees. */
char *isms_rule_suggestion(const char *id);

/* Run every rule over the audit; findings are sorted. Returns 0 or an
 * error code from a check. */
int isms_rules_run(const isms_audit *audit, isms_findings *out);

#endif
