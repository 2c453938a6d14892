/* Extraction, dates: the temporal expression that dates each event (its own
 * clause's, not the reporting verb's), and the year of a report whose
 * dateline has none.
 * (The stages: see extract_int.h.) */
#include "ingest/extract/extract_int.h"
#include <ctype.h>
#include <strings.h>

/* ---- dates -------------------------------------------------------------- */

static int previous_sentence_span(const struct extractor *x, size_t s, int paragraph_before, size_t *basep,
				  size_t *lenp);

/* The last date the sentence before token s's names (as "the next day"
 * counts from it), when it names one after the last event's. */
static int last_date_before(const struct extractor *x, size_t s, struct cdate *out)
{
	size_t base, len;
	if (!previous_sentence_span(x, s, 1, &base, &len))
		return 0;
	struct timex tx[MAX_TIMEX];
	size_t n = timex_find_after(x->text + base, len, &x->anchor, &x->carry_last, TENSE_AUTO, tx, MAX_TIMEX);
	int found = 0;
	for (size_t k = 0; k < n; k++)
		if (tx[k].date.prec != PREC_UNKNOWN && tx[k].kind != TIMEX_DEADLINE && tx[k].kind != TIMEX_DECADE &&
		    !(tx[k].flags & (TIMEX_F_CITATION | TIMEX_F_MODIFIER))) {
			*out = tx[k].date;
			found = 1;
		}
	return found;
}

static void find_timex(struct extractor *x, size_t s, size_t e, struct sent_timex *st)
{
	st->n = 0;
	if (s >= e)
		return;
	st->base = x->toks.t[s].start;
	size_t len = x->toks.t[e - 1].end - st->base;
	/* "the next day" after a sentence that named the day counts from it. */
	st->n = timex_find_after(x->text + st->base, len, &x->anchor, &x->carry_last, TENSE_AUTO, st->tx,
				 MAX_TIMEX);
	/* "Trump announced on Tuesday that ... . A day later, Rouhani
	 * accused ...": a sentence with no event still names the day the next
	 * one counts from. */
	int unresolved = 0;
	for (size_t i = 0; i < st->n && !unresolved; i++)
		unresolved = st->tx[i].date.prec == PREC_UNKNOWN;
	struct cdate prev;
	if (unresolved && last_date_before(x, s, &prev))
		st->n = timex_find_after(x->text + st->base, len, &x->anchor, &prev, TENSE_AUTO, st->tx, MAX_TIMEX);
	for (size_t i = 0; i < st->n; i++) {
		size_t at = st->base + st->tx[i].start, k = s;
		while (k < e && x->toks.t[k].end <= at)
			k++;
		st->tok_of[i] = k;
	}
}

/* Whether a participle with its agent stands between token a and token b
 * ("the steps announced by Pakistan on Wednesday"): a date after it is the
 * participle's. */
static int participle_between(const struct extractor *x, size_t a, size_t b, size_t k, size_t te)
{
	for (size_t i = a; i + 1 < b; i++) {
		if (!is_word(x, i + 1, "by") || (i >= k && i < te))
			continue;   /* "was summoned by the Ministry yesterday": the trigger's own agent */
		if (ends_in(x, i, 3, "ed"))
			return 1;
	}
	return 0;
}

/* Whether the time expression at token `at` follows a word of schedule:
 * "slated for", "scheduled for", "set for", "planned for", "due on". */
static int scheduled_for(const struct extractor *x, size_t at)
{
	if (at < 2)
		return 0;
	size_t p = at - 1;
	if (!is_word(x, p, "for") && !is_word(x, p, "on"))
		return 0;
	return is_word(x, p - 1, "slated") || is_word(x, p - 1, "scheduled") || is_word(x, p - 1, "set") ||
	       is_word(x, p - 1, "planned") || is_word(x, p - 1, "due") || is_word(x, p - 1, "fixed");
}

/* Whether the time expression at token `at` dates a reporting verb whose
 * reported clause (after "that") holds the trigger at k: "said on Friday
 * that ...", "announced on Monday that ...". */
static int reported_time(const struct extractor *x, size_t at, size_t k)
{
	int reporting = 0;
	for (size_t q = at; q-- > 0 && q + 3 >= at;)
		reporting |= tok_in(x, q, WL_REPORTING);
	/* "said in a statement issued on Sunday that ..." */
	for (size_t q = at; !reporting && q-- > 0 && q + 7 >= at;) {
		if (is_word(x, q, ",") || is_word(x, q, "that"))
			break;
		reporting |= tok_in(x, q, WL_REPORTING) && q + 3 < at && is_word(x, q + 1, "in") &&
			     (is_word(x, q + 2, "a") || is_word(x, q + 2, "the") || is_word(x, q + 2, "its"));
	}
	if (!reporting)
		return 0;
	for (size_t q = at + 1; q < k; q++)
		if (is_word(x, q, "that"))
			return 1;
	/* "said on Friday it had summoned ...", "said on Friday Russia would
	 * not expel ...": the reported clause without its "that" opens on its
	 * subject right after the time. */
	size_t q = at + 1;
	while (q < k && q < at + 3 && (x->toks.t[q].flags & TOK_NUM))
		q++;
	return q < k && (is_word(x, q, "it") || is_word(x, q, "he") || is_word(x, q, "she") ||
			 is_word(x, q, "they") || is_word(x, q, "we") ||
			 ((x->toks.t[q].flags & TOK_CAP) && (x->toks.t[q].flags & TOK_WORD) && !is_word(x, q, "I")));
}

/* Whether a relative clause at token q, right after a trigger ending there,
 * tells the course of the event itself: "talks which ended in Washington
 * yesterday", "the visit that began on Monday", "the summit which was held in
 * Riga last week" are dated by it. */
static int course_of(const struct extractor *x, size_t q, size_t s)
{
	static const char *const verbs[] = {"ended", "began", "started", "opened", "concluded",
					    "closed", "lasted", "took", "held", "convened"};
	if (q <= s || !(is_word(x, q, "that") || is_word(x, q, "which")) || q + 2 >= x->toks.n)
		return 0;
	size_t v = q + 1;
	if (is_word(x, v, "was") || is_word(x, v, "were") || is_word(x, v, "had"))
		v++;
	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		if (is_word(x, v, verbs[i]))
			return !is_word(x, v, "took") || (v + 1 < x->toks.n && is_word(x, v + 1, "place"));
	return 0;
}

/* Whether a relative clause without "that" or "which" stands between the
 * trigger's end te and the time at token `at`: "lodged a protest over
 * military exercises it began this week" (a noun, a subject pronoun and a
 * verb in the past): the time is that clause's. */
static int contact_relative_between(const struct extractor *x, size_t te, size_t at)
{
	for (size_t q = te + 1; q + 1 < at; q++) {
		if (!(is_word(x, q, "it") || is_word(x, q, "they") || is_word(x, q, "he") || is_word(x, q, "she") ||
		      is_word(x, q, "we")))
			continue;
		const struct token *n = &x->toks.t[q - 1];
		if (!(n->flags & TOK_WORD) || (n->flags & TOK_CAP) ||
		    tok_in(x, q - 1, WL_PREPOSITION | WL_DETERMINER | WL_CLAUSE_BREAK | WL_REPORTING | WL_BE) ||
		    is_word(x, q - 1, "that") || is_word(x, q - 1, "and") || is_word(x, q - 1, "or"))
			continue;
		if (ends_in(x, q + 1, 2, "ed") || is_word(x, q + 1, "began") || is_word(x, q + 1, "held") ||
		    is_word(x, q + 1, "made") || is_word(x, q + 1, "took") || is_word(x, q + 1, "gave") ||
		    is_word(x, q + 1, "sent") || is_word(x, q + 1, "had"))
			return 1;
	}
	return 0;
}

/* Whether a word between the trigger's end te and a date at `at` after it
 * opens another event's time: "lodged a complaint once Israel struck on
 * April 7", "met after the attack on Friday". ("before leaving Tokyo
 * yesterday" and "since 2009" are the event's own.) */
static int other_event_between(const struct extractor *x, size_t te, size_t at)
{
	for (size_t q = te; q < at; q++) {
		if (is_word(x, q, "after") || is_word(x, q, "once") || is_word(x, q, "following"))
			return 1;
		/* "the meeting followed an accord of late May": what the event
		 * followed or preceded has its own time. */
		if (q > te && (is_word(x, q, "followed") || is_word(x, q, "follows") || is_word(x, q, "preceded") ||
			       is_word(x, q, "precedes")))
			return 1;
		/* "protested over the shelling of its border posts on Friday": a
		 * violent act named after the trigger has its own time. */
		if (q > te && tok_in(x, q, WL_ATTACK))
			return 1;
		/* "the first since he won the election of November 20" ("since
		 * 2009" right before the date is the event's own) */
		if (is_word(x, q, "since") && q + 1 < at)
			return 1;
		/* "put on hold the sanctions that it imposed three years ago": a
		 * relative clause with its own verb on a noun after the trigger
		 * (not one right after a trigger noun: "a trip that would start
		 * Friday") */
		if (q > te && (is_word(x, q, "that") || is_word(x, q, "which")))
			for (size_t v = q + 1; v < at; v++)
				if (ends_in(x, v, 3, "ed"))
					return 1;
	}
	return 0;
}

/* Whether a relative clause opens between a date at token `at` and the
 * trigger at k: ", whose", ", who", ", which". */
static int relative_between(const struct extractor *x, size_t at, size_t k)
{
	for (size_t q = at + 1; q + 1 < k; q++)
		if (is_word(x, q, ",") &&
		    (is_word(x, q + 1, "whose") || is_word(x, q + 1, "who") || is_word(x, q + 1, "which")))
			return 1;
	return 0;
}

/* Whether the time expression at token `at`, after the trigger k..te, is in
 * the infinitive a verb of appeal, threat or agreement governs: "agreed to
 * hold an economic dialogue this year", "urged Tehran to free the crew by
 * Friday", "threatened to impose tariffs next month" date what was agreed,
 * asked or threatened, not the act. (A noun's "to" is left alone: "the
 * talks to be held on Monday", "a visit to Japan next week".) */
static int in_content_infinitive(const struct extractor *x, size_t k, size_t at)
{
	char w[8];
	span_text(x, k, k + 1, w, sizeof(w));
	for (char *p = w; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if (!tok_in(x, k, WL_CONTENT_VERB) && !has_prefix(w, "agree") && !has_prefix(w, "consent"))
		return 0;
	for (size_t q = k + 1; q + 1 < at; q++) {
		if (is_word(x, q, ",") || is_word(x, q, ";") || tok_in(x, q, WL_CLAUSE_BREAK))
			return 0;
		if (is_word(x, q, "to") && (x->toks.t[q + 1].flags & TOK_WORD) &&
		    !(x->toks.t[q + 1].flags & TOK_CAP) && !tok_in(x, q + 1, WL_DETERMINER))
			return 1;
	}
	return 0;
}

/* Whether the time at token `at`, after the trigger's end te, is when a
 * measure takes effect: "effective (from)", "with effect from", "as of",
 * and "starting", "beginning" not right after the trigger. */
static int takes_effect(const struct extractor *x, size_t at, size_t te)
{
	if (at < 1)
		return 0;
	size_t p = at - 1;
	if (is_word(x, p, "from") && p > 0)
		p--;
	if (is_word(x, p, "effective") || (is_word(x, p, "effect") && p > 0 && is_word(x, p - 1, "with")))
		return 1;
	if (is_word(x, at - 1, "of") && at >= 2 && is_word(x, at - 2, "as"))
		return 1;
	/* "to withdraw, from November 1, the accreditation of": a "from" set
	 * off by commas inside the act */
	if (p != at - 1 && p >= te && is_word(x, p, ","))
		return 1;
	/* ("starting from November 1") */
	return (is_word(x, p, "starting") || is_word(x, p, "beginning")) && p > te;
}

/* Whether the time at token `at`, before the trigger at k, lies in a
 * phrase with a relative clause set off by commas that closes before the
 * trigger: "Wang, who will visit Seoul on Friday, met Kamikawa on Tuesday",
 * "Blinken, on a visit that began on Monday, met Kishida". */
static int in_relative_before(const struct extractor *x, size_t at, size_t k, size_t cs)
{
	size_t q = at;
	int relative = 0;
	while (q > cs && !is_word(x, q - 1, ",")) {
		q--;
		relative |= is_word(x, q, "who") || is_word(x, q, "which") || is_word(x, q, "whose") ||
			    is_word(x, q, "where") || is_word(x, q, "when") || is_word(x, q, "that");
	}
	/* (", on a visit that began on Monday,": the relative word may come
	 * later in the phrase; ", speaking on Monday," has none and is the
	 * main verb's time) */
	if (q <= cs || !relative)
		return 0;
	for (size_t c = at + 1; c < k; c++)
		if (is_word(x, c, ","))
			return 1;
	return 0;
}

/* Whether a "that" clause with "would" (or "was to", "were to") opens
 * between the time at token `at` and the trigger at k: "agreed on July 1
 * that Kawaguchi would visit", "said on Monday that the talks would resume". */
static int future_in_past_after(const struct extractor *x, size_t at, size_t k)
{
	size_t that = 0;
	for (size_t q = at + 1; q < k; q++) {
		if (is_word(x, q, "that"))
			that = q;
		else if (that && (is_word(x, q, "would") ||
				  (q + 1 < k && (is_word(x, q, "was") || is_word(x, q, "were")) && is_word(x, q + 1, "to"))))
			return 1;
		else if (is_word(x, q, ";") || is_word(x, q, "."))
			that = 0;
	}
	return 0;
}

/* The end of the sentence holding token s (0 when none does). */
static size_t sentence_end(const struct extractor *x, size_t s)
{
	for (size_t i = 0; i < x->n_sents; i++)
		if (x->sents[i].tok_start <= s && s < x->sents[i].tok_end)
			return x->sents[i].tok_end;
	return 0;
}

/* The index of the event word starting at token t (n_hits when none). */
static size_t hit_at(const struct extractor *x, size_t t)
{
	size_t h = 0;
	while (h < x->n_hits && x->hits[h].ts != t)
		h++;
	return h;
}

/* The end of the clause of the trigger at k when it goes on past event word
 * h (up to the next event word), or ce when that is further. */
static size_t clause_past_hit(const struct extractor *x, size_t k, size_t s, size_t h, size_t ce)
{
	size_t e = sentence_end(x, s);
	if (!e)
		return ce;
	size_t cs2, ce2;
	clause_of(x, k, s, e, &cs2, &ce2);
	if (h + 1 < x->n_hits && x->hits[h + 1].ts < ce2)
		ce2 = x->hits[h + 1].ts;
	return ce2 > ce ? ce2 : ce;
}

/* The date governing a trigger: a temporal expression of its clause (the
 * nearest), else one opening the sentence, else none (-1). */
/* "signed a peace treaty on Sunday": the clause of a verb ends where the
 * next event word starts, and the time after that word is its; but when
 * that word is a noun of the verb's own type right after it (its object:
 * one act), the verb's clause goes on past it. Returns the clause end to
 * use for the trigger at k..te whose clause was cut at ce. */
static size_t object_noun_clause_end(const struct extractor *x, size_t k, size_t te, size_t ce, size_t s)
{
	if (ce <= te)
		return ce;
	size_t h = hit_at(x, k);
	if (h + 1 >= x->n_hits || x->hits[h + 1].ts != ce)
		return ce;
	const struct dict_trigger *verb = &x->d.triggers[x->hits[h].trigger];
	const struct dict_trigger *noun = &x->d.triggers[x->hits[h + 1].trigger];
	/* (and a tail word of the verb's wording: "added 29 entities to its
	 * export blacklist on Tuesday") */
	size_t e = sentence_end(x, s);
	int own_tail = e && in_own_tail(x, verb, x->hits[h].te, e, &x->hits[h + 1]);
	if (!own_tail && (ce > te + 3 || verb->noun || !noun->noun || verb->type_id != noun->type_id))
		return ce;
	return clause_past_hit(x, k, s, h + 1, ce);
}

/* "met Wang Yi during his visit to Beijing last month": an event noun
 * after "during" frames the verb, whose time is the noun's; so the verb's
 * clause goes on past the noun (as object_noun_clause_end), up to the next
 * event word. */
static size_t frame_noun_clause_end(const struct extractor *x, size_t k, size_t te, size_t ce, size_t s)
{
	if (ce <= te + 1 || ce > te + 8)
		return ce;
	size_t h = hit_at(x, ce);
	if (h >= x->n_hits || !x->d.triggers[x->hits[h].trigger].noun)
		return ce;
	/* "during" right before the noun, or before its determiner or possessive */
	size_t q = ce - 1;
	if (q > te && tok_in(x, q, WL_DETERMINER))
		q--;
	if (q <= te || !is_word(x, q, "during"))
		return ce;
	return clause_past_hit(x, k, s, h, ce);
}

/* "arrived in Beijing and met Wang Yi on Tuesday": a verb joined by "and"
 * to the next verb of its subject, with no time of its own, shares the
 * time that closes the next verb's clause (not one still to come for what
 * happened). The trigger's clause was cut at ce, where that verb starts. */
static int shared_time_of_next_verb(const struct extractor *x, const struct sent_timex *st, size_t te, size_t ce,
				    size_t s, int planned)
{
	if (planned || ce <= te + 1 || !is_word(x, ce - 1, "and"))
		return -1;
	size_t h = hit_at(x, ce);
	if (h >= x->n_hits || x->d.triggers[x->hits[h].trigger].noun)
		return -1;
	size_t e = sentence_end(x, s);
	if (h + 1 < x->n_hits && x->hits[h + 1].ts < e && x->hits[h + 1].ts > ce)
		e = x->hits[h + 1].ts;
	for (size_t i = 0; i < st->n; i++) {
		const struct timex *t = &st->tx[i];
		size_t at = st->tok_of[i];
		if (at <= ce || at >= e || t->kind == TIMEX_DEADLINE || t->kind == TIMEX_DECADE ||
		    t->date.prec == PREC_UNKNOWN || (t->flags & (TIMEX_F_CITATION | TIMEX_F_MODIFIER)) ||
		    t->tense_used == TENSE_FUTURE)
			continue;
		for (size_t q = ce + 1; q < at; q++)
			if (is_word(x, q, ",") || is_word(x, q, ";") || tok_in(x, q, WL_CLAUSE_BREAK) || is_word(x, q, "and") ||
			    /* a deadline or a start: "ordered them to leave by April 19" */
			    is_word(x, q, "by") || is_word(x, q, "until") || is_word(x, q, "before") ||
			    is_word(x, q, "after") || is_word(x, q, "from") || is_word(x, q, "within") ||
			    is_word(x, q, "since"))
				return -1;
		return (int)i;
	}
	return -1;
}

/* "rejected the accusations as groundless on Tuesday": the words of a
 * judgement in the verb's "as" complement are the verb's, and so is the
 * time after them. */
static size_t as_complement_clause_end(const struct extractor *x, size_t k, size_t te, size_t ce, size_t s)
{
	if (ce <= te || ce > te + 6 || !(is_word(x, ce - 1, "as") || (ce >= 2 && is_word(x, ce - 2, "as"))))
		return ce;
	size_t h = hit_at(x, ce);
	if (h >= x->n_hits || !x->d.triggers[x->hits[h].trigger].speaker)
		return ce;
	return clause_past_hit(x, k, s, h, ce);
}

/* Whether the time at token `at` stands in an adverbial clause opening the
 * sentence at s ("After meeting Wang Yi on Monday, ...", "Two days after
 * the talks on Monday, ...") whose comma comes before the trigger at k. */
static int opening_clause_time(const struct extractor *x, size_t s, size_t at, size_t k)
{
	size_t q = after_measure(x, s, at);   /* "Two days after ..." */
	if (!(is_word(x, q, "after") || is_word(x, q, "following") || is_word(x, q, "before") ||
	      is_word(x, q, "since") || is_word(x, q, "ahead")))
		return 0;
	for (size_t i = at + 1; i < k; i++)
		if (is_word(x, i, ","))
			return 1;
	return 0;
}

int days_after_opening(const struct extractor *x, size_t s, size_t at, size_t k)
{
	if (at < s + 3 || !is_word(x, s + 2, "after") || !opening_clause_time(x, s, at, k))
		return 0;
	int n = count_word(x, s);
	if (!n && (x->toks.t[s].flags & TOK_NUM) && x->toks.t[s].end - x->toks.t[s].start <= 2)
		n = atoi(x->text + x->toks.t[s].start);
	if (is_word(x, s + 1, "week") || is_word(x, s + 1, "weeks"))
		n *= 7;
	else if (!is_word(x, s + 1, "day") && !is_word(x, s + 1, "days"))
		return 0;
	return n;
}

int governing_timex(const struct extractor *x, const struct sent_timex *st, size_t k, size_t te,
			   size_t cs, size_t ce, size_t s, int planned)
{
	ce = object_noun_clause_end(x, k, te, ce, s);
	ce = frame_noun_clause_end(x, k, te, ce, s);
	ce = as_complement_clause_end(x, k, te, ce, s);
	/* "talks which ended in Washington yesterday": a relative clause
	 * right after the trigger telling its course dates it. */
	/* ("his visit to Kazakhstan, which began on Monday": the place
	 * after the trigger, then the relative clause) */
	size_t rq = te;
	if (ce >= te && ce <= te + 6) {
		while (rq < ce && rq < te + 5 && (x->toks.t[rq].flags & TOK_CAP) && (x->toks.t[rq].flags & TOK_WORD))
			rq++;
		if (rq > te && rq < ce && is_word(x, rq, ","))
			rq++;
		else
			rq = te;
	}
	if ((ce == te || rq > te) && course_of(x, rq, s)) {
		size_t e = sentence_end(x, s);
		for (ce = rq + 2; ce < e && !is_word(x, ce, ",") && !is_word(x, ce, ";"); ce++)
			;
	}
	int best = -1;
	size_t bestd = (size_t)-1;
	for (size_t i = 0; i < st->n; i++) {
		const struct timex *t = &st->tx[i];
		if (t->kind == TIMEX_DEADLINE || t->kind == TIMEX_DECADE || t->date.prec == PREC_UNKNOWN ||
		    (t->flags & TIMEX_F_CITATION))
			continue;
		size_t at = st->tok_of[i];
		if (at < cs || at >= ce)
			continue;
		/* "the September meeting": a date modifying another noun is that noun's. */
		/* "described yesterday's decision": a possessive date right after
		 * a verb is its object's. */
		if ((t->flags & TIMEX_F_MODIFIER) && at > k &&
		    (at != te || (at + 1 < ce && is_word(x, at + 1, "'s"))))
			continue;
		if (participle_between(x, at > 5 ? at - 5 : 0, at + 1, k, te) ||
		    (at > te && participle_between(x, te, at, k, te)))
			continue;
		if (at > te && (other_event_between(x, te, at) || contact_relative_between(x, te, at)))
			continue;
		if (at > te && in_content_infinitive(x, k, at))
			continue;
		/* "in response to Tallinn's decision on Monday to expel",
		 * "condemned the decision, announced on Monday, to ...": a time
		 * right after a noun of intention, or after a participle set off
		 * by a comma, is the noun's or the participle's. */
		if (at > te && at > 0 && tok_in(x, at - 1, WL_INTENTION_NOUN))
			continue;
		/* "imposed sanctions, effective from April 1", "is halting its
		 * mission's work starting November 1", "to remove the duties as
		 * of Aug. 5": when a measure takes effect is not when it was
		 * decided ("talks starting Monday", right after the noun, are
		 * dated so). */
		/* (A measure still to come, "will tighten controls ... from
		 * Thursday", is dated by when it starts.) */
		if (at > te && !planned && takes_effect(x, at, te))
			continue;
		/* ("to withdraw, from November 1, the accreditation ... and to
		 * cut the staff": so for a later verb too) */
		if (at < k && at >= 2 && is_word(x, at - 1, "from") && is_word(x, at - 2, ","))
			continue;
		/* "his first visit since July": the time of the one before */
		if (at >= 2 && is_word(x, at - 1, "since")) {
			int first = 0;
			for (size_t q = at - 1; q-- > cs && q + 9 >= at && !first && !is_word(x, q, ",");)
				first = is_word(x, q, "first");
			if (first)
				continue;
		}
		/* "scrapped a ban, introduced in 2019, on ...": the participle set
		 * off by a comma may take its time with a preposition. */
		size_t pp = at - 1;
		if (at > te + 2 && (is_word(x, pp, "in") || is_word(x, pp, "on") || is_word(x, pp, "at") ||
				    is_word(x, pp, "during") || is_word(x, pp, "since")))
			pp--;
		/* (not one right after a trigger noun: "Japan's request, made in
		 * May, to set up a panel" is dated so) */
		if (at > te + 1 && pp > te && (pp == at - 1 || pp - 1 > te) && is_word(x, pp - 1, ",") &&
		    (ends_in(x, pp, 3, "ed") || is_word(x, pp, "made") || is_word(x, pp, "held") ||
		     is_word(x, pp, "sent") || is_word(x, pp, "given") || is_word(x, pp, "taken") ||
		     is_word(x, pp, "put") || is_word(x, pp, "set") || is_word(x, pp, "drawn") ||
		     is_word(x, pp, "brought") || is_word(x, pp, "written")))
			continue;
		/* "the ministry yesterday sent its regards to Pelosi, whose test
		 * has forced her to call off a planned trip": a time before a
		 * relative clause is its head's verb's, not the clause's. */
		if (at < k && (relative_between(x, at, k) || in_relative_before(x, at, k, cs)))
			continue;
		size_t d = at > k ? at - k : k - at;
		/* "talks with X, slated for Saturday": a schedule after the noun is
		 * its date, the nearest one when no other date comes between. */
		if (at > te && scheduled_for(x, at)) {
			int between = 0;
			for (size_t j = 0; j < st->n; j++)
				between |= st->tok_of[j] >= te && st->tok_of[j] < at;
			d = between ? d / 4 : 0;
		}
		/* "said on Friday that the talks held on Wednesday": the time of
		 * the saying yields to one of the reported clause. */
		if (at < k && reported_time(x, at, k)) {
			/* "said in a statement issued on Sunday that the Belarusian
			 * ministry's demands ... were unacceptable": an act named by
			 * a noun in what is said is older news than the saying. */
			if (k > cs && !(x->toks.t[k].flags & TOK_CAP) &&
			    (is_word(x, k - 1, "'s") || is_word(x, k - 1, "the") || is_word(x, k - 1, "its") ||
			     is_word(x, k - 1, "their")))
				continue;
			d += 50;
		}
		/* "will arrive on Friday and meet Yoon on Saturday": a time
		 * before the "and" of a coordinated verb is the first verb's;
		 * the trigger's own comes after it. */
		if (at < k) {
			for (size_t q = at + 1; q < k; q++)
				if ((is_word(x, q, "and") || is_word(x, q, "but")) && !(x->toks.t[q + 1].flags & TOK_CAP)) {
					d += 8;
					break;
				}
		}
		/* "After meeting Wang Yi on Monday, Lavrov flew to Tokyo on
		 * Wednesday": a time in a clause opening the sentence with a
		 * subordinator, before its comma, is that clause's; the main
		 * verb takes it only when it has none of its own. */
		if (at < k && opening_clause_time(x, s, at, k))
			d += 20;
		/* A plan takes the future date of its clause over a past one. */
		if (planned && t->tense_used == TENSE_PAST)
			d += 100;
		/* "At their talks on July 1, they agreed that he would visit Seoul
		 * before long": a plan told in the past ("would", "was to") in a
		 * clause after "that" comes after the time of the verb that
		 * governs the clause, which dates the agreeing, not the visit. */
		if (planned && at < k && future_in_past_after(x, at, k))
			continue;
		if (d < bestd) {
			bestd = d;
			best = (int)i;
		}
	}
	if (best >= 0)
		return best;
	/* "said the minister had lied at a press conference on April 2,
	 * accusing Azerbaijan of ...", "on Monday imposed sanctions over the
	 * crackdown in 2019, freezing their assets": a participle set off by a
	 * comma, with no time of its own, continues the clause before it and
	 * takes the first day or month that clause (after its "said that")
	 * tells, not one in a relative clause. */
	if (k > s + 2 && cs == k && is_word(x, k - 1, ",") && ends_in(x, k, 4, "ing") && !planned) {
		size_t from = s;
		for (size_t q = s; q < k; q++) {
			/* ("applied last May, but Turkey has yet to approve the bid,
			 * accusing ...": the clause the participle follows) */
			if (q > s && is_word(x, q - 1, ",") &&
			    (is_word(x, q, "but") || is_word(x, q, "while") || is_word(x, q, "whereas") || is_word(x, q, "yet")))
				from = q + 1;
			if (is_reporting(x, q)) {
				from = q + 1;
				for (size_t c = q + 1; c < k && c < q + 7; c++)
					if (is_word(x, c, "that")) {
						from = c + 1;
						break;
					}
			}
		}
		for (size_t i = 0; i < st->n; i++) {
			const struct timex *t = &st->tx[i];
			size_t at = st->tok_of[i];
			if (at >= k || at < from || t->kind == TIMEX_DEADLINE || t->kind == TIMEX_DECADE ||
			    t->date.prec < PREC_MONTH || (t->flags & (TIMEX_F_CITATION | TIMEX_F_MODIFIER)))
				continue;
			if (relative_between(x, at, k) || in_relative_before(x, at, k, s))
				continue;
			return (int)i;
		}
	}
	/* "on October 6 NATO had informed Russia that its Secretary General
	 * had decided to withdraw ...": a clause told to a hearer ("informed
	 * X that", "reminded reporters that") with no time of its own takes
	 * the time of the telling. */
	if (cs > s + 3 && is_word(x, cs - 1, "that") && !planned) {
		size_t tv = hearer_before(x, cs, s);
		tv = tv ? tv - 1 : 0;
		int near = -1;
		for (size_t i = 0; tv && i < st->n; i++) {
			const struct timex *t = &st->tx[i];
			size_t at = st->tok_of[i];
			if (at >= tv || at < s || t->kind == TIMEX_DEADLINE || t->kind == TIMEX_DECADE ||
			    t->date.prec == PREC_UNKNOWN || (t->flags & (TIMEX_F_CITATION | TIMEX_F_MODIFIER)))
				continue;
			int that = 0;
			for (size_t q = at + 1; q < tv && !that; q++)
				that = is_word(x, q, "that") || is_word(x, q, ",");
			if (!that)
				near = (int)i;
		}
		if (near >= 0)
			return near;
	}
	int shared = shared_time_of_next_verb(x, st, te, ce, s, planned);
	if (shared >= 0)
		return shared;
	/* "visited Kenya in 2021, when he met Kenyatta", "..., during which
	 * he met": a clause opened by ", when" (or "during", "at", "after"
	 * which) after a time is at that time. */
	for (size_t q = k; q > s + 2 && q + 8 > k; q--) {
		size_t w = q - 1;
		if (is_word(x, w, "which") && w > s + 2 &&
		    (is_word(x, w - 1, "during") || is_word(x, w - 1, "at") || is_word(x, w - 1, "after")))
			w--;
		else if (!is_word(x, w, "when"))
			continue;
		q = w + 1;
		if (!is_word(x, q - 2, ","))
			break;
		for (size_t i = 0; i < st->n; i++) {
			const struct timex *t = &st->tx[i];
			if (t->kind == TIMEX_DEADLINE || t->date.prec == PREC_UNKNOWN || (t->flags & TIMEX_F_CITATION))
				continue;
			/* (the expression ends right before the comma) */
			size_t at = st->tok_of[i];
			size_t end = at;
			while (end < q - 2 && x->toks.t[end].end <= x->toks.t[at].start + (t->end - t->start))
				end++;
			if (at < q - 2 && end == q - 2)
				return (int)i;
		}
		break;
	}
	for (size_t i = 0; i < st->n; i++)
		if (st->tok_of[i] >= s && st->tok_of[i] <= s + 2 && st->tok_of[i] < k && st->tx[i].kind != TIMEX_DEADLINE &&
		    st->tx[i].date.prec != PREC_UNKNOWN && !(st->tx[i].flags & TIMEX_F_CITATION))
			return (int)i;
	return -1;
}

/* The temporal expressions of the sentence, found the first time a trigger
 * needs them: most sentences with event words never get that far. */
/* The temporal expressions of the sentence s..e, found now: for a rule that
 * reads a sentence without a trigger's context. */
void sentence_timex_of(struct extractor *x, size_t s, size_t e, struct sent_timex *st)
{
	find_timex(x, s, e, st);
	st->ready = 1;
}

void sentence_timex(struct extractor *x, struct trigger_ctx *tc)
{
	if (!tc->tx->ready) {
		find_timex(x, tc->s, tc->e, tc->tx);
		tc->tx->ready = 1;
	}
}

/* The event found last, when the sentence starting at token s told it with
 * a date of its own; else NULL. */
const struct cand *last_cand_dated(const struct extractor *x, size_t s)
{
	if (!x->n_cands)
		return NULL;
	const struct cand *p = &x->cands[x->n_cands - 1];
	int same = p->ev_start == x->toks.t[s].start && p->headline == x->headline;
	return same && p->date_explicit ? p : NULL;
}

int extract_infer_year(struct extractor *x, struct report *r)
{
	if (r->pub_known != PUB_NONE || !r->undated_month || !r->undated_day || !r->body)
		return 0;
	int m = r->undated_month, d = r->undated_day;
	/* The persons the report names, and the weekday its first paragraph gives. */
	long persons[64];
	const char *roles[64];
	int np = 0, weekday = -1, min_year = 1;
	const char *texts[2] = {r->title, r->body};
	for (int t = 0; t < 2; t++) {
		if (!texts[t])
			continue;
		token_list_reset(&x->toks);
		size_t len = strlen(texts[t]);
		if (tokenize(texts[t], len > 20000 ? 20000 : len, 0, &x->toks))
			return 0;
		for (size_t i = 0; i < x->toks.n; i++) {
			const struct dict_entry *es;
			size_t n, mm = dict_match(x->d.names, &x->toks, i, x->toks.n, 0, &es, &n);
			for (size_t k = 0; mm && k < n && np < 64; k++)
				if (es[k].kind == ENT_PERSON) {
					int dup = 0;
					for (int q = 0; q < np; q++)
						dup |= persons[q] == (long)es[k].idx;
					/* "Prime Minister Fumio Kishida": only that office dates the report. */
					const char *role = NULL;
					for (size_t b = i > 4 ? i - 4 : 0; b < i && !role; b++) {
						const struct dict_entry *te;
						size_t tn, tm = dict_match(x->d.names, &x->toks, b, i, 0, &te, &tn);
						for (size_t q = 0; tm && b + tm == i && q < tn; q++)
							if (te[q].kind == ENT_TITLE)
								role = x->d.titles[te[q].idx].role;
					}
					if (!dup) {
						roles[np] = role;
						persons[np++] = es[k].idx;
					}
				}
			const struct token *tk = &x->toks.t[i];
			if (t == 1 && weekday < 0 && tk->start < 600 && i > 0 && is_word(x, i - 1, "on"))
				weekday = weekday_from_name(texts[t] + tk->start, (int)(tk->end - tk->start));
			/* A year the text names bounds the report from below. */
			if ((tk->flags & TOK_NUM) && tk->end - tk->start == 4) {
				int y = atoi(texts[t] + tk->start);
				if (y > min_year && y < 2100)
					min_year = y;
			}
			if (mm)
				i += mm - 1;
		}
	}
	int best = 0, best_score = 0, ties = 0;
	for (int y = min_year > 1990 ? min_year : 1990; y <= 2100; y++) {
		if (!is_valid_date(y, m, d))
			continue;
		struct cdate when = {y, m, d, PREC_DAY};
		int score = 0;
		for (int q = 0; q < np; q++) {
			const struct dict_person *p = &x->d.persons[persons[q]];
			for (size_t k = 0; k < p->n_roles; k++) {
				const struct dict_role *role = &p->roles[k];
				if (roles[q] && strcmp(roles[q], role->role))
					continue;
				int64_t day = days_from_civil(y, m, d);
				int64_t from = days_from_civil(role->from.year, role->from.month ? role->from.month : 1,
							       role->from.day ? role->from.day : 1);
				int64_t to = role->to.prec == PREC_UNKNOWN ? INT64_MAX
						: days_from_civil(role->to.year, role->to.month ? role->to.month : 12,
								  role->to.day ? role->to.day : 28);
				if (day >= from && day <= to) {
					score += 2;
					break;
				}
			}
		}
		(void)when;
		if (weekday >= 0 && weekday_from_days(days_from_civil(y, m, d)) == weekday)
			score += 3;
		if (score > best_score) {
			best_score = score;
			best = y;
			ties = 0;
		} else if (score == best_score && score > 0) {
			ties++;
		}
	}
	/* Only a clear winner that rests on a named office-holder. */
	if (!best || ties || best_score < 5)
		return 0;
	r->published = unix_from_civil(best, m, d, 0, 0, 0);
	r->tz_offset_min = 0;
	r->pub_known = PUB_DATE;
	report_warn(r, "the year %d was inferred from the office-holders the report names%s", best,
		    weekday >= 0 ? " and the weekday it gives" : "");
	return 1;
}

/* The story's day: news copy opens with its main act and that act's day
 * ("The foreign ministry on Friday called in ...", "On Wednesday, the two
 * were made to justify their decision"); what the story tells after it in
 * the past, without a time of its own, happened that day, not on the day the
 * report was filed. It is the first day the body's opening paragraph (the
 * first of a dozen words or more: not a credit line or a caption) names
 * that is one of the seven days before the report's; 0 when it names none
 * (then the report's day stands). The dateline's own day does not count.
 * *lede_end is where that day is written: the sentence that names it is
 * dated by its own times (the day may be another act's, "protested over the
 * bombing on Thursday"). */
/* Whether the words before byte `at` of t[a..) are "issued" or "released"
 * (past "late", "early", "on"): "in a statement issued late Saturday". */
static int issued_before(const char *t, size_t a, size_t at)
{
	for (int w = 0; w < 3; w++) {
		while (at > a && isspace((unsigned char)t[at - 1]))
			at--;
		size_t b = at;
		while (b > a && isalpha((unsigned char)t[b - 1]))
			b--;
		size_t n = at - b;
		if (!n)
			return 0;
		if ((n == 6 && !strncasecmp(t + b, "issued", 6)) || (n == 8 && !strncasecmp(t + b, "released", 8)))
			return 1;
		if (!((n == 4 && !strncasecmp(t + b, "late", 4)) || (n == 5 && !strncasecmp(t + b, "early", 5)) ||
		      (n == 2 && !strncasecmp(t + b, "on", 2))))
			return 0;
		at = b;
	}
	return 0;
}

static int story_day(const struct extractor *x, struct cdate *out, size_t *lede_end);

int extract_story_day(struct extractor *x, struct cdate *out, size_t *lede_end)
{
	if (x->headline || x->anchor.prec != PREC_DAY || !x->text || !x->body_len)
		return 0;
	if (!x->story_known) {
		x->story_rc = story_day(x, &x->story_day, &x->story_lede_end);
		x->story_known = 1;
	}
	if (x->story_rc) {
		*out = x->story_day;
		*lede_end = x->story_lede_end;
	}
	return x->story_rc;
}

static int story_day(const struct extractor *x, struct cdate *out, size_t *lede_end)
{
	const char *t = x->text;
	size_t len = x->body_len, p = 0;
	int lede_seen = 0;
	int64_t rep = days_from_civil(x->anchor.year, x->anchor.month, x->anchor.day);
	/* Asked for every trigger: only the first STORY_PARA_MAX bytes of a
	 * paragraph are read (a lede is some hundreds), and none after a
	 * paragraph longer than that, so a body of one huge paragraph is not
	 * read again for every event of it. */
	enum { STORY_PARA_MAX = 4096 };
	for (int para = 0; p < len && para < 4; para++) {
		size_t q = p, lim = len - p > STORY_PARA_MAX ? p + STORY_PARA_MAX : len;
		while (q < lim && !(t[q] == '\n' && q + 1 < len && t[q + 1] == '\n'))
			q++;
		int cut = q == lim && lim < len;
		size_t a = p;
		struct dateline dl;
		if (dateline_parse(t + p, q - p, &dl))
			a = p + dl.consumed;
		int words = 0;
		for (size_t k = a; k < q; k++)
			words += !isspace((unsigned char)t[k]) && (k == a || isspace((unsigned char)t[k - 1]));
		p = cut ? len : q;
		while (p < len && t[p] == '\n')
			p++;
		if (words < 12)
			continue;
		struct timex tx[MAX_TIMEX];
		size_t n = timex_find(t + a, q - a, &x->anchor, TENSE_AUTO, tx, MAX_TIMEX);
		/* A lede without a day: the day of the statement that told the
		 * story ("he said in a statement issued late Saturday"), in the
		 * paragraphs after it. */
		for (size_t k = 0; lede_seen && k < n; k++) {
			if (tx[k].date.prec != PREC_DAY || tx[k].tense_used == TENSE_FUTURE ||
			    !issued_before(t + a, 0, tx[k].start))
				continue;
			int64_t gap = rep - days_from_civil(tx[k].date.year, tx[k].date.month, tx[k].date.day);
			if (gap > 0 && gap <= 7) {
				*out = tx[k].date;
				*lede_end = a + tx[k].end;
				return 1;
			}
		}
		if (lede_seen)
			continue;
		lede_seen = 1;
		for (size_t k = 0; k < n; k++) {
			if (tx[k].date.prec != PREC_DAY || tx[k].kind == TIMEX_DEADLINE || tx[k].kind == TIMEX_DURATION_SINCE ||
			    (tx[k].flags & (TIMEX_F_CITATION | TIMEX_F_RANGE)) || tx[k].tense_used == TENSE_FUTURE)
				continue;
			int64_t gap = rep - days_from_civil(tx[k].date.year, tx[k].date.month, tx[k].date.day);
			if (gap > 0 && gap <= 7) {
				*out = tx[k].date;
				*lede_end = a + tx[k].end;
				return 1;
			}
			/* "took a call on Friday" (the report's day) "... continuing
			 * the talks they had started last Tuesday": the story is
			 * the report's day's. */
			if (gap == 0 && tx[k].kind != TIMEX_DEADLINE)
				return 0;
		}
		/* A lede with a day of its own (today's) keeps the report's. */
		for (size_t k = 0; k < n; k++)
			if (tx[k].date.prec == PREC_DAY && !(tx[k].flags & TIMEX_F_CITATION))
				return 0;
	}
	return 0;
}

/* "talks with Choi Sung Hong, South Korea's Foreign Minister, slated for
 * Saturday": a schedule told of the trigger noun past an apposition (which
 * closes the clause) is its date, when no other date and no other event word
 * stands between them (next: where the next event word starts). The index
 * of that expression in st, or -1. */
int extract_scheduled_after(const struct extractor *x, const struct sent_timex *st, size_t te, size_t e,
			    size_t next)
{
	for (size_t i = 0; i < st->n; i++) {
		size_t at = st->tok_of[i];
		if (at <= te)
			continue;
		if (at >= e || (next > te && next < at) || at > te + 16)
			return -1;
		const struct timex *t = &st->tx[i];
		if (!scheduled_for(x, at) || t->kind == TIMEX_DEADLINE || t->date.prec == PREC_UNKNOWN)
			return -1;
		for (size_t q = te; q < at; q++)
			if (is_word(x, q, ";") || is_word(x, q, "while") ||
			    tok_in(x, q, WL_REPORTING))
				return -1;
		return (int)i;
	}
	return -1;
}

static int previous_sentence_date(const struct extractor *x, size_t s, int any_age, struct cdate *out);

/* The day the sentence before the one starting at token s names (in the
 * same paragraph), its first that can date an act, when it is one of the
 * last week's (a story goes on; an older date is history told in passing): "The Council yesterday
 * adopted the panel's report. It called on Washington to change the law":
 * a sentence led by a pronoun goes on with the time of the one before,
 * even when that one told no event. 0 when there is none. */
int extract_previous_sentence_date(const struct extractor *x, size_t s, struct cdate *out)
{
	return previous_sentence_date(x, s, 0, out);
}

/* As extract_previous_sentence_date, whatever the age of that time: "Sweden
 * applied in May 2022. Turkey immediately objected" (an act at once after). */
int extract_previous_sentence_time(const struct extractor *x, size_t s, struct cdate *out)
{
	return previous_sentence_date(x, s, 1, out);
}

/* "In January Canada and France concluded an interim fishing accord. Under
 * this accord, the two also agreed ...": a sentence opening on the accord the
 * sentence before told of is dated by that sentence's time, whatever its
 * age and precision. 0 when it does not open so or no time is named. */
int extract_accord_told_before(const struct extractor *x, size_t s, size_t e, struct cdate *out)
{
	if (s + 3 >= e || !(is_word(x, s, "under") || is_word(x, s, "in")))
		return 0;
	if (!(is_word(x, s + 1, "the") || is_word(x, s + 1, "this") || is_word(x, s + 1, "that")))
		return 0;
	if (!(is_word(x, s + 2, "accord") || is_word(x, s + 2, "agreement") || is_word(x, s + 2, "deal") ||
	      is_word(x, s + 2, "pact") || is_word(x, s + 2, "treaty")) ||
	    !is_word(x, s + 3, ","))
		return 0;
	return previous_sentence_date(x, s, 1, out);
}

/* The bytes of the sentence before the one starting at token s, in the same
 * paragraph, or (paragraph_before) of the paragraph before when that is one
 * sentence of its own. 0 when there is none. */
static int previous_sentence_span(const struct extractor *x, size_t s, int paragraph_before, size_t *basep,
				  size_t *lenp)
{
	size_t i = 0;
	while (i < x->n_sents && x->sents[i].tok_start != s)
		i++;
	if (i >= x->n_sents)
		return 0;
	size_t base, len;
	if (i == 0) {
		/* the paragraph's first sentence: the paragraph before, when it
		 * is one sentence of its own */
		if (!paragraph_before || x->headline)
			return 0;
		size_t b = x->toks.t[s].start;
		while (b > 0 && x->text[b - 1] == '\n')
			b--;
		size_t a = b;
		while (a > 0 && !(x->text[a - 1] == '\n' && a > 1 && x->text[a - 2] == '\n'))
			a--;
		for (size_t k = a; k + 1 < b; k++)
			if ((x->text[k] == '.' || x->text[k] == '!' || x->text[k] == '?') && x->text[k + 1] == ' ')
				return 0;
		base = a;
		len = b - a;
	} else {
		size_t ps = x->sents[i - 1].tok_start, pe = x->sents[i - 1].tok_end;
		if (ps >= pe)
			return 0;
		base = x->toks.t[ps].start;
		len = x->toks.t[pe - 1].end - base;
	}
	*basep = base;
	*lenp = len;
	return 1;
}

static int previous_sentence_date(const struct extractor *x, size_t s, int any_age, struct cdate *out)
{
	size_t base, len;
	if ((!any_age && x->anchor.prec != PREC_DAY) || !previous_sentence_span(x, s, any_age, &base, &len))
		return 0;
	struct timex tx[MAX_TIMEX];
	size_t n = timex_find_after(x->text + base, len, &x->anchor, &x->carry_last, TENSE_AUTO, tx, MAX_TIMEX);
	for (size_t k = 0; k < n; k++) {
		if (any_age && tx[k].date.prec >= PREC_YEAR && tx[k].kind != TIMEX_DEADLINE &&
		    tx[k].kind != TIMEX_DURATION_SINCE && tx[k].kind != TIMEX_DECADE &&
		    !(tx[k].flags & (TIMEX_F_CITATION | TIMEX_F_MODIFIER))) {
			*out = tx[k].date;
			return 1;
		}
		if (any_age || tx[k].date.prec != PREC_DAY || tx[k].kind == TIMEX_DEADLINE || tx[k].kind == TIMEX_DURATION_SINCE ||
		    (tx[k].flags & (TIMEX_F_CITATION | TIMEX_F_MODIFIER | TIMEX_F_RANGE)) || tx[k].tense_used == TENSE_FUTURE)
			continue;
		int64_t gap = days_from_civil(x->anchor.year, x->anchor.month, x->anchor.day) -
			      days_from_civil(tx[k].date.year, tx[k].date.month, tx[k].date.day);
		if (gap < 0 || gap > 7)
			return 0;
		*out = tx[k].date;
		return 1;
	}
	return 0;
}

/* "At the meeting, Xing pressed for ...", "During the talks, the two sides
 * agreed ...": a sentence opening on a meeting told before is dated as that
 * meeting, when the text dated it. The latest such meeting (a meeting, call,
 * negotiation or visit of the body); 0 when the sentence does not open so
 * or none was dated. */
int extract_meeting_told_before(const struct extractor *x, size_t s, size_t e, struct cdate *out)
{
	static const char *const nouns[] = {"meeting", "talks", "summit", "session", "conference", "call",
					    "conversation", "consultations", "negotiations", "visit", "encounter"};
	/* "On Tuesday in Beijing, officials of the two went over the details.
	 * That Beijing meeting followed an agreement ...": a sentence whose
	 * subject is a meeting named with a demonstrative is about the one the
	 * sentence before told, and takes its time. */
	if (s + 2 < e && (is_word(x, s, "that") || is_word(x, s, "this"))) {
		size_t n = s + 1;
		while (n < s + 3 && n + 1 < e && (x->toks.t[n].flags & TOK_CAP) && (x->toks.t[n].flags & TOK_WORD))
			n++;   /* "That Beijing meeting" */
		int noun = 0;
		for (size_t i = 0; i < sizeof(nouns) / sizeof(nouns[0]); i++)
			noun |= is_word(x, n, nouns[i]);
		if (noun && n + 1 < e && !is_word(x, n + 1, ","))
			return previous_sentence_date(x, s, 1, out);
		return 0;
	}
	if (s + 3 >= e || !(is_word(x, s, "at") || is_word(x, s, "during") || is_word(x, s, "in")))
		return 0;
	if (!(is_word(x, s + 1, "the") || is_word(x, s + 1, "that") || is_word(x, s + 1, "this") ||
	      is_word(x, s + 1, "their")))
		return 0;
	size_t n = s + 2;
	if (!is_word(x, n, "meeting") && !is_word(x, n, "talks") && n + 1 < e && !is_word(x, n + 1, ","))
		n++;   /* "the phone call", "the summit meeting" */
	int noun = 0;
	for (size_t i = 0; i < sizeof(nouns) / sizeof(nouns[0]); i++)
		noun |= is_word(x, n, nouns[i]);
	if (!noun || n + 1 >= e || !is_word(x, n + 1, ","))
		return 0;
	for (size_t k = x->n_cands; k-- > 0;) {
		const struct cand *p = &x->cands[k];
		if (p->dead || p->headline)
			continue;
		const char *t = p->tr->type;
		if (strcmp(t, "meeting") && strcmp(t, "phone_call") && strcmp(t, "negotiation") && strcmp(t, "visit"))
			continue;
		if (!p->date_explicit || p->date.prec == PREC_UNKNOWN || p->status == STATUS_PLANNED)
			return 0;
		*out = p->date;
		return 1;
	}
	return 0;
}

/* The next word of t[*p..b), lower-cased into w (cut at n-1 bytes); 0 at the end. */
static int next_word(const char *t, size_t *p, size_t b, char *w, size_t n)
{
	size_t q = *p, k = 0;
	while (q < b && t[q] == ' ')
		q++;
	if (q >= b)
		return 0;
	if (!isalpha((unsigned char)t[q])) {
		w[0] = t[q];
		w[1] = 0;
		*p = q + 1;
		return 1;
	}
	while (q < b && (isalpha((unsigned char)t[q]) || t[q] == '-')) {
		if (k + 1 < n)
			w[k++] = (char)tolower((unsigned char)t[q]);
		q++;
	}
	w[k] = 0;
	*p = q;
	return 1;
}

/* "Cho spoke by phone with Kamikawa. The call took place on Tuesday
 * afternoon.", "It came on Monday", "The ministry said the two talked for
 * half an hour on Tuesday": a sentence that only tells when the act just
 * told happened dates that act. Its subject is "it", "this", "they", "the"
 * with up to two lower-case words ("the call"), or names ("Cho and
 * Kamikawa"), maybe after a reporting clause ("X said (that)"); its verb
 * "took place", "was held", "came", "happened", "occurred", or one of
 * talking ("talked", "spoke", "met", "conferred"). a..b are the bytes of that
 * sentence in the text; 0 when it is not such a sentence or names no time
 * right after its verb. */
int extract_time_told_after(const struct extractor *x, size_t a, size_t b, struct cdate *out)
{
	if (!x->text || a >= b)
		return 0;
	char w[24];
	size_t p = a;
	int lower_run = 0, said = 0, words = 0, the = 0, bad = 0;
	for (;;) {
		size_t at = p;
		while (at < b && x->text[at] == ' ')
			at++;
		if (!next_word(x->text, &p, b, w, sizeof w) || ++words > 14)
			return 0;
		int verb = 0;
		if (!strcmp(w, "took") || !strcmp(w, "was") || !strcmp(w, "were")) {
			size_t q = p;
			int took = !strcmp(w, "took");
			/* ("The protest was made through diplomatic channels on
			 * Wednesday", "The note was delivered on Monday") */
			if (!next_word(x->text, &q, b, w, sizeof w) ||
			    (took ? strcmp(w, "place")
				  : strcmp(w, "held") && strcmp(w, "made") && strcmp(w, "lodged") && strcmp(w, "delivered") &&
					    strcmp(w, "conveyed") && strcmp(w, "handed") && strcmp(w, "filed") &&
					    strcmp(w, "signed")))
				return 0;
			p = q;
			verb = 1;
		} else if (!strcmp(w, "announced") || !strcmp(w, "confirmed") || !strcmp(w, "disclosed") ||
			   !strcmp(w, "revealed")) {
			/* "The minister announced the decision late on Friday" */
			size_t q = p;
			if (!next_word(x->text, &q, b, w, sizeof w))
				return 0;
			if (!strcmp(w, "the") || !strcmp(w, "this")) {
				if (!next_word(x->text, &q, b, w, sizeof w) ||
				    (strcmp(w, "decision") && strcmp(w, "move") && strcmp(w, "step") && strcmp(w, "measure")))
					return 0;
			} else if (strcmp(w, "it")) {
				return 0;
			}
			p = q;
			verb = 1;
		} else if (!strcmp(w, "came") || !strcmp(w, "happened") || !strcmp(w, "occurred") ||
			   !strcmp(w, "talked") || !strcmp(w, "spoke") || !strcmp(w, "met") || !strcmp(w, "conferred")) {
			verb = 1;
		}
		if (verb) {
			if (bad)
				return 0;
			break;
		}
		if (!said && (!strcmp(w, "said") || !strcmp(w, "says") || !strcmp(w, "added"))) {
			/* "Seoul's foreign ministry said (that) ...": the speaker's
			 * words are no subject of the act */
			said = 1;
			bad = lower_run = the = 0;
			size_t q = p;
			if (next_word(x->text, &q, b, w, sizeof w) && !strcmp(w, "that"))
				p = q;
			continue;
		}
		if (!strcmp(w, "the") || !strcmp(w, "this")) {
			the = 1;
			continue;
		}
		if (!strcmp(w, "it") || !strcmp(w, "they") || !strcmp(w, "both") || !strcmp(w, "and") ||
		    !strcmp(w, "two") || !strcmp(w, "'") || !strcmp(w, "s") || (unsigned char)x->text[at] >= 0x80)
			continue;   /* (an apostrophe written in UTF-8) */
		if (isupper((unsigned char)x->text[at])) {
			/* names ("Cho and Kamikawa"), not after the words of a noun
			 * ("the disclosures by Wellington came": another act) */
			bad |= lower_run > 0;
		} else if (the && lower_run < 2) {
			lower_run++;   /* "the call", "the phone call" */
		} else {
			bad = 1;
		}
		if (bad && said)
			return 0;
	}
	size_t base = p, len = b - p;
	struct timex tx[MAX_TIMEX];
	size_t n = timex_find_after(x->text + base, len, &x->anchor, &x->carry_last, TENSE_PAST, tx, MAX_TIMEX);
	if (!n || tx[0].kind == TIMEX_DEADLINE || tx[0].kind == TIMEX_DURATION_SINCE || tx[0].date.prec < PREC_MONTH ||
	    (tx[0].flags & (TIMEX_F_CITATION | TIMEX_F_MODIFIER)))
		return 0;
	/* right after the verb, or after a place ("took place in Geneva on
	 * Monday"): no other act's time ("came days after ...") */
	size_t q = base;
	int first = 1;
	while (q < base + tx[0].start) {
		size_t at = q;
		while (at < b && x->text[at] == ' ')
			at++;
		if (!next_word(x->text, &q, base + tx[0].start, w, sizeof w))
			break;
		if (w[0] == ',' || !strcmp(w, "after") || !strcmp(w, "before") || !strcmp(w, "since") || !strcmp(w, "following"))
			return 0;
		/* a place or a manner may follow the verb, not its complement
		 * ("Relations came under strain in May": no act told again) */
		if (first && !isupper((unsigned char)x->text[at]) && strcmp(w, "in") && strcmp(w, "at") &&
		    strcmp(w, "on") && strcmp(w, "during") && strcmp(w, "via") && strcmp(w, "by") && strcmp(w, "over") &&
		    strcmp(w, "from") && strcmp(w, "for") && strcmp(w, "through"))
			return 0;
		first = 0;
	}
	*out = tx[0].date;
	return 1;
}
