/* communique update: the scheduled job. Visits every source of the sources
 * file, imports what is new or changed, records the run in the archive and
 * says what it did: nothing on success (cron), one line with --summary,
 * everything with --verbose, errors always on stderr, and timestamped lines
 * in --log. Writers are serialised by the archive's writer lock (a lock file
 * beside an SQLite archive, an advisory lock on PostgreSQL). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "cli/archive.h"
#include "store/store_lock.h"
#include "cli/term.h"
#include "ingest/sources.h"
#include "store/store_admin.h"
#include "util/buf.h"

#ifndef COMMUNIQUE_VERSION
#define COMMUNIQUE_VERSION "0.0.0"
#endif

static const char usage[] =
	"update [--sources FILE] [--source NAME]... [--dry-run] [--summary] [--verbose]\n"
	"                  [--log FILE] [--wait SECONDS] [--timeout SECONDS] [--rescan]\n\n"
	"Imports what is new or changed in every source of the sources file (default:\n"
	"sources.conf beside the archive) and records the run ('communique runs').\n"
	"Silent on success unless --verbose or --summary; errors go to stderr.\n\n"
	"exit codes: 0 all went in, 1 some sources or files failed (the rest went in),\n"
	"2 usage or sources file error, 3 the archive could not be updated,\n"
	"4 another update is running (EXIT_LOCKED; see --wait).";

#define MAX_ERRORS_KEPT 50

struct run_ui {
	int verbose, dry_run;
	int log_fd;                 /* -1 when no --log */
	struct buf errors;          /* the current source's errors, one a line */
	long n_errors;
};

/* Appends one line to the log, stamped with the UTC time (ISO 8601). */
static void log_line(struct run_ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void log_line(struct run_ui *ui, const char *fmt, ...)
{
	if (ui->log_fd < 0)
		return;
	char when[32];
	format_iso_utc((int64_t)time(NULL), when);
	struct buf b;
	buf_init(&b, 65536);
	buf_printf(&b, "%s update[%ld]: ", when, (long)getpid());
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	/* One line, whatever file names and titles hold (term.h). */
	struct buf line;
	char fb[128];
	buf_init(&line, 65536 + 1024);
	term_escape(&line, buf_msg_str(&b, "a log line", fb, sizeof(fb)), TERM_LINE);
	buf_release(&b);
	b = line;
	buf_addch(&b, '\n');
	if (buf_failed(&b)) {   /* cut short, or escaped short: said so instead */
		buf_reset(&b);
		buf_printf(&b, "%s update[%ld]: cannot write a log line: out of memory or too long\n", when,
			   (long)getpid());
	}
	/* One write per line: O_APPEND keeps lines of concurrent writers whole. */
	if (write(ui->log_fd, b.data, b.len) < 0)
		ui->log_fd = -1;
	buf_release(&b);
}

static void on_message(void *ctx, enum update_msg kind, const struct source *src, const char *where,
		       const char *msg)
{
	struct run_ui *ui = ctx;
	if (kind == UPDATE_ERROR) {
		error("%s: %s: %s", src->name, where, msg);
		log_line(ui, "error: %s: %s: %s", src->name, where, msg);
		/* One message a line: a newline in a file name must not forge one. */
		if (ui->n_errors++ < MAX_ERRORS_KEPT)
			buf_printf(&ui->errors, "%s%s: %s", ui->errors.len ? "\n" : "", tv(where), tv(msg));
		return;
	}
	if (kind == UPDATE_WARNING) {
		if (ui->verbose)
			warning("%s: %s: %s", src->name, where, msg);
		log_line(ui, "warning: %s: %s: %s", src->name, where, msg);
		return;
	}
	if (ui->verbose || ui->dry_run)
		printf("%s: %s: %s\n", tv(src->name), tv(where), tv(msg));
}

static char *default_sources(const char *db_path)
{
	/* Beside the archive's file; a server's archive has no directory here:
	 * sources.conf in the current one. */
	const char *slash = store_target_is_server(db_path) ? NULL : strrchr(db_path, '/');
	struct buf b;
	buf_init(&b, 0);
	if (slash)
		buf_add(&b, db_path, (size_t)(slash - db_path) + 1);
	buf_addstr(&b, "sources.conf");
	return buf_finish(&b);
}

struct totals {
	long imported, replaced, unchanged, failed;
	int sources, sources_failed;
	int archive_failed;
};

static void describe_source(struct run_ui *ui, const struct source *src, const struct source_result *r)
{
	if (ui->verbose)
		printf("%s: %s, imported %ld, replaced %ld, unchanged %ld, failed %ld"
		       " (%ld files read, %ld skipped)\n", src->name, source_status(r), r->imported,
		       r->replaced, r->unchanged, r->failed, r->files_read, r->files_skipped);
	log_line(ui, "%s: %s, imported %ld, replaced %ld, unchanged %ld, failed %ld", src->name,
		 source_status(r), r->imported, r->replaced, r->unchanged, r->failed);
}

/* Visits the chosen sources in order; records each in the run. */
static void run_sources(struct store *s, struct updater *u, int64_t run, const struct source_list *l,
			const struct opt_list *only, struct run_ui *ui, struct totals *t, const char *db)
{
	for (size_t i = 0; i < l->n && !t->archive_failed; i++) {
		const struct source *src = &l->v[i];
		int chosen = !only->n;
		for (size_t k = 0; k < only->n; k++)
			chosen |= !strcmp(only->items[k], src->name);
		if (!chosen)
			continue;
		buf_reset(&ui->errors);
		ui->n_errors = 0;
		struct source_result r;
		char *err = NULL;
		t->sources++;
		if (updater_source(u, src, &r, &err)) {
			error("archive '%s': %s", db, err);
			log_line(ui, "error: archive '%s': %s", db, err);
			free(err);
			t->archive_failed = 1;
			break;
		}
		if (ui->n_errors > MAX_ERRORS_KEPT)
			buf_printf(&ui->errors, "\n... and %ld more", ui->n_errors - MAX_ERRORS_KEPT);
		describe_source(ui, src, &r);
		t->imported += r.imported;
		t->replaced += r.replaced;
		t->unchanged += r.unchanged;
		t->failed += r.failed;
		t->sources_failed += r.source_failed;
		if (ui->dry_run)
			continue;
		char fb[128];
		struct store_run_source rs = {
			.source = src->name, .status = source_status(&r), .imported = r.imported,
			.replaced = r.replaced, .unchanged = r.unchanged, .failed = r.failed,
			.errors = buf_msg_str(&ui->errors, "this source's errors", fb, sizeof(fb)),
		};
		if (store_run_source_add(s, run, &rs, &err)) {
			error("archive '%s': %s", db, err);
			free(err);
			t->archive_failed = 1;
		}
	}
}

static int finish_run(struct store *s, int64_t run, const struct totals *t, int code, const char *db)
{
	char *err = NULL;
	if (store_run_end(s, run, t->imported, t->unchanged, t->replaced, t->failed, &err) ||
	    store_run_exit(s, run, code, &err)) {
		error("archive '%s': %s", db, err);
		free(err);
		return -1;
	}
	return 0;
}

struct update_args {
	const char *sources, *log;
	struct opt_list only;
	int dry_run, summary, verbose, rescan;
	long wait, timeout, attempts, batch;
};

/* Everything after the lock: open, visit, record. Returns the exit code. */
static int update_locked(struct cli *cli, const struct update_args *a, const struct source_list *l,
			 struct run_ui *ui)
{
	struct store *s = NULL;
	struct extractor *x = NULL;
	if (open_archive(cli, 0, &s)) {
		log_line(ui, "error: cannot open the archive '%s'", cli->db_shown);
		return EXIT_ARCHIVE;
	}
	char *sig = extractor_signature(cli);
	store_set_extractor(s, sig);
	free(sig);
	struct update_options o = {.dry_run = a->dry_run, .rescan = a->rescan, .batch = (int)a->batch};
	o.fetch.timeout_ms = a->timeout * 1000;
	o.fetch.attempts = (int)a->attempts;
	o.fetch.user_agent = "communique/" COMMUNIQUE_VERSION;
	struct updater *u = NULL;
	struct totals t = {0};
	int64_t run = 0;
	char *err = NULL;
	/* The run is recorded before the dictionaries load: a run that dies or
	 * is refused while loading them still shows in 'communique runs'. */
	if (!a->dry_run && store_run_begin(s, "update", &run, &err)) {
		error("archive '%s': %s", cli->db_shown, err);
		log_line(ui, "error: archive '%s': %s", cli->db_shown, err);
		free(err);
		store_close(s);
		return EXIT_ARCHIVE;
	}
	if (!a->dry_run && open_extractor(cli, &x)) {
		log_line(ui, "error: the dictionaries could not be loaded");
		finish_run(s, run, &t, EXIT_USAGE, cli->db_shown);
		store_close(s);
		return EXIT_USAGE;
	}
	if (updater_new(s, x, &o, on_message, ui, &u, &err)) {
		error("archive '%s': %s", cli->db_shown, err);
		log_line(ui, "error: archive '%s': %s", cli->db_shown, err);
		free(err);
		store_close(s);
		extractor_free(x);
		return EXIT_ARCHIVE;
	}
	run_sources(s, u, run, l, &a->only, ui, &t, cli->db_shown);
	updater_free(u);
	int code = t.archive_failed ? EXIT_ARCHIVE : (t.failed || t.sources_failed) ? EXIT_PARTIAL : EXIT_OK;
	if (!a->dry_run && !t.archive_failed && finish_run(s, run, &t, code, cli->db_shown))
		code = EXIT_ARCHIVE;
	store_close(s);
	extractor_free(x);
	struct buf line;
	buf_init(&line, 0);
	buf_printf(&line, "%s%d source%s, %s %ld, %s %ld, unchanged %ld, failed %ld",
		   a->dry_run ? "dry run: " : "", t.sources, t.sources == 1 ? "" : "s",
		   a->dry_run ? "would import" : "imported", t.imported,
		   a->dry_run ? "would replace" : "replaced", t.replaced, t.unchanged, t.failed);
	if (t.sources_failed)
		buf_printf(&line, " (%d source%s could not be read)", t.sources_failed,
			   t.sources_failed == 1 ? "" : "s");
	char fb[128];
	const char *said = buf_msg_str(&line, "the summary", fb, sizeof(fb));
	if (a->summary || a->verbose || a->dry_run)
		printf("%s%s\n", a->dry_run ? "" : "update: ", said);
	log_line(ui, "done, exit %d: %s", code, said);
	buf_release(&line);
	return code;
}

static int open_log(const char *path, struct run_ui *ui)
{
	ui->log_fd = -1;
	if (!path)
		return 0;
	ui->log_fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (ui->log_fd < 0) {
		error("cannot open the log '%s': %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int check_args(const struct update_args *a, const struct source_list *l)
{
	for (size_t k = 0; k < a->only.n; k++)
		if (!sources_find(l, a->only.items[k])) {
			error("no source '%s' in the sources file", a->only.items[k]);
			return -1;
		}
	return 0;
}

static int update_with_sources(struct cli *cli, struct update_args *a, struct run_ui *ui)
{
	char *dflt = a->sources ? NULL : default_sources(cli->db_path);
	const char *path = a->sources ? a->sources : dflt;
	if (!path) {
		error("cannot name the sources file: out of memory");
		return EXIT_ARCHIVE;
	}
	struct source_list l;
	char *err = NULL;
	if (sources_load(path, &l, &err)) {
		error("%s", err);
		log_line(ui, "error: %s", err);
		free(err);
		free(dflt);
		return EXIT_USAGE;
	}
	if (check_args(a, &l)) {
		sources_release(&l);
		free(dflt);
		return EXIT_USAGE;
	}
	struct store_lock *lock = NULL;
	int rc, got = 0;
	if (!a->dry_run && (got = archive_writer_lock(cli, a->wait, &lock)) < 0) {
		if (got == -2) {
			error("another update is running (%s%s is held)",
			      store_target_is_server(cli->db_path) ? "" : "the lock ", archive_lock_name(cli));
			log_line(ui, "another update is running: nothing done");
		}
		sources_release(&l);
		free(dflt);
		return got == -2 ? EXIT_LOCKED : EXIT_ARCHIVE;
	}
	if (fetch_init()) {
		error("cannot initialise libcurl");
		rc = EXIT_ARCHIVE;
	} else {
		log_line(ui, "start: archive '%s', sources '%s'", cli->db_shown, path);
		rc = update_locked(cli, a, &l, ui);
		fetch_cleanup();
	}
	store_lock_release(lock);
	sources_release(&l);
	free(dflt);
	return rc;
}

int cmd_update(struct cli *cli, int argc, char **argv)
{
	struct update_args a = {.timeout = 60, .attempts = 3};
	const struct option opts[] = {
		{"sources", 0, OPT_STRING, &a.sources, "FILE", "the sources file (default: sources.conf beside the archive)"},
		{"source", 0, OPT_LIST, &a.only, "NAME", "only this source (repeatable)"},
		{"dry-run", 'n', OPT_FLAG, &a.dry_run, NULL, "say what would be imported; change nothing"},
		{"summary", 0, OPT_FLAG, &a.summary, NULL, "print one summary line"},
		{"verbose", 'v', OPT_FLAG, &a.verbose, NULL, "say what was done, source by source"},
		{"log", 0, OPT_STRING, &a.log, "FILE", "append timestamped lines (UTC) to FILE"},
		{"wait", 0, OPT_LONG, &a.wait, "SECONDS", "wait up to SECONDS for a running update (default 0)"},
		{"timeout", 0, OPT_LONG, &a.timeout, "SECONDS", "feeds: give up an attempt after SECONDS (default 60)"},
		{"attempts", 0, OPT_LONG, &a.attempts, "N", "feeds: tries for transient failures (default 3)"},
		{"rescan", 0, OPT_FLAG, &a.rescan, NULL, "hash every file again, ignoring the remembered state"},
		{"batch", 0, OPT_LONG, &a.batch, "N", "files per transaction (default 100)"},
		{NULL, 0, 0, NULL, NULL, NULL},
	};
	char **pos;
	int npos, rc = parse_options("communique", usage, opts, argc, argv, &pos, &npos);
	free(pos);
	if (rc || npos || a.timeout < 1 || a.attempts < 1) {
		if (!rc && npos)
			error("update takes no arguments (sources are in the sources file)");
		else if (!rc)
			error("--timeout and --attempts need at least 1");
		opt_list_release(&a.only);
		return rc > 0 ? (close_stdout() ? EXIT_ARCHIVE : EXIT_OK) : EXIT_USAGE;
	}
	struct run_ui ui = {.verbose = a.verbose, .dry_run = a.dry_run};
	buf_init(&ui.errors, 0);
	if (open_log(a.log, &ui)) {
		opt_list_release(&a.only);
		return EXIT_USAGE;
	}
	rc = update_with_sources(cli, &a, &ui);
	if (ui.log_fd >= 0)
		close(ui.log_fd);
	buf_release(&ui.errors);
	opt_list_release(&a.only);
	if (close_stdout() && rc == EXIT_OK)
		rc = EXIT_PARTIAL;
	return rc;
}
