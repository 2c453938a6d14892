/* communique reextract: the events of stored reports found again with the
 * current extractor and dictionaries (after --dict additions or an
 * upgrade), keeping event ids and every curation; and communique report
 * edit: a stored report's metadata corrected, its events found again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/archive.h"
#include "store/store_lock.h"
#include "ingest/dateline.h"

static const char usage[] = "reextract [REPORT...] [--stale]\n\n"
	"Finds the events of stored reports again with this build and the\n"
	"dictionaries given (--dict): every report, the reports named (r12 or 12),\n"
	"or --stale: those whose events another build or other dictionaries found.\n"
	"Events found again keep their ids and their corrections; events no longer\n"
	"found are withdrawn (their corrections are kept and listed by 'review').";

/* Commits every so many reports: a kill loses at most a batch, never half a report. */
#define REEXTRACT_BATCH 500

struct totals {
	long reports, failed;
	struct store_event_changes ch;
};

static int describe_actor(void *ctx, const char *name, const char *code, enum actor_kind kind,
			  const char *const *aliases, size_t n)
{
	char *err = NULL;
	int rc = store_actor_describe(ctx, name, code, kind, aliases, n, &err);
	free(err);
	return rc;
}

/* Re-extracts one stored report. Returns 0, 1 when it failed (reported;
 * the rest goes on), -1 when the archive failed. */
static int reextract_one(struct cli *cli, struct store *s, struct extractor *x, int64_t id, struct totals *t)
{
	struct report r;
	report_init(&r);
	struct event_list events;
	event_list_init(&events);
	char *err = NULL;
	int rc = store_report_load(s, id, &r, &err);
	if (rc == 1) {
		error("no report r%lld in '%s' (see 'communique reports')", (long long)id, cli->db_shown);
		report_release(&r);
		return 1;
	}
	if (!rc && extract_events(x, &r, &events, &err)) {
		error("r%lld: cannot extract events: %s", (long long)id, err);
		free(err);
		report_release(&r);
		event_list_release(&events);
		t->failed++;
		return 1;
	}
	if (!rc)
		rc = store_reextract(s, id, &events, &t->ch, &err);
	if (!rc) {
		/* A failure that rolled the batch back stops the run, as in an import. */
		if (extractor_actor_aliases(x, &events, describe_actor, s) && store_broken(s)) {
			rc = -1;
			err = strdup("cannot record the actors' aliases");
		} else {
			t->reports++;
		}
	} else {
		extractor_drop_aliases(x);
	}
	report_release(&r);
	event_list_release(&events);
	if (rc && store_broken(s)) {
		error("archive '%s': %s", cli->db_shown, err ? err : "failed");
		free(err);
		return -1;
	}
	if (rc) {
		error("r%lld: not re-extracted: %s", (long long)id, err ? err : "failed");
		free(err);
		t->failed++;
		return 1;
	}
	return 0;
}

/* Re-extracts reports ids[0..n) in batches; prints the totals. */
static int reextract_ids(struct cli *cli, struct store *s, struct extractor *x, const int64_t *ids, size_t n,
			 struct totals *t)
{
	char *err = NULL;
	int rc = 0;
	for (size_t i = 0; i < n && rc >= 0; i += REEXTRACT_BATCH) {
		if (store_begin(s, &err)) {
			rc = -1;
			break;
		}
		for (size_t k = i; k < n && k < i + REEXTRACT_BATCH && rc >= 0; k++)
			if (reextract_one(cli, s, x, ids[k], t) < 0)
				rc = -1;
		if (rc < 0) {
			store_rollback(s);
			extractor_forget_aliases(x);
			break;
		}
		if (store_commit(s, &err)) {
			store_rollback(s);
			rc = -1;
		}
	}
	if (err) {
		error("archive '%s': %s", cli->db_shown, err);
		free(err);
	}
	return rc;
}

static void print_totals(const struct totals *t)
{
	printf("re-extracted %ld report%s: %ld event%s kept, %ld updated, %ld new, %ld withdrawn",
	       t->reports, t->reports == 1 ? "" : "s", t->ch.kept, t->ch.kept == 1 ? "" : "s", t->ch.updated,
	       t->ch.added, t->ch.withdrawn);
	if (t->failed)
		printf("; %ld failed", t->failed);
	printf("\n");
}

/* Opens the extractor and the archive and takes the writer lock; prints
 * its own errors and returns an exit code, EXIT_OK when all is open. */
static int open_all(struct cli *cli, struct store **s, struct extractor **x, struct store_lock **lock)
{
	if (open_extractor(cli, x))
		return EXIT_USAGE;
	if (open_archive(cli, 0, s)) {
		extractor_free(*x);
		return EXIT_ARCHIVE;
	}
	int got = archive_writer_lock(cli, 30, lock);
	if (got < 0) {
		if (got == -2)
			error("another update or import holds %s; try again when it is done", archive_lock_name(cli));
		store_close(*s);
		extractor_free(*x);
		return got == -2 ? EXIT_LOCKED : EXIT_ARCHIVE;
	}
	char *sig = extractor_signature(cli);
	store_set_extractor(*s, sig);
	free(sig);
	return EXIT_OK;
}

static void close_all(struct store *s, struct extractor *x, struct store_lock *lock)
{
	store_close(s);
	extractor_free(x);
	store_lock_release(lock);
}

static int64_t parse_report_id(const char *a)
{
	const char *p = a[0] == 'r' ? a + 1 : a;
	char *end;
	long long v = strtoll(p, &end, 10);
	return *p && !*end && v > 0 ? (int64_t)v : 0;
}

int cmd_reextract(struct cli *cli, int argc, char **argv)
{
	int stale = 0;
	const struct option opts[] = {
		{"stale", 0, OPT_FLAG, &stale, NULL, "only reports whose events another build or other dictionaries found"},
		{NULL, 0, 0, NULL, NULL, NULL}};
	char **pos;
	int npos, rc = parse_options("communique", usage, opts, argc, argv, &pos, &npos);
	if (rc) {
		free(pos);
		return rc > 0 ? (close_stdout() ? EXIT_ARCHIVE : EXIT_OK) : EXIT_USAGE;
	}
	if (stale && npos) {
		error("reextract: name reports or give --stale, not both");
		free(pos);
		return EXIT_USAGE;
	}
	int64_t *ids = NULL;
	size_t n = 0;
	if (npos && !(ids = calloc((size_t)npos, sizeof(*ids)))) {
		free(pos);
		error("out of memory");
		return EXIT_ARCHIVE;
	}
	for (int i = 0; i < npos; i++)
		if (!(ids[n++] = parse_report_id(pos[i]))) {
			error("'%s' is not a report id (r12 or 12, as 'communique reports' lists them)", pos[i]);
			free(ids);
			free(pos);
			return EXIT_USAGE;
		}
	free(pos);
	struct store *s;
	struct extractor *x;
	struct store_lock *lock = NULL;
	int code = open_all(cli, &s, &x, &lock);
	if (code != EXIT_OK) {
		free(ids);
		return code;
	}
	char *err = NULL;
	if (!npos && store_report_ids(s, stale, &ids, &n, &err)) {
		error("archive '%s': %s", cli->db_shown, err);
		free(err);
		close_all(s, x, lock);
		return EXIT_ARCHIVE;
	}
	struct totals t;
	memset(&t, 0, sizeof(t));
	rc = reextract_ids(cli, s, x, ids, n, &t);
	print_totals(&t);
	free(ids);
	close_all(s, x, lock);
	if (close_stdout() || rc < 0)
		return EXIT_ARCHIVE;
	return t.failed || (npos && t.reports < (long)n) ? EXIT_PARTIAL : EXIT_OK;
}

/* ---- report edit ------------------------------------------------------------- */

static const char report_usage[] = "report edit REPORT [--date D] [--agency A] [--title T] [--url U]\n\n"
	"Corrects a stored report's metadata and finds its events again (a new date\n"
	"dates its events anew). --date takes YYYY-MM-DD, YYYY-MM or YYYY. The fix is\n"
	"kept: the same text imported again without it leaves the report as fixed,\n"
	"and a corrected version of the report keeps it.";

int cmd_report(struct cli *cli, int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "edit")) {
		if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
			print_help(stdout, "communique", report_usage, NULL);
			return close_stdout() ? EXIT_ARCHIVE : EXIT_OK;
		}
		error("report: the subcommand is 'edit' (see 'communique report --help'; 'show' prints a report)");
		return EXIT_USAGE;
	}
	const char *date = NULL, *agency = NULL, *title = NULL, *url = NULL;
	const struct option opts[] = {
		{"date", 0, OPT_STRING, &date, "D", "the report's date (YYYY-MM-DD, YYYY-MM or YYYY)"},
		{"agency", 0, OPT_STRING, &agency, "A", "the agency or ministry that issued it"},
		{"title", 0, OPT_STRING, &title, "T", "its headline"},
		{"url", 0, OPT_STRING, &url, "U", "its address ('' removes it)"},
		{NULL, 0, 0, NULL, NULL, NULL}};
	char **pos;
	int npos, rc = parse_options("communique report edit", report_usage, opts, argc - 1, argv + 1, &pos, &npos);
	if (rc || npos != 1) {
		if (!rc)
			error("report edit needs one REPORT id");
		free(pos);
		return rc > 0 ? (close_stdout() ? EXIT_ARCHIVE : EXIT_OK) : EXIT_USAGE;
	}
	int64_t id = parse_report_id(pos[0]);
	struct store_report_fix f;
	memset(&f, 0, sizeof(f));
	f.partial.prec = PREC_UNKNOWN;
	if (!id) {
		error("'%s' is not a report id (r12 or 12)", pos[0]);
		free(pos);
		return EXIT_USAGE;
	}
	if (!date && !agency && !title && !url) {
		error("report edit: nothing to change (give --date, --agency, --title or --url)");
		free(pos);
		return EXIT_USAGE;
	}
	if (date) {
		struct cdate d;
		if (cdate_parse_exact(date, &d) || d.prec == PREC_SEASON) {
			error("--date: '%s' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", date);
			free(pos);
			return EXIT_USAGE;
		}
		f.set_date = 1;
		if (d.prec == PREC_DAY) {
			f.pub_known = PUB_DATE;
			f.published = unix_from_civil(d.year, d.month, d.day, 0, 0, 0);
		} else {
			f.pub_known = PUB_NONE;
			f.partial = d;
		}
	}
	char canon[64];
	if (agency && agency_canonical(agency, strlen(agency), canon, sizeof(canon)))
		agency = canon;
	f.agency = agency;
	f.title = title;
	f.url = url;
	struct store *s;
	struct extractor *x;
	struct store_lock *lock = NULL;
	int code = open_all(cli, &s, &x, &lock);
	if (code != EXIT_OK) {
		free(pos);
		return code;
	}
	char *err = NULL;
	struct totals t;
	memset(&t, 0, sizeof(t));
	/* The fix and the events it dates anew are one transaction. */
	rc = store_begin(s, &err);
	if (!rc)
		rc = store_report_fix(s, id, &f, &err);
	if (rc == 0) {
		int one = reextract_one(cli, s, x, id, &t);
		rc = one ? -1 : store_commit(s, &err);
	}
	if (rc)
		store_rollback(s);
	if (rc == 1)
		error("no report '%s' in '%s' (see 'communique reports')", pos[0], cli->db_shown);
	else if (rc && err)
		error("archive '%s': %s", cli->db_shown, err);
	else if (!rc) {
		printf("r%lld: corrected; ", (long long)id);
		print_totals(&t);
	}
	free(err);
	free(pos);
	close_all(s, x, lock);
	if (close_stdout())
		return EXIT_ARCHIVE;
	return rc == 1 ? EXIT_PARTIAL : rc ? EXIT_ARCHIVE : EXIT_OK;
}
