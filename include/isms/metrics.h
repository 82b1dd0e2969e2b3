#ifndef ISMS_METRICS_H
#define ISMS_METRICS_H

#include "isms/audit.h"

/*
 * The register's trends for the management review (clause 9.3.2 d 1):
 * counts by state, the flow of items raised and closed per quarter, time to
 * closure, the age of open items and on-time closure. Every figure comes
 * from the register's history (commit dates), except on-time closure,
 * which compares the typed closed and due dates.
 */

#define ISMS_METRICS_QUARTERS    8
#define ISMS_METRICS_AGE_BUCKETS 4 /* 0-30, 31-90, 91-180, over 180 days */

typedef struct {
	int year, quarter; /* 2026, 1..4 */
	int raised;        /* items first listed in the quarter */
	int closed;        /* closures recorded in the quarter */
} isms_metrics_quarter;

typedef struct {
	int items;                            /* items in the registers at the audited commit */
	int by_state[ISMS_STATE_UNKNOWN + 1]; /* of those, by state (unknown: no known status) */
	isms_metrics_quarter
	    quarters[ISMS_METRICS_QUARTERS]; /* oldest first; the last holds today */
	int closure_times;                   /* closed items with a time to closure */
	int median_days, p90_days;           /* first listed to recorded closed (nearest rank) */
	int open_by_age[ISMS_METRICS_AGE_BUCKETS]; /* open items by days since first listed */
	int closed_with_due; /* closed items with typed closed and due dates */
	int closed_on_time;  /* of those, closed on or before the due date */
} isms_metrics;

/* The upper bound of each age bucket in days (the last is open-ended). */
extern const int isms_metrics_age_limits[ISMS_METRICS_AGE_BUCKETS - 1];

void isms_metrics_compute(const isms_audit *a, isms_metrics *out);

/* One event of the register's flow: an item raised, or a closure recorded,
 * on the day of the commit that recorded it. */
typedef void (*isms_flow_fn)(isms_day day, int closed, void *data);

/*
 * Call `fn` for every event of the flow of every register, as all flow
 * figures count them: an item is raised once, in the register that listed
 * it first, and an item arriving closed from another register is no new
 * closure.
 */
void isms_metrics_flow(const isms_audit *a, isms_flow_fn fn, void *data);

/*
 * The risk registers' figures for the management review (clause 9.3.2 f:
 * results of risk assessment and status of the risk treatment plan), over
 * the risks in force at the audited commit (not closed or retired), each
 * counted once per register that lists it.
 */
typedef struct {
	int risks;                           /* in force */
	int by_level[ISMS_RISK_LEVEL_COUNT]; /* by level; NONE: level unknown */
	int by_treatment[ISMS_TREAT_COUNT];  /* by treatment option; NONE: none chosen */
	int overdue;                         /* treatments past their due date */
	int accepted;                        /* accepted risks */
	int acceptance_expired;              /* of those, past their acceptance expiry */
	isms_metrics_quarter quarters[ISMS_METRICS_QUARTERS]; /* risks first listed (raised)
	                                                       * and closed or retired (closed)
	                                                       * per quarter, by commit dates */
	int scale;                                            /* points of the heat map's axes */
	int heat[ISMS_RISK_SCALE_MAX][ISMS_RISK_SCALE_MAX];   /* [likelihood - 1][impact - 1] */
	int off_map; /* risks in force without a likelihood and impact on the scale */
} isms_risk_metrics;

void isms_risk_metrics_compute(const isms_audit *a, isms_risk_metrics *out);

#endif
