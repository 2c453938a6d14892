/* Escaping text for the terminal and logs. See term.h. */
#include "cli/term.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

int term_escape(struct buf *b, const char *s, int flags)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)(s ? s : "");
	int rc = 0;
	while (*p && !rc) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &c);
		if (n <= 0) {
			rc = buf_printf(b, "\\x%02x", *p);   /* not UTF-8: the byte, visibly */
			p++;
			continue;
		}
		int keep = (flags & TERM_MULTILINE) && (c == '\n' || c == '\t');
		if (!keep && (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)))
			rc = buf_printf(b, "\\x%02x", (unsigned)c);
		else
			rc = buf_add(b, p, (size_t)n);
		p += n;
	}
	return rc ? -1 : 0;
}

#define RING 8

static const char *ring_escape(const char *s, int flags)
{
	static struct buf ring[RING];
	static int next, ready;
	if (!ready) {
		for (int i = 0; i < RING; i++)
			buf_init(&ring[i], 0);
		ready = 1;
	}
	struct buf *b = &ring[next];
	next = (next + 1) % RING;
	buf_reset(b);
	if (term_escape(b, s, flags))
		return "?";
	return buf_str(b);
}

const char *tv(const char *s)
{
	return ring_escape(s, TERM_LINE);
}

const char *tv_multi(const char *s)
{
	return ring_escape(s, TERM_MULTILINE);
}

char *utf8_repair(const char *s)
{
	struct buf b;
	buf_init(&b, 0);
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)(s ? s : "");
	int rc = buf_addstr(&b, "");
	while (*p && !rc) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &c);
		if (n <= 0) {
			rc = buf_addstr(&b, "\xEF\xBF\xBD");
			p++;
		} else {
			rc = buf_add(&b, p, (size_t)n);
			p += n;
		}
	}
	if (rc) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b);
}
