/* Fetching feeds over HTTP(S) with libcurl: see fetch.h. One easy handle per
 * attempt, so that nothing of a failed attempt leaks into the next. */
#include "ingest/fetch.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_CONNECT_MS 10000L
#define DEFAULT_TIMEOUT_MS 60000L
#define DEFAULT_ATTEMPTS 3
#define DEFAULT_BACKOFF_MS 1000L
#define DEFAULT_MAX_BYTES ((size_t)32 << 20)
#define MAX_BACKOFF_MS 60000L

int fetch_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

void fetch_cleanup(void)
{
	curl_global_cleanup();
}

void fetch_result_release(struct fetch_result *r)
{
	buf_release(&r->body);
	free(r->etag);
	free(r->last_modified);
	free(r->final_url);
	r->etag = r->last_modified = r->final_url = NULL;
}

/* The body sink: refuses to grow past the ceiling (curl then stops with
 * CURLE_WRITE_ERROR and we say why). */
struct sink {
	struct buf *body;
	FILE *file;        /* instead of body, when set */
	size_t len, max;
	int too_large, write_failed;
};

static size_t on_body(char *p, size_t size, size_t n, void *ctx)
{
	struct sink *k = ctx;
	size_t len = size * n;
	if (k->file) {
		if (len > k->max - k->len) {
			k->too_large = 1;
			return 0;
		}
		if (fwrite(p, 1, len, k->file) != len) {
			k->write_failed = 1;
			return 0;
		}
	} else if (buf_add(k->body, p, len)) {
		k->too_large = 1;
		return 0;
	}
	k->len += len;
	return len;
}

static char *message(const char *url, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static char *message(const char *url, const char *fmt, ...)
{
	struct buf m;
	buf_init(&m, 0);
	buf_printf(&m, "'%s': ", url);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&m, fmt, ap);
	va_end(ap);
	return buf_finish_msg(&m, "a download's error message");
}

static int scheme_ok(const char *url)
{
	return !strncasecmp(url, "http://", 7) || !strncasecmp(url, "https://", 8);
}

static char *header_value(CURL *h, const char *name)
{
	struct curl_header *hh = NULL;
	if (curl_easy_header(h, name, 0, CURLH_HEADER, -1, &hh) != CURLHE_OK || !hh || !hh->value)
		return NULL;
	return strdup(hh->value);
}

/* Whether a failure may go away by itself. */
static int transient(CURLcode cc, long status)
{
	if (cc == CURLE_OK)
		return status >= 500 || status == 408 || status == 429;
	switch (cc) {
	case CURLE_OPERATION_TIMEDOUT: case CURLE_COULDNT_CONNECT: case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_RECV_ERROR: case CURLE_SEND_ERROR: case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE: case CURLE_SSL_CONNECT_ERROR:
		return 1;
	default:
		return 0;
	}
}

static void pause_ms(long ms)
{
	struct timespec t = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};
	while (nanosleep(&t, &t) && errno == EINTR)
		;
}

struct attempt {
	CURLcode cc;
	long status;
	int too_large, write_failed;
	char curl_err[CURL_ERROR_SIZE];
};

static struct curl_slist *validators(const struct fetch_options *o)
{
	struct curl_slist *l = NULL, *n;
	struct buf h;
	buf_init(&h, 0);
	if (o->etag && *o->etag) {
		/* A cut validator is no validator: the request goes without it. */
		if (!buf_printf(&h, "If-None-Match: %s", o->etag) && (n = curl_slist_append(l, buf_str(&h))))
			l = n;
		buf_reset(&h);
	}
	if (o->last_modified && *o->last_modified) {
		if (!buf_printf(&h, "If-Modified-Since: %s", o->last_modified) &&
		    (n = curl_slist_append(l, buf_str(&h))))
			l = n;
	}
	buf_release(&h);
	return l;
}

/* One try: fills out's body and validators, a->cc and a->status. */
static int attempt(const char *url, const struct fetch_options *o, struct curl_slist *hdrs,
		   struct fetch_result *out, struct attempt *a)
{
	CURL *h = curl_easy_init();
	if (!h)
		return -1;
	buf_reset(&out->body);
	struct sink k = {.body = &out->body, .file = o->body_file, .max = o->max_bytes};
	if (k.file && (fflush(k.file) || ftruncate(fileno(k.file), 0) || fseek(k.file, 0, SEEK_SET))) {
		curl_easy_cleanup(h);
		return -1;
	}
	a->curl_err[0] = '\0';
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_USERAGENT, o->user_agent ? o->user_agent : "communique");
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, o->connect_timeout_ms);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, o->timeout_ms);
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_bytes);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &k);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, a->curl_err);
	if (hdrs)
		curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
	a->cc = curl_easy_perform(h);
	a->status = 0;
	a->too_large = k.too_large || a->cc == CURLE_FILESIZE_EXCEEDED;
	a->write_failed = k.write_failed || (k.file && a->cc == CURLE_OK && fflush(k.file));
	out->body_len = k.len;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &a->status);
	free(out->etag);
	free(out->last_modified);
	free(out->final_url);
	out->etag = a->cc == CURLE_OK ? header_value(h, "ETag") : NULL;
	out->last_modified = a->cc == CURLE_OK ? header_value(h, "Last-Modified") : NULL;
	char *eff = NULL;
	curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &eff);
	out->final_url = eff ? strdup(eff) : NULL;
	curl_easy_cleanup(h);
	return 0;
}

static char *describe(const char *url, const struct fetch_options *o, const struct attempt *a,
		      int tries)
{
	const char *again = tries > 1 ? " (after several attempts)" : "";
	if (a->too_large)
		return message(url, "the response is larger than %zu bytes", o->max_bytes);
	if (a->write_failed)
		return message(url, "cannot keep the response in a temporary file: %s", strerror(errno));
	if (a->cc == CURLE_OPERATION_TIMEDOUT)
		return message(url, "timed out after %.1f s%s", (double)o->timeout_ms / 1000, again);
	if (a->cc == CURLE_TOO_MANY_REDIRECTS)
		return message(url, "more than 5 redirects");
	if (a->cc == CURLE_UNSUPPORTED_PROTOCOL)
		return message(url, "redirected to a scheme other than http or https");
	if (a->cc != CURLE_OK)
		return message(url, "%s%s", a->curl_err[0] ? a->curl_err : curl_easy_strerror(a->cc),
			       again);
	return message(url, "the server answered HTTP %ld%s", a->status, again);
}

int fetch_url(const char *url, const struct fetch_options *opt, struct fetch_result *out,
	      char **err)
{
	memset(out, 0, sizeof(*out));
	struct fetch_options o = *opt;
	if (!o.connect_timeout_ms)
		o.connect_timeout_ms = DEFAULT_CONNECT_MS;
	if (!o.timeout_ms)
		o.timeout_ms = DEFAULT_TIMEOUT_MS;
	if (o.attempts <= 0)
		o.attempts = DEFAULT_ATTEMPTS;
	if (!o.backoff_ms)
		o.backoff_ms = DEFAULT_BACKOFF_MS;
	if (!o.max_bytes)
		o.max_bytes = DEFAULT_MAX_BYTES;
	buf_init(&out->body, o.max_bytes);
	if (!scheme_ok(url)) {
		*err = message(url, "only http:// and https:// URLs can be fetched (use path = for a file)");
		return -1;
	}
	struct curl_slist *hdrs = validators(&o);
	struct attempt a;
	long wait = o.backoff_ms;
	int rc = -1;
	for (int i = 1; i <= o.attempts; i++) {
		out->attempts = i;
		if (attempt(url, &o, hdrs, out, &a)) {
			*err = message(url, "cannot start a transfer (out of memory)");
			break;
		}
		if (a.cc == CURLE_OK && !a.write_failed && ((a.status >= 200 && a.status < 300) || a.status == 304)) {
			out->status = a.status == 304 ? 304 : 200;
			if (out->status == 304)
				buf_reset(&out->body);
			rc = 0;
			break;
		}
		if (a.too_large || a.write_failed || !transient(a.cc, a.status) || i == o.attempts) {
			*err = describe(url, &o, &a, i);
			break;
		}
		pause_ms(wait);
		wait = wait * 2 > MAX_BACKOFF_MS ? MAX_BACKOFF_MS : wait * 2;
	}
	curl_slist_free_all(hdrs);
	return rc;
}
