/* Temporal tagger: a tokeniser, a small set of hand-written patterns tried at
 * each token from left to right, resolution against the report's date, and a
 * clause-tense detector. The rules an analyst needs are in timex.h; this file
 * says why each pattern looks as it does.
 *
 * Tokens: words (letters of any script), digit runs and single punctuation
 * characters (Unicode quotes and dashes folded to ASCII), each with its byte
 * span and whether white space precedes it, so that "mid-March" and
 * "2015-01-06" can be told from "said - March". English words that matter to
 * the patterns are looked up once, when tokenised, in a sorted table.
 */
#include "ingest/timex.h"
#include "ingest/dateline.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <threads.h>
#include <utf8proc.h>

/* Tokens per window. Long sentences are scanned in overlapping windows so
 * that the stack stays small: patterns look at most a few tokens ahead and
 * the tense detector some thirty tokens either way. */
#define TOK_CAP 512
#define TOK_BACK 48
#define TOK_AHEAD 48
/* How far (in words) the tense detector looks for a marker. */
#define TENSE_REACH 30
/* Bytes before `at` that timex_tense() tokenises. */
#define TENSE_REACH_BYTES 480

enum tok_type { TK_WORD, TK_NUM, TK_PUNCT };

enum tok_flag {
	TF_SP = 1,   /* white space (or the sentence start) precedes the token */
	TF_CAP = 2,  /* a word starting with an ASCII capital */
};

/* Keywords the patterns and the tense detector test one by one. */
enum kw_id {
	K_NONE = 0, K_A, K_AFTER, K_AGO, K_ALSO, K_AND, K_AT, K_BE, K_BEFORE, K_BY, K_COMING,
	K_DID, K_DURING, K_EARLIER, K_EARLY, K_EDGE, K_EXPECTED, K_FOR, K_FUTADJ, K_GOING,
	K_HAVE, K_IN, K_IS, K_LAST, K_LATE, K_LATER, K_LL, K_MAY, K_MID, K_MODAL, K_NEXT,
	K_NO, K_OF, K_ON, K_OR, K_OVER, K_PART, K_PAST, K_PASTADV, K_SEASON, K_SINCE, K_THAN,
	K_THE, K_THIS, K_TO, K_TODAY, K_TOMORROW, K_TONIGHT, K_UNIT, K_UNTIL, K_WAS,
	K_WEEKEND, K_WILL, K_WON, K_WOULD, K_YESTERDAY, K_THAT, K_SAME, K_FOLLOWING, K_PREVIOUS,
	K_WITHIN,
};

/* Keyword classes: sets of words a pattern accepts in one position. */
enum kw_class {
	C_FUNC = 1 << 0,   /* function word: may follow a bare year ("in 2015 the") */
	C_DET = 1 << 1,    /* determiner or possessive: an -ed word after it is an adjective */
	C_NUMW = 1 << 2,   /* number word; val = its value */
	C_MPREP = 1 << 3,  /* makes a bare month or season a date ("in March") */
	C_YPREP = 1 << 4,  /* makes a bare year a date ("in 1945") */
	C_YWEAK = 1 << 5,  /* makes a bare year a date unless a noun follows ("of 2015") */
	C_SPREP = 1 << 6,  /* "over" (the weekend, the summer) */
	C_BOUND = 1 << 7,  /* starts a new clause: crossing it weakens a tense marker */
	C_HOLI = 1 << 8,   /* names a holiday with a weekday: "Good Friday" */
	C_PASTV = 1 << 9,  /* irregular past-tense verb */
	C_FUTTO = 1 << 10, /* a plan when "to" or "for" follows ("agreed to", "set for") */
	C_NOTV = 1 << 11,  /* ends in -ed but is no past tense ("indeed", "hundred") */
	C_BE = 1 << 12,    /* a form of "be": a participle after it is passive */
	C_EVNOUN = 1 << 13, /* an event a year may name: "the 2014 elections" */
	C_SCHED = 1 << 14, /* a present tense that schedules: "leaves for Moscow on Tuesday" */
	C_DEFER = 1 << 15, /* a date after it and "to"/"until" is a new, later one:
			      "postponed until March", "pushed back to February" */
	C_SAY = 1 << 16,   /* a reporting verb: after a comma it tells when it was said, not
			      the tense of what was said ("..., they added.") */
};

/* Units (val of K_UNIT). */
enum { U_HOUR = 1, U_DAY, U_WEEK, U_MONTH, U_YEAR, U_DECADE, U_FORTNIGHT };

struct keyword {
	const char *word;    /* lower case */
	unsigned char id;    /* enum kw_id */
	unsigned cls;        /* enum kw_class bits */
	signed char val;     /* number, unit, season (1 spring .. 4 winter) or part of day */
};

/* Sorted by word (ASCII lower case), each word once; looked up by hash
 * (keyword_find). */
static const struct keyword keywords[] = {
	{"a", K_A, C_DET | C_FUNC | C_NUMW, 1},
	{"about", K_NONE, C_FUNC | C_YWEAK, 0},
	{"accord", K_NONE, C_EVNOUN, 0},
	{"added", K_NONE, C_SAY, 0},
	{"adds", K_NONE, C_SAY, 0},
	{"adjourned", K_NONE, C_DEFER, 0},
	{"after", K_AFTER, C_BOUND | C_FUNC | C_MPREP | C_YPREP, 0},
	{"afternoon", K_PART, 0, 2},
	{"ago", K_AGO, 0, 0},
	{"agreed", K_NONE, C_FUTTO, 0},
	{"agreement", K_NONE, C_EVNOUN, 0},
	{"aim", K_NONE, C_FUTTO, 0},
	{"aimed", K_NONE, C_FUTTO, 0},
	{"aims", K_NONE, C_FUTTO, 0},
	{"already", K_PASTADV, 0, 0},
	{"also", K_ALSO, 0, 0},
	{"although", K_NONE, C_BOUND | C_FUNC, 0},
	{"am", K_IS, C_BE | C_FUNC, 0},
	{"amid", K_NONE, C_FUNC, 0},
	{"an", K_A, C_DET | C_FUNC | C_NUMW, 1},
	{"and", K_AND, C_BOUND | C_FUNC, 0},
	{"annexation", K_NONE, C_EVNOUN, 0},
	{"are", K_IS, C_BE | C_FUNC, 0},
	{"around", K_NONE, C_FUNC | C_MPREP | C_YWEAK, 0},
	{"arrives", K_NONE, C_SCHED, 0},
	{"as", K_NONE, C_FUNC, 0},
	{"ash", K_NONE, C_HOLI, 0},
	{"at", K_AT, C_FUNC, 0},
	{"attack", K_NONE, C_EVNOUN, 0},
	{"attacks", K_NONE, C_EVNOUN, 0},
	{"autumn", K_SEASON, 0, 3},
	{"back", K_NONE, C_DEFER, 0},
	{"be", K_BE, C_BE, 0},
	{"became", K_NONE, C_PASTV, 0},
	{"because", K_NONE, C_BOUND | C_FUNC, 0},
	{"bed", K_NONE, C_NOTV, 0},
	{"been", K_BE, C_BE, 0},
	{"before", K_BEFORE, C_BOUND | C_FUNC | C_MPREP | C_YPREP, 0},
	{"began", K_NONE, C_PASTV, 0},
	{"beginning", K_EDGE, 0, 0},
	{"begins", K_NONE, C_SCHED, 0},
	{"being", K_BE, C_BE, 0},
	{"between", K_NONE, C_FUNC | C_MPREP | C_YPREP, 0},
	{"black", K_NONE, C_HOLI, 0},
	{"bloody", K_NONE, C_HOLI, 0},
	{"breed", K_NONE, C_NOTV, 0},
	{"broke", K_NONE, C_PASTV, 0},
	{"brought", K_NONE, C_PASTV, 0},
	{"budget", K_NONE, C_EVNOUN, 0},
	{"but", K_NONE, C_BOUND | C_FUNC, 0},
	{"by", K_BY, C_FUNC | C_MPREP | C_YWEAK, 0},
	{"came", K_NONE, C_PASTV, 0},
	{"ceasefire", K_NONE, C_EVNOUN, 0},
	{"census", K_NONE, C_EVNOUN, 0},
	{"chose", K_NONE, C_PASTV, 0},
	{"circa", K_NONE, C_YPREP, 0},
	{"coming", K_COMING, 0, 0},
	{"communique", K_NONE, C_EVNOUN, 0},
	{"conference", K_NONE, C_EVNOUN, 0},
	{"convenes", K_NONE, C_SCHED, 0},
	{"coup", K_NONE, C_EVNOUN, 0},
	{"creed", K_NONE, C_NOTV, 0},
	{"crisis", K_NONE, C_EVNOUN, 0},
	{"cyber", K_NONE, C_HOLI, 0},
	{"day", K_UNIT, 0, 2},
	{"days", K_UNIT, 0, 2},
	{"deal", K_NONE, C_EVNOUN, 0},
	{"decade", K_UNIT, 0, 6},
	{"decades", K_UNIT, 0, 6},
	{"decided", K_NONE, C_FUTTO, 0},
	{"declaration", K_NONE, C_EVNOUN, 0},
	{"deed", K_NONE, C_NOTV, 0},
	{"deferred", K_NONE, C_DEFER, 0},
	{"delayed", K_NONE, C_DEFER, 0},
	{"departs", K_NONE, C_SCHED, 0},
	{"did", K_DID, C_FUNC, 0},
	{"drew", K_NONE, C_PASTV, 0},
	{"due", K_EXPECTED, C_FUTTO, 0},
	{"during", K_DURING, C_FUNC | C_MPREP | C_YPREP, 0},
	{"earlier", K_EARLIER, 0, 0},
	{"early", K_EARLY, 0, 0},
	{"earthquake", K_NONE, C_EVNOUN, 0},
	{"easter", K_NONE, C_HOLI, 0},
	{"eight", K_NONE, C_NUMW, 8},
	{"election", K_NONE, C_EVNOUN, 0},
	{"elections", K_NONE, C_EVNOUN, 0},
	{"eleven", K_NONE, C_NUMW, 11},
	{"embed", K_NONE, C_NOTV, 0},
	{"end", K_EDGE, 0, 0},
	{"evening", K_PART, 0, 3},
	{"exceed", K_NONE, C_NOTV, 0},
	{"expect", K_NONE, C_FUTTO, 0},
	{"expected", K_EXPECTED, C_FUTTO, 0},
	{"expects", K_NONE, C_FUTTO, 0},
	{"explained", K_NONE, C_SAY, 0},
	{"extended", K_NONE, C_DEFER, 0},
	{"fall", K_SEASON, 0, 3},
	{"feed", K_NONE, C_NOTV, 0},
	{"fell", K_NONE, C_PASTV, 0},
	{"felt", K_NONE, C_PASTV, 0},
	{"fifteen", K_NONE, C_NUMW, 15},
	{"fifty", K_NONE, C_NUMW, 50},
	{"five", K_NONE, C_NUMW, 5},
	{"flew", K_NONE, C_PASTV, 0},
	{"floods", K_NONE, C_EVNOUN, 0},
	{"following", K_FOLLOWING, 0, 0},
	{"for", K_FOR, C_FUNC | C_MPREP | C_YWEAK, 0},
	{"forthcoming", K_FUTADJ, 0, 0},
	{"fortnight", K_UNIT, 0, 7},
	{"fortnights", K_UNIT, 0, 7},
	{"forty", K_NONE, C_NUMW, 40},
	{"fought", K_NONE, C_PASTV, 0},
	{"found", K_NONE, C_PASTV, 0},
	{"four", K_NONE, C_NUMW, 4},
	{"from", K_NONE, C_FUNC | C_MPREP | C_YPREP, 0},
	{"games", K_NONE, C_EVNOUN, 0},
	{"gave", K_NONE, C_PASTV, 0},
	{"going", K_GOING, C_FUTTO, 0},
	{"good", K_NONE, C_HOLI, 0},
	{"got", K_NONE, C_PASTV, 0},
	{"greed", K_NONE, C_NOTV, 0},
	{"grew", K_NONE, C_PASTV, 0},
	{"had", K_HAVE, C_FUNC, 0},
	{"has", K_HAVE, C_FUNC, 0},
	{"have", K_HAVE, C_FUNC, 0},
	{"he", K_NONE, C_FUNC, 0},
	{"heads", K_NONE, C_SCHED, 0},
	{"heard", K_NONE, C_PASTV, 0},
	{"held", K_NONE, C_PASTV, 0},
	{"her", K_NONE, C_DET | C_FUNC, 0},
	{"his", K_NONE, C_DET | C_FUNC, 0},
	{"holy", K_NONE, C_HOLI, 0},
	{"hope", K_NONE, C_FUTTO, 0},
	{"hoped", K_NONE, C_FUTTO, 0},
	{"hopes", K_NONE, C_FUTTO, 0},
	{"hour", K_UNIT, 0, 1},
	{"hours", K_UNIT, 0, 1},
	{"hundred", K_NONE, C_NOTV, 0},
	{"i", K_NONE, C_FUNC, 0},
	{"in", K_IN, C_FUNC | C_MPREP | C_YPREP, 0},
	{"indeed", K_NONE, C_NOTV, 0},
	{"intend", K_NONE, C_FUTTO, 0},
	{"intended", K_NONE, C_FUTTO, 0},
	{"intending", K_NONE, C_FUTTO, 0},
	{"intends", K_NONE, C_FUTTO, 0},
	{"into", K_NONE, C_FUNC | C_MPREP | C_YPREP, 0},
	{"invasion", K_NONE, C_EVNOUN, 0},
	{"invited", K_NONE, C_FUTTO, 0},
	{"is", K_IS, C_BE | C_FUNC, 0},
	{"it", K_NONE, C_FUNC, 0},
	{"its", K_NONE, C_DET | C_FUNC, 0},
	{"kept", K_NONE, C_PASTV, 0},
	{"knew", K_NONE, C_PASTV, 0},
	{"last", K_LAST, 0, 0},
	{"late", K_LATE, 0, 0},
	{"later", K_LATER, 0, 0},
	{"law", K_NONE, C_EVNOUN, 0},
	{"leaves", K_NONE, C_SCHED, 0},
	{"led", K_NONE, C_PASTV, 0},
	{"left", K_NONE, C_PASTV, 0},
	{"likely", K_NONE, C_FUTTO, 0},
	{"ll", K_LL, 0, 0},
	{"lost", K_NONE, C_PASTV, 0},
	{"made", K_NONE, C_PASTV, 0},
	{"maundy", K_NONE, C_HOLI, 0},
	{"may", K_MAY, 0, 0},
	{"meant", K_NONE, C_PASTV, 0},
	{"meeting", K_NONE, C_EVNOUN, 0},
	{"memorandum", K_NONE, C_EVNOUN, 0},
	{"met", K_NONE, C_PASTV, 0},
	{"mid", K_MID, 0, 0},
	{"middle", K_EDGE, 0, 0},
	{"might", K_MODAL, C_FUNC, 0},
	{"minute", K_UNIT, 0, 1},
	{"minutes", K_UNIT, 0, 1},
	{"month", K_UNIT, 0, 4},
	{"months", K_UNIT, 0, 4},
	{"morning", K_PART, 0, 1},
	{"moved", K_NONE, C_DEFER, 0},
	{"must", K_MODAL, C_FUNC, 0},
	{"my", K_NONE, C_DET | C_FUNC, 0},
	{"need", K_NONE, C_NOTV, 0},
	{"negotiations", K_NONE, C_EVNOUN, 0},
	{"next", K_NEXT, 0, 0},
	{"night", K_PART, 0, 4},
	{"nine", K_NONE, C_NUMW, 9},
	{"no", K_NO, C_FUNC, 0},
	{"not", K_NO, C_FUNC, 0},
	{"noted", K_NONE, C_SAY, 0},
	{"of", K_OF, C_FUNC | C_MPREP | C_YWEAK, 0},
	{"off", K_NONE, C_DEFER, 0},
	{"on", K_ON, C_FUNC, 0},
	{"one", K_NONE, C_NUMW, 1},
	{"opens", K_NONE, C_SCHED, 0},
	{"or", K_OR, C_FUNC, 0},
	{"our", K_NONE, C_DET | C_FUNC, 0},
	{"over", K_OVER, C_FUNC | C_SPREP, 0},
	{"paid", K_NONE, C_PASTV, 0},
	{"palm", K_NONE, C_HOLI, 0},
	{"pandemic", K_NONE, C_EVNOUN, 0},
	{"past", K_PAST, 0, 0},
	{"pays", K_NONE, C_SCHED, 0},
	{"plan", K_NONE, C_EVNOUN | C_FUTTO, 0},
	{"planned", K_FUTADJ, C_FUTTO, 0},
	{"planning", K_NONE, C_FUTTO, 0},
	{"plans", K_NONE, C_FUTTO, 0},
	{"pledged", K_NONE, C_FUTTO, 0},
	{"poll", K_NONE, C_EVNOUN, 0},
	{"polls", K_NONE, C_EVNOUN, 0},
	{"postponed", K_NONE, C_DEFER, 0},
	{"prepared", K_NONE, C_FUTTO, 0},
	{"previous", K_PREVIOUS, 0, 0},
	{"previously", K_PASTADV, 0, 0},
	{"proceed", K_NONE, C_NOTV, 0},
	{"promised", K_NONE, C_FUTTO, 0},
	{"protests", K_NONE, C_EVNOUN, 0},
	{"ran", K_NONE, C_PASTV, 0},
	{"ready", K_NONE, C_FUTTO, 0},
	{"red", K_NONE, C_NOTV, 0},
	{"referendum", K_NONE, C_EVNOUN, 0},
	{"rescheduled", K_NONE, C_DEFER, 0},
	{"resolution", K_NONE, C_EVNOUN, 0},
	{"resumes", K_NONE, C_SCHED, 0},
	{"returns", K_NONE, C_SCHED, 0},
	{"revolution", K_NONE, C_EVNOUN, 0},
	{"rose", K_NONE, C_PASTV, 0},
	{"said", K_NONE, C_PASTV | C_SAY, 0},
	{"same", K_SAME, 0, 0},
	{"sanctions", K_NONE, C_EVNOUN, 0},
	{"saw", K_NONE, C_PASTV, 0},
	{"says", K_NONE, C_SAY, 0},
	{"scheduled", K_FUTADJ, C_FUTTO, 0},
	{"seed", K_NONE, C_NOTV, 0},
	{"sent", K_NONE, C_PASTV, 0},
	{"set", K_NONE, C_FUTTO, 0},
	{"seven", K_NONE, C_NUMW, 7},
	{"shall", K_WILL, C_FUNC, 0},
	{"she", K_NONE, C_FUNC, 0},
	{"shed", K_NONE, C_NOTV, 0},
	{"should", K_MODAL, C_FUNC, 0},
	{"since", K_SINCE, C_FUNC | C_MPREP | C_YPREP, 0},
	{"six", K_NONE, C_NUMW, 6},
	{"slated", K_FUTADJ, C_FUTTO, 0},
	{"soon", K_FUTADJ, 0, 0},
	{"sought", K_NONE, C_PASTV, 0},
	{"speed", K_NONE, C_NOTV, 0},
	{"spoke", K_NONE, C_PASTV, 0},
	{"spring", K_SEASON, 0, 1},
	{"start", K_EDGE, 0, 0},
	{"starts", K_NONE, C_SCHED, 0},
	{"stated", K_NONE, C_SAY, 0},
	{"stood", K_NONE, C_PASTV, 0},
	{"stressed", K_NONE, C_SAY, 0},
	{"struck", K_NONE, C_PASTV, 0},
	{"succeed", K_NONE, C_NOTV, 0},
	{"summer", K_SEASON, 0, 2},
	{"summit", K_NONE, C_EVNOUN, 0},
	{"super", K_NONE, C_HOLI, 0},
	{"talks", K_NONE, C_EVNOUN, 0},
	{"ten", K_NONE, C_NUMW, 10},
	{"than", K_THAN, C_FUNC | C_YWEAK, 0},
	{"that", K_THAT, C_BOUND | C_FUNC, 0},
	{"the", K_THE, C_DET | C_FUNC | C_YWEAK, 0},
	{"their", K_NONE, C_DET | C_FUNC, 0},
	{"then", K_NONE, C_FUNC, 0},
	{"there", K_NONE, C_FUNC, 0},
	{"they", K_NONE, C_FUNC, 0},
	{"thirty", K_NONE, C_NUMW, 30},
	{"this", K_THIS, C_DET | C_FUNC, 0},
	{"though", K_NONE, C_BOUND | C_FUNC, 0},
	{"thought", K_NONE, C_PASTV, 0},
	{"three", K_NONE, C_NUMW, 3},
	{"threw", K_NONE, C_PASTV, 0},
	{"through", K_NONE, C_FUNC | C_MPREP | C_YPREP, 0},
	{"throughout", K_NONE, C_FUNC | C_MPREP | C_YPREP, 0},
	{"till", K_UNTIL, C_FUNC | C_MPREP | C_YPREP, 0},
	{"to", K_TO, C_FUNC | C_MPREP | C_YWEAK, 0},
	{"today", K_TODAY, 0, 0},
	{"told", K_NONE, C_PASTV | C_SAY, 0},
	{"tomorrow", K_TOMORROW, 0, 0},
	{"tonight", K_TONIGHT, 0, 0},
	{"took", K_NONE, C_PASTV, 0},
	{"travels", K_NONE, C_SCHED, 0},
	{"treaty", K_NONE, C_EVNOUN, 0},
	{"truce", K_NONE, C_EVNOUN, 0},
	{"twelve", K_NONE, C_NUMW, 12},
	{"twenty", K_NONE, C_NUMW, 20},
	{"two", K_NONE, C_NUMW, 2},
	{"understood", K_NONE, C_PASTV, 0},
	{"united", K_NONE, C_NOTV, 0},
	{"unprecedented", K_NONE, C_NOTV, 0},
	{"until", K_UNTIL, C_FUNC | C_MPREP | C_YPREP, 0},
	{"upcoming", K_FUTADJ, 0, 0},
	{"uprising", K_NONE, C_EVNOUN, 0},
	{"visit", K_NONE, C_EVNOUN, 0},
	{"vote", K_NONE, C_EVNOUN, 0},
	{"vowed", K_NONE, C_FUTTO, 0},
	{"want", K_NONE, C_FUTTO, 0},
	{"wanted", K_NONE, C_FUTTO, 0},
	{"wants", K_NONE, C_FUTTO, 0},
	{"war", K_NONE, C_EVNOUN, 0},
	{"was", K_WAS, C_BE | C_FUNC, 0},
	{"we", K_NONE, C_FUNC, 0},
	{"weed", K_NONE, C_NOTV, 0},
	{"week", K_UNIT, 0, 3},
	{"weekend", K_WEEKEND, 0, 0},
	{"weeks", K_UNIT, 0, 3},
	{"went", K_NONE, C_PASTV, 0},
	{"were", K_WAS, C_BE | C_FUNC, 0},
	{"when", K_NONE, C_BOUND | C_FUNC, 0},
	{"where", K_NONE, C_BOUND | C_FUNC, 0},
	{"whereas", K_NONE, C_BOUND | C_FUNC, 0},
	{"which", K_NONE, C_BOUND | C_FUNC, 0},
	{"while", K_NONE, C_BOUND | C_FUNC, 0},
	{"who", K_NONE, C_BOUND | C_FUNC, 0},
	{"whom", K_NONE, C_BOUND | C_FUNC, 0},
	{"will", K_WILL, C_FUNC, 0},
	{"winter", K_SEASON, 0, 4},
	{"with", K_NONE, C_FUNC | C_YWEAK, 0},
	{"withdrew", K_NONE, C_PASTV, 0},
	{"within", K_WITHIN, 0, 0},
	{"won", K_WON, C_PASTV, 0},
	{"would", K_WOULD, C_FUNC, 0},
	{"wrote", K_NONE, C_PASTV, 0},
	{"year", K_UNIT, 0, 5},
	{"years", K_UNIT, 0, 5},
	{"yesterday", K_YESTERDAY, 0, 0},
	{"you", K_NONE, C_FUNC, 0},
	{"your", K_NONE, C_DET | C_FUNC, 0},
};

struct tok {
	size_t start, end;   /* byte span */
	unsigned cls;        /* keyword classes */
	int num;             /* TK_NUM: the value (capped at 1000000) */
	unsigned char type;  /* enum tok_type */
	unsigned char flags; /* enum tok_flag */
	unsigned char ndig;  /* TK_NUM: digits */
	unsigned char kw;    /* enum kw_id */
	signed char val;     /* keyword value */
	signed char month;   /* 1..12 when the word names a month (full or abbreviated) */
	signed char fmonth;  /* 1..12 when it names a month in French, Spanish... ("Juin") */
	signed char wday;    /* 0..6 when the word is a full weekday name, else -1 */
	char ch;             /* TK_PUNCT: the character, Unicode quotes and dashes folded */
};

/* ---- Tokeniser ---------------------------------------------------------- */

/* Width of the white space character at p (ASCII, no-break and Unicode
 * spaces, the byte-order mark), or 0. */
static size_t space_at(const char *s, size_t len, size_t p)
{
	unsigned char c = (unsigned char)s[p];
	if (c == ' ' || (c >= '\t' && c <= '\r'))
		return 1;
	if (c < 0x80 || p + 1 >= len)
		return 0;
	unsigned char c1 = (unsigned char)s[p + 1];
	if (c == 0xC2 && c1 == 0xA0)
		return 2;
	if (p + 2 >= len)
		return 0;
	unsigned char c2 = (unsigned char)s[p + 2];
	if (c == 0xE2 && c1 == 0x80 && ((c2 >= 0x80 && c2 <= 0x8B) || c2 == 0xAF))
		return 3;      /* U+2000..U+200B, U+202F */
	if ((c == 0xE2 && c1 == 0x81 && c2 == 0x9F) || (c == 0xE3 && c1 == 0x80 && c2 == 0x80) ||
	    (c == 0xEF && c1 == 0xBB && c2 == 0xBF))
		return 3;      /* U+205F, U+3000, U+FEFF */
	return 0;
}

/* Decodes the UTF-8 character at p; returns its length, or 0 if invalid. */
static size_t decode(const char *s, size_t len, size_t p, utf8proc_int32_t *cp)
{
	utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + p,
					      (utf8proc_ssize_t)(len - p), cp);
	return k > 0 ? (size_t)k : 0;
}

/* Width of the letter (or combining mark) at p, or 0. *ascii is cleared
 * when it is not ASCII. */
static size_t letter_at(const char *s, size_t len, size_t p, int *ascii)
{
	unsigned char c = (unsigned char)s[p];
	if (c < 0x80)
		return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ? 1 : 0;
	utf8proc_int32_t cp;
	size_t k = decode(s, len, p, &cp);
	if (k == 0)
		return 0;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
		*ascii = 0;
		return k;
	default:
		return 0;
	}
}

/* The punctuation character at p, folded: curly apostrophes to ', curly
 * and angle quotes to ", dashes and minus to -, the ellipsis to '.', any
 * other symbol (and an invalid byte, taken alone) to '?'. Returns its width. */
static size_t punct_at_byte(const char *s, size_t len, size_t p, char *ch)
{
	unsigned char c = (unsigned char)s[p];
	if (c < 0x80) {
		*ch = (char)c;
		return 1;
	}
	utf8proc_int32_t cp;
	size_t k = decode(s, len, p, &cp);
	if (k == 0) {
		*ch = '?';
		return 1;
	}
	if (cp == 0x2018 || cp == 0x2019 || cp == 0x201B || cp == 0x2032 || cp == 0x02BC)
		*ch = '\'';
	else if (cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0xAB || cp == 0xBB)
		*ch = '"';
	else if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212)
		*ch = '-';
	else if (cp == 0x2026)
		*ch = '.';
	else
		*ch = '?';
	return k;
}

/* The keywords by hash, for classify_word, which asks about every word: an
 * open-addressing table of indices + 1 into keywords (0: empty), built once
 * on first use and only read after that, so timex stays thread-safe. */
#define KW_SLOTS 1024
#define N_KEYWORDS (sizeof(keywords) / sizeof(keywords[0]))
static unsigned short kw_slots[KW_SLOTS];
static unsigned char kw_len[N_KEYWORDS];
static once_flag kw_once = ONCE_FLAG_INIT;

/* A hash of the word w[0..n) (n >= 1) from its length and three of its
 * letters: no loop over the word, and the table's probes sort out the rest. */
static uint32_t kw_hash(const char *w, size_t n)
{
	uint32_t h = (uint32_t)n;
	h = h * 131u + (unsigned char)w[0];
	h = h * 131u + (unsigned char)w[n / 2];
	h = h * 131u + (unsigned char)w[n - 1];
	return (h * 2654435761u) >> 16;
}

static void kw_build(void)
{
	for (size_t k = 0; k < N_KEYWORDS; k++) {
		size_t n = strlen(keywords[k].word);
		uint32_t i = kw_hash(keywords[k].word, n) & (KW_SLOTS - 1);
		while (kw_slots[i])
			i = (i + 1) & (KW_SLOTS - 1);
		kw_slots[i] = (unsigned short)(k + 1);
		kw_len[k] = (unsigned char)n;
	}
}

/* The keyword low[0..n) (lower case, hash h = kw_hash(low, n)), or NULL. */
static const struct keyword *keyword_find(const char *low, size_t n, uint32_t h)
{
	call_once(&kw_once, kw_build);
	for (uint32_t i = h & (KW_SLOTS - 1); kw_slots[i]; i = (i + 1) & (KW_SLOTS - 1)) {
		size_t k = kw_slots[i] - 1u;
		if (kw_len[k] != n)
			continue;
		size_t j = 0;
		while (j < n && keywords[k].word[j] == low[j])
			j++;
		if (j == n)
			return &keywords[k];
	}
	return NULL;
}

/* Month, weekday and keyword of an ASCII word token. */
static void classify_word(const char *s, struct tok *t)
{
	const char *w = s + t->start;
	size_t n = t->end - t->start;
	char low[16];
	if (w[0] >= 'A' && w[0] <= 'Z')
		t->flags |= TF_CAP;
	if (n >= sizeof(low))
		return;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)(w[i] | 0x20);
	low[n] = '\0';
	/* The initials of month and weekday names, as bits of 'a'..'z' (low[0]
	 * is a lower-case ASCII letter). */
#define LETTER_BIT(c) (1u << ((c) - 'a'))
	const unsigned month_initials = LETTER_BIT('j') | LETTER_BIT('f') | LETTER_BIT('m') | LETTER_BIT('a') |
					LETTER_BIT('s') | LETTER_BIT('o') | LETTER_BIT('n') | LETTER_BIT('d');
	const unsigned weekday_initials = LETTER_BIT('m') | LETTER_BIT('t') | LETTER_BIT('w') | LETTER_BIT('f') |
					  LETTER_BIT('s');
	unsigned initial = LETTER_BIT(low[0]);
#undef LETTER_BIT
	/* Months and weekdays count only capitalised (month_at, p_weekday). */
	if ((t->flags & TF_CAP) && n >= 3 && n <= 9 && (initial & month_initials))
		t->month = (signed char)month_from_name(w, (int)n);
	if ((t->flags & TF_CAP) && !t->month && n >= 3) {
		size_t e;
		int fm = foreign_month(w, n, 0, &e);
		if (fm && e == n)
			t->fmonth = (signed char)fm;
	}
	if ((t->flags & TF_CAP) && n >= 6 && (initial & weekday_initials))
		t->wday = (signed char)weekday_from_name(w, (int)n);
	const struct keyword *k = keyword_find(low, n, kw_hash(low, n));
	if (k) {
		t->kw = k->id;
		t->cls = k->cls;
		t->val = k->val;
	}
}

/* Tokenises s[p..len) into at most cap tokens. *at_end tells whether the
 * text was used up. */
static size_t tokenize(const char *s, size_t len, size_t p, struct tok *t, size_t cap,
		       int *at_end)
{
	size_t n = 0;
	int sp = 1;
	for (;;) {
		size_t w;
		while (p < len) {
			unsigned char b = (unsigned char)s[p];
			if (b == ' ' || (b >= '\t' && b <= '\r'))
				w = 1;   /* ASCII white space without the call */
			else if (b < 0x80 || !(w = space_at(s, len, p)))
				break;
			p += w;
			sp = 1;
		}
		if (p >= len || n == cap)
			break;
		struct tok *k = &t[n++];
		memset(k, 0, sizeof(*k));
		k->wday = -1;
		k->start = p;
		k->flags = sp ? TF_SP : 0;
		sp = 0;
		unsigned char c = (unsigned char)s[p];
		int ascii = 1;
		if (c >= '0' && c <= '9') {
			long v = 0;
			unsigned nd = 0;
			for (; p < len && s[p] >= '0' && s[p] <= '9'; p++, nd++)
				if (v < 1000000)
					v = v * 10 + (s[p] - '0');
			k->type = TK_NUM;
			k->num = (int)v;
			k->ndig = (unsigned char)(nd > 255 ? 255 : nd);
		} else if ((c < 0x80 ? (unsigned)((c | 0x20) - 'a') < 26u : letter_at(s, len, p, &ascii) > 0)) {
			for (;;) {
				/* ASCII letters, the usual case, without letter_at. */
				while (p < len && (unsigned)(((unsigned char)s[p] | 0x20) - 'a') < 26u)
					p++;
				if (p >= len || (unsigned char)s[p] < 0x80 || !(w = letter_at(s, len, p, &ascii)))
					break;
				p += w;
			}
			k->type = TK_WORD;
			k->end = p;
			if (ascii)
				classify_word(s, k);
		} else {
			k->type = TK_PUNCT;
			p += punct_at_byte(s, len, p, &k->ch);
		}
		k->end = p;
	}
	*at_end = p >= len;
	return n;
}

/* ---- Token tests -------------------------------------------------------- */

/* A window of tokens being scanned, and what the scan needs to resolve. */
struct scan {
	const char *s;
	const struct tok *t;
	size_t n;
	const struct cdate *anchor; /* may be NULL */
	enum tense tense;           /* the caller's; TENSE_AUTO: detect per expression */
	size_t prev_end;            /* byte end of the previous expression, or SIZE_MAX */
	struct cdate prev;          /* the last date resolved in the sentence (unknown: none) */
};

static int kw_at(const struct scan *sc, size_t j)
{
	return j < sc->n ? sc->t[j].kw : K_NONE;
}

static unsigned cls_at(const struct scan *sc, size_t j)
{
	return j < sc->n ? sc->t[j].cls : 0;
}

static int punct_is(const struct scan *sc, size_t j, char ch)
{
	return j < sc->n && sc->t[j].type == TK_PUNCT && sc->t[j].ch == ch;
}

/* Token j is glued to token j-1 (no white space between). */
static int touches(const struct scan *sc, size_t j)
{
	return j > 0 && j < sc->n && !(sc->t[j].flags & TF_SP);
}

static int is_word(const struct scan *sc, size_t j)
{
	return j < sc->n && sc->t[j].type == TK_WORD;
}

static int is_num(const struct scan *sc, size_t j)
{
	return j < sc->n && sc->t[j].type == TK_NUM;
}

/* A word starting with a lower-case ASCII letter. */
static int lower_word(const struct scan *sc, size_t j)
{
	if (!is_word(sc, j))
		return 0;
	char c = sc->s[sc->t[j].start];
	return c >= 'a' && c <= 'z';
}

/* A lower-case word that is no function word: most likely a noun. */
static int content_word(const struct scan *sc, size_t j)
{
	return lower_word(sc, j) && !(sc->t[j].cls & C_FUNC);
}

/* Token j is the word lit (lower case), in any case. */
static int word_eq(const struct scan *sc, size_t j, const char *lit)
{
	if (!is_word(sc, j))
		return 0;
	size_t n = sc->t[j].end - sc->t[j].start;
	if (strlen(lit) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((sc->s[sc->t[j].start + i] | 0x20) != lit[i])
			return 0;
	return 1;
}

/* "'s" glued to the token before j: a possessive ("Monday's talks"). */
static int possessive(const struct scan *sc, size_t j)
{
	return punct_is(sc, j, '\'') && touches(sc, j) && word_eq(sc, j + 1, "s") &&
	       touches(sc, j + 1);
}

/* A noun phrase starts at j ("the vote", "talks", "Monday's", "5 May"): what
 * "the day before" or "a week after" would count from instead of a date. */
static int np_follows(const struct scan *sc, size_t j)
{
	if (is_num(sc, j))
		return 1;
	if (!is_word(sc, j))
		return 0;
	return (sc->t[j].cls & C_DET) || content_word(sc, j) ||
	       ((sc->t[j].flags & TF_CAP) && !(sc->t[j].cls & C_FUNC));
}

/* "last" after a date, as KCNA and Indian English write it: "in
 * September last", "on May 5 last" (not "September last year"). */
static int trailing_last(const struct scan *sc, size_t j)
{
	if (kw_at(sc, j) != K_LAST)
		return 0;
	int k = kw_at(sc, j + 1);
	return !(k == K_UNIT || k == K_WEEKEND || k == K_SEASON) &&
	       !(j + 1 < sc->n && (sc->t[j + 1].month > 0 || sc->t[j + 1].wday >= 0)) &&
	       !content_word(sc, j + 1);
}

/* "next" after a weekday or a month, as British and KCNA copy write it:
 * "on Tuesday next", "in March next" (not "Tuesday next week"). */
static int trailing_next(const struct scan *sc, size_t j)
{
	if (kw_at(sc, j) != K_NEXT)
		return 0;
	int k = kw_at(sc, j + 1);
	return !(k == K_UNIT || k == K_WEEKEND || k == K_SEASON) &&
	       !(j + 1 < sc->n && (sc->t[j + 1].month > 0 || sc->t[j + 1].wday >= 0)) &&
	       !content_word(sc, j + 1);
}

/* The expression at i continues a list whose previous member was just found:
 * "in January, February and March", "between 2009 and 2012". */
static int list_continues(const struct scan *sc, size_t i)
{
	if (i < 2 || sc->prev_end == SIZE_MAX)
		return 0;
	size_t j = i - 1;
	int k = kw_at(sc, j);
	if (!(k == K_AND || k == K_OR || k == K_TO || punct_is(sc, j, ',') || punct_is(sc, j, '-')))
		return 0;
	j--;
	if (j > 0 && punct_is(sc, j, ','))
		j--;
	return sc->t[j].end == sc->prev_end;
}

/* ---- Numbers ------------------------------------------------------------ */

/* A day of the month at j: "9", "09", "9th". Not part of a larger number
 * ("1.5", "10:30", "3/4", "5%"). */
static int day_at(const struct scan *sc, size_t j, int *d, size_t *next)
{
	const struct tok *t = sc->t;
	if (!is_num(sc, j) || t[j].ndig > 2 || t[j].num < 1 || t[j].num > 31)
		return 0;
	if (touches(sc, j) && t[j - 1].type == TK_PUNCT && strchr(".,:/", t[j - 1].ch) &&
	    j >= 2 && touches(sc, j - 1) && t[j - 2].type == TK_NUM)
		return 0;
	size_t k = j + 1;
	if (touches(sc, k)) {
		if (t[k].type == TK_WORD) {
			if (!(word_eq(sc, k, "st") || word_eq(sc, k, "nd") || word_eq(sc, k, "rd") ||
			      word_eq(sc, k, "th")))
				return 0;
			k++;
		} else if (t[k].type == TK_PUNCT) {
			if (strchr(":%", t[k].ch))
				return 0;
			if (strchr(".,/", t[k].ch) && touches(sc, k + 1) && is_num(sc, k + 1))
				return 0;
		}
	}
	*d = t[j].num;
	*next = k;
	return 1;
}

/* A four-digit year (1000..2999) at j that is no part of a larger number or
 * an amount ("$2015", "2015%", "2,015", "2015th"). */
static int year_at(const struct scan *sc, size_t j, int *y, size_t *next)
{
	const struct tok *t = sc->t;
	if (!is_num(sc, j) || t[j].ndig != 4 || t[j].num < 1000 || t[j].num > 2999)
		return 0;
	if (touches(sc, j) && t[j - 1].type == TK_PUNCT && strchr("$.,?#", t[j - 1].ch))
		return 0;
	size_t k = j + 1;
	if (touches(sc, k)) {
		if (t[k].type == TK_WORD || punct_is(sc, k, '%'))
			return 0;
		if ((punct_is(sc, k, '.') || punct_is(sc, k, ',')) && touches(sc, k + 1) &&
		    is_num(sc, k + 1))
			return 0;
	}
	*y = t[j].num;
	*next = k;
	return 1;
}

/* A decade at j: "1990s", "1990's", "1990’s". */
static int decade_at(const struct scan *sc, size_t j, int *y, size_t *next)
{
	const struct tok *t = sc->t;
	if (!is_num(sc, j) || t[j].ndig != 4 || t[j].num < 1000 || t[j].num > 2990 ||
	    t[j].num % 10 != 0)
		return 0;
	if (touches(sc, j + 1) && word_eq(sc, j + 1, "s"))
		*next = j + 2;
	else if (possessive(sc, j + 1))
		*next = j + 3;
	else
		return 0;
	*y = t[j].num;
	return 1;
}

/* A capitalised month name at j, with the full stop of an abbreviation
 * ("Jan."). *abbr tells an abbreviation ("Jan", "Sept"; "May" is none). */
static int month_at(const struct scan *sc, size_t j, int *m, size_t *next, int *abbr)
{
	const struct tok *t = sc->t;
	if (!is_word(sc, j) || !(t[j].flags & TF_CAP))
		return 0;
	/* "On Juin 4", "4 Juin": a month name of French, Spanish, German...
	 * slipped into English copy is a month next to a day's number only
	 * ("Mars", "Marco", "Mayo" are names too). */
	if (t[j].month <= 0 && t[j].fmonth > 0) {
		int d;
		size_t e;
		if (!day_at(sc, j + 1, &d, &e) && !(j > 0 && day_at(sc, j - 1, &d, &e) && e == j)) {
			return 0;
		}
		*abbr = 0;
		*m = t[j].fmonth;
		*next = j + 1;
		return 1;
	}
	if (t[j].month <= 0)
		return 0;
	size_t n = t[j].end - t[j].start;
	*abbr = (n == 3 && t[j].month != 5) || (n == 4 && t[j].month == 9);   /* "Sept" */
	size_t k = j + 1;
	if (*abbr && punct_is(sc, k, '.') && touches(sc, k))
		k++;
	*m = t[j].month;
	*next = k;
	return 1;
}

/* ---- Patterns ----------------------------------------------------------- */

/* What a pattern found, before resolution. */
enum what {
	W_ABS,      /* y, m, d at prec: needs no anchor */
	W_DAYMONTH, /* m, d: the year by tense */
	W_MONTH,    /* m: the year by dir */
	W_SEASON,   /* n = 0 spring .. 3 winter, by dir */
	W_WEEKDAY,  /* n = 0 Sunday .. 6, by dir */
	W_WEEKEND,  /* by dir */
	W_DAYS,     /* anchor + n days */
	W_WEEKS,    /* the week of anchor + 7n days */
	W_MONTHS,   /* anchor's month + n */
	W_YEARS,    /* anchor's year + n */
	W_ANAPH,    /* the date named before in the sentence, + n units d (U_DAY..U_YEAR) */
	W_MDAY,     /* d: a day of the anchor's month, or of the month before or after by tense */
	W_WDAYWEEK, /* n = 0 Sunday .. 6 in the week of the anchor + 7d days ("Tuesday last week") */
	W_MANAPH,   /* month m of the year of the date named before, + n years ("June that year") */
	W_MYEAR,    /* month m of the anchor's year + n ("September last year", "March next year") */
};

/* Direction of a relative expression. */
enum dir {
	D_TENSE,  /* bare: by the clause's tense */
	D_LAST,   /* strictly before the anchor */
	D_NEXT,   /* strictly after */
	D_THIS,   /* the one of the anchor's year or week */
	D_COMING, /* "this coming": on or after */
};

struct hit {
	size_t first, last;         /* token span, inclusive */
	enum what w;
	enum dir dir;
	int y, m, d, n;
	enum date_precision prec;   /* W_ABS */
	enum timex_kind kind;
	unsigned flags;             /* enum timex_flag */
	int looks_back;             /* "earlier on Friday", "since": resolve as past */
	int looks_ahead;            /* "later this month": still to come from the report's day */
};

/* Context of a core match. */
enum { CX_MOD = 1 /* after early/late/mid/end of...: bare months and years are dates */ };

static int match_core(const struct scan *sc, size_t i, int cx, struct hit *h);

static void hit_reset(struct hit *h, size_t i)
{
	memset(h, 0, sizeof(*h));
	h->first = h->last = i;
	h->kind = TIMEX_DATE;
}

/* A day-precision date, with or without its year. */
static void set_day(struct hit *h, int have_year, int y, int m, int d)
{
	h->m = m;
	h->d = d;
	if (have_year) {
		h->w = W_ABS;
		h->y = y;
		h->prec = is_valid_date(y, m, d) ? PREC_DAY : PREC_UNKNOWN;
	} else {
		h->w = W_DAYMONTH;
		if (d > days_in_month(2000, m)) {   /* "30 February": impossible in any year */
			h->w = W_ABS;
			h->prec = PREC_UNKNOWN;
		}
	}
}

/* The end of a day range after day d at k: "-6", "–6", "to 6", "and 6".
 * After a month ("March 5 and 6") the second day must not open a date of
 * its own ("July 4 and 31 August"). */
static int day_range(const struct scan *sc, size_t k, int d, int month_first, size_t *next)
{
	int kw = kw_at(sc, k), d2, m, abbr;
	size_t e;
	if (!(punct_is(sc, k, '-') || kw == K_TO || kw == K_AND || kw == K_UNTIL))
		return 0;
	if (!day_at(sc, k + 1, &d2, next) || d2 <= d)
		return 0;
	return !(month_first && month_at(sc, *next, &m, &e, &abbr));
}

/* An optional year after a day-date: "2015", ", 2015". The comma is the
 * American "January 2, 2015"; after a day-first date ("on 9 July, 2000
 * people marched") a noun after the number makes it a count. */
static int opt_year(const struct scan *sc, size_t k, int month_first, int *y, size_t *next)
{
	if (year_at(sc, k, y, next))
		return 1;
	return punct_is(sc, k, ',') && year_at(sc, k + 1, y, next) &&
	       (month_first || !content_word(sc, *next));
}

/* The year of the date after a connector at k, which a date without a
 * year shares: "in October and December 2014", "from 5 March to 6 April
 * 2015". Looks at that one date only (no recursion: linear time). */
static int shared_year(const struct scan *sc, size_t k, int *y)
{
	int kw = kw_at(sc, k), d, m, abbr;
	size_t e;
	if (!(kw == K_AND || kw == K_OR || kw == K_TO || kw == K_UNTIL || punct_is(sc, k, '-')))
		return 0;
	k++;
	if (day_at(sc, k, &d, &e))
		k = e + (kw_at(sc, e) == K_OF);
	if (!month_at(sc, k, &m, &k, &abbr))
		return 0;
	if (day_at(sc, k, &d, &e))
		k = e;
	return opt_year(sc, k, 0, y, &e);
}

/* Day first: "9 July", "2 January 2015", "5-6 March", "the 9th of July". */
static int p_dayfirst(const struct scan *sc, size_t i, struct hit *h)
{
	int d, m, y, abbr;
	size_t k, e;
	hit_reset(h, i);
	if (!day_at(sc, i, &d, &k))
		return 0;
	if (day_range(sc, k, d, 0, &e)) {
		k = e;
		h->flags |= TIMEX_F_RANGE;
	}
	if (kw_at(sc, k) == K_OF)
		k++;
	if (!month_at(sc, k, &m, &k, &abbr))
		return 0;
	int have_year = opt_year(sc, k, 0, &y, &e);
	h->last = (have_year ? e : k) - 1;
	have_year = have_year || shared_year(sc, k, &y);
	set_day(h, have_year, y, m, d);
	if (!have_year && trailing_last(sc, k)) {   /* "on 5 May last" */
		h->looks_back = 1;
		h->last = k;
	}
	return 1;
}

/* Numeric dates: ISO "2015-01-06" and "06.01.2015" (day first, as written
 * outside the United States; only with a four-digit year, so that version
 * numbers and amounts stay out). */
static int p_numeric(const struct scan *sc, size_t i, struct hit *h)
{
	const struct tok *t = sc->t;
	hit_reset(h, i);
	if (i + 4 >= sc->n || !is_num(sc, i))
		return 0;
	for (size_t j = i + 1; j <= i + 4; j++)
		if (!touches(sc, j))
			return 0;
	int y, m, d;
	if (t[i].ndig == 4 && punct_is(sc, i + 1, '-') && is_num(sc, i + 2) && t[i + 2].ndig == 2 &&
	    punct_is(sc, i + 3, '-') && is_num(sc, i + 4) && t[i + 4].ndig == 2) {
		y = t[i].num;
		m = t[i + 2].num;
		d = t[i + 4].num;
	} else if (t[i].ndig <= 2 && punct_is(sc, i + 1, '.') && is_num(sc, i + 2) &&
		   t[i + 2].ndig <= 2 && punct_is(sc, i + 3, '.') && is_num(sc, i + 4) &&
		   t[i + 4].ndig == 4) {
		d = t[i].num;
		m = t[i + 2].num;
		y = t[i + 4].num;
	} else {
		return 0;
	}
	if (!is_valid_date(y, m, d))
		return 0;
	set_day(h, 1, y, m, d);
	h->last = i + 4;
	return 1;
}

/* A bare month is a date only after a preposition or a modifier, in a list
 * of dates, or as a modifier itself ("the September meeting", "March's
 * talks"): so "may consider", "a protest march" and "August Strindberg" are
 * not. Sets TIMEX_F_MODIFIER for the last two forms. */
static int bare_month_ok(const struct scan *sc, size_t i, int cx, struct hit *h)
{
	if ((cx & CX_MOD) || (i > 0 && (cls_at(sc, i - 1) & C_MPREP)) || list_continues(sc, i) ||
	    (kw_at(sc, i - 1) == K_THAN && kw_at(sc, i - 2) == K_LATER))
		return 1;      /* "no later than March" */
	if ((i > 0 && kw_at(sc, i - 1) == K_THE && lower_word(sc, i + 1)) || possessive(sc, i + 1)) {
		h->flags |= TIMEX_F_MODIFIER;
		return 1;
	}
	return 0;
}

/* Month first: "January 2", "Jan. 2, 2015", "March 5-6", "June 2017",
 * "June of 2017", and a bare month in the right company ("in August"). */
static int p_month(const struct scan *sc, size_t i, int cx, struct hit *h)
{
	int m, d, y, abbr;
	size_t k, e;
	hit_reset(h, i);
	if (!month_at(sc, i, &m, &k, &abbr))
		return 0;
	if (day_at(sc, k, &d, &e)) {
		k = e;
		if (day_range(sc, k, d, 1, &e)) {
			k = e;
			h->flags |= TIMEX_F_RANGE;
		}
		int have_year = opt_year(sc, k, 1, &y, &e);
		h->last = (have_year ? e : k) - 1;
		have_year = have_year || shared_year(sc, k, &y);
		set_day(h, have_year, y, m, d);
		if (!have_year && trailing_last(sc, k)) {   /* "on May 5 last" */
			h->looks_back = 1;
			h->last = k;
		}
		return 1;
	}
	if (year_at(sc, k, &y, &e) ||
	    ((punct_is(sc, k, ',') || kw_at(sc, k) == K_OF) && year_at(sc, k + 1, &y, &e) &&
	     !content_word(sc, e))) {
		h->w = W_ABS;
		h->y = y;
		h->m = m;
		h->prec = PREC_MONTH;
		h->last = e - 1;
		return 1;
	}
	if (abbr || !bare_month_ok(sc, i, cx, h))
		return 0;
	h->w = W_MONTH;
	h->m = m;
	h->last = i;
	if (trailing_last(sc, i + 1)) {   /* "in September last" */
		h->dir = D_LAST;
		h->last = i + 1;
	} else if (trailing_next(sc, i + 1)) {   /* "in March next" */
		h->dir = D_NEXT;
		h->last = i + 1;
	}
	if (shared_year(sc, i + 1, &y)) {
		h->w = W_ABS;
		h->y = y;
		h->prec = PREC_MONTH;
	}
	/* "in September last year", "March next year", "in May this year" */
	{
		int kw = kw_at(sc, i + 1);
		if ((kw == K_LAST || kw == K_NEXT || kw == K_THIS) && kw_at(sc, i + 2) == K_UNIT &&
		    sc->t[i + 2].val == U_YEAR && sc->s[sc->t[i + 2].end - 1] != 's') {
			h->w = W_MYEAR;
			h->dir = D_TENSE;
			h->n = kw == K_LAST ? -1 : kw == K_NEXT ? 1 : 0;
			h->last = i + 2;
			return 1;
		}
	}
	/* "In June that year", "in March of the following year": the month of
	 * the year named before (counted on or back). */
	size_t q = i + 1 + (size_t)(kw_at(sc, i + 1) == K_OF);
	int n = 2;
	if (kw_at(sc, q) == K_THAT) {
		n = 0;
	} else if (kw_at(sc, q) == K_THE) {
		int k1 = kw_at(sc, q + 1);
		n = k1 == K_SAME ? 0 : k1 == K_FOLLOWING ? 1 : k1 == K_PREVIOUS ? -1 : 2;
		q++;
	}
	if (n != 2 && kw_at(sc, q + 1) == K_UNIT && sc->t[q + 1].val == U_YEAR && sc->s[sc->t[q + 1].end - 1] != 's') {
		h->w = W_MANAPH;
		h->n = n;
		h->last = q + 1;
	}
	return 1;
}

/* A weekday: "Friday", "Monday evening", "Monday's talks", and a weekday
 * before a date ("Tuesday, 6 January 2015"), where the date decides. */
static int p_weekday(const struct scan *sc, size_t i, enum dir dir, struct hit *h)
{
	const struct tok *t = sc->t;
	hit_reset(h, i);
	if (!is_word(sc, i) || t[i].wday < 0 || !(t[i].flags & TF_CAP))
		return 0;
	if (i > 0 && (t[i - 1].cls & C_HOLI) && (t[i - 1].flags & TF_CAP))
		return 0;      /* Good Friday, Super Tuesday */
	size_t k = i + 1 + (size_t)punct_is(sc, i + 1, ',');
	if (dir == D_TENSE) {
		int found = is_num(sc, k) ? p_dayfirst(sc, k, h) : (p_month(sc, k, 0, h) && h->d > 0);
		if (found) {
			h->first = i;
			return 1;
		}
	}
	hit_reset(h, i);
	h->w = W_WEEKDAY;
	h->n = t[i].wday;
	h->dir = dir;
	h->kind = TIMEX_DEICTIC;
	if (kw_at(sc, i + 1) == K_PART)
		h->last = i + 1;
	/* "on Tuesday last week", "Friday of next week": that week's day, not
	 * the nearest Tuesday ("last" alone is the nearest one before). */
	size_t j = h->last + 1 + (size_t)(kw_at(sc, h->last + 1) == K_OF);
	int wk = kw_at(sc, j);
	if (dir == D_TENSE && (wk == K_LAST || wk == K_NEXT || wk == K_THIS) && kw_at(sc, j + 1) == K_UNIT &&
	    t[j + 1].val == U_WEEK && sc->s[t[j + 1].end - 1] != 's') {
		h->w = W_WDAYWEEK;
		h->d = wk == K_LAST ? -1 : wk == K_NEXT ? 1 : 0;
		h->last = j + 1;
	} else if (dir == D_TENSE && trailing_last(sc, h->last + 1)) {          /* "on Tuesday last" */
		h->dir = D_LAST;
		h->last++;
	} else if (dir == D_TENSE && trailing_next(sc, h->last + 1)) {   /* "on Tuesday next" */
		h->dir = D_NEXT;
		h->last++;
	}
	if (possessive(sc, h->last + 1))
		h->flags |= TIMEX_F_MODIFIER;
	return 1;
}

/* last/next/this + week, month, year, weekend, weekday, month, season;
 * "this morning", "last night", "this coming Friday". */
static int p_rel(const struct scan *sc, size_t i, struct hit *h)
{
	int k0 = kw_at(sc, i);
	enum dir dir = k0 == K_LAST || k0 == K_PAST ? D_LAST : k0 == K_NEXT ? D_NEXT : D_THIS;
	hit_reset(h, i);
	/* "summoned the envoy twice in the past week": the week up to the
	 * report, as "this week" (a span still, in "over the past weeks") */
	if (k0 == K_PAST && i > 1 && kw_at(sc, i - 1) == K_THE && kw_at(sc, i - 2) == K_IN && kw_at(sc, i + 1) == K_UNIT &&
	    sc->t[i + 1].val == U_WEEK && sc->s[sc->t[i + 1].end - 1] != 's') {
		h->w = W_WEEKS;
		h->n = 0;
		h->last = i + 1;
		h->kind = TIMEX_DEICTIC;
		return 1;
	}
	if (k0 != K_THIS && i > 0 && kw_at(sc, i - 1) == K_THE)
		return 0;      /* "the last week", "the next year": durations */
	size_t k = i + 1;
	/* "past November", "past Tuesday" (Spanish and Latin American English:
	 * "el pasado noviembre"): "last" before a month, weekday or season only
	 * ("past weeks", "past year" are spans, not dates). */
	if (k0 == K_PAST && !(k < sc->n && (sc->t[k].month > 0 || sc->t[k].wday >= 0 || kw_at(sc, k) == K_SEASON)))
		return 0;
	if (k0 == K_THIS && kw_at(sc, k) == K_COMING) {
		dir = D_COMING;
		k++;
	} else if (k0 == K_THIS && kw_at(sc, k) == K_PAST) {   /* "this past weekend" */
		dir = D_LAST;
		k++;
	}
	int off = dir == D_LAST ? -1 : (dir == D_NEXT || dir == D_COMING) ? 1 : 0;
	const struct tok *t = sc->t;
	int m, abbr;
	size_t e;
	switch (kw_at(sc, k)) {
	case K_UNIT:
		if (sc->s[t[k].end - 1] == 's')
			return 0;      /* "last years of", "next days" */
		h->w = t[k].val == U_WEEK ? W_WEEKS : t[k].val == U_MONTH ? W_MONTHS : W_YEARS;
		if (t[k].val != U_WEEK && t[k].val != U_MONTH && t[k].val != U_YEAR)
			return 0;
		h->n = off;
		break;
	case K_WEEKEND:
		h->w = W_WEEKEND;
		h->dir = dir;
		break;
	case K_PART:
		if ((dir == D_THIS && t[k].val != 4) || (dir == D_LAST && t[k].val == 4)) {
			h->w = W_DAYS;
			h->n = dir == D_LAST ? -1 : 0;
			break;
		}
		return 0;
	case K_SEASON:
		h->w = W_SEASON;
		h->n = t[k].val - 1;
		h->dir = dir;
		break;
	default:
		if (k < sc->n && t[k].wday >= 0) {
			if (!p_weekday(sc, k, dir, h))
				return 0;
			h->first = i;
			k = h->last;
			break;
		}
		if (!month_at(sc, k, &m, &e, &abbr) || abbr)
			return 0;
		h->w = W_MONTH;
		h->m = m;
		h->dir = dir;
		break;
	}
	h->last = k;
	h->kind = TIMEX_DEICTIC;
	if (possessive(sc, k + 1))
		h->flags |= TIMEX_F_MODIFIER;
	return 1;
}

/* today, tonight, yesterday, tomorrow (+ morning, evening...). */
static int p_deictic(const struct scan *sc, size_t i, struct hit *h)
{
	const struct tok *t = sc->t;
	int k0 = kw_at(sc, i);
	hit_reset(h, i);
	if (k0 == K_TODAY && (t[i].flags & TF_CAP) && i > 0 && is_word(sc, i - 1) &&
	    (t[i - 1].flags & TF_CAP))
		return 0;      /* "USA Today", "China Today" */
	h->w = W_DAYS;
	h->n = k0 == K_YESTERDAY ? -1 : k0 == K_TOMORROW ? 1 : 0;
	h->kind = TIMEX_DEICTIC;
	if (k0 != K_TONIGHT && kw_at(sc, i + 1) == K_PART)
		h->last = i + 1;
	if (possessive(sc, h->last + 1))          /* "yesterday's decision" */
		h->flags |= TIMEX_F_MODIFIER;
	return 1;
}

/* "at press time", "at the time of going to press", "at the time of
 * writing": the moment of the report, its day. */
static int p_press(const struct scan *sc, size_t i, struct hit *h)
{
	size_t k = i + 1;
	if (word_eq(sc, k, "press") && word_eq(sc, k + 1, "time")) {
		k += 1;
	} else if (word_eq(sc, k, "the") && word_eq(sc, k + 1, "time") && word_eq(sc, k + 2, "of")) {
		if (word_eq(sc, k + 3, "writing"))
			k += 3;
		else if (word_eq(sc, k + 3, "going") && word_eq(sc, k + 4, "to") && word_eq(sc, k + 5, "press"))
			k += 5;
		else
			return 0;
	} else {
		return 0;
	}
	hit_reset(h, i);
	h->w = W_DAYS;
	h->n = 0;
	h->kind = TIMEX_DEICTIC;
	h->last = k;
	return 1;
}

/* "two days ago", "a year ago", "24 hours ago", "a decade ago". */
static int p_ago(const struct scan *sc, size_t i, struct hit *h)
{
	const struct tok *t = sc->t;
	int n;
	hit_reset(h, i);
	if (is_num(sc, i) && t[i].ndig <= 3 && !touches(sc, i + 1))
		n = t[i].num;
	else if (cls_at(sc, i) & C_NUMW)
		n = t[i].val;
	else
		return 0;
	if (kw_at(sc, i + 1) != K_UNIT)
		return 0;
	int k2 = kw_at(sc, i + 2);
	if (k2 == K_EARLIER || k2 == K_LATER ||
	    ((k2 == K_BEFORE || k2 == K_AFTER) && !np_follows(sc, i + 3))) {
		/* "a day earlier", "two weeks later", "a year before": counted
		 * from the date named before, as "the next day" is. */
		int unit = t[i + 1].val;
		if (unit == U_HOUR && n < 24) {
			/* "two hours later": the day named before */
			unit = U_DAY;
			n = 0;
		} else if (unit == U_FORTNIGHT) {
			unit = U_DAY;
			n *= 14;
		}
		if (unit != U_DAY && unit != U_WEEK && unit != U_MONTH && unit != U_YEAR)
			return 0;
		h->w = W_ANAPH;
		h->d = unit;
		h->n = k2 == K_EARLIER || k2 == K_BEFORE ? -n : n;
		h->last = i + 2;
		return 1;
	}
	if (k2 != K_AGO)
		return 0;
	switch (t[i + 1].val) {
	case U_HOUR: h->w = W_DAYS; h->n = -(n / 24); break;
	case U_DAY: h->w = W_DAYS; h->n = -n; break;
	case U_WEEK: h->w = W_WEEKS; h->n = -n; break;
	case U_FORTNIGHT: h->w = W_DAYS; h->n = -14 * n; break;
	case U_MONTH: h->w = W_MONTHS; h->n = -n; break;
	case U_YEAR: h->w = W_YEARS; h->n = -n; break;
	default: h->w = W_YEARS; h->n = -10 * n; break;
	}
	h->last = i + 2;
	h->kind = TIMEX_DEICTIC;
	return 1;
}

/* A season with its year at i: "spring 2015", "spring of 2015", "winter
 * 2014-15" (the winter that starts in December 2014). */
static int season_year(const struct scan *sc, size_t i, struct hit *h)
{
	int y;
	size_t k = i + 1, e;
	if (kw_at(sc, k) == K_OF)
		k++;
	if (!year_at(sc, k, &y, &e))
		return 0;
	if ((punct_is(sc, e, '-') || punct_is(sc, e, '/')) && touches(sc, e) && is_num(sc, e + 1) &&
	    touches(sc, e + 1) && (sc->t[e + 1].ndig == 2 || sc->t[e + 1].ndig == 4))
		e += 2;
	h->w = W_ABS;
	h->y = y;
	h->m = 3 * sc->t[i].val;
	h->prec = PREC_SEASON;
	h->last = e - 1;
	return 1;
}

static int is_fall(const struct scan *sc, size_t i)
{
	return word_eq(sc, i, "fall");
}

/* Seasons: "spring 2015", "summer of 2015"; bare after a preposition or a
 * modifier ("in summer", "early spring"). "fall" alone is a verb or a noun
 * ("the fall of Kabul") and needs a year, last/next/this, or "in the". */
static int p_season(const struct scan *sc, size_t i, int cx, struct hit *h)
{
	hit_reset(h, i);
	if (season_year(sc, i, h))
		return 1;
	if (is_fall(sc, i))
		return 0;
	if (!(cx & CX_MOD) && !(i > 0 && (cls_at(sc, i - 1) & (C_MPREP | C_SPREP))))
		return 0;
	h->w = W_SEASON;
	h->n = sc->t[i].val - 1;
	return 1;
}

/* "the" + unit: "the day", "the week", "the month", "the year" after
 * "earlier in", "the end of": the current one. Returns the tokens used. */
static int this_unit(const struct scan *sc, size_t k, struct hit *h)
{
	if (kw_at(sc, k) != K_THE || kw_at(sc, k + 1) != K_UNIT ||
	    sc->s[sc->t[k + 1].end - 1] == 's')
		return 0;
	switch (sc->t[k + 1].val) {
	case U_DAY: h->w = W_DAYS; break;
	case U_WEEK: h->w = W_WEEKS; break;
	case U_MONTH: h->w = W_MONTHS; break;
	case U_YEAR: h->w = W_YEARS; break;
	default: return 0;
	}
	h->n = 0;
	h->last = k + 1;
	h->kind = TIMEX_DEICTIC;
	return 2;
}

/* A date told by reference to the one named before it in the sentence:
 * "that day/week/month/year" (k at "that"), "the same day", "the
 * following day/month/year", "the next day"; with a modifier, "later that
 * month", "early the following year" (p_mod). Resolved by W_ANAPH. */
static int p_anaph(const struct scan *sc, size_t i, struct hit *h)
{
	size_t k = i + 1;
	int n = 0;
	hit_reset(h, i);
	if (kw_at(sc, i) == K_THE) {
		int k1 = kw_at(sc, k);
		if (k1 == K_UNIT && kw_at(sc, k + 1) == K_AFTER && kw_at(sc, k + 2) == K_NEXT &&
		    sc->s[sc->t[k].end - 1] != 's' && kw_at(sc, k + 3) != K_UNIT && !np_follows(sc, k + 3) &&
		    (sc->t[k].val == U_WEEK || sc->t[k].val == U_MONTH || sc->t[k].val == U_YEAR)) {
			/* "the week after next", "the month after next": two from the
			 * report's, not one after a date named before. */
			int unit = sc->t[k].val;
			h->w = unit == U_WEEK ? W_WEEKS : unit == U_MONTH ? W_MONTHS : W_YEARS;
			h->n = 2;
			h->last = k + 2;
			h->kind = TIMEX_DEICTIC;
			return 1;
		}
		if (k1 == K_UNIT && (kw_at(sc, k + 1) == K_BEFORE || kw_at(sc, k + 1) == K_AFTER) &&
		    sc->s[sc->t[k].end - 1] != 's' && !np_follows(sc, k + 2)) {
			/* "the day before", "the week after" (not "the day before the vote") */
			int unit = sc->t[k].val;
			if (unit != U_DAY && unit != U_WEEK && unit != U_MONTH && unit != U_YEAR)
				return 0;
			h->w = W_ANAPH;
			h->n = kw_at(sc, k + 1) == K_BEFORE ? -1 : 1;
			h->d = unit;
			h->last = k + 1;
			return 1;
		}
		if (k1 == K_FOLLOWING)
			n = 1;
		else if (k1 == K_PREVIOUS)
			n = -1;
		else if (k1 == K_NEXT && ((kw_at(sc, k + 1) == K_UNIT && sc->t[k + 1].val == U_DAY) ||
					  kw_at(sc, k + 1) == K_PART))
			n = 1;   /* "the next day", "the next morning"; "the next month" may count from the report */
		else if (k1 != K_SAME)
			return 0;
		k++;
	}
	/* "that evening", "the next morning", "the following night": a part of
	 * the day named before, or of the one after it. */
	if (kw_at(sc, k) == K_PART && sc->s[sc->t[k].end - 1] != 's' && !(punct_is(sc, k + 1, '-') && touches(sc, k + 1))) {
		h->w = W_ANAPH;
		h->n = n;
		h->d = U_DAY;
		h->last = k;
		return 1;
	}
	/* Singular, and no compound: "that day-to-day work" is no date. */
	if (kw_at(sc, k) != K_UNIT || sc->s[sc->t[k].end - 1] == 's' ||
	    (punct_is(sc, k + 1, '-') && touches(sc, k + 1)))
		return 0;
	int unit = sc->t[k].val;
	if (unit != U_DAY && unit != U_WEEK && unit != U_MONTH && unit != U_YEAR)
		return 0;
	h->w = W_ANAPH;
	h->n = n;
	h->d = unit;
	h->last = k;
	return 1;
}

/* Expressions that open with "the": decades ("the early 1990s"), "the day
 * before yesterday", "the end of March", "the summer of 2015", "(in) the
 * summer", "(over) the weekend". */
static int p_the(const struct scan *sc, size_t i, struct hit *h)
{
	const struct tok *t = sc->t;
	size_t k = i + 1, e;
	int y, k1 = kw_at(sc, k);
	hit_reset(h, i);
	if (k1 == K_EARLY || k1 == K_MID || k1 == K_LATE)
		k += 1 + (punct_is(sc, k + 1, '-') && touches(sc, k + 1));
	if (decade_at(sc, k, &y, &e)) {
		h->w = W_ABS;
		h->y = y;
		h->prec = PREC_YEAR;
		h->kind = TIMEX_DECADE;
		h->last = e - 1;
		return 1;
	}
	if (k1 == K_UNIT && t[i + 1].val == U_DAY && (kw_at(sc, i + 2) == K_BEFORE || kw_at(sc, i + 2) == K_AFTER)) {
		int k3 = kw_at(sc, i + 3);
		if (!(k3 == K_YESTERDAY || k3 == K_TOMORROW))
			return 0;
		h->w = W_DAYS;
		h->n = k3 == K_YESTERDAY ? -2 : 2;
		h->kind = TIMEX_DEICTIC;
		h->last = i + 3;
		return 1;
	}
	/* "on the 5th": a day of the report's month (not "the 5th of July",
	 * "the 21st century", "the 70th anniversary"). */
	if (i > 0 && kw_at(sc, i - 1) == K_ON && is_num(sc, i + 1) && touches(sc, i + 2) && is_word(sc, i + 2)) {
		int d;
		size_t e2;
		if (day_at(sc, i + 1, &d, &e2) && e2 == i + 3 && kw_at(sc, e2) != K_OF &&
		    !(e2 < sc->n && sc->t[e2].month > 0) && !content_word(sc, e2) &&
		    !(is_word(sc, e2) && (t[e2].flags & TF_CAP) && !(t[e2].cls & C_FUNC))) {
			h->w = W_MDAY;
			h->d = d;
			h->kind = TIMEX_DEICTIC;
			h->last = i + 2;
			return 1;
		}
	}
	if (k1 == K_EDGE && kw_at(sc, i + 2) == K_OF) {
		if (this_unit(sc, i + 3, h) || match_core(sc, i + 3, CX_MOD, h)) {
			h->first = i;
			return 1;
		}
		return 0;
	}
	if (k1 == K_SEASON) {
		if (season_year(sc, i + 1, h)) {
			h->first = i;
			return 1;
		}
		if (i == 0 || !(cls_at(sc, i - 1) & (C_MPREP | C_SPREP)))
			return 0;
		if (is_fall(sc, i + 1) && (kw_at(sc, i + 2) == K_OF || kw_at(sc, i + 2) == K_IN))
			return 0;      /* "in the fall of Kabul", "the fall in prices" */
		h->w = W_SEASON;
		h->n = t[i + 1].val - 1;
		h->last = i + 1;
		return 1;
	}
	if (k1 == K_WEEKEND && i > 0) {
		int kp = kw_at(sc, i - 1);
		if (!(kp == K_AT || kp == K_OVER || kp == K_ON || (cls_at(sc, i - 1) & C_MPREP)))
			return 0;
		h->w = W_WEEKEND;
		h->kind = TIMEX_DEICTIC;
		h->last = i + 1;
		return 1;
	}
	return 0;
}

/* Modifiers: "early 2014", "mid-March", "late last year", "earlier this
 * month", "late on Sunday", "later Monday", "earlier in the day",
 * "end-June". They keep the precision of what they modify. */
static int p_mod(const struct scan *sc, size_t i, struct hit *h)
{
	size_t k = i + 1;
	int hyphen = punct_is(sc, k, '-') && touches(sc, k);
	hit_reset(h, i);
	if (kw_at(sc, i) == K_EDGE && !hyphen)
		return 0;
	k += hyphen;
	if (!hyphen && (kw_at(sc, k) == K_ON || kw_at(sc, k) == K_IN)) {
		k++;
		if (this_unit(sc, k, h)) {
			h->first = i;
			/* "later in the day", after a day the text named: that day */
			if (h->w == W_DAYS && sc->prev.prec == PREC_DAY &&
			    (kw_at(sc, i) == K_LATER || kw_at(sc, i) == K_EARLIER)) {
				h->w = W_ANAPH;
				h->d = U_DAY;
				h->n = 0;
				h->kind = TIMEX_DATE;
			}
			return 1;
		}
	}
	if (!match_core(sc, k, CX_MOD, h))
		return 0;
	h->first = i;
	h->looks_back |= kw_at(sc, i) == K_EARLIER;   /* "earlier on Friday" is past */
	/* "later this month": the rest of the period, after the report. */
	h->looks_ahead = kw_at(sc, i) == K_LATER && kw_at(sc, k) == K_THIS;
	return 1;
}

/* The end of a year range at k after year y: "-2015", "–15", "/15". */
static int year_range(const struct scan *sc, size_t k, int y, size_t *next)
{
	if (!(punct_is(sc, k, '-') || punct_is(sc, k, '/')) || !is_num(sc, k + 1))
		return 0;
	const struct tok *t2 = &sc->t[k + 1];
	int ok = (t2->ndig == 4 && t2->num > y && t2->num < y + 100) ||
		 (t2->ndig == 2 && t2->num != y % 100);
	if (!ok || (touches(sc, k + 2) && !punct_is(sc, k + 2, ')') && !punct_is(sc, k + 2, ',') &&
		    !punct_is(sc, k + 2, '.')))
		return 0;
	*next = k + 2;
	return 1;
}

/* Years and decades: "in 1945", "since 2009", "early 2014", "the 1990s",
 * "(2018)", "2014-2015". A bare four-digit number is a year only after a
 * preposition (weak prepositions such as "of", "by", "the" only when no noun
 * follows: "of 2000 troops" is a count), at the sentence start, in a list of
 * years, in parentheses, or as the start of a range of years. */
static int p_year(const struct scan *sc, size_t i, int cx, struct hit *h)
{
	int y;
	size_t e;
	hit_reset(h, i);
	if (decade_at(sc, i, &y, &e)) {
		h->w = W_ABS;
		h->y = y;
		h->prec = PREC_YEAR;
		h->kind = TIMEX_DECADE;
		h->last = e - 1;
		return 1;
	}
	if (!year_at(sc, i, &y, &e))
		return 0;
	unsigned pc = i > 0 ? cls_at(sc, i - 1) : C_YWEAK;
	int noun = content_word(sc, e);
	if ((kw_at(sc, i - 1) == K_THE || kw_at(sc, i - 1) == K_A) && y >= 1900 && y <= 2100 &&
	    ((cls_at(sc, e) & C_EVNOUN) || (lower_word(sc, e) && (cls_at(sc, e + 1) & C_EVNOUN))))
		h->flags |= TIMEX_F_MODIFIER;   /* "the 2014 elections", "a 1965 bilateral agreement" */
	/* "the 2032 Olympics", "the 2022 World Cup", "the 2015 Paris Agreement": the
	 * year of what a name names, not of the clause. */
	if ((kw_at(sc, i - 1) == K_THE || kw_at(sc, i - 1) == K_A) && y >= 1900 && y <= 2100 &&
	    is_word(sc, e) && (sc->t[e].flags & TF_CAP) && sc->t[e].month <= 0 && sc->t[e].wday < 0 &&
	    !(sc->t[e].cls & C_FUNC))
		h->flags |= TIMEX_F_MODIFIER;
	int ok = (cx & CX_MOD) || list_continues(sc, i) || (h->flags & TIMEX_F_MODIFIER) ||
		 ((pc & C_YPREP) && (!noun || (y >= 1900 && y <= 2100))) ||
		 (((pc & C_YWEAK) || (kw_at(sc, i - 1) == K_UNIT && sc->t[i - 1].val == U_YEAR)) && !noun);
	if (punct_is(sc, i - 1, '(') && punct_is(sc, e, ')') && y >= 1900 && y <= 2100) {
		ok = 1;
		h->flags |= TIMEX_F_CITATION;
	}
	size_t re;
	if (year_range(sc, e, y, &re)) {   /* "2014-2015" is a year range anywhere */
		ok = ok || (y >= 1900 && y <= 2100);
		h->flags |= TIMEX_F_RANGE;
		e = re;
	}
	if (!ok)
		return 0;
	h->w = W_ABS;
	h->y = y;
	h->prec = PREC_YEAR;
	h->last = e - 1;
	return 1;
}

/* "Hours later", "minutes earlier", "within hours", "within minutes":
 * the day named before (a number makes "within 48 hours" a deadline, not
 * this). */
static int p_hours(const struct scan *sc, size_t i, struct hit *h)
{
	hit_reset(h, i);
	size_t u = kw_at(sc, i) == K_WITHIN ? i + 1 : i;
	/* "Days later, he met ...": some days after the date named before,
	 * the month it lies in as far as the text tells */
	/* ("weeks later": the year of that date) */
	if (u == i && kw_at(sc, u) == K_UNIT && (sc->t[u].val == U_DAY || sc->t[u].val == U_WEEK) &&
	    sc->s[sc->t[u].end - 1] == 's' && (kw_at(sc, i + 1) == K_LATER || kw_at(sc, i + 1) == K_EARLIER)) {
		h->w = W_ANAPH;
		h->d = sc->t[u].val == U_DAY ? U_WEEK : U_YEAR;
		h->n = 0;
		h->last = i + 1;
		return 1;
	}
	if (kw_at(sc, u) != K_UNIT || sc->t[u].val != U_HOUR || sc->s[sc->t[u].end - 1] != 's')
		return 0;
	if (u == i && kw_at(sc, i + 1) != K_LATER && kw_at(sc, i + 1) != K_EARLIER)
		return 0;
	h->w = W_ANAPH;
	h->d = U_DAY;
	h->n = 0;
	h->last = u == i ? i + 1 : u;
	return 1;
}

/* Tries every pattern that can start at token i. */
static int match_core(const struct scan *sc, size_t i, int cx, struct hit *h)
{
	if (i >= sc->n)
		return 0;
	const struct tok *t = &sc->t[i];
	if (t->type == TK_NUM)
		return p_numeric(sc, i, h) || p_dayfirst(sc, i, h) || p_ago(sc, i, h) ||
		       p_year(sc, i, cx, h);
	if (t->type != TK_WORD)
		return 0;
	if ((t->month > 0 || t->fmonth > 0) && p_month(sc, i, cx, h))
		return 1;
	if (t->wday >= 0 && p_weekday(sc, i, D_TENSE, h))
		return 1;
	switch (t->kw) {
	case K_LAST: case K_NEXT: case K_THIS: case K_PAST:
		return p_rel(sc, i, h);
	case K_TODAY: case K_TONIGHT: case K_YESTERDAY: case K_TOMORROW:
		return p_deictic(sc, i, h);
	case K_SEASON:
		return p_season(sc, i, cx, h);
	case K_THE:
		return p_the(sc, i, h) || p_anaph(sc, i, h);
	case K_THAT:
		return p_anaph(sc, i, h);
	case K_EARLY: case K_LATE: case K_MID: case K_EARLIER: case K_LATER: case K_EDGE:
		return !(cx & CX_MOD) && p_mod(sc, i, h);
	case K_AT:
		return p_press(sc, i, h);
	case K_WITHIN: case K_UNIT:
		return p_hours(sc, i, h);
	default:
		break;
	}
	return (t->cls & C_NUMW) && p_ago(sc, i, h);
}

/* A whole expression at i: the core match and the signal before it
 * ("since", "by", "until", "no later than") that sets its kind. Returns 1
 * and sets *since when "since" forces the past. */
static int match_at(const struct scan *sc, size_t i, struct hit *h, int *since)
{
	*since = 0;
	if (!match_core(sc, i, 0, h))
		return 0;
	if (i == 0)
		return 1;
	int kp = kw_at(sc, i - 1);
	if (kp == K_SINCE) {
		h->kind = TIMEX_DURATION_SINCE;
		*since = 1;
	} else if (kp == K_BY || kp == K_UNTIL ||
		   (kp == K_THAN && i >= 3 && kw_at(sc, i - 2) == K_LATER && kw_at(sc, i - 3) == K_NO)) {
		h->kind = TIMEX_DEADLINE;
	}
	return 1;
}

/* ---- Tense -------------------------------------------------------------- */

/* How much a punctuation mark separates a marker from the expression; -1
 * ends the clause. */
static int punct_penalty(const struct tok *t)
{
	switch (t->ch) {
	case ';': case '?': case '!':
		return -1;
	case ',': case ':':
		return 4;
	case '-':
		return (t->flags & TF_SP) ? 4 : 0;   /* a spaced dash, not a hyphen */
	case '(': case ')': case '[': case ']':
		return 2;
	case '"':
		return 1;
	default:
		return 0;
	}
}

/* A lower-case word ending in -ed that may be a past tense ("visited"). */
static int ed_word(const struct scan *sc, size_t j)
{
	const struct tok *t = &sc->t[j];
	const char *w = sc->s + t->start;
	size_t n = t->end - t->start;
	return n >= 4 && w[0] >= 'a' && w[0] <= 'z' && w[n - 2] == 'e' && w[n - 1] == 'd' &&
	       !(t->cls & C_NOTV);
}

/* A participle whose tense an auxiliary carries ("was held", "will be
 * held", "has already met") or an adjective ("the armed forces",
 * "Moscow-based"): not a marker itself. */
static int participle(const struct scan *sc, size_t j)
{
	if (touches(sc, j) && punct_is(sc, j - 1, '-'))
		return 1;
	size_t p = j;
	for (int hop = 0; hop < 2 && p > 0; hop++) {
		const struct tok *t = &sc->t[--p];
		if (t->type != TK_WORD)
			return 0;
		if ((t->cls & (C_BE | C_DET)) || t->kw == K_HAVE)
			return 1;
		const char *w = sc->s + t->start;
		size_t n = t->end - t->start;
		int adverb = t->kw == K_ALSO || t->kw == K_NO || t->kw == K_PASTADV ||
			     (n > 3 && w[n - 2] == 'l' && w[n - 1] == 'y');
		if (!adverb)
			return 0;
	}
	return 0;
}

/* The tense word j marks, with its strength (how many words of distance it
 * outweighs), or TENSE_AUTO. */
/* Whether tokens [0, j) are only a name opening the text: capitalised
 * words and possessives ("Kenya's Ruto"), no month or weekday. */
static int headline_subject(const struct scan *sc, size_t j)
{
	for (size_t k = 0; k < j; k++) {
		const struct tok *t = &sc->t[k];
		if (t->type == TK_WORD && (t->flags & TF_CAP) && t->month <= 0 && t->wday < 0)
			continue;
		if (k > 0 && punct_is(sc, k, '\'') && touches(sc, k))
			continue;
		if (k > 1 && t->type == TK_WORD && word_eq(sc, k, "s") && punct_is(sc, k - 1, '\''))
			continue;
		return 0;
	}
	return 1;
}

static enum tense marker(const struct scan *sc, size_t j, int *str)
{
	const struct tok *t = &sc->t[j];
	int nk = kw_at(sc, j + 1);
	*str = 1;
	if (t->type != TK_WORD)
		return TENSE_AUTO;
	switch (t->kw) {
	case K_WILL:
		*str = 3;
		return TENSE_FUTURE;
	case K_LL:         /* we'll */
		*str = 3;
		return touches(sc, j) && punct_is(sc, j - 1, '\'') ? TENSE_FUTURE : TENSE_AUTO;
	case K_WON:        /* won't, or the past of win */
		if (punct_is(sc, j + 1, '\'') && touches(sc, j + 1) && word_eq(sc, j + 2, "t")) {
			*str = 3;
			return TENSE_FUTURE;
		}
		return TENSE_PAST;
	case K_WOULD:      /* reported plans; "would have" looks back */
		if (nk == K_HAVE)
			return TENSE_PAST;
		*str = 2;
		return TENSE_FUTURE;
	case K_IS: case K_WAS:  /* "is to visit", "was to visit": a plan */
		if (nk == K_TO && lower_word(sc, j + 2) && !(cls_at(sc, j + 2) & C_DET)) {
			*str = 2;
			return TENSE_FUTURE;
		}
		/* "is visiting Japan on Friday", "are meeting next": the present
		 * progressive with a date schedules */
		if (t->kw == K_IS && lower_word(sc, j + 1) && nk != K_GOING &&
		    !(j > 0 && (cls_at(sc, j - 1) & C_BOUND))) {   /* "who are visiting": a state */
			const struct tok *v = &sc->t[j + 1];
			size_t n = v->end - v->start;
			if (n > 4 && !memcmp(sc->s + v->end - 3, "ing", 3))
				return TENSE_FUTURE;
		}
		return t->kw == K_WAS ? TENSE_PAST : TENSE_AUTO;
	case K_TO:         /* "to be held" */
		/* "Ruto to pay State Visit in May", "China to lift duties from
		 * Monday": a name, then "to" and a verb, is the headline's future. */
		if (nk != K_BE && j > 0 && j <= 6 && headline_subject(sc, j) && lower_word(sc, j + 1) &&
		    !(cls_at(sc, j + 1) & (C_DET | C_FUNC))) {
			*str = 2;
			return TENSE_FUTURE;
		}
		if (nk != K_BE)
			return TENSE_AUTO;
		*str = 2;
		return TENSE_FUTURE;
	case K_HAVE:       /* perfect tenses report the past; "have to" does not */
		return nk == K_TO ? TENSE_AUTO : TENSE_PAST;
	case K_DID: case K_YESTERDAY: case K_AGO: case K_LAST: case K_EARLIER: case K_PASTADV:
		return TENSE_PAST;
	case K_MODAL:
		*str = -1;
		return TENSE_FUTURE;
	case K_MAY:        /* "May" is a month */
		*str = -1;
		return (t->flags & TF_CAP) ? TENSE_AUTO : TENSE_FUTURE;
	case K_TOMORROW: case K_NEXT:
		return TENSE_FUTURE;
	case K_LATER:      /* "two days later" narrates the past */
		return j > 0 && kw_at(sc, j - 1) == K_UNIT ? TENSE_PAST : TENSE_FUTURE;
	default:
		break;
	}
	if ((t->cls & C_FUTTO) && (nk == K_TO || nk == K_FOR)) {
		if (nk == K_TO && (cls_at(sc, j + 2) & C_DET))
			return TENSE_AUTO;   /* "due to the weather" */
		if (nk == K_FOR && (t->cls & C_EVNOUN))
			return TENSE_AUTO;   /* "Morocco's autonomy plan for Western Sahara": a noun */
		*str = 2;
		return TENSE_FUTURE;
	}
	/* "invited Modi to visit Paris in July", "invited him to": the one
	 * invited, then what is to come */
	if ((t->cls & C_FUTTO) && j + 2 < sc->n) {
		size_t q = j + 1;
		while (q < sc->n && q < j + 5 && sc->t[q].type == TK_WORD && sc->t[q].wday < 0 && sc->t[q].month == 0 &&
		       ((sc->t[q].flags & TF_CAP) || word_eq(sc, q, "him") || word_eq(sc, q, "her") ||
			word_eq(sc, q, "them")))
			q++;
		if (q > j + 1 && kw_at(sc, q) == K_TO) {
			*str = 2;
			return TENSE_FUTURE;
		}
	}
	if (t->kw == K_EXPECTED && (nk == K_ON || nk == K_IN || nk == K_AT || nk == K_NEXT ||
				    nk == K_LATER || nk == K_THIS))
		return TENSE_FUTURE;
	if (t->kw == K_FUTADJ)
		return TENSE_FUTURE;
	if ((t->cls & C_SCHED) && !(t->flags & TF_CAP))   /* "leaves for Moscow on Tuesday" */
		return TENSE_FUTURE;
	if (((t->cls & C_PASTV) || ed_word(sc, j)) && !participle(sc, j))
		return TENSE_PAST;
	return TENSE_AUTO;
}

/* Scores the marker at word j, cost = its distance in words plus the
 * penalties for what lies between; keeps the lowest score. */
static void consider(const struct scan *sc, size_t j, int cost, int *best, enum tense *bt)
{
	int str;
	enum tense m = marker(sc, j, &str);
	if (m != TENSE_AUTO && cost - str < *best) {
		*best = cost - str;
		*bt = m;
	}
}

/* The tense around an expression: the best-scoring marker among the words
 * before token back_end and from token fwd on. */
static enum tense detect(const struct scan *sc, size_t back_end, size_t fwd)
{
	int best = INT_MAX, dist = 0, pen = 0;
	/* a marker of the expression's own clause before it: "met Wang on
	 * Tuesday" (no clause boundary nor punctuation between) */
	int own_verb = 0, crossed = 0;
	enum tense bt = TENSE_PAST;
	for (size_t j = back_end; j-- > 0;) {
		const struct tok *t = &sc->t[j];
		if (t->type == TK_PUNCT) {
			int p = punct_penalty(t);
			if (p < 0)
				break;
			pen += p;
			continue;
		}
		if (++dist > TENSE_REACH || dist + pen - 3 >= best)
			break;
		int was = best;
		consider(sc, j, dist + pen, &best, &bt);
		if (best < was && !pen && !crossed)
			own_verb = 1;
		if (t->cls & C_BOUND) {
			pen += 2;
			crossed = 1;
		}
	}
	/* "On Thursday, Wang stated that ...": a time opening the sentence
	 * (at most a preposition or two before it) dates the clause after its
	 * comma, reporting verb or not. */
	int words_before = 0;
	for (size_t j = 0; j < back_end; j++)
		words_before += sc->t[j].type == TK_WORD;
	int fronted = words_before <= 2 && back_end <= 3;
	int relative = 0;   /* "which", "that", "who" passed after the expression */
	dist = 0;
	pen = 2;       /* markers after the expression weigh less */
	for (size_t j = fwd; j < sc->n; j++) {
		const struct tok *t = &sc->t[j];
		if (t->type == TK_PUNCT) {
			int p = punct_penalty(t);
			/* "Kishida, who met Joe Biden in Washington in January, will
			 * travel": its own verb found, a comma ends its clause */
			if (p < 0 || (own_verb && t->ch == ','))
				break;
			pen += p;
			continue;
		}
		if (++dist > TENSE_REACH || dist + pen - 3 >= best)
			break;
		/* "... on Friday and Saturday, they added": the reporting clause
		 * after a comma or a quote says nothing of the tense before it. */
		if ((t->cls & C_SAY) && pen > 2 && !fronted)
			continue;
		/* "met Wang on Tuesday and will visit Beijing", "said on Monday
		 * that it will ...": past a clause boundary the next clause has
		 * its own time; its own verb, found before, dates this one. */
		if ((t->cls & C_BOUND) && own_verb)
			break;
		/* "met Hayashi and on Sunday agreed to keep talking", "On Monday
		 * Japan decided to expel ...": a verb of deciding right after the
		 * time, or after the subject of a time opening the sentence, is
		 * the verb it dates, in the past (the future is its complement's:
		 * "agreed on Sunday to meet"). */
		if ((dist == 1 || (best == INT_MAX && (fronted || (pen > 2 && !relative)))) && (t->cls & C_FUTTO) &&
		    t->kw == K_NONE && ed_word(sc, j)) {
			if (dist + pen - 1 < best) {
				best = dist + pen - 1;
				bt = TENSE_PAST;
			}
			continue;
		}
		consider(sc, j, dist + pen, &best, &bt);
		if (t->cls & C_BOUND)
			pen += 2;
		relative |= word_eq(sc, j, "which") || word_eq(sc, j, "that") || word_eq(sc, j, "who") ||
			    word_eq(sc, j, "whom");
	}
	return bt;
}

/* ---- Resolution --------------------------------------------------------- */

static const struct cdate unknown_date = {0, 0, 0, PREC_UNKNOWN};

static struct cdate make_date(int y, int m, int d, enum date_precision p)
{
	struct cdate c = {y, m, d, p};
	if (y < 1 || y > 9999)
		return unknown_date;
	return c;
}

static struct cdate from_days(int64_t z, enum date_precision p)
{
	int y, m, d;
	civil_from_days(z, &y, &m, &d);
	return make_date(y, p >= PREC_SEASON ? m : 0, p == PREC_DAY ? d : 0, p);
}

static int64_t anchor_days(const struct cdate *a)
{
	return days_from_civil(a->year, a->month, a->day);
}

/* How much of the anchor can be trusted: its precision, lowered when its
 * fields are out of range. */
static enum date_precision anchor_prec(const struct cdate *a)
{
	if (!a || a->prec <= PREC_UNKNOWN || a->prec > PREC_DAY || a->year < 2 || a->year > 9998)
		return PREC_UNKNOWN;
	if (a->prec >= PREC_SEASON && (a->month < 1 || a->month > 12))
		return PREC_YEAR;
	if (a->prec == PREC_DAY && !is_valid_date(a->year, a->month, a->day))
		return PREC_MONTH;
	return a->prec;
}

/* The anchor precision a hit needs to be resolved. */
static enum date_precision needs(enum what w)
{
	switch (w) {
	case W_ABS: case W_ANAPH: case W_MANAPH:
		return PREC_UNKNOWN;
	case W_YEARS: case W_DAYMONTH: case W_MYEAR:
		return PREC_YEAR;
	case W_MONTH: case W_SEASON: case W_MONTHS: case W_MDAY:
		return PREC_SEASON;
	default:
		return PREC_DAY;
	}
}

/* A day and month: the nearest occurrence on the tense's side of the
 * anchor, with TIMEX_DAY_SLACK days of tolerance; 29 February moves on to a
 * leap year in the same direction. */
static struct cdate res_daymonth(const struct cdate *a, enum date_precision ap, int m, int d,
				 enum tense tn)
{
	int y = a->year;
	if (ap == PREC_DAY) {
		int64_t diff = days_from_civil(y, m, d) - anchor_days(a);
		if (tn == TENSE_PAST && diff > TIMEX_DAY_SLACK)
			y--;
		else if (tn == TENSE_FUTURE && -diff > TIMEX_DAY_SLACK)
			y++;
	} else if (ap >= PREC_SEASON) {
		if (tn == TENSE_PAST && m > a->month)
			y--;
		else if (tn == TENSE_FUTURE && m < a->month)
			y++;
	}
	for (int i = 0; i < 8 && !is_valid_date(y, m, d); i++)
		y += tn == TENSE_FUTURE ? 1 : -1;
	return is_valid_date(y, m, d) ? make_date(y, m, d, PREC_DAY) : unknown_date;
}

static struct cdate res_month(const struct cdate *a, int m, enum dir dir, enum tense tn)
{
	int y = a->year;
	if (dir == D_LAST)
		y -= m >= a->month;
	else if (dir == D_NEXT)
		y += m <= a->month;
	else if (dir != D_THIS && tn == TENSE_PAST)
		y -= m > a->month;
	else if (dir != D_THIS)
		y += m < a->month;
	return make_date(y, m, 0, PREC_MONTH);
}

/* "on the 5th": that day of the anchor's month; in the past a day after
 * the anchor's is the month before's, in the future a day before it the
 * month after's. An anchor of a month only gives that month's day. */
static struct cdate res_mday(const struct cdate *a, enum date_precision ap, int d, enum tense tn)
{
	int y = a->year, m = a->month;
	if (ap == PREC_DAY && tn == TENSE_PAST && d > a->day) {
		if (--m < 1)
			m = 12, y--;
	} else if (ap == PREC_DAY && tn == TENSE_FUTURE && d < a->day) {
		if (++m > 12)
			m = 1, y++;
	}
	return is_valid_date(y, m, d) ? make_date(y, m, d, PREC_DAY) : unknown_date;
}

/* Seasons are numbered on one line, 4 * year + index (0 spring .. 3
 * winter), the winter of Y running from December Y to February Y+1. */
static struct cdate res_season(const struct cdate *a, int s, enum dir dir, enum tense tn)
{
	int am = a->month;
	int cur = am == 12 ? 4 * a->year + 3 : am <= 2 ? 4 * (a->year - 1) + 3
						      : 4 * a->year + (am - 3) / 3;
	int back = ((cur - s) % 4 + 4) % 4;  /* steps back to the latest s at or before cur */
	int fwd = (4 - back) % 4;            /* steps on to the earliest s at or after cur */
	int l;
	switch (dir) {
	case D_LAST:
		l = cur - (back ? back : 4);
		break;
	case D_NEXT:
		l = cur + (fwd ? fwd : 4);
		break;
	case D_THIS:   /* this year's; for a winter not current, the nearer one */
		if (s != 3 || back == 0)
			l = back == 0 ? cur : 4 * a->year + s;
		else if (back != fwd)
			l = back < fwd ? cur - back : cur + fwd;
		else
			l = tn == TENSE_FUTURE ? cur + fwd : cur - back;
		break;
	default:
		l = tn == TENSE_FUTURE ? cur + fwd : cur - back;
		break;
	}
	return make_date(l / 4, 3 * (l % 4) + 3, 0, PREC_SEASON);
}

static struct cdate res_weekday(const struct cdate *a, int wd, enum dir dir, enum tense tn)
{
	int64_t z = anchor_days(a);
	int w = weekday_from_days(z);
	int back = (w - wd + 7) % 7, fwd = (wd - w + 7) % 7;
	if (dir == D_LAST)
		z -= back ? back : 7;
	else if (dir == D_NEXT)
		z += fwd ? fwd : 7;
	else
		z += tn == TENSE_FUTURE ? fwd : -back;
	return from_days(z, PREC_DAY);
}

/* Weekday wd (0 Sunday) of the week (Monday to Sunday) n weeks from the
 * anchor's. */
static struct cdate res_wdayweek(const struct cdate *a, int wd, int n)
{
	int64_t z = anchor_days(a);
	int64_t monday = z - (weekday_from_days(z) + 6) % 7 + 7 * (int64_t)n;
	return from_days(monday + (wd + 6) % 7, PREC_DAY);
}

/* A week is dated by its Thursday (ISO 8601): the month most of it lies in. */
static struct cdate res_week(const struct cdate *a, int n)
{
	int64_t z = anchor_days(a);
	int64_t monday = z - (weekday_from_days(z) + 6) % 7 + 7 * (int64_t)n;
	return from_days(monday + 3, PREC_MONTH);
}

/* A weekend is dated by the month of its Saturday. "last weekend" is the
 * latest one already over; "this weekend" the current one, else by tense. */
static struct cdate res_weekend(const struct cdate *a, enum dir dir, enum tense tn)
{
	int64_t z = anchor_days(a);
	int w = weekday_from_days(z);
	int64_t sat = z - (w + 1) % 7;       /* latest Saturday on or before z */
	if (dir == D_LAST && sat + 1 >= z)
		sat -= 7;
	else if (dir == D_NEXT || (dir != D_LAST && w != 0 && w != 6 && tn == TENSE_FUTURE))
		sat += 7;
	return from_days(sat, PREC_MONTH);
}

static struct cdate res_months(const struct cdate *a, int n)
{
	long t = (long)a->year * 12 + (a->month - 1) + n;
	if (t < 0)
		return unknown_date;
	return make_date((int)(t / 12), (int)(t % 12) + 1, 0, PREC_MONTH);
}

/* A date counted from the one named before it in the sentence (p): n days,
 * weeks, months or years after it, at the precision the unit gives ("that
 * week": the month, as weeks are). "That month" after a mere year says
 * more than the text: unknown; a few days from a month ("two days later"
 * after "in September") are most likely that month, at its precision. */
static struct cdate res_anaph(const struct cdate *p, int unit, int n, const struct cdate *anchor)
{
	enum date_precision pp = p->prec;
	switch (unit) {
	case U_DAY:
		if (pp == PREC_DAY)
			return from_days(anchor_days(p) + n, PREC_DAY);
		/* "Last week X condemned it. At a news conference earlier that
		 * day, ...": no day was named since, so "that day" is the
		 * story's, the report's own when it falls in that month. */
		if (n == 0 && pp == PREC_MONTH && anchor && anchor->prec == PREC_DAY &&
		    anchor->year == p->year && anchor->month == p->month)
			return *anchor;
		/* ("in September 2023 ... two days later": most likely the same
		 * month, as far as the text tells) */
		return n >= -7 && n <= 7 && pp >= PREC_MONTH ? make_date(p->year, p->month, 0, PREC_MONTH) : unknown_date;
	case U_WEEK:
		if (pp == PREC_DAY)
			return from_days(anchor_days(p) + 7 * (int64_t)n, PREC_MONTH);
		return n == 0 && pp == PREC_MONTH ? *p : unknown_date;
	case U_MONTH:
		return pp >= PREC_MONTH ? res_months(p, n) : unknown_date;
	case U_YEAR:
		return pp >= PREC_YEAR ? make_date(p->year + n, 0, 0, PREC_YEAR) : unknown_date;
	default:
		return unknown_date;
	}
}

/* Whether the resolution of h depends on a direction, and which. */
static int directional(const struct hit *h)
{
	switch (h->w) {
	case W_DAYMONTH: case W_MONTH: case W_SEASON: case W_WEEKDAY: case W_WEEKEND: case W_MDAY:
		return 1;
	default:
		return 0;
	}
}

static enum tense hit_tense(const struct scan *sc, const struct hit *h, int since)
{
	if (since || h->looks_back || h->dir == D_LAST)
		return TENSE_PAST;
	if (h->dir == D_NEXT || h->dir == D_COMING)
		return TENSE_FUTURE;
	if (h->dir == D_THIS && (h->w == W_MONTH || (h->w == W_SEASON && h->n != 3)))
		return TENSE_AUTO;   /* the anchor's year, whatever the tense */
	if (sc->tense != TENSE_AUTO)
		return sc->tense;
	/* "postponed until March", "pushed back to February": the new date is
	 * later than the decision, whatever the tense of the verb. */
	if (h->first >= 2 && (kw_at(sc, h->first - 1) == K_TO || kw_at(sc, h->first - 1) == K_UNTIL) &&
	    (cls_at(sc, h->first - 2) & C_DEFER))
		return TENSE_FUTURE;
	enum tense tn = detect(sc, h->first, h->last + 1);
	/* "had decided to withdraw the accreditation, from November 1",
	 * "effective 1 July": a start told in the past is most often still to
	 * come; a date without its year is taken in the report's year. */
	if (tn == TENSE_PAST && (h->w == W_DAYMONTH || h->w == W_MONTH) && h->first >= 1 &&
	    (word_eq(sc, h->first - 1, "from") || word_eq(sc, h->first - 1, "starting") ||
	     word_eq(sc, h->first - 1, "effective") ||
	     (h->first >= 2 && word_eq(sc, h->first - 1, "of") && word_eq(sc, h->first - 2, "as"))))
		return TENSE_AUTO;
	return tn;
}

/* Resolves hit h into *out. */
static void resolve(const struct scan *sc, const struct hit *h, int since, struct timex *out)
{
	const struct cdate *a = sc->anchor;
	enum date_precision ap = anchor_prec(a);
	enum tense tn = TENSE_AUTO;
	enum dir dir = h->dir == D_COMING ? D_TENSE : h->dir;
	struct cdate r = unknown_date;
	if (directional(h))
		tn = hit_tense(sc, h, since);
	else if (h->w != W_ABS && h->w != W_ANAPH && h->w != W_MANAPH) {
		int n = h->w == W_WDAYWEEK ? h->d : h->n;   /* the week's offset, not the weekday */
		tn = n < 0 ? TENSE_PAST : n > 0 || h->looks_ahead ? TENSE_FUTURE : TENSE_AUTO;
	}
	if (since)
		tn = TENSE_PAST;
	if (h->w == W_ABS)
		r = h->prec == PREC_UNKNOWN ? unknown_date
					    : make_date(h->y, h->m, h->d, h->prec);
	else if (ap >= needs(h->w)) {
		switch (h->w) {
		case W_DAYMONTH: r = res_daymonth(a, ap, h->m, h->d, tn); break;
		case W_MONTH: r = res_month(a, h->m, dir, tn); break;
		case W_SEASON: r = res_season(a, h->n, dir, tn); break;
		case W_WEEKDAY: r = res_weekday(a, h->n, dir, tn); break;
		case W_WEEKEND: r = res_weekend(a, dir, tn); break;
		case W_DAYS: r = from_days(anchor_days(a) + h->n, PREC_DAY); break;
		case W_WEEKS: r = res_week(a, h->n); break;
		case W_MONTHS: r = res_months(a, h->n); break;
		case W_YEARS: r = make_date(a->year + h->n, 0, 0, PREC_YEAR); break;
		case W_MYEAR: r = make_date(a->year + h->n, h->m, 0, PREC_MONTH); break;
		case W_ANAPH: r = res_anaph(&sc->prev, h->d, h->n, sc->anchor); break;
		case W_MANAPH:
			r = sc->prev.prec >= PREC_YEAR ? make_date(sc->prev.year + h->n, h->m, 0, PREC_MONTH)
						       : unknown_date;
			break;
		case W_MDAY: r = res_mday(a, ap, h->d, tn); break;
		case W_WDAYWEEK: r = res_wdayweek(a, h->n, h->d); break;
		default: break;
		}
	} else if (ap == PREC_MONTH && (h->w == W_WEEKDAY || (h->w == W_DAYS && h->n >= -1 && h->n <= 1) ||
					(h->w == W_WEEKS && h->n == 0))) {
		/* A report known to its month only ("--date 2015-09"): "yesterday",
		 * "on Friday", "this week" lie in that month, as far as it tells. */
		r = make_date(a->year, a->month, 0, PREC_MONTH);
	}
	out->start = sc->t[h->first].start;
	out->end = sc->t[h->last].end;
	out->date = r;
	out->kind = h->kind;
	out->tense_used = tn;
	out->flags = h->flags;
}

/* Whether c only repeats p less precisely: "last year" after "in November"
 * ("in November last year") leaves "that month" meaning November. */
static int coarser_of(const struct cdate *c, const struct cdate *p)
{
	return p->prec > c->prec && c->year == p->year &&
	       (c->prec < PREC_SEASON || c->month == p->month);
}

/* ---- API ---------------------------------------------------------------- */

size_t timex_find(const char *s, size_t len, const struct cdate *anchor, enum tense tense,
		  struct timex *out, size_t max)
{
	return timex_find_after(s, len, anchor, NULL, tense, out, max);
}

size_t timex_find_after(const char *s, size_t len, const struct cdate *anchor, const struct cdate *prev,
			enum tense tense, struct timex *out, size_t max)
{
	struct tok t[TOK_CAP];
	struct scan sc = {s, t, 0, anchor, tense, SIZE_MAX, prev ? *prev : unknown_date};
	size_t count = 0, pos = 0, done = 0;
	int first_window = 1;
	if (!s || !out)
		return 0;
	while (count < max) {
		int at_end;
		sc.n = tokenize(s, len, pos, t, TOK_CAP, &at_end);
		size_t lo = first_window ? 0 : TOK_BACK;
		size_t hi = at_end ? sc.n : sc.n - TOK_AHEAD;
		for (size_t i = lo; i < hi && count < max; i++) {
			struct hit h;
			int since;
			if (t[i].start < done || !match_at(&sc, i, &h, &since))
				continue;
			resolve(&sc, &h, since, &out[count]);
			/* What "that month" refers to: a date of the story, not a
			 * document's year or one naming a noun ("the 2013 elections"). */
			if (out[count].date.prec != PREC_UNKNOWN &&
			    !(out[count].flags & (TIMEX_F_CITATION | TIMEX_F_MODIFIER)) &&
			    !coarser_of(&out[count].date, &sc.prev))
				sc.prev = out[count].date;
			count++;
			done = sc.prev_end = t[h.last].end;
			i = h.last;
		}
		if (at_end)
			break;
		pos = t[sc.n - TOK_AHEAD - TOK_BACK].start;
		first_window = 0;
	}
	return count;
}

enum tense timex_tense(const char *s, size_t len, size_t at)
{
	struct tok t[TOK_CAP];
	size_t from = 0, k = 0;
	int at_end;
	if (!s)
		return TENSE_PAST;
	if (at > len)
		at = len;
	if (at > TENSE_REACH_BYTES) {   /* start on a word boundary well before at */
		from = at - TENSE_REACH_BYTES;
		while (from < at && !space_at(s, len, from))
			from++;
	}
	struct scan sc = {s, t, 0, NULL, TENSE_AUTO, SIZE_MAX, unknown_date};
	sc.n = tokenize(s, len, from, t, TOK_CAP, &at_end);
	while (k < sc.n && t[k].start < at)
		k++;
	return detect(&sc, k, k);
}
