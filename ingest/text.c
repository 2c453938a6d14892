/* Reader for plain-text reports: see text.h.
 *
 * The text is cut into units: a line, or a hard-wrapped paragraph joined
 * back (lines of a block wrapped at 50 to 100 columns, joined by where they
 * break). Each unit is classified once (timestamp, dateline, link list,
 * counter, boilerplate phrase, "Label: value" field, URL, agency line,
 * byline, related headline) and measured (words, sentence end, capitals).
 * Then a few anchors decide the layout:
 *   D  the first dateline paragraph;
 *   T  the first timestamp line that is not one of a run of related
 *      headlines and comes before the body;
 *   B  where the body starts: D, else the first prose paragraph after T;
 *   L  where it ends: the last prose paragraph that is not boilerplate (a
 *      sentence end after an agency sign-off, tag or stamp is cut counts),
 *      or the page's last text when it is prose cut in mid-sentence, so
 *      trailers (menus, "Show more", related lists, copyright) fall away.
 * The headline is the closest title-like line before T (or after it, for
 * pages that print the time first), the lede a plain sentence left between
 * the headline/timestamp and B. Every step is linear in the input.
 */
#include "ingest/text.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest/dateline.h"
#include "ingest/timex.h"
#include "util/buf.h"
#include "util/cdate.h"

#define NONE SIZE_MAX

enum unit_kind {
	U_TS = 1 << 0,        /* a timestamp line */
	U_DATELINE = 1 << 1,  /* a paragraph opening with an agency dateline */
	U_LINKS = 1 << 2,     /* menu or link list: items apart by '|', '›', wide gaps */
	U_COUNTER = 1 << 3,   /* "1 pages in this article", "3 min read" */
	U_BOILER = 1 << 4,    /* share, cookie, subscribe, copyright text */
	U_FIELD = 1 << 5,     /* "Editor: huaxia", "Source: Xinhua" */
	U_URL = 1 << 6,       /* a URL alone, or "Source: https://..." */
	U_AGENCY = 1 << 7,    /* the name of an agency or issuer alone */
	U_BYLINE = 1 << 8,    /* "By Jane Doe" */
	U_RELATED = 1 << 9,   /* a related headline or its date */
};
/* Units that are never headline, lede or body text. */
#define U_NOISE (U_TS | U_LINKS | U_COUNTER | U_BOILER | U_FIELD | U_URL | U_AGENCY | \
		 U_BYLINE | U_RELATED)

struct unit {
	size_t off, len;   /* the unit's bytes in the input, trimmed */
	unsigned kind;     /* enum unit_kind bits */
	int words;         /* white-space separated words */
	int sentence;      /* ends with . ! ? or … (closing quotes and brackets aside) */
	int colon;         /* ends with ':' */
	int turn;          /* opens a transcript's turn: "Q:", "A:", "Question:", "Answer:" */
	int caps;          /* has letters, none of them lower-case ASCII */
	int title_start;   /* opens with a capital, digit, quote or bracket */
	int soft_end;      /* ends with ',' ';' or a dash: a line cut short */
	int lower_words;   /* words that open with a lower-case ASCII letter */
	size_t keep;       /* bytes that go into the body: len less a sign-off */
	int closes;        /* ends a sentence once its sign-off is cut */
};

struct reader {
	const char *s;
	size_t len;
	struct unit *u;
	size_t n, cap;
	size_t d, t, b, l, h, lede;   /* anchors (see the file comment), NONE when absent */
	struct dateline dl;
	struct timestamp ts;
	int t_closing;                 /* the stamp is a closing line, after the body */
	size_t ts_unit;                /* the unit ts was read from when not t's (NONE: t's) */
	const struct ingest_hints *hints;
	struct report *out;
};

/* ---- measuring ----------------------------------------------------------- */

/* Bytes that are, or may begin, a blank: 1 ASCII white space and NUL, 2 the
 * lead bytes of U+00A0 and of a byte-order mark. Every byte of the input
 * is looked at here, most of them letters. */
static const unsigned char blank_lead[256] = {
	[0] = 1, ['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1,
	[0xc2] = 2, [0xef] = 2,
};

/* ASCII letters (1) and lower-case ones (2 as well): isalpha and islower
 * in the C locale, without a call a byte. */
#define L1 1
#define L3 3
static const unsigned char ascii_letter[256] = {
	['A'] = L1, ['B'] = L1, ['C'] = L1, ['D'] = L1, ['E'] = L1, ['F'] = L1, ['G'] = L1,
	['H'] = L1, ['I'] = L1, ['J'] = L1, ['K'] = L1, ['L'] = L1, ['M'] = L1, ['N'] = L1,
	['O'] = L1, ['P'] = L1, ['Q'] = L1, ['R'] = L1, ['S'] = L1, ['T'] = L1, ['U'] = L1,
	['V'] = L1, ['W'] = L1, ['X'] = L1, ['Y'] = L1, ['Z'] = L1,
	['a'] = L3, ['b'] = L3, ['c'] = L3, ['d'] = L3, ['e'] = L3, ['f'] = L3, ['g'] = L3,
	['h'] = L3, ['i'] = L3, ['j'] = L3, ['k'] = L3, ['l'] = L3, ['m'] = L3, ['n'] = L3,
	['o'] = L3, ['p'] = L3, ['q'] = L3, ['r'] = L3, ['s'] = L3, ['t'] = L3, ['u'] = L3,
	['v'] = L3, ['w'] = L3, ['x'] = L3, ['y'] = L3, ['z'] = L3,
};
#undef L1
#undef L3

static inline int is_blank_at(const char *s, size_t len, size_t i, size_t *n)
{
	unsigned char c = (unsigned char)s[i];
	if (!blank_lead[c])
		return 0;
	if (blank_lead[c] == 1) {
		*n = 1;
		return 1;
	}
	if (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] == 0xa0) {
		*n = 2;
		return 1;
	}
	if (c == 0xef && i + 2 < len && (unsigned char)s[i + 1] == 0xbb &&
	    (unsigned char)s[i + 2] == 0xbf) {   /* a stray byte-order mark */
		*n = 3;
		return 1;
	}
	return 0;
}

/* Trims blanks from both ends of s[*a..*b). */
static void trim(const char *s, size_t *a, size_t *b)
{
	size_t n;
	while (*a < *b && is_blank_at(s, *b, *a, &n))
		*a += n;
	while (*b > *a) {
		unsigned char c = (unsigned char)s[*b - 1];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' || c == '\n')
			(*b)--;
		else if (c == 0xa0 && *b - 2 >= *a && (unsigned char)s[*b - 2] == 0xc2)
			*b -= 2;
		else
			break;
	}
}

/* The end of the text proper, before closing quotes and brackets. */
static size_t end_before_closers(const char *s, size_t a, size_t b)
{
	while (b > a) {
		unsigned char c = (unsigned char)s[b - 1];
		if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '*') {
			b--;
		} else if (b - a >= 3 && (unsigned char)s[b - 3] == 0xe2 &&
			   (unsigned char)s[b - 2] == 0x80 &&
			   ((unsigned char)s[b - 1] == 0x9d || (unsigned char)s[b - 1] == 0x99)) {
			b -= 3;   /* ” ’ */
		} else if (b - a >= 2 && (unsigned char)s[b - 2] == 0xc2 &&
			   (unsigned char)s[b - 1] == 0xbb) {
			b -= 2;   /* » */
		} else {
			break;
		}
	}
	return b;
}

/* Whether s[a..b) ends with . ! ? or … before closing quotes and brackets. */
static int ends_sentence(const char *s, size_t a, size_t b)
{
	size_t e = end_before_closers(s, a, b);
	unsigned char last = e > a ? (unsigned char)s[e - 1] : 0;
	return last == '.' || last == '!' || last == '?' ||
	       (e - a >= 3 && (unsigned char)s[e - 3] == 0xe2 && (unsigned char)s[e - 2] == 0x80 &&
		(unsigned char)s[e - 1] == 0xa6);
}

static void measure(const char *s, struct unit *u)
{
	size_t a = u->off, b = u->off + u->len, n;
	int in_word = 0, letters = 0, lower = 0;
	for (size_t i = a; i < b; i++) {
		if (is_blank_at(s, b, i, &n)) {
			in_word = 0;
			i += n - 1;
			continue;
		}
		if (!in_word) {
			u->words++;
			u->lower_words += ascii_letter[(unsigned char)s[i]] == 3;
		}
		in_word = 1;
		unsigned char k = ascii_letter[(unsigned char)s[i]];
		letters += k & 1;
		lower += k >> 1;
	}
	u->caps = letters > 0 && lower == 0;
	size_t e = end_before_closers(s, a, b);
	unsigned char last = e > a ? (unsigned char)s[e - 1] : 0;
	u->sentence = last == '.' || last == '!' || last == '?' ||
		      (e - a >= 3 && (unsigned char)s[e - 3] == 0xe2 &&
		       (unsigned char)s[e - 2] == 0x80 && (unsigned char)s[e - 1] == 0xa6);
	/* "(END)" and "(2018)" close with a bracket but are not sentences. */
	if (e < b && (s[b - 1] == ')' || s[b - 1] == ']') && last != '.' && last != '!' && last != '?')
		u->sentence = 0;
	u->colon = b > a && s[b - 1] == ':';
	static const char *const labels[] = {"Q:", "A:", "Question:", "Answer:"};
	u->turn = 0;
	for (size_t k = 0; k < sizeof labels / sizeof *labels && !u->turn; k++)
		u->turn = b - a > strlen(labels[k]) && !strncmp(s + a, labels[k], strlen(labels[k]));
	unsigned char l = b > a ? (unsigned char)s[b - 1] : 0;
	u->soft_end = l == ',' || l == ';' || l == '-' ||
		      (b - a >= 3 && (unsigned char)s[b - 3] == 0xe2 && (unsigned char)s[b - 2] == 0x80 &&
		       ((unsigned char)s[b - 1] == 0x93 || (unsigned char)s[b - 1] == 0x94));
	unsigned char f = (unsigned char)s[a];
	u->title_start = isupper(f) || isdigit(f) || f == '"' || f == '\'' || f == '(' ||
			 f == '[' || f >= 0x80;
}

/* ---- classifying --------------------------------------------------------- */

/* Whether the lower-case needle occurs in the unit's text, lower-cased
 * (ASCII) once into the string low: every short line is searched for forty
 * phrases. */
static int contains(const char *low, const char *needle)
{
	return strstr(low, needle) != NULL;
}

static int starts_with(const char *s, size_t a, size_t b, const char *prefix)
{
	size_t n = strlen(prefix);
	return b - a >= n && !strncasecmp(s + a, prefix, n);
}

/* Separators of menu items and link lists in the unit: '|', '›', '»', '•',
 * '·', tabs, and gaps of two blanks or more that do not follow a sentence. */
static int count_separators(const char *s, const struct unit *u)
{
	size_t a = u->off, b = u->off + u->len;
	int seps = 0;
	for (size_t i = a; i < b; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '|' || c == '\t') {
			seps++;
		} else if (c == ' ' && i + 1 < b && s[i + 1] == ' ' && i > a &&
			   !strchr(".!?:", s[i - 1])) {
			seps++;
			while (i + 1 < b && s[i + 1] == ' ')
				i++;
		} else if (c == 0xe2 && i + 2 < b && (unsigned char)s[i + 1] == 0x80 &&
			   ((unsigned char)s[i + 2] == 0xba || (unsigned char)s[i + 2] == 0xa2)) {
			seps++;   /* › • */
		} else if (c == 0xc2 && i + 1 < b &&
			   ((unsigned char)s[i + 1] == 0xbb || (unsigned char)s[i + 1] == 0xb7)) {
			seps++;   /* » · */
		}
	}
	return seps;
}

/* Boilerplate by its words. Strong phrases mark a short unit anywhere;
 * weak ones only a unit that is not a sentence ("Sign up for our
 * newsletter"), so that a quote about subscribing to a treaty survives. */
static int is_boilerplate(const char *s, const struct unit *u)
{
	static const char *const strong[] = {
		"\xc2\xa9", "all rights reserved", "cookies", "cookie policy",
		"our standards:", "this site uses", NULL,
	};
	static const char *const weak[] = {
		"subscribe", "newsletter", "sign up", "sign in", "log in", "skip to",
		"click here", "read more", "show more", "load more", "see more",
		"share this", "share on", "share via", "follow us", "advertisement",
		"sponsored", "terms of use", "privacy policy", "back to top",
		"most read", "most popular", "you may also like", "recommended for you",
		"related coverage", "related articles", "related stories", "related news",
		"related:", "download the app", "print this", "email this", NULL,
	};
	static const char *const menu_words[] = {
		"share", "tweet", "print", "email", "menu", "search", "home", "more",
		"hide", "close", "comments", "tags", "next", "previous", "top", NULL,
	};
	size_t a = u->off, b = u->off + u->len;
	if (u->len > 160)
		return 0;
	char low[161];
	for (size_t i = 0; i < u->len; i++) {
		unsigned char c = (unsigned char)s[a + i];
		/* A NUL byte would end the string: 0x01, in no phrase, stands in. */
		low[i] = (char)(ascii_letter[c] == 1 ? c + ('a' - 'A') : c ? c : 1);
	}
	low[u->len] = '\0';
	for (int k = 0; strong[k]; k++)
		if (contains(low, strong[k]))
			return 1;
	/* "Also read: Japan, S. Korea agree to ...": a pointer to another
	 * story, whatever it says after its label. */
	static const char *const pointers[] = {
		"also read", "read also", "read more", "see also", "also see", "related:", "read:", "watch:",
		"listen:", "recommended:", "more on this", "read next", NULL,
	};
	for (int k = 0; pointers[k]; k++) {
		size_t n = strlen(pointers[k]);
		if (!strncmp(low, pointers[k], n) &&
		    (pointers[k][n - 1] == ':' || low[n] == ':' || low[n] == ' ' || low[n] == '|' || low[n] == '\0'))
			return 1;
	}
	if (u->sentence)
		return 0;
	for (int k = 0; weak[k]; k++)
		if (contains(low, weak[k]))
			return 1;
	if (u->words == 1)
		for (int k = 0; menu_words[k]; k++)
			if (u->len == strlen(menu_words[k]) && starts_with(s, a, b, menu_words[k]))
				return 1;
	return 0;
}

/* A photo caption: "FILE PHOTO: ... REUTERS/Leah Millis", "[1/5] ...",
 * "Photo: ...": it tells an older or another event in the words of an
 * event, and a caption has no place in the report's text. */
static int is_caption(const char *s, const struct unit *u)
{
	static const char *const starts[] = {"file photo", "file picture", "file image", "photo:", "photo by",
					     "photos:", "picture:", "image:", "(photo", "[photo", "caption:", NULL};
	static const char *const credits[] = {"REUTERS/", "AFP/Getty", "/AFP", "(AFP Photo", "AP Photo/", "(AP Photo",
					      "Getty Images", "EPA-EFE/", "Xinhua/", NULL};
	size_t a = u->off, b = a + u->len;
	if (u->len > 400)
		return 0;
	for (int k = 0; starts[k]; k++) {
		size_t n = strlen(starts[k]);
		if (u->len >= n && !strncasecmp(s + a, starts[k], n))
			return 1;
	}
	/* "[1/5] U.S. President Joe Biden shakes hands ..." */
	size_t i = a;
	if (i < b && s[i] == '[') {
		i++;
		while (i < b && isdigit((unsigned char)s[i]))
			i++;
		if (i < b && s[i] == '/' && i > a + 1) {
			i++;
			size_t d = i;
			while (i < b && isdigit((unsigned char)s[i]))
				i++;
			if (i > d && i < b && s[i] == ']')
				return 1;
		}
	}
	char buf[401];
	memcpy(buf, s + a, u->len);
	buf[u->len] = '\0';
	for (size_t k = 0; k < u->len; k++)
		if (!buf[k])
			buf[k] = 1;
	for (int k = 0; credits[k]; k++)
		if (strstr(buf, credits[k]))
			return 1;
	return 0;
}

/* "1 pages in this article", "3 min read", "12 comments". */
static int is_counter(const char *s, const struct unit *u)
{
	if (u->sentence || u->words > 6 || !isdigit((unsigned char)s[u->off]))
		return 0;
	size_t i = u->off;
	while (i < u->off + u->len && isdigit((unsigned char)s[i]))
		i++;
	return i < u->off + u->len && s[i] == ' ';
}

static int is_url_at(const char *s, size_t a, size_t b)
{
	if (!starts_with(s, a, b, "http://") && !starts_with(s, a, b, "https://") &&
	    !starts_with(s, a, b, "www."))
		return 0;
	for (size_t i = a; i < b; i++)
		if (s[i] == ' ' || s[i] == '\t')
			return 0;
	return 1;
}

/* "Label: value" with a one- or two-word label and a short value. Sets
 * *value to where the value starts. */
static int is_field(const char *s, const struct unit *u, size_t *value)
{
	size_t a = u->off, b = a + u->len, i = a;
	if (s[a] == '[')
		a++, i++;
	int spaces = 0;
	while (i < b && i - a <= 24 && s[i] != ':') {
		if (s[i] == ' ')
			spaces++;
		else if (!isalpha((unsigned char)s[i]))
			return 0;
		i++;
	}
	if (i >= b || s[i] != ':' || i == a || spaces > 1 || i + 1 >= b || s[i + 1] != ' ')
		return 0;
	size_t v = i + 1;
	while (v < b && s[v] == ' ')
		v++;
	int words = 0, in_word = 0;
	for (size_t k = v; k < b; k++) {
		if (s[k] == ' ')
			in_word = 0;
		else if (!in_word)
			words++, in_word = 1;
	}
	if (v >= b || (words > 4 && !is_url_at(s, v, b)) || (u->sentence && words > 2))
		return 0;
	*value = v;
	return 1;
}

/* "By Jane Doe", "By JANE DOE and John Roe". */
static int is_byline(const char *s, const struct unit *u)
{
	size_t a = u->off, b = a + u->len;
	return !u->sentence && u->words >= 3 && u->words <= 8 && starts_with(s, a, b, "by ") &&
	       b - a > 3 && isupper((unsigned char)s[a + 3]);
}

/* Whether s[a..b) is a word an agency signs a report off with, or the page
 * leaves after it: "(end)", "(Reuters)", a dash, a capitalised name
 * ("Bernama", "ANI"), initials ("MK/APA", "mt.ns.hs"), a URL, a date stamp
 * ("5/11/23"), an HTML tag ("<br/>"). A plain lower-case word is not. */
static int signoff_word(const char *s, size_t a, size_t b)
{
	unsigned char f = (unsigned char)s[a];
	if (f == '(' || f == '[' || s[b - 1] == ')' || s[b - 1] == ']' || f == '<' || f >= 0x80 ||
	    f == '-' || isupper(f) || is_url_at(s, a, b))
		return 1;
	int letters = 0, digits = 0, seps = 0, run = 0, longest = 0;
	for (size_t i = a; i < b; i++) {
		unsigned char c = (unsigned char)s[i];
		if (isalpha(c)) {
			letters++;
			if (++run > longest)
				longest = run;
		} else {
			run = 0;
			if (isdigit(c))
				digits++;
			else if (c == '/' || c == '.' || c == '-' || c == ':')
				seps++;
			else
				return 0;
		}
	}
	if (!letters)
		return digits > 0;   /* "5/11/23", "10:41" */
	return seps > 0 && longest <= 4 && !digits;   /* initials: "ak/jm", "mt.ns.hs" */
}

/* The end of the report's text in unit u, before a sign-off that follows its
 * last sentence ("... in 12 years. - Bernama", "... free. (dpa)", "...
 * position. (end) mt.ns.hs", "... a provocation\".<br/>"): at most four
 * sign-off words after a sentence end. Returns the unit's end when it has
 * none. */
static size_t signoff_start(const char *s, const struct unit *u)
{
	size_t a = u->off, b = u->off + u->len;
	/* HTML tags a saved page leaves at the end: "<br/>", "</p>". */
	for (;;) {
		size_t e = b;
		trim(s, &a, &e);
		b = e;
		if (b - a < 3 || s[b - 1] != '>')
			break;
		size_t k = b - 1;   /* at the '>' */
		while (k > a && b - k < 12 && s[k - 1] != '<' &&
		       (isalpha((unsigned char)s[k - 1]) || s[k - 1] == '/' || s[k - 1] == ' '))
			k--;
		if (k <= a || s[k - 1] != '<' || k == b - 1)
			break;
		b = k - 1;
	}
	/* A "Source: ..." or "Editor: ..." line glued to the last sentence
	 * ("... was important.Source: the embassy"). */
	static const char *const labels[] = {"Source:", "Editor:", NULL};
	for (size_t i = b > a + 80 ? b - 80 : a; i + 8 < b; i++)
		for (int k = 0; labels[k]; k++)
			if (s[i] == labels[k][0] && !strncmp(s + i, labels[k], strlen(labels[k]))) {
				size_t pb = i;
				while (pb > a && isspace((unsigned char)s[pb - 1]))
					pb--;
				if (pb > a && ends_sentence(s, a, pb))
					return pb;
			}
	size_t from = b > a + 60 ? b - 60 : a;
	int tokens = 0;
	for (size_t i = b; i > from && tokens < 4;) {
		size_t e = i;   /* the token before i: s[t..e) */
		while (e > from && isspace((unsigned char)s[e - 1]))
			e--;
		size_t t = e;
		while (t > from && !isspace((unsigned char)s[t - 1]))
			t--;
		if (t == e || t == from || !signoff_word(s, t, e))
			break;
		tokens++;
		size_t pb = t;
		while (pb > a && isspace((unsigned char)s[pb - 1]))
			pb--;
		if (ends_sentence(s, a, pb))
			return pb;
		i = t;
	}
	return b;
}

static void classify(struct reader *r, struct unit *u)
{
	const char *s = r->s;
	size_t a = u->off, b = a + u->len, v;
	struct timestamp ts;
	struct dateline dl;
	char name[64];
	measure(s, u);
	u->keep = u->len;
	if (!u->sentence && u->words > 4) {
		size_t e = signoff_start(s, u);
		if (e < a + u->len && ends_sentence(s, a, e)) {
			u->keep = e - a;
			u->closes = 1;
		}
	}
	if (is_caption(s, u)) {
		u->kind |= U_BOILER;
		return;
	}
	if (timestamp_scan(s + a, u->len, &ts)) {
		u->kind |= U_TS;
		return;
	}
	if (dateline_parse(s + a, u->len, &dl)) {
		u->kind |= U_DATELINE;
		return;
	}
	if (is_url_at(s, a, b))
		u->kind |= U_URL;
	else if (is_field(s, u, &v))
		u->kind |= U_FIELD | (is_url_at(s, v, b) ? U_URL : 0);
	else if (!u->sentence && count_separators(s, u) >= 1)
		u->kind |= U_LINKS;
	if (is_boilerplate(s, u))
		u->kind |= U_BOILER;
	if (is_counter(s, u))
		u->kind |= U_COUNTER;
	if (is_byline(s, u))
		u->kind |= U_BYLINE;
	if (u->len <= 80 && u->words <= 8 && !(u->kind & (U_URL | U_FIELD)) &&
	    agency_canonical(s + a, u->len, name, sizeof(name)))
		u->kind |= U_AGENCY;
}

/* ---- cutting into units -------------------------------------------------- */

static int add_unit(struct reader *r, size_t a, size_t b)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		struct unit *p = realloc(r->u, cap * sizeof(*p));
		if (!p)
			return -1;
		r->u = p;
		r->cap = cap;
	}
	r->u[r->n++] = (struct unit){.off = a, .len = b - a};
	return 0;
}

struct line {
	size_t a, b;   /* trimmed; a == b for a blank line */
};

/* A block of lines is a hard-wrapped paragraph when every line but the last
 * has the length of a wrapped line, and at least one of them breaks in
 * mid-sentence. One-sentence-per-line text and menus stay separate lines. */
static int is_wrapped(const char *s, const struct line *ln, size_t n)
{
	if (n < 2)
		return 0;
	int soft = 0;
	size_t total = 0;
	for (size_t i = 0; i + 1 < n; i++) {
		size_t w = ln[i].b - ln[i].a;
		if (w < 40 || w > 100)
			return 0;
		total += w;
		struct timestamp ts;
		if (timestamp_scan(s + ln[i].a, w, &ts) || timestamp_scan(s + ln[i + 1].a,
			ln[i + 1].b - ln[i + 1].a, &ts))
			return 0;
		struct unit tmp = {.off = ln[i].a, .len = w};
		measure(s, &tmp);
		soft += !tmp.sentence && !tmp.colon;
	}
	if (ln[n - 1].b - ln[n - 1].a > 100)
		return 0;
	return soft > 0 && total / (n - 1) >= 55;
}

/* Characters in a line (UTF-8 continuation bytes aside). */
static size_t line_chars(const char *s, const struct line *l)
{
	size_t n = 0;
	for (size_t i = l->a; i < l->b; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

/* The width a block of lines was hard-wrapped at (wire copy cut at 70-80
 * columns inside paragraphs), or 0 when it was not: three lines or more,
 * the longest of 50 to 100 characters, most lines but the last within 25 of
 * it, and some of those breaking in mid-sentence. */
static int wrap_width(const char *s, const struct line *ln, size_t n)
{
	if (n < 3)
		return 0;
	size_t w = 0;
	for (size_t i = 0; i < n; i++) {
		size_t c = line_chars(s, &ln[i]);
		if (c > w)
			w = c;
	}
	if (w < 50 || w > 100)
		return 0;
	size_t full = 0, mid = 0, lower = 0;
	for (size_t i = 0; i + 1 < n; i++) {
		if (line_chars(s, &ln[i]) + 25 < w)
			continue;
		full++;
		if (!ends_sentence(s, ln[i].a, ln[i].b) && s[ln[i].b - 1] != ':') {
			mid++;
			lower += islower((unsigned char)s[ln[i + 1].a]) != 0;
		}
	}
	/* Headlines and fields run on in capitals: prose wrapped in
	 * mid-sentence goes on in lower case now and then. */
	return 2 * full >= n - 1 && 3 * mid >= full && lower >= 1 && 4 * lower >= mid ? (int)w : 0;
}

/* Whether line *l goes on into the next one, l[1], as one paragraph: in a
 * block hard-wrapped at `width`, when the next line's first word would not
 * have fitted on it (a line that ends short ends its paragraph); anywhere,
 * when a line of prose stops in mid-sentence and the next goes on in lower
 * case. The first line of a paragraph may be a headline over its story: it
 * goes on by width when the next word would not have fitted on it and a
 * third of its words or more are lower-case ones, or when it stops in
 * mid-sentence two thirds of the way or more and half of its words are
 * lower-case ones. A timestamp
 * or a dateline line stays a line. */
static int joins_next(const char *s, const struct line *l, int width, int first)
{
	const struct line *m = l + 1;
	size_t w = l->b - l->a;
	if (ends_sentence(s, l->a, l->b) && width == 0)
		return 0;
	if (s[l->b - 1] == ':' || s[l->b - 1] == '|')
		return 0;
	int mid = !ends_sentence(s, l->a, l->b);
	int join = 0;
	if (mid && islower((unsigned char)s[m->a]) && w >= 30) {
		join = 1;
	} else if (width) {
		/* Wrapping is often ragged: a line stopping in mid-sentence goes
		 * on; one ending a sentence goes on only when the next word would
		 * not have fitted on it. */
		size_t fw = 0;
		for (size_t i = m->a; i < m->b && s[i] != ' '; i++)
			fw += ((unsigned char)s[i] & 0xc0) != 0x80;
		int full = line_chars(s, l) + 1 + fw > (size_t)width;
		if (first) {
			struct unit tmp = {.off = l->a, .len = w};
			measure(s, &tmp);
			join = (full && 3 * tmp.lower_words >= tmp.words) ||
			       (mid && 3 * line_chars(s, l) >= 2 * (size_t)width &&
				2 * tmp.lower_words >= tmp.words);
		} else {
			join = mid || full;
		}
	}
	if (!join)
		return 0;
	struct timestamp ts;
	struct dateline dl;
	if (timestamp_scan(s + l->a, w, &ts) || timestamp_scan(s + m->a, m->b - m->a, &ts) ||
	    dateline_parse(s + m->a, m->b - m->a, &dl))
		return 0;
	return 1;
}

/* Splits the input into lines ('\n', '\r\n' or '\r'), then into units. */
static int cut_units(struct reader *r)
{
	struct line *ln = NULL;
	size_t nl = 0, capl = 0, i = 0;
	int rc = 0;
	while (i <= r->len && !rc) {
		size_t e = i;
		while (e < r->len && r->s[e] != '\n' && r->s[e] != '\r')
			e++;
		if (nl == capl) {
			capl = capl ? capl * 2 : 256;
			struct line *p = realloc(ln, capl * sizeof(*p));
			if (!p) {
				rc = -1;
				break;
			}
			ln = p;
		}
		size_t a = i, b = e;
		trim(r->s, &a, &b);
		ln[nl++] = (struct line){a, b};
		if (e + 1 < r->len && r->s[e] == '\r' && r->s[e + 1] == '\n')
			e++;
		i = e + 1;
	}
	for (size_t k = 0; k < nl && !rc;) {
		if (ln[k].a == ln[k].b) {
			k++;
			continue;
		}
		size_t e = k;
		while (e < nl && ln[e].a < ln[e].b)
			e++;
		if (is_wrapped(r->s, ln + k, e - k)) {
			rc = add_unit(r, ln[k].a, ln[e - 1].b);
		} else {
			int width = wrap_width(r->s, ln + k, e - k);
			size_t from = k;
			for (size_t j = k; j < e && !rc; j++) {
				if (j + 1 < e && joins_next(r->s, ln + j, width, j == from))
					continue;
				rc = add_unit(r, ln[from].a, ln[j].b);
				from = j + 1;
			}
		}
		k = e;
	}
	free(ln);
	return rc;
}

/* ---- related headlines --------------------------------------------------- */

static int headline_like(const struct unit *u)
{
	return !(u->kind & (U_TS | U_DATELINE | U_LINKS | U_BOILER)) && u->words >= 2 &&
	       u->len <= 250 && u->title_start;
}

/* Marks runs of two or more (headline, its date) pairs, or (date, headline),
 * as related headlines. When a run ends right before the report's own text
 * (a dateline or a long line), its last pair is the report's own headline
 * and timestamp, and stays. */
static void mark_related(struct reader *r)
{
	for (int order = 0; order < 2; order++) {
		size_t i = 0;
		while (i + 1 < r->n) {
			size_t j = i;
			while (j + 1 < r->n) {
				const struct unit *x = &r->u[j], *y = &r->u[j + 1];
				int ok = order == 0 ? headline_like(x) && (y->kind & U_TS)
						    : (x->kind & U_TS) && headline_like(y);
				if (!ok)
					break;
				j += 2;
			}
			size_t pairs = (j - i) / 2;
			if (pairs >= 2) {
				if (j < r->n && ((r->u[j].kind & U_DATELINE) ||
						 (r->u[j].words >= 6 && !(r->u[j].kind & U_NOISE))))
					j -= 2;
				for (size_t k = i; k < j; k++)
					r->u[k].kind |= U_RELATED;
			}
			i = j > i ? j : i + 1;
		}
	}
}

/* ---- anchors ------------------------------------------------------------- */

/* A paragraph the body may open with: prose of six words or more. */
static int body_start_like(const struct unit *u)
{
	return !(u->kind & U_NOISE) && u->words >= 6 && (u->sentence || u->closes || u->colon);
}

static int prose(const struct unit *u)
{
	return !(u->kind & U_NOISE) && (u->sentence || u->closes);
}

/* A paragraph of prose that does not end a sentence: the report's last,
 * cut short by the page or the wire. Ten words or more, half of them
 * lower-case (a third in a long one, full of names and titles), so that
 * headlines, names and menus are not. */
static int cut_prose(const struct unit *u)
{
	return !(u->kind & (U_NOISE | U_DATELINE)) && u->words >= 10 &&
	       (2 * u->lower_words >= u->words || (u->words >= 16 && 3 * u->lower_words >= u->words));
}

static void find_dateline(struct reader *r)
{
	int long_before = 0;
	r->d = NONE;
	for (size_t i = 0; i < r->n; i++) {
		const struct unit *u = &r->u[i];
		if (u->kind & U_DATELINE) {
			if (long_before < 2 && dateline_parse(r->s + u->off, u->len, &r->dl))
				r->d = i;
			return;
		}
		/* A dateline after two full paragraphs is a quoted report, not this one's. */
		long_before += prose(u) && u->words >= 20;
	}
}

/* A stamp that ends a line of other words ("Venezuela, Mexico pull
 * ambassadors (Reuters) Updated: 2005-11-15 10:41", "... - 2001-10-26"):
 * the longest tail of the line, from a word's start, that timestamp_scan
 * reads whole; its text_start is made relative to the line. Returns 1 when
 * found. */
static int tail_stamp(const char *s, size_t len, struct timestamp *ts)
{
	size_t from = len > 80 ? len - 80 : 0;
	for (size_t k = from; k < len; k++) {
		if (k > 0 && s[k - 1] != ' ' && s[k - 1] != '(')
			continue;
		if (timestamp_scan(s + k, len - k, ts)) {
			ts->text_start += k;
			return 1;
		}
	}
	return 0;
}

static void find_timestamp(struct reader *r)
{
	size_t limit = r->d;
	if (limit == NONE)
		for (size_t i = 0; i < r->n && limit == NONE; i++)
			if (prose(&r->u[i]) && r->u[i].words >= 25)
				limit = i;
	r->t = NONE;
	r->t_closing = 0;
	r->ts_unit = NONE;
	for (size_t i = 0; i < r->n && i < limit; i++) {
		const struct unit *u = &r->u[i];
		if ((u->kind & U_TS) && !(u->kind & U_RELATED)) {
			if (timestamp_scan(r->s + u->off, u->len, &r->ts))
				r->t = i;
			/* A bare date at the top of a page ("Sunday, November 24,
			 * 2024": the day it was saved) yields to a stamp with a time
			 * further down, above the story ("The Canadian Press, March
			 * 21, 2022 12:37 PM"), unless that one is an update. */
			for (size_t j = i + 1; r->t == i && !r->ts.has_time && j < r->n && j < limit; j++) {
				const struct unit *v = &r->u[j];
				struct timestamp later;
				if ((v->kind & U_TS) && !(v->kind & U_RELATED) &&
				    timestamp_scan(r->s + v->off, v->len, &later) && later.has_time && !later.updated) {
					r->ts = later;
					r->t = j;
				}
			}
			/* "Last Updated 15 December 2018" at the head, "(Published 21
			 * September 2018, 19:10 IST)" closing the page: the
			 * publication is the story's day, not the update's. */
			for (size_t j = r->n; r->t == i && r->ts.updated && j-- > i + 1 && j + 3 >= r->n;) {
				const struct unit *v = &r->u[j];
				struct timestamp pub;
				if (!(v->kind & U_RELATED) && !v->sentence && v->words <= 8 &&
				    tail_stamp(r->s + v->off, v->len, &pub) && !pub.updated) {
					r->ts = pub;
					r->ts_unit = j;
					break;
				}
			}
			return;
		}
	}
	/* None on a line of its own: a stamp at the end of the headline ("...
	 * (Reuters) Updated: 2005-11-15 10:41", "입력 2018.05.16 (15:09)"), or on a
	 * short closing line ("MAP 21 October 2020"). Never inside prose. */
	if (r->d != NONE && r->dl.year)
		return;
	for (size_t i = 0; i < r->n && i < limit && i < 4; i++) {
		const struct unit *u = &r->u[i];
		if (!(u->kind & U_RELATED) && !u->sentence && u->words <= 30 && tail_stamp(r->s + u->off, u->len, &r->ts)) {
			r->t = i;
			return;
		}
	}
	for (size_t i = r->n; i-- > 0 && i + 3 >= r->n;) {
		const struct unit *u = &r->u[i];
		if (!(u->kind & U_RELATED) && !u->sentence && u->words <= 8 && tail_stamp(r->s + u->off, u->len, &r->ts)) {
			r->t = i;
			r->t_closing = 1;
			return;
		}
	}
}

static void find_body(struct reader *r)
{
	r->b = r->d;
	if (r->b == NONE) {
		/* The body starts after a stamp at the head, not after a closing one. */
		size_t from = r->t == NONE || r->t_closing ? 0 : r->t + 1;
		for (size_t i = from; i < r->n && r->b == NONE; i++)
			if (body_start_like(&r->u[i]))
				r->b = i;
		if (r->b == NONE && r->t != NONE) {
			r->t = NONE;   /* that was no timestamp of this report */
			find_body(r);
			return;
		}
		for (size_t i = 0; i < r->n && r->b == NONE; i++)
			if (prose(&r->u[i]))
				r->b = i;
		for (size_t i = 0; i < r->n && r->b == NONE; i++)
			if (!(r->u[i].kind & U_NOISE))
				r->b = i;
	}
	r->l = r->b;
	for (size_t i = r->b == NONE ? r->n : r->b + 1; i < r->n; i++)
		if (prose(&r->u[i]))
			r->l = i;
	/* The page's last text, a paragraph cut in mid-sentence, after the
	 * last full one or a subheading or two away from it. */
	size_t last = NONE;
	for (size_t i = r->n; i-- > 0 && last == NONE;)
		if (!(r->u[i].kind & U_NOISE))
			last = i;
	if (r->l != NONE && last != NONE && last > r->l && last <= r->l + 3 && cut_prose(&r->u[last])) {
		int gap_ok = 1;
		for (size_t i = r->l + 1; i < last; i++)
			if (!(r->u[i].kind & U_NOISE) && (r->u[i].words > 8 || r->u[i].sentence))
				gap_ok = 0;
		if (gap_ok)
			r->l = last;
	}
}

/* A line the headline may be: capitalised, not cut short, not noise, not a
 * sentence that runs on. `need` is the least number of words. */
static int title_candidate(const struct unit *u, int need, int allow_caps)
{
	if ((u->kind & (U_NOISE | U_DATELINE)) || !u->title_start || u->soft_end || u->colon || u->turn)
		return 0;
	if (u->words < need || u->words > 40 || u->len > 300)
		return 0;
	return allow_caps || !u->caps;
}

static int lede_candidate(const struct unit *u)
{
	return !(u->kind & (U_NOISE | U_DATELINE)) && u->words >= 5 && !u->caps && u->title_start;
}

/* The closest candidate of at least `need` words before unit `to`, searching
 * back at most `span` units. */
static size_t title_before(const struct reader *r, size_t to, size_t span, int need,
                           int allow_caps)
{
	for (size_t k = 0; k < span && k < to; k++)
		if (title_candidate(&r->u[to - 1 - k], need, allow_caps))
			return to - 1 - k;
	return NONE;
}

static size_t title_between(const struct reader *r, size_t from, size_t to, int allow_caps)
{
	for (size_t i = from; i < to; i++)
		if (title_candidate(&r->u[i], 2, allow_caps))
			return i;
	return NONE;
}

/* The end of the words before the stamp on the timestamp line, less the
 * label and agency tag between ("(Reuters) Updated:", "- AP -"). */
static size_t head_end(const struct reader *r)
{
	const struct unit *u = &r->u[r->t];
	const char *s = r->s;
	size_t a = u->off, e = a + r->ts.text_start;
	for (;;) {
		while (e > a && s[e - 1] && strchr(" -|\xe2\x80\x93\x94", s[e - 1]))
			e--;
		size_t w = e;
		while (w > a && s[w - 1] != ' ')
			w--;
		char name[64];
		if (e > w && s[e - 1] == ':')   /* "Updated:", "Published:" */
			e = w;
		else if (e > w + 2 && s[w] == '(' && s[e - 1] == ')' &&
			 agency_canonical(s + w + 1, e - w - 2, name, sizeof(name)))
			e = w;
		else
			return e;
	}
}

/* The words (runs of non-blanks) of s[a..e). */
static int count_words(const char *s, size_t a, size_t e)
{
	int words = 0;
	for (size_t i = a; i < e; i++)
		words += (i == a || s[i - 1] == ' ') && s[i] != ' ';
	return words;
}

/* Whether the stamp ending the timestamp line is the headline's own words,
 * joined to them by a preposition ("Spokesperson Mao Ning's Regular Press
 * Conference on March 14, 2024") or after a comma that ends five words or
 * more ("Briefing by Spokeswoman Maria Zakharova, Moscow, April 5, 2023";
 * not a byline's "By Jane Doe, April 5, 2023"). */
static int date_in_headline(const struct reader *r)
{
	static const char *const joining[] = {"on", "of", "for", "dated"};
	const struct unit *u = &r->u[r->t];
	size_t e = u->off + r->ts.text_start;
	while (e > u->off && r->s[e - 1] == ' ')
		e--;
	if (e > u->off && r->s[e - 1] == ',')
		return count_words(r->s, u->off, e) >= 5;
	size_t w = e;
	while (w > u->off && r->s[w - 1] != ' ')
		w--;
	int joined = 0;
	for (size_t k = 0; k < sizeof joining / sizeof *joining && !joined; k++)
		joined = e - w == strlen(joining[k]) && !strncasecmp(r->s + w, joining[k], e - w);
	if (!joined || count_words(r->s, u->off, w) < 4)
		return 0;
	/* (not a stamp's label: "Last updated on April 5, 2023") */
	static const char *const labels[] = {"updated", "posted", "published", "released", "modified", "created"};
	for (size_t i = u->off; i < w; i++)
		for (size_t k = 0; k < sizeof labels / sizeof *labels; k++)
			if ((i == u->off || r->s[i - 1] == ' ') && !strncasecmp(r->s + i, labels[k], strlen(labels[k])))
				return 0;
	return 1;
}

/* The words of a headline before the stamp on the timestamp line: 0 unless
 * a label or an agency tag stands between them ("(Reuters) Updated:") or
 * the stamp is part of the headline (date_in_headline), and when they name
 * an agency ("KYODO NEWS - Nov 2, 2018"). */
static int head_words(const struct reader *r)
{
	const struct unit *u = &r->u[r->t];
	size_t e = head_end(r), raw = u->off + r->ts.text_start;
	while (raw > u->off && r->s[raw - 1] == ' ')
		raw--;
	char name[64];
	if ((e == raw && !date_in_headline(r)) || agency_canonical(r->s + u->off, e - u->off, name, sizeof(name)))
		return 0;
	return count_words(r->s, u->off, e);
}

/* Pages print the headline before the timestamp (TASS, AP) or after it
 * (Reuters, UN, EU): a full headline before it wins, then one between it and
 * the body, then a short one right before it. */
static void find_headline(struct reader *r)
{
	size_t b = r->b == NONE ? r->n : r->b;
	/* (A closing stamp, after the body, is no anchor: the line before it
	 * is the body's last paragraph, not the headline.) */
	int head_stamp = r->t != NONE && !r->t_closing;
	size_t anchor = head_stamp ? r->t : b;
	r->h = r->lede = NONE;
	for (int caps = 0; caps < 2 && r->h == NONE; caps++) {
		r->h = title_before(r, anchor, 8, 4, caps);
		if (r->h == NONE && head_stamp)
			r->h = title_between(r, r->t + 1, b, caps);
		if (r->h == NONE)
			r->h = title_before(r, anchor, 2, 2, caps);
	}
	/* A headline carrying its stamp at its end ("Venezuela, Mexico pull
	 * ambassadors (Reuters) Updated: 2005-11-15 10:41"): the words before
	 * the stamp, never the body's first paragraph after it. */
	if (r->t != NONE && !r->t_closing && r->ts_unit == NONE && r->ts.text_start > 0 &&
	    (r->h == NONE || r->h > r->t) && head_words(r) >= 3)
		r->h = r->t;
	size_t from = r->h == NONE ? 0 : r->h + 1;
	if (r->t != NONE && r->t + 1 > from)
		from = r->t + 1;
	for (size_t i = from; i < b && r->lede == NONE; i++)
		if (lede_candidate(&r->u[i]))
			r->lede = i;
}

/* ---- output -------------------------------------------------------------- */

/* Appends s[a..b) with runs of blanks and line breaks collapsed to one space. */
static int add_clean(struct buf *out, const char *s, size_t a, size_t b)
{
	int space = 0;
	size_t n;
	for (size_t i = a; i < b;) {
		if (is_blank_at(s, b, i, &n)) {
			space = 1;
			i += n;
			continue;
		}
		if (space && out->len && out->data[out->len - 1] != '\n' && buf_addch(out, ' '))
			return -1;
		space = 0;
		/* The text up to the next blank that is more than one plain
		 * space between two words goes in at once. */
		size_t e = i + 1;
		for (;;) {
			while (e < b && !is_blank_at(s, b, e, &n))
				e++;
			if (e + 1 < b && s[e] == ' ' && !is_blank_at(s, b, e + 1, &n)) {
				e += 2;
				continue;
			}
			break;
		}
		if (buf_add(out, s + i, e - i))
			return -1;
		i = e;
	}
	return 0;
}

static int set_clean(char **field, const char *s, size_t a, size_t b)
{
	struct buf t;
	buf_init(&t, b - a + 16);
	if (add_clean(&t, s, a, b)) {
		buf_release(&t);
		return -1;
	}
	char *v = buf_detach(&t);
	if (!v)
		return -1;
	free(*field);
	*field = v;
	return 0;
}

/* "(LEAD)", "(URGENT)", "(2nd LD)", "UPDATE 2-": tags wires put before a
 * headline. Returns where the headline proper starts. */
static size_t skip_title_tag(const char *s, size_t a, size_t b)
{
	if (b - a > 2 && s[a] == '(') {
		size_t i = a + 1;
		int ok = 1;
		while (i < b && s[i] != ')' && i - a < 24) {
			unsigned char c = (unsigned char)s[i];
			if (islower(c) && !(i > a + 1 && (isdigit((unsigned char)s[i - 1]) ||
						      islower((unsigned char)s[i - 1]))))
				ok = 0;
			if (islower(c) && i > a + 1 && islower((unsigned char)s[i - 1]) &&
			    !(i > a + 2 && isdigit((unsigned char)s[i - 2])))
				ok = 0;
			i++;
		}
		if (ok && i < b && s[i] == ')' && i + 2 < b && s[i + 1] == ' ')
			return i + 2;
	}
	if (starts_with(s, a, b, "UPDATE ")) {
		size_t i = a + 7;
		while (i < b && isdigit((unsigned char)s[i]))
			i++;
		if (i > a + 7 && i + 1 < b && s[i] == '-')
			return i + 1;
	}
	return a;
}

/* Abbreviations that end in '.' without ending a sentence. */
static int is_abbreviation(const char *s, size_t w, size_t dot)
{
	static const char *const abbr[] = {
		"Gen", "Col", "Lt", "Sgt", "Gov", "Sen", "Rep", "Prof", "Mrs", "Inc", "Corp",
		"Ltd", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec", "No", "vs", "Adm",
		"Capt", "Maj", "Amb", "Dep", NULL,
	};
	size_t n = dot - w;
	if (n <= 2)
		return 1;   /* "U.S", "Mr", "Dr", "St", initials */
	for (size_t i = w; i < dot; i++)
		if (s[i] == '.')
			return 1;   /* "U.S", "a.m" */
	for (int k = 0; abbr[k]; k++)
		if (strlen(abbr[k]) == n && !strncmp(s + w, abbr[k], n))
			return 1;
	return 0;
}

/* The end of the first sentence of s[a..b). */
static size_t first_sentence_end(const char *s, size_t a, size_t b)
{
	size_t w = a;
	for (size_t i = a; i < b; i++) {
		if (s[i] == ' ' || s[i] == '\n') {
			w = i + 1;
			continue;
		}
		if ((s[i] == '.' || s[i] == '!' || s[i] == '?') &&
		    (i + 1 == b || s[i + 1] == ' ' || s[i + 1] == '\n') &&
		    (s[i] != '.' || !is_abbreviation(s, w, i)))
			return s[i] == '.' ? i : i + 1;
	}
	return b;
}

/* A title from the body when the report has no headline: the first sentence
 * after the dateline, cut at a word before TEXT_TITLE_MAX bytes. */
static int title_from_body(struct reader *r)
{
	const struct unit *u = &r->u[r->b];
	size_t a = u->off, b = u->off + u->len;
	if (r->b == r->d)
		a += r->dl.consumed;
	size_t e = first_sentence_end(r->s, a, b);
	int cut = 0;
	if (e - a > TEXT_TITLE_MAX) {
		size_t k = a + TEXT_TITLE_MAX;
		while (k > a && r->s[k] != ' ')
			k--;
		e = k > a ? k : a + TEXT_TITLE_MAX;
		while (e > a && ((unsigned char)r->s[e] & 0xc0) == 0x80)
			e--;   /* never cut a character */
		cut = 1;
	}
	while (e > a && (r->s[e - 1] == ',' || r->s[e - 1] == ';' || r->s[e - 1] == ':'))
		e--;
	struct buf t;
	buf_init(&t, TEXT_TITLE_MAX * 2 + 16);
	if (add_clean(&t, r->s, a, e) || (cut && buf_addstr(&t, "\xe2\x80\xa6"))) {
		buf_release(&t);
		return -1;
	}
	free(r->out->title);
	r->out->title = buf_detach(&t);
	return r->out->title ? 0 : -1;
}

static int set_title(struct reader *r)
{
	if (r->h == NONE) {
		if (report_warn(r->out, "no headline found"))
			return -1;
		return r->b == NONE ? 0 : title_from_body(r);
	}
	const struct unit *u = &r->u[r->h];
	size_t b = r->h == r->t && !date_in_headline(r) ? head_end(r) : u->off + u->len;
	return set_clean(&r->out->title, r->s, skip_title_tag(r->s, u->off, b), b);
}

/* Whether unit i of the body range goes into the body text. */
static int body_keeps(const struct reader *r, size_t i)
{
	const struct unit *u = &r->u[i];
	if (i == r->b)
		return 1;
	if (u->kind & (U_RELATED | U_COUNTER | U_URL | U_AGENCY | U_TS))
		return 0;
	if (u->kind & (U_LINKS | U_BOILER | U_FIELD))
		return 0;
	return 1;
}

static int set_body(struct reader *r)
{
	if (r->b == NONE)
		return 0;
	struct buf body;
	/* Every unit kept is a byte or more and adds at most two separator
	 * bytes ("\n\n" where the source had one line break): twice the input
	 * bounds the body. */
	buf_init(&body, 2 * r->len + 16);
	for (size_t i = r->b; i <= r->l; i++) {
		if (!body_keeps(r, i))
			continue;
		if ((body.len && buf_addstr(&body, "\n\n")) ||
		    add_clean(&body, r->s, r->u[i].off, r->u[i].off + r->u[i].keep)) {
			buf_release(&body);
			return -1;
		}
	}
	free(r->out->body);
	r->out->body = buf_detach(&body);
	return r->out->body ? 0 : -1;
}

/* ---- agency, url, author ------------------------------------------------- */

static int set_agency_name(struct reader *r, const char *s, size_t n)
{
	char name[64];
	if (!agency_canonical(s, n, name, sizeof(name)))
		return 0;
	return report_set(&r->out->agency, name) ? -1 : 1;
}

/* The field's value, when unit u is "Label: value" with the given label. */
static int field_value(const struct reader *r, const struct unit *u, const char *label,
                       size_t *v)
{
	size_t a = u->off, b = a + u->len;
	if (!(u->kind & U_FIELD) || !starts_with(r->s, a, b, label))
		return 0;
	size_t n = strlen(label);
	if (b - a <= n || r->s[a + n] != ':')
		return 0;
	*v = a + n + 1;
	while (*v < b && r->s[*v] == ' ')
		(*v)++;
	return 1;
}

/* ---- issuers named in credits, sign-offs and headings ---------------------
 *
 * What the text says of who issued it, beyond a line that is a table name
 * alone: a credit or sign-off ("(Kyodo)", "-- Xinhua", "\xc2\xa9 Reuters 2023.
 * All rights reserved.", "Copyright 2015 The Associated Press"), a heading
 * with a label ("Press Releases | Ministry of Foreign Affairs of Japan"), an
 * office of a body in agencies.tsv ("Spokesperson's Office of the Ministry
 * of Foreign Affairs of Japan"), a mission abroad ("Embassy of Japan in the
 * United Kingdom"). Names are agencies.tsv's: a heading that names no state
 * ("Press Office of the President", "MOFA", "Spokesperson's Office") names
 * no issuer, and the agency stays unknown rather than guessed. */

/* Whether s[a..b) starts (or, with at_end, ends) with the ASCII word w,
 * case ignored, on a word boundary. */
static int word_at(const char *s, size_t a, size_t b, const char *w, int at_end)
{
	size_t n = strlen(w);
	if (b - a < n)
		return 0;
	size_t at = at_end ? b - n : a;
	if (strncasecmp(s + at, w, n))
		return 0;
	if (at_end)
		return at == a || !isalnum((unsigned char)s[at - 1]);
	return at + n == b || !isalnum((unsigned char)s[at + n]);
}

/* Trims the marks a credit puts around a name: brackets, dashes, bullets,
 * "\xc2\xa9", "(c)", "Copyright", "Source:", "Reported by", years, "All rights
 * reserved", end punctuation. */
static void strip_credit(const char *s, size_t *a, size_t *b)
{
	static const char *const lead[] = {"(c)", "\xc2\xa9", "\xe2\x80\x94", "\xe2\x80\x93", "\xe2\x80\xa2",
					   "--", "-", "(", "[", "/", NULL};
	static const char *const lead_words[] = {"copyright", "source:", "sources:", "reported by",
						 "reporting by", "by", "via", NULL};
	static const char *const tail[] = {"all rights reserved", "\xe2\x80\x94", "\xe2\x80\x93", ")",
					   "]", "/", ".", ",", ";", ":", "-", NULL};
	for (int changed = 1; changed && *a < *b;) {
		changed = 0;
		trim(s, a, b);
		for (int k = 0; lead[k] && !changed; k++)
			if (starts_with(s, *a, *b, lead[k])) {
				*a += strlen(lead[k]);
				changed = 1;
			}
		for (int k = 0; tail[k] && !changed; k++) {
			size_t n = strlen(tail[k]);
			if (*b - *a >= n && !strncasecmp(s + *b - n, tail[k], n)) {
				*b -= n;
				changed = 1;
			}
		}
		for (int k = 0; lead_words[k] && !changed; k++)
			if (word_at(s, *a, *b, lead_words[k], 0)) {
				*a += strlen(lead_words[k]);
				changed = 1;
			}
		/* A year: "2023", "2014-2023". */
		for (int end = 0; end < 2 && !changed; end++) {
			size_t i = end ? *b : *a, d = 0;
			while (d < 4 && (end ? i - d > *a : i + d < *b) &&
			       isdigit((unsigned char)s[end ? i - d - 1 : i + d]))
				d++;
			size_t at = end ? i - d : i;
			if (d == 4 && (end ? at == *a || !isalnum((unsigned char)s[at - 1])
					   : at + 4 == *b || !isalnum((unsigned char)s[at + 4]))) {
				if (end)
					*b = at;
				else
					*a = at + 4;
				changed = 1;
			}
		}
	}
	trim(s, a, b);
}

/* The office words that may head "<office> of the <issuer>". */
static int office_head(const char *s, size_t a, size_t b)
{
	static const char *const heads[] = {"office", "service", "department", "spokesperson",
					    "spokesman", "spokeswoman", "secretariat", "bureau",
					    "division", "directorate", "press center", "press centre",
					    NULL};
	for (int k = 0; heads[k]; k++)
		if (word_at(s, a, b, heads[k], 1))
			return 1;
	return 0;
}

/* A mission abroad named alone: "Embassy of Japan in the United Kingdom",
 * "Pakistani Embassy in Beijing", "Permanent Mission of Ukraine to the
 * United Nations": at most 12 words, every one capitalised but the small
 * ones, a mission word, then " in " or " to " and where it sits. */
static int is_mission(const char *s, size_t a, size_t b)
{
	static const char *const mission[] = {"embassy", "mission", "consulate", "consulate-general",
					      "delegation", "commission", NULL};
	static const char *const small[] = {"of", "in", "the", "to", "at", "and", "for", NULL};
	int words = 0, seen_mission = 0, where = 0;
	for (size_t i = a; i < b;) {
		size_t e = i;
		while (e < b && s[e] != ' ')
			e++;
		words++;
		int is_small = 0;
		for (int k = 0; small[k] && !is_small; k++)
			is_small = e - i == strlen(small[k]) && !strncmp(s + i, small[k], e - i);
		for (int k = 0; mission[k] && !seen_mission; k++)
			seen_mission = e - i == strlen(mission[k]) && !strncasecmp(s + i, mission[k], e - i);
		if (seen_mission && !where && e - i == 2 && (!strncmp(s + i, "in", 2) || !strncmp(s + i, "to", 2)))
			where = 1;
		unsigned char c = (unsigned char)s[i];
		if (!is_small && !(isupper(c) || c >= 0x80 || c == '(' || isdigit(c)))
			return 0;
		i = e + 1;
	}
	return seen_mission && where && words <= 12;
}

/* Whether s[a..b) credits a picture rather than the text: "Photo: Reuters",
 * "Xinhua/File photo", "AFP pic", "Handout from the Ministry/Reuters". */
static int picture_credit(const char *s, size_t a, size_t b)
{
	static const char *const words[] = {"photo", "photos", "photograph", "pic", "picture", "image",
					    "file", "graphic", "graphics", "video", "illustration",
					    "handout", "caption", "courtesy", NULL};
	for (size_t i = a; i < b;) {
		while (i < b && !isalpha((unsigned char)s[i]))
			i++;
		size_t e = i;
		while (e < b && isalpha((unsigned char)s[e]))
			e++;
		for (int k = 0; words[k] && e > i; k++)
			if (e - i == strlen(words[k]) && !strncasecmp(s + i, words[k], e - i))
				return 1;
		i = e;
	}
	return 0;
}

/* The issuer s[a..b) names once its credit marks are trimmed: the whole,
 * else (with parts) a part between " | ", " - ", dashes, ": " or ", ", else
 * the issuer after "<office> of the", else a mission abroad as written. 1
 * and the name in r->out->agency, 0 when it names none, -1 when memory ran
 * out. */
static int issuer_in(struct reader *r, size_t a, size_t b, int parts)
{
	const char *s = r->s;
	if (picture_credit(s, a, b))
		return 0;
	static const char *const seps[] = {" | ", " -- ", " - ", " \xe2\x80\x94 ", " \xe2\x80\x93 ",
					   "\xe2\x80\x94", ": ", ", ", NULL};
	strip_credit(s, &a, &b);
	if (a >= b || b - a > 120)
		return 0;
	int rc = set_agency_name(r, s + a, b - a);
	for (int k = 0; parts && seps[k] && !rc; k++) {
		size_t n = strlen(seps[k]), from = a;
		for (size_t i = a; i + n <= b && !rc; i++) {
			if (strncmp(s + i, seps[k], n))
				continue;
			size_t pa = from, pb = i;
			strip_credit(s, &pa, &pb);
			if (pa < pb)
				rc = set_agency_name(r, s + pa, pb - pa);
			from = i + n;
		}
		if (!rc && from > a) {
			size_t pa = from, pb = b;
			strip_credit(s, &pa, &pb);
			if (pa < pb)
				rc = set_agency_name(r, s + pa, pb - pa);
		}
	}
	for (size_t i = a; i + 8 <= b && !rc; i++)
		if (!strncasecmp(s + i, " of the ", 8) && office_head(s, a, i))
			rc = set_agency_name(r, s + i + 8, b - i - 8);
	if (!rc && is_mission(s, a, b)) {
		size_t ma = starts_with(s, a, b, "the ") ? a + 4 : a;
		rc = set_clean(&r->out->agency, s, ma, b) ? -1 : 1;
	}
	return rc;
}

/* A unit short enough to be a heading or a credit, and not prose (a
 * copyright line may end with a full stop), nor a related headline. */
static int credit_like(const struct unit *u)
{
	if (u->len > 160 || u->words > 14 || (u->kind & U_RELATED))
		return 0;
	return !u->sentence || u->words <= 3 || (u->kind & U_BOILER);
}

/* Whether the unit opens with a credit mark: a bracket, a dash, "\xc2\xa9",
 * "(c)", "Copyright". */
static int credit_mark(const char *s, const struct unit *u)
{
	static const char *const marks[] = {"(", "[", "-", "\xe2\x80\x94", "\xe2\x80\x93", "\xc2\xa9",
					    "copyright", NULL};
	for (int k = 0; marks[k]; k++)
		if (starts_with(s, u->off, u->off + u->len, marks[k]))
			return 1;
	return 0;
}

/* The issuer named by a credit or sign-off after the body (the last
 * paragraph's sign-off first: "... Initiative. -- Xinhua"), else by a
 * heading before it (the headline aside). After the body, where related
 * headlines and other reports' credits may stand, a line names the issuer
 * whole, or in parts only behind a credit mark. 0 whether found or not,
 * -1 when memory ran out. */
static int find_issuer(struct reader *r)
{
	int rc = 0;
	if (r->l != NONE && r->l < r->n) {
		const struct unit *u = &r->u[r->l];
		if (u->keep < u->len)
			rc = issuer_in(r, u->off + u->keep, u->off + u->len, 0);
	}
	for (size_t i = r->l == NONE ? r->n : r->l + 1; i < r->n && !rc; i++)
		if (credit_like(&r->u[i]))
			rc = issuer_in(r, r->u[i].off, r->u[i].off + r->u[i].len, credit_mark(r->s, &r->u[i]));
	for (size_t i = 0; i < r->n && i < r->b && !rc; i++)
		if (credit_like(&r->u[i]) && i != r->h)
			rc = issuer_in(r, r->u[i].off, r->u[i].off + r->u[i].len, 1);
	return rc < 0 ? -1 : 0;
}

/* Outside the body: "Source: X" lines first, then lines naming the agency
 * or issuer alone, then the name before a timestamp ("KYODO NEWS - ..."),
 * then credits, sign-offs and headings (find_issuer), then the hints (the
 * feed's or the sources file's agency). */
static int find_agency(struct reader *r)
{
	if (r->d != NONE && r->dl.agency[0])   /* a dateline naming none leaves the others */
		return report_set(&r->out->agency, r->dl.agency);
	size_t v;
	for (size_t i = 0; i < r->n; i++) {
		const struct unit *u = &r->u[i];
		if ((i < r->b || i > r->l) && field_value(r, u, "source", &v)) {
			int rc = set_agency_name(r, r->s + v, u->off + u->len - v);
			if (rc)
				return rc < 0 ? -1 : 0;
		}
	}
	for (size_t i = 0; i < r->n; i++) {
		const struct unit *u = &r->u[i];
		if ((u->kind & U_AGENCY) && (i < r->b || i > r->l)) {
			int rc = set_agency_name(r, r->s + u->off, u->len);
			if (rc)
				return rc < 0 ? -1 : 0;
		}
	}
	if (r->t != NONE && r->ts_unit == NONE && r->ts.text_start > 0) {
		const struct unit *u = &r->u[r->t];
		size_t e = r->ts.text_start;
		while (e > 0 && strchr(" -|", r->s[u->off + e - 1]))
			e--;
		int rc = set_agency_name(r, r->s + u->off, e);
		if (rc)
			return rc < 0 ? -1 : 0;
	}
	if (find_issuer(r))
		return -1;
	if (r->out->agency && *r->out->agency)
		return 0;
	if (r->hints && r->hints->agency) {
		char name[64];
		const char *a = r->hints->agency;
		if (agency_canonical(a, strlen(a), name, sizeof(name)))
			a = name;
		return report_set(&r->out->agency, a);
	}
	return 0;
}

static int find_url_author(struct reader *r)
{
	for (size_t i = 0; i < r->n && !r->out->url; i++) {
		const struct unit *u = &r->u[i];
		if (!(u->kind & U_URL))
			continue;
		size_t a = u->off, b = a + u->len;
		while (a < b && !is_url_at(r->s, a, b))
			a++;
		if (set_clean(&r->out->url, r->s, a, b))
			return -1;
	}
	if (!r->out->url && r->hints && r->hints->url && report_set(&r->out->url, r->hints->url))
		return -1;
	for (size_t i = 0; i < r->n && i < r->b; i++) {
		const struct unit *u = &r->u[i];
		if (u->kind & U_BYLINE)
			return set_clean(&r->out->author, r->s, u->off + 3, u->off + u->len);
	}
	return 0;
}

/* ---- dates --------------------------------------------------------------- */

/* The year for a day and month written without one: the closest to the
 * reference date (ry-rm-rd). */
static int closest_year(int m, int d, int ry, int rm, int rd)
{
	int64_t ref = days_from_civil(ry, rm, rd);
	int best = ry;
	int64_t best_gap = INT64_MAX;
	for (int y = ry - 1; y <= ry + 1; y++) {
		if (!is_valid_date(y, m, d))
			continue;
		int64_t gap = days_from_civil(y, m, d) - ref;
		if (gap < 0)
			gap = -gap;
		if (gap < best_gap)
			best_gap = gap, best = y;
	}
	return best;
}

/* The latest year that does not put m-d after the hint date. */
static int year_not_after(int m, int d, const struct cdate *h)
{
	int y = h->year;
	if (h->prec >= PREC_MONTH && (m > h->month || (h->prec == PREC_DAY && m == h->month &&
						       d > h->day)))
		y--;
	if (m == 2 && d == 29)
		while (y > 1 && !is_valid_date(y, m, d))
			y--;
	return y;
}

static int set_day(struct reader *r, int y, int m, int d, const char *text, size_t n)
{
	if (!is_valid_date(y, m, d))
		return report_warn(r->out, "impossible date %04d-%02d-%02d", y, m, d);
	r->out->published = unix_from_civil(y, m, d, 0, 0, 0);
	r->out->pub_known = PUB_DATE;
	r->out->tz_offset_min = 0;
	if (!text)
		return 0;
	return set_clean(&r->out->published_text, text, 0, n);
}

/* The year the text gives the dateline's day and month when it writes them
 * with one ("Khartoum, 6 Oct (SUNA) - ... the decision taken on 6 October
 * 2017"): the latest such year (a report on an anniversary names the old
 * date too), or 0. */
static int year_in_text(const struct reader *r, int m, int d)
{
	int best = 0;
	for (size_t i = r->d; i < r->n; i++) {
		const struct unit *u = &r->u[i];
		if (u->kind & U_RELATED)
			continue;
		struct timex tx[16];
		size_t n = timex_find(r->s + u->off, u->len, NULL, TENSE_AUTO, tx, 16);
		for (size_t k = 0; k < n; k++)
			if (tx[k].kind == TIMEX_DATE && tx[k].date.prec == PREC_DAY && tx[k].date.month == m &&
			    tx[k].date.day == d && tx[k].date.year > best)
				best = tx[k].date.year;
	}
	return best;
}

/* The date from the dateline; returns 1 when set, 0 when it has none. */
static int dateline_date(struct reader *r, int use_ts)
{
	const struct dateline *dl = &r->dl;
	if (r->d == NONE || !dl->month || !dl->day)
		return 0;
	const char *text = r->s + r->u[r->d].off + dl->date_start;
	/* The year: the dateline's; else the one the text gives the same day
	 * and month; else the one of a date the caller gave; else the one
	 * nearest a stamp line of the page (a page's "today" above an archived
	 * story is the weakest evidence). */
	int y = dl->year;
	if (!y)
		y = year_in_text(r, dl->month, dl->day);
	if (!y && r->hints && r->hints->date.prec != PREC_UNKNOWN)
		y = year_not_after(dl->month, dl->day, &r->hints->date);
	if (!y && use_ts)
		y = closest_year(dl->month, dl->day, r->ts.year, r->ts.month, r->ts.day);
	if (!y) {
		r->out->undated_month = dl->month;
		r->out->undated_day = dl->day;
		if (report_warn(r->out, "the dateline's date '%.*s' has no year: publication "
				"date unknown", (int)dl->date_len, text))
			return -1;
		return 0;
	}
	return set_day(r, y, dl->month, dl->day, text, dl->date_len) ? -1 : 1;
}

static int timestamp_date(struct reader *r)
{
	const struct timestamp *ts = &r->ts;
	const char *text = r->s + r->u[r->ts_unit != NONE ? r->ts_unit : r->t].off + ts->text_start;
	if (!ts->has_time || !ts->offset_known)
		return set_day(r, ts->year, ts->month, ts->day, text, ts->text_len);
	int64_t local = unix_from_civil(ts->year, ts->month, ts->day, ts->hour, ts->minute, 0);
	r->out->published = local - (int64_t)ts->offset_min * 60;
	r->out->tz_offset_min = ts->offset_min;
	r->out->pub_known = PUB_TIME;
	return set_clean(&r->out->published_text, text, 0, ts->text_len);
}

static int find_date(struct reader *r)
{
	int rc;
	if (r->t != NONE) {
		/* An "Updated" line of another day than the dateline's, or a stamp
		 * days away from it (a page's "today" above an archived story):
		 * the dateline's day is the publication. A day apart is a time
		 * zone, not another story. */
		if (r->d != NONE && r->dl.month && r->dl.day &&
		    (r->dl.month != r->ts.month || r->dl.day != r->ts.day)) {
			int y = r->dl.year ? r->dl.year
					   : closest_year(r->dl.month, r->dl.day, r->ts.year, r->ts.month, r->ts.day);
			int64_t gap = days_from_civil(y, r->dl.month, r->dl.day) -
				      days_from_civil(r->ts.year, r->ts.month, r->ts.day);
			if ((r->ts.updated || gap > 2 || gap < -2) && (rc = dateline_date(r, 1)) != 0)
				return rc < 0 ? -1 : 0;
		}
		return timestamp_date(r);
	}
	size_t warned = r->out->n_warnings;
	if ((rc = dateline_date(r, 0)) != 0)
		return rc < 0 ? -1 : 0;
	if (r->hints && r->hints->date.prec == PREC_DAY) {
		const struct cdate *h = &r->hints->date;
		return set_day(r, h->year, h->month, h->day, NULL, 0);
	}
	if (r->out->n_warnings == warned) {   /* a dateline without a year said it already */
		/* No date of its own: the latest full date its text names (a
		 * photo caption's, an embedded post's, the day of the story's
		 * event), which a report seldom passes by much. */
		int best = 0, bm = 0, bd = 0;
		for (size_t i = 0; i < r->n && !(r->hints && r->hints->date.prec != PREC_UNKNOWN); i++) {
			const struct unit *u = &r->u[i];
			if (u->kind & U_RELATED)
				continue;
			struct timex tx[16];
			size_t n = timex_find(r->s + u->off, u->len, NULL, TENSE_AUTO, tx, 16);
			for (size_t k = 0; k < n; k++) {
				const struct cdate *c = &tx[k].date;
				if (tx[k].kind != TIMEX_DATE || c->prec != PREC_DAY || (tx[k].flags & TIMEX_F_RANGE))
					continue;
				if (c->year * 10000 + c->month * 100 + c->day > best * 10000 + bm * 100 + bd) {
					best = c->year;
					bm = c->month;
					bd = c->day;
				}
			}
		}
		if (best) {
			if (set_day(r, best, bm, bd, NULL, 0))
				return -1;
			return report_warn(r->out, "no date of its own: dated %04d-%02d-%02d, the latest day its text names",
					   best, bm, bd);
		}
		return report_warn(r->out, "no date found");
	}
	return 0;
}

/* ---- the reader ---------------------------------------------------------- */

static int fail(char **err, const char *msg)
{
	*err = xstrdup(msg);
	return -1;
}

static int only_blanks(const char *s, size_t len)
{
	size_t n;
	for (size_t i = 0; i < len; i += n)
		if (!is_blank_at(s, len, i, &n))
			return 0;
	return 1;
}

static int fill_report(struct reader *r)
{
	struct report *out = r->out;
	if (report_set(&out->format, "text"))
		return -1;
	if (set_title(r) || set_body(r) || find_agency(r) || find_url_author(r) || find_date(r))
		return -1;
	if (r->lede != NONE &&
	    set_clean(&out->lede, r->s, r->u[r->lede].off, r->u[r->lede].off + r->u[r->lede].len))
		return -1;
	const char *place = r->d != NONE ? r->dl.place : r->t != NONE ? r->ts.place : "";
	if (*place && report_set(&out->place, place))
		return -1;
	return 0;
}

int text_read(const char *data, size_t len, const struct ingest_hints *hints,
              struct report *out, char **err)
{
	*err = NULL;
	if (len > TEXT_MAX_INPUT)
		return fail(err, "report too large");
	if (!data || only_blanks(data, len))
		return fail(err, "empty report");
	struct reader r = {.s = data, .len = len, .hints = hints, .out = out, .ts_unit = NONE};
	int rc = cut_units(&r);
	for (size_t i = 0; i < r.n && !rc; i++)
		classify(&r, &r.u[i]);
	if (!rc) {
		mark_related(&r);
		find_dateline(&r);
		find_timestamp(&r);
		find_body(&r);
		if (r.b == NONE) {
			free(r.u);
			return fail(err, "no report text found");
		}
		find_headline(&r);
		rc = fill_report(&r);
	}
	free(r.u);
	if (rc)
		return fail(err, "out of memory");
	return 0;
}
