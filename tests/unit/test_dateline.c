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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
