/* Calendar arithmetic: see cdate.h. The civil/day conversions follow Howard
 * Hinnant's public-domain algorithms, exact for every proleptic Gregorian date. */
#include "util/cdate.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

const char *const month_names[13] = {
	"", "January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

int64_t days_from_civil(int y, int m, int d)
{
	int64_t yy = (int64_t)y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t yy = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

int weekday_from_days(int64_t z)
{
	return (int)(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}

int days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

int is_valid_date(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

int64_t unix_from_civil(int y, int m, int d, int hh, int mm, int ss)
{
	return days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss;
}

void format_iso_utc(int64_t t, char *out)
{
	int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	int64_t secs = t - days * 86400;
	int y, m, d;
	civil_from_days(days, &y, &m, &d);
	char tmp[64];
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d,
		 (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
	memcpy(out, tmp, 20);
	out[20] = '\0';
}

/* Writes v (0..10^width - 1) as `width` decimal digits. */
static void put_digits(char *p, int v, int width)
{
	for (int i = width - 1; i >= 0; i--, v /= 10)
		p[i] = (char)('0' + v % 10);
}

void cdate_format(const struct cdate *dt, char *res)
{
	char out[48];
	/* Dates in range, the usual case, without snprintf: the extractor
	 * compares dates by their text many times a report. */
	if (dt->year >= 0 && dt->year <= 9999 && dt->month >= 0 && dt->month <= 99 && dt->day >= 0 &&
	    dt->day <= 99 && dt->prec >= PREC_YEAR && dt->prec <= PREC_DAY) {
		put_digits(out, dt->year, 4);
		size_t n = 4;
		if (dt->prec >= PREC_SEASON) {
			out[4] = '-';
			put_digits(out + 5, dt->month, 2);
			n = 7;
		}
		if (dt->prec == PREC_DAY) {
			out[7] = '-';
			put_digits(out + 8, dt->day, 2);
			n = 10;
		}
		memcpy(res, out, n);
		res[n] = '\0';
		return;
	}
	switch (dt->prec) {
	case PREC_DAY:
		snprintf(out, sizeof(out), "%04d-%02d-%02d", dt->year, dt->month, dt->day);
		break;
	case PREC_MONTH:
	case PREC_SEASON:
		snprintf(out, sizeof(out), "%04d-%02d", dt->year, dt->month);
		break;
	case PREC_YEAR:
		snprintf(out, sizeof(out), "%04d", dt->year);
		break;
	default:
		out[0] = '\0';
	}
	memcpy(res, out, 10);
	res[10] = '\0';
}

static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Whether s is a time of day as ISO 8601 writes it after a date's T:
 * HH:MM, HH:MM:SS or HH:MM:SS.fraction, then nothing, Z or +HH:MM/-HH:MM. */
static int is_iso_time(const char *s)
{
	if (digits(s, 2) < 0 || digits(s, 2) > 23 || s[2] != ':' || digits(s + 3, 2) < 0 ||
	    digits(s + 3, 2) > 59)
		return 0;
	s += 5;
	if (*s == ':') {
		if (digits(s + 1, 2) < 0 || digits(s + 1, 2) > 60)
			return 0;
		s += 3;
		if (*s == '.' && isdigit((unsigned char)s[1]))
			for (s++; isdigit((unsigned char)*s); s++)
				;
	}
	if (*s == 'Z')
		return s[1] == '\0';
	if (*s == '+' || *s == '-')
		return digits(s + 1, 2) >= 0 && digits(s + 1, 2) <= 23 && s[3] == ':' &&
		       digits(s + 4, 2) >= 0 && digits(s + 4, 2) <= 59 && s[6] == '\0';
	return *s == '\0';
}

/* The date alone ("2015", "2015-01", "2015-01-06"); *rest gets what follows
 * a day ("" when nothing does). */
static int parse_date_part(const char *s, struct cdate *out, const char **rest)
{
	size_t n = strlen(s);
	struct cdate d = {0, 0, 0, PREC_UNKNOWN};
	*rest = "";
	if (n < 4 || (d.year = digits(s, 4)) < 1)
		return -1;
	d.prec = PREC_YEAR;
	if (n > 4) {
		if (s[4] != '-' || n < 7 || (d.month = digits(s + 5, 2)) < 1 || d.month > 12)
			return -1;
		d.prec = PREC_MONTH;
		if (n > 7) {
			if (s[7] != '-' || n < 10 || (d.day = digits(s + 8, 2)) < 1)
				return -1;
			if (!is_valid_date(d.year, d.month, d.day))
				return -1;
			d.prec = PREC_DAY;
			*rest = s + 10;
		}
	}
	*out = d;
	return 0;
}

int cdate_parse(const char *s, struct cdate *out)
{
	const char *rest;
	struct cdate d;
	if (parse_date_part(s, &d, &rest))
		return -1;
	/* A timestamp keeps its day; anything else after the day is no date
	 * ("2015-01-06Tgarbage" is a mistake, not the 6th of January). */
	if (*rest && !((rest[0] == 'T' || rest[0] == ' ') && is_iso_time(rest + 1)))
		return -1;
	*out = d;
	return 0;
}

int cdate_parse_exact(const char *s, struct cdate *out)
{
	const char *rest;
	struct cdate d;
	if (parse_date_part(s, &d, &rest) || *rest)
		return -1;
	*out = d;
	return 0;
}

/* Byte c with the ASCII case bit set: equal to a lower-case letter exactly
 * when c is that letter in either case (what strncasecmp does in the C locale). */
static int fold(char c)
{
	return (unsigned char)c | 0x20;
}

/* Whether s[0..n) is the lower-case `name`[0..n) in any case. */
static int name_eq(const char *s, const char *name, int n)
{
	for (int i = 0; i < n; i++)
		if (fold(s[i]) != name[i])
			return 0;
	return 1;
}

struct day_name {
	const char *name;       /* lower case; the first three letters differ between entries */
	int len;
};

/* Month and weekday names are asked of every capitalised word the
 * extractor meets: the first three letters pick the one candidate, and only
 * its full form is compared. */
int month_from_name(const char *s, int n)
{
	static const struct day_name months[] = {
		{"january", 7}, {"february", 8}, {"march", 5}, {"april", 5}, {"may", 3}, {"june", 4},
		{"july", 4}, {"august", 6}, {"september", 9}, {"october", 7}, {"november", 8},
		{"december", 8},
	};
	/* The months of each initial, as indices + 1. */
	static const char *const by_initial[26] = {
		['a' - 'a'] = "\4\10", ['d' - 'a'] = "\14", ['f' - 'a'] = "\2", ['j' - 'a'] = "\1\6\7",
		['m' - 'a'] = "\3\5", ['n' - 'a'] = "\13", ['o' - 'a'] = "\12", ['s' - 'a'] = "\11",
	};
	if (n > 0 && s[n - 1] == '.')
		n--;
	if (n < 3 || n > 9)
		return 0;
	unsigned initial = (unsigned)fold(s[0]) - 'a';
	if (initial >= 26 || !by_initial[initial])
		return 0;
	for (const char *c = by_initial[initial]; *c; c++) {
		int m = *c - 1;
		if (!name_eq(s, months[m].name, 3))
			continue;
		if (n == 3 || (n == months[m].len && name_eq(s + 3, months[m].name + 3, n - 3)))
			return m + 1;
		if (m == 8 && n == 4 && fold(s[3]) == 't')
			return 9;   /* "Sept" */
		return 0;
	}
	return 0;
}

int weekday_from_name(const char *s, int n)
{
	static const struct day_name names[] = {
		{"sunday", 6}, {"monday", 6}, {"tuesday", 7}, {"wednesday", 9}, {"thursday", 8},
		{"friday", 6}, {"saturday", 8},
	};
	if (n > 0 && s[n - 1] == '.')
		n--;
	if (n < 3 || n > 9)
		return -1;
	for (int w = 0; w < 7; w++) {
		if (!name_eq(s, names[w].name, 3))
			continue;
		if (n == 3 || (n == names[w].len && name_eq(s + 3, names[w].name + 3, n - 3)))
			return w;
		return -1;
	}
	return -1;
}
