/* Agency datelines, timestamp lines and agency names: every house style the
 * text reader meets, and lines that must not pass for one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "ingest/dateline.h"

static struct dateline dl;

static int parse(const char *s)
{
	return dateline_parse(s, strlen(s), &dl);
}

/* The text left after the dateline. */
static const char *rest(const char *s)
{
	return s + dl.consumed;
}

static void test_tass(void **state)
{
	(void)state;
	const char *s = "TOKYO, January 6. /TASS/. Japan's foreign minister spoke to his US counterpart.";
	assert_int_equal(parse(s), 1);
	assert_string_equal(dl.place, "TOKYO");
	assert_string_equal(dl.agency, "TASS");
	assert_int_equal(dl.month, 1);
	assert_int_equal(dl.day, 6);
	assert_int_equal(dl.year, 0);
	assert_string_equal(rest(s), "Japan's foreign minister spoke to his US counterpart.");
	assert_int_equal(dl.date_len, strlen("January 6"));
	assert_memory_equal(s + dl.date_start, "January 6", dl.date_len);
	s = "MOSCOW, August 29. /ITAR-TASS/. Russia said it regretted the step.";
	assert_int_equal(parse(s), 1);
	assert_string_equal(dl.agency, "TASS");
	assert_int_equal(dl.month, 8);
	assert_string_equal(rest(s), "Russia said it regretted the step.");
}

static void test_xinhua_yonhap_kyodo(void **state)
{
	(void)state;
	const char *s = "BEIJING, Jan. 6 (Xinhua) -- China and Honduras signed a communique.";
	assert_int_equal(parse(s), 1);
	assert_string_equal(dl.place, "BEIJING");
	assert_string_equal(dl.agency, "Xinhua");
	assert_int_equal(dl.month, 1);
	assert_int_equal(dl.day, 6);
	assert_string_equal(rest(s), "China and Honduras signed a communique.");
	s = "SEOUL, Dec. 28 (Yonhap) -- The two foreign ministers met in Seoul.";
	assert_int_equal(parse(s), 1);
	assert_string_equal(dl.agency, "Yonhap");
	assert_int_equal(dl.month, 12);
	assert_int_equal(dl.day, 28);
	s = "TOKYO, July 19 (Kyodo) -- The foreign minister summoned the envoy.";
	assert_int_equal(parse(s), 1);
	assert_string_equal(dl.agency, "Kyodo");
	assert_int_equal(dl.month, 7);
	s = "TOKYO (Kyodo) -- The foreign minister summoned the envoy.";
	assert_int_equal(parse(s), 1);
	assert_string_equal(dl.place, "TOKYO");
	assert_int_equal(dl.month, 0);
	assert_string_equal(rest(s), "The foreign minister summoned the envoy.");
}

static void test_reuters(void **state)
{
	(void)state;
	const char *s = "MOSCOW, Jan 6 (Reuters) - Russia expelled two diplomats.";
	assert_int_equal(parse(s), 1);
	assert_string_equal(dl.agency, "Reuters");
	assert_int_equal(dl.day, 6);
	assert_string_equal(rest(s), "Russia expelled two diplomats.");
	s = "MOSCOW (Reuters) - Russia expelled two diplomats.";
	assert_int_equal(parse(s), 1);
	assert_string_equal(dl.place, "MOSCOW");
	assert_int_equal(dl.month, 0);
	s = "RIYADH/OTTAWA (Reuters) - Saudi Arabia recalled its envoy.";
	assert_int_equal(parse(s), 1);
	assert_string_equal(dl.place, "RIYADH/OTTAWA");
	s = "THE HAGUE (Reuters) \xe2\x80\x93 The Dutch government expelled four officers.";
	assert_int_equal(parse(s), 1);
	assert_string_equal(dl.place, "THE HAGUE");
	assert_string_equal(rest(s), "The Dutch government expelled four officers.");
}

static void test_ap_afp(void **state)
{
	(void)state;
	const char *s = "WASHINGTON (AP) \xe2\x80\x94 The president lifted the embargo.";
	assert_int_equal(parse(s), 1);
	assert_string_equal(dl.agency, "AP");
	assert_string_equal(rest(s), "The president lifted the embargo.");
	s = "HANOI, Vietnam (AP) \xe2\x80\x94 The president lifted the embargo.";
	assert_int_equal(parse(s), 1);
	assert_string_equal(dl.place, "HANOI, Vietnam");
	s = "PALM BEACH, the United States, April 7 (Xinhua) -- Xi held talks.";
	assert_int_equal(parse(s), 1);
	assert_string_equal(dl.place, "PALM BEACH, the United States");
	assert_string_equal(dl.agency, "Xinhua");
	assert_int_equal(dl.month, 4);
	s = "PARIS, Jan 6, 2015 (AFP) - France summoned the ambassador.";
	assert_int_equal(parse(s), 1);
	assert_string_equal(dl.agency, "AFP");
	assert_int_equal(dl.year, 2015);
	assert_int_equal(dl.month, 1);
	assert_int_equal(dl.day, 6);
	assert_memory_equal(s + dl.date_start, "Jan 6, 2015", dl.date_len);
	s = "AL-ULA, Saudi Arabia, Jan 5, 2021 (AFP) - Gulf leaders signed a declaration.";
	assert_int_equal(parse(s), 1);
	assert_string_equal(dl.place, "AL-ULA, Saudi Arabia");
	assert_int_equal(dl.year, 2021);
	assert_string_equal(rest(s), "Gulf leaders signed a declaration.");
	/* An agency the dictionary does not know, in the same shape. */
	s = "KUALA LUMPUR, March 3 (Bernama) -- Malaysia recalled its envoy.";
	assert_int_equal(parse(s), 1);
	assert_string_equal(dl.agency, "Bernama");
}

static void test_not_datelines(void **state)
{
	(void)state;
	assert_int_equal(parse("NATO, the EU and the UN said on Monday they would meet."), 0);
	assert_int_equal(parse("Moscow (Reuters) - lower case is no dateline place."), 0);
	assert_int_equal(parse("THE UN (United Nations) adopted a resolution."), 0);
	assert_int_equal(parse("US, Japan agree to step up cooperation"), 0);
	assert_int_equal(parse("MOSCOW, Feb 30 2015 (AFP) - an impossible date."), 0);
	assert_int_equal(parse(""), 0);
	/* Not NUL-terminated: the parser stops at len. */
	assert_int_equal(dateline_parse("TOKYO (Kyodo) --", 13, &dl), 0);
}


/* House styles as a table: the line, then what the parser must find in it
 * (place, agency, year, month, day; 0 for absent) and the text it leaves.
 * The sentences are invented; the shapes are the agencies'. */
static const struct dateline_case {
	const char *line, *place, *agency;
	int year, month, day;
	const char *rest;
} dateline_cases[] = {
	/* KCNA, Jiji, Petra, SUNA, MIA: places in ordinary case */
	{"Pyongyang, March 3 (KCNA) -- The foreign ministry issued a statement.", "Pyongyang", "KCNA", 0, 3, 3,
	 "The foreign ministry issued a statement."},
	{"Tokyo, Nov. 2 (Jiji Press)--Japan lodged a protest.", "Tokyo", "Jiji", 0, 11, 2, "Japan lodged a protest."},
	{"Amman, Feb. 9 (Petra) -- Jordan condemned the raid.", "Amman", "Petra", 0, 2, 9, "Jordan condemned the raid."},
	{"Khartoum, 14 Jan (SUNA) - Sudan welcomed the decision.", "Khartoum", "Sudan News Agency", 0, 1, 14,
	 "Sudan welcomed the decision."},
	{"Skopje, 2 April 2022 (MIA) — The ministers met in Skopje.", "Skopje", "MIA", 2022, 4, 2,
	 "The ministers met in Skopje."},
	{"Dar es Salaam, May 5 (Xinhua) -- Tanzania signed an accord.", "Dar es Salaam", "Xinhua", 0, 5, 5,
	 "Tanzania signed an accord."},
	/* PTI, Prensa Latina: no dash after the agency; ANI: a colon and the country in brackets */
	{"New Delhi, Jan 4 (PTI) India on Tuesday recalled its envoy.", "New Delhi", "PTI", 0, 1, 4,
	 "India on Tuesday recalled its envoy."},
	{"Havana, Feb 2 (Prensa Latina) Cuba thanked Mexico for its aid.", "Havana", "Prensa Latina", 0, 2, 2,
	 "Cuba thanked Mexico for its aid."},
	{"Kathmandu [Nepal], June 1 (ANI): Nepal summoned the envoy.", "Kathmandu, Nepal", "ANI", 0, 6, 1,
	 "Nepal summoned the envoy."},
	/* Reuters-21578: a place in capitals, a date and a dash, no agency */
	{"LONDON, April 7 - Britain expelled three diplomats.", "LONDON", "", 0, 4, 7,
	 "Britain expelled three diplomats."},
	/* old Kyodo copy: the agency without parentheses */
	{"TOKYO, Sept. 25 Kyodo - Japan protested to China.", "TOKYO", "Kyodo", 0, 9, 25, "Japan protested to China."},
	/* Trend: the date ends with a dot; a MENAFN lead mark before it */
	{"(MENAFN- Trend News Agency) BAKU, Azerbaijan, Oct. 3. Baku rejected the claims.", "BAKU, Azerbaijan",
	 "Trend News Agency", 0,
	 10, 3, "Baku rejected the claims."},
	{"MENAFN - Nam News Network) HANOI, Jul 2 (VNA) – Vietnam signed a pact.", "HANOI", "VNA", 0, 7, 2,
	 "Vietnam signed a pact."},
	/* UrduPoint: the agencies and the date in one pair of parentheses */
	{"RABAT (UrduPoint News / Sputnik - 11th May, 2021) Morocco recalled its envoy.", "RABAT", "Sputnik", 2021, 5,
	 11, "Morocco recalled its envoy."},
	/* ENA and EU press offices: place and full date, nothing else */
	{"Addis Ababa March 4/ 2020 Ethiopia hosted the talks.", "Addis Ababa", "", 2020, 3, 4,
	 "Ethiopia hosted the talks."},
	{"Brussels 15.03.2021 The Council adopted new measures.", "Brussels", "", 2021, 3, 15,
	 "The Council adopted new measures."},
	{"MOSCOW, Jan 6 (NNN-TASS/AKP) - Russia objected.", "MOSCOW", "NNN-TASS/AKP", 0, 1, 6, "Russia objected."},
	/* WAM, SPA, IRNA, SANA, Antara, dpa, ANSA, EFE */
	{"ABU DHABI, 5th March, 2023 (WAM) -- The UAE welcomed the truce.", "ABU DHABI", "WAM", 2023, 3, 5,
	 "The UAE welcomed the truce."},
	{"Riyadh, March 5, 2023, SPA -- Saudi Arabia condemned the attack.", "Riyadh", "SPA", 2023, 3, 5,
	 "Saudi Arabia condemned the attack."},
	{"Tehran, IRNA -- Iran summoned the envoy.", "Tehran", "IRNA", 0, 0, 0, "Iran summoned the envoy."},
	{"Jakarta (ANTARA) - Indonesia protested to China.", "Jakarta", "Antara", 0, 0, 0,
	 "Indonesia protested to China."},
	{"Berlin (dpa) - Germany expelled two diplomats.", "Berlin", "dpa", 0, 0, 0, "Germany expelled two diplomats."},
	/* a month in the agency's own language */
	{"Caracas, 26 de enero (EFE).- Venezuela expelled the Spanish ambassador.", "Caracas", "EFE", 0, 1, 26,
	 "Venezuela expelled the Spanish ambassador."},
	{"(ANSA) - ROME, MAR 5 - Italy recalled its ambassador.", "ROME", "ANSA", 0, 3, 5,
	 "Italy recalled its ambassador."},
	{"Madrid, Jan 6 (EFE).- Spain summoned the envoy.", "Madrid", "EFE", 0, 1, 6, "Spain summoned the envoy."},
	/* Azertac, Armenpress: the agency's name after the date, in capitals */
	{"Baku, June 5, AZERTAC The president received the envoy.", "Baku", "Azertac", 0, 6, 5,
	 "The president received the envoy."},
	{"Yerevan, March 12. ARMENPRESS. Armenia protested to Azerbaijan.", "Yerevan", "Armenpress", 0, 3, 12,
	 "Armenia protested to Azerbaijan."},
	/* a date in figures after the place */
	{"Rabat, 15/03/2023 (MAP) - Morocco recalled its envoy.", "Rabat", "Maghreb Arab Press", 2023, 3, 15,
	 "Morocco recalled its envoy."},
	{"BERLIN, 2021-12-03 (dpa) - Germany summoned the envoy.", "BERLIN", "dpa", 2021, 12, 3,
	 "Germany summoned the envoy."},
};

static void test_dateline_table(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof(dateline_cases) / sizeof(*dateline_cases); k++) {
		const struct dateline_case *c = &dateline_cases[k];
		if (parse(c->line) != 1)
			fail_msg("not read as a dateline: %s", c->line);
		assert_string_equal(dl.place, c->place);
		assert_string_equal(dl.agency, c->agency);
		if (dl.year != c->year || dl.month != c->month || dl.day != c->day)
			fail_msg("%s: date %d-%d-%d", c->line, dl.year, dl.month, dl.day);
		assert_string_equal(rest(c->line), c->rest);
	}
}

/* Lines that must not pass for a dateline. */
static const char *const not_datelines[] = {
	"Moscow (Reuters) - lower case is no dateline place.",
	"Mon Feb 4, 2013 8:38pm EST",
	"Xinhua, July 12, 2016 Text size: A+ A-",
	"Reuters Published October 28, 2025 Updated October 28, 2025 01:19pm",
	"Beijing: Top diplomats of two states hold a call",
	"Ankara, March 3, 2020 was a day of talks.",
	"Seoul, March 3 officials said they had met.",
	"Japan, China agree to resume talks",
	"Berlin (dpa) - lower case after a place in ordinary case is prose.",
	"Tokyo (Kyodo) said on Monday that the talks had failed.",
	"EXCLUSIVE: Russia and Japan to resume peace treaty talks next month, sources say.",
	"ITALY/NATO SUMMIT: Leaders of Russia and NATO set up a new forum for cooperation.",
	"ISLAMABAD: Pakistan on Monday summoned the Afghan envoy over the border clashes.",
	"BEIJING: China and Japan hold talks on the disputed islands in the East China Sea",
};

static void test_not_dateline_table(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof(not_datelines) / sizeof(*not_datelines); k++)
		if (parse(not_datelines[k]))
			fail_msg("read as a dateline: %s (place '%s')", not_datelines[k], dl.place);
}

static struct timestamp ts;

static int scan(const char *s)
{
	return timestamp_scan(s, strlen(s), &ts);
}

static void test_timestamps(void **state)
{
	(void)state;
	const char *s = "January 06, 2015, 10:10 UTC+3 TOKYO";
	assert_int_equal(scan(s), 1);
	assert_int_equal(ts.year, 2015);
	assert_int_equal(ts.month, 1);
	assert_int_equal(ts.day, 6);
	assert_int_equal(ts.hour, 10);
	assert_int_equal(ts.minute, 10);
	assert_int_equal(ts.offset_known, 1);
	assert_int_equal(ts.offset_min, 180);
	assert_string_equal(ts.place, "TOKYO");
	assert_memory_equal(s + ts.text_start, "January 06, 2015, 10:10 UTC+3", ts.text_len);

	assert_int_equal(scan("AUGUST 6, 2018 / 8:13 PM"), 1);
	assert_int_equal(ts.hour, 20);
	assert_int_equal(ts.offset_known, 0);
	assert_int_equal(scan("May 23, 2016"), 1);
	assert_int_equal(ts.has_time, 0);
	assert_int_equal(scan("14 NOVEMBER 2018"), 1);
	assert_int_equal(ts.month, 11);
	assert_int_equal(scan("2015-01-06 10:10"), 1);
	assert_int_equal(ts.day, 6);
	assert_int_equal(ts.has_time, 1);
	assert_int_equal(scan("Tuesday, 6 January 2015"), 1);
	assert_int_equal(ts.day, 6);
	assert_int_equal(scan("Updated: Jan. 7, 2015 12:00 AM"), 1);
	assert_int_equal(ts.updated, 1);
	assert_int_equal(ts.hour, 0);
	assert_int_equal(scan("2 October 2020 14:30"), 1);
	assert_int_equal(ts.minute, 30);
	s = "EXAMPLE NEWS - Jul 19, 2019 - 20:17 | Japan, World";
	assert_int_equal(scan(s), 1);
	assert_int_equal(ts.hour, 20);
	assert_memory_equal(s + ts.text_start, "Jul 19, 2019 - 20:17", ts.text_len);
	/* Reuters pages: the time of the first version, then how long ago the
	 * page changed, with no date of its own. */
	s = "November 16, 2023 4:12 AM GMT+1 Updated 2 hours ago";
	assert_int_equal(scan(s), 1);
	assert_int_equal(ts.day, 16);
	assert_int_equal(ts.hour, 4);
	assert_int_equal(ts.offset_min, 60);
	assert_memory_equal(s + ts.text_start, "November 16, 2023 4:12 AM GMT+1", ts.text_len);
	assert_int_equal(scan("November 16, 2023 4:12 AM UTC Updated an hour ago"), 1);
	assert_int_equal(scan("November 16, 2023 4:12 AM UTC Updated just now"), 1);
	/* (an age with no label, or a label with more after it, is prose) */
	assert_int_equal(scan("November 16, 2023 4:12 AM UTC 2 hours ago"), 0);
	assert_int_equal(scan("November 16, 2023 4:12 AM UTC Updated 2 hours ago with new details"), 0);
}

static void test_offsets(void **state)
{
	(void)state;
	assert_int_equal(scan("March 1, 2021 09:00 GMT"), 1);
	assert_int_equal(ts.offset_known, 1);
	assert_int_equal(ts.offset_min, 0);
	assert_int_equal(scan("2021-03-01T09:00:00+0530"), 1);
	assert_int_equal(ts.offset_min, 330);
	assert_int_equal(scan("2021-03-01 09:00 -05:00"), 1);
	assert_int_equal(ts.offset_min, -300);
	/* ET follows US daylight saving by date. */
	assert_int_equal(scan("July 4, 2019 10:00 AM ET"), 1);
	assert_int_equal(ts.offset_min, -240);
	assert_int_equal(scan("January 4, 2019 10:00 AM ET"), 1);
	assert_int_equal(ts.offset_min, -300);
	assert_int_equal(scan("June 1, 2012 10:00 MSK"), 1);
	assert_int_equal(ts.offset_min, 240);
	assert_int_equal(scan("June 1, 2016 10:00 MSK"), 1);
	assert_int_equal(ts.offset_min, 180);
	assert_int_equal(scan("Dec 8, 2018 9:52 EST"), 1);
	assert_int_equal(ts.offset_min, -300);
}

static void test_not_timestamps(void **state)
{
	(void)state;
	assert_int_equal(scan("May 23, 2016 was the day the embargo ended."), 0);
	assert_int_equal(scan("On July 8, the ministers met in Manila."), 0);
	assert_int_equal(scan("January 6"), 0);   /* no year */
	assert_int_equal(scan("February 30, 2015"), 0);
	assert_int_equal(scan("Japan appreciates US support - FM"), 0);
	assert_int_equal(scan(""), 0);
	int y = 0, m = 0, d = 0, hh = 0, mi = 0, ht = 0, off = 0, ok = 0;
	char place[8];
	assert_int_equal(timestamp_parse("April 18, 2021, 21:04 UTC+3 MOSCOW", 34, &y, &m, &d, &hh,
					 &mi, &ht, &off, &ok, place, sizeof(place)), 1);
	assert_int_equal(y, 2021);
	assert_int_equal(hh, 21);
	assert_int_equal(off, 180);
	assert_string_equal(place, "MOSCOW");
}

static void test_agency_names(void **state)
{
	(void)state;
	char out[64];
	assert_int_equal(agency_canonical("ITAR-TASS", 9, out, sizeof(out)), 1);
	assert_string_equal(out, "TASS");
	assert_int_equal(agency_canonical("  xinhua news agency ", 21, out, sizeof(out)), 1);
	assert_string_equal(out, "Xinhua");
	const char *s = "OFFICE OF THE SPOKESPERSON";
	assert_int_equal(agency_canonical(s, strlen(s), out, sizeof(out)), 1);
	assert_string_equal(out, "US State Department");
	s = "Meetings Coverage and Press Releases";
	assert_int_equal(agency_canonical(s, strlen(s), out, sizeof(out)), 1);
	assert_string_equal(out, "United Nations");
	s = "Ministry of Foreign Affairs of Japan";
	assert_int_equal(agency_canonical(s, strlen(s), out, sizeof(out)), 1);
	assert_string_equal(out, "Japanese Foreign Ministry");
	assert_int_equal(agency_canonical("Daily Example", 13, out, sizeof(out)), 0);
	assert_string_equal(out, "");
}

/* The state column of agencies.tsv, found by any name of the agency. */
static const struct { const char *agency, *state; } state_cases[] = {
	{"KCNA", "PRK"}, {"Korean Central News Agency", "PRK"}, {"Xinhua", "CHN"},
	{"ITAR-TASS", "RUS"}, {"Kyodo News", "JPN"}, {"Yonhap", "KOR"}, {"PTI", "IND"},
	{"Islamic Republic News Agency", "IRN"}, {"WAM", "ARE"}, {"Saudi Press Agency", "SAU"},
	{"Ministry of Foreign Affairs of Japan", "JPN"}, {"Office of the Spokesperson", "USA"},
	/* agencies that serve the world belong to no state */
	{"Reuters", NULL}, {"The Associated Press", NULL}, {"AFP", NULL}, {"United Nations", NULL},
	{"Daily Example", NULL},
};

static void test_agency_state(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(state_cases) / sizeof(state_cases[0]); i++) {
		const char *got = agency_state(state_cases[i].agency);
		if (!state_cases[i].state)
			assert_null(got);
		else
			assert_string_equal(got, state_cases[i].state);
	}
	assert_string_equal(agency_lookup("xinhuanet.com", 13), "Xinhua");
	assert_string_equal(agency_lookup("MENA", 4), "Middle East News Agency");
	/* as a word of a longer name: only rows marked "word" */
	assert_string_equal(agency_lookup_word("Reuters", 7), "Reuters");
	assert_null(agency_lookup_word("Sana", 4));
	assert_null(agency_lookup_word("AP", 2));
}

/* Dateline fields of agency files: the line, the place, the agency, month, day. */
static const struct { const char *line, *place, *agency; int month, day; } field_cases[] = {
	{"STOCKHOLM, Aug 29, 2014 (AFP) -", "STOCKHOLM", "AFP", 8, 29},
	{"MOSCOW, Jan 6", "MOSCOW", "", 1, 6},
	{"MOSCOW, Monday (Reuters)", "MOSCOW", "Reuters", 0, 0},
	{"Oslo", "Oslo", "", 0, 0},
	{"BETHESDA, Md.", "BETHESDA", "", 0, 0},
	{"Tegucigalpa, Jan 2 (EFE).-", "Tegucigalpa", "EFE", 1, 2},
	{"NEW YORK (AP) —", "NEW YORK", "AP", 0, 0},
};

static void test_dateline_fields(void **state)
{
	(void)state;
	struct dateline got;
	for (size_t i = 0; i < sizeof(field_cases) / sizeof(field_cases[0]); i++) {
		const char *l = field_cases[i].line;
		assert_int_equal(dateline_field(l, strlen(l), &got), 1);
		assert_string_equal(got.place, field_cases[i].place);
		assert_string_equal(got.agency, field_cases[i].agency);
		assert_int_equal(got.month, field_cases[i].month);
		assert_int_equal(got.day, field_cases[i].day);
	}
	const char *stamp = "2014-07-17 00:24:11 GMT+00:00";
	assert_int_equal(dateline_field(stamp, strlen(stamp), &got), 0);
}


/* Timestamp lines as a table: the line and the local date and time it
 * gives (hour -1: no time; offset 9999: no zone). */
static const struct ts_case {
	const char *line;
	int year, month, day, hour, minute, offset;
	int updated;
} ts_cases[] = {
	{"Update: 2024-02-11 09:30 GMT", 2024, 2, 11, 9, 30, 0, 1},
	{"Last update: March 2nd 2022, 4:05 PM", 2022, 3, 2, 16, 5, 9999, 1},
	{"Published On: 7 June 2021", 2021, 6, 7, -1, 0, 9999, 0},
	{"Posted on May 4, 2019 by Desk Editor", 2019, 5, 4, -1, 0, 9999, 0},
	{"(Published 3 August 2020, 11:20 IST)", 2020, 8, 3, 11, 20, 330, 0},
	{"AFP Published June 2, 2023 Updated June 2, 2023 10:15am", 2023, 6, 2, -1, 0, 9999, 0},
	{"Xinhua, May 9, 2018 Text size: A+ A-", 2018, 5, 9, -1, 0, 9999, 0},
	{"Xinhua) 10:02, June 05, 2022", 2022, 6, 5, 10, 2, 9999, 0},
	{"  21:15 UTC+8, 2020-09-30", 2020, 9, 30, 21, 15, 480, 0},
	{"The Canadian Press, May 3, 2021 9:12 AM", 2021, 5, 3, 9, 12, 9999, 0},
	{"05/20/2021 03:04 PM EDT", 2021, 5, 20, 15, 4, -240, 0},
	{"20/05/2021 15:04", 2021, 5, 20, 15, 4, 9999, 0},
	{"2018.05.16 (15:09)", 2018, 5, 16, 15, 9, 9999, 0},
	{"26-FEB-1987 15:01:01.79", 1987, 2, 26, 15, 1, 9999, 0},
	/* pages in other languages around English reports */
	{"Publié le 4 juin 2021 à 10:15", 2021, 6, 4, 10, 15, 9999, 0},
	{"Mis à jour le 12 février 2022", 2022, 2, 12, -1, 0, 9999, 1},
	{"Actualizado el 4 de junio de 2021 a las 10:15", 2021, 6, 4, 10, 15, 9999, 1},
	{"Pubblicato il 15 marzo 2022 alle 18:40", 2022, 3, 15, 18, 40, 9999, 0},
	{"Aktualisiert am 4. Juni 2021, 10:15", 2021, 6, 4, 10, 15, 9999, 1},
	{"Publicado em 10 de março de 2023", 2023, 3, 10, -1, 0, 9999, 0},
};

static void test_timestamp_table(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof(ts_cases) / sizeof(*ts_cases); k++) {
		const struct ts_case *c = &ts_cases[k];
		if (scan(c->line) != 1)
			fail_msg("not read as a timestamp: %s", c->line);
		if (ts.year != c->year || ts.month != c->month || ts.day != c->day)
			fail_msg("%s: date %d-%d-%d", c->line, ts.year, ts.month, ts.day);
		if (c->hour < 0)
			assert_int_equal(ts.has_time, 0);
		else if (!ts.has_time || ts.hour != c->hour || ts.minute != c->minute)
			fail_msg("%s: time %d %02d:%02d", c->line, ts.has_time, ts.hour, ts.minute);
		if (c->offset == 9999)
			assert_int_equal(ts.offset_known, 0);
		else if (!ts.offset_known || ts.offset_min != c->offset)
			fail_msg("%s: offset %d/%d", c->line, ts.offset_known, ts.offset_min);
		assert_int_equal(ts.updated, c->updated);
	}
	/* "03/04/2021" could be either order: without an American cue (a
	 * 12-hour clock, a US zone) the day comes first; with one, the month. */
	assert_int_equal(scan("03/04/2021 15:04"), 1);
	assert_int_equal(ts.month, 4);
	assert_int_equal(ts.day, 3);
	assert_int_equal(scan("03/04/2021 3:04 PM"), 1);
	assert_int_equal(ts.month, 3);
	assert_int_equal(ts.day, 4);
	assert_int_equal(scan("Issued on: 11/04/2023 - 17:48"), 1);
	assert_int_equal(ts.month, 4);
	assert_int_equal(ts.day, 11);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tass),
		cmocka_unit_test(test_xinhua_yonhap_kyodo),
		cmocka_unit_test(test_reuters),
		cmocka_unit_test(test_ap_afp),
		cmocka_unit_test(test_not_datelines),
		cmocka_unit_test(test_timestamps),
		cmocka_unit_test(test_offsets),
		cmocka_unit_test(test_not_timestamps),
		cmocka_unit_test(test_agency_names),
		cmocka_unit_test(test_agency_state),
		cmocka_unit_test(test_dateline_fields),
		cmocka_unit_test(test_dateline_table),
		cmocka_unit_test(test_not_dateline_table),
		cmocka_unit_test(test_timestamp_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
