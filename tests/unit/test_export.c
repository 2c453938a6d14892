/* The exporters (export/): the format table; CSV read back with libcsv
 * (quoting, formula neutralisation, Excel mode, append); JSON and JSON Lines
 * parsed with jansson and validated against schema/timeline.schema.json;
 * TimelineJS, Markdown and ICEWS against golden files; write errors.
 *
 * Schema validation is done by a small validator below that implements the
 * keywords the schema uses (type, const, enum, pattern, minLength, minItems,
 * maxItems, minimum, required, properties, items, $ref to #/$defs, anyOf,
 * allOf, if/then) and fails on any other keyword, so the schema cannot grow
 * beyond what the test really checks. Set UPDATE_GOLDEN=1 to rewrite the
 * golden files after an intended change (then read the diff).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#include <jansson.h>

#include "export/export_internal.h"
#include "../data/export/fixtures.h"

#define SCHEMA_PATH TEST_DATA_DIR "/../../schema/timeline.schema.json"
#define GOLDEN(name) TEST_DATA_DIR "/export/" name

static const struct tl_options default_options = {
	.delimiter = ',', .generated_at = 1795597200, /* 2026-11-25T09:00:00Z */
};

/* ---- helpers ---- */

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *text = NULL;
	size_t n = 0, cap = 0;
	int c;
	while ((c = fgetc(f)) != EOF) {
		if (n + 2 > cap) {
			cap = cap ? cap * 2 : 4096;
			char *p = realloc(text, cap);
			assert_non_null(p);
			text = p;
		}
		text[n++] = (char)c;
	}
	fclose(f);
	if (!text)
		text = calloc(1, 1);
	text[n] = '\0';
	if (len)
		*len = n;
	return text;
}

static void check_golden(const char *path, const char *got)
{
	if (getenv("UPDATE_GOLDEN")) {
		FILE *f = fopen(path, "wb");
		assert_non_null(f);
		fputs(got, f);
		assert_int_equal(fclose(f), 0);
	}
	char *want = read_file(path, NULL);
	if (!want)
		fail_msg("missing golden file '%s' (run with UPDATE_GOLDEN=1)", path);
	if (strcmp(want, got))
		fprintf(stderr, "---- expected %s\n%s---- got\n%s----\n", path, want, got);
	assert_string_equal(want, got);
	free(want);
}

static char *export_small(const char *format, int hostile, const struct tl_options *o,
			  const struct tl_query *q)
{
	struct fx_timeline t;
	fx_build(&t, hostile);
	char *text = fx_export(&t, format, q, o, NULL);
	fx_release(&t);
	assert_non_null(text);
	return text;
}

/* ---- a JSON Schema validator for the subset of keywords the schema uses ---- */

static int schema_ok(json_t *root, json_t *s, json_t *v, char *why, size_t n);

static int type_is(const char *t, json_t *v)
{
	if (!strcmp(t, "string")) return json_is_string(v);
	if (!strcmp(t, "integer")) return json_is_integer(v);
	if (!strcmp(t, "number")) return json_is_number(v);
	if (!strcmp(t, "object")) return json_is_object(v);
	if (!strcmp(t, "array")) return json_is_array(v);
	if (!strcmp(t, "boolean")) return json_is_boolean(v);
	if (!strcmp(t, "null")) return json_is_null(v);
	return 0;
}

static int check_type(json_t *t, json_t *v)
{
	if (json_is_string(t))
		return type_is(json_string_value(t), v);
	size_t i;
	json_t *x;
	json_array_foreach(t, i, x)
		if (type_is(json_string_value(x), v))
			return 1;
	return 0;
}

static int check_pattern(const char *re, const char *s)
{
	regex_t r;
	/* The schema's patterns are plain enough to mean the same in ERE. */
	assert_int_equal(regcomp(&r, re, REG_EXTENDED | REG_NOSUB), 0);
	int ok = regexec(&r, s, 0, NULL, 0) == 0;
	regfree(&r);
	return ok;
}

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static json_t *resolve(json_t *root, const char *ref)
{
	assert_true(!strncmp(ref, "#/$defs/", 8));
	json_t *target = json_object_get(json_object_get(root, "$defs"), ref + 8);
	assert_non_null(target);
	return target;
}

static int check_object(json_t *root, json_t *s, json_t *v, char *why, size_t n)
{
	json_t *req = json_object_get(s, "required"), *props = json_object_get(s, "properties");
	size_t i;
	json_t *x;
	const char *k;
	json_array_foreach(req, i, x) {
		if (!json_object_get(v, json_string_value(x))) {
			snprintf(why, n, "missing required '%s'", json_string_value(x));
			return 0;
		}
	}
	json_object_foreach(props, k, x) {
		json_t *member = json_object_get(v, k);
		if (member && !schema_ok(root, x, member, why, n))
			return 0;
	}
	return 1;
}

static int check_array(json_t *root, json_t *s, json_t *v, char *why, size_t n)
{
	json_t *items = json_object_get(s, "items"), *x;
	json_t *min = json_object_get(s, "minItems"), *max = json_object_get(s, "maxItems");
	size_t i;
	if (min && json_array_size(v) < (size_t)json_integer_value(min))
		return snprintf(why, n, "too few items"), 0;
	if (max && json_array_size(v) > (size_t)json_integer_value(max))
		return snprintf(why, n, "too many items"), 0;
	json_array_foreach(v, i, x)
		if (items && !schema_ok(root, items, x, why, n))
			return 0;
	return 1;
}

static int check_combinators(json_t *root, json_t *s, json_t *v, char *why, size_t n)
{
	json_t *all = json_object_get(s, "allOf"), *any = json_object_get(s, "anyOf"), *x;
	json_t *cond = json_object_get(s, "if");
	size_t i;
	char ignored[256];
	json_array_foreach(all, i, x)
		if (!schema_ok(root, x, v, why, n))
			return 0;
	if (any) {
		int matched = 0;
		json_array_foreach(any, i, x)
			matched |= schema_ok(root, x, v, ignored, sizeof(ignored));
		if (!matched)
			return snprintf(why, n, "no anyOf branch matches"), 0;
	}
	if (cond && schema_ok(root, cond, v, ignored, sizeof(ignored)))
		return schema_ok(root, json_object_get(s, "then"), v, why, n);
	return 1;
}

static void check_keywords(json_t *s)
{
	static const char *const known[] = {
		"$schema", "$id", "title", "description", "$defs", "type", "const", "enum",
		"pattern", "minLength", "minItems", "maxItems", "minimum", "required",
		"properties", "items", "$ref", "anyOf", "allOf", "if", "then",
		"examples", /* an annotation: nothing to validate */
		NULL,
	};
	const char *k;
	json_t *x;
	json_object_foreach(s, k, x) {
		int ok = 0;
		for (size_t i = 0; known[i] && !ok; i++)
			ok = !strcmp(k, known[i]);
		if (!ok)
			fail_msg("the test validator does not implement schema keyword '%s'", k);
	}
}

static int schema_ok(json_t *root, json_t *s, json_t *v, char *why, size_t n)
{
	check_keywords(s);
	json_t *x;
	if ((x = json_object_get(s, "$ref")))
		return schema_ok(root, resolve(root, json_string_value(x)), v, why, n);
	if ((x = json_object_get(s, "type")) && !check_type(x, v))
		return snprintf(why, n, "wrong type"), 0;
	if ((x = json_object_get(s, "const")) && !json_equal(x, v))
		return snprintf(why, n, "not the constant"), 0;
	if ((x = json_object_get(s, "enum"))) {
		size_t i;
		json_t *e;
		int found = 0;
		json_array_foreach(x, i, e)
			found |= json_equal(e, v);
		if (!found)
			return snprintf(why, n, "not in enum"), 0;
	}
	if (json_is_string(v)) {
		const char *str = json_string_value(v);
		if ((x = json_object_get(s, "pattern")) && !check_pattern(json_string_value(x), str))
			return snprintf(why, n, "'%s' does not match %s", str, json_string_value(x)), 0;
		if ((x = json_object_get(s, "minLength")) &&
		    utf8_chars(str) < (size_t)json_integer_value(x))
			return snprintf(why, n, "string too short"), 0;
	}
	if (json_is_number(v) && (x = json_object_get(s, "minimum")) &&
	    json_number_value(v) < json_number_value(x))
		return snprintf(why, n, "below minimum"), 0;
	if (json_is_object(v) && !check_object(root, s, v, why, n))
		return 0;
	if (json_is_array(v) && !check_array(root, s, v, why, n))
		return 0;
	return check_combinators(root, s, v, why, n);
}

static json_t *load_schema(void)
{
	json_error_t err;
	json_t *s = json_load_file(SCHEMA_PATH, 0, &err);
	if (!s)
		fail_msg("schema: %s (line %d)", err.text, err.line);
	return s;
}

static void assert_valid(json_t *schema, json_t *sub, json_t *doc)
{
	char why[256] = "";
	if (!schema_ok(schema, sub, doc, why, sizeof(why)))
		fail_msg("not valid against the schema: %s", why);
}

static void assert_invalid(json_t *schema, json_t *sub, json_t *doc)
{
	char why[256];
	assert_false(schema_ok(schema, sub, doc, why, sizeof(why)));
}

/* ---- the format table ---- */

static void test_registry(void **state)
{
	(void)state;
	char *names = strdup(exporter_names());
	size_t count = 0;
	for (char *p = names, *next; p; p = next) {
		next = strstr(p, ", ");
		if (next) {
			*next = '\0';
			next += 2;
		}
		const struct exporter *x = exporter_find(p);
		assert_non_null(x);
		assert_string_equal(x->name, p);
		assert_non_null(x->begin);
		assert_non_null(x->event);
		assert_non_null(x->end);
		count++;
	}
	free(names);
	assert_int_equal(count, 7);
	assert_null(exporter_find("xml"));
	assert_null(exporter_find("CSV"));
	assert_null(exporter_find(NULL));
}

static void test_dates_in_words(void **state)
{
	(void)state;
	char s[48];
	struct cdate d = {2015, 1, 6, PREC_DAY};
	tl_date_words(&d, s, sizeof(s));
	assert_string_equal(s, "6 January 2015");
	d.prec = PREC_MONTH;
	tl_date_words(&d, s, sizeof(s));
	assert_string_equal(s, "January 2015");
	d = (struct cdate){2014, 6, 0, PREC_SEASON};
	tl_date_words(&d, s, sizeof(s));
	assert_string_equal(s, "summer 2014");
	d = (struct cdate){2014, 12, 0, PREC_SEASON};
	tl_date_words(&d, s, sizeof(s));
	assert_string_equal(s, "winter 2014/15");
	d = (struct cdate){2015, 0, 0, PREC_YEAR};
	tl_date_words(&d, s, sizeof(s));
	assert_string_equal(s, "2015");
	d = (struct cdate){0, 0, 0, PREC_UNKNOWN};
	tl_date_words(&d, s, sizeof(s));
	assert_string_equal(s, "date unknown");
	tl_type_label("sanctions_relief", s, sizeof(s));
	assert_string_equal(s, "Sanctions relief");
	tl_type_label("cyber_attack", s, sizeof(s));
	assert_string_equal(s, "Cyber attack");
}

static void test_tables(void **state)
{
	(void)state;
	assert_string_equal(tl_country_name("RUS"), "Russian Federation");
	assert_string_equal(tl_country_name("PRK"), "North Korea");
	assert_string_equal(tl_country_name("USA"), "United States");
	assert_null(tl_country_name("EU"));
	assert_null(tl_country_name(NULL));
	const struct tl_cameo *c = tl_cameo_find("041");
	assert_non_null(c);
	assert_string_equal(c->text, "Discuss by telephone");
	assert_true(c->goldstein == 1.0);
	assert_true(tl_cameo_find("163")->goldstein == -8.0);
	assert_true(tl_cameo_find("057")->goldstein == 8.0);
	/* An unlisted code falls back on its root category. */
	assert_string_equal(tl_cameo_find("0256")->text, "Appeal");
	assert_null(tl_cameo_find("9"));
	char *s = tl_utf8_clean("ok \xC3\x28 \xE2\x80\x94\x01!", 1);
	assert_string_equal(s, "ok \xEF\xBF\xBD( \xE2\x80\x94!");
	free(s);
}

/* ---- CSV ---- */

#define MAX_ROWS 16
#define MAX_COLS 24

struct csv_table {
	char *cell[MAX_ROWS][MAX_COLS];
	size_t cols[MAX_ROWS];
	size_t rows;
};

static void on_field(void *s, size_t len, void *data)
{
	struct csv_table *t = data;
	assert_true(t->rows < MAX_ROWS && t->cols[t->rows] < MAX_COLS);
	t->cell[t->rows][t->cols[t->rows]++] = strndup(s ? s : "", len);
}

static void on_row(int c, void *data)
{
	(void)c;
	((struct csv_table *)data)->rows++;
}

static void parse_csv(const char *text, size_t len, char delim, struct csv_table *t)
{
	struct csv_parser p;
	memset(t, 0, sizeof(*t));
	assert_int_equal(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL), 0);
	csv_set_delim(&p, (unsigned char)delim);
	assert_int_equal(csv_parse(&p, text, len, on_field, on_row, t), len);
	assert_int_equal(csv_fini(&p, on_field, on_row, t), 0);
	csv_free(&p);
}

static void free_csv(struct csv_table *t)
{
	for (size_t r = 0; r < MAX_ROWS; r++)
		for (size_t c = 0; c < t->cols[r]; c++)
			free(t->cell[r][c]);
}

static size_t col(const struct csv_table *t, const char *name)
{
	for (size_t c = 0; c < t->cols[0]; c++)
		if (!strcmp(t->cell[0][c], name))
			return c;
	fail_msg("no column '%s'", name);
	return 0;
}

static const char *cell(const struct csv_table *t, size_t row, const char *name)
{
	return t->cell[row][col(t, name)];
}

static void test_csv_fields(void **state)
{
	(void)state;
	char *text = export_small("csv", 1, &default_options, NULL);
	struct csv_table t;
	parse_csv(text, strlen(text), ',', &t);
	assert_int_equal(t.rows, 7);
	assert_int_equal(t.cols[0], 19);
	for (size_t r = 1; r < t.rows; r++)
		assert_int_equal(t.cols[r], t.cols[0]);
	assert_string_equal(t.cell[0][0], "id");
	assert_string_equal(t.cell[0][17], "first_published");
	/* The phone call: row 4. */
	assert_string_equal(cell(&t, 4, "id"), "e1");
	assert_string_equal(cell(&t, 4, "date"), "2015-01-06");
	assert_string_equal(cell(&t, 4, "date_precision"), "day");
	assert_string_equal(cell(&t, 4, "type"), "phone_call");
	assert_string_equal(cell(&t, 4, "cameo"), "041");
	assert_string_equal(cell(&t, 4, "status"), "occurred");
	assert_string_equal(cell(&t, 4, "participants"), "Fumio Kishida; John Kerry");
	assert_string_equal(cell(&t, 4, "participant_codes"), "JPN; USA");
	assert_string_equal(cell(&t, 4, "source_names"), "");
	assert_string_equal(cell(&t, 4, "topics"), "cyber security; North Korea");
	assert_string_equal(cell(&t, 4, "agencies"), "TASS; Kyodo");
	assert_string_equal(cell(&t, 4, "report_titles"),
			    "Japanese, US top diplomats discuss North Korea by phone; "
			    "Kishida, Kerry agree to cooperate on N. Korea");
	assert_string_equal(cell(&t, 4, "urls"),
			    "https://tass.com/world/769871; "
			    "https://english.kyodonews.net/news/2015/01/a2.html");
	/* The earlier of the two reports. */
	assert_string_equal(cell(&t, 4, "first_published"), "2015-01-06T05:02:00Z");
	/* Directed events, and dates at every precision. */
	assert_string_equal(cell(&t, 3, "source_names"), "United States");
	assert_string_equal(cell(&t, 3, "target_codes"), "PRK");
	assert_string_equal(cell(&t, 1, "date"), "2014-06");
	assert_string_equal(cell(&t, 1, "date_precision"), "season");
	assert_string_equal(cell(&t, 2, "date"), "2014-12");
	assert_string_equal(cell(&t, 2, "urls"), "");
	assert_string_equal(cell(&t, 2, "first_published"), "");
	assert_string_equal(cell(&t, 5, "date"), "2015");
	assert_string_equal(cell(&t, 5, "status"), "planned");
	assert_string_equal(cell(&t, 6, "date"), "");
	assert_string_equal(cell(&t, 6, "date_precision"), "unknown");
	/* Hostile text survives quoting and is neutralised where it could run. */
	assert_string_equal(cell(&t, 6, "summary"), "'" FX_HOSTILE_SUMMARY);
	assert_string_equal(cell(&t, 6, "evidence"), "'\t-2+3 \"evidence\" <b>bold</b>");
	assert_string_equal(cell(&t, 6, "target_names"), "'=cmd|' /C calc'!A0");
	assert_string_equal(cell(&t, 6, "target_codes"), "");
	assert_string_equal(cell(&t, 6, "topics"), "'@SUM(1+1)");
	assert_string_equal(cell(&t, 6, "report_titles"), "'+Ministry \"readout\", in full");
	assert_string_equal(cell(&t, 6, "urls"), "javascript:alert(1)");
	free_csv(&t);
	/* No formula cell at all starts a field in the raw bytes. */
	assert_null(strstr(text, ",=") );
	assert_null(strstr(text, ",\"="));
	assert_null(strstr(text, "\xEF\xBB\xBF"));
	free(text);
}

static void test_csv_raw_and_plain_lines(void **state)
{
	(void)state;
	struct tl_options o = default_options;
	o.raw = 1;
	char *text = export_small("csv", 1, &o, NULL);
	struct csv_table t;
	parse_csv(text, strlen(text), ',', &t);
	assert_string_equal(cell(&t, 6, "summary"), FX_HOSTILE_SUMMARY);
	assert_string_equal(cell(&t, 6, "evidence"), "\t-2+3 \"evidence\" <b>bold</b>");
	assert_string_equal(cell(&t, 6, "target_names"), "=cmd|' /C calc'!A0");
	assert_string_equal(cell(&t, 6, "topics"), "@SUM(1+1)");
	free_csv(&t);
	free(text);
	/* Without Excel mode lines end in LF only. */
	text = export_small("csv", 0, &default_options, NULL);
	assert_null(strchr(text, '\r'));
	assert_int_equal(text[strlen(text) - 1], '\n');
	free(text);
}

static void test_csv_excel(void **state)
{
	(void)state;
	struct tl_options o = default_options;
	o.excel = 1;
	o.delimiter = ';';
	char *text = export_small("csv", 1, &o, NULL);
	assert_memory_equal(text, "\xEF\xBB\xBF" "id;date;date_precision;", 26);
	size_t len = strlen(text);
	assert_memory_equal(text + len - 2, "\r\n", 2);
	assert_non_null(strstr(text, "participant_codes\r\ne7;2014-06;season;"));
	struct csv_table t;
	parse_csv(text + 3, len - 3, ';', &t);
	assert_int_equal(t.rows, 7);
	assert_string_equal(cell(&t, 4, "participants"), "Fumio Kishida; John Kerry");
	assert_string_equal(cell(&t, 6, "summary"), "'" FX_HOSTILE_SUMMARY);
	free_csv(&t);
	free(text);
	/* Appending: neither byte-order mark nor header. */
	o.append = 1;
	text = export_small("csv", 0, &o, NULL);
	assert_memory_equal(text, "e7;2014-06;season;", 18);
	free(text);
}

/* ---- JSON ---- */

static json_t *event_by_id(json_t *doc, const char *id)
{
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(doc, "events"), i, e)
		if (!strcmp(json_string_value(json_object_get(e, "id")), id))
			return e;
	fail_msg("no event %s", id);
	return NULL;
}

static const char *str_at(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	assert_true(json_is_string(v));
	return json_string_value(v);
}

static void test_json_contract(void **state)
{
	(void)state;
	const char *actors[] = {"Japan", "North Korea"};
	struct tl_query q = {.actors = actors, .n_actors = 2, .types = "sanctions, denial",
			     .from = "2014", .status = "occurred,planned", .limit = 50};
	char *text = export_small("json", 1, &default_options, &q);
	json_error_t err;
	json_t *doc = json_loads(text, 0, &err);
	if (!doc)
		fail_msg("json: %s at line %d", err.text, err.line);
	json_t *schema = load_schema();
	assert_valid(schema, schema, doc);

	assert_int_equal(json_integer_value(json_object_get(doc, "version")), 1);
	assert_string_equal(str_at(doc, "generated_at"), "2026-11-25T09:00:00Z");
	json_t *query = json_object_get(doc, "query");
	assert_string_equal(json_string_value(json_array_get(json_object_get(query, "actors"), 1)),
			    "North Korea");
	assert_string_equal(json_string_value(json_array_get(json_object_get(query, "types"), 1)),
			    "denial");
	assert_int_equal(json_integer_value(json_object_get(query, "limit")), 50);
	assert_null(json_object_get(query, "topic"));
	assert_int_equal(json_array_size(json_object_get(doc, "events")), 6);

	json_t *call = event_by_id(doc, "e1");
	assert_string_equal(str_at(call, "date"), "2015-01-06");
	assert_string_equal(str_at(call, "date_precision"), "day");
	assert_string_equal(str_at(call, "type"), "phone_call");
	assert_string_equal(str_at(call, "cameo"), "041");
	json_t *kishida = json_array_get(json_object_get(call, "actors"), 0);
	assert_string_equal(str_at(kishida, "name"), "Fumio Kishida");
	assert_string_equal(str_at(kishida, "code"), "JPN");
	assert_string_equal(str_at(kishida, "role"), "participant");
	assert_string_equal(str_at(kishida, "title"), "Minister for Foreign Affairs");
	assert_string_equal(str_at(kishida, "kind"), "person");
	json_t *tass = json_array_get(json_object_get(call, "sources"), 0);
	assert_string_equal(str_at(tass, "report"), "r1");
	assert_string_equal(str_at(tass, "agency"), "TASS");
	assert_string_equal(str_at(tass, "published"), "2015-01-06T07:10:00Z");
	assert_string_equal(str_at(tass, "url"), "https://tass.com/world/769871");

	assert_string_equal(str_at(event_by_id(doc, "e7"), "date"), "2014-06");
	assert_string_equal(str_at(event_by_id(doc, "e7"), "date_precision"), "season");
	assert_string_equal(str_at(event_by_id(doc, "e9"), "date"), "2015");
	assert_string_equal(str_at(event_by_id(doc, "e9"), "status"), "planned");
	json_t *denial = event_by_id(doc, "e5");
	json_t *xinhua = json_array_get(json_object_get(denial, "sources"), 0);
	assert_true(json_is_null(json_object_get(xinhua, "url")));
	assert_true(json_is_null(json_object_get(xinhua, "published")));
	/* No title key for an actor without one. */
	assert_null(json_object_get(json_array_get(json_object_get(denial, "actors"), 0), "title"));
	json_t *hostile = event_by_id(doc, "e12");
	assert_true(json_is_null(json_object_get(hostile, "date")));
	assert_string_equal(str_at(hostile, "summary"), FX_HOSTILE_SUMMARY);
	assert_true(json_is_null(json_object_get(json_array_get(json_object_get(hostile, "actors"), 1),
						 "code")));

	/* The schema really constrains: broken copies are refused. */
	json_t *bad = json_deep_copy(doc);
	json_object_del(json_array_get(json_object_get(bad, "events"), 0), "id");
	assert_invalid(schema, schema, bad);
	json_decref(bad);
	bad = json_deep_copy(doc);
	json_object_set_new(event_by_id(bad, "e1"), "date", json_string("2015-01"));
	assert_invalid(schema, schema, bad);
	json_object_set_new(event_by_id(bad, "e1"), "date", json_string("2015-01-06"));
	assert_valid(schema, schema, bad);
	json_object_set_new(event_by_id(bad, "e1"), "date_precision", json_string("week"));
	assert_invalid(schema, schema, bad);
	json_decref(bad);
	bad = json_deep_copy(doc);
	json_object_set_new(bad, "generated_at", json_string("25 November 2026"));
	assert_invalid(schema, schema, bad);
	json_decref(bad);

	json_decref(schema);
	json_decref(doc);
	free(text);
}

static void test_json_empty_and_bad_utf8(void **state)
{
	(void)state;
	struct fx_timeline t;
	fx_build(&t, 0);
	size_t n = t.n;
	t.n = 0;
	char *text = fx_export(&t, "json", NULL, &default_options, NULL);
	t.n = n;
	assert_non_null(text);
	json_t *doc = json_loads(text, 0, NULL);
	assert_non_null(doc);
	assert_int_equal(json_array_size(json_object_get(doc, "events")), 0);
	assert_int_equal(json_object_size(json_object_get(doc, "query")), 0);
	json_decref(doc);
	free(text);

	/* A stray Latin-1 byte in stored text must not make the export invalid. */
	free(t.ev[0].summary);
	t.ev[0].summary = strdup("Tokyo\xE9 eased sanctions");
	text = fx_export(&t, "json", NULL, &default_options, NULL);
	assert_non_null(text);
	doc = json_loads(text, 0, NULL);
	assert_non_null(doc);
	assert_string_equal(str_at(event_by_id(doc, "e7"), "summary"),
			    "Tokyo\xEF\xBF\xBD eased sanctions");
	json_decref(doc);
	free(text);
	fx_release(&t);
}

static void test_jsonl(void **state)
{
	(void)state;
	char *text = export_small("jsonl", 1, &default_options, NULL);
	json_t *schema = load_schema();
	json_t *event_schema = resolve(schema, "#/$defs/event");
	size_t lines = 0;
	for (char *line = text, *nl; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		assert_non_null(nl);
		*nl = '\0';
		json_t *ev = json_loads(line, 0, NULL);
		assert_non_null(ev);
		assert_valid(schema, event_schema, ev);
		json_decref(ev);
		lines++;
	}
	assert_int_equal(lines, 6);
	json_decref(schema);
	free(text);
}

/* ---- TimelineJS, Markdown, ICEWS ---- */

static void test_timelinejs_golden(void **state)
{
	(void)state;
	struct tl_options o = default_options;
	o.title = "Japan, the US and North Korea";
	struct tl_query q = {.from = "2014", .to = "2015"};
	char *text = export_small("timelinejs", 0, &o, &q);
	json_t *doc = json_loads(text, 0, NULL);
	assert_non_null(doc);
	json_decref(doc);
	check_golden(GOLDEN("small.timelinejs.json"), text);
	free(text);
}

static void test_timelinejs_escapes(void **state)
{
	(void)state;
	char *text = export_small("timelinejs", 1, &default_options, NULL);
	json_t *doc = json_loads(text, 0, NULL);
	assert_non_null(doc);
	json_t *events = json_object_get(doc, "events");
	/* The undated event cannot be placed: left out. */
	assert_int_equal(json_array_size(events), 5);
	size_t i;
	json_t *e;
	json_array_foreach(events, i, e) {
		const char *html = json_string_value(json_object_get(json_object_get(e, "text"), "text"));
		assert_null(strstr(html, "<script"));
		assert_null(strstr(html, "javascript:"));
	}
	json_decref(doc);
	free(text);

	/* With the hostile text dated, its headline is escaped HTML. */
	struct fx_timeline t;
	fx_build(&t, 1);
	t.ev[5].date = (struct cdate){2015, 2, 1, PREC_DAY};
	text = fx_export(&t, "timelinejs", NULL, &default_options, NULL);
	fx_release(&t);
	assert_non_null(text);
	doc = json_loads(text, 0, NULL);
	json_t *last = json_array_get(json_object_get(doc, "events"), 5);
	const char *headline = json_string_value(json_object_get(json_object_get(last, "text"), "headline"));
	assert_non_null(strstr(headline, "&lt;script&gt;alert('x')&lt;/script&gt; &amp; more"));
	const char *body = json_string_value(json_object_get(json_object_get(last, "text"), "text"));
	assert_non_null(strstr(body, "&lt;b&gt;bold&lt;/b&gt;"));
	assert_null(strstr(body, "href"));
	json_decref(doc);
	free(text);
}

static void test_markdown_golden(void **state)
{
	(void)state;
	struct tl_options o = default_options;
	o.title = "Japan, the US and North Korea";
	char *text = export_small("markdown", 0, &o, NULL);
	check_golden(GOLDEN("small.md"), text);
	free(text);
	/* Report text can neither break the line nor inject markup. */
	text = export_small("markdown", 1, &default_options, NULL);
	assert_non_null(strstr(text, "**date unknown** \xE2\x80\x94 =HYPERLINK(\"http://evil.example/\""));
	assert_non_null(strstr(text, "then \\<script\\>alert('x')\\</script\\> \\& more"));
	assert_non_null(strstr(text, "  end (AFP)\n"));
	free(text);
}

static void count_icews_columns(const char *text, size_t *lines)
{
	*lines = 0;
	for (const char *p = text; *p; (*lines)++) {
		const char *nl = strchr(p, '\n');
		assert_non_null(nl);
		size_t tabs = 0;
		for (const char *c = p; c < nl; c++) {
			tabs += *c == '\t';
			assert_true(*c != '\r');
		}
		assert_int_equal(tabs, 19);
		p = nl + 1;
	}
}

static void test_icews(void **state)
{
	(void)state;
	char *text = export_small("icews", 0, &default_options, NULL);
	check_golden(GOLDEN("small.icews.tsv"), text);
	size_t lines;
	count_icews_columns(text, &lines);
	/* Header; e7, e5, e2 one row each; the call both ways; the summit of
	 * three, every ordered pair. */
	assert_int_equal(lines, 1 + 3 + 2 + 6);
	free(text);
	text = export_small("icews", 1, &default_options, NULL);
	count_icews_columns(text, &lines);
	assert_int_equal(lines, 13);
	free(text);
}

/* ---- write errors ---- */

static void test_write_errors(void **state)
{
	(void)state;
	static const char *const formats[] = {"csv", "json", "jsonl", "html", "timelinejs",
					      "markdown", "icews"};
	struct fx_timeline t;
	fx_build(&t, 1);
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		FILE *f = fopen("/dev/full", "w");
		if (!f)
			skip();
		const struct exporter *x = exporter_find(formats[i]);
		void *st = NULL;
		int rc = x->begin(&st, f, NULL, &default_options);
		for (size_t k = 0; rc == 0 && k < t.n; k++)
			rc = x->event(st, &t.te[k]);
		if (st)
			rc |= x->end(st, rc == 0);
		if (rc != -1)
			fail_msg("format %s: a full disk went unnoticed", formats[i]);
		fclose(f);
	}
	fx_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registry),
		cmocka_unit_test(test_dates_in_words),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_csv_fields),
		cmocka_unit_test(test_csv_raw_and_plain_lines),
		cmocka_unit_test(test_csv_excel),
		cmocka_unit_test(test_json_contract),
		cmocka_unit_test(test_json_empty_and_bad_utf8),
		cmocka_unit_test(test_jsonl),
		cmocka_unit_test(test_timelinejs_golden),
		cmocka_unit_test(test_timelinejs_escapes),
		cmocka_unit_test(test_markdown_golden),
		cmocka_unit_test(test_icews),
		cmocka_unit_test(test_write_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
