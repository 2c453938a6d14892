/* The archive under bulk imports (store/): full-text indexing deferred to
 * the end of a batch, kept right when a report is replaced or fails in the
 * same batch, searchable before the commit, and left to the triggers for
 * every other writer; the cache of actor and topic ids forgotten after a
 * rollback; the same event found again by compatible dates through index
 * ranges; bulk settings switched on and off.
 *
 * Every test works on a fresh archive in its own temporary directory; a
 * second SQLite connection looks at the file from outside the store. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/event.h"
#include "ingest/report.h"
#include "store/store.h"
#include "util/cdate.h"

/* ---- fixture ------------------------------------------------------------------ */

#include "archive_fixture.h"

/* FTS5's own check: an error when an index does not match its table. */
static void assert_fts_consistent(const char *path)
{
	outside_exec(path, "INSERT INTO reports_fts(reports_fts, rank) VALUES ('integrity-check', 1);"
			   " INSERT INTO events_fts(events_fts, rank) VALUES ('integrity-check', 1);");
}

static long matches(const char *path, const char *table, const char *query)
{
	char sql[256];
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s WHERE %s MATCH '%s'", table, table, query);
	return outside_int(path, sql);
}

/* Opens a fresh archive whose events table refuses any event summarised
 * "REFUSED": a report that fails half-way, on demand. */
static void open_refusing(struct fx *f)
{
	f->s = open_at(f, 0);
	store_close(f->s);
	outside_exec(f->path, "CREATE TRIGGER refuse_marked BEFORE INSERT ON events"
			      " WHEN new.summary = 'REFUSED' BEGIN SELECT RAISE(ABORT, 'refused by test'); END;");
	f->s = open_at(f, 0);
}

/* ---- reports and events ---------------------------------------------------------- */

static void make_report(struct report *r, const char *title, int64_t published, const char *body)
{
	report_init(r);
	assert_int_equal(report_set(&r->agency, "TASS"), 0);
	assert_int_equal(report_set(&r->title, title), 0);
	assert_int_equal(report_set(&r->body, body), 0);
	assert_int_equal(report_set(&r->format, "text"), 0);
	r->published = published;
	r->pub_known = PUB_TIME;
}

/* A phone call of two people (name, code pairs) on `date` ("" for none). */
static void add_call(struct event_list *l, const char *date, const char *summary,
		     const char *a, const char *a_code, const char *b, const char *b_code,
		     const char *topic)
{
	struct event *e = event_list_push(l);
	assert_non_null(e);
	snprintf(e->type, sizeof(e->type), "%s", "phone_call");
	snprintf(e->cameo, sizeof(e->cameo), "%s", "040");
	e->status = STATUS_OCCURRED;
	if (*date)
		assert_int_equal(cdate_parse(date, &e->date), 0);
	else
		e->date.prec = PREC_UNKNOWN;
	e->summary = strdup(summary);
	e->evidence = strdup(summary);
	assert_non_null(e->summary);
	assert_non_null(e->evidence);
	assert_int_equal(event_add_actor(e, a, a_code, NULL, ACTOR_PERSON, ROLE_PARTICIPANT), 0);
	assert_int_equal(event_add_actor(e, b, b_code, NULL, ACTOR_PERSON, ROLE_PARTICIPANT), 0);
	if (topic)
		assert_int_equal(event_add_topic(e, topic), 0);
}

static int64_t put(struct store *s, const struct report *r, int64_t replace, const struct event_list *l)
{
	int64_t id = 0;
	char *err = NULL;
	OK(store_put_report(s, r, NULL, "test.txt", replace, l, &id, &err), "store_put_report");
	return id;
}

static int count_text(void *ctx, const struct tl_event *te)
{
	(void)te;
	(*(int *)ctx)++;
	return 0;
}

/* Events whose summary or evidence match `text`, through the store. */
static int timeline_text(struct store *s, const char *text)
{
	struct event_filter flt = {.text = text};
	flt.from.prec = flt.to.prec = PREC_UNKNOWN;
	int n = 0;
	char *err = NULL;
	OK(store_timeline_each(s, &flt, count_text, &n, &err), "store_timeline_each");
	return n;
}

/* ---- deferred indexing ------------------------------------------------------------- */

static void test_batch_indexes_at_commit(void **state)
{
	struct fx *f = *state;
	f->s = open_at(f, 0);
	char *err = NULL;
	struct report r[3];
	struct event_list l[3];
	const char *bodies[3] = {
		"Sergei Lavrov and Wang Yi spoke about the Korean peninsula.",
		"Fumio Kishida telephoned John Kerry about maritime security.",
		"Lavrov and Kerry discussed the ceasefire in eastern Ukraine.",
	};
	OK(store_begin(f->s, &err), "store_begin");
	for (int i = 0; i < 3; i++) {
		char title[64];
		snprintf(title, sizeof(title), "Diplomatic call number %d", i + 1);
		make_report(&r[i], title, 1420528200 + i * 600, bodies[i]);
		event_list_init(&l[i]);
	}
	add_call(&l[0], "2015-01-06", "Lavrov and Wang spoke by phone", "Sergei Lavrov", "RUS", "Wang Yi",
		 "CHN", "Korean peninsula");
	add_call(&l[1], "2015-01-06", "Kishida and Kerry spoke by phone", "Fumio Kishida", "JPN",
		 "John Kerry", "USA", "maritime security");
	add_call(&l[2], "2015-01-06", "Lavrov and Kerry spoke by phone", "Sergei Lavrov", "RUS",
		 "John Kerry", "USA", NULL);
	for (int i = 0; i < 3; i++)
		put(f->s, &r[i], 0, &l[i]);
	/* Not committed yet, but already searchable through the store. */
	assert_int_equal(timeline_text(f->s, "Kishida"), 1);
	assert_int_equal(timeline_text(f->s, "Lavrov"), 2);
	OK(store_commit(f->s, &err), "store_commit");
	assert_int_equal(matches(f->path, "reports_fts", "ceasefire"), 1);
	assert_int_equal(matches(f->path, "reports_fts", "phone OR telephoned OR spoke"), 2);
	assert_int_equal(matches(f->path, "events_fts", "Lavrov"), 2);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM fts_deferred"), 0);
	assert_fts_consistent(f->path);
	for (int i = 0; i < 3; i++) {
		event_list_release(&l[i]);
		report_release(&r[i]);
	}
}

/* A report stored and corrected within one batch: the index holds the
 * corrected text only. */
static void test_replace_in_same_batch(void **state)
{
	struct fx *f = *state;
	f->s = open_at(f, 0);
	char *err = NULL;
	struct report a, a2, b;
	struct event_list la, la2;
	event_list_init(&la);
	event_list_init(&la2);
	make_report(&a, "Lavrov, Kerry discuss Syria", 1420528200, "A first text about Aleppo.");
	make_report(&a2, "Lavrov, Kerry discuss Syria", 1420528200, "A corrected text about Palmyra.");
	make_report(&b, "Kishida visits Moscow", 1420600000, "Fumio Kishida arrived in Moscow.");
	add_call(&la, "2015-01-06", "Lavrov and Kerry spoke about Aleppo", "Sergei Lavrov", "RUS",
		 "John Kerry", "USA", "Syria");
	add_call(&la2, "2015-01-06", "Lavrov and Kerry spoke about Palmyra", "Sergei Lavrov", "RUS",
		 "John Kerry", "USA", "Syria");
	OK(store_begin(f->s, &err), "store_begin");
	int64_t id = put(f->s, &a, 0, &la);
	enum store_verdict v;
	int64_t existing;
	OK(store_classify(f->s, &a2, &v, &existing, NULL, &err), "store_classify");
	assert_int_equal(v, STORE_REPLACE);
	assert_int_equal(existing, id);
	assert_int_equal(put(f->s, &a2, existing, &la2), id);
	put(f->s, &b, 0, NULL);
	OK(store_commit(f->s, &err), "store_commit");
	assert_int_equal(matches(f->path, "reports_fts", "Aleppo"), 0);
	assert_int_equal(matches(f->path, "reports_fts", "Palmyra"), 1);
	assert_int_equal(matches(f->path, "reports_fts", "Moscow"), 1);
	assert_int_equal(matches(f->path, "events_fts", "Aleppo"), 0);
	assert_int_equal(matches(f->path, "events_fts", "Palmyra"), 1);
	assert_fts_consistent(f->path);
	event_list_release(&la);
	event_list_release(&la2);
	report_release(&a);
	report_release(&a2);
	report_release(&b);
}

/* A report that fails half way leaves no index entry, nor an actor or topic
 * id that a later report of the batch could reuse. */
static void test_failed_report_in_batch(void **state)
{
	struct fx *f = *state;
	open_refusing(f);
	char *err = NULL;
	struct report a, b, c;
	struct event_list la, lb;
	event_list_init(&la);
	event_list_init(&lb);
	make_report(&a, "Abe calls Modi", 1420528200, "Shinzo Abe called Narendra Modi about trade.");
	make_report(&b, "Abe calls Modi again", 1420528300, "Shinzo Abe called Narendra Modi again.");
	make_report(&c, "Modi and Abe", 1420528400, "Narendra Modi and Shinzo Abe talked about railways.");
	/* a: new actors and topic, then a refused event after them. */
	add_call(&la, "2015-01-06", "Abe and Modi spoke about trade", "Shinzo Abe", "JPN",
		 "Narendra Modi", "IND", "bilateral trade");
	add_call(&la, "2015-01-05", "REFUSED", "Shinzo Abe", "JPN", "Narendra Modi", "IND", NULL);
	add_call(&lb, "2015-01-07", "Abe and Modi spoke about railways", "Shinzo Abe", "JPN",
		 "Narendra Modi", "IND", "bilateral trade");
	OK(store_begin(f->s, &err), "store_begin");
	int64_t id = 0;
	assert_int_equal(store_put_report(f->s, &a, NULL, "a.txt", 0, &la, &id, &err), -1);
	assert_non_null(strstr(err, "refused by test"));
	free(err);
	err = NULL;
	assert_int_equal(store_broken(f->s), 0);
	/* The actors and topic of a are gone; b must create them again. */
	put(f->s, &b, 0, &lb);
	put(f->s, &c, 0, NULL);
	OK(store_commit(f->s, &err), "store_commit");
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM reports"), 2);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM actors WHERE name = 'Shinzo Abe'"), 1);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM event_actors ea"
				     " JOIN actors a ON a.id = ea.actor_id WHERE a.name = 'Narendra Modi'"), 1);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM event_topics et"
				     " JOIN topics t ON t.id = et.topic_id WHERE t.name = 'bilateral trade'"), 1);
	assert_int_equal(matches(f->path, "reports_fts", "trade"), 0);
	assert_int_equal(matches(f->path, "reports_fts", "railways"), 1);
	assert_int_equal(matches(f->path, "events_fts", "railways"), 1);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	assert_fts_consistent(f->path);
	event_list_release(&la);
	event_list_release(&lb);
	report_release(&a);
	report_release(&b);
	report_release(&c);
}

/* Unguarded, a failed report leaves the batch half-written: the store
 * refuses further reports and the commit until the batch is rolled back,
 * and the next batch is guarded again. */
static void test_unguarded_failure_needs_rollback(void **state)
{
	struct fx *f = *state;
	open_refusing(f);
	char *err = NULL;
	struct report a, b;
	struct event_list la, lb;
	event_list_init(&la);
	event_list_init(&lb);
	make_report(&a, "Abe calls Modi", 1420528200, "Shinzo Abe called Narendra Modi about trade.");
	make_report(&b, "Modi and Abe", 1420528400, "Narendra Modi and Shinzo Abe talked about railways.");
	add_call(&la, "2015-01-06", "Abe and Modi spoke about trade", "Shinzo Abe", "JPN",
		 "Narendra Modi", "IND", NULL);
	add_call(&la, "2015-01-05", "REFUSED", "Shinzo Abe", "JPN", "Narendra Modi", "IND", NULL);
	add_call(&lb, "2015-01-07", "Abe and Modi spoke about railways", "Shinzo Abe", "JPN",
		 "Narendra Modi", "IND", NULL);
	OK(store_begin(f->s, &err), "store_begin");
	store_unguarded(f->s, 1);
	int64_t id = 0;
	assert_int_equal(store_put_report(f->s, &a, NULL, "a.txt", 0, &la, &id, &err), -1);
	assert_non_null(strstr(err, "refused by test"));
	free(err);
	err = NULL;
	/* a's report row went in, and nothing undid it: no more writes, no commit. */
	assert_int_equal(store_put_report(f->s, &b, NULL, "b.txt", 0, &lb, &id, &err), -1);
	assert_non_null(strstr(err, "rolled back"));
	free(err);
	err = NULL;
	assert_int_equal(store_commit(f->s, &err), -1);
	assert_non_null(strstr(err, "rolled back"));
	free(err);
	err = NULL;
	store_rollback(f->s);
	/* The next batch is guarded: a fails alone, b goes in. */
	OK(store_begin(f->s, &err), "store_begin");
	assert_int_equal(store_put_report(f->s, &a, NULL, "a.txt", 0, &la, &id, &err), -1);
	free(err);
	err = NULL;
	put(f->s, &b, 0, &lb);
	OK(store_commit(f->s, &err), "store_commit");
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM reports"), 1);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM events"), 1);
	assert_int_equal(matches(f->path, "reports_fts", "trade"), 0);
	assert_fts_consistent(f->path);
	event_list_release(&la);
	event_list_release(&lb);
	report_release(&a);
	report_release(&b);
}

/* A batch rolled back takes its actors with it; the next batch creates them again. */
static void test_rolled_back_batch(void **state)
{
	struct fx *f = *state;
	f->s = open_at(f, 0);
	char *err = NULL;
	struct report a;
	struct event_list la;
	event_list_init(&la);
	make_report(&a, "Merkel calls Hollande", 1420528200, "Angela Merkel called Francois Hollande.");
	add_call(&la, "2015-01-06", "Merkel and Hollande spoke", "Angela Merkel", "DEU",
		 "Francois Hollande", "FRA", "eurozone");
	OK(store_begin(f->s, &err), "store_begin");
	put(f->s, &a, 0, &la);
	store_rollback(f->s);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM actors"), 0);
	OK(store_begin(f->s, &err), "store_begin");
	put(f->s, &a, 0, &la);
	OK(store_commit(f->s, &err), "store_commit");
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM event_actors"), 2);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	assert_int_equal(matches(f->path, "events_fts", "Merkel"), 1);
	assert_fts_consistent(f->path);
	event_list_release(&la);
	report_release(&a);
}

/* Writers that know nothing of deferral (another program, or a store
 * outside a batch) are indexed by the triggers as before. */
static void test_other_writers_indexed(void **state)
{
	struct fx *f = *state;
	f->s = open_at(f, 0);
	struct report a;
	make_report(&a, "Outside any batch", 1420528200, "Stored without a batch about Crimea.");
	put(f->s, &a, 0, NULL);
	assert_int_equal(matches(f->path, "reports_fts", "Crimea"), 1);
	outside_exec(f->path,
		     "INSERT INTO reports(title, body, format, content_hash, identity_key, imported_at)"
		     " VALUES ('From the shell', 'Inserted by another program about Donbas.', 'text',"
		     " 'hash-from-the-shell', '', 1442800000)");
	assert_int_equal(matches(f->path, "reports_fts", "Donbas"), 1);
	assert_fts_consistent(f->path);
	report_release(&a);
}

/* A batch suspends the insert triggers whose work it does itself: they are
 * gone only inside its transaction, and back, unchanged, after a commit or
 * a rollback, for writers that rely on them. */
static void test_batch_suspends_own_triggers(void **state)
{
	struct fx *f = *state;
	f->s = open_at(f, 0);
	char *err = NULL;
	static const char inside[] = "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"
				     " AND name IN ('reports_fts_ai', 'events_ai', 'events_change_au')";
	int before = outside_int(f->path, "SELECT sum(length(sql)) FROM sqlite_schema WHERE type = 'trigger'"
				 " AND name IN ('reports_fts_ai', 'events_ai', 'events_change_au')");
	assert_true(before > 0);
	struct report a, b;
	struct event_list la;
	event_list_init(&la);
	make_report(&a, "Abe meets Modi", 1420528200, "Shinzo Abe met Narendra Modi in Tokyo.");
	add_call(&la, "2015-01-06", "Abe and Modi spoke", "Shinzo Abe", "JPN", "Narendra Modi", "IND", NULL);
	OK(store_begin(f->s, &err), "store_begin");
	put(f->s, &a, 0, &la);
	/* Every other connection still has them meanwhile. */
	assert_int_equal(outside_int(f->path, inside), 3);
	store_rollback(f->s);
	assert_int_equal(outside_int(f->path, inside), 3);
	OK(store_begin(f->s, &err), "store_begin");
	put(f->s, &a, 0, &la);
	OK(store_commit(f->s, &err), "store_commit");
	assert_int_equal(outside_int(f->path, "SELECT sum(length(sql)) FROM sqlite_schema WHERE type = 'trigger'"
				     " AND name IN ('reports_fts_ai', 'events_ai', 'events_change_au')"), before);
	/* Another writer after the batch is indexed and numbered by them. */
	outside_exec(f->path,
		     "INSERT INTO events(type, cameo, status, party_key, summary, added_at, changed_at)"
		     " VALUES ('meeting', '040', 0, 'meeting|0|FRA|DEU', 'Hollande met Merkel in Paris', 1, 1)");
	assert_int_equal(matches(f->path, "events_fts", "Hollande"), 1);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM event_changes"), 2);
	/* And the store outside a batch, too. */
	make_report(&b, "Merkel visits Kyiv", 1420528800, "Angela Merkel arrived in Kyiv about Donbas.");
	put(f->s, &b, 0, NULL);
	assert_int_equal(matches(f->path, "reports_fts", "Donbas"), 1);
	assert_fts_consistent(f->path);
	event_list_release(&la);
	report_release(&a);
	report_release(&b);
}

/* An archive of schema 2 (before fts_deferred) still gets every index entry. */
static void test_schema_2_archive(void **state)
{
	struct fx *f = *state;
	f->s = open_at(f, 2);
	assert_int_equal(store_version(f->s), 2);
	char *err = NULL;
	struct report a;
	struct event_list la;
	event_list_init(&la);
	make_report(&a, "Lavrov meets Wang", 1420528200, "Sergei Lavrov met Wang Yi in Beijing.");
	add_call(&la, "2015-01-06", "Lavrov and Wang met", "Sergei Lavrov", "RUS", "Wang Yi", "CHN", NULL);
	OK(store_begin(f->s, &err), "store_begin");
	put(f->s, &a, 0, &la);
	OK(store_commit(f->s, &err), "store_commit");
	assert_int_equal(matches(f->path, "reports_fts", "Beijing"), 1);
	assert_int_equal(matches(f->path, "events_fts", "Wang"), 1);
	assert_fts_consistent(f->path);
	event_list_release(&la);
	report_release(&a);
}

/* Migration 5 builds the full-text indexes again without row sizes: what
 * was indexed before the upgrade is found after it, and so is what comes
 * after. */
static void test_fts_rebuilt_on_upgrade(void **state)
{
	struct fx *f = *state;
	f->s = open_at(f, 4);
	assert_int_equal(store_version(f->s), 4);
	char *err = NULL;
	struct report a, b;
	struct event_list la, lb;
	event_list_init(&la);
	event_list_init(&lb);
	make_report(&a, "Lavrov meets Wang", 1420528200, "Sergei Lavrov met Wang Yi in Beijing.");
	add_call(&la, "2015-01-06", "Lavrov and Wang met", "Sergei Lavrov", "RUS", "Wang Yi", "CHN", NULL);
	OK(store_begin(f->s, &err), "store_begin");
	put(f->s, &a, 0, &la);
	OK(store_commit(f->s, &err), "store_commit");
	store_close(f->s);
	f->s = open_at(f, 0);
	assert_int_equal(store_version(f->s), store_latest_version());
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM sqlite_schema WHERE name IN"
				     " ('reports_fts', 'events_fts') AND sql LIKE '%columnsize=0%'"), 2);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM sqlite_schema"
				     " WHERE name LIKE '%fts_docsize'"), 0);
	assert_int_equal(matches(f->path, "reports_fts", "Beijing"), 1);
	assert_int_equal(matches(f->path, "events_fts", "Wang"), 1);
	make_report(&b, "Lavrov meets Kerry", 1420528800, "Sergei Lavrov met John Kerry in Geneva.");
	add_call(&lb, "2015-01-07", "Lavrov and Kerry met", "Sergei Lavrov", "RUS", "John Kerry", "USA", NULL);
	OK(store_begin(f->s, &err), "store_begin");
	put(f->s, &b, 0, &lb);
	OK(store_commit(f->s, &err), "store_commit");
	assert_int_equal(matches(f->path, "reports_fts", "Geneva OR Beijing"), 2);
	assert_int_equal(matches(f->path, "events_fts", "Lavrov"), 2);
	assert_fts_consistent(f->path);
	event_list_release(&la);
	event_list_release(&lb);
	report_release(&a);
	report_release(&b);
}

/* ---- the same event again --------------------------------------------------------- */

static void test_same_event_by_date(void **state)
{
	struct fx *f = *state;
	f->s = open_at(f, 0);
	char *err = NULL;
	/* One call told six times, with dates of every precision. */
	const char *dates[] = {"2015-01", "2015-01-06", "2015", "2015-02-03", "", "", "2015-01-06"};
	OK(store_begin(f->s, &err), "store_begin");
	for (size_t i = 0; i < sizeof(dates) / sizeof(*dates); i++) {
		struct report r;
		struct event_list l;
		char title[64], body[96];
		snprintf(title, sizeof(title), "Lavrov and Kerry, report %zu", i + 1);
		snprintf(body, sizeof(body), "Report %zu of the Lavrov and Kerry call.", i + 1);
		make_report(&r, title, 1420528200 + (int64_t)i * 60, body);
		event_list_init(&l);
		add_call(&l, dates[i], "Lavrov and Kerry spoke by phone", "Sergei Lavrov", "RUS",
			 "John Kerry", "USA", NULL);
		put(f->s, &r, 0, &l);
		event_list_release(&l);
		report_release(&r);
	}
	OK(store_commit(f->s, &err), "store_commit");
	/* 2015-01 narrowed to 2015-01-06 by the second report, which the third
	 * (2015) and the last also tell; February is another call, and the two
	 * undated ones are one. */
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM events"), 3);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM event_reports er JOIN events e"
				     " ON e.id = er.event_id WHERE e.date = '2015-01-06'"), 4);
	/* The report that told it first gave the event its evidence; the three
	 * that told it again keep their own sentence on their link. */
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM event_reports er JOIN events e"
				     " ON e.id = er.event_id WHERE e.date = '2015-01-06'"
				     " AND er.evidence = 'Lavrov and Kerry spoke by phone'"), 3);
	assert_int_equal(outside_int(f->path, "SELECT date_precision FROM events WHERE date = '2015-01-06'"),
			 PREC_DAY);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM event_reports er JOIN events e"
				     " ON e.id = er.event_id WHERE e.date = '2015-02-03'"), 1);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM event_reports er JOIN events e"
				     " ON e.id = er.event_id WHERE e.date = ''"), 2);
	/* The first stored wins when several are compatible: a year-only call
	 * now matches both January and February, and joins January's. */
	struct report r;
	struct event_list l;
	make_report(&r, "Lavrov and Kerry, a year later", 1420600000, "A retelling without a month.");
	event_list_init(&l);
	add_call(&l, "2015", "Lavrov and Kerry spoke by phone", "Sergei Lavrov", "RUS", "John Kerry",
		 "USA", NULL);
	put(f->s, &r, 0, &l);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM events"), 3);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM event_reports er JOIN events e"
				     " ON e.id = er.event_id WHERE e.date = '2015-01-06'"), 5);
	event_list_release(&l);
	report_release(&r);
}

/* One report telling the same call three times (a month, the day, the year)
 * and many other events: one stored event with the day and one link to the
 * report, its evidence from the first telling; more events than one
 * statement inserts at a time all arrive with their actors and topics. */
static void test_same_event_within_report(void **state)
{
	struct fx *f = *state;
	f->s = open_at(f, 0);
	char *err = NULL;
	struct report r;
	struct event_list l;
	make_report(&r, "A busy week", 1420528200, "Many calls of many leaders.");
	event_list_init(&l);
	add_call(&l, "2015-01", "Lavrov and Kerry spoke, first telling", "Sergei Lavrov", "RUS",
		 "John Kerry", "USA", "Ukraine");
	add_call(&l, "2015-01-06", "Lavrov and Kerry spoke, second telling", "Sergei Lavrov", "RUS",
		 "John Kerry", "USA", NULL);
	add_call(&l, "2015", "Lavrov and Kerry spoke, third telling", "Sergei Lavrov", "RUS",
		 "John Kerry", "USA", NULL);
	for (int i = 0; i < 70; i++) {
		char date[16], summary[64];
		snprintf(date, sizeof(date), "2014-%02d-%02d", 1 + i / 28, 1 + i % 28);
		snprintf(summary, sizeof(summary), "Abe and Modi spoke, call %d", i + 1);
		add_call(&l, date, summary, "Shinzo Abe", "JPN", "Narendra Modi", "IND", "trade");
		assert_int_equal(event_add_topic(&l.items[l.n - 1], "railways"), 0);
	}
	OK(store_begin(f->s, &err), "store_begin");
	int64_t id = put(f->s, &r, 0, &l);
	OK(store_commit(f->s, &err), "store_commit");
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM events"), 71);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM events WHERE party_key LIKE '%RUS%'"), 1);
	assert_int_equal(outside_int(f->path, "SELECT date_precision FROM events WHERE party_key LIKE '%RUS%'"
				     " AND date = '2015-01-06'"), PREC_DAY);
	/* The first telling is the evidence; the link, from the same report,
	 * keeps only its offsets. */
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM event_reports er JOIN events e"
				     " ON e.id = er.event_id WHERE e.party_key LIKE '%RUS%'"
				     " AND e.evidence LIKE '%first telling' AND er.evidence = ''"), 1);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM event_reports"), 71);
	char sql[128];
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM event_reports WHERE report_id = %lld", (long long)id);
	assert_int_equal(outside_int(f->path, sql), 71);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM event_actors"), 142);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM event_topics"), 141);
	assert_int_equal(outside_int(f->path, "SELECT count(DISTINCT id) FROM events"
				     " WHERE summary LIKE 'Abe and Modi spoke, call %'"), 70);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	assert_int_equal(matches(f->path, "events_fts", "\"call 70\""), 1);
	assert_fts_consistent(f->path);
	event_list_release(&l);
	report_release(&r);
}

/* In a batch the store numbers the changed events itself: in the order it
 * wrote them, above the counter, the counter moved to the last; a report
 * that failed leaves no number; a writer outside the batch is numbered by
 * the triggers after them. */
static void test_change_numbers_in_batch(void **state)
{
	struct fx *f = *state;
	open_refusing(f);
	char *err = NULL;
	struct report a, b, c, d;
	struct event_list la, lb, lc, ld;
	event_list_init(&la);
	event_list_init(&lb);
	event_list_init(&lc);
	event_list_init(&ld);
	make_report(&a, "Two calls", 1420528200, "Merkel called Putin; Abe called Modi.");
	make_report(&b, "Merkel and Putin again", 1420528300, "Merkel's call to Putin, told again.");
	make_report(&c, "Refused", 1420528400, "A report whose second event is refused.");
	make_report(&d, "Outside a batch", 1420528500, "Kerry called Lavrov.");
	add_call(&la, "2015-01-06", "Merkel and Putin spoke", "Angela Merkel", "DEU", "Vladimir Putin",
		 "RUS", NULL);
	add_call(&la, "2015-01-06", "Abe and Modi spoke", "Shinzo Abe", "JPN", "Narendra Modi", "IND", NULL);
	add_call(&lb, "2015-01-06", "Merkel and Putin spoke again", "Angela Merkel", "DEU",
		 "Vladimir Putin", "RUS", NULL);
	add_call(&lc, "2015-01-07", "Hollande and Obama spoke", "Francois Hollande", "FRA",
		 "Barack Obama", "USA", NULL);
	add_call(&lc, "2015-01-09", "REFUSED", "Francois Hollande", "FRA", "Barack Obama", "USA", NULL);
	add_call(&ld, "2015-01-08", "Kerry and Lavrov spoke", "John Kerry", "USA", "Sergei Lavrov", "RUS",
		 NULL);
	OK(store_begin(f->s, &err), "store_begin");
	put(f->s, &a, 0, &la);
	int64_t id = 0;
	assert_int_equal(store_put_report(f->s, &c, NULL, "c.txt", 0, &lc, &id, &err), -1);
	free(err);
	err = NULL;
	put(f->s, &b, 0, &lb);
	OK(store_commit(f->s, &err), "store_commit");
	/* Merkel-Putin (written, then again by b) and Abe-Modi: three writes. */
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM event_changes"), 2);
	assert_int_equal(outside_int(f->path, "SELECT seq FROM change_counter"), 3);
	assert_int_equal(outside_int(f->path, "SELECT c.seq FROM event_changes c JOIN events e"
				     " ON e.id = c.event_id WHERE e.summary = 'Merkel and Putin spoke'"), 3);
	assert_int_equal(outside_int(f->path, "SELECT c.seq FROM event_changes c JOIN events e"
				     " ON e.id = c.event_id WHERE e.summary = 'Abe and Modi spoke'"), 2);
	/* Outside a batch: the triggers number the write. */
	put(f->s, &d, 0, &ld);
	assert_int_equal(outside_int(f->path, "SELECT c.seq FROM event_changes c JOIN events e"
				     " ON e.id = c.event_id WHERE e.summary = 'Kerry and Lavrov spoke'"), 4);
	assert_int_equal(outside_int(f->path, "SELECT seq FROM change_counter"), 4);
	event_list_release(&la);
	event_list_release(&lb);
	event_list_release(&lc);
	event_list_release(&ld);
	report_release(&a);
	report_release(&b);
	report_release(&c);
	report_release(&d);
}

/* In bulk mode foreign keys are not enforced; replacing a report withdraws
 * the events only it told (kept with their actor and topic links, out of
 * the timeline, so that their ids are never reused) and keeps the one
 * another report also tells. */
static void test_bulk_replace_leaves_no_orphans(void **state)
{
	struct fx *f = *state;
	f->s = open_at(f, 0);
	char *err = NULL;
	struct report a, b, a2;
	struct event_list la, lb, none;
	event_list_init(&la);
	event_list_init(&lb);
	event_list_init(&none);
	make_report(&a, "Two calls", 1420528200, "Merkel called Putin; Abe called Modi.");
	make_report(&b, "Merkel and Putin", 1420528300, "Merkel called Putin.");
	make_report(&a2, "Two calls", 1420528200, "Corrected: nobody called anybody.");
	add_call(&la, "2015-01-06", "Merkel and Putin spoke", "Angela Merkel", "DEU", "Vladimir Putin",
		 "RUS", "gas");
	add_call(&la, "2015-01-06", "Abe and Modi spoke", "Shinzo Abe", "JPN", "Narendra Modi", "IND",
		 "railways");
	add_call(&lb, "2015-01-06", "Merkel and Putin spoke", "Angela Merkel", "DEU", "Vladimir Putin",
		 "RUS", "gas");
	OK(store_bulk(f->s, 1, &err), "store_bulk on");
	OK(store_begin(f->s, &err), "store_begin");
	int64_t id = put(f->s, &a, 0, &la);
	put(f->s, &b, 0, &lb);
	OK(store_commit(f->s, &err), "store_commit");
	OK(store_begin(f->s, &err), "store_begin");
	put(f->s, &a2, id, &none);
	OK(store_commit(f->s, &err), "store_commit");
	OK(store_bulk(f->s, 0, &err), "store_bulk off");
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM events WHERE gone = 0"), 1);
	assert_int_equal(outside_int(f->path, "SELECT gone FROM events WHERE summary = 'Abe and Modi spoke'"), 1);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM event_actors"), 4);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM event_topics et JOIN topics t"
				     " ON t.id = et.topic_id WHERE t.name = 'gas'"), 1);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM event_reports"), 1);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	assert_fts_consistent(f->path);
	event_list_release(&la);
	event_list_release(&lb);
	report_release(&a);
	report_release(&b);
	report_release(&a2);
}

/* Change numbers stay exact when a report is replaced in the same batch
 * (the batch's deferred work is written before the replacement deletes
 * events), and on an archive of schema 3, whose triggers number every
 * write themselves. */
static void test_change_numbers_replace_and_schema_3(void **state)
{
	struct fx *f = *state;
	f->s = open_at(f, 0);
	char *err = NULL;
	struct report a, b, a2;
	struct event_list la, lb, la2;
	event_list_init(&la);
	event_list_init(&lb);
	event_list_init(&la2);
	make_report(&a, "Two calls", 1420528200, "Merkel called Putin; Abe called Modi.");
	make_report(&b, "Merkel and Putin", 1420528300, "Merkel called Putin.");
	make_report(&a2, "Two calls", 1420528200, "Corrected: Obama called Hollande.");
	add_call(&la, "2015-01-06", "Merkel and Putin spoke", "Angela Merkel", "DEU", "Vladimir Putin",
		 "RUS", NULL);
	add_call(&la, "2015-01-06", "Abe and Modi spoke", "Shinzo Abe", "JPN", "Narendra Modi", "IND", NULL);
	add_call(&lb, "2015-01-06", "Merkel and Putin spoke again", "Angela Merkel", "DEU",
		 "Vladimir Putin", "RUS", NULL);
	add_call(&la2, "2015-01-06", "Obama and Hollande spoke", "Barack Obama", "USA", "Francois Hollande",
		 "FRA", NULL);
	OK(store_begin(f->s, &err), "store_begin");
	int64_t id = put(f->s, &a, 0, &la);
	put(f->s, &b, 0, &lb);
	put(f->s, &a2, id, &la2);
	OK(store_commit(f->s, &err), "store_commit");
	/* Merkel-Putin (kept by b), Obama-Hollande; Abe-Modi is withdrawn,
	 * which is a change of its own. */
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM events WHERE gone = 0"), 2);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM events WHERE gone = 1"), 1);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM event_changes"), 3);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM events e WHERE NOT EXISTS"
				     " (SELECT 1 FROM event_changes c WHERE c.event_id = e.id)"), 0);
	assert_int_equal(outside_int(f->path, "SELECT max(seq) = (SELECT seq FROM change_counter)"
				     " FROM event_changes"), 1);
	/* The new event, then the withdrawal the replacement made. */
	assert_int_equal(outside_int(f->path, "SELECT e.summary = 'Obama and Hollande spoke'"
				     " FROM events e JOIN event_changes c ON c.event_id = e.id"
				     " ORDER BY c.seq DESC LIMIT 1 OFFSET 1"), 1);
	assert_int_equal(outside_int(f->path, "SELECT e.summary = 'Abe and Modi spoke' AND e.gone = 1"
				     " FROM events e JOIN event_changes c ON c.event_id = e.id"
				     " ORDER BY c.seq DESC LIMIT 1"), 1);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	assert_fts_consistent(f->path);
	store_close(f->s);

	/* Schema 3: the triggers number each write once, the store adds nothing. */
	unlink(f->path);
	f->s = open_at(f, 3);
	OK(store_begin(f->s, &err), "store_begin");
	put(f->s, &a, 0, &la);
	OK(store_commit(f->s, &err), "store_commit");
	assert_int_equal(outside_int(f->path, "SELECT seq FROM change_counter"), 2);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM event_changes"), 2);
	event_list_release(&la);
	event_list_release(&lb);
	event_list_release(&la2);
	report_release(&a);
	report_release(&b);
	report_release(&a2);
}

/* A report refused after one full multi-row statement of its events was
 * written leaves nothing; new events never take the id of links left
 * behind by a delete made with foreign keys off. */
static void test_failure_after_a_full_statement(void **state)
{
	struct fx *f = *state;
	open_refusing(f);
	char *err = NULL;
	struct report r, ok;
	struct event_list l, lok;
	event_list_init(&l);
	event_list_init(&lok);
	make_report(&r, "Forty calls", 1420528200, "Forty calls, the last one refused.");
	make_report(&ok, "One call", 1420528300, "Kerry called Lavrov.");
	for (int i = 0; i < 40; i++) {
		char date[16];
		snprintf(date, sizeof(date), "2014-%02d-%02d", 1 + i / 28, 1 + i % 28);
		add_call(&l, date, i == 39 ? "REFUSED" : "Abe and Modi spoke", "Shinzo Abe", "JPN",
			 "Narendra Modi", "IND", "trade");
	}
	add_call(&lok, "2015-01-08", "Kerry and Lavrov spoke", "John Kerry", "USA", "Sergei Lavrov", "RUS",
		 NULL);
	OK(store_begin(f->s, &err), "store_begin");
	int64_t id = 0;
	assert_int_equal(store_put_report(f->s, &r, NULL, "r.txt", 0, &l, &id, &err), -1);
	assert_non_null(strstr(err, "refused by test"));
	free(err);
	err = NULL;
	OK(store_commit(f->s, &err), "store_commit");
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM reports"), 0);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM events"), 0);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM event_actors"), 0);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM event_topics"), 0);
	assert_int_equal(outside_int(f->path, "SELECT seq FROM change_counter"), 0);

	/* Links left behind at the next id (the shell deletes without foreign keys). */
	outside_exec(f->path, "INSERT INTO actors(id, name, code, kind) VALUES (900, 'Stale', '', 2);"
			      " INSERT INTO event_actors(event_id, seq, actor_id, role) VALUES (1, 0, 900, 2);"
			      " INSERT INTO event_topics(event_id, topic_id) VALUES (2, 1);");
	OK(store_begin(f->s, &err), "store_begin");
	put(f->s, &ok, 0, &lok);
	OK(store_commit(f->s, &err), "store_commit");
	assert_int_equal(outside_int(f->path, "SELECT id FROM events"), 3);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM event_actors WHERE event_id = 3"), 2);
	event_list_release(&l);
	event_list_release(&lok);
	report_release(&r);
	report_release(&ok);
}

/* ---- bulk settings ------------------------------------------------------------------- */

static void test_bulk_on_off(void **state)
{
	struct fx *f = *state;
	f->s = open_at(f, 0);
	char *err = NULL;
	/* Not inside a transaction, where the keys could not be switched. */
	OK(store_begin(f->s, &err), "store_begin");
	assert_int_equal(store_bulk(f->s, 1, &err), -1);
	assert_non_null(strstr(err, "inside a transaction"));
	free(err);
	err = NULL;
	OK(store_commit(f->s, &err), "store_commit");
	OK(store_bulk(f->s, 1, &err), "store_bulk on");
	OK(store_bulk(f->s, 1, &err), "store_bulk on again");
	struct report a;
	make_report(&a, "Bulk import", 1420528200, "Stored in bulk mode about sanctions.");
	OK(store_begin(f->s, &err), "store_begin");
	put(f->s, &a, 0, NULL);
	OK(store_commit(f->s, &err), "store_commit");
	OK(store_bulk(f->s, 0, &err), "store_bulk off");
	OK(store_bulk(f->s, 0, &err), "store_bulk off again");
	assert_int_equal(matches(f->path, "reports_fts", "sanctions"), 1);
	report_release(&a);
	/* A read-only archive has nothing to tune. */
	store_close(f->s);
	f->s = NULL;
	OK(store_open(f->path, STORE_READONLY, &f->s, &err), "store_open read-only");
	OK(store_bulk(f->s, 1, &err), "store_bulk read-only");
	OK(store_bulk(f->s, 0, &err), "store_bulk read-only off");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_batch_indexes_at_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replace_in_same_batch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_report_in_batch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rolled_back_batch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_writers_indexed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_batch_suspends_own_triggers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unguarded_failure_needs_rollback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_schema_2_archive, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fts_rebuilt_on_upgrade, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_event_by_date, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_event_within_report, setup, teardown),
		cmocka_unit_test_setup_teardown(test_change_numbers_in_batch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_change_numbers_replace_and_schema_3, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failure_after_a_full_statement, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bulk_on_off, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bulk_replace_leaves_no_orphans, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
