/* Pieces shared by the wire, feed and table importers: timestamps as agencies
 * write them, agency names, datelines, and report fields with a ceiling.
 *
 * Timestamps never go through the C library's time functions: the offset
 * written in the text is kept (tz_offset_min) and the instant is computed in
 * UTC with util/cdate.h, whatever the machine's zone.
 */
#ifndef COMMUNIQUE_WIRE_UTIL_H
#define COMMUNIQUE_WIRE_UTIL_H
#include <stddef.h>
#include <stdint.h>

#include "ingest/report.h"

/* Ceilings on what one report may hold: longer values are cut (at a
 * character boundary) and the report is warned. */
#define WIRE_MAX_FIELD ((size_t)8 << 10)    /* title, agency, place, url... */
#define WIRE_MAX_BODY ((size_t)16 << 20)    /* body and lede */

/* A parsed timestamp. */
struct wire_time {
	int64_t t;              /* Unix seconds, UTC (00:00 UTC of the day for PUB_DATE) */
	int tz_offset_min;      /* offset as written, minutes east of UTC (0 if none) */
	enum pub_known known;   /* PUB_DATE for a bare date, else PUB_TIME */
	int zone_given;         /* 0 when a time named no zone and was taken as UTC */
};

/* Parses the timestamps found in agency files and feeds:
 *   ISO 8601 extended  2015-01-06T07:10:00Z, 2015-01-06T10:10:00.250+03:00,
 *                      2015-01-06 10:10:00 GMT+03:00
 *   ISO 8601 basic     20150106T071000Z, 20150106T101000+0300, 20150106T1010
 *   RFC 822 / 1123     Tue, 06 Jan 2015 10:10:00 +0300, 6 Jan 15 02:10 EST, ... GMT
 *   bare dates         2015-01-06, 20150106, 6 January 2015
 * Leading and trailing white space is ignored. Returns 0, or -1 when s is
 * none of these or names an impossible date, time or offset. */
int wire_parse_time(const char *s, struct wire_time *out);

/* Sets r's publication time from text: published_text (trimmed, as written),
 * published, tz_offset_min and pub_known. A time without a zone is set as if
 * UTC: wire_settle_zone() decides later, once the agency is known. Returns
 * 0, -1 when text is not a timestamp (r unchanged), -2 when memory ran out. */
int wire_set_time(struct report *r, const char *text);

/* For a report whose published_text names a time but no zone: takes it as
 * the local time of the agency's home when we know its rules (NTB, EFE, AFP,
 * dpa, ANSA: Central European time with EU summer time; Xinhua UTC+8; Kyodo,
 * Yonhap UTC+9; TASS, RIA Novosti, Interfax: Moscow time), else as UTC, and
 * warns either way. Does nothing for other reports. Returns 0 or -1 (memory). */
int wire_settle_zone(struct report *r);

/* The canonical name of a news agency ("AP", "Reuters", "AFP", "EFE",
 * "TASS", "Xinhua", "Kyodo", ...) for a name, web address, domain or code as
 * files write them ("The Associated Press", "reuters.com", "nprov:REUTERS",
 * "http://www.afp.com/", "Agencia EFE"), or NULL when s is no agency we know.
 * The names, codes and domains are those of dict/agencies.tsv (agency_lookup()
 * of dateline.h); a longer name is searched word by word for the names its
 * `word` column allows ("Thomson Reuters Foundation"). */
const char *wire_agency_name(const char *s);

/* The agency named by an item identifier such as "tag:ap.org,2011:..." or
 * "urn:newsml:afp.com:2014...:TX-PAR", or NULL. */
const char *wire_agency_from_id(const char *id);

/* Splits a dateline field ("MOSCOW, Jan 6 (TASS) -", "NEW YORK (AP) —",
 * "Tegucigalpa, Jan 2 (EFE).-", "Oslo") with the one dateline parser
 * (dateline_field() of dateline.h): *place receives the place (malloc'd;
 * NULL when the line starts with no place name) and *agency the agency named
 * in brackets (the dictionary's name; NULL when none is known). Either pointer may be NULL.
 * Returns 0, or -1 when memory ran out. */
int wire_dateline(const char *line, char **place, const char **agency);

/* Replaces *field with a copy of s cut to max bytes; when it had to be cut,
 * warns r naming `what`. s NULL clears the field. Returns 0 or -1 (memory). */
int wire_set_field(struct report *r, char **field, const char *s, size_t max, const char *what);

/* Takes over s (malloc'd) as *field the same way, freeing what was there. */
int wire_take_field(struct report *r, char **field, char *s, size_t max, const char *what);

/* Copies s with runs of white space made one space and both ends trimmed
 * (malloc'd; NULL for NULL or when memory ran out). */
char *wire_squeeze(const char *s, size_t n);

/* Fills in what the caller knows and the report does not say: agency, the
 * url (when single is 1: one report per file), the date; warns when the
 * report still has no date. Returns 0 or -1 (memory). */
int wire_apply_hints(struct report *r, const struct ingest_hints *h, int single);

/* Sets *err (when err is not NULL) to a malloc'd message "'path': what". */
void wire_fail(char **err, const struct ingest_hints *h, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* h->path, or "-" when there is none. */
const char *wire_path(const struct ingest_hints *h);

#endif
