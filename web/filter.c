/* The timeline's filters from query parameters: the names and meanings of
 * the options of `communique events` (cli/filter.c), with the same checks
 * against the archive, answered as 400 with a message instead of printed. */
#include <stdlib.h>
#include <string.h>

#include "store/store_admin.h"
#include "util/buf.h"
#include "util/types.h"
#include "web/web_internal.h"

void filter_keep_release(struct filter_keep *keep)
{
	free(keep->types_joined);
	free(keep->types_copy);
	keep->types_joined = keep->types_copy = NULL;
}

/* 0 when the archive knows the actor (or topic); 400 in r otherwise. */
static int known(struct store *s, const char *what, const char *name, struct web_reply *r)
{
	char *err = NULL, *cands[5];
	int k = !strcmp(what, "actor") ? store_actor_known(s, name, &err) : store_topic_known(s, name, &err);
	if (k < 0) {
		reply_store_error(r, err);
		return r->status;
	}
	if (k)
		return 0;
	int n = !strcmp(what, "actor") ? store_actor_suggest(s, name, cands, 5, &err)
				       : store_topic_suggest(s, name, cands, 5, &err);
	free(err);
	struct buf m;
	buf_init(&m, 0);
	for (int i = 0; i < n; i++) {
		buf_printf(&m, "%s'%s'", i ? ", " : "", cands[i]);
		free(cands[i]);
	}
	reply_error(r, 400, "unknown %s '%s'%s%s%s", what, name, n > 0 ? "; did you mean " : "",
		    n > 0 ? buf_str(&m) : "", n > 0 ? "?" : "");
	buf_release(&m);
	return 400;
}

static int parse_status(const char *s, unsigned *mask, struct web_reply *r)
{
	*mask = (1u << STATUS_OCCURRED) | (1u << STATUS_PLANNED);
	if (!s || !*s)
		return 0;
	*mask = 0;
	char *copy = strdup(s);
	if (!copy) {
		reply_error(r, 500, "out of memory");
		return 500;
	}
	for (char *save = NULL, *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int v = !strcmp(t, "all") ? 99 : event_status_from_name(t);
		if (v < 0) {
			reply_error(r, 400, "unknown status '%s' (occurred, planned, negated or all)", t);
			free(copy);
			return 400;
		}
		*mask |= v == 99 ? 7u : 1u << v;
	}
	free(copy);
	return 0;
}

static int parse_confidence(const char *name, const char *v, double *out, struct web_reply *r)
{
	if (!v || !*v)
		return 0;
	char *end;
	double d = strtod(v, &end);
	if (end == v || *end || !(d > 0 && d <= 1)) {
		reply_error(r, 400, "%s: '%s' is not a confidence above 0 and at most 1", name, v);
		return 400;
	}
	*out = d;
	return 0;
}

static const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

int web_filter_parse(struct store *s, const struct web_params *p, struct event_filter *f, struct tl_query *q,
		     struct filter_keep *keep, struct web_reply *r)
{
	memset(f, 0, sizeof(*f));
	memset(q, 0, sizeof(*q));
	memset(keep, 0, sizeof(*keep));
	const char *vals[WEB_MAX_PARAMS];
	static const char *const counted[] = {"actor", "between", "type"};
	static const size_t most[] = {16, 2, 16};
	for (size_t k = 0; k < 3; k++)
		if (param_all(p, counted[k], vals, WEB_MAX_PARAMS) > most[k]) {
			reply_error(r, 400, "at most %zu '%s' parameters", most[k], counted[k]);
			return 400;
		}
	size_t n = param_all(p, "actor", vals, 16);
	for (size_t i = 0; i < n; i++)
		if (*vals[i])
			keep->actors[f->n_actors++] = vals[i];
	size_t nb = param_all(p, "between", keep->between, 2);
	if (nb == 1 || (nb == 2 && (!*keep->between[0] || !*keep->between[1]))) {
		if (nb == 1 && !*keep->between[0]) {
			keep->between[0] = NULL;
		} else {
			reply_error(r, 400, "between takes two actors: between=X&between=Y");
			return 400;
		}
	}
	if (nb == 2 && keep->between[0]) {
		f->between[0] = keep->between[0];
		f->between[1] = keep->between[1];
	}
	/* Types: repeatable and comma-separated, as --type. */
	struct buf all;
	buf_init(&all, 0);
	size_t nt = param_all(p, "type", vals, 16);
	for (size_t i = 0; i < nt; i++)
		if (*vals[i])
			buf_printf(&all, "%s%s", buf_str(&all)[0] ? "," : "", vals[i]);
	if (buf_failed(&all) || !(keep->types_copy = buf_detach(&all))) {
		reply_error(r, 500, "out of memory");
		return 500;
	}
	struct buf joined;
	buf_init(&joined, 0);
	for (char *save = NULL, *t = strtok_r(keep->types_copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		while (*t == ' ')
			t++;
		const struct event_type *et = types_find(t);
		if (!et) {
			buf_release(&joined);
			reply_error(r, 400, "unknown event type '%s' (see /api/meta for the types)", t);
			return 400;
		}
		if (f->n_types >= sizeof(keep->types) / sizeof(*keep->types)) {
			buf_release(&joined);
			reply_error(r, 400, "too many types");
			return 400;
		}
		keep->types[f->n_types++] = et->name;
		buf_printf(&joined, "%s%s", f->n_types > 1 ? "," : "", et->name);
	}
	if (buf_failed(&joined)) {
		buf_release(&joined);
		reply_error(r, 500, "out of memory");
		return 500;
	}
	keep->types_joined = f->n_types ? buf_detach(&joined) : (buf_release(&joined), NULL);
	f->actors = keep->actors;
	f->types = keep->types;
	f->topic = nonempty(param_get(p, "topic"));
	f->agency = nonempty(param_get(p, "agency"));
	f->text = nonempty(param_get(p, "text"));
	const char *from = nonempty(param_get(p, "from")), *to = nonempty(param_get(p, "to"));
	f->from.prec = f->to.prec = PREC_UNKNOWN;
	if (from && cdate_parse_exact(from, &f->from)) {
		reply_error(r, 400, "from: '%s' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)", from);
		return 400;
	}
	if (to && cdate_parse_exact(to, &f->to)) {
		reply_error(r, 400, "to: '%s' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)", to);
		return 400;
	}
	const char *status = nonempty(param_get(p, "status"));
	if (parse_status(status, &f->status_mask, r))
		return r->status;
	const char *ver = nonempty(param_get(p, "verified"));
	if (ver) {
		if (!strcmp(ver, "yes") || !strcmp(ver, "1"))
			f->verified = 1;
		else if (!strcmp(ver, "no") || !strcmp(ver, "0"))
			f->verified = -1;
		else {
			reply_error(r, 400, "verified: '%s' is not yes or no", ver);
			return 400;
		}
	}
	if (parse_confidence("min-confidence", param_get(p, "min-confidence"), &f->min_confidence, r) ||
	    parse_confidence("below-confidence", param_get(p, "below-confidence"), &f->max_confidence, r))
		return r->status;
	for (size_t i = 0; i < f->n_actors; i++)
		if (known(s, "actor", f->actors[i], r))
			return r->status;
	for (int i = 0; i < 2 && f->between[0]; i++)
		if (known(s, "actor", f->between[i], r))
			return r->status;
	if (f->topic && known(s, "topic", f->topic, r))
		return r->status;
	if (f->text) {
		char *err = NULL;
		int rc = store_text_query_check(s, f->text, &err);
		if (rc > 0) {
			reply_error(r, 400, "text: '%s' is not a full-text query (%s); put words in double quotes"
					    " to search for them as they are", f->text, err ? err : "?");
			free(err);
			return 400;
		}
		if (rc < 0) {
			reply_store_error(r, err);
			return r->status;
		}
	}
	q->actors = f->actors;
	q->n_actors = f->n_actors;
	q->between[0] = f->between[0];
	q->between[1] = f->between[1];
	q->types = keep->types_joined;
	q->topic = f->topic;
	q->from = from;
	q->to = to;
	q->agency = f->agency;
	q->text = f->text;
	q->status = status ? status : "occurred,planned";
	return 0;
}
