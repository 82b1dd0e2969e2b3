#include <string.h>

#include "isms/meta.h"
#include "testutil.h"

static isms_meta *meta(const char *text)
{
	return isms_meta_parse(text, strlen(text), 1024 * 1024);
}

static const char *problem(const isms_meta *m, guint i)
{
	ck_assert_uint_gt(m->problems->len, i);
	return ((isms_meta_problem *)g_ptr_array_index(m->problems, i))->message;
}

START_TEST(aliases_name_canonical_fields)
{
	ck_assert_int_eq(isms_field_lookup("last_reviewed_on"), ISMS_F_LAST_REVIEWED);
	ck_assert_int_eq(isms_field_lookup("Last_Reviewed_At"), ISMS_F_LAST_REVIEWED);
	ck_assert_int_eq(isms_field_lookup("review_in"), ISMS_F_REVIEW_CYCLE);
	ck_assert_int_eq(isms_field_lookup("owner_slack"), ISMS_F_OWNER);
	ck_assert_int_eq(isms_field_lookup("document_id"), ISMS_F_ID);
	ck_assert_int_eq(isms_field_lookup("review_by"), ISMS_F_NEXT_REVIEW);
	ck_assert_int_eq(isms_field_lookup("approved_by"), ISMS_F_APPROVER);
	ck_assert_int_eq(isms_field_lookup("colour"), -1);
	ck_assert_str_eq(isms_field_name(ISMS_F_NEXT_REVIEW), "next_review");
}
END_TEST

START_TEST(gov_uk_pages_are_read)
{
	isms_meta *m =
	    meta("---\ntitle: Page\nowner_slack: \"#team\"\nlast_reviewed_on: 2024-05-01\n"
	         "review_in: 6 months\n---\nText\n");
	char buf[ISMS_DATE_BUFSIZE];

	ck_assert_uint_eq(m->problems->len, 0);
	ck_assert_str_eq(isms_meta_text(m, ISMS_F_OWNER), "#team");
	ck_assert(m->has_last_reviewed);
	ck_assert_str_eq(isms_date_format(m->last_reviewed, buf), "2024-05-01");
	ck_assert(m->has_cycle);
	ck_assert_int_eq(m->cycle.months, 6);
	ck_assert_int_eq(m->status, ISMS_DOC_IN_FORCE);
	isms_meta_free(m);
}
END_TEST

START_TEST(iso_datetimes_are_dates)
{
	isms_meta *m = meta("---\nlast_reviewed_at: 2025-05-16T17:00:00.000Z\n---\n");
	char buf[ISMS_DATE_BUFSIZE];

	ck_assert_uint_eq(m->problems->len, 0);
	ck_assert_str_eq(isms_date_format(m->last_reviewed, buf), "2025-05-16");
	isms_meta_free(m);
}
END_TEST

START_TEST(placeholders_are_invalid_values)
{
	isms_meta *m = meta("---\nowner: TBD\nlast_reviewed: yyyy-mm-dd\nnext_review: [TBD]\n"
	                    "version:\ndate: ''\nreview_cycle: whenever\n---\n");

	ck_assert_uint_eq(m->problems->len, 6);
	ck_assert_str_eq(problem(m, 0), "'owner' is the placeholder 'TBD'");
	ck_assert_str_eq(problem(m, 1), "'version' is empty");
	ck_assert_str_eq(problem(m, 2),
	                 "'last_reviewed' is the placeholder 'yyyy-mm-dd', not a date");
	ck_assert_str_eq(problem(m, 3), "'next_review' is the placeholder '[TBD]', not a date");
	ck_assert_str_eq(problem(m, 4), "'date' is the placeholder '', not a date");
	ck_assert_str_eq(problem(m, 5), "'review_cycle' is 'whenever', not a review cycle (such as "
	                                "'12 months', 'annual', 'P1Y')");
	ck_assert(!m->has_last_reviewed && !m->has_next_review && !m->has_cycle);
	ck_assert(!isms_meta_has(m, ISMS_F_OWNER));
	isms_meta_free(m);
	ck_assert(isms_is_placeholder("[TBD]"));
	ck_assert(isms_is_placeholder(" tbc "));
	ck_assert(isms_is_placeholder("<date>"));
	ck_assert(!isms_is_placeholder("Ann"));
}
END_TEST

START_TEST(status_words_map_to_states)
{
	isms_meta *m = meta("---\nstatus: Draft\n---\n");
	ck_assert_int_eq(m->status, ISMS_DOC_DRAFT);
	isms_meta_free(m);
	m = meta("---\nstatus: superseded\n---\n");
	ck_assert_int_eq(m->status, ISMS_DOC_RETIRED);
	isms_meta_free(m);
	m = meta("---\nstatus: approved\n---\n");
	ck_assert_int_eq(m->status, ISMS_DOC_IN_FORCE);
	isms_meta_free(m);
	m = meta("---\nstatus: sort of\n---\n");
	ck_assert_int_eq(m->status, ISMS_DOC_IN_FORCE);
	ck_assert_str_eq(problem(m, 0),
	                 "'status' is 'sort of': use draft, approved or retired (the "
	                 "document is treated as in force)");
	isms_meta_free(m);
}
END_TEST

START_TEST(two_keys_for_one_field_are_a_problem)
{
	isms_meta *m = meta("---\nlast_reviewed: 2025-01-01\nlast_reviewed_on: 2024-01-01\n---\n");
	char buf[ISMS_DATE_BUFSIZE];

	ck_assert_uint_eq(m->problems->len, 1);
	ck_assert_int_eq(((isms_meta_problem *)g_ptr_array_index(m->problems, 0))->line, 3);
	ck_assert_str_eq(isms_date_format(m->last_reviewed, buf), "2025-01-01");
	isms_meta_free(m);
}
END_TEST

START_TEST(body_hash_ignores_front_matter)
{
	isms_meta *a = meta("---\nversion: 1\n---\nSame text\n");
	isms_meta *b = meta("---\nversion: 2\nowner: x\n---\nSame text\n");
	isms_meta *c = meta("---\nversion: 2\n---\nOther text\n");

	ck_assert_mem_eq(a->body_hash, b->body_hash, 16);
	ck_assert(memcmp(a->body_hash, c->body_hash, 16) != 0);
	isms_meta_free(a);
	isms_meta_free(b);
	isms_meta_free(c);
}
END_TEST

START_TEST(binary_large_and_bad_utf8_are_flagged)
{
	isms_meta *m = isms_meta_parse("---\n\0x", 6, 1024);
	ck_assert_uint_eq(m->flags, ISMS_META_BINARY);
	isms_meta_free(m);
	m = isms_meta_parse("---\nowner: Ann\n---\n", 19, 10);
	ck_assert_uint_eq(m->flags, ISMS_META_TOO_LARGE);
	ck_assert_int_eq(m->fm.status, ISMS_FM_ABSENT);
	isms_meta_free(m);
	m = meta("---\nowner: Ann\n---\nline 4\ncaf\xe9\n");
	ck_assert_uint_eq(m->flags, ISMS_META_BAD_UTF8);
	ck_assert_int_eq(m->bad_utf8_line, 5);
	ck_assert_str_eq(isms_meta_text(m, ISMS_F_OWNER), "Ann");
	isms_meta_free(m);
}
END_TEST

Suite *meta_suite(void)
{
	Suite *s = suite_create("meta");
	TCase *tc = tcase_create("document");

	tcase_add_test(tc, aliases_name_canonical_fields);
	tcase_add_test(tc, gov_uk_pages_are_read);
	tcase_add_test(tc, iso_datetimes_are_dates);
	tcase_add_test(tc, placeholders_are_invalid_values);
	tcase_add_test(tc, status_words_map_to_states);
	tcase_add_test(tc, two_keys_for_one_field_are_a_problem);
	tcase_add_test(tc, body_hash_ignores_front_matter);
	tcase_add_test(tc, binary_large_and_bad_utf8_are_flagged);
	suite_add_tcase(s, tc);
	return s;
}
