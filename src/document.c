/* The documents of the model: whether each can be read, is held to review
 * and is overdue, decided here once for every rule and report. */
#include "isms/document.h"

#include <string.h>

const char *isms_document_type(const isms_document *d)
{
	return d->type ? d->type : "";
}

int isms_document_readable(const isms_document *d)
{
	return d->mode != GIT_FILEMODE_LINK &&
	       !(d->meta->flags &
	         (ISMS_META_BINARY | ISMS_META_TOO_LARGE | ISMS_META_TABLES | ISMS_META_BUDGET));
}

int isms_document_reviewable(const isms_document *d)
{
	return isms_document_readable(d) && d->in_force && !d->is_record;
}

isms_review_state isms_document_review(const isms_document *d, isms_day today, int soon_days,
                                       isms_review *out)
{
	/* 64 bits: a far due day and a wide window must not wrap */
	gint64 left = d->has_review_due ? (gint64)d->review_due - today : 0;

	memset(out, 0, sizeof(*out));
	if (!d->has_review_due) {
		out->dated = ISMS_REVIEW_NO_DATE;
	} else if (left < 0) {
		out->dated = ISMS_REVIEW_OVERDUE;
		out->due = d->review_due;
		out->days_overdue = (int)-left;
	} else {
		out->dated = left <= soon_days ? ISMS_REVIEW_DUE_SOON : ISMS_REVIEW_CURRENT;
		out->due = d->review_due;
		out->days_left = (int)left;
	}
	out->state = isms_document_reviewable(d) ? out->dated : ISMS_REVIEW_NOT_HELD;
	return out->state;
}

const char *isms_review_state_name(isms_review_state s)
{
	switch (s) {
	case ISMS_REVIEW_NOT_HELD: return "not reviewed";
	case ISMS_REVIEW_NO_DATE: return "no review date";
	case ISMS_REVIEW_CURRENT: return "current";
	case ISMS_REVIEW_DUE_SOON: return "due soon";
	case ISMS_REVIEW_OVERDUE: return "overdue";
	}
	return "";
}

int isms_document_declares(const isms_document *d, const char *clause)
{
	for (guint i = 0; d->clauses && i < d->clauses->len; i++)
		if (strcmp(g_ptr_array_index(d->clauses, i), clause) == 0)
			return 1;
	return 0;
}
