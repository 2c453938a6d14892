/* The archive (store/): schema migrations, refusal of files that are not
 * ours, recognising a report seen before, replacing a corrected report with
 * its events, merging the same event told by two reports, atomicity of a
 * report that fails half way, and the filters of timelines.
 *
 * Every test works on a fresh archive in its own temporary directory; a
 * second SQLite connection looks at (or tampers with) the file from outside
 * the store, as another program would. */
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
#include "util/buf.h"
#include "util/cdate.h"

#define APPLICATION_ID 0x436d6e71

/* ---- fixture: a temporary directory per test ------------------------------ */

#include "archive_fixture.h"

static struct store *open_ok(struct fx *f)
{
	char *err = NULL;
	struct store *s = NULL;
	int rc = store_open(f->path, 0, &s, &err);
	if (rc)
		fail_msg("store_open: %s", err ? err : "?");
	assert_non_null(s);
	return s;
}

/* ---- files as bytes, and SQL from outside the store ------------------------- */

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	struct buf b;
	buf_init(&b, 0);
	char chunk[4096];
	size_t got;
	while ((got = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		assert_int_equal(buf_add(&b, chunk, got), 0);
	fclose(fp);
	*len = b.len;
	return buf_detach(&b);
}

static void assert_same_bytes(const char *path, const char *before, size_t len)
{
	size_t n;
	char *now = slurp(path, &n);
	assert_int_equal(n, len);
	assert_memory_equal(now, before, len);
	free(now);
}

/* Runs SQL on the file through a connection of its own. */
/* ---- building reports and events -------------------------------------------- */

static void make_report(struct report *r, const char *agency, const char *title, int64_t published,
			const char *url, const char *body)
{
	report_init(r);
	assert_int_equal(report_set(&r->agency, agency), 0);
	assert_int_equal(report_set(&r->title, title), 0);
	assert_int_equal(report_set(&r->url, url), 0);
	assert_int_equal(report_set(&r->body, body), 0);
	assert_int_equal(report_set(&r->format, "text"), 0);
	r->published = published;
	r->pub_known = published ? PUB_TIME : PUB_NONE;
	r->tz_offset_min = 180;
}

struct who {
	const char *name, *code;
	enum actor_kind kind;
	enum actor_role role;
};

#define LAVROV {"Sergei Lavrov", "RUS", ACTOR_PERSON, ROLE_PARTICIPANT}
#define KERRY {"John Kerry", "USA", ACTOR_PERSON, ROLE_PARTICIPANT}
#define KISHIDA {"Fumio Kishida", "JPN", ACTOR_PERSON, ROLE_PARTICIPANT}
#define PUTIN {"Vladimir Putin", "RUS", ACTOR_PERSON, ROLE_SOURCE}
#define JAPAN_T {"Japan", "JPN", ACTOR_STATE, ROLE_TARGET}
#define CHINA_T {"China", "CHN", ACTOR_STATE, ROLE_TARGET}
#define USA_S {"United States", "USA", ACTOR_STATE, ROLE_SOURCE}
#define RUSSIA_T {"Russia", "RUS", ACTOR_STATE, ROLE_TARGET}
#define RUSSIA_S {"Russia", "RUS", ACTOR_STATE, ROLE_SOURCE}
#define USA_T {"United States", "USA", ACTOR_STATE, ROLE_TARGET}

/* Adds an event dated `date` ("2015-01-06", "2015-01", "" for none) to l. */
static void add_event(struct event_list *l, const char *type, enum event_status status,
		      const char *date, const char *summary, const char *evidence, const char *topic,
		      const struct who *who, size_t n_who)
{
	struct event *e = event_list_push(l);
	assert_non_null(e);
	snprintf(e->type, sizeof(e->type), "%s", type);
	snprintf(e->cameo, sizeof(e->cameo), "%s", "040");
	e->status = status;
	if (*date)
		assert_int_equal(cdate_parse(date, &e->date), 0);
	else
		e->date.prec = PREC_UNKNOWN;
	e->summary = strdup(summary);
	e->evidence = strdup(evidence);
	assert_non_null(e->summary);
	assert_non_null(e->evidence);
	for (size_t i = 0; i < n_who; i++)
		assert_int_equal(event_add_actor(e, who[i].name, who[i].code, NULL, who[i].kind, who[i].role), 0);
	if (topic)
		assert_int_equal(event_add_topic(e, topic), 0);
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

static int64_t put(struct store *s, const struct report *r, int64_t replace, const struct event_list *l)
{
	int64_t id = 0;
	char *err = NULL;
	if (store_put_report(s, r, NULL, "test.txt", replace, l, &id, &err))
		fail_msg("store_put_report: %s", err ? err : "?");
	assert_true(id > 0);
	return id;
}

static enum store_verdict classify(struct store *s, const struct report *r, int64_t *existing)
{
	enum store_verdict v;
	char *err = NULL;
	if (store_classify(s, r, &v, existing, NULL, &err))
		fail_msg("store_classify: %s", err ? err : "?");
	return v;
}

/* ---- reading timelines back ------------------------------------------------- */

/* The summaries of a timeline in order, comma-separated, and the number of
 * sources of each event. */
struct seen {
	char list[1024];
	size_t n;
	size_t sources[32];
	char dates[32][16];
};

static int note(void *ctx, const struct tl_event *te)
{
	struct seen *w = ctx;
	size_t used = strlen(w->list);
	snprintf(w->list + used, sizeof(w->list) - used, "%s%s", used ? "," : "", te->ev->summary);
	if (w->n < 32) {
		w->sources[w->n] = te->n_sources;
		cdate_format(&te->ev->date, w->dates[w->n]);
	}
	w->n++;
	return 0;
}

static struct seen timeline(struct store *s, const struct event_filter *f)
{
	struct seen w;
	memset(&w, 0, sizeof(w));
	char *err = NULL;
	if (store_timeline_each(s, f, note, &w, &err))
		fail_msg("store_timeline_each: %s", err ? err : "?");
	return w;
}

static const char *all_events(struct store *s, struct seen *w)
{
	struct event_filter f;
	memset(&f, 0, sizeof(f));
	f.status_mask = 7;
	*w = timeline(s, &f);
	return w->list;
}

static int count_report(void *ctx, const struct store_report *r)
{
	(void)r;
	(*(int *)ctx)++;
	return 0;
}

static int n_reports(struct store *s)
{
	int n = 0;
	char *err = NULL;
	assert_int_equal(store_reports_each(s, count_report, &n, &err), 0);
	return n;
}

/* ---- opening and migrations ------------------------------------------------- */

static void test_open_fresh(void **state)
{
	struct fx *f = *state;
	f->s = open_ok(f);
	assert_true(store_latest_version() >= 1);
	assert_int_equal(store_version(f->s), store_latest_version());
	assert_int_equal(n_reports(f->s), 0);
	store_close(f->s);
	f->s = NULL;
	assert_int_equal(outside_int(f->path, "PRAGMA application_id"), APPLICATION_ID);
	assert_int_equal(outside_int(f->path, "PRAGMA user_version"), store_latest_version());
	/* A new archive has pages of 16 KiB. */
	assert_int_equal(outside_int(f->path, "PRAGMA page_size"), 16384);
	/* Opening again migrates nothing and keeps what is there. */
	f->s = open_ok(f);
	struct report r;
	make_report(&r, "TASS", "Lavrov, Kerry discuss Ukraine by phone", 1420528200,
		    "https://tass.example/1", "Sergei Lavrov and John Kerry spoke by phone on Tuesday.");
	put(f->s, &r, 0, NULL);
	report_release(&r);
	store_close(f->s);
	f->s = open_ok(f);
	assert_int_equal(n_reports(f->s), 1);
}

static void test_read_only_open(void **state)
{
	struct fx *f = *state;
	char *err = NULL;
	struct store *s = NULL;
	/* Read-only never creates. */
	assert_int_equal(store_open(f->path, STORE_READONLY, &s, &err), -1);
	assert_null(s);
	assert_non_null(err);
	assert_non_null(strstr(err, "archive.db"));
	free(err);
	assert_int_equal(access(f->path, F_OK), -1);
	f->s = open_ok(f);
	store_close(f->s);
	f->s = NULL;
	err = NULL;
	assert_int_equal(store_open(f->path, STORE_READONLY, &f->s, &err), 0);
	assert_int_equal(n_reports(f->s), 0);
}

/* From every older version, store_open brings the archive up to date and the
 * data written at the older version survives. */
/* The archive's schema as one string: every table, index and trigger with its SQL. */
static char *schema_of(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT type, name, ifnull(sql, '') FROM sqlite_schema"
						 " ORDER BY type, name", -1, &st, NULL), SQLITE_OK);
	struct buf b;
	buf_init(&b, 0);
	while (sqlite3_step(st) == SQLITE_ROW)
		buf_printf(&b, "%s %s: %s\n", sqlite3_column_text(st, 0), sqlite3_column_text(st, 1),
			   sqlite3_column_text(st, 2));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return buf_detach(&b);
}

static void remove_archive(struct fx *f)
{
	remove_with_suffix(f->path, "");
	remove_with_suffix(f->path, "-wal");
	remove_with_suffix(f->path, "-shm");
}

static void test_migrations(void **state)
{
	struct fx *f = *state;
	int latest = store_latest_version();
	f->s = open_ok(f);
	store_close(f->s);
	f->s = NULL;
	char *fresh = schema_of(f->path);
	remove_archive(f);
	for (int v = 1; v <= latest; v++) {
		char *err = NULL;
		struct store *s = NULL;
		if (store_open_at(f->path, 0, v, &s, &err))
			fail_msg("store_open_at %d: %s", v, err);
		assert_int_equal(store_version(s), v);
		/* Version 1 already has reports: store one through SQL, as that version would. */
		store_close(s);
		outside_exec(f->path,
			     "INSERT INTO reports(title, body, format, content_hash, identity_key, imported_at)"
			     " VALUES ('Kishida visits Moscow', 'Fumio Kishida arrived in Moscow.', 'text',"
			     " 'hash-of-the-old-version', '', 1442800000)");
		f->s = open_ok(f);
		assert_int_equal(store_version(f->s), latest);
		assert_int_equal(n_reports(f->s), 1);
		store_close(f->s);
		f->s = NULL;
		assert_int_equal(outside_int(f->path, "PRAGMA user_version"), latest);
		/* A migrated archive has exactly the schema of a new one. */
		char *migrated = schema_of(f->path);
		assert_string_equal(migrated, fresh);
		free(migrated);
		remove_archive(f);
	}
	free(fresh);
	/* Version 0: an empty file is a new archive. */
	FILE *fp = fopen(f->path, "wb");
	assert_non_null(fp);
	fclose(fp);
	f->s = open_ok(f);
	assert_int_equal(store_version(f->s), latest);
	store_close(f->s);
	f->s = NULL;
	remove_archive(f);
	/* An SQLite file made before, with pages of its own size, keeps them. */
	outside_exec(f->path, "PRAGMA page_size=4096; VACUUM");
	f->s = open_ok(f);
	assert_int_equal(store_version(f->s), latest);
	struct report r;
	make_report(&r, "TASS", "Lavrov, Kerry discuss Ukraine by phone", 1420528200,
		    "https://tass.example/1", "Sergei Lavrov and John Kerry spoke by phone on Tuesday.");
	put(f->s, &r, 0, NULL);
	report_release(&r);
	assert_int_equal(n_reports(f->s), 1);
	assert_int_equal(outside_int(f->path, "PRAGMA page_size"), 4096);
}

/* ---- refusing files that are not ours ------------------------------------- */

static void assert_open_refused(struct fx *f, int flags, const char *what, const char *before,
				size_t len)
{
	char *err = NULL;
	struct store *s = NULL;
	assert_int_equal(store_open(f->path, flags, &s, &err), -1);
	assert_null(s);
	assert_non_null(err);
	if (!strstr(err, what))
		fail_msg("expected '%s' in: %s", what, err);
	assert_non_null(strstr(err, "archive.db"));
	free(err);
	assert_same_bytes(f->path, before, len);
}

/* Both read-write and read-only opens refuse the file and leave its bytes as
 * they were; the read-write one leaves no journal or WAL beside it either.
 * (A read-only open of a WAL file leaves an empty -wal and a -shm: SQLite's
 * way, not checked here.) */
static void assert_refused(struct fx *f, const char *what)
{
	size_t len;
	char *before = slurp(f->path, &len);
	assert_open_refused(f, 0, what, before, len);
	char p[320];
	snprintf(p, sizeof(p), "%s-wal", f->path);
	assert_int_equal(access(p, F_OK), -1);
	snprintf(p, sizeof(p), "%s-journal", f->path);
	assert_int_equal(access(p, F_OK), -1);
	assert_open_refused(f, STORE_READONLY, what, before, len);
	free(before);
}

static void test_refuses_foreign_sqlite(void **state)
{
	struct fx *f = *state;
	outside_exec(f->path, "CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT);"
			      "INSERT INTO notes(text) VALUES ('buy stamps');");
	assert_refused(f, "not a communique archive");
	/* One with only a user_version (and no tables) is not ours either. */
	remove_with_suffix(f->path, "");
	outside_exec(f->path, "PRAGMA user_version = 7");
	assert_refused(f, "not a communique archive");
}

static void test_refuses_newer(void **state)
{
	struct fx *f = *state;
	f->s = open_ok(f);
	store_close(f->s);
	f->s = NULL;
	char sql[64];
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", store_latest_version() + 1);
	outside_exec(f->path, sql);
	assert_refused(f, "newer");
}

static void test_refuses_garbage(void **state)
{
	struct fx *f = *state;
	FILE *fp = fopen(f->path, "wb");
	assert_non_null(fp);
	for (int i = 0; i < 8192; i++)
		fputc((i * 7919 + 13) & 0xff, fp);
	fclose(fp);
	assert_refused(f, "archive.db");
}

/* ---- recognising a report seen before --------------------------------------- */

static const char body1[] =
	"MOSCOW, January 6. /TASS/. Russian Foreign Minister Sergei Lavrov and US Secretary of "
	"State John Kerry discussed Ukraine by phone on Tuesday.\n\nThey agreed to stay in touch.";

static void test_classify(void **state)
{
	struct fx *f = *state;
	f->s = open_ok(f);
	struct report a;
	make_report(&a, "TASS", "Lavrov, Kerry discuss Ukraine by phone", 1420528200,
		    "https://tass.example/770001", body1);
	int64_t ex, id = put(f->s, &a, 0, NULL);
	assert_int_equal(classify(f->s, &a, &ex), STORE_UNCHANGED);
	assert_int_equal(ex, id);
	/* The hash classify hands out is the one the store keeps. */
	enum store_verdict v;
	char hash[65], *err = NULL, *stored = NULL;
	assert_int_equal(store_classify(f->s, &a, &v, &ex, hash, &err), 0);
	assert_int_equal(strlen(hash), 64);
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT content_hash FROM reports", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	stored = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	assert_string_equal(hash, stored);
	free(stored);

	/* Whitespace only: blanks doubled, line ends and paragraph breaks changed. */
	struct report w;
	make_report(&w, "TASS", "  Lavrov,  Kerry discuss Ukraine\tby phone ", 1420528200,
		    "https://tass.example/770001",
		    "MOSCOW,  January 6. /TASS/.  Russian Foreign Minister Sergei Lavrov and US Secretary of\r\n"
		    "State John Kerry discussed Ukraine by phone on Tuesday.\r\n\r\n\r\nThey agreed to stay in touch.  ");
	assert_int_equal(classify(f->s, &w, &ex), STORE_UNCHANGED);
	assert_int_equal(ex, id);

	/* Same URL, one sentence corrected. */
	struct report u;
	make_report(&u, "TASS", "Lavrov, Kerry discuss Ukraine by phone", 1420528200,
		    "https://tass.example/770001",
		    "MOSCOW, January 6. /TASS/. Russian Foreign Minister Sergei Lavrov and US Secretary of "
		    "State John Kerry discussed Ukraine by phone on Tuesday.\n\nThey agreed to meet in Geneva.");
	assert_int_equal(classify(f->s, &u, &ex), STORE_REPLACE);
	assert_int_equal(ex, id);

	/* No URL, but the same agency, headline (case aside) and time. */
	free(u.url);
	u.url = NULL;
	free(u.agency);
	u.agency = strdup("tass");
	free(u.title);
	u.title = strdup("LAVROV, KERRY DISCUSS UKRAINE BY PHONE");
	assert_int_equal(classify(f->s, &u, &ex), STORE_REPLACE);
	assert_int_equal(ex, id);

	/* Another time: another report. */
	u.published += 3600;
	assert_int_equal(classify(f->s, &u, &ex), STORE_NEW);
	assert_int_equal(ex, 0);
	/* Another agency: another report. */
	u.published -= 3600;
	free(u.agency);
	u.agency = strdup("Interfax");
	assert_int_equal(classify(f->s, &u, &ex), STORE_NEW);

	/* A feed item's guid finds it too. */
	struct report g;
	make_report(&g, "Kyodo", "Kishida, Kerry talk by phone", 1420539000, NULL,
		    "TOKYO, Jan. 6 (Kyodo) -- Fumio Kishida and John Kerry talked by phone.");
	assert_int_equal(report_set(&g.guid, "kyodo-2015-0106-0042"), 0);
	int64_t gid = put(f->s, &g, 0, NULL);
	free(g.body);
	g.body = strdup("TOKYO, Jan. 6 (Kyodo) -- Fumio Kishida and John Kerry talked by phone for 20 minutes.");
	free(g.title);
	g.title = strdup("Kishida, Kerry agree on close coordination");
	assert_int_equal(classify(f->s, &g, &ex), STORE_REPLACE);
	assert_int_equal(ex, gid);

	/* An undated report without URL can only be found by its content. */
	struct report n;
	make_report(&n, NULL, "A bare paragraph", 0, NULL, "Ministers met on Monday.");
	put(f->s, &n, 0, NULL);
	assert_int_equal(classify(f->s, &n, &ex), STORE_UNCHANGED);
	free(n.body);
	n.body = strdup("Ministers met on Tuesday.");
	assert_int_equal(classify(f->s, &n, &ex), STORE_NEW);

	report_release(&a);
	report_release(&w);
	report_release(&u);
	report_release(&g);
	report_release(&n);
}

/* ---- events: replacement and merging ---------------------------------------- */

static void test_same_event_two_sources(void **state)
{
	struct fx *f = *state;
	f->s = open_ok(f);
	const struct who call[] = {LAVROV, KERRY};
	const struct who call_rev[] = {KERRY, LAVROV};
	struct report a, b;
	make_report(&a, "TASS", "Lavrov, Kerry discuss Ukraine by phone", 1420528200, NULL, body1);
	make_report(&b, "Reuters", "Kerry calls Lavrov over Ukraine", 1420540000, NULL,
		    "WASHINGTON, Jan 6 (Reuters) - U.S. Secretary of State John Kerry spoke by phone with "
		    "Russian Foreign Minister Sergei Lavrov this month.");
	struct event_list la, lb;
	event_list_init(&la);
	event_list_init(&lb);
	/* TASS knows the month only; Reuters the day, and lists the parties the other way round. */
	add_event(&la, "phone_call", STATUS_OCCURRED, "2015-01", "call", "they spoke by phone", NULL, call, 2);
	add_event(&lb, "phone_call", STATUS_OCCURRED, "2015-01-06", "call (Reuters)", "Kerry spoke with Lavrov",
		  NULL, call_rev, 2);
	put(f->s, &a, 0, &la);
	put(f->s, &b, 0, &lb);
	struct seen w;
	assert_string_equal(all_events(f->s, &w), "call");
	assert_int_equal(w.n, 1);
	assert_int_equal(w.sources[0], 2);
	/* The day narrowed the month. */
	assert_string_equal(w.dates[0], "2015-01-06");

	/* Another status, or another year, is another event. */
	event_list_release(&lb);
	event_list_init(&lb);
	add_event(&lb, "phone_call", STATUS_PLANNED, "2015-01-06", "planned call", "", NULL, call, 2);
	add_event(&lb, "phone_call", STATUS_OCCURRED, "2016-01-06", "next year's call", "", NULL, call, 2);
	struct report c;
	make_report(&c, "TASS", "Lavrov and Kerry to speak again", 1420600000, NULL, "Another text.");
	put(f->s, &c, 0, &lb);
	assert_string_equal(all_events(f->s, &w), "call,planned call,next year's call");
	event_list_release(&la);
	event_list_release(&lb);
	report_release(&a);
	report_release(&b);
	report_release(&c);
}

/* A tit-for-tat told in one report: Russia expels US diplomats, and the
 * United States had expelled Russians that month. Two acts, though their
 * parties are the same two states (the month's date narrows to the day's). */
static void test_reciprocal_acts(void **state)
{
	struct fx *f = *state;
	f->s = open_ok(f);
	const struct who rus_usa[] = {RUSSIA_S, USA_T};
	const struct who usa_rus[] = {USA_S, RUSSIA_T};
	struct report a;
	make_report(&a, "TASS", "Russia to expel 60 US diplomats", 1522300000, NULL,
		    "Russia will expel 60 US diplomats. Earlier this week the United States expelled 60 Russians.");
	struct event_list l;
	event_list_init(&l);
	add_event(&l, "expulsion", STATUS_OCCURRED, "2018-03-29", "Russia expels", "", NULL, rus_usa, 2);
	add_event(&l, "expulsion", STATUS_OCCURRED, "2018-03", "US expels", "", NULL, usa_rus, 2);
	/* told again the same way round: the same act */
	add_event(&l, "expulsion", STATUS_OCCURRED, "2018-03-29", "Russia expels again", "", NULL, rus_usa, 2);
	put(f->s, &a, 0, &l);
	struct seen w;
	assert_string_equal(all_events(f->s, &w), "US expels,Russia expels");
	assert_int_equal(w.n, 2);
	event_list_release(&l);
	report_release(&a);
}

/* Migration 10 rewrites the keys stored before (no source in them) so that
 * the same act told again finds its event instead of adding another. */
static void test_directed_keys_migrate(void **state)
{
	struct fx *f = *state;
	char *err = NULL;
	struct store *s = NULL;
	if (store_open_at(f->path, 0, 9, &s, &err))
		fail_msg("store_open_at 9: %s", err);
	store_close(s);
	outside_exec(f->path,
		     "INSERT INTO actors(id, name, code, kind) VALUES (1, 'Russia', 'RUS', 0), (2, 'United States', 'USA', 0);"
		     "INSERT INTO events(id, type, cameo, status, date, date_precision, party_key, summary, evidence,"
		     " added_at, changed_at) VALUES (1, 'expulsion', '161', 0, '2018-03-29', 3,"
		     " 'expulsion|0|RUS|USA', 'Russia expels', '', 1522300000, 1522300000),"
		     " (2, 'meeting', '040', 0, '2018-03-29', 3, 'meeting|0|RUS|USA', 'They met', '', 1522300000,"
		     " 1522300000);"
		     "INSERT INTO event_actors(event_id, seq, actor_id, role) VALUES (1, 0, 1, 0), (1, 1, 2, 1),"
		     " (2, 0, 1, 2), (2, 1, 2, 2);");
	f->s = open_ok(f);
	assert_int_equal(store_version(f->s), store_latest_version());
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM events WHERE id = 1 AND"
				     " party_key = 'expulsion|0|RUS|USA|>RUS'"), 1);
	/* a meeting has no direction: its key stays */
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM events WHERE id = 2 AND"
				     " party_key = 'meeting|0|RUS|USA'"), 1);
	const struct who rus_usa[] = {RUSSIA_S, USA_T};
	struct report a;
	make_report(&a, "Interfax", "Moscow expels US diplomats", 1522310000, NULL, "Russia expelled 60 US diplomats.");
	struct event_list l;
	event_list_init(&l);
	add_event(&l, "expulsion", STATUS_OCCURRED, "2018-03-29", "Russia expels (Interfax)", "", NULL, rus_usa, 2);
	put(f->s, &a, 0, &l);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM events WHERE type = 'expulsion'"), 1);
	event_list_release(&l);
	report_release(&a);
}

static void test_replace_removes_old_events(void **state)
{
	struct fx *f = *state;
	f->s = open_ok(f);
	const struct who call[] = {LAVROV, KERRY};
	const struct who visit[] = {PUTIN, JAPAN_T};
	const struct who meet[] = {KISHIDA, KERRY};
	struct report a, b, a2;
	make_report(&a, "TASS", "Lavrov, Kerry discuss Ukraine by phone", 1420528200,
		    "https://tass.example/770001", body1);
	make_report(&b, "Reuters", "Kerry calls Lavrov", 1420540000, NULL, "Kerry called Lavrov.");
	struct event_list la, lb, la2;
	event_list_init(&la);
	event_list_init(&lb);
	event_list_init(&la2);
	add_event(&la, "phone_call", STATUS_OCCURRED, "2015-01-06", "call", "", NULL, call, 2);
	add_event(&la, "visit", STATUS_PLANNED, "2016", "visit", "", NULL, visit, 2);
	add_event(&lb, "phone_call", STATUS_OCCURRED, "2015-01-06", "call", "", NULL, call, 2);
	int64_t ida = put(f->s, &a, 0, &la);
	put(f->s, &b, 0, &lb);
	struct seen w;
	assert_string_equal(all_events(f->s, &w), "call,visit");
	assert_int_equal(w.sources[0], 2);

	/* The corrected TASS report tells of a meeting instead. */
	make_report(&a2, "TASS", "Lavrov, Kerry discuss Ukraine by phone", 1420528200,
		    "https://tass.example/770001", "A corrected text about a meeting.");
	add_event(&la2, "meeting", STATUS_OCCURRED, "2015-01-06", "meeting", "", NULL, meet, 2);
	int64_t ex;
	assert_int_equal(classify(f->s, &a2, &ex), STORE_REPLACE);
	assert_int_equal(ex, ida);
	assert_int_equal(put(f->s, &a2, ex, &la2), ida);
	/* The visit only TASS told is gone; the call Reuters still supports stays, with one source. */
	assert_string_equal(all_events(f->s, &w), "call,meeting");
	assert_int_equal(w.sources[0], 1);
	assert_int_equal(w.sources[1], 1);
	assert_int_equal(n_reports(f->s), 2);
	assert_int_equal(outside_int(f->path, "SELECT version FROM reports WHERE url = 'https://tass.example/770001'"), 2);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM event_reports"), 2);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM reports_fts WHERE reports_fts MATCH 'corrected'"), 1);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM reports_fts WHERE reports_fts MATCH 'touch'"), 0);

	/* Replaced again with the events it had at first: the call gets its second source back. */
	assert_int_equal(classify(f->s, &a, &ex), STORE_REPLACE);
	put(f->s, &a, ex, &la);
	assert_string_equal(all_events(f->s, &w), "call,visit");
	assert_int_equal(w.sources[0], 2);
	event_list_release(&la);
	event_list_release(&lb);
	event_list_release(&la2);
	report_release(&a);
	report_release(&b);
	report_release(&a2);
}

/* ---- atomicity ----------------------------------------------------------------- */

static void test_rollback_half_way(void **state)
{
	struct fx *f = *state;
	f->s = open_ok(f);
	store_close(f->s);
	/* A trigger refuses one marked event: the store fails after the report
	 * row and a first event are already written. */
	outside_exec(f->path, "CREATE TRIGGER refuse_marked BEFORE INSERT ON events"
			      " WHEN new.summary = 'REFUSED' BEGIN SELECT RAISE(ABORT, 'refused by test'); END;");
	f->s = open_ok(f);
	const struct who call[] = {LAVROV, KERRY};
	const struct who visit[] = {PUTIN, JAPAN_T};
	struct report a, b, c;
	make_report(&a, "TASS", "First report", 1420528200, NULL, "First text.");
	make_report(&b, "TASS", "Second report", 1420528300, NULL, "Second text.");
	make_report(&c, "TASS", "Third report", 1420528400, NULL, "Third text.");
	struct event_list la, lb;
	event_list_init(&la);
	event_list_init(&lb);
	add_event(&la, "phone_call", STATUS_OCCURRED, "2015-01-06", "call", "", "Ukraine", call, 2);
	add_event(&lb, "visit", STATUS_OCCURRED, "2015-01-06", "visit", "", "peace treaty", visit, 2);
	add_event(&lb, "phone_call", STATUS_OCCURRED, "2015-01-06", "REFUSED", "", NULL, call, 1);

	char *err = NULL;
	assert_int_equal(store_begin(f->s, &err), 0);
	put(f->s, &a, 0, &la);
	int64_t id = 0;
	assert_int_equal(store_put_report(f->s, &b, NULL, "b.txt", 0, &lb, &id, &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, "refused by test"));
	free(err);
	err = NULL;
	/* Not the archive's fault: the batch goes on. */
	assert_int_equal(store_broken(f->s), 0);
	put(f->s, &c, 0, NULL);
	assert_int_equal(store_commit(f->s, &err), 0);
	store_close(f->s);
	f->s = open_ok(f);
	assert_int_equal(n_reports(f->s), 2);
	struct seen w;
	assert_string_equal(all_events(f->s, &w), "call");
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM reports WHERE title = 'Second report'"), 0);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM topics WHERE name = 'peace treaty'"), 0);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM actors WHERE name = 'Vladimir Putin'"), 0);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM reports_fts WHERE reports_fts MATCH 'second'"), 0);

	/* A whole batch rolled back leaves nothing. */
	struct report d;
	make_report(&d, "TASS", "Fourth report", 1420528500, NULL, "Fourth text.");
	assert_int_equal(store_begin(f->s, &err), 0);
	put(f->s, &d, 0, &la);
	assert_int_equal(all_events(f->s, &w) != NULL && w.sources[0] == 2, 1);
	store_rollback(f->s);
	assert_int_equal(n_reports(f->s), 2);
	assert_string_equal(all_events(f->s, &w), "call");
	assert_int_equal(w.sources[0], 1);
	store_close(f->s);
	f->s = open_ok(f);
	assert_int_equal(n_reports(f->s), 2);
	event_list_release(&la);
	event_list_release(&lb);
	report_release(&a);
	report_release(&b);
	report_release(&c);
	report_release(&d);
}

/* ---- timeline filters ---------------------------------------------------------- */

/* Six events in four reports:
 *   2014-03-17 sanctions   United States -> Russia          (AP)
 *   2015-01    meeting     Kishida, Kerry                   (Kyodo)
 *   2015-01-06 phone_call  Lavrov, Kerry  "Ukraine"         (TASS)
 *   2016-12-15 visit       Putin -> Japan, planned          (TASS)
 *   2021-12    visit       Kishida -> China, negated        (Kyodo)
 *   undated    statement   Russia                           (AP)  */
static void fill_timeline(struct fx *f)
{
	f->s = open_ok(f);
	const struct who call[] = {LAVROV, KERRY};
	const struct who meet[] = {KISHIDA, KERRY};
	const struct who visit[] = {PUTIN, JAPAN_T};
	const struct who novisit[] = {{"Fumio Kishida", "JPN", ACTOR_PERSON, ROLE_SOURCE}, CHINA_T};
	const struct who sanction[] = {USA_S, RUSSIA_T};
	const struct who says[] = {{"Russia", "RUS", ACTOR_STATE, ROLE_SOURCE}};
	struct report r[4];
	struct event_list l[4];
	make_report(&r[0], "TASS", "Lavrov and Kerry talk; Putin to visit Japan", 1420528200, NULL, body1);
	make_report(&r[1], "Kyodo", "Kishida meets Kerry", 1420600000, NULL, "Kishida met Kerry.");
	make_report(&r[2], "Kyodo", "Kishida will not go to Beijing", 1640300000, NULL, "No visit.");
	make_report(&r[3], "AP", "US sanctions Russian officials", 1395087600, NULL, "Sanctions.");
	for (int i = 0; i < 4; i++)
		event_list_init(&l[i]);
	add_event(&l[0], "phone_call", STATUS_OCCURRED, "2015-01-06", "S-call",
		  "Lavrov and Kerry discussed the Ukrainian crisis by phone.", "war in Ukraine", call, 2);
	add_event(&l[0], "visit", STATUS_PLANNED, "2016-12-15", "S-visit", "Putin will visit Japan.",
		  "territorial dispute", visit, 2);
	add_event(&l[1], "meeting", STATUS_OCCURRED, "2015-01", "S-meeting", "Kishida met Kerry.", NULL, meet, 2);
	add_event(&l[2], "visit", STATUS_NEGATED, "2021-12", "S-novisit", "Kishida will not go.", NULL, novisit, 2);
	add_event(&l[3], "sanctions", STATUS_OCCURRED, "2014-03-17", "S-sanctions",
		  "Washington froze assets of Russian officials.", "sanctions", sanction, 2);
	add_event(&l[3], "statement", STATUS_OCCURRED, "", "S-statement", "Moscow said it would respond.",
		  NULL, says, 1);
	for (int i = 0; i < 4; i++) {
		put(f->s, &r[i], 0, &l[i]);
		event_list_release(&l[i]);
		report_release(&r[i]);
	}
	char *err = NULL;
	const char *lavrov_aliases[] = {"Sergey Lavrov", "Sergei Viktorovich Lavrov"};
	const char *russia_aliases[] = {"Russian Federation"};
	assert_int_equal(store_actor_describe(f->s, "Sergei Lavrov", "RUS", ACTOR_PERSON, lavrov_aliases, 2, &err), 0);
	assert_int_equal(store_actor_describe(f->s, "Russia", "RUS", ACTOR_STATE, russia_aliases, 1, &err), 0);
}

static const char *filtered(struct store *s, struct event_filter *f, struct seen *w)
{
	*w = timeline(s, f);
	return w->list;
}

static void test_timeline_order_and_status(void **state)
{
	struct fx *f = *state;
	fill_timeline(f);
	struct event_filter q;
	struct seen w;
	memset(&q, 0, sizeof(q));
	/* Default: occurred and planned, in date order, undated last. */
	assert_string_equal(filtered(f->s, &q, &w), "S-sanctions,S-meeting,S-call,S-visit,S-statement");
	q.status_mask = 1u << STATUS_NEGATED;
	assert_string_equal(filtered(f->s, &q, &w), "S-novisit");
	q.status_mask = 1u << STATUS_PLANNED;
	assert_string_equal(filtered(f->s, &q, &w), "S-visit");
	q.status_mask = 7;
	assert_string_equal(filtered(f->s, &q, &w),
			    "S-sanctions,S-meeting,S-call,S-visit,S-novisit,S-statement");
	q.limit = 2;
	assert_string_equal(filtered(f->s, &q, &w), "S-sanctions,S-meeting");
}

static void test_timeline_actors(void **state)
{
	struct fx *f = *state;
	fill_timeline(f);
	struct event_filter q;
	struct seen w;
	memset(&q, 0, sizeof(q));
	q.status_mask = 7;
	const char *one[1];
	q.actors = one;
	q.n_actors = 1;
	one[0] = "Sergei Lavrov";                      /* by name */
	assert_string_equal(filtered(f->s, &q, &w), "S-call");
	one[0] = "sergei lavrov";                      /* case aside */
	assert_string_equal(filtered(f->s, &q, &w), "S-call");
	one[0] = "Sergey Lavrov";                      /* by alias */
	assert_string_equal(filtered(f->s, &q, &w), "S-call");
	one[0] = "Lavrov";                             /* a bare surname is no name */
	assert_string_equal(filtered(f->s, &q, &w), "");
	/* A state by code, name or alias: its own events and those of the people acting for it. */
	one[0] = "RUS";
	assert_string_equal(filtered(f->s, &q, &w), "S-sanctions,S-call,S-visit,S-statement");
	one[0] = "Russia";
	assert_string_equal(filtered(f->s, &q, &w), "S-sanctions,S-call,S-visit,S-statement");
	one[0] = "Russian Federation";
	assert_string_equal(filtered(f->s, &q, &w), "S-sanctions,S-call,S-visit,S-statement");
	one[0] = "Japan";
	assert_string_equal(filtered(f->s, &q, &w), "S-meeting,S-visit,S-novisit");
	/* Several actors: any of them. */
	const char *two[2] = {"Fumio Kishida", "United States"};
	q.actors = two;
	q.n_actors = 2;
	assert_string_equal(filtered(f->s, &q, &w), "S-sanctions,S-meeting,S-call,S-novisit");
	/* Between: both involved. */
	q.actors = NULL;
	q.n_actors = 0;
	q.between[0] = "John Kerry";
	q.between[1] = "Sergey Lavrov";
	assert_string_equal(filtered(f->s, &q, &w), "S-call");
	q.between[0] = "USA";
	q.between[1] = "Japan";
	assert_string_equal(filtered(f->s, &q, &w), "S-meeting");
	q.between[0] = "China";
	q.between[1] = "Russia";
	assert_string_equal(filtered(f->s, &q, &w), "");
}

static void test_timeline_types_dates_text(void **state)
{
	struct fx *f = *state;
	fill_timeline(f);
	struct event_filter q;
	struct seen w;
	memset(&q, 0, sizeof(q));
	const char *types[] = {"visit", "meeting"};
	q.types = types;
	q.n_types = 2;
	assert_string_equal(filtered(f->s, &q, &w), "S-meeting,S-visit");
	q.n_types = 1;
	assert_string_equal(filtered(f->s, &q, &w), "S-visit");
	q.n_types = 0;
	q.types = NULL;

	/* Partial dates: a month overlaps any day in it; undated events never match a range. */
	assert_int_equal(cdate_parse("2015", &q.from), 0);
	assert_int_equal(cdate_parse("2015", &q.to), 0);
	assert_string_equal(filtered(f->s, &q, &w), "S-meeting,S-call");
	assert_int_equal(cdate_parse("2015-01-06", &q.from), 0);
	assert_int_equal(cdate_parse("2015-01-06", &q.to), 0);
	assert_string_equal(filtered(f->s, &q, &w), "S-meeting,S-call");
	assert_int_equal(cdate_parse("2015-01-07", &q.from), 0);
	assert_int_equal(cdate_parse("2015-12", &q.to), 0);
	assert_string_equal(filtered(f->s, &q, &w), "S-meeting");
	q.to.prec = PREC_UNKNOWN;
	assert_int_equal(cdate_parse("2016", &q.from), 0);
	assert_string_equal(filtered(f->s, &q, &w), "S-visit");
	q.from.prec = PREC_UNKNOWN;
	assert_int_equal(cdate_parse("2014-12", &q.to), 0);
	assert_string_equal(filtered(f->s, &q, &w), "S-sanctions");
	q.to.prec = PREC_UNKNOWN;

	q.text = "Ukrainian";
	assert_string_equal(filtered(f->s, &q, &w), "S-call");
	q.text = "respond";
	assert_string_equal(filtered(f->s, &q, &w), "S-statement");
	q.text = NULL;

	q.agency = "kyodo";
	assert_string_equal(filtered(f->s, &q, &w), "S-meeting");
	q.agency = NULL;
	q.topic = "sanctions";
	assert_string_equal(filtered(f->s, &q, &w), "S-sanctions");
	q.topic = NULL;
}

static void test_timeline_bad_text_query(void **state)
{
	struct fx *f = *state;
	fill_timeline(f);
	struct event_filter q;
	memset(&q, 0, sizeof(q));
	q.text = "\"unbalanced";
	struct seen w;
	memset(&w, 0, sizeof(w));
	char *err = NULL;
	assert_int_equal(store_timeline_each(f->s, &q, note, &w, &err), -1);
	assert_non_null(err);
	free(err);
	/* The store is still usable. */
	q.text = NULL;
	assert_int_equal(timeline(f->s, &q).n, 5);
}

/* ---- actors and topics ----------------------------------------------------------- */

struct counts {
	char names[512];
	long first;
};

static int note_count(void *ctx, const struct store_count *c)
{
	struct counts *k = ctx;
	size_t used = strlen(k->names);
	if (!used)
		k->first = c->count;
	snprintf(k->names + used, sizeof(k->names) - used, "%s%s", used ? "," : "", c->name);
	return 0;
}

static void test_actors_and_topics(void **state)
{
	struct fx *f = *state;
	fill_timeline(f);
	char *err = NULL;
	struct counts k;
	memset(&k, 0, sizeof(k));
	assert_int_equal(store_actors_each(f->s, "Sergey", note_count, &k, &err), 0);
	assert_string_equal(k.names, "Sergei Lavrov");
	assert_int_equal(k.first, 1);
	memset(&k, 0, sizeof(k));
	assert_int_equal(store_actors_each(f->s, "kerry", note_count, &k, &err), 0);
	assert_string_equal(k.names, "John Kerry");
	assert_int_equal(k.first, 2);
	memset(&k, 0, sizeof(k));
	assert_int_equal(store_actors_each(f->s, "jpn", note_count, &k, &err), 0);
	assert_string_equal(k.names, "Fumio Kishida,Japan");
	memset(&k, 0, sizeof(k));
	assert_int_equal(store_topics_each(f->s, note_count, &k, &err), 0);
	assert_non_null(strstr(k.names, "sanctions"));
	assert_non_null(strstr(k.names, "war in Ukraine"));
	assert_int_equal(store_actor_known(f->s, "Sergey Lavrov", &err), 1);
	assert_int_equal(store_actor_known(f->s, "rus", &err), 1);
	assert_int_equal(store_actor_known(f->s, "Lavrov", &err), 0);
	assert_int_equal(store_topic_known(f->s, "Sanctions", &err), 1);
	char *sugg[5];
	int n = store_actor_suggest(f->s, "Sergei Lavrow", sugg, 5, &err);
	assert_true(n >= 1);
	assert_string_equal(sugg[0], "Sergei Lavrov");
	for (int i = 0; i < n; i++)
		free(sugg[i]);
}

/* ---- reports read back, runs -------------------------------------------------------- */

struct got_report {
	int called;
	char title[128], agency[32], published_text[64];
	int64_t published;
	int pub_known, tz, version;
	long n_events;
};

static int keep_report(void *ctx, const struct store_report *r)
{
	struct got_report *g = ctx;
	g->called++;
	snprintf(g->title, sizeof(g->title), "%s", r->title ? r->title : "");
	snprintf(g->agency, sizeof(g->agency), "%s", r->agency ? r->agency : "");
	snprintf(g->published_text, sizeof(g->published_text), "%s", r->published_text ? r->published_text : "");
	g->published = r->published;
	g->pub_known = r->pub_known;
	g->tz = r->tz_offset;
	g->version = r->version;
	g->n_events = r->n_events;
	return 0;
}

static void test_report_get_and_runs(void **state)
{
	struct fx *f = *state;
	f->s = open_ok(f);
	const struct who call[] = {LAVROV, KERRY};
	struct report a;
	make_report(&a, "TASS", "Lavrov, Kerry discuss Ukraine by phone", 1420528200, NULL, body1);
	assert_int_equal(report_set(&a.published_text, "January 06, 2015, 10:10 UTC+3"), 0);
	struct event_list l;
	event_list_init(&l);
	add_event(&l, "phone_call", STATUS_OCCURRED, "2015-01-06", "call", "", NULL, call, 2);
	int64_t id = put(f->s, &a, 0, &l);
	char *err = NULL;
	struct got_report g;
	memset(&g, 0, sizeof(g));
	assert_int_equal(store_report_get(f->s, id, keep_report, &g, &err), 0);
	assert_int_equal(g.called, 1);
	assert_string_equal(g.title, "Lavrov, Kerry discuss Ukraine by phone");
	assert_string_equal(g.agency, "TASS");
	assert_string_equal(g.published_text, "January 06, 2015, 10:10 UTC+3");
	assert_int_equal(g.published, 1420528200);
	assert_int_equal(g.pub_known, PUB_TIME);
	assert_int_equal(g.tz, 180);
	assert_int_equal(g.version, 1);
	assert_int_equal(g.n_events, 1);
	assert_int_equal(store_report_get(f->s, id + 100, keep_report, &g, &err), 1);
	assert_int_equal(g.called, 1);

	int64_t run = 0;
	assert_int_equal(store_run_begin(f->s, "ingest", &run, &err), 0);
	assert_true(run > 0);
	assert_int_equal(store_run_end(f->s, run, 1, 2, 3, 4, &err), 0);
	assert_int_equal(outside_int(f->path, "SELECT imported * 1000 + unchanged * 100 + replaced * 10 + failed"
					      " FROM import_runs"), 1234);
	event_list_release(&l);
	report_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_fresh, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_only_open, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrations, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reciprocal_acts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_directed_keys_migrate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_foreign_sqlite, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_newer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_garbage, setup, teardown),
		cmocka_unit_test_setup_teardown(test_classify, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_event_two_sources, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replace_removes_old_events, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rollback_half_way, setup, teardown),
		cmocka_unit_test_setup_teardown(test_timeline_order_and_status, setup, teardown),
		cmocka_unit_test_setup_teardown(test_timeline_actors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_timeline_types_dates_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_timeline_bad_text_query, setup, teardown),
		cmocka_unit_test_setup_teardown(test_actors_and_topics, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_get_and_runs, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
