/* Internals of event extraction (ingest/extract.h), shared by its stages:
 *
 *   model.c     the read-only model: dictionaries, grammar, type table, successions
 *   mentions.c  per sentence, the mentions of actors, titles, topics and references
 *   clauses.c   clauses and parties: subjects, objects, passives, modality
 *   dates.c     which time expression dates an event; the year of yearless reports
 *   events.c    triggers into candidate events, sentence by sentence
 *   merge.c     candidates told several times become one event; parties completed
 *   summary.c   one-line summaries and the events handed to the caller
 *
 * Nothing outside ingest/extract/ includes this header. The extractor holds
 * the model (read-only once made) and the state of the report being read.
 */
#ifndef COMMUNIQUE_EXTRACT_INT_H
#define COMMUNIQUE_EXTRACT_INT_H

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
	char object_word[24];         /* "would not recognise the agreement": the noun of its object
				       * after a definite determiner (lower case), or "" */
	size_t what_start, what_end;  /* bytes of what was agreed ("to step up efforts ..."), or 0, 0 */
	int what_cut;                 /* ... cut short */
	int span_started;             /* its date moved from a span's end to its start */
	int told_new;                 /* "the latest sanctions": told as one more act (merge.c) */
};

/* The word classes of dict/grammar.tsv the rules ask about, one bit each of a
 * 64-bit mask (wl_mask): every token carries the mask of its lower-case form. */
typedef uint64_t wl_mask;
#define WL_REPORTING         ((wl_mask)1 << 0)  /* reporting_verbs */
#define WL_WEAK_REPORTING    ((wl_mask)1 << 1)  /* weak_reporting */
#define WL_CLAUSE_BREAK      ((wl_mask)1 << 2)  /* clause_breaks */
#define WL_HONORIFIC         ((wl_mask)1 << 3)  /* honorifics (as written) */
#define WL_PARTICLE          ((wl_mask)1 << 4)  /* name_particles */
#define WL_COLLECTIVE        ((wl_mask)1 << 5)  /* collectives */
#define WL_NAMED_SUFFIX      ((wl_mask)1 << 6)  /* named_suffixes (as written) */
#define WL_ROLE              ((wl_mask)1 << 7)  /* role_words */
#define WL_SKIP_ADVERB       ((wl_mask)1 << 8)  /* skip_adverbs */
#define WL_NEGATION          ((wl_mask)1 << 9)  /* negation_words */
#define WL_CONDITION         ((wl_mask)1 << 10)  /* condition_words */
#define WL_PLAN              ((wl_mask)1 << 11)  /* plan_words */
#define WL_RESUME            ((wl_mask)1 << 12)  /* resume_verbs */
#define WL_INTENT            ((wl_mask)1 << 13)  /* intent_words */
#define WL_PREPOSITION       ((wl_mask)1 << 14)  /* prepositions */
#define WL_JOINER            ((wl_mask)1 << 15)  /* joiner_words */
#define WL_DETERMINER        ((wl_mask)1 << 16)  /* determiners */
#define WL_INTENTION_NOUN    ((wl_mask)1 << 17)  /* intention_nouns */
#define WL_ASK_VERB          ((wl_mask)1 << 18)  /* ask_verbs */
#define WL_REFERENCE         ((wl_mask)1 << 19)  /* reference_starts */
#define WL_TAIL_STOP         ((wl_mask)1 << 20)  /* tail_stops */
#define WL_LINK_BEFORE       ((wl_mask)1 << 21)  /* link_words */
#define WL_TITLE_QUALIFIER   ((wl_mask)1 << 22)  /* title_qualifiers */
#define WL_BE                ((wl_mask)1 << 23)  /* be_forms */
#define WL_ORGAN             ((wl_mask)1 << 24)  /* organs: state bodies named without their state */
#define WL_ORGAN_QUALIFIER   ((wl_mask)1 << 25)  /* organ_qualifiers ("Foreign", "Federal") */
#define WL_PLAN_NOUN         ((wl_mask)1 << 26)  /* plan_noun: planned events that can be called off */
#define WL_ATTACK            ((wl_mask)1 << 27)  /* attack: violent acts */
#define WL_CANCEL            ((wl_mask)1 << 30)  /* the first word of a cancel phrase ("call off") */
#define WL_STATE_BODY        ((wl_mask)1 << 31)  /* state_body: after a state adjective, the state ("the Russian side") */
/* Not lists: the token may start a key of the words (lower case) or names
 * trie (dict_may_start), noted with the lists in one pass. */
#define WL_STARTS_WORDING    ((wl_mask)1 << 62)
#define WL_STARTS_NAME       ((wl_mask)1 << 63)
#define WL_CONTENT_VERB      ((wl_mask)1 << 32)  /* content_verb: "threatened to", "urged X to": what follows is the content */
#define WL_OPEN_CALL         ((wl_mask)1 << 33)  /* open_call: "urged restraint", "called for calm": asked of no one */
#define WL_DRAFT_TEXT        ((wl_mask)1 << 34)  /* draft_text: a text put to a vote or to consent ("resolution") */
#define WL_BLOCK_VERB        ((wl_mask)1 << 35)  /* block_verb: what stops such a text ("vetoed") */
#define WL_NAMING_VERB       ((wl_mask)1 << 36)  /* naming_verb: "what it called ...": the one who names speaks */
#define WL_ACT_NOUN          ((wl_mask)1 << 37)  /* act_noun: "a move condemned by Paris" names the act told before */
#define WL_TELL_VERB         ((wl_mask)1 << 38)  /* tell_verb: "told Manila (that) ...": a hearer, then what is told */

/* A word of the lists, in the extractor's open-addressing table (every
 * token probes it). */
struct vocab_slot {
	uint64_t hash;          /* text_hash of the word */
	wl_mask lists;          /* WL_* bits; 0: empty slot */
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
	wl_mask *wmask;         /* per token of toks: the lists its lower-case form is in */
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
	int para_speaker;                      /* ractor who speaks the paragraph ("Mao Ning: ..."), or -1 */
	size_t para_end;                       /* byte offset where that paragraph ends */
	struct cdate entry_date;               /* a chronology's entry ("Sept. 18 - ..."): its date */
	size_t entry_end;                      /* ... the byte offset where the entry ends (0: none) */
	size_t entry_tok;                      /* ... and the token its first sentence starts at */
	size_t turn_name_end;                  /* the sentence opens a turn: the colon's token, else 0 */
	int answer_turn;                       /* that turn is an answer ("A:"), spoken by the briefer */
	int briefer;                           /* ractor the headline names first ("Spokesperson Mao Ning's
						* Regular Press Conference"), or -1 */
	int last_org;                          /* the organisation named last ("the Council") */
	int place_ra;                          /* the state of the dateline's place, or -1 */
	int issuer_ra;                         /* the state of the report's agency or issuer, or -1 */
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
	/* extract_story_day's answer for this report's body, asked for every
	 * trigger: read once (reset with each report) */
	int story_known, story_rc;
	struct cdate story_day;
	size_t story_lede_end;
	int report_topics[16], n_report_topics;
	/* surnames of dictionary persons, for "Obama" without a first mention */
	struct { uint64_t h; uint32_t person; } *surnames;
	size_t n_surnames;
	uint64_t surname_filter[NAME_FILTER_WORDS(SURNAME_FILTER_BITS)]; /* name filter of the surnames */
	uint64_t person_names[NAME_FILTER_WORDS(PERSON_NAMES_BITS)];     /* ... of this report's persons'
									    surnames and given names */
};

struct sent_topics {
	int ids[32];
	int n;
};

struct sent_timex {
	int ready;                  /* found (find_timex has run) */
	struct timex tx[MAX_TIMEX];
	size_t n;
	size_t tok_of[MAX_TIMEX];   /* token index where each starts */
	size_t base;                /* byte offset of the sentence in the text */
};

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
	int prev_verb;                  /* a verb of the sentence gave an event before this trigger */
	size_t prev_verb_ts, prev_verb_cs; /* ... its first token and the start of its clause */
};

/* One piece of a summary: n bytes at s. */
struct piece {
	const char *s;
	size_t n;
};

#define PIECE(lit) ((struct piece){lit, sizeof(lit) - 1})
struct phrase { const char *type, *sym, *dir, *planned, *negated; };

/* ---- small helpers, inline: every token asks them --------------------- */

/* ---- small helpers ------------------------------------------------------ */

/* The properties of a trigger's type (enum type_property, dict/types.tsv). */
static inline unsigned type_props(const struct extractor *x, const struct dict_trigger *tr)
{
	return x->type_props[tr - x->d.triggers];
}

static inline const char *low(const struct extractor *x, size_t i)
{
	return tok_lower(&x->toks, i);
}

/* Whether token i is the lower-case word w. w is a literal: its length is
 * known when compiling, so most tokens are told apart by length alone. */
/* (Forced inline: a compiler that keeps it out of line calls strlen on the
 * literal for every token it asks about.) */
__attribute__((always_inline)) static inline int is_word(const struct extractor *x, size_t i, const char *w)
{
	size_t n = strlen(w);
	return i < x->toks.n && x->toks.t[i].lower_len == n && !memcmp(low(x, i), w, n);
}

/* Whether the NUL-terminated s begins with p (strncmp(s, p, strlen(p)) in
 * one pass that stops at the first differing byte: most words differ at
 * their first). */
static inline int has_prefix(const char *s, const char *p)
{
	while (*p && *s == *p)
		s++, p++;
	return !*p;
}

/* The number a word of counting at token i names ("a", "one" ... "ten", "twenty"
 * ... "fifty"), or 0: one list for every rule that counts days, states or
 * occasions (figures are the callers' to read). */
static inline int count_word(const struct extractor *x, size_t i)
{
	static const char *const words[] = {"a", "one", "two", "three", "four", "five", "six", "seven",
					    "eight", "nine", "ten"};
	static const char *const tens[] = {"twenty", "thirty", "forty", "fifty"};
	if (i >= x->toks.n || (x->toks.t[i].flags & (TOK_NUM | TOK_PUNCT)))
		return 0;
	for (int k = 0; k < 11; k++)
		if (is_word(x, i, words[k]))
			return k ? k : 1;
	if (is_word(x, i, "an"))
		return 1;
	for (int k = 0; k < 4; k++)
		if (is_word(x, i, tens[k]))
			return 20 + 10 * k;
	return 0;
}

/* is_word for a word known only at run time (a grammar phrase's, a list's). */
static inline int is_word_dyn(const struct extractor *x, size_t i, const char *w)
{
	if (i >= x->toks.n)
		return 0;
	const char *l = low(x, i);
	while (*w && *l == *w)
		l++, w++;
	return !*w && !*l;
}

/* Whether token i, lower-cased, is longer than `more_than` bytes and ends in
 * `suffix` ("-ing", "-ed"). */
__attribute__((always_inline)) static inline int ends_in(const struct extractor *x, size_t i, size_t more_than,
							 const char *suffix)
{
	size_t n = x->toks.t[i].lower_len, k = strlen(suffix);
	return n > more_than && n >= k && !memcmp(low(x, i) + n - k, suffix, k);
}

/* Whether token i is in the word lists of mask `lists` (WL_* bits): the
 * token's lists were looked up once, when its paragraph was tokenised. */
static inline int tok_in(const struct extractor *x, size_t i, wl_mask lists)
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
static inline wl_mask vocab_lists(const struct extractor *x, const char *s, size_t n, uint64_t h)
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

/* Whether report actors a and b have the same code (maybe both none): codes
 * are compared pairwise all through merging. */
static inline int same_code(const struct extractor *x, int a, int b)
{
	return x->ra[a].code_id == x->ra[b].code_id;
}

/* ---- functions one stage calls in another (each is described where it is defined) */

/* ---- mentions.c ---------------------------------------------------------- */
int mark_tokens(struct extractor *x);
int is_reporting(const struct extractor *x, size_t i);
int ractor_of_dict_actor(struct extractor *x, long idx);
void name_filter_add(uint64_t *filter, int log2bits, uint64_t h);
long code_actor_of(const struct extractor *x, int ra);
const char *org_of_role(const char *role);
void span_text(const struct extractor *x, size_t a, size_t b, char *out, size_t cap);
int add_topic_to(struct cand *c, int topic);
const char *topic_name(const struct extractor *x, int id);
void note_topic(struct sent_topics *st, int id);
int scan_sentence(struct extractor *x, size_t s, size_t e, struct sent_topics *st);

/* ---- clauses.c ----------------------------------------------------------- */
void clause_of(const struct extractor *x, size_t k, size_t s, size_t e, size_t *cs, size_t *ce);
int push_party(int *arr, int *n, int ra);
/* Where a clause told to a hearer starts at t ("informed Russia that ...",
 * "told the Philippines it would ..."): one past the verb of telling before
 * its hearer, or 0. After "that" the hearer may be any words ("reminded
 * reporters that"); without it, a name (capitals, determiners). */
size_t hearer_before(const struct extractor *x, size_t t, size_t s);
void mentions_in(const struct extractor *x, size_t a, size_t b, size_t *first, size_t *last);
int sentence_speaker(struct extractor *x, size_t m0, size_t m1, size_t s, size_t e);
int cancel_before(const struct extractor *x, size_t lo, size_t k);
int modality(const struct extractor *x, size_t cs, size_t k, size_t s, size_t e);
size_t tail_end(const struct extractor *x, const struct dict_trigger *tr, size_t te, size_t e);
int in_own_tail(const struct extractor *x, const struct dict_trigger *tr, size_t te, size_t e,
		const struct trigger_hit *h);
/* Past "two days", "a week", "several hours" at token q (before e), or q. */
size_t after_measure(const struct extractor *x, size_t q, size_t e);
int tail_ok(const struct extractor *x, const struct dict_trigger *tr, size_t te, size_t e);
int coordinated(const struct extractor *x, size_t k, size_t s);
int passive_by(const struct extractor *x, size_t k, size_t te, size_t e);
int push_cand(struct extractor *x, struct cand **out);
size_t group_end(const struct extractor *x, size_t j, size_t m1);
void add_group(struct extractor *x, size_t a, size_t b, int *arr, int *n, int speaker);
void find_subject(struct extractor *x, const struct dict_trigger *tr, size_t k, size_t cs,
			 struct trigger_ctx *tc, int *subj, int *nsubj);
int claimed_by_earlier(const struct extractor *x, size_t s, size_t k);
int relative_of_non_actor(const struct extractor *x, size_t k, size_t s);
void drop_venues(const struct extractor *x, struct cand *c, size_t s, size_t e);
void find_object(struct extractor *x, const struct dict_trigger *tr, size_t te, size_t ce,
	int by, struct trigger_ctx *tc, const int *subj, int nsubj, int *obj, int *nobj);
int reciprocal(const struct extractor *x, size_t te, size_t ce);
int border_side(const struct extractor *x, size_t ts, size_t lo);
long asked_to(const struct extractor *x, size_t k, size_t s, size_t *ask);

/* ---- dates.c ------------------------------------------------------------- */
/* "Two days after meeting Wang Yi on Monday, Lavrov flew to Tokyo": the
 * days to count on from the time at token `at`, told in a clause opening
 * the sentence at s, for the act at k after its comma (0 when none). */
int days_after_opening(const struct extractor *x, size_t s, size_t at, size_t k);
int governing_timex(const struct extractor *x, const struct sent_timex *st, size_t k, size_t te,
			   size_t cs, size_t ce, size_t s, int planned);
void sentence_timex_of(struct extractor *x, size_t s, size_t e, struct sent_timex *st);
void sentence_timex(struct extractor *x, struct trigger_ctx *tc);
const struct cand *last_cand_dated(const struct extractor *x, size_t s);
int extract_story_day(struct extractor *x, struct cdate *out, size_t *lede_end);
int extract_scheduled_after(const struct extractor *x, const struct sent_timex *st, size_t te, size_t e,
	size_t next);
int extract_previous_sentence_time(const struct extractor *x, size_t s, struct cdate *out);
int extract_previous_sentence_date(const struct extractor *x, size_t s, struct cdate *out);
int extract_accord_told_before(const struct extractor *x, size_t s, size_t e, struct cdate *out);
int extract_time_told_after(const struct extractor *x, size_t a, size_t b, struct cdate *out);
int extract_meeting_told_before(const struct extractor *x, size_t s, size_t e, struct cdate *out);

/* ---- events.c ------------------------------------------------------------ */

/* ---- merge.c ------------------------------------------------------------- */
int focal_state(const struct extractor *x, const char *not_code);
int acted_before(const struct extractor *x, size_t i, const char *code);
void complete_parties(struct extractor *x);
void merge_rounds(struct extractor *x);
void prune_parties(struct extractor *x);
void merge_cands(struct extractor *x);

/* ---- summary.c ----------------------------------------------------------- */
int emit(struct extractor *x, const struct report *r, const struct cand *cin, struct event_list *out);
/* How sure extraction is of event e, emitted from c: 0..1 (confidence.c). */
double cand_confidence(const struct extractor *x, const struct cand *c, const struct event *e);

/* ---- model.c ------------------------------------------------------------- */

#endif
