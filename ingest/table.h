/* Importer for tables of reports: CSV (via libcsv) and JSON Lines (via
 * jansson).
 *
 * A CSV file needs a header row; each following record is one report, named
 * "row N" in messages, N counting records from the header (row 1), as a
 * spreadsheet numbers them. A JSONL file holds one JSON object per line,
 * named "line N" (blank lines are skipped). The columns / keys read are,
 * by default:
 *   title, published, agency, url, text   (text is required)
 *   place, author, guid, lede             (read when present)
 * and a map renames them: "title=headline,text=content" reads the title from
 * the column "headline" and the text from "content". published takes ISO
 * 8601 with or without an offset, RFC 822 or a bare date (see
 * wire_parse_time()); in JSONL a number is taken as Unix seconds. agency is
 * canonicalised when the agency dictionary knows the name.
 *
 * A record that cannot be a report (no text, a published value that is not a
 * date, a CSV row whose field count differs from the header's, a JSONL line
 * that is not an object, the first line included) goes to on_error with its
 * name; reading goes on. A JSONL file none of whose lines is an object (a
 * pretty-printed document) is refused whole, with one message.
 * A NUL byte in a CSV field is removed and the text around it kept, with a
 * warning naming the column: a NUL is never part of a report's text (it
 * comes from a damaged export), and dropping the record, or the text after
 * the byte, would lose what the analyst has. Memory is bounded: a CSV field or a JSONL line longer than TABLE_MAX_RECORD
 * is not parsed (the record is reported and skipped), and report fields are
 * capped as in wire_util.h.
 */
#ifndef COMMUNIQUE_TABLE_H
#define COMMUNIQUE_TABLE_H
#include <stddef.h>

#include "ingest/report.h"

/* The longest CSV field or JSONL line that is parsed. */
#define TABLE_MAX_RECORD ((size_t)64 << 20)

/* Reads data (len bytes) as CSV (is_csv 1) or JSONL (is_csv 0). map may be
 * NULL; h may be NULL (h->path names the file in messages, h->agency and
 * h->date fill what records do not say); on_error may be NULL. Returns 0
 * when the table was read (even if some records went to on_error), -1 with
 * *err (malloc'd, lower-case) when the map is malformed or names an unknown
 * field, the CSV has no header or no text column, or the sink asked to
 * stop. Reports have format "csv" or "jsonl". */
int table_read(const char *data, size_t len, int is_csv, const char *map,
	       const struct ingest_hints *h, report_sink sink, report_error_fn on_error,
	       void *ctx, char **err);

/* Reads the table in fd (a regular file, read from its start) record by
 * record, never whole: memory is that of one record (at most
 * TABLE_MAX_RECORD). JSON Lines is read twice: once to its first object line
 * (a file with none is refused whole), then line by line. A CSV file is read
 * once to check that it is UTF-8 throughout, then parsed in chunks; one that
 * is not returns 1 (the caller reads it whole with table_read, which guesses
 * its charset from all of it). Otherwise returns as table_read. */
int table_stream(int fd, int is_csv, const char *map, const struct ingest_hints *h, report_sink sink,
		 report_error_fn on_error, void *ctx, char **err);

#endif
