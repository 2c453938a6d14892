/* The import job: walks files and directories, reads each file with the
 * right reader, extracts events and stores every report atomically, in
 * batched transactions. Used by `ingest` (and the scheduled update).
 *
 * Messages (a file that failed, a warning about a report) go to the caller's
 * callback: the importer never prints.
 */
#ifndef COMMUNIQUE_IMPORTER_H
#define COMMUNIQUE_IMPORTER_H
#include <stddef.h>

#include "ingest/extract.h"
#include "ingest/report.h"
#include "store/store.h"

struct import_options {
	const char *format;        /* "auto" or a reader's name */
	const char *map;           /* --map for tables, or NULL */
	struct ingest_hints hints; /* --agency, --url, --date (path is set per file) */
	size_t max_file;           /* bytes; larger files are refused (0 = 256 MiB) */
	int batch;                 /* reports per transaction (0 = 10000) */
	int no_events;             /* store the reports only, without extracting events */
};

struct import_stats {
	long imported, unchanged, replaced, failed;
	long files;                /* files read */
};

enum import_msg { IMPORT_ERROR, IMPORT_WARNING, IMPORT_PROGRESS };
/* where: "path" or "path: item 3"; for IMPORT_PROGRESS, msg is NULL and
 * done/total are set. */
typedef void (*import_msg_fn)(void *ctx, enum import_msg kind, const char *where, const char *msg,
			      long done, long total);

struct importer;

/* importer_new puts the store in bulk mode (store_bulk: a larger page cache,
 * rarer checkpoints) until importer_finish or importer_free. */
int importer_new(struct store *s, struct extractor *x, const struct import_options *o,
		 import_msg_fn fn, void *ctx, struct importer **out, char **err);
/* Imports every path (file, directory walked recursively, or "-" for standard
 * input). A file that fails is reported and skipped. Returns 0, or -1 with
 * *err when the archive itself failed (then nothing more can be imported and
 * the open batch is rolled back). */
int importer_run(struct importer *im, const char *const *paths, size_t n, char **err);
/* Commits what is pending; fills the counts. */
int importer_finish(struct importer *im, struct import_stats *stats, char **err);
void importer_free(struct importer *im);

#endif
