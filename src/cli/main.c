/* isms-audit: the command-line program over the core library. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/output.h"
#include "isms/audit.h"
#include "isms/base.h"
#include "isms/config_keys.h"
#include "isms/error.h"
#include "isms/init.h"
#include "isms/report.h"
#include "isms/rules.h"
#include "isms/timing.h"
#include "isms/trend.h"
#include "isms/text.h"
#include "isms/version.h"
#include "isms/wrap.h"

enum { EXIT_PASS = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2, EXIT_REPO = 3 };

static const char usage_text[] =
    "usage: isms-audit check [PATH] [options]\n"
    "       isms-audit trend [PATH] --since DATE [--every month|quarter] [options]\n"
    "       isms-audit rules\n"
    "       isms-audit explain RULE\n"
    "       isms-audit config --explain [KEY] | --schema\n"
    "       isms-audit init [PATH] [--output FILE] [--force]\n"
    "\n"
    "Audit the ISO 27001 ISMS kept in the Git repository at PATH (default: .)\n"
    "from its committed documents and their first-parent history; uncommitted\n"
    "changes are not seen. Nothing in the repository is run or written.\n"
    "\n"
    "commands:\n";

/* --help after the commands, which come from the command table. */
static const char options_text[] =
    "\n"
    "options of check:\n"
    "  --as-of DATE       audit the branch as it stood at the end of DATE (YYYY-MM-DD),\n"
    "                     with DATE as the audit date (default: HEAD and today)\n"
    "  --config FILE      configuration file (default: .isms-audit.yml committed at\n"
    "                     the repository root, if any)\n"
    "  --format FORMAT[:FILE]\n"
    "                     a report format (below; default text), written to FILE;\n"
    "                     repeat it for several reports from one run (one of them\n"
    "                     may go to standard output)\n"
    "  --output FILE      write the report of the --format before it to FILE\n"
    "  --fail-on LEVEL    exit 1 on findings at or above LEVEL: major, minor\n"
    "                     (default), observation or never\n"
    "  --color WHEN       colour the text report: auto (default: on a terminal,\n"
    "                     unless NO_COLOR; FORCE_COLOR forces it), always or never\n"
    "  --base REV         report only what the change since REV introduces (pull\n"
    "                     requests): new findings, and findings about its commits;\n"
    "                     the configuration is the base's, not the change's\n"
    "  --allow-shallow    audit a shallow clone; date-based findings are unproven\n"
    "  --trend-since DATE|none\n"
    "                     first day of the html report's trend chart (default: the\n"
    "                     first of the month 11 months before the audit date)\n"
    "  --trend-every month|quarter\n"
    "                     the chart's period (default month)\n"
    "\n"
    "options of trend (the audit as of the end of each period, from one history walk):\n"
    "  --since DATE       first day of the trend (required)\n"
    "  --every PERIOD     month (default) or quarter\n"
    "  --format FORMAT    text (default), csv, json or html\n"
    "  --as-of, --config, --output, --allow-shallow   as for check\n"
    "\n"
    "options of config and init:\n"
    "  --explain [KEY]    every key of .isms-audit.yml (or KEY alone): kind, default,\n"
    "                     example and description\n"
    "  --schema           the JSON Schema of the configuration file\n"
    "  --output FILE      init: write the starter to FILE; an existing FILE is kept\n"
    "                     unless --force\n"
    "  --force            init: overwrite FILE\n"
    "\n"
    "  --help             this help; the manual: man isms-audit\n"
    "  --version          the program's name and version\n"
    "\n"
    "examples:\n"
    "  isms-audit check                        audit the repository here, as of today\n"
    "  isms-audit check --base origin/main     a pull request: only what it introduces\n"
    "  isms-audit check --format html:report.html\n"
    "                                          a self-assessment for the management review\n"
    "  isms-audit explain DOC-REVIEW-OVERDUE   a rule, and how to fix its findings\n"
    "\n"
    "exit status: 0 no finding at or above the fail-on level, 1 findings at or above\n"
    "it, 2 usage or configuration error, 3 repository or I/O error.\n";

/* --help, which every command takes: after the command table. */
static int help(void);

/* A usage error: one line naming the argument and the cause, then where
 * to read more; exit status 2. */
static int usage_error(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
static int usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("isms-audit: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'isms-audit --help'.\n", stderr);
	return EXIT_USAGE;
}

/* ": did you mean '--as-of'?" (PREFIX then the candidate) when `word` looks like a typo of a
 * candidate (isms_text_closest), else "". Caller frees. */
static char *did_you_mean(const char *word, const char *const *candidates, size_t n,
                          const char *prefix)
{
	const char *close = isms_text_closest(word, candidates, n);

	return close ? g_strdup_printf(": did you mean '%s%s'?", prefix, close) : g_strdup("");
}

/* The same for a long option of `longopts`. */
static char *did_you_mean_option(const char *word, const struct option *longopts)
{
	const char *names[32];
	size_t n = 0;

	for (; longopts->name && n < G_N_ELEMENTS(names); longopts++)
		names[n++] = longopts->name;
	return did_you_mean(word, names, n, "--");
}

/* getopt_long's error, told in our words (main sets opterr to 0): argv[0]
 * is the command. A long option's error leaves optind past it; a missing
 * value can only be at the end, as getopt takes any next word as one. */
static int bad_option(char **argv, int argc, const struct option *longopts)
{
	const char *arg = argv[optind - 1];
	int len = (int)strcspn(arg, "=");

	if (strncmp(arg, "--", 2) == 0 && optopt && arg[len])
		return usage_error("option '%.*s' of %s takes no value", len, arg, argv[0]);
	if (strncmp(arg, "--", 2) == 0 && optopt && optind == argc)
		return usage_error("option '%s' of %s needs a value", arg, argv[0]);
	if (optopt)
		return usage_error("unknown option '-%c' for %s (options start with '--')", optopt,
		                   argv[0]);
	{
		char *word = g_strndup(arg + strspn(arg, "-"), (gsize)len - strspn(arg, "-"));
		char *hint = did_you_mean_option(word, longopts);
		int rc = usage_error("unknown option '%.*s' for %s%s", len, arg, argv[0], hint);
		g_free(hint);
		g_free(word);
		return rc;
	}
}

static int exit_code(int error)
{
	return error == ISMS_EUSAGE ? EXIT_USAGE : EXIT_REPO;
}

/* The error on one line: it may quote the repository (a configuration
 * value, a path), which must not start lines of its own in a CI log,
 * where a line can be a workflow command. */
static int fail(int error)
{
	GString *line = g_string_new("isms-audit: ");

	isms_report_text_escape(line, isms_error_last());
	fprintf(stderr, "%s\n", line->str);
	g_string_free(line, TRUE);
	return exit_code(error);
}

/* The rule table, in columns as wide as its longest id. */
static int cmd_rules(int argc, char **argv)
{
	int width = 0;

	if (argc == 2 && strcmp(argv[1], "--help") == 0)
		return help();
	if (argc > 1)
		return usage_error("unexpected argument '%s' (rules takes none)", argv[1]);

	for (size_t i = 0; i < isms_rules_count; i++)
		width = MAX(width, (int)strlen(isms_rules[i].id));
	for (size_t i = 0; i < isms_rules_count; i++) {
		const isms_rule *r = &isms_rules[i];
		printf("%-*s %-7s %-12s %s\n", width, r->id, r->clause,
		       isms_severity_name(r->severity), r->summary);
	}
	return EXIT_PASS;
}

static int cmd_explain(int argc, char **argv)
{
	const isms_rule *r;

	if (argc == 2 && strcmp(argv[1], "--help") == 0)
		return help();
	if (argc != 2)
		return usage_error("%s", "explain takes one rule id, as 'isms-audit explain "
		                         "DOC-REVIEW-OVERDUE' (the ids: 'isms-audit rules')");
	if (!(r = isms_rule_find(argv[1]))) {
		char *hint = isms_rule_suggestion(argv[1]);
		int rc = usage_error("unknown rule '%s'%s (see 'isms-audit rules')", argv[1], hint);
		g_free(hint);
		return rc;
	}
	printf("%s (clause %s, %s%s)\n%s\n\nRequirement: %s\n\n%s\n", r->id, r->clause,
	       isms_severity_name(r->severity),
	       (r->flags & ISMS_RULE_DATE_BASED) ? ", from commit dates" : "", r->summary,
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
		case 'h': return help();
		default: return bad_option(argv, argc, longopts);
		}
	}
	if (explain == schema)
		return usage_error("%s", "config takes one of --explain [KEY] and --schema");
	if (optind < argc && explain)
		key = argv[optind++];
	if (optind < argc)
		return usage_error(
		    "unexpected argument '%s' (config takes --explain [KEY] or --schema)",
		    argv[optind]);
	if (schema) {
		if ((error = isms_config_schema(&text)) < 0)
			return fail(error);
		printf("%s\n", text);
		g_free(text);
		return EXIT_PASS;
	}
	if (key && !isms_config_key_find(key)) {
		char *hint = isms_config_key_suggestion(key);
		fprintf(stderr,
		        "isms-audit: unknown configuration key '%s'%s "
		        "(see 'isms-audit config --explain')\n",
		        key, hint);
		g_free(hint);
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
	output_file out;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': output = optarg; break;
		case 'f': force = 1; break;
		case 'h': return help();
		default: return bad_option(argv, argc, longopts);
		}
	}
	if (optind < argc)
		opts.path = argv[optind++];
	if (optind < argc)
		return usage_error(
		    "unexpected argument '%s' (%s takes one PATH: the repository, or a "
		    "folder in it)",
		    argv[optind], argv[0]);
	if ((error = isms_init_generate(&text, &opts)) < 0)
		return fail(error);
	if (!output) {
		fputs(text, stdout);
		g_free(text);
		return EXIT_PASS;
	}
	/* without --force an existing configuration survives */
	if ((error = output_open(&out, output, "the configuration", !force)) == 0) {
		fputs(text, out.fp); /* a failed write shows in ferror() */
		error = output_close(&out, 0);
	}
	g_free(text);
	return error < 0 ? fail(error) : EXIT_PASS;
}

/* One report of a run: a format and its file (NULL: standard output). */
typedef struct {
	const isms_report_format *format;
	const char *path;
} output_spec;

#define MAX_OUTPUTS 16

typedef struct {
	output_spec spec[MAX_OUTPUTS];
	int n;
	const char *pending; /* --output before any --format */
} output_list;

/* "text, json, ..." from the format table. */
static void format_names(char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < isms_report_formats_count && used < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "",
		                         isms_report_formats[i].name);
}

/* --format NAME or NAME:FILE */
static int add_format(output_list *l, const char *arg)
{
	const char *colon = strchr(arg, ':');
	char name[32], names[256];
	size_t len = colon ? (size_t)(colon - arg) : strlen(arg);

	if (len >= sizeof(name))
		len = sizeof(name) - 1;
	memcpy(name, arg, len);
	name[len] = '\0';
	if (l->n == MAX_OUTPUTS)
		return usage_error("--format: at most %s reports per run", "16");
	if (!(l->spec[l->n].format = isms_report_format_find(name))) {
		const char *all[32];
		size_t n = 0;
		for (; n < isms_report_formats_count && n < G_N_ELEMENTS(all); n++)
			all[n] = isms_report_formats[n].name;
		char *hint = did_you_mean(name, all, n, "");
		format_names(names, sizeof(names));
		fprintf(stderr, "isms-audit: --format: unknown format '%s'%s (%s)\n", name, hint,
		        names);
		g_free(hint);
		fprintf(stderr, "Try 'isms-audit --help'.\n");
		return EXIT_USAGE;
	}
	if (colon && !colon[1])
		return usage_error(
		    "--format: '%s' names no file after ':' (--format %s alone writes "
		    "to standard output)",
		    arg, name);
	l->spec[l->n++].path = colon ? colon + 1 : NULL;
	return 0;
}

/* --output FILE: the file of the --format just before it. */
static int add_output(output_list *l, const char *path)
{
	if (l->n == 0) {
		if (l->pending)
			return usage_error(
			    "--output: given twice ('%s'); give each report its file "
			    "(--format FORMAT:FILE)",
			    path);
		l->pending = path;
		return 0;
	}
	if (l->spec[l->n - 1].path)
		return usage_error("--output: the report before it already has a file ('%s')",
		                   l->spec[l->n - 1].path);
	l->spec[l->n - 1].path = path;
	return 0;
}

/* The reports of a run: at most one on standard output, no file twice. */
static int finish_outputs(output_list *l)
{
	if (l->n == 0)
		l->spec[l->n++] = (output_spec){isms_report_format_find("text"), NULL};
	if (l->pending) {
		if (l->spec[0].path && l->n == 1)
			return usage_error("--output '%s': the report already has a file (--format "
			                   "FORMAT:FILE)",
			                   l->pending);
		if (l->n > 1)
			return usage_error(
			    "--output '%s': with several --format, give each its file "
			    "(--format FORMAT:FILE, or --output after its --format)",
			    l->pending);
		l->spec[0].path = l->pending;
	}
	for (int i = 0; i < l->n; i++) {
		if (l->spec[i].path && strcmp(l->spec[i].path, "-") == 0)
			l->spec[i].path = NULL;
		for (int k = 0; k < i; k++) {
			if (!l->spec[i].path && !l->spec[k].path)
				return usage_error(
				    "only one report can go to standard output; give "
				    "'--format %s' a file (--format FORMAT:FILE)",
				    l->spec[i].format->name);
			if (l->spec[i].path && l->spec[k].path &&
			    strcmp(l->spec[i].path, l->spec[k].path) == 0)
				return usage_error("two reports would write the same file '%s'",
				                   l->spec[i].path);
		}
	}
	return 0;
}

/* --color: always, never, or auto (-1): on a terminal, unless NO_COLOR is
 * set (no-color.org) or TERM is dumb; FORCE_COLOR (not "0") forces it off
 * a terminal, as CI logs that render colour want. NO_COLOR wins. */
static int want_color(FILE *out, int mode)
{
	const char *no = getenv("NO_COLOR"), *force = getenv("FORCE_COLOR");
	const char *term = getenv("TERM");

	if (mode >= 0)
		return mode;
	if (no && *no)
		return 0;
	if (force && *force && strcmp(force, "0") != 0)
		return 1;
	if (term && strcmp(term, "dumb") == 0)
		return 0;
	return isatty(fileno(out));
}

/* Write one report; returns 0 or an error code with its message set. */
static int write_report(const isms_audit *audit, const isms_findings *findings,
                        const isms_report_options *base, const output_spec *spec, int color_mode)
{
	isms_report_options ropts = *base;
	FILE *out = stdout;
	output_file file;
	char *what = g_strdup_printf("the %s report", spec->format->name);
	int error;

	if (spec->path && (error = output_open(&file, spec->path, what, 0)) < 0) {
		g_free(what);
		return error;
	}
	if (spec->path)
		out = file.fp;
	ropts.color = !spec->path && spec->format->colour && want_color(out, color_mode);
	error = spec->format->write(audit, findings, &ropts, out);
	if (spec->path)
		error = output_close(&file, error);
	else if (fflush(out) != 0 && error == 0) {
		error = isms_error_set(ISMS_EREPO, "standard output: cannot write the %s report",
		                       spec->format->name);
	}
	g_free(what);
	return error;
}

/* Every report file can be written (none is a link or a folder): checked
 * before the audit, so that a refused file leaves none written. */
static int check_outputs(const output_list *l)
{
	int error = 0;

	for (int i = 0; i < l->n && error == 0; i++) {
		char *what = g_strdup_printf("the %s report", l->spec[i].format->name);
		if (l->spec[i].path)
			error = output_check(l->spec[i].path, what);
		g_free(what);
	}
	return error;
}

/* --as-of and --since: a day as YYYY-MM-DD. */
static int parse_day(const char *opt, const char *arg, isms_day *out)
{
	if (strlen(arg) != 10 || isms_date_parse(arg, strlen(arg), out) < 0) {
		fprintf(stderr, "isms-audit: %s: '%s' is not a date (YYYY-MM-DD)\n", opt, arg);
		fprintf(stderr, "Try 'isms-audit --help'.\n");
		return EXIT_USAGE;
	}
	return 0;
}

/* The default trend of the HTML report: twelve months, monthly. */
static isms_day default_trend_since(isms_day today)
{
	isms_day start = isms_date_add_months(today, -11);
	int y, m, d;

	isms_date_ymd(start, &y, &m, &d);
	return start - (d - 1);
}

typedef int (*trend_write_fn)(const isms_trend *t, FILE *out);

static const struct {
	const char *name;
	trend_write_fn write;
} trend_formats[] = {
    {"text", isms_trend_report_text},
    {"csv", isms_trend_report_csv},
    {"json", isms_trend_report_json},
    {"html", isms_trend_report_html},
};

/* The commands that audit a repository, a bit each: an option row names
 * the commands that accept it. */
enum { RUN_CHECK = 1, RUN_TREND = 2 };

/* What check or trend was told on its command line. Both commands fill
 * in one of these from the option table; each reads its own fields and
 * leaves the other's at their defaults. */
typedef struct {
	isms_audit_options audit; /* PATH, --as-of, --config, --allow-shallow */
	isms_trend_options trend; /* check: --trend-since/--trend-every; trend: --since/--every */
	int have_since;           /* trend.since was given */
	int no_trend;             /* check: --trend-since none */
	output_list outputs;      /* check: --format, --output */
	isms_severity fail_on;    /* check: --fail-on, if have_fail_on */
	int have_fail_on;
	const char *base_rev; /* check: --base, or NULL */
	trend_write_fn write; /* trend: --format */
	const char *output;   /* trend: --output, or NULL for standard output */
	int help;             /* --help: print the usage and run nothing */
	int color;            /* check: --color, 1 always, 0 never, -1 auto */
} run_args;

#define RUN_ARGS_INIT                                                                              \
	{                                                                                          \
		.audit = ISMS_AUDIT_OPTIONS_INIT, .trend = {0, ISMS_TREND_MONTH},                  \
		.fail_on = ISMS_SEV_MINOR, .write = isms_trend_report_text, .color = -1            \
	}

/* The handlers of the option table: each stores its value in the
 * run_args, and returns 0 or the exit status of a usage error it has
 * told. `arg` is NULL for an option without a value. */
static int opt_as_of(run_args *r, const char *arg)
{
	int rc;

	if ((rc = parse_day("--as-of", arg, &r->audit.as_of)) != 0)
		return rc;
	r->audit.has_as_of = 1;
	return 0;
}

static int opt_config(run_args *r, const char *arg)
{
	r->audit.config_path = arg;
	return 0;
}

static int opt_allow_shallow(run_args *r, const char *arg)
{
	(void)arg;
	r->audit.allow_shallow = 1;
	return 0;
}

static int opt_format(run_args *r, const char *arg)
{
	return add_format(&r->outputs, arg);
}

static int opt_output(run_args *r, const char *arg)
{
	return add_output(&r->outputs, arg);
}

static int opt_fail_on(run_args *r, const char *arg)
{
	if (isms_severity_parse(arg, 1, &r->fail_on) < 0)
		return usage_error("--fail-on: '%s' is not major, minor, observation or never",
		                   arg);
	r->have_fail_on = 1;
	return 0;
}

static int opt_color(run_args *r, const char *arg)
{
	static const char *const modes[] = {"never", "always", "auto"};

	for (int i = 0; i < 3; i++)
		if (strcmp(arg, modes[i]) == 0) {
			r->color = i == 2 ? -1 : i;
			return 0;
		}
	char *hint = did_you_mean(arg, modes, 3, "");
	int rc = usage_error("--color: '%s' is not auto, always or never%s", arg, hint);
	g_free(hint);
	return rc;
}

static int opt_trend_since(run_args *r, const char *arg)
{
	int rc;

	if (strcmp(arg, "none") == 0) {
		r->no_trend = 1;
		return 0;
	}
	if ((rc = parse_day("--trend-since", arg, &r->trend.since)) != 0)
		return rc;
	r->have_since = 1;
	return 0;
}

static int opt_trend_every(run_args *r, const char *arg)
{
	if (isms_trend_every_parse(arg, &r->trend.every) < 0)
		return usage_error("--trend-every: '%s' is not month or quarter", arg);
	return 0;
}

static int opt_base(run_args *r, const char *arg)
{
	if (!*arg)
		return usage_error("%s", "--base: give a commit, branch or tag");
	r->base_rev = arg;
	return 0;
}

static int opt_since(run_args *r, const char *arg)
{
	int rc;

	if ((rc = parse_day("--since", arg, &r->trend.since)) != 0)
		return rc;
	r->have_since = 1;
	return 0;
}

static int opt_every(run_args *r, const char *arg)
{
	if (isms_trend_every_parse(arg, &r->trend.every) < 0)
		return usage_error("--every: '%s' is not month or quarter", arg);
	return 0;
}

static int opt_trend_format(run_args *r, const char *arg)
{
	for (size_t i = 0; i < G_N_ELEMENTS(trend_formats); i++) {
		if (strcmp(trend_formats[i].name, arg) == 0) {
			r->write = trend_formats[i].write;
			return 0;
		}
	}
	return usage_error("--format: unknown trend format '%s' (text, csv, json or html)", arg);
}

static int opt_trend_output(run_args *r, const char *arg)
{
	r->output = arg;
	return 0;
}

/* One row of the option table of check and trend. */
typedef struct {
	const char *name;  /* the long option, without its "--" */
	int has_arg;       /* no_argument or required_argument, as getopt_long */
	unsigned commands; /* RUN_CHECK, RUN_TREND or both: the commands that accept it */
	int (*set)(run_args *r, const char *arg);
} run_option;

/* A command is given only the rows that name it, so an option of the
 * other command is as unknown to it as a misspelt one, with the same
 * error. --format and --output mean different things to the two
 * commands (reports of findings, the trend table), hence a row each.
 * --help, which every command takes, is not a row. */
static const run_option run_options[] = {
    {"as-of", required_argument, RUN_CHECK | RUN_TREND, opt_as_of},
    {"config", required_argument, RUN_CHECK | RUN_TREND, opt_config},
    {"allow-shallow", no_argument, RUN_CHECK | RUN_TREND, opt_allow_shallow},
    {"format", required_argument, RUN_CHECK, opt_format},
    {"output", required_argument, RUN_CHECK, opt_output},
    {"fail-on", required_argument, RUN_CHECK, opt_fail_on},
    {"color", required_argument, RUN_CHECK, opt_color},
    {"trend-since", required_argument, RUN_CHECK, opt_trend_since},
    {"trend-every", required_argument, RUN_CHECK, opt_trend_every},
    {"base", required_argument, RUN_CHECK, opt_base},
    {"since", required_argument, RUN_TREND, opt_since},
    {"every", required_argument, RUN_TREND, opt_every},
    {"format", required_argument, RUN_TREND, opt_trend_format},
    {"output", required_argument, RUN_TREND, opt_trend_output},
};
_Static_assert(G_N_ELEMENTS(run_options) < '?', "getopt values of the rows must not reach '?'");

/* The options and PATH of check or trend (`command`), argv[0] being the
 * command. getopt_long gets the command's rows, so it abbreviates them
 * as before: its value for a row is the row's index plus one, which
 * stays clear of 'h' and '?'. Returns 0, with r->help set when --help
 * came before any error, or the exit status of a usage error. */
static int parse_run_args(run_args *r, unsigned command, int argc, char **argv)
{
	struct option longopts[G_N_ELEMENTS(run_options) + 2];
	size_t n = 0;
	int c, rc;

	for (size_t i = 0; i < G_N_ELEMENTS(run_options); i++) {
		const run_option *o = &run_options[i];
		if (o->commands & command)
			longopts[n++] = (struct option){o->name, o->has_arg, NULL, (int)i + 1};
	}
	longopts[n++] = (struct option){"help", no_argument, NULL, 'h'};
	longopts[n] = (struct option){NULL, 0, NULL, 0};

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c == 'h') {
			r->help = 1;
			return 0;
		}
		if (c < 1 || c > (int)G_N_ELEMENTS(run_options))
			return bad_option(argv, argc, longopts);
		if ((rc = run_options[c - 1].set(r, optarg)) != 0)
			return rc;
	}
	if (optind < argc)
		r->audit.path = argv[optind++];
	if (optind < argc)
		return usage_error(
		    "unexpected argument '%s' (%s takes one PATH: the repository, or a "
		    "folder in it)",
		    argv[optind], argv[0]);
	return 0;
}

static int cmd_check(int argc, char **argv)
{
	run_args r = RUN_ARGS_INIT;
	isms_report_options ropts = ISMS_REPORT_OPTIONS_INIT;
	isms_base base = {0};
	isms_audit *audit = NULL;
	isms_findings findings, whole; /* whole: before --base keeps what it introduces */
	isms_trend trend;
	GArray *checkpoints = NULL;
	int want_trend = 0, want_whole = 0, error, rc;

	if ((rc = parse_run_args(&r, RUN_CHECK, argc, argv)) != 0)
		return rc;
	if (r.help)
		return help();
	if ((rc = finish_outputs(&r.outputs)) != 0)
		return rc;
	if ((error = check_outputs(&r.outputs)) < 0)
		return fail(error);
	for (int i = 0; i < r.outputs.n; i++) {
		want_trend |= r.outputs.spec[i].format->needs_trend;
		want_whole |= r.outputs.spec[i].format->whole && r.base_rev;
	}
	want_trend &= !r.no_trend;
	if (want_trend) {
		isms_day today = r.audit.has_as_of ? r.audit.as_of : isms_date_today();
		if (!r.have_since)
			r.trend.since = default_trend_since(today);
		r.audit.checkpoints = checkpoints = isms_trend_days(&r.trend, today);
	}

	r.audit.lean = !r.base_rev && !want_trend; /* no model derived from this one */
	r.audit.base = r.base_rev;
	error = isms_audit_open(&audit, &r.audit);
	if (checkpoints)
		g_array_unref(checkpoints);
	if (error < 0)
		return fail(error);
	isms_findings_init(&findings);
	isms_findings_init(&whole);
	isms_trend_init(&trend);
	if ((error = isms_rules_run(audit, &findings)) < 0 ||
	    (want_whole && (error = isms_rules_run(audit, &whole)) < 0)) {
		rc = fail(error);
		goto done;
	}
	isms_timing("rules");
	if (r.base_rev) {
		char *note = isms_base_config_note(audit);
		if (note)
			fprintf(stderr, "isms-audit: %s\n", note);
		g_free(note);
		if ((error = isms_base_compare(audit, &r.audit, r.base_rev, &findings, &base)) <
		    0) {
			rc = fail(error);
			goto done;
		}
		if (base.merge_base)
			fprintf(stderr,
			        "isms-audit: base '%s' is not an ancestor of the audited commit: "
			        "comparing "
			        "with their merge base %.12s\n",
			        r.base_rev, base.commit);
		ropts.base = &base;
	}
	if (want_trend) {
		if ((error = isms_trend_compute(audit, &r.trend, &trend)) < 0) {
			rc = fail(error);
			goto done;
		}
		ropts.trend = &trend;
	}
	ropts.fail_on = r.have_fail_on ? r.fail_on : audit->config.fail_on;
	for (int i = 0; i < r.outputs.n; i++) {
		const isms_findings *fs =
		    want_whole && r.outputs.spec[i].format->whole ? &whole : &findings;
		if ((error = write_report(audit, fs, &ropts, &r.outputs.spec[i], r.color)) < 0) {
			rc = fail(error);
			goto done;
		}
	}
	isms_timing("reports");
	rc = isms_findings_fail(&findings, ropts.fail_on) ? EXIT_FINDINGS : EXIT_PASS;
done:
	isms_base_dispose(&base);
	isms_trend_dispose(&trend);
	isms_findings_dispose(&findings);
	isms_findings_dispose(&whole);
	isms_audit_free(audit);
	return rc;
}

static int cmd_trend(int argc, char **argv)
{
	run_args r = RUN_ARGS_INIT;
	isms_audit *audit = NULL;
	isms_trend trend;
	GArray *checkpoints;
	int error, rc;
	output_file file;

	if ((rc = parse_run_args(&r, RUN_TREND, argc, argv)) != 0)
		return rc;
	if (r.help)
		return help();
	if (!r.have_since)
		return usage_error("%s", "trend needs --since DATE, the first day of the trend (as "
		                         "--since 2026-01-01)");
	if (r.output && (error = output_check(r.output, "the trend")) < 0)
		return fail(error);

	checkpoints =
	    isms_trend_days(&r.trend, r.audit.has_as_of ? r.audit.as_of : isms_date_today());
	r.audit.checkpoints = checkpoints;
	error = isms_audit_open(&audit, &r.audit);
	g_array_unref(checkpoints);
	if (error < 0)
		return fail(error);
	isms_trend_init(&trend);
	if ((error = isms_trend_compute(audit, &r.trend, &trend)) < 0) {
		rc = fail(error);
		goto done;
	}
	if (!r.output) {
		error = r.write(&trend, stdout);
	} else if ((error = output_open(&file, r.output, "the trend", 0)) == 0) {
		error = r.write(&trend, file.fp);
		error = output_close(&file, error);
	}
	rc = error < 0 ? fail(error) : EXIT_PASS;
done:
	isms_trend_dispose(&trend);
	isms_audit_free(audit);
	return rc;
}

/* The spellings of --help and --version answer whatever follows them:
 * nothing after them is checked. */
static int cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return help();
}

static int cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	char *libs = isms_library_versions();

	printf("%s %s\nwith %s\n", ISMS_NAME, ISMS_VERSION, libs);
	g_free(libs);
	return EXIT_PASS;
}

/* One command: `isms-audit NAME ARGS...` runs `run` with argv[0] the
 * name. A row with a summary is a command --help lists, under its
 * synopsis; the others are spellings of --help and --version. */
typedef struct {
	const char *name;
	const char *synopsis;
	const char *summary;
	int (*run)(int argc, char **argv);
} command;

static const command commands[] = {
    {"check", "check", "audit the repository and write reports", cmd_check},
    {"trend", "trend", "the audit as of the end of each month or quarter", cmd_trend},
    {"rules", "rules", "list the rules: id, clause, severity, what each finds", cmd_rules},
    {"explain", "explain RULE", "what a rule checks and how to fix its findings", cmd_explain},
    {"config", "config", "describe the configuration file .isms-audit.yml", cmd_config},
    {"init", "init", "write a starter .isms-audit.yml fitted to the repository", cmd_init},
    {"--help", NULL, NULL, cmd_help},
    {"-h", NULL, NULL, cmd_help},
    {"help", NULL, NULL, cmd_help},
    {"--version", NULL, NULL, cmd_version},
    {"version", NULL, NULL, cmd_version},
};

/* --help: the usage, the commands, their options, then the report
 * formats from the format table. */
static int help(void)
{
	fputs(usage_text, stdout);
	for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
		if (commands[i].summary)
			printf("  %-18s %s\n", commands[i].synopsis, commands[i].summary);
	fputs(options_text, stdout);
	fputs("\nreport formats of check:\n", stdout);
	for (size_t i = 0; i < isms_report_formats_count; i++)
		printf("  %-12s %s\n", isms_report_formats[i].name, isms_report_formats[i].summary);
	return EXIT_PASS;
}

/* The commands --help lists, as the errors about a missing or unknown
 * command name them: "check, trend, ... or init". Caller frees. */
static char *command_names(void)
{
	GString *s = g_string_new(NULL);
	size_t listed = 0, n = 0;

	for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
		listed += commands[i].summary != NULL;
	for (size_t i = 0; i < G_N_ELEMENTS(commands); i++) {
		if (!commands[i].summary)
			continue;
		if (n++ > 0)
			g_string_append(s, n == listed ? " or " : ", ");
		g_string_append(s, commands[i].name);
	}
	return g_string_free(s, FALSE);
}

/* The error for a missing command (name NULL) or an unknown one. */
static int unknown_command(const char *name)
{
	char *names = command_names(), *hint = NULL;
	const char *all[16];
	size_t n = 0;

	for (size_t i = 0; i < G_N_ELEMENTS(commands) && n < G_N_ELEMENTS(all); i++)
		if (commands[i].summary)
			all[n++] = commands[i].name;
	hint = name ? did_you_mean(name, all, n, "") : NULL;
	int rc = name ? usage_error("unknown command '%s'%s (%s)", name, hint, names)
	              : usage_error("missing command: %s (to audit the repository here: "
	                            "'isms-audit check')",
	                            names);

	g_free(hint);
	g_free(names);
	return rc;
}

int main(int argc, char **argv)
{
	opterr = 0; /* bad_option() tells what is wrong */
	if (argc < 2)
		return unknown_command(NULL);
	for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	if (argv[1][0] == '-') {
		char *args = g_strjoinv(" ", argv + 1);
		int rc = usage_error("option '%s' before any command: give the command first, as "
		                     "'isms-audit check %s'",
		                     argv[1], args);
		g_free(args);
		return rc;
	}
	if (g_file_test(argv[1], G_FILE_TEST_IS_DIR))
		return usage_error(
		    "unknown command '%s': to audit that folder, run 'isms-audit check %s'",
		    argv[1], argv[1]);
	return unknown_command(argv[1]);
}
