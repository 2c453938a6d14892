/* Shared by the extraction and dictionary tests: one extractor (X) and one
 * copy of the shipped dictionaries (shipped), made once per group as cmocka
 * group setups and released by the matching teardowns. Included after
 * cmocka.h; define EXTRACTOR_FIXTURE and/or DICT_FIXTURE first for the parts
 * the test uses (everything here is static). */
#ifndef COMMUNIQUE_TEST_EXTRACTOR_FIXTURE_H
#define COMMUNIQUE_TEST_EXTRACTOR_FIXTURE_H
#include <stdlib.h>

#include "ingest/dict.h"
#include "ingest/extract.h"

#ifdef EXTRACTOR_FIXTURE
static struct extractor *X;

static int make_extractor(void **state)
{
	(void)state;
	char *err = NULL;
	if (extractor_new(NULL, 0, &X, &err)) {
		print_message("extractor_new: %s\n", err ? err : "?");
		free(err);
		return -1;
	}
	return 0;
}

static int free_extractor(void **state)
{
	(void)state;
	extractor_free(X);
	X = NULL;
	return 0;
}
#endif

#ifdef DICT_FIXTURE
static struct dict shipped;

static int load_shipped(void **state)
{
	(void)state;
	char *err = NULL;
	if (dict_load(&shipped, NULL, 0, &err)) {
		print_message("dict_load: %s\n", err ? err : "?");
		free(err);
		return -1;
	}
	return 0;
}

static int release_shipped(void **state)
{
	(void)state;
	dict_release(&shipped);
	return 0;
}
#endif

#endif
