#ifndef ISMS_CLI_OUTPUT_H
#define ISMS_CLI_OUTPUT_H

#include <stdio.h>

/*
 * The files the program writes (reports, the trend, init --output): each is
 * written to a temporary file in the target's folder and renamed into place
 * once complete, so a report is there whole or not at all, and a target
 * that is a symbolic link (a pull request can commit `isms.sarif ->
 * ~/.profile`) or not a regular file is refused, never written through.
 * The system's names of the program's streams and of the null device
 * (/dev/stdout, /dev/stderr, /dev/null, /dev/tty, /dev/fd/N,
 * /proc/self/fd/N), and a character device or a pipe named directly, are
 * written in place: there is nothing to replace there, and no checkout can
 * put a file at those names.
 */
typedef struct {
	FILE *fp;         /* write here */
	const char *path; /* the target, borrowed */
	const char *what; /* "the json report": for messages, borrowed */
	char *tmp;        /* the temporary file, or NULL when written in place */
	int keep;         /* an existing target is kept (init without --force) */
} output_file;

/*
 * Whether `path` can take `what` (as "the sarif report"): 0, or
 * ISMS_EREPO with a message naming the file when it is a symbolic link or
 * not a regular file. Run before the audit, so that no report is written
 * when one of them would be refused.
 */
int output_check(const char *path, const char *what);

/*
 * Open `path` for `what`: `keep` refuses an existing target (ISMS_EUSAGE,
 * "already exists; pass --force to overwrite it"). Returns 0 and fills *o,
 * or an error code with its message set. Finish with output_close().
 */
int output_open(output_file *o, const char *path, const char *what, int keep);

/*
 * Close the file; with `error` 0 (the caller wrote everything) put it in
 * place, otherwise discard it and leave the target as it was. Returns
 * `error`, or when it is 0 the failure to write the file or put it in place
 * (an error code with its message set).
 */
int output_close(output_file *o, int error);

#endif
