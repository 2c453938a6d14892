/* Extraction, events: each trigger of a sentence becomes a candidate event
 * with its parties, status, date, topics and evidence; extract_events runs
 * the stages for one report.
 * (The stages: see extract_int.h.) */
#include "ingest/extract/extract_int.h"

/* The date of an act told by a speaker (frame spk): a time expression
 * attached to the sentence's reporting verb ("said on Tuesday that ..."),
 * else one opening the sentence, else the report's day. */
static void speaker_date(struct extractor *x, struct trigger_ctx *tc, size_t k, size_t s, struct cand *c)
{
	sentence_timex(x, tc);
	for (size_t i = 0; i < tc->tx->n; i++) {
		size_t at = tc->tx->tok_of[i];
		const struct timex *t = &tc->tx->tx[i];
		if (t->date.prec == PREC_UNKNOWN || t->kind == TIMEX_DEADLINE || (t->flags & TIMEX_F_CITATION))
			continue;
		/* "described yesterday's decision as ...": the date of what is
		 * told of, not of the telling. */
		if ((t->flags & TIMEX_F_MODIFIER) && at > k)
			continue;
		int by_reporting = 0;
		for (size_t q = at; q-- > s && q + 3 >= at;)
			by_reporting |= is_reporting(x, q);
		/* "said in a statement issued on Sunday that", "said at a news
		 * conference in Beijing on Tuesday": the reporting verb's own
		 * prepositional phrases, back to the verb with no "that", clause
		 * break or punctuation between. */
		for (size_t q = at; !by_reporting && q-- > s && q + 12 >= at;) {
			if (is_word(x, q, "that") || tok_in(x, q, WL_CLAUSE_BREAK) || (x->toks.t[q].flags & TOK_PUNCT))
				break;
			if (is_reporting(x, q)) {
				by_reporting = q + 1 < at && tok_in(x, q + 1, WL_PREPOSITION);
				break;
			}
		}
		for (size_t q = at + 1; q < tc->e && q <= at + 4 && !by_reporting; q++)
			by_reporting |= is_reporting(x, q);
		if (by_reporting || (at <= s + 2 && at < k)) {
			c->date = t->date;
			c->date_explicit = 1;
			return;
		}
	}
	c->date = x->anchor;
	c->date_explicit = 0;
}

static size_t time_gap(const struct extractor *x, size_t j, size_t e);

/* Whether the trigger at k is the "to" complement of a verb of appeal or
 * threat (dict/grammar.tsv class content_verb) within its clause:
 * "threatened to impose", "urged Russia to lift", "called on both sides to
 * hold talks". */
/* Whether what follows an appeal's wording asks something: "to", "for",
 * "that" or a colon before the sentence ends. A full stop inside a
 * quotation ends the sentence told ("'... called on our PM yesterday. He
 * asked him to come,' she said"): what follows it is asked by no one. */
static int asks_after(const struct extractor *x, size_t te, size_t e)
{
	for (size_t q = te; q < e; q++)
		if (is_word(x, q, ".") || is_word(x, q, "?") || is_word(x, q, "!"))
			return 0;
		else if (is_word(x, q, "to") || is_word(x, q, "for") || is_word(x, q, "that") || is_word(x, q, ":") ||
		    (x->toks.t[q].flags & TOK_OPEN_QUOTE))
			return 1;
	return 0;
}

/* The first plain wording of a type (a verb of that frame, no tail, not a
 * speaker's), for an act told with another type's words (a courtesy call
 * told as an appeal: a meeting; a call to another state's envoy: a
 * protest; a guest received in the host's country: a visit); NULL if the
 * dictionaries have none. */
static const struct dict_trigger *plain_trigger(const struct extractor *x, const char *type, enum frame frame)
{
	for (size_t i = 0; i < x->d.n_triggers; i++) {
		const struct dict_trigger *t = &x->d.triggers[i];
		if (!strcmp(t->type, type) && t->frame == frame && !t->noun && !t->speaker && !t->n_tails)
			return t;
	}
	return NULL;
}

/* "said that", "told reporters after a cabinet meeting that": the clause
 * at cs is reported speech, opened by "that" after a reporting verb with
 * its addressee or a place or time between. */
static int reported_that(const struct extractor *x, size_t s, size_t cs)
{
	if (cs < s + 2 || !is_word(x, cs - 1, "that"))
		return 0;
	for (size_t q = cs - 1; q > s && q + 14 > cs; q--) {
		if (is_reporting(x, q - 1))
			return 1;
		if (is_word(x, q - 1, ";") || is_word(x, q - 1, ":") || is_word(x, q - 1, "that"))
			return 0;
	}
	return 0;
}

/* The same for the verb at k: the nearest "that" before it in its
 * sentence (a clause word such as "after" may stand between the reporting
 * verb and the "that"), with no other verb of telling between. */
static int reported_before(const struct extractor *x, size_t s, size_t k)
{
	for (size_t q = k; q > s + 1 && q + 14 > k; q--) {
		if (is_word(x, q - 1, ";") || is_word(x, q - 1, ":") || is_reporting(x, q - 1))
			return 0;
		if (is_word(x, q - 1, "that"))
			return reported_that(x, s, q);
	}
	return 0;
}

/* The mandative clause: "demanded that Japan refrain", "insisted that China
 * withdraw its rig", "requested that Tokyo (should) lift the ban". For a
 * "that" at t after a verb of appeal (class content_verb), the verb of its
 * clause: the first word after a named subject (and adverbs), when it is
 * "should" or a bare verb (not -s, not -ed, no auxiliary); else 0. */
static size_t mandative_verb(const struct extractor *x, size_t t, size_t e)
{
	/* "requested that it be called off", "demanded that the sanctions be
	 * lifted": the bare "be" of a passive is the subjunctive, whatever the
	 * subject (no modal or other verb between). */
	for (size_t q = t + 2; q < e && q < t + 6; q++) {
		if (is_word(x, q, "be"))
			return q;
		if (tok_in(x, q, WL_BE | WL_PREPOSITION | WL_CLAUSE_BREAK | WL_REPORTING) ||
		    (x->toks.t[q].flags & TOK_PUNCT) || is_word(x, q, "would") || is_word(x, q, "will") ||
		    is_word(x, q, "could") || is_word(x, q, "should") || is_word(x, q, "must") || is_word(x, q, "might") ||
		    is_word(x, q, "may") || is_word(x, q, "can") || is_word(x, q, "not") || is_word(x, q, "to") ||
		    ends_in(x, q, 2, "ed"))
			break;
	}
	size_t m0, m1;
	mentions_in(x, t + 1, e, &m0, &m1);
	if (m1 <= m0 || x->men[m0].ts > t + 3 || x->men[m0].ra < 0)
		return 0;
	for (size_t q = t + 1; q < x->men[m0].ts; q++)
		if (!tok_in(x, q, WL_DETERMINER))
			return 0;
	size_t v = x->men[m0].te;
	/* "that Poland and Lithuania cut": a subject of several parties */
	for (size_t j = m0 + 1; j < m1 && v + 1 < e && (is_word(x, v, "and") || is_word(x, v, ",")) &&
				x->men[j].ts == v + 1 && x->men[j].ra >= 0;
	     j++)
		v = x->men[j].te;
	/* "the Chinese side", "Japanese authorities": the head noun */
	while (v < e && tok_in(x, v, WL_STATE_BODY | WL_ORGAN))
		v++;
	while (v < e && ends_in(x, v, 2, "ly") && !is_word(x, v, "only"))
		v++;
	if (v >= e || !(x->toks.t[v].flags & TOK_WORD) || (x->toks.t[v].flags & TOK_CAP))
		return 0;
	if (is_word(x, v, "should"))
		return v + 1 < e ? v + 1 : 0;
	if (ends_in(x, v, 1, "s") || ends_in(x, v, 2, "ed") || tok_in(x, v, WL_BE | WL_PREPOSITION | WL_DETERMINER) ||
	    is_word(x, v, "had") || is_word(x, v, "would") || is_word(x, v, "will") || is_word(x, v, "could") ||
	    is_word(x, v, "can") || is_word(x, v, "must") || is_word(x, v, "might") || is_word(x, v, "may") ||
	    is_word(x, v, "did") || is_word(x, v, "and") || is_word(x, v, ","))
		return 0;
	return v;
}

static int content_of_appeal(const struct extractor *x, size_t k, size_t s)
{
	/* "demanded that Japan lift the curbs": the act is what is asked. */
	for (size_t t = k; t-- > s && t + 10 > k;) {
		if (is_word(x, t, "that")) {
			/* (over a time: "demanded on Friday that") */
			int asked = 0;
			for (size_t q = t; q-- > s && q + 5 > t && !asked;) {
				asked = tok_in(x, q, WL_CONTENT_VERB);
				if (tok_in(x, q, WL_CLAUSE_BREAK | WL_REPORTING) || (x->toks.t[q].flags & TOK_PUNCT))
					break;
			}
			if (asked && mandative_verb(x, t, k + 1) == k)
				return 1;
			break;
		}
		if (tok_in(x, t, WL_CLAUSE_BREAK | WL_REPORTING) || is_word(x, t, ";"))
			break;
	}
	/* "pressed for Seoul's backing", "called for new sanctions on Iran",
	 * "urged a ceasefire": what is asked for, its noun after the verb
	 * and "for" (names, "'s" and adjectives between). */
	for (size_t q = k; q > s + 1 && q + 6 > k; q--) {
		size_t f = q - 1;
		if (is_word(x, f, "for") && tok_in(x, f - 1, WL_CONTENT_VERB))
			return 1;
		/* ("called on Friday for the lifting of sanctions": a time between) */
		for (size_t p = f; is_word(x, f, "for") && p > s + 1 && p + 4 > f; p--)
			if (tok_in(x, p - 1, WL_CONTENT_VERB) && time_gap(x, p, f) == f - p)
				return 1;
		if ((x->toks.t[f].flags & TOK_PUNCT) && !is_word(x, f, "'s") && !is_word(x, f, "-"))
			break;
		/* ("Russia's call for a ceasefire was rejected by Ukraine": a verb
		 * after "was" is the call's fate, not what it asks) */
		if (tok_in(x, f, WL_PREPOSITION | WL_CLAUSE_BREAK | WL_REPORTING | WL_BE) || is_word(x, f, "and"))
			break;
	}
	/* "called on Turkey to stop the invasion and agree to a ceasefire": a
	 * verb joined by "and" to the asked one is asked too. */
	if (k >= s + 4 && (is_word(x, k - 1, "and") || is_word(x, k - 1, "or")) &&
	    !(x->toks.t[k].flags & TOK_CAP)) {
		for (size_t t = k - 2; t > s && t + 12 > k; t--) {
			/* (not "to reflect on its history rather than disregard
			 * the facts and level accusations": what is done instead) */
			if (tok_in(x, t, WL_CLAUSE_BREAK | WL_REPORTING) || is_word(x, t, ";") || is_word(x, t, "than") ||
			    is_word(x, t, "instead"))
				break;
			if (is_word(x, t, "to") && !(x->toks.t[t + 1].flags & TOK_CAP) &&
			    !tok_in(x, t + 1, WL_DETERMINER)) {
				k = t + 1;
				break;
			}
		}
	}
	/* ("urge the US to stop interfering in China's affairs": the asked
	 * stopping of an act) */
	if (k >= s + 3 && is_word(x, k - 2, "to") &&
	    (is_word(x, k - 1, "stop") || is_word(x, k - 1, "cease") || is_word(x, k - 1, "quit")))
		k--;
	/* ("urged the army and the Rapid Support Forces to return to
	 * negotiations": the asked return to talks) */
	if (k >= s + 4 && is_word(x, k - 1, "to") && is_word(x, k - 3, "to") &&
	    (is_word(x, k - 2, "return") || is_word(x, k - 2, "come") || is_word(x, k - 2, "go")))
		k -= 2;
	if (k < s + 2 || !is_word(x, k - 1, "to"))
		return 0;
	for (size_t q = k - 1; q-- > s && q + 12 > k;) {
		if (tok_in(x, q, WL_CONTENT_VERB))
			return 1;
		if (tok_in(x, q, WL_CLAUSE_BREAK | WL_REPORTING) || is_word(x, q, "to") || is_word(x, q, ","))
			return 0;
	}
	return 0;
}

/* Whether the act at k is what a state orders another to do: "Russia
 * ordered the United States to lift its sanctions" is Russia's demand, and
 * the lifting is not done. (No wording of appeal "order+ ... to" is
 * shipped: "ordered a downgrade ... to", "in order to" make it too loose.) The
 * one ordered must be named right after the verb and be another state
 * than the one named right before it ("ordered the Treasury to impose
 * sanctions" is the act of the Treasury's state). An act of a type with
 * the property orders_out stays the orderer's ("ordered China to close
 * its consulate"). */
static int ordered_of_other(const struct extractor *x, size_t k, size_t s)
{
	if (k < s + 3 || !is_word(x, k - 1, "to"))
		return 0;
	for (size_t q = k - 1; q-- > s && q + 10 > k;) {
		if (tok_in(x, q, WL_CLAUSE_BREAK | WL_REPORTING) || is_word(x, q, ",") || is_word(x, q, ";"))
			return 0;
		if (!(is_word(x, q, "ordered") || is_word(x, q, "orders") || is_word(x, q, "order") ||
		      is_word(x, q, "ordering") || is_word(x, q, "instructed") || is_word(x, q, "instructs") ||
		      is_word(x, q, "commanded") || is_word(x, q, "commands")))
			continue;
		size_t m0, m1;
		mentions_in(x, s, k, &m0, &m1);
		int subj = -1, obj = -1;
		for (size_t j = m0; j < m1; j++) {
			const struct mention *m = &x->men[j];
			if (m->ra < 0 || m->kind == MK_PLACE)
				continue;
			if (m->te <= q && m->te + 3 >= q)
				subj = m->ra;
			if (m->ts > q && m->ts <= q + 2 && obj < 0)
				obj = m->ra;
		}
		return subj >= 0 && obj >= 0 && x->ra[subj].code[0] && x->ra[obj].code[0] && !same_code(x, subj, obj);
	}
	return 0;
}

/* Whether the act at k is the complement of a past verb of deciding
 * ("decided on Sunday to reinstate", "voted to expel"): "to" right before
 * it, and before that, over time words, the verb. */
static int past_decision_before(const struct extractor *x, size_t k, size_t cs, int measure)
{
	if (k <= cs + 1 || !is_word(x, k - 1, "to"))
		return 0;
	for (size_t q = k - 1; q > cs && q + 6 > k; q--) {
		/* ("EU leaders agreed on Monday to close their airspace to
		 * Belarusian airlines": a measure agreed is decided; talks agreed
		 * are still to come.) */
		if (is_word(x, q - 1, "decided") || is_word(x, q - 1, "resolved") || is_word(x, q - 1, "voted") ||
		    (measure && is_word(x, q - 1, "agreed")))
			return !(q >= cs + 2 && (tok_in(x, q - 2, WL_PLAN) || tok_in(x, q - 2, WL_CONDITION)));
		if (!(x->toks.t[q - 1].flags & TOK_CAP) && !is_word(x, q - 1, "on") && !is_word(x, q - 1, "last") &&
		    !is_word(x, q - 1, "today") && !is_word(x, q - 1, "yesterday") && !is_word(x, q - 1, "unanimously") &&
		    !is_word(x, q - 1, "night") && !is_word(x, q - 1, "morning") && !is_word(x, q - 1, "evening") &&
		    !(x->toks.t[q - 1].flags & TOK_NUM))
			return 0;
	}
	return 0;
}

/* Whether the act at k is a measure (a type with the property "measure" in
 * dict/types.tsv: sanctions, relief, an expulsion) announced: under a "would" or an "is
 * to" of reported speech, or after "plans to", "promised to", "pledged to"
 * ("announced plans to impose tariffs", "promised to halt all trade"), with
 * a reporting verb in the sentence (or the promise itself); no condition
 * ("once", "if", "unless", "should", "until") after it. */
static int announced_measure(const struct extractor *x, const struct dict_trigger *tr, size_t s, size_t k, size_t e)
{
	if (!(type_props(x, tr) & TP_MEASURE))
		return 0;
	for (size_t q = k; q < e; q++)
		if (is_word(x, q, "once") || is_word(x, q, "if") || is_word(x, q, "unless") || is_word(x, q, "provided") ||
		    is_word(x, q, "should") || is_word(x, q, "until"))
			return 0;
	size_t w = 0;
	int promise = 0;
	for (size_t q = k; q > s && q + 4 > k; q--) {
		if (is_word(x, q - 1, "would")) {
			w = q - 1;
			break;
		}
		if (is_word(x, q - 1, "to") && q > s + 1) {
			size_t p = q - 2;
			if (is_word(x, p, "is") || is_word(x, p, "are") || is_word(x, p, "plans") || is_word(x, p, "plan") ||
			    is_word(x, p, "promised") || is_word(x, p, "pledged")) {
				w = q - 1;
				promise = is_word(x, p, "promised") || is_word(x, p, "pledged") ||
					  (p > s && is_word(x, p - 1, "announced"));
				break;
			}
			return 0;
		}
		if (!is_word(x, q - 1, "be") && !ends_in(x, q - 1, 2, "ly"))
			return 0;
	}
	if (!w)
		return 0;
	/* "warned that it would impose sanctions": a threat, not a decision */
	for (size_t q = s; q < w; q++) {
		const char *t = low(x, q);
		if (has_prefix(t, "warn") || has_prefix(t, "threat") || has_prefix(t, "caution") ||
		    has_prefix(t, "vow"))
			return 0;
	}
	if (promise)
		return 1;
	for (size_t q = s; q < e; q++)
		if (q != k && tok_in(x, q, WL_REPORTING))
			return 1;
	return 0;
}

/* Whether the act at k is what two parties agree to: "Iran and Saudi Arabia
 * agreed to restore ties and to reopen their embassies". */
static int agreed_content(const struct extractor *x, size_t k, size_t s)
{
	/* "agree to restore relations, reopen embassies": a bare verb after a
	 * comma or "and" goes on with the "to" before it. */
	if (k > s + 2 && (is_word(x, k - 1, ",") || is_word(x, k - 1, "and")) && (x->toks.t[k].flags & TOK_WORD) &&
	    !(x->toks.t[k].flags & TOK_CAP) && !ends_in(x, k, 2, "ed") && !ends_in(x, k, 1, "s") &&
	    !ends_in(x, k, 3, "ing"))
		for (size_t q = k - 1; q-- > s && q + 10 > k;) {
			if (is_word(x, q, "to"))
				return agreed_content(x, q + 1, s);
			if (tok_in(x, q, WL_CLAUSE_BREAK | WL_REPORTING | WL_PREPOSITION) || is_word(x, q, ";"))
				break;
		}
	if (k < s + 2 || !is_word(x, k - 1, "to"))
		return 0;
	for (size_t q = k - 1; q-- > s && q + 16 > k;) {
		const char *w = low(x, q);
		if (has_prefix(w, "agree") || has_prefix(w, "consent")) {
			/* (a mutual accord: parties joined by "and", or "both", "the
			 * two"; one side that "agreed to end an embargo" decides it) */
			for (size_t r = q; r-- > s && r + 12 > q;) {
				/* (a headline joins them with a comma: "Iran, Saudi
				 * Arabia agree") */
				if (is_word(x, r, "and") || is_word(x, r, "both") || is_word(x, r, "two") ||
				    is_word(x, r, "sides") || is_word(x, r, "parties") ||
				    (is_word(x, r, ",") && r > s && r + 1 < q && (x->toks.t[r - 1].flags & TOK_CAP) &&
				     (x->toks.t[r + 1].flags & TOK_CAP)))
					return 1;
				if (tok_in(x, r, WL_CLAUSE_BREAK | WL_REPORTING) || is_word(x, r, ";"))
					break;
			}
			return 0;
		}
		if (tok_in(x, q, WL_CLAUSE_BREAK | WL_REPORTING) || is_word(x, q, ";") || is_word(x, q, ",") ||
		    (is_word(x, q, "to") && !(q > s && is_word(x, q - 1, "and")) &&
		     !(q > s && (has_prefix(low(x, q - 1), "agree") || has_prefix(low(x, q - 1), "consent")))))
			return 0;
	}
	return 0;
}

/* "Decrying what it termed gross violations", "condemned what Seoul called
 * a provocation": a free relative names the object of the verb before it;
 * its describing is part of that act, no act of its own. */
static int free_relative(const struct extractor *x, const struct trigger_hit *h, size_t s)
{
	const struct dict_trigger *tr = &x->d.triggers[h->trigger];
	if (h->ts < s + 3 || !(tr->frame == FRAME_DIRECTED || tr->speaker))
		return 0;
	size_t q = h->ts - 1;
	size_t m0, m1;
	mentions_in(x, s, h->ts, &m0, &m1);
	if (m1 > m0 && x->men[m1 - 1].te == h->ts)
		q = x->men[m1 - 1].ts;
	else if (!(is_word(x, q, "it") || is_word(x, q, "they") || is_word(x, q, "he") || is_word(x, q, "she") ||
		   is_word(x, q, "we")))
		return 0;
	return q >= s + 2 && is_word(x, q - 1, "what") && (x->toks.t[q - 2].flags & TOK_WORD) &&
	       !tok_in(x, q - 2, WL_REPORTING | WL_CLAUSE_BREAK);
}

/* Whether a meeting's clause [cs, ce) names two or more people, every one of
 * them acting for the one state of its parties, and no one else as a party:
 * a state's leaders meeting among themselves. Places ("in South Africa", "at
 * the UN") do not count; a person of unknown allegiance, a counterpart, a
 * visitor or a delegation leave it open. */
static int domestic_meeting(const struct extractor *x, const struct cand *c, size_t cs, size_t ce)
{
	for (int i = 1; i < c->nsrc; i++)
		if (!same_code(x, c->src[0], c->src[i]))
			return 0;
	if (x->ra[c->src[0]].kind == ACTOR_ORG || !x->ra[c->src[0]].code[0])
		return 0;
	int people = 0, first = -1;
	size_t m0, m1;
	mentions_in(x, cs, ce, &m0, &m1);
	for (size_t j = m0; j < m1; j++) {
		const struct mention *m = &x->men[j];
		if (m->kind == MK_PLACE)
			continue;
		if (m->kind != MK_ACTOR && m->kind != MK_ADJ)
			return 0;
		if (m->ts > cs && (is_word(x, m->ts - 1, "in") || is_word(x, m->ts - 1, "at") ||
				   is_word(x, m->ts - 1, "against") || is_word(x, m->ts - 1, "from") ||
				   is_word(x, m->ts - 1, "to") || is_word(x, m->ts - 1, "on")))
			continue;
		if (m->ra < 0 || !x->ra[m->ra].code[0] || !same_code(x, m->ra, c->src[0]))
			return 0;
		if (m->kind == MK_ACTOR && x->ra[m->ra].kind == ACTOR_PERSON && m->ra != first) {
			if (first < 0)
				first = m->ra;
			people++;
		}
	}
	if (people < 2)
		return 0;
	for (size_t q = cs; q < ce; q++)
		if (is_word(x, q, "counterpart") || is_word(x, q, "counterparts") || is_word(x, q, "visiting") ||
		    is_word(x, q, "delegation") || is_word(x, q, "guest") || is_word(x, q, "guests") ||
		    is_word(x, q, "envoy") || is_word(x, q, "ambassador") || is_word(x, q, "visitor") ||
		    is_word(x, q, "they") || is_word(x, q, "both"))
			return 0;
	return 1;
}

/* Whether noun trigger h names where its journey goes or whom its act is
 * aimed at, with a capital after the preposition: "visit to Beijing" (the
 * wording may end on the "to"), "criticism of Canberra", "protest against
 * Tokyo". */
static int aimed_noun(const struct extractor *x, const struct dict_trigger *tr, const struct trigger_hit *h,
		      size_t e)
{
	size_t p = h->te;   /* the preposition */
	if (p > h->ts && (is_word(x, p - 1, "to") || is_word(x, p - 1, "of") || is_word(x, p - 1, "against")))
		p--;
	if (p + 1 >= e || !(x->toks.t[p + 1].flags & TOK_CAP))
		return 0;
	/* a journey whose traveller is the subject of the sentence it opens:
	 * "During his visit to Beijing, Blinken met ..." ("in response to her
	 * visit to China's Taiwan region" names someone else's) */
	if (type_props(x, tr) & TP_TRAVEL)
		return is_word(x, p, "to") && h->ts >= 2 && (x->toks.t[h->ts - 2].flags & TOK_CAP) &&
		       (is_word(x, h->ts - 2, "during") || is_word(x, h->ts - 2, "on") || is_word(x, h->ts - 2, "after") ||
			is_word(x, h->ts - 2, "before") || is_word(x, h->ts - 2, "at"));
	/* "stepped up its criticism of Canberra": the subject's own act */
	return tr->frame == FRAME_DIRECTED && is_word(x, h->ts - 1, "its") &&
	       (is_word(x, p, "of") || is_word(x, p, "against"));
}

/* "India asked Pakistan to cut the strength of its High Commission",
 * "told the envoy to close the mission": a state commands another to take
 * its diplomats out; the one who commands reduces relations (an appeal's
 * "urged X to recall" stays an appeal). */
static int commanded_out(const struct extractor *x, const struct dict_trigger *tr, size_t k, size_t s)
{
	size_t ask;
	if (!(type_props(x, tr) & TP_ORDERS_OUT) || tr->frame != FRAME_DIRECTED || asked_to(x, k, s, &ask) < 0)
		return 0;
	return is_word(x, ask, "ordered") || is_word(x, ask, "told") || is_word(x, ask, "directed") ||
	       is_word(x, ask, "instructed") || is_word(x, ask, "asked");
}

/* Whether a directed act's wording ends right before the "what" at w, or
 * before a preposition leading to it ("condemned what", "protested over
 * what"): the free relative is that act's object. */
static int judging_verb_before(const struct extractor *x, size_t w, size_t s)
{
	size_t end = w;
	if (end > s + 1 && (is_word(x, end - 1, "over") || is_word(x, end - 1, "at") || is_word(x, end - 1, "against") ||
			    is_word(x, end - 1, "about") || is_word(x, end - 1, "to")))
		end--;
	for (size_t i = 0; i < x->n_hits; i++) {
		const struct dict_trigger *o = &x->d.triggers[x->hits[i].trigger];
		if (x->hits[i].ts >= s && (x->hits[i].te == end || x->hits[i].te == w) && o->frame == FRAME_DIRECTED &&
		    !o->speaker)
			return 1;
	}
	return 0;
}

/* Under COMMUNIQUE_DEBUG_EXTRACT, a wording dropped before it is a
 * candidate says at which test (the line of this file). */
#define DROP_RET                                                                          \
	do {                                                                              \
		if (x->debug)                                                             \
			fprintf(stderr, "  drop %s @%d\n", tr->type, __LINE__);             \
		return 0;                                                                 \
	} while (0)

/* Whether the words around a meeting or visit at h (eight before, twelve after, in
 * its sentence, not past a semicolon) name an opposition politician:
 * "opposition" before "leader", "lawmaker", "politician" and the like. */
static int opposition_party(const struct extractor *x, const struct trigger_hit *h, size_t s, size_t e)
{
	size_t a = h->ts > s + 8 ? h->ts - 8 : s, b = h->te + 12 < e ? h->te + 12 : e;
	for (size_t q = a; q < b; q++) {
		if (is_word(x, q, ";"))
			return 0;
		if (!is_word(x, q, "opposition"))
			continue;
		for (size_t n = q + 1; n < e && n <= q + 3; n++)
			if (is_word(x, n, "leader") || is_word(x, n, "leaders") || is_word(x, n, "lawmaker") ||
			    is_word(x, n, "lawmakers") || is_word(x, n, "politician") || is_word(x, n, "politicians") ||
			    is_word(x, n, "legislator") || is_word(x, n, "legislators") || is_word(x, n, "figure") ||
			    is_word(x, n, "figures") || is_word(x, n, "mp") || is_word(x, n, "mps"))
				return 1;
	}
	return 0;
}

/* "Critics said the bill leaves a loophole. They called for stricter
 * sanctions": a sentence opened by "They" after one whose subject is a
 * group holding no office (a plural noun, no actor, no word for officials
 * or a state body, before a reporting verb) speaks for that group; its
 * acts are no state's. Asked only of sentences opened by "they". */
static int they_of_group(const struct extractor *x, size_t s)
{
	if (!is_word(x, s, "they") || s < 3)
		return 0;
	/* the sentence before: back over its words to the stop that ends the one before it */
	size_t p = s - 1, floor = s > 80 ? s - 80 : 0;
	while (p > floor && !is_word(x, p - 1, ".") && !is_word(x, p - 1, "?") && !is_word(x, p - 1, "!"))
		p--;
	if (p + 2 >= s || !(x->toks.t[p].flags & TOK_CAP) || !(x->toks.t[p].flags & TOK_WORD))
		return 0;
	size_t q = p;
	if (!ends_in(x, q, 1, "s") && q + 3 < s && ends_in(x, q + 1, 1, "s"))
		q++;   /* "Opposition critics", "Some analysts" */
	if (!ends_in(x, q, 1, "s") || !tok_in(x, q + 1, WL_REPORTING) || x->toks.t[q].lower_len < 4)
		return 0;
	for (size_t k = p; k <= q; k++) {
		const char *w = low(x, k);
		size_t n = x->toks.t[k].lower_len;
		wl_mask lists = tok_in(x, k, WL_COLLECTIVE | WL_ROLE | WL_ORGAN | WL_STATE_BODY) ? 1 : 0;
		if (!lists && n > 1)
			lists = vocab_lists(x, w, n - 1, text_hash(w, n - 1)) & (WL_ROLE | WL_ORGAN | WL_STATE_BODY);
		if (lists)
			return 0;
	}
	size_t m0, m1;
	mentions_in(x, p, q + 1, &m0, &m1);
	return m1 == m0;
}

/* "on the sidelines of", "on the margins of" at k. */
static int sidelines_at(const struct extractor *x, size_t k)
{
	return k + 3 < x->toks.n && (is_word(x, k, "on") || is_word(x, k, "at")) && is_word(x, k + 1, "the") &&
	       (is_word(x, k + 2, "sidelines") || is_word(x, k + 2, "margins")) && is_word(x, k + 3, "of");
}

/* "is considering imposing new sanctions", "discussed expelling the
 * envoys", "is weighing new sanctions": an act named after a verb of
 * weighing, in the -ing form or by its noun, is weighed, not done. */
static int weighed_act(const struct extractor *x, size_t k, size_t cs)
{
	if (k <= cs + 1)
		return 0;
	size_t p = k - 1;
	/* ("is considering new sanctions", "discussed a possible visit": the
	 * act named by its noun, after a determiner or an adjective or two) */
	while (p > cs + 1 && p + 3 > k && (x->toks.t[p].flags & TOK_WORD) && !(x->toks.t[p].flags & TOK_CAP) &&
	       (tok_in(x, p, WL_DETERMINER) || is_word(x, p, "new") || is_word(x, p, "fresh") ||
		is_word(x, p, "further") || is_word(x, p, "additional") || is_word(x, p, "possible") ||
		is_word(x, p, "more") || is_word(x, p, "tougher") || is_word(x, p, "targeted")))
		p--;
	const char *v = low(x, p);
	return has_prefix(v, "consider") || has_prefix(v, "weigh") || has_prefix(v, "mull") ||
	       has_prefix(v, "contemplat") || has_prefix(v, "discuss") || has_prefix(v, "debat") ||
	       is_word(x, p, "explore") || is_word(x, p, "explored") || is_word(x, p, "exploring") ||
	       is_word(x, p, "explores") || is_word(x, p, "studying");
}

/* Whether actor ra is named in [from, to) right after "with" ("with
 * Indian Foreign Minister Jaishankar": a few words of title between). */
static int named_after_with(const struct extractor *x, int ra, size_t from, size_t to)
{
	size_t m0, m1;
	mentions_in(x, from, to, &m0, &m1);
	for (size_t j = m0; j < m1; j++) {
		const struct mention *m = &x->men[j];
		if (m->ra < 0 || !(m->ra == ra || same_code(x, m->ra, ra)))
			continue;
		for (size_t q = m->ts; q-- > from && q + 6 > m->ts;) {
			if (is_word(x, q, "with"))
				return 1;
			if (is_word(x, q, ",") || is_word(x, q, "and") || is_word(x, q, "on") || is_word(x, q, "about"))
				break;
		}
	}
	return 0;
}

static int analyse_trigger(struct extractor *x, const struct trigger_hit *h, struct trigger_ctx *tc)
{
	const struct dict_trigger *tr = &x->d.triggers[h->trigger];
	size_t s = tc->s, e = tc->e;
	int envoy_call = 0;   /* a phone call to another state's envoy, told as a protest */
	if (!tail_ok(x, tr, h->te, e))
		DROP_RET;
	if (h->ts <= s + 3 && is_word(x, s, "they") && they_of_group(x, s))
		DROP_RET;
	/* "a visit by a South Korean opposition lawmaker", "at a meeting with
	 * Lee Jae-myung, the opposition leader": a politician of the
	 * opposition holds no office of the state; the meeting or journey is
	 * no diplomatic act of it. */
	if ((!strcmp(tr->type, "meeting") || (type_props(x, tr) & TP_TRAVEL)) && opposition_party(x, h, s, e))
		DROP_RET;
	/* "South Korean opposition leader Lee Jae-myung urged Japan to ...": an
	 * appeal of such a politician, named before the wording, is no state's. */
	if ((type_props(x, tr) & TP_ASKS) && !tr->speaker) {
		if (opposition_party(x, h, s, h->ts))
			DROP_RET;
	}
	/* "went back on an agreement to hold elections", "reneged on the
	 * deal": an accord walked away from is no new agreement (its making
	 * is told elsewhere, if at all). */
	if ((type_props(x, tr) & TP_CONTENT) && tr->noun && h->ts > s) {
		size_t q = h->ts;
		while (q > s + 1 && q + 3 > h->ts && !(x->toks.t[q - 1].flags & TOK_CAP) &&
		       (tok_in(x, q - 1, WL_DETERMINER) || ends_in(x, q - 1, 2, "ed") || ends_in(x, q - 1, 2, "al")))
			q--;
		for (size_t k = h->ts; k >= q && k > s; k--)
			if (cancel_before(x, s, k) && (is_word(x, k - 1, "on") || is_word(x, k - 1, "of")))
				DROP_RET;
	}
	/* "withdrew from the 2015 nuclear deal", "held up the peace agreement
	 * proposals": an accord named as the object of a preposition, or as a
	 * word before another noun, is a topic; it is an act only when its
	 * making is told with it ("the peace treaty concluded in Asmara",
	 * "a framework agreement announced on Monday", "an accord between"). */
	if ((type_props(x, tr) & TP_CONTENT) && tr->noun && h->te < e && !tok_in(x, h->te - 1, WL_PREPOSITION | WL_BE) &&
	    !ends_in(x, h->te - 1, 2, "ed") && !is_word(x, h->te - 1, "struck")) {
		size_t a = h->te;
		int made = ends_in(x, a, 2, "ed") || is_word(x, a, "struck") || is_word(x, a, "between") ||
			   is_word(x, a, "with") || is_word(x, a, "was") || is_word(x, a, "were") || is_word(x, a, "to");
		int compound = (x->toks.t[a].flags & TOK_WORD) && !(x->toks.t[a].flags & TOK_CAP) && !made &&
			       !tok_in(x, a, WL_PREPOSITION | WL_CLAUSE_BREAK | WL_BE | WL_DETERMINER | WL_SKIP_ADVERB) &&
			       !is_word(x, a, "and") && !is_word(x, a, "or") && !is_word(x, a, "that") &&
			       !ends_in(x, a, 2, "ly") && !ends_in(x, a, 3, "ing");
		size_t q = h->ts;
		while (q > s && (tok_in(x, q - 1, WL_DETERMINER) || (x->toks.t[q - 1].flags & TOK_CAP) ||
				 (x->toks.t[q - 1].flags & TOK_NUM) || is_word(x, q - 1, "'s") || is_word(x, q - 1, "-")))
			q--;
		int topic = q > s && tok_in(x, q - 1, WL_PREPOSITION) && !is_word(x, q - 1, "between") &&
			    !is_word(x, q - 1, "with") && !made;
		if (compound || topic)
			DROP_RET;
	}
	/* "the leak of a draft agreement between ...": a text still to be
	 * agreed, no agreement. */
	if ((type_props(x, tr) & TP_CONTENT) && h->ts > s &&
	    (is_word(x, h->ts - 1, "draft") || (h->ts > s + 1 && is_word(x, h->ts - 2, "draft"))))
		DROP_RET;
	/* "at the start of their meeting", "after the meeting": an event told
	 * before, not a new one. */
	/* (But "during his visit to Beijing on Monday", "stepped up its
	 * criticism of Canberra": a journey with its destination, or a directed
	 * act with the one it is aimed at, is told in full, and merging folds it
	 * with another telling.) */
	if (tr->noun && h->ts > s && (is_word(x, h->ts - 1, "their") || is_word(x, h->ts - 1, "his") ||
				      is_word(x, h->ts - 1, "her") || is_word(x, h->ts - 1, "its")) &&
	    !cancel_before(x, s, h->ts - 1) &&   /* but "called off his visit" tells that it will not be */
	    !aimed_noun(x, tr, h, e))
		DROP_RET;
	if (h->ts > s + 1 && is_word(x, h->ts - 1, "the") &&
	    (is_word(x, h->ts - 2, "after") || is_word(x, h->ts - 2, "during") || is_word(x, h->ts - 2, "following") ||
	     is_word(x, h->ts - 2, "over") || is_word(x, h->ts - 2, "about") || is_word(x, h->ts - 2, "since") ||
	     is_word(x, h->ts - 2, "before")) &&
	    !(h->te < e && (is_word(x, h->te, "with") || is_word(x, h->te, "between"))) &&
	    !(h->te > h->ts && (is_word(x, h->te - 1, "with") || is_word(x, h->te - 1, "between"))))
		DROP_RET;
	/* "has recovered since Albanese's visit": an act named as the point
	 * since which something holds is told before, not a new one. */
	if (h->ts > s + 2 && is_word(x, h->ts - 1, "'s")) {   /* (after "'s" a verb row reads a noun) */
		size_t q = h->ts - 1;
		while (q > s && q + 5 > h->ts && (x->toks.t[q - 1].flags & TOK_CAP))
			q--;
		if (q > s && q + 1 < h->ts && is_word(x, q - 1, "since"))
			DROP_RET;
	}
	/* "summit host Japan", "talks venue": the word names something else. */
	if (tr->noun && h->te < e &&
	    (is_word(x, h->te, "host") || is_word(x, h->te, "hosts") || is_word(x, h->te, "venue") ||
	     is_word(x, h->te, "organiser") || is_word(x, h->te, "organizer") || is_word(x, h->te, "chair")))
		DROP_RET;
	/* "will be met with a stern response", "were met with a crackdown":
	 * the idiom of a reaction, no meeting. */
	if (tr->frame == FRAME_SYMMETRIC && is_word(x, h->ts, "met") && h->ts > s &&
	    (tok_in(x, h->ts - 1, WL_BE) || (h->ts > s + 1 && tok_in(x, h->ts - 2, WL_BE) &&
					      tok_in(x, h->ts - 1, WL_SKIP_ADVERB))))
		DROP_RET;
	/* "showed no sign of backing down", "backed off its threat": "back down"
	 * and "back off" are to give way, no backing of anyone. */
	{
		size_t b = tr->n_tails ? tail_end(x, tr, h->te, e) : h->te;
		if (b < e && b > h->ts && has_prefix(low(x, b - 1), "back") &&
		    (is_word(x, b, "down") || is_word(x, b, "off") || is_word(x, b, "away")))
			DROP_RET;
	}
	/* "Iran-backed", "Doha-brokered", "US-imposed sanctions": a word joined
	 * by a hyphen to the name before it modifies a noun; no act is told. */
	if (h->ts > s + 1 && is_word(x, h->ts - 1, "-") && x->toks.t[h->ts - 1].end == x->toks.t[h->ts].start &&
	    x->toks.t[h->ts - 2].end == x->toks.t[h->ts - 1].start && (x->toks.t[h->ts - 2].flags & TOK_CAP))
		DROP_RET;
	/* "The PM of Bhutan called on our Prime Minister yesterday": calling on
	 * someone with nothing asked ("to", "for", "that") is a courtesy call,
	 * a meeting. */
	if ((type_props(x, tr) & TP_ASKS) && h->te - h->ts == 2 &&
	    (is_word(x, h->ts + 1, "on") || is_word(x, h->ts + 1, "upon")) &&
	    (is_word(x, h->ts, "called") ||
	     /* "his calls on the President": the noun, a visit of courtesy */
	     ((is_word(x, h->ts, "call") || is_word(x, h->ts, "calls")) && h->ts > s &&
	      tok_in(x, h->ts - 1, WL_DETERMINER) && !is_word(x, h->ts - 1, "the"))) &&
	    !asks_after(x, h->te, e)) {
		const struct dict_trigger *m = plain_trigger(x, "meeting", FRAME_SYMMETRIC);
		if (!m)
			DROP_RET;
		tr = m;
	}
	/* "The Government phoned the Chinese ambassador", "officials had
	 * spoken with Ambassador Wang": a state's call to the envoy of another
	 * is the channel of a complaint (a demarche), no conversation of two
	 * governments; its parties are the caller and the envoy's state. */
	if (!strcmp(tr->type, "phone_call") && !tr->noun && h->te < e) {
		size_t q = tr->n_tails ? tail_end(x, tr, h->te, e) : h->te;
		int envoy = 0;
		for (size_t n = q; n < e && n < q + 5 && !envoy; n++) {
			envoy = is_word(x, n, "ambassador") || is_word(x, n, "envoy") || is_word(x, n, "chargé") ||
				is_word(x, n, "charge");
			if (!envoy && !tok_in(x, n, WL_DETERMINER) && !(x->toks.t[n].flags & TOK_CAP))
				break;
		}
		const struct dict_trigger *p = envoy ? plain_trigger(x, "protest", FRAME_DIRECTED) : NULL;
		if (p) {
			tr = p;
			envoy_call = 1;
		}
	}
	/* "Israeli and Palestinian negotiators held talks", "the negotiators
	 * met again": talks of negotiators are a round of negotiations. */
	if (!strcmp(tr->type, "meeting") && !tr->noun && h->ts > s) {
		size_t q = h->ts;
		while (q > s && tok_in(x, q - 1, WL_SKIP_ADVERB))
			q--;
		/* (the two sides' negotiators: "Qatar's chief negotiator met
		 * Egyptian officials" is a meeting) */
		if (q > s && is_word(x, q - 1, "negotiators")) {
			const struct dict_trigger *n = plain_trigger(x, "negotiation", FRAME_SYMMETRIC);
			if (n)
				tr = n;
		}
	}
	/* "a negotiated settlement", "the agreed timetable", "from jointly
	 * agreed patrol routes": a participle before a noun describes the
	 * noun; the act, if any, is told elsewhere. */
	if (!tr->noun && h->te == h->ts + 1 && h->ts > s + 1 && h->te < e && ends_in(x, h->ts, 2, "ed")) {
		size_t p = h->ts - 1;
		int before_noun = tok_in(x, p, WL_DETERMINER);
		if (!before_noun && ends_in(x, p, 2, "ly") && p > s)
			before_noun = tok_in(x, p - 1, WL_DETERMINER | WL_PREPOSITION);
		size_t n = h->te;
		if (before_noun && (x->toks.t[n].flags & TOK_WORD) && !(x->toks.t[n].flags & TOK_CAP) &&
		    !tok_in(x, n, WL_PREPOSITION | WL_DETERMINER | WL_BE | WL_CLAUSE_BREAK | WL_SKIP_ADVERB) &&
		    !is_word(x, n, "and") && !is_word(x, n, "or") && !is_word(x, n, "that") && !ends_in(x, n, 2, "ly"))
			DROP_RET;
	}
	/* "a pleasure to welcome my good friend Wang Yi to Pakistan", "Xi
	 * welcomed Putin to Beijing": welcoming a guest to one's country greets
	 * a visit and approves of nothing; the host and the guest meet. */
	if (!strcmp(tr->type, "support") && has_prefix(low(x, h->ts), "welcom")) {
		size_t m0, m1;
		mentions_in(x, h->te, e, &m0, &m1);
		for (size_t j = m0; j < m1; j++) {
			const struct mention *m = &x->men[j];
			if (m->ts > h->te + 14 || tok_in(x, m->ts - 1, WL_CLAUSE_BREAK))
				break;
			if (m->ts > h->te + 1 && is_word(x, m->ts - 1, "to") && m->ra >= 0 && m->kind != MK_ADJ &&
			    (m->kind == MK_PLACE || x->ra[m->ra].kind == ACTOR_STATE) && j > m0 &&
			    !(m->ts > h->te + 2 && (is_word(x, m->ts - 2, "return") || is_word(x, m->ts - 2, "accession")))) {
				const struct dict_trigger *mt = plain_trigger(x, "meeting", FRAME_SYMMETRIC);
				if (!mt)
					DROP_RET;
				tr = mt;
				break;
			}
		}
	}
	/* "agreed to restore ties and to reopen their embassies": a measure
	 * the parties agree to is the content of their agreement, no act of its
	 * own (CAMEO codes the agreement). */
	if ((type_props(x, tr) & TP_MEASURE) && agreed_content(x, h->ts, s))
		DROP_RET;
	/* "declined to comment on the request": a refusal followed by "to" is
	 * of that infinitive (the rows "refuse+ to accept ..." tell which are
	 * rejections), not of the noun its tail finds further on. */
	if (!strcmp(tr->type, "rejection") && tr->n_tails) {
		size_t te = tail_end(x, tr, h->te, e);
		for (size_t q = h->te; q + 2 < te; q++)
			if (is_word(x, q, "to") && (x->toks.t[q + 1].flags & TOK_WORD) &&
			    !(x->toks.t[q + 1].flags & TOK_CAP) && !tok_in(x, q + 1, WL_DETERMINER))
				DROP_RET;
	}
	/* "called on all brotherly countries to cut ties with Qatar", "asked
	 * all oil producers to help": the ones asked, before the infinitive,
	 * are no actor of the text; the act named later is what is asked, and
	 * its parties are not the addressee. */
	if ((type_props(x, tr) & TP_ASKS) && !tr->noun && !tr->n_tails && h->te + 2 < e &&
	    !is_word(x, h->te, "to") && !is_word(x, h->te - 1, "for") &&
	    /* (what is demanded or requested is its object: "demanded steps to stop ...") */
	    !has_prefix(low(x, h->ts), "demand") && !has_prefix(low(x, h->ts), "request")) {
		for (size_t q = h->te + 1; q + 1 < e && q < h->te + 10; q++) {
			if (tok_in(x, q, WL_CLAUSE_BREAK | WL_REPORTING) || is_word(x, q, ";") || is_word(x, q, "that"))
				break;
			if (!is_word(x, q, "to"))
				continue;
			if (!(x->toks.t[q + 1].flags & TOK_WORD) || (x->toks.t[q + 1].flags & TOK_CAP) ||
			    tok_in(x, q + 1, WL_DETERMINER))
				break;
			size_t m0, m1;
			mentions_in(x, h->te, q, &m0, &m1);
			int named = 0;
			for (size_t j = m0; j < m1; j++)
				named |= x->men[j].ra >= 0 || x->men[j].kind != MK_ACTOR;
			if (!named)
				DROP_RET;
			break;
		}
	}
	/* "insisted that China withdraw its rig", "requested that Japan lift
	 * the ban": a wording of appeal that ends in "that" asks only with a
	 * mandative clause ("insisted that China had withdrawn" reports). */
	if (type_props(x, tr) & TP_ASKS) {
		size_t th = is_word(x, h->te - 1, "that") ? h->te - 1 : 0;
		if (!th && tr->n_tails) {
			size_t te = tail_end(x, tr, h->te, e);
			if (te > h->te && is_word(x, te - 1, "that"))
				th = te - 1;
		}
		if (th > h->ts && !mandative_verb(x, th, e))
			DROP_RET;
	}
	/* "denied entry", "denied them visas", "deny the Palestinians their
	 * rights": a thing withheld from someone, no answer to a charge (a
	 * ban on entry is a sanction of its own wording, if any). */
	if (!strcmp(tr->type, "denial") && h->te == h->ts + 1 && x->toks.t[h->ts].lower_len >= 4 &&
	    (!memcmp(low(x, h->ts), "deni", 4) || !memcmp(low(x, h->ts), "deny", 4))) {
		for (size_t q = h->te; q < e && q < h->te + 6; q++) {
			if (is_word(x, q, "entry") || is_word(x, q, "visa") || is_word(x, q, "visas") ||
			    is_word(x, q, "access") || is_word(x, q, "rights") || is_word(x, q, "right") ||
			    is_word(x, q, "permission") || is_word(x, q, "landing") || is_word(x, q, "passage"))
				DROP_RET;
			/* (but "denied violating their rights" denies a charge) */
			if (tok_in(x, q, WL_CLAUSE_BREAK | WL_PREPOSITION) || is_word(x, q, "that") || is_word(x, q, ",") ||
			    ends_in(x, q, 3, "ing"))
				break;
		}
	}
	/* "Asked whether Japan would send arms to Ukraine, ...", "asked by
	 * reporters about the sanctions": a question put, nothing asked of
	 * anyone. */
	if ((type_props(x, tr) & TP_ASKS) && has_prefix(low(x, h->ts), "ask"))
		for (size_t q = h->ts + 1; q < e && q < h->ts + 5; q++) {
			if (is_word(x, q, "whether") || is_word(x, q, "if") || is_word(x, q, "about") ||
			    is_word(x, q, "what") || is_word(x, q, "why") || is_word(x, q, "how") || is_word(x, q, "when"))
				DROP_RET;
			if (is_word(x, q, "to") || is_word(x, q, "for") || is_word(x, q, "that") || is_word(x, q, ","))
				break;
		}
	/* "the spokesman, who asked not to be identified": the speaker's
	 * anonymity, nothing asked of anyone. */
	if ((type_props(x, tr) & TP_ASKS) && h->te + 3 < e && is_word(x, h->te, "not") && is_word(x, h->te + 1, "to") &&
	    is_word(x, h->te + 2, "be"))
		DROP_RET;
	/* "threatened to impose sanctions", "urged Russia to lift them", "asked
	 * all states to back the agencies": the act after "to" is what is
	 * threatened or asked, told as that threat or appeal, no act of its own.
	 * (A journey asked for stays a plan: "invited him to visit".) */
	if (!(type_props(x, tr) & TP_TRAVEL) && !commanded_out(x, tr, h->ts, s) &&
	    (content_of_appeal(x, h->ts, s) ||
	     (!(type_props(x, tr) & TP_ORDERS_OUT) && ordered_of_other(x, h->ts, s))))
		DROP_RET;
	/* "banning them from travel to the bloc": travel barred, not made. */
	if ((type_props(x, tr) & TP_TRAVEL) && h->ts > s && is_word(x, h->ts - 1, "from"))
		DROP_RET;
	/* "talks with visiting Russian Foreign Minister Lavrov": who visits is named
	 * after the word, the visit is told elsewhere. */
	if (is_word(x, h->ts, "visiting") && h->te < e && (x->toks.t[h->te].flags & TOK_CAP))
		DROP_RET;
	/* "Hailing the rapprochement, the Council ...": a preamble, not an act;
	 * ", meeting in Dushanbe,": a participle, not a meeting. */
	if (ends_in(x, h->ts, 4, "ing") &&
	    ((h->ts == s && tr->frame != FRAME_DIRECTED) || (tr->noun && h->ts > s && is_word(x, h->ts - 1, ","))))
		DROP_RET;
	/* "was welcomed by Dar", "a pleasure to welcome my good friend Wang Yi
	 * to Pakistan": a visitor greeted, no approval of anyone's act. */
	if (!strcmp(tr->type, "support") && h->te == h->ts + 1 && x->toks.t[h->ts].lower_len >= 6 &&
	    !memcmp(low(x, h->ts), "welcom", 6)) {
		if (h->te < e && is_word(x, h->te, "by"))
			DROP_RET;
		size_t m0, m1;
		mentions_in(x, h->te, e, &m0, &m1);
		for (size_t j = m0; j < m1 && x->men[j].ts < h->te + 14; j++) {
			const struct mention *m = &x->men[j];
			size_t q = m->ts;
			while (q > h->te && tok_in(x, q - 1, WL_DETERMINER))
				q--;
			int stop = 0;
			for (size_t r = h->te; r + 1 < q && !stop; r++)
				stop = is_word(x, r, ",") || is_word(x, r, ";") || is_word(x, r, "that");
			if (stop)
				break;
			if (q > h->te && is_word(x, q - 1, "to") && m->ra >= 0 &&
			    (m->kind == MK_PLACE || x->ra[m->ra].kind == ACTOR_STATE))
				DROP_RET;
		}
	}
	size_t cs, ce;
	clause_of(x, h->ts, s, e, &cs, &ce);
	size_t clause_end = ce;
	/* "met with Trump on the sidelines of the General Assembly": the
	 * sidelines are where the meeting told by the verb before took place. */
	if (!strcmp(tr->type, "meeting") && sidelines_at(x, h->ts))
		for (size_t i = 0; i < x->n_hits; i++) {
			const struct trigger_hit *o = &x->hits[i];
			if (o->ts >= cs && o->te <= h->ts && !x->d.triggers[o->trigger].noun &&
			    x->d.triggers[o->trigger].type_id == tr->type_id)
				DROP_RET;
		}
	tc->prev_in_clause = tc->prev_trigger_end > cs && tc->prev_trigger_end <= h->ts;
	tc->prev_trigger_end = h->te;
	/* A date or party after the next event word belongs to that event; a
	 * wording with a required tail ("declared ... persona non grata") reaches
	 * its tail first ("... and ordered them to leave by April 19"). */
	size_t own_end = tr->n_tails ? tail_end(x, tr, h->te, ce) : h->te;
	if (!tr->n_tails) {
		/* (but "signed a peace treaty on Sunday": a verb's object noun of
		 * its own type right after it is the same act, and the verb's
		 * clause goes on to the wording after that) */
		size_t nt = tc->next_trigger;
		if (nt > h->te && nt <= h->te + 3 && !tr->noun) {
			const struct trigger_hit *o = NULL;
			for (size_t i = 0; i < x->n_hits && !o; i++)
				if (x->hits[i].ts == nt)
					o = &x->hits[i];
			if (o && x->d.triggers[o->trigger].noun && x->d.triggers[o->trigger].type_id == tr->type_id) {
				nt = ce;
				for (size_t i = 0; i < x->n_hits; i++)
					if (x->hits[i].ts >= o->te && x->hits[i].ts < nt) {
						nt = x->hits[i].ts;
						break;
					}
			}
		}
		/* ("met with Trump on the sidelines of the U.N. General Assembly
		 * on Wednesday": where the meeting was held is no event of its
		 * own, and the date after it is the meeting's) */
		if (nt > h->te && nt + 2 < ce && !tr->noun && !strcmp(tr->type, "meeting") &&
		    sidelines_at(x, nt)) {
			/* (the gathering's own noun, "of the African Union summit",
			 * is passed over too) */
			size_t after = nt + 4;
			nt = ce;
			for (size_t i = 0; i < x->n_hits; i++)
				if (x->hits[i].ts >= after && x->hits[i].ts < nt &&
				    !(x->hits[i].ts < after + 8 && x->d.triggers[x->hits[i].trigger].noun)) {
					nt = x->hits[i].ts;
					break;
				}
		}
		/* ("condemned the hostile actions of Moldova": a judgement's words
		 * as the verb's object, their author after "of" or "by", is who
		 * the verb is aimed at; the clause goes on to that author) */
		if (nt > h->te && nt <= h->te + 2 && !tr->noun && tr->frame == FRAME_DIRECTED) {
			const struct trigger_hit *o = NULL;
			for (size_t i = 0; i < x->n_hits && !o; i++)
				if (x->hits[i].ts == nt)
					o = &x->hits[i];
			int det = 1;
			for (size_t q = h->te; q < nt && det; q++)
				det = tok_in(x, q, WL_DETERMINER);
			if (o && det && x->d.triggers[o->trigger].speaker && o->te + 1 < ce &&
			    (is_word(x, o->te, "of") || is_word(x, o->te, "by"))) {
				size_t m0, m1;
				mentions_in(x, o->te + 1, ce, &m0, &m1);
				size_t at = o->te + 1 + (size_t)tok_in(x, o->te + 1, WL_DETERMINER);
				if (m1 > m0 && x->men[m0].ts == at)
					nt = x->men[m0].te;
			}
		}
		if (nt > h->te && nt < ce)
			ce = nt;
	} else if (own_end > h->te) {
		/* (past another of its tail words: "expressed its rejection and
		 * condemnation of the Israeli raid") */
		for (size_t i = 0; i < x->n_hits; i++)
			if (x->hits[i].ts >= own_end && x->hits[i].ts < ce && !in_own_tail(x, tr, h->te, e, &x->hits[i])) {
				ce = x->hits[i].ts;
				break;
			}
	}
	int status = modality(x, cs, h->ts, s, e);
	if (weighed_act(x, h->ts, cs))
		status = -1;
	/* Told by a speaker, the modal is the message ("Japan must bear full
	 * responsibility", "could only suffer a defeat"): the telling happened.
	 * A question stays no event; a negation stays one. */
	/* (but "would respond to any hostile actions": a kind of act, none
	 * told, as modality says of "any" and "such") */
	int kind_of_act = status < 0 && h->ts > cs &&
			  (is_word(x, h->ts - 1, "any") || is_word(x, h->ts - 1, "such") ||
			   (h->ts > cs + 1 && (is_word(x, h->ts - 2, "any") || is_word(x, h->ts - 2, "such"))));
	if (tr->speaker && status != STATUS_NEGATED && !kind_of_act && !(e > s && is_word(x, e - 1, "?")))
		status = STATUS_OCCURRED;
	/* ("nor should anyone underestimate ...", "not misread ...": a wording
	 * whose own words deny is the warning itself, not its negation.) */
	if (tr->speaker && status == STATUS_NEGATED &&
	    (is_word(x, h->ts, "not") || is_word(x, h->ts, "nor") || is_word(x, h->ts, "never")))
		status = STATUS_OCCURRED;
	/* A judgement a speaker denies ("we have never said that China
	 * violated ...") tells no act: the speaker acts by saying, not by not
	 * saying. */
	if (tr->speaker && status == STATUS_NEGATED)
		DROP_RET;
	if (status < 0)
		DROP_RET;
	/* ("asked Pakistan to cut ...": the command was given) */
	if (status == STATUS_PLANNED && commanded_out(x, tr, h->ts, s))
		status = STATUS_OCCURRED;
	tc->will = 0;
	for (size_t q = h->ts; q > cs && q + 8 > h->ts; q--)
		tc->will |= is_word(x, q - 1, "will") || is_word(x, q - 1, "shall") || is_word(x, q - 1, "'ll");
	size_t tail_future = 0;
	/* "announced that Canada will shortly be imposing further sanctions":
	 * a future between a wording's verb and its tail makes what it
	 * announces a plan of the clause it opens. */
	/* (Not a threat, made now whatever it threatens: "vowed on Sunday
	 * that Israel would respond" is dated Sunday.) */
	if (status == STATUS_OCCURRED && tr->n_tails && !tr->speaker && own_end > h->te &&
	    !(type_props(x, tr) & TP_ABOUT_FUTURE))
		for (size_t q = h->te; q + 1 < own_end; q++) {
			if (is_word(x, q, "will") || is_word(x, q, "shall") || is_word(x, q, "'ll")) {
				status = STATUS_PLANNED;
				tc->will = 1;
				tail_future = q;
				break;
			}
			/* ("announced that it would impose sanctions": a measure under
			 * a "would" of reported speech is the decision announced, as
			 * announced_measure says below) */
			if (is_word(x, q, "would")) {
				if (!(type_props(x, tr) & TP_MEASURE)) {
					status = STATUS_PLANNED;
					tail_future = q;
				}
				break;
			}
		}
	/* "would impose no restrictions on them", "reached no agreement": an
	 * act whose object is denied did not happen. */
	if (status != STATUS_NEGATED && !tr->noun && h->te < e && is_word(x, h->te, "no") &&
	    !(h->te + 1 < e && (is_word(x, h->te + 1, "longer") || is_word(x, h->te + 1, "later"))))
		status = STATUS_NEGATED;
	/* "were unable to agree on", "its failure to strike a deal": the verb
	 * right after "to" did not happen (only that one: an act told further
	 * on keeps its own modality). */
	if (status != STATUS_NEGATED && h->ts >= s + 2 && is_word(x, h->ts - 1, "to") &&
	    (is_word(x, h->ts - 2, "unable") || is_word(x, h->ts - 2, "failure") || is_word(x, h->ts - 2, "failed") ||
	     is_word(x, h->ts - 2, "fail") || is_word(x, h->ts - 2, "fails") || is_word(x, h->ts - 2, "failing")))
		status = STATUS_NEGATED;
	/* A threat is made now, whatever it threatens. */
	if ((type_props(x, tr) & TP_ABOUT_FUTURE) && status == STATUS_PLANNED)
		status = STATUS_OCCURRED;
	/* "the ministry said it would withdraw its staff", "said Qatari
	 * vessels would be barred from its ports": a measure (a code of CAMEO's
	 * 16 family, or 085 easing) told in reported speech with "would" is
	 * the decision announced, and the announcing is the act; "will" in a
	 * sentence of its own stays a plan. */
	if (status == STATUS_PLANNED && !tail_future && announced_measure(x, tr, s, h->ts, e))
		status = STATUS_OCCURRED;
	/* "will not accept the ruling", "would never recognise the deal": a
	 * refusal worded with its negation is told now; "will" is its firmness,
	 * not a plan. */
	if (status == STATUS_PLANNED && (tc->will || (h->ts > cs && (is_word(x, h->ts - 1, "would") ||
								     (h->ts > cs + 1 && is_word(x, h->ts - 2, "would"))))))
		for (size_t q = h->ts; q < h->te; q++)
			if (tok_in(x, q, WL_NEGATION)) {
				status = STATUS_OCCURRED;
				break;
			}
	/* "under an agreement the two countries reached in May": a noun
	 * wording that ends in its own verb in the past tells what happened,
	 * whatever the clause around it plans. */
	if (status == STATUS_PLANNED && tr->noun && h->te > h->ts + 2 &&
	    (ends_in(x, h->te - 1, 3, "ed") || is_word(x, h->te - 1, "struck")) &&
	    !is_word(x, h->te - 2, "be") && !is_word(x, h->te - 2, "being"))
		status = STATUS_OCCURRED;
	struct cand c;
	int reason_of_prev = 0;   /* a judgement given as the reason of the act before it */
	memset(&c, 0, sizeof(c));
	c.tr = tr;
	c.status = (enum event_status)status;
	c.headline = x->headline;
	/* "was disappointed by", "was outraged at", "is unhappy with": a
	 * wording that ends in its own preposition tells the subject's state
	 * toward what follows; no passive (its "by" is no agent). */
	int own_prep = h->te > h->ts + 1 && tr->frame == FRAME_DIRECTED && !tr->noun &&
		       (is_word(x, h->te - 1, "by") || is_word(x, h->te - 1, "at") || is_word(x, h->te - 1, "with") ||
			is_word(x, h->te - 1, "over"));
	int by = own_prep ? -1 : passive_by(x, h->ts, h->te, ce);
	/* "the first visit to Japan by a South Korean president": a noun's agent
	 * follows its object. */
	int noun_agent = 0;
	/* ("a planned visit by ...": the verb's wording, used as a noun.) */
	int as_noun = tr->noun || (h->ts > s && (tok_in(x, h->ts - 1, WL_DETERMINER) ||
						 is_word(x, h->ts - 1, "planned") ||
						 is_word(x, h->ts - 1, "scheduled")));
	/* "a scheduled Moscow visit by Shultz": a name between the determiner
	 * and the word modifies a noun. */
	if (!as_noun && h->ts > s + 1 && !ends_in(x, h->ts, 2, "s") && !ends_in(x, h->ts, 3, "ed") &&
	    !ends_in(x, h->ts, 4, "ing")) {
		size_t m0, m1;
		mentions_in(x, s, h->ts, &m0, &m1);
		if (m1 > m0 && x->men[m1 - 1].te == h->ts && x->men[m1 - 1].ts > s) {
			size_t q = x->men[m1 - 1].ts - 1;
			/* (not "said that Moscow would respond": "that" opens a clause
			 * whose subject the name is) */
			as_noun = (tok_in(x, q, WL_DETERMINER) && !is_word(x, q, "that")) || is_word(x, q, "planned") ||
				  is_word(x, q, "scheduled") || is_word(x, q, "upcoming") || is_word(x, q, "forthcoming");
		}
	}
	/* "The Armacost discussions with Japanese officials will focus on aid":
	 * an event noun opening its clause as the subject of a future verb is
	 * to come. */
	if (c.status == STATUS_OCCURRED && h->ts > cs && h->ts <= cs + 4 && tok_in(x, cs, WL_DETERMINER) &&
	    !(type_props(x, tr) & TP_ABOUT_FUTURE)) {
		int np = 1;
		for (size_t q = cs + 1; q < h->ts && np; q++)
			np = (x->toks.t[q].flags & TOK_CAP) || tok_in(x, q, WL_DETERMINER) ||
			     /* "the concluding round", "the next summit" */
			     ((x->toks.t[q].flags & TOK_WORD) &&
			      !tok_in(x, q, WL_PREPOSITION | WL_BE | WL_REPORTING | WL_CLAUSE_BREAK | WL_SKIP_ADVERB));
		size_t lim = h->te + 16;
		for (size_t j = h->te; np && j < e && j < lim; j++) {
			/* ("A visit to Pyongyang by the president would be the first") */
			if (is_word(x, j, "will") || is_word(x, j, "shall") || is_word(x, j, "would")) {
				c.status = STATUS_PLANNED;
				break;
			}
			/* (over names set between commas: "the round between the
			 * ministers, Ararat Mirzoyan and Jeyhun Bayramov, will take place") */
			if (is_word(x, j, ",") && j + 1 < e && (x->toks.t[j + 1].flags & TOK_CAP)) {
				size_t k = j + 1;
				while (k < e && k < j + 10 && ((x->toks.t[k].flags & TOK_CAP) || is_word(x, k, "and")))
					k++;
				if (k < e && is_word(x, k, ",") && k > j + 1) {
					lim += k - j;
					j = k;
					continue;
				}
			}
			if (is_word(x, j, ",") || tok_in(x, j, WL_CLAUSE_BREAK | WL_BE | WL_REPORTING) ||
			    is_word(x, j, "that") || is_word(x, j, "which") || is_word(x, j, "who") ||
			    is_word(x, j, "has") || is_word(x, j, "have") || is_word(x, j, "had") ||
			    is_word(x, j, "held") || is_word(x, j, "met") || ends_in(x, j, 3, "ed") ||
			    (x->toks.t[j].flags & TOK_NUM))
				break;
		}
	}
	/* "the minister's visit to the shrine was denounced by Jordan and
	 * Egypt": a noun that is the subject of a passive verb ends its
	 * phrase at the auxiliary; the agent and what follows are the verb's. */
	size_t noun_passive = 0;
	if (as_noun && tr->frame == FRAME_DIRECTED) {
		for (size_t j = h->te; j + 1 < e && j < h->te + 8; j++) {
			if (tok_in(x, j, WL_CLAUSE_BREAK | WL_REPORTING) || is_word(x, j, ","))
				break;
			if (!tok_in(x, j, WL_BE))
				continue;
			size_t v = j + 1;
			while (v + 1 < e && tok_in(x, v, WL_SKIP_ADVERB) && !tok_in(x, v, WL_BE))
				v++;
			if (ends_in(x, v, 2, "ed") && v + 1 < e && is_word(x, v + 1, "by")) {
				noun_passive = j;
				if (ce > j)
					ce = j;
			}
			break;
		}
	}
	for (size_t j = h->te; by < 0 && as_noun && tr->frame == FRAME_DIRECTED && j < ce && j < h->te + 6; j++) {
		/* ("refusal to accept quotas set by Ottawa": the agent of a
		 * participle after the noun's object is that participle's) */
		if (is_word(x, j, "by") && j > h->te && !(x->toks.t[j - 1].flags & TOK_CAP) &&
		    (ends_in(x, j - 1, 3, "ed") || is_word(x, j - 1, "set") || is_word(x, j - 1, "made") ||
		     is_word(x, j - 1, "held") || is_word(x, j - 1, "taken") || is_word(x, j - 1, "given") ||
		     is_word(x, j - 1, "drawn") || is_word(x, j - 1, "put") || is_word(x, j - 1, "laid") ||
		     is_word(x, j - 1, "brought") || is_word(x, j - 1, "sent") || is_word(x, j - 1, "written")))
			break;
		if (is_word(x, j, "by")) {
			by = (int)j;
			noun_agent = 1;
		}
	}
	/* "detained the writer, a move condemned by Paris": a judgement of the
	 * act the clause before told, by the agent after "by", aimed at that
	 * act's author. */
	int apposed = by == (int)h->te && !noun_agent && tr->frame == FRAME_DIRECTED && h->ts >= s + 4 &&
		      tok_in(x, h->ts - 1, WL_ACT_NOUN) && tok_in(x, h->ts - 2, WL_DETERMINER) &&
		      is_word(x, h->ts - 3, ",");
	/* "banks blacklisted by the Security Council": a participle describing a
	 * noun tells background, not an act of this report. */
	if (by == (int)h->te && !noun_agent && !apposed && tr->frame == FRAME_DIRECTED && h->ts > s &&
	    (x->toks.t[h->ts - 1].flags & TOK_WORD) && !tok_in(x, h->ts - 1, WL_SKIP_ADVERB) &&
	    !tok_in(x, h->ts, WL_BE))   /* ("was summoned by": a finite passive) */
		DROP_RET;
	int subj[MAX_PARTIES], nsubj = 0, obj[MAX_PARTIES], nobj = 0;
	find_subject(x, tr, h->ts, cs, tc, subj, &nsubj);
	size_t obj_from = h->te;
	/* "attacked al-Bashir over a trip he made to Ethiopia": a journey
	 * whose relative clause names its maker by a pronoun is that person's,
	 * the nearest one named before, not the clause's subject. */
	if ((type_props(x, tr) & TP_TRAVEL) && h->te + 2 < e && !ends_in(x, h->ts, 2, "ed") &&
	    (is_word(x, h->te, "he") || is_word(x, h->te, "she")) &&
	    (is_word(x, h->te + 1, "made") || is_word(x, h->te + 1, "paid") || is_word(x, h->te + 1, "took") ||
	     is_word(x, h->te + 1, "undertook"))) {
		size_t p0, p1;
		mentions_in(x, s, h->ts, &p0, &p1);
		int who = -1;
		for (size_t j = p1; j-- > p0 && who < 0;)
			if (x->men[j].ra >= 0 && x->ra[x->men[j].ra].kind == ACTOR_PERSON)
				who = x->men[j].ra;
		if (who < 0 && x->last_subject >= 0 && x->ra[x->last_subject].kind == ACTOR_PERSON)
			who = x->last_subject;
		if (who >= 0) {
			nsubj = 0;
			push_party(subj, &nsubj, who);
			obj_from = h->te + 2;   /* the host after the relative verb */
		}
	}
	find_object(x, tr, obj_from, ce > obj_from ? ce : obj_from, by, tc, subj, nsubj, obj, &nobj);
	/* "welcomes the signing of agreements between Sudan and South Sudan":
	 * an event named by a noun with its parties after "between" is theirs,
	 * not the speaker's who tells of it. */
	if (tr->frame == FRAME_SYMMETRIC && nsubj && h->ts > s) {
		size_t bw = h->ts;   /* ("agreement between": the trigger may end on it) */
		while (bw < e && bw < h->te + 10 && !is_word(x, bw, "between"))
			bw++;
		int nominal = (tr->noun || tok_in(x, h->ts - 1, WL_DETERMINER) || bw < h->te) &&
			      strcmp(tr->cameo, "045");   /* (a mediator is a party of the mediation) */
		int after[MAX_PARTIES], nafter = 0;
		if (nominal && bw < e && bw < h->te + 10) {
			size_t m0, m1;
			mentions_in(x, bw + 1, e, &m0, &m1);
			for (size_t j = m0; j < m1 && x->men[j].ts <= bw + 12; j++)
				if (x->men[j].ra >= 0 && x->men[j].kind != MK_PLACE && x->ra[x->men[j].ra].code[0])
					push_party(after, &nafter, x->men[j].ra);
		}
		int distinct = 0;
		for (int i = 0; i < nafter; i++) {
			int seen = 0;
			for (int k = 0; k < i; k++)
				seen |= same_code(x, after[k], after[i]);
			distinct += !seen;
		}
		if (distinct >= 2) {
			nsubj = 0;
			nobj = 0;
			for (int i = 0; i < nafter; i++)
				push_party(obj, &nobj, after[i]);
		}
	}
	/* "the American ambassador to South Africa charged the government
	 * with ...": "the government" an envoy acts on is that of the state
	 * where the envoy serves. */
	size_t gov = h->te + (h->te < e && is_word(x, h->te, "the"));
	if (tr->frame == FRAME_DIRECTED && gov < e &&
	    (is_word(x, gov, "government") || is_word(x, gov, "authorities"))) {
		size_t p0, p1;
		mentions_in(x, cs, h->ts, &p0, &p1);
		for (size_t j = p0; j < p1; j++) {
			const struct mention *m = &x->men[j];
			if (m->ts >= cs + 2 && is_word(x, m->ts - 1, "to") && tok_in(x, m->ts - 2, WL_ROLE) && m->ra >= 0 &&
			    x->ra[m->ra].code[0]) {
				nobj = 0;
				push_party(obj, &nobj, m->ra);
				break;
			}
		}
	}
	/* "complained to the United Nations that planes from Afghanistan ...",
	 * "protested to the UN over violations by the Turkish air force": an
	 * organisation addressed is the forum; the act is aimed at the state
	 * it is about. (Not an appeal: the one asked is its target.) */
	if (nobj && tr->frame == FRAME_DIRECTED && !tr->speaker && !(type_props(x, tr) & TP_ASKS)) {
		int orgs = 1;
		for (int i = 0; i < nobj; i++)
			orgs &= x->ra[obj[i]].kind == ACTOR_ORG;
		size_t m0, m1;
		mentions_in(x, h->te, e, &m0, &m1);
		size_t j = m0;
		while (j < m1 && x->men[j].ra != obj[0])
			j++;
		size_t q = j < m1 ? x->men[j].ts : h->te;
		while (q > h->te && tok_in(x, q - 1, WL_DETERMINER))
			q--;
		if (orgs && j < m1 && (q > s && is_word(x, q - 1, "to"))) {
			for (size_t k = group_end(x, j, m1); k < m1; k++) {
				const struct mention *m = &x->men[k];
				if (m->ra < 0 || m->kind == MK_PLACE || x->ra[m->ra].kind != ACTOR_STATE)
					continue;
				int own = 0;
				for (int i = 0; i < nsubj; i++)
					own |= same_code(x, subj[i], m->ra);
				if (own)
					continue;
				nobj = 0;
				push_party(obj, &nobj, m->ra);
				break;
			}
		}
	}
	/* "ordered China to close its consulate", "told the envoy to leave":
	 * the one who orders expels the one ordered. */
	size_t ask_tok;
	long asked = tr->frame == FRAME_DIRECTED && (type_props(x, tr) & TP_ORDERS_OUT) ? asked_to(x, h->ts, s, &ask_tok) : -1;
	if (asked >= 0) {
		int who[MAX_PARTIES], nwho = 0;
		find_subject(x, tr, ask_tok, cs < ask_tok ? cs : s, tc, who, &nwho);
		if (nwho) {
			int them[MAX_PARTIES], nthem = 0;
			add_group(x, (size_t)asked, group_end(x, (size_t)asked, x->n_men), them, &nthem, tc->speaker);
			nsubj = 0;
			for (int i = 0; i < nwho; i++)
				push_party(subj, &nsubj, who[i]);
			for (int i = 0; i < nthem; i++)
				push_party(obj, &nobj, them[i]);
		}
	}
	int agent[MAX_PARTIES], nagent = 0;
	if (by >= 0) {
		size_t m0, m1;
		mentions_in(x, (size_t)by, ce, &m0, &m1);
		if (m1 > m0)
			add_group(x, m0, group_end(x, m0, m1), agent, &nagent, tc->speaker);
	}
	/* "was criticised by rights groups", "drew criticism from Western
	 * capitals": a judgment whose authors are named, as people or bodies in
	 * the plural that are no actor, is theirs, no act of a state. */
	if (tr->frame == FRAME_DIRECTED && (!strcmp(tr->type, "condemnation") || !strcmp(tr->type, "accusation"))) {
		size_t a = by >= 0 ? (size_t)by + 1 : 0;
		if (by < 0 && tr->noun && h->te + 1 < e && is_word(x, h->te, "from"))
			a = h->te + 1;
		else if (by < 0 && tr->noun && h->te > h->ts + 1 && h->te < e && is_word(x, h->te - 1, "from"))
			a = h->te;   /* the wording "criticism from" */
		size_t m0, m1;
		mentions_in(x, a, a + 4 < e ? a + 4 : e, &m0, &m1);
		if (a && !nagent && m1 == m0) {
			size_t q = a;
			while (q < e && q < a + 3 && (tok_in(x, q, WL_DETERMINER) || (x->toks.t[q].flags & TOK_WORD)) &&
			       !tok_in(x, q, WL_PREPOSITION | WL_CLAUSE_BREAK | WL_REPORTING | WL_BE) &&
			       !(q + 1 < e && (tok_in(x, q + 1, WL_PREPOSITION | WL_CLAUSE_BREAK | WL_BE) ||
					       (x->toks.t[q + 1].flags & TOK_PUNCT))))
				q++;
			if (q < e && q > a - 1 && (x->toks.t[q].flags & TOK_WORD) && !(x->toks.t[q].flags & TOK_CAP) &&
			    ends_in(x, q, 1, "s") && !ends_in(x, q, 2, "ss"))
				DROP_RET;
		}
	}
	int passive = by >= 0 || (!own_prep && passive_by(x, h->ts, h->te, h->te + 3 < e ? h->te + 3 : e) >= 0);
	if (!passive && tr->frame == FRAME_DIRECTED &&
	    (is_word(x, h->ts, "was") || is_word(x, h->ts, "were") || is_word(x, h->ts, "been")))
		passive = 1;   /* "was summoned", "had been summoned": the wording carries its auxiliary */
	/* "was summoned to the ministry and handed a note of protest": a
	 * participle joined by "and" to a passive shares its auxiliary. */
	int and_passive = 0;
	if (!passive && tr->frame == FRAME_DIRECTED && !tr->noun && h->ts > s + 2 && is_word(x, h->ts - 1, "and") &&
	    (ends_in(x, h->ts, 2, "ed") || is_word(x, h->ts, "given") || is_word(x, h->ts, "told") ||
	     is_word(x, h->ts, "sent"))) {
		for (size_t q = h->ts - 1; q-- > s && q + 12 > h->ts;) {
			if (is_word(x, q, ",") || is_reporting(x, q) || tok_in(x, q, WL_CLAUSE_BREAK))
				break;
			if ((is_word(x, q, "was") || is_word(x, q, "were") || is_word(x, q, "been")) && q + 1 < h->ts - 1 &&
			    ends_in(x, q + 1, 2, "ed")) {
				passive = 1;
				and_passive = q > tc->prev_verb_ts || !tc->prev_verb ? 0 : 1;
				break;
			}
		}
	}
	if (!passive && !own_prep && tr->frame == FRAME_DIRECTED && !tr->noun && nsubj) {
		/* "was summoned", "was also told to": the subject undergoes the act. */
		size_t q = h->ts;
		while (q > cs && (is_word(x, q - 1, "also") || is_word(x, q - 1, "then") || is_word(x, q - 1, "later") ||
				  is_word(x, q - 1, "reportedly") || is_word(x, q - 1, "formally")))
			q--;
		int aux = q > cs && (is_word(x, q - 1, "was") || is_word(x, q - 1, "were") ||
				     is_word(x, q - 1, "been") || is_word(x, q - 1, "be"));
		passive = aux && (ends_in(x, h->ts, 3, "ed") || is_word(x, h->ts, "told") || is_word(x, h->ts, "held") ||
				  is_word(x, h->ts, "made") || is_word(x, h->ts, "given") || is_word(x, h->ts, "sent"));
	}
	if (noun_agent && nagent) {
		/* The agent makes the visit, to the noun's object, named before
		 * the agent or after it ("a visit by Jonson to Ankara"). */
		for (int i = 0; i < nagent; i++)
			push_party(c.src, &c.nsrc, agent[i]);
		for (int i = 0; i < nobj; i++)
			push_party(c.tgt, &c.ntgt, obj[i]);
		size_t m0, m1;
		mentions_in(x, (size_t)by, ce, &m0, &m1);
		if (!nobj && m1 > m0) {
			int after[MAX_PARTIES], nafter = 0;
			find_object(x, tr, x->men[group_end(x, m0, m1) - 1].te, ce, -1, tc, agent, nagent, after,
				    &nafter);
			for (int i = 0; i < nafter; i++)
				push_party(c.tgt, &c.ntgt, after[i]);
		}
	} else if (nagent && tr->frame == FRAME_SYMMETRIC) {
		/* "signed by Ethiopia and Eritrea": the agents take part. */
		for (int i = 0; i < nagent; i++)
			push_party(c.src, &c.nsrc, agent[i]);
		for (int i = 0; i < nobj; i++)
			push_party(c.src, &c.nsrc, obj[i]);
	} else if (nagent || (passive && tr->frame == FRAME_DIRECTED)) {
		/* Passive: the agent (or whoever acts in the report) acts on the subject. */
		for (int i = 0; i < nagent; i++)
			push_party(c.src, &c.nsrc, agent[i]);
		for (int i = 0; i < nsubj; i++)
			push_party(c.tgt, &c.ntgt, subj[i]);
		/* (Not for "was told to bring staff at its embassy in Moscow": the
		 * objects are the request's, not parties to it.) */
		/* ("The hacking was blamed on China by the United States": with
		 * no actor as the subject, the object is the one aimed at.) */
		for (int i = 0; i < nobj && (!nagent || !nsubj) && !(type_props(x, tr) & TP_ASKS); i++)
			push_party(c.tgt, &c.ntgt, obj[i]);
		/* "Seventy Russian diplomats were expelled from Bulgaria": the
		 * state they must leave expels them. */
		if (!nagent && nsubj && (type_props(x, tr) & TP_ORDERS_OUT) && !tr->noun) {
			size_t m0, m1;
			mentions_in(x, h->te, ce, &m0, &m1);
			for (size_t j = m0; j < m1; j++) {
				const struct mention *m = &x->men[j];
				if (m->ra < 0 || m->ts > h->te + 2 || m->ts == 0 || !is_word(x, m->ts - 1, "from") ||
				    !x->ra[m->ra].code[0])
					continue;
				int n = 0;
				for (int t = 0; t < c.ntgt; t++)
					if (!same_code(x, c.tgt[t], m->ra))
						c.tgt[n++] = c.tgt[t];
				c.ntgt = n;
				push_party(c.src, &c.nsrc, m->ra);
				break;
			}
		}
		/* "The ambassador was summoned": by whoever the report has acting. */
		if (!nagent && c.ntgt && x->last_subject >= 0 &&
		    !same_code(x, x->last_subject, c.tgt[0]))
			push_party(c.src, &c.nsrc, x->last_subject);
		/* "The Czech side was also told to ...", its ambassador being the
		 * last subject: by whoever acted before in the report. */
		/* "The French ambassador in Bamako was summoned": by the state
		 * where the envoy serves. */
		if (!nagent && c.ntgt && !c.nsrc && !tr->noun) {
			size_t m0, m1;
			mentions_in(x, cs, h->ts, &m0, &m1);
			for (size_t j = m0; j < m1 && !c.nsrc; j++)
				if (x->men[j].kind == MK_PLACE && x->men[j].ra >= 0 && x->men[j].ts > s &&
				    is_word(x, x->men[j].ts - 1, "in") && x->ra[x->men[j].ra].code[0] &&
				    !same_code(x, x->men[j].ra, c.tgt[0]))
					push_party(c.src, &c.nsrc, x->men[j].ra);
		}
		if (!nagent && c.ntgt && !c.nsrc) {
			int a = acted_before(x, x->n_cands, x->ra[c.tgt[0]].code);
			if (a >= 0)
				push_party(c.src, &c.nsrc, a);
		}
	} else if (tr->frame == FRAME_SYMMETRIC) {
		for (int i = 0; i < nsubj; i++)
			push_party(c.src, &c.nsrc, subj[i]);
		/* "discussed Afghanistan by phone": what is discussed is no party;
		 * those talked with follow "with". */
		int topic_verb = has_prefix(low(x, h->ts), "discuss");
		for (int i = 0; i < nobj; i++)
			if (!topic_verb || named_after_with(x, obj[i], h->ts, ce))
				push_party(c.src, &c.nsrc, obj[i]);
	} else {
		for (int i = 0; i < nsubj; i++)
			push_party(c.src, &c.nsrc, subj[i]);
		for (int i = 0; i < nobj; i++) {
			int dup = 0;
			for (int k = 0; k < c.nsrc; k++)
				dup |= x->ra[c.src[k]].code[0] && same_code(x, c.src[k], obj[i]);
			if (!dup)
				push_party(c.tgt, &c.ntgt, obj[i]);
		}
		if (!c.ntgt && coordinated(x, h->ts, s))
			for (int i = 0; i < tc->npt; i++)
				push_party(c.tgt, &c.ntgt, tc->prev_tgt[i]);
	}
	/* "the ambassador had been summoned to the ministry and handed a note":
	 * the participle shares the passive's parties, told by the trigger
	 * before it. */
	if (and_passive && !nagent && tc->nps && tc->npt && !tc->prev_sym) {
		c.nsrc = c.ntgt = 0;
		for (int i = 0; i < tc->nps; i++)
			push_party(c.src, &c.nsrc, tc->prev_src[i]);
		for (int i = 0; i < tc->npt; i++)
			push_party(c.tgt, &c.ntgt, tc->prev_tgt[i]);
	}
	/* "China will take resolute measures if the Japanese side insists on
	 * this path": a threat hanging on another's conduct is aimed at the one
	 * the condition names first, not at those named before. */
	if (!strcmp(tr->type, "threat") && c.nsrc) {
		for (size_t q = h->te; q + 1 < e; q++) {
			if (!(is_word(x, q, "if") || is_word(x, q, "unless")))
				continue;
			size_t m0, m1;
			mentions_in(x, q + 1, e, &m0, &m1);
			size_t at = q + 1 + (size_t)tok_in(x, q + 1, WL_DETERMINER);
			if (m1 > m0 && x->men[m0].ts == at && x->men[m0].ra >= 0 && x->men[m0].kind != MK_PLACE &&
			    x->ra[x->men[m0].ra].code[0]) {
				int own = 0;
				for (int i = 0; i < c.nsrc; i++)
					own |= same_code(x, c.src[i], x->men[m0].ra);
				if (!own) {
					c.ntgt = 0;
					push_party(c.tgt, &c.ntgt, x->men[m0].ra);
				}
			}
			break;
		}
	}
	/* "The EC was joined by the United States in criticising Brazil": who
	 * joins acts too. */
	if (!tr->speaker && tr->frame != FRAME_SYMMETRIC && c.nsrc && h->ts > s + 3 && is_word(x, h->ts - 1, "in")) {
		for (size_t q = h->ts - 1; q-- > s + 1 && q + 10 > h->ts;)
			if (is_word(x, q, "by") && is_word(x, q - 1, "joined")) {
				size_t m0, m1;
				mentions_in(x, q + 1, h->ts - 1, &m0, &m1);
				if (m1 > m0)
					add_group(x, m0, group_end(x, m0, m1), c.src, &c.nsrc, tc->speaker);
				break;
			}
	}
	/* Told by a speaker (frame spk): "Japan must bear full responsibility",
	 * "the French minister had lied", "consequences will be borne by the
	 * US". The speaker acts (threatens, accuses, condemns) on whom the
	 * clause is about; a quotation without attribution is its last speaker's.
	 * No speaker, no act: a narrator's "X violated the truce" is no one's. */
	if (tr->speaker) {
		int who = tc->speaker;
		/* An unattributed quotation ("..., the statement said") speaks for
		 * the one it names first ("China strongly urges ..."), else for the
		 * report's last speaker. */
		if (who < 0 && (x->toks.t[h->ts].flags & TOK_QUOTED)) {
			size_t m0, m1;
			mentions_in(x, s, h->ts, &m0, &m1);
			for (size_t j = m0; j < m1 && who < 0; j++)
				if (x->men[j].ra >= 0 && x->men[j].kind == MK_ACTOR)
					who = x->men[j].ra;
			if (who < 0)
				who = x->last_subject;
		}
		/* "in retaliation for what he called Japan's failure to honour
		 * ...", "what it termed violations": the judgement is the one's
		 * who named it so (a pronoun: the nearest actor of its kind before
		 * it in the sentence, else the last subject). */
		for (size_t q = h->ts; who < 0 && q-- > s + 1 && q + 8 > h->ts;) {
			if (!tok_in(x, q, WL_NAMING_VERB))
				continue;
			size_t w = q;
			while (w > s && w + 5 > q && !is_word(x, w - 1, "what"))
				w--;
			if (w <= s || !is_word(x, w - 1, "what") || w == q)
				break;
			/* "condemned what it called Britain's provocative actions",
			 * "protested over what it termed interference": the naming is
			 * how the verb before judges its object, one act. */
			if (judging_verb_before(x, w - 1, s))
				DROP_RET;
			size_t m0, m1;
			mentions_in(x, w, q, &m0, &m1);
			if (m1 > m0 && x->men[m0].ra >= 0) {
				who = x->men[m0].ra;
			} else if (w + 1 == q) {
				int person = is_word(x, w, "he") || is_word(x, w, "she");
				if (!person && !is_word(x, w, "it") && !is_word(x, w, "they"))
					break;
				mentions_in(x, s, w, &m0, &m1);
				for (size_t j = m1; j-- > m0 && who < 0;) {
					const struct mention *m = &x->men[j];
					if (m->ra >= 0 && m->kind == MK_ACTOR && !m->quoted &&
					    (x->ra[m->ra].kind == ACTOR_PERSON) == person)
						who = m->ra;
				}
				if (who < 0)
					who = x->last_subject;
			}
			break;
		}
		int about[MAX_PARTIES], n = 0;
		for (int i = 0; i < nsubj; i++)
			push_party(about, &n, subj[i]);
		for (int i = 0; !n && i < nagent; i++)
			push_party(about, &n, agent[i]);
		for (int i = 0; !n && i < nobj; i++)
			push_party(about, &n, obj[i]);
		/* The speaker is no target of its own judgement: the subject found
		 * is the one who speaks ("Kamikawa said the visit ..."). */
		if (n && who >= 0) {
			int other = 0;
			for (int i = 0; i < n; i++)
				other |= !same_code(x, about[i], who);
			if (!other)
				n = 0;
		}
		/* "the visit by South Korean lawmakers was unacceptable": the subject
		 * is an act, the judgement is about its agent after "by". */
		if (!n && who >= 0 && h->ts > s) {
			size_t q = h->ts;
			while (q > s && (ends_in(x, q - 1, 3, "ly") || tok_in(x, q - 1, WL_SKIP_ADVERB)) &&
			       !tok_in(x, q - 1, WL_BE))
				q--;
			if (q > s && tok_in(x, q - 1, WL_BE)) {
				size_t be = q - 1;
				for (size_t b = be; b-- > s && b + 12 > be;) {
					if (tok_in(x, b, WL_REPORTING) || tok_in(x, b, WL_CLAUSE_BREAK) ||
					    is_word(x, b, "that") || is_word(x, b, ","))
						break;
					if (!is_word(x, b, "by"))
						continue;
					size_t m0, m1;
					mentions_in(x, b + 1, be, &m0, &m1);
					if (m1 > m0 && x->men[m0].ts <= b + 2 && x->men[m0].ra >= 0)
						push_party(about, &n, x->men[m0].ra);
					break;
				}
			}
		}
		/* "was breaking off relations with Doha over its persistence in
		 * interfering", "cut ties with Morocco because of the neighbour's
		 * hostile actions": a judgement given as the reason of the
		 * speaker's act before it is about that act's target. */
		if (!n && who >= 0 && tc->prev_verb && tc->npt && tc->prev_verb_ts < h->ts) {
			int reason = 0;
			for (size_t q = tc->prev_verb_ts + 1; q < h->ts && !reason; q++)
				reason = is_word(x, q, "over") || is_word(x, q, "because") || is_word(x, q, "citing");
			for (int i = 0; reason && i < tc->npt; i++)
				if (!same_code(x, tc->prev_tgt[i], who))
					push_party(about, &n, tc->prev_tgt[i]);
			reason_of_prev = n > 0;
		}
		/* "He said the visit was totally unacceptable": about the act told
		 * before, so about its author. */
		if (!n && who >= 0) {
			int a = acted_before(x, x->n_cands, x->ra[who].code);
			if (a >= 0)
				push_party(about, &n, a);
		}
		/* "said the reasons offered were inadequate", "over its
		 * persistence in ...": a judgement of a thing is aimed at the other
		 * party the sentence names. */
		if (!n && who >= 0 && !(x->toks.t[h->ts].flags & TOK_QUOTED)) {
			size_t m0, m1;
			/* ("China's coercive actions toward Taiwan": the owner of
			 * the thing judged, named right before it, first.) */
			mentions_in(x, h->ts > s + 5 ? h->ts - 5 : s, h->ts, &m0, &m1);
			for (size_t j = m0; j < m1 && !n; j++)
				if (x->men[j].ra >= 0 && x->men[j].kind == MK_ACTOR && is_word(x, x->men[j].te, "'s") &&
				    !same_code(x, x->men[j].ra, who))
					push_party(about, &n, x->men[j].ra);
			mentions_in(x, h->te, e, &m0, &m1);
			for (size_t j = m0; j < m1 && !n; j++) {
				const struct mention *m = &x->men[j];
				if (m->ra >= 0 && m->kind == MK_ACTOR && x->ra[m->ra].code[0] && !same_code(x, m->ra, who) &&
				    x->ra[m->ra].kind != ACTOR_PERSON) {
					push_party(about, &n, m->ra);
				}
			}
		}
		/* "evidence of Syrian official involvement": a state's adjective
		 * right after the judgement's words names whose act is judged. */
		if (!n && who >= 0 && !(x->toks.t[h->ts].flags & TOK_QUOTED) && h->te > h->ts && is_word(x, h->te - 1, "of")) {
			size_t m0, m1;
			mentions_in(x, h->te, h->te + 2 < e ? h->te + 2 : e, &m0, &m1);
			for (size_t j = m0; j < m1 && !n; j++)
				if (x->men[j].kind == MK_ADJ && x->men[j].ra >= 0 && x->ra[x->men[j].ra].kind == ACTOR_STATE &&
				    !same_code(x, x->men[j].ra, who))
					push_party(about, &n, x->men[j].ra);
		}
		/* ("the actions of Poland and Lithuania": the parties joined to
		 * one judged after the word, all of them.) */
		if (n == 1 && who >= 0) {
			size_t m0, m1;
			mentions_in(x, h->te, e, &m0, &m1);
			for (size_t j = m0; j < m1; j++) {
				if (x->men[j].ra < 0 || !same_code(x, x->men[j].ra, about[0]))
					continue;
				for (size_t q = j + 1; q < m1 && n < MAX_PARTIES; q++) {
					const struct mention *p = &x->men[q], *b = &x->men[q - 1];
					if (p->ts != b->te + 1 || !(is_word(x, b->te, "and") || is_word(x, b->te, ",")) ||
					    p->ra < 0 || p->kind != MK_ACTOR || !x->ra[p->ra].code[0] ||
					    x->ra[p->ra].kind == ACTOR_PERSON || same_code(x, p->ra, who))
						break;
					push_party(about, &n, p->ra);
				}
				break;
			}
		}
		c.nsrc = c.ntgt = 0;
		if (x->debug && (who < 0 || !n))
			fprintf(stderr, "  judgement: speaker %s, about %d\n", who >= 0 ? x->ra[who].code : "-", n);
		if (who < 0 || !n)
			DROP_RET;
		push_party(c.src, &c.nsrc, who);
		for (int i = 0; i < n; i++)
			if (x->ra[about[i]].code[0] && !same_code(x, about[i], who))
				push_party(c.tgt, &c.ntgt, about[i]);
		if (!c.ntgt)
			DROP_RET;
	}
	/* "arrived from Helsinki": where the journey began is no host; it ends
	 * where the report was filed. */
	if ((type_props(x, tr) & TP_TRAVEL) && is_word(x, h->te - 1, "from"))
		c.ntgt = 0;
	/* "Bonn told Washington it would not accept the quotas": what is told
	 * to someone, aimed at no one else, is aimed at the one told. */
	if (tr->frame == FRAME_DIRECTED && !c.ntgt && c.nsrc && cs > s + 2) {
		size_t v = hearer_before(x, cs, s), m0, m1;
		mentions_in(x, v, cs, &m0, &m1);
		for (size_t j = m0; v && j < m1 && !c.ntgt; j++)
			if (x->men[j].ra >= 0 && x->men[j].kind == MK_ACTOR && !same_code(x, x->men[j].ra, c.src[0]))
				push_party(c.tgt, &c.ntgt, x->men[j].ra);
	}
	/* "The United States vetoed a draft resolution on Gaza": a veto with no
	 * drafter or body named is cast in the UN Security Council. */
	if (!c.ntgt && c.nsrc && !strcmp(tr->type, "rejection")) {
		int veto = 0;
		for (size_t q = h->ts; q < h->te && !veto; q++)
			veto = x->toks.t[q].lower_len >= 4 && !memcmp(low(x, q), "veto", 4);
		/* (of a draft put to a vote, named with the veto: not a law at
		 * home, "vetoed the budget bill", nor vetoes spoken of, "the
		 * reasons for casting the vetoes were inadequate") */
		int draft = 0;
		for (size_t q = h->ts; veto && q < e && q < h->te + 6 && !draft; q++)
			draft = tok_in(x, q, WL_DRAFT_TEXT);
		veto = veto && draft;
		long un = veto ? dict_actor_by_code(&x->d, "UN") : -1;
		if (un >= 0) {
			int ra = ractor_of_dict_actor(x, un);
			if (ra >= 0 && !same_code(x, ra, c.src[0]))
				push_party(c.tgt, &c.ntgt, ra);
		}
	}
	if (apposed) {
		int author = -1;
		/* (the author of the act the sentence told before the comma, else
		 * the first actor it names) */
		for (size_t k = x->n_cands; k-- > 0 && author < 0;) {
			const struct cand *p = &x->cands[k];
			if (p->headline != x->headline || p->ev_start != x->toks.t[s].start)
				break;
			if (!p->dead && p->tr->frame == FRAME_DIRECTED && p->nsrc)
				author = p->src[0];
		}
		size_t m0, m1;
		mentions_in(x, s, h->ts - 3, &m0, &m1);
		for (size_t j = m0; j < m1 && author < 0; j++)
			if (x->men[j].ra >= 0 && x->men[j].kind != MK_PLACE && !x->men[j].quoted)
				author = x->men[j].ra;
		c.ntgt = 0;
		if (author >= 0 && c.nsrc && !same_code(x, author, c.src[0]))
			push_party(c.tgt, &c.ntgt, author);
		if (!c.ntgt)
			DROP_RET;
	}
	/* "At the invitation of Lao Prime Minister Sonexay Siphandone, Pham
	 * Minh Chinh will attend the ASEAN summit in Vientiane": the one who
	 * invites is the host, before a gathering's organisation. */
	if ((type_props(x, tr) & TP_TRAVEL) && c.nsrc)
		for (size_t q = s; q + 2 < h->ts; q++) {
			if (!is_word(x, q, "invitation") || !is_word(x, q + 1, "of"))
				continue;
			size_t m0, m1;
			mentions_in(x, q + 2, h->ts, &m0, &m1);
			if (m1 == m0 || x->men[m0].ts > q + 5 || x->men[m0].ra < 0 || x->men[m0].kind == MK_PLACE)
				break;
			long st = code_actor_of(x, x->men[m0].ra);
			int host = st >= 0 && x->d.actors[st].kind == ACTOR_STATE;
			for (int i = 0; host && i < c.nsrc; i++)
				host = !same_code(x, c.src[i], x->men[m0].ra);
			if (host) {
				int keep = 0;
				for (int i = 0; i < c.ntgt; i++)
					if (x->ra[c.tgt[i]].kind != ACTOR_ORG)
						c.tgt[keep++] = c.tgt[i];
				c.ntgt = keep;
				push_party(c.tgt, &c.ntgt, x->men[m0].ra);
			}
			break;
		}
	/* "the decision drew criticism from China", "threats from Hamas": a
	 * noun of judgement or threat ending in "from" names its author after
	 * it; what the clause is about is its target. */
	if (tr->noun && tr->frame == FRAME_DIRECTED && h->te > h->ts + 1 && is_word(x, h->te - 1, "from")) {
		size_t m0, m1;
		mentions_in(x, h->te, e, &m0, &m1);
		size_t a = h->te;
		while (a < e && tok_in(x, a, WL_DETERMINER))
			a++;
		if (m1 > m0 && x->men[m0].ts == a && x->men[m0].ra >= 0) {
			int them[MAX_PARTIES], nthem = 0, rest[MAX_PARTIES], nrest = 0;
			if (x->men[m0].kind == MK_PLACE)
				push_party(them, &nthem, x->men[m0].ra);
			else
				add_group(x, m0, group_end(x, m0, m1), them, &nthem, tc->speaker);
			for (int i = 0; i < c.nsrc + c.ntgt; i++) {
				int p = i < c.nsrc ? c.src[i] : c.tgt[i - c.nsrc], dup = 0;
				for (int k = 0; k < nthem; k++)
					dup |= same_code(x, p, them[k]);
				if (!dup)
					push_party(rest, &nrest, p);
			}
			c.nsrc = c.ntgt = 0;
			for (int i = 0; i < nthem; i++)
				push_party(c.src, &c.nsrc, them[i]);
			for (int i = 0; i < nrest; i++)
				push_party(c.tgt, &c.ntgt, rest[i]);
		}
	}
	/* "demanded an apology from Seoul", "sought an explanation from Tokyo":
	 * what is asked for is the object, the one asked comes after "from"
	 * (not where something is to leave: "the withdrawal of troops from
	 * Libya", "an exit from the deal"). */
	if ((type_props(x, tr) & TP_ASKS) && !tr->noun && !tr->speaker && c.nsrc && !c.ntgt) {
		static const char *const moves[] = {"withdrawal", "removal", "departure", "exit", "pullout",
						    "troops", "forces", "soldiers", "expulsion", "evacuation"};
		for (size_t q = h->te; q + 1 < e && q < h->te + 6; q++) {
			int stop = tok_in(x, q, WL_CLAUSE_BREAK | WL_REPORTING) || is_word(x, q, ",") ||
				   is_word(x, q, "that") || is_word(x, q, "to") || is_word(x, q, ";") || is_word(x, q, "of");
			for (size_t k = 0; k < sizeof(moves) / sizeof(moves[0]) && !stop; k++)
				stop = is_word(x, q, moves[k]);
			if (stop)
				break;
			if (!is_word(x, q, "from"))
				continue;
			size_t m0, m1;
			mentions_in(x, q + 1, e, &m0, &m1);
			size_t a = q + 1;
			while (a < e && tok_in(x, a, WL_DETERMINER))
				a++;
			if (m1 > m0 && x->men[m0].ts == a && x->men[m0].ra >= 0) {
				int them[MAX_PARTIES], nthem = 0;
				if (x->men[m0].kind == MK_PLACE)   /* a capital for its state */
					push_party(them, &nthem, x->men[m0].ra);
				else
					add_group(x, m0, group_end(x, m0, m1), them, &nthem, tc->speaker);
				for (int i = 0; i < nthem; i++)
					if (x->ra[them[i]].code[0] && !same_code(x, them[i], c.src[0]))
						push_party(c.tgt, &c.ntgt, them[i]);
			}
			break;
		}
	}
	/* "urged restraint", "called for calm", "appealed for peace": a state of
	 * affairs asked of no one named is no appeal (grammar class open_call);
	 * no addressee is guessed for it. */
	if ((type_props(x, tr) & TP_ASKS) && !tr->speaker && c.nsrc && !c.ntgt) {
		for (size_t q = h->te; q < e && q < h->te + 6; q++) {
			if (tok_in(x, q, WL_OPEN_CALL))
				DROP_RET;
			if (is_word(x, q, "to") || is_word(x, q, "that") || is_word(x, q, "from") ||
			    (x->toks.t[q].flags & TOK_PUNCT) || tok_in(x, q, WL_CLAUSE_BREAK | WL_REPORTING))
				break;
		}
	}
	/* "stepped off his plane ... his first visit to the kingdom": the host is
	 * the other state the sentence names. */
	if ((type_props(x, tr) & TP_TRAVEL) && c.nsrc && !c.ntgt) {
		size_t m0, m1;
		mentions_in(x, s, e, &m0, &m1);
		for (size_t j = m0; j < m1 && !c.ntgt; j++) {
			int ra = x->men[j].ra;
			/* (not where the journey began: "arrived from Helsinki", nor
			 * the other side of a border: "troops near the border with
			 * China") */
			if (x->men[j].ts > s && (is_word(x, x->men[j].ts - 1, "from") || border_side(x, x->men[j].ts, s)))
				continue;
			/* (nor the agents of the verb the journey is the subject of) */
			if (noun_passive && x->men[j].ts >= noun_passive)
				break;
			if (ra >= 0 && x->ra[ra].code[0] && !same_code(x, ra, c.src[0]))
				push_party(c.tgt, &c.ntgt, ra);
		}
	}
	/* "the recall of South African diplomats serving in Israel": a state
	 * recalls its own envoys from the state where they serve. */
	if (!strcmp(tr->type, "expulsion") && !tr->speaker && x->toks.t[h->ts].lower_len >= 6 &&
	    (!memcmp(low(x, h->ts), "recall", 6) || !memcmp(low(x, h->ts), "withdr", 6))) {
		int own = -1, host = -1;
		size_t m0, m1;
		mentions_in(x, h->te, e, &m0, &m1);
		for (size_t j = m0; j < m1 && x->men[j].ts < h->te + 12; j++) {
			const struct mention *m = &x->men[j];
			if (m->ra < 0 || !x->ra[m->ra].code[0])
				continue;
			if (own < 0 && m->kind != MK_PLACE) {
				size_t q = m->te + (m->te < e && is_word(x, m->te, "'s"));
				for (size_t r = q; r < e && r < q + 2 && own < 0; r++)
					if (is_word(x, r, "diplomats") || is_word(x, r, "diplomat") || is_word(x, r, "envoy") ||
					    is_word(x, r, "envoys") || is_word(x, r, "ambassador") || is_word(x, r, "ambassadors"))
						own = m->ra;
			} else if (own >= 0 && m->ts > s &&
				   (is_word(x, m->ts - 1, "in") || is_word(x, m->ts - 1, "to") || is_word(x, m->ts - 1, "from")) &&
				   !same_code(x, m->ra, own)) {
				host = m->ra;
				break;
			}
		}
		if (own >= 0 && host >= 0) {
			c.nsrc = c.ntgt = 0;
			push_party(c.src, &c.nsrc, own);
			push_party(c.tgt, &c.ntgt, host);
		}
	}
	/* "recalled its ambassador in Madrid", "ordered its envoy to Bogota
	 * back home": an envoy is recalled from the state where he serves,
	 * named by its capital after "in", "to" or "from". */
	if (!strcmp(tr->type, "expulsion") && c.nsrc && !c.ntgt && !tr->speaker) {
		size_t m0, m1;
		mentions_in(x, h->te, e, &m0, &m1);
		for (size_t j = m0; j < m1 && !c.ntgt && x->men[j].ts < h->te + 14; j++) {
			const struct mention *m = &x->men[j];
			if (m->ts <= s || m->ra < 0 || !x->ra[m->ra].code[0] ||
			    !(is_word(x, m->ts - 1, "in") || is_word(x, m->ts - 1, "to") || is_word(x, m->ts - 1, "from")))
				continue;
			int own = 0;
			for (int i = 0; i < c.nsrc; i++)
				own |= same_code(x, c.src[i], m->ra);
			if (!own)
				push_party(c.tgt, &c.ntgt, m->ra);
		}
	}
	/* "announced the removal of the sanctions on Niger, including the
	 * shutting of the borders and the freeze on its assets": measures
	 * named as what is lifted are not imposed anew. */
	/* (A clause of its own, "the sanctions it had imposed on Eritrea
	 * since 2009", still tells the imposing.) */
	/* ("would lift export controls imposed on South Korea in 2019": a
	 * participle right after the noun it describes is such a naming too.) */
	int described = !tr->noun && h->ts > s + 1 && ends_in(x, h->ts, 2, "ed") &&
			(x->toks.t[h->ts - 1].flags & TOK_WORD) && !(x->toks.t[h->ts - 1].flags & TOK_CAP) &&
			!tok_in(x, h->ts - 1, WL_BE | WL_SKIP_ADVERB | WL_DETERMINER | WL_PREPOSITION | WL_CLAUSE_BREAK |
					      WL_REFERENCE) &&
			!is_word(x, h->ts - 1, "and") && !is_word(x, h->ts - 1, "or") && !ends_in(x, h->ts - 1, 2, "ly");
	if (!strcmp(tr->type, "sanctions") &&
	    (tr->noun || ends_in(x, h->ts, 4, "ing") || (h->ts > s && tok_in(x, h->ts - 1, WL_DETERMINER)) || described)) {
		int fresh = 0;
		for (size_t q = h->ts > s + 2 ? h->ts - 2 : s; q <= h->ts && q < e; q++)
			fresh |= is_word(x, q, "new") || is_word(x, q, "fresh") || is_word(x, q, "additional") ||
				 is_word(x, q, "further");
		/* "the Authority also lifted the no-fly zone ..., the halt to all
		 * dealings ... and the freeze on ...": a list the lifting governs. */
		for (size_t q = s; q < h->ts && !fresh; q++)
			if (is_word(x, q, "lifted") || is_word(x, q, "lifting") || is_word(x, q, "lifts") ||
			    is_word(x, q, "removed") || is_word(x, q, "removal") || is_word(x, q, "scrapped") ||
			    is_word(x, q, "rescinded") || is_word(x, q, "revoked") || is_word(x, q, "eased") ||
			    (described && (is_word(x, q, "lift") || is_word(x, q, "remove") || is_word(x, q, "scrap") ||
					   is_word(x, q, "rescind") || is_word(x, q, "revoke") || is_word(x, q, "ease"))))
				DROP_RET;
		for (size_t k = x->n_cands; k-- > 0 && !fresh;) {
			const struct cand *p = &x->cands[k];
			if (p->ev_start != x->toks.t[s].start || p->headline != x->headline)
				break;
			if (p->dead || strcmp(p->tr->type, "sanctions_relief") || p->trig_tok >= h->ts)
				continue;
			for (int i = 0; i < p->ntgt; i++)
				for (int t = 0; t < c.ntgt; t++)
					if (same_code(x, p->tgt[i], c.tgt[t]))
						DROP_RET;
		}
	}
	/* "the American proposal was rejected by Palestine", "Japan's request
	 * was turned down": the owner of the thing rejected, named right before
	 * it, is the one the rejection is aimed at. */
	if (!strcmp(tr->type, "rejection") && tr->noun && c.nsrc && !c.ntgt && h->ts > s) {
		size_t m0, m1;
		mentions_in(x, s, h->ts, &m0, &m1);
		if (m1 > m0) {
			const struct mention *m = &x->men[m1 - 1];
			size_t end = m->te + (m->te < h->ts && is_word(x, m->te, "'s"));
			int own = 0;
			for (int i = 0; i < c.nsrc; i++)
				own |= m->ra >= 0 && same_code(x, c.src[i], m->ra);
			if (end == h->ts && m->ra >= 0 && x->ra[m->ra].code[0] && !own &&
			    (m->kind == MK_ACTOR || m->kind == MK_ADJ))
				push_party(c.tgt, &c.ntgt, m->ra);
		}
	}
	/* "lodged a complaint against Israel with the UN Security Council": the
	 * body a complaint is lodged with receives it, beside the one it is
	 * against. */
	if (!strcmp(tr->type, "protest") && c.nsrc && c.ntgt && !tr->speaker) {
		size_t m0, m1;
		mentions_in(x, h->te, e, &m0, &m1);
		for (size_t j = m0; j < m1 && x->men[j].ts < h->te + 12; j++) {
			const struct mention *m = &x->men[j];
			if (m->kind != MK_ACTOR || m->ra < 0 || !x->ra[m->ra].code[0] || m->ts <= h->te)
				continue;
			size_t p = m->ts - 1;
			if (is_word(x, p, "the") && p > h->te)
				p--;
			if (!is_word(x, p, "with"))
				continue;
			int own = 0;
			for (int i = 0; i < c.nsrc; i++)
				own |= same_code(x, c.src[i], m->ra);
			if (!own)
				push_party(c.tgt, &c.ntgt, m->ra);
		}
	}
	/* "allowing Isabel Brilhante Pedrosa, the EU's envoy, 72 hours to
	 * leave": the one whose envoy is sent away. */
	if (!strcmp(tr->type, "expulsion") && c.nsrc && !c.ntgt && !tr->speaker) {
		size_t m0, m1;
		mentions_in(x, s, e, &m0, &m1);
		for (size_t j = m0; j < m1 && !c.ntgt; j++) {
			const struct mention *m = &x->men[j];
			if (m->ra < 0 || !x->ra[m->ra].code[0] || m->kind == MK_PLACE)
				continue;
			size_t q = m->te;
			if (q < e && is_word(x, q, "'s"))
				q++;
			int envoy = 0;
			for (size_t r = q; r < e && r < q + 3 && !envoy; r++)
				envoy = is_word(x, r, "envoy") || is_word(x, r, "envoys") || is_word(x, r, "ambassador") ||
					is_word(x, r, "ambassadors") || is_word(x, r, "diplomat") || is_word(x, r, "diplomats") ||
					is_word(x, r, "chargé") || is_word(x, r, "charge") || is_word(x, r, "consul");
			if (!envoy)
				continue;
			int own = 0;
			for (int i = 0; i < c.nsrc; i++)
				own |= same_code(x, c.src[i], m->ra);
			if (!own)
				push_party(c.tgt, &c.ntgt, m->ra);
		}
	}
	/* "in Bangkok for an Asia-Pacific summit": a named gathering of others,
	 * not a meeting of the parties in play ("a second round" is theirs). */
	if (tr->noun && c.nsrc < 2 && !c.ntgt) {
		for (size_t q = h->ts; q > s && q + 4 > h->ts; q--) {
			if (!is_word(x, q - 1, "a") && !is_word(x, q - 1, "an"))
				continue;
			/* (but "a July 1986 agreement": a time, no name) */
			sentence_timex(x, tc);
			int dated = 0;
			for (size_t i = 0; i < tc->tx->n && !dated; i++)
				dated = tc->tx->tok_of[i] == q;
			for (size_t r = q; r < h->ts && !dated; r++)
				if (x->toks.t[r].flags & TOK_CAP)
					DROP_RET;
			break;
		}
	}
	/* "India's Cabinet Committee on Security met this evening": one party
	 * that meets with no one named after the verb holds a session of its
	 * own; the parties in play took no part in it. */
	if (tr->frame == FRAME_SYMMETRIC && !tr->noun && c.nsrc == 1 && h->te == h->ts + 1 &&
	    (is_word(x, h->ts, "met") || is_word(x, h->ts, "meets") || is_word(x, h->ts, "meet"))) {
		int partner = 0;
		/* (a subject of two joined by "and" meets itself) */
		for (size_t q = cs; q < h->ts && !partner; q++)
			partner = is_word(x, q, "and") || is_word(x, q, "&");
		for (size_t q = h->te; q < ce && !partner; q++)
			partner = is_word(x, q, "with") || is_word(x, q, "him") || is_word(x, q, "her") ||
				  is_word(x, q, "them") || is_word(x, q, "counterpart") || is_word(x, q, "counterparts") ||
				  is_word(x, q, "separately") || is_word(x, q, "together");
		size_t m0, m1;
		mentions_in(x, h->te, ce, &m0, &m1);
		for (size_t j = m0; j < m1 && !partner; j++)
			partner = x->men[j].kind != MK_PLACE && x->men[j].kind != MK_ADJ &&
				  !(x->men[j].ts > h->te && (is_word(x, x->men[j].ts - 1, "in") || is_word(x, x->men[j].ts - 1, "at")));
		if (!partner)
			DROP_RET;
	}
	/* "after a cabinet meeting", "the CCS meeting": a session of one
	 * government's own body is no meeting of the parties in play. */
	if (tr->frame == FRAME_SYMMETRIC && tr->noun && c.nsrc < 2 && h->ts > s &&
	    (is_word(x, h->ts, "meeting") || is_word(x, h->ts, "session"))) {
		size_t p = h->ts - 1;
		size_t m0, m1;
		mentions_in(x, p, h->ts, &m0, &m1);
		if (is_word(x, p, "cabinet") || is_word(x, p, "committee") || is_word(x, p, "parliamentary") ||
		    (is_word(x, p, "party") && !(p > s && is_word(x, p - 1, "-"))) || is_word(x, p, "politburo") ||
		    is_word(x, p, "board") ||
		    ((x->toks.t[p].flags & TOK_ALLCAPS) && m1 == m0))
			DROP_RET;
		/* "after a meeting of the Cabinet Committee on Security": the body
		 * named after "of", when no state or organisation is named in it
		 * (not "a meeting of the UN Security Council"). */
		size_t q = h->te;
		if (q + 1 < e && is_word(x, q, "of")) {
			q += is_word(x, q + 1, "the") ? 2 : 1;
			int body = 0;
			for (size_t r = q; r < e && r < q + 6 && !body; r++)
				body = is_word(x, r, "cabinet") || is_word(x, r, "committee") || is_word(x, r, "politburo") ||
				       is_word(x, r, "parliament") || is_word(x, r, "board") || is_word(x, r, "presidium") ||
				       is_word(x, r, "party");
			mentions_in(x, q, q + 6 < e ? q + 6 : e, &m0, &m1);
			int actor = 0;
			for (size_t j = m0; j < m1 && !actor; j++)
				actor = x->men[j].kind != MK_ADJ && x->men[j].ra >= 0 && x->ra[x->men[j].ra].kind == ACTOR_ORG;
			if (body && !actor)
				DROP_RET;
		}
	}
	/* "President Buhari met for talks alongside his Vice President and
	 * Foreign Minister", "Foreign Minister Bou Habib held talks with Prime
	 * Minister Mikati": where the clause names two or more people and all of
	 * them act for one state, the meeting is that state's own; no party in
	 * play joins it from the context. */
	/* ("present at the meeting" refers to one told before: not here.) */
	if (tr->frame == FRAME_SYMMETRIC && !strcmp(tr->type, "meeting") && c.nsrc >= 1 &&
	    !(h->ts > s && (is_word(x, h->ts - 1, "the") || is_word(x, h->ts - 1, "that") ||
			    is_word(x, h->ts - 1, "this"))) &&
	    x->ra[c.src[0]].kind != ACTOR_ORG && domestic_meeting(x, &c, cs, ce))
		DROP_RET;
	/* "after the Venezuelan government and the opposition struck a deal":
	 * a government and its opposition, or rebels, acting together are one
	 * state's affair; no other state joins them from the context. */
	if (tr->frame == FRAME_SYMMETRIC && c.nsrc < 2 && h->ts > cs + 2)
		for (size_t q = cs + 2; q < h->ts; q++)
			if ((is_word(x, q, "opposition") || is_word(x, q, "rebels") || is_word(x, q, "insurgents")) &&
			    (is_word(x, q - 1, "and") || is_word(x, q - 2, "and")))
				DROP_RET;
	/* A symmetric event needs two parties: those of a symmetric act the
	 * sentence told before ("Albanese meets Xi ..., the first leaders'
	 * meeting in six years": the same meeting), else those in play. */
	if (tr->frame == FRAME_SYMMETRIC && !c.nsrc)
		for (size_t k = x->n_cands; k-- > 0 && !c.nsrc;) {
			const struct cand *p = &x->cands[k];
			if (p->headline != x->headline || p->ev_start != x->toks.t[s].start)
				break;
			if (!p->dead && p->tr->frame == FRAME_SYMMETRIC && !strcmp(p->tr->type, tr->type) && p->nsrc >= 2 &&
			    p->status == c.status)
				for (int i = 0; i < p->nsrc; i++)
					push_party(c.src, &c.nsrc, p->src[i]);
		}
	if (tr->frame == FRAME_SYMMETRIC && c.nsrc < 2 && !(c.nsrc == 1 && x->ra[c.src[0]].kind == ACTOR_ORG))
		for (int i = 0; i < x->n_in_play; i++)
			push_party(c.src, &c.nsrc, x->in_play[i]);
	/* "other countries that had expelled Russian envoys": the subject of a
	 * relative clause is the noun before "that", here no actor; the act is
	 * nobody's we know, not the speaker's. */
	if (tr->frame == FRAME_DIRECTED && relative_of_non_actor(x, h->ts, s))
		c.nsrc = 0;
	/* "announced the expulsion of 18 diplomats, claiming that there was a
	 * suspicion that ...": the claim is the announcers'. */
	if (tr->frame == FRAME_DIRECTED && !c.nsrc && claimed_by_earlier(x, s, h->ts)) {
		for (size_t k = x->n_cands; k-- > 0;) {
			const struct cand *p = &x->cands[k];
			if (p->dead || p->headline != x->headline || p->ev_start != x->toks.t[s].start || !p->nsrc)
				continue;
			for (int q = 0; q < p->nsrc; q++) {
				int mine = 0;
				for (int t = 0; t < c.ntgt; t++)
					mine |= same_code(x, p->src[q], c.tgt[t]);
				if (!mine)
					push_party(c.src, &c.nsrc, p->src[q]);
			}
			break;
		}
	}
	if (!c.nsrc && !c.ntgt)
		DROP_RET;
	/* Date: the clause's own, else the reporting clause's, else the report's. */
	/* "reconsider its decision to downgrade ties": the decision's date is not the clause's. */
	if (!tc->intention)
		sentence_timex(x, tc);
	int ti = tc->intention ? -1 : governing_timex(x, tc->tx, h->ts, h->te, cs, ce,
						      c.status == STATUS_PLANNED ? cs : s, c.status == STATUS_PLANNED);
	/* "talks with X, the minister of Y, slated for Saturday". */
	if (!tc->intention && tr->noun) {
		int si = extract_scheduled_after(x, tc->tx, h->te, e, tc->next_trigger);
		if (si >= 0)
			ti = si;
	}
	/* "Chisinau's decision last week to expel a diplomat": the decision's
	 * own date, between it and what it decided. */
	if (tc->intention && tc->intention_at) {
		sentence_timex(x, tc);
		for (size_t i = 0; i < tc->tx->n && ti < 0; i++)
			if (tc->tx->tok_of[i] > tc->intention_at && tc->tx->tok_of[i] < h->ts &&
			    tc->tx->tx[i].date.prec != PREC_UNKNOWN && tc->tx->tx[i].kind != TIMEX_DEADLINE)
				ti = (int)i;
		/* "Yesterday, Washington announced plans to put tariffs on ...":
		 * the time opening the sentence is the announcing of the plan
		 * (not "on Thursday urged Pakistan to reconsider its decision"). */
		for (size_t i = 0; i < tc->tx->n && ti < 0 && tc->intention_at > s + 1 &&
				   is_reporting(x, tc->intention_at - 1); i++)
			if (tc->tx->tok_of[i] <= s + 2 && tc->tx->tok_of[i] < tc->intention_at &&
			    tc->tx->tx[i].date.prec != PREC_UNKNOWN && tc->tx->tx[i].kind != TIMEX_DEADLINE &&
			    !(tc->tx->tx[i].flags & TIMEX_F_CITATION))
				ti = (int)i;
	}
	/* "working to set up a trip by Kawaguchi that would start Friday
	 * evening": a relative clause on the trigger noun names its time. */
	for (size_t q = h->te; ti < 0 && tr->noun && q < h->te + 4 && q + 2 < e; q++) {
		if (!is_word(x, q, "that") && !is_word(x, q, "which"))
			continue;
		if (!is_word(x, q + 1, "would") && !is_word(x, q + 1, "will"))
			break;
		sentence_timex(x, tc);
		for (size_t i = 0; i < tc->tx->n && ti < 0; i++)
			if (tc->tx->tok_of[i] > q + 2 && tc->tx->tok_of[i] <= q + 5 &&
			    tc->tx->tx[i].date.prec != PREC_UNKNOWN && tc->tx->tx[i].kind != TIMEX_DEADLINE)
				ti = (int)i;
		break;
	}
	/* "pays a visit to Nairobi to attend the ceremonies on Friday": a
	 * visit's purpose clause names the time the visit is for. */
	for (size_t q = h->te; ti < 0 && !tc->intention && !strcmp(tr->type, "visit") && q < h->te + 5 && q + 2 < e;
	     q++) {
		if (is_word(x, q, ",") || is_word(x, q, ";") || is_word(x, q, "and") || is_word(x, q, "when"))
			break;
		if (!is_word(x, q, "to") || (x->toks.t[q + 1].flags & TOK_CAP) || tok_in(x, q + 1, WL_DETERMINER))
			continue;
		size_t pe = q + 2;
		while (pe < e && pe < q + 12 && !is_word(x, pe, ",") && !is_word(x, pe, ";") && !is_word(x, pe, "and"))
			pe++;
		sentence_timex(x, tc);
		for (size_t i = 0; i < tc->tx->n && ti < 0; i++)
			if (tc->tx->tok_of[i] > q + 1 && tc->tx->tok_of[i] < pe &&
			    tc->tx->tx[i].date.prec != PREC_UNKNOWN && tc->tx->tx[i].kind != TIMEX_DEADLINE &&
			    !(tc->tx->tx[i].flags & (TIMEX_F_CITATION | TIMEX_F_MODIFIER)))
				ti = (int)i;
		break;
	}
	/* "agreed to commence negotiations ... when Kishida visited Manila in
	 * November": the when-clause of the trigger's clause dates it, past the
	 * event words between them. */
	/* "the formula he agreed upon with Gorbachev at their summit last
	 * October": the time of the meeting the act took place at. */
	if (ti < 0 && !tc->intention && tc->next_trigger > h->te && tc->next_trigger < e &&
	    tc->next_trigger <= h->te + 8) {
		size_t at_w = tc->next_trigger, nt = tc->next_trigger;
		while (at_w > h->te && nt - at_w < 4 && !is_word(x, at_w, "at") && !is_word(x, at_w, "during"))
			at_w--;
		int clean = at_w > h->te && (is_word(x, at_w, "at") || is_word(x, at_w, "during"));
		for (size_t q = h->te; clean && q < at_w; q++)
			clean = !is_word(x, q, ",") && !is_word(x, q, ";") && !is_word(x, q, "and");
		/* the meeting's own words: its name, "summit meeting", then the time */
		size_t me = nt + 1;
		while (me < e && me < nt + 3 && !is_word(x, me, ",") && !tok_in(x, me, WL_PREPOSITION))
			me++;
		sentence_timex(x, tc);
		for (size_t i = 0; clean && i < tc->tx->n && ti < 0; i++) {
			size_t at = tc->tx->tok_of[i];
			if (at >= nt && at <= me + 1 && tc->tx->tx[i].date.prec != PREC_UNKNOWN &&
			    tc->tx->tx[i].kind != TIMEX_DEADLINE && !(tc->tx->tx[i].flags & TIMEX_F_CITATION))
				ti = (int)i;
		}
	}
	/* "Our demands were conveyed to Moscow; they were delivered on
	 * December 27": a clause after a semicolon that goes on about the act
	 * with a pronoun dates it. */
	if (ti < 0 && !tc->intention && c.status != STATUS_PLANNED) {
		size_t sc = h->te;
		while (sc < e && !is_word(x, sc, ";") && sc != tc->next_trigger)
			sc++;
		if (sc + 1 < e && is_word(x, sc, ";") &&
		    (is_word(x, sc + 1, "they") || is_word(x, sc + 1, "it") || is_word(x, sc + 1, "this"))) {
			sentence_timex(x, tc);
			size_t se = sc + 1;
			while (se < e && !is_word(x, se, ";") && !is_word(x, se, "."))
				se++;
			for (size_t i = 0; i < tc->tx->n && ti < 0; i++)
				if (tc->tx->tok_of[i] > sc && tc->tx->tok_of[i] < se &&
				    (tc->next_trigger <= h->te || tc->next_trigger > tc->tx->tok_of[i]) &&
				    tc->tx->tx[i].date.prec != PREC_UNKNOWN && tc->tx->tx[i].kind != TIMEX_DEADLINE &&
				    !(tc->tx->tx[i].flags & (TIMEX_F_CITATION | TIMEX_F_MODIFIER)))
					ti = (int)i;
		}
	}
	size_t wk = ce;
	while (ti < 0 && wk < clause_end && !is_word(x, wk, "when"))
		wk++;
	if (ti < 0 && !tc->intention && wk < e && is_word(x, wk, "when")) {
		ce = wk;
		size_t we = ce + 1;
		while (we < e && !is_word(x, we, ",") && !is_word(x, we, ";"))
			we++;
		ti = governing_timex(x, tc->tx, ce, ce + 1, ce, we, ce, 0);
	}
	if (ti < 0 && !tc->intention && cs > s && (is_reporting(x, cs - 1) || (cs > s + 1 && is_reporting(x, cs - 2))))
		ti = governing_timex(x, tc->tx, cs - 1, cs, s, cs, s, 0);
	/* "moving to remove X from the list, a step that could come as early
	 * as next month": the earliest date the sentence gives the plan. */
	for (size_t i = 0; ti < 0 && !tc->intention && c.status == STATUS_PLANNED && i < tc->tx->n; i++) {
		size_t at = tc->tx->tok_of[i];
		if (at >= h->te + 3 && at < e && tc->tx->tx[i].date.prec != PREC_UNKNOWN &&
		    is_word(x, at - 3, "as") && is_word(x, at - 2, "early") && is_word(x, at - 1, "as"))
			ti = (int)i;
	}
	/* "The summons came a day after Xing voiced his displeasure": the act
	 * after "N day(s) after" is N days before the day told last. */
	int days_before = 0, unit = 0, some_days = 0;   /* unit: 0 days, 1 months, 2 years */
	size_t after_at = 0;
	for (size_t q = h->ts > s + 32 ? h->ts - 32 : s + 2; q < h->ts && !days_before; q++) {
		/* (and "54 years after the two countries broke off relations",
		 * "three months after": counted back in months or years) */
		if (!is_word(x, q, "after"))
			continue;
		int weeks = 0;
		if (is_word(x, q - 1, "day") || is_word(x, q - 1, "days"))
			unit = 0;
		else if (is_word(x, q - 1, "week") || is_word(x, q - 1, "weeks"))
			unit = 0, weeks = 1;   /* ("a week after Poland expelled ...": seven days) */
		else if (is_word(x, q - 1, "month") || is_word(x, q - 1, "months"))
			unit = 1;
		else if (is_word(x, q - 1, "year") || is_word(x, q - 1, "years"))
			unit = 2;
		else
			continue;
		days_before = count_word(x, q - 2);
		if (!days_before && unit && (x->toks.t[q - 2].flags & TOK_NUM) && x->toks.t[q - 2].end - x->toks.t[q - 2].start <= 3)
			days_before = atoi(x->text + x->toks.t[q - 2].start);
		if (weeks)
			days_before *= 7;
		/* ("days after Warsaw expelled ...": some days, the month of
		 * the day counted from) */
		some_days = !days_before && !weeks && !unit && is_word(x, q - 1, "days") &&
			    !(x->toks.t[q - 2].flags & TOK_NUM) && !(x->toks.t[q - 2].flags & TOK_CAP) &&
			    !tok_in(x, q - 2, WL_DETERMINER);
		if (some_days)
			days_before = 1;
		after_at = q;
		/* its own clause: no comma between, but for the place of the act
		 * after it ("voiced his displeasure ..., at a meeting with Lee") */
		size_t last_comma = 0;
		for (size_t v = q + 1; v < h->ts; v++) {
			if (is_word(x, v, ";") || (v > q + 1 && tok_in(x, v, WL_REPORTING)))
				days_before = 0;
			if (is_word(x, v, ","))
				last_comma = v;
		}
		if (days_before && last_comma) {
			int place = h->ts <= last_comma + 4 &&
				    (is_word(x, last_comma + 1, "at") || is_word(x, last_comma + 1, "during"));
			if (!place || h->ts > q + 32)
				days_before = 0;
		}
		if (days_before && !last_comma && h->ts > q + 8)
			days_before = 0;
	}
	/* "Rabat hit back, denouncing the decision": a reply told without a
	 * time of its own follows the act of the sentence before, in its time. */
	int reacts = 0;
	for (size_t q = s; q <= h->ts && q + 1 < e && q < s + 8; q++)
		reacts |= ((is_word(x, q, "hit") || is_word(x, q, "struck") || is_word(x, q, "fired")) &&
			   is_word(x, q + 1, "back")) ||
			  is_word(x, q, "retaliated") || is_word(x, q, "reciprocated");
	/* "Canada accused India in September 2023. New Delhi rejected the
	 * claim as absurd.": an answer to the act told before, in its time. */
	/* (told in the past, and only to the month: an answer may come a day
	 * later, rarely a month) */
	int answers_before = 0;
	if (x->carry_date.prec == PREC_MONTH && ends_in(x, h->ts, 2, "ed") && tr->frame != FRAME_SYMMETRIC && !tr->noun)
		for (size_t q = h->ts + 1; q < h->te + 2 && q + 1 < e && !answers_before; q++)
			answers_before = (is_word(x, q, "the") || is_word(x, q, "this") || is_word(x, q, "these") ||
					  is_word(x, q, "that") || is_word(x, q, "those")) &&
					 tok_in(x, q + 1, WL_ACT_NOUN);
	/* "Sweden applied in May 2022. Turkey immediately objected, accusing
	 * ...": at once, in the time of the sentence before */
	int at_once = 0;
	for (size_t q = s; q < h->ts && q + 1 < e && q < s + 8; q++)
		at_once |= is_word(x, q, "immediately") && ends_in(x, q + 1, 2, "ed");
	int after_i = -1;
	for (size_t q = h->te; ti < 0 && !days_before && !tc->intention && c.status == STATUS_OCCURRED && q < e &&
			       q < h->te + 8 && x->anchor.prec == PREC_DAY;
	     q++) {
		if (is_word(x, q, ",") || is_word(x, q, ";"))
			break;
		if (!is_word(x, q, "after"))
			continue;
		sentence_timex(x, tc);
		for (size_t i = 0; i < tc->tx->n && after_i < 0; i++) {
			const struct timex *t = &tc->tx->tx[i];
			size_t at = tc->tx->tok_of[i];
			if (at > q && at < q + 10 && at < e && t->date.prec == PREC_DAY && t->kind != TIMEX_DEADLINE &&
			    !(t->flags & (TIMEX_F_CITATION | TIMEX_F_MODIFIER)) &&
			    t->date.year * 12 + t->date.month < x->anchor.year * 12 + x->anchor.month)
				after_i = (int)i;
		}
		break;
	}
	const struct cand *before;
	/* (a time of the act's own clause, after "after", wins; one before
	 * it is the other act's) */
	if (days_before && ti >= 0 && tc->tx->tok_of[ti] > after_at)
		days_before = 0;
	if (days_before)
		ti = -1;
	/* ("Russia on Wednesday expelled 20 diplomats, a week after Poland
	 * expelled 45": counted from the day the sentence told before) */
	const struct cdate *own_ref = NULL;
	if (days_before && after_at) {
		sentence_timex(x, tc);
		for (size_t i = 0; i < tc->tx->n; i++)
			if (tc->tx->tok_of[i] >= s && tc->tx->tok_of[i] + 2 < after_at && tc->tx->tx[i].date.prec == PREC_DAY &&
			    tc->tx->tx[i].kind != TIMEX_DEADLINE && !(tc->tx->tx[i].flags & TIMEX_F_CITATION))
				own_ref = &tc->tx->tx[i].date;
	}
	if (days_before && (c.status == STATUS_OCCURRED || c.status == STATUS_NEGATED) &&
	    (own_ref || x->carry_last.prec == PREC_DAY || x->anchor.prec == PREC_DAY)) {
		const struct cdate *ref = own_ref ? own_ref : x->carry_last.prec == PREC_DAY ? &x->carry_last : &x->anchor;
		c.date = *ref;
		if (unit == 0) {
			int64_t day = days_from_civil(ref->year, ref->month, ref->day) - days_before;
			civil_from_days(day, &c.date.year, &c.date.month, &c.date.day);
			if (some_days) {
				c.date.day = 0;
				c.date.prec = PREC_MONTH;
			}
		} else if (unit == 1) {
			int months = ref->year * 12 + (ref->month - 1) - days_before;
			c.date.year = months / 12;
			c.date.month = months % 12 + 1;
			c.date.day = 0;
			c.date.prec = PREC_MONTH;
		} else {
			c.date.year = ref->year - days_before;
			c.date.month = c.date.day = 0;
			c.date.prec = PREC_YEAR;
		}
		c.date_explicit = 1;
	} else if (ti >= 0) {
		c.date = tc->tx->tx[ti].date;
		c.date_explicit = 1;
		int later = c.date.prec == PREC_DAY ? days_after_opening(x, s, tc->tx->tok_of[ti], h->ts) : 0;
		if (later) {
			int64_t day = days_from_civil(c.date.year, c.date.month, c.date.day) + later;
			civil_from_days(day, &c.date.year, &c.date.month, &c.date.day);
		}
		/* "When the negotiations ended on March 10": the end of talks
		 * told before ("from March 6 to 10"); they are dated by their
		 * start, the earlier day of the same act within two weeks. */
		if (h->ts > s && is_word(x, h->ts - 1, "the") && h->te < e &&
		    (is_word(x, h->te, "ended") || is_word(x, h->te, "concluded") || is_word(x, h->te, "closed")) &&
		    c.date.prec == PREC_DAY) {
			int64_t end_day = days_from_civil(c.date.year, c.date.month, c.date.day);
			for (size_t j = x->n_cands; j-- > 0;) {
				const struct cand *o = &x->cands[j];
				if (o->dead || !o->tr || strcmp(o->tr->type, tr->type) || !o->date_explicit ||
				    o->date.prec != PREC_DAY)
					continue;
				int64_t d = days_from_civil(o->date.year, o->date.month, o->date.day);
				if (d < end_day && end_day - d <= 14)
					c.date = o->date;
				break;
			}
		}
		/* "announced that X would reopen its borders from Monday evening",
		 * told after that Monday: it has happened. */
		/* (Not what was agreed, with the agreeing's time before it:
		 * "agreed on July 1 that Kawaguchi would visit Seoul", "agreed on
		 * July 1 to hold talks": an agreement binds the sides to what is
		 * still to be done.) */
		size_t agreed_at = 0;   /* (or a present plan's word) */
		for (size_t q = h->ts; q > s && q + 16 > h->ts && !agreed_at; q--)
			if (is_word(x, q - 1, "agreed") || is_word(x, q - 1, "agree") || is_word(x, q - 1, "agrees"))
				agreed_at = q - 1;
		/* (Nor a plan told in the present: "said Monday the minister is
		 * to meet his counterpart".) */
		for (size_t q = h->ts; q > s + 1 && q + 8 > h->ts && !agreed_at; q--)
			if ((is_word(x, q - 2, "is") || is_word(x, q - 2, "are")) &&
			    (is_word(x, q - 1, "to") || is_word(x, q - 1, "due") || is_word(x, q - 1, "expected") ||
			     is_word(x, q - 1, "set") || is_word(x, q - 1, "scheduled") || is_word(x, q - 1, "slated")))
				agreed_at = q - 1;
		if (c.status == STATUS_PLANNED && !tc->will && c.date.prec == PREC_DAY && x->anchor.prec == PREC_DAY &&
		    !(agreed_at && tc->tx->tok_of[ti] < h->ts) &&
		    days_from_civil(c.date.year, c.date.month, c.date.day) <
			    days_from_civil(x->anchor.year, x->anchor.month, x->anchor.day))
			c.status = STATUS_OCCURRED;
		/* (Not for a verb in the past: "reaffirmed their commitment to
		 * continue negotiations later this month" was reaffirmed now; nor
		 * a passive, simple or perfect: "had been summoned later this
		 * afternoon" looks at "summoned", not "been".) */
		size_t pv = h->ts;
		while (pv + 1 < h->te && tok_in(x, pv, WL_BE))
			pv++;
		/* (not a charge told by a speaker: the telling happened) */
		if (tc->tx->tx[ti].tense_used == TENSE_FUTURE && c.status == STATUS_OCCURRED && !tr->speaker &&
		    !(type_props(x, tr) & TP_ABOUT_FUTURE) && (tr->noun || !ends_in(x, pv, 3, "ed")))
			c.status = STATUS_PLANNED;
	} else if (after_i >= 0) {
		/* "lodged a protest after Nuri asserted on February 20 that ...",
		 * told in a later month: the act followed that day, in its month
		 * (no finer). */
		c.date = tc->tx->tx[after_i].date;
		c.date.day = 0;
		c.date.prec = PREC_MONTH;
		c.date_explicit = 1;
	} else if (cs == h->ts && cs > s && is_word(x, cs - 1, ",") && (before = last_cand_dated(x, s))) {
		/* "imposed sanctions on Monday, freezing their assets": the
		 * participle's act is dated with the one it tells more of. */
		c.date = before->date;
		c.date_explicit = 1;
	} else if (tc->same_day && x->carry_last.prec != PREC_UNKNOWN &&
		   (c.status == STATUS_OCCURRED || c.status == STATUS_NEGATED)) {
		/* "the same day": the day last named. */
		c.date = x->carry_last;
		c.date_explicit = 1;
	} else if ((c.status == STATUS_OCCURRED || c.status == STATUS_NEGATED) &&
		   extract_accord_told_before(x, s, e, &c.date)) {
		/* "Under this accord, the two also agreed ...": the accord's time. */
		c.date_explicit = 1;
	} else if ((c.status == STATUS_OCCURRED || c.status == STATUS_NEGATED) &&
		   extract_meeting_told_before(x, s, e, &c.date)) {
		/* "At the meeting, Xing pressed for ...": the meeting's day. */
		c.date_explicit = 1;
	} else if (at_once && (c.status == STATUS_OCCURRED || c.status == STATUS_NEGATED) &&
		   extract_previous_sentence_time(x, s, &c.date)) {
		c.date_explicit = 1;
	} else if (tc->pronoun_led && (c.status == STATUS_OCCURRED || c.status == STATUS_NEGATED) &&
		   extract_previous_sentence_date(x, s, &c.date)) {
		/* "The Council yesterday adopted the report. It called on ...":
		 * the time of the sentence before, event or not. */
		c.date_explicit = 1;
	} else if (x->carry_date.prec >= PREC_MONTH && (tc->pronoun_led || reacts || answers_before) &&
		   (c.status == STATUS_OCCURRED || c.status == STATUS_NEGATED)) {
		/* "It also suspended trade": the time of the sentence before. */
		c.date = x->carry_date;
		c.date_explicit = 1;
	} else if ((c.status == STATUS_OCCURRED || c.status == STATUS_NEGATED) &&
		   ((cs > s && (is_reporting(x, cs - 1) || reported_that(x, s, cs) || reported_before(x, s, h->ts))) ||
		    (!(h->ts > s && is_word(x, h->ts - 1, "had")) &&
		     !(h->ts > s + 1 && is_word(x, h->ts - 2, "had") && tok_in(x, h->ts - 1, WL_SKIP_ADVERB))))) {
		/* The report's day; not for "the programme it had agreed with
		 * France": the pluperfect tells of a time before the story's,
		 * which the sentence does not give. In reported speech ("said
		 * they had severed all links") it is the speaker's present
		 * perfect, put back a tense: the time of the report. */
		c.date = x->anchor;
		/* A story's first event dated to a day of the last week ("the
		 * leaders yesterday set up a forum ... The agreement was signed at
		 * a summit near Rome"): a later act told in the past without a date
		 * of its own belongs to that day, not to the day of the report. */
		int perfect = 0, past = !tr->noun && ends_in(x, h->ts, 3, "ed");
		for (size_t q = h->ts > s + 3 ? h->ts - 3 : s; q < h->ts; q++) {
			perfect |= is_word(x, q, "has") || is_word(x, q, "have") || is_word(x, q, "is") ||
				   is_word(x, q, "are") || is_word(x, q, "will");
			past |= is_word(x, q, "was") || is_word(x, q, "were");
		}
		/* "at a summit held near Rome", "the talks, which were held in
		 * Geneva": a noun told with its past participle. */
		for (size_t q = h->te; tr->noun && q < e && q < h->te + 4; q++) {
			if (is_word(x, q, "held")) {
				past = 1;
				break;
			}
			if (!is_word(x, q, ",") && !is_word(x, q, "which") && !is_word(x, q, "that") &&
			    !is_word(x, q, "was") && !is_word(x, q, "were"))
				break;
		}
		/* "Kishida's trip is the first to China by a foreign minister in
		 * four years": the story's own act, told as a record. */
		size_t cop = h->ts + 1;
		if (cop + 2 < e && (is_word(x, cop, "is") || is_word(x, cop, "was")) &&
		    is_word(x, cop + 1, "the") &&
		    (is_word(x, cop + 2, "first") || is_word(x, cop + 2, "latest") || is_word(x, cop + 2, "second") ||
		     is_word(x, cop + 2, "third") || is_word(x, cop + 2, "highest") || is_word(x, cop + 2, "most")))
			past = 1;
		/* "opened the meeting", "attended the summit": a noun governed by
		 * a verb in the past. */
		if (h->ts >= s + 2 && ends_in(x, h->ts - 2, 2, "ed") && is_word(x, h->ts - 1, "the"))
			past = 1;
		/* "The statement said: 'Nigeria calls on South Africa to ...'": the
		 * present of a quotation or of reported speech is the speaker's,
		 * and the telling is in the past. */
		if (!past && !perfect) {
			for (size_t q = s; q < e && !past; q++)
				if (q != h->ts && tok_in(x, q, WL_REPORTING) &&
				    (is_word(x, q, "said") || is_word(x, q, "told") || ends_in(x, q, 2, "ed")) &&
				    !(q > s && (is_word(x, q - 1, "has") || is_word(x, q - 1, "have") ||
						is_word(x, q - 1, "had") || is_word(x, q - 1, "will"))))
					past = 1;
		}
		/* "'Thailand will review its relations,' according to the
		 * statement": the tense inside a quotation is the speaker's; the
		 * telling outside it dates the act. */
		if (x->toks.t[h->ts].flags & TOK_QUOTED) {
			int told_past = 0, told_now = 0;
			for (size_t q = s; q < e; q++) {
				if (x->toks.t[q].flags & TOK_QUOTED)
					continue;
				if (is_word(x, q, "has") || is_word(x, q, "have") || is_word(x, q, "says") ||
				    is_word(x, q, "will"))
					told_now = 1;
				else if ((tok_in(x, q, WL_REPORTING) &&
					  (is_word(x, q, "said") || is_word(x, q, "told") || ends_in(x, q, 2, "ed"))) ||
					 (is_word(x, q, "according") && q + 1 < e && is_word(x, q + 1, "to")))
					told_past = 1;
			}
			if (told_past && !told_now) {
				past = 1;
				perfect = 0;
			}
		}
		perfect |= !past;
		struct cdate story;
		size_t lede_end;
		/* "Malaysia has ordered the envoy out" opening a story whose day
		 * is that of the statement issued paragraphs later ("said in a
		 * statement issued late Saturday"): the news perfect of the lede
		 * tells the act of that statement. */
		int has_perfect = 0, lede_perfect = 0;
		for (size_t q = h->ts > s + 3 ? h->ts - 3 : s; q < h->ts; q++)
			has_perfect |= is_word(x, q, "has") || is_word(x, q, "have");
		if (has_perfect && extract_story_day(x, &story, &lede_end) && x->toks.t[s].start < lede_end)
			for (size_t b = x->toks.t[s].start; b + 1 < lede_end && !lede_perfect; b++)
				lede_perfect = x->text[b] == '\n' && x->text[b + 1] == '\n';
		if (lede_perfect) {
			c.date = story;
			c.date_explicit = 1;
		} else if (!perfect && extract_story_day(x, &story, &lede_end) && x->toks.t[s].start >= lede_end) {
			c.date = story;
			c.date_explicit = 1;
		}
	} else if (c.status == STATUS_PLANNED && x->anchor.prec >= PREC_MONTH) {
		/* "said it would call in the ambassador", no time given: a plan
		 * told as announced is dated to the day it was announced, the
		 * report's; "will hold talks with Thatcher", the report's own
		 * future, to the report's month, no finer. */
		c.date = x->anchor;
		/* ("is due to visit", "is expected to sign", "are set to meet":
		 * the present's plans, like "will"; a reported "was due to",
		 * "would" keep the day of the telling, and so does "are to be
		 * signed", most often told of the day's own programme.) */
		int present_plan = 0;
		for (size_t q = h->ts; q > cs + 1 && q + 8 > h->ts && !present_plan; q--) {
			if (!is_word(x, q - 1, "to"))
				continue;
			size_t v = q - 1;
			if (!(v > cs && (is_word(x, v - 1, "due") || is_word(x, v - 1, "expected") || is_word(x, v - 1, "set") ||
					 is_word(x, v - 1, "slated") || is_word(x, v - 1, "scheduled"))))
				continue;
			v--;
			present_plan = v > cs && (is_word(x, v - 1, "is") || is_word(x, v - 1, "are") || is_word(x, v - 1, "'s"));
		}
		if ((tc->will || present_plan) && c.date.prec > PREC_MONTH) {
			c.date.day = 0;
			c.date.prec = PREC_MONTH;
		}
	}
	/* "announced on Monday that Canada will shortly impose sanctions": a
	 * time before the future is the announcing's; the plan, with none of
	 * its own, is the report's month ("will") or day ("would"). */
	if (tail_future && ti >= 0 && tc->tx->tok_of[ti] < tail_future && x->anchor.prec >= PREC_MONTH) {
		c.date = x->anchor;
		c.date_explicit = 0;
		if (tc->will && c.date.prec > PREC_MONTH) {
			c.date.day = 0;
			c.date.prec = PREC_MONTH;
		}
	}
	/* Told by a speaker: the act is the telling, dated as the telling is
	 * ("said on Tuesday that X had lied"), not by what it tells of. */
	if (tr->speaker) {
		/* (but the reason given for the act before it, "expelled the
		 * envoy on Thursday over Spain's meddling", is told with it) */
		if (reason_of_prev && (before = last_cand_dated(x, s))) {
			c.date = before->date;
			c.date_explicit = 1;
		} else {
			speaker_date(x, tc, h->ts, s, &c);
		}
	}
	/* "'Malaysia will respond firmly to any insult,' he said in a statement
	 * issued late Saturday": an act inside a quotation, with no time of its
	 * own, is dated as the quotation's telling (a quotation opening the
	 * sentence, not a text cited inside it). */
	else if (!c.date_explicit && c.status != STATUS_PLANNED && (x->toks.t[h->ts].flags & TOK_QUOTED) &&
		 (x->toks.t[s].flags & TOK_OPEN_QUOTE))
		speaker_date(x, tc, h->ts, s, &c);
	/* "decided on Sunday to reinstate Syria", "voted to expel": a decision
	 * taken (a past verb of deciding) makes its act one, whatever the
	 * time words between them suggest. */
	if (c.status == STATUS_PLANNED && !tc->will &&
	    past_decision_before(x, h->ts, cs, (type_props(x, tr) & TP_MEASURE) != 0))
		c.status = STATUS_OCCURRED;
	/* "Soviet officials have previously criticized the United States",
	 * "Tehran has time after time denied the allegations": an act of an
	 * earlier, untold time (or of many), with no time of its own, is no
	 * act of the report's day, nor the same as one told of that day. */
	if (!c.date_explicit && c.status == STATUS_OCCURRED && !tr->noun) {
		int earlier = 0;
		for (size_t q = h->ts; q > cs && q + 3 > h->ts && !earlier; q--)
			earlier = is_word(x, q - 1, "previously") || is_word(x, q - 1, "repeatedly");
		for (size_t q = h->ts; q > cs + 2 && q + 5 > h->ts && !earlier; q--)
			earlier = is_word(x, q - 3, "time") && is_word(x, q - 2, "after") && is_word(x, q - 1, "time");
		if (earlier) {
			c.date.prec = PREC_UNKNOWN;
			c.date_explicit = 0;
			c.beside = 1;
		}
	}
	/* The chronology entry's date (entry_start) for an act of the entry told
	 * without its own time; one told later than the entry ("allegations
	 * linking India to the killing in June", read as next June) is of it too. */
	if (x->entry_end && x->toks.t[s].start < x->entry_end) {
		int later = s == x->entry_tok && c.date_explicit && c.date.prec != PREC_UNKNOWN && !tc->will &&
			    c.date.year * 12 + c.date.month > x->entry_date.year * 12 + x->entry_date.month;
		if (later && c.status == STATUS_PLANNED)
			c.status = STATUS_OCCURRED;
		if ((!c.date_explicit || later) && (c.status == STATUS_OCCURRED || c.status == STATUS_NEGATED)) {
			c.date = x->entry_date;
			c.date_explicit = 1;
		}
	}
	c.ev_start = x->toks.t[s].start;
	c.ev_end = x->toks.t[e - 1].end;
	c.trig_start = x->toks.t[h->ts].start;
	c.trig_tok = h->ts;
	if ((type_props(x, tr) & TP_CONTENT) && !tr->noun) {
		/* What was agreed, for the summary: the clause after the verb. */
		size_t a = h->te, b = ce < e ? ce : e;
		while (a < b && (is_word(x, a, "that") || is_word(x, a, ",") || is_word(x, a, "on") ||
				 weekday_from_name(x->text + x->toks.t[a].start,
						   (int)(x->toks.t[a].end - x->toks.t[a].start)) >= 0))
			a++;
		if (b > a + 18) {
			b = a + 18;
			c.what_cut = 1;
		}
		/* Not ending on punctuation, nor on a word that needs one after it
		 * ("documents during the"). */
		while (b > a && ((x->toks.t[b - 1].flags & TOK_PUNCT) ||
				 tok_in(x, b - 1, WL_DETERMINER | WL_PREPOSITION) || is_word(x, b - 1, "and") ||
				 is_word(x, b - 1, "or") || is_word(x, b - 1, "during")))
			b--;
		if (b > a + 2) {
			c.what_start = x->toks.t[a].start;
			c.what_end = x->toks.t[b - 1].end;
		}
	}
	/* "condemned the decision", "rejected this proposal", "these steps":
	 * an act told before. (Set here: only this paragraph's tokens are at hand.) */
	c.refers_back = h->te + 1 < e && tok_in(x, h->te, WL_DETERMINER) &&
			tok_in(x, h->te + 1, WL_INTENTION_NOUN | WL_ACT_NOUN);
	/* "would not recognise the agreement", "rejected the sanctions": its
	 * object is a thing named before, whose word is kept. */
	if (h->te + 1 < e && tok_in(x, h->te, WL_DETERMINER) &&
	    (x->toks.t[h->te + 1].flags & TOK_WORD) && !(x->toks.t[h->te + 1].flags & TOK_CAP) &&
	    !tok_in(x, h->te + 1, WL_DETERMINER | WL_PREPOSITION) &&   /* ("warned that the ...") */
	    !is_word(x, h->te, "a") && !is_word(x, h->te, "an")) {
		size_t len = x->toks.t[h->te + 1].end - x->toks.t[h->te + 1].start;
		if (len >= 3 && len < sizeof(c.object_word)) {
			for (size_t k = 0; k < len; k++)
				c.object_word[k] = (char)tolower((unsigned char)x->text[x->toks.t[h->te + 1].start + k]);
			c.object_word[len] = '\0';
		}
	}
	/* "described this as 'unacceptable' meddling", "condemned it as a
	 * provocation": a pronoun object points back at an act told before. */
	if (!c.refers_back && !tr->noun && h->te + 1 < e &&
	    (is_word(x, h->te, "this") || is_word(x, h->te, "that") || is_word(x, h->te, "it") ||
	     is_word(x, h->te, "these") || is_word(x, h->te, "those")) &&
	    (is_word(x, h->te + 1, "as") || is_word(x, h->te + 1, "a") || is_word(x, h->te + 1, "an") ||
	     (x->toks.t[h->te + 1].flags & TOK_PUNCT)))
		c.refers_back = 1;
	/* "Prior to the meeting, the ministers paid a courtesy call on ...":
	 * told against another meeting, so not that one. */
	for (size_t q = s; q + 2 < h->ts && q < s + 4; q++) {
		size_t n = q + (is_word(x, q, "prior") || is_word(x, q, "ahead") ? 2 : 1);
		if ((is_word(x, q, "prior") && is_word(x, q + 1, "to")) || is_word(x, q, "before") ||
		    is_word(x, q, "after") || (is_word(x, q, "ahead") && is_word(x, q + 1, "of"))) {
			if (n + 1 < h->ts && is_word(x, n, "the") &&
			    (is_word(x, n + 1, "meeting") || is_word(x, n + 1, "talks") ||
			     is_word(x, n + 1, "summit") || is_word(x, n + 1, "session")))
				c.beside = 1;
			break;
		}
	}
	c.purpose = (h->ts > s && is_word(x, h->ts - 1, "to")) ||
		    (h->ts > s + 1 && is_word(x, h->ts - 2, "to") && tok_in(x, h->ts - 1, WL_SKIP_ADVERB));
	c.trig_end = x->toks.t[h->te - 1].end;
	/* "agreed to restore diplomatic relations": an act of the same type
	 * whose "to" complement this is already tells it. */
	if (c.purpose)
		for (size_t k = x->n_cands; k-- > 0;) {
			const struct cand *p = &x->cands[k];
			if (p->ev_start != c.ev_start || p->headline != c.headline)
				break;
			if (!p->dead && p->tr->type_id == tr->type_id && p->status == STATUS_OCCURRED &&
			    p->trig_tok < h->ts && p->trig_tok + 8 > h->ts)
				DROP_RET;
		}
	for (int i = 0; i < tc->tp->n; i++)
		add_topic_to(&c, tc->tp->ids[i]);
	/* "calls between A and both B and C": one call with each. */
	int both = 0;
	for (size_t q = h->te; q + 1 < ce && tr->frame == FRAME_SYMMETRIC; q++)
		both |= is_word(x, q, "and") && is_word(x, q + 1, "both");
	if (tr->frame == FRAME_SYMMETRIC && c.nsrc >= 3)
		drop_venues(x, &c, s, e);
	/* "held separate talks with A and B", "one-on-one discussions with A,
	 * with B and with C", "sat down with the leaders of A and B,
	 * respectively": one meeting of the subject with each. */
	if ((!strcmp(tr->type, "meeting") || !strcmp(tr->type, "phone_call")) && nsubj >= 1 && !nagent &&
	    x->ra[subj[0]].code[0]) {
		int each = 0, withs = 0;
		for (size_t q = h->ts > s + 3 ? h->ts - 3 : s; q <= h->te && q < e; q++)
			each |= is_word(x, q, "separate") || is_word(x, q, "separately") || is_word(x, q, "one-on-one") ||
				is_word(x, q, "bilateral") || is_word(x, q, "bilaterally");
		/* the list of those met: up to a word that says what about or where */
		size_t stop = h->te;
		while (stop < e && stop < h->te + 40 && !is_word(x, stop, ";") && !is_word(x, stop, "on") &&
		       !is_word(x, stop, "over") && !is_word(x, stop, "about") && !is_word(x, stop, "in") &&
		       !is_word(x, stop, "at") && !is_word(x, stop, "during") && !is_word(x, stop, "to") &&
		       !is_word(x, stop, "for") && !is_word(x, stop, "regarding") && !is_reporting(x, stop) &&
		       !(stop > h->te && stop == tc->next_trigger)) {
			/* (not "with the help of the EC": a means, not one met) */
			withs += is_word(x, stop, "with") &&
				 !(stop + 2 < e && is_word(x, stop + 1, "the") &&
				   (is_word(x, stop + 2, "help") || is_word(x, stop + 2, "support") ||
				    is_word(x, stop + 2, "assistance") || is_word(x, stop + 2, "mediation") ||
				    is_word(x, stop + 2, "participation") || is_word(x, stop + 2, "aid")));
			each |= is_word(x, stop, "respectively");
			stop++;
		}
		for (size_t q = h->ts; q < h->te; q++)
			withs += is_word(x, q, "with");
		each |= withs >= 2;
		int met[MAX_PARTIES], nmet = 0;
		if (each) {
			size_t m0, m1;
			mentions_in(x, h->te, stop, &m0, &m1);
			for (size_t j = m0; j < m1; j++) {
				const struct mention *m = &x->men[j];
				if (m->ra < 0 || m->kind == MK_PLACE || !x->ra[m->ra].code[0] || same_code(x, m->ra, subj[0]))
					continue;
				int dup = 0;
				for (int k = 0; k < nmet; k++)
					dup |= same_code(x, met[k], m->ra);
				if (!dup)
					push_party(met, &nmet, m->ra);
			}
		}
		if (nmet >= 2) {
			c.nsrc = 0;
			push_party(c.src, &c.nsrc, subj[0]);
			for (int i = 0; i < nmet; i++)
				push_party(c.src, &c.nsrc, met[i]);
			both = 1;
			/* each is its own meeting, not one of a group told elsewhere */
			c.beside = 1;
		}
	}
	/* "urged Bahraini officials to address the concerns rather than level
	 * accusations at Tehran": the act an appeal asks its addressee to give
	 * up ("rather than", "instead of") is the addressee's own, aimed at
	 * the one who appeals. */
	size_t rather = 0;   /* the "rather"/"instead" before the act, in its clause */
	for (size_t q = h->ts; q > s + 2 && q + 8 > h->ts && !rather; q--) {
		if ((is_word(x, q - 2, "rather") && is_word(x, q - 1, "than")) ||
		    (is_word(x, q - 2, "instead") && is_word(x, q - 1, "of")))
			rather = q - 2;
		else if ((x->toks.t[q - 1].flags & TOK_PUNCT) || tok_in(x, q - 1, WL_CLAUSE_BREAK | WL_REPORTING))
			break;
	}
	if (tr->frame == FRAME_DIRECTED && c.nsrc == 1 && c.ntgt == 1 && rather > s + 2) {
		for (size_t q = rather; q-- > s && q + 30 > rather;) {
			if (is_word(x, q, ";") || tok_in(x, q, WL_REPORTING))
				break;
			if (!tok_in(x, q, WL_CONTENT_VERB))
				continue;
			/* (the verb's addressee, named after it: "civil demands"
			 * with no name after it is a noun, not the appeal) */
			size_t m0, m1;
			int who = -1;
			mentions_in(x, q + 1, rather, &m0, &m1);
			for (size_t j = m0; j < m1 && who < 0; j++)
				if (x->men[j].ra >= 0 && x->ra[x->men[j].ra].code[0])
					who = x->men[j].ra;
			if (who < 0)
				continue;
			if (same_code(x, who, c.tgt[0]) && !same_code(x, c.src[0], c.tgt[0])) {
				int t = c.src[0];
				c.src[0] = c.tgt[0];
				c.tgt[0] = t;
			}
			break;
		}
	}
	/* "Kishida is in India on an official visit", "before leaving Tokyo at
	 * the end of a visit": the state one is in, or is leaving, on a
	 * journey is its host, whatever stands nearer the word. */
	if ((type_props(x, tr) & TP_TRAVEL) && c.nsrc == 1 && c.ntgt == 1) {
		size_t m0, m1;
		mentions_in(x, s, h->ts, &m0, &m1);
		for (size_t j = m0; j < m1; j++) {
			const struct mention *m = &x->men[j];
			if (m->ra < 0 || !same_code(x, m->ra, c.src[0]) || m->ts <= s)
				continue;
			size_t p = m->ts - 1;
			/* ("in the United States") */
			if (p > s + 1 && is_word(x, p, "the") && is_word(x, p - 1, "in"))
				p--;
			/* ("is currently in India", "is now in Tokyo": an adverb of
			 * time or manner may stand between the verb and "in".) */
			size_t bp = p > s ? p - 1 : p;
			if (bp > s && (is_word(x, bp, "currently") || is_word(x, bp, "now") || is_word(x, bp, "still") ||
				       is_word(x, bp, "already") || is_word(x, bp, "presently")))
				bp--;
			if ((is_word(x, p, "in") && p > s && tok_in(x, bp, WL_BE)) || is_word(x, p, "leaving") ||
			    is_word(x, p, "left") || is_word(x, p, "leave") || is_word(x, p, "leaves") ||
			    is_word(x, p, "departing") || is_word(x, p, "departed")) {
				int t = c.src[0];
				c.src[0] = c.tgt[0];
				c.tgt[0] = t;
				break;
			}
		}
	}
	if (!strcmp(tr->type, "rejection") && h->te + 2 < e && is_word(x, h->te, "(") &&
	    (is_word(x, h->te - 1, "opposed") || is_word(x, h->te - 1, "against"))) {
		size_t close = h->te + 1;
		while (close < e && close < h->te + 40 && !is_word(x, close, ")"))
			close++;
		size_t m0, m1;
		mentions_in(x, h->te + 1, close, &m0, &m1);
		if (close < e && is_word(x, close, ")") && m1 > m0) {
			c.nsrc = 0;
			for (size_t j = m0; j < m1; j++)
				if (x->men[j].ra >= 0 && x->ra[x->men[j].ra].code[0])
					push_party(c.src, &c.nsrc, x->men[j].ra);
			int keep = 0;
			for (int k = 0; k < c.ntgt; k++) {
				int voter = 0;
				for (int q = 0; q < c.nsrc; q++)
					voter |= same_code(x, c.tgt[k], c.src[q]);
				if (!voter)
					c.tgt[keep++] = c.tgt[k];
			}
			c.ntgt = keep;
			/* The vote is against the draft's sponsor: "the Russian
			 * draft", "Russia's draft", "the draft of the Russian
			 * Federation". */
			for (size_t q = s; q < e && !c.ntgt; q++) {
				if (!is_word(x, q, "draft"))
					continue;
				size_t a0, a1;
				mentions_in(x, s, e, &a0, &a1);
				for (size_t j = a0; j < a1; j++) {
					const struct mention *m = &x->men[j];
					int pre = m->te == q || (m->te + 1 == q && is_word(x, m->te, "'s"));
					int post = q + 2 < e && is_word(x, q + 1, "of") &&
						    (m->ts == q + 2 || (m->ts == q + 3 && is_word(x, q + 2, "the")));
					if ((pre || post) && m->ra >= 0 && x->ra[m->ra].code[0])
						push_party(c.tgt, &c.ntgt, m->ra);
				}
			}
		}
	}
	/* (a call to one's own envoy is no complaint to anyone) */
	if (envoy_call && !c.ntgt)
		DROP_RET;
	struct cand *slot;
	/* "Mexico and Venezuela withdrew their ambassadors", "the two
	 * countries severed ties": a break told of two parties and no one
	 * else is each one's act against the other. */
	int mutual = 0;
	if (!strcmp(tr->type, "expulsion") && !c.ntgt && c.nsrc == 2 && !same_code(x, c.src[0], c.src[1]) &&
	    x->ra[c.src[0]].code[0] && x->ra[c.src[1]].code[0] && x->ra[c.src[0]].kind != ACTOR_ORG &&
	    x->ra[c.src[1]].kind != ACTOR_ORG)
		for (size_t q = h->te; q < ce && q < h->te + 4 && !mutual; q++)
			mutual = is_word(x, q, "their") || is_word(x, q, "ties") || is_word(x, q, "relations");
	if (tr->frame == FRAME_DIRECTED && !c.ntgt && (mutual || reciprocal(x, h->te, ce))) {
		/* "India and China blamed each other", "each side faulting the
		 * other": one act in each direction, between the subjects or,
		 * when the subject is "each side", the parties in play. */
		int who[MAX_PARTIES], n = 0;
		for (int i = 0; i < c.nsrc; i++)
			push_party(who, &n, c.src[i]);
		for (int i = 0; n < 2 && i < x->n_sent_pair; i++)
			push_party(who, &n, x->sent_pair[i]);
		for (int i = 0; n < 2 && i < x->n_in_play; i++)
			push_party(who, &n, x->in_play[i]);
		for (int i = 0; n >= 2 && i < n; i++) {
			if (push_cand(x, &slot))
				return -1;
			*slot = c;
			slot->nsrc = 1;
			slot->src[0] = who[i];
			slot->ntgt = 0;
			for (int k = 0; k < n; k++)
				if (k != i && !same_code(x, who[k], who[i]))
					push_party(slot->tgt, &slot->ntgt, who[k]);
		}
		DROP_RET;
	}
	if (both && c.nsrc >= 3) {
		for (int i = 1; i < c.nsrc; i++) {
			if (push_cand(x, &slot))
				return -1;
			*slot = c;
			slot->nsrc = 2;
			slot->src[1] = c.src[i];
		}
	} else {
		if (push_cand(x, &slot))
			return -1;
		*slot = c;
	}
	/* "Pandor received Ukraine's foreign minister in South Africa": the
	 * guest received in the host's own country is on a visit there. */
	if (!strcmp(tr->type, "meeting") && nsubj >= 1 && nobj >= 1 && !nagent && x->toks.t[h->ts].lower_len >= 6 &&
	    !memcmp(low(x, h->ts), "receiv", 6) && x->ra[subj[0]].code[0] && !same_code(x, subj[0], obj[0]) &&
	    x->ra[obj[0]].code[0]) {
		size_t m0, m1;
		mentions_in(x, h->te, e, &m0, &m1);
		for (size_t j = m0; j < m1; j++) {
			const struct mention *m = &x->men[j];
			if (m->ts <= s || !is_word(x, m->ts - 1, "in") || m->ra < 0 || !same_code(x, m->ra, subj[0]))
				continue;
			const struct dict_trigger *v = plain_trigger(x, "visit", FRAME_DIRECTED);
			if (!v)
				break;
			if (push_cand(x, &slot))
				return -1;
			*slot = c;
			slot->tr = v;
			slot->nsrc = slot->ntgt = 0;
			push_party(slot->src, &slot->nsrc, obj[0]);
			push_party(slot->tgt, &slot->ntgt, m->ra);
			break;
		}
	}
	/* "9 members opposed (France, Japan, ...)", "two votes against (Russia
	 * and Venezuela)": a count of votes with its voters in brackets right
	 * after; the voters vote, not whoever the clause is about. */
	if (x->debug) {
		char dd[16];
		cdate_format(&c.date, dd);
		fprintf(stderr, "  raw %s %s%s st=%d src=", tr->type, dd, c.date_explicit ? "!" : "", (int)c.status);
		for (int k = 0; k < c.nsrc; k++)
			fprintf(stderr, "%s,", x->ra[c.src[k]].code);
		fprintf(stderr, " tgt=");
		for (int k = 0; k < c.ntgt; k++)
			fprintf(stderr, "%s,", x->ra[c.tgt[k]].code);
		fprintf(stderr, " [%.*s]\n", (int)(x->toks.t[h->te - 1].end - x->toks.t[h->ts].start),
			x->text + x->toks.t[h->ts].start);
	}
	if (tr->frame == FRAME_SYMMETRIC && c.nsrc >= 2) {
		x->n_sent_pair = 0;
		for (int i = 0; i < c.nsrc; i++)
			push_party(x->sent_pair, &x->n_sent_pair, c.src[i]);
	}
	/* Remember for coordination (verbs only: "at the meeting, urging" goes
	 * back to the speaker, not to the meeting). */
	if (!tr->noun) {
		tc->prev_verb = 1;
		tc->prev_verb_ts = h->ts;
		tc->prev_verb_cs = cs;
		tc->nps = 0;
		for (int i = 0; i < c.nsrc; i++)
			push_party(tc->prev_src, &tc->nps, c.src[i]);
		tc->prev_sym = tr->frame == FRAME_SYMMETRIC;
	}
	if (c.ntgt) {
		tc->npt = 0;
		for (int i = 0; i < c.ntgt; i++)
			push_party(tc->prev_tgt, &tc->npt, c.tgt[i]);
	}
	DROP_RET;
}

/* Updates the parties in play after a sentence: the persons and states of
 * its events, else the first two actors it names. */
static void update_in_play(struct extractor *x, size_t first_cand, size_t m0, size_t m1, size_t s0)
{
	int parts[MAX_PARTIES], n = 0, sym = 0;
	for (size_t i = first_cand; i < x->n_cands; i++)
		sym |= x->cands[i].tr->frame == FRAME_SYMMETRIC && x->cands[i].nsrc >= 2;
	for (size_t i = first_cand; i < x->n_cands; i++) {
		const struct cand *c = &x->cands[i];
		if (sym ? (c->tr->frame == FRAME_SYMMETRIC && c->nsrc >= 2) : c->ntgt > 0) {
			for (int k = 0; k < c->nsrc; k++)
				push_party(parts, &n, c->src[k]);
			for (int k = 0; k < c->ntgt; k++)
				push_party(parts, &n, c->tgt[k]);
			if (!sym)
				break;  /* of directed acts, the first names the pair */
		}
	}
	if (n >= 2 && !sym && x->n_in_play >= 2) {
		/* A condemnation or a denial does not change who is talking. */
	} else if (n >= 2) {
		/* The same talks go on with more people: keep those already in play. */
		int overlap = 0;
		for (int i = 0; i < n; i++)
			for (int k = 0; k < x->n_in_play; k++)
				overlap |= same_code(x, parts[i], x->in_play[k]);
		if (!overlap)
			x->n_in_play = 0;
		for (int i = 0; i < n; i++)
			push_party(x->in_play, &x->n_in_play, parts[i]);
	} else if (x->n_in_play < 2) {
		/* No event yet: the first two states or persons named. */
		for (size_t i = m0; i < m1 && x->n_in_play < 2; i++)
			if (x->men[i].ra >= 0 && x->men[i].kind != MK_PLACE) {
				int dup = 0;
				for (int k = 0; k < x->n_in_play; k++)
					dup |= same_code(x, x->in_play[k], x->men[i].ra);
				if (!dup)
					push_party(x->in_play, &x->n_in_play, x->men[i].ra);
			}
	}
	/* The subject of the last clause, for "it" and "he". An opening phrase
	 * ("Before meeting with Bush, the Crown Prince called on ...", "During
	 * his stay in Washington, he ...") names no subject: the clause after its
	 * comma does; a subject that is itself a pronoun keeps the one before. */
	size_t i0 = m0;
	if (m0 < m1 && s0 < x->toks.n) {
		/* (Not "According to the minister, ...": its speaker is the subject.) */
		int opening = !is_word(x, s0, "according") && (tok_in(x, s0, WL_PREPOSITION) || ends_in(x, s0, 3, "ing") || is_word(x, s0, "asked") ||
			      is_word(x, s0, "while") || is_word(x, s0, "when") || is_word(x, s0, "as") ||
			      is_word(x, s0, "although") || is_word(x, s0, "though") || is_word(x, s0, "upon"));
		if (opening) {
			size_t comma = s0;
			while (comma < s0 + 16 && comma < x->toks.n && !is_word(x, comma, ","))
				comma++;
			if (comma < s0 + 16 && comma < x->toks.n)
				while (i0 < m1 && x->men[i0].ts < comma)
					i0++;
			if (i0 >= m1)
				i0 = m0;
		}
		if (i0 < m1 && x->men[i0].kind == MK_PRONOUN && x->last_subject >= 0 && !x->men[i0].quoted)
			return;
	}
	for (size_t i = i0; i < m1; i++)
		if (x->men[i].ra >= 0 && !x->men[i].quoted && x->men[i].kind != MK_PLACE) {
			x->last_subject = x->men[i].ra;
			break;
		}
}

/* The length of a time phrase or adverbs at j that may stand between the
 * words of a wording: "on Wednesday", "on March 5", "yesterday", "last
 * week", "again", "sharply" ("fumed on Wednesday over", "bargained
 * yesterday over"); 0 if none. */
static size_t time_gap(const struct extractor *x, size_t j, size_t e)
{
	static const char *const days[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
	static const char *const months[] = {"january", "february", "march", "april", "may", "june", "july",
					     "august", "september", "october", "november", "december", "jan.",
					     "feb.", "aug.", "sept.", "sep.", "oct.", "nov.", "dec."};
	size_t q = j;
	while (q < e && q < j + 6) {
		if (is_word(x, q, "on") && q + 1 < e) {
			int day = 0;
			for (size_t d = 0; d < sizeof(days) / sizeof(*days) && !day; d++)
				day = is_word(x, q + 1, days[d]);
			if (day) {
				q += 2;
				continue;
			}
			int month = 0;
			for (size_t d = 0; d < sizeof(months) / sizeof(*months) && !month; d++)
				month = is_word(x, q + 1, months[d]);
			if (month && q + 2 < e && (x->toks.t[q + 2].flags & TOK_NUM)) {
				q += 3;
				continue;
			}
			break;
		}
		if ((is_word(x, q, "last") || is_word(x, q, "this") || is_word(x, q, "earlier") ||
		     is_word(x, q, "later")) && q + 1 < e &&
		    (is_word(x, q + 1, "week") || is_word(x, q + 1, "month") || is_word(x, q + 1, "year") ||
		     is_word(x, q + 1, "weekend"))) {
			q += 2;
			continue;
		}
		if (is_word(x, q, "yesterday") || is_word(x, q, "today") || is_word(x, q, "tonight") ||
		    is_word(x, q, "again") || is_word(x, q, "also") || is_word(x, q, "once") ||
		    (ends_in(x, q, 2, "ly") && !is_word(x, q, "only") && x->toks.t[q].lower_len > 4 &&
		     !(x->toks.t[q].flags & TOK_CAP))) {
			q++;
			continue;
		}
		break;
	}
	return q - j;
}

/* "fumed on Wednesday over", "bargained on Monday with": a wording whose
 * words a time phrase or adverbs (time_gap) part is found across them, in
 * place of a shorter wording at the same word; the hits of the sentence
 * from hits0 on stay in order and apart. */
static int add_gapped_hits(struct extractor *x, size_t s, size_t e, size_t hits0)
{
	for (size_t i = s; i + 2 < e; i++) {
		if (!tok_in(x, i, WL_STARTS_WORDING) || !(x->toks.t[i].flags & TOK_WORD))
			continue;
		/* the gap after the first, second or third word ("lashed out on
		 * Wednesday at") */
		size_t g = 0, pre = 0, m = 0, after = 0, n = 0;
		const struct dict_entry *es = NULL;
		for (pre = 1; pre <= 3 && i + pre < e; pre++) {
			g = time_gap(x, i + pre, e);
			if (!g)
				continue;
			struct token buf[12];
			size_t nb = 0;
			for (size_t q = i; q < i + pre; q++)
				buf[nb++] = x->toks.t[q];
			after = i + pre + g;
			for (size_t q = after; q < e && nb < sizeof(buf) / sizeof(*buf); q++)
				buf[nb++] = x->toks.t[q];
			struct token_list l = {.t = buf, .n = nb};
			m = dict_match(x->d.words, &l, 0, nb, 1, &es, &n);
			if (m > pre)
				break;
			m = 0;
		}
		if (!m)
			continue;
		size_t te = after + m - pre;
		/* the hits it would overlap: only one at the same word, shorter
		 * (or ending inside the time phrase: "called on" of "called on
		 * Friday for the lifting", whose "on" is the time's) */
		size_t at = x->n_hits, same = (size_t)-1;
		int clash = 0;
		for (size_t h = hits0; h < x->n_hits; h++) {
			const struct trigger_hit *o = &x->hits[h];
			if (o->ts == i && o->te <= after)
				same = h;
			else if (o->ts < te && o->te > i)
				clash = 1;
			if (o->ts >= i && at == x->n_hits)
				at = h;
		}
		if (clash)
			continue;
		long idx = -1;
		for (size_t k = 0; k < n && idx < 0; k++)
			if (es[k].kind == ENT_TRIGGER && tail_ok(x, &x->d.triggers[es[k].idx], te, e))
				idx = (long)es[k].idx;
		if (idx < 0)
			continue;
		struct trigger_hit hit = {(uint32_t)i, (uint32_t)te, (uint32_t)idx};
		if (x->debug) {
			char t[96];
			span_text(x, i, te, t, sizeof(t));
			fprintf(stderr, "  wording across a time phrase: '%s'\n", t);
		}
		if (same != (size_t)-1) {
			x->hits[same] = hit;
		} else {
			if (grow_array((void **)&x->hits, &x->cap_hits, x->n_hits + 1, sizeof(*x->hits)))
				return -1;
			memmove(x->hits + at + 1, x->hits + at, (x->n_hits - at) * sizeof(*x->hits));
			x->hits[at] = hit;
			x->n_hits++;
		}
		i = te - 1;
	}
	return 0;
}

/* "Xi hosted Putin", "the Emir received Lavrov": receiving, hosting or greeting a
 * person named right after the verb is a meeting. With anything else after
 * the bare verb ("received a letter", "hosted the Olympics", "received
 * Putin's message"), or as a gerund after a preposition ("thoughts about
 * hosting Putin"), it tells none: returns 1 for such a hit. */
static int bare_host_without_guest(const struct extractor *x, const struct trigger_hit *h, size_t s, size_t e)
{
	const struct dict_trigger *tr = &x->d.triggers[h->trigger];
	if (strcmp(tr->type, "meeting") || tr->noun || tr->n_tails || h->te != h->ts + 1 || h->te >= e ||
	    x->toks.t[h->ts].lower_len < 4)
		return 0;
	const char *w = low(x, h->ts);
	if (memcmp(w, "host", 4) && memcmp(w, "gree", 4) && (x->toks.t[h->ts].lower_len < 6 || memcmp(w, "receiv", 6)))
		return 0;
	if (h->ts > s && ends_in(x, h->ts, 3, "ing") && tok_in(x, h->ts - 1, WL_PREPOSITION))
		return 1;
	size_t a = h->te;
	if (is_word(x, a, "visiting") && a + 1 < e)
		a++;
	size_t m0, m1;
	mentions_in(x, a, e, &m0, &m1);
	return m1 == m0 || x->men[m0].ts != a || x->men[m0].ra < 0 || x->ra[x->men[m0].ra].kind != ACTOR_PERSON ||
	       (x->men[m0].te < e && (is_word(x, x->men[m0].te, "'s") || is_word(x, x->men[m0].te, "\u2019s")));
}

/* A transcript's turn, "Mao Ning: China firmly opposes ...", "Reuters:
 * Does China plan ...": a name and a colon opening a paragraph say who
 * speaks it to its end ("We have lodged representations" is China's); a
 * turn of no actor (a news outlet asking) speaks for nobody. Before the
 * sentence's mentions: where the turn ends (its "we" is its speaker's). */
static void turn_start(struct extractor *x, size_t s, size_t e)
{
	x->turn_name_end = 0;
	x->answer_turn = 0;
	size_t a = x->toks.t[s].start;
	while (a > 0 && (x->text[a - 1] == ' ' || x->text[a - 1] == '\t'))
		a--;
	if (a > 0 && x->text[a - 1] != '\n')
		return;   /* not at a line's start */
	size_t c = s;
	while (c < e && c < s + 6 && (x->toks.t[c].flags & TOK_CAP) && (x->toks.t[c].flags & TOK_WORD))
		c++;
	if (c == s || c >= e || !is_word(x, c, ":"))
		return;
	size_t end = x->toks.t[c].end;
	while (x->text[end] && !(x->text[end] == '\n' && x->text[end + 1] == '\n'))
		end++;
	x->para_end = end;
	x->para_speaker = -1;
	x->turn_name_end = c;
	/* "Q: ... A: ...": the question is a reporter's (no one's), the
	 * answer the briefer's. */
	x->answer_turn = c == s + 1 && (is_word(x, s, "a") || is_word(x, s, "answer"));
}

/* After them: the turn's speaker, the actor its name is. */
static void turn_speaker(struct extractor *x, size_t men0, size_t s)
{
	if (!x->turn_name_end)
		return;
	if (x->answer_turn) {
		x->para_speaker = x->briefer;
		return;
	}
	for (size_t i = men0; i < x->n_men && x->men[i].ts < x->turn_name_end; i++)
		if (x->men[i].ts == s && x->men[i].te == x->turn_name_end && x->men[i].ra >= 0 &&
		    x->men[i].kind == MK_ACTOR)
			x->para_speaker = x->men[i].ra;
}

/* "A spokesman for the Foreign Ministry of the DPRK issued the following
 * press statement:": the text after the colon, to the report's end, is
 * that speaker's; its "we" and "our" are the speaker's state. */
static void statement_follows(struct extractor *x, size_t men0, size_t s, size_t e)
{
	if (x->headline || e < s + 4 || !is_word(x, e - 1, ":") || x->turn_name_end)
		return;
	int following = 0, text = 0;
	for (size_t q = e - 1; q-- > s && q + 8 > e;) {
		following |= is_word(x, q, "following");
		text |= is_word(x, q, "statement") || is_word(x, q, "declaration") || is_word(x, q, "communique") ||
			is_word(x, q, "communiqué") || is_word(x, q, "remarks") || is_word(x, q, "message") ||
			is_word(x, q, "commentary");
	}
	if (!following || !text)
		return;
	for (size_t i = men0; i < x->n_men; i++)
		if (x->men[i].ra >= 0 && x->men[i].kind == MK_ACTOR && !x->men[i].quoted &&
		    x->ra[x->men[i].ra].code[0]) {
			x->para_speaker = x->men[i].ra;
			x->para_end = x->body_len;
			return;
		}
}

/* Where the sentence s..e points at the act told before instead of naming
 * one: "followed suit", "did the same" (*mirror = 0), "reciprocated",
 * "responded in kind", "retaliated in kind" (*mirror = 1); 0 when none. */
static size_t echo_phrase(const struct extractor *x, size_t s, size_t e, int *mirror)
{
	for (size_t i = s + 1; i < e; i++) {
		if (is_word(x, i, "suit") && (is_word(x, i - 1, "followed") || is_word(x, i - 1, "follow") ||
					      is_word(x, i - 1, "follows") || is_word(x, i - 1, "following"))) {
			*mirror = 0;
			return i - 1;
		}
		if (is_word(x, i, "same") && i >= s + 2 && is_word(x, i - 1, "the") &&
		    (is_word(x, i - 2, "did") || is_word(x, i - 2, "do") || is_word(x, i - 2, "does"))) {
			*mirror = 0;
			return i - 2;
		}
		/* (not "reciprocated the gesture": an object of its own) */
		if ((is_word(x, i, "reciprocated") || is_word(x, i, "reciprocates") || is_word(x, i, "reciprocate")) &&
		    (i + 2 >= e || !tok_in(x, i + 1, WL_DETERMINER) || is_word(x, i + 2, "next") ||
		     is_word(x, i + 2, "following") || is_word(x, i + 2, "same"))) {
			*mirror = 1;
			return i;
		}
		if (is_word(x, i, "kind") && i >= s + 2 && is_word(x, i - 1, "in") &&
		    (is_word(x, i - 2, "responded") || is_word(x, i - 2, "retaliated") || is_word(x, i - 2, "reacted") ||
		     is_word(x, i - 2, "replied") || is_word(x, i - 2, "respond") || is_word(x, i - 2, "retaliate") ||
		     is_word(x, i - 2, "responds") || is_word(x, i - 2, "retaliates"))) {
			*mirror = 1;
			return i - 2;
		}
	}
	return 0;
}

/* "Latvia and Lithuania followed suit on Saturday", "Estonia reciprocated
 * two days later": a sentence with no event word of its own that points at
 * the directed act told before tells that act again, by the parties named
 * before its verb: following suit aims at the same target, a reply in kind
 * at the one who acted first. Its time is its own, else that act's. */
static int echo_act(struct extractor *x, size_t s, size_t e, size_t men0)
{
	int mirror = 0;
	size_t p = echo_phrase(x, s, e, &mirror);
	if (!p)
		return 0;
	long prev = -1;
	for (size_t j = x->n_cands; j-- > 0 && prev < 0;) {
		const struct cand *c = &x->cands[j];
		if (!c->dead && !c->headline && c->tr->frame == FRAME_DIRECTED && c->nsrc &&
		    c->status == STATUS_OCCURRED)
			prev = (long)j;
	}
	if (prev < 0)
		return 0;
	/* (told in this paragraph or the one before: an act further back is no
	 * longer what "followed suit" points at) */
	int breaks = 0;
	for (size_t b = x->cands[prev].ev_end; b + 1 < x->toks.t[s].start && breaks < 2; b++)
		breaks += x->text[b] == '\n' && x->text[b + 1] == '\n';
	if (breaks >= 2)
		return 0;
	int src[MAX_PARTIES], nsrc = 0;
	for (size_t i = men0; i < x->n_men; i++) {
		const struct mention *m = &x->men[i];
		if (m->ts >= s && m->te <= p && m->ra >= 0 && m->kind != MK_PLACE && !m->quoted)
			push_party(src, &nsrc, m->ra);
	}
	if (!nsrc)
		return 0;
	struct cand *c;
	if (push_cand(x, &c))
		return 1;
	const struct cand *pc = &x->cands[prev];
	c->tr = pc->tr;
	memcpy(c->topics, pc->topics, sizeof(c->topics));
	c->ntopics = pc->ntopics;
	memcpy(c->src, src, sizeof(src));
	c->nsrc = nsrc;
	const int *to = mirror ? pc->src : pc->tgt;
	int nto = mirror ? pc->nsrc : pc->ntgt;
	for (int k = 0; k < nto; k++) {
		int own = 0;
		for (int q = 0; q < nsrc; q++)
			own |= same_code(x, src[q], to[k]);
		if (!own)
			push_party(c->tgt, &c->ntgt, to[k]);
	}
	c->status = STATUS_OCCURRED;
	for (size_t q = p; q > s && q + 3 > p; q--) {
		if (tok_in(x, q - 1, WL_NEGATION))
			c->status = STATUS_NEGATED;
		else if (is_word(x, q - 1, "will") || is_word(x, q - 1, "would") || is_word(x, q - 1, "to"))
			c->status = STATUS_PLANNED;
	}
	struct sent_timex tx;
	sentence_timex_of(x, s, e, &tx);
	int ti = governing_timex(x, &tx, p, p + 1, s, e, s, c->status == STATUS_PLANNED);
	if (ti >= 0) {
		c->date = tx.tx[ti].date;
		c->date_explicit = 1;
	} else {
		c->date = pc->date;
		c->date_explicit = pc->date_explicit;
	}
	c->ev_start = x->toks.t[s].start;
	c->ev_end = x->toks.t[e - 1].end;
	c->trig_start = x->toks.t[p].start;
	c->trig_end = x->toks.t[p].end;
	c->trig_tok = p;
	if (x->debug)
		fprintf(stderr, "  echo %s of cand %ld%s\n", c->tr->type, prev, mirror ? " (mirrored)" : "");
	return 0;
}

/* A chronology's entry: a line opening with a date and a dash or a colon
 * ("Sept. 18 - Trudeau tells parliament ... . Ottawa expels a senior
 * Indian diplomat."): every act the entry tells without a time of its own
 * is of that date. Called at each sentence; notes the entry's date and end. */
static void entry_start(struct extractor *x, size_t s, size_t e)
{
	size_t a = x->toks.t[s].start;
	while (a > 0 && (x->text[a - 1] == ' ' || x->text[a - 1] == '\t'))
		a--;
	if (a > 0 && x->text[a - 1] != '\n')
		return;   /* not at a line's start */
	x->entry_end = 0;
	int digit = 0;
	for (size_t i = s; i < e && i < s + 4 && !digit; i++)
		digit = (x->toks.t[i].flags & TOK_NUM) != 0;
	if (!digit)
		return;
	struct sent_timex tx;
	sentence_timex_of(x, s, e, &tx);
	if (!tx.n || tx.tok_of[0] != s || tx.tx[0].date.prec < PREC_MONTH || tx.tx[0].kind == TIMEX_DEADLINE)
		return;
	size_t after = tx.base + tx.tx[0].end, d = s;
	while (d < e && x->toks.t[d].end <= after)
		d++;
	if (d >= e || !(is_word(x, d, "-") || is_word(x, d, "\u2013") || is_word(x, d, "\u2014") || is_word(x, d, ":")))
		return;
	size_t end = x->toks.t[d].end;
	while (x->text[end] && x->text[end] != '\n')
		end++;
	/* (a chronology has more than one line: a body of one line opening on
	 * a date, a dateline's rest, is no entry) */
	size_t more = end;
	while (x->text[more] && isspace((unsigned char)x->text[more]))
		more++;
	if (!x->text[more] || more >= x->body_len)
		return;
	x->entry_date = tx.tx[0].date;
	x->entry_end = end;
	x->entry_tok = s;
	/* (a chronology tells what has happened: a day-month read as still to
	 * come, by the historical present of "tells", is last year's) */
	if (tx.tx[0].tense_used == TENSE_FUTURE && x->anchor.prec >= PREC_MONTH &&
	    x->entry_date.year * 12 + x->entry_date.month > x->anchor.year * 12 + x->anchor.month)
		x->entry_date.year--;
}

static int analyse_sentence(struct extractor *x, size_t s, size_t e)
{
	if (s >= e)
		return 0;
	size_t men0 = x->n_men, hits0 = x->n_hits, cand0 = x->n_cands;
	struct sent_topics tp;
	tp.n = 0;   /* ids[0..n) only are read */
	turn_start(x, s, e);
	entry_start(x, s, e);
	if (scan_sentence(x, s, e, &tp) || add_gapped_hits(x, s, e, hits0))
		return -1;
	turn_speaker(x, men0, s);   /* (also for a turn whose first sentence tells no act) */
	statement_follows(x, men0, s, e);
	x->sent_first = -1;
	for (size_t i = men0; i < x->n_men; i++)
		if (x->men[i].ra >= 0 && !x->men[i].quoted && x->men[i].kind != MK_PLACE) {
			x->sent_first = (int)i;
			break;
		}
	if (x->n_ra > x->cap_mpr) {
		size_t old = x->cap_mpr;
		if (grow_array((void **)&x->mentions_per_ra, &x->cap_mpr, x->n_ra, sizeof(long)))
			return -1;
		memset(x->mentions_per_ra + old, 0, (x->cap_mpr - old) * sizeof(long));
	}
	for (size_t i = men0; i < x->n_men; i++)
		if (x->men[i].ra >= 0 && x->men[i].kind != MK_PLACE)
			x->mentions_per_ra[x->men[i].ra] += x->headline ? 3 : 1;
	for (int i = 0; i < x->n_report_topics; i++)
		note_topic(&tp, x->report_topics[i]);
	if (x->headline || !x->n_report_topics) {
		for (int i = 0; i < tp.n && x->n_report_topics < 16; i++)
			x->report_topics[x->n_report_topics++] = tp.ids[i];
	}
	if (x->debug) {
		fprintf(stderr, "  sentence: %.*s\n", (int)(x->toks.t[e - 1].end - x->toks.t[s].start),
			x->text + x->toks.t[s].start);
		for (size_t i = hits0; i < x->n_hits; i++)
			fprintf(stderr, "  hit %s [%.*s]\n", x->d.triggers[x->hits[i].trigger].type,
				(int)(x->toks.t[x->hits[i].te - 1].end - x->toks.t[x->hits[i].ts].start),
				x->text + x->toks.t[x->hits[i].ts].start);
	}
	/* The briefer of a transcript: the first person its headline names
	 * ("Foreign Ministry Spokesperson Mao Ning's Regular Press
	 * Conference"). */
	for (size_t i = men0; x->headline && x->briefer < 0 && i < x->n_men; i++)
		if (x->men[i].ra >= 0 && x->men[i].kind == MK_ACTOR && x->ra[x->men[i].ra].code[0] &&
		    x->ra[x->men[i].ra].kind == ACTOR_PERSON)
			x->briefer = x->men[i].ra;
	if (x->n_hits == hits0) {
		if (!x->headline && echo_act(x, s, e, men0))
			return -1;
		update_in_play(x, cand0, men0, x->n_men, s);
		return 0;
	}
	if (x->debug)
		for (size_t i = men0; i < x->n_men; i++) {
			char t[96];
			span_text(x, x->men[i].ts, x->men[i].te, t, sizeof(t));
			fprintf(stderr, "  mention '%s' kind=%d ra=%s\n", t, x->men[i].kind,
				x->men[i].ra >= 0 ? x->ra[x->men[i].ra].name : "-");
		}
	struct sent_timex tx;
	tx.ready = 0;
	struct trigger_ctx tc;
	memset(&tc, 0, sizeof(tc));
	x->n_sent_pair = 0;
	tc.s = s;
	tc.e = e;
	tc.tx = &tx;
	tc.tp = &tp;
	tc.speaker = sentence_speaker(x, men0, x->n_men, s, e);
	if (x->para_speaker >= 0 && x->toks.t[s].start < x->para_end) {
		/* (in a turn, "we" is the turn's speaker, whoever the sentence
		 * before was about) */
		int we = 0;
		for (size_t i = men0; i < x->n_men && !we; i++)
			we = x->men[i].kind == MK_SPEAKER && !x->men[i].quoted;
		if (tc.speaker < 0 || we)
			tc.speaker = x->para_speaker;
	}
	tc.pronoun_led = is_word(x, s, "it") || is_word(x, s, "he") || is_word(x, s, "she") ||
			 is_word(x, s, "they");
	/* A quotation of the one who spoke in the sentence before: the same statement. */
	if (tc.speaker >= 0 && tc.speaker == x->last_subject && (x->toks.t[s].flags & TOK_OPEN_QUOTE))
		tc.pronoun_led = 1;
	for (size_t i = s; i + 1 < e; i++)
		if (((is_word(x, i, "same") || is_word(x, i, "that")) && is_word(x, i + 1, "day")) ||
		    /* "said at the time that Moscow would respond" */
		    (i > s && is_word(x, i - 1, "at") && (is_word(x, i, "the") || is_word(x, i, "that")) &&
		     is_word(x, i + 1, "time") && !(i + 2 < e && is_word(x, i + 2, "of"))))
			tc.same_day = 1;
	/* A trigger inside another's required tail ("lift the restrictive
	 * measures against") is part of it. */
	size_t keep = hits0, reach = 0;
	for (size_t i = hits0; i < x->n_hits; i++) {
		const struct trigger_hit *h = &x->hits[i];
		if (h->ts < reach)
			continue;
		/* "the trip follows several visits to Riyadh": a preposition
		 * belongs to the nearest word before it; when a wording of the same
		 * type stands between, the first one's tail must come before that,
		 * or it tells nothing. */
		const struct dict_trigger *tr = &x->d.triggers[h->trigger];
		if (free_relative(x, h, s) || bare_host_without_guest(x, h, s, e))
			continue;
		size_t te = tail_end(x, tr, h->te, e);
		if (te > h->te && tok_in(x, te - 1, WL_PREPOSITION)) {
			int inner = 0;
			for (size_t j = i + 1; j < x->n_hits && x->hits[j].ts < te - 1; j++)
				inner |= x->hits[j].ts >= h->te &&
					 x->d.triggers[x->hits[j].trigger].type_id == tr->type_id;
			if (inner)
				continue;
		}
		/* A tail that is a stop or a comma ("visit ... ,") only ends the
		 * wording: the words before it are no part of it ("the visit was
		 * denounced by Jordan, Egypt and Turkey"). */
		if (te > h->te && !(x->toks.t[te - 1].flags & TOK_PUNCT))
			reach = te;
		x->hits[keep++] = *h;
	}
	x->n_hits = keep;
	/* A hit at a tail word of the wording before it is part
	 * of that act once it made one (else it is read on its own). */
	const struct trigger_hit *made = NULL;
	for (size_t i = hits0; i < x->n_hits; i++) {
		const struct trigger_hit *h = &x->hits[i];
		if (made && in_own_tail(x, &x->d.triggers[made->trigger], made->te, e, h))
			continue;
		size_t j = i + 1;
		while (j < x->n_hits && in_own_tail(x, &x->d.triggers[h->trigger], h->te, e, &x->hits[j]))
			j++;
		tc.next_trigger = j < x->n_hits ? x->hits[j].ts : e;
		size_t nc = x->n_cands;
		if (analyse_trigger(x, h, &tc))
			return -1;
		if (x->n_cands > nc)
			made = h;
	}
	/* "Accusing Paris of overfishing, Canada said yesterday that ...": a
	 * participle opening the sentence shares the subject and the time of
	 * the clause after its comma, whose first act is the next one. */
	if (cand0 + 1 < x->n_cands && x->cands[cand0].trig_tok == s && ends_in(x, s, 4, "ing") &&
	    x->cands[cand0].tr->frame == FRAME_DIRECTED) {
		struct cand *c = &x->cands[cand0];
		const struct cand *n = &x->cands[cand0 + 1];
		size_t comma = s;
		while (comma < n->trig_tok && !is_word(x, comma, ","))
			comma++;
		if (comma < n->trig_tok && n->nsrc) {
			c->nsrc = 0;
			for (int k = 0; k < n->nsrc; k++)
				push_party(c->src, &c->nsrc, n->src[k]);
			if (n->date_explicit && !c->date_explicit) {
				c->date = n->date;
				c->date_explicit = 1;
			}
		}
	}
	/* ("..., Canada yesterday said that ...": the time of the verb after the
	 * comma, before what it says.) */
	if (cand0 < x->n_cands && x->cands[cand0].trig_tok == s && ends_in(x, s, 4, "ing") &&
	    x->cands[cand0].tr->frame == FRAME_DIRECTED && !x->cands[cand0].date_explicit &&
	    x->cands[cand0].status == STATUS_OCCURRED) {
		struct cand *c = &x->cands[cand0];
		size_t comma = s;
		while (comma < e && !is_word(x, comma, ","))
			comma++;
		size_t end = comma + 1;
		while (end < e && end < comma + 10 && !is_word(x, end, "that") && !is_word(x, end, ",") &&
		       !tok_in(x, end, WL_CLAUSE_BREAK))
			end++;
		sentence_timex(x, &tc);
		for (size_t i = 0; comma < e && i < tx.n; i++)
			if (tx.tok_of[i] > comma && tx.tok_of[i] < end && tx.tx[i].date.prec != PREC_UNKNOWN &&
			    tx.tx[i].kind != TIMEX_DEADLINE && !(tx.tx[i].flags & TIMEX_F_CITATION) &&
			    tx.tx[i].tense_used != TENSE_FUTURE) {
				c->date = tx.tx[i].date;
				c->date_explicit = 1;
				break;
			}
	}
	/* "Xi welcomed Wang", "Wang was welcomed by the President": a welcome of
	 * a person is a greeting, not support. The object of the active verb, or
	 * the subject of the passive one, is a person (not "Wang's remarks"). */
	for (size_t i = cand0; i < x->n_cands; i++) {
		struct cand *c = &x->cands[i];
		size_t t = c->trig_tok;
		char w[16];
		if (c->dead || t >= e)
			continue;
		span_text(x, t, t + 1, w, sizeof(w));
		for (char *p = w; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		/* (a welcome to one's country is the hosts' meeting: kept) */
		if (!has_prefix(w, "welcom") || strcmp(c->tr->type, "support"))
			continue;
		int passive = t > s && (is_word(x, t - 1, "was") || is_word(x, t - 1, "were") ||
					is_word(x, t - 1, "been") || is_word(x, t - 1, "being"));
		int greeting = 0;
		for (size_t k = men0; k < x->n_men && !greeting; k++) {
			const struct mention *m = &x->men[k];
			if (m->ra < 0 || x->ra[m->ra].kind != ACTOR_PERSON)
				continue;
			if (!passive && m->ts > t && m->ts <= t + 3 && !is_word(x, m->te, "'s")) {
				int plain = 1;
				for (size_t q = t + 1; q < m->ts; q++)
					plain &= is_word(x, q, "the") || is_word(x, q, "visiting");
				greeting = plain;
			}
			if (passive && m->te <= t - 1 && m->te + 3 >= t - 1 &&
			    (k + 1 >= x->n_men || x->men[k + 1].ts >= t)) {
				int plain = 1;
				for (size_t q = m->te; q < t - 1; q++)
					plain &= is_word(x, q, ",") || tok_in(x, q, WL_SKIP_ADVERB);
				greeting = plain;
			}
		}
		if (greeting) {
			c->dead = 1;
			if (x->debug)
				fprintf(stderr, "dead %zu @events:%d\n", (size_t)(c - x->cands), __LINE__);
		}
	}
	/* "will not accept a ban on its grain", "rejected the sanctions": a
	 * measure named as the object of a refusal is no act of the refuser. */
	for (size_t i = cand0; i < x->n_cands; i++) {
		const struct cand *c = &x->cands[i];
		if (c->dead || strcmp(c->tr->type, "rejection"))
			continue;
		for (size_t k = cand0; k < x->n_cands; k++) {
			struct cand *n = &x->cands[k];
			size_t t = n->trig_tok;
			if (k == i || t <= c->trig_tok || t >= e)
				continue;
			/* After a determiner the word is a noun, whatever its wording. */
			if ((n->tr->noun && x->toks.t[t - 1].end == c->trig_end) ||
			    (t >= 2 && tok_in(x, t - 1, WL_DETERMINER) && x->toks.t[t - 2].end == c->trig_end)) {
				n->dead = 1;
				if (x->debug)
					fprintf(stderr, "dead %zu @events:%d\n", k, __LINE__);
			}
		}
	}
	/* "welcomed the declaration signed by X and Y": a reaction to the next
	 * event of the sentence is aimed at its parties. */
	for (size_t i = cand0; i + 1 < x->n_cands; i++) {
		struct cand *c = &x->cands[i];
		const struct cand *n = &x->cands[i + 1];
		if (c->tr->frame != FRAME_DIRECTED || c->ntgt || n->trig_tok == 0 ||
		    !(type_props(x, c->tr) & TP_REACTION) ||
		    is_word(x, n->trig_tok - 1, "and") || is_word(x, n->trig_tok - 1, ","))
			continue;
		/* ("the visit was further denounced by Jordan, prompting Egypt to
		 * urge calm": a passive reaction's object is its subject before.) */
		size_t b = c->trig_tok;
		while (b > s && tok_in(x, b - 1, WL_SKIP_ADVERB) && !tok_in(x, b - 1, WL_BE))
			b--;
		if (b > s && tok_in(x, b - 1, WL_BE) && c->trig_tok + 1 < e && is_word(x, c->trig_tok + 1, "by"))
			continue;
		for (int k = 0; k < n->nsrc; k++)
			push_party(c->tgt, &c->ntgt, n->src[k]);
		for (int k = 0; k < n->ntgt; k++)
			push_party(c->tgt, &c->ntgt, n->tgt[k]);
	}
	update_in_play(x, cand0, men0, x->n_men, s);
	if (x->debug) {
		fprintf(stderr, "  in play:");
		for (int i = 0; i < x->n_in_play; i++)
			fprintf(stderr, " %s", x->ra[x->in_play[i]].name);
		fprintf(stderr, "\n");
	}
	/* The time of the sentence is that of its first event, when it names one. */
	x->carry_date.prec = PREC_UNKNOWN;
	if (cand0 < x->n_cands && x->cands[cand0].date_explicit && x->cands[cand0].status == STATUS_OCCURRED)
		x->carry_date = x->cands[cand0].date;
	for (size_t i = cand0; i < x->n_cands; i++)
		if (x->cands[i].date_explicit && x->cands[i].status == STATUS_OCCURRED)
			x->carry_last = x->cands[i].date;
	return 0;
}

/* ---- the report --------------------------------------------------------- */

/* The longest piece of a paragraph analysed at once, in bytes. Real
 * paragraphs are far shorter (a long one is 3 KB); the bound is for bodies
 * that never break a line. */
#define PARA_MAX ((size_t)64 * 1024)

/* "time after time", "day after day", "step by step", "one by one": a
 * noun repeated around "after" or "by" is an adverbial of frequency or
 * manner. Its preposition begins no clause and names no agent: the three
 * words are skipped like an adverb between a subject and its verb ("Tehran
 * has time after time denied the allegations"). */
static void repeated_adverbials(struct extractor *x)
{
	for (size_t i = 1; i + 1 < x->toks.n; i++) {
		const struct token *a = &x->toks.t[i - 1], *b = &x->toks.t[i + 1];
		if (!(is_word(x, i, "after") || is_word(x, i, "by")) || !(a->flags & TOK_WORD) ||
		    a->lower_len != b->lower_len || a->lhash != b->lhash || (a->flags & TOK_CAP) != (b->flags & TOK_CAP))
			continue;
		for (size_t k = i - 1; k <= i + 1; k++)
			x->wmask[k] = WL_SKIP_ADVERB;
	}
}

static int analyse_text(struct extractor *x, const char *text, size_t len, int headline, size_t base)
{
	(void)base;
	x->text = text;
	x->headline = headline;
	size_t p = 0;
	int continued = 0;   /* p is inside a paragraph cut in pieces */
	while (p < len) {
		/* The paragraph ends at a blank line: from one newline to the next. */
		size_t q = p;
		for (;;) {
			const char *nl = q < len ? memchr(text + q, '\n', len - q) : NULL;
			if (!nl) {
				q = len;
				break;
			}
			q = (size_t)(nl - text);
			if (q + 1 >= len || text[q + 1] == '\n')
				break;
			q++;
		}
		/* A paragraph longer than PARA_MAX is taken in pieces ending at a
		 * sentence's end (else a space), so that the tokens held at once
		 * stay bounded whatever the input: a body of one unbroken paragraph
		 * costs no more than one of many. */
		int piece = 0;
		if (q - p > PARA_MAX) {
			size_t cut = 0, space = 0;
			for (size_t k = p + PARA_MAX; k > p + PARA_MAX / 2 && !cut; k--) {
				if (text[k] == ' ' || text[k] == '\n') {
					if (!space)
						space = k;
					if (strchr(".!?", text[k - 1]))
						cut = k;
				}
			}
			q = cut ? cut : space ? space : p + PARA_MAX;
			piece = 1;
		}
		size_t start = p;
		struct dateline dl;
		if (!headline && !continued && dateline_parse(text + p, q - p, &dl))
			start = p + dl.consumed;
		continued = piece;
		token_list_reset(&x->toks);
		x->n_men = 0;
		x->n_hits = 0;
		if (tokenize(text + start, q - start, start, &x->toks) || mark_tokens(x))
			return -1;
		repeated_adverbials(x);
		x->n_sents = 0;
		if (headline) {
			if (grow_array((void **)&x->sents, &x->cap_sents, 1, sizeof(*x->sents)))
				return -1;
			x->sents[0] = (struct sentence_span){0, x->toks.n};
			x->n_sents = x->toks.n ? 1 : 0;
		} else if (split_sentences(text, &x->toks, 0, x->toks.n, &x->sents, &x->n_sents, &x->cap_sents)) {
			return -1;
		}
		for (size_t i = 0; i < x->n_sents; i++)
			if (analyse_sentence(x, x->sents[i].tok_start, x->sents[i].tok_end))
				return -1;
		p = q;
		while (p < len && text[p] == '\n')
			p++;
	}
	return 0;
}

/* Sets x->place_ra to the state of the dateline's place ("TOKYO", "New
 * Delhi"), read with the names dictionary in its usual case, or leaves -1.
 * Returns 0, or -1 when memory ran out. */
static int dateline_state(struct extractor *x, const char *place)
{
	char name[96];
	size_t n = 0;
	int start = 1;
	/* "SOCHI, Russia", "PALM BEACH, the United States": the country after
	 * the place names the state. */
	const char *comma = strrchr(place, ',');
	if (comma) {
		place = comma + 1 + strspn(comma + 1, " ");
		if (!strncmp(place, "the ", 4))
			place += 4;
	}
	/* "NEW DELHI" -> "New Delhi": names are matched as written in prose. */
	for (const char *p = place; *p && n + 1 < sizeof(name); p++) {
		unsigned char c = (unsigned char)*p;
		name[n++] = (char)(start ? toupper(c) : (c < 128 ? tolower(c) : c));
		start = c == ' ' || c == '-';
	}
	name[n] = '\0';
	struct token_list l;
	token_list_init(&l);
	if (tokenize(name, n, 0, &l)) {
		token_list_release(&l);
		return -1;
	}
	const struct dict_entry *es = NULL;
	size_t ne = 0;
	size_t m = l.n ? dict_match(x->d.names, &l, 0, l.n, 0, &es, &ne) : 0;
	for (size_t k = 0; m == l.n && k < ne; k++)
		if (es[k].kind == ENT_ACTOR && x->d.actors[es[k].idx].kind == ACTOR_STATE) {
			x->place_ra = ractor_of_dict_actor(x, es[k].idx);
			break;
		} else if (es[k].kind == ENT_ACTOR && x->d.actors[es[k].idx].kind == ACTOR_ORG && x->last_org < 0) {
			/* "BRUSSELS ... the Council decided": the organisation whose
			 * seat datelines the report is the one "the Council" is of,
			 * until the text names another. */
			x->last_org = ractor_of_dict_actor(x, es[k].idx);
		}
	token_list_release(&l);
	return 0;
}

int extract_events(struct extractor *x, const struct report *r, struct event_list *out, char **err)
{
	for (size_t i = 0; i < x->n_named; i++)
		free(x->named_names[i]);
	x->n_ra = x->n_cands = x->n_named = 0;
	memset(x->person_names, 0, sizeof(x->person_names));
	x->n_in_play = 0;
	x->n_sent_pair = 0;
	x->last_subject = -1;
	x->para_speaker = -1;
	x->para_end = 0;
	x->entry_end = 0;
	x->turn_name_end = 0;
	x->answer_turn = 0;
	x->briefer = -1;
	x->last_org = -1;
	x->sent_first = -1;
	x->carry_date.prec = PREC_UNKNOWN;
	x->carry_last.prec = PREC_UNKNOWN;
	if (x->mentions_per_ra)
		memset(x->mentions_per_ra, 0, x->cap_mpr * sizeof(long));
	x->n_report_topics = 0;
	x->anchor = report_date(r);
	x->report_no++;   /* before any report actor: it stamps their caches */
	x->place_ra = -1;
	x->issuer_ra = -1;
	if (r->place && dateline_state(x, r->place))
		goto oom;
	/* The state of the agency or ministry that issued the report (KCNA: North
	 * Korea; Reuters: none). */
	const char *issuer = r->agency ? agency_state(r->agency) : NULL;
	long issuer_actor = issuer ? dict_actor_by_code(&x->d, issuer) : -1;
	if (issuer_actor >= 0)
		x->issuer_ra = ractor_of_dict_actor(x, issuer_actor);
	x->story_known = 0;
	x->title_len = r->title ? strlen(r->title) : 0;
	x->body_len = r->body ? strlen(r->body) : 0;
	if (r->title && analyse_text(x, r->title, x->title_len, 1, 0))
		goto oom;
	if (r->body && analyse_text(x, r->body, x->body_len, 0, 0))
		goto oom;
	prune_parties(x);
	merge_cands(x);
	merge_rounds(x);
	complete_parties(x);
	if (x->debug)
		for (size_t i = 0; i < x->n_cands; i++) {
			const struct cand *c = &x->cands[i];
			char d[16];
			cdate_format(&c->date, d);
			fprintf(stderr, "cand %zu %s %s%s st=%d%s src=", i, c->tr->type, d, c->date_explicit ? "!" : "",
				(int)c->status, c->dead ? " dead" : "");
			for (int k = 0; k < c->nsrc; k++)
				fprintf(stderr, "%s,", x->ra[c->src[k]].code);
			fprintf(stderr, " tgt=");
			for (int k = 0; k < c->ntgt; k++)
				fprintf(stderr, "%s,", x->ra[c->tgt[k]].code);
			fprintf(stderr, " [%.*s] | %.70s\n", (int)(c->trig_end - c->trig_start),
				(c->headline ? r->title : r->body) + c->trig_start,
				(c->headline ? r->title : r->body) + c->ev_start);
		}
	merge_cands(x);
	for (size_t i = 0; i < x->n_cands; i++) {
		size_t before = out->n;
		if (!x->cands[i].dead && emit(x, r, &x->cands[i], out))
			goto oom;
		for (size_t k = before; k < out->n; k++)
			out->items[k].confidence = cand_confidence(x, &x->cands[i], &out->items[k]);
	}
	return 0;
oom:
	*err = strdup("out of memory");
	return -1;
}
