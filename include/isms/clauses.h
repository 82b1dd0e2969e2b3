#ifndef ISMS_CLAUSES_H
#define ISMS_CLAUSES_H

/* Short titles of ISO/IEC 27001:2022 clauses, in our own words, for
 * grouping findings. Returns "" for a clause not in the table. */
const char *isms_clause_title(const char *clause);

#endif
