#ifndef ISMS_WAIVER_H
#define ISMS_WAIVER_H

#include "isms/date.h"

/*
 * A waiver: a finding accepted as a risk, with management's sign-off and an
 * expiry date, from the `waivers:` list of the configuration. A waiver
 * names a rule and narrows it by a path glob, an item, or both.
 */
typedef struct {
	char *rule; /* rule id as in the table */
	char *path; /* glob over repository paths, or NULL */
	char *item; /* a finding's item (clause, item id, field), or NULL */
	char *reason;
	char *approved_by;
	isms_day expires; /* waives up to and including this day */
	int line;         /* of the waiver in the configuration file */
} isms_waiver;

#endif
