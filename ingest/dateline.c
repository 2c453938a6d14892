/* Agency datelines, timestamp lines and agency names: see dateline.h.
 *
 * Everything here is a hand-written scanner over (pointer, length) pairs:
 * each function reads forward from an index and never past len, so a line
 * is scanned in linear time and need not be NUL-terminated.
 */
#include "ingest/dateline.h"

#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "util/cdate.h"
#include "util/embedded.h"

/* ---- characters ---------------------------------------------------------- */

/* Length of the white space at s[i] (ASCII blanks or U+00A0), or 0. */
static size_t space_at(const char *s, size_t len, size_t i)
{
	if (i < len && (s[i] == ' ' || s[i] == '\t'))
		return 1;
	if (i + 1 < len && (unsigned char)s[i] == 0xc2 && (unsigned char)s[i + 1] == 0xa0)
		return 2;
	return 0;
}

static size_t skip_spaces(const char *s, size_t len, size_t i)
{
	size_t n;
	while ((n = space_at(s, len, i)))
		i += n;
	return i;
}

/* Decodes the character at s[i]: sets *cp and returns its length (at least 1;
 * an invalid byte is returned as U+FFFD of length 1). */
static size_t char_at(const char *s, size_t len, size_t i, int32_t *cp)
{
	unsigned char c = (unsigned char)s[i];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	utf8proc_int32_t v;
	size_t left = len - i;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
					      left > 4 ? 4 : (utf8proc_ssize_t)left, &v);
	if (n <= 0) {
		*cp = 0xfffd;
		return 1;
	}
	*cp = v;
	return (size_t)n;
}

static int is_upper_cp(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

static int is_lower_cp(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'a' && cp <= 'z';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static int is_alpha_cp(int32_t cp)
{
	if (cp < 0x80)
		return isalpha((int)cp);
	utf8proc_category_t c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

/* A dash written as "-", "--", "—", "–" or "―": advances *i past it. */
static int read_dash(const char *s, size_t len, size_t *i)
{
	size_t j = *i;
	if (j < len && s[j] == '-') {
		j++;
		if (j < len && s[j] == '-')
			j++;
		*i = j;
		return 1;
	}
	if (j + 2 < len && (unsigned char)s[j] == 0xe2 && (unsigned char)s[j + 1] == 0x80 &&
	    ((unsigned char)s[j + 2] >= 0x93 && (unsigned char)s[j + 2] <= 0x95)) {
		*i = j + 3;
		return 1;
	}
	return 0;
}

/* Reads 1..maxd digits at *i (not followed by another digit). */
static int read_int(const char *s, size_t len, size_t *i, int maxd, int *val)
{
	size_t j = *i;
	int v = 0, n = 0;
	while (j < len && isdigit((unsigned char)s[j]) && n < maxd) {
		v = v * 10 + (s[j] - '0');
		j++;
		n++;
	}
	if (!n || (j < len && isdigit((unsigned char)s[j])))
		return 0;
	*i = j;
	*val = v;
	return n;
}

/* The end of the ASCII letter run at i (a month or weekday name), with one
 * trailing '.' when present. */
static size_t alpha_end(const char *s, size_t len, size_t i)
{
	while (i < len && isalpha((unsigned char)s[i]))
		i++;
	if (i < len && s[i] == '.')
		i++;
	return i;
}

static void copy_str(char *dst, size_t cap, const char *src, size_t n)
{
	if (!cap)
		return;
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* ---- dates --------------------------------------------------------------- */

/* Month names of the languages whose pages carry English reports or whose
 * agencies write datelines in their own tongue (French, Spanish, Italian,
 * German, Portuguese), in lower case, accented and plain. */
#define FM(name, month) {name, sizeof(name) - 1, month}
static const struct { const char *name; size_t len; int month; } foreign_months[] = {
	FM("janvier", 1), FM("février", 2), FM("fevrier", 2), FM("mars", 3), FM("avril", 4), FM("mai", 5),
	FM("juin", 6), FM("juillet", 7), FM("août", 8), FM("aout", 8), FM("septembre", 9), FM("octobre", 10),
	FM("novembre", 11), FM("décembre", 12), FM("decembre", 12), FM("enero", 1), FM("febrero", 2),
	FM("marzo", 3), FM("abril", 4), FM("mayo", 5), FM("junio", 6), FM("julio", 7), FM("agosto", 8),
	FM("septiembre", 9), FM("setiembre", 9), FM("octubre", 10), FM("noviembre", 11), FM("diciembre", 12),
	FM("gennaio", 1), FM("febbraio", 2), FM("aprile", 4), FM("maggio", 5), FM("giugno", 6), FM("luglio", 7),
	FM("settembre", 9), FM("ottobre", 10), FM("dicembre", 12), FM("januar", 1), FM("jänner", 1),
	FM("februar", 2), FM("märz", 3), FM("maerz", 3), FM("juni", 6), FM("juli", 7), FM("oktober", 10),
	FM("dezember", 12), FM("janeiro", 1), FM("fevereiro", 2), FM("março", 3), FM("marco", 3), FM("maio", 5),
	FM("junho", 6), FM("julho", 7), FM("setembro", 9), FM("outubro", 10), FM("novembro", 11),
	FM("dezembro", 12)
};
#undef FM
#define LETTER(c) (1u << ((c) - 'a'))
#define FOREIGN_INITIALS (LETTER('a') | LETTER('d') | LETTER('e') | LETTER('f') | LETTER('g') | LETTER('j') | \
			  LETTER('l') | LETTER('m') | LETTER('n') | LETTER('o') | LETTER('s'))

/* A foreign month name at s[i..): its number and *end, or 0. The first
 * letter may be a capital; accented letters are matched as written. */
int foreign_month(const char *s, size_t len, size_t i, size_t *end)
{
	size_t e = i;
	while (e < len && (isalpha((unsigned char)s[e]) || (unsigned char)s[e] >= 0x80))
		e++;
	if (e - i < 3 || e - i > 12)
		return 0;
	/* The initials of the names: the tagger asks this of every capitalised word. */
	int c = tolower((unsigned char)s[i]);
	if (c < 'a' || c > 'z' || !((1u << (c - 'a')) & FOREIGN_INITIALS))
		return 0;
	for (size_t k = 0; k < sizeof(foreign_months) / sizeof(foreign_months[0]); k++) {
		const char *n = foreign_months[k].name;
		size_t nl = foreign_months[k].len;
		if (nl != e - i || tolower((unsigned char)s[i]) != n[0])
			continue;
		size_t q = 1;
		while (q < nl && ((unsigned char)n[q] >= 0x80 ? s[i + q] == n[q]
							      : tolower((unsigned char)s[i + q]) == n[q]))
			q++;
		if (q == nl) {
			*end = e;
			return foreign_months[k].month;
		}
	}
	return 0;
}

/* A month name at *i ("January", "Jan.", "SEPT", "juin", "März"): returns
 * 1..12 and advances. */
static int read_month(const char *s, size_t len, size_t *i)
{
	size_t e = alpha_end(s, len, *i), fe = 0;
	/* "março": the word goes on past its ASCII letters, so it is no "Mar" */
	int m = foreign_month(s, len, *i, &fe);
	if (m)
		e = fe;
	else if (e > *i && e - *i <= 10 && !(e < len && (unsigned char)s[e] >= 0x80))
		m = month_from_name(s + *i, (int)(e - *i));
	if (m)
		*i = e;
	return m;
}

/* "de " as in "4 de junio de 2021": advances past it. */
static size_t skip_de(const char *s, size_t len, size_t i)
{
	if (i + 3 < len && (s[i] == 'd' || s[i] == 'D') && s[i + 1] == 'e' && s[i + 2] == ' ')
		return skip_spaces(s, len, i + 3);
	return i;
}

/* A day number 1..31 with an optional ordinal suffix ("6", "06", "6th"). */
static int read_day(const char *s, size_t len, size_t *i, int *d)
{
	size_t j = *i;
	if (!read_int(s, len, &j, 2, d) || *d < 1 || *d > 31)
		return 0;
	if (j + 1 < len && (!strncasecmp(s + j, "st", 2) || !strncasecmp(s + j, "nd", 2) ||
			    !strncasecmp(s + j, "rd", 2) || !strncasecmp(s + j, "th", 2)) &&
	    (j + 2 >= len || !isalpha((unsigned char)s[j + 2])))
		j += 2;
	*i = j;
	return 1;
}

/* "Month D" or "D Month" at *i: sets *m, *d and advances. */
static int read_day_month(const char *s, size_t len, size_t *i, int *m, int *d)
{
	size_t j = *i;
	if ((*m = read_month(s, len, &j))) {
		size_t k = skip_spaces(s, len, j);
		if (k > j && read_day(s, len, &k, d)) {
			*i = k;
			return 1;
		}
		return 0;
	}
	if (read_day(s, len, &j, d)) {
		if (j < len && s[j] == '.' && j + 1 < len && s[j + 1] == ' ')
			j++;   /* German: "4. Juni 2021" */
		size_t k = skip_spaces(s, len, j);
		if (k > j)
			k = skip_de(s, len, k);
		if (k > j && (*m = read_month(s, len, &k))) {
			*i = k;
			return 1;
		}
	}
	return 0;
}

/* An optional year after a day and month: ", 2015" or " 2015". */
static int read_year_after(const char *s, size_t len, size_t *i, int *y)
{
	size_t j = *i;
	if (j < len && s[j] == ',')
		j++;
	size_t k = skip_spaces(s, len, j);
	if (k == j && j == *i)
		return 0;
	k = skip_de(s, len, k);   /* "4 de junio de 2021" */
	if (read_int(s, len, &k, 4, y) != 4 || *y < 1800 || *y > 2200)
		return 0;
	if (k < len && s[k] == ':')   /* "2015" must not be the start of a time */
		return 0;
	*i = k;
	return 1;
}

static int read_numeric_date(const char *s, size_t len, size_t *i, struct timestamp *ts);

/* ---- places -------------------------------------------------------------- */

/* The end of a place written in capitals at s[0..): "TOKYO", "RIYADH/OTTAWA",
 * "AL-ULA", "ST. PETERSBURG", "SÃO PAULO". It stops before ',', '(' or " /"
 * and must not contain lower-case letters or digits. Returns the end
 * (trailing blanks and '.' excluded), or 0. */
static size_t caps_place_end(const char *s, size_t len, size_t start)
{
	size_t i = start, end = start;
	int upper = 0, words = 1;
	int32_t cp;
	while (i < len) {
		size_t n = char_at(s, len, i, &cp);
		if (is_upper_cp(cp)) {
			upper++;
			end = i + n;
		} else if (is_lower_cp(cp) || (cp < 0x80 && isdigit((int)cp))) {
			return 0;
		} else if (cp == ' ' || cp == 0xa0) {
			size_t k = skip_spaces(s, len, i), d = k;
			if (k < len && (s[k] == '/' || s[k] == '('))
				break;
			if (read_dash(s, len, &d) && (d >= len || space_at(s, len, d)))
				break;   /* "CAPE TOWN - South Africa ..." */
			words++;
		} else if (cp == '/' || cp == '-' || cp == '.' || cp == '\'' || cp == 0x2019) {
			if (i == start)
				return 0;
		} else {
			break;
		}
		i += n;
	}
	if (upper < 2 || words > 6 || end - start > 90)
		return 0;
	return end;
}

/* A country or state after the place ("Vietnam", "Saudi Arabia", "D.C.",
 * "Calif."): words opening with a capital, up to ',' or '('. Returns the
 * end (trailing blanks excluded) or 0. */
static size_t country_end(const char *s, size_t len, size_t start)
{
	size_t i = start, end = start;
	int words = 0, at_word = 1;
	int32_t cp;
	/* Xinhua's "PALM BEACH, the United States, April 7" */
	if (len - i > 4 && !memcmp(s + i, "the ", 4))
		i += 4;
	while (i < len && s[i] != ',' && s[i] != '(') {
		size_t n = char_at(s, len, i, &cp);
		if (cp == ' ' || cp == 0xa0) {
			at_word = 1;
		} else if (at_word) {
			if (!is_upper_cp(cp))
				return 0;
			words++;
			at_word = 0;
			end = i + n;
		} else if (is_alpha_cp(cp) || cp == '.' || cp == '-' || cp == '\'' || cp == 0x2019) {
			end = i + n;
		} else {
			return 0;
		}
		i += n;
	}
	if (!words || words > 4 || end - start > 40 || i >= len)
		return 0;
	return end;
}

/* ---- datelines ----------------------------------------------------------- */

/* "(Reuters)" or "/TASS/" at *i: copies the name and advances past the
 * closing mark. Sets *slash for the TASS form. */
static int read_agency_mark(const char *s, size_t len, size_t *i, char *name, size_t cap,
                            int *slash)
{
	size_t j = *i;
	if (j >= len || (s[j] != '(' && s[j] != '/'))
		return 0;
	char close = s[j] == '(' ? ')' : '/';
	*slash = close == '/';
	size_t a = ++j;
	while (j < len && j - a <= 48 && s[j] != close && s[j] != '\n' && s[j] != '(' &&
	       s[j] != ')' && (s[j] != '/' || close == ')'))
		j++;
	if (j >= len || s[j] != close || j == a || j - a > 48)
		return 0;
	if (!isalpha((unsigned char)s[a]) && (unsigned char)s[a] < 0x80)
		return 0;
	copy_str(name, cap, s + a, j - a);
	*i = j + 1;
	return 1;
}

/* An agency name not in the dictionary is taken when it reads like one: a
 * capitalised name of at most four words without digits ("Bernama"). */
static int plausible_agency(const char *name)
{
	int words = 1;
	if (!isupper((unsigned char)name[0]) && (unsigned char)name[0] < 0x80)
		return 0;
	for (const char *p = name; *p; p++) {
		if (isdigit((unsigned char)*p))
			return 0;
		words += *p == ' ';
	}
	return words <= 4;
}

/* The separator after the agency mark; returns 1 and advances, else 0. */
static int read_separator(const char *s, size_t len, size_t *i, int slash, int known)
{
	size_t j = *i;
	if (slash && j < len && s[j] == '.') {
		*i = j + 1;
		return 1;
	}
	size_t k = skip_spaces(s, len, j);
	if (read_dash(s, len, &k)) {
		*i = k;
		return 1;
	}
	if (k < len && s[k] == '.') {   /* EFE: "(EFE).- " */
		size_t d = skip_spaces(s, len, k + 1);
		if (read_dash(s, len, &d)) {
			*i = d;
			return 1;
		}
	}
	/* "/TASS/ Russia said": a known agency between slashes needs no dash. */
	if (slash && known && k > j) {
		*i = k;
		return 1;
	}
	return 0;
}

/* The comma-separated parts between the place and the agency: a country
 * ("Vietnam") and a date ("Jan. 6", "Jan 5, 2021"), in that order. */
static size_t dateline_parts(const char *s, size_t len, size_t i, struct dateline *out)
{
	int have_date = 0, have_country = 0;
	for (int seg = 0; seg < 3; seg++) {
		size_t j = skip_spaces(s, len, i);
		if (j >= len || s[j] != ',')
			break;
		j = skip_spaces(s, len, j + 1);
		size_t ds = j, ce;
		int m, d, y;
		struct timestamp ts;
		memset(&ts, 0, sizeof(ts));
		/* "Rabat, 2023-03-12 (MAP)", "BERLIN, 03.12.2021 (dpa)" */
		if (!have_date && read_numeric_date(s, len, &j, &ts) && ts.month >= 1 && ts.month <= 12 &&
		    ts.day >= 1 && ts.day <= 31 && ts.year >= 1800 && ts.year <= 2200) {
			have_date = 1;
			out->year = ts.year;
			out->month = ts.month;
			out->day = ts.day;
			out->date_start = ds;
			out->date_len = j - ds;
			i = j;
		} else if (!have_date && read_day_month(s, len, &j, &m, &d)) {
			have_date = 1;
			out->month = m;
			out->day = d;
			if (read_year_after(s, len, &j, &y))
				out->year = y;
			out->date_start = ds;
			out->date_len = j - ds;
			i = j;
		} else if (!have_date && !have_country && (ce = country_end(s, len, j))) {
			size_t pl = strlen(out->place);
			if (pl + 2 + (ce - j) >= sizeof(out->place))
				return 0;
			memcpy(out->place + pl, ", ", 2);
			copy_str(out->place + pl + 2, sizeof(out->place) - pl - 2, s + j, ce - j);
			have_country = 1;
			i = ce;
		} else if (have_date) {
			break;   /* "Riyadh, March 5, 2023, SPA --": the agency follows */
		} else {
			return 0;
		}
	}
	return i;
}

/* The end of a place written in ordinary case: "Pyongyang", "New Delhi",
 * "Addis Ababa", "Dar es Salaam". One to four words, each opening with a
 * capital (short lower-case particles such as "es", "de", "al" may join
 * them), up to ',', '[', '(' or a date. A month name followed by a digit
 * ends the place ("Addis Ababa December 25/ 2019"). Returns the end or 0. */
static size_t mixed_place_end(const char *s, size_t len, size_t start)
{
	static const char *const particles[] = {"es", "de", "del", "da", "al", "el", "la", "of", "an", "du", NULL};
	size_t i = start, end = 0;
	int words = 0;
	int32_t cp;
	while (i < len) {
		size_t w = i, e = i, n = char_at(s, len, i, &cp);
		int upper = is_upper_cp(cp);
		while (e < len) {
			n = char_at(s, len, e, &cp);
			if (!is_alpha_cp(cp) && cp != '-' && cp != '\'' && cp != 0x2019 && !(cp == '.' && e > w))
				break;
			e += n;
		}
		if (e == w)
			break;
		size_t after = skip_spaces(s, len, e);
		size_t ae = alpha_end(s, len, w);
		if (!words && (weekday_from_name(s + w, (int)(ae - w)) >= 0 ||
			       month_from_name(s + w, (int)(ae - w))))
			return 0;   /* "Mon Feb 4, 2013": a date, not a place */
		if (month_from_name(s + w, (int)(alpha_end(s, len, w) - w)) && after < len &&
		    isdigit((unsigned char)s[after]) && words)
			break;
		if (!upper) {
			int ok = 0;
			for (int k = 0; particles[k] && words && !ok; k++)
				ok = e - w == strlen(particles[k]) && !strncmp(s + w, particles[k], e - w);
			if (!ok)
				return 0;
		}
		words++;
		if (upper)
			end = e;
		if (words > 4 || after == e || after >= len || !isalpha((unsigned char)s[after]))
			break;
		i = after;
	}
	if (!words || !end || end - start > 40)
		return 0;
	return end;
}

/* A date written right after the place without a comma, with its year:
 * "December 25/ 2019", "19 March 2023", "07.06.2021" (day.month.year).
 * Sets the date in *out and returns the index after it, or 0. */
static size_t direct_date(const char *s, size_t len, size_t i, struct dateline *out)
{
	size_t j = skip_spaces(s, len, i), ds = j;
	int m, d, y;
	if (j == i)
		return 0;
	if (read_day_month(s, len, &j, &m, &d)) {
		size_t k = j;
		if (k < len && s[k] == '/') {   /* ENA: "December 25/ 2019" */
			k = skip_spaces(s, len, k + 1);
			if (read_int(s, len, &k, 4, &y) != 4)
				return 0;
			j = k;
		} else if (!read_year_after(s, len, &j, &y)) {
			return 0;
		}
	} else {
		char sep;
		if (!read_int(s, len, &j, 2, &d) || j >= len || (s[j] != '.' && s[j] != '/'))
			return 0;
		sep = s[j++];
		if (!read_int(s, len, &j, 2, &m) || j >= len || s[j] != sep)
			return 0;
		j++;
		if (read_int(s, len, &j, 4, &y) != 4)
			return 0;
	}
	if (!is_valid_date(y, m, d))
		return 0;
	out->month = m, out->day = d, out->year = y;
	out->date_start = ds;
	out->date_len = j - ds;
	return j;
}

/* A page's lead mark before the dateline: "(MENAFN- Trend News Agency) " or,
 * cut off at the start, "MENAFN - Nam News Network) ". Returns the index
 * after it (and its blanks), or i when there is none; the agency it names
 * (after an aggregator's dash) goes to name[] ("" when none). */
static size_t skip_lead_mark(const char *s, size_t len, size_t i, char *name, size_t cap)
{
	size_t j = i + (i < len && s[i] == '(');
	name[0] = '\0';
	for (size_t k = j; k < len && k - j <= 48; k++) {
		if (s[k] == '(' || isdigit((unsigned char)s[k]) || s[k] == '.')
			return i;
		if (s[k] != ')')
			continue;
		if (k == j)
			return i;
		size_t a = j;
		for (size_t q = j; q < k; q++)
			if (s[q] == '-')
				a = q + 1;
		a = skip_spaces(s, len, a);
		if (a < k)
			copy_str(name, cap, s + a, k - a);
		return skip_spaces(s, len, k + 1);
	}
	return i;
}

/* "(UrduPoint News / Sputnik - 20th March, 2022)": agencies and a date in
 * one pair of parentheses. Takes the last agency named and the date. */
static int read_agency_date_group(const char *s, size_t len, size_t *i, struct dateline *out)
{
	size_t a = *i + 1, close = a;
	if (*i >= len || s[*i] != '(')
		return 0;
	while (close < len && close - a <= 96 && s[close] != ')' && s[close] != '(')
		close++;
	if (close >= len || s[close] != ')')
		return 0;
	for (size_t k = a; k < close; k++) {
		size_t j = k;
		if (read_dash(s, len, &j) || s[j] == ',')
			;
		else
			continue;
		if (s[j] == ',')
			j++;
		size_t ds = skip_spaces(s, len, j);
		size_t e = ds;
		int m, d, y = 0;
		if (!read_day_month(s, len, &e, &m, &d))
			continue;
		read_year_after(s, len, &e, &y);
		if (skip_spaces(s, len, e) != close)
			continue;
		/* the agency: the last name before the date, after any '/' */
		size_t ae = k, as = a;
		while (ae > a && (s[ae - 1] == ' ' || s[ae - 1] == ','))
			ae--;
		for (size_t q = a; q < ae; q++)
			if (s[q] == '/')
				as = skip_spaces(s, len, q + 1);
		if (ae <= as)
			return 0;
		char name[64];
		copy_str(name, sizeof(name), s + as, ae - as);
		if (!agency_canonical(name, strlen(name), out->agency, sizeof(out->agency))) {
			if (!plausible_agency(name))
				return 0;
			copy_str(out->agency, sizeof(out->agency), name, strlen(name));
		}
		out->month = m, out->day = d, out->year = y;
		out->date_start = ds;
		out->date_len = e - ds;
		*i = close + 1;
		return 1;
	}
	return 0;
}

/* An agency named without parentheses before a dash: old Kyodo copy
 * ("TOKYO, Sept. 25 Kyodo - "), SPA and AzerTag after a comma ("Riyadh,
 * March 5, 2023, SPA -- "), IRNA and SANA with no date ("Tehran, IRNA -- ",
 * "Damascus, SANA-"). Only a dictionary name counts. */
static int read_bare_agency(const char *s, size_t len, size_t *i, struct dateline *out)
{
	size_t j = *i;
	if (j < len && (s[j] == ',' || s[j] == '.'))
		j = skip_spaces(s, len, j + 1);
	size_t a = j;
	for (int w = 0; w < 3 && j < len; w++) {
		size_t e = j;
		int caps = 1;
		while (e < len && (isalpha((unsigned char)s[e]) ||
				   (s[e] == '-' && e + 1 < len && isalpha((unsigned char)s[e + 1])))) {
			caps &= !islower((unsigned char)s[e]);
			e++;
		}
		if (e == j)
			return 0;
		size_t k = skip_spaces(s, len, e), d = k;
		int sep = read_dash(s, len, &d);
		/* "Yerevan, March 12. ARMENPRESS. ", "Baku, June 5, AZERTAC The
		 * president ...": a stop, a colon, or the name in capitals right
		 * before the first word */
		if (!sep && k < len && (s[k] == '.' || s[k] == ':') && k == e) {
			d = k + 1;
			sep = d >= len || s[d] == ' ' || s[d] == '\n';
		}
		if (!sep && w == 0 && caps && e - a >= 3 && k > e && k < len && isupper((unsigned char)s[k])) {
			d = k;
			sep = 1;
		}
		if (sep && agency_canonical(s + a, e - a, out->agency, sizeof(out->agency))) {
			*i = skip_spaces(s, len, d);
			return 1;
		}
		j = k;
	}
	return 0;
}

/* After an agency mark: the dash, or (a date or a known agency being
 * there) a ':' or nothing before the first word ("(Prensa Latina) On
 * Wednesday", "(ANI): Myanmar's military"). */
static int read_loose_separator(const char *s, size_t len, size_t *i, int slash, int known,
                                int dated)
{
	if (read_separator(s, len, i, slash, known))
		return 1;
	size_t j = *i;
	if (!dated && !known)
		return 0;
	if (j < len && s[j] == ':')
		j++;
	size_t k = skip_spaces(s, len, j);
	int32_t cp;
	if (k == j || k >= len)
		return 0;
	char_at(s, len, k, &cp);
	if (!is_upper_cp(cp) && cp != '"' && cp != 0x201c && !isdigit((unsigned char)s[k]))
		return 0;
	*i = k;
	return 1;
}

int dateline_parse(const char *s, size_t len, struct dateline *out)
{
	memset(out, 0, sizeof(*out));
	char lead[64];
	size_t start = skip_lead_mark(s, len, skip_spaces(s, len, 0), lead, sizeof(lead));
	if (lead[0]) {   /* ANSA: "(ANSA) - ROME, MAR 5 - " */
		size_t d = start;
		if (read_dash(s, len, &d))
			start = skip_spaces(s, len, d);
	}
	int caps = 1;
	size_t pend = caps_place_end(s, len, start);
	if (!pend) {
		caps = 0;
		if (!(pend = mixed_place_end(s, len, start)))
			return 0;
	}
	copy_str(out->place, sizeof(out->place), s + start, pend - start);
	/* "Xinhua, July 12, 2016", "Reuters Published ...": an agency is no place. */
	if (!caps) {
		char tmp[64];
		size_t w = start;
		while (w < pend && s[w] != ' ')
			w++;
		if (agency_canonical(s + start, pend - start, tmp, sizeof(tmp)) ||
		    agency_canonical(s + start, w - start, tmp, sizeof(tmp)))
			return 0;
	}
	/* ANI: "New Delhi [India], March 15 (ANI):" */
	size_t b = skip_spaces(s, len, pend);
	if (b < len && s[b] == '[') {
		size_t e = b + 1;
		while (e < len && e - b < 40 && s[e] != ']')
			e++;
		size_t pl = strlen(out->place);
		if (e >= len || s[e] != ']' || pl + 2 + (e - b - 1) >= sizeof(out->place))
			return 0;
		memcpy(out->place + pl, ", ", 2);
		copy_str(out->place + pl + 2, sizeof(out->place) - pl - 2, s + b + 1, e - b - 1);
		pend = e + 1;
	}
	size_t g0 = pend;
	if (read_bare_agency(s, len, &g0, out)) {   /* "Tehran, IRNA -- " */
		int32_t cp;
		if (g0 >= len)
			return 0;
		char_at(s, len, g0, &cp);
		if (!is_upper_cp(cp) && cp != '"' && cp != 0x201c)
			return 0;
		out->consumed = g0;
		return 1;
	}
	size_t i = dateline_parts(s, len, pend, out);
	if (!i)
		return 0;
	if (!out->month) {
		size_t k = direct_date(s, len, i, out);
		if (k)
			i = k;
	}
	int dated = out->month && out->day;
	i = skip_spaces(s, len, i);
	int dot = 0;
	if (i < len && s[i] == '.') {    /* TASS: "January 6. /TASS/."; Trend: "Dec. 4." */
		i = skip_spaces(s, len, i + 1);
		dot = 1;
	} else if (dated && i > 0 && s[i - 1] == '.' && i < len && s[i] != '(' && s[i] != '/') {
		dot = 1;   /* "Dec. 4." is read as the month's dot; "Dec. 4. We" */
	}
	char name[64];
	int slash, known;
	size_t g = i;
	if (!dated && read_agency_date_group(s, len, &g, out)) {
		i = g;
		dated = 1;
		if (!read_loose_separator(s, len, &i, 0, 1, 1))
			return 0;
	} else if (read_agency_mark(s, len, &i, name, sizeof(name), &slash)) {
		known = agency_canonical(name, strlen(name), out->agency, sizeof(out->agency));
		if (!known) {
			if (!plausible_agency(name))
				return 0;
			copy_str(out->agency, sizeof(out->agency), name, strlen(name));
		}
		/* A place in ordinary case needs a date, or a dictionary agency
		 * and a capital after it ("Jakarta (ANTARA) - Indonesia ..."). */
		if (!caps && !dated && !known)
			return 0;
		if (!read_loose_separator(s, len, &i, slash, known, dated))
			return 0;
		if (!caps && !dated) {
			int32_t cp;
			size_t k = skip_spaces(s, len, i);
			if (k >= len)
				return 0;
			char_at(s, len, k, &cp);
			if (!is_upper_cp(cp) && cp != '"' && cp != 0x201c)
				return 0;
		}
	} else if (dated && read_bare_agency(s, len, &i, out)) {
		;
	} else {
		/* No agency: a dated place before a dash, a colon, a TASS-style
		 * dot, or (with a year) the first word. A place alone before a
		 * colon ("ISLAMABAD: ...") is not taken: the text reader would
		 * start the body there, after a standfirst it would then lose. */
		if (!dated)
			return 0;
		size_t k = i;
		if (read_dash(s, len, &k) || (k < len && s[k] == ':' && (k++, 1)))
			i = skip_spaces(s, len, k);
		else if (!(dot && caps) && !(out->year && (caps || s[pend] != ',')))
			return 0;
		int32_t cp;
		if (i >= len)
			return 0;
		char_at(s, len, i, &cp);
		if (!is_upper_cp(cp) && cp != '"' && cp != 0x201c)
			return 0;
	}
	if (out->month && out->day && out->year && !is_valid_date(out->year, out->month, out->day))
		return 0;
	/* No agency of its own: the one the page's lead mark names. */
	if (!out->agency[0] && lead[0] &&
	    !agency_canonical(lead, strlen(lead), out->agency, sizeof(out->agency)) && plausible_agency(lead))
		copy_str(out->agency, sizeof(out->agency), lead, strlen(lead));
	out->consumed = skip_spaces(s, len, i);
	return 1;
}

/* A place as a dateline field writes it before its first ',' or '(' or a
 * dash: no digit, at most five words. Returns its end, or 0. */
static size_t field_place_end(const char *s, size_t len, size_t start)
{
	size_t n = start;
	while (n < len && s[n] != ',' && s[n] != '(' && s[n] != '\n' &&
	       !(s[n] == ' ' && n + 1 < len &&
		 (s[n + 1] == '-' || s[n + 1] == '_' || (unsigned char)s[n + 1] == 0xE2)))
		n++;
	while (n > start && s[n - 1] == ' ')
		n--;
	if (n - start < 2 || n - start > 60 || s[start] == '(')
		return 0;
	int words = 1;
	for (size_t k = start; k < n; k++) {
		if (isdigit((unsigned char)s[k]))
			return 0;
		words += s[k] == ' ';
	}
	return words <= 5 ? n : 0;
}

int dateline_field(const char *s, size_t len, struct dateline *out)
{
	size_t start = skip_spaces(s, len, 0);
	while (len > start && (s[len - 1] == ' ' || s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	if (dateline_parse(s, len, out))
		return 1;
	memset(out, 0, sizeof(*out));
	size_t pend = field_place_end(s, len, start);
	if (pend) {
		copy_str(out->place, sizeof(out->place), s + start, pend - start);
		/* "MOSCOW, Jan 6": the date when the next part is one */
		size_t j = skip_spaces(s, len, pend);
		if (j < len && s[j] == ',') {
			j = skip_spaces(s, len, j + 1);
			size_t ds = j;
			int m, d, y;
			if (read_day_month(s, len, &j, &m, &d)) {
				out->month = m;
				out->day = d;
				if (read_year_after(s, len, &j, &y))
					out->year = y;
				out->date_start = ds;
				out->date_len = j - ds;
			}
		}
	}
	/* "MOSCOW, Monday (Reuters)": the agency in the first brackets. */
	const char *open = memchr(s + start, '(', len - start);
	if (open) {
		size_t a = (size_t)(open - s) + 1, e = a;
		while (e < len && e - a < 60 && s[e] != ')')
			e++;
		if (e < len && s[e] == ')')
			agency_canonical(s + a, e - a, out->agency, sizeof(out->agency));
	}
	out->consumed = len;
	return out->place[0] || out->agency[0];
}

/* ---- timestamps ---------------------------------------------------------- */

/* Words that may open a timestamp line ("Updated: ...", "Published on ..."). */
static size_t skip_label(const char *s, size_t len, size_t i, int *updated)
{
	static const struct { const char *word; int updated; } labels[] = {
		{"last updated", 1}, {"last update", 1}, {"first published", 0}, {"updated", 1},
		{"update", 1}, {"published", 0},
		{"posted", 0}, {"released", 0}, {"issued", 0}, {"modified", 1}, {"dated", 0},
		{"date", 0},
		/* French, Spanish, Italian, German, Portuguese */
		{"mis à jour le", 1}, {"mise à jour le", 1}, {"mis à jour", 1}, {"mise à jour", 1},
		{"publié le", 0}, {"publié", 0}, {"actualizado el", 1}, {"actualizado", 1},
		{"publicado el", 0}, {"publicado em", 0}, {"publicado", 0}, {"atualizado em", 1},
		{"atualizado", 1}, {"aggiornato il", 1}, {"aggiornato", 1}, {"pubblicato il", 0},
		{"pubblicato", 0}, {"aktualisiert am", 1}, {"aktualisiert", 1},
		{"veröffentlicht am", 0}, {"veröffentlicht", 0}, {"stand", 1}, {NULL, 0},
	};
	for (int k = 0; labels[k].word; k++) {
		size_t n = strlen(labels[k].word);
		if (len - i >= n && !strncasecmp(s + i, labels[k].word, n) &&
		    (i + n == len || !isalpha((unsigned char)s[i + n]))) {
			size_t j = i + n;
			*updated = labels[k].updated;
			if (j < len && s[j] == ':')
				j++;
			j = skip_spaces(s, len, j);
			if (len - j >= 3 && (!strncasecmp(s + j, "on", 2) || !strncasecmp(s + j, "at", 2)) &&
			    (s[j + 2] == ' ' || s[j + 2] == ':'))   /* "Published on", "Published On:" */
				j = skip_spaces(s, len, j + 3);
			return j;
		}
	}
	return i;
}

static size_t skip_weekday(const char *s, size_t len, size_t i)
{
	size_t e = alpha_end(s, len, i);
	if (e == i || weekday_from_name(s + i, (int)(e - i)) < 0)
		return i;
	if (e < len && s[e] == ',')
		e++;
	size_t k = skip_spaces(s, len, e);
	return k > e || (e > i && s[e - 1] == ',') ? k : i;
}

/* Whether the line reads as American: a 12-hour clock or a US zone. */
static int us_line(const char *s, size_t len)
{
	static const char *const cues[] = {" AM", " PM", " a.m.", " p.m.", " EST", " EDT", " ET", " PT", NULL};
	for (int k = 0; cues[k]; k++) {
		size_t n = strlen(cues[k]);
		for (size_t i = 0; i + n <= len; i++)
			if (!strncmp(s + i, cues[k], n) && (i + n == len || !isalpha((unsigned char)s[i + n])))
				return 1;
	}
	return 0;
}

/* A numeric date: "2015-01-06", "2015/01/06", "2018.05.16", "06.01.2015"
 * (day.month.year) or, with slashes and the year last, "03/14/2022": the
 * order is the one that makes a date (a part above 12 is the day); when
 * both orders would, the US order month/day is taken only when the line is
 * American (12-hour clock, US zone: us_line), else the day comes first, as
 * everywhere else ("Issued on: 11/04/2023 - 17:48": 11 April). */
static int read_numeric_date(const char *s, size_t len, size_t *i, struct timestamp *ts)
{
	size_t j = *i;
	int a, b, c;
	if (read_int(s, len, &j, 4, &a) == 4 && j < len && (s[j] == '-' || s[j] == '/' || s[j] == '.')) {
		char sep = s[j++];
		if (read_int(s, len, &j, 2, &b) && j < len && s[j] == sep && (j++, 1) &&
		    read_int(s, len, &j, 2, &c)) {
			ts->year = a, ts->month = b, ts->day = c;
			*i = j;
			return 1;
		}
		return 0;
	}
	j = *i;
	if (read_int(s, len, &j, 2, &a) && j < len && (s[j] == '.' || s[j] == '/')) {
		char sep = s[j++];
		if (read_int(s, len, &j, 2, &b) && j < len && s[j] == sep && (j++, 1) &&
		    read_int(s, len, &j, 4, &c) == 4) {
			if (sep == '.' || a > 12 || (b <= 12 && !us_line(s, len)))
				ts->year = c, ts->month = b, ts->day = a;
			else
				ts->year = c, ts->month = a, ts->day = b;
			*i = j;
			return 1;
		}
	}
	return 0;
}

static int read_date(const char *s, size_t len, size_t *i, struct timestamp *ts)
{
	size_t j = *i;
	int ok = read_numeric_date(s, len, &j, ts);
	if (!ok) {
		j = *i;
		ok = read_day_month(s, len, &j, &ts->month, &ts->day) &&
		     read_year_after(s, len, &j, &ts->year);
	}
	if (!ok) {   /* Reuters-21578's DATE field: "26-FEB-1987 15:01:01.79" */
		j = *i;
		ok = read_day(s, len, &j, &ts->day) && j < len && s[j] == '-' && (j++, 1) &&
		     (ts->month = read_month(s, len, &j)) && j < len && s[j] == '-' && (j++, 1) &&
		     read_int(s, len, &j, 4, &ts->year) == 4;
	}
	if (!ok || !is_valid_date(ts->year, ts->month, ts->day))
		return 0;
	/* A date followed by more words ("May 23, 2016 was ...") is prose. */
	*i = j;
	return 1;
}

/* The separator between date and time: ",", "/", "-", "|", "at", "T" or blanks. */
static size_t time_separator(const char *s, size_t len, size_t i)
{
	if (i < len && s[i] == 'T')
		return i + 1;
	size_t j = skip_spaces(s, len, i);
	size_t k = j;
	if (k < len && (s[k] == ',' || s[k] == '/' || s[k] == '|'))
		k++;
	else if (read_dash(s, len, &k))
		;
	else if (len - k >= 3 && !strncasecmp(s + k, "at ", 3))
		k += 2;
	else if (len - k >= 4 && !strncmp(s + k, "\xc3\xa0 ", 3))   /* French "à 10:15" */
		k += 2;
	else if (len - k >= 3 && (!strncasecmp(s + k, "um ", 3) || !strncasecmp(s + k, "as ", 3)))
		k += 2;   /* German "um 10:15 Uhr", Portuguese "às" without its accent */
	else if (len - k >= 6 && !strncasecmp(s + k, "a las ", 6))
		k += 5;
	else if (len - k >= 5 && !strncasecmp(s + k, "alle ", 5))
		k += 4;
	return skip_spaces(s, len, k);
}

/* "10:10", "8:13 AM", "17:45:12", "8:13 p.m.". */
static int read_time(const char *s, size_t len, size_t *i, struct timestamp *ts)
{
	size_t j = *i;
	int h, m, sec;
	if (!read_int(s, len, &j, 2, &h) || j >= len || s[j] != ':')
		return 0;
	j++;
	if (read_int(s, len, &j, 2, &m) != 2 || h > 23 || m > 59)
		return 0;
	if (j < len && s[j] == ':') {
		size_t k = j + 1;
		if (read_int(s, len, &k, 2, &sec) == 2)
			j = k;
	}
	if (j + 1 < len && s[j] == '.' && isdigit((unsigned char)s[j + 1])) {   /* fractions */
		j++;
		while (j < len && isdigit((unsigned char)s[j]))
			j++;
	}
	size_t k = skip_spaces(s, len, j);
	int pm = -1;
	if (len - k >= 2 && (!strncasecmp(s + k, "am", 2) || !strncasecmp(s + k, "pm", 2)) &&
	    (k + 2 == len || !isalpha((unsigned char)s[k + 2]))) {
		pm = tolower((unsigned char)s[k]) == 'p';
		j = k + 2;
	} else if (len - k >= 4 && (!strncasecmp(s + k, "a.m.", 4) || !strncasecmp(s + k, "p.m.", 4))) {
		pm = tolower((unsigned char)s[k]) == 'p';
		j = k + 4;
	}
	if (pm >= 0) {
		if (h < 1 || h > 12)
			return 0;
		h = h % 12 + (pm ? 12 : 0);
	}
	ts->hour = h;
	ts->minute = m;
	ts->has_time = 1;
	*i = j;
	return 1;
}

/* "+3", "+03", "+0300", "+03:00", "-5": sets *min, advances. */
static int read_offset_num(const char *s, size_t len, size_t *i, int *min)
{
	size_t j = *i;
	int sign;
	if (j < len && s[j] == '+')
		sign = 1;
	else if (j < len && s[j] == '-')
		sign = -1;
	else if (j + 2 < len && (unsigned char)s[j] == 0xe2 && (unsigned char)s[j + 1] == 0x88 &&
		 (unsigned char)s[j + 2] == 0x92)   /* U+2212 minus */
		sign = -1, j += 2;
	else
		return 0;
	j++;
	int h, m = 0, n = read_int(s, len, &j, 4, &h);
	if (n == 4) {
		m = h % 100;
		h /= 100;
	} else if (n == 3 || n == 0) {
		return 0;
	} else if (j < len && s[j] == ':') {
		size_t k = j + 1;
		if (read_int(s, len, &k, 2, &m) == 2)
			j = k;
	}
	if (h > 14 || m > 59)
		return 0;
	*min = sign * (h * 60 + m);
	*i = j;
	return 1;
}

/* Daylight saving in the United States, by date (the rules of 2007 and of
 * 1987-2006; the switch hour is ignored). */
static int us_dst(int y, int m, int d)
{
	int64_t day = days_from_civil(y, m, d);
	int64_t a, b;
	if (y >= 2007) {
		int64_t mar1 = days_from_civil(y, 3, 1), nov1 = days_from_civil(y, 11, 1);
		a = mar1 + (7 - weekday_from_days(mar1)) % 7 + 7;   /* second Sunday of March */
		b = nov1 + (7 - weekday_from_days(nov1)) % 7;       /* first Sunday of November */
	} else {
		int64_t apr1 = days_from_civil(y, 4, 1), oct31 = days_from_civil(y, 10, 31);
		a = apr1 + (7 - weekday_from_days(apr1)) % 7;       /* first Sunday of April */
		b = oct31 - weekday_from_days(oct31);               /* last Sunday of October */
	}
	return day >= a && day < b;
}

/* A zone name after a time. Returns 1 with *min, advancing; US zones follow
 * daylight saving by date, MSK the changes of 2011 and 2014. */
static int read_zone_name(const char *s, size_t len, size_t *i, const struct timestamp *ts, int *min)
{
	static const struct { const char *name; int min; int us; } zones[] = {
		{"UTC", 0, 0}, {"GMT", 0, 0}, {"Z", 0, 0}, {"JST", 540, 0}, {"KST", 540, 0},
		{"HKT", 480, 0}, {"SGT", 480, 0}, {"BJT", 480, 0}, {"CET", 60, 0}, {"CEST", 120, 0},
		{"EET", 120, 0}, {"EEST", 180, 0}, {"BST", 60, 0}, {"WET", 0, 0}, {"IST", 330, 0},
		{"PKT", 300, 0}, {"AEST", 600, 0}, {"AEDT", 660, 0}, {"MSK", 180, 0},
		{"EST", -300, 0}, {"EDT", -240, 0}, {"CDT", -300, 0}, {"MST", -420, 0},
		{"MDT", -360, 0}, {"PST", -480, 0}, {"PDT", -420, 0},
		{"ET", -300, 1}, {"CT", -360, 1}, {"MT", -420, 1}, {"PT", -480, 1},
		{NULL, 0, 0},
	};
	size_t j = *i, e = j;
	while (e < len && isupper((unsigned char)s[e]))
		e++;
	if (e == j || (e < len && isalpha((unsigned char)s[e])))
		return 0;
	for (int k = 0; zones[k].name; k++) {
		if (strlen(zones[k].name) != e - j || strncmp(s + j, zones[k].name, e - j))
			continue;
		*min = zones[k].min;
		if (zones[k].us && us_dst(ts->year, ts->month, ts->day))
			*min += 60;
		if (!strcmp(zones[k].name, "MSK")) {
			int64_t day = days_from_civil(ts->year, ts->month, ts->day);
			if (day >= days_from_civil(2011, 3, 27) && day < days_from_civil(2014, 10, 26))
				*min = 240;
		}
		*i = e;
		return 1;
	}
	return 0;
}

/* A zone after the time: "UTC+3", "GMT", "+0300", "Z", "EDT", "(UTC+03:00)". */
static int read_zone(const char *s, size_t len, size_t *i, struct timestamp *ts)
{
	size_t j = skip_spaces(s, len, *i);
	int paren = j < len && s[j] == '(';
	if (paren)
		j++;
	int min = 0, off;
	if (read_offset_num(s, len, &j, &min)) {
		;
	} else if (read_zone_name(s, len, &j, ts, &min)) {
		size_t k = j;
		if ((min == 0) && read_offset_num(s, len, &k, &off))   /* "UTC+3", "GMT-5" */
			min = off, j = k;
	} else {
		return 0;
	}
	if (paren) {
		if (j >= len || s[j] != ')')
			return 0;
		j++;
	}
	ts->offset_min = min;
	ts->offset_known = 1;
	*i = j;
	return 1;
}

/* "KYODO NEWS - Jul 19, 2019", "The Canadian Press, March 21, 2022",
 * "Xinhua) 16:57, August 04, 2023" (a cut parenthesis), "MAP 21 October
 * 2020", "Reuters Published ...": a short name without digits before " - ",
 * " | ", ", " or ") ", or a dictionary agency before a blank. Returns the
 * index after the separator, or 0. */
static size_t skip_name_prefix(const char *s, size_t len, size_t i)
{
	size_t named = 0;
	for (size_t j = i; j < len && j - i < 48; j++) {
		if (isdigit((unsigned char)s[j]))
			return named;
		if (j > i && s[j] == ' ' && j + 2 < len && (s[j + 1] == '|' || s[j + 1] == '-') &&
		    s[j + 2] == ' ')
			return skip_spaces(s, len, j + 2);
		if (j > i && (s[j] == ',' || s[j] == ')') && j + 1 < len && s[j + 1] == ' ' &&
		    isupper((unsigned char)s[i]))
			return skip_spaces(s, len, j + 1);
		if (j > i && s[j] == ' ' && !named) {
			char tmp[64];
			if (agency_canonical(s + i, j - i, tmp, sizeof(tmp)))
				named = skip_spaces(s, len, j);
		}
	}
	return named;
}

/* Page furniture a timestamp line may end with ("Text size: A+ A-",
 * "Print", "Share"): returns 1 when s[i..len) is only that. */
static int furniture_tail(const char *s, size_t len, size_t i)
{
	static const char *const words[] = {"text size", "font size", "print", "share", "email",
					    "comments", "read more", NULL};
	for (int k = 0; words[k]; k++) {
		size_t n = strlen(words[k]);
		if (len - i >= n && !strncasecmp(s + i, words[k], n) && len - i <= n + 16)
			return 1;
	}
	return 0;
}

/* A byline after the date ("Posted on March 3, 2015 by Jane Doe"): "by"
 * and at most five words. */
static int byline_tail(const char *s, size_t len, size_t i)
{
	if (len - i < 4 || strncasecmp(s + i, "by ", 3))
		return 0;
	int words = 1;
	for (size_t k = i + 3; k < len; k++) {
		if (isdigit((unsigned char)s[k]))
			return 0;
		words += s[k] == ' ';
	}
	return words <= 5;
}

static int scan_at(const char *s, size_t len, size_t i, struct timestamp *ts, int depth);

/* An age as pages print it after "Updated": "2 hours ago", "an hour ago",
 * "3 mins ago", "just now"; 1 when s[i..len) is only that. */
static int relative_age(const char *s, size_t len, size_t i)
{
	static const char *const units[] = {"seconds", "second", "secs", "mins", "min", "minutes", "minute",
					    "hours", "hour", "hrs", "hr", "days", "day", "weeks", "week", NULL};
	i = skip_spaces(s, len, i);
	if (len - i == 8 && !strncasecmp(s + i, "just now", 8))
		return 1;
	size_t k = i;
	while (k < len && isdigit((unsigned char)s[k]))
		k++;
	if (k == i) {
		if (len - i > 3 && !strncasecmp(s + i, "an ", 3))
			k = i + 2;
		else if (len - i > 2 && !strncasecmp(s + i, "a ", 2))
			k = i + 1;
		else
			return 0;
	}
	k = skip_spaces(s, len, k);
	for (int u = 0; units[u]; u++) {
		size_t n = strlen(units[u]);
		if (len - k >= n && !strncasecmp(s + k, units[u], n) && (k + n == len || s[k + n] == ' ')) {
			size_t r = skip_spaces(s, len, k + n);
			return len - r == 3 && !strncasecmp(s + r, "ago", 3);
		}
	}
	return 0;
}

/* What may follow the date and time: nothing, sections after '|', a
 * place in capitals ("TOKYO"), a second stamp ("Updated October 28, 2025
 * 01:19pm"), a byline or page furniture. */
static int timestamp_tail(const char *s, size_t len, size_t i, struct timestamp *ts, int depth)
{
	size_t j = skip_spaces(s, len, i);
	if (j >= len || s[j] == '|')
		return 1;
	if (s[j] == ',')
		j = skip_spaces(s, len, j + 1);
	if (furniture_tail(s, len, j) || byline_tail(s, len, j))
		return 1;
	int updated = 0;
	size_t k = skip_label(s, len, j, &updated);
	struct timestamp second;
	if (k > j && !depth && scan_at(s, len, j, &second, 1))
		return 1;
	if (k > j && updated && relative_age(s, len, k))
		return 1;   /* "Updated 2 hours ago": no date to keep */
	size_t e = caps_place_end(s, len, j);
	if (!e || skip_spaces(s, len, e) < len)
		return 0;
	copy_str(ts->place, sizeof(ts->place), s + j, e - j);
	return 1;
}

/* A time before the date: "16:57, August 04, 2023", "00:51 UTC+8,
 * 2021-04-26". Returns 1 and sets *i past the date, else 0. */
static int time_then_date(const char *s, size_t len, size_t *i, struct timestamp *ts)
{
	size_t j = *i;
	struct timestamp t;
	memset(&t, 0, sizeof(t));
	if (!read_time(s, len, &j, &t))
		return 0;
	size_t z = j;
	int zoned = 0;
	t.year = 2000, t.month = 1, t.day = 1;   /* a zone's rules need a date: fixed below */
	if (read_zone(s, len, &z, &t))
		j = z, zoned = 1;
	if (j < len && s[j] == ',')
		j++;
	size_t k = skip_spaces(s, len, j);
	if (k == j && (k >= len || s[k - 1] != ','))
		return 0;
	if (!read_date(s, len, &k, ts))
		return 0;
	ts->hour = t.hour, ts->minute = t.minute, ts->has_time = 1;
	if (zoned) {   /* the zone again, with the real date (daylight saving) */
		size_t z2 = *i;
		read_time(s, len, &z2, &t);
		read_zone(s, len, &z2, ts);
	}
	*i = k;
	return 1;
}

static int scan_at(const char *s, size_t len, size_t i, struct timestamp *ts, int depth)
{
	memset(ts, 0, sizeof(*ts));
	int updated = 0;
	size_t ds = skip_label(s, len, i, &updated);
	size_t te;
	i = skip_weekday(s, len, ds);
	if (time_then_date(s, len, &i, ts)) {
		te = i;
	} else {
		if (!read_date(s, len, &i, ts)) {
			memset(ts, 0, sizeof(*ts));
			size_t k = skip_name_prefix(s, len, ds);
			if (!k)
				return 0;
			ds = skip_label(s, len, k, &updated);
			i = skip_weekday(s, len, ds);
			if (time_then_date(s, len, &i, ts))
				goto tail;
			memset(ts, 0, sizeof(*ts));
			if (!read_date(s, len, &i, ts))
				return 0;
		}
		te = i;
		size_t j = time_separator(s, len, i);
		int paren = j > i && j < len && s[j] == '(';   /* KBS: "2018.05.16 (15:09)" */
		j += paren;
		if (j > i && read_time(s, len, &j, ts)) {
			if (paren && j < len && s[j] == ')')
				j++;
			te = i = j;
			if (read_zone(s, len, &j, ts))
				te = i = j;
		} else {
			ts->has_time = 0;
		}
	}
tail:
	te = i;
	if (!timestamp_tail(s, len, i, ts, depth))
		return 0;
	ts->text_start = ds;
	ts->text_len = te - ds;
	ts->updated = updated;
	return 1;
}

int timestamp_scan(const char *s, size_t len, struct timestamp *ts)
{
	memset(ts, 0, sizeof(*ts));
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
		len--;
	size_t i = skip_spaces(s, len, 0);
	if (len - i > 200 || len == i)
		return 0;
	/* "(Published 21 September 2018, 19:10 IST)" */
	if (s[i] == '(' && s[len - 1] == ')') {
		i = skip_spaces(s, len, i + 1);
		len--;
	}
	return scan_at(s, len, i, ts, 0);
}

int timestamp_parse(const char *s, size_t len, int *y, int *mo, int *d, int *hh, int *mi,
                    int *has_time, int *offset_min, int *offset_known, char *place,
                    size_t place_cap)
{
	struct timestamp ts;
	if (!timestamp_scan(s, len, &ts))
		return 0;
	if (y)
		*y = ts.year;
	if (mo)
		*mo = ts.month;
	if (d)
		*d = ts.day;
	if (hh)
		*hh = ts.hour;
	if (mi)
		*mi = ts.minute;
	if (has_time)
		*has_time = ts.has_time;
	if (offset_min)
		*offset_min = ts.offset_min;
	if (offset_known)
		*offset_known = ts.offset_known;
	if (place)
		copy_str(place, place_cap, ts.place, strlen(ts.place));
	return 1;
}

/* ---- agency names -------------------------------------------------------- */

/* Issuers and the big agencies, for when the dictionary lacks them: a phrase
 * as pages print it, and the name it stands for. The dictionary's entries win,
 * and a name here is itself canonicalised by the dictionary. */
static const struct { const char *phrase, *name; } builtin_agencies[] = {
	{"TASS", "TASS"}, {"ITAR-TASS", "TASS"}, {"TASS Russian News Agency", "TASS"},
	{"Xinhua", "Xinhua"}, {"Xinhua News Agency", "Xinhua"}, {"Xinhuanet", "Xinhua"},
	{"Reuters", "Reuters"}, {"Thomson Reuters", "Reuters"},
	{"AP", "AP"}, {"Associated Press", "AP"}, {"The Associated Press", "AP"},
	{"AFP", "AFP"}, {"Agence France-Presse", "AFP"}, {"Agence France Presse", "AFP"},
	{"Kyodo", "Kyodo"}, {"Kyodo News", "Kyodo"},
	{"Yonhap", "Yonhap"}, {"Yonhap News Agency", "Yonhap"},
	{"Office of the Spokesperson", "US State Department"},
	{"U.S. Department of State", "US State Department"},
	{"Department of State", "US State Department"},
	{"State Department", "US State Department"},
	{"Ministry of Foreign Affairs of Japan", "Japanese Foreign Ministry"},
	{"MOFA Japan", "Japanese Foreign Ministry"},
	{"Ministry of Foreign Affairs of the People's Republic of China", "Chinese Foreign Ministry"},
	{"Ministry of Foreign Affairs of the Russian Federation", "Russian Foreign Ministry"},
	{"The Ministry of Foreign Affairs of the Russian Federation", "Russian Foreign Ministry"},
	{"Council of the EU", "Council of the EU"},
	{"Council of the European Union", "Council of the EU"},
	{"Meetings Coverage and Press Releases", "United Nations"},
	{"United Nations", "United Nations"},
	{"UN Press", "United Nations"},
	{NULL, NULL},
};

struct agency_key {
	char *key;          /* normalised phrase */
	const char *name;   /* canonical name (owned by the table's name pool) */
	int prio;           /* 0 dictionary, 1 built-in: the lower wins on equal keys */
	size_t order;       /* insertion order, for a stable choice */
	long entry;         /* the dictionary row (index in names), or -1 */
};

/* One row of the dictionary. */
struct agency_entry {
	char *name;         /* canonical name (malloc'd) */
	char state[8];      /* ISO 3166-1 alpha-3 code, or "" */
	int word;           /* its one-word keys also match as a word of a longer name */
};

static struct {
	struct agency_key *keys;
	size_t n, cap;
	struct agency_entry *names;   /* the dictionary's rows */
	size_t n_names, cap_names;
} agencies;
static pthread_once_t agencies_once = PTHREAD_ONCE_INIT;

/* Normalises a name for lookup: ASCII lower case, '.' dropped, ’ as ',
 * blanks collapsed, trimmed. Returns the length written, or 0 when the
 * result would not fit (cap includes the NUL). */
static size_t normalise(const char *s, size_t n, char *out, size_t cap)
{
	size_t o = 0;
	int space = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		size_t sp = space_at(s, n, i);
		if (sp || c == '\r' || c == '\n') {
			space = o > 0;
			i += sp ? sp - 1 : 0;
			continue;
		}
		if (c == '.')
			continue;
		if (c == 0xe2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] == 0x99) {
			c = '\'';
			i += 2;
		}
		if (o + space + 2 > cap)
			return 0;
		if (space)
			out[o++] = ' ';
		space = 0;
		out[o++] = (char)tolower(c);
	}
	out[o] = '\0';
	return o;
}

static int add_key(const char *phrase, size_t n, const char *name, int prio, long entry)
{
	char norm[160];
	if (!normalise(phrase, n, norm, sizeof(norm)))
		return 0;
	if (agencies.n == agencies.cap) {
		size_t cap = agencies.cap ? agencies.cap * 2 : 128;
		struct agency_key *k = realloc(agencies.keys, cap * sizeof(*k));
		if (!k)
			return -1;
		agencies.keys = k;
		agencies.cap = cap;
	}
	char *key = strdup(norm);
	if (!key)
		return -1;
	agencies.keys[agencies.n] = (struct agency_key){key, name, prio, agencies.n, entry};
	agencies.n++;
	return 0;
}

static const char *keep_name(const char *s, size_t n)
{
	if (agencies.n_names == agencies.cap_names) {
		size_t cap = agencies.cap_names ? agencies.cap_names * 2 : 64;
		struct agency_entry *p = realloc(agencies.names, cap * sizeof(*p));
		if (!p)
			return NULL;
		agencies.names = p;
		agencies.cap_names = cap;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
		n--;
	char *name = strndup(s, n);
	if (name)
		agencies.names[agencies.n_names++] = (struct agency_entry){name, "", 0};
	return name;
}

/* The trimmed column after the tab at *i (or an empty one past the end):
 * sets *a and *e to its bounds and *i to the tab or end after it. */
static void next_column(const char *line, size_t n, size_t *i, size_t *a, size_t *e)
{
	size_t k = *i < n ? *i + 1 : n;
	size_t end = k;
	while (end < n && line[end] != '\t')
		end++;
	*i = end;
	while (k < end && (line[k] == ' ' || line[k] == '\r'))
		k++;
	while (end > k && (line[end - 1] == ' ' || line[end - 1] == '\r'))
		end--;
	*a = k;
	*e = end;
}

/* One line of agencies.tsv: "name<TAB>alias;alias<TAB>style[<TAB>state[<TAB>word]]". */
static int add_dict_line(const char *line, size_t n)
{
	size_t t1 = 0;
	while (t1 < n && line[t1] != '\t')
		t1++;
	const char *name = keep_name(line, t1);
	if (!name)
		return -1;
	long entry = (long)agencies.n_names - 1;
	if (!*name || add_key(name, strlen(name), name, 0, entry))
		return *name ? -1 : 0;
	size_t a = t1 + 1;
	while (a < n && line[a] != '\t') {
		size_t e = a;
		while (e < n && line[e] != ';' && line[e] != '\t')
			e++;
		if (e > a && add_key(line + a, e - a, name, 0, entry))
			return -1;
		a = e < n && line[e] == ';' ? e + 1 : e;
	}
	size_t i = a, ca, ce;
	next_column(line, n, &i, &ca, &ce);   /* style */
	next_column(line, n, &i, &ca, &ce);   /* state */
	struct agency_entry *row = &agencies.names[entry];
	if (ce > ca && ce - ca < sizeof(row->state))
		copy_str(row->state, sizeof(row->state), line + ca, ce - ca);
	next_column(line, n, &i, &ca, &ce);   /* word */
	row->word = ce - ca == 4 && !strncmp(line + ca, "word", 4);
	return 0;
}

static int cmp_key(const void *a, const void *b)
{
	const struct agency_key *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	if (x->prio != y->prio)
		return x->prio - y->prio;
	return x->order < y->order ? -1 : x->order > y->order;
}

static const struct agency_key *find_key(const char *norm)
{
	size_t lo = 0, hi = agencies.n;
	while (lo < hi) {   /* the first entry with this key: the winning one */
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(agencies.keys[mid].key, norm) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < agencies.n && !strcmp(agencies.keys[lo].key, norm) ? &agencies.keys[lo] : NULL;
}

static void load_dictionary(void)
{
	for (const struct embedded_file *f = embedded_dict; f->name; f++) {
		if (strcmp(f->name, "agencies.tsv"))
			continue;
		size_t i = 0;
		while (i < f->len) {
			size_t e = i;
			while (e < f->len && f->data[e] != '\n')
				e++;
			if (e > i && f->data[i] != '#' && add_dict_line(f->data + i, e - i))
				return;
			i = e + 1;
		}
	}
}

static void agencies_init(void)
{
	load_dictionary();
	size_t n_dict = agencies.n;
	if (n_dict)
		qsort(agencies.keys, n_dict, sizeof(*agencies.keys), cmp_key);
	/* Built-in names go through the dictionary too, so that one name is
	 * used for an agency whichever way it was found. */
	for (int k = 0; builtin_agencies[k].phrase; k++) {
		char norm[160];
		const char *name = builtin_agencies[k].name;
		const struct agency_key *hit = NULL;
		if (n_dict && normalise(name, strlen(name), norm, sizeof(norm)) && (hit = find_key(norm)))
			name = hit->name;
		const char *p = builtin_agencies[k].phrase;
		if (add_key(p, strlen(p), name, 1, hit ? hit->entry : -1))
			break;
	}
	if (agencies.n)
		qsort(agencies.keys, agencies.n, sizeof(*agencies.keys), cmp_key);
}

int agency_canonical(const char *s, size_t n, char *out, size_t cap)
{
	if (cap)
		out[0] = '\0';
	pthread_once(&agencies_once, agencies_init);
	char norm[160];
	if (!normalise(s, n, norm, sizeof(norm)))
		return 0;
	const struct agency_key *hit = find_key(norm);
	if (!hit)
		return 0;
	copy_str(out, cap, hit->name, strlen(hit->name));
	return 1;
}

static const struct agency_key *lookup_key(const char *s, size_t n)
{
	pthread_once(&agencies_once, agencies_init);
	char norm[160];
	if (!normalise(s, n, norm, sizeof(norm)))
		return NULL;
	return find_key(norm);
}

const char *agency_lookup(const char *s, size_t n)
{
	const struct agency_key *hit = lookup_key(s, n);
	return hit ? hit->name : NULL;
}

const char *agency_lookup_word(const char *s, size_t n)
{
	const struct agency_key *hit = lookup_key(s, n);
	if (!hit || hit->entry < 0 || !agencies.names[hit->entry].word || strchr(hit->key, ' '))
		return NULL;
	return hit->name;
}

const char *agency_state(const char *name)
{
	if (!name)
		return NULL;
	const struct agency_key *hit = lookup_key(name, strlen(name));
	if (!hit || hit->entry < 0 || !agencies.names[hit->entry].state[0])
		return NULL;
	return agencies.names[hit->entry].state;
}
