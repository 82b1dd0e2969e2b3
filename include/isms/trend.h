#ifndef ISMS_TREND_H
#define ISMS_TREND_H

#include <glib.h>

#include "isms/audit.h"
#include "isms/finding.h"

/*
 * Trends, clause 10.1's evidence of continual improvement: the audit run as
 * of the end of each period (month or quarter) from a start date to the
 * audit date. Every point is built from the one history walk of the audit
 * (the first-parent chain cut at the point's last commit) with the same
 * configuration, so the points are measured with one yardstick.
 */

typedef enum { ISMS_TREND_MONTH, ISMS_TREND_QUARTER } isms_trend_every;

typedef struct {
	isms_day start,
	    end;        /* the period: first and last day (end = the audit date of the point) */
	int has_commit; /* 0: the branch had no commit by `end` (all figures 0) */
	char commit[ISMS_COMMIT_HEXSIZE]; /* the audited commit of the point */
	int major, minor, observation;    /* findings by severity (waived ones excluded) */
	int waived;
	int overdue_documents; /* DOC-REVIEW-OVERDUE findings */
	int open_actions;      /* register items open at `end` */
	int overdue_actions;   /* ACT-OVERDUE findings */
	int raised;            /* items first listed in the period */
	int closures;          /* closures recorded (by commit date) in the period */
} isms_trend_point;

typedef struct {
	isms_trend_every every;
	isms_day since; /* as asked */
	GArray *points; /* isms_trend_point, oldest first; the last ends at the audit date */
} isms_trend;

typedef struct {
	isms_day since; /* first day of the trend (its period is the first point) */
	isms_trend_every every;
} isms_trend_options;

void isms_trend_init(isms_trend *t);
void isms_trend_dispose(isms_trend *t);

/* "month" or "quarter". */
const char *isms_trend_every_name(isms_trend_every e);

/* The label of a point's period, "2026-03" or "2026-Q1", into buf (16
 * bytes will do); returns buf. */
char *isms_trend_period_label(const isms_trend *t, const isms_trend_point *p, char *buf,
                              size_t size);

/* Parse "month"/"monthly" or "quarter"/"quarterly"; returns 0 or -1. */
int isms_trend_every_parse(const char *text, isms_trend_every *out);

/*
 * The last day of each period of a trend up to `today` (the last one is
 * `today`), oldest first: pass them as the audit's checkpoints
 * (isms_audit_options) so that the register replay is not repeated per
 * point. Returns a new array of isms_day (g_array_unref), empty when
 * `since` is after `today`.
 */
GArray *isms_trend_days(const isms_trend_options *opts, isms_day today);

/*
 * Compute the trend from `since` to the audit date of `audit`: one point
 * per period whose start is on or before the audit date, the last period
 * cut at the audit date. Each point runs every rule on a model built from
 * audit's history walk as of the period's end. Returns 0, ISMS_EUSAGE
 * (`since` after the audit date, or more than 240 points) or an error of
 * the model.
 */
int isms_trend_compute(const isms_audit *audit, const isms_trend_options *opts, isms_trend *out);

#endif
