/* Diplomatic events: see event.h. */
#include "ingest/event.h"

#include <stdlib.h>
#include <string.h>

void event_init(struct event *e)
{
	memset(e, 0, sizeof(*e));
}

void event_release(struct event *e)
{
	for (size_t i = 0; i < e->n_actors; i++) {
		free(e->actors[i].name);
		free(e->actors[i].code);
		free(e->actors[i].title);
	}
	free(e->actors);
	for (size_t i = 0; i < e->n_topics; i++)
		free(e->topics[i]);
	free(e->topics);
	free(e->summary);
	free(e->evidence);
	memset(e, 0, sizeof(*e));
}

int event_add_actor(struct event *e, const char *name, const char *code, const char *title,
		    enum actor_kind kind, enum actor_role role)
{
	struct event_actor *a = realloc(e->actors, (e->n_actors + 1) * sizeof(*a));
	if (!a)
		return -1;
	e->actors = a;
	a = &e->actors[e->n_actors];
	a->name = name ? strdup(name) : NULL;
	a->code = code && *code ? strdup(code) : NULL;
	a->title = title && *title ? strdup(title) : NULL;
	a->kind = kind;
	a->role = role;
	if ((name && !a->name) || (code && *code && !a->code) || (title && *title && !a->title)) {
		free(a->name);
		free(a->code);
		free(a->title);
		return -1;
	}
	e->n_actors++;
	return 0;
}

int event_add_topic(struct event *e, const char *topic)
{
	for (size_t i = 0; i < e->n_topics; i++)
		if (!strcmp(e->topics[i], topic))
			return 0;
	char **t = realloc(e->topics, (e->n_topics + 1) * sizeof(*t));
	if (!t)
		return -1;
	e->topics = t;
	if (!(t[e->n_topics] = strdup(topic)))
		return -1;
	e->n_topics++;
	return 0;
}

const char *event_status_name(enum event_status s)
{
	switch (s) {
	case STATUS_PLANNED: return "planned";
	case STATUS_NEGATED: return "negated";
	default: return "occurred";
	}
}

int event_status_from_name(const char *s)
{
	if (!strcmp(s, "occurred")) return STATUS_OCCURRED;
	if (!strcmp(s, "planned")) return STATUS_PLANNED;
	if (!strcmp(s, "negated")) return STATUS_NEGATED;
	return -1;
}

const char *actor_role_name(enum actor_role r)
{
	switch (r) {
	case ROLE_SOURCE: return "source";
	case ROLE_TARGET: return "target";
	default: return "participant";
	}
}

const char *actor_kind_name(enum actor_kind k)
{
	switch (k) {
	case ACTOR_STATE: return "state";
	case ACTOR_ORG: return "org";
	case ACTOR_PERSON: return "person";
	default: return "group";
	}
}

void event_list_init(struct event_list *l)
{
	memset(l, 0, sizeof(*l));
}

void event_list_release(struct event_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		event_release(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

struct event *event_list_push(struct event_list *l)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		struct event *p = realloc(l->items, cap * sizeof(*p));
		if (!p)
			return NULL;
		l->items = p;
		l->cap = cap;
	}
	struct event *e = &l->items[l->n++];
	event_init(e);
	return e;
}
