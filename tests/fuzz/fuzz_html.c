/* Fuzz harness for the HTML reader: whole pages through html_read() and the
 * same bytes as a feed fragment through html_fragment_text(). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "ingest/html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct report r;
	char *err = NULL;
	size_t total = 0;
	report_init(&r);
	if (html_read(s, size, NULL, &r, &err) == 0) {
		total += r.body ? strlen(r.body) : 0;
		total += r.title ? strlen(r.title) : 0;
	} else {
		total += err ? strlen(err) : 0;
	}
	free(err);
	report_release(&r);
	struct buf b;
	buf_init(&b, (size_t)1 << 20);
	(void)html_fragment_text(s, size, &b);
	total += b.len;
	buf_release(&b);
	return total == (size_t)-1;
}
