/* A diplomatic event found in a report, as extraction produces it and the
 * store keeps it. The vocabulary is that of docs/events.md (types, CAMEO
 * codes, status, roles). Strings are malloc'd and owned by the event:
 * event_release() frees them.
 */
#ifndef COMMUNIQUE_EVENT_H
#define COMMUNIQUE_EVENT_H
#include <stddef.h>

#include "util/cdate.h"

enum event_status {
	STATUS_OCCURRED = 0,
	STATUS_PLANNED = 1,
	STATUS_NEGATED = 2,
};

enum actor_role {
	ROLE_SOURCE = 0,
	ROLE_TARGET = 1,
	ROLE_PARTICIPANT = 2,
};

/* The kinds of actor; stored, never renumber. */
enum actor_kind {
	ACTOR_STATE = 0,     /* a state or territory */
	ACTOR_ORG = 1,       /* an international organisation or one of its bodies */
	ACTOR_PERSON = 2,    /* a named person */
	ACTOR_GROUP = 3,     /* a company, party, militant group: a named non-state actor */
};

struct event_actor {
	char *name;          /* canonical: "Fumio Kishida", "Japan" */
	char *code;          /* ISO alpha-3 of the state it acts for, or an org code; may be NULL */
	char *title;         /* "Minister for Foreign Affairs" for persons, else NULL */
	enum actor_kind kind;
	enum actor_role role;
};

struct event {
	char type[24];       /* "phone_call", ... (docs/events.md) */
	char cameo[8];       /* "041" */
	enum event_status status;
	struct cdate date;
	struct event_actor *actors;
	size_t n_actors;
	char **topics;       /* topic names */
	size_t n_topics;
	char *summary;       /* one readable line */
	char *evidence;      /* the supporting sentence */
	size_t ev_start, ev_end; /* byte offsets of the evidence in the report body */
	double confidence;   /* 0..1, how sure extraction is (ingest/extract/confidence.c); 0 none given */
};

void event_init(struct event *e);
void event_release(struct event *e);
/* Each returns 0, or -1 when memory ran out. */
int event_add_actor(struct event *e, const char *name, const char *code, const char *title,
		    enum actor_kind kind, enum actor_role role);
int event_add_topic(struct event *e, const char *topic);

const char *event_status_name(enum event_status s);
const char *actor_role_name(enum actor_role r);
const char *actor_kind_name(enum actor_kind k);
/* -1 when the name is unknown. */
int event_status_from_name(const char *s);

/* A growable list of events. */
struct event_list {
	struct event *items;
	size_t n, cap;
};
void event_list_init(struct event_list *l);
void event_list_release(struct event_list *l);
/* Returns a new zeroed, initialised event at the end, or NULL when memory ran out. */
struct event *event_list_push(struct event_list *l);

#endif
