/* The archive's writer lock, and how the CLI names an archive.
 *
 * Every writer of an archive (update, ingest, reextract, event corrections)
 * takes the writer lock first, so that imports and updates never interleave.
 * On an SQLite file it is an flock on "<archive>.lock" beside the file; on
 * PostgreSQL a session advisory lock (pg_try_advisory_lock) on a key derived
 * from the archive's application id, held by a connection of its own until
 * released or the process dies (the server drops a dead session's locks).
 *
 * Conventions as in store.h: failing functions return -1 with *err set to a
 * malloc'd message; nothing here prints.
 */
#ifndef COMMUNIQUE_STORE_LOCK_H
#define COMMUNIQUE_STORE_LOCK_H

struct store_lock;

/* The advisory lock's key on PostgreSQL: the application id of
 * communique_schema (0x436d6e71, "Cmnq"), so that every communique writer of
 * one database takes the same lock and nothing else's. */
#define STORE_LOCK_PG_KEY 0x436d6e71LL

/* 1 when target names a server's database (a postgresql:// or postgres://
 * URI), 0 when it is an SQLite file: no path, no companion files. */
int store_target_is_server(const char *target);

/* target as messages show it: a URI without its password (replaced by
 * "***"), a path as it is. malloc'd; NULL when out of memory. */
char *store_target_shown(const char *target);

/* msg with every occurrence of target replaced by store_target_shown's
 * form (a message of a layer that named the URI whole). malloc'd; NULL
 * when out of memory or msg is NULL. */
char *store_message_shown(const char *msg, const char *target);

/* Takes the writer lock of archive target, waiting up to wait_s seconds.
 * Returns 0 with *out set, 1 when another process held it all that time
 * (*out NULL), or -1 with *err set. */
int store_lock_take(const char *target, long wait_s, struct store_lock **out, char **err);
/* Releases the lock (closing its file or its connection). NULL is a no-op. */
void store_lock_release(struct store_lock *l);

#endif
