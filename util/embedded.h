/* Files compiled into the binary: schema migrations and shipped dictionaries. */
#ifndef COMMUNIQUE_EMBEDDED_H
#define COMMUNIQUE_EMBEDDED_H
#include <stddef.h>

struct embedded_file {
	const char *name;  /* base name, e.g. "001_init.sql"; NULL ends a table */
	const char *data;  /* contents, NUL-terminated */
	size_t len;        /* length without the NUL */
};

/* Both tables are sorted by name and end with a NULL name. */
extern const struct embedded_file embedded_schema[];
extern const struct embedded_file embedded_dict[];

#endif
