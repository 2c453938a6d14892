/* The filter language shared by `events` and `export`: the options, their
 * parsing and checking against the archive (unknown actors, types and topics
 * are errors that suggest the closest known names). */
#ifndef COMMUNIQUE_CLI_FILTER_H
#define COMMUNIQUE_CLI_FILTER_H
#include "cli/cli.h"
#include "export/timeline.h"
#include "store/store.h"

/* A timeline's filters as given: the options of `events` and `export`, or
 * the parameters of serve's /api/events (web/filter.c), to check against the
 * archive and parse. Types may be comma-separated. */
struct filter_spec {
	const char *const *actors;  size_t n_actors;
	const char *between[2];
	const char *const *types;   size_t n_types;
	const char *topic, *from, *to, *agency, *text, *status;
	int verified, unverified;
	const char *min_confidence, *below_confidence;
	const char *dash;          /* before an option's name in messages: "--" (CLI), "" (server) */
};

/* What filter_parse makes of them: the store's filter and the query echo of
 * the exports. Strings point into the spec, type_items and types_joined. */
struct filter_parsed {
	struct event_filter f;
	struct tl_query q;
	const char **type_items;
	size_t n_type_items;
	char *types_joined;        /* the types, comma-separated, for the query echo */
};

/* Checks the filters against the archive (unknown actors, topics and types
 * suggest the closest known names) and fills out. Returns 0, -1 when the
 * filters are wrong or -2 when the archive fails, with a message in *msg
 * (the caller frees it). With warn, an agency no report has is a warning
 * in *warn (else not looked up). Release out with filter_parsed_release,
 * also after a failure. */
int filter_parse(struct store *s, const struct filter_spec *in, struct filter_parsed *out, char **msg,
		 char **warn);
void filter_parsed_release(struct filter_parsed *p);

struct filter_opts {
	struct opt_list actors;
	const char *between[2];
	struct opt_list types;     /* each may be comma-separated */
	const char *topic, *from, *to, *agency, *text, *status;
	long limit;
	int verified, unverified;
	const char *min_confidence, *below_confidence;
	/* derived by filter_resolve */
	struct filter_parsed parsed;
	struct event_filter f;     /* parsed.f and parsed.q with the limit */
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

/* filter_parse for the options: fills fo->f and fo->q, prints the message
 * and the warning; returns 0 or -1 (usage error) or -2 (archive error). */
int filter_resolve(struct filter_opts *fo, struct store *s);
void filter_release(struct filter_opts *fo);

/* 1 when --type help was given: the command lists the types instead (print_types). */
int filter_wants_type_help(const struct filter_opts *fo);

/* Whether a type name is one of docs/events.md's. */
int event_type_known(const char *t);

#endif
