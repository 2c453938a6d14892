/* Agency datelines, timestamp lines and agency names in plain text.
 *
 * Wire copy opens its first paragraph with a dateline that names the place,
 * often the day, and the agency; saved web pages carry a timestamp line near
 * the headline. This module recognises both without regular expressions, in
 * time linear in the line, and canonicalises agency names with the shipped
 * dictionary agencies.tsv (see agency_canonical()).
 *
 * Recognised datelines (dashes may be -, --, — or –, each with spaces):
 *   TASS     TOKYO, January 6. /TASS/.        MOSCOW, August 29. /ITAR-TASS/.
 *   Xinhua   BEIJING, Jan. 6 (Xinhua) --
 *   Reuters  MOSCOW, Jan 6 (Reuters) -         MOSCOW (Reuters) -
 *            RIYADH/OTTAWA (Reuters) -
 *   AP       WASHINGTON (AP) —                 HANOI, Vietnam (AP) —
 *   AFP      PARIS, Jan 6, 2015 (AFP) -        AL-ULA, Saudi Arabia, Jan 5, 2021 (AFP) -
 *   Kyodo    TOKYO, July 19 (Kyodo) --         TOKYO (Kyodo) --
 *   Yonhap   SEOUL, Jan. 6 (Yonhap) --
 * and the same shapes with any other agency in parentheses (or between
 * slashes) when a dash follows it. The place is written in capitals; a
 * country or state in ordinary case may follow it ("HANOI, Vietnam").
 */
#ifndef COMMUNIQUE_DATELINE_H
#define COMMUNIQUE_DATELINE_H
#include <stddef.h>

struct dateline {
	size_t consumed;     /* bytes of the paragraph taken by the dateline and its separator
	                        (and the white space after it) */
	char place[96];      /* "TOKYO", "RIYADH/OTTAWA", "HANOI, Vietnam" */
	char agency[64];     /* canonical agency name ("TASS", "Xinhua", "Reuters", ...) */
	int month, day, year;/* 0 when absent */
	size_t date_start;   /* where the date is written in the paragraph ("January 6"), */
	size_t date_len;     /* and its length; both 0 when there is no date */
};

/* Returns 1 and fills *out when the paragraph s[0..len) starts with a
 * dateline, else 0 (*out is then unspecified). s need not be NUL-terminated. */
int dateline_parse(const char *s, size_t len, struct dateline *out);

/* A timestamp line, parsed. */
struct timestamp {
	int year, month, day;   /* always set on success */
	int hour, minute;       /* when has_time */
	int has_time;
	int offset_min;         /* minutes east of UTC, when offset_known */
	int offset_known;       /* 1 when the line writes an offset or a zone (UTC+3, GMT,
	                           +0300, EST, ET: ET/PT/CT/MT follow US daylight saving) */
	char place[96];         /* a place in capitals after the time ("TOKYO"), or "" */
	int updated;            /* the line says "Updated", "Last updated" or "Modified" */
	size_t text_start;      /* the date and time as written (no prefix, place or */
	size_t text_len;        /* trailing sections): "January 06, 2015, 10:10 UTC+3" */
};

/* A timestamp / date line: the whole line is a date, optionally with a time
 * and zone, and nothing else but a short prefix ("Updated", "Published:",
 * a weekday, an agency name ending in " - "), a place in capitals after it,
 * or sections after " | ". Accepted dates: "January 06, 2015", "Jan. 6, 2015",
 * "AUGUST 6, 2018", "14 NOVEMBER 2018", "Tuesday, 6 January 2015",
 * "2015-01-06", with times "10:10", "8:13 AM", "17:45:12" after ",", "/",
 * "-", "at" or a space. A year is required. Returns 1 and fills *ts, else 0. */
int timestamp_scan(const char *s, size_t len, struct timestamp *ts);

/* The same as timestamp_scan() with separate outputs (any pointer but s may
 * be NULL; place gets at most place_cap - 1 bytes and a NUL). hh/mi are 0
 * when has_time is 0; offset_min is 0 when offset_known is 0. Returns 1 or 0. */
int timestamp_parse(const char *s, size_t len, int *y, int *mo, int *d, int *hh, int *mi,
                    int *has_time, int *offset_min, int *offset_known, char *place,
                    size_t place_cap);

/* Canonical name of an agency or issuer written as s[0..n) (case and
 * surrounding white space ignored): "ITAR-TASS" -> "TASS", "Office of the
 * Spokesperson" -> "US State Department". Names and aliases come from the
 * shipped dictionary agencies.tsv (`name<TAB>aliases<TAB>style`, aliases
 * separated by ';', '#' comments), parsed once on first use, and from a
 * small built-in table of ministry and international-body issuer phrases.
 * Writes the name into out (cap bytes, NUL-terminated, cut if longer) and
 * returns 1, or returns 0 (out set to "") when the name is not known.
 * Safe to call from several threads (the table is built under pthread_once
 * and never changed after). */
int agency_canonical(const char *s, size_t n, char *out, size_t cap);

#endif
