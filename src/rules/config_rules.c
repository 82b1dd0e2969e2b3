/* The configuration rules: with --base, what the change's own
 * configuration would weaken (clause 9.1). */
#include "rules/rules_internal.h"

#include "isms/config_keys.h"

int isms_check_config_weakened(const isms_audit *a, const isms_rule *r, isms_findings *out)
{
	const isms_change_config *ch = a->change;
	const char *name;
	guint32 head = a->history.commits->len - 1;
	GPtrArray *found;

	if (!ch)
		return 0; /* outside --base, or the change left the file alone */
	name = ch->name ? ch->name : a->config.source ? a->config.source : ".isms-audit.yml";
	if (!ch->valid) {
		isms_finding *f = isms_findings_add(
		    out, r, name, ch->error_line, name, NULL,
		    "the change's configuration cannot be read (%s): once merged, every audit of "
		    "the branch stops with exit code 2",
		    ch->error);
		isms_rule_evidence(a, f, head, "the audited commit's configuration, not used");
		return 0;
	}
	found = g_ptr_array_new_with_free_func(isms_config_weakening_free);
	isms_config_weakenings(&a->config, &ch->config, found);
	for (guint i = 0; i < found->len; i++) {
		const isms_config_weakening *w = g_ptr_array_index(found, i);
		isms_finding *f =
		    isms_findings_add_text(out, r, name, w->line, name, w->item, w->message);
		isms_rule_evidence(a, f, head, "the audited commit's configuration, not used");
	}
	g_ptr_array_free(found, TRUE);
	return 0;
}
