/* communique events: the archive's events as a readable chronology. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/archive.h"
#include "cli/term.h"
#include "cli/filter.h"

static const char usage[] = "events [filters] [--format text|tsv]\n\n"
	"Lists events in date order: id, date, type, parties, summary and the first\n"
	"source (agency, report id, headline). The id (e12) is what 'communique event'\n"
	"takes to show or correct an event. --format tsv writes the same facts one\n"
	"event a line, tab-separated with a header, for shell pipelines.";

/* The parties as one readable cell: "Russia, China -> Japan". */
static void parties(const struct event *e, char *out, size_t cap)
{
	size_t used = 0;
	out[0] = '\0';
	for (size_t i = 0; i < e->n_actors && used + 1 < cap; i++) {
		const struct event_actor *a = &e->actors[i];
		int w = snprintf(out + used, cap - used, "%s%s%s",
				 i == 0 ? "" : a->role == ROLE_TARGET && e->actors[i - 1].role != ROLE_TARGET ? " -> " : ", ",
				 i == 0 && a->role == ROLE_TARGET ? "-> " : "", a->name ? tv(a->name) : "?");
		if (w < 0)
			break;
		used += (size_t)w < cap - used ? (size_t)w : cap - used - 1;
	}
}

/* One cell of TSV: tabs and line breaks would split the row. */
static void tsv_cell(const char *s, int last)
{
	for (const char *p = s ? tv(s) : ""; *p; p++)
		putchar(*p == '\t' ? ' ' : *p);
	putchar(last ? '\n' : '\t');
}

static int print_tsv(void *ctx, const struct tl_event *te)
{
	(void)ctx;
	const struct event *e = te->ev;
	char id[24], date[16], who[512], rid[24] = "";
	snprintf(id, sizeof(id), "e%lld", (long long)te->id);
	cdate_format(&e->date, date);
	parties(e, who, sizeof(who));
	const struct tl_source *src = te->n_sources ? &te->sources[0] : NULL;
	if (src)
		snprintf(rid, sizeof(rid), "r%lld", (long long)src->report_id);
	tsv_cell(id, 0);
	tsv_cell(date, 0);
	tsv_cell(e->type, 0);
	tsv_cell(event_status_name(e->status), 0);
	tsv_cell(te->cur.verified ? "verified" : "", 0);
	tsv_cell(who, 0);
	tsv_cell(e->summary, 0);
	tsv_cell(src ? src->agency : "", 0);
	tsv_cell(rid, 0);
	tsv_cell(src ? src->title : "", 1);
	return ferror(stdout) ? -1 : 0;
}

static int print_event(void *ctx, const struct tl_event *te)
{
	(void)ctx;
	const struct event *e = te->ev;
	char date[16];
	cdate_format(&e->date, date);
	if (!*date)
		memcpy(date, "undated", 8);
	char id[24];
	snprintf(id, sizeof(id), "e%lld", (long long)te->id);
	/* Type and tags in one padded column: the parties line up whatever the tags. */
	char kind[64];
	snprintf(kind, sizeof(kind), "%s%s%s%s%s", tv(e->type), e->status != STATUS_OCCURRED ? " [" : "",
		 e->status != STATUS_OCCURRED ? event_status_name(e->status) : "",
		 e->status != STATUS_OCCURRED ? "]" : "", te->cur.verified ? " [verified]" : "");
	printf("%-7s %-10s  %-29s  ", id, date, kind);
	for (size_t i = 0; i < e->n_actors; i++) {
		const struct event_actor *a = &e->actors[i];
		/* One arrow before the targets, commas within a role: "A, B -> C, D"
		 * (an arrow before each target would read as a chain). */
		int first_of_role = !i || e->actors[i - 1].role != a->role;
		const char *arrow = a->role == ROLE_TARGET && first_of_role ? "-> " : "";
		printf("%s%s%s%s%s", i ? " " : "", arrow, a->name ? tv(a->name) : "?", a->code ? "/" : "",
		       a->code ? tv(a->code) : "");
		if (i + 1 < e->n_actors && e->actors[i + 1].role == a->role)
			printf(",");
	}
	printf("\n                    %s\n", tv(e->summary));
	if (te->n_sources) {
		const struct tl_source *src = &te->sources[0];
		printf("                    (%s r%lld: %s%s)\n", src->agency ? tv(src->agency) : "unknown",
		       (long long)src->report_id, src->title ? tv(src->title) : "(no headline)",
		       te->n_sources > 1 ? ", and more" : "");
	}
	return ferror(stdout) ? -1 : 0;
}

int cmd_events(struct cli *cli, int argc, char **argv)
{
	struct filter_opts fo;
	memset(&fo, 0, sizeof(fo));
	const char *format = NULL;
	const struct option opts[] = {
		{"format", 'f', OPT_STRING, &format, "F", "text (the default) or tsv"},
		FILTER_OPTIONS(&fo), {NULL, 0, 0, NULL, NULL, NULL}};
	char **pos;
	int npos, rc = parse_options("communique", usage, opts, argc, argv, &pos, &npos);
	free(pos);
	if (rc || npos) {
		if (npos && !rc)
			error("events takes no arguments (filters are options: see --help)");
		filter_release(&fo);
		return rc > 0 ? (close_stdout() ? EXIT_ARCHIVE : EXIT_OK) : EXIT_USAGE;
	}
	int tsv = format && !strcmp(format, "tsv");
	if (format && !tsv && strcmp(format, "text")) {
		error("events --format: '%s' is not text or tsv (export writes the other formats)", format);
		filter_release(&fo);
		return EXIT_USAGE;
	}
	if (filter_wants_type_help(&fo)) {
		filter_release(&fo);
		rc = print_types(cli);
		return close_stdout() ? EXIT_ARCHIVE : rc;
	}
	struct store *s;
	if (open_archive(cli, ARCHIVE_READ, &s)) {
		filter_release(&fo);
		return EXIT_ARCHIVE;
	}
	rc = filter_resolve(&fo, s);
	if (!rc) {
		char *err = NULL;
		if (tsv)
			printf("id\tdate\ttype\tstatus\tverified\tparties\tsummary\tagency\treport\theadline\n");
		if (store_timeline_each(s, &fo.f, tsv ? print_tsv : print_event, NULL, &err)) {
			error("archive '%s': %s", cli->db_shown, err ? err : "cannot write");
			free(err);
			rc = -2;
		}
	}
	store_close(s);
	filter_release(&fo);
	if (close_stdout())
		return EXIT_ARCHIVE;
	return rc == -1 ? EXIT_USAGE : rc ? EXIT_ARCHIVE : EXIT_OK;
}
