/* Reading a whole input file with a size limit: see file.h. */
#include "util/file.h"

#include <stdio.h>
#include "util/embedded.h"
#include "util/hash.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int64_t mtime_ns(const struct stat *sb)
{
	return (int64_t)sb->st_mtim.tv_sec * 1000000000 + sb->st_mtim.tv_nsec;
}

/* What is done with each piece of a file as it is read: 0 to go on; -1 with
 * *why set to stop. */
typedef int (*chunk_fn)(void *ctx, const char *p, size_t n, char **why);

/* Reads path ("-" for standard input) piece by piece into fn, refusing a
 * regular file larger than max before reading it. Returns 0, 1 when the
 * file changed while it was read (size, time or bytes read), -1 with *why. */
static int read_chunks(const char *path, size_t max, chunk_fn fn, void *ctx, struct stat *sb_out, char **why)
{
	int is_stdin = !strcmp(path, "-");
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	struct stat sb;
	memset(&sb, 0, sizeof(sb));
	*why = NULL;
	if (sb_out)
		*sb_out = sb;
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
			*why = buf_finish_msg(&m, "why the file is refused");
			close(fd);
			return -1;
		}
	}
	char chunk[65536];
	size_t total = 0;
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
		if (fn(ctx, chunk, (size_t)got, why))
			break;
		total += (size_t)got;
	}
	int moved = 0;
	if (!is_stdin) {
		struct stat after;
		moved = !*why && S_ISREG(sb.st_mode) &&
			(fstat(fd, &after) != 0 || after.st_size != sb.st_size || mtime_ns(&after) != mtime_ns(&sb) ||
			 (off_t)total != sb.st_size);
		close(fd);
	}
	if (sb_out)
		*sb_out = sb;
	return *why ? -1 : moved ? 1 : 0;
}

static int add_to_buf(void *ctx, const char *p, size_t n, char **why)
{
	struct buf *out = ctx;
	if (!buf_add(out, p, n))
		return 0;
	/* The ceiling, or memory: each said as what it is. */
	if (n > out->max - out->len) {
		struct buf m;
		buf_init(&m, 256);
		buf_printf(&m, "input too large (the limit is %zu bytes)", out->max);
		*why = buf_finish_msg(&m, "why the file is refused");
	} else {
		*why = strdup("out of memory");
	}
	return -1;
}

int read_file_bounded(const char *path, size_t max, struct buf *out, struct stat *sb_out, char **why)
{
	buf_init(out, max);
	int rc = read_chunks(path, max, add_to_buf, out, sb_out, why);
	if (rc)
		buf_release(out);
	return rc;
}

struct hashing {
	struct sha256_ctx *c;
	size_t len, max;
};

static int add_to_hash(void *ctx, const char *p, size_t n, char **why)
{
	struct hashing *h = ctx;
	if (n > h->max - h->len) {
		struct buf m;
		buf_init(&m, 256);
		buf_printf(&m, "input too large (the limit is %zu bytes)", h->max);
		*why = buf_finish_msg(&m, "why the file is refused");
		return -1;
	}
	h->len += n;
	if (sha256_add(h->c, p, n)) {
		*why = strdup("cannot hash the file");
		return -1;
	}
	return 0;
}

int hash_file_bounded(const char *path, size_t max, char hex[65], struct stat *sb, char **why)
{
	struct hashing h = {.c = sha256_begin(), .max = max};
	if (!h.c) {
		*why = strdup("out of memory");
		if (sb)
			memset(sb, 0, sizeof(*sb));
		return -1;
	}
	int rc = read_chunks(path, max, add_to_hash, &h, sb, why);
	if (sha256_end_hex(h.c, hex) && !rc) {
		*why = strdup("cannot hash the file");
		rc = -1;
	}
	return rc;
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

int dict_texts(const char *base, const char *const *extra, size_t n_extra, size_t max, dict_text_fn fn, void *ctx,
	       char **err)
{
	for (const struct embedded_file *f = embedded_dict; f->name; f++)
		if (!strcmp(f->name, base)) {
			struct buf name;
			buf_init(&name, 0);
			int rc = buf_printf(&name, "%s (built in)", base) ? -1 : fn(ctx, buf_str(&name), f->data, err);
			if (rc && !*err)
				*err = strdup("out of memory");
			buf_release(&name);
			if (rc)
				return -1;
		}
	for (size_t i = 0; i < n_extra; i++) {
		struct buf path, text;
		if (!dict_file_named(extra[i], base, &path))
			continue;
		char *why = NULL;
		if (read_file_bounded(buf_str(&path), max, &text, NULL, &why)) {
			dict_error(err, buf_str(&path), 0, why ? why : "it changed while it was read", NULL);
			free(why);
			buf_release(&path);
			return -1;
		}
		int rc = fn(ctx, buf_str(&path), buf_str(&text), err);
		buf_release(&text);
		buf_release(&path);
		if (rc)
			return -1;
	}
	return 0;
}

int dict_error(char **err, const char *name, size_t line, const char *what, const char *subject)
{
	struct buf b;
	buf_init(&b, 0);
	if (line)
		buf_printf(&b, "dictionary '%s', line %zu: %s", name, line, what);
	else
		buf_printf(&b, "dictionary '%s': %s", name, what);
	if (subject)
		buf_printf(&b, " '%s'", subject);
	*err = buf_finish_msg(&b, "a dictionary's error message");
	return -1;
}
