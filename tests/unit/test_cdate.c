/* Calendar arithmetic: day counts, weekdays, parsing and formatting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "util/cdate.h"

static void test_days_roundtrip(void **state)
{
	(void)state;
	assert_int_equal(days_from_civil(1970, 1, 1), 0);
	assert_int_equal(days_from_civil(2000, 3, 1), 11017);
	for (int64_t z = -800000; z < 800000; z += 37) {
		int y, m, d;
		civil_from_days(z, &y, &m, &d);
		assert_int_equal(days_from_civil(y, m, d), z);
	}
}

static void test_weekdays(void **state)
{
	(void)state;
	/* Tuesday 6 January 2015; Friday 2 January 2015; Thursday 1 January 1970. */
	assert_int_equal(weekday_from_days(days_from_civil(2015, 1, 6)), 2);
	assert_int_equal(weekday_from_days(days_from_civil(2015, 1, 2)), 5);
	assert_int_equal(weekday_from_days(0), 4);
	assert_int_equal(weekday_from_days(days_from_civil(1969, 12, 28)), 0);
}

static void test_iso(void **state)
{
	(void)state;
	char out[32];
	format_iso_utc(unix_from_civil(2015, 1, 6, 7, 10, 0), out);
	assert_string_equal(out, "2015-01-06T07:10:00Z");
	struct cdate d;
	assert_int_equal(cdate_parse("2015-01", &d), 0);
	assert_int_equal(d.prec, PREC_MONTH);
	assert_int_equal(cdate_parse("2015-02-29", &d), -1);
	assert_int_equal(cdate_parse("2016-02-29", &d), 0);
	assert_int_equal(cdate_parse("2015-13", &d), -1);
	assert_int_equal(cdate_parse("20x5", &d), -1);
	d = (struct cdate){2014, 6, 0, PREC_SEASON};
	cdate_format(&d, out);
	assert_string_equal(out, "2014-06");
}

/* A timestamp keeps its day; trailing text is no date (it used to pass as
 * the day before it); options take the date alone. */
static void test_parse_trailing(void **state)
{
	(void)state;
	struct cdate d = {0, 0, 0, PREC_UNKNOWN};
	static const char *const good[] = {
		"2015-01-06T07:10:00Z", "2015-01-06T07:10", "2015-01-06 07:10:00",
		"2015-01-06T07:10:00.250Z", "2015-01-06T07:10:00+09:00", "2015-01-06T23:59:60-05:30",
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(*good); i++) {
		d.prec = PREC_UNKNOWN;
		if (cdate_parse(good[i], &d) || d.prec != PREC_DAY || d.day != 6)
			fail_msg("'%s' should give 2015-01-06", good[i]);
		assert_int_equal(cdate_parse_exact(good[i], &d), -1);
	}
	static const char *const bad[] = {
		"2015-01-06Tgarbage", "2015-01-06T", "2015-01-06 ", "2015-01-06 and more",
		"2015-01-06T25:00", "2015-01-06T07:10:00Zjunk", "2015-01-06T07:1", "2015-01-06T07:10:00+9",
		"2015-01-06T07:10:00.", "2015-01x", "2015 ", "2015-01-06\n",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		struct cdate keep = {1999, 1, 1, PREC_DAY};
		if (cdate_parse(bad[i], &keep) != -1 || cdate_parse_exact(bad[i], &keep) != -1)
			fail_msg("'%s' should not be a date", bad[i]);
		assert_int_equal(keep.year, 1999);
	}
	assert_int_equal(cdate_parse_exact("2015-01-06", &d), 0);
	assert_int_equal(d.prec, PREC_DAY);
	assert_int_equal(cdate_parse_exact("2015-01", &d), 0);
	assert_int_equal(d.prec, PREC_MONTH);
	assert_int_equal(cdate_parse_exact("2015", &d), 0);
	assert_int_equal(d.prec, PREC_YEAR);
}

static void test_names(void **state)
{
	(void)state;
	assert_int_equal(month_from_name("Jan.", 4), 1);
	assert_int_equal(month_from_name("Sept", 4), 9);
	assert_int_equal(month_from_name("september", 9), 9);
	assert_int_equal(month_from_name("Ma", 2), 0);
	assert_int_equal(weekday_from_name("Friday", 6), 5);
	assert_int_equal(weekday_from_name("Tue.", 4), 2);
	assert_int_equal(weekday_from_name("Fry", 3), -1);
	/* The first three letters pick the candidate; the rest must be its full name. */
	assert_int_equal(month_from_name("MAY", 3), 5);
	assert_int_equal(month_from_name("Mayo", 4), 0);
	assert_int_equal(month_from_name("Sepx", 4), 0);
	assert_int_equal(month_from_name("SEPT.", 5), 9);
	assert_int_equal(month_from_name("Septembers", 10), 0);
	assert_int_equal(month_from_name("Junе", 5), 0);   /* a Cyrillic e */
	assert_int_equal(month_from_name("J@n", 3), 0);
	assert_int_equal(month_from_name("december", 8), 12);
	assert_int_equal(weekday_from_name("WEDNESDAY", 9), 3);
	assert_int_equal(weekday_from_name("Wednes", 6), -1);
	assert_int_equal(weekday_from_name("Sat", 3), 6);
	assert_int_equal(weekday_from_name("Su", 2), -1);
}

/* Dates in range are written without snprintf; others as before. */
static void test_format_ranges(void **state)
{
	(void)state;
	char out[16];
	struct cdate d = {7, 3, 9, PREC_DAY};
	cdate_format(&d, out);
	assert_string_equal(out, "0007-03-09");
	d = (struct cdate){9999, 12, 31, PREC_DAY};
	cdate_format(&d, out);
	assert_string_equal(out, "9999-12-31");
	d = (struct cdate){2015, 1, 0, PREC_MONTH};
	cdate_format(&d, out);
	assert_string_equal(out, "2015-01");
	d = (struct cdate){2015, 0, 0, PREC_YEAR};
	cdate_format(&d, out);
	assert_string_equal(out, "2015");
	d = (struct cdate){12345, 1, 1, PREC_DAY};   /* out of range: cut to ten characters */
	cdate_format(&d, out);
	assert_string_equal(out, "12345-01-0");
	d = (struct cdate){-5, 1, 1, PREC_YEAR};
	cdate_format(&d, out);
	assert_string_equal(out, "-005");
	d = (struct cdate){2015, 1, 1, PREC_UNKNOWN};
	cdate_format(&d, out);
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_days_roundtrip),
		cmocka_unit_test(test_weekdays),
		cmocka_unit_test(test_iso),
		cmocka_unit_test(test_parse_trailing),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_format_ranges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
