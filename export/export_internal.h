/* What the exporters in export/ share and nobody else needs: the table of
 * formats, checked writes, dates in words, type labels, UTF-8 repair, the
 * country and CAMEO tables, and the JSON form of one event (used by json,
 * jsonl and the tests). The public face of the module is export/timeline.h.
 *
 * Strings returned as `const char *` are static and never freed; strings
 * returned as `char *` come from malloc and the caller frees them.
 */
#ifndef COMMUNIQUE_EXPORT_INTERNAL_H
#define COMMUNIQUE_EXPORT_INTERNAL_H
#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "export/timeline.h"
#include "util/buf.h"

/* One per format file. */
extern const struct exporter export_csv;
extern const struct exporter export_json;
extern const struct exporter export_jsonl;
extern const struct exporter export_html;
extern const struct exporter export_timelinejs;
extern const struct exporter export_markdown;
extern const struct exporter export_icews;
extern const struct exporter export_dyads;

/* Checked writes: 0, or -1 when the stream reports an error (errno set by
 * stdio). tl_flush also checks ferror(), so a full disk found late is caught
 * at the end of an export. */
int tl_write(FILE *f, const void *p, size_t n);
int tl_puts(FILE *f, const char *s);
int tl_flush(FILE *f);

/* "day", "month", "season", "year", "unknown". */
const char *tl_precision_name(enum date_precision p);
/* The date at its precision in words: "6 January 2015", "January 2015",
 * "summer 2014", "winter 2014/15", "2015", "date unknown". out has n bytes
 * (48 is always enough). */
void tl_date_words(const struct cdate *d, char *out, size_t n);

/* Events are grouped under headings by their date: day- and month-precision
 * events by month, seasons by season, year-only dates by year, unknown dates
 * together. */
struct tl_group {
	int year;
	int month;   /* 1..12, 0 when the group is a year or unknown */
	int kind;    /* TL_GROUP_* */
};
enum { TL_GROUP_MONTH, TL_GROUP_SEASON, TL_GROUP_YEAR, TL_GROUP_UNKNOWN };
struct tl_group tl_group_of(const struct cdate *d);
int tl_group_equal(const struct tl_group *a, const struct tl_group *b);
/* "January 2015", "Summer 2014", "2015 (month unknown)", "Date unknown". */
void tl_group_title(const struct tl_group *g, char *out, size_t n);

/* "Phone call" for "phone_call"; an unknown type is written with its
 * underscores as spaces and a capital first letter. out has n bytes. */
void tl_type_label(const char *type, char *out, size_t n);

/* A copy of s in which every invalid UTF-8 sequence is replaced by U+FFFD,
 * and (when drop_controls) C0 control characters other than tab, LF and CR
 * are removed. NULL s gives "". Returns NULL only when memory ran out. */
char *tl_utf8_clean(const char *s, int drop_controls);

/* Distinct agencies of an event's sources in order, joined by sep, appended
 * to b. Returns 0, or -1 when memory ran out. */
int tl_join_agencies(const struct tl_event *e, const char *sep, struct buf *b);
/* Appends a line saying which filters made the timeline ("Actors: Japan;
 * From 2015"), nothing when there were none. 0, or -1 when memory ran out. */
int tl_describe_query(struct buf *b, const struct tl_query *q);
/* Index of the earliest known publication time among the sources, or -1. */
long tl_first_published(const struct tl_event *e);

/* The event's own fields (e->ev), or an empty event (no type or CAMEO code,
 * date unknown, no actors, topics or text) when e->ev is NULL, as it may be
 * for a withdrawn event the archive no longer holds. Never NULL. */
const struct event *tl_fields(const struct tl_event *e);
/* 1 when the event has fields of its own (see tl_fields). */
int tl_has_fields(const struct tl_event *e);
/* The event's confidence clamped to 0..1; a NaN counts as 0. */
double tl_confidence(const struct tl_event *e);
/* The event's intensity on the Goldstein scale (-10 hostile .. +10
 * cooperative) from its CAMEO code, as GDELT and ICEWS publish it, adjusted
 * for status: a planned act counts half, a negated one 0. Returns -1 when
 * the code is unknown (or ev is NULL). */
int tl_intensity(const struct event *e, double *out);
/* The quad classes of CAMEO, by the code's root as PLOVER and CAMEO group
 * them: 01-05 verbal cooperation, 06-08 material cooperation, 09-13 verbal
 * conflict, 14-20 material conflict. */
enum tl_quad { TL_Q_VERBAL_COOP, TL_Q_MATERIAL_COOP, TL_Q_VERBAL_CONFLICT, TL_Q_MATERIAL_CONFLICT,
	       TL_Q_COUNT };
/* The quad class of a CAMEO code, or -1 when the code is not CAMEO's. */
int tl_quad_class(const char *cameo);
/* "verbal_cooperation", "material_cooperation", "verbal_conflict",
 * "material_conflict": the dyads columns, indexed by enum tl_quad. */
extern const char *const tl_quad_names[TL_Q_COUNT];
/* Who wrote a note and when, " (anna, 3 December 2026)", as plain text into b
 * (empty when neither is known): each format escapes it its own way. */
int tl_note_attribution(const struct tl_note *n, struct buf *b);
/* The confidence in whole percent, 0..100. */
int tl_confidence_percent(const struct tl_event *e);
/* "low", "medium" or "high": below 0.5, below 0.8, from 0.8 on. */
const char *tl_confidence_level(const struct tl_event *e);
/* A Unix time (UTC) as a date in words: "3 December 2026". out has n bytes
 * (48 is always enough). */
void tl_time_words(int64_t t, char *out, size_t n);
/* The parties in one readable line, appended to b: sources and participants
 * joined with " & ", then " → " and the targets joined the same way
 * ("Russia → United States", "Japan & China", "→ North Korea" when
 * only a target is known). 0, or -1 when memory ran out. */
int tl_actors_line(const struct event *ev, struct buf *b);

/* The short English name of the state with ISO 3166-1 alpha-3 `code`
 * ("Russian Federation" for "RUS"), or NULL (organisations, unknown codes). */
const char *tl_country_name(const char *code);

/* A CAMEO code's verb as ICEWS writes it and its Goldstein score. */
struct tl_cameo {
	const char *code;
	const char *text;       /* "Discuss by telephone" */
	double goldstein;       /* -10 (conflict) .. +10 (cooperation) */
};
/* The entry for `code`, else the entry of its two-digit root ("04" for
 * "0413"), else NULL. */
const struct tl_cameo *tl_cameo_find(const char *code);

/* The JSON object of one event as docs/events.md defines it (version 1), new
 * reference: the caller json_decref()s it. NULL when memory ran out. */
json_t *tl_event_json(const struct tl_event *e);
/* The same object written to out as json_dumpb would give it with
 * JSON_REAL_PRECISION(10) (and JSON_COMPACT when compact), without
 * building it; open: the closing brace left for the caller to add keys.
 * 0, or -1 when memory ran out or a number is not finite. */
int tl_event_write(struct buf *out, const struct tl_event *e, int compact, int open);

/* The HTML export's inline stylesheet and script (html_assets.c); the
 * Content-Security-Policy allows exactly these by their SHA-256. */
extern const char html_style[];
extern const char html_script[];

#endif
