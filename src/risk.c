/* One version of a risk register: risk tables, their columns, and each
 * risk's words and numbers (levels, treatment options, statuses, dates,
 * the Annex A controls of its plan). Nothing here decides a finding. */
#include "isms/risk.h"

#include <string.h>

#include "isms/markdown.h"
#include "isms/register.h"
#include "isms/soa.h"
#include "isms/text.h"

static const char *const syn_id[] = {"Risk ID", "Risk Ref",    "Risk Reference",
                                     "Risk No", "Risk Number", NULL};
static const char *const syn_title[] = {
    "Title",  "Risk",     "Risk title",    "Risk name", "Description", "Risk description",
    "Threat", "Scenario", "Risk scenario", NULL};
static const char *const syn_owner[] = {"Owner", "Risk owner", "Responsible", "Accountable", NULL};
static const char *const syn_likelihood[] = {"Likelihood", "Probability", "L", "P", NULL};
static const char *const syn_impact[] = {"Impact", "Consequence", "Severity", "I", NULL};
static const char *const syn_score[] = {
    "Score",         "Risk score",     "Rating",          "Risk rating",  "Level", "Risk level",
    "Inherent risk", "Inherent score", "Inherent rating", "Initial risk", NULL};
static const char *const syn_treatment[] = {
    "Treatment",          "Treatment option", "Risk treatment",
    "Treatment decision", "Decision",         "Response",
    "Risk response",      "Strategy",         NULL};
static const char *const syn_plan[] = {"Plan",        "Treatment plan",      "Controls",
                                       "Actions",     "Treatment actions",   "Mitigation",
                                       "Mitigations", "Mitigating controls", "Annex A controls",
                                       NULL};
static const char *const syn_due[] = {"Due",    "Due date", "Target date", "Treatment due",
                                      "Target", "Deadline", NULL};
static const char *const syn_status[] = {"Status", "State", "Treatment status", "Risk status",
                                         NULL};
static const char *const syn_last_reviewed[] = {"Last reviewed", "Reviewed",        "Review date",
                                                "Last review",   "Date reviewed",   "Last assessed",
                                                "Assessed",      "Assessment date", NULL};
static const char *const syn_next_review[] = {"Next review", "Next review date", "Review by",
                                              "Review due", NULL};
static const char *const syn_residual[] = {
    "Residual",       "Residual risk",       "Residual score", "Residual rating",
    "Residual level", "Residual risk score", "Target risk",    NULL};
static const char *const syn_approver[] = {
    "Approver",   "Approved by",   "Accepted by", "Risk acceptance",
    "Acceptance", "Signed off by", NULL};
static const char *const syn_accept_until[] = {"Accept until",
                                               "Accepted until",
                                               "Acceptance expiry",
                                               "Acceptance expires",
                                               "Expiry",
                                               "Expires",
                                               "Valid until",
                                               "Acceptance valid until",
                                               NULL};

static const struct {
	const char *name;
	const char *const *synonyms;
} columns[ISMS_RISK_COL_COUNT] = {
    [ISMS_RISK_COL_ID] = {"id", syn_id},
    [ISMS_RISK_COL_TITLE] = {"title", syn_title},
    [ISMS_RISK_COL_OWNER] = {"owner", syn_owner},
    [ISMS_RISK_COL_LIKELIHOOD] = {"likelihood", syn_likelihood},
    [ISMS_RISK_COL_IMPACT] = {"impact", syn_impact},
    [ISMS_RISK_COL_SCORE] = {"score", syn_score},
    [ISMS_RISK_COL_TREATMENT] = {"treatment", syn_treatment},
    [ISMS_RISK_COL_PLAN] = {"plan", syn_plan},
    [ISMS_RISK_COL_DUE] = {"due", syn_due},
    [ISMS_RISK_COL_STATUS] = {"status", syn_status},
    [ISMS_RISK_COL_LAST_REVIEWED] = {"last_reviewed", syn_last_reviewed},
    [ISMS_RISK_COL_NEXT_REVIEW] = {"next_review", syn_next_review},
    [ISMS_RISK_COL_RESIDUAL] = {"residual", syn_residual},
    [ISMS_RISK_COL_APPROVER] = {"approver", syn_approver},
    [ISMS_RISK_COL_ACCEPT_UNTIL] = {"accept_until", syn_accept_until},
};

const char *const isms_risk_declared_ids[] = {"ID", "Ref", "Reference", "No", "Number", NULL};

/* Level words, the longer phrases first so that "very high" is not "high". */
static const struct {
	const char *word;
	isms_risk_level level;
} level_words[] = {
    {"very low", ISMS_RISK_LOW},      {"very high", ISMS_RISK_CRITICAL},
    {"negligible", ISMS_RISK_LOW},    {"low", ISMS_RISK_LOW},
    {"moderate", ISMS_RISK_MEDIUM},   {"medium", ISMS_RISK_MEDIUM},
    {"significant", ISMS_RISK_HIGH},  {"high", ISMS_RISK_HIGH},
    {"critical", ISMS_RISK_CRITICAL}, {"extreme", ISMS_RISK_CRITICAL},
    {"severe", ISMS_RISK_CRITICAL},
};

/* Treatment options, matched at the start of the cell, longest first. */
static const struct {
	const char *word;
	isms_risk_treatment option;
} treatment_words[] = {
    {"risk accepted", ISMS_TREAT_RETAIN}, {"transferred", ISMS_TREAT_SHARE},
    {"terminated", ISMS_TREAT_AVOID},     {"mitigation", ISMS_TREAT_MODIFY},
    {"remediate", ISMS_TREAT_MODIFY},     {"eliminate", ISMS_TREAT_AVOID},
    {"mitigated", ISMS_TREAT_MODIFY},     {"terminate", ISMS_TREAT_AVOID},
    {"tolerated", ISMS_TREAT_RETAIN},     {"mitigate", ISMS_TREAT_MODIFY},
    {"modified", ISMS_TREAT_MODIFY},      {"transfer", ISMS_TREAT_SHARE},
    {"tolerate", ISMS_TREAT_RETAIN},      {"retained", ISMS_TREAT_RETAIN},
    {"accepted", ISMS_TREAT_RETAIN},      {"reduced", ISMS_TREAT_MODIFY},
    {"treated", ISMS_TREAT_MODIFY},       {"avoided", ISMS_TREAT_AVOID},
    {"insured", ISMS_TREAT_SHARE},        {"modify", ISMS_TREAT_MODIFY},
    {"reduce", ISMS_TREAT_MODIFY},        {"accept", ISMS_TREAT_RETAIN},
    {"retain", ISMS_TREAT_RETAIN},        {"shared", ISMS_TREAT_SHARE},
    {"insure", ISMS_TREAT_SHARE},         {"treat", ISMS_TREAT_MODIFY},
    {"avoid", ISMS_TREAT_AVOID},          {"share", ISMS_TREAT_SHARE},
};

/* Status words, matched at the start of the cell, longest first. */
static const struct {
	const char *word;
	isms_risk_status status;
} status_words[] = {
    {"treatment in progress", ISMS_RISK_IN_TREATMENT},
    {"being treated", ISMS_RISK_IN_TREATMENT},
    {"in treatment", ISMS_RISK_IN_TREATMENT},
    {"risk accepted", ISMS_RISK_ACCEPTED},
    {"in progress", ISMS_RISK_IN_TREATMENT},
    {"implemented", ISMS_RISK_TREATED},
    {"superseded", ISMS_RISK_RETIRED},
    {"identified", ISMS_RISK_OPEN},
    {"mitigating", ISMS_RISK_IN_TREATMENT},
    {"tolerated", ISMS_RISK_ACCEPTED},
    {"completed", ISMS_RISK_TREATED},
    {"mitigated", ISMS_RISK_TREATED},
    {"withdrawn", ISMS_RISK_RETIRED},
    {"duplicate", ISMS_RISK_RETIRED},
    {"accepted", ISMS_RISK_ACCEPTED},
    {"retained", ISMS_RISK_ACCEPTED},
    {"treating", ISMS_RISK_IN_TREATMENT},
    {"complete", ISMS_RISK_TREATED},
    {"resolved", ISMS_RISK_CLOSED},
    {"archived", ISMS_RISK_RETIRED},
    {"obsolete", ISMS_RISK_RETIRED},
    {"ongoing", ISMS_RISK_IN_TREATMENT},
    {"planned", ISMS_RISK_IN_TREATMENT},
    {"treated", ISMS_RISK_TREATED},
    {"retired", ISMS_RISK_RETIRED},
    {"raised", ISMS_RISK_OPEN},
    {"closed", ISMS_RISK_CLOSED},
    {"open", ISMS_RISK_OPEN},
    {"done", ISMS_RISK_TREATED},
    {"new", ISMS_RISK_OPEN},
};

static const char *const level_names[ISMS_RISK_LEVEL_COUNT] = {"none", "low", "medium", "high",
                                                               "critical"};
static const char *const treatment_names[ISMS_TREAT_COUNT] = {"none", "treat", "accept", "avoid",
                                                              "transfer"};
static const char *const status_names[ISMS_RISK_STATUS_COUNT] = {
    "none", "open", "in treatment", "treated", "accepted", "closed", "retired", "unknown"};

const char *isms_risk_column_name(isms_risk_column c)
{
	return columns[c].name;
}

const char *const *isms_risk_column_synonyms(isms_risk_column c)
{
	return columns[c].synonyms;
}

int isms_risk_column_lookup(const char *name)
{
	for (int c = 0; c < ISMS_RISK_COL_COUNT; c++)
		if (g_ascii_strcasecmp(columns[c].name, name) == 0)
			return c;
	return -1;
}

const char *isms_risk_level_name(isms_risk_level l)
{
	return level_names[l];
}

const char *isms_risk_treatment_name(isms_risk_treatment t)
{
	return treatment_names[t];
}

const char *isms_risk_status_name(isms_risk_status s)
{
	return status_names[s];
}

isms_risk_level isms_risk_level_lookup(const char *word)
{
	char *key = isms_md_header_key(word);
	isms_risk_level l = ISMS_RISK_LEVEL_NONE;

	for (size_t i = 0; l == ISMS_RISK_LEVEL_NONE && i < G_N_ELEMENTS(level_words); i++)
		if (strcmp(key, level_words[i].word) == 0)
			l = level_words[i].level;
	g_free(key);
	return l;
}

/* ---- the dialect --------------------------------------------------------- */

static GPtrArray *keys_of(const char *const *words)
{
	GPtrArray *a = g_ptr_array_new_with_free_func(g_free);

	for (; *words; words++)
		g_ptr_array_add(a, isms_md_header_key(*words));
	return a;
}

void isms_risk_dialect_init(isms_risk_dialect *d)
{
	memset(d, 0, sizeof(*d));
	for (int c = 0; c < ISMS_RISK_COL_COUNT; c++)
		d->synonyms[c] = keys_of(columns[c].synonyms);
	d->scale = ISMS_RISK_SCALE_DEFAULT;
	d->threshold = ISMS_RISK_HIGH;
	d->date_order = ISMS_DATE_ORDER_NONE;
}

void isms_risk_dialect_dispose(isms_risk_dialect *d)
{
	if (!d || !d->synonyms[0])
		return;
	for (int c = 0; c < ISMS_RISK_COL_COUNT; c++)
		g_ptr_array_free(d->synonyms[c], TRUE);
	memset(d, 0, sizeof(*d));
}

int isms_risk_dialect_set_columns(isms_risk_dialect *d, isms_risk_column c, const GPtrArray *words)
{
	if (words->len == 0)
		return -1;
	g_ptr_array_set_size(d->synonyms[c], 0);
	for (guint i = 0; i < words->len; i++) {
		char *key = isms_md_header_key(g_ptr_array_index(words, i));
		/* a word given to this column is taken from the others */
		for (int o = 0; o < ISMS_RISK_COL_COUNT; o++)
			for (guint k = d->synonyms[o]->len; o != (int)c && k > 0; k--)
				if (strcmp(g_ptr_array_index(d->synonyms[o], k - 1), key) == 0)
					g_ptr_array_remove_index(d->synonyms[o], k - 1);
		g_ptr_array_add(d->synonyms[c], key);
	}
	return 0;
}

/* The defaults, for callers without a configuration. */
static const isms_risk_dialect *default_dialect(void)
{
	static isms_risk_dialect d;
	static gsize done;

	if (g_once_init_enter(&done)) {
		isms_risk_dialect_init(&d);
		g_once_init_leave(&done, 1);
	}
	return &d;
}

isms_risk_level isms_risk_level_of_score(const isms_risk_dialect *d, int score)
{
	long long top = (long long)d->scale * d->scale, s = (long long)score * 100;

	if (score <= 0)
		return ISMS_RISK_LEVEL_NONE;
	return s <= 16 * top   ? ISMS_RISK_LOW
	       : s <= 36 * top ? ISMS_RISK_MEDIUM
	       : s <= 64 * top ? ISMS_RISK_HIGH
	                       : ISMS_RISK_CRITICAL;
}

/* ---- reading cells ------------------------------------------------------- */

/* Whether `word` occurs in a header key as whole words. */
static int has_words(const char *key, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = key; (p = strstr(p, word)) != NULL; p++)
		if ((p == key || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return 1;
	return 0;
}

/* Whether a header key is `word`, or starts with it and a space. */
static int starts_with_words(const char *key, const char *word)
{
	size_t n = strlen(word);

	return strncmp(key, word, n) == 0 && (key[n] == '\0' || key[n] == ' ');
}

static isms_risk_value read_value(const char *text)
{
	isms_risk_value v = {0, 0, ISMS_RISK_LEVEL_NONE};
	char *key;

	if (!text)
		return v;
	key = isms_md_header_key(text);
	/* the first word that is a number: "4", "4 likely", "12 high" */
	for (const char *p = key; p && *p && !v.has_number;) {
		size_t n = strspn(p, "0123456789");
		if (n > 0 && n <= 6 && (p[n] == ' ' || p[n] == '\0')) {
			v.has_number = 1;
			v.number = (int)g_ascii_strtoll(p, NULL, 10);
		}
		p = strchr(p, ' ');
		p = p ? p + 1 : NULL;
	}
	for (size_t i = 0; v.word == ISMS_RISK_LEVEL_NONE && i < G_N_ELEMENTS(level_words); i++)
		if (has_words(key, level_words[i].word))
			v.word = level_words[i].level;
	g_free(key);
	return v;
}

/* The text after the first `words` words of `text` (words as in a header
 * key: runs of letters and digits), without the punctuation that joins it
 * to them ("Reduce: MFA", "Treat (existing controls)"). NULL if empty. */
static int word_char(const char *p, int utf8)
{
	return utf8 ? g_unichar_isalnum(g_utf8_get_char(p)) : g_ascii_isalnum(*p);
}

static char *after_words(const char *text, int words)
{
	const char *p = text;
	int paren, utf8 = g_utf8_validate(text, -1, NULL);
	char *rest;

	for (int w = 0; w < words && *p; w++) {
		while (*p && !word_char(p, utf8))
			p = utf8 ? g_utf8_next_char(p) : p + 1;
		while (*p && word_char(p, utf8))
			p = utf8 ? g_utf8_next_char(p) : p + 1;
	}
	while (*p && strchr(" \t:;,.-(", *p))
		p++;
	/* en and em dashes */
	while (strncmp(p, "\xe2\x80\x93", 3) == 0 || strncmp(p, "\xe2\x80\x94", 3) == 0) {
		p += 3;
		while (*p == ' ')
			p++;
	}
	paren = p > text && p[-1] == '(';
	rest = g_strstrip(g_strdup(p));
	if (paren && g_str_has_suffix(rest, ")"))
		rest[strlen(rest) - 1] = '\0';
	g_strstrip(rest);
	if (!*rest || isms_cell_missing(rest)) {
		g_free(rest);
		return NULL;
	}
	return rest;
}

static int word_count(const char *phrase)
{
	int n = 1;

	for (const char *p = phrase; *p; p++)
		n += *p == ' ';
	return n;
}

static void read_treatment(isms_risk *r)
{
	const char *text = r->cell[ISMS_RISK_COL_TREATMENT];
	char *key, *rest = NULL;

	r->plan = g_strdup(r->cell[ISMS_RISK_COL_PLAN]);
	if (!text)
		return;
	key = isms_md_header_key(text);
	for (size_t i = 0; i < G_N_ELEMENTS(treatment_words); i++)
		if (starts_with_words(key, treatment_words[i].word)) {
			r->treatment = treatment_words[i].option;
			rest = after_words(text, word_count(treatment_words[i].word));
			break;
		}
	/* a cell that names no option is the plan of a treatment: "Disk
	 * encryption" */
	if (r->treatment == ISMS_TREAT_NONE) {
		r->treatment = ISMS_TREAT_MODIFY;
		rest = g_strdup(text);
	}
	if (!r->plan)
		r->plan = rest;
	else
		g_free(rest);
	g_free(key);
}

isms_risk_status isms_risk_status_lookup(const char *text)
{
	isms_risk_status s = ISMS_RISK_STATUS_UNKNOWN;
	char *key;

	if (!text)
		return ISMS_RISK_STATUS_NONE;
	key = isms_md_header_key(text);
	for (size_t i = 0; i < G_N_ELEMENTS(status_words); i++)
		if (starts_with_words(key, status_words[i].word)) {
			s = status_words[i].status;
			break;
		}
	g_free(key);
	return s;
}

static void read_status(isms_risk *r)
{
	const char *text = r->cell[ISMS_RISK_COL_STATUS];

	r->status = isms_risk_status_lookup(text);
	if (r->status == ISMS_RISK_STATUS_UNKNOWN)
		g_ptr_array_add(r->problems,
		                isms_text_printf("status '%s' is not a known status word", text));
}

/* Read a date cell as people type it (isms_date_parse_written), in the
 * dialect's order (`date_order`); a problem when it is no date, or one
 * whose day and month could be swapped and no order decides, worded as
 * the issues register words it (src/register.c). */
static int read_date(const isms_risk_dialect *d, isms_risk *r, isms_risk_column c, isms_day *out)
{
	const char *text = r->cell[c];
	char dmy[ISMS_DATE_BUFSIZE], mdy[ISMS_DATE_BUFSIZE];
	isms_day a, b;
	int rc;

	if (!text)
		return 0;
	rc = isms_date_parse_written(text, strlen(text), d->date_order, out);
	if (rc == 0)
		return 1;
	if (rc == ISMS_DATE_AMBIGUOUS &&
	    isms_date_parse_written(text, strlen(text), ISMS_DATE_ORDER_DMY, &a) == 0 &&
	    isms_date_parse_written(text, strlen(text), ISMS_DATE_ORDER_MDY, &b) == 0)
		g_ptr_array_add(r->problems,
		                isms_text_printf("%s '%s' reads as %s (day first) or %s (month "
		                                 "first): write YYYY-MM-DD, or set date_order: dmy "
		                                 "or mdy in .isms-audit.yml",
		                                 columns[c].name, text, isms_date_format(a, dmy),
		                                 isms_date_format(b, mdy)));
	else
		g_ptr_array_add(r->problems, isms_text_printf("%s '%s' is not a date (YYYY-MM-DD)",
		                                              columns[c].name, text));
	return 0;
}

/* The Annex A 2022 controls a text names: 5.23, A.8.13, "8.13 backups". */
static void read_controls(const char *text, GPtrArray *out)
{
	static GRegex *re;
	static gsize done;
	GMatchInfo *m = NULL;

	if (!text)
		return;
	/* not G_REGEX_OPTIMIZE: PCRE2's JIT code reads memory valgrind cannot
	 * follow, and these texts are short */
	if (g_once_init_enter(&done)) {
		re = g_regex_new("(?<![0-9.])(?:A\\.)?([5-8]\\.[0-9]{1,2})(?![0-9]|\\.[0-9])",
		                 G_REGEX_RAW, 0, NULL);
		g_once_init_leave(&done, 1);
	}
	g_regex_match(re, text, 0, &m);
	while (g_match_info_matches(m)) {
		char *id = g_match_info_fetch(m, 1);
		int seen = isms_control_index(id) < 0;
		for (guint i = 0; !seen && i < out->len; i++)
			seen = strcmp(g_ptr_array_index(out, i), id) == 0;
		if (!seen)
			g_ptr_array_add(out, id);
		else
			g_free(id);
		g_match_info_next(m, NULL);
	}
	g_match_info_free(m);
}

/* A likelihood or impact outside the scale cannot be placed on it. */
static void check_scale(isms_risk *r, const isms_risk_dialect *d, isms_risk_column c,
                        const isms_risk_value *v)
{
	if (v->has_number && (v->number < 1 || v->number > d->scale))
		g_ptr_array_add(
		    r->problems,
		    isms_text_printf("%s %d is outside the scale of 1 to %d (risk_scale)",
		                     columns[c].name, v->number, d->scale));
}

static isms_risk *read_risk(const isms_risk_dialect *d, const isms_md_row *row, const int *col,
                            int table)
{
	isms_risk *r = g_new0(isms_risk, 1);

	r->refs = 1;
	r->line = row->line;
	r->table = table;
	r->problems = g_ptr_array_new_with_free_func(g_free);
	r->controls = g_ptr_array_new_with_free_func(g_free);
	for (int c = 0; c < ISMS_RISK_COL_COUNT; c++) {
		const char *text = col[c] >= 0 ? g_ptr_array_index(row->cells, col[c]) : NULL;
		if (text && !isms_cell_missing(text))
			r->cell[c] = g_strstrip(g_strdup(text));
	}
	r->id = g_strdup(r->cell[ISMS_RISK_COL_ID]);
	r->likelihood = read_value(r->cell[ISMS_RISK_COL_LIKELIHOOD]);
	r->impact = read_value(r->cell[ISMS_RISK_COL_IMPACT]);
	r->score = read_value(r->cell[ISMS_RISK_COL_SCORE]);
	r->residual = read_value(r->cell[ISMS_RISK_COL_RESIDUAL]);
	check_scale(r, d, ISMS_RISK_COL_LIKELIHOOD, &r->likelihood);
	check_scale(r, d, ISMS_RISK_COL_IMPACT, &r->impact);
	if (r->likelihood.has_number && r->impact.has_number)
		r->product = r->likelihood.number * r->impact.number;
	r->value = r->score.has_number ? r->score.number : r->product;
	r->level = r->score.has_number ? isms_risk_level_of_score(d, r->score.number)
	           : r->score.word != ISMS_RISK_LEVEL_NONE
	               ? r->score.word
	               : isms_risk_level_of_score(d, r->product);
	read_treatment(r);
	read_status(r);
	r->has_due = read_date(d, r, ISMS_RISK_COL_DUE, &r->due);
	r->has_last_reviewed = read_date(d, r, ISMS_RISK_COL_LAST_REVIEWED, &r->last_reviewed);
	r->has_next_review = read_date(d, r, ISMS_RISK_COL_NEXT_REVIEW, &r->next_review);
	r->has_accept_until = read_date(d, r, ISMS_RISK_COL_ACCEPT_UNTIL, &r->accept_until);
	read_controls(r->plan, r->controls);
	read_controls(r->cell[ISMS_RISK_COL_TREATMENT], r->controls);
	return r;
}

/* ---- risks --------------------------------------------------------------- */

int isms_risk_in_force(const isms_risk *r)
{
	return r->status != ISMS_RISK_CLOSED && r->status != ISMS_RISK_RETIRED;
}

int isms_risk_accepted(const isms_risk *r)
{
	return isms_risk_in_force(r) &&
	       (r->status == ISMS_RISK_ACCEPTED || r->treatment == ISMS_TREAT_RETAIN);
}

int isms_risk_days_overdue(const isms_risk *r, isms_day today)
{
	if (!isms_risk_in_force(r) || isms_risk_accepted(r) || r->status == ISMS_RISK_TREATED ||
	    !r->has_due || r->due >= today)
		return 0;
	return (int)(today - r->due);
}

/* An approval phrase followed by a name in a cell. */
static int cell_approved(const char *text, const GPtrArray *phrases)
{
	char *key;
	int hit = 0;

	if (!text || !phrases)
		return 0;
	key = isms_md_header_key(text);
	for (guint i = 0; !hit && i < phrases->len; i++) {
		const char *phrase = g_ptr_array_index(phrases, i);
		size_t n = strlen(phrase);
		for (const char *p = strstr(key, phrase); n && !hit && p; p = strstr(p + 1, phrase))
			hit = (p == key || p[-1] == ' ') && p[n] == ' ' && p[n + 1] != '\0';
	}
	g_free(key);
	return hit;
}

int isms_risk_approved(const isms_risk *r, const GPtrArray *phrases)
{
	return r->cell[ISMS_RISK_COL_APPROVER] != NULL ||
	       cell_approved(r->cell[ISMS_RISK_COL_PLAN], phrases) ||
	       cell_approved(r->cell[ISMS_RISK_COL_TREATMENT], phrases);
}

char *isms_risk_score_text(const isms_risk *r)
{
	const char *l = r->cell[ISMS_RISK_COL_LIKELIHOOD], *i = r->cell[ISMS_RISK_COL_IMPACT],
	           *s = r->cell[ISMS_RISK_COL_SCORE];

	if (l && i)
		return s ? g_strdup_printf("%s x %s = %s", l, i, s)
		         : g_strdup_printf("%s x %s", l, i);
	return g_strdup(s);
}

isms_risk *isms_risk_ref(const isms_risk *r)
{
	isms_risk *m = (isms_risk *)r; /* never changed once read: sharing is safe */

	m->refs++;
	return m;
}

void isms_risk_unref(isms_risk *r)
{
	if (!r || --r->refs > 0)
		return;
	g_free(r->id);
	for (int c = 0; c < ISMS_RISK_COL_COUNT; c++)
		g_free(r->cell[c]);
	g_free(r->plan);
	g_ptr_array_free(r->controls, TRUE);
	g_ptr_array_free(r->problems, TRUE);
	g_free(r);
}

static void risk_free(gpointer p)
{
	isms_risk_unref(p);
}

/* ---- tables -------------------------------------------------------------- */

/* Map a table's header cells to columns; -1 where a column is absent. The
 * first header cell that matches a column takes it. */
static void map_columns(const isms_risk_dialect *d, const GPtrArray *header, int declared, int *out)
{
	for (int c = 0; c < ISMS_RISK_COL_COUNT; c++)
		out[c] = -1;
	for (guint h = 0; h < header->len; h++) {
		char *key = isms_md_header_key(g_ptr_array_index(header, h));
		int hit = -1;
		for (int c = 0; hit < 0 && c < ISMS_RISK_COL_COUNT; c++)
			for (guint s = 0; out[c] < 0 && s < d->synonyms[c]->len; s++)
				if (strcmp(key, g_ptr_array_index(d->synonyms[c], s)) == 0) {
					hit = c;
					break;
				}
		for (const char *const *w = isms_risk_declared_ids;
		     hit < 0 && declared && out[ISMS_RISK_COL_ID] < 0 && *w; w++) {
			char *k = isms_md_header_key(*w);
			if (strcmp(k, key) == 0)
				hit = ISMS_RISK_COL_ID;
			g_free(k);
		}
		if (hit >= 0)
			out[hit] = (int)h;
		g_free(key);
	}
}

static int is_risk_table(const int *col)
{
	return col[ISMS_RISK_COL_ID] >= 0 &&
	       (col[ISMS_RISK_COL_LIKELIHOOD] >= 0 || col[ISMS_RISK_COL_IMPACT] >= 0 ||
	        col[ISMS_RISK_COL_SCORE] >= 0 || col[ISMS_RISK_COL_TREATMENT] >= 0);
}

int isms_risk_parse(const char *buf, size_t len, int first_line, int declared,
                    const isms_risk_dialect *d, isms_risk_register **out)
{
	GPtrArray *tables = isms_md_tables_new();
	isms_risk_register *reg;
	int error;

	*out = NULL;
	if (!d)
		d = default_dialect();
	if ((error = isms_markdown_tables(buf, len, first_line, tables)) < 0) {
		g_ptr_array_free(tables, TRUE);
		return error;
	}
	reg = g_new0(isms_risk_register, 1);
	reg->tables = g_ptr_array_new_with_free_func(g_free);
	reg->idless = g_array_new(FALSE, FALSE, sizeof(int));
	reg->risks = g_ptr_array_new_with_free_func(risk_free);
	for (guint t = 0; t < tables->len; t++) {
		const isms_md_table *mt = g_ptr_array_index(tables, t);
		isms_risk_table *rt = g_new0(isms_risk_table, 1);
		map_columns(d, mt->header, declared, rt->column);
		if (!is_risk_table(rt->column)) {
			g_free(rt);
			continue;
		}
		rt->line = mt->line;
		g_ptr_array_add(reg->tables, rt);
		for (guint r = 0; r < mt->rows->len; r++) {
			const isms_md_row *row = g_ptr_array_index(mt->rows, r);
			isms_risk *risk = read_risk(d, row, rt->column, (int)reg->tables->len - 1);
			if (!risk->id) { /* a row without an id cannot be followed */
				int blank = 1;
				for (guint c = 0; blank && c < row->cells->len; c++)
					blank = isms_cell_missing(g_ptr_array_index(row->cells, c));
				if (!blank)
					g_array_append_val(reg->idless, row->line);
				isms_risk_unref(risk);
				continue;
			}
			g_ptr_array_add(reg->risks, risk);
		}
	}
	g_ptr_array_free(tables, TRUE);
	*out = reg;
	return 0;
}

/* Whether the text can hold a risk table at all: the first word of an id
 * header word (in a declared register, of the generic ones too) occurs in
 * it. Most documents are never handed to cmark-gfm. */
static int may_hold_table(const char *buf, size_t len, int declared, const isms_risk_dialect *d)
{
	const GPtrArray *ids = d->synonyms[ISMS_RISK_COL_ID];

	if (declared)
		return 1;
	if (!memchr(buf, '|', len))
		return 0;
	for (guint i = 0; i < ids->len; i++) {
		const char *key = g_ptr_array_index(ids, i);
		size_t n = strcspn(key, " ");
		for (const char *p = buf, *end = buf + len; n > 0 && p + n <= end; p++)
			if (g_ascii_strncasecmp(p, key, n) == 0)
				return 1;
	}
	return 0;
}

int isms_risk_has_table(const char *buf, size_t len, int first_line, int declared,
                        const isms_risk_dialect *d, int *out)
{
	GPtrArray *tables;
	int error;

	*out = 0;
	if (!d)
		d = default_dialect();
	if (!may_hold_table(buf, len, declared, d))
		return 0;
	tables = isms_md_tables_new();
	if ((error = isms_markdown_tables(buf, len, first_line, tables)) == 0)
		for (guint t = 0; !*out && t < tables->len; t++) {
			int col[ISMS_RISK_COL_COUNT];
			map_columns(d, ((isms_md_table *)g_ptr_array_index(tables, t))->header,
			            declared, col);
			*out = is_risk_table(col);
		}
	g_ptr_array_free(tables, TRUE);
	return error;
}

void isms_risk_register_free(isms_risk_register *reg)
{
	if (!reg)
		return;
	g_ptr_array_free(reg->tables, TRUE);
	g_array_free(reg->idless, TRUE);
	g_ptr_array_free(reg->risks, TRUE);
	g_free(reg);
}

const isms_risk *isms_risk_find(const isms_risk_register *reg, const char *id)
{
	for (guint i = 0; i < reg->risks->len; i++) {
		const isms_risk *r = g_ptr_array_index(reg->risks, i);
		if (strcmp(r->id, id) == 0)
			return r;
	}
	return NULL;
}
