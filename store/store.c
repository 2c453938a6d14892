/* The archive's lifetime: opening, refusing foreign files, schema migrations,
 * transactions (with the full-text indexing they defer to their commit),
 * bulk settings, the cache of ids, and import runs. Reports and events are
 * in store_reports.c and store_events.c. */
#include "store/store_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/embedded.h"

/* 'Cmnq': marks a file as a communique archive (PRAGMA application_id). */
#define APPLICATION_ID 0x436d6e71

static const char *const stmt_sql[ST_COUNT] = {
	[ST_AGENCY_GET] = "SELECT id FROM agencies WHERE name = $1",
	[ST_AGENCY_ADD] = "INSERT INTO agencies(name) VALUES ($1) RETURNING id",
	[ST_BY_HASH] = "SELECT id FROM reports WHERE content_hash = $1",
	/* A URL names a report of one agency: the same URL from another agency
	 * is another report. A guid names an item of one feed: of the same
	 * agency and, when known, the same source. */
	[ST_BY_URL] = "SELECT r.id FROM reports r LEFT JOIN agencies a ON a.id = r.agency_id"
		" WHERE r.url = $1 AND a.name IS $2 ORDER BY r.id LIMIT 1",
	[ST_BY_GUID] = "SELECT r.id FROM reports r LEFT JOIN agencies a ON a.id = r.agency_id"
		" WHERE r.guid = $1 AND a.name IS $2 AND ($3 IS NULL OR r.source_path IS $3) ORDER BY r.id LIMIT 1",
	[ST_BY_IDENTITY] = "SELECT id FROM reports WHERE identity_key = $1 ORDER BY id LIMIT 1",
	/* OR FAIL, as for events below: both run only inside the savepoint that
	 * makes a report atomic, so SQLite need not also keep a statement
	 * journal (a copy of every page the statement and its triggers touch)
	 * to undo half a statement; the savepoint undoes it all. */
	[ST_REPORT_ADD] =
		"INSERT OR FAIL INTO reports(agency_id, title, place, published, published_known, tz_offset,"
		" published_text, lede, body, url, guid, author, format, summary_only, source_path,"
		" content_hash, identity_key, imported_at, text_hash, hints, warnings, extracted_with)"
		" VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22)",
	[ST_REPORT_UPDATE] =
		"UPDATE reports SET agency_id=$1, title=$2, place=$3, published=$4, published_known=$5,"
		" tz_offset=$6, published_text=$7, lede=$8, body=$9, url=$10, guid=$11, author=$12,"
		" format=$13, summary_only=$14, source_path=$15, content_hash=$16, identity_key=$17,"
		" imported_at=$18, text_hash=$19, hints=$20, warnings=$21, extracted_with=$22,"
		" version = version + 1 WHERE id = $23",
	[ST_REPORT_HINTED] = "UPDATE reports SET fixed = json_patch(ifnull(fixed, '{}'), $2) WHERE id = $1",
	[ST_BY_TEXT] = "SELECT r.id, r.published_known, a.name, r.fixed FROM reports r"
		" LEFT JOIN agencies a ON a.id = r.agency_id WHERE r.text_hash = $1 ORDER BY r.id LIMIT 1",
	[ST_REPORT_EXTRACTED] = "UPDATE reports SET extracted_with = $2 WHERE id = $1",
	/* A corrected date or agency: the published text as written no longer
	 * says what the report's date is, so it goes. */
	[ST_REPORT_FIX] = "UPDATE reports SET fixed = json_patch(ifnull(fixed, '{}'), $12), agency_id = $2, title = $3, url = $4, published = $5,"
		" published_known = $6, tz_offset = $7, content_hash = $8, text_hash = $9, identity_key = $10,"
		" hints = $11, published_text = CASE WHEN published_known = $6 AND published IS $5"
		" THEN published_text END, version = version + 1 WHERE id = $1",
	[ST_REPORT_EVENTS] = "SELECT event_id FROM event_reports WHERE report_id = $1 ORDER BY event_id",
	/* Events a person added keep the report they were tied to. */
	[ST_UNLINK_REPORT] = "DELETE FROM event_reports WHERE report_id = $1"
		" AND event_id NOT IN (SELECT id FROM events WHERE origin = 1)",
	/* The reports of the events merged into it still tell it. */
	[ST_EVENT_WITHDRAW] = "UPDATE events SET gone = gone | 1, changed_at = $2 WHERE id = $1 AND origin = 0"
		" AND gone & 1 = 0 AND NOT EXISTS (SELECT 1 FROM event_reports WHERE event_id = $1)"
		" AND NOT EXISTS (SELECT 1 FROM events m JOIN event_reports er ON er.event_id = m.id"
		"   WHERE m.merged_into = $1 AND m.gone & 4)",
	[ST_EVENT_ACTORS_DEL] = "DELETE FROM event_actors WHERE event_id = $1",
	[ST_EVENT_TOPICS_DEL] = "DELETE FROM event_topics WHERE event_id = $1",
	/* The same event told again: a compatible date is this one or one that
	 * starts with it ($2 <= date < $3, $3 being $2 followed by a byte above
	 * any date's), or its year or month ($4, $5). Index ranges only: the
	 * events of the same parties may be many, all year. (Not "IN ($4, $5)":
	 * SQLite builds a temporary table for that at every run.) */
	[ST_EVENT_FIND] = "SELECT id, date, EXISTS (SELECT 1 FROM event_base b WHERE b.event_id = events.id)"
		" FROM events WHERE party_key = $1 AND date >= $2 AND date < $3"
		" UNION ALL SELECT id, date, EXISTS (SELECT 1 FROM event_base b WHERE b.event_id = events.id)"
		" FROM events WHERE party_key = $1 AND date = $4"
		" UNION ALL SELECT id, date, EXISTS (SELECT 1 FROM event_base b WHERE b.event_id = events.id)"
		" FROM events WHERE party_key = $1 AND date = $5"
		/* A curated event is found by what extraction found, not by the
		 * date a person gave it (third column 2). */
		" UNION ALL SELECT event_id, date, 2 FROM event_base WHERE party_key = $1 AND date >= $2 AND date < $3"
		" UNION ALL SELECT event_id, date, 2 FROM event_base WHERE party_key = $1 AND date = $4"
		" UNION ALL SELECT event_id, date, 2 FROM event_base WHERE party_key = $1 AND date = $5",
	/* Above the links too: rows left by a delete made with foreign keys
	 * off (the sqlite3 shell's default) must not meet a new event. */
	[ST_EVENT_NEXT_ID] = "SELECT max(ifnull((SELECT max(id) FROM events), 0),"
		" ifnull((SELECT max(event_id) FROM event_actors), 0),"
		" ifnull((SELECT max(event_id) FROM event_topics), 0),"
		" ifnull((SELECT max(event_id) FROM event_reports), 0)) + 1",
	/* Told again: supported again, if it had been withdrawn. */
	[ST_EVENT_TOUCH] = "UPDATE events SET changed_at = $2, gone = gone & ~1 WHERE id = $1",
	[ST_EVENT_REDATE] = "UPDATE events SET date = $2, date_precision = $3, changed_at = $4, gone = gone & ~1"
		" WHERE id = $1",
	[ST_BASE_REDATE] = "UPDATE event_base SET date = $2, date_precision = $3 WHERE event_id = $1",
	[ST_ACTOR_GET] = "SELECT id FROM actors WHERE name = $1 AND code = $2",
	[ST_ACTOR_ADD] = "INSERT INTO actors(name, code, kind) VALUES ($1, $2, $3) RETURNING id",
	[ST_TOPIC_GET] = "SELECT id FROM topics WHERE name = $1",
	[ST_TOPIC_ADD] = "INSERT INTO topics(name, kind) VALUES ($1, $2) RETURNING id",
	[ST_ALIAS_ADD] = "INSERT OR IGNORE INTO actor_aliases(actor_id, alias) VALUES ($1, $2)",
	[ST_SAVEPOINT] = "SAVEPOINT report",
	[ST_RELEASE] = "RELEASE report",
	[ST_DEFER_ON] = "INSERT INTO fts_deferred(id) VALUES (1)",
	[ST_DEFER_OFF] = "DELETE FROM fts_deferred",
	/* One statement for the whole batch: FTS5 writes its pending data out at
	 * the start and end of every statement, so row by row would cut the
	 * index into a segment a row. $1 is a JSON array of ids. */
	[ST_FTS_REPORT] = "INSERT INTO reports_fts(rowid, title, lede, body)"
		" SELECT id, title, lede, body FROM reports WHERE id IN (SELECT value FROM json_each($1))",
	[ST_FTS_EVENT] = "INSERT INTO events_fts(rowid, summary, evidence)"
		" SELECT id, summary, evidence FROM events WHERE id IN (SELECT value FROM json_each($1))",
	/* The batch's change numbers, in the order of $1 (a JSON array of
	 * event ids, an id written twice keeping its later number) from $2 on. */
	[ST_CHANGES_ADD] = "INSERT OR REPLACE INTO event_changes(event_id, seq)"
		" SELECT value, $2 + key FROM json_each($1)",
	[ST_COUNTER_GET] = "SELECT seq FROM change_counter WHERE id = 1",
	[ST_COUNTER_SET] = "UPDATE change_counter SET seq = $1 WHERE id = 1",
};

/* The same statements for an archive kept below migration 6 (store_open_at,
 * for tests of the migrations): no curation columns, and events no report
 * supports are deleted, as they were then. */
static const char *const stmt_sql_before_6[ST_COUNT] = {
	[ST_REPORT_ADD] =
		"INSERT OR FAIL INTO reports(agency_id, title, place, published, published_known, tz_offset,"
		" published_text, lede, body, url, guid, author, format, summary_only, source_path,"
		" content_hash, identity_key, imported_at)"
		" VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18)",
	[ST_REPORT_UPDATE] =
		"UPDATE reports SET agency_id=$1, title=$2, place=$3, published=$4, published_known=$5,"
		" tz_offset=$6, published_text=$7, lede=$8, body=$9, url=$10, guid=$11, author=$12,"
		" format=$13, summary_only=$14, source_path=$15, content_hash=$16, identity_key=$17,"
		" imported_at=$18, version = version + 1 WHERE id = $23",
	[ST_BY_TEXT] = "SELECT NULL WHERE $1 IS NULL AND 0",
	[ST_EVENT_FIND] = "SELECT id, date, 0 FROM events WHERE party_key = $1 AND date >= $2 AND date < $3"
		" UNION ALL SELECT id, date, 0 FROM events WHERE party_key = $1 AND date = $4"
		" UNION ALL SELECT id, date, 0 FROM events WHERE party_key = $1 AND date = $5",
	[ST_EVENT_TOUCH] = "UPDATE events SET changed_at = $2 WHERE id = $1",
	[ST_EVENT_REDATE] = "UPDATE events SET date = $2, date_precision = $3, changed_at = $4 WHERE id = $1",
	[ST_UNLINK_REPORT] = "DELETE FROM event_reports WHERE report_id = $1",
	[ST_EVENT_WITHDRAW] = "DELETE FROM events WHERE id = $1 AND $2 = $2"
		" AND NOT EXISTS (SELECT 1 FROM event_reports WHERE event_id = $1)",
};

static char *msg(const char *fmt, const char *a, const char *b)
{
	struct buf m;
	buf_init(&m, 8192);
	buf_printf(&m, fmt, a, b);
	return buf_finish_msg(&m, "the archive's message");
}

int store_fail(struct store *s, char **err, const char *what)
{
	/* A failed statement may have rolled back more than itself. */
	if (s)
		store_cache_forget(s);
	if (err)
		*err = msg("%s: %s", what, s && s->db ? db_errmsg(s->db) : "out of memory");
	return -1;
}

struct db_stmt *store_stmt(struct store *s, enum stmt_id id, char **err)
{
	const char *sql = s->before_6 && stmt_sql_before_6[id] ? stmt_sql_before_6[id] : stmt_sql[id];
	if (!s->st[id] && db_prepare(s->db, sql, 1, &s->st[id])) {
		store_fail(s, err, "cannot prepare a statement");
		return NULL;
	}
	db_reset(s->st[id]);
	db_clear(s->st[id]);
	return s->st[id];
}

int store_step_done(struct store *s, struct db_stmt *st, const char *what, char **err)
{
	if (db_step(st) != DB_DONE) {
		store_fail(s, err, what);
		db_reset(st);
		return -1;
	}
	db_reset(st);
	return 0;
}

int store_step_id(struct store *s, struct db_stmt *st, const char *what, int64_t *id, char **err)
{
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*id = db_column_int64(st, 0);
		rc = db_step(st);
	} else if (rc == DB_DONE) {
		rc = DB_FAIL;   /* no row: the statement returns no id */
	}
	if (rc != DB_DONE) {
		store_fail(s, err, what);
		db_reset(st);
		return -1;
	}
	db_reset(st);
	return 0;
}

int store_exec(struct store *s, const char *sql, char **err)
{
	if (db_exec(s->db, sql)) {
		if (err)
			*err = msg("%s: %s", "archive error", db_errmsg(s->db));
		return -1;
	}
	return 0;
}

int bind_text(struct db_stmt *st, int i, const char *s)
{
	return s ? db_bind_text_static(st, i, s, -1) : db_bind_null(st, i);
}

int store_latest_version(void)
{
	int n = 0;
	while (embedded_schema[n].name)
		n++;
	return n;
}

static int pragma_int(struct store *s, const char *sql, int *out, char **err)
{
	struct db_stmt *st;
	if (db_prepare(s->db, sql, 0, &st))
		return store_fail(s, err, "cannot read the archive");
	int rc = db_step(st);
	if (rc == DB_ROW)
		*out = db_column_int(st, 0);
	db_finalize(st);
	if (rc != DB_ROW)
		return store_fail(s, err, "cannot read the archive");
	return 0;
}

/* SQLite only: the schema version is the file's user_version. */
int store_version(struct store *s)
{
	int v = -1;
	pragma_int(s, "PRAGMA user_version", &v, NULL);
	return v;
}

/* SQLite only (the file's application_id, user_version and sqlite_schema).
 * Refuses files that are not ours: an SQLite file with tables but another
 * application id, or an archive from a newer version. */
static int check_identity(struct store *s, int *version, char **err)
{
	int app = 0, tables = 0;
	if (pragma_int(s, "PRAGMA application_id", &app, err) ||
	    pragma_int(s, "PRAGMA user_version", version, err) ||
	    pragma_int(s, "SELECT count(*) FROM sqlite_schema", &tables, err)) {
		free(*err);
		if (db_errclass(s->db) == DB_E_NOTADB)
			*err = msg("'%s' is not a communique archive (%s); it was left untouched", s->path,
				   db_errmsg(s->db));
		else
			*err = msg("cannot read archive '%s': %s", s->path, db_errmsg(s->db));
		return -1;
	}
	if (app != APPLICATION_ID && (tables > 0 || *version != 0)) {
		*err = msg("'%s' is not a communique archive%s", s->path,
			   " (an SQLite file of another application); it was left untouched");
		return -1;
	}
	if (*version > store_latest_version()) {
		struct buf m;
		buf_init(&m, 4096);
		buf_printf(&m, "'%s' was written by a newer communique (schema %d, this one knows %d);"
			   " it was left untouched", s->path, *version, store_latest_version());
		*err = buf_finish_msg(&m, "the message that the archive is newer");
		return -1;
	}
	return 0;
}

/* SQLite only: the version read and written is the file's user_version,
 * BEGIN IMMEDIATE takes SQLite's write lock. */
static int migrate(struct store *s, int from, int to, char **err)
{
	if (from >= to)
		return 0;
	if (store_exec(s, "BEGIN IMMEDIATE", err))
		return -1;
	/* Another process may have migrated while this one waited for the
	 * write lock (two first commands on a new archive): what it did is
	 * read again under the lock, never done twice. */
	int now = 0;
	if (pragma_int(s, "PRAGMA user_version", &now, err)) {
		db_exec(s->db, "ROLLBACK");
		return -1;
	}
	if (now > store_latest_version()) {
		db_exec(s->db, "ROLLBACK");
		*err = msg("the archive was upgraded meanwhile by a newer communique (schema %s%s)", "", "");
		return -1;
	}
	if (now >= to)
		return store_exec(s, "COMMIT", err);
	from = now;
	struct buf sql;
	buf_init(&sql, 0);
	for (int v = from; v < to; v++) {
		if (store_exec(s, embedded_schema[v].data, err)) {
			char *inner = *err;
			*err = msg("migration %s failed: %s", embedded_schema[v].name, inner);
			free(inner);
			goto fail;
		}
	}
	buf_printf(&sql, "PRAGMA application_id = %d; PRAGMA user_version = %d;", APPLICATION_ID, to);
	/* An empty statement would commit the migration without its version. */
	if (buf_failed(&sql)) {
		*err = strdup("out of memory");
		goto fail;
	}
	if (store_exec(s, buf_str(&sql), err) || store_exec(s, "COMMIT", err))
		goto fail;
	buf_release(&sql);
	return 0;
fail:
	buf_release(&sql);
	db_exec(s->db, "ROLLBACK");
	return -1;
}

/* SQLite only: the settings of the file (for a new archive) and of the connection. */
static int sqlite_settings(struct store *s, int flags, int new_archive, char **err)
{
	/* A new archive gets 16 KiB pages, before WAL fixes the size: its rows
	 * are text of a few hundred bytes to a few kilobytes, and with four
	 * times fewer pages its indexes are a level shallower and the page
	 * cache has four times fewer pages to find. Importing 100,000
	 * generated reports took 36 s instead of 42 (user time 28 s instead of
	 * 35); 32 KiB gained little more. Older archives keep their size. */
	if (!s->readonly && new_archive && store_exec(s, "PRAGMA page_size=16384", err))
		return -1;
	if (!s->readonly) {
		const char *sync = (flags & STORE_SYNC_NORMAL) ? "PRAGMA synchronous=NORMAL"
							    : "PRAGMA synchronous=FULL";
		char *e2 = NULL;
		if (store_exec(s, "PRAGMA journal_mode=WAL", &e2) || store_exec(s, sync, &e2)) {
			*err = msg("cannot write archive '%s': %s", s->path, e2);
			free(e2);
			return -1;
		}
	}
	return store_exec(s, "PRAGMA foreign_keys=ON", err);
}

static int64_t session_time(void)
{
	/* Reproducible archives for tests and golden files. */
	const char *e = getenv("SOURCE_DATE_EPOCH");
	if (e && *e)
		return strtoll(e, NULL, 10);
	return (int64_t)time(NULL);
}

int store_open_at(const char *path, int flags, int version, struct store **out, char **err)
{
	*out = NULL;
	struct store *s = calloc(1, sizeof(*s));
	if (s)
		buf_init(&s->triggers, 0);
	if (!s || !(s->path = strdup(path))) {
		free(s);
		*err = strdup("out of memory");
		return -1;
	}
	s->readonly = (flags & STORE_READONLY) != 0;
	s->now = session_time();
	for (int t = 0; t < RT_COUNT; t++)
		buf_init(&s->rows[t].arena, 0);
	struct stat sb;
	if (s->readonly && stat(path, &sb) != 0) {
		*err = msg("cannot open archive '%s': %s", path, "no such file");
		goto fail;
	}
	/* A connection is only ever used by the thread that opened it: no
	 * mutex around every call. */
	char *e = NULL;
	if (db_open(path, DB_NOMUTEX | (s->readonly ? DB_READONLY : DB_CREATE), &s->db, &e)) {
		*err = msg("cannot open archive %s%s", e ? e : "", e ? "" : "(out of memory)");
		free(e);
		goto fail;
	}
	int v = 0;
	if (check_identity(s, &v, err))
		goto fail;
	if (sqlite_settings(s, flags, v == 0, err))
		goto fail;
	if (version > store_latest_version())
		version = store_latest_version();
	if (!s->readonly && migrate(s, v, version, err)) {
		char *inner = *err;
		*err = msg("cannot update archive '%s': %s", path, inner);
		free(inner);
		goto fail;
	}
	/* Text hashes need SHA-256, which the SQL of migration 6 has not: the
	 * reports it found get theirs at the first open that can write. */
	int unhashed = 0;
	if (!s->readonly && version >= 6 &&
	    pragma_int(s, "SELECT EXISTS (SELECT 1 FROM reports WHERE text_hash IS NULL)", &unhashed, err))
		goto fail;
	if (unhashed && (store_exec(s, "BEGIN IMMEDIATE", err) || store_fill_text_hashes(s, err) ||
			 store_exec(s, "COMMIT", err))) {
		db_exec(s->db, "ROLLBACK");
		goto fail;
	}
	if (!s->readonly && pragma_int(s, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
				       " AND name = 'fts_deferred'", &s->defer, err))
		goto fail;
	/* From migration 4 the change triggers leave a batch's events to the
	 * store; before it they number every write themselves. */
	s->own_changes = !s->readonly && store_version(s) >= 4;
	s->before_6 = store_version(s) < 6;
	*out = s;
	return 0;
fail:
	store_close(s);
	return -1;
}

int store_open(const char *path, int flags, struct store **out, char **err)
{
	return store_open_at(path, flags, store_latest_version(), out, err);
}

void store_close(struct store *s)
{
	if (!s)
		return;
	for (int i = 0; i < ST_COUNT; i++)
		db_finalize(s->st[i]);
	rows_release(s);   /* its statements, before the connection goes */
	db_close(s->db);
	store_cache_forget(s);
	free(s->ids.slot);
	free(s->fts_reports.v);
	free(s->fts_events.v);
	free(s->changes.v);
	buf_release(&s->triggers);
	free(s->path);
	free(s->extractor);
	free(s);
}

/* ---- batches and deferred full-text indexing ------------------------------ */

int store_deferring(const struct store *s)
{
	return s->batch;
}

int store_deferred_pending(const struct store *s)
{
	return s->fts_reports.n > 0 || s->fts_events.n > 0 || s->changes.n > 0;
}

int store_defer_id(struct store *s, struct id_list *l, int64_t id, char **err)
{
	(void)s;
	if (grow_array((void **)&l->v, &l->cap, l->n + 1, sizeof(*l->v))) {
		*err = strdup("out of memory");
		return -1;
	}
	l->v[l->n++] = id;
	return 0;
}

/* Runs statement `id` with $1 the ids of l as a JSON array (and $2 `arg2`
 * when not negative). */
static int with_id_array(struct store *s, struct id_list *l, enum stmt_id id, int64_t arg2,
			 const char *what, char **err)
{
	struct buf json;
	buf_init(&json, 0);
	int rc = buf_addch(&json, '[');
	/* Written by hand: printf was a tenth of this function's time. */
	for (size_t i = 0; i < l->n && !rc; i++) {
		char digits[24], *p = digits + sizeof(digits);
		uint64_t v = (uint64_t)l->v[i];   /* rowids here are positive */
		do
			*--p = (char)('0' + v % 10);
		while (v /= 10);
		if (i)
			*--p = ',';
		rc = buf_add(&json, p, (size_t)(digits + sizeof(digits) - p));
	}
	if (rc || buf_addch(&json, ']')) {
		buf_release(&json);
		*err = strdup("out of memory");
		return -1;
	}
	struct db_stmt *st = store_stmt(s, id, err);
	rc = -1;
	if (st) {
		db_bind_text_static(st, 1, json.data, (ptrdiff_t)json.len);
		if (arg2 >= 0)
			db_bind_int64(st, 2, arg2);
		rc = store_step_done(s, st, what, err);
		db_clear(st);
	}
	buf_release(&json);
	return rc;
}

static int fts_index(struct store *s, struct id_list *l, enum stmt_id id, char **err)
{
	if (!l->n)
		return 0;
	if (with_id_array(s, l, id, -1, "cannot index the full text", err))
		return -1;
	l->n = 0;
	return 0;
}

/* Numbers the events written in the batch above the counter, and moves it. */
static int number_changes(struct store *s, char **err)
{
	if (!s->changes.n)
		return 0;
	int64_t seq;
	struct db_stmt *st = store_stmt(s, ST_COUNTER_GET, err);
	if (!st)
		return -1;
	int rc = db_step(st);
	seq = db_column_int64(st, 0);
	db_reset(st);
	if (rc != DB_ROW)
		return store_fail(s, err, "cannot read the change counter");
	/* The list is kept until both are written: retried after a failure,
	 * the numbers start above the counter again. */
	if (with_id_array(s, &s->changes, ST_CHANGES_ADD, seq + 1, "cannot record changed events", err) ||
	    !(st = store_stmt(s, ST_COUNTER_SET, err)))
		return -1;
	db_bind_int64(st, 1, seq + (int64_t)s->changes.n);
	if (store_step_done(s, st, "cannot record changed events", err))
		return -1;
	s->changes.n = 0;
	return 0;
}

int store_deferred_flush(struct store *s, char **err)
{
	return fts_index(s, &s->fts_reports, ST_FTS_REPORT, err) ||
	       fts_index(s, &s->fts_events, ST_FTS_EVENT, err) || number_changes(s, err) ? -1 : 0;
}

/* Forgets the batch's deferred rows and what the cache learnt: after a
 * rollback neither exists any more. */
static void batch_end(struct store *s)
{
	s->batch = 0;
	s->unguarded = 0;
	s->next_event = 0;
	buf_reset(&s->triggers);
	s->fts_reports.n = s->fts_events.n = s->changes.n = 0;
	rows_discard(s);
	store_cache_forget(s);
}

/* SQLite only: where its temporary tables and journals go.
 * The journal of the savepoint a report is written in (outside unguarded
 * batches) stays in memory during a batch (it is emptied at every report's
 * end), instead of going
 * to a temporary file at each report; outside batches, temporary storage
 * is SQLite's default again, so that large sorts may use files. Set before
 * BEGIN: SQLite reads it when the transaction starts. */
static void temp_in_memory(struct store *s, int on)
{
	db_exec(s->db, on ? "PRAGMA temp_store=MEMORY" : "PRAGMA temp_store=DEFAULT");
}

/* SQLite only: the triggers' SQL is read back from sqlite_schema.
 * A batch suspends the triggers whose work it does itself (from migration
 * 4): the full-text entries and change numbers of new reports and events.
 * Left in place they would do nothing in a batch (fts_deferred), but a
 * statement that may fire a trigger writing to a full-text table keeps a
 * statement journal, a copy of every page it touches, and so did every
 * insert of events. They are dropped after BEGIN and created again, from
 * the archive's own text of them, before COMMIT: no other connection ever
 * sees them missing, and a crash rolls the drop back with the batch. */
static int triggers_off(struct store *s, char **err)
{
	struct db_stmt *st;
	if (db_prepare(s->db, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'"
			       " AND name IN ('reports_fts_ai', 'events_ai', 'events_change_au')", 0, &st))
		return store_fail(s, err, "cannot begin a batch");
	struct buf drop;
	buf_init(&drop, 0);
	int rc, oom = 0;
	buf_reset(&s->triggers);
	while ((rc = db_step(st)) == DB_ROW)
		oom |= buf_printf(&drop, "DROP TRIGGER %s;", db_column_text(st, 0)) ||
		       buf_printf(&s->triggers, "%s;", db_column_text(st, 1));
	db_finalize(st);
	if (rc != DB_DONE || oom) {
		buf_release(&drop);
		buf_reset(&s->triggers);
		if (oom) {
			*err = strdup("out of memory");
			return -1;
		}
		return store_fail(s, err, "cannot begin a batch");
	}
	rc = drop.len ? store_exec(s, buf_str(&drop), err) : 0;
	buf_release(&drop);
	return rc;
}

static int triggers_on(struct store *s, char **err)
{
	if (!s->triggers.len)
		return 0;
	if (store_exec(s, buf_str(&s->triggers), err))
		return -1;
	buf_reset(&s->triggers);
	return 0;
}

int store_begin(struct store *s, char **err)
{
	temp_in_memory(s, 1);
	if (store_exec(s, "BEGIN IMMEDIATE", err)) {
		temp_in_memory(s, 0);
		return -1;
	}
	if (s->defer == 1) {
		struct db_stmt *st = store_stmt(s, ST_DEFER_ON, err);
		if (!st || store_step_done(s, st, "cannot begin a batch", err) ||
		    (s->own_changes && triggers_off(s, err))) {
			store_rollback(s);
			return -1;
		}
		s->batch = 1;
	}
	return 0;
}

int store_commit(struct store *s, char **err)
{
	if (s->unguarded == 2) {
		*err = strdup("cannot commit: a report failed in an unguarded batch, which must be rolled back");
		return -1;
	}
	if (s->batch) {
		struct db_stmt *st;
		if (db_autocommit(s->db)) {
			*err = strdup("cannot commit: the batch was rolled back by an error");
			return -1;
		}
		if (store_deferred_flush(s, err) || triggers_on(s, err))
			return -1;
		if (!(st = store_stmt(s, ST_DEFER_OFF, err)) ||
		    store_step_done(s, st, "cannot end the batch", err))
			return -1;
		s->batch = 0;
		s->next_event = 0;
	}
	if (store_exec(s, "COMMIT", err)) {
		store_cache_forget(s);
		return -1;
	}
	s->unguarded = 0;
	temp_in_memory(s, 0);
	return 0;
}

void store_unguarded(struct store *s, int on)
{
	if (s->unguarded != 2)
		s->unguarded = on ? 1 : 0;
}

void store_rollback(struct store *s)
{
	if (!db_autocommit(s->db))
		db_exec(s->db, "ROLLBACK");
	batch_end(s);
	temp_in_memory(s, 0);
}

/* SQLite only: the WAL written so far goes into the archive, so that
 * readers do not search a long log. Passive: when another connection is
 * checkpointing (SQLite's BUSY), the pragma says so in its row and this
 * leaves it to it. */
static int checkpoint(struct store *s, char **err)
{
	if (store_exec(s, "PRAGMA wal_checkpoint(PASSIVE)", NULL))
		return store_fail(s, err, "cannot checkpoint the archive");
	return 0;
}

/* SQLite only (its page cache, WAL and foreign-key pragmas).
 * Bulk imports: a page cache that holds a batch's pages and the indexes'
 * pages (256 MiB instead of 2: room for a batch of 10,000 reports of a few
 * kilobytes with the indexes of an archive of 100,000; a batch then writes
 * its pages once, instead of spilling them and reading them back; 100,000
 * reports took 53 s with 64 MiB, 46 s with 256) and a WAL checkpoint every 256 MiB instead of every 4 (each
 * checkpoint copies the hot pages of every index again: importing 30,000
 * reports into an archive of 30,000 wrote 4.6 GB with checkpoints every
 * 64 MiB, 2.4 GB with 256). Memory stays bounded by the cache, the WAL by
 * the checkpoint interval.
 *
 * Foreign keys are not enforced meanwhile: every id the importer writes
 * comes from the store itself, and checking each link's parents was a
 * tenth of the cost of storing events. The one delete of the import path
 * (unlink_events) removes the children itself; `check` verifies the keys.
 * (The pragma does nothing inside a transaction: called there, the keys
 * simply stay on.) */
int store_bulk(struct store *s, int on, char **err)
{
	if (s->readonly || on == s->bulk)
		return 0;
	/* The foreign-key pragma would do nothing inside one, and bulk mode
	 * would end with the keys still off. */
	if (!db_autocommit(s->db)) {
		*err = strdup("bulk mode cannot change inside a transaction");
		return -1;
	}
	struct buf sql;
	buf_init(&sql, 0);
	if (on) {
		if (pragma_int(s, "PRAGMA cache_size", &s->saved_cache, err) ||
		    pragma_int(s, "PRAGMA wal_autocheckpoint", &s->saved_checkpoint, err))
			return -1;
		buf_addstr(&sql, "PRAGMA cache_size=-262144; PRAGMA wal_autocheckpoint=65536;"
			   " PRAGMA foreign_keys=OFF");
	} else {
		buf_printf(&sql, "PRAGMA cache_size=%d; PRAGMA wal_autocheckpoint=%d; PRAGMA foreign_keys=ON",
			   s->saved_cache, s->saved_checkpoint);
	}
	int rc = buf_failed(&sql) ? (*err = strdup("out of memory"), -1) : store_exec(s, buf_str(&sql), err);
	buf_release(&sql);
	if (rc)
		return -1;
	s->bulk = on;
	return on ? 0 : checkpoint(s, err);
}

/* ---- the cache of ids ------------------------------------------------------- */

/* Enough for every actor and topic of a large archive; past it the cache
 * starts again, so that memory stays bounded whatever is imported. */
#define CACHE_MAX 65536

static uint64_t key_hash(const char *key, size_t len)
{
	uint64_t h = 1469598103934665603u;   /* FNV-1a */
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)key[i];
		h *= 1099511628211u;
	}
	return h;
}

/* The slot holding key, or the free slot where it would go. */
static struct id_slot *cache_find(struct id_cache *c, const char *key, size_t len)
{
	size_t mask = c->cap - 1;
	for (size_t i = (size_t)key_hash(key, len) & mask;; i = (i + 1) & mask) {
		struct id_slot *e = &c->slot[i];
		if (!e->key || (e->len == len && !memcmp(e->key, key, len)))
			return e;
	}
}

int store_cache_get(struct store *s, const char *key, size_t len, int64_t *id)
{
	if (!s->ids.n)
		return 0;
	struct id_slot *e = cache_find(&s->ids, key, len);
	if (!e->key)
		return 0;
	*id = e->id;
	return 1;
}

static int cache_grow(struct id_cache *c)
{
	size_t cap = c->cap ? c->cap * 2 : 256;
	struct id_slot *old = c->slot;
	size_t old_cap = c->cap;
	if (!(c->slot = calloc(cap, sizeof(*c->slot)))) {
		c->slot = old;
		return -1;
	}
	c->cap = cap;
	for (size_t i = 0; i < old_cap; i++)
		if (old[i].key)
			*cache_find(c, old[i].key, old[i].len) = old[i];
	free(old);
	return 0;
}

int store_cache_put(struct store *s, const char *key, size_t len, int64_t id)
{
	struct id_cache *c = &s->ids;
	if (c->n >= CACHE_MAX)
		store_cache_forget(s);
	if ((c->n + 1) * 2 > c->cap && cache_grow(c))
		return -1;
	struct id_slot *e = cache_find(c, key, len);
	if (e->key) {
		e->id = id;
		return 0;
	}
	if (!(e->key = malloc(len ? len : 1)))
		return -1;
	memcpy(e->key, key, len);
	e->len = len;
	e->id = id;
	c->n++;
	return 0;
}

void store_cache_forget(struct store *s)
{
	struct id_cache *c = &s->ids;
	for (size_t i = 0; i < c->cap && c->n; i++)
		if (c->slot[i].key) {
			free(c->slot[i].key);
			c->slot[i].key = NULL;
			c->n--;
		}
	c->n = 0;
}

int store_run_begin(struct store *s, const char *command, int64_t *run_id, char **err)
{
	struct db_stmt *st;
	if (db_prepare(s->db, "INSERT INTO import_runs(started_at, command) VALUES ($1, $2) RETURNING id", 0, &st))
		return store_fail(s, err, "cannot record the run");
	db_bind_int64(st, 1, s->now);
	bind_text(st, 2, command);
	int rc = store_step_id(s, st, "cannot record the run", run_id, err);
	db_finalize(st);
	return rc;
}

int store_run_end(struct store *s, int64_t run_id, long imported, long unchanged, long replaced,
		  long failed, char **err)
{
	struct db_stmt *st;
	if (db_prepare(s->db,
			       "UPDATE import_runs SET ended_at=$2, imported=$3, unchanged=$4, replaced=$5,"
			       " failed=$6 WHERE id=$1", 0, &st))
		return store_fail(s, err, "cannot record the run");
	db_bind_int64(st, 1, run_id);
	db_bind_int64(st, 2, session_time());
	db_bind_int64(st, 3, imported);
	db_bind_int64(st, 4, unchanged);
	db_bind_int64(st, 5, replaced);
	db_bind_int64(st, 6, failed);
	int rc = db_step(st);
	db_finalize(st);
	return rc == DB_DONE ? 0 : store_fail(s, err, "cannot record the run");
}

int store_broken(struct store *s)
{
	/* An error the database answered by rolling back the whole transaction
	 * (a trigger's RAISE(ROLLBACK)): whatever the batch held is gone, and
	 * nothing written after it would be in a batch. */
	if (s->batch && db_autocommit(s->db))
		return 1;
	switch (db_errclass(s->db)) {
	case DB_E_IO: case DB_E_FULL: case DB_E_READONLY: case DB_E_CANTOPEN: case DB_E_NOMEM:
	case DB_E_NOTADB: case DB_E_BUSY:
		return 1;
	default:
		return 0;
	}
}
