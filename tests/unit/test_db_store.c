/* The store opened on PostgreSQL (store_open on a postgresql:// URI): the
 * migrations of schema/pg applied in one transaction, the version kept in
 * communique_schema, and the same refusals as on SQLite: a newer schema, a
 * database of another application. Each case gets a database of its own on
 * the server COMMUNIQUE_TEST_PG names (created and dropped here); without
 * that variable the test says SKIP (77). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/db.h"
#include "store/store.h"
#include "store/store_internal.h"
#include "util/buf.h"

struct fx {
	char uri[1100];     /* the case's own database */
	char name[64];
};

static const char *server(void)
{
	const char *uri = getenv("COMMUNIQUE_TEST_PG");
	return uri && *uri ? uri : NULL;
}

static void exec_on(const char *target, const char *sql)
{
	struct db *db = NULL;
	char *err = NULL;
	if (db_open(target, 0, &db, &err))
		fail_msg("db_open %s: %s", target, err ? err : "?");
	if (db_exec(db, sql))
		fail_msg("%s: %s", sql, db_errmsg(db));
	db_close(db);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	static int n;
	snprintf(f->name, sizeof(f->name), "store_test_%ld_%d", (long)getpid(), n++);
	/* The same server, another database: the URI's path names it. */
	const char *pg = server();
	const char *auth = strstr(pg, "://");
	if (!auth)
		return -1;
	size_t path = (size_t)(auth + 3 - pg) + strcspn(auth + 3, "/?");
	const char *query = strchr(pg + path, '?');
	snprintf(f->uri, sizeof(f->uri), "%.*s/%s%s", (int)path, pg, f->name, query ? query : "");
	char sql[128];
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s", f->name);
	exec_on(pg, sql);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char sql[128];
	snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s", f->name);
	exec_on(server(), sql);
	free(f);
	return 0;
}

static struct store *open_ok(const char *uri, int flags)
{
	struct store *s = NULL;
	char *err = NULL;
	if (store_open(uri, flags, &s, &err))
		fail_msg("store_open %s: %s", uri, err ? err : "?");
	return s;
}

static char *open_fails(const char *uri, int flags)
{
	struct store *s = (struct store *)&s;
	char *err = NULL;
	assert_int_equal(store_open(uri, flags, &s, &err), -1);
	assert_null(s);
	assert_non_null(err);
	return err;
}

/* A one-row, one-column integer query on the case's database. */
static int64_t query_int(const char *uri, const char *sql)
{
	struct db *db = NULL;
	char *err = NULL;
	struct db_stmt *st = NULL;
	if (db_open(uri, 0, &db, &err))
		fail_msg("db_open: %s", err);
	if (db_prepare(db, sql, 0, &st) || db_step(st) != DB_ROW)
		fail_msg("%s: %s", sql, db_errmsg(db));
	int64_t v = db_column_int64(st, 0);
	db_finalize(st);
	db_close(db);
	return v;
}

/* An empty database becomes an archive of the latest schema, its version in
 * communique_schema; opening it again migrates nothing. */
static void test_migrates_empty_database(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f->uri, 0);
	assert_int_equal(store_version(s), store_latest_version());
	store_close(s);
	assert_int_equal(query_int(f->uri, "SELECT version FROM communique_schema"), store_latest_version());
	assert_int_equal(query_int(f->uri, "SELECT application_id FROM communique_schema"), 0x436d6e71);
	s = open_ok(f->uri, 0);
	assert_int_equal(store_version(s), store_latest_version());
	store_close(s);
	/* Read-only: the same archive, no migration, and no write. */
	s = open_ok(f->uri, STORE_READONLY);
	assert_int_equal(store_version(s), store_latest_version());
	store_close(s);
}

/* Stopped at a version, then brought up to date: only the later migrations run. */
static void test_migrates_in_steps(void **state)
{
	struct fx *f = *state;
	struct store *s = NULL;
	char *err = NULL;
	if (store_open_at(f->uri, 0, 3, &s, &err))
		fail_msg("store_open_at: %s", err);
	assert_int_equal(store_version(s), 3);
	store_close(s);
	assert_int_equal(query_int(f->uri, "SELECT count(*) FROM information_schema.tables"
					   " WHERE table_name = 'curations'"), 0);
	s = open_ok(f->uri, 0);
	assert_int_equal(store_version(s), store_latest_version());
	store_close(s);
	assert_int_equal(query_int(f->uri, "SELECT count(*) FROM information_schema.tables"
					   " WHERE table_name = 'curations'"), 1);
}

/* A read-only open of an empty database migrates nothing. */
static void test_readonly_creates_nothing(void **state)
{
	struct fx *f = *state;
	struct store *s = open_ok(f->uri, STORE_READONLY);
	store_close(s);
	assert_int_equal(query_int(f->uri, "SELECT count(*) FROM information_schema.tables"
					   " WHERE table_schema = current_schema()"), 0);
}

static void test_refuses_newer_schema(void **state)
{
	struct fx *f = *state;
	store_close(open_ok(f->uri, 0));
	exec_on(f->uri, "UPDATE communique_schema SET version = 999");
	char *err = open_fails(f->uri, 0);
	assert_non_null(strstr(err, "newer communique"));
	assert_non_null(strstr(err, "999"));
	free(err);
	assert_int_equal(query_int(f->uri, "SELECT version FROM communique_schema"), 999);
}

static void test_refuses_foreign_database(void **state)
{
	struct fx *f = *state;
	exec_on(f->uri, "CREATE TABLE payroll (id bigint PRIMARY KEY)");
	char *err = open_fails(f->uri, 0);
	assert_non_null(strstr(err, "not a communique archive"));
	free(err);
	/* Left untouched: no table of ours. */
	assert_int_equal(query_int(f->uri, "SELECT count(*) FROM information_schema.tables"
					   " WHERE table_schema = current_schema()"), 1);
	/* Nor one whose version table names another application. */
	exec_on(f->uri, "DROP TABLE payroll; CREATE TABLE communique_schema (id integer PRIMARY KEY,"
			" application_id integer NOT NULL, version integer NOT NULL);"
			" INSERT INTO communique_schema VALUES (1, 42, 1)");
	err = open_fails(f->uri, 0);
	assert_non_null(strstr(err, "not a communique archive"));
	free(err);
}

/* The password of a URI never shows in a message. */
static void test_message_hides_password(void **state)
{
	struct fx *f = *state;
	exec_on(f->uri, "CREATE TABLE payroll (id bigint PRIMARY KEY)");
	char uri[1200];
	const char *auth = strstr(f->uri, "://") + 3;
	size_t user = strcspn(auth, "@/?");
	if (auth[user] != '@')
		skip();   /* no user in the URI to give a password to */
	snprintf(uri, sizeof(uri), "%.*s:hunter22%s", (int)(auth + user - f->uri), f->uri, auth + user);
	char *err = open_fails(uri, 0);
	assert_null(strstr(err, "hunter22"));
	assert_non_null(strstr(err, "not a communique archive"));
	free(err);
}

/* FTS5's query forms as websearch_to_tsquery reads them. */
static void test_text_query_translation(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{"sanctions", "sanctions"},
		{"sanctions AND Russia", "sanctions Russia"},
		{"sanctions OR visit", "sanctions OR visit"},
		{"\"foreign minister\"", "\"foreign minister\""},
		{"Russia NOT sanctions", "Russia -sanctions"},
		{"\"AND NOT\" x", "\"AND NOT\" x"},
		{"ANDROID band", "ANDROID band"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf b;
		buf_init(&b, 0);
		assert_int_equal(store_text_query_pg(cases[i][0], &b), 0);
		assert_string_equal(buf_str(&b), cases[i][1]);
		buf_release(&b);
	}
}

static int collect(void *ctx, const struct tl_event *e)
{
	buf_printf(ctx, "%lld ", (long long)e->id);
	return 0;
}

/* The events a full-text filter finds, as "1 3 ". */
static void search(struct store *s, const char *text, struct buf *out)
{
	struct event_filter f;
	memset(&f, 0, sizeof(f));
	f.from.prec = f.to.prec = PREC_UNKNOWN;
	f.text = text;
	char *err = NULL;
	buf_reset(out);
	if (store_timeline_each(s, &f, collect, out, &err))
		fail_msg("--text %s: %s", text, err);
}

/* The same events found on SQLite (FTS5) and PostgreSQL (the GIN index and
 * websearch_to_tsquery) for plain words, AND, OR, NOT, phrases, case and
 * accents. */
static void test_fulltext_same_on_both(void **state)
{
	struct fx *f = *state;
	static const char rows[] =
		"INSERT INTO events(id, type, cameo, status, date, party_key, summary, evidence, added_at, changed_at)"
		" VALUES (1, 'sanctions', '163', 0, '2020-01-01', 'a', 'Russia imposed sanctions on Ukraine', '', 0, 0),"
		" (2, 'visit', '042', 0, '2020-01-02', 'b', 'The Foreign Minister visited the Elysee', 'at the Élysée', 0, 0),"
		" (3, 'sanctions', '163', 0, '2020-01-03', 'c', 'The EU lifted sanctions', 'minister foreign', 0, 0),"
		" (4, 'meeting', '043', 0, '2020-01-04', 'd', 'Russia and China met', '', 0, 0)";
	char dir[] = "/tmp/test_db_store.XXXXXX", path[64];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/a.db", dir);
	struct store *sq = open_ok(path, 0), *pg = open_ok(f->uri, 0);
	char *err = NULL;
	if (store_exec(sq, rows, &err) || store_exec(pg, rows, &err))
		fail_msg("%s", err);
	static const char *const queries[] = {
		"sanctions", "SANCTIONS", "sanctions AND Russia", "sanctions OR visited", "\"foreign minister\"",
		"Russia NOT sanctions", "elysee", "Élysée", "minister",
	};
	struct buf a, b;
	buf_init(&a, 0);
	buf_init(&b, 0);
	for (size_t i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
		search(sq, queries[i], &a);
		search(pg, queries[i], &b);
		if (strcmp(buf_str(&a), buf_str(&b)))
			fail_msg("--text %s: SQLite finds [%s], PostgreSQL [%s]", queries[i], buf_str(&a), buf_str(&b));
		assert_true(a.len > 0);
	}
	/* The phrase is in order: event 3 has both words the other way round. */
	search(pg, "\"foreign minister\"", &b);
	assert_string_equal(buf_str(&b), "2 ");
	buf_release(&a);
	buf_release(&b);
	store_close(sq);
	store_close(pg);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	if (!server()) {
		fprintf(stderr, "COMMUNIQUE_TEST_PG is not set: no PostgreSQL server to test\n");
		return 77;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_migrates_empty_database, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrates_in_steps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_readonly_creates_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_newer_schema, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_foreign_database, setup, teardown),
		cmocka_unit_test_setup_teardown(test_message_hides_password, setup, teardown),
		cmocka_unit_test(test_text_query_translation),
		cmocka_unit_test_setup_teardown(test_fulltext_same_on_both, setup, teardown),
	};
	return cmocka_run_group_tests_name("store on postgresql", tests, NULL, NULL);
}
