/* Internals shared by the HTML reader's files (not a public API).
 *
 * html_charset.c  decodes the page's bytes to UTF-8;
 * html_dom.c      parses with libxml2 (from a lean copy of the page),
 *                 classifies tags, walks trees without recursion and builds
 *                 text with collapsed white space;
 * html_meta.c     reads JSON-LD, OpenGraph and other metadata;
 * html_body.c     finds the article body;
 * html.c          puts them together (html.h).
 */
#ifndef COMMUNIQUE_HTML_INT_H
#define COMMUNIQUE_HTML_INT_H
#include <stddef.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "ingest/report.h"
#include "util/buf.h"

/* ---- html_charset.c ---- */

/* Decodes a page to UTF-8. The charset comes from a BOM, else a <meta>
 * declaration in the first bytes, else UTF-8; a page whose bytes are valid
 * UTF-8 with non-ASCII characters is taken as UTF-8 whatever it declares;
 * bytes invalid in the charset fall back to windows-1252 (when most are not
 * UTF-8) or become U+FFFD. A declared charset that the HTML standard
 * forbids browsers (UTF-7, UTF-32, CESU-8, BOCU-1, SCSU, ISO-2022-KR/CN,
 * HZ) counts as no declaration, with a note. *text and *text_len give the result: a pointer
 * into data when it was clean UTF-8 already, else into *out (emptied first,
 * released by the caller). *note is set to a static lower-case sentence when
 * the page's bytes or declaration were not followed, else NULL.
 * Returns 0, or -1 when memory ran out. */
int html_to_utf8(const char *data, size_t len, struct buf *out, const char **text,
                 size_t *text_len, const char **note);
/* Appends s[0..len) to out as UTF-8, replacing invalid bytes by U+FFFD.
 * Returns 0 or -1. */
int html_utf8_clean(const char *s, size_t len, struct buf *out);

/* ---- html_dom.c ---- */

/* Tag classes. */
enum {
	TAG_BLOCK = 1 << 0,     /* starts a new paragraph */
	TAG_SKIP = 1 << 1,      /* never holds article text: dropped with its subtree */
	TAG_HEADING = 1 << 2,   /* h1..h6 */
	TAG_ITEM = 1 << 3,      /* li, dt, dd */
	TAG_LIST = 1 << 4,      /* ul, ol, dl */
	TAG_BR = 1 << 5,
	TAG_LINK = 1 << 6,      /* a */
	TAG_PARA = 1 << 7,      /* p, pre, blockquote: paragraphs by nature */
	TAG_CELL = 1 << 8,      /* td, th */
	TAG_QUIET = 1 << 9,     /* nav, aside, footer, header...: rarely article text */
	TAG_H1 = 1 << 10,
	TAG_CAPTION = 1 << 11,  /* figure, figcaption */
};

/* The class of an element's tag name (lower-case, as libxml2 gives it). */
unsigned html_tag_flags(const xmlChar *name);
/* Parses UTF-8 HTML text. The parser reads a lean copy: the contents of
 * scripts (JSON-LD kept), styles, inline SVG, <noscript> and <template>,
 * comments, and every attribute but those the reader looks at (class, id,
 * itemprop, role, hidden, aria-hidden, a style that may hide, property,
 * content, name, rel, datetime, type, and href on <link>) are left out.
 * Returns the document (free with xmlFreeDoc) or NULL. */
htmlDocPtr html_parse_utf8(const char *s, size_t len);
/* The value of attribute `name` of element n, or NULL: a pointer into the tree
 * (not a copy), valid while the document lives. Only plain text values. */
const char *html_attr(xmlNodePtr n, const char *name);
/* First child element of n named `name` in document order, searching at most
 * `limit` nodes without recursion; NULL when none. */
xmlNodePtr html_find(xmlNodePtr root, const char *name, size_t limit);
/* Walks the subtree at root in document order without recursion. enter() is
 * called for every node (elements, text...) and returns 1 to go into its
 * children, 0 to skip them or -1 to stop; leave() (may be NULL) is called
 * after a node's children, or right after enter() for a node not entered.
 * Elements deeper than HTML_MAX_DEPTH below root are not visited.
 * Returns 0, or -1 when a callback stopped the walk. */
typedef int (*html_enter_fn)(void *ctx, xmlNodePtr n, int depth);
typedef int (*html_leave_fn)(void *ctx, xmlNodePtr n, int depth);
int html_walk(xmlNodePtr root, html_enter_fn enter, html_leave_fn leave, void *ctx);

/* Text with collapsed white space and paragraph breaks. */
struct tbuild {
	struct buf *out;
	int space;      /* white space seen since the last character */
	int brk;        /* break owed before the next character: 0, 1 "\n", 2 "\n\n" */
	int started;    /* anything written by this builder */
};
void tb_init(struct tbuild *t, struct buf *out);
/* Appends text, collapsing white space. Returns 0 or -1. */
int tb_text(struct tbuild *t, const char *s, size_t n);
/* Asks for a break (1 line, 2 paragraph) before the next text. */
void tb_break(struct tbuild *t, int level);
/* Appends the text of the subtree at root (block elements become paragraphs,
 * skipped tags dropped). Returns 0 or -1. */
int tb_subtree(struct tbuild *t, xmlNodePtr root);

/* Copies s with white space collapsed and trimmed, at most max bytes (cut on
 * a character boundary). Returns malloc'd text, NULL for empty or no memory. */
char *html_clean_text(const char *s, size_t max);
/* The collapsed text of a subtree, malloc'd, at most max bytes; NULL if empty. */
char *html_node_text(xmlNodePtr n, size_t max);

/* ---- html_meta.c ---- */

/* What the metadata says; every string malloc'd or NULL. */
struct html_meta {
	char *title, *og_title, *h1, *doc_title;
	char *published;        /* the chosen timestamp text */
	char *author;
	char *url;
	char *site;             /* publisher name or og:site_name */
	char *ld_body;          /* JSON-LD articleBody, a guide for html_body.c */
	int bad_ld;             /* broken JSON-LD blocks seen */
};
void html_meta_release(struct html_meta *m);
/* Reads the metadata of doc into *m. Returns 0 or -1 (out of memory). */
int html_meta_read(htmlDocPtr doc, struct html_meta *m);
/* Parses an ISO 8601 timestamp ("2019-11-18T10:20:30.5-05:00", "2019-11-18")
 * into r->published, pub_known and tz_offset_min. Returns 0, or -1 when it is
 * not one. */
int html_parse_time(const char *s, struct report *r);
/* The <title> with a trailing or leading site name (" | Site", " - Site")
 * removed. Returns malloc'd text or NULL. */
char *html_strip_site(const char *title, const char *site);

/* ---- html_body.c ---- */

/* Appends the article body of doc to *out: paragraphs joined by "\n\n".
 * title (may be NULL) is left out when it opens the body; ld_body (may be
 * NULL) is the JSON-LD articleBody, meant to help choose between candidate
 * containers (not used yet).
 * Returns 0 (possibly with nothing appended) or -1 (out of memory). */
int html_body_extract(htmlDocPtr doc, const char *title, const char *ld_body,
                      struct buf *out);

#endif
