#include <string.h>

#include "isms/meta.h"
#include "testutil.h"

static isms_meta *meta(const char *text)
{
	return isms_meta_parse(text, strlen(text), 1024 * 1024, NULL);
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
	isms_meta *m = isms_meta_parse("---\n\0x", 6, 1024, NULL);
	ck_assert_uint_eq(m->flags, ISMS_META_BINARY);
	isms_meta_free(m);
	m = isms_meta_parse("---\nowner: Ann\n---\n", 19, 10, NULL);
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

/* Where field f was read, as "source:line key=text". Caller frees. */
static char *where(const isms_meta *m, int f)
{
	isms_meta_source src;
	const isms_fm_field *v = isms_meta_get(m, f, &src);

	return v ? g_strdup_printf("%s:%d %s=%s", isms_meta_source_name(src), v->line, v->key,
	                           v->text)
	         : g_strdup("-");
}

static void expect_where(const isms_meta *m, int f, const char *want)
{
	char *got = where(m, f);

	ck_assert_str_eq(got, want);
	g_free(got);
}

START_TEST(body_sources_feed_the_fields)
{
	isms_meta *m = meta("# Policy\n\n"
	                    "**📋 Document Owner:** CEO | **📄 Version:** 2.6 | **📅 Last Updated:** "
	                    "2026-01-25 (UTC)\n"
	                    "**🔄 Review Cycle:** Bi-annual | **⏰ Next Review:** 25/07/2026\n"
	                    "**Status:** ✅ Approved\n\n"
	                    "## Document Control\n\n| Field | Value |\n|---|---|\n"
	                    "| Classification | Internal |\n| Effective Date | Jan 1, 2026 |\n"
	                    "| Document ID | POL-001 |\n");
	char buf[ISMS_DATE_BUFSIZE];

	ck_assert_uint_eq(m->problems->len, 0);
	ck_assert(m->flags & ISMS_META_BODY_FIELDS);
	ck_assert(isms_meta_present(m));
	expect_where(m, ISMS_F_OWNER, "line:3 Document Owner=CEO");
	expect_where(m, ISMS_F_VERSION, "line:3 Version=2.6");
	expect_where(m, ISMS_F_LAST_REVIEWED, "line:3 Last Updated=2026-01-25 (UTC)");
	expect_where(m, ISMS_F_REVIEW_CYCLE, "line:4 Review Cycle=Bi-annual");
	expect_where(m, ISMS_F_NEXT_REVIEW, "line:4 Next Review=25/07/2026");
	expect_where(m, ISMS_F_CLASSIFICATION, "table:11 Classification=Internal");
	expect_where(m, ISMS_F_EFFECTIVE, "table:12 Effective Date=Jan 1, 2026");
	expect_where(m, ISMS_F_ID, "table:13 Document ID=POL-001");
	expect_where(m, ISMS_F_TITLE, "-");
	ck_assert_str_eq(isms_date_format(m->last_reviewed, buf), "2026-01-25");
	ck_assert_str_eq(isms_date_format(m->next_review, buf), "2026-07-25");
	ck_assert_str_eq(isms_date_format(m->effective, buf), "2026-01-01");
	ck_assert_int_eq(m->cycle.months, 6);
	ck_assert_int_eq(m->status, ISMS_DOC_IN_FORCE);
	isms_meta_free(m);
}
END_TEST

START_TEST(the_higher_source_wins_and_a_disagreement_names_both)
{
	isms_meta *m = meta("---\nowner: Ann\nnext_review: 2026-03-31\n---\n# P\n\n"
	                    "**Owner:** ann | **Version:** 1.1 | **Next Review:** 31 March 2026\n"
	                    "**Review Cycle:** 12 months\n\n"
	                    "## Document Control\n\n| Field | Value |\n|---|---|\n"
	                    "| Version | 1.2 |\n| Next Review Date | 2026-04-30 |\n"
	                    "| Review Frequency | Annual |\n| Status | Approved |\n"
	                    "| Document Status | Active |\n");

	expect_where(m, ISMS_F_OWNER, "front-matter:2 owner=Ann");
	expect_where(m, ISMS_F_VERSION, "table:14 Version=1.2");
	expect_where(m, ISMS_F_NEXT_REVIEW, "front-matter:3 next_review=2026-03-31");
	expect_where(m, ISMS_F_REVIEW_CYCLE, "table:16 Review Frequency=Annual");
	/* same owner in another case, the same day, the same cycle and state:
	 * no disagreement */
	ck_assert_uint_eq(m->problems->len, 2);
	ck_assert_str_eq(problem(m, 0),
	                 "'Version' on line 7 (key line) is '1.1', but 'Version' on "
	                 "line 14 (document-control table) is '1.2': line 14 is used");
	ck_assert_str_eq(problem(m, 1),
	                 "'Next Review Date' on line 15 (document-control table) is '2026-04-30', "
	                 "but 'next_review' on line 3 (front matter) is '2026-03-31': line 3 is "
	                 "used");
	ck_assert_int_eq(((isms_meta_problem *)g_ptr_array_index(m->problems, 1))->field,
	                 ISMS_F_NEXT_REVIEW);
	isms_meta_free(m);
}
END_TEST

START_TEST(weak_aliases_only_stand_in)
{
	isms_meta *m = meta("# P\n\n**Last Updated:** 2025-09-30 | **Review Date:** 2026-01-01\n"
	                    "**Last Review:** 2025-09-01\n");
	isms_meta *n = meta("---\nlast_updated: 2025-09-30\nupdated: 2025-09-29\n---\n");

	ck_assert_uint_eq(m->problems->len, 0);
	expect_where(m, ISMS_F_LAST_REVIEWED, "line:4 Last Review=2025-09-01");
	expect_where(m, ISMS_F_NEXT_REVIEW, "line:3 Review Date=2026-01-01");
	/* two stand-ins of one field in front matter repeat each other */
	ck_assert_uint_eq(n->problems->len, 1);
	ck_assert_str_eq(problem(n, 0), "'updated' repeats 'last_updated' (both name the "
	                                "last_reviewed field): the first is used");
	ck_assert(isms_field_alias_is_weak("last_updated"));
	ck_assert(!isms_field_alias_is_weak("last_review"));
	isms_meta_free(m);
	isms_meta_free(n);
}
END_TEST

START_TEST(keys_match_whatever_their_decoration)
{
	isms_meta *m = meta("---\nlast_reviewed_on: 2025-05-01\n---\n# P\n\n"
	                    "**📅 Last reviewed on:** 1 May 2025\n\n## Document Control\n\n"
	                    "| Field | Value |\n|---|---|\n| Last Reviewed On | 2025-05-02 |\n");

	ck_assert_int_eq(isms_field_lookup("Last Reviewed On"), ISMS_F_LAST_REVIEWED);
	ck_assert_int_eq(isms_field_lookup("**📅 Last reviewed on:**"), ISMS_F_LAST_REVIEWED);
	ck_assert_int_eq(isms_field_lookup("last-reviewed-on"), ISMS_F_LAST_REVIEWED);
	ck_assert_int_eq(isms_field_lookup("Document Owner"), ISMS_F_OWNER);
	ck_assert_int_eq(isms_field_lookup("effective_date"), ISMS_F_EFFECTIVE);
	ck_assert_int_eq(isms_field_lookup("Security Classification"), ISMS_F_CLASSIFICATION);
	ck_assert_int_eq(isms_field_lookup("reference"), -1);
	ck_assert_int_eq(isms_field_lookup("review"), -1);
	ck_assert_int_eq(isms_field_lookup("Reviewed by"), -1);
	ck_assert_uint_eq(m->problems->len, 1);
	ck_assert_str_eq(problem(m, 0), "'Last Reviewed On' on line 12 (document-control table) is "
	                                "'2025-05-02', but 'last_reviewed_on' on line 2 (front "
	                                "matter) is '2025-05-01': line 2 is used");
	isms_meta_free(m);
}
END_TEST

START_TEST(front_matter_in_other_words)
{
	isms_meta *m = meta("---\nDocument Owner: Ann\nlast_updated: 2025-01-01\n"
	                    "effective_date: 2025-02-01\nreview_date: 2026-01-01\n---\nText\n");
	char buf[ISMS_DATE_BUFSIZE];

	ck_assert_uint_eq(m->problems->len, 0);
	expect_where(m, ISMS_F_OWNER, "front-matter:2 Document Owner=Ann");
	ck_assert_str_eq(isms_date_format(m->last_reviewed, buf), "2025-01-01");
	ck_assert_str_eq(isms_date_format(m->effective, buf), "2025-02-01");
	ck_assert_str_eq(isms_date_format(m->next_review, buf), "2026-01-01");
	ck_assert(!(m->flags & ISMS_META_BODY_FIELDS));
	isms_meta_free(m);
}
END_TEST

START_TEST(body_placeholders_and_ambiguous_dates_are_invalid)
{
	isms_meta *m =
	    meta("# P\n\n| Owner | [Owner] |\n|---|---|\n| Version | TBC |\n"
	         "| Next Review Date | [Date to be set] |\n| Last Review | 03/04/2025 |\n"
	         "| Approved By | |\n| Classification | [TBD] |\n");

	ck_assert_uint_eq(m->problems->len, 6);
	ck_assert_str_eq(problem(m, 0), "'Owner' is the placeholder '[Owner]'");
	ck_assert_str_eq(problem(m, 1), "'Approved By' is empty");
	ck_assert_str_eq(problem(m, 2), "'Version' is the placeholder 'TBC'");
	ck_assert_str_eq(problem(m, 3), "'Classification' is the placeholder '[TBD]'");
	ck_assert_str_eq(problem(m, 4), "'Last Review' is '03/04/2025', which reads as two dates "
	                                "(day or month first): write YYYY-MM-DD or set date_order");
	ck_assert_str_eq(problem(m, 5),
	                 "'Next Review Date' is the placeholder '[Date to be set]', not a date");
	ck_assert(!m->has_last_reviewed && !m->has_next_review);
	ck_assert(isms_is_placeholder("[Date to be set]"));
	ck_assert(isms_is_placeholder("To be confirmed"));
	ck_assert(isms_is_placeholder("[Insert owner name]"));
	ck_assert(!isms_is_placeholder("Head of IT"));
	ck_assert(!isms_is_placeholder("[Jane Roe]"));
	isms_meta_free(m);
}
END_TEST

START_TEST(a_dialect_adds_aliases_and_custom_fields)
{
	static const char *const next[] = {"Due for review", NULL};
	static const char *const owner[] = {"Data Owner", NULL};
	static const char *const taken[] = {"version", NULL};
	isms_meta_dialect d;
	GPtrArray *aliases = g_ptr_array_new();
	const char *clash;
	isms_meta *m;
	int custom;

	isms_meta_dialect_init(&d);
	for (const char *const *a = next; *a; a++)
		g_ptr_array_add(aliases, (gpointer)*a);
	ck_assert_int_eq(isms_meta_dialect_add(&d, "Next Review", aliases, &clash),
	                 ISMS_F_NEXT_REVIEW);
	g_ptr_array_set_size(aliases, 0);
	g_ptr_array_add(aliases, (gpointer)owner[0]);
	custom = isms_meta_dialect_add(&d, "data_owner", aliases, &clash);
	ck_assert_int_eq(custom, ISMS_F_COUNT);
	ck_assert_int_eq(isms_meta_dialect_fields(&d), ISMS_F_COUNT + 1);
	ck_assert_str_eq(isms_meta_dialect_name(&d, custom), "data_owner");
	ck_assert_int_eq(isms_meta_dialect_lookup(&d, "**Data Owner:**"), custom);
	ck_assert_int_eq(isms_meta_dialect_lookup(&d, "data-owner"), custom);
	/* a canonical name belongs to its field, and `review` to none */
	g_ptr_array_set_size(aliases, 0);
	g_ptr_array_add(aliases, (gpointer)taken[0]);
	ck_assert_int_eq(isms_meta_dialect_add(&d, "owner", aliases, &clash), -1);
	ck_assert_str_eq(clash, "version");
	ck_assert_int_eq(isms_meta_dialect_add(&d, "review", NULL, &clash), -1);
	ck_assert_str_eq(clash, "review");

	{
		const char *text =
		    "# P\n\n**Due for review:** 2026-02-01 | **Data Owner:** [Owner]\n";
		m = isms_meta_parse(text, strlen(text), 1024, &d);
	}
	expect_where(m, ISMS_F_NEXT_REVIEW, "line:3 Due for review=2026-02-01");
	expect_where(m, custom, "line:3 Data Owner=[Owner]");
	ck_assert_uint_eq(m->problems->len, 1);
	ck_assert_str_eq(problem(m, 0), "'Data Owner' is the placeholder '[Owner]'");
	ck_assert_int_eq(((isms_meta_problem *)g_ptr_array_index(m->problems, 0))->field, custom);
	isms_meta_free(m);
	g_ptr_array_free(aliases, TRUE);
	isms_meta_dialect_dispose(&d);
}
END_TEST

START_TEST(the_body_hash_leaves_out_the_metadata_lines)
{
	isms_meta *a = meta("# P\n\n**Owner:** Ann | **Next Review:** 2026-01-01\n\nSame text\n\n"
	                    "## Document Control\n\n| Field | Value |\n|---|---|\n"
	                    "| Last Review | 2025-01-01 |\n");
	isms_meta *b = meta("# P\n\n**Owner:** Ann | **Next Review:** 2027-01-01\n\nSame text\n\n"
	                    "## Document Control\n\n| Field | Value |\n|---|---|\n"
	                    "| Last Review | 2026-01-01 |\n");
	isms_meta *c = meta("# P\n\n**Owner:** Ann | **Next Review:** 2027-01-01\n\nOther text\n\n"
	                    "## Document Control\n\n| Field | Value |\n|---|---|\n"
	                    "| Last Review | 2026-01-01 |\n");

	ck_assert_mem_eq(a->body_hash, b->body_hash, 16);
	ck_assert(memcmp(b->body_hash, c->body_hash, 16) != 0);
	/* let go of, a version still says it had metadata */
	isms_meta_slim(a);
	ck_assert_ptr_null(a->field[ISMS_F_OWNER]);
	ck_assert(isms_meta_present(a));
	isms_meta_free(a);
	isms_meta_free(b);
	isms_meta_free(c);
}
END_TEST

/* The README cannot read the alias table, so it is held to it: one row of
 * its "field | aliases | value" table per field, in order, with that
 * field's aliases, the ones standing in after "standing in:". */
START_TEST(the_aliases_documented_are_the_alias_table)
{
	char *path = g_build_filename(g_getenv("ISMS_SRCDIR") ? g_getenv("ISMS_SRCDIR") : ".",
	                              "README.md", NULL);
	char *text = NULL, *start, **rows;
	int f = 0;

	ck_assert(g_file_get_contents(path, &text, NULL, NULL));
	start = strstr(text, "| field | aliases | value |\n|---|---|---|\n");
	ck_assert_ptr_nonnull(start);
	rows = g_strsplit(strchr(strchr(start, '\n') + 1, '\n') + 1, "\n", -1);
	for (char **r = rows; g_str_has_prefix(*r, "| `"); r++, f++) {
		GString *want = g_string_new(NULL), *strong = g_string_new(NULL),
		        *weak = g_string_new(NULL);
		const char *const *a = isms_field_aliases((isms_field)f);
		ck_assert_int_lt(f, ISMS_F_COUNT);
		for (const char *const *b = a + 1; *b; b++) {
			GString *to = isms_field_alias_is_weak(*b) ? weak : strong;
			g_string_append_printf(to, "%s`%s`", to->len ? ", " : "", *b);
		}
		if (weak->len > 0)
			g_string_append_printf(strong, "; standing in: %s", weak->str);
		g_string_printf(want, "| `%s` | %s%s|", a[0], strong->str, strong->len ? " " : "");
		g_string_free(strong, TRUE);
		ck_assert_msg(g_str_has_prefix(*r, want->str), "README: '%s', not '%s...'", *r,
		              want->str);
		g_string_free(want, TRUE);
		g_string_free(weak, TRUE);
	}
	ck_assert_int_eq(f, ISMS_F_COUNT);
	g_strfreev(rows);
	g_free(text);
	g_free(path);
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
	tcase_add_test(tc, body_sources_feed_the_fields);
	tcase_add_test(tc, the_higher_source_wins_and_a_disagreement_names_both);
	tcase_add_test(tc, weak_aliases_only_stand_in);
	tcase_add_test(tc, keys_match_whatever_their_decoration);
	tcase_add_test(tc, front_matter_in_other_words);
	tcase_add_test(tc, body_placeholders_and_ambiguous_dates_are_invalid);
	tcase_add_test(tc, a_dialect_adds_aliases_and_custom_fields);
	tcase_add_test(tc, the_body_hash_leaves_out_the_metadata_lines);
	tcase_add_test(tc, the_aliases_documented_are_the_alias_table);
	suite_add_tcase(s, tc);
	return s;
}
