/* Extraction, clauses and parties: the clause of a trigger, its subject and
 * object (passives, reported speech, participles, coordination, ask verbs,
 * reciprocals) and its modality (negation, plans, conditions, cancellations).
 * (The stages: see extract_int.h.) */
#include "ingest/extract/extract_int.h"

/* ---- parties ------------------------------------------------------------ */

/* Whether a "that" after a reporting verb opens a clause in [s, end). */
static int reported_that_before(const struct extractor *x, size_t s, size_t end)
{
	for (size_t q = s + 1; q < end; q++)
		if (is_word(x, q, "that") && is_reporting(x, q - 1))
			return 1;
	return 0;
}

/* "dismissed as baseless the allegations made by X", "rejected as
 * unacceptable Tokyo's demand", "condemned as a violation": an "as" right
 * after the verb, before a lower-case word that opens no clause, is the
 * verb's complement, and the clause goes on to the verb's object ("as
 * the talks began", "as it", "as they" still open a clause). */
static int as_complement(const struct extractor *x, size_t k, size_t b, size_t e)
{
	if (!is_word(x, b, "as") || b + 1 >= e || !(b == k + 1 || ends_in(x, b - 1, 2, "ed")))
		return 0;
	size_t n = b + 1;
	if (!(x->toks.t[n].flags & TOK_WORD) || (x->toks.t[n].flags & TOK_CAP))
		return 0;
	if (tok_in(x, n, WL_DETERMINER) && !is_word(x, n, "a") && !is_word(x, n, "an"))
		return 0;
	return !is_word(x, n, "it") && !is_word(x, n, "they") && !is_word(x, n, "he") && !is_word(x, n, "she") &&
	       !is_word(x, n, "we") && !is_word(x, n, "i") && !is_word(x, n, "you") && !is_word(x, n, "part") &&
	       !is_word(x, n, "well") && !is_word(x, n, "soon") && !is_word(x, n, "long") && !is_word(x, n, "far");
}

/* Clause bounds around token k within sentence [s, e). */
/* Whether the "as" at b, after the verb's object, opens the complement of
 * a verb that takes one ("recognized Guaido as interim president on
 * Wednesday", "described the move as a provocation"), not a clause of its
 * own ("as the talks ended", "as it said"): a lower-case word after it that
 * is no subject pronoun, and no verb in the past or of "be" in the next
 * words. */
static int as_verb_complement(const struct extractor *x, size_t k, size_t b, size_t e)
{
	/* verbs that take one: recognise X as, describe, brand, label,
	 * denounce, condemn, dismiss, reject, regard, designate, view, hail */
	static const char *const takes_as[] = {"recogni", "describ", "brand", "label", "denounc", "condemn",
					       "dismiss", "reject", "regard", "designat", "view", "hail", "decr",
					       "list", "classif", "slam", "criticis", "criticiz", "welcom"};
	int takes = 0;
	for (size_t i = 0; i < sizeof takes_as / sizeof *takes_as && !takes; i++)
		takes = has_prefix(low(x, k), takes_as[i]);
	if (!takes || b + 1 >= e || !(x->toks.t[b + 1].flags & TOK_WORD) || (x->toks.t[b + 1].flags & TOK_CAP) ||
	    is_word(x, b + 1, "it") || is_word(x, b + 1, "he") || is_word(x, b + 1, "she") || is_word(x, b + 1, "they") ||
	    is_word(x, b + 1, "we") || is_word(x, b + 1, "you") || is_word(x, b + 1, "i") || is_word(x, b + 1, "of") ||
	    is_word(x, b + 1, "if") || is_word(x, b + 1, "soon") || is_word(x, b + 1, "long") || is_word(x, b + 1, "far"))
		return 0;
	for (size_t q = b + 1; q < e && q < b + 9; q++) {
		if (is_word(x, q, ",") || is_word(x, q, ";"))
			break;
		if (q > b + 1 && (ends_in(x, q, 2, "ed") || tok_in(x, q, WL_BE) || tok_in(x, q, WL_REPORTING)))
			return 0;
	}
	return 1;
}

void clause_of(const struct extractor *x, size_t k, size_t s, size_t e, size_t *cs, size_t *ce)
{
	size_t a = k;
	while (a > s) {
		/* "Lebanon and Israel, which are still at war, held talks": a closed
		 * relative clause is skipped, the main clause goes on before it. */
		if ((is_word(x, a - 1, "which") || is_word(x, a - 1, "who") || is_word(x, a - 1, "whom")) && a - 1 > s &&
		    is_word(x, a - 2, ",")) {
			int closed = 0;
			for (size_t q = a; q < k; q++)
				closed |= is_word(x, q, ",");
			if (closed) {
				a -= 2;
				continue;
			}
		}
		/* "The European Community (EC) accused", "Truss today (Thursday 24
		 * February) called in": a short bracket is an aside, not a clause. */
		if (is_word(x, a - 1, ")")) {
			size_t q = a - 1;
			while (q > s && q + 8 > a && !is_word(x, q - 1, "(") && !is_word(x, q - 1, ")"))
				q--;
			if (q > s && is_word(x, q - 1, "(") && q - 1 > s) {
				a = q - 1;
				continue;
			}
		}
		if (tok_in(x, a - 1, WL_CLAUSE_BREAK) || is_reporting(x, a - 1))
			break;
		/* ", freezing their assets": a participle after a comma tells
		 * more of the act before it; what precedes the comma is not its
		 * clause. */
		if (a == k && is_word(x, a - 1, ",") && ends_in(x, k, 4, "ing"))
			break;
		/* "said that ..." / "that" after a reporting verb starts a new clause,
		 * and so does a second one: "noted that A, and that B". */
		if (is_word(x, a - 1, "that") && a - 1 > s &&
		    (is_reporting(x, a - 2) || (a - 2 > s && is_word(x, a - 2, "and") && is_word(x, a - 3, ",") &&
						 reported_that_before(x, s, a - 3))))
			break;
		/* "NATO had informed Russia that ...", "reminded reporters that
		 * ...", "Beijing told Manila it would ...": a verb of telling, its
		 * hearer, then what is told. */
		if (a > s + 2 && a < k && hearer_before(x, a, s))
			break;
		a--;
	}
	size_t b = k + 1;
	while (b < e) {
		if (tok_in(x, b, WL_CLAUSE_BREAK) && !is_word(x, b, "after") && !is_word(x, b, "before") && !is_word(x, b, "when") &&
		    !(is_word(x, b, "as") && ((b + 1 < e && (is_word(x, b + 1, "well") || is_word(x, b + 1, "part"))) ||
					   is_word(x, b - 1, "such") || is_word(x, b - 1, "well") ||
					   as_verb_complement(x, k, b, e))) &&
		    !as_complement(x, k, b, e))
			break;
		if (is_word(x, b, ",") && b + 1 < e) {
			/* ", Kishida told Kerry": the reporting clause is not the object. */
			size_t c = b + 1, lim = b + 10 < e ? b + 10 : e;
			for (; c < lim; c++)
				if (is_reporting(x, c))
					break;
			if (c < lim)
				break;
		}
		if (is_reporting(x, b))
			break;
		/* ", implementing a resolution adopted on Thursday": another clause. */
		if (is_word(x, b, ",") && b + 1 < e && (x->toks.t[b + 1].flags & TOK_WORD)) {
			if (ends_in(x, b + 1, 5, "ing"))
				break;
		}
		b++;
	}
	*cs = a;
	*ce = b;
}

int push_party(int *arr, int *n, int ra)
{
	if (ra < 0)
		return 0;
	for (int i = 0; i < *n; i++)
		if (arr[i] == ra)
			return 0;
	if (*n < MAX_PARTIES)
		arr[(*n)++] = ra;
	return 1;
}

size_t hearer_before(const struct extractor *x, size_t t, size_t s)
{
	int that = t > s + 1 && is_word(x, t - 1, "that");
	size_t q = that ? t - 1 : t;
	if (!that && !(is_word(x, t, "it") || is_word(x, t, "they") || is_word(x, t, "he") || is_word(x, t, "she")))
		return 0;
	for (size_t v = q; v-- > s && v + 7 > q;) {
		if (tok_in(x, v, WL_TELL_VERB))
			return v < q - 1 ? v + 1 : 0;   /* (a hearer between) */
		if (is_word(x, v, ",") || tok_in(x, v, WL_CLAUSE_BREAK) || is_reporting(x, v))
			return 0;
		if (!that && !(x->toks.t[v].flags & TOK_CAP) && !tok_in(x, v, WL_DETERMINER) && !is_word(x, v, "'s"))
			return 0;
	}
	return 0;
}

/* The reporting verb (its token + 1) that a pronoun at t follows: "said
 * it", "said that it", "said on Monday that they", else 0. */
static size_t reporting_before(const struct extractor *x, size_t t)
{
	if (t > 0 && is_reporting(x, t - 1))
		return t;
	if (t < 2 || !is_word(x, t - 1, "that"))
		return 0;
	for (size_t q = t - 1; q > 0 && q + 8 > t; q--) {
		if (is_reporting(x, q - 1))
			return q;
		if (!(x->toks.t[q - 1].flags & (TOK_CAP | TOK_NUM)) && !is_word(x, q - 1, "on") &&
		    !is_word(x, q - 1, "(") && !is_word(x, q - 1, ")") && !is_word(x, q - 1, "today") &&
		    !is_word(x, q - 1, "yesterday") && !is_word(x, q - 1, "last") && !is_word(x, q - 1, "night") &&
		    !is_word(x, q - 1, "late") && !is_word(x, q - 1, "early"))
			return 0;
	}
	return 0;
}

/* Expands a mention into report actors (collectives to the parties in play). */
static void mention_parties(struct extractor *x, const struct mention *m, int *arr, int *n, int speaker)
{
	/* "The Saudi authorities said they had severed all links", "China said
	 * it would retaliate", "Riyadh said on Monday that it was cutting ties":
	 * the pronoun after the reporting verb is its speaker. */
	if ((m->kind == MK_PRONOUN || (m->kind == MK_COLLECTIVE && is_word(x, m->ts, "they"))) && speaker >= 0 &&
	    m->ts > 0 && !m->quoted && reporting_before(x, m->ts)) {
		push_party(arr, n, speaker);
		return;
	}
	switch (m->kind) {
	case MK_ACTOR:
	case MK_ADJ:
		push_party(arr, n, m->ra);
		break;
	case MK_COLLECTIVE:
		/* "X spoke with Y, and the two agreed": those of the sentence's own
		 * meeting or call first, else those in play. */
		if (x->n_sent_pair >= 2) {
			for (int i = 0; i < x->n_sent_pair; i++)
				push_party(arr, n, x->sent_pair[i]);
			break;
		}
		/* "Ministers from Egypt, Ethiopia and Sudan gathered in Khartoum,
		 * and they failed to agree": "they" after a group of two or more
		 * the sentence named before it (not as places) is that group. */
		if (is_word(x, m->ts, "they") && x->sent_first >= 0) {
			size_t mi = (size_t)(m - x->men), j = (size_t)x->sent_first;
			for (; j < mi; j++) {
				size_t g = group_end(x, j, mi);
				/* (not a group after a preposition, "relations between
				 * Djibouti and Eritrea", but "ministers from" or "of") */
				size_t b = x->men[j].ts;
				while (b > 0 && tok_in(x, b - 1, WL_DETERMINER))
					b--;
				if (b > 0 && tok_in(x, b - 1, WL_PREPOSITION) && !is_word(x, b - 1, "from") &&
				    !is_word(x, b - 1, "of")) {
					j = g - 1;
					continue;
				}
				int states = 0;
				for (size_t q = j; q < g; q++)
					states += x->men[q].ra >= 0 && x->men[q].kind == MK_ACTOR && !x->men[q].quoted &&
						  x->ra[x->men[q].ra].kind != ACTOR_PERSON;
				if (states >= 2 && states == (int)(g - j)) {
					for (size_t q = j; q < g; q++)
						push_party(arr, n, x->men[q].ra);
					break;
				}
				j = g - 1;
			}
			if (j < mi)
				break;
		}
		for (int i = 0; i < x->n_in_play; i++)
			push_party(arr, n, x->in_play[i]);
		break;
	case MK_PRONOUN:
		push_party(arr, n, x->last_subject);
		break;
	case MK_SPEAKER:
		push_party(arr, n, speaker >= 0 ? speaker : x->last_subject);
		break;
	case MK_COUNTERPART:
		/* The other party in play than the subject. */
		for (int i = 0; i < x->n_in_play; i++)
			if (x->in_play[i] != x->last_subject) {
				push_party(arr, n, x->in_play[i]);
				break;
			}
		break;
	}
}

/* The first mention from index lo on that starts at token t or later. */
static size_t mention_at_or_after(const struct extractor *x, size_t lo, size_t t)
{
	size_t hi = x->n_men;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->men[mid].ts < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The mentions within tokens [a, b), as indices [*first, *last). Mentions
 * are added in text order (a mention that replaces the last one keeps its
 * start), so their starts never decrease: binary searches. */
void mentions_in(const struct extractor *x, size_t a, size_t b, size_t *first, size_t *last)
{
	*first = mention_at_or_after(x, 0, a);
	*last = mention_at_or_after(x, *first, b);
}

/* The speaker of a sentence: the first actor outside quotations next to a
 * reporting verb. */
/* The last one named as a speaker before token s in the paragraph: "Fox
 * said", "said Fox", "according to Fox", each with a named actor (not a
 * pronoun, not a quoted name, not a place); -1 if none. "'...,' he said"
 * and "she added" take that one, not the last subject of a clause. */
static int last_named_speaker(const struct extractor *x, size_t m0, size_t s)
{
	for (size_t j = m0; j-- > 0;) {
		const struct mention *m = &x->men[j];
		if (m->te > s)
			continue;
		if (m->ts + 400 < s)
			break;
		if (m->ra < 0 || m->quoted || m->kind == MK_PLACE || m->kind == MK_PRONOUN)
			continue;
		if (m->te < x->toks.n && is_reporting(x, m->te) && !(x->toks.t[m->te].flags & TOK_QUOTED))
			return m->ra;
		/* ("said Fox." but not "said Venezuela had ...": the inverted
		 * speaker closes its clause) */
		if (m->ts > 0 && is_reporting(x, m->ts - 1) && !(x->toks.t[m->ts - 1].flags & TOK_QUOTED) &&
		    (m->te >= x->toks.n || is_word(x, m->te, ".") || is_word(x, m->te, ",") || is_word(x, m->te, ";")))
			return m->ra;
		if (m->ts > 1 && is_word(x, m->ts - 1, "to") && is_word(x, m->ts - 2, "according"))
			return m->ra;
	}
	return -1;
}

/* The one a "he" or "she" before a reporting verb names: the last named
 * speaker, else the last subject. */
static int pronoun_speaker(const struct extractor *x, const struct mention *m, size_t m0, size_t s)
{
	if (is_word(x, m->ts, "he") || is_word(x, m->ts, "she")) {
		int who = last_named_speaker(x, m0, s);
		if (who >= 0)
			return who;
	}
	return x->last_subject;
}

int sentence_speaker(struct extractor *x, size_t m0, size_t m1, size_t s, size_t e)
{
	/* "A spokesperson for the Chinese Defense Ministry, alluding to the
	 * Takaichi comment, said ...": the subject that opens the sentence
	 * speaks, not a name inside the phrase before the verb. */
	size_t r = s;
	while (r < e && (!is_reporting(x, r) || (x->toks.t[r].flags & TOK_QUOTED)))
		r++;
	/* "Any Iranian attack will bring a response, a Soviet official said":
	 * a clause told first and its teller after the comma before the verb.
	 * (Not "Lavrov, visiting China, said": there the name opens the
	 * sentence right before the comma.) */
	if (r < e && r > s + 4) {
		size_t comma = r;
		while (comma > s && comma + 8 > r && !is_word(x, comma - 1, ",") &&
		       !(x->toks.t[comma - 1].flags & TOK_QUOTED) && !ends_in(x, comma - 1, 3, "ing"))
			comma--;
		if (comma > s + 4 && is_word(x, comma - 1, ",") && !(x->toks.t[comma - 1].flags & TOK_QUOTED)) {
			int after = -1, opens_apposition = 0;
			for (size_t i = m0; i < m1; i++) {
				const struct mention *m = &x->men[i];
				if (m->ts < comma && m->te == comma - 1)
					opens_apposition |= i == m0;
				if (m->ts >= comma && m->te <= r && !m->quoted && m->kind != MK_PLACE && m->ra >= 0)
					after = m->ra;
				/* "..., she said": the one who spoke last */
				if (m->ts >= comma && m->te <= r && m->kind == MK_PRONOUN && m->ra < 0 &&
				    (is_word(x, m->ts, "he") || is_word(x, m->ts, "she")))
					after = pronoun_speaker(x, m, m0, s);
			}
			if (after >= 0 && !opens_apposition)
				return after;
		}
	}
	if (r < e && r > s) {
		int that = 0;
		for (size_t i = m0; i < m1; i++) {
			const struct mention *m = &x->men[i];
			if (m->ts >= r)
				break;
			for (size_t q = i > m0 ? x->men[i - 1].te : s; q < m->ts; q++)
				that |= is_word(x, q, "that") || is_word(x, q, ";") || tok_in(x, q, WL_REPORTING);
			if (that)
				break;
			if (m->quoted || m->kind == MK_PLACE || m->ra < 0 || i > m0 + 2)
				continue;
			/* "The visit by South Korean lawmakers was unacceptable, X
			 * said": the agent of an act named by a noun does not speak. */
			if (m->ts > s && is_word(x, m->ts - 1, "by"))
				continue;
			/* "Sergei Lavrov, visiting China, said": the name that opens
			 * the sentence before an apposition speaks. */
			if (i == m0 && m->ts <= s + 1 && m->te + 1 < r && is_word(x, m->te, ","))
				return m->ra;
			if (m->te + 4 >= r)
				break;   /* the name right before the verb: the rule below */
			return m->ra;
		}
	}
	for (size_t i = m0; i < m1; i++) {
		const struct mention *m = &x->men[i];
		/* "according to Seoul": the capital is the one who tells */
		int told_by = m->kind == MK_PLACE && m->ts > s + 1 && is_word(x, m->ts - 1, "to") &&
			      is_word(x, m->ts - 2, "according");
		if (m->quoted || (m->kind == MK_PLACE && !told_by))
			continue;
		for (size_t k = m->te; k < e && k < m->te + 4; k++)
			if (is_reporting(x, k))
				return m->ra >= 0 ? m->ra : m->kind == MK_PRONOUN ? pronoun_speaker(x, m, m0, s) : x->last_subject;
		/* (not "told the Swiss envoy that ...": the one told listens) */
		for (size_t k = m->ts; k > s && k + 3 > m->ts; k--)
			if (is_reporting(x, k - 1) && !is_word(x, k - 1, "told") && !is_word(x, k - 1, "tells") &&
			    !is_word(x, k - 1, "tell"))
				return m->ra >= 0 ? m->ra : m->kind == MK_PRONOUN ? pronoun_speaker(x, m, m0, s) : x->last_subject;
	}
	/* "'...,' the statement reads", "'...,' the communique said": a
	 * quotation given to a text that names no author speaks for the
	 * report's last speaker, not for a state named inside it. */
	for (size_t k = r; k < e && k > s && (x->toks.t[s].flags & (TOK_QUOTED | TOK_OPEN_QUOTE)); k++) {
		if (!is_reporting(x, k) || (x->toks.t[k].flags & TOK_QUOTED))
			continue;
		for (size_t q = k; q > s && q + 4 > k; q--)
			if (!(x->toks.t[q - 1].flags & TOK_QUOTED) &&
			    (is_word(x, q - 1, "statement") || is_word(x, q - 1, "communique") ||
			     is_word(x, q - 1, "communiqué") || is_word(x, q - 1, "declaration") ||
			     is_word(x, q - 1, "note") || is_word(x, q - 1, "release") ||
			     is_word(x, q - 1, "readout") || is_word(x, q - 1, "letter") ||
			     is_word(x, q - 1, "text")))
				return x->last_subject;
		break;
	}
	/* "'Washington will pay a price,' Iran's foreign minister warned": a
	 * quotation given to its teller by a verb of warning or charging
	 * after it. */
	if (x->toks.t[s].flags & (TOK_QUOTED | TOK_OPEN_QUOTE)) {
		size_t q = s;
		while (q < e && (x->toks.t[q].flags & TOK_QUOTED))
			q++;
		for (size_t k = q; k < e && k < q + 9; k++) {
			const char *w = low(x, k);
			if (strcmp(w, "warned") && strcmp(w, "charged") && strcmp(w, "cautioned") &&
			    strcmp(w, "alleged") && strcmp(w, "complained") && strcmp(w, "insisted") &&
			    strcmp(w, "declared") && strcmp(w, "argued") && strcmp(w, "warns") &&
			    strcmp(w, "charges") && strcmp(w, "insists"))
				continue;
			int who = -1;
			for (size_t i = m0; i < m1; i++) {
				const struct mention *m = &x->men[i];
				if (m->ts < q || m->te > k || m->quoted || m->kind == MK_PLACE)
					continue;
				if (m->ra >= 0)
					who = m->ra;
				else if (m->kind == MK_PRONOUN)
					who = x->last_subject;
			}
			if (who >= 0)
				return who;
			break;
		}
	}
	/* "'India should cease its involvement ... . A dossier was issued
	 * ...,' he said.": a quotation of several sentences is told by the
	 * one named after its end; a pronoun there is the last speaker. */
	if ((x->toks.t[s].flags & (TOK_QUOTED | TOK_OPEN_QUOTE)) && x->last_subject >= 0) {
		size_t q = e;
		while (q < x->toks.n && q < e + 400 && (x->toks.t[q].flags & TOK_QUOTED))
			q++;
		/* the quotation ends where the first unquoted token stands */
		for (size_t k = q; k < x->toks.n && k < q + 3; k++) {
			if (!is_reporting(x, k))
				continue;
			int pron = 0;
			for (size_t p = q; p < k + 2 && p < x->toks.n; p++)
				pron |= is_word(x, p, "he") || is_word(x, p, "she") || is_word(x, p, "they");
			if (pron)
				return x->last_subject;
			break;
		}
	}
	return -1;
}

/* ---- modality ----------------------------------------------------------- */

/* The tokens of the cancel phrase (dict/grammar.tsv) starting at token i
 * ("called off", "pulled the plug on"), or 0. */
static size_t cancel_at(const struct extractor *x, size_t i, size_t e)
{
	if (i >= e || !tok_in(x, i, WL_CANCEL))
		return 0;
	size_t best = 0;
	for (size_t k = 0; k < x->g.n_entries[GC_CANCEL]; k++) {
		const struct grammar_entry *g = &x->g.entries[GC_CANCEL][k];
		if (g->n <= best || i + g->n > e)
			continue;
		size_t w = 0;
		while (w < g->n && is_word_dyn(x, i + w, g->words[w]))
			w++;
		if (w == g->n)
			best = g->n;
	}
	return best;
}

/* Whether a cancel phrase ends right before token k, within tokens [lo, k). */
int cancel_before(const struct extractor *x, size_t lo, size_t k)
{
	for (size_t i = k; i-- > lo && i + 5 > k;)
		if (cancel_at(x, i, k) == k - i)
			return 1;
	return 0;
}

/* Whether a refusal stands right before the cancel phrase that ends at
 * token q ("the refusal to postpone the meeting", "refused to call off the
 * talks", "did not cancel"): then the act is not called off. */
static int refused_before(const struct extractor *x, size_t lo, size_t q)
{
	size_t c = q;
	while (c > lo && !(cancel_at(x, c - 1, q) == q - c + 1))
		c--;
	if (c <= lo)
		return 0;
	size_t at = c - 1;   /* the cancel phrase's first token */
	for (size_t i = at; i > lo && i + 4 > at; i--) {
		const char *w = low(x, i - 1);
		if (has_prefix(w, "refus") || has_prefix(w, "declin") || tok_in(x, i - 1, WL_NEGATION))
			return !is_word(x, i - 1, "cancelled") && !is_word(x, i - 1, "postponed");
		if (!is_word(x, i - 1, "to") && !is_word(x, i - 1, "did") && !is_word(x, i - 1, "does") &&
		    !is_word(x, i - 1, "do") && !is_word(x, i - 1, "will") && !is_word(x, i - 1, "would") &&
		    !is_word(x, i - 1, "has") && !is_word(x, i - 1, "have"))
			break;
	}
	return 0;
}

/* "had been scheduled to travel to Moscow on Monday, but cancelled the
 * trip", "... but the visit was called off": a plan the same sentence says
 * was dropped did not happen. The dropping comes after the trigger, right
 * after "but" (the plan's own subject dropped it) or as a passive whose
 * subject is the plan itself ("the trip", "it"), so that "but a meeting
 * with Abe was cancelled" leaves a visit planned. */
static int plan_called_off(const struct extractor *x, size_t k, size_t e)
{
	/* "called off a planned visit by ...": the plan is the object. */
	for (size_t i = k > 5 ? k - 5 : 0; i < k; i++)
		if (cancel_at(x, i, e)) {
			size_t q = i + cancel_at(x, i, e);
			while (q < k && (tok_in(x, q, WL_DETERMINER) || is_word(x, q, "planned") ||
					 is_word(x, q, "scheduled") || is_word(x, q, "upcoming")))
				q++;
			if (q == k)
				return 1;
		}
	size_t but = 0;
	for (size_t i = k + 1; i < e; i++) {
		if (is_word(x, i, "but"))
			but = i;
		if (!cancel_at(x, i, e))
			continue;
		/* "but cancelled", "but then called off", "but later scrapped" */
		if (but && i <= but + 2)
			return 1;
		if (i > k + 2 && tok_in(x, i - 1, WL_BE) &&
		    (tok_in(x, i - 2, WL_PLAN_NOUN) || (is_word(x, i - 2, "been") && tok_in(x, i - 3, WL_PLAN_NOUN))))
			return 1;
	}
	return 0;
}

/* "The planned trip by Li Keqiang to Australia was postponed", "a visit to
 * Moscow by the minister has been called off": the trigger noun heads the
 * subject of a cancelling passive, only its complements between. */
static int noun_called_off(const struct extractor *x, size_t k, size_t e)
{
	if (!tok_in(x, k, WL_PLAN_NOUN))
		return 0;
	for (size_t i = k + 2, lim = k + 16; i < e && i < lim; i++) {
		/* (over a relative clause between commas: "the visit to the UAE,
		 * which had been scheduled for next week, has been postponed") */
		/* (or a participle: "the talks, scheduled for Friday, were
		 * cancelled") */
		if (is_word(x, i - 1, ",") && (is_word(x, i, "which") || is_word(x, i, "that") ||
					      ((x->toks.t[i].flags & TOK_WORD) && !(x->toks.t[i].flags & TOK_CAP) &&
					       (ends_in(x, i, 2, "ed") || is_word(x, i, "due") || is_word(x, i, "set"))))) {
			size_t c = i + 1;
			while (c < e && c < i + 16 && !is_word(x, c, ",") && !tok_in(x, c, WL_CLAUSE_BREAK))
				c++;
			if (c < e && is_word(x, c, ",")) {
				lim += c + 1 - i;
				i = c + 1;
				continue;
			}
		}
		if (is_word(x, i - 1, ",") || is_word(x, i - 1, "that") || is_word(x, i - 1, "which") ||
		    is_word(x, i - 1, "who") || tok_in(x, i - 1, WL_CLAUSE_BREAK | WL_REPORTING))
			return 0;
		if (!tok_in(x, i - 1, WL_BE))
			continue;
		size_t c = i;
		while (c < e && (tok_in(x, c, WL_BE) || tok_in(x, c, WL_SKIP_ADVERB)))
			c++;
		return cancel_at(x, c, e) != 0;
	}
	return 0;
}

/* Status from the words before the trigger in its clause (negators, plan
 * and condition words, cancel phrases of dict/grammar.tsv). Returns -1 when
 * the clause is a question or a condition (no event). */
/* Whether the act at k is the occasion of the past verb before a (at
 * from): "agreed at their summit meeting last October to", "agreed during
 * talks in Beijing": a noun after "at", "during" or "in" with no "to" or
 * comma after it is where the verb's act was done, so it happened. */
static int occasion_between(const struct extractor *x, size_t a, size_t k)
{
	for (size_t p = k; p-- > a;) {
		if (is_word(x, p, "to") || is_word(x, p, ",") || tok_in(x, p, WL_CLAUSE_BREAK))
			return 0;
		if (is_word(x, p, "at") || is_word(x, p, "during") || is_word(x, p, "in"))
			return 1;
	}
	return 0;
}

/* Whether token i says one is willing to do what follows "to": "ready",
 * "prepared", "willing", "readiness", "willingness" (and their negatives). */
static int ready_word(const struct extractor *x, size_t i)
{
	return is_word(x, i, "ready") || is_word(x, i, "prepared") || is_word(x, i, "willing") ||
	       is_word(x, i, "unwilling") || is_word(x, i, "readiness") || is_word(x, i, "willingness") ||
	       is_word(x, i, "unready") || is_word(x, i, "unprepared");
}

/* Whether the clause tells a habit or a background of long standing, not
 * one act with a time: "have for years denied", "has often accused", "In
 * the past, its leaders have demanded ...". (Not "in the past week": a time;
 * not "time and again": each time is an act, told as one.) */
static int habitual(const struct extractor *x, size_t cs, size_t k, size_t s, size_t e)
{
	for (size_t i = cs; i < k; i++)
		if (is_word(x, i, "often") || is_word(x, i, "frequently") || is_word(x, i, "routinely") ||
		    is_word(x, i, "habitually") || is_word(x, i, "usually") || is_word(x, i, "traditionally") ||
		    /* "has long called on", "have long accused": a stance held for long
		     * to this day ("had long poured cold water on" tells what ended
		     * in an act of the story, and stays) */
		    (is_word(x, i, "long") && i > cs && (is_word(x, i - 1, "has") || is_word(x, i - 1, "have"))))
			return 1;
	/* "for years", "for decades", before the act or right after it */
	for (size_t i = k > cs + 3 ? k - 3 : cs; i + 1 < e && i < k + 4; i++)
		if (is_word(x, i, "for") && (is_word(x, i + 1, "years") || is_word(x, i + 1, "decades")))
			return 1;
	/* "have held talks on the issue several times over the years", "on
	 * many occasions", "... in the past" after the act */
	for (size_t i = k + 1; i + 1 < e && i < k + 12; i++) {
		if (is_word(x, i, ",") || is_word(x, i, ";") || is_word(x, i, "but") || is_word(x, i, "and") ||
		    tok_in(x, i, WL_CLAUSE_BREAK))
			break;
		if (((is_word(x, i, "several") || is_word(x, i, "many") || is_word(x, i, "numerous") ||
		      /* "have met more than thirty times", "40 times": a count of occasions */
		      (x->toks.t[i].flags & TOK_NUM) || is_word(x, i, "dozen") || is_word(x, i, "dozens") ||
		      count_word(x, i) >= 3) &&
		     (is_word(x, i + 1, "times") || is_word(x, i + 1, "occasions"))) ||
		    (i + 2 < e && is_word(x, i, "over") && is_word(x, i + 1, "the") && is_word(x, i + 2, "years")) ||
		    (i + 2 < e && is_word(x, i, "in") && is_word(x, i + 1, "the") && is_word(x, i + 2, "past") &&
		     (i + 3 >= e || !(x->toks.t[i + 3].flags & TOK_WORD))))
			return 1;
	}
	/* "In the past, ..." opening the sentence */
	for (size_t i = s; i + 3 < k && i < s + 3; i++)
		if (is_word(x, i, "in") && is_word(x, i + 1, "the") && is_word(x, i + 2, "past") && is_word(x, i + 3, ","))
			return 1;
	return 0;
}

/* Whether the verb at k, a speech act (an appeal, a judgement), has a text
 * for its subject: "That resolution, which ended the war of 2006, urges
 * Israel to respect ...", "The agreement called on Japan to stop selling
 * chips": what the text says, not an act of anyone's at a time (its
 * adoption or signing is the act). */
static int text_says(const struct extractor *x, size_t cs, size_t k, size_t s)
{
	static const char *const acts[] = {"urg", "call", "demand", "ask", "condemn", "denounc", "deplor",
					   "welcom", "request", "appeal", "invit", "encourag", "reject",
					   "accus", "blam", "prais", "endors", "express", "reaffirm"};
	int act = 0;
	for (size_t a = 0; a < sizeof acts / sizeof *acts && !act; a++)
		act = has_prefix(low(x, k), acts[a]);
	if (!act || k <= cs)
		return 0;
	size_t q = k;
	while (q > cs && (tok_in(x, q - 1, WL_SKIP_ADVERB) || ends_in(x, q - 1, 3, "ly"))) {
		/* "the agreement was welcomed by Japan": a passive, the text its object */
		if (tok_in(x, q - 1, WL_BE) || is_word(x, q - 1, "was") || is_word(x, q - 1, "were") ||
		    is_word(x, q - 1, "is") || is_word(x, q - 1, "are") || is_word(x, q - 1, "been") ||
		    is_word(x, q - 1, "being") || is_word(x, q - 1, "be"))
			return 0;
		q--;
	}
	/* over a parenthesis between commas on the subject (its own clause
	 * breaks too: "hammered out after months of talks") */
	if (q > s + 2 && is_word(x, q - 1, ",")) {
		size_t w = q - 1;
		while (w > s && w + 30 > q && !is_word(x, w - 1, ","))
			w--;
		if (w <= s || !is_word(x, w - 1, ","))
			return 0;
		q = w - 1;
		if (cs > q)
			cs = s;
	}
	if (q <= cs)
		return 0;
	size_t h = q - 1;
	if (h > cs && (x->toks.t[h].flags & TOK_NUM))
		h--;   /* "Resolution 1701" */
	static const char *const texts[] = {"resolution", "resolutions", "draft", "agreement", "treaty", "accord",
					    "pact", "text", "charter", "convention", "deal", "law", "bill",
					    "document", "declaration"};
	int text = 0;
	for (size_t a = 0; a < sizeof texts / sizeof *texts && !text; a++)
		text = is_word_dyn(x, h, texts[a]);
	if (!text)
		return 0;
	/* the noun opens the clause, after at most a determiner and a name or two */
	size_t b = h;
	while (b > cs && h - b < 4 && !tok_in(x, b - 1, WL_PREPOSITION | WL_REPORTING) && !is_word(x, b - 1, ","))
		b--;
	return b == cs || tok_in(x, b, WL_DETERMINER);
}

/* Whether the trigger at k is told in what someone is still to tell:
 * "Reagan was expected to assure Chirac that he will not agree to a deal",
 * "the king would be told Britain still needs evidence that ...": the
 * telling has not happened, so neither has what it tells. */
static int content_of_future_telling(const struct extractor *x, size_t k, size_t s)
{
	for (size_t q = k; q > s + 1 && q + 30 > k; q--) {
		size_t v = q - 1;
		if (!(is_word(x, v, "tell") || is_word(x, v, "told") || is_word(x, v, "assure") ||
		      is_word(x, v, "inform") || is_word(x, v, "informed") || is_word(x, v, "notify") ||
		      is_word(x, v, "notified")))
			continue;
		size_t a = v;
		if (a > s && is_word(x, a - 1, "be"))
			a--;   /* "would be told" */
		if (a > s && (is_word(x, a - 1, "will") || is_word(x, a - 1, "would") ||
			      (is_word(x, a - 1, "to") && a > s + 1 && tok_in(x, a - 2, WL_PLAN | WL_INTENT))))
			return 1;
		return 0;   /* the nearest telling decides */
	}
	return 0;
}

/* Whether the trigger at k stands in an apposition that describes an actor:
 * "Kuwait, a target of Iranian anger over its backing for Iraq, rejected
 * ...": a description, no act at a time. */
static int in_apposition(const struct extractor *x, size_t k, size_t s, size_t e)
{
	size_t open = 0;
	for (size_t q = k; q > s + 1 && q + 16 > k; q--) {
		if (is_word(x, q - 1, ",")) {
			if (q < k && (is_word(x, q, "a") || is_word(x, q, "an")))
				open = q - 1;
			break;
		}
		if (tok_in(x, q - 1, WL_CLAUSE_BREAK | WL_REPORTING) || is_word(x, q - 1, ";"))
			return 0;
	}
	if (!open)
		return 0;
	size_t m0, m1;
	mentions_in(x, s, open, &m0, &m1);
	if (m1 == m0 || x->men[m1 - 1].te != open || x->men[m1 - 1].ra < 0)
		return 0;
	for (size_t q = k + 1; q < e && q < k + 16; q++) {
		if (is_word(x, q, ","))
			return 1;
		if (tok_in(x, q, WL_CLAUSE_BREAK | WL_REPORTING) || is_word(x, q, ";"))
			return 0;
	}
	return 0;
}

/* Whether the trigger at k is the verb of a relative clause on people who
 * hold no office: "the crackdown on people who protested against the
 * fraud", "activists who have travelled to Gaza": no state acts. (Not "the
 * minister who", "the Russians who": an office or an actor.) */
static int act_of_private_people(const struct extractor *x, size_t k, size_t s)
{
	size_t j = k;
	while (j > s && (is_word(x, j - 1, "had") || is_word(x, j - 1, "has") || is_word(x, j - 1, "have") ||
			 is_word(x, j - 1, "also") || is_word(x, j - 1, "to") || is_word(x, j - 1, "dared") ||
			 is_word(x, j - 1, "tried") || is_word(x, j - 1, "continue") || is_word(x, j - 1, "continued")))
		j--;
	if (j < s + 2 || !is_word(x, j - 1, "who"))
		return 0;
	size_t n = j - 2;
	/* "the bravery of Russians who have dared to protest": a people named
	 * in the plural without "the" are persons, not their state. */
	if ((x->toks.t[n].flags & TOK_CAP) && n > s && ends_in(x, n, 4, "s") && !tok_in(x, n - 1, WL_DETERMINER) &&
	    !(x->toks.t[n - 1].flags & TOK_CAP)) {
		size_t m0, m1;
		mentions_in(x, n, j - 1, &m0, &m1);
		if (m1 > m0 && x->men[m0].ts == n && x->men[m0].te == n + 1 && x->men[m0].ra >= 0 &&
		    x->ra[x->men[m0].ra].kind == ACTOR_STATE)
			return 1;
	}
	if (x->toks.t[n].flags & (TOK_CAP | TOK_PUNCT))
		return 0;
	if (tok_in(x, n, WL_ROLE | WL_COLLECTIVE))
		return 0;
	size_t m0, m1;
	mentions_in(x, s, j - 1, &m0, &m1);
	for (size_t m = m0; m < m1; m++)
		if (x->men[m].te == j - 1)
			return 0;
	static const char *const people[] = {"people", "protesters", "protestors", "demonstrators", "activists",
					     "citizens", "students", "crowds", "residents", "workers", "civilians",
					     "opponents", "dissidents", "journalists", "thousands", "hundreds",
					     "supporters", "voters", "migrants", "refugees"};
	for (size_t a = 0; a < sizeof people / sizeof *people; a++)
		if (is_word_dyn(x, n, people[a]))
			return 1;
	return 0;
}

/* Whether the event word at k is told as going on: "the ongoing talks",
 * "the current round", "negotiations currently held", "talks now under
 * way", "the visit in progress". */
static int going_on(const struct extractor *x, size_t k, size_t s, size_t e)
{
	if (k > s && (is_word(x, k - 1, "ongoing") || is_word(x, k - 1, "current") || is_word(x, k - 1, "continuing")))
		return 1;
	for (size_t q = k + 1; q < e && q < k + 4; q++) {
		if (x->toks.t[q].flags & TOK_PUNCT)
			return 0;
		if (is_word(x, q, "underway") || is_word(x, q, "ongoing") ||
		    (q + 1 < e && ((is_word(x, q, "under") && is_word(x, q + 1, "way")) ||
				   (is_word(x, q, "in") && is_word(x, q + 1, "progress")))))
			return 1;
		if ((is_word(x, q, "currently") || is_word(x, q, "now")) && q + 1 < e &&
		    (is_word(x, q + 1, "held") || is_word(x, q + 1, "being") || is_word(x, q + 1, "taking") ||
		     is_word(x, q + 1, "going") || is_word(x, q + 1, "under") || is_word(x, q + 1, "underway") ||
		     is_word(x, q + 1, "in")))
			return 1;
	}
	return 0;
}

/* Whether the event word at k names a means, not an act: "a settlement by
 * peaceful negotiations", "to resolve the dispute through dialogue",
 * "via diplomatic talks": a way to settle things, told of no one at a time. */
static int means_of_settling(const struct extractor *x, size_t k, size_t cs)
{
	if (!(is_word(x, k, "negotiations") || is_word(x, k, "negotiation") || is_word(x, k, "talks") ||
	      is_word(x, k, "dialogue") || is_word(x, k, "consultations") || is_word(x, k, "diplomacy")))
		return 0;
	size_t q = k;
	if (q > cs && (is_word(x, q - 1, "peaceful") || is_word(x, q - 1, "direct") || is_word(x, q - 1, "political") ||
		       is_word(x, q - 1, "diplomatic") || is_word(x, q - 1, "bilateral") || is_word(x, q - 1, "friendly")))
		q--;
	return q > cs && (is_word(x, q - 1, "through") || is_word(x, q - 1, "via") || is_word(x, q - 1, "by"));
}

/* Whether the event word at k names people, not an act: "the chief
 * negotiators", "a UN mediator", "foreign visitors": an agent noun. */
static int agent_noun(const struct extractor *x, size_t k)
{
	if (!(ends_in(x, k, 4, "tor") || ends_in(x, k, 4, "tors")))
		return 0;
	/* "Turkey hosted Russian and Ukrainian negotiators", "Oman brought
	 * together Iranian and American negotiators": those a host receives
	 * negotiate there; their names stand between the verb and the noun. */
	for (size_t q = k; q > 0 && q + 8 > k; q--) {
		const struct token *t = &x->toks.t[q - 1];
		if (has_prefix(low(x, q - 1), "host") || is_word(x, q - 1, "received") || is_word(x, q - 1, "together"))
			return !(q < k && ends_in(x, k, 1, "s"));
		if (!((t->flags & TOK_CAP) || is_word(x, q - 1, "and") || is_word(x, q - 1, ",") ||
		      is_word(x, q - 1, "the") || is_word(x, q - 1, "top") || is_word(x, q - 1, "senior") ||
		      is_word(x, q - 1, "chief")))
			break;
	}
	return 1;
}

/* Whether the verb at k is told in the past perfect in a relative clause on
 * a thing: "revoked the sanctions that had been imposed on Sudan", "the
 * agreement which they had accepted at their last meeting": background that
 * describes the thing another act concerns, no act of its own at this time
 * (the report tells it where it happened, if it counts). A date after the
 * verb makes it an event told in passing. */
static int background_relative(const struct extractor *x, size_t k, size_t s, size_t e)
{
	/* ("whose membership had been suspended in 2011": dated, it is told
	 * as an event of its own) */
	for (size_t d = k + 1; d < e && d < k + 8 && !is_word(x, d, ",") && !is_word(x, d, "."); d++)
		if (x->toks.t[d].flags & TOK_NUM)
			return 0;
	size_t q = k;
	while (q > s && q + 4 > k &&
	       (is_word(x, q - 1, "been") || is_word(x, q - 1, "already") || is_word(x, q - 1, "also") ||
		is_word(x, q - 1, "previously") || is_word(x, q - 1, "earlier") || ends_in(x, q - 1, 3, "ly")))
		q--;
	if (q <= s + 1 || !is_word(x, q - 1, "had"))
		return 0;
	q--;
	/* "that had", "which they had", "that Washington had" */
	if (q > s && !is_word(x, q - 1, "that") && !is_word(x, q - 1, "which")) {
		if (!(x->toks.t[q - 1].flags & TOK_CAP) && !is_word(x, q - 1, "they") && !is_word(x, q - 1, "it"))
			return 0;
		q--;
		while (q > s && q + 4 > k && (x->toks.t[q - 1].flags & TOK_CAP) && !(x->toks.t[q - 1].flags & TOK_PUNCT))
			q--;
	}
	if (q <= s + 1)
		return 0;
	size_t h = q - 1;   /* the relative word, or the noun of a relative without one */
	if (is_word(x, h, "which"))
		h--;
	else if (is_word(x, h, "that")) {
		/* (not "said on Sunday that Washington had imposed ...": a
		 * "that" of a verb of telling or thinking opens what is told) */
		h--;
		if ((x->toks.t[h].flags & (TOK_CAP | TOK_PUNCT)) || ends_in(x, h, 3, "ed") || ends_in(x, h, 3, "ly") ||
		    tok_in(x, h, WL_PREPOSITION | WL_DETERMINER | WL_BE | WL_REPORTING | WL_SKIP_ADVERB) ||
		    is_word(x, h, "so") || is_word(x, h, "such") || is_word(x, h, "now"))
			return 0;
		for (size_t r = h; r > s && r + 5 > h; r--)
			if (tok_in(x, r - 1, WL_REPORTING) || ends_in(x, r - 1, 3, "ed"))
				return 0;
	}
	else if (q == k || !(x->toks.t[q].flags & TOK_CAP) || (x->toks.t[h].flags & (TOK_CAP | TOK_PUNCT)) ||
		 ends_in(x, h, 3, "ed") || tok_in(x, h, WL_PREPOSITION | WL_CLAUSE_BREAK | WL_DETERMINER | WL_BE) ||
		 !ends_in(x, h, 3, "s"))
		return 0;   /* ("the sanctions America had imposed": a plural noun before the name) */
	return !tok_in(x, h, WL_REPORTING) && !is_word(x, h, ",") && !(x->toks.t[h].flags & TOK_PUNCT);
}

/* Whether the act at k is the purpose something was made for: "set up a
 * committee to negotiate", "the body established to monitor the truce",
 * "talks aimed at reaching an agreement", "a mechanism designed to settle
 * disputes": what a body or a process is for, no act at a time. (Not
 * "intended to raise the matter with Putin": a person's plan.) */
static int purpose_of_making(const struct extractor *x, size_t k, size_t s)
{
	static const char *const made[] = {"established", "establish", "establishing", "created", "create",
					   "creating", "formed", "founded", "mandated", "tasked", "designed",
					   "aimed", "aiming"};
	size_t q = k;
	while (q > s && (ends_in(x, q - 1, 3, "ly") || is_word(x, q - 1, "reaching") || is_word(x, q - 1, "achieving") ||
			 is_word(x, q - 1, "securing") || tok_in(x, q - 1, WL_DETERMINER)) && q + 4 > k)
		q--;
	if (q <= s + 1 || !(is_word(x, q - 1, "to") || is_word(x, q - 1, "at")))
		return 0;
	int at = is_word(x, q - 1, "at");
	for (size_t v = q - 1; v > s && v + 10 > q; v--) {
		if (tok_in(x, v - 1, WL_REPORTING | WL_CLAUSE_BREAK) || is_word(x, v - 1, ",") || is_word(x, v - 1, ";"))
			return 0;
		if (is_word(x, v - 1, "set") && v < q - 1 && is_word(x, v, "up"))
			return !at;
		for (size_t a = 0; a < sizeof made / sizeof *made; a++)
			if (is_word_dyn(x, v - 1, made[a]))
				return at ? (v == q - 1 && has_prefix(made[a], "aim")) : 1;
	}
	return 0;
}

/* Whether the act at k is what someone is kept from doing: "sought to
 * talk Russia out of vetoing the resolution", "to deter Pyongyang from
 * conducting a test": it did not happen, and it is no act of the one who
 * dissuades. (One's own "refrained from condemning" is a negated act.) */
static int kept_from(const struct extractor *x, size_t k, size_t s)
{
	if (!ends_in(x, k, 4, "ing") || k < s + 2)
		return 0;
	size_t p = k - 1;
	if (!is_word(x, p, "from") && !(is_word(x, p, "of") && is_word(x, p - 1, "out")))
		return 0;
	static const char *const keep[] = {"talk", "persuad", "dissuad", "prevent", "stop", "deter", "discourag",
					   "bar", "ban", "keep", "kept", "block", "prohibit", "restrain",
					   "forbid", "preclud"};
	for (size_t q = p; q > s && q + 10 > p; q--) {
		if (is_word(x, q - 1, ",") || is_word(x, q - 1, ";") || tok_in(x, q - 1, WL_REPORTING))
			break;
		for (size_t a = 0; a < sizeof keep / sizeof *keep; a++)
			if (has_prefix(low(x, q - 1), keep[a]))
				return 1;
	}
	return 0;
}

/* Whether the verb at k has for its subject a relative "which" on a thing:
 * "its sovereignty and its democracy, which demand respect": no actor acts.
 * (Not "the EU, which urged ...": the antecedent is an actor.) */
static int thing_which(const struct extractor *x, size_t k, size_t s)
{
	size_t q = k;
	while (q > s && q + 3 > k && (ends_in(x, q - 1, 3, "ly") || is_word(x, q - 1, "also") ||
				     is_word(x, q - 1, "has") || is_word(x, q - 1, "have") || is_word(x, q - 1, "had")))
		q--;
	if (q < s + 3 || !is_word(x, q - 1, "which") || !is_word(x, q - 2, ","))
		return 0;
	size_t a = q - 2;   /* the comma; the antecedent ends before it */
	if (x->toks.t[a - 1].flags & (TOK_CAP | TOK_PUNCT | TOK_NUM))
		return 0;
	size_t m0, m1;
	mentions_in(x, s, a, &m0, &m1);
	for (size_t m = m0; m < m1; m++)
		if (x->men[m].te == a)
			return 0;
	return !tok_in(x, a - 1, WL_ROLE | WL_COLLECTIVE | WL_STATE_BODY | WL_ORGAN);
}

/* Whether the word at k is a preposition or a noun that only looks like
 * the verb of an act: "relations returned to normal thanks to close
 * communication" (because of), "Top diplomats hold call on border clash"
 * (a call about something, not "called on X to"). */
static int not_the_verb(const struct extractor *x, size_t k, size_t s, size_t e)
{
	if (k + 1 >= e)
		return 0;
	if (is_word(x, k, "thanks") && is_word(x, k + 1, "to")) {
		if (k == s || is_word(x, k - 1, ",") || is_word(x, k - 1, "(") || ends_in(x, k - 1, 3, "ly"))
			return 1;
		if (x->toks.t[k - 1].flags & (TOK_CAP | TOK_PUNCT | TOK_NUM))
			return 0;
		static const char *const giving[] = {"express", "extend", "convey", "offer", "gave", "give", "send",
						     "sent", "his", "her", "its", "their", "our", "my", "special",
						     "deep", "sincere", "heartfelt", "warm", "profound", "and", "many",
						     "also", "personal", "particular", "grateful"};
		for (size_t a = 0; a < sizeof giving / sizeof *giving; a++)
			if (has_prefix(low(x, k - 1), giving[a]))
				return 0;
		return !tok_in(x, k - 1, WL_DETERMINER | WL_REPORTING);
	}
	if ((is_word(x, k, "call") || is_word(x, k, "calls")) && is_word(x, k + 1, "on") && k > s) {
		if (is_word(x, k - 1, "hold") || is_word(x, k - 1, "holds") || is_word(x, k - 1, "held") ||
		    is_word(x, k - 1, "phone") || is_word(x, k - 1, "telephone") || is_word(x, k - 1, "video"))
			return 1;
		/* ("a call on Israel to halt ...": the noun of an appeal) */
		if (!tok_in(x, k - 1, WL_DETERMINER))
			return 0;
		for (size_t q = k + 2; q < e && q < k + 12; q++)
			if (is_word(x, q, "to"))
				return 0;
		return 1;
	}
	return 0;
}

/* Whether the event noun at k is the subject of a clause that only says it
 * may come: "a meeting between Kim and Putin is possible", "talks were
 * unlikely before the summer", "a visit by Xi remains possible", "a summit
 * could take place in Vladivostok". */
static int subject_maybe(const struct extractor *x, size_t k, size_t s, size_t e)
{
	size_t d = k;
	while (d > s && d + 3 > k && (x->toks.t[d - 1].flags & TOK_WORD) && !(x->toks.t[d - 1].flags & TOK_CAP) &&
	       !tok_in(x, d - 1, WL_DETERMINER | WL_PREPOSITION | WL_REPORTING | WL_BE | WL_CLAUSE_BREAK))
		d--;   /* "a possible summit", "a new round of" */
	if (d > s && (is_word(x, d - 1, "a") || is_word(x, d - 1, "an") || is_word(x, d - 1, "any") ||
		      is_word(x, d - 1, "such") || is_word(x, d - 1, "another") || is_word(x, d - 1, "the")))
		d--;
	else if (d > s && tok_in(x, d - 1, WL_DETERMINER))
		return 0;
	if (d > s && !is_word(x, d - 1, "that") && !is_word(x, d - 1, ",") && !tok_in(x, d - 1, WL_REPORTING))
		return 0;
	for (size_t q = k + 1; q + 1 < e && q < k + 14; q++) {
		if (is_word(x, q, ",") || is_word(x, q, ";") || is_word(x, q, "that") ||
		    tok_in(x, q, WL_CLAUSE_BREAK | WL_REPORTING))
			return 0;
		if (is_word(x, q, "could") || is_word(x, q, "might") || is_word(x, q, "may") || is_word(x, q, "can"))
			return !is_word(x, q + 1, "have");
		if (!(is_word(x, q, "is") || is_word(x, q, "was") || is_word(x, q, "are") || is_word(x, q, "were") ||
		      is_word(x, q, "remains") || is_word(x, q, "remained") || is_word(x, q, "seems") ||
		      is_word(x, q, "seemed") || is_word(x, q, "looks") || is_word(x, q, "looked")))
			continue;
		size_t a = q + 1;
		while (a < e && a < q + 4 &&
		       (is_word(x, a, "not") || is_word(x, a, "still") || is_word(x, a, "now") || is_word(x, a, "also") ||
			is_word(x, a, "very") || is_word(x, a, "highly") || is_word(x, a, "increasingly") ||
			is_word(x, a, "more") || is_word(x, a, "less") || is_word(x, a, "being") || is_word(x, a, "quite")))
			a++;
		return a < e && (is_word(x, a, "possible") || is_word(x, a, "likely") || is_word(x, a, "unlikely") ||
				 is_word(x, a, "impossible") || is_word(x, a, "probable") || is_word(x, a, "improbable") ||
				 is_word(x, a, "conceivable") || is_word(x, a, "feasible") || is_word(x, a, "desirable") ||
				 is_word(x, a, "uncertain") || is_word(x, a, "doubtful") || is_word(x, a, "ruled") ||
				 is_word(x, a, "unthinkable") || is_word(x, a, "necessary") || is_word(x, a, "needed"));
	}
	return 0;
}

int modality(const struct extractor *x, size_t cs, size_t k, size_t s, size_t e)
{
	if (e > s && is_word(x, e - 1, "?"))
		return -1;
	for (size_t i = e; i > s && i + 3 > e; i--)
		if (is_word(x, i - 1, "?"))
			return -1;
	int status = STATUS_OCCURRED;
	/* "accused Russia of threatening Ukraine", "condemned X for
	 * sanctioning Y", "charged with arming rebels": what one is accused or
	 * blamed for is told by the accuser, not done by it: no event of its own. */
	if (ends_in(x, k, 4, "ing") && k > s + 2) {
		size_t p = k - 1;
		if (!is_word(x, p, "of") && !is_word(x, p, "for") && !is_word(x, p, "with") && p > s &&
		    ends_in(x, p, 3, "ly"))
			p--;   /* "of deliberately threatening" */
		/* ("charged Japan with violating GATT rules by restricting imports":
		 * the means of what is charged is charged too) */
		int by = is_word(x, p, "by"), charged_act = 0;
		if (is_word(x, p, "of") || is_word(x, p, "for") || is_word(x, p, "with") || by) {
			for (size_t q = p; q > s && q + 24 > p; q--) {
				const char *w = low(x, q - 1);
				if (by && (is_word(x, q - 1, ",") || tok_in(x, q - 1, WL_CLAUSE_BREAK)))
					break;
				if (by && !charged_act) {
					/* after "by", only when an "of/for/with ...ing" stands between */
					charged_act = q > s + 1 && ends_in(x, q - 1, 3, "ing") &&
						      (is_word(x, q - 2, "of") || is_word(x, q - 2, "for") || is_word(x, q - 2, "with"));
					continue;
				}
				if (has_prefix(w, "accus") || has_prefix(w, "charg") || has_prefix(w, "suspect") ||
				    has_prefix(w, "blam") || has_prefix(w, "alleg") || has_prefix(w, "fault") ||
				    has_prefix(w, "condemn") || has_prefix(w, "critici") || has_prefix(w, "denounc") ||
				    has_prefix(w, "rebuk") || has_prefix(w, "guilty"))
					return -1;
				if (is_word(x, q - 1, ";") || tok_in(x, q - 1, WL_REPORTING))
					break;
			}
		}
	}
	/* "the envoy had been summoned to lodge a protest": the summons is the
	 * protest; its purpose is no second one (and no act of the envoy). */
	if (k > s + 2 && is_word(x, k - 1, "to"))
		for (size_t q = k - 1; q > s && q + 10 > k; q--) {
			const char *w = low(x, q - 1);
			if (has_prefix(w, "summon") || (is_word(x, q - 1, "in") && q > s + 1 &&
							  (has_prefix(low(x, q - 2), "call") ||
							   has_prefix(low(x, q - 2), "haul"))))
				return -1;
			if (tok_in(x, q - 1, WL_CLAUSE_BREAK) || is_word(x, q - 1, ";"))
				break;
		}
	if (subject_maybe(x, k, s, e))
		return -1;
	/* "any visit by Taiwan's president would be a provocation", "ready to
	 * respond to any sanctions": an act named after "any" is one that may
	 * come, none in particular ("did not hold any talks" stays negated). */
	{
		size_t q = k;
		while (q > cs && q + 2 > k && (x->toks.t[q - 1].flags & TOK_WORD) && !(x->toks.t[q - 1].flags & TOK_CAP) &&
		       !tok_in(x, q - 1, WL_DETERMINER | WL_PREPOSITION | WL_NEGATION | WL_BE))
			q--;
		/* ("condemned such visits", "such a move would": a kind of act,
		 * none in particular, as after "any") */
		size_t a = k > cs + 1 && (is_word(x, k - 1, "a") || is_word(x, k - 1, "an")) ? k - 1 : k;
		if ((q > cs && is_word(x, q - 1, "any")) || (a > cs && is_word(x, a - 1, "such"))) {
			int neg = 0;
			for (size_t i = cs; i + 1 < q && !neg; i++)
				neg = tok_in(x, i, WL_NEGATION);
			if (!neg)
				return -1;
		}
	}
	/* "If Japan and China hold a summit ...": a condition, not an event. */
	if (cs > s && (is_word(x, cs - 1, "if") || is_word(x, cs - 1, "unless") || is_word(x, cs - 1, "whether")))
		return -1;
	/* "If the talks go well, Museveni is likely to meet Moi": the main
	 * clause of a sentence opened by a condition tells what may follow
	 * from it, no event of its own. */
	if (k > s + 2 && (is_word(x, s, "if") || is_word(x, s, "unless")))
		for (size_t q = s + 1; q < k; q++)
			if (is_word(x, q, ",")) {
				if (q + 1 < k && cs <= q + 1)
					return -1;
				break;
			}
	if (agent_noun(x, k) || not_the_verb(x, k, s, e) || means_of_settling(x, k, cs) || background_relative(x, k, s, e) ||
	    purpose_of_making(x, k, s) || kept_from(x, k, s) || thing_which(x, k, s))
		return -1;
	if (habitual(x, cs, k, s, e) || text_says(x, cs, k, s) || content_of_future_telling(x, k, s) ||
	    in_apposition(x, k, s, e) || act_of_private_people(x, k, s))
		return -1;
	/* "said it was ready to continue trade talks", "I am prepared to meet
	 * him if that helps", "its readiness to sign a peace treaty": a
	 * willingness is an offer, neither an act nor a plan with a time. */
	for (size_t q = k; q > cs + 1 && q + 6 > k; q--) {
		if (is_word(x, q - 1, "to")) {
			if (ready_word(x, q - 2) || (q > cs + 2 && ends_in(x, q - 2, 3, "ly") && ready_word(x, q - 3)))
				return -1;
			break;
		}
		if (tok_in(x, q - 1, WL_PREPOSITION | WL_CLAUSE_BREAK | WL_REPORTING | WL_BE) || is_word(x, q - 1, ",") ||
		    is_word(x, q - 1, "and"))
			break;
	}
	size_t lim = k > cs + 8 ? k - 8 : cs;
	/* "must stop hyping the threat and lift sanctions": a verb joined to
	 * an earlier one shares its modal, further back. */
	if (k > cs && (is_word(x, k - 1, "and") || is_word(x, k - 1, "or")) && !ends_in(x, k, 3, "ed"))
		lim = k > cs + 16 ? k - 16 : cs;   /* (not "agreed to deepen ... and signed": a past) */
	/* "said it would respond in kind and accused Berlin": a past verb after
	 * "and" is a clause of its own; the modal before is the other verb's. */
	else if (k > cs && is_word(x, k - 1, "and") && ends_in(x, k, 3, "ed"))
		lim = k;
	/* "would keep the controls it imposed in 2019": a past verb right after
	 * its own pronoun subject is a clause of its own; the modal before is
	 * the other verb's. */
	else if (k > cs + 1 && ends_in(x, k, 3, "ed") &&
		 (is_word(x, k - 1, "it") || is_word(x, k - 1, "they") || is_word(x, k - 1, "he") ||
		  is_word(x, k - 1, "she") || is_word(x, k - 1, "we")) &&
		 (x->toks.t[k - 2].flags & TOK_WORD) && !(x->toks.t[k - 2].flags & TOK_CAP) &&
		 !tok_in(x, k - 2, WL_PREPOSITION | WL_REPORTING | WL_BE | WL_CONDITION | WL_PLAN | WL_NEGATION) &&
		 !is_word(x, k - 2, "and") && !is_word(x, k - 2, "that"))
		lim = k;
	/* "a resolution that would have condemned the annexation": what did
	 * not happen, and no denial of it either. */
	/* (Also "would also have condemned", "would have been imposed",
	 * "would not have signed": adverbs and "been" between.) */
	{
		size_t q = k;
		int have = 0;
		while (q > cs && q + 6 > k) {
			if (is_word(x, q - 1, "have") && !have)
				have = 1;
			else if (!(is_word(x, q - 1, "been") || is_word(x, q - 1, "also") || is_word(x, q - 1, "not") ||
				   is_word(x, q - 1, "never") || is_word(x, q - 1, "already") || ends_in(x, q - 1, 3, "ly")))
				break;
			q--;
		}
		if (have && q > cs && !is_word(x, q, "been") &&
		    (is_word(x, q - 1, "would") || is_word(x, q - 1, "could") || is_word(x, q - 1, "might") ||
		     is_word(x, q - 1, "should")))
			return -1;
	}
	/* "responded to the prospect of a Pelosi visit to Taiwan", "could hurt
	 * prospects for reviving the stalled negotiations", "the possibility of
	 * a summit": an act that may or may not come, no event. */
	for (size_t q = k; q > cs + 1 && q + 7 > k; q--) {
		if ((is_word(x, q - 1, "of") || is_word(x, q - 1, "for")) &&
		    (is_word(x, q - 2, "prospect") || is_word(x, q - 2, "prospects") || is_word(x, q - 2, "possibility") ||
		     is_word(x, q - 2, "likelihood") || is_word(x, q - 2, "chance") || is_word(x, q - 2, "chances")))
			return -1;
		if (is_word(x, q - 1, ",") || tok_in(x, q - 1, WL_CLAUSE_BREAK | WL_REPORTING | WL_BE) ||
		    (tok_in(x, q - 1, WL_PREPOSITION) && !is_word(x, q - 1, "of")))
			break;
	}
	/* "the parties to the negotiations", "signatories to the treaty": the
	 * act names who takes part in it, told elsewhere; "talked about
	 * resuming the negotiations": a topic, no act. */
	{
		size_t q = k;
		while (q > cs && q + 4 > k && (tok_in(x, q - 1, WL_DETERMINER) || ends_in(x, q - 1, 3, "al")))
			q--;
		if (q > cs + 1 && is_word(x, q - 1, "to") &&
		    (is_word(x, q - 2, "parties") || is_word(x, q - 2, "party") || is_word(x, q - 2, "signatories") ||
		     is_word(x, q - 2, "signatory")))
			return -1;
		size_t g = q > cs + 1 && tok_in(x, q - 2, WL_PREPOSITION) ? q - 1 : 0;
		if (g && tok_in(x, g - 1, WL_PREPOSITION) && !is_word(x, g - 1, "after") && !is_word(x, g - 1, "by") &&
		    !is_word(x, g - 1, "since") && !is_word(x, g - 1, "before") &&
		    (is_word(x, g, "resuming") || is_word(x, g, "reviving") || is_word(x, g, "restarting") ||
		     is_word(x, g, "relaunching") || is_word(x, g, "reopening")))
			return -1;
	}
	/* "amid growing calls for sanctions", "with pressing calls for
	 * humanitarian action": a clamour of no one named, no appeal of an
	 * actor's. */
	if (k > s + 1 && (is_word(x, k, "calls") || is_word(x, k, "demands") || is_word(x, k, "appeals")) &&
	    (is_word(x, k - 1, "growing") || is_word(x, k - 1, "mounting") || is_word(x, k - 1, "pressing") ||
	     is_word(x, k - 1, "increasing") || is_word(x, k - 1, "widespread")) &&
	    !is_word(x, k - 2, "'s") && !is_word(x, k - 2, "its") && !is_word(x, k - 2, "their") &&
	    !is_word(x, k - 2, "his") && !is_word(x, k - 2, "her") && !(x->toks.t[k - 2].flags & TOK_CAP))
		return -1;
	/* "sanctions against 11 officials whom the bloc accuses of undermining
	 * the assembly": a charge in the present, in a relative clause on those
	 * a measure names, is the measure's reason, no act at a time. */
	if (is_word(x, k, "accuses") || is_word(x, k, "blames") || is_word(x, k, "suspects"))
		for (size_t q = k; q > s && q + 6 > k; q--) {
			if (is_word(x, q - 1, "whom") || is_word(x, q - 1, "who"))
				return -1;
			if (is_word(x, q - 1, ",") || tok_in(x, q - 1, WL_REPORTING))
				break;
		}
	/* "no date has yet been set for another round": nothing is planned. */
	for (size_t q = k; q > s + 3 && q + 5 > k; q--)
		if (is_word(x, q - 1, "for") && (is_word(x, q - 2, "set") || is_word(x, q - 2, "fixed"))) {
			for (size_t d = q - 2; d > s + 1 && d + 6 > q; d--)
				if (is_word(x, d - 1, "date") && (is_word(x, d - 2, "no") || is_word(x, d - 2, "without")))
					return -1;
			break;
		}
	/* "She would have been the most senior official to visit Taiwan": what
	 * the act would have made of its maker, had it happened. */
	if (k > cs + 4 && is_word(x, k - 1, "to"))
		for (size_t q = k - 1; q > cs + 2 && q + 12 > k; q--) {
			if (is_word(x, q - 1, ",") || tok_in(x, q - 1, WL_CLAUSE_BREAK | WL_REPORTING))
				break;
			if (is_word(x, q - 1, "been") && is_word(x, q - 2, "have") &&
			    (is_word(x, q - 3, "would") || is_word(x, q - 3, "could") || is_word(x, q - 3, "might")))
				return -1;
		}
	/* "vetoed a Security Council resolution to impose sanctions", "blocked
	 * a draft condemning ...", "blocked an EU statement criticising China":
	 * what a vetoed text would have done did not happen (a text rejected
	 * once issued was: "rejected a G7 statement criticising"). */
	for (size_t q = k, text = 0; q > cs && q + 12 > k; q--) {
		text |= tok_in(x, q - 1, WL_DRAFT_TEXT);
		if (text && tok_in(x, q - 1, WL_BLOCK_VERB))
			return -1;
		/* ("failed to adopt a draft resolution demanding ...") */
		if (text && is_word(x, q - 1, "adopt") && q > cs + 2 &&
		    (tok_in(x, q - 2, WL_NEGATION) ||
		     (is_word(x, q - 2, "to") && q > cs + 3 &&
		      (is_word(x, q - 3, "failed") || is_word(x, q - 3, "fails") || is_word(x, q - 3, "failing") ||
		       is_word(x, q - 3, "unable")))))
			return -1;
		if (tok_in(x, q - 1, WL_REPORTING) || is_word(x, q - 1, ";"))
			break;
	}
	/* "postponed the talks", "backed out of a scheduled meeting", "put off
	 * nuclear arms talks": the act is the object of the cancelling verb, so
	 * nothing between them ends a noun phrase. */
	for (size_t q = k; q > lim && q + 5 > k; q--) {
		if (cancel_before(x, lim, q) && !refused_before(x, lim, q))
			return STATUS_NEGATED;
		if (tok_in(x, q - 1, WL_CLAUSE_BREAK) || is_word(x, q - 1, "and") || is_word(x, q - 1, "to") ||
		    is_word(x, q - 1, ",") || tok_in(x, q - 1, WL_REPORTING))
			break;
	}
	/* "took up the offer of a visit", "accepted an invitation for talks",
	 * "a proposal for a summit": an occasion offered or proposed is still
	 * to come. */
	if (k >= cs + 2 && tok_in(x, k, WL_PLAN_NOUN)) {
		size_t q = k;
		if (q > cs && (is_word(x, q - 1, "a") || is_word(x, q - 1, "an") || is_word(x, q - 1, "the")))
			q--;
		if (q >= cs + 2 && (is_word(x, q - 1, "of") || is_word(x, q - 1, "for")) &&
		    (is_word(x, q - 2, "offer") || is_word(x, q - 2, "offers") || is_word(x, q - 2, "invitation") ||
		     is_word(x, q - 2, "invitations") || is_word(x, q - 2, "proposal") ||
		     is_word(x, q - 2, "proposals")))
			return STATUS_PLANNED;
	}
	/* ", with each side faulting the other": a participle after a comma is
	 * a clause of its own; a negation before the comma is not its. */
	int participle = ends_in(x, k, 4, "ing");
	for (size_t i = k; i > lim; i--) {
		if (participle && is_word(x, i - 1, ","))
			break;
		/* "Wang, who will visit Seoul on Friday, met Hayashi": a relative
		 * clause between commas on the subject has its own modal, not the
		 * main verb's. */
		if (i >= 2 && is_word(x, i - 1, ",")) {
			size_t w = i - 1, rel = 0;
			while (w > cs + 1 && w + 16 > i && !is_word(x, w - 1, ",")) {
				w--;
				if (is_word(x, w - 1, ",") &&
				    (is_word(x, w, "who") || is_word(x, w, "which") || is_word(x, w, "whose")))
					rel = w;
				else if (tok_in(x, w, WL_CLAUSE_BREAK) || is_word(x, w, ";"))
					break;
			}
			if (rel) {
				i = rel;   /* next: the token before the opening comma */
				continue;
			}
		}
		/* "will never accept this, and it strongly calls on ...": a clause
		 * with a subject of its own after ", and"; the modal before is the
		 * other clause's. */
		if (i < k && i + 1 < k && is_word(x, i - 1, ",") && (is_word(x, i, "and") || is_word(x, i, "but")) &&
		    (is_word(x, i + 1, "it") || is_word(x, i + 1, "he") || is_word(x, i + 1, "she") ||
		     is_word(x, i + 1, "they") || is_word(x, i + 1, "we") || (x->toks.t[i + 1].flags & TOK_CAP)))
			break;
		/* "agreed to open, without delay, negotiations": a manner, not a
		 * negation of the act. */
		if (is_word(x, i - 1, "without") && i < k &&
		    (is_word(x, i, "delay") || (i + 1 < k && is_word(x, i + 1, "delay"))))
			continue;
		/* "No attempt was made at the meeting": "no" denies the noun
		 * after it, not an event named after a preposition further on. */
		if (is_word(x, i - 1, "no") && i < k) {
			int prep = 0;
			for (size_t q = i; q < k && !prep; q++)
				prep = tok_in(x, q, WL_PREPOSITION) && !is_word(x, q, "to");
			if (prep)
				continue;
		}
		if (tok_in(x, i - 1, WL_NEGATION)) {
			/* "agreed to refrain from criticizing each other": a pledge
			 * (the agreement is the event), not an act that did not happen. */
			if (i >= 3 && (is_word(x, i - 1, "refrain") || is_word(x, i - 1, "refraining")) &&
			    is_word(x, i - 2, "to") && (tok_in(x, i - 3, WL_INTENT) || tok_in(x, i - 3, WL_PLAN)))
				return -1;
			/* "the commission, which has not met since 2019", "have not
			 * held talks since the war": how long nothing happened, no
			 * act that was called off. */
			for (size_t q = k + 1; q < e && q < k + 8; q++) {
				if (is_word(x, q, ",") || is_word(x, q, ";") || tok_in(x, q, WL_CLAUSE_BREAK))
					break;
				if (is_word(x, q, "since"))
					return -1;
			}
			/* ("Since the meeting in 2019, Lavrov has not visited") */
			if (is_word(x, s, "since"))
				return -1;
			return STATUS_NEGATED;
		}
		/* "The United States may lift the tariffs later this month": an act
		 * that may come is a plan; "may have violated", a guess about the
		 * past, stays no event. */
		if (is_word(x, i - 1, "may") && !(x->toks.t[i - 1].flags & TOK_CAP) && !is_word(x, i, "have") &&
		    !is_word(x, i, "not")) {
			status = STATUS_PLANNED;
			continue;
		}
		if (tok_in(x, i - 1, WL_CONDITION))
			return -1;
		if (tok_in(x, i - 1, WL_PLAN) && ends_in(x, i - 1, 2, "ed") && occasion_between(x, i, k))
			continue;
		if (tok_in(x, i - 1, WL_PLAN)) {
			status = STATUS_PLANNED;
			/* "had been due to head a delegation", "had been scheduled for
			 * next week", "had planned to visit": a plan told in the past
			 * perfect is a plan that did not come about. */
			/* (Not "had agreed to hold talks": an agreement made binds
			 * the sides to what is still to come.) */
			if ((i >= 3 && is_word(x, i - 2, "been") && is_word(x, i - 3, "had")) ||
			    (i >= 2 && is_word(x, i - 2, "had") && ends_in(x, i - 1, 3, "ed") &&
			     !is_word(x, i - 1, "agreed")))
				return STATUS_NEGATED;
		}
		/* "invited X to visit", "plans to visit": a plan; "summoned X to lodge a
		 * protest", "decided to lift": an act. */
		if (is_word(x, i - 1, "to") && (i == k || (i + 1 == k && tok_in(x, k - 1, WL_RESUME)))) {
			for (size_t q = i - 1; q > cs && q + 8 > i; q--)
				if (tok_in(x, q - 1, WL_INTENT)) {
					status = STATUS_PLANNED;
					break;
				}
			/* "a failure to strike a deal would mean war", "because of
			 * Cuba's failure to adopt measures", "someone in Washington
			 * fails to appreciate this": a failing told as a noun or in
			 * the present is a charge or a hypothesis, no act at a time. */
			if (i >= 2 && (is_word(x, i - 2, "failure") || is_word(x, i - 2, "fails")))
				return -1;
			if (i >= 2 && (is_word(x, i - 2, "refused") || is_word(x, i - 2, "failed") ||
				       is_word(x, i - 2, "fails") || is_word(x, i - 2, "fail") ||
				       is_word(x, i - 2, "failing") || is_word(x, i - 2, "declined") ||
				       is_word(x, i - 2, "refuses") || is_word(x, i - 2, "declines")))
				return STATUS_NEGATED;
		}
		/* "is/are/was to visit": a plan. */
		if (is_word(x, i - 1, "to") && i >= 2 && (is_word(x, i - 2, "is") || is_word(x, i - 2, "are") ||
						   is_word(x, i - 2, "was") || is_word(x, i - 2, "were")))
			status = STATUS_PLANNED;
	}
	/* "Belgium will respond in kind: the summoning of Rwanda's chargé
	 * d'affaires, ...": a noun right after a colon spells out the act the
	 * clause before announced, and shares its future. */
	if (status == STATUS_OCCURRED && k > s + 2) {
		size_t c = k - 1;
		if (tok_in(x, c, WL_DETERMINER) && c > s)
			c--;
		if (is_word(x, c, ":") && !tok_in(x, c - 1, WL_REPORTING))
			for (size_t q = c; q > s; q--) {
				if (is_word(x, q - 1, "will") || is_word(x, q - 1, "shall") || is_word(x, q - 1, "'ll")) {
					status = STATUS_PLANNED;
					break;
				}
				if (is_word(x, q - 1, ":") || is_word(x, q - 1, ";") || tok_in(x, q - 1, WL_REPORTING))
					break;
			}
	}
	/* "would have an effect on the negotiations currently held between
	 * Ottawa and Paris", "said it would harm the ongoing talks": an act
	 * the text says is going on is happening, whatever the clause around
	 * it foresees. */
	if (status == STATUS_PLANNED && going_on(x, k, s, e))
		status = STATUS_OCCURRED;
	/* "will reconfirm last week's agreement", "to build on yesterday's
	 * talks": an act named by a past time's possessive has happened. */
	if (status == STATUS_PLANNED && k > s + 2) {
		size_t q = k;
		if (!(x->toks.t[q - 1].flags & TOK_CAP) && !is_word(x, q - 1, "'s") && (x->toks.t[q - 1].flags & TOK_WORD))
			q--;   /* "last week's landmark agreement" */
		if (q > s + 2 && is_word(x, q - 1, "'s") &&
		    (is_word(x, q - 2, "yesterday") ||
		     (is_word(x, q - 3, "last") && (is_word(x, q - 2, "week") || is_word(x, q - 2, "month") ||
						    is_word(x, q - 2, "year") || is_word(x, q - 2, "weekend")))))
			status = STATUS_OCCURRED;
	}
	if (status == STATUS_PLANNED && plan_called_off(x, k, e))
		return STATUS_NEGATED;
	if ((status == STATUS_PLANNED || status == STATUS_OCCURRED) && noun_called_off(x, k, e))
		return STATUS_NEGATED;
	return status;
}

/* ---- events ------------------------------------------------------------- */

/* Whether "charge" at i is no accusation: a charge d'affaires is an envoy
 * (summoned or recalled), and "the official in charge of talks" accuses no
 * one. */
static int charge_not_accusation(const struct extractor *x, size_t i)
{
	if (!is_word(x, i, "charge") && !is_word(x, i, "charges"))
		return 0;
	if (i + 1 < x->toks.n) {
		const char *n = tok_lower(&x->toks, i + 1);
		size_t len = x->toks.t[i + 1].lower_len;
		if ((len >= 2 && !memcmp(n, "d'", 2)) || (len >= 4 && !memcmp(n, "d\xe2\x80\x99", 4)) ||
		    is_word(x, i + 1, "d"))
			return 1;
	}
	/* ("in charge of", "free of charge", "at no charge"; not "charges of
	 * espionage") */
	return i > 0 && (is_word(x, i - 1, "in") || is_word(x, i - 1, "no") ||
			 (i > 1 && is_word(x, i - 1, "of") && is_word(x, i - 2, "free")));
}

/* Whether token i is one of tr's tail words. */
static int is_tail_word(const struct extractor *x, const struct dict_trigger *tr, size_t i)
{
	for (size_t k = 0; k < tr->n_tails; k++)
		if (x->toks.t[i].lhash == tr->tails[k])
			return !((!strcmp(tr->type, "accusation") || !strcmp(tr->type, "denial")) &&
				 charge_not_accusation(x, i));
	return 0;
}

/* The search for a tail word in its clause: returns one past the tail word,
 * te when the passive put it before the wording, or 0; *stop gets where the
 * search after the wording would end without it (the clause's end, or the
 * window's). */
static size_t tail_reach(const struct extractor *x, const struct dict_trigger *tr, size_t te, size_t e, size_t *stop)
{
	size_t lim = te + (size_t)tr->tail_window < e ? te + (size_t)tr->tail_window : e;
	size_t found = 0, i;
	for (i = te; i < lim; i++) {
		/* The tail belongs to the same clause. */
		if (i > te && (tok_in(x, i, WL_TAIL_STOP) || (is_word(x, i, ",") && i + 1 < lim &&
							    (is_word(x, i + 1, "while") || is_word(x, i + 1, "but")))))
			break;
		/* "ordered the diplomats out of the country and imposed sanctions
		 * on ...": a second verb in the past, with its own object, has its
		 * own words. */
		if (i > te + 1 && is_word(x, i, "and") && i + 2 < e && ends_in(x, i + 1, 2, "ed") &&
		    !(x->toks.t[i + 1].flags & TOK_CAP) &&
		    (tok_in(x, i + 2, WL_DETERMINER) || (x->toks.t[i + 2].flags & (TOK_CAP | TOK_NUM)) ||
		     x->toks.t[i + 2].lower_len > 3))
			break;
		if (!found && is_tail_word(x, tr, i))
			found = i + 1;
		if (found && !stop)
			return found;
	}
	if (stop)
		*stop = i;
	if (found)
		return found;
	/* The passive puts the tail first: "the assets were frozen by Britain",
	 * "the deal was sealed by Japan and India": a participle after a form of
	 * "be", with its agent named after "by", finds its tail in the subject
	 * before. */
	size_t be = te >= 2 ? te - 2 : 0;
	if (be > 0 && !tok_in(x, be, WL_BE) && (ends_in(x, be, 2, "ly") || tok_in(x, be, WL_SKIP_ADVERB)))
		be--;
	if (te >= 2 && tok_in(x, be, WL_BE) && !is_word(x, te - 1, "being") && te < e && is_word(x, te, "by") &&
	    te + 1 < e && (x->toks.t[te + 1].flags & (TOK_CAP | TOK_ALLCAPS)) && !is_word(x, be, "be") &&
	    !(type_props(x, tr) & TP_TRAVEL))
		for (size_t j = be; j-- > 0 && j + 12 > be;) {
			if (tok_in(x, j, WL_CLAUSE_BREAK | WL_REPORTING | WL_TAIL_STOP) || is_word(x, j, ";") ||
			    is_word(x, j, "that"))
				break;
			if (is_tail_word(x, tr, j))
				return te;
		}
	return 0;
}

/* Where the required tail word stands (one past it), te when the pattern has
 * none, or 0 when it is missing. */
size_t tail_end(const struct extractor *x, const struct dict_trigger *tr, size_t te, size_t e)
{
	if (!tr->n_tails)
		return te;
	return tail_reach(x, tr, te, e, NULL);
}

/* Whether hit h is at one of the tail words of tr, in the clause tr's tail
 * search reaches from te: "added 29 entities to its export blacklist" is one
 * act, and "blacklist" no second one; "expressed its condemnation and
 * rejection of" one condemnation. */
int in_own_tail(const struct extractor *x, const struct dict_trigger *tr, size_t te, size_t e,
		const struct trigger_hit *h)
{
	if (!tr->n_tails || h->ts < te || h->ts >= te + (size_t)tr->tail_window)
		return 0;
	if (!is_tail_word(x, tr, h->ts))
		return 0;   /* (most hits: the clause is not read) */
	size_t stop = te;
	tail_reach(x, tr, te, e, &stop);
	return h->ts < stop;
}

size_t after_measure(const struct extractor *x, size_t q, size_t e)
{
	static const char *const units[] = {"day", "days", "week", "weeks", "hour", "hours", "month", "months"};
	if (q + 2 >= e)
		return q;
	int count = 0, unit = 0;
	for (size_t c = 0; c < sizeof units / sizeof *units && !unit; c++)
		unit = is_word_dyn(x, q + 1, units[c]);
	if (!unit)
		return q;   /* (most sentences: the second word is none of these) */
	count = (x->toks.t[q].flags & TOK_NUM) || count_word(x, q) || is_word(x, q, "several") ||
		is_word(x, q, "few") || is_word(x, q, "some");
	return count ? q + 2 : q;
}

int tail_ok(const struct extractor *x, const struct dict_trigger *tr, size_t te, size_t e)
{
	return tail_end(x, tr, te, e) != 0;
}

/* Whether the trigger continues a coordinated verb phrase (", freezing",
 * "and frozen"): its subject is the previous verb's. */
int coordinated(const struct extractor *x, size_t k, size_t s)
{
	size_t i = k;
	while (i > s && tok_in(x, i - 1, WL_SKIP_ADVERB))
		i--;
	return i > s && (is_word(x, i - 1, ",") || is_word(x, i - 1, "and"));
}

/* Passive: "was condemned by X". */
int passive_by(const struct extractor *x, size_t k, size_t te, size_t e)
{
	/* "the declaration signed by X": a participle with its agent. */
	if (te < e && is_word(x, te, "by") && te - k == 1) {
		if (ends_in(x, k, 3, "ed"))
			return (int)te;
	}
	/* A wording that holds its own "was" ("was summoned"): passive itself. */
	int own_be = tok_in(x, k, WL_BE) && te > k + 1;
	if (k == 0 && !own_be)
		return -1;
	size_t i = k;
	while (!own_be && i > 0 && tok_in(x, i - 1, WL_SKIP_ADVERB) && !tok_in(x, i - 1, WL_BE))
		i--;
	if (!own_be && !(i > 0 && tok_in(x, i - 1, WL_BE)))
		return -1;
	for (size_t j = te; j < e && j < te + 3; j++)
		if (is_word(x, j, "by"))
			return (int)j;
	/* (past a date: "were signed on 14 April 1988 by Afghanistan, ...") */
	for (size_t j = te; j < e && j < te + 8; j++) {
		if (is_word(x, j, "by"))
			return (int)j;
		const char *w = x->text + x->toks.t[j].start;
		int n = (int)(x->toks.t[j].end - x->toks.t[j].start);
		if (!(x->toks.t[j].flags & TOK_NUM) && !is_word(x, j, "on") && !is_word(x, j, "in") && !is_word(x, j, ",") &&
		    !is_word(x, j, ".") && month_from_name(w, n) <= 0 && weekday_from_name(w, n) < 0)
			break;
	}
	return -1;
}

int push_cand(struct extractor *x, struct cand **out)
{
	if (grow_array((void **)&x->cands, &x->cap_cands, x->n_cands + 1, sizeof(*x->cands)))
		return -1;
	*out = &x->cands[x->n_cands++];
	memset(*out, 0, sizeof(**out));
	return 0;
}

/* The mention index ending right before token k (skipping adverbs and
 * auxiliaries), or -1. */
static long adjacent_before(const struct extractor *x, size_t k, size_t lo, size_t m0, size_t m1)
{
	size_t i = k;
	for (;;) {
		while (i > lo && (tok_in(x, i - 1, WL_SKIP_ADVERB) ||
				  (x->toks.t[i - 1].flags & (TOK_OPEN_QUOTE | TOK_CLOSE_QUOTE)) ||
				  is_word(x, i - 1, "]") || is_word(x, i - 1, "[")))
			i--;
		/* "The Foreign Ministry on Thursday condemned": a day between
		 * subject and verb. */
		if (i > lo + 1 && is_word(x, i - 2, "on") &&
		    weekday_from_name(x->text + x->toks.t[i - 1].start,
				      (int)(x->toks.t[i - 1].end - x->toks.t[i - 1].start)) >= 0) {
			i -= 2;
			continue;
		}
		/* "The European Community (EC) accused", "Truss today (Thursday 24
		 * February) called in": a bracket between subject and verb. */
		if (i > lo + 1 && is_word(x, i - 1, ")")) {
			size_t q = i - 1;
			while (q > lo && q + 8 > i && !is_word(x, q - 1, "("))
				q--;
			if (q > lo && is_word(x, q - 1, "(")) {
				i = q - 1;
				continue;
			}
		}
		break;
	}
	if (i > lo && is_word(x, i - 1, "'s"))
		i--;
	for (size_t j = m1; j-- > m0;)
		if (x->men[j].te == i)
			return x->men[j].kind == MK_PLACE ? -1 : (long)j;   /* "met in Phnom Penh on Sunday" */
	return -1;
}

/* Whether tokens [a, b) only join two coordinated mentions: ", the", "and both". */
static int joiner(const struct extractor *x, size_t a, size_t b)
{
	if (b - a > 4)
		return 0;
	int link = b == a;
	for (size_t i = a; i < b; i++) {
		if (!tok_in(x, i, WL_JOINER))
			return 0;
		link |= is_word(x, i, "and") || is_word(x, i, ",") || is_word(x, i, "&") || is_word(x, i, "—") ||
			is_word(x, i, "–");
	}
	return link;
}

/* Extends mention j leftwards over "X and Y", "X, Y and Z" and returns the
 * first mention of the group. */
static size_t group_start(const struct extractor *x, size_t j, size_t m0)
{
	while (j > m0 && joiner(x, x->men[j - 1].te, x->men[j].ts))
		j--;
	return j;
}

/* Extends mention j rightwards over its coordination; returns one past the last. */
size_t group_end(const struct extractor *x, size_t j, size_t m1)
{
	size_t k = j + 1;
	while (k < m1 && joiner(x, x->men[k - 1].te, x->men[k].ts))
		k++;
	return k;
}

/* A pronoun's antecedent: the first actor of the sentence before it when there
 * is one, else the last subject. */
static int pronoun_target(const struct extractor *x, const struct mention *m)
{
	/* A possessive "its" is the nearest actor before it: "urged Pakistan to
	 * reconsider its decision". */
	if (is_word(x, m->ts, "its")) {
		for (const struct mention *p = m; p-- > x->men;) {
			if (x->sent_first < 0 || p < &x->men[x->sent_first])
				break;
			/* ("has passed on to Russia its demands", "conveyed to Beijing
			 * its concern": an addressee after "to" right before the
			 * possessive is not its owner, the giver is) */
			if (p->te == m->ts && p->ts > 0 && (is_word(x, p->ts - 1, "to") || is_word(x, p->ts - 1, "with")))
				continue;
			if (p->ra >= 0 && p->kind != MK_PLACE && x->ra[p->ra].kind != ACTOR_PERSON)
				return p->ra;
		}
	}
	/* "leading Beijing to announce it would adopt countermeasures", "X
	 * warned that it would": the subject of the verb of saying right
	 * before the pronoun. */
	if (m->ts > 2 && x->sent_first >= 0) {
		size_t v = m->ts - 1;
		int saying = 0;
		/* (over "that" and a time: "announced on Friday that it") */
		for (; v > 0 && v + 5 > m->ts && !saying; v--) {
			const char *w = low(x, v);
			saying = tok_in(x, v, WL_REPORTING) || has_prefix(w, "announce") || has_prefix(w, "warn") ||
				 has_prefix(w, "vow") || has_prefix(w, "pledge") || has_prefix(w, "threaten") ||
				 has_prefix(w, "insist") || has_prefix(w, "claim");
			if (saying)
				break;
			if (!is_word(x, v, "that") && !is_word(x, v, "on") && !(x->toks.t[v].flags & TOK_CAP) &&
			    !tok_in(x, v, WL_DETERMINER) && !is_word(x, v, "today") && !is_word(x, v, "yesterday"))
				break;
		}
		if (saying) {
			int person = is_word(x, m->ts, "he") || is_word(x, m->ts, "she");
			for (const struct mention *p = m; p-- > x->men;) {
				if (p < &x->men[x->sent_first] || p->te + 5 < v)
					break;
				/* ("told Manila it would": the one told, after the
				 * verb, is not the one saying) */
				if (p->ts > v)
					continue;
				if (p->ra >= 0 && p->kind != MK_PLACE && p->kind != MK_ADJ && !p->quoted &&
				    (x->ra[p->ra].kind == ACTOR_PERSON) == person)
					return p->ra;
			}
		}
	}
	/* "remarks al-Bashir made on Tuesday, in which he charged Egypt",
	 * "the talks X held, during which he urged": a pronoun opening a
	 * relative clause on a noun continues the clause that noun belongs
	 * to; it names the nearest person (for he/she) before it, not the
	 * sentence's first actor. */
	if (m->ts >= 2 && x->sent_first >= 0 && tok_in(x, m->ts - 2, WL_PREPOSITION) &&
	    (is_word(x, m->ts - 1, "which") || is_word(x, m->ts - 1, "whom"))) {
		int person = is_word(x, m->ts, "he") || is_word(x, m->ts, "she");
		for (const struct mention *p = m; p-- > x->men;) {
			if (p < &x->men[x->sent_first])
				break;
			if (p->ra >= 0 && p->kind != MK_PLACE && p->kind != MK_ADJ && p->kind != MK_PRONOUN &&
			    !p->quoted && (x->ra[p->ra].kind == ACTOR_PERSON) == person)
				return p->ra;
		}
	}
	if (x->sent_first >= 0 && x->men[x->sent_first].ts < m->ts)
		return x->men[x->sent_first].ra;
	return x->last_subject;
}

static void add_group_places(struct extractor *x, size_t a, size_t b, int *arr, int *n, int speaker,
			     int places)
{
	/* "the efforts of Islamabad and New Delhi": a capital joined to an
	 * actor is an actor too. */
	for (size_t i = a; i < b && !places && b > a + 1; i++)
		places = x->men[i].kind == MK_ACTOR && x->men[i].ra >= 0 &&
			 x->ra[x->men[i].ra].kind != ACTOR_PERSON;
	for (size_t i = a; i < b; i++) {
		const struct mention *m = &x->men[i];
		if (m->kind == MK_PLACE) {
			if (places)
				push_party(arr, n, m->ra);
			continue;
		}
		if (m->kind == MK_PRONOUN)
			push_party(arr, n, pronoun_target(x, m));
		else
			mention_parties(x, m, arr, n, speaker);
	}
}

void add_group(struct extractor *x, size_t a, size_t b, int *arr, int *n, int speaker)
{
	add_group_places(x, a, b, arr, n, speaker, 0);
}

/* Whether a mention starting at token ts is the object of a preposition:
 * "from the Canadian side", "of its neighbours". */
static int governed(const struct extractor *x, size_t ts, size_t s)
{
	size_t i = ts;
	while (i > s && tok_in(x, i - 1, WL_DETERMINER))
		i--;
	return i > s && tok_in(x, i - 1, WL_PREPOSITION);
}

/* The subject of the trigger at [k, te) within clause [cs, ce). */
static void find_subject_of_clause(struct extractor *x, const struct dict_trigger *tr, size_t k, size_t cs,
				   struct trigger_ctx *tc, int *subj, int *nsubj);

/* Whether token t, before the trigger at k, stands in an aside of the
 * subject: a relative clause set off by commas ("Kishida, who met Biden in
 * January, will travel") or a phrase opening the sentence ("After meeting
 * Wang Yi, Lavrov flew"). */
static int in_subject_aside(const struct extractor *x, size_t s, size_t t, size_t k)
{
	size_t close = 0;
	for (size_t q = t + 1; q < k && !close; q++)
		if (is_word(x, q, ","))
			close = q;
	if (!close)
		return 0;
	for (size_t q = t; q > s; q--) {
		if (is_word(x, q - 1, ","))
			return 0;
		if (q - 1 > s && is_word(x, q - 2, ",") &&
		    (is_word(x, q - 1, "who") || is_word(x, q - 1, "whose") || is_word(x, q - 1, "which")))
			return 1;
	}
	size_t o = after_measure(x, s, t);
	return o < t && (is_word(x, o, "after") || is_word(x, o, "following") || is_word(x, o, "before") ||
			 is_word(x, o, "during") || is_word(x, o, "upon") || is_word(x, o, "while") ||
			 ends_in(x, o, 4, "ing"));
}

/* "The EU met Uzbekistan. They also urged the Uzbek authorities to ...": a
 * subject that stands for several parties (a collective, "they", "the two
 * sides") does not include the one its directed act is aimed at, named as
 * its object; a party named in the subject itself stays. */
void find_subject(struct extractor *x, const struct dict_trigger *tr, size_t k, size_t cs,
		  struct trigger_ctx *tc, int *subj, int *nsubj)
{
	find_subject_of_clause(x, tr, k, cs, tc, subj, nsubj);
	/* A party named only in an aside of the subject is none of it. */
	if (*nsubj >= 2 && tr->frame == FRAME_DIRECTED) {
		size_t m0, m1;
		mentions_in(x, tc->s, k, &m0, &m1);
		int keep[MAX_PARTIES], n = 0;
		for (int i = 0; i < *nsubj; i++) {
			int aside = 0, main = 0;
			for (size_t j = m0; j < m1; j++)
				if (x->men[j].ra >= 0 && same_code(x, x->men[j].ra, subj[i])) {
					if (in_subject_aside(x, tc->s, x->men[j].ts, k))
						aside = 1;
					else
						main = 1;
				}
			if (!aside || main)
				keep[n++] = subj[i];
		}
		if (n && n < *nsubj) {
			memcpy(subj, keep, (size_t)n * sizeof(*subj));
			*nsubj = n;
		}
	}
	if (*nsubj < 2 || tr->frame != FRAME_DIRECTED || tr->noun)
		return;
	size_t o0, o1;
	mentions_in(x, k, tc->e, &o0, &o1);
	size_t te = k;
	while (te < tc->e && !(te > k && (x->toks.t[te].flags & TOK_CAP)) && te < k + 4 &&
	       !is_word(x, te, ",") && !tok_in(x, te, WL_DETERMINER))
		te++;
	while (te < tc->e && tok_in(x, te, WL_DETERMINER))
		te++;
	if (o1 == o0 || x->men[o0].ts != te || x->men[o0].ra < 0 || x->men[o0].kind == MK_PLACE)
		return;
	if (x->men[o0].te < tc->e && is_word(x, x->men[o0].te, "'s"))
		return;   /* "called on Mali's neighbours": the owner is no object */
	int obj = x->men[o0].ra, named = 0, in = 0;
	size_t m0, m1;
	mentions_in(x, tc->s, k, &m0, &m1);
	for (size_t j = m0; j < m1; j++)
		if (x->men[j].ra >= 0 && x->men[j].kind != MK_PLACE && same_code(x, x->men[j].ra, obj) &&
		    x->men[j].ts >= cs)
			named = 1;
	for (int i = 0; i < *nsubj; i++)
		in |= same_code(x, subj[i], obj);
	if (named || !in)
		return;
	int n = 0;
	for (int i = 0; i < *nsubj; i++)
		if (!same_code(x, subj[i], obj))
			subj[n++] = subj[i];
	if (n)
		*nsubj = n;
}

static void find_subject_of_clause(struct extractor *x, const struct dict_trigger *tr, size_t k, size_t cs,
				   struct trigger_ctx *tc, int *subj, int *nsubj)
{
	size_t m0, m1;
	/* "At the invitation of President Putin, Xi arrived in Moscow", "In
	 * a call with Blinken, Wang urged ...": a phrase that opens the
	 * sentence with a preposition and ends at a comma holds no subject. */
	/* ("Speaking after talks with Wang Yi, Blinken urged": an opening
	 * participle's phrase neither.) */
	/* (A turn's label, "A:" or "Mao Ning:", comes before the opening.) */
	size_t s0 = tc->s, cs0 = cs;
	if (x->turn_name_end && x->turn_name_end >= tc->s && x->turn_name_end + 1 < k) {
		s0 = x->turn_name_end + 1;
		if (cs < s0)
			cs0 = s0;
	}
	int ing_opener = ends_in(x, s0, 3, "ing") && (x->toks.t[s0].flags & TOK_CAP) && cs0 >= s0 && k > s0 + 3;
	if ((cs0 == s0 || ing_opener) && k > cs0 + 3 &&
	    (tok_in(x, s0, WL_PREPOSITION) || is_word(x, s0, "during") || ing_opener) && !is_word(x, s0, "according")) {
		cs = cs0;
		size_t c = cs + 1;
		while (c < k && !is_word(x, c, ",") &&
		       (ing_opener || !tok_in(x, c, WL_CLAUSE_BREAK | WL_REPORTING)))
			c++;
		if (c + 1 < k && is_word(x, c, ",")) {
			mentions_in(x, c + 1, k, &m0, &m1);
			if (m1 > m0)
				cs = c + 1;
		}
	}
	mentions_in(x, cs, k, &m0, &m1);
	/* "any evidence that TikTok threatens its security": a clause after
	 * "that" whose subject is a name the dictionary does not know acts
	 * for no one we know; its subject is not looked for further back. */
	if (k >= cs + 2 && k >= tc->s + 2 && is_word(x, k - 2, "that") && (x->toks.t[k - 1].flags & TOK_CAP) &&
	    (x->toks.t[k - 1].flags & TOK_WORD) && !tok_in(x, k - 1, WL_DETERMINER | WL_REFERENCE | WL_ORGAN) &&
	    (m1 == m0 || x->men[m1 - 1].te < k))
		return;
	/* "The sanctions imposed by the EU on Belarus were condemned by
	 * Minsk": a subject that names an act by its participle and agent
	 * stands for that agent, the one the passive act is aimed at. */
	if (!tr->noun && m1 > m0 && k > cs + 4 && (tok_in(x, k - 1, WL_BE) || is_word(x, k - 1, "been")) &&
	    tok_in(x, cs, WL_DETERMINER)) {
		size_t b = cs + 2;
		while (b < x->men[m0].ts && !is_word(x, b, "by"))
			b++;
		if (b + 1 <= x->men[m0].ts && b < k && is_word(x, b, "by") && ends_in(x, b - 1, 3, "ed") &&
		    x->men[m0].ts <= b + 2 && x->men[m0].ra >= 0 && x->men[m0].kind != MK_PLACE) {
			int plain = 1;
			for (size_t q = cs + 1; q + 1 < b && plain; q++)
				plain = (x->toks.t[q].flags & TOK_WORD) && !(x->toks.t[q].flags & TOK_CAP) &&
					!tok_in(x, q, WL_PREPOSITION | WL_REPORTING | WL_CLAUSE_BREAK | WL_BE);
			if (plain) {
				add_group(x, m0, group_end(x, m0, m1), subj, nsubj, tc->speaker);
				return;
			}
		}
	}
	/* "India responded by expelling a Canadian diplomat", "Beijing
	 * retaliated on Friday by imposing ...": the one who did the verb
	 * before "by" does what the participle after it tells. */
	if (!tr->noun && k > cs + 2 && is_word(x, k - 1, "by") && ends_in(x, k, 3, "ing")) {
		size_t v = k - 2;
		while (v > cs + 1 && is_word(x, v - 1, "on") &&
		       weekday_from_name(x->text + x->toks.t[v].start, (int)(x->toks.t[v].end - x->toks.t[v].start)) >= 0)
			v -= 2;
		if (ends_in(x, v, 2, "ed") && !(x->toks.t[v].flags & TOK_CAP)) {
			long j = adjacent_before(x, v, cs, m0, m1);
			if (j >= 0 && x->men[j].ra >= 0) {
				add_group(x, group_start(x, (size_t)j, m0), (size_t)j + 1, subj, nsubj, tc->speaker);
				return;
			}
		}
	}
	/* "Georgia's decision to sever ...": the owner of the decision. */
	tc->intention = 0;
	tc->intention_at = 0;
	/* "... -- allegations rejected by Cairo": a denial named by its noun
	 * and participle is the act of the agent after "by". */
	/* "the killing was commissioned by Moscow", told by a speaker: the
	 * agent after "by" of the wording is the one the act is about. */
	size_t by_at = 0;
	if (tr->frame == FRAME_SOURCE && tr->noun && k + 3 < tc->e && is_word(x, k + 2, "by"))
		by_at = k + 2;
	if (tr->speaker && k + 2 < tc->e && is_word(x, k + 1, "by"))
		by_at = k + 1;
	if (tr->speaker && k + 3 < tc->e && is_word(x, k + 1, "out") && is_word(x, k + 2, "by"))
		by_at = k + 2;
	if (by_at) {
		size_t r0, r1;
		mentions_in(x, by_at + 1, tc->e, &r0, &r1);
		if (r1 > r0 && x->men[r0].ts <= by_at + 3) {
			add_group(x, r0, group_end(x, r0, r1), subj, nsubj, tc->speaker);
			return;
		}
	}
	/* "with each side faulting the other": no one named acts; the two
	 * parties of the sentence, or those in play, do, each on the other
	 * (events.c, reciprocal). */
	if (k >= cs + 2 && is_word(x, k - 2, "each") &&
	    (is_word(x, k - 1, "side") || is_word(x, k - 1, "country") || is_word(x, k - 1, "party") ||
	     is_word(x, k - 1, "government") || is_word(x, k - 1, "nation") || is_word(x, k - 1, "camp"))) {
		if (x->n_sent_pair >= 2)
			for (int i = 0; i < x->n_sent_pair; i++)
				push_party(subj, nsubj, x->sent_pair[i]);
		else
			for (int i = 0; i < x->n_in_play && *nsubj < 2; i++)
				push_party(subj, nsubj, x->in_play[i]);
		if (*nsubj < 2) {
			/* "Indian and Chinese troops clashed ..., with each side ...":
			 * the first two states the sentence names. */
			size_t r0, r1;
			*nsubj = 0;
			mentions_in(x, tc->s, k, &r0, &r1);
			for (size_t j = r0; j < r1 && *nsubj < 2; j++) {
				int dup = 0;
				if (x->men[j].ra < 0 || x->men[j].kind == MK_PLACE)
					continue;
				for (int i = 0; i < *nsubj; i++)
					dup |= same_code(x, subj[i], x->men[j].ra);
				if (!dup)
					push_party(subj, nsubj, x->men[j].ra);
			}
		}
		return;
	}
	/* "acted in retaliation for France's refusal to accept the quotas":
	 * the owner of an act named by its noun does it, whoever the clause's
	 * subject is. */
	if (tr->noun && tr->frame != FRAME_SYMMETRIC && k > cs + 1 &&
	    (is_word(x, k - 1, "'s") || is_word(x, k - 1, "\u2019s"))) {
		long j = adjacent_before(x, k - 1, cs, m0, m1);
		if (j >= 0 && x->men[j].ra >= 0 && x->men[j].kind != MK_PLACE && x->ra[x->men[j].ra].code[0]) {
			add_group(x, (size_t)j, (size_t)j + 1, subj, nsubj, tc->speaker);
			return;
		}
	}
	for (size_t i = k; i > cs && i + 4 > k; i--) {
		if (!tok_in(x, i - 1, WL_INTENTION_NOUN))
			continue;
		long j = adjacent_before(x, i - 1, cs, m0, m1);
		if (j >= 0) {
			add_group(x, (size_t)j, (size_t)j + 1, subj, nsubj, tc->speaker);
			tc->intention = 1;
			tc->intention_at = i - 1;
			return;
		}
		break;
	}
	/* "turned down the Mexican government's ultimatum demanding an
	 * apology", "China's statement condemning the test": a participle on a
	 * possessed noun tells what the owner's text or act does; the owner acts. */
	if (!tr->noun && k > cs + 2 && ends_in(x, k, 4, "ing") && is_word(x, k - 2, "'s") &&
	    (x->toks.t[k - 1].flags & TOK_WORD) && !(x->toks.t[k - 1].flags & TOK_CAP) &&
	    !tok_in(x, k - 1, WL_PREPOSITION | WL_DETERMINER | WL_BE | WL_REPORTING | WL_SKIP_ADVERB)) {
		long j = adjacent_before(x, k - 1, cs, m0, m1);
		if (j >= 0 && x->men[j].ra >= 0) {
			add_group(x, (size_t)j, (size_t)j + 1, subj, nsubj, tc->speaker);
			return;
		}
	}
	/* "was handed a note of protest calling for the drills to be
	 * cancelled", "issued a statement condemning the test": a participle on
	 * a text tells what the text says; its author is the one who handed or
	 * issued it, the subject of the verb just before (or the speaker). */
	if (!tr->noun && k > cs + 2 && ends_in(x, k, 4, "ing") && tc->prev_verb && (tc->nps > 0 || tc->speaker >= 0) &&
	    tc->prev_verb_ts < k && tc->prev_verb_ts + 10 > k) {
		static const char *const texts[] = {"note", "protest", "letter", "statement", "message", "communique",
						    "communiqué", "memorandum", "declaration", "resolution", "complaint",
						    "demarche", "démarche"};
		int text = 0;
		for (size_t a = 0; a < sizeof texts / sizeof *texts && !text; a++)
			text = is_word_dyn(x, k - 1, texts[a]);
		for (size_t q = tc->prev_verb_ts; text && q < k; q++)
			if (is_word(x, q, ",") || is_word(x, q, ";") || tok_in(x, q, WL_CLAUSE_BREAK))
				text = 0;
		if (text) {
			/* (a passive "was handed a note" names no author: the speaker) */
			for (int i = 0; i < tc->nps; i++)
				push_party(subj, nsubj, tc->prev_src[i]);
			if (!tc->nps)
				push_party(subj, nsubj, tc->speaker);
			return;
		}
	}
	/* "urged Pakistan to reconsider its decision to downgrade ties and
	 * suspend trade": a decision already taken, whose owner the pronoun
	 * names; the clause's date is the urging's, not the decision's. */
	for (size_t i = k; i > cs + 1 && i + 12 > k; i--)
		if (i < k && tok_in(x, i - 1, WL_INTENTION_NOUN) && is_word(x, i, "to") &&
		    (is_word(x, i - 2, "its") || is_word(x, i - 2, "their") || is_word(x, i - 2, "his") ||
		     is_word(x, i - 2, "her"))) {
			tc->intention = 1;
			break;
		}
	/* "Speaking to journalists after talks with Kerry, Kishida said": the
	 * subject of the main clause after the opening phrase. */
	{
		size_t comma = 0;
		for (size_t q = tc->s; q < k && !comma; q++)
			if (is_word(x, q, ","))
				comma = q;
		/* (and "After meeting his Japanese counterpart, X condemned", "At
		 * a meeting with Lavrov in Moscow, Wang Yi praised", "During his
		 * visit to Beijing, Macron urged": an event told in the opening
		 * phrase is the main subject's) */
		/* ("Two days after meeting Wang Yi, Lavrov flew ...") */
		size_t o = after_measure(x, tc->s, k);
		int opener = ends_in(x, o, 4, "ing") ||
			     ((tok_in(x, o, WL_PREPOSITION) || is_word(x, o, "during") || is_word(x, o, "upon") ||
			       is_word(x, o, "while")) &&
			      !is_word(x, o, "according") && !is_word(x, o, "of") && !is_word(x, o, "to") &&
			      /* (a noun or a participle: "On Monday the government
			       * summoned" is the main clause itself) */
			      (tr->noun || ends_in(x, k, 3, "ing") || (k > 0 && tok_in(x, k - 1, WL_DETERMINER))));
		if (opener && !comma && k > tc->s) {
			for (size_t q = k; q < tc->e; q++)
				if (is_word(x, q, ",")) {
					size_t r0, r1;
					mentions_in(x, q + 1, tc->e, &r0, &r1);
					if (r1 > r0 && x->men[r0].ts <= q + 3) {
						add_group(x, r0, group_end(x, r0, r1), subj, nsubj, tc->speaker);
						return;
					}
					break;
				}
		}
	}
	/* ", urging Seoul to ...": the sentence's speaker or subject acts. */
	if (k > tc->s && is_word(x, k - 1, ",") && ends_in(x, k, 4, "ing") && !tr->noun) {
		/* "Aliyev said the French minister had lied ..., accusing
		 * Azerbaijan of ...": a participle whose object is the speaker's
		 * own state is not the speaker's act; it continues the reported
		 * clause, whose subject acts. */
		if (tc->speaker >= 0 && tr->frame == FRAME_DIRECTED) {
			size_t o0, o1;
			mentions_in(x, k + 1, k + 4, &o0, &o1);
			if (o1 > o0 && x->men[o0].ra >= 0 && x->men[o0].kind == MK_ACTOR &&
			    same_code(x, x->men[o0].ra, tc->speaker)) {
				size_t r = tc->s;
				while (r < k && !is_reporting(x, r))
					r++;
				/* (the subject right after "said", or after its "that":
				 * "said on Wednesday that the French minister had lied") */
				size_t from = r + 1;
				for (size_t c = r + 1; c < k && c < r + 7; c++)
					if (is_word(x, c, "that")) {
						from = c + 1;
						break;
					}
				size_t c0, c1;
				mentions_in(x, from, k, &c0, &c1);
				if (r + 1 < k && c1 > c0 && x->men[c0].ra >= 0 && x->men[c0].kind == MK_ACTOR &&
				    x->men[c0].ts <= from + 3 && !same_code(x, x->men[c0].ra, tc->speaker)) {
					add_group(x, c0, group_end(x, c0, c1), subj, nsubj, tc->speaker);
					return;
				}
			}
		}
		if (tc->speaker >= 0) {
			push_party(subj, nsubj, tc->speaker);
			return;
		}
		/* ("Sweden applied to join NATO, but Turkey has yet to approve
		 * the bid, accusing Stockholm of ...": the subject of the clause
		 * the participle follows, after ", but") */
		for (size_t q = k - 1; q > tc->s + 1; q--) {
			if (!(is_word(x, q - 1, ",") || is_word(x, q - 1, ";")) ||
			    !(is_word(x, q, "but") || is_word(x, q, "while") || is_word(x, q, "whereas") ||
			      is_word(x, q, "yet") || is_word(x, q, "and")))
				continue;
			size_t r0, r1;
			mentions_in(x, q + 1, k, &r0, &r1);
			size_t at = q + 1 + (size_t)tok_in(x, q + 1, WL_DETERMINER);
			if (r1 > r0 && x->men[r0].ts == at && x->men[r0].ra >= 0 && x->men[r0].kind != MK_PLACE &&
			    x->men[r0].kind != MK_ADJ) {
				add_group(x, r0, group_end(x, r0, r1), subj, nsubj, tc->speaker);
				return;
			}
			break;
		}
		if (x->sent_first >= 0 && x->men[x->sent_first].ts < k) {
			size_t f = (size_t)x->sent_first;
			add_group(x, f, group_end(x, f, x->n_men), subj, nsubj, tc->speaker);
			return;
		}
	}
	/* "Abe instructed Kishida on Thursday to travel to Seoul": the one asked acts. */
	if (k > tc->s + 1 && is_word(x, k - 1, "to")) {
		for (size_t j = m1; j-- > m0;) {
			const struct mention *m = &x->men[j];
			if (m->te + 6 < k - 1)
				break;
			if (m->ts > tc->s && tok_in(x, m->ts - 1, WL_ASK_VERB)) {
				add_group(x, j, group_end(x, j, m1), subj, nsubj, tc->speaker);
				return;
			}
		}
	}
	/* "met with X and Y to condemn the launch": those who met act together. */
	if (k > tc->s && is_word(x, k - 1, "to") && tc->nps && tc->prev_sym) {
		/* (but "Moscow agreed in principle to end an embargo on Georgian
		 * wine": one who agrees to do something acts alone, the subject
		 * of "agreed", not the party the agreement was with) */
		if (tc->prev_verb && tc->prev_verb_ts + 5 > k && tc->prev_verb_ts > tc->s &&
		    (has_prefix(low(x, tc->prev_verb_ts), "agree") || has_prefix(low(x, tc->prev_verb_ts), "consent"))) {
			size_t r0, r1;
			mentions_in(x, tc->s, tc->prev_verb_ts, &r0, &r1);
			long j = adjacent_before(x, tc->prev_verb_ts, tc->s, r0, r1);
			if (j >= 0 && x->men[j].ra >= 0 && x->men[j].kind == MK_ACTOR) {
				add_group(x, group_start(x, (size_t)j, r0), (size_t)j + 1, subj, nsubj, tc->speaker);
				return;
			}
		}
		for (int i = 0; i < tc->nps; i++)
			push_party(subj, nsubj, tc->prev_src[i]);
		return;
	}
	/* "Iran said Israel had carried out the strike and vowed retaliation":
	 * a plain past verb joined by "and" to a reported clause whose verb
	 * has its auxiliary continues the reporting verb, whose subject acts. */
	if (!tr->noun && k > tc->s + 3 && is_word(x, k - 1, "and") && ends_in(x, k, 3, "ed")) {
		size_t r = k - 1, aux = 0;
		while (r-- > tc->s) {
			if (is_word(x, r, ",") || tok_in(x, r, WL_CLAUSE_BREAK))
				break;
			if (is_word(x, r, "had") || is_word(x, r, "has") || is_word(x, r, "have") ||
			    is_word(x, r, "was") || is_word(x, r, "were") || is_word(x, r, "would") ||
			    is_word(x, r, "will") || is_word(x, r, "is") || is_word(x, r, "are"))
				aux = r;
			if (tok_in(x, r, WL_REPORTING) && aux > r + 1) {
				size_t r0, r1;
				mentions_in(x, tc->s, r, &r0, &r1);
				long j = adjacent_before(x, r, tc->s, r0, r1);
				size_t n0, n1;
				mentions_in(x, r + 1, aux, &n0, &n1);
				/* (not a passive on an actor, whose participle the one
				 * after "and" shares: "had been summoned and handed a
				 * note"; but "said several people were injured in the
				 * attack and vowed retaliation": people who undergo an
				 * act do not vow) */
				int passive = aux + 1 < k && n1 > n0 &&
					      (is_word(x, aux + 1, "been") ||
					       (tok_in(x, aux, WL_BE) && ends_in(x, aux + 1, 3, "ed")));
				if (passive)
					break;
				if (j >= 0 && (n1 > n0 || aux > r + 2)) {
					add_group(x, group_start(x, (size_t)j, r0), (size_t)j + 1, subj, nsubj,
						  tc->speaker);
					return;
				}
				break;
			}
		}
	}
	/* "X, Vice-Minister, called in the ambassador of China and lodged a
	 * protest": a verb joined to an earlier one shares its subject, even
	 * one the earlier verb could not name; the ambassador between them is
	 * that verb's object. */
	/* ("Iran, which Washington accuses of arming the Houthis, denied":
	 * the verb after a closed relative clause is the main clause's, not
	 * joined to the relative's verb.) */
	int after_relative = 0;
	if (k > tc->s + 2 && is_word(x, k - 1, ","))
		for (size_t q = k - 1; q-- > tc->s + 1;)
			if (is_word(x, q, ",")) {
				after_relative = is_word(x, q + 1, "which") || is_word(x, q + 1, "who") ||
						 is_word(x, q + 1, "whom");
				break;
			}
	if (!after_relative && coordinated(x, k, tc->s) && !tc->nps && tc->prev_verb && !tr->noun &&
	    tc->prev_verb_ts < k && !ends_in(x, k, 4, "ing")) {
		size_t pk = tc->prev_verb_ts;
		tc->prev_verb = 0;
		find_subject(x, tr, pk, tc->prev_verb_cs, tc, subj, nsubj);
		tc->prev_verb = 1;
		return;
	}
	if (!after_relative && coordinated(x, k, tc->s) && tc->nps) {
		for (int i = 0; i < tc->nps; i++)
			push_party(subj, nsubj, tc->prev_src[i]);
		return;
	}
	long adj = adjacent_before(x, k, cs, m0, m1);
	/* "declaring them personae non gratae": an object pronoun is no subject;
	 * "US" written in capitals is the state, not the pronoun "us". */
	if (adj >= 0 && x->men[adj].te == x->men[adj].ts + 1 &&
	    (is_word(x, x->men[adj].ts, "them") || is_word(x, x->men[adj].ts, "him") ||
	     (is_word(x, x->men[adj].ts, "us") && !(x->toks.t[x->men[adj].ts].flags & TOK_ALLCAPS))))
		adj = -1;
	/* "the American ambassador to South Africa charged ...": the state an
	 * envoy is posted to is no subject; the envoy's own state is. */
	/* "Any aggression against Ukraine would bring ...", "an attack on one
	 * ally will be met ...": the state an attack strikes, named right
	 * before the verb, is the attack's victim, not the verb's subject. */
	if (adj >= 0) {
		size_t a = x->men[group_start(x, (size_t)adj, m0)].ts;
		while (a > cs && tok_in(x, a - 1, WL_DETERMINER))
			a--;
		if (a > cs + 1 && (is_word(x, a - 1, "against") || is_word(x, a - 1, "on")))
			for (size_t q = a - 1; q > cs && q + 5 > a; q--)
				if (tok_in(x, q - 1, WL_ATTACK)) {
					adj = -1;
					break;
				}
	}
	if (adj >= 0) {
		size_t g = group_start(x, (size_t)adj, m0);
		size_t a = x->men[g].ts;
		/* ("the Chinese ambassador to the United States warned") */
		while (a > cs + 2 && tok_in(x, a - 1, WL_DETERMINER))
			a--;
		if (a > cs + 1 && is_word(x, a - 1, "to") && tok_in(x, a - 2, WL_ROLE)) {
			for (size_t j = g; j-- > m0;)
				if (x->men[j].te + 3 >= a - 2 && x->men[j].te <= a - 2 && x->men[j].ra >= 0) {
					add_group(x, j, j + 1, subj, nsubj, tc->speaker);
					return;
				}
		}
	}
	if (adj >= 0) {
		add_group(x, group_start(x, (size_t)adj, m0), (size_t)adj + 1, subj, nsubj, tc->speaker);
		return;
	}
	/* "Obama, who arrived": the antecedent of the relative pronoun. */
	if (cs > tc->s && (is_word(x, cs - 1, "who") || is_word(x, cs - 1, "which"))) {
		size_t r0, r1;
		mentions_in(x, tc->s, cs - 1, &r0, &r1);
		if (r1 > r0 && x->men[r1 - 1].te + 6 >= cs - 1) {
			/* The antecedent, with what stands in apposition before it:
			 * "X, Foreign Minister, and Y, Defence Minister, who are visiting". */
			size_t a = group_start(x, r1 - 1, r0);
			while (a > r0 && x->men[a - 1].te + 6 >= x->men[a].ts && x->men[a - 1].kind != MK_PLACE &&
			       !(x->men[a - 1].ts > tc->s && tok_in(x, x->men[a - 1].ts - 1, WL_PREPOSITION)))
				a--;
			add_group(x, a, r1, subj, nsubj, tc->speaker);
			return;
		}
	}
	/* "condemned the visit of an Israeli minister to the mosque", "the
	 * state visit of the Chinese premier": the one named after "of" is the
	 * traveller, not the subject of the clause around the noun ("visit" is
	 * also the verb's wording: no verb takes "of"). */
	if ((type_props(x, tr) & TP_TRAVEL) && k + 2 < tc->e && is_word(x, k + 1, "of") &&
	    (is_word(x, k, "visit") || is_word(x, k, "visits") || is_word(x, k, "arrival"))) {
		/* ("a tour of Japan", "a trip of three days": the places toured) */
		size_t r0, r1;
		mentions_in(x, k + 2, tc->e, &r0, &r1);
		if (r1 > r0 && x->men[r0].ts <= k + 5 && x->men[r0].ra >= 0 && x->men[r0].kind != MK_PLACE) {
			add_group(x, r0, group_end(x, r0, r1), subj, nsubj, tc->speaker);
			return;
		}
	}
	if (tr->noun) {
		/* Inside the noun phrase: "the Japan-Philippines Ministerial Meeting". */
		for (size_t i = k; i > cs && i + 7 > k; i--) {
			/* (over the owner's "'s": "Japan's prior request that") */
			if (is_word(x, i - 1, "the") || is_word(x, i - 1, "a") || is_word(x, i - 1, "an") ||
			    ((x->toks.t[i - 1].flags & TOK_PUNCT) && !is_word(x, i - 1, "-") && !is_word(x, i - 1, "–") &&
			     !is_word(x, i - 1, "'s")))
				break;
			for (size_t j = m0; j < m1; j++)
				if (x->men[j].te == i)
					add_group(x, j, j + 1, subj, nsubj, tc->speaker);
		}
		if (*nsubj)
			return;
		/* "signed ... at the summit": the signatories met; "welcomed the
		 * meeting": the meeting is someone else's. */
		int setting = 0;
		for (size_t i = k; i > cs && i + 4 > k; i--)
			setting |= is_word(x, i - 1, "at") || is_word(x, i - 1, "during") ||
				   is_word(x, i - 1, "after") || is_word(x, i - 1, "following") ||
				   is_word(x, i - 1, "on") || is_word(x, i - 1, "in");
		if (setting && tc->nps) {
			for (int i = 0; i < tc->nps; i++)
				push_party(subj, nsubj, tc->prev_src[i]);
			return;
		}
	}
	if (!tr->noun || !tc->prev_in_clause) {
	/* The first group of the clause not governed by a preposition (for a
	 * symmetric event, every such group: "X and the UN envoy, Y, attended"). */
	int found = 0;
	for (size_t j = m0; j < m1; j++) {
		const struct mention *m = &x->men[j];
		if (m->kind == MK_PLACE)
			continue;
		/* "discussed Russia's war": a possessive modifies a noun, it does not act. */
		if (found && is_word(x, m->te, "'s"))
			continue;
		/* "that its Secretary General Jens Stoltenberg had decided": a
		 * possessive pronoun before a named actor (titles between) is
		 * the actor's, who acts. */
		if (m->kind == MK_PRONOUN && m->te == m->ts + 1 && j + 1 < m1 &&
		    (is_word(x, m->ts, "its") || is_word(x, m->ts, "their"))) {
			size_t q = m->te;
			while (q < x->men[j + 1].ts && q < m->te + 4 && (x->toks.t[q].flags & TOK_CAP))
				q++;
			if (q == x->men[j + 1].ts && x->men[j + 1].ra >= 0)
				continue;
		}
		if (m->ts > tc->s && governed(x, m->ts, tc->s)) {
			/* ... unless it is "the ministers of X", "the leaders of the X". */
			size_t of = m->ts;
			while (of > tc->s && !is_word(x, of - 1, "of") && m->ts - of < 3)
				of--;
			of = of > tc->s ? of - 1 : of;   /* the "of" */
			int members = is_word(x, of, "of");
			const char *head = of > tc->s ? low(x, of - 1) : "";
			if (!(members && ((of > tc->s && tok_in(x, of - 1, WL_COLLECTIVE)) || !strcmp(head, "members") ||
					  !strcmp(head, "heads") || !strcmp(head, "representatives") ||
					  !strcmp(head, "office") || !strcmp(head, "government") ||
					  !strcmp(head, "delegation") || !strcmp(head, "delegations") ||
					  /* "the Deputy Chief of Mission of the Embassy of Japan" */
					  !strcmp(head, "embassy") || !strcmp(head, "consulate"))))
				continue;
		}
		size_t end = group_end(x, j, m1);
		/* "Greece and Turkey's NATO allies called on both countries":
		 * the possessors modify the actor after them, who acts. */
		if (tr->frame != FRAME_SYMMETRIC)
			for (size_t q = j; q + 1 < m1 && q < end; q++)
				if (is_word(x, x->men[q].te, "'s") && x->men[q + 1].ts <= x->men[q].te + 2 &&
				    x->men[q + 1].ts < k && x->men[q + 1].kind == MK_ACTOR && x->men[q + 1].ra >= 0 &&
				    x->ra[x->men[q + 1].ra].kind != ACTOR_PERSON) {
					j = q + 1;
					if (end <= j)
						end = group_end(x, j, m1);
				}
		add_group(x, j, end, subj, nsubj, tc->speaker);
		/* "Germany and France, along with Britain, condemned": who acts
		 * with the subject acts too. */
		{
			size_t q = x->men[end - 1].te;
			if (q < k && is_word(x, q, ","))
				q++;
			if (end < m1 && q + 2 < k && is_word(x, q + 1, "with") &&
			    (is_word(x, q, "along") || is_word(x, q, "together")) && x->men[end].ts <= q + 3 &&
			    x->men[end].ra >= 0 && x->men[end].kind != MK_PLACE)
				add_group(x, end, group_end(x, end, m1), subj, nsubj, tc->speaker);
		}
		if (tr->frame != FRAME_SYMMETRIC)
			return;
		found = 1;
		j = end - 1;
	}
	/* "Erdogan told Putin in a phone call", "Abe assured Trump during
	 * their talks": who tells and the hearer both take part. */
	if (found && tr->frame == FRAME_SYMMETRIC && cs > tc->s + 1 && is_reporting(x, cs - 1) && m1 > m0 &&
	    x->men[m0].ts == cs) {
		size_t r0, r1;
		mentions_in(x, tc->s, cs - 1, &r0, &r1);
		long j = adjacent_before(x, cs - 1, tc->s, r0, r1);
		if (j >= 0 && x->men[j].ra >= 0)
			add_group(x, group_start(x, (size_t)j, r0), (size_t)j + 1, subj, nsubj, tc->speaker);
	}
	if (found)
		return;
	}
	/* "X said on Tuesday after a telephone conversation with Y": who spoke
	 * after the call took part in it. */
	/* (and "left Beijing on Tuesday after a two-day visit": who left made
	 * the journey) */
	if (cs > tc->s && (is_word(x, cs - 1, "after") || is_word(x, cs - 1, "before") ||
			   is_word(x, cs - 1, "following") || is_word(x, cs - 1, "during")) &&
	    (tr->frame == FRAME_SYMMETRIC || (tr->noun && (type_props(x, tr) & TP_TRAVEL)))) {
		if (tc->speaker >= 0) {
			push_party(subj, nsubj, tc->speaker);
			return;
		}
		size_t r0, r1;
		mentions_in(x, tc->s, cs, &r0, &r1);
		for (size_t j = r0; j < r1; j++)
			if (!x->men[j].quoted && x->men[j].kind != MK_PLACE &&
			    !(x->men[j].ts > tc->s && tok_in(x, x->men[j].ts - 1, WL_PREPOSITION))) {
				add_group(x, j, group_end(x, j, r1), subj, nsubj, tc->speaker);
				return;
			}
	}
	if (cs > tc->s && is_reporting(x, cs - 1) && tc->speaker >= 0) {
		/* "X said on Tuesday after talks with Y": the speaker acts. */
		push_party(subj, nsubj, tc->speaker);
		return;
	}
	if (cs > tc->s && is_reporting(x, cs - 1)) {
		size_t r0, r1;
		mentions_in(x, tc->s, cs, &r0, &r1);
		for (size_t j = r0; j < r1; j++)
			if (!x->men[j].quoted && x->men[j].kind != MK_PLACE) {
				add_group(x, j, group_end(x, j, r1), subj, nsubj, tc->speaker);
				return;
			}
	}
	/* "Moscow wanted good relations with Tokyo but would not tolerate
	 * provocations": a verb after "but" with no subject of its own shares
	 * the subject of the verb before (the last actor a verb follows). */
	if (!tr->noun && !tc->nps && cs > tc->s + 2 && (is_word(x, cs - 1, "but") || is_word(x, cs - 1, "yet"))) {
		size_t r0, r1;
		mentions_in(x, tc->s, cs - 1, &r0, &r1);
		for (size_t j = r1; j-- > r0;) {
			const struct mention *m = &x->men[j];
			if (m->quoted || m->kind == MK_PLACE || m->kind == MK_ADJ || m->ra < 0)
				continue;
			size_t v = m->te;
			while (v + 1 < cs && tok_in(x, v, WL_SKIP_ADVERB))
				v++;
			if (v + 1 < cs && (x->toks.t[v].flags & TOK_WORD) && !(x->toks.t[v].flags & TOK_CAP) &&
			    (ends_in(x, v, 2, "ed") || tok_in(x, v, WL_BE)) && !is_reporting(x, v)) {
				add_group(x, group_start(x, j, r0), j + 1, subj, nsubj, tc->speaker);
				return;
			}
		}
	}
	if (tc->nps && !tr->noun) {
		for (int i = 0; i < tc->nps; i++)
			push_party(subj, nsubj, tc->prev_src[i]);
		return;
	}
	if ((x->toks.t[k].flags & TOK_QUOTED) && tc->speaker >= 0)
		push_party(subj, nsubj, tc->speaker);
}

/* Whether ", claiming|saying|alleging ... that" stands between the
 * sentence start s and the trigger at k: the words of whoever acted
 * earlier in the sentence. */
int claimed_by_earlier(const struct extractor *x, size_t s, size_t k)
{
	for (size_t i = s + 1; i < k; i++)
		if (is_word(x, i - 1, ",") &&
		    (is_word(x, i, "claiming") || is_word(x, i, "saying") || is_word(x, i, "alleging") ||
		     is_word(x, i, "stating") || is_word(x, i, "arguing") || is_word(x, i, "insisting")))
			return 1;
	return 0;
}

/* Whether the trigger at k opens a relative clause ("that/which/who
 * [had|has|have] <trigger>") attached to a plural noun that is no actor. */
int relative_of_non_actor(const struct extractor *x, size_t k, size_t s)
{
	size_t j = k;
	while (j > s && (is_word(x, j - 1, "had") || is_word(x, j - 1, "has") || is_word(x, j - 1, "have") ||
			 is_word(x, j - 1, "also") || is_word(x, j - 1, "already")))
		j--;
	if (j < s + 2 || !(is_word(x, j - 1, "that") || is_word(x, j - 1, "which") || is_word(x, j - 1, "who")))
		return 0;
	size_t m0, m1;
	mentions_in(x, s, j - 1, &m0, &m1);
	for (size_t m = m0; m < m1; m++)
		if (x->men[m].te == j - 1 && x->men[m].ra >= 0)
			return 0;
	/* A plain plural before it: "countries that", "the states which" (not
	 * "the minister who", whom the sentence may name by title). */
	return (x->toks.t[j - 2].flags & TOK_PUNCT) == 0 && ends_in(x, j - 2, 4, "s");
}

/* "Biden and Xi met on the sidelines of the Group of 20 summit": an
 * organisation named in the sentence [s, e) only as the summit where
 * others met is the venue, not a participant, when two others remain. */
void drop_venues(const struct extractor *x, struct cand *c, size_t s, size_t e)
{
	size_t m0, m1;
	mentions_in(x, s, e, &m0, &m1);
	int n = 0;
	for (int k = 0; k < c->nsrc; k++) {
		int p = c->src[k], seen = 0, venue = 1;
		for (size_t m = m0; m < m1 && x->ra[p].kind == ACTOR_ORG; m++) {
			if (x->men[m].ra != p)
				continue;
			seen = 1;
			venue &= is_word(x, x->men[m].te, "summit") || is_word(x, x->men[m].te, "summits");
		}
		if (!(seen && venue && c->nsrc - (k - n) > 2))
			c->src[n++] = p;
	}
	c->nsrc = n;
}

/* The parties after the trigger: for a symmetric event those joined by
 * "with", "between", "and" or right after it; for a directed one the first
 * group. */
/* "the attacks on Indian diplomatic facilities": the mention at ts names
 * whom an attack struck, not whom an act about the attack is aimed at. */
static int attack_victim(const struct extractor *x, size_t ts, size_t te)
{
	for (size_t q = ts; q > te && q + 4 > ts; q--) {
		if (is_word(x, q - 1, "by"))
			return 0;   /* "the attack on the embassy by protesters": its author */
		/* (and "the storming of the Swedish embassy": a verbal noun's "of") */
		if (is_word(x, q - 1, "of"))
			return q > te + 1 && tok_in(x, q - 2, WL_ATTACK) && ends_in(x, q - 2, 3, "ing");
		if (!is_word(x, q - 1, "on") && !is_word(x, q - 1, "against"))
			continue;
		return q > te + 1 && tok_in(x, q - 2, WL_ATTACK);
	}
	return 0;
}

static void find_object_here(struct extractor *x, const struct dict_trigger *tr, size_t te, size_t ce,
			     int by, struct trigger_ctx *tc, const int *subj, int nsubj, int *obj, int *nobj);

/* Where the relative pronoun ("which", "that", "whom") stands whose clause
 * is [pronoun, subject, trigger ending at te], else 0; *ts gets the
 * trigger's first token. */
static size_t relative_pronoun_of(struct extractor *x, size_t te, struct trigger_ctx *tc, size_t *ts_out)
{
	size_t ts = te;
	for (size_t i = 0; i < x->n_hits; i++)
		if (x->hits[i].te == te)
			ts = x->hits[i].ts;
	*ts_out = ts;
	if (ts == te || ts < tc->s + 3)
		return 0;
	size_t q = ts;
	while (q > tc->s && tok_in(x, q - 1, WL_SKIP_ADVERB) && !is_word(x, q - 1, "to") && !is_word(x, q - 1, "on"))
		q--;
	size_t m0, m1;
	mentions_in(x, tc->s, q, &m0, &m1);
	if (m1 == m0 || x->men[m1 - 1].te != q || x->men[m1 - 1].ra < 0 || x->men[m1 - 1].kind == MK_PLACE)
		return 0;
	size_t g = group_start(x, m1 - 1, m0);
	size_t r = x->men[g].ts;
	while (r > tc->s + 2 && tok_in(x, r - 1, WL_DETERMINER) && !is_word(x, r - 1, "that"))
		r--;
	if (r < tc->s + 2 || !(is_word(x, r - 1, "which") || is_word(x, r - 1, "that") || is_word(x, r - 1, "whom")))
		return 0;
	return r - 1;
}

/* "Iran, which Washington accuses of arming the Houthis", "Hezbollah,
 * which Israel blames for the attack": an actor right before the relative
 * pronoun is the object of a verb whose own object place holds "of" or
 * "for" (what it is charged with, not whom), or nothing. */
static int relative_antecedent(struct extractor *x, size_t te, struct trigger_ctx *tc, const int *subj, int nsubj,
			       int *obj, int *nobj)
{
	size_t ts;
	/* (or none at all: "Japan, which China criticised, protested") */
	size_t o = te;
	if (o + 2 < tc->e && is_word(x, o, "on") &&
	    weekday_from_name(x->text + x->toks.t[o + 1].start, (int)(x->toks.t[o + 1].end - x->toks.t[o + 1].start)) >= 0)
		o += 2;
	if (o >= tc->e || !(is_word(x, o, "of") || is_word(x, o, "for") || is_word(x, o, ",")))
		return 0;
	size_t r = relative_pronoun_of(x, te, tc, &ts);
	if (!r || is_word(x, r, "that"))
		return 0;
	size_t a = r;
	if (a > tc->s && is_word(x, a - 1, ","))
		a--;
	size_t m0, m1;
	mentions_in(x, tc->s, a, &m0, &m1);
	if (m1 == m0 || x->men[m1 - 1].te != a || x->men[m1 - 1].ra < 0 || x->men[m1 - 1].kind == MK_PLACE)
		return 0;
	size_t g = group_start(x, m1 - 1, m0);
	if (governed(x, x->men[g].ts, tc->s))
		return 0;
	int grp[MAX_PARTIES], ng = 0;
	add_group(x, g, m1, grp, &ng, tc->speaker);
	for (int i = 0; i < ng; i++) {
		int mine = 0;
		for (int k = 0; k < nsubj; k++)
			mine |= same_code(x, subj[k], grp[i]);
		if (!mine)
			push_party(obj, nobj, grp[i]);
	}
	return *nobj > 0;
}

/* "Sweden's decision to join NATO, which Russia condemned", "in a move
 * that Tehran denounced": a verb whose object is the relative pronoun acts
 * on what the antecedent names: its owner, or, for a bare "move", "step" or
 * "decision", the one who acted before it in the sentence. */
static void relative_object(struct extractor *x, size_t te, struct trigger_ctx *tc, const int *subj, int nsubj,
			    int *obj, int *nobj)
{
	size_t ts;
	size_t r = relative_pronoun_of(x, te, tc, &ts);
	if (!r)
		return;
	size_t m0, m1;
	mentions_in(x, tc->s, r, &m0, &m1);
	size_t g = m1;
	size_t a = r;   /* the antecedent ends before the pronoun (and its comma) */
	if (a > tc->s && is_word(x, a - 1, ","))
		a--;
	/* its owner: "Sweden's decision to join NATO" */
	for (size_t j = m0; j < g; j++) {
		const struct mention *m = &x->men[j];
		if (m->te + 8 < a || m->ts >= a || m->ra < 0 || m->kind == MK_PLACE || !is_word(x, m->te, "'s"))
			continue;
		int punct = 0;
		for (size_t t = m->te + 1; t < a && !punct; t++)
			punct = ((x->toks.t[t].flags & TOK_PUNCT) && !is_word(x, t, "-")) || tok_in(x, t, WL_BE) ||
				tok_in(x, t, WL_REPORTING);
		int mine = 0;
		for (int i = 0; i < nsubj; i++)
			mine |= same_code(x, subj[i], m->ra);
		if (!punct && !mine) {
			push_party(obj, nobj, m->ra);
			return;
		}
	}
	/* a bare act: "in a move that", "a step which" */
	if (a > tc->s && (is_word(x, a - 1, "move") || is_word(x, a - 1, "step") || is_word(x, a - 1, "decision") ||
			  is_word(x, a - 1, "measure") || is_word(x, a - 1, "measures") || is_word(x, a - 1, "action"))) {
		for (int i = 0; i < tc->nps; i++) {
			int mine = 0;
			for (int k = 0; k < nsubj; k++)
				mine |= same_code(x, subj[k], tc->prev_src[i]);
			if (!mine)
				push_party(obj, nobj, tc->prev_src[i]);
		}
	}
}

/* "condemned and sanctioned ten European officials", "summoned and
 * rebuked the ambassador": two verbs joined by "and" share the object
 * after the second; a first verb with none of its own takes it. */
void find_object(struct extractor *x, const struct dict_trigger *tr, size_t te, size_t ce,
		 int by, struct trigger_ctx *tc, const int *subj, int nsubj, int *obj, int *nobj)
{
	if (by < 0 && !tr->noun && tr->frame == FRAME_DIRECTED && !(type_props(x, tr) & TP_TRAVEL) &&
	    relative_antecedent(x, te, tc, subj, nsubj, obj, nobj))
		return;
	find_object_here(x, tr, te, ce, by, tc, subj, nsubj, obj, nobj);
	if (!*nobj && by < 0 && !tr->noun && tr->frame == FRAME_DIRECTED && !(type_props(x, tr) & TP_TRAVEL))
		relative_object(x, te, tc, subj, nsubj, obj, nobj);
	/* "condemned the sanctions imposed by the EU", "rejected the
	 * accusations made by Kyiv": an act named as the object, by its own
	 * event word and a participle with its agent: the agent is the target. */
	if (!*nobj && by < 0 && tr->frame == FRAME_DIRECTED && !(type_props(x, tr) & TP_TRAVEL) && ce > te &&
	    ce <= te + 3 && ce + 3 < tc->e) {
		int np = 1;
		for (size_t q = te; q < ce && np; q++)
			np = tok_in(x, q, WL_DETERMINER) || ((x->toks.t[q].flags & TOK_WORD) && !(x->toks.t[q].flags & TOK_CAP) &&
							     !tok_in(x, q, WL_PREPOSITION | WL_BE | WL_REPORTING));
		for (size_t q = ce; np && q + 2 < tc->e && q < ce + 5; q++) {
			if ((x->toks.t[q].flags & TOK_PUNCT) || tok_in(x, q, WL_CLAUSE_BREAK | WL_REPORTING))
				break;
			if (!is_word(x, q + 1, "by") || !(ends_in(x, q, 2, "ed") || is_word(x, q, "made")))
				continue;
			size_t m0, m1;
			mentions_in(x, q + 2, tc->e, &m0, &m1);
			if (m1 > m0 && x->men[m0].ts <= q + 3 && x->men[m0].ra >= 0 && x->men[m0].kind != MK_PLACE) {
				int g[MAX_PARTIES], ng = 0;
				add_group(x, m0, group_end(x, m0, m1), g, &ng, tc->speaker);
				for (int i = 0; i < ng; i++) {
					int mine = 0;
					for (int k = 0; k < nsubj; k++)
						mine |= same_code(x, subj[k], g[i]);
					if (!mine)
						push_party(obj, nobj, g[i]);
				}
			}
			break;
		}
	}
	if (*nobj || by >= 0 || tr->noun || tr->frame != FRAME_DIRECTED || (type_props(x, tr) & TP_TRAVEL) ||
	    te >= tc->e || !is_word(x, te, "and") || ce > te + 3 || ce + 1 >= tc->e)
		return;
	size_t v = te + 1;
	while (v < ce && tok_in(x, v, WL_SKIP_ADVERB))
		v++;
	/* (the second verb is the next trigger, a past verb with no subject of its own) */
	if (v != ce || !ends_in(x, v, 2, "ed") || (x->toks.t[v].flags & TOK_CAP))
		return;
	size_t cs2, ce2;
	clause_of(x, v, tc->s, tc->e, &cs2, &ce2);
	size_t m0, m1;
	mentions_in(x, v + 1, ce2, &m0, &m1);
	if (m1 > m0 && x->men[m0].ts <= v + 4)
		find_object_here(x, tr, v + 1, ce2, -1, tc, subj, nsubj, obj, nobj);
}

/* Whether the mention at ts names the other side of a border: "the border
 * with Mexico", "near the frontier with China", "the boundary between". A
 * journey there goes to one's own side of it. */
int border_side(const struct extractor *x, size_t ts, size_t lo)
{
	if (ts < lo + 2 || !(is_word(x, ts - 1, "with") || is_word(x, ts - 1, "between")))
		return 0;
	size_t q = ts - 2;
	return is_word(x, q, "border") || is_word(x, q, "borders") || is_word(x, q, "frontier") ||
	       is_word(x, q, "boundary") || (q > lo && is_word(x, q, "line") && is_word(x, q - 1, "front"));
}

/* Whether a word of subordination at q ends what an appeal's addressee may
 * be: "urged restraint after fighting broke out between Israel and Hamas",
 * "as", "amid", "following", "since": the parties of the circumstance are
 * not the ones asked. */
static int appeal_circumstance(const struct extractor *x, size_t q, size_t ce)
{
	if (is_word(x, q, "as"))
		return !(q + 1 < ce && (is_word(x, q + 1, "well") || is_word(x, q + 1, "part")));
	return is_word(x, q, "after") || is_word(x, q, "amid") || is_word(x, q, "following") ||
	       is_word(x, q, "since") || is_word(x, q, "when") || is_word(x, q, "while") ||
	       is_word(x, q, "because") || is_word(x, q, "before");
}

static void find_object_here(struct extractor *x, const struct dict_trigger *tr, size_t te, size_t ce,
			     int by, struct trigger_ctx *tc, const int *subj, int nsubj, int *obj, int *nobj)
{
	size_t m0, m1;
	mentions_in(x, te, ce, &m0, &m1);
	for (size_t j = m0; j < m1; j++) {
		const struct mention *m = &x->men[j];
		if (by >= 0 && m->ts > (size_t)by)
			break;
		/* "condemned, along with South Korea, the launch": one who acts
		 * with the subject is no object. */
		if (tr->frame != FRAME_SYMMETRIC && m->ts >= te + 2 && is_word(x, m->ts - 1, "with") &&
		    (is_word(x, m->ts - 2, "along") || is_word(x, m->ts - 2, "together"))) {
			j = group_end(x, j, m1) - 1;
			continue;
		}
		/* "asked Arab states to take a stand on what Trump calls ...": the
		 * one asked comes before the "to" of what is asked. */
		if ((type_props(x, tr) & TP_ASKS) && !tr->speaker) {
			int past_to = 0;
			for (size_t q = te + 1; q < m->ts && !past_to; q++)
				past_to = is_word(x, q, "to") && q + 1 < ce && !(x->toks.t[q + 1].flags & TOK_CAP) &&
					  !tok_in(x, q + 1, WL_DETERMINER);
			for (size_t q = te; q < m->ts && !past_to; q++)
				past_to = appeal_circumstance(x, q, ce);
			if (past_to)
				break;
			/* "called for the lifting of Western sanctions on Zimbabwe":
			 * the one a measure asked for is aimed at is not the one
			 * asked. */
			if (m->ts > te + 1 && (is_word(x, m->ts - 1, "on") || is_word(x, m->ts - 1, "against")) &&
			    (is_word(x, m->ts - 2, "sanctions") || is_word(x, m->ts - 2, "embargo") ||
			     is_word(x, m->ts - 2, "curbs") || is_word(x, m->ts - 2, "restrictions") ||
			     is_word(x, m->ts - 2, "tariffs") || is_word(x, m->ts - 2, "ban"))) {
				j = group_end(x, j, m1) - 1;
				continue;
			}
		}
		/* "visited the border with Mexico": not the host */
		if ((type_props(x, tr) & TP_TRAVEL) && border_side(x, m->ts, te)) {
			j = group_end(x, j, m1) - 1;
			continue;
		}
		/* "recalled its envoy from Madrid": the capital an envoy leaves
		 * names the state. */
		int envoy_from = m->kind == MK_PLACE && (type_props(x, tr) & TP_ORDERS_OUT) && m->ts > te &&
				 is_word(x, m->ts - 1, "from");
		/* "lashed out at Washington", "protested to Tokyo", "a letter of
		 * protest to Beijing": a capital right after the preposition that
		 * ends the wording (or follows it) is the one the act is aimed at,
		 * not where it took place. */
		size_t we = tail_end(x, tr, te, ce);
		if (we < te)
			we = te;
		int aimed_at = m->kind == MK_PLACE && !(type_props(x, tr) & TP_TRAVEL) &&
			       tr->frame == FRAME_DIRECTED && m->ts > 0 && m->ts >= te &&
			       (m->ts <= te + 1 || m->ts == we + 1) &&
			       (is_word(x, m->ts - 1, "at") || is_word(x, m->ts - 1, "to") ||
				is_word(x, m->ts - 1, "against"));
		if (m->kind == MK_PLACE && !(type_props(x, tr) & TP_TRAVEL) && !envoy_from && !aimed_at) {
			int actor = 0;   /* (unless joined to an actor: "of Islamabad and New Delhi") */
			for (size_t q = j + 1, qe = group_end(x, j, m1); q < qe; q++)
				actor |= x->men[q].kind == MK_ACTOR;
			if (!actor)
				continue;
		}
		/* "condemned what it called Britain's actions": the subject
		 * naming the object is not it ("what Pyongyang called a
		 * satellite launch" names the one who launched). */
		if (m->kind == MK_PRONOUN && m->ts > te && is_word(x, m->ts - 1, "what") && m->te < ce &&
		    tok_in(x, m->te, WL_NAMING_VERB))
			continue;
		int pronoun_obj = m->kind == MK_PRONOUN || m->kind == MK_COLLECTIVE;
		/* "reaffirmed its backing for Ukraine": a possessive before a noun
		 * is the subject's own, not the object. */
		if (m->kind == MK_PRONOUN && m->te == m->ts + 1 && m->ts == te &&
		    (is_word(x, m->ts, "its") || is_word(x, m->ts, "their") || is_word(x, m->ts, "his") ||
		     is_word(x, m->ts, "her")))
			continue;
		if (tr->frame == FRAME_SYMMETRIC) {
			size_t back = m->ts;
			/* ("a meeting between the foreign ministers of India and
			 * China": the people who meet, named by their states) */
			while (back > te && (tok_in(x, back - 1, WL_LINK_BEFORE) ||
					     (x->toks.t[back - 1].flags & TOK_CAP) ||
					     /* ("talks with Mr. Kuleba", "H.E. Mr.") */
					     (back - 1 > te && is_word(x, back - 1, ".") &&
					      (is_word(x, back - 2, "mr") || is_word(x, back - 2, "mrs") ||
					       is_word(x, back - 2, "ms") || is_word(x, back - 2, "dr"))) ||
					     (back - 1 > te && tok_in(x, back - 1, WL_COLLECTIVE | WL_ROLE | WL_ORGAN_QUALIFIER |
									 WL_TITLE_QUALIFIER)) ||
					     /* ("received Ambassador Extraordinary and
					      * Plenipotentiary of Korea": an "and" inside a title) */
					     (back - 1 > te && is_word(x, back - 1, "and") && (x->toks.t[back].flags & TOK_CAP) &&
					      (x->toks.t[back - 2].flags & TOK_CAP) && !(x->toks.t[back - 2].flags & TOK_PUNCT))))
				back--;
			/* (a long title right after the verb still names the one met) */
			if (m->ts > te + 6 && !(back == te && m->ts <= te + 10))
				break;
			int linked = back == te || (back > te && (is_word(x, back - 1, "with") ||
								   is_word(x, back - 1, "between") ||
								   is_word(x, back - 1, "among") ||
								   /* "took a call from Iran's minister" */
								   is_word(x, back - 1, "from")));
			size_t end = group_end(x, j, m1);
			/* "the summit that Saudi Arabia will host", "talks which
			 * Qatar hosted": the host of the meeting named takes part. */
			if (!linked && tr->noun && back > te && back <= te + 2 &&
			    (is_word(x, back - 1, "that") || is_word(x, back - 1, "which"))) {
				size_t v = x->men[end - 1].te;
				while (v < ce && v < x->men[end - 1].te + 3 &&
				       (tok_in(x, v, WL_SKIP_ADVERB | WL_BE) || is_word(x, v, "will") ||
					is_word(x, v, "would") || is_word(x, v, "to") || is_word(x, v, "has") ||
					is_word(x, v, "had")))
					v++;
				linked = v < ce && (is_word(x, v, "host") || is_word(x, v, "hosts") ||
						    is_word(x, v, "hosted") || is_word(x, v, "hosting"));
			}
			if (!linked)
				continue;
			for (size_t q = j; q < end; q++) {
				if (x->men[q].kind == MK_PRONOUN)
					for (int i = 0; i < x->n_in_play; i++)
						push_party(obj, nobj, x->in_play[i]);
				else
					add_group(x, q, q + 1, obj, nobj, tc->speaker);
			}
			j = end - 1;
			continue;
		}
		if (pronoun_obj && m->kind == MK_COLLECTIVE) {
			/* "pointing to clashes of Armenian and Azerbaijani forces,
			 * urged the sides to": the two states the sentence named
			 * before, other than the subject's. */
			int two[MAX_PARTIES], n2 = 0;
			size_t r0, r1;
			mentions_in(x, tc->s, m->ts, &r0, &r1);
			for (size_t q = r0; q < r1; q++) {
				const struct mention *p = &x->men[q];
				int dup = p->ra < 0 || p->quoted || (p->ra >= 0 && x->ra[p->ra].kind == ACTOR_PERSON);
				for (int i = 0; !dup && i < nsubj; i++)
					dup = same_code(x, subj[i], p->ra);
				for (int i = 0; !dup && i < n2; i++)
					dup = same_code(x, two[i], p->ra);
				if (!dup)
					push_party(two, &n2, p->ra);
			}
			if (n2 == 2) {
				for (int i = 0; i < n2; i++)
					push_party(obj, nobj, two[i]);
				return;
			}
		}
		/* "Israel recalled its ambassador as Ankara accused it of genocide":
		 * an object pronoun names the actor the sentence opened with,
		 * when that is not the subject. */
		if (m->kind == MK_PRONOUN && (is_word(x, m->ts, "it") || is_word(x, m->ts, "them")) && x->sent_first >= 0 &&
		    x->men[x->sent_first].ts < m->ts && x->men[x->sent_first].ra >= 0 &&
		    x->men[x->sent_first].kind != MK_PLACE) {
			int t = x->men[x->sent_first].ra, mine = !x->ra[t].code[0];
			for (int i = 0; i < nsubj; i++)
				mine |= same_code(x, subj[i], t);
			if (!mine) {
				push_party(obj, nobj, t);
				return;
			}
		}
		if (pronoun_obj) {
			/* "hailed it": the parties in play. */
			for (int i = 0; i < x->n_in_play; i++)
				push_party(obj, nobj, x->in_play[i]);
			return;
		}
		size_t end = group_end(x, j, m1);
		/* "summoned the Swiss envoy representing U.S. interests": an envoy
		 * of a protecting power stands for the state whose interests it
		 * represents. */
		{
			size_t q = x->men[end - 1].te;
			while (q < ce && q < x->men[end - 1].te + 3 && (tok_in(x, q, WL_ROLE) || is_word(x, q, "'s")))
				q++;
			/* (", whose country represents U.S. interests", ", which
			 * represents ...": the same said by a relative clause) */
			if (q + 3 < ce && is_word(x, q, ",") &&
			    ((is_word(x, q + 1, "whose") && q + 4 < ce && is_word(x, q + 3, "represents")) ||
			     (is_word(x, q + 1, "which") && is_word(x, q + 2, "represents"))))
				q = is_word(x, q + 1, "whose") ? q + 3 : q + 2;
			if (q + 2 < ce && (is_word(x, q, "representing") || is_word(x, q, "represents")) && end < m1 &&
			    x->men[end].ts <= q + 2 && x->men[end].ra >= 0) {
				size_t r = x->men[end].te;
				if (r < ce && is_word(x, r, "interests")) {
					j = end;
					end = group_end(x, j, m1);
				}
			}
		}
		if (attack_victim(x, m->ts, te)) {
			j = end - 1;
			continue;
		}
		int g[MAX_PARTIES], ng = 0, own = 1;
		/* "arrived in Washington": a visit's host is named by its capital. */
		add_group_places(x, j, end, g, &ng, tc->speaker,
				 (type_props(x, tr) & TP_TRAVEL) != 0 || envoy_from || aimed_at);
		/* "lifted a U.S. ban on ... Vietnam": the subject's own adjective is not the target. */
		for (int i = 0; i < ng; i++) {
			int mine = 0;
			for (int k = 0; k < nsubj; k++)
				mine |= x->ra[subj[k]].code[0] && same_code(x, subj[k], g[i]);
			own &= mine;
		}
		if (ng && own) {
			j = end - 1;
			continue;
		}
		for (int i = 0; i < ng; i++)
			push_party(obj, nobj, g[i]);
		return;
	}
}

/* Whether the object after a trigger (tokens from te) is reciprocal: "each
 * other", "one another", "the other" (after "each side ... faulting"). */
int reciprocal(const struct extractor *x, size_t te, size_t ce)
{
	for (size_t q = te; q + 1 < ce && q < te + 3; q++)
		if ((is_word(x, q, "each") && is_word(x, q + 1, "other")) ||
		    (is_word(x, q, "one") && is_word(x, q + 1, "another")) ||
		    (is_word(x, q, "the") && is_word(x, q + 1, "other") &&
		     !(q + 2 < ce && (x->toks.t[q + 2].flags & TOK_WORD) && !is_word(x, q + 2, "for") &&
		       !is_word(x, q + 2, "of") && !is_word(x, q + 2, "over") &&
		       /* "holding the other responsible" */
		       !is_word(x, q + 2, "responsible") && !is_word(x, q + 2, "accountable") &&
		       !is_word(x, q + 2, "to") && !is_word(x, q + 2, "with") && !is_word(x, q + 2, "as"))))
			return 1;
	return 0;
}

/* For a trigger at k after "ASK X to" ("ordered China to close"): the
 * mention of X, with the ask verb's token in *ask; else -1. */
long asked_to(const struct extractor *x, size_t k, size_t s, size_t *ask)
{
	if (k < s + 3 || !is_word(x, k - 1, "to"))
		return -1;
	size_t m0, m1;
	mentions_in(x, s, k, &m0, &m1);
	for (size_t j = m1; j-- > m0;) {
		const struct mention *m = &x->men[j];
		/* ("ordered the United States on Friday to close": a time between
		 * the one ordered and the "to") */
		size_t gap = m->te;
		if (gap + 3 <= k && is_word(x, gap, "on") && (x->toks.t[gap + 1].flags & TOK_CAP))
			gap += 2;
		else if (gap + 2 <= k && (is_word(x, gap, "yesterday") || is_word(x, gap, "today")))
			gap++;
		if (gap + 1 < k)
			break;   /* "urged Pakistan to reconsider its decision to downgrade" */
		/* ("ordered the United States to close its consulate") */
		size_t v = m->ts > s + 1 && is_word(x, m->ts - 1, "the") ? m->ts - 1 : m->ts;
		if (v > s && tok_in(x, v - 1, WL_ASK_VERB)) {
			*ask = v - 1;
			return (long)j;
		}
	}
	return -1;
}
