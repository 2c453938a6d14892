/* Extraction, merging: candidates that tell one event several times become
 * one; parties the sentence left out are completed from the report.
 * (The stages: see extract_int.h.) */
#include "ingest/extract/extract_int.h"

/* Under COMMUNIQUE_DEBUG_EXTRACT, which candidate a merge rule folded (into
 * which, -1 for none) and where (the line of this file). */
static void note_dead(const struct extractor *x, const struct cand *gone, const struct cand *kept, int line)
{
	if (x->debug)
		fprintf(stderr, "dead %zu into %td @merge:%d\n", (size_t)(gone - x->cands),
			kept ? kept - x->cands : (ptrdiff_t)-1, line);
}

static int word_after(const char *t, size_t len, size_t p, size_t *a, size_t *b);
static int bytes_word(const char *t, size_t a, size_t b, const char *w);
static int word_before(const char *t, size_t p, size_t *a, size_t *b);

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

/* "Germany and France expel Russian diplomats" over "Germany declared
 * 40 ... persona non grata" and "France said it would expel 35": the
 * headline joins two acts the body tells apart, so neither body act takes
 * the other's source through it. True when b (of the body) has some of
 * headline a's sources and another body act of its type has the rest. */
static int headline_split(const struct extractor *x, const struct cand *a, const struct cand *b)
{
	if (!a->headline || b->headline || a->tr->frame == FRAME_SYMMETRIC || !b->nsrc || b->nsrc >= a->nsrc ||
	    !list_subset(x, b->src, b->nsrc, a->src, a->nsrc))
		return 0;
	for (size_t i = 0; i < x->n_cands; i++) {
		const struct cand *c = &x->cands[i];
		if (c == a || c == b || c->dead || c->headline || c->tr->type_id != a->tr->type_id || !c->nsrc ||
		    c->status != b->status || !list_subset(x, c->src, c->nsrc, a->src, a->nsrc))
			continue;
		int shared = 0;
		for (int k = 0; k < c->nsrc && !shared; k++)
			for (int j = 0; j < b->nsrc && !shared; j++)
				shared = same_code(x, c->src[k], b->src[j]);
		if (!shared)
			return 1;
	}
	return 0;
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

/* Whether date d lies wholly more than a week before the report's day:
 * "in March" in a report of 28 June, "on 2 May" in one of 20 May. */
static int well_before_anchor(const struct extractor *x, const struct cdate *d)
{
	const struct cdate *r = &x->anchor;
	if (r->prec != PREC_DAY || d->prec == PREC_UNKNOWN)
		return 0;
	if (d->year != r->year)
		return d->year < r->year;
	if (d->prec == PREC_YEAR)
		return 0;
	if (d->prec == PREC_MONTH)
		return d->month < r->month && !(d->month + 1 == r->month && r->day <= 7);
	return days_from_civil(d->year, d->month, d->day) - days_from_civil(r->year, r->month, r->day) < -7;
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
	/* ("arrived in Moscow on a state visit on Monday": the time after the
	 * second wording of one act, a few words on, is the act's.) */
	int next_words = same_sentence && b->trig_start >= a->trig_end && b->trig_start - a->trig_end <= 24;
	if (!a->date_explicit && b->date_explicit && (!same_sentence || a->tr->noun || next_words)) {
		a->date = b->date;
		a->date_explicit = 1;
	} else if (a->date_explicit && b->date_explicit && b->date.prec > a->date.prec) {
		a->date = b->date;
	} else if (!a->date_explicit && !b->date_explicit && a->date.prec == PREC_UNKNOWN &&
		   b->date.prec != PREC_UNKNOWN) {
		/* "Kuwait had sought their release ... Shaheen asked Tehran to free
		 * them": the pluperfect retelling has no time; the act told in the
		 * past has the report's. */
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
int focal_state(const struct extractor *x, const char *not_code)
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

/* The state or organisation the report is most about (most mentioned)
 * other than `not_code`, or -1: an organisation only when named more often
 * than any state ("The conclusions further condemned ..." in a report of
 * the EU's summit is the EU's act). */
static int focal_actor(const struct extractor *x, const char *not_code)
{
	int st = focal_state(x, not_code), best = -1;
	long bestn = st >= 0 ? x->mentions_per_ra[st] : 0;
	for (size_t i = 0; i < x->n_ra && i < x->cap_mpr; i++) {
		const struct ractor *a = &x->ra[i];
		if (a->kind != ACTOR_ORG || !a->code[0] || !strcmp(a->code, not_code))
			continue;
		/* (an organisation's bodies count for it) */
		long n = 0;
		for (size_t k = 0; k < x->n_ra && k < x->cap_mpr; k++)
			if (x->ra[k].kind == ACTOR_ORG && same_code(x, (int)k, (int)i))
				n += x->mentions_per_ra[k];
		if (n > bestn) {
			bestn = n;
			best = (int)i;
		}
	}
	return best >= 0 ? best : st;
}

/* The first source of the nearest event before cand `i` that another state
 * or organisation than `code` made, or -1; when `code` made it, its first
 * target of another code ("New Zealand raised its concerns with Beijing ...
 * 'This kind of interference is unacceptable'": the other side of the
 * dispute), or -1. */
int acted_before(const struct extractor *x, size_t i, const char *code)
{
	for (size_t k = i; k-- > 0;) {
		const struct cand *p = &x->cands[k];
		if (p->dead || !p->nsrc || p->tr->frame == FRAME_SYMMETRIC)
			continue;
		if (strcmp(x->ra[p->src[0]].code, code))
			return p->src[0];
		for (int t = 0; t < p->ntgt; t++)
			if (x->ra[p->tgt[t]].code[0] && strcmp(x->ra[p->tgt[t]].code, code))
				return p->tgt[t];
		return -1;
	}
	return -1;
}

/* The actors named in text[a, b) (states and organisations of the names
 * dictionary, in any of their forms), up to *n of them at out; returns 0,
 * or -1 when memory ran out. */
static int actors_in_span(struct extractor *x, const char *text, size_t a, size_t b, int *out, int *n)
{
	struct token_list l;
	token_list_init(&l);
	if (tokenize(text + a, b - a, 0, &l)) {
		token_list_release(&l);
		return -1;
	}
	for (size_t i = 0; i < l.n;) {
		const struct dict_entry *es = NULL;
		size_t ne = 0, m = dict_match(x->d.names, &l, i, l.n, 0, &es, &ne);
		int took = 0;
		for (size_t k = 0; m && k < ne && !took; k++)
			if (es[k].kind == ENT_ACTOR) {
				int ra = ractor_of_dict_actor(x, es[k].idx);
				if (ra >= 0)
					push_party(out, n, ra);
				took = 1;
			}
		i += m ? m : 1;
	}
	token_list_release(&l);
	return 0;
}

/* The persons of the report with a state's code named in text[a, b) by
 * their full name ("Wang Yi, Khawaja Asif and ..."): up to *n of them at out. */
static void persons_in_span(const struct extractor *x, const char *text, size_t a, size_t b, int *out, int *n)
{
	for (size_t r = 0; r < x->n_ra; r++) {
		const struct ractor *ra = &x->ra[r];
		size_t nl = strlen(ra->name);
		if (ra->kind != ACTOR_PERSON || !ra->code[0] || nl < 4 || nl > b - a)
			continue;
		for (size_t p = a; p + nl <= b; p++)
			if (text[p] == ra->name[0] && !strncmp(text + p, ra->name, nl) &&
			    (p == 0 || !isalpha((unsigned char)text[p - 1])) && !isalpha((unsigned char)text[p + nl])) {
				push_party(out, n, (int)r);
				break;
			}
	}
}

/* Who drafted the resolution a report tells of: "drafted by Britain", "the
 * draft tabled by France and Spain", "a US-sponsored resolution". The
 * sponsors are the target of a veto or a vote against it (CAMEO 12x: a
 * rejection is aimed at who proposed). Fills out[*n]; returns 0 or -1. */
static int resolution_drafters(struct extractor *x, int *out, int *n)
{
	static const char *const by[] = {"drafted by ", "tabled by ", "sponsored by ", "co-sponsored by ",
					 "authored by ", "penned by ", "put forward by ", "submitted by "};
	static const char *const joined[] = {"-drafted ", "-sponsored ", "-authored "};
	const char *t = x->text;
	size_t len = x->body_len;
	if (!t || !len)
		return 0;
	/* Every phrase ends in "by " or starts with a hyphen: only there are
	 * the phrases compared (a long body is not compared byte by byte). */
	for (size_t p = 1; p < len && !*n; p++) {
		if (t[p] == 'y' && t[p - 1] == 'b' && p + 1 < len && t[p + 1] == ' ') {
			size_t a = p + 2;   /* after "by " */
			for (size_t k = 0; k < sizeof(by) / sizeof(by[0]) && !*n; k++) {
				size_t bl = strlen(by[k]);
				if (a < bl || strncasecmp(t + a - bl, by[k], bl) || (a > bl && isalpha((unsigned char)t[a - bl - 1])))
					continue;
				/* The sponsors up to the end of the phrase: "by France and
				 * Spain,", "by the United States, Britain and France." */
				size_t b = a;
				while (b < len && b < a + 80 && t[b] != '.' && t[b] != ';' && t[b] != '\n' &&
				       !(t[b] == ',' && !(b + 2 < len && t[b + 1] == ' ' &&
							  (isupper((unsigned char)t[b + 2]) || has_prefix(t + b + 2, "and ")))) &&
				       t[b] != '(' && !has_prefix(t + b, " that ") && !has_prefix(t + b, " which ") &&
				       !has_prefix(t + b, " under ") && !has_prefix(t + b, " to ") && !has_prefix(t + b, " on "))
					b++;
				if (actors_in_span(x, t, a, b, out, n))
					return -1;
			}
		} else if (t[p] == '-') {
			for (size_t k = 0; k < sizeof(joined) / sizeof(joined[0]) && !*n; k++) {
				size_t jl = strlen(joined[k]);
				if (p + jl > len || strncasecmp(t + p, joined[k], jl))
					continue;
				/* "British-drafted", "U.S.-sponsored": the word before the hyphen. */
				size_t a = p;
				while (a > 0 && t[a - 1] != ' ' && t[a - 1] != '\n' && t[a - 1] != '(' && t[a - 1] != '"')
					a--;
				if (a < p && actors_in_span(x, t, a, p, out, n))
					return -1;
			}
		}
	}
	return 0;
}

/* Whether the evidence of body cand c names a resolution or a draft. */
static int about_resolution(const struct extractor *x, const struct cand *c)
{
	if (c->headline || !x->text || c->ev_end > x->body_len || c->ev_end <= c->ev_start)
		return 0;
	static const char *const words[] = {"resolution", "draft", "veto"};
	for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
		size_t wl = strlen(words[k]);
		for (size_t p = c->ev_start; p + wl <= c->ev_end; p++)
			if (!strncasecmp(x->text + p, words[k], wl) && (p == 0 || !isalpha((unsigned char)x->text[p - 1])))
				return 1;
	}
	return 0;
}

/* "two votes against (Russia and Venezuela)", "voted against (China,
 * Russia)": a list in brackets right after the vote names the voters. Fills
 * out[*n] (nothing when there is no such list); returns 0 or -1. */
static int vote_list(struct extractor *x, const struct cand *c, int *out, int *n)
{
	const char *t = x->text;
	size_t p = c->trig_end;
	if (!t || c->headline || p > x->body_len || p < 7 || strncasecmp(t + p - 7, "against", 7))
		return 0;
	while (p < x->body_len && t[p] == ' ')
		p++;
	if (p >= x->body_len || t[p] != '(')
		return 0;
	size_t q = p + 1;
	while (q < x->body_len && q < p + 160 && t[q] != ')' && t[q] != '\n')
		q++;
	if (q >= x->body_len || t[q] != ')')
		return 0;
	return actors_in_span(x, t, p + 1, q, out, n);
}

/* A veto of, or a vote against, a draft resolution is aimed at its sponsors
 * where the report names them. */
static void target_drafters(struct extractor *x)
{
	int drafters[MAX_PARTIES], nd = 0, looked = 0;
	size_t n_before = x->n_cands;
	for (size_t i = 0; i < x->n_cands; i++) {
		struct cand *c = &x->cands[i];
		if (c->dead || strcmp(c->tr->type, "rejection") || !c->nsrc || c->status == STATUS_NEGATED ||
		    !about_resolution(x, c))
			continue;
		/* Each voter the list names votes against the draft: one event
		 * each, as each veto is one. */
		int voters[MAX_PARTIES], nv = 0;
		if (i < n_before && vote_list(x, c, voters, &nv))
			return;
		if (nv) {
			c->nsrc = 0;
			push_party(c->src, &c->nsrc, voters[0]);
			c->ntgt = 0;
			for (int v = 1; v < nv; v++) {
				if (grow_array((void **)&x->cands, &x->cap_cands, x->n_cands + 1, sizeof(*x->cands)))
					return;
				c = &x->cands[i];
				struct cand *d = &x->cands[x->n_cands++];
				*d = *c;
				d->nsrc = 0;
				push_party(d->src, &d->nsrc, voters[v]);
			}
		}
		if (!looked) {
			looked = 1;
			if (resolution_drafters(x, drafters, &nd))
				return;
		}
		for (int d = 0; d < nd; d++) {
			int own = 0;
			for (int s = 0; s < c->nsrc; s++)
				own |= same_code(x, c->src[s], drafters[d]);
			if (!own)
				push_party(c->tgt, &c->ntgt, drafters[d]);
		}
	}
}

/* The end of the phrase of actors starting at byte a of the text: "by
 * Turkey and Qatar," ends at the comma, "by Turkey, Qatar and Egypt" runs
 * through its list. */
static size_t actors_phrase_end(const char *t, size_t len, size_t a)
{
	size_t b = a;
	while (b < len && b < a + 80 && t[b] != '.' && t[b] != ';' && t[b] != '\n' && t[b] != '(' &&
	       !(t[b] == ',' && !(b + 2 < len && t[b + 1] == ' ' && (isupper((unsigned char)t[b + 2]) ||
								     has_prefix(t + b + 2, "and ")))) &&
	       !has_prefix(t + b, " that ") && !has_prefix(t + b, " which ") && !has_prefix(t + b, " to ") &&
	       !has_prefix(t + b, " on ") && !has_prefix(t + b, " in ") && !has_prefix(t + b, " for "))
		b++;
	return b;
}

/* "talks in Istanbul mediated by Turkey and Qatar", "the meeting held under
 * the aegis of Saudi Arabia's king", "a gathering hosted by the GCC states":
 * who mediates, sponsors or hosts a meeting, a round of talks or an accord
 * takes part in it; so does "a Doha-brokered ceasefire"'s. */
static void join_mediators(struct extractor *x)
{
	static const char *const by[] = {"mediated by ", "brokered by ", "hosted by ", "facilitated by ",
					 "under the auspices of ", "under the aegis of ", "with the mediation of ",
					 "through the mediation of ", "co-chaired by ", "chaired by ", "joined by ",
					 "attended by "};
	const char *t = x->text;
	for (size_t i = 0; t && i < x->n_cands; i++) {
		struct cand *c = &x->cands[i];
		if (c->dead || c->headline || c->tr->frame != FRAME_SYMMETRIC || c->ev_end > x->body_len ||
		    c->ev_end <= c->ev_start || !c->nsrc ||
		    (strcmp(c->tr->type, "meeting") && strcmp(c->tr->type, "negotiation") &&
		     strcmp(c->tr->type, "agreement")))
			continue;
		/* Every phrase ends in "by " or "of ": look for those (memmem), then
		 * for a phrase ending there. */
		for (size_t p = c->ev_start; p + 3 <= c->ev_end;) {
			const char *hit = NULL;
			for (const char *w = t + p; w + 3 <= t + c->ev_end; w++) {
				w = memchr(w, ' ', (size_t)(t + c->ev_end - w));
				if (!w || w + 4 > t + c->ev_end)
					break;
				if ((w[1] == 'b' && w[2] == 'y' && w[3] == ' ') || (w[1] == 'o' && w[2] == 'f' && w[3] == ' ')) {
					hit = w + 4;
					break;
				}
			}
			if (!hit)
				break;
			size_t a = (size_t)(hit - t);
			p = a;
			for (size_t k = 0; k < sizeof(by) / sizeof(by[0]); k++) {
				size_t bl = strlen(by[k]);
				if (a < c->ev_start + bl || strncasecmp(t + a - bl, by[k], bl) ||
				    (a - bl > 0 && isalpha((unsigned char)t[a - bl - 1])))
					continue;
				size_t b = actors_phrase_end(t, c->ev_end, a);
				if (actors_in_span(x, t, a, b, c->src, &c->nsrc))
					return;
				break;
			}
		}
		/* "a Doha-brokered ceasefire", "the EU-mediated talks" */
		static const char *const joined[] = {"-brokered ", "-mediated ", "-hosted ", "-facilitated "};
		for (const char *h = t + c->ev_start + 1; h < t + c->ev_end;) {
			h = memchr(h, '-', (size_t)(t + c->ev_end - h));
			if (!h)
				break;
			size_t p = (size_t)(h - t);
			h++;
			for (size_t k = 0; k < sizeof(joined) / sizeof(joined[0]); k++) {
				size_t jl = strlen(joined[k]);
				if (p + jl > c->ev_end || strncasecmp(t + p, joined[k], jl))
					continue;
				size_t a = p;
				while (a > c->ev_start && t[a - 1] != ' ' && t[a - 1] != '\n' && t[a - 1] != '(' &&
				       t[a - 1] != '"')
					a--;
				if (a < p && actors_in_span(x, t, a, p, c->src, &c->nsrc))
					return;
			}
		}
		/* "With China mediating, Saudi Arabia and Iran agreed ...", "with
		 * Qatar acting as mediator": the mediator of an absolute
		 * construction takes part. */
		static const char *const mediating[] = {" mediating", " brokering", " acting as mediator",
							" acting as a mediator", " as mediator", " hosting"};
		for (size_t p = c->ev_start; p + 5 <= c->ev_end; p++) {
			if ((t[p] | 0x20) != 'w' || strncasecmp(t + p, "with ", 5) ||
			    (p > 0 && isalpha((unsigned char)t[p - 1])))
				continue;
			size_t a = p + 5;
			for (size_t q = a; q < c->ev_end && q < a + 60 && t[q] != ',' && t[q] != '.'; q++) {
				size_t k, ml = 0;
				if (t[q] != ' ')   /* every phrase begins with its space */
					continue;
				for (k = 0; k < sizeof(mediating) / sizeof(mediating[0]); k++) {
					ml = strlen(mediating[k]);
					if (q + ml <= c->ev_end && !strncmp(t + q, mediating[k], ml) &&
					    (q + ml == c->ev_end || !isalpha((unsigned char)t[q + ml])))
						break;
				}
				if (k == sizeof(mediating) / sizeof(mediating[0]))
					continue;
				if (actors_in_span(x, t, a, q, c->src, &c->nsrc))
					return;
				break;
			}
		}
		/* "a meeting held in Kabul, bringing together Wang Yi, Dar and
		 * Afghan FM Muttaqi", "the summit, which brought together the
		 * leaders of Egypt and Jordan": who it brings together takes part. */
		static const char *const together[] = {"bringing together ", "brought together ", "brings together ",
						       "gathering together ", "gathered together "};
		for (size_t k = 0; k < sizeof(together) / sizeof(together[0]); k++) {
			size_t tl = strlen(together[k]);
			for (size_t p = c->ev_start; p + tl <= c->ev_end; p++) {
				if ((t[p] | 0x20) != together[k][0] || strncasecmp(t + p, together[k], tl) ||
				    (p > 0 && isalpha((unsigned char)t[p - 1])))
					continue;
				size_t a = p + tl, b = actors_phrase_end(t, c->ev_end, a);
				if (actors_in_span(x, t, a, b, c->src, &c->nsrc))
					return;
				persons_in_span(x, t, a, b, c->src, &c->nsrc);
				break;
			}
		}
	}
}

/* The distinct codes among a cand's sources (symmetric: its participants). */
static int distinct_sources(const struct extractor *x, const struct cand *c)
{
	int n = 0;
	for (int i = 0; i < c->nsrc; i++) {
		int dup = 0;
		for (int k = 0; k < i && !dup; k++)
			dup = same_code(x, c->src[k], c->src[i]);
		n += !dup;
	}
	return n;
}

/* "the three sides", "all four countries": the number of parties a collective
 * in text[a, b) counts (three and more; "the two sides" is told by the pair
 * in play), else 0. */
static int collective_count(const char *t, size_t a, size_t b)
{
	static const char *const nums[] = {"three ", "four ", "five ", "six "};
	static const char *const nouns[] = {"sides", "countries", "parties", "nations", "states",
					    "governments", "ministers", "leaders", "delegations"};
	for (size_t p = a; p < b; p++) {
		if (p > a && isalpha((unsigned char)t[p - 1]))
			continue;
		for (size_t k = 0; k < sizeof(nums) / sizeof(nums[0]); k++) {
			size_t nl = strlen(nums[k]);
			if (p + nl > b || strncasecmp(t + p, nums[k], nl))
				continue;
			for (size_t w = 0; w < sizeof(nouns) / sizeof(nouns[0]); w++) {
				size_t wl = strlen(nouns[w]);
				if (p + nl + wl <= b && !strncmp(t + p + nl, nouns[w], wl) &&
				    !isalpha((unsigned char)t[p + nl + wl]))
					return (int)k + 3;
			}
		}
	}
	return 0;
}

/* "The trilateral dialogue was held in Kabul ... The three sides pledged
 * to ...": a collective that counts more parties than the pair in play
 * names those of the last meeting or talks told before with that many,
 * among them the parties found. */
static void count_collectives(struct extractor *x)
{
	const char *t = x->text;
	for (size_t i = 0; t && i < x->n_cands; i++) {
		struct cand *c = &x->cands[i];
		if (c->dead || c->headline || c->ev_end > x->body_len || c->trig_start <= c->ev_start ||
		    c->trig_start > c->ev_end)
			continue;
		int want = collective_count(t, c->ev_start, c->trig_start);
		if (!want || distinct_sources(x, c) >= want)
			continue;
		if (c->tr->frame != FRAME_SYMMETRIC) {
			/* "Saudi Arabia, the UAE, Bahrain and Egypt severed ties with
			 * Qatar ... The four states said they would close their
			 * borders": the sources of the last act told by that many. */
			for (size_t k = i; k-- > 0;) {
				const struct cand *p = &x->cands[k];
				if (p->dead || p->headline || p->tr->frame == FRAME_SYMMETRIC || distinct_sources(x, p) != want ||
				    !list_subset(x, c->src, c->nsrc, p->src, p->nsrc))
					continue;
				for (int q = 0; q < p->nsrc; q++)
					push_party(c->src, &c->nsrc, p->src[q]);
				break;
			}
			continue;
		}
		for (size_t k = i; k-- > 0;) {
			const struct cand *p = &x->cands[k];
			if (p->dead || p->headline || p->tr->frame != FRAME_SYMMETRIC ||
			    (strcmp(p->tr->type, "meeting") && strcmp(p->tr->type, "negotiation")) ||
			    distinct_sources(x, p) != want || shared_codes(x, c, p) < distinct_sources(x, c))
				continue;
			for (int q = 0; q < p->nsrc; q++) {
				int have = 0;
				for (int r = 0; r < c->nsrc && !have; r++)
					have = same_code(x, c->src[r], p->src[q]);
				if (!have)
					push_party(c->src, &c->nsrc, p->src[q]);
			}
			/* What the sides of that meeting did with no time of its own
			 * was done there. */
			if (!c->date_explicit && p->date_explicit) {
				c->date = p->date;
				c->date_explicit = 1;
			}
			break;
		}
	}
}

/* "Guterres welcomed the deal, and thanked China for its role": support
 * for an accord told before goes to the accord's parties, not to another
 * state of the sentence (the one thanked is the other act's). */
static void welcomed_accord(struct extractor *x)
{
	static const char *const accords[] = {"deal", "agreement", "accord", "pact", "treaty", "declaration",
					      "deals", "agreements", "accords", "normalisation", "normalization"};
	for (size_t i = 0; i < x->n_cands; i++) {
		struct cand *c = &x->cands[i];
		if (c->dead || c->headline || !c->nsrc || strcmp(c->tr->type, "support") || !c->object_word[0])
			continue;
		int accord = 0;
		for (size_t a = 0; a < sizeof accords / sizeof *accords && !accord; a++)
			accord = !strcmp(c->object_word, accords[a]);
		if (!accord)
			continue;
		for (size_t k = i; k-- > 0;) {
			const struct cand *p = &x->cands[k];
			if (p->dead || strcmp(p->tr->type, "agreement") || p->tr->frame != FRAME_SYMMETRIC || p->nsrc < 2)
				continue;
			int tgt[MAX_PARTIES], n = 0;
			for (int q = 0; q < p->nsrc; q++) {
				int own = 0;
				for (int r = 0; r < c->nsrc; r++)
					own |= same_code(x, p->src[q], c->src[r]);
				if (!own)
					push_party(tgt, &n, p->src[q]);
			}
			if (n >= 2) {   /* (one's own accord with another is no accord of others) */
				memcpy(c->tgt, tgt, sizeof tgt);
				c->ntgt = n;
			}
			break;
		}
	}
}

/* Words that name a hostile act, and those told of it before ("fired a
 * missile" ... "the launch"; "Ankara's military offensive" ... "the
 * military action"). */
static int act_word(const char *t, size_t a, size_t b)
{
	static const char *const words[] = {
		"action", "actions", "offensive", "invasion", "incursion", "operation", "attack", "attacks",
		"strike", "strikes", "launch", "launches", "test", "tests", "fired", "launched", "tested",
		"attacked", "invaded", "struck", "shelling", "shelled", "bombing", "bombed", "raid", "raids",
		"seizure", "seized", "annexation", "annexed", "occupation", "aggression", "incursions"};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (b - a == strlen(words[i]) && !strncasecmp(t + a, words[i], b - a))
			return 1;
	return 0;
}

/* The actor named nearest before byte q in q's sentence that is none of
 * c's sources (the author of what the text names at q), or -1. */
static int actor_before_in_sentence(struct extractor *x, const struct cand *c, size_t q)
{
	const char *t = x->text;
	size_t ss = q;
	while (ss > 0 && !(t[ss - 1] == '\n' || (ss > 1 && t[ss - 1] == ' ' && t[ss - 2] == '.')))
		ss--;
	int found[MAX_PARTIES], n = 0;
	if (actors_in_span(x, t, ss, q, found, &n))
		return -1;
	for (int k = n; k-- > 0;) {
		int own = 0;
		for (int s = 0; s < c->nsrc; s++)
			own |= same_code(x, c->src[s], found[k]);
		if (!own && x->ra[found[k]].code[0])
			return found[k];
	}
	return -1;
}

/* "North Korea fired a ballistic missile ... . Tokyo condemned the
 * launch", "over Ankara's military offensive ... the ministers condemned
 * the military action": a condemnation of a hostile act named by a
 * definite noun is aimed at whoever the text said did it before — the
 * actor nearest before the last word of such an act in the sentences
 * before (not the condemner). -1 when none. */
static int act_author(struct extractor *x, const struct cand *c)
{
	const char *t = x->text;
	size_t a, b, p = c->trig_end;
	if (!word_after(t, x->body_len, p, &a, &b) ||
	    !(bytes_word(t, a, b, "the") || bytes_word(t, a, b, "this") || bytes_word(t, a, b, "these")))
		return -1;
	int named = 0;
	for (int n = 0; n < 3 && !named && word_after(t, x->body_len, b, &a, &b); n++)
		named = act_word(t, a, b);
	if (!named)
		return -1;
	/* the last act word before the trigger, within the paragraph */
	size_t from = c->ev_start > 1200 ? c->ev_start - 1200 : 0;
	for (size_t q = c->ev_start; q-- > from;) {
		if (t[q] == '\n' && q > 0 && t[q - 1] == '\n' && q + 1 < c->ev_start - 1)
			break;
		if (!isalpha((unsigned char)t[q]) || (q > 0 && isalpha((unsigned char)t[q - 1])))
			continue;
		size_t e = q;
		while (e < x->body_len && isalpha((unsigned char)t[e]))
			e++;
		if (!act_word(t, q, e))
			continue;
		return actor_before_in_sentence(x, c, q);
	}
	return -1;
}

/* "Nepal brought out a revised map ... . India turned down the map": a
 * rejection or condemnation of a thing named by a definite noun is aimed at
 * whoever the text named before that noun where it first told of it, in
 * the paragraphs before (not the one who rejects). -1 when none. */
static int noun_author(struct extractor *x, const struct cand *c)
{
	const char *t = x->text, *w = c->object_word;
	size_t wl = strlen(w);
	if (wl < 3 || c->headline || c->trig_end > x->body_len)
		return -1;
	size_t from = c->ev_start > 2400 ? c->ev_start - 2400 : 0;
	size_t hit = SIZE_MAX;
	for (size_t q = from; q + wl <= c->ev_start; q++) {
		if ((q > 0 && isalpha((unsigned char)t[q - 1])) || strncasecmp(t + q, w, wl))
			continue;
		size_t e = q + wl;
		if (e < x->body_len && t[e] == 's')
			e++;
		if (e < x->body_len && isalpha((unsigned char)t[e]))
			continue;
		hit = q;
		break;   /* the first telling names its author */
	}
	return hit == SIZE_MAX ? -1 : actor_before_in_sentence(x, c, hit);
}

/* "Rousseff telephoned Widodo on Jan. 16 to plead for clemency", "met
 * Wang Yi to urge restraint": an act told as the purpose of a call or
 * meeting is the caller's, aimed at the other party, where the sentence
 * gave it both as its source. */
static void purpose_of_encounter(struct extractor *x)
{
	const char *t = x->text;
	for (size_t i = 0; t && i < x->n_cands; i++) {
		struct cand *d = &x->cands[i];
		if (d->dead || d->headline || d->tr->frame == FRAME_SYMMETRIC || d->nsrc < 2 || d->ntgt ||
		    d->trig_end > x->body_len || d->trig_start < 4 || strncasecmp(t + d->trig_start - 3, "to ", 3))
			continue;
		for (size_t k = 0; k < x->n_cands; k++) {
			const struct cand *m = &x->cands[k];
			if (m->dead || m->headline || m->ev_start != d->ev_start || m->tr->frame != FRAME_SYMMETRIC ||
			    m->trig_end > d->trig_start || d->trig_start - m->trig_end > 160 || m->nsrc < 2 ||
			    !list_subset(x, d->src, d->nsrc, m->src, m->nsrc))
				continue;
			int between = 0;
			for (size_t q = m->trig_end; q < d->trig_start && !between; q++)
				between = t[q] == ';' || t[q] == ':';   /* (one sentence: a full stop is "Jan.") */
			if (between)
				continue;
			int first = m->src[0];
			d->nsrc = 0;
			for (int q = 0; q < m->nsrc; q++)
				if (same_code(x, m->src[q], first))
					push_party(d->src, &d->nsrc, m->src[q]);
				else
					push_party(d->tgt, &d->ntgt, m->src[q]);
			break;
		}
	}
}

/* Fills parties the sentence left out, from the rest of the report. */
void complete_parties(struct extractor *x)
{
	purpose_of_encounter(x);
	target_drafters(x);
	join_mediators(x);
	count_collectives(x);
	welcomed_accord(x);
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
			/* "is here on an official visit", "arrived from Helsinki": the
			 * journey ends where the report was filed (its dateline); one
			 * to no named state is no event. */
			if (x->place_ra >= 0 && !same_code(x, x->place_ra, c->src[0]))
				push_party(c->tgt, &c->ntgt, x->place_ra);
			else
				{ c->dead = 1; note_dead(x, c, NULL, __LINE__); }
			continue;
		}
		/* "asked all oil-producing countries to help", "called on every
		 * member state": a general call names no addressee; no state is
		 * guessed for it, and without one it is no appeal of the archive. */
		if ((type_props(x, c->tr) & TP_ASKS) && !c->headline && x->text && c->trig_end <= x->body_len) {
			size_t a, b;
			if (word_after(x->text, x->body_len, c->trig_end, &a, &b) &&
			    (bytes_word(x->text, a, b, "all") || bytes_word(x->text, a, b, "every"))) {
				c->dead = 1;
				note_dead(x, c, NULL, __LINE__);
				continue;
			}
		}
		/* A condemnation, an accusation or a rejection names what it is about;
		 * the report's main state is no safe guess for it. But "condemned
		 * the decision" points back at an act already told: its author. */
		if (type_props(x, c->tr) & TP_NAMES_TARGET) {
			/* "would not recognise the agreement": the parties of the
			 * event told before with that word, but the speaker. */
			size_t wl = strlen(c->object_word);
			for (size_t k = i; wl && !c->headline && k-- > 0 && !c->ntgt;) {
				const struct cand *p = &x->cands[k];
				if (p->headline || p->trig_end <= p->trig_start || p->trig_end > x->body_len)
					continue;
				const char *t = x->text + p->trig_start, *end = x->text + p->trig_end;
				int named = 0;
				for (const char *q = t; q + wl <= end && !named; q++)
					named = (q == t || q[-1] == ' ') && !strncasecmp(q, c->object_word, wl) &&
						(q + wl == end || !isalpha((unsigned char)q[wl]) || q[wl] == 's');
				/* "slammed the expulsion": the word names the act's type */
				size_t tl = strlen(p->tr->type);
				if (!named && !p->dead && p->tr->frame != FRAME_SYMMETRIC && k != i &&
				    !strncmp(c->object_word, p->tr->type, tl) &&
				    (wl == tl || (wl == tl + 1 && c->object_word[tl] == 's')))
					named = 1;
				if (!named)
					continue;
				for (int q = 0; q < p->nsrc; q++)
					if (!same_code(x, p->src[q], c->src[0]))
						push_party(c->tgt, &c->ntgt, p->src[q]);
				for (int q = 0; q < p->ntgt; q++)
					if (!same_code(x, p->tgt[q], c->src[0]))
						push_party(c->tgt, &c->ntgt, p->tgt[q]);
			}
			if (c->ntgt)
				continue;
			int author = acted_before(x, i, code);
			if (author >= 0 && c->refers_back)
				push_party(c->tgt, &c->ntgt, author);
			else if (!c->headline && !strcmp(c->tr->type, "condemnation") && c->trig_end <= x->body_len &&
				 (author = act_author(x, c)) >= 0)
				push_party(c->tgt, &c->ntgt, author);
			else if ((!strcmp(c->tr->type, "rejection") || !strcmp(c->tr->type, "condemnation")) &&
				 (author = noun_author(x, c)) >= 0)
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
		/* "might reimpose the sanctions should circumstances change": a
		 * threat whose object is neither an actor nor a word for one (an
		 * organ, a side, an office, a collective) names what is threatened,
		 * not whom; no state is guessed for it. */
		if (c->object_word[0] && !c->refers_back && !strcmp(c->tr->type, "threat")) {
			size_t ol = strlen(c->object_word);
			if (!(vocab_lists(x, c->object_word, ol, text_hash(c->object_word, ol)) &
			      (WL_COLLECTIVE | WL_STATE_BODY | WL_ORGAN | WL_ROLE | WL_ORGAN_QUALIFIER)))
				continue;
		}
		/* "Ukraine welcomed the decision": a reaction to an act told before
		 * is aimed at whoever made it, not at the one it was made against. */
		if (c->refers_back && !c->headline && (type_props(x, c->tr) & TP_REACTION)) {
			int author = acted_before(x, i, code);
			if (author >= 0) {
				push_party(c->tgt, &c->ntgt, author);
				continue;
			}
		}
		/* "condemned the decision ... and said Tehran would respond with
		 * reciprocal measures": an act of the same source told in the same
		 * sentence with a target names whom this one is aimed at too. */
		for (size_t k = 0; k < x->n_cands && !c->ntgt && !(type_props(x, c->tr) & TP_ASKS); k++) {
			const struct cand *p = &x->cands[k];
			if (k == i || p->dead || p->ev_start != c->ev_start || p->headline != c->headline || !p->ntgt ||
			    !p->nsrc || p->tr->frame == FRAME_SYMMETRIC || !same_code(x, p->src[0], c->src[0]))
				continue;
			for (int t = 0; t < p->ntgt; t++)
				if (!same_code(x, p->tgt[t], c->src[0]))
					push_party(c->tgt, &c->ntgt, p->tgt[t]);
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
			{ c->dead = 1; note_dead(x, c, NULL, __LINE__); }  /* "welcomed the agreement" they made themselves */
	}
}

/* A meeting on the day of a round of negotiations between the same parties
 * is that round: its participants join it. */
void merge_rounds(struct extractor *x)
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
			m->dead = 1; note_dead(x, m, n, __LINE__);
		}
	}
}

/* Whether one of the three words before the trigger of c names people or a
 * body that holds no office ("Egyptian media sharply attacked", "Danish
 * slaughterhouse officials accused"): the subject is theirs, no state's.
 * (Over a place after "in" too: "Opposition parties in Madrid called on".) */
static int private_subject(const struct extractor *x, const struct cand *c)
{
	if (!x->text || c->trig_start == 0)
		return 0;
	size_t p = c->trig_start;
	int words = 3;
	for (int w = 0; w < words && w < 6; w++) {
		while (p > 0 && x->text[p - 1] == ' ')
			p--;
		size_t e = p;
		while (p > 0 && ((x->text[p - 1] >= 'a' && x->text[p - 1] <= 'z') ||
				 (x->text[p - 1] >= 'A' && x->text[p - 1] <= 'Z')))
			p--;
		/* (a word at the start of a line is the last one looked at) */
		int first = p > 0 && x->text[p - 1] == '\n';
		if (e == p || e - p >= 32 || (p > 0 && x->text[p - 1] != ' ' && !first))
			return 0;
		char lw[32];
		for (size_t k = 0; k < e - p; k++)
			lw[k] = (char)(x->text[p + k] | 0x20);
		if (dict_private_head(&x->d, text_hash(lw, e - p)))
			return 1;
		if (first)
			return 0;
		if (e - p == 2 && lw[0] == 'i' && lw[1] == 'n')
			words = w + 3;   /* the word before "in" and one more */
	}
	return 0;
}

/* "Hundreds of air strikes have been blamed on Israel", "Moscow was widely
 * criticised": a judgment told in the passive without its author ("by ...")
 * is what is said of someone, by no one the report names; it is nobody's
 * act, not the act of the state the report is about. (A measure told so,
 * "the ambassador was summoned", is still the host's.) */
static int judgment_without_author(const struct extractor *x, const struct cand *c)
{
	if (!x->text || c->headline || c->trig_end <= c->trig_start ||
	    (strcmp(c->tr->type, "accusation") && strcmp(c->tr->type, "condemnation")))
		return 0;
	size_t e = c->trig_start;
	while (e < c->trig_end && isalpha((unsigned char)x->text[e]))
		e++;
	if (e < c->trig_start + 3 || x->text[e - 2] != 'e' || x->text[e - 1] != 'd')
		return 0;
	size_t a, b, p = c->trig_start;
	for (int w = 0; w < 2 && word_before(x->text, p, &a, &b); w++, p = a) {
		if (bytes_word(x->text, a, b, "been") || bytes_word(x->text, a, b, "was") ||
		    bytes_word(x->text, a, b, "were") || bytes_word(x->text, a, b, "is") ||
		    bytes_word(x->text, a, b, "are") || bytes_word(x->text, a, b, "be"))
			return 1;
		if (b - a < 3 || x->text[b - 2] != 'l' || x->text[b - 1] != 'y')   /* "was widely criticised" */
			return 0;
	}
	return 0;
}

/* A state does not act on itself; a directed act needs an actor. */
void prune_parties(struct extractor *x)
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
		/* "The Vice-Minister called in the Chinese ambassador": an act on a
		 * state by someone the report does not tie to one is the act of the
		 * state the report is most about (not an act that did not happen,
		 * nor a journey: who travels is not guessed). */
		if (!c->nsrc && c->ntgt && c->tr->frame == FRAME_DIRECTED && !c->tr->speaker &&
		    c->status != STATUS_NEGATED && !(type_props(x, c->tr) & TP_TRAVEL) && !private_subject(x, c) &&
		    !judgment_without_author(x, c)) {
			int f = focal_actor(x, x->ra[c->tgt[0]].code);
			for (int k = 1; f >= 0 && k < c->ntgt; k++)
				if (same_code(x, c->tgt[k], f))
					f = -1;
			if (f >= 0)
				push_party(c->src, &c->nsrc, f);
		}
		if (!c->nsrc && c->tr->frame == FRAME_DIRECTED)
			{ c->dead = 1; note_dead(x, c, NULL, __LINE__); }
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
static void fold_into_at(struct extractor *x, struct cand *kept, struct cand *gone, int line)
{
	for (int t = 0; t < gone->ntopics; t++)
		add_topic_to(kept, gone->topics[t]);
	gone->dead = 1;
	note_dead(x, gone, kept, line);
}
#define fold_into(kept, gone) fold_into_at(x, kept, gone, __LINE__)

/* "arrived in Florida on Thursday for the two-day meeting", "flew to
 * Tokyo for talks": the meeting named as the purpose of a journey told in
 * its sentence is the meeting the report tells, not one more on the day of
 * the arrival. */
static int word_before(const char *t, size_t p, size_t *a, size_t *b);

static int purpose_of_journey(const struct extractor *x, const struct cand *c)
{
	if (!c->tr->noun || c->headline || !x->text || c->trig_end > x->body_len)
		return 0;
	size_t p = c->trig_start, a, b;
	int ok = 0;
	for (int hop = 0; hop < 4 && !ok && word_before(x->text, p, &a, &b) && a >= c->ev_start; hop++) {
		ok = b - a == 3 && !strncasecmp(x->text + a, "for", 3);
		if (isupper((unsigned char)x->text[a]))
			return 0;
		p = a > 0 && x->text[a - 1] == '-' ? a - 1 : a;   /* ("two-day") */
	}
	if (!ok)
		return 0;
	for (size_t k = 0; k < x->n_cands; k++) {
		const struct cand *t = &x->cands[k];
		if (t != c && !t->headline && t->ev_start == c->ev_start && t->trig_end <= c->trig_start &&
		    (type_props(x, t->tr) & TP_TRAVEL) && t->status == STATUS_OCCURRED)
			return 1;
	}
	return 0;
}

/* "Morales has told the ambassador he must leave, accusing him of ...",
 * then "the order expelling him on Wednesday": an act dated only by the
 * report took the day the text gives it elsewhere; the acts told with it in
 * its sentence after it by the same source, dated by the report alike, took
 * place with it. */
static void pass_on_date(struct extractor *x, const struct cand *a, const struct cdate *was)
{
	for (size_t k = 0; k < x->n_cands; k++) {
		struct cand *c = &x->cands[k];
		if (c == a || c->dead || c->date_explicit || c->headline || c->ev_start != a->ev_start ||
		    c->status != a->status || c->status != STATUS_OCCURRED || cdate_compare_text(&c->date, was) ||
		    c->tr->type_id == a->tr->type_id || c->trig_start < a->trig_start || !c->nsrc || !a->nsrc ||
		    !list_subset(x, c->src, c->nsrc, a->src, a->nsrc))
			continue;
		/* (Still not explicit: it merges as an act dated by the report.) */
		c->date = a->date;
	}
}

static int word_before(const char *t, size_t p, size_t *a, size_t *b);

/* Whether the trigger of body cand c is a noun after a determiner that
 * points back ("the remaining demands", "these sanctions", "such
 * protests"): an act told before, not a new one. */
static int told_again(const struct extractor *x, const struct cand *c)
{
	if (c->headline || !x->text || c->trig_start < 2 || c->trig_end > x->body_len)
		return 0;
	static const char *const dets[] = {"the", "these", "those", "such", "this"};
	size_t p = c->trig_start;
	/* "The decision to re-establish relations", "the agreement to resume
	 * talks": a verb inside a definite description of the act. */
	if (!c->tr->noun) {
		size_t q = p, a, b;
		if (q >= 3 && !strncasecmp(x->text + q - 3, "re-", 3))
			q -= 3;
		if (word_before(x->text, q, &a, &b) && a >= c->ev_start && b - a == 2 &&
		    !strncasecmp(x->text + a, "to", 2) && word_before(x->text, a, &a, &b) && a >= c->ev_start &&
		    islower((unsigned char)x->text[a]) && word_before(x->text, a, &a, &b) && a >= c->ev_start) {
			for (size_t i = 0; i < sizeof(dets) / sizeof(dets[0]); i++)
				if (b - a == strlen(dets[i]) && !strncasecmp(x->text + a, dets[i], b - a))
					return 1;
		}
	}
	for (int hop = 0; hop < 2; hop++) {
		size_t e = p;
		while (e > 0 && x->text[e - 1] == ' ')
			e--;
		size_t b = e;
		while (b > 0 && isalpha((unsigned char)x->text[b - 1]))
			b--;
		if (b == e || e == p)
			return 0;
		for (size_t i = 0; i < sizeof(dets) / sizeof(dets[0]); i++)
			if (e - b == strlen(dets[i]) && !strncasecmp(x->text + b, dets[i], e - b)) {
				/* "ordered the closure of the Estonian consulate": what
				 * is ordered is done then, no act told before */
				size_t va, vb;
				return !(word_before(x->text, b, &va, &vb) && vb - va == 7 &&
					 !strncasecmp(x->text + va, "ordered", 7));
			}
		if (isupper((unsigned char)x->text[b]))
			return 0;
		p = b;   /* over one adjective: "the remaining demands" */
	}
	return 0;
}

/* Whether the verb trigger of body cand c is told as a record: "He is the
 * first high-level U.S. official to visit Japan since ...", "the second
 * foreign leader to call": the story's own act, measured against the past,
 * not another act of the kind. */
static int told_as_record(const struct extractor *x, const struct cand *c)
{
	if (c->headline || c->tr->noun || !x->text || c->trig_end > x->body_len || c->trig_start < c->ev_start + 8)
		return 0;
	const char *t = x->text;
	size_t p = c->trig_start;
	while (p > c->ev_start && t[p - 1] == ' ')
		p--;
	if (p < c->ev_start + 3 || strncasecmp(t + p - 3, " to", 3))
		return 0;
	static const char *const ords[] = {" the first ", " the second ", " the third ", " the only ", " the latest ",
					   " the last "};
	size_t lo = p - 3 > c->ev_start + 70 ? p - 3 - 70 : c->ev_start;
	for (size_t q = p - 3; q-- > lo;)
		for (size_t i = 0; i < sizeof(ords) / sizeof(ords[0]); i++) {
			size_t n = strlen(ords[i]);
			if (q + n <= p && !strncasecmp(t + q, ords[i], n))
				return 1;
		}
	return 0;
}

/* Whether the verb trigger of body cand c follows "also" ("Kishida also
 * conferred with Li"): the text tells one more act of the kind, not the one
 * it told before. */
static int told_also(const struct extractor *x, const struct cand *c)
{
	if (c->headline || c->tr->noun || !x->text || c->trig_start < 5 || c->trig_end > x->body_len)
		return 0;
	size_t e = c->trig_start;
	while (e > 0 && x->text[e - 1] == ' ')
		e--;
	size_t b = e;
	while (b > 0 && isalpha((unsigned char)x->text[b - 1]))
		b--;
	return e - b == 4 && !strncasecmp(x->text + b, "also", 4);
}

/* Whether body bytes t[a..b) are the word w (lower case). */
static int bytes_word(const char *t, size_t a, size_t b, const char *w)
{
	size_t n = strlen(w);
	return b - a == n && !strncasecmp(t + a, w, n);
}

/* The word of t[0..len) before byte p: its bytes [*a, *b); 0 if none. */
static int word_before(const char *t, size_t p, size_t *a, size_t *b)
{
	while (p > 0 && t[p - 1] == ' ')
		p--;
	*b = p;
	while (p > 0 && isalpha((unsigned char)t[p - 1]))
		p--;
	*a = p;
	return *a < *b;
}

/* The word of t[0..len) at or after byte p: its bytes [*a, *b); 0 if none. */
static int word_after(const char *t, size_t len, size_t p, size_t *a, size_t *b)
{
	while (p < len && t[p] == ' ')
		p++;
	*a = p;
	while (p < len && isalpha((unsigned char)t[p]))
		p++;
	*b = p;
	return *a < *b;
}

/* Whether the body word t[a..b) marks an act as one more of its kind: "the
 * latest sanctions", "fresh strikes", "another protest", "further talks". */
static int new_word(const char *t, size_t a, size_t b)
{
	static const char *const words[] = {"new", "latest", "fresh", "another", "further", "additional"};
	if (b <= a || isupper((unsigned char)t[a]))
		return 0;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (bytes_word(t, a, b, words[i]))
			return 1;
	return 0;
}

/* Whether body cand c is told as a new act ("the latest US sanctions",
 * "unveiled new sanctions", "imposed a fresh round of"): within the two
 * words before its trigger, or for a verb the two words after it. Such an
 * act is not the retelling of an earlier one the text dates elsewhere. */
static int told_new(const struct extractor *x, const struct cand *c)
{
	if (c->headline || !x->text || c->trig_end > x->body_len || c->trig_start < c->ev_start)
		return 0;
	const char *t = x->text;
	size_t a, b, p = c->trig_start;
	/* before the trigger: "the latest US sanctions" ("further" only before
	 * a noun: before a verb it is an adverb, "further condemned") */
	for (int hop = 0; hop < 2 && p > c->ev_start && word_before(t, p, &a, &b) && a >= c->ev_start; hop++) {
		if (new_word(t, a, b) && (c->tr->noun || !bytes_word(t, a, b, "further")))
			return 1;
		p = a;
	}
	if (c->tr->noun)
		return 0;
	/* the verb's object: "unveiled new sanctions", "imposed a fresh round";
	 * not the object of a preposition the trigger ends in ("put a freeze
	 * on fresh loans") */
	if (word_before(t, c->trig_end, &a, &b) &&
	    (bytes_word(t, a, b, "on") || bytes_word(t, a, b, "against") || bytes_word(t, a, b, "to") ||
	     bytes_word(t, a, b, "with") || bytes_word(t, a, b, "of") || bytes_word(t, a, b, "for")))
		return 0;
	p = c->trig_end;
	if (word_after(t, c->ev_end, p, &a, &b) && (bytes_word(t, a, b, "a") || bytes_word(t, a, b, "an")))
		p = b;
	return word_after(t, c->ev_end, p, &a, &b) && new_word(t, a, b);
}

/* "two days of emergency talks which ended in Washington yesterday": an
 * event of N days dated by its end began N-1 days before (a span is dated by
 * its start). */
static void date_span_start(struct extractor *x)
{
	static const char *const nums[] = {"two", "three", "four", "five", "six", "seven"};
	if (!x->text || x->headline)
		return;
	const char *t = x->text;
	size_t len = x->body_len;
	for (size_t k = 0; k < x->n_cands; k++) {
		struct cand *c = &x->cands[k];
		if (c->dead || c->headline || c->span_started || !c->date_explicit || c->date.prec != PREC_DAY ||
		    c->trig_end > len || c->trig_end < c->trig_start + 8 || strncasecmp(t + c->trig_start, "days of ", 8))
			continue;
		size_t a, b;
		int n = 0;
		if (!word_before(t, c->trig_start, &a, &b))
			continue;
		for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++)
			if (bytes_word(t, a, b, nums[i]))
				n = (int)i + 2;
		if (!n || !word_after(t, len, c->trig_end, &a, &b) ||
		    !(bytes_word(t, a, b, "which") || bytes_word(t, a, b, "that")) || !word_after(t, len, b, &a, &b) ||
		    !(bytes_word(t, a, b, "ended") || bytes_word(t, a, b, "concluded") || bytes_word(t, a, b, "closed")))
			continue;
		civil_from_days(days_from_civil(c->date.year, c->date.month, c->date.day) - (n - 1), &c->date.year,
				&c->date.month, &c->date.day);
		c->span_started = 1;
	}
}

/* The sentence of the body after the one ending at byte p, as the one
 * sentence splitter cuts it ("matters.Seoul's ministry said" too; the first
 * of the next paragraph when p ends one): its bytes [*a, *b); 0 at the end. */
static int next_sentence(const char *t, size_t len, size_t p, size_t *a, size_t *b)
{
	enum { NEXT_MAX = 800 };   /* bytes read for it: a news sentence is shorter */
	while (p < len && isspace((unsigned char)t[p]))
		p++;
	if (p >= len)
		return 0;
	size_t q = p;
	while (q < len && q - p < NEXT_MAX && t[q] != '\n')
		q++;
	struct token_list l;
	token_list_init(&l);
	struct sentence_span *sp = NULL;
	size_t n = 0, cap = 0;
	int ok = 0;
	if (!tokenize(t + p, q - p, p, &l) && l.n &&
	    !split_sentences(t, &l, 0, l.n, &sp, &n, &cap) && n) {
		*a = l.t[sp[0].tok_start].start;
		*b = l.t[sp[0].tok_end - 1].end;
		ok = 1;
	}
	free(sp);
	token_list_release(&l);
	return ok;
}

/* Whether the word at byte p (before end) ends in "ing": a participle. */
static int ing_word(const char *t, size_t p, size_t end)
{
	size_t q = p;
	while (q < end && isalpha((unsigned char)t[q]))
		q++;
	return q >= p + 5 && !strncmp(t + q - 3, "ing", 3);
}

/* "Cho spoke by phone with Kamikawa. The call took place on Tuesday
 * afternoon.": a body act the text dates only by the report takes the time
 * of a next sentence that only tells when it happened (one telling no event
 * of its own but the act again); every act of its sentence so dated goes
 * with it. */
static void date_from_next_sentence(struct extractor *x)
{
	if (!x->text || x->headline)
		return;
	const char *t = x->text;
	size_t len = x->body_len;
	for (size_t i = 0; i < x->n_cands; i++) {
		const struct cand *c = &x->cands[i];
		if (c->dead || c->headline || c->date_explicit || c->status != STATUS_OCCURRED || c->ev_end > len)
			continue;
		size_t at = c->ev_start;
		size_t a2, b2;
		if (!next_sentence(t, len, c->ev_end, &a2, &b2))
			continue;
		/* (a participle after its first comma, "The protest was made on
		 * Wednesday, Matsuno told a press conference, calling the drills
		 * unacceptable", leaves its main clause telling the act again) */
		size_t comma = a2;
		while (comma < b2 && t[comma] != ',')
			comma++;
		int next = 0;
		for (size_t k = 0; k < x->n_cands && !next; k++) {
			const struct cand *o = &x->cands[k];
			if (o->dead || o->headline || o->ev_start < a2 || o->ev_start >= b2 ||
			    (o->trig_start > comma && ing_word(t, o->trig_start, b2)))
				continue;
			/* ("The phone conversation was held on Tuesday" names the
			 * act again: that is no event of its own.) */
			int same = 0;
			for (size_t j = 0; j < x->n_cands; j++) {
				const struct cand *p = &x->cands[j];
				same |= !p->dead && !p->headline && p->ev_start == at && p->tr->type_id == o->tr->type_id;
			}
			next = !same;
		}
		struct cdate d;
		if (next || !extract_time_told_after(x, a2, b2, &d))
			continue;
		for (size_t k = 0; k < x->n_cands; k++) {
			struct cand *o = &x->cands[k];
			/* (not an act the text puts at an earlier, untold time:
			 * "have previously criticized") */
			if (!o->dead && !o->headline && o->ev_start == at && !o->date_explicit &&
			    o->status == STATUS_OCCURRED && !(o->beside && o->date.prec == PREC_UNKNOWN)) {
				o->date = d;
				o->date_explicit = 1;
			}
		}
	}
}

/* "Armacost will visit Tokyo next week ... The Armacost discussions with
 * Deputy Foreign Minister Murata will focus on aid": talks still to come
 * with no time of their own, between the visitor and the host of a visit
 * still to come told before with its time, are held during that visit and
 * take its time. */
static void date_talks_by_visit(struct extractor *x)
{
	for (size_t i = 0; i < x->n_cands; i++) {
		struct cand *c = &x->cands[i];
		if (c->dead || c->headline || c->date_explicit || c->status != STATUS_PLANNED ||
		    c->tr->frame != FRAME_SYMMETRIC ||
		    (strcmp(c->tr->type, "meeting") && strcmp(c->tr->type, "negotiation")))
			continue;
		const struct cand *visit = NULL;
		for (size_t k = i; k-- > 0;) {
			const struct cand *v = &x->cands[k];
			if (v->dead || v->headline || v->status != STATUS_PLANNED || strcmp(v->tr->type, "visit") ||
			    !v->nsrc || !v->ntgt)
				continue;
			if (!v->date_explicit)
				break; /* the visit told last has no time either */
			int in = 1;
			for (int q = 0; q < v->nsrc && in; q++) {
				in = 0;
				for (int r = 0; r < c->nsrc && !in; r++)
					in = same_code(x, c->src[r], v->src[q]);
			}
			for (int q = 0; q < v->ntgt && in; q++) {
				in = 0;
				for (int r = 0; r < c->nsrc && !in; r++)
					in = same_code(x, c->src[r], v->tgt[q]);
			}
			if (in)
				visit = v;
			break;
		}
		if (visit) {
			c->date = visit->date;
			c->date_explicit = 1;
		}
	}
}

/* "A three-party meeting took place on Monday. Earlier, the Secretary had
 * held separate meetings with each of them": an act told after a bare
 * "Earlier," with no time of its own came before the act told last with a
 * time, within the days the story covers: it is dated to that act's month
 * (the report's, when none was told), never to a day. */
static void date_told_earlier(struct extractor *x)
{
	if (!x->text || x->headline)
		return;
	const char *t = x->text;
	for (size_t i = 0; i < x->n_cands; i++) {
		struct cand *c = &x->cands[i];
		if (c->dead || c->headline || c->date_explicit || c->ev_end > x->body_len)
			continue;
		size_t p = c->ev_start;
		if (!has_prefix(t + p, "Earlier"))
			continue;
		p += 7;
		while (p < c->ev_end && t[p] == ' ')
			p++;
		if (p >= c->ev_end || t[p] != ',')
			continue;
		struct cdate base = x->anchor;
		size_t base_at = 0;
		for (size_t k = 0; k < x->n_cands; k++) {
			const struct cand *o = &x->cands[k];
			if (!o->dead && !o->headline && o->date_explicit && o->ev_start < c->ev_start &&
			    o->ev_start >= base_at && o->date.prec >= PREC_MONTH && o->status == STATUS_OCCURRED) {
				base = o->date;
				base_at = o->ev_start;
			}
		}
		if (base.prec < PREC_MONTH)
			continue;
		base.prec = PREC_MONTH;
		base.day = 0;
		c->date = base;
	}
}

/* "When the expulsion was announced, the German foreign ministry said it
 * regretted the move": a sentence opening on "When the <act>", the name of
 * a type of an act told before with its date, is dated by that act. */
static void date_when_clause(struct extractor *x)
{
	if (!x->text || x->headline)
		return;
	const char *t = x->text;
	for (size_t i = 0; i < x->n_cands; i++) {
		struct cand *c = &x->cands[i];
		size_t a, b, p = c->ev_start;
		if (c->dead || c->headline || c->date_explicit || c->ev_end > x->body_len || !has_prefix(t + p, "When ") ||
		    !word_after(t, c->ev_end, p + 4, &a, &b) || !(bytes_word(t, a, b, "the") || bytes_word(t, a, b, "this")) ||
		    !word_after(t, c->ev_end, b, &a, &b))
			continue;
		for (size_t k = i; k-- > 0;) {
			const struct cand *o = &x->cands[k];
			size_t tl = strlen(o->tr->type), wl = b - a;
			if (o->headline || !o->date_explicit || o->ev_start >= c->ev_start || wl < tl || wl > tl + 1 ||
			    strncasecmp(t + a, o->tr->type, tl) || (wl == tl + 1 && t[a + tl] != 's'))
				continue;
			c->date = o->date;
			c->date_explicit = 1;
			break;
		}
	}
}

/* Whether t[a..b) is a word naming an accord. */
static int accord_noun(const char *t, size_t a, size_t b)
{
	static const char *const nouns[] = {"accord", "treaty", "agreement", "pact", "deal", "convention", "accords"};
	for (size_t i = 0; i < sizeof nouns / sizeof *nouns; i++)
		if (b - a == strlen(nouns[i]) && !strncasecmp(t + a, nouns[i], b - a))
			return 1;
	return 0;
}

/* "... the end of the 1987 accord. ... The accord, signed by Ronald Reagan
 * and Mikhail Gorbachev, banned ...": an accord described by a participle
 * after its definite noun is one told before, not one of the report's day;
 * it takes the year the text gave that accord ("the 1987 accord", "the
 * 1994 Treaty"), else no date. */
static void date_described_accord(struct extractor *x)
{
	if (!x->text || x->headline)
		return;
	const char *t = x->text;
	for (size_t i = 0; i < x->n_cands; i++) {
		struct cand *c = &x->cands[i];
		if (c->dead || c->headline || c->date_explicit || c->ev_end > x->body_len ||
		    !(type_props(x, c->tr) & TP_CONTENT) || c->tr->noun)
			continue;
		/* "The accord, signed": the noun opens the sentence, the trigger
		 * comes right after its comma */
		size_t p = c->ev_start, a, b;
		if (!has_prefix(t + p, "The ") || !word_after(t, x->body_len, p + 4, &a, &b) || !accord_noun(t, a, b))
			continue;
		size_t q = b;
		while (q < x->body_len && t[q] == ' ')
			q++;
		if (q >= x->body_len || t[q] != ',' || c->trig_start > q + 3)
			continue;
		/* the year of the accord told before: "the 1987 accord", "the
		 * 1987 Intermediate-Range Nuclear Forces Treaty" */
		int year = 0;
		for (size_t k = 0; k + 9 < c->ev_start; k++) {
			if (strncasecmp(t + k, "the ", 4) || (k > 0 && isalpha((unsigned char)t[k - 1])) ||
			    !isdigit((unsigned char)t[k + 4]) || !isdigit((unsigned char)t[k + 7]) ||
			    isdigit((unsigned char)t[k + 8]) || t[k + 8] != ' ')
				continue;
			int y = atoi(t + k + 4);
			size_t w = k + 9;
			for (int n = 0; n < 6 && word_after(t, c->ev_start, w, &a, &b); n++) {
				if (accord_noun(t, a, b)) {
					year = y;
					break;
				}
				w = b;
				while (w < c->ev_start && (t[w] == '-' || t[w] == ' '))
					w++;
			}
		}
		if (year >= 1800 && year <= x->anchor.year) {
			c->date.year = year;
			c->date.month = c->date.day = 0;
			c->date.prec = PREC_YEAR;
			c->date_explicit = 1;
		} else {
			c->date.prec = PREC_UNKNOWN;
		}
	}
}

void merge_cands(struct extractor *x)
{
	date_from_next_sentence(x);
	date_told_earlier(x);
	date_when_clause(x);
	date_described_accord(x);
	date_talks_by_visit(x);
	date_span_start(x);
	/* (which cands are told as new acts; a cand that absorbs one is too) */
	for (size_t i = 0; i < x->n_cands; i++)
		if (!x->cands[i].dead && told_new(x, &x->cands[i]))
			x->cands[i].told_new = 1;
	/* the sentence of the body's first event: the report's news */
	size_t lead_start = SIZE_MAX;
	for (size_t i = 0; i < x->n_cands; i++)
		if (!x->cands[i].headline && x->cands[i].ev_start < lead_start)
			lead_start = x->cands[i].ev_start;
	for (size_t i = 0; i < x->n_cands; i++) {
		struct cand *a = &x->cands[i];
		if (a->dead)
			continue;
		for (size_t k = i + 1; k < x->n_cands; k++) {
			struct cand *b = &x->cands[k];
			if (b->dead)
				continue;
			/* "put off arms talks with the United States ... . Russia had
			 * postponed the meeting": a meeting told again by a definite
			 * noun is the round of talks told before it. */
			if (a->tr->type_id != b->tr->type_id && !strcmp(a->tr->type, "negotiation") &&
			    !strcmp(b->tr->type, "meeting") && b->tr->noun && a->status == b->status && !b->date_explicit &&
			    told_again(x, b) && (codes_subset(x, a, b) || codes_subset(x, b, a))) {
				fold_into(a, b);
				continue;
			}
			/* "handed Soviet arms negotiators a draft treaty ... during a
			 * one and a half hour meeting with the Soviet team": a meeting
			 * of the parties of a round of negotiations, on its day, is a
			 * session of that round. */
			if (a->tr->type_id != b->tr->type_id && !strcmp(a->tr->type, "negotiation") &&
			    !strcmp(b->tr->type, "meeting") && a->status == STATUS_OCCURRED && b->status == STATUS_OCCURRED &&
			    !a->headline && !b->headline && a->date.prec == PREC_DAY && !cdate_compare_text(&a->date, &b->date) &&
			    a->nsrc >= 2 && b->nsrc >= 2 && (codes_subset(x, a, b) || codes_subset(x, b, a))) {
				fold_into(a, b);
				continue;
			}
			/* "held a summit video teleconference meeting with": a meeting
			 * held by video in the same sentence as the call is that
			 * call. */
			if (a->tr->type_id != b->tr->type_id && a->headline == b->headline && a->ev_start == b->ev_start &&
			    a->status == b->status && same_date(a, b) &&
			    ((!strcmp(a->tr->type, "phone_call") && !strcmp(b->tr->type, "meeting")) ||
			     (!strcmp(b->tr->type, "phone_call") && !strcmp(a->tr->type, "meeting"))) &&
			    (codes_subset(x, a, b) || codes_subset(x, b, a))) {
				struct cand *call = !strcmp(a->tr->type, "phone_call") ? a : b;
				fold_into(call, call == a ? b : a);
				if (call == b)
					break;
				continue;
			}
			if (a->tr->type_id != b->tr->type_id)
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
			/* "Japan decided formally on Friday to ease part of its
			 * sanctions ... . Japan will scrap curbs on travel and ...": a
			 * measure told as still to come, with no time of its own, after
			 * the same measure decided by the same parties, is what was
			 * decided (its content), not another plan. */
			if ((type_props(x, a->tr) & TP_MEASURE) && a->status == STATUS_OCCURRED &&
			    b->status == STATUS_PLANNED && !b->date_explicit && !a->headline && !b->headline &&
			    b->ev_start > a->ev_start && a->nsrc && b->nsrc && a->ntgt && b->ntgt && roles_compatible(x, a, b)) {
				fold_into(a, b);
				continue;
			}
			/* "scrapped his planned meeting with Putin ... the G20 summit,
			 * where the two men had been due to meet": a plan the report
			 * says was called off is the event called off, wherever else
			 * it tells of it as planned, and whatever else its own sentence
			 * says of it (not one the text dates to another day). */
			if ((a->status == STATUS_NEGATED) != (b->status == STATUS_NEGATED)) {
				struct cand *off = a->status == STATUS_NEGATED ? a : b;
				struct cand *other = off == a ? b : a;
				if ((other->status == STATUS_PLANNED ||
				     (other->ev_start == off->ev_start && other->headline == off->headline)) &&
				    (!other->date_explicit || !off->date_explicit || same_date(a, b)) &&
				    (a->tr->frame == FRAME_SYMMETRIC ? codes_subset(x, a, b) || codes_subset(x, b, a)
								     : roles_compatible(x, a, b))) {
					fold_into(off, other);
					if (other == a)
						break;
					continue;
				}
			}
			/* "Our demands were delivered on December 27 ... I hope the
			 * remaining demands will be met": the act told again by a
			 * noun pointing back is that act, whatever time its sentence
			 * gives. */
			/* "With China mediating, Saudi Arabia and Iran agreed ... . The
			 * decision to re-establish relations was made public ...": a
			 * verb inside a definite description, with no time of its own,
			 * tells a symmetric act again too. */
			if (b->trig_start > a->trig_start && a->nsrc && b->nsrc &&
			    (a->tr->frame != FRAME_SYMMETRIC
				     ? roles_compatible(x, a, b)
				     : a->status == b->status && !b->date_explicit && !b->tr->noun &&
					       (codes_subset(x, a, b) || codes_subset(x, b, a))) &&
			    told_again(x, b)) {
				/* (its time, where the first telling gave none or a
				 * coarser one of the same period) */
				int was_explicit = a->date_explicit;
				struct cdate was = a->date;
				if (b->date_explicit && (!a->date_explicit || (same_date(a, b) && b->date.prec > a->date.prec))) {
					a->date = b->date;
					a->date_explicit = 1;
				}
				fold_into(a, b);
				if (!was_explicit && a->date_explicit)
					pass_on_date(x, a, &was);
				continue;
			}
			/* "Armacost will visit Tokyo next week ... He is the first
			 * high-level U.S. official to visit Japan since ...": the
			 * record tells the act told before it. */
			if (a->tr->frame != FRAME_SYMMETRIC && b->trig_start > a->trig_start && told_as_record(x, b) &&
			    !b->date_explicit && a->nsrc && b->nsrc && roles_compatible(x, a, b)) {
				fold_into(a, b);
				continue;
			}
			if (a->tr->type_id == b->tr->type_id && a->tr->frame == FRAME_SYMMETRIC && a->status == b->status &&
			    a->ev_start != b->ev_start && (purpose_of_journey(x, b) || purpose_of_journey(x, a)) &&
			    (codes_subset(x, a, b) || codes_subset(x, b, a))) {
				/* (the meeting told for itself keeps its day and wording) */
				if (purpose_of_journey(x, a)) {
					fold_into(b, a);
					break;
				}
				fold_into(a, b);
				continue;
			}
			if (a->status != b->status || !same_date(a, b))
				continue;
			/* "Bulgaria is expelling 70 employees ... . In March, Bulgaria
			 * declared ten diplomats persona non grata": an act told first
			 * with a verb and dated only by the report is the report's news,
			 * not the one the text dates weeks before. */
			if (a->tr->frame != FRAME_SYMMETRIC && !a->date_explicit && b->date_explicit && !a->headline &&
			    !b->headline && a->ev_start < b->ev_start && !a->tr->noun && !b->tr->noun &&
			    a->status == STATUS_OCCURRED && a->ev_start == lead_start && well_before_anchor(x, &b->date))
				continue;
			/* "the latest US sanctions ... Washington in August reinstated
			 * sanctions": an act told as new, dated only by the report, is
			 * not one the text dates to another time. */
			if (a->date_explicit != b->date_explicit && !near_anchor(x, a, b) &&
			    (a->date_explicit ? b->told_new : a->told_new))
				continue;
			/* "Prior to the meeting, ... paid a courtesy call": two events. */
			if ((a->beside || b->beside) && (a->ev_start != b->ev_start || a->headline != b->headline))
				continue;
			/* "agreed to ... . The two sides also agreed to ...": what one
			 * meeting or call settled is one agreement of its parties, told
			 * point by point (one telling dated by the text to a day of the
			 * last week, the other only by the report); an accord of
			 * another day stays apart. */
			int one_accord = (type_props(x, a->tr) & TP_CONTENT) && a->status == STATUS_OCCURRED &&
					 !a->headline && !b->headline && a->date.prec == PREC_DAY &&
					 (!cdate_compare_text(&a->date, &b->date) ||
					  (b->date.prec == PREC_DAY && near_anchor(x, a, b))) &&
					 (codes_subset(x, a, b) || codes_subset(x, b, a));
			/* "scrapped his planned meeting with Putin ... where the two had
			 * been due to meet": a meeting still to come, or called off,
			 * told again in another sentence with no other date, is that
			 * meeting (one that took place is told for itself). */
			if (a->status != STATUS_OCCURRED && a->tr->frame == FRAME_SYMMETRIC && !a->headline && !b->headline &&
			    (!a->date_explicit || !b->date_explicit || !cdate_compare_text(&a->date, &b->date)))
				one_accord = 1;
			/* A meeting today and a summit last month are two meetings. */
			if (!one_accord && a->tr->frame == FRAME_SYMMETRIC && !a->headline && !b->headline && a->ev_start != b->ev_start &&
			    cdate_compare_text(&a->date, &b->date) && !near_anchor(x, a, b))
				continue;
			/* Two meetings told with verbs in two sentences are two meetings;
			 * "the talks", "the call" tell one again. */
			if (!one_accord && a->tr->frame == FRAME_SYMMETRIC && !a->headline && !b->headline &&
			    a->ev_start != b->ev_start && !a->tr->noun && !b->tr->noun &&
			    !(b->trig_start > a->trig_start && told_again(x, b)))
				continue;
			/* "the two affirmed at their meeting ... . Kishida also conferred
			 * with Premier Li": a meeting told with "also" in a sentence of
			 * its own is one more. */
			if (!one_accord && a->tr->frame == FRAME_SYMMETRIC && !a->headline && !b->headline &&
			    a->ev_start != b->ev_start && (told_also(x, a) || told_also(x, b)))
				continue;
			/* Two agreements told in two body sentences are two agreements. */
			if (!one_accord && (type_props(x, a->tr) & TP_CONTENT) && !a->headline && !b->headline &&
			    a->ev_start != b->ev_start && !a->tr->noun && !b->tr->noun &&
			    !(b->trig_start > a->trig_start && told_again(x, b)))
				continue;
			/* "The president charged Cairo with ... . The defence minister
			 * charged the army with ...": accusations told with verbs in two
			 * body sentences are two charges ("the accusation", a noun,
			 * tells one again). */
			if (!strcmp(a->tr->type, "accusation") && !a->headline &&
			    !b->headline && a->ev_start != b->ev_start && !a->tr->noun && !b->tr->noun)
				continue;
			/* "urged Armenia and Azerbaijan to ... . The Secretary pressed
			 * for reforms in Armenia": appeals told with verbs in two body
			 * sentences to different addressees are two appeals (one
			 * the text dates and one it does not: the act told again). */
			if (!strcmp(a->tr->type, "appeal") && !a->headline && !b->headline && a->ev_start != b->ev_start &&
			    !a->tr->noun && !b->tr->noun && a->ntgt && b->ntgt && a->date_explicit == b->date_explicit &&
			    !(list_subset(x, a->tgt, a->ntgt, b->tgt, b->ntgt) && list_subset(x, b->tgt, b->ntgt, a->tgt, a->ntgt)))
				continue;
			int ok = a->tr->frame == FRAME_SYMMETRIC
					 ? (codes_subset(x, a, b) || codes_subset(x, b, a) || shared_codes(x, a, b) >= 2)
					 : roles_compatible(x, a, b) && !headline_split(x, a, b);
			/* "summoned the ambassador to lodge a protest over ...": one act. */
			if (!ok && a->ev_start == b->ev_start && a->headline == b->headline && b->purpose &&
			    a->tr->frame != FRAME_SYMMETRIC && a->nsrc && b->nsrc &&
			    (list_subset(x, a->src, a->nsrc, b->src, b->nsrc) ||
			     list_subset(x, b->src, b->nsrc, a->src, a->nsrc)))
				ok = 1;
			if (ok) {
				/* Keep the body's wording first. */
				int was_explicit = a->date_explicit;
				struct cdate was = a->date;
				absorb(a, b);
				b->dead = 1; note_dead(x, b, a, __LINE__);
				a->told_new |= b->told_new;
				if (!was_explicit && a->date_explicit && !a->headline)
					pass_on_date(x, a, &was);
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
				{ a->dead = 1; note_dead(x, a, &x->cands[k], __LINE__); }
	}
}
