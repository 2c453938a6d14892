/* The import job (ingest/importer.c) on real files with the real readers,
 * extractor and archive: a directory walk with good, empty, binary and
 * hidden files gives the right counts and messages; batches are committed
 * (and only when due); a report the archive refuses does not stop the
 * batch, inside a directory or inside one table; re-imports are unchanged
 * or replaced; files past the size limit and missing paths are refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ingest/extract.h"
#include "ingest/importer.h"
#include "store/store.h"
#include "util/buf.h"

/* ---- fixture ------------------------------------------------------------------ */

#define MAX_MSG 32

struct fx {
	char dir[256];
	char db[320];
	struct store *s;
	struct extractor *x;
	/* messages from the importer */
	int n_msg;
	enum import_msg kind[MAX_MSG];
	char *where[MAX_MSG], *text[MAX_MSG];
	long last_done, last_total;
	int progress_calls;
};

static struct extractor *shared_x;   /* the dictionaries load once for all tests */

static int group_setup(void **state)
{
	(void)state;
	char *err = NULL;
	if (extractor_new(NULL, 0, &shared_x, &err)) {
		fprintf(stderr, "extractor_new: %s\n", err ? err : "?");
		free(err);
		return -1;
	}
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	extractor_free(shared_x);
	return 0;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	const char *tmp = getenv("TMPDIR");
	snprintf(f->dir, sizeof(f->dir), "%s/test_importer.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->db, sizeof(f->db), "%s/archive.db", f->dir);
	f->x = shared_x;
	*state = f;
	return 0;
}

/* Removes what a test made under its directory (a few levels at most). */
static void remove_tree(const char *path, int depth)
{
	struct stat sb;
	if (lstat(path, &sb) != 0)
		return;
	if (!S_ISDIR(sb.st_mode) || depth > 4) {
		unlink(path);
		return;
	}
	DIR *d = opendir(path);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d))) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			char p[1024];
			snprintf(p, sizeof(p), "%s/%s", path, e->d_name);
			remove_tree(p, depth + 1);
		}
		closedir(d);
	}
	rmdir(path);
}

static int teardown(void **state)
{
	struct fx *f = *state;
	store_close(f->s);
	for (int i = 0; i < f->n_msg; i++) {
		free(f->where[i]);
		free(f->text[i]);
	}
	remove_tree(f->dir, 0);
	free(f);
	return 0;
}

static void on_msg(void *ctx, enum import_msg kind, const char *where, const char *msg, long done,
		   long total)
{
	struct fx *f = ctx;
	if (kind == IMPORT_PROGRESS) {
		f->progress_calls++;
		f->last_done = done;
		f->last_total = total;
		return;
	}
	if (f->n_msg >= MAX_MSG)
		return;
	f->kind[f->n_msg] = kind;
	f->where[f->n_msg] = strdup(where ? where : "");
	f->text[f->n_msg] = strdup(msg ? msg : "");
	f->n_msg++;
}

/* Whether an error names `file` (in where) and says /why/ (in the message). */
static int has_error(const struct fx *f, const char *file, const char *why)
{
	for (int i = 0; i < f->n_msg; i++)
		if (f->kind[i] == IMPORT_ERROR && strstr(f->where[i], file) && strstr(f->text[i], why))
			return 1;
	return 0;
}

static int n_errors(const struct fx *f)
{
	int n = 0;
	for (int i = 0; i < f->n_msg; i++)
		n += f->kind[i] == IMPORT_ERROR;
	return n;
}

static void write_file(const char *dir, const char *name, const void *data, size_t len)
{
	char p[1024];
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	FILE *fp = fopen(p, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

static void write_text(const char *dir, const char *name, const char *text)
{
	write_file(dir, name, text, strlen(text));
}

static void make_dir(struct fx *f, const char *name, char *out, size_t cap)
{
	snprintf(out, cap, "%s/%s", f->dir, name);
	assert_int_equal(mkdir(out, 0755), 0);
}

static void open_store(struct fx *f)
{
	char *err = NULL;
	if (store_open(f->db, 0, &f->s, &err))
		fail_msg("store_open: %s", err ? err : "?");
}

static void reopen_store(struct fx *f)
{
	store_close(f->s);
	f->s = NULL;
	open_store(f);
}

/* Counts rows of the archive through a connection of its own: what another
 * process would see, committed data only. */
static long outside_count(struct fx *f, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

/* The text of a query's single value, from a connection of its own; malloc'd. */
static char *outside_text(const struct fx *f, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	const char *t = (const char *)sqlite3_column_text(st, 0);
	char *copy = strdup(t ? t : "");
	sqlite3_finalize(st);
	sqlite3_close(db);
	return copy;
}

/* Runs one import of `paths`; returns the counts. */
static struct import_stats import(struct fx *f, const struct import_options *o,
				  const char *const *paths, size_t n)
{
	struct importer *im = NULL;
	struct import_stats st;
	char *err = NULL;
	memset(&st, 0, sizeof(st));
	if (importer_new(f->s, f->x, o, on_msg, f, &im, &err))
		fail_msg("importer_new: %s", err ? err : "?");
	if (importer_run(im, paths, n, &err))
		fail_msg("importer_run: %s", err ? err : "?");
	if (importer_finish(im, &st, &err))
		fail_msg("importer_finish: %s", err ? err : "?");
	importer_free(im);
	return st;
}

static void assert_stats(struct import_stats st, long imported, long unchanged, long replaced,
			 long failed)
{
	if (st.imported != imported || st.unchanged != unchanged || st.replaced != replaced ||
	    st.failed != failed)
		fail_msg("got imported %ld, unchanged %ld, replaced %ld, failed %ld; expected %ld, %ld, %ld, %ld",
			 st.imported, st.unchanged, st.replaced, st.failed, imported, unchanged, replaced,
			 failed);
}

/* A fresh archive with a trigger of the test's, added from outside: an
 * archive that refuses some reports, as a constraint would. */
static void open_refusing(struct fx *f, const char *trigger)
{
	open_store(f);
	store_close(f->s);
	f->s = NULL;
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, trigger, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	open_store(f);
}

/* ---- the reports: our own words about real events ----------------------------------- */

static const char tass_page[] =
	"Russian Politics & Diplomacy\n\n"
	"Lavrov, Wang Yi hold talks in Beijing\n\n"
	"April 09, 2024, 11:40 UTC+3 BEIJING\n\n"
	"BEIJING, April 9. /TASS/. Russian Foreign Minister Sergei Lavrov held talks with Chinese "
	"Foreign Minister Wang Yi in Beijing on Tuesday, the Russian Foreign Ministry said.\n\n"
	"The ministers discussed the situation in Ukraine and in the Asia-Pacific region.\n\n"
	"Share\nRead also\n";

static const char xinhua_wire[] =
	"Xi meets Russian foreign minister\n\n"
	"Source: Xinhua | 2024-04-09 19:02:11 | Editor: huaxia\n\n"
	"BEIJING, April 9 (Xinhua) -- Chinese President Xi Jinping met with visiting Russian Foreign "
	"Minister Sergei Lavrov in Beijing on Tuesday.\n\n"
	"Xi asked Lavrov to convey his greetings to President Vladimir Putin.\n";

static const char refused_page[] =
	"REFUSED: Kishida meets Blinken in Tokyo\n\n"
	"November 07, 2023, 15:00 UTC+3 TOKYO\n\n"
	"TOKYO, November 7. /TASS/. Japanese Prime Minister Fumio Kishida met US Secretary of State "
	"Antony Blinken in Tokyo on Tuesday.\n";

static const char table_csv[] =
	"title,published,agency,url,text\n"
	"Blinken arrives in Tokyo for G7 talks,2023-11-07T09:00:00+09:00,Kyodo,https://kyodo.example/1,"
	"\"TOKYO, Nov. 7 (Kyodo) -- U.S. Secretary of State Antony Blinken arrived in Tokyo on Tuesday for "
	"a meeting of Group of Seven foreign ministers.\"\n"
	"REFUSED: G7 ministers condemn Hamas attack,2023-11-08T18:00:00+09:00,Kyodo,https://kyodo.example/2,"
	"\"TOKYO, Nov. 8 (Kyodo) -- Foreign ministers of the Group of Seven condemned the attack on Israel.\"\n"
	"Kamikawa meets Blinken,2023-11-08T12:00:00+09:00,Kyodo,https://kyodo.example/3,"
	"\"TOKYO, Nov. 8 (Kyodo) -- Foreign Minister Yoko Kamikawa met Antony Blinken on Wednesday.\"\n";

/* A directory with two good reports (one in a subdirectory), an empty file, a
 * binary file and a hidden file. */
static void fill_dir(struct fx *f, char *in, size_t cap)
{
	char sub[512];
	make_dir(f, "in", in, cap);
	snprintf(sub, sizeof(sub), "%s/sub", in);
	assert_int_equal(mkdir(sub, 0755), 0);
	write_text(in, "a_tass.txt", tass_page);
	write_text(in, "b_empty.txt", "");
	static const unsigned char binary[] = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
					       3, 0, 0x3e, 0, 1, 0, 0, 0, 0x40, 0x10, 0, 0, 0, 0, 0, 0};
	write_file(in, "c_binary.bin", binary, sizeof(binary));
	write_text(in, ".hidden.txt", xinhua_wire);
	write_text(sub, "e_xinhua.txt", xinhua_wire);
}

/* ---- tests ------------------------------------------------------------------------------ */

static void test_directory_counts(void **state)
{
	struct fx *f = *state;
	char in[512];
	fill_dir(f, in, sizeof(in));
	open_store(f);
	struct import_options o = {.format = "auto"};
	const char *paths[] = {in};
	struct import_stats st = import(f, &o, paths, 1);
	assert_stats(st, 2, 0, 0, 2);
	assert_int_equal(st.files, 4);                       /* the hidden file is skipped */
	assert_int_equal(n_errors(f), 2);
	assert_true(has_error(f, "b_empty.txt", "empty"));
	assert_true(has_error(f, "c_binary.bin", "binary"));
	assert_int_equal(f->last_done, 4);
	assert_int_equal(f->last_total, 4);
	assert_true(f->progress_calls >= 5);
	reopen_store(f);
	assert_int_equal(outside_count(f, "SELECT count(*) FROM reports"), 2);
	assert_int_equal(outside_count(f, "SELECT count(*) FROM reports r JOIN agencies a ON a.id = r.agency_id"
					  " WHERE a.name IN ('TASS', 'Xinhua')"), 2);
	assert_int_equal(outside_count(f, "SELECT count(*) FROM reports WHERE published = 1712652000"), 1);
	/* The events went in with them. */
	assert_true(outside_count(f, "SELECT count(*) FROM event_reports") >= 2);
	assert_int_equal(outside_count(f, "SELECT count(*) FROM reports WHERE source_path LIKE '%/sub/e_xinhua.txt'"), 1);

	/* Again: all unchanged, the same failures. */
	st = import(f, &o, paths, 1);
	assert_stats(st, 0, 2, 0, 2);
}

static void test_missing_and_too_large(void **state)
{
	struct fx *f = *state;
	char in[512];
	make_dir(f, "in", in, sizeof(in));
	write_text(in, "a_tass.txt", tass_page);
	write_text(in, "e_xinhua.txt", xinhua_wire);
	open_store(f);
	char missing[600], big[600], small[600];
	snprintf(missing, sizeof(missing), "%s/no_such_report.txt", in);
	snprintf(big, sizeof(big), "%s/a_tass.txt", in);
	snprintf(small, sizeof(small), "%s/e_xinhua.txt", in);
	struct import_options o = {.format = "auto", .max_file = sizeof(tass_page) - 2};
	const char *paths[] = {missing, big, small};
	struct import_stats st = import(f, &o, paths, 3);
	assert_stats(st, 1, 0, 0, 2);
	assert_true(has_error(f, "no_such_report.txt", "No such file"));
	assert_true(has_error(f, "a_tass.txt", "too large"));
}

static void test_batches_commit(void **state)
{
	struct fx *f = *state;
	char in[512];
	fill_dir(f, in, sizeof(in));
	open_store(f);
	const char *paths[] = {in};
	struct importer *im = NULL;
	struct import_stats st;
	char *err = NULL;

	/* One report per transaction: each is visible to others as soon as it is stored. */
	struct import_options one = {.format = "auto", .batch = 1};
	assert_int_equal(importer_new(f->s, f->x, &one, on_msg, f, &im, &err), 0);
	assert_int_equal(importer_run(im, paths, 1, &err), 0);
	assert_int_equal(outside_count(f, "SELECT count(*) FROM reports"), 2);
	assert_int_equal(importer_finish(im, &st, &err), 0);
	importer_free(im);
	assert_stats(st, 2, 0, 0, 2);
	store_close(f->s);
	f->s = NULL;
	unlink(f->db);

	/* The default batch holds both until importer_finish commits them. */
	open_store(f);
	struct import_options dflt = {.format = "auto"};
	assert_int_equal(importer_new(f->s, f->x, &dflt, on_msg, f, &im, &err), 0);
	assert_int_equal(importer_run(im, paths, 1, &err), 0);
	assert_int_equal(outside_count(f, "SELECT count(*) FROM reports"), 0);
	assert_int_equal(importer_finish(im, &st, &err), 0);
	assert_int_equal(outside_count(f, "SELECT count(*) FROM reports"), 2);
	importer_free(im);

	/* A batch never finished is rolled back as a whole. */
	char corrected[600];
	snprintf(corrected, sizeof(corrected), "%s/e_xinhua.txt", in);
	write_text(in, "e_xinhua.txt", "Xi meets Lavrov\n\nBEIJING, April 9 (Xinhua) -- Xi Jinping met "
					   "Sergei Lavrov in Beijing on Tuesday, and the two discussed "
					   "the Ukraine crisis.\n");
	const char *one_path[] = {corrected};
	assert_int_equal(importer_new(f->s, f->x, &dflt, on_msg, f, &im, &err), 0);
	assert_int_equal(importer_run(im, one_path, 1, &err), 0);
	importer_free(im);
	reopen_store(f);
	assert_int_equal(outside_count(f, "SELECT count(*) FROM reports"), 2);
	assert_int_equal(outside_count(f, "SELECT count(*) FROM reports WHERE body LIKE '%Ukraine crisis%'"), 0);
}

static void test_refused_report_does_not_stop_batch(void **state)
{
	struct fx *f = *state;
	char in[512];
	make_dir(f, "in", in, sizeof(in));
	write_text(in, "a_tass.txt", tass_page);
	write_text(in, "d_refused.txt", refused_page);
	write_text(in, "e_xinhua.txt", xinhua_wire);
	write_text(in, "table.csv", table_csv);
	/* The archive refuses any report whose headline is marked, as a constraint would. */
	open_refusing(f, "CREATE TRIGGER refuse_marked BEFORE INSERT ON reports"
			  " WHEN new.title LIKE 'REFUSED%' BEGIN"
			  " SELECT RAISE(ABORT, 'refused by the test'); END;");
	struct import_options o = {.format = "auto"};
	const char *paths[] = {in};
	struct import_stats st = import(f, &o, paths, 1);
	/* a_tass, e_xinhua, table rows 2 and 4 go in; d_refused and row 3 do not. */
	assert_stats(st, 4, 0, 0, 2);
	assert_true(has_error(f, "d_refused.txt", "refused by the test"));
	assert_true(has_error(f, "table.csv: row 3", "refused by the test"));
	reopen_store(f);
	assert_int_equal(outside_count(f, "SELECT count(*) FROM reports"), 4);
	assert_int_equal(outside_count(f, "SELECT count(*) FROM reports WHERE title LIKE 'REFUSED%'"), 0);
	assert_int_equal(outside_count(f, "SELECT count(*) FROM reports WHERE url = 'https://kyodo.example/3'"), 1);
	/* Nothing of the refused reports is left: no event points at a missing report. */
	assert_int_equal(outside_count(f, "SELECT count(*) FROM event_reports er"
					  " LEFT JOIN reports r ON r.id = er.report_id WHERE r.id IS NULL"), 0);
}

/* Every event with its parties and reports, the full-text entries and the
 * change numbers, without ids (a failed report may leave a gap in them). */
static const char archive_dump[] =
	"SELECT (SELECT count(*) FROM reports) || ' reports; '"
	" || (SELECT count(*) FROM events_fts WHERE events_fts MATCH 'Blinken OR Lavrov') || ' fts; '"
	" || (SELECT count(*) FROM reports_fts WHERE reports_fts MATCH 'Tokyo OR Beijing') || ' rfts; '"
	" || (SELECT count(*) FROM event_changes) || ' changes; '"
	" || (SELECT count(*) FROM actor_aliases) || ' aliases; '"
	" || (SELECT group_concat(x, ' | ') FROM (SELECT e.type || ' ' || e.date || ' ' || e.summary"
	"   || ' [' || (SELECT group_concat(a.name || ':' || ea.role) FROM event_actors ea"
	"              JOIN actors a ON a.id = ea.actor_id WHERE ea.event_id = e.id)"
	"   || '] <' || (SELECT group_concat(r.title) FROM event_reports er"
	"              JOIN reports r ON r.id = er.report_id WHERE er.event_id = e.id) || '>' AS x"
	"   FROM events e ORDER BY x))";

/* A batch writes its reports without savepoints: when one fails after its
 * row went in (here its events are refused), the batch is rolled back and
 * stored again without it, and the archive is the one the good reports
 * alone give; the reports after it still go in. */
static void test_failed_report_in_unguarded_batch(void **state)
{
	struct fx *f = *state;
	char in[512];
	make_dir(f, "in", in, sizeof(in));
	write_text(in, "a_tass.txt", tass_page);
	write_text(in, "b_table.csv", table_csv);
	write_text(in, "e_xinhua.txt", xinhua_wire);
	open_refusing(f, "CREATE TRIGGER refuse_marked BEFORE INSERT ON events"
			  " WHEN new.summary LIKE '%Kamikawa%' BEGIN"
			  " SELECT RAISE(ABORT, 'refused by the test'); END;");
	struct import_options o = {.format = "auto"};
	const char *paths[] = {in};
	struct import_stats st = import(f, &o, paths, 1);
	/* a_tass, table rows 2 and 3, e_xinhua; not row 4, whose event is refused. */
	assert_stats(st, 4, 0, 0, 1);
	assert_true(has_error(f, "b_table.csv: row 4", "refused by the test"));
	assert_int_equal(n_errors(f), 1);
	char *got = outside_text(f, archive_dump);
	store_close(f->s);
	f->s = NULL;
	unlink(f->db);

	/* The same reports without the refused one, into a new archive. */
	const char *cut = strstr(table_csv, "Kamikawa meets");
	assert_non_null(cut);
	write_file(in, "b_table.csv", table_csv, (size_t)(cut - table_csv));
	/* The extractor is shared by the tests: as if new, for the new archive. */
	extractor_forget_aliases(f->x);
	open_store(f);
	assert_stats(import(f, &o, paths, 1), 4, 0, 0, 0);
	char *want = outside_text(f, archive_dump);
	assert_string_equal(got, want);
	assert_non_null(strstr(want, "4 reports;"));
	assert_non_null(strstr(want, "Lavrov"));
	free(got);
	free(want);
	reopen_store(f);
	assert_int_equal(outside_count(f, "SELECT count(*) FROM event_changes"),
			 outside_count(f, "SELECT count(*) FROM events"));
}

/* An error SQLite answers by rolling back the whole transaction (here a
 * trigger's RAISE(ROLLBACK)) stops the import: what the batch held is
 * counted as failed, and the archive keeps the batches committed before,
 * whole, with its triggers and indexes. */
static void test_transaction_rolled_back_by_error(void **state)
{
	struct fx *f = *state;
	char in[512];
	make_dir(f, "in", in, sizeof(in));
	write_text(in, "a_tass.txt", tass_page);
	write_text(in, "b_refused.txt", refused_page);
	write_text(in, "e_xinhua.txt", xinhua_wire);
	open_refusing(f, "CREATE TRIGGER refuse_marked BEFORE INSERT ON reports"
			  " WHEN new.title LIKE 'REFUSED%' BEGIN"
			  " SELECT RAISE(ROLLBACK, 'rolled back by the test'); END;");
	struct import_options o = {.format = "auto", .batch = 1};
	const char *paths[] = {in};
	struct importer *im = NULL;
	struct import_stats st;
	char *err = NULL;
	assert_int_equal(importer_new(f->s, f->x, &o, on_msg, f, &im, &err), 0);
	assert_int_equal(importer_run(im, paths, 1, &err), -1);
	assert_non_null(err);
	free(err);
	err = NULL;
	importer_finish(im, &st, &err);
	free(err);
	importer_free(im);
	assert_stats(st, 1, 0, 0, 1);
	reopen_store(f);
	assert_int_equal(outside_count(f, "SELECT count(*) FROM reports"), 1);
	assert_int_equal(outside_count(f, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"
				       " AND name IN ('reports_fts_ai', 'events_ai', 'events_change_au')"), 3);
	assert_int_equal(outside_count(f, "SELECT count(*) FROM reports_fts WHERE reports_fts MATCH 'Lavrov'"), 1);
	assert_int_equal(outside_count(f, "SELECT count(*) FROM event_changes c WHERE NOT EXISTS"
				       " (SELECT 1 FROM events e WHERE e.id = c.event_id)"), 0);
}

static void test_replaced_on_correction(void **state)
{
	struct fx *f = *state;
	char in[512];
	make_dir(f, "in", in, sizeof(in));
	write_text(in, "a_tass.txt", tass_page);
	open_store(f);
	struct import_options o = {.format = "auto"};
	const char *paths[] = {in};
	assert_stats(import(f, &o, paths, 1), 1, 0, 0, 0);
	/* The same page, one sentence corrected. */
	struct buf b;
	buf_init(&b, 0);
	const char *old = "in the Asia-Pacific region";
	const char *at = strstr(tass_page, old);
	assert_non_null(at);
	buf_add(&b, tass_page, (size_t)(at - tass_page));
	buf_addstr(&b, "in the Middle East");
	buf_addstr(&b, at + strlen(old));
	write_text(in, "a_tass.txt", buf_str(&b));
	buf_release(&b);
	assert_stats(import(f, &o, paths, 1), 0, 0, 1, 0);
	assert_stats(import(f, &o, paths, 1), 0, 1, 0, 0);
	reopen_store(f);
	assert_int_equal(outside_count(f, "SELECT count(*) FROM reports"), 1);
	assert_int_equal(outside_count(f, "SELECT version FROM reports"), 2);
	assert_int_equal(outside_count(f, "SELECT count(*) FROM reports WHERE body LIKE '%Middle East%'"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_directory_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_and_too_large, setup, teardown),
		cmocka_unit_test_setup_teardown(test_batches_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused_report_does_not_stop_batch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_report_in_unguarded_batch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transaction_rolled_back_by_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replaced_on_correction, setup, teardown),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
