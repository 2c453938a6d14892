/* Pages of a word from the full-text index in timeline order (migration
 * 14, store_events.c text_walk): the index's rowid is each event's key, its
 * date as a number that keeps the order of the date strings shifted 32
 * bits, or'ed with its id, and a page walks FTS5's matches by rowid within
 * the keys its cursor and date bounds allow, stopping at its end.
 * - the pages equal, event for event and field for field and cursor for
 *   cursor, the pages of the same archive kept at schema 13 (its word's
 *   matches a set the timeline's walk tests), for common, sparse and rare
 *   words, phrases, prefixes, NOT, OR and refused queries, alone and with
 *   types, date bounds (years, months, days, one end or both), a busy and
 *   a rare actor, statuses, an agency, verified and confidence; cursors on
 *   undated events, on events dated by a year or a month alone, on events
 *   the word does not match, and on no event; they are the whole timeline;
 * - so they stay after the same edits on both archives: dates moved (to
 *   another year, month or day, to a year alone, to none, from none),
 *   types and summaries edited, events withdrawn, restored and deleted, by
 *   the store and from outside it; FTS5's own check finds the index right,
 *   each event under its key;
 * - an event the key cannot place (a date written from outside as
 *   '2012-3-5', an id above 2^32 - 1) makes the pages read and sort the
 *   matches, the same pages, and `check` names it; the walk comes back when
 *   it is gone;
 * - a batch indexes its events under their keys, a date narrowed in the
 *   batch moves the event whether it was indexed before the batch or not;
 *   `communique copy` gives the target the same index.
 *
 * The archive is made with SQL from outside the store at schema 13: 6,000
 * events about sanctions but every 6th about trade (5,000 matches: a
 * common word), 'zeppelin' in the evidence of every 3rd, 'talks' with
 * 'zeppelin' only in a few months (sparse), five types in turn and every
 * 300th an expulsion; dates as in test_store_text_pages.c. */
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
#include "store/store_admin.h"
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
	" SELECT i, CASE WHEN i % 300 = 7 THEN 'expulsion' ELSE CASE i % 5 WHEN 0 THEN 'meeting' WHEN 1 THEN 'visit'"
	"  WHEN 2 THEN 'sanctions' WHEN 3 THEN 'appeal' ELSE 'phone_call' END END, '040', i % 3,"
	PAIRED_DATES
	" 'key' || i, CASE WHEN i % 6 = 0 THEN 'Envoys met over trade' ELSE 'Ministers held talks on sanctions' END,"
	" CASE WHEN i % 3 = 0 AND i % 12 IN (3, 6) THEN 'talks and a zeppelin' WHEN i % 3 = 0 THEN 'a zeppelin was seen'"
	"  ELSE 'it went on' END,"
	" 1442800000, 1442800000, 0.4 + (i % 6) / 10.0, i % 250 = 0 FROM n;"
	PAIRED_PARTIES
	"INSERT INTO event_reports(event_id, report_id) SELECT id, 1 FROM events;";

static int setup_timeline(void **state)
{
	return setup_pair(state, 13, fill, REFUSAL_COMPARED);
}

/* The walk of the index by rowid (text_walk_arm). */
static const char walk_sql[] = "ORDER BY events_fts.rowid LIMIT";

static const char *const rare_type[] = {"expulsion"};
static const char *const three[] = {"meeting", "visit", "appeal"};

static void set_dates(struct event_filter *f, const char *from, const char *to)
{
	f->from.prec = f->to.prec = PREC_UNKNOWN;
	if (from)
		assert_int_equal(cdate_parse_exact(from, &f->from), 0);
	if (to)
		assert_int_equal(cdate_parse_exact(to, &f->to), 0);
}

/* The word with the other filters, each from the start and from cursors. */
static void assert_same_with_filters(struct pair_fx *k, const char *word)
{
	static const char *const bounds[][2] = {
		{"2012", NULL}, {NULL, "2011"}, {"2012", "2013"}, {"2012-03", "2012-05"}, {"2012-03-15", "2012-04-10"},
		{"2014-06-20", NULL}, {NULL, "2011-02-14"}, {"2016-12", "2016-12"}, {"2009", "2009"},
	};
	struct event_filter f = none();
	f.text = word;
	assert_same_pages(k, f, 50);
	assert_same_pages(k, f, 7);
	for (size_t i = 0; i < sizeof(bounds) / sizeof(*bounds); i++) {
		set_dates(&f, bounds[i][0], bounds[i][1]);
		assert_same_pages(k, f, 50);
	}
	set_dates(&f, "2012-03", NULL);
	f.types = three;
	f.n_types = 3;
	assert_same_pages(k, f, 20);
	set_dates(&f, NULL, NULL);
	assert_same_pages(k, f, 50);
	f.types = rare_type;
	f.n_types = 1;
	assert_same_pages(k, f, 50);
	f.n_types = 0;
	f.status_mask = 7;
	assert_same_pages(k, f, 50);
	f.status_mask = 1u << STATUS_NEGATED;
	assert_same_pages(k, f, 50);
	f.status_mask = 0;
	static const char *const china[] = {"China"}, *const japan[] = {"Japan"};
	f.actors = china;
	f.n_actors = 1;
	assert_same_pages(k, f, 50);
	f.actors = japan;   /* rare: its events read first */
	assert_same_pages(k, f, 50);
	f.n_actors = 0;
	f.agency = "TASS";
	assert_same_pages(k, f, 50);
	f.agency = NULL;
	f.verified = 1;
	assert_same_pages(k, f, 50);
	f.verified = 0;
	f.min_confidence = 0.75;
	assert_same_pages(k, f, 50);
	f.min_confidence = 0;
	/* Cursors: an undated event, events dated by a year or a month
	 * alone, one the word does not match, one of another status, and no
	 * event; again with a date bound. */
	static const int64_t cursors[] = {97, 97 * 7, 13, 29, 6, 6 * 5, 3000, 5999, 2, 99999};
	const size_t n = sizeof(cursors) / sizeof(*cursors);
	assert_same_after_each(k, f, 50, cursors, n);
	set_dates(&f, "2012-03", "2014");
	assert_same_after_each(k, f, 50, cursors, n);
}

static void test_pages_as_the_timeline(void **state)
{
	struct pair_fx *k = *state;
	assert_int_equal(store_version(k->fx.s), store_latest_version());
	assert_true(store_latest_version() >= 14);
	assert_int_equal(store_version(k->old), 13);
	struct event_filter f = none();
	f.text = "sanctions";
	assert_int_equal(assert_same_pages(k, f, 50), 3000);
	assert_true(runs_of(k->fx.s, walk_sql) > 0);
	assert_int_equal(runs_of(k->old, walk_sql), 0);
	assert_same_with_filters(k, "sanctions");
	assert_same_with_filters(k, "talks AND zeppelin");
	static const char *const words[] = {
		"zeppelin", "\"held talks\"", "sanc*", "ministers AND NOT trade", "talks OR zeppelin", "trade",
		"summary : talks", "NEAR(held sanctions, 3)", "ty*", "yx", "ym : yx", "nothing",
		/* Refused alike. */
		"talks)", "(talks", "\"talks", "",
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++) {
		f = none();
		f.text = words[i];
		assert_same_pages(k, f, 50);
		f.types = three;
		f.n_types = 3;
		set_dates(&f, "2011-05", "2013-02-10");
		assert_same_pages(k, f, 50);
	}
}

/* FTS5's own check (the index against the view's keys and tokens), and
 * each event under its key once. */
static void assert_index_right(const char *path)
{
	assert_fts_checked(path);
	assert_int_equal(outside_int(path, "SELECT count(*) FROM events_text t WHERE NOT EXISTS (SELECT 1 FROM events_fts"
					   " WHERE events_fts MATCH 'ym : \"' || substr(t.ym, 1, instr(t.ym || ' ', ' ') - 1)"
					   " || '\"' AND rowid = t.k)"), 0);
}

static void edit_both(struct pair_fx *k, int64_t id, const char *date, const char *type, const char *summary)
{
	struct store *both[] = {k->fx.s, k->old};
	for (int i = 0; i < 2; i++) {
		char *err = NULL;
		struct store_who who = {.by = "test"};
		struct store_edit e = {.status = -1, .summary = summary, .type = type, .cameo = type ? "040" : NULL};
		if (date) {
			e.set_date = 1;
			if (*date)
				assert_int_equal(cdate_parse_exact(date, &e.date), 0);
			else
				e.date.prec = PREC_UNKNOWN;
		}
		OK(store_event_edit(both[i], id, &e, &who, NULL, &err), "edit");
	}
}

static void test_edits_as_the_timeline(void **state)
{
	struct pair_fx *k = *state;
	/* Dates to another year, month or day, to a year or month alone, to
	 * none and from none; types; summaries that gain or lose the word. */
	edit_both(k, 1, "2009-05-01", NULL, NULL);
	edit_both(k, 2, "2016-12", NULL, NULL);
	edit_both(k, 3, "", NULL, NULL);
	edit_both(k, 97, "2011-02-03", NULL, NULL);
	edit_both(k, 13 * 2, "2012-03-04", "expulsion", NULL);
	edit_both(k, 4, "2010-05-20", NULL, NULL);
	edit_both(k, 5, NULL, NULL, "Ministers lifted no trade barriers");
	edit_both(k, 6, NULL, "meeting", "Sanctions again");
	edit_both(k, 7, "2015", "visit", "Sanctions moved");
	edit_both(k, 11, "2012-03-15", NULL, NULL);
	/* Withdrawn, restored, withdrawn for good. */
	for (int i = 0; i < 2; i++) {
		char *err = NULL;
		struct store_who who = {.by = "test"};
		struct store *s = i ? k->old : k->fx.s;
		OK(store_event_delete(s, 8, &who, NULL, &err), "delete");
		OK(store_event_delete(s, 9, &who, NULL, &err), "delete");
		OK(store_event_restore(s, 9, &who, NULL, &err), "restore");
	}
	/* From outside the store: dates, types, text, rows deleted. */
	outside_both(k, "UPDATE events SET date = '2013-01-01' WHERE id IN (10, 12);"
			"UPDATE events SET date = '2013' WHERE id = 14;"
			"UPDATE events SET date = '' WHERE id = 15;"
			"UPDATE events SET type = 'expulsion' WHERE id = 19;"
			"UPDATE events SET summary = 'Nothing said', evidence = 'zeppelin' WHERE id = 20;"
			"UPDATE events SET evidence = 'sanctions' WHERE id = 18;"
			"UPDATE events SET date = '2014-02-02', summary = 'sanctions talks' WHERE id = 24;"
			"DELETE FROM event_actors WHERE event_id IN (16, 17, 13 * 3);"
			"DELETE FROM event_reports WHERE event_id IN (16, 17, 13 * 3);"
			"DELETE FROM events WHERE id IN (16, 17, 13 * 3);");
	assert_index_right(k->fx.path);
	int before = runs_of(k->fx.s, walk_sql);
	assert_same_with_filters(k, "sanctions");
	assert_true(runs_of(k->fx.s, walk_sql) > before);
	struct event_filter f = none();
	f.text = "talks AND zeppelin";
	assert_same_pages(k, f, 50);
	f.text = "trade OR zeppelin";
	assert_same_pages(k, f, 7);
	assert_index_right(k->fx.path);
}

static int count_problem(void *ctx, const char *problem)
{
	struct buf *b = ctx;
	buf_printf(b, "%s\n", problem);
	return 0;
}

/* The problems `check` finds on the archive (the store's own check). */
static char *problems_of(struct store *s)
{
	struct buf b;
	buf_init(&b, 0);
	long n = 0;
	char *err = NULL;
	OK(store_check(s, count_problem, &b, &n, &err), "store_check");
	assert_false(buf_failed(&b));
	return b.data ? b.data : strdup("");
}

/* Events the key cannot place: the pages read and sort the matches (the
 * same pages), and `check` says which and why. */
static void test_events_out_of_order(void **state)
{
	struct pair_fx *k = *state;
	char *p = problems_of(k->fx.s);
	assert_null(strstr(p, "out of the timeline's order"));
	free(p);
	outside_both(k, "UPDATE events SET date = '2012-3-5' WHERE id = 100;"
			"UPDATE events SET date = '2012-00' WHERE id = 101");
	assert_index_right(k->fx.path);
	assert_int_equal(outside_int(k->fx.path, "SELECT count(*) FROM events_fts WHERE events_fts MATCH 'ym : yx'"), 2);
	int before = runs_of(k->fx.s, walk_sql);
	struct event_filter f = none();
	f.text = "sanctions";
	assert_same_pages(k, f, 50);
	f.after_id = 100;
	assert_same_pages(k, f, 50);
	f.after_id = 0;
	f.text = "talks AND zeppelin";
	set_dates(&f, "2012", "2012");
	assert_same_pages(k, f, 7);
	assert_int_equal(runs_of(k->fx.s, walk_sql), before);
	p = problems_of(k->fx.s);
	assert_non_null(strstr(p, "event e100 is out of the timeline's order in the full-text index"
				  " (its date '2012-3-5' is not YYYY, YYYY-MM or YYYY-MM-DD)"));
	assert_non_null(strstr(p, "event e101 is out"));
	free(p);
	/* Dates mended: the walk again. */
	outside_both(k, "UPDATE events SET date = '2012-03-05' WHERE id = 100;"
			"UPDATE events SET date = '2012' WHERE id = 101");
	assert_int_equal(outside_int(k->fx.path, "SELECT count(*) FROM events_fts WHERE events_fts MATCH 'ym : yx'"), 0);
	f = none();
	f.text = "sanctions";
	assert_same_pages(k, f, 50);
	assert_true(runs_of(k->fx.s, walk_sql) > before);
	/* An id above 2^32 - 1 (written from outside, dated and undated). */
	outside_both(k, "INSERT INTO events(id, type, cameo, status, date, date_precision, party_key, summary, evidence,"
			" added_at, changed_at) VALUES (4294967296, 'visit', '040', 0, '2013-05-05', 3, 'big',"
			" 'sanctions far away', '', 1, 1), (4294967297, 'visit', '040', 0, '', 0, 'big2',"
			" 'sanctions undated', '', 1, 1), (4294967295, 'visit', '040', 0, '', 0, 'top',"
			" 'sanctions at the top', '', 1, 1);"
			"INSERT INTO event_actors(event_id, seq, actor_id, role) VALUES (4294967296, 0, 2, 0),"
			" (4294967297, 0, 2, 0), (4294967295, 0, 2, 0);"
			"INSERT INTO event_reports(event_id, report_id) VALUES (4294967296, 1), (4294967297, 1),"
			" (4294967295, 1)");
	assert_index_right(k->fx.path);
	before = runs_of(k->fx.s, walk_sql);
	assert_same_pages(k, f, 50);
	f.after_id = 4294967296;
	assert_same_pages(k, f, 50);
	f.after_id = 4294967295;
	assert_same_pages(k, f, 50);
	assert_int_equal(runs_of(k->fx.s, walk_sql), before);
	p = problems_of(k->fx.s);
	assert_non_null(strstr(p, "event e4294967296 is out of the timeline's order in the full-text index"
				  " (its id is outside 1 .. 4294967295)"));
	assert_null(strstr(p, "event e4294967295 is out"));
	free(p);
	/* Gone again: the walk, the id 2^32 - 1 undated in its place. */
	outside_both(k, "DELETE FROM event_actors WHERE event_id > 4294967295;"
			"DELETE FROM event_reports WHERE event_id > 4294967295;"
			"DELETE FROM events WHERE id > 4294967295");
	f.after_id = 0;
	assert_same_pages(k, f, 50);
	f.after_id = 97;
	assert_same_pages(k, f, 50);
	assert_true(runs_of(k->fx.s, walk_sql) > before);
	assert_index_right(k->fx.path);
}

/* ---- the store's writers --------------------------------------------------- */

/* A report of a phone call about sanctions on `date` ("" for none). */
static void put_calls(struct store *s, const char *title, const char *date, const char *a, const char *b)
{
	static const struct told call = {"phone_call", "040", STATUS_OCCURRED, "They spoke by phone about sanctions",
					 "They spoke by phone"};
	put_persons_report(s, title, "They spoke by phone.", &call, date, a, b);
}

/* The same reports on both archives, in a batch: dates narrowed by a later
 * report, of events indexed before the batch and of the batch's own. */
static void put_both(struct pair_fx *k)
{
	struct store *both[] = {k->fx.s, k->old};
	for (int i = 0; i < 2; i++) {
		struct store *s = both[i];
		char *err = NULL;
		put_calls(s, "First", "2016", "Ana Lopez", "Ben Ode");
		put_calls(s, "First too", "", "Li Qiang", "Kim Lee");
		OK(store_begin(s, &err), "store_begin");
		put_calls(s, "Second", "2016-03-05", "Ana Lopez", "Ben Ode");
		put_calls(s, "Second too", "2014-06-09", "Li Qiang", "Kim Lee");
		put_calls(s, "New", "2017", "Jan Kos", "Tom Ray");
		put_calls(s, "New, narrowed", "2017-04-02", "Jan Kos", "Tom Ray");
		for (int j = 0; j < 120; j++) {
			char a[32], b[32], title[32];
			snprintf(a, sizeof(a), "Ann Number%d", j);
			snprintf(b, sizeof(b), "Bob Number%d", j);
			snprintf(title, sizeof(title), "Batch %d", j);
			put_calls(s, title, j % 3 ? "2011" : "", a, b);
			snprintf(title, sizeof(title), "Batch %d, narrowed", j);
			put_calls(s, title, j % 2 ? "2011-07-09" : "2011-07", a, b);
		}
		OK(store_commit(s, &err), "store_commit");
	}
}

static void test_batch_and_copy(void **state)
{
	struct pair_fx *k = *state;
	put_both(k);
	assert_index_right(k->fx.path);
	assert_int_equal(outside_int(k->fx.path, "SELECT count(*) FROM events_fts WHERE events_fts MATCH 'phone'"),
			 outside_int(k->old_path, "SELECT count(*) FROM events_fts WHERE events_fts MATCH 'phone'"));
	struct event_filter f = none();
	f.text = "phone AND sanctions";
	assert_same_pages(k, f, 50);
	assert_same_pages(k, f, 7);
	f.text = "sanctions";
	set_dates(&f, "2011", "2011-07");
	assert_same_pages(k, f, 50);
	/* The copy's index, from its triggers: the same pages again. */
	char to[400], *err = NULL;
	copy_archive(k, to, sizeof(to));
	assert_index_right(to);
	assert_int_equal(outside_int(to, "SELECT count(*) FROM events_fts WHERE events_fts MATCH 'sanctions AND ym : yx'"),
			 0);
	struct store *copy = NULL;
	OK(store_open(to, 0, &copy, &err), "store_open");
	struct store *kept = k->fx.s;
	k->fx.s = copy;
	f = none();
	f.text = "phone OR zeppelin";
	assert_same_pages(k, f, 50);
	k->fx.s = kept;
	store_close(copy);
	drop_copy(k, to);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pages_as_the_timeline, setup_timeline, teardown_pair),
		cmocka_unit_test_setup_teardown(test_edits_as_the_timeline, setup_timeline, teardown_pair),
		cmocka_unit_test_setup_teardown(test_events_out_of_order, setup_timeline, teardown_pair),
		cmocka_unit_test_setup_teardown(test_batch_and_copy, setup_timeline, teardown_pair),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
