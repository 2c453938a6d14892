/* The connection under the store: one small interface with two backends,
 * SQLite (store/db_sqlite.c, an archive file: the default) and PostgreSQL
 * (store/db_pg.c, libpq: a team's archive on a server). Only store/ includes
 * this header; the rest of the program sees store.h.
 *
 * SQL given to db_prepare and db_exec numbers its parameters $1, $2, ...
 * (PostgreSQL's form, which SQLite reads as named parameters; the SQLite
 * backend maps "$N" to its own index, so the order in which they appear does
 * not matter). SQL that differs between the backends is written once for
 * each (db_kind tells which to use), never rewritten by string replacement.
 *
 * Errors: functions that can fail return -1 (db_step: DB_FAIL) and leave the
 * message in db_errmsg and the class in db_errclass, until the next call on
 * the same connection. They never print.
 */
#ifndef COMMUNIQUE_DB_H
#define COMMUNIQUE_DB_H
#include <stddef.h>
#include <stdint.h>

struct db;
struct db_stmt;

enum db_kind { DB_SQLITE, DB_PG };

enum db_open_flags {
	DB_READONLY = 1,   /* never create, never write */
	DB_CREATE = 2,     /* SQLite: create the file when missing (PostgreSQL: the database must exist) */
	DB_NOMUTEX = 4,    /* the connection is used by one thread at a time */
};

/* What went wrong, for the callers that act on it (retry when busy, report a
 * full disk or a foreign file in words of their own). */
enum db_errclass {
	DB_E_OK = 0,
	DB_E_OTHER,
	DB_E_BUSY,        /* locked by another writer (SQLite BUSY/LOCKED; PostgreSQL lock_not_available, serialization or deadlock) */
	DB_E_CONSTRAINT,  /* a unique, foreign key or check constraint refused the row */
	DB_E_NOTADB,      /* the file or server holds no database of a kind we read */
	DB_E_CANTOPEN,    /* missing file, refused connection, bad URI */
	DB_E_READONLY,    /* a write on a read-only connection or file */
	DB_E_FULL,        /* disk full */
	DB_E_NOMEM,
	DB_E_IO,          /* I/O error, corruption, lost connection */
};

/* db_step's results. */
enum { DB_FAIL = -1, DB_DONE = 0, DB_ROW = 1 };

/* 1 when target names a PostgreSQL database (a postgresql:// or postgres://
 * URI), 0 when it is an SQLite file path. */
int db_target_is_pg(const char *target);

/* Opens a connection to target (a file path or a PostgreSQL URI). On failure
 * returns -1 with *err set to a malloc'd message naming the target (the URI
 * without its password), and *out NULL. The message reads "'<target>':
 * <reason>", so that the caller can put what it was opening before it
 * ("cannot open archive '<target>': <reason>"). */
int db_open(const char *target, int flags, struct db **out, char **err);
/* Closes the connection, finalizing what statements are left. NULL is a no-op. */
void db_close(struct db *db);
enum db_kind db_kind(const struct db *db);

const char *db_errmsg(const struct db *db);
enum db_errclass db_errclass(const struct db *db);

/* Runs SQL with no parameters and no result rows (several statements allowed). */
int db_exec(struct db *db, const char *sql);

/* Prepares one statement. persistent: it will be kept and run many times. */
int db_prepare(struct db *db, const char *sql, int persistent, struct db_stmt **out);
void db_finalize(struct db_stmt *st);
/* Ends the statement's current run (its rows are dropped); bindings stay. */
void db_reset(struct db_stmt *st);
/* Sets every parameter to NULL. */
void db_clear(struct db_stmt *st);

/* Binds parameter $i (from 1). Text is copied unless the _static form is
 * used, whose text must stay unchanged until the statement is reset,
 * rebound or finalized. len < 0: up to the NUL. Return 0, or -1 (out of memory or i out of range). */
int db_bind_null(struct db_stmt *st, int i);
int db_bind_int64(struct db_stmt *st, int i, int64_t v);
int db_bind_double(struct db_stmt *st, int i, double v);
int db_bind_text(struct db_stmt *st, int i, const char *text, ptrdiff_t len);
int db_bind_text_static(struct db_stmt *st, int i, const char *text, ptrdiff_t len);
/* Binds text, or NULL when text is NULL. */
int db_bind_text_or_null(struct db_stmt *st, int i, const char *text);

/* Runs the statement (the first call) or moves to its next row: DB_ROW, DB_DONE or DB_FAIL. */
int db_step(struct db_stmt *st);

/* The current row's columns, from 0. Text is UTF-8, NUL-terminated and valid
 * until the next step, reset or finalize; NULL for an SQL NULL. */
int db_column_count(struct db_stmt *st);
int db_column_is_null(struct db_stmt *st, int col);
int64_t db_column_int64(struct db_stmt *st, int col);
double db_column_double(struct db_stmt *st, int col);
const char *db_column_text(struct db_stmt *st, int col);
size_t db_column_bytes(struct db_stmt *st, int col);

/* Rows changed by the last INSERT, UPDATE or DELETE run on the connection. */
int64_t db_changes(struct db *db);
/* 1 when no transaction is open. */
int db_autocommit(struct db *db);

/* The backend's own connection, for what only it has (SQLite pragmas and
 * checkpoints, PostgreSQL COPY): sqlite3 * or PGconn *. */
void *db_handle(struct db *db);

#endif
