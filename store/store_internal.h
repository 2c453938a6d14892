/* Shared between the store's source files only: the store's state and the
 * helpers that prepare and run statements. */
#ifndef COMMUNIQUE_STORE_INTERNAL_H
#define COMMUNIQUE_STORE_INTERNAL_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "store/store.h"
#include "util/buf.h"

/* The statements prepared once per store, by index. */
enum stmt_id {
	ST_AGENCY_GET, ST_AGENCY_ADD,
	ST_BY_HASH, ST_BY_URL, ST_BY_GUID, ST_BY_IDENTITY, ST_BY_TEXT,
	ST_REPORT_ADD, ST_REPORT_UPDATE, ST_REPORT_EXTRACTED, ST_REPORT_FIX, ST_REPORT_HINTED,
	ST_REPORT_EVENTS, ST_UNLINK_REPORT, ST_EVENT_ACTORS_DEL, ST_EVENT_TOPICS_DEL,
	ST_EVENT_FIND, ST_EVENT_NEXT_ID, ST_EVENT_TOUCH, ST_EVENT_REDATE, ST_BASE_REDATE, ST_EVENT_WITHDRAW,
	ST_ACTOR_GET, ST_ACTOR_ADD,
	ST_TOPIC_GET, ST_TOPIC_ADD,
	ST_ALIAS_ADD,
	ST_SAVEPOINT, ST_RELEASE,
	ST_DEFER_ON, ST_DEFER_OFF, ST_FTS_REPORT, ST_FTS_EVENT,
	ST_CHANGES_ADD, ST_COUNTER_GET, ST_COUNTER_SET,
	ST_COUNT
};

/* Ids of rows to index in full text at the end of the batch. */
struct id_list {
	int64_t *v;
	size_t n, cap;
};

/* Ids of agencies, actors and topics by key, remembered for the session:
 * storing an event then costs no query for the parties already seen. Rows
 * of these tables are never deleted, so a remembered id stays right; the
 * whole cache is forgotten whenever a transaction or savepoint is rolled
 * back, since an id it learnt there may be gone. */
struct id_cache {
	struct id_slot {
		char *key;      /* NULL: free slot; may hold NUL bytes */
		size_t len;
		int64_t id;
	} *slot;
	size_t n, cap;      /* cap is 0 or a power of two */
};

/* Rows waiting for a multi-row INSERT (store_rows.c), by table, in the
 * order they are written: events before the rows that refer to them. */
enum row_table { RT_EVENTS, RT_EVENT_ACTORS, RT_EVENT_TOPICS, RT_EVENT_REPORTS, RT_COUNT };
#define ROWS_PER_STMT 32

/* A value of a waiting row: NULL, an integer, text the caller keeps alive
 * until the flush (RV_TEXT), or text copied into the table's arena (RV_COPY:
 * i is its offset, len its length). */
struct rowval {
	enum { RV_NULL, RV_INT, RV_TEXT, RV_COPY, RV_REAL } kind;
	int64_t i;
	double d;
	const char *p;
	size_t len;
};

struct rows {
	struct rowval *v;   /* n values, row after row */
	size_t n, cap;
	struct buf arena;
	struct db_stmt *st[ROWS_PER_STMT];   /* inserting k rows: st[k - 1] */
};

struct store {
	struct db *db;
	char *path;
	int readonly;
	struct db_stmt *st[ST_COUNT];
	int64_t now;        /* the time stamped on what this session writes */
	int defer;          /* 1: the archive has fts_deferred (schema 3 on) */
	int own_changes;    /* 1: in a batch the store numbers changed events (schema 4 on) */
	int before_6;       /* 1: an archive kept below migration 6 (tests of migrations only) */
	int before_9;       /* 1: below migration 9, events_fts without its month column (tests only) */
	int before_11;      /* 1: below migration 11, event_actors without type, status, gone (tests only) */
	int before_12;      /* 1: below migration 12, events_fts without the types' tokens (tests only) */
	int before_13;      /* 1: below migration 13, events without the index led by status (tests only) */
	int before_14;      /* 1: below migration 14, events_fts keyed by event id (tests only) */
	int before_15;      /* 1: below migration 15, events without the index led by the confidence's tenth (tests only) */
	char *extractor;    /* store_set_extractor's signature, or NULL */
	char last_hash[65], last_text[65];   /* the hashes store_classify computed last */
	int64_t next_event; /* in a batch, the id the next new event takes; 0: ask the archive */
	int64_t pg_written; /* PostgreSQL: events this store wrote since it last analysed the tables */
	int64_t pg_analyse_at;  /* PostgreSQL: analyse again when pg_written reaches it */
	int batch;          /* a store_begin transaction is open, with indexing deferred */
	struct buf triggers;    /* in a batch, the SQL of the triggers it suspended */
	int unguarded;      /* 1: reports are written without savepoints; 2: and one failed */
	struct id_list fts_reports, fts_events;
	struct id_list changes;   /* events written in the batch, in order: their change numbers */
	struct rows rows[RT_COUNT];
	struct id_cache ids;
	int bulk;           /* store_bulk is on; the settings it replaced: */
	int saved_cache, saved_checkpoint;
	struct db_stmt *data_version;   /* store_data_version's, prepared at its first call */
};

/* Sets *err to "<what>: <the database's message>" and returns -1. */
int store_fail(struct store *s, char **err, const char *what);
/* Returns the prepared statement `id`, reset and with bindings cleared, or
 * NULL with *err set. */
struct db_stmt *store_stmt(struct store *s, enum stmt_id id, char **err);
/* Runs a prepared statement with no result rows, as store_stmt left it and
 * bound; on failure sets *err to "<what>: <the database's message>". */
int store_step_done(struct store *s, struct db_stmt *st, const char *what, char **err);
/* Runs an INSERT ... RETURNING id as store_stmt left it and bound, setting
 * *id to the new row's id; on failure as store_step_done. */
int store_step_id(struct store *s, struct db_stmt *st, const char *what, int64_t *id, char **err);
/* Runs SQL with no result rows. */
int store_exec(struct store *s, const char *sql, char **err);
/* PostgreSQL: an FTS5 query (the syntax of `--text`) as websearch_to_tsquery
 * reads it, appended to out: AND dropped (implied), NOT x as -x; words,
 * OR and "phrases" as they are. -1 when out of memory. The search itself is
 * `event_search(summary, evidence) @@ websearch_to_tsquery('communique', $N)`. */
struct buf;
int store_text_query_pg(const char *query, struct buf *out);
/* Opens a writing transaction: BEGIN IMMEDIATE on SQLite (its write lock at
 * once), BEGIN on PostgreSQL. */
int store_begin_write(struct store *s, char **err);
/* Binds a string, which must stay unchanged until the statement runs, or NULL. */
int bind_text(struct db_stmt *st, int i, const char *s);
/* An integer column that fits an int (flags, counts, offsets). */
static inline int db_column_int(struct db_stmt *st, int col)
{
	return (int)db_column_int64(st, col);
}


/* The cache of ids: store_cache_get returns 1 and sets *id when `key` is
 * known; store_cache_put remembers it (returns -1 only when out of memory,
 * and then remembers nothing). store_cache_forget empties it. */
int store_cache_get(struct store *s, const char *key, size_t len, int64_t *id);
int store_cache_put(struct store *s, const char *key, size_t len, int64_t id);
void store_cache_forget(struct store *s);

/* Waiting rows: each call appends one value to table t's current row;
 * rows_copy copies the text, rows_text keeps the pointer. rows_recopy and
 * rows_set_int replace the value at `index` (of rows_count's numbering).
 * rows_flush writes every waiting row, events first; on failure the rows
 * are dropped (the caller rolls back). rows_discard drops them. */
int rows_int(struct store *s, enum row_table t, int64_t i, char **err);
int rows_real(struct store *s, enum row_table t, double d, char **err);   /* d < 0: NULL */
int rows_text(struct store *s, enum row_table t, const char *text, char **err);
int rows_copy(struct store *s, enum row_table t, const char *text, size_t len, char **err);
int rows_recopy(struct store *s, enum row_table t, size_t index, const char *text, size_t len,
		char **err);
void rows_set_int(struct store *s, enum row_table t, size_t index, int64_t i);
size_t rows_count(const struct store *s, enum row_table t);
int rows_flush(struct store *s, char **err);
void rows_discard(struct store *s);
void rows_release(struct store *s);

/* Work deferred to the end of a batch: full-text indexing and the
 * numbering of changed events. store_deferred_pending is 1 when rows written in
 * the open batch still wait for their index entries or change numbers;
 * store_deferred_flush writes them (call it outside any savepoint, before
 * anything deletes or updates such a row, and before committing).
 * store_defer_id queues one row (s->changes for a changed event). */
int store_deferred_pending(const struct store *s);
int store_deferred_flush(struct store *s, char **err);
int store_defer_id(struct store *s, struct id_list *l, int64_t id, char **err);

/* Event writes shared by store_events.c and store_curation.c. */
/* Numbers a changed event at the batch's end (inside a batch; outside, the
 * triggers do). */
int store_queue_change(struct store *s, int64_t id, char **err);
/* The id a new event takes: above every id events or their links ever had. */
int store_next_event_id(struct store *s, int64_t *id, char **err);
/* Ids of an actor (name, code; added when missing) and of a topic. */
int store_actor_id(struct store *s, const char *name, const char *code, int kind, int64_t *id, char **err);
int store_topic_id(struct store *s, const char *name, int64_t *id, char **err);
/* An event's fields as JSON, {"type", "cameo", "status", "date", "prec",
 * "summary", "actors": [[name, code, kind, role, title]], "topics": [...]}:
 * from an extracted event (date as stored), or as stored (from_base: what
 * extraction found for a curated event, from event_base; returns 1 when it
 * has none). */
json_t *event_fields_of(const struct event *e, const char *date);
int event_fields_load(struct store *s, int64_t id, int from_base, json_t **out, char **err);
/* Writes the fields present in f over the event's row, actors and topics
 * (or over its event_base row, to_base). */
int event_fields_write(struct store *s, int64_t id, json_t *f, int to_base, char **err);
/* Applies the live curations of event id over what extraction found,
 * writing the view readers get; numbers the change. */
int curation_apply(struct store *s, int64_t id, char **err);
/* 1 when a person changed a field of the event (it has an event_base row), 0 not, -1 error. */
int curation_has_base(struct store *s, int64_t id, char **err);

/* Computes reports.text_hash where migration 6 left it NULL (store_reports.c). */
int store_fill_text_hashes(struct store *s, char **err);

/* Stores the events of a report (store_events.c). cands are the ids,
 * sorted, of the events the report told before its replacement or
 * re-extraction (NULL, 0 for a new report): found again they keep their ids
 * and take the new extraction's fields. Counts go to *ch (may be NULL). */
int store_put_events(struct store *s, int64_t report_id, const struct event_list *events,
		     const int64_t *cands, size_t n_cands, struct store_event_changes *ch, char **err);
/* Withdraws those of ids (sorted) no report tells any more. */
int store_withdraw_unlinked(struct store *s, const int64_t *ids, size_t n, struct store_event_changes *ch,
			    char **err);

/* Deferred indexing applies: inside a batch of an archive that has fts_deferred. */
int store_deferring(const struct store *s);

#endif
