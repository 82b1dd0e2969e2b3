#include <string.h>

#include "rules/rules_internal.h"

/* The rule table. Adding a rule: one check function and one row. */
const isms_rule isms_rules[] = {
    {"ISMS-NO-DOCUMENTS", "7.5.1", ISMS_SEV_MAJOR, "no controlled documents in the audited paths",
     "The ISMS must include the documented information the standard requires and that the "
     "organisation decides it needs.",
     "Nothing under the audited paths is a Markdown document, so there is no documented "
     "information to audit. Check `paths` in the configuration and the PATH argument.",
     0, isms_check_no_documents},
    {"DOC-UNREADABLE", "7.5.3", ISMS_SEV_MINOR,
     "a document that cannot be read as text (symlink, binary, too large, invalid UTF-8)",
     "Documented information must be available and suitable for use where and when it is "
     "needed.",
     "A symbolic link is not followed (it could point outside the repository), a file with NUL "
     "bytes, over `max_file_size` or with a table over the table limits is not read, and "
     "invalid UTF-8 may be shown garbled. Store controlled documents as UTF-8 Markdown files.",
     0, isms_check_unreadable},
    {"DOC-NO-METADATA", "7.5.2", ISMS_SEV_MINOR,
     "a controlled document with no front matter, document-control table or key lines",
     "Documented information must carry identification and description: title, date, author "
     "or owner, reference.",
     "Add a YAML front matter block (between `---` lines at the top) with at least title, id, "
     "owner, version and last_reviewed, or a document-control table (Field | Value) or key "
     "lines such as `**Owner:** Jane | **Version:** 1.0` under the title.",
     ISMS_RULE_CITES_CHANGE, isms_check_no_metadata},
    {"DOC-BAD-METADATA", "7.5.2", ISMS_SEV_MINOR,
     "metadata that is not valid YAML, not a mapping, has an invalid value, or disagrees",
     "Documented information must carry identification and description that can be relied on.",
     "Invalid YAML (or YAML over the depth, node or alias limits), a placeholder such as `TBD` "
     "or `[Date to be set]`, an unparseable or ambiguous date or review cycle, two keys for the "
     "same field, or two sources (front matter, a document-control table, a key line, the "
     "version history) that give one field different values make the document's identity or "
     "review state unknowable. Fix the value on the reported line.",
     ISMS_RULE_CITES_CHANGE, isms_check_bad_metadata},
    {"DOC-MISSING-FIELD", "7.5.2", ISMS_SEV_MINOR,
     "a document in force lacks required fields (owner, version, review date)",
     "Documented information must be identified and reviewed and approved for suitability and "
     "adequacy.",
     "Documents in force (approved, or without status) need an owner, a version and a review "
     "date (last_reviewed or next_review); records need an owner and a date. The lists are set "
     "per document type by `required_fields`. One finding per document names every field it "
     "lacks (its item lists them, `review` for a review date); its fingerprint is the "
     "document's alone, so it stays the same finding while the fields are filled in.",
     0, isms_check_missing_field},
    {"DOC-DUPLICATE-ID", "7.5.2", ISMS_SEV_MINOR, "two documents share an id",
     "Documented information must be uniquely identified.",
     "The document added later reuses the id of an earlier one, so references and the "
     "document's history become ambiguous. Give it its own id.",
     ISMS_RULE_CITES_CHANGE, isms_check_duplicate_id},
    {"DOC-REVIEW-OVERDUE", "7.5.2", ISMS_SEV_MINOR, "the document's review is overdue",
     "Documented information must be reviewed for suitability and adequacy at planned "
     "intervals.",
     "The review due date (next_review, or last_reviewed plus the review cycle) is before the "
     "audit date. Review the document, then update last_reviewed in the same commit.",
     ISMS_RULE_DATE_BASED | ISMS_RULE_COUNTS_OVERDUE_DOCUMENT, isms_check_review_overdue},
    {"DOC-REVIEW-UNEVIDENCED", "7.5.2", ISMS_SEV_OBSERVATION,
     "the declared review date is not backed by the commit history",
     "Reviews must be evidenced; the record of a review should be made when it happens.",
     "The commit that set last_reviewed is dated more than `review_evidence_days` after the "
     "declared date (a review recorded late or backfilled) or more than as many days before "
     "it (a review claimed in advance), or the date is after the audit date. Record reviews "
     "when they take place.",
     ISMS_RULE_DATE_BASED | ISMS_RULE_CITES_CHANGE, isms_check_review_unevidenced},
    {"DOC-VERSION-NOT-BUMPED", "7.5.3", ISMS_SEV_MINOR,
     "the text changed after the version was set, but the version did not",
     "Changes to documented information must be controlled, including version control.",
     "A commit changed the text after the commit that set the current version, and the version "
     "stayed the same. Bump the version with every change of substance.",
     ISMS_RULE_CITES_CHANGE, isms_check_version_not_bumped},
    {"DOC-STALE-CONTENT", "10.1", ISMS_SEV_OBSERVATION,
     "the document's text has not changed for longer than stale_after_months",
     "The organisation must continually improve the suitability, adequacy and effectiveness of "
     "the ISMS.",
     "The text after the front matter has not changed in `stale_after_months` (24 by default), "
     "whatever the review dates say. A document that never changes is rarely kept current.",
     ISMS_RULE_DATE_BASED, isms_check_stale_content},
    {"ISMS-STATIC", "10.1", ISMS_SEV_MINOR,
     "more than half of the controlled documents have had no text change in 24 months",
     "The organisation must continually improve the suitability, adequacy and effectiveness of "
     "the ISMS.",
     "Auditors look at the dates across the documentation set: when most documents have not "
     "been touched for two years, the system looks static. The share is `static_ratio`.",
     ISMS_RULE_DATE_BASED, isms_check_static},
    {"ISMS-NOT-APPROVED", "7.5.2", ISMS_SEV_MINOR,
     "more than half of the controlled documents are drafts",
     "Documented information must be reviewed and approved for suitability and adequacy "
     "before it is relied on (7.5.2); top management must establish the information "
     "security policy (5.2), which a draft does not show.",
     "More than half of the controlled documents (not records, registers or retired "
     "documents) have a draft status (draft, in review, proposed, wip): the management system "
     "is still being written, and an auditor cannot rely on documents nobody approved. Drafts "
     "are not held to review dates and do not count for the mandatory clauses. Approve the "
     "documents in use (`status: approved`, the approval recorded in Git), or retire those "
     "that are not. The message says how many of how many are drafts.",
     0, isms_check_not_approved},
    {"DOC-CHANGE-UNAPPROVED", "7.5.2 b", ISMS_SEV_MINOR,
     "a change to a document in force reached the branch with no approval evidence",
     "Documented information must be reviewed and approved for suitability and adequacy when "
     "it is created and updated.",
     "A commit changed the text of a document in force (or put a draft in force) directly on "
     "the audited branch, with no approval trailer (`approval_trailers`: Approved-by, "
     "Reviewed-by, Acked-by). Changes since `approval_since` are judged; by default since the "
     "first commit that shows any "
     "approval evidence, so a repository that never showed any gets one finding saying so, "
     "an observation (the approvals may be recorded outside Git). Bring changes in through "
     "reviewed merge requests (merge commits), or record the approver in an `Approved-by:` "
     "trailer.",
     ISMS_RULE_CITES_CHANGE | ISMS_RULE_AWAITS_MERGE, isms_check_change_unapproved},
    {"DOC-SELF-APPROVED", "5.3", ISMS_SEV_MINOR,
     "a change whose only approver is one of its authors",
     "Conflicting duties and areas of responsibility must be segregated: the author of a "
     "document must not be its only approver.",
     "The change was merged by one of its authors (a merge of their own branch) or approved "
     "in a trailer by one of them (their own `Approved-by:`), with no one else approving it; "
     "a review recorded by changing only the review date counts too. Have someone other than "
     "the authors approve the change. People are matched by email, then by name; `people:` "
     "joins the identities of one person.",
     ISMS_RULE_CITES_CHANGE, isms_check_self_approved},
    {"DOC-APPROVER-MISMATCH", "7.5.2 b", ISMS_SEV_OBSERVATION,
     "the document's named approver approved none of the changes of its version",
     "Documented information must be approved by those with the authority to approve it.",
     "The document names an approver (`approver`, `approved_by`, or Approved By in a "
     "document-control table or a key line), but none of its changes "
     "from the one that set its current version on was approved by that person or role. A "
     "role (`approver: CEO`) is matched through the roles of `people:` in the configuration. "
     "Have the named approver approve the change, or correct the approver.",
     ISMS_RULE_CITES_CHANGE, isms_check_approver_mismatch},
    {"DOC-APPROVAL-UNKNOWN", "7.5.2 b", ISMS_SEV_OBSERVATION,
     "changes merged by a forge's squash or rebase (or a bot) with no approval trailer",
     "Approval of documented information must be retained as evidence.",
     "A forge (GitHub, GitLab) squashed or rebased the change onto the branch, or a bot merged "
     "it, and no approval trailer names an approver: the review may have happened in the "
     "forge, but Git does not show it. Keep merge commits (the merge records who merged), or "
     "require an `Approved-by:` trailer in the squash commit message.",
     ISMS_RULE_CITES_CHANGE | ISMS_RULE_AWAITS_MERGE, isms_check_approval_unknown},
    {"REG-NOT-FOUND", "10.2", ISMS_SEV_MAJOR, "no issues-and-actions register in the repository",
     "Nonconformities, the actions taken and their results must be retained as documented "
     "information.",
     "No document has `type: register` and no path under `registers` exists (or a listed path "
     "is missing). Without a register there is no evidence that nonconformities are dealt "
     "with; auditors treat this as a systemic breakdown.",
     0, isms_check_reg_not_found},
    {"REG-BAD-TABLE", "10.2", ISMS_SEV_MINOR,
     "a register without a register table, or a register table missing columns",
     "Evidence of the nature of nonconformities, the actions taken and their results must be "
     "retained.",
     "A register table is a Markdown table whose header has an ID column and a Status column, "
     "or a Closed column (without a Status column, an item is closed when its closed date is "
     "filled in). A table whose items can close (a Closed column or a closed item) also needs "
     "Root cause (unless all its items are improvement ids), Action, Owner, Due, Closed and "
     "Effectiveness; a table with open items needs Owner and Due. A missing column is one "
     "finding for the table, not one per item. Header words are set by `register_columns`.",
     0, isms_check_reg_bad_table},
    {"REG-STALE", "10.1", ISMS_SEV_MINOR,
     "the register has not changed for more than register_stale_months",
     "The organisation must continually improve the ISMS; a register nobody updates shows "
     "improvement has stalled.",
     "The last commit that changed the register file is older than `register_stale_months` (6 "
     "by default) before the audit date.",
     ISMS_RULE_DATE_BASED, isms_check_reg_stale},
    {"REG-NO-CLOSURES", "10.1", ISMS_SEV_MINOR,
     "items are open but nothing was closed in the last closure_window_months",
     "The organisation must continually improve the ISMS: actions must flow to closure.",
     "Judged from the register's history (the commits that recorded items closed), not from "
     "typed dates: if items are open and no commit recorded a closure within "
     "`closure_window_months` (6 by default), the flow of actions has stopped.",
     ISMS_RULE_DATE_BASED, isms_check_reg_no_closures},
    {"ACT-DUPLICATE-ID", "10.2", ISMS_SEV_MINOR, "two register items share an id",
     "Nonconformities and the actions taken must be kept as documented information that can be "
     "traced.",
     "The id is an item's identity through the register's history. A repeated id makes both "
     "items' status and history ambiguous. Give each item its own id.",
     0, isms_check_act_duplicate_id},
    {"ACT-BAD-VALUE", "10.2", ISMS_SEV_MINOR,
     "a register row with no ID, a bad date or status, or a status contradicting its dates",
     "Nonconformities and the actions taken must be kept as documented information that can be "
     "relied on.",
     "Dates are YYYY-MM-DD, or as typed (25/01/2026, 25.01.2026, 1 January 2026, Jan 1, "
     "2026); a date such as 03/04/2025, whose day and month could be swapped, needs "
     "`date_order` (dmy or mdy). Status words map to open (open, new, in progress, ...), closed "
     "(closed, done, resolved, verified, ...), accepted (accepted, risk accepted) or withdrawn "
     "(withdrawn, cancelled, duplicate, rejected); `status_words` changes the lists. A status "
     "that says open beside a filled-in closed date contradicts it. A row without an ID cannot "
     "be followed through the register's history.",
     0, isms_check_act_bad_value},
    {"ACT-NO-OWNER", "10.2 c", ISMS_SEV_MINOR, "an open register item with no owner",
     "Actions needed to deal with a nonconformity must be implemented: someone must own them.",
     "Fill the owner cell of every open item.", 0, isms_check_act_no_owner},
    {"ACT-NO-DUE-DATE", "10.2 c", ISMS_SEV_MINOR, "an open register item with no due date",
     "Actions needed to deal with a nonconformity must be implemented, which needs a plan.",
     "Fill the due date of every open item.", 0, isms_check_act_no_due_date},
    {"ACT-OVERDUE", "10.2 c", ISMS_SEV_MINOR, "an open register item past its due date",
     "Actions needed to deal with a nonconformity must be implemented.",
     "The item is still open after its due date. The message says by how many days and how "
     "many times the due date moved in the register's history (slippage).",
     ISMS_RULE_DATE_BASED | ISMS_RULE_COUNTS_OVERDUE_ACTION, isms_check_act_overdue},
    {"ACT-CLOSED-NO-ROOT-CAUSE", "10.2 b", ISMS_SEV_MINOR,
     "a closed nonconformity with no root cause recorded",
     "The need to remove the causes of a nonconformity must be evaluated, including finding "
     "its root cause.",
     "Fill the root cause of every closed nonconformity. Items whose id matches "
     "`improvement_ids` (OFI*, IMP* by default) are opportunities for improvement and need "
     "none.",
     0, isms_check_act_closed_no_root_cause},
    {"ACT-CLOSED-NO-ACTION", "10.2 c", ISMS_SEV_MINOR, "a closed item with no action recorded",
     "The actions needed must be implemented, and the nature of the actions taken retained.",
     "Fill the action cell of every closed item.", 0, isms_check_act_closed_no_action},
    {"ACT-CLOSED-NO-EFFECTIVENESS", "10.2 d", ISMS_SEV_MINOR,
     "a closed item with no effectiveness review",
     "The effectiveness of corrective action taken must be reviewed.",
     "Record how and when the action was checked to have worked (Effectiveness or "
     "Verification column). Closing without it is the most common 10.2 nonconformity.",
     0, isms_check_act_closed_no_effectiveness},
    {"ACT-CLOSED-NO-DATE", "10.2 g", ISMS_SEV_MINOR, "a closed item with no closed date",
     "The results of corrective action must be retained as documented information.",
     "Fill the closed date of every closed item.", 0, isms_check_act_closed_no_date},
    {"ACT-ACCEPTED-NO-APPROVAL", "10.2", ISMS_SEV_MINOR,
     "an item accepted without action and without a recorded approver",
     "A decision to take no action on a nonconformity or risk must be made by someone with "
     "the authority to make it, and retained.",
     "Record the approver: an Approver (or Approved by) column, or a phrase from "
     "`approval_phrases` followed by a name in the action cell, such as \"Approved by Sarah "
     "Lindqvist (CEO)\".",
     0, isms_check_act_accepted_no_approval},
    {"ACT-CLOSURE-BACKDATED", "10.2 g", ISMS_SEV_OBSERVATION,
     "the typed closed date disagrees with the commit that recorded the closure",
     "The results of corrective action must be retained as documented information that can "
     "be relied on.",
     "The closed date typed in the register is more than `closure_backdate_days` (30 by "
     "default) before the commit that recorded the item closed (a closure backfilled later), "
     "or after it (a closure claimed before it happened; one day of slack for time zones).",
     ISMS_RULE_DATE_BASED | ISMS_RULE_CITES_CHANGE, isms_check_act_closure_backdated},
    {"ACT-REMOVED", "10.2 f", ISMS_SEV_MINOR,
     "an item that once existed is absent from every register",
     "Evidence of the nature of nonconformities and the actions taken must be retained.",
     "Deleting a row is how nonconformities disappear. Close or withdraw items instead and "
     "keep them (archive old ones in a second table). The message says whether the item was "
     "open when deleted, with the commit and its author.",
     ISMS_RULE_CITES_CHANGE, isms_check_act_removed},
    {"ACT-REOPENED", "10.2 d", ISMS_SEV_OBSERVATION, "an item moved from closed back to open",
     "The effectiveness of corrective action taken must be reviewed.",
     "The register's history shows the item closed and later open again: the earlier "
     "corrective action did not work. Check the root cause and the effectiveness review.",
     ISMS_RULE_CITES_CHANGE, isms_check_act_reopened},
    {"ACT-REWRITTEN", "10.2 f", ISMS_SEV_MINOR,
     "a register item's raised date, or its description once closed, was changed",
     "Evidence of the nature of nonconformities and the actions taken must be retained.",
     "The register is the record of what was found and when. Changing an item's raised date, "
     "or rewriting the description of a closed item, rewrites that record: the history no "
     "longer shows what the organisation knew at the time. Raise a new item, or add to the "
     "existing one, instead of changing what was recorded.",
     ISMS_RULE_CITES_CHANGE, isms_check_act_rewritten},
    {"MANDATORY-DOC-MISSING", "7.5.1", ISMS_SEV_MAJOR,
     "no document in force for a clause that requires documented information",
     "The ISMS must include the documented information the standard requires: scope, policy, "
     "risk assessment and treatment processes, the SoA, objectives, evidence of competence, "
     "operational planning, risk assessment and treatment results, monitoring results, the "
     "internal audit programme and results, management review results, and nonconformities "
     "with their corrective actions.",
     "For each clause in `mandatory_clauses`, at least one document in force (approved or "
     "without status) must declare it in its `clauses` front matter; the register counts for "
     "10.2, management review records for 9.3, internal audit records for 9.2 and the SoA for "
     "6.1.3 d. The finding is filed under the missing clause and names any draft or retired "
     "document that declares it. Write or approve the document, or declare the clause on the "
     "document that already covers it (in its front matter, or by its path under `clauses:` "
     "in the configuration). When no document declares any clause, "
     "MANDATORY-CLAUSES-UNDECLARED replaces these findings.",
     0, isms_check_mandatory_missing},
    {"MANDATORY-CLAUSES-UNDECLARED", "7.5.1", ISMS_SEV_MINOR,
     "no document declares the clauses it serves, so mandatory coverage cannot be checked",
     "The ISMS must include the documented information the standard requires; which document "
     "holds which requirement must be traceable.",
     "No document has `clauses:` in its front matter and the configuration maps none to "
     "clauses, so the documented information of the mandatory clauses its documents' kinds do "
     "not cover (a register covers 10.2, management review records 9.3, internal audit records "
     "9.2, the SoA 6.1.3 d) cannot be found. The documents may well exist: this one finding "
     "replaces a major MANDATORY-DOC-MISSING for each of those clauses, and lists them. Declare "
     "each document's clauses in its front matter (`clauses: [\"5.2\"]`), or map paths to "
     "clauses under `clauses:` in the configuration without editing the documents. The "
     "coverage table still shows every clause.",
     0, isms_check_clauses_undeclared},
    {"SOA-INCOMPLETE", "6.1.3 d", ISMS_SEV_MINOR,
     "Annex A controls missing from the Statement of Applicability",
     "The Statement of Applicability must account for every Annex A control: whether it is "
     "applicable, why, and whether it is implemented.",
     "The SoA (`type: soa` or listed under `soa`) is read from its tables with a Control column "
     "and an Applicable or Justification column; the 93 controls of ISO/IEC 27001:2022 Annex A "
     "(5.1-5.37, 6.1-6.8, 7.1-7.14, 8.1-8.34) must all appear. The finding lists the missing "
     "ids. Add a row for each, including those that do not apply.",
     0, isms_check_soa_incomplete},
    {"SOA-NO-JUSTIFICATION", "6.1.3 d", ISMS_SEV_MINOR,
     "a control in the SoA without applicability or justification",
     "The Statement of Applicability must justify why each control is included or excluded.",
     "A control row with an empty or placeholder (`-`, `TBD`) applicability or justification "
     "cell, or a SoA table without one of those columns. Fill in the decision and its reason "
     "(the risk, requirement or contract behind it).",
     0, isms_check_soa_no_justification},
    {"SOA-UNKNOWN-CONTROL", "6.1.3 d", ISMS_SEV_OBSERVATION,
     "the SoA lists an id that is not an ISO/IEC 27001:2022 control",
     "The Statement of Applicability must be made against the controls of Annex A of the "
     "edition the ISMS is certified to.",
     "An id such as A.12.6.1 is 2013 numbering, a common leftover after the transition to "
     "the 2022 edition; other ids are simply not Annex A controls. Map each to its 2022 "
     "control.",
     0, isms_check_soa_unknown_control},
    {"SOA-STALE", "6.1.3 d", ISMS_SEV_OBSERVATION,
     "the SoA has not changed for longer than its review cycle while risk treatment did",
     "The Statement of Applicability must follow from the risk treatment: when treatment "
     "changes, the controls and their justifications are reviewed.",
     "No commit has touched the SoA for longer than its review cycle, yet a risk treatment "
     "document (in force, declaring 6.1.3 or 8.3) changed its text after the SoA's last "
     "change. Review the SoA against the new treatment and record the review.",
     ISMS_RULE_DATE_BASED, isms_check_soa_stale},
    {"RISK-REGISTER-MISSING", "6.1.2", ISMS_SEV_MAJOR, "no risk register in the repository",
     "The results of the information security risk assessment must be retained as "
     "documented information: the risks identified, their owners, their analysis and "
     "their levels.",
     "No document has `type: risk-register`, no path under `risk_registers` exists (or a "
     "listed path is missing), and no document holds a risk table (a Risk ID column with a "
     "likelihood, impact, score or treatment column). Without a risk register an auditor "
     "cannot sample a single risk: the first thing certification auditors look at after "
     "the policy.",
     0, isms_check_risk_register_missing},
    {"RISK-BAD-TABLE", "6.1.2", ISMS_SEV_MINOR,
     "a risk table without the columns its risks need, or a row it cannot read",
     "The risk assessment must identify the risks and their owners, analyse them and "
     "determine their levels, and the treatment must be chosen for each.",
     "A risk table needs a risk id, an Owner, a Score (or Likelihood and Impact) and a "
     "Treatment column; a declared risk register needs a risk table. Rows without a risk "
     "id, a repeated id, a date that cannot be read, a status that is no known status word "
     "and a likelihood or impact outside the scale (`risk_scale`) are reported too. Header "
     "words are set by `risk_columns`.",
     0, isms_check_risk_bad_table},
    {"RISK-NO-OWNER", "6.1.2 c", ISMS_SEV_MINOR, "a risk in force with no owner",
     "Each risk must have a risk owner: someone accountable and with the authority to "
     "manage it.",
     "Fill the owner cell of every risk that is not closed or retired.", 0,
     isms_check_risk_no_owner},
    {"RISK-NOT-ASSESSED", "6.1.2 d", ISMS_SEV_MINOR,
     "a risk with no score or likelihood and impact, or a score that does not follow from "
     "them",
     "Risks must be analysed: the likelihood and consequences assessed and the level of "
     "risk determined.",
     "A risk in force needs a score (a number or a level word: low, medium, high, critical) "
     "or both a likelihood and an impact. When likelihood and impact are numbers, the score "
     "must be their product, and a level word the level of that product on the "
     "`risk_scale` (on 5 points: 1-4 low, 5-9 medium, 10-16 high, 17-25 critical).",
     0, isms_check_risk_not_assessed},
    {"RISK-NO-TREATMENT", "6.1.3 a", ISMS_SEV_MINOR,
     "a risk at or above the treatment threshold with no treatment option or plan",
     "Appropriate risk treatment options must be selected, and the controls to implement "
     "them determined.",
     "A risk in force whose level (its score, or likelihood times impact) is at or above "
     "`risk_treatment_threshold` (high by default) needs a treatment option (treat, accept, "
     "avoid, transfer) and, unless it is accepted, a plan: the Plan or Controls cell, or "
     "what the Treatment cell says after the option (\"Reduce: MFA on every system\").",
     0, isms_check_risk_no_treatment},
    {"RISK-TREATMENT-OVERDUE", "8.3", ISMS_SEV_MINOR, "a risk in treatment past its due date",
     "The risk treatment plan must be implemented, and its results retained.",
     "A risk in force that is neither accepted nor recorded as treated is past its "
     "treatment due date. The message says by how many days and how many times the due "
     "date moved in the register's history; each move is in the evidence.",
     ISMS_RULE_DATE_BASED, isms_check_risk_treatment_overdue},
    {"RISK-REVIEW-OVERDUE", "8.2", ISMS_SEV_MINOR, "a risk not reviewed within risk_review_months",
     "Risk assessments must be performed at planned intervals and their results retained.",
     "By the risk's Next review date, else its Last reviewed date plus `risk_review_months` "
     "(12 by default), else, without a review date, the last commit that changed its row "
     "plus `risk_review_months`. Review the risk and record the date.",
     ISMS_RULE_DATE_BASED, isms_check_risk_review_overdue},
    {"RISK-ACCEPTED-NO-APPROVAL", "6.1.3 f", ISMS_SEV_MINOR,
     "an accepted risk with no recorded approver",
     "The risk owners must approve the treatment plan and accept the residual risks.",
     "A risk accepted (its status, or its treatment option) needs the name of who accepted "
     "it: an Accepted by (or Approver, Risk acceptance) column, or a phrase of "
     "`approval_phrases` followed by a name in its treatment or plan cell.",
     0, isms_check_risk_accepted_no_approval},
    {"RISK-ACCEPTANCE-EXPIRED", "6.1.3 f", ISMS_SEV_MINOR,
     "an accepted risk past its acceptance expiry",
     "The acceptance of residual risk must be made, and renewed, by the risk owner with the "
     "authority to do so.",
     "The risk's Accept until date has passed, or, without one, the commit that recorded "
     "its acceptance (or last renewed it: a change of its approver, expiry or review date "
     "while accepted) is older than `risk_acceptance_months` (12). Accept it again, with a "
     "new date, or treat it.",
     ISMS_RULE_DATE_BASED, isms_check_risk_acceptance_expired},
    {"RISK-REMOVED", "8.2", ISMS_SEV_MINOR,
     "a risk deleted from every risk register without being closed or retired first",
     "The results of the risk assessment must be retained as documented information.",
     "Deleting a row is how risks disappear. Close or retire a risk instead and keep it "
     "(or move it to an archive table or register). The message names the removing commit "
     "and its author.",
     ISMS_RULE_CITES_CHANGE, isms_check_risk_removed},
    {"RISK-SCORE-LOWERED-UNEVIDENCED", "8.2", ISMS_SEV_OBSERVATION,
     "a risk's score went down without a recorded reassessment",
     "Risk assessments must produce consistent, valid and comparable results, and their "
     "results must be retained.",
     "A commit lowered the risk's score, likelihood or impact (or its level word) but "
     "changed neither its status or treatment nor its review date: a quiet re-scoring. "
     "Record the reassessment (its date, and the treatment that lowered the risk) with the "
     "new score.",
     ISMS_RULE_CITES_CHANGE, isms_check_risk_score_lowered},
    {"RISK-REGISTER-STALE", "8.2", ISMS_SEV_MINOR,
     "the risk register has not changed for longer than risk_review_months",
     "Risk assessments must be performed at planned intervals or when significant changes "
     "occur.",
     "The last commit that changed the risk register is older than `risk_review_months` "
     "(12) before the audit date. A register of closed risks only (an archive) is exempt.",
     ISMS_RULE_DATE_BASED, isms_check_risk_register_stale},
    {"RISK-CONTROL-EXCLUDED", "6.1.3 c", ISMS_SEV_MINOR,
     "a risk's plan names a control the SoA marks not applicable",
     "The controls determined for risk treatment must be compared with Annex A, and the "
     "Statement of Applicability must include them.",
     "The risk's plan (or treatment) names an Annex A control (5.23, A.8.13) whose row in "
     "the Statement of Applicability says it does not apply (No, N/A, Excluded, Not "
     "applicable). Either the control is used and applies, or the plan is wrong.",
     0, isms_check_risk_control_excluded},
    {"MR-OVERDUE", "9.3", ISMS_SEV_MINOR,
     "no management review in the last 12 months (major: never one)",
     "Top management must review the ISMS at planned intervals; auditors expect at least one "
     "review a year.",
     "The latest in-force record of `type: management-review` must carry a `date` within "
     "`management_review_months` (12) of the audit date. With no record at all the finding is "
     "major: the review has never been evidenced.",
     0, isms_check_mr_overdue},
    {"MR-MISSING-INPUT", "9.3.2", ISMS_SEV_MINOR,
     "a management review record does not cover every required input",
     "A management review must consider: the status of actions from previous reviews, "
     "changes in external and internal issues, changes in the needs and expectations of "
     "interested parties, information security performance, feedback from interested "
     "parties, risk assessment results and the risk treatment plan, and opportunities for "
     "continual improvement.",
     "Each input a) to g) is found from the record's headings (a letter such as `a)` or a "
     "phrase such as \"status of actions\"; `review_inputs` adds phrases) or its `inputs` "
     "front matter list. Add the missing sections to the record, or to the next review's "
     "agenda if the meeting did not cover them.",
     0, isms_check_mr_missing_input},
    {"MR-ACTIONS-NOT-TRACKED", "9.3.3", ISMS_SEV_OBSERVATION,
     "an action named in a management review is in no register",
     "The results of a management review include decisions on improvement and changes; they "
     "must be followed up.",
     "Ids in the record (in a table with an ID column, or with the prefix of register item "
     "ids such as OFI-) must appear in a register at the audited commit or earlier. Enter the "
     "action in the register with an owner and a due date.",
     0, isms_check_mr_actions_not_tracked},
    {"IA-OVERDUE", "9.2", ISMS_SEV_MINOR,
     "no internal audit in the last 12 months (major: never one)",
     "Internal audits must be held at planned intervals; auditors expect the programme to "
     "cover the ISMS at least once a year.",
     "The latest in-force record of `type: internal-audit` must carry a `date` within "
     "`internal_audit_months` (12) of the audit date. With no record at all the finding is "
     "major.",
     0, isms_check_ia_overdue},
    {"IA-FINDING-NOT-TRACKED", "9.2", ISMS_SEV_MINOR, "an internal audit finding is in no register",
     "Internal audit results must be reported and acted on: nonconformities go to corrective "
     "action.",
     "Ids in the audit record (in a findings table with an ID or Ref column, or with the "
     "prefix of register item ids) must appear in a register at the audited commit or "
     "earlier. Enter the finding in the register.",
     0, isms_check_ia_finding_not_tracked},
    {"IA-NOT-INDEPENDENT", "9.2", ISMS_SEV_OBSERVATION,
     "the internal auditor wrote most of what was audited",
     "Auditors must be objective and impartial: they must not audit their own work.",
     "The record's `auditor` authored at least half of the commits that changed controlled "
     "documents in the `internal_audit_months` before the audit date (commit authors are "
     "matched by name or email). Have someone independent of the work audit it.",
     ISMS_RULE_DATE_BASED, isms_check_ia_not_independent},
    {"WAIVER-EXPIRED", "10.1", ISMS_SEV_MINOR, "a waiver in the configuration has expired",
     "Accepted risks must be reviewed; an acceptance is valid for the period management "
     "signed off.",
     "The waiver's `expires` date is before the audit date, so it no longer waives anything "
     "and its findings are reported again. Renew the waiver with a new approval, or resolve "
     "the findings.",
     ISMS_RULE_UNWAIVABLE, isms_check_waiver_expired},
    {"CONFIG-WEAKENED", "9.1", ISMS_SEV_MINOR,
     "the change weakens the audit's configuration (pull requests, --base)",
     "The organisation must determine what is monitored and measured, how and when, and "
     "keep the results: the checks of the ISMS change by decision, not as a side effect of "
     "the work they check.",
     "With --base the configuration committed at the base audits the change, so that a "
     "pull request cannot hide what it introduces; its own `.isms-audit.yml` is compared "
     "with that one instead. Each key it makes weaker is reported with the old and the new "
     "value: a rule switched off or given a lower severity, a waiver added or extended, a "
     "path excluded, `paths` narrowed, a limit or tolerance raised, a laxer `fail_on`, a "
     "required field, clause, register or SoA dropped, a longer review cycle, words that "
     "count for more; a file that cannot be read is reported too. Have the change reviewed "
     "by whoever owns the audit (the change takes effect once merged), or leave the "
     "configuration alone.",
     ISMS_RULE_ABOUT_CHANGE, isms_check_config_weakened},
    {"ISMS-BAD-COMMIT-DATE", "7.5.3", ISMS_SEV_MINOR,
     "a commit of the audited history is dated outside the years 1970 to 9999",
     "Documented information must be protected from loss of integrity, and changes to it "
     "controlled: the history that dates its changes must be reliable.",
     "The committer time of a commit on the first-parent history is before 1970 or after 9999, "
     "which no real commit has: the history was forged or damaged (git fast-import and other "
     "tools write any time they are given). The commit's date is unknown: no finding rests on "
     "it (a text last changed there is not called stale, a review recorded there is neither "
     "early nor late), and an audit as of a day never stops at it. Find out how the commit "
     "was made, and rewrite it with its real date.",
     ISMS_RULE_CITES_CHANGE, isms_check_bad_commit_date},
};

const size_t isms_rules_count = sizeof(isms_rules) / sizeof(isms_rules[0]);

void isms_rule_evidence(const isms_audit *a, isms_finding *f, guint32 commit, const char *note)
{
	char hex[GIT_OID_HEXSZ + 1];

	if (commit == ISMS_NO_COMMIT)
		return;
	isms_finding_evidence(f, isms_audit_commit_hex(a, commit, hex),
	                      isms_audit_commit(a, commit)->date, "%s", note);
}

const isms_rule *isms_rule_find(const char *id)
{
	for (size_t i = 0; i < isms_rules_count; i++)
		if (g_ascii_strcasecmp(isms_rules[i].id, id) == 0)
			return &isms_rules[i];
	return NULL;
}

char *isms_rule_suggestion(const char *id)
{
	const char *ids[128];
	size_t n = 0;
	const char *close;

	for (; n < isms_rules_count && n < G_N_ELEMENTS(ids); n++)
		ids[n] = isms_rules[n].id;
	close = isms_text_closest(id, ids, n);
	return close ? g_strdup_printf(": did you mean '%s'?", close) : g_strdup("");
}

/* The first waiver in force that accepts a finding, or NULL. */
static const isms_waiver *waiver_for(const isms_audit *a, const isms_finding *f)
{
	for (guint i = 0; i < a->config.waivers->len; i++) {
		const isms_waiver *w = g_ptr_array_index(a->config.waivers, i);
		if (strcmp(w->rule, f->rule->id) != 0 || w->expires < a->today)
			continue;
		if (w->path && !(f->path && isms_config_glob_matches(w->path, f->path)))
			continue;
		if (w->item && g_strcmp0(w->item, f->item) != 0)
			continue;
		return w;
	}
	return NULL;
}

static int excluded(const isms_rule_setting *s, const isms_finding *f)
{
	for (guint i = 0; s && f->path && i < s->exclude->len; i++)
		if (isms_config_glob_matches(g_ptr_array_index(s->exclude, i), f->path))
			return 1;
	return 0;
}

int isms_rules_run(const isms_audit *a, isms_findings *out)
{
	for (size_t i = 0; i < isms_rules_count; i++) {
		const isms_rule_setting *s = isms_config_rule(&a->config, isms_rules[i].id);
		guint before = out->items->len;
		int error;
		if (s && s->off)
			continue;
		if ((error = isms_rules[i].check(a, &isms_rules[i], out)) < 0)
			return error;
		for (guint k = before; k < out->items->len;) {
			isms_finding *f = g_ptr_array_index(out->items, k);
			if (excluded(s, f)) {
				g_ptr_array_remove_index(out->items, k);
				continue;
			}
			if (s && s->has_severity)
				f->severity = s->severity;
			if (a->shallow && (isms_rules[i].flags & ISMS_RULE_DATE_BASED))
				f->unproven = 1;
			if ((f->waiver = waiver_for(a, f)) != NULL) {
				g_ptr_array_add(out->waived,
				                g_ptr_array_steal_index(out->items, k));
				continue;
			}
			k++;
		}
	}
	isms_findings_sort(out);
	return 0;
}
