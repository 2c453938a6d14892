/* Finding the article body of a web page (see html_int.h).
 *
 * The page is cut into text blocks (the text between block-level tags or
 * double <br>), each measured by length, link text and punctuation. Every
 * block element covers a contiguous run of blocks, so the score of a subtree
 * is a difference of prefix sums: prose blocks count for, link-heavy blocks
 * against. The element with the best score is the article container; inside
 * it blocks are kept or dropped by their own measures, their position
 * between prose blocks and the class/id hints of the elements around them
 * (comments, share bars, related links, captions, bylines...). No rule
 * depends on the page's language or site.
 */
#include "ingest/html_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Limits against hostile pages. */
#define MAX_ELEMS 200000
#define MAX_BLOCKS 200000
#define MAX_TEXT ((size_t)16 << 20)
#define HINT_BYTES 256

/* A block is prose when it is this long (in characters, spaces excluded). */
#define GOOD_CHARS 80
#define GOOD_LINK 0.3
#define BAD_LINK 0.5
#define EDGE_CHARS 20

enum { H_NONE = 0, H_NEG = 1, H_POS = 2 };

struct elem {
	xmlNodePtr node;
	int parent;             /* index, or -1 */
	unsigned tag;           /* TAG_* */
	int hint;               /* H_* from class and id */
	int first, end;         /* blocks [first, end) are inside */
	int neg;                /* nearest honoured negative element, self included, or -1 */
	long good;              /* prose characters inside */
	int itemprop;           /* itemprop="articleBody" */
};

struct block {
	size_t off, len;        /* text in the pool */
	int chars;              /* characters, spaces excluded */
	int links;              /* of which inside links */
	int punct;              /* sentence punctuation marks */
	int elem;               /* owning block element */
	int brk_before;         /* separated from the previous block by <br><br> only */
};

struct page {
	struct elem *e;
	size_t ne, ce;
	struct block *b;
	size_t nb, cb;
	struct buf pool;
	struct tbuild tb;
	int cur;                /* innermost open block element */
	int link_depth;         /* inside <a> */
	int open;               /* a block is being filled */
	int chars, links, punct;
	int brs;                /* <br> since the last text */
	int full;               /* a limit was reached: stop adding */
	int oom;
};

/* ---- class and id hints ---- */

static const char *const NEG_SUB[] = {
	"comment", "share", "sharing", "related", "newsletter", "cookie",
	"subscri", "advert", "sponsor", "promo", "outbrain", "taboola", "disqus",
	"recommend", "popular", "trending", "breadcrumb", "byline", "caption",
	"signup", "popup", "modal", "sidebar", "footer", "masthead", "paywall",
	"consent", "widget", "toolbar", "pagination", "author", "navig", "navbar",
	"menu", "copyright", "rating", "login", "banner", "teaser",
	"tagline", "timestamp", "dateline", "credit", "follow",
	"sr-only", "screen-reader", "visually", "offscreen", "print", "header",
};
static const char *const NEG_WORD[] = {
	"ad", "ads", "nav", "tags", "meta", "more", "next", "prev", "date", "time",
	"skip", "email", "extra", "aside", "bio", "info", "byl",
};
static const char *const POS_SUB[] = {
	"article", "content", "entry", "story", "text", "body", "post", "prose",
	"main", "blog", "paragraph",
};

static int word_in(const char *w, size_t n, const char *const *list, size_t k)
{
	for (size_t i = 0; i < k; i++)
		if (strlen(list[i]) == n && memcmp(w, list[i], n) == 0)
			return 1;
	return 0;
}

static int sub_in(const char *w, const char *const *list, size_t k)
{
	for (size_t i = 0; i < k; i++)
		if (strstr(w, list[i]))
			return 1;
	return 0;
}

/* Classifies one class name or id (lower-case). */
static int hint_name(const char *name, int *neg, int *pos)
{
	if (sub_in(name, NEG_SUB, sizeof(NEG_SUB) / sizeof(NEG_SUB[0])))
		*neg = 1;
	if (sub_in(name, POS_SUB, sizeof(POS_SUB) / sizeof(POS_SUB[0])))
		*pos = 1;
	/* Short words only as whole parts: "ad" in "ad-slot", not in "head". */
	for (const char *p = name; *p;) {
		size_t n = strcspn(p, "-_");
		if (n && word_in(p, n, NEG_WORD, sizeof(NEG_WORD) / sizeof(NEG_WORD[0])))
			*neg = 1;
		p += n;
		if (*p)
			p++;
	}
	return 0;
}

static void hint_attr(const char *v, int *neg, int *pos)
{
	if (!v)
		return;
	char name[HINT_BYTES];
	size_t i = 0, k = 0;
	for (; v[i] && i < 4 * HINT_BYTES; i++) {
		char c = v[i];
		if (c == ' ' || c == '\t' || c == '\n') {
			name[k] = '\0';
			if (k)
				hint_name(name, neg, pos);
			k = 0;
			continue;
		}
		if (k + 1 < sizeof(name))
			name[k++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
	}
	name[k] = '\0';
	if (k)
		hint_name(name, neg, pos);
}

static int hint_of(xmlNodePtr n, unsigned tag)
{
	int neg = 0, pos = 0;
	hint_attr(html_attr(n, "class"), &neg, &pos);
	hint_attr(html_attr(n, "id"), &neg, &pos);
	const char *ip = html_attr(n, "itemprop");
	if (ip && strcmp(ip, "articleBody") == 0)
		return H_POS;
	const char *role = html_attr(n, "role");
	if (role && (strcmp(role, "navigation") == 0 || strcmp(role, "complementary") == 0 ||
	             strcmp(role, "contentinfo") == 0 || strcmp(role, "banner") == 0 ||
	             strcmp(role, "dialog") == 0 || strcmp(role, "alert") == 0))
		neg = 1;
	if (tag & (TAG_QUIET | TAG_CAPTION))
		neg = 1;
	return neg ? H_NEG : pos ? H_POS : H_NONE;
}

/* Inline elements are dropped only for these, since a <span> may also wrap
 * a whole article ("wrapper_meta_field"). */
static const char *const INLINE_NEG[] = {
	"caption", "credit", "share", "advert", "sr-only", "screen-reader", "visually",
	"offscreen", "tooltip", "popup",
};

static int inline_junk(xmlNodePtr n)
{
	const char *attrs[2] = {html_attr(n, "class"), html_attr(n, "id")};
	for (int k = 0; k < 2; k++) {
		if (!attrs[k])
			continue;
		char low[HINT_BYTES];
		size_t i = 0;
		for (; attrs[k][i] && i + 1 < sizeof(low); i++)
			low[i] = (attrs[k][i] >= 'A' && attrs[k][i] <= 'Z') ? (char)(attrs[k][i] + 32) : attrs[k][i];
		low[i] = '\0';
		if (sub_in(low, INLINE_NEG, sizeof(INLINE_NEG) / sizeof(INLINE_NEG[0])))
			return 1;
	}
	return 0;
}

/* Elements a browser would not show. */
static int hidden(xmlNodePtr n)
{
	if (html_attr(n, "hidden"))
		return 1;
	const char *aria = html_attr(n, "aria-hidden");
	if (aria && strcmp(aria, "true") == 0)
		return 1;
	const char *st = html_attr(n, "style");
	if (!st)
		return 0;
	char s[HINT_BYTES];
	size_t k = 0;
	for (size_t i = 0; st[i] && i < 4 * HINT_BYTES && k + 1 < sizeof(s); i++)
		if (st[i] != ' ')
			s[k++] = (st[i] >= 'A' && st[i] <= 'Z') ? (char)(st[i] + 32) : st[i];
	s[k] = '\0';
	return strstr(s, "display:none") || strstr(s, "visibility:hidden");
}

/* ---- cutting the page into blocks ---- */

static int count_punct(const unsigned char *p, size_t n)
{
	int k = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned c = p[i];
		if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?')
			k++;
		else if (c == 0xE3 && i + 2 < n && p[i + 1] == 0x80 && (p[i + 2] == 0x82 || p[i + 2] == 0x81))
			k++;    /* 。、 */
		else if (c == 0xEF && i + 2 < n && p[i + 1] == 0xBC && (p[i + 2] == 0x8C || p[i + 2] == 0x81 || p[i + 2] == 0x9F))
			k++;    /* ，！？ */
		else if (c == 0xD8 && i + 1 < n && (p[i + 1] == 0x8C || p[i + 1] == 0x9F))
			k++;    /* Arabic comma, question mark */
		else if (c == 0xE0 && i + 2 < n && p[i + 1] == 0xA5 && p[i + 2] == 0xA4)
			k++;    /* danda */
	}
	return k;
}

/* Characters that are not white space. */
static int count_chars(const unsigned char *p, size_t n)
{
	int k = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned c = p[i];
		if ((c & 0xC0) == 0x80 || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')
			continue;
		if (c == 0xC2 && i + 1 < n && p[i + 1] == 0xA0) {
			i++;
			continue;
		}
		k++;
	}
	return k;
}

static void close_block(struct page *pg)
{
	if (!pg->open)
		return;
	pg->open = 0;
	size_t off = pg->b[pg->nb].off;
	if (pg->chars == 0) {
		pg->pool.len = off;
		if (pg->pool.data)
			pg->pool.data[off] = '\0';
		return;
	}
	struct block *b = &pg->b[pg->nb++];
	b->len = pg->pool.len - off;
	b->chars = pg->chars;
	b->links = pg->links;
	b->punct = pg->punct;
	b->elem = pg->cur;
	/* Keep the pool's blocks apart so that every block is its own string. */
	if (buf_addch(&pg->pool, '\0'))
		pg->oom = 1;
}

static int open_block(struct page *pg)
{
	if (pg->open)
		return 0;
	if (pg->nb == pg->cb) {
		if (pg->cb >= MAX_BLOCKS) {
			pg->full = 1;
			return -1;
		}
		size_t nc = pg->cb ? 2 * pg->cb : 256;
		struct block *nb = realloc(pg->b, nc * sizeof(*nb));
		if (!nb) {
			pg->oom = 1;
			return -1;
		}
		pg->b = nb;
		pg->cb = nc;
	}
	memset(&pg->b[pg->nb], 0, sizeof(pg->b[0]));
	pg->b[pg->nb].off = pg->pool.len;
	pg->b[pg->nb].brk_before = pg->brs >= 2;
	tb_init(&pg->tb, &pg->pool);
	pg->open = 1;
	pg->chars = pg->links = pg->punct = 0;
	return 0;
}

static int add_text(struct page *pg, const char *s)
{
	size_t n = strlen(s);
	const unsigned char *u = (const unsigned char *)s;
	int chars = count_chars(u, n);
	if (chars == 0) {
		if (pg->open)
			pg->tb.space = 1;
		return 0;
	}
	if (pg->pool.len + n > MAX_TEXT) {
		pg->full = 1;
		return 0;
	}
	if (open_block(pg))
		return 0;
	if (pg->brs == 1)
		tb_break(&pg->tb, 1);
	pg->brs = 0;
	if (tb_text(&pg->tb, s, n)) {
		pg->oom = 1;
		return -1;
	}
	pg->chars += chars;
	pg->punct += count_punct(u, n);
	if (pg->link_depth > 0)
		pg->links += chars;
	return 0;
}

static int add_elem(struct page *pg, xmlNodePtr n, unsigned tag)
{
	if (pg->ne == pg->ce) {
		if (pg->ce >= MAX_ELEMS) {
			pg->full = 1;
			return -1;
		}
		size_t nc = pg->ce ? 2 * pg->ce : 256;
		struct elem *ne = realloc(pg->e, nc * sizeof(*ne));
		if (!ne) {
			pg->oom = 1;
			return -1;
		}
		pg->e = ne;
		pg->ce = nc;
	}
	struct elem *e = &pg->e[pg->ne];
	e->node = n;
	e->parent = pg->cur;
	e->tag = tag;
	e->hint = hint_of(n, tag);
	const char *ip = html_attr(n, "itemprop");
	e->itemprop = ip && strcmp(ip, "articleBody") == 0;
	e->first = e->end = (int)pg->nb;
	e->neg = -1;
	e->good = 0;
	pg->cur = (int)pg->ne++;
	/* The element's index, to find it again when it closes. */
	n->_private = (void *)(intptr_t)(pg->cur + 1);
	return 0;
}

static int cut_enter(void *ctx, xmlNodePtr n, int depth)
{
	struct page *pg = ctx;
	(void)depth;
	if (pg->full || pg->oom)
		return pg->oom ? -1 : 0;
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
		return n->content ? add_text(pg, (const char *)n->content) : 0;
	if (n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE)
		return 1;
	if (n->type != XML_ELEMENT_NODE)
		return 0;
	unsigned tag = html_tag_flags(n->name);
	if ((tag & TAG_SKIP) || hidden(n))
		return 0;
	if (tag & TAG_BR) {
		/* A second <br> in a row ends the paragraph. */
		if (++pg->brs == 2)
			close_block(pg);
		return 0;
	}
	/* An inline element marked as a caption, credit or share button goes
	 * with its text: only block elements are weighed later. */
	if (!(tag & (TAG_BLOCK | TAG_LINK)) && inline_junk(n))
		return 0;
	if (tag & TAG_LINK)
		pg->link_depth++;
	if (tag & TAG_BLOCK) {
		close_block(pg);
		pg->brs = 0;
		if (add_elem(pg, n, tag))
			return 0;
	}
	return 1;
}

static int cut_leave(void *ctx, xmlNodePtr n, int depth)
{
	struct page *pg = ctx;
	(void)depth;
	if (n->type != XML_ELEMENT_NODE)
		return 0;
	unsigned tag = html_tag_flags(n->name);
	if ((tag & TAG_LINK) && pg->link_depth > 0 && !hidden(n))
		pg->link_depth--;
	intptr_t idx = (intptr_t)n->_private - 1;
	if (idx < 0 || (size_t)idx >= pg->ne || pg->e[idx].node != n)
		return 0;
	close_block(pg);
	pg->brs = 0;
	pg->e[idx].end = (int)pg->nb;
	pg->cur = pg->e[idx].parent;
	n->_private = NULL;
	return 0;
}

/* ---- scoring ---- */

static double link_density(const struct block *b)
{
	return b->chars ? (double)b->links / b->chars : 0.0;
}

/* Prose: long, with few links, or with enough sentences of its own around
 * its links. */
static int is_good(const struct block *b)
{
	double ld = link_density(b);
	int own = b->chars - b->links;
	if (b->chars >= GOOD_CHARS && ld < GOOD_LINK)
		return 1;
	if (own >= 60 && b->punct >= 2 && ld < 0.7)
		return 1;
	return b->chars >= GOOD_CHARS / 2 && b->punct >= 2 && ld < 0.1;
}

/* Navigation: mostly link text with little of its own. */
static int is_bad(const struct block *b)
{
	return link_density(b) > BAD_LINK && b->chars - b->links < 40;
}

/* Prose characters per element, and which negative hints are honoured: a
 * hinted element holding most of the page's prose is the article itself
 * ("content has-sidebar"), so its hint is ignored. */
static void mark_negatives(struct page *pg)
{
	long *pre = calloc(2 * (pg->nb + 1), sizeof(*pre));
	if (!pre) {
		pg->oom = 1;
		return;
	}
	long *npre = pre + pg->nb + 1;    /* prose blocks */
	for (size_t i = 0; i < pg->nb; i++)
		pre[i + 1] = pre[i] + (is_good(&pg->b[i]) ? pg->b[i].chars : 0);
	for (size_t i = 0; i < pg->nb; i++)
		npre[i + 1] = npre[i] + is_good(&pg->b[i]);
	long total = pre[pg->nb];
	for (size_t i = 0; i < pg->ne; i++) {
		struct elem *e = &pg->e[i];
		e->good = pre[e->end] - pre[e->first];
		int wrapper = e->good * 2 >= total && npre[e->end] - npre[e->first] >= 3;
		int honoured = e->hint == H_NEG && !wrapper &&
		               strcmp((const char *)e->node->name, "body") != 0 &&
		               strcmp((const char *)e->node->name, "html") != 0;
		e->neg = honoured ? (int)i : (e->parent >= 0 ? pg->e[e->parent].neg : -1);
	}
	free(pre);
}

/* A block's weight for choosing the container. */
static double weight(const struct page *pg, const struct block *b)
{
	if (pg->e[b->elem].neg >= 0)
		return 0;
	double ld = link_density(b);
	if (is_bad(b))
		return -b->chars;
	if (is_good(b))
		return b->chars * (1.0 - ld);
	return 0;
}

/* The element with the best score; the deepest among equals. */
static int choose_container(struct page *pg)
{
	double *pre = malloc((pg->nb + 1) * sizeof(*pre));
	if (!pre) {
		pg->oom = 1;
		return -1;
	}
	pre[0] = 0;
	for (size_t i = 0; i < pg->nb; i++)
		pre[i + 1] = pre[i] + weight(pg, &pg->b[i]);
	int best = -1;
	double best_score = 0;
	for (size_t i = 0; i < pg->ne; i++) {
		const struct elem *e = &pg->e[i];
		double s = pre[e->end] - pre[e->first];
		if (e->hint == H_POS)
			s *= e->itemprop ? 1.5 : 1.05;
		if (s > 0 && s >= best_score) {
			best = (int)i;
			best_score = s;
		}
	}
	free(pre);
	return best;
}

/* ---- choosing the blocks inside the container ---- */

/* Is block b inside an honoured negative element below the container c? */
static int dropped(const struct page *pg, const struct block *b, int c)
{
	int n = pg->e[b->elem].neg;
	if (n < 0)
		return 0;
	/* Only negatives strictly inside c count. */
	for (int e = n; e >= 0; e = pg->e[e].parent) {
		if (e == c)
			return 1;
		if (e < c)
			break;
	}
	return 0;
}

/* The tag of the nearest element of block b with any of the flags, up to c. */
static unsigned near_tag(const struct page *pg, const struct block *b, int c, unsigned flags)
{
	for (int e = b->elem; e >= 0; e = pg->e[e].parent) {
		if (pg->e[e].tag & flags)
			return pg->e[e].tag & flags;
		if (e == c)
			break;
	}
	return 0;
}

/* A short label between paragraphs ("Advertisement", "READ MORE"): not a
 * paragraph, no punctuation. */
static int label(const struct page *pg, const struct block *b)
{
	return b->chars < 25 && b->punct == 0 && !(pg->e[b->elem].tag & (TAG_PARA | TAG_HEADING | TAG_ITEM));
}

static int same_text(const char *a, const char *b)
{
	return a && b && strcasecmp(a, b) == 0;
}

static int emit(struct buf *out, const char *text, int *first)
{
	if (!*first && buf_add(out, "\n\n", 2))
		return -1;
	*first = 0;
	return buf_addstr(out, text);
}

static int select_blocks(struct page *pg, int c, const char *title, struct buf *out)
{
	const struct elem *ce = &pg->e[c];
	int lo = -1, hi = -1;    /* first and last prose blocks */
	for (int i = ce->first; i < ce->end; i++) {
		const struct block *b = &pg->b[i];
		if (!dropped(pg, b, c) && is_good(b)) {
			if (lo < 0)
				lo = i;
			hi = i;
		}
	}
	if (lo < 0)
		return 0;
	int first = 1;
	for (int i = ce->first; i < ce->end; i++) {
		const struct block *b = &pg->b[i];
		const char *text = pg->pool.data + b->off;
		if (dropped(pg, b, c) || is_bad(b))
			continue;
		unsigned t = near_tag(pg, b, c, TAG_HEADING | TAG_ITEM);
		int keep = is_good(b) || (i > lo && i < hi && !label(pg, b));
		if ((t & TAG_HEADING) && i < hi)
			keep = !same_text(text, title);
		if ((t & TAG_ITEM) && ((i > lo && i < hi) || link_density(b) < 0.1))
			keep = 1;
		/* A short paragraph at either end: a sentence of the article
		 * when it is a plain <p> with few links. */
		if (!keep && (t == 0) && (pg->e[b->elem].tag & TAG_PARA) &&
		    link_density(b) < GOOD_LINK && b->chars >= EDGE_CHARS && b->punct >= 1)
			keep = 1;
		if (i < lo && same_text(text, title))
			keep = 0;
		if (keep && emit(out, text, &first))
			return -1;
	}
	return 0;
}

#ifdef HTML_BODY_DEBUG
#include <stdio.h>
static void debug_dump(const struct page *pg, int c)
{
	if (!getenv("HTML_DEBUG"))
		return;
	for (int e = c; e >= 0; e = pg->e[e].parent)
		fprintf(stderr, "container %s.%s#%s hint %d\n", pg->e[e].node->name,
		        html_attr(pg->e[e].node, "class") ? html_attr(pg->e[e].node, "class") : "",
		        html_attr(pg->e[e].node, "id") ? html_attr(pg->e[e].node, "id") : "", pg->e[e].hint);
	for (size_t i = 0; i < pg->nb; i++) {
		const struct block *b = &pg->b[i];
		const struct elem *e = &pg->e[b->elem];
		int in = c >= 0 && (int)i >= pg->e[c].first && (int)i < pg->e[c].end;
		fprintf(stderr, "%c%4zu c%4d l%4d p%2d %c%c neg%d %s.%.30s | %.100s\n", in ? '*' : ' ', i,
		        b->chars, b->links, b->punct, is_good(b) ? 'G' : '-', is_bad(b) ? 'B' : '-',
		        e->neg >= 0, e->node->name, html_attr(e->node, "class") ? html_attr(e->node, "class") : "",
		        pg->pool.data + b->off);
	}
}
#endif

static void page_release(struct page *pg)
{
	free(pg->e);
	free(pg->b);
	buf_release(&pg->pool);
}

/* Clears the indexes left in _private by an interrupted walk. */
static void clear_private(struct page *pg)
{
	for (size_t i = 0; i < pg->ne; i++)
		pg->e[i].node->_private = NULL;
}

int html_body_extract(htmlDocPtr doc, const char *title, const char *ld_body,
                      struct buf *out)
{
	(void)ld_body;
	struct page pg;
	memset(&pg, 0, sizeof(pg));
	buf_init(&pg.pool, MAX_TEXT + 1024);
	pg.cur = -1;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	int rc = 0;
	if (root && html_walk(root, cut_enter, cut_leave, &pg) == 0 && !pg.oom) {
		close_block(&pg);
		mark_negatives(&pg);
		int c = pg.oom ? -1 : choose_container(&pg);
#ifdef HTML_BODY_DEBUG
		debug_dump(&pg, c);
#endif
		if (c >= 0)
			rc = select_blocks(&pg, c, title, out);
	}
	clear_private(&pg);
	if (pg.oom)
		rc = -1;
	page_release(&pg);
	return rc;
}
