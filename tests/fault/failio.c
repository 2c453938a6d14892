/* A preloaded shim that makes the Nth I/O call fail with EIO (read, write,
 * pread, pwrite, their 64-bit names, fsync, fdatasync), as SQLite's own I/O
 * error tests do through a VFS: every path that reads or writes must
 * survive a failure. FAILIO_N=N fails the Nth call, and every later one
 * when FAILIO_ALL=1; FAILIO_COUNT=FILE writes the number of calls made at
 * exit. Calls on standard input, output and error are not counted: the
 * test reads what the program says. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

static long count, fail_at = -2;
static int fail_all;

static int should_fail(int fd)
{
	if (fd <= 2)
		return 0;
	if (fail_at == -2) {
		const char *n = getenv("FAILIO_N"), *all = getenv("FAILIO_ALL");
		fail_at = n && *n ? atol(n) : -1;
		fail_all = all && *all == '1';
	}
	long c = ++count;
	if (fail_at < 0 || c < fail_at || (c > fail_at && !fail_all))
		return 0;
	errno = EIO;
	return 1;
}

typedef ssize_t (*read_fn)(int, void *, size_t);
typedef ssize_t (*write_fn)(int, const void *, size_t);
typedef ssize_t (*pread_fn)(int, void *, size_t, off_t);
typedef ssize_t (*pwrite_fn)(int, const void *, size_t, off_t);
typedef ssize_t (*pread64_fn)(int, void *, size_t, off64_t);
typedef ssize_t (*pwrite64_fn)(int, const void *, size_t, off64_t);
typedef int (*sync_fn)(int);

#define REAL(name, type) \
	static type real_##name; \
	if (!real_##name) \
		real_##name = (type)dlsym(RTLD_NEXT, #name)

ssize_t read(int fd, void *b, size_t n)
{
	REAL(read, read_fn);
	return should_fail(fd) ? -1 : real_read(fd, b, n);
}

ssize_t write(int fd, const void *b, size_t n)
{
	REAL(write, write_fn);
	return should_fail(fd) ? -1 : real_write(fd, b, n);
}

ssize_t pread(int fd, void *b, size_t n, off_t o)
{
	REAL(pread, pread_fn);
	return should_fail(fd) ? -1 : real_pread(fd, b, n, o);
}

ssize_t pwrite(int fd, const void *b, size_t n, off_t o)
{
	REAL(pwrite, pwrite_fn);
	return should_fail(fd) ? -1 : real_pwrite(fd, b, n, o);
}

ssize_t pread64(int fd, void *b, size_t n, off64_t o)
{
	REAL(pread64, pread64_fn);
	return should_fail(fd) ? -1 : real_pread64(fd, b, n, o);
}

ssize_t pwrite64(int fd, const void *b, size_t n, off64_t o)
{
	REAL(pwrite64, pwrite64_fn);
	return should_fail(fd) ? -1 : real_pwrite64(fd, b, n, o);
}

int fsync(int fd)
{
	REAL(fsync, sync_fn);
	return should_fail(fd) ? -1 : real_fsync(fd);
}

int fdatasync(int fd)
{
	REAL(fdatasync, sync_fn);
	return should_fail(fd) ? -1 : real_fdatasync(fd);
}

__attribute__((destructor)) static void report_count(void)
{
	const char *path = getenv("FAILIO_COUNT");
	if (!path)
		return;
	FILE *f = fopen(path, "w");
	if (f) {
		fprintf(f, "%ld\n", count);
		fclose(f);
	}
}
