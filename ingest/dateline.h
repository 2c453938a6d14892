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
 *            RIYADH/OTTAWA (Reuters) -         ATHENS, March 2 -  (Reuters-21578)
 *   AP       WASHINGTON (AP) —                 HANOI, Vietnam (AP) —
 *   AFP      PARIS, Jan 6, 2015 (AFP) -        AL-ULA, Saudi Arabia, Jan 5, 2021 (AFP) -
 *   Kyodo    TOKYO, July 19 (Kyodo) --         TOKYO (Kyodo) --    TOKYO, Sept. 25 Kyodo -
 *   Yonhap   SEOUL, Jan. 6 (Yonhap) --
 *   KCNA     Pyongyang, December 1 (KCNA) --   (places in ordinary case need a date,
 *   Petra    Amman, Nov. 1 (Petra) --           or a dictionary agency and a capital
 *   PTI      New Delhi, Jan 4 (PTI) India ...   after it: Jakarta (ANTARA) - ...)
 *   ANI      New Delhi [India], March 15 (ANI): ...
 *   WAM      ABU DHABI, 5th March, 2023 (WAM) --
 *   SPA      Riyadh, March 5, 2023, SPA --     IRNA  Tehran, IRNA --
 *   Trend    BAKU, Azerbaijan, Dec. 4.  (after a lead mark "(MENAFN- Trend News Agency)",
 *            whose agency the dateline takes when it names none)
 *   UrduPoint ALGIERS (UrduPoint News / Sputnik - 20th March, 2022) ...
 *   ENA      Addis Ababa December 25/ 2019 ...   EU  Brussels 07.06.2021 ...
 *   ANSA     (ANSA) - ROME, MAR 5 -            EFE  Madrid, Jan 6 (EFE).-
 * and the same shapes with any other agency in parentheses (or between
 * slashes) when a dash follows it. A place alone before a colon
 * ("ISLAMABAD: ...") is not taken: nothing tells it from a heading.
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

/* A French, Spanish, Italian, German or Portuguese month name at s[i..)
 * ("juin", "Juin", "März", "septiembre"): 1..12 and *end the byte after it,
 * or 0. Also read in English text ("On Juin 4", timex.c). */
int foreign_month(const char *s, size_t len, size_t i, size_t *end);

/* A dateline standing alone, as the dateline field of an agency file
 * writes it: a whole dateline_parse() dateline with or without its dash
 * ("STOCKHOLM, Aug 29, 2014 (AFP) -"), or a place with an optional date and
 * an agency in brackets ("MOSCOW, Jan 6", "MOSCOW, Monday (Reuters)",
 * "Oslo", "BETHESDA, Md." whose place is "BETHESDA"). The agency is the
 * canonical name when the dictionary knows it, else "". Returns 1 when a
 * place or a known agency was found, else 0 ("2014-07-17 00:24:11 GMT"). */
int dateline_field(const char *s, size_t len, struct dateline *out);

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
 * and zone, and nothing else but a short prefix ("Updated", "Update:",
 * "Last update:", "Published On:", "Posted on", a weekday, a name ending in
 * " - ", ", " or ") " as in "The Canadian Press, ..." or "Xinhua) ...", a
 * dictionary agency and a blank as in "Reuters Published ..."), a place in
 * capitals after it, sections after " | ", a second stamp ("Updated ..."),
 * a byline ("by Jane Doe") or page furniture ("Text size: A+ A-"). The line
 * may stand in parentheses. Accepted dates: "January 06, 2015", "Jan. 6,
 * 2015", "AUGUST 6, 2018", "14 NOVEMBER 2018", "November 11th 2021",
 * "Tuesday, 6 January 2015", "2015-01-06", "2018.05.16", "06.01.2015",
 * "26-FEB-1987" (Reuters-21578), "03/14/2022" (slashes: the order that makes
 * a date; month first only on an American line, with AM/PM or a US zone,
 * when both would), with times "10:10", "8:13 AM", "17:45:12", "(15:09)"
 * after ",", "/", "-", "at" or a space, or before the date ("16:57, August
 * 04, 2023", "00:51 UTC+8, 2021-04-26"). A year is required. Returns 1 and
 * fills *ts, else 0. */
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
 * shipped dictionary agencies.tsv (`name<TAB>aliases<TAB>style<TAB>state<TAB>word`,
 * aliases separated by ';', the last two columns optional, '#' comments),
 * parsed once on first use, and from a
 * small built-in table of ministry and international-body issuer phrases.
 * Writes the name into out (cap bytes, NUL-terminated, cut if longer) and
 * returns 1, or returns 0 (out set to "") when the name is not known.
 * Safe to call from several threads (the table is built under pthread_once
 * and never changed after). */
int agency_canonical(const char *s, size_t n, char *out, size_t cap);

/* The same lookup returning the canonical name itself (it lives as long as
 * the program), or NULL when s[0..n) names no agency we know. */
const char *agency_lookup(const char *s, size_t n);

/* As agency_lookup(), for one word of a longer name ("Reuters" in "Thomson
 * Reuters Foundation"): only the one-word names and aliases of rows marked
 * "word" in agencies.tsv match, so that "Sana" in "Sana Mirza" is no SANA. */
const char *agency_lookup_word(const char *s, size_t n);

/* The ISO 3166-1 alpha-3 code of the state an agency or issuer belongs to
 * ("KCNA" -> "PRK", "Korean Central News Agency" -> "PRK", "Xinhua" ->
 * "CHN"), from the state column of agencies.tsv; NULL for an agency that
 * serves the world (Reuters, AP, AFP) or is not known. */
const char *agency_state(const char *name);

#endif
