/* SHA-256 digests (OpenSSL's libcrypto), for report content hashes and the
 * HTML export's Content-Security-Policy hashes. */
#ifndef COMMUNIQUE_HASH_H
#define COMMUNIQUE_HASH_H
#include <stddef.h>

/* Writes the 32-byte digest of data into out. Returns 0, or -1 on failure. */
int sha256(const void *data, size_t len, unsigned char out[32]);
/* Writes the lower-case hex digest (64 chars + NUL) into hex. Returns 0 or -1. */
int sha256_hex(const void *data, size_t len, char hex[65]);
/* Writes the base64 digest (44 chars + NUL) into b64, as CSP 'sha256-...' wants. */
int sha256_base64(const void *data, size_t len, char b64[45]);

#endif
