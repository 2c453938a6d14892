/* The extraction dictionaries: loading the TSV files and the token tries.
 * See dict.h. */
#include "ingest/dict.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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
	struct pending {
		uint32_t node;
		struct dict_entry e;
	} *pend;
	size_t n_pend, cap_pend;
	struct dict_entry *entries;
	size_t keys, compares;  /* work done loading (dict_load_work) */
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
	/* Skip a duplicate entry for the same key ("Group Front" given as a
	 * row's name and again as its alias). While loading, a node's `first`
	 * is 1 + its latest pending entry. A row adds all its keys, of one kind
	 * and index, before the next row is read: a duplicate can only be the
	 * node's latest entry. One comparison, where walking all of the node's
	 * entries made a key shared by n rows ("the rebels") cost n^2 / 2. */
	t->keys++;
	uint32_t last = t->nodes[node].first;
	if (last) {
		t->compares++;
		if (t->pend[last - 1].e.kind == e.kind && t->pend[last - 1].e.idx == e.idx)
			return 0;
	}
	if (t->n_pend == t->cap_pend) {
		size_t cap = t->cap_pend ? t->cap_pend * 2 : 1024;
		struct pending *p = realloc(t->pend, cap * sizeof(*p));
		if (!p)
			return -1;
		t->pend = p;
		t->cap_pend = cap;
	}
	t->pend[t->n_pend] = (struct pending){node, e};
	t->nodes[node].first = (uint32_t)++t->n_pend;
	return 0;
}

/* By node, then in file order: the first wording of a key is tried first. */
static int cmp_pending(const void *a, const void *b)
{
	const struct pending *x = a, *y = b;
	if (x->node != y->node)
		return x->node < y->node ? -1 : 1;
	return x->e.idx < y->e.idx ? -1 : x->e.idx > y->e.idx;
}

/* Packs the entries by node once everything is loaded. With `inherit`
 * (event wording), a key's entries are followed by those of the shorter
 * keys it extends, nearest first: where the wordings of the longest key all
 * miss their required tail, a shorter one may still be taken ("called ...
 * unacceptable" under "called on"). */
static int trie_finish(struct trie *t, int inherit)
{
	if (t->n_pend)   /* qsort(NULL, 0, ...) is undefined */
		qsort(t->pend, t->n_pend, sizeof(*t->pend), cmp_pending);
	for (size_t i = 0; i < t->n_nodes; i++)
		t->nodes[i].first = t->nodes[i].n = 0;
	for (size_t i = 0; i < t->n_pend; i++) {
		struct trie_node *nd = &t->nodes[t->pend[i].node];
		if (!nd->n)
			nd->first = (uint32_t)i;
		nd->n++;
	}
	size_t total = t->n_pend, max_idx = 0;
	for (size_t i = 0; i < t->n_pend; i++)
		if (t->pend[i].e.idx > max_idx)
			max_idx = t->pend[i].e.idx;
	if (inherit)
		for (size_t i = 1; i < t->n_nodes; i++)
			for (uint32_t p = t->nodes[i].parent; t->nodes[i].n && p; p = t->nodes[p].parent)
				total += t->nodes[p].n;
	free(t->entries);
	t->entries = malloc((total ? total : 1) * sizeof(*t->entries));
	uint32_t *first = malloc((t->n_nodes ? t->n_nodes : 1) * sizeof(*first));
	uint32_t *count = malloc((t->n_nodes ? t->n_nodes : 1) * sizeof(*count));
	/* mark[kind][idx] = 1 + the node whose entries hold (kind, idx) already:
	 * an inherited entry is checked against them in one step. */
	size_t stride = max_idx + 1;
	uint32_t *mark = inherit ? calloc(stride * 8, sizeof(*mark)) : NULL;
	if (!t->entries || !first || !count || (inherit && !mark)) {
		free(first);
		free(count);
		free(mark);
		return -1;
	}
	size_t at = 0;
	for (size_t i = 0; i < t->n_nodes; i++) {
		const struct trie_node *nd = &t->nodes[i];
		first[i] = (uint32_t)at;
		for (uint32_t k = 0; k < nd->n; k++) {
			struct dict_entry e = t->pend[nd->first + k].e;
			t->entries[at++] = e;
			if (mark)
				mark[(e.kind & 7) * stride + e.idx] = (uint32_t)i + 1;
		}
		for (uint32_t p = nd->parent; inherit && nd->n && i && p; p = t->nodes[p].parent)
			for (uint32_t k = 0; k < t->nodes[p].n; k++) {
				struct dict_entry e = t->pend[t->nodes[p].first + k].e;
				uint32_t *m = &mark[(e.kind & 7) * stride + e.idx];
				t->compares++;
				if (*m != (uint32_t)i + 1) {
					*m = (uint32_t)i + 1;
					t->entries[at++] = e;
				}
			}
		count[i] = (uint32_t)(at - first[i]);
	}
	for (size_t i = 0; i < t->n_nodes; i++) {
		t->nodes[i].first = count[i] ? first[i] : 0;
		t->nodes[i].n = count[i];
	}
	free(first);
	free(count);
	free(mark);
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
	*ld->err = buf_finish_msg(&m, "a dictionary's error message");
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
	/* Grown geometrically: a row at a time would copy the array per row. */
	if (grow_array((void **)&d->actors, &d->cap_actors, d->n_actors + 1, sizeof(*d->actors)))
		return fail(ld, "out of memory");
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

/* The first (end = 0) or last (end = 1) day a member's date stands for;
 * an unknown date is open: before or after every other. */
static int64_t member_day(const struct cdate *d, int end)
{
	if (d->prec == PREC_UNKNOWN)
		return end ? INT64_MAX : INT64_MIN;
	int m = d->prec >= PREC_MONTH ? d->month : end ? 12 : 1;
	int day = d->prec >= PREC_DAY ? d->day : end ? days_in_month(d->year, m) : 1;
	return days_from_civil(d->year, m, day);
}

/* A member of groups.tsv: CODE, or CODE|from|to for one that joined or
 * left (either date may be empty). Its code is checked once every file is
 * read (check_groups): a --dict groups.tsv may name a state of a --dict
 * actors.tsv read after it. */
static int add_member(struct loader *ld, void *arg, char *item)
{
	struct dict_group *g = arg;
	char *parts[3] = {item, NULL, NULL};
	int n = 1;
	for (char *c = item; *c; c++)
		if (*c == '|') {
			if (n == 3)
				return fail(ld, "a member is CODE or CODE|from|to");
			*c = '\0';
			parts[n++] = c + 1;
		}
	struct dict_member m;
	memset(&m, 0, sizeof(m));
	const char *c = trim(parts[0]);
	size_t cl = strlen(c);
	if (cl < 2 || cl >= sizeof(m.code) || strspn(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != cl)
		return fail(ld, "a member's code is two to seven capital letters");
	memcpy(m.code, c, cl + 1);
	if (n > 1 && *trim(parts[1]) && cdate_parse(trim(parts[1]), &m.from))
		return fail(ld, "a member's start date must be YYYY-MM-DD or empty");
	if (n > 2 && *trim(parts[2]) && cdate_parse(trim(parts[2]), &m.to))
		return fail(ld, "a member's end date must be YYYY-MM-DD or empty");
	if (member_day(&m.from, 0) > member_day(&m.to, 1))
		return fail(ld, "a member's start date is after its end date");
	/* (a state that left and came back is listed once per stay) */
	for (size_t k = 0; k < g->n_members; k++)
		if (!strcmp(g->members[k].code, m.code) && member_day(&g->members[k].from, 0) <= member_day(&m.to, 1) &&
		    member_day(&m.from, 0) <= member_day(&g->members[k].to, 1))
			return fail(ld, "a member is listed twice for the same time");
	if (grow_array((void **)&g->members, &g->cap_members, g->n_members + 1, sizeof(*g->members)))
		return fail(ld, "out of memory");
	g->members[g->n_members++] = m;
	return 0;
}

static int add_group_name(struct loader *ld, void *arg, char *item)
{
	struct dict_entry e = {ENT_GROUP, 0, (uint32_t)*(size_t *)arg};
	return add_key(ld, ld->d->names, item, 0, e);
}

static int load_group(struct loader *ld, char *line)
{
	char *f[4] = {0};
	if (fields(line, f, 4) != 3)
		return fail(ld, "a group has three columns: name, aliases, members");
	if (!*f[0])
		return fail(ld, "a group needs a name");
	struct dict *d = ld->d;
	if (grow_array((void **)&d->groups, &d->cap_groups, d->n_groups + 1, sizeof(*d->groups)))
		return fail(ld, "out of memory");
	size_t idx = d->n_groups++;
	struct dict_group *g = &d->groups[idx];
	memset(g, 0, sizeof(*g));
	g->line = ld->line;
	if (!(g->name = strdup(f[0])) || !(g->file = strdup(ld->file)))
		return fail(ld, "out of memory");
	if (each_item(f[2], ';', add_member, ld, g))
		return -1;
	/* (a group of one is another name of its state: actors.tsv) */
	if (g->n_members < 2)
		return fail(ld, "a group needs two members or more");
	/* (its mentions are made side by side, at most this many: the parties
	 * an event holds) */
	if (g->n_members > DICT_GROUP_MAX_MEMBERS)
		return fail(ld, "a group has at most 32 members");
	if (add_group_name(ld, &idx, f[0]) || each_item(f[1], ';', add_group_name, ld, &idx))
		return -1;
	return 0;
}

/* Every member of every group is a state of actors.tsv; else *err names the
 * group's file and line. */
static int check_groups(struct dict *d, char **err)
{
	for (size_t i = 0; i < d->n_groups; i++)
		for (size_t k = 0; k < d->groups[i].n_members; k++) {
			const struct dict_member *m = &d->groups[i].members[k];
			long a = dict_actor_by_code(d, m->code);
			if (a >= 0 && d->actors[a].kind == ACTOR_STATE)
				continue;
			struct loader ld = {.d = d, .file = d->groups[i].file, .line = d->groups[i].line, .err = err};
			struct buf why;
			buf_init(&why, 256);
			buf_printf(&why, "member '%s' is %s", m->code, a < 0 ? "no code of actors.tsv" : "no state");
			int rc = fail(&ld, buf_failed(&why) ? "a member is no state of actors.tsv" : buf_str(&why));
			buf_release(&why);
			return rc;
		}
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
	char *parts[5] = {0};
	int n = 0;
	parts[n++] = item;
	for (char *c = item; *c && n < 5; c++)
		if (*c == '|') {
			*c = '\0';
			parts[n++] = c + 1;
		}
	if (n < 3)
		return fail(ld, "a role is role|title|from|to, optionally |code");
	struct dict_role r;
	memset(&r, 0, sizeof(r));
	snprintf(r.role, sizeof(r.role), "%s", trim(parts[0]));
	if (cdate_parse(trim(parts[2]), &r.from))
		return fail(ld, "a role's start date must be YYYY-MM-DD");
	if (n > 3 && *trim(parts[3]) && cdate_parse(trim(parts[3]), &r.to))
		return fail(ld, "a role's end date must be YYYY-MM-DD or empty");
	/* "Shevardnadze: Soviet foreign minister, later Georgia's head of state":
	 * a role may act for another code than the person's. */
	if (n > 4 && *trim(parts[4])) {
		const char *c = trim(parts[4]);
		size_t cl = strlen(c);
		if (cl < 2 || cl >= sizeof(r.code) || strspn(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != cl)
			return fail(ld, "a role's code is two to seven capital letters");
		memcpy(r.code, c, cl + 1);
	}
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
	if (grow_array((void **)&d->persons, &d->cap_persons, d->n_persons + 1, sizeof(*d->persons)))
		return fail(ld, "out of memory");
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
	if (!strcmp(f[1], "none")) {
		/* Not an office: a word for people or a body outside the state. */
		if (strchr(f[0], ' '))
			return fail(ld, "a title of role none is one word");
		char w[64];
		size_t l = strlen(f[0]);
		if (l >= sizeof(w))
			return fail(ld, "a title of role none is one word");
		for (size_t k = 0; k <= l; k++)
			w[k] = (char)tolower((unsigned char)f[0][k]);
		uint64_t *q = realloc(d->private_heads, (d->n_private_heads + 1) * sizeof(*q));
		if (!q)
			return fail(ld, "out of memory");
		d->private_heads = q;
		q[d->n_private_heads++] = text_hash(w, l);
		return 0;
	}
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

/* The forms of one pattern word: a verb's inflections, a noun and its
 * plural, for each of its alternatives. A word giving more is refused at
 * load (its row is split), never cut short in silence. */
#define MAX_FORMS 64
#define FORM_LEN 64

struct forms {
	char f[MAX_FORMS][FORM_LEN];
	int n;
	int over;   /* a form did not fit */
};

static void add_form(struct forms *fs, const char *s)
{
	if (!*s || strlen(s) >= FORM_LEN)
		return;
	for (int i = 0; i < fs->n; i++)
		if (!strcmp(fs->f[i], s))
			return;
	if (fs->n < MAX_FORMS)
		snprintf(fs->f[fs->n++], FORM_LEN, "%s", s);
	else
		fs->over = 1;
}

static int is_vowel(char c)
{
	return c && strchr("aeiou", c) != NULL;
}

/* A word of one syllable ending consonant-vowel-consonant ("ban", "slam",
 * "ship") doubles its last consonant before -ed and -ing; w, x and y never
 * double ("row", "fix", "stay"). */
static int doubles_by_rule(const char *w, size_t n)
{
	if (n < 3 || is_vowel(w[n - 1]) || strchr("wxy", w[n - 1]) || !is_vowel(w[n - 2]) || is_vowel(w[n - 3]))
		return 0;
	int groups = 0;
	for (size_t i = 0; i < n; i++)
		if (is_vowel(w[i]) && (i == 0 || !is_vowel(w[i - 1])))
			groups++;
	return groups == 1;
}

/* A word of more than one syllable ending in a short vowel and "l"
 * ("travel", "label", "cancel", "expel", "initial", "fuel"): British English
 * doubles the l, American English does not; both are written. Two vowels
 * that make one sound do not double ("reveal", "appeal", "boil"). */
static int doubles_l(const char *w, size_t n)
{
	if (n < 4 || w[n - 1] != 'l' || !is_vowel(w[n - 2]) || doubles_by_rule(w, n))
		return 0;
	if (!is_vowel(w[n - 3]))
		return 1;
	static const char *const split[] = {"ial", "ual", "uel", NULL};
	for (size_t i = 0; split[i]; i++) {
		size_t k = strlen(split[i]);
		if (n > k && !strcmp(w + n - k, split[i]))
			return 1;
	}
	return 0;
}

static void third_person(const char *w, size_t n, char *out)
{
	char last = w[n - 1], prev = n > 1 ? w[n - 2] : 0;
	if (last == 'y' && !is_vowel(prev))
		snprintf(out, FORM_LEN, "%.*sies", (int)(n - 1), w);
	else if (last == 's' || last == 'x' || last == 'z' || (last == 'h' && (prev == 'c' || prev == 's')) ||
		 (last == 'o' && !is_vowel(prev)))
		snprintf(out, FORM_LEN, "%ses", w);
	else
		snprintf(out, FORM_LEN, "%ss", w);
}

static void past_form(const char *w, size_t n, int dbl, char *out)
{
	char last = w[n - 1], prev = n > 1 ? w[n - 2] : 0;
	if (last == 'y' && !is_vowel(prev))
		snprintf(out, FORM_LEN, "%.*sied", (int)(n - 1), w);
	else if (last == 'e')
		snprintf(out, FORM_LEN, "%sd", w);
	else if (dbl)
		snprintf(out, FORM_LEN, "%s%ced", w, last);
	else
		snprintf(out, FORM_LEN, "%sed", w);
}

static void ing_form(const char *w, size_t n, int dbl, char *out)
{
	char last = w[n - 1], prev = n > 1 ? w[n - 2] : 0;
	if (last == 'e' && prev == 'i')
		snprintf(out, FORM_LEN, "%.*sying", (int)(n - 2), w);     /* tie -> tying */
	else if (last == 'e' && n > 2 && prev != 'e' && prev != 'o' && prev != 'y')
		snprintf(out, FORM_LEN, "%.*sing", (int)(n - 1), w);      /* issue -> issuing */
	else if (dbl)
		snprintf(out, FORM_LEN, "%s%cing", w, last);
	else
		snprintf(out, FORM_LEN, "%sing", w);
}

/* The plural of a noun: -s, -es after a sibilant, -ies after consonant + y. */
static void plural_form(const char *w, size_t n, char *out)
{
	/* "talks", "relations": already plural; "process", "thesis", "census" are not. */
	if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i')
		snprintf(out, FORM_LEN, "%s", w);
	else
		third_person(w, n, out);
}

static const struct dict_lemma *find_lemma(const struct dict *d, const char *w)
{
	for (size_t i = 0; d && i < d->n_lemmas; i++)
		if (!strcmp(d->lemmas[i].lemma, w))
			return &d->lemmas[i];
	return NULL;
}

void dict_verb_forms_of(const struct dict *d, const char *w, int dbl, unsigned which, struct dict_forms_out *out)
{
	struct forms fs = {.n = 0};
	size_t n = strlen(w);
	out->n = 0;
	if (!n || n >= FORM_LEN - 4)
		return;
	const struct dict_lemma *lm = find_lemma(d, w);
	int irregular = lm && (lm->n_past || lm->n_participle);
	char tmp[FORM_LEN];
	if (which & DICT_VF_BASE)
		add_form(&fs, w);
	third_person(w, n, tmp);
	if (which & DICT_VF_S)
		add_form(&fs, tmp);
	int dbl_ing = dbl || doubles_by_rule(w, n);
	if (irregular) {
		for (size_t i = 0; (which & DICT_VF_ED) && i < lm->n_past; i++)
			add_form(&fs, lm->past[i]);
		for (size_t i = 0; (which & DICT_VF_ED) && i < lm->n_participle; i++)
			add_form(&fs, lm->participle[i]);
		/* "regretted": the table's past doubles, so does -ing. */
		snprintf(tmp, sizeof(tmp), "%s%ced", w, w[n - 1]);
		for (size_t i = 0; i < lm->n_past; i++)
			dbl_ing |= !strcmp(lm->past[i], tmp);
	} else if (which & DICT_VF_ED) {
		past_form(w, n, dbl_ing, tmp);
		add_form(&fs, tmp);
		if (doubles_l(w, n)) {
			past_form(w, n, !dbl, tmp);
			add_form(&fs, tmp);
		}
	}
	if (which & DICT_VF_ING) {
		ing_form(w, n, dbl_ing, tmp);
		add_form(&fs, tmp);
		if (doubles_l(w, n) && !irregular) {
			ing_form(w, n, !dbl_ing, tmp);
			add_form(&fs, tmp);
		}
	}
	for (int i = 0; i < fs.n && i < DICT_MAX_FORMS; i++)
		snprintf(out->f[out->n++], sizeof(out->f[0]), "%s", fs.f[i]);
}

void dict_verb_forms(const struct dict *d, const char *w, int dbl, struct dict_forms_out *out)
{
	dict_verb_forms_of(d, w, dbl, DICT_VF_ALL, out);
}

int dict_noun_forms(const struct dict *d, const char *w, struct dict_forms_out *out)
{
	out->n = 0;
	const struct dict_lemma *lm = find_lemma(d, w);
	if (!lm || !lm->n_nouns)
		return -1;
	struct forms fs = {.n = 0};
	char tmp[FORM_LEN];
	for (size_t i = 0; i < lm->n_nouns; i++) {
		size_t n = strlen(lm->nouns[i]);
		if (!n || n >= FORM_LEN - 4)
			continue;
		add_form(&fs, lm->nouns[i]);
		plural_form(lm->nouns[i], n, tmp);
		add_form(&fs, tmp);
	}
	for (int i = 0; i < fs.n && i < DICT_MAX_FORMS; i++)
		snprintf(out->f[out->n++], sizeof(out->f[0]), "%s", fs.f[i]);
	return 0;
}

/* verbs.tsv: lemma  past  participle  nouns — the irregular forms of a verb
 * (empty when regular) and its nominalisations, each column a ';' list. */
static int add_list(struct loader *ld, void *arg, char *item)
{
	struct { char ***arr; size_t *n; } *a = arg;
	for (char *c = item; *c; c++) {
		*c = (char)tolower((unsigned char)*c);
		if (*c == ' ' || *c == '|' || *c == '+' || *c == '~')
			return fail(ld, "a verb form or noun is one word, without spaces, '|', '+' or '~'");
	}
	if (strlen(item) >= FORM_LEN - 4)
		return fail(ld, "a word of more than 59 letters");
	return push_str(a->arr, a->n, item) ? fail(ld, "out of memory") : 0;
}

static int load_lemma(struct loader *ld, char *line)
{
	char *f[4] = {0};
	int n = fields(line, f, 4);
	if (n < 2 || !*f[0])
		return fail(ld, "a verb needs lemma, past, participle and nouns (empty columns keep their tabs)");
	for (char *c = f[0]; *c; c++) {
		*c = (char)tolower((unsigned char)*c);
		if (!isalpha((unsigned char)*c) && *c != '-')
			return fail(ld, "a lemma is one word of letters");
	}
	if (strlen(f[0]) >= FORM_LEN - 4)
		return fail(ld, "a word of more than 59 letters");
	struct dict *d = ld->d;
	/* A later row for the same lemma (an analyst's file) adds to it. */
	struct dict_lemma *lm = (struct dict_lemma *)find_lemma(d, f[0]);
	if (!lm) {
		struct dict_lemma *p = realloc(d->lemmas, (d->n_lemmas + 1) * sizeof(*p));
		if (!p)
			return fail(ld, "out of memory");
		d->lemmas = p;
		lm = &d->lemmas[d->n_lemmas++];
		memset(lm, 0, sizeof(*lm));
		if (!(lm->lemma = strdup(f[0])))
			return fail(ld, "out of memory");
	}
	struct { char ***arr; size_t *n; } past = {&lm->past, &lm->n_past}, part = {&lm->participle, &lm->n_participle},
					     nouns = {&lm->nouns, &lm->n_nouns};
	if ((n > 1 && each_item(f[1], ';', add_list, ld, &past)) || (n > 2 && each_item(f[2], ';', add_list, ld, &part)) ||
	    (n > 3 && each_item(f[3], ';', add_list, ld, &nouns)))
		return -1;
	if (lm->n_past && !lm->n_participle)
		return fail(ld, "a verb with an irregular past needs its participle too (write it again if the same)");
	if (!lm->n_past && !lm->n_participle && !lm->n_nouns)
		return fail(ld, "a verb row with neither irregular forms nor nouns says nothing");
	return 0;
}

/* The forms of one pattern word ("condemn+", "protest~", "a|an|the"):
 * '+' gives a verb's forms (regular, or irregular from verbs.tsv), "++"
 * doubles the last consonant, '~' gives the nominalisations verbs.tsv
 * declares for the lemma (with their plurals). */
static int word_forms(struct loader *ld, const char *word, struct forms *fs)
{
	char alt[256];
	if (strlen(word) >= sizeof(alt))
		return fail(ld, "a pattern word with more than 255 letters of alternatives");
	snprintf(alt, sizeof(alt), "%s", word);
	fs->n = 0;
	fs->over = 0;
	char *save = NULL;
	for (char *a = strtok_r(alt, "|", &save); a; a = strtok_r(NULL, "|", &save)) {
		size_t len = strlen(a);
		int plus = 0, nouns = 0;
		unsigned which = DICT_VF_ALL;
		if (len && a[len - 1] == '~') {
			nouns = 1;
			a[--len] = '\0';
		}
		char *p = strchr(a, '+');
		if (p) {
			/* "meet+", "ban++", "meet+ed", "hold+s", "sign+ing" */
			char *sel = p;
			while (*sel == '+') {
				plus++;
				sel++;
			}
			if (!*sel)
				which = DICT_VF_ALL;
			else if (!strcmp(sel, "ed"))
				which = DICT_VF_ED;
			else if (!strcmp(sel, "s"))
				which = DICT_VF_S;
			else if (!strcmp(sel, "ing"))
				which = DICT_VF_ING;
			else
				return fail(ld, "after '+' comes nothing, 'ed', 's' or 'ing' ('meet+ed' is met)");
			*p = '\0';
			len = strlen(a);
		}
		for (char *c = a; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		if (!len)
			return fail(ld, "an empty word in a pattern ('+' or '~' follows a word: 'condemn+', 'protest~')");
		if (len >= FORM_LEN - 4)
			return fail(ld, "a pattern word of more than 59 letters");
		if (plus > 2)
			return fail(ld, "'+' gives a verb's forms and '++' doubles its last consonant: no more '+'");
		if (strchr(a, '~'))
			return fail(ld, "'~' comes at the end of a word");
		struct dict_forms_out o;
		if (plus) {
			dict_verb_forms_of(ld->d, a, plus > 1, which, &o);
			for (int k = 0; k < o.n; k++)
				add_form(fs, o.f[k]);
		}
		if (nouns) {
			if (dict_noun_forms(ld->d, a, &o)) {
				char m[160];
				snprintf(m, sizeof(m), "'%s~' asks for the nouns of '%s', which verbs.tsv does not give", a, a);
				return fail(ld, m);
			}
			for (int k = 0; k < o.n; k++)
				add_form(fs, o.f[k]);
		}
		if (!plus && !nouns)
			add_form(fs, a);
	}
	if (fs->over)
		return fail(ld, "a pattern word whose alternatives give more than 64 forms (split them over several rows)");
	return 0;
}

/* Expands a pattern head ("impose+ sanctions|restrictions") into every
 * concrete phrase and adds each to the words trie. */
static int expand(struct loader *ld, char **words, size_t n, size_t at, struct buf *phrase,
		  struct dict_entry e)
{
	if (at == n)
		return add_key(ld, ld->d->words, buf_str(phrase), 1, e);
	struct forms fs;
	if (word_forms(ld, words[at], &fs))
		return -1;
	for (int k = 0; k < fs.n; k++) {
		size_t keep = phrase->len;
		if ((keep && buf_addch(phrase, ' ')) || buf_addstr(phrase, fs.f[k]))
			return fail(ld, "out of memory");
		int rc = expand(ld, words, n, at + 1, phrase, e);
		phrase->len = keep;
		if (phrase->data)
			phrase->data[keep] = '\0';
		if (rc)
			return -1;
	}
	return 0;
}

static int push_tail(struct loader *ld, struct dict_trigger *t, const char *word)
{
	uint64_t h = text_hash(word, strlen(word));
	for (size_t i = 0; i < t->n_tails; i++)
		if (t->tails[i] == h)
			return 0;
	uint64_t *p = realloc(t->tails, (t->n_tails + 1) * sizeof(*p));
	if (!p)
		return fail(ld, "out of memory");
	t->tails = p;
	t->tails[t->n_tails++] = h;
	return 0;
}

static int add_tail(struct loader *ld, void *arg, char *item)
{
	struct dict_trigger *t = arg;
	for (char *c = item; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	/* A tail is one word: of a phrase ("to leave") the last word counts. */
	char *sp = strrchr(item, ' ');
	char *word = sp ? sp + 1 : item;
	size_t n = strlen(word);
	if (n && (strchr(word, '+') || word[n - 1] == '~')) {
		/* "... protest~" or "... leave+": the forms, as for a head word. */
		struct forms fs;
		if (word_forms(ld, word, &fs))
			return -1;
		for (int k = 0; k < fs.n; k++)
			if (push_tail(ld, t, fs.f[k]))
				return -1;
		return 0;
	}
	if (push_tail(ld, t, word))
		return -1;
	/* The plural counts too: "recalled its ambassadors". */
	if (n >= 3 && n < 60 && isalpha((unsigned char)word[n - 1]) && word[n - 1] != 's') {
		char plural[FORM_LEN];
		third_person(word, n, plural);
		if (push_tail(ld, t, plural))
			return -1;
	}
	return 0;
}

/* type  cameo  frame  pattern — frame: dir, sym or src, with ",noun" for a
 * nominal trigger; pattern: head words, optionally "... tail|tail" (a word
 * that must follow within 12 tokens). */
static int load_trigger(struct loader *ld, char *line)
{
	char *f[5] = {0};
	int nf = fields(line, f, 5);
	if (nf < 4 || !*f[3])
		return fail(ld, "an event pattern needs type, cameo, frame and pattern");
	if (nf > 4)
		return fail(ld, "an event pattern has four columns: type, cameo, frame, pattern");
	/* The types are those of the type table (dict/types.tsv, docs/events.md). */
	if (!types_find(f[0]))
		return fail(ld, "unknown event type (the types are those of types.tsv; add it to a types.tsv first)");
	size_t cl = strlen(f[1]);
	if (cl < 2 || cl > 4 || strspn(f[1], "0123456789") != cl)
		return fail(ld, "a CAMEO code is two to four digits");
	if (strcmp(f[2], "dir") && strcmp(f[2], "sym") && strcmp(f[2], "src") && strcmp(f[2], "dir,noun") &&
	    strcmp(f[2], "sym,noun") && strcmp(f[2], "src,noun") && strcmp(f[2], "spk"))
		return fail(ld, "frame must be dir, sym, src or spk, the first three optionally with ',noun'");
	struct dict *d = ld->d;
	struct dict_trigger *p = realloc(d->triggers, (d->n_triggers + 1) * sizeof(*p));
	if (!p)
		return fail(ld, "out of memory");
	d->triggers = p;
	struct dict_trigger *t = &d->triggers[d->n_triggers];
	memset(t, 0, sizeof(*t));
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
	t->noun = strstr(f[2], "noun") != NULL;
	t->speaker = !strcmp(f[2], "spk");   /* read as dir, its parties swapped (extract/events.c) */
	t->tail_window = 12;
	/* The trigger is counted from here on, so that a failure below frees its tails. */
	d->n_triggers++;
	char *tail = strstr(f[3], "...");
	if (tail) {
		*tail = '\0';
		if (each_item(tail + 3, '|', add_tail, ld, t))
			return -1;
		if (!t->n_tails)
			return fail(ld, "'...' needs the words one of which must follow ('... sanctions|embargo')");
	}
	char *words[16];
	size_t n = 0;
	char *save = NULL;
	for (char *w = strtok_r(f[3], " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		if (n == 16)
			return fail(ld, "a pattern of more than 16 words before '...'");
		words[n++] = w;
	}
	if (!n)
		return fail(ld, "an empty pattern");
	struct dict_entry e = {ENT_TRIGGER, 0, (uint32_t)(d->n_triggers - 1)};
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
	else if (!strcmp(base, "verbs.tsv"))
		fn = load_lemma;
	else if (!strcmp(base, "groups.tsv"))
		fn = load_group;
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
		return fail(ld, "unknown dictionary (name it actors.tsv, groups.tsv, persons.tsv, titles.tsv, topics.tsv, verbs.tsv, events.tsv, grammar.tsv, types.tsv or successions.tsv)");
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
	/* verbs.tsv before events.tsv: the patterns inflect with its forms. */
	static const char *const order[] = {"actors.tsv", "groups.tsv", "persons.tsv", "titles.tsv",
					    "topics.tsv", "verbs.tsv", "events.tsv", NULL};
	for (int i = 0; order[i]; i++) {
		struct buf p;
		buf_init(&p, 0);
		buf_printf(&p, "%s/%s", path, order[i]);
		int rc = buf_failed(&p) ? fail(ld, "out of memory naming its files")
			 : stat(buf_str(&p), &sb) == 0 ? load_file(ld, buf_str(&p)) : 0;
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

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

int dict_private_head(const struct dict *d, uint64_t lhash)
{
	return d->n_private_heads &&
	       bsearch(&lhash, d->private_heads, d->n_private_heads, sizeof(lhash), cmp_u64) != NULL;
}

static int cmp_handle(const void *a, const void *b)
{
	const struct dict_handle *x = a, *y = b;
	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	return x->person < y->person ? -1 : x->person > y->person;
}

/* Whether the handle w of an alias of the person named `name` is a name
 * of its own: not a part of a name written with a hyphen in the canonical
 * form and with spaces in the alias ("In" of "Moon Jae In", the canonical
 * "Moon Jae-in"), and longer than two letters. */
static int alias_handle_ok(const char *name, const char *w, size_t l)
{
	if (l < 3)
		return 0;
	for (const char *q = name; *q;) {
		size_t n = strcspn(q, " -");
		if (n == l && !strncasecmp(q, w, l) && (q[n] == '-' || (q > name && q[-1] == '-')))
			return 0;
		q += n;
		q += *q != '\0';
	}
	return 1;
}

/* Whether the people of a state write the family name first, in English
 * news too (China, Taiwan, Hong Kong, Macao, both Koreas). */
static int family_name_first(const char *code)
{
	static const char *const codes[] = {"CHN", "TWN", "HKG", "MAC", "KOR", "PRK", NULL};
	for (size_t i = 0; codes[i]; i++)
		if (!strcmp(code, codes[i]))
			return 1;
	return 0;
}

/* Indexes each person by the handle of each spelling of the name, once
 * per distinct handle. */
static int index_handles(struct dict *d)
{
	free(d->handles);
	d->handles = NULL;
	d->n_handles = 0;
	size_t n = 0;
	for (size_t i = 0; i < d->n_persons; i++)
		n += 2 + d->persons[i].n_aliases;
	if (!(d->handles = malloc((n + 1) * sizeof(*d->handles))))
		return -1;
	for (size_t i = 0; i < d->n_persons; i++) {
		const struct dict_person *p = &d->persons[i];
		for (size_t a = 0; a <= p->n_aliases; a++) {
			size_t l;
			const char *w = dict_name_handle(a ? p->aliases[a - 1] : p->name, &l);
			if (!l || (a && !alias_handle_ok(p->name, w, l)))
				continue;
			d->handles[d->n_handles].h = text_hash(w, l);
			d->handles[d->n_handles++].person = (uint32_t)i;
		}
		/* "Xi Jinping", "Moon Jae-in", "Kim Jong Un": the family name comes
		 * first, and news names the person by it alone ("Xi", "Moon"). */
		size_t fl = strcspn(p->name, " ");
		if (family_name_first(p->code) && p->name[fl] == ' ' && fl >= 2) {
			d->handles[d->n_handles].h = text_hash(p->name, fl);
			d->handles[d->n_handles++].person = (uint32_t)i;
		}
	}
	if (d->n_private_heads)
		qsort(d->private_heads, d->n_private_heads, sizeof(*d->private_heads), cmp_u64);
	if (d->n_handles)
		qsort(d->handles, d->n_handles, sizeof(*d->handles), cmp_handle);
	size_t o = 0;
	for (size_t i = 0; i < d->n_handles; i++)
		if (!o || d->handles[i].h != d->handles[o - 1].h || d->handles[i].person != d->handles[o - 1].person)
			d->handles[o++] = d->handles[i];
	d->n_handles = o;
	return 0;
}

size_t dict_handle_first(const struct dict *d, uint64_t h)
{
	size_t lo = 0, hi = d->n_handles;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->handles[mid].h < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Sorts actor indices by code, keeping file order among equal codes (the
 * first row of a code is the state or organisation itself); persons
 * likewise. */
static int index_codes(struct dict *d)
{
	free(d->by_code);
	free(d->persons_by_code);
	free(d->coded_roles);
	d->persons_by_code = d->coded_roles = NULL;
	d->n_coded_roles = 0;
	if (!(d->by_code = malloc((d->n_actors + 1) * sizeof(*d->by_code))) ||
	    !(d->persons_by_code = malloc((d->n_persons + 1) * sizeof(*d->persons_by_code))) ||
	    !(d->coded_roles = malloc((d->n_persons + 1) * sizeof(*d->coded_roles))))
		return -1;
	for (size_t i = 0; i < d->n_persons; i++) {
		int coded = 0;
		for (size_t k = 0; k < d->persons[i].n_roles; k++)
			coded |= d->persons[i].roles[k].code[0] != '\0';
		if (coded)
			d->coded_roles[d->n_coded_roles++] = (uint32_t)i;
	}
	for (size_t i = 0; i < d->n_actors; i++)
		d->by_code[i] = (uint32_t)i;
	for (size_t i = 0; i < d->n_persons; i++)
		d->persons_by_code[i] = (uint32_t)i;
	sort_dict = d;
	if (d->n_actors)   /* qsort(NULL, 0, ...) is undefined */
		qsort(d->by_code, d->n_actors, sizeof(*d->by_code), cmp_code);
	if (d->n_persons)
		qsort(d->persons_by_code, d->n_persons, sizeof(*d->persons_by_code), cmp_person_code);
	sort_dict = NULL;
	return 0;
}

void dict_load_work(const struct dict *d, struct dict_load_work *out)
{
	out->keys = d->names->keys + d->words->keys;
	out->compares = d->names->compares + d->words->compares;
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
	/* The verb forms first (verbs.tsv), then the rest: the event patterns
	 * inflect with them. */
	for (int pass = 0; pass < 2; pass++)
	for (const struct embedded_file *f = embedded_dict; f->name; f++) {
		if ((pass == 0) != !strcmp(f->name, "verbs.tsv"))
			continue;
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
	if (index_codes(d) || index_handles(d) || trie_finish(d->names, 0) || trie_finish(d->words, 1)) {
		*err = strdup("out of memory");
		goto out;
	}
	if (check_groups(d, err))
		goto out;
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
	for (size_t i = 0; i < d->n_lemmas; i++) {
		free(d->lemmas[i].lemma);
		free_strs(d->lemmas[i].past, d->lemmas[i].n_past);
		free_strs(d->lemmas[i].participle, d->lemmas[i].n_participle);
		free_strs(d->lemmas[i].nouns, d->lemmas[i].n_nouns);
	}
	free(d->lemmas);
	for (size_t i = 0; i < d->n_groups; i++) {
		free(d->groups[i].name);
		free(d->groups[i].members);
		free(d->groups[i].file);
	}
	free(d->groups);
	trie_free(d->names);
	trie_free(d->words);
	free(d->by_code);
	free(d->persons_by_code);
	free(d->coded_roles);
	free(d->handles);
	free(d->private_heads);
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

int dict_member_on(const struct dict_member *m, const struct cdate *when)
{
	if (when->prec == PREC_UNKNOWN)
		return m->to.prec == PREC_UNKNOWN;   /* today's members */
	int64_t lo = day_of(when, 0), hi = day_of(when, 1);
	int64_t from = m->from.prec == PREC_UNKNOWN ? INT64_MIN : day_of(&m->from, 0);
	int64_t to = m->to.prec == PREC_UNKNOWN ? INT64_MAX : day_of(&m->to, 1);
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
			if (!strcmp(p->roles[k].role, role) && !p->roles[k].code[0] && role_covers(&p->roles[k], when)) {
				/* A day on which two held the office (handover) goes to the newer one. */
				return (long)i;
			}
	}
	/* A role that acts for another code than its holder's ("...|GEO"). */
	for (size_t j = 0; j < d->n_coded_roles; j++) {
		size_t i = d->coded_roles[j];
		const struct dict_person *p = &d->persons[i];
		for (size_t k = 0; k < p->n_roles; k++)
			if (!strcmp(p->roles[k].code, code) && !strcmp(p->roles[k].role, role) &&
			    role_covers(&p->roles[k], when))
				return (long)i;
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

const char *dict_name_handle(const char *name, size_t *len)
{
	size_t last_len;
	const char *last = dict_surname(name, &last_len);
	for (size_t k = last_len; k-- > 1;)
		if (last[k - 1] == '-') {
			if (last[k] >= 'A' && last[k] <= 'Z') {
				last_len -= k;
				last += k;
			}
			break;
		}
	*len = last_len;
	return last;
}
