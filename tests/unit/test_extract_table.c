/* Event extraction (ingest/extract.h) driven by tables: every row of each
 * .tsv file of tests/data/extract/sentences/ is a short report (its publication day
 * and its text, our own sentences about real diplomacy) with the events it
 * must give and must not give. One driver reads the tables, so a new
 * construction is one row, not one C function. Besides the events a row
 * may check their CAMEO codes, actors' names and titles, summaries and
 * evidence, how many events fit, a headline, the local time and offset of
 * publication, extra dictionaries to read with, and the year inferred for
 * a dateline without one. Format:
 * see the header of sentences/constructions.tsv. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>

#include "ingest/extract.h"
#define EXTRACTOR_FIXTURE
#include "extractor_fixture.h"

#define TABLES TEST_DATA_DIR "/extract/sentences"

/* Whether event e has an actor of `code` in `role` (any role when role < 0). */
static int has_party(const struct event *e, const char *code, int role)
{
	for (size_t i = 0; i < e->n_actors; i++)
		if (e->actors[i].code && !strcmp(e->actors[i].code, code) &&
		    (role < 0 || (int)e->actors[i].role == role))
			return 1;
	return 0;
}

static size_t with_role(const struct event *e, int role)
{
	size_t n = 0;
	for (size_t i = 0; i < e->n_actors; i++)
		n += (int)e->actors[i].role == role;
	return n;
}

/* Whether every code of the list (`+`-separated) is a party in `role`;
 * *n counts the codes. */
static int has_parties(const struct event *e, char *list, int role, size_t *n)
{
	char *save = NULL;
	*n = 0;
	for (char *c = strtok_r(list, "+", &save); c; c = strtok_r(NULL, "+", &save)) {
		(*n)++;
		if (!has_party(e, c, role))
			return 0;
	}
	return 1;
}

/* The date as the tables write it: cdate_format's text, "/season" after a
 * season (written as its first month), "-" when unknown. */
static void table_date(const struct cdate *c, char *out)
{
	if (c->prec == PREC_UNKNOWN) {
		strcpy(out, "-");
		return;
	}
	cdate_format(c, out);
	if (c->prec == PREC_SEASON)
		strcat(out, "/season");
}

static int str_ends(const char *s, const char *end)
{
	size_t n = strlen(s), k = strlen(end);
	return n >= k && !strcmp(s + n - k, end);
}

/* Whether one actor of e fits "CODE[:s|t|p] [key=value, ...]" (keys name,
 * title, kind; title~TEXT: its title contains TEXT); "!CODE[:r]": no actor
 * of that code. */
static int fits_actor(const struct event *e, const char *attr)
{
	int neg = *attr == '!';
	char code[32], *sp;
	snprintf(code, sizeof(code), "%s", attr + neg);
	code[strcspn(code, " ")] = '\0';
	const char *keys = strchr(attr, ' ');
	int role = -1;
	if ((sp = strchr(code, ':'))) {
		*sp = '\0';
		const char *r = strchr("stp", sp[1]);
		if (!sp[1] || !r || sp[2])
			fail_msg("bad actor role in '%s' (s, t or p)", attr);
		role = (int)(r - "stp");
	}
	for (size_t i = 0; i < e->n_actors; i++) {
		const struct event_actor *a = &e->actors[i];
		if (!a->code || strcmp(a->code, code) || (role >= 0 && (int)a->role != role))
			continue;
		int ok = 1;
		char buf[512];
		snprintf(buf, sizeof(buf), "%s", keys ? keys : "");
		char *save = NULL;
		for (char *kv = strtok_r(buf, ",", &save); kv && ok; kv = strtok_r(NULL, ",", &save)) {
			while (*kv == ' ')
				kv++;
			if (!strncmp(kv, "title~", 6)) {
				ok = a->title && strstr(a->title, kv + 6);
				continue;
			}
			char *eq = strchr(kv, '=');
			if (!eq)
				fail_msg("bad actor key in '%s' (name=, title=, title~, kind=)", attr);
			*eq = '\0';
			const char *v = eq + 1;
			if (!strcmp(kv, "name"))
				ok = a->name && !strcmp(a->name, v);
			else if (!strcmp(kv, "title"))
				ok = a->title && !strcmp(a->title, v);
			else if (!strcmp(kv, "kind"))
				ok = !strcmp(actor_kind_name(a->kind), v);
			else
				fail_msg("bad actor key '%s' in '%s'", kv, attr);
		}
		if (ok)
			return !neg;
	}
	return neg;
}

/* Whether event e has the attribute `attr` (one '|'-separated field after
 * the spec; see the header of constructions.tsv). */
static int fits_attr(const struct event *e, const char *attr, size_t body_len)
{
	static const struct {
		const char *key;
		int role;
	} counts[] = {{"sources=", ROLE_SOURCE}, {"targets=", ROLE_TARGET}, {"participants=", ROLE_PARTICIPANT}};
	for (size_t k = 0; k < sizeof(counts) / sizeof(counts[0]); k++)
		if (!strncmp(attr, counts[k].key, strlen(counts[k].key)))
			return with_role(e, counts[k].role) == (size_t)atoi(attr + strlen(counts[k].key));
	if (!strncmp(attr, "actors=", 7))
		return e->n_actors == (size_t)atoi(attr + 7);
	if (!strncmp(attr, "cameo=", 6))
		return !strcmp(e->cameo, attr + 6);
	if (!strncmp(attr, "topic=", 6)) {
		for (size_t i = 0; i < e->n_topics; i++)
			if (!strcmp(e->topics[i], attr + 6))
				return 1;
		return 0;
	}
	if (!strncmp(attr, "summary", 7)) {
		const char *s = e->summary, *op = attr + 7;
		if (!s)
			return 0;
		if (!strncmp(op, "!~", 2))
			return !strstr(s, op + 2);
		if (*op == '~')
			return strstr(s, op + 1) != NULL;
		if (*op == '=')
			return !strcmp(s, op + 1);
		if (*op == '$')
			return str_ends(s, op + 1);
		fail_msg("bad attribute '%s' (summary=, summary~, summary!~, summary$)", attr);
	}
	if (!strncmp(attr, "evidence~", 9))
		return e->evidence && strstr(e->evidence, attr + 9);
	if (!strcmp(attr, "span=nonempty"))
		return e->ev_end > e->ev_start;
	if (!strncmp(attr, "span=", 5)) {
		size_t s = 0;
		char end[16];
		if (sscanf(attr + 5, "%zu-%15s", &s, end) != 2)
			fail_msg("bad attribute '%s' (span=START-END, END a number or 'end')", attr);
		size_t en = strcmp(end, "end") ? (size_t)strtoul(end, NULL, 10) : body_len;
		return e->ev_start == s && e->ev_end == en;
	}
	if (*attr == '!' || (*attr >= 'A' && *attr <= 'Z'))
		return fits_actor(e, attr);
	fail_msg("bad attribute '%s'", attr);
	return 0;
}

/* Whether event e fits the spec "type [status [date [parties]]] [| attr]...":
 * a field left out matches anything, "*" too (a type "*": any event, also
 * statements); parties are "SRC>TGT" (directed; either side may be empty)
 * or "A+B" (any roles), exactly those with "=" before them; date "-" means
 * none. */
static int fits(const struct event *e, const char *spec, size_t body_len)
{
	char head[256], type[32], status[16], date[24], parties[96];
	snprintf(head, sizeof(head), "%s", spec);
	char *bar = strchr(head, '|');
	if (bar)
		*bar = '\0';
	int n = sscanf(head, "%31s %15s %23s %95s", type, status, date, parties);
	if (n < 1)
		fail_msg("bad expectation '%s' (type status date parties)", spec);
	if (strcmp(type, "*") && strcmp(e->type, type))
		return 0;
	if (n >= 2 && strcmp(status, "*") && strcmp(event_status_name(e->status), status))
		return 0;
	char d[24];
	table_date(&e->date, d);
	if (n >= 3 && strcmp(date, "*") && strcmp(d, date))
		return 0;
	if (n >= 4) {
		int exact = parties[0] == '=';
		char *p = parties + exact, *gt = strchr(p, '>');
		size_t ns = 0, nt = 0;
		if (!gt) {
			if (!has_parties(e, p, exact ? ROLE_PARTICIPANT : -1, &ns))
				return 0;
			if (exact && (with_role(e, ROLE_PARTICIPANT) != ns || with_role(e, ROLE_SOURCE) ||
				      with_role(e, ROLE_TARGET)))
				return 0;
		} else {
			*gt = '\0';
			if (!has_parties(e, p, ROLE_SOURCE, &ns) || !has_parties(e, gt + 1, ROLE_TARGET, &nt))
				return 0;
			if (exact && (with_role(e, ROLE_SOURCE) != ns || with_role(e, ROLE_TARGET) != nt ||
				      with_role(e, ROLE_PARTICIPANT)))
				return 0;
		}
	}
	if (!bar)
		return 1;
	char attrs[1024];
	snprintf(attrs, sizeof(attrs), "%s", strchr(spec, '|') + 1);
	char *save = NULL;
	for (char *a = strtok_r(attrs, "|", &save); a; a = strtok_r(NULL, "|", &save)) {
		while (*a == ' ')
			a++;
		size_t k = strlen(a);
		while (k && a[k - 1] == ' ')
			a[--k] = '\0';
		if (*a && !fits_attr(e, a, body_len))
			return 0;
	}
	return 1;
}

/* Prints the events, one a line (cmocka's messages are short). */
static void describe(const struct event_list *l)
{
	if (!l->n)
		print_message("      nothing\n");
	for (size_t i = 0; i < l->n; i++) {
		const struct event *e = &l->items[i];
		char d[24], line[1024];
		table_date(&e->date, d);
		size_t n = (size_t)snprintf(line, sizeof(line), "      %s %s %s cameo=%s", e->type,
					    event_status_name(e->status), d, e->cameo);
		for (size_t a = 0; a < e->n_actors && n < sizeof(line); a++)
			n += (size_t)snprintf(line + n, sizeof(line) - n, " %s:%c[%s%s%s]",
					      e->actors[a].code ? e->actors[a].code : "?", "stp"[e->actors[a].role],
					      e->actors[a].name ? e->actors[a].name : "", e->actors[a].title ? ", " : "",
					      e->actors[a].title ? e->actors[a].title : "");
		print_message("%s\n", line);
		if (e->summary)
			print_message("        summary \"%.900s\"\n", e->summary);
	}
}

/* How a table's rows are read: published at a local time and offset
 * (#! time), by the shipped extractor or one with extra dictionaries
 * (#! dictionary). */
struct setting {
	int hh, mm, tz_min;
	struct extractor *x;
};

/* The text with "\n" as a line break and "\\" as a backslash. */
static void unescape(char *s)
{
	char *w = s;
	for (const char *r = s; *r; r++) {
		if (*r == '\\' && (r[1] == 'n' || r[1] == '\\')) {
			*w++ = r[1] == 'n' ? '\n' : '\\';
			r++;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
}

/* Checks one row; returns 0 when it holds, else prints why and returns 1. */
static int check_row(const char *table, size_t line, const struct setting *set, const char *day, char *text,
		     char *expect, const char *headline)
{
	struct report r;
	struct event_list ev;
	report_init(&r);
	event_list_init(&ev);
	int y, m, d, inferred = -1;
	unescape(text);
	if (headline && *headline)
		assert_int_equal(report_set(&r.title, headline), 0);
	if (*text)
		assert_int_equal(report_set(&r.body, text), 0);
	if (sscanf(day, "%d-%d-%d", &y, &m, &d) == 3 && y > 0) {
		r.published = unix_from_civil(y, m, d, set->hh, set->mm, 0) - (int64_t)set->tz_min * 60;
		r.pub_known = PUB_TIME;
		r.tz_offset_min = set->tz_min;
	} else {
		/* "--12-28": a dateline without its year; "-": no date. As the
		 * importer does, the year is inferred before the events. */
		if (sscanf(day, "--%d-%d", &m, &d) == 2) {
			r.undated_month = m;
			r.undated_day = d;
		} else if (strcmp(day, "-")) {
			fail_msg("%s:%zu: bad day '%s' (YYYY-MM-DD, --MM-DD or -)", table, line, day);
		}
		r.pub_known = PUB_NONE;
		inferred = extract_infer_year(set->x, &r);
	}
	char *err = NULL;
	assert_int_equal(extract_events(set->x, &r, &ev, &err), 0);
	size_t body_len = r.body ? strlen(r.body) : 0;
	int bad = 0;
	char *save = NULL;
	for (char *want = strtok_r(expect, ";", &save); want; want = strtok_r(NULL, ";", &save)) {
		while (*want == ' ')
			want++;
		int neg = *want == '!', ok;
		const char *spec = want + neg;
		if (!strcmp(spec, "none")) {
			ok = 1;
			for (size_t i = 0; i < ev.n; i++)
				ok &= !strcmp(ev.items[i].type, "statement");
		} else if (!strncmp(spec, "year=", 5)) {
			struct cdate rd = report_date(&r);
			ok = !strcmp(spec + 5, "-") ? inferred == 0
			     : inferred == 1 && rd.prec == PREC_DAY && rd.year == atoi(spec + 5) &&
				       rd.month == r.undated_month && rd.day == r.undated_day;
		} else if (!strncmp(spec, "warnings=", 9)) {
			ok = r.n_warnings == (size_t)atoi(spec + 9);
		} else if (!strncmp(spec, "warning~", 8)) {
			ok = r.n_warnings && strstr(r.warnings[r.n_warnings - 1], spec + 8);
		} else if (*spec == '@') {
			/* "@N spec": the Nth event (from 1) fits spec */
			char *rest;
			unsigned long k = strtoul(spec + 1, &rest, 10);
			ok = k >= 1 && k <= ev.n && fits(&ev.items[k - 1], rest + strspn(rest, " "), body_len);
		} else if (*spec >= '0' && *spec <= '9') {
			/* "N spec": exactly N events fit spec */
			char *rest;
			unsigned long k = strtoul(spec, &rest, 10), c = 0;
			for (size_t i = 0; i < ev.n; i++)
				c += (unsigned long)fits(&ev.items[i], rest + strspn(rest, " "), body_len);
			ok = c == k;
		} else {
			ok = 0;
			for (size_t i = 0; i < ev.n; i++)
				ok |= fits(&ev.items[i], spec, body_len);
		}
		if (ok == neg) {
			print_message("%s:%zu: %s '%.400s' in \"%.400s\"; got:\n", table, line,
				      neg ? "unexpected" : "missing", spec, text);
			describe(&ev);
			bad = 1;
		}
	}
	event_list_release(&ev);
	report_release(&r);
	return bad;
}

/* Checks every row of one table; adds to *rows and *bad. */
static void check_table(const char *path, const char *name, size_t *rows, size_t *bad)
{
	FILE *f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open %s", path);
	char line[8192];
	size_t no = 0;
	struct setting set = {12, 0, 0, X};
	while (fgets(line, sizeof(line), f)) {
		no++;
		line[strcspn(line, "\r\n")] = '\0';
		int hh, mm, sign_h, sign_m;
		char sign;
		if (!strncmp(line, "#! dictionary ", 14)) {
			/* "#! dictionary dict/persons.tsv ...": the rows after it are read by an
			 * extractor with these extra dictionaries (paths from the table's folder) */
			const char *files[8];
			char paths[8][1024], *save = NULL;
			size_t nf = 0;
			for (char *w = strtok_r(line + 14, " ", &save); w && nf < 8; w = strtok_r(NULL, " ", &save)) {
				snprintf(paths[nf], sizeof(paths[nf]), "%.*s/%s", (int)(strrchr(path, '/') - path), path, w);
				files[nf] = paths[nf];
				nf++;
			}
			char *err = NULL;
			if (set.x != X)
				extractor_free(set.x);
			set.x = NULL;
			if (extractor_new(files, nf, &set.x, &err))
				fail_msg("%s:%zu: extractor_new: %s", name, no, err ? err : "?");
			continue;
		}
		if (!strncmp(line, "#!", 2)) {
			/* "#! time 10:10 +0300": the rows after it are published at that local time and offset */
			if (sscanf(line + 2, " time %d:%d %c%2d%2d", &hh, &mm, &sign, &sign_h, &sign_m) != 5 ||
			    (sign != '+' && sign != '-'))
				fail_msg("%s:%zu: bad directive (#! time HH:MM +HHMM, #! dictionary FILE...)", name, no);
			set.hh = hh;
			set.mm = mm;
			set.tz_min = (sign == '-' ? -1 : 1) * (sign_h * 60 + sign_m);
			continue;
		}
		if (!line[0] || line[0] == '#')
			continue;
		char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		if (!t1 || !t2)
			fail_msg("%s:%zu: expected three tab-separated columns", name, no);
		*t1 = *t2 = '\0';
		char *t3 = strchr(t2 + 1, '\t');
		if (t3)
			*t3++ = '\0';
		(*rows)++;
		*bad += (size_t)check_row(name, no, &set, line, t1 + 1, t2 + 1, t3);
	}
	if (set.x != X)
		extractor_free(set.x);
	fclose(f);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int is_table(const struct dirent *d)
{
	size_t n = strlen(d->d_name);
	return n > 4 && !strcmp(d->d_name + n - 4, ".tsv");
}

static void test_tables(void **state)
{
	(void)state;
	/* EXTRACT_TABLES may name another folder of tables (one table being written, or mutated copies). */
	const char *dir = getenv("EXTRACT_TABLES");
	if (!dir || !*dir)
		dir = TABLES;
	struct dirent **names = NULL;
	int n = scandir(dir, &names, is_table, by_name);
	if (n < 0)
		fail_msg("cannot list %s", dir);
	size_t rows = 0, bad = 0;
	for (int i = 0; i < n; i++) {
		char path[1024];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		check_table(path, names[i]->d_name, &rows, &bad);
		free(names[i]);
	}
	free(names);
	print_message("%d tables, %zu rows, %zu failed\n", n, rows, bad);
	assert_true(n > 0 && rows > 0);
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tables),
	};
	return cmocka_run_group_tests(tests, make_extractor, free_extractor);
}
