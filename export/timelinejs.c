/* The TimelineJS3 exporter: the JSON a TimelineJS3 page loads
 * ({"title": {...}, "events": [...]}), one event per line.
 *
 * TimelineJS renders headline and text as HTML, so report text is escaped
 * by libxml2 (xmlEncodeSpecialChars) before it goes into them; the JSON
 * itself is encoded by jansson. Dates are given at the event's precision
 * (a month-precision event has no "day"); events whose date is unknown are
 * left out, since TimelineJS cannot place an event without a year.
 */
#include "export/export_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/entities.h>

#define DUMP_FLAGS JSON_ENCODE_ANY

struct tljs_out {
	FILE *out;
	size_t n;
	struct buf html;
};

/* Appends s escaped for HTML text and attribute values. */
static int add_escaped(struct buf *b, const char *s)
{
	char *clean = tl_utf8_clean(s, 1);
	if (!clean)
		return -1;
	xmlChar *esc = xmlEncodeSpecialChars(NULL, (const xmlChar *)clean);
	free(clean);
	if (!esc)
		return -1;
	int rc = buf_addstr(b, (const char *)esc);
	xmlFree(esc);
	return rc;
}

static int is_web_url(const char *u)
{
	return u && (!strncmp(u, "https://", 8) || !strncmp(u, "http://", 7));
}

static int add_actors(struct buf *b, const struct event *ev)
{
	int rc = 0;
	if (!ev->n_actors)
		return 0;
	rc |= buf_addstr(b, "<p>");
	for (size_t i = 0; i < ev->n_actors; i++) {
		const struct event_actor *a = &ev->actors[i];
		if (i)
			rc |= buf_addstr(b, ", ");
		rc |= add_escaped(b, a->name ? a->name : "");
		if (a->code) {
			rc |= buf_addstr(b, " (");
			rc |= add_escaped(b, a->code);
			rc |= buf_addstr(b, ")");
		}
	}
	rc |= buf_addstr(b, "</p>");
	return rc ? -1 : 0;
}

static int add_topics(struct buf *b, const struct event *ev)
{
	int rc = 0;
	if (!ev->n_topics)
		return 0;
	rc |= buf_addstr(b, "<p>Topics: ");
	for (size_t i = 0; i < ev->n_topics; i++) {
		if (i)
			rc |= buf_addstr(b, ", ");
		rc |= add_escaped(b, ev->topics[i]);
	}
	rc |= buf_addstr(b, "</p>");
	return rc ? -1 : 0;
}

static int add_sources(struct buf *b, const struct tl_event *e)
{
	int rc = 0;
	for (size_t i = 0; i < e->n_sources; i++) {
		const struct tl_source *s = &e->sources[i];
		rc |= buf_addstr(b, "<p>");
		rc |= add_escaped(b, s->agency ? s->agency : "");
		rc |= buf_addstr(b, ": ");
		if (is_web_url(s->url)) {
			rc |= buf_addstr(b, "<a href=\"");
			rc |= add_escaped(b, s->url);
			rc |= buf_addstr(b, "\">");
		}
		rc |= add_escaped(b, s->title ? s->title : "");
		if (is_web_url(s->url))
			rc |= buf_addstr(b, "</a>");
		rc |= buf_addstr(b, "</p>");
	}
	return rc ? -1 : 0;
}

/* The slide's body: actors, topics, the evidence quoted, the sources. */
static int event_html(struct buf *b, const struct tl_event *e)
{
	const struct event *ev = e->ev;
	buf_reset(b);
	int rc = buf_addstr(b, "");
	rc |= add_actors(b, ev);
	rc |= add_topics(b, ev);
	if (ev->evidence && *ev->evidence) {
		rc |= buf_addstr(b, "<blockquote>");
		rc |= add_escaped(b, ev->evidence);
		rc |= buf_addstr(b, "</blockquote>");
	}
	rc |= add_sources(b, e);
	return rc ? -1 : 0;
}

static json_t *jstring_take(struct buf *b)
{
	json_t *v = json_string(buf_str(b));
	buf_reset(b);
	return v;
}

static json_t *escaped_json(struct buf *b, const char *s)
{
	buf_reset(b);
	if (buf_addstr(b, "") || add_escaped(b, s))
		return NULL;
	return jstring_take(b);
}

static json_t *start_date(const struct cdate *d)
{
	char y[8], m[4], day[4];
	snprintf(y, sizeof(y), "%d", d->year);
	snprintf(m, sizeof(m), "%d", d->month);
	snprintf(day, sizeof(day), "%d", d->day);
	if (d->prec == PREC_DAY)
		return json_pack("{s:s, s:s, s:s}", "year", y, "month", m, "day", day);
	if (d->prec == PREC_MONTH || d->prec == PREC_SEASON)
		return json_pack("{s:s, s:s}", "year", y, "month", m);
	return json_pack("{s:s}", "year", y);
}

static json_t *event_json(struct tljs_out *t, const struct tl_event *e)
{
	const struct event *ev = e->ev;
	char id[32], when[48], label[48];
	snprintf(id, sizeof(id), "e%lld", (long long)e->id);
	tl_date_words(&ev->date, when, sizeof(when));
	tl_type_label(ev->type, label, sizeof(label));
	json_t *headline = escaped_json(&t->html, ev->summary && *ev->summary ? ev->summary : label);
	json_t *text = event_html(&t->html, e) ? NULL : jstring_take(&t->html);
	json_t *date = start_date(&ev->date);
	if (!headline || !text || !date) {
		json_decref(headline);
		json_decref(text);
		json_decref(date);
		return NULL;
	}
	return json_pack("{s:o, s:s, s:{s:o, s:o}, s:s, s:s}", "start_date", date,
			 "display_date", when, "text", "headline", headline, "text", text,
			 "group", ev->type, "unique_id", id);
}

static json_t *title_json(struct tljs_out *t, const struct tl_query *q, const struct tl_options *o)
{
	struct buf desc;
	buf_init(&desc, 0);
	json_t *headline = escaped_json(&t->html, o && o->title ? o->title : "Diplomatic timeline");
	json_t *text = tl_describe_query(&desc, q) ? NULL : escaped_json(&t->html, buf_str(&desc));
	buf_release(&desc);
	if (!headline || !text) {
		json_decref(headline);
		json_decref(text);
		return NULL;
	}
	return json_pack("{s:{s:o, s:o}}", "text", "headline", headline, "text", text);
}

static int dump(FILE *out, json_t *v)
{
	if (!v)
		return -1;
	int rc = json_dumpf(v, out, DUMP_FLAGS);
	json_decref(v);
	return rc || ferror(out) ? -1 : 0;
}

static void tljs_free(struct tljs_out *t)
{
	int saved = errno;
	buf_release(&t->html);
	free(t);
	errno = saved;
}

static int tljs_begin(void **state, FILE *out, const struct tl_query *q, const struct tl_options *o)
{
	struct tljs_out *t = calloc(1, sizeof(*t));
	if (!t)
		return -1;
	t->out = out;
	buf_init(&t->html, 0);
	if (tl_puts(out, "{\n  \"title\": ") || dump(out, title_json(t, q, o)) ||
	    tl_puts(out, ",\n  \"events\": [")) {
		tljs_free(t);
		return -1;
	}
	*state = t;
	return 0;
}

static int tljs_event(void *state, const struct tl_event *e)
{
	struct tljs_out *t = state;
	if (e->ev->date.prec == PREC_UNKNOWN || e->ev->date.year < 1)
		return 0;
	if (tl_puts(t->out, t->n ? ",\n    " : "\n    ") || dump(t->out, event_json(t, e)))
		return -1;
	t->n++;
	return 0;
}

static int tljs_end(void *state, int ok)
{
	struct tljs_out *t = state;
	int rc = 0;
	if (ok)
		rc = tl_puts(t->out, t->n ? "\n  ]\n}\n" : "]\n}\n");
	if (tl_flush(t->out))
		rc = -1;
	tljs_free(t);
	return rc;
}

const struct exporter export_timelinejs = {"timelinejs", tljs_begin, tljs_event, tljs_end};
