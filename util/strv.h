/* A growable list of owned strings: the paths an import or an update walks. */
#ifndef COMMUNIQUE_STRV_H
#define COMMUNIQUE_STRV_H
#include <stddef.h>

struct strv {
	char **v;
	size_t n, cap;
};

/* Appends a copy of s; -1 when out of memory (the list is unchanged). */
int strv_add(struct strv *l, const char *s);
/* Sorts by strcmp. */
void strv_sort(struct strv *l);
/* Frees the strings and the list, leaving it empty. */
void strv_release(struct strv *l);

#endif
