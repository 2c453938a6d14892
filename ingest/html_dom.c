/* Parsing, tag classes, iterative tree walks and text building for the HTML
 * reader (see html_int.h). */
#include "ingest/html_int.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parserInternals.h>

#include "ingest/html.h"

struct tag {
	const char *name;
	unsigned flags;
};

/* Sorted by name for bsearch. */
static const struct tag TAGS[] = {
	{"a", TAG_LINK},
	{"address", TAG_BLOCK},
	{"applet", TAG_SKIP},
	{"article", TAG_BLOCK},
	{"aside", TAG_BLOCK | TAG_QUIET},
	{"audio", TAG_SKIP},
	{"blockquote", TAG_BLOCK | TAG_PARA},
	{"body", TAG_BLOCK},
	{"br", TAG_BR},
	{"button", TAG_SKIP},
	{"canvas", TAG_SKIP},
	{"caption", TAG_BLOCK},
	{"center", TAG_BLOCK},
	{"dd", TAG_BLOCK | TAG_ITEM},
	{"details", TAG_BLOCK},
	{"dialog", TAG_SKIP},
	{"dir", TAG_BLOCK | TAG_LIST},
	{"div", TAG_BLOCK},
	{"dl", TAG_BLOCK | TAG_LIST},
	{"dt", TAG_BLOCK | TAG_ITEM},
	{"embed", TAG_SKIP},
	{"fieldset", TAG_BLOCK},
	{"figcaption", TAG_BLOCK | TAG_CAPTION},
	{"figure", TAG_BLOCK | TAG_CAPTION},
	{"footer", TAG_BLOCK | TAG_QUIET},
	{"form", TAG_BLOCK},
	{"frameset", TAG_SKIP},
	{"h1", TAG_BLOCK | TAG_HEADING | TAG_H1},
	{"h2", TAG_BLOCK | TAG_HEADING},
	{"h3", TAG_BLOCK | TAG_HEADING},
	{"h4", TAG_BLOCK | TAG_HEADING},
	{"h5", TAG_BLOCK | TAG_HEADING},
	{"h6", TAG_BLOCK | TAG_HEADING},
	{"head", TAG_SKIP},
	{"header", TAG_BLOCK | TAG_QUIET},
	{"hgroup", TAG_BLOCK},
	{"hr", TAG_BLOCK},
	{"html", TAG_BLOCK},
	{"iframe", TAG_SKIP},
	{"input", TAG_SKIP},
	{"li", TAG_BLOCK | TAG_ITEM},
	{"link", TAG_SKIP},
	{"main", TAG_BLOCK},
	{"map", TAG_SKIP},
	{"math", TAG_SKIP},
	{"menu", TAG_BLOCK | TAG_LIST | TAG_QUIET},
	{"meta", TAG_SKIP},
	{"nav", TAG_BLOCK | TAG_SKIP},
	{"noscript", TAG_SKIP},
	{"object", TAG_SKIP},
	{"ol", TAG_BLOCK | TAG_LIST},
	{"optgroup", TAG_SKIP},
	{"option", TAG_SKIP},
	{"p", TAG_BLOCK | TAG_PARA},
	{"picture", TAG_SKIP},
	{"pre", TAG_BLOCK | TAG_PARA},
	{"script", TAG_SKIP},
	{"section", TAG_BLOCK},
	{"select", TAG_SKIP},
	{"source", TAG_SKIP},
	{"style", TAG_SKIP},
	{"summary", TAG_BLOCK},
	{"svg", TAG_SKIP},
	{"table", TAG_BLOCK},
	{"tbody", TAG_BLOCK},
	{"td", TAG_BLOCK | TAG_CELL},
	{"template", TAG_SKIP},
	{"textarea", TAG_SKIP},
	{"tfoot", TAG_BLOCK},
	{"th", TAG_BLOCK | TAG_CELL},
	{"thead", TAG_BLOCK},
	{"title", TAG_SKIP},
	{"tr", TAG_BLOCK},
	{"ul", TAG_BLOCK | TAG_LIST},
	{"video", TAG_SKIP},
};

unsigned html_tag_flags(const xmlChar *name)
{
	if (!name)
		return 0;
	const char *k = (const char *)name;
	size_t lo = 0, hi = sizeof(TAGS) / sizeof(TAGS[0]);
	/* A binary search that calls strcmp only when the first bytes agree:
	 * this runs for every element of every walk. */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = (unsigned char)k[0] - (unsigned char)TAGS[mid].name[0];
		if (c == 0 && k[0])
			c = strcmp(k + 1, TAGS[mid].name + 1);
		if (c == 0)
			return TAGS[mid].flags;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

static htmlDocPtr parse_lean(const char *s, size_t len);

/* ---- the lean copy given to the parser ----
 *
 * More than half the bytes of a modern page are scripts, styles, inline SVG
 * drawings, comments and attributes nobody here reads (src, srcset, data-*,
 * onclick...). The parser would spend most of its time building nodes for
 * them, so they are left out of the copy it reads. */

static int is_alpha(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Where s (n bytes) holds `needle` (whose first byte is not a letter),
 * ignoring case; NULL if nowhere. */
static const char *find_ci(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	const char *end = s + n;
	for (const char *p = memchr(s, needle[0], n); p && (size_t)(end - p) >= k;
	     p = memchr(p + 1, needle[0], (size_t)(end - p) - 1))
		if (strncasecmp(p, needle, k) == 0)
			return p;
	return NULL;
}

/* Elements whose content is dropped from the copy (kept empty) and the
 * closing tag that ends it; JSON-LD scripts are kept whole. */
static const char *const RAW_NAMES[] = {"script", "style", "svg", "noscript", "template"};
static const char *const RAW_CLOSE[] = {"</script", "</style", "</svg", "</noscript", "</template"};

/* Attributes the reader uses (html_body.c, html_meta.c). */
static const struct {
	const char *name;
	size_t len;
} KEEP_ATTR[] = {
	{"class", 5}, {"id", 2}, {"itemprop", 8}, {"role", 4}, {"hidden", 6},
	{"aria-hidden", 11}, {"property", 8}, {"content", 7}, {"name", 4}, {"rel", 3},
	{"href", 4}, {"datetime", 8}, {"type", 4}, {"style", 5},
};

/* Does s (n bytes) hold word, ignoring case? */
static int has_ci(const char *s, size_t n, const char *word)
{
	size_t k = strlen(word);
	for (size_t i = 0; i + k <= n; i++)
		if (strncasecmp(s + i, word, k) == 0)
			return 1;
	return 0;
}

static int name_is(const char *s, size_t n, const char *name)
{
	return strlen(name) == n && strncasecmp(s, name, n) == 0;
}

/* Keeps an attribute: by name; style only when it may hide the element,
 * href only on <link> (the canonical URL). */
static int keep_attr(const char *tag, size_t tn, const char *a, size_t an, const char *v, size_t vn)
{
	size_t i = 0;
	for (; i < sizeof(KEEP_ATTR) / sizeof(KEEP_ATTR[0]); i++)
		if (KEEP_ATTR[i].len == an && strncasecmp(a, KEEP_ATTR[i].name, an) == 0)
			break;
	if (i == sizeof(KEEP_ATTR) / sizeof(KEEP_ATTR[0]))
		return 0;
	if (name_is(a, an, "href"))
		return name_is(tag, tn, "link");
	if (name_is(a, an, "style"))
		return has_ci(v, vn, "none") || has_ci(v, vn, "hidden");
	return 1;
}

struct tagscan {
	const char *name;       /* tag name */
	size_t name_len;
	size_t len;             /* '<' to '>' included */
	int dropped;            /* attributes left out */
	int json;               /* type="...json" */
};

/* Reads the start tag at s (n bytes, s[0] == '<', s[1] a letter); when out
 * is not NULL, appends it to out with only the kept attributes. Returns 0,
 * 1 when the tag does not end, or -1 when memory ran out. */
static int scan_tag(const char *s, size_t n, struct tagscan *t, struct buf *out)
{
	size_t i = 1;
	while (i < n && !is_space((unsigned char)s[i]) && s[i] != '>' && s[i] != '/')
		i++;
	t->name = s + 1;
	t->name_len = i - 1;
	t->dropped = t->json = 0;
	if (out && buf_add(out, s, i))
		return -1;
	int slash = 0;      /* "/>": an empty element for libxml2 */
	for (;;) {
		slash = 0;
		while (i < n && (is_space((unsigned char)s[i]) || s[i] == '/'))
			slash = s[i++] == '/';
		if (i >= n)
			return 1;
		if (s[i] == '>')
			break;
		size_t a = i;
		while (i < n && !is_space((unsigned char)s[i]) && s[i] != '>' && s[i] != '/' &&
		       (s[i] != '=' || i == a))
			i++;
		size_t an = i - a, v = i, vn = 0;
		size_t j = i;
		while (j < n && is_space((unsigned char)s[j]))
			j++;
		if (j < n && s[j] == '=') {
			j++;
			while (j < n && is_space((unsigned char)s[j]))
				j++;
			if (j < n && (s[j] == '"' || s[j] == '\'')) {
				const char *q = memchr(s + j + 1, s[j], n - j - 1);
				if (!q)
					return 1;
				v = j + 1;
				vn = (size_t)(q - s) - v;
				j = (size_t)(q - s) + 1;
			} else {
				v = j;
				while (j < n && !is_space((unsigned char)s[j]) && s[j] != '>')
					j++;
				vn = j - v;
			}
			i = j;
		}
		if (name_is(s + a, an, "type") && has_ci(s + v, vn, "json"))
			t->json = 1;
		if (!keep_attr(t->name, t->name_len, s + a, an, s + v, vn)) {
			t->dropped = 1;
		} else if (out && (buf_addch(out, ' ') || buf_add(out, s + a, i - a))) {
			return -1;
		}
	}
	t->len = i + 1;
	return out && buf_add(out, slash ? "/>" : ">", slash ? 2 : 1) ? -1 : 0;
}

/* The index in RAW_NAMES of the tag t, or -1. */
static int raw_index(const struct tagscan *t)
{
	for (size_t k = 0; k < sizeof(RAW_NAMES) / sizeof(RAW_NAMES[0]); k++)
		if (name_is(t->name, t->name_len, RAW_NAMES[k]))
			return (int)k;
	return -1;
}

struct lean {
	const char *s;
	size_t n;
	size_t done;            /* bytes of s already copied or dropped */
	struct buf *out;
};

static int flush_to(struct lean *l, size_t upto)
{
	int rc = upto > l->done ? buf_add(l->out, l->s + l->done, upto - l->done) : 0;
	l->done = upto;
	return rc;
}

/* Handles the start tag at offset at; returns where scanning goes on, or
 * 0 when memory ran out. */
static size_t lean_tag(struct lean *l, size_t at)
{
	struct tagscan t;
	if (scan_tag(l->s + at, l->n - at, &t, NULL))
		return at + 1;
	size_t end = at + t.len;
	if (t.dropped) {
		if (flush_to(l, at) || scan_tag(l->s + at, l->n - at, &t, l->out) < 0)
			return 0;
		l->done = end;
	}
	int raw = raw_index(&t);
	if (raw < 0)
		return end;
	const char *close = find_ci(l->s + end, l->n - end, RAW_CLOSE[raw]);
	if (!close)
		return raw < 2 ? (flush_to(l, end) ? 0 : (l->done = l->n)) : end;
	size_t c = (size_t)(close - l->s);
	if (raw == 0 && t.json)
		return c + 2;
	if (flush_to(l, end))
		return 0;
	l->done = c;
	return c + 2;
}

/* Copies the page for the parser, leaving out what it need not read. */
static int lean_copy(const char *s, size_t n, struct buf *out)
{
	struct lean l = {s, n, 0, out};
	size_t i = 0;
	while (i < n) {
		const char *p = memchr(s + i, '<', n - i);
		if (!p)
			break;
		size_t at = (size_t)(p - s), left = n - at;
		if (left > 4 && p[1] == '!' && p[2] == '-' && p[3] == '-') {
			const char *e = find_ci(p + 4, left - 4, "-->");
			if (flush_to(&l, at))
				return -1;
			l.done = e ? (size_t)(e - s) + 3 : n;
			i = l.done;
		} else if (left > 2 && is_alpha((unsigned char)p[1])) {
			i = lean_tag(&l, at);
			if (i == 0)
				return -1;
		} else {
			i = at + 1;
		}
	}
	return flush_to(&l, n);
}

htmlDocPtr html_parse_utf8(const char *s, size_t len)
{
	struct buf lean;
	buf_init(&lean, BUF_DEFAULT_MAX);
	if (lean_copy(s, len, &lean) == 0 && lean.data) {
		s = lean.data;
		len = lean.len;
	}
	htmlDocPtr doc = parse_lean(s, len);
	buf_release(&lean);
	return doc;
}

static void stop_on_memory_error(void *ctx, xmlErrorPtr e)
{
	htmlParserCtxtPtr ctxt = ctx;
	if (e && (e->code == XML_ERR_NO_MEMORY || e->domain == XML_FROM_MEMORY)) {
		ctxt->errNo = XML_ERR_NO_MEMORY;
		xmlStopParser(ctxt);
	}
}

static htmlDocPtr parse_lean(const char *s, size_t len)
{
	if (len > (size_t)INT_MAX)
		len = (size_t)INT_MAX;
	htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(s, (int)len);
	if (!ctxt)
		return NULL;
	/* The text is already UTF-8: the page's own declaration must not
	 * make libxml2 decode it a second time. UTF-8 is set as the input's
	 * charset, not named as an encoding: naming it runs every byte through
	 * libxml2's UTF-8 "converter", whose out-of-memory path (2.9.14,
	 * xmlSwitchToEncoding, xmlBufShrink) writes through a freed buffer. */
	int opts = HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
	           HTML_PARSE_RECOVER | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;
	htmlCtxtUseOptions(ctxt, opts);
	if (xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8) != 0) {
		htmlFreeParserCtxt(ctxt);
		return NULL;
	}
	/* Memory running out inside libxml2's HTML parser is reported and
	 * then retried for ever (seen with 2.9.14 under fault injection): the
	 * first such error stops the parse, and the page fails. */
	xmlSetStructuredErrorFunc(ctxt, stop_on_memory_error);
	htmlParseDocument(ctxt);
	xmlSetStructuredErrorFunc(NULL, NULL);
	htmlDocPtr doc = ctxt->myDoc;
	ctxt->myDoc = NULL;
	if (doc && ctxt->errNo == XML_ERR_NO_MEMORY) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	htmlFreeParserCtxt(ctxt);
	return doc;
}

const char *html_attr(xmlNodePtr n, const char *name)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (xmlAttrPtr a = n->properties; a; a = a->next) {
		if (!a->name || strcmp((const char *)a->name, name) != 0)
			continue;
		xmlNodePtr v = a->children;
		if (v && v->type == XML_TEXT_NODE && !v->next && v->content)
			return (const char *)v->content;
		return v ? NULL : "";
	}
	return NULL;
}

int html_walk(xmlNodePtr root, html_enter_fn enter, html_leave_fn leave, void *ctx)
{
	if (!root)
		return 0;
	xmlNodePtr n = root;
	int depth = 0;
	for (;;) {
		int go = enter(ctx, n, depth);
		if (go < 0)
			return -1;
		if (go > 0 && n->children && depth < HTML_MAX_DEPTH) {
			n = n->children;
			depth++;
			continue;
		}
		if (leave && leave(ctx, n, depth) < 0)
			return -1;
		while (n != root && !n->next) {
			n = n->parent;
			depth--;
			if (leave && leave(ctx, n, depth) < 0)
				return -1;
		}
		if (n == root)
			return 0;
		n = n->next;
	}
}

struct find_ctx {
	const char *name;
	size_t left;
	xmlNodePtr found;
};

static int find_enter(void *ctx, xmlNodePtr n, int depth)
{
	struct find_ctx *f = ctx;
	(void)depth;
	if (f->left-- == 0)
		return -1;
	if (n->type != XML_ELEMENT_NODE && n->type != XML_DOCUMENT_NODE &&
	    n->type != XML_HTML_DOCUMENT_NODE)
		return 0;
	if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, f->name) == 0) {
		f->found = n;
		return -1;
	}
	return 1;
}

xmlNodePtr html_find(xmlNodePtr root, const char *name, size_t limit)
{
	struct find_ctx f = {name, limit, NULL};
	html_walk(root, find_enter, NULL, &f);
	return f.found;
}

void tb_init(struct tbuild *t, struct buf *out)
{
	t->out = out;
	t->space = 0;
	t->brk = 0;
	t->started = 0;
}

void tb_break(struct tbuild *t, int level)
{
	if (level > t->brk)
		t->brk = level;
}

/* White space as HTML collapses it, plus the no-break space (2 bytes). */
static size_t space_len(const unsigned char *p, size_t left)
{
	if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v')
		return 1;
	if (*p == 0xC2 && left > 1 && p[1] == 0xA0)
		return 2;
	return 0;
}

/* Writes the break or space owed before new text. */
static int tb_sep(struct tbuild *t)
{
	int rc = 0;
	if (t->started && t->brk)
		rc = buf_add(t->out, "\n\n", (size_t)t->brk);
	else if (t->started && t->space)
		rc = buf_addch(t->out, ' ');
	t->brk = 0;
	t->space = 0;
	t->started = 1;
	return rc;
}

int tb_text(struct tbuild *t, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		size_t w = space_len(p + i, n - i);
		if (w) {
			t->space = 1;
			i += w;
			continue;
		}
		size_t j = i;
		while (j < n && p[j] && !space_len(p + j, n - j))
			j++;
		if (j == i)
			break;   /* NUL */
		if (tb_sep(t) || buf_add(t->out, s + i, j - i))
			return -1;
		i = j;
	}
	return 0;
}

static int frag_enter(void *ctx, xmlNodePtr n, int depth)
{
	struct tbuild *t = ctx;
	(void)depth;
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		const char *c = (const char *)n->content;
		return c ? (tb_text(t, c, strlen(c)) ? -1 : 0) : 0;
	}
	if (n->type != XML_ELEMENT_NODE)
		return n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE;
	unsigned f = html_tag_flags(n->name);
	if (f & TAG_SKIP)
		return 0;
	if (f & TAG_BR)
		tb_break(t, t->brk ? 2 : 1);
	else if (f & TAG_BLOCK)
		tb_break(t, 2);
	return 1;
}

static int frag_leave(void *ctx, xmlNodePtr n, int depth)
{
	struct tbuild *t = ctx;
	(void)depth;
	if (n->type == XML_ELEMENT_NODE && (html_tag_flags(n->name) & TAG_BLOCK))
		tb_break(t, 2);
	return 0;
}

int tb_subtree(struct tbuild *t, xmlNodePtr root)
{
	return html_walk(root, frag_enter, frag_leave, t);
}

/* Cuts b back to at most max bytes, on a UTF-8 character boundary. */
static void cut_utf8(struct buf *b, size_t max)
{
	if (b->len <= max)
		return;
	size_t n = max;
	while (n > 0 && ((unsigned char)b->data[n] & 0xC0) == 0x80)
		n--;
	b->len = n;
	b->data[n] = '\0';
}

char *html_clean_text(const char *s, size_t max)
{
	if (!s)
		return NULL;
	struct buf b;
	struct tbuild t;
	buf_init(&b, BUF_DEFAULT_MAX);
	tb_init(&t, &b);
	size_t n = strlen(s);
	/* White space collapses, so 4x the wanted bytes is more than enough. */
	if (n / 4 > max) {
		n = max * 4;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	if (tb_text(&t, s, n)) {
		buf_release(&b);
		return NULL;
	}
	cut_utf8(&b, max);
	if (b.len == 0) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b);
}

char *html_node_text(xmlNodePtr n, size_t max)
{
	struct buf b;
	struct tbuild t;
	buf_init(&b, BUF_DEFAULT_MAX);
	tb_init(&t, &b);
	/* The children only: n itself may be a skipped tag such as <title>. */
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (tb_subtree(&t, c)) {
			buf_release(&b);
			return NULL;
		}
	}
	cut_utf8(&b, max);
	if (b.len == 0) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b);
}
