/* The TimelineJS3 exporter: the JSON a TimelineJS3 page loads
 * ({"title": {...}, "events": [...]}), one event per line.
 *
 * TimelineJS renders headline and text as HTML, so report text is escaped
 * by libxml2 (xmlEncodeSpecialChars) before it goes into them; the JSON
 * itself is encoded by jansson. Dates are given at the event's precision
 * (a month-precision event has no "day"); events whose date is unknown are
 * left out, since TimelineJS cannot place an event without a year. Each
 * slide's headline starts with who acted on whom ("Source → Target: "),
 * its text holds the evidence and the sources. What
 * analysts added (verification, tags, notes) and, in an incremental export,
 * what changed go into the slide's text.
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
	long undated;        /* events left out for want of a date */
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

/* "<p>Sergei Lavrov (RUS) → Antony Blinken (USA)</p>": who acted on whom;
 * the parties of a mutual act joined with "&". */
static int add_actors(struct buf *b, const struct event *ev)
{
	int rc = 0;
	if (!ev->n_actors)
		return 0;
	rc |= buf_addstr(b, "<p>");
	static const enum actor_role order[] = {ROLE_SOURCE, ROLE_PARTICIPANT, ROLE_TARGET};
	int written = 0;
	for (size_t r = 0; r < 3; r++) {
		int first_of_role = 1;
		for (size_t i = 0; i < ev->n_actors; i++) {
			const struct event_actor *a = &ev->actors[i];
			if (a->role != order[r])
				continue;
			if (written)
				rc |= buf_addstr(b, !first_of_role ? (order[r] == ROLE_PARTICIPANT ? " &amp; " : ", ")
						 : order[r] == ROLE_TARGET ? " \xE2\x86\x92 " : " &amp; ");
			rc |= add_escaped(b, a->name ? a->name : "");
			if (a->code) {
				rc |= buf_addstr(b, " (");
				rc |= add_escaped(b, a->code);
				rc |= buf_addstr(b, ")");
			}
			written = 1;
			first_of_role = 0;
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

static int add_tags(struct buf *b, const struct tl_curation *c)
{
	int rc = 0;
	if (!c->n_tags)
		return 0;
	rc |= buf_addstr(b, "<p>Tags: ");
	for (size_t i = 0; i < c->n_tags; i++) {
		if (i)
			rc |= buf_addstr(b, ", ");
		rc |= add_escaped(b, c->tags[i] ? c->tags[i] : "");
	}
	rc |= buf_addstr(b, "</p>");
	return rc ? -1 : 0;
}

/* "<p><em>Note (anna, 3 December 2026):</em> text</p>" per note. */
static int add_notes(struct buf *b, const struct tl_curation *c)
{
	int rc = 0;
	struct buf who;
	buf_init(&who, 0);
	for (size_t i = 0; i < c->n_notes; i++) {
		rc |= buf_addstr(b, "<p><em>Note");
		rc |= tl_note_attribution(&c->notes[i], &who);
		rc |= add_escaped(b, buf_str(&who));
		rc |= buf_addstr(b, ":</em> ");
		rc |= add_escaped(b, c->notes[i].text ? c->notes[i].text : "");
		rc |= buf_addstr(b, "</p>");
	}
	buf_release(&who);
	return rc ? -1 : 0;
}

/* "<p>✓ Verified by anna · Withdrawn, merged into e12</p>", when either. */
static int add_status(struct buf *b, const struct tl_event *e)
{
	const struct tl_curation *c = &e->cur;
	int rc = 0;
	if (!c->verified && e->change == TL_CHANGE_NONE)
		return 0;
	rc |= buf_addstr(b, "<p>");
	if (c->verified) {
		rc |= buf_addstr(b, "\xE2\x9C\x93 Verified");
		if (c->verified_by && *c->verified_by) {
			rc |= buf_addstr(b, " by ");
			rc |= add_escaped(b, c->verified_by);
		}
	}
	if (e->change != TL_CHANGE_NONE) {
		const char *name = tl_change_name(e->change);
		rc |= buf_printf(b, "%s%c%s", c->verified ? " \xC2\xB7 " : "", name[0] - 'a' + 'A', name + 1);
		if (e->change == TL_CHANGE_WITHDRAWN && e->merged_into)
			rc |= buf_printf(b, ", merged into e%lld", (long long)e->merged_into);
	}
	rc |= buf_addstr(b, "</p>");
	return rc ? -1 : 0;
}

/* The slide's body: verification and change, actors, topics, tags, the
 * evidence quoted, the analysts' notes, the sources. */
static int event_html(struct buf *b, const struct tl_event *e)
{
	const struct event *ev = tl_fields(e);
	buf_reset(b);
	int rc = buf_addstr(b, "");
	rc |= add_status(b, e);
	rc |= add_actors(b, ev);
	rc |= add_topics(b, ev);
	rc |= add_tags(b, &e->cur);
	if (ev->evidence && *ev->evidence) {
		rc |= buf_addstr(b, "<blockquote>");
		rc |= add_escaped(b, ev->evidence);
		rc |= buf_addstr(b, "</blockquote>");
	}
	rc |= add_notes(b, &e->cur);
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

/* The slide's headline, escaped: who acted on whom, then what happened
 * ("United States → North Korea: The United States imposed new sanctions
 * ..."; the parties of a mutual act joined with "&"). The timeline's
 * markers show the start of the headline, so the parties come first.
 * Without actors, the summary alone; without a summary, the type. */
static json_t *headline_json(struct tljs_out *t, const struct event *ev)
{
	char label[48];
	tl_type_label(ev->type, label, sizeof(label));
	struct buf plain;
	buf_init(&plain, 0);
	int rc = tl_actors_line(ev, &plain);
	if (rc == 0 && plain.len)
		rc = buf_addstr(&plain, ": ");
	if (rc == 0)
		rc = buf_addstr(&plain, ev->summary && *ev->summary ? ev->summary : label);
	json_t *v = rc ? NULL : escaped_json(&t->html, buf_str(&plain));
	buf_release(&plain);
	return v;
}

static json_t *event_json(struct tljs_out *t, const struct tl_event *e)
{
	const struct event *ev = tl_fields(e);
	char id[32], when[48];
	snprintf(id, sizeof(id), "e%lld", (long long)e->id);
	tl_date_words(&ev->date, when, sizeof(when));
	json_t *headline = headline_json(t, ev);
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
	const struct cdate *d = &tl_fields(e)->date;
	if (d->prec == PREC_UNKNOWN || d->year < 1) {
		t->undated++;   /* a timeline has no place for it: counted at the end */
		return 0;
	}
	if (tl_puts(t->out, t->n ? ",\n    " : "\n    ") || dump(t->out, event_json(t, e)))
		return -1;
	t->n++;
	return 0;
}

static int tljs_end(void *state, int ok)
{
	struct tljs_out *t = state;
	int rc = 0;
	/* TimelineJS ignores keys it does not know: the count of undated events
	 * it could not place tells a reader of the file what is missing. */
	if (ok) {
		char tail[96];
		snprintf(tail, sizeof(tail), "%s,\n  \"undated_left_out\": %ld\n}\n", t->n ? "\n  ]" : "]",
			 t->undated);
		rc = tl_puts(t->out, tail);
	}
	if (tl_flush(t->out))
		rc = -1;
	tljs_free(t);
	return rc;
}

const struct exporter export_timelinejs = {"timelinejs", tljs_begin, tljs_event, tljs_end};
