/* Fuzz harness for the sources file of the scheduled update. */
#include <stdint.h>
#include <stdlib.h>

#include "fuzz.h"
#include "ingest/sources.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source_list l;
	char *err = NULL;
	if (sources_parse((const char *)data, size, "fuzz.conf", "/nonexistent", &l, &err) == 0) {
		for (size_t i = 0; i < l.n; i++)
			source_wants(&l.v[i], "inbox/a.txt");
		sources_release(&l);
	}
	free(err);
	return 0;
}
