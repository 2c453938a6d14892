/* Table importer: CSV with broken rows, renamed columns, other encodings;
 * JSONL with bad lines; bounded records. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ingest/table.h"
#include "util/cdate.h"

#include "reader_sink.h"

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

/* A NUL byte inside a cell used to end it, silently dropping the text after
 * it: now the byte is removed, the rest kept, and the report warned with the
 * column (issue 13). */
static void test_csv_nul(void **state)
{
	(void)state;
	static const char csv[] = "title,text\n"
				  "Talks,\"Lavrov met Kerry in Geneva. \0The talks went on late.\"\n"
				  "Ti\0tle,Second report.\n";
	struct got g = {0};
	char *err = NULL;
	assert_int_equal(table_read(csv, sizeof(csv) - 1, 1, NULL, NULL, keep, fail_item, &g, &err), 0);
	assert_null(err);
	assert_int_equal(g.nerr, 0);
	assert_int_equal(g.n, 2);
	assert_string_equal(g.r[0].item, "row 2");
	assert_string_equal(g.r[0].body, "Lavrov met Kerry in Geneva. The talks went on late.");
	assert_non_null(g.r[0].warnings);
	assert_non_null(strstr(g.r[0].warnings, "1 NUL byte removed (first in column 2)"));
	assert_string_equal(g.r[1].title, "Title");
	assert_non_null(strstr(g.r[1].warnings, "column 1"));
	got_release(&g);
}

/* A bad first line costs only itself: it is reported with its number and
 * the lines after it are read (issue 13). A file none of whose lines is a
 * JSON object is refused with one message. */
static void test_jsonl_bad_first_line(void **state)
{
	(void)state;
	struct got g = {0};
	char *err = NULL;
	assert_int_equal(read_str("{\"text\": \"cut off\n"
				  "{\"title\": \"Second\", \"text\": \"The second report.\"}\n"
				  "\n"
				  "{\"title\": \"Third\", \"text\": \"The third report.\"}\n",
				  0, NULL, &g, &err), 0);
	assert_null(err);
	assert_int_equal(g.nerr, 1);
	assert_string_equal(g.err_item[0], "line 1");
	assert_non_null(strstr(g.err_msg[0], "not json"));
	assert_int_equal(g.n, 2);
	assert_string_equal(g.r[0].item, "line 2");
	assert_string_equal(g.r[0].title, "Second");
	assert_string_equal(g.r[1].item, "line 4");
	assert_string_equal(g.r[1].title, "Third");
	got_release(&g);
	/* The first line an array, not an object: likewise. */
	assert_int_equal(read_str("[1, 2]\n{\"text\": \"After the array.\"}\n", 0, NULL, &g, &err), 0);
	assert_int_equal(g.nerr, 1);
	assert_string_equal(g.err_item[0], "line 1");
	assert_int_equal(g.n, 1);
	got_release(&g);
	/* A pretty-printed document: one message, no per-line noise. */
	assert_int_equal(read_str("{\n  \"title\": \"T\",\n  \"text\": \"B\"\n}\n", 0, NULL, &g, &err), -1);
	assert_non_null(strstr(err, "not JSON Lines"));
	assert_int_equal(g.nerr, 0);
	assert_int_equal(g.n, 0);
	free(err);
	err = NULL;
	got_release(&g);
	/* No line at all: nothing, and no error. */
	assert_int_equal(read_str("\n  \n", 0, NULL, &g, &err), 0);
	assert_int_equal(g.n + g.nerr, 0);
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
		cmocka_unit_test(test_csv_nul),
		cmocka_unit_test(test_jsonl),
		cmocka_unit_test(test_jsonl_bad_first_line),
		cmocka_unit_test(test_huge_records),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
