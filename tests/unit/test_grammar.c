/* The extractor's grammar as data (ingest/grammar.h): the shipped
 * dict/grammar.tsv, words and phrases added with --dict, and the refusal of
 * wrong files with their name and line. */
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
#include "ingest/grammar.h"

/* Whether class c holds the entry written as `words` (space-separated). */
static int holds(const struct grammar *g, int c, const char *words)
{
	for (size_t i = 0; i < g->n_entries[c]; i++) {
		char joined[256] = "";
		for (size_t k = 0; k < g->entries[c][i].n; k++) {
			if (k)
				strcat(joined, " ");
			strncat(joined, g->entries[c][i].words[k], sizeof(joined) - strlen(joined) - 2);
		}
		if (!strcmp(joined, words))
			return 1;
	}
	return 0;
}

static void test_shipped(void **state)
{
	(void)state;
	struct grammar g;
	char *err = NULL;
	assert_int_equal(grammar_load(&g, NULL, NULL, 0, &err), 0);
	assert_true(holds(&g, GC_REPORTING, "said"));
	assert_true(holds(&g, GC_NEGATOR, "not"));
	assert_true(holds(&g, GC_HONORIFIC, "Mr"));           /* as written */
	assert_true(holds(&g, GC_CLAUSE_BREAK, ";"));         /* escaped in the file */
	/* Verb forms come from the lemma: "postpone+" and "call+ off". */
	assert_true(holds(&g, GC_CANCEL, "postponed"));
	assert_true(holds(&g, GC_CANCEL, "postponing"));
	assert_true(holds(&g, GC_CANCEL, "called off"));
	assert_true(holds(&g, GC_CANCEL, "scrapped"));        /* scrap++ doubles the p */
	assert_true(holds(&g, GC_CANCEL, "putting off"));     /* put+ off: spelling rules alone */
	assert_false(holds(&g, GC_CANCEL, "scraped"));
	assert_false(holds(&g, GC_REPORTING, "postponed"));
	for (int c = 0; c < GC_COUNT; c++)
		assert_true(g.n_entries[c] > 0);                 /* every class has words */
	grammar_release(&g);
}

/* Writes `text` to a temporary grammar.tsv in a new directory; returns the
 * file's path in `path`. */
static void write_grammar(char *dir, char *path, size_t cap, const char *text)
{
	strcpy(dir, "/tmp/communique-grammar.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, cap, "%s/grammar.tsv", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void remove_grammar(const char *dir, const char *path)
{
	unlink(path);
	rmdir(dir);
}

static void test_extra_words(void **state)
{
	(void)state;
	char dir[64], path[128];
	write_grammar(dir, path, sizeof(path), "# mine\nnegator\tbarely\ncancel\tcall+ it quits on\n");
	struct grammar g;
	char *err = NULL;
	const char *extra[] = {dir};   /* a --dict directory holding grammar.tsv */
	assert_int_equal(grammar_load(&g, NULL, extra, 1, &err), 0);
	assert_true(holds(&g, GC_NEGATOR, "barely"));
	assert_true(holds(&g, GC_NEGATOR, "not"));            /* added to, not replaced */
	assert_true(holds(&g, GC_CANCEL, "called it quits on"));
	grammar_release(&g);
	remove_grammar(dir, path);
}

/* Each bad file is refused with its path, line and what was wrong. */
static void test_refused(void **state)
{
	(void)state;
	static const struct {
		const char *text, *line, *why;
	} bad[] = {
		{"negator\tnot\nnegatives\tnope\n", "line 2: ", "unknown word class 'negatives'"},
		{"reporting\tsaid so\n", "line 1: ", "only the class 'cancel' takes phrases"},
		{"\nplan\twill;; shall\n", "line 2: ", "empty entry"},
		{"plan will\n", "line 1: ", "two tab-separated columns"},
		{"cancel\tcall off+\n", "line 1: ", "only the first word"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		char dir[64], path[128];
		write_grammar(dir, path, sizeof(path), bad[i].text);
		struct grammar g;
		char *err = NULL;
		const char *extra[] = {path};
		assert_int_equal(grammar_load(&g, NULL, extra, 1, &err), -1);
		assert_non_null(err);
		assert_non_null(strstr(err, path));
		assert_non_null(strstr(err, bad[i].line));
		assert_non_null(strstr(err, bad[i].why));
		free(err);
		/* The extractor refuses the same file the same way. */
		struct extractor *x = NULL;
		assert_int_equal(extractor_new(extra, 1, &x, &err), -1);
		assert_null(x);
		assert_non_null(strstr(err, bad[i].why));
		free(err);
		remove_grammar(dir, path);
	}
}

/* A word added with --dict changes what the extractor reads: "refused to"
 * negates already; an analyst's own negator does too. */
static void test_extractor_uses_extra(void **state)
{
	(void)state;
	char dir[64], path[128];
	write_grammar(dir, path, sizeof(path), "negator\tnearly\n");
	const char *extra[] = {path};
	struct extractor *x = NULL;
	char *err = NULL;
	assert_int_equal(extractor_new(extra, 1, &x, &err), 0);
	struct report r;
	struct event_list ev;
	report_init(&r);
	event_list_init(&ev);
	assert_int_equal(report_set(&r.body, "Japan nearly expelled two Russian diplomats on Monday."), 0);
	r.published = unix_from_civil(2022, 4, 12, 12, 0, 0);
	r.pub_known = PUB_TIME;
	assert_int_equal(extract_events(x, &r, &ev, &err), 0);
	int negated = 0;
	for (size_t i = 0; i < ev.n; i++)
		negated |= !strcmp(ev.items[i].type, "expulsion") && ev.items[i].status == STATUS_NEGATED;
	assert_true(negated);
	event_list_release(&ev);
	report_release(&r);
	extractor_free(x);
	remove_grammar(dir, path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped),
		cmocka_unit_test(test_extra_words),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_extractor_uses_extra),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
