/* One agency report as the importers see it, before it reaches the archive.
 *
 * Every reader (plain text, HTML, feeds, wire formats, tables) fills a
 * struct report; extraction and the store take it from there. All strings are
 * UTF-8, obtained from malloc and owned by the report: report_release() frees
 * them. Any string may be NULL when the input does not say.
 */
#ifndef COMMUNIQUE_REPORT_H
#define COMMUNIQUE_REPORT_H
#include <stddef.h>
#include <stdint.h>

#include "util/cdate.h"

/* What the publication time is known to: values are stored, never renumber. */
enum pub_known {
	PUB_NONE = 0,   /* no date at all */
	PUB_DATE = 1,   /* the day only: published is that day's 00:00 UTC */
	PUB_TIME = 2,   /* a full time: published is exact */
};

struct report {
	char *title;          /* headline */
	char *agency;         /* "TASS", "Xinhua", "Reuters", ...: canonical agency name */
	char *place;          /* dateline place, "TOKYO" */
	char *url;
	char *guid;           /* feed item guid / wire item id, for replacement */
	char *author;
	char *lede;           /* standfirst under the headline, when separate from the body */
	char *body;           /* paragraphs joined by "\n\n" */
	char *published_text; /* the timestamp as written: "January 06, 2015, 10:10 UTC+3" */
	char *format;         /* which reader made it: "text", "html", "rss", ... (static string ok? no: malloc) */
	int64_t published;    /* Unix seconds, UTC (see pub_known) */
	enum pub_known pub_known;
	int tz_offset_min;    /* the offset as written, minutes east of UTC */
	int summary_only;     /* 1 when the body is only a feed summary */
	/* A day the report gives without a year (a dateline's "Dec. 28"), when
	 * no year could be found for it: extraction may infer the year from
	 * the text (extract_infer_year). 0 when none. */
	int undated_month, undated_day;
	/* When pub_known is PUB_NONE: the month or year the report is known to
	 * belong to, from outside its text (ingest --date 2015-09 or --date
	 * 2015), at that precision (PREC_MONTH or PREC_YEAR); else PREC_UNKNOWN.
	 * Relative dates of the text are resolved against it as far as it goes. */
	struct cdate pub_partial;
	/* Warnings about this report (missing date, stripped entities...), each
	 * a malloc'd string; the importer passes them on to the user. */
	char **warnings;
	size_t n_warnings;
	/* What the command line gave (ingest --date: REPORT_HINT_DATE, --agency:
	 * REPORT_HINT_AGENCY): a person's correction, which the archive keeps
	 * over a later import of the same text without it. */
	unsigned hinted;
};

#define REPORT_HINT_DATE 1u
#define REPORT_HINT_AGENCY 2u

void report_init(struct report *r);
void report_release(struct report *r);
/* Adds a warning (printf format). Returns 0, or -1 when memory ran out. */
int report_warn(struct report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Replaces *field with a malloc'd copy of s (or NULL). Returns 0 or -1. */
int report_set(char **field, const char *s);

/* The report's date: the local day of publication at day precision; when
 * the day is unknown, pub_partial (a month or a year); else PREC_UNKNOWN. */
struct cdate report_date(const struct report *r);

/* What a caller tells a reader about reports that do not say it themselves. */
struct ingest_hints {
	const char *agency;     /* --agency, or NULL */
	const char *url;        /* --url, or NULL */
	const char *path;       /* the file's path, for messages; "-" for stdin */
	struct cdate date;      /* --date, prec PREC_UNKNOWN when not given; a month or a
				   year (PREC_MONTH, PREC_YEAR) gives the report's year to a
				   dateline without one and becomes pub_partial otherwise */
};

/* What the hints still owe a report once a reader is done with it: an
 * empty agency name (a dateline that names none) becomes the --agency hint
 * or none; a report without a day of its own gets a --date that names only
 * a month or a year as pub_partial. Returns 0, or -1 when memory ran out. */
int report_apply_hints(struct report *r, const struct ingest_hints *h);

/* Readers hand each report they find to a sink. A reader of a single report
 * calls it once; a feed or table calls it once per item. The sink returns 0 to
 * go on or -1 to stop (the reader then returns -1 too).
 * `item` names the report inside the file for messages ("item 3", "row 17"),
 * or is NULL for a single-report file. The report belongs to the reader:
 * the sink must copy what it keeps. */
typedef int (*report_sink)(void *ctx, struct report *r, const char *item);

/* A reader's failure for one item that did not yield a report at all: the
 * reader reports it here and goes on with the next item. `item` as above. */
typedef void (*report_error_fn)(void *ctx, const char *item, const char *message);

#endif
