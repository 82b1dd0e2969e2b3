#ifndef ISMS_CLAUSES_H
#define ISMS_CLAUSES_H

#include <glib.h>

#include "isms/frontmatter.h"

/* Short titles of ISO/IEC 27001:2022 clauses, in our own words, for
 * grouping findings. Returns "" for a clause not in the table. */
const char *isms_clause_title(const char *clause);

/* Clause numbers compared part by part, as reports order them: 7.5.2
 * before 7.5.10 before 10.1, 10.2 before 10.2 c. strcmp-like result. */
int isms_clause_cmp(const char *a, const char *b);

/*
 * The canonical spelling of a clause reference as people write it in
 * front matter: "6.1.3(d)", "6.1.3 d)", "6.1.3d", "Clause 8.2" and
 * "9.3 Management review" give "6.1.3 d", "8.2", "9.3". Returns a string
 * the caller frees, or NULL when `text` does not start with a clause
 * number.
 */
char *isms_clause_normalize(const char *text);

/* Append to `out` (char *, caller frees) the canonical clauses of a
 * `clauses:` front matter value: a list, or one string of clauses separated
 * by commas or semicolons. Entries that are no clause are skipped. */
void isms_clause_list(const isms_fm_field *field, GPtrArray *out);

/* The clause a document stands for by its type, the type compared as a
 * header key: a register for 10.2, a management review record for 9.3, an
 * internal audit record for 9.2, the SoA (`soa`, `statement of
 * applicability`) for 6.1.3 d; NULL for other types. */
const char *isms_clause_of_type(const char *type);

/* Whether a declared clause (canonical) covers `clause`: the same clause, or
 * a sub-item of it ("7.2 d" for 7.2) that is not itself in `mandatory`, so
 * that the SoA (6.1.3 d) never stands for the risk treatment process. */
int isms_clause_covers(const char *declared, const char *clause, const GPtrArray *mandatory);

#endif
