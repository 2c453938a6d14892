/* RSS and Atom feed importer: see feed.h. */
#include "ingest/feed.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest/html.h"
#include "ingest/wire_formats.h"
#include "ingest/wire_util.h"

#define NS_ATOM "http://www.w3.org/2005/Atom"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_RSS1 "http://purl.org/rss/1.0/"
#define NS_RSS090 "http://my.netscape.com/rdf/simple/0.9/"

/* An element of RSS itself: no namespace (RSS 0.9x, 2.0) or RSS 1.0's. */
static int rss_is(const xmlNode *n, const char *name)
{
	return xmlsafe_is_ns(n, NULL, name) || xmlsafe_is_ns(n, NS_RSS1, name) ||
	       xmlsafe_is_ns(n, NS_RSS090, name);
}

/* The first child named name in namespace href; href NULL means RSS's own. */
static xmlNode *kid(const xmlNode *parent, const char *href, const char *name)
{
	if (!parent)
		return NULL;
	for (xmlNode *c = parent->children; c; c = c->next)
		if (href ? xmlsafe_is_ns(c, href, name) : rss_is(c, name))
			return c;
	return NULL;
}

static int take(struct report *r, char **field, char *s, size_t max, const char *what)
{
	if (s && !*s) {
		free(s);
		return 0;
	}
	return wire_take_field(r, field, s, max, what);
}

/* Whether text looks like HTML: a tag, or an entity left to decode. */
static int looks_html(const char *s)
{
	if (strchr(s, '<'))
		return 1;
	for (const char *a = strchr(s, '&'); a; a = strchr(a + 1, '&')) {
		size_t n = 1;
		while (n < 10 && (isalnum((unsigned char)a[n]) || a[n] == '#'))
			n++;
		if (n > 1 && a[n] == ';')
			return 1;
	}
	return 0;
}

/* Appends the text of n to body: HTML (escaped in the feed, or CDATA) through
 * html_fragment_text(), plain text by blank-line paragraphs, inline XHTML by
 * its paragraphs. kind: 't' text, 'h' html, 'x' xhtml, '?' guess. Returns 0,
 * 1 when body's ceiling was reached, -1 when memory ran out. */
static int content_to(const xmlNode *n, int kind, struct buf *body)
{
	if (kind == 'x') {
		const xmlNode *div = xmlsafe_child(n, "div");
		return wire_paragraphs(div ? div : n, body);
	}
	struct buf raw;
	buf_init(&raw, WIRE_MAX_BODY);
	int cut = xmlsafe_raw_text(n, &raw) != 0;
	const char *s = buf_str(&raw);
	int rc;
	if (kind == 'h' || (kind == '?' && looks_html(s)))
		rc = html_fragment_text(s, raw.len, body) ? 1 : 0;
	else
		rc = wire_text_paragraphs(s, body);
	buf_release(&raw);
	return rc == 0 && cut ? 1 : rc;
}

/* Atom's type attribute: 't', 'h' or 'x'; RSS elements are guessed ('?'). */
static int text_kind(const xmlNode *n, int atom)
{
	if (!atom)
		return '?';
	char *type = xmlsafe_attr(n, "type", 64);
	int k = 't';
	if (type && (strcasecmp(type, "html") == 0 || strcasecmp(type, "text/html") == 0))
		k = 'h';
	else if (type && (strcasecmp(type, "xhtml") == 0 || strstr(type, "xhtml")))
		k = 'x';
	free(type);
	return k;
}

/* A title-like text on one line. */
static char *line_text(const xmlNode *n, int atom)
{
	if (!n)
		return NULL;
	struct buf b;
	buf_init(&b, WIRE_MAX_FIELD + 4);
	int kind = text_kind(n, atom);
	if (kind == 'h') {
		struct buf raw;
		buf_init(&raw, WIRE_MAX_FIELD * 4);
		xmlsafe_raw_text(n, &raw);
		html_fragment_text(buf_str(&raw), raw.len, &b);
		buf_release(&raw);
	} else {
		xmlsafe_text(n, &b);
	}
	char *s = wire_squeeze(buf_str(&b), b.len);
	buf_release(&b);
	return s;
}

/* Sets the body from the first of full content and summary that has text. */
static int feed_body(struct report *r, const xmlNode *content, const xmlNode *summary, int atom)
{
	const xmlNode *src[2] = {content, summary};
	for (int i = 0; i < 2; i++) {
		/* Atom content with src= lives elsewhere: only the summary is here. */
		if (!src[i] || (atom && i == 0 && xmlHasProp(src[i], (const xmlChar *)"src")))
			continue;
		struct buf b;
		buf_init(&b, WIRE_MAX_BODY);
		int rc = content_to(src[i], text_kind(src[i], atom), &b);
		if (rc < 0) {
			buf_release(&b);
			return -1;
		}
		if (b.len) {
			int bad = take(r, &r->body, buf_detach(&b), WIRE_MAX_BODY, "body");
			buf_release(&b);
			if (bad || (rc > 0 && report_warn(r, "body cut at %zu bytes", (size_t)WIRE_MAX_BODY)))
				return -1;
			r->summary_only = i == 1;
			return 0;
		}
		buf_release(&b);
	}
	return 0;
}

/* "mail@example.org (Jane Doe)" -> "Jane Doe"; anything else as written. */
static char *rss_author(const xmlNode *item)
{
	char *a = line_text(kid(item, NS_DC, "creator"), 0);
	if (a && *a)
		return a;
	free(a);
	a = line_text(kid(item, NULL, "author"), 0);
	char *open = a ? strchr(a, '(') : NULL;
	char *close = open ? strrchr(open, ')') : NULL;
	if (open && close && close > open + 1 && memchr(a, '@', (size_t)(open - a))) {
		size_t n = (size_t)(close - open - 1);
		memmove(a, open + 1, n);
		a[n] = '\0';
	}
	return a;
}

static int set_time(struct report *r, const xmlNode *a, const xmlNode *b, const xmlNode *c)
{
	char *t[3] = {xmlsafe_text_dup(a, 128), xmlsafe_text_dup(b, 128), xmlsafe_text_dup(c, 128)};
	int rc = wire_time_from(r, (const char *const *)t, 3);
	for (int i = 0; i < 3; i++)
		free(t[i]);
	return rc;
}

static int rss_fill(struct report *r, const xmlNode *item, struct agency_pick *p)
{
	int rc = take(r, &r->title, line_text(kid(item, NULL, "title"), 0), WIRE_MAX_FIELD, "title");
	const xmlNode *guid = kid(item, NULL, "guid");
	if (!rc)
		rc = take(r, &r->guid, xmlsafe_text_dup(guid, WIRE_MAX_FIELD + 4), WIRE_MAX_FIELD, "guid");
	if (!rc)
		rc = take(r, &r->url, xmlsafe_text_dup(kid(item, NULL, "link"), WIRE_MAX_FIELD + 4),
			  WIRE_MAX_FIELD, "link");
	if (!rc && !r->url && r->guid && strncmp(r->guid, "http", 4) == 0) {
		char *perma = xmlsafe_attr(guid, "isPermaLink", 16);
		if (!perma || strcasecmp(perma, "false") != 0)
			rc = report_set(&r->url, r->guid);
		free(perma);
	}
	if (!rc)
		rc = set_time(r, kid(item, NULL, "pubDate"), kid(item, NS_DC, "date"),
			      kid(item, NS_ATOM, "updated"));
	if (!rc)
		rc = take(r, &r->author, rss_author(item), WIRE_MAX_FIELD, "author");
	if (!rc) {
		char *src = line_text(kid(item, NULL, "source"), 0);
		rc = agency_consider(p, src);
		free(src);
	}
	if (!rc)
		rc = feed_body(r, kid(item, NS_CONTENT, "encoded"), kid(item, NULL, "description"), 0);
	return rc;
}

/* The entry's link: rel="alternate" or no rel first, else any. */
static char *atom_link(const xmlNode *entry)
{
	char *any = NULL;
	for (const xmlNode *l = kid(entry, NS_ATOM, "link"); l; l = l->next) {
		if (!xmlsafe_is_ns(l, NS_ATOM, "link"))
			continue;
		char *rel = xmlsafe_attr(l, "rel", 64);
		char *href = xmlsafe_attr(l, "href", WIRE_MAX_FIELD + 4);
		int main_link = !rel || strcmp(rel, "alternate") == 0;
		free(rel);
		if (main_link && href) {
			free(any);
			return href;
		}
		if (!any)
			any = href;
		else
			free(href);
	}
	return any;
}

static int atom_fill(struct report *r, const xmlNode *entry, struct agency_pick *p)
{
	int rc = take(r, &r->title, line_text(kid(entry, NS_ATOM, "title"), 1), WIRE_MAX_FIELD, "title");
	if (!rc)
		rc = take(r, &r->guid, xmlsafe_text_dup(kid(entry, NS_ATOM, "id"), WIRE_MAX_FIELD + 4),
			  WIRE_MAX_FIELD, "id");
	if (!rc)
		rc = take(r, &r->url, atom_link(entry), WIRE_MAX_FIELD, "link");
	if (!rc)
		rc = set_time(r, kid(entry, NS_ATOM, "published"), kid(entry, NS_ATOM, "updated"),
			      kid(entry, NS_DC, "date"));
	if (!rc)
		rc = take(r, &r->author,
			  xmlsafe_text_dup(kid(kid(entry, NS_ATOM, "author"), NS_ATOM, "name"),
					   WIRE_MAX_FIELD + 4), WIRE_MAX_FIELD, "author");
	if (!rc) {
		char *src = line_text(kid(kid(entry, NS_ATOM, "source"), NS_ATOM, "title"), 1);
		rc = agency_consider(p, src);
		free(src);
	}
	if (!rc)
		rc = feed_body(r, kid(entry, NS_ATOM, "content"), kid(entry, NS_ATOM, "summary"), 1);
	return rc;
}

/* The agency the feed as a whole names, if it is one we know: its title or
 * its link's domain ("Reuters: World News", "https://tass.com"). */
static const char *feed_agency(const xmlNode *chan, int atom)
{
	const char *known = NULL;
	char *title = line_text(atom ? kid(chan, NS_ATOM, "title") : kid(chan, NULL, "title"), atom);
	char *link = atom ? atom_link(chan) : xmlsafe_text_dup(kid(chan, NULL, "link"), 512);
	known = wire_agency_name(title);
	if (!known)
		known = wire_agency_name(link);
	free(title);
	free(link);
	return known;
}

static int read_items(struct wire_session *s, const xmlNode *parent, const char *feed_known,
		      int atom)
{
	int n = 0, rc = 0;
	for (const xmlNode *c = parent ? parent->children : NULL; c && !rc; c = c->next) {
		if (atom ? !xmlsafe_is_ns(c, NS_ATOM, "entry") : !rss_is(c, "item"))
			continue;
		n++;
		struct report r;
		struct agency_pick p = {{0}, NULL};
		report_init(&r);
		rc = atom ? atom_fill(&r, c, &p) : rss_fill(&r, c, &p);
		agency_consider_known(&p, feed_known);
		if (!rc)
			rc = agency_settle(&p, &r);
		agency_settle(&p, &r);
		if (rc) {
			report_release(&r);
			free(s->stop);
			s->stop = strdup("out of memory");
			return -1;
		}
		rc = wire_emit_item(s, &r, atom ? "entry" : "item", n);
	}
	return rc;
}

int feed_read(const char *data, size_t len, const struct ingest_hints *h,
	      report_sink sink, report_error_fn on_error, void *ctx, char **err)
{
	struct wire_session s = {0};
	char *perr = NULL;
	s.h = h;
	s.sink = sink;
	s.on_error = on_error;
	s.ctx = ctx;
	if (err)
		*err = NULL;
	xmlDocPtr doc = xmlsafe_read_notes(data, len, wire_path(h), &perr, &s.notes);
	if (!doc) {
		if (err)
			*err = perr;
		else
			free(perr);
		return -1;
	}
	const xmlNode *root = xmlDocGetRootElement(doc);
	int rc;
	if (xmlsafe_is_ns(root, NS_ATOM, "feed")) {
		s.format = "atom";
		rc = read_items(&s, root, feed_agency(root, 1), 1);
	} else if (xmlsafe_is(root, "rss") || xmlsafe_is(root, "RDF")) {
		const xmlNode *chan = kid(root, NULL, "channel");
		s.format = "rss";
		/* RSS 2.0 puts items in the channel, RDF beside it. */
		const xmlNode *holder = chan && kid(chan, NULL, "item") ? chan : root;
		rc = read_items(&s, holder, feed_agency(chan, 0), 0);
	} else {
		wire_fail(err, h, "root element <%.40s> is not an rss or atom feed",
			  root ? (const char *)root->name : "");
		xmlFreeDoc(doc);
		return -1;
	}
	if (rc)
		wire_fail(err, h, "%s", s.stop ? s.stop : s.reject ? s.reject : "no item");
	wire_session_release(&s);
	xmlFreeDoc(doc);
	return rc ? -1 : 0;
}
