/* Rows gathered in memory and written with multi-row INSERT statements.
 *
 * Storing a report's events row by row took about seven statements an
 * event, and SQLite's fixed cost of running a statement (resetting it,
 * opening and closing its statement transaction, the savepoints of the
 * full-text tables) was most of the time of an import. Gathered, the rows of
 * one table go in with one statement per ROWS_PER_STMT rows. */
#include "store/store_internal.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

static const struct {
	const char *insert;
	int ncols;
} table_sql[RT_COUNT] = {
	/* OR FAIL: these run inside the savepoint of a report, which undoes
	 * all of a failed report; SQLite need not also journal each statement. */
	/* The column order is store_events.c's EVENT_ROW_*. */
	[RT_EVENTS] = {"INSERT OR FAIL INTO events(id, type, cameo, status, date, date_precision,"
		       " party_key, summary, evidence, added_at, changed_at, confidence) VALUES ", 12},
	[RT_EVENT_ACTORS] = {"INSERT OR FAIL INTO event_actors(event_id, seq, actor_id, role, title, date,"
			     " type, status) VALUES ", 8},
	/* OR IGNORE: a topic named twice in an event is linked once. */
	[RT_EVENT_TOPICS] = {"INSERT OR IGNORE INTO event_topics(event_id, topic_id) VALUES ", 2},
	[RT_EVENT_REPORTS] = {"INSERT OR FAIL INTO event_reports(event_id, report_id, evidence,"
			      " ev_start, ev_end) VALUES ", 5},
};

/* PostgreSQL: no OR FAIL (an error aborts the transaction to the report's
 * savepoint anyway), and OR IGNORE is ON CONFLICT DO NOTHING after the rows
 * (which also skips a row repeated within the statement). */
static const char *const table_sql_pg[RT_COUNT] = {
	[RT_EVENTS] = "INSERT INTO events(id, type, cameo, status, date, date_precision,"
		      " party_key, summary, evidence, added_at, changed_at, confidence) VALUES ",
	[RT_EVENT_ACTORS] = "INSERT INTO event_actors(event_id, seq, actor_id, role, title, date, type, status)"
			    " VALUES ",
	[RT_EVENT_TOPICS] = "INSERT INTO event_topics(event_id, topic_id) VALUES ",
	[RT_EVENT_REPORTS] = "INSERT INTO event_reports(event_id, report_id, evidence, ev_start, ev_end) VALUES ",
};

/* Below migration 6 events have no confidence (the last column). */
static const char events_before_6[] = "INSERT OR FAIL INTO events(id, type, cameo, status, date, date_precision,"
	" party_key, summary, evidence, added_at, changed_at) VALUES ";
/* Below migration 8 an event's actors have no date (the last column). The
 * store writes an archive below the latest migration only when kept there
 * by the tests of migrations (store_open_at), which store events below 6
 * and none at 6 or 7: the rows carry the date from 6 on (at 6 or 7 the
 * insert would be refused, never written wrong), a choice made once for the
 * store's life, as its statements are. */
static const char actors_before_8[] = "INSERT OR FAIL INTO event_actors(event_id, seq, actor_id, role, title) VALUES ";
static const char actors_before_8_pg[] = "INSERT INTO event_actors(event_id, seq, actor_id, role, title) VALUES ";
/* Below migration 11 the rows have no type and status (the last two
 * columns; gone, 0 for a new event, is the column's default). An archive
 * kept at 8, 9 or 10 by the tests of migration 11 is written with its
 * dates. */
static const char actors_before_11[] = "INSERT OR FAIL INTO event_actors(event_id, seq, actor_id, role, title, date)"
	" VALUES ";
static const char actors_before_11_pg[] = "INSERT INTO event_actors(event_id, seq, actor_id, role, title, date)"
	" VALUES ";

static int row_columns(const struct store *s, enum row_table t)
{
	if (t == RT_EVENT_ACTORS)
		return s->before_6 ? 5 : s->before_11 ? 6 : table_sql[t].ncols;
	return table_sql[t].ncols - (t == RT_EVENTS && s->before_6);
}

static struct rowval *next_value(struct rows *r, char **err)
{
	if (grow_array((void **)&r->v, &r->cap, r->n + 1, sizeof(*r->v))) {
		*err = strdup("out of memory");
		return NULL;
	}
	return &r->v[r->n++];
}

int rows_int(struct store *s, enum row_table t, int64_t i, char **err)
{
	struct rowval *v = next_value(&s->rows[t], err);
	if (!v)
		return -1;
	*v = (struct rowval){.kind = RV_INT, .i = i};
	return 0;
}

int rows_real(struct store *s, enum row_table t, double d, char **err)
{
	struct rowval *v = next_value(&s->rows[t], err);
	if (!v)
		return -1;
	v->kind = d < 0 ? RV_NULL : RV_REAL;
	v->d = d;
	return 0;
}

int rows_text(struct store *s, enum row_table t, const char *text, char **err)
{
	struct rowval *v = next_value(&s->rows[t], err);
	if (!v)
		return -1;
	*v = (struct rowval){.kind = text ? RV_TEXT : RV_NULL, .p = text};
	return 0;
}

/* Copies text into the table's arena: the value that points at it. */
static int arena_copy(struct rows *r, const char *text, size_t len, struct rowval *out, char **err)
{
	size_t off = r->arena.len;
	if (buf_add(&r->arena, text, len) || buf_addch(&r->arena, '\0')) {
		*err = strdup("out of memory");
		return -1;
	}
	*out = (struct rowval){.kind = RV_COPY, .i = (int64_t)off, .len = len};
	return 0;
}

int rows_copy(struct store *s, enum row_table t, const char *text, size_t len, char **err)
{
	struct rows *r = &s->rows[t];
	struct rowval v, *slot;
	if (arena_copy(r, text, len, &v, err) || !(slot = next_value(r, err)))
		return -1;
	*slot = v;
	return 0;
}

int rows_recopy(struct store *s, enum row_table t, size_t index, const char *text, size_t len,
		char **err)
{
	return arena_copy(&s->rows[t], text, len, &s->rows[t].v[index], err);
}

void rows_set_int(struct store *s, enum row_table t, size_t index, int64_t i)
{
	s->rows[t].v[index] = (struct rowval){.kind = RV_INT, .i = i};
}

size_t rows_count(const struct store *s, enum row_table t)
{
	return s->rows[t].n;
}

void rows_discard(struct store *s)
{
	for (int t = 0; t < RT_COUNT; t++) {
		s->rows[t].n = 0;
		buf_reset(&s->rows[t].arena);
	}
}

/* The statement inserting k rows into table t, prepared the first time. */
static struct db_stmt *insert_stmt(struct store *s, enum row_table t, int k, char **err)
{
	struct rows *r = &s->rows[t];
	if (r->st[k - 1]) {
		db_reset(r->st[k - 1]);
		return r->st[k - 1];
	}
	struct buf sql;
	buf_init(&sql, 0);
	int ncols = row_columns(s, t);
	int pg = db_kind(s->db) == DB_PG;
	int old_actors = t == RT_EVENT_ACTORS && s->before_6, actors_before_11_cols = t == RT_EVENT_ACTORS && s->before_11;
	int rc = buf_addstr(&sql, old_actors ? (pg ? actors_before_8_pg : actors_before_8)
				 : actors_before_11_cols ? (pg ? actors_before_11_pg : actors_before_11)
				 : pg ? table_sql_pg[t]
				 : t == RT_EVENTS && s->before_6 ? events_before_6 : table_sql[t].insert);
	for (int i = 0; i < k && !rc; i++) {
		rc = buf_addstr(&sql, i ? ",(" : "(");
		for (int c = 0; c < ncols && !rc; c++) {
			/* "$N", written by hand: printf was most of the cost of building it. */
			char num[16], *p = num + sizeof(num);
			for (int n = i * ncols + c + 1; n; n /= 10)
				*--p = (char)('0' + n % 10);
			*--p = '$';
			if (c)
				*--p = ',';
			rc = buf_add(&sql, p, (size_t)(num + sizeof(num) - p));
		}
		if (!rc)
			rc = buf_addch(&sql, ')');
	}
	if (!rc && pg && t == RT_EVENT_TOPICS)
		rc = buf_addstr(&sql, " ON CONFLICT DO NOTHING");
	if (rc) {
		buf_release(&sql);
		*err = strdup("out of memory");
		return NULL;
	}
	if (db_prepare(s->db, buf_str(&sql), 1, &r->st[k - 1])) {
		buf_release(&sql);
		store_fail(s, err, "cannot prepare a statement");
		return NULL;
	}
	buf_release(&sql);
	return r->st[k - 1];
}

static int flush_table(struct store *s, enum row_table t, const char *what, char **err)
{
	struct rows *r = &s->rows[t];
	size_t ncols = (size_t)row_columns(s, t), rows = r->n / ncols;
	if (r->n % ncols) {
		/* Rows of another width than the statement's: never half written. */
		*err = strdup("cannot store an event: its rows do not match the archive's columns");
		return -1;
	}
	for (size_t done = 0; done < rows;) {
		int k = rows - done < ROWS_PER_STMT ? (int)(rows - done) : ROWS_PER_STMT;
		struct db_stmt *st = insert_stmt(s, t, k, err);
		if (!st)
			return -1;
		const struct rowval *v = &r->v[done * ncols];
		for (int i = 0; i < k * (int)ncols; i++) {
			switch (v[i].kind) {
			case RV_NULL:
				db_bind_null(st, i + 1);
				break;
			case RV_INT:
				db_bind_int64(st, i + 1, v[i].i);
				break;
			case RV_REAL:
				db_bind_double(st, i + 1, v[i].d);
				break;
			case RV_TEXT:
				db_bind_text_static(st, i + 1, v[i].p, -1);
				break;
			case RV_COPY:
				db_bind_text_static(st, i + 1, r->arena.data + v[i].i, (ptrdiff_t)v[i].len);
				break;
			}
		}
		if (store_step_done(s, st, what, err))
			return -1;
		done += (size_t)k;
	}
	r->n = 0;
	buf_reset(&r->arena);
	return 0;
}

/* PostgreSQL plans the search for an event's earlier mentions (by party
 * key and date) from the tables' statistics, which autovacuum refreshes only
 * after commits: an import into a new or small archive went on planning for
 * empty tables, scanning more rows at every event (quadratic). The tables
 * are analysed each time the events this store wrote double, from 1,000 on:
 * a few times in a large import, never in a small one. */
static int analyse_growth(struct store *s, size_t n_events, char **err)
{
	if (db_kind(s->db) != DB_PG || !n_events)
		return 0;
	s->pg_written += (int64_t)n_events;
	if (s->pg_written < (s->pg_analyse_at ? s->pg_analyse_at : 1000))
		return 0;
	s->pg_analyse_at = 2 * s->pg_written;
	return store_exec(s, "ANALYZE events, event_actors, event_reports, event_base", err);
}

int rows_flush(struct store *s, char **err)
{
	/* Events before the rows that refer to them: foreign keys are checked
	 * statement by statement. */
	static const char *const what[RT_COUNT] = {
		[RT_EVENTS] = "cannot store an event",
		[RT_EVENT_ACTORS] = "cannot link an actor",
		[RT_EVENT_TOPICS] = "cannot link a topic",
		[RT_EVENT_REPORTS] = "cannot link an event to its report",
	};
	size_t n_events = rows_count(s, RT_EVENTS);
	for (int t = 0; t < RT_COUNT; t++)
		if (flush_table(s, (enum row_table)t, what[t], err)) {
			rows_discard(s);
			return -1;
		}
	return analyse_growth(s, n_events, err);
}

/* store_events.c: the statements and choices kept for timeline pages. */
void timeline_keep_release(struct store *s);

void rows_release(struct store *s)
{
	/* store_close's call before the connection goes: what the timeline
	 * pages kept goes too. */
	timeline_keep_release(s);
	for (int t = 0; t < RT_COUNT; t++) {
		struct rows *r = &s->rows[t];
		for (int k = 0; k < ROWS_PER_STMT; k++)
			db_finalize(r->st[k]);
		free(r->v);
		buf_release(&r->arena);
		memset(r, 0, sizeof(*r));
	}
}
