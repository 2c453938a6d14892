/* The dyads exporter: relations over time as numbers to chart, the table
 * GDELT and ICEWS users draw first. For each pair of parties and each
 * period (month by default, ISO week or year), the number of events by
 * quad class (verbal cooperation, material cooperation, verbal conflict,
 * material conflict, from the CAMEO root as PLOVER and CAMEO group them)
 * and the summed and mean intensity on the Goldstein scale (tl_intensity).
 *
 * Parties are states and organisations by code: a person counts for the
 * state he acts for. A directed event counts for each source -> target
 * pair; a mutual one (participants) for each pair, in code order, with
 * `directed` "no". Undated events, and events of a party without a code,
 * have no place in a series and are counted in none. CSV, one row per
 * dyad and period, sorted by period then dyad; the whole table is held in
 * memory, one entry per dyad and period (never per event).
 */
#include "export/export_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

/* Local names for the quad classes of export_internal.h. */
enum quad {
	Q_VERBAL_COOP = TL_Q_VERBAL_COOP,
	Q_MATERIAL_COOP = TL_Q_MATERIAL_COOP,
	Q_VERBAL_CONFLICT = TL_Q_VERBAL_CONFLICT,
	Q_MATERIAL_CONFLICT = TL_Q_MATERIAL_CONFLICT,
	Q_COUNT = TL_Q_COUNT
};

const char *const tl_quad_names[TL_Q_COUNT] = {"verbal_cooperation", "material_cooperation",
					       "verbal_conflict", "material_conflict"};

struct cell_row {
	char period[12];        /* "2015-01", "2015-W02", "2015" */
	char a[16], b[16];      /* codes */
	int directed;
	long n, quad[Q_COUNT];
	double sum;
	long scored;            /* events with an intensity */
};

/* The name the events gave a code (a state or organisation named as one). */
struct code_name {
	char code[16], name[96];
};

struct dyads_out {
	struct code_name *names;
	size_t n_names, cap_names;
	FILE *out;
	char period;
	char eol[3];
	struct cell_row *v;
	size_t n, cap;
};

/* The quad class of a CAMEO code by its root (the HTML chart shares it). */
int tl_quad_class(const char *cameo)
{
	if (!cameo || cameo[0] < '0' || cameo[0] > '2' || cameo[1] < '0' || cameo[1] > '9')
		return -1;
	int root = (cameo[0] - '0') * 10 + (cameo[1] - '0');
	if (root < 1 || root > 20)
		return -1;
	return root <= 5 ? Q_VERBAL_COOP : root <= 8 ? Q_MATERIAL_COOP : root <= 13 ? Q_VERBAL_CONFLICT
									    : Q_MATERIAL_CONFLICT;
}

/* The period of a date at the exporter's grain; 0 when the date is too
 * coarse for it (a year-only date has no month). */
static int period_of(const struct cdate *d, char grain, char out[12])
{
	if (d->prec == PREC_UNKNOWN)
		return 0;
	if (grain == 'y') {
		snprintf(out, 12, "%04d", d->year);
		return 1;
	}
	if (grain == 'w') {
		if (d->prec != PREC_DAY)
			return 0;
		/* ISO 8601 week: the week with the year's first Thursday is 1. */
		int64_t days = days_from_civil(d->year, d->month, d->day);
		int wday = (int)((days % 7 + 11) % 7);   /* 0 Monday .. 6 Sunday (1970-01-01 a Thursday) */
		int64_t thursday = days - wday + 3;
		int y, m, dd;
		civil_from_days(thursday, &y, &m, &dd);
		int64_t first = days_from_civil(y, 1, 1);
		snprintf(out, 12, "%04d-W%02d", y, (int)((thursday - first) / 7 + 1));
		return 1;
	}
	if (d->prec < PREC_MONTH || d->prec == PREC_SEASON)
		return 0;
	snprintf(out, 12, "%04d-%02d", d->year, d->month);
	return 1;
}

/* A party: its code, and the name of the state or organisation when the
 * event names it itself (a person gives only the code). */
struct party {
	const char *code, *name;
};

static int add(struct dyads_out *w, const char *period, struct party pa, struct party pb, int directed,
	       int quad, int scored, double g)
{
	const char *a = pa.code, *b = pb.code;
	struct cell_row *r = NULL;
	/* Linear search from the end: rows of one period come together (the
	 * timeline is in date order), so the match is near the end. */
	for (size_t i = w->n; i-- > 0;) {
		struct cell_row *c = &w->v[i];
		if (strcmp(c->period, period))
			break;
		if (c->directed == directed && !strcmp(c->a, a) && !strcmp(c->b, b)) {
			r = c;
			break;
		}
	}
	if (!r) {
		if (grow_array((void **)&w->v, &w->cap, w->n + 1, sizeof(*w->v)))
			return -1;
		r = &w->v[w->n++];
		memset(r, 0, sizeof(*r));
		snprintf(r->period, sizeof(r->period), "%s", period);
		snprintf(r->a, sizeof(r->a), "%s", a);
		snprintf(r->b, sizeof(r->b), "%s", b);
		r->directed = directed;
	}
	const struct party *both[2] = {&pa, &pb};
	for (int k = 0; k < 2; k++) {
		if (!both[k]->name)
			continue;
		size_t i = 0;
		while (i < w->n_names && strcmp(w->names[i].code, both[k]->code))
			i++;
		if (i == w->n_names) {
			if (grow_array((void **)&w->names, &w->cap_names, w->n_names + 1, sizeof(*w->names)))
				return -1;
			snprintf(w->names[i].code, sizeof(w->names[i].code), "%s", both[k]->code);
			snprintf(w->names[i].name, sizeof(w->names[i].name), "%s", both[k]->name);
			w->n_names++;
		}
	}
	r->n++;
	if (quad >= 0)
		r->quad[quad]++;
	if (scored) {
		r->sum += g;
		r->scored++;
	}
	return 0;
}

static int dyads_begin(void **state, FILE *out, const struct tl_query *q, const struct tl_options *o)
{
	(void)q;
	struct dyads_out *w = calloc(1, sizeof(*w));
	if (!w)
		return -1;
	w->out = out;
	w->period = o && o->period ? o->period : 'm';
	snprintf(w->eol, sizeof(w->eol), "%s", o && o->excel ? "\r\n" : "\n");
	*state = w;
	return 0;
}

/* The distinct codes of the actors of one role (persons count for their state). */
static size_t parties_of(const struct event *e, enum actor_role role, struct party *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < e->n_actors; i++) {
		const struct event_actor *a = &e->actors[i];
		if (a->role != role || !a->code || !*a->code)
			continue;
		const char *name = a->kind == ACTOR_PERSON ? NULL : a->name;
		size_t k = 0;
		while (k < n && strcmp(out[k].code, a->code))
			k++;
		if (k < n) {
			if (!out[k].name)
				out[k].name = name;
		} else if (n < max) {
			out[n++] = (struct party){a->code, name};
		}
	}
	return n;
}

static int dyads_event(void *state, const struct tl_event *te)
{
	struct dyads_out *w = state;
	const struct event *e = tl_fields(te);
	char period[12];
	if (!e || !period_of(&e->date, w->period, period))
		return 0;
	double g = 0;
	int scored = tl_intensity(e, &g) == 0, quad = tl_quad_class(e->cameo);
	struct party src[16], tgt[16], par[16];
	size_t ns = parties_of(e, ROLE_SOURCE, src, 16), nt = parties_of(e, ROLE_TARGET, tgt, 16),
	       np = parties_of(e, ROLE_PARTICIPANT, par, 16);
	for (size_t i = 0; i < ns; i++)
		for (size_t k = 0; k < nt; k++)
			if (strcmp(src[i].code, tgt[k].code) && add(w, period, src[i], tgt[k], 1, quad, scored, g))
				return -1;
	for (size_t i = 0; i < np; i++)
		for (size_t k = i + 1; k < np; k++) {
			int order = strcmp(par[i].code, par[k].code);
			if (order && add(w, period, order < 0 ? par[i] : par[k], order < 0 ? par[k] : par[i], 0, quad,
					 scored, g))
				return -1;
		}
	return 0;
}

static int by_period_then_dyad(const void *x, const void *y)
{
	const struct cell_row *a = x, *b = y;
	int c = strcmp(a->period, b->period);
	if (!c)
		c = strcmp(a->a, b->a);
	if (!c)
		c = strcmp(a->b, b->b);
	return c ? c : a->directed - b->directed;
}

static int put_text(FILE *f, const char *s, int last, const char *eol)
{
	if (csv_fwrite2(f, s ? s : "", s ? strlen(s) : 0, '"') != 0)
		return -1;
	return tl_puts(f, last ? eol : ",");
}

/* A name for a code, the same in every row: the one the events gave, else
 * the state's, else the code itself. */
static const char *name_of(const struct dyads_out *w, const char *code)
{
	for (size_t i = 0; i < w->n_names; i++)
		if (!strcmp(w->names[i].code, code))
			return w->names[i].name;
	const char *n = tl_country_name(code);
	return n ? n : code;
}

static int dyads_end(void *state, int ok)
{
	struct dyads_out *w = state;
	int rc = 0;
	if (ok) {
		if (w->n > 1)
			qsort(w->v, w->n, sizeof(*w->v), by_period_then_dyad);
		rc = tl_puts(w->out, "period,source_code,source,target_code,target,directed,events,"
				     "verbal_cooperation,material_cooperation,verbal_conflict,material_conflict,"
				     "intensity_sum,intensity_mean");
		rc = rc || tl_puts(w->out, w->eol);
		for (size_t i = 0; i < w->n && !rc; i++) {
			const struct cell_row *r = &w->v[i];
			char nums[160], mean[16] = "";
			if (r->scored)
				snprintf(mean, sizeof(mean), "%.2f", r->sum / (double)r->scored);
			snprintf(nums, sizeof(nums), "%ld,%ld,%ld,%ld,%ld,%.2f,%s", r->n, r->quad[Q_VERBAL_COOP],
				 r->quad[Q_MATERIAL_COOP], r->quad[Q_VERBAL_CONFLICT], r->quad[Q_MATERIAL_CONFLICT],
				 r->sum, mean);
			rc = put_text(w->out, r->period, 0, w->eol) || put_text(w->out, r->a, 0, w->eol) ||
			     put_text(w->out, name_of(w, r->a), 0, w->eol) || put_text(w->out, r->b, 0, w->eol) ||
			     put_text(w->out, name_of(w, r->b), 0, w->eol) ||
			     put_text(w->out, r->directed ? "yes" : "no", 0, w->eol) || tl_puts(w->out, nums) ||
			     tl_puts(w->out, w->eol);
		}
		rc = rc || tl_flush(w->out);
	}
	free(w->v);
	free(w->names);
	free(w);
	return rc ? -1 : 0;
}

const struct exporter export_dyads = {"dyads", dyads_begin, dyads_event, dyads_end};
