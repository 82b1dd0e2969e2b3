#include "isms/finding.h"

#include <stdarg.h>
#include <string.h>

#include "isms/clauses.h"
#include "isms/rules.h"
#include "isms/text.h"

static void evidence_clear(gpointer p)
{
	g_free(((isms_evidence *)p)->note);
}

static void finding_free(gpointer p)
{
	isms_finding *f = p;

	g_free(f->clause);
	g_free(f->path);
	g_free(f->item);
	g_free(f->message);
	g_array_free(f->evidence, TRUE);
	if (f->stands_for)
		g_ptr_array_free(f->stands_for, TRUE);
	g_free(f);
}

void isms_findings_init(isms_findings *fs)
{
	fs->items = g_ptr_array_new_with_free_func(finding_free);
	fs->waived = g_ptr_array_new_with_free_func(finding_free);
}

void isms_findings_dispose(isms_findings *fs)
{
	if (fs && fs->items) {
		g_ptr_array_free(fs->items, TRUE);
		g_ptr_array_free(fs->waived, TRUE);
		fs->items = NULL;
		fs->waived = NULL;
	}
}

/* Rule, subject and item, NUL-separated: never a line or a message. */
static void fingerprint(const isms_rule *rule, const char *subject, const char *item, char out[17])
{
	GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);

	g_checksum_update(sum, (const guchar *)rule->id, (gssize)strlen(rule->id) + 1);
	if (subject)
		g_checksum_update(sum, (const guchar *)subject, (gssize)strlen(subject));
	g_checksum_update(sum, (const guchar *)"", 1);
	if (item)
		g_checksum_update(sum, (const guchar *)item, (gssize)strlen(item));
	memcpy(out, g_checksum_get_string(sum), 16);
	out[16] = '\0';
	g_checksum_free(sum);
}

void isms_finding_stands_for(isms_finding *f, const isms_rule *rule, const char *subject,
                             const char *item)
{
	char *fp = g_malloc(17);

	fingerprint(rule, subject, item, fp);
	if (!f->stands_for)
		f->stands_for = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(f->stands_for, fp);
}

isms_finding *isms_findings_add_text(isms_findings *fs, const isms_rule *rule, const char *path,
                                     int line, const char *subject, const char *item,
                                     const char *message)
{
	isms_finding *f = g_new0(isms_finding, 1);

	f->rule = rule;
	f->severity = rule->severity;
	f->path = g_strdup(path);
	f->line = line;
	isms_finding_set_item(f, item);
	f->message = g_strdup(message);
	f->evidence = g_array_new(FALSE, TRUE, sizeof(isms_evidence));
	g_array_set_clear_func(f->evidence, evidence_clear);

	fingerprint(rule, subject, item, f->fingerprint);
	g_ptr_array_add(fs->items, f);
	return f;
}

isms_finding *isms_findings_add(isms_findings *fs, const isms_rule *rule, const char *path,
                                int line, const char *subject, const char *item, const char *fmt,
                                ...)
{
	GString *msg = g_string_new(NULL);
	isms_finding *f;
	va_list ap;

	va_start(ap, fmt);
	isms_text_vappendf(msg, fmt, ap);
	va_end(ap);
	f = isms_findings_add_text(fs, rule, path, line, subject, item, msg->str);
	g_string_free(msg, TRUE);
	return f;
}

const char *isms_finding_clause(const isms_finding *f)
{
	return f->clause ? f->clause : f->rule->clause;
}

void isms_finding_set_clause(isms_finding *f, const char *clause)
{
	g_free(f->clause);
	f->clause = g_strdup(clause);
}

void isms_finding_set_item(isms_finding *f, const char *item)
{
	g_free(f->item);
	f->item = NULL;
	if (item) { /* an id or key as long as its file: cut as quoted text */
		GString *cut = g_string_new(NULL);
		isms_text_append_quoted(cut, item);
		f->item = g_string_free(cut, FALSE);
	}
}

void isms_finding_evidence(isms_finding *f, const char *commit, isms_day date, const char *fmt, ...)
{
	isms_evidence e = {{0}, date, NULL};
	GString *note = g_string_new(NULL);
	va_list ap;

	if (commit)
		g_strlcpy(e.commit, commit, sizeof(e.commit));
	va_start(ap, fmt);
	isms_text_vappendf(note, fmt, ap);
	va_end(ap);
	e.note = g_string_free(note, FALSE);
	g_array_append_val(f->evidence, e);
}

static int finding_cmp(gconstpointer pa, gconstpointer pb)
{
	const isms_finding *a = *(isms_finding *const *)pa, *b = *(isms_finding *const *)pb;
	int c;

	if ((c = isms_clause_cmp(isms_finding_clause(a), isms_finding_clause(b))) != 0)
		return c;
	if (a->severity != b->severity)
		return a->severity > b->severity ? -1 : 1;
	if (a->rule != b->rule) /* rule table order keeps a rule's findings together */
		return a->rule < b->rule ? -1 : 1;
	if ((c = g_strcmp0(a->path, b->path)) != 0)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if ((c = strcmp(a->rule->id, b->rule->id)) != 0)
		return c;
	return g_strcmp0(a->item, b->item);
}

void isms_findings_sort(isms_findings *fs)
{
	g_ptr_array_sort(fs->items, finding_cmp);
	g_ptr_array_sort(fs->waived, finding_cmp);
}

size_t isms_findings_count(const isms_findings *fs, isms_severity s)
{
	size_t n = 0;

	for (guint i = 0; i < fs->items->len; i++)
		if (((isms_finding *)g_ptr_array_index(fs->items, i))->severity == s)
			n++;
	return n;
}

int isms_findings_fail(const isms_findings *fs, isms_severity level)
{
	if (level == ISMS_SEV_NEVER)
		return 0;
	for (guint i = 0; i < fs->items->len; i++)
		if (((isms_finding *)g_ptr_array_index(fs->items, i))->severity >= level)
			return 1;
	return 0;
}
