/* The PostgreSQL backend of store/db.h (store/db_pg.c, libpq). Each db_X of
 * db.h has a dbpg_X here with the same contract; the connection interface
 * calls them for a connection whose kind is DB_PG. They are exported under
 * their own names so that both backends link into one program: the dispatch
 * (db_open on a postgresql:// URI, then every call on that connection) sits
 * with the interface, not here.
 *
 * What PostgreSQL does differently from SQLite behind the same contract:
 * - A statement prepared persistent is prepared on the server (PQprepare,
 *   name "cq_N"): SQL errors show at prepare. Otherwise it is sent with its
 *   parameters at its first step (PQexecParams' protocol): errors show there.
 * - Parameters go as text, their types inferred by the server from the SQL.
 * - Rows stream one by one (single-row mode). The connection runs one
 *   statement at a time: stepping (or exec'ing) another one while a statement
 *   still has rows to give reads the rest of those rows into memory first, so
 *   that interleaving works as on SQLite, at the cost of that memory.
 * - Resetting a statement mid-result reads and drops its remaining rows (a
 *   cancel would abort the open transaction).
 * - An error inside a transaction aborts the whole transaction (until
 *   ROLLBACK or ROLLBACK TO SAVEPOINT), where SQLite fails one statement.
 */
#ifndef COMMUNIQUE_DB_PG_H
#define COMMUNIQUE_DB_PG_H
#include "store/db.h"

struct dbpg;
struct dbpg_stmt;

/* Writes target without its password (user:password@ and password=...) to
 * a malloc'd string, for messages; NULL when out of memory. */
char *dbpg_redact(const char *target);

int dbpg_open(const char *target, int flags, struct dbpg **out, char **err);
void dbpg_close(struct dbpg *db);
const char *dbpg_errmsg(const struct dbpg *db);
enum db_errclass dbpg_errclass(const struct dbpg *db);
int dbpg_exec(struct dbpg *db, const char *sql);
int dbpg_prepare(struct dbpg *db, const char *sql, int persistent, struct dbpg_stmt **out);
void dbpg_finalize(struct dbpg_stmt *st);
void dbpg_reset(struct dbpg_stmt *st);
void dbpg_clear(struct dbpg_stmt *st);
int dbpg_bind_null(struct dbpg_stmt *st, int i);
int dbpg_bind_int64(struct dbpg_stmt *st, int i, int64_t v);
int dbpg_bind_double(struct dbpg_stmt *st, int i, double v);
int dbpg_bind_text(struct dbpg_stmt *st, int i, const char *text, ptrdiff_t len);
int dbpg_bind_text_static(struct dbpg_stmt *st, int i, const char *text, ptrdiff_t len);
int dbpg_bind_text_or_null(struct dbpg_stmt *st, int i, const char *text);
int dbpg_step(struct dbpg_stmt *st);
int dbpg_column_count(struct dbpg_stmt *st);
int dbpg_column_is_null(struct dbpg_stmt *st, int col);
int64_t dbpg_column_int64(struct dbpg_stmt *st, int col);
double dbpg_column_double(struct dbpg_stmt *st, int col);
const char *dbpg_column_text(struct dbpg_stmt *st, int col);
size_t dbpg_column_bytes(struct dbpg_stmt *st, int col);
int64_t dbpg_changes(struct dbpg *db);
int dbpg_autocommit(struct dbpg *db);
/* The PGconn *. */
void *dbpg_handle(struct dbpg *db);

#endif
