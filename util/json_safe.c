/* See json_safe.h. */
#include "util/json_safe.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* Handed out once each, never reused: a failed allocation ends the work of
 * the caller that sees it, and values built from the reserve elsewhere stay
 * valid for as long as they live. */
static _Alignas(max_align_t) unsigned char reserve[1 << 18];
static size_t reserve_used;
static int alloc_failed;
static int installed;

static void *reserve_malloc(size_t n)
{
	void *p = malloc(n);
	if (p)
		return p;
	alloc_failed = 1;
	size_t need = (n + 15) & ~(size_t)15;
	if (need < n || need > sizeof(reserve) - reserve_used)
		return NULL;
	p = reserve + reserve_used;
	reserve_used += need;
	return p;
}

static void reserve_free(void *p)
{
	uintptr_t a = (uintptr_t)p, lo = (uintptr_t)reserve;
	if (a >= lo && a < lo + sizeof(reserve))
		return;
	free(p);
}

json_t *json_parse_text(const char *text, size_t flags)
{
	if (!installed) {
		/* (memory jansson took from malloc before this is freed by free) */
		json_set_alloc_funcs(reserve_malloc, reserve_free);
		installed = 1;
	}
	alloc_failed = 0;
	json_t *v = json_loads(text, flags, NULL);
	if (alloc_failed) {
		json_decref(v);
		return NULL;
	}
	return v;
}
