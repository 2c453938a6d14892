/* Reading a whole input file with a size limit: see file.h. */
#include "util/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int64_t mtime_ns(const struct stat *sb)
{
	return (int64_t)sb->st_mtim.tv_sec * 1000000000 + sb->st_mtim.tv_nsec;
}

int read_file_bounded(const char *path, size_t max, struct buf *out, struct stat *sb_out, char **why)
{
	int is_stdin = !strcmp(path, "-");
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	struct stat sb;
	memset(&sb, 0, sizeof(sb));
	*why = NULL;
	buf_init(out, max);
	if (fd < 0) {
		*why = strdup(strerror(errno));
		return -1;
	}
	if (!is_stdin) {
		if (fstat(fd, &sb) != 0) {
			*why = strdup(strerror(errno));
			close(fd);
			return -1;
		}
		if (S_ISDIR(sb.st_mode)) {
			close(fd);
			*why = strdup("is a directory");
			return -1;
		}
		/* Refused before reading: a 100 MB file costs no memory. */
		if (S_ISREG(sb.st_mode) && (size_t)sb.st_size > max) {
			struct buf m;
			buf_init(&m, 256);
			buf_printf(&m, "file too large (%lld bytes; the limit is %zu)", (long long)sb.st_size, max);
			*why = buf_detach(&m);
			close(fd);
			return -1;
		}
	}
	char chunk[65536];
	for (;;) {
		ssize_t got = read(fd, chunk, sizeof(chunk));
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			*why = strdup(strerror(errno));
			break;
		}
		if (got == 0)
			break;
		if (buf_add(out, chunk, (size_t)got)) {
			struct buf m;
			buf_init(&m, 256);
			buf_printf(&m, "input too large (the limit is %zu bytes)", max);
			*why = buf_detach(&m);
			break;
		}
	}
	int moved = 0;
	if (!is_stdin) {
		struct stat after;
		moved = !*why && S_ISREG(sb.st_mode) &&
			(fstat(fd, &after) != 0 || after.st_size != sb.st_size || mtime_ns(&after) != mtime_ns(&sb) ||
			 (off_t)out->len != sb.st_size);
		close(fd);
	}
	if (sb_out)
		*sb_out = sb;
	if (*why || moved) {
		buf_release(out);
		return *why ? -1 : 1;
	}
	return 0;
}

int dict_file_named(const char *extra, const char *base, struct buf *out)
{
	buf_init(out, 0);
	struct stat sb;
	if (stat(extra, &sb) != 0)
		return 0;
	if (S_ISDIR(sb.st_mode)) {
		if (buf_printf(out, "%s/%s", extra, base) || stat(buf_str(out), &sb) != 0 || S_ISDIR(sb.st_mode)) {
			buf_release(out);
			return 0;
		}
		return 1;
	}
	const char *slash = strrchr(extra, '/');
	if (strcmp(slash ? slash + 1 : extra, base) || buf_addstr(out, extra)) {
		buf_release(out);
		return 0;
	}
	return 1;
}
