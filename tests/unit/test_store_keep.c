/* What a connection keeps for its timeline pages (store_events.c), and the
 * walk of a busy actor's page over event_actors(actor_id, date, event_id)
 * (migration 8):
 * - a page's statement is prepared once per connection and shape of filter,
 *   kept, and run again for the next page of that shape (values bound); a
 *   page asked inside another of the same shape (from its callback) gets a
 *   statement of its own;
 * - the rare-or-busy choice of an actor is counted once, and again after
 *   the archive changed (another connection's commit, this one's write);
 * - a busy actor's pages from the new index equal, event for event and
 *   field for field, the pages of the same archive kept at schema 7 (the
 *   walk of the whole timeline), for the actor alone, with types, statuses,
 *   a month range, and followed through their cursors; an event whose date
 *   is edited, or whose actors are written again, moves in the actor's
 *   timeline.
 *
 * The archive is made with SQL from outside the store at schema 7: 6,000
 * events; China in all of them (busy), its minister (code CHN, so one of
 * China's ids) in every 7th, China twice in every 11th; Japan in every 40th
 * (rare). */
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

#define N_EVENTS 6000

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
	"INSERT INTO event_reports(event_id, report_id) SELECT id, 1 FROM events;";

static int setup_keep(void **state)
{
	return setup_pair(state, 7, fill, REFUSAL_FAILS);
}

/* The statements of the connection whose SQL starts with prefix: how many,
 * and the most runs of one. */
static int kept_runs(struct store *s, const char *prefix, int *n)
{
	sqlite3 *db = db_handle(s->db);
	int most = 0;
	*n = 0;
	for (sqlite3_stmt *st = sqlite3_next_stmt(db, NULL); st; st = sqlite3_next_stmt(db, st))
		if (!strncmp(sqlite3_sql(st), prefix, strlen(prefix))) {
			(*n)++;
			int runs = sqlite3_stmt_status(st, SQLITE_STMTSTATUS_RUN, 0);
			most = runs > most ? runs : most;
		}
	return most;
}

static const char *const china[] = {"China"};
static const char *const japan[] = {"Japan"};

static void test_page_statement_kept(void **state)
{
	struct pair_fx *k = *state;
	struct store *s = k->fx.s;
	struct event_filter f = none();
	f.actors = japan;
	f.n_actors = 1;
	char *a = paired_pages(s, f, 10, 3, 0);
	int n;
	/* Three pages of the rare actor: two statements (the first page has
	 * no cursor), the second run twice. */
	assert_int_equal(kept_runs(s, "SELECT e.id, e.type", &n), 2);
	assert_int_equal(n, 2);
	/* Another shape: a statement of its own (the statuses are a value,
	 * bound: the same shape). */
	f.status_mask = 7;
	free(paired_pages(s, f, 10, 1, 0));
	kept_runs(s, "SELECT e.id, e.type", &n);
	assert_int_equal(n, 2);
	f.verified = -1;
	char *b = paired_pages(s, f, 10, 1, 0);
	kept_runs(s, "SELECT e.id, e.type", &n);
	assert_int_equal(n, 3);
	/* The kept statements give the same pages again. */
	f.status_mask = 0;
	f.verified = 0;
	char *again = paired_pages(s, f, 10, 3, 0);
	assert_string_equal(a, again);
	assert_int_equal(kept_runs(s, "SELECT e.id, e.type", &n), 4);
	assert_int_equal(n, 3);
	free(a);
	free(b);
	free(again);
}

/* A page asked from inside a page of the same shape (the callback of each
 * event asks the five events after it). */
struct nested {
	struct store *s;
	int depth;
	struct out inner;
};

static int nested_page(void *ctx, const struct tl_event *e)
{
	struct nested *nt = ctx;
	if (nt->depth)
		return describe(&nt->inner, e);
	nt->depth = 1;
	struct event_filter f = none();
	f.actors = japan;
	f.n_actors = 1;
	f.page = 1;
	f.limit = 5;
	f.after_id = e->id;
	char *err = NULL;
	if (store_timeline_each(nt->s, &f, nested_page, nt, &err))
		fail_msg("nested page: %s", err ? err : "?");
	nt->depth = 0;
	buf_addstr(&nt->inner.b, "--\n");
	return 0;
}

static void test_nested_page_of_the_same_shape(void **state)
{
	struct pair_fx *k = *state;
	struct nested nt = {.s = k->fx.s};
	buf_init(&nt.inner.b, 0);
	struct event_filter f = none();
	f.actors = japan;
	f.n_actors = 1;
	f.page = 1;
	f.limit = 5;
	char *err = NULL;
	if (store_timeline_each(k->fx.s, &f, nested_page, &nt, &err))
		fail_msg("page: %s", err ? err : "?");
	/* The same, page after page. */
	struct out first = {.n = 0}, want = {.n = 0};
	buf_init(&first.b, 0);
	buf_init(&want.b, 0);
	if (store_timeline_each(k->fx.s, &f, describe, &first, &err))
		fail_msg("page: %s", err ? err : "?");
	assert_int_equal(first.n, 5);
	for (const char *p = first.b.data; *p; p = strchr(p, '\n') + 1) {
		f.after_id = strtoll(p + 1, NULL, 10);
		if (store_timeline_each(k->fx.s, &f, describe, &want, &err))
			fail_msg("page: %s", err ? err : "?");
		buf_addstr(&want.b, "--\n");
	}
	assert_int_equal(nt.inner.n, 25);
	assert_string_equal(nt.inner.b.data, want.b.data);
	buf_release(&nt.inner.b);
	buf_release(&want.b);
	buf_release(&first.b);
}

static const char count_sql[] = "SELECT count(*) FROM (SELECT event_id FROM event_actors";

static void test_choice_remembered_until_the_archive_changes(void **state)
{
	struct pair_fx *k = *state;
	struct store *s = k->fx.s;
	struct event_filter f = none();
	f.actors = china;
	f.n_actors = 1;
	char *a = paired_pages(s, f, 10, 3, 0);
	int n;
	/* Three pages of the busy actor: its events counted once. */
	assert_int_equal(kept_runs(s, count_sql, &n), 1);
	f.actors = japan;
	free(paired_pages(s, f, 10, 2, 0));
	assert_int_equal(kept_runs(s, count_sql, &n), 2);
	/* Another connection commits: counted again, the same pages. */
	outside_exec(k->fx.path, "INSERT INTO agencies(name) VALUES ('Kyodo')");
	f.actors = china;
	char *b = paired_pages(s, f, 10, 3, 0);
	assert_int_equal(kept_runs(s, count_sql, &n), 3);
	assert_string_equal(a, b);
	/* This one writes: counted again. */
	char *err = NULL;
	struct store_who who = {.by = "test"};
	OK(store_event_note(s, 5, "checked", &who, NULL, &err), "note");
	free(paired_pages(s, f, 10, 1, 0));
	assert_int_equal(kept_runs(s, count_sql, &n), 4);
	free(a);
	free(b);
}

/* The walk's own select (from migration 11 without the events row). */
static const char walk_sql[] = "SELECT DISTINCT ea.event_id AS id";

/* Whether the last page read by s walked event_actors by date. */
static int walked_actor_dates(struct store *s)
{
	return kept_statement(s, walk_sql) != NULL;
}

static void test_busy_actor_pages_from_its_index(void **state)
{
	struct pair_fx *k = *state;
	static const char *const three[] = {"appeal", "meeting", "visit"};
	static const char *const twice[] = {"visit", "visit"};
	assert_int_equal(store_version(k->fx.s), store_latest_version());
	assert_int_equal(store_version(k->old), 7);
	assert_int_equal(outside_int(k->fx.path, "SELECT count(*) FROM event_actors ea JOIN events e"
						  " ON e.id = ea.event_id WHERE ea.date <> e.date"), 0);
	struct event_filter f = none();
	f.actors = china;
	f.n_actors = 1;
	assert_same_pages(k, f, 50);
	assert_true(walked_actor_dates(k->fx.s));
	assert_false(walked_actor_dates(k->old));
	assert_same_pages(k, f, 7);
	f.status_mask = 7;
	assert_same_pages(k, f, 50);
	f.status_mask = 4;
	assert_same_pages(k, f, 13);
	f.status_mask = 0;
	f.types = three;
	f.n_types = 3;
	assert_same_pages(k, f, 50);
	assert_same_pages(k, f, 9);
	f.types = twice;
	f.n_types = 2;
	assert_same_pages(k, f, 50);
	f.types = three;
	f.n_types = 3;
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
	f.actors = china;
	f.n_actors = 1;
	f.verified = -1;
	f.min_confidence = 0.6;
	assert_same_pages(k, f, 50);
	/* A cursor on an undated event, and on one of another actor. */
	f = none();
	f.actors = china;
	f.n_actors = 1;
	assert_same_after(k, f, 50, 97 * 3, 40);
	assert_true(walked_actor_dates(k->fx.s));
}

static void test_date_edit_moves_event(void **state)
{
	struct pair_fx *k = *state;
	struct store *s = k->fx.s;
	char *err = NULL;
	struct store_who who = {.by = "test"};
	struct store_edit e = {.status = -1, .set_date = 1};
	/* Event 21 (China and Wang Yi): to the start of the timeline. */
	cdate_parse_exact("2009-05-01", &e.date);
	OK(store_event_edit(s, 21, &e, &who, NULL, &err), "edit");
	/* Event 22 (China twice): undated. */
	e.date.prec = PREC_UNKNOWN;
	OK(store_event_edit(s, 22, &e, &who, NULL, &err), "edit");
	/* Event 28's actors written again (a curation): their date comes with them. */
	static struct event_actor actors[] = {
		{.name = "China", .code = "CHN", .kind = ACTOR_STATE, .role = ROLE_SOURCE},
		{.name = "Japan", .code = "JPN", .kind = ACTOR_STATE, .role = ROLE_TARGET},
	};
	struct store_edit a = {.status = -1, .set_actors = 1, .actors = actors, .n_actors = 2};
	OK(store_event_edit(s, 28, &a, &who, NULL, &err), "edit");
	/* From outside the store too. */
	outside_exec(k->fx.path, "UPDATE events SET date = '2009-05-02' WHERE id = 16");
	assert_int_equal(outside_int(k->fx.path, "SELECT count(*) FROM event_actors ea JOIN events e"
						  " ON e.id = ea.event_id WHERE ea.date <> e.date"), 0);
	struct event_filter f = none();
	f.actors = china;
	f.n_actors = 1;
	struct out first = {.n = 0};
	buf_init(&first.b, 0);
	f.page = 1;
	f.limit = 2;
	OK(store_timeline_each(s, &f, describe, &first, &err), "page");
	assert_true(walked_actor_dates(s));
	assert_int_equal(strtoll(first.b.data + 1, NULL, 10), 21);
	assert_int_equal(first.last, 16);
	buf_release(&first.b);
	/* Every page still the whole timeline; 22 undated (after every dated
	 * event), 28 with its new actors. */
	char *pages = paired_pages(s, f, 50, 100000, 0);
	const char *e22 = strstr(pages, "e22 ");
	assert_non_null(e22);
	assert_non_null(strstr(e22, "e97 "));
	assert_null(strstr(e22, "2016-"));
	assert_non_null(strstr(pages, "e28 appeal 040 1 3 [2010-05] Ministers held talks |  0.80 China/CHN/0/ Japan/JPN/1/\n"));
	assert_pages_are_whole(s, f, pages);
	free(pages);
}

/* ---- the store's own rows carry their dates ----------------------------- */

/* A phone call of two persons on `date` ("" for none). */
static void add_call(struct event_list *l, const char *date, const char *a, const char *b)
{
	static const struct told call = {"phone_call", "040", STATUS_OCCURRED, "They spoke by phone",
					 "They spoke by phone"};
	add_persons_event(l, &call, date, a, b);
}

static const char mismatched[] = "SELECT count(*) FROM event_actors ea JOIN events e ON e.id = ea.event_id"
				 " WHERE ea.date <> e.date";

/* Without the trigger that mends a row written without its date, the
 * rows the store writes have their events' dates: an event narrowed later
 * in the same report ("2015-03", then "2015-03-07") or by a later report,
 * in a batch and outside one. */
static void test_store_rows_carry_dates(void **state)
{
	struct pair_fx *k = *state;
	struct store *s = k->fx.s;
	outside_exec(k->fx.path, "DROP TRIGGER event_actors_date_ai");
	char *err = NULL;
	int64_t id;
	for (int batch = 0; batch < 2; batch++) {
		const char *a = batch ? "Ana Lopez" : "Li Qiang", *b = batch ? "Ben Ode" : "Kim Lee";
		struct report r1, r2;
		struct event_list l1, l2;
		event_list_init(&l1);
		event_list_init(&l2);
		make_report(&r1, batch ? "Calls, batch" : "Calls", "They spoke by phone twice.");
		add_call(&l1, "2015-03", a, b);
		add_call(&l1, "2015-03-07", a, b);
		add_call(&l1, "2016", b, a);
		add_call(&l1, "", a, "Someone Else");
		make_report(&r2, batch ? "More calls, batch" : "More calls", "They spoke by phone again.");
		add_call(&l2, "2016-02-03", b, a);
		if (batch)
			OK(store_begin(s, &err), "store_begin");
		OK(store_put_report(s, &r1, NULL, "a.txt", 0, &l1, &id, &err), "store_put_report");
		OK(store_put_report(s, &r2, NULL, "b.txt", 0, &l2, &id, &err), "store_put_report");
		if (batch)
			OK(store_commit(s, &err), "store_commit");
		report_release(&r1);
		report_release(&r2);
		event_list_release(&l1);
		event_list_release(&l2);
	}
	assert_int_equal(outside_int(k->fx.path, "SELECT count(*) FROM event_actors ea JOIN events e ON e.id = ea.event_id"
						  " WHERE e.id > 6000 AND ea.date IN ('2015-03-07', '2016-02-03')"), 8);
	assert_int_equal(outside_int(k->fx.path, "SELECT count(*) FROM events WHERE id > 6000"), 6);
	assert_int_equal(outside_int(k->fx.path, mismatched), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_page_statement_kept, setup_keep, teardown_pair),
		cmocka_unit_test_setup_teardown(test_nested_page_of_the_same_shape, setup_keep, teardown_pair),
		cmocka_unit_test_setup_teardown(test_choice_remembered_until_the_archive_changes, setup_keep, teardown_pair),
		cmocka_unit_test_setup_teardown(test_busy_actor_pages_from_its_index, setup_keep, teardown_pair),
		cmocka_unit_test_setup_teardown(test_date_edit_moves_event, setup_keep, teardown_pair),
		cmocka_unit_test_setup_teardown(test_store_rows_carry_dates, setup_keep, teardown_pair),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
