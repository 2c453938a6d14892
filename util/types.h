/* The event types (docs/events.md) as data: dict/types.tsv, compiled into
 * the binary, plus any types.tsv given with --dict. The extractor, the
 * filters and the exporters all read this one table, so a type added there
 * is extracted, filtered and labelled alike.
 *
 * The table is process-wide and read-only once loaded: types_load runs
 * before any lookup (types_find loads the shipped table on first use when
 * nobody did). Strings returned belong to the table.
 */
#ifndef COMMUNIQUE_TYPES_H
#define COMMUNIQUE_TYPES_H
#include <stddef.h>

/* Properties of a type (the properties column; dict/types.tsv says what each means). */
enum type_property {
	TP_TRAVEL = 1u << 0,
	TP_ABOUT_FUTURE = 1u << 1,
	TP_ORDERS_OUT = 1u << 2,
	TP_ASKS = 1u << 3,
	TP_CONTENT = 1u << 4,
	TP_NEEDS_OTHER = 1u << 5,
	TP_NAMES_TARGET = 1u << 6,
	TP_ANSWERS = 1u << 7,
	TP_ROUND = 1u << 8,
	TP_REACTION = 1u << 9,
	TP_MEASURE = 1u << 10,
};

enum type_frame { TF_DIRECTED, TF_SYMMETRIC, TF_SOURCE };

struct event_type {
	char name[24];            /* "phone_call" */
	char cameo[8];            /* default CAMEO code, "041" */
	enum type_frame frame;
	char *label;              /* "Phone call" */
	char *alone, *with, *planned, *negated; /* summary phrases: "met", "met", "will meet", "did not meet" */
	char *objects;            /* what may follow in a summary, '|'-separated "word" or "word=phrase"
				   * items ("of|over", "to=agreed to", "_" for a direct object), or NULL */
	unsigned props;           /* enum type_property bits */
};

/* Loads the shipped types, then every types.tsv among `extra` (a file of that
 * name or a directory holding one). Returns 0, or -1 with *err (malloc'd)
 * naming the file, the line and what was wrong; the shipped table stays in
 * place on failure. Calling it again replaces the table. */
int types_load(const char *const *extra, size_t n_extra, char **err);

/* The type named `name`, or NULL. */
const struct event_type *types_find(const char *name);

/* The number of types and the i-th, in table order. */
size_t types_count(void);
const struct event_type *types_at(size_t i);

/* Frees the table (tests and leak checkers; later lookups load it again). */
void types_release(void);

#endif
