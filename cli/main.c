/* communique: the entry point. Parses the global options, finds the command
 * in the table and runs it. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "store/store_lock.h"
#include "util/types.h"

#ifndef COMMUNIQUE_VERSION
#define COMMUNIQUE_VERSION "0.0.0"
#endif

static const struct command commands[] = {
	{"ingest", cmd_ingest, "import reports (files, directories or -) into the archive"},
	{"reports", cmd_reports, "list the reports in the archive"},
	{"show", cmd_show, "print one report with its metadata, body and events"},
	{"events", cmd_events, "list events as a readable chronology"},
	{"event", cmd_event, "show one event and correct it: edit, delete, add, merge, split, verify, note, tag, undo"},
	{"review", cmd_review, "events that need a person's eye: undated, contradicted, doubtful, unsupported"},
	{"reextract", cmd_reextract, "find the events of stored reports again, keeping ids and corrections"},
	{"report", cmd_report, "correct a stored report's date, agency, title or URL"},
	{"export", cmd_export, "write a timeline as csv, json, jsonl, html, timelinejs, markdown or icews, or dyads over time"},
	{"actors", cmd_actors, "list the actors the archive knows, with counts"},
	{"topics", cmd_topics, "list the topics the archive knows, with counts"},
	{"types", cmd_types, "list the event types with their CAMEO codes and counts"},
	{"extract", cmd_extract, "print what the importer sees in a file, as JSON, without storing it"},
	{"update", cmd_update, "import what is new in every source of the sources file (scheduled job)"},
	{"runs", cmd_runs, "show what the last imports and updates did"},
	{"cursors", cmd_cursors, "list the cursors of incremental exports (export --since-last)"},
	{"stats", cmd_stats, "reports and events by agency, type and month; actors and topics"},
	{"check", cmd_check, "check the archive's integrity and its own rules"},
	{"backup", cmd_backup, "write a consistent copy of the archive, also while it is updated"},
	{"copy", cmd_copy, "copy a whole archive between SQLite and PostgreSQL, ids kept"},
	{"serve", cmd_serve, "serve the archive to a browser: browse, chart and correct events (docs/serve.md)"},
	{NULL, NULL, NULL},
};

static void usage(FILE *out)
{
	fprintf(out,
		"usage: communique [--db PATH] [--dict FILE|DIR]... COMMAND [options]\n"
		"       communique --version | --help\n\n"
		"communique builds an archive of diplomatic statements from agency reports\n"
		"and turns it into timelines.\n\ncommands:\n");
	for (const struct command *c = commands; c->name; c++)
		fprintf(out, "  %-10s %s\n", c->name, c->summary);
	fprintf(out,
		"\nglobal options:\n"
		"  --db PATH          the archive (default: $COMMUNIQUE_DB, else ./archive.db)\n"
		"  --dict FILE|DIR    add an actor/topic dictionary (repeatable)\n\n"
		"exit codes: 0 all went in, 1 some inputs failed (the rest went in),\n"
		"2 usage error, 3 the archive could not be opened or written,\n"
		"4 another update holds the archive's lock (update without --wait).\n"
		"'communique COMMAND --help' describes a command. The event types, their\n"
		"CAMEO codes, the dating rules and the JSON timeline contract are in\n"
		"docs/events.md; correcting events in docs/curation.md; the scheduled\n"
		"update in docs/scheduled-updates.md.\n");
}

/* A standard descriptor the caller closed (`communique export >&-`) is
 * taken by /dev/null, read-only: else the next file or socket opened (the
 * PostgreSQL connection) takes its number, and what the program writes to
 * stdout goes into the server's socket. Read-only, so that writes to it fail
 * (EBADF) as they would on the closed descriptor. */
static int hold_std_fds(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		/* open takes the lowest free number: fd, the lower ones being open. */
		int n = open("/dev/null", O_RDONLY);
		if (n != fd) {
			if (n >= 0)
				close(n);
			return -1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct cli cli = {.prog = "communique"};
	if (hold_std_fds())
		return EXIT_ARCHIVE;
	const char *env = getenv("COMMUNIQUE_DB");
	cli.db_path = env && *env ? env : "archive.db";
	const char **dicts = calloc((size_t)argc + 1, sizeof(*dicts));
	if (!dicts)
		return EXIT_ARCHIVE;
	cli.dicts = dicts;
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			free(dicts);
			return close_stdout() ? EXIT_ARCHIVE : EXIT_OK;
		}
		if (!strcmp(a, "--version")) {
			printf("communique %s\n", COMMUNIQUE_VERSION);
			free(dicts);
			return close_stdout() ? EXIT_ARCHIVE : EXIT_OK;
		}
		if (!strcmp(a, "--db") || !strcmp(a, "--dict")) {
			if (i + 1 >= argc) {
				error("%s needs a path", a);
				free(dicts);
				return EXIT_USAGE;
			}
			if (a[2] == 'd' && a[3] == 'b')
				cli.db_path = argv[++i];
			else
				dicts[cli.n_dicts++] = argv[++i];
			continue;
		}
		if (!strncmp(a, "--db=", 5)) {
			cli.db_path = a + 5;
			continue;
		}
		if (!strncmp(a, "--dict=", 7)) {
			dicts[cli.n_dicts++] = a + 7;
			continue;
		}
		error("unknown option '%s' (see 'communique --help')", a);
		free(dicts);
		return EXIT_USAGE;
	}
	if (i >= argc) {
		usage(stderr);
		free(dicts);
		return EXIT_USAGE;
	}
	for (const struct command *c = commands; c->name; c++) {
		if (!strcmp(c->name, argv[i])) {
			/* The event types first: dictionaries, filters and exports name them. */
			char *err = NULL;
			if (types_load(dicts, cli.n_dicts, &err)) {
				error("%s", err ? err : "out of memory");
				free(err);
				free(dicts);
				return EXIT_USAGE;
			}
			/* Messages name the archive without a URI's password. */
			char *shown = store_target_shown(cli.db_path);
			if (!shown) {
				error("out of memory");
				types_release();
				free(dicts);
				return EXIT_ARCHIVE;
			}
			cli.db_shown = shown;
			int rc = c->run(&cli, argc - i, argv + i);
			free(shown);
			types_release();
			free(dicts);
			return rc;
		}
	}
	error("'%s' is not a command (see 'communique --help')", argv[i]);
	free(dicts);
	return EXIT_USAGE;
}
