/* Table importer: CSV with broken rows, renamed columns, other encodings;
 * JSONL with bad lines; bounded records. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ingest/table.h"
#include "util/cdate.h"

/* Test helpers shared by copy: a sink that keeps copies of what readers emit. */
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
		strcat(k->warnings, r->warnings[i]);
		strcat(k->warnings, "|");
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

static int read_table(const char *rel, int is_csv, const char *map, struct got *g, char **err)
{
	size_t len;
	char *data = slurp(rel, &len);
	struct ingest_hints h = {0};
	h.path = rel;
	int rc = table_read(data, len, is_csv, map, &h, keep, fail_item, g, err);
	free(data);
	return rc;
}

static int read_str(const char *s, int is_csv, const char *map, struct got *g, char **err)
{
	return table_read(s, strlen(s), is_csv, map, NULL, keep, fail_item, g, err);
}

static void test_csv(void **state)
{
	(void)state;
	struct got g = {0};
	char *err = NULL;
	assert_int_equal(read_table("table/reports.csv", 1, NULL, &g, &err), 0);
	assert_null(err);
	assert_int_equal(g.n, 3);
	assert_int_equal(g.nerr, 3);
	/* Rows are counted from the header, row 1, as a spreadsheet shows them. */
	assert_string_equal(g.err_item[0], "row 4");
	assert_non_null(strstr(g.err_msg[0], "'sometime last week' is not a date"));
	assert_string_equal(g.err_item[1], "row 5");
	assert_string_equal(g.err_msg[1], "no text");
	assert_string_equal(g.err_item[2], "row 6");
	assert_string_equal(g.err_msg[2], "has 3 fields, the header has 5");

	struct got_report *r = &g.r[0];
	assert_string_equal(r->item, "row 2");
	assert_string_equal(r->format, "csv");
	assert_string_equal(r->title, "Lavrov, Kerry hold phone talks");
	assert_string_equal(r->agency, "TASS");
	assert_string_equal(r->url, "https://tass.example/1");
	assert_int_equal(r->published, unix_from_civil(2015, 1, 6, 10, 40, 0));
	assert_int_equal(r->tz, 180);
	assert_string_equal(r->body, "MOSCOW, January 6. Sergei Lavrov and John Kerry discussed "
				     "Ukraine by phone.\n\nThey agreed to keep in contact.");
	r = &g.r[1];
	assert_string_equal(r->item, "row 3");
	assert_string_equal(r->agency, "Kyodo");
	assert_int_equal(r->published, unix_from_civil(2015, 1, 6, 10, 10, 0));
	r = &g.r[2];
	assert_string_equal(r->item, "row 7");
	assert_int_equal(r->pub_known, PUB_DATE);
	assert_null(r->url);
	got_release(&g);
}

static void test_csv_map(void **state)
{
	(void)state;
	struct got g = {0};
	char *err = NULL;
	assert_int_equal(read_table("table/renamed.csv", 1,
				    "title=headline, text=content,published=when,agency=source",
				    &g, &err), 0);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.r[0].title, "Brief \"quoted\" headline");
	assert_string_equal(g.r[0].agency, "Reuters");
	/* Lines of a text without blank lines are paragraphs each. */
	assert_string_equal(g.r[0].body, "First line of the text.\n\nSecond line of the text.");
	got_release(&g);
	/* Without the map there is no text column. */
	assert_int_equal(read_table("table/renamed.csv", 1, NULL, &g, &err), -1);
	assert_non_null(strstr(err, "unable to read 'table/renamed.csv': the header row has no 'text' column"));
	free(err);
	err = NULL;
	assert_int_equal(read_str("text\nx\n", 1, "body=text", &g, &err), -1);
	assert_non_null(strstr(err, "bad --map entry 'body=text'"));
	free(err);
	err = NULL;
	assert_int_equal(read_str("text\nx\n", 1, "title", &g, &err), -1);
	free(err);
	got_release(&g);
}

static void test_csv_broken(void **state)
{
	(void)state;
	struct got g = {0};
	char *err = NULL;
	assert_int_equal(read_str("", 1, NULL, &g, &err), -1);
	assert_non_null(strstr(err, "no header row"));
	free(err);
	err = NULL;
	/* An unclosed quote at the end: the last row is reported, the rest kept. */
	assert_int_equal(read_str("title,text\nA,Good text.\nB,\"never closed\n", 1, NULL, &g, &err), 0);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.nerr, 1);
	assert_string_equal(g.err_item[0], "row 3");
	assert_non_null(strstr(g.err_msg[0], "never closed"));
	got_release(&g);
	/* windows-1252 from a spreadsheet: decoded, with a warning. */
	assert_int_equal(read_str("title,text\nCaf\xe9,Talks in Bogot\xe1.\n", 1, NULL, &g, &err), 0);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.r[0].title, "Caf\xc3\xa9");
	assert_non_null(strstr(g.r[0].warnings, "not utf-8"));
	got_release(&g);
}

static void test_jsonl(void **state)
{
	(void)state;
	struct got g = {0};
	char *err = NULL;
	assert_int_equal(read_table("table/reports.jsonl", 0, NULL, &g, &err), 0);
	assert_int_equal(g.n, 2);
	assert_int_equal(g.nerr, 5);
	struct got_report *r = &g.r[0];
	assert_string_equal(r->item, "line 1");
	assert_string_equal(r->format, "jsonl");
	assert_string_equal(r->agency, "Xinhua");
	assert_string_equal(r->place, "BEIJING");
	assert_int_equal(r->published, unix_from_civil(2015, 1, 6, 12, 0, 0));
	assert_int_equal(r->tz, 480);
	r = &g.r[1];
	assert_string_equal(r->item, "line 3");
	assert_int_equal(r->published, 1420528200);
	assert_int_equal(r->pub_known, PUB_TIME);
	const char *items[] = {"line 4", "line 5", "line 6", "line 7", "line 8"};
	const char *msgs[] = {"not json", "not a json object", "no text", "'yesterday' is not a date",
			      "'text' is not a string"};
	for (int i = 0; i < 5; i++) {
		assert_string_equal(g.err_item[i], items[i]);
		assert_non_null(strstr(g.err_msg[i], msgs[i]));
	}
	got_release(&g);
	assert_int_equal(read_str("{\"headline\":\"H\",\"body\":\"B\"}\n", 0, "title=headline,text=body",
				  &g, &err), 0);
	assert_string_equal(g.r[0].title, "H");
	got_release(&g);
}

/* A line past the ceiling is reported and skipped, never parsed whole. */
static void test_huge_records(void **state)
{
	(void)state;
	size_t big = TABLE_MAX_RECORD + ((size_t)1 << 20);
	char *data = malloc(big + 200);
	assert_non_null(data);
	size_t n = (size_t)snprintf(data, 200, "{\"text\": \"");
	memset(data + n, 'a', big);
	n += big;
	n += (size_t)snprintf(data + n, 200, "\"}\n{\"text\": \"after\"}\n");
	struct got g = {0};
	char *err = NULL;
	assert_int_equal(table_read(data, n, 0, NULL, NULL, keep, fail_item, &g, &err), 0);
	assert_int_equal(g.nerr, 1);
	assert_string_equal(g.err_item[0], "line 1");
	assert_non_null(strstr(g.err_msg[0], "longer than 64 MB"));
	assert_int_equal(g.n, 1);
	assert_string_equal(g.r[0].body, "after");
	got_release(&g);
	/* A CSV field that never ends: the file is refused, not held whole. */
	n = (size_t)snprintf(data, 200, "title,text\nA,ok\nB,\"");
	memset(data + n, 'b', big);
	n += big;
	assert_int_equal(table_read(data, n, 1, NULL, NULL, keep, fail_item, &g, &err), -1);
	assert_non_null(strstr(err, "row 3: a field longer than 64 MB"));
	assert_int_equal(g.n, 1);
	free(err);
	got_release(&g);
	free(data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_csv_map),
		cmocka_unit_test(test_csv_broken),
		cmocka_unit_test(test_jsonl),
		cmocka_unit_test(test_huge_records),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
