/* Internals shared by the wire readers (wire.c, wire_nitf.c, wire_g2.c,
 * wire_nml1.c) and the feed reader: one reading session, emitting reports,
 * choosing the agency and collecting paragraphs. Not a public API: use
 * wire.h and feed.h. */
#ifndef COMMUNIQUE_WIRE_FORMATS_H
#define COMMUNIQUE_WIRE_FORMATS_H
#include <libxml/tree.h>

#include "ingest/report.h"
#include "ingest/xmlsafe.h"
#include "util/buf.h"

/* One file being read. */
struct wire_session {
	const struct ingest_hints *h;
	report_sink sink;
	report_error_fn on_error;
	void *ctx;
	const char *format;      /* "nitf", "rss", ...: copied into each report */
	struct xmlsafe_notes notes;
	int single;              /* 1 for a file of one report */
	int guessed_encoding;    /* 1 when a table was not UTF-8 and was decoded */
	char *reject;            /* why the last item yielded no report (malloc'd) */
	char *stop;              /* why reading stopped (malloc'd) */
	int items_ok;            /* reports the sink took */
	int items_failed;        /* items sent to on_error */
};

/* Finishes r (format, parse notes, hints, checks that there is a headline
 * or text) and gives it to the sink. Returns 0 when the sink took it, 1 when
 * the item yields no report (s->reject says why), -1 when the sink asked to
 * stop or memory ran out (s->stop says why). r is released either way. */
int wire_emit(struct wire_session *s, struct report *r, const char *item);

/* Reports an item that yielded nothing: through on_error in a multi-item
 * file. Formats the message like printf. */
void wire_item_failed(struct wire_session *s, const char *item, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Emits r as item number n ("item n", or with the given noun) and routes a
 * refusal to on_error. Returns 0 to go on, -1 to stop. */
int wire_emit_item(struct wire_session *s, struct report *r, const char *noun, int n);

/* Agency candidates, in the order a reader trusts them: the first that names
 * a known agency wins; when none does, the first non-empty one as written.
 * Names are canonicalised with agency_canonical() (ingest/dateline.h) when
 * the shipped dictionary knows them. Start with {{0}, NULL}. */
struct agency_pick {
	char known[64];          /* canonical name, or "" */
	char *fallback;          /* malloc'd, or NULL */
};
/* Considers s (may be NULL or empty). Returns 0, or -1 when memory ran out. */
int agency_consider(struct agency_pick *p, const char *s);
/* Considers a name already known to be an agency (NULL is ignored). */
void agency_consider_known(struct agency_pick *p, const char *known);
/* Moves the choice into r->agency (if r has none) and empties p; call it on
 * every path, it also frees. Returns 0 or -1 (memory). */
int agency_settle(struct agency_pick *p, struct report *r);

/* Appends the paragraphs below container to body, separated by "\n\n":
 * <p>, <li>, headings and table rows are paragraphs; <block>, <div>, lists,
 * NITF body parts are walked into; <media>, <script>, <style>, NITF head
 * parts are skipped; loose text forms paragraphs of its own. Returns 0, or 1
 * when body's ceiling was reached (what fitted is kept). */
int wire_paragraphs(const xmlNode *container, struct buf *body);

/* Appends the paragraphs of plain text s (separated by blank lines; lines
 * inside one are joined with a space) to body. Returns 0, 1 when body's
 * ceiling was reached, -1 when memory ran out. */
int wire_text_paragraphs(const char *s, struct buf *body);

/* Sets r->body from container's paragraphs, warning when cut. Leaves the
 * body alone when there are none. Returns 0 or -1 (memory). */
int wire_set_body(struct report *r, const xmlNode *container);

/* Reads an NITF element into r (the <nitf> root, or one inside NewsML):
 * fields r already has are kept, except that a body found here replaces an
 * empty one. Agency candidates go to p in NITF's order of trust. Returns 0,
 * or -1 when memory ran out. */
int nitf_fill(struct report *r, const xmlNode *nitf, struct agency_pick *p);

/* "By BERNARD CONDON, " -> "BERNARD CONDON", in place. */
void wire_strip_byline(char *s);

/* The readers of each format. Each returns 0 or -1 (file unreadable, or
 * stopped: s->stop / s->reject say why). */
int wire_read_nitf(struct wire_session *s, const xmlNode *root);
int wire_read_g2(struct wire_session *s, const xmlNode *root);
int wire_read_nml1(struct wire_session *s, const xmlNode *root);

/* Sets r's time from the first of the given texts that parses (NULLs are
 * skipped); warns about texts that do not parse. Returns 0 or -1 (memory). */
int wire_time_from(struct report *r, const char *const *texts, int n);

/* Frees s's messages. */
void wire_session_release(struct wire_session *s);

#endif
