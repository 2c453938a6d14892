/* The filter language shared by `events` and `export`: the options, their
 * parsing and checking against the archive (unknown actors, types and topics
 * are errors that suggest the closest known names). */
#ifndef COMMUNIQUE_CLI_FILTER_H
#define COMMUNIQUE_CLI_FILTER_H
#include "cli/cli.h"
#include "export/timeline.h"
#include "store/store.h"

struct filter_opts {
	struct opt_list actors;
	const char *between[2];
	struct opt_list types;     /* each may be comma-separated */
	const char *topic, *from, *to, *agency, *text, *status;
	long limit;
	int verified, unverified;
	const char *min_confidence, *below_confidence;
	/* derived by filter_resolve */
	const char **type_items;
	size_t n_type_items;
	char *types_joined;        /* every --type, comma-separated, for the query echo */
	struct event_filter f;
	struct tl_query q;
};

/* The option table entries of the filters, to splice into a command's table. */
#define FILTER_OPTIONS(fo)                                                                         \
	{"actor", 'a', OPT_LIST, &(fo)->actors, "X", "events involving X: name, alias or code (repeatable)"}, \
	{"between", 0, OPT_PAIR, (fo)->between, "X Y", "events involving both X and Y"},                \
	{"type", 't', OPT_LIST, &(fo)->types, "T[,T]", "event types (see docs/events.md)"},              \
	{"topic", 0, OPT_STRING, &(fo)->topic, "T", "events about topic T"},                             \
	{"from", 0, OPT_STRING, &(fo)->from, "DATE", "from DATE (2015, 2015-01, 2015-01-06)"},           \
	{"to", 0, OPT_STRING, &(fo)->to, "DATE", "up to DATE, inclusive"},                               \
	{"agency", 0, OPT_STRING, &(fo)->agency, "A", "events reported by agency A"},                     \
	{"text", 0, OPT_STRING, &(fo)->text, "QUERY", "full-text search over summaries and evidence"},   \
	{"status", 0, OPT_STRING, &(fo)->status, "S[,S]", "occurred,planned (default), negated, or all"}, \
	{"limit", 0, OPT_COUNT, &(fo)->limit, "N", "at most N events (N > 0)"},                                  \
	{"verified", 0, OPT_FLAG, &(fo)->verified, NULL, "only events a person verified"},                \
	{"unverified", 0, OPT_FLAG, &(fo)->unverified, NULL, "only events nobody verified yet"},          \
	{"min-confidence", 0, OPT_STRING, &(fo)->min_confidence, "X", "only events extracted with confidence >= X (0..1)"}, \
	{"below-confidence", 0, OPT_STRING, &(fo)->below_confidence, "X", "only events extracted with confidence < X"}

/* Checks the options against the archive and fills fo->f and fo->q.
 * Prints its own errors; returns 0 or -1 (usage error) or -2 (archive error). */
int filter_resolve(struct filter_opts *fo, struct store *s);
void filter_release(struct filter_opts *fo);

/* 1 when --type help was given: the command lists the types instead (print_types). */
int filter_wants_type_help(const struct filter_opts *fo);

/* Whether a type name is one of docs/events.md's. */
int event_type_known(const char *t);

#endif
