/* The versions of the libraries the program runs with, for --version. */
#include "isms/version.h"

#include <cmark-gfm.h>
#include <git2.h>
#include <glib.h>
#include <yaml.h>

char *isms_library_versions(void)
{
	int major = 0, minor = 0, rev = 0;

	git_libgit2_version(&major, &minor, &rev);
	return g_strdup_printf("libgit2 %d.%d.%d, cmark-gfm %s, libyaml %s", major, minor, rev,
	                       cmark_version_string(), yaml_get_version_string());
}
