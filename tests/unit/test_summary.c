/* The type table's summary parts (util/types.c): the optional fifth part,
 * what may follow the act in a summary, read and refused with file and line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/types.h"

/* Writes text to a types.tsv in a fresh folder; returns its path (static). */
static const char *write_types(const char *text)
{
	static char dir[64], path[96];
	snprintf(dir, sizeof(dir), "/tmp/test_summary_%ld", (long)getpid());
	mkdir(dir, 0700);
	snprintf(path, sizeof(path), "%s/types.tsv", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static void test_shipped_objects(void **state)
{
	(void)state;
	char *err = NULL;
	assert_int_equal(types_load(NULL, 0, &err), 0);
	const struct event_type *t = types_find("accusation");
	assert_non_null(t);
	assert_non_null(t->objects);
	assert_non_null(strstr(t->objects, "of"));
	t = types_find("agreement");
	assert_non_null(t);
	assert_non_null(strstr(t->objects, "to=agreed to"));
	/* measures taken against or for a state: the table says which */
	assert_true(types_find("sanctions")->props & TP_MEASURE);
	assert_true(types_find("sanctions_relief")->props & TP_MEASURE);
	assert_true(types_find("expulsion")->props & TP_MEASURE);
	assert_false(types_find("meeting")->props & TP_MEASURE);
	assert_false(types_find("threat")->props & TP_MEASURE);
	types_release();
}

static void test_fifth_part_read(void **state)
{
	(void)state;
	const char *path = write_types("# mine\n"
				       "evacuation\t0233\tdir\tEvacuation\tevacuated nationals; evacuated nationals from; "
				       "will evacuate nationals from; did not evacuate nationals from; over|amid=evacuated nationals amid\t\n"
				       "pilgrimage\t042\tdir\tPilgrimage\tmade a pilgrimage; made a pilgrimage to; will make a pilgrimage to; did not go to\t\n");
	const char *extra[] = {path};
	char *err = NULL;
	assert_int_equal(types_load(extra, 1, &err), 0);
	const struct event_type *t = types_find("evacuation");
	assert_non_null(t);
	assert_string_equal(t->negated, "did not evacuate nationals from");
	assert_string_equal(t->objects, "over|amid=evacuated nationals amid");
	t = types_find("pilgrimage");
	assert_non_null(t);
	assert_null(t->objects);
	types_release();
	unlink(path);
}

static void refused(const char *summary, const char *message)
{
	char row[512];
	snprintf(row, sizeof(row), "# mine\n\nevacuation\t0233\tdir\tEvacuation\t%s\t\n", summary);
	const char *path = write_types(row);
	const char *extra[] = {path};
	char *err = NULL;
	assert_int_equal(types_load(extra, 1, &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, "line 3"));
	assert_non_null(strstr(err, message));
	/* The shipped table stays. */
	assert_non_null(types_find("visit"));
	assert_null(types_find("evacuation"));
	free(err);
	types_release();
	unlink(path);
}

static void test_fifth_part_refused(void **state)
{
	(void)state;
	refused("a; b; c; d; Over", "what may follow");
	refused("a; b; c; d; of||for", "what may follow");
	refused("a; b; c; d; to=", "what may follow");
	refused("a; b; c; d; to= agreed to", "what may follow");
	refused("a; b; c; d; of; for", "what may follow");
	refused("a; b; c; d; ", "empty summary phrase");
	refused("a; b; c", "four");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_objects),
		cmocka_unit_test(test_fifth_part_read),
		cmocka_unit_test(test_fifth_part_refused),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	char dir[64];
	snprintf(dir, sizeof(dir), "/tmp/test_summary_%ld", (long)getpid());
	rmdir(dir);
	return failed;
}
