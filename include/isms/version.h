#ifndef ISMS_VERSION_H
#define ISMS_VERSION_H

#define ISMS_NAME "isms-audit"
#define ISMS_URI  "https://github.com/isms-audit/isms-audit"

/* The version (scripts/version: a SemVer such as 0.2.0 or 0.2.0+5.g1a2b3c4),
 * compiled into build/version.c by the Makefile. */
extern const char isms_version[];
#define ISMS_VERSION isms_version

/* "libgit2 1.5.1, cmark-gfm 0.29.0.gfm.6, libyaml 0.2.5": the versions of the
 * libraries the program runs with (not those it was built against). Caller
 * frees (g_free). */
char *isms_library_versions(void);

#endif
