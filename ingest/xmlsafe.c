/* Safe XML reading and bounded DOM helpers: see xmlsafe.h. */
#include "ingest/xmlsafe.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/globals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include "ingest/encoding.h"

/* Entities nest at most this deep when we expand them ourselves; libxml2
 * refuses loops at parse time, this only keeps the recursion bounded. */
#define MAX_ENTITY_DEPTH 40

/* The parse in progress on this thread, so that the loader can count refusals
 * without touching ctxt->_private, which other libxml2 users may own. */
static _Thread_local xmlParserCtxtPtr current_ctxt;
static _Thread_local int current_refusals;
/* The first fatal error of that parse: libxml2's last error is often a
 * consequence ("detected an error in element content") of the first one
 * ("CData section too big found"). */
static _Thread_local int first_line;
static _Thread_local int first_code;
static _Thread_local char first_msg[256];
/* The streaming read open on this thread (see xmlsafe_stream_open), whose
 * refusals the loader counts while no whole-document parse runs. */
static _Thread_local struct xmlsafe_stream *current_stream;

/* Refuses every external entity, DTD or XInclude: agency files are read on
 * their own, never with whatever they point at. */
static xmlParserInputPtr refuse_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	if (ctxt && ctxt == current_ctxt)
		current_refusals++;
	else if (!current_ctxt && current_stream)
		current_stream->refusals++;
	return NULL;
}

/* Swallows libxml2's own messages (I/O and encoder errors bypass the
 * parser's NOERROR option): modules never write to the terminal. */
static void silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void silent_structured(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

/* Keeps the first fatal error of the parse in progress. */
static void first_error(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	if (!e || e->level < XML_ERR_ERROR || first_code)
		return;
	first_code = e->code ? e->code : -1;
	first_line = e->line;
	snprintf(first_msg, sizeof(first_msg), "%s", e->message ? e->message : "");
}

/* libxml2's limits (without XML_PARSE_HUGE, which would also lift its
 * guards against entity expansion): their messages say what to a reader. */
static const char *limit_message(const char *msg)
{
	if (strstr(msg, "huge text node") || strstr(msg, "CData section too big"))
		return "a text longer than 10 MB, the most the XML parser takes";
	if (strstr(msg, "AttValue length too long"))
		return "an attribute value longer than 10 MB, the most the XML parser takes";
	if (strstr(msg, "Excessive depth"))
		return "elements nested to a depth past 256, the most the XML parser takes";
	return NULL;
}

static char *dup_error(const char *path, int line, const char *msg)
{
	struct buf b;
	buf_init(&b, 1024);
	size_t n = strcspn(msg, "\r\n");
	while (n > 0 && (msg[n - 1] == ' ' || msg[n - 1] == '!'))
		n--;
	int rc = buf_printf(&b, "unable to parse '%s'", path ? path : "-");
	if (!rc && line > 0)
		rc = buf_printf(&b, ": line %d", line);
	if (!rc && n > 0) {
		rc = buf_addstr(&b, ": ");
		size_t at = b.len;
		if (!rc)
			rc = buf_add(&b, msg, n);
		if (!rc)
			b.data[at] = (char)tolower((unsigned char)b.data[at]);
	}
	char *s = rc ? NULL : buf_detach(&b);
	buf_release(&b);
	return s ? s : strdup("unable to parse xml: out of memory");
}

/* The encoding named in the XML declaration, copied into out ("" if none). */
static void declared_encoding(const char *data, size_t len, char *out, size_t outsz)
{
	out[0] = '\0';
	size_t lim = len < 300 ? len : 300;
	if (lim < 5 || memcmp(data, "<?xml", 5) != 0)
		return;
	const char *end = memchr(data, '>', lim);
	if (!end)
		return;
	for (const char *p = data; p + 8 < end; p++) {
		if (memcmp(p, "encoding", 8) != 0)
			continue;
		p += 8;
		while (p < end && (*p == ' ' || *p == '=' || *p == '\t'))
			p++;
		if (p >= end || (*p != '"' && *p != '\''))
			return;
		char q = *p++;
		size_t i = 0;
		while (p < end && *p != q && i + 1 < outsz)
			out[i++] = *p++;
		out[i] = '\0';
		return;
	}
}

/* 1 when a failed parse is worth a second try as windows-1252: the bytes
 * were not UTF-8 although the file claimed (or defaulted to) UTF-8. */
static int worth_reencoding(const char *data, size_t len, const xmlError *e)
{
	if (!e || (e->code != XML_ERR_INVALID_CHAR && e->code != XML_ERR_INVALID_ENCODING))
		return 0;
	if (!e->message || !strstr(e->message, "UTF-8"))
		return 0;
	char enc[32];
	declared_encoding(data, len, enc, sizeof(enc));
	return enc[0] == '\0' || strcasecmp(enc, "utf-8") == 0 || strcasecmp(enc, "utf8") == 0;
}

static size_t sat_add(size_t a, size_t b)
{
	return a > SIZE_MAX / 2 - b ? SIZE_MAX / 2 : a + b;
}

static size_t list_size(const xmlNode *n, int depth);

/* The expanded size of an entity, remembered in its _private field so that
 * each entity is measured once however often it is referenced. */
static size_t entity_size(xmlEntityPtr ent, int depth)
{
	if (!ent || depth > MAX_ENTITY_DEPTH)
		return 0;
	if (ent->_private)
		return (size_t)(uintptr_t)ent->_private - 1;
	size_t n = ent->children ? list_size(ent->children, depth + 1) : (size_t)ent->length;
	ent->_private = (void *)(uintptr_t)(n + 1);
	return n;
}

/* The expanded text size of a node list, attributes included. */
static size_t list_size(const xmlNode *n, int depth)
{
	size_t total = 0;
	for (; n; n = n->next) {
		switch (n->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (n->content)
				total = sat_add(total, strlen((const char *)n->content));
			break;
		case XML_ENTITY_REF_NODE:
			total = sat_add(total, entity_size((xmlEntityPtr)n->children, depth));
			break;
		case XML_ELEMENT_NODE:
			for (const xmlAttr *a = n->properties; a; a = a->next)
				total = sat_add(total, list_size(a->children, depth));
			total = sat_add(total, list_size(n->children, depth));
			break;
		default:
			break;
		}
		if (total >= XMLSAFE_MAX_EXPANSION)
			break;
	}
	return total;
}

/* Counts the external entities the document declares: none of them was (or
 * will be) loaded. */
static int count_external_decls(xmlDocPtr doc)
{
	int n = 0;
	if (!doc->intSubset)
		return 0;
	for (const xmlNode *c = doc->intSubset->children; c; c = c->next) {
		if (c->type != XML_ENTITY_DECL)
			continue;
		const xmlEntity *e = (const xmlEntity *)c;
		if (e->etype == XML_EXTERNAL_GENERAL_PARSED_ENTITY ||
		    e->etype == XML_EXTERNAL_GENERAL_UNPARSED_ENTITY ||
		    e->etype == XML_EXTERNAL_PARAMETER_ENTITY)
			n++;
	}
	return n;
}

static xmlDocPtr parse_once(const char *data, size_t len, const char *path, const char *encoding,
			    char **err, int *refusals, int *reencode)
{
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		*err = strdup("unable to parse xml: out of memory");
		return NULL;
	}
	int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
	xmlGenericErrorFunc old = xmlGenericError;
	void *old_ctx = xmlGenericErrorContext;
	xmlStructuredErrorFunc old_s = xmlStructuredError;
	void *old_s_ctx = xmlStructuredErrorContext;
	xmlSetGenericErrorFunc(NULL, silent);
	xmlSetStructuredErrorFunc(NULL, silent_structured);
	current_ctxt = ctxt;
	current_refusals = 0;
	first_code = first_line = 0;
	first_msg[0] = '\0';
	ctxt->sax->serror = first_error;
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data, (int)len, path, encoding, opts);
	*refusals += current_refusals;
	current_ctxt = NULL;
	xmlSetGenericErrorFunc(old_ctx, old);
	xmlSetStructuredErrorFunc(old_s_ctx, old_s);
	/* A limit (a text node past 10 MB) stops libxml2 2.9 without marking
	 * the document ill-formed: it returns what it had read, the rest of
	 * the file silently lost. disableSAX tells. */
	if (!doc || !ctxt->wellFormed || ctxt->disableSAX) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);
		if (reencode)
			*reencode = worth_reencoding(data, len, e);
		const char *limit = first_code ? limit_message(first_msg) : NULL;
		if (limit)
			*err = dup_error(path, first_line, limit);
		else
			*err = dup_error(path, e ? e->line : 0,
					 e && e->message ? e->message : "not well-formed xml");
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(ctxt);
	return doc;
}

/* Whether data is valid UTF-8 holding at least one character past ASCII. */
static int utf8_beyond_ascii(const char *data, size_t len)
{
	size_t i = 0;
	while (i < len && !((unsigned char)data[i] & 0x80))
		i++;
	return i < len && encoding_is_utf8(data + i, len - i);
}

/* Encodings the web refuses (see xmlsafe.h): a file declaring one is read
 * as if it declared nothing. */
static int refused_encoding(const char *enc)
{
	static const char *const refused[] = {
		"utf-7", "utf7", "unicode-1-1-utf-7", "csunicode11utf7", "x-utf-7",
		"utf-32", "utf32", "utf-32le", "utf-32be", "ucs-4", "ucs4", "ucs-4le", "ucs-4be",
		"iso-10646-ucs-4", "csucs4", "cesu-8", "cesu8", "bocu-1", "csbocu-1", "scsu",
	};
	for (size_t i = 0; i < sizeof(refused) / sizeof(*refused); i++)
		if (strcasecmp(enc, refused[i]) == 0)
			return 1;
	return 0;
}

/* The encoding to read data in instead of the one it declares, or NULL to
 * follow the declaration; sets *note when one is returned. */
static const char *override_encoding(const char *data, size_t len, const char **note)
{
	char enc[32];
	declared_encoding(data, len, enc, sizeof(enc));
	if (!enc[0] || !strcasecmp(enc, "utf-8") || !strcasecmp(enc, "utf8"))
		return NULL;
	/* A byte-order mark decides, whatever the declaration says. */
	const unsigned char *u = (const unsigned char *)data;
	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
		return NULL;
	if (refused_encoding(enc)) {
		int utf8 = encoding_is_utf8(data, len);
		*note = utf8 ? "the file declares an encoding the web refuses (utf-7, utf-32...): read as utf-8"
			     : "the file declares an encoding the web refuses (utf-7, utf-32...): read as windows-1252";
		return utf8 ? "UTF-8" : "WINDOWS-1252";
	}
	if (!strncasecmp(enc, "utf-16", 6) || !strncasecmp(enc, "ucs-2", 5))
		return NULL;
	if (utf8_beyond_ascii(data, len)) {
		*note = "the file declares another encoding but is utf-8: read as utf-8";
		return "UTF-8";
	}
	return NULL;
}

xmlDocPtr xmlsafe_read_notes(const char *data, size_t len, const char *path, char **err,
			     struct xmlsafe_notes *notes)
{
	struct xmlsafe_notes local = {0, 0, NULL};
	*err = NULL;
	if (len > INT_MAX) {
		*err = dup_error(path, 0, "file larger than 2 GB");
		return NULL;
	}
	xmlInitParser();
	xmlSetExternalEntityLoader(refuse_loader);
	int reencode = 0;
	const char *encoding = override_encoding(data, len, &local.charset);
	xmlDocPtr doc = parse_once(data, len, path, encoding, err, &local.refused_entities, &reencode);
	if (!doc && reencode) {
		char *err2 = NULL;
		doc = parse_once(data, len, path, "WINDOWS-1252", &err2, &local.refused_entities, NULL);
		if (doc) {
			free(*err);
			*err = NULL;
			local.reencoded = 1;
		}
		free(err2);
	}
	if (doc && list_size(doc->children, 0) >= XMLSAFE_MAX_EXPANSION) {
		*err = dup_error(path, 0, "entities expand to more than 256 MB (an entity bomb?)");
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (doc)
		local.refused_entities += count_external_decls(doc);
	if (notes)
		*notes = local;
	return doc;
}

xmlDocPtr xmlsafe_read(const char *data, size_t len, const char *path, char **err,
		       int *refused_entities)
{
	struct xmlsafe_notes notes = {0};
	xmlDocPtr doc = xmlsafe_read_notes(data, len, path, err, &notes);
	if (refused_entities)
		*refused_entities = notes.refused_entities;
	return doc;
}

int xmlsafe_is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->name &&
	       strcmp((const char *)n->name, name) == 0;
}

int xmlsafe_is_ns(const xmlNode *n, const char *href, const char *name)
{
	if (!xmlsafe_is(n, name))
		return 0;
	if (!href)
		return n->ns == NULL || n->ns->href == NULL;
	return n->ns && n->ns->href && strcmp((const char *)n->ns->href, href) == 0;
}

xmlNode *xmlsafe_next(const xmlNode *n, const char *name)
{
	for (n = n ? n->next : NULL; n; n = n->next)
		if (xmlsafe_is(n, name))
			return (xmlNode *)n;
	return NULL;
}

xmlNode *xmlsafe_child(const xmlNode *parent, const char *name)
{
	if (!parent)
		return NULL;
	for (xmlNode *c = parent->children; c; c = c->next)
		if (xmlsafe_is(c, name))
			return c;
	return NULL;
}

xmlNode *xmlsafe_find(const xmlNode *n, const char *name)
{
	if (!n)
		return NULL;
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (xmlsafe_is(c, name))
			return c;
		xmlNode *f = xmlsafe_find(c, name);
		if (f)
			return f;
	}
	return NULL;
}

/* Text gathering with white space collapsed: `space` is set when white space
 * was seen since the last character written, and written only before the
 * next non-space character, so nothing trails. */
struct gather {
	struct buf *out;
	size_t start;
	int space;
	int full;
	int raw;        /* 1: keep white space as written */
};

static void gather_bytes(struct gather *g, const char *s, size_t n)
{
	size_t i = 0;
	if (g->raw) {
		size_t room = g->out->max - g->out->len;
		if (!g->full && buf_add(g->out, s, n < room ? n : room))
			g->full = 1;
		if (n > room)
			g->full = 1;
		return;
	}
	while (i < n && !g->full) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			g->space = 1;
			i++;
			continue;
		}
		size_t j = i;
		while (j < n && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' && s[j] != '\r')
			j++;
		if (g->space && g->out->len > g->start && buf_addch(g->out, ' '))
			g->full = 1;
		g->space = 0;
		if (!g->full && buf_add(g->out, s + i, j - i))
			g->full = 1;
		i = j;
	}
}

/* Elements whose edges separate words, so "<p>a</p><p>b</p>" is "a b". */
static int breaks_words(const xmlNode *n)
{
	static const char *const names[] = {
		"p", "br", "li", "td", "th", "tr", "div", "dd", "dt", "ul", "ol", "table",
		"block", "byttl", "hl1", "hl2", "h1", "h2", "h3", "h4", "h5", "h6",
		"name", "title", "blockquote", "bq", "pre", NULL,
	};
	for (int i = 0; names[i]; i++)
		if (strcmp((const char *)n->name, names[i]) == 0)
			return 1;
	return 0;
}

static void gather_list(struct gather *g, const xmlNode *n, int depth);

static void gather_node(struct gather *g, const xmlNode *n, int depth)
{
	switch (n->type) {
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		if (n->content)
			gather_bytes(g, (const char *)n->content, strlen((const char *)n->content));
		break;
	case XML_ENTITY_REF_NODE: {
		const xmlEntity *ent = (const xmlEntity *)n->children;
		if (!ent || depth > MAX_ENTITY_DEPTH)
			break;
		if (ent->children)
			gather_list(g, ent->children, depth + 1);
		else if (ent->etype == XML_INTERNAL_GENERAL_ENTITY && ent->content)
			gather_bytes(g, (const char *)ent->content, (size_t)ent->length);
		break;
	}
	case XML_ELEMENT_NODE: {
		int br = !g->raw && breaks_words(n);
		if (br)
			g->space = 1;
		gather_list(g, n->children, depth);
		if (br)
			g->space = 1;
		break;
	}
	default:
		break;
	}
}

static void gather_list(struct gather *g, const xmlNode *n, int depth)
{
	for (; n && !g->full; n = n->next)
		gather_node(g, n, depth);
}

int xmlsafe_text(const xmlNode *n, struct buf *out)
{
	struct gather g = {out, out->len, 0, 0, 0};
	if (n)
		gather_node(&g, n, 0);
	return g.full ? -1 : 0;
}

int xmlsafe_raw_text(const xmlNode *n, struct buf *out)
{
	struct gather g = {out, out->len, 0, 0, 1};
	if (n)
		gather_list(&g, n->children, 0);
	return g.full ? -1 : 0;
}

int xmlsafe_text_run(const xmlNode *first, const xmlNode *stop, struct buf *out)
{
	struct gather g = {out, out->len, 0, 0, 0};
	for (const xmlNode *n = first; n && n != stop && !g.full; n = n->next)
		gather_node(&g, n, 0);
	return g.full ? -1 : 0;
}

/* Cuts s (NUL-terminated, len bytes) back to a UTF-8 character boundary at
 * or below max. */
static void cut_utf8(char *s, size_t len, size_t max)
{
	if (len <= max)
		return;
	size_t n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	s[n] = '\0';
}

static char *finish(struct buf *b, size_t max)
{
	char *s = buf_detach(b);
	buf_release(b);
	if (s)
		cut_utf8(s, strlen(s), max);
	return s;
}

char *xmlsafe_text_dup(const xmlNode *n, size_t max)
{
	if (!n)
		return NULL;
	struct buf b;
	/* Room for one more character, so that the cut lands on a boundary. */
	buf_init(&b, max + 4);
	xmlsafe_text(n, &b);
	return finish(&b, max);
}

char *xmlsafe_attr(const xmlNode *n, const char *name, size_t max)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		if (!a->name || strcmp((const char *)a->name, name) != 0)
			continue;
		struct buf b;
		buf_init(&b, max + 4);
		struct gather g = {&b, 0, 0, 0, 0};
		gather_list(&g, a->children, 0);
		char *s = finish(&b, max);
		return s;
	}
	return NULL;
}

/* ---- streaming ---- */

/* Whether a fatal error was reported: the reader may otherwise stop at one
 * of libxml2's limits as if the document had ended. */
static void stream_error(void *arg, xmlErrorPtr e)
{
	struct xmlsafe_stream *st = arg;
	if (e && e->level == XML_ERR_FATAL)
		st->failed = 1;
}

int xmlsafe_streamable(const char *head, size_t len)
{
	char enc[32];
	declared_encoding(head, len, enc, sizeof(enc));
	return !enc[0] || !strcasecmp(enc, "utf-8") || !strcasecmp(enc, "utf8");
}

int xmlsafe_stream_open(struct xmlsafe_stream *st, xmlInputReadCallback rd, void *io, const char *path)
{
	memset(st, 0, sizeof(*st));
	xmlInitParser();
	xmlSetExternalEntityLoader(refuse_loader);
	st->old_generic = xmlGenericError;
	st->old_generic_ctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(NULL, silent);
	st->reader = xmlReaderForIO(rd, NULL, io, path, NULL,
				    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!st->reader) {
		xmlSetGenericErrorFunc(st->old_generic_ctx, st->old_generic);
		return -1;
	}
	xmlTextReaderSetStructuredErrorHandler(st->reader, stream_error, st);
	current_stream = st;
	return 0;
}

void xmlsafe_stream_close(struct xmlsafe_stream *st)
{
	if (!st->reader)
		return;
	xmlFreeTextReader(st->reader);
	st->reader = NULL;
	if (current_stream == st)
		current_stream = NULL;
	xmlSetGenericErrorFunc(st->old_generic_ctx, st->old_generic);
}

int xmlsafe_stream_item(struct xmlsafe_stream *st, const xmlNode *item)
{
	/* The item alone: list_size() would go on to its siblings. */
	if (item)
		st->expanded = sat_add(st->expanded, list_size(item->children, 0));
	if (item)
		for (const xmlAttr *a = item->properties; a; a = a->next)
			st->expanded = sat_add(st->expanded, list_size(a->children, 0));
	return st->expanded >= XMLSAFE_MAX_EXPANSION ? -1 : 0;
}

int xmlsafe_stream_refused(struct xmlsafe_stream *st)
{
	xmlDocPtr doc = st->reader ? xmlTextReaderCurrentDoc(st->reader) : NULL;
	return st->refusals + (doc ? count_external_decls(doc) : 0);
}
