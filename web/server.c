/* The HTTP side of communique serve: libmicrohttpd (Debian's
 * libmicrohttpd-dev, a small, long-kept C server library) accepts the
 * connections; this file checks every request (host, size, token, origin,
 * content type), serves the page's assets and hands /api/ to the
 * handlers. Every reply carries a strict Content-Security-Policy. */
#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>
#include <utf8proc.h>

#include "export/export_internal.h"
#include "store/store_lock.h"
#include "util/buf.h"
#include "web/web_internal.h"

#define POOL_MAX 32
#define WORKERS_MAX 64

/* A request whose answer needs the archive: its connection is suspended
 * while a worker answers it, then resumed to send the reply. */
struct job {
	struct job *next;
	struct MHD_Connection *c;
	struct web_params params;
	struct web_req q;                   /* q.params points at params */
	struct web_reply r;
	int post;
	_Atomic int done;
	char *key;                          /* its key in the cache, or NULL */
	size_t klen;
	uint64_t gen;                       /* the archive's state at the lookup */
	/* The same request in the same state, asked while this one waited or
	 * was read: given this one's answer (see dispatch). */
	struct job *followers, *next_follower;
	struct job *next_pending;           /* in the server's list of answers being read */
	int shared;                         /* 1: a follower */
};

struct web_server {
	const struct web_config *cfg;
	pthread_mutex_t mu;                 /* guards idle */
	struct store *idle[POOL_MAX];
	int n_idle;
	pthread_mutex_t write_mu;           /* one writer of this process at a time */
	char hosts[4][96];                  /* the Host values this server answers to */
	_Atomic int n_hosts;                /* set once the port is known */
	int any_host;                       /* --allow-remote on a non-loopback address */
	/* Requests that read or write the archive wait here, answered in the
	 * order they arrived by `threads` workers (see web_serve). */
	pthread_mutex_t qmu;
	pthread_cond_t qcv;
	struct job *head, *tail;
	int stopping;                       /* no more jobs; workers end when the queue is empty */
	pthread_t workers[WORKERS_MAX];
	int n_workers;
	_Atomic int in_flight;              /* handed to a worker, reply not yet sent */
	struct job *pending;                /* cacheable requests queued or being read (under qmu) */
	struct web_cache *cache;            /* NULL: none */
};

/* ---- replies -------------------------------------------------------------------- */

/* The JSON of o in a buffer of its own (malloc'd), or NULL. json_dumps
 * grows a buffer by doubling and then copies it whole; a page of events is
 * 60-80 KB: it is written straight into a buffer the size of the largest
 * answer this thread has made (up to 1 MiB), and only a larger one is
 * written twice. */
static char *dump_json(json_t *o)
{
	static _Thread_local size_t hint = 16384;
	const size_t flags = JSON_COMPACT | JSON_REAL_PRECISION(10);
	size_t cap = hint;
	for (int pass = 0; pass < 2; pass++) {
		char *b = malloc(cap + 1);
		if (!b)
			return NULL;
		size_t n = json_dumpb(o, b, cap, flags);
		if (n && n <= cap) {
			b[n] = 0;
			return b;
		}
		free(b);
		if (!n)
			return NULL;
		cap = n;
		if (n <= 1024 * 1024)
			hint = n + n / 4;
	}
	return NULL;
}

void reply_json(struct web_reply *r, int status, json_t *o)
{
	char *s = o ? dump_json(o) : NULL;
	json_decref(o);
	free(r->body);
	r->body = NULL;
	if (!s) {
		static const char oom[] = "{\"error\":\"out of memory\"}";
		r->status = 500;
		r->body = strdup(oom);
		r->len = r->body ? strlen(r->body) : 0;
	} else {
		r->status = status;
		r->body = s;
		r->len = strlen(s);
	}
	r->type = "application/json; charset=utf-8";
}

void reply_json_text(struct web_reply *r, int status, char *text)
{
	free(r->body);
	r->body = NULL;
	if (!text) {
		reply_json(r, 500, json_pack("{s:s}", "error", "out of memory"));
		return;
	}
	r->status = status;
	r->body = text;
	r->len = strlen(text);
	r->type = "application/json; charset=utf-8";
}

void reply_error(struct web_reply *r, int status, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* The message may quote the request: jansson escapes it, and a cut
	 * UTF-8 sequence is replaced rather than refused. */
	json_t *s = json_string(msg);
	if (!s) {
		for (char *c = msg; *c; c++)
			if ((unsigned char)*c >= 0x80)
				*c = '?';
		s = json_string(msg);
	}
	reply_json(r, status, json_pack("{s:o*, s:i}", "error", s, "status", status));
}

void reply_store_error(struct web_reply *r, char *err)
{
	reply_error(r, 500, "archive: %s", err ? err : "out of memory");
	free(err);
}

/* ---- the archive's connections ------------------------------------------------- */

struct store *web_store_get(struct web_server *srv, char **err)
{
	struct store *s = NULL;
	pthread_mutex_lock(&srv->mu);
	if (srv->n_idle)
		s = srv->idle[--srv->n_idle];
	pthread_mutex_unlock(&srv->mu);
	if (s)
		return s;
	/* Readers open read-only: in WAL mode they read the last committed
	 * state while update or ingest write. */
	if (store_open(srv->cfg->db_path, STORE_READONLY, &s, err))
		return NULL;
	if (store_reader_tune(s, (int64_t)1 << 30, 8192, err)) {
		store_close(s);
		return NULL;
	}
	return s;
}

void web_store_put(struct web_server *srv, struct store *s, int ok)
{
	if (!s)
		return;
	pthread_mutex_lock(&srv->mu);
	if (ok && srv->n_idle < POOL_MAX && !store_broken(s)) {
		srv->idle[srv->n_idle++] = s;
		s = NULL;
	}
	pthread_mutex_unlock(&srv->mu);
	if (s)
		store_close(s);
}

int web_write_begin(struct web_server *srv, struct store **s, struct store_lock **lock, struct web_reply *r)
{
	*s = NULL;
	pthread_mutex_lock(&srv->write_mu);
	char *err = NULL;
	/* No wait: the browser is told at once that an update is running. The
	 * lock is the CLI writers' own (a file beside an SQLite archive, an
	 * advisory lock on PostgreSQL). */
	int held = store_lock_take(srv->cfg->db_path, 0, lock, &err);
	if (held) {
		pthread_mutex_unlock(&srv->write_mu);
		if (held == 1) {
			char *shown = store_target_shown(srv->cfg->db_path);
			reply_error(r, 503, "another update or import holds the writer lock of '%s'; try again when it is done",
				    shown ? shown : "the archive");
			free(shown);
		} else {
			reply_store_error(r, err);
			err = NULL;
		}
		free(err);
		return r->status;
	}
	/* A connection of its own for each write: its clock (the curation's
	 * time) is the write's. */
	if (store_open(srv->cfg->db_path, 0, s, &err)) {
		store_lock_release(*lock);
		*lock = NULL;
		pthread_mutex_unlock(&srv->write_mu);
		reply_store_error(r, err);
		return r->status;
	}
	return 0;
}

void web_write_end(struct web_server *srv, struct store *s, struct store_lock *lock)
{
	if (s)
		store_close(s);
	store_lock_release(lock);
	pthread_mutex_unlock(&srv->write_mu);
}

/* ---- parameters ------------------------------------------------------------------ */

const char *param_get(const struct web_params *p, const char *key)
{
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->v[i].key, key))
			return p->v[i].value ? p->v[i].value : "";
	return NULL;
}

size_t param_all(const struct web_params *p, const char *key, const char **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < p->n && n < max; i++)
		if (!strcmp(p->v[i].key, key))
			out[n++] = p->v[i].value ? p->v[i].value : "";
	return n;
}

static int valid_utf8(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(s);
	while (left > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
		if (n <= 0 || cp == 0)
			return 0;
		p += n;
		left -= n;
	}
	return 1;
}

static enum MHD_Result collect_param(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	struct web_params *p = cls;
	p->bytes += strlen(key) + (value ? strlen(value) : 0) + 2;
	if (p->n >= WEB_MAX_PARAMS || p->bytes > WEB_MAX_QUERY) {
		p->overflow = 1;
		return MHD_NO;
	}
	if (!valid_utf8(key) || (value && !valid_utf8(value)))
		p->bad_utf8 = 1;
	p->v[p->n].key = key;
	p->v[p->n].value = value;
	p->n++;
	return MHD_YES;
}

int64_t web_parse_id(const char *s, char prefix)
{
	if (!s)
		return 0;
	if (*s == prefix)
		s++;
	if (*s < '1' || *s > '9' || strlen(s) > 18)
		return 0;
	int64_t v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* ---- one request ----------------------------------------------------------------- */

struct conn_ctx {
	char *body;
	size_t len;
	int too_big;
	int replied;                        /* a reply was queued before the body */
	struct job *job;                    /* handed to a worker; its reply once done */
	int dispatched;                     /* counted in the server's in_flight */
};

static const char csp[] = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self';"
			  " connect-src 'self'; font-src 'none'; object-src 'none'; base-uri 'none';"
			  " form-action 'self'; frame-ancestors 'none'";

static enum MHD_Result send_reply(struct MHD_Connection *c, struct web_reply *r, const char *method,
				  const char *url, const struct web_config *cfg)
{
	struct MHD_Response *resp;
	if (!r->body && !r->status) {
		r->status = 500;
		r->body = strdup("{\"error\":\"no reply\"}");
		r->len = r->body ? strlen(r->body) : 0;
		r->type = "application/json; charset=utf-8";
	}
	if (r->cache)   /* an asset: a constant of the binary */
		resp = MHD_create_response_from_buffer(r->len, r->body, MHD_RESPMEM_PERSISTENT);
	else
		resp = MHD_create_response_from_buffer(r->len, r->body ? r->body : (char *)"", r->body ? MHD_RESPMEM_MUST_FREE
												 : MHD_RESPMEM_PERSISTENT);
	if (!resp) {
		if (!r->cache)
			free(r->body);
		free(r->disposition);
		free(r->cookie);
		return MHD_NO;
	}
	r->body = NULL;
	MHD_add_response_header(resp, "Content-Security-Policy", csp);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(resp, "Cross-Origin-Resource-Policy", "same-origin");
	MHD_add_response_header(resp, "Cache-Control", r->cache ? "no-cache" : "no-store");
	if (r->cached)
		MHD_add_response_header(resp, "X-Communique-Cache", r->cached == 2 ? "hit" : r->cached == 3 ? "shared" : "miss");
	if (r->type)
		MHD_add_response_header(resp, "Content-Type", r->type);
	if (r->disposition)
		MHD_add_response_header(resp, "Content-Disposition", r->disposition);
	if (r->cookie)
		MHD_add_response_header(resp, "Set-Cookie", r->cookie);
	if (r->location)
		MHD_add_response_header(resp, "Location", r->location);
	free(r->disposition);
	free(r->cookie);
	enum MHD_Result ok = MHD_queue_response(c, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	if (!cfg->quiet) {
		/* The path as decoded may hold control characters: not for a terminal. */
		char shown[160];
		size_t n = 0;
		for (const char *p = url; *p && n + 1 < sizeof(shown); p++)
			shown[n++] = (unsigned char)*p < 0x20 || *p == 0x7f ? '?' : *p;
		shown[n] = 0;
		fprintf(stderr, "%s %s %d\n", method, shown, r->status);
	}
	return ok;
}

/* Compares without stopping at the first difference: the time a wrong
 * token takes says nothing about the right one. */
static int token_equal(const char *given, const char *token)
{
	size_t a = strlen(given), b = strlen(token);
	unsigned char d = a != b;
	for (size_t i = 0; i < b; i++)
		d |= (unsigned char)(token[i] ^ (i < a ? given[i] : 0));
	return d == 0;
}

static int host_allowed(const struct web_server *srv, const char *host)
{
	if (srv->any_host)
		return 1;
	if (!host)
		return 0;
	int n = srv->n_hosts;
	for (int i = 0; i < n; i++)
		if (!strcasecmp(host, srv->hosts[i]))
			return 1;
	return 0;
}

/* Whether a write comes from this server's own page: its Origin (or, when
 * a browser sends none, its Referer) must be this origin. A request with
 * neither is a program's, accepted only with the token in the header, which
 * no other site's page can set (a custom header needs CORS, never granted). */
static int same_origin(struct MHD_Connection *c, const char *host, int token_in_header)
{
	const char *origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
	const char *referer = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Referer");
	char own[160];
	snprintf(own, sizeof(own), "http://%s", host ? host : "");
	if (!host)
		return 0;
	if (origin)
		return !strcmp(origin, own);
	if (referer) {
		size_t n = strlen(own);
		return !strncmp(referer, own, n) && referer[n] == '/';
	}
	return token_in_header;
}

static void serve_asset(struct web_req *q, struct web_reply *r)
{
	const char *name = q->path + 1;
	if (!*name || !strcmp(name, "index.html"))
		name = "index.html";
	if (!strcmp(name, "base.css")) {
		/* The HTML export's stylesheet: the workspace looks like the
		 * timelines analysts already share. */
		r->status = 200;
		r->body = (char *)html_style;
		r->len = strlen(html_style);
		r->type = "text/css; charset=utf-8";
		r->cache = 1;
		return;
	}
	for (const struct web_asset *a = web_assets; a->name; a++) {
		if (strcmp(a->name, name))
			continue;
		const char *dot = strrchr(name, '.');
		r->type = !strcmp(dot, ".html") ? "text/html; charset=utf-8"
			: !strcmp(dot, ".js")   ? "text/javascript; charset=utf-8"
			: !strcmp(dot, ".css")  ? "text/css; charset=utf-8"
			: !strcmp(dot, ".svg")  ? "image/svg+xml"
						: "application/octet-stream";
		r->status = 200;
		r->body = (char *)a->data;
		r->len = a->len;
		r->cache = 1;
		return;
	}
	reply_error(r, 404, "no such page");
}

/* ---- the workers ------------------------------------------------------------------ */

static void *worker(void *arg)
{
	struct web_server *srv = arg;
	for (;;) {
		pthread_mutex_lock(&srv->qmu);
		while (!srv->head && !srv->stopping)
			pthread_cond_wait(&srv->qcv, &srv->qmu);
		struct job *j = srv->head;
		if (j && !(srv->head = j->next))
			srv->tail = NULL;
		pthread_mutex_unlock(&srv->qmu);
		if (!j)
			return NULL;
		if (j->post)
			api_post(&j->q, &j->r);
		else
			api_get(&j->q, &j->r);
		if (j->key && j->r.status == 200 && j->r.body)
			web_cache_put(srv->cache, j->key, j->klen, j->gen, j->r.body, j->r.len);
		struct job *f = NULL;
		if (j->key) {
			pthread_mutex_lock(&srv->qmu);
			struct job **p = &srv->pending;
			while (*p && *p != j)
				p = &(*p)->next_pending;
			if (*p)
				*p = j->next_pending;
			f = j->followers;
			pthread_mutex_unlock(&srv->qmu);
		}
		while (f) {
			struct job *next = f->next_follower;
			f->r.status = j->r.status;
			f->r.type = j->r.type;
			if (j->r.body && (f->r.body = malloc(j->r.len + 1))) {
				memcpy(f->r.body, j->r.body, j->r.len);
				f->r.body[j->r.len] = 0;
				f->r.len = j->r.len;
			} else if (j->r.body) {
				f->r.status = 0;   /* no memory: send_reply answers 500 */
			}
			f->done = 1;
			MHD_resume_connection(f->c);
			f = next;
		}
		/* From the resume on, the connection's thread owns the job. */
		j->done = 1;
		MHD_resume_connection(j->c);
	}
}

/* Hands the request to the workers and suspends its connection: 0, or -1
 * when the server is stopping or memory is short (the caller answers). */
static int dispatch(struct web_server *srv, struct MHD_Connection *c, struct conn_ctx *cx,
		    const struct web_req *q, const struct web_params *params, int post, char *key, size_t klen,
		    uint64_t gen)
{
	struct job *j = calloc(1, sizeof(*j));
	if (!j) {
		free(key);
		return -1;
	}
	j->key = key;
	j->klen = klen;
	j->gen = gen;
	j->c = c;
	j->params = *params;
	j->q = *q;
	j->q.params = &j->params;
	j->post = post;
	pthread_mutex_lock(&srv->qmu);
	if (srv->stopping) {
		pthread_mutex_unlock(&srv->qmu);
		free(j->key);
		free(j);
		return -1;
	}
	cx->job = j;
	cx->dispatched = 1;
	srv->in_flight++;
	/* Suspended before a worker can resume it. */
	MHD_suspend_connection(c);
	if (key) {
		/* The same request is being answered for the same state of the
		 * archive (no commit since its lookup, else gen would differ):
		 * this one waits for that answer instead of reading it again,
		 * as when many pages open the same view after an update. */
		struct job *lead = srv->pending;
		while (lead && (lead->gen != gen || lead->klen != klen || memcmp(lead->key, key, klen)))
			lead = lead->next_pending;
		if (lead) {
			j->shared = 1;
			j->next_follower = lead->followers;
			lead->followers = j;
			pthread_mutex_unlock(&srv->qmu);
			return 0;
		}
		j->next_pending = srv->pending;
		srv->pending = j;
	}
	if (srv->tail)
		srv->tail->next = j;
	else
		srv->head = j;
	srv->tail = j;
	pthread_cond_signal(&srv->qcv);
	pthread_mutex_unlock(&srv->qmu);
	return 0;
}

/* The answers that depend on the archive and the request only: not the
 * meta (it tells whether the request carries the token), not the exports
 * (dated, and large). */
static int cacheable(const char *url)
{
	static const char *const paths[] = {"/api/events", "/api/reports", "/api/relations", "/api/review",
					    "/api/actors", "/api/topics"};
	for (size_t i = 0; i < sizeof(paths) / sizeof(*paths); i++) {
		size_t n = strlen(paths[i]);
		if (!strncmp(url, paths[i], n) && (!url[n] || (url[n] == '/' && i < 2)))
			return 1;
	}
	return 0;
}

/* The path and every parameter in order, each with its length before it:
 * two requests have the same key only if they ask the same thing. */
static char *cache_key(const char *url, const struct web_params *p, size_t *klen)
{
	struct buf k;
	buf_init(&k, 0);
	buf_printf(&k, "%zu:%s", strlen(url), url);
	for (size_t i = 0; i < p->n; i++) {
		const char *v = p->v[i].value;
		buf_printf(&k, "|%zu:%s", strlen(p->v[i].key), p->v[i].key);
		if (v)
			buf_printf(&k, "=%zu:%s", strlen(v), v);
	}
	if (buf_failed(&k)) {
		buf_release(&k);
		return NULL;
	}
	*klen = k.len;
	return buf_detach(&k);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
			      const char *version, const char *upload_data, size_t *upload_data_size,
			      void **con_cls)
{
	(void)version;
	struct web_server *srv = cls;
	struct conn_ctx *cx = *con_cls;
	struct web_reply r;
	memset(&r, 0, sizeof(r));
	int post = !strcmp(method, "POST");
	if (!cx) {
		if (!(cx = calloc(1, sizeof(*cx))))
			return MHD_NO;
		*con_cls = cx;
		/* Refused before its body is read. */
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
		if (post && cl && (strlen(cl) > 9 || strtoul(cl, NULL, 10) > WEB_MAX_BODY)) {
			cx->too_big = 1;
			cx->replied = 1;
			reply_error(&r, 413, "request body over %d bytes", WEB_MAX_BODY);
			return send_reply(c, &r, method, url, srv->cfg);
		}
		return MHD_YES;
	}
	if (*upload_data_size) {
		size_t n = *upload_data_size;
		*upload_data_size = 0;
		if (cx->too_big)
			return MHD_YES;
		if (cx->len + n > WEB_MAX_BODY) {
			cx->too_big = 1;
			free(cx->body);
			cx->body = NULL;
			return MHD_YES;
		}
		char *b = realloc(cx->body, cx->len + n + 1);
		if (!b)
			return MHD_NO;
		memcpy(b + cx->len, upload_data, n);
		cx->body = b;
		cx->len += n;
		cx->body[cx->len] = 0;
		return MHD_YES;
	}
	if (cx->replied)
		return MHD_YES;
	if (cx->job) {
		/* Resumed: a worker has answered. */
		struct job *j = cx->job;
		if (!j->done)
			return MHD_YES;
		cx->job = NULL;
		cx->replied = 1;
		r = j->r;
		r.cached = !j->key ? 0 : j->shared ? 3 : 1;
		free(j->key);
		free(j);
		return send_reply(c, &r, method, url, srv->cfg);
	}

	if (!post && strcmp(method, "GET") && strcmp(method, "HEAD")) {
		reply_error(&r, 405, "method %s is not allowed", method);
		return send_reply(c, &r, method, url, srv->cfg);
	}
	const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
	/* Another name for this address (DNS rebinding) would let another
	 * site's page read the archive: only our own names are answered. */
	if (!host_allowed(srv, host)) {
		reply_error(&r, 421, "this server does not answer for host '%s'", host ? host : "");
		return send_reply(c, &r, method, url, srv->cfg);
	}
	if (strlen(url) > 512 || !valid_utf8(url)) {
		reply_error(&r, 414, "the path is too long or not UTF-8");
		return send_reply(c, &r, method, "(long)", srv->cfg);
	}
	struct web_params params;
	memset(&params, 0, sizeof(params));
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_param, &params);
	if (params.overflow) {
		reply_error(&r, 414, "the query has more than %d parameters or %d bytes", WEB_MAX_PARAMS,
			    WEB_MAX_QUERY);
		return send_reply(c, &r, method, url, srv->cfg);
	}
	if (params.bad_utf8) {
		reply_error(&r, 400, "a query parameter is not UTF-8 text");
		return send_reply(c, &r, method, url, srv->cfg);
	}
	const char *htoken = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Communique-Token");
	const char *ctoken = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "communique_token");
	int header_ok = htoken && token_equal(htoken, srv->cfg->token);
	int cookie_ok = ctoken && token_equal(ctoken, srv->cfg->token);
	struct web_req q = {
		.srv = srv, .cfg = srv->cfg, .method = post ? "POST" : "GET", .path = url, .params = &params,
		.body = cx->body, .body_len = cx->len, .can_write = header_ok || cookie_ok,
	};
	if (strncmp(url, "/api/", 5)) {
		if (post) {
			reply_error(&r, 405, "POST is for /api/");
		} else if (!strcmp(url, "/") && param_get(&params, "token")) {
			/* Opened with the token: it goes into a cookie this site's
			 * pages only send (SameSite=Strict), and out of the address
			 * bar and the history. */
			const char *t = param_get(&params, "token");
			if (token_equal(t, srv->cfg->token)) {
				size_t n = strlen(t) + 96;
				if ((r.cookie = malloc(n)))
					snprintf(r.cookie, n, "communique_token=%s; Path=/; HttpOnly; SameSite=Strict", t);
			}
			r.status = 303;
			r.location = "/";
			r.type = "text/plain; charset=utf-8";
		} else {
			serve_asset(&q, &r);
		}
		return send_reply(c, &r, method, url, srv->cfg);
	}
	if (!post) {
		char *key = NULL;
		size_t klen = 0;
		uint64_t gen = 0;
		if (!strcmp(url, "/api/meta")) {   /* no archive to read */
			api_get(&q, &r);
		} else if (srv->cache && cacheable(url) && (key = cache_key(url, &params, &klen)) &&
			   web_cache_get(srv->cache, key, klen, &r.body, &r.len, &gen)) {
			/* Answered at once, without waiting for a worker. */
			free(key);
			r.status = 200;
			r.type = "application/json; charset=utf-8";
			r.cached = 2;
		} else if (dispatch(srv, c, cx, &q, &params, 0, key, klen, gen)) {
			reply_error(&r, 503, "the server is stopping");
		} else {
			return MHD_YES;
		}
		return send_reply(c, &r, method, url, srv->cfg);
	}
	/* Writes: the token, our own origin, JSON, a bounded body. */
	const char *ctype = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
	if (!htoken && !ctoken)
		reply_error(&r, 401, "writes need the token (header X-Communique-Token, or open the address"
				     " communique serve printed)");
	else if (!q.can_write || (htoken && !header_ok))
		reply_error(&r, 403, "wrong token");
	else if (!same_origin(c, host, header_ok))
		reply_error(&r, 403, "cross-origin write refused: Origin or Referer is not this server");
	else if (!ctype || strncasecmp(ctype, "application/json", 16) || (ctype[16] && ctype[16] != ';'))
		reply_error(&r, 415, "writes take Content-Type application/json");
	else if (cx->too_big)
		reply_error(&r, 413, "request body over %d bytes", WEB_MAX_BODY);
	else if (dispatch(srv, c, cx, &q, &params, 1, NULL, 0, 0))
		reply_error(&r, 503, "the server is stopping");
	else
		return MHD_YES;
	return send_reply(c, &r, method, url, srv->cfg);
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode t)
{
	(void)c;
	(void)t;
	struct web_server *srv = cls;
	struct conn_ctx *cx = *con_cls;
	if (cx) {
		if (cx->dispatched)
			srv->in_flight--;
		/* A job left means a worker finished it but the connection
		 * closed before its reply went out. */
		if (cx->job) {
			if (!cx->job->r.cache)
				free(cx->job->r.body);
			free(cx->job->r.disposition);
			free(cx->job->r.cookie);
			free(cx->job->key);
			free(cx->job);
		}
		free(cx->body);
		free(cx);
		*con_cls = NULL;
	}
}

/* ---- start and stop ----------------------------------------------------------------- */

static char *msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *msg(const char *fmt, ...)
{
	char b[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(b, sizeof(b), fmt, ap);
	va_end(ap);
	return strdup(b);
}

static void stop_workers(struct web_server *srv)
{
	pthread_mutex_lock(&srv->qmu);
	srv->stopping = 1;
	pthread_cond_broadcast(&srv->qcv);
	pthread_mutex_unlock(&srv->qmu);
	for (; srv->n_workers > 0; srv->n_workers--)
		pthread_join(srv->workers[srv->n_workers - 1], NULL);
}

int web_serve(const struct web_config *cfg, int show_token, char **err)
{
	struct web_server srv;
	memset(&srv, 0, sizeof(srv));
	srv.cfg = cfg;
	srv.n_hosts = 0;
	struct sockaddr_in a4;
	struct sockaddr_in6 a6;
	memset(&a4, 0, sizeof(a4));
	memset(&a6, 0, sizeof(a6));
	int v6 = strchr(cfg->bind, ':') != NULL, loopback;
	const struct sockaddr *sa;
	if (v6) {
		a6.sin6_family = AF_INET6;
		a6.sin6_port = htons((uint16_t)cfg->port);
		if (inet_pton(AF_INET6, cfg->bind, &a6.sin6_addr) != 1) {
			*err = msg("--bind: '%s' is not an IP address", cfg->bind);
			return -1;
		}
		loopback = IN6_IS_ADDR_LOOPBACK(&a6.sin6_addr);
		sa = (const struct sockaddr *)&a6;
	} else {
		a4.sin_family = AF_INET;
		a4.sin_port = htons((uint16_t)cfg->port);
		if (inet_pton(AF_INET, cfg->bind, &a4.sin_addr) != 1) {
			*err = msg("--bind: '%s' is not an IP address", cfg->bind);
			return -1;
		}
		loopback = (ntohl(a4.sin_addr.s_addr) >> 24) == 127;
		sa = (const struct sockaddr *)&a4;
	}
	/* Another address is reachable from the network: any name of it is
	 * answered (the token still guards writes). */
	srv.any_host = !loopback;

	/* The signals are taken by sigwait below, not by a handler: every
	 * thread MHD starts inherits the mask. */
	sigset_t sigs, old;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, &old);
	signal(SIGPIPE, SIG_IGN);
	pthread_mutex_init(&srv.mu, NULL);
	pthread_mutex_init(&srv.write_mu, NULL);
	pthread_mutex_init(&srv.qmu, NULL);
	pthread_cond_init(&srv.qcv, NULL);

	/* One thread reads requests and writes replies for every connection
	 * (epoll); the requests that read or write the archive go to one
	 * queue, answered in the order they came by `threads` workers (by
	 * default as many as the machine has cores). A pool of libmicrohttpd
	 * threads, each with its own connections, left a request waiting
	 * behind a slow one of its thread while another thread was idle, and
	 * more threads than cores only share the cores among more requests,
	 * each then taking longer. */
	long n_workers = cfg->threads > 0 ? cfg->threads : sysconf(_SC_NPROCESSORS_ONLN);
	if (n_workers < 1)
		n_workers = 1;
	if (n_workers > WORKERS_MAX)
		n_workers = WORKERS_MAX;
	int rc = 0;
	char *cerr = NULL;
	if (web_cache_open(cfg->db_path, (size_t)cfg->cache_mib << 20, &srv.cache, &cerr)) {
		/* Every answer is then read from the archive: slower, as right. */
		fprintf(stderr, "communique serve: %s; answering without a cache\n", cerr ? cerr : "out of memory");
		free(cerr);
	}
	for (; srv.n_workers < n_workers; srv.n_workers++) {
		int e = pthread_create(&srv.workers[srv.n_workers], NULL, worker, &srv);
		if (e) {
			*err = msg("cannot start a thread: %s", strerror(e));
			rc = -1;
			goto out;
		}
	}

	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL_LINUX_ONLY | MHD_ALLOW_SUSPEND_RESUME |
			 (v6 ? MHD_USE_IPv6 : 0);
	struct MHD_Daemon *d = MHD_start_daemon(
		flags, (uint16_t)cfg->port, NULL, NULL, handle, &srv, MHD_OPTION_SOCK_ADDR, sa,
		MHD_OPTION_NOTIFY_COMPLETED, completed, &srv, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)256, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
		(size_t)(64 * 1024), MHD_OPTION_END);
	if (!d) {
		*err = msg("cannot listen on %s port %u: %s", cfg->bind, cfg->port, strerror(errno));
		rc = -1;
		goto out;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	unsigned port = info ? info->port : cfg->port;
	char base[128];
	snprintf(base, sizeof(base), v6 ? "http://[%s]:%u" : "http://%s:%u", cfg->bind, port);
	if (loopback) {
		snprintf(srv.hosts[0], sizeof(srv.hosts[0]), v6 ? "[%s]:%u" : "%s:%u", cfg->bind, port);
		snprintf(srv.hosts[1], sizeof(srv.hosts[1]), "localhost:%u", port);
		srv.n_hosts = 2;
	}
	char *shown = store_target_shown(cfg->db_path);   /* a URI's password never shows */
	printf("communique serve: archive '%s'\nlistening on %s/\n", shown ? shown : "?", base);
	free(shown);
	if (show_token)
		printf("open %s/?token=%s to read and correct (the token lets the page write)\n", base, cfg->token);
	else
		printf("open %s/ to read; writes need the token of the token file\n", base);
	printf("stop with Ctrl-C\n");
	fflush(stdout);

	int sig = 0;
	while (sigwait(&sigs, &sig) != 0)
		;
	fprintf(stderr, "communique serve: %s, stopping\n", sig == SIGINT ? "interrupted" : "terminated");
	/* The requests under way are answered first: the workers end once the
	 * queue is empty, and nothing more joins it. */
	stop_workers(&srv);
	/* ... and their replies sent (at most the connection timeout). */
	for (int i = 0; i < 3000 && srv.in_flight > 0; i++)
		nanosleep(&(struct timespec){.tv_nsec = 10000000}, NULL);
	MHD_stop_daemon(d);
out:
	stop_workers(&srv);
	for (int i = 0; i < srv.n_idle; i++)
		store_close(srv.idle[i]);
	pthread_mutex_destroy(&srv.mu);
	pthread_mutex_destroy(&srv.write_mu);
	web_cache_close(srv.cache);
	pthread_cond_destroy(&srv.qcv);
	pthread_mutex_destroy(&srv.qmu);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}
