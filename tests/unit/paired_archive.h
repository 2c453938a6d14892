/* Shared by the store tests that compare an archive with the same archive
 * kept at an older schema (test_store_keep.c, test_store_text_pages.c,
 * test_store_text_types.c, test_store_actor_filters.c,
 * test_store_column_walks.c): the pair of archives, a report to import,
 * each event of a page described as a line, a filter's pages followed
 * through their cursors, and the check that pages add up to the whole
 * timeline. Included after
 * archive_fixture.h; everything here is static. */
#ifndef COMMUNIQUE_TEST_PAIRED_ARCHIVE_H
#define COMMUNIQUE_TEST_PAIRED_ARCHIVE_H
#include <string.h>

#include "export/timeline.h"
#include "ingest/report.h"
#include "util/buf.h"

struct pair_fx {
	struct fx fx;
	char old_path[320];   /* the same archive kept at the older schema */
	struct store *old;
};

/* A new test archive at schema `version`, filled by the SQL `fill`, copied
 * as old.db and opened twice: the copy kept at that version, the original
 * migrated to the latest. */
static int setup_pair(void **state, int version, const char *fill)
{
	struct pair_fx *k = calloc(1, sizeof(*k));
	void *inner;
	if (!k || setup(&inner))
		return -1;
	k->fx = *(struct fx *)inner;
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

static int teardown_pair(void **state)
{
	struct pair_fx *k = *state;
	store_close(k->old);
	remove_with_suffix(k->old_path, "");
	remove_with_suffix(k->old_path, "-wal");
	remove_with_suffix(k->old_path, "-shm");
	struct fx *f = malloc(sizeof(*f));
	*f = k->fx;
	free(k);
	void *inner = f;
	return teardown(&inner);
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

#endif
