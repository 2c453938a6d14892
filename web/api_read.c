/* The reading side of the API (GET /api/...): docs/serve.md lists the
 * endpoints. Every answer is built with jansson from the store's
 * functions; events are written as the JSON export writes them
 * (tl_event_json, docs/events.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <csv.h>

#include "export/export_internal.h"
#include "util/types.h"
#include "web/web_internal.h"
#include "util/json_safe.h"

#define REPORT_TEXT_MAX (1024 * 1024)   /* a report's text in one answer */

/* A string of the archive; text that is not UTF-8 is cleaned, not refused. */
static json_t *js(const char *s)
{
	if (!s)
		return json_null();
	json_t *v = json_string(s);
	if (v)
		return v;
	char *c = tl_utf8_clean(s, 0);
	v = c ? json_string(c) : NULL;
	free(c);
	return v ? v : json_string("");
}

static long param_long(const struct web_params *p, const char *key, long def, long min, long max, int *bad)
{
	const char *v = param_get(p, key);
	if (!v || !*v)
		return def;
	char *end;
	long n = strtol(v, &end, 10);
	if (end == v || *end || n < min || n > max) {
		*bad = 1;
		return def;
	}
	return n;
}

/* ---- /api/meta ------------------------------------------------------------------------ */

static void get_meta(struct web_req *q, struct web_reply *r)
{
	json_t *types = json_array(), *reasons = json_array();
	for (size_t i = 0; i < types_count(); i++) {
		const struct event_type *t = types_at(i);
		json_array_append_new(types, json_pack("{s:s, s:o, s:s}", "name", t->name, "label", js(t->label),
						       "cameo", t->cameo));
	}
	for (int i = 0; i < REVIEW_COUNT; i++)
		json_array_append_new(reasons, json_string(store_review_name((enum store_review_reason)i)));
	reply_json(r, 200, json_pack("{s:b, s:o, s:o, s:[sss], s:[sss], s:i, s:i}", "can_write", q->can_write,
				     "types", types, "review_reasons", reasons, "statuses", "occurred", "planned",
				     "negated", "formats", "csv", "json", "html", "page_max", WEB_PAGE_MAX,
				     "export_max", WEB_EXPORT_MAX));
}

static int got_brief_one(void *ctx, const struct tl_event *e);

/* ---- /api/events ------------------------------------------------------------------------ */

struct page {
	json_t *arr;
	long n, want;
	int64_t last_id;
};

/* A page of /api/events, written as it is read (tl_event_write): no tree
 * of jansson values per event. */
struct page_text {
	struct buf out;
	long n, want;
	int64_t last_id;
};

static json_t *event_json(const struct tl_event *e)
{
	json_t *o = tl_event_json(e);
	if (!o)
		return NULL;
	if (e->gone) {
		json_t *why = json_array();
		if (e->gone & TL_GONE_UNSUPPORTED)
			json_array_append_new(why, json_string("unsupported"));
		if (e->gone & TL_GONE_DELETED)
			json_array_append_new(why, json_string("deleted"));
		if (e->gone & TL_GONE_MERGED)
			json_array_append_new(why, json_string("merged"));
		json_object_set_new(o, "gone", why);
		if (e->merged_into) {
			char id[32];
			snprintf(id, sizeof(id), "e%lld", (long long)e->merged_into);
			json_object_set_new(o, "merged_into", json_string(id));
		}
	}
	return o;
}

/* event_json's bytes, as reply_json dumps them (compact). */
static int page_text_add(void *ctx, const struct tl_event *e)
{
	struct page_text *pg = ctx;
	if (pg->n >= pg->want) {
		pg->n++;   /* one more than the page: there is a next one */
		return 1;
	}
	if ((pg->n && buf_addch(&pg->out, ',')) || tl_event_write(&pg->out, e, 1, 1))
		return -1;
	if (e->gone) {
		/* event_json's keys after the event's own. */
		buf_addstr(&pg->out, ",\"gone\":[");
		const char *sep = "";
		if (e->gone & TL_GONE_UNSUPPORTED)
			buf_printf(&pg->out, "%s\"unsupported\"", sep), sep = ",";
		if (e->gone & TL_GONE_DELETED)
			buf_printf(&pg->out, "%s\"deleted\"", sep), sep = ",";
		if (e->gone & TL_GONE_MERGED)
			buf_printf(&pg->out, "%s\"merged\"", sep);
		buf_addch(&pg->out, ']');
		if (e->merged_into)
			buf_printf(&pg->out, ",\"merged_into\":\"e%lld\"", (long long)e->merged_into);
	}
	if (buf_addch(&pg->out, '}') || buf_failed(&pg->out))
		return -1;
	pg->n++;
	pg->last_id = e->id;
	return 0;
}

static void get_events(struct web_req *q, struct web_reply *r, struct store *s)
{
	struct event_filter f;
	struct tl_query tq;
	struct filter_keep keep;
	if (web_filter_parse(s, q->params, &f, &tq, &keep, r)) {
		filter_keep_release(&keep);
		return;
	}
	int bad = 0;
	long limit = param_long(q->params, "limit", 50, 1, WEB_PAGE_MAX, &bad);
	const char *after = param_get(q->params, "after");
	int64_t after_id = after && *after ? web_parse_id(after, 'e') : 0;
	if (bad || (after && *after && !after_id)) {
		filter_keep_release(&keep);
		reply_error(r, 400, bad ? "limit: a number from 1 to %d" : "after: not an event id (e12)",
			    WEB_PAGE_MAX);
		return;
	}
	/* The cursor must name an event (any state): else the page would
	 * start nowhere in particular. */
	json_t *cursor = NULL;
	char *cerr = NULL;
	int crc = after_id ? store_event_get(s, after_id, got_brief_one, &cursor, &cerr) : 0;
	json_decref(cursor);
	if (crc) {
		filter_keep_release(&keep);
		if (crc == 1)
			reply_error(r, 400, "after: no event e%lld in the archive", (long long)after_id);
		else
			reply_store_error(r, cerr);
		return;
	}
	f.page = 1;
	f.limit = limit + 1;
	f.after_id = after_id;
	struct page_text pg = {.want = limit};
	buf_init(&pg.out, 0);
	buf_addstr(&pg.out, "{\"events\":[");
	char *err = NULL;
	int rc = store_timeline_each(s, &f, page_text_add, &pg, &err);
	filter_keep_release(&keep);
	if (rc < 0) {
		buf_release(&pg.out);
		if (err && strstr(err, "full-text")) {
			reply_error(r, 400, "%s", err);
			free(err);
		} else {
			reply_store_error(r, err);   /* frees err */
		}
		return;
	}
	/* As json_pack("{s:o, s:s?}") wrote it: "next" null on the last page. */
	if (pg.n > limit)
		buf_printf(&pg.out, "],\"next\":\"e%lld\"}", (long long)pg.last_id);
	else
		buf_addstr(&pg.out, "],\"next\":null}");
	reply_json_text(r, 200, buf_finish(&pg.out));
}

/* ---- /api/events/ID --------------------------------------------------------------------- */

struct one_event {
	json_t *ev;
	int64_t reports[32];
	size_t n_reports;
};

static int got_event(void *ctx, const struct tl_event *e)
{
	struct one_event *o = ctx;
	if (!(o->ev = event_json(e)))
		return -1;
	for (size_t i = 0; i < e->n_sources && o->n_reports < 32; i++)
		o->reports[o->n_reports++] = e->sources[i].report_id;
	return 0;
}

static int got_curation(void *ctx, const struct store_curation *c)
{
	json_t *arr = ctx;
	json_t *value = c->value ? json_parse_text(c->value, JSON_DECODE_ANY) : NULL;
	char id[32], ev[32], undone[32];
	snprintf(id, sizeof(id), "c%lld", (long long)c->id);
	snprintf(ev, sizeof(ev), "e%lld", (long long)c->event_id);
	snprintf(undone, sizeof(undone), "c%lld", (long long)c->undone_by);
	json_t *o = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:I, s:s?}", "id", id, "event", ev, "action",
			      c->action, "field", js(c->field), "value", value ? value : js(c->value), "reason",
			      js(c->reason), "by", js(c->by), "at", (json_int_t)c->at, "undone_by",
			      c->undone_by ? undone : NULL);
	return !o || json_array_append_new(arr, o) ? -1 : 0;
}

static int got_report_text(void *ctx, const struct store_report *rp)
{
	json_t **out = ctx;
	size_t n = rp->body ? strlen(rp->body) : 0;
	int cut = n > REPORT_TEXT_MAX;
	json_t *body;
	if (cut) {
		/* Cut at a character's start, not inside one. */
		size_t k = REPORT_TEXT_MAX;
		while (k && ((unsigned char)rp->body[k] & 0xC0) == 0x80)
			k--;
		body = json_stringn(rp->body, k);
	} else {
		body = js(rp->body ? rp->body : "");
	}
	char id[32];
	snprintf(id, sizeof(id), "r%lld", (long long)rp->id);
	*out = json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:i, s:o}", "id", id, "agency",
			 js(rp->agency), "title", js(rp->title), "place", js(rp->place), "url", js(rp->url),
			 "published_text", js(rp->published_text), "lede", js(rp->lede), "body",
			 body ? body : json_string(""), "truncated", cut, "events", (int)rp->n_events, "published",
			 rp->pub_known ? json_integer(rp->published) : json_null());
	return *out ? 0 : -1;
}

struct brief_list {
	json_t *arr;
	int64_t skip;
	long n, max;
};

static int got_brief(void *ctx, const struct tl_event *e)
{
	struct brief_list *b = ctx;
	if (e->id == b->skip)
		return 0;
	if (b->n++ >= b->max)
		return 1;
	json_t *o = event_json(e);
	return !o || json_array_append_new(b->arr, o) ? -1 : 0;
}

static void get_event(struct web_req *q, struct web_reply *r, struct store *s, int64_t id)
{
	struct one_event one;
	memset(&one, 0, sizeof(one));
	char *err = NULL;
	int rc = store_event_get(s, id, got_event, &one, &err);
	if (rc == 1) {
		reply_error(r, 404, "no event e%lld in the archive", (long long)id);
		return;
	}
	json_t *hist = json_array(), *reports = json_array(), *related = json_array();
	if (!rc)
		rc = store_curations_each(s, id, got_curation, hist, &err);
	for (size_t i = 0; !rc && i < one.n_reports; i++) {
		json_t *rep = NULL;
		rc = store_report_get(s, one.reports[i], got_report_text, &rep, &err);
		if (rc == 1)   /* a report replaced since: nothing to show */
			rc = 0;
		else if (!rc)
			json_array_append_new(reports, rep);
		/* The other events of the same report, in any status. */
		struct event_filter f;
		memset(&f, 0, sizeof(f));
		f.from.prec = f.to.prec = PREC_UNKNOWN;
		f.status_mask = 7;
		f.report_id = one.reports[i];
		struct brief_list b = {.arr = related, .skip = id, .max = 100};
		if (!rc && (rc = store_timeline_each(s, &f, got_brief, &b, &err)) > 0)
			rc = 0;
	}
	(void)q;
	if (rc) {
		json_decref(one.ev);
		json_decref(hist);
		json_decref(reports);
		json_decref(related);
		reply_store_error(r, err);
		return;
	}
	reply_json(r, 200, json_pack("{s:o, s:o, s:o, s:o}", "event", one.ev, "history", hist, "reports", reports,
				     "related", related));
}

/* ---- /api/reports --------------------------------------------------------------------- */

struct report_page {
	json_t *arr;
	long n, want;
	int64_t last;
};

static int got_report_row(void *ctx, const struct store_report *rp)
{
	struct report_page *pg = ctx;
	if (pg->n++ >= pg->want)
		return 1;
	char id[32];
	snprintf(id, sizeof(id), "r%lld", (long long)rp->id);
	pg->last = rp->id;
	json_t *o = json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:i}", "id", id, "agency", js(rp->agency), "title",
			      js(rp->title), "published_text", js(rp->published_text), "published",
			      rp->pub_known ? json_integer(rp->published) : json_null(), "url", js(rp->url), "events",
			      (int)rp->n_events);
	return !o || json_array_append_new(pg->arr, o) ? -1 : 0;
}

static void get_reports(struct web_req *q, struct web_reply *r, struct store *s)
{
	int bad = 0;
	long limit = param_long(q->params, "limit", 50, 1, WEB_PAGE_MAX, &bad);
	const char *before = param_get(q->params, "before"), *text = param_get(q->params, "q");
	int64_t before_id = before && *before ? web_parse_id(before, 'r') : 0;
	if (bad || (before && *before && !before_id)) {
		reply_error(r, 400, bad ? "limit: a number from 1 to %d" : "before: not a report id (r12)",
			    WEB_PAGE_MAX);
		return;
	}
	struct report_page pg = {.arr = json_array(), .want = limit};
	char *err = NULL;
	int rc = store_reports_page(s, text && *text ? text : NULL, before_id, limit + 1, got_report_row, &pg,
				    &err);
	if (rc < 0) {
		json_decref(pg.arr);
		if (err && strstr(err, "full-text")) {
			reply_error(r, 400, "q: %s", err);
			free(err);
		} else {
			reply_store_error(r, err);
		}
		return;
	}
	char next[32] = "";
	if (pg.n > limit)
		snprintf(next, sizeof(next), "r%lld", (long long)pg.last);
	reply_json(r, 200, json_pack("{s:o, s:s?}", "reports", pg.arr, "next", *next ? next : NULL));
}

static void get_report(struct web_req *q, struct web_reply *r, struct store *s, int64_t id)
{
	(void)q;
	json_t *rep = NULL;
	char *err = NULL;
	int rc = store_report_get(s, id, got_report_text, &rep, &err);
	if (rc == 1) {
		reply_error(r, 404, "no report r%lld in the archive", (long long)id);
		return;
	}
	struct event_filter f;
	memset(&f, 0, sizeof(f));
	f.from.prec = f.to.prec = PREC_UNKNOWN;
	f.status_mask = 7;
	f.report_id = id;
	struct brief_list b = {.arr = json_array(), .max = WEB_PAGE_MAX};
	if (!rc && (rc = store_timeline_each(s, &f, got_brief, &b, &err)) > 0)
		rc = 0;
	if (rc) {
		json_decref(rep);
		json_decref(b.arr);
		reply_store_error(r, err);
		return;
	}
	reply_json(r, 200, json_pack("{s:o, s:o}", "report", rep, "events", b.arr));
}

/* ---- /api/relations ----------------------------------------------------------------------
 * The dyads exporter (export/dyads.c) counts the events of each pair of
 * parties by month and quad class; its table, read back here, gives an
 * actor's or a dyad's months and counterparts, so the chart and the
 * export count alike. */

struct dyad_rows {
	const char *code, *other;       /* the actor's code; the dyad's other code or NULL */
	json_t *months;                 /* period -> [vc, mc, vk, mk, all] */
	json_t *counterparts;           /* code -> {name, n} */
	char *field[16];
	size_t nf;
	long rows;
	int oom;
};

static void dyad_field(void *s, size_t len, void *ctx)
{
	struct dyad_rows *d = ctx;
	if (d->nf < 16) {
		d->field[d->nf] = malloc(len + 1);
		if (d->field[d->nf]) {
			memcpy(d->field[d->nf], s, len);
			d->field[d->nf][len] = 0;
		} else {
			d->oom = 1;
		}
	}
	d->nf++;
}

static void dyad_row(int c, void *ctx)
{
	(void)c;
	struct dyad_rows *d = ctx;
	/* period,source_code,source,target_code,target,directed,events,vc,mc,vk,mk,... */
	if (d->nf >= 11 && d->rows++ > 0 && d->field[0] && d->field[1] && d->field[3]) {
		const char *a = d->field[1], *b = d->field[3];
		int mine = !strcmp(a, d->code) || !strcmp(b, d->code);
		const char *other = !strcmp(a, d->code) ? b : a;
		const char *other_name = !strcmp(a, d->code) ? d->field[4] : d->field[2];
		if (mine && d->other && strcmp(other, d->other))
			mine = 0;
		if (mine) {
			json_t *m = json_object_get(d->months, d->field[0]);
			if (!m) {
				m = json_pack("[iiiii]", 0, 0, 0, 0, 0);
				json_object_set_new(d->months, d->field[0], m);
			}
			int idx[5] = {7, 8, 9, 10, 6};
			for (int k = 0; k < 5 && m; k++) {
				json_t *v = json_array_get(m, (size_t)k);
				json_integer_set(v, json_integer_value(v) + atol(d->field[idx[k]]));
			}
			json_t *cp = json_object_get(d->counterparts, other);
			if (!cp) {
				cp = json_pack("{s:s, s:o, s:i}", "code", other, "name", js(other_name), "events", 0);
				json_object_set_new(d->counterparts, other, cp);
			}
			json_t *n = json_object_get(cp, "events");
			json_integer_set(n, json_integer_value(n) + atol(d->field[6]));
		}
	}
	for (size_t i = 0; i < d->nf && i < 16; i++)
		free(d->field[i]);
	d->nf = 0;
}

struct run_export {
	const struct exporter *ex;
	void *state;
	long n, max;
	int failed;
};

static int export_one(void *ctx, const struct tl_event *e)
{
	struct run_export *x = ctx;
	if (x->max && x->n >= x->max)
		return 1;
	x->n++;
	if (x->ex->event(x->state, e)) {
		x->failed = 1;
		return -1;
	}
	return 0;
}

/* Runs exporter ex over the filter's timeline into a malloc'd buffer. */
static int export_to_buffer(struct store *s, const struct exporter *ex, const struct event_filter *f,
			    const struct tl_query *tq, const struct tl_options *o, long max, char **out,
			    size_t *len, char **err)
{
	*out = NULL;
	*len = 0;
	FILE *mem = open_memstream(out, len);
	if (!mem) {
		*err = strdup("out of memory");
		return -1;
	}
	struct run_export x = {.ex = ex, .max = max};
	int rc = ex->begin(&x.state, mem, tq, o);
	if (rc) {
		fclose(mem);
		free(*out);
		*out = NULL;
		*err = strdup("cannot start the export");
		return -1;
	}
	rc = store_timeline_each(s, f, export_one, &x, err);
	if (rc > 0)
		rc = 0;
	if (ex->end(x.state, rc == 0 && !x.failed) || x.failed) {
		if (!rc && !*err)
			*err = strdup("the export failed (out of memory?)");
		rc = -1;
	}
	if (fclose(mem) && !rc) {
		*err = strdup("out of memory");
		rc = -1;
	}
	if (rc) {
		free(*out);
		*out = NULL;
	}
	return rc;
}

static int by_events_desc(const void *a, const void *b)
{
	json_int_t x = json_integer_value(json_object_get(*(json_t *const *)a, "events"));
	json_int_t y = json_integer_value(json_object_get(*(json_t *const *)b, "events"));
	return x < y ? 1 : x > y ? -1 : 0;
}

static void get_relations(struct web_req *q, struct web_reply *r, struct store *s)
{
	struct event_filter f;
	struct tl_query tq;
	struct filter_keep keep;
	if (web_filter_parse(s, q->params, &f, &tq, &keep, r)) {
		filter_keep_release(&keep);
		return;
	}
	const char *who = f.n_actors == 1 && !f.between[0] ? f.actors[0] : !f.n_actors ? f.between[0] : NULL;
	if (!who) {
		filter_keep_release(&keep);
		reply_error(r, 400, "relations are of one actor (actor=X) or of a dyad (between=X&between=Y)");
		return;
	}
	char *name[2] = {NULL, NULL}, *code[2] = {NULL, NULL}, *err = NULL;
	int kind, rc = 0;
	const char *names[2] = {who, f.between[0] ? f.between[1] : NULL};
	for (int i = 0; i < 2 && !rc; i++)
		if (names[i] && (rc = store_actor_lookup(s, names[i], &name[i], &code[i], &kind, &err)) == 1)
			rc = 0;   /* web_filter_parse knew it: a race with a writer at most */
	if (rc < 0) {
		filter_keep_release(&keep);
		reply_store_error(r, err);
		return;
	}
	if (!code[0] || !*code[0] || (names[1] && (!code[1] || !*code[1]))) {
		reply_error(r, 400, "'%s' has no state or organisation code: relations are counted by code",
			    !code[0] || !*code[0] ? who : names[1]);
		goto done;
	}
	struct tl_options o = {.period = 'm'};
	char *csvtext = NULL;
	size_t len = 0;
	if (export_to_buffer(s, exporter_find("dyads"), &f, &tq, &o, 0, &csvtext, &len, &err)) {
		reply_store_error(r, err);
		goto done;
	}
	struct dyad_rows d = {.code = code[0], .other = names[1] ? code[1] : NULL, .months = json_object(),
			      .counterparts = json_object()};
	struct csv_parser p;
	if (csv_init(&p, CSV_APPEND_NULL) == 0) {
		csv_parse(&p, csvtext, len, dyad_field, dyad_row, &d);
		csv_fini(&p, dyad_field, dyad_row, &d);
		csv_free(&p);
	} else {
		d.oom = 1;
	}
	free(csvtext);
	for (size_t i = 0; i < d.nf && i < 16; i++)
		free(d.field[i]);
	/* Months in order (the table is sorted by period), counterparts by count. */
	json_t *months = json_array(), *cps = json_array();
	const char *key;
	json_t *v;
	json_object_foreach(d.months, key, v)
	{
		json_array_append_new(months, json_pack("{s:s, s:O, s:O, s:O, s:O, s:O}", "month", key,
							"verbal_cooperation", json_array_get(v, 0),
							"material_cooperation", json_array_get(v, 1), "verbal_conflict",
							json_array_get(v, 2), "material_conflict", json_array_get(v, 3),
							"events", json_array_get(v, 4)));
	}
	size_t nc = json_object_size(d.counterparts), k = 0;
	json_t **sorted = calloc(nc ? nc : 1, sizeof(*sorted));
	if (sorted) {
		json_object_foreach(d.counterparts, key, v) sorted[k++] = v;
		qsort(sorted, nc, sizeof(*sorted), by_events_desc);
		for (size_t i = 0; i < nc && i < 20; i++)
			json_array_append(cps, sorted[i]);
		free(sorted);
	}
	json_decref(d.months);
	json_decref(d.counterparts);
	if (d.oom || !sorted) {
		json_decref(months);
		json_decref(cps);
		reply_error(r, 500, "out of memory");
		goto done;
	}
	/* The months in order, whatever order the object kept. */
	size_t nm = json_array_size(months);
	for (size_t i = 1; i < nm; i++)
		for (size_t j = i; j > 0; j--) {
			const char *x = json_string_value(json_object_get(json_array_get(months, j - 1), "month"));
			const char *y = json_string_value(json_object_get(json_array_get(months, j), "month"));
			if (strcmp(x, y) <= 0)
				break;
			json_t *t = json_incref(json_array_get(months, j - 1));
			json_array_set(months, j - 1, json_array_get(months, j));
			json_array_set_new(months, j, t);
		}
	reply_json(r, 200, json_pack("{s:o, s:o, s:o, s:o, s:o}", "actor", js(name[0]), "code", js(code[0]),
				     "other", names[1] ? js(name[1]) : json_null(), "months", months, "counterparts",
				     cps));
done:
	filter_keep_release(&keep);
	for (int i = 0; i < 2; i++) {
		free(name[i]);
		free(code[i]);
	}
}

/* ---- /api/review ------------------------------------------------------------------------ */

struct review_ctx {
	struct store *s;
	json_t *arr;
};

static int got_brief_one(void *ctx, const struct tl_event *e)
{
	json_t **o = ctx;
	*o = event_json(e);
	return *o ? 0 : -1;
}

static int got_review(void *ctx, const struct store_review_item *it)
{
	struct review_ctx *rc = ctx;
	char id[32], other[32];
	snprintf(id, sizeof(id), "e%lld", (long long)it->event_id);
	snprintf(other, sizeof(other), "e%lld", (long long)it->other_id);
	json_t *o = json_pack("{s:s, s:s, s:s?, s:o}", "event_id", id, "reason", store_review_name(it->reason),
			      "other", it->other_id ? other : NULL, "detail", js(it->detail));
	return !o || json_array_append_new(rc->arr, o) ? -1 : 0;
}

static void get_review(struct web_req *q, struct web_reply *r, struct store *s)
{
	const char *vals[REVIEW_COUNT + 1];
	size_t n = param_all(q->params, "reason", vals, REVIEW_COUNT + 1);
	unsigned mask = 0;
	for (size_t i = 0; i < n; i++) {
		int found = 0;
		for (int k = 0; k < REVIEW_COUNT; k++)
			if (!strcmp(vals[i], store_review_name((enum store_review_reason)k))) {
				mask |= 1u << k;
				found = 1;
			}
		if (!found && *vals[i]) {
			reply_error(r, 400, "reason: '%s' is not one of unsupported, contradicted, undated,"
					    " low-confidence, warned, unverified", vals[i]);
			return;
		}
	}
	if (!mask)
		mask = ((1u << REVIEW_COUNT) - 1) & ~(1u << REVIEW_UNVERIFIED);
	int bad = 0;
	long limit = param_long(q->params, "limit", 100, 1, WEB_PAGE_MAX, &bad);
	const char *below = param_get(q->params, "below");
	double threshold = 0.5;
	if (below && *below) {
		char *end;
		threshold = strtod(below, &end);
		if (end == below || *end || !(threshold > 0 && threshold <= 1))
			bad = 1;
	}
	if (bad) {
		reply_error(r, 400, "limit is 1 to %d, below a confidence above 0 and at most 1", WEB_PAGE_MAX);
		return;
	}
	struct review_ctx rc = {s, json_array()};
	char *err = NULL;
	if (store_review_each(s, mask, threshold, limit, got_review, &rc, &err)) {
		json_decref(rc.arr);
		reply_store_error(r, err);
		return;
	}
	/* Each item with its event, for the queue to show what to look at. */
	size_t i;
	json_t *it;
	json_array_foreach(rc.arr, i, it)
	{
		json_t *ev = NULL;
		int64_t id = web_parse_id(json_string_value(json_object_get(it, "event_id")), 'e');
		int g = store_event_get(s, id, got_brief_one, &ev, &err);
		if (g < 0) {
			json_decref(rc.arr);
			reply_store_error(r, err);
			return;
		}
		json_object_set_new(it, "event", ev ? ev : json_null());
	}
	reply_json(r, 200, json_pack("{s:o}", "items", rc.arr));
}

/* ---- /api/export ----------------------------------------------------------------------------- */

static void get_export(struct web_req *q, struct web_reply *r, struct store *s)
{
	const char *format = param_get(q->params, "format");
	static const char *const allowed[] = {"csv", "json", "html"};
	static const char *const mime[] = {"text/csv; charset=utf-8", "application/json; charset=utf-8",
					   "text/html; charset=utf-8"};
	int k = -1;
	for (int i = 0; i < 3 && format; i++)
		if (!strcmp(format, allowed[i]))
			k = i;
	if (k < 0) {
		reply_error(r, 400, "format: csv, json or html");
		return;
	}
	struct event_filter f;
	struct tl_query tq;
	struct filter_keep keep;
	if (web_filter_parse(s, q->params, &f, &tq, &keep, r)) {
		filter_keep_release(&keep);
		return;
	}
	int bad = 0;
	long limit = param_long(q->params, "limit", WEB_EXPORT_MAX, 1, WEB_EXPORT_MAX, &bad);
	if (bad) {
		filter_keep_release(&keep);
		reply_error(r, 400, "limit: a number from 1 to %d", WEB_EXPORT_MAX);
		return;
	}
	f.limit = limit;
	tq.limit = param_get(q->params, "limit") ? limit : 0;
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	struct tl_options o = {.delimiter = ',', .generated_at = sde && *sde ? strtoll(sde, NULL, 10)
									   : (int64_t)time(NULL),
			       .title = "communique timeline"};
	char *out = NULL, *err = NULL;
	size_t len = 0;
	int rc = export_to_buffer(s, exporter_find(format), &f, &tq, &o, 0, &out, &len, &err);
	filter_keep_release(&keep);
	if (rc) {
		reply_store_error(r, err);
		return;
	}
	r->status = 200;
	r->body = out;
	r->len = len;
	r->type = mime[k];
	size_t dn = 64;
	if ((r->disposition = malloc(dn)))
		snprintf(r->disposition, dn, "attachment; filename=\"timeline.%s\"", format);
}

/* ---- /api/actors, /api/topics ------------------------------------------------------------------ */

struct count_list {
	json_t *arr;
	long n, max;
};

static int got_count(void *ctx, const struct store_count *c)
{
	struct count_list *l = ctx;
	if (l->n++ >= l->max)
		return 1;
	json_t *o = json_pack("{s:o, s:o, s:o, s:I}", "name", js(c->name), "code", js(c->code), "kind",
			      js(c->kind), "events", (json_int_t)c->count);
	return !o || json_array_append_new(l->arr, o) ? -1 : 0;
}

static void get_counts(struct web_req *q, struct web_reply *r, struct store *s, int actors)
{
	const char *search = param_get(q->params, "q");
	struct count_list l = {.arr = json_array(), .max = actors ? 30 : 100};
	char *err = NULL;
	int rc = actors ? store_actors_each(s, search && *search ? search : NULL, got_count, &l, &err)
			: store_topics_each(s, got_count, &l, &err);
	if (rc < 0) {
		json_decref(l.arr);
		reply_store_error(r, err);
		return;
	}
	reply_json(r, 200, json_pack("{s:o}", actors ? "actors" : "topics", l.arr));
}

/* ---- routing ------------------------------------------------------------------------------------ */

void api_get(struct web_req *q, struct web_reply *r)
{
	const char *p = q->path + 4;   /* after "/api" */
	if (!strcmp(p, "/meta")) {
		get_meta(q, r);
		return;
	}
	char *err = NULL;
	struct store *s = web_store_get(q->srv, &err);
	if (!s) {
		reply_error(r, 503, "cannot open the archive: %s", err ? err : "out of memory");
		free(err);
		return;
	}
	int64_t id;
	if (!strcmp(p, "/events"))
		get_events(q, r, s);
	else if (!strncmp(p, "/events/", 8) && (id = web_parse_id(p + 8, 'e')))
		get_event(q, r, s, id);
	else if (!strcmp(p, "/reports"))
		get_reports(q, r, s);
	else if (!strncmp(p, "/reports/", 9) && (id = web_parse_id(p + 9, 'r')))
		get_report(q, r, s, id);
	else if (!strcmp(p, "/relations"))
		get_relations(q, r, s);
	else if (!strcmp(p, "/review"))
		get_review(q, r, s);
	else if (!strcmp(p, "/export"))
		get_export(q, r, s);
	else if (!strcmp(p, "/actors"))
		get_counts(q, r, s, 1);
	else if (!strcmp(p, "/topics"))
		get_counts(q, r, s, 0);
	else
		reply_error(r, 404, "no such endpoint");
	web_store_put(q->srv, s, r->status < 500);
}
