/* Shared by the store tests: a fresh temporary directory per test holding
 * archive.db, removed with its WAL files afterwards. Included after cmocka.h;
 * everything here is static. */
#ifndef COMMUNIQUE_TEST_ARCHIVE_FIXTURE_H
#define COMMUNIQUE_TEST_ARCHIVE_FIXTURE_H
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "store/store.h"
#include "outside_sql.h"

struct fx {
	char dir[256];
	char path[300];     /* dir/archive.db */
	struct store *s;    /* the test's open archive, closed by teardown */
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	const char *tmp = getenv("TMPDIR");
	snprintf(f->dir, sizeof(f->dir), "%s/communique-store.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof(f->path), "%s/archive.db", f->dir);
	*state = f;
	return 0;
}

static void remove_with_suffix(const char *path, const char *suffix)
{
	char p[512];   /* any path a test passes, with its suffix */
	snprintf(p, sizeof(p), "%s%s", path, suffix);
	unlink(p);
}

static int teardown(void **state)
{
	struct fx *f = *state;
	store_close(f->s);
	remove_with_suffix(f->path, "");
	remove_with_suffix(f->path, "-wal");
	remove_with_suffix(f->path, "-shm");
	remove_with_suffix(f->path, "-journal");
	rmdir(f->dir);
	free(f);
	return 0;
}

/* The archive of the fixture opened at schema `version` (0: the latest). */
static inline struct store *open_at(struct fx *f, int version)
{
	char *err = NULL;
	struct store *s = NULL;
	int rc = version ? store_open_at(f->path, 0, version, &s, &err) : store_open(f->path, 0, &s, &err);
	if (rc)
		fail_msg("store_open: %s", err ? err : "?");
	return s;
}

/* OK(call, what): a store call that must succeed; its error message (a
 * variable `err` in scope) is read after the call. */
#define OK(call, what)                                                  \
	do {                                                            \
		if ((call) != 0)                                        \
			fail_msg("%s: %s", (what), err ? err : "?");    \
	} while (0)

#endif
