/* communique ingest: import reports into the archive. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/archive.h"
#include "store/store_lock.h"
#include "ingest/formats.h"
#include "ingest/importer.h"

static const char usage[] =
	"ingest [--format F] [--date DATE] [--agency NAME] [--url URL] [--map K=V,...] PATH...\n\n"
	"Imports files, directories (recursively) or - (standard input). Re-importing is safe:\n"
	"a report already in the archive is 'unchanged'; a corrected version (same URL, or\n"
	"same agency, headline and time) 'replaced'. Prints one summary line at the end.\n"
	"--date YYYY-MM or YYYY dates a report known only to its month or year at that\n"
	"precision (and gives a dateline without a year its year).";

struct progress {
	int tty;
	int shown;
};

static void on_message(void *ctx, enum import_msg kind, const char *where, const char *msg,
		       long done, long total)
{
	struct progress *p = ctx;
	if (kind == IMPORT_PROGRESS) {
		/* Only on a terminal, and only for batches worth watching. */
		if (!p->tty || total < 300)
			return;
		if (done != total && done % 50)
			return;
		int width = 40, fill = (int)(done * width / (total ? total : 1));
		fprintf(stderr, "\r[%.*s%*s] %ld/%ld", fill, "########################################",
			width - fill, "", done, total);
		p->shown = done != total;
		if (done == total)
			fputc('\n', stderr);
		return;
	}
	if (p->shown) {
		fputc('\n', stderr);
		p->shown = 0;
	}
	if (kind == IMPORT_ERROR)
		error("%s: %s", where, msg);
	else
		warning("%s: %s", where, msg);
}

int cmd_ingest(struct cli *cli, int argc, char **argv)
{
	const char *format = "auto", *date = NULL, *agency = NULL, *url = NULL, *map = NULL;
	long batch = 0, wait = 3600;
	int no_events = 0;
	const struct option opts[] = {
		{"format", 'f', OPT_STRING, &format, "F", "reader: auto (default) or one of the formats below"},
		{"date", 0, OPT_STRING, &date, "DATE", "publication date (YYYY-MM-DD, YYYY-MM or YYYY) for reports that do not give one"},
		{"agency", 0, OPT_STRING, &agency, "NAME", "agency for reports that do not name one"},
		{"url", 0, OPT_STRING, &url, "URL", "URL for reports that do not give one"},
		{"map", 0, OPT_STRING, &map, "K=V,...", "column names of tables: title=headline,text=body"},
		{"batch", 0, OPT_LONG, &batch, "N", "reports per transaction (default 10000)"},
		{"wait", 0, OPT_LONG, &wait, "SECONDS", "wait at most this long for a running update (default 3600)"},
		{"no-events", 0, OPT_FLAG, &no_events, NULL, "store the reports only, without finding their events"},
		{NULL, 0, 0, NULL, NULL, NULL},
	};
	char **pos;
	int npos, rc = parse_options("communique", usage, opts, argc, argv, &pos, &npos);
	if (rc) {
		free(pos);
		if (rc > 0)
			printf("\nformats: %s\n", formats_list);
		return rc > 0 ? (close_stdout() ? EXIT_ARCHIVE : EXIT_OK) : EXIT_USAGE;
	}
	struct import_options o = {.format = format, .map = map, .batch = (int)batch, .no_events = no_events};
	o.hints.agency = agency;
	o.hints.url = url;
	if (!npos) {
		error("ingest needs at least one PATH (a file, a directory or -)");
		free(pos);
		return EXIT_USAGE;
	}
	if (!format_known(format)) {
		error("unknown format '%s' (known: %s)", format, formats_list);
		free(pos);
		return EXIT_USAGE;
	}
	if (parse_date_option("--date", date, &o.hints.date)) {
		free(pos);
		return EXIT_USAGE;
	}
	struct store *s;
	struct extractor *x;
	if (open_extractor(cli, &x)) {
		free(pos);
		return EXIT_USAGE;
	}
	if (open_archive(cli, 0, &s)) {
		extractor_free(x);
		free(pos);
		return EXIT_ARCHIVE;
	}
	/* Imports and scheduled updates take turns on an archive (taken once the
	 * file is known to be an archive, so that no lock file is left beside
	 * anything else). */
	struct store_lock *lock;
	int got = archive_writer_lock(cli, wait, &lock);
	if (got < 0) {
		if (got == -2)
			error("another update or import holds %s (waited %ld s; see --wait)", archive_lock_name(cli), wait);
		store_close(s);
		extractor_free(x);
		free(pos);
		return got == -2 ? EXIT_LOCKED : EXIT_ARCHIVE;
	}
	char *sig = extractor_signature(cli);
	store_set_extractor(s, sig);
	free(sig);
	struct progress prog = {.tty = isatty(STDERR_FILENO)};
	struct importer *im = NULL;
	struct import_stats st = {0};
	char *err = NULL;
	int64_t run = 0;
	rc = store_run_begin(s, "ingest", &run, &err) ||
	     importer_new(s, x, &o, on_message, &prog, &im, &err) ||
	     importer_run(im, (const char *const *)pos, (size_t)npos, &err) ||
	     importer_finish(im, &st, &err);
	if (rc) {
		error("archive '%s': %s", cli->db_shown, err ? err : "failed");
		free(err);
		err = NULL;
		if (im)
			importer_finish(im, &st, &err);
		free(err);
		err = NULL;
	} else if (store_run_end(s, run, st.imported, st.unchanged, st.replaced, st.failed, &err)) {
		error("archive '%s': %s", cli->db_shown, err);
		free(err);
		rc = 1;
	}
	importer_free(im);
	store_close(s);
	store_lock_release(lock);
	extractor_free(x);
	free(pos);
	printf("imported %ld, unchanged %ld, replaced %ld, failed %ld\n", st.imported, st.unchanged,
	       st.replaced, st.failed);
	if (close_stdout())
		return EXIT_ARCHIVE;
	if (rc)
		return EXIT_ARCHIVE;
	return st.failed ? EXIT_PARTIAL : EXIT_OK;
}
