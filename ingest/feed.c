/* RSS and Atom feed importer: see feed.h. */
#include "ingest/feed.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libxml/xmlreader.h>

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

/* Reads one item (numbered n) to the sink. */
static int read_item(struct wire_session *s, const xmlNode *c, const char *feed_known, int atom, int n)
{
	struct report r;
	struct agency_pick p = {{0}, NULL};
	report_init(&r);
	int rc = atom ? atom_fill(&r, c, &p) : rss_fill(&r, c, &p);
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
	return wire_emit_item(s, &r, atom ? "entry" : "item", n);
}

/* Reads the items below parent, numbering them from first + 1, but for the
 * first `skip` of the file (read already by feed_stream). */
static int read_items(struct wire_session *s, const xmlNode *parent, const char *feed_known,
		      int atom, int first, int skip)
{
	int n = first, rc = 0;
	for (const xmlNode *c = parent ? parent->children : NULL; c && !rc; c = c->next) {
		if (atom ? !xmlsafe_is_ns(c, NS_ATOM, "entry") : !rss_is(c, "item"))
			continue;
		if (++n > skip)
			rc = read_item(s, c, feed_known, atom, n);
	}
	return rc;
}

/* ---- a feed that libxml2 cannot read whole ---- */

/* One item's bytes in the file: [start, end). */
struct span {
	size_t start, end;
};

/* Finds s (n bytes) in data from i on; returns its index or len. */
static size_t find(const char *data, size_t len, size_t i, const char *s)
{
	size_t n = strlen(s);
	for (; i + n <= len; i++) {
		const char *p = memchr(data + i, s[0], len - i);
		if (!p)
			return len;
		i = (size_t)(p - data);
		if (i + n <= len && !memcmp(p, s, n))
			return i;
	}
	return len;
}

/* The end (past '>') of the tag opening at i, quotes respected; len if none. */
static size_t tag_end(const char *data, size_t len, size_t i)
{
	char q = 0;
	for (; i < len; i++) {
		if (q) {
			if (data[i] == q)
				q = 0;
		} else if (data[i] == '"' || data[i] == '\'') {
			q = data[i];
		} else if (data[i] == '>') {
			return i + 1;
		}
	}
	return len;
}

/* Whether the tag at i (after '<' or '</') has the local name `name`. */
static int tag_named(const char *data, size_t len, size_t i, const char *name)
{
	size_t a = i;
	while (i < len && !isspace((unsigned char)data[i]) && data[i] != '>' && data[i] != '/')
		i++;
	const char *colon = memchr(data + a, ':', i - a);
	if (colon)
		a = (size_t)(colon - data) + 1;
	size_t n = strlen(name);
	return i - a == n && !memcmp(data + a, name, n);
}

/* Finds the items (elements whose local name is `name`) in the raw bytes,
 * skipping comments, CDATA sections, processing instructions and the
 * DOCTYPE, where markup is not markup. Items do not nest. Returns the
 * number found (*out malloc'd), 0 when there is none or the file does not
 * split cleanly (an item never closed), -1 when memory ran out. */
static long split_items(const char *data, size_t len, const char *name, struct span **out)
{
	struct span *v = NULL;
	size_t n = 0, cap = 0, i = 0, open = 0;
	int in_item = 0;
	*out = NULL;
	while (i < len) {
		const char *lt = memchr(data + i, '<', len - i);
		if (!lt)
			break;
		i = (size_t)(lt - data);
		size_t rest = len - i, e;
		if (rest >= 4 && !memcmp(lt, "<!--", 4))
			e = find(data, len, i + 4, "-->") + 3;
		else if (rest >= 9 && !memcmp(lt, "<![CDATA[", 9))
			e = find(data, len, i + 9, "]]>") + 3;
		else if (rest >= 2 && lt[1] == '?')
			e = find(data, len, i + 2, "?>") + 2;
		else if (rest >= 2 && lt[1] == '!') {
			/* A DOCTYPE, with its internal subset when it has one. */
			size_t gt = tag_end(data, len, i), br = find(data, len, i, "[");
			e = br < gt ? find(data, len, br, "]") : gt;
			e = e < len ? tag_end(data, len, e) : len;
		} else if (rest >= 2 && lt[1] == '/') {
			e = tag_end(data, len, i);
			if (in_item && tag_named(data, len, i + 2, name)) {
				if (n == cap && grow_array((void **)&v, &cap, n + 1, sizeof(*v))) {
					free(v);
					return -1;
				}
				v[n].start = open;
				v[n].end = e;
				n++;
				in_item = 0;
			}
		} else {
			e = tag_end(data, len, i);
			if (!in_item && tag_named(data, len, i + 1, name)) {
				open = i;
				in_item = e <= len && !(e >= 2 && data[e - 2] == '/');
				if (!in_item && e <= len) {   /* <item/>: an empty item */
					if (n == cap && grow_array((void **)&v, &cap, n + 1, sizeof(*v))) {
						free(v);
						return -1;
					}
					v[n].start = open;
					v[n].end = e;
					n++;
				}
			}
		}
		if (e > len) {
			free(v);
			return 0;   /* unclosed markup: no clean split */
		}
		i = e;
	}
	if (in_item || !n) {
		free(v);
		return 0;
	}
	*out = v;
	return (long)n;
}

static size_t count_lines(const char *data, size_t a, size_t b)
{
	size_t n = 0;
	for (const char *p = data + a; (p = memchr(p, '\n', (size_t)(data + b - p))); p++)
		n++;
	return n;
}

/* Whether the raw bytes' root element is Atom's <feed> (else RSS is tried). */
static int looks_atom(const char *data, size_t len)
{
	size_t i = 0;
	for (;;) {
		const char *lt = i < len ? memchr(data + i, '<', len - i) : NULL;
		if (!lt)
			return 0;
		i = (size_t)(lt - data);
		if (len - i >= 4 && !memcmp(lt, "<!--", 4))
			i = find(data, len, i + 4, "-->");
		else if (len - i >= 2 && (lt[1] == '?' || lt[1] == '!'))
			i = tag_end(data, len, i);
		else
			return tag_named(data, len, i + 1, "feed");
	}
}

/* Reads what is left of a feed libxml2 could not read whole (an item with
 * a text past its 10 MB limit, an item that is not well-formed): the feed
 * without its items, then each item alone between the feed's opening
 * (everything before the first item) and its close (everything after the
 * last one). An item that cannot be read is reported with its number, its
 * lines counted as in the file; the others are read. Returns 1 when the
 * file does not split that way (the caller reports the whole), else as
 * read_items. */
static int salvage(struct wire_session *s, const char *data, size_t len, int atom, int skip)
{
	struct span *v;
	long n = split_items(data, len, atom ? "entry" : "item", &v);
	if (n <= 0) {
		if (n < 0 && !s->stop)
			s->stop = strdup("out of memory");
		return n < 0 ? -1 : 1;
	}
	size_t head = v[0].start, tail = v[n - 1].end;
	struct buf doc;
	buf_init(&doc, 0);
	/* The feed without its items: it must read, or nothing is salvaged. */
	int rc = buf_add(&doc, data, head);
	for (long k = 1; k < n && !rc; k++)
		rc = buf_add(&doc, data + v[k - 1].end, v[k].start - v[k - 1].end);
	if (!rc)
		rc = buf_add(&doc, data + tail, len - tail);
	char *perr = NULL;
	struct xmlsafe_notes notes;
	xmlDocPtr skel = rc ? NULL : xmlsafe_read_notes(doc.data, doc.len, wire_path(s->h), &perr, &notes);
	free(perr);
	perr = NULL;
	const xmlNode *root = skel ? xmlDocGetRootElement(skel) : NULL;
	const char *known = NULL;
	if (atom && xmlsafe_is_ns(root, NS_ATOM, "feed"))
		known = feed_agency(root, 1);
	else if (!atom && (xmlsafe_is(root, "rss") || xmlsafe_is(root, "RDF")))
		known = feed_agency(kid(root, NULL, "channel"), 0);
	else
		rc = 1;
	xmlFreeDoc(skel);
	for (long k = skip > 0 ? skip : 0; k < n && !rc; k++) {
		/* Blank lines stand for the lines before the item, so that the
		 * parser's line numbers are the file's. */
		doc.len = 0;
		size_t skipped = count_lines(data, head, v[k].start);
		rc = buf_add(&doc, data, head);
		for (size_t l = 0; l < skipped && !rc; l++)
			rc = buf_add(&doc, "\n", 1);
		if (!rc)
			rc = buf_add(&doc, data + v[k].start, v[k].end - v[k].start);
		if (!rc)
			rc = buf_add(&doc, data + tail, len - tail);
		if (rc) {
			rc = -1;
			break;
		}
		xmlDocPtr d = xmlsafe_read_notes(doc.data, doc.len, wire_path(s->h), &perr, &s->notes);
		if (!d) {
			char item[32];
			snprintf(item, sizeof(item), "%s %ld", atom ? "entry" : "item", k + 1);
			wire_item_failed(s, item, "%s", perr);
			free(perr);
			perr = NULL;
			continue;
		}
		root = xmlDocGetRootElement(d);
		const xmlNode *holder = root;
		if (!atom) {
			const xmlNode *chan = kid(root, NULL, "channel");
			holder = chan && kid(chan, NULL, "item") ? chan : root;
		}
		rc = read_items(s, holder, known, atom, (int)k, skip);
		xmlFreeDoc(d);
	}
	if (rc > 0)
		rc = 1;
	buf_release(&doc);
	free(v);
	return rc;
}

int feed_read_skip(const char *data, size_t len, int skip, const struct ingest_hints *h,
		   report_sink sink, report_error_fn on_error, void *ctx, char **err)
{
	struct wire_session s = {0};
	/* The items read already count as read: the file is not refused whole. */
	s.items_ok = skip;
	char *perr = NULL;
	s.h = h;
	s.sink = sink;
	s.on_error = on_error;
	s.ctx = ctx;
	if (err)
		*err = NULL;
	xmlDocPtr doc = xmlsafe_read_notes(data, len, wire_path(h), &perr, &s.notes);
	if (!doc) {
		/* One bad item need not cost the others. */
		int atom = looks_atom(data, len);
		s.format = atom ? "atom" : "rss";
		int rc = salvage(&s, data, len, atom, skip);
		if (rc == 1 || (rc == 0 && !s.items_ok && s.items_failed == 0)) {
			if (err)
				*err = perr;
			else
				free(perr);
			perr = NULL;
			rc = -1;
		} else if (rc) {
			wire_fail(err, h, "%s", s.stop ? s.stop : s.reject ? s.reject : "no item");
		}
		free(perr);
		wire_session_release(&s);
		return rc ? -1 : 0;
	}
	const xmlNode *root = xmlDocGetRootElement(doc);
	int rc;
	if (xmlsafe_is_ns(root, NS_ATOM, "feed")) {
		s.format = "atom";
		rc = read_items(&s, root, feed_agency(root, 1), 1, 0, skip);
	} else if (xmlsafe_is(root, "rss") || xmlsafe_is(root, "RDF")) {
		const xmlNode *chan = kid(root, NULL, "channel");
		s.format = "rss";
		/* RSS 2.0 puts items in the channel, RDF beside it. */
		const xmlNode *holder = chan && kid(chan, NULL, "item") ? chan : root;
		rc = read_items(&s, holder, feed_agency(chan, 0), 0, 0, skip);
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

int feed_read(const char *data, size_t len, const struct ingest_hints *h,
	      report_sink sink, report_error_fn on_error, void *ctx, char **err)
{
	return feed_read_skip(data, len, 0, h, sink, on_error, ctx, err);
}

/* ---- streaming: one item in memory at a time ---- */

/* The bytes of a streamed feed: the head already read, then the file. */
struct feed_io {
	int fd;
	const char *head;
	size_t head_len, at;
};

static int feed_io_read(void *arg, char *out, int len)
{
	struct feed_io *io = arg;
	if (len <= 0)
		return 0;
	if (io->at < io->head_len) {
		size_t n = io->head_len - io->at;
		if (n > (size_t)len)
			n = (size_t)len;
		memcpy(out, io->head + io->at, n);
		io->at += n;
		return (int)n;
	}
	for (;;) {
		ssize_t got = read(io->fd, out, (size_t)len);
		if (got < 0 && errno == EINTR)
			continue;
		return got < 0 ? -1 : (int)got;
	}
}

/* What the feed as a whole says of itself (its title and link), kept as the
 * stream goes by: the reader frees them before the items come. */
struct feed_meta {
	char *title, *link;   /* link: Atom's alternate (or first) link */
	int link_main;        /* the Atom link kept is rel="alternate" or has no rel */
};

static int meta_take(struct feed_meta *m, const xmlNode *n, int atom)
{
	if (xmlsafe_is_ns(n, atom ? NS_ATOM : NULL, "title") || (!atom && rss_is(n, "title"))) {
		if (!m->title)
			m->title = line_text(n, atom);
		return 0;
	}
	if (!atom) {
		if (!m->link)
			m->link = xmlsafe_text_dup(n, 512);
		return 0;
	}
	/* As atom_link(): the first alternate (or rel-less) link, else the first. */
	if (m->link_main)
		return 0;
	char *rel = xmlsafe_attr(n, "rel", 64);
	char *href = xmlsafe_attr(n, "href", WIRE_MAX_FIELD + 4);
	int main_link = !rel || strcmp(rel, "alternate") == 0;
	free(rel);
	if (href && (main_link || !m->link)) {
		free(m->link);
		m->link = href;
		m->link_main = main_link;
	} else {
		free(href);
	}
	return 0;
}

static const char *meta_agency(const struct feed_meta *m)
{
	const char *known = wire_agency_name(m->title);
	return known ? known : wire_agency_name(m->link);
}

int feed_stream(int fd, const char *head, size_t head_len, const struct ingest_hints *h,
		report_sink sink, report_error_fn on_error, void *ctx, int *done, char **err)
{
	struct wire_session s = {0};
	struct feed_io io = {fd, head, head_len, 0};
	struct xmlsafe_stream st;
	struct feed_meta meta = {NULL, NULL, 0};
	s.h = h;
	s.sink = sink;
	s.on_error = on_error;
	s.ctx = ctx;
	*done = 0;
	if (err)
		*err = NULL;
	if (xmlsafe_stream_open(&st, feed_io_read, &io, wire_path(h))) {
		wire_fail(err, h, "out of memory");
		return -1;
	}
	xmlTextReaderPtr rd = st.reader;
	int atom = -1, rc = 0, n = 0, noted = 0;
	const char *known = NULL;
	int more = xmlTextReaderRead(rd);
	while (more == 1 && !rc && !st.failed) {
		if (xmlTextReaderNodeType(rd) != XML_READER_TYPE_ELEMENT) {
			more = xmlTextReaderRead(rd);
			continue;
		}
		int depth = xmlTextReaderDepth(rd);
		const xmlNode *node = xmlTextReaderCurrentNode(rd);
		if (depth == 0) {
			if (xmlsafe_is_ns(node, NS_ATOM, "feed")) {
				atom = 1;
			} else if (xmlsafe_is(node, "rss") || xmlsafe_is(node, "RDF")) {
				atom = 0;
			} else {
				wire_fail(err, h, "root element <%.40s> is not an rss or atom feed",
					  node ? (const char *)node->name : "");
				rc = -1;
				break;
			}
			s.format = atom ? "atom" : "rss";
			more = xmlTextReaderRead(rd);
			continue;
		}
		if (!atom && depth == 1 && rss_is(node, "channel")) {
			more = xmlTextReaderRead(rd);   /* into it: RSS 2.0's items are there */
			continue;
		}
		/* Atom's entries are the feed's children; RSS 2.0's items the
		 * channel's, RDF's the root's. */
		int parent_ok = depth == 1 || (!atom && depth == 2);   /* depth 2: in the channel */
		int is_item = parent_ok && (atom ? xmlsafe_is_ns(node, NS_ATOM, "entry") : rss_is(node, "item"));
		int is_meta = !is_item && depth == (atom ? 1 : 2) &&
			      (atom ? xmlsafe_is_ns(node, NS_ATOM, "title") || xmlsafe_is_ns(node, NS_ATOM, "link")
				    : rss_is(node, "title") || rss_is(node, "link"));
		if (is_item || is_meta) {
			xmlNode *x = xmlTextReaderExpand(rd);
			if (!x || st.failed)
				break;
			if (is_meta) {
				meta_take(&meta, x, atom);
			} else {
				/* An entity bomb: the whole-file reader says so. */
				if (xmlsafe_stream_item(&st, x))
					break;
				if (!noted) {
					/* The DTD, where entities are declared, comes first. */
					s.notes.refused_entities = xmlsafe_stream_refused(&st);
					known = meta_agency(&meta);
					noted = 1;
				}
				rc = read_item(&s, x, known, atom, ++n);
				*done = n;
			}
		}
		/* Past the item, or past what is no item and holds none (the
		 * reader frees what it has passed). */
		more = xmlTextReaderNext(rd);
	}
	if (!rc && (more != 0 || st.failed || atom < 0))
		rc = 1;   /* not all of it could be read here: the caller reads it whole */
	else if (rc < 0 && err && !*err)
		wire_fail(err, h, "%s", s.stop ? s.stop : s.reject ? s.reject : "no item");
	xmlsafe_stream_close(&st);
	free(meta.title);
	free(meta.link);
	wire_session_release(&s);
	return rc;
}
