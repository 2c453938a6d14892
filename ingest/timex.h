/* Temporal expressions in one sentence, resolved against the report's date.
 *
 * A tagger in the spirit of HeidelTime, written for diplomatic wire copy: it
 * finds every temporal expression in a sentence ("on 9 July", "last Friday",
 * "earlier this month", "since 2009", "the early 1990s", "two days ago"...),
 * reports its exact byte span and resolves it to a struct cdate at the
 * precision the text supports. The caller (the event extractor) decides which
 * expression governs which clause.
 *
 * Everything depends only on the text and the anchor (the report's own date),
 * never on the clock or the time zone. One left-to-right scan over tokens, no
 * regular expressions, no allocation, no mutable global state (one keyword
 * table, built once on first use under call_once: thread-safe); about
 * 16 KB of stack per call.
 *
 * Spans follow TimeML's TIMEX3 extents: modifiers and "ago" belong to the
 * expression ("late last year", "mid-March", "two days ago", "the early
 * 1990s", "the end of the year"); plain prepositions and the signals "since",
 * "by", "until" do not (their meaning is in .kind). A determiner belongs to
 * the expression when it is part of it ("the 1990s", "the spring of 2015",
 * "the weekend") but not when it belongs to a noun the date modifies
 * ("the September meeting": the span is "September").
 *
 * Resolution rules (anchor A = the report's date; tense = past or future as
 * given, or as timex_tense() finds it around the expression):
 *  - explicit dates resolve on their own: "2 January 2015", "January 2, 2015",
 *    "Jan. 2, 2015", "2015-01-06", "06.01.2015" (day.month.year, 4-digit year
 *    only; slashed dates are ambiguous between orders and are not read),
 *    "June 2017", "the spring of 2015", "in 1945". Ranges ("5-6 March",
 *    "March 5 and 6", "2014-2015") resolve to their start and set
 *    TIMEX_F_RANGE. A date without a year followed by one with a year takes
 *    that year ("in October and December 2014", "from 5 March to 6 April
 *    2015"). Members of a list share its preposition ("in January, February
 *    and March").
 *  - a day and month without a year ("on 9 July"): past tense takes the
 *    latest such date on or before A, future the earliest on or after A.
 *    Reports are dated in UTC while events are dated locally and tense
 *    detection can err, so a date at most TIMEX_DAY_SLACK days on the "wrong"
 *    side of A keeps A's year rather than jumping a year.
 *  - a month without a year ("in August", "the September meeting"): past
 *    takes A's year when the month is not after A's month, else the year
 *    before; future the reverse. "last March" is strictly before A's month,
 *    "next March" strictly after, "this March" is in A's year.
 *  - weekdays: past = the latest such day on or before A, future = the
 *    earliest on or after A; "last Friday" strictly before, "next Friday"
 *    strictly after, "this coming Friday" on or after.
 *  - weeks ("last week", "later this week", "two weeks ago") resolve to the
 *    month holding the week's Thursday (the ISO 8601 rule: most of the week's
 *    days), at PREC_MONTH: an analyst prefers no false day precision.
 *    Weekends ("over the weekend", "next weekend") likewise give the month of
 *    their Saturday at PREC_MONTH.
 *  - seasons are written as their first month at PREC_SEASON (northern
 *    hemisphere: spring 03, summer 06, autumn/fall 09, winter 12; the winter
 *    of year Y starts in December Y). "last summer" is the latest summer
 *    that began before the season A lies in; "next" the earliest after it;
 *    "this summer" is the summer of A's year (for winter: the one A is in,
 *    else by tense); a bare "in the summer" goes by tense.
 *  - "today", "tonight", "this morning" = A; "yesterday", "last night" = A-1;
 *    "tomorrow" = A+1; "the day before yesterday" = A-2, "the day after
 *    tomorrow" = A+2; "earlier in the day" = A.
 *  - "this/last/next year", "late last year", "earlier this year" give a
 *    year; "this/last/next month", "earlier this month" a month; modifiers
 *    (early, late, mid-, earlier, later, the end/beginning/start/middle of)
 *    never change the resolution or its precision.
 *  - "N days ago" = A-N (day), "N weeks ago" (month, as weeks), "N months
 *    ago" (month), "N years ago", "a decade ago" (year); N is a numeral or a
 *    number word (a, one ... twelve, fifteen, twenty ... fifty).
 *  - "the 1990s", "the early 1990s", "the mid-1990s": kind TIMEX_DECADE,
 *    date 1990 at PREC_YEAR.
 *  - "on the 5th": that day of A's month; in the past a day after A's is the
 *    month before's, in the future a day before A's the month after's.
 *  - "September last", "on May 5 last", "on Tuesday last" (KCNA, Indian and
 *    British usage) are "last September", the latest May 5 before A, "last
 *    Tuesday"; "on Tuesday next", "in March next" the next ones; "this past
 *    weekend" is the last one.
 *  - counted from the date named before (as "the next day"): "the day
 *    before", "the previous day", "the week after", "a day earlier", "two
 *    days later" ("the day before the vote" counts from the vote: no date).
 *  - tense for bare weekdays and dates: a present that schedules ("leaves
 *    for Moscow on Tuesday", "begins a visit on Tuesday"), a progressive
 *    ("is closing ... starting November 1"), "intending to", "likely to"
 *    look ahead; a reporting verb after a comma ("..., they added") does not
 *    count; a date after "postponed until", "pushed back to", "delayed to"
 *    is a later one.
 *  - an anchor known to its month only (ingest --date 2015-09): "yesterday",
 *    "today", "tomorrow", weekdays and "this week" give that month at
 *    PREC_MONTH; an anchor of a year only leaves them unknown.
 *  - relative expressions need the anchor at the precision they use (a day
 *    for weekdays, "yesterday", weeks; a month for months and seasons; a
 *    year for years); when the anchor is unknown or too coarse they are
 *    still reported, with date.prec PREC_UNKNOWN. Absolute dates always
 *    resolve. An impossible date ("31 February 2015") has PREC_UNKNOWN.
 *
 * What is deliberately not a date: "May" and "March" unless capitalised and
 * with a day, a year, a preceding preposition or modifier (in, since, by,
 * until, from, of, during, last, next, this, early, late, mid-...) or used as
 * a modifier ("the May elections", "March's talks"); abbreviated months
 * ("Jan") only with a day or year, so "Jan Kubis" is a name; "24 hours",
 * "70th anniversary", "$16 billion", "100 aircraft"; a bare four-digit number
 * without a preposition ("2000 troops", "the 2000 troops"; but "the 2014
 * elections" is a year); "Good Friday", "Super Tuesday"; "No. 2001",
 * "2+2", "2,000", "Su-2032". A year between "the" and a name ("the 2032
 * Olympics", "the 2015 Paris Agreement") is that name's: TIMEX_F_MODIFIER.
 * A year in parentheses ("Resolution 2444 (2018)") is reported with
 * TIMEX_F_CITATION so that the caller can ignore it.
 *
 * Input is UTF-8 of any kind (curly quotes, dashes, no-break spaces, accented
 * or Cyrillic words); invalid bytes are skipped as punctuation. The sentence
 * need not be NUL-terminated.
 */
#ifndef COMMUNIQUE_TIMEX_H
#define COMMUNIQUE_TIMEX_H
#include <stddef.h>

#include "util/cdate.h"

/* Days a day-and-month date may lie on the wrong side of the anchor for its
 * tense and still keep the anchor's year (see above). */
#define TIMEX_DAY_SLACK 7

enum tense { TENSE_AUTO = 0, TENSE_PAST, TENSE_FUTURE };

enum timex_kind {
	TIMEX_DATE,           /* a calendar date, month, season or year named in the text,
	                         with or without its year: "on 9 July", "in August", "2015" */
	TIMEX_DEICTIC,        /* relative to the report's time: today, yesterday, a weekday,
	                         last week, this year, next March, two days ago... */
	TIMEX_DURATION_SINCE, /* "since 2009", "since last year": date = the start */
	TIMEX_DEADLINE,       /* "by 15 February", "until 2020", "no later than March":
	                         date = the bound, not necessarily the event's date */
	TIMEX_DECADE,         /* "the early 1990s": date = the decade's first year */
};

/* Flags on a found expression. */
enum timex_flag {
	TIMEX_F_MODIFIER = 1,  /* the date modifies a noun: "the September meeting",
	                          "Monday's talks", "last year's election", "the 2015
	                          nuclear deal" (a year before a word naming an event) */
	TIMEX_F_CITATION = 2,  /* a year in parentheses, as in "Resolution 2444 (2018)":
	                          usually a document's year, not an event's */
	TIMEX_F_RANGE = 4,     /* a range ("5-6 March", "2014-2015"): date is its start */
};

struct timex {
	size_t start, end;     /* byte span [start, end) in the sentence */
	struct cdate date;     /* resolved; prec PREC_UNKNOWN if it could not be resolved */
	enum timex_kind kind;
	enum tense tense_used; /* the direction the resolution used: the tense given or
	                          detected for bare weekdays, months, day-months, seasons
	                          and weekends; PAST for last/ago/yesterday/since, FUTURE
	                          for next/tomorrow; TENSE_AUTO when the resolution did
	                          not depend on one (absolute dates, this year...) */
	unsigned flags;        /* enum timex_flag bits */
};

/* Finds up to max temporal expressions in s[0..len), in text order, resolves
 * them against *anchor (NULL or prec PREC_UNKNOWN: relative expressions stay
 * unresolved) and writes them to out[0..max). With TENSE_AUTO each
 * expression's tense is found by timex_tense() at its position; otherwise the
 * given tense is used for all (but "since" always looks back). Returns how
 * many were written. Cannot fail; out may be NULL when max is 0. */
size_t timex_find(const char *s, size_t len, const struct cdate *anchor, enum tense tense,
		  struct timex *out, size_t max);
/* As timex_find, with `prev` (NULL or prec PREC_UNKNOWN: none) the date the
 * text named last before this sentence: what "that day", "the next day" or
 * "later that month" count from until the sentence names a date itself.
 * When that date is a month ("last week") and the anchor's day falls in it,
 * "that day" is the anchor's day (no other day was named); else the month. */
size_t timex_find_after(const char *s, size_t len, const struct cdate *anchor, const struct cdate *prev,
			enum tense tense, struct timex *out, size_t max);

/* The tense of the clause around byte offset `at` of the sentence s[0..len):
 * TENSE_FUTURE when the nearest tense marker is a future one (will, shall,
 * 'll, would (reported plans), is/are/was to, going to, plans/expected/
 * scheduled/agreed/decided... to or for, to be held, next, upcoming, later
 * this..., tomorrow), TENSE_PAST when it is a past one (past-tense verbs,
 * was/were, has/had + participle, did, last, earlier, ago, yesterday,
 * previously). Markers before `at` and in the same clause weigh more than
 * those after it or across commas and conjunctions. Present tense and no
 * marker at all give TENSE_PAST (for reporting purposes, what a report
 * states in the present has happened). Never returns TENSE_AUTO. */
enum tense timex_tense(const char *s, size_t len, size_t at);

#endif
