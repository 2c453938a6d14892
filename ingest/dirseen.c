/* The directories a walk has entered: see dirseen.h. */
#include "ingest/dirseen.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static size_t slot_of(const struct dir_seen *s, dev_t dev, ino_t ino)
{
	uint64_t h = (uint64_t)ino * 0x9E3779B97F4A7C15ULL ^ (uint64_t)dev * 0xC2B2AE3D27D4EB4FULL;
	h ^= h >> 29;
	return (size_t)h & (s->cap - 1);
}

static int insert(struct dir_seen *s, dev_t dev, ino_t ino)
{
	size_t i = slot_of(s, dev, ino);
	while (s->slot[i].used) {
		if (s->slot[i].dev == dev && s->slot[i].ino == ino)
			return 1;
		i = (i + 1) & (s->cap - 1);
	}
	s->slot[i].dev = dev;
	s->slot[i].ino = ino;
	s->slot[i].used = 1;
	s->n++;
	return 0;
}

int dir_seen_add(struct dir_seen *s, dev_t dev, ino_t ino)
{
	/* Kept at most half full, so that probing stays short. */
	if (2 * (s->n + 1) > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		struct dir_seen old = *s;
		s->slot = calloc(cap, sizeof(*s->slot));
		if (!s->slot) {
			*s = old;
			return -1;
		}
		s->cap = cap;
		s->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.slot[i].used)
				insert(s, old.slot[i].dev, old.slot[i].ino);
		free(old.slot);
	}
	return insert(s, dev, ino);
}

void dir_seen_release(struct dir_seen *s)
{
	free(s->slot);
	memset(s, 0, sizeof(*s));
}
