/* Shared by the store tests: SQL run on an archive file from outside the
 * store, as another program would. Included after cmocka.h. */
#ifndef COMMUNIQUE_TEST_OUTSIDE_SQL_H
#define COMMUNIQUE_TEST_OUTSIDE_SQL_H
#include <sqlite3.h>

/* What another program sees: SQL run on the archive file through a
 * connection of its own, beside the store's (waiting for its lock). */
static inline void outside_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	char *e = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &e) != SQLITE_OK)
		fail_msg("outside_exec: %s: %s", sql, e ? e : "?");
	sqlite3_close(db);
}

/* The integer the first row of a query gives, read the same way. */
static inline long outside_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("outside_int: %s: %s", sql, sqlite3_errmsg(db));
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long v = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

#endif
