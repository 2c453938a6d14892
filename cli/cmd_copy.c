/* communique copy: moves a whole archive between SQLite and PostgreSQL
 * (either way, or file to file), ids and curations kept. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/archive.h"
#include "store/store_admin.h"
#include "store/store_lock.h"

static const char copy_usage[] = "copy [--from ARCHIVE] --to ARCHIVE\n\n"
	"Copies the whole archive ARCHIVE (--from; by default --db) into a new one\n"
	"(--to): every report, event, curation, run and cursor, with their ids. Either\n"
	"may be an SQLite file or a PostgreSQL database (postgresql://user@host/db).\n"
	"The target is created (a file) or given the schema (an empty database), and\n"
	"must be empty. Rows go in transactions of some thousands; until the last\n"
	"one the target is marked as an unfinished copy, which no command opens. A\n"
	"copy that fails empties the target again; one killed leaves it marked, and\n"
	"the next copy to it empties it and starts over.\n"
	"The source must be at this build's schema (any writing command brings it up\n"
	"to date); others may go on writing to it: the copy is of one moment.";

struct progress {
	int quiet;
	long total;
};

static int on_table(void *ctx, const char *table, long rows)
{
	struct progress *p = ctx;
	/* store_copy's word that the target held an unfinished copy. */
	if (!strcmp(table, "copy_unfinished")) {
		if (!p->quiet)
			printf("the target was an unfinished copy: emptied, starting over\n");
		return 0;
	}
	p->total += rows;
	if (!p->quiet)
		printf("%-16s %8ld\n", table, rows);
	return 0;
}

int cmd_copy(struct cli *cli, int argc, char **argv)
{
	const char *from = NULL, *to = NULL;
	int quiet = 0;
	const struct option opts[] = {
		{"from", 0, OPT_STRING, &from, "ARCHIVE", "the archive to copy (default: --db)"},
		{"to", 0, OPT_STRING, &to, "ARCHIVE", "the new archive (a file or a postgresql:// URI)"},
		{"quiet", 'q', OPT_FLAG, &quiet, NULL, "print nothing but errors"},
		{NULL, 0, 0, NULL, NULL, NULL},
	};
	char **pos;
	int npos;
	int rc = parse_options("communique", copy_usage, opts, argc, argv, &pos, &npos);
	free(pos);
	if (rc > 0)
		return close_stdout() ? EXIT_ARCHIVE : EXIT_OK;
	if (rc < 0)
		return EXIT_USAGE;
	if (npos) {
		error("copy takes no arguments (see --help)");
		return EXIT_USAGE;
	}
	if (!to) {
		error("copy: --to is needed (see --help)");
		return EXIT_USAGE;
	}
	if (!from)
		from = cli->db_path;
	char *from_shown = store_target_shown(from), *to_shown = store_target_shown(to);
	int code = EXIT_OK;
	if (!from_shown || !to_shown) {
		error("out of memory");
		code = EXIT_ARCHIVE;
		goto out;
	}
	if (!strcmp(from, to)) {
		error("copy: '%s' is both the source and the target", from_shown);
		code = EXIT_USAGE;
		goto out;
	}
	/* Nobody writes the new archive while it is filled. */
	struct store_lock *lock = NULL;
	char *err = NULL;
	int got = store_lock_take(to, 0, &lock, &err);
	if (got) {
		if (got > 0)
			error("another command holds the writer lock of '%s'", to_shown);
		else {
			char *m = err ? store_message_shown(err, to) : NULL;
			error("%s", m ? m : "out of memory");
			free(m);
		}
		free(err);
		code = got > 0 ? EXIT_LOCKED : EXIT_ARCHIVE;
		goto out;
	}
	struct progress p = {.quiet = quiet};
	if (store_copy(from, to, on_table, &p, &err)) {
		/* The layers below may name a URI whole: its password goes. */
		char *a = err ? store_message_shown(err, from) : NULL;
		char *b = a ? store_message_shown(a, to) : NULL;
		error("cannot copy '%s' to '%s': %s", from_shown, to_shown, b ? b : "out of memory");
		free(a);
		free(b);
		code = EXIT_ARCHIVE;
	} else if (!quiet) {
		printf("copied %ld rows from '%s' to '%s'\n", p.total, from_shown, to_shown);
	}
	free(err);
	store_lock_release(lock);
out:
	free(from_shown);
	free(to_shown);
	if (close_stdout() && code == EXIT_OK)
		code = EXIT_ARCHIVE;
	return code;
}
