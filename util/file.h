/* Reading a whole input file with a size limit: the one reader behind
 * ingest, update and extract, so that every path refuses the same way. */
#ifndef COMMUNIQUE_FILE_H
#define COMMUNIQUE_FILE_H
#include <stddef.h>
#include <sys/stat.h>

#include "util/buf.h"

/* Reads path ("-" for standard input) into *out (initialised here, with
 * `max` as its ceiling). *sb, when not NULL, receives the file's state as it
 * was before reading (zeroed for standard input). Returns 0; 1 when the file
 * changed while it was read (size, mtime or length read differ: *out is
 * released and the caller should try again later); or -1 with *why set to a
 * malloc'd reason ("file too large (... bytes; the limit is ...)", "input
 * too large" from standard input, "out of memory", "is a directory",
 * strerror). */
int read_file_bounded(const char *path, size_t max, struct buf *out, struct stat *sb, char **why);
/* Like read_file_bounded, but keeps only the SHA-256 of the bytes (lower-case
 * hex in hex), so a file of any size up to max costs no memory to compare
 * with what was read before. Same returns. */
int hash_file_bounded(const char *path, size_t max, char hex[65], struct stat *sb, char **why);

/* Whether the --dict path `extra` gives a dictionary file named `base`: the
 * path itself when its file name is `base`, or `base` inside it when it is a
 * directory holding one. Sets *out (initialised here) to that path and
 * returns 1; else returns 0 with *out empty (a path that does not exist is
 * the dictionary loader's to report). */
int dict_file_named(const char *extra, const char *base, struct buf *out);

/* Sets *err (malloc'd) to "dictionary 'NAME', line N: WHAT 'SUBJECT'" (no
 * line when line is 0, no subject when it is NULL), the one form every
 * dictionary reader refuses a file in. Returns -1, for `return dict_error(...)`. */
int dict_error(char **err, const char *name, size_t line, const char *what, const char *subject);

/* Hands the text of a dictionary file to fn: first the built-in file named
 * `base` (named "BASE (built in)" in messages), then each file of that name
 * among the --dict paths `extra`, read whole (at most `max` bytes). Stops at
 * the first failure. Returns 0, or -1 with *err (malloc'd) set by fn, or here
 * ("dictionary 'PATH': why") when a file cannot be read. */
typedef int (*dict_text_fn)(void *ctx, const char *name, const char *text, char **err);
int dict_texts(const char *base, const char *const *extra, size_t n_extra, size_t max, dict_text_fn fn, void *ctx,
	       char **err);

#endif
