/* The SQLite backend of store/db.h (as dbsq_*, store/db_sqlite.h): an archive file. Parameters numbered
 * $1, $2, ... are SQLite named parameters; each statement maps the number
 * to SQLite's own index when it is prepared, so that a number may appear
 * out of order or several times. Messages and result codes are SQLite's,
 * read when asked (sqlite3_errmsg, sqlite3_extended_errcode), so that they
 * describe the connection's last call as SQLite's own functions would. */
#include "store/db_sqlite.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"

struct dbsq {
	sqlite3 *h;
	int own;                    /* 1: the last failure is ours (msg, cls), not SQLite's */
	enum db_errclass cls;
	char msg[128];
};

struct dbsq_stmt {
	struct dbsq *db;
	sqlite3_stmt *st;
	int *map;                   /* map[N - 1]: SQLite's index of $N, 0 when absent; NULL: identity */
	int n;                      /* the highest N */
};

static enum db_errclass class_of(int code)
{
	switch (code & 0xff) {
	case SQLITE_OK: case SQLITE_ROW: case SQLITE_DONE:
		return DB_E_OK;
	case SQLITE_BUSY: case SQLITE_LOCKED:
		return DB_E_BUSY;
	case SQLITE_CONSTRAINT:
		return DB_E_CONSTRAINT;
	case SQLITE_NOTADB:
		return DB_E_NOTADB;
	case SQLITE_CANTOPEN: case SQLITE_PERM:
		return DB_E_CANTOPEN;
	case SQLITE_READONLY:
		return DB_E_READONLY;
	case SQLITE_FULL:
		return DB_E_FULL;
	case SQLITE_NOMEM:
		return DB_E_NOMEM;
	case SQLITE_IOERR: case SQLITE_CORRUPT: case SQLITE_PROTOCOL: case SQLITE_NOLFS:
		return DB_E_IO;
	default:
		return DB_E_OTHER;
	}
}

/* A failure of our own (not SQLite's), until the next call. */
static int own_fail(struct dbsq *db, enum db_errclass cls, const char *what, int param)
{
	db->own = 1;
	db->cls = cls;
	if (param)
		snprintf(db->msg, sizeof(db->msg), "%s $%d", what, param);
	else
		snprintf(db->msg, sizeof(db->msg), "%s", what);
	return -1;
}

const char *dbsq_errmsg(const struct dbsq *db)
{
	if (!db)
		return "out of memory";
	return db->own ? db->msg : sqlite3_errmsg(db->h);
}

enum db_errclass dbsq_errclass(const struct dbsq *db)
{
	if (!db)
		return DB_E_NOMEM;
	return db->own ? db->cls : class_of(sqlite3_extended_errcode(db->h));
}

void *dbsq_handle(struct dbsq *db)
{
	return db->h;
}

/* The URI of a read-only open: mode=ro, and immutable=1 when nothing can
 * change the file under us (no -wal, and we cannot write the directory, so
 * no -wal nor -shm can appear): SQLite then reads a WAL archive without
 * creating its -shm, which such a directory would refuse. malloc'd. */
static char *readonly_uri(const char *path)
{
	struct buf u, p;
	buf_init(&u, 0);
	buf_init(&p, 0);
	/* An absolute path gets an empty authority, so that "//x" stays a path. */
	buf_addstr(&u, path[0] == '/' ? "file://" : "file:");
	for (const char *c = path; *c; c++) {
		if (strchr("?#%", *c) || (unsigned char)*c < 0x20 || (unsigned char)*c >= 0x7f)
			buf_printf(&u, "%%%02X", (unsigned char)*c);
		else
			buf_addch(&u, *c);
	}
	buf_addstr(&u, "?mode=ro");
	const char *slash = strrchr(path, '/');
	if (!slash)
		buf_addstr(&p, ".");
	else
		buf_add(&p, path, slash == path ? 1 : (size_t)(slash - path));
	int dir_writable = access(buf_str(&p), W_OK) == 0;
	buf_reset(&p);
	buf_printf(&p, "%s-wal", path);
	struct stat sb;
	if (!dir_writable && stat(buf_str(&p), &sb) != 0 && errno == ENOENT)
		buf_addstr(&u, "&immutable=1");
	int failed = buf_failed(&p) || buf_failed(&u);
	buf_release(&p);
	if (failed) {
		buf_release(&u);
		return NULL;   /* a cut URI would name another file or drop mode=ro */
	}
	return buf_detach(&u);
}

/* "'<target>': <reason>": the caller says what it was opening. */
static char *open_msg(const char *target, const char *why)
{
	struct buf m;
	buf_init(&m, 8192);
	buf_printf(&m, "'%s': %s", target, why);
	return buf_finish_msg(&m, "the archive's message");
}

/* 1 when a read-only connection cannot read because the file needs a
 * writer first: a writer killed mid-transaction left a hot rollback journal
 * (only while an archive is being created, before it turns to WAL) or a
 * WAL index that must be rebuilt. SQLite undoes or rebuilds these on the
 * first read of any connection that may write; a read-only one is refused. */
static int needs_writer(sqlite3 *h)
{
	sqlite3_busy_timeout(h, 10000);
	sqlite3_extended_result_codes(h, 1);
	int rc = sqlite3_exec(h, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
	return rc == SQLITE_READONLY_ROLLBACK || rc == SQLITE_READONLY_RECOVERY || rc == SQLITE_READONLY_CANTINIT;
}

/* Lets SQLite finish what a killed writer left, with a connection that may
 * write but writes nothing of its own: a read rolls back the hot journal or
 * rebuilds the WAL index. Returns 1 when it could read (the read-only open
 * should then be tried again), 0 when this process may not write the file
 * either: the read-only connection's own error then stands. */
static int settle(const char *target)
{
	if (access(target, W_OK) != 0)
		return 0;
	sqlite3 *w = NULL;
	int ok = sqlite3_open_v2(target, &w, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK;
	if (ok) {
		sqlite3_busy_timeout(w, 10000);
		ok = sqlite3_exec(w, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) == SQLITE_OK;
	}
	sqlite3_close_v2(w);
	return ok;
}

int dbsq_open(const char *target, int flags, struct dbsq **out, char **err)
{
	*out = NULL;
	struct dbsq *db = calloc(1, sizeof(*db));
	if (!db) {
		*err = strdup("out of memory");
		return -1;
	}
	/* Memory statistics cost a global mutex per allocation, and Debian's
	 * SQLite allocates a lot (it is built without lookaside); nothing here
	 * reads them. Only possible before SQLite initialises: later calls
	 * fail harmlessly. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	int readonly = (flags & DB_READONLY) != 0;
	int oflags = (flags & DB_NOMUTEX ? SQLITE_OPEN_NOMUTEX : 0) |
		     (readonly ? SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
			       : SQLITE_OPEN_READWRITE | (flags & DB_CREATE ? SQLITE_OPEN_CREATE : 0));
	char *uri = NULL;
	if (readonly && !(uri = readonly_uri(target))) {
		free(db);
		*err = strdup("out of memory");
		return -1;
	}
	int rc = sqlite3_open_v2(uri ? uri : target, &db->h, oflags, NULL);
	if (rc == SQLITE_OK && readonly && needs_writer(db->h) && settle(target)) {
		sqlite3_close_v2(db->h);
		db->h = NULL;
		rc = sqlite3_open_v2(uri, &db->h, oflags, NULL);
	}
	free(uri);
	if (rc != SQLITE_OK) {
		*err = open_msg(target, db->h ? sqlite3_errmsg(db->h) : "out of memory");
		sqlite3_close_v2(db->h);
		free(db);
		return -1;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, 10000);
	*out = db;
	return 0;
}

void dbsq_close(struct dbsq *db)
{
	if (!db)
		return;
	sqlite3_close_v2(db->h);
	free(db);
}

int dbsq_exec(struct dbsq *db, const char *sql)
{
	db->own = 0;
	return sqlite3_exec(db->h, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* "$N" with N a decimal number from 1, or 0. */
static int param_number(const char *name)
{
	if (!name || name[0] != '$' || name[1] < '1' || name[1] > '9')
		return 0;
	long n = 0;
	for (const char *c = name + 1; *c; c++) {
		if (*c < '0' || *c > '9' || n > 100000)
			return 0;
		n = n * 10 + (*c - '0');
	}
	return (int)n;
}

int dbsq_prepare(struct dbsq *db, const char *sql, int persistent, struct dbsq_stmt **out)
{
	*out = NULL;
	db->own = 0;
	struct dbsq_stmt *s = calloc(1, sizeof(*s));
	if (!s)
		return own_fail(db, DB_E_NOMEM, "out of memory", 0);
	if (sqlite3_prepare_v3(db->h, sql, -1, persistent ? SQLITE_PREPARE_PERSISTENT : 0, &s->st, NULL) !=
	    SQLITE_OK) {
		free(s);
		return -1;
	}
	int count = sqlite3_bind_parameter_count(s->st), identity = 1;
	for (int i = 1; i <= count; i++) {
		int n = param_number(sqlite3_bind_parameter_name(s->st, i));
		if (!n) {
			const char *name = sqlite3_bind_parameter_name(s->st, i);
			own_fail(db, DB_E_OTHER, "", 0);
			snprintf(db->msg, sizeof(db->msg), "parameter '%.40s' is not numbered $1, $2, ...",
				 name ? name : "?");
			sqlite3_finalize(s->st);
			free(s);
			return -1;
		}
		if (n != i)
			identity = 0;
		if (n > s->n)
			s->n = n;
	}
	/* In the usual case $1..$k appear in order: no map needed. */
	if (!identity) {
		if (!(s->map = calloc((size_t)s->n, sizeof(*s->map)))) {
			sqlite3_finalize(s->st);
			free(s);
			return own_fail(db, DB_E_NOMEM, "out of memory", 0);
		}
		for (int i = 1; i <= count; i++) {
			int n = param_number(sqlite3_bind_parameter_name(s->st, i));
			if (n)
				s->map[n - 1] = i;
		}
	}
	s->db = db;
	*out = s;
	return 0;
}

void dbsq_finalize(struct dbsq_stmt *st)
{
	if (!st)
		return;
	sqlite3_finalize(st->st);
	free(st->map);
	free(st);
}

void dbsq_reset(struct dbsq_stmt *st)
{
	/* sqlite3_reset repeats the error of the last step: the message stays. */
	sqlite3_reset(st->st);
}

void dbsq_clear(struct dbsq_stmt *st)
{
	sqlite3_clear_bindings(st->st);
}

/* SQLite's index of $i, or 0 (and the connection's error) when the statement has none. */
static int index_of(struct dbsq_stmt *st, int i)
{
	st->db->own = 0;
	if (i < 1 || i > st->n || (st->map && !st->map[i - 1])) {
		own_fail(st->db, DB_E_OTHER, "the statement has no parameter", i ? i : -1);
		return 0;
	}
	return st->map ? st->map[i - 1] : i;
}

static int bound(struct dbsq_stmt *st, int rc)
{
	if (rc == SQLITE_OK)
		return 0;
	return rc == SQLITE_NOMEM ? own_fail(st->db, DB_E_NOMEM, "out of memory", 0) : -1;
}

int dbsq_bind_null(struct dbsq_stmt *st, int i)
{
	int k = index_of(st, i);
	return k ? bound(st, sqlite3_bind_null(st->st, k)) : -1;
}

int dbsq_bind_int64(struct dbsq_stmt *st, int i, int64_t v)
{
	int k = index_of(st, i);
	return k ? bound(st, sqlite3_bind_int64(st->st, k, v)) : -1;
}

int dbsq_bind_double(struct dbsq_stmt *st, int i, double v)
{
	int k = index_of(st, i);
	return k ? bound(st, sqlite3_bind_double(st->st, k, v)) : -1;
}

static int bind_text(struct dbsq_stmt *st, int i, const char *text, ptrdiff_t len, void (*d)(void *))
{
	int k = index_of(st, i);
	if (!k)
		return -1;
	if (len < 0)
		return bound(st, sqlite3_bind_text(st->st, k, text, -1, d));
	return bound(st, sqlite3_bind_text64(st->st, k, text, (sqlite3_uint64)len, d, SQLITE_UTF8));
}

int dbsq_bind_text(struct dbsq_stmt *st, int i, const char *text, ptrdiff_t len)
{
	return bind_text(st, i, text, len, SQLITE_TRANSIENT);
}

int dbsq_bind_text_static(struct dbsq_stmt *st, int i, const char *text, ptrdiff_t len)
{
	return bind_text(st, i, text, len, SQLITE_STATIC);
}

int dbsq_bind_text_or_null(struct dbsq_stmt *st, int i, const char *text)
{
	return text ? dbsq_bind_text(st, i, text, -1) : dbsq_bind_null(st, i);
}

int dbsq_step(struct dbsq_stmt *st)
{
	st->db->own = 0;
	switch (sqlite3_step(st->st)) {
	case SQLITE_ROW:
		return DB_ROW;
	case SQLITE_DONE:
		return DB_DONE;
	default:
		return DB_FAIL;
	}
}

int dbsq_column_count(struct dbsq_stmt *st)
{
	return sqlite3_column_count(st->st);
}

int dbsq_column_is_null(struct dbsq_stmt *st, int col)
{
	return sqlite3_column_type(st->st, col) == SQLITE_NULL;
}

int64_t dbsq_column_int64(struct dbsq_stmt *st, int col)
{
	return sqlite3_column_int64(st->st, col);
}

double dbsq_column_double(struct dbsq_stmt *st, int col)
{
	return sqlite3_column_double(st->st, col);
}

const char *dbsq_column_text(struct dbsq_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st->st, col);
}

size_t dbsq_column_bytes(struct dbsq_stmt *st, int col)
{
	return (size_t)sqlite3_column_bytes(st->st, col);
}

int64_t dbsq_changes(struct dbsq *db)
{
	return sqlite3_changes64(db->h);
}

int dbsq_autocommit(struct dbsq *db)
{
	return sqlite3_get_autocommit(db->h) != 0;
}
