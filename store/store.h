/* The archive: an SQLite file holding reports, the events found in them, their
 * actors and topics, and the record of import runs.
 *
 * All SQL of the program lives in store/ and schema/: callers see only these
 * functions, so another backend can replace this one without touching ingest
 * or export. Statements are prepared once per store and bound, never built
 * from input.
 *
 * Errors: every function that can fail returns 0 on success and -1 on failure,
 * with *err set to a malloc'd message the caller prints and frees. The store
 * never prints.
 */
#ifndef COMMUNIQUE_STORE_H
#define COMMUNIQUE_STORE_H
#include <stddef.h>
#include <stdint.h>

#include "export/timeline.h"
#include "ingest/event.h"
#include "ingest/report.h"

struct store;

enum store_flags {
	STORE_READONLY = 1,     /* open for reading; never create or migrate */
	STORE_SYNC_NORMAL = 2,  /* synchronous=NORMAL instead of FULL (faster, still crash-safe in WAL) */
};

/* Opens (creating when missing, unless read-only) the archive at path and
 * brings its schema up to date inside one transaction. A file that is not a
 * communique archive, or one written by a newer version, is refused and left
 * untouched. On failure *out is NULL. */
int store_open(const char *path, int flags, struct store **out, char **err);
/* As store_open, but migrates no further than `version` (for tests of the
 * migrations themselves). */
int store_open_at(const char *path, int flags, int version, struct store **out, char **err);
void store_close(struct store *s);
/* The schema version of the open archive, and the newest this build knows. */
int store_version(struct store *s);
int store_latest_version(void);

/* Batched writes: begin a transaction, store many reports (each atomic on
 * its own), commit. A crash before commit loses the batch, never half a report. */
int store_begin(struct store *s, char **err);
int store_commit(struct store *s, char **err);
void store_rollback(struct store *s);

/* Bulk mode, for imports of many batches: on, a larger page cache and rarer
 * WAL checkpoints; off, SQLite's defaults again, after a checkpoint of what
 * was written. Settings of this connection only; nothing changes in the file. */
int store_bulk(struct store *s, int on, char **err);

/* What importing a report would do. */
enum store_verdict {
	STORE_NEW = 0,
	STORE_UNCHANGED = 1,   /* the same content is already in the archive */
	STORE_REPLACE = 2,     /* a corrected version of a stored report: same URL, guid, or agency+title+time */
};
/* Classifies r against the archive; *existing is the id of the stored report
 * it matches (0 when new). When hash is not NULL it receives r's content
 * hash, which store_put_report can take instead of computing it again. */
int store_classify(struct store *s, const struct report *r, enum store_verdict *v,
		   int64_t *existing, char hash[65], char **err);
/* Stores r with its events, atomically: either all of it goes in or nothing.
 * replace_id is 0 for a new report, else the stored report it replaces (whose
 * events are removed first, unless other reports still support them).
 * Events already in the archive from other reports (same type, status and
 * parties, compatible dates) gain this report as a source instead of being
 * stored twice. hash is r's content hash from store_classify, or NULL. */
int store_put_report(struct store *s, const struct report *r, const char *hash, const char *source_path,
		     int64_t replace_id, const struct event_list *events, int64_t *report_id,
		     char **err);

/* Unguarded writes, for a caller that keeps a batch's reports and can store
 * them again: while on, store_put_report writes a report without a savepoint
 * of its own (a savepoint copies every page a report touches before it
 * changes it: nearly a tenth of an import's time). The batch's transaction
 * still makes each report atomic against crashes, but a report that fails
 * leaves the batch half-written: the caller must store_rollback, and store
 * the batch's reports again with savepoints. Until then store_put_report and
 * store_commit refuse. Off by default, and again after a commit or rollback. */
void store_unguarded(struct store *s, int on);

/* Records an import run; store_run_end fills in its counts. */
int store_run_begin(struct store *s, const char *command, int64_t *run_id, char **err);
int store_run_end(struct store *s, int64_t run_id, long imported, long unchanged, long replaced,
		  long failed, char **err);

/* A stored report, as listing and showing see it; strings may be NULL and
 * live only during the callback. */
struct store_report {
	int64_t id;
	const char *agency, *title, *place, *url, *published_text, *lede, *body, *format, *source_path;
	int64_t published;
	int pub_known;
	int tz_offset;
	int version;
	int64_t imported_at;
	long n_events;
};
typedef int (*store_report_fn)(void *ctx, const struct store_report *r);
/* Calls fn for every report in order of publication (unknown dates last).
 * A non-zero return from fn stops the walk and is returned. */
int store_reports_each(struct store *s, store_report_fn fn, void *ctx, char **err);
/* Calls fn once for report `id`; returns 1 when there is no such report. */
int store_report_get(struct store *s, int64_t id, store_report_fn fn, void *ctx, char **err);

/* Which events a timeline holds; every field is optional (NULL / 0). */
struct event_filter {
	const char *const *actors;  size_t n_actors;  /* any of: name, alias or code */
	const char *between[2];                        /* both involved */
	const char *const *types;   size_t n_types;
	const char *topic;
	struct cdate from, to;                         /* PREC_UNKNOWN when not given */
	const char *agency;
	const char *text;                              /* full-text query over summary and evidence */
	unsigned status_mask;                          /* 1 << enum event_status; 0 = occurred|planned */
	long limit;                                    /* 0 = all */
	int by_changes;                                /* 1: only events whose last change is numbered */
	int64_t changes_after, changes_upto;           /* ... in (changes_after, changes_upto] */
	int64_t report_id;                             /* only the events of this report; 0 = all */
};

/* Streams the matching events in date order (then id), with their actors,
 * topics and sources. A non-zero return from fn stops the walk and is
 * returned. */
typedef int (*store_event_fn)(void *ctx, const struct tl_event *e);
int store_timeline_each(struct store *s, const struct event_filter *f, store_event_fn fn,
			void *ctx, char **err);

/* Whether `name` names an actor / topic / event type the archive knows (as a name, alias or
 * code); 1 yes, 0 no, -1 error. */
int store_actor_known(struct store *s, const char *name, char **err);
int store_topic_known(struct store *s, const char *name, char **err);
/* Up to max known actor / topic names closest to `name` (malloc'd strings in out[],
 * the caller frees them); returns how many, or -1. */
int store_actor_suggest(struct store *s, const char *name, char **out, int max, char **err);
int store_topic_suggest(struct store *s, const char *name, char **out, int max, char **err);

/* Adds aliases and dated roles of an actor (from the dictionaries), so that
 * filters and `actors --search` find it by any of its names. */
int store_actor_describe(struct store *s, const char *name, const char *code, enum actor_kind kind,
			 const char *const *aliases, size_t n_aliases, char **err);

struct store_count {
	const char *name, *code, *kind;   /* code/kind NULL for topics */
	long count;
};
typedef int (*store_count_fn)(void *ctx, const struct store_count *c);
/* Actors with the number of events they take part in (filtered by a substring
 * of name, alias or code when search is not NULL), most present first. */
int store_actors_each(struct store *s, const char *search, store_count_fn fn, void *ctx, char **err);
int store_topics_each(struct store *s, store_count_fn fn, void *ctx, char **err);



/* 1 when the last failure was the archive's own (disk full, I/O error,
 * read-only or corrupt file): nothing more can be written. */
int store_broken(struct store *s);

#endif
