/* Buffers (util/buf.h) and the texts built in them: a failed append is
 * sticky, and no text that lost a piece is ever used, neither a query (its
 * filter clause dropped) nor a value (a list of names missing one).
 *
 * Allocation failures are injected into the program's own calls to realloc
 * (the test is linked with -Wl,--wrap=realloc, see tests/CMakeLists.txt):
 * the Nth call fails, once, for every N a clean run makes, as SQLite's
 * fault tests do. Each run must either fail with an error or give the whole
 * result. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/event.h"
#include "ingest/html.h"
#include "ingest/report.h"
#include "store/store.h"
#include "util/buf.h"
#include "export/timeline.h"
#include "util/cdate.h"
#include "util/file.h"

#include "archive_fixture.h"

/* ---- realloc with a fault ---------------------------------------------- */

void *__real_realloc(void *p, size_t n);
void *__wrap_realloc(void *p, size_t n);

static long calls, fail_at;   /* fail_at 0: never */

void *__wrap_realloc(void *p, size_t n)
{
	if (++calls == fail_at)
		return NULL;
	return __real_realloc(p, n);
}

static void arm(long n)
{
	calls = 0;
	fail_at = n;
}

/* ---- the buffer itself -------------------------------------------------- */

static void test_failure_is_sticky(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 18);
	assert_int_equal(buf_addstr(&b, "SELECT x"), 0);
	assert_int_equal(buf_failed(&b), 0);
	/* Past the ceiling: refused, the buffer unchanged... */
	assert_int_equal(buf_addstr(&b, " WHERE a = 1"), -1);
	assert_string_equal(buf_str(&b), "SELECT x");
	/* ...and a later piece that fits is taken, but the failure stays. */
	assert_int_equal(buf_addstr(&b, " LIMIT 5"), 0);
	assert_int_equal(buf_failed(&b), 1);
	assert_int_equal(buf_printf(&b, "%d", 1), 0);
	assert_int_equal(buf_failed(&b), 1);
	/* A text missing a piece is never handed out. */
	assert_null(buf_finish(&b));
	assert_null(b.data);

	buf_init(&b, 16);
	assert_int_equal(buf_addstr(&b, "whole"), 0);
	char *s = buf_finish(&b);
	assert_string_equal(s, "whole");
	free(s);

	/* buf_reset starts a new text: the failure goes with the old one. */
	buf_init(&b, 8);
	assert_int_equal(buf_addstr(&b, "123456789"), -1);
	buf_reset(&b);
	assert_int_equal(buf_failed(&b), 0);
	buf_release(&b);
}

static void test_messages_say_they_were_not_written(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 10);
	buf_printf(&b, "cannot read '%s'", "a-long-file-name.xml");
	char fb[128];
	assert_string_equal(buf_msg_str(&b, "the message", fb, sizeof(fb)),
			    "cannot write the message: out of memory or too long");
	char *m = buf_finish_msg(&b, "why the file is refused");
	assert_string_equal(m, "cannot write why the file is refused: out of memory or too long");
	free(m);

	buf_init(&b, 0);
	buf_printf(&b, "cannot read '%s'", "x.xml");
	assert_string_equal(buf_msg_str(&b, "the message", fb, sizeof(fb)), "cannot read 'x.xml'");
	m = buf_finish_msg(&b, "the message");
	assert_string_equal(m, "cannot read 'x.xml'");
	free(m);
}

/* ---- the timeline query: a filter clause is never dropped ---------------- */

struct seen {
	int n, other;   /* events seen; of them, events not of the actor asked for */
};

static int note(void *ctx, const struct tl_event *e)
{
	struct seen *w = ctx;
	w->n++;
	if (!e->ev->summary || !strstr(e->ev->summary, "Japan"))
		w->other++;
	return 0;
}

static void put_one(struct store *s, const char *title, const char *type, const char *summary,
		    const char *name, const char *code)
{
	struct report r;
	report_init(&r);
	assert_int_equal(report_set(&r.agency, "TASS"), 0);
	assert_int_equal(report_set(&r.title, title), 0);
	assert_int_equal(report_set(&r.body, summary), 0);
	assert_int_equal(report_set(&r.format, "text"), 0);
	r.published = 1420538400;
	r.pub_known = PUB_TIME;
	struct event_list l;
	event_list_init(&l);
	struct event *e = event_list_push(&l);
	assert_non_null(e);
	snprintf(e->type, sizeof(e->type), "%s", type);
	snprintf(e->cameo, sizeof(e->cameo), "%s", "043");
	e->status = STATUS_OCCURRED;
	assert_int_equal(cdate_parse("2015-01-06", &e->date), 0);
	e->summary = strdup(summary);
	e->evidence = strdup(summary);
	assert_int_equal(event_add_actor(e, "Sergei Lavrov", "RUS", NULL, ACTOR_PERSON, ROLE_PARTICIPANT), 0);
	assert_int_equal(event_add_actor(e, name, code, NULL, ACTOR_STATE, ROLE_PARTICIPANT), 0);
	int64_t id = 0;
	char *err = NULL;
	if (store_put_report(s, &r, NULL, "test.txt", 0, &l, &id, &err))
		fail_msg("store_put_report: %s", err ? err : "?");
	event_list_release(&l);
	report_release(&r);
}

static void test_timeline_query_keeps_its_filters(void **state)
{
	struct fx *f = *state;
	char *err = NULL;
	if (store_open(f->path, 0, &f->s, &err))
		fail_msg("store_open: %s", err ? err : "?");
	put_one(f->s, "Lavrov meets Japan", "meeting", "Lavrov met Japan's minister", "Japan", "JPN");
	put_one(f->s, "Lavrov meets France", "meeting", "Lavrov met France's minister", "France", "FRA");
	put_one(f->s, "Lavrov visits Japan", "visit", "Lavrov visited Japan", "Japan", "JPN");

	/* Each clause is a piece of the query: more actors move the points where
	 * the buffer grows, so that each clause in turn is the one that fails. */
	const char *actors[] = {"JPN", "Japan", "JPN", "Japan", "JPN", "Japan", "JPN", "Japan"};
	const char *types[] = {"visit", "meeting"};
	for (size_t na = 1; na <= sizeof(actors) / sizeof(*actors); na++) {
		struct event_filter q;
		memset(&q, 0, sizeof(q));
		q.actors = actors;
		q.n_actors = na;
		q.types = types;
		q.n_types = 2;
		q.status_mask = 7;
		struct seen w = {0, 0};
		arm(0);
		assert_int_equal(store_timeline_each(f->s, &q, note, &w, &err), 0);
		assert_int_equal(w.n, 2);
		assert_int_equal(w.other, 0);
		long clean = calls;
		assert_true(clean > 0);
		for (long n = 1; n <= clean; n++) {
			memset(&w, 0, sizeof(w));
			err = NULL;
			arm(n);
			int rc = store_timeline_each(f->s, &q, note, &w, &err);
			arm(0);
			if (rc) {
				assert_non_null(err);
				free(err);
				continue;
			}
			/* Japan's meeting and visit, not France's meeting: a query
			 * that lost a piece of a filter gives more, or fewer. */
			if (w.n != 2 || w.other)
				fail_msg("%zu actors, realloc %ld of %ld failed: the query ran without a piece of its "
					 "filters (%d events, %d of them not Japan's)", na, n, clean, w.n, w.other);
		}
	}
}

/* ---- a value built of pieces: all of them or none ------------------------ */

static char *slurp(const char *name, size_t *len)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/html/%s", TEST_DATA_DIR, name);
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

static void test_author_list_whole_or_none(void **state)
{
	(void)state;
	size_t len;
	char *page = slurp("news_jsonld.html", &len);
	struct report r;
	char *err = NULL;
	arm(0);
	report_init(&r);
	assert_int_equal(html_read(page, len, NULL, &r, &err), 0);
	assert_string_equal(r.author, "Irina Sokolova, Pavel Orlov");
	report_release(&r);
	long clean = calls;
	for (long n = 1; n <= clean; n++) {
		report_init(&r);
		err = NULL;
		arm(n);
		int rc = html_read(page, len, NULL, &r, &err);
		arm(0);
		/* The JSON-LD list whole, or the byline's own words, or none. */
		if (!rc && r.author && strcmp(r.author, "Irina Sokolova, Pavel Orlov") && !strstr(r.author, " and "))
			fail_msg("realloc %ld of %ld failed: author '%s'", n, clean, r.author);
		free(err);
		report_release(&r);
	}
	free(page);
}

/* ---- reading a file: memory that runs out is not a file too large ------- */

static void test_read_file_says_what_failed(void **state)
{
	(void)state;
	char path[] = "/tmp/communique-buf.XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	char block[4096];
	memset(block, 'a', sizeof(block));
	for (int i = 0; i < 64; i++)
		assert_int_equal(write(fd, block, sizeof(block)), (ssize_t)sizeof(block));
	close(fd);
	struct buf data;
	char *why = NULL;
	arm(0);
	assert_int_equal(read_file_bounded(path, 1 << 20, &data, NULL, &why), 0);
	assert_int_equal(data.len, 64 * 4096);
	buf_release(&data);
	long clean = calls;
	for (long n = 1; n <= clean; n++) {
		why = NULL;
		arm(n);
		int rc = read_file_bounded(path, 1 << 20, &data, NULL, &why);
		arm(0);
		if (rc == 0) {
			assert_int_equal(data.len, 64 * 4096);
			buf_release(&data);
			continue;
		}
		assert_non_null(why);
		if (strcmp(why, "out of memory"))
			fail_msg("realloc %ld of %ld failed: '%s'", n, clean, why);
		free(why);
	}
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_failure_is_sticky),
		cmocka_unit_test(test_messages_say_they_were_not_written),
		cmocka_unit_test_setup_teardown(test_timeline_query_keeps_its_filters, setup, teardown),
		cmocka_unit_test(test_author_list_whole_or_none),
		cmocka_unit_test(test_read_file_says_what_failed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
