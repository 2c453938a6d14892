/* A small realistic timeline for the export tests (tests/unit/test_export*.c):
 * Japan, the United States and North Korea around the Sony Pictures hack,
 * winter 2014-15, in our own words, plus one hostile event whose text is
 * full of quotes, separators, line breaks, markup and spreadsheet formulas.
 * Events come in date order, as the store streams them.
 */
#ifndef COMMUNIQUE_TEST_EXPORT_FIXTURES_H
#define COMMUNIQUE_TEST_EXPORT_FIXTURES_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/timeline.h"
#include "util/cdate.h"

#define FX_MAX 8
#define FX_HOSTILE_SUMMARY \
	"=HYPERLINK(\"http://evil.example/\",\"click\"), said the \"envoy\"; then\n" \
	"<script>alert('x')</script> & more, \"quoted\"\r\nend"

struct fx_timeline {
	struct event ev[FX_MAX];
	struct tl_source src[FX_MAX][3];
	struct tl_event te[FX_MAX];
	size_t n;
};

static inline int64_t fx_time(int y, int m, int d, int hh, int mm)
{
	return unix_from_civil(y, m, d, hh, mm, 0);
}

static inline struct event *fx_add(struct fx_timeline *t, int64_t id, const char *type,
				   const char *cameo, struct cdate date, const char *summary,
				   const char *evidence)
{
	struct event *ev = &t->ev[t->n];
	event_init(ev);
	snprintf(ev->type, sizeof(ev->type), "%s", type);
	snprintf(ev->cameo, sizeof(ev->cameo), "%s", cameo);
	ev->date = date;
	ev->summary = strdup(summary);
	ev->evidence = strdup(evidence);
	t->te[t->n].id = id;
	t->te[t->n].ev = ev;
	t->te[t->n].sources = t->src[t->n];
	t->te[t->n].added = fx_time(2026, 11, 20, 9, 0);
	t->n++;
	return ev;
}

static inline void fx_source(struct fx_timeline *t, int64_t report, const char *agency,
			     const char *title, const char *url, int64_t published)
{
	struct tl_event *te = &t->te[t->n - 1];
	struct tl_source *s = &t->src[t->n - 1][te->n_sources++];
	s->report_id = report;
	s->agency = agency;
	s->title = title;
	s->url = url;
	s->published = published;
	s->published_known = published != 0;
}

static inline void fx_build(struct fx_timeline *t, int hostile)
{
	struct event *ev;
	memset(t, 0, sizeof(*t));

	ev = fx_add(t, 7, "sanctions_relief", "085", (struct cdate){2014, 6, 0, PREC_SEASON},
		    "Japan lifted part of its unilateral sanctions on North Korea",
		    "Last summer Tokyo eased some of its own measures against Pyongyang after "
		    "the North agreed to reinvestigate the abductions.");
	event_add_actor(ev, "Japan", "JPN", NULL, ACTOR_STATE, ROLE_SOURCE);
	event_add_actor(ev, "North Korea", "PRK", NULL, ACTOR_STATE, ROLE_TARGET);
	event_add_topic(ev, "sanctions");
	event_add_topic(ev, "abductions");
	fx_source(t, 3, "Kyodo", "Japan weighs next step on North Korea talks",
		  "https://english.kyodonews.net/news/2015/01/a1.html", fx_time(2015, 1, 5, 23, 40));

	ev = fx_add(t, 5, "denial", "016", (struct cdate){2014, 12, 0, PREC_MONTH},
		    "North Korea denied any role in the hacking of Sony Pictures",
		    "Pyongyang rejected the accusations as groundless and said it had nothing "
		    "to do with the attack.");
	event_add_actor(ev, "North Korea", "PRK", NULL, ACTOR_STATE, ROLE_SOURCE);
	event_add_topic(ev, "cyber security");
	fx_source(t, 2, "Xinhua", "DPRK rejects US hacking charge", NULL, 0);

	ev = fx_add(t, 2, "sanctions", "163", (struct cdate){2015, 1, 2, PREC_DAY},
		    "The United States imposed new sanctions on North Korea over the Sony hack",
		    "On Friday Washington announced sanctions against three North Korean "
		    "entities and ten officials in response to the cyber attack.");
	event_add_actor(ev, "United States", "USA", NULL, ACTOR_STATE, ROLE_SOURCE);
	event_add_actor(ev, "North Korea", "PRK", NULL, ACTOR_STATE, ROLE_TARGET);
	event_add_topic(ev, "sanctions");
	event_add_topic(ev, "cyber security");
	fx_source(t, 6, "Reuters", "U.S. sanctions North Korean entities over Sony hack",
		  "https://www.reuters.com/article/us-northkorea-cyberattack-idUSKBN0KB0XZ",
		  fx_time(2015, 1, 2, 21, 15));

	ev = fx_add(t, 1, "phone_call", "041", (struct cdate){2015, 1, 6, PREC_DAY},
		    "Kishida and Kerry discussed North Korea and cyber security by phone",
		    "Japanese Foreign Minister Fumio Kishida and US Secretary of State John Kerry "
		    "held telephone talks on Tuesday.");
	event_add_actor(ev, "Fumio Kishida", "JPN", "Minister for Foreign Affairs", ACTOR_PERSON,
			ROLE_PARTICIPANT);
	event_add_actor(ev, "John Kerry", "USA", "Secretary of State", ACTOR_PERSON,
			ROLE_PARTICIPANT);
	event_add_topic(ev, "cyber security");
	event_add_topic(ev, "North Korea");
	fx_source(t, 1, "TASS", "Japanese, US top diplomats discuss North Korea by phone",
		  "https://tass.com/world/769871", fx_time(2015, 1, 6, 7, 10));
	fx_source(t, 4, "Kyodo", "Kishida, Kerry agree to cooperate on N. Korea",
		  "https://english.kyodonews.net/news/2015/01/a2.html", fx_time(2015, 1, 6, 5, 2));

	ev = fx_add(t, 9, "meeting", "040", (struct cdate){2015, 0, 0, PREC_YEAR},
		    "Japan intends to host a summit with China and South Korea",
		    "Tokyo hopes to hold the trilateral summit in Japan within the year.");
	ev->status = STATUS_PLANNED;
	event_add_actor(ev, "Japan", "JPN", NULL, ACTOR_STATE, ROLE_PARTICIPANT);
	event_add_actor(ev, "China", "CHN", NULL, ACTOR_STATE, ROLE_PARTICIPANT);
	event_add_actor(ev, "South Korea", "KOR", NULL, ACTOR_STATE, ROLE_PARTICIPANT);
	event_add_topic(ev, "regional security");
	fx_source(t, 4, "Kyodo", "Kishida, Kerry agree to cooperate on N. Korea",
		  "https://english.kyodonews.net/news/2015/01/a2.html", fx_time(2015, 1, 6, 5, 2));

	if (!hostile)
		return;
	ev = fx_add(t, 12, "statement", "010", (struct cdate){0, 0, 0, PREC_UNKNOWN},
		    FX_HOSTILE_SUMMARY, "\t-2+3 \"evidence\" <b>bold</b>");
	event_add_actor(ev, "European Union", "EU", NULL, ACTOR_ORG, ROLE_SOURCE);
	event_add_actor(ev, "=cmd|' /C calc'!A0", NULL, NULL, ACTOR_GROUP, ROLE_TARGET);
	event_add_topic(ev, "@SUM(1+1)");
	fx_source(t, 11, "AFP", "+Ministry \"readout\", in full",
		  "javascript:alert(1)", fx_time(2015, 2, 1, 12, 0));
}

static inline void fx_release(struct fx_timeline *t)
{
	for (size_t i = 0; i < t->n; i++)
		event_release(&t->ev[i]);
	t->n = 0;
}

/* Runs the named exporter over the timeline into memory; returns the text
 * (malloc'd, NUL-terminated) and its length, or NULL when a step failed. */
static inline char *fx_export(const struct fx_timeline *t, const char *format,
			      const struct tl_query *q, const struct tl_options *o, size_t *len)
{
	const struct exporter *x = exporter_find(format);
	char *text = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&text, &n);
	if (!x || !f)
		return NULL;
	void *state = NULL;
	int rc = x->begin(&state, f, q, o);
	for (size_t i = 0; rc == 0 && i < t->n; i++)
		rc = x->event(state, &t->te[i]);
	if (state)
		rc |= x->end(state, rc == 0);
	fclose(f);
	if (rc) {
		free(text);
		return NULL;
	}
	if (len)
		*len = n;
	return text;
}

#endif
