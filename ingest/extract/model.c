/* Extraction, the model: the dictionaries, grammar classes, type table and
 * successions an extractor reads (read-only once made), and the actor aliases
 * it describes to the archive.
 * (The stages: see extract_int.h.) */
#include "ingest/extract/extract_int.h"

/* The bit of each grammar class (enum grammar_class order). */
static const wl_mask class_bits[GC_COUNT] = {
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
	[GC_STATE_BODY] = WL_STATE_BODY, [GC_CONTENT_VERB] = WL_CONTENT_VERB,
	[GC_OPEN_CALL] = WL_OPEN_CALL, [GC_DRAFT_TEXT] = WL_DRAFT_TEXT, [GC_BLOCK_VERB] = WL_BLOCK_VERB,
	[GC_NAMING_VERB] = WL_NAMING_VERB,
	[GC_ACT_NOUN] = WL_ACT_NOUN,
	[GC_TELL_VERB] = WL_TELL_VERB,
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
	if (grammar_load(&x->g, &x->d, dicts, n_dicts, err)) {
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

