/* One agency report before it reaches the archive: see report.h. */
#include "ingest/report.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/dateline.h"
#include "util/buf.h"

void report_init(struct report *r)
{
	memset(r, 0, sizeof(*r));
}

void report_release(struct report *r)
{
	free(r->title);
	free(r->agency);
	free(r->place);
	free(r->url);
	free(r->guid);
	free(r->author);
	free(r->lede);
	free(r->body);
	free(r->published_text);
	free(r->format);
	for (size_t i = 0; i < r->n_warnings; i++)
		free(r->warnings[i]);
	free(r->warnings);
	memset(r, 0, sizeof(*r));
}

int report_warn(struct report *r, const char *fmt, ...)
{
	struct buf b;
	buf_init(&b, 4096);
	va_list ap;
	va_start(ap, fmt);
	int rc = buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (rc)
		return -1;
	char **w = realloc(r->warnings, (r->n_warnings + 1) * sizeof(*w));
	if (!w) {
		buf_release(&b);
		return -1;
	}
	r->warnings = w;
	r->warnings[r->n_warnings++] = buf_detach(&b);
	return 0;
}

int report_set(char **field, const char *s)
{
	char *copy = NULL;
	if (s && !(copy = strdup(s)))
		return -1;
	free(*field);
	*field = copy;
	return 0;
}

struct cdate report_date(const struct report *r)
{
	struct cdate d = {0, 0, 0, PREC_UNKNOWN};
	if (r->pub_known == PUB_NONE) {
		if (r->pub_partial.prec == PREC_YEAR || r->pub_partial.prec == PREC_MONTH) {
			d.year = r->pub_partial.year;
			d.month = r->pub_partial.prec == PREC_MONTH ? r->pub_partial.month : 0;
			d.prec = r->pub_partial.prec;
		}
		return d;
	}
	/* The report's own day is the local day at the place it was written:
	 * a report of 00:30 UTC+3 belongs to that local day. */
	int64_t local = r->published + (int64_t)r->tz_offset_min * 60;
	int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
	civil_from_days(days, &d.year, &d.month, &d.day);
	d.prec = PREC_DAY;
	return d;
}

int report_apply_hints(struct report *r, const struct ingest_hints *h)
{
	if (r->agency && !*r->agency) {
		const char *a = h ? h->agency : NULL;
		char canon[64];
		if (a && agency_canonical(a, strlen(a), canon, sizeof(canon)))
			a = canon;
		if (report_set(&r->agency, a))
			return -1;
	}
	if (h && r->pub_known == PUB_NONE && (h->date.prec == PREC_MONTH || h->date.prec == PREC_YEAR))
		r->pub_partial = h->date;
	return 0;
}
