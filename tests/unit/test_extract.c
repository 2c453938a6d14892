/* Event extraction (ingest/extract.h) on reports built in code: one case for
 * each event type of the typology, modality (planned, negated, questions),
 * dating against the report's own dateline, titles resolved by date,
 * later mentions by surname, persons the dictionary does not know,
 * collective references, reported speech, passives, merging and the year
 * inference for datelines without a year. The sentences are our own about
 * real diplomacy; the shipped dictionaries are used as compiled in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/extract.h"

static struct extractor *X;

static int make_extractor(void **state)
{
	(void)state;
	char *err = NULL;
	if (extractor_new(NULL, 0, &X, &err)) {
		print_message("extractor_new: %s\n", err ? err : "?");
		free(err);
		return -1;
	}
	return 0;
}

static int free_extractor(void **state)
{
	(void)state;
	extractor_free(X);
	X = NULL;
	return 0;
}

/* One report and its events. */
struct run {
	struct report r;
	struct event_list ev;
};

/* A report published at local time y-m-d hh:mm at UTC+tz_min (so that its
 * own day is y-m-d), with its events extracted by x. */
static void extract_with(struct extractor *x, struct run *o, int y, int m, int d, int hh, int mm, int tz_min,
			 const char *title, const char *body)
{
	report_init(&o->r);
	event_list_init(&o->ev);
	assert_int_equal(report_set(&o->r.title, title), 0);
	assert_int_equal(report_set(&o->r.body, body), 0);
	o->r.published = unix_from_civil(y, m, d, hh, mm, 0) - (int64_t)tz_min * 60;
	o->r.pub_known = PUB_TIME;
	o->r.tz_offset_min = tz_min;
	char *err = NULL;
	int rc = extract_events(x, &o->r, &o->ev, &err);
	if (rc)
		print_message("extract_events: %s\n", err ? err : "?");
	assert_int_equal(rc, 0);
}

/* The usual case: a Moscow-time report at 10:10 local. */
static void extract(struct run *o, int y, int m, int d, const char *title, const char *body)
{
	extract_with(X, o, y, m, d, 10, 10, 180, title, body);
}

static void done(struct run *o)
{
	event_list_release(&o->ev);
	report_release(&o->r);
}

static void dump(const struct run *o)
{
	print_message("report: %s | %s\n", o->r.title ? o->r.title : "", o->r.body ? o->r.body : "");
	for (size_t i = 0; i < o->ev.n; i++) {
		const struct event *e = &o->ev.items[i];
		char d[16];
		cdate_format(&e->date, d);
		print_message("  %s %s %s %s/%d:", e->type, e->cameo, event_status_name(e->status), d, e->date.prec);
		for (size_t k = 0; k < e->n_actors; k++)
			print_message(" %s:%s[%s]", actor_role_name(e->actors[k].role),
				      e->actors[k].code ? e->actors[k].code : "-", e->actors[k].name);
		print_message("\n");
	}
	if (!o->ev.n)
		print_message("  (no events)\n");
}

static size_t count_type(const struct run *o, const char *type)
{
	size_t n = 0;
	for (size_t i = 0; i < o->ev.n; i++)
		n += !strcmp(o->ev.items[i].type, type);
	return n;
}

/* The one event of `type`; fails when there is none or more than one. */
static const struct event *only(const struct run *o, const char *type)
{
	if (count_type(o, type) != 1) {
		print_message("expected one %s event\n", type);
		dump(o);
	}
	assert_int_equal(count_type(o, type), 1);
	for (size_t i = 0; i < o->ev.n; i++)
		if (!strcmp(o->ev.items[i].type, type))
			return &o->ev.items[i];
	return NULL;
}

/* The event has type, CAMEO code and status as given. */
static void expect_kind(const struct event *e, const char *cameo, enum event_status status)
{
	assert_string_equal(e->cameo, cameo);
	assert_int_equal(e->status, status);
}

/* The event's date as cdate_format writes it, and its precision. */
static void expect_date(const struct event *e, const char *date, enum date_precision prec)
{
	char d[16];
	cdate_format(&e->date, d);
	if (strcmp(d, date) || e->date.prec != prec)
		print_message("%s event dated '%s' precision %d\n", e->type, d, e->date.prec);
	assert_string_equal(d, date);
	assert_int_equal(e->date.prec, prec);
}

static size_t with_role(const struct event *e, enum actor_role role)
{
	size_t n = 0;
	for (size_t k = 0; k < e->n_actors; k++)
		n += e->actors[k].role == role;
	return n;
}

/* The event has an actor with this code in this role (and this name when
 * `name` is given); returns it. */
static const struct event_actor *expect_party(const struct event *e, const char *code, enum actor_role role,
					      const char *name)
{
	for (size_t k = 0; k < e->n_actors; k++) {
		const struct event_actor *a = &e->actors[k];
		if (a->role == role && a->code && !strcmp(a->code, code) && (!name || !strcmp(a->name, name)))
			return a;
	}
	print_message("%s event has no %s %s%s%s; it has:", e->type, actor_role_name(role), code,
		      name ? " " : "", name ? name : "");
	for (size_t k = 0; k < e->n_actors; k++)
		print_message(" %s:%s[%s]", actor_role_name(e->actors[k].role),
			      e->actors[k].code ? e->actors[k].code : "-", e->actors[k].name);
	print_message("\n");
	fail();
	return NULL;
}

/* A directed event: exactly these source and target codes (NULL: none). */
static void expect_directed(const struct event *e, const char *src, const char *tgt)
{
	assert_int_equal(with_role(e, ROLE_PARTICIPANT), 0);
	if (src) {
		assert_int_equal(with_role(e, ROLE_SOURCE), 1);
		expect_party(e, src, ROLE_SOURCE, NULL);
	}
	if (tgt) {
		assert_int_equal(with_role(e, ROLE_TARGET), 1);
		expect_party(e, tgt, ROLE_TARGET, NULL);
	} else {
		assert_int_equal(with_role(e, ROLE_TARGET), 0);
	}
}

/* A symmetric event: exactly these two participants. */
static void expect_pair(const struct event *e, const char *a, const char *b)
{
	assert_int_equal(with_role(e, ROLE_SOURCE) + with_role(e, ROLE_TARGET), 0);
	assert_int_equal(with_role(e, ROLE_PARTICIPANT), 2);
	expect_party(e, a, ROLE_PARTICIPANT, NULL);
	expect_party(e, b, ROLE_PARTICIPANT, NULL);
}

/* ---- one case per event type ------------------------------------------- */

static void test_phone_call(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2015, 1, 6, NULL,
		"Japanese Foreign Minister Fumio Kishida held telephone talks with U.S. Secretary of State "
		"John Kerry on Monday.");
	const struct event *e = only(&o, "phone_call");
	expect_kind(e, "041", STATUS_OCCURRED);
	expect_pair(e, "JPN", "USA");
	const struct event_actor *a = expect_party(e, "JPN", ROLE_PARTICIPANT, "Fumio Kishida");
	assert_int_equal(a->kind, ACTOR_PERSON);
	assert_string_equal(a->title, "Minister for Foreign Affairs");
	a = expect_party(e, "USA", ROLE_PARTICIPANT, "John Kerry");
	assert_string_equal(a->title, "Secretary of State");
	expect_date(e, "2015-01-05", PREC_DAY);
	/* the evidence is the sentence, at its place in the body */
	assert_non_null(e->evidence);
	assert_non_null(strstr(e->evidence, "telephone talks"));
	assert_int_equal(e->ev_start, 0);
	assert_int_equal(e->ev_end, strlen(o.r.body));
	assert_non_null(e->summary);
	done(&o);
}

static void test_meeting(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2022, 3, 7, NULL,
		"U.S. Secretary of State Antony Blinken met Ukrainian Foreign Minister Dmytro Kuleba at the "
		"Polish border on Saturday.");
	const struct event *e = only(&o, "meeting");
	expect_kind(e, "043", STATUS_OCCURRED);
	expect_pair(e, "USA", "UKR");
	expect_party(e, "USA", ROLE_PARTICIPANT, "Antony Blinken");
	expect_party(e, "UKR", ROLE_PARTICIPANT, "Dmytro Kuleba");
	expect_date(e, "2022-03-05", PREC_DAY);
	done(&o);
	/* "held talks", by surnames of ministers in office on the report's day */
	extract(&o, 2015, 1, 6, NULL, "Lavrov and Kerry held talks in Geneva on Monday.");
	e = only(&o, "meeting");
	expect_kind(e, "043", STATUS_OCCURRED);
	expect_pair(e, "RUS", "USA");
	expect_party(e, "RUS", ROLE_PARTICIPANT, "Sergei Lavrov");
	expect_party(e, "USA", ROLE_PARTICIPANT, "John Kerry");
	expect_date(e, "2015-01-05", PREC_DAY);
	done(&o);
}

static void test_visit(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2023, 6, 20, NULL,
		"Indian Prime Minister Narendra Modi arrived in the United States on Tuesday for a state visit.");
	const struct event *e = only(&o, "visit");
	expect_kind(e, "042", STATUS_OCCURRED);
	/* the visitor is the source, the host the target */
	expect_directed(e, "IND", "USA");
	expect_party(e, "IND", ROLE_SOURCE, "Narendra Modi");
	expect_date(e, "2023-06-20", PREC_DAY);
	done(&o);
}

static void test_negotiation(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2022, 3, 29, NULL,
		"Russian and Ukrainian delegations held a new round of negotiations in Istanbul on Tuesday.");
	const struct event *e = only(&o, "negotiation");
	expect_kind(e, "046", STATUS_OCCURRED);
	expect_pair(e, "RUS", "UKR");
	expect_date(e, "2022-03-29", PREC_DAY);
	done(&o);
}

static void test_agreement_signed(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2020, 9, 15, NULL,
		"Israel and the United Arab Emirates signed a normalisation agreement at the White House on Tuesday.");
	const struct event *e = only(&o, "agreement");
	expect_kind(e, "057", STATUS_OCCURRED);
	/* the White House is where it happened, not a party */
	expect_pair(e, "ISR", "ARE");
	expect_date(e, "2020-09-15", PREC_DAY);
	done(&o);
}

static void test_agreement_verbal(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2015, 12, 28, NULL,
		"Japanese Foreign Minister Fumio Kishida and South Korean Foreign Minister Yun Byung-se reached "
		"an agreement in Seoul on Monday on the issue of women forced to work in Japanese military brothels.");
	const struct event *e = only(&o, "agreement");
	expect_kind(e, "030", STATUS_OCCURRED);
	expect_pair(e, "JPN", "KOR");
	expect_party(e, "KOR", ROLE_PARTICIPANT, "Yun Byung-se");
	expect_date(e, "2015-12-28", PREC_DAY);
	done(&o);
}

static void test_support(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2022, 5, 16, NULL, "Germany welcomed Finland's decision to apply for NATO membership.");
	const struct event *e = only(&o, "support");
	expect_kind(e, "051", STATUS_OCCURRED);
	expect_directed(e, "DEU", "FIN");
	expect_date(e, "2022-05-16", PREC_DAY);
	done(&o);
}

static void test_condemnation(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2017, 9, 4, NULL, "On Sunday, Japan strongly condemned North Korea's sixth nuclear test.");
	const struct event *e = only(&o, "condemnation");
	expect_kind(e, "111", STATUS_OCCURRED);
	expect_directed(e, "JPN", "PRK");
	expect_party(e, "PRK", ROLE_TARGET, "North Korea");
	expect_date(e, "2017-09-03", PREC_DAY);
	done(&o);
}

static void test_accusation(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2019, 2, 2, NULL,
		"The United States accused Russia of violating the Intermediate-Range Nuclear Forces Treaty.");
	const struct event *e = only(&o, "accusation");
	expect_kind(e, "112", STATUS_OCCURRED);
	expect_directed(e, "USA", "RUS");
	expect_date(e, "2019-02-02", PREC_DAY);
	done(&o);
}

static void test_denial(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2018, 3, 14, NULL, "Moscow denied any involvement in the poisoning of a former spy in Salisbury.");
	const struct event *e = only(&o, "denial");
	expect_kind(e, "016", STATUS_OCCURRED);
	/* "Moscow" as the subject stands for Russia */
	expect_party(e, "RUS", ROLE_SOURCE, "Russia");
	assert_int_equal(with_role(e, ROLE_SOURCE), 1);
	done(&o);
}

static void test_denial_targets_the_accuser(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2018, 10, 4, NULL,
		"The Netherlands accused Russia of trying to hack the chemical weapons watchdog in The Hague. "
		"Russia denied the allegations.");
	const struct event *e = only(&o, "accusation");
	expect_directed(e, "NLD", "RUS");
	e = only(&o, "denial");
	expect_kind(e, "016", STATUS_OCCURRED);
	expect_directed(e, "RUS", "NLD");
	done(&o);
}

static void test_rejection_and_veto(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2022, 3, 2, NULL, "Ukraine rejected Russia's proposal to hold talks in Belarus.");
	const struct event *e = only(&o, "rejection");
	expect_kind(e, "120", STATUS_OCCURRED);
	expect_directed(e, "UKR", "RUS");
	done(&o);
	extract(&o, 2022, 2, 26, NULL, "Russia vetoed a draft resolution of the UN Security Council on Ukraine on Friday.");
	e = only(&o, "rejection");
	expect_kind(e, "129", STATUS_OCCURRED);
	expect_party(e, "RUS", ROLE_SOURCE, "Russia");
	assert_int_equal(with_role(e, ROLE_SOURCE), 1);
	expect_date(e, "2022-02-25", PREC_DAY);
	done(&o);
}

static void test_sanctions(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2021, 6, 22, NULL, "The European Union imposed new sanctions on Belarus on Monday.");
	const struct event *e = only(&o, "sanctions");
	expect_kind(e, "163", STATUS_OCCURRED);
	expect_directed(e, "EU", "BLR");
	const struct event_actor *a = expect_party(e, "EU", ROLE_SOURCE, "European Union");
	assert_int_equal(a->kind, ACTOR_ORG);
	expect_date(e, "2021-06-21", PREC_DAY);
	done(&o);
}

static void test_sanctions_relief(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2016, 5, 24, NULL, "The United States lifted its arms embargo on Vietnam on Monday.");
	const struct event *e = only(&o, "sanctions_relief");
	expect_kind(e, "085", STATUS_OCCURRED);
	expect_directed(e, "USA", "VNM");
	expect_date(e, "2016-05-23", PREC_DAY);
	done(&o);
}

static void test_expulsion(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2022, 3, 23, NULL, "Poland expelled 45 Russian diplomats on Wednesday.");
	const struct event *e = only(&o, "expulsion");
	expect_kind(e, "161", STATUS_OCCURRED);
	expect_directed(e, "POL", "RUS");
	expect_date(e, "2022-03-23", PREC_DAY);
	done(&o);
}

static void test_protest(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2023, 8, 25, NULL,
		"China's Foreign Ministry summoned the Japanese ambassador on Thursday over the release of treated "
		"water from the Fukushima nuclear plant.");
	const struct event *e = only(&o, "protest");
	expect_kind(e, "114", STATUS_OCCURRED);
	/* the ministry acts for its state; the ambassador stands for his */
	expect_directed(e, "CHN", "JPN");
	expect_date(e, "2023-08-24", PREC_DAY);
	done(&o);
}

static void test_threat(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2021, 11, 22, NULL,
		"China threatened Lithuania with retaliation over the opening of a Taiwanese representative office.");
	const struct event *e = only(&o, "threat");
	expect_kind(e, "130", STATUS_OCCURRED);
	expect_directed(e, "CHN", "LTU");
	done(&o);
	/* A threat without a verb of threatening, its target left open. */
	extract(&o, 2019, 8, 6, NULL,
		"Pakistan's army chief said on Tuesday that the military was ready to go to any length to defend "
		"its positions.");
	e = only(&o, "threat");
	expect_kind(e, "130", STATUS_OCCURRED);
	assert_non_null(expect_party(e, "PAK", ROLE_SOURCE, NULL));
	expect_date(e, "2019-08-06", PREC_DAY);
	done(&o);
}

static void test_appeal(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2022, 3, 1, NULL,
		"UN Secretary-General Antonio Guterres urged Russia to withdraw its troops from Ukraine.");
	const struct event *e = only(&o, "appeal");
	expect_kind(e, "100", STATUS_OCCURRED);
	expect_directed(e, "UN", "RUS");
	/* the canonical name, and the organisation he acts for */
	const struct event_actor *a = expect_party(e, "UN", ROLE_SOURCE, "António Guterres");
	assert_int_equal(a->kind, ACTOR_PERSON);
	done(&o);
}

/* ---- modality ---------------------------------------------------------- */

static void test_planned_visit(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2015, 1, 6, NULL, "Japanese Foreign Minister Fumio Kishida will visit Russia next month.");
	const struct event *e = only(&o, "visit");
	expect_kind(e, "042", STATUS_PLANNED);
	expect_directed(e, "JPN", "RUS");
	expect_date(e, "2015-02", PREC_MONTH);
	done(&o);
	/* a capital as the object of "visit" is its state */
	extract(&o, 2015, 1, 6, NULL, "Japanese Foreign Minister Fumio Kishida will visit Moscow next month.");
	e = only(&o, "visit");
	expect_kind(e, "042", STATUS_PLANNED);
	expect_directed(e, "JPN", "RUS");
	done(&o);
}

static void test_negated_meeting(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2015, 1, 6, NULL,
		"Secretary of State John Kerry did not meet Russian Foreign Minister Sergei Lavrov during his stay "
		"in Geneva.");
	const struct event *e = only(&o, "meeting");
	expect_kind(e, "043", STATUS_NEGATED);
	expect_pair(e, "USA", "RUS");
	done(&o);
}

/* A plan the sentence says was dropped did not happen; one dropped thing
 * told in a relative clause leaves the plan a plan. */
/* "agreed to launch negotiations ... when Modi visited Tokyo in September
 * 2014": the when-clause dates the agreement past the event words between. */
static void test_when_clause_dates_agreement(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2015, 6, 2, "Japan, India near nuclear deal",
		"Officials recalled that India and Japan agreed to launch negotiations on a civil nuclear "
		"accord when Indian Prime Minister Narendra Modi visited Japan in September 2014.");
	const struct event *e = only(&o, "agreement");
	expect_pair(e, "IND", "JPN");
	expect_date(e, "2014-09", PREC_MONTH);
	done(&o);
}

/* A plan and its fulfilment told in one sentence are one event, as it
 * happened, dated by "later that month". */
static void test_plan_fulfilled_in_sentence(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2024, 7, 8, "Japan, Philippines sign defence pact",
		"The ministers noted that Japan and the Philippines agreed to open negotiations on the pact "
		"when Prime Minister Fumio Kishida visited Manila in November 2023, and that the negotiations "
		"began in Tokyo later that month.");
	const struct event *e = only(&o, "negotiation");
	expect_kind(e, "046", STATUS_OCCURRED);
	expect_pair(e, "JPN", "PHL");
	expect_date(e, "2023-11", PREC_MONTH);
	e = only(&o, "agreement");
	expect_date(e, "2023-11", PREC_MONTH);
	done(&o);
	/* A plan told after the event, for another time, is another event. */
	extract(&o, 2022, 1, 22, "Lavrov, Blinken meet in Geneva",
		"Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State Antony Blinken in Geneva on "
		"Friday, and the two agreed to meet again next week.");
	assert_int_equal(count_type(&o, "meeting"), 2);
	done(&o);
	/* "and that" without a reported clause before it is no clause break. */
	extract(&o, 2022, 2, 28, "Allies condemn Russia",
		"The United States and that country's allies in Europe condemned Russia on Monday.");
	assert_int_equal(count_type(&o, "condemnation"), 1);
	done(&o);
	/* Without the fulfilment the plan stays a plan. */
	extract(&o, 2024, 7, 8, "Japan, Philippines to negotiate pact",
		"Japan and the Philippines agreed on Monday to open negotiations on a defence pact.");
	e = only(&o, "negotiation");
	expect_kind(e, "046", STATUS_PLANNED);
	done(&o);
}

/* "Prior to the meeting, ... paid a courtesy call on ...": another meeting
 * than the one it is told against. */
static void test_meeting_beside_another(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2024, 7, 8, "Japan-Philippines Foreign and Defense Ministerial Meeting",
		"On July 8, Minister for Foreign Affairs KAMIKAWA Yoko and Minister of Defense KIHARA Minoru "
		"held the Japan-Philippines Foreign and Defense Ministerial Meeting in Manila with Secretary of "
		"Foreign Affairs Enrique Manalo and Secretary of National Defense Gilberto Teodoro.\n\n"
		"The ministers welcomed the signing of the Reciprocal Access Agreement in the presence of "
		"President Ferdinand R. Marcos Jr. earlier in the day.\n\n"
		"Prior to the meeting, Minister Kamikawa and Minister Kihara paid a joint courtesy call on "
		"President Marcos.");
	/* "President Marcos" is Ferdinand Marcos Jr.: a suffix is no surname. */
	assert_int_equal(count_type(&o, "meeting"), 2);
	done(&o);
}

/* ", freezing their assets and banning them from travel to the bloc": the
 * participle tells more of the act before it, dated with it; travel barred
 * is no visit; "the next day" in the sentence after counts from its day. */
static void test_participle_and_next_day(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2021, 4, 14, "EU sanctions Iranian officials",
		"BRUSSELS, April 14 (Reuters) - The European Union on Monday imposed sanctions on eight Iranian "
		"security officials over the crackdown on protests in 2019, freezing their assets and banning "
		"them from travel to the bloc.\n\n"
		"Iran summoned the ambassadors of Germany, France and Italy in Tehran the next day, state media "
		"reported.");
	const struct event *e = only(&o, "sanctions");
	expect_directed(e, "EU", "IRN");
	expect_date(e, "2021-04-12", PREC_DAY);
	assert_int_equal(count_type(&o, "visit"), 0);
	e = only(&o, "protest");
	expect_date(e, "2021-04-13", PREC_DAY);
	done(&o);
}

/* "the first visit to Japan by a South Korean president": the noun's agent,
 * after its object, is the visitor. */
static void test_visit_by_agent(void **state)
{
	/* "called off a planned visit by X to Y": X's visit, which did not happen. */
	{
		struct run o;
		extract(&o, 2023, 1, 21, "Turkey summons Swedish envoy",
			"ANKARA, Jan 21 (AFP) - Turkey called off a planned visit by Swedish Defence Minister "
			"Pal Jonson to Ankara next week.");
		const struct event *e = only(&o, "visit");
		expect_kind(e, "042", STATUS_NEGATED);
		expect_directed(e, "SWE", "TUR");
		done(&o);
	}
	(void)state;
	struct run o;
	extract(&o, 2023, 3, 16, "Yoon in Tokyo",
		"TOKYO, March 16 (Kyodo) -- Prime Minister Fumio Kishida hosted Yoon Suk Yeol on Thursday. It was the first visit to "
		"Japan by a South Korean president in 12 years.");
	const struct event *e = only(&o, "visit");
	expect_directed(e, "KOR", "JPN");
	done(&o);
}

/* "Chisinau's decision last week to expel a Russian diplomat": the
 * decision's own date dates what it decided. */
static void test_decision_dated(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2023, 8, 2, "Moscow answers Chisinau",
		"MOSCOW, August 2. /TASS/. Moscow has responded to Chisinau's decision last week to expel a "
		"Russian diplomat, the Russian Foreign Ministry said on Wednesday.");
	const struct event *e = only(&o, "expulsion");
	expect_directed(e, "MDA", "RUS");
	expect_date(e, "2023-07", PREC_MONTH);
	done(&o);
}

/* "a state visit to": a topic of the dictionary, and a visit all the same. */
/* "condemned the attacks on Indian diplomatic facilities": India was
 * struck, not condemned; "Russia's attack on Ukraine" still names Russia. */
static void test_attack_victim_not_target(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2023, 6, 12, "Blinken condemns attacks",
		"Secretary of State Antony Blinken condemned the recent attacks on Indian diplomatic "
		"facilities abroad.");
	const struct event *e = only(&o, "condemnation");
	assert_int_equal(with_role(e, ROLE_TARGET), 0);
	done(&o);
	extract(&o, 2022, 2, 24, "Britain condemns Russia",
		"British Prime Minister Boris Johnson condemned Russia's attack on Ukraine.");
	e = only(&o, "condemnation");
	expect_directed(e, "GBR", "RUS");
	done(&o);
}

/* "would have condemned": what did not happen is no event. */
static void test_counterfactual(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2022, 9, 30, "Russia vetoes resolution",
		"UNITED NATIONS (AP) - Russia on Friday vetoed a U.N. Security Council resolution that would "
		"have condemned its annexation of four Ukrainian regions.");
	assert_int_equal(count_type(&o, "condemnation"), 0);
	const struct event *e = only(&o, "rejection");
	expect_party(e, "RUS", ROLE_SOURCE, NULL);
	done(&o);
}

/* A readout's "received a courtesy call from" the ambassador of a state. */
static void test_courtesy_call_received(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2024, 3, 5, "Foreign Minister receives Australian Ambassador",
		"On March 5, Ms. KAMIKAWA Yoko, Minister for Foreign Affairs, received a courtesy call from "
		"H.E. Mr. Justin Hayhurst, Ambassador of Australia to Japan.");
	const struct event *e = only(&o, "meeting");
	expect_pair(e, "JPN", "AUS");
	expect_date(e, "2024-03-05", PREC_DAY);
	done(&o);
}

/* "agreed to deepen ... and signed a joint statement": the past verb after
 * "and" does not share the plan of the infinitive before it. */
static void test_past_verb_after_and(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2023, 4, 6, "Xi, Macron hold talks",
		"BEIJING, April 6 (Xinhua) -- Chinese President Xi Jinping and French President Emmanuel Macron "
		"agreed to deepen cooperation in aviation, agriculture and civil nuclear energy, and signed a "
		"joint statement after their talks on Thursday.");
	for (size_t i = 0; i < o.ev.n; i++)
		if (!strcmp(o.ev.items[i].type, "agreement"))
			assert_int_equal(o.ev.items[i].status, STATUS_OCCURRED);
	assert_true(count_type(&o, "agreement") >= 1);
	done(&o);
	/* Nor the modal of the verb before "and": "would respond ... and accused". */
	extract(&o, 2023, 2, 22, "Iran answers Germany",
		"Iran's foreign ministry said it would respond in kind and accused Berlin of interfering in "
		"its judicial affairs.");
	const struct event *e = only(&o, "accusation");
	expect_kind(e, "112", STATUS_OCCURRED);
	expect_directed(e, "IRN", "DEU");
	done(&o);
}

/* "rejected criticism from the Group of Seven" is a denial aimed at the
 * critics; "summit host Japan" names the host, not a summit of the report. */
static void test_rejected_criticism(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2023, 5, 22, "China rejects G7 criticism",
		"BEIJING, May 22 (Reuters) - China on Monday rejected criticism from the Group of Seven over "
		"Taiwan and said it had lodged a strong protest with summit host Japan.");
	const struct event *e = only(&o, "denial");
	expect_directed(e, "CHN", "G7");
	assert_int_equal(count_type(&o, "meeting"), 0);
	done(&o);
}

static void test_state_visit(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2023, 6, 12, "India-US ties",
		"WASHINGTON, June 12 (Reuters) - Indian Prime Minister Narendra Modi will pay a state visit to "
		"the United States later this month.");
	const struct event *e = only(&o, "visit");
	expect_kind(e, "042", STATUS_PLANNED);
	expect_directed(e, "IND", "USA");
	expect_date(e, "2023-06", PREC_MONTH);
	done(&o);
	/* The topic's own words still name no actor: "the South China Sea" is
	 * not China. */
	extract(&o, 2023, 8, 7, "Manila protests",
		"MANILA, Aug 7 (Reuters) - The Philippines lodged a diplomatic protest on Monday over incidents "
		"near Second Thomas Shoal in the South China Sea.");
	e = only(&o, "protest");
	assert_int_equal(with_role(e, ROLE_TARGET), 0);
	done(&o);
	/* Told in the past, the visit "later this month" is still a plan; the
	 * minister's honorific is not his name. */
	extract(&o, 2023, 6, 12, "Blinken calls Jaishankar",
		"Secretary of State Antony Blinken spoke today with Indian External Affairs Minister Dr. S. "
		"Jaishankar to discuss preparations for Prime Minister Modi's official state visit to the "
		"United States later this month.");
	e = only(&o, "visit");
	expect_kind(e, "042", STATUS_PLANNED);
	expect_directed(e, "IND", "USA");
	e = only(&o, "phone_call");
	assert_non_null(expect_party(e, "IND", ROLE_PARTICIPANT, "S. Jaishankar"));
	done(&o);
}

static void test_plan_called_off(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2021, 4, 18, NULL,
		"Czech Foreign Minister Jakub Kulhanek had been scheduled to travel to Moscow on Monday, "
		"but cancelled the trip.");
	const struct event *e = only(&o, "visit");
	expect_kind(e, "042", STATUS_NEGATED);
	expect_directed(e, "CZE", "RUS");
	expect_date(e, "2021-04-19", PREC_DAY);
	done(&o);
	extract(&o, 2015, 1, 6, NULL,
		"Japanese Foreign Minister Fumio Kishida will visit Moscow next month to make up for talks that "
		"were cancelled in November.");
	e = only(&o, "visit");
	expect_kind(e, "042", STATUS_PLANNED);
	done(&o);
	extract(&o, 2015, 1, 6, NULL,
		"Japanese Foreign Minister Fumio Kishida will visit Moscow next month, but a meeting with "
		"President Vladimir Putin was cancelled.");
	e = only(&o, "visit");
	expect_kind(e, "042", STATUS_PLANNED);
	done(&o);
	extract(&o, 2015, 1, 6, NULL,
		"Japanese Foreign Minister Fumio Kishida was to visit Moscow next month, but the trip was called off.");
	e = only(&o, "visit");
	expect_kind(e, "042", STATUS_NEGATED);
	done(&o);
}

/* A pledge to refrain from an act is no event of that act; having
 * refrained is a negated one. */
static void test_pledge_to_refrain(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2015, 12, 28, NULL,
		"Japan and South Korea agreed to refrain from criticizing each other at the United Nations.");
	assert_int_equal(count_type(&o, "condemnation"), 0);
	done(&o);
	extract(&o, 2015, 12, 28, NULL, "Japan refrained from criticizing South Korea at the United Nations.");
	const struct event *e = only(&o, "condemnation");
	expect_kind(e, "111", STATUS_NEGATED);
	done(&o);
}

/* "its decision to suspend trade", told on the day of an appeal, is the
 * decision already reported, with its own day. */
static void test_decision_told_again(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2019, 8, 8, NULL,
		"Pakistan suspended bilateral trade with India on Wednesday. India on Thursday urged Pakistan "
		"to reconsider its decision to recall its envoy and suspend bilateral trade.");
	const struct event *e = only(&o, "sanctions");
	expect_directed(e, "PAK", "IND");
	expect_date(e, "2019-08-07", PREC_DAY);
	done(&o);
}

/* The next leg of a visit under way is that visit; a visit months later
 * is another. */
static void test_visit_legs(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2016, 5, 23, NULL,
		"U.S. President Barack Obama arrived in Hanoi on Sunday for a three-day visit to Vietnam. "
		"He will travel to Ho Chi Minh City on Tuesday.");
	const struct event *e = only(&o, "visit");
	expect_kind(e, "042", STATUS_OCCURRED);
	expect_directed(e, "USA", "VNM");
	expect_date(e, "2016-05-22", PREC_DAY);
	done(&o);
	extract(&o, 2016, 5, 23, NULL,
		"U.S. President Barack Obama arrived in Hanoi on Sunday for a three-day visit to Vietnam. "
		"He will visit Vietnam again in December.");
	assert_int_equal(count_type(&o, "visit"), 2);
	done(&o);
}

/* "moving to" plans; "as early as next month" later in the sentence dates
 * the plan; taking a state off a list of trusted partners is a sanction. */
static void test_plan_dated_as_early_as(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2019, 7, 19, NULL,
		"Japan is moving to remove South Korea from its whitelist of trusted trading partners, a step "
		"that could come as early as next month.");
	const struct event *e = only(&o, "sanctions");
	expect_kind(e, "163", STATUS_PLANNED);
	expect_directed(e, "JPN", "KOR");
	expect_date(e, "2019-08", PREC_MONTH);
	done(&o);
}

/* "condemned the move": the author of the act told before is the target;
 * without such words the target stays unknown. */
static void test_condemned_the_move(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2008, 8, 27, NULL,
		"Russia expelled two Georgian diplomats on Tuesday. Georgia condemned the move.");
	const struct event *e = only(&o, "condemnation");
	expect_directed(e, "GEO", "RUS");
	done(&o);
	/* The same with a paragraph after it. */
	extract(&o, 2008, 8, 27, NULL,
		"Russia expelled two Georgian diplomats on Tuesday. Georgia condemned the move.\n\n"
		"Talks between the two countries are not expected soon.");
	e = only(&o, "condemnation");
	expect_directed(e, "GEO", "RUS");
	done(&o);
	extract(&o, 2008, 8, 27, NULL,
		"Russia expelled two Georgian diplomats on Tuesday. Georgia condemned the violence in the region.");
	e = only(&o, "condemnation");
	for (size_t i = 0; i < e->n_actors; i++)
		assert_int_not_equal(e->actors[i].role, ROLE_TARGET);
	done(&o);
}

/* A measure with no target of its own follows the same measure told
 * before; with none before, it is aimed at the report's main state. */
static void test_measure_of_their_own(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2022, 12, 2, NULL,
		"South Korea imposed sanctions on eight North Korean officials on Friday. South Korea said the "
		"measures were its first. The United States and Japan announced sanctions of their own on the "
		"same day.");
	assert_int_equal(count_type(&o, "sanctions"), 2);
	for (size_t i = 0; i < o.ev.n; i++)
		if (!strcmp(o.ev.items[i].type, "sanctions"))
			assert_non_null(expect_party(&o.ev.items[i], "PRK", ROLE_TARGET, NULL));
	done(&o);
}

/* The pluperfect tells of an earlier time: without a date of its own the
 * event is not given the report's day. */
static void test_pluperfect_not_report_day(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2021, 9, 17, NULL,
		"Australia scrapped the submarine deal it had agreed with France.");
	const struct event *e = only(&o, "agreement");
	expect_date(e, "", PREC_UNKNOWN);
	done(&o);
	extract(&o, 2021, 9, 17, NULL, "Australia and France agreed to build twelve submarines.");
	e = only(&o, "agreement");
	expect_date(e, "2021-09-17", PREC_DAY);
	done(&o);
}

/* The summit where two leaders met is the venue, not a third party. */
static void test_summit_is_venue(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2022, 11, 14, NULL,
		"President Joe Biden and Chinese President Xi Jinping met on Monday on the sidelines of the "
		"Group of 20 summit in Bali.");
	const struct event *e = only(&o, "meeting");
	assert_int_equal(e->n_actors, 2);
	expect_pair(e, "USA", "CHN");
	done(&o);
}

/* Summaries write organisations as English does: "the" before a name
 * written out, none before a one-word name. */
static void test_summary_articles(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2023, 4, 4, NULL, "Russia threatened the North Atlantic Treaty Organization with countermeasures.");
	const struct event *e = only(&o, "threat");
	assert_string_equal(e->summary, "Russia threatened the North Atlantic Treaty Organization");
	done(&o);
	extract(&o, 2023, 4, 4, NULL, "UNICEF condemned the attack on a school in Gaza by Israel.");
	e = only(&o, "condemnation");
	assert_non_null(strstr(e->summary, "UNICEF"));
	assert_null(strstr(e->summary, "the UNICEF"));
	done(&o);
	/* What was agreed does not end on a word that needs another. */
	extract(&o, 2016, 12, 16, NULL,
		"Russian and Japanese ministries signed several dozen documents during the visit.");
	e = only(&o, "agreement");
	size_t n = strlen(e->summary);
	assert_true(n > 9 && !strcmp(e->summary + n - 9, "documents"));
	done(&o);
}

/* A verb joined to an earlier one shares its modal: what the United States
 * "must stop ... and lift" is no act of lifting. */
static void test_coordinated_modal(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2023, 6, 19, NULL,
		"Wang Yi said the United States must stop hyping the so-called China threat and lift sanctions "
		"on Chinese companies.");
	assert_int_equal(count_type(&o, "sanctions_relief"), 0);
	done(&o);
}

/* An act of "other countries that had expelled ..." is not the speaker's. */
static void test_relative_clause_of_others(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2018, 3, 29, NULL,
		"Sergei Lavrov said Russia was studying the cases of countries that had expelled Russian diplomats.");
	assert_int_equal(count_type(&o, "expulsion"), 0);
	done(&o);
	extract(&o, 2018, 3, 29, NULL, "Russia expelled 23 British diplomats on Thursday.");
	const struct event *e = only(&o, "expulsion");
	expect_directed(e, "RUS", "GBR");
	done(&o);
}

/* "the secretary", lower-case, is the person named last with that title,
 * not everyone in play. */
static void test_the_secretary(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2023, 6, 19, NULL,
		"U.S. Secretary of State Antony Blinken met Chinese President Xi Jinping on Monday. On Sunday, "
		"the secretary met Foreign Minister Qin Gang.");
	assert_int_equal(count_type(&o, "meeting"), 2);
	int sunday = 0;
	for (size_t i = 0; i < o.ev.n; i++) {
		const struct event *e = &o.ev.items[i];
		char d[16];
		cdate_format(&e->date, d);
		if (strcmp(e->type, "meeting") || strcmp(d, "2023-06-18"))
			continue;
		sunday++;
		assert_int_equal(e->n_actors, 2);
		assert_non_null(expect_party(e, "USA", ROLE_PARTICIPANT, "Antony Blinken"));
		assert_non_null(expect_party(e, "CHN", ROLE_PARTICIPANT, "Qin Gang"));
	}
	assert_int_equal(sunday, 1);
	done(&o);
}

/* "was told to ...": a request to the subject, by whoever acted before;
 * the places of the request are not its parties. */
static void test_told_to_passive(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2021, 4, 18, NULL,
		"Russia expelled 20 Czech diplomats on Sunday. Czech Ambassador Vitezslav Pivonka was summoned "
		"to the ministry. The Czech side was also told to reduce its embassy staff in Moscow.");
	const struct event *e = only(&o, "appeal");
	expect_directed(e, "RUS", "CZE");
	assert_int_equal(with_role(e, ROLE_TARGET), 1);
	done(&o);
}

/* ", claiming that ...": the claim is made by whoever acted earlier in the
 * sentence. */
static void test_claiming_participle(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2021, 4, 18, NULL,
		"On Saturday, the Czech Republic announced the expulsion of 18 Russian diplomats, claiming that "
		"there was a well-founded suspicion that Russian military intelligence officers had been involved "
		"in the explosions.");
	const struct event *e = only(&o, "accusation");
	expect_directed(e, "CZE", "RUS");
	done(&o);
}

static void test_question_is_no_event(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2015, 1, 6, NULL, "Will Japan and China hold a summit this year?");
	if (o.ev.n)
		dump(&o);
	assert_int_equal(o.ev.n, 0);
	done(&o);
}

/* ---- dates ------------------------------------------------------------- */

/* The one phone call of a Kishida-Kerry report of Tuesday 6 January 2015
 * whose body is `body`, dated `date` at `prec`. */
static void expect_call_dated(const char *body, const char *date, enum date_precision prec)
{
	struct run o;
	extract(&o, 2015, 1, 6, NULL, body);
	const struct event *e = only(&o, "phone_call");
	expect_pair(e, "JPN", "USA");
	expect_date(e, date, prec);
	done(&o);
}

static void test_explicit_day(void **state)
{
	(void)state;
	expect_call_dated("Japanese Foreign Minister Fumio Kishida spoke by phone with U.S. Secretary of State "
			  "John Kerry on 2 January.",
			  "2015-01-02", PREC_DAY);
	expect_call_dated("Kishida and Kerry spoke by phone on January 2.", "2015-01-02", PREC_DAY);
}

static void test_past_weekday(void **state)
{
	(void)state;
	/* The report is of Tuesday: "on Friday" is the Friday before it,
	 * "on Tuesday" the report's own day. */
	expect_call_dated("Kishida and Kerry spoke by phone on Friday.", "2015-01-02", PREC_DAY);
	expect_call_dated("Kishida and Kerry spoke by phone on Tuesday.", "2015-01-06", PREC_DAY);
}

static void test_future_weekday(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2015, 1, 6, NULL, "Kishida will visit Beijing on Friday.");
	const struct event *e = only(&o, "visit");
	expect_kind(e, "042", STATUS_PLANNED);
	expect_directed(e, "JPN", "CHN");
	expect_date(e, "2015-01-09", PREC_DAY);
	done(&o);
}

static void test_relative_days_months_seasons(void **state)
{
	(void)state;
	expect_call_dated("Kishida and Kerry spoke by phone yesterday.", "2015-01-05", PREC_DAY);
	expect_call_dated("Kishida and Kerry spoke by phone last month.", "2014-12", PREC_MONTH);
	struct run o;
	extract(&o, 2015, 1, 6, NULL, "Kishida visited Myanmar last summer.");
	const struct event *e = only(&o, "visit");
	expect_directed(e, "JPN", "MMR");
	expect_date(e, "2014-06", PREC_SEASON);
	done(&o);
}

static void test_undated_event_takes_the_report_date(void **state)
{
	(void)state;
	expect_call_dated("Kishida and Kerry spoke by phone.", "2015-01-06", PREC_DAY);
}

static void test_report_day_is_the_local_day(void **state)
{
	(void)state;
	/* 01:30 on Tuesday in Moscow is still Monday in UTC: the report's day,
	 * and so its "Tuesday", are Moscow's. */
	struct run o;
	extract_with(X, &o, 2015, 1, 6, 1, 30, 180, NULL, "Kishida and Kerry spoke by phone on Tuesday.");
	expect_date(only(&o, "phone_call"), "2015-01-06", PREC_DAY);
	done(&o);
	extract_with(X, &o, 2015, 1, 6, 1, 30, 180, NULL, "Kishida and Kerry spoke by phone.");
	expect_date(only(&o, "phone_call"), "2015-01-06", PREC_DAY);
	done(&o);
}

/* ---- actors ------------------------------------------------------------ */

static void test_title_resolved_by_report_date(void **state)
{
	(void)state;
	static const char body[] = "Russian Foreign Minister Sergei Lavrov held talks with the U.S. Secretary of State "
				   "in Geneva on Monday.";
	struct run o;
	extract(&o, 2015, 1, 6, NULL, body);
	const struct event *e = only(&o, "meeting");
	expect_party(e, "USA", ROLE_PARTICIPANT, "John Kerry");
	expect_party(e, "RUS", ROLE_PARTICIPANT, "Sergei Lavrov");
	expect_date(e, "2015-01-05", PREC_DAY);
	done(&o);
	extract(&o, 2022, 3, 1, NULL, body);
	e = only(&o, "meeting");
	expect_party(e, "USA", ROLE_PARTICIPANT, "Antony Blinken");
	expect_date(e, "2022-02-28", PREC_DAY);
	done(&o);
}

static void test_surname_after_first_mention(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2015, 1, 6, NULL,
		"Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State John Kerry in Geneva on Monday. "
		"On Tuesday Lavrov met Ukrainian Foreign Minister Pavlo Klimkin in Berlin.");
	assert_int_equal(count_type(&o, "meeting"), 2);
	const struct event *first = &o.ev.items[0], *second = &o.ev.items[1];
	if (strcmp(first->type, "meeting") || strcmp(second->type, "meeting"))
		dump(&o);
	assert_string_equal(first->type, "meeting");
	expect_pair(first, "RUS", "USA");
	expect_date(first, "2015-01-05", PREC_DAY);
	expect_pair(second, "RUS", "UKR");
	expect_party(second, "RUS", ROLE_PARTICIPANT, "Sergei Lavrov");
	expect_party(second, "UKR", ROLE_PARTICIPANT, "Pavlo Klimkin");
	expect_date(second, "2015-01-06", PREC_DAY);
	done(&o);
}

static void test_new_person_of_a_state(void **state)
{
	(void)state;
	/* Not in the dictionary: a person of Indonesia by the adjective before
	 * the title, found again later by surname. */
	struct run o;
	extract(&o, 2021, 3, 10, NULL,
		"Indonesian deputy foreign minister Mahendra Siregar arrived in Australia on Monday. "
		"On Tuesday Siregar met Australian Foreign Minister Marise Payne in Canberra.");
	const struct event *e = only(&o, "visit");
	expect_directed(e, "IDN", "AUS");
	const struct event_actor *a = expect_party(e, "IDN", ROLE_SOURCE, "Mahendra Siregar");
	assert_int_equal(a->kind, ACTOR_PERSON);
	assert_non_null(a->title);
	assert_non_null(strstr(a->title, "foreign minister"));
	expect_date(e, "2021-03-08", PREC_DAY);
	e = only(&o, "meeting");
	expect_pair(e, "IDN", "AUS");
	expect_party(e, "IDN", ROLE_PARTICIPANT, "Mahendra Siregar");
	expect_party(e, "AUS", ROLE_PARTICIPANT, "Marise Payne");
	expect_date(e, "2021-03-09", PREC_DAY);
	done(&o);
	/* "junior" keeps the state of the adjective before it */
	extract(&o, 2018, 1, 10, NULL,
		"British junior foreign minister Alistair Burt met Iranian Foreign Minister Mohammad Javad Zarif in "
		"Tehran on Tuesday.");
	e = only(&o, "meeting");
	expect_pair(e, "GBR", "IRN");
	a = expect_party(e, "GBR", ROLE_PARTICIPANT, "Alistair Burt");
	assert_int_equal(a->kind, ACTOR_PERSON);
	assert_non_null(strstr(a->title, "junior foreign minister"));
	expect_date(e, "2018-01-09", PREC_DAY);
	done(&o);
}

static void test_collective_reference(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2015, 1, 6, NULL,
		"Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State John Kerry in Geneva on Monday. "
		"The two ministers agreed to keep in contact on Ukraine.");
	const struct event *e = only(&o, "agreement");
	expect_kind(e, "030", STATUS_OCCURRED);
	expect_pair(e, "RUS", "USA");
	expect_party(e, "RUS", ROLE_PARTICIPANT, "Sergei Lavrov");
	expect_party(e, "USA", ROLE_PARTICIPANT, "John Kerry");
	done(&o);
	extract(&o, 2015, 1, 6, NULL,
		"Japanese Foreign Minister Fumio Kishida and U.S. Secretary of State John Kerry met in Washington "
		"on Monday. The two ministers condemned the cyber attack on Sony Pictures.");
	e = only(&o, "condemnation");
	expect_party(e, "JPN", ROLE_SOURCE, "Fumio Kishida");
	expect_party(e, "USA", ROLE_SOURCE, "John Kerry");
	done(&o);
}

static void test_reported_speech(void **state)
{
	(void)state;
	/* The speaker reports; the state he speaks of acts. */
	struct run o;
	extract(&o, 2017, 9, 4, NULL,
		"Chief Cabinet Secretary Yoshihide Suga said Japan strongly condemns North Korea's nuclear test.");
	const struct event *e = only(&o, "condemnation");
	expect_directed(e, "JPN", "PRK");
	expect_party(e, "JPN", ROLE_SOURCE, "Japan");
	done(&o);
	/* A quotation: its speaker acts. */
	extract(&o, 2016, 1, 6, NULL,
		"Japanese Prime Minister Shinzo Abe said: \"We strongly condemn North Korea's nuclear test.\"");
	e = only(&o, "condemnation");
	expect_directed(e, "JPN", "PRK");
	expect_party(e, "JPN", ROLE_SOURCE, "Shinzo Abe");
	done(&o);
	extract(&o, 2016, 1, 6, NULL,
		"\xE2\x80\x9CWe strongly condemn this nuclear test,\xE2\x80\x9D Japanese Prime Minister Shinzo Abe "
		"told reporters.");
	e = only(&o, "condemnation");
	expect_party(e, "JPN", ROLE_SOURCE, "Shinzo Abe");
	done(&o);
}

static void test_passive(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2017, 9, 4, NULL, "North Korea's nuclear test was condemned by China and Russia.");
	const struct event *e = only(&o, "condemnation");
	assert_int_equal(with_role(e, ROLE_SOURCE), 2);
	expect_party(e, "CHN", ROLE_SOURCE, NULL);
	expect_party(e, "RUS", ROLE_SOURCE, NULL);
	assert_int_equal(with_role(e, ROLE_TARGET), 1);
	expect_party(e, "PRK", ROLE_TARGET, NULL);
	done(&o);
	extract(&o, 2016, 1, 6, NULL, "South Korea was accused by North Korea of spreading propaganda.");
	e = only(&o, "accusation");
	expect_directed(e, "PRK", "KOR");
	done(&o);
}

/* ---- merging ----------------------------------------------------------- */

static void test_same_event_told_twice_is_one(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2015, 1, 6, NULL,
		"Lavrov met Kerry in Geneva on Monday. The meeting on Monday lasted three hours.");
	const struct event *e = only(&o, "meeting");
	expect_pair(e, "RUS", "USA");
	expect_date(e, "2015-01-05", PREC_DAY);
	/* the first telling is the evidence */
	assert_non_null(e->evidence);
	assert_non_null(strstr(e->evidence, "Lavrov met Kerry"));
	assert_int_equal(o.ev.n, 1);
	done(&o);
}

static void test_headline_and_body_are_one_event(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2015, 1, 6, "Lavrov and Kerry meet in Geneva",
		"Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State John Kerry in Geneva on Monday.");
	const struct event *e = only(&o, "meeting");
	expect_pair(e, "RUS", "USA");
	expect_date(e, "2015-01-05", PREC_DAY);
	/* the body's sentence is the evidence */
	assert_non_null(e->evidence);
	assert_non_null(strstr(e->evidence, "Sergei Lavrov met"));
	assert_true(e->ev_end > e->ev_start);
	done(&o);
}

static void test_two_events_of_one_report(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2015, 1, 6, NULL,
		"Japan and South Korea held a round of negotiations on a fisheries deal on Monday. "
		"Tokyo and Seoul agreed to continue the talks.");
	const struct event *e = only(&o, "negotiation");
	expect_pair(e, "JPN", "KOR");
	expect_date(e, "2015-01-05", PREC_DAY);
	e = only(&o, "agreement");
	expect_pair(e, "JPN", "KOR");
	done(&o);
}

/* ---- year inference ---------------------------------------------------- */

/* A report whose dateline said "Dec. 28" and nothing more. */
static void undated_report(struct report *r, const char *title, const char *body)
{
	report_init(r);
	assert_int_equal(report_set(&r->title, title), 0);
	assert_int_equal(report_set(&r->body, body), 0);
	r->pub_known = PUB_NONE;
	r->undated_month = 12;
	r->undated_day = 28;
}

static void test_infer_year_from_office_holders_and_weekday(void **state)
{
	(void)state;
	/* Kishida and Yun were both foreign ministers from 2013 to 2016; of
	 * those years only in 2015 was 28 December a Monday. */
	struct report r;
	undated_report(&r, "Japan, South Korea settle wartime brothel issue",
		       "Japanese Foreign Minister Fumio Kishida and South Korean Foreign Minister Yun Byung-se "
		       "reached an agreement in Seoul on Monday on the issue of women forced to work in Japanese "
		       "military brothels.");
	assert_int_equal(extract_infer_year(X, &r), 1);
	assert_int_equal(r.pub_known, PUB_DATE);
	struct cdate d = report_date(&r);
	assert_int_equal(d.year, 2015);
	assert_int_equal(d.month, 12);
	assert_int_equal(d.day, 28);
	assert_true(r.n_warnings >= 1);
	assert_non_null(strstr(r.warnings[r.n_warnings - 1], "2015"));
	/* the events are then dated by it */
	struct event_list l;
	event_list_init(&l);
	char *err = NULL;
	assert_int_equal(extract_events(X, &r, &l, &err), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.items[0].type, "agreement");
	expect_date(&l.items[0], "2015-12-28", PREC_DAY);
	event_list_release(&l);
	report_release(&r);
}

static void test_infer_year_refuses_a_tie(void **state)
{
	(void)state;
	/* Without the weekday, 2013 to 2016 fit alike. */
	struct report r;
	undated_report(&r, "Japan, South Korea settle wartime brothel issue",
		       "Japanese Foreign Minister Fumio Kishida and South Korean Foreign Minister Yun Byung-se "
		       "reached an agreement in Seoul.");
	assert_int_equal(extract_infer_year(X, &r), 0);
	assert_int_equal(r.pub_known, PUB_NONE);
	assert_int_equal(r.n_warnings, 0);
	report_release(&r);
	/* Nobody named: nothing to go on. */
	undated_report(&r, "Talks in Seoul", "Foreign ministers met in Seoul on Monday.");
	assert_int_equal(extract_infer_year(X, &r), 0);
	assert_int_equal(r.pub_known, PUB_NONE);
	report_release(&r);
}

static void test_infer_year_leaves_dated_reports_alone(void **state)
{
	(void)state;
	struct report r;
	undated_report(&r, "Japan, South Korea settle wartime brothel issue",
		       "Japanese Foreign Minister Fumio Kishida and South Korean Foreign Minister Yun Byung-se "
		       "reached an agreement in Seoul on Monday.");
	r.pub_known = PUB_DATE;
	r.published = unix_from_civil(2015, 12, 28, 0, 0, 0);
	assert_int_equal(extract_infer_year(X, &r), 0);
	assert_int_equal(r.pub_known, PUB_DATE);
	assert_int_equal(r.n_warnings, 0);
	report_release(&r);
}

/* ---- extra dictionaries ------------------------------------------------ */

static void test_extra_dictionary_person(void **state)
{
	(void)state;
	/* With an analyst's persons.tsv, the untitled surname and the title
	 * alone resolve to the minister in office. */
	char dir[256], path[512];
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof(dir), "%s/test_extract.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/persons.tsv", dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs("Gabrielius Landsbergis\tLTU\t\tforeign_minister|Minister of Foreign Affairs|2020-12-11|2024-12-12\n", f);
	assert_int_equal(fclose(f), 0);
	const char *dicts[] = {path};
	struct extractor *x = NULL;
	char *err = NULL;
	int rc = extractor_new(dicts, 1, &x, &err);
	if (rc)
		print_message("%s\n", err);
	assert_int_equal(rc, 0);
	struct run o;
	extract_with(x, &o, 2022, 3, 7, 10, 10, 120, NULL,
		     "U.S. Secretary of State Antony Blinken met the Lithuanian Foreign Minister in Vilnius on Monday.");
	const struct event *e = only(&o, "meeting");
	expect_party(e, "USA", ROLE_PARTICIPANT, "Antony Blinken");
	const struct event_actor *a = expect_party(e, "LTU", ROLE_PARTICIPANT, "Gabrielius Landsbergis");
	assert_string_equal(a->title, "Minister of Foreign Affairs");
	expect_date(e, "2022-03-07", PREC_DAY);
	done(&o);
	extractor_free(x);
	unlink(path);
	rmdir(dir);
}

static void test_malformed_extra_dictionary(void **state)
{
	(void)state;
	char dir[256], path[512];
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof(dir), "%s/test_extract.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/actors.tsv", dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs("# the Baltic Assembly\nXBA\tparliament\tBaltic Assembly\t\t\t\n", f);
	assert_int_equal(fclose(f), 0);
	const char *dicts[] = {path};
	struct extractor *x = NULL;
	char *err = NULL;
	assert_int_equal(extractor_new(dicts, 1, &x, &err), -1);
	assert_null(x);
	assert_non_null(err);
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, "line 2"));
	free(err);
	unlink(path);
	rmdir(dir);
}

/* ---- plain robustness -------------------------------------------------- */

static void test_report_without_text_or_date(void **state)
{
	(void)state;
	struct report r;
	report_init(&r);
	struct event_list l;
	event_list_init(&l);
	char *err = NULL;
	assert_int_equal(extract_events(X, &r, &l, &err), 0);
	assert_int_equal(l.n, 0);
	/* undated: the event is kept with an unknown date */
	assert_int_equal(report_set(&r.body,
				    "Japanese Foreign Minister Fumio Kishida spoke by phone with Russian Foreign "
				    "Minister Sergei Lavrov."),
			 0);
	assert_int_equal(extract_events(X, &r, &l, &err), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.items[0].type, "phone_call");
	assert_int_equal(l.items[0].date.prec, PREC_UNKNOWN);
	event_list_release(&l);
	report_release(&r);
}


/* ---- rules of the extractor's later work ---- */

static void test_calls_with_each_of_several(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2021, 1, 5, NULL,
		"The breakthrough followed telephone calls between Kuwait's Emir Sheikh Nawaf Al-Ahmad Al-Sabah "
		"and both Qatari Emir Sheikh Tamim bin Hamad Al-Thani and Saudi Crown Prince Mohammed bin Salman.");
	assert_int_equal(count_type(&o, "phone_call"), 2);
	int kq = 0, ks = 0;
	for (size_t i = 0; i < o.ev.n; i++) {
		const struct event *e = &o.ev.items[i];
		if (strcmp(e->type, "phone_call"))
			continue;
		int k = 0, q = 0, sa = 0;
		for (size_t a = 0; a < e->n_actors; a++) {
			const char *c = e->actors[a].code ? e->actors[a].code : "";
			k |= !strcmp(c, "KWT");
			q |= !strcmp(c, "QAT");
			sa |= !strcmp(c, "SAU");
		}
		kq |= k && q && !sa;
		ks |= k && sa && !q;
	}
	assert_true(kq);
	assert_true(ks);
	done(&o);
}

static void test_the_ministry_speaks_for_its_state(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2018, 8, 6, NULL,
		"The Saudi foreign ministry said on Sunday it was recalling its ambassador from Canada. "
		"\xE2\x80\x9C" "Any further step in that direction will be considered as interference,\xE2\x80\x9D the ministry said.");
	const struct event *e = only(&o, "threat");
	expect_party(e, "SAU", ROLE_SOURCE, "Saudi Arabia");
	done(&o);
}

static void test_relative_clause_is_skipped(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2020, 10, 14, NULL,
		"Lebanon and Israel, which are technically still at war, held a first round of talks on Wednesday.");
	const struct event *e = only(&o, "negotiation");
	expect_pair(e, "LBN", "ISR");
	expect_date(e, "2020-10-14", PREC_DAY);
	done(&o);
}

static void test_decision_belongs_to_its_owner(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2008, 8, 29, NULL, "Russia regrets Georgia's decision to sever diplomatic relations.");
	const struct event *e = only(&o, "expulsion");
	expect_directed(e, "GEO", "RUS");
	e = only(&o, "condemnation");
	expect_directed(e, "RUS", "GEO");
	done(&o);
}

static void test_summoned_in_the_passive(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2021, 4, 18, NULL,
		"Russia expelled 20 Czech diplomats on Sunday. Czech Ambassador Vitezslav Pivonka was summoned to the "
		"ministry.");
	const struct event *e = only(&o, "protest");
	expect_directed(e, "RUS", "CZE");
	done(&o);
}

static void test_visit_to_a_capital(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2016, 5, 23, NULL, "President Barack Obama arrived in Hanoi late on Sunday.");
	const struct event *e = only(&o, "visit");
	expect_directed(e, "USA", "VNM");
	expect_date(e, "2016-05-22", PREC_DAY);
	done(&o);
}

static void test_announced_sanctions(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2021, 12, 2, NULL,
		"The United States, Britain and Canada announced coordinated sanctions against Belarus on Thursday.");
	const struct event *e = only(&o, "sanctions");
	assert_int_equal(with_role(e, ROLE_SOURCE), 3);
	expect_party(e, "BLR", ROLE_TARGET, "Belarus");
	expect_party(e, "USA", ROLE_SOURCE, "United States");
	expect_party(e, "GBR", ROLE_SOURCE, "United Kingdom");
	expect_party(e, "CAN", ROLE_SOURCE, "Canada");
	done(&o);
}

static void test_background_history_is_no_event(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2019, 7, 19, NULL,
		"The dispute goes back to a bilateral agreement Japan and South Korea signed in 1965.");
	assert_int_equal(o.ev.n, 0);
	done(&o);
	/* A treaty named by its year is background too, not an agreement of the report's day. */
	extract(&o, 2019, 7, 19, NULL,
		"Japanese Foreign Minister Taro Kono summoned South Korean Ambassador Nam Gwan Pyo on Friday.\n\n"
		"South Korea did not reply by Thursday's deadline to Japan's request, made in May, to form "
		"an arbitration panel under a 1965 bilateral agreement on property and claims.");
	assert_int_equal(count_type(&o, "agreement"), 0);
	done(&o);
}

static void test_infer_year_from_titled_office(void **state)
{
	(void)state;
	/* Kishida was foreign minister in 2016 and prime minister in 2022; 18 November
	 * fell on a Friday in both years: the title settles it. */
	struct report r;
	report_init(&r);
	assert_int_equal(report_set(&r.title, "Japan protests missile launch"), 0);
	assert_int_equal(report_set(&r.body, "TOKYO, Nov. 18 (Kyodo) -- Japan lodged a protest with North Korea on "
					     "Friday, Prime Minister Fumio Kishida said."), 0);
	r.undated_month = 11;
	r.undated_day = 18;
	assert_int_equal(extract_infer_year(X, &r), 1);
	struct cdate d = report_date(&r);
	assert_int_equal(d.year, 2022);
	report_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phone_call),
		cmocka_unit_test(test_meeting),
		cmocka_unit_test(test_visit),
		cmocka_unit_test(test_negotiation),
		cmocka_unit_test(test_agreement_signed),
		cmocka_unit_test(test_agreement_verbal),
		cmocka_unit_test(test_support),
		cmocka_unit_test(test_condemnation),
		cmocka_unit_test(test_accusation),
		cmocka_unit_test(test_denial),
		cmocka_unit_test(test_denial_targets_the_accuser),
		cmocka_unit_test(test_rejection_and_veto),
		cmocka_unit_test(test_sanctions),
		cmocka_unit_test(test_sanctions_relief),
		cmocka_unit_test(test_expulsion),
		cmocka_unit_test(test_protest),
		cmocka_unit_test(test_threat),
		cmocka_unit_test(test_appeal),
		cmocka_unit_test(test_planned_visit),
		cmocka_unit_test(test_negated_meeting),
		cmocka_unit_test(test_plan_called_off),
		cmocka_unit_test(test_state_visit),
		cmocka_unit_test(test_rejected_criticism),
		cmocka_unit_test(test_past_verb_after_and),
		cmocka_unit_test(test_courtesy_call_received),
		cmocka_unit_test(test_counterfactual),
		cmocka_unit_test(test_attack_victim_not_target),
		cmocka_unit_test(test_decision_dated),
		cmocka_unit_test(test_visit_by_agent),
		cmocka_unit_test(test_participle_and_next_day),
		cmocka_unit_test(test_meeting_beside_another),
		cmocka_unit_test(test_when_clause_dates_agreement),
		cmocka_unit_test(test_plan_fulfilled_in_sentence),
		cmocka_unit_test(test_pledge_to_refrain),
		cmocka_unit_test(test_decision_told_again),
		cmocka_unit_test(test_visit_legs),
		cmocka_unit_test(test_plan_dated_as_early_as),
		cmocka_unit_test(test_condemned_the_move),
		cmocka_unit_test(test_measure_of_their_own),
		cmocka_unit_test(test_pluperfect_not_report_day),
		cmocka_unit_test(test_summit_is_venue),
		cmocka_unit_test(test_summary_articles),
		cmocka_unit_test(test_coordinated_modal),
		cmocka_unit_test(test_relative_clause_of_others),
		cmocka_unit_test(test_the_secretary),
		cmocka_unit_test(test_told_to_passive),
		cmocka_unit_test(test_claiming_participle),
		cmocka_unit_test(test_question_is_no_event),
		cmocka_unit_test(test_explicit_day),
		cmocka_unit_test(test_past_weekday),
		cmocka_unit_test(test_future_weekday),
		cmocka_unit_test(test_relative_days_months_seasons),
		cmocka_unit_test(test_undated_event_takes_the_report_date),
		cmocka_unit_test(test_report_day_is_the_local_day),
		cmocka_unit_test(test_title_resolved_by_report_date),
		cmocka_unit_test(test_surname_after_first_mention),
		cmocka_unit_test(test_new_person_of_a_state),
		cmocka_unit_test(test_collective_reference),
		cmocka_unit_test(test_calls_with_each_of_several),
		cmocka_unit_test(test_the_ministry_speaks_for_its_state),
		cmocka_unit_test(test_relative_clause_is_skipped),
		cmocka_unit_test(test_decision_belongs_to_its_owner),
		cmocka_unit_test(test_summoned_in_the_passive),
		cmocka_unit_test(test_visit_to_a_capital),
		cmocka_unit_test(test_announced_sanctions),
		cmocka_unit_test(test_background_history_is_no_event),
		cmocka_unit_test(test_infer_year_from_titled_office),
		cmocka_unit_test(test_reported_speech),
		cmocka_unit_test(test_passive),
		cmocka_unit_test(test_same_event_told_twice_is_one),
		cmocka_unit_test(test_headline_and_body_are_one_event),
		cmocka_unit_test(test_two_events_of_one_report),
		cmocka_unit_test(test_infer_year_from_office_holders_and_weekday),
		cmocka_unit_test(test_infer_year_refuses_a_tie),
		cmocka_unit_test(test_infer_year_leaves_dated_reports_alone),
		cmocka_unit_test(test_extra_dictionary_person),
		cmocka_unit_test(test_malformed_extra_dictionary),
		cmocka_unit_test(test_report_without_text_or_date),
	};
	return cmocka_run_group_tests(tests, make_extractor, free_extractor);
}
