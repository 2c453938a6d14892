/* Events in the archive: storing those of a report (merging the same event
 * told by several reports), streaming timelines, and listing actors and
 * topics. */
#include "store/store_internal.h"

#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <sqlite3.h>

#include "util/buf.h"
#include "util/json_safe.h"


static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* type|status|sorted distinct party codes, and the names of the persons:
 * a call of two presidents and one of their foreign ministers on the same
 * day are two events, the same call told by two agencies is one. A directed
 * act adds "|>" and its sources' codes: Russia's expulsion of US diplomats
 * and the US expulsion of Russians told in one report are two events
 * (migration 10 gave the events stored before the same keys). Written into
 * *b. */
static int party_key(const struct event *e, struct buf *b)
{
	const char *small[16], **keys = small;
	if (2 * e->n_actors > sizeof(small) / sizeof(*small) &&
	    !(keys = malloc(2 * e->n_actors * sizeof(*keys))))
		return -1;
	size_t n = 0;
	for (size_t i = 0; i < e->n_actors; i++) {
		const char *k = e->actors[i].code ? e->actors[i].code : e->actors[i].name;
		if (k)
			keys[n++] = k;
		if (e->actors[i].kind == ACTOR_PERSON && e->actors[i].name && e->actors[i].code)
			keys[n++] = e->actors[i].name;
	}
	qsort(keys, n, sizeof(*keys), cmp_str);
	char status[3] = {'|', (char)('0' + (int)e->status), '\0'};
	buf_reset(b);
	int rc = buf_addstr(b, e->type) || buf_addstr(b, status);
	for (size_t i = 0; i < n && !rc; i++)
		if (i == 0 || strcmp(keys[i], keys[i - 1]))
			rc = buf_addch(b, '|') || buf_addstr(b, keys[i]);
	/* the sources of an act aimed at a coded party */
	size_t ns = 0;
	int aimed = 0;
	for (size_t i = 0; i < e->n_actors; i++) {
		const char *c = e->actors[i].code;
		if (!c || !*c)
			continue;
		if (e->actors[i].role == ROLE_SOURCE)
			keys[ns++] = c;
		else if (e->actors[i].role == ROLE_TARGET)
			aimed = 1;
	}
	if (aimed && ns && !rc) {
		qsort(keys, ns, sizeof(*keys), cmp_str);
		rc = buf_addstr(b, "|>");
		for (size_t i = 0; i < ns && !rc; i++)
			if (i == 0 || strcmp(keys[i], keys[i - 1]))
				rc = (i && buf_addch(b, '|')) || buf_addstr(b, keys[i]);
	}
	if (keys != small)
		free(keys);
	return rc ? -1 : 0;
}

/* Two dates name the same event when equal, or when one only narrows the
 * other ("2015-01" and "2015-01-06"). An undated event matches only an undated one. */
static int dates_compatible(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (!la || !lb)
		return la == lb;
	return !strncmp(a, b, la < lb ? la : lb);
}

/* The id of an actor (name and code) or topic (name; code NULL), added
 * when missing; the cache answers for those met before. */
static int id_of(struct store *s, enum stmt_id get, enum stmt_id add, const char *name,
		 const char *code, int kind, const char *kind_text, int64_t *id, char **err)
{
	size_t ln = strlen(name), lc = code ? strlen(code) : 0, len = ln + lc + 2;
	char small[256], *key = len <= sizeof(small) ? small : malloc(len);
	if (!key) {
		*err = strdup("out of memory");
		return -1;
	}
	key[0] = get == ST_ACTOR_GET ? 'a' : 't';
	memcpy(key + 1, name, ln + 1);   /* the NUL separates name and code */
	if (lc)
		memcpy(key + ln + 2, code, lc);
	int rc = -1;
	if (store_cache_get(s, key, len, id)) {
		rc = 0;
		goto out;
	}
	struct db_stmt *st = store_stmt(s, get, err);
	if (!st)
		goto out;
	bind_text(st, 1, name);
	if (code)
		bind_text(st, 2, code);
	int step = db_step(st);
	if (step == DB_ROW)
		*id = db_column_int64(st, 0);
	db_reset(st);
	if (step != DB_ROW) {
		if (step != DB_DONE) {
			store_fail(s, err, "cannot read the archive");
			goto out;
		}
		if (!(st = store_stmt(s, add, err)))
			goto out;
		bind_text(st, 1, name);
		if (kind_text) {
			bind_text(st, 2, kind_text);
		} else {
			bind_text(st, 2, code);
			db_bind_int64(st, 3, kind);
		}
		if (store_step_id(s, st, "cannot store an actor or topic", id, err))
			goto out;
	}
	store_cache_put(s, key, len, *id);   /* forgetting only costs a query */
	rc = 0;
out:
	if (key != small)
		free(key);
	return rc;
}

/* Where the date and its precision stand in an events row (the column
 * order of store_rows.c), for narrowing a waiting event's date. */
enum { EVENT_ROW_DATE = 4, EVENT_ROW_PRECISION = 5 };

/* The events of one report not yet in the archive: their rows wait in
 * s->rows until the report's end, and a later event of the same report
 * may repeat one of them. */
struct new_event {
	int64_t id;
	size_t key_off;      /* in keys */
	size_t row;          /* index of its first value in the events rows */
	size_t actor_row;    /* ... and in the event_actors rows (with their dates: n_actor_rows) */
	size_t n_actor_rows;
	char date[16];
};

/* The event_actors rows carry their event's date (migration 8; its trigger
 * would otherwise write each row, and its index entry, a second time), and
 * from migration 11 its type and status (gone is 0, the default), but for
 * an archive kept below migration 6 (store_rows.c, row_columns). */
enum { ACTOR_ROW_DATE = 5 };
static size_t actor_row_width(const struct store *s)
{
	return s->before_11 ? 6 : 8;
}

struct report_events {
	struct new_event *v;
	size_t n, cap;
	struct buf keys;     /* NUL-terminated party keys */
	int64_t *linked;     /* events already linked to the report */
	size_t n_linked, cap_linked;
	int64_t first_id;    /* events from first_id on are new in this report */
	int64_t next_id;
};

static int queue_change(struct store *s, int64_t id, char **err)
{
	return store_deferring(s) && s->own_changes ? store_defer_id(s, &s->changes, id, err) : 0;
}

int store_queue_change(struct store *s, int64_t id, char **err)
{
	return queue_change(s, id, err);
}

int store_actor_id(struct store *s, const char *name, const char *code, int kind, int64_t *id, char **err)
{
	return id_of(s, ST_ACTOR_GET, ST_ACTOR_ADD, name, code ? code : "", kind, NULL, id, err);
}

int store_topic_id(struct store *s, const char *name, int64_t *id, char **err)
{
	const char *kind = islower((unsigned char)name[0]) ? "topic" : "named";
	return id_of(s, ST_TOPIC_GET, ST_TOPIC_ADD, name, NULL, 0, kind, id, err);
}

/* The stored event this one repeats (key and a compatible date), or 0; of
 * several, the first stored. Narrows its date when this one is more precise.
 * A curated event is matched on what extraction found for it (event_base),
 * and its view is computed again after a narrowing. */
static int has_id(const int64_t *ids, size_t n, int64_t id);

/* An event the report itself told before (one of cands, being replaced or
 * re-extracted) is not touched here: refresh() says whether it changed. */
static int find_stored(struct store *s, const struct event *e, const char *key, const char *date,
		       const int64_t *cands, size_t n_cands, int64_t *found, char **err)
{
	char above[17], found_date[16] = "";
	size_t len = strlen(date);
	int curated = 0;
	*found = 0;
	struct db_stmt *st = store_stmt(s, ST_EVENT_FIND, err);
	if (!st)
		return -1;
	bind_text(st, 1, key);
	if (len) {
		memcpy(above, date, len);
		above[len] = '\x7f';   /* above any byte of a date */
		db_bind_text_static(st, 2, date, (ptrdiff_t)len);
		db_bind_text_static(st, 3, above, (ptrdiff_t)len + 1);
		/* A wider date is a year or a month, so it ends where this
		 * one has a '-' (not a year's sign). */
		for (size_t k = 1, p = 4; k < len && p <= 5; k++)
			if (date[k] == '-')
				db_bind_text_static(st, (int)p++, date, (ptrdiff_t)k);
	} else {
		/* An undated event is the same as an undated one only. */
		bind_text(st, 2, "");
		bind_text(st, 3, "");
		bind_text(st, 4, "");
	}
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t id = db_column_int64(st, 0);
		const char *d = db_column_text(st, 1);
		int kind = db_column_int(st, 2);
		if (!d)
			d = "";
		/* kind 1: a curated event's own row, whose date a person may have set. */
		if (kind == 1 || (*found && id > *found) || !dates_compatible(d, date))
			continue;
		*found = id;
		curated = kind == 2;
		snprintf(found_date, sizeof(found_date), "%s", d);
	}
	db_reset(st);
	if (rc != DB_DONE)
		return store_fail(s, err, "cannot search events");
	if (!*found)
		return 0;
	int narrower = len > strlen(found_date);
	if (curated && narrower) {
		if (!(st = store_stmt(s, ST_BASE_REDATE, err)))
			return -1;
		db_bind_int64(st, 1, *found);
		bind_text(st, 2, date);
		db_bind_int64(st, 3, (int)e->date.prec);
		if (store_step_done(s, st, "cannot update an event", err) || curation_apply(s, *found, err))
			return -1;
		narrower = 0;
	}
	if (!narrower && has_id(cands, n_cands, *found))
		return 0;
	if (!(st = store_stmt(s, narrower ? ST_EVENT_REDATE : ST_EVENT_TOUCH, err)))
		return -1;
	db_bind_int64(st, 1, *found);
	if (narrower) {
		bind_text(st, 2, date);
		db_bind_int64(st, 3, (int)e->date.prec);
		db_bind_int64(st, 4, s->now);
	} else {
		db_bind_int64(st, 2, s->now);
	}
	if (store_step_done(s, st, "cannot update an event", err))
		return -1;
	return queue_change(s, *found, err);
}

/* Whether id is among the sorted ids. */
static int has_id(const int64_t *ids, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ids[mid] == id)
			return 1;
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static int count_query(struct store *s, const char *sql, int64_t a, int64_t b, long *n, char **err)
{
	struct db_stmt *st;
	if (db_prepare(s->db, sql, 0, &st))
		return store_fail(s, err, "cannot prepare a statement");
	db_bind_int64(st, 1, a);
	db_bind_int64(st, 2, b);
	int rc = db_step(st);
	*n = rc == DB_ROW ? db_column_int64(st, 0) : 0;
	db_finalize(st);
	return rc == DB_ROW ? 0 : store_fail(s, err, "cannot read the archive");
}

/* The report told again an event only it told before (a corrected version,
 * or a new extraction): the event takes what extraction finds now, under
 * its id; a curated event takes it beneath its curations. *changed is 1
 * when anything differs. */
static int refresh(struct store *s, int64_t id, const struct event *e, int64_t report_id, int *changed,
		   char **err)
{
	*changed = 0;
	long others;
	if (count_query(s, "SELECT count(*) FROM event_reports WHERE event_id = $1 AND report_id <> $2",
			id, report_id, &others, err))
		return -1;
	if (others)
		return 0;   /* what another report told stays as it was */
	int base = curation_has_base(s, id, err);
	if (base < 0)
		return -1;
	char date[16];
	cdate_format(&e->date, date);
	json_t *old = NULL, *now = event_fields_of(e, date);
	if (!now || event_fields_load(s, id, base, &old, err) < 0) {
		json_decref(now);
		if (!*err)
			*err = strdup("out of memory");
		return -1;
	}
	int rc = 0;
	if (!json_equal(old, now)) {
		*changed = 1;
		rc = event_fields_write(s, id, now, base, err) || (base && curation_apply(s, id, err));
	}
	json_decref(old);
	json_decref(now);
	if (rc)
		return -1;
	struct db_stmt *st;
	if (db_prepare(s->db, db_kind(s->db) == DB_PG
				      ? "UPDATE events SET evidence = $2, confidence = $3 WHERE id = $1"
					" AND (evidence IS DISTINCT FROM $2 OR confidence IS DISTINCT FROM $3)"
				      : "UPDATE events SET evidence = $2, confidence = $3 WHERE id = $1"
					" AND (evidence IS NOT $2 OR confidence IS NOT $3)", 0, &st))
		return store_fail(s, err, "cannot prepare a statement");
	db_bind_int64(st, 1, id);
	bind_text(st, 2, e->evidence ? e->evidence : "");
	if (e->confidence > 0)
		db_bind_double(st, 3, e->confidence);
	rc = db_step(st);
	db_finalize(st);
	if (rc != DB_DONE)
		return store_fail(s, err, "cannot update an event");
	*changed |= db_changes(s->db) > 0;
	return 0;
}

/* An event the report told before (cands) with the same key, not yet found
 * again, whose date or this one's is unknown; 0 when none. */
static int find_candidate(struct store *s, const char *key, const char *date, const int64_t *cands,
			  size_t n_cands, const int64_t *taken, size_t n_taken, int64_t *found, char **err)
{
	struct db_stmt *st;
	*found = 0;
	if (db_prepare(s->db, "SELECT e.id, coalesce(b.date, e.date) FROM events e"
			       " LEFT JOIN event_base b ON b.event_id = e.id"
			       " WHERE e.id = $1 AND e.party_key = $2", 0, &st))
		return store_fail(s, err, "cannot search events");
	int rc = DB_DONE;
	for (size_t i = 0; i < n_cands && !*found; i++) {
		int used = 0;
		for (size_t k = 0; k < n_taken && !used; k++)
			used = taken[k] == cands[i];
		if (used)
			continue;
		db_reset(st);
		db_bind_int64(st, 1, cands[i]);
		db_bind_text_static(st, 2, key, -1);
		rc = db_step(st);
		if (rc == DB_ROW) {
			const char *d = db_column_text(st, 1);
			if (!d || !*d || !*date)
				*found = cands[i];
			rc = DB_DONE;
		}
		if (rc != DB_DONE)
			break;
	}
	db_finalize(st);
	return rc == DB_DONE ? 0 : store_fail(s, err, "cannot search events");
}

int store_withdraw_unlinked(struct store *s, const int64_t *ids, size_t n, struct store_event_changes *ch,
			    char **err)
{
	for (size_t i = 0; i < n; i++) {
		struct db_stmt *st = store_stmt(s, ST_EVENT_WITHDRAW, err);
		if (!st)
			return -1;
		db_bind_int64(st, 1, ids[i]);
		db_bind_int64(st, 2, s->now);
		if (store_step_done(s, st, "cannot withdraw an event", err))
			return -1;
		if (!db_changes(s->db))
			continue;
		if (ch)
			ch->withdrawn++;
		/* Deleted (below migration 6): its links too, also when foreign
		 * keys are off (store_bulk). */
		for (enum stmt_id del = ST_EVENT_ACTORS_DEL; s->before_6 && del <= ST_EVENT_TOPICS_DEL; del++) {
			if (!(st = store_stmt(s, del, err)))
				return -1;
			db_bind_int64(st, 1, ids[i]);
			if (store_step_done(s, st, "cannot remove an event", err))
				return -1;
		}
		if (queue_change(s, ids[i], err))
			return -1;
	}
	return 0;
}

/* An event found earlier in the same report that this one repeats, or 0;
 * narrows its waiting row's date when this one is more precise. */
static int find_new(struct store *s, struct report_events *re, const struct event *e,
		    const char *key, const char *date, int64_t *found, char **err)
{
	*found = 0;
	for (size_t i = 0; i < re->n; i++) {
		struct new_event *ne = &re->v[i];
		if (strcmp(re->keys.data + ne->key_off, key) || !dates_compatible(ne->date, date))
			continue;
		*found = ne->id;
		size_t len = strlen(date);
		if (len > strlen(ne->date)) {
			memcpy(ne->date, date, len + 1);
			if (rows_recopy(s, RT_EVENTS, ne->row + EVENT_ROW_DATE, date, len, err))
				return -1;
			rows_set_int(s, RT_EVENTS, ne->row + EVENT_ROW_PRECISION, (int64_t)e->date.prec);
			for (size_t k = 0; k < ne->n_actor_rows; k++)
				if (rows_recopy(s, RT_EVENT_ACTORS, ne->actor_row + k * actor_row_width(s) + ACTOR_ROW_DATE,
						date, len, err))
					return -1;
		}
		return 0;
	}
	return 0;
}

static int add_new_event(struct store *s, struct report_events *re, const struct event *e,
			 const char *key, const char *date, int64_t *id, char **err)
{
	if (grow_array((void **)&re->v, &re->cap, re->n + 1, sizeof(*re->v)))
		goto oom;
	struct new_event *ne = &re->v[re->n];
	/* PostgreSQL: each new event's id from the sequence, which never gives
	 * a number twice, whoever else writes meanwhile. */
	if (db_kind(s->db) == DB_PG) {
		if (store_next_event_id(s, &ne->id, err))
			return -1;
		*id = ne->id;
	} else {
		ne->id = *id = re->next_id++;
	}
	ne->key_off = re->keys.len;
	ne->row = rows_count(s, RT_EVENTS);
	snprintf(ne->date, sizeof(ne->date), "%s", date);
	if (buf_addstr(&re->keys, key) || buf_addch(&re->keys, '\0'))
		goto oom;
	re->n++;
	enum row_table t = RT_EVENTS;
	if (rows_int(s, t, *id, err) || rows_text(s, t, e->type, err) ||
	    rows_text(s, t, e->cameo, err) || rows_int(s, t, (int64_t)e->status, err) ||
	    rows_copy(s, t, date, strlen(date), err) || rows_int(s, t, (int64_t)e->date.prec, err) ||
	    rows_copy(s, t, key, strlen(key), err) ||
	    rows_text(s, t, e->summary ? e->summary : "", err) ||
	    rows_text(s, t, e->evidence ? e->evidence : "", err) || rows_int(s, t, s->now, err) ||
	    rows_int(s, t, s->now, err) ||
	    (!s->before_6 && rows_real(s, t, e->confidence > 0 ? e->confidence : -1, err)))
		return -1;
	if ((store_deferring(s) && store_defer_id(s, &s->fts_events, *id, err)) ||
	    queue_change(s, *id, err))
		return -1;
	t = RT_EVENT_ACTORS;
	int dated = !s->before_6;
	size_t first_row = rows_count(s, t), n_rows = 0;
	for (size_t i = 0; i < e->n_actors; i++) {
		const struct event_actor *a = &e->actors[i];
		int64_t aid;
		if (!a->name)
			continue;
		if (id_of(s, ST_ACTOR_GET, ST_ACTOR_ADD, a->name, a->code ? a->code : "", (int)a->kind,
			  NULL, &aid, err) ||
		    rows_int(s, t, *id, err) || rows_int(s, t, (int64_t)i, err) ||
		    rows_int(s, t, aid, err) || rows_int(s, t, (int64_t)a->role, err) ||
		    rows_text(s, t, a->title, err) || (dated && rows_copy(s, t, date, strlen(date), err)) ||
		    (!s->before_11 && (rows_text(s, t, e->type, err) || rows_int(s, t, (int64_t)e->status, err))))
			return -1;
		n_rows++;
	}
	/* Narrowed later in the report (find_new): these rows' dates too. */
	re->v[re->n - 1].actor_row = first_row;
	re->v[re->n - 1].n_actor_rows = dated ? n_rows : 0;
	t = RT_EVENT_TOPICS;
	for (size_t i = 0; i < e->n_topics; i++) {
		int64_t tid;
		const char *kind = islower((unsigned char)e->topics[i][0]) ? "topic" : "named";
		if (id_of(s, ST_TOPIC_GET, ST_TOPIC_ADD, e->topics[i], NULL, 0, kind, &tid, err) ||
		    rows_int(s, t, *id, err) || rows_int(s, t, tid, err))
			return -1;
	}
	return 0;
oom:
	*err = strdup("out of memory");
	return -1;
}

static int link_report(struct store *s, struct report_events *re, const struct event *e,
		       int64_t id, int64_t report_id, char **err)
{
	for (size_t i = 0; i < re->n_linked; i++)
		if (re->linked[i] == id)
			return 0;   /* told twice in the report: the first telling is the evidence */
	if (grow_array((void **)&re->linked, &re->cap_linked, re->n_linked + 1, sizeof(*re->linked))) {
		*err = strdup("out of memory");
		return -1;
	}
	re->linked[re->n_linked++] = id;
	enum row_table t = RT_EVENT_REPORTS;
	/* An event this report tells first has its evidence already: the link
	 * keeps only the offsets (a tenth of a large archive was that copy). */
	int is_new = id >= re->first_id;
	if (db_kind(s->db) == DB_PG) {
		/* Ids from the sequence: another writer's event may lie above
		 * this report's first; new means made by this report. */
		is_new = 0;
		for (size_t i = 0; i < re->n && !is_new; i++)
			is_new = re->v[i].id == id;
	}
	const char *evidence = is_new || !e->evidence ? "" : e->evidence;
	return rows_int(s, t, id, err) || rows_int(s, t, report_id, err) ||
	       rows_text(s, t, evidence, err) ||
	       rows_int(s, t, (int64_t)e->ev_start, err) || rows_int(s, t, (int64_t)e->ev_end, err)
		       ? -1 : 0;
}

int store_next_event_id(struct store *s, int64_t *id, char **err)
{
	struct db_stmt *st = store_stmt(s, ST_EVENT_NEXT_ID, err);
	if (!st)
		return -1;
	int rc = db_step(st);
	*id = db_column_int64(st, 0);
	db_reset(st);
	return rc == DB_ROW ? 0 : store_fail(s, err, "cannot read the archive");
}

int store_put_events(struct store *s, int64_t report_id, const struct event_list *events,
		     const int64_t *cands, size_t n_cands, struct store_event_changes *ch, char **err)
{
	if (!events->n)
		return 0;
	struct report_events re = {0};
	struct buf key;
	buf_init(&key, 0);
	buf_init(&re.keys, 0);
	/* Within a batch the store is the only writer: ids are counted on from
	 * the first report's (a failed report leaves a gap, never a clash). */
	int rc = 0;
	if (db_kind(s->db) == DB_PG)
		re.next_id = 0;   /* unused: add_new_event takes each id from the sequence */
	else if (s->batch && s->next_event)
		re.next_id = s->next_event;
	else
		rc = store_next_event_id(s, &re.next_id, err);
	re.first_id = re.next_id;
	int64_t *refreshed = NULL;
	size_t n_refreshed = 0;
	if (n_cands && !(refreshed = malloc(n_cands * sizeof(*refreshed)))) {
		*err = strdup("out of memory");
		rc = -1;
	}
	for (size_t i = 0; i < events->n && !rc; i++) {
		const struct event *e = &events->items[i];
		char date[16];
		int64_t id = 0;
		cdate_format(&e->date, date);
		if (party_key(e, &key)) {
			*err = strdup("out of memory");
			rc = -1;
			break;
		}
		/* Stored events have the lowest ids: the first stored of several wins. */
		rc = find_stored(s, e, key.data, date, s->before_6 ? NULL : cands, s->before_6 ? 0 : n_cands, &id, err);
		/* The report told it before with another date (the report's own
		 * date was corrected, or extraction dates it better now): the
		 * same parties and act, undated on one side, are the same event. */
		if (!rc && !id && n_cands && !s->before_6)
			rc = find_candidate(s, key.data, date, cands, n_cands, refreshed, n_refreshed, &id, err);
		if (!rc && id && has_id(cands, n_cands, id) && !s->before_6) {
			/* Told again by the report that told it before: the first
			 * telling in this version refreshes it. */
			int seen = 0, changed = 0;
			for (size_t k = 0; k < n_refreshed && !seen; k++)
				seen = refreshed[k] == id;
			if (!seen) {
				refreshed[n_refreshed++] = id;
				rc = refresh(s, id, e, report_id, &changed, err);
				if (!rc && changed)
					rc = queue_change(s, id, err);
				if (ch)
					*(changed ? &ch->updated : &ch->kept) += 1;
			}
		} else if (!rc && id && ch) {
			ch->kept++;
		}
		if (!rc && !id) {
			rc = find_new(s, &re, e, key.data, date, &id, err);
			if (!rc && !id) {
				rc = add_new_event(s, &re, e, key.data, date, &id, err);
				if (!rc && ch)
					ch->added++;
			}
		}
		if (!rc)
			rc = link_report(s, &re, e, id, report_id, err);
	}
	if (!rc)
		rc = rows_flush(s, err);
	else
		rows_discard(s);
	if (s->batch)
		s->next_event = re.next_id;
	free(refreshed);
	buf_release(&key);
	buf_release(&re.keys);
	free(re.v);
	free(re.linked);
	return rc;
}

/* ---- timelines ---------------------------------------------------------- */

/* The actors an actor filter names: by name, alias or code; a state or
 * organisation also names every actor acting for it. %1$d is the
 * parameter's number. Found once for a query, not again for each event. */
#define ACTOR_IDS \
	"SELECT a.id FROM actors a WHERE a.id IN (SELECT id FROM actors WHERE name = $%1$d COLLATE NOCASE" \
	"   UNION SELECT actor_id FROM actor_aliases WHERE alias = $%1$d)" \
	" OR (a.code <> '' AND a.code = $%1$d COLLATE NOCASE)" \
	" OR (a.code <> '' AND a.code IN (SELECT code FROM actors WHERE kind IN (0, 1)" \
	"   AND (name = $%1$d COLLATE NOCASE OR code = $%1$d COLLATE NOCASE)" \
	"   UNION SELECT a2.code FROM actor_aliases al JOIN actors a2 ON a2.id = al.actor_id" \
	"   WHERE al.alias = $%1$d AND a2.kind IN (0, 1)))"
/* An event the actor takes part in, tested as a walk goes... */
static const char actor_match[] =
	" EXISTS (SELECT 1 FROM event_actors ea WHERE ea.event_id = e.id AND ea.actor_id IN (" ACTOR_IDS "))";
/* ... or its events, to read and sort. */
static const char actor_set[] = "SELECT event_id FROM event_actors WHERE actor_id IN (" ACTOR_IDS ")";

/* Rows are packed with SQLite's JSON functions and read back with jansson:
 * any character of a title or name survives (a separator byte would not).
 * A merged event's sources include those of the events merged into it. */
static const char timeline_select[] =
	"SELECT e.id, e.type, e.cameo, e.status, e.date, e.date_precision, e.summary, e.evidence,"
	" e.added_at,"
	" (SELECT json_group_array(json(x)) FROM (SELECT json_array(a.name, a.code, a.kind, ea.role,"
	"   ea.title) AS x FROM event_actors ea JOIN actors a ON a.id = ea.actor_id"
	"   WHERE ea.event_id = e.id ORDER BY ea.seq)),"
	" (SELECT json_group_array(x) FROM (SELECT t.name AS x FROM event_topics et"
	"   JOIN topics t ON t.id = et.topic_id WHERE et.event_id = e.id ORDER BY t.kind DESC, t.name)),"
	" CASE WHEN EXISTS (SELECT 1 FROM events m WHERE m.merged_into = e.id AND m.gone & 4) THEN"
	" (SELECT json_group_array(json(x)) FROM (SELECT json_array(r.id, ag.name, r.title, r.url,"
	"   r.published, r.published_known) AS x FROM reports r"
	"   LEFT JOIN agencies ag ON ag.id = r.agency_id"
	"   WHERE r.id IN (SELECT report_id FROM event_reports WHERE event_id = e.id"
	"     UNION SELECT er.report_id FROM events m JOIN event_reports er ON er.event_id = m.id"
	"     WHERE m.merged_into = e.id AND m.gone & 4)"
	"   ORDER BY r.published, r.id))"
	/* Nearly every event has merged none: its own reports, without the
	 * temporary b-trees of the union and the list (event_reports holds
	 * each pair once). */
	" ELSE (SELECT json_group_array(json(x)) FROM (SELECT json_array(r.id, ag.name, r.title, r.url,"
	"   r.published, r.published_known) AS x FROM event_reports er JOIN reports r ON r.id = er.report_id"
	"   LEFT JOIN agencies ag ON ag.id = r.agency_id WHERE er.event_id = e.id"
	"   ORDER BY r.published, r.id)) END,"
	" e.confidence, e.curation, e.gone, e.merged_into, e.origin"
	" FROM events e WHERE 1";

/* The same on PostgreSQL: json_agg in the order SQLite's subqueries give
 * (names in byte order, as SQLite's BINARY), '[]' when there is no row. */
static const char timeline_select_pg[] =
	"SELECT e.id, e.type, e.cameo, e.status, e.date, e.date_precision, e.summary, e.evidence,"
	" e.added_at,"
	" (SELECT coalesce(json_agg(json_build_array(a.name, a.code, a.kind, ea.role, ea.title) ORDER BY ea.seq), '[]')"
	"   FROM event_actors ea JOIN actors a ON a.id = ea.actor_id WHERE ea.event_id = e.id),"
	" (SELECT coalesce(json_agg(t.name ORDER BY t.kind DESC, t.name COLLATE \"C\"), '[]') FROM event_topics et"
	"   JOIN topics t ON t.id = et.topic_id WHERE et.event_id = e.id),"
	" (SELECT coalesce(json_agg(json_build_array(r.id, ag.name, r.title, r.url, r.published, r.published_known)"
	"   ORDER BY r.published, r.id), '[]') FROM reports r"
	"   LEFT JOIN agencies ag ON ag.id = r.agency_id"
	"   WHERE r.id IN (SELECT report_id FROM event_reports WHERE event_id = e.id"
	"     UNION SELECT er.report_id FROM events m JOIN event_reports er ON er.event_id = m.id"
	"     WHERE m.merged_into = e.id AND m.gone & 4 <> 0)),"
	" e.confidence, e.curation, e.gone, e.merged_into, e.origin"
	" FROM events e WHERE true";

/* Lower and upper bounds of a partial date as padded strings, so that
 * "2015-01" covers "2015-01-00".."2015-01-99" and overlaps "2015". */
static void date_bound(const struct cdate *d, int upper, char *out)
{
	char s[16];
	cdate_format(d, s);
	const char *pad = upper ? "-99-99" : "-00-00";
	size_t n = strlen(s);
	memcpy(out, s, n);
	const char *tail = pad + (n == 4 ? 0 : n == 7 ? 3 : 6);
	memcpy(out + n, tail, strlen(tail) + 1);
}

struct timeline_buffers {
	json_t *actors, *topics, *sources, *curation;   /* the row's, until the next */
	struct event_actor *act;
	char **top;
	struct tl_source *src;
	const char **tags, **fields;
	struct tl_note *notes;
	size_t cap_act, cap_top, cap_src, cap_tags, cap_fields, cap_notes;
};

static void buffers_drop(struct timeline_buffers *tb)
{
	json_decref(tb->actors);
	json_decref(tb->topics);
	json_decref(tb->sources);
	json_decref(tb->curation);
	tb->actors = tb->topics = tb->sources = tb->curation = NULL;
}

static void buffers_release(struct timeline_buffers *tb)
{
	buffers_drop(tb);
	free(tb->act);
	free(tb->top);
	free(tb->src);
	free(tb->tags);
	free(tb->fields);
	free(tb->notes);
}

static json_t *column_json(struct db_stmt *st, int i)
{
	const char *t = db_column_text(st, i);
	return t ? json_parse_text(t, JSON_DECODE_ANY) : NULL;
}

static const char *jtext(json_t *v)
{
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Text of an optional string: NULL when missing or empty. */
static const char *jtext_nonempty(json_t *v)
{
	const char *t = jtext(v);
	return t && *t ? t : NULL;
}

/* The strings of a JSON array into *out (grown as needed); returns the count or -1. */
static long string_array(json_t *arr, const char ***out, size_t *cap)
{
	size_t n = json_array_size(arr);
	if (n && grow_array((void **)out, cap, n, sizeof(**out)))
		return -1;
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (jtext(json_array_get(arr, i)))
			(*out)[k++] = jtext(json_array_get(arr, i));
	return (long)k;
}

/* What people did to the event, from events.curation. */
static int read_curation(struct timeline_buffers *tb, struct tl_curation *c)
{
	json_t *cur = tb->curation;
	if (!json_is_object(cur))
		return 0;
	long n;
	if ((n = string_array(json_object_get(cur, "tags"), &tb->tags, &tb->cap_tags)) < 0)
		return -1;
	c->tags = tb->tags;
	c->n_tags = (size_t)n;
	if ((n = string_array(json_object_get(cur, "fields"), &tb->fields, &tb->cap_fields)) < 0)
		return -1;
	c->fields_set = tb->fields;
	c->n_fields_set = (size_t)n;
	json_t *notes = json_object_get(cur, "notes");
	size_t nn = json_array_size(notes);
	if (nn && grow_array((void **)&tb->notes, &tb->cap_notes, nn, sizeof(*tb->notes)))
		return -1;
	for (size_t i = 0; i < nn; i++) {
		json_t *o = json_array_get(notes, i);
		struct tl_note *t = &tb->notes[c->n_notes];
		if (!(t->text = jtext(json_object_get(o, "text"))))
			continue;
		t->by = jtext(json_object_get(o, "by"));
		t->at = json_integer_value(json_object_get(o, "at"));
		c->n_notes++;
	}
	c->notes = tb->notes;
	json_t *v = json_object_get(cur, "verified");
	if (json_is_object(v)) {
		c->verified = 1;
		c->verified_by = jtext(json_object_get(v, "by"));
		c->verified_at = json_integer_value(json_object_get(v, "at"));
	}
	c->added_by_hand = json_is_true(json_object_get(cur, "hand"));
	return 0;
}

/* Builds the tl_event of one row, pointing into tb's JSON values (valid until
 * the next row). */
static int row_to_event(struct db_stmt *st, struct timeline_buffers *tb, struct event *ev,
			struct tl_event *te)
{
	memset(ev, 0, sizeof(*ev));
	memset(te, 0, sizeof(*te));
	buffers_drop(tb);
	te->id = db_column_int64(st, 0);
	snprintf(ev->type, sizeof(ev->type), "%s", db_column_text(st, 1));
	snprintf(ev->cameo, sizeof(ev->cameo), "%s", db_column_text(st, 2));
	ev->status = (enum event_status)db_column_int(st, 3);
	const char *date = db_column_text(st, 4);
	if (date && *date)
		cdate_parse(date, &ev->date);
	ev->date.prec = (enum date_precision)db_column_int(st, 5);
	ev->summary = (char *)db_column_text(st, 6);
	ev->evidence = (char *)db_column_text(st, 7);
	te->added = db_column_int64(st, 8);
	tb->actors = column_json(st, 9);
	tb->topics = column_json(st, 10);
	tb->sources = column_json(st, 11);
	tb->curation = column_json(st, 13);
	/* (SQLite wrote these columns: text it cannot give back read means
	 * memory ran out, and an event without its actors is not written) */
	if ((!tb->actors && db_column_text(st, 9)) || (!tb->topics && db_column_text(st, 10)) ||
	    (!tb->sources && db_column_text(st, 11)) || (!tb->curation && db_column_text(st, 13)))
		return -1;
	te->confidence = db_column_is_null(st, 12) ? 0 : db_column_double(st, 12);
	te->gone = (unsigned)db_column_int(st, 14);
	te->merged_into = db_column_int64(st, 15);
	size_t na = json_array_size(tb->actors), nt = json_array_size(tb->topics),
	       ns = json_array_size(tb->sources);
	if ((na && grow_array((void **)&tb->act, &tb->cap_act, na, sizeof(*tb->act))) ||
	    (nt && grow_array((void **)&tb->top, &tb->cap_top, nt, sizeof(*tb->top))) ||
	    (ns && grow_array((void **)&tb->src, &tb->cap_src, ns, sizeof(*tb->src))))
		return -1;
	for (size_t i = 0; i < na; i++) {
		json_t *f = json_array_get(tb->actors, i);
		if (!jtext(json_array_get(f, 0)))
			continue;
		struct event_actor *a = &tb->act[ev->n_actors++];
		a->name = (char *)jtext(json_array_get(f, 0));
		a->code = (char *)jtext_nonempty(json_array_get(f, 1));
		a->kind = (enum actor_kind)json_integer_value(json_array_get(f, 2));
		a->role = (enum actor_role)json_integer_value(json_array_get(f, 3));
		a->title = (char *)jtext_nonempty(json_array_get(f, 4));
	}
	for (size_t i = 0; i < nt; i++)
		if (jtext(json_array_get(tb->topics, i)))
			tb->top[ev->n_topics++] = (char *)jtext(json_array_get(tb->topics, i));
	for (size_t i = 0; i < ns; i++) {
		json_t *f = json_array_get(tb->sources, i);
		struct tl_source *src = &tb->src[te->n_sources++];
		src->report_id = json_integer_value(json_array_get(f, 0));
		src->agency = jtext_nonempty(json_array_get(f, 1));
		src->title = jtext_nonempty(json_array_get(f, 2));
		src->url = jtext_nonempty(json_array_get(f, 3));
		src->published = json_integer_value(json_array_get(f, 4));
		src->published_known = json_is_integer(json_array_get(f, 4)) &&
				       json_integer_value(json_array_get(f, 5)) != 0;
	}
	if (read_curation(tb, &te->cur))
		return -1;
	/* origin 1: added by hand (stored with confidence 1, see event_add). */
	if (db_column_int(st, 16) == 1)
		te->cur.added_by_hand = 1;
	ev->actors = tb->act;
	ev->topics = tb->top;
	te->ev = ev;
	te->sources = tb->src;
	return 0;
}

/* ---- what a connection keeps for its timeline pages ---------------------- */

/* Preparing a page's statement (5 KB of SQL, a dozen subqueries) was 8-10 %
 * of a filtered page's time, and counting a busy actor's events to choose
 * its plan 7 %. Both depend on little: the SQL text on the filter's shape
 * only (values are bound), the choice on the filter's argument and the
 * archive's state. So each connection keeps its statements, keyed on their
 * text (reset and cleared after each use), and its choices until the
 * archive changes.
 *
 * What a store keeps hangs off a table of its own here rather than off
 * struct store (store.c's), found under a mutex: several server threads
 * each use stores of their own, one thread at a time per store. rows_release
 * (store_rows.c), which store_close calls before closing the connection,
 * calls timeline_keep_release to finalize the statements and forget the
 * store. */
#define KEPT_MAX 48        /* statements a connection keeps: the shapes of filters in use */
#define CHOICES_MAX 256    /* remembered rare-or-busy choices */
#define ARM_IDS_MAX 32     /* an actor of more ids walks the timeline (one arm an id) */

struct kept {
	char *sql;           /* NULL: a free slot */
	struct db_stmt *st;
	int busy;            /* running: a nested page of the same shape prepares its own */
	unsigned long used;  /* for replacing the least recently used */
};

struct choice {
	const char *set;     /* the set's SQL (its address) */
	char *arg;
	int many;
};

struct tl_keep {
	const struct store *s;
	struct kept kept[KEPT_MAX];
	unsigned long clock;
	struct choice *choices;
	size_t n_choices, cap_choices;
	int64_t version, changes;   /* the archive's state the choices were made in */
	int actor_dates;            /* event_actors has its events' dates (migration 8): 1, 0, or -1 unknown */
};

static pthread_mutex_t keeps_lock = PTHREAD_MUTEX_INITIALIZER;
static struct tl_keep **keeps;
static size_t n_keeps, cap_keeps;

/* The store's kept things, made at its first page; NULL when out of memory
 * (nothing is kept then, every page prepares its own). */
static struct tl_keep *keep_of(const struct store *s)
{
	struct tl_keep *k = NULL;
	pthread_mutex_lock(&keeps_lock);
	for (size_t i = 0; i < n_keeps && !k; i++)
		if (keeps[i]->s == s)
			k = keeps[i];
	if (!k && !grow_array((void **)&keeps, &cap_keeps, n_keeps + 1, sizeof(*keeps)) &&
	    (k = calloc(1, sizeof(*k)))) {
		k->s = s;
		k->actor_dates = -1;
		keeps[n_keeps++] = k;
	}
	pthread_mutex_unlock(&keeps_lock);
	return k;
}

static void forget_choices(struct tl_keep *k)
{
	for (size_t i = 0; i < k->n_choices; i++)
		free(k->choices[i].arg);
	free(k->choices);
	k->choices = NULL;
	k->n_choices = k->cap_choices = 0;
}

/* Declared here, not in a header: only rows_release calls it. */
void timeline_keep_release(struct store *s);
void timeline_keep_release(struct store *s)
{
	struct tl_keep *k = NULL;
	pthread_mutex_lock(&keeps_lock);
	for (size_t i = 0; i < n_keeps && !k; i++)
		if (keeps[i]->s == s) {
			k = keeps[i];
			keeps[i] = keeps[--n_keeps];
		}
	if (!n_keeps) {
		free(keeps);
		keeps = NULL;
		cap_keeps = 0;
	}
	pthread_mutex_unlock(&keeps_lock);
	if (!k)
		return;
	for (int i = 0; i < KEPT_MAX; i++) {
		db_finalize(k->kept[i].st);
		free(k->kept[i].sql);
	}
	forget_choices(k);
	free(k);
}

/* A statement of sql, kept from an earlier page when there is one (bindings
 * cleared), else prepared; *slot tells kept_done what to do with it. */
static int kept_prepare(struct store *s, const char *sql, struct db_stmt **st, int *slot)
{
	struct tl_keep *k = keep_of(s);
	*slot = -1;
	if (k) {
		int old = -1;
		for (int i = 0; i < KEPT_MAX; i++) {
			struct kept *e = &k->kept[i];
			if (e->sql && !e->busy && !strcmp(e->sql, sql)) {
				e->busy = 1;
				e->used = ++k->clock;
				*st = e->st;
				*slot = i;
				return 0;
			}
			if (!e->busy && (old < 0 || !e->sql || (k->kept[old].sql && e->used < k->kept[old].used)))
				old = i;
		}
		if (old >= 0) {
			struct kept *e = &k->kept[old];
			char *copy = strdup(sql);
			if (copy) {
				if (db_prepare(s->db, sql, 1, st)) {
					free(copy);
					return -1;
				}
				db_finalize(e->st);
				free(e->sql);
				e->sql = copy;
				e->st = *st;
				e->busy = 1;
				e->used = ++k->clock;
				*slot = old;
				return 0;
			}
		}
	}
	return db_prepare(s->db, sql, 0, st);
}

static void kept_done(struct store *s, struct db_stmt *st, int slot)
{
	if (slot < 0) {
		db_finalize(st);
		return;
	}
	/* No read transaction stays open, no text of the caller stays bound. */
	db_reset(st);
	db_clear(st);
	struct tl_keep *k = keep_of(s);
	if (k)
		k->kept[slot].busy = 0;
}

/* The choices are forgotten when the archive changes: another connection
 * committed (SQLite's data_version) or this one wrote (its total changes).
 * PostgreSQL tells neither cheaply: nothing is remembered there. */
static struct tl_keep *choices_of(struct store *s)
{
	struct tl_keep *k = keep_of(s);
	int64_t version;
	char *e = NULL;
	if (!k || db_kind(s->db) != DB_SQLITE || store_data_version(s, &version, &e)) {
		free(e);
		if (k)
			forget_choices(k);
		return NULL;
	}
	int64_t changes = sqlite3_total_changes64(db_handle(s->db));
	if (version != k->version || changes != k->changes) {
		forget_choices(k);
		k->version = version;
		k->changes = changes;
	}
	return k;
}

/* Whether a filter's set of events (the ids `sql` selects with $1 = arg) is
 * larger than a page can read and sort cheaply: 1 yes, in *many; counting
 * stops there. A query SQLite refuses (a bad full-text query) is left to
 * the timeline's own query, which says so. */
#define MANY_MATCHES 5000
/* The events migration 14 could not key in timeline order (the token 'yx'
 * of the ym column): matches_many says whether there is one. */
static const char marked_set[] = "SELECT rowid FROM events_fts WHERE events_fts MATCH $%d";
static int matches_many(struct store *s, const char *sql, const char *arg, int *many, char **err)
{
	int at = sql == marked_set ? 1 : MANY_MATCHES;
	/* Asked before for the same archive: the same answer (a stale one
	 * would only be slower, never wrong: both plans are exact). */
	struct tl_keep *k = choices_of(s);
	for (size_t i = 0; k && i < k->n_choices; i++)
		if (k->choices[i].set == sql && !strcmp(k->choices[i].arg, arg)) {
			*many = k->choices[i].many;
			return 0;
		}
	char set[1024], q[1200];
	snprintf(set, sizeof(set), sql, 1);
	snprintf(q, sizeof(q), "SELECT count(*) FROM (%s LIMIT %d) AS m", set, at);
	struct db_stmt *st;
	int slot;
	*many = 0;
	if (kept_prepare(s, q, &st, &slot))
		return store_fail(s, err, "cannot query events");
	bind_text(st, 1, arg);
	int rc = db_step(st);
	if (rc == DB_ROW)
		*many = db_column_int(st, 0) >= at;
	kept_done(s, st, slot);
	/* A refused query (a bad full-text query) is not remembered. */
	if (rc != DB_ROW || !k)
		return 0;
	if (k->n_choices == CHOICES_MAX)
		forget_choices(k);
	char *copy = strdup(arg);
	if (copy && !grow_array((void **)&k->choices, &k->cap_choices, k->n_choices + 1, sizeof(*k->choices)))
		k->choices[k->n_choices++] = (struct choice){.set = sql, .arg = copy, .many = *many};
	else
		free(copy);
	return 0;
}

static const char text_set[] = "SELECT rowid FROM events_fts WHERE events_fts MATCH $%d";
/* From migration 14 the rowid is the event's key: its id in its low 32
 * bits, or, for an event out of the timeline's order, -id (id - 2^62 - 1
 * at or below 0; schema/014_text_timeline.sql). */
static const char text_set_keyed[] = "SELECT CASE WHEN rowid > 0 THEN rowid & 4294967295"
	" WHEN rowid >= -4611686018427387904 THEN -rowid ELSE rowid + 4611686018427387905 END"
	" FROM events_fts WHERE events_fts MATCH $%d";
/* PostgreSQL: the GIN expression index events_fts, over the rows themselves. */
static const char text_set_pg[] = "SELECT id FROM events"
	" WHERE event_search(summary, evidence) @@ websearch_to_tsquery('communique', $%d)";

int store_text_query_pg(const char *query, struct buf *out)
{
	/* FTS5's forms that websearch_to_tsquery reads otherwise: AND is
	 * implied between words there, NOT x is -x; OR and "phrases" are
	 * read alike. Operators are FTS5's only when in capitals. */
	int quoted = 0, negate = 0;
	const char *p = query;
	while (*p) {
		if (*p == '"') {
			quoted = !quoted;
			buf_addch(out, *p++);
			continue;
		}
		if (!quoted && (p == query || p[-1] == ' ')) {
			size_t n = strcspn(p, " ");
			if ((n == 3 && !strncmp(p, "AND", 3)) || (n == 3 && !strncmp(p, "NOT", 3))) {
				negate = p[0] == 'N';
				p += n;
				while (*p == ' ')
					p++;
				if (negate && *p)
					buf_addch(out, '-');
				continue;
			}
		}
		buf_addch(out, *p++);
	}
	return buf_failed(out) ? -1 : 0;
}
/* The full-text query restricted to the text columns: from migration 9
 * the index also holds tokens of each event in its column ym (its type's
 * from migration 12, 'yx' from 14), which no search names (a bare `yx` or
 * `ty*` would match them): {summary evidence} : (query). A
 * query whose parentheses or quotes do not close is left as it is: FTS5
 * refuses it either way, where a stray ")" could close ours. *wrapped
 * tells which. */
static int text_columns(const char *q, struct buf *out, int *wrapped)
{
	int depth = 0, quoted = 0, ok = 1;
	for (const char *c = q; *c && ok; c++) {
		if (*c == '"')
			quoted = !quoted;   /* "" inside a string: out and in again */
		else if (!quoted && *c == '(')
			depth++;
		else if (!quoted && *c == ')')
			ok = depth-- > 0;
	}
	*wrapped = ok && !quoted && !depth;
	if (*wrapped)
		buf_printf(out, "{summary evidence} : (%s)", q);
	else
		buf_addstr(out, q);
	return buf_failed(out) ? -1 : 0;
}

/* The query (text_columns's, wrapped) and the filter's types as tokens of
 * the ym column (migration 12: 'ty' and the type's bytes in hexadecimal,
 * one token whatever the type holds): the word's matches of the types. */
static int with_types(const char *query, const struct event_filter *f, struct buf *out)
{
	static const char hex[] = "0123456789abcdef";
	buf_printf(out, "%s AND ym : (", query);
	for (size_t i = 0; i < f->n_types; i++) {
		buf_addstr(out, i ? " OR ty" : "ty");
		for (const unsigned char *c = (const unsigned char *)f->types[i]; *c; c++) {
			buf_addch(out, hex[*c >> 4]);
			buf_addch(out, hex[*c & 15]);
		}
	}
	buf_addch(out, ')');
	return buf_failed(out) ? -1 : 0;
}

static const char agency_set[] = "SELECT er.event_id FROM event_reports er JOIN reports r ON r.id = er.report_id"
				 " JOIN agencies ag ON ag.id = r.agency_id WHERE ag.name = $%d COLLATE NOCASE";

/* The statuses an event can have (enum event_status). */
#define N_STATUSES (STATUS_NEGATED + 1)
/* Confidences a page walks one by one at most (conf_values); more walk the
 * tenths of migration 15 (conf_plan), or the timeline before it. */
#define CONF_ARMS_MAX 8
/* The values of a tenth a bound cuts walked one by one at most (two
 * decimals give 10); more walk the tenth testing the bound. */
#define CONF_CUT_MAX 10
/* The tenth of a confidence, as the index events_by_tenth has it
 * (schema/015_confidence_tenths.sql, letter for letter): -1 without one,
 * 0 to 10 for numbers (below 0 and above 1 at the ends), 11 for anything
 * else written from outside (above every number, as comparisons put it).
 * Never decreasing with the value, so that bounds make a range of tenths. */
#define CONF_TENTH(c) \
	"(CASE WHEN " c " IS NULL THEN -1 WHEN typeof(" c ") IN ('real', 'integer') THEN max(0, min(10, CAST(" c \
	" * 10 AS INTEGER))) ELSE 11 END)"
#define N_TENTHS 12

/* How a page without types splits its walk (from migration 13): one arm a
 * status of `statuses` (a mask), or one arm a confidence (n_conf values
 * bound from p_conf), one a tenth of `tenths` (a mask, migration 15), and
 * one for events without a confidence when conf_null. */
struct split {
	unsigned statuses;
	size_t n_conf;
	int p_conf, conf_null;
	unsigned tenths;
	int by_tenth;   /* the tenths' plan, even when no arm is left (no event is within the bounds) */
};

/* The ids of one page, dated events (undated 0) or undated ones (1), as
 * arms of a UNION ALL: one arm a type when types are asked, each walking the
 * index on (type, date, id) in order and stopping at the page's end, so that
 * merging them gives the page exactly (the page's events of each type are
 * among the first `limit` of that type); else one arm a status, or one a
 * confidence or a tenth of confidences, as `sp` says, each walking the index
 * on (status, date, id), (confidence, date, id) or (tenth, date, id) the
 * same way; one walk of the index on (date, id) otherwise. `w` is the other
 * filters' clause; the cursor is an event id: the page starts after its
 * (date, id). */
static void page_arms(struct buf *sql, const char *w, int undated, const struct event_filter *f, int p_types,
		      int p_after, const struct split *sp)
{
	int conf = sp->n_conf || sp->conf_null || sp->tenths || sp->by_tenth;
	size_t n = f->n_types ? f->n_types : sp->statuses ? N_STATUSES : conf ? sp->n_conf + N_TENTHS + 1 : 1;
	int k = 0;
	for (size_t i = 0; i < n; i++) {
		/* A type asked twice would count its events twice. */
		size_t j = 0;
		while (f->n_types && j < i && strcmp(f->types[j], f->types[i]))
			j++;
		if (f->n_types && j < i)
			continue;
		if (!f->n_types && sp->statuses && !(sp->statuses & (1u << i)))
			continue;
		if (!f->n_types && !sp->statuses && conf && i >= sp->n_conf &&
		    (i < sp->n_conf + N_TENTHS ? !(sp->tenths & (1u << (i - sp->n_conf))) : !sp->conf_null))
			continue;
		buf_printf(sql, "%sSELECT * FROM (SELECT e.id AS id, %d AS u, %s AS d FROM events e WHERE e.date %s ''%s",
			   k ? " UNION ALL " : "", undated, undated ? "''" : "e.date", undated ? "=" : "<>", w);
		if (f->n_types)
			buf_printf(sql, " AND e.type = $%d", p_types + (int)i);
		else if (sp->statuses)
			buf_printf(sql, " AND e.status = %zu", i);
		else if (conf && i < sp->n_conf)
			buf_printf(sql, " AND e.confidence = $%d", sp->p_conf + (int)i);
		else if (conf && i < sp->n_conf + N_TENTHS)
			buf_printf(sql, " AND " CONF_TENTH("e.confidence") " = %zu", i - sp->n_conf);
		else if (conf)
			buf_addstr(sql, " AND e.confidence IS NULL");
		if (f->after_id && !undated)
			buf_printf(sql, " AND (SELECT date FROM events WHERE id = $%1$d) <> ''"
				   " AND (e.date, e.id) > (SELECT date, id FROM events WHERE id = $%1$d)", p_after);
		else if (f->after_id)
			buf_printf(sql, " AND ((SELECT date FROM events WHERE id = $%1$d) <> '' OR e.id > $%1$d)",
				   p_after);
		buf_printf(sql, " ORDER BY %s LIMIT %ld) AS a%d", undated ? "e.id" : "e.date, e.id", f->limit, k++);
	}
	/* No arm (bounds no confidence is within): no event, at once. */
	if (!k)
		buf_printf(sql, "SELECT * FROM (SELECT e.id AS id, %d AS u, '' AS d FROM events e WHERE 0) AS a0", undated);
}

/* The distinct confidences within the filter's bounds, lowest first, each
 * found by one seek of the index on confidence (migration 13), into vals:
 * *n of them, 0 when there are more than CONF_ARMS_MAX or one is not a
 * number (written from outside: its page walks the timeline). Without an
 * upper bound a value of another type (above every number) is taken too,
 * as the filter takes it. */
static int conf_values(struct store *s, const struct event_filter *f, double *vals, size_t *n, char **err)
{
	*n = 0;
	char q[640];
	const char *upper = f->max_confidence > 0 ? " AND confidence < $2" : "";
	snprintf(q, sizeof(q),
		 "WITH RECURSIVE v(c, k) AS (SELECT (SELECT min(confidence) FROM events WHERE confidence >= $1%s), 0"
		 " UNION ALL SELECT (SELECT min(confidence) FROM events WHERE confidence > v.c%s), k + 1 FROM v"
		 " WHERE v.c IS NOT NULL AND k < %d)"
		 " SELECT c, typeof(c) IN ('real', 'integer') FROM v WHERE c IS NOT NULL",
		 upper, upper, CONF_ARMS_MAX);
	struct db_stmt *st;
	int slot, rc;
	if (kept_prepare(s, q, &st, &slot))
		return store_fail(s, err, "cannot query events");
	db_bind_double(st, 1, f->min_confidence > 0 ? f->min_confidence : -HUGE_VAL);
	if (*upper)
		db_bind_double(st, 2, f->max_confidence);
	size_t got = 0;
	int numbers = 1;
	while ((rc = db_step(st)) == DB_ROW) {
		numbers &= db_column_int64(st, 1) != 0;
		if (got < CONF_ARMS_MAX)
			vals[got] = db_column_double(st, 0);
		got++;
	}
	kept_done(s, st, slot);
	if (rc != DB_DONE)
		return store_fail(s, err, "cannot query events");
	*n = got <= CONF_ARMS_MAX && numbers ? got : 0;
	return 0;
}

/* The values of the tenth `tenth` within the filter's bounds, one seek of
 * the index on confidence each: from the lower bound up (up), or from the
 * upper bound down, while they are of that tenth; appended to vals (*n).
 * *over is set, and nothing appended, when there are more than
 * CONF_CUT_MAX. */
static int cut_values(struct store *s, const struct event_filter *f, int up, int tenth, double *vals, size_t *n,
		      int *over, char **err)
{
	*over = 0;
	char q[1400];
	const char *lower = f->min_confidence > 0 ? " AND confidence >= $1" : "";
	const char *upper = f->max_confidence > 0 ? " AND confidence < $2" : "";
	if (up)
		snprintf(q, sizeof(q),
			 "WITH RECURSIVE v(c, k) AS (SELECT (SELECT min(confidence) FROM events WHERE confidence >= $1%s), 0"
			 " UNION ALL SELECT (SELECT min(confidence) FROM events WHERE confidence > v.c%s), k + 1 FROM v"
			 " WHERE v.c IS NOT NULL AND " CONF_TENTH("v.c") " = $3 AND k < %d)"
			 " SELECT c FROM v WHERE c IS NOT NULL AND " CONF_TENTH("c") " = $3",
			 upper, upper, CONF_CUT_MAX);
	else
		snprintf(q, sizeof(q),
			 "WITH RECURSIVE v(c, k) AS (SELECT (SELECT max(confidence) FROM events WHERE confidence < $2%s), 0"
			 " UNION ALL SELECT (SELECT max(confidence) FROM events WHERE confidence < v.c%s), k + 1 FROM v"
			 " WHERE v.c IS NOT NULL AND " CONF_TENTH("v.c") " = $3 AND k < %d)"
			 " SELECT c FROM v WHERE c IS NOT NULL AND " CONF_TENTH("c") " = $3",
			 lower, lower, CONF_CUT_MAX);
	struct db_stmt *st;
	int slot, rc;
	if (kept_prepare(s, q, &st, &slot))
		return store_fail(s, err, "cannot query events");
	if (*lower || up)
		db_bind_double(st, 1, f->min_confidence);
	if (*upper || !up)
		db_bind_double(st, 2, f->max_confidence);
	db_bind_int64(st, 3, tenth);
	size_t got = 0;
	double found[CONF_CUT_MAX];
	while ((rc = db_step(st)) == DB_ROW) {
		if (got < CONF_CUT_MAX)
			found[got] = db_column_double(st, 0);
		got++;
	}
	kept_done(s, st, slot);
	if (rc != DB_DONE)
		return store_fail(s, err, "cannot query events");
	if (got > CONF_CUT_MAX) {
		*over = 1;
		return 0;
	}
	for (size_t i = 0; i < got; i++)
		vals[(*n)++] = found[i];
	return 0;
}

/* How a page bounded by confidence walks the index on the tenth (migration
 * 15) when its bounds hold more values than CONF_ARMS_MAX, or none: one arm
 * a tenth wholly within the bounds (*tenths, a mask), and, for a tenth a bound cuts
 * (some of its values on either side), one arm a value of it within the
 * bounds (vals, *n; at most CONF_CUT_MAX a tenth, else the tenth's arm,
 * testing the bound on each entry). The tenths are those of the bounds and
 * between (without an upper bound, up to 11: values that are no number);
 * the tenths and the cuts are computed by SQLite itself (CONF_TENTH), so
 * that they are those of the index. */
static int conf_plan(struct store *s, const struct event_filter *f, double *vals, size_t *n, unsigned *tenths,
		     char **err)
{
	*n = 0;
	*tenths = 0;
	static const char q[] =
		"SELECT " CONF_TENTH("$1") ", " CONF_TENTH("$2") ","
		" (SELECT " CONF_TENTH("m") " FROM (SELECT max(confidence) AS m FROM events WHERE confidence < $1)),"
		" (SELECT " CONF_TENTH("m") " FROM (SELECT min(confidence) AS m FROM events WHERE confidence >= $2))";
	struct db_stmt *st;
	int slot, rc;
	if (kept_prepare(s, q, &st, &slot))
		return store_fail(s, err, "cannot query events");
	if (f->min_confidence > 0)
		db_bind_double(st, 1, f->min_confidence);
	if (f->max_confidence > 0)
		db_bind_double(st, 2, f->max_confidence);
	int64_t t[4] = {0, 0, 0, 0};
	if ((rc = db_step(st)) == DB_ROW)
		for (int i = 0; i < 4; i++)
			t[i] = db_column_int64(st, i);
	kept_done(s, st, slot);
	if (rc != DB_ROW)
		return store_fail(s, err, "cannot query events");
	int lo = f->min_confidence > 0 ? (int)t[0] : 0, hi = f->max_confidence > 0 ? (int)t[1] : N_TENTHS - 1;
	if (lo < 0 || hi >= N_TENTHS || lo > hi)
		return 0;
	int cut_lo = f->min_confidence > 0 && t[2] == lo, cut_hi = f->max_confidence > 0 && t[3] == hi;
	for (int b = lo; b <= hi; b++)
		*tenths |= 1u << b;
	int over;
	if (cut_lo) {
		if (cut_values(s, f, 1, lo, vals, n, &over, err))
			return -1;
		if (!over)
			*tenths &= ~(1u << lo);
	}
	/* The values up from the lower bound took every one of a single tenth. */
	if (cut_hi && !(cut_lo && lo == hi)) {
		if (cut_values(s, f, 0, hi, vals, n, &over, err))
			return -1;
		if (!over)
			*tenths &= ~(1u << hi);
	}
	return 0;
}

/* Whether event_actors has its events' dates (migration 8), asked once a
 * connection: 1, 0, or -1 with *err set. */
static int has_actor_dates(struct store *s, char **err)
{
	struct tl_keep *k = keep_of(s);
	if (k && k->actor_dates >= 0)
		return k->actor_dates;
	int v = store_version(s);
	if (v < 0)
		return store_fail(s, err, "cannot read the archive's version");
	if (k)
		k->actor_dates = v >= 8;
	return v >= 8;
}

/* The ids of an actor filter's actors (ACTOR_IDS), into ids; *n stays 0
 * when the archive has no actor dates or the actor has more than
 * ARM_IDS_MAX ids (its page walks the timeline as before). */
static int actor_arm_ids(struct store *s, const char *actor, int64_t *ids, size_t *n, char **err)
{
	*n = 0;
	int has = has_actor_dates(s, err);
	if (has <= 0)
		return has;
	char q[1024];
	snprintf(q, sizeof(q), ACTOR_IDS " ORDER BY a.id", 1);
	struct db_stmt *st;
	int slot, rc;
	if (kept_prepare(s, q, &st, &slot))
		return store_fail(s, err, "cannot query events");
	bind_text(st, 1, actor);
	size_t got = 0;
	while ((rc = db_step(st)) == DB_ROW && got <= ARM_IDS_MAX)
		if (got++ < ARM_IDS_MAX)
			ids[got - 1] = db_column_int64(st, 0);
	if (rc != DB_ROW && rc != DB_DONE) {
		store_fail(s, err, "cannot query events");
		kept_done(s, st, slot);
		return -1;
	}
	kept_done(s, st, slot);
	*n = got <= ARM_IDS_MAX ? got : 0;
	return 0;
}

/* The ids of one page of a busy actor: an arm an id of the actor (ids
 * bound from $p_arm on), dated events then undated ones, each walking the
 * index event_actors(actor_id, date, event_id, ...) in timeline order and
 * stopping at the page's end: merged, the page exactly (its events of each
 * id are among that id's first `limit`). UNION: an event with two of the
 * ids (a state and its minister), or one id twice, once. `w` is the other
 * filters' clause, its date bounds on ea.date so that they bound the walk.
 * From migration 11 the types, statuses and gone are the entry's own
 * (`ea.`), tested on the index: the events row is joined only when `w`
 * names another of its columns (join: verified, confidence); before it,
 * on the event's row. */
static void actor_arms(struct buf *sql, const char *w, const struct event_filter *f, size_t n_arm, int p_arm,
		       int p_types, int p_after, const char *tcol, int join)
{
	int k = 0;
	for (int undated = 0; undated < 2; undated++)
		for (size_t i = 0; i < n_arm; i++, k++) {
			buf_printf(sql, "%sSELECT * FROM (SELECT DISTINCT ea.event_id AS id, %d AS u, ea.date AS d"
				   " FROM event_actors ea%s WHERE ea.actor_id = $%d AND ea.date %s ''%s",
				   k ? " UNION " : "", undated, join ? " JOIN events e ON e.id = ea.event_id" : "",
				   p_arm + (int)i, undated ? "=" : "<>", w);
			if (f->n_types) {
				buf_printf(sql, " AND %stype IN (", tcol);
				for (size_t t = 0; t < f->n_types; t++)
					buf_printf(sql, "%s$%d", t ? ", " : "", p_types + (int)t);
				buf_addstr(sql, ")");
			}
			if (f->after_id && !undated)
				buf_printf(sql, " AND (SELECT date FROM events WHERE id = $%1$d) <> ''"
					   " AND (ea.date, ea.event_id) > (SELECT date, id FROM events WHERE id = $%1$d)", p_after);
			else if (f->after_id)
				buf_printf(sql, " AND ((SELECT date FROM events WHERE id = $%1$d) <> '' OR ea.event_id > $%1$d)",
					   p_after);
			buf_printf(sql, " ORDER BY %s LIMIT %ld) AS a%d", undated ? "ea.event_id" : "ea.date, ea.event_id",
				   f->limit, k);
		}
}

/* Gives the rows of st to fn (an incremental walk's with their change),
 * counting them in *n; *rc is the last step's code. A non-zero return of
 * fn is returned. */
static int stream_rows(struct db_stmt *st, const struct event_filter *f, struct timeline_buffers *tb,
		       store_event_fn fn, void *ctx, long *n, int *rc, char **err)
{
	while ((*rc = db_step(st)) == DB_ROW) {
		struct event ev;
		struct tl_event te;
		if (row_to_event(st, tb, &ev, &te)) {
			*err = strdup("out of memory");
			return -1;
		}
		if (f->by_changes) {
			/* Born and gone since the last export: nobody saw it. */
			if (te.gone && te.id > f->known_upto)
				continue;
			te.change = te.gone ? TL_CHANGE_WITHDRAWN
				  : te.id > f->known_upto ? TL_CHANGE_NEW : TL_CHANGE_CHANGED;
		}
		(*n)++;
		int stop = fn(ctx, &te);
		if (stop)
			return stop;
	}
	return 0;
}

/* A page of a word walks the full-text index in timeline order (migration
 * 14): the index's rowid is the event's key, its date as a number that
 * keeps the order of the date strings, shifted 32 bits, or'ed with its id
 * (schema/014_text_timeline.sql), so that FTS5 gives the matches in the
 * timeline's order within a range of keys and its AND leapfrogs only
 * there; the page stops at its end. KEY_UNDATED is the undated events'
 * number, after every date's. */
#define KEY_UNDATED INT64_C(100000000)
#define KEY_OF(num) ((int64_t)(num) << 32)
/* At most the ranges of a lower date bound (text_ranges). */
#define TEXT_RANGES 3

/* The ranges of keys (lo[i] .. hi[i], both in) a page's date bounds allow
 * (date_bound's padded forms, or NULL), in timeline order: without bounds,
 * every key; a lower bound "2015-03-15" takes the year alone ("2015"), the
 * month alone ("2015-03") and the dates from the day on, as the filter's
 * terms do; an upper bound cuts them after its padded date, and either
 * leaves the undated events out. The filter's own terms stay on the page
 * (these only keep the walk within them). Returns how many. */
static size_t text_ranges(const char *from, const char *to, int64_t *lo, int64_t *hi)
{
	int y, m, d;
	size_t n = 0;
	int64_t top = from || to ? KEY_OF(KEY_UNDATED) - 1 : INT64_MAX;
	if (to && strlen(to) == 10 && sscanf(to, "%4d-%2d-%2d", &y, &m, &d) == 3 && y >= 0)
		top = KEY_OF((int64_t)y * 10000 + m * 100 + d + 1) - 1;
	if (from && strlen(from) == 10 && sscanf(from, "%4d-%2d-%2d", &y, &m, &d) == 3 && y >= 0) {
		int64_t year = (int64_t)y * 10000, month = year + m * 100;
		if (m) {
			lo[n] = KEY_OF(year);
			hi[n++] = KEY_OF(year + 1) - 1;
		}
		if (m && d) {
			lo[n] = KEY_OF(month);
			hi[n++] = KEY_OF(month + 1) - 1;
		}
		lo[n] = KEY_OF(month + d);
		hi[n++] = INT64_MAX;
	} else {
		lo[n] = 1;
		hi[n++] = INT64_MAX;
	}
	for (size_t i = 0; i < n; i++)
		if (hi[i] > top)
			hi[i] = top;
	return n;
}

/* The ids of a page of a word from the index in key order, within the
 * keys after $p and up to $p + 1, $p + 2 at most: CROSS JOIN, FTS5's
 * matches lead, each event's row looked up by its id (the key's low 32
 * bits) for the other filters (`w`, with the types when asked: the query
 * also holds their tokens when it could). */
static void text_walk_arm(struct buf *sql, const char *w, const struct event_filter *f, int p_types, int p_text,
			  int p)
{
	buf_printf(sql, "SELECT id FROM (SELECT events_fts.rowid & 4294967295 AS id FROM events_fts CROSS JOIN events e"
		   " ON e.id = events_fts.rowid & 4294967295 WHERE events_fts MATCH $%d"
		   " AND events_fts.rowid > $%d AND events_fts.rowid <= $%d%s", p_text, p, p + 1, w);
	if (f->n_types) {
		buf_addstr(sql, " AND e.type IN (");
		for (size_t t = 0; t < f->n_types; t++)
			buf_printf(sql, "%s$%d", t ? ", " : "", p_types + (int)t);
		buf_addstr(sql, ")");
	}
	buf_printf(sql, " ORDER BY events_fts.rowid LIMIT $%d) AS page", p + 2);
}

/* The key a page of a word starts after (exclusive): the cursor's, or,
 * when no event has the cursor's id any more, the undated events after its
 * id (page_arms: the timeline's order), or 0 from the start. *ok is 0 when
 * the cursor's key is not in timeline order (a date or id that migration
 * 14 marks): the page is read another way then. */
static int text_cursor(struct store *s, const struct event_filter *f, int64_t *key, int *ok, char **err)
{
	*key = 0;
	*ok = 1;
	if (!f->after_id)
		return 0;
	struct db_stmt *st;
	int slot;
	if (kept_prepare(s, "SELECT k FROM events_text WHERE id = $1", &st, &slot))
		return store_fail(s, err, "cannot query events");
	db_bind_int64(st, 1, f->after_id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*key = db_column_int64(st, 0);
		*ok = *key > 0;
	} else if (f->after_id >= INT64_C(1) << 32)
		*key = INT64_MAX;   /* no undated event has a key after it */
	else
		*key = f->after_id > 0 ? KEY_OF(KEY_UNDATED) | f->after_id : KEY_OF(KEY_UNDATED) - 1;
	kept_done(s, st, slot);
	if (rc != DB_ROW && rc != DB_DONE)
		return store_fail(s, err, "cannot query events");
	return 0;
}

/* A page of a word (text_walk_arm, its parameters from p): st runs once a
 * range of keys the date bounds allow (text_ranges), from the cursor's key,
 * until the page is full. */
static int text_walk(struct db_stmt *st, const struct event_filter *f, int p, int64_t after, const char *from,
		     const char *to, struct timeline_buffers *tb, store_event_fn fn, void *ctx, int *rc, char **err)
{
	int64_t lo[TEXT_RANGES], hi[TEXT_RANGES];
	size_t n = text_ranges(from, to, lo, hi);
	long left = f->limit;
	*rc = DB_DONE;
	for (size_t i = 0; i < n && left > 0; i++) {
		int64_t start = lo[i] - 1 > after ? lo[i] - 1 : after;
		if (start >= hi[i])
			continue;
		db_reset(st);
		db_bind_int64(st, p, start);
		db_bind_int64(st, p + 1, hi[i]);
		db_bind_int64(st, p + 2, left);
		long got = 0;
		int stop = stream_rows(st, f, tb, fn, ctx, &got, rc, err);
		left -= got;
		if (stop || *rc != DB_DONE)
			return stop;
	}
	return 0;
}

int store_timeline_each(struct store *s, const struct event_filter *f, store_event_fn fn,
			void *ctx, char **err)
{
	/* Rows of an open batch are searchable once indexed. */
	if (f->text && store_deferred_pending(s) && store_deferred_flush(s, err))
		return -1;
	struct buf sql, where, text;   /* text: the full-text query as PostgreSQL reads it */
	buf_init(&sql, 0);
	buf_init(&where, 0);
	buf_init(&text, 0);
	const char *text_arg = f->text;
	int pg = db_kind(s->db) == DB_PG;
	buf_addstr(&sql, pg ? timeline_select_pg : timeline_select);
	int p = 1;
	unsigned mask = f->status_mask ? f->status_mask : (1u << STATUS_OCCURRED) | (1u << STATUS_PLANNED);
	int p_types = 0, p_topic = 0, p_from = 0, p_to = 0, p_agency = 0, p_text = 0, p_changed = 0,
	    p_actor = 0, p_between = 0;
	/* A page of a busy actor walks the timeline and tests each event; a
	 * rare one's events are read and sorted (the walk would cross most of
	 * the index to find them). */
	int page = f->page && f->limit > 0;
	/* A busy actor's page alone (or with types, statuses, dates, columns)
	 * walks the actor's own entries of event_actors in timeline order,
	 * one arm an id of the actor (actor_arms), from migration 8 on. */
	int64_t arm_ids[ARM_IDS_MAX];
	size_t n_arm = 0;
	int p_arm = 0;
	/* Whether the actor's and the agency's filters walk (not sets to read
	 * and sort), and a word's page walks the full-text index in timeline
	 * order from after_key (text_walk). */
	int actor_walk = 1, agency_walk = 1, tl = 0;
	int64_t after_key = 0;
	if (f->n_actors) {
		if (page && f->n_actors == 1 && matches_many(s, actor_set, f->actors[0], &actor_walk, err))
			goto fail;
		if (page && actor_walk && f->n_actors == 1 && !f->between[0] && !f->topic && !f->agency && !f->text &&
		    !f->report_id && !f->n_ids && !f->by_changes &&
		    actor_arm_ids(s, f->actors[0], arm_ids, &n_arm, err))
			goto fail;
	}
	/* The columns the walk of a busy actor's entries tests on them
	 * (migration 11): its type, status and gone; else the event's row. */
	const char *ecol = n_arm && !s->before_11 ? "ea." : "e.";
	buf_printf(&where, pg ? " AND ((CAST($%d AS bigint) >> %sstatus) & 1) = 1" : " AND (($%d >> %sstatus) & 1)", p++,
		   ecol);
	if (n_arm) {
		p_arm = p;
		p += (int)n_arm;
	} else if (f->n_actors) {
		p_actor = p;
		buf_addstr(&where, actor_walk ? " AND (" : " AND e.id IN (");
		for (size_t i = 0; i < f->n_actors; i++) {
			buf_addstr(&where, i ? " OR" : "");
			buf_printf(&where, actor_walk ? actor_match : actor_set, p++);
		}
		buf_addstr(&where, ")");
	}
	/* The date the bounds test: the actor's entry's in its walk. */
	const char *dcol = n_arm ? "ea.date" : "e.date";
	if (f->between[0] && f->between[1]) {
		p_between = p;
		buf_addstr(&where, " AND");
		buf_printf(&where, actor_match, p++);
		buf_addstr(&where, " AND");
		buf_printf(&where, actor_match, p++);
	}
	/* One parameter a type: a page walks each type's index apart (below),
	 * a whole timeline tests the list. */
	if (f->n_types) {
		p_types = p;
		if (!(f->page && f->limit > 0)) {
			buf_addstr(&where, " AND e.type IN (");
			for (size_t i = 0; i < f->n_types; i++)
				buf_printf(&where, "%s$%d", i ? ", " : "", p_types + (int)i);
			buf_addstr(&where, ")");
		}
		p += (int)f->n_types;
	}
	if (f->topic) {
		p_topic = p;
		buf_printf(&where, " AND EXISTS (SELECT 1 FROM event_topics et JOIN topics t ON t.id = et.topic_id"
			   " WHERE et.event_id = e.id AND t.name = $%d COLLATE NOCASE)", p++);
	}
	if (f->from.prec != PREC_UNKNOWN) {
		p_from = p;
		/* The first term bounds the walk of the index on (date, id): a
		 * date of the bound's year or later ("2015" covers "2015-03"). */
		buf_printf(&where, " AND %1$s >= substr($%2$d, 1, 4) AND %1$s || substr('-99-99', length(%1$s) - 3)"
			   " >= $%2$d", dcol, p);
		p++;
	}
	if (f->to.prec != PREC_UNKNOWN) {
		p_to = p;
		/* A date is never after its padded form: the same for the other end. */
		buf_printf(&where, " AND %1$s <> '' AND %1$s <= $%2$d AND %1$s || substr('-00-00', length(%1$s) - 3)"
			   " <= $%2$d", dcol, p);
		p++;
	}
	/* A page of a common agency or word walks the timeline's index and
	 * tests each entry (for a word, against the set of its matches: `+`
	 * keeps SQLite from reading the rows of every match to sort them,
	 * 43,000 rows for `sanctions` in a million events, 100 ms instead of
	 * 5); a rare one's events are read and sorted (the walk would cross
	 * the whole index to find them: 150 ms for an agency of 1,600 events). */
	if (f->agency) {
		p_agency = p;
		int walk = 1;
		if (page && matches_many(s, agency_set, f->agency, &walk, err))
			goto fail;
		agency_walk = walk;
		if (walk)
			buf_printf(&where, " AND EXISTS (SELECT 1 FROM event_reports er JOIN reports r ON r.id = er.report_id"
				   " JOIN agencies ag ON ag.id = r.agency_id WHERE er.event_id = e.id"
				   " AND ag.name = $%d COLLATE NOCASE)", p++);
		else {
			buf_addstr(&where, " AND e.id IN (");
			buf_printf(&where, agency_set, p++);
			buf_addstr(&where, ")");
		}
	}
	if (f->text) {
		int walk = 0, wrapped = 0;
		if ((pg ? store_text_query_pg(f->text, &text) : !s->before_9 && text_columns(f->text, &text, &wrapped)) ||
		    ((pg || !s->before_9) && !(text_arg = buf_str(&text)))) {
			*err = strdup("out of memory");
			goto fail;
		}
		/* A page of a word from migration 14: FTS5's matches in the
		 * timeline's order, the page stopping at its end (text_walk);
		 * unless another filter is a set to read (a rare actor or
		 * agency, a report, ids, changes), which is smaller, or an
		 * event of the archive is out of that order (marked 'yx': its
		 * page reads and sorts the matches, slower, never wrong). */
		int keyed = !pg && !s->before_14;
		if (keyed && page && wrapped && actor_walk && agency_walk && !f->report_id && !f->n_ids &&
		    !f->by_changes) {
			int marked = 0;
			if (matches_many(s, marked_set, "ym : yx", &marked, err))
				goto fail;
			if (!marked && text_cursor(s, f, &after_key, &tl, err))
				goto fail;
			tl = tl && !marked;
		}
		if (tl && f->n_types) {
			/* FTS5 leaps over the word's matches of other types
			 * by their tokens (migration 12). */
			struct buf typed;
			buf_init(&typed, 0);
			if (with_types(text_arg, f, &typed)) {
				buf_release(&typed);
				*err = strdup("out of memory");
				goto fail;
			}
			buf_reset(&text);
			buf_addstr(&text, buf_str(&typed));
			buf_release(&typed);
			if (!(text_arg = buf_str(&text))) {
				*err = strdup("out of memory");
				goto fail;
			}
		}
		const char *set = pg ? text_set_pg : keyed ? text_set_keyed : text_set;
		if (!tl && page && matches_many(s, set, text_arg, &walk, err))
			goto fail;
		if (tl) {
			p_text = p++;
		} else if (!walk && !pg && page) {
			/* The matches read once for the page, not once an arm of
			 * it (page_arms: dated and undated, each type). */
			p_text = p;
			buf_reset(&sql);
			buf_printf(&sql, "WITH text_matches(id) AS MATERIALIZED (");
			buf_printf(&sql, set, p++);
			buf_printf(&sql, ") %s", timeline_select);
			buf_addstr(&where, " AND e.id IN text_matches");
		} else {
			p_text = p;
			buf_printf(&where, " AND %se.id IN (", walk ? "+" : "");
			buf_printf(&where, set, p++);
			buf_addstr(&where, ")");
		}
	}
	int p_report = 0;
	if (f->report_id) {
		p_report = p;
		buf_printf(&where, " AND e.id IN (SELECT event_id FROM event_reports WHERE report_id = $%d)", p++);
	}
	/* Gone events only come back where someone must learn they left. */
	if (!f->by_changes && !f->n_ids)
		buf_printf(&where, " AND %sgone = 0", ecol);
	if (f->verified)
		buf_printf(&where, " AND e.verified = %d", f->verified > 0);
	int p_minc = 0, p_maxc = 0, p_ids = 0;
	/* Events stored before confidences count as middling. */
	if (f->min_confidence > 0) {
		p_minc = p;
		buf_printf(&where, " AND coalesce(e.confidence, 0.5) >= $%d", p++);
	}
	if (f->max_confidence > 0) {
		p_maxc = p;
		buf_printf(&where, " AND coalesce(e.confidence, 0.5) < $%d", p++);
	}
	if (f->n_ids) {
		p_ids = p;
		buf_printf(&where, pg ? " AND e.id = ANY(CAST($%d AS bigint[]))" : " AND e.id IN (SELECT value FROM json_each($%d))",
			   p++);
	}
	if (f->by_changes) {
		p_changed = p;
		buf_printf(&where, " AND e.id IN (SELECT event_id FROM event_changes WHERE seq > $%d AND seq <= $%d)",
			   p, p + 1);
		p += 2;
	}
	/* Statuses that leave out the events that occurred (most of them) walk
	 * the index led by status from migration 13, one arm a status
	 * (page_arms): the walk on (date, id) would cross every occurred event
	 * before them. Else bounds of the confidence walk the index led by it,
	 * one arm a confidence within them (below 0.6, 7% of the events, the
	 * walk on (date, id) crossed 14 entries a match), when they hold few;
	 * more (two decimals give some 40) walk the index led by their tenth
	 * (conf_plan, migration 15). Not when another filter leads: types
	 * (their own walks carry both), a busy actor's walk, a word (its walk or
	 * its matches), verified events (their own small index), or a set read
	 * and sorted (a rare actor or agency, a report, ids, changes), which is
	 * smaller. */
	struct split sp = {0};
	double conf[2 * CONF_CUT_MAX];
	int split = !pg && !s->before_13 && page && !f->n_types && !n_arm && !tl && f->verified <= 0 && actor_walk &&
		    agency_walk && !f->text && !f->report_id && !f->n_ids && !f->by_changes;
	if (split && !(mask & (1u << STATUS_OCCURRED)) && !(mask >> N_STATUSES))
		sp.statuses = mask & ((1u << N_STATUSES) - 1);
	else if (split && (f->min_confidence > 0 || f->max_confidence > 0)) {
		if (conf_values(s, f, conf, &sp.n_conf, err))
			goto fail;
		/* More values: their tenths (migration 15). */
		if (!sp.n_conf && !s->before_15) {
			if (conf_plan(s, f, conf, &sp.n_conf, &sp.tenths, err))
				goto fail;
			sp.by_tenth = 1;
		}
		/* Events without a confidence count as middling (0.5). */
		if (sp.n_conf || sp.by_tenth)
			sp.conf_null = f->min_confidence <= 0.5 && (f->max_confidence <= 0 || 0.5 < f->max_confidence);
		sp.p_conf = p;
		p += (int)sp.n_conf;
	}
	int p_after = 0, p_walk = 0;
	if (page && tl) {
		p_walk = p;
		p += 3;
		buf_addstr(&sql, " AND e.id IN (");
		text_walk_arm(&sql, buf_str(&where), f, p_types, p_text, p_walk);
		buf_addstr(&sql, ")");
	} else if (f->page && f->limit > 0) {
		/* One page: the ids first, dated and undated apart, so that each
		 * walk follows an index in timeline order and stops at the
		 * page's end instead of sorting every match; the fields of
		 * the page's events only are read. */
		const char *w = buf_str(&where);
		p_after = p++;
		buf_addstr(&sql, " AND e.id IN (SELECT id FROM (");
		if (n_arm) {
			actor_arms(&sql, w, f, n_arm, p_arm, p_types, p_after, ecol,
				   s->before_11 || f->verified || f->min_confidence > 0 || f->max_confidence > 0);
		} else {
			page_arms(&sql, w, 0, f, p_types, p_after, &sp);
			buf_addstr(&sql, " UNION ALL ");
			page_arms(&sql, w, 1, f, p_types, p_after, &sp);
		}
		buf_printf(&sql, ") AS page ORDER BY u, d, id LIMIT %ld)", f->limit);
	} else {
		buf_addstr(&sql, buf_str(&where));
	}
	buf_addstr(&sql, pg ? " ORDER BY e.date = '', e.date COLLATE \"C\", e.id" : " ORDER BY e.date = '', e.date, e.id");
	if (f->limit > 0 && !f->page)
		buf_printf(&sql, " LIMIT %ld", f->limit);

	struct db_stmt *st;
	/* A piece lost to a failed allocation would drop a clause: refuse the whole query. */
	if (buf_failed(&sql) || buf_failed(&where)) {
		buf_release(&sql);
		buf_release(&where);
		buf_release(&text);
		*err = strdup("out of memory");
		return -1;
	}
	int slot;
	int rc = kept_prepare(s, buf_str(&sql), &st, &slot);
	buf_release(&sql);
	buf_release(&where);
	if (rc) {
		buf_release(&text);
		return store_fail(s, err, "cannot query events");
	}
	db_bind_int64(st, 1, (int)mask);
	for (size_t i = 0; p_actor && i < f->n_actors; i++)
		bind_text(st, p_actor + (int)i, f->actors[i]);
	for (size_t i = 0; i < n_arm; i++)
		db_bind_int64(st, p_arm + (int)i, arm_ids[i]);
	if (p_between) {
		bind_text(st, p_between, f->between[0]);
		bind_text(st, p_between + 1, f->between[1]);
	}
	for (size_t i = 0; i < f->n_types; i++)
		bind_text(st, p_types + (int)i, f->types[i]);
	if (p_topic)
		bind_text(st, p_topic, f->topic);
	char from[16], to[16];
	if (p_from) {
		date_bound(&f->from, 0, from);
		bind_text(st, p_from, from);
	}
	if (p_to) {
		date_bound(&f->to, 1, to);
		bind_text(st, p_to, to);
	}
	if (p_agency)
		bind_text(st, p_agency, f->agency);
	if (p_text)
		bind_text(st, p_text, text_arg);
	if (p_changed) {
		db_bind_int64(st, p_changed, f->changes_after);
		db_bind_int64(st, p_changed + 1, f->changes_upto);
	}
	if (p_report)
		db_bind_int64(st, p_report, f->report_id);
	if (p_minc)
		db_bind_double(st, p_minc, f->min_confidence);
	if (p_maxc)
		db_bind_double(st, p_maxc, f->max_confidence);
	if (p_after && f->after_id)
		db_bind_int64(st, p_after, f->after_id);
	for (size_t i = 0; i < sp.n_conf; i++)
		db_bind_double(st, sp.p_conf + (int)i, conf[i]);
	struct buf ids;
	buf_init(&ids, 0);
	if (p_ids) {
		for (size_t i = 0; i < f->n_ids; i++)
			buf_printf(&ids, "%s%lld", i ? "," : pg ? "{" : "[", (long long)f->ids[i]);
		buf_addch(&ids, pg ? '}' : ']');
		bind_text(st, p_ids, buf_str(&ids));
	}
	if (buf_failed(&ids)) {
		kept_done(s, st, slot);
		buf_release(&ids);
		buf_release(&text);
		*err = strdup("out of memory");
		return -1;
	}

	struct timeline_buffers tb;
	memset(&tb, 0, sizeof(tb));
	long n_rows = 0;
	int stop = p_walk ? text_walk(st, f, p_walk, after_key, p_from ? from : NULL, p_to ? to : NULL, &tb, fn, ctx,
				      &rc, err)
			  : stream_rows(st, f, &tb, fn, ctx, &n_rows, &rc, err);
	if (!stop && rc != DB_DONE) {
		if (p_text && db_errclass(s->db) == DB_E_OTHER)
			*err = strdup(pg ? "invalid full-text query" : "invalid full-text query (see SQLite FTS5 query syntax)");
		else
			store_fail(s, err, "cannot read events");
		stop = -1;
	}
	kept_done(s, st, slot);
	buf_release(&ids);
	buf_release(&text);
	buffers_release(&tb);
	return stop;
fail:
	buf_release(&sql);
	buf_release(&where);
	buf_release(&text);
	return -1;
}

/* ---- actors and topics -------------------------------------------------- */

static int query_count(struct store *s, const char *sql, const char *arg, int *out, char **err)
{
	/* Kept: every filtered page of the server asks whether its actor is known. */
	struct db_stmt *st;
	int slot;
	if (kept_prepare(s, sql, &st, &slot))
		return store_fail(s, err, "cannot query the archive");
	bind_text(st, 1, arg);
	int rc = db_step(st);
	*out = rc == DB_ROW ? db_column_int(st, 0) : 0;
	if (rc != DB_ROW)
		store_fail(s, err, "cannot query the archive");
	kept_done(s, st, slot);
	return rc == DB_ROW ? 0 : -1;
}

int store_actor_known(struct store *s, const char *name, char **err)
{
	int n = 0;
	if (query_count(s,
			"SELECT (SELECT count(*) FROM actors WHERE name = $1 COLLATE NOCASE OR code = $1 COLLATE NOCASE)"
			" + (SELECT count(*) FROM actor_aliases WHERE alias = $1)", name, &n, err))
		return -1;
	return n > 0;
}

int store_topic_known(struct store *s, const char *name, char **err)
{
	int n = 0;
	if (query_count(s, "SELECT count(*) FROM topics WHERE name = $1 COLLATE NOCASE", name, &n, err))
		return -1;
	return n > 0;
}

/* Edit distance on ASCII-lower-cased bytes, with a cap: names are short. */
static int distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return 99;
	int row[65];
	for (size_t j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int prev = row[0];
		row[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int cur = row[j];
			int sub = prev + (tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]));
			int del = row[j] + 1, ins = row[j - 1] + 1;
			row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
			prev = cur;
		}
	}
	return row[lb];
}

static int contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return 1;
	return 0;
}

static int suggest(struct store *s, const char *sql, const char *name, char **out, int max, char **err)
{
	struct db_stmt *st;
	if (db_prepare(s->db, sql, 0, &st))
		return store_fail(s, err, "cannot query the archive");
	int best[16], n = 0;
	if (max > 16)
		max = 16;
	while (db_step(st) == DB_ROW) {
		const char *cand = db_column_text(st, 0);
		if (!cand)
			continue;
		int d = distance(name, cand);
		/* A prefix or substring is a good suggestion whatever the distance. */
		if (contains_nocase(cand, name))
			d = d < 2 ? d : 2;
		if (d > (int)strlen(name) / 2 + 2)
			continue;
		int at = n;
		while (at > 0 && best[at - 1] > d)
			at--;
		if (at >= max)
			continue;
		if (n == max) {
			free(out[max - 1]);
			n--;
		}
		memmove(&best[at + 1], &best[at], (size_t)(n - at) * sizeof(*best));
		memmove(&out[at + 1], &out[at], (size_t)(n - at) * sizeof(*out));
		best[at] = d;
		out[at] = strdup(cand);
		n++;
	}
	db_finalize(st);
	return n;
}

int store_actor_suggest(struct store *s, const char *name, char **out, int max, char **err)
{
	return suggest(s, "SELECT name FROM actors UNION SELECT code FROM actors WHERE code <> ''"
		       " UNION SELECT alias FROM actor_aliases", name, out, max, err);
}

int store_topic_suggest(struct store *s, const char *name, char **out, int max, char **err)
{
	return suggest(s, "SELECT name FROM topics", name, out, max, err);
}

int store_actor_lookup(struct store *s, const char *text, char **name, char **code, int *kind, char **err)
{
	*name = *code = NULL;
	struct db_stmt *st;
	/* A name first, then an alias, then a code (a state or organisation
	 * before the persons acting for it). */
	if (db_prepare(s->db,
			       "SELECT name, code, kind FROM ("
			       " SELECT name, code, kind, 0 AS o FROM actors WHERE name = $1 COLLATE NOCASE"
			       " UNION ALL SELECT a.name, a.code, a.kind, 1 FROM actor_aliases al"
			       "  JOIN actors a ON a.id = al.actor_id WHERE al.alias = $1"
			       " UNION ALL SELECT name, code, kind, 2 + kind FROM actors WHERE code = $1 COLLATE NOCASE"
			       ") AS m ORDER BY o, kind LIMIT 1", 0, &st))
		return store_fail(s, err, "cannot search actors");
	bind_text(st, 1, text);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*name = strdup(db_column_text(st, 0));
		*code = strdup(db_column_text(st, 1));
		*kind = db_column_int(st, 2);
	}
	db_finalize(st);
	if (rc == DB_DONE)
		return 1;
	if (rc != DB_ROW)
		return store_fail(s, err, "cannot search actors");
	if (!*name || !*code) {
		free(*name);
		free(*code);
		*name = *code = NULL;
		*err = strdup("out of memory");
		return -1;
	}
	return 0;
}

int store_actor_describe(struct store *s, const char *name, const char *code, enum actor_kind kind,
			 const char *const *aliases, size_t n_aliases, char **err)
{
	int64_t id;
	if (id_of(s, ST_ACTOR_GET, ST_ACTOR_ADD, name, code ? code : "", (int)kind, NULL, &id, err))
		return -1;
	for (size_t i = 0; i < n_aliases; i++) {
		struct db_stmt *st = store_stmt(s, ST_ALIAS_ADD, err);
		if (!st)
			return -1;
		db_bind_int64(st, 1, id);
		bind_text(st, 2, aliases[i]);
		if (store_step_done(s, st, "cannot store aliases", err))
			return -1;
	}
	return 0;
}

static int each_count(struct store *s, const char *sql, const char *arg, int with_code,
		      store_count_fn fn, void *ctx, char **err)
{
	static const char *const kinds[] = {"state", "org", "person", "group"};
	struct db_stmt *st;
	if (db_prepare(s->db, sql, 0, &st))
		return store_fail(s, err, "cannot query the archive");
	bind_text(st, 1, arg);
	int rc, stop = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		struct store_count c = {
			.name = db_column_text(st, 0),
			.count = db_column_int(st, 1),
		};
		if (with_code) {
			c.code = db_column_text(st, 2);
			int k = db_column_int(st, 3);
			c.kind = kinds[k >= 0 && k < 4 ? k : 3];
		} else {
			c.kind = db_column_text(st, 2);
		}
		if ((stop = fn(ctx, &c)))
			break;
	}
	db_finalize(st);
	if (!stop && rc != DB_DONE)
		return store_fail(s, err, "cannot query the archive");
	return stop;
}

int store_actors_each(struct store *s, const char *search, store_count_fn fn, void *ctx, char **err)
{
	/* PostgreSQL: the parameter's type said; strpos for instr, which the
	 * aliases' case-blind collation refuses (a substring search): their
	 * lowered text is compared byte by byte; names sorted as SQLite does. */
	if (db_kind(s->db) == DB_PG)
		return each_count(s,
				  "SELECT a.name, (SELECT count(DISTINCT event_id) FROM event_actors ea WHERE ea.actor_id = a.id) AS n,"
				  " a.code, a.kind FROM actors a"
				  " WHERE CAST($1 AS text) IS NULL OR strpos(lower(a.name), lower($1)) > 0 OR a.code = upper($1)"
				  " OR EXISTS (SELECT 1 FROM actor_aliases al WHERE al.actor_id = a.id"
				  "   AND strpos(lower(al.alias) COLLATE \"C\", lower($1)) > 0)"
				  " ORDER BY n DESC, a.name COLLATE \"C\"", search, 1, fn, ctx, err);
	return each_count(s,
			  "SELECT a.name, (SELECT count(DISTINCT event_id) FROM event_actors ea WHERE ea.actor_id = a.id) AS n,"
			  " a.code, a.kind FROM actors a"
			  " WHERE $1 IS NULL OR instr(lower(a.name), lower($1)) > 0 OR a.code = upper($1)"
			  " OR EXISTS (SELECT 1 FROM actor_aliases al WHERE al.actor_id = a.id"
			  "   AND instr(lower(al.alias), lower($1)) > 0)"
			  " ORDER BY n DESC, a.name", search, 1, fn, ctx, err);
}

int store_topics_each(struct store *s, store_count_fn fn, void *ctx, char **err)
{
	if (db_kind(s->db) == DB_PG)
		return each_count(s,
				  "SELECT t.name, (SELECT count(*) FROM event_topics et WHERE et.topic_id = t.id) AS n, t.kind"
				  " FROM topics t WHERE CAST($1 AS text) IS NULL ORDER BY n DESC, t.name COLLATE \"C\"",
				  NULL, 0, fn, ctx, err);
	return each_count(s,
			  "SELECT t.name, (SELECT count(*) FROM event_topics et WHERE et.topic_id = t.id) AS n, t.kind"
			  " FROM topics t WHERE $1 IS NULL ORDER BY n DESC, t.name", NULL, 0, fn, ctx, err);
}
