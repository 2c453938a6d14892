/* Decoding of saved reports to UTF-8: byte-order marks, Cyrillic and
 * Western single-byte charsets, declared charsets, and input that is not
 * text at all. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ingest/encoding.h"

static char *out, *err;
static size_t out_len;

static int decode(const char *data, size_t len, const char *declared)
{
	free(out);
	free(err);
	out = err = NULL;
	return encoding_to_utf8(data, len, declared, &out, &out_len, &err);
}

static int teardown(void **state)
{
	(void)state;
	free(out);
	free(err);
	out = err = NULL;
	return 0;
}

static void test_utf8_passes(void **state)
{
	(void)state;
	const char *s = "Kishida met Kerry \xe2\x80\x94 \xe2\x80\x9cwe agree\xe2\x80\x9d.";
	assert_int_equal(decode(s, strlen(s), NULL), 0);
	assert_string_equal(out, s);
	assert_int_equal(out_len, strlen(s));
	/* A UTF-8 mark is dropped; a declared charset does not override valid UTF-8. */
	assert_int_equal(decode("\xef\xbb\xbfTOKYO", 8, "windows-1251"), 0);
	assert_string_equal(out, "TOKYO");
	assert_int_equal(decode("", 0, NULL), 0);
	assert_string_equal(out, "");
	assert_int_equal(encoding_is_utf8("\xc0\xaf", 2), 0);        /* overlong */
	assert_int_equal(encoding_is_utf8("\xed\xa0\x80", 3), 0);    /* surrogate */
	assert_int_equal(encoding_is_utf8("\xf4\x90\x80\x80", 4), 0);/* past U+10FFFF */
	assert_int_equal(encoding_is_utf8("\xd0\x9c", 2), 1);
}

static void test_utf16_utf32(void **state)
{
	(void)state;
	/* "Лавров" in UTF-16LE and UTF-16BE with marks. */
	const char le[] = "\xff\xfe\x1b\x04\x30\x04\x32\x04\x40\x04\x3e\x04\x32\x04";
	assert_int_equal(decode(le, sizeof(le) - 1, NULL), 0);
	assert_string_equal(out, "\xd0\x9b\xd0\xb0\xd0\xb2\xd1\x80\xd0\xbe\xd0\xb2");
	const char be[] = "\xfe\xff\x00" "S\x00" "E\x00" "O\x00" "U\x00" "L";
	assert_int_equal(decode(be, sizeof(be) - 1, NULL), 0);
	assert_string_equal(out, "SEOUL");
	const char u32[] = "\xff\xfe\x00\x00O\x00\x00\x00K\x00\x00\x00";
	assert_int_equal(decode(u32, sizeof(u32) - 1, NULL), 0);
	assert_string_equal(out, "OK");
	/* Without a mark, ASCII text in UTF-16LE is still recognised. */
	const char nomark[] = "T\x00O\x00K\x00Y\x00O\x00,\x00 \x00J\x00";
	assert_int_equal(decode(nomark, sizeof(nomark) - 1, NULL), 0);
	assert_string_equal(out, "TOKYO, J");
	/* A lone surrogate and an odd byte count are not UTF-16. */
	assert_int_equal(decode("\xff\xfe\x00\xd8\x41\x00", 6, NULL), -1);
	assert_string_equal(err, "invalid UTF-16");
	assert_int_equal(decode("\xff\xfe\x41\x00\x42", 5, NULL), -1);
	assert_string_equal(err, "invalid UTF-16");
}

static void test_single_byte(void **state)
{
	(void)state;
	/* "МОСКВА, 21 сентября" in windows-1251. */
	const char cyr[] = "\xcc\xce\xd1\xca\xc2\xc0, 21 \xf1\xe5\xed\xf2\xff\xe1\xf0\xff";
	assert_int_equal(decode(cyr, sizeof(cyr) - 1, NULL), 0);
	assert_string_equal(out, "\xd0\x9c\xd0\x9e\xd0\xa1\xd0\x9a\xd0\x92\xd0\x90, 21 "
			    "\xd1\x81\xd0\xb5\xd0\xbd\xd1\x82\xd1\x8f\xd0\xb1\xd1\x80\xd1\x8f");
	/* "Bélarus, août" in latin-1 stays Western. */
	const char lat[] = "B\xe9larus, ao\xfbt";
	assert_int_equal(decode(lat, sizeof(lat) - 1, NULL), 0);
	assert_string_equal(out, "B\xc3\xa9larus, ao\xc3\xbbt");
	/* windows-1252 curly quotes. */
	const char quotes[] = "\x93We regret this.\x94";
	assert_int_equal(decode(quotes, sizeof(quotes) - 1, NULL), 0);
	assert_string_equal(out, "\xe2\x80\x9cWe regret this.\xe2\x80\x9d");
	/* A declared charset is used when the bytes are not UTF-8. */
	assert_int_equal(decode("\xe9t\xe9", 3, "ISO-8859-1"), 0);
	assert_string_equal(out, "\xc3\xa9t\xc3\xa9");
	assert_int_equal(decode("\xe9t\xe9", 3, "KOI8-R"), 0);
	assert_string_equal(out, "\xd0\x98t\xd0\x98");
	assert_int_equal(decode("\xe9t\xe9", 3, "no-such-charset"), -1);
	assert_string_equal(err, "unknown charset 'no-such-charset'");
}

static void test_binary(void **state)
{
	(void)state;
	const char png[] = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00";
	assert_int_equal(decode(png, sizeof(png) - 1, NULL), -1);
	assert_string_equal(err, "binary content, not text");
	assert_null(out);
	char soup[200];
	for (size_t i = 0; i < sizeof(soup); i++)
		soup[i] = (char)(i % 3 ? 0x01 + i % 7 : 'a');
	assert_int_equal(decode(soup, sizeof(soup), NULL), -1);
	assert_string_equal(err, "binary content, not text");
	/* A stray control character in a long text is tolerated. */
	const char stray[] = "The ministers met in Tokyo\x07 and agreed to hold talks again next month.";
	assert_int_equal(decode(stray, sizeof(stray) - 1, NULL), 0);
}

/* Binary content is told by its first bytes, whatever the file is named
 * (issue 13: a PDF saved as .html was imported as a report); text in any
 * charset, UTF-16 included, and a text with a stray NUL are not binary. */
static void test_sniff_binary(void **state)
{
	(void)state;
	static const struct {
		const char *bytes;
		size_t len;
		const char *what;
	} cases[] = {
		{"%PDF-1.7\n1 0 obj", 16, "a PDF document"},
		{"PK\x03\x04\x14\x00\x06\x00", 8, "a ZIP archive"},
		{"\x89PNG\r\n\x1a\n\x00\x00", 10, "a PNG image"},
		{"\xff\xd8\xff\xe0\x00\x10JFIF", 10, "a JPEG image"},
		{"\x1f\x8b\x08\x00\x00\x00", 6, "gzip-compressed data"},
		{"BZh91AY&SY\x01", 11, "bzip2-compressed data"},
		{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", 9, "an old Office document"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const char *what = encoding_sniff_binary(cases[i].bytes, cases[i].len);
		assert_non_null(what);
		assert_non_null(strstr(what, cases[i].what));
	}
	/* Many NULs, or many control characters: binary with no header. */
	char blob[600];
	for (size_t i = 0; i < sizeof(blob); i++)
		blob[i] = (char)(i % 5 ? 'x' : 0);
	assert_non_null(strstr(encoding_sniff_binary(blob, sizeof(blob)), "NUL"));
	for (size_t i = 0; i < sizeof(blob); i++)
		blob[i] = (char)(i % 5 ? 'x' : 0x02);
	assert_non_null(strstr(encoding_sniff_binary(blob, sizeof(blob)), "control"));
	/* Text is not binary. */
	const char *texts[] = {
		"BZh is not bzip2 when no block follows: a plain sentence.",
		"MOSCOW, January 6. Lavrov and Kerry spoke by phone.",
		"\xcc\xce\xd1\xca\xc2\xc0, 21 \xf1\xe5\xed\xf2\xff\xe1\xf0\xff",   /* windows-1251 */
		"\xef\xbb\xbfUTF-8 with a mark",
		"",
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(*texts); i++)
		assert_null(encoding_sniff_binary(texts[i], strlen(texts[i])));
	const char le[] = "\xff\xfe\x1b\x04\x30\x04\x32\x04\x40\x04\x3e\x04\x32\x04";
	assert_null(encoding_sniff_binary(le, sizeof(le) - 1));
	const char nomark[] = "T\x00O\x00K\x00Y\x00O\x00,\x00 \x00J\x00";
	assert_null(encoding_sniff_binary(nomark, sizeof(nomark) - 1));
	const char stray[] = "title,text\nTalks,Lavrov met Kerry.\0 They agreed.\n";
	assert_null(encoding_sniff_binary(stray, sizeof(stray) - 1));
}

/* The checks read eight bytes at a time: what they look for is found at
 * every position of a word and across words. */
static void test_every_position(void **state)
{
	(void)state;
	char text[64];
	for (size_t at = 0; at < 40; at++) {
		memset(text, 'a', sizeof(text));
		/* A NUL anywhere is binary. */
		text[at] = '\0';
		assert_int_equal(decode(text, sizeof(text), NULL), -1);
		/* A two-byte letter straddling any boundary is valid UTF-8; cut
		 * short, it is not. */
		memset(text, 'a', sizeof(text));
		text[at] = '\xd0';
		text[at + 1] = '\x9c';
		assert_int_equal(encoding_is_utf8(text, sizeof(text)), 1);
		text[at + 1] = 'a';
		assert_int_equal(encoding_is_utf8(text, sizeof(text)), 0);
	}
	/* Odd control characters are counted wherever they fall: three in 256
	 * bytes is text with strays, eight is binary. */
	char longer[256];
	memset(longer, 'a', sizeof(longer));
	for (size_t i = 0; i < 3; i++)
		longer[5 + i * 17] = '\x01';
	assert_int_equal(decode(longer, sizeof(longer), NULL), 0);
	for (size_t i = 0; i < 8; i++)
		longer[3 + i * 7] = '\x02';
	assert_int_equal(decode(longer, sizeof(longer), NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_utf8_passes, teardown),
		cmocka_unit_test_teardown(test_utf16_utf32, teardown),
		cmocka_unit_test_teardown(test_single_byte, teardown),
		cmocka_unit_test_teardown(test_binary, teardown),
		cmocka_unit_test_teardown(test_every_position, teardown),
		cmocka_unit_test_teardown(test_sniff_binary, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
