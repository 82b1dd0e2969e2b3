#include "report/escape.h"

#include "isms/report.h"

int isms_report_unsafe_char(gunichar c)
{
	return g_unichar_iscntrl(c) || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e) ||
	       (c >= 0x2066 && c <= 0x2069);
}

void isms_report_text_escape(GString *out, const char *s)
{
	char *valid;

	if (!s)
		return;
	valid = g_utf8_make_valid(s, -1);
	for (const char *p = valid; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (isms_report_unsafe_char(c))
			g_string_append_c(out, '?');
		else
			g_string_append_len(out, p, g_utf8_next_char(p) - p);
	}
	g_free(valid);
}
