/* Reader for saved web pages of news articles.
 *
 * html_read() turns one page, as saved from a browser or fetched by a crawler
 * (raw bytes, any charset), into a struct report: headline, publication time
 * with its UTC offset as written, author, canonical URL, publisher name and the
 * article body. The body is found by general rules (block scoring by text
 * length, link density and punctuation, the page's own structure and
 * class/id hints), never by per-site rules. html_fragment_text() gives the
 * plain text of an HTML fragment such as a feed item's content.
 *
 * Both parse with libxml2's HTML parser without network access; scripts,
 * styles, inline SVG, comments and the attributes the reader does not use
 * are left out of what the parser reads, for speed. Work and
 * memory are bounded on hostile input: pages past HTML_MAX_INPUT bytes are cut
 * (with a warning), trees are walked iteratively and elements nested deeper
 * than HTML_MAX_DEPTH are ignored, attribute values and JSON-LD blocks are
 * capped in size.
 */
#ifndef COMMUNIQUE_HTML_H
#define COMMUNIQUE_HTML_H
#include <stddef.h>

#include "ingest/report.h"
#include "util/buf.h"

/* The most bytes of a page that are read; the rest is dropped with a warning. */
#define HTML_MAX_INPUT ((size_t)16 << 20)
/* Elements nested deeper than this are ignored (their text is lost). */
#define HTML_MAX_DEPTH 400

/* Reads one web page (raw bytes as saved, any charset) into *out, which the
 * caller has report_init'ed and later report_release's.
 *
 * The charset is taken from a byte-order mark, <meta charset> or
 * <meta http-equiv="Content-Type">; bytes that contradict it are decoded as
 * windows-1252 (when most of them are not UTF-8) or replaced by U+FFFD.
 *
 * Fills, when the page says them:
 *   title     JSON-LD headline > og:title > the article's <h1> > <title> less
 *             the site's name;
 *   published JSON-LD datePublished > article:published_time > <time
 *             datetime> > itemprop=datePublished; published_text is the
 *             timestamp as written, tz_offset_min its offset, pub_known how
 *             precise it is (hints->date is used when the page has none);
 *   author, url (canonical link > og:url > hints->url), agency (hints->agency
 *             > JSON-LD publisher name > og:site_name, not canonicalised),
 *   body      the article's paragraphs, headings, list items and table
 *             cells joined by "\n\n", without headline, captions, bylines,
 *             share bars, related links, pop-up link cards or comments;
 *   format    "html".
 * Problems that do not stop the reading (a broken JSON-LD block, a bad
 * charset, a cut page) are added as warnings to *out.
 *
 * hints may be NULL. Returns 0, or -1 with *err set to a malloc'd lower-case
 * message saying what was wrong (the caller frees it); a page with no article
 * text is an error. *out may then hold partial fields: release it anyway. */
int html_read(const char *data, size_t len, const struct ingest_hints *hints,
              struct report *out, char **err);

/* Appends to *out the text of an HTML fragment (a feed item's
 * content:encoded, a description): block elements become paragraphs joined
 * by "\n\n", <br> a line break ("\n\n" for two in a row), entities are
 * decoded, tags, scripts and styles dropped, white space collapsed. The
 * fragment is taken as UTF-8 (bad bytes become U+FFFD). Nothing is appended
 * for a fragment without text. Returns 0, or -1 when the buffer's maximum
 * was reached or memory ran out (*out then holds what fitted). */
int html_fragment_text(const char *html, size_t len, struct buf *out);

#endif
