/* Opening the archive and the dictionaries for a command, with the messages
 * and exit codes every command shares. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <dirent.h>

#include "cli/archive.h"
#include "store/store_admin.h"
#include "store/store_lock.h"
#include "util/buf.h"
#include "util/embedded.h"
#include "util/hash.h"

#ifdef COMMUNIQUE_VERSION
#define COMMUNIQUE_VERSION_TEXT COMMUNIQUE_VERSION
#else
#define COMMUNIQUE_VERSION_TEXT "?"
#endif

/* Prints a message of the store's about the archive, its target shown
 * without a URI's password (whatever layer wrote it). */
static void archive_error(struct cli *cli, const char *msg)
{
	char *shown = msg ? store_message_shown(msg, cli->db_path) : NULL;
	/* Without a message (the store ran out of memory making it) or room
	 * for the copy, the message goes without its text rather than with a
	 * password. */
	error("%s", shown ? shown : "cannot open the archive (out of memory)");
	free(shown);
}

int open_archive(struct cli *cli, int flags, struct store **out)
{
	char *err = NULL;
	if (!(flags & ARCHIVE_READ)) {
		if (store_open(cli->db_path, flags, out, &err)) {
			archive_error(cli, err);
			free(err);
			return -1;
		}
		return 0;
	}
	/* Reading commands open read-only: they work on an archive or a backup
	 * they may not write (mode 0444, a directory of someone else's) and
	 * never change it. */
	/* A missing archive is created, as it always was, except for check. A
	 * server's database has no path to look at: whether it may be written
	 * is the server's to say, when the store writes. */
	int writable = store_target_is_server(cli->db_path) || access(cli->db_path, W_OK) == 0 ||
		       (errno == ENOENT && !(flags & ARCHIVE_AS_IS));
	if (!store_open(cli->db_path, STORE_READONLY, out, &err)) {
		/* An archive of an older schema is brought up to date by the first
		 * command that can write it, as before, unless told not to. */
		if (store_version(*out) >= store_latest_version() || !writable || (flags & ARCHIVE_AS_IS))
			return 0;
		store_close(*out);
		*out = NULL;
	} else if (!writable || (flags & ARCHIVE_AS_IS)) {
		archive_error(cli, err);
		free(err);
		return -1;
	}
	/* A writable archive a read-only connection could not open (a missing
	 * one, or one with a hot journal to roll back). */
	free(err);
	err = NULL;
	if (store_open(cli->db_path, flags & ~(ARCHIVE_READ | ARCHIVE_AS_IS), out, &err)) {
		archive_error(cli, err);
		free(err);
		return -1;
	}
	return 0;
}

/* Splits path into its directory (in *dir, "." when none) and returns its
 * last component. */
static const char *split_path(const char *path, struct buf *dir)
{
	const char *slash = strrchr(path, '/');
	buf_reset(dir);
	if (!slash)
		buf_addstr(dir, ".");
	else
		buf_add(dir, path, slash == path ? 1 : (size_t)(slash - path));
	return slash ? slash + 1 : path;
}

int refuse_archive_output(struct cli *cli, const char *what, const char *output)
{
	return refuse_archive_fd(cli, what, output, -1);
}

int refuse_archive_fd(struct cli *cli, const char *what, const char *output, int fd)
{
	static const char *const companions[] = {"", "-wal", "-shm", "-journal", ".lock"};
	struct stat out, sb, out_dir, db_dir;
	/* An archive on a server has no file a local output could overwrite. */
	if (store_target_is_server(cli->db_path))
		return 0;
	struct buf p, d;
	buf_init(&p, 0);
	buf_init(&d, 0);
	int rc = 0;
	/* Compared by identity, not by name: a name cannot tell "./a.db", a
	 * symlink to it and a hard link apart. */
	int exists = fd >= 0 ? fstat(fd, &out) == 0 : stat(output, &out) == 0;
	/* The companions come and go (a writer creates -wal and -shm, and the
	 * last one out removes them): one missing now may be there when the
	 * output is renamed into place. So their names are refused too, in the
	 * archive's directory whatever it is called. */
	const char *out_base = split_path(output, &d);
	int cut = buf_failed(&d);   /* split_path resets d: each is checked */
	int same_dir = !cut && stat(buf_str(&d), &out_dir) == 0;
	const char *db_base = split_path(cli->db_path, &d);
	cut |= buf_failed(&d);
	same_dir = same_dir && !cut && stat(buf_str(&d), &db_dir) == 0 && out_dir.st_dev == db_dir.st_dev &&
		   out_dir.st_ino == db_dir.st_ino;
	for (size_t i = 0; i < sizeof(companions) / sizeof(*companions) && !rc; i++) {
		buf_reset(&p);
		buf_printf(&p, "%s%s", cli->db_shown, companions[i]);
		/* Without the companion's name nothing can be compared: refuse. */
		if (buf_failed(&p) || cut) {
			error("%s '%s': out of memory while checking it is not the archive", what, output);
			rc = -1;
			break;
		}
		int same = exists && stat(buf_str(&p), &sb) == 0 && sb.st_dev == out.st_dev &&
			   sb.st_ino == out.st_ino;
		size_t n = strlen(db_base);
		same = same || (i && same_dir && !strncmp(out_base, db_base, n) &&
				!strcmp(out_base + n, companions[i]));
		if (same) {
			error("%s '%s' is the archive%s '%s' itself: refusing to overwrite it", what,
			      output, i ? "'s file" : "", buf_str(&p));
			rc = -1;
		}
	}
	buf_release(&p);
	buf_release(&d);
	return rc;
}

int check_text_query(struct cli *cli, struct store *s, const char *text)
{
	if (!text)
		return 0;
	char *err = NULL;
	int rc = store_text_query_check(s, text, &err);
	if (rc > 0)
		error("--text: '%s' is not a full-text query (%s); put words in double quotes to"
		      " search for them as they are", text, err);
	else if (rc < 0)
		error("archive '%s': %s", cli->db_shown, err ? err : "out of memory");
	free(err);
	return rc > 0 ? -1 : rc < 0 ? -2 : 0;
}

int open_extractor(struct cli *cli, struct extractor **out)
{
	char *err = NULL;
	if (extractor_new(cli->dicts, cli->n_dicts, out, &err)) {
		error("%s", err);
		free(err);
		return -1;
	}
	return 0;
}

int parse_date_option(const char *opt, const char *value, struct cdate *out)
{
	if (!value) {
		out->prec = PREC_UNKNOWN;
		return 0;
	}
	if (cdate_parse_exact(value, out)) {
		error("%s: '%s' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)", opt, value);
		return -1;
	}
	return 0;
}

int archive_writer_lock(struct cli *cli, long wait_s, struct store_lock **out)
{
	char *err = NULL;
	int rc = store_lock_take(cli->db_path, wait_s, out, &err);
	if (rc < 0)
		error("%s", err ? err : "cannot take the archive's writer lock: out of memory");
	free(err);
	return rc < 0 ? -1 : rc > 0 ? -2 : 0;
}

const char *archive_lock_name(struct cli *cli)
{
	static char name[512];
	if (store_target_is_server(cli->db_path))
		snprintf(name, sizeof(name), "the writer lock of '%s'", cli->db_shown);
	else
		snprintf(name, sizeof(name), "'%s.lock'", cli->db_path);
	return name;
}


/* Feeds a file's bytes to a digest; a file that cannot be read counts by its name only. */
static void hash_file(struct sha256_ctx *c, const char *path)
{
	FILE *f = fopen(path, "rb");
	sha256_add(c, path, strlen(path) + 1);
	if (!f)
		return;
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sha256_add(c, buf, n);
	fclose(f);
}

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char *extractor_signature(struct cli *cli)
{
	struct sha256_ctx *build = sha256_begin(), *dict = sha256_begin();
	char hb[65] = "", hd[65] = "";
	int lost = 0;
	if (!build || !dict) {
		if (build)
			sha256_end_hex(build, hb);
		if (dict)
			sha256_end_hex(dict, hd);
		return NULL;
	}
	/* The program itself: any other build may extract otherwise. */
	hash_file(build, "/proc/self/exe");
	for (const struct embedded_file *f = embedded_dict; f->name; f++) {
		sha256_add(dict, f->name, strlen(f->name) + 1);
		sha256_add(dict, f->data, f->len);
	}
	for (size_t i = 0; i < cli->n_dicts; i++) {
		DIR *d = opendir(cli->dicts[i]);
		if (!d) {
			hash_file(dict, cli->dicts[i]);
			continue;
		}
		char **names = NULL;
		size_t n = 0, cap = 0;
		for (struct dirent *e; (e = readdir(d));) {
			size_t len = strlen(e->d_name);
			if (len < 5 || strcmp(e->d_name + len - 4, ".tsv") ||
			    grow_array((void **)&names, &cap, n + 1, sizeof(*names)))
				continue;
			struct buf p;
			buf_init(&p, 0);
			buf_printf(&p, "%s/%s", cli->dicts[i], e->d_name);
			/* A file left out would give another signature: none then. */
			if (!(names[n] = buf_finish(&p)))
				lost = 1;
			else
				n++;
		}
		closedir(d);
		if (n)
			qsort(names, n, sizeof(*names), cmp_cstr);
		for (size_t k = 0; k < n; k++) {
			hash_file(dict, names[k]);
			free(names[k]);
		}
		free(names);
	}
	sha256_end_hex(build, hb);
	sha256_end_hex(dict, hd);
	if (lost)
		return NULL;
	struct buf out;
	buf_init(&out, 0);
	buf_printf(&out, "communique %s build %.12s; dictionaries %.12s", COMMUNIQUE_VERSION_TEXT, hb, hd);
	return buf_finish(&out);
}
