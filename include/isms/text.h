#ifndef ISMS_TEXT_H
#define ISMS_TEXT_H

#include <glib.h>
#include <stdarg.h>
#include <stddef.h>

/*
 * Repository text quoted in messages. A title, cell, id or path can be as
 * long as the file that holds it (a 10 MB line): messages quote at most
 * ISMS_QUOTE_MAX characters of any one value and mark the cut with "…".
 * A cut never splits a UTF-8 sequence; an invalid byte counts as one
 * character.
 */

#define ISMS_QUOTE_MAX 200

/*
 * The length in bytes of the longest prefix of (s, len) that holds at most
 * `max_chars` characters and `max_bytes` bytes without splitting a UTF-8
 * sequence.
 */
size_t isms_text_prefix(const char *s, size_t len, size_t max_chars, size_t max_bytes);

/* Append `s` (NUL-terminated) to `out`, cut after ISMS_QUOTE_MAX characters
 * with "…". */
void isms_text_append_quoted(GString *out, const char *s);

/*
 * printf into `out`, every `%s` argument without a precision cut as
 * isms_text_append_quoted() does (`%.Ns` keeps printf's meaning). Supports
 * the conversions of C99 printf but `%n`.
 */
void isms_text_vappendf(GString *out, const char *fmt, va_list ap);

/* The same into a new string; caller frees with g_free(). */
char *isms_text_printf(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

/*
 * The candidate a mistyped `word` most likely meant, for "did you mean":
 * the one at the smallest edit distance (insertions, deletions,
 * substitutions and swaps of two neighbours; ASCII case ignored), when that
 * distance is at most 2 and less than half the word's length; NULL when
 * none is that close, or two are equally close. `n` candidates, borrowed.
 */
const char *isms_text_closest(const char *word, const char *const *candidates, size_t n);

#endif
