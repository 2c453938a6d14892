/* NITF 3.x reader: a <nitf> document, or the NITF inside a NewsML item.
 * See wire.h for what lands where and wire_formats.h for nitf_fill(). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest/wire_formats.h"
#include "ingest/wire_util.h"

void wire_strip_byline(char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == ',' || s[n - 1] == ' ' || s[n - 1] == ';'))
		s[--n] = '\0';
	if (strncasecmp(s, "by ", 3) == 0)
		memmove(s, s + 3, n - 2);
}

/* The byline without its <byttl> (the writer's title, "AP Business Writer"). */
static char *byline_author(const xmlNode *byline)
{
	struct buf b;
	buf_init(&b, WIRE_MAX_FIELD);
	for (const xmlNode *c = byline->children; c; c = c->next) {
		if (xmlsafe_is(c, "byttl"))
			continue;
		size_t mark = b.len;
		if (b.len)
			buf_addch(&b, ' ');
		size_t after = b.len;
		xmlsafe_text_run(c, c->next, &b);
		if (b.len == after) {
			b.len = mark;
			if (b.data)
				b.data[mark] = '\0';
		}
	}
	char *s = buf_finish(&b);   /* a name cut short is no name */
	buf_release(&b);
	if (s)
		wire_strip_byline(s);
	return s;
}

static int fill_title(struct report *r, const xmlNode *head, const xmlNode *bhead)
{
	if (r->title)
		return 0;
	const xmlNode *hl1 = xmlsafe_find(bhead, "hl1");
	if (!hl1)
		hl1 = xmlsafe_child(head, "title");
	return hl1 ? wire_take_field(r, &r->title, xmlsafe_text_dup(hl1, WIRE_MAX_FIELD + 4),
				     WIRE_MAX_FIELD, "headline")
		   : 0;
}

static int fill_time(struct report *r, const xmlNode *head, const xmlNode *bhead)
{
	if (r->pub_known != PUB_NONE)
		return 0;
	const xmlNode *docdata = xmlsafe_child(head, "docdata");
	const xmlNode *story = xmlsafe_find(xmlsafe_child(bhead, "dateline"), "story.date");
	char *t[4] = {
		xmlsafe_attr(xmlsafe_child(docdata, "date.issue"), "norm", 64),
		xmlsafe_attr(xmlsafe_child(head, "pubdata"), "date.publication", 64),
		xmlsafe_attr(story, "norm", 64),
		xmlsafe_text_dup(story, 64),
	};
	int rc = wire_time_from(r, (const char *const *)t, 4);
	for (int i = 0; i < 4; i++)
		free(t[i]);
	return rc;
}

static int consider_attr(struct agency_pick *p, const xmlNode *n, const char *attr)
{
	char *v = xmlsafe_attr(n, attr, 256);
	int rc = agency_consider(p, v);
	free(v);
	return rc;
}

static int consider_text(struct agency_pick *p, const xmlNode *n)
{
	char *v = xmlsafe_text_dup(n, 256);
	int rc = agency_consider(p, v);
	free(v);
	return rc;
}

/* The dateline: its <location> or its own text gives the place, "(AP)" the
 * agency. */
static int fill_dateline(struct report *r, const xmlNode *dateline, struct agency_pick *p)
{
	if (!dateline)
		return 0;
	const xmlNode *loc = xmlsafe_child(dateline, "location");
	char *text = xmlsafe_text_dup(loc ? loc : dateline, 512);
	char *place = NULL;
	const char *agency = NULL;
	int rc = text ? wire_dateline(text, &place, &agency) : -1;
	if (!rc && loc && !place && text && *text)
		place = wire_squeeze(text, strlen(text));
	agency_consider_known(p, agency);
	if (!rc && !r->place && place)
		rc = wire_take_field(r, &r->place, place, WIRE_MAX_FIELD, "place");
	else
		free(place);
	free(text);
	return rc;
}

/* The dateline at the start of the body, "NEW YORK (AP) — ...": the agency
 * in brackets, and the place before it when the report has none. */
static int fill_body_dateline(struct report *r, struct agency_pick *p)
{
	if (!r->body)
		return 0;
	char *line = strndup(r->body, strcspn(r->body, "\n"));
	char *place = NULL;
	const char *agency = NULL;
	if (!line || wire_dateline(line, &place, &agency)) {
		free(line);
		return -1;
	}
	free(line);
	int rc = 0;
	agency_consider_known(p, agency);
	if (agency && place && !r->place)
		rc = wire_take_field(r, &r->place, place, WIRE_MAX_FIELD, "place");
	else
		free(place);
	return rc;
}

static int fill_people(struct report *r, const xmlNode *docdata, const xmlNode *bhead,
		       struct agency_pick *p)
{
	const xmlNode *byline = xmlsafe_child(bhead, "byline");
	int rc = 0;
	if (!rc && byline && !r->author) {
		char *a = byline_author(byline);
		rc = a && *a ? wire_take_field(r, &r->author, a, WIRE_MAX_FIELD, "byline") : 0;
		if (a && !*a)
			free(a);
	}
	if (!rc)
		rc = consider_attr(p, xmlsafe_child(docdata, "doc.copyright"), "holder");
	if (!rc)
		rc = consider_attr(p, xmlsafe_child(docdata, "doc-id"), "regsrc");
	if (!rc)
		rc = consider_text(p, xmlsafe_child(bhead, "distributor"));
	if (!rc)
		rc = consider_text(p, xmlsafe_find(xmlsafe_child(bhead, "rights"), "rights.owner"));
	if (!rc)
		rc = fill_dateline(r, xmlsafe_child(bhead, "dateline"), p);
	if (!rc && byline) {
		char *t = xmlsafe_text_dup(xmlsafe_child(byline, "byttl"), 256);
		agency_consider_known(p, wire_agency_name(t));
		free(t);
	}
	return rc;
}

int nitf_fill(struct report *r, const xmlNode *nitf, struct agency_pick *p)
{
	const xmlNode *head = xmlsafe_child(nitf, "head");
	const xmlNode *body = xmlsafe_child(nitf, "body");
	const xmlNode *bhead = xmlsafe_child(body, "body.head");
	const xmlNode *docdata = xmlsafe_child(head, "docdata");
	int rc = fill_title(r, head, bhead);
	if (!rc && !r->guid) {
		char *id = xmlsafe_attr(xmlsafe_child(docdata, "doc-id"), "id-string", WIRE_MAX_FIELD);
		rc = id && *id ? wire_take_field(r, &r->guid, id, WIRE_MAX_FIELD, "id") : 0;
		if (id && !*id)
			free(id);
	}
	if (!rc)
		rc = fill_time(r, head, bhead);
	if (!rc)
		rc = fill_people(r, docdata, bhead, p);
	if (!rc && !r->lede && xmlsafe_child(bhead, "abstract")) {
		struct buf b;
		buf_init(&b, WIRE_MAX_BODY);
		wire_paragraphs(xmlsafe_child(bhead, "abstract"), &b);
		rc = b.len ? wire_take_field(r, &r->lede, buf_detach(&b), WIRE_MAX_BODY, "abstract") : 0;
		buf_release(&b);
	}
	if (!rc && (!r->body || !*r->body))
		rc = wire_set_body(r, xmlsafe_child(body, "body.content"));
	if (!rc)
		rc = fill_body_dateline(r, p);
	if (!rc && !r->place) {
		char *city = xmlsafe_attr(xmlsafe_child(docdata, "evloc"), "city", 256);
		rc = city && *city ? wire_take_field(r, &r->place, city, WIRE_MAX_FIELD, "place") : 0;
		if (city && !*city)
			free(city);
	}
	return rc ? -1 : 0;
}

int wire_read_nitf(struct wire_session *s, const xmlNode *root)
{
	struct report r;
	struct agency_pick p = {{0}, NULL};
	s->single = 1;
	report_init(&r);
	if (nitf_fill(&r, root, &p) || agency_settle(&p, &r)) {
		agency_settle(&p, &r);
		report_release(&r);
		free(s->stop);
		s->stop = strdup("out of memory");
		return -1;
	}
	return wire_emit_item(s, &r, "item", 1);
}
