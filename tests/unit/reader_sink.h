/* Shared by the reader tests (feeds, wire formats, tables): a sink that keeps
 * copies of what a reader emits, and a loader for fixtures. Included after
 * cmocka.h by each test file; everything here is static. */
#ifndef COMMUNIQUE_TEST_READER_SINK_H
#define COMMUNIQUE_TEST_READER_SINK_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_GOT 16

struct got_report {
	char *item, *title, *agency, *place, *author, *guid, *url, *lede, *body;
	char *published_text, *format, *warnings;
	int64_t published;
	int pub_known, tz, summary_only;
};

struct got {
	int n, nerr, stop_after;
	struct got_report r[MAX_GOT];
	char *err_item[MAX_GOT], *err_msg[MAX_GOT];
};

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int keep(void *ctx, struct report *r, const char *item)
{
	struct got *g = ctx;
	if (g->stop_after && g->n >= g->stop_after)
		return -1;
	assert_true(g->n < MAX_GOT);
	struct got_report *k = &g->r[g->n++];
	k->item = dup_or_null(item);
	k->title = dup_or_null(r->title);
	k->agency = dup_or_null(r->agency);
	k->place = dup_or_null(r->place);
	k->author = dup_or_null(r->author);
	k->guid = dup_or_null(r->guid);
	k->url = dup_or_null(r->url);
	k->lede = dup_or_null(r->lede);
	k->body = dup_or_null(r->body);
	k->published_text = dup_or_null(r->published_text);
	k->format = dup_or_null(r->format);
	k->published = r->published;
	k->pub_known = r->pub_known;
	k->tz = r->tz_offset_min;
	k->summary_only = r->summary_only;
	size_t len = 1;
	for (size_t i = 0; i < r->n_warnings; i++)
		len += strlen(r->warnings[i]) + 1;
	k->warnings = calloc(1, len);
	for (size_t i = 0; i < r->n_warnings; i++) {
		size_t at = strlen(k->warnings);
		snprintf(k->warnings + at, len - at, "%s|", r->warnings[i]);
	}
	return 0;
}

static void fail_item(void *ctx, const char *item, const char *msg)
{
	struct got *g = ctx;
	assert_true(g->nerr < MAX_GOT);
	g->err_item[g->nerr] = dup_or_null(item);
	g->err_msg[g->nerr] = dup_or_null(msg);
	g->nerr++;
}

static void got_release(struct got *g)
{
	for (int i = 0; i < g->n; i++) {
		struct got_report *k = &g->r[i];
		char *f[] = {k->item, k->title, k->agency, k->place, k->author, k->guid, k->url,
			     k->lede, k->body, k->published_text, k->format, k->warnings};
		for (size_t j = 0; j < sizeof(f) / sizeof(*f); j++)
			free(f[j]);
	}
	for (int i = 0; i < g->nerr; i++) {
		free(g->err_item[i]);
		free(g->err_msg[i]);
	}
	memset(g, 0, sizeof(*g));
}

/* The whole of tests/data/<rel>, NUL-terminated; *len its size. */
static char *slurp(const char *rel, size_t *len)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", TEST_DATA_DIR, rel);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *d = malloc((size_t)n + 1);
	assert_non_null(d);
	assert_int_equal(fread(d, 1, (size_t)n, f), (size_t)n);
	d[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return d;
}

#endif
