/* The exporters (export/): the format table; CSV read back with libcsv
 * (quoting, formula neutralisation, Excel mode, append); JSON and JSON Lines
 * parsed with jansson and validated against schema/timeline.schema.json;
 * TimelineJS, Markdown and ICEWS against golden files; write errors.
 *
 * The facts of the curation layer (confidence, verification, tags, notes,
 * fields set by hand, the change an incremental export reports) are given to
 * the fixture's events by curate() and incremental(), and every format's
 * output of them is checked exactly.
 *
 * Schema validation is done by a small validator below that implements the
 * keywords the schema uses (type, const, enum, pattern, minLength, minItems,
 * maxItems, minimum, maximum, required, properties, items, $ref to #/$defs,
 * anyOf, allOf, if/then) and fails on any other keyword, so the schema cannot grow
 * beyond what the test really checks. Set UPDATE_GOLDEN=1 to rewrite the
 * golden files after an intended change (then read the diff).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#include <jansson.h>

#include "export/export_internal.h"
#include "util/types.h"
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
		"pattern", "minLength", "minItems", "maxItems", "minimum", "maximum", "required",
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
	if (json_is_number(v) && (x = json_object_get(s, "maximum")) &&
	    json_number_value(v) > json_number_value(x))
		return snprintf(why, n, "above maximum"), 0;
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

/* ---- the curation layer ---- */

static const char *const cu_tags[] = {"<b>urgent</b>", "sony hack"};
static const char *const cu_fields[] = {"date", "actors"};
static struct tl_note cu_notes[2];

/* What analysts did to the fixture: the call (e1) verified by anna, tagged,
 * annotated twice (a note that starts like a formula, one with markup) and
 * its date and actors set by hand; the summit (e9) added by hand; every
 * event with a confidence. */
static void curate(struct fx_timeline *t)
{
	static const double confidence[] = {0.42, 0.5, 0.79, 0.857, 1.0, 0.3};
	for (size_t i = 0; i < t->n; i++)
		t->te[i].confidence = confidence[i];
	cu_notes[0] = (struct tl_note){"=SUM(A1) is only text here", "bob", fx_time(2026, 12, 1, 8, 30)};
	cu_notes[1] = (struct tl_note){"Checked against the <MOFA> readout", "anna",
				       fx_time(2026, 12, 3, 14, 5)};
	struct tl_event *call = &t->te[3];
	assert_int_equal(call->id, 1);
	call->cur = (struct tl_curation){
		.verified = 1, .verified_by = "anna", .verified_at = fx_time(2026, 12, 3, 14, 5),
		.tags = cu_tags, .n_tags = 2, .notes = cu_notes, .n_notes = 2,
		.fields_set = cu_fields, .n_fields_set = 2,
	};
	assert_int_equal(t->te[4].id, 9);
	t->te[4].cur.added_by_hand = 1;
}

/* An incremental export (--since-last) of the curated fixture: e7 and e9
 * new, e5 and e1 changed, e2 withdrawn by a merge into e1, and e20
 * withdrawn with nothing left of it in the archive (no fields). */
static void incremental(struct fx_timeline *t)
{
	static const enum tl_change change[] = {TL_CHANGE_NEW, TL_CHANGE_CHANGED,
						TL_CHANGE_WITHDRAWN, TL_CHANGE_CHANGED, TL_CHANGE_NEW};
	assert_int_equal(t->n, 5);
	for (size_t i = 0; i < t->n; i++)
		t->te[i].change = change[i];
	assert_int_equal(t->te[2].id, 2);
	t->te[2].merged_into = 1;
	t->te[t->n++] = (struct tl_event){.id = 20, .change = TL_CHANGE_WITHDRAWN, .confidence = 0.6};
}

static char *export_curated(const char *format, int incr, const struct tl_options *o)
{
	struct fx_timeline t;
	fx_build(&t, 0);
	curate(&t);
	if (incr)
		incremental(&t);
	char *text = fx_export(&t, format, NULL, o, NULL);
	fx_release(&t);
	assert_non_null(text);
	return text;
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
	assert_int_equal(count, 8);   /* csv json jsonl html timelinejs markdown icews dyads */
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
#define MAX_COLS 40

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
	/* The columns by position: spreadsheets refer to them so, and new
	 * ones only ever go at the end. */
	static const char *const header[] = {
		"id", "date", "date_precision", "type", "cameo", "status", "source_names",
		"source_codes", "target_names", "target_codes", "participants", "topics",
		"summary", "evidence", "agencies", "report_titles", "urls", "first_published",
		"participant_codes", "actors", "report_ids", "first_headline", "first_url",
		"confidence", "verified", "verified_by", "tags", "notes", "fields_set", "change",
		"merged_into", "intensity",
	};
	assert_int_equal(t.cols[0], sizeof(header) / sizeof(header[0]));
	for (size_t c = 0; c < t.cols[0]; c++)
		assert_string_equal(t.cell[0][c], header[c]);
	for (size_t r = 1; r < t.rows; r++)
		assert_int_equal(t.cols[r], t.cols[0]);
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
	/* The parties in words, the reports, the first source. */
	assert_string_equal(cell(&t, 4, "actors"), "Fumio Kishida & John Kerry");
	assert_string_equal(cell(&t, 3, "actors"), "United States \xE2\x86\x92 North Korea");
	assert_string_equal(cell(&t, 2, "actors"), "North Korea");
	assert_string_equal(cell(&t, 5, "actors"), "Japan & China & South Korea");
	assert_string_equal(cell(&t, 6, "actors"),
			    "European Union \xE2\x86\x92 =cmd|' /C calc'!A0");
	assert_string_equal(cell(&t, 4, "report_ids"), "r1; r4");
	assert_string_equal(cell(&t, 4, "first_headline"),
			    "Japanese, US top diplomats discuss North Korea by phone");
	assert_string_equal(cell(&t, 4, "first_url"), "https://tass.com/world/769871");
	assert_string_equal(cell(&t, 2, "first_url"), "");
	assert_string_equal(cell(&t, 6, "first_headline"), "'+Ministry \"readout\", in full");
	/* Nobody touched these events, and the export is not incremental. */
	assert_string_equal(cell(&t, 4, "confidence"), "0.00");
	for (size_t r = 1; r < t.rows; r++) {
		static const char *const empty[] = {"verified", "verified_by", "tags", "notes",
						    "fields_set", "change", "merged_into"};
		for (size_t k = 0; k < sizeof(empty) / sizeof(empty[0]); k++)
			assert_string_equal(cell(&t, r, empty[k]), "");
	}
	free_csv(&t);
	/* The CAMEO code is always quoted (Calc's "Format quoted field as
	 * text" keeps its zero) and is the code alone without --excel. */
	assert_non_null(strstr(text, "\ne1,2015-01-06,day,phone_call,\"041\",occurred,"));
	assert_non_null(strstr(text, "\ne7,2014-06,season,sanctions_relief,\"085\",occurred,"));
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
	assert_non_null(strstr(text, "intensity\r\ne7;2014-06;season;"));
	struct csv_table t;
	parse_csv(text + 3, len - 3, ';', &t);
	assert_int_equal(t.rows, 7);
	assert_string_equal(cell(&t, 4, "participants"), "Fumio Kishida; John Kerry");
	assert_string_equal(cell(&t, 6, "summary"), "'" FX_HOSTILE_SUMMARY);
	/* For Excel the CAMEO code takes a form no spreadsheet reads as a
	 * number, code first, so that it sorts by code; it starts with a
	 * digit, never like a formula. */
	assert_string_equal(cell(&t, 1, "cameo"), "085 Ease economic sanctions, boycott, or embargo");
	assert_string_equal(cell(&t, 2, "cameo"), "016 Deny responsibility");
	assert_string_equal(cell(&t, 4, "cameo"), "041 Discuss by telephone");
	assert_string_equal(cell(&t, 5, "cameo"), "040 Consult");
	assert_string_equal(cell(&t, 6, "cameo"), "010 Make statement");
	free_csv(&t);
	assert_non_null(strstr(text, "\r\ne1;2015-01-06;day;phone_call;\"041 Discuss by telephone\";"));
	/* A code the table does not know by itself takes its root's verb; one
	 * with no root either still gets words. */
	struct fx_timeline fx;
	fx_build(&fx, 0);
	snprintf(fx.ev[0].cameo, sizeof(fx.ev[0].cameo), "0413");
	snprintf(fx.ev[1].cameo, sizeof(fx.ev[1].cameo), "00");
	free(text);
	text = fx_export(&fx, "csv", NULL, &o, NULL);
	fx_release(&fx);
	assert_non_null(text);
	parse_csv(text + 3, strlen(text) - 3, ';', &t);
	assert_string_equal(cell(&t, 1, "cameo"), "0413 Consult");
	assert_string_equal(cell(&t, 2, "cameo"), "00 (not in the CAMEO table)");
	free_csv(&t);
	free(text);
	/* Appending: neither byte-order mark nor header. */
	o.append = 1;
	text = export_small("csv", 0, &o, NULL);
	assert_memory_equal(text, "e7;2014-06;season;", 18);
	free(text);
}

static void test_csv_curation(void **state)
{
	(void)state;
	char *text = export_curated("csv", 0, &default_options);
	struct csv_table t;
	parse_csv(text, strlen(text), ',', &t);
	assert_int_equal(t.rows, 6);
	/* The call: every curation column. */
	assert_string_equal(cell(&t, 4, "id"), "e1");
	assert_string_equal(cell(&t, 4, "confidence"), "0.86");
	assert_string_equal(cell(&t, 4, "verified"), "yes");
	assert_string_equal(cell(&t, 4, "verified_by"), "anna");
	assert_string_equal(cell(&t, 4, "tags"), "<b>urgent</b>; sony hack");
	/* The cell starts with the first note: neutralised like any formula. */
	assert_string_equal(cell(&t, 4, "notes"),
			    "'=SUM(A1) is only text here \xE2\x80\x94 bob; "
			    "Checked against the <MOFA> readout \xE2\x80\x94 anna");
	assert_string_equal(cell(&t, 4, "fields_set"), "date; actors");
	assert_string_equal(cell(&t, 4, "change"), "");
	assert_string_equal(cell(&t, 4, "merged_into"), "");
	/* Confidence with two decimals, from 0 to 1. */
	assert_string_equal(cell(&t, 1, "confidence"), "0.42");
	assert_string_equal(cell(&t, 2, "confidence"), "0.50");
	assert_string_equal(cell(&t, 3, "confidence"), "0.79");
	assert_string_equal(cell(&t, 5, "confidence"), "1.00");
	/* Untouched events: no verification, tags or notes. */
	assert_string_equal(cell(&t, 5, "verified"), "");
	assert_string_equal(cell(&t, 5, "tags"), "");
	free_csv(&t);
	free(text);

	/* With --raw the note is left as it is. */
	struct tl_options o = default_options;
	o.raw = 1;
	text = export_curated("csv", 0, &o);
	parse_csv(text, strlen(text), ',', &t);
	assert_string_equal(cell(&t, 4, "notes"),
			    "=SUM(A1) is only text here \xE2\x80\x94 bob; "
			    "Checked against the <MOFA> readout \xE2\x80\x94 anna");
	free_csv(&t);
	free(text);

	/* An incremental export: what changed, where a merged event went, and
	 * a withdrawn event the archive no longer holds (its id, no fields). */
	text = export_curated("csv", 1, &default_options);
	parse_csv(text, strlen(text), ',', &t);
	assert_int_equal(t.rows, 7);
	assert_string_equal(cell(&t, 1, "change"), "new");
	assert_string_equal(cell(&t, 2, "change"), "changed");
	assert_string_equal(cell(&t, 3, "change"), "withdrawn");
	assert_string_equal(cell(&t, 3, "merged_into"), "e1");
	assert_string_equal(cell(&t, 3, "summary"),
			    "The United States imposed new sanctions on North Korea over the Sony hack");
	assert_string_equal(cell(&t, 4, "change"), "changed");
	assert_string_equal(cell(&t, 4, "merged_into"), "");
	assert_string_equal(cell(&t, 5, "change"), "new");
	assert_int_equal(t.cols[6], t.cols[0]);
	for (size_t c = 0; c < t.cols[6]; c++) {
		const char *name = t.cell[0][c], *v = t.cell[6][c];
		if (!strcmp(name, "id"))
			assert_string_equal(v, "e20");
		else if (!strcmp(name, "confidence"))
			assert_string_equal(v, "0.60");
		else if (!strcmp(name, "change"))
			assert_string_equal(v, "withdrawn");
		else if (strcmp(v, ""))
			fail_msg("withdrawn e20: column %s is '%s'", name, v);
	}
	free_csv(&t);
	/* The row of e20 as written: the CAMEO cell is quoted even empty; a
	 * withdrawn event without fields has no intensity. */
	assert_non_null(strstr(text, "\ne20,,,,\"\",,,,,,,,,,,,,,,,,,,0.60,,,,,,withdrawn,,\n"));
	free(text);
}

/* Excel mode with a target alone, and an out-of-range confidence. */
static void test_csv_edges(void **state)
{
	(void)state;
	struct fx_timeline t;
	fx_build(&t, 0);
	t.ev[1].actors[0].role = ROLE_TARGET;
	t.te[1].confidence = 1.7;
	t.te[2].confidence = -0.2;
	t.te[3].confidence = NAN;
	char *text = fx_export(&t, "csv", NULL, &default_options, NULL);
	fx_release(&t);
	assert_non_null(text);
	struct csv_table c;
	parse_csv(text, strlen(text), ',', &c);
	assert_string_equal(cell(&c, 2, "actors"), "\xE2\x86\x92 North Korea");
	assert_string_equal(cell(&c, 2, "confidence"), "1.00");
	assert_string_equal(cell(&c, 3, "confidence"), "0.00");
	assert_string_equal(cell(&c, 4, "confidence"), "0.00");
	free_csv(&c);
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

#define UNTOUCHED \
	"\"curation\": {\"verified\": false, \"verified_by\": null, \"verified_at\": null, " \
	"\"tags\": [], \"notes\": [], \"fields_set\": [], \"added_by_hand\": false}"
#define CALL_CURATION \
	"\"curation\": {\"verified\": true, \"verified_by\": \"anna\", " \
	"\"verified_at\": \"2026-12-03T14:05:00Z\", \"tags\": [\"<b>urgent</b>\", \"sony hack\"], " \
	"\"notes\": [{\"text\": \"=SUM(A1) is only text here\", \"by\": \"bob\", " \
	"\"at\": \"2026-12-01T08:30:00Z\"}, {\"text\": \"Checked against the <MOFA> readout\", " \
	"\"by\": \"anna\", \"at\": \"2026-12-03T14:05:00Z\"}], " \
	"\"fields_set\": [\"date\", \"actors\"], \"added_by_hand\": false}"

/* Sets key of a copy of doc's event `id` and says whether the schema takes it. */
static int valid_with(json_t *schema, json_t *doc, const char *id, const char *key, json_t *v)
{
	char why[256];
	json_t *copy = json_deep_copy(doc);
	json_t *ev = event_by_id(copy, id);
	if (v)
		json_object_set_new(ev, key, v);
	else
		json_object_del(ev, key);
	int ok = schema_ok(schema, schema, copy, why, sizeof(why));
	json_decref(copy);
	return ok;
}

static void test_json_curation(void **state)
{
	(void)state;
	char *text = export_curated("json", 0, &default_options);
	json_t *doc = json_loads(text, 0, NULL);
	assert_non_null(doc);
	json_t *schema = load_schema();
	assert_valid(schema, schema, doc);
	/* Exactly as written: confidence, intensity (a phone call, CAMEO 041:
	 * Goldstein 1.0) and curation after added, in this order; an untouched
	 * event has the same keys, empty. */
	assert_non_null(strstr(text, "\"added\": \"2026-11-20T09:00:00Z\", \"confidence\": 0.857, "
				     "\"intensity\": 1.0, " CALL_CURATION "}"));
	assert_non_null(strstr(text, "{\"id\": \"e7\", "));
	assert_non_null(strstr(text, "\"confidence\": 0.42, \"intensity\": "));
	assert_non_null(strstr(text, UNTOUCHED "}"));
	json_t *nine = json_object_get(event_by_id(doc, "e9"), "curation");
	assert_true(json_is_true(json_object_get(nine, "added_by_hand")));
	assert_true(json_number_value(json_object_get(event_by_id(doc, "e9"), "confidence")) == 1.0);
	/* Not incremental: no change, no merged_into. */
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(doc, "events"), i, e) {
		assert_non_null(json_object_get(e, "curation"));
		assert_true(json_is_number(json_object_get(e, "confidence")));
		assert_null(json_object_get(e, "change"));
		assert_null(json_object_get(e, "merged_into"));
	}

	/* The schema holds the new fields to their contract. */
	assert_true(valid_with(schema, doc, "e1", "confidence", json_real(1.0)));
	assert_false(valid_with(schema, doc, "e1", "confidence", json_real(1.5)));
	assert_false(valid_with(schema, doc, "e1", "confidence", json_real(-0.1)));
	assert_false(valid_with(schema, doc, "e1", "confidence", json_string("high")));
	assert_false(valid_with(schema, doc, "e1", "change", json_string("new")));
	json_t *cur = json_deep_copy(json_object_get(event_by_id(doc, "e7"), "curation"));
	json_object_set_new(cur, "verified_by", json_string("anna"));
	assert_false(valid_with(schema, doc, "e7", "curation", cur));
	cur = json_deep_copy(json_object_get(event_by_id(doc, "e7"), "curation"));
	json_object_del(cur, "tags");
	assert_false(valid_with(schema, doc, "e7", "curation", cur));
	cur = json_deep_copy(json_object_get(event_by_id(doc, "e1"), "curation"));
	json_object_set_new(json_array_get(json_object_get(cur, "notes"), 0), "at",
			    json_string("1 December 2026"));
	assert_false(valid_with(schema, doc, "e1", "curation", cur));
	json_decref(doc);
	free(text);

	/* Incremental, as JSON Lines: every line is an event of the schema,
	 * each says what changed; a merge says where the event went. */
	text = export_curated("jsonl", 1, &default_options);
	json_t *event_schema = resolve(schema, "#/$defs/event");
	json_t *lines = json_array();
	for (char *line = text, *nl; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		assert_non_null(nl);
		*nl = '\0';
		json_t *ev = json_loads(line, 0, NULL);
		assert_non_null(ev);
		assert_valid(schema, event_schema, ev);
		json_array_append_new(lines, ev);
		*nl = '\n';
	}
	assert_int_equal(json_array_size(lines), 6);
	static const char *const want[][3] = {
		{"e7", "new", NULL}, {"e5", "changed", NULL}, {"e2", "withdrawn", "e1"},
		{"e1", "changed", NULL}, {"e9", "new", NULL}, {"e20", "withdrawn", NULL},
	};
	json_array_foreach(lines, i, e) {
		assert_string_equal(str_at(e, "id"), want[i][0]);
		assert_string_equal(str_at(e, "change"), want[i][1]);
		json_t *m = json_object_get(e, "merged_into");
		assert_non_null(m);
		if (want[i][2])
			assert_string_equal(json_string_value(m), want[i][2]);
		else
			assert_true(json_is_null(m));
	}
	/* A withdrawn event keeps the fields it has. */
	assert_string_equal(str_at(json_array_get(lines, 2), "type"), "sanctions");
	/* One the archive no longer holds: its id and what is not the event's own. */
	assert_non_null(strstr(text, "\n{\"id\": \"e20\", \"sources\": [], \"added\": null, "
				     "\"confidence\": 0.6, " UNTOUCHED ", \"change\": \"withdrawn\", "
				     "\"merged_into\": null}\n"));
	/* A withdrawn sanctions event (CAMEO 163: Goldstein -8.0) keeps its intensity. */
	assert_non_null(strstr(text, "\"confidence\": 0.79, \"intensity\": -8.0, " UNTOUCHED
				     ", \"change\": \"withdrawn\", \"merged_into\": \"e1\"}\n"));
	/* Only a withdrawn event may lack the event's fields; change and
	 * merged_into come together. */
	json_t *ev = json_deep_copy(json_array_get(lines, 5));
	assert_valid(schema, event_schema, ev);
	json_object_set_new(ev, "change", json_string("changed"));
	assert_invalid(schema, event_schema, ev);
	json_object_set_new(ev, "change", json_string("gone"));
	assert_invalid(schema, event_schema, ev);
	json_object_set_new(ev, "change", json_string("withdrawn"));
	json_object_del(ev, "merged_into");
	assert_invalid(schema, event_schema, ev);
	json_object_set_new(ev, "merged_into", json_string("1"));
	assert_invalid(schema, event_schema, ev);
	json_decref(ev);
	ev = json_deep_copy(json_array_get(lines, 3));
	json_object_del(ev, "type");
	assert_invalid(schema, event_schema, ev);
	json_decref(ev);
	json_decref(lines);
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
	assert_non_null(strstr(text, "  end \xE2\x80\x94 AFP"));
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

/* Text cells that start like a formula are neutralised as in the CSV
 * (the hostile fixture's target is "=cmd|' /C calc'!A0"), unless raw;
 * the numbers of the Intensity column, which may be negative, never. */
static void test_icews_formulas(void **state)
{
	(void)state;
	char *text = export_small("icews", 1, &default_options, NULL);
	assert_non_null(strstr(text, "\t'=cmd|' /C calc'!A0\t"));
	for (const char *p = text; (p = strpbrk(p, "\t\n")); p++) {
		char c = p[1];
		assert_false(c == '=' || c == '+' || c == '@');
		if (c == '-')
			assert_true(p[2] >= '0' && p[2] <= '9');
	}
	free(text);
	struct tl_options o = default_options;
	o.raw = 1;
	text = export_small("icews", 1, &o, NULL);
	assert_non_null(strstr(text, "\t=cmd|' /C calc'!A0\t"));
	free(text);
}

static void test_markdown_curation(void **state)
{
	(void)state;
	char *text = export_curated("markdown", 0, &default_options);
	/* Verification and tags after the linked sources, the evidence quoted,
	 * the notes as a list under it; analysts' text escaped like report text. */
	assert_non_null(strstr(text,
		"\n**6 January 2015** \xE2\x80\x94 Kishida and Kerry discussed North Korea and cyber "
		"security by phone \xE2\x80\x94 [TASS: Japanese, US top diplomats discuss North Korea by phone]"
		"(https://tass.com/world/769871) (r1); [Kyodo: Kishida, Kerry agree to cooperate on N. Korea]"
		"(https://english.kyodonews.net/news/2015/01/a2.html) (r4) \xC2\xB7 \xE2\x9C\x93 verified by anna \xC2\xB7 "
		"tags: \\<b\\>urgent\\</b\\>, sony hack\n\n"
		"> Japanese Foreign Minister Fumio Kishida and US Secretary of State John Kerry held telephone "
		"talks on Tuesday.\n\n"
		"- Note (bob, 1 December 2026): =SUM(A1) is only text here\n"
		"- Note (anna, 3 December 2026): Checked against the \\<MOFA\\> readout\n\n"
		"## 2015 (month unknown)\n\n"));
	/* An event nobody touched: no curation after its source. */
	assert_non_null(strstr(text, "\n**2 January 2015** \xE2\x80\x94 The United States imposed new "
				     "sanctions on North Korea over the Sony hack \xE2\x80\x94 [Reuters: "));
	assert_non_null(strstr(text, "idUSKBN0KB0XZ) (r6)\n\n> "));
	free(text);
	text = export_curated("markdown", 1, &default_options);
	assert_non_null(strstr(text, "a1.html) (r3) \xC2\xB7 new\n\n"));
	assert_non_null(strstr(text, "idUSKBN0KB0XZ) (r6) \xC2\xB7 withdrawn, merged into e1\n\n"));
	assert_non_null(strstr(text, "sony hack \xC2\xB7 changed\n\n> Japanese Foreign Minister"));
	assert_non_null(strstr(text, "talks on Tuesday.\n\n- Note (bob,"));
	assert_non_null(strstr(text, "\n**date unknown** \xE2\x80\x94 event e20 \xC2\xB7 withdrawn\n\n"));
	free(text);
}

static const char *tljs_text(json_t *doc, const char *id)
{
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(doc, "events"), i, e)
		if (!strcmp(json_string_value(json_object_get(e, "unique_id")), id))
			return json_string_value(json_object_get(json_object_get(e, "text"), "text"));
	fail_msg("no slide %s", id);
	return NULL;
}

static void test_timelinejs_curation(void **state)
{
	(void)state;
	char *text = export_curated("timelinejs", 1, &default_options);
	json_t *doc = json_loads(text, 0, NULL);
	assert_non_null(doc);
	/* The undated e20 cannot be placed. */
	assert_int_equal(json_array_size(json_object_get(doc, "events")), 5);
	assert_string_equal(tljs_text(doc, "e1"),
		"<p>\xE2\x9C\x93 Verified by anna \xC2\xB7 Changed</p>"
		"<p>Fumio Kishida (JPN) &amp; John Kerry (USA)</p>"
		"<p>Topics: cyber security, North Korea</p>"
		"<p>Tags: &lt;b&gt;urgent&lt;/b&gt;, sony hack</p>"
		"<blockquote>Japanese Foreign Minister Fumio Kishida and US Secretary of State John Kerry "
		"held telephone talks on Tuesday.</blockquote>"
		"<p><em>Note (bob, 1 December 2026):</em> =SUM(A1) is only text here</p>"
		"<p><em>Note (anna, 3 December 2026):</em> Checked against the &lt;MOFA&gt; readout</p>"
		"<p>TASS: <a href=\"https://tass.com/world/769871\">Japanese, US top diplomats discuss "
		"North Korea by phone</a></p>"
		"<p>Kyodo: <a href=\"https://english.kyodonews.net/news/2015/01/a2.html\">Kishida, Kerry "
		"agree to cooperate on N. Korea</a></p>");
	assert_memory_equal(tljs_text(doc, "e2"), "<p>Withdrawn, merged into e1</p><p>United States", 48);
	assert_memory_equal(tljs_text(doc, "e7"), "<p>New</p><p>Japan (JPN)", 24);
	json_decref(doc);
	free(text);
	/* Not incremental and untouched: the slide is as before. */
	text = export_curated("timelinejs", 0, &default_options);
	doc = json_loads(text, 0, NULL);
	assert_memory_equal(tljs_text(doc, "e1"), "<p>\xE2\x9C\x93 Verified by anna</p><p>Fumio", 34);
	assert_memory_equal(tljs_text(doc, "e7"), "<p>Japan (JPN)", 14);
	json_decref(doc);
	free(text);
}

static void test_icews_curation(void **state)
{
	(void)state;
	/* Curation has no ICEWS column: the rows are those of the untouched
	 * timeline, byte for byte. */
	char *plain = export_small("icews", 0, &default_options, NULL);
	char *text = export_curated("icews", 0, &default_options);
	assert_string_equal(text, plain);
	free(text);
	/* Incremental: the withdrawn e2 and e20 are left out (a row would
	 * count them as events); every row keeps ICEWS's twenty columns. */
	text = export_curated("icews", 1, &default_options);
	size_t lines;
	count_icews_columns(text, &lines);
	assert_int_equal(lines, 1 + 2 + 2 + 6);
	assert_null(strstr(text, "\ne2\t"));
	assert_null(strstr(text, "\ne20\t"));
	assert_non_null(strstr(text, "\ne7\t"));
	free(text);
	free(plain);
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

/* The intensity table against the CAMEO codes it serves: every event type's
 * code has a Goldstein score in -10..10 (its own or its root's), the quad
 * class signs hold (cooperation roots 01-08 not negative, conflict roots
 * 09-20 not positive), and status adjusts it: a plan half, a negation 0. */
static void test_intensity_table(void **state)
{
	(void)state;
	char *err = NULL;
	assert_int_equal(types_load(NULL, 0, &err), 0);
	for (size_t i = 0; i < types_count(); i++) {
		const struct event_type *t = types_at(i);
		const struct tl_cameo *c = tl_cameo_find(t->cameo);
		if (!c)
			fail_msg("type %s: CAMEO %s has no Goldstein score", t->name, t->cameo);
		assert_true(c->goldstein >= -10 && c->goldstein <= 10);
		int root = (t->cameo[0] - '0') * 10 + (t->cameo[1] - '0');
		if (root >= 1 && root <= 8 && c->goldstein < 0 && strcmp(t->cameo, "016"))
			fail_msg("type %s: cooperative CAMEO %s scores %.1f", t->name, t->cameo, c->goldstein);
		if (root >= 9 && c->goldstein > 0)
			fail_msg("type %s: conflict CAMEO %s scores %.1f", t->name, t->cameo, c->goldstein);
		struct event e;
		memset(&e, 0, sizeof(e));
		snprintf(e.cameo, sizeof(e.cameo), "%s", t->cameo);
		double g[3];
		for (int st = 0; st < 3; st++) {
			e.status = (enum event_status)st;
			assert_int_equal(tl_intensity(&e, &g[st]), 0);
		}
		assert_true(fabs(g[STATUS_PLANNED] - g[STATUS_OCCURRED] / 2) < 1e-9);
		assert_true(g[STATUS_NEGATED] == 0);
	}
	/* Known anchors of the CAMEO scale. */
	double v;
	struct event e;
	memset(&e, 0, sizeof(e));
	snprintf(e.cameo, sizeof(e.cameo), "057");
	assert_int_equal(tl_intensity(&e, &v), 0);
	assert_true(v == 8.0);
	snprintf(e.cameo, sizeof(e.cameo), "163");
	assert_int_equal(tl_intensity(&e, &v), 0);
	assert_true(v == -8.0);
	snprintf(e.cameo, sizeof(e.cameo), "xx");
	assert_int_equal(tl_intensity(&e, &v), -1);
	types_release();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registry),
		cmocka_unit_test(test_intensity_table),
		cmocka_unit_test(test_dates_in_words),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_csv_fields),
		cmocka_unit_test(test_csv_raw_and_plain_lines),
		cmocka_unit_test(test_csv_excel),
		cmocka_unit_test(test_csv_curation),
		cmocka_unit_test(test_csv_edges),
		cmocka_unit_test(test_json_contract),
		cmocka_unit_test(test_json_empty_and_bad_utf8),
		cmocka_unit_test(test_jsonl),
		cmocka_unit_test(test_json_curation),
		cmocka_unit_test(test_timelinejs_golden),
		cmocka_unit_test(test_timelinejs_escapes),
		cmocka_unit_test(test_markdown_golden),
		cmocka_unit_test(test_icews),
		cmocka_unit_test(test_icews_formulas),
		cmocka_unit_test(test_markdown_curation),
		cmocka_unit_test(test_timelinejs_curation),
		cmocka_unit_test(test_icews_curation),
		cmocka_unit_test(test_write_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
