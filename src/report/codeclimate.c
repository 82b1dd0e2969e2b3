/* The GitLab Code Quality report: a JSON array of Code Climate issues with
 * the fields GitLab reads (description, check_name, fingerprint, severity,
 * location.path, location.lines.begin). Waived findings are left out: GitLab
 * has no way to show an issue as accepted. */
#include "isms/error.h"
#include "isms/report.h"
#include "isms/rules.h"
#include "report/ci.h"

static const char *severity(isms_severity s)
{
	return s == ISMS_SEV_MAJOR ? "major" : s == ISMS_SEV_MINOR ? "minor" : "info";
}

static json_t *issue(const isms_audit *a, const isms_finding *f, GHashTable *seen)
{
	char *fp = isms_report_ci_fingerprint(seen, f);
	GString *text = g_string_new(f->message);
	json_t *j;

	if (f->unproven)
		g_string_append(text, " (unproven: shallow clone)");
	j = json_pack("{s:o, s:s, s:s, s:s, s:{s:o, s:{s:i}}}", "description",
	              isms_report_ci_json(text->str), "check_name", f->rule->id, "fingerprint", fp,
	              "severity", severity(f->severity), "location", "path",
	              isms_report_ci_json(isms_report_ci_path(a, f)), "lines", "begin",
	              f->line > 0 ? f->line : 1);
	g_string_free(text, TRUE);
	g_free(fp);
	return j;
}

int isms_report_codeclimate(const isms_audit *a, const isms_findings *fs,
                            const isms_report_options *opts, FILE *out)
{
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	json_t *root = json_array();
	int rc;

	(void)opts;
	for (guint i = 0; i < fs->items->len; i++)
		json_array_append_new(root, issue(a, g_ptr_array_index(fs->items, i), seen));
	g_hash_table_destroy(seen);
	rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (rc < 0 || fputc('\n', out) == EOF)
		return isms_error_set(ISMS_EREPO, "cannot write the Code Quality report");
	return 0;
}
