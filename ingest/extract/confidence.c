/* How sure extraction is of an event, 0..1: a score of the evidence the
 * event rests on, so that an analyst can review the doubtful ones first
 * (`review --below`, `events --min-confidence`).
 *
 * The weights are few and plain on purpose: each names a reason an event
 * found this way is more often wrong, and they were checked against the
 * annotated cases (bench/extraction.md, "confidence"): events scored high
 * must be right more often than events scored low. */
#include "ingest/extract/extract_int.h"

#include <string.h>

double cand_confidence(const struct extractor *x, const struct cand *c, const struct event *e)
{
	(void)x;
	double v = 0.55;
	/* The text gave the day: the event's own time, not the report's. */
	if (e->date.prec == PREC_UNKNOWN)
		v -= 0.20;
	else if (c->date_explicit)
		v += 0.12;
	else if (e->date.prec < PREC_MONTH)
		v -= 0.05;
	int has_source = 0, has_target = 0, persons = 0;
	for (size_t i = 0; i < e->n_actors; i++) {
		has_source |= e->actors[i].role == ROLE_SOURCE || e->actors[i].role == ROLE_PARTICIPANT;
		has_target |= e->actors[i].role == ROLE_TARGET || e->actors[i].role == ROLE_PARTICIPANT;
		persons += e->actors[i].kind == ACTOR_PERSON;
	}
	/* Both sides named in the clause itself. */
	if (has_source && has_target)
		v += 0.12;
	else
		v -= 0.10;
	if (persons)
		v += 0.04;
	/* A headline elides: its verbs are often a later act's or a plan's. */
	if (c->headline)
		v -= 0.06;
	/* Told about another act ("condemned the decision"), beside another
	 * ("prior to the meeting"), or as the purpose of one: more room for
	 * a wrong reading. */
	if (c->refers_back || c->beside || c->purpose)
		v -= 0.10;
	if (e->status != STATUS_OCCURRED)
		v -= 0.05;
	/* Long sentences hold several clauses whose roles may be crossed. */
	size_t len = e->evidence ? strlen(e->evidence) : 0;
	if (len > 320)
		v -= 0.10;
	else if (len > 200)
		v -= 0.04;
	if (v < 0.05)
		v = 0.05;
	if (v > 0.98)
		v = 0.98;
	/* Two decimals: a score, not a measurement. */
	return (double)(int)(v * 100 + 0.5) / 100;
}
