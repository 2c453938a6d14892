/* Successions of states: before a given day, the names of one state (its
 * capital, its adjective: "Moscow", "Soviet" aside, "Russian") stood for
 * another (the Soviet Union), read from dict/successions.tsv and any
 * successions.tsv given with --dict. The extractor asks which code a state
 * named in a report of a given day stands for.
 *
 * Ownership: a succession table owns its rows; succession_release frees them.
 */
#ifndef COMMUNIQUE_SUCCESSION_H
#define COMMUNIQUE_SUCCESSION_H
#include <stddef.h>

#include "util/cdate.h"

struct succession {
	char successor[8], predecessor[8];
	struct cdate until;     /* the first day the successor's code applies (a day) */
};

struct succession_table {
	struct succession *rows;  /* sorted by `until` */
	size_t n;
};

/* Loads the shipped rows, then every successions.tsv among `extra` (a file
 * of that name or a directory holding one). Returns 0, or -1 with *err
 * (malloc'd) naming the file, the line and what was wrong. On failure the
 * table holds nothing to release. */
int succession_load(struct succession_table *t, const char *const *extra, size_t n_extra, char **err);

/* The code `code` stands for on day `when` (its predecessor's, or `code`
 * itself). A date less precise than a day counts as its first day;
 * an unknown date changes nothing. */
const char *succession_code(const struct succession_table *t, const char *code, const struct cdate *when);

void succession_release(struct succession_table *t);

#endif
