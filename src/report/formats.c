/* The format table: `--format NAME` picks a row. */
#include <string.h>

#include "isms/report.h"

/* name, summary, write, needs_trend, colour, whole */
const isms_report_format isms_report_formats[] = {
    {"text", "the auditor's report for a terminal (default)", isms_report_text, 0, 1, 0},
    {"json", "the full audit model and findings (README, JSON output)", isms_report_json, 0, 0, 0},
    {"sarif", "SARIF 2.1.0 for GitHub code scanning", isms_report_sarif, 0, 0, 1},
    {"junit", "JUnit XML for CI test reports: a testsuite per clause", isms_report_junit, 0, 0, 0},
    {"codeclimate", "the GitLab Code Quality report (Code Climate JSON)", isms_report_codeclimate,
     0, 0, 0},
    {"github", "GitHub Actions annotations (workflow commands), the most severe first",
     isms_report_github, 0, 0, 0},
    {"markdown", "a GitHub-flavoured Markdown summary for $GITHUB_STEP_SUMMARY (under 1 MiB)",
     isms_report_markdown, 0, 0, 0},
    {"html", "a self-contained HTML self-assessment with charts, for the management review",
     isms_report_html, 1, 0, 0},
};

const size_t isms_report_formats_count =
    sizeof(isms_report_formats) / sizeof(isms_report_formats[0]);

const isms_report_format *isms_report_format_find(const char *name)
{
	for (size_t i = 0; i < isms_report_formats_count; i++)
		if (strcmp(isms_report_formats[i].name, name) == 0)
			return &isms_report_formats[i];
	return NULL;
}
