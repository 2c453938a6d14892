/* The curation layer of the archive (store/store_curation.c): acts applied
 * over what extraction found, and kept through the report's replacement,
 * undo restoring extraction's values, merges and splits and their undoing,
 * events a person tied to a report keeping the tie, an archive upgraded
 * from migration 5 keeping its ids, and titles with control characters
 * keeping their sources. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/event.h"
#include "ingest/report.h"
#include "store/store.h"
#include "store/store_admin.h"
#include "util/cdate.h"

#include "archive_fixture.h"

static const struct store_who anna = {"anna", "checked against the ministry's readout"};

static void make_report(struct report *r, const char *title, int64_t published, const char *body)
{
	report_init(r);
	r->title = strdup(title);
	r->body = strdup(body);
	r->agency = strdup("Kyodo");
	r->format = strdup("text");
	r->published = published;
	r->pub_known = PUB_TIME;
}

static void add_event(struct event_list *l, const char *type, const char *cameo, const char *date,
		      const char *summary, const char *a, const char *a_code, enum actor_role ra, const char *b,
		      const char *b_code, enum actor_role rb)
{
	struct event *e = event_list_push(l);
	assert_non_null(e);
	snprintf(e->type, sizeof(e->type), "%s", type);
	snprintf(e->cameo, sizeof(e->cameo), "%s", cameo);
	e->status = STATUS_OCCURRED;
	if (*date)
		assert_int_equal(cdate_parse(date, &e->date), 0);
	else
		e->date.prec = PREC_UNKNOWN;
	e->summary = strdup(summary);
	e->evidence = strdup(summary);
	e->confidence = 0.7;
	assert_int_equal(event_add_actor(e, a, a_code, NULL, ACTOR_STATE, ra), 0);
	assert_int_equal(event_add_actor(e, b, b_code, NULL, ACTOR_STATE, rb), 0);
}

static int64_t put(struct store *s, const struct report *r, int64_t replace, const struct event_list *l)
{
	int64_t id = 0;
	char *err = NULL;
	OK(store_put_report(s, r, NULL, "test.txt", replace, l, &id, &err), "store_put_report");
	return id;
}

/* What a timeline shows of one event. */
struct seen {
	int64_t id;
	char type[24], date[16], summary[160];
	int n_sources, verified, n_tags, n_fields;
	unsigned gone;
	char first_title[64];
};

static int keep_one(void *ctx, const struct tl_event *te)
{
	struct seen *s = ctx;
	s->id = te->id;
	snprintf(s->type, sizeof(s->type), "%s", te->ev->type);
	cdate_format(&te->ev->date, s->date);
	snprintf(s->summary, sizeof(s->summary), "%s", te->ev->summary ? te->ev->summary : "");
	s->n_sources = (int)te->n_sources;
	s->verified = te->cur.verified;
	s->n_tags = (int)te->cur.n_tags;
	s->n_fields = (int)te->cur.n_fields_set;
	s->gone = te->gone;
	snprintf(s->first_title, sizeof(s->first_title), "%s",
		 te->n_sources && te->sources[0].title ? te->sources[0].title : "");
	return 0;
}

static struct seen get(struct store *s, int64_t id)
{
	struct seen v;
	memset(&v, 0, sizeof(v));
	char *err = NULL;
	int rc = store_event_get(s, id, keep_one, &v, &err);
	if (rc)
		fail_msg("store_event_get e%lld: %d %s", (long long)id, rc, err ? err : "");
	return v;
}

static int count_fn(void *ctx, const struct tl_event *te)
{
	(void)te;
	++*(int *)ctx;
	return 0;
}

static int timeline_count(struct store *s)
{
	struct event_filter f;
	memset(&f, 0, sizeof(f));
	f.status_mask = 7;
	int n = 0;
	char *err = NULL;
	OK(store_timeline_each(s, &f, count_fn, &n, &err), "store_timeline_each");
	return n;
}

/* Two events of one report: a meeting (e1) and a condemnation (e2). */
static int64_t two_events(struct store *s, struct report *r, struct event_list *l)
{
	make_report(r, "Kishida and Yoon meet", 1678950000, "Kishida and Yoon met. Kishida condemned North Korea.");
	event_list_init(l);
	add_event(l, "meeting", "043", "2023-03", "Japan and South Korea met", "Japan", "JPN", ROLE_PARTICIPANT,
		  "South Korea", "KOR", ROLE_PARTICIPANT);
	add_event(l, "condemnation", "111", "2023-03-16", "Japan condemned North Korea", "Japan", "JPN",
		  ROLE_SOURCE, "North Korea", "PRK", ROLE_TARGET);
	return put(s, r, 0, l);
}

static void test_edit_undo_and_replacement(void **state)
{
	struct fx *f = *state;
	f->s = open_at(f, 0);
	struct report r, r2;
	struct event_list l, l2;
	int64_t rid = two_events(f->s, &r, &l);
	struct seen meet = get(f->s, 1);
	assert_string_equal(meet.type, "meeting");
	assert_string_equal(meet.date, "2023-03");

	/* A person dates the meeting to the day. */
	struct store_edit e = {.status = -1, .set_date = 1};
	assert_int_equal(cdate_parse("2023-03-17", &e.date), 0);
	int64_t cid = 0;
	char *err = NULL;
	OK(store_event_edit(f->s, 1, &e, &anna, &cid, &err), "edit");
	assert_true(cid > 0);
	assert_string_equal(get(f->s, 1).date, "2023-03-17");
	assert_int_equal(get(f->s, 1).n_fields, 1);

	/* A corrected version of the report dates it to the 16th: extraction's
	 * own value narrows beneath the person's, which still shows. */
	make_report(&r2, "Kishida and Yoon meet", 1678950000, "Kishida and Yoon met on Thursday.");
	event_list_init(&l2);
	add_event(&l2, "meeting", "043", "2023-03-16", "Japan and South Korea met in Tokyo", "Japan", "JPN",
		  ROLE_PARTICIPANT, "South Korea", "KOR", ROLE_PARTICIPANT);
	assert_int_equal(put(f->s, &r2, rid, &l2), rid);
	meet = get(f->s, 1);
	assert_int_equal(meet.id, 1);
	assert_string_equal(meet.date, "2023-03-17");
	assert_string_equal(meet.summary, "Japan and South Korea met in Tokyo");
	/* The condemnation is no longer told: withdrawn, not deleted, its id kept. */
	assert_int_equal(get(f->s, 2).gone, TL_GONE_UNSUPPORTED);
	assert_int_equal(timeline_count(f->s), 1);

	/* Undoing the edit gives extraction's date of the corrected report. */
	int64_t undo = 0;
	OK(store_curation_undo(f->s, cid, &anna, &undo, &err), "undo");
	assert_string_equal(get(f->s, 1).date, "2023-03-16");
	assert_int_equal(get(f->s, 1).n_fields, 0);
	assert_int_equal(store_curation_undo(f->s, cid, &anna, &undo, &err), 2);
	assert_int_equal(store_curation_undo(f->s, undo, &anna, NULL, &err), 2);
	assert_int_equal(store_curation_undo(f->s, 9999, &anna, NULL, &err), 1);

	/* A new event never takes the withdrawn one's id. */
	struct report r3;
	struct event_list l3;
	make_report(&r3, "Another", 1678960000, "Another report.");
	event_list_init(&l3);
	add_event(&l3, "phone_call", "041", "2023-03-20", "Japan and China spoke", "Japan", "JPN",
		  ROLE_PARTICIPANT, "China", "CHN", ROLE_PARTICIPANT);
	put(f->s, &r3, 0, &l3);
	assert_string_equal(get(f->s, 3).type, "phone_call");

	long problems = 0;
	OK(store_check(f->s, NULL, NULL, &problems, &err), "check");
	assert_int_equal(problems, 0);
	event_list_release(&l);
	event_list_release(&l2);
	event_list_release(&l3);
	report_release(&r);
	report_release(&r2);
	report_release(&r3);
}

static void test_merge_split_and_hand_events(void **state)
{
	struct fx *f = *state;
	f->s = open_at(f, 0);
	struct report r, rb;
	struct event_list l, lb;
	int64_t rid = two_events(f->s, &r, &l);
	/* Another agency dates the meeting otherwise: a second event, the same meeting. */
	make_report(&rb, "Summit in Tokyo", 1678951000, "The leaders met.");
	event_list_init(&lb);
	add_event(&lb, "meeting", "043", "2023-02-28", "Kishida and Yoon met", "Fumio Kishida", "JPN",
		  ROLE_PARTICIPANT, "Yoon Suk Yeol", "KOR", ROLE_PARTICIPANT);
	put(f->s, &rb, 0, &lb);
	char *err = NULL;
	int64_t others[] = {3};
	OK(store_event_merge(f->s, 1, others, 1, &anna, &err), "merge");
	assert_int_equal(get(f->s, 3).gone, TL_GONE_MERGED);
	assert_int_equal(get(f->s, 1).n_sources, 2);
	assert_int_equal(timeline_count(f->s), 2);
	int64_t self[] = {1};
	assert_int_not_equal(store_event_merge(f->s, 1, self, 1, &anna, &err), 0);
	free(err);
	err = NULL;
	int64_t missing[] = {77};
	assert_int_equal(store_event_merge(f->s, 1, missing, 1, &anna, &err), 1);

	/* Split: a second event with the same sources. */
	struct store_edit e = {.status = -1, .summary = "Japan agreed to lift its export curbs",
			       .type = "agreement", .cameo = "030"};
	int64_t nid = 0;
	OK(store_event_split(f->s, 2, &e, &anna, &nid, &err), "split");
	struct seen sp = get(f->s, nid);
	assert_string_equal(sp.type, "agreement");
	assert_int_equal(sp.n_sources, 1);
	assert_int_equal(timeline_count(f->s), 3);

	/* An event added by hand, tied to the report, keeps the tie when the
	 * report is replaced by a version that tells nothing. */
	struct event hand;
	memset(&hand, 0, sizeof(hand));
	snprintf(hand.type, sizeof(hand.type), "protest");
	snprintf(hand.cameo, sizeof(hand.cameo), "114");
	hand.date.prec = PREC_UNKNOWN;
	struct event_actor parties[2] = {
		{.name = "China", .code = "CHN", .kind = ACTOR_STATE, .role = ROLE_SOURCE},
		{.name = "Japan", .code = "JPN", .kind = ACTOR_STATE, .role = ROLE_TARGET},
	};
	hand.actors = parties;
	hand.n_actors = 2;
	hand.summary = "China protested to Japan";
	hand.evidence = "Beijing lodged a protest";
	int64_t hid = 0;
	OK(store_event_add(f->s, &hand, rid, &anna, &hid, &err), "add");
	assert_int_equal(store_event_add(f->s, &hand, 555, &anna, &hid, &err), 1);
	struct report r2;
	struct event_list none;
	event_list_init(&none);
	make_report(&r2, "Kishida and Yoon meet", 1678950000, "Corrected: no details.");
	put(f->s, &r2, rid, &none);
	struct seen h = get(f->s, hid);
	assert_int_equal(h.gone, 0);
	assert_int_equal(h.n_sources, 1);
	/* The split copy is a person's event too: it stays; the meeting still
	 * has the second agency's report (and the merged event's). */
	assert_int_equal(get(f->s, nid).gone, 0);
	assert_int_equal(get(f->s, 1).gone, 0);

	long problems = 0;
	OK(store_check(f->s, NULL, NULL, &problems, &err), "check");
	assert_int_equal(problems, 0);
	event_list_release(&l);
	event_list_release(&lb);
	report_release(&r);
	report_release(&rb);
	report_release(&r2);
}

/* Finds the id of the last curation of an event with the given action. */
struct last_action {
	const char *action;
	int64_t id;
};

static int find_action(void *ctx, const struct store_curation *c)
{
	struct last_action *a = ctx;
	if (!strcmp(c->action, a->action))
		a->id = c->id;
	return 0;
}

static void test_undo_of_split_and_merge(void **state)
{
	struct fx *f = *state;
	f->s = open_at(f, 0);
	struct report r;
	struct event_list l;
	two_events(f->s, &r, &l);
	char *err = NULL;
	struct store_edit e = {.status = -1, .summary = "a second condemnation"};
	int64_t nid = 0;
	OK(store_event_split(f->s, 2, &e, &anna, &nid, &err), "split");
	struct last_action a = {"split", 0};
	OK(store_curations_each(f->s, 2, find_action, &a, &err), "curations");
	assert_true(a.id > 0);
	OK(store_curation_undo(f->s, a.id, &anna, NULL, &err), "undo split");
	assert_int_equal(get(f->s, nid).gone, TL_GONE_DELETED);
	assert_int_equal(timeline_count(f->s), 2);

	int64_t others[] = {2};
	OK(store_event_merge(f->s, 1, others, 1, &anna, &err), "merge");
	assert_int_equal(timeline_count(f->s), 1);
	/* Undone from the event that holds it: the merged one comes back. */
	a = (struct last_action){"merge", 0};
	OK(store_curations_each(f->s, 1, find_action, &a, &err), "curations");
	OK(store_curation_undo(f->s, a.id, &anna, NULL, &err), "undo merge");
	assert_int_equal(get(f->s, 2).gone, 0);
	assert_int_equal(timeline_count(f->s), 2);

	/* Tags, notes and verification in the curated view. */
	OK(store_event_tag(f->s, 1, "summit", 1, &anna, NULL, &err), "tag");
	OK(store_event_tag(f->s, 1, "summit", 1, &anna, NULL, &err), "tag again");
	OK(store_event_verify(f->s, 1, 1, &anna, NULL, &err), "verify");
	struct seen m = get(f->s, 1);
	assert_int_equal(m.n_tags, 1);
	assert_int_equal(m.verified, 1);
	OK(store_event_tag(f->s, 1, "summit", 0, &anna, NULL, &err), "untag");
	OK(store_event_verify(f->s, 1, 0, &anna, NULL, &err), "unverify");
	m = get(f->s, 1);
	assert_int_equal(m.n_tags, 0);
	assert_int_equal(m.verified, 0);
	assert_int_equal(store_event_tag(f->s, 1, "", 1, &anna, NULL, &err), -1);
	free(err);
	event_list_release(&l);
	report_release(&r);
}

/* An archive of migration 5 upgraded: its events keep their ids, its
 * reports get text hashes, and curation works on them. */
static void test_upgrade_from_5(void **state)
{
	struct fx *f = *state;
	f->s = open_at(f, 5);
	assert_int_equal(store_version(f->s), 5);
	struct report r;
	struct event_list l;
	two_events(f->s, &r, &l);
	store_close(f->s);
	f->s = open_at(f, 0);
	assert_int_equal(store_version(f->s), store_latest_version());
	assert_string_equal(get(f->s, 2).type, "condemnation");
	char *err = NULL;
	OK(store_event_delete(f->s, 2, &anna, NULL, &err), "delete");
	assert_int_equal(timeline_count(f->s), 1);
	/* The same text again is unchanged: its text hash was filled at the upgrade. */
	enum store_verdict v;
	int64_t existing;
	r.pub_known = PUB_NONE;
	OK(store_classify(f->s, &r, &v, &existing, NULL, &err), "classify");
	assert_int_equal(v, STORE_UNCHANGED);
	long problems = 0;
	OK(store_check(f->s, NULL, NULL, &problems, &err), "check");
	assert_int_equal(problems, 0);
	event_list_release(&l);
	report_release(&r);
}

/* Control characters in a title once cut an event's sources out of every
 * export: rows are packed as JSON now. */
static void test_control_characters_keep_sources(void **state)
{
	struct fx *f = *state;
	f->s = open_at(f, 0);
	struct report r;
	struct event_list l;
	make_report(&r, "Talks\x1e in\x1f Tokyo", 1678950000, "Kishida and Yoon met.");
	event_list_init(&l);
	add_event(&l, "meeting", "043", "2023-03-16", "Japan and South Korea met", "Japan", "JPN",
		  ROLE_PARTICIPANT, "South Korea", "KOR", ROLE_PARTICIPANT);
	put(f->s, &r, 0, &l);
	struct seen m = get(f->s, 1);
	assert_int_equal(m.n_sources, 1);
	assert_string_equal(m.first_title, "Talks\x1e in\x1f Tokyo");
	event_list_release(&l);
	report_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_edit_undo_and_replacement, setup, teardown),
		cmocka_unit_test_setup_teardown(test_merge_split_and_hand_events, setup, teardown),
		cmocka_unit_test_setup_teardown(test_undo_of_split_and_merge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_upgrade_from_5, setup, teardown),
		cmocka_unit_test_setup_teardown(test_control_characters_keep_sources, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
