/* The archive's bookkeeping for scheduled updates and its administration:
 * source state, runs, export cursors, statistics, check and backup. See
 * store_admin.h. The tables are those of schema/002_update.sql. */
#include "store/store_admin.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store_internal.h"
#include "util/buf.h"

/* Prepares one statement for a single use; the caller finalizes it. */
static struct db_stmt *prep(struct store *s, const char *sql, const char *what, char **err)
{
	struct db_stmt *st = NULL;
	if (db_prepare(s->db, sql, 0, &st)) {
		store_fail(s, err, what);
		db_finalize(st);
		return NULL;
	}
	return st;
}

/* Steps a statement that returns no row, finalizes it. */
static int run_done(struct store *s, struct db_stmt *st, const char *what, char **err)
{
	int rc = db_step(st);
	if (rc != DB_DONE) {
		store_fail(s, err, what);
		db_finalize(st);
		return -1;
	}
	db_finalize(st);
	return 0;
}

static const char *col(struct db_stmt *st, int i)
{
	return db_column_text(st, i);
}

/* SQL that differs between the backends is chosen here, written whole for
 * each (docs/postgres.md, "SQL that differs between the backends"). */
static int is_pg(const struct store *s)
{
	return db_kind(s->db) == DB_PG;
}

/* Binds a LIMIT: n when above 0, else none (-1 on SQLite, NULL on
 * PostgreSQL, which refuses a negative one). */
static void bind_limit(struct store *s, struct db_stmt *st, int i, long n)
{
	if (n > 0)
		db_bind_int64(st, i, n);
	else if (is_pg(s))
		db_bind_null(st, i);
	else
		db_bind_int64(st, i, -1);
}

static char *oom(char **err)
{
	*err = strdup("out of memory");
	return NULL;
}

/* ---- files -------------------------------------------------------------------- */

int store_files_load(struct store *s, const char *source, struct store_files *out, char **err)
{
	out->v = NULL;
	out->n = 0;
	/* In the bytes' order on both (a server's collation orders otherwise). */
	struct db_stmt *st = prep(s, is_pg(s) ? "SELECT path, size, mtime_ns, hash, status FROM source_files"
						" WHERE source = $1 ORDER BY path COLLATE \"C\""
					      : "SELECT path, size, mtime_ns, hash, status FROM source_files"
						" WHERE source = $1 ORDER BY path",
				  "cannot read the sources' state", err);
	if (!st)
		return -1;
	bind_text(st, 1, source);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (out->n == cap) {
			cap = cap ? cap * 2 : 256;
			struct store_file *p = realloc(out->v, cap * sizeof(*p));
			if (!p)
				goto nomem;
			out->v = p;
		}
		struct store_file *f = &out->v[out->n];
		memset(f, 0, sizeof(*f));
		if (!(f->path = strdup(col(st, 0) ? col(st, 0) : "")))
			goto nomem;
		f->size = db_column_int64(st, 1);
		f->mtime_ns = db_column_int64(st, 2);
		snprintf(f->hash, sizeof(f->hash), "%s", col(st, 3) ? col(st, 3) : "");
		f->status = db_column_int(st, 4);
		out->n++;
	}
	if (rc != DB_DONE) {
		store_fail(s, err, "cannot read the sources' state");
		db_finalize(st);
		store_files_release(out);
		return -1;
	}
	db_finalize(st);
	return 0;
nomem:
	db_finalize(st);
	store_files_release(out);
	oom(err);
	return -1;
}

const struct store_file *store_files_find(const struct store_files *f, const char *path)
{
	size_t lo = 0, hi = f->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(f->v[mid].path, path);
		if (!c)
			return &f->v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void store_files_release(struct store_files *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->v[i].path);
	free(f->v);
	f->v = NULL;
	f->n = 0;
}

int store_file_put(struct store *s, const char *source, const struct store_file *f, char **err)
{
	/* An upsert both backends read (SQLite's INSERT OR REPLACE is not
	 * PostgreSQL's); the row is the file's either way. */
	struct db_stmt *st = prep(s, "INSERT INTO source_files(source, path, size, mtime_ns,"
				" hash, status, seen_at) VALUES ($1,$2,$3,$4,$5,$6,$7)"
				" ON CONFLICT(source, path) DO UPDATE SET size = excluded.size,"
				" mtime_ns = excluded.mtime_ns, hash = excluded.hash, status = excluded.status,"
				" seen_at = excluded.seen_at",
				"cannot record the file's state", err);
	if (!st)
		return -1;
	bind_text(st, 1, source);
	bind_text(st, 2, f->path);
	db_bind_int64(st, 3, f->size);
	db_bind_int64(st, 4, f->mtime_ns);
	bind_text(st, 5, f->hash);
	db_bind_int64(st, 6, f->status);
	db_bind_int64(st, 7, s->now);
	return run_done(s, st, "cannot record the file's state", err);
}

/* ---- feeds ---------------------------------------------------------------------- */

int store_feed_get(struct store *s, const char *source, struct store_feed *out, char **err)
{
	memset(out, 0, sizeof(*out));
	struct db_stmt *st = prep(s, "SELECT url, etag, last_modified, hash, fetched_at FROM source_feeds"
				" WHERE source = $1", "cannot read the feed's state", err);
	if (!st)
		return -1;
	bind_text(st, 1, source);
	int rc = db_step(st);
	if (rc == DB_DONE) {
		db_finalize(st);
		return 1;
	}
	if (rc != DB_ROW) {
		store_fail(s, err, "cannot read the feed's state");
		db_finalize(st);
		return -1;
	}
	out->url = xstrdup(col(st, 0));
	out->etag = xstrdup(col(st, 1));
	out->last_modified = xstrdup(col(st, 2));
	out->hash = xstrdup(col(st, 3));
	out->fetched_at = db_column_int64(st, 4);
	int bad = (col(st, 0) && !out->url) || (col(st, 1) && !out->etag) ||
		  (col(st, 2) && !out->last_modified) || (col(st, 3) && !out->hash);
	db_finalize(st);
	if (bad) {
		store_feed_release(out);
		oom(err);
		return -1;
	}
	return 0;
}

int store_feed_put(struct store *s, const char *source, const struct store_feed *f, char **err)
{
	struct db_stmt *st = prep(s, "INSERT INTO source_feeds(source, url, etag, last_modified,"
				" hash, fetched_at) VALUES ($1,$2,$3,$4,$5,$6)"
				" ON CONFLICT(source) DO UPDATE SET url = excluded.url, etag = excluded.etag,"
				" last_modified = excluded.last_modified, hash = excluded.hash,"
				" fetched_at = excluded.fetched_at",
				"cannot record the feed's state", err);
	if (!st)
		return -1;
	bind_text(st, 1, source);
	bind_text(st, 2, f->url ? f->url : "");
	bind_text(st, 3, f->etag);
	bind_text(st, 4, f->last_modified);
	bind_text(st, 5, f->hash);
	db_bind_int64(st, 6, f->fetched_at ? f->fetched_at : s->now);
	return run_done(s, st, "cannot record the feed's state", err);
}

void store_feed_release(struct store_feed *f)
{
	free(f->url);
	free(f->etag);
	free(f->last_modified);
	free(f->hash);
	memset(f, 0, sizeof(*f));
}

/* ---- runs ----------------------------------------------------------------------- */

int store_run_source_add(struct store *s, int64_t run_id, const struct store_run_source *r,
			 char **err)
{
	/* A source recorded twice in one run keeps its first id, its place
	 * in the order the run visited the sources (INSERT OR REPLACE gave it
	 * a new one: nothing reads that order but `runs`, which the second
	 * record of a source never happens in). */
	struct db_stmt *st = prep(s, "INSERT INTO run_sources(run_id, source, status, imported,"
				" replaced, unchanged, failed, errors) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)"
				" ON CONFLICT(run_id, source) DO UPDATE SET status = excluded.status,"
				" imported = excluded.imported, replaced = excluded.replaced,"
				" unchanged = excluded.unchanged, failed = excluded.failed, errors = excluded.errors",
				"cannot record the run", err);
	if (!st)
		return -1;
	db_bind_int64(st, 1, run_id);
	bind_text(st, 2, r->source);
	bind_text(st, 3, r->status ? r->status : "ok");
	db_bind_int64(st, 4, r->imported);
	db_bind_int64(st, 5, r->replaced);
	db_bind_int64(st, 6, r->unchanged);
	db_bind_int64(st, 7, r->failed);
	bind_text(st, 8, r->errors ? r->errors : "");
	return run_done(s, st, "cannot record the run", err);
}

int store_run_exit(struct store *s, int64_t run_id, int exit_code, char **err)
{
	struct db_stmt *st = prep(s, "UPDATE import_runs SET exit_code = $2 WHERE id = $1",
				"cannot record the run", err);
	if (!st)
		return -1;
	db_bind_int64(st, 1, run_id);
	db_bind_int64(st, 2, exit_code);
	return run_done(s, st, "cannot record the run", err);
}

int store_runs_each(struct store *s, long last, store_run_fn fn, void *ctx, char **err)
{
	struct db_stmt *st = prep(s, "SELECT id, command, started_at, ended_at, exit_code, imported,"
				" unchanged, replaced, failed FROM import_runs ORDER BY id DESC LIMIT $1",
				"cannot read the runs", err);
	if (!st)
		return -1;
	bind_limit(s, st, 1, last);
	int rc, stop = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		/* Types first: reading a NULL as a number may convert it. */
		int ended = !db_column_is_null(st, 3);
		int has_exit = !db_column_is_null(st, 4);
		struct store_run r = {
			.id = db_column_int64(st, 0),
			.command = col(st, 1),
			.started_at = db_column_int64(st, 2),
			.ended_at = db_column_int64(st, 3),
			.ended = ended,
			.exit_code = has_exit ? db_column_int(st, 4) : -1,
			.imported = db_column_int(st, 5),
			.unchanged = db_column_int(st, 6),
			.replaced = db_column_int(st, 7),
			.failed = db_column_int(st, 8),
		};
		if ((stop = fn(ctx, &r)))
			break;
	}
	if (!stop && rc != DB_DONE)
		stop = store_fail(s, err, "cannot read the runs");
	db_finalize(st);
	return stop;
}

int store_run_sources_each(struct store *s, int64_t run_id, store_run_source_fn fn, void *ctx,
			   char **err)
{
	struct db_stmt *st = prep(s, "SELECT source, status, imported, replaced, unchanged, failed, errors"
				" FROM run_sources WHERE run_id = $1 ORDER BY id", "cannot read the runs", err);
	if (!st)
		return -1;
	db_bind_int64(st, 1, run_id);
	int rc, stop = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		struct store_run_source r = {
			.source = col(st, 0), .status = col(st, 1),
			.imported = db_column_int(st, 2), .replaced = db_column_int(st, 3),
			.unchanged = db_column_int(st, 4), .failed = db_column_int(st, 5),
			.errors = col(st, 6),
		};
		if ((stop = fn(ctx, &r)))
			break;
	}
	if (!stop && rc != DB_DONE)
		stop = store_fail(s, err, "cannot read the runs");
	db_finalize(st);
	return stop;
}

/* ---- cursors ------------------------------------------------------------------------ */

int store_change_mark(struct store *s, int64_t *mark, int64_t *high, char **err)
{
	/* One statement, one snapshot: the events below the mark are those up to high. */
	struct db_stmt *st = prep(s, "SELECT (SELECT seq FROM change_counter WHERE id = 1),"
				" (SELECT coalesce(max(id), 0) FROM events)", "cannot read the change sequence", err);
	if (!st)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*mark = db_column_int64(st, 0);
		if (high)
			*high = db_column_int64(st, 1);
	}
	db_finalize(st);
	return rc == DB_ROW ? 0 : store_fail(s, err, "cannot read the change sequence");
}

int store_cursor_get(struct store *s, const char *name, int64_t *position, int64_t *known, char **err)
{
	*position = 0;
	if (known)
		*known = 0;
	struct db_stmt *st = prep(s, store_version(s) >= 6
				? "SELECT position, max_event FROM export_cursors WHERE name = $1"
				: "SELECT position, 0 FROM export_cursors WHERE name = $1",
				"cannot read the export cursor", err);
	if (!st)
		return -1;
	bind_text(st, 1, name);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*position = db_column_int64(st, 0);
		if (known)
			*known = db_column_int64(st, 1);
	}
	db_finalize(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : store_fail(s, err, "cannot read the export cursor");
}

int store_cursor_set(struct store *s, const char *name, int64_t position, int64_t known, long exported,
		     const char *format, const char *output, char **err)
{
	struct db_stmt *st = prep(s, store_version(s) >= 6
				? "INSERT INTO export_cursors(name, position, used_at, exported, total,"
				  " format, output, max_event) VALUES ($1,$2,$3,$4,$4,$5,$6,$7)"
				  " ON CONFLICT(name) DO UPDATE SET position = excluded.position,"
				  " used_at = excluded.used_at, exported = excluded.exported,"
				  " total = export_cursors.total + excluded.exported, format = excluded.format,"
				  " output = excluded.output, max_event = excluded.max_event"
				: "INSERT INTO export_cursors(name, position, used_at, exported, total,"
				  " format, output) VALUES ($1,$2,$3,$4,$4,$5,$6)"
				  " ON CONFLICT(name) DO UPDATE SET position = excluded.position,"
				  " used_at = excluded.used_at, exported = excluded.exported,"
				  " total = export_cursors.total + excluded.exported, format = excluded.format,"
				  " output = excluded.output", "cannot move the export cursor", err);
	if (!st)
		return -1;
	bind_text(st, 1, name);
	db_bind_int64(st, 2, position);
	db_bind_int64(st, 3, s->now);
	db_bind_int64(st, 4, exported);
	bind_text(st, 5, format);
	bind_text(st, 6, output);
	db_bind_int64(st, 7, known);
	return run_done(s, st, "cannot move the export cursor", err);
}

int store_cursors_each(struct store *s, store_cursor_fn fn, void *ctx, char **err)
{
	/* By name in the bytes' order, SQLite's: a server's database may
	 * collate otherwise (en-US puts "Zed" after "a_cursor"). */
	struct db_stmt *st = prep(s, is_pg(s) ? "SELECT c.name, c.position, c.used_at, c.exported, c.total, c.format,"
						" c.output, (SELECT count(*) FROM event_changes x WHERE x.seq > c.position)"
						" FROM export_cursors c ORDER BY c.name COLLATE \"C\""
					      : "SELECT c.name, c.position, c.used_at, c.exported, c.total, c.format,"
						" c.output, (SELECT count(*) FROM event_changes x WHERE x.seq > c.position)"
						" FROM export_cursors c ORDER BY c.name",
				  "cannot read the export cursors", err);
	if (!st)
		return -1;
	int rc, stop = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		struct store_cursor c = {
			.name = col(st, 0), .position = db_column_int64(st, 1),
			.used_at = db_column_int64(st, 2), .exported = db_column_int(st, 3),
			.total = db_column_int(st, 4), .format = col(st, 5), .output = col(st, 6),
			.pending = db_column_int(st, 7),
		};
		if ((stop = fn(ctx, &c)))
			break;
	}
	if (!stop && rc != DB_DONE)
		stop = store_fail(s, err, "cannot read the export cursors");
	db_finalize(st);
	return stop;
}

/* ---- statistics -------------------------------------------------------------------- */

static const char *const stat_sql[] = {
	[STAT_AGENCY] =
		"SELECT coalesce(a.name, '(none)'), NULL, count(DISTINCT r.id), count(DISTINCT e.id)"
		" FROM reports r LEFT JOIN agencies a ON a.id = r.agency_id"
		" LEFT JOIN event_reports er ON er.report_id = r.id"
		" LEFT JOIN events e ON e.id = er.event_id AND e.gone = 0"
		" GROUP BY a.name ORDER BY 3 DESC, 1 LIMIT $1",
	[STAT_TYPE] =
		"SELECT e.type, NULL, count(DISTINCT er.report_id), count(DISTINCT e.id)"
		" FROM events e LEFT JOIN event_reports er ON er.event_id = e.id WHERE e.gone = 0"
		" GROUP BY e.type ORDER BY 4 DESC, 1 LIMIT $1",
	[STAT_MONTH] =
		/* PostgreSQL: stat_month_pg. */
		"WITH r AS (SELECT strftime('%Y-%m', published, 'unixepoch') AS m, count(*) AS n"
		"   FROM reports WHERE published IS NOT NULL GROUP BY m),"
		" e AS (SELECT substr(date, 1, 7) AS m, count(*) AS n FROM events"
		"   WHERE gone = 0 AND date_precision >= 3 AND length(date) >= 7 GROUP BY m),"
		" k AS (SELECT m FROM r UNION SELECT m FROM e)"
		" SELECT k.m, NULL, coalesce(r.n, 0), coalesce(e.n, 0) FROM k"
		" LEFT JOIN r ON r.m = k.m LEFT JOIN e ON e.m = k.m ORDER BY k.m LIMIT $1",
	[STAT_ACTOR] =
		"SELECT a.name, a.code, count(DISTINCT er.report_id), count(DISTINCT ea.event_id)"
		" FROM actors a JOIN event_actors ea ON ea.actor_id = a.id"
		" JOIN events e ON e.id = ea.event_id AND e.gone = 0"
		" LEFT JOIN event_reports er ON er.event_id = ea.event_id"
		" GROUP BY a.id ORDER BY 4 DESC, 1 LIMIT $1",
	[STAT_TOPIC] =
		"SELECT t.name, NULL, count(DISTINCT er.report_id), count(DISTINCT et.event_id)"
		" FROM topics t JOIN event_topics et ON et.topic_id = t.id"
		" JOIN events e ON e.id = et.event_id AND e.gone = 0"
		" LEFT JOIN event_reports er ON er.event_id = et.event_id"
		" GROUP BY t.id ORDER BY 4 DESC, 1 LIMIT $1",
};

/* The statistics on PostgreSQL: ties of counts by name in the bytes' order,
 * as SQLite's BINARY gives them, whatever the database's collation (en-US
 * puts "United Nations" before "US State Department"). */
static const char *const stat_sql_pg[] = {
	[STAT_AGENCY] =
		"SELECT coalesce(a.name, '(none)'), NULL, count(DISTINCT r.id), count(DISTINCT e.id)"
		" FROM reports r LEFT JOIN agencies a ON a.id = r.agency_id"
		" LEFT JOIN event_reports er ON er.report_id = r.id"
		" LEFT JOIN events e ON e.id = er.event_id AND e.gone = 0"
		" GROUP BY a.name ORDER BY 3 DESC, coalesce(a.name, '(none)') COLLATE \"C\" LIMIT $1",
	[STAT_TYPE] =
		"SELECT e.type, NULL, count(DISTINCT er.report_id), count(DISTINCT e.id)"
		" FROM events e LEFT JOIN event_reports er ON er.event_id = e.id WHERE e.gone = 0"
		" GROUP BY e.type ORDER BY 4 DESC, e.type COLLATE \"C\" LIMIT $1",
	[STAT_MONTH] = NULL, /* stat_month_pg */
	[STAT_ACTOR] =
		"SELECT a.name, a.code, count(DISTINCT er.report_id), count(DISTINCT ea.event_id)"
		" FROM actors a JOIN event_actors ea ON ea.actor_id = a.id"
		" JOIN events e ON e.id = ea.event_id AND e.gone = 0"
		" LEFT JOIN event_reports er ON er.event_id = ea.event_id"
		" GROUP BY a.id ORDER BY 4 DESC, a.name COLLATE \"C\" LIMIT $1",
	[STAT_TOPIC] =
		"SELECT t.name, NULL, count(DISTINCT er.report_id), count(DISTINCT et.event_id)"
		" FROM topics t JOIN event_topics et ON et.topic_id = t.id"
		" JOIN events e ON e.id = et.event_id AND e.gone = 0"
		" LEFT JOIN event_reports er ON er.event_id = et.event_id"
		" GROUP BY t.id ORDER BY 4 DESC, t.name COLLATE \"C\" LIMIT $1",
};

/* STAT_MONTH on PostgreSQL: the month of a time in UTC, as strftime gives it. */
static const char stat_month_pg[] =
	"WITH r AS (SELECT to_char(to_timestamp(published) AT TIME ZONE 'UTC', 'YYYY-MM') AS m,"
	"   count(*) AS n FROM reports WHERE published IS NOT NULL GROUP BY 1),"
	" e AS (SELECT substr(date, 1, 7) AS m, count(*) AS n FROM events"
	"   WHERE gone = 0 AND date_precision >= 3 AND length(date) >= 7 GROUP BY 1),"
	" k AS (SELECT m FROM r UNION SELECT m FROM e)"
	" SELECT k.m, NULL, coalesce(r.n, 0), coalesce(e.n, 0) FROM k"
	" LEFT JOIN r ON r.m = k.m LEFT JOIN e ON e.m = k.m ORDER BY k.m COLLATE \"C\" LIMIT $1";

int store_stats_each(struct store *s, enum store_stat_kind kind, long limit, store_stat_fn fn,
		     void *ctx, char **err)
{
	if ((size_t)kind >= sizeof(stat_sql) / sizeof(*stat_sql)) {
		*err = strdup("unknown statistic");
		return -1;
	}
	struct db_stmt *st = prep(s, !is_pg(s) ? stat_sql[kind] : kind == STAT_MONTH ? stat_month_pg : stat_sql_pg[kind],
				  "cannot compute statistics", err);
	if (!st)
		return -1;
	bind_limit(s, st, 1, limit);
	int rc, stop = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		struct store_stat r = {
			.key = col(st, 0) ? col(st, 0) : "", .detail = col(st, 1),
			.reports = db_column_int(st, 2), .events = db_column_int(st, 3),
		};
		if ((stop = fn(ctx, &r)))
			break;
	}
	if (!stop && rc != DB_DONE)
		stop = store_fail(s, err, "cannot compute statistics");
	db_finalize(st);
	return stop;
}

int store_span(struct store *s, struct store_span *out, char **err)
{
	memset(out, 0, sizeof(*out));
	struct db_stmt *st = prep(s,
		"SELECT (SELECT count(*) FROM reports), (SELECT count(*) FROM events WHERE gone = 0),"
		" (SELECT count(*) FROM actors), (SELECT count(*) FROM topics),"
		" (SELECT count(*) FROM agencies),"
		" (SELECT count(*) FROM reports WHERE published IS NULL),"
		" (SELECT count(*) FROM events WHERE gone = 0 AND date = ''),"
		" (SELECT min(published) FROM reports), (SELECT max(published) FROM reports),"
		" (SELECT min(date) FROM events WHERE gone = 0 AND date <> ''),"
		" (SELECT max(date) FROM events WHERE gone = 0 AND date <> '')",
		"cannot compute statistics", err);
	if (!st)
		return -1;
	int rc = db_step(st);
	if (rc == DB_ROW) {
		out->reports = db_column_int(st, 0);
		out->events = db_column_int(st, 1);
		out->actors = db_column_int(st, 2);
		out->topics = db_column_int(st, 3);
		out->agencies = db_column_int(st, 4);
		out->undated_reports = db_column_int(st, 5);
		out->undated_events = db_column_int(st, 6);
		out->first_published = db_column_int64(st, 7);
		out->last_published = db_column_int64(st, 8);
		snprintf(out->first_event, sizeof(out->first_event), "%s", col(st, 9) ? col(st, 9) : "");
		snprintf(out->last_event, sizeof(out->last_event), "%s", col(st, 10) ? col(st, 10) : "");
	}
	db_finalize(st);
	return rc == DB_ROW ? 0 : store_fail(s, err, "cannot compute statistics");
}

/* ---- check ------------------------------------------------------------------------- */

struct check {
	struct store *s;
	store_problem_fn fn;
	void *ctx;
	long problems;
};

static int problem(struct check *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int problem(struct check *c, const char *fmt, ...)
{
	struct buf m;
	buf_init(&m, 65536);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&m, fmt, ap);
	va_end(ap);
	c->problems++;
	char fb[128];
	int rc = c->fn ? c->fn(c->ctx, buf_msg_str(&m, "a problem's description", fb, sizeof(fb))) : 0;
	buf_release(&m);
	return rc;
}

/* Runs a query whose every row is a problem, described by `fmt` applied to
 * the row's first two columns as text. At most 100 rows are described. */
static int rows_are_problems(struct check *c, const char *sql, const char *fmt, char **err)
{
	struct db_stmt *st = prep(c->s, sql, "cannot check the archive", err);
	if (!st)
		return -1;
	int rc;
	long n = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		const char *a = col(st, 0), *b = db_column_count(st) > 1 ? col(st, 1) : NULL;
		if (n++ < 100) {
			if (problem(c, fmt, a ? a : "", b ? b : ""))
				break;
		} else {
			c->problems++;
		}
	}
	if (n > 100 && c->fn)
		c->fn(c->ctx, "(more problems of the same kind not shown)");
	int bad = rc != DB_DONE && rc != DB_ROW;
	db_finalize(st);
	return bad ? store_fail(c->s, err, "cannot check the archive") : 0;
}

/* SQLite only: its own check of the file, pages and indexes. */
static int check_integrity(struct check *c, char **err)
{
	struct db_stmt *st = prep(c->s, "PRAGMA integrity_check(100)", "cannot check the archive", err);
	if (!st)
		return -1;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		const char *r = col(st, 0);
		if (r && strcmp(r, "ok"))
			problem(c, "integrity: %s", r);
	}
	db_finalize(st);
	if (rc != DB_DONE) {
		/* A file too damaged to be checked is itself the problem. */
		problem(c, "integrity: %s", db_errmsg(c->s->db));
	}
	return 0;
}

/* SQLite only: the full-text indexes' own checks (FTS5) fail with an error
 * when they do not match their tables. */
static int check_fts(struct check *c, const char *table)
{
	struct buf sql;
	buf_init(&sql, 0);
	buf_printf(&sql, "INSERT INTO %s(%s, rank) VALUES ('integrity-check', 1)", table, table);
	if (buf_failed(&sql)) {
		buf_release(&sql);
		problem(c, "full-text index %s: not checked (out of memory)", table);
		return 0;
	}
	/* A read-only connection cannot run the check: nothing is known then. */
	if (db_exec(c->s->db, buf_str(&sql)) && db_errclass(c->s->db) != DB_E_READONLY)
		problem(c, "full-text index %s: %s", table, db_errmsg(c->s->db));
	buf_release(&sql);
	return 0;
}

/* PostgreSQL: the foreign keys the schema declares are always enforced; a
 * row whose parent is gone can only come from outside the store (a trigger
 * disabled, a restore with session_replication_role = replica): each
 * declared key is checked by a query of its own, built from the catalogue. */
static int check_foreign_keys_pg(struct check *c, char **err)
{
	struct db_stmt *st = prep(c->s,
		"SELECT format('SELECT %L || '' row '' || coalesce((to_jsonb(t) ->> ''id''), ''?''), %L"
		" FROM %I t WHERE (%s) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM %I p WHERE (%s) = (%s))',"
		" cl.relname, pc.relname, cl.relname,"
		" (SELECT string_agg(format('t.%I', a.attname), ', ' ORDER BY k.n) FROM unnest(co.conkey)"
		"   WITH ORDINALITY k(att, n) JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.att),"
		" pc.relname,"
		" (SELECT string_agg(format('p.%I', a.attname), ', ' ORDER BY k.n) FROM unnest(co.confkey)"
		"   WITH ORDINALITY k(att, n) JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.att),"
		" (SELECT string_agg(format('t.%I', a.attname), ', ' ORDER BY k.n) FROM unnest(co.conkey)"
		"   WITH ORDINALITY k(att, n) JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.att))"
		" FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid"
		" JOIN pg_class pc ON pc.oid = co.confrelid"
		" WHERE co.contype = 'f' AND cl.relnamespace = current_schema()::regnamespace"
		" ORDER BY cl.relname, co.conname", "cannot check the archive", err);
	if (!st)
		return -1;
	/* The queries are read first: one statement at a time on the connection. */
	struct buf all;
	buf_init(&all, 0);
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		buf_add(&all, col(st, 0), db_column_bytes(st, 0) + 1);
	db_finalize(st);
	if (rc != DB_DONE || buf_failed(&all)) {
		buf_release(&all);
		if (rc != DB_DONE)
			return store_fail(c->s, err, "cannot check the archive");
		oom(err);
		return -1;
	}
	int bad = 0;
	for (size_t o = 0; o < all.len && !bad; o += strlen(buf_str(&all) + o) + 1)
		bad = rows_are_problems(c, buf_str(&all) + o, "foreign key: %s refers to a missing row of %s", err);
	buf_release(&all);
	return bad ? -1 : 0;
}

/* The archive's own invariants, SQL written for each backend where it
 * differs (PostgreSQL: integer flags compared with <> 0, regular
 * expressions for GLOB, string_agg for group_concat). */
static int check_invariants(struct check *c, char **err)
{
	int pg = is_pg(c->s);
	return rows_are_problems(c, pg
		? "SELECT 'e' || id, summary FROM events e WHERE gone & 1 = 0"
		  " AND origin = 0 AND NOT EXISTS"
		  " (SELECT 1 FROM event_reports er WHERE er.event_id = e.id)"
		  " AND NOT EXISTS (SELECT 1 FROM events m JOIN event_reports er ON er.event_id = m.id"
		  "   WHERE m.merged_into = e.id AND m.gone & 4 <> 0) ORDER BY id"
		: "SELECT 'e' || id, summary FROM events e WHERE gone & 1 = 0"
		  " AND origin = 0 AND NOT EXISTS"
		  " (SELECT 1 FROM event_reports er WHERE er.event_id = e.id)"
		  " AND NOT EXISTS (SELECT 1 FROM events m JOIN event_reports er ON er.event_id = m.id"
		  "   WHERE m.merged_into = e.id AND m.gone & 4)",
		"event %s has no source report and is not withdrawn (%s)", err) ||
	       rows_are_problems(c, pg
		? "SELECT 'e' || id, 'e' || merged_into FROM events e WHERE gone & 4 <> 0"
		  " AND NOT EXISTS (SELECT 1 FROM events m WHERE m.id = e.merged_into) ORDER BY id"
		: "SELECT 'e' || id, 'e' || merged_into FROM events e WHERE gone & 4"
		  " AND NOT EXISTS (SELECT 1 FROM events m WHERE m.id = e.merged_into)",
		"event %s is merged into %s, which does not exist", err) ||
	       rows_are_problems(c, "SELECT 'c' || id, 'e' || event_id FROM curations c WHERE NOT EXISTS"
		" (SELECT 1 FROM events e WHERE e.id = c.event_id) ORDER BY id",
		"curation %s names event %s, which does not exist", err) ||
	       rows_are_problems(c, pg
		? "SELECT 'r' || id, coalesce(title, '') FROM reports"
		  " WHERE length(content_hash) <> 64 OR content_hash ~ '[^0-9a-f]' ORDER BY id"
		: "SELECT 'r' || id, coalesce(title, '') FROM reports"
		  " WHERE length(content_hash) <> 64 OR content_hash GLOB '*[^0-9a-f]*'",
		"report %s has no valid content hash (%s)", err) ||
	       rows_are_problems(c, pg
		? "SELECT string_agg('r' || id, ', ' ORDER BY id), content_hash FROM reports"
		  " GROUP BY content_hash HAVING count(*) > 1"
		: "SELECT group_concat('r' || id, ', '), content_hash FROM reports"
		  " GROUP BY content_hash HAVING count(*) > 1",
		"reports %s are the same report (content %s)", err) ||
	       rows_are_problems(c, pg
		? "SELECT string_agg('r' || id, ', ' ORDER BY id), guid FROM reports"
		  " WHERE guid IS NOT NULL AND guid <> '' GROUP BY guid HAVING count(*) > 1"
		: "SELECT group_concat('r' || id, ', '), guid FROM reports"
		  " WHERE guid IS NOT NULL AND guid <> '' GROUP BY guid HAVING count(*) > 1",
		"reports %s share the guid '%s'", err);
}

int store_check(struct store *s, store_problem_fn fn, void *ctx, long *problems, char **err)
{
	struct check c = {.s = s, .fn = fn, .ctx = ctx};
	*problems = 0;
	/* PostgreSQL has no integrity_check (the server keeps its own pages)
	 * and no FTS5 tables (its text search is an index over the rows, kept
	 * by the server): the keys and the archive's invariants are checked. */
	int rc = is_pg(s) ? check_foreign_keys_pg(&c, err) || check_invariants(&c, err)
		: check_integrity(&c, err) ||
		 rows_are_problems(&c, "SELECT \"table\" || ' row ' || coalesce(rowid, '?'), parent"
				   " FROM pragma_foreign_key_check",
				   "foreign key: %s refers to a missing row of %s", err) ||
		 check_fts(&c, "reports_fts") || check_fts(&c, "events_fts") ||
		 check_invariants(&c, err);
	if (!rc && store_version(s) >= 2)
		rc = rows_are_problems(&c, "SELECT 'e' || id, '' FROM events e WHERE NOT EXISTS"
				       " (SELECT 1 FROM event_changes x WHERE x.event_id = e.id)",
				       "event %s is missing from the change sequence%s", err) ||
		     rows_are_problems(&c, "SELECT event_id, '' FROM event_changes x WHERE NOT EXISTS"
				       " (SELECT 1 FROM events e WHERE e.id = x.event_id)",
				       "the change sequence names event e%s, which does not exist%s", err) ||
		     rows_are_problems(&c, "SELECT max(seq), (SELECT seq FROM change_counter)"
				       " FROM event_changes HAVING max(seq) > (SELECT seq FROM change_counter)",
				       "the change sequence reaches %s, past its counter %s", err);
	/* From migration 14 the full-text index keys events in timeline
	 * order; one it cannot (marked 'yx') makes every page of a word read
	 * and sort all the word's matches: the archive works, slowly. */
	if (!rc && !is_pg(s) && store_version(s) >= 14)
		rc = rows_are_problems(&c, "SELECT 'e' || e.id, CASE WHEN e.id BETWEEN 1 AND 4294967295"
				       " THEN 'its date ''' || coalesce(e.date, 'NULL') || ''' is not YYYY, YYYY-MM or YYYY-MM-DD'"
				       " ELSE 'its id is outside 1 .. 4294967295' END"
				       " FROM events_text t JOIN events e ON e.id = t.id WHERE t.k < 0",
				       "event %s is out of the timeline's order in the full-text index (%s):"
				       " pages of words read and sort all their matches", err);
	*problems = c.problems;
	return rc ? -1 : 0;
}

/* ---- backup ------------------------------------------------------------------------- */

static char *path_msg(const char *what, const char *path, const char *why)
{
	struct buf m;
	buf_init(&m, 0);
	buf_printf(&m, "%s '%s': %s", what, path, why);
	return buf_finish_msg(&m, "the message naming the file");
}

/* ---- SQLite only: the copy that a backup or a read-only check makes ---------------- */

/* Opens a copy of the archive, for writing: FTS5 runs its check only as a
 * write, which changes nothing. On failure *why is "'<path>': <reason>". */
static struct db *open_copy(const char *path, char **why)
{
	struct db *db = NULL;
	if (db_open(path, DB_NOMUTEX, &db, why))
		return NULL;
	return db;
}

/* An SQL identifier, quoted. */
static int add_ident(struct buf *b, const char *name)
{
	int rc = buf_addch(b, '"');
	for (const char *c = name; *c && !rc; c++)
		rc = *c == '"' ? buf_addstr(b, "\"\"") : buf_addch(b, *c);
	return rc || buf_addch(b, '"');
}

/* The full-text indexes' own check of every FTS5 table of db: the integrity
 * check of SQLite 3.40 does not look into them, and a copy carries a stale
 * index over verbatim. Each failing index goes to fn (when not NULL) and
 * its count to *bad; the first one's message, when why is not NULL, to
 * *why (malloc'd). Returns -1 only when the check could not run. */
static int fts_problems(struct db *db, store_problem_fn fn, void *ctx, long *bad, char **why)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, "SELECT name FROM sqlite_schema WHERE type = 'table'"
				" AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'", 0, &st);
	int failed = rc;
	while (!failed && (rc = db_step(st)) == DB_ROW) {
		struct buf sql, m;
		buf_init(&sql, 0);
		buf_init(&m, 0);
		const char *name = col(st, 0);
		buf_addstr(&sql, "INSERT INTO ");
		add_ident(&sql, name);
		buf_addch(&sql, '(');
		add_ident(&sql, name);
		buf_addstr(&sql, ", rank) VALUES ('integrity-check', 1)");
		if (buf_failed(&sql))
			failed = 1;
		else if (db_exec(db, buf_str(&sql))) {
			buf_printf(&m, "full-text index %s: %s", name, db_errmsg(db));
			++*bad;
			if (fn)
				fn(ctx, buf_str(&m));
			if (why && !*why)
				*why = buf_finish_msg(&m, "a full-text index's problem");
		}
		buf_release(&m);
		buf_release(&sql);
	}
	failed = failed || rc != DB_DONE;
	db_finalize(st);
	return failed ? -1 : 0;
}

static int verify_fts(struct db *db, char **why)
{
	long bad = 0;
	if (fts_problems(db, NULL, NULL, &bad, why) && !*why) {
		struct buf m;
		buf_init(&m, 0);
		buf_printf(&m, "cannot check the full-text indexes: %s", db_errmsg(db));
		*why = buf_finish_msg(&m, "the message of a failed check");
	}
	return *why ? -1 : 0;
}

/* Opens the copy and checks it in full before it may replace anything:
 * SQLite's integrity check and the full-text indexes' own (a copy of a
 * damaged archive must not replace a good backup). (Not quick_check:
 * SQLite 3.40 reports false NULLs in WITHOUT ROWID tables.) */
static int verify_copy(const char *path, char **err)
{
	char *why = NULL, *opened = NULL;
	struct db_stmt *st = NULL;
	struct db *db = open_copy(path, &opened);
	struct buf m;
	buf_init(&m, 0);
	if (!db) {
		/* opened is "'<path>': <reason>" */
		buf_printf(&m, "the backup does not pass a check %s", opened ? opened : "out of memory");
		*err = buf_finish_msg(&m, "the message naming the file");
		free(opened);
		return -1;
	}
	if (db_prepare(db, "PRAGMA integrity_check(1)", 0, &st) || db_step(st) != DB_ROW || !col(st, 0))
		buf_addstr(&m, db_errmsg(db));
	else if (strcmp(col(st, 0), "ok"))
		buf_printf(&m, "integrity: %s", col(st, 0));
	db_finalize(st);
	if (m.len)
		why = buf_finish_msg(&m, "the check's message");
	else
		buf_release(&m);
	if (!why)
		verify_fts(db, &why);
	if (why)
		*err = path_msg("the backup does not pass a check", path, why);
	free(why);
	db_close(db);
	return why ? -1 : 0;
}

static int fsync_path(const char *path, int dir)
{
	int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* Removes a failed copy and what SQLite may have left beside it. */
static void remove_copy(const char *tmp)
{
	static const char *const companions[] = {"", "-journal", "-wal", "-shm"};
	struct buf p;
	buf_init(&p, 0);
	for (size_t i = 0; i < sizeof(companions) / sizeof(*companions); i++) {
		buf_reset(&p);
		if (!buf_printf(&p, "%s%s", tmp, companions[i]))
			unlink(buf_str(&p));
	}
	buf_release(&p);
}

int store_check_fulltext(struct store *s, const char *tmp, store_problem_fn fn, void *ctx,
			 long *problems, char **err)
{
	/* PostgreSQL: no FTS5 tables, nothing to check (the text search is an
	 * index the server keeps over the rows themselves). */
	if (!s->readonly || is_pg(s))
		return 0;   /* store_check ran them on the archive itself */
	remove_copy(tmp);
	struct db_stmt *st = prep(s, "VACUUM INTO $1", "cannot check the full-text indexes", err);
	if (!st)
		return -1;
	bind_text(st, 1, tmp);
	int rc = run_done(s, st, "cannot check the full-text indexes", err);
	struct db *db = NULL;
	if (!rc) {
		char *opened = NULL;
		if (!(db = open_copy(tmp, &opened))) {
			struct buf m;
			buf_init(&m, 0);
			buf_printf(&m, "cannot open the copy %s", opened ? opened : "(out of memory)");
			*err = buf_finish_msg(&m, "the message naming the file");
			free(opened);
			rc = -1;
		}
	}
	if (!rc && fts_problems(db, fn, ctx, problems, NULL)) {
		*err = path_msg("cannot check the full-text indexes of the copy", tmp, db_errmsg(db));
		rc = -1;
	}
	db_close(db);
	remove_copy(tmp);
	return rc;
}

int store_backup(struct store *s, const char *path, const char *tmp, char **err)
{
	if (is_pg(s)) {
		*err = strdup("an archive on PostgreSQL is backed up with the server's tools (pg_dump)");
		if (!*err)
			oom(err);
		return -1;
	}
	remove_copy(tmp);
	struct db_stmt *st = prep(s, "VACUUM INTO $1", "cannot back up the archive", err);
	int rc = -1;
	if (!st)
		goto out;
	bind_text(st, 1, tmp);
	if (run_done(s, st, "cannot back up the archive", err))
		goto out;
	if (verify_copy(tmp, err))
		goto out;
	if (fsync_path(tmp, 0)) {
		*err = path_msg("cannot sync", tmp, strerror(errno));
		goto out;
	}
	if (rename(tmp, path)) {
		*err = path_msg("cannot rename the backup to", path, strerror(errno));
		goto out;
	}
	char *dir = dir_of(path);
	if (dir)
		fsync_path(dir, 1);   /* the rename itself survives a crash */
	free(dir);
	rc = 0;
out:
	if (rc)
		remove_copy(tmp);
	return rc;
}

/* ---- full-text queries ----------------------------------------------------------- */

/* FTS5's query syntax, checked for PostgreSQL, where websearch_to_tsquery
 * reads any text: a query SQLite refuses is refused on both backends alike
 * (a usage error, not a search that silently means something else). A
 * recursive descent over FTS5's grammar (sqlite.org/fts5.html, "Full-text
 * Query Syntax"): phrases of barewords and "strings" joined by +, with ^
 * and *, NEAR(...), column filters (col: {a b}: -col:), parentheses, AND,
 * OR, NOT and implicit AND. Errors are worded as FTS5's. */
struct fts5q {
	const char *p;
	const char *const *cols;   /* the table's columns, NULL-terminated */
	char *err;
};

enum { Q_END, Q_WORD, Q_STRING, Q_LP, Q_RP, Q_LB, Q_RB, Q_COLON, Q_STAR, Q_PLUS, Q_CARET, Q_COMMA, Q_MINUS, Q_BAD };

static int q_bare(unsigned char c)
{
	return c >= 0x80 || c == '_' || c == 0x1a || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* The next token from q->p, not consumed: its kind, start and length. */
static int q_peek(struct fts5q *q, const char **at, size_t *len)
{
	const char *p = q->p;
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	*at = p;
	*len = 1;
	switch (*p) {
	case '\0':
		*len = 0;
		return Q_END;
	case '(': return Q_LP;
	case ')': return Q_RP;
	case '{': return Q_LB;
	case '}': return Q_RB;
	case ':': return Q_COLON;
	case '*': return Q_STAR;
	case '+': return Q_PLUS;
	case '^': return Q_CARET;
	case ',': return Q_COMMA;
	case '-': return Q_MINUS;
	case '"': {
		const char *e = p + 1;
		for (;;) {
			if (!*e)
				return Q_BAD;   /* unterminated string */
			if (*e == '"' && e[1] == '"')
				e += 2;
			else if (*e == '"')
				break;
			else
				e++;
		}
		*len = (size_t)(e + 1 - p);
		return Q_STRING;
	}
	default:
		if (!q_bare((unsigned char)*p))
			return Q_BAD;
		const char *e = p;
		while (q_bare((unsigned char)*e))
			e++;
		*len = (size_t)(e - p);
		return Q_WORD;
	}
}

static int q_next(struct fts5q *q, const char **at, size_t *len)
{
	int t = q_peek(q, at, len);
	q->p = *at + *len;
	return t;
}

static int q_is(const char *at, size_t len, const char *kw)
{
	return len == strlen(kw) && !strncmp(at, kw, len);
}

static int q_keyword(const char *at, size_t len)
{
	return q_is(at, len, "AND") || q_is(at, len, "OR") || q_is(at, len, "NOT");
}

static char *q_msg(const char *what, const char *at, size_t len, const char *close)
{
	struct buf b;
	buf_init(&b, 0);
	buf_printf(&b, "%s%.*s%s", what, (int)len, at, close);
	return buf_finish_msg(&b, "out of memory");
}

static int q_error(struct fts5q *q, const char *at, size_t len)
{
	if (!q->err)
		q->err = q_msg("fts5: syntax error near \"", at, len, "\"");
	return -1;
}

static int q_column(struct fts5q *q, const char *at, size_t len)
{
	for (const char *const *c = q->cols; *c; c++)
		if (strlen(*c) == len && !strncasecmp(*c, at, len))
			return 0;
	if (!q->err)
		q->err = q_msg("no such column: ", at, len, "");
	return -1;
}

/* phrase := ^? term *? (+ term *?)* */
static int q_phrase(struct fts5q *q)
{
	const char *at;
	size_t len;
	for (;;) {
		int t = q_next(q, &at, &len);
		if (t == Q_CARET)
			t = q_next(q, &at, &len);
		if (t != Q_STRING && !(t == Q_WORD && !q_keyword(at, len)))
			return q_error(q, at, len);
		if (q_peek(q, &at, &len) == Q_STAR)
			q_next(q, &at, &len);
		if (q_peek(q, &at, &len) != Q_PLUS)
			return 0;
		q_next(q, &at, &len);
	}
}

static int q_expr(struct fts5q *q, int depth);

/* One operand: ( expr ), NEAR(phrase... [, N]), a phrase, or any of these
 * after a column filter. 1 when it was in parentheses, 0 when not, -1. */
static int q_operand(struct fts5q *q, int depth)
{
	const char *at, *at2;
	size_t len, len2;
	int t = q_peek(q, &at, &len);
	const char *save = q->p;
	int neg = 0;
	/* NEAR is a word unless a parenthesis follows. */
	if (t == Q_WORD && q_is(at, len, "NEAR") && at[len + strspn(at + len, " \t\n\r")] == '(') {
		q_next(q, &at, &len);
		if (q_next(q, &at, &len) != Q_LP)
			return q_error(q, at, len);
		int n = 0;
		while ((t = q_peek(q, &at, &len)) == Q_WORD || t == Q_STRING || t == Q_CARET) {
			if (q_phrase(q))
				return -1;
			n++;
		}
		if (t == Q_COMMA) {
			q_next(q, &at, &len);
			t = q_next(q, &at, &len);
			if (t != Q_WORD || strspn(at, "0123456789") < len)
				return q_error(q, at, len);
		}
		if (!n || q_next(q, &at, &len) != Q_RP)
			return q_error(q, at, len);
		return 0;
	}
	/* Column filters: -col: -{a b}: col: {a b}: */
	if (t == Q_MINUS) {
		neg = 1;
		q_next(q, &at, &len);
		save = q->p;
		t = q_peek(q, &at, &len);
		if (t != Q_WORD && t != Q_LB)
			return q_error(q, at, len);
	}
	if (t == Q_LB) {
		q_next(q, &at, &len);
		int n = 0;
		while ((t = q_next(q, &at, &len)) == Q_WORD) {
			if (q_column(q, at, len))
				return -1;
			n++;
		}
		if (t != Q_RB || !n || q_next(q, &at, &len) != Q_COLON)
			return q_error(q, at, len);
		return q_operand(q, depth);
	}
	if (t == Q_WORD && !q_keyword(at, len)) {
		q_next(q, &at, &len);
		if (q_peek(q, &at2, &len2) == Q_COLON) {
			if (q_column(q, at, len))
				return -1;
			q_next(q, &at2, &len2);
			return q_operand(q, depth);
		}
		q->p = save;
		if (neg)
			return q_error(q, at, len);
	}
	if (t == Q_LP) {
		q_next(q, &at, &len);
		if (depth > 64)
			return q_error(q, at, len);
		if (q_expr(q, depth + 1))
			return -1;
		if (q_next(q, &at, &len) != Q_RP)
			return q_error(q, at, len);
		return 1;
	}
	return q_phrase(q);
}

/* expr := operand ((AND | OR | NOT)? operand)* */
static int q_expr(struct fts5q *q, int depth)
{
	const char *at;
	size_t len;
	int paren = q_operand(q, depth);
	if (paren < 0)
		return -1;
	for (;;) {
		int t = q_peek(q, &at, &len);
		if (t == Q_END || t == Q_RP)
			return 0;
		int implicit = 1;
		if (t == Q_WORD && (q_is(at, len, "AND") || q_is(at, len, "OR") || q_is(at, len, "NOT"))) {
			implicit = 0;
			q_next(q, &at, &len);
			/* An operator needs an operand after it. */
			t = q_peek(q, &at, &len);
			if (t == Q_END || t == Q_RP)
				return q_error(q, at, len);
		}
		q_peek(q, &at, &len);
		int next = q_operand(q, depth);
		if (next < 0)
			return -1;
		/* Implicit AND joins phrases only, not parentheses (FTS5's exprlist). */
		if (implicit && (paren || next))
			return q_error(q, at, len);
		paren = next;
	}
}

/* NULL when FTS5 would read query, else its message (allocated; "out of
 * memory" allocated too when that failed). Also store_browse.c's. */
char *store_fts5_query_problem(const char *query, const char *const *cols);
char *store_fts5_query_problem(const char *query, const char *const *cols)
{
	struct fts5q q = {.p = query, .cols = cols};
	const char *at;
	size_t len;
	if (!q_expr(&q, 0) && q_next(&q, &at, &len) != Q_END)
		q_error(&q, at, len);
	return q.err;
}

int store_text_query_check(struct store *s, const char *query, char **err)
{
	static const char *const event_columns[] = {"summary", "evidence", NULL};
	if (is_pg(s)) {
		/* An empty query is FTS5's error too ("syntax error near """). */
		char *problem = store_fts5_query_problem(query, event_columns);
		if (problem) {
			*err = problem;
			return 1;
		}
	}
	/* FTS5 parses the query when the statement runs, not when it is
	 * prepared. PostgreSQL's websearch_to_tsquery reads any text (what it
	 * cannot read it drops): the query runs all the same, on the index the
	 * searches use. */
	struct db_stmt *st = prep(s, is_pg(s)
				? "SELECT count(*) FROM (SELECT 1 FROM events WHERE event_search(summary, evidence)"
				  " @@ websearch_to_tsquery('communique', $1) LIMIT 1) q"
				: "SELECT count(*) FROM (SELECT 1 FROM events_fts"
				  " WHERE events_fts MATCH $1 LIMIT 1)", "cannot search the events", err);
	if (!st)
		return -1;
	bind_text(st, 1, query);
	int rc = db_step(st);
	int verdict = 0;
	/* A plain error is the query's fault; I/O, corruption, locks and
	 * memory are the archive's. */
	if (rc != DB_ROW && db_errclass(s->db) == DB_E_OTHER) {
		*err = strdup(db_errmsg(s->db));
		verdict = *err ? 1 : -1;
	} else if (rc != DB_ROW) {
		store_fail(s, err, "cannot search the events");
		verdict = -1;
	}
	db_finalize(st);
	return verdict;
}
