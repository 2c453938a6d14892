/* Decoding a saved page's bytes to UTF-8 before parsing (see html_int.h).
 *
 * The decoding is done here rather than by libxml2 so that a page whose
 * bytes contradict its declared charset is handled by one explicit rule:
 * valid UTF-8 with non-ASCII characters is UTF-8 whatever the page says;
 * mostly-invalid UTF-8 is windows-1252; stray bad bytes become U+FFFD.
 */
#include "ingest/html_int.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

/* How far into the page a <meta> charset declaration is looked for. */
#define SNIFF_BYTES 16384

static const char REPL[] = "\xEF\xBF\xBD";

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when invalid. */
static size_t utf8_seq(const unsigned char *s, size_t left)
{
	unsigned c = s[0];
	if (c < 0x80)
		return 1;
	size_t n;
	unsigned min;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		min = 0x10000;
	} else {
		return 0;
	}
	if (left < n)
		return 0;
	unsigned cp = c & (0x7F >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

/* Eight bytes of plain printable ASCII (tab, LF and CR aside, every byte
 * from 0x20 to 0x7F)? Word arithmetic: most of a page passes this test. */
static int plain8(const unsigned char *p)
{
	uint64_t w;
	memcpy(&w, p, 8);
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	return ((w | ((w - 0x20 * ones) & ~w)) & high) == 0;
}

/* Counts invalid bytes and valid multi-byte sequences; *ctrl tells whether
 * control characters other than tab, LF and CR occur. */
static void utf8_scan(const char *s, size_t len, size_t *bad, size_t *multi, int *ctrl)
{
	const unsigned char *p = (const unsigned char *)s;
	*bad = *multi = 0;
	*ctrl = 0;
	for (size_t i = 0; i < len;) {
		if (i + 8 <= len && plain8(p + i)) {
			i += 8;
			continue;
		}
		if (p[i] < 0x80) {
			if (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r')
				*ctrl = 1;
			i++;
			continue;
		}
		size_t n = utf8_seq(p + i, len - i);
		if (n == 0) {
			(*bad)++;
			i++;
		} else {
			(*multi)++;
			i += n;
		}
	}
}

int html_utf8_clean(const char *s, size_t len, struct buf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t run = 0;     /* start of the pending run of good bytes */
	size_t i = 0;
	while (i < len) {
		unsigned c = p[i];
		if (c >= 0x20 && c < 0x80) {
			i++;
			continue;
		}
		size_t n = c < 0x80 ? 1 : utf8_seq(p + i, len - i);
		/* Control characters upset the parser; keep tab, LF and CR. */
		int ctrl = c < 0x20 && c != '\t' && c != '\n' && c != '\r';
		if (n && !ctrl) {
			i += n;
			continue;
		}
		if (buf_add(out, s + run, i - run) || buf_add(out, ctrl ? " " : REPL, ctrl ? 1 : 3))
			return -1;
		i++;
		run = i;
	}
	return buf_add(out, s + run, len - run);
}

/* Converts with iconv, replacing undecodable bytes by U+FFFD. */
static int convert(iconv_t cd, const char *s, size_t len, struct buf *out)
{
	char chunk[16384];
	char *in = (char *)s;
	size_t inleft = len;
	while (inleft > 0) {
		char *o = chunk;
		size_t oleft = sizeof(chunk);
		size_t r = iconv(cd, &in, &inleft, &o, &oleft);
		int e = errno;
		if (buf_add(out, chunk, sizeof(chunk) - oleft))
			return -1;
		if (r != (size_t)-1 || e == E2BIG)
			continue;
		/* EILSEQ or EINVAL: one bad byte, then go on. */
		if (buf_add(out, REPL, 3))
			return -1;
		in++;
		inleft--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	return 0;
}

/* Copies the charset name found at p (after "charset") into name. */
static void take_name(const char *p, const char *end, char *name, size_t cap)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p >= end || *p != '=')
		return;
	p++;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '"' || *p == '\''))
		p++;
	size_t n = 0;
	while (p < end && n + 1 < cap &&
	       ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
	        (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' || *p == ':'))
		name[n++] = *p++;
	name[n] = '\0';
}

/* Finds a charset declared in a <meta> tag near the start of the page. */
static void sniff_meta(const char *s, size_t len, char *name, size_t cap)
{
	size_t lim = len < SNIFF_BYTES ? len : SNIFF_BYTES;
	name[0] = '\0';
	for (size_t i = 0; i + 5 < lim; i++) {
		if (s[i] != '<' || strncasecmp(s + i + 1, "meta", 4) != 0)
			continue;
		const char *tag = s + i;
		const char *end = memchr(tag, '>', lim - i);
		if (!end)
			return;
		for (const char *p = tag; p + 7 <= end; p++) {
			if (strncasecmp(p, "charset", 7) == 0) {
				take_name(p + 7, end, name, cap);
				if (name[0])
					return;
			}
		}
		i = (size_t)(end - s);
	}
}

/* The iconv name for a declared charset; NULL for UTF-8. WHATWG treats
 * Latin-1 and ASCII labels as windows-1252, which is what pages mean. */
static const char *iconv_name(const char *declared)
{
	static const struct { const char *label, *name; } map[] = {
		{"utf-8", NULL}, {"utf8", NULL}, {"unicode-1-1-utf-8", NULL},
		{"iso-8859-1", "WINDOWS-1252"}, {"iso8859-1", "WINDOWS-1252"},
		{"latin1", "WINDOWS-1252"}, {"us-ascii", "WINDOWS-1252"},
		{"ascii", "WINDOWS-1252"}, {"gb2312", "GB18030"}, {"gbk", "GB18030"},
		{"shift_jis", "CP932"}, {"sjis", "CP932"}, {"x-sjis", "CP932"},
		{"euc-kr", "CP949"}, {"ks_c_5601-1987", "CP949"},
		/* A page that says UTF-16 in its own bytes is not UTF-16 (WHATWG
		 * reads the UCS-2 labels as UTF-16 too). */
		{"utf-16", NULL}, {"utf-16le", NULL}, {"utf-16be", NULL},
		{"ucs-2", NULL}, {"iso-10646-ucs-2", NULL}, {"csunicode", NULL},
		{"unicode", NULL}, {"unicodefeff", NULL},
		{"x-user-defined", "WINDOWS-1252"},
	};
	if (!declared[0])
		return NULL;
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcasecmp(declared, map[i].label) == 0)
			return map[i].name;
	return declared;
}

/* Charsets the HTML standard forbids browsers to support, which iconv
 * would still decode: UTF-7 (a page of plain ASCII can hide markup in it,
 * "+ADw-script+AD4-"), UTF-32 and UCS-4, CESU-8, BOCU-1, SCSU; and the
 * ISO-2022 family, which WHATWG decodes as one replacement character. A
 * page declaring one is read as if it declared nothing, with a warning. */
static int refused_charset(const char *declared)
{
	static const char *const refused[] = {
		"utf-7", "utf7", "unicode-1-1-utf-7", "csunicode11utf7", "x-utf-7",
		"utf-32", "utf32", "utf-32le", "utf-32be", "ucs-4", "ucs4", "ucs-4le", "ucs-4be",
		"iso-10646-ucs-4", "csucs4", "cesu-8", "cesu8", "bocu-1", "csbocu-1", "scsu",
		"iso-2022-kr", "csiso2022kr", "iso-2022-cn", "iso-2022-cn-ext", "hz-gb-2312",
	};
	for (size_t i = 0; i < sizeof(refused) / sizeof(*refused); i++)
		if (strcasecmp(declared, refused[i]) == 0)
			return 1;
	return 0;
}

/* Decodes with a named charset; *ok is 0 when iconv does not know it. */
static int decode_named(const char *s, size_t len, const char *name, struct buf *out, int *ok)
{
	iconv_t cd = iconv_open("UTF-8", name);
	*ok = cd != (iconv_t)-1;
	if (!*ok)
		return 0;
	struct buf tmp;
	buf_init(&tmp, out->max);
	int rc = convert(cd, s, len, &tmp);
	iconv_close(cd);
	if (rc == 0 && tmp.len)
		rc = html_utf8_clean(tmp.data, tmp.len, out);
	buf_release(&tmp);
	return rc;
}

/* UTF-8 (declared or assumed): clean it, or read it as windows-1252 when
 * most non-ASCII bytes are not UTF-8. */
static int decode_utf8(const char *s, size_t len, struct buf *out, const char **note,
                       const char **text)
{
	size_t bad, multi;
	int ctrl;
	utf8_scan(s, len, &bad, &multi, &ctrl);
	if (!bad && !ctrl) {
		*text = s;      /* already clean: no copy */
		return 0;
	}
	if (bad > multi) {
		int ok;
		*note = "page is not valid utf-8: read as windows-1252";
		if (decode_named(s, len, "WINDOWS-1252", out, &ok))
			return -1;
		if (ok)
			return 0;
	}
	if (bad)
		*note = "invalid utf-8 bytes in the page were replaced";
	return html_utf8_clean(s, len, out);
}

/* html_to_utf8() without its output arguments' final step. */
static int to_utf8(const char *data, size_t len, struct buf *out, const char **note,
                   const char **text)
{
	const unsigned char *u = (const unsigned char *)data;
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		return decode_utf8(data + 3, len - 3, out, note, text);
	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
		int ok;
		const char *name = u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
		return decode_named(data + 2, len - 2, name, out, &ok);
	}
	char declared[48];
	sniff_meta(data, len, declared, sizeof(declared));
	if (refused_charset(declared)) {
		const char *fallback = NULL;
		if (decode_utf8(data, len, out, &fallback, text))
			return -1;
		*note = fallback && strstr(fallback, "windows-1252")
				? "page declares a charset browsers refuse (utf-7, utf-32...): read as windows-1252"
				: "page declares a charset browsers refuse (utf-7, utf-32...): read as utf-8";
		return 0;
	}
	const char *name = iconv_name(declared);
	if (!name)
		return decode_utf8(data, len, out, note, text);
	size_t bad, multi;
	int ctrl;
	utf8_scan(data, len, &bad, &multi, &ctrl);
	if (bad == 0 && multi > 0) {
		*note = "page declares a charset but is utf-8: read as utf-8";
		return decode_utf8(data, len, out, note, text);
	}
	int ok;
	if (decode_named(data, len, name, out, &ok))
		return -1;
	if (ok)
		return 0;
	*note = "unknown charset declared: read as utf-8";
	return decode_utf8(data, len, out, note, text);
}

int html_to_utf8(const char *data, size_t len, struct buf *out, const char **text,
                 size_t *text_len, const char **note)
{
	*note = NULL;
	*text = NULL;
	buf_reset(out);
	if (to_utf8(data, len, out, note, text))
		return -1;
	if (*text) {
		*text_len = (size_t)(data + len - *text);
	} else {
		*text = buf_str(out);
		*text_len = out->len;
	}
	return 0;
}
