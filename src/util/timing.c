#include "isms/timing.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

void isms_timing(const char *phase)
{
	static int enabled = -1;
	static gint64 last;
	gint64 t;

	if (enabled < 0)
		enabled = getenv("ISMS_AUDIT_TIMINGS") != NULL;
	if (!enabled)
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
