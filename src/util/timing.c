#include "isms/timing.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

static int enabled(void)
{
	static int on = -1;

	if (on < 0)
		on = getenv("ISMS_AUDIT_TIMINGS") != NULL;
	return on;
}

void isms_timing_count(const char *what, size_t n, size_t of)
{
	if (enabled())
		fprintf(stderr, "isms-audit: timing: %s %zu of %zu bytes\n", what, n, of);
}

void isms_timing(const char *phase)
{
	static gint64 last;
	gint64 t;

	if (!enabled())
		return;
	t = g_get_monotonic_time();
	if (last) {
		double heap = 0;
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
		heap = (double)mallinfo2().uordblks / (1024 * 1024);
#endif
		fprintf(stderr, "isms-audit: timing: %s %.4f s, heap %.1f MB\n", phase,
		        (double)(t - last) / 1e6, heap);
	}
	last = t;
}
