/* communique show: one report with its metadata, body and events. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/archive.h"
#include "cli/term.h"

static const char usage[] = "show REPORT\n\nPrints one report (its id, as 'r12' or '12').";

static int print_report(void *ctx, const struct store_report *r)
{
	(void)ctx;
	char when[32] = "unknown";
	if (r->pub_known)
		format_iso_utc(r->published, when);
	printf("id:        r%lld (version %d)\n", (long long)r->id, r->version);
	printf("title:     %s\n", tv(r->title));
	printf("agency:    %s\n", r->agency ? tv(r->agency) : "unknown");
	printf("published: %s%s%s%s\n", when, r->published_text ? " (as written: " : "",
	       r->published_text ? tv(r->published_text) : "", r->published_text ? ")" : "");
	if (r->place)
		printf("place:     %s\n", tv(r->place));
	if (r->url)
		printf("url:       %s\n", tv(r->url));
	printf("format:    %s\n", tv(r->format));
	if (r->source_path)
		printf("file:      %s\n", tv(r->source_path));
	printf("events:    %ld\n\n", r->n_events);
	if (r->lede && *r->lede)
		printf("%s\n\n", tv_multi(r->lede));
	/* The body keeps its lines; nothing else of it reaches the terminal. */
	printf("%s\n", tv_multi(r->body));
	return ferror(stdout) ? -1 : 0;
}

static int print_event(void *ctx, const struct tl_event *te)
{
	(void)ctx;
	const struct event *e = te->ev;
	char date[16];
	cdate_format(&e->date, date);
	printf("  e%-6lld %-10s %-16s %s%s%s\n", (long long)te->id, *date ? date : "undated", tv(e->type),
	       e->status != STATUS_OCCURRED ? "[" : "", e->status != STATUS_OCCURRED ? event_status_name(e->status) : "",
	       e->status != STATUS_OCCURRED ? "] " : "");
	printf("         %s\n", tv(e->summary));
	return ferror(stdout) ? -1 : 0;
}

int cmd_show(struct cli *cli, int argc, char **argv)
{
	char **pos;
	int npos, rc = parse_options("communique", usage, NULL, argc, argv, &pos, &npos);
	if (rc) {
		free(pos);
		return rc > 0 ? (close_stdout() ? EXIT_ARCHIVE : EXIT_OK) : EXIT_USAGE;
	}
	if (npos != 1) {
		error("show needs one REPORT id");
		free(pos);
		return EXIT_USAGE;
	}
	const char *a = pos[0][0] == 'r' ? pos[0] + 1 : pos[0];
	char *end;
	long long id = strtoll(a, &end, 10);
	if (!*a || *end || id <= 0) {
		error("'%s' is not a report id (as listed by 'communique reports')", pos[0]);
		free(pos);
		return EXIT_USAGE;
	}
	struct store *s;
	if (open_archive(cli, ARCHIVE_READ, &s)) {
		free(pos);
		return EXIT_ARCHIVE;
	}
	char *err = NULL;
	rc = store_report_get(s, id, print_report, NULL, &err);
	if (rc == 0) {
		struct event_filter f;
		memset(&f, 0, sizeof(f));
		f.report_id = id;
		f.status_mask = 7;
		printf("\nevents:\n");
		rc = store_timeline_each(s, &f, print_event, NULL, &err);
	}
	if (rc == 1)
		error("no report '%s' in '%s'", pos[0], cli->db_shown);   /* error() escapes */
	else if (rc < 0 && err)
		error("archive '%s': %s", cli->db_shown, err);
	free(err);
	free(pos);
	store_close(s);
	if (close_stdout())
		return EXIT_ARCHIVE;
	return rc == 1 ? EXIT_PARTIAL : rc ? EXIT_ARCHIVE : EXIT_OK;
}
