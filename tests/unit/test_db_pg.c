/* The PostgreSQL backend of the connection interface (store/db_pg.c)
 * against a real server: the throw-away cluster of tests/pg/cluster.sh,
 * whose URI ctest gives in COMMUNIQUE_TEST_PG (without it the test says
 * SKIP and exits 77). Parameters and NULLs, int64 extremes, UTF-8, errors
 * and their classes, rows streamed one at a time, reset mid-result,
 * interleaved statements, transactions and savepoints, db_changes and
 * db_autocommit, read-only connections, and passwords kept out of messages.
 *
 * Every test works in a schema of its own (t_PID_N), dropped afterwards, so
 * that tests sharing the cluster never see each other's tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/db_pg.h"

struct fx {
	char schema[64];
	struct dbpg *db;
};

static const char *uri(void)
{
	return getenv("COMMUNIQUE_TEST_PG");
}

/* Opens a connection working in schema (when not NULL). */
static struct dbpg *connect_to(const char *schema, int flags)
{
	struct dbpg *db = NULL;
	char *err = NULL;
	if (dbpg_open(uri(), flags, &db, &err) != 0)
		fail_msg("cannot connect: %s", err);
	if (schema) {
		char sql[256];
		snprintf(sql, sizeof sql, "SET search_path = %s", schema);
		assert_int_equal(dbpg_exec(db, sql), 0);
	}
	return db;
}

static int setup(void **state)
{
	static int n;
	struct fx *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	snprintf(f->schema, sizeof f->schema, "t_%ld_%d", (long)getpid(), ++n);
	f->db = connect_to(NULL, 0);
	char sql[256];
	snprintf(sql, sizeof sql, "CREATE SCHEMA %s; SET search_path = %s", f->schema, f->schema);
	if (dbpg_exec(f->db, sql) != 0)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	dbpg_close(f->db);
	struct dbpg *db = connect_to(NULL, 0);
	char sql[256];
	snprintf(sql, sizeof sql, "DROP SCHEMA %s CASCADE", f->schema);
	int rc = dbpg_exec(db, sql);
	dbpg_close(db);
	free(f);
	return rc;
}

static struct dbpg_stmt *prep(struct dbpg *db, const char *sql, int persistent)
{
	struct dbpg_stmt *st = NULL;
	if (dbpg_prepare(db, sql, persistent, &st) != 0)
		fail_msg("prepare '%s': %s", sql, dbpg_errmsg(db));
	return st;
}

static int64_t query_int(struct dbpg *db, const char *sql)
{
	struct dbpg_stmt *st = prep(db, sql, 0);
	assert_int_equal(dbpg_step(st), DB_ROW);
	int64_t v = dbpg_column_int64(st, 0);
	assert_int_equal(dbpg_step(st), DB_DONE);
	dbpg_finalize(st);
	return v;
}

/* $N out of order and repeated, in both kinds of statements; $ inside
 * strings, quoted names, comments and dollar quotes is not a parameter. */
static void test_parameters(void **state)
{
	struct fx *f = *state;
	for (int persistent = 0; persistent <= 1; persistent++) {
		struct dbpg_stmt *st = prep(f->db,
			"SELECT $2::text || '-' || $1::text || '-' || $2::text, '$3' AS \"$4\", " /* $5 */
			"$x$ $6 $x$ -- $7\n", persistent);
		assert_int_equal(dbpg_bind_text(st, 1, "one", -1), 0);
		assert_int_equal(dbpg_bind_text(st, 2, "twoXX", 3), 0);
		assert_int_equal(dbpg_bind_int64(st, 3, 1), -1);
		assert_int_equal(dbpg_bind_int64(st, 0, 1), -1);
		assert_int_equal(dbpg_step(st), DB_ROW);
		assert_int_equal(dbpg_column_count(st), 3);
		assert_string_equal(dbpg_column_text(st, 0), "two-one-two");
		assert_int_equal(dbpg_column_bytes(st, 0), 11);
		assert_string_equal(dbpg_column_text(st, 1), "$3");
		assert_string_equal(dbpg_column_text(st, 2), " $6 ");
		assert_int_equal(dbpg_step(st), DB_DONE);
		/* reset keeps the bindings; rebinding one changes only it */
		dbpg_reset(st);
		assert_int_equal(dbpg_bind_text_static(st, 1, "uno", -1), 0);
		assert_int_equal(dbpg_step(st), DB_ROW);
		assert_string_equal(dbpg_column_text(st, 0), "two-uno-two");
		dbpg_finalize(st);
	}
}

static void test_nulls_and_numbers(void **state)
{
	struct fx *f = *state;
	assert_int_equal(dbpg_exec(f->db, "CREATE TABLE t (i bigint, d double precision, s text)"), 0);
	struct dbpg_stmt *ins = prep(f->db, "INSERT INTO t (i, d, s) VALUES ($1, $2, $3)", 1);
	const int64_t ints[] = {INT64_MIN, -1, 0, 1, INT64_MAX};
	for (size_t k = 0; k < 5; k++) {
		assert_int_equal(dbpg_bind_int64(ins, 1, ints[k]), 0);
		assert_int_equal(dbpg_bind_double(ins, 2, k == 0 ? 0.1 : -1e-300 * (double)k), 0);
		assert_int_equal(dbpg_bind_text_or_null(ins, 3, k == 2 ? NULL : "x"), 0);
		assert_int_equal(dbpg_step(ins), DB_DONE);
		dbpg_reset(ins);
	}
	dbpg_clear(ins);
	assert_int_equal(dbpg_step(ins), DB_DONE);
	dbpg_finalize(ins);

	struct dbpg_stmt *sel = prep(f->db, "SELECT i, d, s FROM t WHERE i IS NOT NULL ORDER BY i", 0);
	for (size_t k = 0; k < 5; k++) {
		assert_int_equal(dbpg_step(sel), DB_ROW);
		assert_true(dbpg_column_int64(sel, 0) == ints[k]);
		assert_true(dbpg_column_double(sel, 1) == (k == 0 ? 0.1 : -1e-300 * (double)k));
		if (k == 2) {
			assert_true(dbpg_column_is_null(sel, 2));
			assert_null(dbpg_column_text(sel, 2));
			assert_int_equal(dbpg_column_bytes(sel, 2), 0);
		} else {
			assert_string_equal(dbpg_column_text(sel, 2), "x");
		}
	}
	assert_int_equal(dbpg_step(sel), DB_DONE);
	dbpg_finalize(sel);
	/* the row of NULLs */
	assert_int_equal(query_int(f->db, "SELECT count(*) FROM t WHERE i IS NULL AND d IS NULL AND s IS NULL"), 1);
	/* booleans and numerics read as integers */
	assert_int_equal(query_int(f->db, "SELECT true"), 1);
	assert_int_equal(query_int(f->db, "SELECT 7.9::numeric"), 7);
}

static void test_utf8(void **state)
{
	struct fx *f = *state;
	const char *text = "Ελλάδα — 日本 — \xF0\x9F\x8C\x8D — Zürich";
	struct dbpg_stmt *st = prep(f->db, "SELECT $1::text, length($1::text)", 0);
	assert_int_equal(dbpg_bind_text(st, 1, text, -1), 0);
	assert_int_equal(dbpg_step(st), DB_ROW);
	assert_string_equal(dbpg_column_text(st, 0), text);
	assert_int_equal(dbpg_column_bytes(st, 0), strlen(text));
	assert_int_equal(dbpg_column_int64(st, 1), 24); /* characters, not bytes */
	dbpg_finalize(st);
	/* invalid UTF-8 is refused by the server, not stored */
	st = prep(f->db, "SELECT $1::text", 0);
	assert_int_equal(dbpg_bind_text(st, 1, "bad \xC3\x28", -1), 0);
	assert_int_equal(dbpg_step(st), DB_FAIL);
	assert_non_null(strstr(dbpg_errmsg(f->db), "UTF8"));
	dbpg_finalize(st);
}

static void test_constraint(void **state)
{
	struct fx *f = *state;
	assert_int_equal(dbpg_exec(f->db, "CREATE TABLE u (k text PRIMARY KEY)"), 0);
	struct dbpg_stmt *ins = prep(f->db, "INSERT INTO u VALUES ($1)", 1);
	assert_int_equal(dbpg_bind_text(ins, 1, "a", -1), 0);
	assert_int_equal(dbpg_step(ins), DB_DONE);
	dbpg_reset(ins);
	assert_int_equal(dbpg_step(ins), DB_FAIL);
	assert_int_equal(dbpg_errclass(f->db), DB_E_CONSTRAINT);
	assert_non_null(strstr(dbpg_errmsg(f->db), "duplicate key"));
	/* the connection goes on */
	dbpg_reset(ins);
	assert_int_equal(dbpg_bind_text(ins, 1, "b", -1), 0);
	assert_int_equal(dbpg_step(ins), DB_DONE);
	assert_int_equal(dbpg_errclass(f->db), DB_E_OK);
	dbpg_finalize(ins);
	assert_int_equal(query_int(f->db, "SELECT count(*) FROM u"), 2);
	/* errors of other kinds */
	assert_int_equal(dbpg_exec(f->db, "SELEKT 1"), -1);
	assert_int_equal(dbpg_errclass(f->db), DB_E_OTHER);
	assert_non_null(strstr(dbpg_errmsg(f->db), "syntax error"));
	struct dbpg_stmt *st = NULL;
	assert_int_equal(dbpg_prepare(f->db, "SELECT * FROM missing_table", 1, &st), -1);
	assert_null(st);
	assert_non_null(strstr(dbpg_errmsg(f->db), "missing_table"));
}

/* A row locked by a second connection: with lock_timeout the first one
 * gives up with BUSY. */
static void test_busy(void **state)
{
	struct fx *f = *state;
	assert_int_equal(dbpg_exec(f->db, "CREATE TABLE l (k int PRIMARY KEY, v int); INSERT INTO l VALUES (1, 0)"), 0);
	struct dbpg *other = connect_to(f->schema, 0);
	assert_int_equal(dbpg_exec(other, "BEGIN; UPDATE l SET v = 1 WHERE k = 1"), 0);
	assert_int_equal(dbpg_autocommit(other), 0);
	assert_int_equal(dbpg_exec(f->db, "SET lock_timeout = '100ms'"), 0);
	assert_int_equal(dbpg_exec(f->db, "UPDATE l SET v = 2 WHERE k = 1"), -1);
	assert_int_equal(dbpg_errclass(f->db), DB_E_BUSY);
	assert_int_equal(dbpg_exec(other, "COMMIT"), 0);
	assert_int_equal(dbpg_exec(f->db, "UPDATE l SET v = 2 WHERE k = 1"), 0);
	assert_int_equal(dbpg_changes(f->db), 1);
	dbpg_close(other);
}

/* A bad URI, a wrong database, a password: the message names the target,
 * never the password. */
static void test_open_errors(void **state)
{
	(void)state;
	struct dbpg *db = (struct dbpg *)1;
	char *err = NULL;
	assert_int_equal(dbpg_open("postgresql://u:s3cr3tpw@localhost:notaport/x", 0, &db, &err), -1);
	assert_null(db);
	assert_non_null(err);
	assert_null(strstr(err, "s3cr3tpw"));
	assert_non_null(strstr(err, "postgresql://u:***@localhost:notaport/x"));
	free(err);

	/* the cluster's socket directory, a database that does not exist */
	const char *host = strstr(uri(), "host=");
	assert_non_null(host);
	char target[512];
	snprintf(target, sizeof target, "postgresql://communique:hunter22@/no_such_db?%s&password=hunter22", host);
	assert_int_equal(dbpg_open(target, 0, &db, &err), -1);
	assert_non_null(strstr(err, "no_such_db"));
	assert_non_null(strstr(err, "does not exist"));
	assert_null(strstr(err, "hunter22"));
	free(err);

	char *shown = dbpg_redact("postgres://a:b@h/d?sslmode=disable&password=zz&x=1");
	assert_string_equal(shown, "postgres://a:***@h/d?sslmode=disable&password=***&x=1");
	free(shown);
	assert_true(db_target_is_pg("postgresql://h/d"));
	assert_true(db_target_is_pg("postgres://h/d"));
	assert_false(db_target_is_pg("archive.db"));
	assert_false(db_target_is_pg("postgresql:/x"));
}

/* 100,000 rows come one at a time: a statement failing at its last row
 * has given the rows before (a result read whole would give none). */
static void test_streaming(void **state)
{
	struct fx *f = *state;
	struct dbpg_stmt *st = prep(f->db,
		"SELECT g, 1 / (100000 - g), repeat('x', 100) FROM generate_series(1, 100000) AS g", 0);
	int64_t rows = 0;
	int rc;
	while ((rc = dbpg_step(st)) == DB_ROW) {
		assert_true(dbpg_column_int64(st, 0) == rows + 1);
		rows++;
	}
	assert_int_equal(rc, DB_FAIL);
	assert_true(rows == 99999);
	assert_non_null(strstr(dbpg_errmsg(f->db), "division by zero"));
	dbpg_finalize(st);

	st = prep(f->db, "SELECT g FROM generate_series(1, $1::int) AS g", 1);
	assert_int_equal(dbpg_bind_int64(st, 1, 100000), 0);
	int64_t sum = 0;
	rows = 0;
	while ((rc = dbpg_step(st)) == DB_ROW) {
		sum += dbpg_column_int64(st, 0);
		rows++;
	}
	assert_int_equal(rc, DB_DONE);
	assert_true(rows == 100000);
	assert_true(sum == (int64_t)100000 * 100001 / 2);
	dbpg_finalize(st);
}

/* Reset mid-result, then run again; a statement stepped while another
 * still has rows (the store reads rows and writes as it goes). */
static void test_reset_and_interleave(void **state)
{
	struct fx *f = *state;
	assert_int_equal(dbpg_exec(f->db, "CREATE TABLE n (k int PRIMARY KEY); CREATE TABLE copy (k int)"), 0);
	assert_int_equal(dbpg_exec(f->db, "INSERT INTO n SELECT generate_series(1, 5000)"), 0);
	assert_int_equal(dbpg_changes(f->db), 5000);
	for (int persistent = 0; persistent <= 1; persistent++) {
		struct dbpg_stmt *sel = prep(f->db, "SELECT k FROM n ORDER BY k", persistent);
		assert_int_equal(dbpg_step(sel), DB_ROW);
		assert_int_equal(dbpg_step(sel), DB_ROW);
		assert_int_equal(dbpg_column_int64(sel, 0), 2);
		dbpg_reset(sel);
		assert_int_equal(query_int(f->db, "SELECT 42"), 42);
		assert_int_equal(dbpg_step(sel), DB_ROW);
		assert_int_equal(dbpg_column_int64(sel, 0), 1);
		/* step another statement while sel has 4,999 rows to give */
		struct dbpg_stmt *ins = prep(f->db, "INSERT INTO copy VALUES ($1)", 1);
		int64_t seen = 1, rc;
		assert_int_equal(dbpg_bind_int64(ins, 1, 1), 0);
		assert_int_equal(dbpg_step(ins), DB_DONE);
		while ((rc = dbpg_step(sel)) == DB_ROW) {
			seen++;
			assert_true(dbpg_column_int64(sel, 0) == seen);
			dbpg_reset(ins);
			assert_int_equal(dbpg_bind_int64(ins, 1, seen), 0);
			assert_int_equal(dbpg_step(ins), DB_DONE);
			assert_int_equal(dbpg_changes(f->db), 1);
		}
		assert_int_equal(rc, DB_DONE);
		assert_true(seen == 5000);
		dbpg_finalize(ins);
		dbpg_finalize(sel);
		assert_int_equal(query_int(f->db, "SELECT count(DISTINCT k) FROM copy"), 5000);
		assert_int_equal(dbpg_exec(f->db, "DELETE FROM copy"), 0);
		assert_int_equal(dbpg_changes(f->db), 5000);
	}
	/* finalizing a statement in the middle of its rows, and closing a
	 * connection with statements left, leave nothing behind (ASan) */
	struct dbpg_stmt *sel = prep(f->db, "SELECT k FROM n", 1);
	assert_int_equal(dbpg_step(sel), DB_ROW);
	dbpg_finalize(sel);
	struct dbpg *other = connect_to(f->schema, 0);
	sel = prep(other, "SELECT k FROM n", 1);
	assert_int_equal(dbpg_step(sel), DB_ROW);
	prep(other, "SELECT 1", 0);
	dbpg_close(other);
}

/* The server ends the connection (an administrator's pg_terminate_backend,
 * a restart): the next call fails with DB_E_IO, not a crash, and closing
 * the connection still frees everything; a db_exec in the middle of a
 * statement's rows keeps those rows. */
static void test_connection_lost(void **state)
{
	struct fx *f = *state;
	struct dbpg *victim = connect_to(f->schema, 0);
	struct dbpg_stmt *sel = prep(victim, "SELECT g FROM generate_series(1, 3) g", 1);
	assert_int_equal(dbpg_step(sel), DB_ROW);
	assert_int_equal(dbpg_exec(victim, "CREATE TEMP TABLE scratch (k int)"), 0);
	assert_int_equal(dbpg_step(sel), DB_ROW);
	assert_int_equal(dbpg_column_int64(sel, 0), 2);
	assert_int_equal(dbpg_step(sel), DB_ROW);
	assert_int_equal(dbpg_step(sel), DB_DONE);
	struct dbpg_stmt *pid = prep(victim, "SELECT pg_backend_pid()", 0);
	assert_int_equal(dbpg_step(pid), DB_ROW);
	int64_t backend = dbpg_column_int64(pid, 0);
	dbpg_finalize(pid);
	struct dbpg_stmt *kill = prep(f->db, "SELECT pg_terminate_backend($1::int, 5000)", 0);
	assert_int_equal(dbpg_bind_int64(kill, 1, backend), 0);
	assert_int_equal(dbpg_step(kill), DB_ROW);
	assert_int_equal(dbpg_column_int64(kill, 0), 1);
	dbpg_finalize(kill);
	assert_int_equal(dbpg_exec(victim, "SELECT 1"), -1);
	assert_int_equal(dbpg_errclass(victim), DB_E_IO);
	assert_int_equal(dbpg_step(sel), DB_FAIL);
	assert_int_equal(dbpg_errclass(victim), DB_E_IO);
	dbpg_close(victim);
}

static void test_transactions(void **state)
{
	struct fx *f = *state;
	assert_int_equal(dbpg_exec(f->db, "CREATE TABLE r (k int PRIMARY KEY)"), 0);
	struct dbpg_stmt *ins = prep(f->db, "INSERT INTO r VALUES ($1)", 1);
	assert_int_equal(dbpg_autocommit(f->db), 1);
	assert_int_equal(dbpg_exec(f->db, "BEGIN"), 0);
	assert_int_equal(dbpg_autocommit(f->db), 0);
	assert_int_equal(dbpg_bind_int64(ins, 1, 1), 0);
	assert_int_equal(dbpg_step(ins), DB_DONE);
	dbpg_reset(ins);
	assert_int_equal(dbpg_exec(f->db, "SAVEPOINT one"), 0);
	assert_int_equal(dbpg_step(ins), DB_FAIL); /* 1 again */
	assert_int_equal(dbpg_errclass(f->db), DB_E_CONSTRAINT);
	assert_int_equal(dbpg_autocommit(f->db), 0);
	dbpg_reset(ins);
	/* the failed statement aborted the transaction: until the savepoint
	 * is rolled back, everything fails */
	assert_int_equal(dbpg_bind_int64(ins, 1, 2), 0);
	assert_int_equal(dbpg_step(ins), DB_FAIL);
	dbpg_reset(ins);
	assert_int_equal(dbpg_exec(f->db, "ROLLBACK TO SAVEPOINT one"), 0);
	assert_int_equal(dbpg_step(ins), DB_DONE);
	dbpg_reset(ins);
	assert_int_equal(dbpg_exec(f->db, "RELEASE SAVEPOINT one; COMMIT"), 0);
	assert_int_equal(dbpg_autocommit(f->db), 1);
	assert_int_equal(query_int(f->db, "SELECT count(*) FROM r"), 2);
	/* a rolled-back transaction leaves nothing; a persistent statement
	 * outlives it */
	assert_int_equal(dbpg_exec(f->db, "BEGIN"), 0);
	assert_int_equal(dbpg_bind_int64(ins, 1, 3), 0);
	assert_int_equal(dbpg_step(ins), DB_DONE);
	dbpg_reset(ins);
	assert_int_equal(dbpg_exec(f->db, "ROLLBACK"), 0);
	assert_int_equal(dbpg_autocommit(f->db), 1);
	assert_int_equal(query_int(f->db, "SELECT count(*) FROM r"), 2);
	assert_int_equal(dbpg_step(ins), DB_DONE);
	dbpg_finalize(ins);
	/* autocommit while a statement of an open transaction streams */
	assert_int_equal(dbpg_exec(f->db, "BEGIN"), 0);
	struct dbpg_stmt *sel = prep(f->db, "SELECT k FROM r", 0);
	assert_int_equal(dbpg_step(sel), DB_ROW);
	assert_int_equal(dbpg_autocommit(f->db), 0);
	dbpg_finalize(sel);
	assert_int_equal(dbpg_exec(f->db, "COMMIT"), 0);
	assert_int_equal(dbpg_autocommit(f->db), 1);
}

static void test_changes(void **state)
{
	struct fx *f = *state;
	assert_int_equal(dbpg_exec(f->db, "CREATE TABLE c (k int, v int); INSERT INTO c SELECT g, 0 FROM generate_series(1, 10) g"), 0);
	assert_int_equal(dbpg_changes(f->db), 10);
	struct dbpg_stmt *up = prep(f->db, "UPDATE c SET v = v + 1 WHERE k <= $1", 1);
	assert_int_equal(dbpg_bind_int64(up, 1, 3), 0);
	assert_int_equal(dbpg_step(up), DB_DONE);
	assert_int_equal(dbpg_changes(f->db), 3);
	dbpg_finalize(up);
	/* a SELECT leaves it as it was */
	assert_int_equal(query_int(f->db, "SELECT count(*) FROM c"), 10);
	assert_int_equal(dbpg_changes(f->db), 3);
	/* DELETE ... RETURNING: its rows, then the count */
	struct dbpg_stmt *del = prep(f->db, "DELETE FROM c WHERE k > 6 RETURNING k", 0);
	int rows = 0;
	while (dbpg_step(del) == DB_ROW)
		rows++;
	assert_int_equal(rows, 4);
	assert_int_equal(dbpg_changes(f->db), 4);
	dbpg_finalize(del);
}

static void test_readonly(void **state)
{
	struct fx *f = *state;
	assert_int_equal(dbpg_exec(f->db, "CREATE TABLE w (k int)"), 0);
	struct dbpg *ro = connect_to(f->schema, DB_READONLY);
	assert_int_equal(query_int(ro, "SELECT count(*) FROM w"), 0);
	assert_int_equal(dbpg_exec(ro, "INSERT INTO w VALUES (1)"), -1);
	assert_int_equal(dbpg_errclass(ro), DB_E_READONLY);
	assert_non_null(strstr(dbpg_errmsg(ro), "read-only"));
	assert_non_null(dbpg_handle(ro));
	dbpg_close(ro);
}

int main(void)
{
	if (!uri() || !*uri()) {
		printf("SKIP: COMMUNIQUE_TEST_PG is not set (ctest sets it when a PostgreSQL server is installed)\n");
		return 77;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_parameters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nulls_and_numbers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(test_constraint, setup, teardown),
		cmocka_unit_test_setup_teardown(test_busy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_streaming, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reset_and_interleave, setup, teardown),
		cmocka_unit_test_setup_teardown(test_connection_lost, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transactions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_readonly, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
