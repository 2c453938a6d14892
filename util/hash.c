/* SHA-256 digests: see hash.h. */
#include "util/hash.h"

#include <openssl/evp.h>

int sha256(const void *data, size_t len, unsigned char out[32])
{
	unsigned int n = 0;
	if (!EVP_Digest(data, len, out, &n, EVP_sha256(), NULL) || n != 32)
		return -1;
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

/* The context is OpenSSL's; the type only hides it from callers. */
struct sha256_ctx *sha256_begin(void)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	if (c && !EVP_DigestInit_ex(c, EVP_sha256(), NULL)) {
		EVP_MD_CTX_free(c);
		c = NULL;
	}
	return (struct sha256_ctx *)c;
}

int sha256_add(struct sha256_ctx *c, const void *data, size_t len)
{
	return EVP_DigestUpdate((EVP_MD_CTX *)c, data, len) ? 0 : -1;
}

int sha256_end_hex(struct sha256_ctx *c, char hex[65])
{
	unsigned char d[32];
	unsigned int n = 0;
	int ok = c && EVP_DigestFinal_ex((EVP_MD_CTX *)c, d, &n) && n == 32;
	EVP_MD_CTX_free((EVP_MD_CTX *)c);
	if (!ok)
		return -1;
	to_hex(d, hex);
	return 0;
}

int sha256_base64(const void *data, size_t len, char b64[45])
{
	unsigned char d[32];
	if (sha256(data, len, d))
		return -1;
	return EVP_EncodeBlock((unsigned char *)b64, d, 32) == 44 ? 0 : -1;
}
