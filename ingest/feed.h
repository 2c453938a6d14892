/* Importer for news feeds: RSS 2.0 (and 0.9x, RDF/RSS 1.0) and Atom 1.0.
 *
 * Every item (RSS <item>, "item 1", "item 2"...; Atom <entry>, "entry 1",
 * ...) becomes one struct report, format "rss" or "atom":
 *   title    <title> (Atom text, html or xhtml titles all give plain text)
 *   url      <link> (Atom: rel="alternate" or no rel), else a permalink guid
 *   guid     <guid> / <id>
 *   time     <pubDate> (RFC 822, zones like GMT, +0300, EST) / <published>,
 *            else <updated> / <dc:date>; the offset is kept as written
 *   author   <dc:creator>, <author> ("mail@x.org (Name)" gives Name) /
 *            <author><name>
 *   body     <content:encoded> or Atom <content>, HTML turned to text with
 *            html_fragment_text(); else <description> / <summary>, and then
 *            summary_only = 1
 *   agency   the item's <source> (canonical name when known), else a known
 *            agency named by the feed's title or link, else hints->agency
 * The file is parsed with xmlsafe_read(): no network, external entities
 * refused (each report warns). An item with neither title nor text goes to
 * on_error and the other items are still read.
 *
 * A feed file is read item by item when it can be (feed_stream, through
 * format_read_file): one item in memory at a time, whatever the file's size.
 *
 * A feed libxml2 cannot read whole (an item with a text past its 10 MB
 * limit, an item that is not well-formed) is read item by item: each item
 * alone between the feed's opening and close, so that the one that cannot
 * be read goes to on_error ("item 2: ... line 5: a text longer than 10 MB")
 * and the others are imported. XML_PARSE_HUGE is not used: it would lift
 * libxml2's guards against entity expansion too. Only when the feed's own
 * markup (outside its items) is broken is the whole file refused.
 */
#ifndef COMMUNIQUE_FEED_H
#define COMMUNIQUE_FEED_H
#include <stddef.h>

#include "ingest/report.h"

/* Reads data (len bytes) as an RSS or Atom feed. h may be NULL (h->path names
 * the file in messages; h->agency and h->date fill what items do not say;
 * h->url is not used: every item has its own link). on_error may be NULL.
 * Returns 0 when the feed was read, even with no items or with items sent
 * to on_error; -1 with *err (malloc'd, lower-case, "unable to read 'x':
 * ...") when the file is not well-formed XML, is not a feed, or the sink
 * asked to stop. */
int feed_read(const char *data, size_t len, const struct ingest_hints *h,
	      report_sink sink, report_error_fn on_error, void *ctx, char **err);

/* feed_read for a file whose first items were read already by feed_stream:
 * the first `skip` items are not read again (nor counted as failed). */
int feed_read_skip(const char *data, size_t len, int skip, const struct ingest_hints *h,
		   report_sink sink, report_error_fn on_error, void *ctx, char **err);

/* Reads a feed item by item from fd (libxml2's streaming reader: one item in
 * memory at a time, whatever the file's size), head (head_len bytes) being
 * its first bytes, read already. Returns 0 when the feed was read; -1 with
 * *err as feed_read (not a feed, the sink asked to stop); 1 when the stream
 * stopped at something only the whole-file reader handles (an item that is
 * not well-formed, a text past libxml2's limits, an entity bomb, a file
 * not in its declared encoding): *done items were read, and the caller
 * reads the whole file with feed_read_skip(..., *done, ...), which reports
 * what is wrong and reads the rest. */
int feed_stream(int fd, const char *head, size_t head_len, const struct ingest_hints *h,
		report_sink sink, report_error_fn on_error, void *ctx, int *done, char **err);

#endif
