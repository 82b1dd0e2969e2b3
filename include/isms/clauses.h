#ifndef ISMS_CLAUSES_H
#define ISMS_CLAUSES_H

/* Short titles of ISO/IEC 27001:2022 clauses, in our own words, for
 * grouping findings. Returns "" for a clause not in the table. */
const char *isms_clause_title(const char *clause);

/*
 * The canonical spelling of a clause reference as people write it in
 * front matter: "6.1.3(d)", "6.1.3 d)", "6.1.3d", "Clause 8.2" and
 * "9.3 Management review" give "6.1.3 d", "8.2", "9.3". Returns a string
 * the caller frees, or NULL when `text` does not start with a clause
 * number.
 */
char *isms_clause_normalize(const char *text);

#endif
