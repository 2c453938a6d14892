/* The event type table: see types.h. */
#include "util/types.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/file.h"

static struct event_type *table;
static size_t n_table;
static int loaded;

static const struct {
	const char *name;
	unsigned bit;
} properties[] = {
	{"travel", TP_TRAVEL}, {"about_future", TP_ABOUT_FUTURE}, {"orders_out", TP_ORDERS_OUT},
	{"asks", TP_ASKS}, {"content", TP_CONTENT}, {"needs_other", TP_NEEDS_OTHER},
	{"names_target", TP_NAMES_TARGET}, {"answers", TP_ANSWERS}, {"round", TP_ROUND},
	{"reaction", TP_REACTION}, {"measure", TP_MEASURE},
};

static void free_type(struct event_type *t)
{
	free(t->label);
	free(t->alone);
	free(t->objects);
	free(t->with);
	free(t->planned);
	free(t->negated);
}

static void free_table(struct event_type *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free_type(&t[i]);
	free(t);
}

static char *trimmed(const char *s, size_t n)
{
	while (n && *s == ' ')
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
		n--;
	char *out = malloc(n + 1);
	if (out) {
		memcpy(out, s, n);
		out[n] = '\0';
	}
	return out;
}

/* Whether a summary's fifth part is well formed: '|'-separated items, each a
 * lower-case word (or '_') and optionally '=' and a non-empty phrase.
 * Returns 0 or -1. */
static int check_objects(const char *s)
{
	for (;;) {
		size_t w = strspn(s, "abcdefghijklmnopqrstuvwxyz");
		if (!w && *s == '_')
			w = 1;
		if (!w)
			return -1;
		s += w;
		if (*s == '=') {
			size_t ph = strcspn(++s, "|");
			if (!ph || *s == ' ' || s[ph - 1] == ' ')
				return -1;
			s += ph;
		}
		if (!*s)
			return 0;
		if (*s++ != '|')
			return -1;
	}
}

/* Parses one row into *t (zeroed by the caller). */
static int parse_row(char *row, struct event_type *t, const char *name, size_t line, char **err)
{
	char *f[6];
	int n = 0;
	f[n++] = row;
	for (char *p = row; *p && n < 6; p++)
		if (*p == '\t') {
			*p = '\0';
			f[n++] = p + 1;
		}
	if (n != 6 || strchr(f[5], '\t'))
		return dict_error(err, name, line, "a type needs six tab-separated columns (type, cameo, frame, label, summary, properties)", NULL);
	size_t len = strlen(f[0]);
	if (!len || len >= sizeof(t->name) || strspn(f[0], "abcdefghijklmnopqrstuvwxyz_") != len)
		return dict_error(err, name, line, "a type name is lower-case letters and '_' (at most 23)", f[0]);
	snprintf(t->name, sizeof(t->name), "%s", f[0]);
	len = strlen(f[1]);
	if (len < 2 || len > 4 || strspn(f[1], "0123456789") != len)
		return dict_error(err, name, line, "a CAMEO code is two to four digits", f[1]);
	snprintf(t->cameo, sizeof(t->cameo), "%s", f[1]);
	if (!strcmp(f[2], "dir"))
		t->frame = TF_DIRECTED;
	else if (!strcmp(f[2], "sym"))
		t->frame = TF_SYMMETRIC;
	else if (!strcmp(f[2], "src"))
		t->frame = TF_SOURCE;
	else
		return dict_error(err, name, line, "frame must be dir, sym or src, not", f[2]);
	if (!*f[3])
		return dict_error(err, name, line, "an empty label for type", t->name);
	/* alone; with; planned; negated, then optionally what may follow */
	char **slots[5] = {&t->alone, &t->with, &t->planned, &t->negated, &t->objects};
	const char *p = f[4];
	for (int i = 0; i < 5 && p; i++) {
		const char *semi = i < 4 ? strchr(p, ';') : NULL;
		if (i < 3 && !semi)
			return dict_error(err, name, line, "the summary needs four ';'-separated phrases (alone; with; planned; negated) and may add a fifth (what may follow) for type", t->name);
		size_t plen = semi ? (size_t)(semi - p) : strlen(p);
		if (!(*slots[i] = trimmed(p, plen)))
			return dict_error(err, name, line, "out of memory", NULL);
		if (!**slots[i])
			return dict_error(err, name, line, "an empty summary phrase for type", t->name);
		p = semi ? semi + 1 : NULL;
	}
	if (t->objects && check_objects(t->objects))
		return dict_error(err, name, line, "what may follow a summary is '|'-separated items, each a lower-case word or '_', optionally '=' and a phrase, for type", t->name);
	if (!(t->label = trimmed(f[3], strlen(f[3]))))
		return dict_error(err, name, line, "out of memory", NULL);
	char *save = NULL;
	for (char *w = strtok_r(f[5], ", \r", &save); w; w = strtok_r(NULL, ", \r", &save)) {
		size_t k = 0;
		while (k < sizeof(properties) / sizeof(*properties) && strcmp(properties[k].name, w))
			k++;
		if (k == sizeof(properties) / sizeof(*properties))
			return dict_error(err, name, line, "unknown type property", w);
		t->props |= properties[k].bit;
	}
	return 0;
}

/* Adds the rows of one types.tsv text to (*tab, *n). */
static int add_text(struct event_type **tab, size_t *n, const char *name, const char *text, char **err)
{
	size_t line = 0;
	for (const char *p = text; p && *p;) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		line++;
		char *row = trimmed(p, len);
		p = end ? end + 1 : NULL;
		if (!row)
			return dict_error(err, name, line, "out of memory", NULL);
		if (!*row || *row == '#') {
			free(row);
			continue;
		}
		struct event_type t;
		memset(&t, 0, sizeof(t));
		int rc = parse_row(row, &t, name, line, err);
		free(row);
		for (size_t i = 0; !rc && i < *n; i++)
			if (!strcmp((*tab)[i].name, t.name))
				rc = dict_error(err, name, line, "the type is already defined", t.name);
		struct event_type *grown = rc ? NULL : realloc(*tab, (*n + 1) * sizeof(**tab));
		if (!rc && !grown)
			rc = dict_error(err, name, line, "out of memory", NULL);
		if (rc) {
			free_type(&t);
			return -1;
		}
		*tab = grown;
		(*tab)[(*n)++] = t;
	}
	return 0;
}

/* The table being read, for dict_texts. */
struct loading {
	struct event_type *tab;
	size_t n;
};

static int add_types_text(void *ctx, const char *name, const char *text, char **err)
{
	struct loading *l = ctx;
	return add_text(&l->tab, &l->n, name, text, err);
}

int types_load(const char *const *extra, size_t n_extra, char **err)
{
	struct loading l = {NULL, 0};
	*err = NULL;
	int rc = dict_texts("types.tsv", extra, n_extra, (size_t)1 << 20, add_types_text, &l, err);
	if (!rc && !l.n) {
		*err = strdup("types.tsv is not built in");
		rc = -1;
	}
	if (rc) {
		free_table(l.tab, l.n);
		return -1;
	}
	free_table(table, n_table);
	table = l.tab;
	n_table = l.n;
	loaded = 1;
	return 0;
}

/* Loads the shipped table when nobody has: lookups never fail for it. */
static void ensure_loaded(void)
{
	if (loaded)
		return;
	char *err = NULL;
	if (types_load(NULL, 0, &err)) {
		/* Only a build without dict/types.tsv or out of memory gets here. */
		fprintf(stderr, "communique: %s\n", err ? err : "cannot load the event types");
		free(err);
		abort();
	}
}

const struct event_type *types_find(const char *name)
{
	ensure_loaded();
	for (size_t i = 0; i < n_table; i++)
		if (!strcmp(table[i].name, name))
			return &table[i];
	return NULL;
}

size_t types_count(void)
{
	ensure_loaded();
	return n_table;
}

const struct event_type *types_at(size_t i)
{
	ensure_loaded();
	return i < n_table ? &table[i] : NULL;
}

void types_release(void)
{
	free_table(table, n_table);
	table = NULL;
	n_table = 0;
	loaded = 0;
}
