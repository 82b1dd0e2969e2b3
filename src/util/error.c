#include "isms/error.h"

#include <glib.h>
#include <stdarg.h>
#include <string.h>

#include "isms/text.h"

/* One message at a time is enough: the CLI is single-threaded and prints the
 * error as soon as a call returns. */
static char last_error[1024];

int isms_error_set(int code, const char *fmt, ...)
{
	char *msg;
	size_t len, n;
	va_list ap;

	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	/* the message is one line, whatever a quoted path or value holds (a
	 * control character shows as '?'), cut between characters */
	len = strlen(msg);
	n = isms_text_prefix(msg, len, len, sizeof(last_error) - 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)msg[i];
		last_error[i] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	last_error[n] = '\0';
	g_free(msg);
	return code;
}

const char *isms_error_last(void)
{
	return last_error;
}

void isms_error_clear(void)
{
	last_error[0] = '\0';
}
