/* Fuzz harness for the plain-text reader and everything extraction runs on
 * its report: datelines, timestamps, the tokeniser and sentence splitter,
 * time expressions, mentions, clauses, dates, merging and summaries. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "ingest/extract.h"
#include "ingest/text.h"
#include "util/types.h"

static struct extractor *x;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *err = NULL;
	if (!x) {
		/* The shipped dictionaries, loaded once for every input. */
		if (types_load(NULL, 0, &err) || extractor_new(NULL, 0, &x, &err))
			abort();
	}
	struct ingest_hints hints;
	memset(&hints, 0, sizeof(hints));
	hints.path = "fuzz.txt";
	hints.date.prec = PREC_UNKNOWN;
	/* With and without a date given: relative dates resolve against it. */
	for (int with_date = 0; with_date < 2; with_date++) {
		if (with_date) {
			hints.date = (struct cdate){2015, 1, 6, PREC_DAY};
		}
		struct report r;
		report_init(&r);
		if (text_read((const char *)data, size, &hints, &r, &err) == 0) {
			struct event_list l;
			event_list_init(&l);
			if (r.pub_known == PUB_NONE)
				extract_infer_year(x, &r);
			if (extract_events(x, &r, &l, &err) == 0)
				for (size_t i = 0; i < l.n; i++)
					if (l.items[i].confidence < 0 || l.items[i].confidence > 1)
						abort();
			free(err);
			err = NULL;
			event_list_release(&l);
		}
		free(err);
		err = NULL;
		report_release(&r);
	}
	return 0;
}
