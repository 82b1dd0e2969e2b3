#ifndef ISMS_RULES_INTERNAL_H
#define ISMS_RULES_INTERNAL_H

/* Check functions of the rule table, one per rule. */

#include "isms/audit.h"
#include "isms/rules.h"
#include "isms/text.h"

/* Add a commit of the history (by index; ISMS_NO_COMMIT adds nothing) as
 * evidence, with a note. */
void isms_rule_evidence(const isms_audit *a, isms_finding *f, guint32 commit, const char *note);

int isms_check_no_documents(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_unreadable(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_no_metadata(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_bad_metadata(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_missing_field(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_duplicate_id(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_review_overdue(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_review_unevidenced(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_version_not_bumped(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_stale_content(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_static(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_not_approved(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_reg_not_found(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_reg_bad_table(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_reg_stale(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_reg_no_closures(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_act_duplicate_id(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_act_bad_value(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_act_no_owner(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_act_no_due_date(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_act_overdue(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_act_closed_no_root_cause(const isms_audit *a, const isms_rule *r,
                                        isms_findings *out);
int isms_check_act_closed_no_action(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_act_closed_no_effectiveness(const isms_audit *a, const isms_rule *r,
                                           isms_findings *out);
int isms_check_act_closed_no_date(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_act_accepted_no_approval(const isms_audit *a, const isms_rule *r,
                                        isms_findings *out);
int isms_check_act_closure_backdated(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_act_removed(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_act_reopened(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_act_rewritten(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_mandatory_missing(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_clauses_undeclared(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_soa_incomplete(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_soa_no_justification(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_soa_unknown_control(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_soa_stale(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_risk_register_missing(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_risk_bad_table(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_risk_no_owner(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_risk_not_assessed(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_risk_no_treatment(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_risk_treatment_overdue(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_risk_review_overdue(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_risk_accepted_no_approval(const isms_audit *a, const isms_rule *r,
                                         isms_findings *out);
int isms_check_risk_acceptance_expired(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_risk_removed(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_risk_score_lowered(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_risk_register_stale(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_risk_control_excluded(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_mr_overdue(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_ia_overdue(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_mr_missing_input(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_mr_actions_not_tracked(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_ia_finding_not_tracked(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_ia_not_independent(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_change_unapproved(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_self_approved(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_approver_mismatch(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_approval_unknown(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_waiver_expired(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_config_weakened(const isms_audit *a, const isms_rule *r, isms_findings *out);
int isms_check_bad_commit_date(const isms_audit *a, const isms_rule *r, isms_findings *out);

#endif
