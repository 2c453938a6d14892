/* The PostgreSQL backend of the connection interface (store/db.h), over
 * libpq: a team's archive on a server. See store/db_pg.h for what differs
 * from SQLite behind the same contract, and docs/postgres.md.
 *
 * A statement's life: prepared (on the server when persistent), bound (each
 * parameter held as text, NULL as NULL), sent at its first step, its rows
 * read one at a time in single-row mode, so that an export of a million rows
 * never holds them all. libpq runs one query at a time per connection: the
 * statement that is sending rows is db->active; any other use of the
 * connection first reads the active statement's remaining rows into its
 * queue (buffer_rest), from which its later steps are served.
 */
#include "store/db_pg.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <libpq-fe.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

/* PostgreSQL's own limit on a statement's parameters (the protocol's Int16). */
#define MAX_PARAMS 65535

struct dbpg {
	PGconn *conn;
	char *shown;                /* the target without its password, for messages */
	char *password;             /* the target's password, scrubbed from messages (NULL: none) */
	char *errmsg;               /* the last failure's message (malloc'd), NULL when none */
	enum db_errclass errclass;
	int64_t changes;            /* rows changed by the last INSERT, UPDATE, DELETE or MERGE */
	int in_txn;                 /* 1 when a transaction was open after the last finished command */
	unsigned long next_name;    /* the number of the next server-side statement name */
	struct dbpg_stmt *active;   /* the statement whose rows the connection is sending, or NULL */
	struct dbpg_stmt *stmts;    /* every statement not finalized, for dbpg_close */
};

/* One parameter's value as text: val points to own (malloc'd), num, or the
 * caller's text (bound static); NULL is SQL NULL. */
struct param {
	const char *val;
	char *own;
	char num[32];
};

enum phase {
	PH_IDLE,      /* not sent since the last reset */
	PH_STREAM,    /* sent; its rows come from the connection (it is db->active) */
	PH_QUEUED,    /* its remaining rows were read into queue; the connection is free */
	PH_DONE,      /* finished: DONE or FAIL given */
};

struct dbpg_stmt {
	struct dbpg *db;
	struct dbpg_stmt *prev, *next;  /* in db->stmts */
	char *sql;
	char name[24];                  /* server-side name when persistent, "" otherwise */
	int nparams;
	struct param *params;           /* nparams of them */
	const char **values;            /* nparams, filled at each send */
	enum phase phase;
	PGresult *row;                  /* the current row (a PGRES_SINGLE_TUPLE result), or NULL */
	PGresult **queue;               /* PH_QUEUED: rows not yet stepped to, from qhead */
	size_t qhead, qlen, qcap;
	int end_rc;                     /* PH_QUEUED: what the step after the last queued row gives */
	char *end_msg;                  /* its message when DB_FAIL */
	enum db_errclass end_class;
};

/* ---- messages ---- */

/* Removes every occurrence of the password from msg, in place. */
static void scrub(const struct dbpg *db, char *msg)
{
	if (!db || !db->password || !*db->password || !msg)
		return;
	size_t n = strlen(db->password);
	char *p;
	while ((p = strstr(msg, db->password)) != NULL) {
		memcpy(p, "***", n < 3 ? n : 3);
		if (n > 3)
			memmove(p + 3, p + n, strlen(p + n) + 1);
	}
}

/* A malloc'd copy of a libpq message on one line: newlines become spaces,
 * the trailing ones go. */
static char *one_line(const char *msg)
{
	char *s = strdup(msg ? msg : "");
	if (!s)
		return NULL;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' '))
		s[--n] = '\0';
	for (char *p = s; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	return s;
}

static void set_error(struct dbpg *db, enum db_errclass cls, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	free(db->errmsg);
	db->errmsg = one_line(buf);
	scrub(db, db->errmsg);
	db->errclass = cls;
}

static void clear_error(struct dbpg *db)
{
	free(db->errmsg);
	db->errmsg = NULL;
	db->errclass = DB_E_OK;
}

/* The class of a failed result, from its SQLSTATE (PostgreSQL's appendix A);
 * no SQLSTATE means libpq's own failure: a lost connection when the
 * connection is gone. */
static enum db_errclass class_of(const struct dbpg *db, const PGresult *res)
{
	const char *s = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	if (!s || strlen(s) != 5)
		return PQstatus(db->conn) == CONNECTION_OK ? DB_E_OTHER : DB_E_IO;
	if (!strncmp(s, "23", 2))
		return DB_E_CONSTRAINT;
	if (!strcmp(s, "55P03") || !strcmp(s, "40001") || !strcmp(s, "40P01"))
		return DB_E_BUSY;
	if (!strcmp(s, "53100"))
		return DB_E_FULL;
	if (!strcmp(s, "53200"))
		return DB_E_NOMEM;
	if (!strncmp(s, "08", 2) || !strncmp(s, "57P", 3) || !strcmp(s, "58030") || !strncmp(s, "XX", 2))
		return DB_E_IO;
	if (!strncmp(s, "28", 2) || !strcmp(s, "3D000"))
		return DB_E_CANTOPEN;
	if (!strcmp(s, "25006"))
		return DB_E_READONLY;
	return DB_E_OTHER;
}

/* "primary message (detail)", or libpq's message when the server gave none. */
static void result_message(const struct dbpg *db, const PGresult *res, char *buf, size_t size)
{
	const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *detail = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : NULL;
	if (primary && detail)
		snprintf(buf, size, "%s (%s)", primary, detail);
	else if (primary)
		snprintf(buf, size, "%s", primary);
	else {
		const char *m = res ? PQresultErrorMessage(res) : "";
		if (!m || !*m)
			m = PQerrorMessage(db->conn);
		snprintf(buf, size, "%s", m && *m ? m : "unknown PostgreSQL error");
	}
}

static void set_result_error(struct dbpg *db, const PGresult *res)
{
	char buf[1024];
	result_message(db, res, buf, sizeof buf);
	set_error(db, class_of(db, res), "%s", buf);
}

/* ---- targets ---- */

char *dbpg_redact(const char *target)
{
	struct buf out;
	buf_init(&out, 0);
	const char *scheme = strstr(target, "://");
	const char *auth = scheme ? scheme + 3 : target;
	size_t alen = strcspn(auth, "/?");
	/* user:password@host: the last '@' of the authority ends the user part. */
	const char *at = NULL;
	for (const char *p = auth; p < auth + alen; p++)
		if (*p == '@')
			at = p;
	const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
	const char *rest = target;
	if (colon) {
		buf_add(&out, target, (size_t)(colon + 1 - target));
		buf_addstr(&out, "***");
		rest = at;
	}
	/* password=... among the query parameters: its value is hidden too. */
	const char *q = strchr(rest, '?');
	if (!q) {
		buf_addstr(&out, rest);
		return buf_finish(&out);
	}
	buf_add(&out, rest, (size_t)(q - rest));
	while (q && *q) {
		size_t len = strcspn(q + 1, "&") + 1;   /* the separator and one parameter */
		if (!strncmp(q + 1, "password=", 9)) {
			buf_add(&out, q, 10);
			buf_addstr(&out, "***");
		} else {
			buf_add(&out, q, len);
		}
		q += len;
	}
	return buf_finish(&out);
}

/* The password the target carries (URI or key=value), malloc'd, or NULL. */
static char *target_password(const char *target)
{
	char *perr = NULL;
	PQconninfoOption *opts = PQconninfoParse(target, &perr);
	PQfreemem(perr);
	char *pw = NULL;
	for (PQconninfoOption *o = opts; o && o->keyword; o++)
		if (!strcmp(o->keyword, "password") && o->val && *o->val)
			pw = strdup(o->val);
	PQconninfoFree(opts);
	return pw;
}

/* ---- connection ---- */

/* The server's notices (NOTICE, WARNING: "drop cascades to...") would go
 * to stderr by default; the interface never prints. */
static void ignore_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* Updates in_txn from the connection, when it is not busy with a query. */
static void note_txn(struct dbpg *db)
{
	PGTransactionStatusType t = PQtransactionStatus(db->conn);
	if (t == PQTRANS_IDLE || t == PQTRANS_UNKNOWN)
		db->in_txn = 0;
	else if (t == PQTRANS_INTRANS || t == PQTRANS_INERROR)
		db->in_txn = 1;
}

/* Runs one command with no parameters on a free connection; 0 or -1. */
static int run_simple(struct dbpg *db, const char *sql)
{
	PGresult *r = PQexec(db->conn, sql);
	int rc = 0;
	ExecStatusType s = PQresultStatus(r);
	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
		set_result_error(db, r);
		rc = -1;
	}
	PQclear(r);
	note_txn(db);
	return rc;
}

int dbpg_open(const char *target, int flags, struct dbpg **out, char **err)
{
	*out = NULL;
	*err = NULL;
	struct dbpg *db = calloc(1, sizeof *db);
	char msg[1200];
	if (!db) {
		*err = strdup("out of memory");
		return -1;
	}
	db->shown = dbpg_redact(target);
	db->password = target_password(target);
	if (!db->shown) {
		*err = strdup("out of memory");
		dbpg_close(db);
		return -1;
	}
	/* expand_dbname: target is a whole URI (or key=value string); the
	 * client encoding is UTF-8, the store's, whatever the environment says. */
	const char *const keys[] = {"dbname", "client_encoding", "application_name", NULL};
	const char *const vals[] = {target, "UTF8", "communique", NULL};
	db->conn = PQconnectdbParams(keys, vals, 1);
	if (!db->conn || PQstatus(db->conn) != CONNECTION_OK) {
		char *m = one_line(db->conn ? PQerrorMessage(db->conn) : "out of memory");
		scrub(db, m);
		snprintf(msg, sizeof msg, "'%s': %s", db->shown, m ? m : "out of memory");
		free(m);
		scrub(db, msg); /* a key=value target keeps its password in shown */
		*err = strdup(msg);
		dbpg_close(db);
		return -1;
	}
	PQsetNoticeProcessor(db->conn, ignore_notice, NULL);
	/* A read-only archive: every transaction the server starts for us is
	 * read-only, so that a write fails with 25006 (DB_E_READONLY). */
	if ((flags & DB_READONLY) && run_simple(db, "SET default_transaction_read_only = on") != 0) {
		snprintf(msg, sizeof msg, "'%s': %s", db->shown, db->errmsg ? db->errmsg : "");
		scrub(db, msg);
		*err = strdup(msg);
		dbpg_close(db);
		return -1;
	}
	clear_error(db);
	*out = db;
	return 0;
}

static void finalize(struct dbpg_stmt *st, int on_server);

void dbpg_close(struct dbpg *db)
{
	if (!db)
		return;
	while (db->stmts)
		finalize(db->stmts, 0);
	if (db->conn)
		PQfinish(db->conn);
	free(db->shown);
	free(db->password);
	free(db->errmsg);
	free(db);
}

const char *dbpg_errmsg(const struct dbpg *db)
{
	return db->errmsg ? db->errmsg : "not an error";
}

enum db_errclass dbpg_errclass(const struct dbpg *db)
{
	return db->errclass;
}

int64_t dbpg_changes(struct dbpg *db)
{
	return db->changes;
}

int dbpg_autocommit(struct dbpg *db)
{
	if (!db->active)
		note_txn(db);
	return !db->in_txn;
}

void *dbpg_handle(struct dbpg *db)
{
	return db->conn;
}

/* Records the row count of a finished INSERT, UPDATE, DELETE or MERGE. */
static void note_changes(struct dbpg *db, const PGresult *r)
{
	const char *cmd = PQcmdStatus((PGresult *)r);
	if (cmd && (!strncmp(cmd, "INSERT ", 7) || !strncmp(cmd, "UPDATE ", 7) ||
		    !strncmp(cmd, "DELETE ", 7) || !strncmp(cmd, "MERGE ", 6))) {
		const char *n = PQcmdTuples((PGresult *)r);
		db->changes = n && *n ? strtoll(n, NULL, 10) : 0;
	}
}

/* ---- statements ---- */

static int ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '$' || (unsigned char)c >= 0x80;
}

/* The highest $N in sql outside quotes, comments and dollar-quoted strings,
 * or -1 when one is beyond PostgreSQL's limit. */
static int count_params(const char *sql)
{
	int max = 0;
	const char *p = sql;
	while (*p) {
		if (*p == '\'') {
			/* E'...' reads backslash escapes; '' is a quote either way. */
			int esc = p > sql && (p[-1] == 'E' || p[-1] == 'e') && !(p - 1 > sql && ident_char(p[-2]));
			for (p++; *p; p++) {
				if (esc && *p == '\\' && p[1]) {
					p++;
				} else if (*p == '\'') {
					if (p[1] == '\'')
						p++;
					else
						break;
				}
			}
		} else if (*p == '"') {
			for (p++; *p; p++) {
				if (*p == '"') {
					if (p[1] == '"')
						p++;
					else
						break;
				}
			}
		} else if (p[0] == '-' && p[1] == '-') {
			while (*p && *p != '\n')
				p++;
		} else if (p[0] == '/' && p[1] == '*') {
			int depth = 1; /* PostgreSQL's block comments nest */
			for (p += 2; *p && depth > 0; p++) {
				if (p[0] == '/' && p[1] == '*') {
					depth++;
					p++;
				} else if (p[0] == '*' && p[1] == '/') {
					depth--;
					p++;
				}
			}
			continue;
		} else if (*p == '$' && !(p > sql && ident_char(p[-1]))) {
			if (isdigit((unsigned char)p[1])) {
				long n = 0;
				for (p++; isdigit((unsigned char)*p); p++) {
					n = n * 10 + (*p - '0');
					if (n > MAX_PARAMS)
						return -1;
				}
				if (n > max)
					max = (int)n;
				continue;
			}
			/* $tag$ ... $tag$ (tag possibly empty) */
			const char *t = p + 1;
			while (*t && (isalnum((unsigned char)*t) || *t == '_'))
				t++;
			if (*t == '$') {
				size_t taglen = (size_t)(t - p) + 1;
				const char *end;
				for (end = t + 1; *end; end++)
					if (*end == '$' && !strncmp(end, p, taglen))
						break;
				p = *end ? end + taglen : end;
				continue;
			}
		}
		if (*p)
			p++;
	}
	return max;
}

static int free_connection(struct dbpg *db);

int dbpg_prepare(struct dbpg *db, const char *sql, int persistent, struct dbpg_stmt **out)
{
	*out = NULL;
	clear_error(db);
	int n = count_params(sql);
	if (n < 0) {
		set_error(db, DB_E_OTHER, "too many parameters (more than %d)", MAX_PARAMS);
		return -1;
	}
	struct dbpg_stmt *st = calloc(1, sizeof *st);
	if (st) {
		st->sql = strdup(sql);
		st->params = calloc((size_t)n + 1, sizeof *st->params);
		st->values = calloc((size_t)n + 1, sizeof *st->values);
	}
	if (!st || !st->sql || !st->params || !st->values) {
		if (st) {
			free(st->sql);
			free(st->params);
			free(st->values);
			free(st);
		}
		set_error(db, DB_E_NOMEM, "out of memory");
		return -1;
	}
	st->db = db;
	st->nparams = n;
	if (persistent) {
		if (free_connection(db) != 0) {
			finalize(st, 0);
			return -1;
		}
		snprintf(st->name, sizeof st->name, "cq_%lu", ++db->next_name);
		PGresult *r = PQprepare(db->conn, st->name, sql, n, NULL);
		int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
		if (!ok)
			set_result_error(db, r);
		PQclear(r);
		note_txn(db);
		if (!ok) {
			st->name[0] = '\0';
			finalize(st, 0);
			return -1;
		}
	}
	st->next = db->stmts;
	if (db->stmts)
		db->stmts->prev = st;
	db->stmts = st;
	*out = st;
	return 0;
}

static void drop_rows(struct dbpg_stmt *st)
{
	PQclear(st->row);
	st->row = NULL;
	for (size_t i = st->qhead; i < st->qlen; i++)
		PQclear(st->queue[i]);
	free(st->queue);
	st->queue = NULL;
	st->qhead = st->qlen = st->qcap = 0;
	free(st->end_msg);
	st->end_msg = NULL;
}

/* Reads what is left of the active statement's results: its rows into its
 * queue when keep, else dropped; its outcome into end_rc. The connection
 * is free afterwards. */
static void read_rest(struct dbpg_stmt *st, int keep)
{
	struct dbpg *db = st->db;
	PGresult *r;
	st->end_rc = DB_DONE;
	st->end_class = DB_E_OK;
	while ((r = PQgetResult(db->conn)) != NULL) {
		ExecStatusType s = PQresultStatus(r);
		if (s == PGRES_SINGLE_TUPLE && keep && st->end_rc == DB_DONE) {
			if (st->qlen == st->qcap) {
				size_t cap = st->qcap ? st->qcap * 2 : 64;
				PGresult **q = realloc(st->queue, cap * sizeof *q);
				if (!q) {
					PQclear(r);
					st->end_rc = DB_FAIL;
					st->end_class = DB_E_NOMEM;
					free(st->end_msg);
					st->end_msg = strdup("out of memory reading the rest of a result");
					continue;
				}
				st->queue = q;
				st->qcap = cap;
			}
			st->queue[st->qlen++] = r;
			continue;
		}
		if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK) {
			note_changes(db, r);
		} else if (s != PGRES_SINGLE_TUPLE && st->end_rc == DB_DONE) {
			char buf[1024];
			result_message(db, r, buf, sizeof buf);
			st->end_rc = DB_FAIL;
			st->end_class = class_of(db, r);
			free(st->end_msg);
			st->end_msg = one_line(buf);
		}
		PQclear(r);
	}
	db->active = NULL;
	note_txn(db);
}

/* Makes the connection free for another query: the active statement's rest
 * goes into its queue. 0, or -1 when the connection is gone. */
static int free_connection(struct dbpg *db)
{
	if (db->active) {
		struct dbpg_stmt *a = db->active;
		read_rest(a, 1);
		a->phase = PH_QUEUED;
	}
	if (PQstatus(db->conn) != CONNECTION_OK) {
		set_error(db, DB_E_IO, "connection to '%s' lost: %s", db->shown, PQerrorMessage(db->conn));
		return -1;
	}
	return 0;
}

void dbpg_reset(struct dbpg_stmt *st)
{
	if (!st)
		return;
	if (st->db->active == st)
		read_rest(st, 0);
	drop_rows(st);
	st->phase = PH_IDLE;
}

static void free_param(struct param *p)
{
	free(p->own);
	p->own = NULL;
	p->val = NULL;
}

/* Finalizes st; on_server: also drops its server-side statement. */
static void finalize(struct dbpg_stmt *st, int on_server)
{
	struct dbpg *db = st->db;
	dbpg_reset(st);
	if (on_server && st->name[0] && free_connection(db) == 0) {
		char sql[64];
		snprintf(sql, sizeof sql, "DEALLOCATE %s", st->name);
		/* Fails only in an aborted transaction, where the name stays
		 * taken until the connection closes: harmless, names are unique. */
		PGresult *r = PQexec(db->conn, sql);
		PQclear(r);
		note_txn(db);
	}
	if (st->prev)
		st->prev->next = st->next;
	else if (db->stmts == st)
		db->stmts = st->next;
	if (st->next)
		st->next->prev = st->prev;
	for (int i = 0; i < st->nparams; i++)
		free_param(&st->params[i]);
	free(st->params);
	free(st->values);
	free(st->sql);
	free(st);
}

void dbpg_finalize(struct dbpg_stmt *st)
{
	if (st)
		finalize(st, 1);
}

void dbpg_clear(struct dbpg_stmt *st)
{
	for (int i = 0; i < st->nparams; i++)
		free_param(&st->params[i]);
}

static struct param *param_at(struct dbpg_stmt *st, int i)
{
	if (i < 1 || i > st->nparams) {
		set_error(st->db, DB_E_OTHER, "parameter $%d out of range (the statement has %d)", i, st->nparams);
		return NULL;
	}
	struct param *p = &st->params[i - 1];
	free_param(p);
	return p;
}

int dbpg_bind_null(struct dbpg_stmt *st, int i)
{
	return param_at(st, i) ? 0 : -1;
}

int dbpg_bind_int64(struct dbpg_stmt *st, int i, int64_t v)
{
	struct param *p = param_at(st, i);
	if (!p)
		return -1;
	snprintf(p->num, sizeof p->num, "%" PRId64, v);
	p->val = p->num;
	return 0;
}

int dbpg_bind_double(struct dbpg_stmt *st, int i, double v)
{
	struct param *p = param_at(st, i);
	if (!p)
		return -1;
	/* float8's own spellings of the values %g writes otherwise; 17
	 * digits give back the same double. */
	if (v != v)
		snprintf(p->num, sizeof p->num, "NaN");
	else if (v > 1.7976931348623157e308)
		snprintf(p->num, sizeof p->num, "Infinity");
	else if (v < -1.7976931348623157e308)
		snprintf(p->num, sizeof p->num, "-Infinity");
	else
		snprintf(p->num, sizeof p->num, "%.17g", v);
	p->val = p->num;
	return 0;
}

int dbpg_bind_text(struct dbpg_stmt *st, int i, const char *text, ptrdiff_t len)
{
	struct param *p = param_at(st, i);
	if (!p)
		return -1;
	size_t n = len < 0 ? strlen(text) : (size_t)len;
	p->own = malloc(n + 1);
	if (!p->own) {
		set_error(st->db, DB_E_NOMEM, "out of memory");
		return -1;
	}
	memcpy(p->own, text, n);
	p->own[n] = '\0';
	p->val = p->own;
	return 0;
}

int dbpg_bind_text_static(struct dbpg_stmt *st, int i, const char *text, ptrdiff_t len)
{
	/* libpq reads text parameters up to their NUL: only a whole string
	 * can be sent as it is. */
	if (len >= 0)
		return dbpg_bind_text(st, i, text, len);
	struct param *p = param_at(st, i);
	if (!p)
		return -1;
	p->val = text;
	return 0;
}

int dbpg_bind_text_or_null(struct dbpg_stmt *st, int i, const char *text)
{
	return text ? dbpg_bind_text(st, i, text, -1) : dbpg_bind_null(st, i);
}

/* Sends st with its parameters, in single-row mode. 0 or -1. */
static int send_stmt(struct dbpg_stmt *st)
{
	struct dbpg *db = st->db;
	if (free_connection(db) != 0)
		return -1;
	for (int i = 0; i < st->nparams; i++)
		st->values[i] = st->params[i].val;
	int ok = st->name[0]
		? PQsendQueryPrepared(db->conn, st->name, st->nparams, st->values, NULL, NULL, 0)
		: PQsendQueryParams(db->conn, st->sql, st->nparams, NULL, st->values, NULL, NULL, 0);
	if (!ok) {
		set_error(db, PQstatus(db->conn) == CONNECTION_OK ? DB_E_OTHER : DB_E_IO, "%s",
			  PQerrorMessage(db->conn));
		return -1;
	}
	db->active = st;
	st->phase = PH_STREAM;
	/* Fails only when called at the wrong time, which is right after
	 * sending: never, but a result read whole would be misread as rows. */
	if (!PQsetSingleRowMode(db->conn)) {
		read_rest(st, 0);
		set_error(db, DB_E_OTHER, "cannot read rows one at a time: %s", PQerrorMessage(db->conn));
		return -1;
	}
	return 0;
}

int dbpg_step(struct dbpg_stmt *st)
{
	struct dbpg *db = st->db;
	clear_error(db);
	PQclear(st->row);
	st->row = NULL;
	if (st->phase == PH_DONE)
		dbpg_reset(st); /* as sqlite3_step after SQLITE_DONE: run again */
	if (st->phase == PH_IDLE && send_stmt(st) != 0) {
		st->phase = PH_DONE;
		return DB_FAIL;
	}
	if (st->phase == PH_QUEUED) {
		if (st->qhead < st->qlen) {
			st->row = st->queue[st->qhead];
			st->queue[st->qhead++] = NULL;
			return DB_ROW;
		}
		st->phase = PH_DONE;
		if (st->end_rc == DB_FAIL)
			set_error(db, st->end_class, "%s", st->end_msg ? st->end_msg : "unknown error");
		return st->end_rc;
	}
	/* PH_STREAM: the next result from the connection. */
	PGresult *r = PQgetResult(db->conn);
	ExecStatusType s = PQresultStatus(r);
	if (r && s == PGRES_SINGLE_TUPLE) {
		st->row = r;
		return DB_ROW;
	}
	int rc = DB_DONE;
	if (!r) {
		/* No final status: the connection broke. */
		if (PQstatus(db->conn) != CONNECTION_OK) {
			set_error(db, DB_E_IO, "connection to '%s' lost: %s", db->shown, PQerrorMessage(db->conn));
			rc = DB_FAIL;
		}
	} else if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK) {
		note_changes(db, r);
	} else {
		set_result_error(db, r);
		rc = DB_FAIL;
	}
	PQclear(r);
	/* The results after the last one (none for one statement). */
	while ((r = PQgetResult(db->conn)) != NULL)
		PQclear(r);
	db->active = NULL;
	note_txn(db);
	st->phase = PH_DONE;
	return rc;
}

int dbpg_exec(struct dbpg *db, const char *sql)
{
	clear_error(db);
	if (free_connection(db) != 0)
		return -1;
	/* The simple protocol: several statements in one string, run as one
	 * implicit transaction when no transaction is open. */
	PGresult *r = PQexec(db->conn, sql);
	ExecStatusType s = PQresultStatus(r);
	int rc = 0;
	if (r && (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_EMPTY_QUERY)) {
		note_changes(db, r);
	} else {
		set_result_error(db, r);
		rc = -1;
	}
	PQclear(r);
	note_txn(db);
	return rc;
}

/* ---- columns ---- */

static int has_col(struct dbpg_stmt *st, int col)
{
	return st->row && col >= 0 && col < PQnfields(st->row);
}

int dbpg_column_count(struct dbpg_stmt *st)
{
	return st->row ? PQnfields(st->row) : 0;
}

int dbpg_column_is_null(struct dbpg_stmt *st, int col)
{
	return !has_col(st, col) || PQgetisnull(st->row, 0, col);
}

const char *dbpg_column_text(struct dbpg_stmt *st, int col)
{
	if (dbpg_column_is_null(st, col))
		return NULL;
	return PQgetvalue(st->row, 0, col);
}

size_t dbpg_column_bytes(struct dbpg_stmt *st, int col)
{
	if (dbpg_column_is_null(st, col))
		return 0;
	return (size_t)PQgetlength(st->row, 0, col);
}

int64_t dbpg_column_int64(struct dbpg_stmt *st, int col)
{
	const char *s = dbpg_column_text(st, col);
	if (!s)
		return 0;
	/* booleans come as t and f */
	if (!strcmp(s, "t"))
		return 1;
	if (!strcmp(s, "f"))
		return 0;
	errno = 0;
	char *end;
	long long v = strtoll(s, &end, 10);
	/* A float or numeric column read as an integer: truncated, as SQLite
	 * does, from its double value. */
	if (*end == '.' || *end == 'e' || *end == 'E') {
		double d = strtod(s, NULL);
		if (d >= 9223372036854775807.0)
			return INT64_MAX;
		if (d <= -9223372036854775808.0)
			return INT64_MIN;
		return (int64_t)d;
	}
	return (int64_t)v;
}

double dbpg_column_double(struct dbpg_stmt *st, int col)
{
	const char *s = dbpg_column_text(st, col);
	return s ? strtod(s, NULL) : 0.0;
}
