/* Event extraction (ingest/extract.h) driven by tables: every row of each
 * .tsv file of tests/data/extract/sentences/ is a short report (its publication day
 * and its text, our own sentences about real diplomacy) with the events it
 * must give and must not give. One driver reads the tables, so a new
 * construction is one row, not one C function. Format: see the header of
 * sentences/constructions.tsv. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>

#include "ingest/extract.h"

#define TABLES TEST_DATA_DIR "/extract/sentences"

static struct extractor *X;

static int make_extractor(void **state)
{
	(void)state;
	char *err = NULL;
	if (extractor_new(NULL, 0, &X, &err)) {
		print_message("extractor_new: %s\n", err ? err : "?");
		free(err);
		return -1;
	}
	return 0;
}

static int free_extractor(void **state)
{
	(void)state;
	extractor_free(X);
	X = NULL;
	return 0;
}

/* Whether event e has an actor of `code` in `role` (any role when role < 0). */
static int has_party(const struct event *e, const char *code, int role)
{
	for (size_t i = 0; i < e->n_actors; i++)
		if (e->actors[i].code && !strcmp(e->actors[i].code, code) &&
		    (role < 0 || (int)e->actors[i].role == role))
			return 1;
	return 0;
}

/* Whether every code of the list (`+`-separated) is a party in `role`. */
static int has_parties(const struct event *e, char *list, int role)
{
	char *save = NULL;
	for (char *c = strtok_r(list, "+", &save); c; c = strtok_r(NULL, "+", &save))
		if (!has_party(e, c, role))
			return 0;
	return 1;
}

/* Whether event e fits the spec "type [status [date [parties]]]" (a field
 * left out matches anything): parties are "SRC>TGT" (directed; either side
 * may be empty) or "A+B" (any roles); date "-" means none, "*" any. */
static int fits(const struct event *e, const char *spec)
{
	char type[32], status[16], date[16], parties[96];
	int n = sscanf(spec, "%31s %15s %15s %95s", type, status, date, parties);
	if (n < 1)
		fail_msg("bad expectation '%s' (type status date parties)", spec);
	if (strcmp(e->type, type) || (n >= 2 && strcmp(event_status_name(e->status), status)))
		return 0;
	char d[16];
	cdate_format(&e->date, d);
	if (n >= 3 && strcmp(date, "*") &&
	    (strcmp(date, "-") ? strcmp(d, date) != 0 : e->date.prec != PREC_UNKNOWN))
		return 0;
	if (n < 4)
		return 1;
	char *gt = strchr(parties, '>');
	if (!gt)
		return has_parties(e, parties, -1);
	*gt = '\0';
	return has_parties(e, parties, ROLE_SOURCE) && has_parties(e, gt + 1, ROLE_TARGET);
}

static void describe(const struct event_list *l, char *out, size_t cap)
{
	size_t n = 0;
	out[0] = '\0';
	for (size_t i = 0; i < l->n && n < cap; i++) {
		const struct event *e = &l->items[i];
		char d[16];
		cdate_format(&e->date, d);
		n += (size_t)snprintf(out + n, cap - n, "\n      %s %s %s", e->type, event_status_name(e->status), d);
		for (size_t a = 0; a < e->n_actors && n < cap; a++)
			n += (size_t)snprintf(out + n, cap - n, " %s:%c", e->actors[a].code ? e->actors[a].code : "?",
					      "stp"[e->actors[a].role]);
	}
}

/* Checks one row; returns 0 when it holds, else prints why and returns 1. */
static int check_row(const char *table, size_t line, const char *day, const char *text, char *expect)
{
	struct report r;
	struct event_list ev;
	report_init(&r);
	event_list_init(&ev);
	int y, m, d;
	assert_int_equal(sscanf(day, "%d-%d-%d", &y, &m, &d), 3);
	/* The title is the first sentence, as a headline would be. */
	assert_int_equal(report_set(&r.body, text), 0);
	r.published = unix_from_civil(y, m, d, 12, 0, 0);
	r.pub_known = PUB_TIME;
	char *err = NULL;
	assert_int_equal(extract_events(X, &r, &ev, &err), 0);
	int bad = 0;
	char *save = NULL;
	for (char *want = strtok_r(expect, ";", &save); want; want = strtok_r(NULL, ";", &save)) {
		while (*want == ' ')
			want++;
		int neg = *want == '!';
		const char *spec = want + neg;
		int found = 0;
		if (!strcmp(spec, "none")) {
			for (size_t i = 0; i < ev.n; i++)
				found |= strcmp(ev.items[i].type, "statement") != 0;
			neg = 1;
		} else {
			for (size_t i = 0; i < ev.n; i++)
				found |= fits(&ev.items[i], spec);
		}
		if (found == neg) {
			char got[2048];
			describe(&ev, got, sizeof(got));
			print_message("%s:%zu: %s '%s' in \"%s\"; got:%s\n", table, line,
				      neg ? "unexpected" : "missing", spec, text, ev.n ? got : " nothing");
			bad = 1;
		}
	}
	event_list_release(&ev);
	report_release(&r);
	return bad;
}

/* Checks every row of one table; adds to *rows and *bad. */
static void check_table(const char *path, const char *name, size_t *rows, size_t *bad)
{
	FILE *f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open %s", path);
	char line[4096];
	size_t no = 0;
	while (fgets(line, sizeof(line), f)) {
		no++;
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		if (!t1 || !t2)
			fail_msg("%s:%zu: expected three tab-separated columns", name, no);
		*t1 = *t2 = '\0';
		(*rows)++;
		*bad += (size_t)check_row(name, no, line, t1 + 1, t2 + 1);
	}
	fclose(f);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int is_table(const struct dirent *d)
{
	size_t n = strlen(d->d_name);
	return n > 4 && !strcmp(d->d_name + n - 4, ".tsv");
}

static void test_tables(void **state)
{
	(void)state;
	struct dirent **names = NULL;
	int n = scandir(TABLES, &names, is_table, by_name);
	if (n < 0)
		fail_msg("cannot list %s", TABLES);
	size_t rows = 0, bad = 0;
	for (int i = 0; i < n; i++) {
		char path[1024];
		snprintf(path, sizeof(path), "%s/%s", TABLES, names[i]->d_name);
		check_table(path, names[i]->d_name, &rows, &bad);
		free(names[i]);
	}
	free(names);
	print_message("%d tables, %zu rows, %zu failed\n", n, rows, bad);
	assert_true(n > 0 && rows > 0);
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tables),
	};
	return cmocka_run_group_tests(tests, make_extractor, free_extractor);
}
