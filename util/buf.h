/* Growable byte buffers with a ceiling.
 *
 * Every buffer is created with a maximum size, so untrusted input can never
 * make one grow without bound (curl's dynbuf idea). A buffer's data is always
 * NUL-terminated once anything has been added; buf.data is NULL before that.
 * Ownership: the buffer owns data until buf_detach() hands it to the caller,
 * who then frees it with free().
 */
#ifndef COMMUNIQUE_BUF_H
#define COMMUNIQUE_BUF_H
#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data;     /* NUL-terminated contents, or NULL when empty and unallocated */
	size_t len;     /* bytes used, without the NUL */
	size_t cap;     /* bytes allocated */
	size_t max;     /* the most len may ever reach */
	int failed;     /* an append failed since buf_init or buf_reset (see buf_failed) */
};

#define BUF_DEFAULT_MAX ((size_t)1 << 30)

void buf_init(struct buf *b, size_t max);
void buf_release(struct buf *b);
/* Empties the buffer but keeps its memory. */
void buf_reset(struct buf *b);
/* Each returns 0, or -1 when the maximum would be passed or memory ran out
 * (the buffer is then unchanged). */
int buf_add(struct buf *b, const void *p, size_t n);
int buf_addstr(struct buf *b, const char *s);
int buf_addch(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Returns the contents ("" when empty), obtained from malloc: the caller frees
 * it. The buffer is left empty. Returns NULL only when memory ran out. */
char *buf_detach(struct buf *b);
/* Never NULL: "" for an empty buffer. */
const char *buf_str(const struct buf *b);
/* 1 when an append failed since buf_init or buf_reset: a builder of many
 * pieces (an SQL query, a message) checks once at the end instead of after
 * every append, and never uses a text that silently lost a piece. */
int buf_failed(const struct buf *b);
/* For a text that must be whole (a path, a query, a header): the contents as
 * buf_detach() gives them when every append succeeded; else NULL, the buffer
 * released, so that no text missing a piece is used. */
char *buf_finish(struct buf *b);
/* For a message: buf_finish's text, or when an append failed (or memory ran
 * out), "cannot write WHAT: out of memory or too long" instead of the cut
 * message. NULL only when even that cannot be allocated. */
char *buf_finish_msg(struct buf *b, const char *what);
/* The contents to print, or that same sentence when an append failed
 * (written into `fallback`, of `size` bytes): for messages printed on the
 * spot, which no caller frees. */
const char *buf_msg_str(const struct buf *b, const char *what, char *fallback, size_t size);

/* Makes room for `need` elements of `size` bytes in the array *p of *cap
 * (doubling, from 16). Returns 0, or -1 when memory runs out or the size
 * would overflow (the array is then unchanged). */
int grow_array(void **p, size_t *cap, size_t need, size_t size);

/* strdup/strndup that return NULL for NULL input. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
