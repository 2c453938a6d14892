/* Event extraction: finds the diplomatic events of a report, dates them,
 * links them to actors and topics (docs/events.md).
 *
 * An extractor holds the dictionaries (actors, persons with dated roles,
 * titles, topics, event wording), loaded once and matched in one pass over
 * the text; it is then used for any number of reports. It is not thread-safe:
 * one extractor per thread.
 */
#ifndef COMMUNIQUE_EXTRACT_H
#define COMMUNIQUE_EXTRACT_H
#include <stddef.h>

#include "ingest/event.h"
#include "ingest/report.h"

struct extractor;

/* Loads the shipped dictionaries and then each of `dicts` (a .tsv file, named
 * like a shipped one: actors.tsv, persons.tsv, titles.tsv, topics.tsv,
 * events.tsv — or a directory of them). Returns 0, or -1 with *err naming the
 * file and line that is wrong. */
int extractor_new(const char *const *dicts, size_t n_dicts, struct extractor **out, char **err);
void extractor_free(struct extractor *x);

/* Appends the events of r to out. Returns 0, or -1 with *err (out of memory). */
int extract_events(struct extractor *x, const struct report *r, struct event_list *out, char **err);

/* For a report whose dateline gives a day without a year (r->undated_month),
 * infers the year from the text: the years in which the persons it names held
 * their offices, and the weekday it gives for that day. Sets the publication
 * date (PUB_DATE) and adds a warning saying so. Returns 1 when a year was
 * inferred, 0 when the text does not settle it. */
int extract_infer_year(struct extractor *x, struct report *r);

/* Calls fn for every dictionary actor named in `events` with its aliases,
 * so that the archive can find actors by any of their names. */
typedef int (*actor_alias_fn)(void *ctx, const char *name, const char *code, enum actor_kind kind,
			      const char *const *aliases, size_t n_aliases);
int extractor_actor_aliases(struct extractor *x, const struct event_list *events, actor_alias_fn fn,
			    void *ctx);
/* When the events were not stored after all: extractor_drop_aliases forgets
 * the entries the last extraction queued, so that a later one queues them
 * again; extractor_forget_aliases forgets every entry handed over so far
 * (the archive rolled back what it was given). */
void extractor_drop_aliases(struct extractor *x);
void extractor_forget_aliases(struct extractor *x);

#endif
