/* Column filters from walks led by a column (migration 13): a page whose
 * statuses leave out the events that occurred walks the index
 * events_by_status(status, date, id, ...), one arm a status, and one with
 * bounds of the confidence walks events_by_confidence(confidence, date,
 * id, ...), one arm a confidence within them (and one for events without
 * one, counted as 0.5), instead of the timeline's index on (date, id)
 * testing every entry.
 * - every column filter (each mask of statuses, verified or not, lower and
 *   upper confidences) alone and with types, dates, a busy and a rare
 *   actor, a common and a rare word, gives pages and cursors equal, event
 *   for event and field for field, to the same archive kept at schema 12;
 *   the walks are taken where they should be; more confidences than the
 *   walks take, and one that is no number, are walked otherwise (by the
 *   confidence's tenths from schema 15: test_store_conf_tenths.c);
 * - so they stay after the same edits on both archives (statuses edited by
 *   the store and from outside, events verified and unverified, deleted,
 *   restored, merged, deleted from outside, confidences written from
 *   outside, many and one a word), and the archive kept at 12,
 *   edited, migrates to the same pages;
 * - an archive analysed at 12 (the statistics of the benchmark's, none of
 *   the new indexes) migrates and the review of contradicted events still finds an
 *   event's negated twin by its party key, not by walking every negated
 *   event for each occurred one.
 *
 * The archive is made with SQL from outside the store at schema 12: 6,000
 * events, one in 10 negated and one in 4 planned, every 9th about
 * sanctions, every 250th verified; China in all of them, Japan in every
 * 40th; dates, withdrawals and merges as in test_store_actor_filters.c. */
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

static const char fill[] =
	PAIRED_ACTORS ";"
	PAIRED_REPORT
	"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000)"
	" INSERT INTO events(id, type, cameo, status, date, date_precision, party_key, summary, evidence,"
	" added_at, changed_at, confidence, verified)"
	" SELECT i, CASE i % 5 WHEN 0 THEN 'meeting' WHEN 1 THEN 'visit' WHEN 2 THEN 'sanctions'"
	"  WHEN 3 THEN 'appeal' ELSE 'phone_call' END, '040',"
	" CASE WHEN i % 10 = 0 THEN 2 WHEN i % 4 = 0 THEN 1 ELSE 0 END,"
	PAIRED_DATES
	" 'key' || i, CASE WHEN i % 9 = 0 THEN 'Sanctions were imposed' WHEN i % 601 = 0 THEN 'A rare embargo'"
	"  ELSE 'Ministers held talks' END, '', 1442800000, 1442800000,"
	" CASE WHEN i % 31 = 0 THEN NULL ELSE 0.4 + (i % 6) / 10.0 END, i % 250 = 0 FROM n;"
	PAIRED_PARTIES
	"INSERT INTO event_reports(event_id, report_id) SELECT id, 1 FROM events;"
	"UPDATE events SET gone = 1 WHERE id % 17 = 0;"
	"UPDATE events SET gone = 4, merged_into = id - 1 WHERE id % 23 = 0 AND id % 17 <> 0;";

static int setup_status(void **state)
{
	return setup_pair(state, 12, fill, REFUSAL_FAILS);
}

/* Whether a statement of s walks the status `status` (page_arms), or
 * with -1 a confidence. */
static int walked(struct store *s, int status)
{
	char how[64];
	if (status < 0)
		snprintf(how, sizeof(how), " AND e.confidence = $");
	else
		snprintf(how, sizeof(how), " AND e.status = %d ORDER BY", status);
	return kept_statement(s, how) != NULL;
}

/* The column filters: each mask of statuses, verified and not, confidences. */
static void each_column(struct pair_fx *k, struct event_filter base, long limit)
{
	for (unsigned mask = 0; mask < 8; mask++) {
		struct event_filter f = base;
		f.status_mask = mask;
		assert_same_pages(k, f, limit);
	}
	struct event_filter f = base;
	f.status_mask = 4;
	f.verified = 1;
	assert_same_pages(k, f, limit);
	f.verified = -1;
	assert_same_pages(k, f, limit);
	f.status_mask = 0;
	assert_same_pages(k, f, limit);
	f.verified = 1;
	assert_same_pages(k, f, limit);
	f = base;
	f.min_confidence = 0.65;
	assert_same_pages(k, f, limit);
	f.status_mask = 6;
	assert_same_pages(k, f, limit);
	f.min_confidence = 0;
	f.max_confidence = 0.55;
	assert_same_pages(k, f, limit);
	f.status_mask = 0;
	assert_same_pages(k, f, limit);
	/* Bounds at 0.5, where events without a confidence count. */
	f.max_confidence = 0.5;
	assert_same_pages(k, f, limit);
	f.max_confidence = 0;
	f.min_confidence = 0.5;
	assert_same_pages(k, f, limit);
	f.min_confidence = 0.45;
	f.max_confidence = 0.75;
	assert_same_pages(k, f, limit);
	f.min_confidence = 0.85;
	f.max_confidence = 0;
	assert_same_pages(k, f, limit);
	f.min_confidence = 0.99;
	assert_same_pages(k, f, limit);
}

static const char *const china[] = {"China"};
static const char *const japan[] = {"Japan"};

/* Every column filter alone and with types, dates, actors and words. */
static void assert_all_pages_same(struct pair_fx *k)
{
	static const char *const three[] = {"appeal", "meeting", "visit"};
	static const char *const one[] = {"sanctions"};
	struct event_filter f = none();
	each_column(k, f, 50);
	each_column(k, f, 7);
	f.types = three;
	f.n_types = 3;
	each_column(k, f, 50);
	f.types = one;
	f.n_types = 1;
	each_column(k, f, 20);
	f = none();
	cdate_parse_exact("2012-03", &f.from);
	cdate_parse_exact("2013-06", &f.to);
	each_column(k, f, 50);
	f.to.prec = PREC_UNKNOWN;
	each_column(k, f, 50);
	f.from.prec = PREC_UNKNOWN;
	cdate_parse_exact("2011", &f.to);
	each_column(k, f, 20);
	f = none();
	f.actors = china;
	f.n_actors = 1;
	each_column(k, f, 50);
	f.actors = japan;
	each_column(k, f, 50);
	f.types = three;
	f.n_types = 3;
	each_column(k, f, 50);
	f = none();
	f.text = "sanctions";
	each_column(k, f, 50);
	f.text = "embargo";
	each_column(k, f, 50);
	f = none();
	f.agency = "TASS";
	each_column(k, f, 50);
	/* Cursors on an undated event, a withdrawn one, one of another status. */
	f = none();
	f.status_mask = 4;
	assert_same_after(k, f, 50, 97 * 10, 17 * 10, 3);
	f.status_mask = 6;
	assert_same_after(k, f, 50, 97 * 4);
	f.status_mask = 0;
	f.max_confidence = 0.55;
	assert_same_after(k, f, 50, 31 * 2, 97 * 6, 5);
}

static void test_column_pages(void **state)
{
	struct pair_fx *k = *state;
	assert_int_equal(store_version(k->fx.s), store_latest_version());
	assert_int_equal(store_version(k->old), 12);
	struct event_filter f = none();
	f.status_mask = 6;
	free(paired_pages(k->fx.s, f, 50, 0, 0));
	free(paired_pages(k->old, f, 50, 0, 0));
	assert_true(walked(k->fx.s, 1));
	assert_true(walked(k->fx.s, 2));
	assert_false(walked(k->fx.s, 0));
	assert_false(walked(k->old, 2));
	f.status_mask = 0;
	f.max_confidence = 0.55;
	free(paired_pages(k->fx.s, f, 50, 0, 0));
	free(paired_pages(k->old, f, 50, 0, 0));
	assert_true(walked(k->fx.s, -1));
	assert_false(walked(k->old, -1));
	assert_all_pages_same(k);
}

/* More confidences than the walks take, or one that is no number: the
 * timeline's walk, the same pages. */
static void test_confidences_written_from_outside(void **state)
{
	struct pair_fx *k = *state;
	outside_both(k, "UPDATE events SET confidence = 0.9 + id / 1000000.0 WHERE id BETWEEN 500 AND 520");
	struct event_filter f = none();
	f.min_confidence = 0.85;
	assert_same_pages(k, f, 50);
	assert_false(walked(k->fx.s, -1));
	f.min_confidence = 0;
	f.max_confidence = 0.55;
	assert_same_pages(k, f, 50);
	assert_true(walked(k->fx.s, -1));
	outside_both(k, "UPDATE events SET confidence = 'high' WHERE id = 44");
	f.max_confidence = 0;
	f.min_confidence = 0.6;
	assert_same_pages(k, f, 50);
	f.min_confidence = 0;
	f.max_confidence = 0.55;
	assert_same_pages(k, f, 50);
	each_column(k, none(), 50);
}

/* The same edits on both archives. */
static void edit_both(struct pair_fx *k)
{
	struct store *both[] = {k->fx.s, k->old};
	for (int i = 0; i < 2; i++) {
		struct store *s = both[i];
		char *err = NULL;
		struct store_who who = {.by = "test"};
		struct store_edit status = {.status = STATUS_NEGATED};
		OK(store_event_edit(s, 6, &status, &who, NULL, &err), "edit status");
		OK(store_event_edit(s, 41, &status, &who, NULL, &err), "edit status");
		status.status = STATUS_OCCURRED;
		OK(store_event_edit(s, 20, &status, &who, NULL, &err), "edit status");
		status.status = STATUS_PLANNED;
		OK(store_event_edit(s, 30, &status, &who, NULL, &err), "edit status");
		OK(store_event_verify(s, 10, 1, &who, NULL, &err), "verify");
		OK(store_event_verify(s, 11, 1, &who, NULL, &err), "verify");
		OK(store_event_verify(s, 250, 0, &who, NULL, &err), "unverify");
		OK(store_event_delete(s, 50, &who, NULL, &err), "delete");
		OK(store_event_delete(s, 60, &who, NULL, &err), "delete");
		OK(store_event_restore(s, 60, &who, NULL, &err), "restore");
		OK(store_event_restore(s, 170, &who, NULL, &err), "restore a withdrawn event");
		int64_t others[] = {80, 90};
		OK(store_event_merge(s, 70, others, 2, &who, &err), "merge");
	}
	outside_both(k, "UPDATE events SET status = 2 WHERE id BETWEEN 200 AND 230");
	outside_both(k, "UPDATE events SET verified = 1 WHERE id BETWEEN 300 AND 305");
	outside_both(k, "UPDATE events SET confidence = NULL WHERE id BETWEEN 306 AND 310");
	outside_both(k, "DELETE FROM events WHERE id IN (400, 410, 420)");
	outside_both(k, "UPDATE events SET confidence = 0.45 WHERE id BETWEEN 600 AND 640");
}

static void test_column_pages_after_edits(void **state)
{
	struct pair_fx *k = *state;
	edit_both(k);
	assert_all_pages_same(k);
}

/* The archive kept at 12, edited there, then migrated. */
static void test_edited_at_12_migrates(void **state)
{
	struct pair_fx *k = *state;
	edit_both(k);
	struct store *migrated = migrate_old(k);
	assert_all_pages_same(k);
	assert_true(walked(migrated, 2));
	assert_true(walked(migrated, -1));
}

/* The text of the review's statement of contradicted events, as run. */
static int keep_review_sql(unsigned what, void *ctx, void *p, void *x)
{
	(void)what;
	(void)x;
	char **out = ctx;
	const char *sql = sqlite3_sql(p);
	if (sql && strstr(sql, "told as occurred") && !*out)
		*out = strdup(sql);
	return 0;
}

static int count_item(void *ctx, const struct store_review_item *it)
{
	(void)it;
	(*(long *)ctx)++;
	return 0;
}

static void test_analysed_review_plan(void **state)
{
	struct pair_fx *k = *state;
	store_close(k->old);
	k->old = NULL;
	outside_exec(k->old_path, "UPDATE events SET status = 0 WHERE id BETWEEN 1 AND 3000 AND status = 1");
	outside_exec(k->old_path, "UPDATE events SET party_key = 'meeting|2' || substr(party_key, 10)"
				  " WHERE id % 10 = 0 AND type = 'meeting'");
	/* The statistics of the benchmark's million events (bench/serve.sh
	 * analyses its archive). */
	outside_exec(k->old_path, "ANALYZE");
	outside_exec(k->old_path, "DELETE FROM sqlite_stat1 WHERE tbl = 'events';"
				  "INSERT INTO sqlite_stat1(tbl, idx, stat) VALUES"
				  " ('events', 'events_by_type', '1000000 62500 1173 1 1 1 1 1'),"
				  " ('events', 'events_by_date', '1000000 16667 1 1 1 1 1 1'),"
				  " ('events', 'events_by_party_date', '1000000 15 11')");
	struct store *migrated = migrate_old(k);
	char *err = NULL;
	long n = 0;
	sqlite3 *db = db_handle(migrated->db);
	char *sql = NULL;
	sqlite3_trace_v2(db, SQLITE_TRACE_STMT, keep_review_sql, &sql);
	OK(store_review_each(migrated, 1u << REVIEW_CONTRADICTED, 0.5, 0, count_item, &n, &err), "review");
	sqlite3_trace_v2(db, 0, NULL, NULL);
	assert_true(n > 0);
	assert_non_null(sql);
	char *q = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *plan;
	assert_int_equal(sqlite3_prepare_v2(db, q, -1, &plan, NULL), SQLITE_OK);
	sqlite3_free(q);
	int found = 0;
	while (sqlite3_step(plan) == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(plan, 3);
		if (strstr(d, " b ")) {
			found = 1;
			if (!strstr(d, "party_key"))
				fail_msg("the negated twin found by '%s'", d);
		}
	}
	sqlite3_finalize(plan);
	free(sql);
	assert_true(found);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_column_pages, setup_status, teardown_pair),
		cmocka_unit_test_setup_teardown(test_column_pages_after_edits, setup_status, teardown_pair),
		cmocka_unit_test_setup_teardown(test_edited_at_12_migrates, setup_status, teardown_pair),
		cmocka_unit_test_setup_teardown(test_confidences_written_from_outside, setup_status, teardown_pair),
		cmocka_unit_test_setup_teardown(test_analysed_review_plan, setup_status, teardown_pair),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
