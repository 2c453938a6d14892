/* Confidence bounds over many distinct confidences (migration 15): a page
 * bounded by confidence whose bounds hold more values than the walks one
 * value each take (migration 13, at most 8) walks the index
 * events_by_tenth(tenth of the confidence, date, id, ...), one arm a tenth
 * wholly within the bounds, one a value of a tenth a bound cuts (or that
 * tenth, tested, when it has too many), one for events without a
 * confidence (counted as 0.5), instead of the timeline's index on (date,
 * id) testing every entry.
 * - lower and upper bounds, alone and together, on tenths and cutting them,
 *   below and above every value, between two values (no arm), crossed,
 *   alone and with types, dates, a word, a busy and a rare actor, statuses
 *   (occurred, all), unverified events, give pages and cursors equal, event
 *   for event and field for field, to the same archive kept at schema 14,
 *   with 40 distinct values and with 3;
 *   the tenths are walked where they should be, through their index;
 * - so they stay after the same edits on both archives (confidences
 *   written from outside: none, one that is no number, below 0 and above
 *   1, a tenth of many values; events deleted by the store and from
 *   outside, restored, merged), and the archive kept at 14, edited,
 *   migrates to the same pages.
 *
 * The archive is made with SQL from outside the store at schema 14: 1,200
 * events, the confidences of the 175 annotated reports' 695 events (39
 * values, and 0.95), the years 2010 and 2011 without any below 0.6 (a walk
 * of the timeline crosses them), one in 37 without; statuses, dates,
 * words, actors, withdrawals and merges as in test_store_column_walks.c. */
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
#include "paired_archive.h"

#define FILL_HEAD                                                                                                   \
	PAIRED_ACTORS ";"                                                                                             \
	PAIRED_REPORT                                                                                                 \
	"CREATE TEMP TABLE d(v REAL, n INTEGER);"                                                                    \
	"INSERT INTO d VALUES (0.21,1),(0.25,3),(0.27,2),(0.28,3),(0.31,2),(0.32,7),(0.33,2),(0.36,10),(0.37,18),"   \
	"(0.38,7),(0.41,8),(0.42,17),(0.43,60),(0.46,4),(0.47,182),(0.51,79),(0.52,1),(0.53,2),(0.56,1),(0.57,6),"   \
	"(0.58,4),(0.6,1),(0.61,12),(0.62,3),(0.63,11),(0.64,1),(0.65,2),(0.66,4),(0.67,47),(0.68,3),(0.69,11),"     \
	"(0.7,1),(0.71,28),(0.73,10),(0.74,8),(0.75,35),(0.78,2),(0.79,67),(0.83,30),(0.95,5);"                       \
	"CREATE TEMP TABLE c AS SELECT v, (SELECT sum(n) FROM d d2 WHERE d2.v <= d.v) AS hi FROM d;"                  \
	"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1200)"                             \
	" INSERT INTO events(id, type, cameo, status, date, date_precision, party_key, summary, evidence,"           \
	" added_at, changed_at, confidence, verified)"                                                               \
	" SELECT i, CASE i % 5 WHEN 0 THEN 'meeting' WHEN 1 THEN 'visit' WHEN 2 THEN 'sanctions'"                    \
	"  WHEN 3 THEN 'appeal' ELSE 'phone_call' END, '040',"                                                        \
	" CASE WHEN i % 10 = 0 THEN 2 WHEN i % 4 = 0 THEN 1 ELSE 0 END,"                                              \
	PAIRED_DATES                                                                                                  \
	" 'key' || i, CASE WHEN i % 9 = 0 THEN 'Sanctions were imposed' WHEN i % 601 = 0 THEN 'A rare embargo'"       \
	"  ELSE 'Ministers held talks' END, '', 1442800000, 1442800000, "

#define FILL_TAIL                                                                                                   \
	", i % 250 = 0 FROM n;"                                                                                       \
	PAIRED_PARTIES                                                                                                \
	"INSERT INTO event_reports(event_id, report_id) SELECT id, 1 FROM events;"                                   \
	"UPDATE events SET gone = 1 WHERE id % 17 = 0;"                                                               \
	"UPDATE events SET gone = 4, merged_into = id - 1 WHERE id % 23 = 0 AND id % 17 <> 0;"

/* 40 values, as the extractor gives them; none below 0.6 in 2010-2011. */
static const char fill_forty[] = FILL_HEAD
	"CASE WHEN i % 37 = 0 THEN NULL ELSE (SELECT v FROM c WHERE hi > (i * 7919) % 700"
	" AND (i % 7 >= 2 OR v >= 0.6) ORDER BY hi LIMIT 1) END" FILL_TAIL;

/* 3 values: migration 13's walks, one a value. */
static const char fill_three[] = FILL_HEAD
	"CASE WHEN i % 37 = 0 THEN NULL ELSE 0.45 + (i % 3) / 10.0 END" FILL_TAIL;

static int setup_forty(void **state)
{
	return setup_pair(state, 14, fill_forty, REFUSAL_FAILS);
}

static int setup_three(void **state)
{
	return setup_pair(state, 14, fill_three, REFUSAL_FAILS);
}

/* An arm of a tenth (page_arms: "CONF_TENTH(e.confidence) = N"). */
static const char tenth_arm[] = "ELSE 11 END) = ";

/* Whether s walked the tenths of the confidence, through their index. */
static int tenths_walked(struct store *s)
{
	const char *sql = kept_statement(s, tenth_arm);
	if (!sql)
		return 0;
	sqlite3 *db = db_handle(s->db);
	char *q = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *plan;
	assert_int_equal(sqlite3_prepare_v2(db, q, -1, &plan, NULL), SQLITE_OK);
	sqlite3_free(q);
	int used = 0;
	while (sqlite3_step(plan) == SQLITE_ROW)
		used |= strstr((const char *)sqlite3_column_text(plan, 3), "events_by_tenth") != NULL;
	sqlite3_finalize(plan);
	return used;
}

/* Bounds: on tenths, cutting them (0.45 between 0.43 and 0.46; 0.48 with
 * none of its tenth above it), at 0.5 where events without a confidence
 * count, below and above every value, crossed. */
static const double bounds[][2] = {
	{0.45, 0}, {0, 0.45}, {0.5, 0}, {0, 0.5}, {0.4, 0}, {0, 0.4}, {0.48, 0}, {0, 0.48}, {0.45, 0.75},
	{0.33, 0.67}, {0.6, 0.7}, {0.21, 0.83}, {0.05, 0}, {0, 0.2}, {0.99, 0}, {0, 1.5}, {0.7, 0.3},
	{0.51, 0.52}, {0.475, 0.785}, {0.48, 0.5},
};
#define N_BOUNDS (sizeof(bounds) / sizeof(bounds[0]))

/* Every bound (every other one from `from` when `half`) with `base`, and
 * with the statuses occurred alone and all (with the occurred: the tenths
 * are walked) when statuses is set; short pages (many of them) for the
 * first bounds only. */
static void each_bound(struct pair_fx *k, struct event_filter base, long limit, int statuses, int half, size_t from)
{
	for (size_t b = from; b < (limit < 20 ? 6 : N_BOUNDS); b += half ? 2 : 1) {
		struct event_filter f = base;
		f.min_confidence = bounds[b][0];
		f.max_confidence = bounds[b][1];
		assert_same_pages(k, f, limit);
		for (unsigned mask = 1; statuses && mask < 8; mask += 6) {
			f.status_mask = mask;
			assert_same_pages(k, f, limit);
		}
	}
}

static const char *const china[] = {"China"};
static const char *const japan[] = {"Japan"};

/* Every bound alone and with statuses; half of them (in turn the even and
 * the odd ones) with types, dates, a word, actors, unverified events;
 * cursors on an undated event, a withdrawn one, one outside the bounds. */
static void assert_all_pages_same(struct pair_fx *k)
{
	static const char *const three[] = {"appeal", "meeting", "visit"};
	struct event_filter f = none();
	each_bound(k, f, 50, 1, 0, 0);
	each_bound(k, f, 7, 0, 0, 0);
	f.types = three;
	f.n_types = 3;
	each_bound(k, f, 50, 0, 1, 0);
	f = none();
	cdate_parse_exact("2012-03", &f.from);
	cdate_parse_exact("2013-06", &f.to);
	each_bound(k, f, 20, 0, 1, 1);
	f.to.prec = PREC_UNKNOWN;
	each_bound(k, f, 50, 0, 1, 0);
	f = none();
	f.text = "sanctions";
	each_bound(k, f, 50, 0, 1, 1);
	f = none();
	f.actors = china;
	f.n_actors = 1;
	each_bound(k, f, 50, 0, 1, 0);
	f.actors = japan;
	each_bound(k, f, 50, 0, 1, 1);
	f = none();
	f.verified = -1;
	each_bound(k, f, 50, 0, 1, 0);
	f = none();
	f.min_confidence = 0.45;
	static const int64_t cursors[] = {97 * 10, 17 * 10, 37 * 3, 5, 1199};
	const size_t n = sizeof(cursors) / sizeof(cursors[0]);
	assert_same_after_each(k, f, 50, cursors, n);
	f.max_confidence = 0.75;
	assert_same_after_each(k, f, 50, cursors, n);
}

/* The plans (the first pages of the archive): tenths for bounds over many
 * values, values for few. */
static void assert_plans(struct pair_fx *k, int many)
{
	struct event_filter f = none();
	f.min_confidence = 0.45;
	free(paired_pages(k->fx.s, f, 50, 2, 0));
	assert_int_equal(tenths_walked(k->fx.s), many);
	/* The values of the tenth 0.45 cuts (0.46, 0.47, not 0.43), or the
	 * few values. */
	assert_non_null(kept_statement(k->fx.s, " AND e.confidence = $"));
	free(paired_pages(k->old, f, 50, 2, 0));
	assert_false(tenths_walked(k->old));
}

static void test_forty_values(void **state)
{
	struct pair_fx *k = *state;
	assert_int_equal(store_version(k->fx.s), store_latest_version());
	assert_int_equal(store_version(k->old), 14);
	assert_plans(k, 1);
	/* Bounds between two values: no arm, no walk. */
	struct event_filter f = none();
	f.min_confidence = 0.48;
	f.max_confidence = 0.5;
	free(paired_pages(k->fx.s, f, 50, 2, 0));
	assert_non_null(kept_statement(k->fx.s, " WHERE 0) AS a0"));
	assert_all_pages_same(k);
}

static void test_three_values(void **state)
{
	struct pair_fx *k = *state;
	assert_plans(k, 0);
	assert_all_pages_same(k);
}

/* The same edits on both archives. */
static void edit_both(struct pair_fx *k)
{
	struct store *both[] = {k->fx.s, k->old};
	for (int i = 0; i < 2; i++) {
		struct store *s = both[i];
		char *err = NULL;
		struct store_who who = {.by = "test"};
		OK(store_event_delete(s, 50, &who, NULL, &err), "delete");
		OK(store_event_delete(s, 60, &who, NULL, &err), "delete");
		OK(store_event_restore(s, 60, &who, NULL, &err), "restore");
		OK(store_event_restore(s, 170, &who, NULL, &err), "restore a withdrawn event");
		int64_t others[] = {80, 90};
		OK(store_event_merge(s, 70, others, 2, &who, &err), "merge");
	}
	outside_both(k, "UPDATE events SET confidence = NULL WHERE id BETWEEN 306 AND 310");
	outside_both(k, "UPDATE events SET confidence = 0.3 WHERE id BETWEEN 311 AND 330");
	outside_both(k, "UPDATE events SET confidence = 'high' WHERE id = 44");
	outside_both(k, "UPDATE events SET confidence = -0.2 WHERE id = 45");
	outside_both(k, "UPDATE events SET confidence = 1.5 WHERE id = 46");
	outside_both(k, "UPDATE events SET confidence = 0.7 - 1e-17 WHERE id = 47");
	/* A tenth of more values than its walk takes one by one. */
	outside_both(k, "UPDATE events SET confidence = 0.45 + id / 100000.0 WHERE id BETWEEN 500 AND 520");
	outside_both(k, "DELETE FROM events WHERE id IN (400, 410, 420)");
}

static void test_after_edits(void **state)
{
	struct pair_fx *k = *state;
	edit_both(k);
	assert_all_pages_same(k);
}

static void test_three_values_after_edits(void **state)
{
	struct pair_fx *k = *state;
	edit_both(k);
	struct event_filter f = none();
	f.min_confidence = 0.45;
	free(paired_pages(k->fx.s, f, 50, 2, 0));
	assert_true(tenths_walked(k->fx.s));
	assert_all_pages_same(k);
}

/* The archive kept at 14, edited there, then migrated. */
static void test_edited_at_14_migrates(void **state)
{
	struct pair_fx *k = *state;
	edit_both(k);
	struct store *migrated = migrate_old(k);
	struct event_filter f = none();
	f.min_confidence = 0.45;
	free(paired_pages(migrated, f, 50, 2, 0));
	assert_true(tenths_walked(migrated));
	assert_all_pages_same(k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_forty_values, setup_forty, teardown_pair),
		cmocka_unit_test_setup_teardown(test_three_values, setup_three, teardown_pair),
		cmocka_unit_test_setup_teardown(test_after_edits, setup_forty, teardown_pair),
		cmocka_unit_test_setup_teardown(test_three_values_after_edits, setup_three, teardown_pair),
		cmocka_unit_test_setup_teardown(test_edited_at_14_migrates, setup_forty, teardown_pair),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
