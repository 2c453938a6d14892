/* Fetching a feed over HTTP(S) with libcurl, the way an unattended job
 * should: conditional requests (ETag / Last-Modified), bounded time and
 * size, a few retries with backoff for transient failures, redirects within
 * reason (at most 5, http and https only), and a User-Agent that names us.
 *
 * The module never prints; every failure comes back as a malloc'd,
 * lower-case message naming the URL.
 */
#ifndef COMMUNIQUE_FETCH_H
#define COMMUNIQUE_FETCH_H
#include <stddef.h>
#include <stdio.h>

#include "util/buf.h"

struct fetch_options {
	long connect_timeout_ms;   /* 0 = 10 s */
	long timeout_ms;           /* the whole transfer, per attempt; 0 = 60 s */
	int attempts;              /* tries in all for transient failures; 0 = 3 */
	long backoff_ms;           /* wait before the second try, doubled each time; 0 = 1 s */
	size_t max_bytes;          /* the largest body accepted; 0 = 32 MiB */
	const char *user_agent;    /* NULL = "communique" */
	/* Validators of the last complete read, sent as If-None-Match and
	 * If-Modified-Since; NULL when unknown. */
	const char *etag;
	const char *last_modified;
	/* When set, the body is written to this file (emptied at each try)
	 * instead of held in memory, so a large feed costs no memory to fetch;
	 * fetch_result.body then stays empty and body_len says how much came. */
	FILE *body_file;
};

struct fetch_result {
	long status;               /* HTTP status of the final response: 200 or 304 */
	struct buf body;           /* the body (empty for 304 or a body_file); ceiling max_bytes */
	size_t body_len;           /* bytes of the body, wherever it went */
	char *etag;                /* validators of this response, malloc'd or NULL */
	char *last_modified;
	char *final_url;           /* after redirects, malloc'd */
	int attempts;              /* how many tries it took */
};

/* Must be called once before any fetch, before threads start (wraps
 * curl_global_init). Returns 0 or -1. fetch_cleanup() undoes it. */
int fetch_init(void);
void fetch_cleanup(void);

/* Fetches url (http:// or https:// only). Returns 0 with out->status 200
 * (body filled) or 304 (not modified since the validators), or -1 with *err:
 * a refused scheme, a timeout, an HTTP error status, a body over the limit,
 * a reply that is not HTTP. Timeouts, refused connections, 5xx, 408 and 429
 * are tried again after a growing pause; other failures are final at once.
 * out is always initialised: release it with fetch_result_release(). */
int fetch_url(const char *url, const struct fetch_options *o, struct fetch_result *out,
	      char **err);
void fetch_result_release(struct fetch_result *r);

#endif
