/* Output safety: every report format, and every trend format, on one
 * hostile repository (fixtures/edge/output-safety.fixture), whose text
 * tries to break out of its field: markup, Markdown, escape sequences,
 * controls, bidirectional overrides, invalid UTF-8, workflow commands and
 * CSV formulas in titles, paths, owners, ids, register cells, commit
 * authors, waivers and configuration values. Each format is checked for
 * the exact form the hostile text takes in it and for the structure that
 * no text can change. */
#include <jansson.h>
#include <string.h>

#include "isms/error.h"
#include "isms/report.h"
#include "isms/rules.h"
#include "isms/trend.h"
#include "testutil.h"

#define FIXTURE "edge/output-safety"
#define AS_OF   "2026-06-01"
#define R       "\xef\xbf\xbd" /* U+FFFD */

/* H begins with printable markup (PLAIN) and ends with workflow commands
 * (TAIL); between them, what a terminal or a reader acts on. */
#define PLAIN                                                                                      \
	"=cmd|'/c calc'!A1 <script>x</script><img src=x "                                          \
	"onerror=y>]]>\"'&amp;\\`|*e*[l](javascript:x) "
#define TAIL "::error::pwned ::set-output name=x::y"

/* H, the fixture's hostile string, as the model holds it (from YAML
 * escapes and from HTML character references alike). */
#define HOSTILE                                                                                    \
	PLAIN "\x1b[31m\x1b]8;;http://e.x/\x07l\x1b]8;;\x07\x01\t\r\x7f\xc2\x85\xc2\x9b"           \
	      "\xe2\x80\xa8\xe2\x80\xa9\xe2\x80\xae!\xe2\x80\xac##[stop-commands]x\n" TAIL

/* The document path that is valid UTF-8, and the one that is not. */
#define HOSTILE_PATH                                                                               \
	"docs/=a b \"q\" 's <i>&amp; caf\xc3\xa9 ::error::x %0A\n::warning::y\x1b[31m\xc2\x9b"     \
	"\xe2\x80\xae`|.md"
#define BAD_PATH "docs/bad" R ".md"

/* The author who deleted NC-3, named in ACT-REMOVED's evidence. */
#define AUTHOR                                                                                     \
	"=cmd|x \"Mal\" 'o' & \\ `ry` | *em* [l](javascript:x) %0A ::error::pwned "                \
	"<mal@evil.example>"

static isms_audit *hostile(isms_findings *fs)
{
	return audit_fixture(FIXTURE, AS_OF, fs);
}

static char *render(isms_report_fn fn, const isms_audit *a, const isms_findings *fs)
{
	isms_report_options opts = ISMS_REPORT_OPTIONS_INIT;

	return render_report(fn, a, fs, &opts);
}

static int count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

static const isms_finding *first(const GPtrArray *list, const char *rule)
{
	for (guint i = 0; i < list->len; i++) {
		const isms_finding *f = g_ptr_array_index(list, i);
		if (strcmp(f->rule->id, rule) == 0)
			return f;
	}
	ck_abort_msg("no %s finding", rule);
	return NULL;
}

/* What a reader must never be shown as it is, defined here apart from the
 * reports' own predicate: C0 controls (ESC and CR among them), DEL, C1
 * controls (CSI among them), the line and paragraph separators, and the
 * bidirectional embeddings, overrides and isolates. */
static int never_shown(gunichar c)
{
	return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 ||
	       (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/* `text` is valid UTF-8 and holds no character never_shown but those in
 * `allowed`. */
static void expect_shown_safely(const char *what, const char *text, const char *allowed)
{
	ck_assert_msg(g_utf8_validate(text, -1, NULL), "%s: not valid UTF-8", what);
	for (const char *p = text; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		ck_assert_msg(!never_shown(c) || (c < 0x80 && strchr(allowed, (int)c)),
		              "%s: U+%04X at '%.40s'", what, c, p);
	}
}

/* ---- the repository ---------------------------------------------------- */

/* The hostile text reaches every field the reports show: without this the
 * checks below could pass on text that never got in. */
START_TEST(the_hostile_text_reaches_the_model)
{
	isms_findings fs;
	isms_audit *a = hostile(&fs);
	const isms_document *doc = find_document(a, HOSTILE_PATH);
	const isms_register_model *reg;
	const isms_rule_setting *set = isms_config_rule(&a->config, "DOC-STALE-CONTENT");

	ck_assert_ptr_nonnull(doc);
	ck_assert_str_eq(isms_meta_text(doc->meta, ISMS_F_TITLE), HOSTILE);
	ck_assert_str_eq(isms_meta_text(doc->meta, ISMS_F_OWNER), HOSTILE);
	ck_assert_str_eq(isms_meta_text(doc->meta, ISMS_F_ID), HOSTILE);
	ck_assert_str_eq(isms_meta_text(doc->meta, ISMS_F_VERSION), HOSTILE);
	ck_assert_ptr_nonnull(find_document(a, "docs/bad\xff.md"));
	ck_assert_uint_eq(a->registers->len, 1);
	reg = g_ptr_array_index(a->registers, 0);
	ck_assert_uint_eq(reg->items->len, 3);
	for (guint i = 0; i < reg->items->len; i++) {
		const isms_item_history *h = g_ptr_array_index(reg->items, i);
		char *id = g_strdup_printf("NC-%u %s", i + 1, HOSTILE);
		ck_assert_str_eq(h->id, id);
		g_free(id);
	}
	ck_assert_str_eq(((const isms_item_history *)g_ptr_array_index(reg->items, 0))
	                     ->item->cell[ISMS_COL_OWNER],
	                 HOSTILE);
	ck_assert_ptr_nonnull(set);
	ck_assert_str_eq(g_ptr_array_index(set->exclude, 0), HOSTILE);

	/* the findings that carry it: in their path, item, message or evidence */
	expect_rule(&fs, "DOC-BAD-METADATA", HOSTILE_PATH ":8:last_reviewed");
	expect_rule(&fs, "DOC-DUPLICATE-ID", "docs/bad\xff.md:3:" HOSTILE);
	expect_rule(&fs, "ACT-BAD-VALUE",
	            "register.md:11:NC-1 " HOSTILE "\nregister.md:11:NC-1 " HOSTILE);
	expect_rule(&fs, "ACT-NO-OWNER", "register.md:12:NC-2 " HOSTILE);
	expect_rule(&fs, "ACT-OVERDUE", "register.md:12:NC-2 " HOSTILE);
	expect_rule(&fs, "ACT-REMOVED", "register.md:0:NC-3 " HOSTILE);
	ck_assert_ptr_nonnull(
	    strstr(rule_message(&fs, "DOC-BAD-METADATA", HOSTILE_PATH), "'" HOSTILE "'"));
	ck_assert_str_eq(
	    g_array_index(first(fs.items, "ACT-REMOVED")->evidence, isms_evidence, 1).note,
	    "removed by " AUTHOR);
	ck_assert_uint_eq(fs.waived->len, 1);
	for (guint i = 0; i < fs.waived->len; i++) {
		const isms_finding *f = g_ptr_array_index(fs.waived, i);
		ck_assert_str_eq(f->rule->id, "DOC-MISSING-FIELD");
		ck_assert_str_eq(f->path, "docs/bad\xff.md");
		ck_assert_str_eq(f->item, "owner, version, review");
		ck_assert_str_eq(f->waiver->reason, HOSTILE);
		ck_assert_str_eq(f->waiver->approved_by, HOSTILE);
	}
	audit_done(a, &fs);
}
END_TEST

/* ---- text -------------------------------------------------------------- */

/* H in the text report: every character a terminal or a CI runner acts on
 * is a '?'. */
#define TEXT                                                                                       \
	PLAIN "?[31m?]8;;http://e.x/?l?]8;;??????????"                                             \
	      "!?##?stop-commands]x?" TAIL
#define TEXT_PATH "docs/=a b \"q\" 's <i>&amp; caf\xc3\xa9 ::error::x %0A?::warning::y?[31m??`|.md"

/* The lines of the findings and the waived findings have the shapes the
 * report gives them, and there is one "    - " line per finding, one
 * evidence line per piece of evidence: no text started a line of its own. */
static void expect_text_lines(const char *text, const isms_findings *fs)
{
	static const char *const in_findings[] = {
	    "Clause ",           "  major ", "  minor ",         "  observation ",
	    "    requirement: ", "    - ",   "      evidence: ", NULL};
	static const char *const in_waived[] = {"  major ", "  minor ",         "  observation ",
	                                        "    - ",   "      evidence: ", "      waiver: ",
	                                        NULL};
	char **lines = g_strsplit(text, "\n", -1);
	int part = 0, found[2] = {0, 0}, evidence = 0, waivers = 0, want_evidence = 0;

	for (char **l = lines; *l; l++) {
		const char *const *shapes = part == 1 ? in_findings : in_waived;
		int ok = **l == '\0';
		if (part == 0 && g_str_has_prefix(*l, "Clause "))
			part = 1;
		else if (g_str_has_prefix(*l, "Waived findings"))
			part = 2;
		else if (g_str_has_prefix(*l, "Mandatory documented information") ||
		         g_str_has_prefix(*l, "Register metrics") ||
		         g_str_has_prefix(*l, "Summary:"))
			part = 3;
		if (part != 1 && part != 2)
			continue;
		if (g_str_has_prefix(*l, "Waived findings") || g_str_has_prefix(*l, "Clause "))
			ok = 1;
		for (int k = 0; shapes[k] && !ok; k++)
			ok = g_str_has_prefix(*l, shapes[k]);
		ck_assert_msg(ok, "a line of no shape of the report: '%.80s'", *l);
		found[part - 1] += g_str_has_prefix(*l, "    - ");
		evidence += g_str_has_prefix(*l, "      evidence: ");
		waivers += g_str_has_prefix(*l, "      waiver: ");
	}
	for (int l = 0; l < 2; l++) {
		const GPtrArray *list = l ? fs->waived : fs->items;
		for (guint i = 0; i < list->len; i++)
			want_evidence +=
			    ((const isms_finding *)g_ptr_array_index(list, i))->evidence->len;
	}
	ck_assert_int_eq(found[0], fs->items->len);
	ck_assert_int_eq(found[1], fs->waived->len);
	ck_assert_int_eq(evidence, want_evidence);
	ck_assert_int_eq(waivers, fs->waived->len);
	g_strfreev(lines);
}

START_TEST(text_shows_nothing_a_terminal_or_ci_log_acts_on)
{
	isms_findings fs;
	isms_audit *a = hostile(&fs);
	isms_report_options opts = ISMS_REPORT_OPTIONS_INIT;
	char *text = render(isms_report_text, a, &fs), *color, *plain;

	expect_shown_safely("text", text, "\n");
	ck_assert_ptr_null(strstr(text, "##["));
	ck_assert_ptr_null(strstr(text, "##vso["));
	expect_text_lines(text, &fs);
	ck_assert_ptr_nonnull(
	    strstr(text, "\n    - " TEXT_PATH ":8: 'last_reviewed' is '" TEXT "'"));
	ck_assert_ptr_nonnull(strstr(text, "\n    - docs/bad" R ".md:3: id '" TEXT "'"));
	ck_assert_ptr_nonnull(strstr(text, " 2025-03-01 removed by " AUTHOR "\n"));
	ck_assert_int_eq(
	    count(text, "\n      waiver: approved by " TEXT ", expires 2099-01-01: " TEXT "\n"), 1);

	/* in colour, every escape sequence is one of the report's own */
	opts.color = 1;
	color = render_report(isms_report_text, a, &fs, &opts);
	plain = g_strdup(color);
	for (const char *const *sgr = (const char *const[]){"\033[1;31m", "\033[33m", "\033[36m",
	                                                    "\033[1m", "\033[2m", "\033[0m", NULL};
	     *sgr; sgr++) {
		char *next = replace_all(plain, *sgr, "");
		g_free(plain);
		plain = next;
	}
	ck_assert_int_gt(count(color, "\033"), 0);
	ck_assert_str_eq(plain, text);
	g_free(plain);
	free(color);
	free(text);
	audit_done(a, &fs);
}
END_TEST

/* ---- json, sarif, codeclimate ------------------------------------------ */

static json_t *parse_json(const char *what, const char *text)
{
	json_error_t err;
	json_t *root;

	ck_assert_msg(g_utf8_validate(text, -1, NULL), "%s: not valid UTF-8", what);
	root = json_loads(text, 0, &err);
	ck_assert_msg(root != NULL, "%s: invalid JSON at line %d: %s", what, err.line, err.text);
	return root;
}

/* The first element of the array `list` whose `key` is `value`. */
static json_t *jfind(json_t *list, const char *key, const char *value)
{
	size_t i;
	json_t *e;

	json_array_foreach(list, i, e)
	{
		json_t *v = json_object_get(e, key);
		if (json_is_string(v) && strcmp(json_string_value(v), value) == 0)
			return e;
	}
	ck_abort_msg("no element with %s '%s'", key, value);
	return NULL;
}

START_TEST(json_round_trips_the_hostile_text)
{
	isms_findings fs;
	isms_audit *a = hostile(&fs);
	char *text = render(isms_report_json, a, &fs);
	json_t *root = parse_json("json", text), *doc, *items, *f;

	doc = jfind(json_object_get(root, "documents"), "path", HOSTILE_PATH);
	for (const char *const *k = (const char *const[]){"title", "owner", "id", "version", NULL};
	     *k; k++)
		ck_assert_str_eq(json_string_at(doc, *k), HOSTILE);
	/* invalid UTF-8: U+FFFD for the byte, the rest exact */
	doc = jfind(json_object_get(root, "documents"), "path", BAD_PATH);
	ck_assert_str_eq(json_string_at(doc, "id"), HOSTILE);
	items = json_object_get(json_array_get(json_object_get(root, "registers"), 0), "items");
	ck_assert_uint_eq(json_array_size(items), 3);
	for (const char *const *k = (const char *const[]){"0.owner", "0.status", "0.due", NULL}; *k;
	     k++)
		ck_assert_str_eq(json_string_at(items, *k), HOSTILE);
	ck_assert_str_eq(json_string_at(items, "2.id"), "NC-3 " HOSTILE);
	ck_assert_str_eq(json_string_at(root, "configuration.rules.0.exclude.0"), HOSTILE);

	f = jfind(json_object_get(root, "findings"), "rule", "DOC-DUPLICATE-ID");
	ck_assert_str_eq(json_string_at(f, "path"), BAD_PATH);
	ck_assert_str_eq(json_string_at(f, "item"), HOSTILE);
	ck_assert_str_eq(json_string_at(f, "evidence.1.note"), "id first set in " HOSTILE_PATH);
	f = jfind(json_object_get(root, "findings"), "rule", "ACT-REMOVED");
	ck_assert_str_eq(json_string_at(f, "evidence.1.note"), "removed by " AUTHOR);
	f = json_array_get(json_object_get(root, "waived"), 0);
	ck_assert_str_eq(json_string_at(f, "waiver.reason"), HOSTILE);
	ck_assert_str_eq(json_string_at(f, "waiver.approved_by"), HOSTILE);
	json_decref(root);
	free(text);
	audit_done(a, &fs);
}
END_TEST

/* The SARIF artifact URI of the hostile path: every byte but the
 * unreserved characters and '/' percent-encoded. */
#define HOSTILE_URI                                                                                \
	"docs/%3Da%20b%20%22q%22%20%27s%20%3Ci%3E%26amp%3B%20caf%C3%A9%20%3A%3Aerror%3A%3Ax"       \
	"%20%250A%0A%3A%3Awarning%3A%3Ay%1B%5B31m%C2%9B%E2%80%AE%60%7C.md"

START_TEST(sarif_round_trips_the_hostile_text_and_validates)
{
	isms_findings fs;
	isms_audit *a = hostile(&fs);
	char *text = render(isms_report_sarif, a, &fs);
	json_t *root = parse_json("sarif", text),
	       *run = json_array_get(json_object_get(root, "runs"), 0);
	json_t *results = json_object_get(run, "results"), *r;
	size_t i;

	ck_assert_uint_eq(json_array_size(results), fs.items->len + fs.waived->len);
	json_array_foreach(results, i, r)
	{
		const char *uri =
		    json_string_at(r, "locations.0.physicalLocation.artifactLocation.uri");
		ck_assert_msg(strspn(uri, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		                          "0123456789-._~/%") == strlen(uri),
		              "a URI that is not percent-encoded: %s", uri);
	}
	r = jfind(results, "ruleId", "DOC-BAD-METADATA");
	ck_assert_str_eq(json_string_at(r, "locations.0.physicalLocation.artifactLocation.uri"),
	                 HOSTILE_URI);
	ck_assert(g_str_has_prefix(json_string_at(r, "message.text"),
	                           "'last_reviewed' is '" HOSTILE "'"));
	r = jfind(results, "ruleId", "DOC-DUPLICATE-ID");
	ck_assert_str_eq(json_string_at(r, "locations.0.physicalLocation.artifactLocation.uri"),
	                 "docs/bad%FF.md");
	ck_assert_str_eq(json_string_at(r, "properties.item"), HOSTILE);
	r = jfind(results, "ruleId", "DOC-MISSING-FIELD");
	ck_assert_str_eq(json_string_at(r, "suppressions.0.justification"), HOSTILE);
	ck_assert_str_eq(json_string_at(r, "properties.waiver.approvedBy"), HOSTILE);
	ck_assert_str_eq(
	    json_string_at(
	        run,
	        "invocations.0.ruleConfigurationOverrides.0.configuration.parameters.exclude.0"),
	    HOSTILE);
	expect_valid_sarif(text);
	json_decref(root);
	free(text);
	audit_done(a, &fs);
}
END_TEST

START_TEST(codeclimate_round_trips_the_hostile_text)
{
	isms_findings fs;
	isms_audit *a = hostile(&fs);
	char *text = render(isms_report_codeclimate, a, &fs);
	json_t *root = parse_json("codeclimate", text), *e;

	ck_assert_uint_eq(json_array_size(root), fs.items->len); /* waived ones left out */
	e = jfind(root, "check_name", "DOC-BAD-METADATA");
	ck_assert_str_eq(json_string_at(e, "location.path"), HOSTILE_PATH);
	ck_assert(
	    g_str_has_prefix(json_string_at(e, "description"), "'last_reviewed' is '" HOSTILE "'"));
	e = jfind(root, "check_name", "DOC-DUPLICATE-ID");
	ck_assert_str_eq(json_string_at(e, "location.path"), BAD_PATH);
	ck_assert(g_str_has_prefix(json_string_at(e, "description"), "id '" HOSTILE "'"));
	json_decref(root);
	free(text);
	audit_done(a, &fs);
}
END_TEST

/* ---- junit ------------------------------------------------------------- */

/* H as XML 1.0 carries it: what it cannot carry (C0 controls but tab, LF
 * and CR) and what it discourages (DEL, C1) dropped; the markup
 * characters come back from their entities, CR and tab from character
 * references. */
#define XML_TEXT                                                                                   \
	PLAIN "[31m]8;;http://e.x/l]8;;\t\r\xe2\x80\xa8\xe2\x80\xa9\xe2\x80\xae!\xe2\x80\xac"      \
	      "##[stop-commands]x\n" TAIL

/* One testcase as read back: its name, the element holding the finding
 * (failure, skipped or system-out), that element's message and text. */
typedef struct {
	char *name, *kind, *message;
	GString *text;
} junit_case;

static void junit_case_free(gpointer p)
{
	junit_case *c = p;

	g_free(c->name);
	g_free(c->kind);
	g_free(c->message);
	g_string_free(c->text, TRUE);
	g_free(c);
}

/* The elements and attributes the report writes: any other is text that
 * became markup. */
static const char *const junit_markup[][6] = {
    {"testsuites", "name", "tests", "failures", "errors", NULL},
    {"testsuite", "name", "tests", "failures", "errors", "skipped"},
    {"testcase", "classname", "name", NULL},
    {"failure", "message", "type", NULL},
    {"skipped", "message", NULL},
    {"system-out", NULL},
};

static void junit_start(GMarkupParseContext *ctx, const char *element, const char **names,
                        const char **values, gpointer data, GError **error)
{
	GPtrArray *cases = data;
	const char *const *known = NULL;
	junit_case *c = cases->len ? g_ptr_array_index(cases, cases->len - 1) : NULL;

	(void)ctx;
	(void)error;
	for (size_t i = 0; i < G_N_ELEMENTS(junit_markup) && !known; i++)
		if (strcmp(junit_markup[i][0], element) == 0)
			known = junit_markup[i] + 1;
	ck_assert_msg(known != NULL, "element <%s> in the JUnit report", element);
	for (int k = 0; names[k]; k++) {
		int ok = 0;
		for (int j = 0; known[j] && !ok; j++)
			ok = strcmp(known[j], names[k]) == 0;
		ck_assert_msg(ok, "attribute %s on <%s>", names[k], element);
	}
	if (strcmp(element, "testcase") == 0) {
		c = g_new0(junit_case, 1);
		c->text = g_string_new(NULL);
		for (int k = 0; names[k]; k++)
			if (strcmp(names[k], "name") == 0)
				c->name = g_strdup(values[k]);
		g_ptr_array_add(cases, c);
	} else if (strcmp(element, "failure") == 0 || strcmp(element, "skipped") == 0 ||
	           strcmp(element, "system-out") == 0) {
		ck_assert_ptr_nonnull(c);
		c->kind = g_strdup(element);
		for (int k = 0; names[k]; k++)
			if (strcmp(names[k], "message") == 0)
				c->message = g_strdup(values[k]);
	}
}

static void junit_text(GMarkupParseContext *ctx, const char *text, gsize len, gpointer data,
                       GError **error)
{
	GPtrArray *cases = data;
	const char *element = g_markup_parse_context_get_element(ctx);

	(void)error;
	if (!element) {
		ck_assert_msg(strspn(text, " \n") == len, "text outside the report: '%.*s'",
		              (int)len, text);
	} else if (strcmp(element, "failure") == 0 || strcmp(element, "skipped") == 0 ||
	           strcmp(element, "system-out") == 0) {
		junit_case *c = g_ptr_array_index(cases, cases->len - 1);
		g_string_append_len(c->text, text, (gssize)len);
	} else {
		ck_assert_msg(strspn(text, " \n") == len, "text in <%s>: '%.*s'", element, (int)len,
		              text);
	}
}

/* The testcases of a JUnit report read with GLib's XML parser, which
 * fails the test on any element or attribute the report does not write. */
static GPtrArray *junit_cases(const char *xml)
{
	GMarkupParser parser = {junit_start, NULL, junit_text, NULL, NULL};
	GPtrArray *cases = g_ptr_array_new_with_free_func(junit_case_free);
	GMarkupParseContext *ctx = g_markup_parse_context_new(&parser, 0, cases, NULL);
	GError *error = NULL;

	ck_assert_msg(g_markup_parse_context_parse(ctx, xml, -1, &error) &&
	                  g_markup_parse_context_end_parse(ctx, &error),
	              "the JUnit report does not parse: %s", error ? error->message : "?");
	g_markup_parse_context_free(ctx);
	return cases;
}

static const junit_case *junit_case_named(const GPtrArray *cases, const char *name)
{
	for (guint i = 0; i < cases->len; i++) {
		const junit_case *c = g_ptr_array_index(cases, i);
		if (c->name && strcmp(c->name, name) == 0)
			return c;
	}
	ck_abort_msg("no testcase '%s'", name);
	return NULL;
}

START_TEST(junit_keeps_the_hostile_text_as_text)
{
	isms_findings fs;
	isms_audit *a = hostile(&fs);
	char *xml = render(isms_report_junit, a, &fs);
	GPtrArray *cases;
	const junit_case *c;
	int findings = 0, waived = 0;

	/* nothing XML 1.0 forbids or discourages (C0 controls, DEL, C1), CR
	 * only as a reference; a data format, it keeps what may be shown
	 * otherwise (the separators, bidi overrides) for its reader to handle */
	ck_assert(g_utf8_validate(xml, -1, NULL));
	for (const char *p = xml; *p; p = g_utf8_next_char(p)) {
		gunichar u = g_utf8_get_char(p);
		ck_assert_msg(u >= 0x20 ? u < 0x7f || u > 0x9f : u == '\n' || u == '\t',
		              "U+%04X at '%.40s'", u, p);
	}
	ck_assert_ptr_null(strstr(xml, "]]>"));
	expect_valid_junit(xml);

	cases = junit_cases(xml);
	for (guint i = 0; i < cases->len; i++) {
		c = g_ptr_array_index(cases, i);
		findings += c->kind && strcmp(c->kind, "skipped") != 0;
		waived += c->message && g_str_has_prefix(c->message, "waived: ");
	}
	ck_assert_int_eq(findings, fs.items->len);
	ck_assert_int_eq(waived, fs.waived->len);
	c = junit_case_named(cases, "DOC-DUPLICATE-ID " BAD_PATH ":" XML_TEXT);
	ck_assert_str_eq(c->kind, "failure");
	ck_assert(g_str_has_prefix(c->message, "id '" XML_TEXT "'"));
	ck_assert(g_str_has_prefix(c->text->str, BAD_PATH ":3: id '" XML_TEXT "'"));
	c = junit_case_named(cases, "DOC-MISSING-FIELD " BAD_PATH ":owner, version, review");
	ck_assert_str_eq(c->kind, "skipped");
	ck_assert_str_eq(c->message, "waived: " XML_TEXT);
	ck_assert(g_str_has_suffix(c->text->str, ", approved by " XML_TEXT));
	c = junit_case_named(cases,
	                     "DOC-BAD-METADATA docs/=a b \"q\" 's <i>&amp; caf\xc3\xa9 "
	                     "::error::x %0A\n::warning::y[31m\xe2\x80\xae`|.md:last_reviewed");
	ck_assert_str_eq(c->kind, "failure");
	g_ptr_array_free(cases, TRUE);
	free(xml);
	audit_done(a, &fs);
}
END_TEST

/* ---- github ------------------------------------------------------------ */

/* A workflow command's value as the runner reads it back
 * (ActionCommand.UnescapeData and UnescapeProperty, in their order).
 * Caller frees. */
static char *gh_unescape(const char *s, int property)
{
	static const char *const data[][2] = {{"%0D", "\r"}, {"%0A", "\n"}, {"%25", "%"}};
	static const char *const prop[][2] = {
	    {"%0D", "\r"}, {"%0A", "\n"}, {"%3A", ":"}, {"%2C", ","}, {"%25", "%"}};
	const char *const(*map)[2] = property ? prop : data;
	size_t n = property ? G_N_ELEMENTS(prop) : G_N_ELEMENTS(data);
	char *out = g_strdup(s);

	for (size_t i = 0; i < n; i++) {
		char *next = replace_all(out, map[i][0], map[i][1]);
		g_free(out);
		out = next;
	}
	return out;
}

/* H in an annotation, as GitHub shows it: what could hide or reorder text
 * is U+FFFD, a tab a space; CR and LF come back from %0D and %0A. */
#define GH_SHOWN                                                                                   \
	PLAIN R "[31m" R "]8;;http://e.x/" R "l" R "]8;;" R R " \r" R R R R R R "!" R              \
	        "##[stop-commands]x\n" TAIL
#define GH_PATH                                                                                    \
	"docs/=a b \"q\" 's <i>&amp; caf\xc3\xa9 ::error::x %0A\n::warning::y" R "[31m" R R "`|."  \
	"md"

START_TEST(github_prints_only_its_own_workflow_commands)
{
	isms_findings fs;
	isms_audit *a = hostile(&fs);
	char *out = render(isms_report_github, a, &fs);
	char **lines = g_strsplit(out, "\n", -1);
	GRegex *re = g_regex_new("^::(error|warning|notice) (?:file=([^,:]*),(?:line=[0-9]+,)?)?"
	                         "title=([^,:]*)::(.*)$",
	                         G_REGEX_DOLLAR_ENDONLY, 0, NULL);
	int n = 0, seen = 0;

	expect_shown_safely("github", out, "\n");
	ck_assert(g_str_has_suffix(out, "\n"));
	for (char **l = lines; *l && **l; l++, n++) {
		GMatchInfo *m;
		char *file, *title, *message, *raw_title, *raw_message;
		ck_assert_msg(g_regex_match(re, *l, 0, &m), "not one of our commands: '%.80s'", *l);
		file = g_match_info_fetch(m, 2);
		raw_title = g_match_info_fetch(m, 3);
		raw_message = g_match_info_fetch(m, 4);
		title = gh_unescape(raw_title, 1);
		message = gh_unescape(raw_message, 0);
		g_free(raw_title);
		g_free(raw_message);
		if (g_str_has_prefix(title, "DOC-DUPLICATE-ID ")) {
			char *path = gh_unescape(file, 1);
			ck_assert_str_eq(path, BAD_PATH);
			ck_assert_str_eq(
			    title, "DOC-DUPLICATE-ID (clause 7.5.2, minor, item " GH_SHOWN ")");
			ck_assert(g_str_has_prefix(message, "id '" GH_SHOWN "'"));
			g_free(path);
			seen++;
		} else if (g_str_has_prefix(title, "DOC-BAD-METADATA ")) {
			char *path = gh_unescape(file, 1);
			ck_assert_str_eq(path, GH_PATH);
			ck_assert(g_str_has_prefix(message, "'last_reviewed' is '" GH_SHOWN "'"));
			g_free(path);
			seen++;
		}
		g_match_info_free(m);
		g_free(file);
		g_free(title);
		g_free(message);
	}
	ck_assert_int_eq(n, fs.items->len); /* fewer than ten of each level */
	ck_assert_int_eq(seen, 2);
	g_regex_unref(re);
	g_strfreev(lines);
	free(out);
	audit_done(a, &fs);
}
END_TEST

/* ---- markdown ---------------------------------------------------------- */

/* H in a table cell as GitHub shows it: line breaks and tabs as spaces,
 * what could hide or reorder text as U+FFFD, every other character as it
 * is (no markup, no link, no code). */
#define MD_SHOWN                                                                                   \
	PLAIN R "[31m" R "]8;;http://e.x/" R "l" R "]8;;" R R "  " R R R R R R "!" R               \
	        "##[stop-commands]x " TAIL
#define MD_PATH                                                                                    \
	"docs/=a b \"q\" 's <i>&amp; caf\xc3\xa9 ::error::x %0A ::warning::y" R "[31m" R R "`|.md"

/* The text of a node as shown: text, code and the text of links, a
 * space for a soft break; inline HTML (only our <br>) as a newline. */
static void node_text(GString *out, cmark_node *node)
{
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE: g_string_append(out, cmark_node_get_literal(node)); return;
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK: g_string_append_c(out, ' '); return;
	case CMARK_NODE_HTML_INLINE: g_string_append_c(out, '\n'); return;
	default: break;
	}
	for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c))
		node_text(out, c);
}

static char *cell_text(cmark_node *row, int column)
{
	GString *s = g_string_new(NULL);
	cmark_node *cell = cmark_node_first_child(row);

	for (int i = 0; i < column && cell; i++)
		cell = cmark_node_next(cell);
	ck_assert_ptr_nonnull(cell);
	node_text(s, cell);
	return g_string_free(s, FALSE);
}

static int children(cmark_node *node)
{
	int n = 0;

	for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c))
		n++;
	return n;
}

/* Nothing in the rendered summary but what the report writes: no HTML
 * but its <br>, no image, and no link but an e-mail address linked to
 * itself (GitHub's autolink extension finds those whatever the escaping);
 * every table row as wide as its header. */
static void expect_only_our_markdown(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		const char *type = cmark_node_get_type_string(n);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		ck_assert_msg(cmark_node_get_type(n) != CMARK_NODE_HTML_BLOCK, "an HTML block");
		ck_assert_msg(cmark_node_get_type(n) != CMARK_NODE_IMAGE, "an image");
		if (cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE)
			ck_assert_str_eq(cmark_node_get_literal(n), "<br>");
		if (cmark_node_get_type(n) == CMARK_NODE_LINK) {
			GString *s = g_string_new("mailto:");
			node_text(s, n);
			ck_assert_str_eq(cmark_node_get_url(n), s->str);
			g_string_free(s, TRUE);
		}
		if (strcmp(type, "table_row") == 0)
			ck_assert_int_eq(children(n),
			                 children(cmark_node_first_child(cmark_node_parent(n))));
	}
	cmark_iter_free(it);
}

START_TEST(markdown_renders_the_hostile_text_as_text)
{
	isms_findings fs;
	isms_audit *a = hostile(&fs);
	char *md = render(isms_report_markdown, a, &fs), *section = g_strdup(""), *html;
	cmark_node *doc;
	int rows[2] = {0, 0}, checked = 0;

	expect_shown_safely("markdown", md, "\n");
	doc = gfm_parse(md);
	expect_only_our_markdown(doc);
	for (cmark_node *n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
		const char *type = cmark_node_get_type_string(n);
		if (cmark_node_get_type(n) == CMARK_NODE_HEADING &&
		    cmark_node_get_heading_level(n) == 3) {
			GString *s = g_string_new(NULL);
			node_text(s, n);
			g_free(section);
			section = g_string_free(s, FALSE);
		}
		if (strcmp(type, "table") != 0)
			continue;
		for (cmark_node *row = cmark_node_next(cmark_node_first_child(n)); row;
		     row = cmark_node_next(row)) {
			char *where = cell_text(row, 2), *what = cell_text(row, 3);
			if (strcmp(section, "Findings") == 0) {
				rows[0]++;
				if (strcmp(where, MD_PATH ":8") == 0) {
					ck_assert_str_eq(what, "'last_reviewed' is '" MD_SHOWN
					                       "', not a date (YYYY-MM-DD)");
					checked++;
				}
			} else if (strcmp(section, "Waived findings") == 0) {
				char *loc = cell_text(row, 3), *by = cell_text(row, 5);
				char *reason = cell_text(row, 7);
				rows[1]++;
				ck_assert_str_eq(loc, "docs/bad" R ".md:1");
				ck_assert_str_eq(by, MD_SHOWN);
				ck_assert_str_eq(reason, MD_SHOWN);
				g_free(loc);
				g_free(by);
				g_free(reason);
				checked++;
			} else if (g_str_has_prefix(section, "Rule settings")) {
				char *excluded = cell_text(row, 3);
				ck_assert_str_eq(excluded, MD_SHOWN);
				g_free(excluded);
				checked++;
			}
			g_free(where);
			g_free(what);
		}
	}
	ck_assert_int_eq(rows[0], fs.items->len);
	ck_assert_int_eq(rows[1], fs.waived->len);
	ck_assert_int_eq(checked, 1 + 1 + 1);
	/* links: the author's e-mail address, nothing else (not H's URL) */
	html = gfm_html(md);
	ck_assert_int_eq(count(html, "<a "), count(html, "<a href=\"mailto:"));
	ck_assert_int_eq(count(html, "<a "), count(md, "mal@evil.example"));
	ck_assert_int_gt(count(md, "http"), 0);
	free(html);
	cmark_node_free(doc);
	g_free(section);
	free(md);
	audit_done(a, &fs);
}
END_TEST

/* ---- html -------------------------------------------------------------- */

/* H in HTML: the markup characters as entities, what could hide or
 * reorder text as U+FFFD (a tab and a newline are only spaces there). */
#define HTML_TEXT                                                                                  \
	"=cmd|&#39;/c calc&#39;!A1 &lt;script&gt;x&lt;/script&gt;&lt;img src=x "                   \
	"onerror=y&gt;]]&gt;&quot;&#39;&amp;amp;\\`|*e*[l](javascript:x) " R "[31m" R              \
	"]8;;http://e.x/" R "l" R "]8;;" R R "\t" R R R R R R R "!" R "##[stop-commands]x\n" TAIL
#define HTML_PATH                                                                                  \
	"docs/=a b &quot;q&quot; &#39;s &lt;i&gt;&amp;amp; caf\xc3\xa9 ::error::x "                \
	"%0A\n::warning::y" R "[31m" R R "`|.md"

START_TEST(html_has_no_markup_but_its_own)
{
	isms_findings fs;
	isms_audit *a = hostile(&fs);
	char *html = render(isms_report_html, a, &fs), *lower = g_ascii_strdown(html, -1);

	expect_shown_safely("html", html, "\n\t");
	expect_inert_html(html);
	ck_assert_int_eq(count(lower, "<script"), 0);
	ck_assert_int_eq(count(lower, "<img"), 0);
	ck_assert_int_eq(count(lower, "<i>"), 0);
	ck_assert_int_eq(count(lower, " onerror=alert"),
	                 count(lower, "&lt;img src=x onerror=alert"));
	ck_assert_ptr_nonnull(
	    strstr(html, "<tr><td><span class=\"doc-title\">" HTML_TEXT
	                 "</span><br><code>" HTML_PATH "</code></td><td>policy</td>"
	                 "<td>" HTML_TEXT "</td><td>approved</td><td>" HTML_TEXT "</td>"));
	ck_assert_int_eq(count(html,
	                       "<td>" HTML_TEXT "<br><span class=\"muted\">approved by " HTML_TEXT
	                       ", expires <time>2099-01-01</time></span></td></tr>"),
	                 1);
	ck_assert_ptr_nonnull(strstr(html, " except <code>" HTML_TEXT "</code></li>"));
	g_free(lower);
	free(html);
	audit_done(a, &fs);
}
END_TEST

/* ---- the trend --------------------------------------------------------- */

typedef int (*trend_fn)(const isms_trend *t, FILE *out);

static char *render_trend(trend_fn fn, const isms_trend *t)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fn(t, f), 0);
	ck_assert_int_eq(fclose(f), 0);
	return buf;
}

/* The trend holds no repository text, only periods, dates, commit ids and
 * counts: every CSV field is one of those, so none can start a formula
 * (= + - @) or need quoting. */
START_TEST(trend_formats_hold_no_repository_text)
{
	isms_findings fs;
	isms_audit *a = hostile(&fs);
	isms_trend_options topts = {0, ISMS_TREND_MONTH};
	isms_trend t;
	GRegex *row = g_regex_new("^[0-9]{4}-[0-9]{2},[0-9]{4}-[0-9]{2}-[0-9]{2},[0-9]{4}-[0-9]{2}-"
	                          "[0-9]{2},([0-9a-f]{40}(,[0-9]+){9}|,{9})\r$",
	                          0, 0, NULL);
	char *csv, *text, *json, *html, **lines;
	json_t *root;

	ck_assert_int_eq(isms_date_parse("2024-12-01", 10, &topts.since), 0);
	isms_trend_init(&t);
	ck_assert_msg(isms_trend_compute(a, &topts, &t) == 0, "%s", isms_error_last());
	ck_assert_uint_eq(t.points->len, 19);

	csv = render_trend(isms_trend_report_csv, &t);
	expect_shown_safely("csv", csv, "\r\n");
	lines = g_strsplit(csv, "\n", -1);
	ck_assert_str_eq(lines[0],
	                 "period,start,end,commit,major,minor,observation,waived,"
	                 "overdue_documents,open_actions,overdue_actions,raised,closed\r");
	for (guint i = 1; i <= t.points->len; i++)
		ck_assert_msg(g_regex_match(row, lines[i], 0, NULL), "CSV row '%s'", lines[i]);
	ck_assert_str_eq(lines[t.points->len + 1], "");
	ck_assert_ptr_null(lines[t.points->len + 2]);

	text = render_trend(isms_trend_report_text, &t);
	expect_shown_safely("trend text", text, "\n");
	json = render_trend(isms_trend_report_json, &t);
	root = parse_json("trend json", json);
	ck_assert_uint_eq(json_array_size(json_object_get(root, "points")), t.points->len);
	html = render_trend(isms_trend_report_html, &t);
	expect_shown_safely("trend html", html, "\n");
	expect_inert_html(html);

	json_decref(root);
	g_strfreev(lines);
	g_regex_unref(row);
	free(csv);
	free(text);
	free(json);
	free(html);
	isms_trend_dispose(&t);
	audit_done(a, &fs);
}
END_TEST

/* ---- every format ------------------------------------------------------ */

/* The formats of the table that the tests above check: a format added to
 * the table without a safety test fails here. */
START_TEST(every_report_format_has_a_safety_test)
{
	static const char *const tested[] = {"text",   "json",     "sarif", "junit", "codeclimate",
	                                     "github", "markdown", "html",  NULL};

	for (size_t i = 0; i < isms_report_formats_count; i++) {
		int found = 0;
		for (int k = 0; tested[k] && !found; k++)
			found = strcmp(tested[k], isms_report_formats[i].name) == 0;
		ck_assert_msg(found, "format '%s' has no output safety test",
		              isms_report_formats[i].name);
	}
}
END_TEST

Suite *report_safety_suite(void)
{
	Suite *s = suite_create("report_safety");
	TCase *tc = tcase_create("report_safety");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, the_hostile_text_reaches_the_model);
	tcase_add_test(tc, text_shows_nothing_a_terminal_or_ci_log_acts_on);
	tcase_add_test(tc, json_round_trips_the_hostile_text);
	tcase_add_test(tc, sarif_round_trips_the_hostile_text_and_validates);
	tcase_add_test(tc, codeclimate_round_trips_the_hostile_text);
	tcase_add_test(tc, junit_keeps_the_hostile_text_as_text);
	tcase_add_test(tc, github_prints_only_its_own_workflow_commands);
	tcase_add_test(tc, markdown_renders_the_hostile_text_as_text);
	tcase_add_test(tc, html_has_no_markup_but_its_own);
	tcase_add_test(tc, trend_formats_hold_no_repository_text);
	tcase_add_test(tc, every_report_format_has_a_safety_test);
	suite_add_tcase(s, tc);
	return s;
}
