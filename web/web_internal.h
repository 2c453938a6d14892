/* What the server's files share: the request, the reply, the query
 * parameters, and the handlers of the API (api_read.c, api_write.c). */
#ifndef COMMUNIQUE_WEB_INTERNAL_H
#define COMMUNIQUE_WEB_INTERNAL_H
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "cli/filter.h"
#include "store/store.h"
#include "web/web.h"

/* Bounds of what a request may carry: beyond them it is refused (4xx). */
#define WEB_MAX_BODY (64 * 1024)        /* a curation is a few hundred bytes */
#define WEB_MAX_QUERY 4096              /* bytes of all parameters together */
#define WEB_MAX_PARAMS 64
#define WEB_PAGE_MAX 500                /* events or reports in one page */
#define WEB_EXPORT_MAX 100000           /* events in one export from the page */

struct web_param {
	const char *key, *value;            /* MHD's decoded copies, valid during the request */
};

struct web_params {
	struct web_param v[WEB_MAX_PARAMS];
	size_t n;
	size_t bytes;
	int overflow;                       /* too many or too long */
	int bad_utf8;
};

/* The first value of key, or NULL; and every value of key (up to max). */
const char *param_get(const struct web_params *p, const char *key);
size_t param_all(const struct web_params *p, const char *key, const char **out, size_t max);

struct web_reply {
	int status;
	char *body;                         /* malloc'd */
	size_t len;
	const char *type;                   /* Content-Type */
	char *disposition;                  /* Content-Disposition, malloc'd, or NULL */
	char *cookie;                       /* Set-Cookie, malloc'd, or NULL */
	const char *location;               /* a redirect's target */
	int cache;                          /* 1: may be cached (the assets) */
	int cached;                         /* the server's cache of answers: 0 not asked, 1 missed, 2 gave it,
					     * 3 missed, and the answer of the same request read meanwhile */
};

struct web_server;

/* One request as the handlers see it. */
struct web_req {
	struct web_server *srv;
	const struct web_config *cfg;
	const char *method;                 /* "GET", "POST" */
	const char *path;                   /* without the query */
	const struct web_params *params;
	const char *body;                   /* NUL-terminated; NULL for GET */
	size_t body_len;
	int can_write;                      /* carries the token */
};

/* Replies: JSON (steals o; NULL means out of memory: 500) and errors. */
void reply_json(struct web_reply *r, int status, json_t *o);
/* A body already written as JSON (malloc'd, taken; NULL: out of memory). */
void reply_json_text(struct web_reply *r, int status, char *text);
void reply_error(struct web_reply *r, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The message of a store failure (frees err). */
void reply_store_error(struct web_reply *r, char *err);

/* A reading connection to the archive from the server's pool, and back. */
struct store *web_store_get(struct web_server *srv, char **err);
void web_store_put(struct web_server *srv, struct store *s, int ok);
/* A writing connection, holding the archive's writer lock as the CLI's
 * writers do: 0, or the status of the reply already made in r (503 when
 * another writer holds the lock). web_write_end closes both. */
struct store_lock;
int web_write_begin(struct web_server *srv, struct store **s, struct store_lock **lock, struct web_reply *r);
void web_write_end(struct web_server *srv, struct store *s, struct store_lock *lock);

/* The filters of the timeline from the query parameters (the same names
 * and meanings as the options of `communique events`). Fills f and q;
 * returns 0, or 400 with a message in r. The strings point into p and
 * into keep, which the caller releases with filter_keep_release. */
struct filter_keep {
	const char *actors[16];
	const char *between[2];
	const char *types[16];
	struct filter_parsed parsed;
};
int web_filter_parse(struct store *s, const struct web_params *p, struct event_filter *f, struct tl_query *q,
		     struct filter_keep *keep, struct web_reply *r);
void filter_keep_release(struct filter_keep *keep);

/* The cache of answers (cache.c): the 200 answers of GETs that only read
 * the archive, each kept with the archive's state it was read from (told by
 * SQLite's data_version, which any commit of any process changes) and given
 * again only in that state. web_cache_open with max_bytes 0 gives no cache
 * (*out NULL), which the other functions take as always missing. */
struct web_cache;
int web_cache_open(const char *db_path, size_t max_bytes, struct web_cache **out, char **err);
void web_cache_close(struct web_cache *c);
/* 1 with a copy of the answer for key in *body (malloc'd), or 0; *gen is
 * the archive's state to give web_cache_put for the answer read next. */
int web_cache_get(struct web_cache *c, const char *key, size_t klen, char **body, size_t *len, uint64_t *gen);
/* Keeps the answer, unless the archive changed since the lookup of gen. */
void web_cache_put(struct web_cache *c, const char *key, size_t klen, uint64_t gen, const char *body, size_t len);
void web_cache_stats(struct web_cache *c, unsigned long *hits, unsigned long *misses);

/* "e12", "12" -> 12; 0 when not an id. */
int64_t web_parse_id(const char *s, char prefix);

/* The handlers: GET ones in api_read.c, POST ones in api_write.c. Each
 * fills r; a path it does not know gives 404. */
void api_get(struct web_req *q, struct web_reply *r);
void api_post(struct web_req *q, struct web_reply *r);

/* Assets compiled into the binary (generated by web/embed.cmake). */
struct web_asset {
	const char *name;                   /* "app.js"; NULL ends the table */
	const char *data;
	size_t len;
};
extern const struct web_asset web_assets[];

#endif
