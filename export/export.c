/* The table of export formats (exporter_find, exporter_names) and the
 * helpers the format files share: see timeline.h and export_internal.h. */
#include "export/export_internal.h"
#include "util/types.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

/* The statuses a timeline shows when none is asked for (cli/filter.c). */
#define TL_DEFAULT_STATUS "occurred,planned"

static const struct exporter *const formats[] = {
	&export_csv, &export_json, &export_jsonl, &export_html,
	&export_timelinejs, &export_markdown, &export_icews, &export_dyads,
};
#define N_FORMATS (sizeof(formats) / sizeof(formats[0]))

const struct exporter *exporter_find(const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; i < N_FORMATS; i++)
		if (!strcmp(formats[i]->name, name))
			return formats[i];
	return NULL;
}

const char *exporter_names(void)
{
	/* Built from the table once, so the two can never disagree; every
	 * name is short, the buffer holds them all with room to spare. */
	static char names[256];
	if (!names[0]) {
		size_t len = 0;
		for (size_t i = 0; i < N_FORMATS && len < sizeof(names); i++)
			len += (size_t)snprintf(names + len, sizeof(names) - len, "%s%s",
						i ? ", " : "", formats[i]->name);
	}
	return names;
}

int tl_write(FILE *f, const void *p, size_t n)
{
	if (n && fwrite(p, 1, n, f) != n)
		return -1;
	return ferror(f) ? -1 : 0;
}

int tl_puts(FILE *f, const char *s)
{
	return tl_write(f, s, strlen(s));
}

int tl_flush(FILE *f)
{
	if (fflush(f) != 0)
		return -1;
	if (ferror(f)) {
		if (!errno)
			errno = EIO;
		return -1;
	}
	return 0;
}

const char *tl_change_name(enum tl_change c)
{
	switch (c) {
	case TL_CHANGE_NEW: return "new";
	case TL_CHANGE_CHANGED: return "changed";
	case TL_CHANGE_WITHDRAWN: return "withdrawn";
	case TL_CHANGE_NONE: break;
	}
	return "";
}

const char *tl_precision_name(enum date_precision p)
{
	switch (p) {
	case PREC_DAY: return "day";
	case PREC_MONTH: return "month";
	case PREC_SEASON: return "season";
	case PREC_YEAR: return "year";
	default: return "unknown";
	}
}

static int valid_month(const struct cdate *d)
{
	return d->month >= 1 && d->month <= 12;
}

/* Seasons of the northern hemisphere, as reports use them; a season is
 * stored as its first month (docs/events.md), so December opens a winter that
 * runs into the next year. */
static const char *season_name(int month)
{
	if (month >= 3 && month <= 5)
		return "spring";
	if (month >= 6 && month <= 8)
		return "summer";
	if (month >= 9 && month <= 11)
		return "autumn";
	return "winter";
}

void tl_date_words(const struct cdate *d, char *out, size_t n)
{
	switch (d->prec) {
	case PREC_DAY:
		if (valid_month(d)) {
			snprintf(out, n, "%d %s %04d", d->day, month_names[d->month], d->year);
			return;
		}
		break;
	case PREC_MONTH:
		if (valid_month(d)) {
			snprintf(out, n, "%s %04d", month_names[d->month], d->year);
			return;
		}
		break;
	case PREC_SEASON:
		if (d->month == 12)
			snprintf(out, n, "winter %04d/%02d", d->year, (d->year + 1) % 100);
		else
			snprintf(out, n, "%s %04d", season_name(d->month), d->year);
		return;
	case PREC_YEAR:
		snprintf(out, n, "%04d", d->year);
		return;
	default:
		break;
	}
	snprintf(out, n, "date unknown");
}

struct tl_group tl_group_of(const struct cdate *d)
{
	struct tl_group g = {d->year, 0, TL_GROUP_UNKNOWN};
	switch (d->prec) {
	case PREC_DAY:
	case PREC_MONTH:
		g.kind = valid_month(d) ? TL_GROUP_MONTH : TL_GROUP_YEAR;
		g.month = valid_month(d) ? d->month : 0;
		break;
	case PREC_SEASON:
		g.kind = TL_GROUP_SEASON;
		g.month = d->month;
		break;
	case PREC_YEAR:
		g.kind = TL_GROUP_YEAR;
		break;
	default:
		g.year = 0;
		break;
	}
	return g;
}

int tl_group_equal(const struct tl_group *a, const struct tl_group *b)
{
	return a->year == b->year && a->month == b->month && a->kind == b->kind;
}

void tl_group_title(const struct tl_group *g, char *out, size_t n)
{
	struct cdate d = {g->year, g->month, 0, PREC_SEASON};
	switch (g->kind) {
	case TL_GROUP_MONTH:
		snprintf(out, n, "%s %04d", month_names[g->month], g->year);
		break;
	case TL_GROUP_SEASON:
		tl_date_words(&d, out, n);
		if (out[0] >= 'a' && out[0] <= 'z')
			out[0] = (char)(out[0] - 'a' + 'A');
		break;
	case TL_GROUP_YEAR:
		snprintf(out, n, "%04d (month unknown)", g->year);
		break;
	default:
		snprintf(out, n, "Date unknown");
		break;
	}
}

void tl_type_label(const char *type, char *out, size_t n)
{
	if (!n)
		return;
	const struct event_type *t = types_find(type);
	if (t) {
		snprintf(out, n, "%s", t->label);
		return;
	}
	/* A type the table does not know (an archive made with other --dict files). */
	snprintf(out, n, "%s", *type ? type : "event");
	for (char *p = out; *p; p++)
		if (*p == '_')
			*p = ' ';
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
}

char *tl_utf8_clean(const char *s, int drop_controls)
{
	static const char replacement[] = "\xEF\xBF\xBD";
	struct buf b;
	buf_init(&b, 0);
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)(s ? s : "");
	int rc = buf_addstr(&b, "");
	while (rc == 0 && *p) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = utf8proc_iterate(p, -1, &cp);
		if (len < 1) {
			/* One bad byte at a time, so the text after it survives. */
			rc = buf_add(&b, replacement, 3);
			p++;
			continue;
		}
		if (!(drop_controls && cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r'))
			rc = buf_add(&b, p, (size_t)len);
		p += len;
	}
	if (rc) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b);
}

int tl_join_agencies(const struct tl_event *e, const char *sep, struct buf *b)
{
	int rc = 0;
	int first = 1;
	for (size_t i = 0; rc == 0 && i < e->n_sources; i++) {
		const char *a = e->sources[i].agency;
		if (!a || !*a)
			continue;
		int seen = 0;
		for (size_t j = 0; j < i && !seen; j++)
			seen = e->sources[j].agency && !strcmp(e->sources[j].agency, a);
		if (seen)
			continue;
		if (!first)
			rc = buf_addstr(b, sep);
		if (rc == 0)
			rc = buf_addstr(b, a);
		first = 0;
	}
	return rc;
}

long tl_first_published(const struct tl_event *e)
{
	long best = -1;
	for (size_t i = 0; i < e->n_sources; i++) {
		if (!e->sources[i].published_known)
			continue;
		if (best < 0 || e->sources[i].published < e->sources[best].published)
			best = (long)i;
	}
	return best;
}

int tl_describe_query(struct buf *b, const struct tl_query *q)
{
	int rc = buf_addstr(b, "");
	if (!q)
		return rc;
	for (size_t i = 0; i < q->n_actors; i++)
		rc |= buf_printf(b, "%s%s", i ? ", " : "Actors: ", q->actors[i]);
	if (q->between[0] && q->between[1])
		rc |= buf_printf(b, "%sBetween %s and %s", b->len ? "; " : "", q->between[0], q->between[1]);
	if (q->types)
		rc |= buf_printf(b, "%sTypes: %s", b->len ? "; " : "", q->types);
	if (q->topic)
		rc |= buf_printf(b, "%sTopic: %s", b->len ? "; " : "", q->topic);
	if (q->from)
		rc |= buf_printf(b, "%sFrom %s", b->len ? "; " : "", q->from);
	if (q->to && q->from)
		rc |= buf_printf(b, " to %s", q->to);
	else if (q->to)
		rc |= buf_printf(b, "%sUntil %s", b->len ? "; " : "", q->to);
	if (q->agency)
		rc |= buf_printf(b, "%sAgency: %s", b->len ? "; " : "", q->agency);
	if (q->text)
		rc |= buf_printf(b, "%sText: %s", b->len ? "; " : "", q->text);
	/* A timeline cut short or widened to other statuses must say so: the
	 * reader of a page or slide show has no other way to know. */
	if (q->status && strcmp(q->status, TL_DEFAULT_STATUS))
		rc |= buf_printf(b, "%sStatus: %s", b->len ? "; " : "", q->status);
	if (q->limit > 0)
		rc |= buf_printf(b, "%sAt most %ld event%s", b->len ? "; " : "", q->limit,
				 q->limit == 1 ? "" : "s");
	return rc ? -1 : 0;
}

const struct event *tl_fields(const struct tl_event *e)
{
	/* Zero is an empty event: no type, PREC_UNKNOWN, no actors or text. */
	static const struct event none;
	return e->ev ? e->ev : &none;
}

int tl_has_fields(const struct tl_event *e)
{
	return e->ev != NULL;
}

double tl_confidence(const struct tl_event *e)
{
	double c = e->confidence;
	if (isnan(c) || c < 0)
		return 0;
	return c > 1 ? 1 : c;
}

int tl_confidence_percent(const struct tl_event *e)
{
	return (int)lround(tl_confidence(e) * 100);
}

const char *tl_confidence_level(const struct tl_event *e)
{
	double c = tl_confidence(e);
	return c < 0.5 ? "low" : c < 0.8 ? "medium" : "high";
}

void tl_time_words(int64_t t, char *out, size_t n)
{
	char iso[24];
	struct cdate d = {0, 0, 0, PREC_UNKNOWN};
	format_iso_utc(t, iso);
	if (cdate_parse(iso, &d))
		d.prec = PREC_UNKNOWN;
	tl_date_words(&d, out, n);
}

/* Appends the names of the actors in or out of the target role. */
static int join_side(const struct event *ev, int targets, struct buf *b)
{
	int rc = 0, first = 1;
	for (size_t i = 0; rc == 0 && i < ev->n_actors; i++) {
		const struct event_actor *a = &ev->actors[i];
		if ((a->role == ROLE_TARGET) != targets)
			continue;
		if (!first)
			rc = buf_addstr(b, " & ");
		/* A party named by its code alone reads as its state's name. */
		const char *name = a->name && *a->name ? a->name : a->code ? tl_country_name(a->code) : NULL;
		if (rc == 0)
			rc = buf_addstr(b, name ? name : a->code ? a->code : "");
		first = 0;
	}
	return rc;
}

int tl_actors_line(const struct event *ev, struct buf *b)
{
	size_t before = b->len;
	int rc = buf_addstr(b, "") || join_side(ev, 0, b);
	int any_target = 0;
	for (size_t i = 0; i < ev->n_actors; i++)
		any_target |= ev->actors[i].role == ROLE_TARGET;
	if (rc == 0 && any_target)
		rc = buf_addstr(b, b->len > before ? " \xE2\x86\x92 " : "\xE2\x86\x92 ") ||
		     join_side(ev, 1, b);
	return rc ? -1 : 0;
}

int tl_intensity(const struct event *e, double *out)
{
	const struct tl_cameo *c = e ? tl_cameo_find(e->cameo) : NULL;
	if (!c)
		return -1;
	/* A plan is half the act (CAMEO codes intents at about half the act's
	 * score); an act that did not happen moves the relation not at all. */
	*out = e->status == STATUS_OCCURRED ? c->goldstein
	     : e->status == STATUS_PLANNED ? c->goldstein / 2 : 0.0;
	return 0;
}

int tl_note_attribution(const struct tl_note *n, struct buf *b)
{
	int by = n->by && *n->by, rc = 0;
	buf_reset(b);
	if (!by && !n->at)
		return 0;
	rc |= buf_addstr(b, " (");
	if (by)
		rc |= buf_addstr(b, n->by);
	if (n->at) {
		char when[48];
		tl_time_words(n->at, when, sizeof(when));
		rc |= buf_printf(b, "%s%s", by ? ", " : "", when);
	}
	rc |= buf_addstr(b, ")");
	return rc ? -1 : 0;
}
