/* Calendar arithmetic on the proleptic Gregorian calendar, independent of the
 * machine's time zone and clock (no gmtime/localtime/mktime anywhere).
 *
 * Days are counted from 1970-01-01 (day 0); times are Unix seconds in UTC.
 */
#ifndef COMMUNIQUE_CDATE_H
#define COMMUNIQUE_CDATE_H
#include <stdint.h>

/* How much of a date the text supports. Values are stored in the archive:
 * never renumber. */
enum date_precision {
	PREC_UNKNOWN = 0,
	PREC_YEAR = 1,
	PREC_SEASON = 2,
	PREC_MONTH = 3,
	PREC_DAY = 4,
};

/* A possibly partial date: month and day are 0 when not known. */
struct cdate {
	int year, month, day;
	enum date_precision prec;
};

int64_t days_from_civil(int y, int m, int d);
void civil_from_days(int64_t days, int *y, int *m, int *d);
/* 0 = Sunday ... 6 = Saturday. */
int weekday_from_days(int64_t days);
int days_in_month(int y, int m);
int is_valid_date(int y, int m, int d);
/* Unix seconds of y-m-d hh:mm:ss UTC. */
int64_t unix_from_civil(int y, int m, int d, int hh, int mm, int ss);
/* Writes "2015-01-06T07:10:00Z" into out (at least 21 bytes). */
void format_iso_utc(int64_t t, char *out);
/* Writes the date at its precision: "2015-01-06", "2015-01", "2015" or ""
 * (out at least 11 bytes). A season is written as its first month. */
void cdate_format(const struct cdate *d, char *out);
/* Parses "2015", "2015-01", "2015-01-06", or a timestamp whose day it keeps
 * ("2015-01-06T07:10:00Z", "2015-01-06 07:10", with seconds, a fraction, Z or
 * an offset). Returns 0 on success, -1 on anything else ("2015-01-06Tgarbage",
 * "2015-01-06 and more") or an impossible date; *out is unchanged then. */
int cdate_parse(const char *s, struct cdate *out);
/* The same for a date given by a person (options): the date alone, no time. */
int cdate_parse_exact(const char *s, struct cdate *out);
/* Month from an English name or abbreviation ("Jan", "Jan.", "January", "Sept");
 * returns 1..12, or 0. Case-insensitive; n is the length of s. */
int month_from_name(const char *s, int n);
/* Weekday from an English name or abbreviation ("Tue", "Tuesday"): 0..6 (Sunday 0), or -1. */
int weekday_from_name(const char *s, int n);
extern const char *const month_names[13];   /* [1] = "January" */

#endif
