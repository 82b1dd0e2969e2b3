#ifndef ISMS_WRAP_H
#define ISMS_WRAP_H

#include <glib.h>
#include <stddef.h>

/*
 * Append `text` to `out` as lines of at most `width` columns, the first
 * starting with `first`, the others with `rest` (prefixes count in the
 * width), each ending with a newline. Words are split on spaces and never
 * broken: a word longer than the line stands alone. Columns are counted in
 * UTF-8 characters. Text without a word appends nothing.
 */
void isms_wrap_append(GString *out, const char *text, const char *first, const char *rest,
                      size_t width);

#endif
