/* Successions of states (ingest/succession.h): the shipped table and the
 * day each code starts to apply, a --dict file that adds a row, and the
 * refusal of a wrong row with its file and line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/succession.h"

static const char *code_on(const struct succession_table *t, const char *code, const char *day)
{
	struct cdate d;
	assert_int_equal(cdate_parse(day, &d), 0);
	return succession_code(t, code, &d);
}

static void test_shipped(void **state)
{
	(void)state;
	struct succession_table t;
	char *err = NULL;
	assert_int_equal(succession_load(&t, NULL, 0, &err), 0);
	assert_string_equal(code_on(&t, "RUS", "1987-03-02"), "SUN");
	assert_string_equal(code_on(&t, "RUS", "1991-12-25"), "SUN");
	assert_string_equal(code_on(&t, "RUS", "1991-12-26"), "RUS");
	assert_string_equal(code_on(&t, "RUS", "1991"), "SUN");        /* a year counts from its first day */
	assert_string_equal(code_on(&t, "SRB", "1999-03-24"), "YUG");
	assert_string_equal(code_on(&t, "SRB", "2004-05"), "SCG");     /* the earliest later row wins */
	assert_string_equal(code_on(&t, "SRB", "2008-02-17"), "SRB");
	assert_string_equal(code_on(&t, "JPN", "1987-03-02"), "JPN");
	struct cdate unknown = {0, 0, 0, PREC_UNKNOWN};
	assert_string_equal(succession_code(&t, "RUS", &unknown), "RUS");
	succession_release(&t);
}

static void test_extra_and_refused(void **state)
{
	(void)state;
	char dir[] = "/tmp/communique-succ.XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[128];
	snprintf(path, sizeof(path), "%s/successions.tsv", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("# Yemen before unification\nYEM\tYMD\t1990-05-22\n", f);
	assert_int_equal(fclose(f), 0);
	struct succession_table t;
	char *err = NULL;
	const char *extra[] = {dir};
	assert_int_equal(succession_load(&t, extra, 1, &err), 0);
	assert_string_equal(code_on(&t, "YEM", "1986-01-13"), "YMD");
	assert_string_equal(code_on(&t, "RUS", "1987-01-01"), "SUN");   /* the shipped rows stay */
	succession_release(&t);

	f = fopen(path, "w");
	assert_non_null(f);
	fputs("YEM\tYMD\t1990-05-22\nYEM\tYMD\t1990\n", f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(succession_load(&t, extra, 1, &err), -1);
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, "line 2: the day must be YYYY-MM-DD"));
	free(err);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped),
		cmocka_unit_test(test_extra_and_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
