/* Format sniffing and dispatch to the readers: see formats.h. */
#include "ingest/formats.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest/encoding.h"
#include "ingest/feed.h"
#include "ingest/html.h"
#include "ingest/table.h"
#include "ingest/text.h"
#include "ingest/wire.h"
#include "ingest/xmlsafe.h"
#include "util/buf.h"
#include "util/file.h"

#include <sys/stat.h>
#include <unistd.h>

const char formats_list[] = "auto, text, html, rss, atom, nitf, newsml-g2, newsml-1.2, csv, jsonl";

int format_known(const char *name)
{
	static const char *const names[] = {"auto", "text", "html", "rss", "atom", "nitf",
					    "newsml-g2", "newsml-1.2", "newsml", "xml", "csv", "jsonl"};
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (!strcmp(name, names[i]))
			return 1;
	return 0;
}

static int has_ext(const char *path, const char *ext)
{
	size_t n = path ? strlen(path) : 0, e = strlen(ext);
	return n > e && !strcasecmp(path + n - e, ext);
}

/* Finds a case-insensitive ASCII needle in the first `len` bytes. */
static int contains_ci(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= len; i++)
		if (!strncasecmp(s + i, needle, n))
			return 1;
	return 0;
}

const char *format_sniff(const char *data, size_t len, const char *path)
{
	size_t i = 0;
	if (len >= 3 && (unsigned char)data[0] == 0xEF && (unsigned char)data[1] == 0xBB &&
	    (unsigned char)data[2] == 0xBF)
		i = 3;
	while (i < len && isspace((unsigned char)data[i]))
		i++;
	const char *w = wire_sniff(data, len);
	if (w)
		return w;
	size_t head = len - i < 4096 ? len - i : 4096;
	if (i < len && data[i] == '<' &&
	    (contains_ci(data + i, head, "<html") || contains_ci(data + i, head, "<!doctype html") ||
	     contains_ci(data + i, head, "<head") || contains_ci(data + i, head, "<body")))
		return "html";
	if (has_ext(path, ".html") || has_ext(path, ".htm") || has_ext(path, ".xhtml"))
		return "html";
	if (has_ext(path, ".csv"))
		return "csv";
	if (has_ext(path, ".jsonl") || has_ext(path, ".ndjson") || (i < len && data[i] == '{'))
		return "jsonl";
	return "text";
}

int format_read(const char *data, size_t len, const char *format, const char *map,
		const struct ingest_hints *hints, report_sink sink, report_error_fn on_error,
		void *ctx, const char **used, char **err)
{
	/* Binary content is refused before any reader sees it, whatever its
	 * name: the HTML and XML parsers would otherwise make a "report" of
	 * a PDF or an image saved as .html. */
	const char *binary = encoding_sniff_binary(data, len);
	if (binary) {
		*used = format ? format : "auto";
		struct buf b;
		buf_init(&b, 1024);
		buf_printf(&b, "binary content, not a report: %s", binary);
		*err = buf_finish_msg(&b, "why the file is refused");
		return -1;
	}
	if (!format || !strcmp(format, "auto"))
		format = format_sniff(data, len, hints->path);
	*used = format;
	if (!strcmp(format, "html"))
		goto single_html;
	if (!strcmp(format, "rss") || !strcmp(format, "atom"))
		return feed_read(data, len, hints, sink, on_error, ctx, err);
	if (!strcmp(format, "nitf") || !strncmp(format, "newsml", 6) || !strcmp(format, "xml"))
		return wire_read(data, len, hints, sink, on_error, ctx, err);
	if (!strcmp(format, "csv") || !strcmp(format, "jsonl"))
		return table_read(data, len, !strcmp(format, "csv"), map, hints, sink, on_error, ctx, err);

	/* Plain text: decode to UTF-8 first. */
	char *utf8 = NULL;
	size_t n = 0;
	if (encoding_to_utf8(data, len, NULL, &utf8, &n, err))
		return -1;
	struct report r;
	report_init(&r);
	int rc = text_read(utf8, n, hints, &r, err);
	free(utf8);
	if (!rc && sink(ctx, &r, NULL))
		rc = -1;
	report_release(&r);
	return rc;

single_html:;
	struct report h;
	report_init(&h);
	rc = html_read(data, len, hints, &h, err);
	if (!rc && sink(ctx, &h, NULL))
		rc = -1;
	report_release(&h);
	return rc;
}

/* How much of a file is read to choose its reader: a feed's format shows in
 * its root element, after at most a prolog (wire_sniff looks at 64 KB). */
#define HEAD_MAX ((size_t)64 << 10)

static char *read_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *read_error(const char *fmt, ...)
{
	struct buf b;
	buf_init(&b, 512);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (buf_failed(&b)) {
		buf_release(&b);
		return strdup("out of memory");
	}
	return buf_detach(&b);
}

/* Reads up to HEAD_MAX bytes of fd into head; returns the count or -1. */
static ssize_t read_head(int fd, char *head)
{
	size_t n = 0;
	while (n < HEAD_MAX) {
		ssize_t got = read(fd, head + n, HEAD_MAX - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return -1;
		if (got == 0)
			break;
		n += (size_t)got;
	}
	return (ssize_t)n;
}

/* Reads the file whole (bounded) and hands it to format_read, or to
 * feed_read_skip when `skip` items of a feed were streamed already. */
static int read_whole(const char *path, size_t max, int skip, const char *format, const char *map,
		      const struct ingest_hints *hints, report_sink sink, report_error_fn on_error,
		      void *ctx, const char **used, char **err)
{
	struct buf data;
	char *why = NULL;
	if (read_file_bounded(path, max, &data, NULL, &why)) {
		*err = why;
		return -2;
	}
	int rc = skip ? feed_read_skip(data.data ? data.data : "", data.len, skip, hints, sink, on_error, ctx, err)
		      : format_read(data.data ? data.data : "", data.len, format, map, hints, sink, on_error, ctx,
				    used, err);
	buf_release(&data);
	return rc;
}

/* A page larger than HTML_MAX_INPUT: its first HTML_MAX_INPUT bytes (head,
 * n bytes, read already, then the rest from fd), warned as html_read warns. */
static int read_html_head(int fd, const char *head, size_t n, size_t size, const struct ingest_hints *hints,
			  report_sink sink, void *ctx, char **err)
{
	struct buf page;
	buf_init(&page, HTML_MAX_INPUT);
	int rc = buf_add(&page, head, n);
	char *chunk = rc ? NULL : malloc(HEAD_MAX);
	while (!rc && chunk && page.len < HTML_MAX_INPUT) {
		size_t want = HTML_MAX_INPUT - page.len < HEAD_MAX ? HTML_MAX_INPUT - page.len : HEAD_MAX;
		ssize_t got = read(fd, chunk, want);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			rc = -2;
			*err = strdup(got < 0 ? strerror(errno) : "it changed while it was read");
			break;
		}
		rc = buf_add(&page, chunk, (size_t)got);
	}
	if ((rc == -1 || !chunk) && !*err)
		*err = strdup("out of memory");
	free(chunk);
	if (!*err) {
		struct report r;
		report_init(&r);
		rc = report_warn(&r, "page is %zu bytes: only the first %zu were read", size, HTML_MAX_INPUT);
		if (rc)
			*err = strdup("out of memory reading page");
		else
			rc = html_read(page.data, page.len, hints, &r, err);
		if (!rc && sink(ctx, &r, NULL))
			rc = -1;
		report_release(&r);
	} else if (rc != -2) {
		rc = -1;
	}
	buf_release(&page);
	return rc;
}

int format_read_file(const char *path, size_t max, const char *format, const char *map,
		     const struct ingest_hints *hints, report_sink sink, report_error_fn on_error,
		     void *ctx, const char **used, char **err)
{
	*err = NULL;
	*used = format ? format : "auto";
	/* Standard input cannot be read twice: it is read whole. */
	if (!strcmp(path, "-"))
		return read_whole(path, max, 0, format, map, hints, sink, on_error, ctx, used, err);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat sb;
	if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		/* read_file_bounded says what is wrong, as it always did. */
		if (fd >= 0)
			close(fd);
		return read_whole(path, max, 0, format, map, hints, sink, on_error, ctx, used, err);
	}
	if ((size_t)sb.st_size > max) {
		close(fd);
		*err = read_error("file too large (%lld bytes; the limit is %zu)", (long long)sb.st_size, max);
		return -2;
	}
	/* NUL-terminated, as read_file_bounded's buffers are: readers may rely on it. */
	char *head = malloc(HEAD_MAX + 1);
	ssize_t got = head ? read_head(fd, head) : -1;
	if (got >= 0)
		head[got] = '\0';
	struct stat after;
	if (got >= 0 && (size_t)got < HEAD_MAX && fstat(fd, &after) == 0 && after.st_size == got &&
	    after.st_size == sb.st_size && after.st_mtim.tv_sec == sb.st_mtim.tv_sec &&
	    after.st_mtim.tv_nsec == sb.st_mtim.tv_nsec) {
		/* A small file (most reports), read whole already. */
		close(fd);
		int rc = format_read(head, (size_t)got, format, map, hints, sink, on_error, ctx, used, err);
		free(head);
		return rc;
	}
	if (got < 0 || (size_t)got < HEAD_MAX || (size_t)sb.st_size <= HEAD_MAX) {
		/* Changed while read, or unreadable: as it always was. */
		free(head);
		close(fd);
		return read_whole(path, max, 0, format, map, hints, sink, on_error, ctx, used, err);
	}
	size_t n = (size_t)got;
	const char *f = format && strcmp(format, "auto") ? format : format_sniff(head, n, hints->path);
	int rc;
	if (encoding_sniff_binary(head, n)) {
		rc = format_read(head, n, format, map, hints, sink, on_error, ctx, used, err);
	} else if (!strcmp(f, "text") && (size_t)sb.st_size > TEXT_MAX_INPUT) {
		/* Refused by its size, before it costs its size in memory. */
		*used = f;
		rc = -1;
		*err = strdup("report too large");
	} else if ((!strcmp(f, "rss") || !strcmp(f, "atom")) && xmlsafe_streamable(head, n)) {
		*used = f;
		int done = 0;
		rc = feed_stream(fd, head, n, hints, sink, on_error, ctx, &done, err);
		if (rc == 1)
			rc = read_whole(path, max, done, f, map, hints, sink, on_error, ctx, used,
					err);
	} else if (!strcmp(f, "html") && (size_t)sb.st_size > HTML_MAX_INPUT) {
		/* html_read reads no more than this of a page: the rest is not
		 * read either. */
		*used = f;
		rc = read_html_head(fd, head, n, (size_t)sb.st_size, hints, sink, ctx, err);
	} else if (!strcmp(f, "csv") || !strcmp(f, "jsonl")) {
		*used = f;
		rc = table_stream(fd, !strcmp(f, "csv"), map, hints, sink, on_error, ctx, err);
		if (rc == 1)
			rc = 2;   /* not UTF-8 throughout: decoded whole */
	} else {
		rc = 2;
	}
	free(head);
	close(fd);
	if (rc == 2)
		rc = read_whole(path, max, 0, format, map, hints, sink, on_error, ctx, used, err);
	return rc;
}
