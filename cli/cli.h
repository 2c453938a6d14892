/* The command line: the command table, the shared option parser, exit codes
 * and messages. Each subcommand lives in cli/cmd_<name>.c and only parses its
 * arguments and calls the modules; modules never print. */
#ifndef COMMUNIQUE_CLI_H
#define COMMUNIQUE_CLI_H
#include <stddef.h>
#include <stdio.h>

/* Documented exit codes (README). */
enum exit_code {
	EXIT_OK = 0,          /* all went in / all done */
	EXIT_PARTIAL = 1,     /* some inputs failed; the rest went in */
	EXIT_USAGE = 2,       /* bad command line */
	EXIT_ARCHIVE = 3,     /* the archive could not be opened or written */
	EXIT_LOCKED = 4,      /* another update holds the archive's lock (ARCHIVE.lock, or PostgreSQL's advisory lock) */
};

/* What every command gets from the global options. */
struct cli {
	const char *db_path;        /* --db, $COMMUNIQUE_DB, or ./archive.db: a file or a postgresql:// URI */
	const char *db_shown;       /* db_path as messages show it: a URI's password as "***" */
	const char **dicts;         /* --dict FILE|DIR, repeatable */
	size_t n_dicts;
	const char *prog;           /* "communique" */
};

struct command {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);  /* argv[0] is the command name */
	const char *summary;
};

enum opt_type {
	OPT_FLAG,       /* int *: set to 1 */
	OPT_STRING,     /* const char **: the argument */
	OPT_LIST,       /* struct opt_list *: repeatable; each use appends */
	OPT_LONG,       /* long *: a non-negative number */
	OPT_PAIR,       /* const char *[2]: takes two arguments (--between X Y) */
	OPT_COUNT,      /* long *: a number above 0 (0 stays "not given") */
};

struct opt_list {
	const char **items;
	size_t n;
};

struct option {
	const char *name;       /* long name without "--"; NULL ends the table */
	char short_name;        /* 0 when none */
	enum opt_type type;
	void *value;
	const char *arg;        /* name of the argument in help, "FILE" */
	const char *help;
};

/* Parses argv[1..] of a command against the table. Positional arguments are
 * gathered into *pos / *npos (pointers into argv; "-" is positional, "--"
 * ends options). Returns 0, 1 when --help was asked (help printed to stdout),
 * or -1 on a usage error (message printed to stderr). */
int parse_options(const char *prog, const char *usage, const struct option *opts, int argc,
		  char **argv, char ***pos, int *npos);
void print_help(FILE *out, const char *prog, const char *usage, const struct option *opts);
void opt_list_release(struct opt_list *l);

/* Messages on stderr, prefixed with the program name. */
void error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Flushes and closes stdout; a failed write (disk full, closed pipe) is an
 * error. Returns 0 or -1 (after printing the message). */
int close_stdout(void);

/* The commands (one file each). */
int cmd_ingest(struct cli *cli, int argc, char **argv);
int cmd_reports(struct cli *cli, int argc, char **argv);
int cmd_show(struct cli *cli, int argc, char **argv);
int cmd_extract(struct cli *cli, int argc, char **argv);
int cmd_events(struct cli *cli, int argc, char **argv);
int cmd_export(struct cli *cli, int argc, char **argv);
int cmd_actors(struct cli *cli, int argc, char **argv);
int cmd_topics(struct cli *cli, int argc, char **argv);
/* The scheduled update and the archive's administration (cmd_update.c, cmd_admin.c). */
int cmd_update(struct cli *cli, int argc, char **argv);
int cmd_runs(struct cli *cli, int argc, char **argv);
int cmd_cursors(struct cli *cli, int argc, char **argv);
int cmd_stats(struct cli *cli, int argc, char **argv);
int cmd_check(struct cli *cli, int argc, char **argv);
int cmd_backup(struct cli *cli, int argc, char **argv);
int cmd_copy(struct cli *cli, int argc, char **argv);
/* Curation, review and re-extraction (cmd_event.c, cmd_review.c, cmd_reextract.c). */
int cmd_event(struct cli *cli, int argc, char **argv);
int cmd_review(struct cli *cli, int argc, char **argv);
int cmd_reextract(struct cli *cli, int argc, char **argv);
int cmd_report(struct cli *cli, int argc, char **argv);
/* The event types with their CAMEO codes and counts (cmd_types.c); print_types also serves --type help. */
int cmd_types(struct cli *cli, int argc, char **argv);
int print_types(struct cli *cli);
int cmd_serve(struct cli *cli, int argc, char **argv);   /* the browser workspace (cmd_serve.c, web/) */

#endif
