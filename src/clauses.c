#include "isms/clauses.h"

#include <string.h>

static const struct {
	const char *clause, *title;
} titles[] = {
	{"4.3", "Scope of the ISMS"},
	{"5.2", "Information security policy"},
	{"6.1.2", "Risk assessment process"},
	{"6.1.3", "Risk treatment process"},
	{"6.1.3 d", "Statement of Applicability"},
	{"6.2", "Information security objectives"},
	{"7.2", "Competence"},
	{"7.5.1", "Documented information: general"},
	{"7.5.2", "Documented information: creating and updating"},
	{"7.5.3", "Documented information: control"},
	{"8.1", "Operational planning and control"},
	{"9.1", "Monitoring, measurement, analysis and evaluation"},
	{"9.2", "Internal audit"},
	{"9.3", "Management review"},
	{"10.1", "Continual improvement"},
	{"10.2", "Nonconformity and corrective action"},
	{"10.2 a", "Nonconformity: react and correct"},
	{"10.2 b", "Nonconformity: evaluate causes"},
	{"10.2 c", "Nonconformity: implement actions"},
	{"10.2 d", "Nonconformity: review effectiveness"},
	{"10.2 e", "Nonconformity: change the ISMS"},
	{"10.2 f", "Nonconformity: evidence of its nature and actions"},
	{"10.2 g", "Nonconformity: evidence of results"},
};

const char *isms_clause_title(const char *clause)
{
	for (size_t i = 0; i < sizeof(titles) / sizeof(titles[0]); i++)
		if (strcmp(titles[i].clause, clause) == 0)
			return titles[i].title;
	return "";
}
