/* Roles that act for another code than their holder's (persons.tsv
 * "role|title|from|to|code"): one person, two states in two periods, read
 * through a --dict file; a bad code is refused with the file and line. */
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

static char dir[64], path[128];

static void write_persons(const char *text)
{
	strcpy(dir, "/tmp/communique-roles.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/persons.tsv", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void remove_persons(void)
{
	unlink(path);
	rmdir(dir);
}

/* The code of the first party of the first event of `body`, published on y-m-d. */
static void first_code(struct extractor *x, int y, int m, int d, const char *body, char *out, size_t cap)
{
	struct report r;
	struct event_list ev;
	report_init(&r);
	event_list_init(&ev);
	assert_int_equal(report_set(&r.body, body), 0);
	r.published = unix_from_civil(y, m, d, 12, 0, 0);
	r.pub_known = PUB_TIME;
	char *err = NULL;
	assert_int_equal(extract_events(x, &r, &ev, &err), 0);
	assert_true(ev.n > 0);
	snprintf(out, cap, "%s", ev.items[0].actors[0].code ? ev.items[0].actors[0].code : "");
	event_list_release(&ev);
	report_release(&r);
}

static void test_role_codes(void **state)
{
	(void)state;
	write_persons("Aram Vartanovich Testov\tSUN\t\tforeign_minister|Minister of Foreign Affairs|1985-07-02|1990-12-20; "
		      "head_of_state|Chairman of the State Council|1992-03-10|2003-11-23|GEO\n");
	const char *extra[] = {dir};
	struct extractor *x = NULL;
	char *err = NULL;
	assert_int_equal(extractor_new(extra, 1, &x, &err), 0);
	char code[16];
	first_code(x, 1988, 5, 2, "Aram Vartanovich Testov met Japanese Foreign Minister Sosuke Uno in Moscow on Monday.",
		   code, sizeof(code));
	assert_string_equal(code, "SUN");
	first_code(x, 1995, 5, 2, "Aram Vartanovich Testov met Turkish President Suleyman Demirel in Tbilisi on Tuesday.",
		   code, sizeof(code));
	assert_string_equal(code, "GEO");
	extractor_free(x);
	remove_persons();
}

static void test_bad_role_code(void **state)
{
	(void)state;
	write_persons("Aram Vartanovich Testov\tSUN\t\thead_of_state|President|1992-03-10||Georgia\n");
	const char *extra[] = {dir};
	struct extractor *x = NULL;
	char *err = NULL;
	assert_int_equal(extractor_new(extra, 1, &x, &err), -1);
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, "line 1"));
	assert_non_null(strstr(err, "a role's code is two to seven capital letters"));
	free(err);
	remove_persons();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_role_codes),
		cmocka_unit_test(test_bad_role_code),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
