/* The timeline as exporters see it: a stream of stored events, each with its
 * sources, in date order. The store produces it (store_timeline_each), the
 * exporters in export/ write it in one format each; neither knows the other.
 *
 * Exporters stream: they see one event at a time and never hold the whole
 * timeline. Everything a tl_event points to belongs to the producer and is
 * valid only during the call.
 */
#ifndef COMMUNIQUE_TIMELINE_H
#define COMMUNIQUE_TIMELINE_H
#include <stdint.h>
#include <stdio.h>

#include "ingest/event.h"

struct tl_source {
	int64_t report_id;      /* the archive's report id; written "r<id>" */
	const char *agency;
	const char *title;
	const char *url;        /* may be NULL */
	int64_t published;      /* Unix seconds UTC; valid when published_known */
	int published_known;
};

struct tl_event {
	int64_t id;                 /* the archive's event id; written "e<id>" */
	const struct event *ev;     /* type, cameo, status, date, actors, topics, summary, evidence */
	const struct tl_source *sources;
	size_t n_sources;
	int64_t added;              /* Unix seconds UTC when the event entered the archive */
};

/* The query that produced a timeline, echoed by formats that carry it
 * (JSON "query"). Each field NULL/0 when not given. */
struct tl_query {
	const char *const *actors;  size_t n_actors;
	const char *between[2];
	const char *types;          /* comma-separated as given */
	const char *topic;
	const char *from, *to;      /* as given: "2015", "2015-01", "2015-01-06" */
	const char *agency;
	const char *text;
	const char *status;         /* "occurred,planned" by default */
	long limit;                 /* 0 = none */
};

/* Writer options shared by the formats that use them. */
struct tl_options {
	char delimiter;             /* CSV: ',' by default */
	int excel;                  /* CSV: BOM + CRLF */
	int raw;                    /* CSV: no formula neutralisation */
	int append;                 /* CSV: no header (appending to an existing file) */
	int64_t generated_at;       /* Unix seconds UTC, for "generated_at"; set by the caller */
	const char *title;          /* HTML / TimelineJS title, may be NULL */
};

/* One exporter: begin once, event once per event in order, end once.
 * Each returns 0, or -1 on a write error (errno set) — the caller then stops
 * and reports the failure. `state` is the exporter's own, allocated in begin
 * and freed in end (end is always called once begin succeeded, with `ok`
 * saying whether all went well). */
struct exporter {
	const char *name;           /* "csv", "json", ... as given to --format */
	int (*begin)(void **state, FILE *out, const struct tl_query *q, const struct tl_options *o);
	int (*event)(void *state, const struct tl_event *e);
	int (*end)(void *state, int ok);
};

/* The exporter for a format name, or NULL. */
const struct exporter *exporter_find(const char *name);
/* Comma-separated names of all formats, for help and error messages. */
const char *exporter_names(void);

#endif
