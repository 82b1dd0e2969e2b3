#include "isms/severity.h"

#include <string.h>

static const char *const names[] = {"observation", "minor", "major", "never"};

const char *isms_severity_name(isms_severity s)
{
	return s <= ISMS_SEV_NEVER ? names[s] : "?";
}

int isms_severity_parse(const char *name, int allow_never, isms_severity *out)
{
	for (int s = 0; s <= ISMS_SEV_NEVER; s++)
		if (strcmp(name, names[s]) == 0) {
			if (s == ISMS_SEV_NEVER && !allow_never)
				return -1;
			*out = (isms_severity)s;
			return 0;
		}
	return -1;
}
