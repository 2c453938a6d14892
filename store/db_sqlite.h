/* The SQLite backend of store/db.h (store/db_sqlite.c): an archive file.
 * Each db_X of db.h has a dbsq_X here with the same contract; the connection
 * interface (store/db.c) calls them for a connection whose kind is
 * DB_SQLITE, as it calls store/db_pg.h's dbpg_X for DB_PG.
 *
 * What SQLite does behind the contract: "$N" parameters are SQLite named
 * parameters, mapped to SQLite's own indexes at prepare; messages and result
 * classes are SQLite's, read when asked; a failed statement fails alone, the
 * transaction stays open. Unlike db_close, dbsq_close does not finalize the
 * connection's statements: store/db.c keeps the list of them and finalizes
 * them first (one list, not one per layer).
 */
#ifndef COMMUNIQUE_DB_SQLITE_H
#define COMMUNIQUE_DB_SQLITE_H
#include "store/db.h"

struct dbsq;
struct dbsq_stmt;

int dbsq_open(const char *target, int flags, struct dbsq **out, char **err);
void dbsq_close(struct dbsq *db);
const char *dbsq_errmsg(const struct dbsq *db);
enum db_errclass dbsq_errclass(const struct dbsq *db);
int dbsq_exec(struct dbsq *db, const char *sql);
int dbsq_prepare(struct dbsq *db, const char *sql, int persistent, struct dbsq_stmt **out);
void dbsq_finalize(struct dbsq_stmt *st);
void dbsq_reset(struct dbsq_stmt *st);
void dbsq_clear(struct dbsq_stmt *st);
int dbsq_bind_null(struct dbsq_stmt *st, int i);
int dbsq_bind_int64(struct dbsq_stmt *st, int i, int64_t v);
int dbsq_bind_double(struct dbsq_stmt *st, int i, double v);
int dbsq_bind_text(struct dbsq_stmt *st, int i, const char *text, ptrdiff_t len);
int dbsq_bind_text_static(struct dbsq_stmt *st, int i, const char *text, ptrdiff_t len);
int dbsq_bind_text_or_null(struct dbsq_stmt *st, int i, const char *text);
int dbsq_step(struct dbsq_stmt *st);
int dbsq_column_count(struct dbsq_stmt *st);
int dbsq_column_is_null(struct dbsq_stmt *st, int col);
int64_t dbsq_column_int64(struct dbsq_stmt *st, int col);
double dbsq_column_double(struct dbsq_stmt *st, int col);
const char *dbsq_column_text(struct dbsq_stmt *st, int col);
size_t dbsq_column_bytes(struct dbsq_stmt *st, int col);
int64_t dbsq_changes(struct dbsq *db);
int dbsq_autocommit(struct dbsq *db);
/* The sqlite3 *. */
void *dbsq_handle(struct dbsq *db);

#endif
