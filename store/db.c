/* The connection interface (store/db.h): each connection carries its kind
 * and its backend's connection, and every call goes to that backend's own
 * function (dbsq_* of store/db_sqlite.c, dbpg_* of store/db_pg.c). A
 * statement is a small wrapper naming its connection, so that a call on a
 * statement finds the backend too; the connection keeps its wrappers to
 * free them when it closes. */
#include "store/db.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "store/db_pg.h"
#include "store/db_sqlite.h"

struct db {
	enum db_kind kind;
	union {
		struct dbsq *sq;
		struct dbpg *pg;
	} c;
	struct db_stmt *stmts;   /* open statements, finalized by db_close */
	int nomem;               /* 1: the last call failed allocating a wrapper (the backend knows nothing of it) */
};

struct db_stmt {
	struct db *db;
	union {
		struct dbsq_stmt *sq;
		struct dbpg_stmt *pg;
	} s;
	struct db_stmt *prev, *next;
};

#define PG(db) ((db)->kind == DB_PG)

int db_target_is_pg(const char *target)
{
	return target && (!strncmp(target, "postgresql://", 13) || !strncmp(target, "postgres://", 11));
}

int db_open(const char *target, int flags, struct db **out, char **err)
{
	*out = NULL;
	*err = NULL;
	struct db *db = calloc(1, sizeof(*db));
	if (!db) {
		*err = strdup("out of memory");
		return -1;
	}
	int rc;
	if (db_target_is_pg(target)) {
		db->kind = DB_PG;
		rc = dbpg_open(target, flags, &db->c.pg, err);
	} else {
		db->kind = DB_SQLITE;
		rc = dbsq_open(target, flags, &db->c.sq, err);
	}
	if (rc) {
		free(db);
		return -1;
	}
	*out = db;
	return 0;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	while (db->stmts)
		db_finalize(db->stmts);
	if (PG(db))
		dbpg_close(db->c.pg);
	else
		dbsq_close(db->c.sq);
	free(db);
}

enum db_kind db_kind(const struct db *db)
{
	return db->kind;
}

const char *db_errmsg(const struct db *db)
{
	if (!db || db->nomem)
		return "out of memory";
	return PG(db) ? dbpg_errmsg(db->c.pg) : dbsq_errmsg(db->c.sq);
}

enum db_errclass db_errclass(const struct db *db)
{
	if (!db || db->nomem)
		return DB_E_NOMEM;
	return PG(db) ? dbpg_errclass(db->c.pg) : dbsq_errclass(db->c.sq);
}

int db_exec(struct db *db, const char *sql)
{
	db->nomem = 0;
	return PG(db) ? dbpg_exec(db->c.pg, sql) : dbsq_exec(db->c.sq, sql);
}

int db_prepare(struct db *db, const char *sql, int persistent, struct db_stmt **out)
{
	*out = NULL;
	db->nomem = 0;
	struct db_stmt *st = calloc(1, sizeof(*st));
	if (!st) {
		db->nomem = 1;
		return -1;
	}
	int rc = PG(db) ? dbpg_prepare(db->c.pg, sql, persistent, &st->s.pg)
			: dbsq_prepare(db->c.sq, sql, persistent, &st->s.sq);
	if (rc) {
		free(st);
		return -1;
	}
	st->db = db;
	st->next = db->stmts;
	if (db->stmts)
		db->stmts->prev = st;
	db->stmts = st;
	*out = st;
	return 0;
}

void db_finalize(struct db_stmt *st)
{
	if (!st)
		return;
	struct db *db = st->db;
	if (st->prev)
		st->prev->next = st->next;
	else
		db->stmts = st->next;
	if (st->next)
		st->next->prev = st->prev;
	if (PG(db))
		dbpg_finalize(st->s.pg);
	else
		dbsq_finalize(st->s.sq);
	free(st);
}

void db_reset(struct db_stmt *st)
{
	if (PG(st->db))
		dbpg_reset(st->s.pg);
	else
		dbsq_reset(st->s.sq);
}

void db_clear(struct db_stmt *st)
{
	if (PG(st->db))
		dbpg_clear(st->s.pg);
	else
		dbsq_clear(st->s.sq);
}

int db_bind_null(struct db_stmt *st, int i)
{
	st->db->nomem = 0;
	return PG(st->db) ? dbpg_bind_null(st->s.pg, i) : dbsq_bind_null(st->s.sq, i);
}

int db_bind_int64(struct db_stmt *st, int i, int64_t v)
{
	st->db->nomem = 0;
	return PG(st->db) ? dbpg_bind_int64(st->s.pg, i, v) : dbsq_bind_int64(st->s.sq, i, v);
}

int db_bind_double(struct db_stmt *st, int i, double v)
{
	st->db->nomem = 0;
	return PG(st->db) ? dbpg_bind_double(st->s.pg, i, v) : dbsq_bind_double(st->s.sq, i, v);
}

/* text's first n bytes with each byte that is not part of valid UTF-8
 * replaced by U+FFFD, allocated; NULL when they are valid UTF-8 (or, with
 * *nomem set, when memory ran out). */
static char *utf8_repaired(const char *text, size_t n, int *nomem)
{
	size_t out = 0;
	int bad = 0;
	*nomem = 0;
	for (size_t at = 0; at < n;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)text + at, (utf8proc_ssize_t)(n - at), &c);
		bad |= k <= 0;
		out += k <= 0 ? 3 : (size_t)k;
		at += k <= 0 ? 1 : (size_t)k;
	}
	if (!bad)
		return NULL;
	char *r = malloc(out + 1), *o = r;
	if (!r) {
		*nomem = 1;
		return NULL;
	}
	for (size_t at = 0; at < n;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)text + at, (utf8proc_ssize_t)(n - at), &c);
		if (k <= 0) {
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3;
			at++;
		} else {
			memcpy(o, text + at, (size_t)k);
			o += k;
			at += (size_t)k;
		}
	}
	*o = '\0';
	return r;
}

/* PostgreSQL: a text column of a UTF-8 database takes valid UTF-8 only,
 * where SQLite keeps any bytes (a file name that is not UTF-8, which
 * `reports --json` shows repaired from SQLite): each byte that is not UTF-8
 * goes as U+FFFD, so that the report is stored, not failed. (The driver,
 * dbpg_bind_text, sends what it is given.) */
static int pg_bind_text(struct db_stmt *st, int i, const char *text, ptrdiff_t len, int copy)
{
	int nomem;
	char *fixed = utf8_repaired(text, len < 0 ? strlen(text) : (size_t)len, &nomem);
	if (nomem) {
		st->db->nomem = 1;
		return -1;
	}
	if (!fixed)
		return copy ? dbpg_bind_text(st->s.pg, i, text, len) : dbpg_bind_text_static(st->s.pg, i, text, len);
	int rc = dbpg_bind_text(st->s.pg, i, fixed, -1);
	free(fixed);
	return rc;
}

int db_bind_text(struct db_stmt *st, int i, const char *text, ptrdiff_t len)
{
	st->db->nomem = 0;
	return PG(st->db) ? pg_bind_text(st, i, text, len, 1) : dbsq_bind_text(st->s.sq, i, text, len);
}

int db_bind_text_static(struct db_stmt *st, int i, const char *text, ptrdiff_t len)
{
	st->db->nomem = 0;
	return PG(st->db) ? pg_bind_text(st, i, text, len, 0) : dbsq_bind_text_static(st->s.sq, i, text, len);
}

int db_bind_text_or_null(struct db_stmt *st, int i, const char *text)
{
	st->db->nomem = 0;
	if (PG(st->db))
		return text ? pg_bind_text(st, i, text, -1, 1) : dbpg_bind_null(st->s.pg, i);
	return dbsq_bind_text_or_null(st->s.sq, i, text);
}

int db_step(struct db_stmt *st)
{
	st->db->nomem = 0;
	return PG(st->db) ? dbpg_step(st->s.pg) : dbsq_step(st->s.sq);
}

int db_column_count(struct db_stmt *st)
{
	return PG(st->db) ? dbpg_column_count(st->s.pg) : dbsq_column_count(st->s.sq);
}

int db_column_is_null(struct db_stmt *st, int col)
{
	return PG(st->db) ? dbpg_column_is_null(st->s.pg, col) : dbsq_column_is_null(st->s.sq, col);
}

int64_t db_column_int64(struct db_stmt *st, int col)
{
	return PG(st->db) ? dbpg_column_int64(st->s.pg, col) : dbsq_column_int64(st->s.sq, col);
}

double db_column_double(struct db_stmt *st, int col)
{
	return PG(st->db) ? dbpg_column_double(st->s.pg, col) : dbsq_column_double(st->s.sq, col);
}

const char *db_column_text(struct db_stmt *st, int col)
{
	return PG(st->db) ? dbpg_column_text(st->s.pg, col) : dbsq_column_text(st->s.sq, col);
}

size_t db_column_bytes(struct db_stmt *st, int col)
{
	return PG(st->db) ? dbpg_column_bytes(st->s.pg, col) : dbsq_column_bytes(st->s.sq, col);
}

int64_t db_changes(struct db *db)
{
	return PG(db) ? dbpg_changes(db->c.pg) : dbsq_changes(db->c.sq);
}

int db_autocommit(struct db *db)
{
	return PG(db) ? dbpg_autocommit(db->c.pg) : dbsq_autocommit(db->c.sq);
}

void *db_handle(struct db *db)
{
	return PG(db) ? dbpg_handle(db->c.pg) : dbsq_handle(db->c.sq);
}
