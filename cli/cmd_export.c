/* communique export: a timeline in one of the exporters' formats, to stdout
 * or to a file that appears only when complete. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/archive.h"
#include "cli/filter.h"
#include "util/buf.h"

static const char usage[] =
	"export --format F [filters] [-o FILE] [--excel] [--delimiter C] [--raw] [--title T]\n\n"
	"Writes the selected events as a timeline. With -o the file is written under a\n"
	"temporary name and renamed only when complete.";

struct export_run {
	const struct exporter *ex;
	void *state;
};

static int each_event(void *ctx, const struct tl_event *e)
{
	struct export_run *r = ctx;
	return r->ex->event(r->state, e) ? -1 : 0;
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
	const char *format = NULL, *output = NULL, *delim = NULL, *title = NULL;
	int excel = 0, raw = 0;
	const struct option opts[] = {
		{"format", 'f', OPT_STRING, &format, "F", "csv, json, jsonl, html, timelinejs, markdown or icews"},
		{"output", 'o', OPT_STRING, &output, "FILE", "write to FILE (atomically) instead of stdout"},
		{"excel", 0, OPT_FLAG, &excel, NULL, "CSV: UTF-8 BOM and CRLF line ends"},
		{"delimiter", 0, OPT_STRING, &delim, "C", "CSV: field delimiter (default ',')"},
		{"raw", 0, OPT_FLAG, &raw, NULL, "CSV: do not neutralise cells that look like formulas"},
		{"title", 0, OPT_STRING, &title, "T", "HTML/TimelineJS: the timeline's title"},
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
	if (delim && strlen(delim) != 1) {
		error("--delimiter takes one character, not '%s'", delim);
		filter_release(&fo);
		return EXIT_USAGE;
	}
	struct store *s;
	if (open_archive(cli, 0, &s)) {
		filter_release(&fo);
		return EXIT_ARCHIVE;
	}
	rc = filter_resolve(&fo, s);
	if (rc) {
		store_close(s);
		filter_release(&fo);
		return rc == -1 ? EXIT_USAGE : EXIT_ARCHIVE;
	}
	struct tl_options o = {.delimiter = delim ? delim[0] : ',', .excel = excel, .raw = raw,
			       .generated_at = generation_time(), .title = title};
	FILE *out = stdout;
	struct buf tmp;
	buf_init(&tmp, 0);
	if (output) {
		buf_printf(&tmp, "%s.tmp-%ld", output, (long)getpid());
		if (!(out = fopen(buf_str(&tmp), "wb"))) {
			error("cannot write '%s': %s", buf_str(&tmp), strerror(errno));
			store_close(s);
			filter_release(&fo);
			buf_release(&tmp);
			return EXIT_ARCHIVE;
		}
	}
	struct export_run run = {.ex = ex};
	char *err = NULL;
	int ok = ex->begin(&run.state, out, &fo.q, &o) == 0;
	int walk = ok ? store_timeline_each(s, &fo.f, each_event, &run, &err) : -1;
	if (ok && ex->end(run.state, walk == 0))
		walk = -1;
	if (walk && err) {
		error("archive '%s': %s", cli->db_path, err);
	} else if (walk) {
		error("cannot write the %s export%s%s: %s", ex->name, output ? " to " : "",
		      output ? output : "", strerror(errno ? errno : EIO));
	}
	free(err);
	int failed = walk != 0;
	if (output) {
		if (fflush(out) || ferror(out) || fsync(fileno(out)))
			failed = 1;
		if (fclose(out))
			failed = 1;
		if (!failed && rename(buf_str(&tmp), output)) {
			error("cannot rename '%s' to '%s': %s", buf_str(&tmp), output, strerror(errno));
			failed = 1;
		}
		if (failed)
			unlink(buf_str(&tmp));
	}
	buf_release(&tmp);
	store_close(s);
	filter_release(&fo);
	if (close_stdout())
		return EXIT_ARCHIVE;
	return failed ? EXIT_ARCHIVE : EXIT_OK;
}
