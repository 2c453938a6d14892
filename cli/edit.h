/* An event's correction as `communique event edit/split/add` and serve's
 * POST /api/events... describe it: checked against the archive and built
 * into a store_edit by the same code, which returns its messages (the CLI
 * prints them, the server answers them as 400). */
#ifndef COMMUNIQUE_CLI_EDIT_H
#define COMMUNIQUE_CLI_EDIT_H
#include <stddef.h>

#include "store/store.h"

struct edit_spec {
	const char *type, *status, *date, *summary;        /* NULL: unchanged */
	const char *const *actors[3]; size_t n_actors[3];   /* by role: source, target, participant */
	int set_topics;                                     /* the topics become these */
	const char *const *topics; size_t n_topics;
	const char *dash;          /* before a field's name in messages: "--" (CLI), "" (server) */
	const char *types_hint;    /* where the types are listed, for an unknown one */
	const char *actors_hint;   /* where the actors are listed, for an unknown one */
};

struct edit_built {
	struct store_edit e;       /* its actors and topics point into this and the spec */
	struct event_actor *actors;
	size_t n_actors;
	char *summary;             /* made by edit_new_event when none was given */
};

/* Fills out from in; 0, -1 when the spec is wrong, -2 when the archive
 * fails, with a message in *msg (the caller frees it). Release out with
 * edit_built_release, also after a failure. */
int edit_build(struct store *s, const struct edit_spec *in, struct edit_built *out, char **msg);
void edit_built_release(struct edit_built *b);

/* Whether the edit changes nothing. */
int edit_empty(const struct store_edit *e);

/* The event an `add` stores: the edit's fields (status occurred and no date
 * when not given), the summary made from the parties and the type when none
 * was given ("Japan met China"), the evidence as given. 0, or -1 when out
 * of memory. */
int edit_new_event(struct edit_built *b, const char *evidence, struct event *ev);


#endif
