/* The CSV exporter: a header row and one row per event, RFC 4180 quoting by
 * libcsv, UTF-8. Multi-valued cells are joined with "; ". Options: excel
 * (UTF-8 byte-order mark and CRLF line ends), delimiter, raw (no formula
 * neutralisation), append (no header).
 *
 * Formula injection: a spreadsheet runs a cell that starts with =, +, -, @
 * (or tab, CR, LF before one of them), so such cells get a leading ' (the
 * OWASP rule) unless the user asked for raw output.
 *
 * Columns: the 18 of the project brief, then participant_codes (the codes
 * of the participant actors, which the brief's list has no place for), then
 * those of the curation layer. Spreadsheets refer to columns by position, so
 * new columns only ever go at the end. Name and code lists are positional:
 * the n-th code belongs to the n-th name, empty when the actor has none.
 *
 * The CAMEO code is a string of digits whose leading zero matters ("010"),
 * which spreadsheets turn into a number (10). Its cell is therefore always
 * quoted, so that LibreOffice Calc's "Format quoted field as text" keeps it;
 * and with excel, for Excel, which ignores quotes when it guesses types, it
 * is written in a form no spreadsheet reads as a number: the code, a space
 * and its CAMEO verb ("010 Make statement"). It starts with a digit, so it
 * can never be taken for a formula either. README.md, "Opening the CSV in a
 * spreadsheet", tells users.
 */
#include "export/export_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

static const char *const columns[] = {
	"id", "date", "date_precision", "type", "cameo", "status",
	"source_names", "source_codes", "target_names", "target_codes",
	"participants", "topics", "summary", "evidence", "agencies",
	"report_titles", "urls", "first_published", "participant_codes",
	/* Appended later: only ever add at the end. */
	"actors", "report_ids", "first_headline", "first_url", "confidence", "verified",
	"verified_by", "tags", "notes", "fields_set", "change", "merged_into", "intensity",
};
#define N_COLUMNS (sizeof(columns) / sizeof(columns[0]))

struct csv_out {
	FILE *out;
	char delim;
	int raw;
	int excel;          /* the CAMEO code in its non-numeric form */
	const char *eol;
	struct buf cell;    /* the cell being written, after neutralisation */
	struct buf value;   /* the joined value of a multi-valued cell */
};

static int needs_quotes(const char *s, size_t n, char delim)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == delim || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
			return 1;
	/* Leading or trailing blanks survive every reader only when quoted
	 * (libcsv itself trims them from unquoted fields). */
	return n && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t');
}

static int is_formula_start(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\n';
}

/* Writes one cell (with the delimiter before it unless first), in quotes
 * when its text needs them or `quote` asks for them. */
static int put_cell_q(struct csv_out *c, const char *text, int first, int quote)
{
	char *clean = tl_utf8_clean(text, 0);
	if (!clean)
		return -1;
	buf_reset(&c->cell);
	int rc = 0;
	if (!c->raw && is_formula_start(clean[0]))
		rc = buf_addch(&c->cell, '\'');
	if (rc == 0)
		rc = buf_addstr(&c->cell, clean);
	free(clean);
	if (rc)
		return -1;
	if (!first && tl_write(c->out, &c->delim, 1))
		return -1;
	const char *s = buf_str(&c->cell);
	size_t n = c->cell.len;
	if (!quote && !needs_quotes(s, n, c->delim))
		return tl_write(c->out, s, n);
	if (csv_fwrite2(c->out, s, n, '"') != 0)
		return -1;
	return ferror(c->out) ? -1 : 0;
}

static int put_cell(struct csv_out *c, const char *text, int first)
{
	return put_cell_q(c, text, first, 0);
}

/* A number this exporter formatted itself ("-2.0"): written as it is, so a
 * spreadsheet reads a number; no report text ever reaches it. */
static int put_number_cell(struct csv_out *c, const char *number)
{
	if (tl_write(c->out, &c->delim, 1))
		return -1;
	return tl_write(c->out, number, strlen(number));
}

static int end_row(struct csv_out *c)
{
	return tl_puts(c->out, c->eol);
}

static int add_item(struct buf *b, const char *s)
{
	if (b->len && buf_addstr(b, "; "))
		return -1;
	return buf_addstr(b, s ? s : "");
}

/* Joins the names (or codes) of the event's actors with one role. */
static int join_actors(struct buf *b, const struct event *ev, enum actor_role role, int codes)
{
	int rc = 0;
	int any = 0;
	for (size_t i = 0; rc == 0 && i < ev->n_actors; i++) {
		const struct event_actor *a = &ev->actors[i];
		if (a->role != role)
			continue;
		/* Positional lists: an empty code still takes its place. */
		if (any)
			rc = buf_addstr(b, "; ");
		if (rc == 0)
			rc = buf_addstr(b, codes ? (a->code ? a->code : "") : (a->name ? a->name : ""));
		any = 1;
	}
	return rc;
}

static int put_actors(struct csv_out *c, const struct event *ev, enum actor_role role, int codes)
{
	buf_reset(&c->value);
	if (join_actors(&c->value, ev, role, codes))
		return -1;
	return put_cell(c, buf_str(&c->value), 0);
}

static int put_topics(struct csv_out *c, const struct event *ev)
{
	buf_reset(&c->value);
	for (size_t i = 0; i < ev->n_topics; i++)
		if (add_item(&c->value, ev->topics[i]))
			return -1;
	return put_cell(c, buf_str(&c->value), 0);
}

enum source_field { SRC_TITLE, SRC_URL };

static int put_sources(struct csv_out *c, const struct tl_event *e, enum source_field f)
{
	buf_reset(&c->value);
	for (size_t i = 0; i < e->n_sources; i++) {
		const char *s = f == SRC_TITLE ? e->sources[i].title : e->sources[i].url;
		if (f == SRC_URL && (!s || !*s))
			continue;
		if (add_item(&c->value, s))
			return -1;
	}
	return put_cell(c, buf_str(&c->value), 0);
}

static int put_agencies(struct csv_out *c, const struct tl_event *e)
{
	buf_reset(&c->value);
	if (tl_join_agencies(e, "; ", &c->value))
		return -1;
	return put_cell(c, buf_str(&c->value), 0);
}

static int put_first_published(struct csv_out *c, const struct tl_event *e)
{
	char iso[24] = "";
	long i = tl_first_published(e);
	if (i >= 0)
		format_iso_utc(e->sources[i].published, iso);
	return put_cell(c, iso, 0);
}

/* The CAMEO code, always quoted; with excel as "<code> <verb>" (see the top
 * of the file). */
static int put_cameo(struct csv_out *c, const char *code)
{
	if (!c->excel || !*code)
		return put_cell_q(c, code, 0, 1);
	const struct tl_cameo *t = tl_cameo_find(code);
	buf_reset(&c->value);
	if (buf_printf(&c->value, "%s %s", code, t ? t->text : "(not in the CAMEO table)"))
		return -1;
	return put_cell_q(c, buf_str(&c->value), 0, 1);
}

static int put_actors_line(struct csv_out *c, const struct event *ev)
{
	buf_reset(&c->value);
	if (tl_actors_line(ev, &c->value))
		return -1;
	return put_cell(c, buf_str(&c->value), 0);
}

static int put_report_ids(struct csv_out *c, const struct tl_event *e)
{
	buf_reset(&c->value);
	for (size_t i = 0; i < e->n_sources; i++)
		if (buf_printf(&c->value, "%sr%lld", i ? "; " : "", (long long)e->sources[i].report_id))
			return -1;
	return put_cell(c, buf_str(&c->value), 0);
}

/* The headline and address of the first source (the sources come oldest
 * first). */
static int put_first_source(struct csv_out *c, const struct tl_event *e)
{
	const struct tl_source *s = e->n_sources ? &e->sources[0] : NULL;
	if (put_cell(c, s && s->title ? s->title : "", 0))
		return -1;
	return put_cell(c, s && s->url ? s->url : "", 0);
}

static int put_list(struct csv_out *c, const char *const *items, size_t n)
{
	buf_reset(&c->value);
	for (size_t i = 0; i < n; i++)
		if (add_item(&c->value, items[i]))
			return -1;
	return put_cell(c, buf_str(&c->value), 0);
}

/* "text — by" for each note, oldest first, joined with "; ". */
static int put_notes(struct csv_out *c, const struct tl_curation *cur)
{
	buf_reset(&c->value);
	for (size_t i = 0; i < cur->n_notes; i++) {
		const struct tl_note *n = &cur->notes[i];
		if (add_item(&c->value, n->text))
			return -1;
		if (n->by && *n->by && buf_printf(&c->value, " \xE2\x80\x94 %s", n->by))
			return -1;
	}
	return put_cell(c, buf_str(&c->value), 0);
}

/* The columns of the curation layer: confidence to merged_into. */
static int put_curation(struct csv_out *c, const struct tl_event *e)
{
	const struct tl_curation *cur = &e->cur;
	char conf[16], merged[32] = "";
	snprintf(conf, sizeof(conf), "%.2f", tl_confidence(e));
	if (e->change == TL_CHANGE_WITHDRAWN && e->merged_into)
		snprintf(merged, sizeof(merged), "e%lld", (long long)e->merged_into);
	if (put_cell(c, conf, 0) || put_cell(c, cur->verified ? "yes" : "", 0) ||
	    put_cell(c, cur->verified && cur->verified_by ? cur->verified_by : "", 0) ||
	    put_list(c, cur->tags, cur->n_tags) || put_notes(c, cur) ||
	    put_list(c, cur->fields_set, cur->n_fields_set) ||
	    put_cell(c, tl_change_name(e->change), 0) || put_cell(c, merged, 0))
		return -1;
	/* A plain decimal number: a negative one must not be taken for a formula. */
	char intensity[16] = "";
	double g;
	if (tl_has_fields(e) && tl_intensity(e->ev, &g) == 0)
		snprintf(intensity, sizeof(intensity), "%.1f", g);
	return put_number_cell(c, intensity);
}

static void csv_out_free(struct csv_out *c)
{
	int saved = errno;
	buf_release(&c->cell);
	buf_release(&c->value);
	free(c);
	errno = saved;
}

static int write_header(struct csv_out *c, const struct tl_options *o)
{
	int append = o && o->append;
	/* Excel reads UTF-8 only when the file starts with a byte-order mark;
	 * an appended part must not repeat it. */
	if (o && o->excel && !append && tl_puts(c->out, "\xEF\xBB\xBF"))
		return -1;
	if (append)
		return 0;
	for (size_t i = 0; i < N_COLUMNS; i++)
		if (put_cell(c, columns[i], i == 0))
			return -1;
	return end_row(c);
}

static int csv_out_begin(void **state, FILE *out, const struct tl_query *q, const struct tl_options *o)
{
	struct csv_out *c = calloc(1, sizeof(*c));
	if (!c)
		return -1;
	c->out = out;
	c->delim = o && o->delimiter ? o->delimiter : ',';
	c->raw = o && o->raw;
	c->excel = o && o->excel;
	c->eol = o && o->excel ? "\r\n" : "\n";
	buf_init(&c->cell, 0);
	buf_init(&c->value, 0);
	if (write_header(c, o)) {
		csv_out_free(c);
		return -1;
	}
	*state = c;
	return 0;
}

static int csv_out_event(void *state, const struct tl_event *e)
{
	struct csv_out *c = state;
	const struct event *ev = tl_fields(e);
	/* A withdrawn event the archive no longer holds: its id and what the
	 * curation columns say, the event's own cells empty. */
	int known = tl_has_fields(e);
	char id[32], date[16];
	snprintf(id, sizeof(id), "e%lld", (long long)e->id);
	cdate_format(&ev->date, date);
	if (put_cell(c, id, 1) || put_cell(c, date, 0) ||
	    put_cell(c, known ? tl_precision_name(ev->date.prec) : "", 0) ||
	    put_cell(c, ev->type, 0) || put_cameo(c, ev->cameo) ||
	    put_cell(c, known ? event_status_name(ev->status) : "", 0) ||
	    put_actors(c, ev, ROLE_SOURCE, 0) || put_actors(c, ev, ROLE_SOURCE, 1) ||
	    put_actors(c, ev, ROLE_TARGET, 0) || put_actors(c, ev, ROLE_TARGET, 1) ||
	    put_actors(c, ev, ROLE_PARTICIPANT, 0) || put_topics(c, ev) ||
	    put_cell(c, ev->summary, 0) || put_cell(c, ev->evidence, 0) ||
	    put_agencies(c, e) || put_sources(c, e, SRC_TITLE) || put_sources(c, e, SRC_URL) ||
	    put_first_published(c, e) || put_actors(c, ev, ROLE_PARTICIPANT, 1) ||
	    put_actors_line(c, ev) || put_report_ids(c, e) || put_first_source(c, e) ||
	    put_curation(c, e))
		return -1;
	return end_row(c);
}

static int csv_out_end(void *state, int ok)
{
	struct csv_out *c = state;
	int rc = tl_flush(c->out);
	csv_out_free(c);
	return rc;
}

const struct exporter export_csv = {"csv", csv_out_begin, csv_out_event, csv_out_end};
