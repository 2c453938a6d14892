/* Pages of a timeline (store_timeline_each with `page`) on an archive
 * brought from schema 6 to the latest: the migration keeps the events and
 * adds the filters' indexes, and every filter's pages, read one after the
 * other, give exactly the whole timeline of that filter in the same order —
 * through the walk of each type's index, a common and a rare agency, a
 * common and a rare word (store_events.c chooses a plan for each).
 *
 * The archive is made with SQL from outside the store, as schema 6 had it:
 * 6,000 events of five types, three statuses, dates of every precision and
 * none, confidences, a few verified, two actors, two agencies. */
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

#include "archive_fixture.h"

#define N_EVENTS 6000

/* Every 97th event undated, every 13th dated by its year only, every 29th
 * by its month; Japan in every 40th, China in all; Kyodo reports every 50th
 * (120 events: rare), TASS the others (common); "zeppelin" in 6 summaries,
 * "talks" in all. */
static const char fill[] =
	"INSERT INTO actors(id, name, code, kind) VALUES (1, 'Japan', 'JPN', 0), (2, 'China', 'CHN', 0);"
	"INSERT INTO agencies(id, name) VALUES (1, 'TASS'), (2, 'Kyodo');"
	"INSERT INTO reports(id, title, body, format, content_hash, identity_key, imported_at, agency_id) VALUES"
	" (1, 'Talks in Beijing', 'Ministers held talks.', 'text', 'h1', 'k1', 1442800000, 1),"
	" (2, 'Talks in Tokyo', 'Ministers held talks.', 'text', 'h2', 'k2', 1442800000, 2);"
	"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000)"
	" INSERT INTO events(id, type, cameo, status, date, date_precision, party_key, summary, evidence,"
	" added_at, changed_at, confidence, verified)"
	" SELECT i, CASE i % 5 WHEN 0 THEN 'meeting' WHEN 1 THEN 'visit' WHEN 2 THEN 'sanctions'"
	"  WHEN 3 THEN 'appeal' ELSE 'phone_call' END, '040', i % 3,"
	" CASE WHEN i % 97 = 0 THEN '' WHEN i % 13 = 0 THEN printf('%04d', 2010 + i % 7)"
	"  WHEN i % 29 = 0 THEN printf('%04d-%02d', 2010 + i % 7, 1 + i % 12)"
	"  ELSE printf('%04d-%02d-%02d', 2010 + i % 7, 1 + i % 12, 1 + i % 28) END,"
	" CASE WHEN i % 97 = 0 THEN 0 WHEN i % 13 = 0 THEN 1 WHEN i % 29 = 0 THEN 2 ELSE 3 END,"
	" 'key' || i, CASE WHEN i % 1000 = 7 THEN 'Ministers held zeppelin talks' ELSE 'Ministers held talks' END,"
	" '', 1442800000, 1442800000, 0.4 + (i % 6) / 10.0, i % 250 = 0 FROM n;"
	"INSERT INTO event_actors(event_id, seq, actor_id, role) SELECT id, 0, 2, 2 FROM events;"
	"INSERT INTO event_actors(event_id, seq, actor_id, role) SELECT id, 1, 1, 2 FROM events WHERE id % 40 = 0;"
	"INSERT INTO event_reports(event_id, report_id) SELECT id, CASE WHEN id % 50 = 3 THEN 2 ELSE 1 END"
	" FROM events;";

static int setup_archive(void **state)
{
	if (setup(state))
		return -1;
	struct fx *f = *state;
	char *err = NULL;
	struct store *s = NULL;
	if (store_open_at(f->path, 0, 6, &s, &err)) {
		fprintf(stderr, "store_open_at 6: %s\n", err ? err : "?");
		return -1;
	}
	store_close(s);
	outside_exec(f->path, fill);
	/* Read-only opens never migrate: the archive is still at 6. */
	if (store_open(f->path, STORE_READONLY, &s, &err) == 0) {
		int v = store_version(s);
		store_close(s);
		if (v != 6)
			return -1;
	}
	free(err);
	err = NULL;
	if (store_open(f->path, 0, &f->s, &err)) {
		fprintf(stderr, "store_open: %s\n", err ? err : "?");
		return -1;
	}
	return 0;
}

struct ids {
	int64_t *v;
	size_t n, cap;
};

static int collect(void *ctx, const struct tl_event *e)
{
	struct ids *ids = ctx;
	if (ids->n == ids->cap) {
		ids->cap = ids->cap ? ids->cap * 2 : 64;
		ids->v = realloc(ids->v, ids->cap * sizeof(*ids->v));
		assert_non_null(ids->v);
	}
	ids->v[ids->n++] = e->id;
	return 0;
}

/* The whole timeline of f, then its pages of `limit` one after the other:
 * the same events in the same order. Returns how many. */
static size_t assert_pages_exact(struct store *s, struct event_filter f, long limit)
{
	struct ids whole = {0}, paged = {0};
	char *err = NULL;
	f.page = 0;
	f.limit = 0;
	if (store_timeline_each(s, &f, collect, &whole, &err))
		fail_msg("timeline: %s", err ? err : "?");
	f.page = 1;
	f.limit = limit;
	f.after_id = 0;
	for (;;) {
		size_t before = paged.n;
		if (store_timeline_each(s, &f, collect, &paged, &err))
			fail_msg("page: %s", err ? err : "?");
		size_t got = paged.n - before;
		assert_true(got <= (size_t)limit);
		if (got < (size_t)limit)
			break;
		f.after_id = paged.v[paged.n - 1];
	}
	assert_int_equal(paged.n, whole.n);
	for (size_t i = 0; i < whole.n; i++)
		if (paged.v[i] != whole.v[i])
			fail_msg("event %zu of the timeline: e%lld in pages, e%lld in the whole", i,
				 (long long)paged.v[i], (long long)whole.v[i]);
	size_t n = whole.n;
	free(whole.v);
	free(paged.v);
	return n;
}

static struct event_filter none(void)
{
	struct event_filter f;
	memset(&f, 0, sizeof(f));
	f.from.prec = f.to.prec = PREC_UNKNOWN;
	return f;
}

static void test_migration_keeps_events_and_adds_indexes(void **state)
{
	struct fx *f = *state;
	assert_int_equal(store_version(f->s), store_latest_version());
	assert_true(store_latest_version() >= 7);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM events"), N_EVENTS);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM event_actors"), N_EVENTS + N_EVENTS / 40);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name IN"
					      " ('events_by_date', 'events_by_type', 'events_verified')"), 3);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM events_fts WHERE events_fts MATCH 'zeppelin'"), 6);
	/* Occurred and planned by default: two thirds. */
	assert_int_equal(assert_pages_exact(f->s, none(), 50), 4000);
}

static void test_pages_of_types(void **state)
{
	struct fx *f = *state;
	static const char *const one[] = {"meeting"};
	static const char *const three[] = {"appeal", "meeting", "visit"};
	static const char *const twice[] = {"visit", "visit"};
	struct event_filter e = none();
	e.types = one;
	e.n_types = 1;
	assert_int_equal(assert_pages_exact(f->s, e, 50), 800);
	e.types = three;
	e.n_types = 3;
	assert_int_equal(assert_pages_exact(f->s, e, 50), 2400);
	assert_int_equal(assert_pages_exact(f->s, e, 7), 2400);
	/* A type asked twice counts its events once. */
	e.types = twice;
	e.n_types = 2;
	assert_int_equal(assert_pages_exact(f->s, e, 50), 800);
	/* With the other filters. */
	static const char *const japan[] = {"Japan"};
	e.types = three;
	e.n_types = 3;
	e.actors = japan;
	e.n_actors = 1;
	assert_true(assert_pages_exact(f->s, e, 10) > 0);
	e = none();
	e.types = one;
	e.n_types = 1;
	e.status_mask = 7;
	cdate_parse_exact("2012", &e.from);
	cdate_parse_exact("2013-06", &e.to);
	assert_true(assert_pages_exact(f->s, e, 20) > 0);
}

static void test_pages_of_columns(void **state)
{
	struct fx *f = *state;
	struct event_filter e = none();
	e.status_mask = 4;
	assert_int_equal(assert_pages_exact(f->s, e, 50), 2000);
	e.status_mask = 7;
	e.verified = 1;
	assert_int_equal(assert_pages_exact(f->s, e, 5), N_EVENTS / 250);
	e.verified = -1;
	assert_int_equal(assert_pages_exact(f->s, e, 50), N_EVENTS - N_EVENTS / 250);
	e = none();
	e.min_confidence = 0.7;
	assert_true(assert_pages_exact(f->s, e, 50) > 0);
	e.min_confidence = 0;
	e.max_confidence = 0.6;
	assert_true(assert_pages_exact(f->s, e, 50) > 0);
	/* A busy actor (every event: the walk) and a rare one (read and sorted). */
	static const char *const china[] = {"CHN"}, *const japan[] = {"japan"};
	e = none();
	e.status_mask = 7;
	e.actors = china;
	e.n_actors = 1;
	assert_int_equal(assert_pages_exact(f->s, e, 50), N_EVENTS);
	e.actors = japan;
	assert_int_equal(assert_pages_exact(f->s, e, 9), N_EVENTS / 40);
	e.between[0] = "Japan";
	e.between[1] = "China";
	assert_int_equal(assert_pages_exact(f->s, e, 50), N_EVENTS / 40);
}

static void test_pages_of_agencies_and_words(void **state)
{
	struct fx *f = *state;
	struct event_filter e = none();
	e.status_mask = 7;
	e.agency = "TASS";        /* over 5,000 events: the walk */
	assert_int_equal(assert_pages_exact(f->s, e, 50), N_EVENTS - N_EVENTS / 50);
	e.agency = "kyodo";       /* 120: read and sorted */
	assert_int_equal(assert_pages_exact(f->s, e, 50), N_EVENTS / 50);
	e.agency = NULL;
	e.text = "talks";         /* every event: the walk */
	assert_int_equal(assert_pages_exact(f->s, e, 50), N_EVENTS);
	e.text = "zeppelin";      /* 6: read and sorted */
	assert_int_equal(assert_pages_exact(f->s, e, 4), 6);
	static const char *const appeal[] = {"appeal"};  /* Kyodo's: every 50th from 3 */
	e.text = "talks";
	e.agency = "Kyodo";
	e.types = appeal;
	e.n_types = 1;
	assert_true(assert_pages_exact(f->s, e, 3) > 0);
	/* A query FTS5 refuses is an error of the timeline, not of the plan. */
	e = none();
	e.text = "AND";
	e.page = 1;
	e.limit = 50;
	char *err = NULL;
	struct ids ids = {0};
	assert_int_not_equal(store_timeline_each(f->s, &e, collect, &ids, &err), 0);
	assert_non_null(err);
	assert_non_null(strstr(err, "full-text"));
	free(err);
	free(ids.v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_migration_keeps_events_and_adds_indexes, setup_archive, teardown),
		cmocka_unit_test_setup_teardown(test_pages_of_types, setup_archive, teardown),
		cmocka_unit_test_setup_teardown(test_pages_of_columns, setup_archive, teardown),
		cmocka_unit_test_setup_teardown(test_pages_of_agencies_and_words, setup_archive, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
