/* communique reports: list the reports in the archive. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/archive.h"
#include "cli/term.h"

static const char usage[] = "reports [--json]\n\n"
	"Lists reports in order of publication: id, agency, published time (UTC), title.\n"
	"\"unknown\" says that nothing in a report named its agency or issuer (a byline,\n"
	"dateline, credit, heading, feed or sources entry); --json gives null.";

static int print_row(void *ctx, const struct store_report *r)
{
	(void)ctx;
	char when[32] = "unknown";
	if (r->pub_known)
		format_iso_utc(r->published, when);
	if (r->pub_known == PUB_DATE)
		when[10] = '\0';
	/* "unknown", as for the time: a word that says nothing named an issuer,
	 * where a bare "-" reads as a value lost on the way. */
	const char *agency = r->agency && *r->agency ? tv(r->agency) : "unknown";
	printf("r%-6lld %-12s %-20s %s\n", (long long)r->id, agency, when,
	       r->title ? tv(r->title) : "(no headline)");
	return ferror(stdout) ? -1 : 0;
}

/* Sets key to s, or to JSON null when s is NULL. A value that is not valid
 * UTF-8 (an archive written by an older version, a damaged file) is kept,
 * with U+FFFD for what cannot be read, rather than dropped. */
static void set_str(json_t *o, const char *key, const char *s)
{
	json_t *v = s ? json_string(s) : json_null();
	if (!v) {
		char *fixed = utf8_repair(s);
		v = fixed ? json_string(fixed) : NULL;
		free(fixed);
	}
	json_object_set_new(o, key, v);
}

json_t *report_json(const struct store_report *r);
json_t *report_json(const struct store_report *r)
{
	json_t *o = json_object();
	char id[32], when[32];
	snprintf(id, sizeof(id), "r%lld", (long long)r->id);
	json_object_set_new(o, "id", json_string(id));
	set_str(o, "agency", r->agency);
	if (r->pub_known) {
		format_iso_utc(r->published, when);
		json_object_set_new(o, "published", json_string(when));
	} else {
		json_object_set_new(o, "published", json_null());
	}
	json_object_set_new(o, "published_precision",
			    json_string(r->pub_known == PUB_TIME ? "time" : r->pub_known ? "day" : "unknown"));
	if (r->pub_known)
		json_object_set_new(o, "utc_offset_minutes", json_integer(r->tz_offset));
	set_str(o, "published_as_written", r->published_text);
	set_str(o, "title", r->title);
	set_str(o, "url", r->url);
	set_str(o, "place", r->place);
	set_str(o, "format", r->format);
	set_str(o, "source_path", r->source_path);
	json_object_set_new(o, "version", json_integer(r->version));
	json_object_set_new(o, "events", json_integer(r->n_events));
	return o;
}

static int add_json(void *ctx, const struct store_report *r)
{
	return json_array_append_new(ctx, report_json(r));
}

int cmd_reports(struct cli *cli, int argc, char **argv)
{
	int as_json = 0;
	const struct option opts[] = {
		{"json", 0, OPT_FLAG, &as_json, NULL, "print a JSON array of report objects"},
		{NULL, 0, 0, NULL, NULL, NULL},
	};
	char **pos;
	int npos, rc = parse_options("communique", usage, opts, argc, argv, &pos, &npos);
	free(pos);
	if (rc)
		return rc > 0 ? (close_stdout() ? EXIT_ARCHIVE : EXIT_OK) : EXIT_USAGE;
	if (npos) {
		error("reports takes no arguments");
		return EXIT_USAGE;
	}
	struct store *s;
	if (open_archive(cli, ARCHIVE_READ, &s))
		return EXIT_ARCHIVE;
	char *err = NULL;
	json_t *all = as_json ? json_array() : NULL;
	rc = store_reports_each(s, as_json ? add_json : print_row, all, &err);
	if (rc < 0 && err) {
		error("archive '%s': %s", cli->db_shown, err);
		free(err);
	}
	if (!rc && as_json) {
		json_dumpf(all, stdout, JSON_INDENT(2));
		fputc('\n', stdout);
	}
	json_decref(all);
	store_close(s);
	if (close_stdout())
		return EXIT_ARCHIVE;
	return rc ? EXIT_ARCHIVE : EXIT_OK;
}
