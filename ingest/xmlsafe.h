/* Safe XML reading for the wire and feed importers, and bounded DOM helpers.
 *
 * Agency files come from outside: an XML file must never make us open a
 * file, reach the network or blow up memory. xmlsafe_read() parses with
 * XML_PARSE_NONET, never with NOENT, DTDLOAD, XINCLUDE or HUGE, and installs
 * (process-wide) an external entity loader that refuses everything, because
 * libxml2 2.9 has no parser option for that. External entities therefore stay
 * empty; the caller is told how many were refused so that it can warn.
 * libxml2 without HUGE already stops nesting at depth 256 and detects
 * billion-laughs loops; on top of that the parsed tree is measured and a
 * document whose entities would expand past XMLSAFE_MAX_EXPANSION bytes (the
 * quadratic blow-up: one large entity referenced many times) is rejected.
 *
 * A document that stops at one of libxml2's limits (a text node past 10 MB)
 * is an error naming the line and the limit, never the part read before it.
 *
 * The helpers below read text and attributes with a ceiling (struct buf), so
 * they never expand more than they are allowed to keep. Elements are matched
 * by local name, whatever their namespace prefix.
 */
#ifndef COMMUNIQUE_XMLSAFE_H
#define COMMUNIQUE_XMLSAFE_H
#include <stddef.h>

#include <libxml/tree.h>
#include <libxml/xmlIO.h>

#include "util/buf.h"

/* The most text (bytes) a document may hold once its entities are expanded. */
#define XMLSAFE_MAX_EXPANSION ((size_t)256 << 20)

/* What xmlsafe_read_notes() noticed besides errors. */
struct xmlsafe_notes {
	int refused_entities;   /* external entities declared or requested, left empty */
	int reencoded;          /* 1 when the declared encoding was wrong and the
	                           bytes were read as windows-1252 instead */
	const char *charset;    /* when the declared encoding was not followed,
	                           a static lower-case sentence saying so, else NULL */
};

/* Parses data (len bytes) as XML; path names the file in messages (may be
 * NULL). Returns the document, which the caller frees with xmlFreeDoc(), or
 * NULL with *err set (malloc'd, lower-case, names the file and the line:
 * "unable to parse 'x.xml': line 3: premature end of data"). When
 * refused_entities is not NULL it receives the number of external entities
 * that were refused (0 when there were none). */
xmlDocPtr xmlsafe_read(const char *data, size_t len, const char *path, char **err,
		       int *refused_entities);

/* Same, with everything it noticed in *notes (may be NULL). A document that
 * claims UTF-8 (or claims nothing) but is not is read again as windows-1252,
 * the usual culprit, and notes->reencoded is set. A document that declares
 * another encoding (ISO-8859-1...) but whose bytes are valid UTF-8 with
 * characters past ASCII is read as UTF-8: the declaration is a template's,
 * and following it gives mojibake ("PrÃ©sident"). A declared encoding that
 * the web refuses (UTF-7, UTF-32, CESU-8, BOCU-1, SCSU) is ignored: UTF-8
 * when the bytes are, else windows-1252. Either sets notes->charset. */
xmlDocPtr xmlsafe_read_notes(const char *data, size_t len, const char *path, char **err,
			     struct xmlsafe_notes *notes);

/* Streaming reads, for files of many items (feeds): libxml2's xmlTextReader
 * with the same options and loader as xmlsafe_read(), one item expanded at a
 * time (xmlTextReaderExpand, then xmlTextReaderNext, which frees it), so
 * that memory is that of one item, not of the file. */
struct xmlsafe_stream {
	struct _xmlTextReader *reader;
	int failed;         /* a fatal error was reported: what was read is not all */
	int refusals;       /* external entities the loader refused */
	size_t expanded;    /* text of the items measured so far, entities expanded */
	xmlGenericErrorFunc old_generic;
	void *old_generic_ctx;
};

/* Whether a document whose first bytes are head can be streamed with the
 * same result as xmlsafe_read_notes(): it declares no encoding, or UTF-8
 * (another declaration is checked against the whole file's bytes). */
int xmlsafe_streamable(const char *head, size_t len);
/* Opens a streaming read whose bytes come from rd(io, ...); path names the
 * file. Until xmlsafe_stream_close(), libxml2's generic messages are
 * silenced. Returns 0, or -1 when memory ran out. */
int xmlsafe_stream_open(struct xmlsafe_stream *st, xmlInputReadCallback rd, void *io, const char *path);
void xmlsafe_stream_close(struct xmlsafe_stream *st);
/* Adds the expanded text of an item to the stream's total. Returns 0, or
 * -1 when the total passes XMLSAFE_MAX_EXPANSION (an entity bomb). */
int xmlsafe_stream_item(struct xmlsafe_stream *st, const xmlNode *item);
/* The external entities refused so far, declared or requested. */
int xmlsafe_stream_refused(struct xmlsafe_stream *st);

/* 1 when n is an element whose local name is name. */
int xmlsafe_is(const xmlNode *n, const char *name);
/* 1 when n is an element named name in namespace href (NULL: no namespace). */
int xmlsafe_is_ns(const xmlNode *n, const char *href, const char *name);
/* The first element child of parent with that local name, or NULL. */
xmlNode *xmlsafe_child(const xmlNode *parent, const char *name);
/* The next element sibling after n with that local name, or NULL. */
xmlNode *xmlsafe_next(const xmlNode *n, const char *name);
/* The first element with that local name below n (depth first), or NULL. */
xmlNode *xmlsafe_find(const xmlNode *n, const char *name);

/* Appends the text of n and its descendants (entities expanded, within the
 * buffer's ceiling) to out, with runs of white space made one space and no
 * space at either end of what was added. Returns 0, or -1 when the buffer's
 * ceiling was reached (what fitted is kept). */
int xmlsafe_text(const xmlNode *n, struct buf *out);
/* Appends the text of n and its descendants as it is written, white space
 * and all (for content that is itself HTML or plain text with blank lines).
 * Returns 0, or -1 when the buffer's ceiling was reached. */
int xmlsafe_raw_text(const xmlNode *n, struct buf *out);
/* The same for the siblings from first up to (not including) stop, as one
 * run of text: "a <b>bold</b> word" gives "a bold word". */
int xmlsafe_text_run(const xmlNode *first, const xmlNode *stop, struct buf *out);
/* The normalized text of n as a malloc'd string of at most max bytes
 * (truncated at a character boundary), "" for an empty element; NULL when n
 * is NULL or memory ran out. */
char *xmlsafe_text_dup(const xmlNode *n, size_t max);
/* The normalized value of attribute name (local name, any namespace) of n,
 * malloc'd, at most max bytes; NULL when absent. */
char *xmlsafe_attr(const xmlNode *n, const char *name, size_t max);

#endif
