/* Wire file importer: NITF, NewsML-G2 and NewsML 1.2 fixtures (our own words
 * about real events), malformed files, sniffing, timestamps, agency names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ingest/wire.h"
#include "ingest/wire_util.h"
#include "util/cdate.h"

#include "reader_sink.h"

static int read_wire(const char *rel, const struct ingest_hints *h, struct got *g, char **err)
{
	size_t len;
	char *data = slurp(rel, &len);
	struct ingest_hints local = {0};
	local.path = rel;
	int rc = wire_read(data, len, h ? h : &local, keep, fail_item, g, err);
	free(data);
	return rc;
}

static void test_nitf_kyodo(void **state)
{
	(void)state;
	struct got g = {0};
	char *err = NULL;
	assert_int_equal(read_wire("wire/kyodo_nitf.xml", NULL, &g, &err), 0);
	assert_null(err);
	assert_int_equal(g.n, 1);
	struct got_report *r = &g.r[0];
	assert_null(r->item);
	assert_string_equal(r->format, "nitf");
	assert_string_equal(r->title, "Kishida and Kerry agree on close coordination over cyberattack");
	assert_string_equal(r->agency, "Kyodo");
	assert_string_equal(r->place, "TOKYO");
	assert_string_equal(r->author, "Staff Writer");
	assert_string_equal(r->guid, "KYD-2015-0106-0042");
	assert_string_equal(r->published_text, "20150106T191000+0900");
	assert_int_equal(r->published, unix_from_civil(2015, 1, 6, 10, 10, 0));
	assert_int_equal(r->tz, 540);
	assert_int_equal(r->pub_known, PUB_TIME);
	assert_string_equal(r->lede, "The two foreign ministers spoke for about 20 minutes.");
	/* Two paragraphs; inline markup kept as text, the photo caption dropped. */
	assert_non_null(strstr(r->body, "TOKYO, Jan. 6 (Kyodo) -- Foreign Minister Fumio Kishida"));
	assert_non_null(strstr(r->body, "film studio.\n\nThe ministers also touched"));
	assert_non_null(strstr(r->body, "details of that part of the call."));
	assert_null(strstr(r->body, "file photo"));
	assert_string_equal(r->warnings, "");
	got_release(&g);
}

static void test_g2_message(void **state)
{
	(void)state;
	struct got g = {0};
	char *err = NULL;
	assert_int_equal(read_wire("wire/g2_message.xml", NULL, &g, &err), 0);
	assert_int_equal(g.n, 2);
	assert_int_equal(g.nerr, 2);
	/* The package item and the empty item went to on_error, named. */
	assert_string_equal(g.err_item[0], "item 1");
	assert_non_null(strstr(g.err_msg[0], "package item"));
	assert_string_equal(g.err_item[1], "item 3");
	assert_non_null(strstr(g.err_msg[1], "no headline or text"));

	struct got_report *r = &g.r[0];
	assert_string_equal(r->item, "item 2");
	assert_string_equal(r->format, "newsml-g2");
	assert_string_equal(r->title, "Lavrov and Kerry speak by phone about Ukraine");
	assert_string_equal(r->agency, "Reuters");
	assert_string_equal(r->place, "MOSCOW");
	assert_string_equal(r->author, "Staff Reporter");
	assert_string_equal(r->guid, "tag:reuters.com,2015:text-1");
	/* versionCreated, with its offset kept. */
	assert_string_equal(r->published_text, "2015-01-06T13:40:00+03:00");
	assert_int_equal(r->published, unix_from_civil(2015, 1, 6, 10, 40, 0));
	assert_int_equal(r->tz, 180);
	assert_non_null(strstr(r->body, "MOSCOW, Jan 6 (Reuters) - Russian Foreign Minister"));
	assert_non_null(strstr(r->body, "the Russian ministry said.\n\nThe two also talked about "
					"preparations for talks in Astana, it said."));
	assert_null(strstr(r->body, "speak by phone</title>"));

	/* The provider is no agency we know; the dateline in the NITF body is. */
	r = &g.r[1];
	assert_string_equal(r->item, "item 4");
	assert_string_equal(r->agency, "AP");
	assert_string_equal(r->place, "TOKYO");
	assert_string_equal(r->body, "TOKYO (AP) _ Japan's foreign minister and the U.S. secretary "
				     "of state spoke by phone on Tuesday.");
	assert_int_equal(r->published, unix_from_civil(2015, 1, 6, 7, 10, 0));
	assert_int_equal(r->tz, 0);
	got_release(&g);
}

static void test_newsml12(void **state)
{
	(void)state;
	struct got g = {0};
	char *err = NULL;
	assert_int_equal(read_wire("wire/afp_newsml12.xml", NULL, &g, &err), 0);
	assert_int_equal(g.n, 1);
	struct got_report *r = &g.r[0];
	assert_string_equal(r->format, "newsml-1.2");
	assert_string_equal(r->title, "France and Germany call for renewed Ukraine talks");
	assert_string_equal(r->agency, "AFP");
	assert_string_equal(r->place, "PARIS");
	assert_string_equal(r->guid, "urn:newsml:afp.com:20150106T101200Z:TX-PAR-ABC12:1");
	assert_string_equal(r->published_text, "20150106T111200+0100");
	assert_int_equal(r->published, unix_from_civil(2015, 1, 6, 10, 12, 0));
	assert_int_equal(r->tz, 60);
	assert_string_equal(r->body, "The French and German foreign ministers on Tuesday urged Kiev "
				     "and Moscow to return to the negotiating table.\n\nThe call came "
				     "after a week of heavy shelling near Donetsk.");
	got_release(&g);
}

static void test_latin1_and_home_zone(void **state)
{
	(void)state;
	struct got g = {0};
	char *err = NULL;
	assert_int_equal(read_wire("wire/ntb_latin1.xml", NULL, &g, &err), 0);
	assert_int_equal(g.n, 1);
	struct got_report *r = &g.r[0];
	assert_string_equal(r->title, "Brende m\xc3\xb8tte Lavrov i Moskva");
	assert_string_equal(r->agency, "NTB");
	assert_string_equal(r->place, "Oslo");
	/* No zone written: NTB's Oslo winter time, UTC+1. */
	assert_int_equal(r->published, unix_from_civil(2015, 1, 6, 13, 30, 0));
	assert_int_equal(r->tz, 60);
	assert_non_null(strstr(r->warnings, "names no zone"));
	got_release(&g);
}

/* A wire file declaring ISO-8859-1 whose bytes are UTF-8 (a template's
 * declaration, the text written in UTF-8) came out as mojibake: UTF-8 is
 * preferred, with a warning (issue 13). A file declaring UTF-7, which the
 * web refuses, is read as if it declared nothing. */
static void test_declared_latin1_but_utf8(void **state)
{
	(void)state;
	struct got g = {0};
	char *err = NULL;
	assert_int_equal(read_wire("hostile/wire/ntb_declared_latin1_utf8.xml", NULL, &g, &err), 0);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.r[0].title, "Brende m\xc3\xb8tte Lavrov i Moskva");
	assert_non_null(strstr(g.r[0].body, "B\xc3\xb8rge Brende hadde tirsdag et m\xc3\xb8te"));
	assert_non_null(strstr(g.r[0].warnings, "declares another encoding but is utf-8: read as utf-8"));
	got_release(&g);
	/* Plain ASCII under a Latin-1 declaration: nothing to say. */
	const char *ascii = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><nitf><body><body.head><hedline>"
			    "<hl1>Lavrov meets Kerry</hl1></hedline></body.head><body.content><p>They met.</p>"
			    "</body.content></body></nitf>";
	assert_int_equal(wire_read(ascii, strlen(ascii), NULL, keep, fail_item, &g, &err), 0);
	assert_int_equal(g.n, 1);
	assert_true(!g.r[0].warnings || !strstr(g.r[0].warnings, "encoding"));
	got_release(&g);
	const char *utf7 = "<?xml version=\"1.0\" encoding=\"UTF-7\"?><nitf><body><body.head><hedline>"
			   "<hl1>Talks +ADw-b+AD4-1+2</hl1></hedline></body.head><body.content><p>2+2 talks.</p>"
			   "</body.content></body></nitf>";
	assert_int_equal(wire_read(utf7, strlen(utf7), NULL, keep, fail_item, &g, &err), 0);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.r[0].title, "Talks +ADw-b+AD4-1+2");
	assert_non_null(strstr(g.r[0].warnings, "encoding the web refuses"));
	got_release(&g);
}

static void test_wrong_encoding(void **state)
{
	(void)state;
	struct got g = {0};
	char *err = NULL;
	assert_int_equal(read_wire("wire/wrong_encoding.xml", NULL, &g, &err), 0);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.r[0].title, "Caf\xc3\xa9 talks in Bogot\xc3\xa1");
	assert_non_null(strstr(g.r[0].warnings, "not in its declared encoding"));
	got_release(&g);
}

static void test_xxe_refused(void **state)
{
	(void)state;
	struct got g = {0};
	char *err = NULL;
	assert_int_equal(read_wire("wire/xxe.xml", NULL, &g, &err), 0);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.r[0].title, "Ministers meet");
	assert_string_equal(g.r[0].body, "The ministers met on Tuesday.");
	assert_non_null(strstr(g.r[0].warnings, "2 external entities refused"));
	got_release(&g);
}

static void test_malformed(void **state)
{
	(void)state;
	struct got g = {0};
	char *err = NULL;
	assert_int_equal(read_wire("wire/truncated.xml", NULL, &g, &err), -1);
	assert_non_null(strstr(err, "unable to parse 'wire/truncated.xml': line"));
	assert_int_equal(g.n, 0);
	free(err);
	err = NULL;
	assert_int_equal(read_wire("wire/billion_laughs.xml", NULL, &g, &err), -1);
	assert_non_null(strstr(err, "entity"));
	free(err);
	err = NULL;
	const char *rss = "<rss><channel/></rss>";
	assert_int_equal(wire_read(rss, strlen(rss), NULL, keep, fail_item, &g, &err), -1);
	assert_non_null(strstr(err, "<rss> is not nitf"));
	free(err);
	err = NULL;
	/* A single item with nothing in it: the file yields nothing at all. */
	const char *empty = "<nitf><body><body.content/></body></nitf>";
	assert_int_equal(wire_read(empty, strlen(empty), NULL, keep, fail_item, &g, &err), -1);
	assert_non_null(strstr(err, "unable to read '-': no headline or text"));
	assert_int_equal(g.nerr, 0);
	free(err);
	got_release(&g);
}

static void test_hints_and_stop(void **state)
{
	(void)state;
	struct got g = {0};
	char *err = NULL;
	const char *bare = "<nitf><body><body.head><hedline><hl1>Talks</hl1></hedline></body.head>"
			   "<body.content><p>They talked.</p></body.content></body></nitf>";
	struct ingest_hints h = {"Xinhua", "https://example.org/x", "bare.xml", {2015, 1, 6, PREC_DAY}};
	assert_int_equal(wire_read(bare, strlen(bare), &h, keep, NULL, &g, &err), 0);
	assert_string_equal(g.r[0].agency, "Xinhua");
	assert_string_equal(g.r[0].url, "https://example.org/x");
	assert_int_equal(g.r[0].pub_known, PUB_DATE);
	assert_int_equal(g.r[0].published, unix_from_civil(2015, 1, 6, 0, 0, 0));
	got_release(&g);
	/* The sink says stop: the reader stops and says so. */
	g.stop_after = 1;
	assert_int_equal(read_wire("wire/g2_message.xml", NULL, &g, &err), -1);
	assert_non_null(strstr(err, "stopped at item 4"));
	assert_int_equal(g.n, 1);
	free(err);
	got_release(&g);
}

static void test_sniff(void **state)
{
	(void)state;
	const char *x = "<?xml version=\"1.0\"?>\n<!-- c -->\n<!DOCTYPE nitf [<!ENTITY a \"b\">]>\n<nitf>";
	assert_string_equal(wire_sniff(x, strlen(x)), "nitf");
	assert_null(wire_sniff(x, 60));
	const char *s = "\xEF\xBB\xBF<?xml version=\"1.0\"?><newsMessage xmlns=\"x\">";
	assert_string_equal(wire_sniff(s, strlen(s)), "newsml-g2");
	assert_string_equal(wire_sniff("<newsItem guid=\"x\">", 19), "newsml-g2");
	assert_string_equal(wire_sniff("<NewsML Version=\"1.2\">", 22), "newsml-1.2");
	assert_string_equal(wire_sniff("<rss version=\"2.0\">", 19), "rss");
	assert_string_equal(wire_sniff("<rdf:RDF xmlns:rdf=\"x\">", 23), "rss");
	assert_string_equal(wire_sniff("<feed xmlns=\"http://www.w3.org/2005/Atom\">", 42), "atom");
	assert_string_equal(wire_sniff("  \n{\"title\": \"x\"}\n", 19), "jsonl");
	assert_null(wire_sniff("<html><body>", 12));
	assert_null(wire_sniff("title,text\n", 11));
	assert_null(wire_sniff("<nitf", 3));
	assert_null(wire_sniff("", 0));
}

static void expect_time(const char *s, int64_t t, int tz, enum pub_known known, int zone)
{
	struct wire_time w;
	assert_int_equal(wire_parse_time(s, &w), 0);
	assert_int_equal(w.t, t);
	assert_int_equal(w.tz_offset_min, tz);
	assert_int_equal(w.known, known);
	assert_int_equal(w.zone_given, zone);
}

static void test_times(void **state)
{
	(void)state;
	int64_t t = unix_from_civil(2015, 1, 6, 7, 10, 0);
	expect_time("20150106T071000Z", t, 0, PUB_TIME, 1);
	expect_time("20150106T101000+0300", t, 180, PUB_TIME, 1);
	expect_time("2015-01-06T07:10:00Z", t, 0, PUB_TIME, 1);
	expect_time(" 2015-01-06T10:10:00.250+03:00 \n", t, 180, PUB_TIME, 1);
	expect_time("2015-01-06 10:10:00 GMT+03:00", t, 180, PUB_TIME, 1);
	expect_time("2015-01-06T02:10-05", t, -300, PUB_TIME, 1);
	expect_time("20150106T0710", t, 0, PUB_TIME, 0);
	expect_time("Tue, 06 Jan 2015 10:10:00 +0300", t, 180, PUB_TIME, 1);
	expect_time("Tue, 6 Jan 2015 07:10:00 GMT", t, 0, PUB_TIME, 1);
	expect_time("6 Jan 15 02:10 EST", t, -300, PUB_TIME, 1);
	expect_time("Jan 6, 2015 07:10 UTC", t, 0, PUB_TIME, 1);
	expect_time("2015-01-06", unix_from_civil(2015, 1, 6, 0, 0, 0), 0, PUB_DATE, 1);
	expect_time("20150106", unix_from_civil(2015, 1, 6, 0, 0, 0), 0, PUB_DATE, 1);
	expect_time("6 January 2015", unix_from_civil(2015, 1, 6, 0, 0, 0), 0, PUB_DATE, 1);
	struct wire_time w;
	const char *bad[] = {"", "yesterday", "2015-02-29", "2015-01-06T25:00:00Z",
			     "2015-01-06T10:00:00+2500", "Tue, 06 Foo 2015 10:10 GMT",
			     "2015-01-06T10:00:00 XYZ", "2015-01-06 and more", NULL};
	for (int i = 0; bad[i]; i++)
		assert_int_equal(wire_parse_time(bad[i], &w), -1);
}

static void test_agency_names(void **state)
{
	(void)state;
	assert_string_equal(wire_agency_name("The Associated Press"), "AP");
	assert_string_equal(wire_agency_name("nprov:REUTERS"), "Reuters");
	assert_string_equal(wire_agency_name("http://www.afp.com/en/"), "AFP");
	assert_string_equal(wire_agency_name("Agencia EFE"), "EFE");
	assert_string_equal(wire_agency_name("Thomson Reuters"), "Reuters");
	assert_string_equal(wire_agency_name("news.xinhuanet.com"), "Xinhua");
	assert_null(wire_agency_name("Automated Insights"));
	assert_null(wire_agency_name("Apple Daily"));
	/* Short codes match whole only: a person called Sana is no agency. */
	assert_null(wire_agency_name("Sana Mirza"));
	assert_string_equal(wire_agency_name("SANA"), "SANA");
	assert_string_equal(wire_agency_name("Thomson Reuters Foundation"), "Reuters");
	/* domains of agencies.tsv, whole, without leading labels or by main label */
	assert_string_equal(wire_agency_name("https://english.kyodonews.net/news/"), "Kyodo");
	assert_string_equal(wire_agency_name("en.yna.co.kr"), "Yonhap");
	assert_string_equal(wire_agency_name("afp.fr"), "AFP");
	assert_string_equal(wire_agency_name("(c) AFP 2014"), "AFP");
	assert_null(wire_agency_name("Daily Apnews Digest"));
	assert_string_equal(wire_agency_from_id("tag:ap.org,2011:5e56-text"), "AP");
	assert_string_equal(wire_agency_from_id("urn:newsml:afp.com:20140829T135002Z:TX"), "AFP");
	assert_null(wire_agency_from_id("KBN0FL0NM"));
	char *place = NULL;
	const char *agency = NULL;
	assert_int_equal(wire_dateline("STOCKHOLM, Aug 29, 2014 (AFP) -", &place, &agency), 0);
	assert_string_equal(place, "STOCKHOLM");
	assert_string_equal(agency, "AFP");
	free(place);
	assert_int_equal(wire_dateline("2014-07-17 00:24:11 GMT+00:00", &place, &agency), 0);
	assert_null(place);
	assert_null(agency);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nitf_kyodo),
		cmocka_unit_test(test_g2_message),
		cmocka_unit_test(test_newsml12),
		cmocka_unit_test(test_latin1_and_home_zone),
		cmocka_unit_test(test_wrong_encoding),
		cmocka_unit_test(test_declared_latin1_but_utf8),
		cmocka_unit_test(test_xxe_refused),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_hints_and_stop),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_times),
		cmocka_unit_test(test_agency_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
