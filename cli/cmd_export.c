/* communique export: a timeline in one of the exporters' formats, to stdout
 * or to a file that appears only when complete. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/archive.h"
#include "cli/filter.h"
#include "cli/tmpout.h"
#include "store/store_admin.h"
#include "util/buf.h"

static const char usage[] =
	"export --format F [filters] [-o FILE] [--excel] [--delimiter C] [--raw] [--title T] [--period P]\n"
	"                  [--since-last NAME [--peek]] [--append]\n\n"
	"Writes the selected events as a timeline. With -o the file is written under a\n"
	"temporary name and renamed only when complete.\n\n"
	"Incremental exports: --since-last NAME writes only the events new, changed or\n"
	"withdrawn (deleted, merged away, no longer reported) since cursor NAME was last\n"
	"used with success (all of them the first time), each with its change (the JSON\n"
	"\"change\" field, the CSV \"change\" column), and moves the cursor only once the\n"
	"output is complete ('communique cursors' lists them); --peek shows what is\n"
	"pending without moving it. Curations (edits, notes, tags, verification) are\n"
	"changes like any other. --append (csv, icews) adds the rows to the end of FILE without repeating\n"
	"the header (a new or empty FILE gets one); appending is not atomic: a failed\n"
	"write is cut off again, but a crash in the middle may leave part of the rows,\n"
	"and then the cursor has not moved and they are written again.";

struct export_run {
	const struct exporter *ex;
	void *state;
	long written;
	int write_errno; /* why the exporter's write failed */
};

static int each_event(void *ctx, const struct tl_event *e)
{
	struct export_run *r = ctx;
	r->written++;
	if (r->ex->event(r->state, e) == 0)
		return 0;
	/* Kept now: the store's cleanup after the walk may change errno
	 * (libpq clears it before each read of the socket). */
	r->write_errno = errno ? errno : EIO;
	return -1;
}

/* --since-last: the events changed since the cursor, up to the current
 * mark (*mark, where the cursor moves on success). */
static int since_cursor(struct store *s, const char *name, struct event_filter *f, int64_t *mark,
			int64_t *high, const char *db)
{
	int64_t pos = 0;
	char *err = NULL;
	if (store_cursor_get(s, name, &pos, &f->known_upto, &err) || store_change_mark(s, mark, high, &err)) {
		error("archive '%s': %s", db, err);
		free(err);
		return -1;
	}
	f->by_changes = 1;
	f->changes_after = pos;
	f->changes_upto = *mark;
	return 0;
}

/* Opens FILE for --append; *append_rows tells the writer to leave out the
 * header, *size is where a failed append is cut back to (-1: not a regular
 * file, which cannot be cut). */
static FILE *open_append(const char *path, int *append_rows, off_t *size)
{
	FILE *out = fopen(path, "ab");
	struct stat sb;
	if (!out)
		return NULL;
	if (fstat(fileno(out), &sb)) {
		fclose(out);
		return NULL;
	}
	*size = S_ISREG(sb.st_mode) ? sb.st_size : -1;
	*append_rows = sb.st_size > 0;
	return out;
}

static int64_t generation_time(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	return e && *e ? strtoll(e, NULL, 10) : (int64_t)time(NULL);
}

int cmd_export(struct cli *cli, int argc, char **argv)
{
	struct filter_opts fo;
	memset(&fo, 0, sizeof(fo));
	const char *format = NULL, *output = NULL, *delim = NULL, *title = NULL, *since = NULL, *period = NULL;
	int excel = 0, raw = 0, append = 0, peek = 0;
	const struct option opts[] = {
		{"format", 'f', OPT_STRING, &format, "F", "csv, json, jsonl, html, timelinejs, markdown or icews"},
		{"output", 'o', OPT_STRING, &output, "FILE", "write to FILE (atomically) instead of stdout"},
		{"excel", 0, OPT_FLAG, &excel, NULL, "CSV: UTF-8 BOM and CRLF line ends"},
		{"delimiter", 0, OPT_STRING, &delim, "C", "CSV: field delimiter (default ',')"},
		{"raw", 0, OPT_FLAG, &raw, NULL, "CSV, ICEWS: do not neutralise cells that look like formulas"},
		{"title", 0, OPT_STRING, &title, "T", "HTML/TimelineJS: the timeline's title"},
		{"period", 0, OPT_STRING, &period, "P", "dyads: month (default), week or year"},
		{"since-last", 0, OPT_STRING, &since, "NAME", "only events new, changed or withdrawn since cursor NAME"},
		{"peek", 0, OPT_FLAG, &peek, NULL, "with --since-last: show what is pending, leave the cursor"},
		{"dry-run", 0, OPT_FLAG, &peek, NULL, "the same as --peek"},
		{"append", 0, OPT_FLAG, &append, NULL, "csv, icews: add rows to FILE, no header (not atomic)"},
		FILTER_OPTIONS(&fo),
		{NULL, 0, 0, NULL, NULL, NULL},
	};
	char **pos;
	int npos, rc = parse_options("communique", usage, opts, argc, argv, &pos, &npos);
	free(pos);
	if (rc || npos) {
		if (!rc)
			error("export takes no arguments (filters are options: see --help)");
		else if (rc > 0)
			printf("\nformats: %s\n", exporter_names());
		filter_release(&fo);
		return rc > 0 ? (close_stdout() ? EXIT_ARCHIVE : EXIT_OK) : EXIT_USAGE;
	}
	const struct exporter *ex = format ? exporter_find(format) : NULL;
	if (!ex) {
		if (format)
			error("unknown format '%s' (known: %s)", format, exporter_names());
		else
			error("export needs --format (one of: %s)", exporter_names());
		filter_release(&fo);
		return EXIT_USAGE;
	}
	if (period && (strcmp(ex->name, "dyads") ||
		       (strcmp(period, "month") && strcmp(period, "week") && strcmp(period, "year")))) {
		if (strcmp(ex->name, "dyads"))
			error("--period is for --format dyads");
		else
			error("--period: '%s' is not month, week or year", period);
		filter_release(&fo);
		return EXIT_USAGE;
	}
	if (delim && (strlen(delim) != 1 || strchr("\"\r\n", delim[0]))) {
		error("--delimiter takes one character other than a quote or a line break, not '%s'", delim);
		filter_release(&fo);
		return EXIT_USAGE;
	}
	if ((append && strcmp(ex->name, "csv") && strcmp(ex->name, "icews")) || (since && fo.limit) ||
	    (since && !*since)) {
		if (append && strcmp(ex->name, "csv") && strcmp(ex->name, "icews"))
			error("--append works with csv and icews only, not %s", ex->name);
		else if (since && !*since)
			error("--since-last needs a cursor name");
		else
			error("--since-last cannot be combined with --limit (the cursor would skip the rest)");
		filter_release(&fo);
		return EXIT_USAGE;
	}
	if (peek && !since) {
		error("--peek shows what an incremental export would write: it needs --since-last NAME");
		filter_release(&fo);
		return EXIT_USAGE;
	}
	if (output && refuse_archive_output(cli, "-o", output)) {
		filter_release(&fo);
		return EXIT_USAGE;
	}
	if (filter_wants_type_help(&fo)) {
		filter_release(&fo);
		rc = print_types(cli);
		return close_stdout() ? EXIT_ARCHIVE : rc;
	}
	struct store *s;
	/* Only a cursor that moves writes to the archive. */
	if (open_archive(cli, since && !peek ? 0 : ARCHIVE_READ, &s)) {
		filter_release(&fo);
		return EXIT_ARCHIVE;
	}
	rc = filter_resolve(&fo, s);
	if (!rc)
		rc = check_text_query(cli, s, fo.text);
	if (rc) {
		store_close(s);
		filter_release(&fo);
		return rc == -1 ? EXIT_USAGE : EXIT_ARCHIVE;
	}
	struct tl_options o = {.delimiter = delim ? delim[0] : ',', .excel = excel, .raw = raw,
			       .period = period ? period[0] : 'm',
			       .generated_at = generation_time(), .title = title, .append = append};
	struct export_run run = {.ex = ex};
	int64_t mark = 0, high = 0;
	if (since && since_cursor(s, since, &fo.f, &mark, &high, cli->db_shown)) {
		store_close(s);
		filter_release(&fo);
		return EXIT_ARCHIVE;
	}
	FILE *out = stdout;
	char *tmp = NULL;
	off_t append_from = 0;
	if (output && append) {
		if (!(out = open_append(output, &o.append, &append_from))) {
			error("cannot append to '%s': %s", output, strerror(errno));
			store_close(s);
			filter_release(&fo);
			return EXIT_ARCHIVE;
		}
		/* Appending writes through the name: check what was opened. */
		if (refuse_archive_fd(cli, "-o", output, fileno(out))) {
			fclose(out);
			store_close(s);
			filter_release(&fo);
			return EXIT_USAGE;
		}
	} else if (output) {
		/* O_EXCL: never write through a file or link already there. */
		int fd = -1;
		if (!(tmp = tmpout_begin(output)) ||
		    (fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666)) < 0 ||
		    !(out = fdopen(fd, "wb"))) {
			int e = errno ? errno : ENOMEM;
			if (tmp)
				error("cannot write '%s' (through '%s'): %s", output, tmp, strerror(e));
			else
				error("cannot write '%s': %s", output, strerror(e));
			if (fd >= 0)
				close(fd);
			tmpout_end(tmp, fd >= 0);
			store_close(s);
			filter_release(&fo);
			return EXIT_ARCHIVE;
		}
	}
	char *err = NULL;
	int ok = ex->begin(&run.state, out, &fo.q, &o) == 0;
	int walk = ok ? store_timeline_each(s, &fo.f, each_event, &run, &err) : -1;
	if (ok && ex->end(run.state, walk == 0)) {
		walk = -1;
		if (!run.write_errno)
			run.write_errno = errno ? errno : EIO;
	}
	if (walk && err) {
		error("archive '%s': %s", cli->db_shown, err);
	} else if (walk) {
		error("cannot write the %s export%s%s: %s", ex->name, output ? " to " : "",
		      output ? output : "", strerror(run.write_errno ? run.write_errno : errno ? errno : EIO));
	}
	free(err);
	int failed = walk != 0;
	if (output && append) {
		int e = 0;
		if (fflush(out) || ferror(out) || fsync(fileno(out)))
			e = errno ? errno : EIO;
		if (fclose(out) && !e)
			e = errno ? errno : EIO;
		if (e && walk == 0)
			error("cannot append to '%s': %s", output, strerror(e));
		/* Take back what a failed append wrote (once the stream can write
		 * no more), so the file keeps whole rows. */
		if ((e || walk) && append_from >= 0 && truncate(output, append_from))
			warning("cannot cut '%s' back to its %lld bytes: %s", output,
				(long long)append_from, strerror(errno));
		failed |= e != 0;
	} else if (output) {
		if (fflush(out) || ferror(out) || fsync(fileno(out)))
			failed = 1;
		if (fclose(out))
			failed = 1;
		if (!failed && rename(tmp, output)) {
			error("cannot rename '%s' to '%s': %s", tmp, output, strerror(errno));
			failed = 1;
		}
		tmpout_end(tmp, failed);
	}
	/* The cursor moves only once the output is known to be complete. */
	/* A failure of stdout was said already: do not say it twice. */
	int out_failed;
	if (failed && !output) {
		fclose(stdout);
		out_failed = 1;
	} else {
		out_failed = close_stdout() != 0;
	}
	if (since && !peek && !failed && !out_failed &&
	    store_cursor_set(s, since, mark, high, run.written, ex->name, output, &err)) {
		error("archive '%s': %s (the output is complete; the next export repeats it)", cli->db_shown, err);
		free(err);
		failed = 1;
	}
	store_close(s);
	filter_release(&fo);
	if (out_failed)
		return EXIT_ARCHIVE;
	return failed ? EXIT_ARCHIVE : EXIT_OK;
}
