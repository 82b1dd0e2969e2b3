#include "isms/timing.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

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
	if (last)
		fprintf(stderr, "isms-audit: timing: %s %.4f\n", phase, (double)(t - last) / 1e6);
	last = t;
}
