/* The filter language of `events` and `export`: see filter.h. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/filter.h"
#include "store/store_admin.h"
#include "util/buf.h"
#include "util/types.h"

int event_type_known(const char *t)
{
	return types_find(t) != NULL;
}

static void suggest_and_fail(const char *what, const char *name, char **cands, int n)
{
	if (n <= 0) {
		error("unknown %s '%s'", what, name);
		return;
	}
	char list[512] = "";
	size_t used = 0;
	for (int i = 0; i < n && used < sizeof(list) - 64; i++) {
		int w = snprintf(list + used, sizeof(list) - used, "%s'%s'", i ? ", " : "", cands[i]);
		if (w > 0)
			used += (size_t)w;
	}
	error("unknown %s '%s'; did you mean %s?", what, name, list);
	for (int i = 0; i < n; i++)
		free(cands[i]);
}

static int check_actor(struct store *s, const char *name)
{
	char *err = NULL;
	int known = store_actor_known(s, name, &err);
	if (known < 0) {
		error("%s", err);
		free(err);
		return -2;
	}
	if (known)
		return 0;
	char *cands[5];
	int n = store_actor_suggest(s, name, cands, 5, &err);
	free(err);
	suggest_and_fail("actor", name, cands, n);
	return -1;
}

/* Edit distance is enough for a dozen type names. */
static int close_type(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la && lb && (strstr(b, a) || strstr(a, b)))
		return 1;
	size_t same = 0;
	while (same < la && same < lb && a[same] == b[same])
		same++;
	return same >= 3;
}

static int split_types(struct filter_opts *fo)
{
	for (size_t i = 0; i < fo->types.n; i++) {
		char *copy = strdup(fo->types.items[i]);
		if (!copy)
			return -1;
		for (char *save = NULL, *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
			while (*t == ' ')
				t++;
			if (!event_type_known(t)) {
				char *cands[5];
				int n = 0;
				for (size_t k = 0; k < types_count() && n < 5; k++)
					if (close_type(t, types_at(k)->name))
						cands[n++] = strdup(types_at(k)->name);
				suggest_and_fail("event type", t, cands, n);
				free(copy);
				return -1;
			}
			const char **p = realloc(fo->type_items, (fo->n_type_items + 1) * sizeof(*p));
			if (!p) {
				free(copy);
				return -1;
			}
			fo->type_items = p;
			/* The table's name outlives the copy, freed below. */
			fo->type_items[fo->n_type_items++] = types_find(t)->name;
		}
		free(copy);
	}
	return 0;
}

static int parse_status(const char *s, unsigned *mask)
{
	*mask = 0;
	if (!s) {
		*mask = (1u << STATUS_OCCURRED) | (1u << STATUS_PLANNED);
		return 0;
	}
	char *copy = strdup(s);
	if (!copy)
		return -1;
	int rc = 0;
	for (char *save = NULL, *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		if (!strcmp(t, "all")) {
			*mask |= 7;
			continue;
		}
		int v = event_status_from_name(t);
		if (v < 0) {
			error("unknown status '%s' (occurred, planned, negated or all)", t);
			rc = -1;
			break;
		}
		*mask |= 1u << v;
	}
	free(copy);
	return rc;
}

int filter_wants_type_help(const struct filter_opts *fo)
{
	for (size_t i = 0; i < fo->types.n; i++)
		if (!strcmp(fo->types.items[i], "help"))
			return 1;
	return 0;
}

struct agency_match {
	const char *want;
	int exact;
	char *close[5];
	int n_close;
};

static int note_agency(void *ctx, const struct store_stat *st)
{
	struct agency_match *m = ctx;
	if (!strcasecmp(st->key, m->want)) {
		m->exact = 1;
		return 0;
	}
	/* Close: one contains the other ("Kyodo" for "Kyodo News"), case aside. */
	size_t a = strlen(st->key), b = strlen(m->want);
	const char *small = a < b ? st->key : m->want, *big = a < b ? m->want : st->key;
	int contains = 0;
	for (size_t i = 0; !contains && i + strlen(small) <= strlen(big); i++)
		contains = !strncasecmp(big + i, small, strlen(small));
	if (contains && *small && m->n_close < 5 && strcmp(st->key, "(none)"))
		m->close[m->n_close++] = strdup(st->key);
	return 0;
}

/* An agency no report of the archive has gives an empty timeline: say so,
 * with the names that resemble it (a warning). */
static int check_agency(struct store *s, const char *agency)
{
	struct agency_match m = {.want = agency};
	char *err = NULL;
	if (store_stats_each(s, STAT_AGENCY, 0, note_agency, &m, &err)) {
		error("%s", err ? err : "out of memory");
		free(err);
		return -2;
	}
	if (m.exact) {
		for (int i = 0; i < m.n_close; i++)
			free(m.close[i]);
		return 0;
	}
	/* A warning, not an error: a scheduled export may name an agency
	 * whose first report has not come yet. */
	struct buf list;
	buf_init(&list, 0);
	for (int i = 0; i < m.n_close; i++) {
		buf_printf(&list, "%s'%s'", i ? ", " : "", m.close[i]);
		free(m.close[i]);
	}
	int close = m.n_close && !buf_failed(&list);   /* suggestions cut short are left out */
	warning("no report of agency '%s' in the archive: nothing can match%s%s%s", agency,
		close ? " (did you mean " : "", close ? buf_str(&list) : "", close ? "?)" : "");
	buf_release(&list);
	return 0;
}

int filter_resolve(struct filter_opts *fo, struct store *s)
{
	struct event_filter *f = &fo->f;
	memset(f, 0, sizeof(*f));
	if (parse_status(fo->status, &f->status_mask) || split_types(fo))
		return -1;
	if (fo->from && cdate_parse_exact(fo->from, &f->from)) {
		error("--from: '%s' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)", fo->from);
		return -1;
	}
	if (fo->to && cdate_parse_exact(fo->to, &f->to)) {
		error("--to: '%s' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)", fo->to);
		return -1;
	}
	/* Compared at their common precision: "2015-03" is not after "2015". */
	if (fo->from && fo->to) {
		size_t n = strlen(fo->from) < strlen(fo->to) ? strlen(fo->from) : strlen(fo->to);
		if (strncmp(fo->from, fo->to, n) > 0) {
			error("--from %s is after --to %s: no event can match", fo->from, fo->to);
			return -1;
		}
	}
	if (fo->agency) {
		int rc = check_agency(s, fo->agency);
		if (rc)
			return rc;
	}
	for (size_t i = 0; i < fo->actors.n; i++) {
		int rc = check_actor(s, fo->actors.items[i]);
		if (rc)
			return rc;
	}
	for (int i = 0; i < 2 && fo->between[0]; i++) {
		int rc = check_actor(s, fo->between[i]);
		if (rc)
			return rc;
	}
	if (fo->topic) {
		char *err = NULL;
		int known = store_topic_known(s, fo->topic, &err);
		if (known < 0) {
			error("%s", err);
			free(err);
			return -2;
		}
		if (!known) {
			char *cands[5];
			int n = store_topic_suggest(s, fo->topic, cands, 5, &err);
			free(err);
			suggest_and_fail("topic", fo->topic, cands, n);
			return -1;
		}
	}
	f->actors = fo->actors.items;
	f->n_actors = fo->actors.n;
	f->between[0] = fo->between[0];
	f->between[1] = fo->between[1];
	f->types = fo->type_items;
	f->n_types = fo->n_type_items;
	f->topic = fo->topic;
	f->agency = fo->agency;
	f->text = fo->text;
	f->limit = fo->limit;
	if (fo->verified && fo->unverified) {
		error("--verified and --unverified exclude each other");
		return -1;
	}
	f->verified = fo->verified ? 1 : fo->unverified ? -1 : 0;
	const char *conf[2] = {fo->min_confidence, fo->below_confidence};
	double *bound[2] = {&f->min_confidence, &f->max_confidence};
	for (int i = 0; i < 2; i++) {
		if (!conf[i])
			continue;
		char *end;
		double v = strtod(conf[i], &end);
		if (end == conf[i] || *end || !(v > 0 && v <= 1)) {
			error("--%s: '%s' is not a confidence above 0 and at most 1",
			      i ? "below-confidence" : "min-confidence", conf[i]);
			return -1;
		}
		*bound[i] = v;
	}

	struct tl_query *q = &fo->q;
	memset(q, 0, sizeof(*q));
	q->actors = fo->actors.items;
	q->n_actors = fo->actors.n;
	q->between[0] = fo->between[0];
	q->between[1] = fo->between[1];
	if (fo->n_type_items) {
		struct buf b;
		buf_init(&b, 0);
		for (size_t i = 0; i < fo->n_type_items; i++)
			buf_printf(&b, "%s%s", i ? "," : "", fo->type_items[i]);
		if (!(fo->types_joined = buf_finish(&b)))
			return -2;
	}
	q->types = fo->types_joined;
	q->topic = fo->topic;
	q->from = fo->from;
	q->to = fo->to;
	q->agency = fo->agency;
	q->text = fo->text;
	q->status = fo->status ? fo->status : "occurred,planned";
	q->limit = fo->limit;
	return 0;
}

void filter_release(struct filter_opts *fo)
{
	opt_list_release(&fo->actors);
	opt_list_release(&fo->types);
	free(fo->type_items);
	fo->type_items = NULL;
	free(fo->types_joined);
	fo->types_joined = NULL;
	fo->n_type_items = 0;
}
