/* bench/serve_load.c: a small HTTP load generator for communique serve
 * (bench/serve.sh, tests/e2e/serve_load.sh). Not part of the product.
 *
 * C clients, each a thread with one keep-alive connection to 127.0.0.1,
 * send GET requests for the paths of a file (one a line, taken in turn,
 * each client starting at its own line) until D seconds have passed or N
 * requests were made in all, and time each answer. Prints one line:
 *
 *   requests 1234 errors 0 non200 0 seconds 10.00 rps 123.4 p50_ms 1.2 p90_ms 2.3 p99_ms 4.5 max_ms 9.9
 *
 * An error is a connection or protocol failure (the client reconnects);
 * non200 counts answers of another status. Exits 1 when a request failed,
 * 2 on a usage error.
 *
 * usage: serve_load -p PORT -f PATHS [-c CLIENTS] [-d SECONDS] [-n REQUESTS]
 */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int port;
static char **paths;
static size_t n_paths;
static double duration = 5;
static long max_requests;
static atomic_long issued;

struct client {
	pthread_t th;
	size_t start;
	double *lat;                /* milliseconds */
	size_t n, cap;
	long errors, non200;
};

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int connect_local(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Sends one request and reads its answer (headers, then Content-Length
 * bytes). Returns the status, or -1 on a failure (the connection is then
 * closed by the caller). */
static int one_request(int fd, const char *path, char *buf, size_t cap)
{
	char req[4096];
	int n = snprintf(req, sizeof(req), "GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: keep-alive\r\n\r\n",
			 path, port);
	if (n < 0 || (size_t)n >= sizeof(req))
		return -1;
	for (int off = 0; off < n;) {
		ssize_t w = write(fd, req + off, (size_t)(n - off));
		if (w <= 0)
			return -1;
		off += (int)w;
	}
	size_t have = 0;
	char *end = NULL;
	while (!end) {
		if (have + 1 >= cap)
			return -1;
		ssize_t r = read(fd, buf + have, cap - have - 1);
		if (r <= 0)
			return -1;
		have += (size_t)r;
		buf[have] = 0;
		end = strstr(buf, "\r\n\r\n");
	}
	int status = 0;
	if (sscanf(buf, "HTTP/1.%*d %d", &status) != 1)
		return -1;
	long len = -1;
	for (char *h = strstr(buf, "\r\n"); h && h < end; h = strstr(h + 2, "\r\n"))
		if (!strncasecmp(h + 2, "Content-Length:", 15))
			len = strtol(h + 17, NULL, 10);
	if (len < 0)
		return -1;
	size_t body = have - (size_t)(end + 4 - buf);
	while ((long)body < len) {
		ssize_t r = read(fd, buf, cap - 1);
		if (r <= 0)
			return -1;
		body += (size_t)r;
	}
	return status;
}

static void *run(void *arg)
{
	struct client *c = arg;
	size_t cap = 1 << 20;
	char *buf = malloc(cap);
	int fd = -1;
	double stop = now() + duration;
	for (size_t i = c->start; buf && now() < stop; i++) {
		if (max_requests && atomic_fetch_add(&issued, 1) >= max_requests)
			break;
		if (fd < 0 && (fd = connect_local()) < 0) {
			c->errors++;
			nanosleep(&(struct timespec){0, 10000000}, NULL);
			continue;
		}
		double t0 = now();
		int st = one_request(fd, paths[i % n_paths], buf, cap);
		double ms = (now() - t0) * 1000;
		if (st < 0) {
			c->errors++;
			close(fd);
			fd = -1;
			continue;
		}
		if (st != 200)
			c->non200++;
		if (c->n == c->cap) {
			size_t nc = c->cap ? 2 * c->cap : 1024;
			double *p = realloc(c->lat, nc * sizeof(*p));
			if (!p)
				break;
			c->lat = p;
			c->cap = nc;
		}
		c->lat[c->n++] = ms;
	}
	if (fd >= 0)
		close(fd);
	free(buf);
	return NULL;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	int clients = 8;
	const char *file = NULL;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "-p"))
			port = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "-f"))
			file = argv[i + 1];
		else if (!strcmp(argv[i], "-c"))
			clients = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "-d"))
			duration = atof(argv[i + 1]);
		else if (!strcmp(argv[i], "-n"))
			max_requests = atol(argv[i + 1]);
	}
	if (!port || !file || clients < 1 || clients > 1024) {
		fprintf(stderr, "usage: serve_load -p PORT -f PATHS [-c CLIENTS] [-d SECONDS] [-n REQUESTS]\n");
		return 2;
	}
	FILE *f = fopen(file, "r");
	if (!f) {
		perror(file);
		return 2;
	}
	char line[4096];
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = 0;
		if (!*line)
			continue;
		char **p = realloc(paths, (n_paths + 1) * sizeof(*p));
		if (!p || !(p[n_paths] = strdup(line)))
			return 2;
		paths = p;
		n_paths++;
	}
	fclose(f);
	if (!n_paths) {
		fprintf(stderr, "serve_load: no path in %s\n", file);
		return 2;
	}
	struct client *cs = calloc((size_t)clients, sizeof(*cs));
	if (!cs)
		return 2;
	double t0 = now();
	for (int i = 0; i < clients; i++) {
		cs[i].start = (size_t)i * 7;
		pthread_create(&cs[i].th, NULL, run, &cs[i]);
	}
	size_t total = 0;
	long errors = 0, non200 = 0;
	for (int i = 0; i < clients; i++) {
		pthread_join(cs[i].th, NULL);
		total += cs[i].n;
		errors += cs[i].errors;
		non200 += cs[i].non200;
	}
	double secs = now() - t0;
	double *all = malloc((total ? total : 1) * sizeof(*all));
	size_t k = 0;
	for (int i = 0; i < clients; i++) {
		if (all)
			memcpy(all + k, cs[i].lat, cs[i].n * sizeof(*all));
		k += cs[i].n;
		free(cs[i].lat);
	}
	if (!all)
		return 2;
	qsort(all, total, sizeof(*all), by_value);
#define PCT(q) (total ? all[(size_t)((double)(total - 1) * (q))] : 0)
	printf("requests %zu errors %ld non200 %ld seconds %.2f rps %.1f p50_ms %.1f p90_ms %.1f p99_ms %.1f max_ms %.1f\n",
	       total, errors, non200, secs, (double)total / secs, PCT(0.5), PCT(0.9), PCT(0.99),
	       total ? all[total - 1] : 0);
	free(all);
	free(cs);
	for (size_t i = 0; i < n_paths; i++)
		free(paths[i]);
	free(paths);
	return errors || non200 ? 1 : 0;
}
