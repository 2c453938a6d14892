/* Fuzz harness for the XML readers: the same bytes go through wire_sniff(),
 * wire_read() (NITF, NewsML-G2, NewsML 1.2) and feed_read() (RSS, Atom). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "ingest/feed.h"
#include "ingest/wire.h"

/* Touches every field so that a bad pointer shows under the sanitizers. */
static int sink(void *ctx, struct report *r, const char *item)
{
	size_t *total = ctx;
	const char *f[] = {r->title, r->agency, r->place, r->url, r->guid, r->author,
			   r->lede, r->body, r->published_text, r->format, item};
	for (size_t i = 0; i < sizeof(f) / sizeof(*f); i++)
		*total += f[i] ? strlen(f[i]) : 0;
	for (size_t i = 0; i < r->n_warnings; i++)
		*total += strlen(r->warnings[i]);
	return 0;
}

static void on_error(void *ctx, const char *item, const char *message)
{
	size_t *total = ctx;
	*total += strlen(item) + strlen(message);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	size_t total = 0;
	char *err = NULL;
	struct ingest_hints h = {"Xinhua", "https://example.org/", "fuzz.xml", {2015, 1, 6, PREC_DAY}};
	(void)wire_sniff(s, size);
	if (wire_read(s, size, &h, sink, on_error, &total, &err) != 0)
		total += strlen(err);
	free(err);
	err = NULL;
	if (feed_read(s, size, NULL, sink, on_error, &total, &err) != 0)
		total += strlen(err);
	free(err);
	return 0;
}
