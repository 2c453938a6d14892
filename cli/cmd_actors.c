/* communique actors / topics: what the archive knows, with counts. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/archive.h"
#include "cli/term.h"

static int print_actor(void *ctx, const struct store_count *c)
{
	(void)ctx;
	printf("%6ld  %-6s %-7s %s\n", c->count, c->code && *c->code ? tv(c->code) : "-", tv(c->kind),
	       tv(c->name));
	return ferror(stdout) ? -1 : 0;
}

static int print_topic(void *ctx, const struct store_count *c)
{
	(void)ctx;
	printf("%6ld  %-6s %s\n", c->count, tv(c->kind), tv(c->name));
	return ferror(stdout) ? -1 : 0;
}

static int list(struct cli *cli, int argc, char **argv, int actors)
{
	const char *search = NULL;
	const struct option opts[] = {
		{"search", 's', OPT_STRING, &search, "TEXT", "only actors whose name, alias or code holds TEXT"},
		{NULL, 0, 0, NULL, NULL, NULL},
	};
	char **pos;
	int npos, rc = parse_options("communique", actors ? "actors [--search TEXT]\n\nEvents per actor, most present first."
						      : "topics\n\nEvents per topic, most present first.",
				     actors ? opts : opts + 1, argc, argv, &pos, &npos);
	free(pos);
	if (rc || npos) {
		if (!rc)
			error("%s takes no arguments", argv[0]);
		return rc > 0 ? (close_stdout() ? EXIT_ARCHIVE : EXIT_OK) : EXIT_USAGE;
	}
	struct store *s;
	if (open_archive(cli, ARCHIVE_READ, &s))
		return EXIT_ARCHIVE;
	char *err = NULL;
	rc = actors ? store_actors_each(s, search, print_actor, NULL, &err)
		    : store_topics_each(s, print_topic, NULL, &err);
	if (rc && err)
		error("archive '%s': %s", cli->db_shown, err);
	free(err);
	store_close(s);
	if (close_stdout())
		return EXIT_ARCHIVE;
	return rc ? EXIT_ARCHIVE : EXIT_OK;
}

int cmd_actors(struct cli *cli, int argc, char **argv)
{
	return list(cli, argc, argv, 1);
}

int cmd_topics(struct cli *cli, int argc, char **argv)
{
	return list(cli, argc, argv, 0);
}
