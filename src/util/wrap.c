#include "isms/wrap.h"

#include <string.h>

void isms_wrap_append(GString *out, const char *text, const char *first, const char *rest,
                      size_t width)
{
	const char *p = text, *prefix = first;
	size_t col = 0;

	while (*p) {
		const char *end;
		size_t wlen;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		end = strchr(p, ' ');
		if (!end)
			end = p + strlen(p);
		wlen = (size_t)g_utf8_strlen(p, end - p);
		if (col > 0 && col + 1 + wlen > width) {
			g_string_append_c(out, '\n');
			col = 0;
			prefix = rest;
		}
		if (col == 0) {
			g_string_append(out, prefix);
			col = (size_t)g_utf8_strlen(prefix, -1);
		} else {
			g_string_append_c(out, ' ');
			col++;
		}
		g_string_append_len(out, p, end - p);
		col += wlen;
		p = end;
	}
	if (col > 0)
		g_string_append_c(out, '\n');
}
