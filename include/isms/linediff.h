#ifndef ISMS_LINEDIFF_H
#define ISMS_LINEDIFF_H

#include <glib.h>
#include <stddef.h>

#include "isms/register.h"

/*
 * The lines that changed from `a` to `b`, as hunks in git's numbering
 * (isms_line_hunk), appended to `out` in file order. Lines both versions
 * start and end with are set aside with memcmp; in what is left, lines
 * found exactly once on each side anchor the comparison (the patience
 * method), and whatever lies between two anchors is one hunk. The result
 * is a correct diff, not always the shortest: a register reads the rows
 * of each hunk again, so a few rows more cost little, while hashing every
 * line of both versions (as git's diff does, and libgit2's buffer diff
 * adds a SHA-1 of both) cost more than reading them on large registers.
 * Cannot fail.
 */
void isms_line_diff(const char *a, size_t alen, const char *b, size_t blen, GArray *out);

#endif
