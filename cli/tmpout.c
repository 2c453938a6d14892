/* Temporary outputs: naming, cleanup on failure and on signals, and removal
 * of those left by killed runs. See tmpout.h. */
#include "cli/tmpout.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/buf.h"

static const char *const companions[] = {"", "-journal", "-wal", "-shm"};
#define N_COMPANIONS (sizeof(companions) / sizeof(*companions))

/* The names the signal handler removes, copied in full beforehand: a
 * handler may call unlink but not malloc. */
static char pending[N_COMPANIONS][PATH_MAX + 16];
static volatile sig_atomic_t armed;

static void on_signal(int sig)
{
	if (armed)
		for (size_t i = 0; i < N_COMPANIONS; i++)
			unlink(pending[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void arm(const char *tmp)
{
	armed = 0;
	size_t n = strlen(tmp);
	if (n >= PATH_MAX)
		return;   /* no such path can be created anyway */
	for (size_t i = 0; i < N_COMPANIONS; i++) {
		memcpy(pending[i], tmp, n);
		memcpy(pending[i] + n, companions[i], strlen(companions[i]) + 1);
	}
	static int installed;
	if (!installed) {
		struct sigaction sa;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		sigaction(SIGHUP, &sa, NULL);
		installed = 1;
	}
	armed = 1;
}

/* The pid in a temporary file's name, or 0 when the name is not one. */
static long pid_of(const char *name)
{
	if (strncmp(name, TMPOUT_PREFIX, strlen(TMPOUT_PREFIX)))
		return 0;
	const char *p = name + strlen(TMPOUT_PREFIX);
	char *end;
	errno = 0;
	long pid = strtol(p, &end, 10);
	if (errno || end == p || *end != '-' || pid <= 0 || *p < '0' || *p > '9')
		return 0;
	return pid;
}

/* Removes the temporary files in dir of processes that have ended. A pid
 * that runs again (reused) keeps its files until it ends too; files of this
 * pid are an ended run's, since this one has made none yet. */
static void sweep(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct buf p;
	buf_init(&p, 0);
	for (struct dirent *e; (e = readdir(d));) {
		long pid = pid_of(e->d_name);
		if (!pid || (pid != (long)getpid() && (kill((pid_t)pid, 0) == 0 || errno != ESRCH)))
			continue;
		buf_reset(&p);
		buf_printf(&p, "%s/%s", dir, e->d_name);
		if (buf_failed(&p))
			continue;   /* a cut path would name another file */
		/* Another user's, in a shared directory: theirs to remove. */
		if (unlink(buf_str(&p)) && errno != ENOENT && errno != EACCES && errno != EPERM)
			warning("cannot remove the temporary file '%s' of an ended run: %s", buf_str(&p),
				strerror(errno));
	}
	buf_release(&p);
	closedir(d);
}

char *tmpout_begin(const char *output)
{
	const char *slash = strrchr(output, '/');
	struct buf dir, tmp;
	buf_init(&dir, 0);
	buf_init(&tmp, 0);
	if (!slash)
		buf_addstr(&dir, ".");
	else if (slash == output)
		buf_addstr(&dir, "/");
	else
		buf_add(&dir, output, (size_t)(slash - output));
	int bad = buf_printf(&tmp, "%.*s" TMPOUT_PREFIX "%ld-%s", slash ? (int)(slash - output + 1) : 0,
			     output, (long)getpid(), slash ? slash + 1 : output);
	if (!bad && !buf_failed(&dir))
		sweep(buf_str(&dir));
	buf_release(&dir);
	if (bad) {
		buf_release(&tmp);
		return NULL;
	}
	char *name = buf_detach(&tmp);
	if (name)
		arm(name);
	return name;
}

void tmpout_end(char *tmp, int failed)
{
	armed = 0;
	if (!tmp)
		return;
	/* No allocation here: the failure being cleaned up may be memory's. */
	if (failed) {
		char p[PATH_MAX + 16];
		size_t n = strlen(tmp);
		unlink(tmp);
		for (size_t i = 1; i < N_COMPANIONS && n < PATH_MAX; i++) {
			memcpy(p, tmp, n);
			memcpy(p + n, companions[i], strlen(companions[i]) + 1);
			unlink(p);
		}
	}
	free(tmp);
}
