/* The CI report formats: SARIF (GitHub code scanning), JUnit XML (GitLab,
 * Jenkins) and the GitLab Code Quality report. Golden files for the demo and
 * small fixtures; the SARIF logs validated against the OASIS schema
 * (tests/data/sarif-schema-2.1.0.json, /usr/bin/python3 + jsonschema), the
 * JUnit reports against the Jenkins xUnit XSD (tests/data/junit.xsd,
 * xmllint); repository text that tries to break out of its field. */
#include <jansson.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "isms/report.h"
#include "isms/rules.h"
#include "testutil.h"

static char *render_at(isms_report_fn fn, const isms_audit *a, const isms_findings *fs,
                       isms_severity fail_on)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	isms_report_options opts = ISMS_REPORT_OPTIONS_INIT;

	opts.fail_on = fail_on;
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fn(a, fs, &opts, f), 0);
	fclose(f);
	return buf;
}

static char *render(isms_report_fn fn, const isms_audit *a, const isms_findings *fs)
{
	return render_at(fn, a, fs, ISMS_SEV_MINOR);
}

static json_t *parse(const char *text)
{
	json_error_t err;
	json_t *root = json_loads(text, 0, &err);

	ck_assert_msg(root != NULL, "invalid JSON at line %d: %s", err.line, err.text);
	return root;
}

static json_int_t jint(json_t *root, const char *path)
{
	json_t *v = json_at(root, path);

	ck_assert_msg(json_is_integer(v), "%s is not an integer", path);
	return json_integer_value(v);
}

static char *report_of(const char *fixture, const char *as_of, const char *format, int want_rc)
{
	int rc;
	char *out =
	    run_report(fixture, as_of, (const char *const[]){"--format", format, NULL}, &rc);

	ck_assert_int_eq(rc, want_rc);
	return out;
}

/* ---- golden files ------------------------------------------------------ */

START_TEST(sarif_golden)
{
	char *demo = report_of("demo", "2026-11-01", "sarif", 1);
	char *waivers = report_of("rules/waivers", "2026-01-15", "sarif", 1);

	expect_golden("sarif/demo.sarif", demo);
	expect_golden("sarif/waivers.sarif", waivers);
	g_free(demo);
	g_free(waivers);
}
END_TEST

START_TEST(junit_golden)
{
	char *demo = report_of("demo", "2026-11-01", "junit", 1);
	char *waivers = report_of("rules/waivers", "2026-01-15", "junit", 1);
	char *healthy = report_of("rules/healthy", "2026-01-15", "junit", 0);

	expect_golden("junit/demo.xml", demo);
	expect_golden("junit/waivers.xml", waivers);
	expect_golden("junit/healthy.xml", healthy);
	g_free(demo);
	g_free(waivers);
	g_free(healthy);
}
END_TEST

START_TEST(codeclimate_golden)
{
	char *demo = report_of("demo", "2026-11-01", "codeclimate", 1);
	char *waivers = report_of("rules/waivers", "2026-01-15", "codeclimate", 1);

	expect_golden("codeclimate/demo.json", demo);
	expect_golden("codeclimate/waivers.json", waivers);
	g_free(demo);
	g_free(waivers);
}
END_TEST

/* rules/healthy has one finding; with its rule switched off, none. */
START_TEST(clean_audit_in_every_format)
{
	isms_findings fs;
	isms_audit *a = audit_fixture_config("rules/healthy", "2026-01-15",
	                                     "rules:\n  ACT-REOPENED: off\n", &fs);
	char *sarif, *junit, *cq;
	json_t *root;

	ck_assert_int_eq(fs.items->len + fs.waived->len, 0);
	sarif = render(isms_report_sarif, a, &fs);
	junit = render(isms_report_junit, a, &fs);
	cq = render(isms_report_codeclimate, a, &fs);
	expect_golden("sarif/clean.sarif", sarif);
	expect_golden("junit/clean.xml", junit);
	ck_assert_str_eq(cq, "[]\n");
	root = parse(sarif);
	ck_assert_int_eq(json_array_size(json_at(root, "runs.0.results")), 0);
	ck_assert_str_eq(
	    json_string_at(root, "runs.0.invocations.0.ruleConfigurationOverrides.0.descriptor.id"),
	    "ACT-REOPENED");
	ck_assert(json_is_false(json_at(
	    root, "runs.0.invocations.0.ruleConfigurationOverrides.0.configuration.enabled")));
	/* a testcase for each of the 62 rules (tests/check_finding.c) */
	ck_assert_ptr_nonnull(strstr(junit,
	                             "<testsuites name=\"isms-audit\" tests=\"62\" failures=\"0\" "
	                             "errors=\"0\">\n"));
	ck_assert_ptr_nonnull(
	    strstr(junit, "    <testcase classname=\"clause.10.2 d\" name=\"ACT-REOPENED\">\n"
	                  "      <skipped message=\"switched off by the configuration\"/>\n"
	                  "    </testcase>\n"));
	expect_valid_sarif(sarif);
	expect_valid_junit(junit);
	json_decref(root);
	free(sarif);
	free(junit);
	free(cq);
	audit_done(a, &fs);
}
END_TEST

/* ---- what the consumers require --------------------------------------- */

START_TEST(sarif_validates_against_the_schema)
{
	char *demo = report_of("demo", "2026-11-01", "sarif", 1);
	char *waivers = report_of("rules/waivers", "2026-01-15", "sarif", 1);

	expect_valid_sarif(demo);
	expect_valid_sarif(waivers);
	/* the checker is no rubber stamp: a level SARIF does not know */
	char *bad = replace_all(demo, "\"level\": \"warning\"", "\"level\": \"minor\"");
	char *complaint;
	ck_assert_int_eq(run_checker(sarif_checker(), "sarif", bad, &complaint), 1);
	ck_assert_ptr_nonnull(
	    strstr(complaint, "'minor' is not one of ['none', 'note', 'warning', 'error']"));
	g_free(complaint);
	g_free(bad);
	g_free(demo);
	g_free(waivers);
}
END_TEST

/* What Microsoft's SARIF Multitool says of a SARIF report (`validate`
 * with its own rules and GitHub's, --rule-kind Gh;Sarif): "RULE ID: WHERE"
 * per result, "" when it has nothing to say. NULL when the tool is not given
 * (run by hand: `make check` installs it and says where). Caller frees. */
static char *multitool_says(const char *fixture, const char *const *extra)
{
	const char *tool = getenv("ISMS_SARIF_MULTITOOL");
	char *dir, *report, *log, *repo, *arg;
	const char *argv[16] = {"check", NULL};
	GString *says;
	json_t *root, *results, *r;
	size_t i;
	int n = 1, status = 0;

	if (!tool)
		return NULL;
	ck_assert_msg(g_file_test(tool, G_FILE_TEST_IS_EXECUTABLE), "%s is missing", tool);
	dir = g_dir_make_tmp("isms-sarif-XXXXXX", NULL);
	report = g_build_filename(dir, "report.sarif", NULL);
	log = g_build_filename(dir, "validation.sarif", NULL);
	repo = fixture_path(fixture);
	arg = g_strconcat("sarif:", report, NULL);
	argv[n++] = repo;
	for (; extra && *extra && n < 12; extra++)
		argv[n++] = *extra;
	argv[n++] = "--format";
	argv[n++] = arg;
	argv[n] = NULL;
	run_cli(argv, NULL, NULL, NULL);
	ck_assert_msg(g_spawn_sync(NULL,
	                           (char *[]){(char *)tool, "validate", "--rule-kind", "Gh;Sarif",
	                                      "--log", "ForceOverwrite", "-o", log, report, NULL},
	                           NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
	                           NULL, NULL, NULL, NULL, &status, NULL),
	              "%s does not run", tool);
	root = json_load_file(log, 0, NULL);
	ck_assert_msg(root != NULL, "the multitool wrote no log (exit status %d)", status);
	results = json_at(root, "runs.0.results");
	says = g_string_new(NULL);
	json_array_foreach(results, i, r)
	{
		const char *id = json_string_at(r, "message.id"),
		           *where = json_string_at(r, "message.arguments.0");
		g_string_append_printf(says, "%s %s: %s\n",
		                       json_string_value(json_object_get(r, "ruleId")),
		                       id ? id : "", where ? where : "");
	}
	json_decref(root);
	run_or_fail((const char *const[]){"rm", "-rf", dir, NULL});
	g_free(arg);
	g_free(repo);
	g_free(log);
	g_free(report);
	g_free(dir);
	return g_string_free(says, FALSE);
}

/* Issue 20: code scanning's own validator finds nothing to say of the
 * SARIF of the demo, the hostile fixtures and a pull request. */
START_TEST(sarif_passes_the_multitool)
{
	static const struct {
		const char *fixture;
		const char *extra[4];
	} cases[] = {
	    {"demo", {"--as-of", "2026-11-01", NULL}},
	    {"rules/waivers", {"--as-of", "2026-01-15", NULL}},
	    {"rules/pull-request", {"--as-of", "2025-06-20", "--base", "later"}},
	    {"hostile/names", {NULL}},
	    {"hostile/encoding", {NULL}},
	    {"hostile/yaml", {NULL}},
	    {"hostile/links", {NULL}},
	    {"hostile/commit-dates", {NULL}},
	};

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *says = multitool_says(cases[i].fixture, cases[i].extra);
		if (!says) {
			fprintf(stderr,
			        "sarif_passes_the_multitool: skipped, ISMS_SARIF_MULTITOOL is not "
			        "set (make check sets it)\n");
			return;
		}
		ck_assert_msg(*says == '\0', "%s: the SARIF Multitool says:\n%s", cases[i].fixture,
		              says);
		g_free(says);
	}
}
END_TEST

static int uri_is_encoded(const char *uri)
{
	return g_regex_match_simple("^([A-Za-z0-9._~/-]|%[0-9A-F]{2})+$", uri, 0, 0);
}

START_TEST(sarif_results_point_at_their_rules)
{
	char *text = report_of("demo", "2026-11-01", "sarif", 1);
	json_t *root = parse(text);
	json_t *run = json_at(root, "runs.0");
	json_t *rules = json_at(run, "tool.driver.rules"), *results = json_at(run, "results");
	size_t i;
	json_t *r;

	ck_assert_int_eq(text[0], '{'); /* no byte-order mark */
	ck_assert(g_str_has_suffix(text, "}\n"));
	ck_assert_str_eq(json_string_at(root, "$schema"),
	                 "https://json.schemastore.org/sarif-2.1.0.json");
	ck_assert_str_eq(json_string_at(root, "version"), "2.1.0");
	ck_assert_str_eq(json_string_at(run, "tool.driver.semanticVersion"), isms_version);
	ck_assert_int_eq(json_array_size(rules), isms_rules_count);
	json_array_foreach(rules, i, r)
	{
		GString *tag = g_string_new("ISO27001-");
		for (const char *c = isms_rules[i].clause; *c; c++)
			if (*c != ' ')
				g_string_append_c(tag, *c);
		ck_assert_str_eq(json_string_at(r, "id"), isms_rules[i].id);
		ck_assert_str_eq(json_string_at(r, "shortDescription.text"), isms_rules[i].summary);
		ck_assert_str_eq(json_string_at(r, "fullDescription.text"),
		                 isms_rules[i].requirement);
		ck_assert_str_eq(json_string_at(r, "help.text"), isms_rules[i].explanation);
		ck_assert_str_eq(json_string_at(r, "properties.tags.0"), "iso27001");
		ck_assert_str_eq(json_string_at(r, "properties.tags.1"), tag->str);
		ck_assert_str_eq(json_string_at(r, "properties.clause"), isms_rules[i].clause);
		g_string_free(tag, TRUE);
	}
	ck_assert_str_eq(json_string_at(rules, "2.name"), "DocNoMetadata");
	ck_assert_str_eq(json_string_at(rules, "2.defaultConfiguration.level"), "warning");
	ck_assert_int_eq(json_array_size(results), 29);
	json_array_foreach(results, i, r)
	{
		const char *sev = json_string_at(r, "properties.severity");
		char key[32];
		snprintf(key, sizeof(key), "%d.id", (int)jint(r, "ruleIndex"));
		ck_assert_str_eq(json_string_at(rules, key), json_string_at(r, "ruleId"));
		ck_assert_str_eq(json_string_at(r, "level"), strcmp(sev, "major") == 0   ? "error"
		                                             : strcmp(sev, "minor") == 0 ? "warning"
		                                                                         : "note");
		ck_assert_int_eq(json_array_size(json_object_get(r, "locations")), 1);
		ck_assert(uri_is_encoded(
		    json_string_at(r, "locations.0.physicalLocation.artifactLocation.uri")));
		ck_assert_int_eq(strlen(json_string_at(r, "partialFingerprints.isms-audit/v1")),
		                 16);
	}
	/* the one finding without a line is about the whole file: its region
	 * starts at line 1 (SARIF2017 wants one on every location) */
	r = json_array_get(results, 27);
	ck_assert_str_eq(json_string_at(r, "ruleId"), "ACT-REMOVED");
	ck_assert_int_eq(
	    json_integer_value(json_at(r, "locations.0.physicalLocation.region.startLine")), 1);
	/* evidence in the message and as data */
	r = json_array_get(results, 16);
	ck_assert_str_eq(
	    json_string_at(r, "message.text"),
	    "text changed in 1 commit after version '2.1' was set on 2026-03-10, but the "
	    "version was not changed: readers cannot tell the revisions apart\n"
	    "evidence: 95959c0910a8 2026-03-10 version set\n"
	    "evidence: d4aa8b05570c 2026-07-14 text changed");
	ck_assert_str_eq(json_string_at(r, "properties.evidence.1.commit"),
	                 "d4aa8b05570c00bb692d0c93e24a388e08be773e");
	ck_assert_str_eq(json_string_at(r, "properties.clause"), "7.5.3");
	json_decref(root);
	g_free(text);
}
END_TEST

START_TEST(sarif_shows_configuration_and_waivers)
{
	char *text = report_of("rules/waivers", "2026-01-15", "sarif", 1);
	json_t *root = parse(text);
	json_t *results = json_at(root, "runs.0.results");
	json_t *over = json_at(root, "runs.0.invocations.0.ruleConfigurationOverrides");
	size_t i, suppressed = 0;
	json_t *r;

	ck_assert_int_eq(json_array_size(over), 3);
	ck_assert_str_eq(json_string_at(over, "0.descriptor.id"), "DOC-REVIEW-UNEVIDENCED");
	ck_assert_str_eq(json_string_at(over, "0.configuration.level"), "error");
	ck_assert_str_eq(json_string_at(over, "1.descriptor.id"), "DOC-STALE-CONTENT");
	ck_assert_str_eq(json_string_at(over, "2.descriptor.id"), "ACT-NO-OWNER");
	ck_assert_str_eq(json_string_at(over, "2.configuration.parameters.exclude.0"),
	                 "archive/**");
	json_array_foreach(results, i, r)
	{
		const char *rule = json_string_at(r, "ruleId");
		if (json_object_get(r, "suppressions")) {
			suppressed++;
			ck_assert_str_eq(json_string_at(r, "suppressions.0.kind"), "external");
			ck_assert_str_eq(json_string_at(r, "suppressions.0.status"), "accepted");
			ck_assert_str_eq(json_string_at(r, "properties.waiver.approvedBy"),
			                 "Wendy Marsh (CISO)");
		}
		/* severity as configured, not the rule's default */
		if (strcmp(rule, "DOC-REVIEW-UNEVIDENCED") == 0)
			ck_assert_str_eq(json_string_at(r, "level"), "error");
		/* repository-wide: shown on the committed configuration file, at
		 * its first line */
		if (strcmp(rule, "MR-OVERDUE") == 0) {
			ck_assert_str_eq(
			    json_string_at(r, "locations.0.physicalLocation.artifactLocation.uri"),
			    ".isms-audit.yml");
			ck_assert_int_eq(json_integer_value(json_at(
			                     r, "locations.0.physicalLocation.region.startLine")),
			                 1);
			ck_assert(json_is_true(json_at(r, "properties.repositoryWide")));
		}
	}
	ck_assert_int_eq(suppressed, 2);
	r = json_array_get(results, json_array_size(results) - 1);
	ck_assert_str_eq(json_string_at(r, "ruleId"), "ACT-OVERDUE");
	ck_assert_str_eq(
	    json_string_at(r, "suppressions.0.justification"),
	    "No fixed firmware from the vendor yet; remote management stays off meanwhile");
	ck_assert_str_eq(json_string_at(r, "properties.waiver.expires"), "2026-03-31");
	json_decref(root);
	g_free(text);
}
END_TEST

START_TEST(junit_validates_against_the_xsd)
{
	char *demo = report_of("demo", "2026-11-01", "junit", 1);
	char *waivers = report_of("rules/waivers", "2026-01-15", "junit", 1);
	char *healthy = report_of("rules/healthy", "2026-01-15", "junit", 0);

	expect_valid_junit(demo);
	expect_valid_junit(waivers);
	expect_valid_junit(healthy);
	ck_assert(g_str_has_prefix(demo, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
	/* the checker is no rubber stamp: the XSD has no `skipped` on <testsuites> */
	char *bad = replace_all(demo, "failures=\"19\" errors=\"0\">",
	                        "failures=\"19\" errors=\"0\" skipped=\"0\">");
	char *complaint;
	ck_assert_int_ne(run_checker(junit_checker(), "xml", bad, &complaint), 0);
	ck_assert_ptr_nonnull(strstr(complaint, "skipped"));
	g_free(complaint);
	g_free(bad);
	g_free(demo);
	g_free(waivers);
	g_free(healthy);
}
END_TEST

START_TEST(junit_fails_at_the_fail_on_level)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("demo", "2026-11-01", &fs);
	char *minor = render_at(isms_report_junit, a, &fs, ISMS_SEV_MINOR);
	char *major = render_at(isms_report_junit, a, &fs, ISMS_SEV_MAJOR);
	char *obs = render_at(isms_report_junit, a, &fs, ISMS_SEV_OBSERVATION);
	char *never = render_at(isms_report_junit, a, &fs, ISMS_SEV_NEVER);

	/* 29 findings of 27 rules (19 minor, 10 observations), and the 35 rules
	 * of the 62 without any: 64 testcases */
	ck_assert_ptr_nonnull(strstr(
	    minor, "<testsuites name=\"isms-audit\" tests=\"64\" failures=\"19\" errors=\"0\">"));
	ck_assert_ptr_nonnull(strstr(
	    major, "<testsuites name=\"isms-audit\" tests=\"64\" failures=\"0\" errors=\"0\">"));
	ck_assert_ptr_nonnull(strstr(
	    obs, "<testsuites name=\"isms-audit\" tests=\"64\" failures=\"29\" errors=\"0\">"));
	ck_assert_ptr_nonnull(strstr(
	    never, "<testsuites name=\"isms-audit\" tests=\"64\" failures=\"0\" errors=\"0\">"));
	ck_assert_ptr_nonnull(
	    strstr(major, "    <testcase classname=\"clause.7.5.2\" name=\"DOC-NO-METADATA "
	                  "isms/03-procedures/notes-on-laptop-setup.md\">\n"
	                  "      <system-out>minor finding below the fail-on level major\n"
	                  "isms/03-procedures/notes-on-laptop-setup.md:1: has no metadata (front "
	                  "matter, a document-control table or key lines): nothing identifies its "
	                  "owner, version or review date\n"
	                  "evidence: 55a3c65ba733 2025-06-20 added without metadata"
	                  "</system-out>\n"
	                  "    </testcase>\n"));
	ck_assert_ptr_nonnull(strstr(obs,
	                             "      <failure message=\"control 5.23 has no justification "
	                             "for its applicability\" type=\"minor\">"));
	expect_valid_junit(obs);
	free(minor);
	free(major);
	free(obs);
	free(never);
	audit_done(a, &fs);
}
END_TEST

START_TEST(codeclimate_has_what_gitlab_reads)
{
	static const char *const fixtures[][3] = {{"demo", "2026-11-01", "29"},
	                                          {"rules/waivers", "2026-01-15", "9"}};

	for (size_t k = 0; k < G_N_ELEMENTS(fixtures); k++) {
		char *text = report_of(fixtures[k][0], fixtures[k][1], "codeclimate", 1);
		json_t *root = parse(text), *e;
		GHashTable *fps = g_hash_table_new(g_str_hash, g_str_equal);
		size_t i;

		ck_assert_int_eq(text[0], '['); /* no byte-order mark */
		ck_assert(json_is_array(root));
		ck_assert_int_eq(json_array_size(root), g_ascii_strtoull(fixtures[k][2], NULL, 10));
		json_array_foreach(root, i, e)
		{
			const char *sev = json_string_at(e, "severity");
			ck_assert(json_is_object(e));
			ck_assert(strlen(json_string_at(e, "description")) > 0);
			ck_assert_ptr_nonnull(isms_rule_find(json_string_at(e, "check_name")));
			ck_assert(strcmp(sev, "info") == 0 || strcmp(sev, "minor") == 0 ||
			          strcmp(sev, "major") == 0);
			ck_assert(strlen(json_string_at(e, "location.path")) > 0);
			ck_assert(jint(e, "location.lines.begin") >= 1);
			ck_assert_msg(
			    g_hash_table_add(fps, (gpointer)json_string_at(e, "fingerprint")),
			    "fingerprint %s twice", json_string_at(e, "fingerprint"));
		}
		g_hash_table_destroy(fps);
		json_decref(root);
		g_free(text);
	}
}
END_TEST

/* Two findings with one identity: code scanning would merge them. */
START_TEST(repeated_fingerprints_are_made_unique)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/healthy", "2026-01-15", &fs);
	const isms_rule *r = isms_rule_find("ACT-DUPLICATE-ID");
	char *sarif, *cq, *fp, *fp2;
	json_t *s, *c;

	isms_findings_add(&fs, r, "register.md", 4, "register.md", "NC-9", "first row NC-9");
	isms_findings_add(&fs, r, "register.md", 9, "register.md", "NC-9", "second row NC-9");
	fp = g_strdup(((isms_finding *)g_ptr_array_index(fs.items, 1))->fingerprint);
	fp2 = g_strconcat(fp, "-2", NULL);
	ck_assert_str_eq(((isms_finding *)g_ptr_array_index(fs.items, 2))->fingerprint, fp);
	sarif = render(isms_report_sarif, a, &fs);
	cq = render(isms_report_codeclimate, a, &fs);
	s = parse(sarif);
	c = parse(cq);
	ck_assert_str_eq(json_string_at(c, "1.fingerprint"), fp);
	ck_assert_str_eq(json_string_at(c, "2.fingerprint"), fp2);
	ck_assert_str_eq(json_string_at(c, "2.description"), "second row NC-9");
	ck_assert_str_eq(json_string_at(s, "runs.0.results.1.partialFingerprints.isms-audit/v1"),
	                 fp);
	ck_assert_str_eq(json_string_at(s, "runs.0.results.2.partialFingerprints.isms-audit/v1"),
	                 fp2);
	json_decref(s);
	json_decref(c);
	free(sarif);
	free(cq);
	g_free(fp);
	g_free(fp2);
	audit_done(a, &fs);
}
END_TEST

/* GitHub code scanning rejects a run of more than 25,000 results: the SARIF
 * report keeps the most severe (waived findings last, report order within
 * a grade), counts the others in the run's notifications and says so on
 * stderr, in one line. */
START_TEST(sarif_keeps_at_most_what_code_scanning_accepts)
{
	isms_findings fs;
	isms_audit *a = audit_fixture("rules/healthy", "2026-01-15", &fs);
	const isms_rule *r = isms_rule_find("ACT-DUPLICATE-ID");
	char *sarif, *err = NULL, *file = NULL;
	int fd = g_file_open_tmp("isms-stderr-XXXXXX", &file, NULL), saved;
	json_t *s, *results;
	size_t i, counts[3] = {0};
	json_t *res;

	g_ptr_array_set_size(fs.items, 0);
	/* 10 majors last in report order, 5,000 minors, 20,000 observations */
	for (int k = 0; k < 20000; k++)
		isms_findings_add(&fs, r, "register.md", k + 1, "register.md", NULL, "o%d", k)
		    ->severity = ISMS_SEV_OBSERVATION;
	for (int k = 0; k < 5000; k++)
		isms_findings_add(&fs, r, "register.md", k + 1, "register.md", NULL, "m%d", k)
		    ->severity = ISMS_SEV_MINOR;
	for (int k = 0; k < 10; k++)
		isms_findings_add(&fs, r, "register.md", k + 1, "register.md", NULL, "M%d", k)
		    ->severity = ISMS_SEV_MAJOR;
	ck_assert_int_ge(fd, 0);
	fflush(stderr);
	saved = dup(2);
	dup2(fd, 2);
	sarif = render(isms_report_sarif, a, &fs);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(fd);
	ck_assert(g_file_get_contents(file, &err, NULL, NULL));
	ck_assert_str_eq(err, "isms-audit: sarif: 10 of 25010 results left out: GitHub code "
	                      "scanning takes at most 25000 in a run, so the most severe are "
	                      "kept\n");
	s = parse(sarif);
	results = json_at(s, "runs.0.results");
	ck_assert_uint_eq(json_array_size(results), 25000);
	json_array_foreach(results, i, res)
	{
		const char *level = json_string_value(json_object_get(res, "level"));
		counts[strcmp(level, "error") == 0 ? 0 : strcmp(level, "warning") == 0 ? 1 : 2]++;
	}
	ck_assert_uint_eq(counts[0], 10);
	ck_assert_uint_eq(counts[1], 5000);
	ck_assert_uint_eq(counts[2], 19990);
	/* the observations kept are the first ones, in report order */
	ck_assert_str_eq(json_string_at(s, "runs.0.results.0.message.text"), "o0");
	ck_assert_str_eq(json_string_at(s, "runs.0.results.19989.message.text"), "o19989");
	ck_assert_str_eq(
	    json_string_at(s, "runs.0.invocations.0.toolExecutionNotifications.0.level"),
	    "warning");
	ck_assert_str_eq(
	    json_string_at(s, "runs.0.invocations.0.toolExecutionNotifications.0.message.text"),
	    "10 of 25010 results were left out: GitHub code scanning rejects a run of more than "
	    "25000 results, so the most severe were kept (waived findings last); the other "
	    "reports list them all");
	ck_assert(json_is_true(json_at(s, "runs.0.invocations.0.executionSuccessful")));
	/* the notification follows the schema (checked on the run cut to one
	 * result, for speed) */
	json_array_remove(results, 0);
	while (json_array_size(results) > 1)
		json_array_remove(results, json_array_size(results) - 1);
	char *cut = json_dumps(s, 0);
	expect_valid_sarif(cut);
	free(cut);
	json_decref(s);
	free(sarif);

	/* at the cap nothing is left out, and nothing is said */
	g_ptr_array_set_size(fs.items, 25000);
	sarif = render(isms_report_sarif, a, &fs);
	s = parse(sarif);
	ck_assert_uint_eq(json_array_size(json_at(s, "runs.0.results")), 25000);
	ck_assert_ptr_null(json_at(s, "runs.0.invocations.0.toolExecutionNotifications"));
	json_decref(s);
	free(sarif);

	g_unlink(file);
	g_free(file);
	g_free(err);
	audit_done(a, &fs);
}
END_TEST

/* ---- hostile repository text ------------------------------------------ */

#define HOSTILE_PATH "docs/<script>&\"'%]]> x\x01\n\xff.md"
#define HOSTILE_MESSAGE                                                                            \
	"<script>alert(1)</script> & \"q\" 'a' ]]> \x07"                                           \
	"bell\ttab\r\nline2 caf\xe9"

/* rules/healthy and two more findings whose path, item, message, evidence
 * and waiver try to break out of XML and JSON; the second is waived by `w`
 * (which must outlive the findings). */
static isms_audit *hostile_audit(isms_findings *fs, isms_waiver *w)
{
	isms_audit *a = audit_fixture("rules/healthy", "2026-01-15", fs);
	isms_finding *f, *g;
	isms_day day;

	ck_assert_int_eq(isms_date_parse("2026-01-01", 10, &day), 0);
	f = isms_findings_add(fs, isms_rule_find("DOC-NO-METADATA"), HOSTILE_PATH, 7, "x", "<i>&",
	                      "%s", HOSTILE_MESSAGE);
	isms_finding_evidence(f, NULL, day, "note <b>\x02");
	g = isms_findings_add(fs, isms_rule_find("DOC-REVIEW-OVERDUE"), "a b/100%.md", 3, "y", NULL,
	                      "overdue");
	*w = (isms_waiver){.rule = "DOC-REVIEW-OVERDUE",
	                   .reason = "ok <b>\"yes\"</b> & \x01",
	                   .approved_by = "CISO & co",
	                   .expires = day,
	                   .line = 1};
	g->waiver = w;
	g_ptr_array_add(fs->waived, g_ptr_array_steal_index(fs->items, fs->items->len - 1));
	return a;
}

START_TEST(hostile_text_stays_in_its_xml_field)
{
	isms_findings fs;
	isms_waiver w;
	isms_audit *a = hostile_audit(&fs, &w);
	char *xml;

	xml = render(isms_report_junit, a, &fs);
	ck_assert_ptr_nonnull(strstr(
	    xml,
	    "    <testcase classname=\"clause.7.5.2\" name=\"DOC-NO-METADATA "
	    "docs/&lt;script&gt;&amp;&quot;&apos;%]]&gt; x&#10;\xef\xbf\xbd.md:&lt;i&gt;&amp;\">\n"
	    "      <failure message=\"&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; "
	    "&apos;a&apos; ]]&gt; bell&#9;tab&#13;&#10;line2 caf\xef\xbf\xbd\" type=\"minor\">"
	    "docs/&lt;script&gt;&amp;&quot;&apos;%]]&gt; x\n\xef\xbf\xbd.md:7: "
	    "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &apos;a&apos; ]]&gt; "
	    "bell\ttab&#13;\nline2 caf\xef\xbf\xbd\n"
	    "evidence: - 2026-01-01 note &lt;b&gt;</failure>\n"
	    "    </testcase>\n"));
	ck_assert_ptr_nonnull(strstr(
	    xml, "      <skipped message=\"waived: ok &lt;b&gt;&quot;yes&quot;&lt;/b&gt; &amp; \">"
	         "a b/100%.md:3: overdue\n"
	         "minor finding waived until 2026-01-01, approved by CISO &amp; co</skipped>\n"));
	/* nothing XML 1.0 cannot carry, no unescaped CDATA end */
	for (const unsigned char *p = (const unsigned char *)xml; *p; p++)
		ck_assert_msg(*p >= 0x20 || *p == '\n' || *p == '\t', "control byte 0x%02x", *p);
	ck_assert_ptr_null(strstr(xml, "]]>"));
	ck_assert(g_utf8_validate(xml, -1, NULL));
	expect_valid_junit(xml);
	free(xml);
	audit_done(a, &fs);
}
END_TEST

START_TEST(hostile_text_stays_in_its_json_field)
{
	isms_findings fs;
	isms_waiver w;
	isms_audit *a = hostile_audit(&fs, &w);
	char *sarif, *cq;
	json_t *s, *c;

	sarif = render(isms_report_sarif, a, &fs);
	cq = render(isms_report_codeclimate, a, &fs);
	/* the exact bytes: JSON escapes, U+FFFD for the bytes that are not UTF-8 */
	ck_assert_ptr_nonnull(strstr(sarif,
	                             "\"text\": \"<script>alert(1)</script> & \\\"q\\\" 'a' ]]> "
	                             "\\u0007bell\\ttab\\r\\nline2 caf\xef\xbf\xbd\\n"
	                             "evidence: - 2026-01-01 note <b>\\u0002\"\n"));
	ck_assert_ptr_nonnull(strstr(
	    sarif, "\"uri\": \"docs/%3Cscript%3E%26%22%27%25%5D%5D%3E%20x%01%0A%FF.md\",\n"));
	ck_assert_ptr_nonnull(strstr(sarif, "\"uri\": \"a%20b/100%25.md\",\n"));
	ck_assert_ptr_nonnull(
	    strstr(sarif, "\"justification\": \"ok <b>\\\"yes\\\"</b> & \\u0001\"\n"));
	ck_assert_ptr_nonnull(
	    strstr(cq, "\"path\": \"docs/<script>&\\\"'%]]> x\\u0001\\n\xef\xbf\xbd.md\",\n"));
	ck_assert_ptr_nonnull(strstr(cq,
	                             "\"description\": \"<script>alert(1)</script> & \\\"q\\\" 'a' "
	                             "]]> \\u0007bell\\ttab\\r\\nline2 caf\xef\xbf\xbd\",\n"));
	ck_assert_ptr_null(strstr(cq, "a b/100%.md")); /* waived: not a Code Quality issue */
	ck_assert(g_utf8_validate(sarif, -1, NULL));
	ck_assert(g_utf8_validate(cq, -1, NULL));

	s = parse(sarif);
	c = parse(cq);
	ck_assert_str_eq(json_string_at(s, "runs.0.results.1.properties.item"), "<i>&");
	ck_assert_str_eq(json_string_at(s, "runs.0.results.2.properties.waiver.approvedBy"),
	                 "CISO & co");
	ck_assert_str_eq(json_string_at(c, "1.location.path"),
	                 "docs/<script>&\"'%]]> x\x01\n\xef\xbf\xbd.md");
	ck_assert_int_eq(jint(c, "1.location.lines.begin"), 7);
	expect_valid_sarif(sarif);
	json_decref(s);
	json_decref(c);
	free(sarif);
	free(cq);
	audit_done(a, &fs);
}
END_TEST

/* ---- the command line -------------------------------------------------- */

START_TEST(one_run_writes_sarif_and_junit_files)
{
	char *dir = g_dir_make_tmp("isms-ci-XXXXXX", NULL);
	char *repo = fixture_path("demo");
	char *sarif_file = g_build_filename(dir, "audit.sarif", NULL);
	char *junit_file = g_build_filename(dir, "junit report.xml", NULL);
	char *sarif_arg = g_strconcat("sarif:", sarif_file, NULL);
	char *junit_arg = g_strconcat("junit:", junit_file, NULL);
	char *out = NULL, *sarif = NULL, *junit = NULL;
	int rc;

	rc = run_cli((const char *const[]){"check", repo, "--as-of", "2026-11-01", "--format",
	                                   sarif_arg, "--format", junit_arg, NULL},
	             NULL, &out, NULL);
	ck_assert_int_eq(rc, 1);
	ck_assert_str_eq(out, "");
	ck_assert(g_file_get_contents(sarif_file, &sarif, NULL, NULL));
	ck_assert(g_file_get_contents(junit_file, &junit, NULL, NULL));
	/* the same reports as on standard output: the goldens */
	expect_golden("sarif/demo.sarif", sarif);
	expect_golden("junit/demo.xml", junit);
	g_unlink(sarif_file);
	g_unlink(junit_file);
	g_rmdir(dir);
	g_free(out);
	g_free(sarif);
	g_free(junit);
	g_free(sarif_arg);
	g_free(junit_arg);
	g_free(sarif_file);
	g_free(junit_file);
	g_free(repo);
	g_free(dir);
}
END_TEST

Suite *report_ci_suite(void)
{
	Suite *s = suite_create("report_ci");
	TCase *tc = tcase_create("report_ci");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, sarif_golden);
	tcase_add_test(tc, sarif_passes_the_multitool);
	tcase_add_test(tc, junit_golden);
	tcase_add_test(tc, codeclimate_golden);
	tcase_add_test(tc, clean_audit_in_every_format);
	tcase_add_test(tc, sarif_validates_against_the_schema);
	tcase_add_test(tc, sarif_results_point_at_their_rules);
	tcase_add_test(tc, sarif_shows_configuration_and_waivers);
	tcase_add_test(tc, junit_validates_against_the_xsd);
	tcase_add_test(tc, junit_fails_at_the_fail_on_level);
	tcase_add_test(tc, codeclimate_has_what_gitlab_reads);
	tcase_add_test(tc, repeated_fingerprints_are_made_unique);
	tcase_add_test(tc, sarif_keeps_at_most_what_code_scanning_accepts);
	tcase_add_test(tc, hostile_text_stays_in_its_xml_field);
	tcase_add_test(tc, hostile_text_stays_in_its_json_field);
	tcase_add_test(tc, one_run_writes_sarif_and_junit_files);
	suite_add_tcase(s, tc);
	return s;
}
