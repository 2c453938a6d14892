/* Reader for plain-text reports, as analysts save them from agency sites and
 * wire services.
 *
 * A saved report has a headline, usually a timestamp line ("January 06,
 * 2015, 10:10 UTC+3 TOKYO", "AUGUST 6, 2018 / 8:13 AM", "14 NOVEMBER 2018"),
 * maybe a lede, and a body that opens with the agency dateline ("TOKYO,
 * January 6. /TASS/.", "SEOUL, Jan. 6 (Yonhap) --"), all wrapped in whatever
 * the page had around it: menus, share and cookie text, counters, related
 * headlines with their own dates, link lists, copyright lines. text_read()
 * finds the report in it by general rules (see text.c), never by per-site
 * lists, in time and memory linear in the input.
 */
#ifndef COMMUNIQUE_TEXT_H
#define COMMUNIQUE_TEXT_H
#include <stddef.h>

#include "ingest/report.h"

/* The most bytes text_read() accepts; larger input is an error. */
#define TEXT_MAX_INPUT ((size_t)64 << 20)
/* A title made from the body's first sentence is cut to about this many bytes. */
#define TEXT_TITLE_MAX 120

/* Reads one plain-text report, data[0..len) in UTF-8 (decode it first with
 * encoding_to_utf8()), into *out, which the caller has report_init'ed and
 * later report_release's. hints may be NULL.
 *
 * Fills:
 *   title           the most title-like line before the body (a leading
 *                   "(LEAD)"-style tag dropped); without one, a warning and
 *                   the body's first sentence, cut at a word near
 *                   TEXT_TITLE_MAX bytes;
 *   agency          canonical name (agency_canonical()) from the dateline,
 *                   else a "Source: X" line, else a line naming the agency or
 *                   issuer ("Office of the Spokesperson", "Council of the
 *                   EU"), else hints->agency;
 *   place           the dateline's place, else the timestamp line's;
 *   published...    from the timestamp line: published is UTC, tz_offset_min
 *                   the offset as written, published_text the date and time as
 *                   written, pub_known PUB_TIME when a time and an offset are
 *                   written, PUB_DATE when only the day is sure (no time, or a
 *                   time without zone: published is then that day's 00:00 UTC).
 *                   Without a timestamp line (or when it is an "Updated" line
 *                   of another day), the dateline's date: its year as
 *                   written, else the closest to the timestamp line's, else
 *                   the latest one not after hints->date. Without any,
 *                   hints->date (a full day); else PUB_NONE and a warning
 *                   "no date found";
 *   lede            the standalone sentence between the headline/timestamp
 *                   and the body;
 *   body            paragraphs joined by "\n\n", blanks collapsed, opening
 *                   with the dateline paragraph (dateline kept) or, without
 *                   a dateline, with the first prose paragraph, ending with
 *                   the last one (a last paragraph cut in mid-sentence
 *                   kept; an agency sign-off, "(end)", initials, a URL,
 *                   stamp or HTML tag after a last sentence cut);
 *   url             a line that is a URL, or "Source: https://...", else
 *                   hints->url;
 *   author          a "By Name" line before the body;
 *   format          "text".
 * Returns 0, or -1 with *err set to a malloc'd lower-case message ("empty
 * report", "no report text found", "report too large"); the caller frees
 * it, and releases *out, which may hold partial fields. */
int text_read(const char *data, size_t len, const struct ingest_hints *hints,
              struct report *out, char **err);

#endif
