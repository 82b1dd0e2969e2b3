#include "isms/yaml_limits.h"

#include <glib.h>
#include <yaml.h>

/* The weight of an anchor whose node is still open. */
#define OPEN G_MAXSIZE

typedef struct {
	char *anchor; /* of the collection, or NULL */
	size_t weight;
} frame;

static int refuse(isms_yaml_problem *out, const yaml_event_t *ev, const char *message)
{
	g_strlcpy(out->message, message, sizeof(out->message));
	out->line = (int)ev->start_mark.line;
	return -1;
}

/* One event against the limits: its weight goes to the open collection. */
static int check_event(const yaml_event_t *ev, GArray *stack, GHashTable *anchors, size_t *nodes,
                       size_t *repeated, isms_yaml_problem *out)
{
	const char *anchor = NULL;
	size_t weight = 0;
	gpointer seen;

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		anchor = (const char *)ev->data.scalar.anchor;
		weight = ev->data.scalar.length + 1;
		break;
	case YAML_ALIAS_EVENT:
		/* an unknown anchor is the loader's error to report */
		if (!g_hash_table_lookup_extended(anchors, ev->data.alias.anchor, NULL, &seen))
			break;
		weight = GPOINTER_TO_SIZE(seen);
		if (weight == OPEN)
			return refuse(
			    out, ev,
			    "has an alias inside the node it refers to (a recursive alias)");
		*repeated += weight;
		if (*repeated > ISMS_YAML_MAX_EXPANSION)
			return refuse(out, ev,
			              "has aliases that repeat more than " G_STRINGIFY(
			                  ISMS_YAML_MAX_EXPANSION) " bytes (the YAML alias limit)");
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		frame f = {NULL, 1};
		anchor = (const char *)(ev->type == YAML_SEQUENCE_START_EVENT
		                            ? ev->data.sequence_start.anchor
		                            : ev->data.mapping_start.anchor);
		if (stack->len >= ISMS_YAML_MAX_DEPTH)
			return refuse(out, ev,
			              "is nested deeper than " G_STRINGIFY(
			                  ISMS_YAML_MAX_DEPTH) " levels (the YAML depth limit)");
		if (anchor) {
			f.anchor = g_strdup(anchor);
			g_hash_table_replace(anchors, g_strdup(anchor), GSIZE_TO_POINTER(OPEN));
		}
		g_array_append_val(stack, f);
		if (++*nodes > ISMS_YAML_MAX_NODES)
			goto too_many;
		return 0;
	}
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT: {
		if (stack->len == 0)
			return 0;
		frame f = g_array_index(stack, frame, stack->len - 1);
		g_array_set_size(stack, stack->len - 1);
		weight = f.weight;
		if (f.anchor) /* the table takes the name */
			g_hash_table_replace(anchors, f.anchor, GSIZE_TO_POINTER(weight));
		if (stack->len > 0)
			g_array_index(stack, frame, stack->len - 1).weight += weight;
		return 0;
	}
	default: return 0;
	}
	/* a scalar or an alias */
	if (anchor)
		g_hash_table_replace(anchors, g_strdup(anchor), GSIZE_TO_POINTER(weight));
	if (stack->len > 0)
		g_array_index(stack, frame, stack->len - 1).weight += weight;
	if (++*nodes > ISMS_YAML_MAX_NODES)
		goto too_many;
	return 0;
too_many:
	return refuse(
	    out, ev,
	    "has more than " G_STRINGIFY(ISMS_YAML_MAX_NODES) " nodes (the YAML node limit)");
}

int isms_yaml_check_limits(const char *buf, size_t len, isms_yaml_problem *out)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	GArray *stack;
	GHashTable *anchors;
	size_t nodes = 0, repeated = 0;
	int rc = 0, end = 0;

	if (!yaml_parser_initialize(&parser))
		return 0; /* the loader cannot start either, and says so */
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	stack = g_array_new(FALSE, FALSE, sizeof(frame));
	anchors = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	/* a syntax error ends the check: the loader reports it */
	while (rc == 0 && !end && yaml_parser_parse(&parser, &ev)) {
		end = ev.type == YAML_STREAM_END_EVENT;
		rc = check_event(&ev, stack, anchors, &nodes, &repeated, out);
		yaml_event_delete(&ev);
	}
	for (guint i = 0; i < stack->len; i++)
		g_free(g_array_index(stack, frame, i).anchor);
	g_array_free(stack, TRUE);
	g_hash_table_destroy(anchors);
	yaml_parser_delete(&parser);
	return rc;
}
