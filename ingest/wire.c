/* Wire file importer: format sniffing, dispatch to the NITF, NewsML-G2 and
 * NewsML 1.2 readers, and what they share (emitting reports, agency choice,
 * paragraphs). See wire.h and wire_formats.h. */
#include "ingest/wire.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/dateline.h"
#include "ingest/wire_formats.h"
#include "ingest/wire_util.h"

/* ---- sniffing ---- */

/* Skips what may come before the root element: BOM, white space, the XML
 * declaration, comments, processing instructions and a DOCTYPE (with its
 * internal subset). Returns the offset of the root's '<', or len. */
static size_t skip_prolog(const char *d, size_t len)
{
	size_t i = 0;
	if (len >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len) {
		while (i < len && isspace((unsigned char)d[i]))
			i++;
		if (i + 1 >= len || d[i] != '<')
			return len;
		const char *end = NULL;
		if (d[i + 1] == '?') {
			const char *q = memchr(d + i, '>', len - i);
			end = q;
		} else if (len - i >= 4 && memcmp(d + i, "<!--", 4) == 0) {
			for (size_t k = i + 4; k + 2 < len; k++)
				if (memcmp(d + k, "-->", 3) == 0) {
					end = d + k + 2;
					break;
				}
		} else if (d[i + 1] == '!') {
			int depth = 0;
			for (size_t k = i + 2; k < len; k++) {
				if (d[k] == '[')
					depth++;
				else if (d[k] == ']')
					depth--;
				else if (d[k] == '>' && depth <= 0) {
					end = d + k;
					break;
				}
			}
		} else {
			return i;
		}
		if (!end)
			return len;
		i = (size_t)(end - d) + 1;
	}
	return len;
}

/* The format whose root element is name (n bytes, local name). */
static const char *root_format(const char *name, size_t n)
{
	static const struct {
		const char *root;
		const char *format;
	} roots[] = {
		{"nitf", "nitf"}, {"newsItem", "newsml-g2"}, {"newsMessage", "newsml-g2"},
		{"packageItem", "newsml-g2"}, {"contentMeta", "newsml-g2"},
		{"contentSet", "newsml-g2"}, {"NewsML", "newsml-1.2"}, {"NewsItem", "newsml-1.2"},
		{"rss", "rss"}, {"RDF", "rss"}, {"feed", "atom"}, {NULL, NULL},
	};
	for (int r = 0; roots[r].root; r++)
		if (strlen(roots[r].root) == n && memcmp(roots[r].root, name, n) == 0)
			return roots[r].format;
	return NULL;
}

const char *wire_sniff(const char *data, size_t len)
{
	if (!data)
		return NULL;
	if (len > ((size_t)64 << 10))
		len = (size_t)64 << 10;
	size_t i = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (i < len && isspace((unsigned char)data[i]))
		i++;
	if (i < len && data[i] == '{')
		return "jsonl";
	i = skip_prolog(data, len);
	if (i >= len)
		return NULL;
	size_t k = i + 1, start = k;
	while (k < len && !isspace((unsigned char)data[k]) && data[k] != '>' && data[k] != '/') {
		if (data[k] == ':')
			start = k + 1;
		k++;
	}
	return root_format(data + start, k - start);
}

/* ---- emitting ---- */

void wire_session_release(struct wire_session *s)
{
	free(s->reject);
	free(s->stop);
	s->reject = s->stop = NULL;
}

static int blank(const char *s)
{
	if (!s)
		return 1;
	while (*s && isspace((unsigned char)*s))
		s++;
	return *s == '\0';
}

static int add_notes(struct wire_session *s, struct report *r)
{
	if (s->notes.refused_entities &&
	    report_warn(r, "%d external entit%s refused: left empty", s->notes.refused_entities,
			s->notes.refused_entities == 1 ? "y" : "ies"))
		return -1;
	if (s->guessed_encoding &&
	    report_warn(r, "the file is not utf-8: its encoding was guessed"))
		return -1;
	if (s->notes.reencoded &&
	    report_warn(r, "the file is not in its declared encoding: read as windows-1252"))
		return -1;
	if (s->notes.charset && report_warn(r, "%s", s->notes.charset))
		return -1;
	return 0;
}

/* A report without place or agency may name them in the dateline that opens
 * its body ("MOSCOW, January 6. /TASS/."). */
static int body_dateline(struct report *r)
{
	struct dateline dl;
	char canon[64];
	if ((r->place && r->agency) || !r->body ||
	    !dateline_parse(r->body, strcspn(r->body, "\n"), &dl))
		return 0;
	if (!r->place && dl.place[0] && report_set(&r->place, dl.place))
		return -1;
	if (!r->agency && dl.agency[0] &&
	    agency_canonical(dl.agency, strlen(dl.agency), canon, sizeof(canon)) &&
	    report_set(&r->agency, canon))
		return -1;
	return 0;
}

static void set_msg(char **dst, const char *msg)
{
	free(*dst);
	*dst = strdup(msg);
}

int wire_emit(struct wire_session *s, struct report *r, const char *item)
{
	int rc = 0;
	if (blank(r->title)) {
		free(r->title);
		r->title = NULL;
	}
	if (blank(r->body)) {
		free(r->body);
		r->body = NULL;
	}
	if (!r->title && !r->body) {
		set_msg(&s->reject, "no headline or text");
		rc = 1;
	} else if (report_set(&r->format, s->format) || add_notes(s, r) || body_dateline(r) ||
		   (!r->body && report_warn(r, "no body text")) ||
		   wire_apply_hints(r, s->h, s->single) || wire_settle_zone(r)) {
		set_msg(&s->stop, "out of memory");
		rc = -1;
	} else if (s->sink(s->ctx, r, item) != 0) {
		char msg[128];
		snprintf(msg, sizeof(msg), "import stopped at %s", item ? item : "the report");
		set_msg(&s->stop, msg);
		rc = -1;
	} else {
		s->items_ok++;
	}
	report_release(r);
	return rc;
}

void wire_item_failed(struct wire_session *s, const char *item, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	s->items_failed++;
	if (s->single || !item) {
		set_msg(&s->reject, msg);
		return;
	}
	if (s->on_error)
		s->on_error(s->ctx, item, msg);
}

int wire_emit_item(struct wire_session *s, struct report *r, const char *noun, int n)
{
	char name[64];
	snprintf(name, sizeof(name), "%s %d", noun, n);
	int rc = wire_emit(s, r, s->single ? NULL : name);
	if (rc == 1) {
		wire_item_failed(s, s->single ? NULL : name, "%s", s->reject);
		return s->single ? -1 : 0;
	}
	return rc;
}

/* ---- agency choice ---- */

static void copy_name(char *dst, size_t cap, const char *name)
{
	size_t n = strlen(name);
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, name, n);
	dst[n] = '\0';
}

int agency_consider(struct agency_pick *p, const char *s)
{
	if (blank(s))
		return 0;
	if (!p->known[0]) {
		const char *k = wire_agency_name(s);
		if (k)
			copy_name(p->known, sizeof(p->known), k);
		else
			agency_canonical(s, strlen(s), p->known, sizeof(p->known));
	}
	if (!p->fallback && !(p->fallback = wire_squeeze(s, strlen(s))))
		return -1;
	return 0;
}

void agency_consider_known(struct agency_pick *p, const char *known)
{
	if (!p->known[0] && known)
		copy_name(p->known, sizeof(p->known), known);
}

int agency_settle(struct agency_pick *p, struct report *r)
{
	int rc = 0;
	const char *name = p->known[0] ? p->known : p->fallback;
	if (!r->agency && name) {
		/* The dictionary's spelling wins over ours ("AP" or whatever it says). */
		char canon[64];
		if (agency_canonical(name, strlen(name), canon, sizeof(canon)))
			name = canon;
		rc = wire_set_field(r, &r->agency, name, WIRE_MAX_FIELD, "agency");
	}
	free(p->fallback);
	p->fallback = NULL;
	p->known[0] = '\0';
	return rc;
}

/* ---- paragraphs ---- */

static int name_in(const xmlNode *n, const char *const *names)
{
	for (int i = 0; names[i]; i++)
		if (strcmp((const char *)n->name, names[i]) == 0)
			return 1;
	return 0;
}

static const char *const paragraph_tags[] = {
	"p", "li", "hl1", "hl2", "hl3", "h1", "h2", "h3", "h4", "h5", "h6", "pre",
	"tr", "dt", "dd", "caption", "figcaption", NULL,
};
static const char *const skipped_tags[] = {
	"media", "script", "style", "head", "body.head", "body.end", "object", "iframe",
	"img", "title", "noscript", "nitf-table-metadata", "fn", NULL,
};
static const char *const container_tags[] = {
	"block", "div", "body", "body.content", "html", "nitf", "section", "article", "ul",
	"ol", "dl", "table", "tbody", "thead", "tfoot", "blockquote", "bq", "DataContent",
	"main", "center", "inlineXML", NULL,
};

/* Adds one paragraph made of the siblings [first, stop). */
static int add_paragraph(struct buf *body, const xmlNode *first, const xmlNode *stop)
{
	size_t mark = body->len;
	if (body->len && buf_add(body, "\n\n", 2))
		return 1;
	size_t after = body->len;
	int full = xmlsafe_text_run(first, stop, body);
	/* A paragraph that is only markup written out as text (an embed code
	 * for web pages) is no part of the report. */
	const char *t = body->data ? body->data + after : "";
	size_t tl = body->len - after;
	int code = tl > 1 && t[0] == '<' && t[tl - 1] == '>' && strstr(t, "</");
	if (body->len == after || code) {
		body->len = mark;
		if (body->data)
			body->data[mark] = '\0';
	}
	return full ? 1 : 0;
}

static int is_block(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE &&
	       (name_in(n, paragraph_tags) || name_in(n, skipped_tags) || name_in(n, container_tags));
}

static int walk_paragraphs(const xmlNode *container, struct buf *body, int depth)
{
	const xmlNode *run = NULL;
	if (depth > 300)
		return 0;
	for (const xmlNode *c = container->children; c; c = c->next) {
		if (!is_block(c)) {
			if (!run)
				run = c;
			continue;
		}
		if (run && add_paragraph(body, run, c))
			return 1;
		run = NULL;
		if (name_in(c, skipped_tags))
			continue;
		if (name_in(c, paragraph_tags) ? add_paragraph(body, c, c->next)
					       : walk_paragraphs(c, body, depth + 1))
			return 1;
	}
	return run ? add_paragraph(body, run, NULL) : 0;
}

int wire_paragraphs(const xmlNode *container, struct buf *body)
{
	return container ? walk_paragraphs(container, body, 0) : 0;
}

int wire_text_paragraphs(const char *s, struct buf *body)
{
	int rc = 0;
	while (*s && !rc) {
		const char *end = s;
		/* A paragraph ends at a line holding nothing but white space. */
		for (;;) {
			end = strchr(end, '\n');
			if (!end)
				break;
			const char *q = end + 1;
			while (*q == ' ' || *q == '\t' || *q == '\r')
				q++;
			if (*q == '\n' || *q == '\0')
				break;
			end = q;
		}
		size_t n = end ? (size_t)(end - s) : strlen(s);
		char *para = wire_squeeze(s, n);
		if (!para)
			return -1;
		if (*para && ((body->len && buf_add(body, "\n\n", 2)) || buf_addstr(body, para)))
			rc = 1;
		free(para);
		s += n;
		while (*s == '\n' || *s == '\r' || *s == ' ' || *s == '\t')
			s++;
	}
	return rc;
}

int wire_set_body(struct report *r, const xmlNode *container)
{
	struct buf b;
	buf_init(&b, WIRE_MAX_BODY);
	int full = wire_paragraphs(container, &b);
	if (b.len == 0) {
		buf_release(&b);
		return 0;
	}
	char *text = buf_detach(&b);
	buf_release(&b);
	if (!text)
		return -1;
	free(r->body);
	r->body = text;
	if (full && report_warn(r, "body cut at %zu bytes", (size_t)WIRE_MAX_BODY))
		return -1;
	return 0;
}

/* ---- times ---- */

int wire_time_from(struct report *r, const char *const *texts, int n)
{
	for (int i = 0; i < n; i++) {
		if (blank(texts[i]))
			continue;
		int rc = wire_set_time(r, texts[i]);
		if (rc == 0)
			return 0;
		if (rc == -2 || report_warn(r, "unreadable time '%.80s'", texts[i]))
			return -1;
	}
	return 0;
}

/* ---- the reader ---- */

int wire_read(const char *data, size_t len, const struct ingest_hints *h,
	      report_sink sink, report_error_fn on_error, void *ctx, char **err)
{
	struct wire_session s = {0};
	char *perr = NULL;
	s.h = h;
	s.sink = sink;
	s.on_error = on_error;
	s.ctx = ctx;
	if (err)
		*err = NULL;
	xmlDocPtr doc = xmlsafe_read_notes(data, len, wire_path(h), &perr, &s.notes);
	if (!doc) {
		if (err)
			*err = perr;
		else
			free(perr);
		return -1;
	}
	const xmlNode *root = xmlDocGetRootElement(doc);
	const char *fmt = root ? root_format((const char *)root->name,
					     strlen((const char *)root->name)) : NULL;
	int rc = -1;
	if (fmt && strcmp(fmt, "nitf") == 0) {
		s.format = "nitf";
		rc = wire_read_nitf(&s, root);
	} else if (fmt && strcmp(fmt, "newsml-g2") == 0) {
		s.format = "newsml-g2";
		rc = wire_read_g2(&s, root);
	} else if (fmt && strcmp(fmt, "newsml-1.2") == 0) {
		s.format = "newsml-1.2";
		rc = wire_read_nml1(&s, root);
	} else {
		wire_fail(err, h, "root element <%.40s> is not nitf, newsml-g2 or newsml 1.2",
			  root ? (const char *)root->name : "");
		xmlFreeDoc(doc);
		return -1;
	}
	if (rc)
		wire_fail(err, h, "%s", s.stop ? s.stop : s.reject ? s.reject : "no item");
	wire_session_release(&s);
	xmlFreeDoc(doc);
	return rc ? -1 : 0;
}
