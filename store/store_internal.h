/* Shared between the store's source files only: the store's state and the
 * helpers that prepare and run statements. */
#ifndef COMMUNIQUE_STORE_INTERNAL_H
#define COMMUNIQUE_STORE_INTERNAL_H
#include <sqlite3.h>
#include <stdint.h>

#include "store/store.h"

/* The statements prepared once per store, by index. */
enum stmt_id {
	ST_AGENCY_GET, ST_AGENCY_ADD,
	ST_BY_HASH, ST_BY_URL, ST_BY_GUID, ST_BY_IDENTITY,
	ST_REPORT_ADD, ST_REPORT_UPDATE,
	ST_REPORT_EVENTS, ST_UNLINK_REPORT, ST_EVENT_ORPHAN_DEL,
	ST_EVENT_FIND, ST_EVENT_ADD, ST_EVENT_TOUCH, ST_EVENT_REDATE,
	ST_ACTOR_GET, ST_ACTOR_ADD, ST_EVENT_ACTOR_ADD,
	ST_TOPIC_GET, ST_TOPIC_ADD, ST_EVENT_TOPIC_ADD,
	ST_EVENT_REPORT_ADD,
	ST_COUNT
};

struct store {
	sqlite3 *db;
	char *path;
	int readonly;
	sqlite3_stmt *st[ST_COUNT];
	int64_t now;        /* the time stamped on what this session writes */
};

/* Sets *err to "<what>: <sqlite's message>" and returns -1. */
int store_fail(struct store *s, char **err, const char *what);
/* Returns the prepared statement `id`, reset and with bindings cleared, or
 * NULL with *err set. */
sqlite3_stmt *store_stmt(struct store *s, enum stmt_id id, char **err);
/* Runs SQL with no result rows. */
int store_exec(struct store *s, const char *sql, char **err);
/* Binds a string or NULL. */
int bind_text(sqlite3_stmt *st, int i, const char *s);

#endif
