/* Opening the archive and the dictionaries for a command, with the messages
 * and exit codes every command shares. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "cli/archive.h"
#include "util/buf.h"

int open_archive(struct cli *cli, int flags, struct store **out)
{
	char *err = NULL;
	/* Reading commands work on an archive they may not write (a read-only
	 * copy), as long as its schema is current. */
	if ((flags & ARCHIVE_READ) && store_open(cli->db_path, 0, out, &err)) {
		char *first = err;
		err = NULL;
		/* Only a permission problem calls for a read-only open: a damaged or
		 * foreign file is refused as it is. */
		if (access(cli->db_path, W_OK) != 0 && access(cli->db_path, R_OK) == 0 &&
		    !store_open(cli->db_path, STORE_READONLY, out, &err)) {
			free(first);
			return 0;
		}
		free(err);
		error("%s", first);
		free(first);
		return -1;
	}
	if (flags & ARCHIVE_READ)
		return 0;
	if (store_open(cli->db_path, flags, out, &err)) {
		error("%s", err);
		free(err);
		return -1;
	}
	return 0;
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
	if (cdate_parse(value, out)) {
		error("%s: '%s' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)", opt, value);
		return -1;
	}
	return 0;
}

/* Takes the archive's writer lock, waiting up to wait_s seconds. Returns the
 * lock's descriptor, -1 on error (printed), or -2 when another holds it. */
int archive_lock(const char *db_path, long wait_s)
{
	struct buf path;
	buf_init(&path, 0);
	buf_printf(&path, "%s.lock", db_path);
	int fd = open(buf_str(&path), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		error("cannot open the lock file '%s': %s", buf_str(&path), strerror(errno));
		buf_release(&path);
		return -1;
	}
	buf_release(&path);
	struct timespec start, now;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return fd;
		if (errno != EWOULDBLOCK && errno != EINTR) {
			error("cannot lock '%s.lock': %s", db_path, strerror(errno));
			close(fd);
			return -1;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - start.tv_sec >= wait_s) {
			close(fd);
			return -2;
		}
		struct timespec pause = {.tv_sec = 0, .tv_nsec = 100000000L};
		nanosleep(&pause, NULL);
	}
}

