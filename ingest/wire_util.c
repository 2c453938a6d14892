/* Timestamps, agency names, datelines and bounded fields for the importers:
 * see wire_util.h. */
#include "ingest/wire_util.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest/dateline.h"
#include "util/buf.h"
#include "util/cdate.h"

/* ---- timestamps ---- */

/* Reads exactly n digits at *p into *v and advances; -1 if they are not there. */
static int fixed_digits(const char **p, int n, int *v)
{
	int x = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		x = x * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*v = x;
	return 0;
}

/* Reads 1 to max digits; -1 if there is none. */
static int some_digits(const char **p, int max, int *v, int *count)
{
	int x = 0, i = 0;
	while (i < max && isdigit((unsigned char)(*p)[i])) {
		x = x * 10 + ((*p)[i] - '0');
		i++;
	}
	if (i == 0)
		return -1;
	*p += i;
	*v = x;
	if (count)
		*count = i;
	return 0;
}

static void skip_spaces(const char **p)
{
	while (**p == ' ' || **p == '\t' || **p == '\r' || **p == '\n')
		(*p)++;
}

struct zone_name {
	const char *name;
	int minutes;
};

/* Zone abbreviations seen in feeds. Ambiguous ones (IST, CST of China) are
 * left out on purpose: a wrong offset is worse than a warning. */
static const struct zone_name zone_names[] = {
	{"UT", 0}, {"UTC", 0}, {"GMT", 0}, {"Z", 0}, {"WET", 0}, {"WEST", 60},
	{"BST", 60}, {"CET", 60}, {"CEST", 120}, {"EET", 120}, {"EEST", 180},
	{"MSK", 180}, {"HKT", 480}, {"SGT", 480}, {"JST", 540}, {"KST", 540},
	{"AEST", 600}, {"AEDT", 660}, {"EST", -300}, {"EDT", -240}, {"CST", -360},
	{"CDT", -300}, {"MST", -420}, {"MDT", -360}, {"PST", -480}, {"PDT", -420},
	{NULL, 0},
};

/* "+03:00", "+0300", "+03", "-05:30": sets *min; -1 when malformed. */
static int numeric_offset(const char **p, int *min)
{
	int sign = **p == '-' ? -1 : 1;
	int hh, mm = 0;
	(*p)++;
	if (fixed_digits(p, 2, &hh))
		return -1;
	if (**p == ':')
		(*p)++;
	if (isdigit((unsigned char)**p) && fixed_digits(p, 2, &mm))
		return -1;
	if (hh > 18 || mm > 59)
		return -1;
	*min = sign * (hh * 60 + mm);
	return 0;
}

/* Parses an optional zone and the end of the string. *given is 0 when there
 * was no zone at all. Returns -1 on anything unexpected. */
static int parse_zone(const char *p, int *min, int *given)
{
	*min = 0;
	*given = 0;
	skip_spaces(&p);
	if (*p == '\0')
		return 0;
	*given = 1;
	if (*p == '+' || *p == '-') {
		if (numeric_offset(&p, min))
			return -1;
	} else {
		size_t n = 0;
		while (isalpha((unsigned char)p[n]))
			n++;
		int found = 0;
		for (const struct zone_name *z = zone_names; z->name && n; z++) {
			if (strlen(z->name) == n && strncasecmp(p, z->name, n) == 0) {
				*min = z->minutes;
				found = 1;
				break;
			}
		}
		if (!found)
			return -1;
		p += n;
		/* "GMT+03:00", "UTC+3" */
		if ((*p == '+' || *p == '-') && *min == 0) {
			if (isdigit((unsigned char)p[1]) && !isdigit((unsigned char)p[2])) {
				int sign = *p == '-' ? -1 : 1;
				*min = sign * (p[1] - '0') * 60;
				p += 2;
			} else if (numeric_offset(&p, min)) {
				return -1;
			}
		}
	}
	skip_spaces(&p);
	return *p == '\0' ? 0 : -1;
}

static int finish_time(struct wire_time *out, int y, int mo, int d, int hh, int mi, int ss,
		       int has_time, const char *zone)
{
	if (!is_valid_date(y, mo, d) || hh > 23 || mi > 59 || ss > 60)
		return -1;
	if (ss == 60)
		ss = 59; /* a leap second: the instant before is close enough */
	int off = 0, given = 0;
	if (has_time) {
		if (parse_zone(zone, &off, &given))
			return -1;
	} else {
		skip_spaces(&zone);
		if (*zone)
			return -1;
	}
	out->t = unix_from_civil(y, mo, d, hh, mi, ss) - (int64_t)off * 60;
	out->tz_offset_min = off;
	out->known = has_time ? PUB_TIME : PUB_DATE;
	out->zone_given = has_time ? given : 1;
	return 0;
}

/* hh[:]mm[[:]ss[.fff]]: colons required when `colons`, absent otherwise. */
static int clock_time(const char **p, int colons, int *hh, int *mi, int *ss)
{
	*ss = 0;
	if (fixed_digits(p, 2, hh))
		return -1;
	if (colons && *(*p)++ != ':')
		return -1;
	if (fixed_digits(p, 2, mi))
		return -1;
	if (colons ? **p == ':' : isdigit((unsigned char)**p)) {
		if (colons)
			(*p)++;
		if (fixed_digits(p, 2, ss))
			return -1;
		if (**p == '.' || **p == ',') {
			(*p)++;
			while (isdigit((unsigned char)**p))
				(*p)++;
		}
	}
	return 0;
}

static int parse_iso(const char *p, struct wire_time *out)
{
	int y, mo, d, hh = 0, mi = 0, ss = 0;
	int extended;
	if (fixed_digits(&p, 4, &y))
		return -1;
	extended = *p == '-';
	if (extended)
		p++;
	if (fixed_digits(&p, 2, &mo))
		return -1;
	if (extended && *p++ != '-')
		return -1;
	if (fixed_digits(&p, 2, &d))
		return -1;
	int has_time = 0;
	if (*p == 'T' || *p == 't' || (*p == ' ' && isdigit((unsigned char)p[1]))) {
		p++;
		if (clock_time(&p, extended, &hh, &mi, &ss))
			return -1;
		has_time = 1;
	}
	return finish_time(out, y, mo, d, hh, mi, ss, has_time, p);
}

/* A month name at *p; advances past it and a following '.'. */
static int month_word(const char **p)
{
	size_t n = 0;
	while (isalpha((unsigned char)(*p)[n]))
		n++;
	int m = n ? month_from_name(*p, (int)n) : 0;
	if (m) {
		*p += n;
		if (**p == '.')
			(*p)++;
	}
	return m;
}

/* "Tue, 06 Jan 2015 10:10:00 +0300", "6 January 2015", "Jan 6, 2015 10:10 GMT". */
static int parse_rfc822(const char *p, struct wire_time *out)
{
	int d, mo, y, ny;
	size_t n = 0;
	while (isalpha((unsigned char)p[n]))
		n++;
	if (n && weekday_from_name(p, (int)n) >= 0) {
		p += n;
		if (*p == '.')
			p++;
		if (*p == ',')
			p++;
		skip_spaces(&p);
	}
	if (isdigit((unsigned char)*p)) {
		if (some_digits(&p, 2, &d, NULL))
			return -1;
		skip_spaces(&p);
		if (*p == '-')
			p++;
		if (!(mo = month_word(&p)))
			return -1;
	} else {
		if (!(mo = month_word(&p)))
			return -1;
		skip_spaces(&p);
		if (some_digits(&p, 2, &d, NULL))
			return -1;
		if (*p == ',')
			p++;
	}
	skip_spaces(&p);
	if (*p == '-')
		p++;
	if (some_digits(&p, 4, &y, &ny) || (ny != 2 && ny != 4))
		return -1;
	if (ny == 2)
		y += y >= 50 ? 1900 : 2000;
	if (*p == ',')
		p++;
	skip_spaces(&p);
	int hh = 0, mi = 0, ss = 0, has_time = 0;
	if (isdigit((unsigned char)*p)) {
		if (clock_time(&p, 1, &hh, &mi, &ss))
			return -1;
		has_time = 1;
	}
	return finish_time(out, y, mo, d, hh, mi, ss, has_time, p);
}

int wire_parse_time(const char *s, struct wire_time *out)
{
	if (!s)
		return -1;
	skip_spaces(&s);
	struct wire_time t = {0, 0, PUB_NONE, 0};
	int rc;
	if (isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
	    isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3]))
		rc = parse_iso(s, &t);
	else
		rc = parse_rfc822(s, &t);
	if (rc)
		return -1;
	*out = t;
	return 0;
}

int wire_set_time(struct report *r, const char *text)
{
	struct wire_time t;
	if (wire_parse_time(text, &t))
		return -1;
	char *written = wire_squeeze(text, strlen(text));
	if (!written)
		return -2;
	if (wire_take_field(r, &r->published_text, written, WIRE_MAX_FIELD, "timestamp"))
		return -2;
	r->published = t.t;
	r->tz_offset_min = t.tz_offset_min;
	r->pub_known = t.known;
	return 0;
}

/* ---- home zones of agencies ---- */

/* Day number of the last Sunday of month m of year y. */
static int64_t last_sunday(int y, int m)
{
	int64_t days = days_from_civil(y, m, days_in_month(y, m));
	return days - weekday_from_days(days);
}

/* EU summer time: from 01:00 UTC on the last Sunday of March to 01:00 UTC on
 * the last Sunday of October. */
static int eu_summer(int64_t utc)
{
	int64_t days = utc >= 0 ? utc / 86400 : -((-utc + 86399) / 86400);
	int y, m, d;
	civil_from_days(days, &y, &m, &d);
	int64_t start = last_sunday(y, 3) * 86400 + 3600;
	int64_t end = last_sunday(y, 10) * 86400 + 3600;
	return utc >= start && utc < end;
}

enum zone_rule { Z_FIXED, Z_EU, Z_MOSCOW };

static const struct {
	const char *agency;
	int std;                /* standard offset, minutes east */
	enum zone_rule rule;
} homes[] = {
	{"NTB", 60, Z_EU}, {"EFE", 60, Z_EU}, {"AFP", 60, Z_EU}, {"dpa", 60, Z_EU},
	{"ANSA", 60, Z_EU}, {"Xinhua", 480, Z_FIXED}, {"Kyodo", 540, Z_FIXED},
	{"Yonhap", 540, Z_FIXED}, {"TASS", 180, Z_MOSCOW}, {"RIA Novosti", 180, Z_MOSCOW},
	{"Interfax", 180, Z_MOSCOW}, {NULL, 0, Z_FIXED},
};

/* The offset at the home of homes[i] for a local time given as if UTC. */
static int home_offset(int i, int64_t local)
{
	int std = homes[i].std;
	switch (homes[i].rule) {
	case Z_EU:
		return eu_summer(local - std * 60) ? std + 60 : std;
	case Z_MOSCOW:
		/* UTC+3 since 26 October 2014; UTC+4 all year from 27 March 2011;
		 * before that UTC+3 with summer time on the EU's Sundays. */
		if (local >= unix_from_civil(2014, 10, 26, 2, 0, 0))
			return 180;
		if (local >= unix_from_civil(2011, 3, 27, 3, 0, 0))
			return 240;
		return eu_summer(local - std * 60) ? std + 60 : std;
	default:
		return std;
	}
}

int wire_settle_zone(struct report *r)
{
	struct wire_time t;
	if (r->pub_known != PUB_TIME || !r->published_text ||
	    wire_parse_time(r->published_text, &t) || t.zone_given)
		return 0;
	for (int i = 0; r->agency && homes[i].agency; i++) {
		if (strcasecmp(r->agency, homes[i].agency) != 0)
			continue;
		int off = home_offset(i, t.t);
		r->published = t.t - (int64_t)off * 60;
		r->tz_offset_min = off;
		return report_warn(r, "time '%s' names no zone: taken as %s's local time (UTC%+d:%02d)",
				   r->published_text, homes[i].agency, off / 60, abs(off % 60));
	}
	return report_warn(r, "time '%s' names no zone: taken as UTC", r->published_text);
}

/* ---- agency names ---- */

/* Agencies are those of dict/agencies.tsv (see dateline.h): names, codes and
 * web domains are its aliases. Here only the ways files write them are
 * undone: an address or an identifier is reduced to its domain, a domain
 * is tried whole and then without its leading labels ("news.xinhuanet.com",
 * "xinhuanet.com") and by its main label ("afp.fr" -> "afp"). */
static const char *domain_name(const char *s, size_t n)
{
	const char *name;
	for (size_t i = 0; i < n;) {
		if ((name = agency_lookup(s + i, n - i)))
			return name;
		const char *dot = memchr(s + i, '.', n - i);
		if (!dot || !memchr(dot + 1, '.', n - (size_t)(dot + 1 - s)))
			break;   /* keep at least "label.tld" */
		i = (size_t)(dot + 1 - s);
	}
	/* the main label: the one before the last */
	const char *last = s + n, *tld = last;
	while (tld > s && tld[-1] != '.')
		tld--;
	const char *lab = tld - 1;
	while (lab > s && lab[-1] != '.')
		lab--;
	return tld - 1 > lab ? agency_lookup(lab, (size_t)(tld - 1 - lab)) : NULL;
}

const char *wire_agency_name(const char *s)
{
	if (!s)
		return NULL;
	while (isspace((unsigned char)*s))
		s++;
	const char *scheme = strstr(s, "://");
	if (scheme)
		s = scheme + 3;
	else if (!strchr(s, ' ') && strrchr(s, ':'))
		s = strrchr(s, ':') + 1;   /* "nprov:REUTERS", "web:www.x.com" */
	if (strncasecmp(s, "www.", 4) == 0)
		s += 4;
	size_t n = strcspn(s, "/?#");
	while (n && (s[n - 1] == ' ' || s[n - 1] == '.'))
		n--;
	if (!n || n > 200)
		return NULL;
	const char *name = agency_lookup(s, n);
	if (name)
		return name;
	if (memchr(s, '.', n) && !memchr(s, ' ', n))
		return domain_name(s, n);
	/* Word by word: "Thomson Reuters Foundation", "(c) AFP 2014". */
	for (size_t i = 0; i < n;) {
		while (i < n && !isalnum((unsigned char)s[i]))
			i++;
		size_t j = i;
		while (j < n && (isalnum((unsigned char)s[j]) || s[j] == '-'))
			j++;
		if (j > i && (name = agency_lookup_word(s + i, j - i)))
			return name;
		i = j;
	}
	return NULL;
}

const char *wire_agency_from_id(const char *id)
{
	if (!id)
		return NULL;
	char dom[128];
	const char *p = NULL;
	if (strncasecmp(id, "tag:", 4) == 0)
		p = id + 4;
	else if (strncasecmp(id, "urn:newsml:", 11) == 0)
		p = id + 11;
	if (!p)
		return NULL;
	size_t n = strcspn(p, ",:");
	if (n == 0 || n >= sizeof(dom))
		return NULL;
	memcpy(dom, p, n);
	dom[n] = '\0';
	return strchr(dom, '.') ? wire_agency_name(dom) : NULL;
}

/* ---- datelines ---- */

int wire_dateline(const char *line, char **place, const char **agency)
{
	if (place)
		*place = NULL;
	if (agency)
		*agency = NULL;
	if (!line)
		return 0;
	struct dateline dl;
	if (!dateline_field(line, strnlen(line, 240), &dl))
		return 0;
	if (place && dl.place[0] && !(*place = wire_squeeze(dl.place, strlen(dl.place))))
		return -1;
	if (agency && dl.agency[0])
		*agency = agency_lookup(dl.agency, strlen(dl.agency));
	return 0;
}

/* ---- fields ---- */

char *wire_squeeze(const char *s, size_t n)
{
	if (!s)
		return NULL;
	char *out = malloc(n + 1);
	if (!out)
		return NULL;
	size_t k = 0;
	int space = 0;
	for (size_t i = 0; i < n && s[i]; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
			space = k > 0;
			continue;
		}
		if (space)
			out[k++] = ' ';
		space = 0;
		out[k++] = (char)c;
	}
	out[k] = '\0';
	return out;
}

int wire_take_field(struct report *r, char **field, char *s, size_t max, const char *what)
{
	if (s) {
		size_t len = strlen(s);
		if (len > max) {
			size_t n = max;
			while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
				n--;
			s[n] = '\0';
			if (report_warn(r, "%s cut to %zu bytes", what, n)) {
				free(s);
				return -1;
			}
		}
	}
	free(*field);
	*field = s;
	return 0;
}

int wire_set_field(struct report *r, char **field, const char *s, size_t max, const char *what)
{
	char *copy = NULL;
	if (s) {
		/* One byte past the ceiling is enough to know it must be cut. */
		size_t len = strnlen(s, max + 1);
		if (!(copy = malloc(len + 1)))
			return -1;
		memcpy(copy, s, len);
		copy[len] = '\0';
	}
	return wire_take_field(r, field, copy, max, what);
}

int wire_apply_hints(struct report *r, const struct ingest_hints *h, int single)
{
	if (h && !r->agency && h->agency && report_set(&r->agency, h->agency))
		return -1;
	if (h && single && !r->url && h->url && report_set(&r->url, h->url))
		return -1;
	if (r->pub_known == PUB_NONE && h && h->date.prec == PREC_DAY) {
		r->published = unix_from_civil(h->date.year, h->date.month, h->date.day, 0, 0, 0);
		r->tz_offset_min = 0;
		r->pub_known = PUB_DATE;
	}
	if (r->pub_known == PUB_NONE && report_warn(r, "no publication date"))
		return -1;
	return 0;
}

const char *wire_path(const struct ingest_hints *h)
{
	return h && h->path ? h->path : "-";
}

void wire_fail(char **err, const struct ingest_hints *h, const char *fmt, ...)
{
	if (!err)
		return;
	struct buf b;
	buf_init(&b, 4096);
	va_list ap;
	va_start(ap, fmt);
	int rc = buf_printf(&b, "unable to read '%s': ", wire_path(h));
	if (!rc)
		rc = buf_vprintf(&b, fmt, ap);
	va_end(ap);
	free(*err);
	*err = rc ? NULL : buf_detach(&b);
	buf_release(&b);
	if (!*err)
		*err = strdup("out of memory");
}
