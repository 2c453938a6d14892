/* communique review: the events that need a person's eye, most urgent
 * first: curated events no report tells any more, events contradicting
 * each other, undated events, doubtful extractions, events from reports
 * imported with warnings, and (asked for) every unverified event. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/archive.h"
#include "cli/term.h"

static const char usage[] = "review [--reason R]... [--below X] [--limit N]\n\n"
	"Lists events to check, each with why. Reasons: unsupported (curated, but no\n"
	"report tells it any more), contradicted (told as occurred and as not\n"
	"occurred), undated, low-confidence (below --below, default 0.5), warned\n"
	"(its report was imported with warnings), unverified (every event nobody\n"
	"verified: only when asked). Verified events leave the queue except when\n"
	"unsupported or contradicted. Fix with 'communique event ...'.";

struct review_out {
	long n;
};

static int print_item(void *ctx, const struct store_review_item *it)
{
	struct review_out *o = ctx;
	o->n++;
	printf("e%-6lld %-15s %s\n", (long long)it->event_id, store_review_name(it->reason),
	       tv(it->detail));
	return ferror(stdout) ? -1 : 0;
}

int cmd_review(struct cli *cli, int argc, char **argv)
{
	struct opt_list reasons = {0};
	const char *below = NULL;
	long limit = 0;
	const struct option opts[] = {
		{"reason", 'r', OPT_LIST, &reasons, "R", "only this reason (repeatable; see above)"},
		{"below", 0, OPT_STRING, &below, "X", "low-confidence means below X (0..1; default 0.5)"},
		{"limit", 0, OPT_LONG, &limit, "N", "at most N events"},
		{NULL, 0, 0, NULL, NULL, NULL}};
	char **pos;
	int npos, rc = parse_options("communique", usage, opts, argc, argv, &pos, &npos);
	free(pos);
	if (rc || npos) {
		if (!rc)
			error("review takes no arguments (see --help)");
		opt_list_release(&reasons);
		return rc > 0 ? (close_stdout() ? EXIT_ARCHIVE : EXIT_OK) : EXIT_USAGE;
	}
	unsigned mask = 0;
	for (size_t i = 0; i < reasons.n; i++) {
		int found = 0;
		for (int r = 0; r < REVIEW_COUNT; r++)
			if (!strcmp(reasons.items[i], store_review_name((enum store_review_reason)r))) {
				mask |= 1u << r;
				found = 1;
			}
		if (!found) {
			error("--reason: '%s' is not one of unsupported, contradicted, undated, low-confidence,"
			      " warned, unverified", reasons.items[i]);
			opt_list_release(&reasons);
			return EXIT_USAGE;
		}
	}
	opt_list_release(&reasons);
	if (!mask)
		mask = ((1u << REVIEW_COUNT) - 1) & ~(1u << REVIEW_UNVERIFIED);
	double threshold = 0.5;
	if (below) {
		char *end;
		threshold = strtod(below, &end);
		if (end == below || *end || !(threshold > 0 && threshold <= 1)) {
			error("--below: '%s' is not a confidence above 0 and at most 1", below);
			return EXIT_USAGE;
		}
	}
	struct store *s;
	if (open_archive(cli, ARCHIVE_READ, &s))
		return EXIT_ARCHIVE;
	struct review_out o = {0};
	char *err = NULL;
	rc = store_review_each(s, mask, threshold, limit, print_item, &o, &err);
	if (rc)
		error("archive '%s': %s", cli->db_shown, err ? err : "cannot write");
	else if (!o.n)
		printf("nothing to review\n");
	free(err);
	store_close(s);
	if (close_stdout())
		return EXIT_ARCHIVE;
	return rc ? EXIT_ARCHIVE : EXIT_OK;
}
