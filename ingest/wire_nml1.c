/* NewsML 1.2 reader (AFP and others): a <NewsML> envelope with <NewsItem>s,
 * or a bare <NewsItem>. See wire.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/wire_formats.h"
#include "ingest/wire_util.h"

static int take(struct report *r, char **field, char *s, size_t max, const char *what)
{
	if (s && !*s) {
		free(s);
		return 0;
	}
	return wire_take_field(r, field, s, max, what);
}

/* The Value of the <Property FormalName="name"> directly under n. */
static char *property(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = xmlsafe_child(n, "Property"); c; c = xmlsafe_next(c, "Property")) {
		char *f = xmlsafe_attr(c, "FormalName", 64);
		int hit = f && strcmp(f, name) == 0;
		free(f);
		if (hit)
			return xmlsafe_attr(c, "Value", WIRE_MAX_FIELD);
	}
	return NULL;
}

/* The DataContent of the first text ContentItem, else the first at all. */
static const xmlNode *text_content(const xmlNode *n, int depth)
{
	const xmlNode *any = NULL;
	if (!n || depth > 50)
		return NULL;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (xmlsafe_is(c, "ContentItem")) {
			const xmlNode *dc = xmlsafe_child(c, "DataContent");
			char *mt = xmlsafe_attr(xmlsafe_child(c, "MediaType"), "FormalName", 64);
			int text = mt && strcmp(mt, "Text") == 0;
			free(mt);
			if (dc && text)
				return dc;
			if (dc && !any)
				any = dc;
		} else if (xmlsafe_is(c, "NewsComponent")) {
			const xmlNode *dc = text_content(c, depth + 1);
			if (dc)
				return dc;
		}
	}
	return any;
}

static int nml_time(struct report *r, const xmlNode *item, const char *envelope_time)
{
	const xmlNode *mgmt = xmlsafe_child(item, "NewsManagement");
	char *t[4] = {
		xmlsafe_text_dup(xmlsafe_child(mgmt, "ThisRevisionCreated"), 64),
		xmlsafe_text_dup(xmlsafe_child(mgmt, "FirstCreated"), 64),
		xmlsafe_text_dup(xmlsafe_find(item, "DateLineDate"), 64),
		envelope_time ? strdup(envelope_time) : NULL,
	};
	int rc = wire_time_from(r, (const char *const *)t, 4);
	for (int i = 0; i < 4; i++)
		free(t[i]);
	return rc;
}

static int nml_lines(struct report *r, const xmlNode *item, struct agency_pick *p)
{
	const xmlNode *lines = xmlsafe_find(item, "NewsLines");
	int rc = take(r, &r->title, xmlsafe_text_dup(xmlsafe_child(lines, "HeadLine"), WIRE_MAX_FIELD + 4),
		      WIRE_MAX_FIELD, "headline");
	char *by = xmlsafe_text_dup(xmlsafe_child(lines, "ByLine"), WIRE_MAX_FIELD);
	if (by)
		wire_strip_byline(by);
	if (!rc)
		rc = take(r, &r->author, by, WIRE_MAX_FIELD, "byline");
	else
		free(by);
	const xmlNode *party = xmlsafe_child(xmlsafe_find(item, "Provider"), "Party");
	char *prov = xmlsafe_attr(party, "FormalName", 256);
	char *pid = xmlsafe_text_dup(xmlsafe_find(item, "ProviderId"), 256);
	if (!rc)
		rc = agency_consider(p, prov);
	if (!rc)
		rc = agency_consider(p, pid);
	free(prov);
	free(pid);
	char *dl = xmlsafe_text_dup(xmlsafe_child(lines, "DateLine"), 512);
	char *place = NULL;
	const char *agency = NULL;
	if (!rc)
		rc = wire_dateline(dl, &place, &agency);
	free(dl);
	agency_consider_known(p, agency);
	if (!place)
		place = property(xmlsafe_find(item, "Location"), "City");
	if (!rc)
		rc = take(r, &r->place, place, WIRE_MAX_FIELD, "place");
	else
		free(place);
	return rc;
}

static int nml_item(struct wire_session *s, const xmlNode *item, const char *envelope_time, int n)
{
	struct report r;
	struct agency_pick p = {{0}, NULL};
	report_init(&r);
	const xmlNode *ident = xmlsafe_find(xmlsafe_child(item, "Identification"), "NewsIdentifier");
	char *guid = xmlsafe_text_dup(xmlsafe_child(ident, "PublicIdentifier"), WIRE_MAX_FIELD);
	int rc = take(&r, &r.guid, guid, WIRE_MAX_FIELD, "guid");
	if (!rc)
		rc = nml_time(&r, item, envelope_time);
	if (!rc)
		rc = nml_lines(&r, item, &p);
	const xmlNode *dc = text_content(item, 0);
	const xmlNode *nitf = xmlsafe_child(dc, "nitf");
	if (!rc && dc)
		rc = nitf ? nitf_fill(&r, nitf, &p) : wire_set_body(&r, dc);
	if (!rc)
		rc = agency_settle(&p, &r);
	agency_settle(&p, &r);
	if (rc) {
		report_release(&r);
		free(s->stop);
		s->stop = strdup("out of memory");
		return -1;
	}
	return wire_emit_item(s, &r, "item", n);
}

int wire_read_nml1(struct wire_session *s, const xmlNode *root)
{
	if (xmlsafe_is(root, "NewsItem")) {
		s->single = 1;
		return nml_item(s, root, NULL, 1);
	}
	int count = 0, n = 0, rc = 0;
	for (const xmlNode *c = xmlsafe_child(root, "NewsItem"); c; c = xmlsafe_next(c, "NewsItem"))
		count++;
	if (count == 0) {
		free(s->reject);
		s->reject = strdup("the NewsML document holds no NewsItem");
		return -1;
	}
	s->single = count == 1;
	char *env = xmlsafe_text_dup(xmlsafe_child(xmlsafe_child(root, "NewsEnvelope"), "DateAndTime"), 64);
	for (const xmlNode *c = xmlsafe_child(root, "NewsItem"); c && !rc; c = xmlsafe_next(c, "NewsItem"))
		rc = nml_item(s, c, env, ++n);
	free(env);
	return rc;
}
