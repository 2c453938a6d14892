/* The Markdown exporter: a chronology to paste into notes or a wiki.
 *
 *   # <title>                  (when a title was given)
 *
 *   ## January 2015
 *
 *   **6 January 2015** — <summary> (TASS, Kyodo)
 *
 * One heading per month (or season, year, "Date unknown" for vaguer dates)
 * and one paragraph line per event with its date at its precision and the
 * agencies of its sources. Report text is escaped so that it can neither
 * format the page nor inject HTML: CommonMark renders raw HTML, so < and >
 * are backslash-escaped with the other markup characters, and line breaks
 * become spaces.
 */
#include "export/export_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct md_out {
	FILE *out;
	int have_group;
	struct tl_group group;
	struct buf line;
	struct buf agencies;
};

/* The characters that can start inline markup mid-line (emphasis, code,
 * links, HTML, entities, GFM strikethrough); # and lists only count at the
 * start of a line, where report text never is. */
static int is_markup(char c)
{
	return c && strchr("\\`*_[]<>~&", c) != NULL;
}

static int add_escaped(struct buf *b, const char *s)
{
	char *clean = tl_utf8_clean(s, 1);
	if (!clean)
		return -1;
	int rc = 0;
	for (const char *p = clean; rc == 0 && *p; p++) {
		if (*p == '\n' || *p == '\r' || *p == '\t') {
			rc = buf_addch(b, ' ');
			continue;
		}
		if (is_markup(*p))
			rc = buf_addch(b, '\\');
		if (rc == 0)
			rc = buf_addch(b, *p);
	}
	free(clean);
	return rc;
}

static void md_free(struct md_out *m)
{
	int saved = errno;
	buf_release(&m->line);
	buf_release(&m->agencies);
	free(m);
	errno = saved;
}

static int md_begin(void **state, FILE *out, const struct tl_query *q, const struct tl_options *o)
{
	struct md_out *m = calloc(1, sizeof(*m));
	if (!m)
		return -1;
	m->out = out;
	buf_init(&m->line, 0);
	buf_init(&m->agencies, 0);
	if (o && o->title) {
		int rc = buf_addstr(&m->line, "# ") || add_escaped(&m->line, o->title) ||
			 buf_addstr(&m->line, "\n\n") || tl_puts(out, buf_str(&m->line));
		if (rc) {
			md_free(m);
			return -1;
		}
	}
	*state = m;
	return 0;
}

static int heading(struct md_out *m, const struct cdate *d)
{
	struct tl_group g = tl_group_of(d);
	if (m->have_group && tl_group_equal(&g, &m->group))
		return 0;
	char title[64];
	tl_group_title(&g, title, sizeof(title));
	m->group = g;
	m->have_group = 1;
	buf_reset(&m->line);
	if (buf_printf(&m->line, "## %s\n\n", title))
		return -1;
	return tl_puts(m->out, buf_str(&m->line));
}

static int md_event(void *state, const struct tl_event *e)
{
	struct md_out *m = state;
	const struct event *ev = e->ev;
	char when[48];
	if (heading(m, &ev->date))
		return -1;
	tl_date_words(&ev->date, when, sizeof(when));
	buf_reset(&m->line);
	buf_reset(&m->agencies);
	int rc = buf_printf(&m->line, "**%s** \xE2\x80\x94 ", when);
	rc |= add_escaped(&m->line, ev->summary ? ev->summary : "");
	rc |= tl_join_agencies(e, ", ", &m->agencies);
	if (m->agencies.len) {
		rc |= buf_addstr(&m->line, " (");
		rc |= add_escaped(&m->line, buf_str(&m->agencies));
		rc |= buf_addstr(&m->line, ")");
	}
	rc |= buf_addstr(&m->line, "\n\n");
	if (rc)
		return -1;
	return tl_puts(m->out, buf_str(&m->line));
}

static int md_end(void *state, int ok)
{
	struct md_out *m = state;
	int rc = tl_flush(m->out);
	md_free(m);
	return rc;
}

const struct exporter export_markdown = {"markdown", md_begin, md_event, md_end};
