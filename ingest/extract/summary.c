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
