/* The server's cache of answers (web_internal.h): an answer is kept with
 * the state of the archive it was read from, and given again only while
 * the archive is in that state.
 *
 * The state is told by SQLite's PRAGMA data_version on a connection of the
 * cache's own that never writes: its value changes whenever any other
 * connection, of this process or another (an import, an update, the
 * command line's curations, the server's own writes), has committed. Every
 * lookup asks it first, and a change empties the cache. An answer read
 * while a commit happened (the value changed between the lookup and the
 * store) is not kept, so every kept answer was read from the state it is
 * kept for. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pthread.h>
#include <sqlite3.h>

#include "web/web_internal.h"

#define BUCKETS 4096

struct entry {
	struct entry *next;                 /* in its bucket */
	struct entry *older, *newer;        /* in the order of storing */
	uint64_t hash;
	char *key;
	size_t klen;
	char *body;
	size_t len;
};

struct web_cache {
	pthread_mutex_t mu;
	sqlite3 *db;                        /* the watcher, which never writes */
	sqlite3_stmt *version;
	int64_t data_version;               /* -1: unknown (nothing is kept) */
	uint64_t gen;                       /* bumped at each change of data_version */
	struct entry *bucket[BUCKETS];
	struct entry *oldest, *newest;
	size_t bytes, max_bytes;
	unsigned long hits, misses;
};

static uint64_t hash_of(const char *k, size_t n)
{
	uint64_t h = 1469598103934665603ull;   /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)k[i]) * 1099511628211ull;
	return h;
}

static void drop(struct web_cache *c, struct entry *e)
{
	struct entry **p = &c->bucket[e->hash % BUCKETS];
	while (*p != e)
		p = &(*p)->next;
	*p = e->next;
	if (e->older)
		e->older->newer = e->newer;
	else
		c->oldest = e->newer;
	if (e->newer)
		e->newer->older = e->older;
	else
		c->newest = e->older;
	c->bytes -= e->len + e->klen;
	free(e->key);
	free(e->body);
	free(e);
}

static void clear(struct web_cache *c)
{
	while (c->oldest)
		drop(c, c->oldest);
}

/* Asks the archive whether it changed; on a change, or when it cannot
 * tell (the archive busy: the question is not waited for, this runs on the
 * connections' thread), the kept answers go. Under c->mu. */
static void check(struct web_cache *c)
{
	int64_t v = -1;
	if (sqlite3_step(c->version) == SQLITE_ROW)
		v = sqlite3_column_int64(c->version, 0);
	/* Reset at once: no read transaction stays open between requests. */
	if (sqlite3_reset(c->version) != SQLITE_OK)
		v = -1;
	if (v < 0 || v != c->data_version) {
		c->data_version = v;
		c->gen++;
		clear(c);
	}
}

int web_cache_open(const char *db_path, size_t max_bytes, struct web_cache **out, char **err)
{
	*out = NULL;
	if (!max_bytes)
		return 0;
	struct web_cache *c = calloc(1, sizeof(*c));
	sqlite3_str *u = c ? sqlite3_str_new(NULL) : NULL;
	if (!u) {
		free(c);
		*err = strdup("out of memory");
		return -1;
	}
	/* The path as a URI (read only): its ?, # and % are not the URI's. */
	sqlite3_str_appendall(u, db_path[0] == '/' ? "file://" : "file:");
	for (const char *p = db_path; *p; p++) {
		if (strchr("?#%", *p) || (unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
			sqlite3_str_appendf(u, "%%%02X", (unsigned char)*p);
		else
			sqlite3_str_appendchar(u, 1, *p);
	}
	sqlite3_str_appendall(u, "?mode=ro");
	char *uri = sqlite3_str_finish(u);
	int rc = uri ? sqlite3_open_v2(uri, &c->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL)
		     : SQLITE_NOMEM;
	sqlite3_free(uri);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(c->db, "PRAGMA data_version", -1, &c->version, NULL);
	if (rc != SQLITE_OK) {
		const char *m = c->db ? sqlite3_errmsg(c->db) : "out of memory";
		size_t n = strlen(m) + strlen(db_path) + 64;
		if ((*err = malloc(n)))
			snprintf(*err, n, "cannot watch archive '%s' for changes: %s", db_path, m);
		sqlite3_finalize(c->version);
		sqlite3_close(c->db);
		free(c);
		return -1;
	}
	c->max_bytes = max_bytes;
	c->data_version = -1;
	check(c);
	if (c->data_version < 0) {
		size_t n = strlen(db_path) + 96;
		if ((*err = malloc(n)))
			snprintf(*err, n, "cannot watch archive '%s' for changes: %s", db_path, sqlite3_errmsg(c->db));
		sqlite3_finalize(c->version);
		sqlite3_close(c->db);
		free(c);
		return -1;
	}
	pthread_mutex_init(&c->mu, NULL);
	*out = c;
	return 0;
}

void web_cache_close(struct web_cache *c)
{
	if (!c)
		return;
	clear(c);
	sqlite3_finalize(c->version);
	sqlite3_close(c->db);
	pthread_mutex_destroy(&c->mu);
	free(c);
}

int web_cache_get(struct web_cache *c, const char *key, size_t klen, char **body, size_t *len, uint64_t *gen)
{
	*body = NULL;
	*len = 0;
	*gen = 0;
	if (!c)
		return 0;
	uint64_t h = hash_of(key, klen);
	int found = 0;
	pthread_mutex_lock(&c->mu);
	check(c);
	*gen = c->gen;
	if (c->data_version >= 0) {
		for (struct entry *e = c->bucket[h % BUCKETS]; e; e = e->next) {
			if (e->hash != h || e->klen != klen || memcmp(e->key, key, klen))
				continue;
			if ((*body = malloc(e->len + 1))) {
				memcpy(*body, e->body, e->len);
				(*body)[e->len] = 0;
				*len = e->len;
				found = 1;
			}
			break;
		}
		if (found)
			c->hits++;
		else
			c->misses++;
	}
	pthread_mutex_unlock(&c->mu);
	return found;
}

void web_cache_put(struct web_cache *c, const char *key, size_t klen, uint64_t gen, const char *body, size_t len)
{
	if (!c || len + klen > c->max_bytes / 8)
		return;
	uint64_t h = hash_of(key, klen);
	pthread_mutex_lock(&c->mu);
	/* Kept only if no commit came since the lookup: the answer was read
	 * from the state of generation gen. */
	check(c);
	if (c->data_version < 0 || c->gen != gen)
		goto out;
	for (struct entry *e = c->bucket[h % BUCKETS]; e; e = e->next)
		if (e->hash == h && e->klen == klen && !memcmp(e->key, key, klen))
			goto out;   /* another worker's, of the same state */
	struct entry *e = calloc(1, sizeof(*e));
	if (!e || !(e->key = malloc(klen)) || !(e->body = malloc(len))) {
		if (e)
			free(e->key);
		free(e);
		goto out;
	}
	memcpy(e->key, key, klen);
	memcpy(e->body, body, len);
	e->klen = klen;
	e->len = len;
	e->hash = h;
	while (c->oldest && c->bytes + len + klen > c->max_bytes)
		drop(c, c->oldest);
	e->next = c->bucket[h % BUCKETS];
	c->bucket[h % BUCKETS] = e;
	e->older = c->newest;
	if (c->newest)
		c->newest->newer = e;
	else
		c->oldest = e;
	c->newest = e;
	c->bytes += len + klen;
out:
	pthread_mutex_unlock(&c->mu);
}

void web_cache_stats(struct web_cache *c, unsigned long *hits, unsigned long *misses)
{
	*hits = *misses = 0;
	if (!c)
		return;
	pthread_mutex_lock(&c->mu);
	*hits = c->hits;
	*misses = c->misses;
	pthread_mutex_unlock(&c->mu);
}
