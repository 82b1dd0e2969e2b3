#include "isms/clauses.h"

#include <string.h>

#include "isms/markdown.h"

static const struct {
	const char *clause, *title;
} titles[] = {
    {"4.3", "Scope of the ISMS"},
    {"5.2", "Information security policy"},
    {"5.3", "Organizational roles, responsibilities and authorities"},
    {"6.1.2", "Risk assessment process"},
    {"6.1.2 c", "Risk assessment: risk owners"},
    {"6.1.2 d", "Risk assessment: analysis and risk levels"},
    {"6.1.3", "Risk treatment process"},
    {"6.1.3 a", "Risk treatment: options"},
    {"6.1.3 c", "Risk treatment: controls compared with Annex A"},
    {"6.1.3 d", "Statement of Applicability"},
    {"6.1.3 f", "Risk treatment: owners' approval and acceptance"},
    {"6.2", "Information security objectives"},
    {"7.2", "Competence"},
    {"7.5.1", "Documented information: general"},
    {"7.5.2", "Documented information: creating and updating"},
    {"7.5.2 b", "Documented information: review and approval"},
    {"7.5.3", "Documented information: control"},
    {"8.1", "Operational planning and control"},
    {"8.2", "Information security risk assessment results"},
    {"8.3", "Information security risk treatment results"},
    {"9.1", "Monitoring, measurement, analysis and evaluation"},
    {"9.2", "Internal audit"},
    {"9.3", "Management review"},
    {"9.3.2", "Management review inputs"},
    {"9.3.3", "Management review results"},
    {"10.1", "Continual improvement"},
    {"10.2", "Nonconformity and corrective action"},
    {"10.2 a", "Nonconformity: react and correct"},
    {"10.2 b", "Nonconformity: evaluate causes"},
    {"10.2 c", "Nonconformity: implement actions"},
    {"10.2 d", "Nonconformity: review effectiveness"},
    {"10.2 e", "Nonconformity: change the ISMS"},
    {"10.2 f", "Nonconformity: evidence of its nature and actions"},
    {"10.2 g", "Nonconformity: evidence of results"},
};

const char *isms_clause_title(const char *clause)
{
	for (size_t i = 0; i < sizeof(titles) / sizeof(titles[0]); i++)
		if (strcmp(titles[i].clause, clause) == 0)
			return titles[i].title;
	return "";
}

char *isms_clause_normalize(const char *text)
{
	const char *p = text, *num;
	GString *out;

	while (g_ascii_isspace(*p))
		p++;
	if (g_ascii_strncasecmp(p, "clause", 6) == 0)
		p += 6;
	else if (g_ascii_strncasecmp(p, "cl.", 3) == 0)
		p += 3;
	while (g_ascii_isspace(*p) || *p == '.')
		p++;
	if (!g_ascii_isdigit(*p))
		return NULL;
	num = p;
	while (g_ascii_isdigit(*p) || (*p == '.' && g_ascii_isdigit(p[1])))
		p++;
	out = g_string_new_len(num, p - num);
	if (*p == '.')
		p++;
	while (*p == ' ')
		p++;
	/* a sub-item letter: `d`, `(d)`, `d)`, glued or spaced; a word is not one */
	{
		const char *q = p;
		int paren = *q == '(';
		if (paren)
			q++;
		if (g_ascii_isalpha(*q) && !g_ascii_isalpha(q[1]) && !g_ascii_isdigit(q[1]) &&
		    (!paren || q[1] == ')')) {
			g_string_append_c(out, ' ');
			g_string_append_c(out, g_ascii_tolower(*q));
			p = q + 1;
			if (*p == ')')
				p++;
		}
	}
	while (*p == ' ' || *p == '.' || *p == ')')
		p++;
	/* trailing words (a title after the number) are allowed, other marks not */
	if (*p && !g_ascii_isalpha(*p) && !(*p & 0x80)) {
		g_string_free(out, TRUE);
		return NULL;
	}
	return g_string_free(out, FALSE);
}

static void add_clause(const char *text, GPtrArray *out)
{
	char *c = isms_clause_normalize(text);

	if (c)
		g_ptr_array_add(out, c);
}

void isms_clause_list(const isms_fm_field *f, GPtrArray *out)
{
	if (f && f->kind == ISMS_VAL_LIST) {
		for (guint i = 0; i < f->items->len; i++)
			add_clause(g_ptr_array_index(f->items, i), out);
	} else if (f && f->kind == ISMS_VAL_SCALAR) {
		char **parts = g_strsplit_set(f->text, ",;", -1);
		for (char **p = parts; *p; p++)
			add_clause(*p, out);
		g_strfreev(parts);
	}
}

const char *isms_clause_of_type(const char *type)
{
	static const struct {
		const char *key, *clause;
	} kinds[] = {
	    {"register", "10.2"},
	    {"management review", "9.3"},
	    {"internal audit", "9.2"},
	    {"soa", "6.1.3 d"},
	    {"statement of applicability", "6.1.3 d"},
	};
	char *key = isms_md_header_key(type ? type : "");
	const char *clause = NULL;

	for (size_t i = 0; !clause && i < G_N_ELEMENTS(kinds); i++)
		if (strcmp(key, kinds[i].key) == 0)
			clause = kinds[i].clause;
	g_free(key);
	return clause;
}

int isms_clause_covers(const char *declared, const char *clause, const GPtrArray *mandatory)
{
	size_t n = strlen(clause);

	if (strcmp(declared, clause) == 0)
		return 1;
	if (strncmp(declared, clause, n) != 0 || declared[n] != ' ')
		return 0;
	for (guint i = 0; i < mandatory->len; i++)
		if (strcmp(g_ptr_array_index(mandatory, i), declared) == 0)
			return 0;
	return 1;
}

int isms_clause_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (g_ascii_isdigit(*a) && g_ascii_isdigit(*b)) {
			char *ea, *eb;
			guint64 x = g_ascii_strtoull(a, &ea, 10), y = g_ascii_strtoull(b, &eb, 10);
			if (x != y)
				return x < y ? -1 : 1;
			a = ea;
			b = eb;
		} else {
			if (*a != *b)
				return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
			a++;
			b++;
		}
	}
	return *a ? 1 : *b ? -1 : 0;
}
