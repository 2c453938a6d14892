/* SHA-256 digests (Nettle), for report content hashes and the
 * HTML export's Content-Security-Policy hashes. */
#ifndef COMMUNIQUE_HASH_H
#define COMMUNIQUE_HASH_H
#include <stddef.h>

/* Writes the 32-byte digest of data into out. Returns 0, or -1 on failure. */
int sha256(const void *data, size_t len, unsigned char out[32]);
/* Writes the lower-case hex digest (64 chars + NUL) into hex. Returns 0 or -1. */
int sha256_hex(const void *data, size_t len, char hex[65]);
/* Incremental SHA-256 for data that comes in pieces: sha256_begin returns
 * NULL when out of memory; sha256_add returns 0 or -1; sha256_end_hex
 * writes the hex digest, frees the context and returns 0 or -1 (it frees
 * it also on failure, and accepts NULL as a failed context). */
struct sha256_ctx;
struct sha256_ctx *sha256_begin(void);
int sha256_add(struct sha256_ctx *c, const void *data, size_t len);
int sha256_end_hex(struct sha256_ctx *c, char hex[65]);
/* Writes the base64 digest (44 chars + NUL) into b64, as CSP 'sha256-...' wants. */
int sha256_base64(const void *data, size_t len, char b64[45]);

#endif
