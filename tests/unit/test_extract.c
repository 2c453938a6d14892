/* Event extraction (ingest/extract.h) where a table row cannot say it: the
 * cases of sentences and the events they give are rows of the tables of
 * tests/data/extract/sentences/, read by test_extract_table.c. What stays
 * here is no sentence -> events case: an extra dictionary that extractor_new
 * refuses, and extract_infer_year called on a report struct in a state no
 * table row gives (a dated report that also carries a yearless dateline). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/extract.h"
#define EXTRACTOR_FIXTURE
#include "extractor_fixture.h"

/* ---- year inference on a report struct --------------------------------- */

/* A report whose dateline said "Dec. 28" and nothing more. */
static void undated_report(struct report *r, const char *title, const char *body)
{
	report_init(r);
	assert_int_equal(report_set(&r->title, title), 0);
	assert_int_equal(report_set(&r->body, body), 0);
	r->pub_known = PUB_NONE;
	r->undated_month = 12;
	r->undated_day = 28;
}

/* A report already dated keeps its date even with a yearless dateline
 * beside it: a state of the struct no table row gives (their days are
 * either a date or a dateline). */
static void test_infer_year_leaves_dated_reports_alone(void **state)
{
	(void)state;
	struct report r;
	undated_report(&r, "Japan, South Korea settle wartime brothel issue",
		       "Japanese Foreign Minister Fumio Kishida and South Korean Foreign Minister Yun Byung-se "
		       "reached an agreement in Seoul on Monday.");
	r.pub_known = PUB_DATE;
	r.published = unix_from_civil(2015, 12, 28, 0, 0, 0);
	assert_int_equal(extract_infer_year(X, &r), 0);
	assert_int_equal(r.pub_known, PUB_DATE);
	assert_int_equal(r.n_warnings, 0);
	report_release(&r);
}

/* ---- extra dictionaries ----------------------------------------------- */

/* An extra dictionary with an error is refused, naming its file and line:
 * no extractor, so no row of a table can say it. */
static void test_malformed_extra_dictionary(void **state)
{
	(void)state;
	char dir[256], path[512];
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof(dir), "%s/test_extract.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/actors.tsv", dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs("# the Baltic Assembly\nXBA\tparliament\tBaltic Assembly\t\t\t\n", f);
	assert_int_equal(fclose(f), 0);
	const char *dicts[] = {path};
	struct extractor *x = NULL;
	char *err = NULL;
	assert_int_equal(extractor_new(dicts, 1, &x, &err), -1);
	assert_null(x);
	assert_non_null(err);
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, "line 2"));
	free(err);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_infer_year_leaves_dated_reports_alone),
		cmocka_unit_test(test_malformed_extra_dictionary),
	};
	return cmocka_run_group_tests(tests, make_extractor, free_extractor);
}
