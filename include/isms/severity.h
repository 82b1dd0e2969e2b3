#ifndef ISMS_SEVERITY_H
#define ISMS_SEVERITY_H

/* How an auditor grades a finding, lowest first so that `>=` compares. */
typedef enum {
	ISMS_SEV_OBSERVATION = 0,
	ISMS_SEV_MINOR = 1,
	ISMS_SEV_MAJOR = 2,
	ISMS_SEV_NEVER = 3 /* only as a --fail-on level: nothing fails */
} isms_severity;

/* "major", "minor", "observation" (and "never"). */
const char *isms_severity_name(isms_severity s);

/* Parse a severity or fail-on level name; returns 0 or -1. `allow_never`
 * accepts "never". */
int isms_severity_parse(const char *name, int allow_never, isms_severity *out);

#endif
