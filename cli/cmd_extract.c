/* communique extract: what the importer sees in a file, as JSON, without
 * touching the archive. Analysts use it to check a new source. */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/archive.h"
#include "ingest/formats.h"
#include "util/buf.h"
#include "util/file.h"

static const char usage[] =
	"extract [--format F] [--date DATE] [--agency NAME] [--url URL] [--events] FILE\n\n"
	"Prints the report(s) a file gives, as JSON: title, published, agency, place, url, body,\n"
	"format, warnings (an array when the file holds several reports).";

/* The reports are written as they come, not held to the end (a feed of
 * 20,000 items with their events is hundreds of MB of JSON): the first is
 * kept until a second shows that the output is an array. */

struct extract_ctx {
	char *first;        /* the first report's JSON, until a second comes */
	size_t n;           /* reports given */
	struct extractor *x;
	const char *format;
	const struct ingest_hints *hints; /* --date, --agency, --url */
	int failed;
};

static void set_str(json_t *o, const char *key, const char *s)
{
	json_object_set_new(o, key, s ? json_string(s) : json_null());
}

static json_t *events_json(struct extractor *x, const struct report *r)
{
	struct event_list l;
	event_list_init(&l);
	char *err = NULL;
	json_t *arr = json_array();
	if (extract_events(x, r, &l, &err)) {
		/* Said, not swallowed: an empty list would read as "no event". */
		error("%s: cannot extract events: %s", r->title ? r->title : "(no headline)", err ? err : "failed");
		free(err);
		event_list_release(&l);
		return NULL;
	}
	for (size_t i = 0; i < l.n; i++) {
		const struct event *e = &l.items[i];
		char date[16];
		cdate_format(&e->date, date);
		json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "type", e->type, "cameo", e->cameo,
				      "status", event_status_name(e->status), "date", date);
		json_t *acts = json_array();
		for (size_t k = 0; k < e->n_actors; k++)
			json_array_append_new(acts, json_pack("{s:s?, s:s?, s:s}", "name", e->actors[k].name,
							       "code", e->actors[k].code, "role",
							       actor_role_name(e->actors[k].role)));
		json_object_set_new(o, "actors", acts);
		set_str(o, "summary", e->summary);
		set_str(o, "evidence", e->evidence);
		json_object_set_new(o, "confidence", json_real(e->confidence));
		json_array_append_new(arr, o);
	}
	event_list_release(&l);
	return arr;
}

/* Writes s (JSON indented by 2) one level deeper, as an element of the
 * array: JSON strings hold no raw line break, so every line is indented. */
static void put_indented(const char *s)
{
	while (*s) {
		size_t n = strcspn(s, "\n");
		fputs("  ", stdout);
		fwrite(s, 1, n, stdout);
		s += n;
		if (*s) {
			fputc('\n', stdout);
			s++;
		}
	}
}

/* Takes o over: its JSON is written, or kept while it is the only one. */
static int put_report(struct extract_ctx *c, json_t *o)
{
	char *s = json_dumps(o, JSON_INDENT(2));
	json_decref(o);
	if (!s)
		return -1;
	if (c->n == 0) {
		c->first = s;
		c->n = 1;
		return 0;
	}
	if (c->n == 1) {
		fputs("[\n", stdout);
		put_indented(c->first);
		free(c->first);
		c->first = NULL;
	}
	fputs(",\n", stdout);
	put_indented(s);
	free(s);
	c->n++;
	return 0;
}

static int add_report(void *ctx, struct report *r, const char *item)
{
	struct extract_ctx *c = ctx;
	json_t *o = json_object();
	char when[32];
	if (c->x && r->pub_known == PUB_NONE)
		extract_infer_year(c->x, r);
	/* What ingest does with --date and --agency, so that both see the same report. */
	if (report_apply_hints(r, c->hints)) {
		json_decref(o);
		return -1;
	}
	set_str(o, "title", r->title);
	if (r->pub_known) {
		format_iso_utc(r->published, when);
		if (r->pub_known == PUB_DATE)
			when[10] = '\0';
		json_object_set_new(o, "published", json_string(when));
		json_object_set_new(o, "utc_offset_minutes", json_integer(r->tz_offset_min));
	} else {
		json_object_set_new(o, "published", json_null());
	}
	set_str(o, "published_as_written", r->published_text);
	set_str(o, "agency", r->agency);
	set_str(o, "place", r->place);
	set_str(o, "url", r->url);
	set_str(o, "guid", r->guid);
	set_str(o, "author", r->author);
	set_str(o, "lede", r->lede);
	set_str(o, "body", r->body);
	set_str(o, "format", r->format ? r->format : c->format);
	if (r->summary_only)
		json_object_set_new(o, "summary_only", json_true());
	if (item)
		json_object_set_new(o, "item", json_string(item));
	json_t *w = json_array();
	for (size_t i = 0; i < r->n_warnings; i++)
		json_array_append_new(w, json_string(r->warnings[i]));
	json_object_set_new(o, "warnings", w);
	if (c->x) {
		json_t *ev = events_json(c->x, r);
		if (ev)
			json_object_set_new(o, "events", ev);
		else
			c->failed++;
	}
	return put_report(c, o);
}

static void item_failed(void *ctx, const char *item, const char *message)
{
	struct extract_ctx *c = ctx;
	c->failed++;
	error("%s: %s", item ? item : "input", message);
}

int cmd_extract(struct cli *cli, int argc, char **argv)
{
	const char *format = "auto", *date = NULL, *agency = NULL, *url = NULL, *map = NULL;
	int with_events = 0;
	const struct option opts[] = {
		{"format", 'f', OPT_STRING, &format, "F", "reader: auto (default) or a format name"},
		{"date", 0, OPT_STRING, &date, "DATE", "publication date for reports that do not give one"},
		{"agency", 0, OPT_STRING, &agency, "NAME", "agency for reports that do not name one"},
		{"url", 0, OPT_STRING, &url, "URL", "URL for reports that do not give one"},
		{"map", 0, OPT_STRING, &map, "K=V,...", "column names of tables"},
		{"events", 0, OPT_FLAG, &with_events, NULL, "also show the events extraction finds"},
		{NULL, 0, 0, NULL, NULL, NULL},
	};
	char **pos;
	int npos, rc = parse_options("communique", usage, opts, argc, argv, &pos, &npos);
	if (rc) {
		free(pos);
		return rc > 0 ? (close_stdout() ? EXIT_ARCHIVE : EXIT_OK) : EXIT_USAGE;
	}
	struct ingest_hints h = {.agency = agency, .url = url};
	if (npos != 1 || !format_known(format) || parse_date_option("--date", date, &h.date)) {
		if (npos != 1)
			error("extract needs one FILE");
		else if (!format_known(format))
			error("unknown format '%s' (known: %s)", format, formats_list);
		free(pos);
		return EXIT_USAGE;
	}
	h.path = pos[0];
	struct extract_ctx c = {.format = format, .hints = &h};
	if (with_events && open_extractor(cli, &c.x)) {
		free(pos);
		return EXIT_USAGE;
	}
	const char *used = NULL;
	char *err = NULL;
	rc = format_read_file(pos[0], (size_t)256 << 20, format, map, &h, add_report, item_failed, &c, &used,
			      &err);
	if (rc == -2) {
		error("cannot read '%s': %s", pos[0], err ? err : "it changed while it was read");
		free(err);
		extractor_free(c.x);
		free(pos);
		return EXIT_PARTIAL;
	}
	if (rc) {
		error("%s: %s", pos[0], err ? err : "cannot read");
		free(err);
	}
	/* A file refused whole prints nothing, as before; an array begun is
	 * closed, so that what was written stays valid JSON. */
	if (c.n >= 2)
		fputs("\n]\n", stdout);
	else if (!rc && c.n == 1)
		printf("%s\n", c.first);
	else if (!rc)
		fputs("[]\n", stdout);
	free(c.first);
	extractor_free(c.x);
	free(pos);
	if (close_stdout())
		return EXIT_ARCHIVE;
	return rc || c.failed ? EXIT_PARTIAL : EXIT_OK;
}
