#include "isms/soa.h"

#include <string.h>

#include "isms/markdown.h"
#include "isms/register.h"

/* Annex A of ISO/IEC 27001:2022: four themes numbered 5 to 8. */
static const int theme_size[] = {37, 8, 14, 34};

const char *isms_control_id(int index)
{
	static char ids[ISMS_CONTROL_COUNT][6];
	static int ready;

	if (index < 0 || index >= ISMS_CONTROL_COUNT)
		return NULL;
	if (!ready) {
		int k = 0;
		for (int t = 0; t < 4; t++)
			for (int c = 1; c <= theme_size[t]; c++)
				g_snprintf(ids[k++], sizeof(ids[0]), "%d.%d", t + 5, c);
		ready = 1;
	}
	return ids[index];
}

static int index_of(long theme, long control)
{
	int base = 0;

	if (theme < 5 || theme > 8 || control < 1 || control > theme_size[theme - 5])
		return -1;
	for (long t = 5; t < theme; t++)
		base += theme_size[t - 5];
	return base + (int)control - 1;
}

int isms_control_index(const char *id)
{
	char *end;
	long theme, control;

	if (!g_ascii_isdigit(*id))
		return -1;
	theme = strtol(id, &end, 10);
	if (*end != '.' || !g_ascii_isdigit(end[1]))
		return -1;
	control = strtol(end + 1, &end, 10);
	return *end ? -1 : index_of(theme, control);
}

isms_control_kind isms_control_read(const char *cell, char **out)
{
	const char *p = cell, *num;
	long part[4] = {0};
	int parts = 0;

	*out = NULL;
	while (*p == ' ' || *p == '*' || *p == '_')
		p++;
	const char *start = p;
	if ((*p == 'A' || *p == 'a') && (p[1] == '.' || g_ascii_isdigit(p[1])))
		p += p[1] == '.' ? 2 : 1;
	if (!g_ascii_isdigit(*p))
		return ISMS_CONTROL_NONE;
	num = p;
	while (g_ascii_isdigit(*p)) {
		char *end;
		long v = strtol(p, &end, 10);
		if (parts < 4)
			part[parts] = v;
		parts++;
		p = end;
		if (*p == '.' && g_ascii_isdigit(p[1]))
			p++;
		else
			break;
	}
	/* a number followed by more digits or letters is no control ("5.1a") */
	if (g_ascii_isalnum(*p))
		return ISMS_CONTROL_NONE;
	if (parts == 2 && index_of(part[0], part[1]) >= 0) {
		*out = g_strndup(num, (gsize)(p - num));
		return ISMS_CONTROL_2022;
	}
	if (parts == 1)
		return ISMS_CONTROL_NONE; /* a plain number (a row count) */
	*out = g_strndup(start, (gsize)(p - start));
	/* 2013 Annex A: A.5 to A.18, controls three levels deep (A.12.6.1) */
	if (part[0] >= 5 && part[0] <= 18 && (parts == 3 || part[0] >= 9))
		return ISMS_CONTROL_2013;
	return ISMS_CONTROL_UNKNOWN;
}

/* ---- tables ------------------------------------------------------------ */

typedef enum { COL_CONTROL, COL_APPLICABLE, COL_JUSTIFICATION, COL_STATUS, COL_COUNT } column;

/* Header words as header keys (isms_md_header_key): exact, then leading words. */
static const char *const exact[COL_COUNT][16] = {
    [COL_CONTROL] = {"control", "control id", "control no", "control number", "control ref",
                     "annex a control", "annex a", "annex a ref", "annex a reference",
                     "annex a control id", "ref", "reference", "id", "no", "number", NULL},
    [COL_APPLICABLE] = {"applicable", "applicability", "included", "selected", "in scope",
                        "applies", "inclusion", "status of applicability", NULL},
    [COL_JUSTIFICATION] = {"justification", "reason", "reasons", "rationale", "why",
                           "justification for inclusion", "justification for exclusion", NULL},
    [COL_STATUS] = {"status", "implementation status", "implemented", "implementation",
                    "implementation state", NULL},
};
static const char *const leading[COL_COUNT][4] = {
    [COL_CONTROL] = {"annex a control", NULL},
    [COL_APPLICABLE] = {"applicab", NULL},
    [COL_JUSTIFICATION] = {"justification", "reason", "rationale", NULL},
    [COL_STATUS] = {"implementation", NULL},
};

static int column_of(const char *key)
{
	for (int c = 0; c < COL_COUNT; c++)
		for (int i = 0; exact[c][i]; i++)
			if (strcmp(key, exact[c][i]) == 0)
				return c;
	for (int c = 0; c < COL_COUNT; c++)
		for (int i = 0; leading[c][i]; i++)
			if (g_str_has_prefix(key, leading[c][i]))
				return c;
	return -1;
}

static char *cell(const isms_md_row *row, int index, int applicability)
{
	const char *text;

	if (index < 0 || (guint)index >= row->cells->len)
		return NULL;
	text = g_ptr_array_index(row->cells, index);
	/* "N/A" in the applicability column says "not applicable" */
	if (applicability && g_ascii_strcasecmp(text, "n/a") == 0)
		return g_strdup(text);
	return isms_cell_missing(text) ? NULL : g_strdup(text);
}

static void row_free(gpointer p)
{
	isms_soa_row *r = p;

	g_free(r->control);
	g_free(r->applicable);
	g_free(r->justification);
	g_free(r->status);
	g_free(r);
}

int isms_soa_parse(const char *buf, size_t len, int first_line, isms_soa **out)
{
	GPtrArray *tables = isms_md_tables_new();
	isms_soa *soa;
	int error;

	if ((error = isms_markdown_tables(buf, len, first_line, tables)) < 0) {
		g_ptr_array_free(tables, TRUE);
		return error;
	}
	soa = g_new0(isms_soa, 1);
	soa->tables = g_array_new(FALSE, FALSE, sizeof(isms_soa_table));
	soa->rows = g_ptr_array_new_with_free_func(row_free);
	for (guint t = 0; t < tables->len; t++) {
		const isms_md_table *mt = g_ptr_array_index(tables, t);
		int col[COL_COUNT] = {-1, -1, -1, -1};
		for (guint i = 0; i < mt->header->len; i++) {
			char *key = isms_md_header_key(g_ptr_array_index(mt->header, i));
			int c = column_of(key);
			if (c >= 0 && col[c] < 0)
				col[c] = (int)i;
			g_free(key);
		}
		if (col[COL_CONTROL] < 0 || (col[COL_APPLICABLE] < 0 && col[COL_JUSTIFICATION] < 0))
			continue;
		isms_soa_table st = {mt->line, col[COL_APPLICABLE] >= 0,
		                     col[COL_JUSTIFICATION] >= 0, col[COL_STATUS] >= 0};
		g_array_append_val(soa->tables, st);
		for (guint r = 0; r < mt->rows->len; r++) {
			const isms_md_row *mr = g_ptr_array_index(mt->rows, r);
			char *id = NULL;
			isms_control_kind kind = isms_control_read(
			    g_ptr_array_index(mr->cells, (guint)col[COL_CONTROL]), &id);
			if (kind == ISMS_CONTROL_NONE)
				continue; /* a theme row ("Organisational controls") or blank */
			isms_soa_row *row = g_new0(isms_soa_row, 1);
			row->control = id;
			row->kind = kind;
			row->line = mr->line;
			row->table = (int)soa->tables->len - 1;
			row->applicable = cell(mr, col[COL_APPLICABLE], 1);
			row->justification = cell(mr, col[COL_JUSTIFICATION], 0);
			row->status = cell(mr, col[COL_STATUS], 0);
			g_ptr_array_add(soa->rows, row);
		}
	}
	g_ptr_array_free(tables, TRUE);
	*out = soa;
	return 0;
}

void isms_soa_free(isms_soa *soa)
{
	if (!soa)
		return;
	g_array_free(soa->tables, TRUE);
	g_ptr_array_free(soa->rows, TRUE);
	g_free(soa);
}
