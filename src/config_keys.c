#include "isms/config_keys.h"
#include "isms/text.h"

#include <glib.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "isms/meta.h"
#include "isms/error.h"
#include "isms/register.h"
#include "isms/rules.h"

#define S_STRINGS "{\"$ref\": \"#/$defs/strings\"}"

/*
 * The table. Adding a key: its field in isms_config and one row here; a
 * structured key (ISMS_CONFIG_CUSTOM) also its loader in src/config.c.
 * Each row decides which way its value weakens the audit: a structured
 * key usually by a comparison of its own in src/config_weaker.c.
 */
const isms_config_key isms_config_keys[] = {
    {"paths", ISMS_CONFIG_LIST, offsetof(isms_config, paths), 0, 0, NULL, ISMS_WEAKER_CUSTOM,
     isms_config_weaker_paths, "list of folders, files or globs", "[]", 1,
     "where the controlled documents are; empty means the whole repository",
     "The folders, files or glob patterns that hold the controlled documents: only the "
     "Markdown files below them (`*.md`, and the `*.md.erb` pages of the GOV.UK tech-docs "
     "template) are audited. An entry without glob characters is a folder or a file; `**` "
     "crosses folders; a single string is a list of one. Registers and the Statement of "
     "Applicability are read only from audited files, so they must lie under these paths "
     "too. The default, an empty list, audits the whole repository.",
     "[isms/]", S_STRINGS},
    {"exclude", ISMS_CONFIG_LIST, offsetof(isms_config, exclude), 0, 0, NULL, ISMS_WEAKER_ADDED,
     NULL, "list of folders or globs",
     "README.md, CHANGELOG.md, CONTRIBUTING.md, CODE_OF_CONDUCT.md, LICENSE*, .github/, "
     ".gitlab/, vendor/, vendored/, node_modules/, third_party/, bower_components/",
     0, "folders or globs never audited, besides the built-in exclusions",
     "Paths that are never audited, added to the built-in exclusions (the default), which "
     "stay in force. `folder/` matches everything below a folder, at any depth when it "
     "has no other slash (as `node_modules/`); a pattern without a slash matches the file "
     "name at any depth (`*-draft.md`); `**` crosses folders. Use it for archives and "
     "templates kept beside the controlled documents.",
     "[\"isms/archive/\", \"*-template.md\"]", S_STRINGS},
    {"max_file_size", ISMS_CONFIG_SIZE, offsetof(isms_config, max_file_size), 1,
     ISMS_MAX_FILE_SIZE_CEILING, NULL, ISMS_WEAKER_HIGHER, NULL,
     "whole number of bytes (1 to 16777216)", "1048576", 1,
     "files larger than this many bytes are not read (DOC-UNREADABLE)",
     "The size in bytes above which a Markdown file is not read at all: it is reported as "
     "DOC-UNREADABLE instead. This bounds the memory an audit needs when someone commits a "
     "large export or a generated file under the audited paths. It can be raised to 16 MiB "
     "(16777216) at most, a ceiling no configuration can lift.",
     "2097152", NULL},
    {"max_total_parse", ISMS_CONFIG_SIZE, offsetof(isms_config, max_total_parse), 1048576,
     ISMS_MAX_TOTAL_PARSE_CEILING, NULL, ISMS_WEAKER_HIGHER, NULL,
     "whole number of bytes (1048576 to 8589934592)", "4294967296", 1,
     "bytes one audit parses at most; later versions are not read",
     "The parse budget of one audit: the bytes of every document version it reads (each "
     "distinct content once) and of every register and risk register version the replays "
     "read, a version read in full by the Markdown parser counting 256 bytes per Markdown "
     "element (what the parser allocates for it). Once spent, further versions are not "
     "read and are reported as DOC-UNREADABLE, so that no history can make an audit run "
     "for hours. The versions at the audited commit are read first. The default is four "
     "times what a 100,000-commit history of 2,000 documents needs; 8 GiB (8589934592) at "
     "most.",
     "8589934592", NULL},
    {"stale_after_months", ISMS_CONFIG_INT, offsetof(isms_config, stale_after_months), 1, 1200,
     NULL, ISMS_WEAKER_HIGHER, NULL, "whole number of months (1 to 1200)", "24", 1,
     "months without a change to the text before it counts as stale",
     "A document in force whose text (after the front matter) has not changed for more than "
     "this many months is reported as DOC-STALE-CONTENT, whatever its review dates say: "
     "reviews that never change anything suggest the document is not used. The same age "
     "decides which documents count as stale for ISMS-STATIC.",
     "36", NULL},
    {"static_ratio", ISMS_CONFIG_RATIO, offsetof(isms_config, static_ratio), 0, 0, NULL,
     ISMS_WEAKER_HIGHER, NULL, "number above 0 and at most 1", "0.5", 1,
     "share of stale documents in force that raises ISMS-STATIC",
     "ISMS-STATIC is raised when more than this share of the documents in force have had no "
     "change to their text in `stale_after_months`: a management system that does not change "
     "is not being improved (clause 10.1).",
     "0.6", "{\"type\": \"number\", \"exclusiveMinimum\": 0, \"maximum\": 1}"},
    {"review_evidence_days", ISMS_CONFIG_INT, offsetof(isms_config, review_evidence_days), 0, 3650,
     NULL, ISMS_WEAKER_HIGHER, NULL, "whole number of days (0 to 3650)", "30", 1,
     "days between a review's date and its commit (DOC-REVIEW-UNEVIDENCED)",
     "How many days the commit that sets `last_reviewed` may come after the date it "
     "declares before the review counts as backfilled, or before it before the review "
     "counts as claimed in advance (DOC-REVIEW-UNEVIDENCED). A review dated after the audit "
     "date is reported whatever this tolerance.",
     "14", NULL},
    {"review_cycles", ISMS_CONFIG_CUSTOM, 0, 0, 0, isms_config_load_cycles, ISMS_WEAKER_CUSTOM,
     isms_config_weaker_cycles, "map of document type (or default) to review cycle",
     "{default: 12 months}", 1, "review cycle of each document type when a document gives none",
     "The review cycle used for documents that give no `review_cycle` (or alias such as "
     "`review_in`) of their own, by their `type`; `default` applies to every other type and "
     "to documents without a type. A cycle is written as documents write it: `6 months`, "
     "`1 year`, `annual`, `quarterly`, `90 days`, `P1Y`, or a bare number of months. Records "
     "are not held to review cycles.",
     "{default: 12 months, procedure: 6 months}",
     "{\"type\": \"object\", \"additionalProperties\": {\"type\": [\"string\", \"integer\"]}}"},
    {"fields", ISMS_CONFIG_CUSTOM, 0, 0, 0, isms_config_load_fields, ISMS_WEAKER_CUSTOM,
     isms_config_weaker_fields, "map of field name to list of aliases",
     "the built-in aliases of each field (see the README's What is audited section)", 0,
     "keys that name each field, and custom fields read by their keys",
     "Keys that name a field, added to its built-in aliases and read from every source of "
     "metadata: front matter, document-control tables and key lines. A name is a field "
     "(owner, approver, version, status, classification, effective, last_reviewed, "
     "next_review, review_cycle, id, title, type, date, clauses, controls) or one of its "
     "aliases; any other name defines a custom text field, read by its name and the keys "
     "given, which `required_fields` can require. Keys are matched ignoring case, bold, "
     "emoji, punctuation, `_` and `-`; a key given here is taken from the field whose "
     "built-in alias it was, and may name one field only.",
     "{last_reviewed: [Last Updated], next_review: [Next Review, Review Date], data_owner: "
     "[Data Owner]}",
     "{\"type\": \"object\", \"additionalProperties\": {\"anyOf\": [{\"type\": "
     "\"null\"}, " S_STRINGS "]}}"},
    {"required_fields", ISMS_CONFIG_CUSTOM, 0, 0, 0, isms_config_load_required, ISMS_WEAKER_CUSTOM,
     isms_config_weaker_required, "map of document type (or default) to list of fields",
     "{default: [owner, version, review], record: [owner, date], management-review: [owner, "
     "date], internal-audit: [owner, date], register: [owner]}",
     1, "fields each document type must have (DOC-MISSING-FIELD)",
     "The fields a document in force (or a record) of each type must have, from any source "
     "of metadata, reported as DOC-MISSING-FIELD when absent. Fields are canonical names, "
     "their aliases, or custom fields of `fields`; `review` means `last_reviewed` or "
     "`next_review`. A type listed here replaces its default list; `TYPE:` with no value "
     "requires nothing; `default` applies to types not listed.",
     "{default: [owner, version, review], policy: [owner, approver, version, review]}",
     "{\"type\": \"object\", \"additionalProperties\": {\"anyOf\": [{\"type\": \"null\"}, "
     "{\"$ref\": \"#/$defs/field\"}, {\"type\": \"array\", \"items\": {\"$ref\": "
     "\"#/$defs/field\"}}]}}"},
    {"record_types", ISMS_CONFIG_REPLACE, offsetof(isms_config, record_types), 0, 0, NULL,
     ISMS_WEAKER_ADDED, NULL, "list of document types",
     "[record, management-review, internal-audit, register]", 1,
     "document types that record what happened and need no review",
     "Documents of these types are records (evidence of what happened, clause 7.5.3): they "
     "need an owner and a date (see `required_fields`), and the review and staleness rules do "
     "not apply to them. The list replaces the default one.",
     "[record, management-review, internal-audit, register, minutes]", S_STRINGS},
    {"types", ISMS_CONFIG_CUSTOM, 0, 0, 0, isms_config_load_types, ISMS_WEAKER_CUSTOM,
     isms_config_weaker_types, "map of path or glob to document type", "{}", 1,
     "the type of the documents a path or glob matches, when they give none",
     "Gives a type to documents that do not state one, by path: `{\"docs/adr/**\": record}` "
     "makes dated decision records records (evidence of what was decided, not documents held "
     "to review cycles), and `management-review` or `register` makes them count as such. A "
     "document's own `type` wins; of several patterns matching a path, the first in the file "
     "applies. Patterns are read as in waivers: a path without glob characters names one "
     "file, `folder/` everything below it, `**` crosses folders.",
     "{\"docs/adr/**\": record, \"minutes/*.md\": management-review}",
     "{\"type\": \"object\", \"additionalProperties\": {\"type\": \"string\", "
     "\"minLength\": 1}}"},
    {"fail_on", ISMS_CONFIG_SEVERITY, offsetof(isms_config, fail_on), 0, 0, NULL,
     ISMS_WEAKER_HIGHER, NULL, "one of major, minor, observation, never", "minor", 1,
     "lowest severity that makes the audit exit with code 1",
     "The exit code is 1 when a finding of this severity or higher is reported, so that a CI "
     "check fails; `never` always exits 0 after a complete audit. The `--fail-on` option "
     "overrides it.",
     "major", "{\"enum\": [\"major\", \"minor\", \"observation\", \"never\"]}"},
    {"registers", ISMS_CONFIG_LIST, offsetof(isms_config, registers), 0, 0, NULL,
     ISMS_WEAKER_REMOVED, NULL, "list of paths or globs", "[]", 1,
     "issues-and-actions registers besides documents with `type: register`",
     "Markdown files to read as issues-and-actions registers (clause 10.2) in addition to the "
     "documents whose front matter says `type: register`. Each must be an audited file (under "
     "`paths`); a path that names no audited file is reported as REG-NOT-FOUND, a glob may "
     "match nothing.",
     "[isms/improvement/log.md]", S_STRINGS},
    {"register_columns", ISMS_CONFIG_CUSTOM, 0, 0, 0, isms_config_load_columns, ISMS_WEAKER_CUSTOM,
     isms_config_weaker_columns, "map of register column to list of header words",
     "the built-in header words of each column (see the README's Registers section)", 0,
     "header words of register columns, replacing the built-in ones",
     "The header words that identify each column of a register table, for the columns "
     "listed; the others keep their built-in words. Columns are id, raised, source, "
     "description, root_cause, action, owner, due, status, closed, effectiveness and "
     "approver. Words are matched ignoring case, bold, emoji and punctuation; a word given to "
     "one column is taken from every other column.",
     "{owner: [Owner, Action lead], due: [Due, Deadline]}",
     "{\"type\": \"object\", \"propertyNames\": {\"$ref\": \"#/$defs/column\"}, "
     "\"additionalProperties\": " S_STRINGS "}"},
    {"status_words", ISMS_CONFIG_CUSTOM, 0, 0, 0, isms_config_load_status, ISMS_WEAKER_CUSTOM,
     isms_config_weaker_status, "map of item state to list of status words",
     "the built-in status words of each state (see the README's Registers section)", 0,
     "status words of register item states, replacing the built-in ones",
     "The words of a register's Status column that mean each state of an item: open, closed, "
     "accepted (a decision to take no action) and withdrawn. A state listed gets exactly the "
     "words given; the others keep their built-in words. A word may belong to one state "
     "only; an unknown word in a register is reported as ACT-BAD-VALUE.",
     "{open: [Open, In progress, Blocked]}",
     "{\"type\": \"object\", \"propertyNames\": {\"enum\": [\"open\", \"closed\", "
     "\"accepted\", \"withdrawn\"]}, \"additionalProperties\": " S_STRINGS "}"},
    {"approval_phrases", ISMS_CONFIG_PHRASES, offsetof(isms_config, dialect.approval), 0, 0, NULL,
     ISMS_WEAKER_ADDED, NULL, "list of phrases", "[approved by]", 1,
     "phrases in an action cell that record who approved an accepted item",
     "An accepted item (a decision to take no action) needs an approver: an Approver column, "
     "or one of these phrases followed by a name in its action cell, as in `Risk accepted, "
     "approved by Sarah Lindqvist`. Matched ignoring case and punctuation. The list replaces "
     "the default one (ACT-ACCEPTED-NO-APPROVAL).",
     "[\"approved by\", \"signed off by\"]", S_STRINGS},
    {"date_order", ISMS_CONFIG_CUSTOM, 0, 0, 0, isms_config_load_date_order, ISMS_WEAKER_CUSTOM,
     isms_config_weaker_date_order, "one of dmy, mdy, none", "none", 1,
     "whether register dates such as 03/04/2025 are day or month first",
     "Register dates are best written YYYY-MM-DD, but dates typed day first (25/01/2026, "
     "25.01.2026, 25-01-2026) or with an English month name (1 January 2026, Jan 1, 2026) "
     "are read too. A numeric date whose day and month could be swapped and whose two "
     "readings differ (03/04/2025) is read day first with `dmy` and month first with `mdy`; "
     "with `none`, the default, it is reported as ACT-BAD-VALUE (RISK-BAD-TABLE in a risk "
     "register). A date that only one reading makes valid (25/01/2026), or whose readings "
     "agree (05/05/2026), needs no order.",
     "dmy", "{\"enum\": [\"dmy\", \"mdy\", \"none\"]}"},
    {"improvement_ids", ISMS_CONFIG_REPLACE, offsetof(isms_config, dialect.improvement_ids), 0, 0,
     NULL, ISMS_WEAKER_ADDED, NULL, "list of id globs", "[\"OFI*\", \"IMP*\"]", 1,
     "register item ids that are improvements and need no root cause",
     "Register items whose id matches one of these globs are opportunities for improvement "
     "rather than nonconformities: closing them needs no root cause "
     "(ACT-CLOSED-NO-ROOT-CAUSE). The list replaces the default one.",
     "[\"OFI-*\", \"IMP-*\", \"SUG-*\"]", S_STRINGS},
    {"register_stale_months", ISMS_CONFIG_INT, offsetof(isms_config, register_stale_months), 1,
     1200, NULL, ISMS_WEAKER_HIGHER, NULL, "whole number of months (1 to 1200)", "6", 1,
     "months without a change before a register counts as stale (REG-STALE)",
     "A register whose file has not changed for more than this many months is reported as "
     "REG-STALE: nonconformities and improvements arise all the time, so a register nobody "
     "touches is not being used. With several registers, one without open items (an "
     "archive) is exempt.",
     "3", NULL},
    {"closure_window_months", ISMS_CONFIG_INT, offsetof(isms_config, closure_window_months), 1,
     1200, NULL, ISMS_WEAKER_HIGHER, NULL, "whole number of months (1 to 1200)", "6", 1,
     "months with open items and no recorded closure (REG-NO-CLOSURES)",
     "REG-NO-CLOSURES is raised when a register has open items but no commit recorded an "
     "item closed in this many months before the audit date, judged from the register's "
     "history rather than the typed dates.",
     "12", NULL},
    {"closure_backdate_days", ISMS_CONFIG_INT, offsetof(isms_config, closure_backdate_days), 0,
     3650, NULL, ISMS_WEAKER_HIGHER, NULL, "whole number of days (0 to 3650)", "30", 1,
     "days a closure may be committed after its date (ACT-CLOSURE-BACKDATED)",
     "How many days the commit that records an item closed may come after the closed date "
     "typed in the register before the closure counts as backdated "
     "(ACT-CLOSURE-BACKDATED). A closed date more than a day after that commit is reported "
     "whatever this tolerance.",
     "14", NULL},
    {"mandatory_clauses", ISMS_CONFIG_CUSTOM, offsetof(isms_config, mandatory), 0, 0,
     isms_config_load_mandatory, ISMS_WEAKER_REMOVED, NULL, "list of clauses",
     "[\"4.3\", \"5.2\", \"6.1.2\", \"6.1.3\", \"6.1.3 d\", \"6.2\", \"7.2\", \"8.1\", "
     "\"8.2\", \"8.3\", \"9.1\", \"9.2\", \"9.3\", \"10.2\"]",
     1, "clauses whose documented information must exist (MANDATORY-DOC-MISSING)",
     "The ISO/IEC 27001 clauses whose documented information the standard requires: each "
     "must be declared by at least one document in its `clauses:` front matter, or "
     "MANDATORY-DOC-MISSING is reported. The list replaces the default one; quote the "
     "clauses so that YAML keeps them as text.",
     "[\"4.3\", \"5.2\", \"6.1.3 d\"]", S_STRINGS},
    {"clauses", ISMS_CONFIG_CUSTOM, 0, 0, 0, isms_config_load_clause_map, ISMS_WEAKER_CUSTOM,
     isms_config_weaker_clauses, "map of path or glob to list of clauses", "{}", 1,
     "clauses declared for the documents a path or glob matches",
     "Declares the clauses documents serve from the configuration, for repositories whose "
     "documents have no `clauses:` front matter: a document a pattern matches counts as "
     "declaring its clauses (MANDATORY-DOC-MISSING, the coverage table), in addition to those "
     "of its own front matter. Clauses are spelt as in front matter (`6.1.3(d)`, `Clause "
     "8.2`); quote them so that YAML keeps them as text. Every pattern matching a path adds "
     "its clauses; patterns are read as in `types`.",
     "{\"Information_Security_Policy.md\": [\"5.2\"], \"policies/risk-*.md\": "
     "[\"6.1.2\", \"8.2\"]}",
     "{\"type\": \"object\", \"additionalProperties\": " S_STRINGS "}"},
    {"soa", ISMS_CONFIG_LIST, offsetof(isms_config, soa), 0, 0, NULL, ISMS_WEAKER_REMOVED, NULL,
     "list of paths or globs", "[]", 1,
     "Statement of Applicability documents besides those with `type: soa`",
     "Markdown files to read as the Statement of Applicability (clause 6.1.3 d) in addition "
     "to the documents whose front matter says `type: soa`. Like registers, they must be "
     "audited files (under `paths`).",
     "[isms/soa.md]", S_STRINGS},
    {"management_review_months", ISMS_CONFIG_INT, offsetof(isms_config, review_months), 1, 1200,
     NULL, ISMS_WEAKER_HIGHER, NULL, "whole number of months", "12", 1,
     "months within which a management review must be recorded (MR-OVERDUE)",
     "The newest management review record (`type: management-review`, dated by its `date` "
     "field) must be dated within this many months before the audit date, or MR-OVERDUE is "
     "reported: clause 9.3 asks top management to review the ISMS at planned intervals.",
     "6", NULL},
    {"internal_audit_months", ISMS_CONFIG_INT, offsetof(isms_config, audit_months), 1, 1200, NULL,
     ISMS_WEAKER_HIGHER, NULL, "whole number of months", "12", 1,
     "months within which an internal audit must be recorded (IA-OVERDUE)",
     "The newest internal audit record (`type: internal-audit`, dated by its `date` field) "
     "must be dated within this many months before the audit date, or IA-OVERDUE is "
     "reported: clause 9.2 asks for internal audits at planned intervals.",
     "6", NULL},
    {"risk_registers", ISMS_CONFIG_LIST, offsetof(isms_config, risk_registers), 0, 0, NULL,
     ISMS_WEAKER_REMOVED, NULL, "list of paths or globs", "[]", 1,
     "risk registers besides documents with `type: risk-register`",
     "Markdown files to read as risk registers (clauses 6.1.2 and 8.2) in addition to the "
     "documents whose front matter says `type: risk-register`; any other document whose "
     "table has a risk id column (Risk ID, Risk Ref, Risk No) and a likelihood, impact, "
     "score or treatment column is read as one too. In a register listed here, ID, Ref and "
     "No name the id column as well. Each must be an audited file (under `paths`); a path "
     "that names no audited file is reported as RISK-REGISTER-MISSING, a glob may match "
     "nothing.",
     "[isms/risk/risk-register.md]", S_STRINGS},
    {"risk_columns", ISMS_CONFIG_CUSTOM, 0, 0, 0, isms_config_load_risk_columns, ISMS_WEAKER_CUSTOM,
     isms_config_weaker_risk_columns, "map of risk column to list of header words",
     "the built-in header words of each column (see the README's Risk registers section)", 0,
     "header words of risk table columns, replacing the built-in ones",
     "The header words that identify each column of a risk table, for the columns listed; "
     "the others keep their built-in words. Columns are id, title, owner, likelihood, "
     "impact, score, treatment, plan, due, status, last_reviewed, next_review, residual, "
     "approver and accept_until. Words are matched ignoring case, bold, emoji and "
     "punctuation; a word given to one column is taken from every other column.",
     "{owner: [Owner, Risk lead], score: [Score, RAG]}",
     "{\"type\": \"object\", \"propertyNames\": {\"enum\": [\"id\", \"title\", \"owner\", "
     "\"likelihood\", \"impact\", \"score\", \"treatment\", \"plan\", \"due\", \"status\", "
     "\"last_reviewed\", \"next_review\", \"residual\", \"approver\", \"accept_until\"]}, "
     "\"additionalProperties\": " S_STRINGS "}"},
    {"risk_scale", ISMS_CONFIG_INT, offsetof(isms_config, risk.scale), 3, ISMS_RISK_SCALE_MAX, NULL,
     ISMS_WEAKER_HIGHER, NULL, "whole number of points (3 to 10)", "5", 1,
     "points of the likelihood and impact scales of the risk registers",
     "Likelihood and impact are scored from 1 to this number, and a score is likelihood "
     "times impact. A numeric score's level is its share of the largest score: up to 16% "
     "low, up to 36% medium, up to 64% high, above that critical (on the 5-point scale: 1-4 "
     "low, 5-9 medium, 10-16 high, 17-25 critical). RISK-NOT-ASSESSED compares a score "
     "with likelihood times impact, and level words with the level of that product.",
     "4", NULL},
    {"risk_treatment_threshold", ISMS_CONFIG_CUSTOM, 0, 0, 0, isms_config_load_risk_threshold,
     ISMS_WEAKER_CUSTOM, isms_config_weaker_risk_threshold, "one of low, medium, high, critical",
     "high", 1, "lowest risk level that needs a treatment and a plan (RISK-NO-TREATMENT)",
     "A risk in force at or above this level, by its score (a number on the `risk_scale`, or "
     "a level word) or else likelihood times impact, needs a treatment option and, unless it "
     "is accepted, a treatment plan: otherwise RISK-NO-TREATMENT is reported (clause 6.1.3 "
     "a). Level words are low, medium, high and critical (very high and extreme are "
     "critical).",
     "medium", "{\"enum\": [\"low\", \"medium\", \"high\", \"critical\"]}"},
    {"risk_review_months", ISMS_CONFIG_INT, offsetof(isms_config, risk_review_months), 1, 1200,
     NULL, ISMS_WEAKER_HIGHER, NULL, "whole number of months (1 to 1200)", "12", 1,
     "months within which each risk must be reviewed (RISK-REVIEW-OVERDUE)",
     "A risk in force must be reviewed within this many months (RISK-REVIEW-OVERDUE): by its "
     "next review date, else its last reviewed date plus this many months, else the last "
     "commit that changed its row. A risk register with no change for longer is reported "
     "as RISK-REGISTER-STALE (clause 8.2: risk assessments at planned intervals).",
     "6", NULL},
    {"risk_acceptance_months", ISMS_CONFIG_INT, offsetof(isms_config, risk_acceptance_months), 1,
     1200, NULL, ISMS_WEAKER_HIGHER, NULL, "whole number of months (1 to 1200)", "12", 1,
     "months an acceptance with no expiry date holds (RISK-ACCEPTANCE-EXPIRED)",
     "An accepted risk without an acceptance expiry (Accept until) must be accepted again "
     "within this many months of the commit that recorded its acceptance, or of its last "
     "renewal (a commit that changed its approver, expiry or review date while it was "
     "accepted); otherwise RISK-ACCEPTANCE-EXPIRED is reported. A typed expiry in the "
     "past is reported whatever this period.",
     "24", NULL},
    {"review_inputs", ISMS_CONFIG_CUSTOM, 0, 0, 0, isms_config_load_inputs, ISMS_WEAKER_CUSTOM,
     isms_config_weaker_inputs, "map of input letter (a to g) to list of heading phrases",
     "the built-in heading phrases of each input", 0,
     "extra heading phrases that show a management review covers each input",
     "Clause 9.3.2 lists the inputs a management review must consider, a) to g): status of "
     "actions from previous reviews, changes in issues, changes in interested parties' needs, "
     "performance, interested parties' feedback, risk assessment results, opportunities for "
     "improvement. A management review record shows it covered an input by a heading "
     "holding one of its phrases; the phrases given here are added to the built-in ones. An "
     "input none of whose phrases appears is reported as MR-MISSING-INPUT.",
     "{d: [\"KPI review\"], g: [\"Improvement ideas\"]}",
     "{\"type\": \"object\", \"propertyNames\": {\"enum\": [\"a\", \"b\", \"c\", \"d\", \"e\", "
     "\"f\", \"g\"]}, \"additionalProperties\": " S_STRINGS "}"},
    {"people", ISMS_CONFIG_CUSTOM, 0, 0, 0, isms_config_load_people, ISMS_WEAKER_CUSTOM,
     isms_config_weaker_people, "list of people {name, emails, aliases, roles}", "[]", 1,
     "identities joined into persons, and the roles they hold (approvals)",
     "Commit authors, mergers and trailer names are matched to persons by email, then by "
     "name, ignoring case. A person listed here also owns the other emails and names "
     "(`aliases`) given, so that a work and a home address or a login name count as one "
     "person when the approval rules tell an author from an approver; `roles` are the words "
     "a document's `approver` may use instead of the name (`approver: CEO`), for "
     "DOC-APPROVER-MISMATCH.",
     "[{name: Sarah Lindqvist, emails: [sarah@example.com], aliases: [slindqvist], roles: "
     "[CEO]}]",
     "{\"type\": \"array\", \"items\": {\"type\": \"object\", \"additionalProperties\": false, "
     "\"required\": [\"name\"], \"properties\": {\"name\": {\"type\": \"string\", "
     "\"minLength\": 1}, \"emails\": " S_STRINGS ", \"email\": " S_STRINGS
     ", \"aliases\": " S_STRINGS ", \"roles\": " S_STRINGS "}}}"},
    {"approval_trailers", ISMS_CONFIG_REPLACE, offsetof(isms_config, approval_trailers), 0, 0, NULL,
     ISMS_WEAKER_CUSTOM, isms_config_weaker_trailers, "list of trailer keys",
     "[Approved-by, Reviewed-by, Acked-by]", 1,
     "commit message trailers that record who approved a change",
     "The trailers of a commit or merge message (`Approved-by: Name <email>`, in its last "
     "paragraph) that name an approver of the change, matched ignoring case. "
     "`Signed-off-by` certifies where a change came from, not that anyone approved it: it "
     "counts only when listed here. The list replaces the default one.",
     "[Approved-by, Reviewed-by]", S_STRINGS},
    {"approval_since", ISMS_CONFIG_CUSTOM, 0, 0, 0, isms_config_load_approval_since,
     ISMS_WEAKER_CUSTOM, isms_config_weaker_approval_since, "date (YYYY-MM-DD)",
     "the first commit that shows approval evidence", 0,
     "changes from this day on must show approval evidence",
     "Changes to documents in force that reached the branch on or after this day are "
     "held to approval (DOC-CHANGE-UNAPPROVED, DOC-SELF-APPROVED, DOC-APPROVAL-UNKNOWN). "
     "By default the judging starts at the first commit that shows any approval evidence "
     "(a merge commit, an approval trailer, a forge's merge), when reviews began; a "
     "repository that never showed any gets one finding saying so.",
     "2025-01-01", "{\"type\": \"string\", \"pattern\": \"^[0-9]{4}-[0-9]{2}-[0-9]{2}$\"}"},
    {"rules", ISMS_CONFIG_CUSTOM, 0, 0, 0, isms_config_load_rules, ISMS_WEAKER_CUSTOM,
     isms_config_weaker_rules, "map of rule id to severity, or to {severity, exclude}", "{}", 1,
     "per rule: a severity, off, or paths whose findings are not reported",
     "Adjusts rules to the organisation: a rule id mapped to `major`, `minor` or "
     "`observation` is reported at that severity, `off` switches the rule off; the mapping "
     "form `{severity: ..., exclude: [globs]}` also lists paths whose findings of that rule "
     "are not reported. `isms-audit rules` lists the ids. A switched-off rule is a decision "
     "an auditor may ask about: prefer a waiver for a single accepted finding.",
     "{DOC-STALE-CONTENT: off, ACT-OVERDUE: {severity: major}}",
     "{\"type\": \"object\", \"propertyNames\": {\"$ref\": \"#/$defs/rule_id\"}, "
     "\"additionalProperties\": {\"anyOf\": [{\"$ref\": \"#/$defs/rule_severity\"}, "
     "{\"type\": \"object\", \"additionalProperties\": false, \"properties\": {\"severity\": "
     "{\"$ref\": \"#/$defs/rule_severity\"}, \"exclude\": " S_STRINGS "}}]}}"},
    {"waivers", ISMS_CONFIG_CUSTOM, 0, 0, 0, isms_config_load_waivers, ISMS_WEAKER_CUSTOM,
     isms_config_weaker_waivers,
     "list of waivers {rule, path or item, reason, approved_by, expires}", "[]", 1,
     "accepted findings signed off by management, each until an expiry date",
     "Accepted risk signed off by management: each waiver names a `rule` and the findings it "
     "covers by `path` (a glob) or `item` (a field or register item id; give at least one of "
     "the two), with the `reason`, who approved it (`approved_by`) and when it ends "
     "(`expires`, YYYY-MM-DD). A waived finding is reported in its own section and does not "
     "count against `fail_on`; once expired, the waiver stops waiving and is reported as "
     "WAIVER-EXPIRED.",
     "[{rule: ACT-OVERDUE, item: OFI-2026-001, reason: \"supplier fix scheduled for Q1\", "
     "approved_by: \"Sarah Lindqvist (CEO)\", expires: 2027-03-31}]",
     "{\"type\": \"array\", \"items\": {\"type\": \"object\", \"additionalProperties\": false, "
     "\"required\": [\"rule\", \"reason\", \"approved_by\", \"expires\"], "
     "\"anyOf\": [{\"required\": [\"path\"]}, {\"required\": [\"item\"]}], "
     "\"properties\": {\"rule\": {\"$ref\": \"#/$defs/rule_id\"}, \"path\": {\"type\": "
     "\"string\"}, \"item\": {\"type\": \"string\"}, \"reason\": {\"type\": \"string\", "
     "\"minLength\": 1}, \"approved_by\": {\"type\": \"string\", \"minLength\": 1}, "
     "\"expires\": {\"type\": \"string\", \"pattern\": "
     "\"^[0-9]{4}-[0-9]{2}-[0-9]{2}$\"}}}}"},
};

const size_t isms_config_keys_count = sizeof(isms_config_keys) / sizeof(isms_config_keys[0]);

const char *const isms_mandatory_clauses[] = {"4.3", "5.2", "6.1.2", "6.1.3", "6.1.3 d",
                                              "6.2", "7.2", "8.1",   "8.2",   "8.3",
                                              "9.1", "9.2", "9.3",   "10.2",  NULL};

const isms_config_key *isms_config_key_find(const char *key)
{
	for (size_t i = 0; i < isms_config_keys_count; i++)
		if (strcmp(isms_config_keys[i].key, key) == 0)
			return &isms_config_keys[i];
	return NULL;
}

/* ---- the JSON Schema ---------------------------------------------------- */

/* A plain YAML scalar as JSON: the types a YAML 1.2 core schema reader
 * gives (integers, floats, booleans, null); quoted scalars stay strings. */
static json_t *json_scalar(const yaml_node_t *n)
{
	const char *s = (const char *)n->data.scalar.value;
	char *end;

	if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return json_string(s);
	if (*s == '\0' || strcmp(s, "~") == 0 || strcmp(s, "null") == 0)
		return json_null();
	if (strcmp(s, "true") == 0 || strcmp(s, "false") == 0)
		return json_boolean(s[0] == 't');
	{
		long long v = strtoll(s, &end, 10);
		if (end != s && *end == '\0')
			return json_integer(v);
	}
	{
		double d = g_ascii_strtod(s, &end);
		if (end != s && *end == '\0' && strchr(s, '.'))
			return json_real(d);
	}
	return json_string(s);
}

static json_t *json_of_node(yaml_document_t *doc, yaml_node_t *n)
{
	json_t *j;

	if (!n)
		return json_null();
	switch (n->type) {
	case YAML_SCALAR_NODE: return json_scalar(n);
	case YAML_SEQUENCE_NODE:
		j = json_array();
		for (yaml_node_item_t *it = n->data.sequence.items.start;
		     it < n->data.sequence.items.top; it++)
			json_array_append_new(j,
			                      json_of_node(doc, yaml_document_get_node(doc, *it)));
		return j;
	case YAML_MAPPING_NODE:
		j = json_object();
		for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
		     p < n->data.mapping.pairs.top; p++) {
			yaml_node_t *k = yaml_document_get_node(doc, p->key);
			if (k && k->type == YAML_SCALAR_NODE)
				json_object_set_new(
				    j, (const char *)k->data.scalar.value,
				    json_of_node(doc, yaml_document_get_node(doc, p->value)));
		}
		return j;
	default: return json_null();
	}
}

/* The JSON value of a YAML value text, or NULL if it is not YAML. */
static json_t *json_of_yaml(const char *text)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	json_t *j = NULL;

	if (!yaml_parser_initialize(&parser))
		return NULL;
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, strlen(text));
	if (yaml_parser_load(&parser, &doc)) {
		j = json_of_node(&doc, yaml_document_get_root_node(&doc));
		yaml_document_delete(&doc);
	}
	yaml_parser_delete(&parser);
	return j;
}

static json_t *enum_of(const char *const *words, size_t n, const char *extra)
{
	json_t *e = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(e, json_string(words[i]));
	if (extra)
		json_array_append_new(e, json_string(extra));
	return json_pack("{s:o}", "enum", e);
}

static json_t *defs(void)
{
	json_t *d = json_object();
	GPtrArray *words = g_ptr_array_new();

	for (size_t i = 0; i < isms_rules_count; i++)
		g_ptr_array_add(words, (gpointer)isms_rules[i].id);
	json_object_set_new(d, "rule_id",
	                    enum_of((const char *const *)words->pdata, words->len, NULL));
	g_ptr_array_set_size(words, 0);
	for (int c = 0; c < ISMS_COL_COUNT; c++)
		g_ptr_array_add(words, (gpointer)isms_column_name((isms_column)c));
	json_object_set_new(d, "column",
	                    enum_of((const char *const *)words->pdata, words->len, NULL));
	g_ptr_array_set_size(words, 0);
	for (int f = 0; f < ISMS_F_COUNT; f++)
		for (const char *const *a = isms_field_aliases((isms_field)f); *a; a++)
			g_ptr_array_add(words, (gpointer)*a);
	/* the built-in names, or a custom field that `fields` defines */
	json_object_set_new(
	    d, "field",
	    json_pack("{s:[o, {s:s, s:s}]}", "anyOf",
	              enum_of((const char *const *)words->pdata, words->len, "review"), "type",
	              "string", "description", "a custom field defined under `fields`"));
	g_ptr_array_free(words, TRUE);
	json_object_set_new(
	    d, "rule_severity",
	    json_pack("{s:[s,s,s,s]}", "enum", "major", "minor", "observation", "off"));
	json_object_set_new(d, "strings",
	                    json_pack("{s:[{s:s},{s:s,s:{s:s}}]}", "anyOf", "type", "string",
	                              "type", "array", "items", "type", "string"));
	return d;
}

/* The JSON Schema of a key's value: a whole number's from its bounds, so
 * that they are written once, in the row. */
static json_t *schema_of(const isms_config_key *k)
{
	if (k->type == ISMS_CONFIG_INT || k->type == ISMS_CONFIG_SIZE)
		return json_pack("{s:s, s:I, s:I}", "type", "integer", "minimum",
		                 (json_int_t)k->min, "maximum", (json_int_t)k->max);
	return k->schema ? json_loads(k->schema, 0, NULL) : NULL;
}

int isms_config_schema(char **out)
{
	json_t *root = NULL, *props = json_object();
	char *text = NULL;
	int error = 0;

	*out = NULL;
	for (size_t i = 0; i < isms_config_keys_count; i++) {
		const isms_config_key *k = &isms_config_keys[i];
		json_t *p = schema_of(k);
		json_t *example = json_of_yaml(k->example);
		char *desc = g_strdup_printf("%s (%s; default: %s)", k->description, k->kind,
		                             k->default_text);
		if (!p || !json_is_object(p) || !example) {
			error = isms_error_set(
			    ISMS_ERROR, "config_keys: bad schema or example of '%s'", k->key);
			json_decref(p);
			json_decref(example);
			g_free(desc);
			goto done;
		}
		json_object_set_new(p, "description", json_string(desc));
		if (k->default_is_yaml) {
			json_t *def = json_of_yaml(k->default_text);
			if (def)
				json_object_set_new(p, "default", def);
		}
		json_object_set_new(p, "examples", json_pack("[o]", example));
		json_object_set_new(props, k->key, p);
		g_free(desc);
	}
	root = json_pack("{s:s, s:s, s:s, s:s, s:O, s:b, s:o}", "$schema",
	                 "https://json-schema.org/draft/2020-12/schema", "title",
	                 "isms-audit configuration (.isms-audit.yml)", "description",
	                 "The configuration of isms-audit, read from .isms-audit.yml at the "
	                 "root of the audited commit or from --config FILE. Every key is "
	                 "optional; `isms-audit config --explain KEY` explains each.",
	                 "type", "object", "properties", props, "additionalProperties", 0, "$defs",
	                 defs());
	text = root ? json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
	if (!text) {
		error = isms_error_set(ISMS_ERROR, "config_keys: cannot build the JSON Schema");
		goto done;
	}
	*out = g_strdup(text);
done:
	free(text);
	json_decref(root);
	json_decref(props);
	return error;
}

char *isms_config_key_suggestion(const char *key)
{
	const char *keys[64];
	size_t n = 0;
	const char *close;

	for (; n < isms_config_keys_count && n < G_N_ELEMENTS(keys); n++)
		keys[n] = isms_config_keys[n].key;
	close = isms_text_closest(key, keys, n);
	return close ? g_strdup_printf(": did you mean '%s'?", close) : g_strdup("");
}
