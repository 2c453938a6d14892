/* The writing side of the API (POST /api/...): every curation of
 * docs/curation.md through the store's curation functions, as `communique
 * event` makes them, so that the command line and the browser see the same
 * corrections. The server has checked the token, the origin and the
 * content type; here the body is read (strict JSON, known keys only), the
 * writer lock taken, and one store call made. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/edit.h"
#include "web/web_internal.h"

#define TEXT_MAX 4000   /* a note, a reason, a summary */

struct act {
	json_t *body;
	const char *by, *why;
	const char *actors[3][48];      /* by role, as the body names them */
	size_t n_actors;                /* of all roles */
	const char *topics[32];
	struct edit_built b;            /* a->b.e is the edit */
};

static void act_release(struct act *a)
{
	edit_built_release(&a->b);
	json_decref(a->body);
}

/* A string field: NULL when absent; 400 when present and not a string or too long. */
static int str_field(struct act *a, const char *key, const char **out, int required, struct web_reply *r)
{
	json_t *v = json_object_get(a->body, key);
	*out = NULL;
	if (!v || json_is_null(v)) {
		if (required) {
			reply_error(r, 400, "'%s' is required", key);
			return 400;
		}
		return 0;
	}
	if (!json_is_string(v) || json_string_length(v) > TEXT_MAX ||
	    strlen(json_string_value(v)) != json_string_length(v)) {
		reply_error(r, 400, "'%s' must be a string of at most %d bytes without NUL", key, TEXT_MAX);
		return 400;
	}
	*out = json_string_value(v);
	if (required && !**out) {
		reply_error(r, 400, "'%s' must not be empty", key);
		return 400;
	}
	return 0;
}

/* Refuses keys the action does not take: a misspelt field must not be
 * silently ignored by a write. */
static int only_keys(struct act *a, const char *const *keys, struct web_reply *r)
{
	const char *k;
	json_t *v;
	json_object_foreach(a->body, k, v)
	{
		int ok = !strcmp(k, "by") || !strcmp(k, "why");
		for (size_t i = 0; keys[i] && !ok; i++)
			ok = !strcmp(k, keys[i]);
		if (!ok) {
			reply_error(r, 400, "unknown field '%s'", k);
			return 400;
		}
	}
	return 0;
}

/* An array of actor names: their names into a->actors[role] (checked
 * against the archive by edit_build). */
static int actor_names(struct act *a, const char *key, int role, size_t *n, int *given, struct web_reply *r)
{
	json_t *arr = json_object_get(a->body, key);
	*n = 0;
	if (!arr)
		return 0;
	if (!json_is_array(arr)) {
		reply_error(r, 400, "'%s' must be an array of actor names", key);
		return 400;
	}
	*given = 1;
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
	{
		if (!json_is_string(v) || json_string_length(v) > 200) {
			reply_error(r, 400, "'%s' must be an array of actor names", key);
			return 400;
		}
		if (a->n_actors >= sizeof(a->actors[0]) / sizeof(*a->actors[0])) {
			reply_error(r, 400, "too many actors");
			return 400;
		}
		a->actors[role][(*n)++] = json_string_value(v);
		a->n_actors++;
	}
	return 0;
}

/* The edit the body describes (edit, split, add), built as the CLI builds
 * it (edit_build). */
static int build_edit(struct store *s, struct act *a, struct web_reply *r)
{
	struct edit_spec in = {.dash = "", .types_hint = "see /api/meta",
			       .actors_hint = "the archive's actors: /api/actors"};
	if (str_field(a, "type", &in.type, 0, r) || str_field(a, "status", &in.status, 0, r) ||
	    str_field(a, "date", &in.date, 0, r) || str_field(a, "summary", &in.summary, 0, r))
		return r->status;
	int given = 0;
	static const char *const roles[3] = {"source", "target", "participant"};
	for (int k = 0; k < 3; k++) {
		if (actor_names(a, roles[k], k, &in.n_actors[k], &given, r))
			return r->status;
		in.actors[k] = a->actors[k];
	}
	if (given && !a->n_actors) {
		reply_error(r, 400, "an event needs at least one actor");
		return 400;
	}
	json_t *topics = json_object_get(a->body, "topics");
	if (topics) {
		if (!json_is_array(topics) || json_array_size(topics) > 32) {
			reply_error(r, 400, "'topics' must be an array of at most 32 topic names");
			return 400;
		}
		size_t i;
		json_t *v;
		json_array_foreach(topics, i, v)
		{
			if (!json_is_string(v) || !json_string_length(v) || json_string_length(v) > 200) {
				reply_error(r, 400, "'topics' must be an array of topic names");
				return 400;
			}
			a->topics[i] = json_string_value(v);
		}
		in.set_topics = 1;
		in.topics = a->topics;
		in.n_topics = json_array_size(topics);
	}
	char *msg = NULL;
	int rc = edit_build(s, &in, &a->b, &msg);
	if (rc == -1)
		reply_error(r, 400, "%s", msg);
	else if (rc)
		reply_store_error(r, msg), msg = NULL;
	free(msg);
	return rc ? r->status : 0;
}

static json_t *ids_json(int64_t event, int64_t curation)
{
	char ev[32], cu[32];
	snprintf(ev, sizeof(ev), "e%lld", (long long)event);
	snprintf(cu, sizeof(cu), "c%lld", (long long)curation);
	return json_pack("{s:b, s:s, s:s?}", "ok", 1, "event", ev, "curation", curation ? cu : NULL);
}

/* The outcome of a store call on event id. */
static void outcome(struct web_reply *r, int rc, char *err, int64_t id, int64_t cid)
{
	if (rc == 1) {
		free(err);
		reply_error(r, 404, "no event e%lld in the archive", (long long)id);
	} else if (rc) {
		reply_store_error(r, err);
	} else {
		reply_json(r, 200, ids_json(id, cid));
	}
}

static const char *const no_keys[] = {NULL};
static const char *const edit_keys[] = {"type", "status", "date", "source", "target", "participant",
					"topics", "summary", NULL};
static const char *const add_keys[] = {"type", "status", "date", "source", "target", "participant",
				       "topics", "summary", "report", "evidence", NULL};

static void do_add(struct store *s, struct act *a, struct web_reply *r, const struct store_who *w)
{
	const char *report, *evidence;
	if (only_keys(a, add_keys, r) || build_edit(s, a, r) || str_field(a, "report", &report, 0, r) ||
	    str_field(a, "evidence", &evidence, 0, r))
		return;
	if (!a->b.e.type) {
		reply_error(r, 400, "an added event needs its 'type'");
		return;
	}
	if (!a->n_actors) {
		reply_error(r, 400, "an added event needs its parties: 'source', 'target' or 'participant'");
		return;
	}
	int64_t rid = 0;
	if (report && *report && !(rid = web_parse_id(report, 'r'))) {
		reply_error(r, 400, "report: '%s' is not a report id (r12)", report);
		return;
	}
	if (evidence && *evidence && !rid) {
		reply_error(r, 400, "evidence needs a report: the passage is quoted from one");
		return;
	}
	struct event ev;
	if (edit_new_event(&a->b, evidence && *evidence ? evidence : NULL, &ev)) {
		reply_error(r, 500, "out of memory");
		return;
	}
	char *err = NULL;
	int64_t id = 0;
	int rc = store_event_add(s, &ev, rid, w, &id, &err);
	if (rc == 1) {
		free(err);
		reply_error(r, 404, "no report '%s' in the archive", report);
	} else if (rc) {
		reply_store_error(r, err);
	} else {
		reply_json(r, 201, ids_json(id, 0));
	}
}

static void do_act(struct store *s, struct act *a, struct web_reply *r, const struct store_who *w, int64_t id,
		   const char *verb)
{
	char *err = NULL;
	int64_t cid = 0;
	int rc;
	if (!strcmp(verb, "edit") || !strcmp(verb, "split")) {
		if (only_keys(a, edit_keys, r) || build_edit(s, a, r))
			return;
		if (edit_empty(&a->b.e)) {
			reply_error(r, 400, "nothing to change (give type, status, date, source, ...)");
			return;
		}
		if (!strcmp(verb, "edit")) {
			rc = store_event_edit(s, id, &a->b.e, w, &cid, &err);
			outcome(r, rc, err, id, cid);
		} else {
			int64_t nid = 0;
			rc = store_event_split(s, id, &a->b.e, w, &nid, &err);
			if (rc == 0) {
				reply_json(r, 201, ids_json(nid, 0));
				return;
			}
			outcome(r, rc, err, id, 0);
		}
		return;
	}
	if (!strcmp(verb, "delete") || !strcmp(verb, "restore") || !strcmp(verb, "verify") ||
	    !strcmp(verb, "unverify")) {
		if (only_keys(a, no_keys, r))
			return;
		if (!strcmp(verb, "delete") && (!w->reason || !*w->reason)) {
			reply_error(r, 400, "delete needs 'why': the reason is kept with the deletion");
			return;
		}
		rc = !strcmp(verb, "delete")	? store_event_delete(s, id, w, &cid, &err)
		     : !strcmp(verb, "restore") ? store_event_restore(s, id, w, &cid, &err)
						: store_event_verify(s, id, !strcmp(verb, "verify"), w, &cid, &err);
		outcome(r, rc, err, id, cid);
		return;
	}
	if (!strcmp(verb, "note")) {
		static const char *const keys[] = {"text", NULL};
		const char *text;
		if (only_keys(a, keys, r) || str_field(a, "text", &text, 1, r))
			return;
		rc = store_event_note(s, id, text, w, &cid, &err);
		outcome(r, rc, err, id, cid);
		return;
	}
	if (!strcmp(verb, "tag") || !strcmp(verb, "untag")) {
		static const char *const keys[] = {"tag", NULL};
		const char *tag;
		if (only_keys(a, keys, r) || str_field(a, "tag", &tag, 1, r))
			return;
		if (strlen(tag) > 100) {
			reply_error(r, 400, "tag: at most 100 bytes");
			return;
		}
		rc = store_event_tag(s, id, tag, !strcmp(verb, "tag"), w, &cid, &err);
		outcome(r, rc, err, id, cid);
		return;
	}
	if (!strcmp(verb, "merge")) {
		static const char *const keys[] = {"others", NULL};
		if (only_keys(a, keys, r))
			return;
		json_t *others = json_object_get(a->body, "others");
		size_t n = json_array_size(others);
		int64_t ids[64];
		if (!json_is_array(others) || !n || n > 64) {
			reply_error(r, 400, "'others' must be an array of 1 to 64 event ids to merge into e%lld",
				    (long long)id);
			return;
		}
		for (size_t i = 0; i < n; i++) {
			json_t *v = json_array_get(others, i);
			ids[i] = json_is_integer(v) ? json_integer_value(v)
			       : json_is_string(v) ? web_parse_id(json_string_value(v), 'e')
						    : 0;
			if (ids[i] <= 0 || ids[i] == id) {
				reply_error(r, 400, "'others': item %zu is not another event's id", i + 1);
				return;
			}
		}
		rc = store_event_merge(s, id, ids, n, w, &err);
		if (rc == 1) {
			free(err);
			reply_error(r, 404, "merge: one of the events does not exist");
			return;
		}
		outcome(r, rc, err, id, 0);
		return;
	}
	reply_error(r, 404, "no such action '%s'", verb);
}

static void do_undo(struct store *s, struct act *a, struct web_reply *r, const struct store_who *w, int64_t cid)
{
	if (only_keys(a, no_keys, r))
		return;
	char *err = NULL;
	int64_t uid = 0;
	int rc = store_curation_undo(s, cid, w, &uid, &err);
	if (rc == 1) {
		free(err);
		reply_error(r, 404, "no curation c%lld", (long long)cid);
	} else if (rc == 2) {
		free(err);
		reply_error(r, 409, "curation c%lld is undone already, or is itself an undo", (long long)cid);
	} else if (rc) {
		reply_store_error(r, err);
	} else {
		char cu[32], un[32];
		snprintf(cu, sizeof(cu), "c%lld", (long long)cid);
		snprintf(un, sizeof(un), "c%lld", (long long)uid);
		reply_json(r, 200, json_pack("{s:b, s:s, s:s}", "ok", 1, "undone", cu, "curation", un));
	}
}

void api_post(struct web_req *q, struct web_reply *r)
{
	const char *p = q->path + 4;
	/* The route first: an unknown one is 404 whatever the body. */
	int64_t id = 0, cid = 0;
	const char *verb = NULL;
	char vbuf[16];
	if (!strcmp(p, "/events")) {
		verb = "add";
	} else if (!strncmp(p, "/events/", 8)) {
		const char *slash = strchr(p + 8, '/');
		char num[24];
		size_t n = slash ? (size_t)(slash - (p + 8)) : 0;
		if (slash && n < sizeof(num) && strlen(slash + 1) < sizeof(vbuf)) {
			memcpy(num, p + 8, n);
			num[n] = 0;
			id = web_parse_id(num, 'e');
			snprintf(vbuf, sizeof(vbuf), "%s", slash + 1);
			verb = vbuf;
		}
	} else if (!strncmp(p, "/curations/", 11)) {
		const char *slash = strchr(p + 11, '/');
		char num[24];
		size_t n = slash ? (size_t)(slash - (p + 11)) : 0;
		if (slash && n < sizeof(num) && !strcmp(slash, "/undo")) {
			memcpy(num, p + 11, n);
			num[n] = 0;
			cid = web_parse_id(num, 'c');
			verb = cid ? "undo" : NULL;
		}
	}
	static const char *const verbs[] = {"edit", "delete", "restore", "verify", "unverify", "note",
					    "tag", "untag", "merge", "split", NULL};
	int known = verb && (!strcmp(verb, "add") || !strcmp(verb, "undo"));
	for (size_t i = 0; verbs[i] && verb && !known; i++)
		known = !strcmp(verb, verbs[i]) && id > 0;
	if (!known) {
		reply_error(r, 404, "no such endpoint");
		return;
	}
	struct act a;
	memset(&a, 0, sizeof(a));
	json_error_t jerr;
	a.body = json_loadb(q->body ? q->body : "", q->body_len, JSON_REJECT_DUPLICATES, &jerr);
	if (!a.body) {
		reply_error(r, 400, "malformed JSON at line %d, column %d: %s", jerr.line, jerr.column, jerr.text);
		return;
	}
	if (!json_is_object(a.body)) {
		reply_error(r, 400, "the body must be a JSON object");
		act_release(&a);
		return;
	}
	if (str_field(&a, "by", &a.by, 0, r) || str_field(&a, "why", &a.why, 0, r)) {
		act_release(&a);
		return;
	}
	if (a.by && (!*a.by || strlen(a.by) > 100)) {
		reply_error(r, 400, "by: 1 to 100 bytes");
		act_release(&a);
		return;
	}
	struct store_who w = {a.by ? a.by : q->cfg->by, a.why && *a.why ? a.why : NULL};
	struct store *s;
	struct store_lock *lock;
	if (web_write_begin(q->srv, &s, &lock, r)) {
		act_release(&a);
		return;
	}
	if (!strcmp(verb, "add"))
		do_add(s, &a, r, &w);
	else if (!strcmp(verb, "undo"))
		do_undo(s, &a, r, &w, cid);
	else
		do_act(s, &a, r, &w, id, verb);
	web_write_end(q->srv, s, lock);
	act_release(&a);
}
