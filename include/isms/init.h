#ifndef ISMS_INIT_H
#define ISMS_INIT_H

/*
 * A starter configuration for a repository: `isms-audit init` looks at the
 * Markdown files committed at HEAD (never the work tree; nothing in the
 * repository is executed or written) and writes a commented
 * `.isms-audit.yml` that fits them: the folders of the controlled
 * documents, the front matter keys in use and the fields they are read as,
 * the document types, registers, Statement of Applicability, management
 * review and internal audit records, the mandatory clauses no document
 * declares yet, then every other key at its default.
 */

typedef struct {
	const char *path; /* a folder inside the work tree, or a git dir */
} isms_init_options;

#define ISMS_INIT_OPTIONS_INIT                                                                     \
	{                                                                                          \
		"."                                                                                \
	}

/*
 * Inspect the repository at opts->path (NULL opts: the current folder) and
 * return the starter configuration in *out (caller frees with g_free). The
 * text is valid YAML that isms_config_load() accepts as it is: keys this
 * build's loader does not know are written only as comments. Returns 0, or
 * ISMS_EREPO (no such folder, not a repository, no commits, unreadable
 * objects) or ISMS_ERROR.
 */
int isms_init_generate(char **out, const isms_init_options *opts);

#endif
