/* The directories a walk has entered, by device and inode: a tree reached
 * again through a symbolic link (`a -> .`, `b -> ..`, a link to a sibling)
 * is walked once, so a loop of links cannot make a walk endless. Used by
 * the importer's walk (ingest) and the dir sources' walk (update). */
#ifndef COMMUNIQUE_DIRSEEN_H
#define COMMUNIQUE_DIRSEEN_H
#include <stddef.h>
#include <sys/types.h>

/* Deepest nesting a walk enters below its root; deeper directories are
 * reported and skipped (the walks recurse, and no archive of reports is
 * nested this deep). */
#define DIR_WALK_MAX_DEPTH 64

/* An open-addressing hash set of (device, inode); zero-initialise it. */
struct dir_seen {
	struct dir_seen_key {
		dev_t dev;
		ino_t ino;
		int used;
	} *slot;                 /* cap slots, malloc'd */
	size_t n, cap;           /* cap is 0 or a power of two */
};

/* Adds (dev, ino). Returns 0 when it was new, 1 when it was already there,
 * -1 when memory ran out. */
int dir_seen_add(struct dir_seen *s, dev_t dev, ino_t ino);
void dir_seen_release(struct dir_seen *s);

#endif
