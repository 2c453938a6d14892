/* Successions of states: see succession.h. */
#include "ingest/succession.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/file.h"

static int valid_code(const char *s)
{
	size_t n = strlen(s);
	return n >= 2 && n < 8 && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == n;
}

static int add_text(struct succession_table *t, const char *name, const char *text, char **err)
{
	size_t line = 0;
	for (const char *p = text; p && *p;) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		line++;
		char row[256];
		if (len >= sizeof(row))
			return dict_error(err, name, line, "a row longer than 255 bytes", NULL);
		memcpy(row, p, len);
		row[len] = '\0';
		p = end ? end + 1 : NULL;
		if (len && row[len - 1] == '\r')
			row[--len] = '\0';
		if (!row[strspn(row, " ")] || row[strspn(row, " ")] == '#')
			continue;
		char *f[3] = {row, NULL, NULL};
		int n = 1;
		for (char *q = row; *q && n <= 3; q++)
			if (*q == '\t') {
				*q = '\0';
				if (n == 3)
					return dict_error(err, name, line, "more than three columns (successor, predecessor, until)", NULL);
				f[n++] = q + 1;
			}
		if (n != 3)
			return dict_error(err, name, line, "expected three tab-separated columns (successor, predecessor, until)", NULL);
		struct succession s;
		memset(&s, 0, sizeof(s));
		if (!valid_code(f[0]) || !valid_code(f[1]))
			return dict_error(err, name, line, "codes are two to seven capital letters", NULL);
		if (cdate_parse(f[2], &s.until) || s.until.prec != PREC_DAY)
			return dict_error(err, name, line, "the day must be YYYY-MM-DD", NULL);
		snprintf(s.successor, sizeof(s.successor), "%s", f[0]);
		snprintf(s.predecessor, sizeof(s.predecessor), "%s", f[1]);
		struct succession *grown = realloc(t->rows, (t->n + 1) * sizeof(*grown));
		if (!grown)
			return dict_error(err, name, line, "out of memory", NULL);
		t->rows = grown;
		t->rows[t->n++] = s;
	}
	return 0;
}

/* Day number of a (complete) date. */
static int64_t day_of(const struct cdate *d)
{
	return days_from_civil(d->year, d->month ? d->month : 1, d->day ? d->day : 1);
}

static int by_until(const void *a, const void *b)
{
	int64_t x = day_of(&((const struct succession *)a)->until), y = day_of(&((const struct succession *)b)->until);
	return x < y ? -1 : x > y;
}

static int add_succession_text(void *t, const char *name, const char *text, char **err)
{
	return add_text(t, name, text, err);
}

int succession_load(struct succession_table *t, const char *const *extra, size_t n_extra, char **err)
{
	memset(t, 0, sizeof(*t));
	*err = NULL;
	if (dict_texts("successions.tsv", extra, n_extra, (size_t)1 << 20, add_succession_text, t, err)) {
		succession_release(t);
		return -1;
	}
	if (t->n)   /* qsort(NULL, 0, ...) is undefined */
		qsort(t->rows, t->n, sizeof(*t->rows), by_until);
	return 0;
}

const char *succession_code(const struct succession_table *t, const char *code, const struct cdate *when)
{
	if (!when || when->prec == PREC_UNKNOWN)
		return code;
	int64_t day = day_of(when);
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->rows[i].successor, code) && day < day_of(&t->rows[i].until))
			return t->rows[i].predecessor;
	return code;
}

void succession_release(struct succession_table *t)
{
	free(t->rows);
	t->rows = NULL;
	t->n = 0;
}
