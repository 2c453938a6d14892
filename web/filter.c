/* The timeline's filters from query parameters: the names and meanings of
 * the options of `communique events`, checked and parsed by the same code
 * (filter_parse, cli/filter.c), whose messages are answered as 400. */
#include <stdlib.h>
#include <string.h>

#include "cli/filter.h"
#include "web/web_internal.h"

void filter_keep_release(struct filter_keep *keep)
{
	filter_parsed_release(&keep->parsed);
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
	struct filter_spec in = {.dash = ""};
	size_t n = param_all(p, "actor", vals, 16);
	for (size_t i = 0; i < n; i++)
		if (*vals[i])
			keep->actors[in.n_actors++] = vals[i];
	in.actors = keep->actors;
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
		in.between[0] = keep->between[0];
		in.between[1] = keep->between[1];
	}
	/* Types: repeatable and comma-separated, as --type. */
	n = param_all(p, "type", vals, 16);
	for (size_t i = 0; i < n; i++)
		if (*vals[i])
			keep->types[in.n_types++] = vals[i];
	in.types = keep->types;
	in.topic = nonempty(param_get(p, "topic"));
	in.agency = nonempty(param_get(p, "agency"));
	in.text = nonempty(param_get(p, "text"));
	in.from = nonempty(param_get(p, "from"));
	in.to = nonempty(param_get(p, "to"));
	in.status = nonempty(param_get(p, "status"));
	in.min_confidence = nonempty(param_get(p, "min-confidence"));
	in.below_confidence = nonempty(param_get(p, "below-confidence"));
	const char *ver = nonempty(param_get(p, "verified"));
	if (ver) {
		if (!strcmp(ver, "yes") || !strcmp(ver, "1"))
			in.verified = 1;
		else if (!strcmp(ver, "no") || !strcmp(ver, "0"))
			in.unverified = 1;
		else {
			reply_error(r, 400, "verified: '%s' is not yes or no", ver);
			return 400;
		}
	}
	char *msg = NULL;
	int rc = filter_parse(s, &in, &keep->parsed, &msg, NULL);
	if (rc == -1)
		reply_error(r, 400, "%s", msg);
	else if (rc)
		reply_store_error(r, msg), msg = NULL;
	free(msg);
	if (rc)
		return r->status;
	*f = keep->parsed.f;
	*q = keep->parsed.q;
	return 0;
}
