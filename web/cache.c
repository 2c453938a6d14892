/* The server's cache of answers (web_internal.h): an answer is kept with
 * the state of the archive it was read from, and given again only while
 * the archive is in that state.
 *
 * The state is told by store_data_version (SQLite's PRAGMA data_version) on
 * a connection of the cache's own that never writes: its value changes
 * whenever any other
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

#include "store/store.h"
#include "store/store_lock.h"

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
	struct store *watcher;              /* a connection that never writes */
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
	char *err = NULL;
	if (store_data_version(c->watcher, &v, &err))
		v = -1;
	free(err);
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
	if (!c) {
		*err = strdup("out of memory");
		return -1;
	}
	char *why = NULL;
	int rc = store_open(db_path, STORE_READONLY, &c->watcher, &why);
	int64_t v = -1;
	if (!rc)
		rc = store_data_version(c->watcher, &v, &why);
	if (rc) {
		/* 1: the backend cannot tell its state (PostgreSQL); no cache. */
		const char *m = rc == 1 ? "the archive's backend cannot tell when it changed" : why ? why : "out of memory";
		char *shown = store_target_shown(db_path);
		const char *name = shown ? shown : "the archive";
		size_t n = strlen(m) + strlen(name) + 64;
		if ((*err = malloc(n)))
			snprintf(*err, n, "cannot watch archive '%s' for changes: %s", name, m);
		free(shown);
		free(why);
		store_close(c->watcher);
		free(c);
		return -1;
	}
	c->max_bytes = max_bytes;
	c->data_version = v;
	pthread_mutex_init(&c->mu, NULL);
	*out = c;
	return 0;
}

void web_cache_close(struct web_cache *c)
{
	if (!c)
		return;
	clear(c);
	store_close(c->watcher);
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
