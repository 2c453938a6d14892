/* Metadata of a web page: JSON-LD (schema.org articles), OpenGraph and
 * article:* meta tags, the canonical link, <time> and itemprop dates, <h1>
 * and <title> (see html_int.h). Timestamps are parsed here too. */
#include "ingest/html_int.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest/html.h"
#include "util/cdate.h"

/* Caps on what is kept from a page, against hostile input. */
#define MAX_FIELD 2048          /* a title, URL, name or timestamp */
#define MAX_LD (4u << 20)       /* one JSON-LD block */
#define MAX_LD_BODY (1u << 20)  /* JSON-LD articleBody kept as a guide */
#define MAX_LD_BLOCKS 32
#define MAX_JSON_DEPTH 8

/* Date sources, best first: the first found of a better kind wins. */
enum { D_LD, D_META_ARTICLE, D_TIME, D_ITEMPROP, D_META_OTHER, D_N };

struct collect {
	struct html_meta *m;
	char *date[D_N];
	char *og_url, *canonical, *og_site, *meta_author;
	char *ld_site, *ld_author;
	int in_article;         /* depth of the <article> we are in, or -1 */
	int h1_count;
	char *first_h1;
	int n_ld;
};

void html_meta_release(struct html_meta *m)
{
	free(m->title);
	free(m->og_title);
	free(m->h1);
	free(m->doc_title);
	free(m->published);
	free(m->author);
	free(m->url);
	free(m->site);
	free(m->ld_body);
	memset(m, 0, sizeof(*m));
}

/* Keeps a cleaned copy of s in *slot unless it is already set. */
static void keep(struct collect *c, char **slot, const char *s)
{
	if (*slot || !s)
		return;
	*slot = html_clean_text(s, MAX_FIELD);
}

/* The same for JSON-LD strings, which sites often fill with HTML entities
 * ("doesn&#8217;t"). */
static void keep_ld(struct collect *c, char **slot, const char *s)
{
	if (*slot || !s)
		return;
	if (!strchr(s, '&') && !strchr(s, '<')) {
		keep(c, slot, s);
		return;
	}
	struct buf b;
	buf_init(&b, 4 * MAX_FIELD);
	size_t n = strlen(s);
	if (html_fragment_text(s, n < 4 * MAX_FIELD ? n : 4 * MAX_FIELD, &b) == 0 && b.len)
		keep(c, slot, b.data);
	buf_release(&b);
}

static int is_article_type(const char *t)
{
	static const char *const types[] = {
		"NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting",
		"AnalysisNewsArticle", "OpinionNewsArticle", "BackgroundNewsArticle",
		"ReviewNewsArticle", "LiveBlogPosting", "TechArticle", "ScholarlyArticle",
		"Report", "SocialMediaPosting", "AskPublicNewsArticle", "SatiricalArticle",
		"Blog", "posting",
	};
	if (!t)
		return 0;
	const char *colon = strrchr(t, '/');  /* "http://schema.org/NewsArticle" */
	if (colon)
		t = colon + 1;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(t, types[i]) == 0)
			return 1;
	return 0;
}

static int has_article_type(json_t *o)
{
	json_t *t = json_object_get(o, "@type");
	if (json_is_string(t))
		return is_article_type(json_string_value(t));
	if (json_is_array(t)) {
		size_t i;
		json_t *v;
		json_array_foreach(t, i, v)
			if (json_is_string(v) && is_article_type(json_string_value(v)))
				return 1;
	}
	return 0;
}

/* The first article object in a JSON-LD value (@graph, arrays, mainEntity). */
static json_t *find_article(json_t *v, int depth)
{
	if (depth > MAX_JSON_DEPTH)
		return NULL;
	if (json_is_array(v)) {
		size_t i;
		json_t *e;
		json_array_foreach(v, i, e) {
			json_t *a = find_article(e, depth + 1);
			if (a)
				return a;
		}
		return NULL;
	}
	if (!json_is_object(v))
		return NULL;
	if (has_article_type(v))
		return v;
	json_t *a = find_article(json_object_get(v, "@graph"), depth + 1);
	if (!a)
		a = find_article(json_object_get(v, "mainEntity"), depth + 1);
	return a;
}

/* A name from a string, {"name": ...} or an array of them, joined by ", ". */
static void name_of(json_t *v, struct buf *b, int depth)
{
	if (depth > 3)
		return;
	const char *s = NULL;
	if (json_is_string(v))
		s = json_string_value(v);
	else if (json_is_object(v))
		s = json_string_value(json_object_get(v, "name"));
	if (s && *s) {
		if (b->len)
			buf_addstr(b, ", ");
		buf_addstr(b, s);
		return;
	}
	if (json_is_array(v)) {
		size_t i;
		json_t *e;
		json_array_foreach(v, i, e)
			name_of(e, b, depth + 1);
	}
}

static void keep_name(struct collect *c, char **slot, json_t *v)
{
	struct buf b;
	buf_init(&b, 4 * MAX_FIELD);
	name_of(v, &b, 0);
	if (b.len && !buf_failed(&b))   /* names cut short are not kept */
		keep_ld(c, slot, b.data);
	buf_release(&b);
}

static void read_article(struct collect *c, json_t *a)
{
	struct html_meta *m = c->m;
	keep_ld(c, &m->title, json_string_value(json_object_get(a, "headline")));
	keep(c, &c->date[D_LD], json_string_value(json_object_get(a, "datePublished")));
	keep_name(c, &c->ld_author, json_object_get(a, "author"));
	keep_name(c, &c->ld_site, json_object_get(a, "publisher"));
	const char *body = json_string_value(json_object_get(a, "articleBody"));
	if (body && !m->ld_body)
		m->ld_body = html_clean_text(body, MAX_LD_BODY);
}

/* Drops HTML comment and CDATA wrappers some sites put around JSON-LD. */
static void unwrap(const char **s, size_t *n)
{
	static const char *const heads[] = {"<!--", "//<![CDATA[", "<![CDATA["};
	static const char *const tails[] = {"-->", "//]]>", "]]>", ";"};
	for (int again = 1; again;) {
		again = 0;
		while (*n && isspace((unsigned char)**s)) {
			(*s)++;
			(*n)--;
		}
		while (*n && isspace((unsigned char)(*s)[*n - 1]))
			(*n)--;
		for (size_t i = 0; i < 3; i++) {
			size_t k = strlen(heads[i]);
			if (*n >= k && memcmp(*s, heads[i], k) == 0) {
				*s += k;
				*n -= k;
				again = 1;
			}
		}
		for (size_t i = 0; i < 4; i++) {
			size_t k = strlen(tails[i]);
			if (*n >= k && memcmp(*s + *n - k, tails[i], k) == 0) {
				*n -= k;
				again = 1;
			}
		}
	}
}

static void read_ld(struct collect *c, xmlNodePtr script)
{
	if (c->n_ld++ >= MAX_LD_BLOCKS)
		return;
	xmlNodePtr t = script->children;
	if (!t || !t->content)
		return;
	const char *s = (const char *)t->content;
	size_t n = strlen(s);
	if (n > MAX_LD) {
		c->m->bad_ld++;
		return;
	}
	unwrap(&s, &n);
	if (n == 0)
		return;
	json_error_t e;
	json_t *root = json_loadb(s, n, JSON_DECODE_ANY, &e);
	if (!root) {
		c->m->bad_ld++;
		return;
	}
	json_t *a = find_article(root, 0);
	if (a)
		read_article(c, a);
	json_decref(root);
}

static void read_meta(struct collect *c, xmlNodePtr n)
{
	const char *key = html_attr(n, "property");
	const char *val = html_attr(n, "content");
	if (!key)
		key = html_attr(n, "name");
	if (!key) {
		const char *ip = html_attr(n, "itemprop");
		if (ip && strcmp(ip, "datePublished") == 0)
			keep(c, &c->date[D_ITEMPROP], val);
		return;
	}
	if (!val)
		return;
	struct html_meta *m = c->m;
	if (strcasecmp(key, "og:title") == 0)
		keep(c, &m->og_title, val);
	else if (strcasecmp(key, "og:url") == 0)
		keep(c, &c->og_url, val);
	else if (strcasecmp(key, "og:site_name") == 0)
		keep(c, &c->og_site, val);
	else if (strcasecmp(key, "article:published_time") == 0 ||
	         strcasecmp(key, "og:article:published_time") == 0)
		keep(c, &c->date[D_META_ARTICLE], val);
	else if (strcasecmp(key, "author") == 0)
		keep(c, &c->meta_author, val);
	else if (strcasecmp(key, "pubdate") == 0 || strcasecmp(key, "publish-date") == 0 ||
	         strcasecmp(key, "publishdate") == 0 || strcasecmp(key, "dc.date.issued") == 0 ||
	         strcasecmp(key, "date") == 0 || strcasecmp(key, "parsely-pub-date") == 0 ||
	         strcasecmp(key, "sailthru.date") == 0 || strcasecmp(key, "dcterms.created") == 0)
		keep(c, &c->date[D_META_OTHER], val);
}

static void read_element(struct collect *c, xmlNodePtr n, int depth)
{
	const char *name = (const char *)n->name;
	struct html_meta *m = c->m;
	if (strcmp(name, "meta") == 0) {
		read_meta(c, n);
	} else if (strcmp(name, "link") == 0) {
		const char *rel = html_attr(n, "rel");
		if (rel && strcasecmp(rel, "canonical") == 0)
			keep(c, &c->canonical, html_attr(n, "href"));
	} else if (strcmp(name, "title") == 0) {
		if (!m->doc_title)
			m->doc_title = html_node_text(n, MAX_FIELD);
	} else if (strcmp(name, "time") == 0) {
		keep(c, &c->date[D_TIME], html_attr(n, "datetime"));
	} else if (strcmp(name, "h1") == 0) {
		c->h1_count++;
		if (c->in_article >= 0 && !m->h1)
			m->h1 = html_node_text(n, MAX_FIELD);
		if (!c->first_h1)
			c->first_h1 = html_node_text(n, MAX_FIELD);
	} else if (strcmp(name, "article") == 0 && c->in_article < 0) {
		c->in_article = depth;
	}
	const char *ip = html_attr(n, "itemprop");
	if (ip && strcmp(ip, "datePublished") == 0 && strcmp(name, "meta") != 0) {
		const char *v = html_attr(n, "datetime");
		keep(c, &c->date[D_ITEMPROP], v ? v : html_attr(n, "content"));
	}
}

static int meta_enter(void *ctx, xmlNodePtr n, int depth)
{
	struct collect *c = ctx;
	if (n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE)
		return 1;
	if (n->type != XML_ELEMENT_NODE)
		return 0;
	if (strcmp((const char *)n->name, "script") == 0) {
		const char *type = html_attr(n, "type");
		if (type && strcasecmp(type, "application/ld+json") == 0)
			read_ld(c, n);
		return 0;
	}
	read_element(c, n, depth);
	unsigned f = html_tag_flags(n->name);
	/* <head> and <title> hold what we want; other skipped tags do not. */
	return !(f & TAG_SKIP) || strcmp((const char *)n->name, "head") == 0;
}

static int meta_leave(void *ctx, xmlNodePtr n, int depth)
{
	struct collect *c = ctx;
	if (c->in_article == depth && n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, "article") == 0)
		c->in_article = -1;
	return 0;
}

static char *take(char **p)
{
	char *s = *p;
	*p = NULL;
	return s;
}

/* Moves what was collected into *m by the documented priorities. */
static void choose(struct collect *c)
{
	struct html_meta *m = c->m;
	for (int i = 0; i < D_N && !m->published; i++)
		m->published = take(&c->date[i]);
	m->url = take(c->canonical ? &c->canonical : &c->og_url);
	m->site = take(c->ld_site ? &c->ld_site : &c->og_site);
	if (c->meta_author && strncmp(c->meta_author, "http", 4) == 0) {
		free(c->meta_author);
		c->meta_author = NULL;
	}
	m->author = take(c->ld_author ? &c->ld_author : &c->meta_author);
	if (!m->h1 && c->h1_count == 1)
		m->h1 = take(&c->first_h1);
}

int html_meta_read(htmlDocPtr doc, struct html_meta *m)
{
	struct collect c;
	memset(&c, 0, sizeof(c));
	memset(m, 0, sizeof(*m));
	c.m = m;
	c.in_article = -1;
	html_walk((xmlNodePtr)doc, meta_enter, meta_leave, &c);
	choose(&c);
	for (int i = 0; i < D_N; i++)
		free(c.date[i]);
	free(c.og_url);
	free(c.canonical);
	free(c.og_site);
	free(c.meta_author);
	free(c.ld_site);
	free(c.ld_author);
	free(c.first_h1);
	return 0;
}

/* ---- timestamps ---- */

/* Reads exactly n digits at *p. Returns the value, or -1. */
static int digits(const char **p, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	return v;
}

/* Reads an offset ("Z", "+03:00", "-0500", "+03", " UTC", " GMT") at s.
 * Returns 0 and sets *off (minutes), or -1; an empty s is offset 0. */
static int parse_offset(const char *s, int *off)
{
	while (*s == ' ')
		s++;
	*off = 0;
	if (*s == '\0' || strcmp(s, "Z") == 0 || strcmp(s, "z") == 0 ||
	    strcasecmp(s, "UTC") == 0 || strcasecmp(s, "GMT") == 0)
		return 0;
	if ((strncasecmp(s, "UTC", 3) == 0 || strncasecmp(s, "GMT", 3) == 0) &&
	    (s[3] == '+' || s[3] == '-'))
		s += 3;
	if (*s != '+' && *s != '-')
		return -1;
	int sign = *s++ == '-' ? -1 : 1;
	int h = digits(&s, 2), m = 0;
	if (h < 0)
		return -1;
	if (*s == ':')
		s++;
	if (*s) {
		m = digits(&s, 2);
		if (m < 0 || *s)
			return -1;
	}
	if (h > 14 || m > 59)
		return -1;
	*off = sign * (h * 60 + m);
	return 0;
}

/* The clock part after the date: "T10:20", "T10:20:30.123". */
static int parse_clock(const char **p, int *hh, int *mm, int *ss)
{
	const char *s = *p;
	*hh = digits(&s, 2);
	if (*hh < 0 || *s++ != ':')
		return -1;
	*mm = digits(&s, 2);
	if (*mm < 0)
		return -1;
	*ss = 0;
	if (*s == ':') {
		s++;
		*ss = digits(&s, 2);
		if (*ss < 0)
			return -1;
		if (*s == '.' || *s == ',') {
			s++;
			while (isdigit((unsigned char)*s))
				s++;
		}
	}
	if (*hh > 23 || *mm > 59 || *ss > 60)
		return -1;
	*p = s;
	return 0;
}

int html_parse_time(const char *text, struct report *r)
{
	const char *s = text;
	while (*s == ' ')
		s++;
	int y = digits(&s, 4);
	if (y < 0 || *s++ != '-')
		return -1;
	int mo = digits(&s, 2);
	if (mo < 0 || *s++ != '-')
		return -1;
	int d = digits(&s, 2);
	if (d < 0 || !is_valid_date(y, mo, d))
		return -1;
	int64_t day = unix_from_civil(y, mo, d, 0, 0, 0);
	while (*s == ' ' && s[1] == ' ')
		s++;
	if (*s == '\0' || (*s == ' ' && s[1] == '\0')) {
		r->published = day;
		r->pub_known = PUB_DATE;
		r->tz_offset_min = 0;
		return 0;
	}
	if (*s != 'T' && *s != 't' && *s != ' ')
		return -1;
	s++;
	int hh, mm, ss, off;
	if (parse_clock(&s, &hh, &mm, &ss) || parse_offset(s, &off))
		return -1;
	r->published = day + hh * 3600 + mm * 60 + ss - (int64_t)off * 60;
	r->pub_known = PUB_TIME;
	r->tz_offset_min = off;
	return 0;
}

/* ---- titles ---- */

static const char *const SEPS[] = {" | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » ", " / "};

static int count_words(const char *s, size_t n)
{
	int w = 0, in = 0;
	for (size_t i = 0; i < n; i++) {
		int sp = s[i] == ' ';
		if (!sp && !in)
			w++;
		in = !sp;
	}
	return w;
}

char *html_strip_site(const char *title, const char *site)
{
	if (!title)
		return NULL;
	size_t n = strlen(title);
	/* The last separator: what follows is the site when it is short. */
	const char *best = NULL;
	size_t seplen = 0;
	for (size_t i = 0; i < sizeof(SEPS) / sizeof(SEPS[0]); i++) {
		size_t k = strlen(SEPS[i]);
		for (const char *p = strstr(title, SEPS[i]); p; p = strstr(p + 1, SEPS[i]))
			if (!best || p > best) {
				best = p;
				seplen = k;
			}
	}
	if (best) {
		const char *tail = best + seplen;
		size_t head = (size_t)(best - title), tl = n - (size_t)(tail - title);
		int named = site && strcasecmp(tail, site) == 0;
		if (named || (tl < head && count_words(tail, tl) <= 5))
			return strndup(title, head);
	}
	/* "Site | Headline" */
	if (site) {
		size_t k = strlen(site);
		for (size_t i = 0; i < sizeof(SEPS) / sizeof(SEPS[0]); i++) {
			size_t sl = strlen(SEPS[i]);
			if (n > k + sl && strncasecmp(title, site, k) == 0 &&
			    strncmp(title + k, SEPS[i], sl) == 0)
				return strdup(title + k + sl);
		}
	}
	return strdup(title);
}
