/* The HTML exporter and its SHA-256: the page is parsed back with libxml2's
 * HTML parser and checked for what matters — report text only ever as text
 * (no script from a report, no javascript: link), a Content-Security-Policy
 * whose hashes match the inline style and script, nothing loaded from
 * outside, the filter controls and data attributes the script relies on,
 * the headings, dates in words and the month chart; and what analysts
 * added (verification, tags, notes, confidence, an incremental export's
 * changes), shown and escaped.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "export/export_internal.h"
#include "util/hash.h"
#include "../data/export/fixtures.h"

static const struct tl_options options = {
	.delimiter = ',', .generated_at = 1795597200, .title = "Japan, the US & North Korea",
};

/* ---- SHA-256 ---- */

static void hex(const uint8_t *d, char *out)
{
	for (int i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static void assert_sha(const char *msg, size_t n, const char *want)
{
	uint8_t d[32];
	char got[2 * 32 + 1];
	assert_int_equal(sha256(msg, n, d), 0);
	hex(d, got);
	assert_string_equal(got, want);
}

static void test_sha256_vectors(void **state)
{
	(void)state;
	/* FIPS 180-4 examples, and lengths around the padding boundary. */
	assert_sha("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	assert_sha("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	assert_sha(two, strlen(two),
		   "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	char *million = malloc(1000000);
	assert_non_null(million);
	memset(million, 'a', 1000000);
	assert_sha(million, 1000000,
		   "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(million);
	char b64[45];
	assert_int_equal(sha256_base64("", 0, b64), 0);
	assert_string_equal(b64, "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
	assert_int_equal(sha256_base64("abc", 3, b64), 0);
	assert_string_equal(b64, "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
}

/* ---- the page ---- */

struct page {
	char *text;
	htmlDocPtr doc;
	xmlXPathContextPtr xp;
};

static void load_page(struct page *p, int hostile)
{
	struct fx_timeline t;
	fx_build(&t, hostile);
	size_t len = 0;
	p->text = fx_export(&t, "html", NULL, &options, &len);
	fx_release(&t);
	assert_non_null(p->text);
	p->doc = htmlReadMemory(p->text, (int)len, "timeline.html", "UTF-8",
				HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	assert_non_null(p->doc);
	p->xp = xmlXPathNewContext(p->doc);
	assert_non_null(p->xp);
}

static void free_page(struct page *p)
{
	xmlXPathFreeContext(p->xp);
	xmlFreeDoc(p->doc);
	free(p->text);
}

static xmlNodeSetPtr nodes(struct page *p, const char *xpath, xmlXPathObjectPtr *obj)
{
	*obj = xmlXPathEvalExpression((const xmlChar *)xpath, p->xp);
	assert_non_null(*obj);
	return (*obj)->nodesetval;
}

static int count(struct page *p, const char *xpath)
{
	xmlXPathObjectPtr o;
	xmlNodeSetPtr set = nodes(p, xpath, &o);
	int n = set ? set->nodeNr : 0;
	xmlXPathFreeObject(o);
	return n;
}

/* The string value of an XPath expression, malloc'd. */
static char *value(struct page *p, const char *xpath)
{
	char expr[512];
	snprintf(expr, sizeof(expr), "string(%s)", xpath);
	xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)expr, p->xp);
	assert_non_null(o);
	char *s = strdup((const char *)o->stringval);
	xmlXPathFreeObject(o);
	return s;
}

static void assert_value(struct page *p, const char *xpath, const char *want)
{
	char *got = value(p, xpath);
	if (strcmp(got, want))
		fail_msg("%s: got '%s', want '%s'", xpath, got, want);
	free(got);
}

static void test_html_structure(void **state)
{
	(void)state;
	struct page p;
	load_page(&p, 0);
	assert_memory_equal(p.text, "<!DOCTYPE html>\n<html lang=\"en\">\n", 33);
	assert_value(&p, "/html/head/title", "Japan, the US & North Korea");
	assert_value(&p, "//header/h1", "Japan, the US & North Korea");
	assert_value(&p, "/html/head/meta[@name='viewport']/@content",
		     "width=device-width, initial-scale=1");
	/* One article per event, in order, with what the filters read. */
	assert_int_equal(count(&p, "//main[@id='timeline']/article[@class='event']"), 5);
	assert_value(&p, "//article[1]/@id", "e7");
	assert_value(&p, "//article[@id='e1']/@data-type", "phone_call");
	assert_value(&p, "//article[@id='e1']/@data-actors", "Fumio Kishida|JPN|John Kerry|USA");
	assert_value(&p, "//article[@id='e1']/@data-topics", "cyber security|North Korea");
	assert_value(&p, "//article[@id='e1']/@data-date", "2015-01-06");
	/* Dates at their precision. */
	assert_value(&p, "//article[@id='e1']//div[@class='when']/time", "6 January 2015");
	assert_value(&p, "//article[@id='e1']//div[@class='when']/time/@datetime", "2015-01-06");
	assert_value(&p, "//article[@id='e5']//div[@class='when']", "December 2014");
	assert_value(&p, "//article[@id='e7']//div[@class='when']", "summer 2014");
	assert_value(&p, "//article[@id='e9']//div[@class='when']", "2015");
	/* Type marker and label, status, summary, chips, evidence, sources. */
	assert_int_equal(count(&p, "//article[@id='e1']//p[@class='kind']/span[@class='marker']"), 1);
	assert_value(&p, "//article[@id='e1']//span[@class='type']", "Phone call");
	assert_value(&p, "//article[@id='e9']//span[@class='status']", "planned");
	assert_value(&p, "//article[@id='e1']//p[@class='summary']",
		     "Kishida and Kerry discussed North Korea and cyber security by phone");
	assert_int_equal(count(&p, "//article[@id='e1']//ul[contains(@class,'actors')]/li"), 2);
	assert_value(&p, "//article[@id='e1']//li[contains(@class,'actor')][1]/@title",
		     "\xE2\x81\xA8Minister for Foreign Affairs\xE2\x81\xA9 \xC2\xB7 participant");
	assert_value(&p, "//article[@id='e2']//ul[contains(@class,'actors')]/li[2]", "\xE2\x86\x92");
	assert_value(&p, "//article[@id='e2']//ul[contains(@class,'actors')]/li[3]/span", "North Korea");
	assert_int_equal(count(&p, "//article[@id='e1']//li[@class='chip topic']"), 2);
	assert_non_null(strstr(p.text, "<blockquote class=\"evidence\"><bdi>Japanese Foreign Minister"));
	assert_value(&p, "//article[@id='e1']//ul[@class='sources']/li[1]/a/@href",
		     "https://tass.com/world/769871");
	assert_value(&p, "normalize-space(//article[@id='e1']//ul[@class='sources']/li[1])",
		     "Japanese, US top diplomats discuss North Korea by phone \xE2\x80\x94 TASS, "
		     "6 January 2015, 07:10 UTC");
	/* Year and month headings, each once. */
	assert_int_equal(count(&p, "//main/h2[@class='year']"), 2);
	assert_value(&p, "//main/h2[1]", "2014");
	assert_value(&p, "//main/h3[1]", "Summer 2014");
	assert_value(&p, "//main/h3[@id='m-2015-01']", "January 2015");
	assert_int_equal(count(&p, "//main/h3[.='January 2015']"), 1);
	assert_value(&p, "//main/h3[last()]", "Month unknown");
	/* Filters the script drives. */
	assert_int_equal(count(&p, "//input[@id='f-actor']"), 1);
	assert_int_equal(count(&p, "//select[@id='f-type']"), 1);
	assert_int_equal(count(&p, "//input[@id='f-topic']"), 1);
	assert_int_equal(count(&p, "//input[@id='f-text']"), 1);
	/* The chart: December 2014 and January 2015 (the season and the
	 * year-only event are too vague for a month), each bar with a foot
	 * for its events of conflict (a denial and a sanction: negative
	 * Goldstein intensity). */
	assert_int_equal(count(&p, "//figure[@id='chart']//*[local-name()='rect'][@class='bar']"), 2);
	assert_int_equal(count(&p, "//figure[@id='chart']//*[local-name()='rect'][@class='bar hostile']"), 2);
	assert_value(&p, "//figure[@id='chart']//*[local-name()='a'][2]/@href", "#m-2015-01");
	assert_value(&p, "//figure[@id='chart']//*[local-name()='rect'][1]/*[local-name()='title']",
		     "December 2014: 1 event, 1 of conflict; summed intensity -2.0");
	assert_value(&p, "//figure[@id='chart']//*[local-name()='a'][2]/*[local-name()='rect']/"
			 "*[local-name()='title']", "January 2015: 2 events, 1 of conflict; summed intensity -7.0");
	char *caption = value(&p, "//figure[@id='chart']/figcaption");
	assert_non_null(strstr(caption, "December 2014 \xE2\x80\x93 January 2015"));
	assert_non_null(strstr(caption, "2 events with a vaguer date are not shown"));
	free(caption);
	/* The page ends properly. */
	size_t len = strlen(p.text);
	assert_string_equal(p.text + len - 16, "</body>\n</html>\n");
	free_page(&p);
}

static void test_html_hostile_text(void **state)
{
	(void)state;
	struct page p;
	load_page(&p, 1);
	/* The only script is ours; the report's <script> is text. */
	assert_int_equal(count(&p, "//script"), 1);
	assert_int_equal(count(&p, "//b"), 0);
	assert_null(strstr(p.text, "<script>alert"));
	assert_non_null(strstr(p.text, "&lt;script&gt;alert('x')&lt;/script&gt; &amp; more"));
	char *summary = value(&p, "//article[@id='e12']//p[@class='summary']");
	assert_string_equal(summary, FX_HOSTILE_SUMMARY);
	free(summary);
	assert_value(&p, "//article[@id='e12']//div[@class='when']", "date unknown");
	assert_value(&p, "//main/h2[last()]", "Date unknown");
	/* A javascript: URL is not made a link. */
	assert_int_equal(count(&p, "//a[starts-with(@href,'javascript')]"), 0);
	assert_int_equal(count(&p, "//article[@id='e12']//ul[@class='sources']//a"), 0);
	assert_value(&p, "//article[@id='e12']//ul[@class='sources']//span[@class='title']",
		     "+Ministry \"readout\", in full");
	assert_value(&p, "//article[@id='e12']/@data-actors", "European Union|EU|=cmd|' /C calc'!A0");
	free_page(&p);
}

#define RLO "\xE2\x80\xAE"

/* An unbalanced right-to-left override in any value taken from a report
 * (or given by an analyst) ends with the value: each is in its own <bdi>,
 * so the page's own text after it ("participant", " -- ", dates) reads as
 * written. */
static void test_html_bidi_isolated(void **state)
{
	(void)state;
	struct fx_timeline t;
	memset(&t, 0, sizeof(t));
	struct event *ev = fx_add(&t, 3, "meeting", "040", (struct cdate){2015, 1, 6, PREC_DAY},
				  "Summary " RLO "reversed", "Evidence " RLO "reversed");
	event_add_actor(ev, "Name " RLO "reversed", "JPN", "Title " RLO "reversed", ACTOR_PERSON,
			ROLE_SOURCE);
	event_add_actor(ev, "Other " RLO "one", NULL, NULL, ACTOR_GROUP, ROLE_TARGET);
	event_add_topic(ev, "Topic " RLO "reversed");
	fx_source(&t, 1, "Agency " RLO "reversed", "Headline " RLO "reversed",
		  "https://example.org/a", fx_time(2015, 1, 6, 7, 10));
	fx_source(&t, 2, "Agency", "Unlinked " RLO "headline", NULL, fx_time(2015, 1, 6, 7, 10));
	static const char *const rtags[] = {"Tag " RLO "reversed"};
	static struct tl_note rnotes[1];
	rnotes[0] = (struct tl_note){"Note " RLO "reversed", "By " RLO "reversed", fx_time(2026, 12, 1, 8, 30)};
	t.te[0].cur = (struct tl_curation){
		.verified = 1, .verified_by = "Analyst " RLO "reversed", .verified_at = fx_time(2026, 12, 3, 14, 5),
		.tags = rtags, .n_tags = 1, .notes = rnotes, .n_notes = 1,
	};
	struct tl_options o = options;
	o.title = "Page " RLO "title";
	size_t len = 0;
	struct page p;
	p.text = fx_export(&t, "html", NULL, &o, &len);
	fx_release(&t);
	assert_non_null(p.text);
	p.doc = htmlReadMemory(p.text, (int)len, "timeline.html", "UTF-8",
			       HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	assert_non_null(p.doc);
	p.xp = xmlXPathNewContext(p.doc);
	assert_non_null(p.xp);
	/* Every override in the body's text is inside a <bdi> holding nothing else. */
	int overrides = count(&p, "//body//text()[contains(., '" RLO "')]");
	assert_int_equal(overrides, 13);
	assert_int_equal(count(&p, "//body//text()[contains(., '" RLO "')][not(parent::bdi)]"), 0);
	assert_int_equal(count(&p, "//body//bdi[count(node()) != 1]"), 0);
	/* In the tooltip the value is between FSI and PDI. */
	assert_value(&p, "//li[contains(@class,'actor')][1]/@title",
		     "\xE2\x81\xA8Title " RLO "reversed\xE2\x81\xA9 \xC2\xB7 source");
	free_page(&p);
}

static void test_html_self_contained_with_csp(void **state)
{
	(void)state;
	struct page p;
	load_page(&p, 1);
	/* Nothing is fetched: no src anywhere, the only link is the data: icon,
	 * no CSS url() or @import. Links to source reports are navigation only. */
	assert_int_equal(count(&p, "//*[@src]"), 0);
	assert_int_equal(count(&p, "//link"), 1);
	assert_value(&p, "//link/@href", "data:,");
	assert_int_equal(count(&p, "//style"), 1);
	assert_int_equal(count(&p, "//*[@style]"), 0);
	char *style = value(&p, "//style");
	char *script = value(&p, "//script");
	assert_null(strstr(style, "url("));
	assert_null(strstr(style, "@import"));
	assert_null(strstr(script, "http"));
	assert_string_equal(style, html_style);
	assert_string_equal(script, html_script);
	/* The policy's hashes are those of the style and script as parsed. */
	char hs[45], hj[45], want[512];
	sha256_base64(style, strlen(style), hs);
	sha256_base64(script, strlen(script), hj);
	snprintf(want, sizeof(want),
		 "default-src 'none'; style-src 'sha256-%s'; script-src 'sha256-%s'; "
		 "img-src data:; base-uri 'none'; form-action 'none'", hs, hj);
	assert_value(&p, "/html/head/meta[@http-equiv='Content-Security-Policy']/@content", want);
	/* The policy comes before the style it allows. */
	assert_int_equal(count(&p, "/html/head/meta[@http-equiv='Content-Security-Policy']"
				   "/following-sibling::style"), 1);
	assert_null(strchr(html_style, '\r'));
	assert_null(strchr(html_script, '\r'));
	free(style);
	free(script);
	free_page(&p);
}

static void test_html_long_span_by_year(void **state)
{
	(void)state;
	/* Two events sixty years apart: the chart switches to one bar a year
	 * and the counts stay small whatever the span. */
	struct fx_timeline t;
	fx_build(&t, 0);
	t.ev[0].date = (struct cdate){1956, 10, 19, PREC_DAY};
	t.ev[1].date = (struct cdate){1956, 10, 0, PREC_MONTH};
	size_t all = t.n;
	t.n = 4;
	char *text = fx_export(&t, "html", NULL, &options, NULL);
	t.n = all;
	fx_release(&t);
	assert_non_null(text);
	assert_non_null(strstr(text, "<title>1956: 2 events, "));
	assert_non_null(strstr(text, "<title>2015: 2 events, "));
	assert_non_null(strstr(text, "Events per year, 1956 \xE2\x80\x93 2015."));
	assert_non_null(strstr(text, "href=\"#y-1956\""));
	assert_non_null(strstr(text, "id=\"y-1956\""));
	free(text);
}

/* ---- the curation layer ---- */

static const char *const tags[] = {"<b>urgent</b>", "sony hack"};
static const char *const hostile_tags[] = {"<script>alert('tag')</script>"};
static const char *const fields[] = {"date", "actors"};
static struct tl_note notes[3];

/* The call (e1) verified, tagged, annotated, two fields set by hand; the
 * summit (e9) added by hand; the hostile event (e12) with hostile tags and
 * notes; confidences across the three levels. With `incremental`, what an
 * export --since-last reports: e2 withdrawn by a merge into e1, e20
 * withdrawn with nothing left of it. */
static void load_curated(struct page *p, int incremental)
{
	static const double confidence[] = {0.42, 0.5, 0.79, 0.857, 1.0, 0.2};
	struct fx_timeline t;
	fx_build(&t, 1);
	for (size_t i = 0; i < t.n; i++)
		t.te[i].confidence = confidence[i];
	notes[0] = (struct tl_note){"=SUM(A1) is only text here", "bob", fx_time(2026, 12, 1, 8, 30)};
	notes[1] = (struct tl_note){"Checked against the <MOFA> readout", "anna", fx_time(2026, 12, 3, 14, 5)};
	notes[2] = (struct tl_note){"<img src=x onerror=alert(2)> & \"more\"", "<b>eve</b>", 0};
	t.te[3].cur = (struct tl_curation){
		.verified = 1, .verified_by = "anna", .verified_at = fx_time(2026, 12, 3, 14, 5),
		.tags = tags, .n_tags = 2, .notes = notes, .n_notes = 2,
		.fields_set = fields, .n_fields_set = 2,
	};
	t.te[4].cur.added_by_hand = 1;
	t.te[5].cur = (struct tl_curation){
		.verified = 1, .verified_by = "\"><script>alert('v')</script>",
		.tags = hostile_tags, .n_tags = 1, .notes = notes + 2, .n_notes = 1,
	};
	if (incremental) {
		for (size_t i = 0; i < t.n; i++)
			t.te[i].change = TL_CHANGE_CHANGED;
		t.te[0].change = TL_CHANGE_NEW;
		t.te[2].change = TL_CHANGE_WITHDRAWN;
		t.te[2].merged_into = 1;
		t.te[t.n++] = (struct tl_event){.id = 20, .change = TL_CHANGE_WITHDRAWN};
	}
	size_t len = 0;
	p->text = fx_export(&t, "html", NULL, &options, &len);
	fx_release(&t);
	assert_non_null(p->text);
	p->doc = htmlReadMemory(p->text, (int)len, "timeline.html", "UTF-8",
				HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	assert_non_null(p->doc);
	p->xp = xmlXPathNewContext(p->doc);
	assert_non_null(p->xp);
}

static void test_html_curation(void **state)
{
	(void)state;
	struct page p;
	load_curated(&p, 0);
	/* Verified: a mark for the eye (hidden from screen readers) and the word. */
	assert_value(&p, "//article[@id='e1']//p[@class='kind']/span[@class='verified']",
		     "\xE2\x9C\x93 verified");
	assert_value(&p, "//article[@id='e1']//span[@class='verified']/span/@aria-hidden", "true");
	assert_int_equal(count(&p, "//span[@class='verified']"), 2);
	assert_int_equal(count(&p, "//article[@id='e5']//span[@class='verified']"), 0);
	/* Confidence beside the date, outside .when: a meter hidden from
	 * assistive technology and the same in words. */
	assert_value(&p, "//article[@id='e1']/div[@class='side']/p/@class", "confidence conf-high");
	assert_value(&p, "normalize-space(//article[@id='e1']//p[contains(@class,'confidence')])",
		     "high confidence, 86%");
	assert_value(&p, "//article[@id='e1']//meter/@value", "0.86");
	assert_value(&p, "//article[@id='e1']//meter/@min", "0");
	assert_value(&p, "//article[@id='e1']//meter/@max", "1");
	assert_value(&p, "//article[@id='e1']//meter/@low", "0.5");
	assert_value(&p, "//article[@id='e1']//meter/@high", "0.8");
	assert_value(&p, "//article[@id='e1']//meter/@optimum", "1");
	assert_value(&p, "//article[@id='e1']//meter/@aria-hidden", "true");
	assert_value(&p, "normalize-space(//article[@id='e7']//p[contains(@class,'confidence')])", "low confidence, 42%");
	assert_value(&p, "normalize-space(//article[@id='e5']//p[contains(@class,'confidence')])", "medium confidence, 50%");
	assert_value(&p, "//article[@id='e2']//p[contains(@class,'confidence')]/@class",
		     "confidence conf-medium");
	assert_value(&p, "normalize-space(//article[@id='e9']//p[contains(@class,'confidence')])", "high confidence, 100%");
	assert_value(&p, "//article[@id='e1']//div[@class='when']", "6 January 2015");
	/* Tags: plain items (not chips, which filter by actor or topic). */
	assert_value(&p, "//article[@id='e1']//ul[@class='tags']/@aria-label", "Tags");
	assert_int_equal(count(&p, "//article[@id='e1']//ul[@class='tags']/li[@class='tag']"), 2);
	assert_value(&p, "//article[@id='e1']//li[@class='tag'][1]", "<b>urgent</b>");
	assert_value(&p, "//article[@id='e1']//li[@class='tag'][2]", "sony hack");
	assert_int_equal(count(&p, "//li[contains(@class,'chip') and contains(@class,'tag')]"), 0);
	/* Notes, oldest first, with who and when. */
	assert_value(&p, "//article[@id='e1']//ul[@class='notes']/@aria-label", "Notes");
	assert_value(&p, "normalize-space(//article[@id='e1']//ul[@class='notes']/li[1])",
		     "=SUM(A1) is only text here \xE2\x80\x94 bob, 1 December 2026");
	assert_value(&p, "//article[@id='e1']//ul[@class='notes']/li[2]/span[@class='note-text']",
		     "Checked against the <MOFA> readout");
	assert_value(&p, "//article[@id='e1']//ul[@class='notes']/li[2]//time/@datetime",
		     "2026-12-03T14:05:00Z");
	/* The small print. */
	assert_value(&p, "normalize-space(//article[@id='e1']//p[@class='curation'])",
		     "Verified by anna on 3 December 2026 \xC2\xB7 Set by hand: date, actors");
	assert_value(&p, "//article[@id='e1']//p[@class='curation']/time/@datetime",
		     "2026-12-03T14:05:00Z");
	assert_value(&p, "//article[@id='e9']//p[@class='curation']", "Added by hand");
	/* Nobody touched e5: nothing of the kind, and not incremental. */
	assert_int_equal(count(&p, "//article[@id='e5']//*[@class='tags' or @class='notes' or "
				   "@class='curation']"), 0);
	assert_int_equal(count(&p, "//*[contains(@class,'change')]"), 0);
	assert_int_equal(count(&p, "//article[@data-change]"), 0);
	/* Hostile tags, notes and names stay text. */
	assert_int_equal(count(&p, "//script"), 1);
	assert_int_equal(count(&p, "//img"), 0);
	assert_int_equal(count(&p, "//b"), 0);
	assert_int_equal(count(&p, "//*[@style]"), 0);
	assert_value(&p, "//article[@id='e12']//li[@class='tag']", "<script>alert('tag')</script>");
	assert_value(&p, "normalize-space(//article[@id='e12']//ul[@class='notes']/li)",
		     "<img src=x onerror=alert(2)> & \"more\" \xE2\x80\x94 <b>eve</b>");
	assert_value(&p, "normalize-space(//article[@id='e12']//p[@class='curation'])",
		     "Verified by \"><script>alert('v')</script>");
	assert_non_null(strstr(p.text, "&lt;img src=x onerror=alert(2)&gt; &amp; \"more\""));
	free_page(&p);
}

static void test_html_incremental(void **state)
{
	(void)state;
	struct page p;
	load_curated(&p, 1);
	assert_int_equal(count(&p, "//main/article"), 7);
	assert_value(&p, "//article[@id='e7']/@data-change", "new");
	assert_value(&p, "//article[@id='e7']//p[@class='kind']/span[@class='change change-new']", "new");
	assert_value(&p, "//article[@id='e1']//span[contains(@class,'change')]", "changed");
	/* Withdrawn by a merge: said, and linked to the event that holds it. */
	assert_value(&p, "//article[@id='e2']/@data-change", "withdrawn");
	assert_value(&p, "//article[@id='e2']//span[@class='change change-withdrawn']", "withdrawn");
	assert_value(&p, "//article[@id='e2']//p[@class='curation']", "Merged into e1");
	assert_value(&p, "//article[@id='e2']//p[@class='curation']/a/@href", "#e1");
	/* Withdrawn with nothing left: its id. */
	assert_value(&p, "//article[@id='e20']/@data-change", "withdrawn");
	assert_value(&p, "//article[@id='e20']//p[@class='summary']", "Event e20");
	assert_value(&p, "//article[@id='e20']/@data-status", "");
	assert_int_equal(count(&p, "//article[@id='e20']//span[@class='status']"), 0);
	assert_value(&p, "//article[@id='e20']//div[@class='when']", "date unknown");
	free_page(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256_vectors),
		cmocka_unit_test(test_html_structure),
		cmocka_unit_test(test_html_hostile_text),
		cmocka_unit_test(test_html_bidi_isolated),
		cmocka_unit_test(test_html_self_contained_with_csp),
		cmocka_unit_test(test_html_long_span_by_year),
		cmocka_unit_test(test_html_curation),
		cmocka_unit_test(test_html_incremental),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
