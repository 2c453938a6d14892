/* Fetching feeds (ingest/fetch.c) and updating feed sources over HTTP
 * (ingest/sources.c), against a tiny HTTP server that this test runs on
 * 127.0.0.1 in a thread: conditional requests answered 304, a server that
 * never answers (timeout), one that sends garbage, an oversized body,
 * redirects (followed, looping, to another scheme), a 503 that recovers, a
 * 404, and the User-Agent sent. */
#define _GNU_SOURCE 1   /* strcasestr */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "ingest/fetch.h"
#include "ingest/sources.h"
#include "store/store.h"
#include "store/store_admin.h"

/* ---- the server ------------------------------------------------------------------ */

#define MAX_CONN 128

static const char feed_v1[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
	"<title>Ministry of Foreign Affairs: news</title><link>https://mfa.example.org/</link>"
	"<item><title>Minister holds talks with the Japanese Foreign Minister</title>"
	"<link>https://mfa.example.org/news/1</link><guid>mfa-news-1</guid>"
	"<pubDate>Thu, 05 Feb 2015 10:00:00 +0000</pubDate>"
	"<description>The Russian Foreign Minister held talks with the Japanese Foreign Minister in Tokyo.</description></item>"
	"<item><title>Minister receives the Indian ambassador</title>"
	"<link>https://mfa.example.org/news/2</link><guid>mfa-news-2</guid>"
	"<pubDate>Fri, 06 Feb 2015 09:30:00 +0000</pubDate>"
	"<description>The Russian Foreign Minister received the Indian ambassador in Moscow.</description></item>"
	"</channel></rss>\n";

/* Version 2 adds an item in front, as feeds do. */
static const char feed_v2[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
	"<title>Ministry of Foreign Affairs: news</title><link>https://mfa.example.org/</link>"
	"<item><title>Minister speaks by phone with the German Foreign Minister</title>"
	"<link>https://mfa.example.org/news/3</link><guid>mfa-news-3</guid>"
	"<pubDate>Mon, 09 Feb 2015 16:00:00 +0000</pubDate>"
	"<description>The Russian and German foreign ministers spoke by phone about Ukraine.</description></item>"
	"<item><title>Minister holds talks with the Japanese Foreign Minister</title>"
	"<link>https://mfa.example.org/news/1</link><guid>mfa-news-1</guid>"
	"<pubDate>Thu, 05 Feb 2015 10:00:00 +0000</pubDate>"
	"<description>The Russian Foreign Minister held talks with the Japanese Foreign Minister in Tokyo.</description></item>"
	"<item><title>Minister receives the Indian ambassador</title>"
	"<link>https://mfa.example.org/news/2</link><guid>mfa-news-2</guid>"
	"<pubDate>Fri, 06 Feb 2015 09:30:00 +0000</pubDate>"
	"<description>The Russian Foreign Minister received the Indian ambassador in Moscow.</description></item>"
	"</channel></rss>\n";

struct server {
	int fd;
	int port;
	pthread_t accept_thread;
	pthread_mutex_t mu;
	volatile int stop;
	pthread_t conns[MAX_CONN];
	int n_conns;
	/* What the handlers saw and do, under mu. */
	int feed_version;         /* 1 or 2 */
	int hits_feed, hits_flaky, hits_slow, full_feed_bodies;
	char last_headers[4096];  /* of the last request to /feed.xml */
};

static struct server srv;

struct conn {
	int fd;
};

static void send_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
		if (w <= 0)
			return;
		p += w;
		n -= (size_t)w;
	}
}

static void respond(int fd, const char *status, const char *headers, const char *body)
{
	char head[1024];
	size_t len = body ? strlen(body) : 0;
	int n = snprintf(head, sizeof(head), "HTTP/1.1 %s\r\nContent-Length: %zu\r\nConnection: close\r\n%s\r\n",
			 status, len, headers ? headers : "");
	send_all(fd, head, (size_t)n);
	if (len)
		send_all(fd, body, len);
}

static int has_header(const char *req, const char *line)
{
	return strcasestr(req, line) != NULL;
}

static void serve_feed(int fd, const char *req)
{
	pthread_mutex_lock(&srv.mu);
	srv.hits_feed++;
	snprintf(srv.last_headers, sizeof(srv.last_headers), "%s", req);
	int v = srv.feed_version;
	pthread_mutex_unlock(&srv.mu);
	const char *etag = v == 1 ? "\"v1\"" : "\"v2\"";
	char match[64], headers[256];
	snprintf(match, sizeof(match), "If-None-Match: %s", etag);
	snprintf(headers, sizeof(headers), "ETag: %s\r\nLast-Modified: %s\r\nContent-Type: application/rss+xml\r\n",
		 etag, v == 1 ? "Thu, 05 Feb 2015 10:00:00 GMT" : "Mon, 09 Feb 2015 16:00:00 GMT");
	if (has_header(req, match)) {
		respond(fd, "304 Not Modified", headers, NULL);
		return;
	}
	pthread_mutex_lock(&srv.mu);
	srv.full_feed_bodies++;
	pthread_mutex_unlock(&srv.mu);
	respond(fd, "200 OK", headers, v == 1 ? feed_v1 : feed_v2);
}

/* Only Last-Modified: answers 304 to the matching If-Modified-Since. */
static void serve_lm(int fd, const char *req)
{
	const char *lm = "Wed, 04 Feb 2015 08:00:00 GMT";
	if (has_header(req, "If-Modified-Since: Wed, 04 Feb 2015 08:00:00 GMT"))
		respond(fd, "304 Not Modified", NULL, NULL);
	else {
		char headers[128];
		snprintf(headers, sizeof(headers), "Last-Modified: %s\r\n", lm);
		respond(fd, "200 OK", headers, feed_v1);
	}
}

static void serve_slow(int fd)
{
	pthread_mutex_lock(&srv.mu);
	srv.hits_slow++;
	pthread_mutex_unlock(&srv.mu);
	/* Never answers; gives up after 5 s or when the server stops. */
	for (int i = 0; i < 100 && !srv.stop; i++) {
		struct timespec t = {0, 50000000L};
		nanosleep(&t, NULL);
	}
	(void)fd;
}

static void serve_big(int fd)
{
	const char head[] = "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n";
	send_all(fd, head, sizeof(head) - 1);
	char chunk[8192];
	memset(chunk, 'x', sizeof(chunk));
	for (int i = 0; i < 256 && !srv.stop; i++)   /* 2 MiB, no Content-Length */
		send_all(fd, chunk, sizeof(chunk));
}

static void serve_flaky(int fd)
{
	pthread_mutex_lock(&srv.mu);
	int n = ++srv.hits_flaky;
	pthread_mutex_unlock(&srv.mu);
	if (n == 1)
		respond(fd, "503 Service Unavailable", NULL, "busy");
	else
		respond(fd, "200 OK", NULL, feed_v1);
}

static void route(int fd, const char *req)
{
	char path[256] = "";
	sscanf(req, "GET %255s", path);
	if (!strcmp(path, "/feed.xml"))
		serve_feed(fd, req);
	else if (!strcmp(path, "/lm.xml"))
		serve_lm(fd, req);
	else if (!strcmp(path, "/slow"))
		serve_slow(fd);
	else if (!strcmp(path, "/garbage"))
		send_all(fd, "\x01\x02 this is not HTTP at all\r\n\r\n", 30);
	else if (!strcmp(path, "/garbage-body"))
		respond(fd, "200 OK", "Content-Type: application/rss+xml\r\n", "<<<< not a feed >>>> \x01\x02");
	else if (!strcmp(path, "/big"))
		serve_big(fd);
	else if (!strcmp(path, "/redirect"))
		respond(fd, "302 Found", "Location: /feed.xml\r\n", NULL);
	else if (!strcmp(path, "/loop"))
		respond(fd, "302 Found", "Location: /loop\r\n", NULL);
	else if (!strcmp(path, "/to-ftp"))
		respond(fd, "302 Found", "Location: ftp://127.0.0.1/feed.xml\r\n", NULL);
	else if (!strcmp(path, "/flaky"))
		serve_flaky(fd);
	else if (!strcmp(path, "/ua")) {
		const char *ua = strcasestr(req, "User-Agent: ");
		char body[128] = "";
		if (ua)
			sscanf(ua + 12, "%127[^\r\n]", body);
		respond(fd, "200 OK", NULL, body);
	} else
		respond(fd, "404 Not Found", NULL, "no such page");
}

static void *conn_main(void *arg)
{
	struct conn *c = arg;
	char req[4096];
	size_t n = 0;
	while (n < sizeof(req) - 1) {
		ssize_t got = recv(c->fd, req + n, sizeof(req) - 1 - n, 0);
		if (got <= 0)
			break;
		n += (size_t)got;
		req[n] = '\0';
		if (strstr(req, "\r\n\r\n"))
			break;
	}
	req[n] = '\0';
	if (n)
		route(c->fd, req);
	shutdown(c->fd, SHUT_RDWR);
	close(c->fd);
	free(c);
	return NULL;
}

static void *accept_main(void *arg)
{
	(void)arg;
	while (!srv.stop) {
		struct pollfd p = {.fd = srv.fd, .events = POLLIN};
		if (poll(&p, 1, 50) <= 0)
			continue;
		int fd = accept(srv.fd, NULL, NULL);
		if (fd < 0)
			continue;
		struct conn *c = malloc(sizeof(*c));
		pthread_mutex_lock(&srv.mu);
		int full = srv.n_conns >= MAX_CONN;
		pthread_mutex_unlock(&srv.mu);
		if (!c || full) {
			free(c);
			close(fd);
			continue;
		}
		c->fd = fd;
		pthread_mutex_lock(&srv.mu);
		if (pthread_create(&srv.conns[srv.n_conns], NULL, conn_main, c) == 0)
			srv.n_conns++;
		else {
			close(fd);
			free(c);
		}
		pthread_mutex_unlock(&srv.mu);
	}
	return NULL;
}

static int server_start(void **state)
{
	(void)state;
	memset(&srv, 0, sizeof(srv));
	pthread_mutex_init(&srv.mu, NULL);
	srv.feed_version = 1;
	srv.fd = socket(AF_INET, SOCK_STREAM, 0);
	if (srv.fd < 0)
		return -1;
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t len = sizeof(a);
	if (bind(srv.fd, (struct sockaddr *)&a, sizeof(a)) || listen(srv.fd, 16) ||
	    getsockname(srv.fd, (struct sockaddr *)&a, &len))
		return -1;
	srv.port = ntohs(a.sin_port);
	if (fetch_init())
		return -1;
	return pthread_create(&srv.accept_thread, NULL, accept_main, NULL) ? -1 : 0;
}

static int server_stop(void **state)
{
	(void)state;
	srv.stop = 1;
	pthread_join(srv.accept_thread, NULL);
	for (int i = 0; i < srv.n_conns; i++)
		pthread_join(srv.conns[i], NULL);
	close(srv.fd);
	pthread_mutex_destroy(&srv.mu);
	fetch_cleanup();
	return 0;
}

static const char *url(const char *path)
{
	static char u[8][128];
	static int i;
	i = (i + 1) % 8;
	snprintf(u[i], sizeof(u[i]), "http://127.0.0.1:%d%s", srv.port, path);
	return u[i];
}

static struct fetch_options quick(void)
{
	struct fetch_options o = {.timeout_ms = 2000, .connect_timeout_ms = 1000, .attempts = 2,
				  .backoff_ms = 20, .user_agent = "communique/9.9"};
	return o;
}

/* ---- fetch_url ---------------------------------------------------------------------- */

static void test_200_then_304_by_etag(void **state)
{
	(void)state;
	srv.feed_version = 1;
	struct fetch_options o = quick();
	struct fetch_result r;
	char *err = NULL;
	if (fetch_url(url("/feed.xml"), &o, &r, &err))
		fail_msg("%s", err);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(buf_str(&r.body), "Minister receives the Indian ambassador"));
	assert_string_equal(r.etag, "\"v1\"");
	assert_string_equal(r.last_modified, "Thu, 05 Feb 2015 10:00:00 GMT");
	assert_int_equal(r.attempts, 1);
	o.etag = "\"v1\"";
	o.last_modified = "Thu, 05 Feb 2015 10:00:00 GMT";
	struct fetch_result again;
	assert_int_equal(fetch_url(url("/feed.xml"), &o, &again, &err), 0);
	assert_int_equal(again.status, 304);
	assert_int_equal(again.body.len, 0);
	pthread_mutex_lock(&srv.mu);
	assert_non_null(strcasestr(srv.last_headers, "If-None-Match: \"v1\""));
	assert_non_null(strcasestr(srv.last_headers, "If-Modified-Since: Thu, 05 Feb 2015 10:00:00 GMT"));
	pthread_mutex_unlock(&srv.mu);
	fetch_result_release(&r);
	fetch_result_release(&again);
}

static void test_304_by_last_modified(void **state)
{
	(void)state;
	struct fetch_options o = quick();
	struct fetch_result r;
	char *err = NULL;
	assert_int_equal(fetch_url(url("/lm.xml"), &o, &r, &err), 0);
	assert_int_equal(r.status, 200);
	assert_null(r.etag);
	assert_string_equal(r.last_modified, "Wed, 04 Feb 2015 08:00:00 GMT");
	o.last_modified = r.last_modified;
	struct fetch_result again;
	assert_int_equal(fetch_url(url("/lm.xml"), &o, &again, &err), 0);
	assert_int_equal(again.status, 304);
	fetch_result_release(&r);
	fetch_result_release(&again);
}

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void test_timeout_is_retried_then_reported(void **state)
{
	(void)state;
	struct fetch_options o = quick();
	o.timeout_ms = 300;
	pthread_mutex_lock(&srv.mu);
	int before = srv.hits_slow;
	pthread_mutex_unlock(&srv.mu);
	struct fetch_result r;
	char *err = NULL;
	double t0 = now_s();
	assert_int_equal(fetch_url(url("/slow"), &o, &r, &err), -1);
	double took = now_s() - t0;
	assert_non_null(strstr(err, "timed out after 0.3 s"));
	assert_non_null(strstr(err, url("/slow")));
	assert_int_equal(r.attempts, 2);
	assert_true(took >= 0.6 && took < 3.0);
	pthread_mutex_lock(&srv.mu);
	assert_int_equal(srv.hits_slow - before, 2);
	pthread_mutex_unlock(&srv.mu);
	free(err);
	fetch_result_release(&r);
}

static void test_garbage_reply_fails_at_once(void **state)
{
	(void)state;
	struct fetch_options o = quick();
	struct fetch_result r;
	char *err = NULL;
	assert_int_equal(fetch_url(url("/garbage"), &o, &r, &err), -1);
	assert_non_null(err);
	assert_int_equal(r.attempts, 1);
	free(err);
	fetch_result_release(&r);
}

static void test_size_limit(void **state)
{
	(void)state;
	struct fetch_options o = quick();
	o.max_bytes = 64 * 1024;
	struct fetch_result r;
	char *err = NULL;
	assert_int_equal(fetch_url(url("/big"), &o, &r, &err), -1);
	assert_non_null(strstr(err, "larger than 65536 bytes"));
	assert_true(r.body.len <= 64 * 1024);
	free(err);
	fetch_result_release(&r);
}

static void test_redirects(void **state)
{
	(void)state;
	srv.feed_version = 1;
	struct fetch_options o = quick();
	struct fetch_result r;
	char *err = NULL;
	assert_int_equal(fetch_url(url("/redirect"), &o, &r, &err), 0);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.final_url, url("/feed.xml"));
	assert_string_equal(r.etag, "\"v1\"");
	fetch_result_release(&r);

	assert_int_equal(fetch_url(url("/loop"), &o, &r, &err), -1);
	assert_non_null(strstr(err, "more than 5 redirects"));
	free(err);
	fetch_result_release(&r);

	assert_int_equal(fetch_url(url("/to-ftp"), &o, &r, &err), -1);
	assert_non_null(err);
	free(err);
	fetch_result_release(&r);
}

static void test_503_is_retried(void **state)
{
	(void)state;
	struct fetch_options o = quick();
	struct fetch_result r;
	char *err = NULL;
	assert_int_equal(fetch_url(url("/flaky"), &o, &r, &err), 0);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.attempts, 2);
	fetch_result_release(&r);
}

static void test_404_is_final(void **state)
{
	(void)state;
	struct fetch_options o = quick();
	struct fetch_result r;
	char *err = NULL;
	assert_int_equal(fetch_url(url("/nothing-here"), &o, &r, &err), -1);
	assert_non_null(strstr(err, "HTTP 404"));
	assert_int_equal(r.attempts, 1);
	free(err);
	fetch_result_release(&r);
}

static void test_user_agent_and_schemes(void **state)
{
	(void)state;
	struct fetch_options o = quick();
	struct fetch_result r;
	char *err = NULL;
	assert_int_equal(fetch_url(url("/ua"), &o, &r, &err), 0);
	assert_string_equal(buf_str(&r.body), "communique/9.9");
	fetch_result_release(&r);
	assert_int_equal(fetch_url("file:///etc/hostname", &o, &r, &err), -1);
	assert_non_null(strstr(err, "only http:// and https://"));
	free(err);
	fetch_result_release(&r);
}

/* ---- feed sources over HTTP ----------------------------------------------------------- */

struct errors_seen {
	int n;
	char last[512];
};

static void keep_error(void *ctx, enum update_msg kind, const struct source *src, const char *where,
		       const char *msg)
{
	struct errors_seen *e = ctx;
	(void)src;
	if (kind != UPDATE_ERROR)
		return;
	e->n++;
	snprintf(e->last, sizeof(e->last), "%s: %s", where, msg);
}

static void test_feed_source_update(void **state)
{
	(void)state;
	char dir[256], db[300], text[1024];
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof(dir), "%s/test_fetch.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(dir));
	snprintf(db, sizeof(db), "%s/archive.db", dir);
	snprintf(text, sizeof(text),
		 "[mfa]\nkind = feed\nurl = %s\nagency = MFA Russia\n\n"
		 "[broken]\nkind = feed\nurl = %s\n\n"
		 "[silent]\nkind = feed\nurl = %s\n",
		 url("/feed.xml"), url("/garbage-body"), url("/slow"));
	struct source_list l;
	char *err = NULL;
	if (sources_parse(text, strlen(text), "sources.conf", dir, &l, &err))
		fail_msg("%s", err);
	struct store *s;
	if (store_open(db, 0, &s, &err))
		fail_msg("%s", err);
	struct update_options o = {.fetch = quick()};
	o.fetch.timeout_ms = 300;
	o.fetch.attempts = 1;
	struct errors_seen seen = {0};
	struct updater *u;
	assert_int_equal(updater_new(s, NULL, &o, keep_error, &seen, &u, &err), 0);
	srv.feed_version = 1;
	pthread_mutex_lock(&srv.mu);
	int bodies = srv.full_feed_bodies;
	pthread_mutex_unlock(&srv.mu);

	/* First visit: both items go in; the validators are remembered. */
	struct source_result r;
	assert_int_equal(updater_source(u, &l.v[0], &r, &err), 0);
	assert_int_equal(r.imported, 2);
	assert_string_equal(source_status(&r), "ok");
	struct store_feed st;
	assert_int_equal(store_feed_get(s, "mfa", &st, &err), 0);
	assert_string_equal(st.etag, "\"v1\"");
	assert_string_equal(st.url, url("/feed.xml"));
	store_feed_release(&st);

	/* Second: the server answers 304, nothing is read. */
	assert_int_equal(updater_source(u, &l.v[0], &r, &err), 0);
	assert_int_equal(r.not_modified, 1);
	assert_int_equal(r.imported + r.unchanged + r.replaced + r.failed, 0);
	assert_string_equal(source_status(&r), "not modified");

	/* The feed changes: only the new item is new. */
	srv.feed_version = 2;
	assert_int_equal(updater_source(u, &l.v[0], &r, &err), 0);
	assert_int_equal(r.imported, 1);
	assert_int_equal(r.unchanged, 2);
	assert_int_equal(store_feed_get(s, "mfa", &st, &err), 0);
	assert_string_equal(st.etag, "\"v2\"");
	store_feed_release(&st);
	pthread_mutex_lock(&srv.mu);
	assert_int_equal(srv.full_feed_bodies - bodies, 2);
	pthread_mutex_unlock(&srv.mu);

	/* Garbage and silence fail their sources, not the run; nothing of them is remembered. */
	assert_int_equal(updater_source(u, &l.v[1], &r, &err), 0);
	assert_int_equal(r.source_failed, 1);
	assert_string_equal(source_status(&r), "failed");
	assert_non_null(strstr(seen.last, "/garbage-body"));
	assert_int_equal(store_feed_get(s, "broken", &st, &err), 1);
	assert_int_equal(updater_source(u, &l.v[2], &r, &err), 0);
	assert_int_equal(r.source_failed, 1);
	assert_non_null(strstr(seen.last, "timed out"));
	assert_int_equal(seen.n, 2);

	/* The source keeps working after its neighbours failed. */
	assert_int_equal(updater_source(u, &l.v[0], &r, &err), 0);
	assert_int_equal(r.not_modified, 1);

	updater_free(u);
	store_close(s);
	sources_release(&l);
	char cmd[400];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_200_then_304_by_etag),
		cmocka_unit_test(test_304_by_last_modified),
		cmocka_unit_test(test_timeout_is_retried_then_reported),
		cmocka_unit_test(test_garbage_reply_fails_at_once),
		cmocka_unit_test(test_size_limit),
		cmocka_unit_test(test_redirects),
		cmocka_unit_test(test_503_is_retried),
		cmocka_unit_test(test_404_is_final),
		cmocka_unit_test(test_user_agent_and_schemes),
		cmocka_unit_test(test_feed_source_update),
	};
	return cmocka_run_group_tests(tests, server_start, server_stop);
}
