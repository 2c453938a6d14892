/* Queries of the browser workspace (communique serve, web/): reports a page
 * at a time, newest first, optionally those a full-text query finds. */
#include "store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *text_col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

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
		" WHERE (?1 IS NULL OR r.id IN (SELECT rowid FROM reports_fts WHERE reports_fts MATCH ?1))"
		" AND (?2 = 0 OR r.id < ?2) ORDER BY r.id DESC LIMIT ?3";
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->sq, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, err, "cannot read reports");
	if (text)
		bind_text_sq(st, 1, text);
	sqlite3_bind_int64(st, 2, before_id);
	sqlite3_bind_int64(st, 3, limit > 0 ? limit : 50);
	int rc, stop = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_report r = {
			.id = sqlite3_column_int64(st, 0),
			.agency = text_col(st, 1), .title = text_col(st, 2), .place = text_col(st, 3),
			.url = text_col(st, 4), .published_text = text_col(st, 5), .lede = text_col(st, 6),
			.format = text_col(st, 7),
			.published = sqlite3_column_int64(st, 8),
			.pub_known = sqlite3_column_int(st, 9),
			.tz_offset = sqlite3_column_int(st, 10),
			.version = sqlite3_column_int(st, 11),
			.imported_at = sqlite3_column_int64(st, 12),
			.n_events = sqlite3_column_int(st, 13),
		};
		if ((stop = fn(ctx, &r)))
			break;
	}
	if (!stop && rc != SQLITE_DONE) {
		if (text && rc == SQLITE_ERROR)
			*err = strdup("invalid full-text query (see SQLite FTS5 query syntax)");
		else
			store_fail(s, err, "cannot read reports");
		stop = -1;
	}
	sqlite3_finalize(st);
	return stop;
}

int store_reader_tune(struct store *s, int64_t mmap_bytes, long cache_kib, char **err)
{
	/* Pages read through a memory map cost no read() and no copy: a
	 * filtered page of a large archive touches thousands of rows in date
	 * order, scattered over the file. Settings of this connection only. */
	char sql[96];
	snprintf(sql, sizeof(sql), "PRAGMA mmap_size=%lld; PRAGMA cache_size=-%ld", (long long)mmap_bytes,
		 cache_kib);
	return store_exec(s, sql, err);
}
