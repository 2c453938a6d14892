/* communique events: the archive's events as a readable chronology. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/archive.h"
#include "cli/term.h"
#include "cli/filter.h"

static const char usage[] = "events [filters]\n\n"
	"Lists events in date order: id, date, type, parties, summary. The id (e12)\n"
	"is what 'communique event' takes to show or correct an event.";

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
		const char *arrow = a->role == ROLE_SOURCE ? "" : a->role == ROLE_TARGET ? "-> " : "";
		printf("%s%s%s%s%s", i ? " " : "", arrow, a->name ? tv(a->name) : "?", a->code ? "/" : "",
		       a->code ? tv(a->code) : "");
		if (i + 1 < e->n_actors && e->actors[i + 1].role == a->role && a->role != ROLE_TARGET)
			printf(",");
	}
	printf("\n                    %s\n", tv(e->summary));
	return ferror(stdout) ? -1 : 0;
}

int cmd_events(struct cli *cli, int argc, char **argv)
{
	struct filter_opts fo;
	memset(&fo, 0, sizeof(fo));
	const struct option opts[] = {FILTER_OPTIONS(&fo), {NULL, 0, 0, NULL, NULL, NULL}};
	char **pos;
	int npos, rc = parse_options("communique", usage, opts, argc, argv, &pos, &npos);
	free(pos);
	if (rc || npos) {
		if (npos && !rc)
			error("events takes no arguments (filters are options: see --help)");
		filter_release(&fo);
		return rc > 0 ? (close_stdout() ? EXIT_ARCHIVE : EXIT_OK) : EXIT_USAGE;
	}
	struct store *s;
	if (open_archive(cli, ARCHIVE_READ, &s)) {
		filter_release(&fo);
		return EXIT_ARCHIVE;
	}
	rc = filter_resolve(&fo, s);
	if (!rc)
		rc = check_text_query(cli, s, fo.text);
	if (!rc) {
		char *err = NULL;
		if (store_timeline_each(s, &fo.f, print_event, NULL, &err)) {
			error("archive '%s': %s", cli->db_path, err ? err : "cannot write");
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
