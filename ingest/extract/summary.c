/* Extraction, summaries: the one-line summary of each event, from the type
 * table's phrases and the actors' labels, and the events handed to the
 * caller.
 * (The stages: see extract_int.h.) */
#include "ingest/extract/extract_int.h"

/* ---- output ------------------------------------------------------------- */

/* "Japan's Foreign Minister Fumio Kishida", "U.S. Secretary of State John Kerry", "Japan". */
/* Names that English writes with "the": the United States, the Philippines,
 * the Czech Republic, the UN Security Council. */
static int name_takes_the(const char *name, enum actor_kind kind)
{
	size_t n = strlen(name);
	/* Organisations written out take it ("the North Atlantic Treaty
	 * Organization", "the Arab League"); one-word names do not ("UNICEF",
	 * "BRICS", "Interpol"). */
	if (kind == ACTOR_ORG)
		return strchr(name, ' ') != NULL;
	return kind == ACTOR_STATE &&
	       (has_prefix(name, "United ") || strstr(name, "Republic") || strstr(name, "Islands") ||
		(n > 3 && name[n - 1] == 's' && name[n - 2] != 's' && strcmp(name, "Belarus") &&
		 strcmp(name, "Cyprus") && strcmp(name, "Mauritius") && strcmp(name, "Honduras") &&
		 strcmp(name, "Laos") && strcmp(name, "Barbados") && strcmp(name, "Kiribati")));
}

/* Whether report actor a's name takes "the"; decided once per actor. */
static int takes_the(struct ractor *a)
{
	if (a->the < 0)
		a->the = (signed char)name_takes_the(a->name, a->kind);
	return a->the;
}

static struct piece str_piece(const char *s)
{
	return (struct piece){s, strlen(s)};
}

/* Appends the pieces to b, all or none: like one buf_printf of them, when
 * they would pass b's maximum nothing is added. Returns 0 or -1. */
static int add_pieces(struct buf *b, const struct piece *p, size_t n)
{
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += p[i].n;
	if (total > b->max - b->len)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (buf_add(b, p[i].s, p[i].n))
			return -1;
	return 0;
}

static void actor_label(const struct extractor *x, int ra, struct buf *b)
{
	struct ractor *a = &x->ra[ra];   /* takes_the caches in it */
	if (a->kind != ACTOR_PERSON) {
		if (takes_the(a))
			buf_addstr(b, b->len ? "the " : "The ");
		buf_addstr(b, a->name);
		return;
	}
	long st = code_actor_of(x, ra);
	if (st >= 0) {
		const struct dict_actor *s = &x->d.actors[st];
		size_t n = strlen(s->name);
		if (s->short_form) {
			add_pieces(b, (struct piece[]){str_piece(s->short_form), PIECE(" ")}, 2);
		} else {
			/* Whether it takes "the" is decided on the name as a report
			 * actor holds it: cut to the size of ractor.name. */
			char cut[sizeof(a->name)];
			const char *as_held = s->name;
			if (n >= sizeof(cut)) {
				memcpy(cut, s->name, sizeof(cut) - 1);
				cut[sizeof(cut) - 1] = '\0';
				as_held = cut;
			}
			struct piece the = PIECE("");
			if (name_takes_the(as_held, s->kind))
				the = b->len ? PIECE("the ") : PIECE("The ");
			struct piece poss = n && s->name[n - 1] == 's' ? PIECE("' ") : PIECE("'s ");
			add_pieces(b, (struct piece[]){the, {s->name, n}, poss}, 3);
		}
	}
	if (a->title[0])
		add_pieces(b, (struct piece[]){str_piece(a->title), PIECE(" ")}, 2);
	buf_addstr(b, a->name);
}

static void label_list(const struct extractor *x, const int *ra, int n, struct buf *b)
{
	for (int i = 0; i < n; i++) {
		if (i)
			buf_addstr(b, i == n - 1 ? " and " : ", ");
		actor_label(x, ra[i], b);
	}
}

/* How a summary says each type (dict/types.tsv): alone, with a party,
 * planned and negated. */
/* The verb phrase of a symmetric or target-less event ("met", "will meet"). */
static const char *verb_alone(const struct phrase *p, enum event_status st)
{
	if (st == STATUS_PLANNED)
		return p->planned;
	if (st == STATUS_NEGATED)
		return p->negated;
	return p->sym;
}

/* Expulsions come in kinds: the wording near the trigger says which. */
static const struct phrase expulsion_kinds[] = {
	{"ties", "cut diplomatic ties", "cut diplomatic ties with", "will cut diplomatic ties with", "did not cut ties with"},
	{"relations", "cut diplomatic ties", "cut diplomatic ties with", "will cut diplomatic ties with", "did not cut ties with"},
	{"recall", "recalled envoys", "recalled its envoy from", "will recall its envoy from", "did not recall its envoy from"},
	{"clos", "closed missions", "closed a mission of", "will close a mission of", "did not close a mission of"},
	{"downgrad", "downgraded relations", "downgraded relations with", "will downgrade relations with", "did not downgrade relations with"},
	{NULL, NULL, NULL, NULL, NULL},
};

static const struct phrase *expulsion_kind(const struct cand *c, const char *text, size_t n)
{
	if (!text || c->trig_end <= c->trig_start || c->trig_end > n)
		return NULL;
	size_t end = c->trig_end + 60;
	if (end > n)
		end = n;
	for (const struct phrase *k = expulsion_kinds; k->type; k++) {
		size_t kl = strlen(k->type);
		/* The first letter (lower case in the table) before the call. */
		for (size_t i = c->trig_start; i + kl <= end; i++)
			if (((unsigned char)text[i] | 0x20) == (unsigned char)k->type[0] && !strncasecmp(text + i, k->type, kl))
				return k;
	}
	return NULL;
}

/* ---- what the act is about ------------------------------------------- */

/* Whether byte i of t begins a clause boundary: a sentence stop, a colon or
 * semicolon, a comma, a bracket, a dash set off by spaces. A full stop after
 * a capital ("U.S.") or a short title ("Mr.") is not one. */
static int clause_stop(const char *t, size_t i, size_t n)
{
	unsigned char ch = (unsigned char)t[i];
	if (ch == ';' || ch == ':' || ch == ',' || ch == '!' || ch == '?' || ch == '(' || ch == '[')
		return 1;
	if (ch == '.') {
		/* "arena.Congratulating": a stop with its space lost. */
		if (i + 1 < n && t[i + 1] != ' ' && t[i + 1] != '\n')
			return i && islower((unsigned char)t[i - 1]) && isupper((unsigned char)t[i + 1]);
		/* after a closing quotation mark */
		if (i && (t[i - 1] == '"' || (unsigned char)t[i - 1] == 0x9d))
			return 1;
		if (!i || !islower((unsigned char)t[i - 1]))
			return 0;
		size_t w = i;
		while (w > 0 && isalpha((unsigned char)t[w - 1]))
			w--;
		return !(isupper((unsigned char)t[w]) && i - w <= 3);
	}
	if (ch == '\n')
		return 1;
	/* "—", "–" (UTF-8), " -- " */
	if (ch == 0xe2 && i + 2 < n && (unsigned char)t[i + 1] == 0x80 &&
	    ((unsigned char)t[i + 2] == 0x94 || (unsigned char)t[i + 2] == 0x93))
		return 1;
	return ch == '-' && i + 1 < n && t[i + 1] == '-';
}

/* The length of the word (letters, digits, '-', '\'') at t[i], or 0. */
static size_t word_len(const char *t, size_t i, size_t n)
{
	size_t k = i;
	while (k < n && (isalnum((unsigned char)t[k]) || t[k] == '-' || t[k] == '\'' || (unsigned char)t[k] >= 0x80) &&
	       !clause_stop(t, k, n))
		k++;
	return k - i;
}

static int word_is(const char *t, size_t i, size_t len, const char *const *list)
{
	int first = tolower((unsigned char)t[i]);
	for (; *list; list++)
		if (**list == first && strlen(*list) == len && !strncasecmp(t + i, *list, len))
			return 1;
	return 0;
}

/* Words after which what follows is a time, not the act's object ("on
 * Monday", "in March"). */
static const char *const time_words[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
	"sept", "oct", "nov", "dec", "today", "yesterday", "tomorrow", "tonight", "last", "next",
	"this", "that", "earlier", "later", "the", NULL};
/* Words that cannot begin a direct object. */
static const char *const not_object[] = {
	"on", "in", "at", "by", "with", "to", "for", "of", "over", "from", "as", "after", "before",
	"during", "against", "about", "into", "it", "this", "that", "these", "those", "him", "her",
	"them", "itself", "and", "or", "but", "was", "were", "is", "are", "had", "has", "have",
	"would", "will", "yesterday", "today", "tomorrow", "tonight", "last", "next", "earlier",
	"later", "again", "also", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", "which", "who", "when", "while", "what", "if", "not", "its", "their", "his", "our",
	"my", "your", "you", "me", "us", "nor", "neither", NULL};
/* Words after a marker that show it is a preposition of something else
 * ("agreed on over the issue"). */
static const char *const prepositions[] = {
	"on", "in", "at", "by", "with", "to", "for", "of", "over", "from", "as", "after", "before",
	"during", "against", "about", "into", NULL};
/* Verbs that carry the act in their object ("expressed regret over",
 * "described the move as"): their object is no object of the act. */
static const char *const light_verbs[] = {
	"expressed", "expressing", "expresses", "express", "voiced", "voicing", "voices", "voice",
	"conveyed", "conveying", "issued", "issuing", "lodged", "lodging", "made", "making", "showed",
	"reiterated", "reiterating", "reaffirmed", "reaffirming", "described", "describing", "called",
	"calling", "termed", "terming", "branded", "branding", "labelled", "labeled", "registered", "extended", "extending", "offered", "offering",
	"sent", "sending", NULL};
/* After "and", a new clause of the same subject ("and said", "and would"). */
static const char *const and_clause[] = {
	"said", "says", "added", "adds", "would", "will", "is", "was", "has", "had", "called", "urged",
	"warned", "expressed", "pledged", "vowed", "also", "stressed", "noted", "announced", "described", NULL};
/* Words a summary does not end on ("aimed at the"). */
static const char *const no_end[] = {
	"a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with", "from",
	"as", "into", "over", "about", "against", "after", "before", "during", "between", "under",
	"its", "their", "his", "her", "our", "your", "this", "that", "these", "those", "which", "who",
	"whose", "what", "than", "so", "if", "whether", "would", "will", "could", "should", "can",
	"is", "are", "was", "were", "be", "been", "has", "have", "had", "not", "very", "more", "most",
	"such", "both", "each", "other", "any", "some", "all", "no", "said", "says", "he", "she",
	"they", "it", "we", "also", "including", "among", "amid", "without", "via", "per", "upon",
	"toward", "towards", "through", "across", "within", "like", "since", "until", "last", "next", NULL};

/* Whether the word t[i..i+len) is among grammar.tsv's clause_break words
 * ("while", "because", "which", "if", "as"): a new clause begins there. */
static int clause_break_word(const struct extractor *x, const char *t, size_t i, size_t len)
{
	char low[32];
	if (!len || len >= sizeof(low))
		return 0;
	for (size_t k = 0; k < len; k++)
		low[k] = (char)tolower((unsigned char)t[i + k]);
	return (vocab_lists(x, low, len, text_hash(low, len)) & WL_CLAUSE_BREAK) != 0;
}

/* Words of a time after which the rest is when, not what ("during the
 * visit", "on May 19", "last week"): the summary's date says it. */
static const char *const time_heads[] = {"during", "since", "yesterday", "today", "tomorrow", "earlier",
					 "later", "last", "next", NULL};
static const char *const time_preps[] = {"on", "in", "by", "from", "until", "till", NULL};

/* The longest object a summary keeps, in bytes (about fifteen words). */
#define OBJECT_MAX 100

/* What follows the act in the type's terms (types.tsv, fifth summary part):
 * the first item of `objects` whose word follows the trigger in its clause,
 * the target or a place between them ("accused Russia of ..."), or, for
 * '_', the direct object right after a verb. On a find, *verb is the item's
 * phrase (or NULL, n 0: the type's own phrases and parties stay), *marker
 * the word (NULL for '_'), and [*os, *oe) the object, cut at its clause
 * (*cut when cut short). Returns 1 on a find. */
static int object_of(const struct extractor *x, const struct cand *c, const char *objects, const char *t, size_t n,
		     struct piece *verb, struct piece *marker, size_t *os, size_t *oe, int *cut)
{
	if (!objects || !t || c->trig_end <= c->trig_start || c->trig_end > n)
		return 0;
	/* To the clause's end (the evidence may have been cut short). */
	size_t ce = c->trig_end;
	while (ce < n && !clause_stop(t, ce, n))
		ce++;
	size_t first = c->trig_end;
	while (first < ce && t[first] == ' ')
		first++;
	for (size_t i = first; i < ce && i <= c->trig_end + 80; i++) {
		if (i > first && t[i - 1] != ' ')
			continue;
		size_t wl = word_len(t, i, ce);
		if (!wl)
			continue;
		for (const char *it = objects; *it;) {
			size_t ml = strcspn(it, "=|");
			const char *ph = it[ml] == '=' ? it + ml + 1 : NULL;
			size_t phl = ph ? strcspn(ph, "|") : 0;
			const char *next = ph ? ph + phl : it + ml;
			next += *next == '|';
			int direct = ml == 1 && *it == '_';
			size_t rs;   /* where the object begins */
			if (direct) {
				size_t tw = c->trig_end;
				while (tw > c->trig_start && isalpha((unsigned char)t[tw - 1]))
					tw--;
				if (i != first || c->tr->noun || word_is(t, i, wl, not_object) ||
				    word_is(t, tw, c->trig_end - tw, prepositions) ||
				    (c->trig_end - tw == 7 && !strncasecmp(t + tw, "between", 7)) ||
				    word_is(t, tw, c->trig_end - tw, light_verbs) ||
				    !(isalnum((unsigned char)t[i]) || (unsigned char)t[i] >= 0x80))
					goto next_item;
				rs = i;
			} else {
				if (wl != ml || strncasecmp(t + i, it, ml) || i + wl >= ce || t[i + wl] != ' ')
					goto next_item;
				/* "agreed that ...": right after the verb, else a relative clause. */
				if (ml == 4 && has_prefix(it, "that") && i != first)
					goto next_item;
				/* Not across a relative clause ("a deal that would permit X to"). */
				for (size_t g = first; g < i; g++)
					if ((g == first || t[g - 1] == ' ') &&
					    word_is(t, g, word_len(t, g, i), (const char *const[]){"that", "which", "who", "would", "will", NULL}))
						goto next_item;
				rs = i + wl + 1;
				/* (quoted: "agreed to “deal fairly”") */
				size_t q = rs;
				while (q < ce && (t[q] == '"' || t[q] == '\'' ||
						  ((unsigned char)t[q] == 0xe2 && q + 2 < ce && (unsigned char)t[q + 1] == 0x80)))
					q += t[q] == '"' || t[q] == '\'' ? 1 : 3;
				size_t nl = word_len(t, q, ce);
				if (!nl || word_is(t, q, nl, time_words) || word_is(t, q, nl, prepositions) ||
				    isdigit((unsigned char)t[q]))
					goto next_item;
				/* "to" and "with" take an act or a thing, not a name ("met to South Korea"). */
				if (((ml == 2 && has_prefix(it, "to")) || (ml == 4 && has_prefix(it, "with"))) &&
				    !islower((unsigned char)t[q]))
					goto next_item;
			}
			if (ph && c->status != STATUS_OCCURRED)
				goto next_item;
			/* Cut at the clause ("and said ..." begins another), at most
			 * OBJECT_MAX bytes, at a word's end. */
			size_t re = ce;
			for (size_t k = rs; k < re; k++) {
				if (t[k] != ' ')
					continue;
				size_t w = k + 1, wl2 = word_len(t, w, re);
				if (!wl2)
					continue;
				size_t w2 = w + wl2 + 1, wl3 = w2 < re ? word_len(t, w2, re) : 0;
				/* "and said ...", "while ...", "because ...": another clause. */
				if ((wl2 == 3 && !strncasecmp(t + w, "and", 3) && wl3 && word_is(t, w2, wl3, and_clause)) ||
				    clause_break_word(x, t, w, wl2) ||
				    /* "during the visit", "on Monday", "in March", "on May 19". */
				    word_is(t, w, wl2, time_heads) ||
				    (word_is(t, w, wl2, time_preps) && wl3 &&
				     (isdigit((unsigned char)t[w2]) ||
				      (word_is(t, w2, wl3, time_words) && !word_is(t, w2, wl3, (const char *const[]){"the", "this", "that", NULL}))))) {
					re = k;
					break;
				}
			}
			*cut = 0;
			if (re - rs > OBJECT_MAX) {
				re = rs + OBJECT_MAX;
				while (re > rs && t[re] != ' ')
					re--;
				*cut = 1;
			}
			for (;;) {
				while (re > rs && (t[re - 1] == ' ' || t[re - 1] == '"' || t[re - 1] == '\''))
					re--;
				size_t w = re;
				while (w > rs && t[w - 1] != ' ')
					w--;
				if (re > rs && word_is(t, w, re - w, no_end))
					re = w;
				else
					break;
			}
			/* An act or a thing has a word in lower case: all capitals is a
			 * name ("threatened Cambodia with Cambodia"). */
			int lower = 0;
			for (size_t k = rs; k < re && !lower; k++)
				lower = (k == rs || t[k - 1] == ' ') && islower((unsigned char)t[k]);
			/* "to receive me at the White House": words of a quotation, whose
			 * persons are the speaker's. */
			int quoted = 0;
			static const char *const persons[] = {"I", "me", "my", "we", "us", "our", "you", "your", NULL};
			for (size_t k = rs; k < re && !quoted; k++) {
				if (k != rs && t[k - 1] != ' ')
					continue;
				size_t pl = word_len(t, k, re);   /* as written: "US" is no "us" */
				for (const char *const *w = persons; *w && !quoted; w++)
					quoted = strlen(*w) == pl && !strncmp(t + k, *w, pl);
			}
			if (re < rs + 3 || !lower || quoted)
				goto next_item;
			*verb = ph ? (struct piece){ph, phl} : PIECE("");
			/* "signed several dozen documents", "hammered out a deal": a
			 * symmetric act's direct object follows its own verb. */
			if (direct && !ph && c->tr->frame == FRAME_SYMMETRIC) {
				size_t fw = c->trig_start;
				while (fw < c->trig_end && isalpha((unsigned char)t[fw]))
					fw++;
				if (c->status != STATUS_OCCURRED || !islower((unsigned char)t[c->trig_start]) ||
				    fw - c->trig_start < 4 || !has_prefix(t + fw - 2, "ed") ||
				    memchr(t + c->trig_start, '\n', c->trig_end - c->trig_start) ||
				    c->trig_end - c->trig_start > 40)
					goto next_item;
				*verb = (struct piece){t + c->trig_start, c->trig_end - c->trig_start};
			}
			*marker = direct ? PIECE("") : (struct piece){it, ml};
			*os = rs;
			*oe = re;
			return 1;
next_item:
			it = next;
		}
	}
	return 0;
}

/* Appends the object [s, e) of t, with a quotation mark it opened and did not close. */
static void add_object(struct buf *b, const char *t, size_t s, size_t e, int cut)
{
	int straight = 0, open = 0;
	for (size_t i = s; i < e; i++) {
		straight += t[i] == '"';
		if (i + 2 < e && (unsigned char)t[i] == 0xe2 && (unsigned char)t[i + 1] == 0x80)
			open += (unsigned char)t[i + 2] == 0x9c ? 1 : (unsigned char)t[i + 2] == 0x9d ? -1 : 0;
	}
	add_pieces(b, (struct piece[]){PIECE(" "), {t + s, e - s}, straight % 2 ? PIECE("\"") : PIECE(""),
				       open > 0 ? PIECE("\u201d") : PIECE(""), cut ? PIECE("\u2026") : PIECE("")}, 5);
}

/* The summary of c, whose sentence is in text (text_len bytes, may be NULL). */
static char *summary_of(struct extractor *x, const struct cand *c, const char *text, size_t text_len)
{
	/* Written in the extractor's scratch buffer (no regrowing for every
	 * summary), then copied out at its length. */
	struct buf *b = &x->scratch;
	buf_reset(b);
	const struct phrase *p = x->phrase_of[c->tr - x->d.triggers];
	if (!strcmp(c->tr->type, "expulsion")) {
		const struct phrase *k = expulsion_kind(c, text, text_len);
		if (k)
			p = k;
	}
	const struct event_type *et = types_find(c->tr->type);
	struct piece verb = {0}, marker = {0};
	size_t os = 0, oe = 0;
	int cut = 0;
	int found = object_of(x, c, et ? et->objects : NULL, text, text_len, &verb, &marker, &os, &oe, &cut);
	if (found && verb.n) {
		/* "agreed to resume security talks", "threatened to expel": the
		 * item's own verb phrase, the parties before it. */
		if (c->nsrc)
			label_list(x, c->src, c->nsrc, b);
		else
			buf_addstr(b, "Unnamed party");
		add_pieces(b, (struct piece[]){PIECE(" "), verb}, 2);
		add_object(b, text, os, oe, cut);
	} else if (c->tr->frame == FRAME_SYMMETRIC || (!c->ntgt && c->nsrc)) {
		label_list(x, c->src, c->nsrc, b);
		const char *v = verb_alone(p, c->status);
		/* "will meet", "did not meet": the planned and negated forms take an object; drop it. */
		size_t n = strlen(v);
		if (c->status != STATUS_OCCURRED && n > 5 && !strcmp(v + n - 5, " with"))
			n -= 5;
		else if (c->status != STATUS_OCCURRED && n > 3 && !strcmp(v + n - 3, " of"))
			n -= 3;
		add_pieces(b, (struct piece[]){PIECE(" "), {v, n}}, 2);
		if (found && marker.n) {
			add_pieces(b, (struct piece[]){PIECE(" "), marker}, 2);
			add_object(b, text, os, oe, cut);
		}
	} else {
		if (c->nsrc)
			label_list(x, c->src, c->nsrc, b);
		else
			buf_addstr(b, "Unnamed party");
		const char *v = c->status == STATUS_PLANNED ? p->planned
				: c->status == STATUS_NEGATED ? p->negated : p->dir;
		add_pieces(b, (struct piece[]){PIECE(" "), str_piece(v)}, 2);
		if (found && !marker.n) {
			/* "condemned a U.S. attack on an Iranian oil platform": the
			 * object as the report words it, parties and all. */
			add_object(b, text, os, oe, cut);
		} else {
			buf_addstr(b, " ");
			label_list(x, c->tgt, c->ntgt, b);
			if (found) {
				add_pieces(b, (struct piece[]){PIECE(" "), marker}, 2);
				add_object(b, text, os, oe, cut);
			}
		}
	}
	return b->data ? strndup(b->data, b->len) : strdup("");
}

/* Queues the dictionary entries behind these actors (and the state of each
 * person) for extractor_actor_aliases, once each. */
static int queue_described(struct extractor *x, const int *ra, int n)
{
	for (int i = 0; i < n; i++) {
		const struct ractor *a = &x->ra[ra[i]];
		long items[2] = {LONG_MIN, LONG_MIN};
		if (a->dict_actor >= 0 && !x->d.actors[a->dict_actor].described) {
			x->d.actors[a->dict_actor].described = 1;
			items[0] = a->dict_actor;
		}
		if (a->dict_person >= 0 && !x->d.persons[a->dict_person].described) {
			x->d.persons[a->dict_person].described = 1;
			items[0] = -a->dict_person - 1;
		}
		if (a->kind == ACTOR_PERSON && a->code[0]) {
			long st = code_actor_of(x, ra[i]);
			if (st >= 0 && !x->d.actors[st].described) {
				x->d.actors[st].described = 1;
				items[1] = st;
			}
		}
		for (int k = 0; k < 2; k++) {
			if (items[k] == LONG_MIN)
				continue;
			if (grow_array((void **)&x->pending, &x->cap_pending, x->n_pending + 1, sizeof(long)))
				return -1;
			x->pending[x->n_pending++] = items[k];
		}
	}
	return 0;
}

/* Drops from a party list the states and repeats already stood for by a
 * person or body of the same code ("Kishida" makes "Japan" redundant). */
static void tidy_parties(const struct extractor *x, int *arr, int *n)
{
	int k = 0;
	for (int i = 0; i < *n; i++) {
		const struct ractor *a = &x->ra[arr[i]];
		int redundant = 0;
		for (int j = 0; j < *n && !redundant; j++) {
			const struct ractor *b = &x->ra[arr[j]];
			if (i == j || !a->code[0] || !same_code(x, arr[i], arr[j]))
				continue;
			redundant = a->kind == ACTOR_STATE && b->kind != ACTOR_STATE;
		}
		if (!redundant)
			arr[k++] = arr[i];
	}
	*n = k;
}

int emit(struct extractor *x, const struct report *r, const struct cand *cin, struct event_list *out)
{
	struct cand tidy = *cin;
	const struct cand *c = &tidy;
	tidy_parties(x, tidy.src, &tidy.nsrc);
	tidy_parties(x, tidy.tgt, &tidy.ntgt);
	if (c->tr->frame != FRAME_SYMMETRIC) {
		/* Merging may have brought a source's own code among the targets. */
		int n = 0;
		for (int t = 0; t < tidy.ntgt; t++) {
			int own = 0;
			for (int k = 0; k < tidy.nsrc; k++)
				own |= x->ra[tidy.src[k]].code[0] && same_code(x, tidy.src[k], tidy.tgt[t]);
			if (!own)
				tidy.tgt[n++] = tidy.tgt[t];
		}
		tidy.ntgt = n;
	}
	/* History told as background, dated once the events were merged. */
	if (c->date_explicit && x->anchor.prec != PREC_UNKNOWN && c->date.prec != PREC_UNKNOWN &&
	    c->date.year + 20 < x->anchor.year)
		return 0;
	/* A meeting of one party is no diplomatic event ("an EU summit"). */
	if (c->tr->frame == FRAME_SYMMETRIC) {
		int distinct = 0;
		for (int i = 0; i < c->nsrc; i++) {
			int dup = 0;
			for (int k = 0; k < i; k++)
				dup |= same_code(x, c->src[k], c->src[i]);
			distinct += !dup;
		}
		if (distinct < 2)
			return 0;
	}
	/* A directed act between states needs the one it is aimed at: "Russia
	 * condemned the bombing" is no event of a relation (a denial, frame
	 * src, may stand alone). */
	if (c->tr->frame == FRAME_DIRECTED && !tidy.ntgt) {
		int other = 0;   /* (parties told as sources alone still make a pair) */
		for (int i = 1; i < c->nsrc; i++)
			other |= x->ra[c->src[i]].code[0] && !same_code(x, c->src[0], c->src[i]);
		if (!other)
			return 0;
	}
	if (queue_described(x, c->src, c->nsrc) || queue_described(x, c->tgt, c->ntgt))
		return -1;
	struct event *e = event_list_push(out);
	if (!e)
		return -1;
	/* Same sizes, NUL-terminated when loaded. */
	_Static_assert(sizeof(e->type) == sizeof(c->tr->type) && sizeof(e->cameo) == sizeof(c->tr->cameo),
		       "event and trigger type fields differ");
	memcpy(e->type, c->tr->type, sizeof(e->type));
	memcpy(e->cameo, c->tr->cameo, sizeof(e->cameo));
	e->status = c->status;
	e->date = c->date;
	for (int i = 0; i < c->nsrc; i++) {
		const struct ractor *a = &x->ra[c->src[i]];
		enum actor_role role = c->tr->frame == FRAME_SYMMETRIC ? ROLE_PARTICIPANT : ROLE_SOURCE;
		if (event_add_actor(e, a->name, a->code, a->title, a->kind, role))
			return -1;
	}
	for (int i = 0; i < c->ntgt; i++) {
		const struct ractor *a = &x->ra[c->tgt[i]];
		if (event_add_actor(e, a->name, a->code, a->title, a->kind, ROLE_TARGET))
			return -1;
	}
	for (int i = 0; i < c->ntopics; i++)
		if (event_add_topic(e, topic_name(x, c->topics[i])))
			return -1;
	const char *src = c->headline ? r->title : r->body;
	size_t src_len = c->headline ? x->title_len : x->body_len;
	if (src && c->ev_end > c->ev_start && c->ev_end <= src_len) {
		if (!(e->evidence = strndup(src + c->ev_start, c->ev_end - c->ev_start)))
			return -1;
		e->ev_start = c->headline ? 0 : c->ev_start;
		e->ev_end = c->headline ? 0 : c->ev_end;
	}
	return (e->summary = summary_of(x, c, src, src_len)) ? 0 : -1;
}
