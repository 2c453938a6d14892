/* The plain-text reader on saved reports in several house styles (fixtures
 * in tests/data/text/): headline, agency, place, publication time, lede and
 * body found among page boilerplate; year inference; charsets; rejects. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ingest/encoding.h"
#include "ingest/text.h"

static struct report rep;
static char *err;

/* Reads a fixture, decodes it and runs the reader with the given --date. */
static int read_fixture(const char *name, const char *date)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/text/%s", TEST_DATA_DIR, name);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	static char data[1 << 16];
	size_t n = fread(data, 1, sizeof(data), f);
	fclose(f);
	char *utf8 = NULL;
	size_t len = 0;
	assert_int_equal(encoding_to_utf8(data, n, NULL, &utf8, &len, &err), 0);
	struct ingest_hints h = {.path = name};
	if (date)
		assert_int_equal(cdate_parse(date, &h.date), 0);
	report_release(&rep);
	report_init(&rep);
	free(err);
	err = NULL;
	int rc = text_read(utf8, len, &h, &rep, &err);
	free(utf8);
	return rc;
}

static int read_string(const char *s, const struct ingest_hints *h)
{
	report_release(&rep);
	report_init(&rep);
	free(err);
	err = NULL;
	return text_read(s, strlen(s), h, &rep, &err);
}

static int teardown(void **state)
{
	(void)state;
	report_release(&rep);
	free(err);
	err = NULL;
	return 0;
}

static const char *pub_iso(void)
{
	static char iso[32];
	format_iso_utc(rep.published, iso);
	return iso;
}

static int has_warning(const char *needle)
{
	for (size_t i = 0; i < rep.n_warnings; i++)
		if (strstr(rep.warnings[i], needle))
			return 1;
	return 0;
}

/* Many one-line paragraphs: the body, whose paragraphs are joined by two
 * line breaks where the file had one, is longer than the file. It was
 * refused as "out of memory" past a few dozen lines. */
static void test_body_longer_than_file(void **state)
{
	(void)state;
	char page[8192];
	size_t n = (size_t)snprintf(page, sizeof(page), "Ministers meet\n\n");
	for (int i = 1; i <= 80; i++)
		n += (size_t)snprintf(page + n, sizeof(page) - n,
				      "The ministers of Japan and Korea met in Tokyo on Monday for round %d.\n", i);
	assert_int_equal(read_string(page, NULL), 0);
	assert_non_null(rep.body);
	assert_non_null(strstr(rep.body, "round 1."));
	assert_non_null(strstr(rep.body, "round 80."));
}

static void test_tass_page(void **state)
{
	(void)state;
	assert_int_equal(read_fixture("tass_page.txt", NULL), 0);
	assert_string_equal(rep.title, "Lavrov and Kishida agree to keep up peace treaty consultations");
	assert_string_equal(rep.agency, "TASS");
	assert_string_equal(rep.place, "MOSCOW");
	assert_string_equal(rep.format, "text");
	/* 14:35 at UTC+3 is 11:35 UTC; the offset is kept. */
	assert_int_equal(rep.pub_known, PUB_TIME);
	assert_string_equal(pub_iso(), "2015-09-21T11:35:00Z");
	assert_int_equal(rep.tz_offset_min, 180);
	assert_string_equal(rep.published_text, "September 21, 2015, 14:35 UTC+3");
	assert_string_equal(rep.lede, "The two ministers met in Moscow for the first time in more than a year");
	/* The body opens with the dateline, keeps the short quote, and stops
	 * before the share text and the related headlines. */
	assert_true(!strncmp(rep.body, "MOSCOW, September 21. /TASS/. Russian Foreign Minister", 54));
	assert_non_null(strstr(rep.body, "\n\n\xe2\x80\x9cWe had a useful conversation.\xe2\x80\x9d\n\n"));
	const char *end = "possible visit by President Vladimir Putin to Japan.";
	assert_string_equal(rep.body + strlen(rep.body) - strlen(end), end);
	assert_null(strstr(rep.body, "pages in this article"));
	assert_null(strstr(rep.body, "Share"));
	assert_null(strstr(rep.body, "stock exchange"));
	assert_int_equal(rep.n_warnings, 0);
}

static void test_reuters_page(void **state)
{
	(void)state;
	assert_int_equal(read_fixture("reuters_page.txt", NULL), 0);
	/* The headline comes after the timestamp here. */
	assert_string_equal(rep.title, "Dutch expel four Russians over plot to hack chemical weapons watchdog");
	assert_string_equal(rep.agency, "Reuters");
	assert_string_equal(rep.place, "THE HAGUE");
	/* A time without a zone: only the day is sure. */
	assert_int_equal(rep.pub_known, PUB_DATE);
	assert_string_equal(pub_iso(), "2018-10-04T00:00:00Z");
	assert_string_equal(rep.published_text, "OCTOBER 4, 2018 / 11:42 AM");
	assert_null(rep.lede);
	assert_true(!strncmp(rep.body, "THE HAGUE (Reuters) - The Netherlands said", 42));
	const char *end = "Moscow rejected the accusation as baseless.";
	assert_string_equal(rep.body + strlen(rep.body) - strlen(end), end);
	assert_null(strstr(rep.body, "All rights reserved"));
	assert_null(strstr(rep.body, "Brexit"));
}

static void test_ministry_readout(void **state)
{
	(void)state;
	assert_int_equal(read_fixture("readout.txt", NULL), 0);
	assert_string_equal(rep.title,
			    "Secretary Pompeo's Call with Indian External Affairs Minister Jaishankar");
	/* No dateline: the issuer line names the agency. */
	assert_string_equal(rep.agency, "US State Department");
	assert_null(rep.place);
	assert_int_equal(rep.pub_known, PUB_DATE);
	assert_string_equal(pub_iso(), "2020-06-15T00:00:00Z");
	assert_true(!strncmp(rep.body, "The following can be attributed", 31));
	assert_non_null(strstr(rep.body, "\n\nSecretary Michael R. Pompeo spoke with"));
	assert_null(strstr(rep.body, "TAGS"));
	assert_null(strstr(rep.body, "READ MORE"));
	assert_null(strstr(rep.body, "Example Minister"));
}

static void test_year_from_date_hint(void **state)
{
	(void)state;
	/* "Dec. 10" with --date 2022-01-05: the closest year not after it. */
	assert_int_equal(read_fixture("xinhua_wire.txt", "2022-01-05"), 0);
	assert_string_equal(rep.agency, "Xinhua");
	assert_string_equal(rep.place, "TIANJIN");
	assert_int_equal(rep.pub_known, PUB_DATE);
	assert_string_equal(pub_iso(), "2021-12-10T00:00:00Z");
	assert_string_equal(rep.published_text, "Dec. 10");
	assert_int_equal(rep.n_warnings, 0);
	/* With --date later in December the same year is kept. */
	assert_int_equal(read_fixture("xinhua_wire.txt", "2021-12-31"), 0);
	assert_string_equal(pub_iso(), "2021-12-10T00:00:00Z");
	/* Without --date the year is unknown. */
	assert_int_equal(read_fixture("xinhua_wire.txt", NULL), 0);
	assert_int_equal(rep.pub_known, PUB_NONE);
	assert_true(has_warning("no year"));
}

static void test_year_from_timestamp_line(void **state)
{
	(void)state;
	/* An "Updated" line of the next day: the dateline's day is the
	 * publication, with the year of the timestamp line. */
	assert_int_equal(read_fixture("updated.txt", NULL), 0);
	assert_string_equal(rep.agency, "Kyodo");
	assert_string_equal(rep.title, "Japan and South Korea agree on intelligence pact");
	assert_int_equal(rep.pub_known, PUB_DATE);
	assert_string_equal(pub_iso(), "2016-11-23T00:00:00Z");
	assert_string_equal(rep.published_text, "November 23");
}

/* Stamps not on a line of their own, and a page's date far from the
 * story's dateline. */
static void test_stamps_elsewhere(void **state)
{
	(void)state;
	struct ingest_hints h = {.path = "mem.txt"};
	/* At the end of the headline line. */
	assert_int_equal(read_string("Venezuela and Mexico recall envoys (Reuters) Updated: 2005-11-15 10:41\n\n"
				     "Mexico and Venezuela withdrew their ambassadors on Monday as a row between the two "
				     "presidents over free trade grew more bitter and neither side would apologise.\n", &h), 0);
	assert_int_equal(strncmp(pub_iso(), "2005-11-15", 10), 0);
	assert_string_equal(rep.published_text, "2005-11-15 10:41");
	/* A headline whose own phrase ends on its date: the whole line is the
	 * headline (not the first answer of the transcript), and the date the
	 * publication's. */
	assert_int_equal(read_string("Foreign Ministry Spokesperson Mao Ning's Regular Press Conference on March 14, 2024\n\n"
				     "Q: The Philippine Foreign Ministry summoned China's deputy chief of mission on "
				     "Tuesday. Do you have any comment?\n\n"
				     "A: China has lodged serious protests with the Philippines through diplomatic "
				     "channels and urged it to stop its provocations.\n", &h), 0);
	assert_string_equal(rep.title, "Foreign Ministry Spokesperson Mao Ning's Regular Press Conference on March 14, 2024");
	assert_string_equal(pub_iso(), "2024-03-14T00:00:00Z");
	assert_non_null(strstr(rep.body, "Q: The Philippine Foreign Ministry"));
	/* (after a comma too; and a "Question:" line is never the headline) */
	assert_int_equal(read_string("Briefing by Foreign Ministry Spokeswoman Maria Zakharova, Moscow, April 5, 2023\n\n"
				     "Question: How will Moscow respond to the expulsion of Russian diplomats from Germany?\n\n"
				     "Answer: On Tuesday, Berlin declared four Russian diplomats persona non grata. This "
				     "unfriendly step will not go unanswered.\n", &h), 0);
	assert_string_equal(rep.title, "Briefing by Foreign Ministry Spokeswoman Maria Zakharova, Moscow, April 5, 2023");
	assert_string_equal(pub_iso(), "2023-04-05T00:00:00Z");
	/* (but a stamp's label is no headline) */
	assert_int_equal(read_string("Last updated on April 5, 2023\n\n"
				     "Russia on Wednesday expelled four German diplomats in response to a similar step by "
				     "Berlin, the foreign ministry in Moscow said.\n", &h), 0);
	assert_null(strstr(rep.title ? rep.title : "", "updated"));
	/* (nor a byline's date part of one) */
	assert_int_equal(read_string("Russia expels four German diplomats\n\nBy Jane Doe, April 5, 2023\n\n"
				     "Russia on Wednesday expelled four German diplomats in response to a similar step by "
				     "Berlin, the foreign ministry in Moscow said.\n", &h), 0);
	assert_string_equal(rep.title, "Russia expels four German diplomats");
	/* "Last Updated" at the head, the publication closing the page: the
	 * publication's day. */
	assert_int_equal(read_string("India calls off talks with Pakistan\n\nLast Updated 15 December 2018, 10:13 IST\n\n"
				     "India on Friday called off a planned meeting of its foreign minister with her "
				     "Pakistani counterpart on the margins of the United Nations General Assembly.\n\n"
				     "The foreign ministry said the killing of three policemen in Kashmir showed that no "
				     "dialogue was possible in such an atmosphere.\n\n"
				     "(Published 21 September 2018, 19:10 IST)\n", &h), 0);
	assert_int_equal(strncmp(pub_iso(), "2018-09-21", 10), 0);
	assert_string_equal(rep.title, "India calls off talks with Pakistan");
	assert_string_equal(rep.published_text, "21 September 2018, 19:10 IST");
	/* A page printed on another day than the dateline's story: the dateline wins,
	 * in the year nearest the page's. */
	assert_int_equal(read_string("Friday, April 19, 2024\n\nCuba and Russia sign trade deals\n\n"
				     "Havana, Jan 18 (Prensa Latina) - Cuba and Russia signed four trade agreements on "
				     "Wednesday during a visit by a Russian delegation to the Cuban capital.\n", &h), 0);
	assert_string_equal(pub_iso(), "2024-01-18T00:00:00Z");
	/* ... but a date the caller gives says more than the page's "today". */
	struct ingest_hints dated = {.path = "mem.txt", .date = {2023, 1, 20, PREC_DAY}};
	assert_int_equal(read_string("Friday, April 19, 2024\n\nCuba and Russia sign trade deals\n\n"
				     "Havana, Jan 18 (Prensa Latina) - Cuba and Russia signed four trade agreements on "
				     "Wednesday during a visit by a Russian delegation to the Cuban capital.\n", &dated), 0);
	assert_string_equal(pub_iso(), "2023-01-18T00:00:00Z");
	/* A day apart is a time zone, not another story: the stamp's time stays. */
	assert_int_equal(read_string("January 07, 2015, 01:10 UTC+9\n\nJapan and US hold talks\n\n"
				     "TOKYO, January 6 (Kyodo) - Japan and the United States held talks on Tuesday on "
				     "security cooperation in the region, the foreign ministry said.\n", &h), 0);
	assert_int_equal(rep.pub_known, PUB_TIME);
}

/* A short closing line dates the report ("MAP 21 October 2020"), and the
 * body still starts at the top; a yearless dateline takes the year the text
 * gives the same day and month. */
static void test_closing_line_and_year_in_text(void **state)
{
	(void)state;
	struct ingest_hints h = {.path = "mem.txt"};
	assert_int_equal(read_string("Morocco and Mauritania sign energy accords\n\n"
				     "On Tuesday in Rabat, the Moroccan foreign minister held talks with his Mauritanian "
				     "counterpart on trade, energy and security in the Sahel, and the two signed accords.\n\n"
				     "MAP 12 March 2019\n", &h), 0);
	assert_string_equal(pub_iso(), "2019-03-12T00:00:00Z");
	assert_non_null(strstr(rep.body, "On Tuesday in Rabat"));
	assert_string_equal(rep.title, "Morocco and Mauritania sign energy accords");
	/* A closing stamp after several paragraphs: the headline is still the
	 * top line, not the paragraph before the stamp. */
	assert_int_equal(read_string("Oman hosts talks between Iran and Britain on detained nationals\n\n"
				     "Muscat, ONA - Oman hosted talks on Sunday between Iranian and British officials on "
				     "the release of two dual nationals held in Tehran, the foreign ministry said.\n\n"
				     "The two delegations met for several hours in the capital.\n\n"
				     "A further round was expected later in the month.\n\n"
				     "13 March 2022\n", &h), 0);
	assert_string_equal(rep.title, "Oman hosts talks between Iran and Britain on detained nationals");
	assert_string_equal(pub_iso(), "2022-03-13T00:00:00Z");
	assert_non_null(strstr(rep.body, "A further round was expected later in the month."));
	assert_int_equal(read_string("Sudan welcomes the end of US sanctions\n\n"
				     "Khartoum, 7 Oct (SUNA) - Sudan welcomed the United States decision of 6 October 2017 "
				     "to revoke the economic sanctions it had imposed twenty years earlier.\n\n"
				     "The ministry said the decision announced on 7 October 2017 opens a new page.\n", &h), 0);
	assert_string_equal(pub_iso(), "2017-10-07T00:00:00Z");
	/* The day a page was saved, at its top, yields to the story's stamp. */
	assert_int_equal(read_string("Monday, June 3, 2024\n\nCanada adds names to its Russia sanctions list\n\n"
				     "The Canadian Press, February 24, 2023 10:05 AM\n\n"
				     "OTTAWA - Canada imposed sanctions on 129 Russian individuals and 63 entities on Friday, "
				     "the foreign minister said, a year after the invasion of Ukraine began.\n\n"
				     "The measures target people and companies in the defence and energy sectors, she "
				     "told reporters in the capital.\n", &h), 0);
	assert_int_equal(strncmp(pub_iso(), "2023-02-24", 10), 0);
}

static void test_afp_wrapped(void **state)
{
	(void)state;
	assert_int_equal(read_fixture("wrapped.txt", NULL), 0);
	assert_string_equal(rep.agency, "AFP");
	assert_string_equal(rep.place, "AL-ULA, Saudi Arabia");
	assert_string_equal(pub_iso(), "2021-01-05T00:00:00Z");
	/* Hard-wrapped lines are joined back into two paragraphs. */
	assert_string_equal(rep.body,
		"AL-ULA, Saudi Arabia, Jan 5, 2021 (AFP) - Leaders of the Gulf Cooperation Council "
		"signed a declaration on Tuesday that ended the boycott of Qatar by Saudi Arabia and "
		"its allies, three and a half years after it began.\n\nSaudi Arabia had reopened its "
		"airspace and borders to Qatar the evening before, after mediation by Kuwait and the "
		"United States.");
}

static void test_no_headline(void **state)
{
	(void)state;
	assert_int_equal(read_fixture("no_headline.txt", "2016-01-04"), 0);
	assert_true(has_warning("no headline"));
	assert_string_equal(rep.agency, "Yonhap");
	assert_string_equal(pub_iso(), "2015-12-28T00:00:00Z");
	/* The first sentence after the dateline, cut at a word. */
	assert_true(strlen(rep.title) <= TEXT_TITLE_MAX + 3);
	assert_true(!strncmp(rep.title, "South Korea and Japan reached an agreement on Monday", 52));
	assert_string_equal(rep.title + strlen(rep.title) - 3, "\xe2\x80\xa6");
	/* A short first sentence is the whole title, without its period. */
	struct ingest_hints h = {.path = "-"};
	assert_int_equal(cdate_parse("2000-01-01", &h.date), 0);
	assert_int_equal(read_string("Mr. Lee met U.S. envoys in Seoul. They talked for an hour.", &h), 0);
	assert_string_equal(rep.title, "Mr. Lee met U.S. envoys in Seoul");
	assert_string_equal(rep.body, "Mr. Lee met U.S. envoys in Seoul. They talked for an hour.");
	assert_int_equal(rep.pub_known, PUB_DATE);
	assert_string_equal(pub_iso(), "2000-01-01T00:00:00Z");
	assert_null(rep.published_text);
}

static void test_no_date(void **state)
{
	(void)state;
	assert_int_equal(read_fixture("no_date.txt", NULL), 0);
	assert_string_equal(rep.title, "Ministers discuss border crossings");
	assert_int_equal(rep.pub_known, PUB_NONE);
	assert_true(has_warning("no date found"));
	assert_null(rep.agency);
	/* Hints fill what the report does not say. */
	struct ingest_hints h = {.agency = "itar-tass", .url = "https://example.org/a/1",
				 .path = "-"};
	assert_int_equal(read_string("Ministers discuss border crossings\n\nThe two foreign "
				     "ministers discussed border crossings on Monday.\n", &h), 0);
	assert_string_equal(rep.agency, "TASS");
	assert_string_equal(rep.url, "https://example.org/a/1");
	/* No date of its own but full dates in the text: the latest of them. */
	struct ingest_hints bare = {.path = "-"};
	assert_int_equal(read_string("Ecuador cuts ties with Colombia\n\n"
				     "QUITO (Reuters) - Ecuador broke off diplomatic relations with Colombia on Monday "
				     "after a raid on a rebel camp inside its territory.\n\n"
				     "Soldiers patrol the border near Lago Agrio, March 3, 2008. REUTERS/Staff\n\n"
				     "The two countries had restored relations in October 2007 after a dispute of "
				     "several months over the border.\n", &bare), 0);
	assert_string_equal(pub_iso(), "2008-03-03T00:00:00Z");
	assert_true(has_warning("the latest day its text names"));
}

static void test_charsets(void **state)
{
	(void)state;
	assert_int_equal(read_fixture("cp1251.txt", NULL), 0);
	assert_string_equal(rep.title, "\xd0\x9b\xd0\xb0\xd0\xb2\xd1\x80\xd0\xbe\xd0\xb2 "
			    "\xd0\xbf\xd1\x80\xd0\xbe\xd0\xb2\xd1\x91\xd0\xbb "
			    "\xd0\xbf\xd0\xb5\xd1\x80\xd0\xb5\xd0\xb3\xd0\xbe\xd0\xb2\xd0\xbe\xd1\x80\xd1\x8b "
			    "\xd1\x81 \xd0\x9a\xd0\xb8\xd1\x81\xd0\xb8\xd0\xb4\xd0\xbe\xd0\xb9");
	assert_int_equal(read_fixture("latin1.txt", NULL), 0);
	assert_string_equal(rep.title, "Le Conseil adopte des sanctions contre le B\xc3\xa9larus");
	assert_string_equal(pub_iso(), "2020-10-02T00:00:00Z");
	assert_int_equal(read_fixture("utf16le_bom.txt", NULL), 0);
	assert_string_equal(rep.title, "China and Honduras establish diplomatic relations");
	assert_string_equal(rep.agency, "Xinhua");
	assert_string_equal(pub_iso(), "2023-03-26T00:00:00Z");
	assert_int_equal(read_fixture("utf16be_bom.txt", NULL), 0);
	assert_string_equal(rep.place, "BEIJING");
}

static void test_rejects(void **state)
{
	(void)state;
	assert_int_equal(read_string("", NULL), -1);
	assert_string_equal(err, "empty report");
	assert_int_equal(read_string(" \n\t\r\n\xc2\xa0\n", NULL), -1);
	assert_string_equal(err, "empty report");
	/* Binary input never reaches the reader: the decoder refuses it. */
	char *out = NULL, *e = NULL;
	size_t n;
	assert_int_equal(encoding_to_utf8("GIF89a\x01\x00\x01\x00\x00\xff", 12, NULL, &out, &n, &e), -1);
	assert_string_equal(e, "binary content, not text");
	free(e);
}

static void test_source_and_url_lines(void **state)
{
	(void)state;
	const char *page =
		"Example Portal\n"
		"Home | World | China | Opinion\n\n"
		"China, Nicaragua sign trade pact\n\n"
		"Source: Xinhua\n"
		"Editor: staff\n"
		"2023-08-31 19:05:00\n\n"
		"The two countries signed a free trade agreement on Thursday, their foreign ministers said.\n\n"
		"https://example.org/2023/08/31/trade.html\n"
		"Copyright \xc2\xa9 2023 Example Portal\n";
	assert_int_equal(read_string(page, NULL), 0);
	assert_string_equal(rep.title, "China, Nicaragua sign trade pact");
	assert_string_equal(rep.agency, "Xinhua");
	assert_string_equal(rep.url, "https://example.org/2023/08/31/trade.html");
	assert_string_equal(rep.body,
			    "The two countries signed a free trade agreement on Thursday, their "
			    "foreign ministers said.");
	assert_int_equal(rep.pub_known, PUB_DATE);
	assert_string_equal(pub_iso(), "2023-08-31T00:00:00Z");
}

/* The last paragraph of a saved page, cut in mid-sentence, stays in the
 * body; a line of menu words after it does not. */
static void test_cut_last_paragraph(void **state)
{
	(void)state;
	const char *page =
		"Kono and Kang meet in Bangkok\n\n"
		"BANGKOK, Aug. 1 (Yonhap) -- The foreign ministers of South Korea and Japan met in Bangkok on Thursday "
		"on the sidelines of the ASEAN meetings.\n\n"
		"The talks came a day before Tokyo was expected to drop Seoul from its list of trusted trading partners.\n\n"
		"Kang told her counterpart that such a step would have grave consequences for the relations between "
		"the two neighbours and asked him to\n\n"
		"Home  World  Politics\n";
	assert_int_equal(read_string(page, NULL), 0);
	assert_non_null(strstr(rep.body, "asked him to"));
	assert_null(strstr(rep.body, "Politics"));
	/* A related headline in sentence case after the last paragraph is no
	 * paragraph cut short: too few words. */
	const char *related =
		"Kono and Kang meet in Bangkok\n\n"
		"BANGKOK, Aug. 1 (Yonhap) -- The foreign ministers of South Korea and Japan met in Bangkok on Thursday "
		"on the sidelines of the ASEAN meetings.\n\n"
		"Japan drops South Korea from its export white list\n";
	assert_int_equal(read_string(related, NULL), 0);
	assert_null(strstr(rep.body, "white list"));
}

/* Agency sign-offs, initials, tags and stamps after a report's last sentence
 * are cut, and the paragraph stays. */
static void test_signoffs(void **state)
{
	(void)state;
	static const struct {
		const char *tail, *last;
	} cases[] = {
		{" - Bernama", "Lee Hsien Loong."},
		{" (end) ab.cd.ef", "Lee Hsien Loong."},
		{" (dpa)", "Lee Hsien Loong."},
		{" AB/XYZ", "Lee Hsien Loong."},
		{"<br/>", "Lee Hsien Loong."},
		{" https://example.org/news/1", "Lee Hsien Loong."},
		{" 1/30/23", "Lee Hsien Loong."},
		{"Source: Prime Minister's Office of Malaysia", "Lee Hsien Loong."},
	};
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		char page[1024];
		snprintf(page, sizeof(page),
			 "Anwar in Singapore for leaders' retreat\n\n"
			 "Malaysian Prime Minister Anwar Ibrahim arrived in Singapore on Monday for "
			 "the annual Leaders' Retreat.\n\n"
			 "He is to hold talks on border and water issues with his Singapore counterpart "
			 "Lee Hsien Loong.%s\n",
			 cases[k].tail);
		assert_int_equal(read_string(page, NULL), 0);
		size_t n = strlen(rep.body), m = strlen(cases[k].last);
		assert_true(n >= m);
		assert_string_equal(rep.body + n - m, cases[k].last);
	}
	/* A single paragraph ending in a tag is the body, not the headline. */
	assert_int_equal(read_string("Finland joins NATO\n\n"
				     "Finland became the 31st member of NATO on Tuesday, when its foreign "
				     "minister handed over the documents in Brussels.<br/>\n"
				     "Reuters\n", NULL), 0);
	assert_string_equal(rep.title, "Finland joins NATO");
	assert_string_equal(rep.body, "Finland became the 31st member of NATO on Tuesday, when its foreign "
				      "minister handed over the documents in Brussels.");
	/* Words after a sentence that go on in lower case are no sign-off. */
	assert_int_equal(read_string("Finland joins NATO\n\n"
				     "Finland became the 31st member of NATO on Tuesday. It was the fastest "
				     "accession in years. The ceremony was in\n", NULL), 0);
	assert_non_null(strstr(rep.body, "The ceremony was in"));
}

/* Ragged hard-wrapped wire copy without blank lines is joined back into
 * paragraphs; a headline carrying its stamp stays the headline. */
static void test_ragged_wrap(void **state)
{
	(void)state;
	assert_int_equal(read_fixture("ragged_wrap.txt", NULL), 0);
	assert_string_equal(rep.title, "Peru expels Mexican ambassador");
	assert_string_equal(rep.body,
			    "Peru on Tuesday declared Mexico's ambassador persona non grata and gave him "
			    "three days to leave the country, after Mexico granted asylum to the family of "
			    "ousted President Pedro Castillo.\n\n"
			    "Foreign Minister Ana Cecilia Gervasi said the government considered the "
			    "statements of Mexican officials about Castillo's removal an interference in "
			    "Peru's internal affairs.\n\n"
			    "A picture of the Peruvian foreign ministry building in Lima, taken on December "
			    "20, 2022.\n\n"
			    "Mexico said it would keep its embassy in Lima open.\n\n"
			    "Castillo was removed from office by Congress on December 7 after he tried to "
			    "dissolve the legislature.");
	assert_string_equal(pub_iso(), "2022-12-20T00:00:00Z");
	/* A headline right over its wrapped story, under a line of the page:
	 * the story's first word would have fitted on it, so it ends there. */
	const char *page =
		"Saved from example.org\n"
		"Mexican ambassador leaves Peru after expulsion\n"
		"Mexico's ambassador to Peru flew home on Wednesday, a day after the\n"
		"government in Lima declared him persona non grata and gave him three\n"
		"days to leave over the asylum granted to the family of Pedro Castillo.\n";
	assert_int_equal(read_string(page, NULL), 0);
	assert_string_equal(rep.title, "Mexican ambassador leaves Peru after expulsion");
	assert_string_equal(rep.body,
			    "Mexico's ambassador to Peru flew home on Wednesday, a day after the government "
			    "in Lima declared him persona non grata and gave him three days to leave over the "
			    "asylum granted to the family of Pedro Castillo.");
}

/* One-line paragraphs and a run of headline and field lines stay apart. */
static void test_one_line_paragraphs(void **state)
{
	(void)state;
	assert_int_equal(read_fixture("one_line_paragraphs.txt", NULL), 0);
	assert_string_equal(rep.title, "Ukraine and Russia sign grain deal in Istanbul");
	assert_string_equal(rep.body,
			    "ISTANBUL, July 22 (Reuters) - Ukraine and Russia signed separate accords with "
			    "Turkey and the United Nations on Friday.\n\n"
			    "The deal reopens Black Sea ports to grain exports.\n\n"
			    "UN Secretary-General Antonio Guterres attended the ceremony at Dolmabahce Palace.\n\n"
			    "Turkish President Tayyip Erdogan said the deal would help ease a global food crisis.");
}

/* Lines that point to other stories ("Also read: ...", "READ MORE: ..."),
 * between paragraphs or after them, are no part of the report, whatever
 * they say after their label. */
static void test_pointer_lines(void **state)
{
	(void)state;
	struct ingest_hints h = {.path = "pointers.txt"};
	assert_int_equal(read_string("Seoul summons Japanese envoy over textbooks\n\n"
				     "SEOUL, March 28 (Yonhap) -- South Korea on Tuesday summoned a Japanese diplomat "
				     "over school textbooks.\n\n"
				     "Also read: Japan, S. Korea agree to resume shuttle diplomacy\n\n"
				     "The foreign ministry lodged a strong protest, officials said.\n\n"
				     "READ MORE: Russia expels two Dutch diplomats\n\n"
				     "See also | China slams US over Taiwan transit\n",
				     &h),
			 0);
	assert_non_null(strstr(rep.body, "lodged a strong protest"));
	assert_null(strstr(rep.body, "shuttle diplomacy"));
	assert_null(strstr(rep.body, "Dutch diplomats"));
	assert_null(strstr(rep.body, "Taiwan transit"));
}

/* Photo captions ("FILE PHOTO: ... REUTERS/...", "[1/5] ...") tell an older
 * or another event in an event's words: neither the headline nor the body. */
static void test_captions(void **state)
{
	(void)state;
	struct ingest_hints h = {.path = "captions.txt"};
	assert_int_equal(read_string("China, US agree to resume military talks\n\n"
				     "November 16, 2023 4:12 AM GMT+1 Updated 2 hours ago\n\n"
				     "FILE PHOTO: U.S. Secretary of State Antony Blinken meets Chinese Foreign Minister "
				     "Wang Yi in Beijing, China, June 19, 2023. REUTERS/Leah Millis/Pool/File Photo\n\n"
				     "WOODSIDE, California, Nov 15 (Reuters) - U.S. President Joe Biden and Chinese "
				     "President Xi Jinping agreed on Wednesday to resume military communications.\n\n"
				     "[1/5] U.S. President Joe Biden shakes hands with Chinese President Xi Jinping, "
				     "November 15, 2023.\n\n"
				     "Photo: The Filoli estate south of San Francisco.\n\n"
				     "The two leaders met for four hours at a country estate.\n",
				     &h),
			 0);
	assert_string_equal(rep.title, "China, US agree to resume military talks");
	assert_string_equal(pub_iso(), "2023-11-16T03:12:00Z");
	assert_non_null(strstr(rep.body, "met for four hours"));
	assert_null(strstr(rep.body, "Blinken"));
	assert_null(strstr(rep.body, "shakes hands"));
	assert_null(strstr(rep.body, "Filoli"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_body_longer_than_file, teardown),
		cmocka_unit_test_teardown(test_tass_page, teardown),
		cmocka_unit_test_teardown(test_reuters_page, teardown),
		cmocka_unit_test_teardown(test_ministry_readout, teardown),
		cmocka_unit_test_teardown(test_year_from_date_hint, teardown),
		cmocka_unit_test_teardown(test_year_from_timestamp_line, teardown),
		cmocka_unit_test_teardown(test_stamps_elsewhere, teardown),
		cmocka_unit_test_teardown(test_closing_line_and_year_in_text, teardown),
		cmocka_unit_test_teardown(test_afp_wrapped, teardown),
		cmocka_unit_test_teardown(test_no_headline, teardown),
		cmocka_unit_test_teardown(test_no_date, teardown),
		cmocka_unit_test_teardown(test_charsets, teardown),
		cmocka_unit_test_teardown(test_rejects, teardown),
		cmocka_unit_test_teardown(test_source_and_url_lines, teardown),
		cmocka_unit_test_teardown(test_cut_last_paragraph, teardown),
		cmocka_unit_test_teardown(test_signoffs, teardown),
		cmocka_unit_test_teardown(test_ragged_wrap, teardown),
		cmocka_unit_test_teardown(test_one_line_paragraphs, teardown),
		cmocka_unit_test_teardown(test_pointer_lines, teardown),
		cmocka_unit_test_teardown(test_captions, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
