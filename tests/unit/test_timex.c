/* Temporal tagger: explicit and relative dates, weekdays, seasons, decades,
 * "since"/"by" signals, false positives, spans in UTF-8 text, tense
 * detection and long sentences. Anchors are report dates: Tuesday 6 January
 * 2015 and Wednesday 14 November 2018 unless a case says otherwise. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "ingest/timex.h"

static const struct cdate TUE_6_JAN_2015 = {2015, 1, 6, PREC_DAY};
static const struct cdate MON_5_JAN_2015 = {2015, 1, 5, PREC_DAY};
static const struct cdate WED_14_NOV_2018 = {2018, 11, 14, PREC_DAY};

/* One expected expression: in `sentence`, the expression written `span`
 * resolves to `date` (as cdate_format writes it) at `prec`, of `kind`. */
struct tcase {
	const char *sentence;
	const char *span;
	const char *date;
	enum date_precision prec;
	enum timex_kind kind;
};

static size_t find_all(const char *s, const struct cdate *anchor, enum tense tense,
		       struct timex *x, size_t max)
{
	return timex_find(s, strlen(s), anchor, tense, x, max);
}

/* The expression whose text is exactly `span`; fails the test when absent. */
static struct timex find_span(const char *s, const struct cdate *anchor, enum tense tense,
			      const char *span)
{
	struct timex x[16];
	size_t n = find_all(s, anchor, tense, x, 16), len = strlen(span);
	for (size_t i = 0; i < n; i++)
		if (x[i].end - x[i].start == len && !memcmp(s + x[i].start, span, len))
			return x[i];
	print_message("no expression '%s' in: %s\n", span, s);
	for (size_t i = 0; i < n; i++)
		print_message("  found '%.*s'\n", (int)(x[i].end - x[i].start), s + x[i].start);
	fail();
	return x[0];
}

static void check(const struct tcase *c, const struct cdate *anchor, enum tense tense)
{
	struct timex x = find_span(c->sentence, anchor, tense, c->span);
	char got[16];
	cdate_format(&x.date, got);
	if (strcmp(got, c->date) || x.date.prec != c->prec || x.kind != c->kind)
		print_message("'%s' in: %s -> %s prec %d kind %d\n", c->span, c->sentence, got,
			      x.date.prec, x.kind);
	assert_string_equal(got, c->date);
	assert_int_equal(x.date.prec, c->prec);
	assert_int_equal(x.kind, c->kind);
	/* the span is where the text is */
	const char *at = strstr(c->sentence, c->span);
	assert_non_null(at);
	assert_int_equal(x.start, (size_t)(at - c->sentence));
}

static void check_all(const struct tcase *c, size_t n, const struct cdate *anchor,
		      enum tense tense)
{
	for (size_t i = 0; i < n; i++)
		check(&c[i], anchor, tense);
}

#define CHECK_ALL(cases, anchor, tense) \
	check_all(cases, sizeof(cases) / sizeof(cases[0]), anchor, tense)

static void expect_none(const char *s)
{
	struct timex x[8];
	size_t n = find_all(s, &TUE_6_JAN_2015, TENSE_AUTO, x, 8);
	for (size_t i = 0; i < n; i++)
		print_message("unexpected '%.*s' in: %s\n", (int)(x[i].end - x[i].start),
			      s + x[i].start, s);
	assert_int_equal(n, 0);
}

/* 1. Explicit dates resolve on their own. */
static void test_explicit_dates(void **state)
{
	(void)state;
	static const struct tcase cases[] = {
		{"Kerry met Lavrov in Geneva on 2 January 2015.", "2 January 2015", "2015-01-02", PREC_DAY, TIMEX_DATE},
		{"The accord was initialled on January 2, 2015, in Minsk.", "January 2, 2015", "2015-01-02", PREC_DAY, TIMEX_DATE},
		{"Parliament ratified it on 15 February 2016.", "15 February 2016", "2016-02-15", PREC_DAY, TIMEX_DATE},
		{"The ministry published the note dated 2015-01-06 on its website.", "2015-01-06", "2015-01-06", PREC_DAY, TIMEX_DATE},
		{"The decree of 06.01.2015 entered into force.", "06.01.2015", "2015-01-06", PREC_DAY, TIMEX_DATE},
		{"Trump and Kim first met in Singapore in June 2018.", "June 2018", "2018-06", PREC_MONTH, TIMEX_DATE},
		{"The war ended in 1945.", "1945", "1945", PREC_YEAR, TIMEX_DATE},
		{"Talks were held on 5-6 March 2015 in Astana.", "5-6 March 2015", "2015-03-05", PREC_DAY, TIMEX_DATE},
		{"The attacks of Sept. 11, 2001 changed US policy.", "Sept. 11, 2001", "2001-09-11", PREC_DAY, TIMEX_DATE},
		{"Both blasts, in October and December 2014, killed workers.", "October", "2014-10", PREC_MONTH, TIMEX_DATE},
		{"The plan covers 2014-2015.", "2014-2015", "2014", PREC_YEAR, TIMEX_DATE},
		{"On Tuesday, 6 January 2015, the envoy arrived.", "Tuesday, 6 January 2015", "2015-01-06", PREC_DAY, TIMEX_DATE},
	};
	CHECK_ALL(cases, &TUE_6_JAN_2015, TENSE_AUTO);
	struct timex x = find_span("Talks were held on 5-6 March 2015 in Astana.", &TUE_6_JAN_2015,
				   TENSE_AUTO, "5-6 March 2015");
	assert_int_equal(x.flags & TIMEX_F_RANGE, TIMEX_F_RANGE);
	assert_int_equal(x.tense_used, TENSE_AUTO);
	/* an impossible date is still an expression, unresolved */
	x = find_span("The letter was dated 31 February 2015.", &TUE_6_JAN_2015, TENSE_AUTO,
		      "31 February 2015");
	assert_int_equal(x.date.prec, PREC_UNKNOWN);
}

/* 2. Day and month without a year: the year by tense, as the brief's
 * November 2018 report shows. */
static void test_day_month_year_by_tense(void **state)
{
	(void)state;
	static const struct tcase nov2018[] = {
		{"The two presidents met in Helsinki on 9 July.", "9 July", "2018-07-09", PREC_DAY, TIMEX_DATE},
		{"Pyongyang must dismantle the site by 15 February, the envoy warned.", "15 February", "2019-02-15", PREC_DAY, TIMEX_DEADLINE},
		{"A second round of talks is scheduled for January 21.", "January 21", "2019-01-21", PREC_DAY, TIMEX_DATE},
		{"The ministers last met on 20 December.", "20 December", "2017-12-20", PREC_DAY, TIMEX_DATE},
		/* within the slack: a past date two days after the dateline keeps the year */
		{"The delegation arrived on 16 November, local time.", "16 November", "2018-11-16", PREC_DAY, TIMEX_DATE},
	};
	CHECK_ALL(nov2018, &WED_14_NOV_2018, TENSE_AUTO);
	static const struct tcase jan2015[] = {
		{"The ceasefire was signed on 30 December in Minsk.", "30 December", "2014-12-30", PREC_DAY, TIMEX_DATE},
		{"Abe will visit Jakarta on Jan. 20.", "Jan. 20", "2015-01-20", PREC_DAY, TIMEX_DATE},
		{"The Quartet met on Jan 2 in Cairo.", "Jan 2", "2015-01-02", PREC_DAY, TIMEX_DATE},
		{"The envoy arrived on January 2.", "January 2", "2015-01-02", PREC_DAY, TIMEX_DATE},
	};
	CHECK_ALL(jan2015, &TUE_6_JAN_2015, TENSE_AUTO);
	/* the caller's tense overrides detection */
	const char *s = "Talks on 9 July will matter.";
	struct timex x = find_span(s, &WED_14_NOV_2018, TENSE_PAST, "9 July");
	assert_int_equal(x.date.year, 2018);
	assert_int_equal(x.tense_used, TENSE_PAST);
	x = find_span(s, &WED_14_NOV_2018, TENSE_FUTURE, "9 July");
	assert_int_equal(x.date.year, 2019);
	assert_int_equal(x.tense_used, TENSE_FUTURE);
}

/* 3. Months without a day. */
static void test_months(void **state)
{
	(void)state;
	static const struct tcase jan2015[] = {
		{"Tehran plans to reopen its embassy in August.", "August", "2015-08", PREC_MONTH, TIMEX_DATE},
		{"The embassy was attacked in August.", "August", "2014-08", PREC_MONTH, TIMEX_DATE},
		{"Obama praised the September meeting of the two leaders.", "September", "2014-09", PREC_MONTH, TIMEX_DATE},
		{"The troops withdrew in mid-March.", "mid-March", "2014-03", PREC_MONTH, TIMEX_DATE},
		{"Elections are due in late May.", "late May", "2015-05", PREC_MONTH, TIMEX_DATE},
		{"The treaty took effect last March.", "last March", "2014-03", PREC_MONTH, TIMEX_DEICTIC},
		{"The summit will take place next March.", "next March", "2015-03", PREC_MONTH, TIMEX_DEICTIC},
		{"Kiev must repay the loan no later than March.", "March", "2015-03", PREC_MONTH, TIMEX_DEADLINE},
		{"Sanctions have been in place since July.", "July", "2014-07", PREC_MONTH, TIMEX_DURATION_SINCE},
	};
	CHECK_ALL(jan2015, &TUE_6_JAN_2015, TENSE_AUTO);
	struct timex x = find_span("Obama praised the September meeting of the two leaders.",
				   &TUE_6_JAN_2015, TENSE_AUTO, "September");
	assert_int_equal(x.flags & TIMEX_F_MODIFIER, TIMEX_F_MODIFIER);
	/* lists share the preposition */
	struct timex l[8];
	const char *s = "Rounds were held in January, February and March.";
	assert_int_equal(find_all(s, &WED_14_NOV_2018, TENSE_AUTO, l, 8), 3);
	assert_int_equal(l[2].date.month, 3);
	assert_int_equal(l[2].date.year, 2018);
}

/* 4. Years, months and weeks relative to the report. */
static void test_relative_periods(void **state)
{
	(void)state;
	static const struct tcase jan2015[] = {
		{"Growth slowed in early 2014.", "early 2014", "2014", PREC_YEAR, TIMEX_DATE},
		{"The truce agreed late last year collapsed.", "late last year", "2014", PREC_YEAR, TIMEX_DEICTIC},
		{"Moscow expelled two diplomats earlier this month.", "earlier this month", "2015-01", PREC_MONTH, TIMEX_DEICTIC},
		{"Trade grew this year.", "this year", "2015", PREC_YEAR, TIMEX_DEICTIC},
		{"The talks failed last year.", "last year", "2014", PREC_YEAR, TIMEX_DEICTIC},
		{"The base will close next year.", "next year", "2016", PREC_YEAR, TIMEX_DEICTIC},
		{"The envoy resigned last month.", "last month", "2014-12", PREC_MONTH, TIMEX_DEICTIC},
		{"The envoy will present credentials next month.", "next month", "2015-02", PREC_MONTH, TIMEX_DEICTIC},
		{"Both sides said earlier in the week that talks stalled.", "earlier in the week", "2015-01", PREC_MONTH, TIMEX_DEICTIC},
		{"Parliament must approve the budget by the end of the year.", "the end of the year", "2015", PREC_YEAR, TIMEX_DEADLINE},
	};
	CHECK_ALL(jan2015, &TUE_6_JAN_2015, TENSE_AUTO);
	/* Weeks are dated by their Thursday, at month precision: the week of
	 * Monday 30 March 2015 lies mostly in April. */
	static const struct cdate tue_7_apr_2015 = {2015, 4, 7, PREC_DAY};
	static const struct tcase apr2015[] = {
		{"The foreign ministers met last week.", "last week", "2015-04", PREC_MONTH, TIMEX_DEICTIC},
		{"The ministry summoned the envoy twice in the past week.", "past week", "2015-04", PREC_MONTH, TIMEX_DEICTIC},
		{"The ministers will meet again next week.", "next week", "2015-04", PREC_MONTH, TIMEX_DEICTIC},
		{"The convoy crossed the border two weeks ago.", "two weeks ago", "2015-03", PREC_MONTH, TIMEX_DEICTIC},
		{"The ministers met over the weekend.", "the weekend", "2015-04", PREC_MONTH, TIMEX_DEICTIC},
	};
	CHECK_ALL(apr2015, &tue_7_apr_2015, TENSE_AUTO);
	/* a weekend is dated by its Saturday: Monday 1 June 2015 looks back to May */
	static const struct cdate mon_1_jun_2015 = {2015, 6, 1, PREC_DAY};
	static const struct tcase jun2015[] = {
		{"Rebels shelled the town over the weekend.", "the weekend", "2015-05", PREC_MONTH, TIMEX_DEICTIC},
		{"The talks resume next weekend.", "next weekend", "2015-06", PREC_MONTH, TIMEX_DEICTIC},
	};
	CHECK_ALL(jun2015, &mon_1_jun_2015, TENSE_AUTO);
}

/* 5. Seasons, written as their first month at PREC_SEASON. */
static void test_seasons(void **state)
{
	(void)state;
	static const struct tcase jan2015[] = {
		{"The rebels seized the airport last summer.", "last summer", "2014-06", PREC_SEASON, TIMEX_DEICTIC},
		{"The pipeline opened in the spring of 2015.", "the spring of 2015", "2015-03", PREC_SEASON, TIMEX_DATE},
		{"Construction starts in spring 2015.", "spring 2015", "2015-03", PREC_SEASON, TIMEX_DATE},
		{"The referendum will be held this spring.", "this spring", "2015-03", PREC_SEASON, TIMEX_DEICTIC},
		{"Elections are expected next fall.", "next fall", "2015-09", PREC_SEASON, TIMEX_DEICTIC},
		{"Gas supplies fell this winter.", "this winter", "2014-12", PREC_SEASON, TIMEX_DEICTIC},
		{"The offensive will resume in the summer.", "the summer", "2015-06", PREC_SEASON, TIMEX_DATE},
		{"Fighting stopped in winter 2013-14.", "winter 2013-14", "2013-12", PREC_SEASON, TIMEX_DATE},
	};
	CHECK_ALL(jan2015, &TUE_6_JAN_2015, TENSE_AUTO);
	static const struct tcase nov2018[] = {
		{"The deal was struck last summer.", "last summer", "2018-06", PREC_SEASON, TIMEX_DEICTIC},
		{"A new round is planned for next autumn.", "next autumn", "2019-09", PREC_SEASON, TIMEX_DEICTIC},
		{"Gas prices could rise this winter.", "this winter", "2018-12", PREC_SEASON, TIMEX_DEICTIC},
	};
	CHECK_ALL(nov2018, &WED_14_NOV_2018, TENSE_AUTO);
	expect_none("The fall of Kabul shocked the region.");
	expect_none("Prices may fall sharply.");
}

/* 6. Today, yesterday, tomorrow and parts of the day. */
static void test_deictic_days(void **state)
{
	(void)state;
	static const struct tcase cases[] = {
		{"The minister arrives in Ankara today.", "today", "2015-01-06", PREC_DAY, TIMEX_DEICTIC},
		{"Talks will continue tonight.", "tonight", "2015-01-06", PREC_DAY, TIMEX_DEICTIC},
		{"The envoy met the president this morning.", "this morning", "2015-01-06", PREC_DAY, TIMEX_DEICTIC},
		{"The border reopened yesterday.", "yesterday", "2015-01-05", PREC_DAY, TIMEX_DEICTIC},
		{"Shelling resumed yesterday evening.", "yesterday evening", "2015-01-05", PREC_DAY, TIMEX_DEICTIC},
		{"The delegation will leave tomorrow.", "tomorrow", "2015-01-07", PREC_DAY, TIMEX_DEICTIC},
		{"Gunmen attacked the embassy last night.", "last night", "2015-01-05", PREC_DAY, TIMEX_DEICTIC},
		{"The treaty was signed the day before yesterday.", "the day before yesterday", "2015-01-04", PREC_DAY, TIMEX_DEICTIC},
	};
	CHECK_ALL(cases, &TUE_6_JAN_2015, TENSE_AUTO);
	expect_none("USA Today reported the story.");
}

/* 7. Weekdays, in the report of Tuesday 6 January 2015 (docs/events.md). */
static void test_weekdays(void **state)
{
	(void)state;
	static const struct tcase tue[] = {
		{"The ministers spoke by phone on Friday.", "Friday", "2015-01-02", PREC_DAY, TIMEX_DEICTIC},
		{"Lavrov met Kerry on Tuesday in Geneva.", "Tuesday", "2015-01-06", PREC_DAY, TIMEX_DEICTIC},
		{"Putin said Friday that talks had failed.", "Friday", "2015-01-02", PREC_DAY, TIMEX_DEICTIC},
		{"The embassy was closed last Friday.", "last Friday", "2015-01-02", PREC_DAY, TIMEX_DEICTIC},
		{"The embassy reopens next Friday.", "next Friday", "2015-01-09", PREC_DAY, TIMEX_DEICTIC},
		{"The president will sign the law this Friday.", "this Friday", "2015-01-09", PREC_DAY, TIMEX_DEICTIC},
		{"The foreign ministry said late on Sunday that it was recalling its envoy.", "late on Sunday", "2015-01-04", PREC_DAY, TIMEX_DEICTIC},
		{"Earlier on Friday the envoy was summoned.", "Earlier on Friday", "2015-01-02", PREC_DAY, TIMEX_DEICTIC},
		{"Analysts welcomed Monday's talks in Berlin.", "Monday", "2015-01-05", PREC_DAY, TIMEX_DEICTIC},
		{"The envoys met on Monday evening.", "Monday evening", "2015-01-05", PREC_DAY, TIMEX_DEICTIC},
		{"The two sides met last Tuesday.", "last Tuesday", "2014-12-30", PREC_DAY, TIMEX_DEICTIC},
		{"The two sides meet again next Tuesday.", "next Tuesday", "2015-01-13", PREC_DAY, TIMEX_DEICTIC},
		{"Abe will hold talks with Modi on Thursday.", "Thursday", "2015-01-08", PREC_DAY, TIMEX_DEICTIC},
		{"The minister, who arrived in Tokyo on Sunday, will hold talks on Thursday.", "Sunday", "2015-01-04", PREC_DAY, TIMEX_DEICTIC},
	};
	CHECK_ALL(tue, &TUE_6_JAN_2015, TENSE_AUTO);
	static const struct tcase mon[] = {
		{"Kerry will travel to Kiev on Tuesday.", "Tuesday", "2015-01-06", PREC_DAY, TIMEX_DEICTIC},
		{"Obama was to meet the party leader later Monday.", "later Monday", "2015-01-05", PREC_DAY, TIMEX_DEICTIC},
	};
	CHECK_ALL(mon, &MON_5_JAN_2015, TENSE_AUTO);
	struct timex x = find_span("Analysts welcomed Monday's talks in Berlin.", &TUE_6_JAN_2015,
				   TENSE_AUTO, "Monday");
	assert_int_equal(x.flags & TIMEX_F_MODIFIER, TIMEX_F_MODIFIER);
	x = find_span("The ministers spoke by phone on Friday.", &TUE_6_JAN_2015, TENSE_AUTO, "Friday");
	assert_int_equal(x.tense_used, TENSE_PAST);
	x = find_span("Abe will hold talks with Modi on Thursday.", &TUE_6_JAN_2015, TENSE_AUTO, "Thursday");
	assert_int_equal(x.tense_used, TENSE_FUTURE);
	expect_none("The Good Friday Agreement ended the conflict.");
}

/* 8. since, decades, "ago". */
static void test_since_decades_ago(void **state)
{
	(void)state;
	static const struct tcase cases[] = {
		{"The two states have had no relations since 2009.", "2009", "2009", PREC_YEAR, TIMEX_DURATION_SINCE},
		{"The region was at war in the early 1990s.", "the early 1990s", "1990", PREC_YEAR, TIMEX_DECADE},
		{"Relations have been frozen since last year.", "last year", "2014", PREC_YEAR, TIMEX_DURATION_SINCE},
		{"The talks collapsed a year ago.", "a year ago", "2014", PREC_YEAR, TIMEX_DEICTIC},
		{"The envoy was expelled two days ago.", "two days ago", "2015-01-04", PREC_DAY, TIMEX_DEICTIC},
		{"The treaty was signed three years ago.", "three years ago", "2012", PREC_YEAR, TIMEX_DEICTIC},
		{"The blockade began six months ago.", "six months ago", "2014-07", PREC_MONTH, TIMEX_DEICTIC},
		{"The hostages were freed 48 hours ago.", "48 hours ago", "2015-01-04", PREC_DAY, TIMEX_DEICTIC},
		{"The mission closed a decade ago.", "a decade ago", "2005", PREC_YEAR, TIMEX_DEICTIC},
		{"Trade boomed in the 2000s.", "the 2000s", "2000", PREC_YEAR, TIMEX_DECADE},
		{"Iran complied with the 2015 nuclear deal.", "2015", "2015", PREC_YEAR, TIMEX_DATE},
	};
	CHECK_ALL(cases, &TUE_6_JAN_2015, TENSE_AUTO);
	struct timex x = find_span("The two states have had no relations since 2009.", &TUE_6_JAN_2015,
				   TENSE_AUTO, "2009");
	assert_int_equal(x.tense_used, TENSE_PAST);
	x = find_span("Iran complied with the 2015 nuclear deal.", &TUE_6_JAN_2015, TENSE_AUTO, "2015");
	assert_int_equal(x.flags & TIMEX_F_MODIFIER, TIMEX_F_MODIFIER);
	/* After "a" too: the year names the agreement. */
	x = find_span("Seoul cited a 1965 bilateral agreement on claims.", &TUE_6_JAN_2015, TENSE_AUTO, "1965");
	assert_int_equal(x.date.year, 1965);
	assert_int_equal(x.flags & TIMEX_F_MODIFIER, TIMEX_F_MODIFIER);
	/* "yesterday's decision": the day names the decision. */
	x = find_span("Ottawa called yesterday's ruling unlawful.", &TUE_6_JAN_2015, TENSE_AUTO, "yesterday");
	assert_int_equal(x.date.day, 5);
	assert_int_equal(x.flags & TIMEX_F_MODIFIER, TIMEX_F_MODIFIER);
	x = find_span("Ottawa yesterday called the ruling unlawful.", &TUE_6_JAN_2015, TENSE_AUTO, "yesterday");
	assert_int_equal(x.flags & TIMEX_F_MODIFIER, 0);
}

/* 9. What must not be a date. */
static void test_false_positives(void **state)
{
	(void)state;
	expect_none("The ministers may consider further steps.");
	expect_none("Police broke up a protest march near the embassy.");
	expect_none("March organisers said the route was approved.");
	expect_none("Theresa May said Britain would respond.");
	expect_none("The fund pledged $16 billion for reconstruction.");
	expect_none("The airline ordered 100 aircraft.");
	expect_none("The ambassador was given 24 hours to leave.");
	expect_none("Leaders marked the 70th anniversary of the victory.");
	expect_none("Jan Kubis briefed the Security Council.");
	expect_none("The alliance deployed 2000 troops to the border.");
	expect_none("The 2000 troops arrived by sea.");
	expect_none("The august assembly adjourned.");
	expect_none("Turnout reached 1.5 million at 10:30 local time.");
	expect_none("The Super Tuesday primaries and Black Friday sales.");
}

/* 10. A year in parentheses after a resolution number. */
static void test_citation_year(void **state)
{
	(void)state;
	const char *s = "The Council unanimously adopted resolution 2444 (2018) on Eritrea.";
	struct timex x[4];
	size_t n = find_all(s, &WED_14_NOV_2018, TENSE_AUTO, x, 4);
	assert_int_equal(n, 1);
	assert_memory_equal(s + x[0].start, "2018", 4);
	assert_int_equal(x[0].end - x[0].start, 4);
	assert_int_equal(x[0].date.year, 2018);
	assert_int_equal(x[0].date.prec, PREC_YEAR);
	assert_int_equal(x[0].flags & TIMEX_F_CITATION, TIMEX_F_CITATION);
}

/* Dates told by reference to the one named before them in the sentence:
 * "later that month", "the next day", "the following year". */
static void test_anaphoric(void **state)
{
	(void)state;
	static const struct cdate MON_8_JUL_2024 = {2024, 7, 8, PREC_DAY};
	const struct tcase cases[] = {
		{"The leaders agreed to open talks when Kishida visited Manila in November last year, "
		 "and the talks began in Tokyo later that month.", "later that month", "2023-11", PREC_MONTH,
		 TIMEX_DATE},
		{"The ministers met on 5 March 2015 and signed the accord the next day.", "the next day",
		 "2015-03-06", PREC_DAY, TIMEX_DATE},
		{"Talks opened in Geneva on 30 June 2015 and resumed the following day.", "the following day",
		 "2015-07-01", PREC_DAY, TIMEX_DATE},
		{"The embassy closed in 2012 and the mission reopened early the following year.",
		 "early the following year", "2013", PREC_YEAR, TIMEX_DATE},
		{"Sanctions were imposed in January 2014 and widened the following month.",
		 "the following month", "2014-02", PREC_MONTH, TIMEX_DATE},
		{"Kerry arrived on 2 January, and Kishida received him that day.", "that day", "2015-01-02",
		 PREC_DAY, TIMEX_DATE},
		{"The envoys met on 9 March and again later the same day.", "later the same day", "2014-03-09",
		 PREC_DAY, TIMEX_DATE},
		{"Kiev expelled the consul on 5 March 2015 and Moscow retaliated hours later.", "hours later",
		 "2015-03-05", PREC_DAY, TIMEX_DATE},
		{"Kiev expelled the consul on 5 March 2015 and Moscow answered within hours.", "within hours",
		 "2015-03-05", PREC_DAY, TIMEX_DATE},
		{"Kiev expelled the consul on 5 March 2015; two hours later Moscow answered.", "two hours later",
		 "2015-03-05", PREC_DAY, TIMEX_DATE},
		{"Kiev expelled the consul on 5 March 2015; a fortnight later Moscow answered.", "a fortnight later",
		 "2015-03-19", PREC_DAY, TIMEX_DATE},
		{"Kiev expelled the consul on 5 March 2015 and the next morning Moscow answered.", "the next morning",
		 "2015-03-06", PREC_DAY, TIMEX_DATE},
		{"Kiev expelled the consul on 5 March 2015; that evening Moscow answered.", "that evening",
		 "2015-03-05", PREC_DAY, TIMEX_DATE},
		{"Kiev expelled the consul on 5 March 2015; later in the day Moscow answered.", "later in the day",
		 "2015-03-05", PREC_DAY, TIMEX_DATE},
		{"Kiev expelled the consul on 5 March 2015; days later Moscow answered.", "days later",
		 "2015-03", PREC_MONTH, TIMEX_DATE},
		{"Kiev expelled the consul on 5 March 2015; weeks later Moscow answered.", "weeks later",
		 "2015", PREC_YEAR, TIMEX_DATE},
		{"Sweden applied in May 2022, and in June that year the two signed a memorandum.", "June that year",
		 "2022-06", PREC_MONTH, TIMEX_DATE},
		{"Sweden applied in May 2022; in March of the following year Ankara approved Finland's bid.",
		 "March of the following year", "2023-03", PREC_MONTH, TIMEX_DATE},
		{"The treaty was signed in 1990 and ratified in April the previous year.", "April the previous year",
		 "1989-04", PREC_MONTH, TIMEX_DATE},
		/* (a month of the report's year, counted on or back) */
		{"The dispute erupted in September last year, when Ottawa accused New Delhi.",
		 "September last year", "2014-09", PREC_MONTH, TIMEX_DATE},
		{"Modi will visit Washington in March next year.", "March next year", "2016-03", PREC_MONTH,
		 TIMEX_DATE},
		{"In May this year, Japan and China held talks.", "May this year", "2015-05", PREC_MONTH, TIMEX_DATE},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		check(&cases[i], i ? &TUE_6_JAN_2015 : &MON_8_JUL_2024, TENSE_AUTO);
	struct timex xs_compound[4], xs[4];
	/* Nothing named before: unknown, not the report's own date. */
	struct timex x = find_span("The talks ended that day without a statement.", &TUE_6_JAN_2015,
				   TENSE_AUTO, "that day");
	assert_int_equal(x.date.prec, PREC_UNKNOWN);
	/* "That month" after a mere year says more than the text. */
	x = find_span("In 2014 the ministers met twice, and again that month.", &TUE_6_JAN_2015, TENSE_AUTO,
		      "that month");
	assert_int_equal(x.date.prec, PREC_UNKNOWN);
	/* A document's year is not what "that year" refers to. */
	x = find_span("Under resolution 2444 (2018) the panel reported later that year.", &TUE_6_JAN_2015,
		      TENSE_AUTO, "later that year");
	assert_int_equal(x.date.prec, PREC_UNKNOWN);
	/* A compound is no date; a year naming a noun is not what "the next day" counts from. */
	assert_int_equal(find_all("He said that day-to-day contacts would go on.", &TUE_6_JAN_2015, TENSE_AUTO,
				  xs_compound, 4), 0);
	x = find_span("They met on 5 March 2014 to discuss the 2013 elections and met again the next day.",
		      &TUE_6_JAN_2015, TENSE_AUTO, "the next day");
	assert_int_equal(x.date.prec, PREC_DAY);
	assert_int_equal(x.date.day, 6);
	/* "later this month" is still to come, whatever the sentence's tense. */
	x = find_span("They discussed the talks due later this month.", &TUE_6_JAN_2015, TENSE_AUTO,
		      "later this month");
	assert_int_equal(x.tense_used, TENSE_FUTURE);
	/* Counted from the date the text named before the sentence, until the
	 * sentence names one of its own. */
	static const struct cdate THU_5_MAR_2015 = {2015, 3, 5, PREC_DAY};
	const char *s1 = "Tehran summoned the envoys the next day.";
	assert_int_equal(timex_find_after(s1, strlen(s1), &TUE_6_JAN_2015, &THU_5_MAR_2015, TENSE_AUTO, xs, 4), 1);
	assert_int_equal(xs[0].date.month, 3);
	assert_int_equal(xs[0].date.day, 6);
	const char *s2 = "Talks opened on 9 February and resumed the next day.";
	assert_int_equal(timex_find_after(s2, strlen(s2), &TUE_6_JAN_2015, &THU_5_MAR_2015, TENSE_AUTO, xs, 4), 2);
	assert_int_equal(xs[1].date.month, 2);
	assert_int_equal(xs[1].date.day, 10);
	/* After a month ("last week"), "that day" is the story's: the report's
	 * day when it falls in that month, else the month. */
	static const struct cdate JAN_2015 = {2015, 1, 0, PREC_MONTH};
	static const struct cdate DEC_2014 = {2014, 12, 0, PREC_MONTH};
	const char *s3 = "At a news conference earlier that day, the minister spoke.";
	assert_int_equal(timex_find_after(s3, strlen(s3), &TUE_6_JAN_2015, &JAN_2015, TENSE_AUTO, xs, 4), 1);
	assert_int_equal(xs[0].date.prec, PREC_DAY);
	assert_int_equal(xs[0].date.day, 6);
	assert_int_equal(timex_find_after(s3, strlen(s3), &TUE_6_JAN_2015, &DEC_2014, TENSE_AUTO, xs, 4), 1);
	assert_int_equal(xs[0].date.prec, PREC_MONTH);
	assert_int_equal(xs[0].date.month, 12);
	/* "That" before other words is no date; "next month" still counts from the report. */
	assert_int_equal(find_all("He said that days of talks lay ahead.", &TUE_6_JAN_2015, TENSE_AUTO, xs, 4), 0);
	x = find_span("They met on 5 March 2014 and will meet again next month.", &TUE_6_JAN_2015, TENSE_AUTO,
		      "next month");
	assert_int_equal(x.date.year, 2015);
	assert_int_equal(x.date.month, 2);
}

/* 11. Unknown or coarse anchors: absolute dates resolve, relative ones not. */
static void test_unknown_anchor(void **state)
{
	(void)state;
	const struct cdate unknown = {0, 0, 0, PREC_UNKNOWN};
	const char *s = "On 2 January 2015 the envoy, who arrived yesterday, met officials last year.";
	struct timex x[8];
	size_t n = find_all(s, &unknown, TENSE_AUTO, x, 8);
	assert_int_equal(n, 3);
	assert_int_equal(x[0].date.prec, PREC_DAY);
	assert_int_equal(x[0].date.day, 2);
	assert_int_equal(x[1].date.prec, PREC_UNKNOWN);
	assert_int_equal(x[1].kind, TIMEX_DEICTIC);
	assert_int_equal(x[2].date.prec, PREC_UNKNOWN);
	/* NULL anchor behaves the same */
	n = timex_find(s, strlen(s), NULL, TENSE_AUTO, x, 8);
	assert_int_equal(n, 3);
	assert_int_equal(x[0].date.year, 2015);
	assert_int_equal(x[2].date.prec, PREC_UNKNOWN);
	/* a report dated to the year only: years resolve, days and months not */
	const struct cdate year_only = {2015, 0, 0, PREC_YEAR};
	n = find_all("The ministers met yesterday, in August and last year.", &year_only, TENSE_AUTO, x, 8);
	assert_int_equal(n, 3);
	assert_int_equal(x[0].date.prec, PREC_UNKNOWN);
	assert_int_equal(x[1].date.prec, PREC_UNKNOWN);
	assert_int_equal(x[2].date.prec, PREC_YEAR);
	assert_int_equal(x[2].date.year, 2014);
	/* day and month without a year under an unknown anchor */
	n = find_all("The ministers met on 9 July.", &unknown, TENSE_AUTO, x, 8);
	assert_int_equal(n, 1);
	assert_int_equal(x[0].date.prec, PREC_UNKNOWN);
}

/* 12. Byte spans in UTF-8 text: curly quotes, dashes, no-break spaces,
 * Cyrillic and accented words. */
static void test_utf8_spans(void **state)
{
	(void)state;
	const char *s = "\xD0\x9B\xD0\xB0\xD0\xB2\xD1\x80\xD0\xBE\xD0\xB2 \xE2\x80\x94 at the "
			"caf\xC3\xA9 \xE2\x80\x9Ctalks\xE2\x80\x9D on Monday\xE2\x80\x99s agenda, "
			"held 5\xE2\x80\x93" "6\xC2\xA0March 2015.";
	struct timex x[4];
	size_t n = find_all(s, &TUE_6_JAN_2015, TENSE_AUTO, x, 4);
	assert_int_equal(n, 2);
	const char *mon = strstr(s, "Monday");
	assert_int_equal(x[0].start, (size_t)(mon - s));
	assert_int_equal(x[0].end, (size_t)(mon - s) + 6);
	assert_int_equal(x[0].flags & TIMEX_F_MODIFIER, TIMEX_F_MODIFIER);
	const char *five = strstr(s, "5\xE2\x80\x93");
	assert_int_equal(x[1].start, (size_t)(five - s));
	assert_int_equal(x[1].end, strlen(s) - 1);
	assert_int_equal(x[1].date.month, 3);
	assert_int_equal(x[1].date.day, 5);
	/* invalid UTF-8 and a sentence that is not NUL-terminated */
	const char bad[] = {'\xFF', ' ', 'o', 'n', ' ', '9', ' ', 'J', 'u', 'l', 'y', ' ', '\xC3'};
	n = timex_find(bad, sizeof(bad), &WED_14_NOV_2018, TENSE_PAST, x, 4);
	assert_int_equal(n, 1);
	assert_int_equal(x[0].start, 5);
	assert_int_equal(x[0].end, 11);
	assert_int_equal(timex_find("", 0, &WED_14_NOV_2018, TENSE_AUTO, x, 4), 0);
}

/* 13. Clause tense. */
static void test_tense(void **state)
{
	(void)state;
	static const struct {
		const char *s, *at;
		enum tense want;
	} cases[] = {
		{"Putin will visit Beijing in August.", "August", TENSE_FUTURE},
		{"Putin visited Beijing in August.", "August", TENSE_PAST},
		{"The minister is to visit Tokyo in March.", "March", TENSE_FUTURE},
		{"Talks are scheduled for March.", "March", TENSE_FUTURE},
		{"Iran plans to hold elections in June.", "June", TENSE_FUTURE},
		{"Abe is expected to arrive in Delhi on Thursday.", "Thursday", TENSE_FUTURE},
		{"He said he would travel to Paris in May.", "May", TENSE_FUTURE},
		{"The summit, to be held in Lima in November, is crucial.", "November", TENSE_FUTURE},
		{"The talks were held in October.", "October", TENSE_PAST},
		{"The talks will be held in October.", "October", TENSE_FUTURE},
		{"The talks have ended in Vienna.", "Vienna", TENSE_PAST},
		{"Russia opposes the plan in Geneva.", "Geneva", TENSE_PAST},
		{"The minister won't attend the summit in May.", "May", TENSE_FUTURE},
		{"The minister won the vote in May.", "May", TENSE_PAST},
		{"Putin will meet Xi on Friday, the Kremlin said.", "Friday", TENSE_FUTURE},
		{"The minister, who arrived in Tokyo on Monday, will hold talks on Thursday.", "Monday", TENSE_PAST},
		{"The minister, who arrived in Tokyo on Monday, will hold talks on Thursday.", "Thursday", TENSE_FUTURE},
		{"He said on Friday that he will visit Japan in June.", "Friday", TENSE_PAST},
		{"He said on Friday that he will visit Japan in June.", "June", TENSE_FUTURE},
		{"Flights were cancelled due to the storm on Monday.", "Monday", TENSE_PAST},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *at = strstr(cases[i].s, cases[i].at);
		enum tense got = timex_tense(cases[i].s, strlen(cases[i].s), (size_t)(at - cases[i].s));
		if (got != cases[i].want)
			print_message("tense at '%s' in: %s -> %d\n", cases[i].at, cases[i].s, got);
		assert_int_equal(got, cases[i].want);
	}
	/* out-of-range offsets are clamped */
	assert_int_equal(timex_tense("They will go.", 13, 99), TENSE_FUTURE);
}

/* 14. Long sentences are scanned in windows without losing or repeating
 * expressions; max bounds the output. */
static void test_long_sentence_and_max(void **state)
{
	(void)state;
	static char buf[16384];
	size_t len = 0;
	const char *parts[] = {"on 9 July", "last year", "in August 2016", "on Friday"};
	size_t want[4];
	for (int round = 0; round < 4; round++) {
		for (int w = 0; w < 300; w++) {
			memcpy(buf + len, "talks and ", 10);
			len += 10;
		}
		want[round] = len + (round == 1 ? 0 : 3);
		size_t pl = strlen(parts[round]);
		memcpy(buf + len, parts[round], pl);
		len += pl;
		buf[len++] = ' ';
	}
	struct timex x[8];
	size_t n = timex_find(buf, len, &WED_14_NOV_2018, TENSE_PAST, x, 8);
	assert_int_equal(n, 4);
	for (int i = 0; i < 4; i++)
		assert_int_equal(x[i].start, want[i]);
	assert_int_equal(x[0].date.year, 2018);
	assert_int_equal(x[1].date.year, 2017);
	assert_int_equal(x[2].date.month, 8);
	assert_int_equal(x[3].date.day, 9);
	assert_int_equal(timex_find(buf, len, &WED_14_NOV_2018, TENSE_PAST, x, 2), 2);
	assert_int_equal(x[1].start, want[1]);
	assert_int_equal(timex_find(buf, len, &WED_14_NOV_2018, TENSE_PAST, NULL, 0), 0);
}

/* 16. The dating rules as one table: a sentence, the report's date it is
 * read against ("2015-01-06", "2015-09" for a report known to its month),
 * the expression, and the date and precision it must resolve to ("" and
 * PREC_UNKNOWN: found but not resolvable; a NULL expression: the sentence
 * must date nothing at all, or only with TIMEX_F_MODIFIER set). One driver
 * reads it all. The sentences are invented. */
struct rule_case {
	const char *sentence, *report, *span, *date;
	enum date_precision prec;
};

static const struct rule_case rule_cases[] = {
	/* docs/events.md: a report of Tuesday 6 January 2015 */
	{"Kishida spoke to Kerry on Friday.", "2015-01-06", "Friday", "2015-01-02", PREC_DAY},
	{"Kishida will visit Washington on Friday.", "2015-01-06", "Friday", "2015-01-09", PREC_DAY},
	{"The two ministers met on Tuesday.", "2015-01-06", "Tuesday", "2015-01-06", PREC_DAY},
	{"The envoys met last summer.", "2015-01-06", "last summer", "2014-06", PREC_SEASON},
	{"Tokyo hopes to host the talks this spring.", "2015-01-06", "this spring", "2015-03", PREC_SEASON},
	/* the event's own time, not the statement's */
	{"He said on Friday that the talks held on Wednesday had failed.", "2015-01-06", "Wednesday",
	 "2014-12-31", PREC_DAY},
	/* vague and relative expressions */
	{"The sanctions were lifted a year ago.", "2015-01-06", "a year ago", "2014", PREC_YEAR},
	{"Seoul recalled its envoy in mid-December.", "2015-01-06", "mid-December", "2014-12", PREC_MONTH},
	{"The ministers will meet again in late May.", "2015-01-06", "late May", "2015-05", PREC_MONTH},
	{"A summit is planned for early next year.", "2015-01-06", "early next year", "2016", PREC_YEAR},
	{"The envoy was summoned last week.", "2015-01-06", "last week", "2015-01", PREC_MONTH},
	{"The two sides met earlier this month.", "2015-01-06", "earlier this month", "2015-01", PREC_MONTH},
	{"The ministers spoke last month.", "2015-01-06", "last month", "2014-12", PREC_MONTH},
	{"The embassy was closed yesterday.", "2015-01-06", "yesterday", "2015-01-05", PREC_DAY},
	{"The president arrives tonight.", "2015-01-06", "tonight", "2015-01-06", PREC_DAY},
	{"The minister will speak this evening.", "2015-01-06", "this evening", "2015-01-06", PREC_DAY},
	{"Talks will open on October 19.", "2015-01-06", "October 19", "2015-10-19", PREC_DAY},
	{"The accord was signed on October 19.", "2015-01-06", "October 19", "2014-10-19", PREC_DAY},
	/* KCNA and Indian English: a date followed by "last" */
	{"Pyongyang warned in September last that it would respond.", "2015-09-20", "September last", "2014-09",
	 PREC_MONTH},
	{"The pact signed on May 5 last was reviewed.", "2015-03-01", "May 5 last", "2014-05-05", PREC_DAY},
	{"The envoys met on Tuesday last.", "2015-01-06", "Tuesday last", "2014-12-30", PREC_DAY},
	{"The envoys will meet on Tuesday next.", "2015-01-06", "Tuesday next", "2015-01-13", PREC_DAY},
	/* a weekday of a named week: that week's day, not the nearest one (Wednesday 10 March 2021) */
	{"The envoys met on Tuesday last week.", "2021-03-10", "Tuesday last week", "2021-03-02", PREC_DAY},
	{"The envoys met on Monday of last week.", "2021-03-10", "Monday of last week", "2021-03-01", PREC_DAY},
	{"The envoys will meet on Friday next week.", "2021-03-10", "Friday next week", "2021-03-19", PREC_DAY},
	{"The envoys will meet on Sunday this week.", "2021-03-10", "Sunday this week", "2021-03-14", PREC_DAY},
	/* an invitation: what the one invited is to do is to come */
	{"Macron invited Modi to visit Paris in July.", "2021-03-10", "July", "2021-07", PREC_MONTH},
	{"The two sides agreed Tuesday to resume the talks.", "2021-03-10", "Tuesday", "2021-03-09", PREC_DAY},
	/* a fortnight is two weeks */
	{"The envoys met a fortnight ago.", "2021-03-10", "a fortnight ago", "2021-02-24", PREC_DAY},
	{"The summit will be held in March next.", "2015-03-10", "March next", "2016-03", PREC_MONTH},
	{"The two sides met this past weekend.", "2015-01-06", "this past weekend", "2015-01", PREC_MONTH},
	{"The two sides met this past Friday.", "2015-01-06", "this past Friday", "2015-01-02", PREC_DAY},
	/* "past" before a month or weekday is "last" (Latin American English); not a span */
	{"Cuba and Russia signed the accords in Moscow past November.", "2015-01-06", "past November", "2014-11",
	 PREC_MONTH},
	{"The envoys met past Friday.", "2015-01-06", "past Friday", "2015-01-02", PREC_DAY},
	/* the moment of writing */
	{"At press time the two leaders were due to hold talks.", "2023-04-04", "At press time", "2023-04-04",
	 PREC_DAY},
	{"At the time of going to press, the talks were still under way.", "2023-04-04",
	 "At the time of going to press", "2023-04-04", PREC_DAY},
	/* a headline's "X to do": the future */
	{"Ruto to pay US State Visit in May", "2024-02-16", "May", "2024-05", PREC_MONTH},
	{"Panama's president used an address on Tuesday to announce the ties.", "2017-06-14", "Tuesday",
	 "2017-06-13", PREC_DAY},
	{"Washington ordered China to close its consulate in Houston on Tuesday.", "2020-07-22", "Tuesday",
	 "2020-07-21", PREC_DAY},
	{"Kenya's Ruto to pay US State Visit in May", "2024-02-16", "May", "2024-05", PREC_MONTH},
	/* a start told in the past is taken in the report's year */
	{"NATO had decided to withdraw their accreditation from November 1.", "2021-10-18", "November 1",
	 "2021-11-01", PREC_DAY},
	{"The ministry said the ban was lifted effective 1 December.", "2021-10-18", "1 December", "2021-12-01",
	 PREC_DAY},
	{"The ministry said the ban was lifted on 1 December.", "2021-10-18", "1 December", "2020-12-01", PREC_DAY},
	{"They will meet on Tuesday next week.", "2015-01-06", "Tuesday next week", "2015-01-13", PREC_DAY},
	/* an ordinal day of the report's month */
	{"The ministers met on the 5th.", "2015-01-06", "the 5th", "2015-01-05", PREC_DAY},
	{"The ministers met on the 20th.", "2015-01-06", "the 20th", "2014-12-20", PREC_DAY},
	{"The ministers will meet on the 20th.", "2015-01-06", "the 20th", "2015-01-20", PREC_DAY},
	/* counted from the date named before */
	{"The talks opened on 3 March, and the day before, the envoys had arrived.", "2015-03-10", "the day before",
	 "2015-03-02", PREC_DAY},
	{"The talks opened on 3 March and the accord was signed two days later.", "2015-03-10", "two days later",
	 "2015-03-05", PREC_DAY},
	{"The talks opened on 3 March; a day earlier the envoys had arrived.", "2015-03-10", "a day earlier",
	 "2015-03-02", PREC_DAY},
	/* (from a month: that month, as far as the text tells; not from a year) */
	{"The row began in September 2014, and two days later the envoy was recalled.", "2015-03-10",
	 "two days later", "2014-09", PREC_MONTH},
	{"The row began in 2014, and two days later the envoy was recalled.", "2015-03-10", "two days later", "",
	 PREC_UNKNOWN},
	{"The talks opened on 3 March after the envoys arrived the previous day.", "2015-03-10",
	 "the previous day", "2015-03-02", PREC_DAY},
	{"The day before, the ministers had met.", "2015-03-10", "The day before", "", PREC_UNKNOWN},
	/* a report known to its month only (--date 2015-09) */
	{"The ministers met yesterday.", "2015-09", "yesterday", "2015-09", PREC_MONTH},
	{"The ministers met on Friday.", "2015-09", "Friday", "2015-09", PREC_MONTH},
	{"The ministers met on the 5th.", "2015-09", "the 5th", "2015-09-05", PREC_DAY},
	{"The ministers met on 9 July.", "2015-09", "9 July", "2015-07-09", PREC_DAY},
	{"The ministers met last week.", "2015-09", "last week", "", PREC_UNKNOWN},
	/* a present that schedules, a progressive with a date, a plan, a postponement */
	{"The minister leaves for Moscow on Tuesday.", "1987-03-16", "Tuesday", "1987-03-17", PREC_DAY},
	{"King Fahd begins a four-day state visit on Tuesday.", "1987-03-22", "Tuesday", "1987-03-24", PREC_DAY},
	{"Moscow is closing its mission starting November 1.", "2021-10-18", "November 1", "2021-11-01", PREC_DAY},
	{"She was intending to land in Taipei on Sunday.", "2022-04-09", "Sunday", "2022-04-10", PREC_DAY},
	{"The visit has been pushed back to February.", "2023-01-03", "February", "2023-02", PREC_MONTH},
	{"The talks were postponed until March.", "2023-01-03", "March", "2023-03", PREC_MONTH},
	{"The envoys, who are visiting Manila, met on July 8.", "2024-07-08", "July 8", "2024-07-08", PREC_DAY},
	{"He is likely to meet Moi when he pays a visit to Nairobi on Friday, they added.", "1987-06-02",
	 "Friday", "1987-06-05", PREC_DAY},
	/* numbers that are not years */
	{"The 2+2 talks brought 2,000 troops and No. 2001 to the table.", "2015-01-06", NULL, NULL, PREC_UNKNOWN},
	{"Australia said the 2032 Olympics would be held in Brisbane.", "2021-07-21", NULL, NULL, PREC_UNKNOWN},
	{"The Su-2032 and the F-35 were on display.", "2015-01-06", NULL, NULL, PREC_UNKNOWN},
	{"The day before the vote the envoys met.", "2015-01-06", NULL, NULL, PREC_UNKNOWN},
	{"The ministers met on the 70th anniversary of the treaty.", "2015-01-06", NULL, NULL, PREC_UNKNOWN},
};

static void test_rule_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(rule_cases) / sizeof(*rule_cases); i++) {
		const struct rule_case *c = &rule_cases[i];
		struct cdate anchor;
		assert_int_equal(cdate_parse(c->report, &anchor), 0);
		struct timex x[8];
		size_t n = find_all(c->sentence, &anchor, TENSE_AUTO, x, 8);
		if (!c->span) {
			for (size_t k = 0; k < n; k++)
				if (!(x[k].flags & TIMEX_F_MODIFIER))
					fail_msg("'%s' dates '%.*s'", c->sentence, (int)(x[k].end - x[k].start),
						 c->sentence + x[k].start);
			continue;
		}
		struct timex t = find_span(c->sentence, &anchor, TENSE_AUTO, c->span);
		char got[16];
		cdate_format(&t.date, got);
		if (strcmp(got, c->date) || t.date.prec != c->prec)
			fail_msg("'%s' in '%s' (report %s): %s prec %d, expected %s prec %d", c->span, c->sentence,
				 c->report, got, t.date.prec, c->date, c->prec);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_explicit_dates),
		cmocka_unit_test(test_day_month_year_by_tense),
		cmocka_unit_test(test_months),
		cmocka_unit_test(test_relative_periods),
		cmocka_unit_test(test_seasons),
		cmocka_unit_test(test_deictic_days),
		cmocka_unit_test(test_weekdays),
		cmocka_unit_test(test_since_decades_ago),
		cmocka_unit_test(test_false_positives),
		cmocka_unit_test(test_citation_year),
		cmocka_unit_test(test_anaphoric),
		cmocka_unit_test(test_unknown_anchor),
		cmocka_unit_test(test_utf8_spans),
		cmocka_unit_test(test_tense),
		cmocka_unit_test(test_long_sentence_and_max),
		cmocka_unit_test(test_rule_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
