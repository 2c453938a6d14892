/* A common word with types its events seldom have (migration 12,
 * store_events.c store_timeline_each): the full-text index's ym column
 * holds a token of each event's type ('ty' and the type's bytes in
 * hexadecimal), FTS5 counts the word's matches of the types, and when they
 * are few the page reads them once (a materialized set) and sorts them,
 * where the months would read every match's row.
 * - the pages equal, event for event and field for field, the pages of the
 *   same archive kept at schema 11 (the word's whole set tested),
 *   for rare and common combinations, with statuses, dates, actors,
 *   cursors, phrases and refused queries, and types of any bytes (exact:
 *   case, quotes, accents); they are the whole timeline;
 * - so they stay after the same edits on both archives: types edited by
 *   the store and from outside it, summaries, dates, deletions, and events
 *   of the types added in a batch and outside one; FTS5's own check finds
 *   the index right and each event under its type's token;
 * - from migration 14 (test_store_text_timeline.c) the pages walk the
 *   index by keys, the types' tokens in FTS5's query; with a rare actor
 *   a word's matches are read once, not once an arm.
 *
 * The archive is made with SQL from outside the store at schema 11: 12,000
 * events as in test_store_text_pages.c (every 6th about trade, the others
 * about sanctions: 10,000 matches), of five types in turn, but every 300th
 * an expulsion (36, all about sanctions) and every 1,000th a 'Tête-à-tête
 * "x"' (12, all about sanctions). */
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
	PAIRED_ACTORS ";"
	PAIRED_REPORT
	"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12000)"
	" INSERT INTO events(id, type, cameo, status, date, date_precision, party_key, summary, evidence,"
	" added_at, changed_at, confidence, verified)"
	" SELECT i, CASE WHEN i % 1000 = 7 THEN 'Tête-à-tête \"x\"' WHEN i % 300 = 7 THEN 'expulsion'"
	"  ELSE CASE i % 5 WHEN 0 THEN 'meeting' WHEN 1 THEN 'visit' WHEN 2 THEN 'sanctions'"
	"  WHEN 3 THEN 'appeal' ELSE 'phone_call' END END, '040', i % 3,"
	PAIRED_DATES
	" 'key' || i, CASE WHEN i % 6 = 0 THEN 'Envoys met over trade' ELSE 'Ministers held talks on sanctions' END,"
	" CASE WHEN i % 3 = 0 THEN 'a zeppelin was seen' ELSE 'talks went on' END,"
	" 1442800000, 1442800000, 0.4 + (i % 6) / 10.0, i % 250 = 0 FROM n;"
	PAIRED_PARTIES
	"INSERT INTO event_reports(event_id, report_id) SELECT id, 1 FROM events;";

static int setup_types(void **state)
{
	return setup_pair(state, 11, fill, REFUSAL_COMPARED);
}

/* From migration 14 a page of a word walks the index by its keys
 * (text_walk), the types' tokens in its query. */
static const char walk_sql[] = "ORDER BY events_fts.rowid LIMIT";
static const char read_once[] = "WITH text_matches(id) AS MATERIALIZED";

static const char *const expulsion[] = {"expulsion"};
static const char *const rare_two[] = {"expulsion", "Tête-à-tête \"x\""};
static const char *const odd[] = {"Tête-à-tête \"x\""};
static const char *const odd_case[] = {"tête-à-tête \"x\""};
static const char *const meeting[] = {"meeting", "meeting"};
static const char *const three[] = {"appeal", "meeting", "visit"};
static const char *const china[] = {"China"};
static const char *const japan[] = {"Japan"};

/* Every filter with the word and types, on both archives. */
static void assert_same_with_types(struct pair_fx *k, const char *word, const char *const *types, size_t n)
{
	struct event_filter f = none();
	f.text = word;
	f.types = types;
	f.n_types = n;
	assert_same_pages(k, f, 50);
	assert_same_pages(k, f, 7);
	for (unsigned mask = 1; mask < 8; mask += 3) {
		f.status_mask = mask;
		assert_same_pages(k, f, 13);
	}
	f.status_mask = 0;
	cdate_parse_exact("2012-03", &f.from);
	cdate_parse_exact("2013-06", &f.to);
	assert_same_pages(k, f, 20);
	f.to.prec = PREC_UNKNOWN;
	assert_same_pages(k, f, 50);
	f.from.prec = PREC_UNKNOWN;
	cdate_parse_exact("2011", &f.to);
	assert_same_pages(k, f, 50);
	f.to.prec = PREC_UNKNOWN;
	f.actors = china;
	f.n_actors = 1;
	assert_same_pages(k, f, 50);
	f.actors = japan;
	assert_same_pages(k, f, 50);
	f.n_actors = 0;
	f.verified = -1;
	f.min_confidence = 0.6;
	assert_same_pages(k, f, 50);
	f.verified = 0;
	f.min_confidence = 0;
	/* Cursors: on an undated event, on one of another type, on one the
	 * word does not match, on no event. */
	assert_same_after(k, f, 50, 97 * 3, 5, 6 * 50 + 7, 99999);
}

static void test_word_with_rare_types(void **state)
{
	struct pair_fx *k = *state;
	assert_int_equal(store_version(k->fx.s), store_latest_version());
	assert_int_equal(store_version(k->old), 11);
	struct event_filter f = none();
	f.text = "sanctions";
	f.types = expulsion;
	f.n_types = 1;
	f.status_mask = 7;
	/* 36 of the word's 10,000 matches: FTS5 finds them by the type's
	 * token, in the walk of the index by keys (schema 14). */
	assert_int_equal(assert_same_pages(k, f, 50), 36);
	assert_true(runs_of(k->fx.s, walk_sql) > 0);
	assert_int_equal(runs_of(k->fx.s, read_once), 0);
	assert_int_equal(runs_of(k->old, walk_sql), 0);
	assert_same_with_types(k, "sanctions", expulsion, 1);
	assert_same_with_types(k, "sanctions", rare_two, 2);
	assert_same_with_types(k, "sanctions", odd, 1);
	/* Types are exact: another case is another type. */
	f.types = odd_case;
	assert_int_equal(assert_same_pages(k, f, 50), 0);
	f.types = odd;
	assert_int_equal(assert_same_pages(k, f, 50), 12);
	/* 2,000 of the 10,000 (one type twice): below the count that makes a
	 * set common, read once too. */
	assert_same_with_types(k, "sanctions", meeting, 2);
	/* 6,000: common, walked too. */
	int before = runs_of(k->fx.s, walk_sql);
	assert_same_with_types(k, "sanctions", three, 3);
	assert_true(runs_of(k->fx.s, walk_sql) > before);
	/* Other queries of a common word, and refused ones alike. */
	static const char *const words[] = {"talks", "\"held talks\"", "sanc*", "talks OR zeppelin",
					    "ministers AND NOT trade", "talks)", "(talks", "\"talks"};
	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++) {
		f = none();
		f.text = words[i];
		f.types = rare_two;
		f.n_types = 2;
		assert_same_pages(k, f, 50);
		f.types = three;
		f.n_types = 3;
		assert_same_pages(k, f, 50);
	}
	/* A rare word alone: walked too (schema 14), and its matches read
	 * once with a rare actor. */
	f = none();
	f.text = "zeppelin AND trade";
	before = runs_of(k->fx.s, walk_sql);
	assert_same_pages(k, f, 50);
	assert_true(runs_of(k->fx.s, walk_sql) > before);
	f.actors = japan;
	f.n_actors = 1;
	before = runs_of(k->fx.s, read_once);
	assert_same_pages(k, f, 50);
	assert_true(runs_of(k->fx.s, read_once) > before);
}

/* FTS5's own check, and each event under its type's token. */
static void assert_index_right(const char *path)
{
	assert_fts_checked(path);
	assert_int_equal(outside_int(path, "SELECT count(*) FROM events e JOIN events_text t ON t.id = e.id"
					   " WHERE NOT EXISTS (SELECT 1 FROM events_fts"
					   " WHERE events_fts MATCH 'ym : ty' || lower(hex(e.type)) AND rowid = t.k)"), 0);
}

/* A report of one expulsion about sanctions on `date`. */
static void put_expulsion(struct store *s, const char *title, const char *date, const char *a, const char *b)
{
	static const struct told expelled = {"expulsion", "174", STATUS_OCCURRED, "Expelled over sanctions",
					     "Diplomats were expelled over sanctions"};
	put_persons_report(s, title, "Diplomats were expelled over sanctions.", &expelled, date, a, b);
}

static void test_edited_types_as_before(void **state)
{
	struct pair_fx *k = *state;
	struct store *both[] = {k->fx.s, k->old};
	for (int i = 0; i < 2; i++) {
		struct store *s = both[i];
		char *err = NULL;
		struct store_who who = {.by = "test"};
		/* Into the rare type, out of it, both with a new date. */
		struct store_edit e = {.type = "expulsion", .cameo = "174", .status = -1};
		OK(store_event_edit(s, 1, &e, &who, NULL, &err), "edit");
		OK(store_event_edit(s, 2, &e, &who, NULL, &err), "edit");
		e.set_date = 1;
		cdate_parse_exact("2009-05-01", &e.date);
		OK(store_event_edit(s, 4, &e, &who, NULL, &err), "edit");
		struct store_edit back = {.type = "meeting", .cameo = "040", .status = -1};
		OK(store_event_edit(s, 307, &back, &who, NULL, &err), "edit");
		struct store_edit text = {.status = -1, .summary = "Expelled, no word of trade"};
		OK(store_event_edit(s, 607, &text, &who, NULL, &err), "edit");
		OK(store_event_delete(s, 907, &who, NULL, &err), "delete");
		/* Added, in a batch and outside one, then edited in a batch. */
		put_expulsion(s, "Expelled", "2014-02-03", "Ana Lopez", "Ben Ode");
		OK(store_begin(s, &err), "store_begin");
		put_expulsion(s, "Expelled, batch", "2010-01-05", "Li Qiang", "Kim Lee");
		put_expulsion(s, "Expelled, batch, narrowed", "2010-01-05", "Li Qiang", "Kim Lee");
		struct store_edit in_batch = {.type = "appeal", .cameo = "020", .status = -1};
		OK(store_event_edit(s, 10, &in_batch, &who, NULL, &err), "edit in a batch");
		OK(store_commit(s, &err), "store_commit");
	}
	outside_both(k, "UPDATE events SET type = 'expulsion' WHERE id IN (11, 12, 13);"
			"UPDATE events SET type = 'visit' WHERE id = 1207;"
			"UPDATE events SET type = 'expulsion', date = '2016-02' WHERE id = 14;"
			"UPDATE events SET type = 'Tête-à-tête \"x\"', summary = 'sanctions' WHERE id = 18;"
			"DELETE FROM event_actors WHERE event_id = 1507;"
			"DELETE FROM event_reports WHERE event_id = 1507;"
			"DELETE FROM events WHERE id = 1507;");
	assert_index_right(k->fx.path);
	assert_same_with_types(k, "sanctions", expulsion, 1);
	assert_same_with_types(k, "sanctions", rare_two, 2);
	assert_same_with_types(k, "sanctions", three, 3);
	struct event_filter f = none();
	f.text = "expelled";
	f.types = expulsion;
	f.n_types = 1;
	assert_int_equal(assert_same_pages(k, f, 50), 3);
	assert_index_right(k->fx.path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_word_with_rare_types, setup_types, teardown_pair),
		cmocka_unit_test_setup_teardown(test_edited_types_as_before, setup_types, teardown_pair),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
