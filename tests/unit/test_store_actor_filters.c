/* A busy actor's page filtered by type or status from its index alone
 * (migration 11): event_actors carries each event's type, status and gone
 * beside its date, and the walk of event_actors(actor_id, date, event_id,
 * type, status, gone) reads no events row to test them.
 * - the walk joins no events row (but for a filter on verified or
 *   confidence), and its pages equal, event for event and field for field,
 *   the pages of the same archive kept at schema 10 (each candidate's row
 *   read), for the actor with statuses, types, month ranges, columns, and
 *   through their cursors (on undated and withdrawn events too);
 * - so they stay after the same edits on both archives: types and statuses
 *   edited, events deleted, restored, merged, actors written again, rows
 *   updated from outside the store; and the archive kept at 10, edited,
 *   migrates to the same pages;
 * - the store's own rows carry their event's type and status without the
 *   trigger that mends them, in a batch and outside one, and after a
 *   re-extraction.
 *
 * The archive is made with SQL from outside the store at schema 10: 6,000
 * events (dates, types and statuses as in test_store_keep.c); China in all
 * of them (busy), its minister (code CHN, one of China's ids) in every 7th,
 * China twice in every 11th; Japan in every 40th; every 17th withdrawn,
 * every 23rd merged into the one before it. */
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
#include "ingest/report.h"
#include "store/store.h"
#include "store/store_internal.h"
#include "util/buf.h"

#include "archive_fixture.h"
#include "paired_archive.h"

static const char fill[] =
	PAIRED_ACTORS ", (3, 'Wang Yi', 'CHN', 2);"
	PAIRED_REPORT
	"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000)"
	" INSERT INTO events(id, type, cameo, status, date, date_precision, party_key, summary, evidence,"
	" added_at, changed_at, confidence, verified)"
	" SELECT i, CASE i % 5 WHEN 0 THEN 'meeting' WHEN 1 THEN 'visit' WHEN 2 THEN 'sanctions'"
	"  WHEN 3 THEN 'appeal' ELSE 'phone_call' END, '040', i % 3,"
	PAIRED_DATES
	" 'key' || i, 'Ministers held talks', '', 1442800000, 1442800000, 0.4 + (i % 6) / 10.0, i % 250 = 0 FROM n;"
	PAIRED_PARTIES
	"INSERT INTO event_actors(event_id, seq, actor_id, role, title) SELECT id, 2, 3, 2, 'foreign minister'"
	" FROM events WHERE id % 7 = 0;"
	"INSERT INTO event_actors(event_id, seq, actor_id, role) SELECT id, 3, 2, 1 FROM events WHERE id % 11 = 0;"
	"INSERT INTO event_reports(event_id, report_id) SELECT id, 1 FROM events;"
	"UPDATE events SET gone = 1 WHERE id % 17 = 0;"
	"UPDATE events SET gone = 4, merged_into = id - 1 WHERE id % 23 = 0 AND id % 17 <> 0;";

static int setup_filters(void **state)
{
	return setup_pair(state, 10, fill, REFUSAL_FAILS);
}

/* Whether a statement of s walks event_actors without, or with, the
 * events row. */
static int walked(struct store *s, const char *how)
{
	return kept_statement(s, how) != NULL;
}

static const char bare_walk[] = "SELECT DISTINCT ea.event_id AS id, 0 AS u, ea.date AS d FROM event_actors ea WHERE";
static const char joined_walk[] = "SELECT DISTINCT ea.event_id AS id, 0 AS u, ea.date AS d FROM event_actors ea JOIN";

/* Rows of event_actors whose values are not their event's. */
static const char mismatched[] = "SELECT count(*) FROM event_actors ea JOIN events e ON e.id = ea.event_id"
				 " WHERE ea.date IS NOT e.date OR ea.type IS NOT e.type OR ea.status IS NOT e.status"
				 " OR ea.gone IS NOT e.gone";

/* Rows of no event that a walk would take. */
static const char orphans[] = "SELECT count(*) FROM event_actors WHERE gone = 0"
			      " AND event_id NOT IN (SELECT id FROM events)";

static const char *const china[] = {"China"};
static const char *const wang[] = {"Wang Yi"};

/* Every filter the walk takes, on both archives. */
static void assert_all_pages_same(struct pair_fx *k)
{
	static const char *const three[] = {"appeal", "meeting", "visit"};
	static const char *const twice[] = {"visit", "visit"};
	static const char *const one[] = {"sanctions"};
	static const char *const none_such[] = {"expulsion"};
	struct event_filter f = none();
	f.actors = china;
	f.n_actors = 1;
	assert_same_pages(k, f, 50);
	assert_same_pages(k, f, 7);
	for (unsigned mask = 1; mask < 8; mask++) {
		f.status_mask = mask;
		assert_same_pages(k, f, 50);
	}
	f.status_mask = 0;
	f.types = three;
	f.n_types = 3;
	assert_same_pages(k, f, 50);
	assert_same_pages(k, f, 9);
	f.status_mask = 4;
	assert_same_pages(k, f, 13);
	f.status_mask = 0;
	f.types = twice;
	f.n_types = 2;
	assert_same_pages(k, f, 50);
	f.types = one;
	f.n_types = 1;
	assert_same_pages(k, f, 50);
	f.types = none_such;
	assert_same_pages(k, f, 50);
	f.types = three;
	f.n_types = 3;
	cdate_parse_exact("2012-03", &f.from);
	cdate_parse_exact("2013-06", &f.to);
	assert_same_pages(k, f, 20);
	f.n_types = 0;
	assert_same_pages(k, f, 50);
	f.to.prec = PREC_UNKNOWN;
	f.status_mask = 2;
	assert_same_pages(k, f, 50);
	f.status_mask = 0;
	f.from.prec = PREC_UNKNOWN;
	cdate_parse_exact("2011", &f.to);
	f.types = one;
	f.n_types = 1;
	assert_same_pages(k, f, 50);
	/* Columns of the row: the walk joins it. */
	f = none();
	f.actors = china;
	f.n_actors = 1;
	f.verified = -1;
	f.min_confidence = 0.6;
	f.types = three;
	f.n_types = 3;
	assert_same_pages(k, f, 50);
	assert_true(walked(k->fx.s, joined_walk));
	f.verified = 0;
	f.min_confidence = 0;
	f.max_confidence = 0.7;
	assert_same_pages(k, f, 50);
	/* Cursors on an undated event, one of another actor, a withdrawn one. */
	f = none();
	f.actors = china;
	f.n_actors = 1;
	assert_same_after(k, f, 50, 97 * 3);
	f.types = three;
	f.n_types = 3;
	assert_same_after(k, f, 50, 40, 17 * 5);
	/* One of the actor's ids: the minister. */
	f = none();
	f.actors = wang;
	f.n_actors = 1;
	f.status_mask = 3;
	assert_same_pages(k, f, 50);
	f.types = three;
	f.n_types = 3;
	assert_same_pages(k, f, 50);
}

static void test_pages_from_the_index(void **state)
{
	struct pair_fx *k = *state;
	assert_int_equal(store_version(k->fx.s), store_latest_version());
	assert_int_equal(store_version(k->old), 10);
	assert_int_equal(outside_int(k->fx.path, mismatched), 0);
	assert_int_equal(outside_int(k->fx.path, "SELECT count(*) FROM event_actors WHERE gone = 4"),
			 outside_int(k->fx.path, "SELECT count(*) FROM event_actors ea JOIN events e"
						 " ON e.id = ea.event_id WHERE e.gone = 4"));
	struct event_filter f = none();
	f.actors = china;
	f.n_actors = 1;
	static const char *const three[] = {"appeal", "meeting", "visit"};
	f.types = three;
	f.n_types = 3;
	f.status_mask = 5;
	free(paired_pages(k->fx.s, f, 50, 2, 0));
	free(paired_pages(k->old, f, 50, 2, 0));
	/* Types and statuses from the index; at 10 from the rows. */
	assert_true(walked(k->fx.s, bare_walk));
	assert_false(walked(k->fx.s, joined_walk));
	assert_true(walked(k->old, joined_walk));
	assert_all_pages_same(k);
}

/* The same edits by the store on both archives. */
static void edit_both(struct pair_fx *k)
{
	struct store *both[] = {k->fx.s, k->old};
	static struct event_actor actors[] = {
		{.name = "China", .code = "CHN", .kind = ACTOR_STATE, .role = ROLE_SOURCE},
		{.name = "Japan", .code = "JPN", .kind = ACTOR_STATE, .role = ROLE_TARGET},
	};
	for (int i = 0; i < 2; i++) {
		struct store *s = both[i];
		char *err = NULL;
		struct store_who who = {.by = "test"};
		struct store_edit type = {.type = "expulsion", .cameo = "164", .status = -1};
		OK(store_event_edit(s, 5, &type, &who, NULL, &err), "edit type");
		OK(store_event_edit(s, 14, &type, &who, NULL, &err), "edit type");
		type.type = "meeting";
		type.cameo = "040";
		OK(store_event_edit(s, 21, &type, &who, NULL, &err), "edit type");
		struct store_edit status = {.status = STATUS_NEGATED};
		OK(store_event_edit(s, 6, &status, &who, NULL, &err), "edit status");
		OK(store_event_edit(s, 40, &status, &who, NULL, &err), "edit status");
		status.status = STATUS_OCCURRED;
		OK(store_event_edit(s, 8, &status, &who, NULL, &err), "edit status");
		struct store_edit both_at_once = {.type = "visit", .cameo = "042", .status = STATUS_PLANNED};
		OK(store_event_edit(s, 12, &both_at_once, &who, NULL, &err), "edit");
		struct store_edit moved = {.status = -1, .set_date = 1};
		cdate_parse_exact("2009-05-01", &moved.date);
		OK(store_event_edit(s, 33, &moved, &who, NULL, &err), "edit date");
		struct store_edit acts = {.status = -1, .set_actors = 1, .actors = actors, .n_actors = 2};
		OK(store_event_edit(s, 28, &acts, &who, NULL, &err), "edit actors");
		OK(store_event_delete(s, 2, &who, NULL, &err), "delete");
		OK(store_event_delete(s, 3, &who, NULL, &err), "delete");
		OK(store_event_restore(s, 3, &who, NULL, &err), "restore");
		OK(store_event_restore(s, 17, &who, NULL, &err), "restore a withdrawn event");
		int64_t others[] = {50, 61, 72};
		OK(store_event_merge(s, 49, others, 3, &who, &err), "merge");
		OK(store_event_restore(s, 61, &who, NULL, &err), "restore a merged event");
	}
	/* From outside the store. */
	outside_both(k, "UPDATE events SET type = 'threat' WHERE id IN (100, 105, 110)");
	outside_both(k, "UPDATE events SET status = 2 WHERE id BETWEEN 200 AND 230");
	outside_both(k, "UPDATE events SET gone = 1 WHERE id BETWEEN 300 AND 320");
	outside_both(k, "UPDATE events SET gone = 0 WHERE id = 340");
	outside_both(k, "DELETE FROM events WHERE id IN (400, 401, 402)");
	outside_both(k, "INSERT INTO event_actors(event_id, seq, actor_id, role) VALUES (500, 9, 3, 1)");
	/* Foreign keys off: a row of an event that is no more. */
	outside_both(k, "INSERT INTO event_actors(event_id, seq, actor_id, role) VALUES (401, 7, 2, 0)");
}

static void test_pages_after_edits(void **state)
{
	struct pair_fx *k = *state;
	edit_both(k);
	assert_int_equal(outside_int(k->fx.path, mismatched), 0);
	assert_int_equal(outside_int(k->fx.path, orphans), 0);
	assert_int_equal(outside_int(k->fx.path, "SELECT count(*) FROM event_actors WHERE event_id = 5"
						  " AND type = 'expulsion'"), 1);
	assert_int_equal(outside_int(k->fx.path, "SELECT count(*) FROM event_actors WHERE event_id = 61"
						  " AND gone = 0"), 1);
	assert_int_equal(outside_int(k->fx.path, "SELECT count(*) FROM event_actors WHERE event_id = 72"
						  " AND gone = 4"), 1);
	assert_all_pages_same(k);
}

/* The archive kept at 10, edited there, then migrated: the same pages as
 * the one migrated before the edits. */
static void test_edited_at_10_migrates(void **state)
{
	struct pair_fx *k = *state;
	edit_both(k);
	struct store *migrated = migrate_old(k);
	assert_int_equal(outside_int(k->old_path, mismatched), 0);
	assert_int_equal(outside_int(k->old_path, orphans), 0);
	assert_all_pages_same(k);
	assert_true(walked(migrated, bare_walk));
}

/* ---- the store's own rows carry the values ------------------------------ */

/* An event of `type` and `status` of two persons on `date`. */
static void add_event(struct event_list *l, const char *type, int status, const char *date, const char *a,
		      const char *b)
{
	struct told t = {type, "040", (enum event_status)status, "They met", "They met"};
	add_persons_event(l, &t, date, a, b);
}

static void test_store_rows_carry_values(void **state)
{
	struct pair_fx *k = *state;
	struct store *s = k->fx.s;
	/* Without the trigger that mends a row written without them. */
	outside_exec(k->fx.path, "DROP TRIGGER event_actors_date_ai");
	char *err = NULL;
	int64_t ids[2];
	for (int batch = 0; batch < 2; batch++) {
		const char *a = batch ? "Ana Lopez" : "Li Qiang", *b = batch ? "Ben Ode" : "Kim Lee";
		struct report r1;
		struct event_list l1;
		event_list_init(&l1);
		make_report(&r1, batch ? "Meetings, batch" : "Meetings", "They met, and will meet again.");
		add_event(&l1, "meeting", STATUS_OCCURRED, "2015-03", a, b);
		add_event(&l1, "meeting", STATUS_OCCURRED, "2015-03-07", a, b);
		add_event(&l1, "visit", STATUS_PLANNED, "2016", b, a);
		add_event(&l1, "threat", STATUS_NEGATED, "", a, "Someone Else");
		if (batch)
			OK(store_begin(s, &err), "store_begin");
		OK(store_put_report(s, &r1, NULL, "a.txt", 0, &l1, &ids[batch], &err), "store_put_report");
		if (batch)
			OK(store_commit(s, &err), "store_commit");
		report_release(&r1);
		event_list_release(&l1);
	}
	assert_int_equal(outside_int(k->fx.path, "SELECT count(*) FROM events WHERE id > 6000"), 6);
	assert_int_equal(outside_int(k->fx.path, "SELECT count(*) FROM event_actors WHERE event_id > 6000"
						  " AND type = 'visit' AND status = 1"), 4);
	assert_int_equal(outside_int(k->fx.path, "SELECT count(*) FROM event_actors WHERE event_id > 6000"
						  " AND type = 'threat' AND status = 2"), 4);
	assert_int_equal(outside_int(k->fx.path, mismatched), 0);
	/* Re-extracted: the threat no longer told (withdrawn), an appeal new. */
	struct event_list l2;
	event_list_init(&l2);
	add_event(&l2, "meeting", STATUS_OCCURRED, "2015-03-07", "Li Qiang", "Kim Lee");
	add_event(&l2, "visit", STATUS_PLANNED, "2016", "Kim Lee", "Li Qiang");
	add_event(&l2, "appeal", STATUS_PLANNED, "2016-04", "Kim Lee", "Li Qiang");
	struct store_event_changes ch = {0};
	OK(store_reextract(s, ids[0], &l2, &ch, &err), "store_reextract");
	event_list_release(&l2);
	assert_int_equal(ch.withdrawn, 1);
	assert_int_equal(ch.added, 1);
	assert_int_equal(outside_int(k->fx.path, "SELECT count(*) FROM event_actors WHERE type = 'threat'"
						  " AND gone <> 0 AND event_id > 6000"), 2);
	assert_int_equal(outside_int(k->fx.path, "SELECT count(*) FROM event_actors WHERE type = 'appeal'"
						  " AND status = 1 AND event_id > 6000"), 2);
	assert_int_equal(outside_int(k->fx.path, mismatched), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pages_from_the_index, setup_filters, teardown_pair),
		cmocka_unit_test_setup_teardown(test_pages_after_edits, setup_filters, teardown_pair),
		cmocka_unit_test_setup_teardown(test_edited_at_10_migrates, setup_filters, teardown_pair),
		cmocka_unit_test_setup_teardown(test_store_rows_carry_values, setup_filters, teardown_pair),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
