/* The format table: `--format NAME` picks a row. */
#include <string.h>

#include "isms/report.h"

const isms_report_format isms_report_formats[] = {
    {"text", "the auditor's report for a terminal (default)", isms_report_text},
    {"json", "the full audit model and findings (README, JSON output)", isms_report_json},
    {"sarif", "SARIF 2.1.0 for GitHub code scanning", isms_report_sarif},
    {"junit", "JUnit XML for CI test reports: a testsuite per clause", isms_report_junit},
    {"codeclimate", "the GitLab Code Quality report (Code Climate JSON)", isms_report_codeclimate},
    {"github", "GitHub Actions annotations (workflow commands), the most severe first",
     isms_report_github},
    {"markdown", "a GitHub-flavoured Markdown summary for $GITHUB_STEP_SUMMARY (under 1 MiB)",
     isms_report_markdown},
    {"html", "a self-contained HTML self-assessment with charts, for the management review",
     isms_report_html},
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
