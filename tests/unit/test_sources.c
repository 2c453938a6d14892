/* The sources file (ingest/sources.c): what it accepts, the line its errors
 * name, include/exclude patterns; and updating dir sources: new files go
 * in, unchanged ones are skipped without reading, touched ones are hashed
 * but not parsed, corrected ones replace, broken ones are reported once,
 * dry runs write nothing, and a file's state commits with its reports. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ingest/sources.h"
#include "store/store.h"
#include "store/store_admin.h"

/* ---- parsing ------------------------------------------------------------------------ */

static const char good[] =
	"\xEF\xBB\xBF; Sources of the Moscow desk\r\n"
	"[tass-inbox]\r\n"
	"kind = dir            ; an inbox folder, recursive\r\n"
	"path = inbox/tass\r\n"
	"agency = TASS\r\n"
	"format = auto\r\n"
	"include = *.txt *.html\r\n"
	"exclude = drafts/* *.tmp\r\n"
	"\r\n"
	"# a feed over HTTPS\r\n"
	"[mfa.feed_1]\r\n"
	"kind=feed\r\n"
	"url = https://mfa.example.org/rss.xml#latest\r\n"
	"\r\n"
	"[kyodo-file]\r\n"
	"kind = feed\r\n"
	"path = /srv/feeds/kyodo.xml\r\n";

static void test_parse_good_file(void **state)
{
	(void)state;
	struct source_list l;
	char *err = NULL;
	if (sources_parse(good, strlen(good), "desk.conf", "/etc/communique", &l, &err))
		fail_msg("%s", err);
	assert_int_equal(l.n, 3);
	const struct source *t = sources_find(&l, "tass-inbox");
	assert_non_null(t);
	assert_int_equal(t->kind, SOURCE_DIR);
	assert_string_equal(t->path, "/etc/communique/inbox/tass");   /* beside the sources file */
	assert_string_equal(t->agency, "TASS");
	assert_string_equal(t->format, "auto");
	assert_int_equal(t->n_include, 2);
	assert_string_equal(t->include[1], "*.html");
	assert_int_equal(t->n_exclude, 2);
	assert_string_equal(t->exclude[0], "drafts/*");
	assert_int_equal(t->line, 2);
	const struct source *m = sources_find(&l, "mfa.feed_1");
	assert_non_null(m);
	assert_int_equal(m->kind, SOURCE_FEED);
	assert_string_equal(m->url, "https://mfa.example.org/rss.xml#latest");  /* '#' inside a value stays */
	assert_null(m->path);
	assert_null(m->agency);
	const struct source *k = sources_find(&l, "kyodo-file");
	assert_string_equal(k->path, "/srv/feeds/kyodo.xml");
	assert_null(k->url);
	assert_null(sources_find(&l, "nosuch"));
	sources_release(&l);
}

static void expect_error(const char *text, const char *message)
{
	struct source_list l;
	char *err = NULL;
	assert_int_equal(sources_parse(text, strlen(text), "s.conf", NULL, &l, &err), -1);
	assert_int_equal(l.n, 0);
	if (!strstr(err, message))
		fail_msg("expected '%s', got '%s'", message, err);
	free(err);
}

static void test_parse_errors_name_the_line(void **state)
{
	(void)state;
	expect_error("[a]\nkind = dir\npath = x\npaht = y\n", "s.conf:4: unknown key 'paht' in [a]");
	expect_error("kind = dir\n", "s.conf:1: 'kind' comes before any [section]");
	expect_error("[a]\nkind = folder\n", "s.conf:2: kind must be 'dir' or 'feed', not 'folder'");
	expect_error("; first\n[a]\npath = x\n", "s.conf:2: source 'a' needs kind = dir or kind = feed");
	expect_error("[a]\nkind = dir\n\n[b]\nkind = dir\npath = y\n", "s.conf:1: source 'a' needs path =");
	expect_error("[a]\nkind = feed\n", "s.conf:1: source 'a' needs url =");
	expect_error("[a]\nkind = feed\nurl = https://x.org/rss\npath = f.xml\n", "source 'a' takes url = or path =, not both");
	expect_error("[a]\nkind = dir\nurl = https://x.org/rss\n", "source 'a' is a dir");
	expect_error("[a]\nkind = feed\nurl = ftp://x.org/rss\n", "s.conf:3: url must start with http:// or https://");
	expect_error("[a]\nkind = dir\npath = x\nformat = pdf\n", "s.conf:4: unknown format 'pdf'");
	expect_error("[a]\nkind = dir\npath = x\n[a]\nkind = dir\npath = y\n", "s.conf:4: source 'a' is defined twice");
	expect_error("[bad name]\n", "s.conf:1: 'bad name' is not a source name");
	expect_error("[a\n", "s.conf:1: a section header needs a closing ']'");
	expect_error("[a]\nkind = dir\nkind = feed\n", "s.conf:3: 'kind' is given twice in [a]");
	expect_error("[a]\nkind =\n", "s.conf:2: 'kind' needs a value");
	expect_error("[a]\njust words\n", "s.conf:2: expected 'key = value'");
}

static void test_patterns(void **state)
{
	(void)state;
	const char text[] = "[a]\nkind = dir\npath = in\ninclude = *.txt *.html 2015/*/*.xml\nexclude = draft-* tmp/*\n";
	struct source_list l;
	char *err = NULL;
	assert_int_equal(sources_parse(text, strlen(text), "s.conf", NULL, &l, &err), 0);
	const struct source *s = &l.v[0];
	assert_true(source_wants(s, "report.txt"));
	assert_true(source_wants(s, "2015/01/report.html"));   /* a name pattern matches at any depth */
	assert_false(source_wants(s, "report.md"));
	assert_false(source_wants(s, "2015/01/draft-report.txt"));
	assert_true(source_wants(s, "2015/01/feed.xml"));       /* a path pattern matches the path */
	assert_false(source_wants(s, "2016/feed.xml"));
	assert_false(source_wants(s, "tmp/report.txt"));
	assert_true(source_wants(s, "x/tmp/report.txt"));       /* path patterns are anchored */
	sources_release(&l);
	/* No patterns: every file. */
	const char all[] = "[b]\nkind = dir\npath = in\n";
	assert_int_equal(sources_parse(all, strlen(all), "s.conf", NULL, &l, &err), 0);
	assert_true(source_wants(&l.v[0], "anything.bin"));
	sources_release(&l);
}

static void test_load_missing_file(void **state)
{
	(void)state;
	struct source_list l;
	char *err = NULL;
	assert_int_equal(sources_load("/nonexistent/sources.conf", &l, &err), -1);
	assert_non_null(strstr(err, "cannot read the sources file '/nonexistent/sources.conf'"));
	free(err);
}

/* ---- updating a dir source -------------------------------------------------------------- */

struct fx {
	char dir[256];
	char db[300];
	struct store *s;
	struct source_list l;
	struct updater *u;
	int errors, notes;
	char last_error[512];
};

static void on_msg(void *ctx, enum update_msg kind, const struct source *src, const char *where,
		   const char *msg)
{
	struct fx *f = ctx;
	(void)src;
	if (kind == UPDATE_ERROR) {
		f->errors++;
		snprintf(f->last_error, sizeof(f->last_error), "%s: %s", where, msg);
	} else if (kind == UPDATE_NOTE) {
		f->notes++;
	}
}

static void write_file(struct fx *f, const char *rel, const char *text)
{
	char p[600];
	snprintf(p, sizeof(p), "%s/inbox/%s", f->dir, rel);
	char *slash = strrchr(p, '/');
	*slash = '\0';
	mkdir(p, 0755);
	*slash = '/';
	FILE *fp = fopen(p, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void set_mtime(struct fx *f, const char *rel, time_t t)
{
	char p[600];
	snprintf(p, sizeof(p), "%s/inbox/%s", f->dir, rel);
	struct timespec ts[2] = {{t, 0}, {t, 0}};
	assert_int_equal(utimensat(AT_FDCWD, p, ts, 0), 0);
}

static const char kerry[] =
	"Lavrov and Kerry discuss Ukraine by phone\n\nMOSCOW, January 13, 2015. /TASS/. Russian Foreign "
	"Minister Sergei Lavrov and US Secretary of State John Kerry discussed Ukraine by phone on Tuesday.\n";
static const char kerry_corrected[] =
	"Lavrov and Kerry discuss Ukraine by phone\n\nMOSCOW, January 13, 2015. /TASS/. Russian Foreign "
	"Minister Sergei Lavrov and US Secretary of State John Kerry discussed the Ukraine settlement by phone on Tuesday.\n";
static const char wang[] =
	"Wang Yi holds talks in Moscow\n\nMOSCOW, January 20, 2015. /TASS/. Chinese Foreign Minister Wang Yi "
	"held talks with Russian Foreign Minister Sergei Lavrov in Moscow on Tuesday.\n";
static const char steinmeier[] =
	"Lavrov and Steinmeier hold talks in Berlin\n\nBERLIN, February 3, 2015. /TASS/. Russian Foreign "
	"Minister Sergei Lavrov held talks with German Foreign Minister Frank-Walter Steinmeier on Tuesday.\n";

static int fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	const char *tmp = getenv("TMPDIR");
	snprintf(f->dir, sizeof(f->dir), "%s/test_sources.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->db, sizeof(f->db), "%s/archive.db", f->dir);
	char inbox[300];
	snprintf(inbox, sizeof(inbox), "%s/inbox", f->dir);
	mkdir(inbox, 0755);
	const char text[] = "[tass]\nkind = dir\npath = inbox\nagency = TASS\nexclude = *.md\n";
	char *err = NULL;
	if (sources_parse(text, strlen(text), "sources.conf", f->dir, &f->l, &err))
		return -1;
	if (store_open(f->db, 0, &f->s, &err))
		return -1;
	*state = f;
	return 0;
}

static int fx_teardown(void **state)
{
	struct fx *f = *state;
	updater_free(f->u);
	store_close(f->s);
	sources_release(&f->l);
	char cmd[400];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	int rc = system(cmd);
	free(f);
	return rc ? -1 : 0;
}

static struct source_result run(struct fx *f, int dry_run, int rescan)
{
	struct update_options o = {.dry_run = dry_run, .rescan = rescan, .batch = 2};
	char *err = NULL;
	updater_free(f->u);
	f->u = NULL;
	assert_int_equal(updater_new(f->s, NULL, &o, on_msg, f, &f->u, &err), 0);
	struct source_result r;
	if (updater_source(f->u, &f->l.v[0], &r, &err))
		fail_msg("%s", err);
	return r;
}

static long count(struct fx *f, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

static void test_new_unchanged_touched_corrected(void **state)
{
	struct fx *f = *state;
	write_file(f, "2015-01/kerry.txt", kerry);
	write_file(f, "2015-01/wang.txt", wang);
	write_file(f, "2015-02/steinmeier.txt", steinmeier);
	write_file(f, "2015-02/.steinmeier.txt.swp", "an editor's temporary file");
	write_file(f, "README.md", "excluded by the source's patterns");

	struct source_result r = run(f, 0, 0);
	assert_int_equal(r.imported, 3);
	assert_int_equal(r.files_read, 3);
	assert_int_equal(r.failed, 0);
	assert_int_equal(count(f, "SELECT count(*) FROM reports"), 3);
	assert_int_equal(count(f, "SELECT count(*) FROM source_files WHERE source = 'tass'"), 3);
	assert_int_equal(count(f, "SELECT count(*) FROM reports r JOIN agencies a ON a.id = r.agency_id"
				  " WHERE a.name = 'TASS'"), 3);

	/* Nothing changed: nothing is read. */
	r = run(f, 0, 0);
	assert_int_equal(r.files_read, 0);
	assert_int_equal(r.files_skipped, 3);
	assert_int_equal(r.unchanged, 3);
	assert_int_equal(r.imported, 0);

	/* Touched: read and hashed, not imported; its new time is remembered. */
	set_mtime(f, "2015-01/wang.txt", 1425211200);
	r = run(f, 0, 0);
	assert_int_equal(r.files_read, 1);
	assert_int_equal(r.unchanged, 3);
	r = run(f, 0, 0);
	assert_int_equal(r.files_read, 0);

	/* Corrected: replaces the stored version. */
	write_file(f, "2015-01/kerry.txt", kerry_corrected);
	set_mtime(f, "2015-01/kerry.txt", 1425300000);
	r = run(f, 0, 0);
	assert_int_equal(r.replaced, 1);
	assert_int_equal(r.imported, 0);
	assert_int_equal(count(f, "SELECT count(*) FROM reports"), 3);
	assert_int_equal(count(f, "SELECT version FROM reports WHERE title LIKE 'Lavrov and Kerry%'"), 2);

	/* --rescan hashes everything again and finds nothing new. */
	r = run(f, 0, 1);
	assert_int_equal(r.files_read, 3);
	assert_int_equal(r.unchanged, 3);
	assert_int_equal(f->errors, 0);
}

static void test_broken_file_reported_once(void **state)
{
	struct fx *f = *state;
	write_file(f, "kerry.txt", kerry);
	write_file(f, "empty.txt", "");
	struct source_result r = run(f, 0, 0);
	assert_int_equal(r.imported, 1);
	assert_int_equal(r.failed, 1);
	assert_string_equal(source_status(&r), "partial");
	assert_non_null(strstr(f->last_error, "empty.txt: empty report"));
	assert_int_equal(count(f, "SELECT status FROM source_files WHERE path LIKE '%empty.txt'"), STORE_FILE_FAILED);
	/* Not tried again while it stays the same... */
	r = run(f, 0, 0);
	assert_int_equal(r.failed, 0);
	assert_int_equal(f->errors, 1);
	/* ...but as soon as it changes. */
	write_file(f, "empty.txt", wang);
	r = run(f, 0, 0);
	assert_int_equal(r.imported, 1);
	assert_int_equal(count(f, "SELECT status FROM source_files WHERE path LIKE '%empty.txt'"), STORE_FILE_OK);
}

static void test_unreadable_file_is_retried(void **state)
{
	struct fx *f = *state;
	if (geteuid() == 0)
		skip();   /* root reads everything */
	write_file(f, "secret.txt", kerry);
	char p[600];
	snprintf(p, sizeof(p), "%s/inbox/secret.txt", f->dir);
	chmod(p, 0);
	struct source_result r = run(f, 0, 0);
	assert_int_equal(r.failed, 1);
	assert_int_equal(count(f, "SELECT count(*) FROM source_files"), 0);
	chmod(p, 0644);
	r = run(f, 0, 0);
	assert_int_equal(r.imported, 1);
}

static void test_dry_run_writes_nothing(void **state)
{
	struct fx *f = *state;
	write_file(f, "kerry.txt", kerry);
	write_file(f, "wang.txt", wang);
	struct source_result r = run(f, 1, 0);
	assert_int_equal(r.imported, 2);   /* would be */
	assert_true(f->notes >= 2);
	assert_int_equal(count(f, "SELECT count(*) FROM reports"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM source_files"), 0);
	r = run(f, 0, 0);
	assert_int_equal(r.imported, 2);
	/* A dry run of a corrected file says replace. */
	write_file(f, "kerry.txt", kerry_corrected);
	set_mtime(f, "kerry.txt", 1425300000);
	r = run(f, 1, 0);
	assert_int_equal(r.replaced, 1);
	assert_int_equal(count(f, "SELECT max(version) FROM reports"), 1);
}

static void test_missing_source_fails_alone(void **state)
{
	struct fx *f = *state;
	const char text[] = "[gone]\nkind = dir\npath = /nonexistent/inbox\n";
	struct source_list l;
	char *err = NULL;
	assert_int_equal(sources_parse(text, strlen(text), "s.conf", NULL, &l, &err), 0);
	struct update_options o = {0};
	assert_int_equal(updater_new(f->s, NULL, &o, on_msg, f, &f->u, &err), 0);
	struct source_result r;
	assert_int_equal(updater_source(f->u, &l.v[0], &r, &err), 0);
	assert_int_equal(r.source_failed, 1);
	assert_string_equal(source_status(&r), "failed");
	assert_non_null(strstr(f->last_error, "/nonexistent/inbox: cannot open the source"));
	sources_release(&l);
}

/* A feed read from a file is remembered like any file. */
static void test_feed_file_source(void **state)
{
	struct fx *f = *state;
	write_file(f, "mfa.xml",
		   "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>MFA</title>"
		   "<item><title>Minister meets the Indian ambassador</title><guid>mfa-7</guid>"
		   "<pubDate>Fri, 06 Feb 2015 09:30:00 +0000</pubDate>"
		   "<description>The minister received the Indian ambassador.</description></item>"
		   "<item><title>Minister speaks with the German minister</title><guid>mfa-8</guid>"
		   "<pubDate>Mon, 09 Feb 2015 16:00:00 +0000</pubDate>"
		   "<description>The ministers spoke by phone.</description></item></channel></rss>");
	char text[600];
	snprintf(text, sizeof(text), "[mfa]\nkind = feed\npath = %s/inbox/mfa.xml\nagency = MFA Russia\n", f->dir);
	struct source_list l;
	char *err = NULL;
	assert_int_equal(sources_parse(text, strlen(text), "s.conf", NULL, &l, &err), 0);
	struct update_options o = {0};
	assert_int_equal(updater_new(f->s, NULL, &o, on_msg, f, &f->u, &err), 0);
	struct source_result r;
	assert_int_equal(updater_source(f->u, &l.v[0], &r, &err), 0);
	assert_int_equal(r.imported, 2);
	assert_int_equal(updater_source(f->u, &l.v[0], &r, &err), 0);
	assert_int_equal(r.files_skipped, 1);
	assert_int_equal(count(f, "SELECT count(*) FROM reports WHERE guid IN ('mfa-7', 'mfa-8')"), 2);
	sources_release(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_good_file),
		cmocka_unit_test(test_parse_errors_name_the_line),
		cmocka_unit_test(test_patterns),
		cmocka_unit_test(test_load_missing_file),
		cmocka_unit_test_setup_teardown(test_new_unchanged_touched_corrected, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_broken_file_reported_once, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_unreadable_file_is_retried, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_dry_run_writes_nothing, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_missing_source_fails_alone, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_feed_file_source, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
