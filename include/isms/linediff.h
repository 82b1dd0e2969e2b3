#ifndef ISMS_LINEDIFF_H
#define ISMS_LINEDIFF_H

#include <glib.h>
#include <stddef.h>

/* Lines changed between two versions of a file, as git reports a hunk:
 * old_lines lines from old_start replaced by new_lines lines from
 * new_start (1-based; a count of 0 means an insertion or deletion after
 * that line). */
typedef struct {
	int old_start, old_lines, new_start, new_lines;
} isms_line_hunk;

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
