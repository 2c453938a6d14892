/* Shared by the store tests that compare an archive with the same archive
 * kept at an older schema (test_store_keep.c, test_store_text_pages.c,
 * test_store_text_types.c, test_store_text_timeline.c,
 * test_store_actor_filters.c, test_store_column_walks.c,
 * test_store_conf_tenths.c): pieces of the SQL that fills their archives,
 * the pair of archives, reports of two persons to import, each event of a
 * page described as a line, a filter's pages followed through their
 * cursors on both archives and compared, the check that pages add up to
 * the whole timeline, and the statements a page ran. Included after
 * archive_fixture.h; everything here is static. */
#ifndef COMMUNIQUE_TEST_PAIRED_ARCHIVE_H
#define COMMUNIQUE_TEST_PAIRED_ARCHIVE_H
#include <sqlite3.h>
#include <string.h>

#include "export/timeline.h"
#include "ingest/report.h"
#include "store/store_admin.h"
#include "store/store_internal.h"
#include "util/buf.h"

/* ---- pieces of the archives' SQL (events numbered i) ------------------- */

/* The actors Japan (1) and China (2), the statement left open for a
 * test's own actors. */
#define PAIRED_ACTORS "INSERT INTO actors(id, name, code, kind) VALUES (1, 'Japan', 'JPN', 0), (2, 'China', 'CHN', 0)"

/* The agency TASS and its report 1, every event's. */
#define PAIRED_REPORT                                                                                             \
	"INSERT INTO agencies(id, name) VALUES (1, 'TASS');"                                                         \
	"INSERT INTO reports(id, title, body, format, content_hash, identity_key, imported_at, agency_id) VALUES"    \
	" (1, 'Talks in Beijing', 'Ministers held talks.', 'text', 'h1', 'k1', 1442800000, 1);"

/* An event's date and date_precision: every 97th undated, every 13th a
 * year alone, every 29th a month alone, the others days of 2010-2016. */
#define PAIRED_DATES                                                                                              \
	" CASE WHEN i % 97 = 0 THEN '' WHEN i % 13 = 0 THEN printf('%04d', 2010 + i % 7)"                             \
	"  WHEN i % 29 = 0 THEN printf('%04d-%02d', 2010 + i % 7, 1 + i % 12)"                                        \
	"  ELSE printf('%04d-%02d-%02d', 2010 + i % 7, 1 + i % 12, 1 + i % 28) END,"                                  \
	" CASE WHEN i % 97 = 0 THEN 0 WHEN i % 13 = 0 THEN 1 WHEN i % 29 = 0 THEN 2 ELSE 3 END,"

/* China in every event (busy), Japan in every 40th (rare). */
#define PAIRED_PARTIES                                                                                            \
	"INSERT INTO event_actors(event_id, seq, actor_id, role) SELECT id, 0, 2, 0 FROM events;"                     \
	"INSERT INTO event_actors(event_id, seq, actor_id, role) SELECT id, 1, 1, 1 FROM events WHERE id % 40 = 0;"

/* ---- the pair of archives --------------------------------------------- */

/* What a page both archives refuse is: a failure, or (the full-text
 * tests, whose malformed queries the old schema refuses too) an answer
 * to compare like any other. */
enum pair_refusal { REFUSAL_FAILS, REFUSAL_COMPARED };

struct pair_fx {
	struct fx fx;
	char old_path[320];   /* the same archive kept at the older schema */
	struct store *old;
	enum pair_refusal refusal;   /* what a page both refuse is (setup_pair) */
};

/* A new test archive at schema `version`, filled by the SQL `fill`, copied
 * as old.db and opened twice: the copy kept at that version, the original
 * migrated to the latest. */
static int setup_pair(void **state, int version, const char *fill, enum pair_refusal refusal)
{
	struct pair_fx *k = calloc(1, sizeof(*k));
	void *inner;
	if (!k || setup(&inner))
		return -1;
	k->fx = *(struct fx *)inner;
	k->refusal = refusal;
	free(inner);
	*state = k;
	struct fx *f = &k->fx;
	char *err = NULL;
	struct store *s = NULL;
	if (store_open_at(f->path, 0, version, &s, &err)) {
		fprintf(stderr, "store_open_at %d: %s\n", version, err ? err : "?");
		return -1;
	}
	store_close(s);
	outside_exec(f->path, fill);
	outside_exec(f->path, "PRAGMA wal_checkpoint(TRUNCATE)");
	snprintf(k->old_path, sizeof(k->old_path), "%s/old.db", f->dir);
	char cmd[700];
	snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", f->path, k->old_path);
	if (system(cmd) != 0)
		return -1;
	if (store_open_at(k->old_path, 0, version, &k->old, &err) || store_open(f->path, 0, &f->s, &err)) {
		fprintf(stderr, "store_open: %s\n", err ? err : "?");
		return -1;
	}
	return 0;
}

/* An archive's file and its WAL files removed. */
static void remove_archive(const char *path)
{
	remove_with_suffix(path, "");
	remove_with_suffix(path, "-wal");
	remove_with_suffix(path, "-shm");
}

static int teardown_pair(void **state)
{
	struct pair_fx *k = *state;
	store_close(k->old);
	remove_archive(k->old_path);
	struct fx *f = malloc(sizeof(*f));
	*f = k->fx;
	free(k);
	void *inner = f;
	return teardown(&inner);
}

/* The archive kept at the old schema closed and opened again: migrated
 * to the latest, k->old as it is now. */
static inline struct store *migrate_old(struct pair_fx *k)
{
	store_close(k->old);
	k->old = NULL;
	char *err = NULL;
	struct store *migrated = NULL;
	OK(store_open(k->old_path, 0, &migrated, &err), "store_open");
	k->old = migrated;
	assert_int_equal(store_version(migrated), store_latest_version());
	return migrated;
}

/* The same SQL run from outside the store on both archives. */
static inline void outside_both(struct pair_fx *k, const char *sql)
{
	outside_exec(k->fx.path, sql);
	outside_exec(k->old_path, sql);
}

/* The test archive copied by store_copy (`communique copy`) to
 * dir/copy.db, its path in `to`; the archive is closed for the copy, and
 * k->fx.s stays NULL until drop_copy. */
static inline void copy_archive(struct pair_fx *k, char *to, size_t size)
{
	snprintf(to, size, "%s/copy.db", k->fx.dir);
	char *err = NULL;
	store_close(k->fx.s);
	k->fx.s = NULL;
	OK(store_copy(k->fx.path, to, NULL, NULL, &err), "store_copy");
}

/* The copy removed and the test archive open again. */
static inline void drop_copy(struct pair_fx *k, const char *to)
{
	remove_archive(to);
	k->fx.s = open_at(&k->fx, 0);
}

/* A report of TASS with this title and body, published at one fixed time. */
static inline void make_report(struct report *r, const char *title, const char *body)
{
	report_init(r);
	assert_int_equal(report_set(&r->agency, "TASS"), 0);
	assert_int_equal(report_set(&r->title, title), 0);
	assert_int_equal(report_set(&r->body, body), 0);
	assert_int_equal(report_set(&r->format, "text"), 0);
	r->published = 1442800000;
	r->pub_known = PUB_TIME;
}

/* What an event of two persons tells (add_persons_event). */
struct told {
	const char *type, *cameo;
	enum event_status status;
	const char *summary, *evidence;
};

/* An event that `t` tells on `date` ("" for none), a its source and b its
 * target, pushed on l. */
static inline void add_persons_event(struct event_list *l, const struct told *t, const char *date, const char *a,
				     const char *b)
{
	struct event *e = event_list_push(l);
	assert_non_null(e);
	snprintf(e->type, sizeof(e->type), "%s", t->type);
	snprintf(e->cameo, sizeof(e->cameo), "%s", t->cameo);
	e->status = t->status;
	if (*date)
		assert_int_equal(cdate_parse(date, &e->date), 0);
	else
		e->date.prec = PREC_UNKNOWN;
	e->summary = strdup(t->summary);
	e->evidence = strdup(t->evidence);
	assert_non_null(e->summary);
	assert_non_null(e->evidence);
	assert_int_equal(event_add_actor(e, a, NULL, NULL, ACTOR_PERSON, ROLE_SOURCE), 0);
	assert_int_equal(event_add_actor(e, b, NULL, NULL, ACTOR_PERSON, ROLE_TARGET), 0);
}

/* A report (make_report) of title and body that tells one event (as
 * add_persons_event), put in s. */
static inline void put_persons_report(struct store *s, const char *title, const char *body, const struct told *t,
				      const char *date, const char *a, const char *b)
{
	struct report r;
	struct event_list l;
	event_list_init(&l);
	make_report(&r, title, body);
	add_persons_event(&l, t, date, a, b);
	int64_t id;
	char *err = NULL;
	OK(store_put_report(s, &r, NULL, "a.txt", 0, &l, &id, &err), "store_put_report");
	report_release(&r);
	event_list_release(&l);
}

/* Each event of a page as a line of its fields: what a reader gets. */
struct out {
	struct buf b;
	int64_t last;   /* the last event's id: the next page's cursor */
	size_t n;
};

static int describe(void *ctx, const struct tl_event *e)
{
	struct out *o = ctx;
	struct buf *b = &o->b;
	char date[16];
	cdate_format(&e->ev->date, date);
	buf_printf(b, "e%lld %s %s %d %d [%s] %s | %s %.2f", (long long)e->id, e->ev->type, e->ev->cameo,
		   (int)e->ev->status, (int)e->ev->date.prec, date, e->ev->summary, e->ev->evidence, e->confidence);
	for (size_t i = 0; i < e->ev->n_actors; i++)
		buf_printf(b, " %s/%s/%d/%s", e->ev->actors[i].name, e->ev->actors[i].code ? e->ev->actors[i].code : "",
			   (int)e->ev->actors[i].role, e->ev->actors[i].title ? e->ev->actors[i].title : "");
	buf_addch(b, '\n');
	o->last = e->id;
	o->n++;
	return 0;
}

static struct event_filter none(void)
{
	struct event_filter f;
	memset(&f, 0, sizeof(f));
	f.from.prec = f.to.prec = PREC_UNKNOWN;
	return f;
}

/* The pages of f one after the other (at most max_pages, 0 for all), each
 * page's events described, the pages separated by "--". A page the store
 * refuses ends the text with its message when errors_told (a query refused
 * alike on both archives is an answer to compare), else fails the test. */
static char *paired_pages(struct store *s, struct event_filter f, long limit, int max_pages, int errors_told)
{
	struct out o = {.n = 0};
	buf_init(&o.b, 0);
	char *err = NULL;
	f.page = 1;
	f.limit = limit;
	for (int n = 0; !max_pages || n < max_pages; n++) {
		size_t before = o.n;
		if (store_timeline_each(s, &f, describe, &o, &err)) {
			if (!errors_told)
				fail_msg("page: %s", err ? err : "?");
			buf_printf(&o.b, "error: %s\n", err ? err : "?");
			free(err);
			break;
		}
		buf_addstr(&o.b, "--\n");
		if (o.n - before < (size_t)limit)
			break;
		f.after_id = o.last;
	}
	assert_false(buf_failed(&o.b));
	return o.b.data ? o.b.data : strdup("");
}

/* Pages (paired_pages's text) equal the whole timeline of f, read in one go. */
static void assert_pages_are_whole(struct store *s, struct event_filter f, const char *pages)
{
	struct out whole = {.n = 0};
	buf_init(&whole.b, 0);
	char *err = NULL;
	f.page = 0;
	f.limit = 0;
	f.after_id = 0;
	if (store_timeline_each(s, &f, describe, &whole, &err))
		fail_msg("timeline: %s", err ? err : "?");
	char *joined = strdup(pages), *w = joined;
	assert_non_null(joined);
	for (const char *r = pages; *r;) {
		if (!strncmp(r, "--\n", 3)) {
			r += 3;
			continue;
		}
		*w++ = *r++;
	}
	*w = '\0';
	assert_string_equal(joined, whole.b.data ? whole.b.data : "");
	free(joined);
	buf_release(&whole.b);
}

/* More pages than any filter here has: a cursor that never moves on ends
 * in pages that differ instead of a test that never ends. */
#define PAIRED_MAX_PAGES 100000

/* The pages of f on both archives of k, followed through their cursors:
 * the same text (else the first line that differs, with the filter), and
 * from the start the whole timeline. Returns how many events they hold. */
static size_t assert_same_pages(struct pair_fx *k, struct event_filter f, long limit)
{
	int compared = k->refusal == REFUSAL_COMPARED;
	char *now = paired_pages(k->fx.s, f, limit, PAIRED_MAX_PAGES, compared);
	char *was = paired_pages(k->old, f, limit, PAIRED_MAX_PAGES, compared);
	if (strcmp(now, was)) {
		/* The first line that differs (cmocka cuts long strings short). */
		size_t i = 0;
		while (now[i] && now[i] == was[i])
			i++;
		while (i && now[i - 1] != '\n')
			i--;
		char from[16] = "-", to[16] = "-";
		if (f.from.prec != PREC_UNKNOWN)
			cdate_format(&f.from, from);
		if (f.to.prec != PREC_UNKNOWN)
			cdate_format(&f.to, to);
		fail_msg("text %s, %zu types, statuses %u, actor %s, agency %s, %s .. %s, verified %d,"
			 " confidence %.3f-%.3f, limit %ld, after %lld: '%.*s' against '%.*s'",
			 f.text ? f.text : "-", f.n_types, f.status_mask, f.n_actors ? f.actors[0] : "-",
			 f.agency ? f.agency : "-", from, to, f.verified, f.min_confidence, f.max_confidence, limit,
			 (long long)f.after_id, (int)strcspn(now + i, "\n"), now + i, (int)strcspn(was + i, "\n"),
			 was + i);
	}
	size_t n = 0;
	for (const char *c = now; *c; c++)
		n += *c == '\n' && !(c - now >= 2 && c[-1] == '-' && c[-2] == '-');
	if (!f.after_id && !(compared && strstr(now, "error: ")))
		assert_pages_are_whole(k->fx.s, f, now);
	free(now);
	free(was);
	return n;
}

/* The pages of f after each of n cursors (a reader's next page after an
 * event), on both archives: assert_same_pages. */
static inline void assert_same_after_each(struct pair_fx *k, struct event_filter f, long limit,
					  const int64_t *cursors, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		f.after_id = cursors[i];
		assert_same_pages(k, f, limit);
	}
}

/* assert_same_after_each with the cursors listed. */
#define assert_same_after(k, f, limit, ...)                                                          \
	assert_same_after_each((k), (f), (limit), (const int64_t[]){__VA_ARGS__},                    \
			       sizeof((const int64_t[]){__VA_ARGS__}) / sizeof(int64_t))

/* ---- what a page ran ---------------------------------------------------- */

/* The SQL of the first statement s keeps whose text holds `part`, or NULL
 * (a page's statements stay prepared on its connection). */
static inline const char *kept_statement(struct store *s, const char *part)
{
	sqlite3 *db = db_handle(s->db);
	for (sqlite3_stmt *st = sqlite3_next_stmt(db, NULL); st; st = sqlite3_next_stmt(db, st))
		if (strstr(sqlite3_sql(st), part))
			return sqlite3_sql(st);
	return NULL;
}

/* Runs of the statements s keeps whose SQL holds `part`. */
static inline int runs_of(struct store *s, const char *part)
{
	sqlite3 *db = db_handle(s->db);
	int runs = 0;
	for (sqlite3_stmt *st = sqlite3_next_stmt(db, NULL); st; st = sqlite3_next_stmt(db, st))
		if (strstr(sqlite3_sql(st), part))
			runs += sqlite3_stmt_status(st, SQLITE_STMTSTATUS_RUN, 0);
	return runs;
}

/* FTS5's own check of the archive's full-text index, and each event in
 * it once (one token of its type in the column ym, from migration 12). */
static inline void assert_fts_checked(const char *path)
{
	outside_exec(path, "INSERT INTO events_fts(events_fts, rank) VALUES ('integrity-check', 1)");
	assert_int_equal(outside_int(path, "SELECT count(*) FROM events"),
			 outside_int(path, "SELECT count(*) FROM events_fts WHERE events_fts MATCH 'ym : ty*'"));
}

#endif
