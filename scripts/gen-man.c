/* gen-man: the manual page isms-audit.1 from its template and the tables.
 *
 *   gen-man docs/isms-audit.1.in > build/isms-audit.1
 *
 * The template is man(7) source. A line "@FORMATS@" becomes the report
 * format table (`--format`), a line "@RULES@" the rule table, and
 * "@VERSION@" anywhere the program's version: the page lists what the
 * program it ships with does, the same rows `--help`, `rules` and
 * `explain` print. Built by `make` into the build folder, never committed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "isms/finding.h"
#include "isms/report.h"
#include "isms/rules.h"
#include "isms/version.h"

/* Append table text as roff running text: a backslash is printed as one,
 * a line cannot start a request, and with `minus` a hyphen is a minus sign
 * (rule ids and options are typed, so they must copy as ASCII). */
static void roff_text(GString *out, const char *s, int minus)
{
	if (*s == '.' || *s == '\'')
		g_string_append(out, "\\&");
	for (; *s; s++) {
		if (*s == '\\')
			g_string_append(out, "\\e");
		else if (*s == '-' && minus)
			g_string_append(out, "\\-");
		else
			g_string_append_c(out, *s);
	}
}

/* Append text as roff filled text, in source lines of at most 78 bytes
 * (mandoc's style check asks for 80): roff joins them again. */
static void roff_fill(GString *out, const char *s)
{
	gchar **words = g_strsplit(s, " ", -1);
	gsize start = out->len;

	for (gchar **w = words; *w; w++) {
		if (!**w)
			continue;
		if (out->len > start && out->len - start + 1 + strlen(*w) > 78) {
			g_string_append_c(out, '\n');
			start = out->len;
		} else if (out->len > start) {
			g_string_append_c(out, ' ');
		}
		roff_text(out, *w, 0);
	}
	g_string_append_c(out, '\n');
	g_strfreev(words);
}

static void formats(GString *out)
{
	for (size_t i = 0; i < isms_report_formats_count; i++) {
		g_string_append(out, ".TP\n.B ");
		roff_text(out, isms_report_formats[i].name, 1);
		g_string_append_c(out, '\n');
		roff_fill(out, isms_report_formats[i].summary);
	}
}

static void rules(GString *out)
{
	for (size_t i = 0; i < isms_rules_count; i++) {
		const isms_rule *r = &isms_rules[i];
		char *text = g_strdup_printf(
		    "clause %s, %s%s: %s", r->clause, isms_severity_name(r->severity),
		    (r->flags & ISMS_RULE_DATE_BASED) ? ", from commit dates" : "", r->summary);

		g_string_append(out, ".TP\n.B ");
		roff_text(out, r->id, 1);
		g_string_append_c(out, '\n');
		roff_fill(out, text);
		g_free(text);
	}
}

int main(int argc, char **argv)
{
	char *text = NULL, **lines = NULL;
	GString *out = NULL;
	GError *error = NULL;
	int seen_rules = 0, seen_formats = 0, rc = EXIT_FAILURE;

	if (argc != 2) {
		fprintf(stderr, "usage: gen-man TEMPLATE > isms-audit.1\n");
		return EXIT_FAILURE;
	}
	if (!g_file_get_contents(argv[1], &text, NULL, &error)) {
		fprintf(stderr, "gen-man: %s\n", error->message);
		g_error_free(error);
		return EXIT_FAILURE;
	}
	out = g_string_new(NULL);
	lines = g_strsplit(text, "\n", -1);
	for (char **l = lines; *l; l++) {
		if (strcmp(*l, "@RULES@") == 0) {
			rules(out);
			seen_rules++;
		} else if (strcmp(*l, "@FORMATS@") == 0) {
			formats(out);
			seen_formats++;
		} else {
			gchar **parts = g_strsplit(*l, "@VERSION@", -1);
			char *line = g_strjoinv(ISMS_VERSION, parts);

			g_strfreev(parts);
			g_string_append(out, line);
			g_free(line);
			if (l[1])
				g_string_append_c(out, '\n');
		}
	}
	if (seen_rules != 1 || seen_formats != 1) {
		fprintf(stderr, "gen-man: %s: needs one @RULES@ line and one @FORMATS@ line\n",
		        argv[1]);
		goto done;
	}
	if (fwrite(out->str, 1, out->len, stdout) != out->len || fflush(stdout) != 0) {
		fprintf(stderr, "gen-man: cannot write the page: %s\n", strerror(errno));
		goto done;
	}
	rc = EXIT_SUCCESS;
done:
	g_strfreev(lines);
	g_string_free(out, TRUE);
	g_free(text);
	return rc;
}
