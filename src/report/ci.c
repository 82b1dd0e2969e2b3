#include "report/ci.h"

#include "isms/date.h"

const char *isms_report_ci_path(const isms_audit *a, const isms_finding *f)
{
	const char *source = a->config.source;

	if (f->path)
		return f->path;
	/* a file of the audited commit: the committed configuration, else the
	 * first controlled document (code scanning and GitLab drop a finding
	 * on a file the commit does not have) */
	if (g_strcmp0(source, ".isms-audit.yml") == 0 || g_strcmp0(source, ".isms-audit.yaml") == 0)
		return source;
	if (a->documents && a->documents->len > 0)
		return ((const isms_document *)g_ptr_array_index(a->documents, 0))->path;
	return ".isms-audit.yml";
}

char *isms_report_ci_fingerprint(GHashTable *seen, const isms_finding *f)
{
	guint n = GPOINTER_TO_UINT(g_hash_table_lookup(seen, f->fingerprint)) + 1;

	g_hash_table_insert(seen, g_strdup(f->fingerprint), GUINT_TO_POINTER(n));
	return n == 1 ? g_strdup(f->fingerprint) : g_strdup_printf("%s-%u", f->fingerprint, n);
}

json_t *isms_report_ci_json(const char *s)
{
	json_t *j;
	char *valid;

	if (!s)
		return json_null();
	if (g_utf8_validate(s, -1, NULL))
		return json_string(s);
	valid = g_utf8_make_valid(s, -1);
	j = json_string(valid);
	g_free(valid);
	return j;
}

void isms_report_ci_text(GString *out, const isms_finding *f)
{
	char day[ISMS_DATE_BUFSIZE];

	g_string_append(out, f->message);
	if (f->unproven)
		g_string_append(out, " (unproven: shallow clone)");
	for (guint k = 0; k < f->evidence->len; k++) {
		const isms_evidence *e = &g_array_index(f->evidence, isms_evidence, k);
		g_string_append_printf(out, "\nevidence: %.12s %s ", e->commit[0] ? e->commit : "-",
		                       isms_date_format(e->date, day));
		if (e->note)
			g_string_append(out, e->note);
	}
}
