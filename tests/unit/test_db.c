/* The connection interface under the store (store/db.h), on SQLite and,
 * when COMMUNIQUE_TEST_PG names a PostgreSQL database (a postgresql://
 * URI), on PostgreSQL too: the same cases, run once per backend.
 *
 * Each test starts from a fresh table dbtest: in a new SQLite file of its
 * own temporary directory, or dropped and created again in the PostgreSQL
 * database (which the tests otherwise leave alone). The SQL is written to
 * mean the same on both. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/db.h"

struct fx {
	char dir[256];
	char target[1024];   /* the SQLite file or the PostgreSQL URI */
	int pg;
	struct db *db;
};

static const char table_sql[] =
	"DROP TABLE IF EXISTS dbtest;"
	" CREATE TABLE dbtest (id bigint PRIMARY KEY, name text UNIQUE, v bigint, d double precision)";

static struct db *open_or_fail(const char *target)
{
	struct db *db = NULL;
	char *err = NULL;
	if (db_open(target, DB_CREATE | DB_NOMUTEX, &db, &err))
		fail_msg("db_open %s: %s", target, err ? err : "?");
	assert_non_null(db);
	return db;
}

static void exec_ok(struct db *db, const char *sql)
{
	if (db_exec(db, sql))
		fail_msg("%s: %s", sql, db_errmsg(db));
}

static int setup_at(void **state, const char *pg)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	if (pg) {
		f->pg = 1;
		snprintf(f->target, sizeof(f->target), "%s", pg);
	} else {
		const char *tmp = getenv("TMPDIR");
		snprintf(f->dir, sizeof(f->dir), "%s/test_db.XXXXXX", tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(f->dir)) {
			free(f);
			return -1;
		}
		snprintf(f->target, sizeof(f->target), "%s/a.db", f->dir);
	}
	f->db = open_or_fail(f->target);
	exec_ok(f->db, table_sql);
	*state = f;
	return 0;
}

static int setup_sqlite(void **state)
{
	return setup_at(state, NULL);
}

static int setup_pg(void **state)
{
	const char *uri = getenv("COMMUNIQUE_TEST_PG");
	if (!uri || !*uri)
		return -1;   /* the PostgreSQL group runs only when the variable is set */
	return setup_at(state, uri);
}

static int teardown(void **state)
{
	struct fx *f = *state;
	if (f->pg && f->db)
		db_exec(f->db, "DROP TABLE IF EXISTS dbtest");
	db_close(f->db);
	if (!f->pg) {
		char cmd[300];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", f->dir);
	}
	free(f);
	return 0;
}

static struct db_stmt *prep(struct db *db, const char *sql)
{
	struct db_stmt *st = NULL;
	if (db_prepare(db, sql, 0, &st))
		fail_msg("prepare %s: %s", sql, db_errmsg(db));
	assert_non_null(st);
	return st;
}

static void step_done(struct db_stmt *st, struct db *db)
{
	int rc = db_step(st);
	if (rc != DB_DONE)
		fail_msg("step: %d: %s", rc, db_errmsg(db));
}

static void step_row(struct db_stmt *st, struct db *db)
{
	int rc = db_step(st);
	if (rc != DB_ROW)
		fail_msg("step: %d, expected a row: %s", rc, db_errmsg(db));
}

/* Inserts (id, name, v). */
static void insert(struct db *db, int64_t id, const char *name, int64_t v)
{
	struct db_stmt *st = prep(db, "INSERT INTO dbtest(id, name, v) VALUES ($1, $2, $3)");
	assert_int_equal(db_bind_int64(st, 1, id), 0);
	assert_int_equal(db_bind_text_or_null(st, 2, name), 0);
	assert_int_equal(db_bind_int64(st, 3, v), 0);
	step_done(st, db);
	db_finalize(st);
}

/* ---- parameters ------------------------------------------------------------- */

static void test_params_out_of_order_and_repeated(void **state)
{
	struct fx *f = *state;
	struct db_stmt *st = prep(f->db, "SELECT CAST($2 AS text), CAST($1 AS text), CAST($2 AS text) || CAST($1 AS text),"
				  " CAST($3 AS bigint) + CAST($3 AS bigint)");
	assert_int_equal(db_bind_text(st, 1, "a", -1), 0);
	assert_int_equal(db_bind_text(st, 2, "b", -1), 0);
	assert_int_equal(db_bind_int64(st, 3, 21), 0);
	step_row(st, f->db);
	assert_int_equal(db_column_count(st), 4);
	assert_string_equal(db_column_text(st, 0), "b");
	assert_string_equal(db_column_text(st, 1), "a");
	assert_string_equal(db_column_text(st, 2), "ba");
	assert_int_equal(db_column_int64(st, 3), 42);
	step_done(st, f->db);
	db_finalize(st);

	/* Columns in another order than the parameters, in an insert. */
	st = prep(f->db, "INSERT INTO dbtest(v, id, name) VALUES ($3, $1, $2)");
	db_bind_int64(st, 1, 7);
	db_bind_text(st, 2, "seven", -1);
	db_bind_int64(st, 3, 70);
	step_done(st, f->db);
	db_finalize(st);
	st = prep(f->db, "SELECT id, name, v FROM dbtest WHERE id = $1");
	db_bind_int64(st, 1, 7);
	step_row(st, f->db);
	assert_int_equal(db_column_int64(st, 0), 7);
	assert_string_equal(db_column_text(st, 1), "seven");
	assert_int_equal(db_column_int64(st, 2), 70);
	db_finalize(st);
}

static void test_param_out_of_range(void **state)
{
	struct fx *f = *state;
	struct db_stmt *st = prep(f->db, "SELECT CAST($1 AS bigint), CAST($2 AS bigint)");
	assert_int_equal(db_bind_int64(st, 3, 1), -1);
	assert_int_equal(db_bind_int64(st, 0, 1), -1);
	assert_int_equal(db_bind_int64(st, 2, 5), 0);
	assert_int_equal(db_bind_int64(st, 1, 4), 0);
	step_row(st, f->db);
	assert_int_equal(db_column_int64(st, 0), 4);
	assert_int_equal(db_column_int64(st, 1), 5);
	db_finalize(st);
}

static void test_text_utf8(void **state)
{
	struct fx *f = *state;
	static const char name[] = "Zo\xc3\xab \xe2\x80\x98quoted\xe2\x80\x99 \xe5\x8c\x97\xe4\xba\xac "
				   "\xf0\x9f\x99\x82 \xd0\x9c\xd0\xb8\xd0\xb4";
	insert(f->db, 1, name, 0);
	/* With a length: the prefix only. The static form: the caller's text. */
	struct db_stmt *st = prep(f->db, "INSERT INTO dbtest(id, name) VALUES ($1, $2)");
	db_bind_int64(st, 1, 2);
	assert_int_equal(db_bind_text(st, 2, "abcdef", 3), 0);
	step_done(st, f->db);
	db_reset(st);
	char kept[] = "static text";
	db_bind_int64(st, 1, 3);
	assert_int_equal(db_bind_text_static(st, 2, kept, -1), 0);
	step_done(st, f->db);
	db_finalize(st);

	st = prep(f->db, "SELECT name FROM dbtest ORDER BY id");
	step_row(st, f->db);
	assert_string_equal(db_column_text(st, 0), name);
	assert_int_equal(db_column_bytes(st, 0), strlen(name));
	step_row(st, f->db);
	assert_string_equal(db_column_text(st, 0), "abc");
	assert_int_equal(db_column_bytes(st, 0), 3);
	step_row(st, f->db);
	assert_string_equal(db_column_text(st, 0), "static text");
	step_done(st, f->db);
	db_finalize(st);

	/* Found by the text, compared byte for byte. */
	st = prep(f->db, "SELECT id FROM dbtest WHERE name = $1");
	db_bind_text(st, 1, name, -1);
	step_row(st, f->db);
	assert_int_equal(db_column_int64(st, 0), 1);
	db_finalize(st);
}

static void test_null(void **state)
{
	struct fx *f = *state;
	insert(f->db, 1, NULL, 5);
	struct db_stmt *st = prep(f->db, "UPDATE dbtest SET v = $2, d = $3 WHERE id = $1");
	db_bind_int64(st, 1, 1);
	assert_int_equal(db_bind_null(st, 2), 0);
	assert_int_equal(db_bind_null(st, 3), 0);
	step_done(st, f->db);
	db_finalize(st);
	st = prep(f->db, "SELECT name, v, d, CASE WHEN name IS NULL THEN 1 ELSE 0 END FROM dbtest WHERE id = 1");
	step_row(st, f->db);
	assert_true(db_column_is_null(st, 0));
	assert_null(db_column_text(st, 0));
	assert_true(db_column_is_null(st, 1));
	assert_int_equal(db_column_int64(st, 1), 0);
	assert_true(db_column_is_null(st, 2));
	assert_false(db_column_is_null(st, 3));
	db_finalize(st);
	/* A parameter left unbound is NULL. */
	st = prep(f->db, "SELECT CASE WHEN CAST($1 AS text) IS NULL THEN 1 ELSE 0 END, CAST($2 AS bigint)");
	db_bind_int64(st, 2, 3);
	step_row(st, f->db);
	assert_int_equal(db_column_int64(st, 0), 1);
	assert_int_equal(db_column_int64(st, 1), 3);
	db_finalize(st);
}

static void test_int64_extremes_and_doubles(void **state)
{
	struct fx *f = *state;
	static const int64_t v[] = {INT64_MIN, INT64_MIN + 1, -1, 0, 1, INT64_MAX - 1, INT64_MAX};
	struct db_stmt *st = prep(f->db, "INSERT INTO dbtest(id, v, d) VALUES ($1, $2, $3)");
	for (int i = 0; i < 7; i++) {
		db_reset(st);
		db_bind_int64(st, 1, i);
		assert_int_equal(db_bind_int64(st, 2, v[i]), 0);
		assert_int_equal(db_bind_double(st, 3, i == 0 ? -1e300 : 0.1 * i), 0);
		step_done(st, f->db);
	}
	db_finalize(st);
	st = prep(f->db, "SELECT v, d FROM dbtest ORDER BY v");
	for (int i = 0; i < 7; i++) {
		step_row(st, f->db);
		assert_true(db_column_int64(st, 0) == v[i]);
		assert_true(db_column_double(st, 1) == (i == 0 ? -1e300 : 0.1 * i));
	}
	step_done(st, f->db);
	db_finalize(st);
}

/* ---- statements ------------------------------------------------------------- */

static void test_reset_and_rebind(void **state)
{
	struct fx *f = *state;
	struct db_stmt *st = prep(f->db, "SELECT CAST($1 AS bigint) * 2");
	db_bind_int64(st, 1, 21);
	step_row(st, f->db);
	assert_int_equal(db_column_int64(st, 0), 42);
	db_reset(st);
	/* Bindings stay across a reset. */
	step_row(st, f->db);
	assert_int_equal(db_column_int64(st, 0), 42);
	db_reset(st);
	db_bind_int64(st, 1, 5);
	step_row(st, f->db);
	assert_int_equal(db_column_int64(st, 0), 10);
	db_reset(st);
	db_clear(st);
	step_row(st, f->db);
	assert_true(db_column_is_null(st, 0));
	db_finalize(st);

	/* Reset in the middle of the rows: the next run starts over. */
	for (int i = 1; i <= 5; i++)
		insert(f->db, i, NULL, i * 10);
	st = prep(f->db, "SELECT v FROM dbtest WHERE v > $1 ORDER BY v");
	db_bind_int64(st, 1, 0);
	step_row(st, f->db);
	assert_int_equal(db_column_int64(st, 0), 10);
	step_row(st, f->db);
	db_reset(st);
	db_bind_int64(st, 1, 30);
	step_row(st, f->db);
	assert_int_equal(db_column_int64(st, 0), 40);
	step_row(st, f->db);
	assert_int_equal(db_column_int64(st, 0), 50);
	step_done(st, f->db);
	db_finalize(st);

	/* A persistent statement, and one left for db_close to finalize. */
	struct db_stmt *kept = NULL;
	assert_int_equal(db_prepare(f->db, "SELECT count(*) FROM dbtest", 1, &kept), 0);
	step_row(kept, f->db);
	assert_int_equal(db_column_int64(kept, 0), 5);
}

static void test_returning_and_changes(void **state)
{
	struct fx *f = *state;
	struct db_stmt *st = prep(f->db, "INSERT INTO dbtest(id, name, v) VALUES ($1, $2, 0) RETURNING id");
	db_bind_int64(st, 1, 99);
	db_bind_text(st, 2, "x", -1);
	step_row(st, f->db);
	assert_int_equal(db_column_int64(st, 0), 99);
	step_done(st, f->db);
	db_finalize(st);
	assert_int_equal(db_changes(f->db), 1);
	for (int i = 1; i <= 3; i++)
		insert(f->db, i, NULL, 1);
	st = prep(f->db, "UPDATE dbtest SET v = v + 1 WHERE id < $1");
	db_bind_int64(st, 1, 3);
	step_done(st, f->db);
	db_finalize(st);
	assert_int_equal(db_changes(f->db), 2);
	exec_ok(f->db, "DELETE FROM dbtest");
	assert_int_equal(db_changes(f->db), 4);
	st = prep(f->db, "UPDATE dbtest SET v = 0 WHERE id = $1");
	db_bind_int64(st, 1, 1);
	step_done(st, f->db);
	db_finalize(st);
	assert_int_equal(db_changes(f->db), 0);
}

static void test_autocommit(void **state)
{
	struct fx *f = *state;
	assert_int_equal(db_autocommit(f->db), 1);
	exec_ok(f->db, "BEGIN");
	assert_int_equal(db_autocommit(f->db), 0);
	insert(f->db, 1, "a", 1);
	exec_ok(f->db, "COMMIT");
	assert_int_equal(db_autocommit(f->db), 1);
	exec_ok(f->db, "BEGIN");
	insert(f->db, 2, "b", 1);
	exec_ok(f->db, "ROLLBACK");
	assert_int_equal(db_autocommit(f->db), 1);
	/* Several statements in one db_exec. */
	exec_ok(f->db, "BEGIN; INSERT INTO dbtest(id) VALUES (3); INSERT INTO dbtest(id) VALUES (4)");
	assert_int_equal(db_autocommit(f->db), 0);
	exec_ok(f->db, "COMMIT");
	struct db_stmt *st = prep(f->db, "SELECT count(*) FROM dbtest");
	step_row(st, f->db);
	assert_int_equal(db_column_int64(st, 0), 3);
	db_finalize(st);
}

/* ---- errors ----------------------------------------------------------------- */

static void test_constraint(void **state)
{
	struct fx *f = *state;
	insert(f->db, 1, "a", 1);
	struct db_stmt *st = prep(f->db, "INSERT INTO dbtest(id, name) VALUES ($1, $2)");
	db_bind_int64(st, 1, 1);
	db_bind_text(st, 2, "b", -1);
	assert_int_equal(db_step(st), DB_FAIL);
	assert_int_equal(db_errclass(f->db), DB_E_CONSTRAINT);
	assert_true(strlen(db_errmsg(f->db)) > 0);
	/* The statement runs again once reset, with other values. */
	db_reset(st);
	db_bind_int64(st, 1, 2);
	step_done(st, f->db);
	db_reset(st);
	db_bind_int64(st, 1, 3);
	db_bind_text(st, 2, "a", -1);   /* name is unique too */
	assert_int_equal(db_step(st), DB_FAIL);
	assert_int_equal(db_errclass(f->db), DB_E_CONSTRAINT);
	db_finalize(st);
}

static void test_syntax_error(void **state)
{
	struct fx *f = *state;
	struct db_stmt *st = (struct db_stmt *)&st;
	/* PostgreSQL may only see the error when the statement runs. */
	if (db_prepare(f->db, "SELEC nothing", 0, &st) == 0) {
		assert_int_equal(db_step(st), DB_FAIL);
		db_finalize(st);
	} else {
		assert_null(st);
	}
	assert_int_equal(db_errclass(f->db), DB_E_OTHER);
	assert_true(strlen(db_errmsg(f->db)) > 0);
	assert_int_equal(db_exec(f->db, "INSERT INTO no_such_table VALUES (1)"), -1);
	assert_int_equal(db_errclass(f->db), DB_E_OTHER);
	/* The connection still works. */
	insert(f->db, 1, "a", 1);
}

static void test_busy(void **state)
{
	struct fx *f = *state;
	insert(f->db, 1, "a", 1);
	struct db *other = open_or_fail(f->target);
	/* Wait for a lock briefly, not the backend's usual seconds. */
	if (db_kind(other) == DB_SQLITE)
		sqlite3_busy_timeout(db_handle(other), 50);
	else
		exec_ok(other, "SET lock_timeout = '50ms'");
	exec_ok(f->db, "BEGIN");
	exec_ok(f->db, "UPDATE dbtest SET v = 2 WHERE id = 1");
	struct db_stmt *st = prep(other, "UPDATE dbtest SET v = $1 WHERE id = 1");
	db_bind_int64(st, 1, 3);
	assert_int_equal(db_step(st), DB_FAIL);
	assert_int_equal(db_errclass(other), DB_E_BUSY);
	assert_true(strlen(db_errmsg(other)) > 0);
	db_reset(st);
	if (!db_autocommit(other))
		exec_ok(other, "ROLLBACK");
	exec_ok(f->db, "COMMIT");
	/* Once the lock is gone, the same statement goes through. */
	step_done(st, other);
	db_finalize(st);
	db_close(other);
	st = prep(f->db, "SELECT v FROM dbtest WHERE id = 1");
	step_row(st, f->db);
	assert_int_equal(db_column_int64(st, 0), 3);
	db_finalize(st);
}

/* SQLite only: its other forms of parameters are refused, so that SQL
 * written for SQLite alone does not pass the tests and fail on PostgreSQL;
 * numbers may have gaps (PostgreSQL needs every one). */
static void test_sqlite_parameter_forms(void **state)
{
	struct fx *f = *state;
	static const char *const refused[] = {"SELECT ?", "SELECT ?1", "SELECT :a", "SELECT @a", "SELECT $a",
					      "SELECT $0", "SELECT $1, ?2"};
	for (size_t i = 0; i < sizeof(refused) / sizeof(*refused); i++) {
		struct db_stmt *st = (struct db_stmt *)&st;
		assert_int_equal(db_prepare(f->db, refused[i], 0, &st), -1);
		assert_null(st);
		assert_int_equal(db_errclass(f->db), DB_E_OTHER);
		assert_non_null(strstr(db_errmsg(f->db), "$1, $2"));
	}
	struct db_stmt *st = prep(f->db, "SELECT $3, $12");
	assert_int_equal(db_bind_int64(st, 1, 1), -1);
	assert_int_equal(db_bind_int64(st, 13, 1), -1);
	assert_int_equal(db_bind_int64(st, 12, 12), 0);
	assert_int_equal(db_bind_int64(st, 3, 3), 0);
	step_row(st, f->db);
	assert_int_equal(db_column_int64(st, 0), 3);
	assert_int_equal(db_column_int64(st, 1), 12);
	db_finalize(st);
}

/* A file of another kind: SQLite opens it lazily and refuses it at the first read. */
static void test_not_a_database(void **state)
{
	struct fx *f = *state;
	char path[400];
	snprintf(path, sizeof(path), "%s/junk.db", f->dir);
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	for (int i = 0; i < 4096; i++)
		fputc((i * 7919) & 0xff, fp);
	fclose(fp);
	struct db *db = NULL;
	char *err = NULL;
	if (db_open(path, DB_NOMUTEX, &db, &err)) {
		assert_non_null(strstr(err, path));
		free(err);
		return;
	}
	assert_int_equal(db_exec(db, "SELECT count(*) FROM sqlite_schema"), -1);
	assert_int_equal(db_errclass(db), DB_E_NOTADB);
	assert_non_null(strstr(db_errmsg(db), "not a database"));
	db_close(db);
}

/* Opening what is not there: a message naming the target, never a connection. */
static void test_cannot_open(void **state)
{
	struct fx *f = *state;
	char target[1100];
	if (f->pg) {
		/* The same server, a database that does not exist, a password to hide. */
		const char *auth = strstr(f->target, "://");
		assert_non_null(auth);
		size_t path = (size_t)(auth + 3 - f->target) + strcspn(auth + 3, "/?");
		const char *query = strchr(f->target + path, '?');
		snprintf(target, sizeof(target), "%.*s/communique_no_such_db%s", (int)path, f->target,
			 query ? query : "");
	} else {
		snprintf(target, sizeof(target), "%s/no/such/dir/a.db", f->dir);
	}
	struct db *db = (struct db *)&db;
	char *err = NULL;
	assert_int_equal(db_open(target, DB_CREATE, &db, &err), -1);
	assert_null(db);
	assert_non_null(err);
	assert_non_null(strstr(err, f->pg ? "communique_no_such_db" : target));
	/* db.h: "'<target>': <reason>", the caller saying what it was opening. */
	assert_int_equal(err[0], '\'');
	free(err);
	/* Read-only: a missing file is not created. */
	if (!f->pg) {
		snprintf(target, sizeof(target), "%s/missing.db", f->dir);
		err = NULL;
		assert_int_equal(db_open(target, DB_READONLY, &db, &err), -1);
		free(err);
		assert_int_equal(access(target, F_OK), -1);
	}
}

static void test_readonly(void **state)
{
	struct fx *f = *state;
	insert(f->db, 1, "a", 1);
	struct db *ro = NULL;
	char *err = NULL;
	if (db_open(f->target, DB_READONLY | DB_NOMUTEX, &ro, &err))
		fail_msg("%s", err);
	struct db_stmt *st = prep(ro, "SELECT name FROM dbtest");
	step_row(st, ro);
	assert_string_equal(db_column_text(st, 0), "a");
	db_finalize(st);
	assert_int_equal(db_exec(ro, "INSERT INTO dbtest(id) VALUES (2)"), -1);
	assert_int_equal(db_errclass(ro), DB_E_READONLY);
	db_close(ro);
}

static void test_target_kind(void **state)
{
	(void)state;
	assert_int_equal(db_target_is_pg("postgresql://u@h/db"), 1);
	assert_int_equal(db_target_is_pg("postgres://h/db"), 1);
	assert_int_equal(db_target_is_pg("archive.db"), 0);
	assert_int_equal(db_target_is_pg("/tmp/postgresql://x"), 0);
}

/* db_open dispatched by the target: the connection says which backend it has. */
static void test_kind(void **state)
{
	struct fx *f = *state;
	assert_int_equal(db_kind(f->db), f->pg ? DB_PG : DB_SQLITE);
	assert_non_null(db_handle(f->db));
}

#define CASES(setup)                                                                   \
	cmocka_unit_test_setup_teardown(test_kind, setup, teardown),                    \
	cmocka_unit_test_setup_teardown(test_params_out_of_order_and_repeated, setup, teardown), \
	cmocka_unit_test_setup_teardown(test_param_out_of_range, setup, teardown),      \
	cmocka_unit_test_setup_teardown(test_text_utf8, setup, teardown),               \
	cmocka_unit_test_setup_teardown(test_null, setup, teardown),                    \
	cmocka_unit_test_setup_teardown(test_int64_extremes_and_doubles, setup, teardown), \
	cmocka_unit_test_setup_teardown(test_reset_and_rebind, setup, teardown),        \
	cmocka_unit_test_setup_teardown(test_returning_and_changes, setup, teardown),   \
	cmocka_unit_test_setup_teardown(test_autocommit, setup, teardown),              \
	cmocka_unit_test_setup_teardown(test_constraint, setup, teardown),              \
	cmocka_unit_test_setup_teardown(test_syntax_error, setup, teardown),            \
	cmocka_unit_test_setup_teardown(test_busy, setup, teardown),                    \
	cmocka_unit_test_setup_teardown(test_cannot_open, setup, teardown),             \
	cmocka_unit_test_setup_teardown(test_readonly, setup, teardown)

int main(void)
{
	const struct CMUnitTest sqlite_tests[] = {
		cmocka_unit_test(test_target_kind),
		CASES(setup_sqlite),
		cmocka_unit_test_setup_teardown(test_not_a_database, setup_sqlite, teardown),
		cmocka_unit_test_setup_teardown(test_sqlite_parameter_forms, setup_sqlite, teardown),
	};
	int failed = cmocka_run_group_tests_name("sqlite", sqlite_tests, NULL, NULL);
	const char *pg = getenv("COMMUNIQUE_TEST_PG");
	if (pg && *pg) {
		const struct CMUnitTest pg_tests[] = {
			CASES(setup_pg),
		};
		failed += cmocka_run_group_tests_name("postgresql", pg_tests, NULL, NULL);
	}
	return failed;
}
