/* The archive's bookkeeping for scheduled updates and its administration:
 * the state of every source (files seen, feeds' HTTP validators), the record
 * of each run per source, export cursors over the events' change sequence,
 * statistics, the consistency check and online backups.
 *
 * Conventions as in store.h: every function that can fail returns 0 on
 * success and -1 with *err set to a malloc'd message (the caller prints and
 * frees it); nothing here prints. Strings handed to callbacks live only
 * during the call. The writes below run in the caller's transaction when one
 * is open (store_begin), so that a file's state commits with its reports.
 */
#ifndef COMMUNIQUE_STORE_ADMIN_H
#define COMMUNIQUE_STORE_ADMIN_H
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* ---- files of dir sources ------------------------------------------------ */

enum store_file_status {
	STORE_FILE_OK = 0,       /* every report of the file went in */
	STORE_FILE_FAILED = 1,   /* some could not be read: not retried until the file changes */
};

struct store_file {
	char *path;              /* malloc'd; owned by the struct store_files holding it */
	int64_t size;
	int64_t mtime_ns;        /* nanoseconds since 1970 */
	char hash[65];           /* SHA-256 of the bytes, lower-case hex */
	int status;              /* enum store_file_status */
};

/* The remembered files of one source, sorted by path in byte order. */
struct store_files {
	struct store_file *v;
	size_t n;
};

/* Loads every file state of `source` with one query (an unchanged inbox is
 * then checked without touching the database again). */
int store_files_load(struct store *s, const char *source, struct store_files *out, char **err);
/* The state of `path`, or NULL (binary search). */
const struct store_file *store_files_find(const struct store_files *f, const char *path);
void store_files_release(struct store_files *f);
/* Records (inserts or replaces) the state of one file, stamped with the
 * session's time. */
int store_file_put(struct store *s, const char *source, const struct store_file *f, char **err);

/* ---- feeds ------------------------------------------------------------------ */

struct store_feed {
	char *url;               /* all malloc'd, NULL when unknown */
	char *etag;
	char *last_modified;
	char *hash;              /* SHA-256 of the last body read, hex */
	int64_t fetched_at;
};

/* Fills *out with the remembered state of feed `source`; returns 1 (and an
 * empty *out) when there is none. */
int store_feed_get(struct store *s, const char *source, struct store_feed *out, char **err);
int store_feed_put(struct store *s, const char *source, const struct store_feed *f, char **err);
void store_feed_release(struct store_feed *f);

/* ---- runs --------------------------------------------------------------------- */

/* One source's part of a run. */
struct store_run_source {
	const char *source;
	const char *status;      /* "ok", "partial", "failed", "not modified" */
	long imported, replaced, unchanged, failed;
	const char *errors;      /* one message a line, "" when none */
};

int store_run_source_add(struct store *s, int64_t run_id, const struct store_run_source *r,
			 char **err);
/* Records the run's exit code (store_run_end records its end and counts). */
int store_run_exit(struct store *s, int64_t run_id, int exit_code, char **err);

struct store_run {
	int64_t id;
	const char *command;     /* "update", "ingest" */
	int64_t started_at;
	int64_t ended_at;        /* valid when ended */
	int ended;               /* 0: still running, or killed */
	int exit_code;           /* -1 when not recorded */
	long imported, unchanged, replaced, failed;
};
typedef int (*store_run_fn)(void *ctx, const struct store_run *r);
typedef int (*store_run_source_fn)(void *ctx, const struct store_run_source *r);
/* The last `last` runs (0 = all), newest first. A non-zero return from fn
 * stops the walk and is returned. */
int store_runs_each(struct store *s, long last, store_run_fn fn, void *ctx, char **err);
/* The sources of one run, in the order they were visited. */
int store_run_sources_each(struct store *s, int64_t run_id, store_run_source_fn fn, void *ctx,
			   char **err);

/* ---- export cursors ------------------------------------------------------------ */

/* The current change mark: every write to an event takes the next number;
 * *high (may be NULL) receives the highest event id of the same snapshot. */
int store_change_mark(struct store *s, int64_t *mark, int64_t *high, char **err);
/* The position of cursor `name` (0 when it was never used) and the highest
 * event id its last export knew (*known, may be NULL): in the next export an
 * event above it is new, one at or below it changed. */
int store_cursor_get(struct store *s, const char *name, int64_t *position, int64_t *known, char **err);
/* Moves cursor `name` to `position` (and `known`, the highest event id of
 * the same snapshot) after a complete export of `exported` events; format
 * and output (NULL for stdout) are remembered for `cursors`. */
int store_cursor_set(struct store *s, const char *name, int64_t position, int64_t known, long exported,
		     const char *format, const char *output, char **err);
struct store_cursor {
	const char *name;
	int64_t position;
	int64_t used_at;
	long exported, total;
	long pending;            /* events changed since the cursor's position */
	const char *format, *output;
};
typedef int (*store_cursor_fn)(void *ctx, const struct store_cursor *c);
int store_cursors_each(struct store *s, store_cursor_fn fn, void *ctx, char **err);

/* ---- statistics ------------------------------------------------------------------ */

enum store_stat_kind {
	STAT_AGENCY,             /* reports of each agency and the events they support */
	STAT_TYPE,               /* events of each type and the reports behind them */
	STAT_MONTH,              /* reports published and events dated in each month (YYYY-MM) */
	STAT_ACTOR,              /* actors most present: events, and reports behind them */
	STAT_TOPIC,              /* topics likewise */
};

struct store_stat {
	const char *key;         /* agency, type, month, actor or topic name */
	const char *detail;      /* actor code, or NULL */
	long reports, events;
};
typedef int (*store_stat_fn)(void *ctx, const struct store_stat *st);
/* Rows of one kind, largest first (months in calendar order); at most
 * `limit` rows (0 = all). */
int store_stats_each(struct store *s, enum store_stat_kind kind, long limit, store_stat_fn fn,
		     void *ctx, char **err);

struct store_span {
	long reports, events, actors, topics, agencies;
	long undated_reports, undated_events;
	int64_t first_published, last_published;   /* valid when reports > undated_reports */
	char first_event[11], last_event[11];      /* "" when no dated event */
};
int store_span(struct store *s, struct store_span *out, char **err);

/* ---- check and backup -------------------------------------------------------------- */

typedef int (*store_problem_fn)(void *ctx, const char *problem);
/* Runs SQLite's integrity and foreign key checks, the full-text indexes'
 * own checks, and the archive's invariants (every event has a source report,
 * every report a content hash, no report stored twice, the change sequence
 * covers every event). Each problem goes to fn; *problems is their count.
 * Returns -1 only when the check itself could not run. */
int store_check(struct store *s, store_problem_fn fn, void *ctx, long *problems, char **err);

/* store_check cannot run the full-text indexes' own checks on a read-only
 * store (they run as writes); this runs them on a copy written at `tmp` (a
 * temporary name the caller chooses, removed afterwards), so that the
 * archive itself is never written. Each failing index goes to fn and adds to
 * *problems. Does nothing on a store open for writing. Returns -1 only when
 * the check could not run. */
int store_check_fulltext(struct store *s, const char *tmp, store_problem_fn fn, void *ctx,
			 long *problems, char **err);

/* Writes a consistent copy of the archive to `path` (VACUUM INTO `tmp`, a
 * temporary name in the same directory chosen by the caller, verified,
 * synced, then renamed), while other connections may go on writing. An
 * existing file at path is replaced only on success; on failure tmp and
 * its -journal, -wal and -shm are removed. */
int store_backup(struct store *s, const char *path, const char *tmp, char **err);

/* ---- copy ---------------------------------------------------------------------- */

/* Called after each table with the rows copied; non-zero stops the copy. */
typedef int (*store_copy_fn)(void *ctx, const char *table, long rows);
/* Copies the whole archive `from` (a file or a postgresql:// URI, opened
 * read-only, at this build's schema) into `to`, created or migrated, which
 * must be empty: every table, parents first, ids and curations kept, rows
 * streamed from the source and written many to a statement, in batched
 * transactions; until the last the target is marked an unfinished copy that
 * no other command opens (a failed copy empties it again; the next copy
 * empties a killed one, telling fn(ctx, "copy_unfinished", 0), and starts
 * over). The
 * change sequence is the source's. On PostgreSQL the identity sequences
 * then move past the copied ids; the full-text indexes are the target's
 * own (SQLite's triggers, PostgreSQL's index over the rows). */
int store_copy(const char *from, const char *to, store_copy_fn fn, void *ctx, char **err);

/* ---- full-text queries ------------------------------------------------------- */

/* Whether `query` is a full-text query the events' index accepts (FTS5's
 * syntax: words, "phrases", AND, OR, NOT, prefix*, NEAR). Returns 0 when it
 * is; 1 when it is not, with *err saying why (the user's mistake, not the
 * archive's); -1 when the check could not run. */
int store_text_query_check(struct store *s, const char *query, char **err);

#endif
