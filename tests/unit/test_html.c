/* The HTML reader: metadata, body extraction, charsets, hostile pages and
 * fragment text. Fixtures are in tests/data/html/. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/html.h"
#include "util/cdate.h"

static char *slurp(const char *name, size_t *len)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/html/%s", TEST_DATA_DIR, name);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	struct buf b;
	buf_init(&b, BUF_DEFAULT_MAX);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		assert_int_equal(buf_add(&b, chunk, n), 0);
	fclose(f);
	*len = b.len;
	return buf_detach(&b);
}

/* Reads a fixture; fails the test when the reader fails. */
static void read_fixture(const char *name, const struct ingest_hints *h, struct report *r)
{
	size_t len;
	char *data = slurp(name, &len);
	char *err = NULL;
	report_init(r);
	int rc = html_read(data, len, h, r, &err);
	if (rc)
		fail_msg("%s: %s", name, err ? err : "(no message)");
	free(data);
}

static int read_string(const char *page, const struct ingest_hints *h, struct report *r, char **err)
{
	report_init(r);
	*err = NULL;
	return html_read(page, strlen(page), h, r, err);
}

static int has_warning(const struct report *r, const char *part)
{
	for (size_t i = 0; i < r->n_warnings; i++)
		if (strstr(r->warnings[i], part))
			return 1;
	return 0;
}

#define assert_contains(hay, needle) \
	do { if (!strstr((hay), (needle))) fail_msg("missing '%s' in:\n%s", (needle), (hay)); } while (0)
#define assert_prefix(s, prefix) \
	do { if (strncmp((s), (prefix), strlen(prefix)) != 0) fail_msg("'%s' does not start:\n%s", (prefix), (s)); } while (0)
#define assert_lacks(hay, needle) \
	do { if (strstr((hay), (needle))) fail_msg("unwanted '%s' in:\n%s", (needle), (hay)); } while (0)

static void test_jsonld_page(void **state)
{
	(void)state;
	struct report r;
	read_fixture("news_jsonld.html", NULL, &r);
	/* JSON-LD beats og:title, <h1> and <title>. */
	assert_string_equal(r.title, "Lavrov and Wang Yi discuss Korean Peninsula in Moscow");
	assert_string_equal(r.published_text, "2019-04-03T14:25:00+03:00");
	assert_int_equal(r.pub_known, PUB_TIME);
	assert_int_equal(r.tz_offset_min, 180);
	assert_int_equal(r.published, unix_from_civil(2019, 4, 3, 11, 25, 0));
	/* The canonical link beats og:url. */
	assert_string_equal(r.url, "https://wire.example.org/world/2019/04/lavrov-wang-yi-talks");
	assert_string_equal(r.author, "Irina Sokolova, Pavel Orlov");
	assert_string_equal(r.agency, "Northern Wire Agency");
	assert_string_equal(r.format, "html");
	assert_int_equal(r.n_warnings, 0);

	const char *b = r.body;
	assert_true(strncmp(b, "MOSCOW, April 3. Russian Foreign Minister", 41) == 0);
	assert_contains(b, "upcoming summits.\n\nBoth ministers said");
	assert_contains(b, "\n\nTrade and energy\n\n");
	assert_contains(b, "A joint statement on strategic stability is being prepared for the summer.");
	assert_contains(b, "shipping routes.");
	assert_true(b[strlen(b) - 1] == '.');
	static const char *const boilerplate[] = {
		"cookies", "Home", "Share on", "By Irina", "ministers before the talks",
		"Putin to visit", "Read more", "Tags", "Dimitri", "Comments", "newsletter",
		"Election results", "All rights reserved", "not text", "font-weight",
		"discuss Korean Peninsula in Moscow",
	};
	for (size_t i = 0; i < sizeof(boilerplate) / sizeof(boilerplate[0]); i++)
		assert_lacks(b, boilerplate[i]);
	report_release(&r);
}

static void test_opengraph_time_br(void **state)
{
	(void)state;
	struct report r;
	read_fixture("og_time.html", NULL, &r);
	assert_string_equal(r.title, "Japan and South Korea agree to resume security dialogue");
	assert_string_equal(r.url, "https://harbour.example.com/news/20200214-dialogue");
	assert_string_equal(r.author, "Kenji Watanabe");
	assert_string_equal(r.agency, "Harbour Times");
	/* From <time datetime>, offset kept as written. */
	assert_string_equal(r.published_text, "2020-02-14T09:30:00-05:00");
	assert_int_equal(r.tz_offset_min, -300);
	assert_int_equal(r.published, unix_from_civil(2020, 2, 14, 14, 30, 0));
	/* The broken JSON-LD block is skipped with a warning. */
	assert_true(has_warning(&r, "broken json-ld"));
	/* <br><br> separates paragraphs, a single <br> only lines. */
	assert_contains(r.body, "export controls.\n\nSpeaking after");
	assert_contains(r.body, "Japanese goods.\nAnalysts said");
	assert_lacks(r.body, "Front page");
	assert_lacks(r.body, "Share this");
	assert_lacks(r.body, "Subscribe");
	assert_lacks(r.body, "Quay Street");
	assert_lacks(r.body, "Published");
	report_release(&r);
}

/* A page whose og:title is its navigation trail takes the article's headline. */
static void test_breadcrumb_title(void **state)
{
	(void)state;
	static const char page[] =
		"<!DOCTYPE html><html><head><title>Home &gt; Press &gt; Press releases</title>"
		"<meta property=\"og:title\" content=\"Home &gt; Press &gt; Press releases\">"
		"<meta property=\"og:site_name\" content=\"Ministry of Foreign Affairs\"></head><body>"
		"<nav>Home &gt; Press &gt; Press releases</nav><article>"
		"<h1>Foreign Minister holds talks with the Foreign Minister of Viet Nam</h1>"
		"<p>On 12 March the Foreign Minister held a meeting with the visiting Foreign Minister of "
		"Viet Nam and the two ministers agreed to deepen their cooperation on maritime security.</p>"
		"</article></body></html>";
	struct report r;
	char *err = NULL;
	assert_int_equal(read_string(page, NULL, &r, &err), 0);
	assert_string_equal(r.title, "Foreign Minister holds talks with the Foreign Minister of Viet Nam");
	assert_string_equal(r.agency, "Ministry of Foreign Affairs");
	report_release(&r);
	free(err);
}

/* A page that names no site takes the agency its address names; a site
 * name that is an agency's takes the agency table's form. */
static void test_agency_from_address(void **state)
{
	(void)state;
	static const char page[] =
		"<!DOCTYPE html><html><head><title>Kishida to visit Seoul</title>"
		"<link rel=\"canonical\" href=\"https://english.kyodonews.net/news/2023/05/abc.html\"></head><body>"
		"<article><h1>Kishida to visit Seoul</h1><p>Prime Minister Fumio Kishida will visit Seoul "
		"on Sunday for talks with President Yoon Suk Yeol, the government said on Monday.</p>"
		"</article></body></html>";
	struct report r;
	char *err = NULL;
	assert_int_equal(read_string(page, NULL, &r, &err), 0);
	assert_non_null(r.agency);
	assert_string_equal(r.agency, "Kyodo");
	report_release(&r);
	static const char named[] =
		"<!DOCTYPE html><html><head><title>Talks</title>"
		"<meta property=\"og:site_name\" content=\"KYODO NEWS\"></head><body>"
		"<article><h1>Talks</h1><p>Foreign Minister Yoshimasa Hayashi held talks with his Chinese "
		"counterpart Qin Gang in Beijing on Sunday, the ministry said.</p></article></body></html>";
	assert_int_equal(read_string(named, NULL, &r, &err), 0);
	assert_string_equal(r.agency, "Kyodo");
	report_release(&r);
	free(err);
}

static const char RU_FIRST[] =
	"Министр иностранных дел России провёл в понедельник переговоры со своим "
	"казахстанским коллегой";

static void check_russian(const struct report *r)
{
	assert_string_equal(r->title, "Министры обсудили сотрудничество в ЕАЭС");
	assert_true(strncmp(r->body, RU_FIRST, strlen(RU_FIRST)) == 0);
	assert_contains(r->body, "ситуации в Афганистане.\n\nПо итогам встречи");
	assert_lacks(r->body, "Поделиться");
	assert_lacks(r->body, "Главная");
	assert_lacks(r->body, "права защищены");
	assert_int_equal(r->tz_offset_min, 360);
	assert_int_equal(r->published, unix_from_civil(2019, 6, 10, 6, 0, 0));
}

static void test_windows_1251(void **state)
{
	(void)state;
	struct report r;
	read_fixture("cp1251.html", NULL, &r);
	check_russian(&r);
	assert_int_equal(r.n_warnings, 0);
	report_release(&r);
}

static void test_declared_1251_but_utf8(void **state)
{
	(void)state;
	struct report r;
	read_fixture("wrong_charset_utf8.html", NULL, &r);
	check_russian(&r);
	assert_true(has_warning(&r, "utf-8"));
	report_release(&r);
}

static void test_declared_utf8_but_1252(void **state)
{
	(void)state;
	struct report r;
	read_fixture("wrong_charset_1252.html", NULL, &r);
	assert_string_equal(r.title, "Sommet franco-allemand à Toulouse");
	assert_contains(r.body, "Le président français a reçu mercredi la chancelière allemande");
	assert_contains(r.body, "restent éloignées.");
	assert_true(has_warning(&r, "windows-1252"));
	assert_int_equal(r.pub_known, PUB_NONE);
	report_release(&r);
}

/* A page declaring UTF-7 or UTF-32, which browsers refuse, is read as if it
 * declared nothing (issue 13): iconv would decode UTF-7, making "+ADw-"
 * a '<' and the text's plus signs garbage. */
static void test_refused_charsets(void **state)
{
	(void)state;
	static const char utf7[] =
		"<html><head><meta charset=\"utf-7\"><title>Talks in Paris +ADw-b+AD4-1+2</title></head>"
		"<body><article><p>The ministers met for four hours at the Quai d'Orsay and agreed to keep "
		"talking: 2+2 talks will follow in Washington next month, officials on both sides said. "
		"+ADw-script+AD4-alert(1)+ADw-/script+AD4-</p></article></body></html>";
	struct report r;
	char *err = NULL;
	assert_int_equal(read_string(utf7, NULL, &r, &err), 0);
	assert_string_equal(r.title, "Talks in Paris +ADw-b+AD4-1+2");
	assert_contains(r.body, "2+2 talks will follow");
	assert_lacks(r.body, "<script>");
	assert_true(has_warning(&r, "charset browsers refuse"));
	assert_true(has_warning(&r, "read as utf-8"));
	report_release(&r);
	/* UTF-32 declared over windows-1252 bytes: read as windows-1252. */
	static const char utf32[] =
		"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-32\">"
		"<title>Sommet \xe0 Toulouse</title></head><body><article><p>Le pr\xe9sident fran\xe7" "ais "
		"a re\xe7u mercredi la chanceli\xe8re allemande pour un sommet consacr\xe9 \xe0 "
		"l'\xe9nergie et \xe0 la d\xe9" "fense.</p></article></body></html>";
	assert_int_equal(read_string(utf32, NULL, &r, &err), 0);
	assert_string_equal(r.title, "Sommet \xc3\xa0 Toulouse");
	assert_true(has_warning(&r, "read as windows-1252"));
	report_release(&r);
}

static const char PARAS[] =
	"<p>The delegations met for four hours at the foreign ministry and agreed to keep "
	"talking about border crossings, fishing quotas and the exchange of prisoners.</p>"
	"<p>A second round is planned for the autumn, officials on both sides said after the "
	"meeting, without giving a precise date or a place for it.</p>";

static void test_hints_and_title_fallbacks(void **state)
{
	(void)state;
	struct report r;
	char *err;
	char page[2048];
	/* No metadata at all: the hints fill in; <title> loses its site name. */
	snprintf(page, sizeof(page),
	         "<html><head><title>Border talks resume after long pause | The Daily Courier</title>"
	         "</head><body><div class=\"post\">%s</div></body></html>", PARAS);
	struct ingest_hints h = {"Courier", "https://courier.example.net/a/1", "x.html",
	                         {2021, 9, 30, PREC_DAY}};
	assert_int_equal(read_string(page, &h, &r, &err), 0);
	assert_string_equal(r.title, "Border talks resume after long pause");
	assert_string_equal(r.url, "https://courier.example.net/a/1");
	assert_string_equal(r.agency, "Courier");
	assert_int_equal(r.pub_known, PUB_DATE);
	assert_int_equal(r.published, unix_from_civil(2021, 9, 30, 0, 0, 0));
	assert_null(r.published_text);
	report_release(&r);

	/* The article's <h1> beats <title>; itemprop gives a day; a page
	 * without hints has no URL. */
	snprintf(page, sizeof(page),
	         "<html><head><title>Courier - Front</title></head><body>"
	         "<h1>Most read today</h1><article><h1>Prisoner exchange agreed</h1>"
	         "<span itemprop=\"datePublished\" content=\"2021-10-02\">2 Oct</span>%s</article>"
	         "</body></html>", PARAS);
	assert_int_equal(read_string(page, NULL, &r, &err), 0);
	assert_string_equal(r.title, "Prisoner exchange agreed");
	assert_int_equal(r.pub_known, PUB_DATE);
	assert_int_equal(r.published, unix_from_civil(2021, 10, 2, 0, 0, 0));
	assert_null(r.url);
	assert_lacks(r.body, "Prisoner exchange agreed");
	assert_lacks(r.body, "Most read");
	report_release(&r);
}

static void test_time_formats(void **state)
{
	(void)state;
	static const struct {
		const char *when;
		int64_t utc;
		int off;
		enum pub_known known;
	} cases[] = {
		{"2019-11-18T10:20:30Z", 0, 0, PUB_TIME},
		{"2019-11-18T15:50:30.123+05:30", 0, 330, PUB_TIME},
		{"2019-11-18T05:20:30-0500", 0, -300, PUB_TIME},
		{"2019-11-18 10:20:30", 0, 0, PUB_TIME},
		{"2019-11-18", -1, 0, PUB_DATE},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char page[2048];
		snprintf(page, sizeof(page),
		         "<html><head><meta property=\"article:published_time\" content=\"%s\">"
		         "</head><body>%s</body></html>", cases[i].when, PARAS);
		struct report r;
		char *err;
		assert_int_equal(read_string(page, NULL, &r, &err), 0);
		int64_t want = cases[i].utc < 0 ? unix_from_civil(2019, 11, 18, 0, 0, 0)
		                                : unix_from_civil(2019, 11, 18, 10, 20, 30);
		assert_int_equal(r.published, want);
		assert_int_equal(r.tz_offset_min, cases[i].off);
		assert_int_equal(r.pub_known, cases[i].known);
		assert_string_equal(r.published_text, cases[i].when);
		report_release(&r);
	}
	/* An unreadable timestamp is kept as text, with a warning. */
	struct report r;
	char *err;
	char page[2048];
	snprintf(page, sizeof(page), "<html><head><meta property=\"article:published_time\" "
	         "content=\"yesterday\"></head><body>%s</body></html>", PARAS);
	assert_int_equal(read_string(page, NULL, &r, &err), 0);
	assert_int_equal(r.pub_known, PUB_NONE);
	assert_string_equal(r.published_text, "yesterday");
	assert_true(has_warning(&r, "unreadable publication time"));
	report_release(&r);
}

static void test_empty_pages(void **state)
{
	(void)state;
	static const char *const pages[] = {
		"", "   \n  ", "<html><body></body></html>",
		"<html><head><title>Nothing here</title></head><body><nav><a href=\"/\">Home</a></nav></body></html>",
		"\xff\xfe\x00\x00\x01\x02",
	};
	for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		struct report r;
		char *err = NULL;
		report_init(&r);
		size_t len = i == 4 ? 6 : strlen(pages[i]);
		assert_int_equal(html_read(pages[i], len, NULL, &r, &err), -1);
		assert_non_null(err);
		assert_true(err[0] >= 'a' && err[0] <= 'z');
		free(err);
		report_release(&r);
	}
	struct report r;
	char *err = NULL;
	report_init(&r);
	assert_int_equal(html_read("", 0, NULL, &r, &err), -1);
	assert_string_equal(err, "page is empty");
	free(err);
	report_release(&r);
	assert_int_equal(read_string("<html><body><div></div></body></html>", NULL, &r, &err), -1);
	assert_string_equal(err, "no article text found in page");
	free(err);
	report_release(&r);
}

/* Builds a page with `depth` nested elements around a paragraph, after a
 * normal article. */
static char *deep_page(size_t depth, const char *open, const char *close)
{
	struct buf b;
	buf_init(&b, BUF_DEFAULT_MAX);
	assert_int_equal(buf_printf(&b, "<html><body><article>%s</article>", PARAS), 0);
	for (size_t i = 0; i < depth; i++)
		assert_int_equal(buf_addstr(&b, open), 0);
	assert_int_equal(buf_addstr(&b, "<p>buried text that nobody should ever need to read</p>"), 0);
	for (size_t i = 0; i < depth; i++)
		assert_int_equal(buf_addstr(&b, close), 0);
	assert_int_equal(buf_addstr(&b, "</body></html>"), 0);
	return buf_detach(&b);
}

static void test_deep_nesting(void **state)
{
	(void)state;
	static const char *const tags[][2] = {{"<div>", "</div>"}, {"<span>", "</span>"},
	                                      {"<div><b>", ""}, {"<table><tr><td>", ""}};
	for (size_t i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
		char *page = deep_page(100000, tags[i][0], tags[i][1]);
		struct report r;
		char *err = NULL;
		assert_int_equal(read_string(page, NULL, &r, &err), 0);
		assert_contains(r.body, "fishing quotas");
		report_release(&r);
		free(page);
	}
}

static void test_huge_input(void **state)
{
	(void)state;
	/* A 5 MB attribute, 50000 links and a page past the input cap. */
	size_t big = 5u << 20;
	struct buf b;
	buf_init(&b, BUF_DEFAULT_MAX);
	assert_int_equal(buf_addstr(&b, "<html><body><div class=\""), 0);
	for (size_t i = 0; i < big / 8; i++)
		assert_int_equal(buf_add(&b, "content ", 8), 0);
	assert_int_equal(buf_printf(&b, "\" data-x='%s'><p>", "y"), 0);
	assert_int_equal(buf_printf(&b, "%s</p></div><ul>", PARAS), 0);
	for (size_t i = 0; i < 50000; i++)
		assert_int_equal(buf_printf(&b, "<li><a href=\"/%zu\">link %zu</a></li>", i, i), 0);
	assert_int_equal(buf_addstr(&b, "</ul><script>"), 0);
	while (b.len <= HTML_MAX_INPUT + 1000)
		assert_int_equal(buf_addstr(&b, "var a = 1; // filler filler filler filler\n"), 0);
	assert_int_equal(buf_addstr(&b, "</script></body></html>"), 0);
	struct report r;
	char *err = NULL;
	report_init(&r);
	assert_int_equal(html_read(b.data, b.len, NULL, &r, &err), 0);
	assert_contains(r.body, "fishing quotas");
	assert_lacks(r.body, "link 17");
	assert_true(has_warning(&r, "only the first"));
	report_release(&r);
	buf_release(&b);
}

static void test_fragment_text(void **state)
{
	(void)state;
	struct buf out;
	buf_init(&out, 1 << 20);
	const char *f = "<p>Talks in <b>Geneva</b> &amp; Vienna</p>\n<p>Second&nbsp;para<br>new line</p>"
	                "<script>var x = '<p>no</p>';</script><style>p{}</style>"
	                "loose text<br><br>after a gap<ul><li>one</li><li>two</li></ul>";
	assert_int_equal(html_fragment_text(f, strlen(f), &out), 0);
	assert_string_equal(buf_str(&out), "Talks in Geneva & Vienna\n\nSecond para\nnew line\n\n"
	                                   "loose text\n\nafter a gap\n\none\n\ntwo");
	/* Appending to existing text starts a new paragraph. */
	const char *g = "plain &lt;text&gt; &#8212; done";
	assert_int_equal(html_fragment_text(g, strlen(g), &out), 0);
	assert_true(strstr(buf_str(&out), "two\n\nplain <text> \xe2\x80\x94 done") != NULL);
	buf_reset(&out);
	/* Nothing for an empty fragment; bad bytes become U+FFFD. */
	assert_int_equal(html_fragment_text("", 0, &out), 0);
	assert_int_equal(html_fragment_text("<p> </p>", 8, &out), 0);
	assert_int_equal(out.len, 0);
	assert_int_equal(html_fragment_text("caf\xe9 <i>ok</i>", 14, &out), 0);
	assert_string_equal(buf_str(&out), "caf\xef\xbf\xbd ok");
	/* The buffer's ceiling is an error, not an overflow. */
	struct buf tiny;
	buf_init(&tiny, 8);
	assert_int_equal(html_fragment_text(f, strlen(f), &tiny), -1);
	assert_true(tiny.len <= 8);
	buf_release(&tiny);
	buf_release(&out);
}

/* Three paragraphs of prose about one subject, for pages built in tests. */
#define PROSE_1 "<p>The foreign ministers of Japan, China and South Korea met in Busan on 26 November 2023, the first such meeting in four years, and agreed to prepare a summit of their leaders.</p>"
#define PROSE_2 "<p>The three ministers discussed trade, the ageing of their populations and exchanges between young people, and said that the trilateral secretariat in Seoul would draft a plan.</p>"
#define PROSE_3 "<p>The leaders' summit itself took place in Seoul in May 2024, where the three governments issued a joint declaration on economic cooperation and on the supply chains of key goods.</p>"

static char *body_of(const char *page)
{
	struct report r;
	char *err = NULL;
	if (read_string(page, NULL, &r, &err))
		fail_msg("page not read: %s", err ? err : "(no message)");
	char *body = xstrdup(r.body);
	report_release(&r);
	return body;
}

/* A press release: the summary box above the text and the "about us"
 * section after a rule are not the article. */
static void test_press_release(void **state)
{
	(void)state;
	struct report r;
	read_fixture("press_release.html", NULL, &r);
	assert_string_equal(r.title, "Ministry welcomes renewal of grain corridor talks");
	assert_prefix(r.body, "The Black Sea Grain Initiative was signed");
	assert_contains(r.body, "so that no weapons were carried in either direction.");
	assert_contains(r.body, "had been kept informed.");
	assert_lacks(r.body, "would keep working with Turkey");
	assert_lacks(r.body, "publishes its statements");
	assert_lacks(r.body, "All rights reserved");
	assert_lacks(r.body, "comment");
	report_release(&r);
}

/* A page with a data table and little prose: the element marked as the
 * article body is read, cells included; the moderators' note after it
 * is kept too (it is inside), the sidebar is not. */
static void test_data_table(void **state)
{
	(void)state;
	struct report r;
	read_fixture("data_table.html", NULL, &r);
	assert_prefix(r.body, "This page keeps the result");
	assert_contains(r.body, "emergency special session:\n\nVote\n\nMembers\n\nIn favour\n\n141\n\nAgainst\n\n5");
	assert_contains(r.body, "Not voting\n\n12\n\n* A two-thirds majority");
	assert_lacks(r.body, "Security Council");
	assert_lacks(r.body, "Home");
	report_release(&r);
}

/* A table between paragraphs is read whole, short cells included. */
static void test_table_in_article(void **state)
{
	(void)state;
	char *body = body_of("<html><body><div class=\"story\">" PROSE_1
	                     "<table><tr><th>Country</th><th>Minister</th></tr>"
	                     "<tr><td>Japan</td><td>Kamikawa</td></tr>"
	                     "<tr><td>China</td><td>Wang Yi</td></tr></table>" PROSE_2 PROSE_3
	                     "</div></body></html>");
	assert_contains(body, "a summit of their leaders.\n\nCountry\n\nMinister\n\nJapan\n\nKamikawa\n\n"
	                      "China\n\nWang Yi\n\nThe three ministers");
	free(body);
}

/* The card a site pops up over a name is not part of the sentence; links
 * that are the sentence's own words stay. */
static void test_popup_card(void **state)
{
	(void)state;
	char *body = body_of(
		"<html><body><article>"
		"<p>South Korean Foreign Minister <span class=\"person\"><a href=\"/p/park\">Park Jin</a>"
		"<span class=\"person-card\"><span><img src=\"park.jpg\"><a href=\"/p/park\">Park Jin</a>"
		"<a href=\"/s/1\">Park visits Tokyo for talks on export controls</a> "
		"<a href=\"/s/2\">Seoul names new envoy to Beijing</a></span></span></span>"
		" hosted the meeting, which <a href=\"/t/trilateral\">the three countries</a> had "
		"put off several times since 2019 because of disputes over history and trade.</p>"
		PROSE_2 PROSE_3 "</article></body></html>");
	assert_prefix(body, "South Korean Foreign Minister Park Jin hosted the meeting, which the three "
	                    "countries had put off");
	assert_lacks(body, "export controls");
	assert_lacks(body, "new envoy");
	free(body);
}

/* A rule between the article's own paragraphs does not end it. */
static void test_rule_inside_article(void **state)
{
	(void)state;
	char *body = body_of("<html><body><div class=\"entry\">" PROSE_1 PROSE_2 "<hr>" PROSE_3
	                     "</div></body></html>");
	assert_contains(body, "supply chains of key goods.");
	free(body);
}

/* What the parser is not given (comments, drawings, most attributes) does
 * not change the text; hidden elements and JSON-LD holding markup still
 * work, and attribute values may hold '>'. */
static void test_lean_copy(void **state)
{
	(void)state;
	struct report r;
	char *err = NULL;
	const char *page =
		"<html><head><script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", "
		"\"headline\": \"Busan <b>talks</b>\", \"articleBody\": \"<p class=\\\"x\\\">Text</p>\"}"
		"</script><style>p > a { color: red }</style></head>"
		"<body data-page=\"a > b\" onload=\"go('<p>')\"><!-- <p>a commented-out paragraph</p> -->"
		"<div class=\"body\" data-x='1'>" PROSE_1
		"<svg viewBox=\"0 0 10 10\"><text>drawing label</text><path d=\"M0 0L10 10\"/></svg>"
		"<p style=\"display: none\">a paragraph nobody sees on the page</p>"
		"<p data-track=\"x>y\" id=\"p2\">The three ministers discussed trade, the ageing of their "
		"populations and exchanges between <img src=\"a.png\" alt=\"pic\" /> young people.</p>"
		PROSE_3 "<noscript><p>Please turn on scripts to read the comments below</p></noscript>"
		"</div></body></html>";
	assert_int_equal(read_string(page, NULL, &r, &err), 0);
	assert_string_equal(r.title, "Busan talks");
	assert_contains(r.body, "exchanges between young people.");
	assert_lacks(r.body, "commented-out");
	assert_lacks(r.body, "drawing label");
	assert_lacks(r.body, "nobody sees");
	assert_lacks(r.body, "turn on scripts");
	assert_lacks(r.body, "a > b");
	report_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jsonld_page),
		cmocka_unit_test(test_opengraph_time_br),
		cmocka_unit_test(test_breadcrumb_title),
		cmocka_unit_test(test_agency_from_address),
		cmocka_unit_test(test_windows_1251),
		cmocka_unit_test(test_declared_1251_but_utf8),
		cmocka_unit_test(test_declared_utf8_but_1252),
		cmocka_unit_test(test_refused_charsets),
		cmocka_unit_test(test_hints_and_title_fallbacks),
		cmocka_unit_test(test_time_formats),
		cmocka_unit_test(test_empty_pages),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_huge_input),
		cmocka_unit_test(test_fragment_text),
		cmocka_unit_test(test_press_release),
		cmocka_unit_test(test_data_table),
		cmocka_unit_test(test_table_in_article),
		cmocka_unit_test(test_popup_card),
		cmocka_unit_test(test_rule_inside_article),
		cmocka_unit_test(test_lean_copy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
