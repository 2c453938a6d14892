/* Feed importer: RSS 2.0, RDF and Atom fixtures, broken items among good
 * ones, time zones, HTML content, malformed feeds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ingest/feed.h"
#include "util/buf.h"
#include "util/cdate.h"

#include "reader_sink.h"

static int read_feed(const char *rel, struct got *g, char **err)
{
	size_t len;
	char *data = slurp(rel, &len);
	struct ingest_hints h = {0};
	h.path = rel;
	int rc = feed_read(data, len, &h, keep, fail_item, g, err);
	free(data);
	return rc;
}

static void test_rss(void **state)
{
	(void)state;
	struct got g = {0};
	char *err = NULL;
	assert_int_equal(read_feed("feed/tass_rss.xml", &g, &err), 0);
	assert_null(err);
	assert_int_equal(g.n, 3);
	assert_int_equal(g.nerr, 1);
	assert_string_equal(g.err_item[0], "item 3");
	assert_non_null(strstr(g.err_msg[0], "no headline or text"));

	struct got_report *r = &g.r[0];
	assert_string_equal(r->item, "item 1");
	assert_string_equal(r->format, "rss");
	assert_string_equal(r->title, "Lavrov, Kerry discuss Ukraine in phone call");
	assert_string_equal(r->url, "https://tass.com/world/770001");
	assert_string_equal(r->guid, "tass-770001");
	assert_string_equal(r->author, "TASS staff");
	assert_string_equal(r->agency, "TASS");
	assert_string_equal(r->published_text, "Tue, 06 Jan 2015 13:40:00 +0300");
	assert_int_equal(r->published, unix_from_civil(2015, 1, 6, 10, 40, 0));
	assert_int_equal(r->tz, 180);
	assert_int_equal(r->summary_only, 0);
	/* content:encoded wins over the teaser; its HTML becomes paragraphs. */
	assert_non_null(strstr(r->body, "MOSCOW, January 6. /TASS/. Russian Foreign Minister"));
	assert_non_null(strstr(r->body, "on Tuesday.\n\nThe ministers agreed"));
	assert_null(strstr(r->body, "teaser"));
	assert_null(strstr(r->body, "track()"));
	assert_null(strstr(r->body, "<p>"));

	/* Escaped HTML in a description, GMT. */
	r = &g.r[1];
	assert_string_equal(r->item, "item 2");
	assert_string_equal(r->body, "An Iranian delegation arrived in Moscow for consultations, the "
				     "foreign ministry said.");
	assert_int_equal(r->summary_only, 1);
	assert_int_equal(r->published, unix_from_civil(2015, 1, 6, 9, 15, 0));
	assert_int_equal(r->tz, 0);

	/* EST, a permalink guid as url, "mail (Name)" authors. */
	r = &g.r[2];
	assert_string_equal(r->item, "item 4");
	assert_int_equal(r->published, unix_from_civil(2015, 1, 6, 3, 30, 0));
	assert_int_equal(r->tz, -300);
	assert_string_equal(r->url, "https://tass.com/world/770004");
	assert_string_equal(r->author, "Night Desk");
	got_release(&g);
}

static void test_atom(void **state)
{
	(void)state;
	struct got g = {0};
	char *err = NULL;
	assert_int_equal(read_feed("feed/mofa_atom.xml", &g, &err), 0);
	assert_int_equal(g.n, 3);
	assert_int_equal(g.nerr, 1);
	assert_string_equal(g.err_item[0], "entry 4");

	struct got_report *r = &g.r[0];
	assert_string_equal(r->format, "atom");
	assert_string_equal(r->item, "entry 1");
	assert_string_equal(r->title, "Japan\xe2\x80\x93US Foreign Ministers' telephone talk");
	assert_string_equal(r->url, "https://www.mofa.example/press/2015-0106.html");
	assert_string_equal(r->guid, "urn:example:mofa:press:2015-0106");
	assert_string_equal(r->author, "Press Division");
	/* published, not updated */
	assert_string_equal(r->published_text, "2015-01-06T19:10:00+09:00");
	assert_int_equal(r->published, unix_from_civil(2015, 1, 6, 10, 10, 0));
	assert_int_equal(r->tz, 540);
	assert_string_equal(r->body, "On January 6, Foreign Minister Fumio Kishida held a telephone "
				     "talk with Secretary of State John Kerry.\n\nThe two ministers "
				     "exchanged views on North Korea.");
	assert_int_equal(r->summary_only, 0);

	r = &g.r[1];
	assert_int_equal(r->summary_only, 1);
	assert_string_equal(r->url, "https://www.mofa.example/press/2015-0116.html");
	assert_int_equal(r->published, unix_from_civil(2015, 1, 16, 12, 0, 0));

	r = &g.r[2];
	assert_string_equal(r->title, "Statement on Syria");
	assert_string_equal(r->body, "Japan condemns the attack.\n\nJapan calls on all parties to "
				     "show restraint.");
	assert_int_equal(r->pub_known, PUB_DATE);
	got_release(&g);
}

static void test_rdf_and_hints(void **state)
{
	(void)state;
	const char *rdf =
		"<?xml version=\"1.0\"?>\n"
		"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
		"xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
		"<channel rdf:about=\"x\"><title>Ministry news</title></channel>"
		"<item rdf:about=\"https://example.org/1\"><title>Ministers meet</title>"
		"<link>https://example.org/1</link><dc:date>2015-01-06T10:00:00+01:00</dc:date>"
		"<description>The ministers met in Berlin.\n\nThey spoke about trade.</description></item>"
		"</rdf:RDF>";
	struct got g = {0};
	char *err = NULL;
	struct ingest_hints h = {"Xinhua", NULL, "rdf.xml", {0, 0, 0, PREC_UNKNOWN}};
	assert_int_equal(feed_read(rdf, strlen(rdf), &h, keep, fail_item, &g, &err), 0);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.r[0].format, "rss");
	assert_string_equal(g.r[0].agency, "Xinhua");
	assert_int_equal(g.r[0].tz, 60);
	assert_string_equal(g.r[0].body, "The ministers met in Berlin.\n\nThey spoke about trade.");
	got_release(&g);
}

static void test_bad_feeds(void **state)
{
	(void)state;
	struct got g = {0};
	char *err = NULL;
	const char *cut = "<rss><channel><item><title>Half an ite";
	assert_int_equal(feed_read(cut, strlen(cut), NULL, keep, fail_item, &g, &err), -1);
	assert_non_null(strstr(err, "unable to parse '-'"));
	free(err);
	err = NULL;
	const char *nitf = "<nitf/>";
	assert_int_equal(feed_read(nitf, strlen(nitf), NULL, keep, fail_item, &g, &err), -1);
	assert_non_null(strstr(err, "<nitf> is not an rss or atom feed"));
	free(err);
	err = NULL;
	/* Atom elements must be in Atom's namespace. */
	const char *fake = "<feed><entry><title>x</title></entry></feed>";
	assert_int_equal(feed_read(fake, strlen(fake), NULL, keep, fail_item, &g, &err), -1);
	free(err);
	err = NULL;
	/* An empty feed is read, and yields nothing. */
	const char *none = "<rss version=\"2.0\"><channel><title>t</title></channel></rss>";
	assert_int_equal(feed_read(none, strlen(none), NULL, keep, fail_item, &g, &err), 0);
	assert_int_equal(g.n, 0);
	/* An unreadable date is a warning, not a lost item. */
	const char *date = "<rss><channel><item><title>T</title><pubDate>someday</pubDate>"
			   "<description>Text.</description></item></channel></rss>";
	assert_int_equal(feed_read(date, strlen(date), NULL, keep, fail_item, &g, &err), 0);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.r[0].pub_known, PUB_NONE);
	assert_non_null(strstr(g.r[0].warnings, "unreadable time 'someday'"));
	got_release(&g);
}

/* A feed of three items whose second holds `body` (n bytes repeated to
 * `size`), wrapped in `open`/`close`. */
static char *feed_with(const char *open, const char *unit, size_t size, const char *close, size_t *len)
{
	struct buf b;
	buf_init(&b, 0);
	buf_addstr(&b, "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>TASS</title>\n"
		       "<item><title>First</title><description>Lavrov met Kerry.</description></item>\n"
		       "<item><title>Second</title>\n<description>");
	buf_addstr(&b, open);
	size_t n = strlen(unit);
	for (size_t done = 0; done < size; done += n)
		buf_add(&b, unit, n);
	buf_addstr(&b, close);
	buf_addstr(&b, "</description></item>\n"
		       "<item><title>Third</title><description>Kishida met Wang Yi.</description></item>\n"
		       "</channel></rss>\n");
	*len = b.len;
	return buf_detach(&b);
}

/* A text past libxml2's 10 MB limit in one item (issue 13): libxml2 2.9
 * stopped there without calling the document ill-formed, so the item was
 * cut and the items after it silently lost. Now that item is reported,
 * with the file's line, and the others are read; XML_PARSE_HUGE is not
 * used, as it would also lift the guards against entity expansion. */
static void test_huge_item(void **state)
{
	(void)state;
	static const char *const forms[][3] = {
		{"", "&lt;p&gt;Escaped HTML, as feeds carry it.&lt;/p&gt; ", ""},
		{"<![CDATA[", "<p>HTML in a CDATA section.</p> ", "]]>"},
	};
	for (size_t f = 0; f < 2; f++) {
		size_t len;
		char *data = feed_with(forms[f][0], forms[f][1], (size_t)14 << 20, forms[f][2], &len);
		struct got g = {0};
		char *err = NULL;
		assert_int_equal(feed_read(data, len, NULL, keep, fail_item, &g, &err), 0);
		assert_null(err);
		assert_int_equal(g.n, 2);
		assert_string_equal(g.r[0].item, "item 1");
		assert_string_equal(g.r[0].title, "First");
		assert_string_equal(g.r[1].item, "item 3");
		assert_string_equal(g.r[1].title, "Third");
		assert_int_equal(g.nerr, 1);
		assert_string_equal(g.err_item[0], "item 2");
		assert_non_null(strstr(g.err_msg[0], "line 5: a text longer than 10 MB"));
		got_release(&g);
		free(data);
	}
}

/* One item that is not well-formed costs only itself. */
static void test_bad_item(void **state)
{
	(void)state;
	const char *feed = "<rss version=\"2.0\"><channel><title>t</title>\n"
			   "<!-- <item> in a comment is no item -->\n"
			   "<item><title>Good</title><description>Text.</description></item>\n"
			   "<item><title>Tom & Jerry</title><description>Text.</description></item>\n"
			   "<item><title>Also good</title><description><![CDATA[</item>]]></description></item>\n"
			   "</channel></rss>";
	struct got g = {0};
	char *err = NULL;
	assert_int_equal(feed_read(feed, strlen(feed), NULL, keep, fail_item, &g, &err), 0);
	assert_int_equal(g.n, 2);
	assert_string_equal(g.r[0].title, "Good");
	assert_string_equal(g.r[1].item, "item 3");
	assert_string_equal(g.r[1].title, "Also good");
	assert_int_equal(g.nerr, 1);
	assert_string_equal(g.err_item[0], "item 2");
	assert_non_null(strstr(g.err_msg[0], "line 4"));
	got_release(&g);
	/* The feed's own markup broken: the whole file is refused, as before. */
	const char *broken = "<rss><channel><title>A & B</title><item><title>x</title></item></channel></rss>";
	assert_int_equal(feed_read(broken, strlen(broken), NULL, keep, fail_item, &g, &err), -1);
	assert_non_null(strstr(err, "unable to parse"));
	assert_int_equal(g.n + g.nerr, 0);
	free(err);
	got_release(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rss),
		cmocka_unit_test(test_atom),
		cmocka_unit_test(test_rdf_and_hints),
		cmocka_unit_test(test_bad_feeds),
		cmocka_unit_test(test_huge_item),
		cmocka_unit_test(test_bad_item),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
