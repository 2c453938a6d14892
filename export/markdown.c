/* The Markdown exporter: a chronology to paste into notes or a wiki.
 *
 *   # <title>                  (when a title was given)
 *
 *   ## January 2015
 *
 *   **6 January 2015** — <summary> (TASS, Kyodo) · ✓ verified by anna · tags: sony
 *
 *   - Note (anna, 3 December 2026): <text>
 *
 * One heading per month (or season, year, "Date unknown" for vaguer dates)
 * and one paragraph line per event with its date at its precision and the
 * agencies of its sources, then what analysts added when they did: the
 * verification, the tags, in an incremental export what changed, and the
 * notes as a list under the line. Report text is escaped so that it can neither
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

/* " · ✓ verified by anna · tags: a, b · withdrawn, merged into e12". */
static int add_curation(struct buf *b, const struct tl_event *e)
{
	const struct tl_curation *c = &e->cur;
	int rc = 0;
	if (c->verified) {
		rc |= buf_addstr(b, " \xC2\xB7 \xE2\x9C\x93 verified");
		if (c->verified_by && *c->verified_by) {
			rc |= buf_addstr(b, " by ");
			rc |= add_escaped(b, c->verified_by);
		}
	}
	for (size_t i = 0; i < c->n_tags; i++) {
		rc |= buf_addstr(b, i ? ", " : " \xC2\xB7 tags: ");
		rc |= add_escaped(b, c->tags[i]);
	}
	if (e->change != TL_CHANGE_NONE)
		rc |= buf_printf(b, " \xC2\xB7 %s", tl_change_name(e->change));
	if (e->change == TL_CHANGE_WITHDRAWN && e->merged_into)
		rc |= buf_printf(b, ", merged into e%lld", (long long)e->merged_into);
	return rc ? -1 : 0;
}

/* "- Note (anna, 3 December 2026): text", one line per note. */
static int add_notes(struct buf *b, const struct tl_curation *c)
{
	int rc = 0;
	struct buf who;
	buf_init(&who, 0);
	for (size_t i = 0; i < c->n_notes; i++) {
		rc |= buf_addstr(b, "- Note");
		rc |= tl_note_attribution(&c->notes[i], &who);
		rc |= add_escaped(b, buf_str(&who));
		rc |= buf_addstr(b, ": ");
		rc |= add_escaped(b, c->notes[i].text ? c->notes[i].text : "");
		rc |= buf_addstr(b, "\n");
	}
	if (c->n_notes)
		rc |= buf_addstr(b, "\n");
	buf_release(&who);
	return rc ? -1 : 0;
}

/* A link target: only http(s) addresses, with every character that could
 * end the link or start markup percent-encoded. */
static int add_url(struct buf *b, const char *url)
{
	int rc = 0;
	for (const char *p = url; *p && !rc; p++)
		rc = (unsigned char)*p <= ' ' || (unsigned char)*p == 0x7f || strchr("<>()[]`\\*_~&", *p)
			     ? buf_printf(b, "%%%02X", (unsigned char)*p)
			     : buf_addch(b, *p);
	return rc ? -1 : 0;
}

/* " — [TASS: headline](url) (r7); ..." : every source, linked when it has
 * an address, at most three and a count of the others. */
static int add_sources(struct buf *b, const struct tl_event *e)
{
	int rc = 0;
	size_t shown = e->n_sources < 3 ? e->n_sources : 3;
	for (size_t i = 0; i < shown; i++) {
		const struct tl_source *src = &e->sources[i];
		int link = src->url && (!strncmp(src->url, "https://", 8) || !strncmp(src->url, "http://", 7));
		rc |= buf_addstr(b, i ? "; " : " \xE2\x80\x94 ");
		if (link)
			rc |= buf_addch(b, '[');
		rc |= add_escaped(b, src->agency ? src->agency : "report");
		if (src->title) {
			rc |= buf_addstr(b, ": ");
			rc |= add_escaped(b, src->title);
		}
		if (link) {
			rc |= buf_addstr(b, "](");
			rc |= add_url(b, src->url);
			rc |= buf_addch(b, ')');
		}
		rc |= buf_printf(b, " (r%lld)", (long long)src->report_id);
	}
	if (e->n_sources > shown)
		rc |= buf_printf(b, "; and %zu more", e->n_sources - shown);
	return rc ? -1 : 0;
}

static int md_event(void *state, const struct tl_event *e)
{
	struct md_out *m = state;
	const struct event *ev = tl_fields(e);
	char when[48];
	if (heading(m, &ev->date))
		return -1;
	tl_date_words(&ev->date, when, sizeof(when));
	buf_reset(&m->line);
	buf_reset(&m->agencies);
	int rc = buf_printf(&m->line, "**%s** \xE2\x80\x94 ", when);
	/* A withdrawn event the archive no longer holds has only its id. */
	if (tl_has_fields(e))
		rc |= add_escaped(&m->line, ev->summary ? ev->summary : "");
	else
		rc |= buf_printf(&m->line, "event e%lld", (long long)e->id);
	rc |= add_sources(&m->line, e);
	rc |= add_curation(&m->line, e);
	rc |= buf_addstr(&m->line, "\n\n");
	/* The passage that tells it, quoted: what an analyst cites. */
	if (tl_has_fields(e) && ev->evidence && *ev->evidence) {
		rc |= buf_addstr(&m->line, "> ");
		rc |= add_escaped(&m->line, ev->evidence);
		rc |= buf_addstr(&m->line, "\n\n");
	}
	rc |= add_notes(&m->line, &e->cur);
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
