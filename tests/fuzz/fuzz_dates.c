/* Fuzz harness for the date parsers of outside text: time expressions
 * (with and without an anchor and a date named before), datelines,
 * timestamp lines, agency names and the project's own date syntax. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "ingest/dateline.h"
#include "ingest/timex.h"
#include "util/cdate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct timex out[16];
	struct cdate anchor = {2015, 1, 6, PREC_DAY}, prev = {2014, 12, 0, PREC_MONTH};
	size_t n = timex_find(s, size, &anchor, TENSE_AUTO, out, 16);
	n += timex_find(s, size, NULL, TENSE_PAST, out, 16);
	n += timex_find_after(s, size, &anchor, &prev, TENSE_FUTURE, out, 16);
	if (n > 48)
		abort();
	struct dateline d;
	dateline_parse(s, size, &d);
	dateline_field(s, size, &d);
	struct timestamp ts;
	timestamp_scan(s, size, &ts);
	char canon[64];
	agency_canonical(s, size, canon, sizeof(canon));
	/* cdate_parse wants a string. */
	char *z = malloc(size + 1);
	if (z) {
		memcpy(z, data, size);
		z[size] = '\0';
		struct cdate c;
		if (cdate_parse(z, &c) == 0) {
			char back[16];
			cdate_format(&c, back);
		}
		free(z);
	}
	return 0;
}
