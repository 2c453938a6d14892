/* Decoding of saved reports to UTF-8: see encoding.h. */
#include "ingest/encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "util/buf.h"

/* Sets *err to a malloc'd copy of msg (NULL when memory ran out) and returns -1. */
static int fail(char **err, const char *msg)
{
	*err = xstrdup(msg);
	return -1;
}

/* Eight bytes as one word (memcpy: no alignment assumed), and the bits
 * that tell a byte past ASCII. */
#define HIGH_BITS 0x8080808080808080ull
static uint64_t load8(const unsigned char *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}

int encoding_is_utf8(const char *data, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)data;
	size_t i = 0;
	while (i < len) {
		/* ASCII fast paths: eight bytes, then one. */
		if (i + 8 <= len && !(load8(p + i) & HIGH_BITS)) {
			i += 8;
			continue;
		}
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		utf8proc_int32_t cp;
		size_t left = len - i;
		utf8proc_ssize_t n = utf8proc_iterate(p + i,
			left > 4 ? 4 : (utf8proc_ssize_t)left, &cp);
		if (n <= 0 || cp < 0)
			return 0;
		i += (size_t)n;
	}
	return 1;
}

/* Control characters that plain text does not contain (tab, line feed,
 * vertical tab, form feed, carriage return and escape are allowed). */
static int is_odd_control(unsigned char c)
{
	return c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' &&
	       c != '\r' && c != 0x1b;
}

/* 1 when the bytes look like binary data rather than text in a single-byte
 * or UTF-8 encoding: any NUL, or more than 1 in 50 bytes an odd control
 * character (a few strays in a long text are tolerated). */
static int looks_binary(const unsigned char *p, size_t len)
{
	size_t odd = 0;
	for (size_t i = 0; i < len; i++) {
		/* Eight bytes at a time while none is below 0x20 (the test on
		 * v - 0x20.. finds any such byte, and only such bytes). */
		while (i + 8 <= len) {
			uint64_t v = load8(p + i);
			if ((v - 0x2020202020202020ull) & ~v & HIGH_BITS)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		if (p[i] == 0)
			return 1;
		odd += is_odd_control(p[i]);
	}
	return odd > 2 && odd * 50 > len;
}

/* Converts with iconv from charset `from`. Returns 0 on success, 1 when the
 * input is not valid in that charset, -1 when the charset is unknown or
 * memory ran out (errno tells which: EINVAL for an unknown charset). */
static int convert(const char *from, const char *data, size_t len, char **out, size_t *out_len)
{
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1) {
		errno = EINVAL;
		return -1;
	}
	/* Every supported source charset needs at most 3 output bytes per input
	 * byte (a single byte becomes at most U+FFFF; UTF-16/32 shrink or keep). */
	if (len > (SIZE_MAX - 8) / 3) {
		iconv_close(cd);
		errno = ENOMEM;
		return -1;
	}
	size_t cap = len * 3 + 8;
	char *res = malloc(cap);
	if (!res) {
		iconv_close(cd);
		errno = ENOMEM;
		return -1;
	}
	char *in = (char *)data, *o = res;
	size_t inleft = len, outleft = cap - 1;
	size_t rc = iconv(cd, &in, &inleft, &o, &outleft);
	if (rc != (size_t)-1)
		rc = iconv(cd, NULL, NULL, &o, &outleft);
	iconv_close(cd);
	if (rc == (size_t)-1) {
		free(res);
		return 1;
	}
	*o = '\0';
	*out = res;
	*out_len = (size_t)(o - res);
	return 0;
}

/* Charsets from a byte-order mark: sets *skip to the mark's length. */
static const char *bom_charset(const unsigned char *p, size_t len, size_t *skip)
{
	if (len >= 4 && p[0] == 0xff && p[1] == 0xfe && p[2] == 0 && p[3] == 0) {
		*skip = 4;
		return "UTF-32LE";
	}
	if (len >= 4 && p[0] == 0 && p[1] == 0 && p[2] == 0xfe && p[3] == 0xff) {
		*skip = 4;
		return "UTF-32BE";
	}
	if (len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
		*skip = 3;
		return "UTF-8";
	}
	if (len >= 2 && p[0] == 0xff && p[1] == 0xfe) {
		*skip = 2;
		return "UTF-16LE";
	}
	if (len >= 2 && p[0] == 0xfe && p[1] == 0xff) {
		*skip = 2;
		return "UTF-16BE";
	}
	*skip = 0;
	return NULL;
}

/* UTF-16 without a mark: an even length and NUL in nearly every high byte
 * of the code units (text that is mostly ASCII or Latin). Returns the
 * charset name or NULL. */
static const char *sniff_utf16(const unsigned char *p, size_t len)
{
	if (len < 8 || len % 2)
		return NULL;
	size_t zero_even = 0, zero_odd = 0, units = len / 2;
	for (size_t i = 0; i + 1 < len; i += 2) {
		zero_even += p[i] == 0;
		zero_odd += p[i + 1] == 0;
	}
	if (zero_odd * 10 >= units * 9 && zero_even * 10 < units)
		return "UTF-16LE";
	if (zero_even * 10 >= units * 9 && zero_odd * 10 < units)
		return "UTF-16BE";
	return NULL;
}

/* windows-1251 codes its Cyrillic letters at 0xC0..0xFF (and Ё/ё at
 * 0xA8/0xB8), so Cyrillic words are runs of high bytes; Western text in
 * windows-1252 has isolated accented letters between ASCII ones. */
static int looks_cyrillic(const unsigned char *p, size_t len)
{
	size_t in_runs = 0, isolated = 0, i = 0;
	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		size_t j = i, letters = 0;
		while (j < len && p[j] >= 0x80) {
			letters += p[j] >= 0xc0 || p[j] == 0xa8 || p[j] == 0xb8;
			j++;
		}
		if (j - i >= 2 && letters * 4 >= (j - i) * 3)
			in_runs += j - i;
		else
			isolated += j - i;
		i = j;
	}
	return in_runs > isolated;
}

/* Decodes with `cs`, copying the text to the caller's pointers. Returns 0,
 * 1 when the input is not valid in cs, -1 with *err on other failures. */
static int decode_as(const char *cs, const char *data, size_t len, char **out,
                     size_t *out_len, char **err)
{
	int rc = convert(cs, data, len, out, out_len);
	if (rc < 0) {
		if (errno == EINVAL) {
			struct buf b;
			buf_init(&b, 512);
			if (buf_printf(&b, "unknown charset '%.100s'", cs))
				return fail(err, "out of memory");
			*err = buf_detach(&b);
			return -1;
		}
		return fail(err, "out of memory");
	}
	return rc;
}

/* The path for input with a UTF-16 or UTF-32 mark, or sniffed as UTF-16. */
static int decode_wide(const char *cs, const char *data, size_t len, char **out,
                       size_t *out_len, char **err)
{
	int rc = decode_as(cs, data, len, out, out_len, err);
	if (rc < 0)
		return -1;
	if (rc == 1)
		return fail(err, strstr(cs, "32") ? "invalid UTF-32" : "invalid UTF-16");
	if (memchr(*out, '\0', *out_len) || looks_binary((unsigned char *)*out, *out_len)) {
		free(*out);
		*out = NULL;
		return fail(err, "binary content, not text");
	}
	return 0;
}

static int copy_out(const char *data, size_t len, char **out, size_t *out_len, char **err)
{
	char *res = malloc(len + 1);
	if (!res)
		return fail(err, "out of memory");
	memcpy(res, data, len);
	res[len] = '\0';
	*out = res;
	*out_len = len;
	return 0;
}

int encoding_to_utf8(const char *data, size_t len, const char *declared,
                     char **out, size_t *out_len, char **err)
{
	const unsigned char *p = (const unsigned char *)data;
	*out = NULL;
	*out_len = 0;
	*err = NULL;
	if (len > ENCODING_MAX_INPUT)
		return fail(err, "input too large to decode");
	size_t skip;
	const char *cs = bom_charset(p, len, &skip);
	if (cs && strcmp(cs, "UTF-8"))
		return decode_wide(cs, data + skip, len - skip, out, out_len, err);
	if (!cs && (cs = sniff_utf16(p, len)))
		return decode_wide(cs, data, len, out, out_len, err);
	data += skip;
	p += skip;
	len -= skip;
	if (looks_binary(p, len))
		return fail(err, "binary content, not text");
	if (encoding_is_utf8(data, len))
		return copy_out(data, len, out, out_len, err);
	if (declared && *declared) {
		int rc = decode_as(declared, data, len, out, out_len, err);
		if (rc <= 0)
			return rc;
		/* The page lied about its charset: guess instead. */
	}
	if (looks_cyrillic(p, len))
		cs = "WINDOWS-1251";
	else
		cs = "WINDOWS-1252";
	int rc = decode_as(cs, data, len, out, out_len, err);
	if (rc == 1)
		rc = decode_as("ISO-8859-1", data, len, out, out_len, err);
	if (rc == 1)
		return fail(err, "undecodable text");
	return rc;
}

/* Formats that are never a report, by their first bytes. */
static const struct magic {
	const char *bytes;
	size_t len;
	const char *what;
} magics[] = {
	{"%PDF-", 5, "a PDF document"},
	{"PK\x03\x04", 4, "a ZIP archive (or a Word, Excel or OpenDocument file)"},
	{"PK\x05\x06", 4, "a ZIP archive"},
	{"\x89PNG\r\n\x1a\n", 8, "a PNG image"},
	{"\xff\xd8\xff", 3, "a JPEG image"},
	{"GIF87a", 6, "a GIF image"},
	{"GIF89a", 6, "a GIF image"},
	{"\x1f\x8b", 2, "gzip-compressed data"},
	{"BZh", 3, NULL},   /* bzip2, checked further below: "BZh" can start a text */
	{"\xfd" "7zXZ\0", 6, "xz-compressed data"},
	{"7z\xbc\xaf\x27\x1c", 6, "a 7-Zip archive"},
	{"Rar!\x1a\x07", 6, "a RAR archive"},
	{"\x28\xb5\x2f\xfd", 4, "zstd-compressed data"},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, "an old Office document (.doc, .xls)"},
	{"\x7f" "ELF", 4, "a program"},
	{"SQLite format 3\0", 16, "an SQLite database"},
};

/* Bytes looked at to tell binary content: enough for any header, and a
 * constant cost however large the file. */
#define SNIFF_HEAD 8192

const char *encoding_sniff_binary(const char *data, size_t len)
{
	const unsigned char *p = (const unsigned char *)data;
	for (size_t i = 0; i < sizeof(magics) / sizeof(*magics); i++) {
		const struct magic *m = &magics[i];
		if (len < m->len || memcmp(data, m->bytes, m->len))
			continue;
		if (m->what)
			return m->what;
		/* bzip2: "BZh", a block size digit, then the block magic. */
		if (len >= 10 && p[3] >= '1' && p[3] <= '9' && !memcmp(data + 4, "1AY&SY", 6))
			return "bzip2-compressed data";
	}
	/* UTF-16 and UTF-32 hold NULs: encoding_to_utf8 checks them decoded. */
	size_t skip;
	const char *cs = bom_charset(p, len, &skip);
	if ((cs && strcmp(cs, "UTF-8")) || sniff_utf16(p, len))
		return NULL;
	size_t head = len < SNIFF_HEAD ? len : SNIFF_HEAD, nul = 0, odd = 0;
	for (size_t i = skip; i < head; i++) {
		nul += p[i] == 0;
		odd += p[i] && is_odd_control(p[i]);
	}
	/* Text never holds NULs, but a damaged export may carry a stray few
	 * (the table reader removes them): many are binary data. A share of
	 * other control characters that no text has (random or compressed
	 * bytes hold one in ten) is binary too, whatever the charset; bytes
	 * past ASCII alone tell nothing, every one being a letter in some
	 * single-byte charset (windows-1251 text is mostly such bytes). */
	if (nul > 16 || (nul > 1 && nul * 100 > head))
		return "binary data (NUL bytes)";
	if (odd > 2 && odd * 50 > head)
		return "binary data (control characters)";
	return NULL;
}

