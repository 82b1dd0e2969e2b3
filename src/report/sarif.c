/* SARIF 2.1.0 as GitHub code scanning reads it: every rule of the table as a
 * rule of the tool, one result per finding with exactly one location, and
 * waived findings as results suppressed by an external waiver; at most as
 * many results as code scanning accepts in a run. */
#include "isms/clauses.h"
#include "isms/error.h"
#include "isms/report.h"
#include "isms/rules.h"
#include "isms/version.h"
#include "report/ci.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
/* partialFingerprints key: a new scheme gets a new version, so that code
 * scanning never matches fingerprints computed differently */
#define FINGERPRINT_KEY "isms-audit/v1"

static const char *level(isms_severity s)
{
	return s == ISMS_SEV_MAJOR ? "error" : s == ISMS_SEV_MINOR ? "warning" : "note";
}

/* SARIF asks for a readable name beside the opaque id: DOC-NO-METADATA
 * gives DocNoMetadata. */
static char *rule_name(const char *id)
{
	GString *s = g_string_new(NULL);
	int start = 1;

	for (const char *p = id; *p; p++) {
		if (*p == '-') {
			start = 1;
			continue;
		}
		g_string_append_c(s, start ? g_ascii_toupper(*p) : g_ascii_tolower(*p));
		start = 0;
	}
	return g_string_free(s, FALSE);
}

/* A tag for a clause without the space of sub-items: ISO27001-10.2c. */
static char *clause_tag(const char *clause)
{
	GString *s = g_string_new("ISO27001-");

	for (const char *p = clause; *p; p++)
		if (*p != ' ')
			g_string_append_c(s, *p);
	return g_string_free(s, FALSE);
}

static json_t *rule_descriptor(const isms_rule *r)
{
	char *name = rule_name(r->id), *tag = clause_tag(r->clause);
	const char *title = isms_clause_title(r->clause);
	char *markdown = g_strdup_printf("**ISO/IEC 27001:2022 clause %s**%s%s%s\n\n%s\n\n%s",
	                                 r->clause, *title ? " (" : "", title, *title ? ")" : "",
	                                 r->requirement, r->explanation);
	json_t *j =
	    json_pack("{s:s, s:s, s:{s:s}, s:{s:s}, s:{s:s, s:s}, s:{s:s}, s:{s:[s, s], s:s}}",
	              "id", r->id, "name", name, "shortDescription", "text", r->summary,
	              "fullDescription", "text", r->requirement, "help", "text", r->explanation,
	              "markdown", markdown, "defaultConfiguration", "level", level(r->severity),
	              "properties", "tags", "iso27001", tag, "clause", r->clause);

	g_free(name);
	g_free(tag);
	g_free(markdown);
	return j;
}

/* How the configuration changed the rules of this run: SARIF's place for
 * it, so that the defaults above stay the table's; and what the run left
 * out, if anything (`left_out` of `total` results). */
static json_t *invocation(const isms_audit *a, size_t left_out, size_t total)
{
	json_t *inv = json_pack("{s:b}", "executionSuccessful", 1), *list = json_array();

	if (left_out) {
		char *text = g_strdup_printf(
		    "%zu of %zu results were left out: GitHub code scanning rejects a run of more "
		    "than %d results, so the most severe were kept (waived findings last); the "
		    "other reports list them all",
		    left_out, total, ISMS_SARIF_MAX_RESULTS);
		json_object_set_new(inv, "toolExecutionNotifications",
		                    json_pack("[{s:s, s:{s:s}, s:{s:s}}]", "level", "warning",
		                              "message", "text", text, "descriptor", "id",
		                              "isms-audit/results-left-out"));
		g_free(text);
	}

	for (size_t i = 0; i < isms_rules_count; i++) {
		const isms_rule_setting *s = isms_config_rule(&a->config, isms_rules[i].id);
		json_t *conf;
		if (!s)
			continue;
		if (s->off)
			conf = json_pack("{s:b}", "enabled", 0);
		else if (s->has_severity)
			conf = json_pack("{s:s}", "level", level(s->severity));
		else
			conf = json_pack("{s:s}", "level", level(isms_rules[i].severity));
		if (s->exclude->len) {
			json_t *ex = json_array();
			for (guint k = 0; k < s->exclude->len; k++)
				json_array_append_new(
				    ex, isms_report_ci_json(g_ptr_array_index(s->exclude, k)));
			json_object_set_new(conf, "parameters", json_pack("{s:o}", "exclude", ex));
		}
		json_array_append_new(list, json_pack("{s:{s:s, s:I}, s:o}", "descriptor", "id",
		                                      isms_rules[i].id, "index", (json_int_t)i,
		                                      "configuration", conf));
	}
	if (json_array_size(list))
		json_object_set_new(inv, "ruleConfigurationOverrides", list);
	else
		json_decref(list);
	return json_pack("[o]", inv);
}

static json_t *location(const isms_audit *a, const isms_finding *f)
{
	/* percent-encode all but unreserved characters and '/' (RFC 3986),
	 * byte by byte: spaces, '%' and bytes that are not UTF-8 alike */
	char *uri = g_uri_escape_string(isms_report_ci_path(a, f), "/", FALSE);
	json_t *phys =
	    json_pack("{s:{s:s, s:s}}", "artifactLocation", "uri", uri, "uriBaseId", "%SRCROOT%");

	/* a finding about a whole file (or the repository) starts at its
	 * first line: SARIF2017 wants a region on every location */
	json_object_set_new(phys, "region",
	                    json_pack("{s:i}", "startLine", f->path && f->line > 0 ? f->line : 1));
	g_free(uri);
	return json_pack("[{s:o}]", "physicalLocation", phys);
}

static json_t *properties(const isms_finding *f)
{
	char day[ISMS_DATE_BUFSIZE];
	json_t *ev = json_array();
	json_t *props =
	    json_pack("{s:o, s:s}", "clause", isms_report_ci_json(isms_finding_clause(f)),
	              "severity", isms_severity_name(f->severity));

	if (f->item)
		json_object_set_new(props, "item", isms_report_ci_json(f->item));
	if (!f->path)
		json_object_set_new(props, "repositoryWide", json_true());
	for (guint k = 0; k < f->evidence->len; k++) {
		const isms_evidence *e = &g_array_index(f->evidence, isms_evidence, k);
		json_array_append_new(
		    ev,
		    json_pack("{s:o, s:o, s:o}", "commit",
		              e->commit[0] ? json_string(e->commit) : json_null(), "date",
		              isms_date_known(e->date) ? json_string(isms_date_format(e->date, day))
		                                       : json_null(),
		              "note", isms_report_ci_json(e->note)));
	}
	json_object_set_new(props, "evidence", ev);
	if (f->unproven)
		json_object_set_new(props, "unproven", json_true());
	return props;
}

static json_t *result(const isms_audit *a, const isms_finding *f, GHashTable *seen)
{
	GString *text = g_string_new(NULL);
	char *fp = isms_report_ci_fingerprint(seen, f);
	json_t *res = json_pack("{s:s}", "ruleId", f->rule->id), *props = properties(f);

	for (size_t i = 0; i < isms_rules_count; i++)
		if (&isms_rules[i] == f->rule)
			json_object_set_new(res, "ruleIndex", json_integer((json_int_t)i));
	isms_report_ci_text(text, f);
	json_object_set_new(res, "level", json_string(level(f->severity)));
	json_object_set_new(res, "message",
	                    json_pack("{s:o}", "text", isms_report_ci_json(text->str)));
	json_object_set_new(res, "locations", location(a, f));
	json_object_set_new(res, "partialFingerprints", json_pack("{s:s}", FINGERPRINT_KEY, fp));
	if (f->waiver) {
		char day[ISMS_DATE_BUFSIZE];
		json_t *sup = json_pack("{s:s, s:s}", "kind", "external", "status", "accepted");
		if (f->waiver->reason)
			json_object_set_new(sup, "justification",
			                    isms_report_ci_json(f->waiver->reason));
		json_object_set_new(res, "suppressions", json_pack("[o]", sup));
		json_object_set_new(props, "waiver",
		                    json_pack("{s:o, s:s}", "approvedBy",
		                              isms_report_ci_json(f->waiver->approved_by),
		                              "expires",
		                              isms_date_format(f->waiver->expires, day)));
	}
	json_object_set_new(res, "properties", props);
	g_string_free(text, TRUE);
	g_free(fp);
	return res;
}

/* The class of a finding in the order results are kept under the cap:
 * findings by severity (most severe first), then waived ones likewise. */
static int keep_class(const isms_finding *f, int waived)
{
	return waived * 3 + (ISMS_SEV_MAJOR - (int)f->severity);
}

int isms_report_sarif(const isms_audit *a, const isms_findings *fs, const isms_report_options *opts,
                      FILE *out)
{
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	char hex[GIT_OID_HEXSZ + 1], day[ISMS_DATE_BUFSIZE];
	json_t *rules = json_array(), *results = json_array(), *root;
	const GPtrArray *lists[] = {fs->items, fs->waived};
	size_t keep[6] = {0}, total = fs->items->len + fs->waived->len,
	       room = ISMS_SARIF_MAX_RESULTS;
	int rc;

	(void)opts;
	for (size_t i = 0; i < isms_rules_count; i++)
		json_array_append_new(rules, rule_descriptor(&isms_rules[i]));
	/* how many of each class fit, most severe first; within a class the
	 * first in report order are kept */
	for (size_t l = 0; l < G_N_ELEMENTS(lists); l++)
		for (guint i = 0; i < lists[l]->len; i++)
			keep[keep_class(g_ptr_array_index(lists[l], i), (int)l)]++;
	for (size_t c = 0; c < G_N_ELEMENTS(keep); c++) {
		keep[c] = MIN(keep[c], room);
		room -= keep[c];
	}
	for (size_t l = 0; l < G_N_ELEMENTS(lists); l++)
		for (guint i = 0; i < lists[l]->len; i++) {
			const isms_finding *f = g_ptr_array_index(lists[l], i);
			size_t *left = &keep[keep_class(f, (int)l)];
			if (*left == 0)
				continue;
			(*left)--;
			json_array_append_new(results, result(a, f, seen));
		}
	g_hash_table_destroy(seen);
	size_t left_out = total - json_array_size(results);
	/* results are relative to the repository root, wherever it is checked out */
	root = json_pack(
	    "{s:s, s:s, s:[{s:{s:{s:s, s:s, s:s, s:o}}, s:{s:{s:{s:s}}}, s:o, s:o, s:{s:s, s:s, "
	    "s:b}}]}",
	    "$schema", SARIF_SCHEMA, "version", "2.1.0", "runs", "tool", "driver", "name",
	    ISMS_NAME, "semanticVersion", ISMS_VERSION, "informationUri", ISMS_URI, "rules", rules,
	    "originalUriBaseIds", "%SRCROOT%", "description", "text",
	    "The root of the audited repository's work tree", "invocations",
	    invocation(a, left_out, total), "results", results, "properties", "commit",
	    isms_audit_commit_hex(a, a->history.commits->len - 1, hex), "asOf",
	    isms_date_format(a->today, day), "shallow", a->shallow);
	if (!root)
		return isms_error_set(ISMS_ERROR, "cannot build the SARIF report");
	if (left_out)
		fprintf(
		    stderr,
		    "isms-audit: sarif: %zu of %zu results left out: GitHub code scanning takes "
		    "at most %d in a run, so the most severe are kept\n",
		    left_out, total, ISMS_SARIF_MAX_RESULTS);
	rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (rc < 0 || fputc('\n', out) == EOF)
		return isms_error_set(ISMS_EREPO, "cannot write the SARIF report");
	return 0;
}
