/* Tokens and sentences of report text, for extraction.
 *
 * A token is a word (letters, digits, dotted abbreviations such as "U.S."),
 * a number, or one punctuation mark, with its byte span in the text. Hyphens
 * and possessive "'s" are tokens of their own so that "Japan-U.S." and
 * "Japan's" both show "Japan". Sentences end at . ! ? unless the period
 * belongs to an abbreviation (Mr., Jan., U.S., initials) or the stop sits
 * inside a quotation, which stays with its attribution.
 */
#ifndef COMMUNIQUE_SENTENCE_H
#define COMMUNIQUE_SENTENCE_H
#include <stddef.h>
#include <stdint.h>

enum token_flags {
	TOK_WORD = 1,       /* letters (maybe with digits) */
	TOK_NUM = 2,        /* starts with a digit */
	TOK_PUNCT = 4,
	TOK_CAP = 8,        /* starts with an upper-case letter */
	TOK_QUOTED = 16,    /* inside a quotation */
	TOK_ALLCAPS = 32,   /* every letter upper-case, at least two letters */
	TOK_OPEN_QUOTE = 64,
	TOK_CLOSE_QUOTE = 128,
};

struct token {
	uint32_t start, end;    /* byte span in the text */
	uint32_t lower;         /* offset of the lower-cased form in the token list's pool */
	uint32_t lower_len;
	uint64_t hash;          /* hash of the exact form */
	uint64_t lhash;         /* hash of the lower-cased form */
	uint16_t flags;
};

struct token_list {
	struct token *t;
	size_t n, cap;
	char *pool;             /* lower-cased forms, NUL-separated */
	size_t pool_len, pool_cap;
};

void token_list_init(struct token_list *l);
void token_list_release(struct token_list *l);
void token_list_reset(struct token_list *l);
/* Tokenises text[0..len) (UTF-8) appending to l; spans are offsets into text
 * plus `base`. Returns 0 or -1 when memory ran out. */
int tokenize(const char *text, size_t len, size_t base, struct token_list *l);
/* The lower-cased form of token i (NUL-terminated). */
static inline const char *tok_lower(const struct token_list *l, size_t i)
{
	return l->pool + l->t[i].lower;
}

struct sentence_span {
	size_t tok_start, tok_end;  /* tokens [tok_start, tok_end) */
};

/* The most tokens a sentence has: a longer run without a stop is cut into
 * pieces of at most this many (at a clause mark or a line break when it can). */
#define SENTENCE_MAX_TOKENS 600

/* Splits tokens [from, to) of l (tokens of `text`) into sentences, appending
 * to *out (grown with realloc; *n and *cap track it), none longer than
 * SENTENCE_MAX_TOKENS. Returns 0, or -1 when memory ran out. */
int split_sentences(const char *text, const struct token_list *l, size_t from, size_t to,
		    struct sentence_span **out, size_t *n, size_t *cap);

/* 64-bit FNV-1a of n bytes: the hash tokens and dictionary keys share. */
uint64_t text_hash(const char *s, size_t n);

#endif
