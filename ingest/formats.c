/* Format sniffing and dispatch to the readers: see formats.h. */
#include "ingest/formats.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest/encoding.h"
#include "ingest/feed.h"
#include "ingest/html.h"
#include "ingest/table.h"
#include "ingest/text.h"
#include "ingest/wire.h"
#include "util/buf.h"

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
		*err = buf_detach(&b);
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
