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

int sha256_hex(const void *data, size_t len, char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char d[32];
	if (sha256(data, len, d))
		return -1;
	for (int i = 0; i < 32; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[64] = '\0';
	return 0;
}

int sha256_base64(const void *data, size_t len, char b64[45])
{
	unsigned char d[32];
	if (sha256(data, len, d))
		return -1;
	return EVP_EncodeBlock((unsigned char *)b64, d, 32) == 44 ? 0 : -1;
}
