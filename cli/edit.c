/* Building an event's correction: see edit.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/edit.h"
#include "cli/message.h"
#include "util/buf.h"
#include "util/types.h"

void edit_built_release(struct edit_built *b)
{
	for (size_t i = 0; i < b->n_actors; i++) {
		free(b->actors[i].name);
		free(b->actors[i].code);
	}
	free(b->actors);
	free(b->summary);
	memset(b, 0, sizeof(*b));
}

static int add_actor(struct store *s, const struct edit_spec *in, struct edit_built *b, const char *text,
		     enum actor_role role, char **msg)
{
	char *name, *code, *err = NULL;
	int kind;
	int rc = store_actor_lookup(s, text, &name, &code, &kind, &err);
	if (rc < 0) {
		*msg = err;
		return -2;
	}
	if (rc > 0) {
		char *cands[5];
		int n = store_actor_suggest(s, text, cands, 5, &err);
		free(err);
		struct buf m;
		buf_init(&m, 0);
		for (int k = 0; k < n; k++) {
			buf_printf(&m, "%s'%s'", k ? ", " : "", cands[k]);
			free(cands[k]);
		}
		/* Suggestions cut short are left out. */
		if (buf_failed(&m))
			n = 0;
		*msg = message("unknown actor '%s'%s%s%s (%s)", text, n > 0 ? "; did you mean " : "",
			    n > 0 ? buf_str(&m) : "", n > 0 ? "?" : "", in->actors_hint);
		buf_release(&m);
		return -1;
	}
	struct event_actor *p = realloc(b->actors, (b->n_actors + 1) * sizeof(*p));
	if (!p) {
		free(name);
		free(code);
		return -2;
	}
	b->actors = p;
	memset(&p[b->n_actors], 0, sizeof(*p));
	p[b->n_actors].name = name;
	p[b->n_actors].code = *code ? code : (free(code), NULL);
	p[b->n_actors].kind = (enum actor_kind)kind;
	p[b->n_actors].role = role;
	b->n_actors++;
	return 0;
}

static int build(struct store *s, const struct edit_spec *in, struct edit_built *b, char **msg)
{
	const char *dash = in->dash ? in->dash : "";
	b->e.status = -1;
	if (in->type) {
		const struct event_type *t = types_find(in->type);
		if (!t) {
			*msg = message("unknown event type '%s' (%s)", in->type, in->types_hint);
			return -1;
		}
		b->e.type = t->name;
		b->e.cameo = t->cameo;
	}
	if (in->status && (b->e.status = event_status_from_name(in->status)) < 0) {
		*msg = message("%sstatus: '%s' is not occurred, planned or negated", dash, in->status);
		return -1;
	}
	if (in->date) {
		b->e.set_date = 1;
		b->e.date.prec = PREC_UNKNOWN;
		if (strcmp(in->date, "none") && cdate_parse_exact(in->date, &b->e.date)) {
			*msg = message("%sdate: '%s' is not a date (YYYY, YYYY-MM, YYYY-MM-DD or 'none')", dash, in->date);
			return -1;
		}
	}
	static const enum actor_role roles[3] = {ROLE_SOURCE, ROLE_TARGET, ROLE_PARTICIPANT};
	for (int r = 0; r < 3; r++)
		for (size_t i = 0; i < in->n_actors[r]; i++) {
			int rc = add_actor(s, in, b, in->actors[r][i], roles[r], msg);
			if (rc)
				return rc;
		}
	if (in->n_actors[0] || in->n_actors[1] || in->n_actors[2]) {
		b->e.set_actors = 1;
		b->e.actors = b->actors;
		b->e.n_actors = b->n_actors;
	}
	if (in->set_topics) {
		b->e.set_topics = 1;
		b->e.topics = in->topics;
		b->e.n_topics = in->n_topics;
	}
	if (in->summary) {
		if (!*in->summary) {
			*msg = message("%ssummary cannot be empty", dash);
			return -1;
		}
		b->e.summary = in->summary;
	}
	return 0;
}

int edit_build(struct store *s, const struct edit_spec *in, struct edit_built *out, char **msg)
{
	memset(out, 0, sizeof(*out));
	*msg = NULL;
	int rc = build(s, in, out, msg);
	if (rc && !*msg)
		*msg = strdup("out of memory");
	return rc;
}

int edit_empty(const struct store_edit *e)
{
	return !e->type && e->status < 0 && !e->set_date && !e->set_actors && !e->set_topics && !e->summary;
}

/* A summary for an event added by hand without one: "Japan met China". */
static char *default_summary(const struct store_edit *e)
{
	const struct event_type *t = types_find(e->type);
	struct buf b;
	buf_init(&b, 0);
	int first = 1;
	for (size_t i = 0; i < e->n_actors; i++)
		if (e->actors[i].role != ROLE_TARGET) {
			buf_printf(&b, "%s%s", first ? "" : " and ", e->actors[i].name);
			first = 0;
		}
	const char *verb = e->status == STATUS_PLANNED ? t->planned : e->status == STATUS_NEGATED ? t->negated
			 : t->alone;
	buf_printf(&b, "%s%s", first ? "" : " ", verb && *verb ? verb : t->label);
	for (size_t i = 0, k = 0; i < e->n_actors; i++)
		if (e->actors[i].role == ROLE_TARGET)
			buf_printf(&b, "%s%s", k++ ? " and " : " ", e->actors[i].name);
	return buf_finish(&b);
}

int edit_new_event(struct edit_built *b, const char *evidence, struct event *ev)
{
	memset(ev, 0, sizeof(*ev));
	snprintf(ev->type, sizeof(ev->type), "%s", b->e.type);
	snprintf(ev->cameo, sizeof(ev->cameo), "%s", b->e.cameo);
	ev->status = b->e.status < 0 ? STATUS_OCCURRED : (enum event_status)b->e.status;
	b->e.status = (int)ev->status;
	ev->date = b->e.set_date ? b->e.date : (struct cdate){0, 0, 0, PREC_UNKNOWN};
	ev->actors = b->actors;
	ev->n_actors = b->n_actors;
	ev->topics = (char **)b->e.topics;
	ev->n_topics = b->e.set_topics ? b->e.n_topics : 0;
	free(b->summary);
	b->summary = b->e.summary ? strdup(b->e.summary) : default_summary(&b->e);
	if (!b->summary)
		return -1;
	ev->summary = b->summary;
	ev->evidence = (char *)evidence;
	return 0;
}
