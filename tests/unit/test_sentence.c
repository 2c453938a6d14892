/* Tokens and sentences of report text (ingest/sentence.h): abbreviations,
 * initials, quotations kept whole with their attribution, possessives and
 * hyphenated compounds, numbers, UTF-8 punctuation, flags and exact byte
 * spans. The sentences are our own, about real diplomacy. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "ingest/sentence.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Tokenises s into l (initialised by the caller). */
static void tok(const char *s, struct token_list *l)
{
	token_list_init(l);
	assert_int_equal(tokenize(s, strlen(s), 0, l), 0);
}

/* The tokens of s, as written, are exactly `want`. */
static void expect_tokens(const char *s, const char *const *want, size_t n)
{
	struct token_list l;
	tok(s, &l);
	if (l.n != n) {
		for (size_t i = 0; i < l.n; i++)
			print_message("[%.*s] ", (int)(l.t[i].end - l.t[i].start), s + l.t[i].start);
		print_message("\n");
	}
	assert_int_equal(l.n, n);
	for (size_t i = 0; i < n; i++) {
		size_t len = l.t[i].end - l.t[i].start;
		char got[128];
		assert_true(len < sizeof(got));
		memcpy(got, s + l.t[i].start, len);
		got[len] = '\0';
		assert_string_equal(got, want[i]);
	}
	token_list_release(&l);
}

/* The sentences of s, as text from their first to their last token, are
 * exactly `want`. */
static void expect_sentences(const char *s, const char *const *want, size_t n)
{
	struct token_list l;
	tok(s, &l);
	struct sentence_span *sp = NULL;
	size_t ns = 0, cap = 0;
	assert_int_equal(split_sentences(s, &l, 0, l.n, &sp, &ns, &cap), 0);
	if (ns != n)
		for (size_t i = 0; i < ns; i++)
			print_message("sentence %zu: %.*s\n", i,
				      (int)(l.t[sp[i].tok_end - 1].end - l.t[sp[i].tok_start].start),
				      s + l.t[sp[i].tok_start].start);
	assert_int_equal(ns, n);
	for (size_t i = 0; i < n; i++) {
		assert_true(sp[i].tok_end > sp[i].tok_start);
		size_t a = l.t[sp[i].tok_start].start, b = l.t[sp[i].tok_end - 1].end;
		char got[512];
		assert_true(b - a < sizeof(got));
		memcpy(got, s + a, b - a);
		got[b - a] = '\0';
		assert_string_equal(got, want[i]);
		/* sentences tile the token list */
		if (i)
			assert_int_equal(sp[i].tok_start, sp[i - 1].tok_end);
	}
	assert_int_equal(sp[0].tok_start, 0);
	assert_int_equal(sp[n - 1].tok_end, l.n);
	free(sp);
	token_list_release(&l);
}

/* ---- sentences -------------------------------------------------------- */

static void test_abbreviations_do_not_end_sentences(void **state)
{
	(void)state;
	static const char *const want[] = {
		"The U.S. and Japan signed the revised defense guidelines in New York on Apr. 27, 2015.",
		"Mr. Kishida called it a new era for the alliance.",
		"Gen. Martin Dempsey, the chairman of the Joint Chiefs, attended.",
	};
	expect_sentences("The U.S. and Japan signed the revised defense guidelines in New York on Apr. 27, 2015. "
			 "Mr. Kishida called it a new era for the alliance. "
			 "Gen. Martin Dempsey, the chairman of the Joint Chiefs, attended.",
			 want, N_OF(want));
}

static void test_month_and_number_abbreviations(void **state)
{
	(void)state;
	static const char *const want[] = {
		"Resolution No. 2231 was adopted on Jul. 20, 2015 and endorsed the nuclear deal with Iran.",
		"It was passed unanimously.",
	};
	expect_sentences("Resolution No. 2231 was adopted on Jul. 20, 2015 and endorsed the nuclear deal with Iran. "
			 "It was passed unanimously.",
			 want, N_OF(want));
}

static void test_initials_keep_the_name_whole(void **state)
{
	(void)state;
	static const char *const want[] = {
		"Secretary of State John F. Kerry arrived in Vienna for the final round.",
		"He was joined by Energy Secretary Ernest J. Moniz.",
	};
	expect_sentences("Secretary of State John F. Kerry arrived in Vienna for the final round. "
			 "He was joined by Energy Secretary Ernest J. Moniz.",
			 want, N_OF(want));
}

/* Mongolian style glues the initial to the name; a stop glued between two
 * lower-case words of run-together text still ends the sentence. */
static void test_glued_initials_keep_the_name_whole(void **state)
{
	(void)state;
	static const char *const want[] = {
		"President Kh.Battulga received Ambassador Lee in Ulaanbaatar.",
		"Foreign Minister D.Tsogtbaatar attended the talks.",
		"The talks ended.",
		"The ministers left.",
	};
	expect_sentences("President Kh.Battulga received Ambassador Lee in Ulaanbaatar. "
			 "Foreign Minister D.Tsogtbaatar attended the talks. The talks ended.The ministers left.",
			 want, N_OF(want));
}

static void test_quotation_stays_with_attribution(void **state)
{
	(void)state;
	/* Two stops inside the quotation: the quote and "Lavrov told reporters"
	 * stay one sentence. */
	static const char *const straight[] = {
		"\"The talks were useful. We will meet again in Geneva,\" Lavrov told reporters.",
		"Kerry left for Washington.",
	};
	expect_sentences("\"The talks were useful. We will meet again in Geneva,\" Lavrov told reporters. "
			 "Kerry left for Washington.",
			 straight, N_OF(straight));
	static const char *const curly[] = {
		"\xE2\x80\x9CThe talks were useful. We will meet again in Geneva,\xE2\x80\x9D Lavrov told reporters.",
		"Kerry left for Washington.",
	};
	expect_sentences("\xE2\x80\x9CThe talks were useful. We will meet again in Geneva,\xE2\x80\x9D Lavrov told reporters. "
			 "Kerry left for Washington.",
			 curly, N_OF(curly));
}

static void test_quotation_closed_by_its_own_stop(void **state)
{
	(void)state;
	/* A full quoted sentence followed by an unquoted capital: the quote ends there. */
	static const char *const want[] = {
		"Guterres said the ceasefire must hold.",
		"\"There is no military solution.\"",
		"Fighting resumed the next day.",
	};
	expect_sentences("Guterres said the ceasefire must hold. \"There is no military solution.\" "
			 "Fighting resumed the next day.",
			 want, N_OF(want));
}

static void test_question_and_exclamation(void **state)
{
	(void)state;
	static const char *const want[] = {
		"Will Tokyo and Seoul hold a summit this year?",
		"Officials would not say.",
		"Talks resume in March!",
	};
	expect_sentences("Will Tokyo and Seoul hold a summit this year? Officials would not say. Talks resume in March!",
			 want, N_OF(want));
}

static void test_ticker_in_angle_brackets_does_not_split(void **state)
{
	(void)state;
	static const char *const want[] = {
		"Shares of Sony Corp <SNE.T> and Barclays Plc <BARC.L> fell after the talks.",
		"Trade officials met again <in May>.",
	};
	expect_sentences("Shares of Sony Corp <SNE.T> and Barclays Plc <BARC.L> fell after the talks. "
			 "Trade officials met again <in May>.",
			 want, N_OF(want));
}

static void test_lower_case_after_stop_does_not_split(void **state)
{
	(void)state;
	/* Only a capital, a digit or an opening quote starts a new sentence. */
	static const char *const want[] = {
		"Exports rose by 4.2 percent in 2014 vs. the previous year, the ministry said.",
	};
	expect_sentences("Exports rose by 4.2 percent in 2014 vs. the previous year, the ministry said.", want,
			 N_OF(want));
}

/* ---- tokens ----------------------------------------------------------- */

static void test_possessive_is_its_own_token(void **state)
{
	(void)state;
	static const char *const want[] = {"Japan", "'s", "foreign", "minister", "met", "China", "\xE2\x80\x99s",
					   "Wang", "Yi", "."};
	expect_tokens("Japan's foreign minister met China\xE2\x80\x99s Wang Yi.", want, N_OF(want));
	/* Both apostrophes give the same lower-case form and hash. */
	struct token_list l;
	const char *s = "Japan's China\xE2\x80\x99s";
	tok(s, &l);
	assert_int_equal(l.n, 4);
	assert_string_equal(tok_lower(&l, 1), "'s");
	assert_string_equal(tok_lower(&l, 3), "'s");
	assert_true(l.t[1].lhash == l.t[3].lhash);
	assert_true(l.t[1].lhash == text_hash("'s", 2));
	token_list_release(&l);
}

static void test_hyphenated_compound_shows_both_names(void **state)
{
	(void)state;
	static const char *const want[] = {"The", "Japan", "-", "U.S.", "alliance", "and", "the", "China", "-",
					   "ASEAN", "summit", "."};
	expect_tokens("The Japan-U.S. alliance and the China-ASEAN summit.", want, N_OF(want));
}

static void test_dotted_abbreviations_are_one_token(void **state)
{
	(void)state;
	static const char *const want[] = {"U.N.", "envoys", "met", "at", "10", "a.m.", "in", "the", "U.S.",
					   "capital", "."};
	expect_tokens("U.N. envoys met at 10 a.m. in the U.S. capital.", want, N_OF(want));
}

static void test_numbers_keep_decimals_and_separators(void **state)
{
	(void)state;
	static const char *const want[] = {"Aid", "of", "$", "1,250.75", "million", "rose", "3.5", "%", "in",
					   "2014", "."};
	expect_tokens("Aid of $1,250.75 million rose 3.5% in 2014.", want, N_OF(want));
	struct token_list l;
	tok("rose 3.5% in 2014.", &l);
	assert_true(l.t[1].flags & TOK_NUM);
	assert_false(l.t[1].flags & TOK_WORD);
	assert_true(l.t[2].flags & TOK_PUNCT);
	assert_true(l.t[4].flags & TOK_NUM);
	token_list_release(&l);
}

static void test_curly_quotes_and_dashes_split_words(void **state)
{
	(void)state;
	static const char *const want[] = {"\xE2\x80\x9C", "Peace", "\xE2\x80\x9D", "\xE2\x80\x94", "Macron",
					   "\xE2\x80\x99s", "word", "\xE2\x80\x93", "won", "."};
	expect_tokens("\xE2\x80\x9CPeace\xE2\x80\x9D\xE2\x80\x94Macron\xE2\x80\x99s word\xE2\x80\x93won.", want,
		      N_OF(want));
}

static void test_token_spans_are_exact_bytes(void **state)
{
	(void)state;
	/* "É" is two bytes, the curly quotes three: spans count bytes. */
	const char *s = "The \xC3\x89lys\xC3\xA9" "e said: \xE2\x80\x9CKyiv\xE2\x80\x9D.";
	struct token_list l;
	tok(s, &l);
	assert_int_equal(l.n, 8);
	static const uint32_t spans[8][2] = {{0, 3}, {4, 12}, {13, 17}, {17, 18}, {19, 22}, {22, 26},
					     {26, 29}, {29, 30}};
	for (size_t i = 0; i < l.n; i++) {
		assert_int_equal(l.t[i].start, spans[i][0]);
		assert_int_equal(l.t[i].end, spans[i][1]);
	}
	/* A capital outside ASCII still counts as one. */
	assert_true(l.t[1].flags & TOK_CAP);
	assert_true(l.t[4].flags & TOK_OPEN_QUOTE);
	assert_true(l.t[5].flags & TOK_QUOTED);
	assert_true(l.t[6].flags & TOK_CLOSE_QUOTE);
	assert_false(l.t[7].flags & TOK_QUOTED);
	assert_false(l.t[2].flags & TOK_QUOTED);
	token_list_release(&l);
}

static void test_base_offset_is_added(void **state)
{
	(void)state;
	/* Tokenising the second paragraph of a body keeps offsets into the body. */
	const char *body = "First paragraph.\n\nKerry met Lavrov.";
	size_t at = strlen("First paragraph.\n\n");
	struct token_list l;
	token_list_init(&l);
	assert_int_equal(tokenize(body + at, strlen(body + at), at, &l), 0);
	assert_int_equal(l.n, 4);
	assert_int_equal(l.t[0].start, at);
	assert_int_equal(l.t[0].end, at + 5);
	assert_memory_equal(body + l.t[2].start, "Lavrov", 6);
	/* appending a second text keeps the first */
	assert_int_equal(tokenize(body, 5, 0, &l), 0);
	assert_int_equal(l.n, 5);
	assert_int_equal(l.t[4].start, 0);
	assert_int_equal(l.t[4].end, 5);
	token_list_reset(&l);
	assert_int_equal(l.n, 0);
	token_list_release(&l);
}

static void test_flags_and_lower_forms(void **state)
{
	(void)state;
	const char *s = "NATO Foreign Ministers met";
	struct token_list l;
	tok(s, &l);
	assert_int_equal(l.n, 4);
	assert_true(l.t[0].flags & TOK_ALLCAPS);
	assert_true(l.t[0].flags & TOK_CAP);
	assert_true(l.t[1].flags & TOK_CAP);
	assert_false(l.t[1].flags & TOK_ALLCAPS);
	assert_false(l.t[3].flags & TOK_CAP);
	assert_true(l.t[3].flags & TOK_WORD);
	assert_string_equal(tok_lower(&l, 0), "nato");
	assert_string_equal(tok_lower(&l, 2), "ministers");
	assert_int_equal(l.t[0].lower_len, 4);
	/* exact and lower-case hashes */
	assert_true(l.t[0].hash == text_hash("NATO", 4));
	assert_true(l.t[0].lhash == text_hash("nato", 4));
	token_list_release(&l);
}

static void test_empty_and_blank_text(void **state)
{
	(void)state;
	struct token_list l;
	tok("", &l);
	assert_int_equal(l.n, 0);
	assert_int_equal(tokenize(" \n\t ", 4, 0, &l), 0);
	assert_int_equal(l.n, 0);
	struct sentence_span *sp = NULL;
	size_t n = 0, cap = 0;
	assert_int_equal(split_sentences("", &l, 0, 0, &sp, &n, &cap), 0);
	assert_int_equal(n, 0);
	free(sp);
	token_list_release(&l);
}

static void test_text_without_final_stop_is_one_sentence(void **state)
{
	(void)state;
	static const char *const one[] = {"Xi Jinping and Vladimir Putin signed a joint statement"};
	/* A headline-like fragment; then a sentence without a stop after a full one. */
	expect_sentences("Xi Jinping and Vladimir Putin signed a joint statement", one, N_OF(one));
	static const char *const two[] = {"Xi Jinping and Vladimir Putin signed a joint statement.",
					  "Kremlin aide Yuri Ushakov briefed reporters afterwards"};
	expect_sentences("Xi Jinping and Vladimir Putin signed a joint statement. "
			 "Kremlin aide Yuri Ushakov briefed reporters afterwards",
			 two, N_OF(two));
}

/* A caption's credit or a short line of its own (a byline, a kicker) ends
 * at its line break; a sentence wrapped on long lines does not. */
static void test_line_without_stop_ends_at_line_break(void **state)
{
	(void)state;
	static const char *const caption[] = {
		"Soldiers patrol the border near Kashmir on 26 February. (Photo by AP)",
		"India summoned the Pakistani envoy on Tuesday."};
	expect_sentences("Soldiers patrol the border near Kashmir on 26 February. (Photo by AP)\n"
			 "India summoned the Pakistani envoy on Tuesday.",
			 caption, N_OF(caption));
	static const char *const byline[] = {"By a staff reporter", "India summoned the Pakistani envoy on Tuesday."};
	expect_sentences("By a staff reporter\nIndia summoned the Pakistani envoy on Tuesday.", byline, N_OF(byline));
	static const char *const wrapped[] = {
		"India summoned the Pakistani envoy on Tuesday to protest against the attack near\n"
		"Pulwama that killed forty paramilitary police officers."};
	expect_sentences("India summoned the Pakistani envoy on Tuesday to protest against the attack near\n"
			 "Pulwama that killed forty paramilitary police officers.",
			 wrapped, N_OF(wrapped));
}

static void test_text_hash_matches_token_hashes(void **state)
{
	(void)state;
	/* Dictionary keys are hashed with text_hash: it must agree with the
	 * tokeniser, be case-sensitive and depend on every byte. */
	struct token_list l;
	tok("Kishida KISHIDA", &l);
	assert_true(l.t[0].hash == text_hash("Kishida", 7));
	assert_true(l.t[0].lhash == l.t[1].lhash);
	assert_true(l.t[0].hash != l.t[1].hash);
	assert_true(text_hash("Japan", 5) != text_hash("japan", 5));
	assert_true(text_hash("ab", 2) != text_hash("ba", 2));
	assert_true(text_hash("Japan", 4) == text_hash("Japa", 4));
	token_list_release(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_abbreviations_do_not_end_sentences),
		cmocka_unit_test(test_month_and_number_abbreviations),
		cmocka_unit_test(test_initials_keep_the_name_whole),
		cmocka_unit_test(test_glued_initials_keep_the_name_whole),
		cmocka_unit_test(test_quotation_stays_with_attribution),
		cmocka_unit_test(test_quotation_closed_by_its_own_stop),
		cmocka_unit_test(test_question_and_exclamation),
		cmocka_unit_test(test_lower_case_after_stop_does_not_split),
		cmocka_unit_test(test_ticker_in_angle_brackets_does_not_split),
		cmocka_unit_test(test_line_without_stop_ends_at_line_break),
		cmocka_unit_test(test_possessive_is_its_own_token),
		cmocka_unit_test(test_hyphenated_compound_shows_both_names),
		cmocka_unit_test(test_dotted_abbreviations_are_one_token),
		cmocka_unit_test(test_numbers_keep_decimals_and_separators),
		cmocka_unit_test(test_curly_quotes_and_dashes_split_words),
		cmocka_unit_test(test_token_spans_are_exact_bytes),
		cmocka_unit_test(test_base_offset_is_added),
		cmocka_unit_test(test_flags_and_lower_forms),
		cmocka_unit_test(test_empty_and_blank_text),
		cmocka_unit_test(test_text_without_final_stop_is_one_sentence),
		cmocka_unit_test(test_text_hash_matches_token_hashes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
