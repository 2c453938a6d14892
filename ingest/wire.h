/* Importer for agency wire files: NITF 3.x, NewsML-G2 and NewsML 1.2.
 *
 * Each item of a file becomes a struct report handed to a report_sink:
 *  - NITF 3.x (<nitf>): one report, format "nitf";
 *  - NewsML-G2 (<newsItem>, or <newsMessage> whose <itemSet> holds several
 *    items, "item 1", "item 2", ... in file order), format "newsml-g2";
 *    bare <contentMeta>/<contentSet> fragments are read as one item;
 *  - NewsML 1.2 (<NewsML> with <NewsItem>s, or a bare <NewsItem>), format
 *    "newsml-1.2".
 * What each report receives: title (headline), place (dateline place, else
 * the located place), agency (a known agency among provider, copyright
 * holder, distributor, message sender, item id and dateline "(AP)", else the
 * provider or copyright holder as written), author (byline), guid (item id),
 * lede (abstract / summary), body (paragraphs joined by "\n\n", from NITF
 * body.content, an XHTML body or plain inline data), and the time the item
 * version was created (versionCreated, ThisRevisionCreated, NITF date.issue;
 * falling back to firstCreated, contentCreated...) with the offset as
 * written. Files are parsed with xmlsafe_read(): external entities stay empty
 * and each report warns about them.
 *
 * In a multi-item file, an item that yields no report (a package item, which
 * carries no text; an item with neither headline nor text) goes to on_error
 * with its name and reading goes on. A single-item file whose item yields
 * nothing is unreadable as a whole.
 */
#ifndef COMMUNIQUE_WIRE_H
#define COMMUNIQUE_WIRE_H
#include <stddef.h>

#include "ingest/report.h"

/* Reads data (len bytes) as one of the wire formats above. h may be NULL;
 * h->path names the file in messages, h->agency/url/date fill what items do
 * not say. on_error may be NULL. Returns 0 when the file was read (even if
 * some items went to on_error), or -1 with *err (malloc'd, lower-case:
 * "unable to read 'x.xml': ...") when the file as a whole is unreadable or
 * the sink asked to stop. */
int wire_read(const char *data, size_t len, const struct ingest_hints *h,
	      report_sink sink, report_error_fn on_error, void *ctx, char **err);

/* Which format the bytes are, by their root element or first line:
 * "nitf", "newsml-g2", "newsml-1.2", "rss" (RSS 0.9x/2.0 and RDF 1.0),
 * "atom", "jsonl" (first non-blank character '{'), or NULL (unknown; CSV is
 * never guessed). Looks at no more than the first 64 KB; never fails. */
const char *wire_sniff(const char *data, size_t len);

#endif
