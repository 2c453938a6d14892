/* The sources of the scheduled update: reading the sources file, and
 * bringing one source's new and changed reports into the archive.
 *
 * The sources file is INI style, one section per source (errors name the
 * line, "sources.conf:7: unknown key 'paht'"):
 *
 *   [tass-inbox]
 *   kind = dir              ; an inbox folder, walked recursively
 *   path = /srv/reports/tass
 *   agency = TASS           ; optional: for reports that do not say
 *   format = auto           ; optional, as for ingest
 *   include = *.txt *.html  ; optional glob patterns (exclude = likewise)
 *
 *   [mfa-feed]
 *   kind = feed             ; RSS or Atom
 *   url = https://example.org/feed.xml   ; or path = a feed file
 *
 * Comments start with ';' or '#' at the start of a line or after a blank.
 * Relative paths are taken from the sources file's directory. A pattern
 * without '/' matches a file's name, one with '/' its path below the source.
 *
 * Updating a source (updater_source) imports only what is new or changed:
 * files are compared by path, size and modification time with the state
 * the archive remembers (loaded with one query), and only files that differ
 * are read and hashed; a file whose bytes did not change is not parsed
 * again. Feeds are fetched with conditional requests, and a body identical
 * to the last one is not parsed again; items already in the archive are
 * found by content and guid (store_classify). A file's state is written in
 * the same transaction as its reports, so a run killed at any moment is
 * completed, exactly once, by the next one.
 *
 * The module never prints: messages go to the caller's callback.
 */
#ifndef COMMUNIQUE_SOURCES_H
#define COMMUNIQUE_SOURCES_H
#include <stddef.h>

#include "ingest/extract.h"
#include "ingest/fetch.h"
#include "store/store.h"

enum source_kind { SOURCE_DIR, SOURCE_FEED };

struct source {
	char *name;              /* the section name: letters, digits, '.', '_', '-' */
	enum source_kind kind;
	char *path;              /* a directory or file, resolved; NULL for a feed with url */
	char *url;               /* http(s) URL of a feed; NULL otherwise */
	char *agency;            /* or NULL */
	char *format;            /* "auto" unless given */
	char **include;          /* glob patterns; none = every file */
	size_t n_include;
	char **exclude;
	size_t n_exclude;
	int line;                /* the section's line in the sources file */
};

/* All strings are malloc'd and owned by the list. */
struct source_list {
	struct source *v;
	size_t n;
};

/* Parses a sources file's text. `file` names it in messages; relative paths
 * are resolved against base_dir (NULL = as written). On failure *out is
 * empty and *err says "FILE:LINE: what is wrong". */
int sources_parse(const char *text, size_t len, const char *file, const char *base_dir,
		  struct source_list *out, char **err);
/* Reads and parses the file at path. */
int sources_load(const char *path, struct source_list *out, char **err);
void sources_release(struct source_list *l);
/* The source called name, or NULL. */
const struct source *sources_find(const struct source_list *l, const char *name);
/* Whether a file at `rel` (its path below the source's directory) passes
 * the source's include and exclude patterns. */
int source_wants(const struct source *src, const char *rel);

/* ---- updating ------------------------------------------------------------ */

struct update_options {
	int dry_run;             /* say what would be imported; write nothing */
	int rescan;              /* ignore the remembered file state (every file is hashed again) */
	int batch;               /* files per transaction (0 = 100) */
	size_t max_file;         /* bytes; larger files are refused (0 = 256 MiB) */
	struct fetch_options fetch;   /* for feeds over HTTP (validators are filled per source) */
};

enum update_msg {
	UPDATE_ERROR,            /* a file, item or the whole source failed */
	UPDATE_WARNING,          /* something about a report worth knowing (a missing date...) */
	UPDATE_NOTE,             /* what was done, or would be with dry_run */
};
/* where: a path or URL, with ": item 3" for an item of a feed or table. */
typedef void (*update_msg_fn)(void *ctx, enum update_msg kind, const struct source *src,
			      const char *where, const char *msg);

/* What one source's update did. Reports are counted once each; `unchanged`
 * also counts files skipped because they did not change. */
struct source_result {
	long imported, replaced, unchanged, failed;
	long files_read;         /* files read and hashed */
	long files_skipped;      /* files found unchanged by size and time */
	int not_modified;        /* a feed answered 304, or sent the same body again */
	int source_failed;       /* the source as a whole could not be read */
};

struct updater;

int updater_new(struct store *s, struct extractor *x, const struct update_options *o,
		update_msg_fn fn, void *ctx, struct updater **out, char **err);
/* Brings one source up to date and commits. Failures of files, items or the
 * source itself are reported through the callback and counted in *res;
 * returns -1 with *err only when the archive itself failed (the open batch
 * is rolled back, and nothing more can be written). */
int updater_source(struct updater *u, const struct source *src, struct source_result *res,
		   char **err);
void updater_free(struct updater *u);

/* "ok", "partial", "failed" or "not modified", as the run records it. */
const char *source_status(const struct source_result *r);

#endif
