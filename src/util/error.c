#include "isms/error.h"

#include <stdarg.h>
#include <stdio.h>

/* One message at a time is enough: the CLI is single-threaded and prints the
 * error as soon as a call returns. */
static char last_error[1024];

int isms_error_set(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_error, sizeof(last_error), fmt, ap);
	va_end(ap);
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
