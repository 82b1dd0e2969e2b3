#ifndef ISMS_REPORT_H
#define ISMS_REPORT_H

#include <stdio.h>

#include "isms/audit.h"
#include "isms/base.h"
#include "isms/finding.h"
#include "isms/trend.h"

/*
 * Reports: one function per format over the audit model and the sorted
 * finding list. Reports never decide anything; they only format. Every
 * string that comes from the audited repository is escaped for the format
 * it lands in: no document text can break out of its field.
 */
typedef struct {
	int color;               /* ANSI colour in the text report */
	isms_severity fail_on;   /* shown in the summary; junit: failures at or above it */
	const isms_trend *trend; /* the HTML report's trend chart, or NULL */
	const isms_base *base;   /* pull-request mode (--base), or NULL */
} isms_report_options;

#define ISMS_REPORT_OPTIONS_INIT                                                                   \
	{                                                                                          \
		0, ISMS_SEV_MINOR, NULL, NULL                                                      \
	}

typedef int (*isms_report_fn)(const isms_audit *a, const isms_findings *fs,
                              const isms_report_options *opts, FILE *out);

/* One row of the format table (`--format NAME`). The flags say what a
 * run must prepare for the format, so that the program asks the row
 * instead of knowing formats by name. */
typedef struct {
	const char *name;
	const char *summary; /* for --help and the README */
	isms_report_fn write;
	int needs_trend; /* draws the trend chart: check computes the trend for it */
	int colour;      /* may colour its output (ANSI) when it goes to a terminal */
	int whole;       /* with --base, every finding at HEAD all the same: the reader
	                  * compares with the base's report itself (code scanning) */
} isms_report_format;

extern const isms_report_format isms_report_formats[];
extern const size_t isms_report_formats_count;

/* The format called `name`, or NULL. */
const isms_report_format *isms_report_format_find(const char *name);

/* Append repository text `s` (may be NULL) as the text report writes it,
 * safe on a terminal and in a CI log: invalid UTF-8 as U+FFFD, and as '?'
 * every character that could hide, reorder or split what is shown
 * (controls, line breaks and tabs included, so that it stays on its line;
 * escape sequences; bidirectional overrides) and the '[' of "##[" and
 * "##vso[", which CI runners take for a command anywhere in a line. */
void isms_report_text_escape(GString *out, const char *s);

/* The auditor's report: findings grouped by clause, then a summary line.
 * Each function returns 0, or ISMS_EREPO if writing fails. */
int isms_report_text(const isms_audit *a, const isms_findings *fs, const isms_report_options *opts,
                     FILE *out);

/* The JSON contract (README, "JSON output"). */
int isms_report_json(const isms_audit *a, const isms_findings *fs, const isms_report_options *opts,
                     FILE *out);

/* SARIF 2.1.0 for GitHub code scanning: at most ISMS_SARIF_MAX_RESULTS
 * results (the most severe, waived ones last), the others counted in the
 * run's toolExecutionNotifications and in one line on stderr. */
int isms_report_sarif(const isms_audit *a, const isms_findings *fs, const isms_report_options *opts,
                      FILE *out);

/* JUnit XML: a testsuite per clause, a testcase per rule and subject. */
int isms_report_junit(const isms_audit *a, const isms_findings *fs, const isms_report_options *opts,
                      FILE *out);

/* The GitLab Code Quality JSON array. */
int isms_report_codeclimate(const isms_audit *a, const isms_findings *fs,
                            const isms_report_options *opts, FILE *out);

/* GitHub Actions workflow commands (annotations). */
int isms_report_github(const isms_audit *a, const isms_findings *fs,
                       const isms_report_options *opts, FILE *out);

/* A GitHub-flavoured Markdown summary, under 1 MiB. */
int isms_report_markdown(const isms_audit *a, const isms_findings *fs,
                         const isms_report_options *opts, FILE *out);

/* GitHub code scanning rejects a SARIF run with more results than this
 * (and shows the 5,000 most severe). */
#define ISMS_SARIF_MAX_RESULTS 25000

/* The markdown report stays under this many bytes: GitHub's step summary
 * limit is 1 MiB (1,048,576 bytes), less room for anything else the
 * same step writes to it. */
#define ISMS_REPORT_MARKDOWN_LIMIT 1000000

/* Append repository text `s` (may be NULL) as the markdown report writes
 * it: safe in a GFM table cell and in running text (markdown.c). */
void isms_report_markdown_cell(GString *out, const char *s);

/* The self-contained HTML self-assessment with inline SVG charts. */
int isms_report_html(const isms_audit *a, const isms_findings *fs, const isms_report_options *opts,
                     FILE *out);

/* Trend reports (`isms-audit trend`): a text table, CSV (RFC 4180), JSON,
 * or a self-contained HTML page with the trend chart. */
int isms_trend_report_text(const isms_trend *t, FILE *out);
int isms_trend_report_csv(const isms_trend *t, FILE *out);
int isms_trend_report_json(const isms_trend *t, FILE *out);
int isms_trend_report_html(const isms_trend *t, FILE *out);

#endif
