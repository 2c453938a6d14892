/* Tokens and sentences: see sentence.h. */
#include "ingest/sentence.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

uint64_t text_hash(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

void token_list_init(struct token_list *l)
{
	memset(l, 0, sizeof(*l));
}

void token_list_release(struct token_list *l)
{
	free(l->t);
	free(l->pool);
	memset(l, 0, sizeof(*l));
}

void token_list_reset(struct token_list *l)
{
	l->n = 0;
	l->pool_len = 0;
}

/* Character classes of the C locale (the program never sets another) in
 * one table, built at compile time: the tokeniser asks them of every byte. */
enum {
	C_LETTER = 0x01,
	C_DIGIT = 0x02,
	C_SPACE = 0x04,
	C_UPPER = 0x20,   /* the bit that lower-cases an ASCII capital */
};

#define CLASS(c)                                                                               \
	(((unsigned)((c) - 'A') < 26u ? C_LETTER | C_UPPER : 0) | ((unsigned)((c) - 'a') < 26u ? C_LETTER : 0) | \
	 ((unsigned)((c) - '0') < 10u ? C_DIGIT : 0) | ((c) == ' ' || (unsigned)((c) - '\t') < 5u ? C_SPACE : 0))
#define CLASS4(c) CLASS(c), CLASS((c) + 1), CLASS((c) + 2), CLASS((c) + 3)
#define CLASS16(c) CLASS4(c), CLASS4((c) + 4), CLASS4((c) + 8), CLASS4((c) + 12)
#define CLASS64(c) CLASS16(c), CLASS16((c) + 16), CLASS16((c) + 32), CLASS16((c) + 48)
static const unsigned char char_class[256] = {CLASS64(0), CLASS64(64), CLASS64(128), CLASS64(192)};

static inline int a_upper(unsigned c)
{
	return (char_class[c & 0xFF] & C_UPPER) != 0;
}

static inline int a_alpha(unsigned c)
{
	return (char_class[c & 0xFF] & C_LETTER) != 0;
}

static inline int a_digit(unsigned c)
{
	return (char_class[c & 0xFF] & C_DIGIT) != 0;
}

static inline int a_alnum(unsigned c)
{
	return (char_class[c & 0xFF] & (C_LETTER | C_DIGIT)) != 0;
}

static inline int a_space(unsigned c)
{
	return (char_class[c & 0xFF] & C_SPACE) != 0;
}

/* Length of the UTF-8 sequence at s (1 for a stray byte). */
static size_t u8len(const unsigned char *s, size_t left)
{
	size_t n = s[0] < 0x80 ? 1 : s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
	return n <= left ? n : 1;
}

/* Punctuation outside ASCII that must not glue to words: quotes, dashes,
 * ellipsis, non-breaking space. Returns 1 for an opening quote, 2 for a
 * closing one, 3 for other punctuation, 4 for a space, 0 for a letter. */
static int u8punct(const unsigned char *s, size_t n)
{
	if (n == 3 && s[0] == 0xE2 && s[1] == 0x80) {
		switch (s[2]) {
		case 0x9C: case 0x98: return 1;            /* “ ‘ */
		case 0x9D: case 0x99: return 2;            /* ” ’ */
		case 0x93: case 0x94: case 0x95: case 0xA6: case 0xA2: return 3; /* – — ― … • */
		case 0x8B: case 0xAF: case 0x89: case 0x8A: return 4;  /* zero-width, narrow spaces */
		}
		if (s[2] >= 0x80 && s[2] <= 0x8A)
			return 4;
	}
	if (n == 2 && s[0] == 0xC2) {
		if (s[1] == 0xAB)
			return 1;  /* « */
		if (s[1] == 0xBB)
			return 2;  /* » */
		if (s[1] == 0xA0)
			return 4;  /* no-break space */
		if (s[1] == 0xB7 || s[1] == 0xA7)
			return 3;
	}
	return 0;
}

static int is_upper_start(const unsigned char *s, size_t n)
{
	if (s[0] < 0x80)
		return a_upper(s[0]);
	/* Latin-1 supplement and Cyrillic capitals: enough for names. */
	if (n == 2 && s[0] == 0xC3)
		return s[1] >= 0x80 && s[1] <= 0x9E && s[1] != 0x97;
	if (n == 2 && (s[0] == 0xD0))
		return s[1] >= 0x80 && s[1] <= 0xAF;
	return 0;
}

static int grow_tokens(struct token_list *l)
{
	if (l->n < l->cap)
		return 0;
	size_t cap = l->cap ? l->cap * 2 : 256;
	struct token *t = realloc(l->t, cap * sizeof(*t));
	if (!t)
		return -1;
	l->t = t;
	l->cap = cap;
	return 0;
}

static int push(struct token_list *l, const char *text, size_t s, size_t e, size_t base, int flags)
{
	if (grow_tokens(l))
		return -1;
	size_t n = e - s;
	if (l->pool_len + n + 1 > l->pool_cap) {
		size_t cap = l->pool_cap ? l->pool_cap * 2 : 4096;
		while (cap < l->pool_len + n + 1)
			cap *= 2;
		char *p = realloc(l->pool, cap);
		if (!p)
			return -1;
		l->pool = p;
		l->pool_cap = cap;
	}
	struct token *t = &l->t[l->n++];
	t->start = (uint32_t)(s + base);
	t->end = (uint32_t)(e + base);
	t->lower = (uint32_t)l->pool_len;
	t->lower_len = (uint32_t)n;
	char *low = l->pool + l->pool_len;
	int letters = 0, uppers = 0;
	/* The lower-case hash (text_hash, FNV-1a) in the lower-casing pass; the
	 * exact form is the same string unless a capital was lowered. */
	uint64_t lh = 14695981039346656037ULL;
	for (size_t i = 0; i < n; i++) {
		unsigned c = (unsigned char)text[s + i];
		unsigned k = char_class[c];   /* without branches: case is unpredictable */
		unsigned lc = c | (k & C_UPPER);
		letters += (int)(k & C_LETTER);
		uppers += (int)(k & C_UPPER) >> 5;
		low[i] = (char)lc;
		lh = (lh ^ lc) * 1099511628211ULL;
	}
	/* Curly apostrophes read as straight ones, so "Japan’s" and "Japan's" match alike. */
	low[n] = '\0';
	l->pool_len += n + 1;
	t->hash = uppers ? text_hash(text + s, n) : lh;
	t->lhash = lh;
	if (letters >= 2 && letters == uppers)
		flags |= TOK_ALLCAPS;
	t->flags = (uint16_t)flags;
	return 0;
}

/* A dotted abbreviation at text[i]: single letters each followed by a
 * period ("U.S.", "U.N.", "a.m."). Returns its length, or 0. */
static size_t dotted(const char *text, size_t i, size_t len)
{
	size_t j = i, letters = 0;
	while (j + 1 < len && a_alpha((unsigned char)text[j]) && text[j + 1] == '.') {
		j += 2;
		letters++;
		if (j < len && a_alpha((unsigned char)text[j]) && j + 1 < len && a_alpha((unsigned char)text[j + 1]))
			return 0;
	}
	return letters >= 2 ? j - i : 0;
}

int tokenize(const char *text, size_t len, size_t base, struct token_list *l)
{
	size_t i = 0;
	int dq_open = 0;    /* straight double quotes toggle */
	int quoted = 0;     /* depth inside curly or straight quotes */
	while (i < len) {
		const unsigned char *u = (const unsigned char *)text + i;
		size_t cl = u8len(u, len - i);
		if (cl == 1 && a_space(u[0])) {
			i++;
			continue;
		}
		int up = cl > 1 ? u8punct(u, cl) : 0;
		if (up == 4) {
			i += cl;
			continue;
		}
		/* Possessive 's after a word: its own token, as "'s". */
		if ((u[0] == '\'' || up == 2) && l->n && i > 0 && !a_space((unsigned char)text[i - 1]) &&
		    i + cl < len && (text[i + cl] == 's' || text[i + cl] == 'S') &&
		    (i + cl + 1 >= len || !a_alnum((unsigned char)text[i + cl + 1]))) {
			if (push(l, text, i, i + cl + 1, base, TOK_WORD | (quoted ? TOK_QUOTED : 0)))
				return -1;
			/* Normalise the pool form to "'s" whatever the apostrophe was. */
			struct token *t = &l->t[l->n - 1];
			char *low = l->pool + t->lower;
			low[0] = '\'';
			low[1] = 's';
			low[2] = '\0';
			t->lower_len = 2;
			/* Both hashes: names ("People’s Republic") match case-sensitively. */
			t->lhash = t->hash = text_hash("'s", 2);
			i += cl + 1;
			continue;
		}
		if (u[0] == '"' || up == 1 || up == 2 || u[0] == '\'') {
			int open;
			if (u[0] == '"')
				open = !dq_open;
			else if (u[0] == '\'')
				open = i == 0 || a_space((unsigned char)text[i - 1]);
			else
				open = up == 1;
			int flags = TOK_PUNCT | (open ? TOK_OPEN_QUOTE : TOK_CLOSE_QUOTE);
			if (u[0] == '"')
				dq_open = !dq_open;
			if (u[0] != '\'') {
				if (open)
					quoted++;
				else if (quoted)
					quoted--;
			}
			if (push(l, text, i, i + cl, base, flags | (quoted || !open ? TOK_QUOTED : 0)))
				return -1;
			i += cl;
			continue;
		}
		if (up == 3 || (cl == 1 && !a_alnum(u[0]))) {
			if (push(l, text, i, i + cl, base, TOK_PUNCT | (quoted ? TOK_QUOTED : 0)))
				return -1;
			i += cl;
			continue;
		}
		size_t d = dotted(text, i, len);
		size_t j = i;
		if (d) {
			j = i + d;
		} else {
			while (j < len) {
				/* Runs of ASCII letters and digits, the usual case, in a tight loop. */
				while (j < len && a_alnum((unsigned char)text[j]))
					j++;
				if (j >= len)
					break;
				const unsigned char *w = (const unsigned char *)text + j;
				size_t wl = u8len(w, len - j);
				if (wl == 1 && !a_alnum(w[0])) {
					/* Keep decimal points and thousands separators inside numbers. */
					if ((w[0] == '.' || w[0] == ',') && j > i && a_digit((unsigned char)text[j - 1]) &&
					    j + 1 < len && a_digit((unsigned char)text[j + 1]) && a_digit(u[0])) {
						j++;
						continue;
					}
					break;
				}
				if (wl > 1 && u8punct(w, wl))
					break;
				j += wl;
			}
		}
		int flags = a_digit(u[0]) ? TOK_NUM : TOK_WORD;
		if (is_upper_start(u, cl))
			flags |= TOK_CAP;
		if (quoted)
			flags |= TOK_QUOTED;
		if (push(l, text, i, j, base, flags))
			return -1;
		i = j;
	}
	return 0;
}

/* Words after which a period does not end a sentence. */
static int is_abbrev(const char *low, size_t n)
{
	static const char *const abbr[] = {
		"mr", "mrs", "ms", "dr", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "maj", "st",
		"no", "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
		"dec", "gov", "sen", "rep", "reps", "prof", "inc", "corp", "ltd", "co", "vs", "etc", "approx",
		"fig", "art", "para", "vol", "pp", "jr", "sr", "rev", "hon", "amb", "pres", "dept", "est",
		"mt", "ft", "op", "cf", "al", NULL,
	};
	if (n < 2 || n > 6)
		return 0;   /* the lengths of the list */
	for (int i = 0; abbr[i]; i++)
		if (abbr[i][0] == low[0] && strlen(abbr[i]) == n && !memcmp(abbr[i], low, n))
			return 1;
	return 0;
}

static int grow_spans(struct sentence_span **out, size_t *n, size_t *cap)
{
	if (*n < *cap)
		return 0;
	size_t c = *cap ? *cap * 2 : 64;
	struct sentence_span *p = realloc(*out, c * sizeof(*p));
	if (!p)
		return -1;
	*out = p;
	*cap = c;
	return 0;
}

/* Appends the sentence [start, end), cut into pieces of at most
 * SENTENCE_MAX_TOKENS tokens. Real sentences stay far below it (the longest of
 * our annotated reports has some 300 tokens); a text with no stops (a list,
 * a transcript, a table turned to text, made-up prose) would otherwise be one
 * "sentence" whose every event carries all of it as evidence, and whose
 * triggers each look at all of its mentions. A piece ends after the last
 * clause mark (; , : or a closing quote or bracket) of its second half, or at
 * a line break there, else at the limit. */
static int push_span(const char *text, const struct token_list *l, size_t start, size_t end,
		     struct sentence_span **out, size_t *n, size_t *cap)
{
	while (end - start > SENTENCE_MAX_TOKENS) {
		size_t cut = start + SENTENCE_MAX_TOKENS;
		for (size_t i = cut; i > start + SENTENCE_MAX_TOKENS / 2; i--) {
			const struct token *t = &l->t[i - 1];
			char c = text[t->start];
			if ((t->flags & TOK_PUNCT) && (c == ';' || c == ',' || c == ':' || c == ')' ||
						       (t->flags & TOK_CLOSE_QUOTE))) {
				cut = i;
				break;
			}
			if (memchr(text + t->end, '\n', l->t[i].start - t->end)) {
				cut = i;
				break;
			}
		}
		if (grow_spans(out, n, cap))
			return -1;
		(*out)[(*n)++] = (struct sentence_span){start, cut};
		start = cut;
	}
	if (grow_spans(out, n, cap))
		return -1;
	(*out)[(*n)++] = (struct sentence_span){start, end};
	return 0;
}

/* Whether a line break before token i ends a sentence that has no stop: a
 * caption's credit ("... (Photo by Reuters)"), a byline or a kicker on a
 * short line of its own, followed by a line that opens with a capital, a
 * digit or a quotation. (A line wrapped inside a sentence is long and ends
 * with a word.) */
static int line_ends_sentence(const char *text, const struct token_list *l, size_t i)
{
	const struct token *p = &l->t[i - 1], *t = &l->t[i];
	if (!(t->flags & (TOK_CAP | TOK_NUM | TOK_OPEN_QUOTE)))
		return 0;
	size_t nl = p->end;
	while (nl < t->start && text[nl] != '\n')
		nl++;
	if (nl == t->start)
		return 0;
	char last = text[p->start];
	if (last == '.' || last == '!' || last == '?' || last == ',' || last == ':' || last == ';' || last == '-' ||
	    last == '(' || (p->flags & TOK_OPEN_QUOTE))
		return 0;   /* the stop splits it already, or the sentence goes on */
	if (last == ')' || last == ']')
		return 1;
	size_t ls = p->start;
	while (ls > 0 && text[ls - 1] != '\n')
		ls--;
	return p->end - ls < 48;
}

/* Whether the stop at pos is inside a ticker in angle brackets, as wires
 * give a company's instrument code ("Cable and Wireless Plc <CAWL.L>",
 * "<TSBA.T>"): letters, digits and dots between '<' and '>'. */
static int in_ticker(const char *text, size_t pos)
{
	size_t a = pos;
	while (a > 0 && pos - a < 16 && (isalnum((unsigned char)text[a - 1]) || text[a - 1] == '.'))
		a--;
	if (a == 0 || text[a - 1] != '<' || a == pos)
		return 0;
	size_t b = pos + 1;
	while (b - pos < 16 && (isalnum((unsigned char)text[b]) || text[b] == '.'))
		b++;
	return b > pos + 1 && text[b] == '>';
}

int split_sentences(const char *text, const struct token_list *l, size_t from, size_t to,
		    struct sentence_span **out, size_t *n, size_t *cap)
{
	size_t start = from;
	for (size_t i = from; i < to; i++) {
		const struct token *t = &l->t[i];
		if (i > start && line_ends_sentence(text, l, i)) {
			if (push_span(text, l, start, i, out, n, cap))
				return -1;
			start = i;
		}
		if (!(t->flags & TOK_PUNCT))
			continue;
		char c = text[t->start];
		if (c != '.' && c != '!' && c != '?' && c != ';')
			continue;
		if (c == ';' && !(t->flags & TOK_QUOTED))
			continue;  /* semicolons split clauses, not sentences */
		if (c == ';')
			continue;
		if (t->flags & TOK_QUOTED && !(i + 1 < to && (l->t[i + 1].flags & TOK_CLOSE_QUOTE) &&
					       i + 2 < to && (l->t[i + 2].flags & TOK_CAP) &&
					       !(l->t[i + 2].flags & TOK_QUOTED)))
			continue;  /* a stop inside a quotation keeps the quote whole */
		if (c == '.' && in_ticker(text, t->start))
			continue;
		if (c == '.' && i > from) {
			const struct token *p = &l->t[i - 1];
			size_t pl = p->end - p->start;
			if (p->end == t->start && (p->flags & TOK_WORD) &&
			    (is_abbrev(tok_lower(l, i - 1), pl) ||
			     (pl == 1 && (p->flags & TOK_CAP))))  /* an initial: John F. Kerry */
				continue;
			/* Mongolian and Central Asian initials glued to the name:
			 * "Kh.Battulga", "Ts.Elbegdorj" (not "said.The"). */
			if (p->end == t->start && (p->flags & TOK_CAP) && pl <= 3 && i + 1 < to &&
			    l->t[i + 1].start == t->end && (l->t[i + 1].flags & TOK_CAP))
				continue;
		}
		size_t end = i + 1;
		/* Closing quotes and brackets after the stop belong to this sentence. */
		while (end < to && (l->t[end].flags & TOK_CLOSE_QUOTE || text[l->t[end].start] == ')'))
			end++;
		/* Only a capital, a digit or an opening quote starts the next sentence. */
		if (end < to && !(l->t[end].flags & (TOK_CAP | TOK_NUM | TOK_OPEN_QUOTE)))
			continue;
		if (push_span(text, l, start, end, out, n, cap))
			return -1;
		start = end;
		i = end - 1;
	}
	/* A dotted abbreviation ending the paragraph ("... the U.S.") carries the stop itself. */
	if (start < to) {
		if (push_span(text, l, start, to, out, n, cap))
			return -1;
	}
	return 0;
}
