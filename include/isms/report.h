#ifndef ISMS_REPORT_H
#define ISMS_REPORT_H

#include <stdio.h>

#include "isms/audit.h"
#include "isms/finding.h"

/*
 * Reports: one function per format over the audit model and the sorted
 * finding list. Reports never decide anything; they only format.
 */
typedef struct {
	int color;              /* ANSI colour in the text report */
	isms_severity fail_on;  /* shown in the summary */
} isms_report_options;

#define ISMS_REPORT_OPTIONS_INIT {0, ISMS_SEV_MINOR}

/* The auditor's report: findings grouped by clause, then a summary line.
 * Returns 0, or ISMS_EREPO if writing fails. */
int isms_report_text(const isms_audit *a, const isms_findings *fs,
                     const isms_report_options *opts, FILE *out);

/* The JSON contract (README, "JSON output"). Returns 0 or ISMS_EREPO. */
int isms_report_json(const isms_audit *a, const isms_findings *fs,
                     const isms_report_options *opts, FILE *out);

#endif
