/* The ICEWS-style exporter: tab-separated rows with the columns of the
 * ICEWS coded event data, so that the archive can be read by tools written
 * for ICEWS.
 *
 * ICEWS events are dyadic (one source acts on one target), ours are not, so
 * each event becomes one row per directed dyad: every source with every
 * target; for symmetric events (participants) every ordered pair, as a
 * phone call between A and B is A->B and B->A; with no dyad, one row with
 * the actors it has. Event ID is the archive's "e<N>" on every row of an
 * event, the join key back to the other formats. Story ID and Publisher
 * come from the first source. Location columns stay empty: the archive does
 * not geolocate. Tabs and line breaks inside cells become spaces.
 *
 * Formula injection: a TSV opens in spreadsheets too, so text cells that
 * start like a formula (=, +, -, @, or tab, CR, LF before one) get a
 * leading ' as in the CSV exporter, unless the user asked for raw output.
 * Cells of numbers this exporter writes (Intensity, which may be negative)
 * and its own ids are left alone.
 *
 * The columns are ICEWS's twenty, no more: tools written for ICEWS load the
 * rows into tables of exactly these columns, and none of them can hold the
 * confidence of an event or its verification, which the other formats carry
 * (joined on Event ID). Nor can a row say that an event was withdrawn, so
 * an incremental export leaves withdrawn events out rather than adding them
 * as events.
 */
#include "export/export_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char header[] =
	"Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\t"
	"CAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\t"
	"Sentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\tLatitude\tLongitude\n";

struct icews_out {
	FILE *out;
	int raw;            /* no formula neutralisation */
	struct buf row;
};

static int is_formula_start(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\n';
}

/* Appends one cell (and the tab before it unless first); a text cell that
 * starts like a formula is neutralised unless raw. */
static int text_cell(struct buf *row, const char *s, int first, int raw)
{
	if (!first && buf_addch(row, '\t'))
		return -1;
	char *clean = tl_utf8_clean(s, 1);
	if (!clean)
		return -1;
	int rc = !raw && is_formula_start(clean[0]) ? buf_addch(row, '\'') : 0;
	for (char *p = clean; *p; p++)
		if (*p == '\t' || *p == '\n' || *p == '\r')
			*p = ' ';
	rc = rc || buf_addstr(row, clean);
	free(clean);
	return rc;
}

/* A cell of the exporter's own making (ids, dates, codes, numbers). */
static int cell(struct buf *row, const char *s, int first)
{
	return text_cell(row, s, first, 1);
}

static int has_word(const char *title, const char *const *words)
{
	for (; *words; words++)
		if (strstr(title, *words))
			return 1;
	return 0;
}

/* ICEWS sectors as far as the archive knows them: organisations, and
 * persons whose title says they hold state office. Otherwise empty. */
static const char *sectors(const struct event_actor *a)
{
	static const char *const office[] = {
		"Minister", "President", "Premier", "Chancellor", "Secretary", "Ambassador",
		"King", "Queen", "Emir", "Spokes", "Envoy", "Deputy", NULL,
	};
	if (!a)
		return "";
	if (a->kind == ACTOR_ORG)
		return "International Government Organizations";
	if (a->kind == ACTOR_PERSON && a->title && has_word(a->title, office))
		return "Government";
	return "";
}

static const char *country(const struct event_actor *a)
{
	const char *name = a ? tl_country_name(a->code) : NULL;
	return name ? name : "";
}

static int actor_cells(struct buf *row, const struct event_actor *a, int raw)
{
	if (text_cell(row, a && a->name ? a->name : "", 0, raw) || text_cell(row, sectors(a), 0, raw))
		return -1;
	return text_cell(row, country(a), 0, raw);
}

static int write_row(struct icews_out *w, const struct tl_event *e,
		     const struct event_actor *src, const struct event_actor *tgt)
{
	const struct event *ev = tl_fields(e);
	const struct tl_cameo *c = tl_cameo_find(ev->cameo);
	const struct tl_source *s0 = e->n_sources ? &e->sources[0] : NULL;
	char id[32], date[16], intensity[16] = "", story[32] = "";
	snprintf(id, sizeof(id), "e%lld", (long long)e->id);
	cdate_format(&ev->date, date);
	if (c)
		snprintf(intensity, sizeof(intensity), "%.1f", c->goldstein);
	if (s0)
		snprintf(story, sizeof(story), "r%lld", (long long)s0->report_id);
	struct buf *r = &w->row;
	buf_reset(r);
	int rc = cell(r, id, 1) || cell(r, date, 0) || actor_cells(r, src, w->raw) ||
		 text_cell(r, c ? c->text : "", 0, w->raw) || text_cell(r, ev->cameo, 0, w->raw) ||
		 cell(r, intensity, 0) || actor_cells(r, tgt, w->raw) || cell(r, story, 0) ||
		 cell(r, "", 0) || text_cell(r, s0 && s0->agency ? s0->agency : "", 0, w->raw);
	/* City, District, Province, Country, Latitude, Longitude. */
	for (int i = 0; rc == 0 && i < 6; i++)
		rc = cell(r, "", 0);
	if (rc || buf_addch(r, '\n'))
		return -1;
	return tl_write(w->out, r->data, r->len);
}

static size_t count_role(const struct event *ev, enum actor_role role)
{
	size_t n = 0;
	for (size_t i = 0; i < ev->n_actors; i++)
		n += ev->actors[i].role == role;
	return n;
}

static const struct event_actor *first_role(const struct event *ev, enum actor_role role)
{
	for (size_t i = 0; i < ev->n_actors; i++)
		if (ev->actors[i].role == role)
			return &ev->actors[i];
	return NULL;
}

/* Rows for every source x target pair. */
static int directed_rows(struct icews_out *w, const struct tl_event *e)
{
	const struct event *ev = tl_fields(e);
	for (size_t i = 0; i < ev->n_actors; i++) {
		if (ev->actors[i].role != ROLE_SOURCE)
			continue;
		for (size_t j = 0; j < ev->n_actors; j++)
			if (ev->actors[j].role == ROLE_TARGET &&
			    write_row(w, e, &ev->actors[i], &ev->actors[j]))
				return -1;
	}
	return 0;
}

/* Rows for every ordered pair of participants. */
static int symmetric_rows(struct icews_out *w, const struct tl_event *e)
{
	const struct event *ev = tl_fields(e);
	for (size_t i = 0; i < ev->n_actors; i++) {
		if (ev->actors[i].role != ROLE_PARTICIPANT)
			continue;
		for (size_t j = 0; j < ev->n_actors; j++)
			if (j != i && ev->actors[j].role == ROLE_PARTICIPANT &&
			    write_row(w, e, &ev->actors[i], &ev->actors[j]))
				return -1;
	}
	return 0;
}

static int icews_event(void *state, const struct tl_event *e)
{
	struct icews_out *w = state;
	const struct event *ev = tl_fields(e);
	if (e->change == TL_CHANGE_WITHDRAWN)
		return 0;
	size_t ns = count_role(ev, ROLE_SOURCE), nt = count_role(ev, ROLE_TARGET);
	size_t np = count_role(ev, ROLE_PARTICIPANT);
	int rows = 0;
	if (ns && nt) {
		if (directed_rows(w, e))
			return -1;
		rows = 1;
	}
	if (np >= 2) {
		if (symmetric_rows(w, e))
			return -1;
		rows = 1;
	}
	if (rows)
		return 0;
	/* No dyad: a one-sided statement or a lone participant. */
	const struct event_actor *src = first_role(ev, ROLE_SOURCE);
	if (!src)
		src = first_role(ev, ROLE_PARTICIPANT);
	return write_row(w, e, src, first_role(ev, ROLE_TARGET));
}

static void icews_free(struct icews_out *w)
{
	int saved = errno;
	buf_release(&w->row);
	free(w);
	errno = saved;
}

static int icews_begin(void **state, FILE *out, const struct tl_query *q, const struct tl_options *o)
{
	struct icews_out *w = calloc(1, sizeof(*w));
	if (!w)
		return -1;
	w->out = out;
	w->raw = o && o->raw;
	buf_init(&w->row, 0);
	if (!(o && o->append) && tl_puts(out, header)) {
		icews_free(w);
		return -1;
	}
	*state = w;
	return 0;
}

static int icews_end(void *state, int ok)
{
	struct icews_out *w = state;
	int rc = tl_flush(w->out);
	icews_free(w);
	return rc;
}

const struct exporter export_icews = {"icews", icews_begin, icews_event, icews_end};
