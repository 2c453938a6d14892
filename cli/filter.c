/* The filter language of `events` and `export`: see filter.h. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/filter.h"
#include "cli/message.h"
#include "store/store_admin.h"
#include "util/buf.h"
#include "util/types.h"

int event_type_known(const char *t)
{
	return types_find(t) != NULL;
}

/* "unknown WHAT 'NAME'", with the known names closest to it; frees cands. */
static char *unknown(const char *what, const char *name, char **cands, int n)
{
	struct buf m;
	buf_init(&m, 0);
	buf_printf(&m, "unknown %s '%s'", what, name);
	for (int i = 0; i < n; i++) {
		buf_printf(&m, "%s'%s'", i ? ", " : "; did you mean ", cands[i]);
		free(cands[i]);
	}
	if (n > 0)
		buf_addch(&m, '?');
	return buf_finish(&m);
}

/* 0 when the archive knows the actor (or topic), -1 with *msg when it does
 * not, -2 when the archive fails. */
static int check_known(struct store *s, const char *what, const char *name, char **msg)
{
	int actor = !strcmp(what, "actor");
	char *err = NULL;
	int known = actor ? store_actor_known(s, name, &err) : store_topic_known(s, name, &err);
	if (known < 0) {
		*msg = err;
		return -2;
	}
	if (known)
		return 0;
	char *cands[5];
	int n = actor ? store_actor_suggest(s, name, cands, 5, &err) : store_topic_suggest(s, name, cands, 5, &err);
	free(err);
	*msg = unknown(what, name, cands, n);
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

static int split_types(const struct filter_spec *in, struct filter_parsed *out, char **msg)
{
	for (size_t i = 0; i < in->n_types; i++) {
		char *copy = strdup(in->types[i]);
		if (!copy)
			return -2;
		for (char *save = NULL, *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
			while (*t == ' ')
				t++;
			if (!event_type_known(t)) {
				char *cands[5];
				int n = 0;
				for (size_t k = 0; k < types_count() && n < 5; k++)
					if (close_type(t, types_at(k)->name))
						cands[n++] = strdup(types_at(k)->name);
				*msg = unknown("event type", t, cands, n);
				free(copy);
				return -1;
			}
			const char **p = realloc(out->type_items, (out->n_type_items + 1) * sizeof(*p));
			if (!p) {
				free(copy);
				return -2;
			}
			out->type_items = p;
			/* The table's name outlives the copy, freed below. */
			out->type_items[out->n_type_items++] = types_find(t)->name;
		}
		free(copy);
	}
	return 0;
}

static int parse_status(const char *s, unsigned *mask, char **msg)
{
	*mask = 0;
	if (!s) {
		*mask = (1u << STATUS_OCCURRED) | (1u << STATUS_PLANNED);
		return 0;
	}
	char *copy = strdup(s);
	if (!copy)
		return -2;
	int rc = 0;
	for (char *save = NULL, *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		if (!strcmp(t, "all")) {
			*mask |= 7;
			continue;
		}
		int v = event_status_from_name(t);
		if (v < 0) {
			*msg = message("unknown status '%s' (occurred, planned, negated or all)", t);
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
 * with the names that resemble it (a warning, in *warn). */
static int check_agency(struct store *s, const char *agency, char **msg, char **warn)
{
	struct agency_match m = {.want = agency};
	char *err = NULL;
	if (store_stats_each(s, STAT_AGENCY, 0, note_agency, &m, &err)) {
		for (int i = 0; i < m.n_close; i++)
			free(m.close[i]);
		*msg = err;
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
	*warn = message("no report of agency '%s' in the archive: nothing can match%s%s%s", agency,
			close ? " (did you mean " : "", close ? buf_str(&list) : "", close ? "?)" : "");
	buf_release(&list);
	return 0;
}

static int parse(struct store *s, const struct filter_spec *in, struct filter_parsed *out, char **msg,
		 char **warn)
{
	struct event_filter *f = &out->f;
	const char *dash = in->dash ? in->dash : "";
	int rc = parse_status(in->status, &f->status_mask, msg);
	if (!rc)
		rc = split_types(in, out, msg);
	if (rc)
		return rc;
	f->from.prec = f->to.prec = PREC_UNKNOWN;
	if (in->from && cdate_parse_exact(in->from, &f->from)) {
		*msg = message("%sfrom: '%s' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)", dash, in->from);
		return -1;
	}
	if (in->to && cdate_parse_exact(in->to, &f->to)) {
		*msg = message("%sto: '%s' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)", dash, in->to);
		return -1;
	}
	/* Compared at their common precision: "2015-03" is not after "2015". */
	if (in->from && in->to) {
		size_t n = strlen(in->from) < strlen(in->to) ? strlen(in->from) : strlen(in->to);
		if (strncmp(in->from, in->to, n) > 0) {
			*msg = message("%sfrom %s is after %sto %s: no event can match", dash, in->from, dash, in->to);
			return -1;
		}
	}
	if (in->agency && warn && (rc = check_agency(s, in->agency, msg, warn)))
		return rc;
	for (size_t i = 0; i < in->n_actors; i++)
		if ((rc = check_known(s, "actor", in->actors[i], msg)))
			return rc;
	for (int i = 0; i < 2 && in->between[0]; i++)
		if ((rc = check_known(s, "actor", in->between[i], msg)))
			return rc;
	if (in->topic && (rc = check_known(s, "topic", in->topic, msg)))
		return rc;
	f->actors = in->actors;
	f->n_actors = in->n_actors;
	f->between[0] = in->between[0];
	f->between[1] = in->between[1];
	f->types = out->type_items;
	f->n_types = out->n_type_items;
	f->topic = in->topic;
	f->agency = in->agency;
	f->text = in->text;
	if (in->verified && in->unverified) {
		*msg = message("%sverified and %sunverified exclude each other", dash, dash);
		return -1;
	}
	f->verified = in->verified ? 1 : in->unverified ? -1 : 0;
	const char *conf[2] = {in->min_confidence, in->below_confidence};
	double *bound[2] = {&f->min_confidence, &f->max_confidence};
	for (int i = 0; i < 2; i++) {
		if (!conf[i])
			continue;
		char *end;
		double v = strtod(conf[i], &end);
		if (end == conf[i] || *end || !(v > 0 && v <= 1)) {
			*msg = message("%s%s: '%s' is not a confidence above 0 and at most 1", dash,
				    i ? "below-confidence" : "min-confidence", conf[i]);
			return -1;
		}
		*bound[i] = v;
	}
	if (in->text) {
		char *err = NULL;
		rc = store_text_query_check(s, in->text, &err);
		if (rc > 0) {
			*msg = message("%stext: '%s' is not a full-text query (%s); put words in double quotes to"
				    " search for them as they are", dash, in->text, err ? err : "?");
			free(err);
			return -1;
		}
		if (rc < 0) {
			*msg = err;
			return -2;
		}
	}

	struct tl_query *q = &out->q;
	q->actors = in->actors;
	q->n_actors = in->n_actors;
	q->between[0] = in->between[0];
	q->between[1] = in->between[1];
	if (out->n_type_items) {
		struct buf b;
		buf_init(&b, 0);
		for (size_t i = 0; i < out->n_type_items; i++)
			buf_printf(&b, "%s%s", i ? "," : "", out->type_items[i]);
		if (!(out->types_joined = buf_finish(&b)))
			return -2;
	}
	q->types = out->types_joined;
	q->topic = in->topic;
	q->from = in->from;
	q->to = in->to;
	q->agency = in->agency;
	q->text = in->text;
	q->status = in->status ? in->status : "occurred,planned";
	return 0;
}

int filter_parse(struct store *s, const struct filter_spec *in, struct filter_parsed *out, char **msg,
		 char **warn)
{
	memset(out, 0, sizeof(*out));
	*msg = NULL;
	if (warn)
		*warn = NULL;
	int rc = parse(s, in, out, msg, warn);
	if (rc && !*msg)
		*msg = strdup("out of memory");
	return rc;
}

void filter_parsed_release(struct filter_parsed *p)
{
	free(p->type_items);
	free(p->types_joined);
	p->type_items = NULL;
	p->types_joined = NULL;
	p->n_type_items = 0;
}

int filter_resolve(struct filter_opts *fo, struct store *s)
{
	const struct filter_spec in = {
		.actors = (const char *const *)fo->actors.items, .n_actors = fo->actors.n,
		.between = {fo->between[0], fo->between[1]},
		.types = (const char *const *)fo->types.items, .n_types = fo->types.n,
		.topic = fo->topic, .from = fo->from, .to = fo->to, .agency = fo->agency, .text = fo->text,
		.status = fo->status, .verified = fo->verified, .unverified = fo->unverified,
		.min_confidence = fo->min_confidence, .below_confidence = fo->below_confidence, .dash = "--"};
	char *msg = NULL, *warn = NULL;
	int rc = filter_parse(s, &in, &fo->parsed, &msg, &warn);
	if (warn)
		warning("%s", warn);
	if (rc)
		error("%s", msg);
	free(msg);
	free(warn);
	fo->parsed.f.limit = fo->limit;
	fo->parsed.q.limit = fo->limit;
	fo->f = fo->parsed.f;
	fo->q = fo->parsed.q;
	return rc;
}

void filter_release(struct filter_opts *fo)
{
	opt_list_release(&fo->actors);
	opt_list_release(&fo->types);
	filter_parsed_release(&fo->parsed);
}
