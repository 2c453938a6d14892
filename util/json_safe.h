/* Parsing JSON text with jansson without crashing when memory runs out.
 * jansson 2.14's parser does not survive a failed allocation inside a
 * string (lex_scan_string frees a pointer it never got), so its allocator
 * is replaced by one that falls back on a small reserve and remembers that
 * the system allocator failed: the parse finishes, and its result is thrown
 * away and reported as a failure. */
#ifndef COMMUNIQUE_JSON_SAFE_H
#define COMMUNIQUE_JSON_SAFE_H
#include <jansson.h>

/* Like json_loads(text, flags, NULL): the value, or NULL when the text is
 * not JSON or memory ran out while reading it. */
json_t *json_parse_text(const char *text, size_t flags);

#endif
