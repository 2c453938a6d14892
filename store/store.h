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
/* As store_classify, for a report read from `source` (a file's path or a
 * feed's address, as store_put_report records it): its guid names an item
 * of that source only. A URL or guid matches only a report of the same
 * agency: another agency's report at the same address is another report. */
int store_classify_in(struct store *s, const struct report *r, const char *source, enum store_verdict *v,
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
	int verified;                                  /* 1 only verified, -1 only unverified, 0 all */
	double min_confidence, max_confidence;         /* 0 = no bound */
	int64_t known_upto;                            /* with by_changes: events up to this id were
							* in the archive at the cursor's last export
							* (their change is "changed", above it "new") */
	const int64_t *ids; size_t n_ids;              /* only these events (any state when given) */
	int page;                                      /* 1: one page of `limit` events (keyset paging,
							* fast on large archives), after the event
							* after_id in timeline order (0: the first) */
	int64_t after_id;
};

/* Streams the matching events in date order (then id), with their actors,
 * topics and sources, as curated (docs/events.md "Curation"): events deleted,
 * merged away or no longer supported by any report are left out, except in
 * an incremental walk (by_changes), where they come with change
 * TL_CHANGE_WITHDRAWN. A merged event's sources are those of the events
 * merged into it too. A non-zero return from fn stops the walk and is
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

/* The actor `text` names (a name, alias or code): malloc'd *name and *code
 * ('' for none) and its kind. Returns 1 when the archive knows no such actor. */
int store_actor_lookup(struct store *s, const char *text, char **name, char **code, int *kind, char **err);

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



/* ---- curation --------------------------------------------------------------
 *
 * What people do to events is kept apart from what extraction found: every
 * act is a record (who, when, what, why) applied over the extracted event,
 * and it survives the report's replacement, re-extraction and upgrades of
 * the extractor (the event keeps its id while extraction still finds it:
 * same type, parties and a compatible date from the same report). An event
 * whose last report no longer tells it is kept, withdrawn, with its
 * curations, and listed by store_review_each. Each call below is one
 * transaction of its own unless a store_begin transaction is open.
 */

/* Who acts, and why; by is required, reason may be NULL. */
struct store_who {
	const char *by;
	const char *reason;
};

/* The fields an edit sets; only those marked are touched. */
struct store_edit {
	const char *type, *cameo;               /* both, or type NULL */
	int status;                             /* enum event_status, or -1 */
	int set_date;                           /* 1: set date (PREC_UNKNOWN makes it undated) */
	struct cdate date;
	int set_actors;                         /* 1: the event's actors become these */
	const struct event_actor *actors;
	size_t n_actors;
	int set_topics;
	const char *const *topics;
	size_t n_topics;
	const char *summary;                    /* NULL: leave */
};

/* Each returns 0, 1 when there is no such event (or curation), or -1 with
 * *err. *curation_id (may be NULL) receives the record's id. */
int store_event_edit(struct store *s, int64_t id, const struct store_edit *e, const struct store_who *w,
		     int64_t *curation_id, char **err);
int store_event_delete(struct store *s, int64_t id, const struct store_who *w, int64_t *curation_id,
		       char **err);
/* Undoes a deletion or a merge of the event. */
int store_event_restore(struct store *s, int64_t id, const struct store_who *w, int64_t *curation_id,
			char **err);
/* Adds an event by hand: ev's type, cameo, status, date, actors, topics,
 * summary and evidence; tied to report_id (0: none) with ev->evidence as the
 * passage that tells it. *new_id receives its id. */
int store_event_add(struct store *s, const struct event *ev, int64_t report_id, const struct store_who *w,
		    int64_t *new_id, char **err);
/* Merges the events `others` into `into`: they leave the timeline and their
 * sources count for `into`. Returns 1 when one of them does not exist. */
int store_event_merge(struct store *s, int64_t into, const int64_t *others, size_t n,
		      const struct store_who *w, char **err);
/* Splits an event in two: a new event, added by hand, copies it with the
 * edit e applied and the same sources. *new_id receives its id. */
int store_event_split(struct store *s, int64_t id, const struct store_edit *e, const struct store_who *w,
		      int64_t *new_id, char **err);
int store_event_verify(struct store *s, int64_t id, int verified, const struct store_who *w,
		       int64_t *curation_id, char **err);
int store_event_note(struct store *s, int64_t id, const char *text, const struct store_who *w,
		     int64_t *curation_id, char **err);
int store_event_tag(struct store *s, int64_t id, const char *tag, int on, const struct store_who *w,
		    int64_t *curation_id, char **err);
/* Undoes one curation (itself recorded as a curation). Returns 1 when there
 * is no such curation, 2 when it was undone already or is an undo itself. */
int store_curation_undo(struct store *s, int64_t curation_id, const struct store_who *w,
			int64_t *undo_id, char **err);

/* One curation record; strings live during the callback only. */
struct store_curation {
	int64_t id, event_id;
	const char *action;      /* add, edit, delete, restore, merge, split, verify, unverify,
				  * note, tag, untag, undo */
	const char *field;       /* edit: type, status, date, actors, topics, summary; else NULL */
	const char *value;       /* JSON, or NULL */
	const char *reason, *by;
	int64_t at;
	int64_t undone_by;       /* 0 while it applies */
};
typedef int (*store_curation_fn)(void *ctx, const struct store_curation *c);
/* The curations of an event (event_id > 0) or of all events (0), oldest first. */
int store_curations_each(struct store *s, int64_t event_id, store_curation_fn fn, void *ctx, char **err);

/* An event in any state (store_timeline_each leaves out the gone ones, whose
 * tl_event.gone says why): calls fn once; returns 1 when there is no such event. */
int store_event_get(struct store *s, int64_t id, store_event_fn fn, void *ctx, char **err);

/* ---- review ------------------------------------------------------------------ */
enum store_review_reason {
	REVIEW_UNDATED,          /* the event has no date */
	REVIEW_CONTRADICTED,     /* the same act is told as occurred and as negated */
	REVIEW_WARNED,           /* its report was imported with warnings */
	REVIEW_LOW_CONFIDENCE,   /* extraction's confidence below the threshold */
	REVIEW_UNSUPPORTED,      /* curated, but no report tells it any more */
	REVIEW_UNVERIFIED,       /* no person verified it */
	REVIEW_COUNT
};
const char *store_review_name(enum store_review_reason r);
struct store_review_item {
	enum store_review_reason reason;
	int64_t event_id;
	int64_t other_id;        /* REVIEW_CONTRADICTED: the event it contradicts; else 0 */
	const char *detail;      /* a readable line (warning text, ...) or NULL */
};
typedef int (*store_review_fn)(void *ctx, const struct store_review_item *it);
/* The review queue: every event needing a person's eye, for each reason
 * asked (a bit per enum store_review_reason), most urgent reason first. */
int store_review_each(struct store *s, unsigned reasons, double below, long limit, store_review_fn fn,
		      void *ctx, char **err);

/* ---- re-extraction and report fixes ------------------------------------------------ */

/* What storing a report's events changed. */
struct store_event_changes {
	long kept;          /* found again, unchanged */
	long updated;       /* found again, some field differs */
	long added;         /* new events */
	long withdrawn;     /* no longer told by the report (and by no other) */
};
/* Names the extractor and dictionaries that find the events stored from
 * now on (kept with each report for reextract --stale); NULL: unknown. */
void store_set_extractor(struct store *s, const char *signature);
/* Stores `events` as the report's new events, keeping the ids of those
 * still found and their curations, withdrawing those no longer told.
 * Counts go to *ch (may be NULL). */
int store_reextract(struct store *s, int64_t report_id, const struct event_list *events,
		    struct store_event_changes *ch, char **err);
/* The stored report `id` as a struct report (for re-extraction); returns 1
 * when there is none. r is initialised by the caller and released by it. */
int store_report_load(struct store *s, int64_t id, struct report *r, char **err);
/* Ids of the reports to re-extract: all (stale_only 0), or those whose events
 * were found by another extractor signature than the current one. */
int store_report_ids(struct store *s, int stale_only, int64_t **ids, size_t *n, char **err);
/* Corrects a report's metadata (NULL / PUB_NONE fields are left as they
 * are): the caller then re-extracts its events. Returns 1 when there is no
 * such report. */
struct store_report_fix {
	const char *agency, *title, *url;
	int set_date;
	int64_t published;        /* with pub_known PUB_DATE or PUB_TIME */
	int pub_known;
	int tz_offset;
	struct cdate partial;     /* a month or a year only: pub_known PUB_NONE */
};
int store_report_fix(struct store *s, int64_t id, const struct store_report_fix *f, char **err);
/* Before a corrected version r of stored report id is extracted: the
 * metadata a person fixed on the stored report (report edit, ingest --date)
 * replaces r's, unless r's own comes from the command line. */
int store_report_keep_fixes(struct store *s, int64_t id, struct report *r, char **err);

/* 1 when the last failure was the archive's own (disk full, I/O error,
 * read-only or corrupt file): nothing more can be written. */
int store_broken(struct store *s);

/* ---- browsing (communique serve) ---------------------------------------------- */

/* Up to `limit` reports (50 when 0), newest id first, with ids below
 * before_id (0: from the newest); only those the full-text query `text`
 * finds when it is not NULL. The body is NULL (lists show titles). A
 * non-zero return from fn stops the walk and is returned. */
int store_reports_page(struct store *s, const char *text, int64_t before_id, long limit, store_report_fn fn,
		       void *ctx, char **err);
/* Tunes a long-lived reading connection: read through a memory map of up
 * to mmap_bytes, with a page cache of cache_kib KiB. */
int store_reader_tune(struct store *s, int64_t mmap_bytes, long cache_kib, char **err);
/* The archive's state, for a cache of what was read from it: *version
 * changes whenever any connection, of this process or another, commits.
 * Returns 0 with *version set, 1 when this backend cannot tell (PostgreSQL:
 * then nothing read may be kept), or -1 with *err set (the archive busy or
 * unreadable: treat as changed). Opens no transaction that outlives it. */
int store_data_version(struct store *s, int64_t *version, char **err);

#endif
