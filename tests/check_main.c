/* The one test runner: every suite, Check's summary line at the end. */
#include <stdlib.h>

#include "testutil.h"

int main(void)
{
	SRunner *sr = srunner_create(date_suite());
	int failed;

	srunner_add_suite(sr, frontmatter_suite());
	srunner_add_suite(sr, meta_suite());
	srunner_add_suite(sr, doc_control_suite());
	srunner_add_suite(sr, review_suite());
	srunner_add_suite(sr, config_suite());
	srunner_add_suite(sr, config_weaker_suite());
	srunner_add_suite(sr, finding_suite());
	srunner_add_suite(sr, text_suite());
	srunner_add_suite(sr, markdown_suite());
	srunner_add_suite(sr, register_suite());
	srunner_add_suite(sr, register_history_suite());
	srunner_add_suite(sr, history_suite());
	srunner_add_suite(sr, rules_suite());
	srunner_add_suite(sr, register_rules_suite());
	srunner_add_suite(sr, risk_suite());
	srunner_add_suite(sr, risk_rules_suite());
	srunner_add_suite(sr, report_suite());
	srunner_add_suite(sr, report_ci_suite());
	srunner_add_suite(sr, report_gh_suite());
	srunner_add_suite(sr, report_html_suite());
	srunner_add_suite(sr, report_safety_suite());
	srunner_add_suite(sr, soa_suite());
	srunner_add_suite(sr, system_rules_suite());
	srunner_add_suite(sr, cli_suite());
	srunner_add_suite(sr, init_suite());
	srunner_add_suite(sr, trend_suite());
	srunner_add_suite(sr, base_suite());
	srunner_add_suite(sr, approval_suite());
	srunner_add_suite(sr, install_suite());
	srunner_add_suite(sr, action_suite());
	srunner_add_suite(sr, gitlab_suite());
	srunner_add_suite(sr, hostile_suite());
	srunner_add_suite(sr, linediff_suite());
	srunner_add_suite(sr, scale_suite());
	srunner_add_suite(sr, fuzz_regress_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
