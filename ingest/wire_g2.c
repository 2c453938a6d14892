/* NewsML-G2 reader: a newsItem, a newsMessage with an itemSet, or a bare
 * contentMeta / contentSet fragment. See wire.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/wire_formats.h"
#include "ingest/wire_util.h"

/* The part of an item: the item's child, or the root itself when the file
 * is that part alone. */
static const xmlNode *part(const xmlNode *item, const char *name)
{
	return xmlsafe_is(item, name) ? item : xmlsafe_child(item, name);
}

static int take(struct report *r, char **field, char *s, size_t max, const char *what)
{
	if (s && !*s) {
		free(s);
		return 0;
	}
	return wire_take_field(r, field, s, max, what);
}

/* A party (provider, copyrightHolder, creator): its <name> or literal as
 * written, and its qcode or uri only when it names a known agency. */
static int consider_party(struct agency_pick *p, const xmlNode *party)
{
	if (!party)
		return 0;
	char *name = xmlsafe_text_dup(xmlsafe_child(party, "name"), 256);
	if (!name || !*name) {
		free(name);
		name = xmlsafe_attr(party, "literal", 256);
	}
	int rc = agency_consider(p, name);
	free(name);
	const char *attrs[] = {"qcode", "uri"};
	for (int i = 0; i < 2 && !rc; i++) {
		char *v = xmlsafe_attr(party, attrs[i], 256);
		agency_consider_known(p, wire_agency_name(v));
		free(v);
	}
	return rc;
}

/* The located place: <name>, literal, or the code after "city:". */
static char *located_name(const xmlNode *loc)
{
	if (!loc)
		return NULL;
	char *s = xmlsafe_text_dup(xmlsafe_child(loc, "name"), WIRE_MAX_FIELD);
	if (!s || !*s) {
		free(s);
		s = xmlsafe_attr(loc, "literal", WIRE_MAX_FIELD);
	}
	if (!s || !*s) {
		free(s);
		s = xmlsafe_attr(loc, "qcode", WIRE_MAX_FIELD);
		char *colon = s ? strchr(s, ':') : NULL;
		if (colon)
			memmove(s, colon + 1, strlen(colon));
	}
	return s;
}

static int g2_place(struct report *r, const xmlNode *cm, struct agency_pick *p)
{
	char *dl = xmlsafe_text_dup(xmlsafe_child(cm, "dateline"), 512);
	char *place = NULL;
	const char *agency = NULL;
	int rc = wire_dateline(dl, &place, &agency);
	free(dl);
	agency_consider_known(p, agency);
	if (!place)
		place = located_name(xmlsafe_child(cm, "located"));
	if (!rc)
		rc = take(r, &r->place, place, WIRE_MAX_FIELD, "place");
	else
		free(place);
	return rc;
}

static int g2_time(struct report *r, const xmlNode *im, const xmlNode *cm)
{
	char *t[4] = {
		xmlsafe_text_dup(xmlsafe_child(im, "versionCreated"), 64),
		xmlsafe_text_dup(xmlsafe_child(im, "firstCreated"), 64),
		xmlsafe_text_dup(xmlsafe_child(cm, "contentCreated"), 64),
		xmlsafe_text_dup(xmlsafe_child(cm, "contentModified"), 64),
	};
	int rc = wire_time_from(r, (const char *const *)t, 4);
	for (int i = 0; i < 4; i++)
		free(t[i]);
	return rc;
}

/* Author from <by>, else from a <creator> that is not an agency. */
static int g2_author(struct report *r, const xmlNode *cm)
{
	char *by = xmlsafe_text_dup(xmlsafe_child(cm, "by"), WIRE_MAX_FIELD);
	if (by)
		wire_strip_byline(by);
	if (!by || !*by) {
		free(by);
		const xmlNode *creator = xmlsafe_child(cm, "creator");
		by = xmlsafe_text_dup(xmlsafe_child(creator, "name"), WIRE_MAX_FIELD);
		if (by && wire_agency_name(by)) {
			free(by);
			by = NULL;
		}
	}
	return take(r, &r->author, by, WIRE_MAX_FIELD, "byline");
}

static int g2_lede(struct report *r, const xmlNode *cm)
{
	for (const xmlNode *d = xmlsafe_child(cm, "description"); d; d = xmlsafe_next(d, "description")) {
		char *role = xmlsafe_attr(d, "role", 128);
		int summary = !role || strstr(role, "summary") || strstr(role, "abstract");
		free(role);
		if (summary)
			return take(r, &r->lede, xmlsafe_text_dup(d, WIRE_MAX_BODY), WIRE_MAX_BODY,
				    "summary");
	}
	return 0;
}

/* Plain inline text: paragraphs are separated by blank lines. */
static int text_body(struct report *r, const xmlNode *data)
{
	struct buf all, body;
	buf_init(&all, WIRE_MAX_BODY);
	buf_init(&body, WIRE_MAX_BODY);
	int cut = xmlsafe_raw_text(data, &all) != 0;
	int rc = wire_text_paragraphs(buf_str(&all), &body);
	buf_release(&all);
	if (rc > 0)
		cut = 1;
	if (rc >= 0 && body.len)
		rc = take(r, &r->body, buf_detach(&body), WIRE_MAX_BODY, "body");
	buf_release(&body);
	if (rc >= 0 && cut && report_warn(r, "body cut at %zu bytes", (size_t)WIRE_MAX_BODY))
		rc = -1;
	return rc < 0 ? -1 : 0;
}

/* The first rendition in contentSet that has text: NITF, XHTML, other
 * inline XML or plain inline data. */
static int g2_content(struct report *r, const xmlNode *cs, struct agency_pick *p)
{
	int rc = 0;
	for (const xmlNode *c = cs ? cs->children : NULL; c && !rc && !r->body; c = c->next) {
		if (xmlsafe_is(c, "inlineXML")) {
			const xmlNode *nitf = xmlsafe_child(c, "nitf");
			const xmlNode *html = xmlsafe_child(c, "html");
			if (nitf)
				rc = nitf_fill(r, nitf, p);
			else
				rc = wire_set_body(r, html ? html : c);
		} else if (xmlsafe_is(c, "inlineData")) {
			rc = text_body(r, c);
		}
	}
	return rc;
}

/* 1 when the item's class is one that carries no text (pictures, video). */
static char *non_text_class(const xmlNode *im)
{
	char *q = xmlsafe_attr(xmlsafe_child(im, "itemClass"), "qcode", 128);
	const char *colon = q ? strchr(q, ':') : NULL;
	const char *cls = colon ? colon + 1 : q;
	if (!cls || strcmp(cls, "text") == 0 || strcmp(cls, "composite") == 0 || !*cls) {
		free(q);
		return NULL;
	}
	memmove(q, cls, strlen(cls) + 1);
	return q;
}

static int g2_fill(struct report *r, const xmlNode *item, const char *sender, struct agency_pick *p)
{
	const xmlNode *im = part(item, "itemMeta");
	const xmlNode *cm = part(item, "contentMeta");
	const xmlNode *cs = part(item, "contentSet");
	const xmlNode *rights = xmlsafe_child(item, "rightsInfo");
	char *guid = xmlsafe_attr(item, "guid", WIRE_MAX_FIELD);
	int rc = 0;
	agency_consider_known(p, wire_agency_from_id(guid));
	rc = take(r, &r->guid, guid, WIRE_MAX_FIELD, "guid");
	if (!rc) {
		const xmlNode *hl = xmlsafe_child(cm, "headline");
		rc = take(r, &r->title, xmlsafe_text_dup(hl ? hl : xmlsafe_child(im, "title"),
							 WIRE_MAX_FIELD + 4), WIRE_MAX_FIELD, "headline");
	}
	if (!rc)
		rc = consider_party(p, xmlsafe_child(im, "provider"));
	if (!rc)
		rc = consider_party(p, xmlsafe_child(rights, "copyrightHolder"));
	if (!rc) {
		agency_consider_known(p, wire_agency_name(sender));
		rc = g2_place(r, cm, p);
	}
	if (!rc)
		rc = consider_party(p, xmlsafe_child(cm, "creator"));
	if (!rc)
		rc = g2_time(r, im, cm);
	if (!rc)
		rc = g2_author(r, cm);
	if (!rc)
		rc = g2_lede(r, cm);
	if (!rc)
		rc = g2_content(r, cs, p);
	return rc;
}

/* Reads one newsItem (or fragment) and emits it as item n. */
static int g2_item(struct wire_session *s, const xmlNode *item, const char *sender, int n)
{
	struct report r;
	struct agency_pick p = {{0}, NULL};
	report_init(&r);
	int rc = g2_fill(&r, item, sender, &p);
	if (!rc)
		rc = agency_settle(&p, &r);
	agency_settle(&p, &r);
	if (rc) {
		report_release(&r);
		free(s->stop);
		s->stop = strdup("out of memory");
		return -1;
	}
	char *cls = r.body ? NULL : non_text_class(part(item, "itemMeta"));
	if (cls) {
		char name[32];
		snprintf(name, sizeof(name), "item %d", n);
		wire_item_failed(s, s->single ? NULL : name, "%s item skipped: it carries no text", cls);
		free(cls);
		report_release(&r);
		return s->single ? -1 : 0;
	}
	return wire_emit_item(s, &r, "item", n);
}

/* Anything in an itemSet that is not a newsItem carries no text of its own. */
static int g2_other(struct wire_session *s, const xmlNode *item, int n)
{
	char name[32];
	snprintf(name, sizeof(name), "item %d", n);
	if (xmlsafe_is(item, "packageItem"))
		wire_item_failed(s, s->single ? NULL : name,
				 "package item skipped: it carries no text, only references");
	else
		wire_item_failed(s, s->single ? NULL : name, "%s skipped: not a news item",
				 (const char *)item->name);
	return s->single ? -1 : 0;
}

static int g2_message(struct wire_session *s, const xmlNode *msg)
{
	const xmlNode *set = xmlsafe_child(msg, "itemSet");
	char *sender = xmlsafe_text_dup(xmlsafe_find(xmlsafe_child(msg, "header"), "sender"), 256);
	int n = 0, rc = 0;
	for (const xmlNode *c = set ? set->children : NULL; c && !rc; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		n++;
		rc = xmlsafe_is(c, "newsItem") ? g2_item(s, c, sender, n) : g2_other(s, c, n);
	}
	free(sender);
	if (!rc && n == 0) {
		free(s->reject);
		s->reject = strdup("the news message holds no items");
		rc = -1;
	}
	return rc;
}

int wire_read_g2(struct wire_session *s, const xmlNode *root)
{
	if (xmlsafe_is(root, "newsMessage"))
		return g2_message(s, root);
	s->single = 1;
	if (xmlsafe_is(root, "packageItem"))
		return g2_other(s, root, 1);
	return g2_item(s, root, NULL, 1);
}
