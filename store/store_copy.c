/* communique copy: a whole archive from one store to another, SQLite or
 * PostgreSQL either way (store_admin.h, store_copy). */
#include "store/store_admin.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "util/buf.h"

/* Every table the store writes, parents before children (foreign keys);
 * the full-text tables are left out (the target's triggers or indexes build
 * them), and so is fts_deferred (empty outside a batch). */
static const char *const copy_tables[] = {
	"agencies", "reports", "actors", "actor_aliases", "actor_roles", "topics", "events",
	"event_actors", "event_topics", "event_reports", "import_runs", "source_files",
	"source_feeds", "run_sources", "export_cursors", "event_base", "curations",
	"event_changes", "change_counter",
};
#define N_TABLES (sizeof(copy_tables) / sizeof(*copy_tables))

enum col_kind { COL_INT, COL_REAL, COL_TEXT };

struct columns {
	char **name;
	enum col_kind *kind;
	int n;
};

static void columns_release(struct columns *c)
{
	for (int i = 0; i < c->n; i++)
		free(c->name[i]);
	free(c->name);
	free(c->kind);
	memset(c, 0, sizeof(*c));
}

static int fail_msg(char **err, const char *what, const char *table, const char *why)
{
	struct buf m;
	buf_init(&m, 0);
	buf_printf(&m, "%s %s: %s", what, table, why ? why : "out of memory");
	*err = buf_finish_msg(&m, "the copy's message");
	return -1;
}

static int db_fail(struct db *db, char **err, const char *what, const char *table)
{
	return fail_msg(err, what, table, db_errmsg(db));
}

/* The target's columns of `table` and how each is typed there. */
static int columns_of(struct db *db, const char *table, struct columns *out, char **err)
{
	memset(out, 0, sizeof(*out));
	struct db_stmt *st = NULL;
	if (db_prepare(db, db_kind(db) == DB_PG
		       ? "SELECT column_name, data_type FROM information_schema.columns"
			 " WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position"
		       : "SELECT name, type FROM pragma_table_info($1) ORDER BY cid", 0, &st))
		return db_fail(db, err, "cannot read the columns of", table);
	bind_text(st, 1, table);
	int rc;
	size_t cap = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		const char *name = db_column_text(st, 0), *type = db_column_text(st, 1);
		size_t n = (size_t)out->n + 1, c2 = cap;
		if (grow_array((void **)&out->name, &cap, n, sizeof(*out->name)) ||
		    grow_array((void **)&out->kind, &c2, n, sizeof(*out->kind)) ||
		    !(out->name[out->n] = strdup(name ? name : ""))) {
			db_finalize(st);
			columns_release(out);
			return fail_msg(err, "cannot read the columns of", table, NULL);
		}
		/* Type names as each backend spells them: INTEGER / bigint,
		 * integer; REAL / double precision; the rest is text. */
		const char *t = type ? type : "";
		out->kind[out->n++] = strstr(t, "INT") || strstr(t, "int") ? COL_INT
				      : strstr(t, "REAL") || strstr(t, "double") ? COL_REAL : COL_TEXT;
	}
	db_finalize(st);
	if (rc != DB_DONE) {
		columns_release(out);
		return db_fail(db, err, "cannot read the columns of", table);
	}
	if (!out->n)
		return fail_msg(err, "cannot copy", table, "the target has no such table");
	return 0;
}

/* 1 when the table has a row, 0 when not, -1 on error. */
static int has_rows(struct db *db, const char *table, char **err)
{
	struct buf sql;
	buf_init(&sql, 0);
	buf_printf(&sql, "SELECT count(*) FROM (SELECT 1 FROM %s LIMIT 1) q", table);
	struct db_stmt *st = NULL;
	int rc = buf_failed(&sql) ? -1 : db_prepare(db, buf_str(&sql), 0, &st);
	buf_release(&sql);
	if (rc)
		return db_fail(db, err, "cannot read", table);
	rc = db_step(st);
	int n = rc == DB_ROW ? (int)db_column_int64(st, 0) : -1;
	db_finalize(st);
	return n < 0 ? db_fail(db, err, "cannot read", table) : n > 0;
}

/* INSERT INTO table(cols) VALUES (...), ... with `rows` rows of parameters. */
static char *insert_sql(const char *table, const struct columns *c, int rows)
{
	struct buf b;
	buf_init(&b, 0);
	buf_printf(&b, "INSERT INTO %s(", table);
	for (int i = 0; i < c->n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", c->name[i]);
	buf_addstr(&b, ") VALUES ");
	for (int r = 0, p = 1; r < rows; r++) {
		buf_addstr(&b, r ? ", (" : "(");
		for (int i = 0; i < c->n; i++, p++)
			buf_printf(&b, "%s$%d", i ? ", " : "", p);
		buf_addstr(&b, ")");
	}
	return buf_finish(&b);
}

/* Binds the source row's columns as the target types them. */
static int bind_row(struct db_stmt *to, int base, struct db_stmt *from, const struct columns *c)
{
	int rc = 0;
	for (int i = 0; i < c->n && !rc; i++) {
		int p = base + i + 1;
		if (db_column_is_null(from, i))
			rc = db_bind_null(to, p);
		else if (c->kind[i] == COL_INT)
			rc = db_bind_int64(to, p, db_column_int64(from, i));
		else if (c->kind[i] == COL_REAL)
			rc = db_bind_double(to, p, db_column_double(from, i));
		else
			rc = db_bind_text(to, p, db_column_text(from, i), (ptrdiff_t)db_column_bytes(from, i));
	}
	return rc;
}

/* Streams one table: rows read one by one, written `batch` at a time. */
static int copy_table(struct db *src, struct db *dst, const char *table, long *copied, char **err)
{
	struct columns c;
	if (columns_of(dst, table, &c, err))
		return -1;
	/* Parameters per statement: SQLite takes 32766, PostgreSQL 65535. */
	int batch = 200;
	while (batch > 1 && batch * c.n > 30000)
		batch /= 2;
	struct buf sel;
	buf_init(&sel, 0);
	buf_addstr(&sel, "SELECT ");
	for (int i = 0; i < c.n; i++)
		buf_printf(&sel, "%s%s", i ? ", " : "", c.name[i]);
	buf_printf(&sel, " FROM %s ORDER BY 1", table);
	char *full = insert_sql(table, &c, batch);
	struct db_stmt *from = NULL, *many = NULL, *one = NULL;
	int rc = -1;
	if (buf_failed(&sel) || !full) {
		fail_msg(err, "cannot copy", table, NULL);
		goto out;
	}
	if (db_prepare(src, buf_str(&sel), 0, &from)) {
		db_fail(src, err, "cannot read", table);
		goto out;
	}
	if (db_prepare(dst, full, 1, &many)) {
		db_fail(dst, err, "cannot write", table);
		goto out;
	}
	char *single = insert_sql(table, &c, 1);
	if (!single || db_prepare(dst, single, 1, &one)) {
		free(single);
		db_fail(dst, err, "cannot write", table);
		goto out;
	}
	free(single);
	/* Full batches go in one statement each, the rows left over one by
	 * one: the count is that of the source's snapshot (store_copy reads it
	 * in one transaction), so the rows read after it are the same. */
	long rows = 0;
	{
		struct buf cs;
		buf_init(&cs, 0);
		buf_printf(&cs, "SELECT count(*) FROM %s", table);
		struct db_stmt *cnt = NULL;
		int ok = !buf_failed(&cs) && !db_prepare(src, buf_str(&cs), 0, &cnt) && db_step(cnt) == DB_ROW;
		if (ok)
			rows = db_column_int64(cnt, 0);
		db_finalize(cnt);
		buf_release(&cs);
		if (!ok) {
			db_fail(src, err, "cannot read", table);
			goto out;
		}
	}
	long in_full = rows - rows % batch, n = 0;
	int in_batch = 0, step;
	while ((step = db_step(from)) == DB_ROW) {
		if (n < in_full) {
			if (bind_row(many, in_batch * c.n, from, &c)) {
				fail_msg(err, "cannot copy", table, NULL);
				goto out;
			}
			if (++in_batch == batch) {
				if (db_step(many) != DB_DONE) {
					db_fail(dst, err, "cannot write", table);
					goto out;
				}
				db_reset(many);
				in_batch = 0;
			}
		} else if (bind_row(one, 0, from, &c) || db_step(one) != DB_DONE) {
			db_fail(dst, err, "cannot write", table);
			goto out;
		} else {
			db_reset(one);
		}
		n++;
	}
	if (step != DB_DONE) {
		db_fail(src, err, "cannot read", table);
		goto out;
	}
	if (n != rows) {
		fail_msg(err, "cannot copy", table, "the source changed during the copy");
		goto out;
	}
	*copied += n;
	rc = 0;
out:
	db_finalize(from);
	db_finalize(many);
	db_finalize(one);
	free(full);
	buf_release(&sel);
	columns_release(&c);
	return rc;
}

/* PostgreSQL: each identity sequence moved past the copied ids, so that
 * the next row the store adds takes a new one. */
static int move_sequences(struct db *dst, char **err)
{
	static const char sql[] =
		"SELECT setval(pg_get_serial_sequence(quote_ident(c.table_name), c.column_name),"
		"   greatest((xpath('/row/m/text()', query_to_xml(format('SELECT max(%I) AS m FROM %I',"
		"     c.column_name, c.table_name), false, true, '')))[1]::text::bigint, 0) + 1, false)"
		" FROM information_schema.columns c WHERE c.table_schema = current_schema()"
		" AND c.is_identity = 'YES'";
	struct db_stmt *st = NULL;
	if (db_prepare(dst, sql, 0, &st))
		return db_fail(dst, err, "cannot move the sequences", "past the copied ids");
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		;
	db_finalize(st);
	return rc == DB_DONE ? 0 : db_fail(dst, err, "cannot move the sequences", "past the copied ids");
}

int store_copy(const char *from, const char *to, store_copy_fn fn, void *ctx, char **err)
{
	*err = NULL;
	struct store *src = NULL, *dst = NULL;
	if (store_open(from, STORE_READONLY, &src, err))
		return -1;
	if (store_version(src) != store_latest_version()) {
		struct buf m;
		buf_init(&m, 0);
		buf_printf(&m, "the source has schema %d, this build copies %d: bring it up to date first"
			   " (any command that writes, such as update)", store_version(src), store_latest_version());
		*err = buf_finish_msg(&m, "why the copy cannot start");
		store_close(src);
		return -1;
	}
	/* The target is created (an SQLite file) or migrated (an empty
	 * PostgreSQL database) to the same schema. */
	if (store_open(to, 0, &dst, err)) {
		store_close(src);
		return -1;
	}
	int rc = -1;
	/* One snapshot of the source for every table, while others may write it. */
	if (store_exec(src, db_kind(src->db) == DB_PG ? "BEGIN ISOLATION LEVEL REPEATABLE READ" : "BEGIN", err))
		goto out;
	for (size_t i = 0; i < N_TABLES; i++) {
		if (!strcmp(copy_tables[i], "change_counter") || !strcmp(copy_tables[i], "event_changes"))
			continue;   /* written by the target's triggers: replaced below */
		int has = has_rows(dst->db, copy_tables[i], err);
		if (has < 0)
			goto out;
		if (has) {
			fail_msg(err, "the target is not empty: it has rows in", copy_tables[i],
				 "copy only into a new archive");
			goto out;
		}
	}
	if (store_exec(dst, "BEGIN", err))
		goto out;
	long total = 0;
	for (size_t i = 0; i < N_TABLES; i++) {
		const char *t = copy_tables[i];
		long n = 0;
		/* The change sequence is the source's, numbers and counter: the
		 * target's triggers numbered the copied events their own way. */
		if (!strcmp(t, "event_changes") && store_exec(dst, "DELETE FROM event_changes", err))
			goto rollback;
		if (!strcmp(t, "change_counter") && store_exec(dst, "DELETE FROM change_counter", err))
			goto rollback;
		if (copy_table(src->db, dst->db, t, &n, err))
			goto rollback;
		total += n;
		if (fn && fn(ctx, t, n))
			goto rollback;
	}
	if (db_kind(dst->db) == DB_PG && move_sequences(dst->db, err))
		goto rollback;
	if (store_exec(dst, "COMMIT", err))
		goto rollback;
	rc = 0;
	goto out;
rollback:
	db_exec(dst->db, "ROLLBACK");
out:
	/* The source's snapshot ends (nothing was written there). */
	if (!db_autocommit(src->db))
		db_exec(src->db, "ROLLBACK");
	store_close(src);
	store_close(dst);
	return rc;
}
