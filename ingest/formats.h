/* Which reader a file needs, and reading a whole file's bytes into reports
 * with it: the one entry point both `ingest` and `extract` use. */
#ifndef COMMUNIQUE_FORMATS_H
#define COMMUNIQUE_FORMATS_H
#include <stddef.h>

#include "ingest/report.h"

/* The formats --format accepts, comma-separated, for help and messages. */
extern const char formats_list[];

/* Whether `name` is a known format ("auto" included). */
int format_known(const char *name);

/* The format of the bytes: "html", "nitf", "newsml-g2", "newsml-1.2", "rss",
 * "atom", "jsonl", "csv" (by the path's extension) or "text". */
const char *format_sniff(const char *data, size_t len, const char *path);

/* Reads data (a whole file) in `format` ("auto" sniffs) and hands every
 * report to sink; items that cannot be read go to on_error. map is --map for
 * tables (NULL otherwise). Binary content (encoding_sniff_binary: a PDF, an
 * image, an archive...) is refused whatever the format, with *err "binary
 * content, not a report: WHAT". Returns 0, or -1 with *err when the file as
 * a whole could not be read. *used is set to the format actually used. */
int format_read(const char *data, size_t len, const char *format, const char *map,
		const struct ingest_hints *hints, report_sink sink, report_error_fn on_error,
		void *ctx, const char **used, char **err);

/* Reads the file at path ("-" for standard input) as format_read does, with
 * at most `max` bytes, without holding it whole when that is not needed: a
 * feed is read item by item (feed_stream), a table record by record
 * (table_stream), a plain-text file larger than
 * TEXT_MAX_INPUT is refused by its size before it is read ("report too
 * large"); other files are read whole (read_file_bounded). Returns 0; -1
 * with *err as format_read; or -2 when the file could not be read, with *err
 * the reason (read_file_bounded's), NULL when the file changed while it was
 * read. */
int format_read_file(const char *path, size_t max, const char *format, const char *map,
		     const struct ingest_hints *hints, report_sink sink, report_error_fn on_error,
		     void *ctx, const char **used, char **err);

#endif
