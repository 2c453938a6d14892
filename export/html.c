/* The HTML exporter: one self-contained page (no external script, style,
 * font or image; it works from file://) showing the timeline as a vertical
 * chronology under year and month headings, with a per-month bar chart,
 * filters that need no server, a phone layout and a print stylesheet.
 *
 * Every piece of markup that carries report text is a libxml2 tree
 * (xmlNewDocNode, xmlNewDocText, xmlNewProp) serialised by htmlNodeDump, so
 * escaping is the library's. Only the constant skeleton (doctype, <html>,
 * <body>, <main> open and close) is written as literal text.
 *
 * Streaming: each event's <article> is built, written and freed at once.
 * The bar chart needs the whole span, so the pass keeps only a count per
 * month (at most 12 x 9999 integers, whatever the number of events) and
 * writes the chart after the events; CSS flex `order` shows it at the top.
 *
 * The chart written here is the one a reader without scripts (or a feed
 * reader, or a text-mode browser) sees: all events, a conflict foot per
 * bar. The page's script (html_assets.c) hides it and draws, from the
 * data-month, data-quad and data-intensity of the articles in view, the
 * series of `export --format dyads`: events per month (or year) by CAMEO
 * quad class and the mean intensity, redrawn whenever the filters change.
 *
 * Bidirectional text: every value taken from a report, the archive or the
 * user (titles, names, summaries, notes...) sits in its own <bdi>, so that
 * a right-to-left override in it (U+202E, unbalanced or not) ends with the
 * value and cannot reverse the page's own text after it; in the one
 * attribute that mixes a value with ours (an actor's tooltip) the value is
 * isolated by U+2068 FIRST STRONG ISOLATE ... U+2069 POP DIRECTIONAL ISOLATE.
 *
 * The page's Content-Security-Policy is default-src 'none' with the inline
 * style and script allowed by their SHA-256 and images only from data:.
 */
#include "export/export_internal.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include "util/hash.h"

#define CHART_WIDTH 720.0
#define CHART_HEIGHT 100.0
#define CHART_MAX_SLOT 48.0
/* Beyond this many months the chart shows years. */
#define CHART_MAX_MONTHS 600

struct html_out {
	FILE *out;
	htmlDocPtr doc;            /* owns the nodes while they are built; never written whole */
	int failed;                /* a libxml2 allocation failed: the export fails */
	int have_group;
	struct tl_group group;     /* heading group of the last event */
	int year_shown;            /* last year heading written, or INT32_MIN */
	int anchor_year;           /* last year given an id ("y-2015") */
	long anchor_month;         /* last month given an id ("m-2015-01"), as year*12+month-1 */
	uint32_t *counts;          /* per month from `base`, day- and month-precision events */
	uint32_t *hostile;         /* ... of them with a negative intensity (conflict) */
	double *isum;              /* ... and their summed intensity (Goldstein) */
	size_t n_counts;
	long base;                 /* year*12+month-1 of counts[0] */
	size_t total;              /* events written */
	size_t vague;              /* events not in the chart (season, year, unknown dates) */
};

/* Creates an element, as a child of parent unless parent is NULL. After a
 * failure nothing more is built, so no orphan node can leak. */
static xmlNodePtr el(struct html_out *h, xmlNodePtr parent, const char *name, const char *cls)
{
	if (h->failed)
		return NULL;
	xmlNodePtr n = xmlNewDocNode(h->doc, NULL, (const xmlChar *)name, NULL);
	if (!n) {
		h->failed = 1;
		return NULL;
	}
	if (parent)
		xmlAddChild(parent, n);
	if (cls && !xmlNewProp(n, (const xmlChar *)"class", (const xmlChar *)cls))
		h->failed = 1;
	return n;
}

static void attr(struct html_out *h, xmlNodePtr n, const char *name, const char *value)
{
	if (h->failed || !n)
		return;
	char *clean = tl_utf8_clean(value, 1);
	if (!clean || !xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)clean))
		h->failed = 1;
	free(clean);
}

static void text(struct html_out *h, xmlNodePtr parent, const char *s)
{
	if (h->failed || !parent)
		return;
	char *clean = tl_utf8_clean(s, 1);
	xmlNodePtr t = clean ? xmlNewDocText(h->doc, (const xmlChar *)clean) : NULL;
	free(clean);
	if (!t) {
		h->failed = 1;
		return;
	}
	xmlAddChild(parent, t);
}

/* An element with text in it. */
static xmlNodePtr el_text(struct html_out *h, xmlNodePtr parent, const char *name,
			  const char *cls, const char *s)
{
	xmlNodePtr n = el(h, parent, name, cls);
	text(h, n, s);
	return n;
}

/* A value from a report, the archive or the user, isolated for the
 * bidirectional algorithm: <bdi>s</bdi> in parent. */
static xmlNodePtr value(struct html_out *h, xmlNodePtr parent, const char *s)
{
	xmlNodePtr b = el(h, parent, "bdi", NULL);
	text(h, b, s);
	return b;
}

/* An element holding such a value. */
static xmlNodePtr el_value(struct html_out *h, xmlNodePtr parent, const char *name,
			   const char *cls, const char *s)
{
	xmlNodePtr n = el(h, parent, name, cls);
	value(h, n, s);
	return n;
}

/* Writes a finished subtree and frees it. */
static int emit(struct html_out *h, xmlNodePtr node)
{
	int rc = h->failed || !node ? -1 : 0;
	xmlBufferPtr b = rc ? NULL : xmlBufferCreate();
	if (rc == 0 && (!b || htmlNodeDump(b, h->doc, node) < 0))
		rc = -1;
	if (rc == 0)
		rc = tl_write(h->out, xmlBufferContent(b), (size_t)xmlBufferLength(b));
	if (rc == 0)
		rc = tl_puts(h->out, "\n");
	if (b)
		xmlBufferFree(b);
	if (node)
		xmlFreeNode(node);
	if (h->failed && !errno)
		errno = ENOMEM;
	return rc;
}

static int is_web_url(const char *u)
{
	return u && (!strncmp(u, "https://", 8) || !strncmp(u, "http://", 7));
}

static const char *page_title(const struct tl_options *o)
{
	return o && o->title && *o->title ? o->title : "Diplomatic timeline";
}

static void csp(char *out, size_t n)
{
	char style[45], script[45];
	/* Both inputs are static strings: hashing them cannot fail. */
	if (sha256_base64(html_style, strlen(html_style), style) ||
	    sha256_base64(html_script, strlen(html_script), script))
		style[0] = script[0] = '\0';
	snprintf(out, n,
		 "default-src 'none'; style-src 'sha256-%s'; script-src 'sha256-%s'; "
		 "img-src data:; base-uri 'none'; form-action 'none'",
		 style, script);
}

static xmlNodePtr meta(struct html_out *h, xmlNodePtr head, const char *key, const char *name,
		       const char *content)
{
	xmlNodePtr m = el(h, head, "meta", NULL);
	attr(h, m, key, name);
	attr(h, m, "content", content);
	return m;
}

static xmlNodePtr build_head(struct html_out *h, const struct tl_options *o)
{
	char policy[256];
	csp(policy, sizeof(policy));
	xmlNodePtr head = el(h, NULL, "head", NULL);
	attr(h, el(h, head, "meta", NULL), "charset", "utf-8");
	meta(h, head, "name", "viewport", "width=device-width, initial-scale=1");
	meta(h, head, "http-equiv", "Content-Security-Policy", policy);
	meta(h, head, "name", "referrer", "no-referrer");
	meta(h, head, "name", "generator", "communique");
	el_text(h, head, "title", NULL, page_title(o));
	/* An empty data: icon stops browsers asking file:// for favicon.ico. */
	xmlNodePtr icon = el(h, head, "link", NULL);
	attr(h, icon, "rel", "icon");
	attr(h, icon, "href", "data:,");
	el_text(h, head, "style", NULL, html_style);
	return head;
}

static xmlNodePtr build_masthead(struct html_out *h, const struct tl_query *q,
				 const struct tl_options *o)
{
	xmlNodePtr header = el(h, NULL, "header", "masthead");
	el_value(h, header, "h1", NULL, page_title(o));
	struct buf lede;
	buf_init(&lede, 0);
	if (tl_describe_query(&lede, q))
		h->failed = 1;
	if (o && o->generated_at) {
		char iso[24];
		format_iso_utc(o->generated_at, iso);
		struct cdate d = {0, 0, 0, PREC_UNKNOWN};
		char words[48];
		if (cdate_parse(iso, &d) == 0)
			tl_date_words(&d, words, sizeof(words));
		if (d.prec == PREC_DAY &&
		    buf_printf(&lede, "%sExported on %s.", lede.len ? ". " : "", words))
			h->failed = 1;
	}
	if (lede.len)
		el_text(h, header, "p", "lede", buf_str(&lede));
	buf_release(&lede);
	return header;
}

static void filter_input(struct html_out *h, xmlNodePtr form, const char *label, const char *id,
			 const char *list, const char *placeholder)
{
	xmlNodePtr l = el_text(h, form, "label", NULL, label);
	xmlNodePtr in = el(h, l, "input", NULL);
	attr(h, in, "id", id);
	attr(h, in, "type", "search");
	attr(h, in, "placeholder", placeholder);
	if (list) {
		attr(h, in, "list", list);
		attr(h, el(h, form, "datalist", NULL), "id", list);
	}
}

/* The controls; the script fills the lists from the events on the page. */
static xmlNodePtr build_filters(struct html_out *h)
{
	xmlNodePtr form = el(h, NULL, "form", NULL);
	attr(h, form, "id", "filters");
	attr(h, form, "role", "search");
	attr(h, form, "autocomplete", "off");
	filter_input(h, form, "Actor", "f-actor", "l-actor", "any actor");
	xmlNodePtr l = el_text(h, form, "label", NULL, "Type");
	xmlNodePtr sel = el(h, l, "select", NULL);
	attr(h, sel, "id", "f-type");
	attr(h, el_text(h, sel, "option", NULL, "All types"), "value", "");
	filter_input(h, form, "Topic", "f-topic", "l-topic", "any topic");
	filter_input(h, form, "Text", "f-text", NULL, "words in the events");
	attr(h, el_text(h, form, "button", NULL, "Clear"), "type", "reset");
	xmlNodePtr count = el(h, form, "output", NULL);
	attr(h, count, "id", "f-count");
	attr(h, count, "aria-live", "polite");
	return form;
}

static void html_free(struct html_out *h)
{
	int saved = errno;
	if (h->doc)
		xmlFreeDoc(h->doc);
	free(h->counts);
	free(h->hostile);
	free(h->isum);
	free(h);
	errno = saved;
}

static int html_begin(void **state, FILE *out, const struct tl_query *q, const struct tl_options *o)
{
	struct html_out *h = calloc(1, sizeof(*h));
	if (!h)
		return -1;
	h->out = out;
	h->year_shown = INT32_MIN;
	h->anchor_year = INT32_MIN;
	h->anchor_month = -1;
	h->doc = htmlNewDocNoDtD(NULL, NULL);
	int rc = h->doc ? 0 : -1;
	if (rc == 0)
		rc = tl_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n");
	if (rc == 0)
		rc = emit(h, build_head(h, o));
	if (rc == 0)
		rc = tl_puts(out, "<body>\n");
	if (rc == 0)
		rc = emit(h, build_masthead(h, q, o));
	if (rc == 0)
		rc = emit(h, build_filters(h));
	if (rc == 0)
		rc = tl_puts(out, "<main id=\"timeline\">\n");
	if (rc) {
		html_free(h);
		return -1;
	}
	*state = h;
	return 0;
}

/* Grows one per-month array to `need` entries, the old ones `shift` later. */
static void *widen(void *old, size_t have, size_t need, size_t shift, size_t size)
{
	char *c = realloc(old, need * size);
	if (!c)
		return NULL;
	memmove(c + shift * size, c, have * size);
	memset(c, 0, shift * size);
	memset(c + (shift + have) * size, 0, (need - shift - have) * size);
	return c;
}

/* Counts a day- or month-precision event in its month, with its intensity
 * (scored: it has one), widening the counted span (at either end) when needed. */
static int count_month(struct html_out *h, int year, int month, int scored, double g)
{
	long ym = (long)year * 12 + month - 1;
	long lo = h->n_counts && h->base < ym ? h->base : ym;
	long hi = h->n_counts && h->base + (long)h->n_counts - 1 > ym ? h->base + (long)h->n_counts - 1 : ym;
	size_t need = (size_t)(hi - lo + 1);
	if (need != h->n_counts) {
		size_t shift = h->n_counts ? (size_t)(h->base - lo) : 0;
		uint32_t *c = widen(h->counts, h->n_counts, need, shift, sizeof(*c));
		if (c)
			h->counts = c;
		uint32_t *x = c ? widen(h->hostile, h->n_counts, need, shift, sizeof(*x)) : NULL;
		if (x)
			h->hostile = x;
		double *d = x ? widen(h->isum, h->n_counts, need, shift, sizeof(*d)) : NULL;
		if (!d)
			return -1;   /* the arrays widened so far keep their old entries: freed at the end */
		h->isum = d;
		h->n_counts = need;
		h->base = lo;
	}
	h->counts[ym - lo]++;
	if (scored) {
		h->hostile[ym - lo] += g < 0;
		h->isum[ym - lo] += g;
	}
	return 0;
}

static int year_heading(struct html_out *h, const struct tl_group *g)
{
	int year = g->kind == TL_GROUP_UNKNOWN ? 0 : g->year;
	if (h->year_shown == year)
		return 0;
	h->year_shown = year;
	char s[24], id[24];
	snprintf(s, sizeof(s), "%04d", year);
	xmlNodePtr n = el_text(h, NULL, "h2", "year", year ? s : "Date unknown");
	/* Ids only ever increase, so each is unique even if groups recur. */
	if (year && year > h->anchor_year) {
		snprintf(id, sizeof(id), "y-%04d", year);
		attr(h, n, "id", id);
		h->anchor_year = year;
	}
	return emit(h, n);
}

static int month_heading(struct html_out *h, const struct tl_group *g)
{
	char title[64], id[24];
	if (g->kind == TL_GROUP_UNKNOWN)
		return 0;
	if (g->kind == TL_GROUP_YEAR)
		snprintf(title, sizeof(title), "Month unknown");
	else
		tl_group_title(g, title, sizeof(title));
	xmlNodePtr n = el_text(h, NULL, "h3", "month", title);
	long ym = (long)g->year * 12 + g->month - 1;
	if (g->kind == TL_GROUP_MONTH && ym > h->anchor_month) {
		snprintf(id, sizeof(id), "m-%04d-%02d", g->year, g->month);
		attr(h, n, "id", id);
		h->anchor_month = ym;
	}
	return emit(h, n);
}

static int headings(struct html_out *h, const struct cdate *d)
{
	struct tl_group g = tl_group_of(d);
	if (h->have_group && tl_group_equal(&g, &h->group))
		return 0;
	h->group = g;
	h->have_group = 1;
	if (year_heading(h, &g))
		return -1;
	return month_heading(h, &g);
}

/* "Fumio Kishida|JPN|John Kerry|USA": what the actor filter matches. */
static int actor_keys(struct buf *b, const struct event *ev)
{
	int rc = buf_addstr(b, "");
	for (size_t i = 0; i < ev->n_actors; i++) {
		const struct event_actor *a = &ev->actors[i];
		rc |= buf_printf(b, "%s%s", b->len ? "|" : "", a->name ? a->name : "");
		if (a->code)
			rc |= buf_printf(b, "|%s", a->code);
	}
	return rc ? -1 : 0;
}

static int topic_keys(struct buf *b, const struct event *ev)
{
	int rc = buf_addstr(b, "");
	for (size_t i = 0; i < ev->n_topics; i++)
		rc |= buf_printf(b, "%s%s", i ? "|" : "", ev->topics[i]);
	return rc ? -1 : 0;
}

/* 1 when the event has a bar in the month chart: a day or a month. */
static int in_chart(const struct cdate *d)
{
	return (d->prec == PREC_DAY || d->prec == PREC_MONTH) && d->month >= 1 && d->month <= 12 &&
	       d->year >= 1 && d->year <= 9999;
}

/* What the script's chart counts (see html_assets.c): the event's month
 * when it has a bar, its CAMEO quad class and its intensity when known. */
static void chart_attrs(struct html_out *h, xmlNodePtr art, const struct tl_event *e)
{
	const struct event *ev = tl_fields(e);
	char s[32];
	if (in_chart(&ev->date)) {
		snprintf(s, sizeof(s), "%04d-%02d", ev->date.year, ev->date.month);
		attr(h, art, "data-month", s);
	}
	int quad = tl_quad_class(ev->cameo);
	if (quad >= 0)
		attr(h, art, "data-quad", tl_quad_names[quad]);
	double g = 0;
	if (tl_has_fields(e) && tl_intensity(ev, &g) == 0) {
		snprintf(s, sizeof(s), "%g", g);
		attr(h, art, "data-intensity", s);
	}
}

static void data_attrs(struct html_out *h, xmlNodePtr art, const struct tl_event *e)
{
	const struct event *ev = tl_fields(e);
	char id[32], date[16];
	struct buf b;
	snprintf(id, sizeof(id), "e%lld", (long long)e->id);
	cdate_format(&ev->date, date);
	attr(h, art, "id", id);
	attr(h, art, "data-type", ev->type);
	buf_init(&b, 0);
	if (actor_keys(&b, ev))
		h->failed = 1;
	attr(h, art, "data-actors", buf_str(&b));
	buf_reset(&b);
	if (topic_keys(&b, ev))
		h->failed = 1;
	attr(h, art, "data-topics", buf_str(&b));
	buf_release(&b);
	attr(h, art, "data-date", date);
	attr(h, art, "data-status", tl_has_fields(e) ? event_status_name(ev->status) : "");
	if (e->change != TL_CHANGE_NONE)
		attr(h, art, "data-change", tl_change_name(e->change));
	chart_attrs(h, art, e);
}

static void build_when(struct html_out *h, xmlNodePtr side, const struct cdate *d)
{
	char words[48], iso[16];
	tl_date_words(d, words, sizeof(words));
	cdate_format(d, iso);
	/* A season is stored as its first month, but "2014-06" would tell a
	 * machine reading datetime that the event was in June: give the year,
	 * the most that HTML's date syntax can say truthfully, and nothing for
	 * a winter, which runs into the next year. */
	if (d->prec == PREC_SEASON && iso[0]) {
		if (d->month == 12)
			iso[0] = '\0';
		else
			snprintf(iso, sizeof(iso), "%04d", d->year);
	}
	xmlNodePtr when = el(h, side, "div", "when");
	xmlNodePtr t = el_text(h, when, iso[0] ? "time" : "span", NULL, words);
	if (iso[0])
		attr(h, t, "datetime", iso);
}

/* How sure extraction is, under the date (and outside .when, which holds
 * the date alone): a <meter> for the eye (its colour
 * from low/high/optimum, drawn by the browser) and the same in words for
 * everyone, screen readers and print included; the meter is hidden from
 * assistive technology so that the value is read once. */
static void build_confidence(struct html_out *h, xmlNodePtr side, const struct tl_event *e)
{
	char cls[32], value[16], words[48];
	const char *level = tl_confidence_level(e);
	snprintf(cls, sizeof(cls), "confidence conf-%s", level);
	snprintf(value, sizeof(value), "%.2f", tl_confidence(e));
	snprintf(words, sizeof(words), "%s confidence, %d%%", level, tl_confidence_percent(e));
	xmlNodePtr p = el(h, side, "p", cls);
	xmlNodePtr m = el(h, p, "meter", NULL);
	attr(h, m, "min", "0");
	attr(h, m, "max", "1");
	attr(h, m, "low", "0.5");
	attr(h, m, "high", "0.8");
	attr(h, m, "optimum", "1");
	attr(h, m, "value", value);
	attr(h, m, "aria-hidden", "true");
	text(h, p, " ");
	el_text(h, p, "span", NULL, words);
}

static void build_kind(struct html_out *h, xmlNodePtr what, const struct tl_event *e)
{
	const struct event *ev = tl_fields(e);
	char label[48], cameo[32];
	tl_type_label(ev->type, label, sizeof(label));
	xmlNodePtr kind = el(h, what, "p", "kind");
	attr(h, el(h, kind, "span", "marker"), "aria-hidden", "true");
	el_text(h, kind, "span", "type", label);
	/* Spaces between the parts for readers and searches; the flex layout
	 * ignores them. */
	if (ev->cameo[0]) {
		snprintf(cameo, sizeof(cameo), "CAMEO %s", ev->cameo);
		text(h, kind, " ");
		el_text(h, kind, "span", "cameo", cameo);
	}
	if (tl_has_fields(e) && ev->status != STATUS_OCCURRED) {
		text(h, kind, " ");
		el_text(h, kind, "span", "status",
			ev->status == STATUS_PLANNED ? "planned" : "did not happen");
	}
	/* The check mark is decoration: the word says it. */
	if (e->cur.verified) {
		text(h, kind, " ");
		xmlNodePtr v = el(h, kind, "span", "verified");
		attr(h, el_text(h, v, "span", NULL, "\xE2\x9C\x93"), "aria-hidden", "true");
		text(h, v, " verified");
	}
	if (e->change != TL_CHANGE_NONE) {
		char cls[32];
		snprintf(cls, sizeof(cls), "change change-%s", tl_change_name(e->change));
		text(h, kind, " ");
		el_text(h, kind, "span", cls, tl_change_name(e->change));
	}
}

static void actor_chip(struct html_out *h, xmlNodePtr ul, const struct event_actor *a)
{
	char cls[48], tip[256];
	snprintf(cls, sizeof(cls), "chip actor role-%s", actor_role_name(a->role));
	xmlNodePtr li = el(h, ul, "li", cls);
	/* FSI ... PDI: an attribute cannot hold a <bdi>. */
	snprintf(tip, sizeof(tip), "%s%s%s%s", a->title ? "\xE2\x81\xA8" : "", a->title ? a->title : "",
		 a->title ? "\xE2\x81\xA9 \xC2\xB7 " : "", actor_role_name(a->role));
	attr(h, li, "title", tip);
	el_value(h, li, "span", "name", a->name ? a->name : "");
	if (a->code) {
		const char *country = tl_country_name(a->code);
		xmlNodePtr abbr = el_text(h, li, "abbr", "code", a->code);
		if (country)
			attr(h, abbr, "title", country);
	}
}

/* Sources and participants first, then an arrow, then targets. */
static void build_actors(struct html_out *h, xmlNodePtr what, const struct event *ev)
{
	if (!ev->n_actors)
		return;
	xmlNodePtr ul = el(h, what, "ul", "chips actors");
	attr(h, ul, "aria-label", "Actors");
	int before = 0, targets = 0;
	for (size_t i = 0; i < ev->n_actors; i++) {
		if (ev->actors[i].role == ROLE_TARGET) {
			targets++;
			continue;
		}
		actor_chip(h, ul, &ev->actors[i]);
		before++;
	}
	if (before && targets)
		attr(h, el_text(h, ul, "li", "arrow", "\xE2\x86\x92"), "aria-label", "towards");
	for (size_t i = 0; i < ev->n_actors; i++)
		if (ev->actors[i].role == ROLE_TARGET)
			actor_chip(h, ul, &ev->actors[i]);
}

static void build_topics(struct html_out *h, xmlNodePtr what, const struct event *ev)
{
	if (!ev->n_topics)
		return;
	xmlNodePtr ul = el(h, what, "ul", "chips topics");
	attr(h, ul, "aria-label", "Topics");
	for (size_t i = 0; i < ev->n_topics; i++)
		el_value(h, ul, "li", "chip topic", ev->topics[i]);
}

static void build_source(struct html_out *h, xmlNodePtr ul, const struct tl_source *s)
{
	xmlNodePtr li = el(h, ul, "li", NULL);
	const char *title = s->title && *s->title ? s->title : "(untitled report)";
	if (is_web_url(s->url)) {
		xmlNodePtr a = el_value(h, li, "a", NULL, title);
		attr(h, a, "href", s->url);
		attr(h, a, "rel", "noreferrer");
	} else {
		el_value(h, li, "span", "title", title);
	}
	text(h, li, " \xE2\x80\x94 ");
	el_value(h, li, "span", "agency", s->agency ? s->agency : "");
	if (s->published_known) {
		char iso[24], words[48], shown[80];
		struct cdate d;
		format_iso_utc(s->published, iso);
		if (cdate_parse(iso, &d) == 0) {
			tl_date_words(&d, words, sizeof(words));
			snprintf(shown, sizeof(shown), "%s, %.5s UTC", words, iso + 11);
			text(h, li, ", ");
			xmlNodePtr t = el_text(h, li, "time", NULL, shown);
			attr(h, t, "datetime", iso);
		}
	}
}

/* The analysts' tags: plain items, not chips (a chip click filters by
 * actor or topic). */
static void build_tags(struct html_out *h, xmlNodePtr what, const struct tl_curation *c)
{
	if (!c->n_tags)
		return;
	xmlNodePtr ul = el(h, what, "ul", "tags");
	attr(h, ul, "aria-label", "Tags");
	for (size_t i = 0; i < c->n_tags; i++)
		el_value(h, ul, "li", "tag", c->tags[i] ? c->tags[i] : "");
}

/* A date in words inside <time datetime="ISO">. */
static void time_el(struct html_out *h, xmlNodePtr parent, int64_t t)
{
	char iso[24], words[48];
	format_iso_utc(t, iso);
	tl_time_words(t, words, sizeof(words));
	attr(h, el_text(h, parent, "time", NULL, words), "datetime", iso);
}

static void build_notes(struct html_out *h, xmlNodePtr what, const struct tl_curation *c)
{
	if (!c->n_notes)
		return;
	xmlNodePtr ul = el(h, what, "ul", "notes");
	attr(h, ul, "aria-label", "Notes");
	for (size_t i = 0; i < c->n_notes; i++) {
		const struct tl_note *n = &c->notes[i];
		xmlNodePtr li = el(h, ul, "li", NULL);
		el_value(h, li, "span", "note-text", n->text ? n->text : "");
		if ((!n->by || !*n->by) && !n->at)
			continue;
		text(h, li, " ");
		xmlNodePtr by = el_text(h, li, "span", "note-by", "\xE2\x80\x94 ");
		if (n->by && *n->by)
			value(h, by, n->by);
		if (n->at) {
			text(h, by, n->by && *n->by ? ", " : "");
			time_el(h, by, n->at);
		}
	}
}

/* One line of small print: who verified the event and when, whether a
 * person added it or set some of its fields, where a merge took it. */
static void build_curation(struct html_out *h, xmlNodePtr what, const struct tl_event *e)
{
	const struct tl_curation *c = &e->cur;
	int merged = e->change == TL_CHANGE_WITHDRAWN && e->merged_into;
	if (!c->verified && !c->added_by_hand && !c->n_fields_set && !merged)
		return;
	xmlNodePtr p = el(h, what, "p", "curation");
	int parts = 0;
	if (c->verified) {
		text(h, p, "Verified");
		if (c->verified_by && *c->verified_by) {
			text(h, p, " by ");
			el_value(h, p, "span", "by", c->verified_by);
		}
		if (c->verified_at) {
			text(h, p, " on ");
			time_el(h, p, c->verified_at);
		}
		parts++;
	}
	if (c->added_by_hand)
		text(h, p, parts++ ? " \xC2\xB7 Added by hand" : "Added by hand");
	if (c->n_fields_set) {
		text(h, p, parts++ ? " \xC2\xB7 Set by hand: " : "Set by hand: ");
		for (size_t i = 0; i < c->n_fields_set; i++) {
			if (i)
				text(h, p, ", ");
			text(h, p, c->fields_set[i] ? c->fields_set[i] : "");
		}
	}
	if (merged) {
		char id[32];
		snprintf(id, sizeof(id), "e%lld", (long long)e->merged_into);
		text(h, p, parts++ ? " \xC2\xB7 Merged into " : "Merged into ");
		char href[40];
		snprintf(href, sizeof(href), "#%s", id);
		attr(h, el_text(h, p, "a", NULL, id), "href", href);
	}
}

static xmlNodePtr build_event(struct html_out *h, const struct tl_event *e)
{
	const struct event *ev = tl_fields(e);
	xmlNodePtr art = el(h, NULL, "article", "event");
	data_attrs(h, art, e);
	/* The left column: the date, and how sure extraction is. */
	xmlNodePtr side = el(h, art, "div", "side");
	build_when(h, side, &ev->date);
	build_confidence(h, side, e);
	xmlNodePtr what = el(h, art, "div", "what");
	build_kind(h, what, e);
	if (tl_has_fields(e)) {
		el_value(h, what, "p", "summary", ev->summary ? ev->summary : "");
	} else {
		/* A withdrawn event the archive no longer holds has only its id. */
		char id[40];
		snprintf(id, sizeof(id), "Event e%lld", (long long)e->id);
		el_text(h, what, "p", "summary", id);
	}
	build_actors(h, what, ev);
	build_topics(h, what, ev);
	build_tags(h, what, &e->cur);
	if (ev->evidence && *ev->evidence)
		el_value(h, what, "blockquote", "evidence", ev->evidence);
	build_notes(h, what, &e->cur);
	if (e->n_sources) {
		xmlNodePtr ul = el(h, what, "ul", "sources");
		attr(h, ul, "aria-label", "Sources");
		for (size_t i = 0; i < e->n_sources; i++)
			build_source(h, ul, &e->sources[i]);
	}
	build_curation(h, what, e);
	return art;
}

static int html_event(void *state, const struct tl_event *e)
{
	struct html_out *h = state;
	const struct cdate *d = &tl_fields(e)->date;
	if (headings(h, d))
		return -1;
	if (in_chart(d)) {
		double g = 0;
		int scored = tl_has_fields(e) && tl_intensity(tl_fields(e), &g) == 0;
		if (count_month(h, d->year, d->month, scored, g)) {
			errno = ENOMEM;
			return -1;
		}
	} else {
		h->vague++;
	}
	h->total++;
	return emit(h, build_event(h, e));
}

/* One bar of the chart: months (or years) from the start of the span. */
struct bar {
	int year, month;           /* month 0 when the bar is a year */
	uint32_t n;
	uint32_t hostile;          /* of them, with a negative intensity */
	double isum;               /* summed intensity */
};

static void bar_label(const struct bar *b, char *out, size_t n)
{
	if (b->month)
		snprintf(out, n, "%s %04d", month_names[b->month], b->year);
	else
		snprintf(out, n, "%04d", b->year);
}

static struct bar bar_at(const struct html_out *h, size_t i, int by_year)
{
	struct bar b = {0, 0, 0, 0, 0};
	if (!by_year) {
		long ym = h->base + (long)i;
		b.year = (int)(ym / 12);
		b.month = (int)(ym % 12) + 1;
		b.n = h->counts[i];
		b.hostile = h->hostile[i];
		b.isum = h->isum[i];
		return b;
	}
	b.year = (int)(h->base / 12) + (int)i;
	long from = (long)b.year * 12 - h->base, to = from + 12;
	for (long k = from < 0 ? 0 : from; k < to && k < (long)h->n_counts; k++) {
		b.n += h->counts[k];
		b.hostile += h->hostile[k];
		b.isum += h->isum[k];
	}
	return b;
}

static void draw_bar(struct html_out *h, xmlNodePtr svg, const struct bar *b, double x, double w,
		     uint32_t max)
{
	char label[64], tip[192], id[24], num[4][32];
	bar_label(b, label, sizeof(label));
	snprintf(tip, sizeof(tip), "%s: %u event%s, %u of conflict; summed intensity %+.1f", label, b->n,
		 b->n == 1 ? "" : "s", b->hostile, b->isum);
	if (b->month)
		snprintf(id, sizeof(id), "#m-%04d-%02d", b->year, b->month);
	else
		snprintf(id, sizeof(id), "#y-%04d", b->year);
	double bh = CHART_HEIGHT * b->n / max;
	xmlNodePtr a = el(h, svg, "a", NULL);
	attr(h, a, "href", id);
	xmlNodePtr r = el(h, a, "rect", "bar");
	snprintf(num[0], sizeof(num[0]), "%.2f", x + w * 0.1);
	snprintf(num[1], sizeof(num[1]), "%.2f", CHART_HEIGHT - bh);
	snprintf(num[2], sizeof(num[2]), "%.2f", w * 0.8);
	snprintf(num[3], sizeof(num[3]), "%.2f", bh);
	attr(h, r, "x", num[0]);
	attr(h, r, "y", num[1]);
	attr(h, r, "width", num[2]);
	attr(h, r, "height", num[3]);
	el_text(h, r, "title", NULL, tip);
	/* The events of conflict (negative intensity), at the bar's foot. */
	if (b->hostile) {
		double hh = CHART_HEIGHT * b->hostile / max;
		xmlNodePtr c = el(h, a, "rect", "bar hostile");
		snprintf(num[1], sizeof(num[1]), "%.2f", CHART_HEIGHT - hh);
		snprintf(num[3], sizeof(num[3]), "%.2f", hh);
		attr(h, c, "x", num[0]);
		attr(h, c, "y", num[1]);
		attr(h, c, "width", num[2]);
		attr(h, c, "height", num[3]);
		el_text(h, c, "title", NULL, tip);
	}
}

static void axis_label(struct html_out *h, xmlNodePtr svg, double x, const char *s,
		       const char *anchor)
{
	char num[32];
	xmlNodePtr t = el_text(h, svg, "text", NULL, s);
	snprintf(num, sizeof(num), "%.2f", x);
	attr(h, t, "x", num);
	attr(h, t, "y", "116");
	attr(h, t, "text-anchor", anchor);
}

static void draw_axis(struct html_out *h, xmlNodePtr svg, size_t n, double slot, double x0,
		      int by_year)
{
	char num[2][32], first[32], last[32];
	xmlNodePtr line = el(h, svg, "line", "axis");
	snprintf(num[0], sizeof(num[0]), "%.2f", x0);
	snprintf(num[1], sizeof(num[1]), "%.2f", x0 + slot * (double)n);
	attr(h, line, "x1", num[0]);
	attr(h, line, "x2", num[1]);
	attr(h, line, "y1", "100.5");
	attr(h, line, "y2", "100.5");
	struct bar b0 = bar_at(h, 0, by_year), bn = bar_at(h, n - 1, by_year);
	bar_label(&b0, first, sizeof(first));
	bar_label(&bn, last, sizeof(last));
	axis_label(h, svg, x0, first, "start");
	if (n > 1)
		axis_label(h, svg, x0 + slot * (double)n, last, "end");
	/* Year ticks in between, where there is room for them. */
	double end = x0 + slot * (double)n, last_x = x0 + 40;
	for (size_t i = 1; i + 1 < n; i++) {
		struct bar b = bar_at(h, i, by_year);
		double x = x0 + slot * (double)i;
		if ((!by_year && b.month != 1) || x - last_x < 50 || x > end - 70)
			continue;
		char year[16];
		snprintf(year, sizeof(year), "%04d", b.year);
		axis_label(h, svg, x, year, "start");
		last_x = x;
	}
}

static void chart_caption(struct html_out *h, xmlNodePtr fig, size_t n, int by_year,
			  const struct bar *busiest)
{
	char first[32], last[32], top[32];
	struct buf b;
	buf_init(&b, 0);
	struct bar b0 = bar_at(h, 0, by_year), bn = bar_at(h, n - 1, by_year);
	bar_label(&b0, first, sizeof(first));
	bar_label(&bn, last, sizeof(last));
	bar_label(busiest, top, sizeof(top));
	int rc = buf_printf(&b, "Events per %s", by_year ? "year" : "month");
	if (n > 1)
		rc |= buf_printf(&b, ", %s \xE2\x80\x93 %s", first, last);
	else
		rc |= buf_printf(&b, ", %s", first);
	rc |= buf_printf(&b, ". Busiest: %s, %u event%s.", top, busiest->n, busiest->n == 1 ? "" : "s");
	rc |= buf_addstr(&b, " The darker foot of a bar counts the events of conflict (negative"
			 " Goldstein intensity).");
	if (h->vague)
		rc |= buf_printf(&b, " %zu event%s with a vaguer date %s not shown.", h->vague,
				 h->vague == 1 ? "" : "s", h->vague == 1 ? "is" : "are");
	if (rc)
		h->failed = 1;
	el_text(h, fig, "figcaption", NULL, buf_str(&b));
	buf_release(&b);
}

static xmlNodePtr build_chart(struct html_out *h)
{
	xmlNodePtr fig = el(h, NULL, "figure", NULL);
	attr(h, fig, "id", "chart");
	if (!h->n_counts) {
		el_text(h, fig, "figcaption", NULL, "No event is dated to the month.");
		return fig;
	}
	int by_year = h->n_counts > CHART_MAX_MONTHS;
	size_t n = by_year ? (size_t)((h->base + (long)h->n_counts - 1) / 12 - h->base / 12 + 1)
			   : h->n_counts;
	double slot = CHART_WIDTH / (double)n;
	if (slot > CHART_MAX_SLOT)
		slot = CHART_MAX_SLOT;
	double x0 = (CHART_WIDTH - slot * (double)n) / 2;
	struct bar busiest = bar_at(h, 0, by_year);
	for (size_t i = 1; i < n; i++) {
		struct bar b = bar_at(h, i, by_year);
		if (b.n > busiest.n)
			busiest = b;
	}
	/* The page's script hides this one and draws the events in view. */
	xmlNodePtr svg = el(h, fig, "svg", "static");
	attr(h, svg, "viewBox", "0 0 720 120");
	attr(h, svg, "role", "img");
	attr(h, svg, "aria-label", by_year ? "Events per year" : "Events per month");
	for (size_t i = 0; i < n; i++) {
		struct bar b = bar_at(h, i, by_year);
		if (b.n)
			draw_bar(h, svg, &b, x0 + slot * (double)i, slot, busiest.n);
	}
	draw_axis(h, svg, n, slot, x0, by_year);
	chart_caption(h, fig, n, by_year, &busiest);
	return fig;
}

static xmlNodePtr build_footer(struct html_out *h)
{
	char s[320];
	snprintf(s, sizeof(s),
		 "%zu event%s. Exported by communique; event types are CAMEO-coded and dates "
		 "are given as precisely as the reports allow. Confidence is how sure extraction "
		 "is of an event; \xE2\x9C\x93 verified marks one a person checked against its sources.",
		 h->total, h->total == 1 ? "" : "s");
	return el_text(h, NULL, "footer", NULL, s);
}

static int html_end(void *state, int ok)
{
	struct html_out *h = state;
	int rc = ok ? 0 : -1;
	if (rc == 0)
		rc = tl_puts(h->out, "</main>\n");
	if (rc == 0)
		rc = emit(h, build_chart(h));
	if (rc == 0)
		rc = emit(h, build_footer(h));
	if (rc == 0)
		rc = emit(h, el_text(h, NULL, "script", NULL, html_script));
	if (rc == 0)
		rc = tl_puts(h->out, "</body>\n</html>\n");
	if (tl_flush(h->out))
		rc = -1;
	html_free(h);
	return rc;
}

const struct exporter export_html = {"html", html_begin, html_event, html_end};
