#include "report/escape.h"

#include <string.h>

#include "isms/report.h"

int isms_report_unsafe_char(gunichar c)
{
	return g_unichar_iscntrl(c) || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e) ||
	       (c >= 0x2066 && c <= 0x2069);
}

/* Whether the '[' at `p` opens a logging command that a CI runner acts on
 * anywhere in a line: GitHub Actions' "##[command]" (the runner's legacy
 * form, still parsed) and Azure Pipelines' "##vso[command]". */
static int opens_log_command(const char *start, const char *p)
{
	return (p - start >= 2 && strncmp(p - 2, "##", 2) == 0) ||
	       (p - start >= 5 && g_ascii_strncasecmp(p - 5, "##vso", 5) == 0);
}

void isms_report_text_escape(GString *out, const char *s)
{
	char *valid;

	if (!s)
		return;
	valid = g_utf8_make_valid(s, -1);
	for (const char *p = valid; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (isms_report_unsafe_char(c) || (c == '[' && opens_log_command(valid, p)))
			g_string_append_c(out, '?');
		else
			g_string_append_len(out, p, g_utf8_next_char(p) - p);
	}
	g_free(valid);
}
