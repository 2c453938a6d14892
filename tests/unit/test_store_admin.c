/* The archive's bookkeeping (store/store_admin.c): migration 002 on an
 * archive of version 1, file and feed state, the record of runs, export
 * cursors that stay exact while a long update commits, statistics, the
 * consistency check finding broken rules, and backups.
 *
 * Every test works on a fresh archive in its own temporary directory; a
 * second SQLite connection tampers with the file from outside the store. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ingest/event.h"
#include "ingest/report.h"
#include "store/store.h"
#include "store/store_admin.h"
#include "util/cdate.h"

#include "outside_sql.h"

struct fx {
	char dir[256];
	char path[300];
	struct store *s;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	const char *tmp = getenv("TMPDIR");
	snprintf(f->dir, sizeof(f->dir), "%s/test_store_admin.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof(f->path), "%s/archive.db", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	store_close(f->s);
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

static struct store *open_at(const char *path, int version)
{
	struct store *s = NULL;
	char *err = NULL;
	int rc = version ? store_open_at(path, 0, version, &s, &err) : store_open(path, 0, &s, &err);
	if (rc)
		fail_msg("cannot open %s: %s", path, err);
	return s;
}

/* Stores a TASS report of January `day` 2015 with one meeting between two
 * persons (the same pair and day is the same event, told again). */
static int64_t put_report(struct store *s, const char *title, const char *body, const char *guid,
			  const char *a, const char *b, int day)
{
	struct report r;
	report_init(&r);
	r.title = strdup(title);
	r.body = strdup(body);
	r.agency = strdup("TASS");
	r.guid = guid ? strdup(guid) : NULL;
	r.format = strdup("text");
	r.published = unix_from_civil(2015, 1, day, 10, 0, 0);
	r.pub_known = PUB_TIME;
	struct event_list l;
	event_list_init(&l);
	struct event *e = event_list_push(&l);
	snprintf(e->type, sizeof(e->type), "meeting");
	snprintf(e->cameo, sizeof(e->cameo), "043");
	e->status = STATUS_OCCURRED;
	e->date = (struct cdate){2015, 1, day, PREC_DAY};
	assert_int_equal(event_add_actor(e, a, "RUS", NULL, ACTOR_PERSON, ROLE_PARTICIPANT), 0);
	assert_int_equal(event_add_actor(e, b, "JPN", NULL, ACTOR_PERSON, ROLE_PARTICIPANT), 0);
	assert_int_equal(event_add_topic(e, "territorial dispute"), 0);
	e->summary = strdup("the ministers met");
	e->evidence = strdup(body);
	e->ev_end = strlen(body);
	int64_t id = 0;
	char *err = NULL;
	if (store_put_report(s, &r, NULL, "inbox/report.txt", 0, &l, &id, &err))
		fail_msg("store_put_report: %s", err);
	event_list_release(&l);
	report_release(&r);
	return id;
}

static void put_default(struct store *s, int n)
{
	char title[128], body[256];
	for (int i = 1; i <= n; i++) {
		snprintf(title, sizeof(title), "Lavrov and Kishida hold talks, round %d", i);
		snprintf(body, sizeof(body), "Sergei Lavrov and Fumio Kishida held talks in Tokyo, round %d.", i);
		put_report(s, title, body, NULL, "Sergei Lavrov", "Fumio Kishida", i);
	}
}

/* ---- migration ---------------------------------------------------------------- */

static void test_migration_from_version_1(void **state)
{
	struct fx *f = *state;
	struct store *old = open_at(f->path, 1);
	assert_int_equal(store_version(old), 1);
	put_default(old, 3);
	store_close(old);

	f->s = open_at(f->path, 0);
	assert_int_equal(store_version(f->s), store_latest_version());
	assert_true(store_latest_version() >= 2);
	/* Events from before the migration are numbered in the change sequence. */
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM event_changes"), 3);
	int64_t mark = 0;
	char *err = NULL;
	assert_int_equal(store_change_mark(f->s, &mark, NULL, &err), 0);
	assert_int_equal(mark, 3);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM import_runs WHERE exit_code IS NULL"), 0);
	long problems = -1;
	assert_int_equal(store_check(f->s, NULL, NULL, &problems, &err), 0);
	assert_int_equal(problems, 0);
	/* New events continue the sequence. */
	put_report(f->s, "Lavrov and Kishida meet again", "Sergei Lavrov met Fumio Kishida again.", NULL,
		   "Sergei Lavrov", "Fumio Kishida", 20);
	assert_int_equal(store_change_mark(f->s, &mark, NULL, &err), 0);
	assert_int_equal(mark, 4);
}

/* ---- file and feed state ----------------------------------------------------------- */

static void test_file_state(void **state)
{
	struct fx *f = *state;
	f->s = open_at(f->path, 0);
	char *err = NULL;
	const char *paths[] = {"inbox/b.txt", "inbox/a.txt", "inbox/sub/c.txt", "inbox/A.txt"};
	assert_int_equal(store_begin(f->s, &err), 0);
	for (int i = 0; i < 4; i++) {
		struct store_file sf = {.path = (char *)paths[i], .size = 100 + i, .mtime_ns = 1420070400123456789LL + i};
		snprintf(sf.hash, sizeof(sf.hash), "%064d", i);
		assert_int_equal(store_file_put(f->s, "tass", &sf, &err), 0);
	}
	/* Another source's file of the same name is kept apart. */
	struct store_file other = {.path = "inbox/a.txt", .size = 1, .mtime_ns = 1, .status = STORE_FILE_FAILED};
	snprintf(other.hash, sizeof(other.hash), "%064d", 9);
	assert_int_equal(store_file_put(f->s, "xinhua", &other, &err), 0);
	assert_int_equal(store_commit(f->s, &err), 0);

	struct store_files known;
	assert_int_equal(store_files_load(f->s, "tass", &known, &err), 0);
	assert_int_equal(known.n, 4);
	/* Sorted in byte order, as strcmp and the binary search need. */
	for (size_t i = 1; i < known.n; i++)
		assert_true(strcmp(known.v[i - 1].path, known.v[i].path) < 0);
	const struct store_file *a = store_files_find(&known, "inbox/a.txt");
	assert_non_null(a);
	assert_int_equal(a->size, 101);
	assert_true(a->mtime_ns == 1420070400123456789LL + 1);
	assert_string_equal(a->hash, "0000000000000000000000000000000000000000000000000000000000000001");
	assert_int_equal(a->status, STORE_FILE_OK);
	assert_non_null(store_files_find(&known, "inbox/A.txt"));
	assert_non_null(store_files_find(&known, "inbox/sub/c.txt"));
	assert_null(store_files_find(&known, "inbox/d.txt"));
	store_files_release(&known);

	/* A second put replaces the state. */
	struct store_file again = {.path = "inbox/a.txt", .size = 555, .mtime_ns = 2, .status = STORE_FILE_FAILED};
	snprintf(again.hash, sizeof(again.hash), "%064d", 7);
	assert_int_equal(store_file_put(f->s, "tass", &again, &err), 0);
	assert_int_equal(store_files_load(f->s, "tass", &known, &err), 0);
	assert_int_equal(known.n, 4);
	assert_int_equal(store_files_find(&known, "inbox/a.txt")->size, 555);
	assert_int_equal(store_files_find(&known, "inbox/a.txt")->status, STORE_FILE_FAILED);
	store_files_release(&known);

	assert_int_equal(store_files_load(f->s, "nobody", &known, &err), 0);
	assert_int_equal(known.n, 0);
	assert_null(store_files_find(&known, "inbox/a.txt"));
	store_files_release(&known);
}

/* A file's state rolls back with its batch: it never outlives its reports. */
static void test_file_state_rolls_back_with_reports(void **state)
{
	struct fx *f = *state;
	f->s = open_at(f->path, 0);
	char *err = NULL;
	assert_int_equal(store_begin(f->s, &err), 0);
	put_default(f->s, 1);
	struct store_file sf = {.path = "inbox/one.txt", .size = 10, .mtime_ns = 5};
	snprintf(sf.hash, sizeof(sf.hash), "%064d", 1);
	assert_int_equal(store_file_put(f->s, "tass", &sf, &err), 0);
	store_rollback(f->s);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM reports"), 0);
	assert_int_equal(outside_int(f->path, "SELECT count(*) FROM source_files"), 0);
}

static void test_feed_state(void **state)
{
	struct fx *f = *state;
	f->s = open_at(f->path, 0);
	char *err = NULL;
	struct store_feed got;
	assert_int_equal(store_feed_get(f->s, "mfa", &got, &err), 1);
	assert_null(got.etag);
	struct store_feed put = {.url = "https://mfa.example.org/rss", .etag = "\"v17\"",
				 .last_modified = "Thu, 05 Feb 2015 10:00:00 GMT", .hash = "abc"};
	assert_int_equal(store_feed_put(f->s, "mfa", &put, &err), 0);
	assert_int_equal(store_feed_get(f->s, "mfa", &got, &err), 0);
	assert_string_equal(got.url, "https://mfa.example.org/rss");
	assert_string_equal(got.etag, "\"v17\"");
	assert_string_equal(got.last_modified, "Thu, 05 Feb 2015 10:00:00 GMT");
	assert_string_equal(got.hash, "abc");
	store_feed_release(&got);
	/* A server that stops sending validators forgets them. */
	struct store_feed bare = {.url = "https://mfa.example.org/rss", .hash = "def"};
	assert_int_equal(store_feed_put(f->s, "mfa", &bare, &err), 0);
	assert_int_equal(store_feed_get(f->s, "mfa", &got, &err), 0);
	assert_null(got.etag);
	assert_null(got.last_modified);
	assert_string_equal(got.hash, "def");
	store_feed_release(&got);
}

/* ---- runs ---------------------------------------------------------------------- */

struct runs_seen {
	int n;
	int64_t ids[8];
	int ended[8], exit_code[8];
	long imported[8];
	int n_sources;
	char sources[8][64];
	char errors[8][256];
};

static int keep_source(void *ctx, const struct store_run_source *r)
{
	struct runs_seen *s = ctx;
	snprintf(s->sources[s->n_sources], sizeof(s->sources[0]), "%s:%s:%ld/%ld/%ld/%ld", r->source,
		 r->status, r->imported, r->replaced, r->unchanged, r->failed);
	snprintf(s->errors[s->n_sources], sizeof(s->errors[0]), "%s", r->errors);
	s->n_sources++;
	return 0;
}

static int keep_run(void *ctx, const struct store_run *r)
{
	struct runs_seen *s = ctx;
	s->ids[s->n] = r->id;
	s->ended[s->n] = r->ended;
	s->exit_code[s->n] = r->exit_code;
	s->imported[s->n] = r->imported;
	s->n++;
	return 0;
}

static void test_runs(void **state)
{
	struct fx *f = *state;
	f->s = open_at(f->path, 0);
	char *err = NULL;
	int64_t r1, r2, r3;
	assert_int_equal(store_run_begin(f->s, "update", &r1, &err), 0);
	struct store_run_source a = {.source = "tass-inbox", .status = "ok", .imported = 12, .unchanged = 300};
	struct store_run_source b = {.source = "mfa-feed", .status = "failed",
				     .errors = "'https://mfa.example.org/rss': timed out after 60.0 s"};
	assert_int_equal(store_run_source_add(f->s, r1, &a, &err), 0);
	assert_int_equal(store_run_source_add(f->s, r1, &b, &err), 0);
	assert_int_equal(store_run_end(f->s, r1, 12, 300, 0, 0, &err), 0);
	assert_int_equal(store_run_exit(f->s, r1, 1, &err), 0);
	/* A run that was killed never ends. */
	assert_int_equal(store_run_begin(f->s, "update", &r2, &err), 0);
	assert_int_equal(store_run_begin(f->s, "ingest", &r3, &err), 0);
	assert_int_equal(store_run_end(f->s, r3, 1, 0, 0, 0, &err), 0);

	struct runs_seen seen = {0};
	assert_int_equal(store_runs_each(f->s, 0, keep_run, &seen, &err), 0);
	assert_int_equal(seen.n, 3);
	assert_true(seen.ids[0] == r3 && seen.ids[1] == r2 && seen.ids[2] == r1);  /* newest first */
	assert_int_equal(seen.ended[0], 1);
	assert_int_equal(seen.exit_code[0], -1);      /* ingest records no exit code */
	assert_int_equal(seen.ended[1], 0);
	assert_int_equal(seen.ended[2], 1);
	assert_int_equal(seen.exit_code[2], 1);
	assert_int_equal(seen.imported[2], 12);

	memset(&seen, 0, sizeof(seen));
	assert_int_equal(store_runs_each(f->s, 2, keep_run, &seen, &err), 0);
	assert_int_equal(seen.n, 2);

	memset(&seen, 0, sizeof(seen));
	assert_int_equal(store_run_sources_each(f->s, r1, keep_source, &seen, &err), 0);
	assert_int_equal(seen.n_sources, 2);
	assert_string_equal(seen.sources[0], "tass-inbox:ok:12/0/300/0");    /* in visiting order */
	assert_string_equal(seen.sources[1], "mfa-feed:failed:0/0/0/0");
	assert_string_equal(seen.errors[0], "");
	assert_string_equal(seen.errors[1], "'https://mfa.example.org/rss': timed out after 60.0 s");
}

/* ---- cursors ---------------------------------------------------------------------- */

struct ids {
	int64_t v[16];
	size_t n;
};

static int keep_id(void *ctx, const struct tl_event *e)
{
	struct ids *ids = ctx;
	assert_true(ids->n < 16);
	ids->v[ids->n++] = e->id;
	return 0;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* The events a timeline filtered by change numbers (after, upto] holds. */
static void expect_changes(struct store *s, int64_t after, int64_t upto, size_t n_expected,
			   const int64_t *expected)
{
	struct event_filter f = {.by_changes = 1, .changes_after = after, .changes_upto = upto};
	struct ids ids = {0};
	char *err = NULL;
	assert_int_equal(store_timeline_each(s, &f, keep_id, &ids, &err), 0);
	qsort(ids.v, ids.n, sizeof(*ids.v), cmp_id);
	assert_int_equal(ids.n, n_expected);
	for (size_t i = 0; i < ids.n; i++)
		assert_int_equal(ids.v[i], expected[i]);
}

/* An update that began before an export and commits after it stamps its
 * events with its start time; the change sequence still hands them to the
 * next export, and nothing twice. */
static void test_cursor_exact_across_long_update(void **state)
{
	struct fx *f = *state;
	setenv("SOURCE_DATE_EPOCH", "1420070400", 1);   /* every session has the same clock */
	f->s = open_at(f->path, 0);
	struct store *writer = open_at(f->path, 0);
	char *err = NULL;
	put_report(writer, "Lavrov and Kishida talk", "Sergei Lavrov and Fumio Kishida talked.", NULL,
		   "Sergei Lavrov", "Fumio Kishida", 5);
	assert_int_equal(store_begin(writer, &err), 0);
	put_report(writer, "Lavrov and Abe meet", "Sergei Lavrov and Shinzo Abe met.", NULL,
		   "Sergei Lavrov", "Shinzo Abe", 6);

	/* The export: sees only the committed event. */
	int64_t pos = -1, mark = 0;
	assert_int_equal(store_cursor_get(f->s, "sheet", &pos, NULL, &err), 0);
	assert_int_equal(pos, 0);
	assert_int_equal(store_change_mark(f->s, &mark, NULL, &err), 0);
	assert_int_equal(mark, 1);
	expect_changes(f->s, pos, mark, 1, (int64_t[]){1});

	/* The update commits while the export writes its output; then the
	 * export moves its cursor, and a third report tells event 1 again. */
	assert_int_equal(store_commit(writer, &err), 0);
	assert_int_equal(store_cursor_set(f->s, "sheet", mark, 0, 1, "csv", "sheet.csv", &err), 0);
	put_report(writer, "Lavrov and Kishida talk, details", "Sergei Lavrov and Fumio Kishida talked at length.",
		   NULL, "Sergei Lavrov", "Fumio Kishida", 5);
	store_close(writer);

	assert_int_equal(store_cursor_get(f->s, "sheet", &pos, NULL, &err), 0);
	assert_int_equal(pos, 1);
	assert_int_equal(store_change_mark(f->s, &mark, NULL, &err), 0);
	assert_int_equal(mark, 3);
	expect_changes(f->s, pos, mark, 2, (int64_t[]){1, 2});
	assert_int_equal(store_cursor_set(f->s, "sheet", mark, 0, 2, "csv", "sheet.csv", &err), 0);
	expect_changes(f->s, mark, mark, 0, NULL);
	unsetenv("SOURCE_DATE_EPOCH");
}

struct cursors_seen {
	int n;
	char line[4][160];
};

static int keep_cursor(void *ctx, const struct store_cursor *c)
{
	struct cursors_seen *s = ctx;
	snprintf(s->line[s->n++], sizeof(s->line[0]), "%s pos=%lld last=%ld total=%ld pending=%ld %s %s",
		 c->name, (long long)c->position, c->exported, c->total, c->pending,
		 c->format ? c->format : "-", c->output ? c->output : "(stdout)");
	return 0;
}

static void test_cursors_listed(void **state)
{
	struct fx *f = *state;
	f->s = open_at(f->path, 0);
	char *err = NULL;
	put_default(f->s, 3);
	assert_int_equal(store_cursor_set(f->s, "weekly", 2, 0, 2, "csv", "weekly.csv", &err), 0);
	assert_int_equal(store_cursor_set(f->s, "weekly", 3, 0, 1, "csv", "weekly.csv", &err), 0);
	assert_int_equal(store_cursor_set(f->s, "analyst", 1, 0, 1, "jsonl", NULL, &err), 0);
	struct cursors_seen seen = {0};
	assert_int_equal(store_cursors_each(f->s, keep_cursor, &seen, &err), 0);
	assert_int_equal(seen.n, 2);
	assert_string_equal(seen.line[0], "analyst pos=1 last=1 total=1 pending=2 jsonl (stdout)");
	assert_string_equal(seen.line[1], "weekly pos=3 last=1 total=3 pending=0 csv weekly.csv");
}

/* ---- statistics ------------------------------------------------------------------- */

struct stats_seen {
	int n;
	char row[16][128];
};

static int keep_stat(void *ctx, const struct store_stat *st)
{
	struct stats_seen *s = ctx;
	snprintf(s->row[s->n++], sizeof(s->row[0]), "%s%s%s %ld %ld", st->key, st->detail ? "/" : "",
		 st->detail ? st->detail : "", st->reports, st->events);
	return 0;
}

static void test_stats(void **state)
{
	struct fx *f = *state;
	f->s = open_at(f->path, 0);
	char *err = NULL;
	put_default(f->s, 3);
	put_report(f->s, "Lavrov and Kishida talk again", "Sergei Lavrov and Fumio Kishida talked again.", NULL,
		   "Sergei Lavrov", "Fumio Kishida", 1);   /* tells event 1 again */
	struct store_span sp;
	assert_int_equal(store_span(f->s, &sp, &err), 0);
	assert_int_equal(sp.reports, 4);
	assert_int_equal(sp.events, 3);
	assert_int_equal(sp.agencies, 1);
	assert_int_equal(sp.topics, 1);
	assert_string_equal(sp.first_event, "2015-01-01");
	assert_string_equal(sp.last_event, "2015-01-03");
	assert_true(sp.first_published == unix_from_civil(2015, 1, 1, 10, 0, 0));

	struct stats_seen seen = {0};
	assert_int_equal(store_stats_each(f->s, STAT_AGENCY, 0, keep_stat, &seen, &err), 0);
	assert_int_equal(seen.n, 1);
	assert_string_equal(seen.row[0], "TASS 4 3");
	memset(&seen, 0, sizeof(seen));
	assert_int_equal(store_stats_each(f->s, STAT_TYPE, 0, keep_stat, &seen, &err), 0);
	assert_string_equal(seen.row[0], "meeting 4 3");
	memset(&seen, 0, sizeof(seen));
	assert_int_equal(store_stats_each(f->s, STAT_MONTH, 0, keep_stat, &seen, &err), 0);
	assert_int_equal(seen.n, 1);
	assert_string_equal(seen.row[0], "2015-01 4 3");
	memset(&seen, 0, sizeof(seen));
	assert_int_equal(store_stats_each(f->s, STAT_ACTOR, 1, keep_stat, &seen, &err), 0);
	assert_int_equal(seen.n, 1);   /* the limit */
	assert_string_equal(seen.row[0], "Fumio Kishida/JPN 4 3");
	memset(&seen, 0, sizeof(seen));
	assert_int_equal(store_stats_each(f->s, STAT_TOPIC, 0, keep_stat, &seen, &err), 0);
	assert_string_equal(seen.row[0], "territorial dispute 4 3");
}

/* ---- check ------------------------------------------------------------------------- */

struct problems_seen {
	int n;
	char text[8][256];
};

static int keep_problem(void *ctx, const char *p)
{
	struct problems_seen *s = ctx;
	if (s->n < 8)
		snprintf(s->text[s->n], sizeof(s->text[0]), "%s", p);
	s->n++;
	return 0;
}

static int seen_problem(const struct problems_seen *s, const char *needle)
{
	for (int i = 0; i < s->n && i < 8; i++)
		if (strstr(s->text[i], needle))
			return 1;
	return 0;
}

static void test_check_finds_broken_rules(void **state)
{
	struct fx *f = *state;
	f->s = open_at(f->path, 0);
	char *err = NULL;
	put_default(f->s, 3);
	long problems = -1;
	struct problems_seen seen = {0};
	assert_int_equal(store_check(f->s, keep_problem, &seen, &problems, &err), 0);
	assert_int_equal(problems, 0);
	store_close(f->s);
	f->s = NULL;

	outside_exec(f->path,
		     "PRAGMA foreign_keys=OFF;"
		     "DELETE FROM event_reports WHERE event_id = 2;"               /* an event without source */
		     "UPDATE reports SET guid = 'tass-1' WHERE id IN (1, 3);"       /* a report stored twice */
		     "DROP INDEX reports_by_hash;"
		     "UPDATE reports SET content_hash = 'nothex' WHERE id = 2;"
		     "DELETE FROM event_changes WHERE event_id = 3;"
		     "INSERT INTO event_reports(event_id, report_id) VALUES (99, 1);");
	f->s = open_at(f->path, 0);
	memset(&seen, 0, sizeof(seen));
	assert_int_equal(store_check(f->s, keep_problem, &seen, &problems, &err), 0);
	assert_true(problems >= 5);
	assert_true(seen_problem(&seen, "event e2 has no source report"));
	assert_true(seen_problem(&seen, "share the guid 'tass-1'"));
	assert_true(seen_problem(&seen, "report r2 has no valid content hash"));
	assert_true(seen_problem(&seen, "event e3 is missing from the change sequence"));
	assert_true(seen_problem(&seen, "foreign key: event_reports"));
}

static void test_check_finds_stale_fulltext(void **state)
{
	struct fx *f = *state;
	f->s = open_at(f->path, 0);
	char *err = NULL;
	put_default(f->s, 2);
	store_close(f->s);
	f->s = NULL;
	/* An update behind the trigger's back leaves the index stale. */
	outside_exec(f->path, "DROP TRIGGER reports_fts_au; UPDATE reports SET body = 'rewritten' WHERE id = 1;");
	f->s = open_at(f->path, 0);
	struct problems_seen seen = {0};
	long problems = 0;
	assert_int_equal(store_check(f->s, keep_problem, &seen, &problems, &err), 0);
	assert_true(problems >= 1);
	assert_true(seen_problem(&seen, "full-text index reports_fts"));
}

/* ---- backup ------------------------------------------------------------------------ */

static void test_backup(void **state)
{
	struct fx *f = *state;
	f->s = open_at(f->path, 0);
	char *err = NULL;
	put_default(f->s, 3);
	char target[400], tmp[420];
	snprintf(target, sizeof(target), "%s/backup.db", f->dir);
	/* An old backup is replaced only by a complete new one. */
	FILE *old = fopen(target, "w");
	assert_non_null(old);
	fputs("an older backup", old);
	fclose(old);
	/* A write transaction open on another connection does not block it, nor get into it. */
	struct store *writer = open_at(f->path, 0);
	assert_int_equal(store_begin(writer, &err), 0);
	put_report(writer, "Uncommitted report", "Not yet committed.", NULL, "Sergei Lavrov", "Taro Aso", 9);
	snprintf(tmp, sizeof(tmp), "%s/.communique-tmp-%ld-backup.db", f->dir, (long)getpid());
	if (store_backup(f->s, target, tmp, &err))
		fail_msg("store_backup: %s", err);
	store_rollback(writer);
	store_close(writer);
	assert_int_equal(outside_int(target, "SELECT count(*) FROM reports"), 3);
	assert_int_equal(outside_int(target, "SELECT count(*) FROM events"), 3);
	assert_int_equal(outside_int(target, "PRAGMA user_version"), store_latest_version());
	struct stat sb;
	assert_int_not_equal(stat(tmp, &sb), 0);
	/* The copy opens as an archive and passes the check. */
	struct store *copy = open_at(target, 0);
	long problems = -1;
	assert_int_equal(store_check(copy, NULL, NULL, &problems, &err), 0);
	assert_int_equal(problems, 0);
	store_close(copy);

	snprintf(target, sizeof(target), "%s/no/such/dir/backup.db", f->dir);
	snprintf(tmp, sizeof(tmp), "%s/no/such/dir/.communique-tmp-1-backup.db", f->dir);
	assert_int_equal(store_backup(f->s, target, tmp, &err), -1);
	assert_non_null(err);
	free(err);
}

/* A backup of an archive that fails its check fails, and the good backup
 * already there stays: SQLite's integrity check passes such a copy (its
 * full-text index is stale, not malformed), the index's own check does not. */
static void test_backup_of_damaged_archive_keeps_old(void **state)
{
	struct fx *f = *state;
	f->s = open_at(f->path, 0);
	char *err = NULL;
	put_default(f->s, 2);
	char target[400], tmp[420], other[440];
	snprintf(target, sizeof(target), "%s/backup.db", f->dir);
	snprintf(tmp, sizeof(tmp), "%s/.communique-tmp-1-backup.db", f->dir);
	if (store_backup(f->s, target, tmp, &err))
		fail_msg("store_backup: %s", err);
	store_close(f->s);
	f->s = NULL;
	outside_exec(f->path, "DROP TRIGGER reports_fts_au; UPDATE reports SET body = 'rewritten' WHERE id = 1;");
	f->s = open_at(f->path, 0);
	struct stat before, after;
	assert_int_equal(stat(target, &before), 0);
	assert_int_equal(store_backup(f->s, target, tmp, &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, "full-text index reports_fts"));
	/* The failed copy is gone, with what SQLite wrote beside it. */
	const char *const companions[] = {"", "-journal", "-wal", "-shm"};
	for (int i = 0; i < 4; i++) {
		snprintf(other, sizeof(other), "%s%s", tmp, companions[i]);
		assert_int_not_equal(stat(other, &after), 0);
	}
	free(err);
	assert_int_equal(stat(target, &after), 0);
	assert_true(before.st_ino == after.st_ino && before.st_mtime == after.st_mtime);
	assert_int_equal(outside_int(target, "SELECT count(*) FROM reports WHERE body = 'rewritten'"), 0);
}

/* Reads a whole file into buf (at most size bytes); returns its length. */
static size_t slurp(const char *path, char *buf, size_t size)
{
	FILE *in = fopen(path, "rb");
	assert_non_null(in);
	size_t n = fread(buf, 1, size, in);
	fclose(in);
	return n;
}

/* A read-only store (what check opens) finds a stale full-text index through
 * a copy, and leaves the archive byte for byte as it was, with nothing
 * created beside it (a backup in rollback-journal mode: a read-write open
 * would turn it to WAL). */
static void test_readonly_check_changes_nothing(void **state)
{
	struct fx *f = *state;
	f->s = open_at(f->path, 0);
	put_default(f->s, 2);
	store_close(f->s);
	f->s = NULL;
	char copy[400], tmp[420], other[440];
	snprintf(copy, sizeof(copy), "%s/sub", f->dir);
	assert_int_equal(mkdir(copy, 0755), 0);
	snprintf(copy, sizeof(copy), "%s/sub/copy.db", f->dir);
	snprintf(tmp, sizeof(tmp), "%s/.communique-tmp-1-check.db", f->dir);
	char sql[600];
	snprintf(sql, sizeof(sql), "DROP TRIGGER reports_fts_au; UPDATE reports SET body = 'rewritten'"
		 " WHERE id = 1; VACUUM INTO '%s';", copy);
	outside_exec(f->path, sql);
	static char before[1 << 20], after[1 << 20];
	size_t n = slurp(copy, before, sizeof(before));
	assert_true(n > 0 && n < sizeof(before));

	char *err = NULL;
	struct store *s = NULL;
	if (store_open(copy, STORE_READONLY, &s, &err))
		fail_msg("read-only open: %s", err);
	struct problems_seen seen = {0};
	long problems = 0;
	assert_int_equal(store_check(s, keep_problem, &seen, &problems, &err), 0);
	assert_int_equal(store_check_fulltext(s, tmp, keep_problem, &seen, &problems, &err), 0);
	assert_true(problems >= 1);
	assert_true(seen_problem(&seen, "full-text index reports_fts"));
	store_close(s);

	assert_int_equal(slurp(copy, after, sizeof(after)), n);
	assert_memory_equal(before, after, n);
	const char *const companions[] = {"-wal", "-shm", "-journal"};
	struct stat sb;
	for (int i = 0; i < 3; i++) {
		snprintf(other, sizeof(other), "%s%s", copy, companions[i]);
		assert_int_not_equal(stat(other, &sb), 0);
	}
	assert_int_not_equal(stat(tmp, &sb), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_migration_from_version_1, setup, teardown),
		cmocka_unit_test_setup_teardown(test_file_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_file_state_rolls_back_with_reports, setup, teardown),
		cmocka_unit_test_setup_teardown(test_feed_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_runs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cursor_exact_across_long_update, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cursors_listed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stats, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_finds_broken_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_finds_stale_fulltext, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backup_of_damaged_archive_keeps_old, setup, teardown),
		cmocka_unit_test_setup_teardown(test_readonly_check_changes_nothing, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
