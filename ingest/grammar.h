/* The extractor's grammar as data: the word classes its rules ask about
 * (reporting verbs, negators, modals, plan and condition words, honorifics,
 * collective references, ...), read from dict/grammar.tsv as shipped and
 * from any grammar.tsv given with --dict. The rules themselves stay in the
 * extractor; which words play each part is the analyst's to read and extend.
 *
 * Ownership: a grammar owns every string it holds; grammar_release frees
 * them. A loaded grammar is read-only and may be shared.
 */
#ifndef COMMUNIQUE_GRAMMAR_H
#define COMMUNIQUE_GRAMMAR_H
#include <stddef.h>

/* The classes, in the order of grammar_class_names (see dict/grammar.tsv). */
enum grammar_class {
	GC_REPORTING, GC_WEAK_REPORTING, GC_CLAUSE_BREAK, GC_HONORIFIC, GC_NAME_PARTICLE,
	GC_COLLECTIVE, GC_NAMED_SUFFIX, GC_ROLE_WORD, GC_SKIP_ADVERB, GC_NEGATOR, GC_CONDITION,
	GC_PLAN, GC_RESUME, GC_INTENT, GC_PREPOSITION, GC_JOINER, GC_DETERMINER,
	GC_INTENTION_NOUN, GC_ASK_VERB, GC_REFERENCE_START, GC_TAIL_STOP, GC_LINK_WORD,
	GC_TITLE_QUALIFIER, GC_BE, GC_PLAN_NOUN, GC_ORGAN, GC_ORGAN_QUALIFIER, GC_CANCEL,
	GC_ATTACK, GC_STATE_BODY, GC_CONTENT_VERB, GC_OPEN_CALL, GC_DRAFT_TEXT, GC_BLOCK_VERB,
	GC_NAMING_VERB, GC_ACT_NOUN, GC_TELL_VERB, GC_COUNT
};

/* One entry of a class: one word, or (class cancel) a phrase of words. */
struct grammar_entry {
	char **words;           /* n words, each NUL-terminated */
	size_t n;
};

struct dict;

struct grammar {
	struct grammar_entry *entries[GC_COUNT]; /* per class, in file order, forms expanded */
	size_t n_entries[GC_COUNT];
	const struct dict *verbs;  /* gives "verb+" its forms (dict_verb_forms); not owned, may be NULL */
};

/* The class names as written in grammar.tsv, indexed by enum grammar_class. */
extern const char *const grammar_class_names[GC_COUNT];

/* Loads the shipped grammar, then every grammar.tsv among `extra` (a file of
 * that name, or a directory holding one). "verb+" takes the forms the event
 * wording gives the lemma in `verbs` (irregular ones from its verbs.tsv; the
 * spelling rules alone when `verbs` is NULL), which must outlive g; other
 * --dict files are not this module's. Returns 0, or -1 with *err (malloc'd) naming the file, the line
 * and what was wrong (an unknown class, a phrase in a one-word class, an
 * empty entry). On failure g holds nothing to release. */
int grammar_load(struct grammar *g, const struct dict *verbs, const char *const *extra, size_t n_extra, char **err);

/* Adds the rows of one grammar.tsv text (`name` for messages), with g->verbs
 * for the verb forms. Same
 * contract as grammar_load; on failure g keeps the rows added before. */
int grammar_add_text(struct grammar *g, const char *name, const char *text, char **err);

void grammar_release(struct grammar *g);

#endif
