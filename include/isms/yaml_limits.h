#ifndef ISMS_YAML_LIMITS_H
#define ISMS_YAML_LIMITS_H

#include <stddef.h>

/*
 * The limits every YAML text read from a repository (front matter, the
 * configuration) is held to before libyaml loads it. libyaml keeps an
 * alias as a reference to its anchor's node, so a "billion laughs" costs
 * it nothing, but whoever walks the values (a list joined to text, a key
 * copied per item) would expand it; and its scanner slows down
 * quadratically with the nesting depth.
 */

#define ISMS_YAML_MAX_DEPTH     64      /* nested mappings and sequences */
#define ISMS_YAML_MAX_NODES     100000  /* scalars, collections and aliases as written */
#define ISMS_YAML_MAX_EXPANSION 1048576 /* weight that aliases repeat, in all */

typedef struct {
	char message[192]; /* what exceeds which limit, lowercase, no file name */
	int line;          /* 0-based line of the node where it was found */
} isms_yaml_problem;

/*
 * Read (buf, len) as a stream of YAML events and check it against the
 * limits: nesting depth, node count, and the weight that aliases repeat (a
 * scalar weighs its length plus one, a collection one plus its content,
 * an alias its anchor's weight). An alias inside the node it refers to is
 * refused too. Returns 0 when the text is within the limits or is not
 * valid YAML (the loader reports that), -1 with out filled in otherwise.
 */
int isms_yaml_check_limits(const char *buf, size_t len, isms_yaml_problem *out);

#endif
