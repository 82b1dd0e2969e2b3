#ifndef ISMS_REPORT_ESCAPE_H
#define ISMS_REPORT_ESCAPE_H

/* What the report formats share about showing repository text to a reader. */

#include <glib.h>

/*
 * Whether a character could hide, reorder or split what a reader sees: the
 * controls (C0, DEL, C1: ANSI and OSC escape sequences start with ESC or
 * CSI), the Unicode line and paragraph separators, and the bidirectional
 * embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069),
 * which can make text read in another order than it is stored. The formats
 * a person reads (text, github, markdown, html) never show them as they are.
 */
int isms_report_unsafe_char(gunichar c);

#endif
