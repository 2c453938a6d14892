/* The extraction dictionaries: loading the TSV files and the token tries.
 * See dict.h. */
#include "ingest/dict.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/buf.h"
#include "util/embedded.h"
#include "util/types.h"
#include "util/file.h"

/* ---- the trie ----------------------------------------------------------- */

/* Nodes are numbered; a node's children live in one open-addressing table
 * keyed by (parent, token hash), so a step costs one probe whatever the
 * fan-out. Slots are 8 bytes (a tag and the child) and the table is kept
 * at most three quarters full, so that it stays small in the cache; the
 * child node holds the full key that a tag match is confirmed against. */
struct trie_node {
	uint32_t first, n;      /* entries [first, first + n) of the entry pool */
	uint32_t parent;        /* the key of this node as a child: (parent, hash) */
	uint64_t hash;
};

struct trie_slot {
	uint32_t tag;           /* the high half of slot_key(parent, hash) */
	uint32_t child;         /* 0 = empty slot (node 0 is the root, never a child) */
};

/* The root filter: most tokens start no key, and one bit tells so without
 * touching the (much larger) slot table. */
struct trie {
	uint64_t root_filter[DICT_FILTER_BITS / 64]; /* bit (hash >> 40) % DICT_FILTER_BITS set
						       for the first token of every key (dict_may_start) */
	struct trie_node *nodes;
	size_t n_nodes, cap_nodes;
	struct trie_slot *slots;
	size_t n_slots, used;   /* n_slots is a power of two */
	/* Entries are collected per node while loading, then packed. */
	struct pending { uint32_t node; struct dict_entry e; } *pend;
	size_t n_pend, cap_pend;
	struct dict_entry *entries;
};

static uint64_t slot_key(uint32_t parent, uint64_t hash)
{
	return hash ^ ((uint64_t)parent * 0x9E3779B97F4A7C15ULL);
}

/* The root filter's bit for a token hash: high bits, independent of the
 * low bits that place slots (as dict_may_start reads it). */
static size_t root_bit(uint64_t hash)
{
	return (size_t)(hash >> 40) % DICT_FILTER_BITS;
}

static struct trie *trie_new(void)
{
	struct trie *t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->n_slots = 1024;
	t->slots = calloc(t->n_slots, sizeof(*t->slots));
	t->nodes = calloc(64, sizeof(*t->nodes));
	t->cap_nodes = 64;
	t->n_nodes = 1;
	if (!t->slots || !t->nodes) {
		free(t->slots);
		free(t->nodes);
		free(t);
		return NULL;
	}
	return t;
}

static void trie_free(struct trie *t)
{
	if (!t)
		return;
	free(t->nodes);
	free(t->slots);
	free(t->pend);
	free(t->entries);
	free(t);
}

static uint32_t trie_child(const struct trie *t, uint32_t parent, uint64_t hash)
{
	size_t mask = t->n_slots - 1;
	uint64_t key = slot_key(parent, hash);
	uint32_t tag = (uint32_t)(key >> 32);
	for (size_t i = key & mask;; i = (i + 1) & mask) {
		const struct trie_slot *s = &t->slots[i];
		if (!s->child)
			return 0;
		if (s->tag == tag && t->nodes[s->child].parent == parent && t->nodes[s->child].hash == hash)
			return s->child;
	}
}

static int trie_grow_slots(struct trie *t)
{
	size_t n = t->n_slots * 2;
	struct trie_slot *s = calloc(n, sizeof(*s));
	if (!s)
		return -1;
	for (size_t i = 0; i < t->n_slots; i++) {
		struct trie_slot *o = &t->slots[i];
		if (!o->child)
			continue;
		const struct trie_node *c = &t->nodes[o->child];
		size_t j = slot_key(c->parent, c->hash) & (n - 1);
		while (s[j].child)
			j = (j + 1) & (n - 1);
		s[j] = *o;
	}
	free(t->slots);
	t->slots = s;
	t->n_slots = n;
	return 0;
}

/* Adds the key (token hashes) with one entry. */
static int trie_add(struct trie *t, const uint64_t *hashes, size_t n, struct dict_entry e)
{
	uint32_t node = 0;
	if (n)
		t->root_filter[root_bit(hashes[0]) / 64] |= (uint64_t)1 << (root_bit(hashes[0]) % 64);
	for (size_t i = 0; i < n; i++) {
		uint32_t child = trie_child(t, node, hashes[i]);
		if (!child) {
			if ((t->used + 1) * 4 > t->n_slots * 3 && trie_grow_slots(t))
				return -1;
			if (t->n_nodes == t->cap_nodes) {
				struct trie_node *p = realloc(t->nodes, t->cap_nodes * 2 * sizeof(*p));
				if (!p)
					return -1;
				t->nodes = p;
				t->cap_nodes *= 2;
			}
			child = (uint32_t)t->n_nodes++;
			t->nodes[child] = (struct trie_node){0, 0, node, hashes[i]};
			uint64_t key = slot_key(node, hashes[i]);
			size_t mask = t->n_slots - 1, j = key & mask;
			while (t->slots[j].child)
				j = (j + 1) & mask;
			t->slots[j] = (struct trie_slot){(uint32_t)(key >> 32), child};
			t->used++;
		}
		node = child;
	}
	/* Skip a duplicate entry for the same key. */
	for (size_t i = 0; i < t->n_pend; i++)
		if (t->pend[i].node == node && t->pend[i].e.kind == e.kind && t->pend[i].e.idx == e.idx)
			return 0;
	if (t->n_pend == t->cap_pend) {
		size_t cap = t->cap_pend ? t->cap_pend * 2 : 1024;
		struct pending *p = realloc(t->pend, cap * sizeof(*p));
		if (!p)
			return -1;
		t->pend = p;
		t->cap_pend = cap;
	}
	t->pend[t->n_pend++] = (struct pending){node, e};
	return 0;
}

static int cmp_pending(const void *a, const void *b)
{
	const struct pending *x = a, *y = b;
	return x->node < y->node ? -1 : x->node > y->node;
}

/* Packs the entries by node once everything is loaded. */
static int trie_finish(struct trie *t)
{
	qsort(t->pend, t->n_pend, sizeof(*t->pend), cmp_pending);
	free(t->entries);
	t->entries = malloc((t->n_pend ? t->n_pend : 1) * sizeof(*t->entries));
	if (!t->entries)
		return -1;
	for (size_t i = 0; i < t->n_nodes; i++)
		t->nodes[i].first = t->nodes[i].n = 0;
	for (size_t i = 0; i < t->n_pend; i++) {
		struct trie_node *nd = &t->nodes[t->pend[i].node];
		if (!nd->n)
			nd->first = (uint32_t)i;
		nd->n++;
		t->entries[i] = t->pend[i].e;
	}
	return 0;
}

size_t dict_match(const struct trie *t, const struct token_list *l, size_t i, size_t end, int lower,
		  const struct dict_entry **entries, size_t *n)
{
	uint32_t node = 0;
	size_t best = 0;
	*n = 0;
	if (i < end && !dict_may_start(t->root_filter, lower ? l->t[i].lhash : l->t[i].hash))
		return 0;
	for (size_t j = i; j < end; j++) {
		uint32_t child = trie_child(t, node, lower ? l->t[j].lhash : l->t[j].hash);
		if (!child)
			break;
		node = child;
		if (t->nodes[node].n) {
			best = j - i + 1;
			*entries = t->entries + t->nodes[node].first;
			*n = t->nodes[node].n;
		}
	}
	return best;
}

/* ---- loading ------------------------------------------------------------ */

struct loader {
	struct dict *d;
	const char *file;
	int line;
	char **err;
	struct token_list toks;
	uint64_t hashes[64];
};

static int fail(struct loader *ld, const char *what)
{
	struct buf m;
	buf_init(&m, 4096);
	buf_printf(&m, "dictionary '%s', line %d: %s", ld->file, ld->line, what);
	*ld->err = buf_detach(&m);
	return -1;
}

/* Tokenises a key and adds it to a trie. Keys of more than 64 tokens are refused. */
static int add_key(struct loader *ld, struct trie *t, const char *key, int lower, struct dict_entry e)
{
	token_list_reset(&ld->toks);
	if (tokenize(key, strlen(key), 0, &ld->toks))
		return fail(ld, "out of memory");
	if (!ld->toks.n)
		return 0;
	if (ld->toks.n > 64)
		return fail(ld, "a name of more than 64 words");
	for (size_t i = 0; i < ld->toks.n; i++)
		ld->hashes[i] = lower ? ld->toks.t[i].lhash : ld->toks.t[i].hash;
	if (trie_add(t, ld->hashes, ld->toks.n, e))
		return fail(ld, "out of memory");
	return 0;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\r' || s[n - 1] == '\n' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

/* Splits a line at tabs into at most max fields (in place). */
static int fields(char *line, char **f, int max)
{
	int n = 0;
	f[n++] = line;
	for (char *p = line; *p && n < max; p++)
		if (*p == '\t') {
			*p = '\0';
			f[n++] = p + 1;
		}
	for (int i = 0; i < n; i++)
		f[i] = trim(f[i]);
	return n;
}

/* Calls fn for each ';'-separated item of a list field (items trimmed, empty skipped). */
static int each_item(char *list, char sep, int (*fn)(struct loader *, void *, char *), struct loader *ld,
		     void *arg)
{
	char *p = list;
	while (p && *p) {
		char *next = strchr(p, sep);
		if (next)
			*next++ = '\0';
		char *item = trim(p);
		if (*item && fn(ld, arg, item))
			return -1;
		p = next;
	}
	return 0;
}

static int push_str(char ***arr, size_t *n, const char *s)
{
	char **p = realloc(*arr, (*n + 1) * sizeof(*p));
	if (!p)
		return -1;
	*arr = p;
	if (!(p[*n] = strdup(s)))
		return -1;
	(*n)++;
	return 0;
}

struct alias_arg {
	size_t idx;
	enum alias_kind kind;
};

static int add_actor_alias(struct loader *ld, void *arg, char *item)
{
	struct alias_arg *a = arg;
	struct dict_actor *act = &ld->d->actors[a->idx];
	if (a->kind == AL_ADJ && !act->adjective && !(act->adjective = strdup(item)))
		return fail(ld, "out of memory");
	/* "U.S.", "U.K.": the short prefix for summaries. */
	if (a->kind == AL_NAME && !act->short_form && strlen(item) <= 5 && strchr(item, '.') &&
	    !(act->short_form = strdup(item)))
		return fail(ld, "out of memory");
	if (push_str(&act->aliases, &act->n_aliases, item))
		return fail(ld, "out of memory");
	struct dict_entry e = {ENT_ACTOR, (uint8_t)a->kind, (uint32_t)a->idx};
	return add_key(ld, ld->d->names, item, 0, e);
}

static int load_actor(struct loader *ld, char *line)
{
	char *f[6] = {0};
	int n = fields(line, f, 6);
	if (n < 3 || !*f[0] || !*f[2])
		return fail(ld, "an actor needs at least code, kind and name");
	enum actor_kind kind;
	if (!strcmp(f[1], "state"))
		kind = ACTOR_STATE;
	else if (!strcmp(f[1], "org"))
		kind = ACTOR_ORG;
	else if (!strcmp(f[1], "group"))
		kind = ACTOR_GROUP;
	else
		return fail(ld, "kind must be state, org or group");
	struct dict *d = ld->d;
	struct dict_actor *p = realloc(d->actors, (d->n_actors + 1) * sizeof(*p));
	if (!p)
		return fail(ld, "out of memory");
	d->actors = p;
	struct dict_actor *a = &d->actors[d->n_actors];
	memset(a, 0, sizeof(*a));
	a->kind = kind;
	if (!(a->name = strdup(f[2])) || !(a->code = strdup(f[0])))
		return fail(ld, "out of memory");
	struct alias_arg arg = {d->n_actors++, AL_NAME};
	if (add_actor_alias(ld, &arg, f[2]))
		return -1;
	if (n > 3 && each_item(f[3], ';', add_actor_alias, ld, &arg))
		return -1;
	arg.kind = AL_ADJ;
	if (n > 4 && each_item(f[4], ';', add_actor_alias, ld, &arg))
		return -1;
	arg.kind = AL_METONYM;
	if (n > 5 && each_item(f[5], ';', add_actor_alias, ld, &arg))
		return -1;
	return 0;
}

static int add_person_alias(struct loader *ld, void *arg, char *item)
{
	size_t idx = *(size_t *)arg;
	struct dict_person *p = &ld->d->persons[idx];
	if (push_str(&p->aliases, &p->n_aliases, item))
		return fail(ld, "out of memory");
	struct dict_entry e = {ENT_PERSON, 0, (uint32_t)idx};
	return add_key(ld, ld->d->names, item, 0, e);
}

static int add_role(struct loader *ld, void *arg, char *item)
{
	struct dict_person *p = arg;
	char *parts[4] = {0};
	int n = 0;
	parts[n++] = item;
	for (char *c = item; *c && n < 4; c++)
		if (*c == '|') {
			*c = '\0';
			parts[n++] = c + 1;
		}
	if (n < 3)
		return fail(ld, "a role is role|title|from|to");
	struct dict_role r;
	memset(&r, 0, sizeof(r));
	snprintf(r.role, sizeof(r.role), "%s", trim(parts[0]));
	if (cdate_parse(trim(parts[2]), &r.from))
		return fail(ld, "a role's start date must be YYYY-MM-DD");
	if (n > 3 && *trim(parts[3]) && cdate_parse(trim(parts[3]), &r.to))
		return fail(ld, "a role's end date must be YYYY-MM-DD or empty");
	if (!(r.title = strdup(trim(parts[1]))))
		return fail(ld, "out of memory");
	struct dict_role *rs = realloc(p->roles, (p->n_roles + 1) * sizeof(*rs));
	if (!rs) {
		free(r.title);
		return fail(ld, "out of memory");
	}
	p->roles = rs;
	p->roles[p->n_roles++] = r;
	return 0;
}

static int load_person(struct loader *ld, char *line)
{
	char *f[4] = {0};
	int n = fields(line, f, 4);
	if (n < 2 || !*f[0])
		return fail(ld, "a person needs at least name and code");
	struct dict *d = ld->d;
	struct dict_person *p = realloc(d->persons, (d->n_persons + 1) * sizeof(*p));
	if (!p)
		return fail(ld, "out of memory");
	d->persons = p;
	size_t idx = d->n_persons++;
	struct dict_person *pp = &d->persons[idx];
	memset(pp, 0, sizeof(*pp));
	if (!(pp->name = strdup(f[0])) || !(pp->code = strdup(f[1])))
		return fail(ld, "out of memory");
	size_t sl;
	const char *sn = dict_surname(f[0], &sl);
	if (!(pp->surname = strndup(sn, sl)))
		return fail(ld, "out of memory");
	if (add_person_alias(ld, &idx, f[0]))
		return -1;
	if (n > 2 && each_item(f[2], ';', add_person_alias, ld, &idx))
		return -1;
	if (n > 3 && each_item(f[3], ';', add_role, ld, &d->persons[idx]))
		return -1;
	return 0;
}

static int add_title_code(struct loader *ld, void *arg, char *item)
{
	struct dict_title *t = arg;
	return push_str(&t->codes, &t->n_codes, item) ? fail(ld, "out of memory") : 0;
}

static int load_title(struct loader *ld, char *line)
{
	char *f[3] = {0};
	int n = fields(line, f, 3);
	if (n < 2 || !*f[0] || !*f[1])
		return fail(ld, "a title needs phrase and role");
	struct dict *d = ld->d;
	struct dict_title *p = realloc(d->titles, (d->n_titles + 1) * sizeof(*p));
	if (!p)
		return fail(ld, "out of memory");
	d->titles = p;
	struct dict_title *t = &d->titles[d->n_titles];
	memset(t, 0, sizeof(*t));
	snprintf(t->role, sizeof(t->role), "%s", f[1]);
	if (n > 2 && each_item(f[2], ';', add_title_code, ld, t))
		return -1;
	struct dict_entry e = {ENT_TITLE, 0, (uint32_t)d->n_titles++};
	return add_key(ld, d->names, f[0], 0, e);
}

static int add_topic_alias(struct loader *ld, void *arg, char *item)
{
	struct dict_entry e = {ENT_TOPIC, 0, (uint32_t)(size_t)arg};
	return add_key(ld, ld->d->names, item, 0, e);
}

static int load_topic(struct loader *ld, char *line)
{
	char *f[2] = {0};
	int n = fields(line, f, 2);
	if (!*f[0])
		return fail(ld, "a topic needs a name");
	struct dict *d = ld->d;
	size_t idx = d->n_topics;
	if (push_str(&d->topics, &d->n_topics, f[0]))
		return fail(ld, "out of memory");
	if (add_topic_alias(ld, (void *)idx, f[0]))
		return -1;
	return n > 1 ? each_item(f[1], ';', add_topic_alias, ld, (void *)idx) : 0;
}

/* ---- event wording ------------------------------------------------------ */

/* Regular inflections of a verb: base, -s, -ed, -ing (doubling the last
 * consonant when `dbl`). Writes up to 4 forms into out (each 64 bytes). */
static int inflect(const char *w, int dbl, char out[4][64])
{
	size_t n = strlen(w);
	if (n == 0 || n > 50)
		return 0;
	char last = w[n - 1], prev = n > 1 ? w[n - 2] : 0;
	int vowel_prev = prev && strchr("aeiou", prev);
	snprintf(out[0], 64, "%s", w);
	if (last == 'y' && !vowel_prev) {
		snprintf(out[1], 64, "%.*sies", (int)(n - 1), w);
		snprintf(out[2], 64, "%.*sied", (int)(n - 1), w);
	} else if (last == 's' || last == 'x' || last == 'z' || (last == 'h' && (prev == 'c' || prev == 's'))) {
		snprintf(out[1], 64, "%ses", w);
		snprintf(out[2], 64, "%sed", w);
	} else if (last == 'e') {
		snprintf(out[1], 64, "%ss", w);
		snprintf(out[2], 64, "%sd", w);
	} else {
		snprintf(out[1], 64, "%ss", w);
		snprintf(out[2], 64, dbl ? "%s%ced" : "%sed", w, last);
		if (!dbl)
			snprintf(out[2], 64, "%sed", w);
	}
	if (last == 'e' && prev != 'e')
		snprintf(out[3], 64, "%.*sing", (int)(n - 1), w);
	else if (dbl)
		snprintf(out[3], 64, "%s%cing", w, last);
	else
		snprintf(out[3], 64, "%sing", w);
	return 4;
}

/* Expands a pattern head ("impose+ sanctions|restrictions") into every
 * concrete phrase and adds each to the words trie. Alternatives are '|'
 * inside a word; '+' inflects a verb, '++' doubles its last consonant. */
static int expand(struct loader *ld, char **words, size_t n, size_t at, struct buf *phrase,
		  struct dict_entry e)
{
	if (at == n)
		return add_key(ld, ld->d->words, buf_str(phrase), 1, e);
	char alt[256];
	snprintf(alt, sizeof(alt), "%s", words[at]);
	char *save = NULL;
	for (char *a = strtok_r(alt, "|", &save); a; a = strtok_r(NULL, "|", &save)) {
		size_t len = strlen(a);
		int plus = 0;
		while (len && a[len - 1] == '+') {
			a[--len] = '\0';
			plus++;
		}
		char forms[4][64];
		int nf = 1;
		if (plus)
			nf = inflect(a, plus > 1, forms);
		else
			snprintf(forms[0], 64, "%s", a);
		for (int k = 0; k < nf; k++) {
			size_t keep = phrase->len;
			if ((keep && buf_addch(phrase, ' ')) || buf_addstr(phrase, forms[k]))
				return fail(ld, "out of memory");
			int rc = expand(ld, words, n, at + 1, phrase, e);
			phrase->len = keep;
			if (phrase->data)
				phrase->data[keep] = '\0';
			if (rc)
				return -1;
		}
	}
	return 0;
}

static int add_tail(struct loader *ld, void *arg, char *item)
{
	struct dict_trigger *t = arg;
	uint64_t *p = realloc(t->tails, (t->n_tails + 1) * sizeof(*p));
	if (!p)
		return fail(ld, "out of memory");
	t->tails = p;
	for (char *c = item; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	/* A tail is one word: of a phrase ("to leave") the last word counts. */
	char *sp = strrchr(item, ' ');
	const char *word = sp ? sp + 1 : item;
	t->tails[t->n_tails++] = text_hash(word, strlen(word));
	/* The plural counts too: "recalled its ambassadors". */
	size_t n = strlen(word);
	if (n >= 3 && n < 60 && isalpha((unsigned char)word[n - 1]) && word[n - 1] != 's') {
		char plural[64];
		if (word[n - 1] == 'y' && !strchr("aeiou", word[n - 2]))
			snprintf(plural, sizeof(plural), "%.*sies", (int)(n - 1), word);
		else
			snprintf(plural, sizeof(plural), "%ss", word);
		p = realloc(t->tails, (t->n_tails + 1) * sizeof(*p));
		if (!p)
			return fail(ld, "out of memory");
		t->tails = p;
		t->tails[t->n_tails++] = text_hash(plural, strlen(plural));
	}
	return 0;
}

/* type  cameo  frame  pattern — frame: dir, sym or src, with ",noun" for a
 * nominal trigger; pattern: head words, optionally "... tail|tail" (a word
 * that must follow within 8 tokens). */
static int load_trigger(struct loader *ld, char *line)
{
	char *f[4] = {0};
	if (fields(line, f, 4) < 4 || !*f[3])
		return fail(ld, "an event pattern needs type, cameo, frame and pattern");
	struct dict *d = ld->d;
	struct dict_trigger *p = realloc(d->triggers, (d->n_triggers + 1) * sizeof(*p));
	if (!p)
		return fail(ld, "out of memory");
	d->triggers = p;
	struct dict_trigger *t = &d->triggers[d->n_triggers];
	memset(t, 0, sizeof(*t));
	if (!types_find(f[0]))
		return fail(ld, "unknown event type (add it to a types.tsv first)");
	snprintf(t->type, sizeof(t->type), "%s", f[0]);
	snprintf(t->cameo, sizeof(t->cameo), "%s", f[1]);
	/* Merging compares types for every pair of events: by number. */
	t->type_id = (uint32_t)d->n_triggers;
	for (size_t i = 0; i < d->n_triggers; i++)
		if (!strcmp(d->triggers[i].type, t->type)) {
			t->type_id = d->triggers[i].type_id;
			break;
		}
	t->frame = !strncmp(f[2], "sym", 3) ? FRAME_SYMMETRIC : !strncmp(f[2], "src", 3) ? FRAME_SOURCE
											  : FRAME_DIRECTED;
	if (strncmp(f[2], "sym", 3) && strncmp(f[2], "src", 3) && strncmp(f[2], "dir", 3))
		return fail(ld, "frame must be dir, sym or src");
	t->noun = strstr(f[2], "noun") != NULL;
	t->tail_window = 12;
	char *tail = strstr(f[3], "...");
	if (tail) {
		*tail = '\0';
		if (each_item(tail + 3, '|', add_tail, ld, t))
			return -1;
	}
	char *words[16];
	size_t n = 0;
	char *save = NULL;
	for (char *w = strtok_r(f[3], " ", &save); w && n < 16; w = strtok_r(NULL, " ", &save))
		words[n++] = w;
	if (!n)
		return fail(ld, "an empty pattern");
	struct dict_entry e = {ENT_TRIGGER, 0, (uint32_t)d->n_triggers++};
	struct buf phrase;
	buf_init(&phrase, 4096);
	int rc = expand(ld, words, n, 0, &phrase, e);
	buf_release(&phrase);
	return rc;
}

static int load_text(struct loader *ld, const char *name, char *text)
{
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	int (*fn)(struct loader *, char *) = NULL;
	if (!strcmp(base, "actors.tsv"))
		fn = load_actor;
	else if (!strcmp(base, "persons.tsv"))
		fn = load_person;
	else if (!strcmp(base, "titles.tsv"))
		fn = load_title;
	else if (!strcmp(base, "topics.tsv"))
		fn = load_topic;
	else if (!strcmp(base, "events.tsv"))
		fn = load_trigger;
	else if (!strcmp(base, "agencies.tsv"))
		return 0;  /* read by the report readers */
	else if (!strcmp(base, "grammar.tsv"))
		return 0;  /* read by the extractor's grammar (grammar.h) */
	else if (!strcmp(base, "types.tsv"))
		return 0;  /* read by the type table (util/types.h) */
	else if (!strcmp(base, "successions.tsv"))
		return 0;  /* read by the extractor (succession.h) */
	else {
		ld->file = name;
		ld->line = 0;
		return fail(ld, "unknown dictionary (name it actors.tsv, persons.tsv, titles.tsv, topics.tsv, events.tsv, grammar.tsv, types.tsv or successions.tsv)");
	}
	ld->file = name;
	ld->line = 0;
	char *p = text;
	while (p && *p) {
		char *next = strchr(p, '\n');
		if (next)
			*next++ = '\0';
		ld->line++;
		char *t = p;
		while (*t == ' ')
			t++;
		if (*t && *t != '#' && *t != '\r' && fn(ld, p))
			return -1;
		p = next;
	}
	return 0;
}

static int load_file(struct loader *ld, const char *path)
{
	struct buf b;
	char *why = NULL;
	ld->file = path;
	ld->line = 0;
	if (read_file_bounded(path, (size_t)64 << 20, &b, NULL, &why)) {
		int rc = fail(ld, why ? why : "it changed while it was read");
		free(why);
		return rc;
	}
	char *text = buf_detach(&b);
	if (!text)
		return fail(ld, "out of memory");
	int rc = load_text(ld, path, text);
	free(text);
	return rc;
}

static int load_path(struct loader *ld, const char *path)
{
	struct stat sb;
	if (stat(path, &sb) != 0) {
		ld->file = path;
		ld->line = 0;
		return fail(ld, "no such file or directory");
	}
	if (!S_ISDIR(sb.st_mode))
		return load_file(ld, path);
	static const char *const order[] = {"actors.tsv", "persons.tsv", "titles.tsv", "topics.tsv",
					    "events.tsv", NULL};
	for (int i = 0; order[i]; i++) {
		struct buf p;
		buf_init(&p, 0);
		buf_printf(&p, "%s/%s", path, order[i]);
		int rc = stat(buf_str(&p), &sb) == 0 ? load_file(ld, buf_str(&p)) : 0;
		buf_release(&p);
		if (rc)
			return -1;
	}
	return 0;
}

static const struct dict *sort_dict;   /* qsort has no context argument */

static int cmp_code(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	int c = strcmp(sort_dict->actors[x].code, sort_dict->actors[y].code);
	return c ? c : (x < y ? -1 : x > y);
}

static int cmp_person_code(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	int c = strcmp(sort_dict->persons[x].code, sort_dict->persons[y].code);
	return c ? c : (x < y ? -1 : x > y);
}

/* Sorts actor indices by code, keeping file order among equal codes (the
 * first row of a code is the state or organisation itself); persons
 * likewise. */
static int index_codes(struct dict *d)
{
	free(d->by_code);
	free(d->persons_by_code);
	d->persons_by_code = NULL;
	if (!(d->by_code = malloc((d->n_actors + 1) * sizeof(*d->by_code))) ||
	    !(d->persons_by_code = malloc((d->n_persons + 1) * sizeof(*d->persons_by_code))))
		return -1;
	for (size_t i = 0; i < d->n_actors; i++)
		d->by_code[i] = (uint32_t)i;
	for (size_t i = 0; i < d->n_persons; i++)
		d->persons_by_code[i] = (uint32_t)i;
	sort_dict = d;
	qsort(d->by_code, d->n_actors, sizeof(*d->by_code), cmp_code);
	qsort(d->persons_by_code, d->n_persons, sizeof(*d->persons_by_code), cmp_person_code);
	sort_dict = NULL;
	return 0;
}

int dict_load(struct dict *d, const char *const *extra, size_t n_extra, char **err)
{
	memset(d, 0, sizeof(*d));
	struct loader ld = {.d = d, .err = err};
	token_list_init(&ld.toks);
	int rc = -1;
	if (!(d->names = trie_new()) || !(d->words = trie_new())) {
		*err = strdup("out of memory");
		goto out;
	}
	for (const struct embedded_file *f = embedded_dict; f->name; f++) {
		char *text = strdup(f->data);
		if (!text) {
			*err = strdup("out of memory");
			goto out;
		}
		int r = load_text(&ld, f->name, text);
		free(text);
		if (r)
			goto out;
	}
	for (size_t i = 0; i < n_extra; i++)
		if (load_path(&ld, extra[i]))
			goto out;
	if (index_codes(d) || trie_finish(d->names) || trie_finish(d->words)) {
		*err = strdup("out of memory");
		goto out;
	}
	d->names_first = d->names->root_filter;
	d->words_first = d->words->root_filter;
	rc = 0;
out:
	token_list_release(&ld.toks);
	if (rc)
		dict_release(d);
	return rc;
}

static void free_strs(char **s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(s[i]);
	free(s);
}

void dict_release(struct dict *d)
{
	for (size_t i = 0; i < d->n_actors; i++) {
		free(d->actors[i].name);
		free(d->actors[i].code);
		free(d->actors[i].adjective);
		free(d->actors[i].short_form);
		free_strs(d->actors[i].aliases, d->actors[i].n_aliases);
	}
	free(d->actors);
	for (size_t i = 0; i < d->n_persons; i++) {
		struct dict_person *p = &d->persons[i];
		free(p->name);
		free(p->code);
		free(p->surname);
		for (size_t k = 0; k < p->n_roles; k++)
			free(p->roles[k].title);
		free(p->roles);
		free_strs(p->aliases, p->n_aliases);
	}
	free(d->persons);
	for (size_t i = 0; i < d->n_titles; i++)
		free_strs(d->titles[i].codes, d->titles[i].n_codes);
	free(d->titles);
	free_strs(d->topics, d->n_topics);
	for (size_t i = 0; i < d->n_triggers; i++)
		free(d->triggers[i].tails);
	free(d->triggers);
	trie_free(d->names);
	trie_free(d->words);
	free(d->by_code);
	free(d->persons_by_code);
	memset(d, 0, sizeof(*d));
}

static int64_t day_of(const struct cdate *c, int end)
{
	int m = c->month ? c->month : (end ? 12 : 1);
	int dd = c->day ? c->day : (end ? days_in_month(c->year, m) : 1);
	return days_from_civil(c->year, m, dd);
}

static int role_covers(const struct dict_role *r, const struct cdate *when)
{
	if (when->prec == PREC_UNKNOWN)
		return 1;
	int64_t lo = day_of(when, 0), hi = day_of(when, 1);
	int64_t from = day_of(&r->from, 0);
	int64_t to = r->to.prec == PREC_UNKNOWN ? INT64_MAX : day_of(&r->to, 1);
	return from <= hi && to >= lo;
}

const struct dict_role *dict_person_role(const struct dict_person *p, const struct cdate *when)
{
	const struct dict_role *best = NULL;
	for (size_t i = 0; i < p->n_roles; i++) {
		if (when->prec != PREC_UNKNOWN && role_covers(&p->roles[i], when))
			return &p->roles[i];
		if (!best || day_of(&p->roles[i].from, 0) > day_of(&best->from, 0))
			best = &p->roles[i];
	}
	return when->prec == PREC_UNKNOWN ? best : NULL;
}

long dict_role_holder(const struct dict *d, const char *role, const char *code, const struct cdate *when)
{
	if (when->prec == PREC_UNKNOWN || !d->persons_by_code)
		return -1;
	/* The persons of this code, in file order: the first holder wins. */
	size_t lo = 0, hi = d->n_persons;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(d->persons[d->persons_by_code[mid]].code, code) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t at = lo; at < d->n_persons; at++) {
		size_t i = d->persons_by_code[at];
		const struct dict_person *p = &d->persons[i];
		if (strcmp(p->code, code))
			break;
		for (size_t k = 0; k < p->n_roles; k++)
			if (!strcmp(p->roles[k].role, role) && role_covers(&p->roles[k], when)) {
				/* A day on which two held the office (handover) goes to the newer one. */
				return (long)i;
			}
	}
	return -1;
}

long dict_actor_by_code(const struct dict *d, const char *code)
{
	size_t lo = 0, hi = d->by_code ? d->n_actors : 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(d->actors[d->by_code[mid]].code, code) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < d->n_actors && d->by_code && !strcmp(d->actors[d->by_code[lo]].code, code))
		return (long)d->by_code[lo];
	return -1;
}

static int generational_suffix(const char *w, size_t n)
{
	static const char *const suffixes[] = {"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV", NULL};
	for (size_t i = 0; suffixes[i]; i++)
		if (strlen(suffixes[i]) == n && !memcmp(w, suffixes[i], n))
			return 1;
	return 0;
}

const char *dict_surname(const char *name, size_t *len)
{
	size_t n = strlen(name);
	while (n && name[n - 1] == ' ')
		n--;
	for (int pass = 0; pass < 2; pass++) {
		size_t b = n;
		while (b && name[b - 1] != ' ')
			b--;
		/* Not a suffix, or nothing before it: this word. */
		if (!pass && b && generational_suffix(name + b, n - b)) {
			n = b;
			while (n && (name[n - 1] == ' ' || name[n - 1] == ','))
				n--;
			continue;
		}
		*len = n - b;
		return name + b;
	}
	*len = 0;
	return name;
}
