/* communique copy: a whole archive from one store to another, SQLite or
 * PostgreSQL either way (store_admin.h, store_copy). */
#include "store/store_admin.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store/store_internal.h"
#include "store/store_lock.h"
#include "util/buf.h"

/* Rows written per transaction of the target: a copy of millions of rows
 * holds no transaction (and, on SQLite, no WAL) of their size, at the cost
 * of a commit every this many rows. */
#define COPY_TXN_ROWS 2000

/* While a copy fills the target, the target carries another application id
 * (PRAGMA application_id; communique_schema.application_id on PostgreSQL)
 * and a table copy_unfinished naming the source: every other command
 * refuses it (not an archive of ours), so that nobody takes half an
 * archive for a whole one, and the copy's last transaction puts the
 * archive's id back. A copy run on such a target empties it and starts
 * over. */
#define ARCHIVE_ID 0x436d6e71   /* 'Cmnq', store.c's APPLICATION_ID */
#define UNFINISHED_ID 0x436d6e63 /* 'Cmnc' */

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

/* Tables of an archive that are not copied: SQLite's own, the full-text
 * tables (FTS5 and its shadow tables: the target's triggers fill them),
 * fts_deferred, the schema's identity row (PostgreSQL) and the marker of an
 * unfinished copy. Any other table not in copy_tables (one a new migration
 * adds) stops the copy: it would be left behind. */
static int not_copied(const char *t)
{
	return !strncmp(t, "sqlite_", 7) || !strncmp(t, "reports_fts", 11) || !strncmp(t, "events_fts", 10) ||
	       !strcmp(t, "fts_deferred") || !strcmp(t, "communique_schema") || !strcmp(t, "copy_unfinished");
}

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

/* The columns of `table` in `db` and how each is typed there. */
static int columns_of(struct db *db, const char *side, const char *table, struct columns *out, char **err)
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
	if (!out->n) {
		struct buf m;
		buf_init(&m, 0);
		buf_printf(&m, "cannot copy %s: the %s has no such table", table, side);
		*err = buf_finish_msg(&m, "the copy's message");
		return -1;
	}
	return 0;
}

/* Every table of `db` is one the copy knows (or leaves out on purpose). */
static int tables_known(struct db *db, const char *side, char **err)
{
	struct db_stmt *st = NULL;
	if (db_prepare(db, db_kind(db) == DB_PG
		       ? "SELECT table_name FROM information_schema.tables"
			 " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
		       : "SELECT name FROM sqlite_schema WHERE type = 'table'", 0, &st))
		return db_fail(db, err, "cannot list the tables of", side);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		const char *t = db_column_text(st, 0);
		if (!t || not_copied(t))
			continue;
		size_t i = 0;
		while (i < N_TABLES && strcmp(copy_tables[i], t))
			i++;
		if (i == N_TABLES) {
			struct buf m;
			buf_init(&m, 0);
			buf_printf(&m, "the %s has a table '%s' that this copy does not know"
				   " (store_copy.c copy_tables): nothing was copied", side, t);
			*err = buf_finish_msg(&m, "the copy's message");
			db_finalize(st);
			return -1;
		}
	}
	db_finalize(st);
	return rc == DB_DONE ? 0 : db_fail(db, err, "cannot list the tables of", side);
}

/* The target's columns that the source has too, typed as the target types
 * them: columns go by name, not by position. A column of the target the
 * source has not is left to its default; a column of the source the target
 * has not stops the copy (its values would be lost). */
static int columns_both(struct db *src, struct db *dst, const char *table, struct columns *out, char **err)
{
	struct columns s, d;
	if (columns_of(src, "source", table, &s, err))
		return -1;
	if (columns_of(dst, "target", table, &d, err)) {
		columns_release(&s);
		return -1;
	}
	int rc = 0;
	for (int i = 0; i < s.n && !rc; i++) {
		int j = 0;
		while (j < d.n && strcmp(s.name[i], d.name[j]))
			j++;
		if (j == d.n) {
			struct buf m;
			buf_init(&m, 0);
			buf_printf(&m, "cannot copy %s: the target has no column '%s'", table, s.name[i]);
			*err = buf_finish_msg(&m, "the copy's message");
			rc = -1;
		}
	}
	/* What stays of the target's list: the columns the source has. */
	int kept = 0;
	for (int j = 0; j < d.n; j++) {
		int i = 0;
		while (i < s.n && strcmp(s.name[i], d.name[j]))
			i++;
		if (i < s.n) {
			d.name[kept] = d.name[j];
			d.kind[kept++] = d.kind[j];
		} else {
			free(d.name[j]);
		}
	}
	d.n = kept;
	columns_release(&s);
	if (rc) {
		columns_release(&d);
		return -1;
	}
	*out = d;
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
		buf_printf(&b, "%s\"%s\"", i ? ", " : "", c->name[i]);
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

/* The target's open transaction: committed and begun again every
 * COPY_TXN_ROWS rows, unless `whole` (the copy's last transaction). */
struct txn {
	struct store *dst;
	long rows;
	int whole;
};

static int txn_wrote(struct txn *t, long rows, char **err)
{
	t->rows += rows;
	if (t->whole || t->rows < COPY_TXN_ROWS)
		return 0;
	t->rows = 0;
	return store_exec(t->dst, "COMMIT", err) || store_exec(t->dst, "BEGIN", err) ? -1 : 0;
}

/* Streams one table: rows read one by one, written `batch` to a statement,
 * committed in transactions of COPY_TXN_ROWS rows (txn_wrote). */
static int copy_table(struct db *src, struct txn *tx, const char *table, long *copied, char **err)
{
	struct db *dst = tx->dst->db;
	struct columns c;
	if (columns_both(src, dst, table, &c, err))
		return -1;
	/* Parameters per statement: SQLite takes 32766, PostgreSQL 65535. */
	int batch = 200;
	while (batch > 1 && batch * c.n > 30000)
		batch /= 2;
	struct buf sel;
	buf_init(&sel, 0);
	buf_addstr(&sel, "SELECT ");
	for (int i = 0; i < c.n; i++)
		buf_printf(&sel, "%s\"%s\"", i ? ", " : "", c.name[i]);
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
				if (txn_wrote(tx, batch, err))
					goto out;
			}
		} else if (bind_row(one, 0, from, &c) || db_step(one) != DB_DONE) {
			db_fail(dst, err, "cannot write", table);
			goto out;
		} else {
			db_reset(one);
			if (txn_wrote(tx, 1, err))
				goto out;
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

/* The archive's id (or the unfinished copy's) in the target's identity. */
static int set_identity(struct store *dst, int id, char **err)
{
	char sql[96];
	snprintf(sql, sizeof(sql), db_kind(dst->db) == DB_PG
		 ? "UPDATE communique_schema SET application_id = %d WHERE id = 1"
		 : "PRAGMA application_id = %d", id);
	return store_exec(dst, sql, err);
}

/* Empties a target a copy did not finish (the marker table is there): every
 * copied table's rows go, children first, and the archive's id and
 * the marker with them, in one transaction. The change counter stays (the
 * copy's last transaction replaces it). On `db` opened by db_open: a
 * target so marked is not one store_open opens. */
static int empty_unfinished(struct db *db, char **err)
{
	struct buf sql;
	buf_init(&sql, 0);
	buf_addstr(&sql, "BEGIN;");
	if (db_kind(db) == DB_PG) {
		/* One TRUNCATE of them all: no row by row, no foreign key in the way. */
		buf_addstr(&sql, "TRUNCATE ");
		for (size_t i = 0, k = 0; i < N_TABLES; i++)
			if (strcmp(copy_tables[i], "change_counter"))
				buf_printf(&sql, "%s%s", k++ ? ", " : "", copy_tables[i]);
		buf_printf(&sql, "; UPDATE communique_schema SET application_id = %d WHERE id = 1;", ARCHIVE_ID);
	} else {
		/* Row by row, children first: the FTS5 triggers take the rows out of
		 * the full-text tables as they go. */
		for (size_t i = N_TABLES; i-- > 0;)
			if (strcmp(copy_tables[i], "change_counter"))
				buf_printf(&sql, "DELETE FROM %s;", copy_tables[i]);
		buf_printf(&sql, "PRAGMA application_id = %d;", ARCHIVE_ID);
	}
	buf_addstr(&sql, "DROP TABLE copy_unfinished; COMMIT;");
	if (buf_failed(&sql)) {
		buf_release(&sql);
		return fail_msg(err, "cannot empty", "the unfinished copy", NULL);
	}
	int rc = db_exec(db, buf_str(&sql));
	buf_release(&sql);
	if (rc) {
		fail_msg(err, "cannot empty", "the unfinished copy", db_errmsg(db));
		db_exec(db, "ROLLBACK");
		return -1;
	}
	return 0;
}

/* A target an earlier copy left unfinished (killed, or its server gone) is
 * emptied, so that this copy starts over: *restarted says so. Anything else
 * is left to store_open and the emptiness check. */
static int restart_unfinished(const char *to, int *restarted, char **err)
{
	*restarted = 0;
	int pg = db_target_is_pg(to);
	struct stat sb;
	if (!pg && stat(to, &sb) != 0)
		return 0;   /* a new file: nothing to look at */
	struct db *db = NULL;
	char *e = NULL;
	if (db_open(to, 0, &db, &e)) {
		/* store_open says it better (not a database, cannot connect). */
		free(e);
		return 0;
	}
	struct db_stmt *st = NULL;
	int has = 0, rc = 0;
	if (!db_prepare(db, pg ? "SELECT count(*) FROM information_schema.tables"
				 " WHERE table_schema = current_schema() AND table_name = 'copy_unfinished'"
			       : "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'copy_unfinished'",
			0, &st) && db_step(st) == DB_ROW)
		has = db_column_int64(st, 0) > 0;
	db_finalize(st);
	if (has) {
		rc = empty_unfinished(db, err);
		*restarted = !rc;
	}
	db_close(db);
	return rc;
}

/* The first transaction on the target: marked as an unfinished copy of
 * `shown` (the source, without a password). */
static int mark_unfinished(struct store *dst, const char *shown, char **err)
{
	if (store_exec(dst, "BEGIN", err))
		return -1;
	struct db_stmt *st = NULL;
	int rc = store_exec(dst, "CREATE TABLE copy_unfinished(source TEXT NOT NULL)", err) ||
		 set_identity(dst, UNFINISHED_ID, err);
	if (!rc && (db_prepare(dst->db, "INSERT INTO copy_unfinished(source) VALUES ($1)", 0, &st) ||
		    bind_text(st, 1, shown) || db_step(st) != DB_DONE))
		rc = db_fail(dst->db, err, "cannot mark", "the target as an unfinished copy");
	db_finalize(st);
	if (rc || store_exec(dst, "COMMIT", err)) {
		db_exec(dst->db, "ROLLBACK");
		return -1;
	}
	return 0;
}

/* Adds what became of the target to a failed copy's message. */
static void say_left(char **err, const char *what)
{
	struct buf m;
	buf_init(&m, 0);
	buf_printf(&m, "%s; %s", *err ? *err : "out of memory", what);
	free(*err);
	*err = buf_finish_msg(&m, "the copy's message");
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
	/* A copy left unfinished is emptied: this one starts over. */
	int restarted = 0;
	if (restart_unfinished(to, &restarted, err)) {
		say_left(err, "the target is still an unfinished copy");
		store_close(src);
		return -1;
	}
	/* The target is created (an SQLite file) or migrated (an empty
	 * PostgreSQL database) to the same schema. */
	if (store_open(to, 0, &dst, err)) {
		store_close(src);
		return -1;
	}
	int rc = -1, marked = 0;
	char *shown = store_target_shown(from);
	if (!shown) {
		fail_msg(err, "cannot copy", from, NULL);
		goto out;
	}
	/* Told first, as a table of no rows: the copy starts over. */
	if (restarted && fn && fn(ctx, "copy_unfinished", 0))
		goto out;
	/* One snapshot of the source for every table, while others may write it. */
	if (store_exec(src, db_kind(src->db) == DB_PG ? "BEGIN ISOLATION LEVEL REPEATABLE READ" : "BEGIN", err))
		goto out;
	if (tables_known(src->db, "source", err) || tables_known(dst->db, "target", err))
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
	if (mark_unfinished(dst, shown, err))
		goto out;
	marked = 1;
	struct txn tx = {.dst = dst};
	if (store_exec(dst, "BEGIN", err))
		goto rollback;
	long total = 0;
	for (size_t i = 0; i < N_TABLES; i++) {
		const char *t = copy_tables[i];
		long n = 0;
		/* The change sequence is the source's, numbers and counter: the
		 * target's triggers numbered the copied events their own way. It
		 * goes in the last transaction, with the sequences and the
		 * archive's id: the target is an archive at its commit, not before. */
		if (!strcmp(t, "event_changes")) {
			if (store_exec(dst, "COMMIT", err) || store_exec(dst, "BEGIN", err) ||
			    store_exec(dst, "DELETE FROM event_changes", err))
				goto rollback;
			tx.whole = 1;
		}
		if (!strcmp(t, "change_counter") && store_exec(dst, "DELETE FROM change_counter", err))
			goto rollback;
		if (copy_table(src->db, &tx, t, &n, err))
			goto rollback;
		total += n;
		if (fn && fn(ctx, t, n))
			goto rollback;
		/* Each table ends its transaction: a failed copy leaves whole tables. */
		if (!tx.whole && (store_exec(dst, "COMMIT", err) || store_exec(dst, "BEGIN", err)))
			goto rollback;
		tx.rows = 0;
	}
	if (db_kind(dst->db) == DB_PG && move_sequences(dst->db, err))
		goto rollback;
	if (set_identity(dst, ARCHIVE_ID, err) || store_exec(dst, "DROP TABLE copy_unfinished", err) ||
	    store_exec(dst, "COMMIT", err))
		goto rollback;
	rc = 0;
	goto out;
rollback:
	db_exec(dst->db, "ROLLBACK");
out:
	/* The source's snapshot ends (nothing was written there). */
	if (!db_autocommit(src->db))
		db_exec(src->db, "ROLLBACK");
	if (rc && marked) {
		/* The batches committed go again, if the target can still be
		 * reached; else the next copy to it empties it. */
		char *e2 = NULL;
		if (empty_unfinished(dst->db, &e2) == 0)
			say_left(err, "the target was emptied again");
		else
			say_left(err, "the target is left as an unfinished copy, which no command opens:"
				 " run the copy again (it starts over)");
		free(e2);
	}
	free(shown);
	store_close(src);
	store_close(dst);
	return rc;
}
