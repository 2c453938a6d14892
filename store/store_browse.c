/* Queries of the browser workspace (communique serve, web/): reports a page
 * at a time, newest first, optionally those a full-text query finds. */
#include "store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

static const char *text_col(struct db_stmt *st, int i)
{
	return db_column_text(st, i);
}

/* store_admin.c: FTS5's query syntax checked (for PostgreSQL). Its
 * declaration belongs in store_internal.h, which is not this change's. */
char *store_fts5_query_problem(const char *query, const char *const *cols);

int store_reports_page(struct store *s, const char *text, int64_t before_id, long limit, store_report_fn fn,
		       void *ctx, char **err)
{
	/* Keyset on the id: page N costs what page 1 does, whatever N. The
	 * body is left out: a list shows titles, and a body may be megabytes. */
	static const char sql[] =
		"SELECT r.id, a.name, r.title, r.place, r.url, r.published_text, r.lede, r.format,"
		" r.published, r.published_known, r.tz_offset, r.version, r.imported_at,"
		" (SELECT count(*) FROM event_reports er WHERE er.report_id = r.id)"
		" FROM reports r LEFT JOIN agencies a ON a.id = r.agency_id"
		" WHERE ($1 IS NULL OR r.id IN (SELECT rowid FROM reports_fts WHERE reports_fts MATCH $1))"
		" AND ($2 = 0 OR r.id < $2) ORDER BY r.id DESC LIMIT $3";
	/* PostgreSQL: the GIN expression index reports_fts over the rows
	 * themselves; the query as websearch_to_tsquery reads FTS5's forms. */
	static const char sql_pg[] =
		"SELECT r.id, a.name, r.title, r.place, r.url, r.published_text, r.lede, r.format,"
		" r.published, r.published_known, r.tz_offset, r.version, r.imported_at,"
		" (SELECT count(*) FROM event_reports er WHERE er.report_id = r.id)"
		" FROM reports r LEFT JOIN agencies a ON a.id = r.agency_id"
		" WHERE (CAST($1 AS text) IS NULL"
		"   OR report_search(r.title, r.lede, r.body) @@ websearch_to_tsquery('communique', $1))"
		" AND (CAST($2 AS bigint) = 0 OR r.id < $2) ORDER BY r.id DESC LIMIT $3";
	int pg = db_kind(s->db) == DB_PG;
	/* What FTS5 refuses is refused on both (websearch_to_tsquery reads
	 * anything): the same 400 from serve's search. */
	static const char *const report_columns[] = {"title", "lede", "body", NULL};
	char *problem = text && pg ? store_fts5_query_problem(text, report_columns) : NULL;
	if (problem) {
		free(problem);
		*err = strdup("invalid full-text query");
		return -1;
	}
	struct buf q;
	buf_init(&q, 0);
	if (text && pg && store_text_query_pg(text, &q)) {
		buf_release(&q);
		*err = strdup("out of memory");
		return -1;
	}
	struct db_stmt *st;
	if (db_prepare(s->db, pg ? sql_pg : sql, 0, &st)) {
		buf_release(&q);
		return store_fail(s, err, "cannot read reports");
	}
	if (text)
		bind_text(st, 1, pg ? buf_str(&q) : text);
	db_bind_int64(st, 2, before_id);
	db_bind_int64(st, 3, limit > 0 ? limit : 50);
	int rc, stop = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		struct store_report r = {
			.id = db_column_int64(st, 0),
			.agency = text_col(st, 1), .title = text_col(st, 2), .place = text_col(st, 3),
			.url = text_col(st, 4), .published_text = text_col(st, 5), .lede = text_col(st, 6),
			.format = text_col(st, 7),
			.published = db_column_int64(st, 8),
			.pub_known = db_column_int(st, 9),
			.tz_offset = db_column_int(st, 10),
			.version = db_column_int(st, 11),
			.imported_at = db_column_int64(st, 12),
			.n_events = db_column_int(st, 13),
		};
		if ((stop = fn(ctx, &r)))
			break;
	}
	if (!stop && rc != DB_DONE) {
		if (text && db_errclass(s->db) == DB_E_OTHER)
			*err = strdup(pg ? "invalid full-text query" : "invalid full-text query (see SQLite FTS5 query syntax)");
		else
			store_fail(s, err, "cannot read reports");
		stop = -1;
	}
	db_finalize(st);
	buf_release(&q);
	return stop;
}

/* SQLite only: the settings of its page cache. PostgreSQL's are the server's. */
int store_reader_tune(struct store *s, int64_t mmap_bytes, long cache_kib, char **err)
{
	if (db_kind(s->db) != DB_SQLITE)
		return 0;
	/* Pages read through a memory map cost no read() and no copy: a
	 * filtered page of a large archive touches thousands of rows in date
	 * order, scattered over the file. Settings of this connection only. */
	char sql[96];
	snprintf(sql, sizeof(sql), "PRAGMA mmap_size=%lld; PRAGMA cache_size=-%ld", (long long)mmap_bytes,
		 cache_kib);
	return store_exec(s, sql, err);
}

int store_data_version(struct store *s, int64_t *version, char **err)
{
	/* PostgreSQL keeps no counter of commits a client can read cheaply. */
	if (db_kind(s->db) != DB_SQLITE)
		return 1;
	/* SQLite's own counter of other connections' commits (SQLite only). */
	/* Asked before every cached answer: prepared once (store_close finalizes it). */
	if (!s->data_version && db_prepare(s->db, "PRAGMA data_version", 1, &s->data_version))
		return store_fail(s, err, "cannot read the archive's state");
	int rc = db_step(s->data_version);
	if (rc == DB_ROW)
		*version = db_column_int64(s->data_version, 0);
	else
		store_fail(s, err, "cannot read the archive's state");
	db_reset(s->data_version);   /* no read transaction stays open */
	return rc == DB_ROW ? 0 : -1;
}
