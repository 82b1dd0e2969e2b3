/* isms-audit: the command-line program over the core library. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "isms/audit.h"
#include "isms/config_keys.h"
#include "isms/error.h"
#include "isms/init.h"
#include "isms/report.h"
#include "isms/rules.h"
#include "isms/version.h"
#include "isms/wrap.h"

enum { EXIT_PASS = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2, EXIT_REPO = 3 };

static const char usage_text[] =
    "usage: isms-audit check [PATH] [options]\n"
    "       isms-audit rules\n"
    "       isms-audit explain RULE\n"
    "       isms-audit config --explain [KEY] | --schema\n"
    "       isms-audit init [PATH] [--output FILE] [--force]\n"
    "\n"
    "Audit the ISO 27001 ISMS kept in the Git repository at PATH (default: .)\n"
    "from its committed documents and their first-parent history.\n"
    "\n"
    "options of check:\n"
    "  --as-of DATE       audit the branch as it stood at the end of DATE (YYYY-MM-DD),\n"
    "                     with DATE as the audit date (default: HEAD and today)\n"
    "  --config FILE      configuration file (default: .isms-audit.yml committed at\n"
    "                     the repository root, if any)\n"
    "  --format FORMAT    text (default) or json\n"
    "  --output FILE      write the report to FILE instead of standard output\n"
    "  --fail-on LEVEL    major, minor (default), observation or never\n"
    "  --allow-shallow    audit a shallow clone; date-based findings are unproven\n"
    "  --help, --version\n"
    "\n"
    "config and init:\n"
    "  config --explain [KEY]  every key of .isms-audit.yml (or KEY alone): kind,\n"
    "                          default, example and description\n"
    "  config --schema         the JSON Schema of the configuration file\n"
    "  init [PATH]             a commented starter .isms-audit.yml fitted to the\n"
    "                          documents committed at HEAD of PATH (default: .)\n"
    "  init --output FILE      write it to FILE; an existing FILE is kept unless\n"
    "                          --force\n"
    "\n"
    "exit status: 0 no finding at or above the fail-on level, 1 findings at or above\n"
    "it, 2 usage or configuration error, 3 repository or I/O error.\n";

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "isms-audit: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'isms-audit --help'.\n");
	return EXIT_USAGE;
}

static int exit_code(int error)
{
	return error == ISMS_EUSAGE ? EXIT_USAGE : EXIT_REPO;
}

static int fail(int error)
{
	fprintf(stderr, "isms-audit: %s\n", isms_error_last());
	return exit_code(error);
}

static int cmd_rules(void)
{
	for (size_t i = 0; i < isms_rules_count; i++) {
		const isms_rule *r = &isms_rules[i];
		printf("%-24s %-7s %-12s %s\n", r->id, r->clause, isms_severity_name(r->severity),
		       r->summary);
	}
	return EXIT_PASS;
}

static int cmd_explain(const char *id)
{
	const isms_rule *r = isms_rule_find(id);

	if (!r)
		return usage_error("unknown rule '%s' (see 'isms-audit rules')", id);
	printf("%s (clause %s, %s%s)\n%s\n\nRequirement: %s\n\n%s\n", r->id, r->clause,
	       isms_severity_name(r->severity), r->date_based ? ", from commit dates" : "", r->summary,
	       r->requirement, r->explanation);
	return EXIT_PASS;
}

/* One key as `config --explain` shows it: name and summary, kind, default
 * and example, then the description. */
static void explain_key(GString *out, const isms_config_key *k)
{
	g_string_append_printf(out, "%s: %s\n", k->key, k->summary);
	isms_wrap_append(out, k->kind, "  kind:     ", "            ", 78);
	isms_wrap_append(out, k->default_text, "  default:  ", "            ", 78);
	g_string_append_printf(out, "  example:  %s: %s\n\n", k->key, k->example);
	isms_wrap_append(out, k->description, "  ", "  ", 78);
}

static int cmd_config(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"explain", no_argument, NULL, 'e'},
	    {"schema", no_argument, NULL, 's'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int explain = 0, schema = 0, c, error;
	const char *key = NULL;
	char *text = NULL;
	GString *out;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'e': explain = 1; break;
		case 's': schema = 1; break;
		case 'h': fputs(usage_text, stdout); return EXIT_PASS;
		default: return usage_error("%s", "invalid option");
		}
	}
	if (explain == schema)
		return usage_error("%s", "config takes --explain [KEY] or --schema");
	if (optind < argc && explain)
		key = argv[optind++];
	if (optind < argc)
		return usage_error("unexpected argument '%s'", argv[optind]);
	if (schema) {
		if ((error = isms_config_schema(&text)) < 0)
			return fail(error);
		printf("%s\n", text);
		g_free(text);
		return EXIT_PASS;
	}
	if (key && !isms_config_key_find(key)) {
		fprintf(stderr,
		        "isms-audit: unknown configuration key '%s' "
		        "(see 'isms-audit config --explain')\n",
		        key);
		return EXIT_USAGE;
	}
	out = g_string_new(NULL);
	for (size_t i = 0; i < isms_config_keys_count; i++) {
		const isms_config_key *k = &isms_config_keys[i];
		if (key && strcmp(k->key, key) != 0)
			continue;
		if (out->len)
			g_string_append_c(out, '\n');
		explain_key(out, k);
	}
	fputs(out->str, stdout);
	g_string_free(out, TRUE);
	return EXIT_PASS;
}

static int cmd_init(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"output", required_argument, NULL, 'o'},
	    {"force", no_argument, NULL, 'f'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	isms_init_options opts = ISMS_INIT_OPTIONS_INIT;
	const char *output = NULL;
	char *text = NULL;
	int force = 0, c, error;
	FILE *out;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': output = optarg; break;
		case 'f': force = 1; break;
		case 'h': fputs(usage_text, stdout); return EXIT_PASS;
		default: return usage_error("%s", "invalid option");
		}
	}
	if (optind < argc)
		opts.path = argv[optind++];
	if (optind < argc)
		return usage_error("unexpected argument '%s'", argv[optind]);
	if ((error = isms_init_generate(&text, &opts)) < 0)
		return fail(error);
	if (!output) {
		fputs(text, stdout);
		g_free(text);
		return EXIT_PASS;
	}
	/* "x": created only if absent, so an existing configuration survives */
	if (!(out = fopen(output, force ? "w" : "wx"))) {
		int exists = errno == EEXIST;
		fprintf(stderr, "isms-audit: %s: %s\n", output,
		        exists ? "already exists; pass --force to overwrite it" : strerror(errno));
		g_free(text);
		return exists ? EXIT_USAGE : EXIT_REPO;
	}
	error = fputs(text, out) < 0;
	if (fclose(out) != 0 || error) {
		fprintf(stderr, "isms-audit: %s: cannot write the configuration\n", output);
		g_free(text);
		return EXIT_REPO;
	}
	g_free(text);
	return EXIT_PASS;
}

static int want_color(FILE *out)
{
	const char *no = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	if (no && *no)
		return 0;
	if (term && strcmp(term, "dumb") == 0)
		return 0;
	return isatty(fileno(out));
}

static int cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"as-of", required_argument, NULL, 'a'},
	    {"config", required_argument, NULL, 'c'},
	    {"format", required_argument, NULL, 'f'},
	    {"output", required_argument, NULL, 'o'},
	    {"fail-on", required_argument, NULL, 'F'},
	    {"allow-shallow", no_argument, NULL, 's'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	isms_audit_options opts = ISMS_AUDIT_OPTIONS_INIT;
	isms_report_options ropts = ISMS_REPORT_OPTIONS_INIT;
	isms_audit *audit = NULL;
	isms_findings findings;
	const char *format = "text", *output = NULL;
	int have_fail_on = 0, c, error, rc;
	isms_severity fail_on = ISMS_SEV_MINOR;
	FILE *out = stdout;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'a':
			if (strlen(optarg) != 10 || isms_date_parse(optarg, strlen(optarg), &opts.as_of) < 0)
				return usage_error("--as-of: '%s' is not a date (YYYY-MM-DD)", optarg);
			opts.has_as_of = 1;
			break;
		case 'c': opts.config_path = optarg; break;
		case 'f':
			if (strcmp(optarg, "text") != 0 && strcmp(optarg, "json") != 0)
				return usage_error("--format: unknown format '%s' (text or json)", optarg);
			format = optarg;
			break;
		case 'o': output = optarg; break;
		case 'F':
			if (isms_severity_parse(optarg, 1, &fail_on) < 0)
				return usage_error("--fail-on: '%s' is not major, minor, observation or never",
				                   optarg);
			have_fail_on = 1;
			break;
		case 's': opts.allow_shallow = 1; break;
		case 'h': fputs(usage_text, stdout); return EXIT_PASS;
		default: return usage_error("%s", "invalid option");
		}
	}
	if (optind < argc)
		opts.path = argv[optind++];
	if (optind < argc)
		return usage_error("unexpected argument '%s'", argv[optind]);

	if ((error = isms_audit_open(&audit, &opts)) < 0)
		return fail(error);
	isms_findings_init(&findings);
	if ((error = isms_rules_run(audit, &findings)) < 0) {
		rc = fail(error);
		goto done;
	}
	ropts.fail_on = have_fail_on ? fail_on : audit->config.fail_on;
	if (output && !(out = fopen(output, "w"))) {
		fprintf(stderr, "isms-audit: %s: cannot write the report: %s\n", output, strerror(errno));
		rc = EXIT_REPO;
		goto done;
	}
	ropts.color = !output && strcmp(format, "text") == 0 && want_color(out);
	error = strcmp(format, "json") == 0 ? isms_report_json(audit, &findings, &ropts, out)
	                                    : isms_report_text(audit, &findings, &ropts, out);
	if (output && fclose(out) != 0 && error == 0)
		error = isms_error_set(ISMS_EREPO, "%s: cannot write the report", output);
	if (error < 0) {
		rc = fail(error);
		goto done;
	}
	rc = isms_findings_fail(&findings, ropts.fail_on) ? EXIT_FINDINGS : EXIT_PASS;
done:
	isms_findings_dispose(&findings);
	isms_audit_free(audit);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage_error("%s", "missing command (check, rules, explain, config or init)");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		fputs(usage_text, stdout);
		return EXIT_PASS;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
		printf("%s %s\n", ISMS_NAME, ISMS_VERSION);
		return EXIT_PASS;
	}
	if (strcmp(argv[1], "check") == 0)
		return cmd_check(argc - 1, argv + 1);
	if (strcmp(argv[1], "rules") == 0)
		return cmd_rules();
	if (strcmp(argv[1], "explain") == 0) {
		if (argc != 3)
			return usage_error("%s", "explain takes one rule id");
		return cmd_explain(argv[2]);
	}
	if (strcmp(argv[1], "config") == 0)
		return cmd_config(argc - 1, argv + 1);
	if (strcmp(argv[1], "init") == 0)
		return cmd_init(argc - 1, argv + 1);
	return usage_error("unknown command '%s'", argv[1]);
}
