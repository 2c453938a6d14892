/* Text from reports, file names and the archive, made safe to print on a
 * terminal or write to a log: a title with ESC [ 2 J must not clear the
 * screen, nor a file name with a newline forge a line of `runs`. */
#ifndef COMMUNIQUE_CLI_TERM_H
#define COMMUNIQUE_CLI_TERM_H
#include "util/buf.h"

enum term_flags {
	TERM_LINE = 0,          /* one-line field: every control character is escaped */
	TERM_MULTILINE = 1,     /* a report's body or lede: newlines and tabs kept */
};

/* Appends s to b with control characters (C0, DEL, C1) and bytes that are
 * not UTF-8 written as \xNN ("\x1b" for ESC; newline "\x0a" in a one-line
 * field). Everything else, other scripts included, is kept. Returns 0 or -1
 * (out of memory, b's limit). */
int term_escape(struct buf *b, const char *s, int flags);

/* For printf arguments: s escaped as a one-line field (tv) or multi-line
 * text (tv_multi), in one of a few buffers reused in turn, so that up to 8
 * may appear in one call. Valid until 8 more calls; never NULL ("" for
 * NULL, "?" when out of memory). */
const char *tv(const char *s);
const char *tv_multi(const char *s);

/* A copy of s in which every byte that is not part of valid UTF-8 becomes
 * U+FFFD (for JSON, which must be UTF-8: jansson refuses anything else).
 * malloc'd; NULL only when out of memory. */
char *utf8_repair(const char *s);

#endif
