/* The JSON timeline (docs/events.md, version 1) and JSON Lines exporters.
 *
 * json writes {"version", "generated_at", "query", "events": [...]}; the
 * envelope is written piece by piece and each event is encoded by jansson
 * on its own line, so the export streams and every string is escaped by
 * the library. jsonl writes one event object per line and nothing else.
 * schema/timeline.schema.json describes both.
 */
#include "export/export_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Every dump: insertion order (jansson keeps it), UTF-8 left as is. */
#define DUMP_FLAGS (JSON_ENCODE_ANY | JSON_REAL_PRECISION(10))

/* A JSON string for s, or null for NULL. Text that is not valid UTF-8 is
 * repaired (U+FFFD) rather than dropped: jansson refuses it. */
static json_t *jstr(const char *s)
{
	if (!s)
		return json_null();
	json_t *v = json_string(s);
	if (v)
		return v;
	char *clean = tl_utf8_clean(s, 0);
	if (!clean)
		return NULL;
	v = json_string(clean);
	free(clean);
	return v;
}

/* Sets key to v (stealing it); NULL v means an earlier allocation failed. */
static int put(json_t *obj, const char *key, json_t *v)
{
	if (!v)
		return -1;
	return json_object_set_new(obj, key, v);
}

static int push(json_t *arr, json_t *v)
{
	if (!v)
		return -1;
	return json_array_append_new(arr, v);
}

static json_t *jid(char prefix, int64_t id)
{
	char s[32];
	snprintf(s, sizeof(s), "%c%lld", prefix, (long long)id);
	return json_string(s);
}

static json_t *jtime(int64_t t, int known)
{
	char iso[24];
	if (!known)
		return json_null();
	format_iso_utc(t, iso);
	return json_string(iso);
}

static json_t *actor_json(const struct event_actor *a)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	int rc = put(o, "name", jstr(a->name ? a->name : ""));
	rc |= put(o, "code", jstr(a->code));
	rc |= put(o, "role", json_string(actor_role_name(a->role)));
	if (a->title)
		rc |= put(o, "title", jstr(a->title));
	rc |= put(o, "kind", json_string(actor_kind_name(a->kind)));
	if (rc) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *source_json(const struct tl_source *s)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	int rc = put(o, "report", jid('r', s->report_id));
	rc |= put(o, "agency", jstr(s->agency ? s->agency : ""));
	rc |= put(o, "title", jstr(s->title ? s->title : ""));
	rc |= put(o, "url", jstr(s->url));
	rc |= put(o, "published", jtime(s->published, s->published_known));
	if (rc) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *actors_json(const struct event *ev)
{
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < ev->n_actors; i++) {
		if (push(arr, actor_json(&ev->actors[i]))) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

static json_t *topics_json(const struct event *ev)
{
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < ev->n_topics; i++) {
		if (push(arr, jstr(ev->topics[i]))) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

static json_t *sources_json(const struct tl_event *e)
{
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < e->n_sources; i++) {
		if (push(arr, source_json(&e->sources[i]))) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

static json_t *date_json(const struct cdate *d)
{
	char s[16];
	cdate_format(d, s);
	return s[0] ? json_string(s) : json_null();
}

static json_t *list_json(const char *const *items, size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < n; i++) {
		if (push(arr, jstr(items[i] ? items[i] : ""))) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

static json_t *note_json(const struct tl_note *n)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	int rc = put(o, "text", jstr(n->text ? n->text : ""));
	rc |= put(o, "by", jstr(n->by));
	rc |= put(o, "at", jtime(n->at, n->at != 0));
	if (rc) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* What people did to the event; every key present, so that a reader need
 * not test for any. */
static json_t *curation_json(const struct tl_curation *c)
{
	json_t *o = json_object(), *notes = json_array();
	if (!o || !notes) {
		json_decref(o);
		json_decref(notes);
		return NULL;
	}
	int rc = put(o, "verified", json_boolean(c->verified));
	rc |= put(o, "verified_by", jstr(c->verified ? c->verified_by : NULL));
	rc |= put(o, "verified_at", jtime(c->verified_at, c->verified && c->verified_at != 0));
	rc |= put(o, "tags", list_json(c->tags, c->n_tags));
	for (size_t i = 0; i < c->n_notes; i++)
		rc |= push(notes, note_json(&c->notes[i]));
	rc |= put(o, "notes", notes);
	rc |= put(o, "fields_set", list_json(c->fields_set, c->n_fields_set));
	rc |= put(o, "added_by_hand", json_boolean(c->added_by_hand));
	if (rc) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* The event's own fields (docs/events.md, "One event"). */
static int put_fields(json_t *o, const struct event *ev)
{
	int rc = put(o, "date", date_json(&ev->date));
	rc |= put(o, "date_precision", json_string(tl_precision_name(ev->date.prec)));
	rc |= put(o, "type", jstr(ev->type));
	rc |= put(o, "cameo", jstr(ev->cameo));
	rc |= put(o, "status", json_string(event_status_name(ev->status)));
	rc |= put(o, "actors", actors_json(ev));
	rc |= put(o, "topics", topics_json(ev));
	rc |= put(o, "summary", jstr(ev->summary ? ev->summary : ""));
	rc |= put(o, "evidence", jstr(ev->evidence ? ev->evidence : ""));
	return rc;
}

json_t *tl_event_json(const struct tl_event *e)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	int rc = put(o, "id", jid('e', e->id));
	/* A withdrawn event the archive no longer holds has no fields to give. */
	if (tl_has_fields(e))
		rc |= put_fields(o, e->ev);
	rc |= put(o, "sources", sources_json(e));
	rc |= put(o, "added", jtime(e->added, e->added != 0));
	rc |= put(o, "confidence", json_real(tl_confidence(e)));
	double g;
	/* Like the event's own fields, none for a withdrawn event without them. */
	if (tl_has_fields(e))
		rc |= put(o, "intensity", tl_intensity(e->ev, &g) == 0 ? json_real(g) : json_null());
	rc |= put(o, "curation", curation_json(&e->cur));
	/* Only an incremental export says what happened since the last one. */
	if (e->change != TL_CHANGE_NONE) {
		rc |= put(o, "change", json_string(tl_change_name(e->change)));
		rc |= put(o, "merged_into", e->change == TL_CHANGE_WITHDRAWN && e->merged_into
						    ? jid('e', e->merged_into) : json_null());
	}
	if (rc) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* Splits "occurred,planned" into ["occurred", "planned"], trimming spaces. */
static json_t *split_list(const char *s)
{
	json_t *arr = json_array();
	while (arr && s && *s) {
		const char *comma = strchr(s, ',');
		size_t n = comma ? (size_t)(comma - s) : strlen(s);
		const char *p = s;
		while (n && *p == ' ')
			p++, n--;
		while (n && p[n - 1] == ' ')
			n--;
		if (n) {
			char *item = xstrndup(p, n);
			json_t *v = item ? jstr(item) : NULL;
			free(item);
			if (push(arr, v)) {
				json_decref(arr);
				return NULL;
			}
		}
		s = comma ? comma + 1 : NULL;
	}
	return arr;
}

static int put_query_strings(json_t *o, const struct tl_query *q)
{
	static const char *const keys[] = {"topic", "from", "to", "agency", "text"};
	const char *vals[] = {q->topic, q->from, q->to, q->agency, q->text};
	int rc = 0;
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (vals[i])
			rc |= put(o, keys[i], jstr(vals[i]));
	return rc;
}

/* The filters that produced the timeline; absent ones are left out. Lists
 * given comma-separated (types, status) become arrays. */
static json_t *query_json(const struct tl_query *q)
{
	json_t *o = json_object();
	if (!o || !q)
		return o;
	int rc = 0;
	if (q->n_actors) {
		json_t *arr = json_array();
		for (size_t i = 0; arr && i < q->n_actors; i++)
			if (push(arr, jstr(q->actors[i])))
				rc = -1;
		rc |= put(o, "actors", arr);
	}
	if (q->between[0] && q->between[1]) {
		json_t *arr = json_array();
		rc |= arr ? 0 : -1;
		if (arr) {
			rc |= push(arr, jstr(q->between[0]));
			rc |= push(arr, jstr(q->between[1]));
		}
		rc |= put(o, "between", arr);
	}
	if (q->types)
		rc |= put(o, "types", split_list(q->types));
	rc |= put_query_strings(o, q);
	if (q->status)
		rc |= put(o, "status", split_list(q->status));
	if (q->limit)
		rc |= put(o, "limit", json_integer(q->limit));
	if (rc) {
		json_decref(o);
		return NULL;
	}
	return o;
}

struct json_out {
	FILE *out;
	size_t n;       /* events written so far */
	int lines;      /* JSON Lines: no envelope */
};

/* Dumps v (stolen) to the stream. */
static int dump(FILE *out, json_t *v)
{
	if (!v)
		return -1;
	int rc = json_dumpf(v, out, DUMP_FLAGS);
	json_decref(v);
	return rc || ferror(out) ? -1 : 0;
}

static int write_envelope(FILE *out, const struct tl_query *q, const struct tl_options *o)
{
	if (tl_puts(out, "{\n  \"version\": 1,\n  \"generated_at\": ") ||
	    dump(out, jtime(o ? o->generated_at : 0, 1)) ||
	    tl_puts(out, ",\n  \"query\": ") || dump(out, query_json(q)) ||
	    tl_puts(out, ",\n  \"events\": ["))
		return -1;
	return 0;
}

static int begin_common(void **state, FILE *out, int lines)
{
	struct json_out *j = calloc(1, sizeof(*j));
	if (!j)
		return -1;
	j->out = out;
	j->lines = lines;
	*state = j;
	return 0;
}

static int json_begin(void **state, FILE *out, const struct tl_query *q, const struct tl_options *o)
{
	if (write_envelope(out, q, o))
		return -1;
	return begin_common(state, out, 0);
}

static int jsonl_begin(void **state, FILE *out, const struct tl_query *q, const struct tl_options *o)
{
	return begin_common(state, out, 1);
}

static int json_event(void *state, const struct tl_event *e)
{
	struct json_out *j = state;
	const char *sep = j->lines ? "" : j->n ? ",\n    " : "\n    ";
	if (tl_puts(j->out, sep) || dump(j->out, tl_event_json(e)))
		return -1;
	if (j->lines && tl_puts(j->out, "\n"))
		return -1;
	j->n++;
	return 0;
}

static int json_end(void *state, int ok)
{
	struct json_out *j = state;
	int rc = 0;
	if (ok && !j->lines)
		rc = tl_puts(j->out, j->n ? "\n  ]\n}\n" : "]\n}\n");
	if (tl_flush(j->out))
		rc = -1;
	int saved = errno;
	free(j);
	errno = saved;
	return rc;
}

const struct exporter export_json = {"json", json_begin, json_event, json_end};
const struct exporter export_jsonl = {"jsonl", jsonl_begin, json_event, json_end};

/* ---- an event's JSON written straight into a buffer ---------------------------------------

 * tl_event_json builds some 60 jansson values an event (objects with their
 * hash tables, arrays, strings) only for them to be dumped and freed: in
 * the server that was a third of a page's CPU. tl_event_write writes the
 * same bytes without the tree: the structure (fixed ASCII keys, brackets,
 * separators) is written here, and every value still goes through jansson,
 * one reused string or real dumped at a time, so that escaping, UTF-8
 * checks and number formats stay the library's. tests/unit/test_export.c
 * compares the two on every kind of field. */

struct tl_writer {
	struct buf *out;
	json_t *str, *real;
	size_t flags;
	const char *colon, *comma;   /* as jansson separates: ":" "," compact, else ": " ", " */
};

static int w_dump_cb(const char *s, size_t n, void *ctx)
{
	return buf_add(ctx, s, n);
}

static int w_raw(struct tl_writer *w, const char *s)
{
	return buf_addstr(w->out, s);
}

/* "key": (keys are this file's own ASCII names: nothing to escape) */
static int w_key(struct tl_writer *w, int first, const char *key)
{
	if (!first && w_raw(w, w->comma))
		return -1;
	return buf_addch(w->out, '"') || w_raw(w, key) || buf_addch(w->out, '"') || w_raw(w, w->colon);
}

/* A string as jstr gives it: null for NULL, text not UTF-8 repaired. */
static int w_str(struct tl_writer *w, const char *s)
{
	if (!s)
		return w_raw(w, "null");
	/* Printable ASCII but the quote and the backslash is the one text jansson
	 * writes unchanged (RFC 8259: nothing else needs it): most names, codes
	 * and dates. Anything else is jansson's to check and escape. */
	size_t n = 0;
	while (s[n] >= 0x20 && s[n] < 0x7f && s[n] != '"' && s[n] != '\\')
		n++;
	if (!s[n])
		return buf_addch(w->out, '"') || buf_add(w->out, s, n) || buf_addch(w->out, '"') ? -1 : 0;
	if (json_string_set(w->str, s)) {
		char *clean = tl_utf8_clean(s, 0);
		int rc = clean ? json_string_set(w->str, clean) : -1;
		free(clean);
		if (rc)
			return -1;
	}
	return json_dump_callback(w->str, w_dump_cb, w->out, w->flags);
}

static int w_real(struct tl_writer *w, double v)
{
	/* json_real refuses what is not finite, and so does tl_event_json. */
	if (json_real_set(w->real, v))
		return -1;
	return json_dump_callback(w->real, w_dump_cb, w->out, w->flags);
}

static int w_id(struct tl_writer *w, char prefix, int64_t id)
{
	return buf_printf(w->out, "\"%c%lld\"", prefix, (long long)id);
}

static int w_time(struct tl_writer *w, int64_t t, int known)
{
	char iso[24];
	if (!known)
		return w_raw(w, "null");
	format_iso_utc(t, iso);
	return w_str(w, iso);
}

static int w_list(struct tl_writer *w, const char *const *items, size_t n)
{
	int rc = buf_addch(w->out, '[');
	for (size_t i = 0; i < n; i++)
		rc |= (i ? w_raw(w, w->comma) : 0) || w_str(w, items[i] ? items[i] : "");
	return rc || buf_addch(w->out, ']');
}

static int w_actor(struct tl_writer *w, const struct event_actor *a)
{
	int rc = buf_addch(w->out, '{');
	rc |= w_key(w, 1, "name") || w_str(w, a->name ? a->name : "");
	rc |= w_key(w, 0, "code") || w_str(w, a->code);
	rc |= w_key(w, 0, "role") || w_str(w, actor_role_name(a->role));
	if (a->title)
		rc |= w_key(w, 0, "title") || w_str(w, a->title);
	rc |= w_key(w, 0, "kind") || w_str(w, actor_kind_name(a->kind));
	return rc || buf_addch(w->out, '}');
}

static int w_source(struct tl_writer *w, const struct tl_source *s)
{
	int rc = buf_addch(w->out, '{');
	rc |= w_key(w, 1, "report") || w_id(w, 'r', s->report_id);
	rc |= w_key(w, 0, "agency") || w_str(w, s->agency ? s->agency : "");
	rc |= w_key(w, 0, "title") || w_str(w, s->title ? s->title : "");
	rc |= w_key(w, 0, "url") || w_str(w, s->url);
	rc |= w_key(w, 0, "published") || w_time(w, s->published, s->published_known);
	return rc || buf_addch(w->out, '}');
}

static int w_curation(struct tl_writer *w, const struct tl_curation *c)
{
	int rc = buf_addch(w->out, '{');
	rc |= w_key(w, 1, "verified") || w_raw(w, c->verified ? "true" : "false");
	rc |= w_key(w, 0, "verified_by") || w_str(w, c->verified ? c->verified_by : NULL);
	rc |= w_key(w, 0, "verified_at") || w_time(w, c->verified_at, c->verified && c->verified_at != 0);
	rc |= w_key(w, 0, "tags") || w_list(w, c->tags, c->n_tags);
	rc |= w_key(w, 0, "notes") || buf_addch(w->out, '[');
	for (size_t i = 0; i < c->n_notes; i++) {
		const struct tl_note *n = &c->notes[i];
		rc |= (i ? w_raw(w, w->comma) : 0) || buf_addch(w->out, '{');
		rc |= w_key(w, 1, "text") || w_str(w, n->text ? n->text : "");
		rc |= w_key(w, 0, "by") || w_str(w, n->by);
		rc |= w_key(w, 0, "at") || w_time(w, n->at, n->at != 0);
		rc |= buf_addch(w->out, '}');
	}
	rc |= buf_addch(w->out, ']');
	rc |= w_key(w, 0, "fields_set") || w_list(w, c->fields_set, c->n_fields_set);
	rc |= w_key(w, 0, "added_by_hand") || w_raw(w, c->added_by_hand ? "true" : "false");
	return rc || buf_addch(w->out, '}');
}

/* The fields of put_fields, in its order. */
static int w_fields(struct tl_writer *w, const struct event *ev)
{
	char date[16];
	cdate_format(&ev->date, date);
	int rc = w_key(w, 0, "date") || (date[0] ? w_str(w, date) : w_raw(w, "null"));
	rc |= w_key(w, 0, "date_precision") || w_str(w, tl_precision_name(ev->date.prec));
	rc |= w_key(w, 0, "type") || w_str(w, ev->type);
	rc |= w_key(w, 0, "cameo") || w_str(w, ev->cameo);
	rc |= w_key(w, 0, "status") || w_str(w, event_status_name(ev->status));
	rc |= w_key(w, 0, "actors") || buf_addch(w->out, '[');
	for (size_t i = 0; i < ev->n_actors; i++)
		rc |= (i ? w_raw(w, w->comma) : 0) || w_actor(w, &ev->actors[i]);
	rc |= buf_addch(w->out, ']');
	rc |= w_key(w, 0, "topics") || w_list(w, (const char *const *)ev->topics, ev->n_topics);
	rc |= w_key(w, 0, "summary") || w_str(w, ev->summary ? ev->summary : "");
	rc |= w_key(w, 0, "evidence") || w_str(w, ev->evidence ? ev->evidence : "");
	return rc;
}

int tl_event_write(struct buf *out, const struct tl_event *e, int compact, int open)
{
	struct tl_writer w = {out, json_string(""), json_real(0), JSON_ENCODE_ANY | JSON_REAL_PRECISION(10),
			      compact ? ":" : ": ", compact ? "," : ", "};
	int rc = !w.str || !w.real ? -1 : 0;
	if (!rc) {
		rc |= buf_addch(out, '{') || w_key(&w, 1, "id") || w_id(&w, 'e', e->id);
		if (tl_has_fields(e))
			rc |= w_fields(&w, e->ev);
		rc |= w_key(&w, 0, "sources") || buf_addch(out, '[');
		for (size_t i = 0; i < e->n_sources; i++)
			rc |= (i ? w_raw(&w, w.comma) : 0) || w_source(&w, &e->sources[i]);
		rc |= buf_addch(out, ']');
		rc |= w_key(&w, 0, "added") || w_time(&w, e->added, e->added != 0);
		rc |= w_key(&w, 0, "confidence") || w_real(&w, tl_confidence(e));
		double g;
		if (tl_has_fields(e))
			rc |= w_key(&w, 0, "intensity") ||
			      (tl_intensity(e->ev, &g) == 0 ? w_real(&w, g) : w_raw(&w, "null"));
		rc |= w_key(&w, 0, "curation") || w_curation(&w, &e->cur);
		if (e->change != TL_CHANGE_NONE) {
			rc |= w_key(&w, 0, "change") || w_str(&w, tl_change_name(e->change));
			rc |= w_key(&w, 0, "merged_into") ||
			      (e->change == TL_CHANGE_WITHDRAWN && e->merged_into ? w_id(&w, 'e', e->merged_into)
										 : w_raw(&w, "null"));
		}
		if (!open)
			rc |= buf_addch(out, '}');
	}
	json_decref(w.str);
	json_decref(w.real);
	return rc || buf_failed(out) ? -1 : 0;
}
