/* SHA-256 digests: see hash.h. Nettle's, because they allocate nothing and
 * need no library-wide initialisation: OpenSSL's libcrypto (used before)
 * sets up its provider store lazily, and when memory ran out there it went
 * on with a lock it never got (a crash found by fault injection). */
#include "util/hash.h"

#include <stdint.h>
#include <stdlib.h>

#include <nettle/base64.h>
#include <nettle/sha2.h>

/* struct sha256_ctx, opaque in hash.h, is Nettle's own (the same tag). */

int sha256(const void *data, size_t len, unsigned char out[32])
{
	struct sha256_ctx c;
	sha256_init(&c);
	sha256_update(&c, len, data);
	sha256_digest(&c, SHA256_DIGEST_SIZE, out);
	return 0;
}

static void to_hex(const unsigned char d[32], char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	for (int i = 0; i < 32; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[64] = '\0';
}

int sha256_hex(const void *data, size_t len, char hex[65])
{
	unsigned char d[32];
	if (sha256(data, len, d))
		return -1;
	to_hex(d, hex);
	return 0;
}

struct sha256_ctx *sha256_begin(void)
{
	struct sha256_ctx *c = malloc(sizeof(*c));
	if (c)
		sha256_init(c);
	return c;
}

int sha256_add(struct sha256_ctx *c, const void *data, size_t len)
{
	if (!c)
		return -1;
	sha256_update(c, len, data);
	return 0;
}

int sha256_end_hex(struct sha256_ctx *c, char hex[65])
{
	if (!c)
		return -1;
	unsigned char d[32];
	sha256_digest(c, SHA256_DIGEST_SIZE, d);
	free(c);
	to_hex(d, hex);
	return 0;
}

int sha256_base64(const void *data, size_t len, char b64[45])
{
	unsigned char d[32];
	if (sha256(data, len, d))
		return -1;
	base64_encode_raw(b64, sizeof(d), d);   /* 44 characters, padding included */
	b64[44] = '\0';
	return 0;
}
