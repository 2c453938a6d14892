/* The curation layer: what people do to events, kept apart from what
 * extraction found (schema/006_curation.sql says how the tables share the
 * work). Every act is a row of `curations`; curation_apply computes an
 * event's view from what extraction found and the acts still in force, and
 * writes it where every reader looks. */
#include "store/store_internal.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/json_safe.h"

static char *dup_msg(const char *m)
{
	return strdup(m);
}

static struct db_stmt *prep(struct store *s, const char *sql, char **err)
{
	struct db_stmt *st = NULL;
	if (db_prepare(s->db, sql, 0, &st)) {
		store_fail(s, err, "cannot prepare a statement");
		return NULL;
	}
	return st;
}

static const char *col(struct db_stmt *st, int i)
{
	return db_column_text(st, i);
}

/* SQL that differs between the backends is written whole for each
 * (docs/postgres.md, "SQL that differs between the backends"). */
static int is_pg(const struct store *s)
{
	return db_kind(s->db) == DB_PG;
}

static json_t *jstring_or_null(const char *s)
{
	json_t *v = s ? json_string(s) : NULL;
	return v ? v : json_null();
}

/* ---- an event's fields as JSON ---------------------------------------------- */

static int cmp_json_str(const void *a, const void *b)
{
	return strcmp(json_string_value(*(json_t *const *)a), json_string_value(*(json_t *const *)b));
}

/* Topics sorted and distinct, so that two lists compare equal as sets. */
static json_t *sorted_topics(json_t *arr)
{
	size_t n = json_array_size(arr);
	json_t **v = n ? malloc(n * sizeof(*v)) : NULL, *out = json_array();
	size_t k = 0;
	if (n && !v) {
		json_decref(out);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		if (json_is_string(json_array_get(arr, i)))
			v[k++] = json_array_get(arr, i);
	if (k > 1)
		qsort(v, k, sizeof(*v), cmp_json_str);
	for (size_t i = 0; i < k; i++)
		if (i == 0 || strcmp(json_string_value(v[i]), json_string_value(v[i - 1])))
			json_array_append(out, v[i]);
	free(v);
	return out;
}

json_t *event_fields_of(const struct event *e, const char *date)
{
	json_t *o = json_object(), *actors = json_array(), *topics = json_array();
	if (!o || !actors || !topics)
		goto fail;
	for (size_t i = 0; i < e->n_actors; i++) {
		const struct event_actor *a = &e->actors[i];
		if (!a->name)
			continue;
		json_t *row = json_pack("[ssiio]", a->name, a->code ? a->code : "", (int)a->kind,
					(int)a->role, jstring_or_null(a->title));
		if (!row || json_array_append_new(actors, row))
			goto fail;
	}
	for (size_t i = 0; i < e->n_topics; i++)
		json_array_append_new(topics, json_string(e->topics[i]));
	json_t *st = sorted_topics(topics);
	json_decref(topics);
	topics = NULL;
	if (!st)
		goto fail;
	json_object_set_new(o, "type", json_string(e->type));
	json_object_set_new(o, "cameo", json_string(e->cameo));
	json_object_set_new(o, "status", json_integer((int)e->status));
	json_object_set_new(o, "date", json_string(date));
	json_object_set_new(o, "prec", json_integer((int)e->date.prec));
	json_object_set_new(o, "summary", json_string(e->summary ? e->summary : ""));
	json_object_set_new(o, "actors", actors);
	json_object_set_new(o, "topics", st);
	return o;
fail:
	json_decref(o);
	json_decref(actors);
	json_decref(topics);
	return NULL;
}

static const char fields_from_events[] =
	"SELECT type, cameo, status, date, date_precision, summary,"
	" (SELECT json_group_array(json(x)) FROM (SELECT json_array(a.name, a.code, a.kind, ea.role,"
	"   ea.title) AS x FROM event_actors ea JOIN actors a ON a.id = ea.actor_id"
	"   WHERE ea.event_id = $1 ORDER BY ea.seq)),"
	" (SELECT json_group_array(x) FROM (SELECT DISTINCT t.name AS x FROM event_topics et"
	"   JOIN topics t ON t.id = et.topic_id WHERE et.event_id = $1 ORDER BY t.name))"
	" FROM events WHERE id = $1";
/* The same on PostgreSQL: json_agg for json_group_array (NULL when there
 * is no row: read as "[]"), and the subquery named. */
static const char fields_from_events_pg[] =
	"SELECT type, cameo, status, date, date_precision, summary,"
	" (SELECT json_agg(json_build_array(a.name, a.code, a.kind, ea.role, ea.title) ORDER BY ea.seq)"
	"   FROM event_actors ea JOIN actors a ON a.id = ea.actor_id WHERE ea.event_id = $1),"
	" (SELECT json_agg(x ORDER BY x COLLATE \"C\") FROM (SELECT DISTINCT t.name AS x FROM event_topics et"
	"   JOIN topics t ON t.id = et.topic_id WHERE et.event_id = $1) q)"
	" FROM events WHERE id = $1";
static const char fields_from_base[] =
	"SELECT type, cameo, status, date, date_precision, summary, actors, topics"
	" FROM event_base WHERE event_id = $1";

int event_fields_load(struct store *s, int64_t id, int from_base, json_t **out, char **err)
{
	*out = NULL;
	struct db_stmt *st = prep(s, from_base ? fields_from_base
				: is_pg(s) ? fields_from_events_pg : fields_from_events, err);
	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		json_t *actors = json_parse_text(col(st, 6) ? col(st, 6) : "[]", 0);
		json_t *topics = json_parse_text(col(st, 7) ? col(st, 7) : "[]", 0);
		json_t *o = json_object();
		if (o && actors && topics) {
			/* Titles stored as '' or NULL are the same: none. */
			for (size_t i = 0; i < json_array_size(actors); i++) {
				json_t *t = json_array_get(json_array_get(actors, i), 4);
				if (json_is_string(t) && !*json_string_value(t))
					json_array_set_new(json_array_get(actors, i), 4, json_null());
			}
			json_object_set_new(o, "type", json_string(col(st, 0)));
			json_object_set_new(o, "cameo", json_string(col(st, 1)));
			json_object_set_new(o, "status", json_integer(db_column_int(st, 2)));
			json_object_set_new(o, "date", json_string(col(st, 3) ? col(st, 3) : ""));
			json_object_set_new(o, "prec", json_integer(db_column_int(st, 4)));
			json_object_set_new(o, "summary", json_string(col(st, 5) ? col(st, 5) : ""));
			json_object_set_new(o, "actors", actors);
			json_object_set_new(o, "topics", sorted_topics(topics));
			json_decref(topics);
			*out = o;
		} else {
			json_decref(o);
			json_decref(actors);
			json_decref(topics);
			*err = dup_msg("cannot read an event's fields");
			rc = DB_FAIL;
		}
	}
	db_finalize(st);
	if (rc == DB_ROW)
		return 0;
	if (rc == DB_DONE)
		return 1;
	if (!*err)
		store_fail(s, err, "cannot read an event");
	return -1;
}

static int exec_bound(struct store *s, const char *sql, int64_t id, const char *what, char **err)
{
	struct db_stmt *st = prep(s, sql, err);
	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	int rc = db_step(st);
	db_finalize(st);
	return rc == DB_DONE ? 0 : store_fail(s, err, what);
}

static int write_actors(struct store *s, int64_t id, json_t *actors, char **err)
{
	if (exec_bound(s, "DELETE FROM event_actors WHERE event_id = $1", id, "cannot update an event", err))
		return -1;
	struct db_stmt *st = prep(s, "INSERT INTO event_actors(event_id, seq, actor_id, role, title)"
				" VALUES ($1, $2, $3, $4, $5)", err);
	if (!st)
		return -1;
	int rc = 0;
	for (size_t i = 0; i < json_array_size(actors) && !rc; i++) {
		json_t *a = json_array_get(actors, i);
		const char *name = json_string_value(json_array_get(a, 0));
		int64_t aid;
		if (!name)
			continue;
		if (store_actor_id(s, name, json_string_value(json_array_get(a, 1)),
				   (int)json_integer_value(json_array_get(a, 2)), &aid, err)) {
			rc = -1;
			break;
		}
		db_reset(st);
		db_bind_int64(st, 1, id);
		db_bind_int64(st, 2, (int64_t)i);
		db_bind_int64(st, 3, aid);
		db_bind_int64(st, 4, json_integer_value(json_array_get(a, 3)));
		bind_text(st, 5, json_string_value(json_array_get(a, 4)));
		if (db_step(st) != DB_DONE)
			rc = store_fail(s, err, "cannot update an event's actors");
	}
	db_finalize(st);
	return rc;
}

static int write_topics(struct store *s, int64_t id, json_t *topics, char **err)
{
	if (exec_bound(s, "DELETE FROM event_topics WHERE event_id = $1", id, "cannot update an event", err))
		return -1;
	/* An upsert both backends read (INSERT OR IGNORE is SQLite's). */
	struct db_stmt *st = prep(s, "INSERT INTO event_topics(event_id, topic_id) VALUES ($1, $2)"
				  " ON CONFLICT DO NOTHING", err);
	if (!st)
		return -1;
	int rc = 0;
	for (size_t i = 0; i < json_array_size(topics) && !rc; i++) {
		const char *name = json_string_value(json_array_get(topics, i));
		int64_t tid;
		if (!name || !*name)
			continue;
		if (store_topic_id(s, name, &tid, err)) {
			rc = -1;
			break;
		}
		db_reset(st);
		db_bind_int64(st, 1, id);
		db_bind_int64(st, 2, tid);
		if (db_step(st) != DB_DONE)
			rc = store_fail(s, err, "cannot update an event's topics");
	}
	db_finalize(st);
	return rc;
}

int event_fields_write(struct store *s, int64_t id, json_t *f, int to_base, char **err)
{
	if (to_base) {
		char *actors = json_dumps(json_object_get(f, "actors"), JSON_COMPACT);
		char *topics = json_dumps(json_object_get(f, "topics"), JSON_COMPACT);
		struct db_stmt *st = prep(s, "UPDATE event_base SET type = $2, cameo = $3, status = $4, date = $5,"
					" date_precision = $6, summary = $7, actors = $8, topics = $9"
					" WHERE event_id = $1", err);
		int rc = -1;
		if (st && actors && topics) {
			db_bind_int64(st, 1, id);
			bind_text(st, 2, json_string_value(json_object_get(f, "type")));
			bind_text(st, 3, json_string_value(json_object_get(f, "cameo")));
			db_bind_int64(st, 4, json_integer_value(json_object_get(f, "status")));
			bind_text(st, 5, json_string_value(json_object_get(f, "date")));
			db_bind_int64(st, 6, json_integer_value(json_object_get(f, "prec")));
			bind_text(st, 7, json_string_value(json_object_get(f, "summary")));
			bind_text(st, 8, actors);
			bind_text(st, 9, topics);
			rc = db_step(st) == DB_DONE ? 0 : store_fail(s, err, "cannot update an event");
		} else if (st) {
			*err = dup_msg("out of memory");
		}
		db_finalize(st);
		free(actors);
		free(topics);
		return rc;
	}
	struct db_stmt *st = prep(s, "UPDATE events SET type = coalesce($2, type), cameo = coalesce($3, cameo),"
				" status = coalesce($4, status), date = coalesce($5, date),"
				" date_precision = coalesce($6, date_precision) WHERE id = $1", err);
	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	bind_text(st, 2, json_string_value(json_object_get(f, "type")));
	bind_text(st, 3, json_string_value(json_object_get(f, "cameo")));
	if (json_is_integer(json_object_get(f, "status")))
		db_bind_int64(st, 4, json_integer_value(json_object_get(f, "status")));
	bind_text(st, 5, json_string_value(json_object_get(f, "date")));
	if (json_is_integer(json_object_get(f, "prec")))
		db_bind_int64(st, 6, json_integer_value(json_object_get(f, "prec")));
	int rc = db_step(st) == DB_DONE ? 0 : store_fail(s, err, "cannot update an event");
	db_finalize(st);
	/* Only a real change of the summary goes through the full-text trigger. */
	const char *summary = json_string_value(json_object_get(f, "summary"));
	if (!rc && summary) {
		if (!(st = prep(s, is_pg(s) ? "UPDATE events SET summary = $2 WHERE id = $1 AND summary IS DISTINCT FROM $2"
				   : "UPDATE events SET summary = $2 WHERE id = $1 AND summary IS NOT $2", err)))
			return -1;
		db_bind_int64(st, 1, id);
		bind_text(st, 2, summary);
		rc = db_step(st) == DB_DONE ? 0 : store_fail(s, err, "cannot update an event");
		db_finalize(st);
	}
	if (!rc && json_is_array(json_object_get(f, "actors")))
		rc = write_actors(s, id, json_object_get(f, "actors"), err);
	if (!rc && json_is_array(json_object_get(f, "topics")))
		rc = write_topics(s, id, json_object_get(f, "topics"), err);
	return rc;
}

/* 1 when the one-parameter query `sql` gives a row for id, 0 when none, -1 error. */
static int row_exists(struct store *s, const char *sql, int64_t id, const char *what, char **err)
{
	struct db_stmt *st = prep(s, sql, err);
	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	int rc = db_step(st);
	db_finalize(st);
	if (rc == DB_ROW)
		return 1;
	return rc == DB_DONE ? 0 : store_fail(s, err, what);
}

int curation_has_base(struct store *s, int64_t id, char **err)
{
	return row_exists(s, "SELECT 1 FROM event_base WHERE event_id = $1", id, "cannot read an event", err);
}

/* Keeps what extraction found before a person's first change of a field. */
static int snapshot_base(struct store *s, int64_t id, char **err)
{
	json_t *f;
	int rc = event_fields_load(s, id, 0, &f, err);
	if (rc)
		return rc > 0 ? (*err = dup_msg("no such event"), -1) : -1;
	rc = exec_bound(s, "INSERT INTO event_base(event_id, party_key, type, cameo, status, date, date_precision,"
			" summary, actors, topics) SELECT id, party_key, type, cameo, status, date, date_precision,"
			" summary, '[]', '[]' FROM events WHERE id = $1", id, "cannot keep an event's extracted fields",
			err) ||
	     event_fields_write(s, id, f, 1, err);
	json_decref(f);
	return rc ? -1 : 0;
}

/* ---- applying curations ----------------------------------------------------- */

static const char *const edit_fields[] = {"type", "status", "date", "actors", "topics", "summary"};

static int known_field(const char *f)
{
	for (size_t i = 0; f && i < sizeof(edit_fields) / sizeof(*edit_fields); i++)
		if (!strcmp(f, edit_fields[i]))
			return 1;
	return 0;
}

/* Sets field `name` of the fields object eff to an edit's value (a type
 * carries its CAMEO code, a date its precision). */
static void set_field(json_t *eff, const char *name, json_t *v)
{
	if (!strcmp(name, "type")) {
		json_object_set(eff, "type", json_object_get(v, "type"));
		json_object_set(eff, "cameo", json_object_get(v, "cameo"));
	} else if (!strcmp(name, "date")) {
		json_object_set(eff, "date", json_object_get(v, "date"));
		json_object_set(eff, "prec", json_object_get(v, "prec"));
	} else {
		json_object_set(eff, name, v);
	}
}

/* The value an edit of `name` takes from a whole fields object (an added event's). */
static json_t *field_value(json_t *f, const char *name)
{
	if (!strcmp(name, "type"))
		return json_pack("{sOsO}", "type", json_object_get(f, "type"), "cameo", json_object_get(f, "cameo"));
	if (!strcmp(name, "date"))
		return json_pack("{sOsO}", "date", json_object_get(f, "date"), "prec", json_object_get(f, "prec"));
	json_t *v = json_object_get(f, name);
	return v ? json_incref(v) : NULL;
}

static int tag_index(json_t *tags, const char *t)
{
	for (size_t i = 0; i < json_array_size(tags); i++)
		if (!strcmp(json_string_value(json_array_get(tags, i)), t))
			return (int)i;
	return -1;
}

/* What the live curations of an event say, in the order they were made. */
struct view {
	json_t *edits;        /* field name -> value */
	json_t *tags, *notes, *verified;
	unsigned gone;        /* TL_GONE_DELETED | TL_GONE_MERGED */
	int64_t merged_into;
	int any, hand, hand_live;
};

static int read_view(struct store *s, int64_t id, struct view *v, char **err)
{
	memset(v, 0, sizeof(*v));
	v->edits = json_object();
	v->tags = json_array();
	v->notes = json_array();
	if (!v->edits || !v->tags || !v->notes) {
		*err = dup_msg("out of memory");
		return -1;
	}
	struct db_stmt *st = prep(s, "SELECT action, field, value, by, at FROM curations WHERE event_id = $1"
				" AND undone_by IS NULL AND action <> 'undo' ORDER BY id", err);
	if (!st)
		return -1;
	db_bind_int64(st, 1, id);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		const char *action = col(st, 0), *field = col(st, 1), *by = col(st, 3);
		json_t *val = col(st, 2) ? json_parse_text(col(st, 2), JSON_DECODE_ANY) : NULL;
		int64_t at = db_column_int64(st, 4);
		v->any = 1;
		if (!strcmp(action, "edit") && known_field(field) && val) {
			json_object_set(v->edits, field, val);
		} else if (!strcmp(action, "add") && json_is_object(val)) {
			v->hand_live = 1;
			for (size_t i = 0; i < sizeof(edit_fields) / sizeof(*edit_fields); i++) {
				json_t *fv = field_value(val, edit_fields[i]);
				if (fv)
					json_object_set_new(v->edits, edit_fields[i], fv);
			}
		} else if (!strcmp(action, "delete")) {
			v->gone |= TL_GONE_DELETED;
		} else if (!strcmp(action, "restore")) {
			v->gone = 0;
			v->merged_into = 0;
		} else if (!strcmp(action, "merge") && json_is_integer(json_object_get(val, "into"))) {
			v->gone |= TL_GONE_MERGED;
			v->merged_into = json_integer_value(json_object_get(val, "into"));
		} else if (!strcmp(action, "verify")) {
			json_decref(v->verified);
			v->verified = json_pack("{sssI}", "by", by ? by : "", "at", (json_int_t)at);
		} else if (!strcmp(action, "unverify")) {
			json_decref(v->verified);
			v->verified = NULL;
		} else if (!strcmp(action, "tag") && json_is_string(val)) {
			if (tag_index(v->tags, json_string_value(val)) < 0)
				json_array_append(v->tags, val);
		} else if (!strcmp(action, "untag") && json_is_string(val)) {
			int k = tag_index(v->tags, json_string_value(val));
			if (k >= 0)
				json_array_remove(v->tags, (size_t)k);
		} else if (!strcmp(action, "note") && json_is_string(val)) {
			json_array_append_new(v->notes, json_pack("{sOsssI}", "text", val, "by", by ? by : "",
								  "at", (json_int_t)at));
		}
		json_decref(val);
	}
	db_finalize(st);
	return rc == DB_DONE ? 0 : store_fail(s, err, "cannot read curations");
}

static void view_release(struct view *v)
{
	json_decref(v->edits);
	json_decref(v->tags);
	json_decref(v->notes);
	json_decref(v->verified);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* events.curation: the summary readers get, NULL when nobody acted. */
static char *view_summary(struct view *v, int hand)
{
	if (!v->any && !hand)
		return NULL;
	json_t *o = json_object(), *fields = json_array();
	const char *keys[8];
	size_t n = 0;
	const char *k;
	json_t *val;
	json_object_foreach(v->edits, k, val)
		if (n < 8)
			keys[n++] = k;
	qsort(keys, n, sizeof(*keys), cmp_str);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(fields, json_string(keys[i]));
	const char *tags[64];
	size_t nt = 0;
	for (size_t i = 0; i < json_array_size(v->tags) && nt < 64; i++)
		tags[nt++] = json_string_value(json_array_get(v->tags, i));
	qsort(tags, nt, sizeof(*tags), cmp_str);
	json_t *sorted = json_array();
	for (size_t i = 0; i < nt; i++)
		json_array_append_new(sorted, json_string(tags[i]));
	json_object_set_new(o, "fields", fields);
	json_object_set_new(o, "tags", sorted);
	json_object_set(o, "notes", v->notes);
	if (v->verified)
		json_object_set(o, "verified", v->verified);
	if (hand)
		json_object_set_new(o, "hand", json_true());
	char *out = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	return out;
}

int curation_apply(struct store *s, int64_t id, char **err)
{
	struct view v;
	int origin = 0;
	if (read_view(s, id, &v, err))
		goto fail;
	struct db_stmt *st = prep(s, "SELECT origin FROM events WHERE id = $1", err);
	if (!st)
		goto fail;
	db_bind_int64(st, 1, id);
	if (db_step(st) == DB_ROW)
		origin = db_column_int(st, 0);
	db_finalize(st);
	/* An event added by hand whose adding was undone is gone. */
	if (origin == 1 && !v.hand_live)
		v.gone |= TL_GONE_DELETED;
	int has_base = curation_has_base(s, id, err);
	if (has_base < 0)
		goto fail;
	if (json_object_size(v.edits) || has_base) {
		if (!has_base && snapshot_base(s, id, err))
			goto fail;
		json_t *eff;
		if (event_fields_load(s, id, 1, &eff, err) < 0)
			goto fail;
		const char *k;
		json_t *val;
		json_object_foreach(v.edits, k, val)
			set_field(eff, k, val);
		int rc = event_fields_write(s, id, eff, 0, err);
		json_decref(eff);
		if (rc)
			goto fail;
		if (!json_object_size(v.edits) &&
		    exec_bound(s, "DELETE FROM event_base WHERE event_id = $1", id, "cannot update an event", err))
			goto fail;
	}
	char *summary = view_summary(&v, origin == 1);
	if (!(st = prep(s, "UPDATE events SET gone = (gone & 1) | $2, merged_into = $3, verified = $4,"
			" curation = $5, changed_at = $6 WHERE id = $1", err))) {
		free(summary);
		goto fail;
	}
	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, (int)v.gone);
	if (v.merged_into && (v.gone & TL_GONE_MERGED))
		db_bind_int64(st, 3, v.merged_into);
	db_bind_int64(st, 4, v.verified != NULL);
	bind_text(st, 5, summary);
	db_bind_int64(st, 6, s->now);
	int rc = db_step(st) == DB_DONE ? 0 : store_fail(s, err, "cannot update an event");
	db_finalize(st);
	free(summary);
	view_release(&v);
	return rc || store_queue_change(s, id, err) ? -1 : 0;
fail:
	view_release(&v);
	return -1;
}

/* ---- the acts ----------------------------------------------------------------- */

/* One act is one transaction, or a savepoint inside the caller's. */
static int act_begin(struct store *s, char **err)
{
	/* PostgreSQL: curators take turns on the curations table (a mode that
	 * conflicts with itself, not with readers), as BEGIN IMMEDIATE makes
	 * writers take turns on SQLite. */
	if (!db_autocommit(s->db))
		return store_exec(s, "SAVEPOINT curate", err);
	return store_exec(s, is_pg(s) ? "BEGIN; LOCK TABLE curations IN SHARE ROW EXCLUSIVE MODE"
			  : "BEGIN IMMEDIATE", err);
}

static int act_end(struct store *s, int ok, int outer, char **err)
{
	if (ok)
		return store_exec(s, outer ? "COMMIT" : "RELEASE curate", err);
	db_exec(s->db, outer ? "ROLLBACK" : "ROLLBACK TO curate; RELEASE curate");
	store_cache_forget(s);
	return -1;
}

static int event_exists(struct store *s, int64_t id, char **err)
{
	return row_exists(s, "SELECT 1 FROM events WHERE id = $1", id, "cannot read an event", err);
}

static int record(struct store *s, int64_t event_id, const char *action, const char *field, json_t *value,
		  const struct store_who *w, int64_t *cid, char **err)
{
	char *text = value ? json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
	if (value && !text) {
		*err = dup_msg("out of memory");
		return -1;
	}
	struct db_stmt *st = prep(s, "INSERT INTO curations(event_id, action, field, value, reason, by, at)"
				" VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id", err);
	int rc = -1;
	if (st) {
		db_bind_int64(st, 1, event_id);
		bind_text(st, 2, action);
		bind_text(st, 3, field);
		bind_text(st, 4, text);
		bind_text(st, 5, w->reason && *w->reason ? w->reason : NULL);
		bind_text(st, 6, w->by && *w->by ? w->by : "unknown");
		db_bind_int64(st, 7, s->now);
		int64_t id = 0;
		rc = store_step_id(s, st, "cannot record a curation", &id, err);
		if (!rc && cid)
			*cid = id;
	}
	db_finalize(st);
	free(text);
	return rc;
}

/* Records one act on an event that must exist, and applies it. */
static int act(struct store *s, int64_t id, const char *action, const char *field, json_t *value,
	       const struct store_who *w, int64_t *cid, char **err)
{
	int outer = db_autocommit(s->db);
	if (act_begin(s, err))
		return -1;
	int ex = event_exists(s, id, err);
	if (ex <= 0) {
		act_end(s, 0, outer, err);
		return ex == 0 ? 1 : -1;
	}
	int ok = !record(s, id, action, field, value, w, cid, err) && !curation_apply(s, id, err);
	return act_end(s, ok, outer, err) ? -1 : 0;
}

/* The edit's fields, one JSON value each, in edit_fields' order (NULL: not set). */
static int edit_values(const struct store_edit *e, json_t *out[6])
{
	memset(out, 0, 6 * sizeof(*out));
	if (e->type)
		out[0] = json_pack("{ssss}", "type", e->type, "cameo", e->cameo ? e->cameo : "");
	if (e->status >= 0)
		out[1] = json_integer(e->status);
	if (e->set_date) {
		char d[16];
		cdate_format(&e->date, d);
		out[2] = json_pack("{sssi}", "date", d, "prec", (int)e->date.prec);
	}
	if (e->set_actors) {
		struct event tmp;
		memset(&tmp, 0, sizeof(tmp));
		tmp.actors = (struct event_actor *)e->actors;
		tmp.n_actors = e->n_actors;
		json_t *f = event_fields_of(&tmp, "");
		out[3] = f ? json_incref(json_object_get(f, "actors")) : NULL;
		json_decref(f);
	}
	if (e->set_topics) {
		json_t *arr = json_array();
		for (size_t i = 0; i < e->n_topics; i++)
			json_array_append_new(arr, json_string(e->topics[i]));
		out[4] = sorted_topics(arr);
		json_decref(arr);
	}
	if (e->summary)
		out[5] = json_string(e->summary);
	int n = 0;
	for (int i = 0; i < 6; i++)
		n += out[i] != NULL;
	return n;
}

int store_event_edit(struct store *s, int64_t id, const struct store_edit *e, const struct store_who *w,
		     int64_t *curation_id, char **err)
{
	json_t *v[6];
	if (!edit_values(e, v)) {
		*err = dup_msg("nothing to change: give at least one field");
		return -1;
	}
	int outer = db_autocommit(s->db);
	if (act_begin(s, err))
		goto fail;
	int ex = event_exists(s, id, err), ok = ex > 0;
	/* One record per field: each can be undone on its own. */
	for (int i = 0; i < 6 && ok; i++)
		if (v[i])
			ok = !record(s, id, "edit", edit_fields[i], v[i], w, curation_id, err);
	ok = ok && !curation_apply(s, id, err);
	for (int i = 0; i < 6; i++)
		json_decref(v[i]);
	if (act_end(s, ok, outer, err))
		return ex == 0 ? 1 : -1;
	return 0;
fail:
	for (int i = 0; i < 6; i++)
		json_decref(v[i]);
	return -1;
}

int store_event_delete(struct store *s, int64_t id, const struct store_who *w, int64_t *cid, char **err)
{
	return act(s, id, "delete", NULL, NULL, w, cid, err);
}

int store_event_restore(struct store *s, int64_t id, const struct store_who *w, int64_t *cid, char **err)
{
	return act(s, id, "restore", NULL, NULL, w, cid, err);
}

int store_event_verify(struct store *s, int64_t id, int verified, const struct store_who *w, int64_t *cid,
		       char **err)
{
	return act(s, id, verified ? "verify" : "unverify", NULL, NULL, w, cid, err);
}

int store_event_note(struct store *s, int64_t id, const char *text, const struct store_who *w, int64_t *cid,
		     char **err)
{
	json_t *v = json_string(text);
	if (!v) {
		*err = dup_msg("a note must be UTF-8 text");
		return -1;
	}
	int rc = act(s, id, "note", NULL, v, w, cid, err);
	json_decref(v);
	return rc;
}

int store_event_tag(struct store *s, int64_t id, const char *tag, int on, const struct store_who *w,
		    int64_t *cid, char **err)
{
	json_t *v = json_string(tag);
	if (!v || !*tag) {
		json_decref(v);
		*err = dup_msg("a tag must be non-empty UTF-8 text");
		return -1;
	}
	int rc = act(s, id, on ? "tag" : "untag", NULL, v, w, cid, err);
	json_decref(v);
	return rc;
}

/* Inserts an event made by a person with fields f (the whole object),
 * evidence, and no links yet. */
static int insert_hand_event(struct store *s, json_t *f, const char *evidence, int64_t *id, char **err)
{
	if (store_next_event_id(s, id, err))
		return -1;
	char key[40];
	/* Extraction never finds an event by this key: only people change it. */
	snprintf(key, sizeof(key), "hand|%lld", (long long)*id);
	struct db_stmt *st = prep(s, "INSERT INTO events(id, type, cameo, status, date, date_precision, party_key,"
				" summary, evidence, added_at, changed_at, origin, confidence)"
				" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, 1, 1.0)", err);
	if (!st)
		return -1;
	db_bind_int64(st, 1, *id);
	bind_text(st, 2, json_string_value(json_object_get(f, "type")));
	bind_text(st, 3, json_string_value(json_object_get(f, "cameo")));
	db_bind_int64(st, 4, json_integer_value(json_object_get(f, "status")));
	bind_text(st, 5, json_string_value(json_object_get(f, "date")));
	db_bind_int64(st, 6, json_integer_value(json_object_get(f, "prec")));
	bind_text(st, 7, key);
	bind_text(st, 8, json_string_value(json_object_get(f, "summary")));
	bind_text(st, 9, evidence ? evidence : "");
	db_bind_int64(st, 10, s->now);
	int rc = db_step(st) == DB_DONE ? 0 : store_fail(s, err, "cannot add the event");
	db_finalize(st);
	return rc || event_fields_write(s, *id, f, 0, err) ? -1 : 0;
}

static int report_exists(struct store *s, int64_t id, char **err)
{
	return row_exists(s, "SELECT 1 FROM reports WHERE id = $1", id, "cannot read a report", err);
}

int store_event_add(struct store *s, const struct event *ev, int64_t report_id, const struct store_who *w,
		    int64_t *new_id, char **err)
{
	char date[16];
	cdate_format(&ev->date, date);
	json_t *f = event_fields_of(ev, date);
	if (!f) {
		*err = dup_msg("out of memory");
		return -1;
	}
	int outer = db_autocommit(s->db), ok = 0, missing = 0;
	if (act_begin(s, err)) {
		json_decref(f);
		return -1;
	}
	if (report_id) {
		int ex = report_exists(s, report_id, err);
		if (ex <= 0) {
			missing = ex == 0;
			goto end;
		}
	}
	if (insert_hand_event(s, f, ev->evidence, new_id, err))
		goto end;
	if (report_id) {
		struct db_stmt *st = prep(s, "INSERT INTO event_reports(event_id, report_id, evidence) VALUES ($1, $2, $3)",
					err);
		if (!st)
			goto end;
		db_bind_int64(st, 1, *new_id);
		db_bind_int64(st, 2, report_id);
		bind_text(st, 3, ev->evidence ? ev->evidence : "");
		int rc = db_step(st);
		db_finalize(st);
		if (rc != DB_DONE) {
			store_fail(s, err, "cannot tie the event to its report");
			goto end;
		}
	}
	ok = !record(s, *new_id, "add", NULL, f, w, NULL, err) && !curation_apply(s, *new_id, err);
end:
	json_decref(f);
	if (act_end(s, ok, outer, err))
		return missing ? 1 : -1;
	return 0;
}

int store_event_merge(struct store *s, int64_t into, const int64_t *others, size_t n,
		      const struct store_who *w, char **err)
{
	int outer = db_autocommit(s->db), ok = 1, missing = 0;
	if (act_begin(s, err))
		return -1;
	json_t *from = json_array();
	int ex = event_exists(s, into, err);
	ok = ex > 0;
	missing = ex == 0;
	for (size_t i = 0; i < n && ok; i++) {
		if (others[i] == into) {
			*err = dup_msg("an event cannot be merged into itself");
			ok = 0;
			break;
		}
		ex = event_exists(s, others[i], err);
		if (ex <= 0) {
			missing = ex == 0;
			ok = 0;
			break;
		}
		json_t *v = json_pack("{sI}", "into", (json_int_t)into);
		ok = !record(s, others[i], "merge", NULL, v, w, NULL, err) && !curation_apply(s, others[i], err);
		json_decref(v);
		json_array_append_new(from, json_integer(others[i]));
	}
	/* The event that holds them now records it too: its sources changed. */
	if (ok) {
		json_t *v = json_pack("{sO}", "from", from);
		ok = !record(s, into, "merge", NULL, v, w, NULL, err) && !curation_apply(s, into, err);
		json_decref(v);
	}
	json_decref(from);
	if (act_end(s, ok, outer, err))
		return missing ? 1 : -1;
	return 0;
}

static char *event_evidence(struct store *s, int64_t id)
{
	struct db_stmt *st = prep(s, "SELECT evidence FROM events WHERE id = $1", NULL);
	char *out = NULL;
	if (!st)
		return NULL;
	db_bind_int64(st, 1, id);
	if (db_step(st) == DB_ROW && col(st, 0))
		out = strdup(col(st, 0));
	db_finalize(st);
	return out;
}

int store_event_split(struct store *s, int64_t id, const struct store_edit *e, const struct store_who *w,
		      int64_t *new_id, char **err)
{
	json_t *v[6];
	edit_values(e, v);
	int outer = db_autocommit(s->db), ok = 0, missing = 0, rc = -1;
	json_t *f = NULL;
	char *evidence = NULL;
	if (act_begin(s, err))
		goto out;
	int got = event_fields_load(s, id, 0, &f, err);
	if (got) {
		missing = got > 0;
		goto end;
	}
	for (int i = 0; i < 6; i++)
		if (v[i])
			set_field(f, edit_fields[i], v[i]);
	evidence = event_evidence(s, id);
	if (insert_hand_event(s, f, evidence, new_id, err))
		goto end;
	/* The same sources, each with the passage it had for the original. */
	struct db_stmt *st = prep(s, "INSERT INTO event_reports(event_id, report_id, evidence, ev_start, ev_end)"
				" SELECT $2, er.report_id, CASE WHEN er.evidence = '' THEN e.evidence"
				" ELSE er.evidence END, er.ev_start, er.ev_end FROM event_reports er"
				" JOIN events e ON e.id = er.event_id WHERE er.event_id = $1", err);
	if (!st)
		goto end;
	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, *new_id);
	int step = db_step(st);
	db_finalize(st);
	if (step != DB_DONE) {
		store_fail(s, err, "cannot copy the event's sources");
		goto end;
	}
	json_t *into = json_pack("{sI}", "into", (json_int_t)*new_id), *fromv = json_pack("{sI}", "from", (json_int_t)id);
	ok = !record(s, *new_id, "add", NULL, f, w, NULL, err) &&
	     !record(s, *new_id, "split", NULL, fromv, w, NULL, err) &&
	     !record(s, id, "split", NULL, into, w, NULL, err) && !curation_apply(s, *new_id, err) &&
	     !curation_apply(s, id, err);
	json_decref(into);
	json_decref(fromv);
end:
	json_decref(f);
	free(evidence);
	rc = act_end(s, ok, outer, err) ? (missing ? 1 : -1) : 0;
out:
	for (int i = 0; i < 6; i++)
		json_decref(v[i]);
	return rc;
}

/* Marks curation `cid` undone by `undo`; returns its event or 0 when it was
 * not live. */
static int undo_one(struct store *s, int64_t cid, int64_t undo, int64_t *event_id, char **err)
{
	struct db_stmt *st = prep(s, "UPDATE curations SET undone_by = $2 WHERE id = $1 AND undone_by IS NULL"
				" AND action <> 'undo' RETURNING event_id", err);
	if (!st)
		return -1;
	db_bind_int64(st, 1, cid);
	db_bind_int64(st, 2, undo);
	int rc = db_step(st);
	*event_id = rc == DB_ROW ? db_column_int64(st, 0) : 0;
	if (rc == DB_ROW)
		rc = db_step(st);
	db_finalize(st);
	return rc == DB_DONE ? 0 : store_fail(s, err, "cannot undo a curation");
}

int store_curation_undo(struct store *s, int64_t cid, const struct store_who *w, int64_t *undo_id, char **err)
{
	int outer = db_autocommit(s->db);
	if (act_begin(s, err))
		return -1;
	struct db_stmt *st = prep(s, "SELECT event_id, action, value, undone_by FROM curations WHERE id = $1", err);
	if (!st)
		return act_end(s, 0, outer, err);
	db_bind_int64(st, 1, cid);
	int rc = db_step(st), verdict = 0;
	int64_t event_id = 0;
	json_t *value = NULL;
	char action[16] = "";
	if (rc == DB_ROW) {
		event_id = db_column_int64(st, 0);
		snprintf(action, sizeof(action), "%s", col(st, 1));
		value = col(st, 2) ? json_parse_text(col(st, 2), JSON_DECODE_ANY) : NULL;
		if (!db_column_is_null(st, 3) || !strcmp(action, "undo"))
			verdict = 2;
	} else {
		verdict = rc == DB_DONE ? 1 : -1;
		if (verdict < 0)
			store_fail(s, err, "cannot read curations");
	}
	db_finalize(st);
	if (verdict) {
		json_decref(value);
		act_end(s, 0, outer, err);
		return verdict;
	}
	json_t *v = json_pack("{sI}", "undoes", (json_int_t)cid);
	int64_t uid = 0, ev;
	int ok = !record(s, event_id, "undo", NULL, v, w, &uid, err) && !undo_one(s, cid, uid, &ev, err) &&
		 !curation_apply(s, event_id, err);
	json_decref(v);
	/* The other side of a merge or a split is undone with it. */
	int64_t peer_of_split = json_integer_value(json_object_get(value, "into"));
	if (ok && !strcmp(action, "merge") && json_is_array(json_object_get(value, "from"))) {
		json_t *from = json_object_get(value, "from");
		for (size_t i = 0; i < json_array_size(from) && ok; i++) {
			int64_t other = json_integer_value(json_array_get(from, i));
			/* PostgreSQL: value read as JSON only on merges (a WHERE's
			 * conditions run in any order). */
			st = prep(s, is_pg(s)
				  ? "SELECT id FROM curations WHERE event_id = $1 AND action = 'merge'"
				    " AND undone_by IS NULL AND CASE WHEN action = 'merge'"
				    " THEN value::jsonb ->> 'into' END = CAST($2 AS text)"
				  : "SELECT id FROM curations WHERE event_id = $1 AND action = 'merge'"
				    " AND undone_by IS NULL AND json_extract(value, '$.into') = $2", err);
			if (!st) {
				ok = 0;
				break;
			}
			db_bind_int64(st, 1, other);
			db_bind_int64(st, 2, event_id);
			int64_t mid = db_step(st) == DB_ROW ? db_column_int64(st, 0) : 0;
			db_finalize(st);
			ok = !mid || (!undo_one(s, mid, uid, &ev, err) && !curation_apply(s, other, err));
		}
	} else if (ok && !strcmp(action, "split") && peer_of_split) {
		/* Undoing a split takes away the event it made. */
		st = prep(s, "SELECT id FROM curations WHERE event_id = $1 AND action = 'add' AND undone_by IS NULL", err);
		if (!st)
			ok = 0;
		else {
			db_bind_int64(st, 1, peer_of_split);
			int64_t aid = db_step(st) == DB_ROW ? db_column_int64(st, 0) : 0;
			db_finalize(st);
			ok = !aid || (!undo_one(s, aid, uid, &ev, err) && !curation_apply(s, peer_of_split, err));
		}
	}
	json_decref(value);
	if (undo_id)
		*undo_id = uid;
	return act_end(s, ok, outer, err) ? -1 : 0;
}

int store_curations_each(struct store *s, int64_t event_id, store_curation_fn fn, void *ctx, char **err)
{
	struct db_stmt *st = prep(s, event_id
		? "SELECT id, event_id, action, field, value, reason, by, at, undone_by FROM curations"
		  " WHERE event_id = $1 ORDER BY id"
		: "SELECT id, event_id, action, field, value, reason, by, at, undone_by FROM curations ORDER BY id",
		err);
	if (!st)
		return -1;
	if (event_id)
		db_bind_int64(st, 1, event_id);
	int rc, stop = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		struct store_curation c = {
			.id = db_column_int64(st, 0), .event_id = db_column_int64(st, 1),
			.action = col(st, 2), .field = col(st, 3), .value = col(st, 4), .reason = col(st, 5),
			.by = col(st, 6), .at = db_column_int64(st, 7), .undone_by = db_column_int64(st, 8),
		};
		if ((stop = fn(ctx, &c)))
			break;
	}
	if (!stop && rc != DB_DONE)
		stop = store_fail(s, err, "cannot read curations");
	db_finalize(st);
	return stop;
}

/* ---- one event, and the review queue ------------------------------------------- */

struct one {
	store_event_fn fn;
	void *ctx;
	int seen;
};

static int one_event(void *ctx, const struct tl_event *e)
{
	struct one *o = ctx;
	o->seen = 1;
	return o->fn(o->ctx, e);
}

int store_event_get(struct store *s, int64_t id, store_event_fn fn, void *ctx, char **err)
{
	struct event_filter f;
	memset(&f, 0, sizeof(f));
	f.status_mask = 7;
	f.ids = &id;
	f.n_ids = 1;
	struct one o = {fn, ctx, 0};
	int rc = store_timeline_each(s, &f, one_event, &o, err);
	return rc ? rc : o.seen ? 0 : 1;
}

const char *store_review_name(enum store_review_reason r)
{
	static const char *const names[REVIEW_COUNT] = {
		[REVIEW_UNDATED] = "undated", [REVIEW_CONTRADICTED] = "contradicted",
		[REVIEW_WARNED] = "warned", [REVIEW_LOW_CONFIDENCE] = "low-confidence",
		[REVIEW_UNSUPPORTED] = "unsupported", [REVIEW_UNVERIFIED] = "unverified",
	};
	return (unsigned)r < REVIEW_COUNT ? names[r] : "";
}

/* Each reason's query: event id, the other event (or NULL), a detail. A
 * verified event needs no review, except when no report tells it any more
 * or another event contradicts it. */
static const char *const review_sql[REVIEW_COUNT] = {
	[REVIEW_UNSUPPORTED] =
		"SELECT id, NULL, 'no report tells it any more; curated by ' ||"
		" (SELECT group_concat(DISTINCT by) FROM curations c WHERE c.event_id = e.id)"
		" FROM events e WHERE gone & 1 AND gone & 6 = 0 AND curation IS NOT NULL ORDER BY id",
	/* `+b.status`: the twin is found by its party key, never by walking
	 * every negated event (events_by_status, schema 13) for each occurred
	 * one, which an archive analysed before that index was planned for. */
	[REVIEW_CONTRADICTED] =
		"SELECT a.id, b.id, 'told as occurred (e' || a.id || ') and as not occurred (e' || b.id || ')'"
		" FROM events a JOIN events b ON b.party_key = a.type || '|2' || substr(a.party_key, length(a.type) + 3)"
		" WHERE a.status = 0 AND a.gone = 0 AND b.gone = 0 AND +b.status = 2"
		" AND (a.date = b.date OR a.date = '' OR b.date = '' OR substr(a.date, 1, length(b.date)) = b.date"
		"  OR substr(b.date, 1, length(a.date)) = a.date) ORDER BY a.date, a.id",
	[REVIEW_UNDATED] =
		"SELECT id, NULL, summary FROM events WHERE gone = 0 AND verified = 0 AND date = '' ORDER BY id",
	[REVIEW_LOW_CONFIDENCE] =
		"SELECT id, NULL, 'confidence ' || printf('%.2f', confidence) || ': ' || summary FROM events"
		" WHERE gone = 0 AND verified = 0 AND origin = 0 AND confidence < $1 ORDER BY confidence, id",
	[REVIEW_WARNED] =
		"SELECT e.id, NULL, 'r' || r.id || ': ' || (SELECT group_concat(value, '; ') FROM json_each(r.warnings))"
		" FROM events e JOIN event_reports er ON er.event_id = e.id JOIN reports r ON r.id = er.report_id"
		" WHERE e.gone = 0 AND e.verified = 0 AND r.warnings IS NOT NULL GROUP BY e.id ORDER BY e.id",
	[REVIEW_UNVERIFIED] =
		"SELECT id, NULL, summary FROM events WHERE gone = 0 AND verified = 0 ORDER BY date = '', date, id",
};

/* The reasons whose SQL PostgreSQL reads otherwise: string_agg for
 * group_concat (in the order of the first curation of each name, as
 * SQLite's scan gives), integer flags compared with 0, to_char for
 * printf, and one row per event by DISTINCT ON where SQLite takes a group's
 * last row (its last report). */
static const char *review_sql_pg(enum store_review_reason r)
{
	switch (r) {
	case REVIEW_UNSUPPORTED:
		return "SELECT id, NULL, 'no report tells it any more; curated by ' ||"
		       " (SELECT string_agg(q.by, ',' ORDER BY q.first) FROM (SELECT c.by, min(c.id) AS first"
		       "   FROM curations c WHERE c.event_id = e.id GROUP BY c.by) q)"
		       " FROM events e WHERE gone & 1 <> 0 AND gone & 6 = 0 AND curation IS NOT NULL ORDER BY id";
	case REVIEW_LOW_CONFIDENCE:
		return "SELECT id, NULL, 'confidence ' || to_char(confidence, 'FM990.00') || ': ' || summary"
		       " FROM events WHERE gone = 0 AND verified = 0 AND origin = 0 AND confidence < $1"
		       " ORDER BY confidence, id";
	case REVIEW_WARNED:
		return "SELECT DISTINCT ON (e.id) e.id, NULL, 'r' || r.id || ': ' ||"
		       " (SELECT string_agg(w.x, '; ' ORDER BY w.n)"
		       "   FROM json_array_elements_text(r.warnings::json) WITH ORDINALITY w(x, n))"
		       " FROM events e JOIN event_reports er ON er.event_id = e.id JOIN reports r ON r.id = er.report_id"
		       " WHERE e.gone = 0 AND e.verified = 0 AND r.warnings IS NOT NULL ORDER BY e.id, r.id DESC";
	default:
		return review_sql[r];
	}
}

int store_review_each(struct store *s, unsigned reasons, double below, long limit, store_review_fn fn,
		      void *ctx, char **err)
{
	static const enum store_review_reason order[] = {
		REVIEW_UNSUPPORTED, REVIEW_CONTRADICTED, REVIEW_UNDATED, REVIEW_LOW_CONFIDENCE,
		REVIEW_WARNED, REVIEW_UNVERIFIED,
	};
	long shown = 0;
	for (size_t k = 0; k < sizeof(order) / sizeof(*order); k++) {
		enum store_review_reason r = order[k];
		if (!(reasons & (1u << r)))
			continue;
		struct db_stmt *st = prep(s, is_pg(s) ? review_sql_pg(r) : review_sql[r], err);
		if (!st)
			return -1;
		if (r == REVIEW_LOW_CONFIDENCE)
			db_bind_double(st, 1, below > 0 ? below : 0.5);
		int rc, stop = 0;
		while ((rc = db_step(st)) == DB_ROW) {
			if (limit > 0 && shown >= limit)
				break;
			struct store_review_item it = {
				.reason = r, .event_id = db_column_int64(st, 0),
				.other_id = db_column_int64(st, 1), .detail = col(st, 2),
			};
			shown++;
			if ((stop = fn(ctx, &it)))
				break;
		}
		if (!stop && rc != DB_DONE && rc != DB_ROW)
			stop = store_fail(s, err, "cannot read the review queue");
		db_finalize(st);
		if (stop)
			return stop;
	}
	return 0;
}
