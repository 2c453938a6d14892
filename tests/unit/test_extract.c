/* Event extraction (ingest/extract.h) where a table row cannot say it: the
 * cases of sentences and the events they give are rows of the tables of
 * tests/data/extract/sentences/, read by test_extract_table.c. What stays
 * here is no sentence -> events case: an extractor built with an analyst's
 * extra dictionary (the tables use the shipped dictionaries alone), an extra
 * dictionary refused with its file and line, and extract_infer_year called
 * on a report struct whose state no table row can give (a dated report
 * that also carries a yearless dateline). */
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

/* One report and its events. */
struct run {
	struct report r;
	struct event_list ev;
};

/* A report published at local time y-m-d hh:mm at UTC+tz_min (so that its
 * own day is y-m-d), with its events extracted by x. */
static void extract_with(struct extractor *x, struct run *o, int y, int m, int d, int hh, int mm, int tz_min,
			 const char *title, const char *body)
{
	report_init(&o->r);
	event_list_init(&o->ev);
	assert_int_equal(report_set(&o->r.title, title), 0);
	assert_int_equal(report_set(&o->r.body, body), 0);
	o->r.published = unix_from_civil(y, m, d, hh, mm, 0) - (int64_t)tz_min * 60;
	o->r.pub_known = PUB_TIME;
	o->r.tz_offset_min = tz_min;
	char *err = NULL;
	int rc = extract_events(x, &o->r, &o->ev, &err);
	if (rc)
		print_message("extract_events: %s\n", err ? err : "?");
	assert_int_equal(rc, 0);
}

static void done(struct run *o)
{
	event_list_release(&o->ev);
	report_release(&o->r);
}

static void dump(const struct run *o)
{
	print_message("report: %s | %s\n", o->r.title ? o->r.title : "", o->r.body ? o->r.body : "");
	for (size_t i = 0; i < o->ev.n; i++) {
		const struct event *e = &o->ev.items[i];
		char d[16];
		cdate_format(&e->date, d);
		print_message("  %s %s %s %s/%d:", e->type, e->cameo, event_status_name(e->status), d, e->date.prec);
		for (size_t k = 0; k < e->n_actors; k++)
			print_message(" %s:%s[%s]", actor_role_name(e->actors[k].role),
				      e->actors[k].code ? e->actors[k].code : "-", e->actors[k].name);
		print_message("\n");
	}
	if (!o->ev.n)
		print_message("  (no events)\n");
}

static size_t count_type(const struct run *o, const char *type)
{
	size_t n = 0;
	for (size_t i = 0; i < o->ev.n; i++)
		n += !strcmp(o->ev.items[i].type, type);
	return n;
}

/* The one event of `type`; fails when there is none or more than one. */
static const struct event *only(const struct run *o, const char *type)
{
	if (count_type(o, type) != 1) {
		print_message("expected one %s event\n", type);
		dump(o);
	}
	assert_int_equal(count_type(o, type), 1);
	for (size_t i = 0; i < o->ev.n; i++)
		if (!strcmp(o->ev.items[i].type, type))
			return &o->ev.items[i];
	return NULL;
}

/* The event's date as cdate_format writes it, and its precision. */
static void expect_date(const struct event *e, const char *date, enum date_precision prec)
{
	char d[16];
	cdate_format(&e->date, d);
	if (strcmp(d, date) || e->date.prec != prec)
		print_message("%s event dated '%s' precision %d\n", e->type, d, e->date.prec);
	assert_string_equal(d, date);
	assert_int_equal(e->date.prec, prec);
}

/* The event has an actor with this code in this role (and this name when
 * `name` is given); returns it. */
static const struct event_actor *expect_party(const struct event *e, const char *code, enum actor_role role,
					      const char *name)
{
	for (size_t k = 0; k < e->n_actors; k++) {
		const struct event_actor *a = &e->actors[k];
		if (a->role == role && a->code && !strcmp(a->code, code) && (!name || !strcmp(a->name, name)))
			return a;
	}
	print_message("%s event has no %s %s%s%s; it has:", e->type, actor_role_name(role), code,
		      name ? " " : "", name ? name : "");
	for (size_t k = 0; k < e->n_actors; k++)
		print_message(" %s:%s[%s]", actor_role_name(e->actors[k].role),
			      e->actors[k].code ? e->actors[k].code : "-", e->actors[k].name);
	print_message("\n");
	fail();
	return NULL;
}

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

/* ---- extra dictionaries: another extractor than the shipped one ------------ */

static void test_extra_dictionary_person(void **state)
{
	(void)state;
	/* With an analyst's persons.tsv, the untitled surname and the title
	 * alone resolve to the minister in office. */
	char dir[256], path[512];
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof(dir), "%s/test_extract.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/persons.tsv", dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs("Gabrielius Landsbergis\tLTU\t\tforeign_minister|Minister of Foreign Affairs|2020-12-11|2024-12-12\n", f);
	assert_int_equal(fclose(f), 0);
	const char *dicts[] = {path};
	struct extractor *x = NULL;
	char *err = NULL;
	int rc = extractor_new(dicts, 1, &x, &err);
	if (rc)
		print_message("%s\n", err);
	assert_int_equal(rc, 0);
	struct run o;
	extract_with(x, &o, 2022, 3, 7, 10, 10, 120, NULL,
		     "U.S. Secretary of State Antony Blinken met the Lithuanian Foreign Minister in Vilnius on Monday.");
	const struct event *e = only(&o, "meeting");
	expect_party(e, "USA", ROLE_PARTICIPANT, "Antony Blinken");
	const struct event_actor *a = expect_party(e, "LTU", ROLE_PARTICIPANT, "Gabrielius Landsbergis");
	assert_string_equal(a->title, "Minister of Foreign Affairs");
	expect_date(e, "2022-03-07", PREC_DAY);
	done(&o);
	extractor_free(x);
	unlink(path);
	rmdir(dir);
}

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
		cmocka_unit_test(test_extra_dictionary_person),
		cmocka_unit_test(test_malformed_extra_dictionary),
	};
	return cmocka_run_group_tests(tests, make_extractor, free_extractor);
}
