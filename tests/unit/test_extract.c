/* Event extraction (ingest/extract.h) where a table row cannot say it: the
 * cases of sentences and the events they give are rows of the tables of
 * tests/data/extract/sentences/, read by test_extract_table.c. What stays
 * here is no sentence -> events case: an extra dictionary that extractor_new
 * refuses, and extract_infer_year called on a report struct in a state no
 * table row gives (a dated report that also carries a yearless dateline),
 * and hostile inputs too large to write as a row: generated sentences that
 * pass every limit of extraction (tokens, mentions, actors, dates, quotes,
 * brackets per sentence), which must neither fail the report nor lose the
 * events told around them. */
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

/* ---- the dateline's place ---------------------------------------------- */

/* The place a reader found in the dateline is no sentence of a table:
 * "PALM BEACH, the United States" (Xinhua's form for a town abroad) names
 * the host of a journey whose end the text names only by a place the
 * dictionary does not know. */
static void test_dateline_country_hosts_a_visit(void **state)
{
	(void)state;
	struct report r;
	report_init(&r);
	assert_int_equal(report_set(&r.title, "Xi arrives for summit"), 0);
	assert_int_equal(report_set(&r.body, "Chinese President Xi Jinping arrived in Florida on Thursday."), 0);
	assert_int_equal(report_set(&r.place, "PALM BEACH, the United States"), 0);
	r.pub_known = PUB_DATE;
	r.published = unix_from_civil(2017, 4, 6, 12, 0, 0);
	struct event_list l;
	event_list_init(&l);
	char *err = NULL;
	assert_int_equal(extract_events(X, &r, &l, &err), 0);
	free(err);
	int hosted = 0;
	for (size_t i = 0; i < l.n; i++) {
		const struct event *e = &l.items[i];
		if (strcmp(e->type, "visit"))
			continue;
		for (size_t k = 0; k < e->n_actors; k++)
			hosted |= e->actors[k].role == ROLE_TARGET && e->actors[k].code &&
				  !strcmp(e->actors[k].code, "USA");
	}
	assert_true(hosted);
	event_list_release(&l);
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
	/* A pattern word with more forms than are kept is refused too, not cut
	 * short in silence (the wordings past the cut would find nothing). */
	snprintf(path, sizeof(path), "%s/events.tsv", dir);
	f = fopen(path, "wb");
	assert_non_null(f);
	fputs("# many alternatives\nsupport\t051\tdir\tlaud+|hail+|praise+|commend+|applaud+|salute+|extol+|"
	      "acclaim+|honour+|honor+|cheer+|celebrate+|admire+|endorse+|back+|champion+ ... efforts\n", f);
	assert_int_equal(fclose(f), 0);
	dicts[0] = path;
	assert_int_equal(extractor_new(dicts, 1, &x, &err), -1);
	assert_null(x);
	assert_non_null(err);
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, "line 2"));
	assert_non_null(strstr(err, "forms"));
	free(err);
	unlink(path);
	rmdir(dir);
}

/* ---- hostile input: limits of a sentence ------------------------------- */

/* A text grown piece by piece (the generated inputs below). */
struct gen {
	char *s;
	size_t n, cap;
};

static void gen_add(struct gen *g, const char *piece)
{
	size_t k = strlen(piece);
	if (g->n + k + 1 > g->cap) {
		g->cap = (g->n + k + 1) * 2;
		g->s = realloc(g->s, g->cap);
		assert_non_null(g->s);
	}
	memcpy(g->s + g->n, piece, k + 1);
	g->n += k;
}

/* Extracts the events of a report of 3 March 2023 whose body is an ordinary
 * sentence, `middle`, and another ordinary sentence: extraction must succeed
 * and still find the events of both ordinary sentences. Frees middle. */
static void extract_around(char *middle, size_t max_evidence)
{
	struct gen g = {0};
	gen_add(&g, "Russia condemned Japan on Monday over the fishing dispute. ");
	gen_add(&g, middle);
	gen_add(&g, " Germany and France signed a trade agreement in Paris on Tuesday.");
	free(middle);
	struct report r;
	report_init(&r);
	assert_int_equal(report_set(&r.title, "Talks held"), 0);
	assert_int_equal(report_set(&r.body, g.s), 0);
	r.pub_known = PUB_DATE;
	r.published = unix_from_civil(2023, 3, 3, 12, 0, 0);
	struct event_list l;
	event_list_init(&l);
	char *err = NULL;
	int rc = extract_events(X, &r, &l, &err);
	if (rc)
		print_message("extract_events: %s\n", err ? err : "?");
	free(err);
	assert_int_equal(rc, 0);
	int condemned = 0, agreed = 0;
	for (size_t i = 0; i < l.n; i++) {
		const struct event *e = &l.items[i];
		int rus = 0, jpn = 0, deu = 0, fra = 0;
		for (size_t k = 0; k < e->n_actors; k++) {
			const char *c = e->actors[k].code ? e->actors[k].code : "";
			rus |= !strcmp(c, "RUS");
			jpn |= !strcmp(c, "JPN");
			deu |= !strcmp(c, "DEU");
			fra |= !strcmp(c, "FRA");
		}
		condemned |= !strcmp(e->type, "condemnation") && rus && jpn && e->date.day == 27;
		agreed |= !strcmp(e->type, "agreement") && deu && fra;
		/* No event carries the whole run as its evidence. */
		if (e->evidence)
			assert_in_range(strlen(e->evidence), 1, max_evidence);
	}
	assert_true(condemned);
	assert_true(agreed);
	event_list_release(&l);
	report_release(&r);
	free(g.s);
}

static char *repeat(const char *head, const char *piece, const char *sep, int n, const char *tail)
{
	struct gen g = {0};
	gen_add(&g, head);
	for (int i = 0; i < n; i++) {
		if (i)
			gen_add(&g, sep);
		gen_add(&g, piece);
	}
	gen_add(&g, tail);
	return g.s;
}

/* A sentence of 5,000 words with no stop: cut into pieces of at most
 * SENTENCE_MAX_TOKENS tokens (each some 6 KB at most). */
static void test_sentence_of_5000_words(void **state)
{
	(void)state;
	extract_around(repeat("Officials said", "the talks would go on in many areas of common interest", "", 500, "."),
		       8192);
}

/* 2,000 states in one sentence: more actors than a party list holds
 * (MAX_PARTIES) and more mentions than any real sentence. */
static void test_2000_actors_in_one_sentence(void **state)
{
	(void)state;
	static const char *const states[] = {"China", "India", "Brazil", "Canada", "Mexico", "Italy", "Spain",
					     "Egypt", "Kenya", "Peru", "Chile", "Norway", "Poland"};
	struct gen g = {0};
	gen_add(&g, "Ministers of");
	for (int i = 0; i < 2000; i++) {
		gen_add(&g, i ? ", " : " ");
		gen_add(&g, states[i % 13]);
	}
	gen_add(&g, " met in Geneva on Wednesday and condemned Iran, Syria and Belarus.");
	extract_around(g.s, 8192);
}

/* Many triggers in one run-on sentence: a candidate each, the sentence cut. */
static void test_1000_triggers_in_one_sentence(void **state)
{
	(void)state;
	extract_around(repeat("Reports said that", "Canada criticised Mexico and Peru protested to Chile", ", ", 1000, "."),
		       8192);
}

/* More time expressions in a sentence than its table holds (MAX_TIMEX). */
static void test_500_dates_in_one_sentence(void **state)
{
	(void)state;
	extract_around(repeat("Officials of India and Brazil held talks on", "4 May 2021", ", ", 500, "."), 8192);
}

/* Quotations: 500 in one sentence, then one left open to the end. */
static void test_many_and_unbalanced_quotes(void **state)
{
	(void)state;
	extract_around(repeat("The minister said", "\"we condemn the attack on Norway\"", " and ", 500, "."), 8192);
	extract_around(repeat("The minister said \xe2\x80\x9cwe", "will never accept it", ", ", 800, "."), 8192);
}

/* Brackets nested 3,000 deep, and left open. */
static void test_deep_brackets(void **state)
{
	(void)state;
	struct gen g = {0};
	for (int i = 0; i < 3000; i++)
		gen_add(&g, "(");
	gen_add(&g, "Canada met Peru");
	for (int i = 0; i < 3000; i++)
		gen_add(&g, ")");
	gen_add(&g, ".");
	extract_around(g.s, 8192);
	extract_around(repeat("Spain", "(and Chile", " ", 3000, " met."), 8192);
}

/* 2,000 persons with titles, each a report actor of its own. */
static void test_2000_persons_in_one_sentence(void **state)
{
	(void)state;
	struct gen g = {0};
	gen_add(&g, "Present were");
	char piece[96];
	for (int i = 0; i < 2000; i++) {
		snprintf(piece, sizeof(piece), "%sForeign Minister Ivan Petrenko%c%c of %s", i ? ", " : " ",
			 'a' + i % 26, 'a' + i / 26 % 26, i % 2 ? "Poland" : "Norway");
		gen_add(&g, piece);
	}
	gen_add(&g, ".");
	extract_around(g.s, 8192);
}

/* One line after another with no stop: the line breaks cut it. */
static void test_lines_without_stops(void **state)
{
	(void)state;
	extract_around(repeat("Figures\n", "Canada 12 Mexico 14 Peru 9 Chile 3 Egypt 7", "\n", 3000, "\n\n"), 8192);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_infer_year_leaves_dated_reports_alone),
		cmocka_unit_test(test_malformed_extra_dictionary),
		cmocka_unit_test(test_dateline_country_hosts_a_visit),
		cmocka_unit_test(test_sentence_of_5000_words),
		cmocka_unit_test(test_2000_actors_in_one_sentence),
		cmocka_unit_test(test_1000_triggers_in_one_sentence),
		cmocka_unit_test(test_500_dates_in_one_sentence),
		cmocka_unit_test(test_many_and_unbalanced_quotes),
		cmocka_unit_test(test_deep_brackets),
		cmocka_unit_test(test_2000_persons_in_one_sentence),
		cmocka_unit_test(test_lines_without_stops),
	};
	return cmocka_run_group_tests(tests, make_extractor, free_extractor);
}
