#ifndef ISMS_TIMING_H
#define ISMS_TIMING_H

#include <stddef.h>

/*
 * Phase timings for the benchmark: with ISMS_AUDIT_TIMINGS set in the
 * environment, isms_timing("phase") prints "isms-audit: timing: phase
 * SECONDS s, heap MB MB" to stderr: the time since the previous call (the
 * first call starts the clock and prints nothing) and the heap in use
 * (glibc's mallinfo2; 0 elsewhere). Without the
 * variable it does nothing. bench/run reads these lines to set the register
 * replay against git's own reading of the register's versions.
 */
void isms_timing(const char *phase);

/* With ISMS_AUDIT_TIMINGS set, print "isms-audit: timing: WHAT N of OF
 * bytes" to stderr (the parse budget used: "parsed"). */
void isms_timing_count(const char *what, size_t n, size_t of);

#endif
