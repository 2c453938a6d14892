/* The HTML reader's entry points (see html.h): decode, parse, read the
 * metadata and the body, and fill the report. */
#include "ingest/html.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/dateline.h"
#include "ingest/html_int.h"

/* Sets *err to a malloc'd message; returns -1 for the caller to pass on. */
static int fail(char **err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(char **err, const char *fmt, ...)
{
	if (!err)
		return -1;
	struct buf b;
	buf_init(&b, 1024);
	va_list ap;
	va_start(ap, fmt);
	int rc = buf_vprintf(&b, fmt, ap);
	va_end(ap);
	*err = rc ? NULL : buf_detach(&b);
	if (rc)
		buf_release(&b);
	return -1;
}

int html_fragment_text(const char *html, size_t len, struct buf *out)
{
	if (!html || len == 0)
		return 0;
	if (len > HTML_MAX_INPUT)
		len = HTML_MAX_INPUT;
	struct buf u;
	buf_init(&u, BUF_DEFAULT_MAX);
	if (html_utf8_clean(html, len, &u)) {
		buf_release(&u);
		return -1;
	}
	int rc = 0;
	htmlDocPtr doc = u.len ? html_parse_utf8(u.data, u.len) : NULL;
	buf_release(&u);
	if (doc) {
		struct tbuild t;
		tb_init(&t, out);
		/* A fragment appended after earlier text starts a new paragraph. */
		t.started = out->len > 0;
		t.brk = 2;
		rc = tb_subtree(&t, (xmlNodePtr)doc);
		xmlFreeDoc(doc);
	}
	return rc;
}

/* A page's navigation trail, not a headline: "Home > Press > Press
 * releases", "News » Asia » Japan" (two separators or more). */
static int is_breadcrumb(const char *s)
{
	static const char *const seps[] = {" > ", "\xC2\xBB", "\xE2\x80\xBA", " / "};
	int n = 0;
	for (size_t k = 0; k < sizeof(seps) / sizeof(*seps); k++)
		for (const char *p = s; (p = strstr(p, seps[k])); p += strlen(seps[k]))
			n++;
	return n >= 2;
}

/* The headline by the documented priorities, passing over a breadcrumb. */
static const char *pick_title(struct html_meta *m, char **stripped)
{
	*stripped = html_strip_site(m->doc_title, m->site);
	const char *cands[] = {m->title, m->og_title, m->h1, *stripped};
	for (size_t i = 0; i < sizeof(cands) / sizeof(*cands); i++)
		if (cands[i] && *cands[i] && !is_breadcrumb(cands[i]))
			return cands[i];
	for (size_t i = 0; i < sizeof(cands) / sizeof(*cands); i++)
		if (cands[i])
			return cands[i];
	return NULL;
}

static int fill_date(struct report *out, const struct html_meta *m, const struct ingest_hints *h)
{
	if (m->published) {
		if (report_set(&out->published_text, m->published))
			return -1;
		if (html_parse_time(m->published, out) == 0)
			return 0;
		if (report_warn(out, "unreadable publication time '%s'", m->published))
			return -1;
	}
	if (h && h->date.prec >= PREC_DAY) {
		out->published = unix_from_civil(h->date.year, h->date.month, h->date.day, 0, 0, 0);
		out->pub_known = PUB_DATE;
		out->tz_offset_min = 0;
	} else if (!m->published && report_warn(out, "page gives no publication date")) {
		return -1;
	}
	return 0;
}

/* The agency a page's address names (agencies.tsv lists their domains):
 * "english.kyodonews.net" -> "Kyodo", trying the host and then each
 * shorter suffix of it; 0 when none is known. */
static int agency_of_url(const char *url, char *out, size_t cap)
{
	const char *host = url ? strstr(url, "://") : NULL;
	if (!host)
		return 0;
	host += 3;
	size_t n = strcspn(host, "/:?#");
	while (n) {
		if (agency_canonical(host, n, out, cap))
			return 1;
		const char *dot = memchr(host, '.', n);
		if (!dot || !memchr(dot + 1, '.', n - (size_t)(dot + 1 - host)))
			break;   /* down to "name.tld": nothing shorter names a site */
		n -= (size_t)(dot + 1 - host);
		host = dot + 1;
	}
	return 0;
}

/* Metadata fields of the report. */
static int fill_meta(struct report *out, struct html_meta *m, const struct ingest_hints *h)
{
	char *stripped = NULL;
	const char *title = pick_title(m, &stripped);
	int rc = report_set(&out->title, title);
	free(stripped);
	const char *url = m->url ? m->url : h ? h->url : NULL;
	/* The site's own name, in the agency table's form when it is an agency
	 * ("KYODO NEWS" is Kyodo); without one, the agency the address names. */
	char canon[64];
	const char *agency = h && h->agency ? h->agency : m->site;
	if (agency && agency_canonical(agency, strlen(agency), canon, sizeof(canon)))
		agency = canon;
	else if (!agency && agency_of_url(url, canon, sizeof(canon)))
		agency = canon;
	if (rc || report_set(&out->agency, agency) || report_set(&out->url, url) ||
	    report_set(&out->author, m->author) || report_set(&out->format, "html"))
		return -1;
	if (m->bad_ld && report_warn(out, "%d broken json-ld block%s skipped", m->bad_ld,
	                             m->bad_ld > 1 ? "s" : ""))
		return -1;
	return fill_date(out, m, h);
}

/* Everything after decoding: parse, metadata, body. */
static int read_utf8(const char *text, size_t len, const struct ingest_hints *h,
                     struct report *out, char **err)
{
	htmlDocPtr doc = len ? html_parse_utf8(text, len) : NULL;
	if (!doc)
		return fail(err, "page is empty or not html");
	struct html_meta m;
	struct buf body;
	buf_init(&body, BUF_DEFAULT_MAX);
	int rc = html_meta_read(doc, &m);
	if (rc == 0)
		rc = fill_meta(out, &m, h);
	if (rc == 0)
		rc = html_body_extract(doc, out->title, m.ld_body, &body);
	xmlFreeDoc(doc);
	html_meta_release(&m);
	if (rc) {
		buf_release(&body);
		return fail(err, "out of memory reading page");
	}
	if (body.len == 0) {
		buf_release(&body);
		return fail(err, "no article text found in page");
	}
	out->body = buf_detach(&body);
	return out->body ? 0 : fail(err, "out of memory reading page");
}

int html_read(const char *data, size_t len, const struct ingest_hints *hints,
              struct report *out, char **err)
{
	if (err)
		*err = NULL;
	if (!data || len == 0)
		return fail(err, "page is empty");
	if (len > HTML_MAX_INPUT) {
		if (report_warn(out, "page is %zu bytes: only the first %zu were read", len,
		                HTML_MAX_INPUT))
			return fail(err, "out of memory reading page");
		len = HTML_MAX_INPUT;
	}
	struct buf u;
	buf_init(&u, BUF_DEFAULT_MAX);
	const char *note = NULL, *text;
	size_t text_len;
	if (html_to_utf8(data, len, &u, &text, &text_len, &note)) {
		buf_release(&u);
		return fail(err, "out of memory decoding page");
	}
	int rc = 0;
	if (note && report_warn(out, "%s", note))
		rc = fail(err, "out of memory reading page");
	if (rc == 0)
		rc = read_utf8(text, text_len, hints, out, err);
	buf_release(&u);
	return rc;
}
