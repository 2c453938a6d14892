/* Finding the article body of a web page (see html_int.h).
 *
 * The page is cut into text blocks (the text between block-level tags or
 * double <br>), each measured by length, link text and punctuation. Every
 * block element covers a contiguous run of blocks, so the score of a subtree
 * is a difference of prefix sums: prose blocks count for, link-heavy blocks
 * against. The element with the best score is the article container, or
 * its child when that child holds nearly all of the score (a wrapper adding
 * a lede or summary box is left); on a page with little prose (a data
 * table, short lines) the element marked itemprop="articleBody" is taken
 * instead. Inside the container blocks are kept or dropped by their own
 * measures, their position between prose blocks (a table between them is
 * read whole) and the class/id hints of the elements around them
 * (comments, share bars, related links, captions, bylines...); a short
 * closing section that opens with a rule ("about the company") is left
 * out, and so are link cards popped up inside a sentence. No rule depends
 * on the page's language or site.
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
/* A page whose best container scores less than this has little prose (a
 * table, a list, short lines): its blocks are chosen more loosely. */
#define WEAK_SCORE 250
/* A child element scoring this share of the chosen container replaces it. */
#define DESCEND 0.85
/* Text after a container's last <hr> is left out when its prose is less
 * than this share (in percent) of the prose before. */
#define TAIL_PCT 40

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
	int last;               /* index of its last descendant element, or its own */
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

/* What a class name or id says: part of the name ("related-links",
 * "articleBody"); K_INLINE drops even an inline element. */
enum { K_NEG = 1, K_POS = 2, K_INLINE = 4 };

struct needle {
	const char *s;
	unsigned char len, kind;
};

/* The needles by first letter. */
static const struct needle S_A[] = {
	{"advert", 6, K_NEG | K_INLINE}, {"article", 7, K_POS}, {"author", 6, K_NEG},
};
static const struct needle S_B[] = {
	{"banner", 6, K_NEG}, {"blog", 4, K_POS}, {"body", 4, K_POS},
	{"breadcrumb", 10, K_NEG}, {"byline", 6, K_NEG},
};
static const struct needle S_C[] = {
	{"caption", 7, K_NEG | K_INLINE}, {"comment", 7, K_NEG}, {"consent", 7, K_NEG},
	{"content", 7, K_POS}, {"cookie", 6, K_NEG}, {"copyright", 9, K_NEG},
	{"credit", 6, K_NEG | K_INLINE},
};
static const struct needle S_D[] = {{"dateline", 8, K_NEG}, {"disqus", 6, K_NEG}};
static const struct needle S_E[] = {{"entry", 5, K_POS}};
static const struct needle S_F[] = {{"follow", 6, K_NEG}, {"footer", 6, K_NEG}};
static const struct needle S_H[] = {{"header", 6, K_NEG}};
static const struct needle S_L[] = {{"login", 5, K_NEG}};
static const struct needle S_M[] = {
	{"main", 4, K_POS}, {"masthead", 8, K_NEG}, {"menu", 4, K_NEG}, {"modal", 5, K_NEG},
};
static const struct needle S_N[] = {
	{"navbar", 6, K_NEG}, {"navig", 5, K_NEG}, {"newsletter", 10, K_NEG},
};
static const struct needle S_O[] = {
	{"offscreen", 9, K_NEG | K_INLINE}, {"outbrain", 8, K_NEG},
};
static const struct needle S_P[] = {
	{"pagination", 10, K_NEG}, {"paragraph", 9, K_POS}, {"paywall", 7, K_NEG},
	{"popular", 7, K_NEG}, {"popup", 5, K_NEG | K_INLINE}, {"post", 4, K_POS},
	{"print", 5, K_NEG}, {"promo", 5, K_NEG}, {"prose", 5, K_POS},
};
static const struct needle S_R[] = {
	{"rating", 6, K_NEG}, {"recommend", 9, K_NEG}, {"related", 7, K_NEG},
};
static const struct needle S_S[] = {
	{"screen-reader", 13, K_NEG | K_INLINE}, {"share", 5, K_NEG | K_INLINE},
	{"sharing", 7, K_NEG}, {"sidebar", 7, K_NEG}, {"signup", 6, K_NEG},
	{"sponsor", 7, K_NEG}, {"sr-only", 7, K_NEG | K_INLINE}, {"story", 5, K_POS},
	{"subscri", 7, K_NEG},
};
static const struct needle S_T[] = {
	{"taboola", 7, K_NEG}, {"tagline", 7, K_NEG}, {"teaser", 6, K_NEG}, {"text", 4, K_POS},
	{"timestamp", 9, K_NEG}, {"toolbar", 7, K_NEG}, {"tooltip", 7, K_INLINE},
	{"trending", 8, K_NEG},
};
static const struct needle S_V[] = {{"visually", 8, K_NEG | K_INLINE}};
static const struct needle S_W[] = {{"widget", 6, K_NEG}};

struct bucket {
	const struct needle *n;
	size_t k;
};
#define BUCKET(x) {x, sizeof(x) / sizeof(x[0])}
static const struct bucket BY_FIRST[26] = {
	['a' - 'a'] = BUCKET(S_A), ['b' - 'a'] = BUCKET(S_B), ['c' - 'a'] = BUCKET(S_C),
	['d' - 'a'] = BUCKET(S_D), ['e' - 'a'] = BUCKET(S_E), ['f' - 'a'] = BUCKET(S_F),
	['h' - 'a'] = BUCKET(S_H), ['l' - 'a'] = BUCKET(S_L), ['m' - 'a'] = BUCKET(S_M),
	['n' - 'a'] = BUCKET(S_N), ['o' - 'a'] = BUCKET(S_O), ['p' - 'a'] = BUCKET(S_P),
	['r' - 'a'] = BUCKET(S_R), ['s' - 'a'] = BUCKET(S_S), ['t' - 'a'] = BUCKET(S_T),
	['v' - 'a'] = BUCKET(S_V), ['w' - 'a'] = BUCKET(S_W),
};

/* Short words count only as whole parts: "ad" in "ad-slot", not in "head". */
static const char *const NEG_WORD[] = {
	"ad", "ads", "nav", "tags", "meta", "more", "next", "prev", "date", "time",
	"skip", "email", "extra", "aside", "bio", "info", "byl",
};

/* The K_* kinds of the needles found in a lower-case name of n bytes. */
static unsigned sub_kinds(const char *name, size_t n)
{
	unsigned k = 0;
	for (size_t i = 0; i + 4 <= n; i++) {
		unsigned c = (unsigned char)name[i] - 'a';
		if (c >= 26)
			continue;
		const struct bucket *b = &BY_FIRST[c];
		/* The second byte is compared first: most candidates fail there. */
		for (size_t j = 0; j < b->k; j++)
			if (b->n[j].len <= n - i && name[i + 1] == b->n[j].s[1] &&
			    memcmp(name + i, b->n[j].s, b->n[j].len) == 0)
				k |= b->n[j].kind;
	}
	return k;
}

static int neg_word(const char *w, size_t n)
{
	for (size_t i = 0; i < sizeof(NEG_WORD) / sizeof(NEG_WORD[0]); i++)
		if (w[0] == NEG_WORD[i][0] && strncmp(w, NEG_WORD[i], n) == 0 && NEG_WORD[i][n] == '\0')
			return 1;
	return 0;
}

/* The K_* kinds of one class name or id (lower-case, n bytes). */
static unsigned name_kinds(const char *name, size_t n)
{
	unsigned k = sub_kinds(name, n);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && name[j] != '-' && name[j] != '_')
			j++;
		if (j > i && j - i <= 5 && neg_word(name + i, j - i))
			k |= K_NEG;
		i = j + 1;
	}
	return k;
}

/* The K_* kinds of a class or id attribute (names split by white space). */
static unsigned attr_kinds(const char *v)
{
	if (!v)
		return 0;
	char name[HINT_BYTES];
	unsigned k = 0;
	size_t n = 0;
	for (size_t i = 0;; i++) {
		char c = i < 4 * HINT_BYTES ? v[i] : '\0';
		if (c == ' ' || c == '\t' || c == '\n' || c == '\0') {
			if (n)
				k |= name_kinds(name, n);
			n = 0;
			if (c == '\0')
				return k;
			continue;
		}
		if (n < sizeof(name))
			name[n++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
	}
}

/* The attributes read from an element, found in one pass. */
struct eattrs {
	const char *cls, *id, *itemprop, *role, *style, *aria_hidden;
	int hidden;
};

static void read_attrs(xmlNodePtr n, struct eattrs *a)
{
	memset(a, 0, sizeof(*a));
	for (xmlAttrPtr p = n->properties; p; p = p->next) {
		const char *k = (const char *)p->name;
		xmlNodePtr v = p->children;
		const char *val = v && v->type == XML_TEXT_NODE && !v->next && v->content
		                  ? (const char *)v->content : "";
		if (strcmp(k, "class") == 0)
			a->cls = val;
		else if (strcmp(k, "id") == 0)
			a->id = val;
		else if (strcmp(k, "itemprop") == 0)
			a->itemprop = val;
		else if (strcmp(k, "role") == 0)
			a->role = val;
		else if (strcmp(k, "style") == 0)
			a->style = val;
		else if (strcmp(k, "aria-hidden") == 0)
			a->aria_hidden = val;
		else if (strcmp(k, "hidden") == 0)
			a->hidden = 1;
	}
}

static int hint_of(const struct eattrs *a, unsigned tag, unsigned kinds)
{
	if (a->itemprop && strcmp(a->itemprop, "articleBody") == 0)
		return H_POS;
	int neg = (kinds & K_NEG) != 0;
	const char *role = a->role;
	if (role && (strcmp(role, "navigation") == 0 || strcmp(role, "complementary") == 0 ||
	             strcmp(role, "contentinfo") == 0 || strcmp(role, "banner") == 0 ||
	             strcmp(role, "dialog") == 0 || strcmp(role, "alert") == 0))
		neg = 1;
	if (tag & (TAG_QUIET | TAG_CAPTION))
		neg = 1;
	return neg ? H_NEG : (kinds & K_POS) ? H_POS : H_NONE;
}

/* Elements a browser would not show. */
static int hidden(const struct eattrs *a)
{
	if (a->hidden || (a->aria_hidden && strcmp(a->aria_hidden, "true") == 0))
		return 1;
	const char *st = a->style;
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

/* ---- link clusters inside paragraphs ---- */

/* The most nodes looked at below one inline element. */
#define CLUSTER_NODES 300

struct cluster {
	int nodes, links, chars, link_chars, depth_in_link;
	xmlNodePtr link;        /* the <a> being walked through */
};

static int cluster_enter(void *ctx, xmlNodePtr n, int depth)
{
	struct cluster *c = ctx;
	(void)depth;
	if (++c->nodes > CLUSTER_NODES)
		return -1;
	if (n->type == XML_TEXT_NODE && n->content) {
		int k = count_chars(n->content, strlen((const char *)n->content));
		c->chars += k;
		if (c->link)
			c->link_chars += k;
		return 0;
	}
	if (n->type != XML_ELEMENT_NODE)
		return 0;
	unsigned tag = html_tag_flags(n->name);
	if (tag & (TAG_SKIP | TAG_BR))
		return 0;
	if ((tag & TAG_LINK) && !c->link) {
		c->links++;
		c->link = n;
	}
	return 1;
}

static int cluster_leave(void *ctx, xmlNodePtr n, int depth)
{
	struct cluster *c = ctx;
	(void)depth;
	if (n == c->link)
		c->link = NULL;
	return 0;
}

/* An inline element inside running text that holds nothing but several
 * links, none of them its own child: the hidden card a site pops up over a
 * name ("<a>Name</a><span><img><a>Name</a><a>Story</a>...</span>"), or a
 * link list slipped into a paragraph. A span whose own children are the
 * links ("see <span><a>A</a> and <a>B</a></span>") is running text. */
static int link_cluster(xmlNodePtr n)
{
	int elems = 0;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (html_tag_flags(c->name) & TAG_LINK)
			return 0;
		elems++;
	}
	if (!elems)
		return 0;
	struct cluster c;
	memset(&c, 0, sizeof(c));
	if (html_walk(n, cluster_enter, cluster_leave, &c))
		return 0;
	return c.links >= 2 && c.chars >= 20 && c.link_chars * 10 >= c.chars * 9;
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

/* Set in the _private field of the links being walked through. */
static const char LINK_MARK;

static int add_elem(struct page *pg, xmlNodePtr n, unsigned tag, const struct eattrs *a)
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
	e->hint = hint_of(a, tag, attr_kinds(a->cls) | attr_kinds(a->id));
	e->itemprop = a->itemprop && strcmp(a->itemprop, "articleBody") == 0;
	e->first = e->end = (int)pg->nb;
	e->neg = -1;
	e->last = (int)pg->ne;
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
	if (tag & TAG_SKIP)
		return 0;
	if (tag & TAG_BR) {
		/* A second <br> in a row ends the paragraph. */
		if (++pg->brs == 2)
			close_block(pg);
		return 0;
	}
	struct eattrs a;
	read_attrs(n, &a);
	if (hidden(&a))
		return 0;
	/* An inline element marked as a caption, credit or share button goes
	 * with its text: only block elements are weighed later. */
	if (!(tag & (TAG_BLOCK | TAG_LINK)) && (a.cls || a.id) &&
	    ((attr_kinds(a.cls) | attr_kinds(a.id)) & K_INLINE))
		return 0;
	if (!(tag & (TAG_BLOCK | TAG_LINK)) && pg->open && n->children && link_cluster(n))
		return 0;
	if (tag & TAG_LINK) {
		pg->link_depth++;
		n->_private = (void *)&LINK_MARK;
	}
	if (tag & TAG_BLOCK) {
		close_block(pg);
		pg->brs = 0;
		if (add_elem(pg, n, tag, &a))
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
	if (n->_private == (void *)&LINK_MARK) {
		pg->link_depth--;
		n->_private = NULL;
		return 0;
	}
	intptr_t idx = (intptr_t)n->_private - 1;
	if (idx < 0 || (size_t)idx >= pg->ne || pg->e[idx].node != n)
		return 0;
	close_block(pg);
	pg->brs = 0;
	pg->e[idx].end = (int)pg->nb;
	pg->e[idx].last = (int)pg->ne - 1;
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

/* On a page with little prose, the element the page marks as the article
 * body (itemprop="articleBody") holding the most text shown as text (not
 * navigation, not in a negative element), when it holds some; else -1. */
static int marked_body(struct page *pg)
{
	long *pre = malloc((pg->nb + 1) * sizeof(*pre));
	if (!pre) {
		pg->oom = 1;
		return -1;
	}
	pre[0] = 0;
	for (size_t i = 0; i < pg->nb; i++) {
		const struct block *b = &pg->b[i];
		int plain = pg->e[b->elem].neg < 0 && !is_bad(b);
		pre[i + 1] = pre[i] + (plain ? b->chars - b->links : 0);
	}
	int best = -1;
	long most = 100;    /* "some" text */
	for (size_t i = 0; i < pg->ne; i++) {
		const struct elem *e = &pg->e[i];
		if (e->itemprop && pre[e->end] - pre[e->first] > most) {
			best = (int)i;
			most = pre[e->end] - pre[e->first];
		}
	}
	free(pre);
	return best;
}

/* The tightest element holding most of the prose: while a child of the
 * chosen element scores DESCEND of it, the child is taken, so that a
 * wrapper adding a lede, a summary box or a teaser is left. pre holds the
 * prefix sums of the blocks' weights. */
static int tightest(const struct page *pg, const double *pre, int best)
{
	for (int again = best >= 0; again;) {
		again = 0;
		const struct elem *e = &pg->e[best];
		double score = pre[e->end] - pre[e->first];
		/* The children only: each child's descendants are jumped over. */
		for (int i = best + 1; i <= e->last; i = pg->e[i].last + 1) {
			const struct elem *k = &pg->e[i];
			if (pre[k->end] - pre[k->first] >= DESCEND * score) {
				best = i;
				again = 1;
				break;
			}
		}
	}
	return best;
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
	best = tightest(pg, pre, best);
	free(pre);
	if (best_score < WEAK_SCORE) {
		int ip = marked_body(pg);
		if (ip >= 0)
			best = ip;
	}
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

/* Does block i bound the article's text? Prose does; in a container with
 * little prose (loose), any line of text that is not a label. */
static int anchor(const struct page *pg, int i, int c, int loose, const char *title)
{
	const struct block *b = &pg->b[i];
	if (dropped(pg, b, c))
		return 0;
	if (!loose)
		return is_good(b);
	return !is_bad(b) && !label(pg, b) && b->chars >= 15 &&
	       !same_text(pg->pool.data + b->off, title);
}

/* Prose characters in blocks [first, end). */
static long prose_chars(const struct page *pg, int first, int end)
{
	long k = 0;
	for (int i = first; i < end; i++)
		if (is_good(&pg->b[i]))
			k += pg->b[i].chars;
	return k;
}

/* Where the article's text ends in container c: before a section at its
 * end that opens with a horizontal rule, when that section is a small part
 * of the prose (a press release's "about the company", an author's note);
 * else at its end. A rule between the article's own paragraphs does not
 * count: what follows it is often still the article's. */
static int text_end(const struct page *pg, int c)
{
	const struct elem *ce = &pg->e[c];
	int rule = -1;
	for (int i = c + 1; i <= ce->last; i++) {
		const struct elem *e = &pg->e[i];
		if (strcmp((const char *)e->node->name, "hr") == 0 && e->parent != c &&
		    e->parent >= 0 && pg->e[e->parent].first == e->first)
			rule = e->first;
	}
	if (rule <= ce->first)
		return ce->end;
	long before = prose_chars(pg, ce->first, rule), after = prose_chars(pg, rule, ce->end);
	return after > 0 && after * 100 < before * TAIL_PCT ? rule : ce->end;
}

static int select_blocks(struct page *pg, int c, const char *title, struct buf *out)
{
	const struct elem *ce = &pg->e[c];
	int loose = ce->good < WEAK_SCORE;
	int end = text_end(pg, c);
	int lo = -1, hi = -1;    /* first and last anchors */
	for (int i = ce->first; i < end; i++) {
		if (anchor(pg, i, c, loose, title)) {
			if (lo < 0)
				lo = i;
			hi = i;
		}
	}
	if (lo < 0)
		return 0;
	int first = 1;
	for (int i = ce->first; i < end; i++) {
		const struct block *b = &pg->b[i];
		const char *text = pg->pool.data + b->off;
		if (dropped(pg, b, c) || is_bad(b))
			continue;
		unsigned t = near_tag(pg, b, c, TAG_HEADING | TAG_ITEM | TAG_CELL);
		int keep = is_good(b) || (i > lo && i < hi && !label(pg, b)) ||
		           (loose && (i == lo || i == hi));
		if ((t & TAG_HEADING) && i < hi)
			keep = !same_text(text, title);
		if ((t & TAG_ITEM) && ((i > lo && i < hi) || link_density(b) < 0.1))
			keep = 1;
		/* A data table between paragraphs is read whole. */
		if ((t & TAG_CELL) && i > lo && i < hi)
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
		if (c >= 0)
			rc = select_blocks(&pg, c, title, out);
	}
	clear_private(&pg);
	if (pg.oom)
		rc = -1;
	page_release(&pg);
	return rc;
}
