/* Event extraction: see extract.h.
 *
 * For each sentence of the headline and body: one pass over the tokens finds
 * the mentions (states, organisations, persons with their titles, topics)
 * and the event wording; then each trigger takes its parties from the
 * sentence's structure (subject before the verb, object or prepositional
 * phrase after it, "with"/"between" for symmetric events, "by" for passives,
 * the speaker for reported speech), its status from modal and negation
 * words, and its date from the temporal expression of its clause. Events that
 * repeat one another within the report are merged.
 */
#include "ingest/extract.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest/dateline.h"
#include "ingest/dict.h"
#include "ingest/grammar.h"
#include "ingest/succession.h"
#include "util/types.h"
#include "ingest/sentence.h"
#include "ingest/timex.h"
#include "util/buf.h"

#define MAX_PARTIES 12
#define MAX_TIMEX 32

/* An actor of this report: a dictionary actor or person, or a person named
 * with a title and a state in the text. */
struct ractor {
	char name[128];
	char code[16];
	char title[96];
	enum actor_kind kind;
	long dict_actor, dict_person;
	int code_id;            /* equal for report actors of equal code (the first one's index) */
	signed char the;        /* its name takes "the" (takes_the); -1 until asked */
	long code_actor;        /* the dictionary actor of `code` (dict_actor_by_code), -1 for
				   none, -2 until asked (code_actor_of) */
	uint64_t surname;       /* hash of the last name token, for later mentions */
	uint64_t given;         /* hash of another distinctive name token ("Tamim") */
};

enum mention_kind {
	MK_ACTOR,       /* a state, organisation or person */
	MK_ADJ,         /* a state adjective modifying a noun ("Canadian calls") */
	MK_PLACE,       /* a capital used as a place ("in Hanoi"): only a visit's destination */
	MK_COLLECTIVE,  /* "the two ministers", "both countries", "they" */
	MK_PRONOUN,     /* "it", "he", "she" as a subject */
	MK_SPEAKER,     /* "we", "I", "our" inside a quotation */
	MK_COUNTERPART, /* "his counterpart" */
};

struct mention {
	uint32_t ts, te;        /* tokens */
	int ra;                 /* ractor, or -1 for collectives/pronouns until resolved */
	uint8_t kind;
	uint8_t quoted;
};

struct trigger_hit {
	uint32_t ts, te;
	uint32_t trigger;
};

/* A candidate event before merging. */
struct cand {
	const struct dict_trigger *tr;
	int src[MAX_PARTIES], nsrc;
	int tgt[MAX_PARTIES], ntgt;
	struct cdate date;
	int date_explicit;      /* the text dated it (not the report's own date) */
	enum event_status status;
	int headline;
	size_t ev_start, ev_end;/* evidence span in the body (or the title) */
	int topics[16], ntopics;
	int dead;
	size_t trig_start, trig_end;  /* bytes of the trigger words, for debugging */
	size_t trig_tok;              /* its first token (valid while its sentence is read) */
	int purpose;                  /* "... to lodge a protest": the purpose of an earlier act */
	int refers_back;              /* "condemned the decision": its object is an act told before */
	int beside;                   /* "prior to the meeting, ...": another event than the one named */
	size_t what_start, what_end;  /* bytes of what was agreed ("to step up efforts ..."), or 0, 0 */
	int what_cut;                 /* ... cut short */
};

/* The word classes of dict/grammar.tsv the rules ask about, one bit each. */
enum word_list {
	WL_REPORTING = 1u << 0,       /* reporting_verbs */
	WL_WEAK_REPORTING = 1u << 1,  /* weak_reporting */
	WL_CLAUSE_BREAK = 1u << 2,    /* clause_breaks */
	WL_HONORIFIC = 1u << 3,       /* honorifics (as written) */
	WL_PARTICLE = 1u << 4,        /* name_particles */
	WL_COLLECTIVE = 1u << 5,      /* collectives */
	WL_NAMED_SUFFIX = 1u << 6,    /* named_suffixes (as written) */
	WL_ROLE = 1u << 7,            /* role_words */
	WL_SKIP_ADVERB = 1u << 8,     /* skip_adverbs */
	WL_NEGATION = 1u << 9,        /* negation_words */
	WL_CONDITION = 1u << 10,      /* condition_words */
	WL_PLAN = 1u << 11,           /* plan_words */
	WL_RESUME = 1u << 12,         /* resume_verbs */
	WL_INTENT = 1u << 13,         /* intent_words */
	WL_PREPOSITION = 1u << 14,    /* prepositions */
	WL_JOINER = 1u << 15,         /* joiner_words */
	WL_DETERMINER = 1u << 16,     /* determiners */
	WL_INTENTION_NOUN = 1u << 17, /* intention_nouns */
	WL_ASK_VERB = 1u << 18,       /* ask_verbs */
	WL_REFERENCE = 1u << 19,      /* reference_starts */
	WL_TAIL_STOP = 1u << 20,      /* tail_stops */
	WL_LINK_BEFORE = 1u << 21,    /* link_words */
	WL_TITLE_QUALIFIER = 1u << 22, /* title_qualifiers */
	WL_BE = 1u << 23,             /* be_forms */
	WL_ORGAN = 1u << 24,          /* organs: state bodies named without their state */
	WL_ORGAN_QUALIFIER = 1u << 25, /* organ_qualifiers ("Foreign", "Federal") */
	WL_PLAN_NOUN = 1u << 26,      /* plan_noun: planned events that can be called off */
	WL_ATTACK = 1u << 27,         /* attack: violent acts */
	WL_CANCEL = 1u << 30,         /* the first word of a cancel phrase ("call off") */
	/* Not lists: the token may start a key of the words (lower case) or names
	 * trie (dict_may_start), noted with the lists in one pass. */
	WL_STARTS_WORDING = 1u << 28,
	WL_STARTS_NAME = 1u << 29,
};

/* A word of the lists, in the extractor's open-addressing table (16 bytes:
 * every token probes it). */
struct vocab_slot {
	uint64_t hash;          /* text_hash of the word */
	uint32_t lists;         /* enum word_list bits; 0: empty slot */
	uint32_t len;           /* of the word (its text: the extractor's vocab_words) */
};

/* log2 of the bits of the name filters (see name_filter_add). */
#define SURNAME_FILTER_BITS 13
#define PERSON_NAMES_BITS 8
#define NAME_FILTER_WORDS(log2bits) (((size_t)1 << (log2bits)) / 64)

struct extractor {
	struct dict d;
	struct grammar g;       /* word classes (dict/grammar.tsv) */
	struct succession_table succ; /* states that stood for others (dict/successions.tsv) */
	struct token_list toks;
	uint32_t *wmask;        /* per token of toks: the lists its lower-case form is in */
	size_t cap_wmask;
	struct vocab_slot *vocab; /* the words of all lists; n_vocab is a power of two */
	const char **vocab_words; /* the word of each slot */
	uint64_t vocab_filter[64]; /* bit vocab_bit(hash) set for every word of the lists */
	size_t n_vocab;
	int debug;              /* COMMUNIQUE_DEBUG_EXTRACT is set: trace to stderr */
	struct sentence_span *sents;
	size_t n_sents, cap_sents;
	/* per report */
	struct ractor *ra;
	size_t n_ra, cap_ra;
	struct mention *men;
	size_t n_men, cap_men;
	struct trigger_hit *hits;
	size_t n_hits, cap_hits;
	struct cand *cands;
	size_t n_cands, cap_cands;
	int *named;             /* topic ids of named things, interned in `named_names` */
	char **named_names;
	size_t n_named;
	int in_play[MAX_PARTIES], n_in_play;   /* parties of the last event */
	int sent_pair[MAX_PARTIES], n_sent_pair; /* parties of this sentence's last symmetric event */
	int last_subject;                      /* ractor of the last clause subject */
	int last_org;                          /* the organisation named last ("the Council") */
	int sent_first;                        /* first actor mention of the current sentence, or -1 */
	long *mentions_per_ra;                 /* how often each report actor is named */
	uint32_t report_no;                    /* counts reports: stamps the caches below */
	int *ra_of_actor, *ra_of_person;       /* dictionary index -> report actor */
	uint32_t *stamp_actor, *stamp_person;  /* ... valid when equal to report_no */
	long *pending;                         /* dictionary entries to describe to the archive:
						  actor index, or -(person index) - 1 */
	size_t n_pending, cap_pending;
	size_t cap_mpr;
	struct cdate anchor;
	struct cdate carry_date;        /* the explicit date of the last sentence's first event */
	struct cdate carry_last;        /* the last explicit date of an event so far */
	struct buf scratch;     /* summaries are written here (max 4096 bytes) */
	const struct phrase **phrase_of; /* per trigger: its type's summary phrases */
	struct phrase *type_phrases;     /* per type of the type table, then the statement's */
	unsigned *type_props;            /* per trigger: its type's properties (enum type_property) */
	const char *text;       /* the text being read (title or body) */
	size_t title_len, body_len; /* of the report being read (0 when NULL) */
	int headline;
	int report_topics[16], n_report_topics;
	/* surnames of dictionary persons, for "Obama" without a first mention */
	struct { uint64_t h; uint32_t person; } *surnames;
	size_t n_surnames;
	uint64_t surname_filter[NAME_FILTER_WORDS(SURNAME_FILTER_BITS)]; /* name filter of the surnames */
	uint64_t person_names[NAME_FILTER_WORDS(PERSON_NAMES_BITS)];     /* ... of this report's persons'
									    surnames and given names */
};

/* ---- small helpers ------------------------------------------------------ */

/* The properties of a trigger's type (enum type_property, dict/types.tsv). */
static inline unsigned type_props(const struct extractor *x, const struct dict_trigger *tr)
{
	return x->type_props[tr - x->d.triggers];
}

/* The first entry of the sorted surname index with hash h (n_surnames when none). */
static size_t surname_first(const struct extractor *x, uint64_t h)
{
	size_t lo = 0, hi = x->n_surnames;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->surnames[mid].h < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static const char *low(const struct extractor *x, size_t i)
{
	return tok_lower(&x->toks, i);
}

/* Whether token i is the lower-case word w. w is a literal: its length is
 * known when compiling, so most tokens are told apart by length alone. */
static inline int is_word(const struct extractor *x, size_t i, const char *w)
{
	size_t n = strlen(w);
	return i < x->toks.n && x->toks.t[i].lower_len == n && !memcmp(low(x, i), w, n);
}

/* is_word for a word known only at run time (a grammar phrase's). */
static inline int is_word_dyn(const struct extractor *x, size_t i, const char *w)
{
	size_t n = strlen(w);
	return i < x->toks.n && x->toks.t[i].lower_len == n && !memcmp(low(x, i), w, n);
}

/* Whether token i, lower-cased, is longer than `more_than` bytes and ends in
 * `suffix` ("-ing", "-ed"). */
static inline int ends_in(const struct extractor *x, size_t i, size_t more_than, const char *suffix)
{
	size_t n = x->toks.t[i].lower_len, k = strlen(suffix);
	return n > more_than && n >= k && !memcmp(low(x, i) + n - k, suffix, k);
}

/* Whether token i is in the word lists of mask `lists` (enum word_list): the
 * token's lists were looked up once, when its paragraph was tokenised. */
static inline int tok_in(const struct extractor *x, size_t i, uint32_t lists)
{
	return (x->wmask[i] & lists) != 0;
}

/* The filter bit of a word hash (high bits: the table uses the low ones). */
static inline unsigned vocab_bit(uint64_t h)
{
	return (unsigned)(h >> 52) & 4095;
}

/* The word lists of the exact string s[0..n) (hash h): a probe of the table
 * built from all the lists when the extractor was made, after a 512-byte
 * filter that turns most other words away. */
static inline uint32_t vocab_lists(const struct extractor *x, const char *s, size_t n, uint64_t h)
{
	if (!(x->vocab_filter[vocab_bit(h) / 64] >> (vocab_bit(h) % 64) & 1))
		return 0;
	size_t mask = x->n_vocab - 1;
	for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
		const struct vocab_slot *v = &x->vocab[i];
		if (!v->lists)
			return 0;
		if (v->hash == h && v->len == n) {
			const char *word = x->vocab_words[i];
			size_t k = 0;   /* inline: list words are short */
			while (k < n && word[k] == s[k])
				k++;
			if (k == n)
				return v->lists;
		}
	}
}

/* Whether the text of token i, as written, is in the lists of `lists`. */
static int tok_exact_in(const struct extractor *x, size_t i, uint32_t lists)
{
	const struct token *t = &x->toks.t[i];
	return (vocab_lists(x, x->text + t->start, t->end - t->start, t->hash) & lists) != 0;
}

/* Looks up the lists of every token of x->toks (their lower-case forms).
 * Returns 0 or -1 (out of memory). */
static int mark_tokens(struct extractor *x)
{
	if (grow_array((void **)&x->wmask, &x->cap_wmask, x->toks.n, sizeof(*x->wmask)))
		return -1;
	for (size_t i = 0; i < x->toks.n; i++) {
		const struct token *t = &x->toks.t[i];
		x->wmask[i] = vocab_lists(x, tok_lower(&x->toks, i), t->lower_len, t->lhash) |
			      (dict_may_start(x->d.words_first, t->lhash) ? WL_STARTS_WORDING : 0) |
			      (dict_may_start(x->d.names_first, t->hash) ? WL_STARTS_NAME : 0);
	}
	return 0;
}




/* Verbs that report speech only when a clause follows ("announced that",
 * "declared:"), not when they take an object ("declared 20 diplomats"). */

static int is_reporting(const struct extractor *x, size_t i)
{
	if (!tok_in(x, i, WL_REPORTING))
		return 0;
	if (!tok_in(x, i, WL_WEAK_REPORTING))
		return 1;
	return i + 1 < x->toks.n && (is_word(x, i + 1, "that") || is_word(x, i + 1, ",") ||
				     is_word(x, i + 1, ":") || (x->toks.t[i + 1].flags & TOK_OPEN_QUOTE));
}

static int tail_ok(const struct extractor *x, const struct dict_trigger *tr, size_t te, size_t e);

/* ---- report actors ------------------------------------------------------ */

/* Filters of name hashes: capitalised words are asked whether they are a
 * surname, and most are not. */
static void name_filter_add(uint64_t *filter, int log2bits, uint64_t h)
{
	uint64_t bit = h >> (64 - log2bits);
	filter[bit / 64] |= (uint64_t)1 << (bit % 64);
}

static int name_filter_has(const uint64_t *filter, int log2bits, uint64_t h)
{
	uint64_t bit = h >> (64 - log2bits);
	return (int)(filter[bit / 64] >> (bit % 64) & 1);
}

/* Copies src into dst[cap], cut to cap - 1 bytes (as snprintf "%s" would). */
static void copy_cut(char *dst, size_t cap, const char *src)
{
	size_t n = strnlen(src, cap - 1);
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static int ractor_add(struct extractor *x, const char *name, const char *code, const char *title,
		      enum actor_kind kind, long dict_actor, long dict_person)
{
	/* "Soviet Foreign Minister ..." of 1987 acts for the Soviet Union; a
	 * person of a state acts for the state that was there on the report's day. */
	if (code && kind != ACTOR_ORG)
		code = succession_code(&x->succ, code, &x->anchor);
	for (size_t i = 0; i < x->n_ra; i++)
		if (!strcmp(x->ra[i].name, name) && !strcmp(x->ra[i].code, code ? code : ""))
			return (int)i;
	if (grow_array((void **)&x->ra, &x->cap_ra, x->n_ra + 1, sizeof(*x->ra)))
		return -1;
	struct ractor *a = &x->ra[x->n_ra];
	memset(a, 0, sizeof(*a));
	copy_cut(a->name, sizeof(a->name), name);
	copy_cut(a->code, sizeof(a->code), code ? code : "");
	copy_cut(a->title, sizeof(a->title), title ? title : "");
	a->kind = kind;
	a->dict_actor = dict_actor;
	a->dict_person = dict_person;
	a->code_actor = -2;
	a->the = -1;
	a->code_id = (int)x->n_ra;
	for (size_t i = 0; i < x->n_ra; i++)
		if (!strcmp(x->ra[i].code, a->code)) {
			a->code_id = x->ra[i].code_id;
			break;
		}
	if (kind == ACTOR_PERSON) {
		const char *sp = strrchr(name, ' ');
		size_t last_len;
		const char *last = dict_surname(name, &last_len);
		a->surname = text_hash(last, last_len);
		/* A distinctive given name ("Sheikh Tamim") is a later handle too. */
		const char *first = name;
		size_t fl = strcspn(first, " ");
		while (sp && fl) {
			if (!(vocab_lists(x, first, fl, text_hash(first, fl)) & WL_HONORIFIC))
				break;
			first += fl + (first[fl] == ' ');
			fl = strcspn(first, " ");
		}
		if (sp && first < last)
			a->given = text_hash(first, fl);
		name_filter_add(x->person_names, PERSON_NAMES_BITS, a->surname);
		name_filter_add(x->person_names, PERSON_NAMES_BITS, a->given);
	}
	return (int)x->n_ra++;
}

/* Whether report actors a and b have the same code (maybe both none): codes
 * are compared pairwise all through merging. */
static inline int same_code(const struct extractor *x, int a, int b)
{
	return x->ra[a].code_id == x->ra[b].code_id;
}

/* The dictionary actor of report actor ra's code, or -1; looked up once. */
static long code_actor_of(const struct extractor *x, int ra)
{
	struct ractor *a = &x->ra[ra];
	if (a->code_actor == -2)
		a->code_actor = a->code[0] ? dict_actor_by_code(&x->d, a->code) : -1;
	return a->code_actor;
}

/* Report actors of dictionary entries, remembered per report: a stamp says
 * for which report a slot is valid, so nothing is cleared between reports. */
static int cached_ractor(const struct extractor *x, const int *ra, const uint32_t *stamp, long idx)
{
	return stamp[idx] == x->report_no ? ra[idx] : -1;
}

static int ractor_of_dict_actor(struct extractor *x, long idx)
{
	int ra = cached_ractor(x, x->ra_of_actor, x->stamp_actor, idx);
	if (ra >= 0)
		return ra;
	const struct dict_actor *a = &x->d.actors[idx];
	/* "Moscow" in a report of 1987 is the Soviet Union (dict/successions.tsv). */
	const char *then = a->kind == ACTOR_STATE ? succession_code(&x->succ, a->code, &x->anchor) : a->code;
	long pred = then != a->code ? dict_actor_by_code(&x->d, then) : -1;
	if (pred >= 0 && pred != idx) {
		ra = ractor_of_dict_actor(x, pred);
		if (ra >= 0) {
			x->ra_of_actor[idx] = ra;
			x->stamp_actor[idx] = x->report_no;
		}
		return ra;
	}
	/* Bodies of an organisation stand for it; a state is itself. */
	ra = ractor_add(x, a->name, a->code, NULL, a->kind, idx, -1);
	if (ra >= 0) {
		x->ra_of_actor[idx] = ra;
		x->stamp_actor[idx] = x->report_no;
	}
	return ra;
}

static const char *org_of_role(const char *role)
{
	if (!strncmp(role, "un_", 3))
		return "UN";
	if (!strncmp(role, "eu_", 3))
		return "EU";
	if (!strncmp(role, "nato_", 5))
		return "NATO";
	return NULL;
}

static int ractor_of_person(struct extractor *x, long idx)
{
	int cached = cached_ractor(x, x->ra_of_person, x->stamp_person, idx);
	if (cached >= 0)
		return cached;
	const struct dict_person *p = &x->d.persons[idx];
	const struct dict_role *r = dict_person_role(p, &x->anchor);
	const char *code = p->code;
	if (r && org_of_role(r->role))
		code = org_of_role(r->role);
	int ra = ractor_add(x, p->name, code, r ? r->title : NULL, ACTOR_PERSON, -1, idx);
	if (ra >= 0) {
		x->ra_of_person[idx] = ra;
		x->stamp_person[idx] = x->report_no;
	}
	return ra;
}

/* ---- mentions ----------------------------------------------------------- */

static int add_mention(struct extractor *x, size_t ts, size_t te, int ra, int kind)
{
	if (ra < 0 && kind == MK_ACTOR)
		return 0;
	if (grow_array((void **)&x->men, &x->cap_men, x->n_men + 1, sizeof(*x->men)))
		return -1;
	x->men[x->n_men++] = (struct mention){(uint32_t)ts, (uint32_t)te, ra, (uint8_t)kind,
					      (uint8_t)((x->toks.t[ts].flags & TOK_QUOTED) != 0)};
	return 0;
}


/* A person's name written after a title: 1 to 4 capitalised words
 * (allowing particles such as "bin", "al", "de" and hyphens). Returns the
 * number of tokens, 0 when none. */
static size_t name_after(const struct extractor *x, size_t i, size_t end)
{
	size_t j = i, words = 0;
	while (j < end && words < 7) {
		const struct token *t = &x->toks.t[j];
		if ((t->flags & TOK_CAP) && (t->flags & TOK_WORD) && !(t->flags & TOK_ALLCAPS && t->end - t->start > 3)) {
			words++;
			j++;
		} else if (words && tok_in(x, j, WL_PARTICLE) && j + 1 < end &&
			   (x->toks.t[j + 1].flags & TOK_CAP)) {
			j++;
		} else if (words && x->text[t->start] == '-' && j + 1 < end && t->end == x->toks.t[j + 1].start &&
			   x->toks.t[j - 1].end == t->start) {
			j++;
		} else {
			break;
		}
	}
	/* A name ends on a word, never on a particle or hyphen. */
	while (j > i && !(x->toks.t[j - 1].flags & TOK_CAP))
		j--;
	return words ? j - i : 0;
}

/* Text of tokens [a, b) as written (with their original spacing). */
static void span_text(const struct extractor *x, size_t a, size_t b, char *out, size_t cap)
{
	if (a >= b) {
		out[0] = '\0';
		return;
	}
	size_t s = x->toks.t[a].start, e = x->toks.t[b - 1].end;
	size_t n = e - s < cap - 1 ? e - s : cap - 1;   /* cut like snprintf; spans hold no NUL */
	memcpy(out, x->text + s, n);
	out[n] = '\0';
}

/* Words between a state and its title that keep the state ("Japanese Deputy
 * Foreign Minister"). */

/* The state a title belongs to, read from what precedes it: an adjacent state
 * mention ("Japanese Foreign Minister", "Japan's Foreign Minister"). Returns
 * the dict actor index, or -1; *consumed_from is where that mention starts. */
static long title_state(struct extractor *x, size_t title_start, size_t sent_start, size_t *from)
{
	if (!x->n_men)
		return -1;
	struct mention *m = &x->men[x->n_men - 1];
	size_t end = m->te;
	if (end < title_start && is_word(x, end, "'s") && end + 1 == title_start)
		end++;
	/* Allow a "Deputy", "Vice", "former" in between: they keep the state. */
	while (end < title_start && tok_in(x, end, WL_TITLE_QUALIFIER))
		end++;
	if (end != title_start || m->ts < sent_start || m->ra < 0 ||
	    (m->kind != MK_ACTOR && m->kind != MK_ADJ))
		return -1;
	const struct ractor *a = &x->ra[m->ra];
	if (a->kind != ACTOR_STATE && a->kind != ACTOR_ORG)
		return -1;
	*from = m->ts;
	return a->dict_actor;
}

/* Handles a title at token i (len tokens): finds its state and its holder
 * (named after it, or the dictionary's holder on the report's date). Returns
 * the tokens consumed after i (>= len), or 0 when it yields no actor. */
static size_t take_title(struct extractor *x, size_t i, size_t len, size_t end, const struct dict_title *t,
			 size_t sent_start)
{
	size_t from = i;
	long st = title_state(x, i, sent_start, &from);
	int qualified = i > sent_start && (is_word(x, i - 1, "deputy") || is_word(x, i - 1, "vice") ||
					   is_word(x, i - 1, "former") || is_word(x, i - 1, "ex"));
	const char *code = st >= 0 ? x->d.actors[st].code : NULL;
	if (!code && t->n_codes == 1)
		code = t->codes[0];
	char title[96];
	span_text(x, qualified ? i - 1 : i, i + len, title, sizeof(title));
	size_t j = i + len;
	/* A dictionary person right after the title ("Emir Sheikh Tamim ..."),
	 * else after an honorific there ("External Affairs Minister Dr. S.
	 * Jaishankar": the honorific is no name). */
	const struct dict_entry *es;
	size_t n, m = j < end ? dict_match(x->d.names, &x->toks, j, end, 0, &es, &n) : 0;
	int person = 0;
	for (size_t k = 0; m && k < n; k++)
		person |= es[k].kind == ENT_PERSON;
	if (!person && j + 1 < end && tok_exact_in(x, j, WL_HONORIFIC)) {
		j += 1 + (is_word(x, j + 1, ".") && j + 2 < end);
		m = dict_match(x->d.names, &x->toks, j, end, 0, &es, &n);
	}
	for (size_t k = 0; m && k < n; k++) {
		if (es[k].kind != ENT_PERSON)
			continue;
		if (from < i)
			x->n_men--;  /* the state adjective is part of this mention */
		int ra = ractor_of_person(x, es[k].idx);
		if (add_mention(x, from, j + m, ra, MK_ACTOR))
			return 0;
		return j + m - i;
	}
	size_t nm = j < end ? name_after(x, j, end) : 0;
	if (nm && code) {
		/* "External Affairs Minister Subrahmanyam Jaishankar": the dictionary's
		 * S. Jaishankar, by surname, state and office on the report's date. */
		uint64_t last = x->toks.t[j + nm - 1].hash;
		for (size_t k = surname_first(x, last); k < x->n_surnames; k++) {
			const struct dict_person *p = &x->d.persons[x->surnames[k].person];
			if (x->surnames[k].h != last)
				break;
			if (strcmp(p->code, code) || !dict_person_role(p, &x->anchor))
				continue;
			if (from < i)
				x->n_men--;
			int ra = ractor_of_person(x, x->surnames[k].person);
			if (add_mention(x, from, j + nm, ra, MK_ACTOR))
				return 0;
			return j + nm - i;
		}
		char name[128];
		span_text(x, j, j + nm, name, sizeof(name));
		if (from < i)
			x->n_men--;
		int ra = ractor_add(x, name, code, title, ACTOR_PERSON, -1, -1);
		if (add_mention(x, from, j + nm, ra, MK_ACTOR))
			return 0;
		return j + nm - i;
	}
	if (!code || qualified || nm)
		return 0;
	long holder = dict_role_holder(&x->d, t->role, code, &x->anchor);
	if (from < i)
		x->n_men--;
	int ra;
	if (holder >= 0) {
		ra = ractor_of_person(x, holder);
	} else {
		long a = dict_actor_by_code(&x->d, code);
		if (a < 0)
			return 0;
		ra = ractor_of_dict_actor(x, a);
	}
	if (add_mention(x, from, j, ra, MK_ACTOR))
		return 0;
	return len;
}

/* A later mention by surname or distinctive given name of a person already
 * named in the report, or of a dictionary person in office at the report's
 * date. Returns the ractor or -1. */
static int by_surname(struct extractor *x, size_t i)
{
	uint64_t h = x->toks.t[i].hash;
	if (name_filter_has(x->person_names, PERSON_NAMES_BITS, h))
		for (size_t k = x->n_ra; k-- > 0;)
			if (x->ra[k].kind == ACTOR_PERSON && (x->ra[k].surname == h || x->ra[k].given == h))
				return (int)k;
	if (x->anchor.prec == PREC_UNKNOWN || !name_filter_has(x->surname_filter, SURNAME_FILTER_BITS, h))
		return -1;
	/* Most capitalised words are no dictionary surname: say so before the
	 * checks below, which can only refuse one. */
	size_t first = surname_first(x, h);
	if (first == x->n_surnames || x->surnames[first].h != h)
		return -1;
	/* "made in May" is a month, not Theresa May; "World War II" is no queen. */
	const struct token *t = &x->toks.t[i];
	size_t tl = t->end - t->start;
	if (tl <= 4 && strspn(x->text + t->start, "IVX") == tl)
		return -1;
	if (month_from_name(x->text + t->start, (int)(t->end - t->start)) ||
	    weekday_from_name(x->text + t->start, (int)(t->end - t->start)) >= 0)
		return -1;
	for (size_t k = first; k < x->n_surnames; k++) {
		if (x->surnames[k].h != h)
			break;
		const struct dict_person *p = &x->d.persons[x->surnames[k].person];
		if (dict_person_role(p, &x->anchor))
			return ractor_of_person(x, x->surnames[k].person);
	}
	return -1;
}



/* Whether `word` is one of the words of `text` ("Minister" in "External
 * Affairs Minister"). */
static int has_word(const char *text, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = text; (p = strstr(p, word)); p++)
		if ((p == text || p[-1] == ' ' || p[-1] == '-') && (p[n] == '\0' || p[n] == ' '))
			return 1;
	return 0;
}

static int focal_state(const struct extractor *x, const char *not_code);

/* The length of the name of a state organ at token i when the text does not
 * say whose it is ("Foreign Ministry", "ministry", "Federal Government",
 * "Ministry of Foreign Affairs", "kingdom"), else 0. Qualifiers and heads are
 * the word lists WL_ORGAN_QUALIFIER and WL_ORGAN. */
static size_t institution_len(const struct extractor *x, size_t i, size_t end)
{
	/* The last organ word of a run of qualifiers ("Foreign Affairs Ministry"). */
	size_t j = i, head = end;
	for (; j < end && j < i + 4; j++) {
		if (tok_in(x, j, WL_ORGAN))
			head = j;
		if (!tok_in(x, j, WL_ORGAN_QUALIFIER))
			break;
	}
	if (head == end)
		return 0;
	j = head + 1;
	/* "Ministry of Foreign Affairs": the organ's own complement. */
	if (j + 2 < end && is_word(x, j, "of") && is_word(x, j + 1, "foreign") && is_word(x, j + 2, "affairs"))
		return j + 3 - i;
	/* "the Ministry of Defence of Japan", "the Government of India": the text says whose. */
	if (j < end && (is_word(x, j, "of") || is_word(x, j, "'s") || (x->toks.t[j].flags & TOK_CAP)))
		return 0;
	return j - i;
}

/* State organs named without their state, and the words before them. */

/* The words a collective or pronoun mention starts with (take_reference). */

/* Looks for the collective and pronoun mentions at token i (lower-case
 * words): returns the tokens consumed, 0 when none. */
static size_t take_reference(struct extractor *x, size_t i, size_t end, size_t sent_start)
{
	if (!tok_in(x, i, WL_REFERENCE))
		return 0;   /* none of the words below: most tokens */
	if (is_word(x, i, "the") && i + 1 < end) {
		/* "the ministry said", "the Foreign Ministry", "the Federal Government",
		 * "the kingdom": an organ of a state the text does not name here. It is
		 * the state that acted last, else the state the report is most about. */
		size_t n = institution_len(x, i + 1, end);
		if (n) {
			long st = x->last_subject >= 0 ? code_actor_of(x, x->last_subject) : -1;
			if (st < 0 || x->d.actors[st].kind != ACTOR_STATE) {
				int f = focal_state(x, "");
				st = f >= 0 ? code_actor_of(x, f) : -1;
			}
			if (st >= 0 && x->d.actors[st].kind == ACTOR_STATE)
				return add_mention(x, i, i + 1 + n, ractor_of_dict_actor(x, st), MK_ACTOR) ? 0 : 1 + n;
		}
	}
	if (is_word(x, i, "the") && i + 1 < end && !(x->toks.t[i + 1].flags & TOK_CAP) &&
	    (is_word(x, i + 1, "secretary") || is_word(x, i + 1, "minister") || is_word(x, i + 1, "president") ||
	     is_word(x, i + 1, "premier") || is_word(x, i + 1, "chancellor")) &&
	    !(i + 2 < end && (is_word(x, i + 2, "of") || is_word(x, i + 2, "general") ||
			      (x->toks.t[i + 2].flags & TOK_CAP)))) {
		/* "On Sunday, the secretary met ...": the person named last whose
		 * title has the word ("Secretary of State"). */
		char word[48];
		span_text(x, i + 1, i + 2, word, sizeof(word));
		word[0] = (char)toupper((unsigned char)word[0]);
		for (size_t k = x->n_ra; k-- > 0;) {
			const struct ractor *a = &x->ra[k];
			if (a->kind == ACTOR_PERSON && a->title[0] && has_word(a->title, word))
				return add_mention(x, i, i + 2, (int)k, MK_ACTOR) ? 0 : 2;
		}
		return 0;
	}
	if (is_word(x, i, "the") && i + 1 < end && (x->toks.t[i + 1].flags & TOK_CAP)) {
		/* "the Council", "the Commission": the organisation named last;
		 * "the Secretary", "the Minister": the person whose title it shortens. */
		if ((is_word(x, i + 1, "council") || is_word(x, i + 1, "commission") || is_word(x, i + 1, "committee") ||
		     is_word(x, i + 1, "assembly")) && x->last_org >= 0 &&
		    !(i + 2 < end && (is_word(x, i + 2, "of") || (x->toks.t[i + 2].flags & TOK_CAP))))
			return add_mention(x, i, i + 2, x->last_org, MK_ACTOR) ? 0 : 2;
		if (!(i + 2 < end && (x->toks.t[i + 2].flags & TOK_CAP))) {
			char word[48];
			span_text(x, i + 1, i + 2, word, sizeof(word));
			for (size_t k = x->n_ra; k-- > 0;) {
				const struct ractor *a = &x->ra[k];
				if (a->kind == ACTOR_PERSON && a->title[0] && strlen(word) >= 4 && has_word(a->title, word))
					return add_mention(x, i, i + 2, (int)k, MK_ACTOR) ? 0 : 2;
			}
		}
		return 0;
	}
	if ((is_word(x, i, "the") || is_word(x, i, "both")) && i + 1 < end) {
		size_t j = i + 1;
		if (is_word(x, i, "the") && (is_word(x, j, "two") || is_word(x, j, "three") || is_word(x, j, "four") ||
					  is_word(x, j, "five") || is_word(x, j, "six")))
			j++;
		else if (is_word(x, i, "the") && !is_word(x, j, "sides") && !is_word(x, j, "parties") &&
			 !is_word(x, j, "delegations"))
			return 0;
		if (j < end && is_word(x, i, "the") && j == i + 2 && !(x->toks.t[j].flags & TOK_CAP) &&
		    !tok_in(x, j, WL_COLLECTIVE) && (x->toks.t[j].flags & TOK_WORD) && is_word(x, i + 1, "two"))
			return add_mention(x, i, j, -1, MK_COLLECTIVE) ? 0 : j - i;  /* "the two agreed" */
		if (j < end && tok_in(x, j, WL_COLLECTIVE)) {
			size_t e = j + 1;
			if (is_word(x, j, "foreign") && e < end && is_word(x, e, "ministers"))
				e++;
			else if (is_word(x, j, "foreign"))
				return 0;
			return add_mention(x, i, e, -1, MK_COLLECTIVE) ? 0 : e - i;
		}
		return 0;
	}
	if (is_word(x, i, "they") || is_word(x, i, "them"))
		return add_mention(x, i, i + 1, -1, MK_COLLECTIVE) ? 0 : 1;
	if ((is_word(x, i, "it") || is_word(x, i, "he") || is_word(x, i, "she") || is_word(x, i, "its")) &&
	    !(x->toks.t[i].flags & TOK_QUOTED))
		return add_mention(x, i, i + 1, -1, MK_PRONOUN) ? 0 : 1;
	if ((is_word(x, i, "we") || is_word(x, i, "i") || is_word(x, i, "our")) && (x->toks.t[i].flags & TOK_QUOTED))
		return add_mention(x, i, i + 1, -1, MK_SPEAKER) ? 0 : 1;
	if ((is_word(x, i, "his") || is_word(x, i, "her") || is_word(x, i, "their")) && i + 1 < end &&
	    is_word(x, i + 1, "counterpart"))
		return add_mention(x, i, i + 2, -1, MK_COUNTERPART) ? 0 : 2;
	(void)sent_start;
	return 0;
}

static int add_topic_to(struct cand *c, int topic)
{
	for (int i = 0; i < c->ntopics; i++)
		if (c->topics[i] == topic)
			return 0;
	if (c->ntopics < 16)
		c->topics[c->ntopics++] = topic;
	return 0;
}

/* Named things that are not actors (a company, a treaty): interned ids
 * after the dictionary's topics. */
static int named_thing(struct extractor *x, const char *name)
{
	for (size_t i = 0; i < x->n_named; i++)
		if (!strcmp(x->named_names[i], name))
			return (int)(x->d.n_topics + i);
	char **p = realloc(x->named_names, (x->n_named + 1) * sizeof(*p));
	if (!p)
		return -1;
	x->named_names = p;
	if (!(p[x->n_named] = strdup(name)))
		return -1;
	return (int)(x->d.n_topics + x->n_named++);
}

static const char *topic_name(const struct extractor *x, int id)
{
	return id < (int)x->d.n_topics ? x->d.topics[id] : x->named_names[id - (int)x->d.n_topics];
}

/* Suffixes that make a capitalised phrase a named non-actor thing. */


/* After a state mention ending before token i: role words then a name.
 * Returns the tokens consumed (the mention is replaced by the person), 0 if none. */
static size_t take_role_name(struct extractor *x, size_t i, size_t e, int state_ra)
{
	const struct ractor *st = &x->ra[state_ra];
	if (st->kind != ACTOR_STATE)
		return 0;
	size_t j = i;
	if (j < e && is_word(x, j, "'s"))
		j++;
	size_t roles = j;
	while (j < e && j < roles + 5 && tok_in(x, j, WL_ROLE))
		j++;
	if (j == roles)
		return 0;
	/* "his Japanese counterpart, Yoshimasa Hayashi": the name in apposition. */
	if (j + 1 < e && is_word(x, j, ",") && (x->toks.t[j + 1].flags & TOK_CAP))
		j++;
	size_t nm = name_after(x, j, e);
	if (nm < 2 || nm > 4)
		return 0;
	uint64_t last = x->toks.t[j + nm - 1].hash;
	for (size_t k = surname_first(x, last); k < x->n_surnames && x->anchor.prec != PREC_UNKNOWN; k++) {
		const struct dict_person *p = &x->d.persons[x->surnames[k].person];
		if (x->surnames[k].h != last)
			break;
		if (strcmp(p->code, st->code) || !dict_person_role(p, &x->anchor))
			continue;
		int pra = ractor_of_person(x, x->surnames[k].person);
		if (pra < 0)
			return 0;
		struct mention *pm = &x->men[x->n_men - 1];
		pm->ra = pra;
		pm->kind = MK_ACTOR;
		pm->te = (uint32_t)(j + nm);
		return j + nm - i;
	}
	/* The name must not be a known actor or title ("Foreign Minister" again). */
	const struct dict_entry *es;
	size_t n;
	if (dict_match(x->d.names, &x->toks, j, e, 0, &es, &n))
		return 0;
	char name[128], title[96], code[16];
	span_text(x, j, j + nm, name, sizeof(name));
	span_text(x, roles, j, title, sizeof(title));
	/* ractor_add may move x->ra: copy the code out of it first. */
	copy_cut(code, sizeof(code), st->code);
	int ra = ractor_add(x, name, code, title, ACTOR_PERSON, -1, -1);
	if (ra < 0)
		return 0;
	struct mention *m = &x->men[x->n_men - 1];
	m->ra = ra;
	m->kind = MK_ACTOR;
	m->te = (uint32_t)(j + nm);
	return j + nm - i;
}

struct sent_topics {
	int ids[32];
	int n;
};

static void note_topic(struct sent_topics *st, int id)
{
	for (int i = 0; i < st->n; i++)
		if (st->ids[i] == id)
			return;
	if (st->n < 32 && id >= 0)
		st->ids[st->n++] = id;
}

/* One pass over sentence tokens [s, e): mentions, triggers and topics. */
static int scan_sentence(struct extractor *x, size_t s, size_t e, struct sent_topics *st)
{
	size_t covered = s;   /* tokens before this belong to a trigger already found */
	size_t topic_end = s; /* tokens before this belong to a topic: they name no actor */
	for (size_t i = s; i < e;) {
		const struct token *t = &x->toks.t[i];
		const struct dict_entry *es = NULL;
		size_t n = 0, m = 0;
		/* Event wording first (lower-case), so that a trigger word is never a name. */
		size_t wm = i >= covered && tok_in(x, i, WL_STARTS_WORDING)
				    ? dict_match(x->d.words, &x->toks, i, e, 1, &es, &n) : 0;
		/* The first wording whose required tail follows; a wording whose tail
		 * is missing covers nothing ("would take" without "measures" leaves
		 * "take the matter to" free). */
		/* "with visiting Russian Foreign Minister Lavrov": an adjective. */
		if (wm && is_word(x, i, "visiting") && i + wm < e && (x->toks.t[i + wm].flags & TOK_CAP))
			wm = 0;
		for (size_t k = 0; wm && k < n; k++) {
			if (es[k].kind != ENT_TRIGGER || !tail_ok(x, &x->d.triggers[es[k].idx], i + wm, e))
				continue;
			if (grow_array((void **)&x->hits, &x->cap_hits, x->n_hits + 1, sizeof(*x->hits)))
				return -1;
			x->hits[x->n_hits++] = (struct trigger_hit){(uint32_t)i, (uint32_t)(i + wm), es[k].idx};
			covered = i + wm;
			break;
		}
		/* Inside a topic ("the South China Sea") the words name no actor; its
		 * event wording ("a state visit to") was looked for above. */
		if (i < topic_end) {
			i++;
			continue;
		}
		{
			/* Collective references and pronouns, in any case. */
			size_t r = take_reference(x, i, e, s);
			if (r) {
				i += r;
				continue;
			}
		}
		m = tok_in(x, i, WL_STARTS_NAME) ? dict_match(x->d.names, &x->toks, i, e, 0, &es, &n) : 0;
		if (m) {
			const struct dict_entry *best = NULL;
			for (size_t k = 0; k < n; k++)
				if (!best || es[k].kind < best->kind)
					best = &es[k];
			/* PERSON > ACTOR > TITLE > TOPIC by kind number. */
			if (best->kind == ENT_PERSON) {
				if (add_mention(x, i, i + m, ractor_of_person(x, best->idx), MK_ACTOR))
					return -1;
				i += m;
				continue;
			}
			if (best->kind == ENT_ACTOR) {
				int kind = best->sub == AL_ADJ ? MK_ADJ : MK_ACTOR;
				/* A capital after "in", "at", "from" names a place, not an actor. */
				if (best->sub == AL_METONYM && i > s && !is_word(x, i + m, "'s") &&
				    (is_word(x, i - 1, "in") || is_word(x, i - 1, "at") || is_word(x, i - 1, "from") ||
				     is_word(x, i - 1, "near") || is_word(x, i - 1, "to") || is_word(x, i - 1, "of")))
					kind = MK_PLACE;
				/* "Latin America", "South American": part of a longer place name. */
				if (i > s && (x->toks.t[i - 1].flags & TOK_CAP) && !(x->toks.t[i - 1].flags & TOK_ALLCAPS) &&
				    (is_word(x, i - 1, "latin") || is_word(x, i - 1, "central")))
					kind = MK_PLACE;
				int ra = ractor_of_dict_actor(x, best->idx);
				if (ra >= 0 && x->ra[ra].kind == ACTOR_ORG && kind == MK_ACTOR)
					x->last_org = ra;
				if (add_mention(x, i, i + m, ra, kind))
					return -1;
				i += m;
				/* "South Korean Ambassador Nam Gwan-pyo": a person of that state named
				 * with a role the dictionary does not hold. */
				size_t took = ra >= 0 ? take_role_name(x, i, e, ra) : 0;
				i += took;
				continue;
			}
			if (best->kind == ENT_TITLE) {
				size_t took = take_title(x, i, m, e, &x->d.titles[best->idx], s);
				i += took ? took : m;
				continue;
			}
			if (best->kind == ENT_TOPIC) {
				note_topic(st, (int)best->idx);
				topic_end = i + m;
				i++;
				continue;
			}
		}
		if ((t->flags & TOK_CAP) && (t->flags & TOK_WORD)) {
			int ra = by_surname(x, i);
			if (ra >= 0) {
				size_t from = i;
				if (i > s && tok_exact_in(x, i - 1, WL_HONORIFIC))
					from = i - 1;
				if (add_mention(x, from, i + 1, ra, MK_ACTOR))
					return -1;
				i++;
				continue;
			}
			/* A named thing: capitalised words ending in a company or treaty word. */
			size_t nm = name_after(x, i, e);
			if (nm >= 2) {
				if (tok_exact_in(x, i + nm - 1, WL_NAMED_SUFFIX)) {
					char name[128];
					span_text(x, i, i + nm, name, sizeof(name));
					note_topic(st, named_thing(x, name));
					i += nm;
					continue;
				}
			}
		}
		i++;
	}
	return 0;
}

/* ---- parties ------------------------------------------------------------ */

/* Whether a "that" after a reporting verb opens a clause in [s, end). */
static int reported_that_before(const struct extractor *x, size_t s, size_t end)
{
	for (size_t q = s + 1; q < end; q++)
		if (is_word(x, q, "that") && is_reporting(x, q - 1))
			return 1;
	return 0;
}

/* Clause bounds around token k within sentence [s, e). */
static void clause_of(const struct extractor *x, size_t k, size_t s, size_t e, size_t *cs, size_t *ce)
{
	size_t a = k;
	while (a > s) {
		/* "Lebanon and Israel, which are still at war, held talks": a closed
		 * relative clause is skipped, the main clause goes on before it. */
		if ((is_word(x, a - 1, "which") || is_word(x, a - 1, "who")) && a - 1 > s && is_word(x, a - 2, ",")) {
			int closed = 0;
			for (size_t q = a; q < k; q++)
				closed |= is_word(x, q, ",");
			if (closed) {
				a -= 2;
				continue;
			}
		}
		if (tok_in(x, a - 1, WL_CLAUSE_BREAK) || is_reporting(x, a - 1))
			break;
		/* ", freezing their assets": a participle after a comma tells
		 * more of the act before it; what precedes the comma is not its
		 * clause. */
		if (a == k && is_word(x, a - 1, ",") && ends_in(x, k, 4, "ing"))
			break;
		/* "said that ..." / "that" after a reporting verb starts a new clause,
		 * and so does a second one: "noted that A, and that B". */
		if (is_word(x, a - 1, "that") && a - 1 > s &&
		    (is_reporting(x, a - 2) || (a - 2 > s && is_word(x, a - 2, "and") && is_word(x, a - 3, ",") &&
						 reported_that_before(x, s, a - 3))))
			break;
		a--;
	}
	size_t b = k + 1;
	while (b < e) {
		if (tok_in(x, b, WL_CLAUSE_BREAK) && !is_word(x, b, "after") && !is_word(x, b, "before") && !is_word(x, b, "when") &&
		    !(is_word(x, b, "as") && ((b + 1 < e && (is_word(x, b + 1, "well") || is_word(x, b + 1, "part"))) ||
					   is_word(x, b - 1, "such") || is_word(x, b - 1, "well"))))
			break;
		if (is_word(x, b, ",") && b + 1 < e) {
			/* ", Kishida told Kerry": the reporting clause is not the object. */
			size_t c = b + 1, lim = b + 10 < e ? b + 10 : e;
			for (; c < lim; c++)
				if (is_reporting(x, c))
					break;
			if (c < lim)
				break;
		}
		if (is_reporting(x, b))
			break;
		/* ", implementing a resolution adopted on Thursday": another clause. */
		if (is_word(x, b, ",") && b + 1 < e && (x->toks.t[b + 1].flags & TOK_WORD)) {
			if (ends_in(x, b + 1, 5, "ing"))
				break;
		}
		b++;
	}
	*cs = a;
	*ce = b;
}

static int push_party(int *arr, int *n, int ra)
{
	if (ra < 0)
		return 0;
	for (int i = 0; i < *n; i++)
		if (arr[i] == ra)
			return 0;
	if (*n < MAX_PARTIES)
		arr[(*n)++] = ra;
	return 1;
}

/* Expands a mention into report actors (collectives to the parties in play). */
static void mention_parties(struct extractor *x, const struct mention *m, int *arr, int *n, int speaker)
{
	switch (m->kind) {
	case MK_ACTOR:
	case MK_ADJ:
		push_party(arr, n, m->ra);
		break;
	case MK_COLLECTIVE:
		/* "X spoke with Y, and the two agreed": those of the sentence's own
		 * meeting or call first, else those in play. */
		if (x->n_sent_pair >= 2) {
			for (int i = 0; i < x->n_sent_pair; i++)
				push_party(arr, n, x->sent_pair[i]);
			break;
		}
		for (int i = 0; i < x->n_in_play; i++)
			push_party(arr, n, x->in_play[i]);
		break;
	case MK_PRONOUN:
		push_party(arr, n, x->last_subject);
		break;
	case MK_SPEAKER:
		push_party(arr, n, speaker >= 0 ? speaker : x->last_subject);
		break;
	case MK_COUNTERPART:
		/* The other party in play than the subject. */
		for (int i = 0; i < x->n_in_play; i++)
			if (x->in_play[i] != x->last_subject) {
				push_party(arr, n, x->in_play[i]);
				break;
			}
		break;
	}
}

/* The first mention from index lo on that starts at token t or later. */
static size_t mention_at_or_after(const struct extractor *x, size_t lo, size_t t)
{
	size_t hi = x->n_men;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->men[mid].ts < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The mentions within tokens [a, b), as indices [*first, *last). Mentions
 * are added in text order (a mention that replaces the last one keeps its
 * start), so their starts never decrease: binary searches. */
static void mentions_in(const struct extractor *x, size_t a, size_t b, size_t *first, size_t *last)
{
	*first = mention_at_or_after(x, 0, a);
	*last = mention_at_or_after(x, *first, b);
}

/* The speaker of a sentence: the first actor outside quotations next to a
 * reporting verb. */
static int sentence_speaker(struct extractor *x, size_t m0, size_t m1, size_t s, size_t e)
{
	for (size_t i = m0; i < m1; i++) {
		const struct mention *m = &x->men[i];
		if (m->quoted || m->kind == MK_PLACE)
			continue;
		for (size_t k = m->te; k < e && k < m->te + 4; k++)
			if (is_reporting(x, k))
				return m->ra >= 0 ? m->ra : x->last_subject;
		for (size_t k = m->ts; k > s && k + 3 > m->ts; k--)
			if (is_reporting(x, k - 1))
				return m->ra >= 0 ? m->ra : x->last_subject;
	}
	return -1;
}

/* ---- modality ----------------------------------------------------------- */


/* Status from the words before the trigger in its clause. Returns -1 when the
 * clause is a question or a condition (no event). */

/* "to continue", "to hold": verbs that keep an act an act. */
/* Words of intention before "to": a plan. */

/* "had been scheduled to travel to Moscow on Monday, but cancelled the
 * trip", "... but the visit was called off": a plan the same sentence says
 * was dropped did not happen. The dropping comes after the trigger, right
 * after "but" (the plan's own subject dropped it) or as a passive whose
 * subject is the plan itself ("the trip", "it"), so that "but a meeting
 * with Abe was cancelled" leaves a visit planned. */

/* The tokens of the cancel phrase (dict/grammar.tsv) starting at token i
 * ("called off", "pulled the plug on"), or 0. */
static size_t cancel_at(const struct extractor *x, size_t i, size_t e)
{
	if (i >= e || !tok_in(x, i, WL_CANCEL))
		return 0;
	size_t best = 0;
	for (size_t k = 0; k < x->g.n_entries[GC_CANCEL]; k++) {
		const struct grammar_entry *g = &x->g.entries[GC_CANCEL][k];
		if (g->n <= best || i + g->n > e)
			continue;
		size_t w = 0;
		while (w < g->n && is_word_dyn(x, i + w, g->words[w]))
			w++;
		if (w == g->n)
			best = g->n;
	}
	return best;
}

/* Whether a cancel phrase ends right before token k, within tokens [lo, k). */
static int cancel_before(const struct extractor *x, size_t lo, size_t k)
{
	for (size_t i = k; i-- > lo && i + 5 > k;)
		if (cancel_at(x, i, k) == k - i)
			return 1;
	return 0;
}

static int plan_called_off(const struct extractor *x, size_t k, size_t e)
{
	/* "called off a planned visit by ...": the plan is the object. */
	for (size_t i = k > 5 ? k - 5 : 0; i < k; i++)
		if (cancel_at(x, i, e)) {
			size_t q = i + cancel_at(x, i, e);
			while (q < k && (tok_in(x, q, WL_DETERMINER) || is_word(x, q, "planned") ||
					 is_word(x, q, "scheduled") || is_word(x, q, "upcoming")))
				q++;
			if (q == k)
				return 1;
		}
	size_t but = 0;
	for (size_t i = k + 1; i < e; i++) {
		if (is_word(x, i, "but"))
			but = i;
		if (!cancel_at(x, i, e))
			continue;
		/* "but cancelled", "but then called off", "but later scrapped" */
		if (but && i <= but + 2)
			return 1;
		if (i > k + 2 && tok_in(x, i - 1, WL_BE) &&
		    (tok_in(x, i - 2, WL_PLAN_NOUN) || (is_word(x, i - 2, "been") && tok_in(x, i - 3, WL_PLAN_NOUN))))
			return 1;
	}
	return 0;
}

static int modality(const struct extractor *x, size_t cs, size_t k, size_t s, size_t e)
{
	if (e > s && is_word(x, e - 1, "?"))
		return -1;
	for (size_t i = e; i > s && i + 3 > e; i--)
		if (is_word(x, i - 1, "?"))
			return -1;
	int status = STATUS_OCCURRED;
	/* "If Japan and China hold a summit ...": a condition, not an event. */
	if (cs > s && (is_word(x, cs - 1, "if") || is_word(x, cs - 1, "unless") || is_word(x, cs - 1, "whether")))
		return -1;
	size_t lim = k > cs + 8 ? k - 8 : cs;
	/* "must stop hyping the threat and lift sanctions": a verb joined to
	 * an earlier one shares its modal, further back. */
	if (k > cs && (is_word(x, k - 1, "and") || is_word(x, k - 1, "or")) && !ends_in(x, k, 3, "ed"))
		lim = k > cs + 16 ? k - 16 : cs;   /* (not "agreed to deepen ... and signed": a past) */
	/* "said it would respond in kind and accused Berlin": a past verb after
	 * "and" is a clause of its own; the modal before is the other verb's. */
	else if (k > cs && is_word(x, k - 1, "and") && ends_in(x, k, 3, "ed"))
		lim = k;
	/* "a resolution that would have condemned the annexation": what did
	 * not happen, and no denial of it either. */
	if (k >= cs + 2 && is_word(x, k - 1, "have") &&
	    (is_word(x, k - 2, "would") || is_word(x, k - 2, "could") || is_word(x, k - 2, "might") ||
	     is_word(x, k - 2, "should")))
		return -1;
	/* "postponed the talks", "backed out of a scheduled meeting", "put off
	 * nuclear arms talks": the act is the object of the cancelling verb, so
	 * nothing between them ends a noun phrase. */
	for (size_t q = k; q > lim && q + 5 > k; q--) {
		if (cancel_before(x, lim, q))
			return STATUS_NEGATED;
		if (tok_in(x, q - 1, WL_CLAUSE_BREAK) || is_word(x, q - 1, "and") || is_word(x, q - 1, "to") ||
		    is_word(x, q - 1, ",") || tok_in(x, q - 1, WL_REPORTING))
			break;
	}
	for (size_t i = k; i > lim; i--) {
		if (tok_in(x, i - 1, WL_NEGATION)) {
			/* "agreed to refrain from criticizing each other": a pledge
			 * (the agreement is the event), not an act that did not happen. */
			if (i >= 3 && (is_word(x, i - 1, "refrain") || is_word(x, i - 1, "refraining")) &&
			    is_word(x, i - 2, "to") && (tok_in(x, i - 3, WL_INTENT) || tok_in(x, i - 3, WL_PLAN)))
				return -1;
			return STATUS_NEGATED;
		}
		if (tok_in(x, i - 1, WL_CONDITION))
			return -1;
		if (tok_in(x, i - 1, WL_PLAN))
			status = STATUS_PLANNED;
		/* "invited X to visit", "plans to visit": a plan; "summoned X to lodge a
		 * protest", "decided to lift": an act. */
		if (is_word(x, i - 1, "to") && (i == k || (i + 1 == k && tok_in(x, k - 1, WL_RESUME)))) {
			for (size_t q = i - 1; q > cs && q + 8 > i; q--)
				if (tok_in(x, q - 1, WL_INTENT)) {
					status = STATUS_PLANNED;
					break;
				}
			if (i >= 2 && (is_word(x, i - 2, "refused") || is_word(x, i - 2, "failed") ||
				       is_word(x, i - 2, "declined")))
				return STATUS_NEGATED;
		}
		/* "is/are/was to visit": a plan. */
		if (is_word(x, i - 1, "to") && i >= 2 && (is_word(x, i - 2, "is") || is_word(x, i - 2, "are") ||
						   is_word(x, i - 2, "was") || is_word(x, i - 2, "were")))
			status = STATUS_PLANNED;
	}
	if (status == STATUS_PLANNED && plan_called_off(x, k, e))
		return STATUS_NEGATED;
	return status;
}

/* ---- dates -------------------------------------------------------------- */

struct sent_timex {
	int ready;                  /* found (find_timex has run) */
	struct timex tx[MAX_TIMEX];
	size_t n;
	size_t tok_of[MAX_TIMEX];   /* token index where each starts */
	size_t base;                /* byte offset of the sentence in the text */
};

static void find_timex(struct extractor *x, size_t s, size_t e, struct sent_timex *st)
{
	st->n = 0;
	if (s >= e)
		return;
	st->base = x->toks.t[s].start;
	size_t len = x->toks.t[e - 1].end - st->base;
	/* "the next day" after a sentence that named the day counts from it. */
	st->n = timex_find_after(x->text + st->base, len, &x->anchor, &x->carry_last, TENSE_AUTO, st->tx,
				 MAX_TIMEX);
	for (size_t i = 0; i < st->n; i++) {
		size_t at = st->base + st->tx[i].start, k = s;
		while (k < e && x->toks.t[k].end <= at)
			k++;
		st->tok_of[i] = k;
	}
}

/* Whether a participle with its agent stands between token a and token b
 * ("the steps announced by Pakistan on Wednesday"): a date after it is the
 * participle's. */
static int participle_between(const struct extractor *x, size_t a, size_t b)
{
	for (size_t i = a; i + 1 < b; i++) {
		if (!is_word(x, i + 1, "by"))
			continue;
		if (ends_in(x, i, 3, "ed"))
			return 1;
	}
	return 0;
}

/* Whether the time expression at token `at` dates a reporting verb whose
 * reported clause (after "that") holds the trigger at k: "said on Friday
 * that ...", "announced on Monday that ...". */
static int reported_time(const struct extractor *x, size_t at, size_t k)
{
	int reporting = 0;
	for (size_t q = at; q-- > 0 && q + 3 >= at;)
		reporting |= tok_in(x, q, WL_REPORTING);
	if (!reporting)
		return 0;
	for (size_t q = at + 1; q < k; q++)
		if (is_word(x, q, "that"))
			return 1;
	return 0;
}

/* The date governing a trigger: a temporal expression of its clause (the
 * nearest), else one opening the sentence, else none (-1). */
static int governing_timex(const struct extractor *x, const struct sent_timex *st, size_t k, size_t te,
			   size_t cs, size_t ce, size_t s, int planned)
{
	int best = -1;
	size_t bestd = (size_t)-1;
	for (size_t i = 0; i < st->n; i++) {
		const struct timex *t = &st->tx[i];
		if (t->kind == TIMEX_DEADLINE || t->kind == TIMEX_DECADE || t->date.prec == PREC_UNKNOWN ||
		    (t->flags & TIMEX_F_CITATION))
			continue;
		size_t at = st->tok_of[i];
		if (at < cs || at >= ce)
			continue;
		/* "the September meeting": a date modifying another noun is that noun's. */
		if ((t->flags & TIMEX_F_MODIFIER) && at > k && at != te)
			continue;
		if (participle_between(x, at > 5 ? at - 5 : 0, at + 1) || (at > te && participle_between(x, te, at)))
			continue;
		size_t d = at > k ? at - k : k - at;
		/* "said on Friday that the talks held on Wednesday": the time of
		 * the saying yields to one of the reported clause. */
		if (at < k && reported_time(x, at, k))
			d += 50;
		/* A plan takes the future date of its clause over a past one. */
		if (planned && t->tense_used == TENSE_PAST)
			d += 100;
		if (d < bestd) {
			bestd = d;
			best = (int)i;
		}
	}
	if (best >= 0)
		return best;
	for (size_t i = 0; i < st->n; i++)
		if (st->tok_of[i] >= s && st->tok_of[i] <= s + 2 && st->tok_of[i] < k && st->tx[i].kind != TIMEX_DEADLINE &&
		    st->tx[i].date.prec != PREC_UNKNOWN && !(st->tx[i].flags & TIMEX_F_CITATION))
			return (int)i;
	return -1;
}

/* ---- events ------------------------------------------------------------- */

/* Words that end the clause a required tail is looked for in. */

/* Where the required tail word stands (one past it), te when the pattern has
 * none, or 0 when it is missing. */
static size_t tail_end(const struct extractor *x, const struct dict_trigger *tr, size_t te, size_t e)
{
	if (!tr->n_tails)
		return te;
	size_t lim = te + (size_t)tr->tail_window < e ? te + (size_t)tr->tail_window : e;
	for (size_t i = te; i < lim; i++) {
		/* The tail belongs to the same clause. */
		if (i > te && (tok_in(x, i, WL_TAIL_STOP) || (is_word(x, i, ",") && i + 1 < lim &&
							    (is_word(x, i + 1, "while") || is_word(x, i + 1, "but")))))
			break;
		for (size_t k = 0; k < tr->n_tails; k++)
			if (x->toks.t[i].lhash == tr->tails[k])
				return i + 1;
	}
	return 0;
}

static int tail_ok(const struct extractor *x, const struct dict_trigger *tr, size_t te, size_t e)
{
	return tail_end(x, tr, te, e) != 0;
}

/* Whether the trigger continues a coordinated verb phrase (", freezing",
 * "and frozen"): its subject is the previous verb's. */
static int coordinated(const struct extractor *x, size_t k, size_t s)
{
	size_t i = k;
	while (i > s && tok_in(x, i - 1, WL_SKIP_ADVERB))
		i--;
	return i > s && (is_word(x, i - 1, ",") || is_word(x, i - 1, "and"));
}

/* The forms of "be" before a passive participle. */

/* Passive: "was condemned by X". */
static int passive_by(const struct extractor *x, size_t k, size_t te, size_t e)
{
	/* "the declaration signed by X": a participle with its agent. */
	if (te < e && is_word(x, te, "by") && te - k == 1) {
		if (ends_in(x, k, 3, "ed"))
			return (int)te;
	}
	if (k == 0)
		return -1;
	size_t i = k;
	while (i > 0 && tok_in(x, i - 1, WL_SKIP_ADVERB) && !tok_in(x, i - 1, WL_BE))
		i--;
	if (!(i > 0 && tok_in(x, i - 1, WL_BE)))
		return -1;
	for (size_t j = te; j < e && j < te + 3; j++)
		if (is_word(x, j, "by"))
			return (int)j;
	return -1;
}

static int push_cand(struct extractor *x, struct cand **out)
{
	if (grow_array((void **)&x->cands, &x->cap_cands, x->n_cands + 1, sizeof(*x->cands)))
		return -1;
	*out = &x->cands[x->n_cands++];
	memset(*out, 0, sizeof(**out));
	return 0;
}



/* The mention index ending right before token k (skipping adverbs and
 * auxiliaries), or -1. */
static long adjacent_before(const struct extractor *x, size_t k, size_t lo, size_t m0, size_t m1)
{
	size_t i = k;
	while (i > lo && (tok_in(x, i - 1, WL_SKIP_ADVERB) ||
			  (x->toks.t[i - 1].flags & (TOK_OPEN_QUOTE | TOK_CLOSE_QUOTE)) ||
			  is_word(x, i - 1, "]") || is_word(x, i - 1, "[")))
		i--;
	if (i > lo && is_word(x, i - 1, "'s"))
		i--;
	for (size_t j = m1; j-- > m0;)
		if (x->men[j].te == i)
			return (long)j;
	return -1;
}

/* Extends mention j leftwards over "X and Y", "X, Y and Z" and returns the
 * first mention of the group. */

/* Whether tokens [a, b) only join two coordinated mentions: ", the", "and both". */
static int joiner(const struct extractor *x, size_t a, size_t b)
{
	if (b - a > 4)
		return 0;
	int link = b == a;
	for (size_t i = a; i < b; i++) {
		if (!tok_in(x, i, WL_JOINER))
			return 0;
		link |= is_word(x, i, "and") || is_word(x, i, ",") || is_word(x, i, "&") || is_word(x, i, "—") ||
			is_word(x, i, "–");
	}
	return link;
}

static size_t group_start(const struct extractor *x, size_t j, size_t m0)
{
	while (j > m0 && joiner(x, x->men[j - 1].te, x->men[j].ts))
		j--;
	return j;
}

/* Extends mention j rightwards over its coordination; returns one past the last. */
static size_t group_end(const struct extractor *x, size_t j, size_t m1)
{
	size_t k = j + 1;
	while (k < m1 && joiner(x, x->men[k - 1].te, x->men[k].ts))
		k++;
	return k;
}

/* A pronoun's antecedent: the first actor of the sentence before it when there
 * is one, else the last subject. */
static int pronoun_target(const struct extractor *x, const struct mention *m)
{
	/* A possessive "its" is the nearest actor before it: "urged Pakistan to
	 * reconsider its decision". */
	if (is_word(x, m->ts, "its")) {
		for (const struct mention *p = m; p-- > x->men;) {
			if (x->sent_first < 0 || p < &x->men[x->sent_first])
				break;
			if (p->ra >= 0 && p->kind != MK_PLACE && x->ra[p->ra].kind != ACTOR_PERSON)
				return p->ra;
		}
	}
	if (x->sent_first >= 0 && x->men[x->sent_first].ts < m->ts)
		return x->men[x->sent_first].ra;
	return x->last_subject;
}

static void add_group_places(struct extractor *x, size_t a, size_t b, int *arr, int *n, int speaker,
			     int places)
{
	for (size_t i = a; i < b; i++) {
		const struct mention *m = &x->men[i];
		if (m->kind == MK_PLACE) {
			if (places)
				push_party(arr, n, m->ra);
			continue;
		}
		if (m->kind == MK_PRONOUN)
			push_party(arr, n, pronoun_target(x, m));
		else
			mention_parties(x, m, arr, n, speaker);
	}
}

static void add_group(struct extractor *x, size_t a, size_t b, int *arr, int *n, int speaker)
{
	add_group_places(x, a, b, arr, n, speaker, 0);
}


/* Whether a mention starting at token ts is the object of a preposition:
 * "from the Canadian side", "of its neighbours". */
static int governed(const struct extractor *x, size_t ts, size_t s)
{
	size_t i = ts;
	while (i > s && tok_in(x, i - 1, WL_DETERMINER))
		i--;
	return i > s && tok_in(x, i - 1, WL_PREPOSITION);
}

/* Words that make the trigger someone's intention: "Georgia's decision to sever". */

struct trigger_ctx {
	size_t s, e;                    /* the sentence */
	struct sent_timex *tx;          /* found on first use (sentence_timex) */
	const struct sent_topics *tp;
	int speaker;
	int prev_src[MAX_PARTIES], nps; /* the previous trigger's parties in this sentence */
	int prev_tgt[MAX_PARTIES], npt;
	size_t next_trigger;            /* where the next trigger of the sentence starts */
	int intention;                  /* the trigger is someone's "decision to ..." */
	size_t intention_at;            /* the token of that "decision", when its owner is named */
	int will;                       /* "will", "shall", "is to": a plan from now, not reported */
	int prev_in_clause;             /* an earlier trigger of the sentence governs this one */
	int prev_sym;                   /* prev_src are the participants of a symmetric event */
	int pronoun_led;                /* the sentence opens with "It", "He", "They" */
	int same_day;                   /* "the same day", "that day": the time of the sentence before */
	size_t prev_trigger_end;
};

/* Verbs whose object is asked to act: "instructed Kishida to travel". */

/* The temporal expressions of the sentence, found the first time a trigger
 * needs them: most sentences with event words never get that far. */
static void sentence_timex(struct extractor *x, struct trigger_ctx *tc)
{
	if (!tc->tx->ready) {
		find_timex(x, tc->s, tc->e, tc->tx);
		tc->tx->ready = 1;
	}
}

/* The subject of the trigger at [k, te) within clause [cs, ce). */
static void find_subject(struct extractor *x, const struct dict_trigger *tr, size_t k, size_t cs,
			 struct trigger_ctx *tc, int *subj, int *nsubj)
{
	size_t m0, m1;
	mentions_in(x, cs, k, &m0, &m1);
	/* "Georgia's decision to sever ...": the owner of the decision. */
	tc->intention = 0;
	tc->intention_at = 0;
	for (size_t i = k; i > cs && i + 4 > k; i--) {
		if (!tok_in(x, i - 1, WL_INTENTION_NOUN))
			continue;
		long j = adjacent_before(x, i - 1, cs, m0, m1);
		if (j >= 0) {
			add_group(x, (size_t)j, (size_t)j + 1, subj, nsubj, tc->speaker);
			tc->intention = 1;
			tc->intention_at = i - 1;
			return;
		}
		break;
	}
	/* "urged Pakistan to reconsider its decision to downgrade ties and
	 * suspend trade": a decision already taken, whose owner the pronoun
	 * names; the clause's date is the urging's, not the decision's. */
	for (size_t i = k; i > cs + 1 && i + 12 > k; i--)
		if (i < k && tok_in(x, i - 1, WL_INTENTION_NOUN) && is_word(x, i, "to") &&
		    (is_word(x, i - 2, "its") || is_word(x, i - 2, "their") || is_word(x, i - 2, "his") ||
		     is_word(x, i - 2, "her"))) {
			tc->intention = 1;
			break;
		}
	/* "Speaking to journalists after talks with Kerry, Kishida said": the
	 * subject of the main clause after the opening phrase. */
	{
		size_t comma = 0;
		for (size_t q = tc->s; q < k && !comma; q++)
			if (is_word(x, q, ","))
				comma = q;
		if (ends_in(x, tc->s, 4, "ing") && !comma) {
			for (size_t q = k; q < tc->e; q++)
				if (is_word(x, q, ",")) {
					size_t r0, r1;
					mentions_in(x, q + 1, tc->e, &r0, &r1);
					if (r1 > r0 && x->men[r0].ts <= q + 3) {
						add_group(x, r0, group_end(x, r0, r1), subj, nsubj, tc->speaker);
						return;
					}
					break;
				}
		}
	}
	/* ", urging Seoul to ...": the sentence's speaker or subject acts. */
	if (k > tc->s && is_word(x, k - 1, ",") && ends_in(x, k, 4, "ing") && !tr->noun) {
		if (tc->speaker >= 0) {
			push_party(subj, nsubj, tc->speaker);
			return;
		}
		if (x->sent_first >= 0 && x->men[x->sent_first].ts < k) {
			size_t f = (size_t)x->sent_first;
			add_group(x, f, group_end(x, f, x->n_men), subj, nsubj, tc->speaker);
			return;
		}
	}
	/* "Abe instructed Kishida on Thursday to travel to Seoul": the one asked acts. */
	if (k > tc->s + 1 && is_word(x, k - 1, "to")) {
		for (size_t j = m1; j-- > m0;) {
			const struct mention *m = &x->men[j];
			if (m->te + 6 < k - 1)
				break;
			if (m->ts > tc->s && tok_in(x, m->ts - 1, WL_ASK_VERB)) {
				add_group(x, j, group_end(x, j, m1), subj, nsubj, tc->speaker);
				return;
			}
		}
	}
	/* "met with X and Y to condemn the launch": those who met act together. */
	if (k > tc->s && is_word(x, k - 1, "to") && tc->nps && tc->prev_sym) {
		for (int i = 0; i < tc->nps; i++)
			push_party(subj, nsubj, tc->prev_src[i]);
		return;
	}
	if (coordinated(x, k, tc->s) && tc->nps) {
		for (int i = 0; i < tc->nps; i++)
			push_party(subj, nsubj, tc->prev_src[i]);
		return;
	}
	long adj = adjacent_before(x, k, cs, m0, m1);
	if (adj >= 0) {
		add_group(x, group_start(x, (size_t)adj, m0), (size_t)adj + 1, subj, nsubj, tc->speaker);
		return;
	}
	/* "Obama, who arrived": the antecedent of the relative pronoun. */
	if (cs > tc->s && (is_word(x, cs - 1, "who") || is_word(x, cs - 1, "which"))) {
		size_t r0, r1;
		mentions_in(x, tc->s, cs - 1, &r0, &r1);
		if (r1 > r0 && x->men[r1 - 1].te + 6 >= cs - 1) {
			/* The antecedent, with what stands in apposition before it:
			 * "X, Foreign Minister, and Y, Defence Minister, who are visiting". */
			size_t a = group_start(x, r1 - 1, r0);
			while (a > r0 && x->men[a - 1].te + 6 >= x->men[a].ts && x->men[a - 1].kind != MK_PLACE &&
			       !(x->men[a - 1].ts > tc->s && tok_in(x, x->men[a - 1].ts - 1, WL_PREPOSITION)))
				a--;
			add_group(x, a, r1, subj, nsubj, tc->speaker);
			return;
		}
	}
	if (tr->noun) {
		/* Inside the noun phrase: "the Japan-Philippines Ministerial Meeting". */
		for (size_t i = k; i > cs && i + 7 > k; i--) {
			if (is_word(x, i - 1, "the") || is_word(x, i - 1, "a") || is_word(x, i - 1, "an") ||
			    ((x->toks.t[i - 1].flags & TOK_PUNCT) && !is_word(x, i - 1, "-") && !is_word(x, i - 1, "–")))
				break;
			for (size_t j = m0; j < m1; j++)
				if (x->men[j].te == i)
					add_group(x, j, j + 1, subj, nsubj, tc->speaker);
		}
		if (*nsubj)
			return;
		/* "signed ... at the summit": the signatories met; "welcomed the
		 * meeting": the meeting is someone else's. */
		int setting = 0;
		for (size_t i = k; i > cs && i + 4 > k; i--)
			setting |= is_word(x, i - 1, "at") || is_word(x, i - 1, "during") ||
				   is_word(x, i - 1, "after") || is_word(x, i - 1, "following") ||
				   is_word(x, i - 1, "on") || is_word(x, i - 1, "in");
		if (setting && tc->nps) {
			for (int i = 0; i < tc->nps; i++)
				push_party(subj, nsubj, tc->prev_src[i]);
			return;
		}
	}
	if (!tr->noun || !tc->prev_in_clause) {
	/* The first group of the clause not governed by a preposition (for a
	 * symmetric event, every such group: "X and the UN envoy, Y, attended"). */
	int found = 0;
	for (size_t j = m0; j < m1; j++) {
		const struct mention *m = &x->men[j];
		if (m->kind == MK_PLACE)
			continue;
		/* "discussed Russia's war": a possessive modifies a noun, it does not act. */
		if (found && is_word(x, m->te, "'s"))
			continue;
		if (m->ts > tc->s && governed(x, m->ts, tc->s)) {
			/* ... unless it is "the ministers of X", "the leaders of the X". */
			size_t of = m->ts;
			while (of > tc->s && !is_word(x, of - 1, "of") && m->ts - of < 3)
				of--;
			of = of > tc->s ? of - 1 : of;   /* the "of" */
			int members = is_word(x, of, "of");
			const char *head = of > tc->s ? low(x, of - 1) : "";
			if (!(members && ((of > tc->s && tok_in(x, of - 1, WL_COLLECTIVE)) || !strcmp(head, "members") ||
					  !strcmp(head, "heads") || !strcmp(head, "representatives") ||
					  !strcmp(head, "office") || !strcmp(head, "government") ||
					  !strcmp(head, "delegation") || !strcmp(head, "delegations"))))
				continue;
		}
		size_t end = group_end(x, j, m1);
		add_group(x, j, end, subj, nsubj, tc->speaker);
		if (tr->frame != FRAME_SYMMETRIC)
			return;
		found = 1;
		j = end - 1;
	}
	if (found)
		return;
	}
	/* "X said on Tuesday after a telephone conversation with Y": who spoke
	 * after the call took part in it. */
	if (cs > tc->s && (is_word(x, cs - 1, "after") || is_word(x, cs - 1, "before") ||
			   is_word(x, cs - 1, "following") || is_word(x, cs - 1, "during")) &&
	    tr->frame == FRAME_SYMMETRIC) {
		if (tc->speaker >= 0) {
			push_party(subj, nsubj, tc->speaker);
			return;
		}
		size_t r0, r1;
		mentions_in(x, tc->s, cs, &r0, &r1);
		for (size_t j = r0; j < r1; j++)
			if (!x->men[j].quoted && x->men[j].kind != MK_PLACE &&
			    !(x->men[j].ts > tc->s && tok_in(x, x->men[j].ts - 1, WL_PREPOSITION))) {
				add_group(x, j, group_end(x, j, r1), subj, nsubj, tc->speaker);
				return;
			}
	}
	if (cs > tc->s && is_reporting(x, cs - 1) && tc->speaker >= 0) {
		/* "X said on Tuesday after talks with Y": the speaker acts. */
		push_party(subj, nsubj, tc->speaker);
		return;
	}
	if (cs > tc->s && is_reporting(x, cs - 1)) {
		size_t r0, r1;
		mentions_in(x, tc->s, cs, &r0, &r1);
		for (size_t j = r0; j < r1; j++)
			if (!x->men[j].quoted && x->men[j].kind != MK_PLACE) {
				add_group(x, j, group_end(x, j, r1), subj, nsubj, tc->speaker);
				return;
			}
	}
	if (tc->nps && !tr->noun) {
		for (int i = 0; i < tc->nps; i++)
			push_party(subj, nsubj, tc->prev_src[i]);
		return;
	}
	if ((x->toks.t[k].flags & TOK_QUOTED) && tc->speaker >= 0)
		push_party(subj, nsubj, tc->speaker);
}

/* Words that may stand between "with" and the party it introduces. */

static int acted_before(const struct extractor *x, size_t i, const char *code);

/* Whether ", claiming|saying|alleging ... that" stands between the
 * sentence start s and the trigger at k: the words of whoever acted
 * earlier in the sentence. */
static int claimed_by_earlier(const struct extractor *x, size_t s, size_t k)
{
	for (size_t i = s + 1; i < k; i++)
		if (is_word(x, i - 1, ",") &&
		    (is_word(x, i, "claiming") || is_word(x, i, "saying") || is_word(x, i, "alleging") ||
		     is_word(x, i, "stating") || is_word(x, i, "arguing") || is_word(x, i, "insisting")))
			return 1;
	return 0;
}

/* Whether the trigger at k opens a relative clause ("that/which/who
 * [had|has|have] <trigger>") attached to a plural noun that is no actor. */
static int relative_of_non_actor(const struct extractor *x, size_t k, size_t s)
{
	size_t j = k;
	while (j > s && (is_word(x, j - 1, "had") || is_word(x, j - 1, "has") || is_word(x, j - 1, "have") ||
			 is_word(x, j - 1, "also") || is_word(x, j - 1, "already")))
		j--;
	if (j < s + 2 || !(is_word(x, j - 1, "that") || is_word(x, j - 1, "which") || is_word(x, j - 1, "who")))
		return 0;
	size_t m0, m1;
	mentions_in(x, s, j - 1, &m0, &m1);
	for (size_t m = m0; m < m1; m++)
		if (x->men[m].te == j - 1 && x->men[m].ra >= 0)
			return 0;
	/* A plain plural before it: "countries that", "the states which" (not
	 * "the minister who", whom the sentence may name by title). */
	return (x->toks.t[j - 2].flags & TOK_PUNCT) == 0 && ends_in(x, j - 2, 4, "s");
}

/* "Biden and Xi met on the sidelines of the Group of 20 summit": an
 * organisation named in the sentence [s, e) only as the summit where
 * others met is the venue, not a participant, when two others remain. */
static void drop_venues(const struct extractor *x, struct cand *c, size_t s, size_t e)
{
	size_t m0, m1;
	mentions_in(x, s, e, &m0, &m1);
	int n = 0;
	for (int k = 0; k < c->nsrc; k++) {
		int p = c->src[k], seen = 0, venue = 1;
		for (size_t m = m0; m < m1 && x->ra[p].kind == ACTOR_ORG; m++) {
			if (x->men[m].ra != p)
				continue;
			seen = 1;
			venue &= is_word(x, x->men[m].te, "summit") || is_word(x, x->men[m].te, "summits");
		}
		if (!(seen && venue && c->nsrc - (k - n) > 2))
			c->src[n++] = p;
	}
	c->nsrc = n;
}

/* The parties after the trigger: for a symmetric event those joined by
 * "with", "between", "and" or right after it; for a directed one the first
 * group. */
/* "the attacks on Indian diplomatic facilities": the mention at ts names
 * whom an attack struck, not whom an act about the attack is aimed at. */
static int attack_victim(const struct extractor *x, size_t ts, size_t te)
{
	for (size_t q = ts; q > te && q + 4 > ts; q--) {
		if (!is_word(x, q - 1, "on") && !is_word(x, q - 1, "against"))
			continue;
		return q > te + 1 && tok_in(x, q - 2, WL_ATTACK);
	}
	return 0;
}

static void find_object(struct extractor *x, const struct dict_trigger *tr, size_t te, size_t ce,
			int by, struct trigger_ctx *tc, const int *subj, int nsubj, int *obj, int *nobj)
{
	size_t m0, m1;
	mentions_in(x, te, ce, &m0, &m1);
	for (size_t j = m0; j < m1; j++) {
		const struct mention *m = &x->men[j];
		if (by >= 0 && m->ts > (size_t)by)
			break;
		if (m->kind == MK_PLACE && !(type_props(x, tr) & TP_TRAVEL))
			continue;
		int pronoun_obj = m->kind == MK_PRONOUN || m->kind == MK_COLLECTIVE;
		if (tr->frame == FRAME_SYMMETRIC) {
			size_t back = m->ts;
			while (back > te && (tok_in(x, back - 1, WL_LINK_BEFORE) ||
					     (x->toks.t[back - 1].flags & TOK_CAP)))
				back--;
			if (m->ts > te + 6)
				break;
			int linked = back == te || (back > te && (is_word(x, back - 1, "with") ||
								   is_word(x, back - 1, "between") ||
								   is_word(x, back - 1, "among")));
			if (!linked)
				continue;
			size_t end = group_end(x, j, m1);
			for (size_t q = j; q < end; q++) {
				if (x->men[q].kind == MK_PRONOUN)
					for (int i = 0; i < x->n_in_play; i++)
						push_party(obj, nobj, x->in_play[i]);
				else
					add_group(x, q, q + 1, obj, nobj, tc->speaker);
			}
			j = end - 1;
			continue;
		}
		if (pronoun_obj) {
			/* "hailed it": the parties in play. */
			for (int i = 0; i < x->n_in_play; i++)
				push_party(obj, nobj, x->in_play[i]);
			return;
		}
		size_t end = group_end(x, j, m1);
		if (attack_victim(x, m->ts, te)) {
			j = end - 1;
			continue;
		}
		int g[MAX_PARTIES], ng = 0, own = 1;
		/* "arrived in Washington": a visit's host is named by its capital. */
		add_group_places(x, j, end, g, &ng, tc->speaker, (type_props(x, tr) & TP_TRAVEL) != 0);
		/* "lifted a U.S. ban on ... Vietnam": the subject's own adjective is not the target. */
		for (int i = 0; i < ng; i++) {
			int mine = 0;
			for (int k = 0; k < nsubj; k++)
				mine |= x->ra[subj[k]].code[0] && same_code(x, subj[k], g[i]);
			own &= mine;
		}
		if (ng && own) {
			j = end - 1;
			continue;
		}
		for (int i = 0; i < ng; i++)
			push_party(obj, nobj, g[i]);
		return;
	}
}

/* The event found last, when the sentence starting at token s told it with
 * a date of its own; else NULL. */
static const struct cand *last_cand_dated(const struct extractor *x, size_t s)
{
	if (!x->n_cands)
		return NULL;
	const struct cand *p = &x->cands[x->n_cands - 1];
	int same = p->ev_start == x->toks.t[s].start && p->headline == x->headline;
	return same && p->date_explicit ? p : NULL;
}

/* Whether the object after a trigger (tokens from te) is reciprocal: "each
 * other", "one another", "the other" (after "each side ... faulting"). */
static int reciprocal(const struct extractor *x, size_t te, size_t ce)
{
	for (size_t q = te; q + 1 < ce && q < te + 3; q++)
		if ((is_word(x, q, "each") && is_word(x, q + 1, "other")) ||
		    (is_word(x, q, "one") && is_word(x, q + 1, "another")) ||
		    (is_word(x, q, "the") && is_word(x, q + 1, "other") &&
		     !(q + 2 < ce && (x->toks.t[q + 2].flags & TOK_WORD) && !is_word(x, q + 2, "for") &&
		       !is_word(x, q + 2, "of") && !is_word(x, q + 2, "over"))))
			return 1;
	return 0;
}

/* For a trigger at k after "ASK X to" ("ordered China to close"): the
 * mention of X, with the ask verb's token in *ask; else -1. */
static long asked_to(const struct extractor *x, size_t k, size_t s, size_t *ask)
{
	if (k < s + 3 || !is_word(x, k - 1, "to"))
		return -1;
	size_t m0, m1;
	mentions_in(x, s, k, &m0, &m1);
	for (size_t j = m1; j-- > m0;) {
		const struct mention *m = &x->men[j];
		if (m->te + 1 < k)
			break;   /* "urged Pakistan to reconsider its decision to downgrade" */
		if (m->ts > s && tok_in(x, m->ts - 1, WL_ASK_VERB)) {
			*ask = m->ts - 1;
			return (long)j;
		}
	}
	return -1;
}

static int analyse_trigger(struct extractor *x, const struct trigger_hit *h, struct trigger_ctx *tc)
{
	const struct dict_trigger *tr = &x->d.triggers[h->trigger];
	size_t s = tc->s, e = tc->e;
	if (!tail_ok(x, tr, h->te, e))
		return 0;
	/* "at the start of their meeting", "after the meeting": an event told
	 * before, not a new one. */
	if (tr->noun && h->ts > s && (is_word(x, h->ts - 1, "their") || is_word(x, h->ts - 1, "his") ||
				      is_word(x, h->ts - 1, "her") || is_word(x, h->ts - 1, "its")))
		return 0;
	if (h->ts > s + 1 && is_word(x, h->ts - 1, "the") &&
	    (is_word(x, h->ts - 2, "after") || is_word(x, h->ts - 2, "during") || is_word(x, h->ts - 2, "following") ||
	     is_word(x, h->ts - 2, "over") || is_word(x, h->ts - 2, "about") || is_word(x, h->ts - 2, "since") ||
	     is_word(x, h->ts - 2, "before")) &&
	    !(h->te < e && (is_word(x, h->te, "with") || is_word(x, h->te, "between"))) &&
	    !(h->te > h->ts && (is_word(x, h->te - 1, "with") || is_word(x, h->te - 1, "between"))))
		return 0;
	/* "summit host Japan", "talks venue": the word names something else. */
	if (tr->noun && h->te < e &&
	    (is_word(x, h->te, "host") || is_word(x, h->te, "hosts") || is_word(x, h->te, "venue") ||
	     is_word(x, h->te, "organiser") || is_word(x, h->te, "organizer") || is_word(x, h->te, "chair")))
		return 0;
	/* "banning them from travel to the bloc": travel barred, not made. */
	if ((type_props(x, tr) & TP_TRAVEL) && h->ts > s && is_word(x, h->ts - 1, "from"))
		return 0;
	/* "talks with visiting Russian Foreign Minister Lavrov": who visits is named
	 * after the word, the visit is told elsewhere. */
	if (is_word(x, h->ts, "visiting") && h->te < e && (x->toks.t[h->te].flags & TOK_CAP))
		return 0;
	/* "Hailing the rapprochement, the Council ...": a preamble, not an act;
	 * ", meeting in Dushanbe,": a participle, not a meeting. */
	if (ends_in(x, h->ts, 4, "ing") &&
	    (h->ts == s || (tr->noun && h->ts > s && is_word(x, h->ts - 1, ","))))
		return 0;
	size_t cs, ce;
	clause_of(x, h->ts, s, e, &cs, &ce);
	size_t clause_end = ce;
	tc->prev_in_clause = tc->prev_trigger_end > cs && tc->prev_trigger_end <= h->ts;
	tc->prev_trigger_end = h->te;
	/* A date or party after the next event word belongs to that event. */
	if (tc->next_trigger > h->te && tc->next_trigger < ce && !tr->n_tails)
		ce = tc->next_trigger;
	int status = modality(x, cs, h->ts, s, e);
	if (status < 0)
		return 0;
	tc->will = 0;
	for (size_t q = h->ts; q > cs && q + 8 > h->ts; q--)
		tc->will |= is_word(x, q - 1, "will") || is_word(x, q - 1, "shall") || is_word(x, q - 1, "'ll");
	/* A threat is made now, whatever it threatens. */
	if ((type_props(x, tr) & TP_ABOUT_FUTURE) && status == STATUS_PLANNED)
		status = STATUS_OCCURRED;
	struct cand c;
	memset(&c, 0, sizeof(c));
	c.tr = tr;
	c.status = (enum event_status)status;
	c.headline = x->headline;
	int by = passive_by(x, h->ts, h->te, ce);
	/* "the first visit to Japan by a South Korean president": a noun's agent
	 * follows its object. */
	int noun_agent = 0;
	/* ("a planned visit by ...": the verb's wording, used as a noun.) */
	int as_noun = tr->noun || (h->ts > s && (tok_in(x, h->ts - 1, WL_DETERMINER) ||
						 is_word(x, h->ts - 1, "planned") ||
						 is_word(x, h->ts - 1, "scheduled")));
	for (size_t j = h->te; by < 0 && as_noun && tr->frame == FRAME_DIRECTED && j < ce && j < h->te + 6; j++)
		if (is_word(x, j, "by")) {
			by = (int)j;
			noun_agent = 1;
		}
	/* "banks blacklisted by the Security Council": a participle describing a
	 * noun tells background, not an act of this report. */
	if (by == (int)h->te && !noun_agent && tr->frame == FRAME_DIRECTED && h->ts > s &&
	    (x->toks.t[h->ts - 1].flags & TOK_WORD) && !tok_in(x, h->ts - 1, WL_SKIP_ADVERB))
		return 0;
	int subj[MAX_PARTIES], nsubj = 0, obj[MAX_PARTIES], nobj = 0;
	find_subject(x, tr, h->ts, cs, tc, subj, &nsubj);
	find_object(x, tr, h->te, ce, by, tc, subj, nsubj, obj, &nobj);
	/* "ordered China to close its consulate", "told the envoy to leave":
	 * the one who orders expels the one ordered. */
	size_t ask_tok;
	long asked = tr->frame == FRAME_DIRECTED && (type_props(x, tr) & TP_ORDERS_OUT) ? asked_to(x, h->ts, s, &ask_tok) : -1;
	if (asked >= 0) {
		int who[MAX_PARTIES], nwho = 0;
		find_subject(x, tr, ask_tok, cs < ask_tok ? cs : s, tc, who, &nwho);
		if (nwho) {
			int them[MAX_PARTIES], nthem = 0;
			add_group(x, (size_t)asked, group_end(x, (size_t)asked, x->n_men), them, &nthem, tc->speaker);
			nsubj = 0;
			for (int i = 0; i < nwho; i++)
				push_party(subj, &nsubj, who[i]);
			for (int i = 0; i < nthem; i++)
				push_party(obj, &nobj, them[i]);
		}
	}
	int agent[MAX_PARTIES], nagent = 0;
	if (by >= 0) {
		size_t m0, m1;
		mentions_in(x, (size_t)by, ce, &m0, &m1);
		if (m1 > m0)
			add_group(x, m0, group_end(x, m0, m1), agent, &nagent, tc->speaker);
	}
	int passive = by >= 0 || passive_by(x, h->ts, h->te, h->te + 3 < e ? h->te + 3 : e) >= 0;
	if (!passive && tr->frame == FRAME_DIRECTED && (is_word(x, h->ts, "was") || is_word(x, h->ts, "were")))
		passive = 1;   /* "was summoned": the wording carries its auxiliary */
	if (!passive && tr->frame == FRAME_DIRECTED && !tr->noun && nsubj) {
		/* "was summoned", "was also told to": the subject undergoes the act. */
		size_t q = h->ts;
		while (q > cs && (is_word(x, q - 1, "also") || is_word(x, q - 1, "then") || is_word(x, q - 1, "later") ||
				  is_word(x, q - 1, "reportedly") || is_word(x, q - 1, "formally")))
			q--;
		int aux = q > cs && (is_word(x, q - 1, "was") || is_word(x, q - 1, "were") ||
				     is_word(x, q - 1, "been") || is_word(x, q - 1, "be"));
		passive = aux && (ends_in(x, h->ts, 3, "ed") || is_word(x, h->ts, "told") || is_word(x, h->ts, "held") ||
				  is_word(x, h->ts, "made") || is_word(x, h->ts, "given") || is_word(x, h->ts, "sent"));
	}
	if (noun_agent && nagent) {
		/* The agent makes the visit, to the noun's object, named before
		 * the agent or after it ("a visit by Jonson to Ankara"). */
		for (int i = 0; i < nagent; i++)
			push_party(c.src, &c.nsrc, agent[i]);
		for (int i = 0; i < nobj; i++)
			push_party(c.tgt, &c.ntgt, obj[i]);
		size_t m0, m1;
		mentions_in(x, (size_t)by, ce, &m0, &m1);
		if (!nobj && m1 > m0) {
			int after[MAX_PARTIES], nafter = 0;
			find_object(x, tr, x->men[group_end(x, m0, m1) - 1].te, ce, -1, tc, agent, nagent, after,
				    &nafter);
			for (int i = 0; i < nafter; i++)
				push_party(c.tgt, &c.ntgt, after[i]);
		}
	} else if (nagent && tr->frame == FRAME_SYMMETRIC) {
		/* "signed by Ethiopia and Eritrea": the agents take part. */
		for (int i = 0; i < nagent; i++)
			push_party(c.src, &c.nsrc, agent[i]);
		for (int i = 0; i < nobj; i++)
			push_party(c.src, &c.nsrc, obj[i]);
	} else if (nagent || (passive && tr->frame == FRAME_DIRECTED)) {
		/* Passive: the agent (or whoever acts in the report) acts on the subject. */
		for (int i = 0; i < nagent; i++)
			push_party(c.src, &c.nsrc, agent[i]);
		for (int i = 0; i < nsubj; i++)
			push_party(c.tgt, &c.ntgt, subj[i]);
		/* (Not for "was told to bring staff at its embassy in Moscow": the
		 * objects are the request's, not parties to it.) */
		for (int i = 0; i < nobj && !nagent && !(type_props(x, tr) & TP_ASKS); i++)
			push_party(c.tgt, &c.ntgt, obj[i]);
		/* "The ambassador was summoned": by whoever the report has acting. */
		if (!nagent && c.ntgt && x->last_subject >= 0 &&
		    !same_code(x, x->last_subject, c.tgt[0]))
			push_party(c.src, &c.nsrc, x->last_subject);
		/* "The Czech side was also told to ...", its ambassador being the
		 * last subject: by whoever acted before in the report. */
		if (!nagent && c.ntgt && !c.nsrc) {
			int a = acted_before(x, x->n_cands, x->ra[c.tgt[0]].code);
			if (a >= 0)
				push_party(c.src, &c.nsrc, a);
		}
	} else if (tr->frame == FRAME_SYMMETRIC) {
		for (int i = 0; i < nsubj; i++)
			push_party(c.src, &c.nsrc, subj[i]);
		for (int i = 0; i < nobj; i++)
			push_party(c.src, &c.nsrc, obj[i]);
	} else {
		for (int i = 0; i < nsubj; i++)
			push_party(c.src, &c.nsrc, subj[i]);
		for (int i = 0; i < nobj; i++) {
			int dup = 0;
			for (int k = 0; k < c.nsrc; k++)
				dup |= x->ra[c.src[k]].code[0] && same_code(x, c.src[k], obj[i]);
			if (!dup)
				push_party(c.tgt, &c.ntgt, obj[i]);
		}
		if (!c.ntgt && coordinated(x, h->ts, s))
			for (int i = 0; i < tc->npt; i++)
				push_party(c.tgt, &c.ntgt, tc->prev_tgt[i]);
	}
	/* "stepped off his plane ... his first visit to the kingdom": the host is
	 * the other state the sentence names. */
	if ((type_props(x, tr) & TP_TRAVEL) && c.nsrc && !c.ntgt) {
		size_t m0, m1;
		mentions_in(x, s, e, &m0, &m1);
		for (size_t j = m0; j < m1 && !c.ntgt; j++) {
			int ra = x->men[j].ra;
			if (ra >= 0 && x->ra[ra].code[0] && !same_code(x, ra, c.src[0]))
				push_party(c.tgt, &c.ntgt, ra);
		}
	}
	/* "in Bangkok for an Asia-Pacific summit": a named gathering of others,
	 * not a meeting of the parties in play ("a second round" is theirs). */
	if (tr->noun && c.nsrc < 2 && !c.ntgt) {
		for (size_t q = h->ts; q > s && q + 4 > h->ts; q--) {
			if (!is_word(x, q - 1, "a") && !is_word(x, q - 1, "an"))
				continue;
			for (size_t r = q; r < h->ts; r++)
				if (x->toks.t[r].flags & TOK_CAP)
					return 0;
			break;
		}
	}
	/* A symmetric event needs two parties: add those in play. */
	if (tr->frame == FRAME_SYMMETRIC && c.nsrc < 2 && !(c.nsrc == 1 && x->ra[c.src[0]].kind == ACTOR_ORG))
		for (int i = 0; i < x->n_in_play; i++)
			push_party(c.src, &c.nsrc, x->in_play[i]);
	/* "other countries that had expelled Russian envoys": the subject of a
	 * relative clause is the noun before "that", here no actor; the act is
	 * nobody's we know, not the speaker's. */
	if (tr->frame == FRAME_DIRECTED && relative_of_non_actor(x, h->ts, s))
		c.nsrc = 0;
	/* "announced the expulsion of 18 diplomats, claiming that there was a
	 * suspicion that ...": the claim is the announcers'. */
	if (tr->frame == FRAME_DIRECTED && !c.nsrc && claimed_by_earlier(x, s, h->ts)) {
		for (size_t k = x->n_cands; k-- > 0;) {
			const struct cand *p = &x->cands[k];
			if (p->dead || p->headline != x->headline || p->ev_start != x->toks.t[s].start || !p->nsrc)
				continue;
			for (int q = 0; q < p->nsrc; q++) {
				int mine = 0;
				for (int t = 0; t < c.ntgt; t++)
					mine |= same_code(x, p->src[q], c.tgt[t]);
				if (!mine)
					push_party(c.src, &c.nsrc, p->src[q]);
			}
			break;
		}
	}
	if (!c.nsrc && !c.ntgt)
		return 0;
	/* Date: the clause's own, else the reporting clause's, else the report's. */
	/* "reconsider its decision to downgrade ties": the decision's date is not the clause's. */
	if (!tc->intention)
		sentence_timex(x, tc);
	int ti = tc->intention ? -1 : governing_timex(x, tc->tx, h->ts, h->te, cs, ce,
						      c.status == STATUS_PLANNED ? cs : s, c.status == STATUS_PLANNED);
	/* "Chisinau's decision last week to expel a diplomat": the decision's
	 * own date, between it and what it decided. */
	if (tc->intention && tc->intention_at) {
		sentence_timex(x, tc);
		for (size_t i = 0; i < tc->tx->n && ti < 0; i++)
			if (tc->tx->tok_of[i] > tc->intention_at && tc->tx->tok_of[i] < h->ts &&
			    tc->tx->tx[i].date.prec != PREC_UNKNOWN && tc->tx->tx[i].kind != TIMEX_DEADLINE)
				ti = (int)i;
	}
	/* "agreed to commence negotiations ... when Kishida visited Manila in
	 * November": the when-clause of the trigger's clause dates it, past the
	 * event words between them. */
	size_t wk = ce;
	while (ti < 0 && wk < clause_end && !is_word(x, wk, "when"))
		wk++;
	if (ti < 0 && !tc->intention && wk < e && is_word(x, wk, "when")) {
		ce = wk;
		size_t we = ce + 1;
		while (we < e && !is_word(x, we, ",") && !is_word(x, we, ";"))
			we++;
		ti = governing_timex(x, tc->tx, ce, ce + 1, ce, we, ce, 0);
	}
	if (ti < 0 && !tc->intention && cs > s && (is_reporting(x, cs - 1) || (cs > s + 1 && is_reporting(x, cs - 2))))
		ti = governing_timex(x, tc->tx, cs - 1, cs, s, cs, s, 0);
	/* "moving to remove X from the list, a step that could come as early
	 * as next month": the earliest date the sentence gives the plan. */
	for (size_t i = 0; ti < 0 && !tc->intention && c.status == STATUS_PLANNED && i < tc->tx->n; i++) {
		size_t at = tc->tx->tok_of[i];
		if (at >= h->te + 3 && at < e && tc->tx->tx[i].date.prec != PREC_UNKNOWN &&
		    is_word(x, at - 3, "as") && is_word(x, at - 2, "early") && is_word(x, at - 1, "as"))
			ti = (int)i;
	}
	const struct cand *before;
	if (ti >= 0) {
		c.date = tc->tx->tx[ti].date;
		c.date_explicit = 1;
		/* "announced that X would reopen its borders from Monday evening",
		 * told after that Monday: it has happened. */
		if (c.status == STATUS_PLANNED && !tc->will && c.date.prec == PREC_DAY && x->anchor.prec == PREC_DAY &&
		    days_from_civil(c.date.year, c.date.month, c.date.day) <
			    days_from_civil(x->anchor.year, x->anchor.month, x->anchor.day))
			c.status = STATUS_OCCURRED;
		/* (Not for a verb in the past: "reaffirmed their commitment to
		 * continue negotiations later this month" was reaffirmed now.) */
		if (tc->tx->tx[ti].tense_used == TENSE_FUTURE && c.status == STATUS_OCCURRED &&
		    !(type_props(x, tr) & TP_ABOUT_FUTURE) && (tr->noun || !ends_in(x, h->ts, 3, "ed")))
			c.status = STATUS_PLANNED;
	} else if (cs == h->ts && cs > s && is_word(x, cs - 1, ",") && (before = last_cand_dated(x, s))) {
		/* "imposed sanctions on Monday, freezing their assets": the
		 * participle's act is dated with the one it tells more of. */
		c.date = before->date;
		c.date_explicit = 1;
	} else if (tc->same_day && x->carry_last.prec != PREC_UNKNOWN &&
		   (c.status == STATUS_OCCURRED || c.status == STATUS_NEGATED)) {
		/* "the same day": the day last named. */
		c.date = x->carry_last;
		c.date_explicit = 1;
	} else if (x->carry_date.prec != PREC_UNKNOWN && tc->pronoun_led &&
		   (c.status == STATUS_OCCURRED || c.status == STATUS_NEGATED)) {
		/* "It also suspended trade": the time of the sentence before. */
		c.date = x->carry_date;
		c.date_explicit = 1;
	} else if ((c.status == STATUS_OCCURRED || c.status == STATUS_NEGATED) &&
		   !(h->ts > s && is_word(x, h->ts - 1, "had")) &&
		   !(h->ts > s + 1 && is_word(x, h->ts - 2, "had") && tok_in(x, h->ts - 1, WL_SKIP_ADVERB))) {
		/* The report's day; not for "the programme it had agreed with
		 * France": the pluperfect tells of a time before the story's,
		 * which the sentence does not give. */
		c.date = x->anchor;
	}
	c.ev_start = x->toks.t[s].start;
	c.ev_end = x->toks.t[e - 1].end;
	c.trig_start = x->toks.t[h->ts].start;
	c.trig_tok = h->ts;
	if ((type_props(x, tr) & TP_CONTENT) && !tr->noun) {
		/* What was agreed, for the summary: the clause after the verb. */
		size_t a = h->te, b = ce < e ? ce : e;
		while (a < b && (is_word(x, a, "that") || is_word(x, a, ",") || is_word(x, a, "on") ||
				 weekday_from_name(x->text + x->toks.t[a].start,
						   (int)(x->toks.t[a].end - x->toks.t[a].start)) >= 0))
			a++;
		if (b > a + 18) {
			b = a + 18;
			c.what_cut = 1;
		}
		/* Not ending on punctuation, nor on a word that needs one after it
		 * ("documents during the"). */
		while (b > a && ((x->toks.t[b - 1].flags & TOK_PUNCT) ||
				 tok_in(x, b - 1, WL_DETERMINER | WL_PREPOSITION) || is_word(x, b - 1, "and") ||
				 is_word(x, b - 1, "or") || is_word(x, b - 1, "during")))
			b--;
		if (b > a + 2) {
			c.what_start = x->toks.t[a].start;
			c.what_end = x->toks.t[b - 1].end;
		}
	}
	/* "condemned the decision", "rejected this proposal", "these steps":
	 * an act told before. (Set here: only this paragraph's tokens are at hand.) */
	c.refers_back = h->te + 1 < e && tok_in(x, h->te, WL_DETERMINER) &&
			(tok_in(x, h->te + 1, WL_INTENTION_NOUN) || is_word(x, h->te + 1, "act") ||
			 is_word(x, h->te + 1, "acts") || is_word(x, h->te + 1, "action") ||
			 is_word(x, h->te + 1, "actions") || is_word(x, h->te + 1, "measure") ||
			 is_word(x, h->te + 1, "measures"));
	/* "Prior to the meeting, the ministers paid a courtesy call on ...":
	 * told against another meeting, so not that one. */
	for (size_t q = s; q + 2 < h->ts && q < s + 4; q++) {
		size_t n = q + (is_word(x, q, "prior") || is_word(x, q, "ahead") ? 2 : 1);
		if ((is_word(x, q, "prior") && is_word(x, q + 1, "to")) || is_word(x, q, "before") ||
		    is_word(x, q, "after") || (is_word(x, q, "ahead") && is_word(x, q + 1, "of"))) {
			if (n + 1 < h->ts && is_word(x, n, "the") &&
			    (is_word(x, n + 1, "meeting") || is_word(x, n + 1, "talks") ||
			     is_word(x, n + 1, "summit") || is_word(x, n + 1, "session")))
				c.beside = 1;
			break;
		}
	}
	c.purpose = (h->ts > s && is_word(x, h->ts - 1, "to")) ||
		    (h->ts > s + 1 && is_word(x, h->ts - 2, "to") && tok_in(x, h->ts - 1, WL_SKIP_ADVERB));
	c.trig_end = x->toks.t[h->te - 1].end;
	for (int i = 0; i < tc->tp->n; i++)
		add_topic_to(&c, tc->tp->ids[i]);
	/* "calls between A and both B and C": one call with each. */
	int both = 0;
	for (size_t q = h->te; q + 1 < ce && tr->frame == FRAME_SYMMETRIC; q++)
		both |= is_word(x, q, "and") && is_word(x, q + 1, "both");
	if (tr->frame == FRAME_SYMMETRIC && c.nsrc >= 3)
		drop_venues(x, &c, s, e);
	struct cand *slot;
	if (tr->frame == FRAME_DIRECTED && !c.ntgt && reciprocal(x, h->te, ce)) {
		/* "India and China blamed each other", "each side faulting the
		 * other": one act in each direction, between the subjects or,
		 * when the subject is "each side", the parties in play. */
		int who[MAX_PARTIES], n = 0;
		for (int i = 0; i < c.nsrc; i++)
			push_party(who, &n, c.src[i]);
		for (int i = 0; n < 2 && i < x->n_sent_pair; i++)
			push_party(who, &n, x->sent_pair[i]);
		for (int i = 0; n < 2 && i < x->n_in_play; i++)
			push_party(who, &n, x->in_play[i]);
		for (int i = 0; n >= 2 && i < n; i++) {
			if (push_cand(x, &slot))
				return -1;
			*slot = c;
			slot->nsrc = 1;
			slot->src[0] = who[i];
			slot->ntgt = 0;
			for (int k = 0; k < n; k++)
				if (k != i && !same_code(x, who[k], who[i]))
					push_party(slot->tgt, &slot->ntgt, who[k]);
		}
		return 0;
	}
	if (both && c.nsrc >= 3) {
		for (int i = 1; i < c.nsrc; i++) {
			if (push_cand(x, &slot))
				return -1;
			*slot = c;
			slot->nsrc = 2;
			slot->src[1] = c.src[i];
		}
	} else {
		if (push_cand(x, &slot))
			return -1;
		*slot = c;
	}
	if (tr->frame == FRAME_SYMMETRIC && c.nsrc >= 2) {
		x->n_sent_pair = 0;
		for (int i = 0; i < c.nsrc; i++)
			push_party(x->sent_pair, &x->n_sent_pair, c.src[i]);
	}
	/* Remember for coordination (verbs only: "at the meeting, urging" goes
	 * back to the speaker, not to the meeting). */
	if (!tr->noun) {
		tc->nps = 0;
		for (int i = 0; i < c.nsrc; i++)
			push_party(tc->prev_src, &tc->nps, c.src[i]);
		tc->prev_sym = tr->frame == FRAME_SYMMETRIC;
	}
	if (c.ntgt) {
		tc->npt = 0;
		for (int i = 0; i < c.ntgt; i++)
			push_party(tc->prev_tgt, &tc->npt, c.tgt[i]);
	}
	return 0;
}

/* Updates the parties in play after a sentence: the persons and states of
 * its events, else the first two actors it names. */
static void update_in_play(struct extractor *x, size_t first_cand, size_t m0, size_t m1)
{
	int parts[MAX_PARTIES], n = 0, sym = 0;
	for (size_t i = first_cand; i < x->n_cands; i++)
		sym |= x->cands[i].tr->frame == FRAME_SYMMETRIC && x->cands[i].nsrc >= 2;
	for (size_t i = first_cand; i < x->n_cands; i++) {
		const struct cand *c = &x->cands[i];
		if (sym ? (c->tr->frame == FRAME_SYMMETRIC && c->nsrc >= 2) : c->ntgt > 0) {
			for (int k = 0; k < c->nsrc; k++)
				push_party(parts, &n, c->src[k]);
			for (int k = 0; k < c->ntgt; k++)
				push_party(parts, &n, c->tgt[k]);
			if (!sym)
				break;  /* of directed acts, the first names the pair */
		}
	}
	if (n >= 2 && !sym && x->n_in_play >= 2) {
		/* A condemnation or a denial does not change who is talking. */
	} else if (n >= 2) {
		/* The same talks go on with more people: keep those already in play. */
		int overlap = 0;
		for (int i = 0; i < n; i++)
			for (int k = 0; k < x->n_in_play; k++)
				overlap |= same_code(x, parts[i], x->in_play[k]);
		if (!overlap)
			x->n_in_play = 0;
		for (int i = 0; i < n; i++)
			push_party(x->in_play, &x->n_in_play, parts[i]);
	} else if (x->n_in_play < 2) {
		/* No event yet: the first two states or persons named. */
		for (size_t i = m0; i < m1 && x->n_in_play < 2; i++)
			if (x->men[i].ra >= 0 && x->men[i].kind != MK_PLACE) {
				int dup = 0;
				for (int k = 0; k < x->n_in_play; k++)
					dup |= same_code(x, x->in_play[k], x->men[i].ra);
				if (!dup)
					push_party(x->in_play, &x->n_in_play, x->men[i].ra);
			}
	}
	/* The subject of the last clause, for "it" and "he". */
	for (size_t i = m0; i < m1; i++)
		if (x->men[i].ra >= 0 && !x->men[i].quoted && x->men[i].kind != MK_PLACE) {
			x->last_subject = x->men[i].ra;
			break;
		}
}

static int analyse_sentence(struct extractor *x, size_t s, size_t e)
{
	if (s >= e)
		return 0;
	size_t men0 = x->n_men, hits0 = x->n_hits, cand0 = x->n_cands;
	struct sent_topics tp;
	tp.n = 0;   /* ids[0..n) only are read */
	if (scan_sentence(x, s, e, &tp))
		return -1;
	x->sent_first = -1;
	for (size_t i = men0; i < x->n_men; i++)
		if (x->men[i].ra >= 0 && !x->men[i].quoted && x->men[i].kind != MK_PLACE) {
			x->sent_first = (int)i;
			break;
		}
	if (x->n_ra > x->cap_mpr) {
		size_t old = x->cap_mpr;
		if (grow_array((void **)&x->mentions_per_ra, &x->cap_mpr, x->n_ra, sizeof(long)))
			return -1;
		memset(x->mentions_per_ra + old, 0, (x->cap_mpr - old) * sizeof(long));
	}
	for (size_t i = men0; i < x->n_men; i++)
		if (x->men[i].ra >= 0 && x->men[i].kind != MK_PLACE)
			x->mentions_per_ra[x->men[i].ra] += x->headline ? 3 : 1;
	for (int i = 0; i < x->n_report_topics; i++)
		note_topic(&tp, x->report_topics[i]);
	if (x->headline || !x->n_report_topics) {
		for (int i = 0; i < tp.n && x->n_report_topics < 16; i++)
			x->report_topics[x->n_report_topics++] = tp.ids[i];
	}
	if (x->n_hits == hits0) {
		update_in_play(x, cand0, men0, x->n_men);
		return 0;
	}
	if (x->debug)
		for (size_t i = men0; i < x->n_men; i++) {
			char t[96];
			span_text(x, x->men[i].ts, x->men[i].te, t, sizeof(t));
			fprintf(stderr, "  mention '%s' kind=%d ra=%s\n", t, x->men[i].kind,
				x->men[i].ra >= 0 ? x->ra[x->men[i].ra].name : "-");
		}
	struct sent_timex tx;
	tx.ready = 0;
	struct trigger_ctx tc;
	memset(&tc, 0, sizeof(tc));
	x->n_sent_pair = 0;
	tc.s = s;
	tc.e = e;
	tc.tx = &tx;
	tc.tp = &tp;
	tc.speaker = sentence_speaker(x, men0, x->n_men, s, e);
	tc.pronoun_led = is_word(x, s, "it") || is_word(x, s, "he") || is_word(x, s, "she") ||
			 is_word(x, s, "they");
	/* A quotation of the one who spoke in the sentence before: the same statement. */
	if (tc.speaker >= 0 && tc.speaker == x->last_subject && (x->toks.t[s].flags & TOK_OPEN_QUOTE))
		tc.pronoun_led = 1;
	for (size_t i = s; i + 1 < e; i++)
		if ((is_word(x, i, "same") || is_word(x, i, "that")) && is_word(x, i + 1, "day"))
			tc.same_day = 1;
	/* A trigger inside another's required tail ("lift the restrictive
	 * measures against") is part of it. */
	size_t keep = hits0, reach = 0;
	for (size_t i = hits0; i < x->n_hits; i++) {
		const struct trigger_hit *h = &x->hits[i];
		if (h->ts < reach)
			continue;
		size_t te = tail_end(x, &x->d.triggers[h->trigger], h->te, e);
		if (te > h->te)
			reach = te;
		x->hits[keep++] = *h;
	}
	x->n_hits = keep;
	for (size_t i = hits0; i < x->n_hits; i++) {
		tc.next_trigger = i + 1 < x->n_hits ? x->hits[i + 1].ts : e;
		if (analyse_trigger(x, &x->hits[i], &tc))
			return -1;
	}
	/* "welcomed the declaration signed by X and Y": a reaction to the next
	 * event of the sentence is aimed at its parties. */
	for (size_t i = cand0; i + 1 < x->n_cands; i++) {
		struct cand *c = &x->cands[i];
		const struct cand *n = &x->cands[i + 1];
		if (c->tr->frame != FRAME_DIRECTED || c->ntgt || n->trig_tok == 0 ||
		    !(type_props(x, c->tr) & TP_REACTION) ||
		    is_word(x, n->trig_tok - 1, "and") || is_word(x, n->trig_tok - 1, ","))
			continue;
		for (int k = 0; k < n->nsrc; k++)
			push_party(c->tgt, &c->ntgt, n->src[k]);
		for (int k = 0; k < n->ntgt; k++)
			push_party(c->tgt, &c->ntgt, n->tgt[k]);
	}
	update_in_play(x, cand0, men0, x->n_men);
	if (x->debug) {
		fprintf(stderr, "  in play:");
		for (int i = 0; i < x->n_in_play; i++)
			fprintf(stderr, " %s", x->ra[x->in_play[i]].name);
		fprintf(stderr, "\n");
	}
	/* The time of the sentence is that of its first event, when it names one. */
	x->carry_date.prec = PREC_UNKNOWN;
	if (cand0 < x->n_cands && x->cands[cand0].date_explicit && x->cands[cand0].status == STATUS_OCCURRED)
		x->carry_date = x->cands[cand0].date;
	for (size_t i = cand0; i < x->n_cands; i++)
		if (x->cands[i].date_explicit && x->cands[i].status == STATUS_OCCURRED)
			x->carry_last = x->cands[i].date;
	return 0;
}

/* ---- the report --------------------------------------------------------- */

static int analyse_text(struct extractor *x, const char *text, size_t len, int headline, size_t base)
{
	(void)base;
	x->text = text;
	x->headline = headline;
	size_t p = 0;
	while (p < len) {
		/* The paragraph ends at a blank line: from one newline to the next. */
		size_t q = p;
		for (;;) {
			const char *nl = q < len ? memchr(text + q, '\n', len - q) : NULL;
			if (!nl) {
				q = len;
				break;
			}
			q = (size_t)(nl - text);
			if (q + 1 >= len || text[q + 1] == '\n')
				break;
			q++;
		}
		size_t start = p;
		struct dateline dl;
		if (!headline && dateline_parse(text + p, q - p, &dl))
			start = p + dl.consumed;
		token_list_reset(&x->toks);
		x->n_men = 0;
		x->n_hits = 0;
		if (tokenize(text + start, q - start, start, &x->toks) || mark_tokens(x))
			return -1;
		x->n_sents = 0;
		if (headline) {
			if (grow_array((void **)&x->sents, &x->cap_sents, 1, sizeof(*x->sents)))
				return -1;
			x->sents[0] = (struct sentence_span){0, x->toks.n};
			x->n_sents = x->toks.n ? 1 : 0;
		} else if (split_sentences(text, &x->toks, 0, x->toks.n, &x->sents, &x->n_sents, &x->cap_sents)) {
			return -1;
		}
		for (size_t i = 0; i < x->n_sents; i++)
			if (analyse_sentence(x, x->sents[i].tok_start, x->sents[i].tok_end))
				return -1;
		p = q;
		while (p < len && text[p] == '\n')
			p++;
	}
	return 0;
}

/* Whether every code of list a is in list b. */
static int list_subset(const struct extractor *x, const int *a, int na, const int *b, int nb)
{
	for (int i = 0; i < na; i++) {
		int found = 0;
		for (int k = 0; k < nb && !found; k++)
			found = same_code(x, a[i], b[k]);
		if (!found)
			return 0;
	}
	return 1;
}

/* Sources agree and targets agree (one may know fewer than the other). */
static int roles_compatible(const struct extractor *x, const struct cand *a, const struct cand *b)
{
	int src = list_subset(x, a->src, a->nsrc, b->src, b->nsrc) || list_subset(x, b->src, b->nsrc, a->src, a->nsrc);
	int tgt = list_subset(x, a->tgt, a->ntgt, b->tgt, b->ntgt) || list_subset(x, b->tgt, b->ntgt, a->tgt, a->ntgt);
	return src && tgt;
}

/* How many distinct codes two symmetric events share. */
static int shared_codes(const struct extractor *x, const struct cand *a, const struct cand *b)
{
	int n = 0;
	for (int i = 0; i < a->nsrc; i++) {
		int dup = 0;
		for (int k = 0; k < i && !dup; k++)
			dup = same_code(x, a->src[k], a->src[i]);
		for (int k = 0; k < b->nsrc && !dup; k++)
			if (same_code(x, b->src[k], a->src[i])) {
				n++;
				break;
			}
	}
	return n;
}

static int codes_subset(const struct extractor *x, const struct cand *a, const struct cand *b)
{
	/* Every code of a is among b's. */
	const int *lists[2] = {a->src, a->tgt};
	int ns[2] = {a->nsrc, a->ntgt};
	for (int l = 0; l < 2; l++)
		for (int i = 0; i < ns[l]; i++) {
			int ra = lists[l][i], found = 0;
			for (int k = 0; k < b->nsrc && !found; k++)
				found = same_code(x, b->src[k], ra);
			for (int k = 0; k < b->ntgt && !found; k++)
				found = same_code(x, b->tgt[k], ra);
			if (!found)
				return 0;
		}
	return 1;
}

static int same_date(const struct cand *a, const struct cand *b)
{
	if (!a->date_explicit || !b->date_explicit)
		return 1;
	char da[16], db[16];
	cdate_format(&a->date, da);
	cdate_format(&b->date, db);
	size_t la = strlen(da), lb = strlen(db);
	return !strncmp(da, db, la < lb ? la : lb);
}

/* One of two events is dated only by the report, the other by the text to
 * a day within a week of the report: the same recent event told twice. */
static int near_anchor(const struct extractor *x, const struct cand *a, const struct cand *b)
{
	if (a->date_explicit == b->date_explicit || x->anchor.prec != PREC_DAY)
		return 0;
	const struct cdate *d = a->date_explicit ? &a->date : &b->date;
	if (d->prec != PREC_DAY)
		return 0;
	int64_t gap = days_from_civil(d->year, d->month, d->day) -
		      days_from_civil(x->anchor.year, x->anchor.month, x->anchor.day);
	return gap >= -7 && gap <= 7;
}

/* 0 when two dates are written the same. */
static int cdate_compare_text(const struct cdate *a, const struct cdate *b)
{
	char da[16], db[16];
	cdate_format(a, da);
	cdate_format(b, db);
	return strcmp(da, db);
}

/* Folds b into a. */
static void absorb(struct cand *a, const struct cand *b)
{
	for (int i = 0; i < b->nsrc; i++)
		push_party(a->src, &a->nsrc, b->src[i]);
	for (int i = 0; i < b->ntgt; i++)
		push_party(a->tgt, &a->ntgt, b->tgt[i]);
	int same_sentence = a->ev_start == b->ev_start && a->headline == b->headline;
	if (!a->date_explicit && b->date_explicit && (!same_sentence || a->tr->noun)) {
		a->date = b->date;
		a->date_explicit = 1;
	} else if (a->date_explicit && b->date_explicit && b->date.prec > a->date.prec) {
		a->date = b->date;
	}
	if (a->headline && !b->headline) {
		a->ev_start = b->ev_start;
		a->ev_end = b->ev_end;
		a->what_start = b->what_start;
		a->what_end = b->what_end;
		a->what_cut = b->what_cut;
		a->trig_start = b->trig_start;
		a->trig_end = b->trig_end;
		a->headline = 0;
	}
	for (int i = 0; i < b->ntopics; i++)
		add_topic_to(a, b->topics[i]);
}

/* The state the report is most about (most mentioned, headline counting
 * thrice) other than `not_code`, or -1. */
static int focal_state(const struct extractor *x, const char *not_code)
{
	int best = -1;
	long bestn = 0;
	for (size_t i = 0; i < x->n_ra && i < x->cap_mpr; i++) {
		const struct ractor *a = &x->ra[i];
		if (a->kind != ACTOR_STATE || !strcmp(a->code, not_code))
			continue;
		if (x->mentions_per_ra[i] > bestn) {
			bestn = x->mentions_per_ra[i];
			best = (int)i;
		}
	}
	return best;
}

/* The first source of the nearest event before cand `i` that another state
 * or organisation than `code` made, or -1. */
static int acted_before(const struct extractor *x, size_t i, const char *code)
{
	for (size_t k = i; k-- > 0;) {
		const struct cand *p = &x->cands[k];
		if (p->dead || !p->nsrc || p->tr->frame == FRAME_SYMMETRIC)
			continue;
		return strcmp(x->ra[p->src[0]].code, code) ? p->src[0] : -1;
	}
	return -1;
}

/* Fills parties the sentence left out, from the rest of the report. */
static void complete_parties(struct extractor *x)
{
	for (size_t i = 0; i < x->n_cands; i++) {
		struct cand *c = &x->cands[i];
		if (c->tr->frame == FRAME_SYMMETRIC || c->ntgt || !c->nsrc)
			continue;
		const char *code = x->ra[c->src[0]].code;
		if (type_props(x, c->tr) & TP_ANSWERS) {
			/* Denied: the accusations of whoever accused or punished the denier. */
			for (size_t k = i; k-- > 0;) {
				const struct cand *p = &x->cands[k];
				int hits = 0;
				for (int t = 0; t < p->ntgt; t++)
					hits |= !strcmp(x->ra[p->tgt[t]].code, code);
				if (!hits || p->tr->frame == FRAME_SYMMETRIC)
					continue;
				for (int q = 0; q < p->nsrc; q++)
					push_party(c->tgt, &c->ntgt, p->src[q]);
				break;
			}
			continue;
		}
		if (c->tr->frame == FRAME_SOURCE)
			continue;
		if (type_props(x, c->tr) & TP_TRAVEL) {
			c->dead = 1;  /* a journey with no named destination state */
			continue;
		}
		/* A condemnation, an accusation or a rejection names what it is about;
		 * the report's main state is no safe guess for it. But "condemned
		 * the decision" points back at an act already told: its author. */
		if (type_props(x, c->tr) & TP_NAMES_TARGET) {
			int author = acted_before(x, i, code);
			if (author >= 0 && c->refers_back)
				push_party(c->tgt, &c->ntgt, author);
			continue;
		}
		/* "The United States and Japan announced sanctions of their own":
		 * aimed where the same measure told before by another was. */
		for (size_t k = i; k-- > 0 && !c->ntgt;) {
			const struct cand *p = &x->cands[k];
			if (p->dead || p->tr->type_id != c->tr->type_id || !p->ntgt)
				continue;
			for (int t = 0; t < p->ntgt; t++) {
				int mine = 0;
				for (int q = 0; q < c->nsrc; q++)
					mine |= same_code(x, c->src[q], p->tgt[t]);
				if (!mine)
					push_party(c->tgt, &c->ntgt, p->tgt[t]);
			}
			break;
		}
		if (c->ntgt)
			continue;
		/* A measure with no named target is aimed at the state the report is about. */
		int f = focal_state(x, code);
		for (int k = 1; f >= 0 && k < c->nsrc; k++)
			if (same_code(x, c->src[k], f))
				f = -1;
		if (f >= 0)
			push_party(c->tgt, &c->ntgt, f);
		else if (type_props(x, c->tr) & TP_NEEDS_OTHER)
			c->dead = 1;  /* "welcomed the agreement" they made themselves */
	}
}

/* A meeting on the day of a round of negotiations between the same parties
 * is that round: its participants join it. */
static void merge_rounds(struct extractor *x)
{
	for (size_t i = 0; i < x->n_cands; i++) {
		struct cand *n = &x->cands[i];
		if (n->dead || !(type_props(x, n->tr) & TP_ROUND) || !n->date_explicit)
			continue;
		for (size_t k = 0; k < x->n_cands; k++) {
			struct cand *m = &x->cands[k];
			if (m->dead || strcmp(m->tr->type, "meeting") || m->status != n->status ||
			    cdate_compare_text(&m->date, &n->date))
				continue;
			int shared = 0;
			for (int a = 0; a < m->nsrc; a++)
				for (int b = 0; b < n->nsrc; b++)
					shared |= same_code(x, m->src[a], n->src[b]);
			if (!shared)
				continue;
			for (int a = 0; a < m->nsrc; a++)
				push_party(n->src, &n->nsrc, m->src[a]);
			m->dead = 1;
		}
	}
}

/* A state does not act on itself; a directed act needs an actor. */
static void prune_parties(struct extractor *x)
{
	for (size_t i = 0; i < x->n_cands; i++) {
		struct cand *c = &x->cands[i];
		if (c->dead || c->tr->frame == FRAME_SYMMETRIC)
			continue;
		int n = 0;
		for (int t = 0; t < c->ntgt; t++) {
			int own = 0;
			for (int k = 0; k < c->nsrc; k++)
				own |= x->ra[c->src[k]].code[0] && same_code(x, c->src[k], c->tgt[t]);
			if (!own)
				c->tgt[n++] = c->tgt[t];
		}
		c->ntgt = n;
		if (!c->nsrc && c->tr->frame == FRAME_DIRECTED)
			c->dead = 1;
	}
}

/* A visit going on and a leg of it still to come ("arrived in Hanoi on
 * Sunday ... will travel to Ho Chi Minh City on Tuesday"): both by the same
 * visitor to the same state, the leg dated by the text a few days after the
 * arrival. */
static int later_leg(const struct extractor *x, const struct cand *went, const struct cand *leg)
{
	if (!(type_props(x, went->tr) & TP_TRAVEL) || went->status != STATUS_OCCURRED ||
	    leg->status != STATUS_PLANNED || !went->date_explicit || !leg->date_explicit ||
	    went->date.prec != PREC_DAY || leg->date.prec != PREC_DAY || !roles_compatible(x, went, leg))
		return 0;
	int64_t gap = days_from_civil(leg->date.year, leg->date.month, leg->date.day) -
		      days_from_civil(went->date.year, went->date.month, went->date.day);
	return gap >= 1 && gap <= 4;
}

/* One real event told in several sentences is one event. */
/* Folds cand `gone` into `kept`, which the text tells as the same event. */
static void fold_into(struct cand *kept, struct cand *gone)
{
	for (int t = 0; t < gone->ntopics; t++)
		add_topic_to(kept, gone->topics[t]);
	gone->dead = 1;
}

static void merge_cands(struct extractor *x)
{
	for (size_t i = 0; i < x->n_cands; i++) {
		struct cand *a = &x->cands[i];
		if (a->dead)
			continue;
		for (size_t k = i + 1; k < x->n_cands; k++) {
			struct cand *b = &x->cands[k];
			if (b->dead || a->tr->type_id != b->tr->type_id)
				continue;
			if (later_leg(x, a, b) || later_leg(x, b, a)) {
				/* The visit stays as it went; the leg is part of it. */
				struct cand *went = a->status == STATUS_OCCURRED ? a : b;
				struct cand *leg = went == a ? b : a;
				fold_into(went, leg);
				if (leg == a)
					break;
				continue;
			}
			/* "agreed to commence negotiations ..., and the negotiations
			 * began later that month": a plan and its fulfilment told in
			 * one sentence are one event, as it happened; when the plan is
			 * told first and dated alike ("met on Friday and agreed to
			 * meet again next week" is two meetings), or named after it by
			 * a noun with no date of its own ("agreed to negotiate an
			 * accord": the agreement told). */
			struct cand *done = a->status == STATUS_OCCURRED ? a : b;
			struct cand *plan = done == a ? b : a;
			if (a->ev_start == b->ev_start && a->headline == b->headline &&
			    ((a->status == STATUS_PLANNED && b->status == STATUS_OCCURRED) ||
			     (a->status == STATUS_OCCURRED && b->status == STATUS_PLANNED)) &&
			    (plan->trig_start < done->trig_start || (plan->tr->noun && !plan->date_explicit)) &&
			    same_date(plan, done) &&
			    (a->tr->frame == FRAME_SYMMETRIC
				     ? codes_subset(x, a, b) || codes_subset(x, b, a)
				     : roles_compatible(x, a, b))) {
				fold_into(done, plan);
				if (plan == a)
					break;
				continue;
			}
			if (a->status != b->status || !same_date(a, b))
				continue;
			/* "Prior to the meeting, ... paid a courtesy call": two events. */
			if ((a->beside || b->beside) && (a->ev_start != b->ev_start || a->headline != b->headline))
				continue;
			/* A meeting today and a summit last month are two meetings. */
			if (a->tr->frame == FRAME_SYMMETRIC && !a->headline && !b->headline && a->ev_start != b->ev_start &&
			    cdate_compare_text(&a->date, &b->date) && !near_anchor(x, a, b))
				continue;
			/* Two meetings told with verbs in two sentences are two meetings;
			 * "the talks", "the call" tell one again. */
			if (a->tr->frame == FRAME_SYMMETRIC && !a->headline && !b->headline && a->ev_start != b->ev_start &&
			    !a->tr->noun && !b->tr->noun)
				continue;
			/* Two agreements told in two body sentences are two agreements. */
			if ((type_props(x, a->tr) & TP_CONTENT) && !a->headline && !b->headline &&
			    a->ev_start != b->ev_start && !a->tr->noun && !b->tr->noun)
				continue;
			int ok = a->tr->frame == FRAME_SYMMETRIC
					 ? (codes_subset(x, a, b) || codes_subset(x, b, a) || shared_codes(x, a, b) >= 2)
					 : roles_compatible(x, a, b);
			/* "summoned the ambassador to lodge a protest over ...": one act. */
			if (!ok && a->ev_start == b->ev_start && a->headline == b->headline && b->purpose &&
			    a->tr->frame != FRAME_SYMMETRIC && a->nsrc && b->nsrc &&
			    (list_subset(x, a->src, a->nsrc, b->src, b->nsrc) ||
			     list_subset(x, b->src, b->nsrc, a->src, a->nsrc)))
				ok = 1;
			if (ok) {
				/* Keep the body's wording first. */
				absorb(a, b);
				b->dead = 1;
			}
		}
	}
	/* A headline event that merged with nothing is kept only when the body
	 * has no event of its type: headlines compress, the body tells. */
	for (size_t i = 0; i < x->n_cands; i++) {
		struct cand *a = &x->cands[i];
		if (a->dead || !a->headline)
			continue;
		for (size_t k = 0; k < x->n_cands; k++)
			if (k != i && !x->cands[k].dead && !x->cands[k].headline &&
			    x->cands[k].tr->type_id == a->tr->type_id)
				a->dead = 1;
	}
}

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
	       (!strncmp(name, "United ", 7) || strstr(name, "Republic") || strstr(name, "Islands") ||
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

/* One piece of a summary: n bytes at s. */
struct piece {
	const char *s;
	size_t n;
};

#define PIECE(lit) ((struct piece){lit, sizeof(lit) - 1})

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

/* How a summary says each type: symmetric, directed, planned and negated. */
struct phrase { const char *type, *sym, *dir, *planned, *negated; };

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
	if (c->tr->frame == FRAME_SYMMETRIC || (!c->ntgt && c->nsrc)) {
		label_list(x, c->src, c->nsrc, b);
		const char *v = verb_alone(p, c->status);
		/* "will meet", "did not meet": the planned and negated forms take an object; drop it. */
		size_t n = strlen(v);
		if (c->status != STATUS_OCCURRED && n > 5 && !strcmp(v + n - 5, " with"))
			n -= 5;
		else if (c->status != STATUS_OCCURRED && n > 3 && !strcmp(v + n - 3, " of"))
			n -= 3;
		add_pieces(b, (struct piece[]){PIECE(" "), {v, n}}, 2);
		if (text && c->what_end > c->what_start && c->what_end <= text_len && c->status == STATUS_OCCURRED)
			add_pieces(b, (struct piece[]){PIECE(": "), {text + c->what_start, c->what_end - c->what_start},
							c->what_cut ? PIECE("\u2026") : PIECE("")}, 3);
	} else {
		if (c->nsrc)
			label_list(x, c->src, c->nsrc, b);
		else
			buf_addstr(b, "Unnamed party");
		const char *v = c->status == STATUS_PLANNED ? p->planned
				: c->status == STATUS_NEGATED ? p->negated : p->dir;
		add_pieces(b, (struct piece[]){PIECE(" "), str_piece(v), PIECE(" ")}, 3);
		label_list(x, c->tgt, c->ntgt, b);
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

static int emit(struct extractor *x, const struct report *r, const struct cand *cin, struct event_list *out)
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

int extract_events(struct extractor *x, const struct report *r, struct event_list *out, char **err)
{
	for (size_t i = 0; i < x->n_named; i++)
		free(x->named_names[i]);
	x->n_ra = x->n_cands = x->n_named = 0;
	memset(x->person_names, 0, sizeof(x->person_names));
	x->n_in_play = 0;
	x->n_sent_pair = 0;
	x->last_subject = -1;
	x->last_org = -1;
	x->sent_first = -1;
	x->carry_date.prec = PREC_UNKNOWN;
	x->carry_last.prec = PREC_UNKNOWN;
	if (x->mentions_per_ra)
		memset(x->mentions_per_ra, 0, x->cap_mpr * sizeof(long));
	x->n_report_topics = 0;
	x->anchor = report_date(r);
	x->report_no++;
	x->title_len = r->title ? strlen(r->title) : 0;
	x->body_len = r->body ? strlen(r->body) : 0;
	if (r->title && analyse_text(x, r->title, x->title_len, 1, 0))
		goto oom;
	if (r->body && analyse_text(x, r->body, x->body_len, 0, 0))
		goto oom;
	prune_parties(x);
	merge_cands(x);
	merge_rounds(x);
	complete_parties(x);
	if (x->debug)
		for (size_t i = 0; i < x->n_cands; i++) {
			const struct cand *c = &x->cands[i];
			char d[16];
			cdate_format(&c->date, d);
			fprintf(stderr, "cand %zu %s %s%s st=%d src=", i, c->tr->type, d, c->date_explicit ? "!" : "",
				(int)c->status);
			for (int k = 0; k < c->nsrc; k++)
				fprintf(stderr, "%s,", x->ra[c->src[k]].code);
			fprintf(stderr, " tgt=");
			for (int k = 0; k < c->ntgt; k++)
				fprintf(stderr, "%s,", x->ra[c->tgt[k]].code);
			fprintf(stderr, " [%.*s] | %.70s\n", (int)(c->trig_end - c->trig_start),
				(c->headline ? r->title : r->body) + c->trig_start,
				(c->headline ? r->title : r->body) + c->ev_start);
		}
	merge_cands(x);
	for (size_t i = 0; i < x->n_cands; i++)
		if (!x->cands[i].dead && emit(x, r, &x->cands[i], out))
			goto oom;
	return 0;
oom:
	*err = strdup("out of memory");
	return -1;
}

int extract_infer_year(struct extractor *x, struct report *r)
{
	if (r->pub_known != PUB_NONE || !r->undated_month || !r->undated_day || !r->body)
		return 0;
	int m = r->undated_month, d = r->undated_day;
	/* The persons the report names, and the weekday its first paragraph gives. */
	long persons[64];
	const char *roles[64];
	int np = 0, weekday = -1, min_year = 1;
	const char *texts[2] = {r->title, r->body};
	for (int t = 0; t < 2; t++) {
		if (!texts[t])
			continue;
		token_list_reset(&x->toks);
		size_t len = strlen(texts[t]);
		if (tokenize(texts[t], len > 20000 ? 20000 : len, 0, &x->toks))
			return 0;
		for (size_t i = 0; i < x->toks.n; i++) {
			const struct dict_entry *es;
			size_t n, mm = dict_match(x->d.names, &x->toks, i, x->toks.n, 0, &es, &n);
			for (size_t k = 0; mm && k < n && np < 64; k++)
				if (es[k].kind == ENT_PERSON) {
					int dup = 0;
					for (int q = 0; q < np; q++)
						dup |= persons[q] == (long)es[k].idx;
					/* "Prime Minister Fumio Kishida": only that office dates the report. */
					const char *role = NULL;
					for (size_t b = i > 4 ? i - 4 : 0; b < i && !role; b++) {
						const struct dict_entry *te;
						size_t tn, tm = dict_match(x->d.names, &x->toks, b, i, 0, &te, &tn);
						for (size_t q = 0; tm && b + tm == i && q < tn; q++)
							if (te[q].kind == ENT_TITLE)
								role = x->d.titles[te[q].idx].role;
					}
					if (!dup) {
						roles[np] = role;
						persons[np++] = es[k].idx;
					}
				}
			const struct token *tk = &x->toks.t[i];
			if (t == 1 && weekday < 0 && tk->start < 600 && i > 0 && is_word(x, i - 1, "on"))
				weekday = weekday_from_name(texts[t] + tk->start, (int)(tk->end - tk->start));
			/* A year the text names bounds the report from below. */
			if ((tk->flags & TOK_NUM) && tk->end - tk->start == 4) {
				int y = atoi(texts[t] + tk->start);
				if (y > min_year && y < 2100)
					min_year = y;
			}
			if (mm)
				i += mm - 1;
		}
	}
	int best = 0, best_score = 0, ties = 0;
	for (int y = min_year > 1990 ? min_year : 1990; y <= 2100; y++) {
		if (!is_valid_date(y, m, d))
			continue;
		struct cdate when = {y, m, d, PREC_DAY};
		int score = 0;
		for (int q = 0; q < np; q++) {
			const struct dict_person *p = &x->d.persons[persons[q]];
			for (size_t k = 0; k < p->n_roles; k++) {
				const struct dict_role *role = &p->roles[k];
				if (roles[q] && strcmp(roles[q], role->role))
					continue;
				int64_t day = days_from_civil(y, m, d);
				int64_t from = days_from_civil(role->from.year, role->from.month ? role->from.month : 1,
							       role->from.day ? role->from.day : 1);
				int64_t to = role->to.prec == PREC_UNKNOWN ? INT64_MAX
						: days_from_civil(role->to.year, role->to.month ? role->to.month : 12,
								  role->to.day ? role->to.day : 28);
				if (day >= from && day <= to) {
					score += 2;
					break;
				}
			}
		}
		(void)when;
		if (weekday >= 0 && weekday_from_days(days_from_civil(y, m, d)) == weekday)
			score += 3;
		if (score > best_score) {
			best_score = score;
			best = y;
			ties = 0;
		} else if (score == best_score && score > 0) {
			ties++;
		}
	}
	/* Only a clear winner that rests on a named office-holder. */
	if (!best || ties || best_score < 5)
		return 0;
	r->published = unix_from_civil(best, m, d, 0, 0, 0);
	r->tz_offset_min = 0;
	r->pub_known = PUB_DATE;
	report_warn(r, "the year %d was inferred from the office-holders the report names%s", best,
		    weekday >= 0 ? " and the weekday it gives" : "");
	return 1;
}

/* The bit of each grammar class (enum grammar_class order). */
static const uint32_t class_bits[GC_COUNT] = {
	[GC_REPORTING] = WL_REPORTING, [GC_WEAK_REPORTING] = WL_WEAK_REPORTING,
	[GC_CLAUSE_BREAK] = WL_CLAUSE_BREAK, [GC_HONORIFIC] = WL_HONORIFIC,
	[GC_NAME_PARTICLE] = WL_PARTICLE, [GC_COLLECTIVE] = WL_COLLECTIVE,
	[GC_NAMED_SUFFIX] = WL_NAMED_SUFFIX, [GC_ROLE_WORD] = WL_ROLE,
	[GC_SKIP_ADVERB] = WL_SKIP_ADVERB, [GC_NEGATOR] = WL_NEGATION,
	[GC_CONDITION] = WL_CONDITION, [GC_PLAN] = WL_PLAN, [GC_RESUME] = WL_RESUME,
	[GC_INTENT] = WL_INTENT, [GC_PREPOSITION] = WL_PREPOSITION, [GC_JOINER] = WL_JOINER,
	[GC_DETERMINER] = WL_DETERMINER, [GC_INTENTION_NOUN] = WL_INTENTION_NOUN,
	[GC_ASK_VERB] = WL_ASK_VERB, [GC_REFERENCE_START] = WL_REFERENCE,
	[GC_TAIL_STOP] = WL_TAIL_STOP, [GC_LINK_WORD] = WL_LINK_BEFORE,
	[GC_TITLE_QUALIFIER] = WL_TITLE_QUALIFIER, [GC_BE] = WL_BE,
	[GC_PLAN_NOUN] = WL_PLAN_NOUN, [GC_ORGAN] = WL_ORGAN,
	[GC_ORGAN_QUALIFIER] = WL_ORGAN_QUALIFIER, [GC_CANCEL] = WL_CANCEL, [GC_ATTACK] = WL_ATTACK,
};

/* Builds x->vocab from the grammar's classes: a word in several classes has
 * one slot with all their bits; a cancel phrase is entered by its first word.
 * Returns 0 or -1 (out of memory). */
static int vocab_build(struct extractor *x)
{
	size_t n = 0;
	for (int c = 0; c < GC_COUNT; c++)
		n += x->g.n_entries[c];
	size_t cap = 64;
	while (cap < 2 * n)   /* at most half full: probes stay short, the table small */
		cap *= 2;
	if (!(x->vocab = calloc(cap, sizeof(*x->vocab))) || !(x->vocab_words = calloc(cap, sizeof(char *))))
		return -1;
	x->n_vocab = cap;
	for (int c = 0; c < GC_COUNT; c++)
		for (size_t k = 0; k < x->g.n_entries[c]; k++) {
			const char *w = x->g.entries[c][k].words[0];
			size_t len = strlen(w);
			uint64_t h = text_hash(w, len);
			size_t i = (size_t)h & (cap - 1);
			while (x->vocab[i].lists && !(x->vocab[i].hash == h && x->vocab[i].len == len &&
							!memcmp(x->vocab_words[i], w, len)))
				i = (i + 1) & (cap - 1);
			x->vocab_words[i] = w;
			x->vocab_filter[vocab_bit(h) / 64] |= (uint64_t)1 << (vocab_bit(h) % 64);
			x->vocab[i].hash = h;
			x->vocab[i].len = (uint32_t)len;
			x->vocab[i].lists |= class_bits[c];
		}
	return 0;
}

/* The summary phrases and the properties of each trigger's type, from the
 * type table (dict/types.tsv). A trigger whose type the table does not know
 * gets the statement's phrases and no properties (dict_load refuses such
 * rows; this keeps the extractor whole if one slips through). */
static int find_phrases(struct extractor *x)
{
	size_t nt = types_count();
	if (!(x->phrase_of = calloc(x->d.n_triggers + 1, sizeof(*x->phrase_of))) ||
	    !(x->type_props = calloc(x->d.n_triggers + 1, sizeof(*x->type_props))) ||
	    !(x->type_phrases = calloc(nt + 1, sizeof(*x->type_phrases))))
		return -1;
	for (size_t k = 0; k < nt; k++) {
		const struct event_type *t = types_at(k);
		x->type_phrases[k] = (struct phrase){t->name, t->alone, t->with, t->planned, t->negated};
	}
	const struct event_type *stmt = types_find("statement");
	x->type_phrases[nt] = stmt ? (struct phrase){"statement", stmt->alone, stmt->with, stmt->planned, stmt->negated}
				   : (struct phrase){"statement", "made a statement", "made a statement on",
						     "will make a statement on", "made no statement on"};
	for (size_t i = 0; i < x->d.n_triggers; i++) {
		x->phrase_of[i] = &x->type_phrases[nt];
		for (size_t k = 0; k < nt; k++)
			if (!strcmp(types_at(k)->name, x->d.triggers[i].type)) {
				x->phrase_of[i] = &x->type_phrases[k];
				x->type_props[i] = types_at(k)->props;
			}
	}
	return 0;
}

static int cmp_surname(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;
	return *x < *y ? -1 : *x > *y;
}

int extractor_new(const char *const *dicts, size_t n_dicts, struct extractor **out, char **err)
{
	struct extractor *x = calloc(1, sizeof(*x));
	if (!x) {
		*err = strdup("out of memory");
		return -1;
	}
	if (dict_load(&x->d, dicts, n_dicts, err)) {
		free(x);
		return -1;
	}
	if (grammar_load(&x->g, dicts, n_dicts, err)) {
		dict_release(&x->d);
		free(x);
		return -1;
	}
	if (succession_load(&x->succ, dicts, n_dicts, err)) {
		grammar_release(&x->g);
		dict_release(&x->d);
		free(x);
		return -1;
	}
	token_list_init(&x->toks);
	buf_init(&x->scratch, 4096);
	x->debug = getenv("COMMUNIQUE_DEBUG_EXTRACT") != NULL;
	x->surnames = calloc(x->d.n_persons + 1, sizeof(*x->surnames));
	x->ra_of_actor = calloc(x->d.n_actors + 1, sizeof(*x->ra_of_actor));
	x->ra_of_person = calloc(x->d.n_persons + 1, sizeof(*x->ra_of_person));
	x->stamp_actor = calloc(x->d.n_actors + 1, sizeof(*x->stamp_actor));
	x->stamp_person = calloc(x->d.n_persons + 1, sizeof(*x->stamp_person));
	if (!x->surnames || !x->ra_of_actor || !x->ra_of_person || !x->stamp_actor || !x->stamp_person ||
	    vocab_build(x) || find_phrases(x)) {
		extractor_free(x);
		*err = strdup("out of memory");
		return -1;
	}
	for (size_t i = 0; i < x->d.n_persons; i++) {
		const char *s = x->d.persons[i].surname;
		x->surnames[x->n_surnames].h = text_hash(s, strlen(s));
		x->surnames[x->n_surnames++].person = (uint32_t)i;
	}
	qsort(x->surnames, x->n_surnames, sizeof(*x->surnames), cmp_surname);
	for (size_t i = 0; i < x->n_surnames; i++)
		name_filter_add(x->surname_filter, SURNAME_FILTER_BITS, x->surnames[i].h);
	*out = x;
	return 0;
}

void extractor_free(struct extractor *x)
{
	if (!x)
		return;
	dict_release(&x->d);
	grammar_release(&x->g);
	succession_release(&x->succ);
	token_list_release(&x->toks);
	buf_release(&x->scratch);
	free(x->wmask);
	free(x->vocab);
	free(x->vocab_words);
	free(x->phrase_of);
	free(x->type_phrases);
	free(x->type_props);
	free(x->sents);
	free(x->ra);
	free(x->men);
	free(x->hits);
	free(x->cands);
	for (size_t i = 0; i < x->n_named; i++)
		free(x->named_names[i]);
	free(x->named_names);
	free(x->surnames);
	free(x->ra_of_actor);
	free(x->ra_of_person);
	free(x->stamp_actor);
	free(x->stamp_person);
	free(x->mentions_per_ra);
	free(x->pending);
	free(x);
}

void extractor_drop_aliases(struct extractor *x)
{
	for (size_t i = 0; i < x->n_pending; i++) {
		long idx = x->pending[i];
		if (idx >= 0)
			x->d.actors[idx].described = 0;
		else
			x->d.persons[-idx - 1].described = 0;
	}
	x->n_pending = 0;
}

void extractor_forget_aliases(struct extractor *x)
{
	for (size_t i = 0; i < x->d.n_actors; i++)
		x->d.actors[i].described = 0;
	for (size_t i = 0; i < x->d.n_persons; i++)
		x->d.persons[i].described = 0;
	x->n_pending = 0;
}

int extractor_actor_aliases(struct extractor *x, const struct event_list *events, actor_alias_fn fn,
			    void *ctx)
{
	/* emit() queued the dictionary entries the events use; each is handed
	 * over once per extractor. */
	(void)events;
	int rc = 0;
	for (size_t i = 0; i < x->n_pending && !rc; i++) {
		long idx = x->pending[i];
		if (idx >= 0) {
			struct dict_actor *d = &x->d.actors[idx];
			rc = fn(ctx, d->name, d->code, d->kind, (const char *const *)d->aliases, d->n_aliases);
		} else {
			struct dict_person *p = &x->d.persons[-idx - 1];
			const char *al[32];
			size_t n = 0;
			for (size_t q = 0; q < p->n_aliases && n < 31; q++)
				al[n++] = p->aliases[q];
			al[n++] = p->surname;
			const struct dict_role *role = dict_person_role(p, &x->anchor);
			const char *code = role && org_of_role(role->role) ? org_of_role(role->role) : p->code;
			rc = fn(ctx, p->name, code, ACTOR_PERSON, al, n);
		}
	}
	x->n_pending = 0;
	return rc;
}
