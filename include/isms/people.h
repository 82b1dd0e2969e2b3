#ifndef ISMS_PEOPLE_H
#define ISMS_PEOPLE_H

#include <glib.h>

/*
 * People: the identities that commits and trailers write (a name and an
 * email, either may be missing) joined into persons, so that the approval
 * rules can tell an author from an approver. Identities are matched by
 * email, then by name, case-insensitively; the configuration's `people:`
 * joins identities that share neither (a work and a home address, a
 * login name) and names each person's roles, so that a document's
 * `approver: CEO` can be matched to whoever holds the role.
 */

/* One entry of `people:` in the configuration. */
typedef struct {
	char *name;
	GPtrArray *emails;  /* char * */
	GPtrArray *aliases; /* char *: other names the person commits under */
	GPtrArray *roles;   /* char *: "CEO", "Information Security Manager" */
	int line;           /* of the entry in the configuration file */
} isms_person_entry;

/* Free an entry (for GPtrArray free functions); NULL is a no-op. */
void isms_person_entry_free(gpointer entry);

/* What an identity is: a person, or an account that acts for no one in
 * particular. */
typedef enum {
	ISMS_IDENTITY_PERSON,
	ISMS_IDENTITY_BOT,  /* `dependabot[bot]`, `renovate-bot`, `project_12_bot` */
	ISMS_IDENTITY_FORGE /* `GitHub <noreply@github.com>`, `GitLab`: the forge itself */
} isms_identity_kind;

/* Whether an identity (name and email, either may be NULL) is a person,
 * a bot or a forge. */
isms_identity_kind isms_identity_classify(const char *name, const char *email);

typedef struct isms_people isms_people;

/* The persons of `entries` (isms_person_entry *, may be NULL); identities
 * are added as they are resolved. Free with isms_people_free(). */
isms_people *isms_people_new(const GPtrArray *entries);
void isms_people_free(isms_people *people);

/*
 * The person an identity belongs to, as an index: the person whose email
 * it has, else the person whose name (or alias) it has, else a new person.
 * Its email and name are then the person's too, so that a later identity
 * with only one of them is matched. Names are compared ignoring case and
 * surrounding space, emails ignoring case.
 */
guint32 isms_people_resolve(isms_people *people, const char *name, const char *email);

/* The name a person is shown by: the configured name, else the first name
 * (or email) seen. Borrowed. */
const char *isms_people_name(const isms_people *people, guint32 person);

/* Whether `text` (an approver as a document names one: "Sarah Lindqvist",
 * "CEO", "Sarah Lindqvist (CEO)", an email) names the person: one of the
 * person's names, aliases, emails or roles appears in it as whole words,
 * ignoring case and punctuation. */
int isms_people_named(const isms_people *people, guint32 person, const char *text);

/* Whether `text` names any person known so far (by name, alias, email or
 * role). */
int isms_people_known(const isms_people *people, const char *text);

#endif
