/* CSV and JSONL importer: see table.h. */
#include "ingest/table.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <csv.h>
#include <jansson.h>

#include "ingest/dateline.h"
#include "ingest/encoding.h"
#include "ingest/wire_formats.h"
#include "ingest/wire_util.h"

enum field { F_TITLE, F_PUBLISHED, F_AGENCY, F_URL, F_TEXT, F_PLACE, F_AUTHOR, F_GUID, F_LEDE, NF };

static const char *const field_names[NF] = {
	"title", "published", "agency", "url", "text", "place", "author", "guid", "lede",
};

/* Column or key names to read each field from. */
struct table_map {
	char *name[NF];
};

static void map_release(struct table_map *m)
{
	for (int f = 0; f < NF; f++)
		free(m->name[f]);
}

static int field_index(const char *s, size_t n)
{
	for (int f = 0; f < NF; f++)
		if (strlen(field_names[f]) == n && strncmp(field_names[f], s, n) == 0)
			return f;
	return -1;
}

/* Parses "title=headline,text=content". Returns 0, or -1 with *why set. */
static int map_parse(const char *spec, struct table_map *m, char *why, size_t whysz)
{
	memset(m, 0, sizeof(*m));
	for (const char *p = spec; p && *p;) {
		size_t n = strcspn(p, ",");
		const char *eq = memchr(p, '=', n);
		char *k = eq ? wire_squeeze(p, (size_t)(eq - p)) : NULL;
		char *v = eq ? wire_squeeze(eq + 1, n - (size_t)(eq + 1 - p)) : NULL;
		int f = k ? field_index(k, strlen(k)) : -1;
		if (!eq || !k || !v || !*v || f < 0) {
			snprintf(why, whysz, "bad --map entry '%.*s' (fields: title, published, agency, "
				 "url, text, place, author, guid, lede)", (int)(n < 80 ? n : 80), p);
			free(k);
			free(v);
			map_release(m);
			return -1;
		}
		free(k);
		free(m->name[f]);
		m->name[f] = v;
		p += n;
		if (*p == ',')
			p++;
	}
	for (int f = 0; f < NF; f++)
		if (!m->name[f] && !(m->name[f] = strdup(field_names[f]))) {
			snprintf(why, whysz, "out of memory");
			map_release(m);
			return -1;
		}
	return 0;
}

/* ---- one record to one report ---- */

static int set_short(struct report *r, char **field, const char *v, const char *what)
{
	if (!v)
		return 0;
	char *s = wire_squeeze(v, strlen(v));
	if (!s)
		return -1;
	if (!*s) {
		free(s);
		return 0;
	}
	return wire_take_field(r, field, s, WIRE_MAX_FIELD, what);
}

/* Text to paragraphs: blank lines separate them when there are any, else
 * every line is a paragraph of its own. */
static int set_text(struct report *r, char **field, const char *v, const char *what)
{
	struct buf b;
	buf_init(&b, WIRE_MAX_BODY);
	int rc;
	if (strstr(v, "\n\n") || strstr(v, "\r\n\r\n") || !strchr(v, '\n')) {
		rc = wire_text_paragraphs(v, &b);
	} else {
		rc = 0;
		for (const char *p = v; *p && rc == 0;) {
			size_t n = strcspn(p, "\n");
			char *line = wire_squeeze(p, n);
			if (!line)
				rc = -1;
			else if (*line && ((b.len && buf_add(&b, "\n\n", 2)) || buf_addstr(&b, line)))
				rc = 1;
			free(line);
			p += n;
			if (*p)
				p++;
		}
	}
	if (rc >= 0 && b.len)
		rc = wire_take_field(r, field, buf_detach(&b), WIRE_MAX_BODY, what) ? -1 : rc;
	buf_release(&b);
	if (rc == 1 && report_warn(r, "%s cut at %zu bytes", what, (size_t)WIRE_MAX_BODY))
		rc = -1;
	return rc < 0 ? -1 : 0;
}

static int set_agency(struct report *r, const char *v)
{
	char canon[64];
	const char *known = v ? wire_agency_name(v) : NULL;
	if (v && !known && agency_canonical(v, strlen(v), canon, sizeof(canon)))
		known = canon;
	return set_short(r, &r->agency, known ? known : v, "agency");
}

/* Builds the report for one record (vals[f] NULL when absent) and emits it;
 * a record that cannot be a report goes to on_error. Returns 0 to go on,
 * -1 to stop. pub_num: for JSONL, a numeric published value (has_num 1). */
static int emit_record(struct wire_session *s, const char *item, const char *const *vals,
		       int has_num, int64_t pub_num, const char *warning)
{
	const char *text = vals[F_TEXT];
	const char *pub = vals[F_PUBLISHED];
	while (text && isspace((unsigned char)*text))
		text++;
	if (!text || !*text) {
		wire_item_failed(s, item, "no text");
		return 0;
	}
	struct report r;
	report_init(&r);
	int rc = 0;
	if (has_num) {
		char tmp[32];
		snprintf(tmp, sizeof(tmp), "%" PRId64, pub_num);
		r.published = pub_num;
		r.pub_known = PUB_TIME;
		rc = report_set(&r.published_text, tmp);
	} else if (pub && *pub && (rc = wire_set_time(&r, pub)) == -1) {
		wire_item_failed(s, item, "published value '%.60s' is not a date", pub);
		report_release(&r);
		return 0;
	}
	rc = rc ? -1 : set_short(&r, &r.title, vals[F_TITLE], "title");
	if (!rc)
		rc = set_agency(&r, vals[F_AGENCY]);
	if (!rc)
		rc = set_short(&r, &r.url, vals[F_URL], "url");
	if (!rc)
		rc = set_short(&r, &r.place, vals[F_PLACE], "place");
	if (!rc)
		rc = set_short(&r, &r.author, vals[F_AUTHOR], "author");
	if (!rc)
		rc = set_short(&r, &r.guid, vals[F_GUID], "guid");
	if (!rc && vals[F_LEDE])
		rc = set_text(&r, &r.lede, vals[F_LEDE], "lede");
	if (!rc)
		rc = set_text(&r, &r.body, text, "text");
	if (!rc && warning)
		rc = report_warn(&r, "%s", warning);
	if (rc) {
		report_release(&r);
		free(s->stop);
		s->stop = strdup("out of memory");
		return -1;
	}
	rc = wire_emit(s, &r, item);
	if (rc == 1) {
		wire_item_failed(s, item, "%s", s->reject);
		rc = 0;
	}
	return rc;
}

/* ---- CSV ---- */

/* libcsv grows one buffer per field without limit: this allocator refuses
 * to pass the ceiling, so a runaway field (an unclosed quote swallowing the
 * rest of the file) fails with CSV_ENOMEM instead of eating memory. */
static void *bounded_realloc(void *p, size_t n)
{
	return n > TABLE_MAX_RECORD + 4096 ? NULL : realloc(p, n);
}

#define CSV_MAX_FIELDS 4096

struct csv_state {
	struct wire_session *s;
	const struct table_map *map;
	char *fields[CSV_MAX_FIELDS];
	size_t nfields;         /* fields in the current record (may pass the max) */
	size_t ncols;           /* fields in the header */
	int col[NF];            /* header column of each field, or -1 */
	long row;               /* records seen, header included */
	size_t nuls;            /* NUL bytes removed from the current record */
	size_t nul_col;         /* the first field (from 1) that held one */
	int fatal;              /* stop feeding: s->stop or s->reject says why */
	int oom;
};

static void csv_field(void *data, size_t n, void *ctx)
{
	struct csv_state *st = ctx;
	if (st->fatal)
		return;
	if (st->nfields < CSV_MAX_FIELDS) {
		char *f = malloc(n + 1);
		if (!f) {
			st->oom = st->fatal = 1;
			return;
		}
		/* A NUL byte would end the field as a C string and silently drop
		 * the text after it. It is never part of a report's text (it
		 * comes from a damaged export or padding), while the text after
		 * it is the analyst's: the byte is removed, the rest kept, and
		 * the report warned (csv_row). */
		size_t k = 0;
		for (size_t i = 0; i < n; i++) {
			if (((const char *)data)[i])
				f[k++] = ((const char *)data)[i];
			else if (!st->nuls++)
				st->nul_col = st->nfields + 1;
		}
		f[k] = '\0';
		st->fields[st->nfields] = f;
	}
	st->nfields++;
}

static void clear_fields(struct csv_state *st)
{
	size_t n = st->nfields < CSV_MAX_FIELDS ? st->nfields : CSV_MAX_FIELDS;
	for (size_t i = 0; i < n; i++) {
		free(st->fields[i]);
		st->fields[i] = NULL;
	}
	st->nfields = 0;
	st->nuls = 0;
}

static int read_header(struct csv_state *st)
{
	size_t n = st->nfields < CSV_MAX_FIELDS ? st->nfields : CSV_MAX_FIELDS;
	st->ncols = st->nfields;
	for (int f = 0; f < NF; f++) {
		st->col[f] = -1;
		for (size_t i = 0; i < n; i++) {
			char *h = wire_squeeze(st->fields[i], strlen(st->fields[i]));
			int hit = h && strcasecmp(h, st->map->name[f]) == 0;
			free(h);
			if (hit) {
				st->col[f] = (int)i;
				break;
			}
		}
	}
	if (st->col[F_TEXT] < 0) {
		char msg[160];
		snprintf(msg, sizeof(msg), "the header row has no '%.60s' column", st->map->name[F_TEXT]);
		free(st->s->reject);
		st->s->reject = strdup(msg);
		return -1;
	}
	return 0;
}

static void csv_row(int term, void *ctx)
{
	struct csv_state *st = ctx;
	(void)term;
	if (st->fatal)
		return;
	st->row++;
	char item[48];
	snprintf(item, sizeof(item), "row %ld", st->row);
	if (st->row == 1) {
		if (read_header(st))
			st->fatal = 1;
	} else if (st->nfields != st->ncols) {
		wire_item_failed(st->s, item, "has %zu fields, the header has %zu", st->nfields,
				 st->ncols);
	} else {
		const char *vals[NF];
		for (int f = 0; f < NF; f++)
			vals[f] = st->col[f] >= 0 ? st->fields[st->col[f]] : NULL;
		char warning[120], *w = NULL;
		if (st->nuls) {
			snprintf(warning, sizeof(warning),
				 "%zu NUL byte%s removed (first in column %zu); the text around %s kept", st->nuls,
				 st->nuls == 1 ? "" : "s", st->nul_col, st->nuls == 1 ? "it is" : "them is");
			w = warning;
		}
		if (emit_record(st->s, item, vals, 0, 0, w))
			st->fatal = 1;
	}
	clear_fields(st);
}

/* Feeds n bytes to the parser; 0, or -1 when reading must stop. */
static int csv_feed(struct csv_parser *p, struct csv_state *st, const char *data, size_t n)
{
	struct wire_session *s = st->s;
	if (st->fatal)
		return -1;
	if (csv_parse(p, data, n, csv_field, csv_row, st) != n) {
		char msg[160];
		snprintf(msg, sizeof(msg), "row %ld: a field longer than %zu MB (an unclosed quote?)",
			 st->row + 1, TABLE_MAX_RECORD >> 20);
		free(s->reject);
		s->reject = strdup(csv_error(p) == CSV_ENOMEM ? msg : csv_strerror(csv_error(p)));
		st->fatal = 1;
	}
	return st->fatal ? -1 : 0;
}

static int csv_begin(struct csv_parser *p, struct csv_state *st, struct wire_session *s,
		     const struct table_map *map)
{
	memset(st, 0, sizeof(*st));
	st->s = s;
	st->map = map;
	if (csv_init(p, CSV_APPEND_NULL) != 0) {
		s->stop = strdup("out of memory");
		return -1;
	}
	csv_set_realloc_func(p, bounded_realloc);
	/* libcsv grows a field's buffer by this much at a time: the default
	 * (128 bytes) makes a long field cost a realloc, a copy, per 128 bytes. */
	csv_set_blk_size(p, (size_t)4 << 20);
	return 0;
}

static int csv_end(struct csv_parser *p, struct csv_state *st)
{
	struct wire_session *s = st->s;
	/* libcsv's strict end check needs strict mode, which also refuses stray
	 * quotes inside fields; so look at its state: 2 is FIELD_BEGUN. */
	if (!st->fatal && p->pstate == 2 && p->quoted) {
		char item[48];
		snprintf(item, sizeof(item), "row %ld", st->row + 1);
		wire_item_failed(s, item, "a quoted field is never closed");
		clear_fields(st);
	} else if (!st->fatal) {
		csv_fini(p, csv_field, csv_row, st);
	}
	if (!st->fatal && st->row == 0) {
		free(s->reject);
		s->reject = strdup("no header row");
		st->fatal = 1;
	}
	if (st->oom && !s->stop)
		s->stop = strdup("out of memory");
	clear_fields(st);
	csv_free(p);
	return st->fatal ? -1 : 0;
}

static int read_csv(struct wire_session *s, const char *data, size_t len, const struct table_map *map)
{
	struct csv_parser p;
	struct csv_state st;
	if (csv_begin(&p, &st, s, map))
		return -1;
	size_t done = 0;
	const size_t chunk = (size_t)1 << 20;
	while (done < len) {
		size_t n = len - done < chunk ? len - done : chunk;
		if (csv_feed(&p, &st, data + done, n))
			break;
		done += n;
	}
	return csv_end(&p, &st);
}

/* ---- JSONL ---- */

/* The string at key (NULL when absent or null); *bad set when the value is
 * neither a string nor null. */
static const char *json_str(json_t *obj, const char *key, int *bad)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		*bad = 1;
		return NULL;
	}
	return json_string_value(v);
}

static int jsonl_line(struct wire_session *s, const struct table_map *map, const char *line,
		      size_t n, long lineno)
{
	char item[48];
	snprintf(item, sizeof(item), "line %ld", lineno);
	if (n > TABLE_MAX_RECORD) {
		wire_item_failed(s, item, "longer than %zu MB: skipped", TABLE_MAX_RECORD >> 20);
		return 0;
	}
	json_error_t jerr;
	json_t *obj = json_loadb(line, n, 0, &jerr);
	if (!obj) {
		wire_item_failed(s, item, "not json: %s", jerr.text);
		return 0;
	}
	if (!json_is_object(obj)) {
		json_decref(obj);
		wire_item_failed(s, item, "not a json object");
		return 0;
	}
	const char *vals[NF];
	int bad = 0, has_num = 0;
	int64_t num = 0;
	for (int f = 0; f < NF; f++) {
		int b = 0;
		json_t *v = json_object_get(obj, map->name[f]);
		if (f == F_PUBLISHED && v && json_is_number(v)) {
			/* Unix seconds; anything past the year 9999 is no date. */
			double d = json_number_value(v);
			if (!(d > -62135596800.0 && d < 253402300800.0)) {
				json_decref(obj);
				wire_item_failed(s, item, "published value is not a date");
				return 0;
			}
			has_num = 1;
			num = (int64_t)d;
			vals[f] = NULL;
			continue;
		}
		vals[f] = json_str(obj, map->name[f], &b);
		if (b && !bad) {
			bad = 1;
			wire_item_failed(s, item, "'%.60s' is not a string", map->name[f]);
		}
	}
	int rc = bad ? 0 : emit_record(s, item, vals, has_num, num, NULL);
	json_decref(obj);
	return rc;
}

/* The next non-blank line at or after *i: sets [*a, *b) to it, trimmed,
 * advances *i past it and counts lines in *lineno. Returns 0 at the end. */
static int next_line(const char *data, size_t len, size_t *i, size_t *a, size_t *b, long *lineno)
{
	while (*i < len) {
		const char *nl = memchr(data + *i, '\n', len - *i);
		size_t end = nl ? (size_t)(nl - data) : len;
		++*lineno;
		*a = *i;
		*b = end;
		*i = end + 1;
		while (*a < *b && isspace((unsigned char)data[*a]))
			++*a;
		while (*b > *a && isspace((unsigned char)data[*b - 1]))
			--*b;
		if (*b > *a)
			return 1;
	}
	return 0;
}

/* Whether some line of the file is a JSON object (or the file has no line
 * at all): a file of which none is (a pretty-printed document, text that
 * starts with '{') is not JSON Lines and gets one message, not one per
 * line. Stops at the first object, which is the first line of any real
 * JSON Lines file; lines past the record ceiling are not parsed here. */
static int has_object_line(const char *data, size_t len, size_t i)
{
	size_t a, b, start = i;
	long lineno = 0;
	if (!next_line(data, len, &i, &a, &b, &lineno))
		return 1;
	i = start;
	while (next_line(data, len, &i, &a, &b, &lineno)) {
		if (b - a > TABLE_MAX_RECORD)
			return 1;   /* reported as too long, line by line */
		json_error_t jerr;
		json_t *v = json_loadb(data + a, b - a, 0, &jerr);
		int obj = v && json_is_object(v);
		json_decref(v);
		if (obj)
			return 1;
	}
	return 0;
}

/* Each line is one record: a line that is no JSON object is reported with
 * its number and the rest are read, so one bad line (even the first) costs
 * only itself. */
static int read_jsonl(struct wire_session *s, const char *data, size_t len, const struct table_map *map)
{
	long lineno = 0;
	size_t i = 0, a, b;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	if (!has_object_line(data, len, i)) {
		if (!s->stop)
			s->stop = strdup("not JSON Lines: no line is a complete JSON object");
		return -1;
	}
	while (next_line(data, len, &i, &a, &b, &lineno))
		if (jsonl_line(s, map, data + a, b - a, lineno))
			return -1;
	return 0;
}

/* ---- entry point ---- */

int table_read(const char *data, size_t len, int is_csv, const char *map,
	       const struct ingest_hints *h, report_sink sink, report_error_fn on_error,
	       void *ctx, char **err)
{
	struct wire_session s = {0};
	struct table_map m;
	char why[256];
	char *utf8 = NULL;
	s.h = h;
	s.sink = sink;
	s.on_error = on_error;
	s.ctx = ctx;
	s.format = is_csv ? "csv" : "jsonl";
	if (err)
		*err = NULL;
	if (map_parse(map, &m, why, sizeof(why))) {
		wire_fail(err, h, "%s", why);
		return -1;
	}
	if (is_csv && !encoding_is_utf8(data, len)) {
		/* Spreadsheets often save in the machine's code page. */
		size_t n = 0;
		char *eerr = NULL;
		if (encoding_to_utf8(data, len, NULL, &utf8, &n, &eerr)) {
			wire_fail(err, h, "%s", eerr ? eerr : "not text");
			free(eerr);
			map_release(&m);
			return -1;
		}
		data = utf8;
		len = n;
		s.guessed_encoding = 1;
	} else if (is_csv && len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	int rc = is_csv ? read_csv(&s, data, len, &m) : read_jsonl(&s, data, len, &m);
	if (rc)
		wire_fail(err, h, "%s", s.stop ? s.stop : s.reject ? s.reject : "unreadable");
	wire_session_release(&s);
	map_release(&m);
	free(utf8);
	return rc ? -1 : 0;
}

/* ---- streaming: a record in memory at a time ---- */

/* Reads fd to its end in chunks of STREAM_CHUNK bytes. Returns the bytes
 * read into buf (0 at the end), or -1 with errno. */
#define STREAM_CHUNK ((size_t)1 << 20)

static ssize_t read_some(int fd, char *buf, size_t n)
{
	for (;;) {
		ssize_t got = read(fd, buf, n);
		if (got < 0 && errno == EINTR)
			continue;
		return got;
	}
}

/* The lines of fd, trimmed, blank ones skipped, numbered from 1: fn(arg,
 * line, n, lineno) for each, with line NULL and n past TABLE_MAX_RECORD for
 * one too long to keep (it is not read into memory). fn returns 0 to go
 * on, 1 to stop, -1 on failure. Returns what stopped it (0 at the end), or
 * -2 when the file could not be read. */
typedef int (*line_fn)(void *arg, const char *line, size_t n, long lineno);

static int each_line(int fd, line_fn fn, void *arg)
{
	struct buf pend;
	buf_init(&pend, TABLE_MAX_RECORD + STREAM_CHUNK);
	char *chunk = malloc(STREAM_CHUNK);
	long lineno = 0;
	int rc = 0, eof = 0, first = 1, too_long = 0;
	if (!chunk)
		return -1;
	while (!rc && !eof) {
		ssize_t got = read_some(fd, chunk, STREAM_CHUNK);
		if (got < 0) {
			rc = -2;
			break;
		}
		eof = got == 0;
		size_t off = 0;
		if (first && got >= 3 && memcmp(chunk, "\xEF\xBB\xBF", 3) == 0)
			off = 3;
		first = 0;
		if (buf_add(&pend, chunk + off, (size_t)got - off)) {
			rc = -1;
			break;
		}
		size_t at = 0;
		for (;;) {
			const char *nl = memchr(pend.data ? pend.data + at : "", '\n', pend.len - at);
			if (!nl && !eof) {
				/* A line longer than a record may be: what is there goes. */
				if (pend.len - at > TABLE_MAX_RECORD) {
					too_long = 1;
					at = pend.len;
				}
				break;
			}
			size_t end = nl ? (size_t)(nl - pend.data) : pend.len;
			if (!nl && end == at)
				break;
			size_t a = at, b = end;
			lineno++;
			while (a < b && isspace((unsigned char)pend.data[a]))
				a++;
			while (b > a && isspace((unsigned char)pend.data[b - 1]))
				b--;
			if (too_long)
				rc = fn(arg, NULL, TABLE_MAX_RECORD + 1, lineno);
			else if (b > a)
				rc = fn(arg, pend.data + a, b - a, lineno);
			too_long = 0;
			at = nl ? end + 1 : end;
			if (rc || !nl)
				break;
		}
		if (at) {
			memmove(pend.data, pend.data + at, pend.len - at);
			pend.len -= at;
			pend.data[pend.len] = '\0';
		}
	}
	if (!rc && too_long)
		rc = fn(arg, NULL, TABLE_MAX_RECORD + 1, lineno + 1);
	free(chunk);
	buf_release(&pend);
	return rc;
}

struct jsonl_stream {
	struct wire_session *s;
	const struct table_map *map;
	int found, any;   /* a line is an object; the file has a line */
};

/* Whether a line is a JSON object (a line too long to read counts, as in
 * has_object_line): stops at the first. */
static int object_line(void *arg, const char *line, size_t n, long lineno)
{
	struct jsonl_stream *js = arg;
	(void)lineno;
	js->any = 1;
	if (!line) {
		js->found = 1;
		return 1;
	}
	json_error_t jerr;
	json_t *v = json_loadb(line, n, 0, &jerr);
	js->found = v && json_is_object(v);
	json_decref(v);
	return js->found;
}

static int stream_line(void *arg, const char *line, size_t n, long lineno)
{
	struct jsonl_stream *js = arg;
	return jsonl_line(js->s, js->map, line ? line : "", n, lineno) ? -1 : 0;
}

/* A CSV file is streamed only when it is UTF-8 throughout: otherwise the
 * whole file is decoded first (table_read), its charset guessed from all
 * of it. Returns 1 when it is, 0 when not, -1 when it cannot be read. */
static int utf8_file(int fd)
{
	char *chunk = malloc(STREAM_CHUNK + 4);
	size_t carry = 0;
	int ok = chunk ? 1 : -1;
	while (ok == 1) {
		ssize_t got = read_some(fd, chunk + carry, STREAM_CHUNK);
		if (got < 0) {
			ok = -1;
			break;
		}
		size_t n = carry + (size_t)got;
		if (!got) {
			ok = encoding_is_utf8(chunk, n);
			break;
		}
		/* A character cut by the chunk's end waits for the next one. */
		size_t cut = 0;
		while (cut < 3 && cut < n && ((unsigned char)chunk[n - 1 - cut] & 0xC0) == 0x80)
			cut++;
		if (cut < n && ((unsigned char)chunk[n - 1 - cut] & 0xC0) == 0xC0)
			cut++;
		else
			cut = 0;
		ok = encoding_is_utf8(chunk, n - cut);
		memmove(chunk, chunk + n - cut, cut);
		carry = cut;
	}
	free(chunk);
	return ok;
}

int table_stream(int fd, int is_csv, const char *map, const struct ingest_hints *h, report_sink sink,
		 report_error_fn on_error, void *ctx, char **err)
{
	struct wire_session s = {0};
	struct table_map m;
	char why[256];
	s.h = h;
	s.sink = sink;
	s.on_error = on_error;
	s.ctx = ctx;
	s.format = is_csv ? "csv" : "jsonl";
	if (err)
		*err = NULL;
	if (is_csv) {
		int utf8 = utf8_file(fd);
		if (utf8 <= 0 || lseek(fd, 0, SEEK_SET) != 0)
			return 1;   /* decoded whole by table_read, or not readable here */
	}
	if (map_parse(map, &m, why, sizeof(why))) {
		wire_fail(err, h, "%s", why);
		return -1;
	}
	int rc;
	if (is_csv) {
		struct csv_parser p;
		struct csv_state st;
		char *chunk = malloc(STREAM_CHUNK);
		int begun = chunk && !csv_begin(&p, &st, &s, &m);
		rc = begun ? 0 : -1;
		if (!chunk && !s.stop)
			s.stop = strdup("out of memory");
		for (int first = 1; !rc;) {
			ssize_t got = read_some(fd, chunk, STREAM_CHUNK);
			if (got <= 0) {
				if (got < 0 && !s.stop)
					s.stop = strdup(strerror(errno));
				rc = got < 0 ? -1 : 0;
				break;
			}
			size_t off = first && got >= 3 && memcmp(chunk, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
			first = 0;
			rc = csv_feed(&p, &st, chunk + off, (size_t)got - off);
		}
		if (begun && (rc == 0 || st.fatal)) {
			rc = csv_end(&p, &st);
		} else if (begun) {   /* the file could not be read to its end */
			clear_fields(&st);
			csv_free(&p);
		}
		free(chunk);
	} else {
		struct jsonl_stream js = {&s, &m, 0, 0};
		/* A file none of whose lines is an object is refused whole, as
		 * read_jsonl does: the first line is one in any real file. */
		rc = each_line(fd, object_line, &js);
		if (rc >= 0 && js.any && !js.found) {
			if (!s.stop)
				s.stop = strdup("not JSON Lines: no line is a complete JSON object");
			rc = -1;
		} else if (rc >= 0) {
			rc = lseek(fd, 0, SEEK_SET) != 0 ? -2 : each_line(fd, stream_line, &js);
		}
		if (rc == -2 && !s.stop)
			s.stop = strdup(strerror(errno));
		rc = rc < 0 ? -1 : 0;
	}
	if (rc)
		wire_fail(err, h, "%s", s.stop ? s.stop : s.reject ? s.reject : "unreadable");
	wire_session_release(&s);
	map_release(&m);
	return rc ? -1 : 0;
}
