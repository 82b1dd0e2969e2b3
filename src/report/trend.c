/* Trend reports: text table, CSV and JSON (the HTML chart is in html.c). */
#include <jansson.h>
#include <string.h>

#include "isms/error.h"
#include "isms/report.h"
#include "isms/version.h"

static int done_writing(FILE *out, const char *what)
{
	if (ferror(out))
		return isms_error_set(ISMS_EREPO, "cannot write the %s", what);
	return 0;
}

int isms_trend_report_text(const isms_trend *t, FILE *out)
{
	char label[16], end[ISMS_DATE_BUFSIZE];

	fputs("period    as of       major minor   obs   overdue  open overdue  raised closed\n"
	      "                                             docs  acts    acts\n",
	      out);
	for (guint i = 0; i < t->points->len; i++) {
		const isms_trend_point *p = &g_array_index(t->points, isms_trend_point, i);
		isms_trend_period_label(t, p, label, sizeof(label));
		isms_date_format(p->end, end);
		if (!p->has_commit) {
			fprintf(out, "%-8s  %-10s  (no commit yet)\n", label, end);
			continue;
		}
		fprintf(out, "%-8s  %-10s  %5d %5d %5d  %8d  %4d %7d  %6d %6d\n", label, end,
		        p->major, p->minor, p->observation, p->overdue_documents, p->open_actions,
		        p->overdue_actions, p->raised, p->closures);
	}
	return done_writing(out, "trend");
}

int isms_trend_report_csv(const isms_trend *t, FILE *out)
{
	char label[16], start[ISMS_DATE_BUFSIZE], end[ISMS_DATE_BUFSIZE];

	/* RFC 4180: CRLF line ends; no field needs quoting (dates, numbers, hex) */
	fputs("period,start,end,commit,major,minor,observation,waived,overdue_documents,"
	      "open_actions,overdue_actions,raised,closed\r\n",
	      out);
	for (guint i = 0; i < t->points->len; i++) {
		const isms_trend_point *p = &g_array_index(t->points, isms_trend_point, i);
		fprintf(out, "%s,%s,%s,%s,", isms_trend_period_label(t, p, label, sizeof(label)),
		        isms_date_format(p->start, start), isms_date_format(p->end, end),
		        p->commit);
		if (!p->has_commit)
			fputs(",,,,,,,,\r\n", out);
		else
			fprintf(out, "%d,%d,%d,%d,%d,%d,%d,%d,%d\r\n", p->major, p->minor,
			        p->observation, p->waived, p->overdue_documents, p->open_actions,
			        p->overdue_actions, p->raised, p->closures);
	}
	return done_writing(out, "trend");
}

int isms_trend_report_json(const isms_trend *t, FILE *out)
{
	char label[16], start[ISMS_DATE_BUFSIZE], end[ISMS_DATE_BUFSIZE], since[ISMS_DATE_BUFSIZE];
	json_t *points = json_array(), *root;
	int rc;

	for (guint i = 0; i < t->points->len; i++) {
		const isms_trend_point *p = &g_array_index(t->points, isms_trend_point, i);
		json_t *jp = json_pack("{s:s, s:s, s:s, s:o}", "period",
		                       isms_trend_period_label(t, p, label, sizeof(label)), "start",
		                       isms_date_format(p->start, start), "end",
		                       isms_date_format(p->end, end), "commit",
		                       p->has_commit ? json_string(p->commit) : json_null());
		if (p->has_commit)
			json_object_update_new(
			    jp, json_pack("{s:{s:i, s:i, s:i, s:i}, s:i, s:i, s:i, s:i, s:i}",
			                  "findings", "major", p->major, "minor", p->minor,
			                  "observation", p->observation, "waived", p->waived,
			                  "overdue_documents", p->overdue_documents, "open_actions",
			                  p->open_actions, "overdue_actions", p->overdue_actions,
			                  "raised", p->raised, "closed", p->closures));
		json_array_append_new(points, jp);
	}
	root = json_pack("{s:{s:s, s:s}, s:s, s:s, s:o}", "tool", "name", ISMS_NAME, "version",
	                 ISMS_VERSION, "every", isms_trend_every_name(t->every), "since",
	                 isms_date_format(t->since, since), "points", points);
	if (!root)
		return isms_error_set(ISMS_ERROR, "cannot build the JSON trend");
	rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (rc < 0 || fputc('\n', out) == EOF)
		return isms_error_set(ISMS_EREPO, "cannot write the JSON trend");
	return 0;
}
