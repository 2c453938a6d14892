/* Fuzz harness for the table reader: the bytes as CSV and as JSONL, with and
 * without a column map. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "ingest/table.h"

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
	const char *maps[] = {NULL, "title=headline,text=content,published=when"};
	for (int is_csv = 0; is_csv < 2; is_csv++) {
		for (int m = 0; m < 2; m++) {
			char *err = NULL;
			if (table_read(s, size, is_csv, maps[m], NULL, sink, on_error, &total, &err))
				total += strlen(err);
			free(err);
		}
	}
	return 0;
}
