/* tl_event_write (export/json.c), the server's way of writing a page's
 * events: byte for byte what jansson dumps of tl_event_json, compact (the
 * server's pages) and not (the JSON export's separators), on the export's
 * fixture (hostile strings included), the curation layer's facts, the
 * changes of an incremental export, a withdrawn event without fields, and
 * strings jansson escapes or refuses: quotes, backslashes, every control
 * character, a slash, U+2028, four-byte UTF-8 and bytes that are not UTF-8.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "export/export_internal.h"
#include "util/types.h"
#include "../data/export/fixtures.h"

/* jansson's bytes of tl_event_json, as reply_json (compact) or the JSON
 * export (not) dumps them. */
static char *reference(const struct tl_event *e, int compact)
{
	json_t *o = tl_event_json(e);
	assert_non_null(o);
	size_t flags = JSON_ENCODE_ANY | JSON_REAL_PRECISION(10) | (compact ? JSON_COMPACT : 0);
	char *s = json_dumps(o, flags);
	json_decref(o);
	assert_non_null(s);
	return s;
}

static void assert_same(const struct tl_event *e)
{
	for (int compact = 0; compact < 2; compact++) {
		char *want = reference(e, compact);
		struct buf b;
		buf_init(&b, 0);
		assert_int_equal(tl_event_write(&b, e, compact, 0), 0);
		assert_string_equal(buf_str(&b), want);
		/* open: the same but the closing brace, after text already there. */
		buf_reset(&b);
		buf_addstr(&b, "[");
		assert_int_equal(tl_event_write(&b, e, compact, 1), 0);
		size_t n = strlen(want);
		assert_int_equal(strlen(buf_str(&b)), n);
		assert_memory_equal(buf_str(&b) + 1, want, n - 1);
		buf_release(&b);
		free(want);
	}
}

static void test_fixture(void **state)
{
	(void)state;
	for (int hostile = 0; hostile < 2; hostile++) {
		struct fx_timeline t;
		fx_build(&t, hostile);
		for (size_t i = 0; i < t.n; i++)
			assert_same(&t.te[i]);
		fx_release(&t);
	}
}

static const char *const tags[] = {"<b>urgent</b>", "sony \"hack\"", ""};
static const char *const fields[] = {"date", "actors"};

/* Verified, tagged, annotated (a note without author or time), fields set
 * by hand, added by hand, every confidence; then as an incremental export
 * reports them, and a withdrawn event nothing is left of. */
static void test_curation_and_changes(void **state)
{
	(void)state;
	struct tl_note notes[3] = {
		{"=SUM(A1) is only text here", "bob", fx_time(2026, 12, 1, 8, 30)},
		{"Checked against the <MOFA> readout", NULL, 0},
		{NULL, "anna", fx_time(2026, 12, 3, 14, 5)},
	};
	static const double confidence[] = {0, 0.42, 0.5, 1.0 / 3, 1.0, 0.857};
	static const enum tl_change change[] = {TL_CHANGE_NEW, TL_CHANGE_CHANGED, TL_CHANGE_WITHDRAWN,
						TL_CHANGE_CHANGED, TL_CHANGE_NEW, TL_CHANGE_WITHDRAWN};
	struct fx_timeline t;
	fx_build(&t, 1);
	for (size_t i = 0; i < t.n; i++) {
		struct tl_event *e = &t.te[i];
		e->confidence = confidence[i % 6];
		e->cur = (struct tl_curation){
			.verified = (int)(i % 2), .verified_by = i % 3 ? "anna" : NULL,
			.verified_at = i % 4 ? fx_time(2026, 12, 3, 14, 5) : 0, .tags = tags, .n_tags = i % 4,
			.notes = notes, .n_notes = i % 4, .fields_set = fields, .n_fields_set = i % 3,
			.added_by_hand = (int)(i % 2 == 0),
		};
		if (i == 2)
			e->added = 0;
		assert_same(e);
		e->change = change[i % 6];
		e->merged_into = i % 3 ? 0 : 7;
		assert_same(e);
	}
	struct tl_event gone = {.id = 20, .change = TL_CHANGE_WITHDRAWN, .confidence = 0.6, .merged_into = 9};
	assert_same(&gone);
	gone.change = TL_CHANGE_NONE;
	assert_same(&gone);
	fx_release(&t);
}

/* Strings as jansson escapes them, and text that is not UTF-8 repaired as
 * jstr repairs it, in every place a string goes. */
static void test_strings(void **state)
{
	(void)state;
	char controls[40];
	for (int c = 1; c < 32; c++)
		controls[c - 1] = (char)c;
	strcpy(controls + 31, "\x7f\"\\/");
	static const char *const texts[] = {
		"quote \" backslash \\ slash / </script>",
		"line\nbreak\ttab\rcr\bbs\ffeed",
		"U+2028 \xe2\x80\xa8 U+2029 \xe2\x80\xa9 and \xf0\x9f\x98\x80 and \xc3\xa9t\xc3\xa9",
		"cut \xe2\x80 sequence", "lone \xff byte", "overlong \xc0\xaf", "",
	};
	const char *all[sizeof(texts) / sizeof(texts[0]) + 1];
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		all[i] = texts[i];
	all[sizeof(all) / sizeof(all[0]) - 1] = controls;
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		const char *s = all[i];
		struct fx_timeline t;
		memset(&t, 0, sizeof(t));
		struct event *ev = fx_add(&t, 3, "statement", "010", (struct cdate){2015, 2, 0, PREC_MONTH}, s, s);
		event_add_actor(ev, s, s, s, ACTOR_PERSON, ROLE_SOURCE);
		event_add_actor(ev, "Japan", NULL, NULL, ACTOR_STATE, ROLE_TARGET);
		event_add_topic(ev, s);
		fx_source(&t, 4, s, s, s, fx_time(2015, 2, 1, 12, 0));
		fx_source(&t, 5, NULL, NULL, NULL, 0);
		const char *list[] = {s, "plain"};
		struct tl_note note = {s, s, fx_time(2026, 1, 1, 0, 0)};
		t.te[0].cur = (struct tl_curation){.verified = 1, .verified_by = s, .tags = list, .n_tags = 2,
						   .notes = &note, .n_notes = 1, .fields_set = list, .n_fields_set = 2};
		t.te[0].confidence = 0.123456789012345;
		assert_same(&t.te[0]);
		fx_release(&t);
	}
}

/* Confidences out of range or not numbers, as tl_confidence reads them. */
static void test_confidences(void **state)
{
	(void)state;
	static const double odd[] = {NAN, -1, 2, INFINITY, -INFINITY, 1e-300, 0.1 + 0.2};
	struct fx_timeline t;
	fx_build(&t, 0);
	for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
		t.te[0].confidence = odd[i];
		assert_same(&t.te[0]);
	}
	fx_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixture),
		cmocka_unit_test(test_curation_and_changes),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_confidences),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
