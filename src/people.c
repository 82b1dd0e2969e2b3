/* Identities joined into persons, for the approval rules. */
#include "isms/people.h"

#include <string.h>

#include "isms/markdown.h"

typedef struct {
	char *name;      /* shown */
	GPtrArray *keys; /* char *: " key " (isms_md_header_key, padded) of every name,
	                  * alias, email and role, for whole-word matching */
} person;

struct isms_people {
	GPtrArray *persons;   /* person * */
	GHashTable *by_email; /* lowercased email -> index + 1 */
	GHashTable *by_name;  /* casefolded name -> index + 1 */
};

void isms_person_entry_free(gpointer p)
{
	isms_person_entry *e = p;

	if (!e)
		return;
	g_free(e->name);
	g_ptr_array_free(e->emails, TRUE);
	g_ptr_array_free(e->aliases, TRUE);
	g_ptr_array_free(e->roles, TRUE);
	g_free(e);
}

static void person_free(gpointer p)
{
	person *x = p;

	g_free(x->name);
	g_ptr_array_free(x->keys, TRUE);
	g_free(x);
}

/* ---- what an identity is ----------------------------------------------- */

static int ends_with_ci(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && g_ascii_strcasecmp(s + n - m, suffix) == 0;
}

/* "bot" as a word of a name: `renovate-bot`, `project_12_bot_0f3c`,
 * `Release Bot`, never `Talbot`. */
static int has_bot_word(const char *name)
{
	char *lower = g_ascii_strdown(name, -1);
	int found = 0;

	for (const char *p = lower; !found && (p = strstr(p, "bot")) != NULL; p += 3) {
		int before =
		    p == lower || p[-1] == '-' || p[-1] == '_' || p[-1] == ' ' || p[-1] == '.';
		int after = p[3] == '\0' || p[3] == '-' || p[3] == '_' || p[3] == ' ' ||
		            p[3] == '.' || p[3] == ']';
		found = before && after;
	}
	g_free(lower);
	return found;
}

isms_identity_kind isms_identity_classify(const char *name, const char *email)
{
	static const char *const forge_names[] = {"GitHub",  "GitHub Enterprise", "GitLab", "Gitea",
	                                          "Forgejo", "Bitbucket",         NULL};
	static const char *const forge_emails[] = {"noreply@github.com", "noreply@gitlab.com",
	                                           "noreply@bitbucket.org", NULL};
	const char *n = name ? name : "", *e = email ? email : "";
	const char *at = strchr(e, '@');

	for (int i = 0; forge_emails[i]; i++)
		if (g_ascii_strcasecmp(e, forge_emails[i]) == 0)
			return ISMS_IDENTITY_FORGE;
	for (int i = 0; forge_names[i]; i++)
		if (g_ascii_strcasecmp(n, forge_names[i]) == 0)
			return ISMS_IDENTITY_FORGE;
	if (ends_with_ci(n, "[bot]") || has_bot_word(n))
		return ISMS_IDENTITY_BOT;
	if (at) {
		char *local = g_strndup(e, (gsize)(at - e));
		int bot = ends_with_ci(local, "[bot]");
		g_free(local);
		if (bot)
			return ISMS_IDENTITY_BOT;
	}
	return ISMS_IDENTITY_PERSON;
}

/* ---- persons ------------------------------------------------------------ */

static char *email_key(const char *email)
{
	char *e = g_strstrip(g_ascii_strdown(email ? email : "", -1));

	if (!*e) {
		g_free(e);
		return NULL;
	}
	return e;
}

static char *name_key(const char *name)
{
	char *copy = g_strstrip(g_strdup(name ? name : ""));
	char *key = *copy && g_utf8_validate(copy, -1, NULL) ? g_utf8_casefold(copy, -1) : NULL;

	g_free(copy);
	return key;
}

/* A word key for whole-word matching, " sarah lindqvist ", added once. */
static void add_word_key(person *p, const char *text)
{
	char *k = isms_md_header_key(text);

	if (*k) {
		char *padded = g_strconcat(" ", k, " ", NULL);
		for (guint i = 0; i < p->keys->len; i++)
			if (strcmp(g_ptr_array_index(p->keys, i), padded) == 0) {
				g_free(padded);
				padded = NULL;
				break;
			}
		if (padded)
			g_ptr_array_add(p->keys, padded);
	}
	g_free(k);
}

static guint32 add_person(isms_people *people, const char *shown)
{
	person *p = g_new0(person, 1);

	p->name = g_strdup(shown);
	p->keys = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(people->persons, p);
	return people->persons->len - 1;
}

/* Map an email or name key to a person unless it already names one. */
static void claim(GHashTable *map, char *key, guint32 index)
{
	if (!key)
		return;
	if (g_hash_table_contains(map, key))
		g_free(key);
	else
		g_hash_table_insert(map, key, GUINT_TO_POINTER(index + 1));
}

isms_people *isms_people_new(const GPtrArray *entries)
{
	isms_people *people = g_new0(isms_people, 1);

	people->persons = g_ptr_array_new_with_free_func(person_free);
	people->by_email = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	people->by_name = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (guint i = 0; entries && i < entries->len; i++) {
		const isms_person_entry *e = g_ptr_array_index(entries, i);
		guint32 index = add_person(people, e->name);
		person *p = g_ptr_array_index(people->persons, index);
		add_word_key(p, e->name);
		claim(people->by_name, name_key(e->name), index);
		for (guint k = 0; e->emails && k < e->emails->len; k++) {
			add_word_key(p, g_ptr_array_index(e->emails, k));
			claim(people->by_email, email_key(g_ptr_array_index(e->emails, k)), index);
		}
		for (guint k = 0; e->aliases && k < e->aliases->len; k++) {
			add_word_key(p, g_ptr_array_index(e->aliases, k));
			claim(people->by_name, name_key(g_ptr_array_index(e->aliases, k)), index);
		}
		for (guint k = 0; e->roles && k < e->roles->len; k++)
			add_word_key(p, g_ptr_array_index(e->roles, k));
	}
	return people;
}

void isms_people_free(isms_people *people)
{
	if (!people)
		return;
	g_ptr_array_free(people->persons, TRUE);
	g_hash_table_destroy(people->by_email);
	g_hash_table_destroy(people->by_name);
	g_free(people);
}

guint32 isms_people_resolve(isms_people *people, const char *name, const char *email)
{
	char *e = email_key(email), *n = name_key(name);
	guint found = 0;
	guint32 index;
	person *p;

	if (e)
		found = GPOINTER_TO_UINT(g_hash_table_lookup(people->by_email, e));
	if (!found && n)
		found = GPOINTER_TO_UINT(g_hash_table_lookup(people->by_name, n));
	if (found)
		index = found - 1;
	else
		index = add_person(people, name && *name ? name : email ? email : "");
	p = g_ptr_array_index(people->persons, index);
	if (name && *name)
		add_word_key(p, name);
	if (email && *email)
		add_word_key(p, email);
	claim(people->by_email, e, index);
	claim(people->by_name, n, index);
	return index;
}

const char *isms_people_name(const isms_people *people, guint32 index)
{
	const person *p =
	    index < people->persons->len ? g_ptr_array_index(people->persons, index) : NULL;

	return p ? p->name : "";
}

static int person_named(const person *p, const char *padded)
{
	for (guint i = 0; i < p->keys->len; i++)
		if (strstr(padded, g_ptr_array_index(p->keys, i)))
			return 1;
	return 0;
}

static char *padded_key(const char *text)
{
	char *k = isms_md_header_key(text);
	char *padded = g_strconcat(" ", k, " ", NULL);

	g_free(k);
	return padded;
}

int isms_people_named(const isms_people *people, guint32 index, const char *text)
{
	char *padded;
	int named;

	if (index >= people->persons->len || !text)
		return 0;
	padded = padded_key(text);
	named = person_named(g_ptr_array_index(people->persons, index), padded);
	g_free(padded);
	return named;
}

int isms_people_known(const isms_people *people, const char *text)
{
	char *padded;
	int known = 0;

	if (!text)
		return 0;
	padded = padded_key(text);
	for (guint i = 0; !known && i < people->persons->len; i++)
		known = person_named(g_ptr_array_index(people->persons, i), padded);
	g_free(padded);
	return known;
}
