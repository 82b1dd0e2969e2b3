#ifndef ISMS_TIMING_H
#define ISMS_TIMING_H

/*
 * Phase timings for the benchmark: with ISMS_AUDIT_TIMINGS set in the
 * environment, isms_timing("phase") prints "isms-audit: timing: phase
 * SECONDS" to stderr, the time since the previous call (or since the
 * first call, which starts the clock and prints nothing). Without the
 * variable it does nothing. bench/run reads these lines to set the register
 * replay against git's own reading of the register's versions.
 */
void isms_timing(const char *phase);

#endif
