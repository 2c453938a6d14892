/* Extraction, mentions: the actors (states, organisations, persons with their
 * titles), topics and references (collectives, pronouns, state organs) a
 * sentence names, found in one pass over its tokens.
 * (The stages: see extract_int.h.) */
#include "ingest/extract/extract_int.h"

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

/* Whether the text of token i, as written, is in the lists of `lists`. */
static int tok_exact_in(const struct extractor *x, size_t i, wl_mask lists)
{
	const struct token *t = &x->toks.t[i];
	return (vocab_lists(x, x->text + t->start, t->end - t->start, t->hash) & lists) != 0;
}

/* Looks up the lists of every token of x->toks (their lower-case forms).
 * Returns 0 or -1 (out of memory). */
int mark_tokens(struct extractor *x)
{
	if (grow_array((void **)&x->wmask, &x->cap_wmask, x->toks.n, sizeof(*x->wmask)))
		return -1;
	for (size_t i = 0; i < x->toks.n; i++) {
		const struct token *t = &x->toks.t[i];
		x->wmask[i] = vocab_lists(x, tok_lower(&x->toks, i), t->lower_len, t->lhash) |
			      (dict_may_start(x->d.words_first, t->lhash) ? WL_STARTS_WORDING : 0) |
			      (dict_may_start(x->d.names_first, t->hash) ? WL_STARTS_NAME : 0);
		/* "in May", "4 May", "May 2020 - Beijing imposes": written with a
		 * capital after a word or a number, or before a number, "May" is
		 * the month, never the modal of a condition. */
		if ((t->flags & TOK_CAP) && t->lower_len == 3 && !memcmp(tok_lower(&x->toks, i), "may", 3) &&
		    ((i > 0 && (x->toks.t[i - 1].flags & (TOK_WORD | TOK_NUM))) ||
		     (i + 1 < x->toks.n && (x->toks.t[i + 1].flags & TOK_NUM))))
			x->wmask[i] &= ~(WL_SKIP_ADVERB | WL_CONDITION);
	}
	return 0;
}

/* Verbs that report speech only when a clause follows ("announced that",
 * "declared:"), not when they take an object ("declared 20 diplomats"). */

int is_reporting(const struct extractor *x, size_t i)
{
	if (!tok_in(x, i, WL_REPORTING))
		return 0;
	if (!tok_in(x, i, WL_WEAK_REPORTING))
		return 1;
	if (i + 1 < x->toks.n && (is_word(x, i + 1, "that") || is_word(x, i + 1, ",") || is_word(x, i + 1, ":") ||
				  (x->toks.t[i + 1].flags & TOK_OPEN_QUOTE)))
		return 1;
	/* "claimed Russia had shelled the town", "insisted the talks would go
	 * on": a clause without "that", its subject then its auxiliary */
	if (i + 2 >= x->toks.n || !((x->toks.t[i + 1].flags & TOK_CAP) || is_word(x, i + 1, "the") ||
				     is_word(x, i + 1, "it") || is_word(x, i + 1, "they") || is_word(x, i + 1, "he") ||
				     is_word(x, i + 1, "she")))
		return 0;
	for (size_t q = i + 2; q < x->toks.n && q < i + 6; q++) {
		if (x->toks.t[q].flags & TOK_PUNCT)
			return 0;
		if (is_word(x, q, "had") || is_word(x, q, "has") || is_word(x, q, "have") || is_word(x, q, "was") ||
		    is_word(x, q, "were") || is_word(x, q, "would") || is_word(x, q, "will") || is_word(x, q, "is") ||
		    is_word(x, q, "are"))
			return 1;
	}
	return 0;
}

/* ---- report actors ------------------------------------------------------ */

/* Filters of name hashes: capitalised words are asked whether they are a
 * surname, and most are not. */
void name_filter_add(uint64_t *filter, int log2bits, uint64_t h)
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

/* Whether h is the handle of one of the other spellings of report person k
 * ("Erdogan", "Zelensky", "Orban" for "Erdoğan", "Zelenskyy", "Orbán"). */
static int alias_handle(const struct extractor *x, size_t k, uint64_t h)
{
	if (x->ra[k].dict_person < 0)
		return 0;
	const struct dict_person *p = &x->d.persons[x->ra[k].dict_person];
	for (size_t a = 0; a < p->n_aliases; a++) {
		size_t al;
		const char *as = dict_name_handle(p->aliases[a], &al);
		if (text_hash(as, al) == h)
			return 1;
	}
	return 0;
}

/* Whether a noun phrase whose first name is token i, in the sentence
 * starting at token s, opens a clause: the sentence's start or a comma
 * before it, with at most a determiner or a quantifier between ("Some", "the",
 * "Many"). */
static int clause_head(const struct extractor *x, size_t i, size_t s)
{
	size_t j = i;
	if (j > s && (tok_in(x, j - 1, WL_DETERMINER) || is_word(x, j - 1, "some") || is_word(x, j - 1, "many") ||
		      is_word(x, j - 1, "several") || is_word(x, j - 1, "most")))
		j--;
	/* ("said that Chinese tourists ...", "after Egyptian media reported":
	 * a clause that opens after "that", a reporting verb or a conjunction) */
	return j == s || is_word(x, j - 1, ",") || is_word(x, j - 1, "that") ||
	       tok_in(x, j - 1, WL_REPORTING | WL_CLAUSE_BREAK);
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
		const char *last = dict_name_handle(name, &last_len);
		a->surname = text_hash(last, last_len);
		/* "Erdogan" after "Recep Tayyip Erdogan", whose canonical name is
		 * "Recep Tayyip Erdoğan": the surnames of the other spellings are
		 * handles too (by_surname reads them). */
		if (dict_person >= 0) {
			const struct dict_person *p = &x->d.persons[dict_person];
			for (size_t k = 0; k < p->n_aliases; k++) {
				size_t al;
				const char *as = dict_name_handle(p->aliases[k], &al);
				name_filter_add(x->person_names, PERSON_NAMES_BITS, text_hash(as, al));
			}
		}
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

/* The dictionary actor of report actor ra's code, or -1; looked up once. */
long code_actor_of(const struct extractor *x, int ra)
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

int ractor_of_dict_actor(struct extractor *x, long idx)
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

const char *org_of_role(const char *role)
{
	if (has_prefix(role, "un_"))
		return "UN";
	if (has_prefix(role, "eu_"))
		return "EU";
	if (has_prefix(role, "nato_"))
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
	if (r && r->code[0])
		code = r->code;
	else if (r && org_of_role(r->role))
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
	/* (a person heading an organisation names it for "the bloc" or "the
	 * Secretary-General" after: "UN Secretary-General Antonio Guterres") */
	if (ra >= 0 && kind == MK_ACTOR && x->ra[ra].kind == ACTOR_PERSON) {
		long oa = code_actor_of(x, ra);
		if (oa >= 0 && x->d.actors[oa].kind == ACTOR_ORG)
			x->last_org = ractor_of_dict_actor(x, oa);
	}
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
void span_text(const struct extractor *x, size_t a, size_t b, char *out, size_t cap)
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

/* Whether role r of a person was held on day d (both known to the day or
 * coarser: missing parts count as the start of their period). */
static int role_held_on(const struct dict_role *r, const struct cdate *d)
{
	long day = (long)d->year * 400 + (d->prec >= PREC_MONTH ? d->month : 0) * 32 + (d->prec >= PREC_DAY ? d->day : 0);
	long from = (long)r->from.year * 400 + r->from.month * 32 + r->from.day;
	long to = (long)r->to.year * 400 + r->to.month * 32 + r->to.day;
	return d->prec != PREC_UNKNOWN && r->from.prec != PREC_UNKNOWN && from <= day &&
	       (r->to.prec == PREC_UNKNOWN || day <= to);
}

/* Whether `text` contains `part`, ignoring case. */
static int contains_ci(const char *text, const char *part)
{
	size_t n = strlen(part);
	for (const char *p = text; *p; p++)
		if (!strncasecmp(p, part, n))
			return 1;
	return 0;
}

/* Whether `word` is in `text`, ignoring case, as a whole word. */
static int has_word_ci(const char *text, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = text; *p; p++)
		if ((p == text || p[-1] == ' ') && !strncasecmp(p, word, n) && (p[n] == '\0' || p[n] == ' '))
			return 1;
	return 0;
}

/* The person of the report who held the office of title t (written
 * `phrase`), the one named last, or -1. */
static int title_person(struct extractor *x, const struct dict_title *t, const char *phrase)
{
	/* The title as the text gave it first ("Foreign Secretary Vikram
	 * Misri"), then the office the dictionary knows them in. */
	for (size_t k = x->n_ra; k-- > 0;)
		if (x->ra[k].kind == ACTOR_PERSON && x->ra[k].title[0] && contains_ci(x->ra[k].title, phrase))
			return (int)k;
	for (size_t k = x->n_ra; k-- > 0;) {
		const struct ractor *a = &x->ra[k];
		if (a->kind != ACTOR_PERSON || a->dict_person < 0)
			continue;
		const struct dict_person *p = &x->d.persons[a->dict_person];
		for (size_t r = 0; r < p->n_roles; r++)
			if (!strcmp(p->roles[r].role, t->role) && role_held_on(&p->roles[r], &x->anchor))
				return (int)k;
	}
	return -1;
}

/* "the foreign minister", "the president", "the spokesman" with no name and
 * no state: the person of the report who held that office, the one named
 * last; else the holder of the office in the state where the report was
 * filed (its dateline), or whose agency or ministry issued it. The title
 * is tokens [i, i + len). Returns the report actor, or -1. */
static int title_referent(struct extractor *x, const struct dict_title *t, size_t i, size_t len)
{
	char phrase[96];
	span_text(x, i, i + len, phrase, sizeof(phrase));
	int person = title_person(x, t, phrase);
	if (person >= 0)
		return person;
	int home = x->place_ra >= 0 ? x->place_ra : x->issuer_ra;
	long st = home >= 0 ? code_actor_of(x, home) : -1;
	if (st < 0 || x->d.actors[st].kind != ACTOR_STATE)
		return -1;
	for (size_t c = 0; c < t->n_codes; c++)
		if (!strcmp(t->codes[c], x->d.actors[st].code))
			break;
		else if (c + 1 == t->n_codes)
			return -1;   /* "the secretary of state" of a report filed in Tokyo */
	const char *head = strrchr(phrase, ' ');
	head = head ? head + 1 : phrase;
	long holder = dict_role_holder(&x->d, t->role, x->d.actors[st].code, &x->anchor);
	if (holder >= 0) {
		/* A head of state or government is called by the office's own
		 * name: "the president" of a report from Tokyo is no one there. */
		const struct dict_person *p = &x->d.persons[holder];
		int named = strcmp(t->role, "head_of_state") && strcmp(t->role, "head_of_government");
		for (size_t r = 0; r < p->n_roles && !named; r++)
			named = !strcmp(p->roles[r].role, t->role) && p->roles[r].title && has_word_ci(p->roles[r].title, head);
		return named ? ractor_of_person(x, holder) : -1;
	}
	if (!strcmp(t->role, "head_of_state") || !strcmp(t->role, "head_of_government"))
		return -1;
	return ractor_of_dict_actor(x, st);
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
		const struct dict_person *p = &x->d.persons[es[k].idx];
		int ra;
		if (st >= 0 && strcmp(p->code, x->d.actors[st].code) && !dict_person_role(p, &x->anchor)) {
			/* "Ethiopian Foreign Minister Workneh Gebeyehu" in a year the
			 * dictionary knows him in no office (it codes him for the
			 * organisation he led later): he acts for the state the text
			 * gives him. */
			ra = ractor_add(x, p->name, x->d.actors[st].code, title, ACTOR_PERSON, -1, es[k].idx);
			if (ra < 0)
				return 0;
			if (add_mention(x, from, j + m, ra, MK_ACTOR))
				return 0;
			return j + m - i;
		}
		ra = ractor_of_person(x, es[k].idx);
		/* A person the dictionary holds without an office on this day keeps
		 * the title the text gives ("Vice Foreign Minister Xie Feng"). */
		if (ra >= 0 && !x->ra[ra].title[0])
			copy_cut(x->ra[ra].title, sizeof(x->ra[ra].title), title);
		if (add_mention(x, from, j + m, ra, MK_ACTOR))
			return 0;
		return j + m - i;
	}
	/* "the President of the State of Eritrea", "the Minister of Foreign
	 * Affairs of Japan": the office of the state named after it, one
	 * mention (its holder on the report's day, else the state). */
	if (st < 0 && !qualified && j + 1 < end && is_word(x, j, "of")) {
		size_t k = j + 1 + (is_word(x, j + 1, "the") && j + 2 < end);
		const struct dict_entry *os;
		size_t on = 0, om = tok_in(x, k, WL_STARTS_NAME) ? dict_match(x->d.names, &x->toks, k, end, 0, &os, &on) : 0;
		/* ("the President of the Nigeria Union": a longer name goes on) */
		if (om && k + om < end && (x->toks.t[k + om].flags & TOK_CAP) && (x->toks.t[k + om].flags & TOK_WORD))
			om = 0;
		for (size_t q = 0; om && q < on; q++) {
			if (os[q].kind != ENT_ACTOR || os[q].sub == AL_ADJ)
				continue;
			const struct dict_actor *oa = &x->d.actors[os[q].idx];
			int allowed = !t->n_codes;
			for (size_t c = 0; c < t->n_codes; c++)
				allowed |= !strcmp(t->codes[c], oa->code);
			if (!allowed)
				return 0;   /* "the Secretary-General of the Arab League": that body's, not the title's */
			long holder = oa->kind == ACTOR_STATE ? dict_role_holder(&x->d, t->role, oa->code, &x->anchor) : -1;
			int ra = holder >= 0 ? ractor_of_person(x, holder) : ractor_of_dict_actor(x, os[q].idx);
			if (ra < 0)
				return 0;
			size_t start = i > sent_start && is_word(x, i - 1, "the") ? i - 1 : i;
			if (oa->kind == ACTOR_ORG && x->ra[ra].kind == ACTOR_ORG)
				x->last_org = ra;
			if (add_mention(x, start, k + om, ra, MK_ACTOR))
				return 0;
			return k + om - i;
		}
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
	if (st < 0 && !qualified && !nm && i > sent_start && is_word(x, i - 1, "the") &&
	    !(j < end && (is_word(x, j, "of") || is_word(x, j, "'s") || is_word(x, j, "for")))) {
		/* (a title the dictionary ties to one state, "the foreign
		 * secretary", is first the report's own holder of it: India has
		 * a Foreign Secretary too) */
		char phrase[96];
		span_text(x, i, i + len, phrase, sizeof(phrase));
		int ra = code ? title_person(x, t, phrase) : title_referent(x, t, i, len);
		if (ra >= 0)
			return add_mention(x, i - 1, j, ra, MK_ACTOR) ? 0 : len;
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
/* Whether token i is a patronymic ("Vladimirovich", "Nurgozhoevich",
 * "Sergeyevna"): the given name before it and the patronymic address the
 * person named before ("the respected Sadyr Nurgozhoevich" is Sadyr Japarov). */
static int patronymic(const struct extractor *x, size_t i)
{
	static const char *const ends[] = {"ovich", "evich", "ovna", "evna", "ievich", "yevich", "ich", "ovych", "ivna"};
	const struct token *t = &x->toks.t[i];
	size_t n = t->end - t->start;
	if (n < 7)
		return 0;
	for (size_t k = 0; k < sizeof(ends) / sizeof(ends[0]); k++) {
		size_t l = strlen(ends[k]);
		if (n > l + 3 && !memcmp(x->text + t->end - l, ends[k], l))
			return 1;
	}
	return 0;
}

static int by_surname(struct extractor *x, size_t i)
{
	uint64_t h = x->toks.t[i].hash;
	if (name_filter_has(x->person_names, PERSON_NAMES_BITS, h))
		for (size_t k = x->n_ra; k-- > 0;) {
			if (x->ra[k].kind != ACTOR_PERSON ||
			    (x->ra[k].surname != h && x->ra[k].given != h && !alias_handle(x, k, h)))
				continue;
			/* "President Omar Guelleh" after "Omar al-Bashir": a given
			 * name followed by another surname is someone else. */
			if (x->ra[k].given == h && x->ra[k].surname != h && i + 1 < x->toks.n &&
			    (x->toks.t[i + 1].flags & TOK_CAP) && (x->toks.t[i + 1].flags & TOK_WORD) &&
			    x->toks.t[i + 1].hash != x->ra[k].surname && !patronymic(x, i + 1))
				continue;
			return (int)k;
		}
	if (x->anchor.prec == PREC_UNKNOWN)
		return -1;
	/* Most capitalised words are no dictionary surname: say so before the
	 * checks below, which can only refuse one. The handles of the other
	 * spellings count too: "Erdogan" for "Recep Tayyip Erdoğan", "Assad"
	 * for "Hafez al-Assad", "Sisi" for "Abdel Fattah el-Sisi". */
	size_t first = x->n_surnames;
	if (name_filter_has(x->surname_filter, SURNAME_FILTER_BITS, h))
		first = surname_first(x, h);
	if (first < x->n_surnames && x->surnames[first].h != h)
		first = x->n_surnames;
	size_t hfirst = dict_handle_first(&x->d, h);
	if (hfirst < x->d.n_handles && x->d.handles[hfirst].h != h)
		hfirst = x->d.n_handles;
	if (first == x->n_surnames && hfirst == x->d.n_handles)
		return -1;
	/* "made in May" is a month, not Theresa May; "World War II" is no queen. */
	const struct token *t = &x->toks.t[i];
	size_t tl = t->end - t->start;
	/* "N.P. Saud", "K. Shanmugam": a surname after another's initials is
	 * someone the dictionary does not hold under it (not "Saud" of the
	 * Al Saud, nor a minister of the same name). */
	if (t->start >= 3) {
		size_t c = t->start;
		while (c > 0 && x->text[c - 1] == ' ')
			c--;
		if (c >= 2 && x->text[c - 1] == '.' && x->text[c - 2] >= 'A' && x->text[c - 2] <= 'Z' &&
		    (c == 2 || x->text[c - 3] == ' ' || x->text[c - 3] == '.')) {
			/* (but "Joseph R. Biden": a given name before the initial) */
			size_t a = c;
			while (a > 0 && ((x->text[a - 1] >= 'A' && x->text[a - 1] <= 'Z') || x->text[a - 1] == '.'))
				a--;
			size_t k = i;
			while (k > 0 && x->toks.t[k - 1].start >= a)
				k--;
			if (!(k > 0 && (x->toks.t[k - 1].flags & TOK_CAP) && (x->toks.t[k - 1].flags & TOK_WORD) &&
			      !tok_in(x, k - 1, WL_ROLE) && x->toks.t[k - 1].end + 1 >= a))
				return -1;
		}
	}
	if (tl <= 4 && strspn(x->text + t->start, "IVX") == tl)
		return -1;
	/* "Dr. Thani bin Ahmed Al Zeyoudi": a word the name goes on after
	 * (another capitalised word, or "bin", "al" and one) is no surname of
	 * the dictionary's Al Thani or Abiy Ahmed; the name ends later. */
	if (i + 2 < x->toks.n) {
		size_t j = i + 1;
		if (tok_in(x, j, WL_PARTICLE) && x->toks.t[j].start <= t->end + 1 && j + 1 < x->toks.n)
			j++;
		const struct token *nx = &x->toks.t[j];
		if ((nx->flags & TOK_CAP) && (nx->flags & TOK_WORD) && nx->start <= x->toks.t[j - 1].end + 1 &&
		    !month_from_name(x->text + nx->start, (int)(nx->end - nx->start)) &&
		    weekday_from_name(x->text + nx->start, (int)(nx->end - nx->start)) < 0 && !tok_in(x, j, WL_ROLE))
			return -1;
	}
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
	for (size_t k = hfirst; k < x->d.n_handles; k++) {
		if (x->d.handles[k].h != h)
			break;
		const struct dict_person *p = &x->d.persons[x->d.handles[k].person];
		if (dict_person_role(p, &x->anchor))
			return ractor_of_person(x, x->d.handles[k].person);
	}
	return -1;
}

/* Where the later mention of person ra whose handle is token i starts: the
 * parts of the surname written before it belong to it ("al-" in "al-Bashir",
 * "Ben" in "Ben Gvir", "Le" in "Le Drian"), when the person's name has them. */
static size_t surname_start(const struct extractor *x, size_t i, size_t s, int ra)
{
	const char *name = x->ra[ra].name;
	size_t from = i;
	while (from > s) {
		const struct token *p = &x->toks.t[from - 1];
		const struct token *c = &x->toks.t[from];
		if (p->end != c->start && !(p->flags & TOK_CAP))
			break;
		if (x->text[p->start] == '-' && p->end - p->start == 1 && p->end == c->start && from - 1 > s &&
		    x->toks.t[from - 2].end == p->start && (x->toks.t[from - 2].flags & TOK_WORD) &&
		    x->toks.t[from - 2].end - x->toks.t[from - 2].start <= 3) {
			/* "al-", "Al-", "el-", "Ben-": a short part joined by a hyphen. */
			from -= 2;
			continue;
		}
		if ((p->flags & TOK_CAP) && (p->flags & TOK_WORD) && p->end < c->start) {
			/* "Ben Gvir", "Le Drian": a capitalised word of the name itself. */
			char w[64];
			size_t n = p->end - p->start;
			if (n >= sizeof(w) - 2)
				break;
			w[0] = ' ';
			memcpy(w + 1, x->text + p->start, n);
			w[n + 1] = '\0';
			const char *at = strstr(name, w + 1);
			int whole = at && (at == name || at[-1] == ' ' || at[-1] == '-') &&
				    (at[n] == ' ' || at[n] == '-');
			if (!whole || at == name)
				break;
			from--;
			continue;
		}
		break;
	}
	return from;
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

/* "Saudi Arabia's news agency said the kingdom had decided", "Bahraini
 * officials reported that the ministry ...": an organ told of by a
 * reporter that names its state, first in the sentence, is that state's.
 * Returns the dictionary actor, or -1. */
static long reporter_state(const struct extractor *x, size_t i, size_t sent_start)
{
	size_t first = x->n_men;
	for (size_t k = x->n_men; k-- > 0 && x->men[k].ts >= sent_start;)
		first = k;
	if (first >= x->n_men || x->men[first].ra < 0 || x->men[first].quoted ||
	    (x->men[first].kind != MK_ACTOR && x->men[first].kind != MK_ADJ))
		return -1;
	/* Only one actor before the reference, and a reporting verb between. */
	if (first + 1 < x->n_men && x->men[first + 1].ts < i)
		return -1;
	int reported = 0;
	for (size_t q = x->men[first].te; q < i && !reported; q++)
		reported = tok_in(x, q, WL_REPORTING);
	if (!reported)
		return -1;
	long st = code_actor_of(x, x->men[first].ra);
	return st >= 0 && x->d.actors[st].kind == ACTOR_STATE ? st : -1;
}

/* Whether state st (a dictionary actor) is named between tokens from and end
 * as the state of an envoy ("South Africa's High Commissioner", "the Russian
 * ambassador"): an organ that summons or expels that envoy is not of it. */
static int envoy_state_after(const struct extractor *x, long st, size_t from, size_t end)
{
	for (size_t q = from; q < end; q++) {
		if (tok_in(x, q, WL_REPORTING) || tok_in(x, q, WL_CLAUSE_BREAK))
			return 0;
		const struct dict_entry *es = NULL;
		size_t n = 0;
		size_t m = tok_in(x, q, WL_STARTS_NAME) ? dict_match(x->d.names, &x->toks, q, end, 0, &es, &n) : 0;
		if (!m)
			continue;
		int same = 0;
		for (size_t k = 0; k < n; k++)
			if (es[k].kind == ENT_ACTOR && !strcmp(x->d.actors[es[k].idx].code, x->d.actors[st].code))
				same = 1;
		if (same)
			for (size_t r = q + m; r < end && r < q + m + 4; r++)
				if (is_word(x, r, "ambassador") || is_word(x, r, "envoy") || is_word(x, r, "commissioner") ||
				    is_word(x, r, "chargé") || is_word(x, r, "charge") || is_word(x, r, "diplomat") ||
				    is_word(x, r, "diplomats") || is_word(x, r, "consul"))
					return 1;
		q += m - 1;
	}
	return 0;
}

/* "the Gulf state", "the Central American country", "the island kingdom",
 * "the small Persian Gulf kingdom": a state described by its region or its
 * nature, at token i (after "the"). Returns its length in tokens, or 0. */
static size_t descriptive_state_len(const struct extractor *x, size_t i, size_t end)
{
	static const char *const nature[] = {"island", "small", "tiny", "landlocked", "oil-rich", "impoverished",
					     "reclusive", "communist", "isolated", "war-torn", "neighbouring",
					     "neighboring", "mountainous", "african", "asian", "american",
					     "european", "arab", "persian", "pacific", "caribbean", "balkan",
					     "baltic", "himalayan", "andean", "nordic", "caucasus", "gulf",
					     "south", "north", "east", "west", "central", "southern", "northern",
					     "eastern", "western", "latin", "middle", "southeast", "horn"};
	/* The head noun first (most "the" lead to none), then its words. */
	size_t j = i + 1;
	while (j < end && j < i + 5 && !(is_word(x, j, "nation") || is_word(x, j, "country") || is_word(x, j, "state") ||
					  is_word(x, j, "kingdom") || is_word(x, j, "republic") ||
					  is_word(x, j, "emirate") || is_word(x, j, "sultanate") ||
					  is_word(x, j, "archipelago")))
		j++;
	if (j >= end || j >= i + 5 || (x->toks.t[j].flags & TOK_CAP))
		return 0;
	for (size_t q = i; q < j; q++) {
		int known = 0;
		for (size_t k = 0; k < sizeof(nature) / sizeof(nature[0]) && !known; k++)
			known = is_word_dyn(x, q, nature[k]);
		if (!known)
			return 0;
	}
	/* "the Gulf state of Qatar": the text names it. */
	if (j + 2 < end && is_word(x, j + 1, "of") && (x->toks.t[j + 2].flags & TOK_CAP))
		return 0;
	return j + 1 - i;
}

/* The state a description ("the Gulf state") refers to: the state named
 * last before it, in its paragraph, other than the state of its sentence's
 * first actor (who speaks of, or acts on, the state described); else one
 * of the parties of the last event, else the state the report is most
 * about, by the same test. Returns the report actor, or -1. */
static int described_state(struct extractor *x, size_t sent_start)
{
	const char *subject = NULL;
	for (size_t k = 0; k < x->n_men; k++)
		if (x->men[k].ts >= sent_start && x->men[k].ra >= 0 && x->men[k].kind != MK_PLACE && !x->men[k].quoted) {
			subject = x->ra[x->men[k].ra].code;
			break;
		}
	char subj[16];
	copy_cut(subj, sizeof(subj), subject ? subject : "");
	/* (a person named last stands for the state they act for) */
	for (size_t k = x->n_men; k-- > 0;) {
		int ra = x->men[k].ra;
		if (ra < 0 || (x->ra[ra].kind != ACTOR_STATE && x->ra[ra].kind != ACTOR_PERSON) ||
		    !x->ra[ra].code[0] || !strcmp(x->ra[ra].code, subj))
			continue;
		long st = code_actor_of(x, ra);
		if (st >= 0 && x->d.actors[st].kind == ACTOR_STATE)
			return x->ra[ra].kind == ACTOR_STATE ? ra : ractor_of_dict_actor(x, st);
	}
	for (int k = x->n_in_play; k-- > 0;) {
		int ra = x->in_play[k];
		if (ra < 0 || !x->ra[ra].code[0] || !strcmp(x->ra[ra].code, subj))
			continue;
		long st = code_actor_of(x, ra);
		if (st >= 0 && x->d.actors[st].kind == ACTOR_STATE)
			return ractor_of_dict_actor(x, st);
	}
	return focal_state(x, subj);
}

/* "the three Baltic states", "both Koreas", "the Nordics": a group of
 * states named as one (dict/groups.tsv), at tokens [i, te). Adds one
 * mention per member on the report's day, side by side as coordinated
 * parties are ("the two Koreas" is "South Korea and North Korea"). The last
 * member takes the name; those before it take the words before the name
 * ("the", a count), one each from the right, and none when the words run
 * out: a mention of no token still joins its neighbours. Returns 0, -1 when
 * out of memory. */
static int add_group_mentions(struct extractor *x, size_t s, size_t i, size_t te, uint32_t g)
{
	const struct dict_group *gr = &x->d.groups[g];
	size_t from = i, floor = s;
	if (x->n_men && x->men[x->n_men - 1].te > floor)
		floor = x->men[x->n_men - 1].te;
	if (from > floor && count_word(x, from - 1) >= 2)
		from--;   /* "the three Baltic states" */
	if (from > floor && (is_word(x, from - 1, "the") || is_word(x, from - 1, "both") || is_word(x, from - 1, "all")))
		from--;
	/* (states that were one on the report's day, as the Czech Republic
	 * and Slovakia before 1993, are one mention) */
	int ras[DICT_GROUP_MAX_MEMBERS];
	size_t n = 0;
	for (size_t k = 0; k < gr->n_members && n < sizeof(ras) / sizeof(ras[0]); k++) {
		if (!dict_member_on(&gr->members[k], &x->anchor))
			continue;
		long a = dict_actor_by_code(&x->d, gr->members[k].code);
		int ra = a >= 0 ? ractor_of_dict_actor(x, a) : -1;
		int seen = ra < 0;
		for (size_t q = 0; q < n && !seen; q++)
			seen = ras[q] == ra;
		if (!seen)
			ras[n++] = ra;
	}
	for (size_t k = 0; k < n; k++) {
		size_t a = k == 0 ? from : i - (n - 1 - k < i - from ? n - 1 - k : i - from);
		size_t b = k + 1 == n ? te : i - (n - 2 - k < i - from ? n - 2 - k : i - from);
		if (add_mention(x, a, b, ras[k], MK_ACTOR))
			return -1;
	}
	return 0;
}

/* Looks for the collective and pronoun mentions at token i (lower-case
 * words): returns the tokens consumed, 0 when none. */
static size_t take_reference(struct extractor *x, size_t i, size_t end, size_t sent_start)
{
	if (!tok_in(x, i, WL_REFERENCE))
		return 0;   /* none of the words below: most tokens */
	/* "a (senior) Foreign Ministry official": the organ's official speaks
	 * or acts for it, as "the Foreign Ministry" does. */
	size_t at = 0;
	if (is_word(x, i, "the") && i + 1 < end) {
		at = i + 1;
	} else if ((is_word(x, i, "a") || is_word(x, i, "an")) && i + 2 < end) {
		size_t j = i + 1;
		while (j < end && j < i + 3 &&
		       (is_word(x, j, "senior") || is_word(x, j, "top") || is_word(x, j, "high-ranking") ||
			is_word(x, j, "junior") || is_word(x, j, "ranking")))
			j++;
		size_t nn = institution_len(x, j, end);
		if (nn && j + nn < end && tok_in(x, j + nn, WL_ROLE))
			at = j;
	}
	if (at) {
		/* "the ministry said", "the Foreign Ministry", "the Federal Government",
		 * "the kingdom": an organ of a state the text does not name here. It is
		 * the state that acted last, else the state the report is most about. */
		size_t n = institution_len(x, at, end);
		if (n) {
			/* Where the report was filed first ("the foreign ministry" of a
			 * report from Seoul is South Korea's), then the state of the
			 * agency or ministry that issued it (a KCNA statement without a
			 * dateline: North Korea's). */
			/* A state whose envoy the organ acts on in its clause is not
			 * the organ's ("the Federal Government summoned South Africa's
			 * High Commissioner"): the next one is taken. */
			int f = focal_state(x, "");
			/* ("Vice-Minister X called in the Chinese ambassador at the
			 * Ministry of Foreign Affairs": an official of a state who
			 * opens the sentence acts in his own state's ministry.) */
			long official = -1;
			size_t opener = x->n_men;
			for (size_t k = x->n_men; k-- > 0 && x->men[k].ts >= sent_start;)
				opener = k;
			if (opener < x->n_men && x->men[opener].ra >= 0 && !x->men[opener].quoted &&
			    x->men[opener].kind == MK_ACTOR && x->ra[x->men[opener].ra].kind == ACTOR_PERSON)
				official = code_actor_of(x, x->men[opener].ra);
			if (official >= 0 && (x->d.actors[official].kind != ACTOR_STATE ||
					      envoy_state_after(x, official, sent_start, i)))
				official = -1;
			long cands[6] = {
				reporter_state(x, i, sent_start),
				x->place_ra >= 0 ? code_actor_of(x, x->place_ra) : -1,
				x->issuer_ra >= 0 ? code_actor_of(x, x->issuer_ra) : -1,
				official,
				x->last_subject >= 0 ? code_actor_of(x, x->last_subject) : -1,
				f >= 0 ? code_actor_of(x, f) : -1,
			};
			long st = -1;
			for (int k = 0; k < 6 && st < 0; k++)
				if (cands[k] >= 0 && x->d.actors[cands[k]].kind == ACTOR_STATE &&
				    !envoy_state_after(x, cands[k], at + n, end))
					st = cands[k];
			if (st < 0) {
				/* All of them are the envoy's: the state the report is most
				 * about besides it. */
				long first = -1;
				for (int k = 0; k < 6 && first < 0; k++)
					if (cands[k] >= 0 && x->d.actors[cands[k]].kind == ACTOR_STATE)
						first = cands[k];
				if (first >= 0) {
					int g = focal_state(x, x->d.actors[first].code);
					st = g >= 0 ? code_actor_of(x, g) : -1;
					if (st >= 0 && envoy_state_after(x, st, at + n, end))
						st = -1;
				}
			}
			if (st >= 0 && x->d.actors[st].kind == ACTOR_STATE)
				return add_mention(x, i, at + n, ractor_of_dict_actor(x, st), MK_ACTOR) ? 0 : at + n - i;
		}
	}
	/* "during the latter's official visit", "the former said": of the two
	 * actors named last, the second or the first. */
	if (is_word(x, i, "the") && i + 1 < end && (is_word(x, i + 1, "latter") || is_word(x, i + 1, "former")) &&
	    !(i + 2 < end && (x->toks.t[i + 2].flags & TOK_WORD) && !is_word(x, i + 2, "'s") &&
	      !tok_in(x, i + 2, WL_BE | WL_REPORTING) && !ends_in(x, i + 2, 2, "ed"))) {
		int last = -1, before = -1;
		for (size_t k = x->n_men; k-- > 0 && before < 0;) {
			const struct mention *m = &x->men[k];
			if (m->ra < 0 || m->kind == MK_PLACE || m->kind == MK_ADJ || !x->ra[m->ra].code[0])
				continue;
			if (last < 0)
				last = m->ra;
			else if (!same_code(x, m->ra, last))
				before = m->ra;
		}
		int ra = is_word(x, i + 1, "latter") ? last : before;
		if (ra >= 0)
			return add_mention(x, i, i + 2, ra, MK_ACTOR) ? 0 : 2;
	}
	/* "the bloc", "the alliance": the organisation named last ("the EU ...
	 * The bloc lifted the ban"). */
	int org = x->last_org;
	if (is_word(x, i, "the") && i + 1 < end && org >= 0 &&
	    (is_word(x, i + 1, "bloc") || is_word(x, i + 1, "alliance") || is_word(x, i + 1, "organisation") ||
	     is_word(x, i + 1, "organization")) &&
	    !(i + 2 < end && (is_word(x, i + 2, "of") || (x->toks.t[i + 2].flags & TOK_CAP))))
		return add_mention(x, i, i + 2, org, MK_ACTOR) ? 0 : 2;
	/* "The Secretary-General called on ...": the head of the organisation
	 * named last (not "the Secretary-General of ASEAN", not one named
	 * after the title). */
	if (is_word(x, i, "the") && org >= 0 && i + 2 < end && is_word(x, i + 1, "secretary") &&
	    (x->toks.t[i + 1].flags & TOK_CAP)) {
		size_t g = i + 2 + (size_t)is_word(x, i + 2, "-");
		if (g < end && is_word(x, g, "general") &&
		    !(g + 1 < end && (is_word(x, g + 1, "of") || (x->toks.t[g + 1].flags & TOK_CAP))))
			return add_mention(x, i, g + 1, org, MK_ACTOR) ? 0 : g + 1 - i;
	}
	if (is_word(x, i, "the") && i + 1 < end && (x->toks.t[i + 1].flags & TOK_CAP)) {
		/* "the Syrians", "the North Koreans", "the Americans": the people of
		 * a state, named by its adjective in the plural, stand for it. */
		size_t j = i + 1;
		while (j < end && j < i + 4 && (x->toks.t[j].flags & TOK_CAP) && (x->toks.t[j].flags & TOK_WORD))
			j++;
		const struct token *last = &x->toks.t[j - 1];
		size_t ll = last->end - last->start;
		/* (cheap tests first: a name of the dictionary as written, "the
		 * United States", is no plural) */
		const struct dict_entry *ws = NULL;
		size_t wn = 0;
		if (ll > 4 && x->text[last->end - 1] == 's' && x->text[last->end - 2] != 's' &&
		    tok_in(x, i + 1, WL_STARTS_NAME) && dict_match(x->d.names, &x->toks, i + 1, end, 0, &ws, &wn) != j - i - 1) {
			char adj[96];
			size_t a = x->toks.t[i + 1].start, n = last->end - 1 - a;
			if (n < sizeof(adj)) {
				memcpy(adj, x->text + a, n);
				adj[n] = '\0';
				struct token_list l;
				token_list_init(&l);
				const struct dict_entry *es = NULL;
				size_t ne = 0, m = 0;
				if (!tokenize(adj, n, 0, &l) && l.n)
					m = dict_match(x->d.names, &l, 0, l.n, 0, &es, &ne);
				long st = -1;
				for (size_t k = 0; m == l.n && m && k < ne && st < 0; k++)
					if (es[k].kind == ENT_ACTOR && es[k].sub == AL_ADJ &&
					    x->d.actors[es[k].idx].kind == ACTOR_STATE)
						st = (long)es[k].idx;
				token_list_release(&l);
				if (st >= 0)
					return add_mention(x, i, j, ractor_of_dict_actor(x, st), MK_ACTOR) ? 0 : j - i;
			}
		}
	}
	if (is_word(x, i, "the")) {
		size_t n = descriptive_state_len(x, i + 1, end);
		if (n) {
			int ra = described_state(x, sent_start);
			if (ra >= 0)
				return add_mention(x, i, i + 1 + n, ra, MK_ACTOR) ? 0 : 1 + n;
		}
	}
	/* "the Community", "the community's plan": the European Community (or
	 * another organisation called a community) named last. */
	if (is_word(x, i, "the") && i + 1 < end && org >= 0 && is_word(x, i + 1, "community") &&
	    !(i + 2 < end && (is_word(x, i + 2, "of") || (x->toks.t[i + 2].flags & TOK_CAP)))) {
		long oa = x->ra[org].dict_actor;
		int community = 0;
		for (size_t k = 0; oa >= 0 && k < x->d.actors[oa].n_aliases && !community; k++)
			community = strstr(x->d.actors[oa].aliases[k], "Community") != NULL;
		if (community)
			return add_mention(x, i, i + 2, org, MK_ACTOR) ? 0 : 2;
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
	if (is_word(x, i, "the") && i + 1 < end && (x->toks.t[i + 1].flags & TOK_CAP) &&
	    (is_word(x, i + 1, "north") || is_word(x, i + 1, "south")) &&
	    !(i + 2 < end && ((x->toks.t[i + 2].flags & TOK_CAP) || is_word(x, i + 2, "of")))) {
		/* "the North", "the South": in a report about the Korean peninsula
		 * (one that names either Korea, or Pyongyang or Seoul, before),
		 * the two Korean states, as their own press and the world's call
		 * them. Elsewhere ("the North Atlantic", "the South of France",
		 * "the global South") nothing. */
		int korea = 0;
		for (size_t k = 0; k < x->n_ra && !korea; k++)
			korea = !strcmp(x->ra[k].code, "PRK") || !strcmp(x->ra[k].code, "KOR");
		long st = korea ? dict_actor_by_code(&x->d, is_word(x, i + 1, "north") ? "PRK" : "KOR") : -1;
		if (st >= 0)
			return add_mention(x, i, i + 2, ractor_of_dict_actor(x, st), MK_ACTOR) ? 0 : 2;
		return 0;
	}
	if (is_word(x, i, "the") && i + 1 < end && (x->toks.t[i + 1].flags & TOK_CAP)) {
		/* "the Council", "the Commission": the organisation named last;
		 * "the Secretary", "the Minister": the person whose title it shortens. */
		if ((is_word(x, i + 1, "council") || is_word(x, i + 1, "commission") || is_word(x, i + 1, "committee") ||
		     is_word(x, i + 1, "assembly") || is_word(x, i + 1, "authority") || is_word(x, i + 1, "union") ||
		     is_word(x, i + 1, "league") || is_word(x, i + 1, "alliance") || is_word(x, i + 1, "bloc") ||
		     is_word(x, i + 1, "organisation") || is_word(x, i + 1, "organization") ||
		     is_word(x, i + 1, "secretariat")) && org >= 0 &&
		    !(i + 2 < end && (is_word(x, i + 2, "of") || (x->toks.t[i + 2].flags & TOK_CAP))))
			return add_mention(x, i, i + 2, org, MK_ACTOR) ? 0 : 2;
		/* "the Crown Prince", "the Prime Minister", "the Vice President":
		 * a title of two or three words, the person named last who holds
		 * it in the report. */
		size_t tw = i + 1;
		while (tw < end && tw < i + 4 && (x->toks.t[tw].flags & TOK_CAP) && (x->toks.t[tw].flags & TOK_WORD))
			tw++;
		if (tw > i + 2 && !(tw < end && ((x->toks.t[tw].flags & TOK_CAP) || is_word(x, tw, "of") ||
						 is_word(x, tw, "'s")))) {
			char words[96];
			span_text(x, i + 1, tw, words, sizeof(words));
			for (size_t k = x->n_ra; k-- > 0;) {
				const struct ractor *a = &x->ra[k];
				if (a->kind == ACTOR_PERSON && a->title[0] && has_word(a->title, words))
					return add_mention(x, i, tw, (int)k, MK_ACTOR) ? 0 : tw - i;
			}
		}
		/* ("the President of Djibouti": the text says whose) */
		if (!(i + 2 < end && ((x->toks.t[i + 2].flags & TOK_CAP) || is_word(x, i + 2, "of") ||
				      is_word(x, i + 2, "'s")))) {
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
		if (is_word(x, i, "the") && count_word(x, j) >= 2)
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
	/* (and in a transcript's turn, "Mao Ning: ... We have lodged ...") */
	if ((is_word(x, i, "we") || is_word(x, i, "i") || is_word(x, i, "our")) &&
	    ((x->toks.t[i].flags & TOK_QUOTED) || x->toks.t[i].start < x->para_end))
		return add_mention(x, i, i + 1, -1, MK_SPEAKER) ? 0 : 1;
	if ((is_word(x, i, "his") || is_word(x, i, "her") || is_word(x, i, "their")) && i + 1 < end &&
	    is_word(x, i + 1, "counterpart"))
		return add_mention(x, i, i + 2, -1, MK_COUNTERPART) ? 0 : 2;
	(void)sent_start;
	return 0;
}

int add_topic_to(struct cand *c, int topic)
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

const char *topic_name(const struct extractor *x, int id)
{
	return id < (int)x->d.n_topics ? x->d.topics[id] : x->named_names[id - (int)x->d.n_topics];
}

/* After a state mention ending before token i: role words then a name.
 * Returns the tokens consumed (the mention is replaced by the person), 0 if none. */
/* Whether the organisation named at token i follows an envoy's posting:
 * "ambassador to (the)", "envoy at", "representative to", "mission to". */
/* Whether the mention of tokens [i, i + m) is the plural of its state's
 * adjective ("Russians", "East Germans") after "of" or a lower-case word
 * that is no preposition, verb of being or joiner ("ordinary", "many",
 * "thousands of"): people of that nation, not the state. */
static int plural_people(const struct extractor *x, size_t i, size_t m, size_t idx)
{
	const char *adj = x->d.actors[idx].adjective;
	size_t a = x->toks.t[i].start, b = x->toks.t[i + m - 1].end, n = strlen(adj);
	if (b - a != n + 1 || x->text[b - 1] != 's' || strncmp(x->text + a, adj, n))
		return 0;
	if (is_word(x, i - 1, "of"))
		return 1;
	return (x->toks.t[i - 1].flags & TOK_WORD) && !(x->toks.t[i - 1].flags & TOK_CAP) &&
	       !tok_in(x, i - 1, WL_PREPOSITION | WL_BE | WL_CLAUSE_BREAK | WL_REPORTING | WL_DETERMINER |
				 WL_SKIP_ADVERB | WL_JOINER) &&
	       !is_word(x, i - 1, "and") && !is_word(x, i - 1, "or") && !is_word(x, i - 1, "the") &&
	       !is_word(x, i - 1, "that") && !is_word(x, i - 1, "while") && !ends_in(x, i - 1, 2, "ed");
}

static int envoy_posted_at(const struct extractor *x, size_t i, size_t s)
{
	size_t q = i;
	if (q > s && is_word(x, q - 1, "the"))
		q--;
	if (q < s + 2 || !(is_word(x, q - 1, "to") || is_word(x, q - 1, "at")))
		return 0;
	/* (not "delegation": a delegation to an organisation visits it) */
	static const char *const envoys[] = {"ambassador", "ambassadors", "envoy", "envoys", "representative",
					     "representatives", "mission", "observer", "emissary"};
	for (size_t k = 0; k < sizeof(envoys) / sizeof(envoys[0]); k++)
		if (is_word(x, q - 2, envoys[k]))
			return 1;
	return 0;
}

/* The length of an organisation's name at token i followed by a role word
 * ("UN envoy", "U.N. representative", "NATO ambassador"), else 0. */
static size_t org_before_role(const struct extractor *x, size_t i, size_t e)
{
	const struct dict_entry *es = NULL;
	size_t n = 0;
	size_t m = tok_in(x, i, WL_STARTS_NAME) ? dict_match(x->d.names, &x->toks, i, e, 0, &es, &n) : 0;
	if (!m || i + m >= e || !tok_in(x, i + m, WL_ROLE))
		return 0;
	for (size_t k = 0; k < n; k++)
		if (es[k].kind == ENT_ACTOR && x->d.actors[es[k].idx].kind == ACTOR_ORG)
			return m;
	return 0;
}

static size_t take_role_name(struct extractor *x, size_t i, size_t e, int state_ra)
{
	const struct ractor *st = &x->ra[state_ra];
	if (st->kind != ACTOR_STATE)
		return 0;
	size_t j = i;
	if (j < e && is_word(x, j, "'s"))
		j++;
	size_t roles = j;
	int posted = 0; /* an organisation named inside the title: where the envoy serves */
	while (j < e && j < roles + 6) {
		if (tok_in(x, j, WL_ROLE) || is_word(x, j, "acting") || is_word(x, j, "permanent")) {
			j++;
			continue;
		}
		/* "Pakistan's acting U.N. representative", "Russia's UN envoy",
		 * "the Chinese EU ambassador": the envoy of the state to the
		 * organisation acts for the state. */
		size_t om = org_before_role(x, j, e);
		if (!om)
			break;
		j += om;
		posted = 1;
	}
	if (j == roles || (posted && !tok_in(x, j - 1, WL_ROLE)))
		return 0;
	if (posted && !(j < e && (x->toks.t[j].flags & TOK_CAP) && name_after(x, j, e) >= 2)) {
		/* No name follows: the state's mention takes the title, and the
		 * organisation names no actor. */
		struct mention *sm = &x->men[x->n_men - 1];
		sm->kind = MK_ACTOR;
		sm->te = (uint32_t)j;
		return j - i;
	}
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

void note_topic(struct sent_topics *st, int id)
{
	for (int i = 0; i < st->n; i++)
		if (st->ids[i] == id)
			return;
	if (st->n < 32 && id >= 0)
		st->ids[st->n++] = id;
}

/* One pass over sentence tokens [s, e): mentions, triggers and topics. */
/* A judgement told by a speaker (frame spk, no verb: "unacceptable", "a
 * provocation") is an event only as a predicate ("the visit was totally
 * unacceptable"); before a noun ("condemns the unacceptable violence") it
 * describes, and the verb tells the act. */
static int attributive_judgement(const struct extractor *x, const struct dict_trigger *tr, size_t i, size_t end,
				 size_t s)
{
	if (!tr->speaker || strcmp(tr->type, "condemnation"))
		return 0;
	/* The speaker's own words quoted ("called the visit “unacceptable”",
	 * "said it amounted to “a provocation”"): a quotation that opens on the
	 * judgement and closes after it is the judgement told (not "“unlawful
	 * military exercises”", which describes). */
	size_t qs = (x->toks.t[i].flags & TOK_OPEN_QUOTE) ? i + 1 : i;
	if ((qs > i || (i > s && (x->toks.t[i - 1].flags & TOK_OPEN_QUOTE))) && end <= x->toks.n &&
	    (end == x->toks.n || (x->toks.t[end].flags & (TOK_CLOSE_QUOTE | TOK_PUNCT))))
		return 0;
	size_t q = i;
	while (q > s && (ends_in(x, q - 1, 3, "ly") || tok_in(x, q - 1, WL_SKIP_ADVERB)) && !tok_in(x, q - 1, WL_BE))
		q--;
	if (q > s && tok_in(x, q - 1, WL_BE))
		return 0;
	/* A noun row after the verb that makes it an act ("has committed a
	 * grave mistake", "made a historic blunder") is the predicate too. */
	if (q > s && (is_word(x, i, "a") || is_word(x, i, "an"))) {
		static const char *const light[] = {"commit", "commits", "committed", "committing",
						    "make", "makes", "made", "making"};
		for (size_t k = 0; k < sizeof(light) / sizeof(light[0]); k++)
			if (is_word(x, q - 1, light[k]))
				return 0;
	}
	return 1;
}

/* "criticism of Canberra", "the condemnation of Moscow", "its rejection of
 * Tokyo's claims": a capital after the "of" of an event noun just found is
 * the one the act is aimed at, not a place. */
static int of_event_noun(const struct extractor *x, size_t i)
{
	if (!x->n_hits || i < 2 || !is_word(x, i - 1, "of"))
		return 0;
	const struct trigger_hit *h = &x->hits[x->n_hits - 1];
	return x->d.triggers[h->trigger].noun && (h->te == i || h->te == i - 1) &&
	       !(type_props(x, &x->d.triggers[h->trigger]) & TP_TRAVEL) &&
	       x->d.triggers[h->trigger].frame == FRAME_DIRECTED;
}

int scan_sentence(struct extractor *x, size_t s, size_t e, struct sent_topics *st)
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
		/* "high-level talks", "at the level of charge d'affaires": the
		 * noun "level", not the verb of "level accusations". */
		if (wm && is_word(x, i, "level") && i > s &&
		    (is_word(x, i - 1, "-") || tok_in(x, i - 1, WL_DETERMINER) || (i + 1 < e && is_word(x, i + 1, "of"))))
			wm = 0;
		for (size_t k = 0; wm && k < n; k++) {
			if (es[k].kind != ENT_TRIGGER || !tail_ok(x, &x->d.triggers[es[k].idx], i + wm, e) ||
			    attributive_judgement(x, &x->d.triggers[es[k].idx], i, i + wm, s))
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
		/* "the extraordinary Arab summit", "an emergency Arab summit": the
		 * summit of the Arab League (its members are not named, and "Arab"
		 * is no state's adjective); the word "summit" stays the trigger. */
		if ((t->flags & TOK_CAP) && i + 1 < e && is_word(x, i, "arab") &&
		    (is_word(x, i + 1, "summit") || is_word(x, i + 1, "summits"))) {
			long arl = dict_actor_by_code(&x->d, "ARL");
			if (arl >= 0 && add_mention(x, i, i + 1, ractor_of_dict_actor(x, arl), MK_ACTOR))
				return -1;
			i++;
			continue;
		}
		m = tok_in(x, i, WL_STARTS_NAME) ? dict_match(x->d.names, &x->toks, i, e, 0, &es, &n) : 0;
		if (m) {
			const struct dict_entry *best = NULL, *group = NULL;
			for (size_t k = 0; k < n; k++)
				if (es[k].kind == ENT_GROUP)
					group = group ? group : &es[k];
				else if (!best || es[k].kind < best->kind)
					best = &es[k];
			/* A group of states, unless the name is also an actor's or a
			 * person's ("E3" is also a topic, the Iran nuclear deal's). */
			if (group && (!best || best->kind == ENT_TITLE || best->kind == ENT_TOPIC)) {
				if (best && best->kind == ENT_TOPIC)
					note_topic(st, (int)best->idx);
				if (add_group_mentions(x, s, i, i + m, group->idx))
					return -1;
				i += m;
				continue;
			}
			/* PERSON > ACTOR > TITLE > TOPIC by kind number. */
			if (best->kind == ENT_PERSON) {
				if (add_mention(x, i, i + m, ractor_of_person(x, best->idx), MK_ACTOR))
					return -1;
				i += m;
				continue;
			}
			if (best->kind == ENT_ACTOR && x->d.actors[best->idx].kind == ACTOR_ORG && i > s &&
			    is_word(x, i - 1, "national") && (x->toks.t[i - 1].flags & TOK_CAP) &&
			    is_word(x, i, "security")) {
				/* "Israel's National Security Council", "the Israeli National
				 * Security Council": a state's own council, not the UN's. */
				struct mention *last = x->n_men ? &x->men[x->n_men - 1] : NULL;
				if (last && last->ra >= 0 && x->ra[last->ra].kind == ACTOR_STATE &&
				    (last->te == i - 1 || (last->te == i - 2 && is_word(x, i - 2, "'s")))) {
					last->kind = MK_ACTOR;
					last->te = (uint32_t)(i + m);
				}
				i += m;
				continue;
			}
			if (best->kind == ENT_ACTOR) {
				int kind = best->sub == AL_ADJ ? MK_ADJ : MK_ACTOR;
				/* A capital after "in", "at", "from" names a place, not an actor. */
				if (best->sub == AL_METONYM && i > s && !is_word(x, i + m, "'s") &&
				    (is_word(x, i - 1, "in") || is_word(x, i - 1, "at") || is_word(x, i - 1, "from") ||
				     is_word(x, i - 1, "near") || is_word(x, i - 1, "to") || is_word(x, i - 1, "of")) &&
				    !of_event_noun(x, i))
					kind = MK_PLACE;
				/* (but "a government spokesman in Bonn", "officials in
				 * Beijing": who speaks there speaks for it; an envoy "in
				 * Moscow" is posted there and stays a place) */
				if (kind == MK_PLACE && i > s + 1 && is_word(x, i - 1, "in") &&
				    (is_word(x, i - 2, "spokesman") || is_word(x, i - 2, "spokeswoman") ||
				     is_word(x, i - 2, "spokesperson") || is_word(x, i - 2, "official") ||
				     is_word(x, i - 2, "officials") || is_word(x, i - 2, "sources") ||
				     is_word(x, i - 2, "government")))
					kind = MK_ACTOR;
				/* "the Beijing meeting", "the Minsk agreements", "the Geneva
				 * talks": a capital naming an event is where it was held. */
				if (best->sub == AL_METONYM && kind == MK_ACTOR && i + m < e &&
				    (is_word(x, i + m, "meeting") || is_word(x, i + m, "meetings") ||
				     is_word(x, i + m, "talks") || is_word(x, i + m, "summit") ||
				     is_word(x, i + m, "conference") || is_word(x, i + m, "session") ||
				     is_word(x, i + m, "round") || is_word(x, i + m, "agreement") ||
				     is_word(x, i + m, "agreements") || is_word(x, i + m, "accord") ||
				     is_word(x, i + m, "accords") || is_word(x, i + m, "declaration") ||
				     is_word(x, i + m, "process") || is_word(x, i + m, "format") ||
				     is_word(x, i + m, "protocol") || is_word(x, i + m, "forum") ||
				     is_word(x, i + m, "dialogue") || is_word(x, i + m, "negotiations") ||
				     is_word(x, i + m, "consultations") || is_word(x, i + m, "ceremony")))
					kind = MK_PLACE;
				/* A territory spoken of, not acting: "Portuguese-ruled Macao",
				 * "Israeli-occupied East Jerusalem", "the Macao question",
				 * "the shift in position on Western Sahara". */
				if (kind == MK_ACTOR && i > s + 1 && is_word(x, i - 2, "-") &&
				    (is_word(x, i - 1, "ruled") || is_word(x, i - 1, "controlled") ||
				     is_word(x, i - 1, "administered") || is_word(x, i - 1, "occupied") ||
				     is_word(x, i - 1, "held")))
					kind = MK_PLACE;
				/* "the Russian ambassador to the UN", "Pakistan's envoy at
				 * the U.N.", "its mission to NATO": the organisation is where
				 * the envoy serves; the envoy's state acts. */
				if (kind == MK_ACTOR && x->d.actors[best->idx].kind == ACTOR_ORG && envoy_posted_at(x, i, s))
					kind = MK_PLACE;
				if (kind == MK_ACTOR && i + m < e &&
				    (is_word(x, i + m, "question") || is_word(x, i + m, "issue") ||
				     is_word(x, i + m, "dispute") || is_word(x, i + m, "conflict")))
					kind = MK_PLACE;
				if (kind == MK_ACTOR && i > s + 1 && is_word(x, i - 1, "on") &&
				    (is_word(x, i - 2, "position") || is_word(x, i - 2, "stance") ||
				     is_word(x, i - 2, "shift") || is_word(x, i - 2, "stand") ||
				     is_word(x, i - 2, "policy") || is_word(x, i - 2, "u-turn")))
					kind = MK_PLACE;
				/* "the courage of Russians who protest", "thousands of East
				 * Germans", "ordinary Iranians": a people named in the plural
				 * of its adjective, after "of" or a lower-case word that counts
				 * or qualifies them, are persons, not their state. */
				if (kind == MK_ACTOR && i > s && x->d.actors[best->idx].kind == ACTOR_STATE &&
				    x->d.actors[best->idx].adjective && plural_people(x, i, m, best->idx))
					kind = MK_PLACE;
				/* "Iran-backed militias", "Russian-backed separatists",
				 * "Chinese-made drones": the backer or maker of those who
				 * act, or of a thing, does not act. */
				if (kind != MK_PLACE && i + m + 1 < e && is_word(x, i + m, "-") &&
				    (is_word(x, i + m + 1, "backed") || is_word(x, i + m + 1, "sponsored") ||
				     is_word(x, i + m + 1, "supported") || is_word(x, i + m + 1, "allied") ||
				     is_word(x, i + m + 1, "aligned") || is_word(x, i + m + 1, "funded") ||
				     is_word(x, i + m + 1, "armed") || is_word(x, i + m + 1, "trained") ||
				     is_word(x, i + m + 1, "made") || is_word(x, i + m + 1, "built") ||
				     is_word(x, i + m + 1, "produced") || is_word(x, i + m + 1, "manufactured") ||
				     is_word(x, i + m + 1, "designed") || is_word(x, i + m + 1, "supplied")))
					kind = MK_PLACE;
				/* "the Embassy of Japan in China", "its embassy in Tajikistan":
				 * the state a mission is posted in is where it is; the
				 * sending state acts. */
				if (kind == MK_ACTOR && i > s + 2 && is_word(x, i - 1, "in") &&
				    x->d.actors[best->idx].kind == ACTOR_STATE)
					for (size_t q = i - 1; q > s && q + 6 > i; q--)
						if (is_word(x, q - 1, "embassy") || is_word(x, q - 1, "embassies") ||
						    is_word(x, q - 1, "consulate") || is_word(x, q - 1, "mission")) {
							kind = MK_PLACE;
							break;
						}
				/* "Latin America", "South American": part of a longer place
				 * name, a region that names no state ("a Latin American tour"
				 * is no visit to the United States). */
				int region = 0;
				if (i > s && (x->toks.t[i - 1].flags & TOK_CAP) && !(x->toks.t[i - 1].flags & TOK_ALLCAPS) &&
				    (is_word(x, i - 1, "latin") || is_word(x, i - 1, "central") ||
				     ((is_word(x, i - 1, "south") || is_word(x, i - 1, "north")) &&
				      (is_word(x, i, "america") || is_word(x, i, "american") || is_word(x, i, "americans"))))) {
					kind = MK_PLACE;
					region = 1;
				}
				/* "Taiwan's Ministry of Foreign Affairs", "Russia's foreign
				 * ministry": the organ is the state, one mention to its end. */
				if (kind == MK_ACTOR && best->sub != AL_METONYM && i + m + 1 < e && is_word(x, i + m, "'s")) {
					size_t organ = institution_len(x, i + m + 1, e);
					if (organ)
						m += 1 + organ;
				}
				/* "Egyptian media attacked", "Some Danish slaughterhouse
				 * officials accused": people or a body that holds no office
				 * of the state (titles.tsv, role "none"; the word after the
				 * adjective, or after a lower-case modifier that is no organ
				 * of the state, as "state" in "Chinese state media") at the
				 * head of a clause do not make the state act. As an object
				 * ("sanctions on Chinese companies") they still name it. */
				/* (Nor do they as the partner of a meeting: "met
				 * with French yellow vest protesters"; two lower-case
				 * modifiers may stand before the word.) */
				if (kind == MK_ADJ && i + m < e &&
				    (clause_head(x, i, s) || (i > s && is_word(x, i - 1, "with")))) {
					int priv = 0;
					for (size_t q = i + m; q < e && q < i + m + 3 && !priv; q++) {
						if (dict_private_head(&x->d, x->toks.t[q].lhash))
							priv = 1;
						else if (!(x->toks.t[q].flags & TOK_WORD) || (x->toks.t[q].flags & TOK_CAP) ||
							 tok_in(x, q, WL_ORGAN_QUALIFIER))
							break;
					}
					if (priv)
						kind = MK_PLACE;
				}
				/* "the British Foreign Office", "the Russian side", "Chinese
				 * authorities": an organ or a side of the state is the state. */
				if (kind == MK_ADJ && i + m < e) {
					size_t organ = institution_len(x, i + m, e);
					if (!organ && tok_in(x, i + m, WL_STATE_BODY) &&
					    !(i + m + 1 < e && is_word(x, i + m + 1, "of")))
						organ = 1;
					if (organ) {
						kind = MK_ACTOR;
						m += organ;
					}
				}
				/* "the US Treasury Department", "the U.S. Commerce Dept.": a
				 * state's organ named by a longer form than the dictionary's
				 * is the state, to the end of its name. */
				if (kind == MK_ACTOR && x->d.actors[best->idx].kind == ACTOR_STATE && i + m < e &&
				    (x->toks.t[i + m].flags & TOK_CAP) &&
				    (is_word(x, i + m, "department") || is_word(x, i + m, "dept")) &&
				    !(i + m + 1 < e && is_word(x, i + m + 1, "of")))
					m++;
				/* "key New Zealand allies", "Ukraine's partners", "Israel's
				 * neighbours": other states named by their tie to this one;
				 * it does not act ("Russia's ally Belarus": the ally does). */
				if (kind != MK_PLACE && x->d.actors[best->idx].kind == ACTOR_STATE && i + m < e) {
					size_t q = i + m + (is_word(x, i + m, "'s") && i + m + 1 < e);
					/* ("Israel's Arab neighbours", "Kyiv's closest Western allies") */
					for (int skip = 0; skip < 2 && q + 1 < e; skip++)
						if (((x->toks.t[q].flags & TOK_CAP) && (x->toks.t[q].flags & TOK_WORD)) ||
						    is_word(x, q, "closest") || is_word(x, q, "close") || is_word(x, q, "key") ||
						    is_word(x, q, "main") || is_word(x, q, "regional") || is_word(x, q, "traditional"))
							q++;
					if (is_word(x, q, "allies") || is_word(x, q, "ally") || is_word(x, q, "partners") ||
					    is_word(x, q, "neighbours") || is_word(x, q, "neighbors") ||
					    is_word(x, q, "rivals") || is_word(x, q, "adversaries") || is_word(x, q, "foes") ||
					    is_word(x, q, "enemies") || is_word(x, q, "backers") || is_word(x, q, "critics"))
						kind = MK_PLACE;
				}
				int ra = region ? -1 : ractor_of_dict_actor(x, best->idx);
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
				size_t from = surname_start(x, i, s, ra);
				if (from > s && tok_exact_in(x, from - 1, WL_HONORIFIC))
					from--;
				size_t to = i + 1 < e && x->ra[ra].given == t->hash && (x->toks.t[i + 1].flags & TOK_CAP) &&
						    patronymic(x, i + 1)
						    ? i + 2
						    : i + 1;
				if (add_mention(x, from, to, ra, MK_ACTOR))
					return -1;
				i = to;
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
