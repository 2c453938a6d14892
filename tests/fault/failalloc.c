/* A preloaded shim that makes the Nth allocation fail (malloc, calloc,
 * realloc, strdup's malloc), as SQLite's and jq's fault tests do: every
 * path that allocates must survive a NULL. FAILALLOC_N=N fails the Nth
 * call after the program starts and every later one when FAILALLOC_ALL=1
 * (otherwise only that one). FAILALLOC_LOG=FILE appends "failed N" when
 * the failure was injected, so a run that never reached N is known. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static long count, fail_at = -1;
static int fail_all, logged, resolving;

/* dlsym itself may call calloc: serve it from a static arena. */
static char arena[4096];
static size_t arena_used;

static void init(void)
{
	if (real_malloc || resolving)
		return;
	resolving = 1;
	real_malloc = dlsym(RTLD_NEXT, "malloc");
	real_calloc = dlsym(RTLD_NEXT, "calloc");
	real_realloc = dlsym(RTLD_NEXT, "realloc");
	const char *n = getenv("FAILALLOC_N"), *all = getenv("FAILALLOC_ALL");
	fail_at = n && *n ? atol(n) : -1;
	fail_all = all && *all == '1';
	resolving = 0;
}

static int should_fail(void)
{
	long c = ++count;
	if (fail_at < 0)
		return 0;
	if (c < fail_at || (c > fail_at && !fail_all))
		return 0;
	if (!logged) {
		logged = 1;
		const char *log = getenv("FAILALLOC_LOG");
		if (log) {
			int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0644);
			if (fd >= 0) {
				char line[64];
				int len = snprintf(line, sizeof(line), "failed %ld\n", fail_at);
				if (write(fd, line, (size_t)len) < 0)
					len = 0;
				close(fd);
			}
		}
	}
	return 1;
}

void *malloc(size_t n)
{
	init();
	if (!real_malloc)
		return NULL;
	if (should_fail()) {
		errno = ENOMEM;
		return NULL;
	}
	return real_malloc(n);
}

void *calloc(size_t a, size_t b)
{
	if (!real_calloc) {
		if (resolving) {
			size_t n = a * b;
			n = (n + 15) & ~(size_t)15;
			if (arena_used + n > sizeof(arena))
				return NULL;
			void *p = arena + arena_used;
			arena_used += n;
			memset(p, 0, n);
			return p;
		}
		init();
	}
	if (should_fail()) {
		errno = ENOMEM;
		return NULL;
	}
	return real_calloc(a, b);
}

void *realloc(void *p, size_t n)
{
	init();
	if (!real_realloc)
		return NULL;
	if (n && should_fail()) {
		errno = ENOMEM;
		return NULL;
	}
	return real_realloc(p, n);
}

void free(void *p)
{
	static void (*real_free)(void *);
	if ((char *)p >= arena && (char *)p < arena + sizeof(arena))
		return;
	if (!real_free)
		real_free = dlsym(RTLD_NEXT, "free");
	real_free(p);
}

/* FAILALLOC_COUNT=FILE: how many allocations the run made, written at exit,
 * so that a test knows the range of N to try. */
__attribute__((destructor)) static void report_count(void)
{
	const char *path = getenv("FAILALLOC_COUNT");
	if (!path)
		return;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return;
	char line[32];
	int len = snprintf(line, sizeof(line), "%ld\n", count);
	if (write(fd, line, (size_t)len) < 0)
		len = 0;
	close(fd);
}
