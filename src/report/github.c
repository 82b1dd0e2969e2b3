/* GitHub Actions workflow commands: one annotation per finding. */
#include <string.h>

#include "isms/error.h"
#include "isms/report.h"
#include "isms/rules.h"
#include "report/escape.h"

/*
 * GitHub shows only 10 annotations of each level per step ("GitHub Actions
 * are limited to 10 warning annotations and 10 error annotations per step",
 * docs.github.com/en/rest/checks/runs, annotations object; notices are
 * capped at 10 the same way) and drops the rest silently: the first printed
 * are the ones shown.
 */
#define PER_LEVEL 10

/* The annotation level of each severity, most severe first. */
static const struct {
	isms_severity severity;
	const char *command;
} levels[] = {
    {ISMS_SEV_MAJOR, "error"},
    {ISMS_SEV_MINOR, "warning"},
    {ISMS_SEV_OBSERVATION, "notice"},
};

/*
 * Append repository text escaped as the runner expects. The escapes are
 * those of actions/toolkit packages/core/src/command.ts: escapeData (the
 * message) turns % into %25, CR into %0D and LF into %0A; escapeProperty
 * (file, title) also turns : into %3A and , into %2C. With CR and LF encoded
 * an annotation is always one line, so no text can start a command of its
 * own; % is encoded first, so a literal "%0A" stays text ("%250A"). Beyond
 * the toolkit: invalid UTF-8 becomes U+FFFD, a tab a space, and the other
 * unsafe characters U+FFFD.
 */
static void escape(GString *out, const char *s, int property)
{
	char *valid;

	if (!s)
		return;
	valid = g_utf8_make_valid(s, -1);
	for (const char *p = valid; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		switch (c) {
		case '%': g_string_append(out, "%25"); break;
		case '\r': g_string_append(out, "%0D"); break;
		case '\n': g_string_append(out, "%0A"); break;
		case '\t': g_string_append_c(out, ' '); break;
		case ':':
		case ',':
			if (property)
				g_string_append(out, c == ':' ? "%3A" : "%2C");
			else
				g_string_append_c(out, (char)c);
			break;
		default: g_string_append_unichar(out, isms_report_unsafe_char(c) ? 0xfffd : c);
		}
	}
	g_free(valid);
}

/* One annotation: `::LEVEL file=PATH,line=N,title=TITLE::MESSAGE`. */
static void annotate(GString *out, const char *command, const isms_finding *f)
{
	char day[ISMS_DATE_BUFSIZE];
	GString *text = g_string_new(NULL);

	g_string_append_printf(out, "::%s ", command);
	if (f->path) {
		g_string_append(out, "file=");
		escape(out, f->path, 1);
		if (f->line > 0)
			g_string_append_printf(out, ",line=%d", f->line);
		g_string_append_c(out, ',');
	}
	/* the item in the title: it is what a waiver names (unless it is the
	 * clause already shown) */
	g_string_append_printf(text, "%s (clause %s, %s", f->rule->id, isms_finding_clause(f),
	                       isms_severity_name(f->severity));
	if (f->item && strcmp(f->item, isms_finding_clause(f)) != 0)
		g_string_append_printf(text, ", item %s", f->item);
	g_string_append_c(text, ')');
	g_string_append(out, "title=");
	escape(out, text->str, 1);

	/* the message, then the evidence a line each (GitHub shows the %0A) */
	g_string_assign(text, f->message);
	if (f->unproven)
		g_string_append(text, " (unproven: shallow clone)");
	for (guint k = 0; k < f->evidence->len; k++) {
		const isms_evidence *e = &g_array_index(f->evidence, isms_evidence, k);
		g_string_append_printf(text, "\nevidence: %.12s %s %s",
		                       e->commit[0] ? e->commit : "-",
		                       isms_date_format(e->date, day), e->note ? e->note : "");
	}
	g_string_append(out, "::");
	escape(out, text->str, 0);
	g_string_append_c(out, '\n');
	g_string_free(text, TRUE);
}

/*
 * The most severe first, each level in the report's (clause) order, at most
 * PER_LEVEL of each. When any is left out, a closing notice says how many
 * of each severity and where to read them; that notice counts against the
 * notices' own limit, so observations then get one place fewer. Waived
 * findings are never annotated nor counted in the notice: they are accepted
 * risks, not something to fix, and the text and markdown reports list them.
 */
int isms_report_github(const isms_audit *a, const isms_findings *fs,
                       const isms_report_options *opts, FILE *out)
{
	GString *buf = g_string_new(NULL);
	size_t count[G_N_ELEMENTS(levels)], cap[G_N_ELEMENTS(levels)], left[G_N_ELEMENTS(levels)];
	size_t total = 0;
	int error = 0;

	(void)a;
	(void)opts;
	for (size_t l = 0; l < G_N_ELEMENTS(levels); l++) {
		count[l] = isms_findings_count(fs, levels[l].severity);
		cap[l] = PER_LEVEL;
		total += count[l] > PER_LEVEL ? count[l] - PER_LEVEL : 0;
	}
	if (total)
		cap[G_N_ELEMENTS(levels) - 1] = PER_LEVEL - 1; /* room for the closing notice */
	total = 0;
	for (size_t l = 0; l < G_N_ELEMENTS(levels); l++) {
		size_t n = 0;
		for (guint i = 0; i < fs->items->len && n < cap[l]; i++) {
			const isms_finding *f = g_ptr_array_index(fs->items, i);
			if (f->severity == levels[l].severity) {
				annotate(buf, levels[l].command, f);
				n++;
			}
		}
		left[l] = count[l] - n;
		total += left[l];
	}
	if (total)
		g_string_append_printf(
		    buf,
		    "::notice title=isms-audit::%zu more finding%s (%zu major, %zu "
		    "minor, %zu observation) %s not annotated: GitHub shows at most %d "
		    "annotations of each level per step; see the job summary "
		    "(--format markdown) or the full report (--format text)\n",
		    total, total == 1 ? "" : "s", left[0], left[1], left[2],
		    total == 1 ? "is" : "are", PER_LEVEL);
	if (fwrite(buf->str, 1, buf->len, out) != buf->len || fflush(out) == EOF || ferror(out))
		error = isms_error_set(ISMS_EREPO, "cannot write the github report");
	g_string_free(buf, TRUE);
	return error;
}
