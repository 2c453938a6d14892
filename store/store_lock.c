/* The archive's writer lock (store_lock.h): an flock beside an SQLite file,
 * a session advisory lock on PostgreSQL. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "store/db.h"
#include "store/db_pg.h"
#include "store/store_lock.h"
#include "util/buf.h"

struct store_lock {
	int fd;              /* SQLite: the lock file, flocked; -1 on PostgreSQL */
	struct db *pg;       /* PostgreSQL: the connection holding the advisory lock */
};

int store_target_is_server(const char *target)
{
	return db_target_is_pg(target);
}

char *store_target_shown(const char *target)
{
	return db_target_is_pg(target) ? dbpg_redact(target) : strdup(target);
}

char *store_message_shown(const char *msg, const char *target)
{
	if (!msg)
		return NULL;
	if (!*msg)
		return strdup("");
	char *shown = store_target_shown(target);
	if (!shown)
		return NULL;
	size_t n = strlen(target);
	struct buf b;
	buf_init(&b, 0);
	for (const char *p = msg; *p;) {
		const char *at = n ? strstr(p, target) : NULL;
		if (!at) {
			buf_addstr(&b, p);
			break;
		}
		buf_add(&b, p, (size_t)(at - p));
		buf_addstr(&b, shown);
		p = at + n;
	}
	free(shown);
	return buf_finish(&b);
}

static void pause_a_little(void)
{
	struct timespec pause = {.tv_sec = 0, .tv_nsec = 100000000L};
	nanosleep(&pause, NULL);
}

static int waited_enough(const struct timespec *start, long wait_s)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec - start->tv_sec >= wait_s;
}

static int set_err(char **err, struct buf *b)
{
	*err = buf_finish(b);
	return -1;
}

/* SQLite: flock on "<target>.lock", created beside the archive. */
static int lock_file(const char *target, long wait_s, struct store_lock *l, char **err)
{
	struct buf path, msg;
	buf_init(&path, 0);
	buf_init(&msg, 0);
	buf_printf(&path, "%s.lock", target);
	if (buf_failed(&path)) {
		buf_release(&path);
		buf_printf(&msg, "cannot name the lock file of '%s': out of memory", target);
		return set_err(err, &msg);
	}
	l->fd = open(buf_str(&path), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (l->fd < 0) {
		buf_printf(&msg, "cannot open the lock file '%s': %s", buf_str(&path), strerror(errno));
		buf_release(&path);
		return set_err(err, &msg);
	}
	buf_release(&path);
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		if (flock(l->fd, LOCK_EX | LOCK_NB) == 0)
			return 0;
		if (errno != EWOULDBLOCK && errno != EINTR) {
			buf_printf(&msg, "cannot lock '%s.lock': %s", target, strerror(errno));
			return set_err(err, &msg);
		}
		if (waited_enough(&start, wait_s))
			return 1;
		pause_a_little();
	}
}

/* PostgreSQL: a session advisory lock, on a connection of its own so that
 * the store's transactions (and their rollbacks) never touch it. */
static int lock_server(const char *target, long wait_s, struct store_lock *l, char **err)
{
	if (db_open(target, 0, &l->pg, err))
		return -1;
	struct db_stmt *st = NULL;
	struct buf msg;
	buf_init(&msg, 0);
	if (db_prepare(l->pg, "SELECT CASE WHEN pg_try_advisory_lock(CAST($1 AS bigint)) THEN 1 ELSE 0 END",
			 1, &st) ||
	    db_bind_int64(st, 1, STORE_LOCK_PG_KEY)) {
		buf_printf(&msg, "cannot take the writer lock: %s", db_errmsg(l->pg));
		db_finalize(st);
		return set_err(err, &msg);
	}
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		int rc = db_step(st);
		int got = rc == DB_ROW && db_column_int64(st, 0) == 1;
		if (rc != DB_ROW) {
			buf_printf(&msg, "cannot take the writer lock: %s", db_errmsg(l->pg));
			db_finalize(st);
			return set_err(err, &msg);
		}
		db_reset(st);
		if (got) {
			db_finalize(st);
			return 0;
		}
		if (waited_enough(&start, wait_s)) {
			db_finalize(st);
			return 1;
		}
		pause_a_little();
	}
}

int store_lock_take(const char *target, long wait_s, struct store_lock **out, char **err)
{
	*out = NULL;
	*err = NULL;
	struct store_lock *l = calloc(1, sizeof(*l));
	if (!l) {
		*err = strdup("out of memory");
		return -1;
	}
	l->fd = -1;
	int rc = db_target_is_pg(target) ? lock_server(target, wait_s, l, err) : lock_file(target, wait_s, l, err);
	if (rc) {
		store_lock_release(l);
		return rc;
	}
	*out = l;
	return 0;
}

void store_lock_release(struct store_lock *l)
{
	if (!l)
		return;
	if (l->fd >= 0)
		close(l->fd);
	/* Closing the session releases its advisory locks. */
	if (l->pg)
		db_close(l->pg);
	free(l);
}
