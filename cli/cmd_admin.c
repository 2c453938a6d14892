/* The archive's administration commands: runs (what the updates did),
 * cursors (where incremental exports stand), stats, check and backup. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/archive.h"
#include "store/store_lock.h"
#include "cli/term.h"
#include "cli/tmpout.h"
#include "store/store_admin.h"
#include "util/buf.h"

/* Parses a command that takes no arguments besides its options; returns -1
 * when the command should end with *code. */
static int parse_simple(const char *usage, const struct option *opts, int argc, char **argv,
			int want_pos, char ***pos, int *npos, int *code)
{
	int rc = parse_options("communique", usage, opts, argc, argv, pos, npos);
	if (!rc && *npos != want_pos) {
		error("%s takes %s (see --help)", argv[0], want_pos ? "one argument" : "no arguments");
		rc = -1;
	}
	if (rc) {
		free(*pos);
		*pos = NULL;
		*code = rc > 0 ? (close_stdout() ? EXIT_ARCHIVE : EXIT_OK) : EXIT_USAGE;
		return -1;
	}
	return 0;
}

/* Opens an archive that must already exist (these commands never create
 * one), read-only: they only read it (see open_archive). */
static int open_existing(struct cli *cli, int flags, struct store **s)
{
	struct stat sb;
	if (!store_target_is_server(cli->db_path)) {
		if (stat(cli->db_path, &sb) != 0) {
			error("cannot open archive '%s': %s", cli->db_shown, strerror(errno));
			return -1;
		}
		return open_archive(cli, ARCHIVE_READ | flags, s);
	}
	/* A server's database without communique's schema (an empty one, made
	 * for the archive and not written yet) is the missing file's case:
	 * looked at as it is first, for open_archive would create the schema. */
	if (open_archive(cli, ARCHIVE_READ | ARCHIVE_AS_IS, s))
		return -1;
	if (store_version(*s) == 0) {
		error("cannot open archive '%s': no archive in this database yet (it has no communique schema)",
		      cli->db_shown);
		store_close(*s);
		*s = NULL;
		return -1;
	}
	if (flags & ARCHIVE_AS_IS)
		return 0;
	store_close(*s);
	*s = NULL;
	return open_archive(cli, ARCHIVE_READ | flags, s);
}

static int finish(struct store *s, int rc, char *err, const char *db)
{
	if (rc < 0 && err)
		error("archive '%s': %s", db, err);
	free(err);
	store_close(s);
	if (close_stdout())
		return EXIT_ARCHIVE;
	return rc < 0 ? EXIT_ARCHIVE : EXIT_OK;
}

/* ---- runs ---------------------------------------------------------------------- */

static const char runs_usage[] = "runs [--last N]\n\n"
	"Shows the last import runs (update and ingest), newest first: when, how long,\n"
	"the exit code, the counts, and per source its status and errors. A run that\n"
	"never ended was killed (or is still going).";

struct runs_ctx {
	struct store *s;
	char **err;
};

static int print_run_source(void *ctx, const struct store_run_source *r)
{
	(void)ctx;
	printf("  %-20s %-13s imported %ld, replaced %ld, unchanged %ld, failed %ld\n", tv(r->source),
	       tv(r->status), r->imported, r->replaced, r->unchanged, r->failed);
	/* One stored message a line; each escaped, so that none can forge a
	 * line (nor did update store one with a newline in it). */
	const char *e = r->errors ? r->errors : "";
	struct buf line;
	buf_init(&line, 0);
	while (*e) {
		const char *nl = strchr(e, '\n');
		size_t n = nl ? (size_t)(nl - e) : strlen(e);
		buf_reset(&line);
		buf_add(&line, e, n);
		char fb[128];
		printf("      %s\n", tv(buf_msg_str(&line, "this line", fb, sizeof(fb))));
		e += n + (nl ? 1 : 0);
	}
	buf_release(&line);
	return ferror(stdout) ? 1 : 0;
}

static int print_run(void *ctx, const struct store_run *r)
{
	struct runs_ctx *c = ctx;
	char when[32];
	format_iso_utc(r->started_at, when);
	printf("run %lld  %s  %s", (long long)r->id, r->command ? tv(r->command) : "?", when);
	if (!r->ended)
		printf("  did not finish (killed, or still running)\n");
	else if (r->exit_code >= 0)
		printf("  %lld s  exit %d\n", (long long)(r->ended_at - r->started_at), r->exit_code);
	else
		printf("  %lld s\n", (long long)(r->ended_at - r->started_at));
	if (r->ended)
		printf("  imported %ld, replaced %ld, unchanged %ld, failed %ld\n", r->imported, r->replaced,
		       r->unchanged, r->failed);
	return store_run_sources_each(c->s, r->id, print_run_source, NULL, c->err);
}

int cmd_runs(struct cli *cli, int argc, char **argv)
{
	long last = 10;
	const struct option opts[] = {
		{"last", 0, OPT_LONG, &last, "N", "the last N runs (default 10; 0 = all)"},
		{NULL, 0, 0, NULL, NULL, NULL},
	};
	char **pos;
	int npos, code;
	if (parse_simple(runs_usage, opts, argc, argv, 0, &pos, &npos, &code))
		return code;
	free(pos);
	struct store *s;
	if (open_existing(cli, 0, &s))
		return EXIT_ARCHIVE;
	char *err = NULL;
	struct runs_ctx c = {.s = s, .err = &err};
	int rc = store_runs_each(s, last, print_run, &c, &err);
	return finish(s, rc, err, cli->db_shown);
}

/* ---- cursors --------------------------------------------------------------------- */

static const char cursors_usage[] = "cursors\n\n"
	"Lists the cursors of incremental exports ('export --since-last NAME'): when each\n"
	"was last used, how many events it wrote then and in all, how many events changed\n"
	"since, and where it wrote.";

static int print_cursor(void *ctx, const struct store_cursor *c)
{
	int *n = ctx;
	if (!(*n)++)
		printf("%-20s %-20s %8s %8s %8s  %s\n", "NAME", "LAST USED", "LAST", "TOTAL", "PENDING",
		       "FORMAT OUTPUT");
	char when[32];
	format_iso_utc(c->used_at, when);
	printf("%-20s %-20s %8ld %8ld %8ld  %s %s\n", tv(c->name), when, c->exported, c->total, c->pending,
	       c->format ? tv(c->format) : "-", c->output ? tv(c->output) : "(stdout)");
	return ferror(stdout) ? 1 : 0;
}

int cmd_cursors(struct cli *cli, int argc, char **argv)
{
	const struct option opts[] = {{NULL, 0, 0, NULL, NULL, NULL}};
	char **pos;
	int npos, code;
	if (parse_simple(cursors_usage, opts, argc, argv, 0, &pos, &npos, &code))
		return code;
	free(pos);
	struct store *s;
	if (open_existing(cli, 0, &s))
		return EXIT_ARCHIVE;
	char *err = NULL;
	int n = 0;
	int rc = store_cursors_each(s, print_cursor, &n, &err);
	if (!rc && !n)
		printf("no export cursors yet (see 'communique export --since-last NAME')\n");
	return finish(s, rc, err, cli->db_shown);
}

/* ---- stats -------------------------------------------------------------------------- */

static const char stats_usage[] = "stats [--top N]\n\n"
	"Summarises the archive: reports and events by agency, type and month, the actors\n"
	"and topics most present, and the time span covered.";

struct stats_ctx {
	int first;
	int events_first;        /* print events before reports */
};

static int print_stat(void *ctx, const struct store_stat *st)
{
	struct stats_ctx *c = ctx;
	c->first = 0;
	char key[160];
	if (st->detail && *st->detail)
		snprintf(key, sizeof(key), "%s (%s)", tv(st->key), tv(st->detail));
	else
		snprintf(key, sizeof(key), "%s", tv(st->key));
	if (c->events_first)
		printf("  %-40s %8ld %8ld\n", key, st->events, st->reports);
	else
		printf("  %-40s %8ld %8ld\n", key, st->reports, st->events);
	return ferror(stdout) ? 1 : 0;
}

static int print_section(struct store *s, enum store_stat_kind kind, const char *title,
			 int events_first, long top, char **err)
{
	printf("\n%-42s %8s %8s\n", title, events_first ? "events" : "reports",
	       events_first ? "reports" : "events");
	struct stats_ctx c = {.first = 1, .events_first = events_first};
	int rc = store_stats_each(s, kind, top, print_stat, &c, err);
	if (!rc && c.first)
		printf("  (none)\n");
	return rc;
}

static void print_span(const struct store_span *sp)
{
	printf("archive: %ld reports from %ld agencies, %ld events, %ld actors, %ld topics\n",
	       sp->reports, sp->agencies, sp->events, sp->actors, sp->topics);
	if (sp->reports > sp->undated_reports) {
		char a[32], b[32];
		format_iso_utc(sp->first_published, a);
		format_iso_utc(sp->last_published, b);
		printf("reports published %.10s .. %.10s", a, b);
		printf(sp->undated_reports ? " (%ld undated)\n" : "\n", sp->undated_reports);
	}
	if (sp->first_event[0]) {
		printf("events dated %s .. %s", sp->first_event, sp->last_event);
		printf(sp->undated_events ? " (%ld undated)\n" : "\n", sp->undated_events);
	}
}

int cmd_stats(struct cli *cli, int argc, char **argv)
{
	long top = 10;
	const struct option opts[] = {
		{"top", 0, OPT_LONG, &top, "N", "how many actors and topics to show (default 10)"},
		{NULL, 0, 0, NULL, NULL, NULL},
	};
	char **pos;
	int npos, code;
	if (parse_simple(stats_usage, opts, argc, argv, 0, &pos, &npos, &code))
		return code;
	free(pos);
	struct store *s;
	if (open_existing(cli, 0, &s))
		return EXIT_ARCHIVE;
	char *err = NULL;
	struct store_span sp;
	int rc = store_span(s, &sp, &err);
	if (!rc)
		print_span(&sp);
	rc = rc || print_section(s, STAT_AGENCY, "by agency", 0, 0, &err) ||
	     print_section(s, STAT_TYPE, "by event type", 1, 0, &err) ||
	     print_section(s, STAT_MONTH, "by month", 0, 0, &err) ||
	     print_section(s, STAT_ACTOR, "actors most present", 1, top, &err) ||
	     print_section(s, STAT_TOPIC, "topics most present", 1, top, &err);
	return finish(s, rc ? -1 : 0, err, cli->db_shown);
}

/* ---- check ----------------------------------------------------------------------------- */

static const char check_usage[] = "check\n\n"
	"Checks the archive: SQLite's integrity and foreign key checks, the full-text\n"
	"indexes, and the archive's own rules (every event has a source report, every\n"
	"report a content hash, no report stored twice). Prints each problem; exits 1\n"
	"when there is any, 3 when the archive cannot be opened.\n\n"
	"check never writes the archive (a read-only one or a backup can be checked):\n"
	"the full-text indexes, which check themselves only as a write, are checked on\n"
	"a copy in $TMPDIR (or /tmp), which needs as much free space as the archive.\n"
	"An archive of an older schema is not upgraded: run update or ingest first.";

static int print_problem(void *ctx, const char *problem)
{
	(void)ctx;
	printf("%s\n", tv(problem));
	return 0;
}

int cmd_check(struct cli *cli, int argc, char **argv)
{
	int quiet = 0;
	const struct option opts[] = {
		{"quiet", 'q', OPT_FLAG, &quiet, NULL, "print nothing when all is well"},
		{NULL, 0, 0, NULL, NULL, NULL},
	};
	char **pos;
	int npos, code;
	if (parse_simple(check_usage, opts, argc, argv, 0, &pos, &npos, &code))
		return code;
	free(pos);
	struct store *s;
	/* As it is: no migration, no write of any kind. */
	if (open_existing(cli, ARCHIVE_AS_IS, &s))
		return EXIT_ARCHIVE;
	char *err = NULL;
	long problems = 0;
	int rc = 0;
	if (store_version(s) == 0) {
		/* Created, then killed before its schema went in: empty, and
		 * nothing in it can be wrong. */
	} else if (store_version(s) < store_latest_version()) {
		struct buf m;
		buf_init(&m, 0);
		buf_printf(&m, "the archive has schema %d, this build checks %d: a command that writes"
			   " (update, ingest) brings it up to date; check changes nothing",
			   store_version(s), store_latest_version());
		err = buf_finish_msg(&m, "why the archive is not checked");
		rc = -1;
	} else {
		rc = store_check(s, print_problem, NULL, &problems, &err);
	}
	int server = store_target_is_server(cli->db_path);
	if (!rc && store_version(s) > 0 && !server) {
		/* The full-text indexes check themselves only as a write: on a
		 * copy in the temporary directory. */
		const char *dir = getenv("TMPDIR");
		struct buf where;
		buf_init(&where, 0);
		buf_printf(&where, "%s/check.db", dir && *dir ? dir : "/tmp");
		char *tmp = buf_failed(&where) ? NULL : tmpout_begin(buf_str(&where));
		buf_release(&where);
		rc = tmp ? store_check_fulltext(s, tmp, print_problem, NULL, &problems, &err) : -1;
		if (!tmp)
			err = strdup("out of memory");
		tmpout_end(tmp, 1);
	}
	if (rc) {
		error("archive '%s': %s", cli->db_shown, err);
		free(err);
		store_close(s);
		close_stdout();
		return EXIT_ARCHIVE;
	}
	store_close(s);
	/* What a check on PostgreSQL leaves to the server, said each time. */
	if (server && !quiet)
		printf("archive '%s': foreign keys and the archive's invariants checked; the server's own"
		       " storage (no integrity_check) and its text-search indexes (no FTS tables) are not\n",
		       cli->db_shown);
	if (!problems && !quiet)
		printf("archive '%s': ok\n", cli->db_shown);
	if (close_stdout())
		return EXIT_ARCHIVE;
	if (problems) {
		error("archive '%s': %ld problem%s", cli->db_shown, problems, problems == 1 ? "" : "s");
		return EXIT_PARTIAL;
	}
	return EXIT_OK;
}

/* ---- backup ------------------------------------------------------------------------------ */

static const char backup_usage[] = "backup FILE\n\n"
	"Writes a consistent copy of the archive to FILE, also while an update runs: the\n"
	"copy is written under a temporary name (.communique-tmp-PID-FILE beside it),\n"
	"checked in full, synced and then renamed, so FILE is either the previous backup\n"
	"or the new one, never half of one nor a copy of a damaged archive.";

int cmd_backup(struct cli *cli, int argc, char **argv)
{
	const struct option opts[] = {{NULL, 0, 0, NULL, NULL, NULL}};
	char **pos;
	int npos, code;
	if (parse_simple(backup_usage, opts, argc, argv, 1, &pos, &npos, &code))
		return code;
	const char *target = pos[0];
	/* A consistent copy of a server's database is the server's tools' job
	 * (pg_dump), or communique copy's to an SQLite file. */
	if (store_target_is_server(cli->db_path)) {
		error("backup: '%s' is an archive on a PostgreSQL server: back it up with the server's"
		      " tools (pg_dump), or copy it to an SQLite file with 'communique copy'", cli->db_shown);
		free(pos);
		return EXIT_USAGE;
	}
	if (refuse_archive_output(cli, "backup", target)) {
		free(pos);
		return EXIT_USAGE;
	}
	struct store *s;
	if (open_existing(cli, 0, &s)) {
		free(pos);
		return EXIT_ARCHIVE;
	}
	char *err = NULL;
	char *tmp = tmpout_begin(target);
	int rc = tmp ? store_backup(s, target, tmp, &err) : -1;
	if (rc)
		error("cannot back up '%s' to '%s': %s", cli->db_shown, target, err ? err : "out of memory");
	tmpout_end(tmp, rc != 0);
	free(err);
	free(pos);
	store_close(s);
	if (close_stdout())
		return EXIT_ARCHIVE;
	return rc ? EXIT_ARCHIVE : EXIT_OK;
}
