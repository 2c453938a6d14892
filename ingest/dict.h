/* The extraction dictionaries: actors (states, organisations), groups of
 * states, persons with dated roles, titles, topics and event wording,
 * loaded from TSV files (dict/README.md) and compiled into two token tries so that every name is
 * found in one left-to-right pass over a sentence.
 *
 * Matching is by token: a key is tokenised like report text, so "Japan's"
 * shows "Japan" and "Japan-U.S." shows both. Names match case-sensitively as
 * written in the files; event wording matches lower-cased.
 */
#ifndef COMMUNIQUE_DICT_H
#define COMMUNIQUE_DICT_H
#include <stddef.h>
#include <stdint.h>

#include "ingest/event.h"
#include "ingest/sentence.h"
#include "util/cdate.h"

enum entry_kind {
	ENT_ACTOR = 1,      /* idx into actors; sub = alias kind */
	ENT_PERSON = 2,     /* idx into persons */
	ENT_TITLE = 3,      /* idx into titles */
	ENT_TOPIC = 4,      /* idx into topics */
	ENT_TRIGGER = 5,    /* idx into triggers */
	ENT_GROUP = 6,      /* idx into groups */
};

enum alias_kind { AL_NAME = 0, AL_ADJ = 1, AL_METONYM = 2 };

struct dict_actor {
	char *name, *code;
	enum actor_kind kind;
	char *adjective;        /* first adjective, for summaries; may be NULL */
	char *short_form;       /* "U.S." style prefix for summaries; may be NULL */
	char **aliases;         /* every form, for the archive's alias table */
	size_t n_aliases;
	int described;          /* already handed to the archive in this run */
};

struct dict_role {
	char role[32];          /* foreign_minister, head_of_state, ... */
	char *title;            /* "Secretary of State" */
	struct cdate from, to;  /* to.prec == PREC_UNKNOWN: still in office */
	char code[8];           /* the code this role acts for, "" for the person's own */
};

struct dict_person {
	char *name, *code;
	char *surname;          /* the family name (dict_surname), for later mentions */
	struct dict_role *roles;
	size_t n_roles;
	char **aliases;
	size_t n_aliases;
	int described;
};

struct dict_title {
	char role[32];
	char **codes;           /* the states it is limited to; none = any */
	size_t n_codes;
};

/* A member of a named group of states (groups.tsv) and the days it belonged. */
struct dict_member {
	char code[8];           /* a state of actors.tsv */
	struct cdate from, to;  /* prec PREC_UNKNOWN: since ever, still */
};

/* The most members a group of groups.tsv may have: the parties an event holds. */
#define DICT_GROUP_MAX_MEMBERS 32

/* A group of states named as one ("the Baltic states", "the two Koreas"):
 * a mention of it is a mention of each member. */
struct dict_group {
	char *name;                  /* its canonical name, the first column */
	struct dict_member *members; /* two or more, in file order */
	size_t n_members, cap_members;
	char *file;                  /* where the row was read, for the check of its codes */
	int line;                    /* ... and its line there */
};

/* How an event's parties are read from its sentence. */
enum frame {
	FRAME_DIRECTED = 0,     /* source acts on target */
	FRAME_SYMMETRIC = 1,    /* participants */
	FRAME_SOURCE = 2,       /* source only, target optional (denial) */
};

struct dict_trigger {
	char type[24], cameo[8];
	uint32_t type_id;       /* the index of the first trigger of the same type */
	enum frame frame;
	int noun;               /* a nominal trigger ("imposition of sanctions") */
	int speaker;            /* frame spk: told by a speaker, who is the source; the clause's
				   subject is the target ("Japan must bear full responsibility") */
	/* Words one of which must follow within a few tokens ("lift ... sanctions"). */
	uint64_t *tails;        /* lower-case token hashes of the first tail word */
	size_t n_tails;
	int tail_window;
};

/* A verb of verbs.tsv: its irregular forms and its nominalisations. */
struct dict_lemma {
	char *lemma;             /* "hold" */
	char **past;             /* "held" (none: regular) */
	size_t n_past;
	char **participle;       /* "held" */
	size_t n_participle;
	char **nouns;            /* nominalisations: "condemn" -> "condemnation" */
	size_t n_nouns;
};

/* The concrete forms of a pattern word. */
#define DICT_MAX_FORMS 24
struct dict_forms_out {
	char f[DICT_MAX_FORMS][64];
	int n;
};

struct dict_entry {
	uint8_t kind;           /* enum entry_kind */
	uint8_t sub;            /* alias kind for actors */
	uint32_t idx;
};

struct trie;

/* A word a person is later named by alone (dict_name_handle) in one of
 * the spellings of the person's name. */
struct dict_handle {
	uint64_t h;             /* text_hash of the handle */
	uint32_t person;
};

struct dict {
	struct dict_actor *actors;   size_t n_actors, cap_actors;
	struct dict_person *persons; size_t n_persons, cap_persons;
	struct dict_title *titles;   size_t n_titles;
	char **topics;               size_t n_topics;
	struct dict_trigger *triggers; size_t n_triggers;
	struct dict_lemma *lemmas;   size_t n_lemmas;   /* verbs.tsv */
	struct dict_group *groups;   size_t n_groups, cap_groups; /* groups.tsv */
	uint32_t *by_code;       /* actor indices sorted by code (first of equal codes first) */
	uint32_t *persons_by_code; /* person indices sorted by code, likewise */
	uint32_t *coded_roles;   /* indices of the persons with a role that acts for its own code */
	size_t n_coded_roles;
	struct trie *names;      /* exact case */
	struct trie *words;      /* lower case */
	const uint64_t *names_first, *words_first; /* the tries' first-token filters */
	uint64_t *private_heads; size_t n_private_heads; /* titles.tsv rows of role "none": lhash, sorted */
	struct dict_handle *handles; /* persons by the handle of each spelling, sorted by hash */
	size_t n_handles;
};

/* Bits of a trie's first-token filter. */
#define DICT_FILTER_BITS 32768

/* Whether some key of the trie with first-token filter `filter` may start
 * with a token of this hash (0: none does). Inline, for the callers that
 * ask it of every token before calling dict_match. */
static inline int dict_may_start(const uint64_t *filter, uint64_t hash)
{
	size_t bit = (size_t)(hash >> 40) % DICT_FILTER_BITS;
	return (int)(filter[bit / 64] >> (bit % 64) & 1);
}

/* Loads the shipped dictionaries, then each extra file or directory.
 * Returns 0, or -1 with *err naming the file and line. */
int dict_load(struct dict *d, const char *const *extra, size_t n_extra, char **err);
void dict_release(struct dict *d);

/* The work dict_load did on its tries, for tests and benchmarks: keys
 * added, and entries compared with one another to drop duplicates.
 * Loading is linear in the files' size when compares stays within a small
 * multiple of keys, however many rows share a name. */
struct dict_load_work {
	size_t keys, compares;
};
void dict_load_work(const struct dict *d, struct dict_load_work *out);

/* Longest match starting at token i of l in the names (exact) or words
 * (lower-case) trie. Returns the number of tokens matched (0: none) and sets
 * *entries / *n to the entries of that key (valid while the dict lives). */
size_t dict_match(const struct trie *t, const struct token_list *l, size_t i, size_t end, int lower,
		  const struct dict_entry **entries, size_t *n);

/* The role a person held on `when` (or their latest when `when` is unknown);
 * NULL when none. */
const struct dict_role *dict_person_role(const struct dict_person *p, const struct cdate *when);
/* The person who held `role` for `code` on `when`, or -1. */
long dict_role_holder(const struct dict *d, const char *role, const char *code, const struct cdate *when);
/* The actor (state or organisation) with this code, or -1. First one wins. */
long dict_actor_by_code(const struct dict *d, const char *code);

/* Whether a group's member belonged to it on `when` (when `when` is
 * unknown: whether it still belongs). */
int dict_member_on(const struct dict_member *m, const struct cdate *when);

/* The forms of a verb from its lemma, as a pattern's "word+" gives them:
 * the lemma, -s, the past and participle (verbs.tsv's irregular ones, or
 * -ed with the spelling rules: -e, consonant + y, a doubled last consonant
 * after one short vowel, both "-lled" and "-led"), and -ing. `dbl` doubles
 * the last consonant ("word++"). d may be NULL: the spelling rules alone. */
void dict_verb_forms(const struct dict *d, const char *lemma, int dbl, struct dict_forms_out *out);
/* Some of them, as "meet+ed" (met), "meet+s" (meets), "sign+ing" (signing) give them. */
enum { DICT_VF_BASE = 1, DICT_VF_S = 2, DICT_VF_ED = 4, DICT_VF_ING = 8, DICT_VF_ALL = 15 };
void dict_verb_forms_of(const struct dict *d, const char *lemma, int dbl, unsigned which, struct dict_forms_out *out);
/* The nominalisations verbs.tsv gives for a lemma, each with its plural, as
 * a pattern's "word~" gives them. Returns -1 when it gives none. */
int dict_noun_forms(const struct dict *d, const char *lemma, struct dict_forms_out *out);

/* The family name of a person's full name: its last word, or the one before
 * a generational suffix ("Ferdinand Marcos Jr." is "Marcos", "Benigno
 * Aquino III" is "Aquino"). Sets *len; returns a pointer into name. */
const char *dict_surname(const char *name, size_t *len);

/* The word of a person's name that later mentions use alone: the surname
 * (dict_surname), and of a surname joined by hyphens ("Ben-Gvir", "al-Bashir",
 * "el-Sisi"), its capitalised part after the last hyphen ("Gvir", "Bashir",
 * "Sisi"; "Jong-un", whose second part is lower-case, stays whole). */
const char *dict_name_handle(const char *name, size_t *len);

/* The first entry of d->handles with hash h (d->n_handles when none): the
 * persons one of whose spellings has that handle ("Erdogan" for "Recep
 * Tayyip Erdoğan", "Assad" for "Hafez al-Assad"), in hash order. */
size_t dict_handle_first(const struct dict *d, uint64_t h);

/* Whether the lower-cased word of hash lhash names people or a body that
 * holds no office of a state (titles.tsv, role "none": "media",
 * "opposition", "activists", "company"). */
int dict_private_head(const struct dict *d, uint64_t lhash);

#endif
