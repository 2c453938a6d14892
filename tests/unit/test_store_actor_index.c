/* Actors found by name or code whatever their case through indexes
 * (migration 9): the statements of a page with an actor filter (the
 * count that chooses its plan, the page itself, the actor's ids) and the
 * question whether an actor is known build no automatic index of actors
 * and read no whole table of them; and they still find the actor by its
 * name, code or alias in any case. The plans are SQLite's own (EXPLAIN
 * QUERY PLAN) of the statements the connection keeps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/timeline.h"
#include "store/store.h"
#include "store/store_internal.h"
#include "util/buf.h"

#include "archive_fixture.h"

static const char fill[] =
	"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
	" INSERT INTO actors(id, name, code, kind) SELECT i, 'Person ' || i, printf('C%03d', i % 300), 2 FROM n;"
	"INSERT INTO actors(id, name, code, kind) VALUES (5001, 'Japan', 'JPN', 0), (5002, 'Fumio Kishida', 'JPN', 2);"
	"INSERT INTO actor_aliases(actor_id, alias) VALUES (5001, 'Tokyo');"
	"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)"
	" INSERT INTO events(id, type, cameo, status, date, date_precision, party_key, summary, evidence,"
	" added_at, changed_at) SELECT i, 'meeting', '040', 0, printf('2015-%02d-01', 1 + i % 12), 3, 'key' || i,"
	" 'They met', '', 1442800000, 1442800000 FROM n;"
	"INSERT INTO event_actors(event_id, seq, actor_id, role) SELECT id, 0, id, 0 FROM events;"
	"INSERT INTO event_actors(event_id, seq, actor_id, role) SELECT id, 1, 5002, 1 FROM events WHERE id % 10 = 0;";

static int count_event(void *ctx, const struct tl_event *e)
{
	(void)e;
	(*(int *)ctx)++;
	return 0;
}

static int page_count(struct store *s, const char *actor)
{
	const char *actors[] = {actor};
	struct event_filter f;
	memset(&f, 0, sizeof(f));
	f.from.prec = f.to.prec = PREC_UNKNOWN;
	f.actors = actors;
	f.n_actors = 1;
	f.page = 1;
	f.limit = 50;
	int n = 0;
	char *err = NULL;
	OK(store_timeline_each(s, &f, count_event, &n, &err), "page");
	return n;
}

/* SQLite's plan of sql on db, its lines joined. */
static char *plan_of(sqlite3 *db, const char *sql)
{
	struct buf q, out;
	buf_init(&q, 0);
	buf_init(&out, 0);
	buf_printf(&q, "EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, buf_str(&q), -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		buf_printf(&out, "%s\n", (const char *)sqlite3_column_text(st, 3));
	sqlite3_finalize(st);
	buf_release(&q);
	assert_false(buf_failed(&out));
	return out.data;
}

/* The kept statements of s that read actors: none builds an automatic
 * index or scans a table of actors. Returns how many were looked at. */
static int assert_actor_plans(struct store *s)
{
	sqlite3 *db = db_handle(s->db);
	int n = 0;
	for (sqlite3_stmt *st = sqlite3_next_stmt(db, NULL); st; st = sqlite3_next_stmt(db, st)) {
		const char *sql = sqlite3_sql(st);
		if (!strstr(sql, "FROM actors") || !strncmp(sql, "EXPLAIN", 7))
			continue;
		char *plan = plan_of(db, sql);
		if (strstr(plan, "AUTOMATIC") || strstr(plan, "SCAN actors") || strstr(plan, "SCAN a\n"))
			fail_msg("actors read without their index:\n%s\n%s", sql, plan);
		free(plan);
		n++;
	}
	return n;
}

static void test_actor_filters_use_indexes(void **state)
{
	struct fx *f = *state;
	f->s = open_at(f, 0);
	outside_exec(f->path, fill);
	char *err = NULL;
	/* By name, code and alias, in any case. */
	assert_int_equal(page_count(f->s, "person 7"), 1);
	assert_int_equal(page_count(f->s, "PERSON 7"), 1);
	assert_int_equal(page_count(f->s, "c007"), 1);
	assert_int_equal(page_count(f->s, "fumio kishida"), 30);
	assert_int_equal(page_count(f->s, "jpn"), 30);
	assert_int_equal(page_count(f->s, "tokyo"), 30);
	assert_int_equal(store_actor_known(f->s, "JAPAN", &err), 1);
	assert_int_equal(store_actor_known(f->s, "c299", &err), 1);
	assert_int_equal(store_actor_known(f->s, "TOKYO", &err), 1);
	assert_int_equal(store_actor_known(f->s, "Kyoto", &err), 0);
	/* The count, the page, the known actor: three statements at least. */
	assert_true(assert_actor_plans(f->s) >= 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_actor_filters_use_indexes, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
