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

/* A note an analyst attached to an event. */
struct tl_note {
	const char *text;
	const char *by;             /* who wrote it */
	int64_t at;                 /* Unix seconds UTC */
};

/* What people did to an event (the curation layer, store/store_curation.c):
 * all zero / NULL for an event nobody touched. */
struct tl_curation {
	int verified;               /* 1: a person checked it against its sources */
	const char *verified_by;    /* NULL when not verified */
	int64_t verified_at;
	const char *const *tags;    /* sorted, distinct */
	size_t n_tags;
	const struct tl_note *notes;   /* oldest first */
	size_t n_notes;
	const char *const *fields_set; /* the fields a person set, of: "type", "status",
				      * "date", "actors", "topics", "summary" */
	size_t n_fields_set;
	int added_by_hand;          /* 1: a person added the event (no extraction made it) */
};

/* In an incremental export (export --since-last), what happened to the
 * event since the cursor; TL_CHANGE_NONE in every other timeline. */
enum tl_change {
	TL_CHANGE_NONE = 0,
	TL_CHANGE_NEW,              /* not in any earlier export through this cursor */
	TL_CHANGE_CHANGED,          /* exported before, some field changed since */
	TL_CHANGE_WITHDRAWN,        /* exported before (or maybe), now gone from the timeline:
				     * deleted by a person, merged into another
				     * event, or no report supports it any more */
};
const char *tl_change_name(enum tl_change c);   /* "new", "changed", "withdrawn"; "" for NONE */

struct tl_event {
	int64_t id;                 /* the archive's event id; written "e<id>" */
	const struct event *ev;     /* type, cameo, status, date, actors, topics, summary, evidence */
	const struct tl_source *sources;
	size_t n_sources;
	int64_t added;              /* Unix seconds UTC when the event entered the archive */
	double confidence;          /* 0..1: how sure extraction is (1 for events added by hand) */
	struct tl_curation cur;
	enum tl_change change;
	int64_t merged_into;        /* TL_CHANGE_WITHDRAWN by a merge: the event that holds it now; else 0 */
	unsigned gone;              /* why it left the timeline, bits: TL_GONE_*; 0 in timelines */
};
#define TL_GONE_UNSUPPORTED 1u      /* no report tells it any more */
#define TL_GONE_DELETED     2u      /* a person deleted it */
#define TL_GONE_MERGED      4u      /* a person merged it into merged_into */

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
	char period;                /* dyads: 'm' month (default), 'w' ISO week, 'y' year */
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
