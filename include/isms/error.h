#ifndef ISMS_ERROR_H
#define ISMS_ERROR_H

/*
 * Error codes returned by every function of the library that can fail, and
 * the one helper that records the message that goes with them. Callers pass
 * the code up unchanged; the CLI maps it to an exit code.
 */
enum {
	ISMS_OK = 0,
	ISMS_ERROR = -1,   /* generic failure (out of memory, internal) */
	ISMS_EUSAGE = -2,  /* bad command line or configuration: exit 2 */
	ISMS_EREPO = -3,   /* repository or I/O error: exit 3 */
	ISMS_ESHALLOW = -4 /* shallow clone without --allow-shallow: exit 3 */
};

/*
 * Record the message of the error being returned: printf-style, lowercase,
 * naming the file and the cause. Returns `code` so that a failure path reads
 * `return isms_error_set(ISMS_EREPO, "...")`. The message is kept as one
 * line of at most 1023 bytes: control characters (a newline in a file
 * name) become '?', and a cut never splits a UTF-8 sequence.
 */
int isms_error_set(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The message of the last recorded error, or "" if none. Borrowed. */
const char *isms_error_last(void);

/* Forget the last error. */
void isms_error_clear(void);

#endif
