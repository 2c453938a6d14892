/* Pages of a common word in timeline order: month by month from
 * migration 9 (the full-text index's column ym held each event's month),
 * from migration 14 by the index's keys (store_events.c text_walk: the
 * rowid is the event's date as a number and its id; the months and their
 * tokens are gone, test_store_text_timeline.c tests the keys).
 * - the pages equal, event for event and field for field, the pages of
 *   the same archive kept at schema 8 (every match read first), with the
 *   other filters, through their cursors, and they are the whole timeline;
 *   searches never match the month column (`ym2012`, `y*`);
 * - so they stay after events are edited (dates moved to another month,
 *   to none, within their month; summaries), withdrawn, or deleted, by the
 *   store or from outside it, the same edits made on both archives, and
 *   FTS5's own check finds the index right;
 * - a batch indexes its events under their keys, and a date narrowed in a
 *   batch moves the event in the index whether it was indexed before the
 *   batch or is one of the batch's own (not indexed yet);
 * - `communique copy` gives the target the same index.
 *
 * The archive is made with SQL from outside the store at schema 8: 12,000
 * events; every 6th about trade, the others about sanctions (10,000: a
 * common word); evidence 'zeppelin' every 3rd (4,000: below the count that
 * makes a word common, read as before); dates as in test_store_keep
 * (undated, years alone, months alone, days over seven years). */
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
	"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12000)"
	" INSERT INTO events(id, type, cameo, status, date, date_precision, party_key, summary, evidence,"
	" added_at, changed_at, confidence, verified)"
	" SELECT i, CASE i % 5 WHEN 0 THEN 'meeting' WHEN 1 THEN 'visit' WHEN 2 THEN 'sanctions'"
	"  WHEN 3 THEN 'appeal' ELSE 'phone_call' END, '040', i % 3,"
	PAIRED_DATES
	" 'key' || i, CASE WHEN i % 6 = 0 THEN 'Envoys met over trade' ELSE 'Ministers held talks on sanctions' END,"
	" CASE WHEN i % 3 = 0 THEN 'a zeppelin was seen' ELSE 'talks went on' END,"
	" 1442800000, 1442800000, 0.4 + (i % 6) / 10.0, i % 250 = 0 FROM n;"
	PAIRED_PARTIES
	"INSERT INTO event_reports(event_id, report_id) SELECT id, 1 FROM events;";

static int setup_text(void **state)
{
	return setup_pair(state, 8, fill, REFUSAL_COMPARED);
}

/* From migration 14 the months are gone: a page walks the index by its
 * keys in timeline order (text_walk, test_store_text_timeline.c). */
static const char month_sql[] = "ORDER BY events_fts.rowid LIMIT";

/* Whether s has run a page of a word by the index's keys (its statement
 * is kept). */
static int went_by_months(struct store *s)
{
	return runs_of(s, month_sql) > 0;
}

static const char *const china[] = {"China"};
static const char *const japan[] = {"Japan"};
static const char *const three[] = {"appeal", "meeting", "visit"};

/* Every filter with the word, on both archives. */
static void assert_same_with_filters(struct pair_fx *k, const char *word)
{
	struct event_filter f = none();
	f.text = word;
	assert_same_pages(k, f, 50);
	assert_same_pages(k, f, 29);
	f.status_mask = 7;
	assert_same_pages(k, f, 50);
	f.status_mask = 4;
	assert_same_pages(k, f, 13);
	f.status_mask = 0;
	f.types = three;
	f.n_types = 3;
	assert_same_pages(k, f, 50);
	cdate_parse_exact("2012-03", &f.from);
	cdate_parse_exact("2013-06", &f.to);
	assert_same_pages(k, f, 20);
	f.n_types = 0;
	assert_same_pages(k, f, 50);
	f.to.prec = PREC_UNKNOWN;
	assert_same_pages(k, f, 50);
	f.from.prec = PREC_UNKNOWN;
	cdate_parse_exact("2011", &f.to);
	assert_same_pages(k, f, 50);
	f = none();
	f.text = word;
	f.actors = china;   /* busy: walked */
	f.n_actors = 1;
	assert_same_pages(k, f, 50);
	f.actors = japan;   /* rare: its events read first */
	assert_same_pages(k, f, 50);
	f = none();
	f.text = word;
	f.agency = "TASS";
	f.verified = -1;
	f.min_confidence = 0.6;
	assert_same_pages(k, f, 50);
	/* Cursors: on an undated event, on one the word does not match, on
	 * one dated by its year or month alone, on no event. */
	f = none();
	f.text = word;
	assert_same_after(k, f, 50, 97 * 3, 6, 13 * 8, 29 * 5, 99999);
}

static void test_common_word_pages_as_before(void **state)
{
	struct pair_fx *k = *state;
	assert_int_equal(store_version(k->fx.s), store_latest_version());
	assert_int_equal(store_version(k->old), 8);
	struct event_filter f = none();
	f.text = "sanctions";
	/* 10,000 matches, occurred or planned (the default) 6,000. */
	assert_int_equal(assert_same_pages(k, f, 50), 6000);
	assert_true(went_by_months(k->fx.s));
	assert_false(went_by_months(k->old));
	assert_same_with_filters(k, "sanctions");
	static const char *const words[] = {
		"talks", "held talks", "\"held talks\"", "ministers AND NOT trade", "sanc*", "summary : talks",
		"evidence : talks", "{summary evidence} : talks", "talks OR zeppelin", "(talks) AND (sanctions)",
		"NEAR(held sanctions, 3)", "^ministers", "zeppelin", "trade",
		/* The month column is never searched. */
		"ym2012", "y*", "ym*", "yd*", "yd20120304", "talks AND ym2012", "talks NOT ym*",
		/* Refused alike. */
		"talks)", "(talks", "talks) OR (trade", "\"talks", "",
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++) {
		f.text = words[i];
		assert_same_pages(k, f, 50);
	}
	f.text = "y*";
	assert_int_equal(assert_same_pages(k, f, 50), 0);
	/* The one difference: naming the column, refused before (no such
	 * column), finds nothing now. */
	f.text = "ym : ym2012";
	char *now = paired_pages(k->fx.s, f, 50, 10, 1), *old = paired_pages(k->old, f, 50, 10, 1);
	assert_string_equal(now, "--\n");
	assert_non_null(strstr(old, "error: invalid full-text query"));
	free(now);
	free(old);
	f.text = "talks";
	size_t talks = assert_same_pages(k, f, 50);
	assert_true(talks >= 6000);
	f.text = "talks NOT ym*";
	assert_int_equal(assert_same_pages(k, f, 50), talks);
}

/* The same edits on both archives. */
static void edit_both(struct pair_fx *k, int64_t id, const char *date, const char *summary)
{
	struct store *both[] = {k->fx.s, k->old};
	for (int i = 0; i < 2; i++) {
		char *err = NULL;
		struct store_who who = {.by = "test"};
		struct store_edit e = {.status = -1, .summary = summary};
		if (date) {
			e.set_date = 1;
			if (*date)
				cdate_parse_exact(date, &e.date);
			else
				e.date.prec = PREC_UNKNOWN;
		}
		OK(store_event_edit(both[i], id, &e, &who, NULL, &err), "edit");
	}
}

static void assert_index_right(const char *path)
{
	assert_fts_checked(path);
	/* Each under its own key (migration 14). */
	assert_int_equal(outside_int(path, "SELECT count(*) FROM events_text t WHERE NOT EXISTS (SELECT 1 FROM events_fts"
					   " WHERE events_fts MATCH 'ym : ' || t.ym AND rowid = t.k)"), 0);
}

static void test_edited_events_as_before(void **state)
{
	struct pair_fx *k = *state;
	/* Moved to another month, to another year alone, to none, within
	 * their month; a summary that gains the word, one that loses it. */
	edit_both(k, 1, "2009-05-01", NULL);
	edit_both(k, 2, "2016-12", NULL);
	edit_both(k, 3, "", NULL);
	edit_both(k, 97, "2011-02-03", NULL);
	edit_both(k, 13 * 2, "2012-03-04", NULL);
	edit_both(k, 4, "2010-05-20", NULL);
	edit_both(k, 5, NULL, "Ministers lifted no trade barriers");
	edit_both(k, 6, NULL, "Sanctions again");
	edit_both(k, 7, "2015-07-07", "Sanctions moved");
	/* Withdrawn by a person, and deleted rows. */
	for (int i = 0; i < 2; i++) {
		char *err = NULL;
		struct store_who who = {.by = "test"};
		OK(store_event_delete(i ? k->old : k->fx.s, 8, &who, NULL, &err), "delete");
	}
	/* From outside the store: dates, text, rows deleted. */
	outside_both(k, "UPDATE events SET date = '2013-01-01' WHERE id IN (9, 10, 11);"
			"UPDATE events SET date = '2013' WHERE id = 12;"
			"UPDATE events SET date = '' WHERE id = 14;"
			"UPDATE events SET summary = 'Nothing said', evidence = 'zeppelin' WHERE id = 15;"
			"UPDATE events SET evidence = 'sanctions' WHERE id = 18;"
			"UPDATE events SET date = '2014-02-02', summary = 'sanctions talks' WHERE id = 24;"
			"DELETE FROM event_actors WHERE event_id IN (16, 17, 13 * 3);"
			"DELETE FROM event_reports WHERE event_id IN (16, 17, 13 * 3);"
			"DELETE FROM events WHERE id IN (16, 17, 13 * 3);");
	assert_index_right(k->fx.path);
	assert_int_equal(outside_int(k->fx.path, "SELECT count(*) FROM events_fts WHERE events_fts MATCH"
						 " 'sanctions' AND rowid >> 32 BETWEEN 20090500 AND 20090599"), 1);
	assert_int_equal(outside_int(k->fx.path, "SELECT count(*) FROM events_fts WHERE events_fts MATCH"
						 " 'sanctions' AND rowid IN ((100000000 << 32) | 3, (100000000 << 32) | 14)"), 2);
	assert_same_with_filters(k, "sanctions");
	assert_true(went_by_months(k->fx.s));
	struct event_filter f = none();
	f.text = "talks";
	assert_same_pages(k, f, 50);
	f.text = "trade OR zeppelin";
	assert_same_pages(k, f, 50);
	assert_index_right(k->fx.path);
}

/* ---- the store's writers --------------------------------------------------- */

/* A report of a phone call about blimps on `date` ("" for none). */
static void put_calls(struct store *s, const char *title, const char *date, const char *a, const char *b)
{
	static const struct told call = {"phone_call", "040", STATUS_OCCURRED, "They spoke by phone about blimps",
					 "They spoke by phone"};
	put_persons_report(s, title, "They spoke by phone.", &call, date, a, b);
}

static long blimps_in(const char *path, const char *month)
{
	char sql[256];
	/* The month's token of schema 9 ('ym2016': a year alone; 'ym201809':
	 * a month and its days) as the keys' dates of schema 14. */
	int n = (int)strlen(month + 2);
	long lo = atol(month + 2) * (n == 4 ? 10000 : 100);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM events_fts WHERE events_fts MATCH 'blimps'"
		 " AND rowid >> 32 BETWEEN %ld AND %ld", lo, lo + (n == 4 ? 0 : 99));
	return outside_int(path, sql);
}

/* Narrowed in a batch: an event indexed before the batch ("2016" to
 * "2016-03-05", another month's token), one of the batch's own (indexed at
 * its end), one narrowed within its month; outside a batch too. */
static void test_batch_dates_move_in_the_index(void **state)
{
	struct pair_fx *k = *state;
	struct store *s = k->fx.s;
	char *err = NULL;
	put_calls(s, "First", "2016", "Ana Lopez", "Ben Ode");
	put_calls(s, "First too", "2014-06", "Li Qiang", "Kim Lee");
	put_calls(s, "First again", "2013", "Eva Berg", "Ola Nor");
	assert_int_equal(blimps_in(k->fx.path, "ym2016"), 1);
	OK(store_begin(s, &err), "store_begin");
	put_calls(s, "Second", "2016-03-05", "Ana Lopez", "Ben Ode");
	put_calls(s, "Second too", "2014-06-09", "Li Qiang", "Kim Lee");
	put_calls(s, "New", "2017", "Jan Kos", "Tom Ray");
	put_calls(s, "New, narrowed", "2017-04-02", "Jan Kos", "Tom Ray");
	/* Many of the batch's own, each narrowed by a later report of the
	 * batch (FTS5's pending entries written out on the way). */
	for (int i = 0; i < 300; i++) {
		char a[32], b[32], title[32];
		snprintf(a, sizeof(a), "Ann Number%d", i);
		snprintf(b, sizeof(b), "Bob Number%d", i);
		snprintf(title, sizeof(title), "Many %d", i);
		put_calls(s, title, "2015", a, b);
	}
	for (int i = 0; i < 300; i++) {
		char a[32], b[32], title[32], date[16];
		snprintf(a, sizeof(a), "Ann Number%d", i);
		snprintf(b, sizeof(b), "Bob Number%d", i);
		snprintf(title, sizeof(title), "Many more %d", i);
		snprintf(date, sizeof(date), "2015-%02d-%02d", 1 + i % 12, 1 + i % 28);
		put_calls(s, title, date, a, b);
	}
	OK(store_commit(s, &err), "store_commit");
	put_calls(s, "Third", "2013-11-30", "Eva Berg", "Ola Nor");
	assert_int_equal(outside_int(k->fx.path, "SELECT count(*) FROM events WHERE id > 12000"), 304);
	assert_int_equal(blimps_in(k->fx.path, "ym2015"), 0);
	assert_int_equal(blimps_in(k->fx.path, "ym201501"), 25);
	assert_index_right(k->fx.path);
	assert_int_equal(blimps_in(k->fx.path, "ym2016"), 0);
	assert_int_equal(blimps_in(k->fx.path, "ym201603"), 1);
	assert_int_equal(blimps_in(k->fx.path, "ym201406"), 1);
	assert_int_equal(blimps_in(k->fx.path, "ym2017"), 0);
	assert_int_equal(blimps_in(k->fx.path, "ym201704"), 1);
	assert_int_equal(blimps_in(k->fx.path, "ym2013"), 0);
	assert_int_equal(blimps_in(k->fx.path, "ym201311"), 1);
	/* Searchable inside a batch (the store indexes what it holds before
	 * the search), and a date narrowed after that. */
	OK(store_begin(s, &err), "store_begin");
	put_calls(s, "Batch", "2018", "Uma Dey", "Raj Pal");
	struct event_filter f = none();
	f.text = "blimps";
	char *pages = paired_pages(s, f, 50, 10, 1);
	assert_non_null(strstr(pages, "[2018]"));
	free(pages);
	put_calls(s, "Batch, narrowed", "2018-09-01", "Uma Dey", "Raj Pal");
	OK(store_commit(s, &err), "store_commit");
	assert_index_right(k->fx.path);
	assert_int_equal(blimps_in(k->fx.path, "ym2018"), 0);
	assert_int_equal(blimps_in(k->fx.path, "ym201809"), 1);
}

static void test_copy_indexes_months(void **state)
{
	struct pair_fx *k = *state;
	char to[400];
	copy_archive(k, to, sizeof(to));
	assert_index_right(to);
	assert_int_equal(outside_int(to, "SELECT count(*) FROM events_fts WHERE events_fts MATCH 'sanctions'"
					 " AND rowid >> 32 BETWEEN 20120000 AND 20129999"),
			 outside_int(k->fx.path, "SELECT count(*) FROM events_fts WHERE events_fts MATCH"
						 " 'sanctions' AND rowid >> 32 BETWEEN 20120000 AND 20129999"));
	drop_copy(k, to);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_common_word_pages_as_before, setup_text, teardown_pair),
		cmocka_unit_test_setup_teardown(test_edited_events_as_before, setup_text, teardown_pair),
		cmocka_unit_test_setup_teardown(test_batch_dates_move_in_the_index, setup_text, teardown_pair),
		cmocka_unit_test_setup_teardown(test_copy_indexes_months, setup_text, teardown_pair),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
