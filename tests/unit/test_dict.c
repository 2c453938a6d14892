/* Extraction dictionaries (ingest/dict.h): the shipped files compiled into
 * the binary (states by name, adjective and metonym; organisations and their
 * bodies; groups of states; persons and their dated roles; titles; event
 * wording), extra files given with --dict, and the errors for files that
 * are wrong. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ingest/dict.h"
#define DICT_FIXTURE
#include "extractor_fixture.h"

/* The shipped dictionaries, loaded once for the whole group. */

/* The longest match of the names (lower = 0) or words (lower = 1) trie at
 * the start of `text`: the tokens it spans, with its first entry of `kind`
 * in *out. Returns 0 when nothing of that kind matches there. */
static size_t match(const struct dict *d, const char *text, int lower, int kind, struct dict_entry *out)
{
	struct token_list l;
	token_list_init(&l);
	assert_int_equal(tokenize(text, strlen(text), 0, &l), 0);
	const struct dict_entry *es = NULL;
	size_t n = 0;
	size_t m = dict_match(lower ? d->words : d->names, &l, 0, l.n, lower, &es, &n);
	size_t found = 0;
	for (size_t i = 0; m && i < n; i++)
		if (es[i].kind == kind) {
			*out = es[i];
			found = m;
			break;
		}
	token_list_release(&l);
	return found;
}

/* `text` starts with the actor coded `code`, named as alias kind `sub`,
 * spanning `ntok` tokens. */
static void expect_actor(const char *text, const char *code, int sub, size_t ntok, const char *name)
{
	struct dict_entry e;
	size_t m = match(&shipped, text, 0, ENT_ACTOR, &e);
	if (!m)
		print_message("no actor at '%s'\n", text);
	assert_int_equal(m, ntok);
	assert_int_equal(e.sub, sub);
	assert_true(e.idx < shipped.n_actors);
	assert_string_equal(shipped.actors[e.idx].code, code);
	if (name)
		assert_string_equal(shipped.actors[e.idx].name, name);
}

static long person_named(const struct dict *d, const char *name)
{
	for (size_t i = 0; i < d->n_persons; i++)
		if (!strcmp(d->persons[i].name, name))
			return (long)i;
	return -1;
}

static struct cdate day(int y, int m, int d)
{
	return (struct cdate){y, m, d, PREC_DAY};
}

/* The name of who held `role` for `code` on y-m-d, or "" when nobody. */
static const char *holder(const struct dict *d, const char *role, const char *code, int y, int m, int dd)
{
	struct cdate when = day(y, m, dd);
	long i = dict_role_holder(d, role, code, &when);
	return i >= 0 ? d->persons[i].name : "";
}

/* ---- actors ------------------------------------------------------------ */

static void test_state_by_name_and_alias(void **state)
{
	(void)state;
	expect_actor("Japan said", "JPN", AL_NAME, 1, "Japan");
	expect_actor("United States and Cuba", "USA", AL_NAME, 2, "United States");
	expect_actor("U.S. officials", "USA", AL_NAME, 1, "United States");
	expect_actor("Democratic People's Republic of Korea", "PRK", AL_NAME, 6, "North Korea");
	expect_actor("Russian Federation", "RUS", AL_NAME, 2, "Russia");
	long a = dict_actor_by_code(&shipped, "JPN");
	assert_true(a >= 0);
	assert_int_equal(shipped.actors[a].kind, ACTOR_STATE);
	assert_string_equal(shipped.actors[a].name, "Japan");
}

static void test_state_by_adjective(void **state)
{
	(void)state;
	expect_actor("Japanese officials", "JPN", AL_ADJ, 1, "Japan");
	expect_actor("South Korean diplomats", "KOR", AL_ADJ, 2, "South Korea");
	expect_actor("Ukrainian Foreign Minister", "UKR", AL_ADJ, 1, "Ukraine");
}

static void test_state_by_metonym(void **state)
{
	(void)state;
	expect_actor("Pyongyang fired", "PRK", AL_METONYM, 1, "North Korea");
	expect_actor("Kremlin spokesman", "RUS", AL_METONYM, 1, "Russia");
	expect_actor("White House said", "USA", AL_METONYM, 2, "United States");
	/* Brussels stands for the EU, not for Belgium. */
	expect_actor("Brussels decided", "EU", AL_METONYM, 1, "European Union");
}

static void test_organisation_bodies_carry_its_code(void **state)
{
	(void)state;
	expect_actor("UN Security Council adopted", "UN", AL_NAME, 3, "UN Security Council");
	expect_actor("European Commission proposed", "EU", AL_NAME, 2, "European Commission");
	expect_actor("NATO allies", "NATO", AL_NAME, 1, NULL);
	struct dict_entry e;
	assert_int_equal(match(&shipped, "UN Security Council", 0, ENT_ACTOR, &e), 3);
	assert_int_equal(shipped.actors[e.idx].kind, ACTOR_ORG);
}

static void test_possessive_and_compound_show_the_name(void **state)
{
	(void)state;
	/* "Japan's" and "Japan-U.S." both start with the actor alone. */
	expect_actor("Japan's position", "JPN", AL_NAME, 1, "Japan");
	expect_actor("Japan-U.S. alliance", "JPN", AL_NAME, 1, "Japan");
}

static void test_names_are_case_sensitive(void **state)
{
	(void)state;
	struct dict_entry e;
	assert_int_equal(match(&shipped, "japan said", 0, ENT_ACTOR, &e), 0);
	assert_int_equal(match(&shipped, "the sides agreed", 0, ENT_ACTOR, &e), 0);
}

/* ---- persons and roles -------------------------------------------------- */

static void test_person_by_name_and_alias(void **state)
{
	(void)state;
	struct dict_entry e;
	assert_int_equal(match(&shipped, "Sergey Lavrov said", 0, ENT_PERSON, &e), 2);
	assert_string_equal(shipped.persons[e.idx].name, "Sergei Lavrov");
	assert_string_equal(shipped.persons[e.idx].code, "RUS");
	/* "John F. Kerry": the initial and its stop are part of the alias. */
	assert_int_equal(match(&shipped, "John F. Kerry arrived", 0, ENT_PERSON, &e), 4);
	assert_string_equal(shipped.persons[e.idx].name, "John Kerry");
	assert_string_equal(shipped.persons[e.idx].surname, "Kerry");
	/* Japanese order as the ministry writes it. */
	assert_int_equal(match(&shipped, "KISHIDA Fumio", 0, ENT_PERSON, &e), 2);
	assert_string_equal(shipped.persons[e.idx].name, "Fumio Kishida");
	/* A bare surname is never a dictionary key. */
	assert_int_equal(match(&shipped, "Lavrov said", 0, ENT_PERSON, &e), 0);
}

static void test_role_holder_by_date(void **state)
{
	(void)state;
	assert_string_equal(holder(&shipped, "foreign_minister", "USA", 2015, 1, 6), "John Kerry");
	assert_string_equal(holder(&shipped, "foreign_minister", "USA", 2022, 3, 1), "Antony Blinken");
	assert_string_equal(holder(&shipped, "foreign_minister", "USA", 2019, 6, 1), "Mike Pompeo");
	assert_string_equal(holder(&shipped, "foreign_minister", "JPN", 2015, 1, 6), "Fumio Kishida");
	assert_string_equal(holder(&shipped, "foreign_minister", "RUS", 2015, 1, 6), "Sergei Lavrov");
	assert_string_equal(holder(&shipped, "foreign_minister", "KOR", 2015, 12, 28), "Yun Byung-se");
	assert_string_equal(holder(&shipped, "head_of_government", "JPN", 2022, 3, 1), "Fumio Kishida");
	/* Kerry's last day and the day after. */
	assert_string_equal(holder(&shipped, "foreign_minister", "USA", 2017, 1, 20), "John Kerry");
	assert_string_equal(holder(&shipped, "foreign_minister", "USA", 2017, 1, 21), "");
	/* No date, no holder. */
	struct cdate unknown = {0, 0, 0, PREC_UNKNOWN};
	assert_int_equal(dict_role_holder(&shipped, "foreign_minister", "USA", &unknown), -1);
	/* A role nobody holds for that code. */
	assert_string_equal(holder(&shipped, "foreign_minister", "XXX", 2015, 1, 6), "");
}

/* The first-token filters never turn away a token that starts a key, and a
 * trie walk still finds keys whose tokens share slots with many others. */
static void test_first_token_filters(void **state)
{
	(void)state;
	static const char *const names[] = {"Japan", "European Union", "Fumio Kishida", "Foreign Minister",
					    "UN Security Council", "Kyiv", NULL};
	static const char *const wordings[] = {"meeting with", "imposed", "expelled", "met", NULL};
	for (int k = 0; k < 2; k++)
		for (const char *const *p = k ? wordings : names; *p; p++) {
			struct token_list l;
			token_list_init(&l);
			assert_int_equal(tokenize(*p, strlen(*p), 0, &l), 0);
			const uint64_t *filter = k ? shipped.words_first : shipped.names_first;
			assert_true(dict_may_start(filter, k ? l.t[0].lhash : l.t[0].hash));
			const struct dict_entry *es = NULL;
			size_t n = 0;
			assert_int_equal(dict_match(k ? shipped.words : shipped.names, &l, 0, l.n, k, &es, &n), l.n);
			assert_true(n > 0);
			token_list_release(&l);
		}
	/* A word that starts no key is turned away (by the filter or the trie). */
	struct dict_entry e;
	assert_int_equal(match(&shipped, "Zzyzx Qwerty", 0, ENT_ACTOR, &e), 0);
}

/* The holder of an office among several persons of the same code: the first
 * of the file whose term covers the day, whatever the order of codes. */
static void test_role_holder_among_many_of_a_code(void **state)
{
	(void)state;
	/* Many persons are coded USA; each term picks its own. */
	assert_string_equal(holder(&shipped, "foreign_minister", "USA", 2010, 6, 1), "Hillary Clinton");
	assert_string_equal(holder(&shipped, "head_of_state", "USA", 2015, 1, 6), "Barack Obama");
	assert_string_equal(holder(&shipped, "head_of_state", "USA", 2018, 1, 6), "Donald Trump");
	/* A code before and after every other one in sort order. */
	/* Foreign ministers and heads of state of mid-size states. */
	assert_string_equal(holder(&shipped, "foreign_minister", "LVA", 2015, 1, 6), "Edgars Rinkēvičs");
	assert_string_equal(holder(&shipped, "head_of_state", "LVA", 2024, 1, 6), "Edgars Rinkēvičs");
	assert_string_equal(holder(&shipped, "head_of_state", "ROU", 2020, 1, 6), "Klaus Iohannis");
	assert_string_equal(holder(&shipped, "foreign_minister", "SRB", 2018, 1, 6), "Ivica Dačić");
	assert_string_equal(holder(&shipped, "head_of_government", "FJI", 1987, 5, 1), "Timoci Bavadra");
	assert_string_equal(holder(&shipped, "foreign_minister", "AAA", 2015, 1, 6), "");
	assert_string_equal(holder(&shipped, "foreign_minister", "ZZZ", 2015, 1, 6), "");
}

static void test_person_role_by_date(void **state)
{
	(void)state;
	long k = person_named(&shipped, "Fumio Kishida");
	assert_true(k >= 0);
	const struct dict_person *p = &shipped.persons[k];
	struct cdate when = day(2015, 1, 6);
	const struct dict_role *r = dict_person_role(p, &when);
	assert_non_null(r);
	assert_string_equal(r->role, "foreign_minister");
	assert_string_equal(r->title, "Minister for Foreign Affairs");
	assert_int_equal(r->from.year, 2012);
	assert_int_equal(r->from.month, 12);
	assert_int_equal(r->from.day, 26);
	when = day(2022, 3, 1);
	r = dict_person_role(p, &when);
	assert_non_null(r);
	assert_string_equal(r->role, "head_of_government");
	assert_string_equal(r->title, "Prime Minister");
	/* Between his two offices he held neither. */
	when = day(2019, 6, 1);
	assert_null(dict_person_role(p, &when));
	/* Lavrov is still in office: an open end. */
	k = person_named(&shipped, "Sergei Lavrov");
	assert_true(k >= 0);
	when = day(2024, 6, 1);
	r = dict_person_role(&shipped.persons[k], &when);
	assert_non_null(r);
	assert_string_equal(r->role, "foreign_minister");
	assert_int_equal(r->to.prec, PREC_UNKNOWN);
}

static void test_unknown_date_gives_a_role(void **state)
{
	(void)state;
	/* Without a date a person still has a role to show. */
	long k = person_named(&shipped, "Sergei Lavrov");
	assert_true(k >= 0);
	struct cdate unknown = {0, 0, 0, PREC_UNKNOWN};
	const struct dict_role *r = dict_person_role(&shipped.persons[k], &unknown);
	assert_non_null(r);
	assert_string_equal(r->role, "foreign_minister");
}

static void test_organisation_roles(void **state)
{
	(void)state;
	long k = person_named(&shipped, "António Guterres");
	assert_true(k >= 0);
	assert_string_equal(shipped.persons[k].code, "UN");
	struct dict_entry e;
	assert_int_equal(match(&shipped, "Antonio Guterres said", 0, ENT_PERSON, &e), 2);
	assert_int_equal((long)e.idx, k);
	assert_string_equal(holder(&shipped, "un_secretary_general", "UN", 2022, 3, 1), "António Guterres");
	assert_string_equal(holder(&shipped, "nato_secretary_general", "NATO", 2022, 3, 1), "Jens Stoltenberg");
}

/* ---- titles, topics, event wording ------------------------------------- */

static void test_titles(void **state)
{
	(void)state;
	struct dict_entry e;
	assert_int_equal(match(&shipped, "Secretary of State John Kerry", 0, ENT_TITLE, &e), 3);
	const struct dict_title *t = &shipped.titles[e.idx];
	assert_string_equal(t->role, "foreign_minister");
	assert_int_equal(t->n_codes, 1);
	assert_string_equal(t->codes[0], "USA");
	assert_int_equal(match(&shipped, "Foreign Minister Wang Yi", 0, ENT_TITLE, &e), 2);
	assert_string_equal(shipped.titles[e.idx].role, "foreign_minister");
	assert_int_equal(shipped.titles[e.idx].n_codes, 0);
	assert_int_equal(match(&shipped, "Chancellor Olaf Scholz", 0, ENT_TITLE, &e), 1);
	assert_string_equal(shipped.titles[e.idx].role, "head_of_government");
	assert_int_equal(shipped.titles[e.idx].n_codes, 2);
	/* A generic title names no organisation: a ministry also has a
	 * Secretary General; NATO's is named with NATO. */
	assert_int_equal(match(&shipped, "Secretary General Ettore Sequi", 0, ENT_TITLE, &e), 0);
	assert_int_equal(match(&shipped, "Secretary-General Ahmed Aboul Gheit", 0, ENT_TITLE, &e), 0);
	assert_int_equal(match(&shipped, "UN Secretary-General Antonio Guterres", 0, ENT_TITLE, &e), 4);
	assert_string_equal(shipped.titles[e.idx].role, "un_secretary_general");
	assert_int_equal(match(&shipped, "NATO Secretary General Mark Rutte", 0, ENT_TITLE, &e), 3);
	assert_string_equal(shipped.titles[e.idx].role, "nato_secretary_general");
}

/* `text` starts with event wording of `type` and CAMEO `cameo` over ntok tokens. */
static void expect_trigger(const char *text, const char *type, const char *cameo, size_t ntok)
{
	struct dict_entry e;
	size_t m = match(&shipped, text, 1, ENT_TRIGGER, &e);
	if (m != ntok)
		print_message("'%s': %zu tokens\n", text, m);
	assert_int_equal(m, ntok);
	assert_string_equal(shipped.triggers[e.idx].type, type);
	assert_string_equal(shipped.triggers[e.idx].cameo, cameo);
}

static void test_event_wording_matches_lower_case(void **state)
{
	(void)state;
	expect_trigger("Condemned the launch", "condemnation", "111", 1);
	expect_trigger("CONDEMNS", "condemnation", "111", 1);
	struct dict_entry e;
	/* The names trie never holds event wording. */
	assert_int_equal(match(&shipped, "condemned the launch", 0, ENT_TRIGGER, &e), 0);
}

static void test_event_wording(void **state)
{
	(void)state;
	expect_trigger("spoke by phone with", "phone_call", "041", 3);
	expect_trigger("vetoed the draft", "rejection", "129", 1);
	expect_trigger("expelled two diplomats", "expulsion", "161", 1);
	expect_trigger("declared persona non grata", "expulsion", "161", 4);
	expect_trigger("welcomes the decision", "support", "051", 1);
	expect_trigger("accused Moscow", "accusation", "112", 1);
	struct dict_entry e;
	assert_int_equal(match(&shipped, "tourism rose", 1, ENT_TRIGGER, &e), 0);
}

/* Some wording of type `type` spans the first `ntok` tokens of `text`
 * (its required tail, if any, is the extractor's to check). */
static void expect_wording(const char *text, const char *type, size_t ntok)
{
	struct token_list l;
	token_list_init(&l);
	assert_int_equal(tokenize(text, strlen(text), 0, &l), 0);
	const struct dict_entry *es = NULL;
	size_t n = 0;
	size_t m = dict_match(shipped.words, &l, 0, l.n, 1, &es, &n);
	int found = 0;
	for (size_t i = 0; m == ntok && i < n; i++)
		found |= es[i].kind == ENT_TRIGGER && !strcmp(shipped.triggers[es[i].idx].type, type);
	if (!found)
		print_message("'%s': no %s wording of %zu tokens (longest match %zu)\n", text, type, ntok, m);
	assert_true(found);
	token_list_release(&l);
}

/* The news idioms of each category, in their inflected forms. */
static void test_event_wording_of_the_field(void **state)
{
	(void)state;
	expect_wording("slapped sanctions on Iran", "sanctions", 1);
	expect_wording("froze the assets of", "sanctions", 1);
	expect_wording("blacklisted three banks", "sanctions", 1);
	expect_wording("put a freeze on loans", "sanctions", 4);
	expect_wording("scrapped the arms embargo", "sanctions_relief", 1);
	expect_wording("declared persona non grata", "expulsion", 4);
	expect_wording("persona non-grata", "expulsion", 4);
	expect_wording("hours to leave", "expulsion", 3);
	expect_wording("severed diplomatic ties", "expulsion", 1);
	expect_wording("downgraded relations", "expulsion", 1);
	expect_wording("broke off relations", "expulsion", 2);
	expect_wording("summoned the ambassador", "protest", 1);
	expect_wording("called in the ambassador", "protest", 2);
	expect_wording("lodged a protest", "protest", 1);
	expect_wording("handed a note", "protest", 1);
	expect_wording("denounced the attack", "condemnation", 1);
	expect_wording("deplored the decision", "condemnation", 1);
	expect_wording("slammed the move", "condemnation", 1);
	expect_wording("rebuked Seoul", "condemnation", 1);
	expect_wording("lashed out at Tokyo", "condemnation", 3);
	expect_wording("charged Qatar with backing", "accusation", 1);
	expect_wording("held Moscow responsible", "accusation", 1);
	expect_wording("dismissed as baseless", "denial", 1);
	expect_wording("refuted the claims", "denial", 3);
	expect_wording("refuted reports of", "denial", 1);
	expect_wording("turned down the offer", "rejection", 2);
	expect_wording("vetoes the draft", "rejection", 1);
	expect_wording("hailed the accord", "support", 1);
	expect_wording("welcomed the step", "support", 1);
	expect_wording("backs the bid", "support", 1);
	expect_wording("urged restraint", "appeal", 1);
	expect_wording("called on Israel", "appeal", 2);
	expect_wording("demanded an apology", "appeal", 1);
	expect_wording("warned of retaliation", "threat", 1);
	expect_wording("vowed countermeasures", "threat", 1);
	expect_wording("held talks with", "meeting", 2);
	expect_wording("conferred with", "meeting", 2);
	expect_wording("hosted the delegation", "meeting", 1);
	expect_wording("arrived in Hanoi", "visit", 2);
	expect_wording("wrapped up a visit", "visit", 2);
	expect_wording("inked a deal", "agreement", 1);
	expect_wording("initialled the accord", "agreement", 1);
	expect_wording("spoken by telephone", "phone_call", 3);
	expect_wording("took a phone call from", "phone_call", 4);
	/* second round: the phrasings of wires and readouts */
	expect_wording("hit back at Ankara", "condemnation", 3);
	expect_wording("took issue with the ruling", "condemnation", 3);
	expect_wording("assailed the decision", "condemnation", 1);
	expect_wording("took Canberra to task", "condemnation", 1);
	expect_wording("branded the vote illegitimate", "condemnation", 1);
	expect_wording("called the tests reckless", "condemnation", 1);
	expect_wording("pinned the bombing on", "accusation", 4);
	expect_wording("attributed the cyberattack to", "accusation", 1);
	expect_wording("implicated Tehran in the plot", "accusation", 1);
	expect_wording("allegations against Minsk", "accusation", 2);
	expect_wording("disputed that account", "denial", 1);
	expect_wording("poured scorn on the claim", "denial", 3);
	expect_wording("neither recognizes nor accepts", "rejection", 2);
	expect_wording("blocked the draft resolution", "rejection", 1);
	expect_wording("passed new sanctions", "sanctions", 1);
	expect_wording("prohibited imports of beef", "sanctions", 1);
	expect_wording("suspended visas for", "sanctions", 1);
	expect_wording("restored direct flights", "sanctions_relief", 1);
	expect_wording("asked the attaché to leave", "expulsion", 1);
	expect_wording("froze diplomatic relations", "expulsion", 1);
	expect_wording("showed its gratitude", "support", 1);
	expect_wording("reaffirmed its backing for", "support", 1);
	expect_wording("asked for consultations", "appeal", 2);
	expect_wording("pleaded with Tehran", "appeal", 2);
	expect_wording("sought the extradition of", "appeal", 1);
	expect_wording("will not stand idly by", "threat", 5);
	expect_wording("held a trilateral meeting", "meeting", 4);
	expect_wording("co-chaired the dialogue", "meeting", 3);
	expect_wording("hosted talks on", "meeting", 1);
	expect_wording("paid a visit to Seoul", "visit", 4);
	expect_wording("on a state visit", "visit", 4);
	expect_wording("flew into Kabul", "visit", 2);
	expect_wording("departed for Manila", "visit", 2);
	expect_wording("trip tomorrow to Washington", "visit", 1);
	expect_wording("came to terms", "agreement", 3);
	expect_wording("issued a joint statement", "agreement", 4);
	expect_wording("sign a treaty", "agreement", 1);
	expect_wording("consensus was reached", "agreement", 3);
	expect_wording("met separately with", "meeting", 3);
	expect_wording("talks were held", "meeting", 3);
	expect_wording("made a formal request", "appeal", 4);
	expect_wording("dismayed by the ruling", "condemnation", 2);
	expect_wording("dismissed the vote as a sham", "condemnation", 1);
	expect_wording("nothing to do with the raid", "denial", 4);
	expect_wording("snubbed the invitation", "rejection", 1);
	expect_wording("declined the invitation", "rejection", 3);
	expect_wording("retaliatory tariffs on", "sanctions", 3);
	expect_wording("anti-dumping duties on", "sanctions", 5);
	expect_wording("granted a waiver", "sanctions_relief", 1);
	expect_wording("cut ties with", "expulsion", 2);
	expect_wording("broke relations", "expulsion", 2);
	expect_wording("revoked the accreditation", "expulsion", 1);
	expect_wording("warned of war", "threat", 1);
	expect_wording("warned Ankara against drilling", "threat", 1);
	expect_wording("took a call on Monday from", "phone_call", 3);
	expect_wording("reinstated its membership", "sanctions_relief", 1);
	expect_wording("suspended its membership", "sanctions", 1);
	expect_wording("hammered out a compromise", "agreement", 2);
	expect_wording("concluded between the two", "agreement", 2);
	expect_wording("ready to take appropriate measures", "threat", 3);
	expect_wording("cautioned Caracas that it could", "threat", 1);
	expect_wording("suspension of visas", "sanctions", 2);
	/* third round */
	expect_wording("withdrew its embassy staff", "expulsion", 1);
	expect_wording("suspended the work of its mission", "expulsion", 1);
	expect_wording("removed the visa ban", "sanctions_relief", 1);
	expect_wording("consultations had been held", "meeting", 4);
	expect_wording("the right to retaliate", "threat", 4);
	/* told by a speaker (frame spk) */
	expect_wording("be held accountable", "threat", 3);
	expect_wording("be held to account", "threat", 4);
	expect_wording("consequences will be borne", "threat", 4);
	expect_wording("fomenting unrest", "accusation", 1);
	expect_wording("committed war crimes", "accusation", 1);
	expect_wording("a political farce", "condemnation", 3);
	expect_wording("should cease", "appeal", 2);
	expect_wording("described the raid as a flagrant breach", "condemnation", 1);
	expect_wording("hosted a ministerial gathering", "meeting", 1);
	expect_wording("closed the border crossing", "sanctions", 1);
	expect_wording("closure of the airspace", "sanctions", 2);
	expect_wording("punished Pyongyang with sanctions", "sanctions", 1);
	expect_wording("would reconsider its ties", "threat", 2);
	expect_wording("provoking tensions", "accusation", 1);
	expect_wording("phone discussions with", "phone_call", 2);
	expect_wording("reprimanded the envoy", "condemnation", 1);
	expect_wording("admonished Belgrade", "condemnation", 1);
	expect_wording("designated the group a terrorist organisation", "sanctions", 1);
	expect_wording("sanctioned two banks", "sanctions", 1);
	expect_wording("audience with the Pope", "meeting", 2);
	expect_wording("headed to Brussels", "visit", 2);
	expect_wording("stopover in Taipei", "visit", 2);
	expect_wording("expressed strong dissatisfaction", "condemnation", 1);
	expect_wording("rapped Tokyo over", "condemnation", 1);
	expect_wording("derided the plan", "condemnation", 1);
	expect_wording("would not hesitate to", "threat", 4);
	expect_wording("declared two Spanish diplomats persona non grata", "expulsion", 1);
	expect_wording("told the envoy that he was persona non grata", "expulsion", 1);
	expect_wording("was behind the bombing", "accusation", 2);
	expect_wording("is responsible for the shelling", "accusation", 3);
	expect_wording("orchestrated the coup", "accusation", 1);
	expect_wording("playing with fire", "threat", 3);
	expect_wording("will be punished", "threat", 3);
	expect_wording("not underestimate China's resolve", "threat", 2);
	/* fifth round */
	expect_wording("nor should it underestimate", "threat", 4);
	expect_wording("not misread the present situation", "threat", 2);
	expect_wording("called back its ambassador", "expulsion", 2);
	expect_wording("met in emergency session", "meeting", 4);
	expect_wording("reacted angrily", "condemnation", 2);
	expect_wording("responded sharply to", "condemnation", 3);
	expect_wording("angered by the move", "condemnation", 2);
	expect_wording("reinforced its restrictive measures", "sanctions", 1);
	expect_wording("compiled a blacklist of officials", "sanctions", 1);
	expect_wording("should immediately stop", "appeal", 3);
	/* A refusal with its own negation. */
	expect_wording("would not recognise the agreement", "rejection", 3);
	expect_wording("will never accept the ruling", "rejection", 3);
	expect_wording("cannot accept the verdict", "rejection", 2);
	expect_wording("does not recognise the annexation", "rejection", 3);
	expect_wording("never recognized the award", "rejection", 2);
	expect_wording("took aim at Washington", "condemnation", 3);
	/* "threatened peace" is a charge, not a threat against anyone. */
	expect_wording("threatened peace and stability", "accusation", 2);
	expect_wording("threatened regional security", "accusation", 2);
	expect_wording("expressed deep concern about the way Tokyo handled it", "condemnation", 3);
	expect_wording("groundless", "denial", 1);
	expect_wording("placed Libya under an arms embargo", "sanctions", 1);
	expect_wording("announced the removal of the sanctions", "sanctions_relief", 4);
	expect_wording("firmly opposes the arms sales", "condemnation", 2);
	expect_wording("closure of the consulate", "expulsion", 2);
	expect_wording("closure of the border", "sanctions", 2);
	expect_wording("agreement to end dumping", "agreement", 2);
}

/* ---- extra files -------------------------------------------------------- */

/* A fresh directory under the system's temporary directory. */
static void temp_dir(char *out, size_t cap)
{
	const char *base = getenv("TMPDIR");
	snprintf(out, cap, "%s/test_dict.XXXXXX", base && *base ? base : "/tmp");
	assert_non_null(mkdtemp(out));
}

static void write_file(const char *dir, const char *name, const char *text, char *path, size_t cap)
{
	snprintf(path, cap, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

static void test_extra_file_adds_a_person(void **state)
{
	(void)state;
	char dir[256], path[512];
	temp_dir(dir, sizeof(dir));
	write_file(dir, "persons.tsv",
		   "# Lithuania's foreign minister, not in the shipped file\n"
		   "Gabrielius Landsbergis\tLTU\t\tforeign_minister|Minister of Foreign Affairs|2020-12-11|2024-12-12\n",
		   path, sizeof(path));
	const char *extra[] = {path};
	struct dict d;
	char *err = NULL;
	int rc = dict_load(&d, extra, 1, &err);
	if (rc)
		print_message("%s\n", err);
	assert_int_equal(rc, 0);
	assert_true(d.n_persons == shipped.n_persons + 1);
	assert_string_equal(holder(&d, "foreign_minister", "LTU", 2022, 3, 1), "Gabrielius Landsbergis");
	assert_string_equal(holder(&d, "foreign_minister", "LTU", 2025, 3, 1), "");
	struct dict_entry e;
	assert_int_equal(match(&d, "Gabrielius Landsbergis said", 0, ENT_PERSON, &e), 2);
	assert_string_equal(d.persons[e.idx].code, "LTU");
	/* the shipped entries are still there */
	assert_string_equal(holder(&d, "foreign_minister", "USA", 2015, 1, 6), "John Kerry");
	dict_release(&d);
	unlink(path);
	rmdir(dir);
}

/* An analyst's actors.tsv of 50,000 rows that share aliases, adjectives and
 * metonyms ("the rebels", "insurgent", "the capital": one key with 50,000
 * entries) loaded in O(n^2): every entry was compared with every earlier
 * one of its key to drop duplicates (40,000 rows took 11.7 s). The work is
 * counted, not timed: it must stay within a linear bound. */
static void test_many_rows_sharing_names_load_in_linear_work(void **state)
{
	(void)state;
	enum { ROWS = 50000 };
	char dir[256], path[512];
	temp_dir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/actors.tsv", dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	for (int i = 0; i < ROWS; i++)
		fprintf(f, "X%05d\tgroup\tGroup%d Front\tthe rebels; Group%d Front\tinsurgent\tthe capital\n", i,
			i, i);
	assert_int_equal(fclose(f), 0);
	const char *extra[] = {path};
	struct dict d;
	char *err = NULL;
	int rc = dict_load(&d, extra, 1, &err);
	if (rc)
		print_message("%s\n", err);
	assert_int_equal(rc, 0);
	assert_true(d.n_actors == shipped.n_actors + ROWS);
	struct dict_load_work all, base;
	dict_load_work(&d, &all);
	dict_load_work(&shipped, &base);
	size_t keys = all.keys - base.keys, compares = all.compares - base.compares;
	/* Five keys a row (the name twice: one entry kept). */
	assert_true(keys == (size_t)ROWS * 5);
	if (compares > 2 * keys)
		fail_msg("%zu comparisons for %zu keys: not linear", compares, keys);
	struct dict_entry e;
	assert_int_equal(match(&d, "Group49999 Front said", 0, ENT_ACTOR, &e), 2);
	assert_string_equal(d.actors[e.idx].code, "X49999");
	assert_int_equal(d.actors[e.idx].n_aliases, 5);
	/* Every row is found under the shared alias, each once, in file order. */
	struct token_list l;
	token_list_init(&l);
	assert_int_equal(tokenize("the rebels", 10, 0, &l), 0);
	const struct dict_entry *es = NULL;
	size_t n = 0;
	assert_int_equal(dict_match(d.names, &l, 0, l.n, 0, &es, &n), 2);
	assert_int_equal(n, ROWS);
	for (size_t i = 1; i < n; i++)
		assert_true(es[i].idx == es[i - 1].idx + 1);
	token_list_release(&l);
	dict_release(&d);
	unlink(path);
	rmdir(dir);
}

static void test_extra_directory_adds_an_actor(void **state)
{
	(void)state;
	char dir[256], path[512];
	temp_dir(dir, sizeof(dir));
	write_file(dir, "actors.tsv",
		   "CBSS\torg\tCouncil of the Baltic Sea States\tCBSS\t\t\n", path, sizeof(path));
	const char *extra[] = {dir};
	struct dict d;
	char *err = NULL;
	int rc = dict_load(&d, extra, 1, &err);
	if (rc)
		print_message("%s\n", err);
	assert_int_equal(rc, 0);
	long a = dict_actor_by_code(&d, "CBSS");
	assert_true(a >= 0);
	assert_int_equal(d.actors[a].kind, ACTOR_ORG);
	struct dict_entry e;
	assert_int_equal(match(&d, "Council of the Baltic Sea States met", 0, ENT_ACTOR, &e), 6);
	assert_int_equal((long)e.idx, a);
	assert_int_equal(match(&d, "CBSS members", 0, ENT_ACTOR, &e), 1);
	assert_int_equal((long)e.idx, a);
	dict_release(&d);
	unlink(path);
	rmdir(dir);
}

/* Loading `text` as extra file `name` fails; with `named`, the message names
 * the file and contains `line` (e.g. "line 3") when given. */
static void expect_load_error(const char *name, const char *text, int named, const char *line)
{
	char dir[256], path[512];
	temp_dir(dir, sizeof(dir));
	write_file(dir, name, text, path, sizeof(path));
	const char *extra[] = {path};
	struct dict d;
	char *err = NULL;
	assert_int_equal(dict_load(&d, extra, 1, &err), -1);
	assert_non_null(err);
	if (named && (!strstr(err, path) || (line && !strstr(err, line))))
		print_message("error: %s\n", err);
	if (named)
		assert_non_null(strstr(err, path));
	if (named && line)
		assert_non_null(strstr(err, line));
	free(err);
	unlink(path);
	rmdir(dir);
}

static void test_malformed_extra_files(void **state)
{
	(void)state;
	/* an impossible start date on line 3 */
	expect_load_error("persons.tsv",
			  "# two ministers\n"
			  "Gabrielius Landsbergis\tLTU\t\tforeign_minister|Minister of Foreign Affairs|2020-12-11|\n"
			  "Edgars Rinkevics\tLVA\t\tforeign_minister|Minister of Foreign Affairs|2011-13-25|\n",
			  1, "line 3");
	/* a kind that is not state, org or group on line 2 */
	expect_load_error("actors.tsv",
			  "CBSS\torg\tCouncil of the Baltic Sea States\t\t\t\n"
			  "XBA\tcountry\tBaltic Assembly\t\t\t\n",
			  1, "line 2");
	/* a role without its dates */
	expect_load_error("persons.tsv", "Edgars Rinkevics\tLVA\t\tforeign_minister\n", 1, "line 1");
	/* a file whose name says nothing of its columns: refused */
	expect_load_error("people.tsv", "Edgars Rinkevics\tLVA\t\t\n", 0, NULL);
}

/* ---- groups of states (groups.tsv) --------------------------------------- */

/* The codes of group g's members on y-m-d (0: no date), ';'-separated. */
static void members_on(const struct dict *d, size_t g, int y, int m, int dd, char *out, size_t cap)
{
	struct cdate when = y ? day(y, m, dd) : (struct cdate){0, 0, 0, PREC_UNKNOWN};
	out[0] = '\0';
	for (size_t k = 0; k < d->groups[g].n_members; k++)
		if (dict_member_on(&d->groups[g].members[k], &when))
			snprintf(out + strlen(out), cap - strlen(out), "%s%s", out[0] ? ";" : "",
				 d->groups[g].members[k].code);
}

static void test_groups_by_name(void **state)
{
	(void)state;
	struct dict_entry e;
	char codes[128];
	assert_int_equal(match(&shipped, "Baltic states expelled", 0, ENT_GROUP, &e), 2);
	members_on(&shipped, e.idx, 2022, 3, 18, codes, sizeof(codes));
	assert_string_equal(codes, "EST;LVA;LTU");
	assert_int_equal(match(&shipped, "Baltics", 0, ENT_GROUP, &e), 1);
	assert_int_equal(match(&shipped, "Koreas", 0, ENT_GROUP, &e), 1);
	members_on(&shipped, e.idx, 2018, 4, 27, codes, sizeof(codes));
	assert_string_equal(codes, "KOR;PRK");
	/* "Baltic" and "Nordic" alone are adjectives, no group */
	assert_int_equal(match(&shipped, "Baltic Sea", 0, ENT_GROUP, &e), 0);
	assert_int_equal(match(&shipped, "Baltic region", 0, ENT_GROUP, &e), 0);
	assert_int_equal(match(&shipped, "Nordic leaders", 0, ENT_GROUP, &e), 0);
	/* an organisation with its own code stays one */
	assert_int_equal(match(&shipped, "BRICS", 0, ENT_GROUP, &e), 0);
	assert_int_equal(match(&shipped, "BRICS", 0, ENT_ACTOR, &e), 1);
	/* membership by date: Czechoslovakia's place taken by its successors */
	assert_int_equal(match(&shipped, "Visegrad Four", 0, ENT_GROUP, &e), 2);
	members_on(&shipped, e.idx, 1991, 10, 6, codes, sizeof(codes));
	assert_string_equal(codes, "CSK;HUN;POL");
	members_on(&shipped, e.idx, 2015, 9, 4, codes, sizeof(codes));
	assert_string_equal(codes, "CZE;SVK;HUN;POL");
	members_on(&shipped, e.idx, 0, 0, 0, codes, sizeof(codes));
	assert_string_equal(codes, "CZE;SVK;HUN;POL");
}

static void test_extra_file_adds_a_group(void **state)
{
	(void)state;
	char dir[256], groups[512], actors[512];
	temp_dir(dir, sizeof(dir));
	/* named before the actors.tsv that holds one of its states: codes are
	 * checked once every file is read */
	write_file(dir, "groups.tsv", "# founded in Lublin on 2020-07-28\nLublin Triangle\t\tPOL; LTU; UKR\n"
		   "Ruritanian Pact\tRuritanian states\tXRU; XGS|2001-01-01|\n", groups, sizeof(groups));
	write_file(dir, "actors.tsv", "XRU\tstate\tRuritania\t\tRuritanian\t\nXGS\tstate\tGrand Fenwick\t\t\t\n",
		   actors, sizeof(actors));
	const char *extra[] = {groups, actors};
	struct dict d;
	char *err = NULL;
	int rc = dict_load(&d, extra, 2, &err);
	if (rc)
		print_message("%s\n", err);
	assert_int_equal(rc, 0);
	assert_true(d.n_groups == shipped.n_groups + 2);
	struct dict_entry e;
	char codes[128];
	assert_int_equal(match(&d, "Lublin Triangle met", 0, ENT_GROUP, &e), 2);
	assert_string_equal(d.groups[e.idx].name, "Lublin Triangle");
	members_on(&d, e.idx, 2020, 7, 28, codes, sizeof(codes));
	assert_string_equal(codes, "POL;LTU;UKR");
	assert_int_equal(match(&d, "Ruritanian states", 0, ENT_GROUP, &e), 2);
	members_on(&d, e.idx, 2000, 6, 1, codes, sizeof(codes));
	assert_string_equal(codes, "XRU");
	/* the shipped groups are still there */
	assert_int_equal(match(&d, "Nordic countries", 0, ENT_GROUP, &e), 2);
	dict_release(&d);
	unlink(groups);
	unlink(actors);
	rmdir(dir);
}

static void test_malformed_groups(void **state)
{
	(void)state;
	/* a member code no actor has, on line 3 */
	expect_load_error("groups.tsv", "# two triangles\nWeimar Triangle\t\tFRA; DEU; POL\nLublin Triangle\t\tPOL; LTU; UKX\n",
			  1, "line 3");
	/* a member that is an organisation, not a state */
	expect_load_error("groups.tsv", "Atlantic pair\t\tUSA; NATO\n", 1, "line 1");
	/* no members */
	expect_load_error("groups.tsv", "Weimar Triangle\t\tFRA; DEU; POL\nLublin Triangle\t\t\n", 1, "line 2");
	/* one member: another name of the state */
	expect_load_error("groups.tsv", "Lublin Triangle\t\tPOL\n", 1, "line 1");
	/* two columns, and four */
	expect_load_error("groups.tsv", "Lublin Triangle\tPOL; LTU; UKR\n", 1, "line 1");
	expect_load_error("groups.tsv", "Weimar Triangle\t\tFRA; DEU; POL\nLublin Triangle\t\tPOL; LTU; UKR\t2020\n", 1,
			  "line 2");
	/* a member's code in lower case, and a bad date */
	expect_load_error("groups.tsv", "Lublin Triangle\t\tpol; LTU; UKR\n", 1, "line 1");
	expect_load_error("groups.tsv", "Lublin Triangle\t\tPOL|2020-07-32|; LTU; UKR\n", 1, "line 1");
	/* more members than an event holds parties of a mention (33) */
	static const char *const codes[] = {"USA", "CAN", "MEX", "BRA", "ARG", "CHL", "PER", "COL", "VEN", "ECU", "BOL",
					    "URY", "PRY", "GBR", "FRA", "DEU", "ITA", "ESP", "PRT", "NLD", "BEL", "LUX",
					    "AUT", "CHE", "POL", "CZE", "SVK", "HUN", "ROU", "BGR", "GRC", "TUR", "CYP"};
	char big[512] = "Weimar Triangle\t\tFRA; DEU; POL\nGrand Union\t\t";
	for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
		strcat(big, i ? "; " : "");
		strcat(big, codes[i]);
	}
	strcat(big, "\n");
	expect_load_error("groups.tsv", big, 1, "at most 32 members");
	/* a member listed twice for the same time, or leaving before it joined */
	expect_load_error("groups.tsv", "Lublin Triangle\t\tPOL; LTU; UKR; POL\n", 1, "listed twice");
	expect_load_error("groups.tsv", "Visegrad\t\tCSK||1992-12-31; CZE|1993-01-01|; HUN; POL; CZE|2004|\n", 1,
			  "listed twice");
	expect_load_error("groups.tsv", "Visegrad\t\tCSK|1992-12-31|1991-02-15; HUN; POL\n", 1, "after its end");
	/* (a state that left and came back, once per stay, loads) */
	char dir[256], path[512];
	temp_dir(dir, sizeof(dir));
	write_file(dir, "groups.tsv", "Old Quartet\t\tCZE||1999-12-31; CZE|2004-01-01|; HUN; POL\n", path, sizeof(path));
	const char *extra[] = {path};
	struct dict d;
	char *err = NULL;
	assert_int_equal(dict_load(&d, extra, 1, &err), 0);
	assert_null(err);
	dict_release(&d);
	unlink(path);
	rmdir(dir);
}

/* ---- inflection and nominalisation from the lemma ------------------------ */

/* The forms "word+" (or "word++" with dbl) gives hold exactly `want`,
 * a ';'-separated list in any order. */
static void expect_verb_forms(const char *lemma, int dbl, const char *want)
{
	struct dict_forms_out o;
	dict_verb_forms(&shipped, lemma, dbl, &o);
	char buf[1024] = "";
	for (int i = 0; i < o.n; i++)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s%s", i ? ";" : "", o.f[i]);
	int n_want = 1;
	for (const char *c = want; *c; c++)
		n_want += *c == ';';
	if (o.n != n_want)
		print_message("%s: %s (want %s)\n", lemma, buf, want);
	assert_int_equal(o.n, n_want);
	char w[512];
	snprintf(w, sizeof(w), "%s", want);
	char *save = NULL;
	for (char *f = strtok_r(w, ";", &save); f; f = strtok_r(NULL, ";", &save)) {
		int found = 0;
		for (int i = 0; i < o.n; i++)
			found |= !strcmp(o.f[i], f);
		if (!found)
			print_message("%s: no '%s' in %s\n", lemma, f, buf);
		assert_true(found);
	}
}

static void test_regular_inflection_by_spelling_rules(void **state)
{
	(void)state;
	expect_verb_forms("condemn", 0, "condemn;condemns;condemned;condemning");
	expect_verb_forms("denounce", 0, "denounce;denounces;denounced;denouncing");
	expect_verb_forms("decry", 0, "decry;decries;decried;decrying");
	expect_verb_forms("stay", 0, "stay;stays;stayed;staying");
	expect_verb_forms("lambast", 0, "lambast;lambasts;lambasted;lambasting");
	expect_verb_forms("reach", 0, "reach;reaches;reached;reaching");
	expect_verb_forms("agree", 0, "agree;agrees;agreed;agreeing");
	expect_verb_forms("veto", 0, "veto;vetoes;vetoed;vetoing");
	expect_verb_forms("tie", 0, "tie;ties;tied;tying");
	/* one short vowel before one consonant: doubled, without being told */
	expect_verb_forms("slam", 0, "slam;slams;slammed;slamming");
	expect_verb_forms("ban", 0, "ban;bans;banned;banning");
	expect_verb_forms("back", 0, "back;backs;backed;backing");
	expect_verb_forms("hail", 0, "hail;hails;hailed;hailing");
	/* British and American spellings of -l */
	expect_verb_forms("label", 0, "label;labels;labelled;labeled;labelling;labeling");
	expect_verb_forms("initial", 0, "initial;initials;initialled;initialed;initialling;initialing");
	expect_verb_forms("appeal", 0, "appeal;appeals;appealed;appealing");
	expect_verb_forms("reveal", 0, "reveal;reveals;revealed;revealing");
	/* "++" doubles where the stress is not seen by the rules */
	expect_verb_forms("rebut", 1, "rebut;rebuts;rebutted;rebutting");
}

static void test_irregular_inflection_from_verbs_tsv(void **state)
{
	(void)state;
	expect_verb_forms("meet", 0, "meet;meets;met;meeting");
	expect_verb_forms("hold", 0, "hold;holds;held;holding");
	expect_verb_forms("give", 0, "give;gives;gave;given;giving");
	expect_verb_forms("freeze", 0, "freeze;freezes;froze;frozen;freezing");
	expect_verb_forms("strike", 0, "strike;strikes;struck;striking");
	expect_verb_forms("cut", 0, "cut;cuts;cutting");
	/* the table's doubled past doubles -ing too */
	expect_verb_forms("regret", 0, "regret;regrets;regretted;regretting");
	expect_verb_forms("expel", 0, "expel;expels;expelled;expelling");
}

/* "meet+ed", "meet+s", "sign+ing": some of a verb's forms, for wordings
 * whose other forms mean something else ("a meeting", "the signing"). */
static void test_some_forms_of_a_verb(void **state)
{
	(void)state;
	char dir[256], path[512];
	temp_dir(dir, sizeof(dir));
	write_file(dir, "events.tsv",
		   "meeting\t043\tsym\tforegather+ed|forgather+s ... envoys\n"
		   "agreement\t057\tsym\tundertake+ed ... pact\n"
		   "meeting\t043\tsym\tforegather+ing with\n",
		   path, sizeof(path));
	const char *extra[] = {path};
	struct dict d;
	char *err = NULL;
	int rc = dict_load(&d, extra, 1, &err);
	if (rc)
		print_message("%s\n", err);
	assert_int_equal(rc, 0);
	struct dict_entry e;
	assert_int_equal(match(&d, "foregathered", 1, ENT_TRIGGER, &e), 1);
	assert_int_equal(match(&d, "forgathers", 1, ENT_TRIGGER, &e), 1);
	assert_int_equal(match(&d, "foregather", 1, ENT_TRIGGER, &e), 0);
	assert_int_equal(match(&d, "foregathering with", 1, ENT_TRIGGER, &e), 2);
	assert_int_equal(match(&d, "foregathering", 1, ENT_TRIGGER, &e), 0);
	/* the irregular past and participle of verbs.tsv */
	assert_int_equal(match(&d, "undertook", 1, ENT_TRIGGER, &e), 1);
	assert_int_equal(match(&d, "undertaken", 1, ENT_TRIGGER, &e), 1);
	assert_int_equal(match(&d, "undertakes", 1, ENT_TRIGGER, &e), 0);
	dict_release(&d);
	unlink(path);
	rmdir(dir);
}

static void test_nominalisations_from_verbs_tsv(void **state)
{
	(void)state;
	struct dict_forms_out o;
	assert_int_equal(dict_noun_forms(&shipped, "condemn", &o), 0);
	assert_int_equal(o.n, 2);
	assert_string_equal(o.f[0], "condemnation");
	assert_string_equal(o.f[1], "condemnations");
	assert_int_equal(dict_noun_forms(&shipped, "deny", &o), 0);
	assert_string_equal(o.f[0], "denial");
	assert_string_equal(o.f[1], "denials");
	assert_int_equal(dict_noun_forms(&shipped, "expel", &o), 0);
	assert_string_equal(o.f[0], "expulsion");
	/* a verb the table gives no noun for */
	assert_int_equal(dict_noun_forms(&shipped, "hold", &o), -1);
	assert_int_equal(dict_noun_forms(&shipped, "frobnicate", &o), -1);
}

/* An analyst's verbs.tsv and events.tsv: a new irregular verb and its noun
 * used by a new pattern, matched in every form. */
static void test_extra_verbs_and_wording(void **state)
{
	(void)state;
	char dir[256], vpath[512], epath[512];
	temp_dir(dir, sizeof(dir));
	write_file(dir, "verbs.tsv", "# an irregular verb and its noun\nforswear\tforswore\tforsworn\tforswearing\n",
		   vpath, sizeof(vpath));
	write_file(dir, "events.tsv",
		   "rejection\t120\tdir\tforswear+ ... alliance\n"
		   "rejection\t120\tdir,noun\tforswear~ of\n"
		   "condemnation\t111\tdir\tpillory+\n",
		   epath, sizeof(epath));
	const char *extra[] = {dir};
	struct dict d;
	char *err = NULL;
	int rc = dict_load(&d, extra, 1, &err);
	if (rc)
		print_message("%s\n", err);
	assert_int_equal(rc, 0);
	struct dict_entry e;
	assert_int_equal(match(&d, "forswore the alliance", 1, ENT_TRIGGER, &e), 1);
	assert_string_equal(d.triggers[e.idx].type, "rejection");
	assert_int_equal(match(&d, "forsworn", 1, ENT_TRIGGER, &e), 1);
	assert_int_equal(match(&d, "forswearing of", 1, ENT_TRIGGER, &e), 2);
	assert_true(d.triggers[e.idx].noun);
	assert_int_equal(match(&d, "pilloried", 1, ENT_TRIGGER, &e), 1);
	assert_string_equal(d.triggers[e.idx].type, "condemnation");
	assert_int_equal(match(&d, "pillories", 1, ENT_TRIGGER, &e), 1);
	dict_release(&d);
	unlink(vpath);
	unlink(epath);
	rmdir(dir);
}

/* Where the wordings of the longest key all need a tail that is missing, a
 * shorter key's wording is tried after them. */
static void test_shorter_wording_after_longer(void **state)
{
	(void)state;
	char dir[256], path[512];
	temp_dir(dir, sizeof(dir));
	write_file(dir, "events.tsv",
		   "appeal\t100\tdir\tbade farewell ... envoy\n"
		   "condemnation\t111\tdir\tbade ... nonsense\n",
		   path, sizeof(path));
	const char *extra[] = {path};
	struct dict d;
	char *err = NULL;
	assert_int_equal(dict_load(&d, extra, 1, &err), 0);
	struct token_list l;
	token_list_init(&l);
	const char *text = "bade farewell";
	assert_int_equal(tokenize(text, strlen(text), 0, &l), 0);
	const struct dict_entry *es = NULL;
	size_t n = 0;
	assert_int_equal(dict_match(d.words, &l, 0, l.n, 1, &es, &n), 2);
	assert_int_equal(n, 2);
	assert_string_equal(d.triggers[es[0].idx].type, "appeal");
	assert_string_equal(d.triggers[es[1].idx].type, "condemnation");
	token_list_release(&l);
	dict_release(&d);
	unlink(path);
	rmdir(dir);
}

static void test_malformed_event_wording(void **state)
{
	(void)state;
	/* a misspelt type on line 2 */
	expect_load_error("events.tsv", "condemnation\t111\tdir\tpillory+\ncondemnaton\t111\tdir\tbash+\n", 1, "line 2");
	/* a CAMEO code that is no code */
	expect_load_error("events.tsv", "# one row\ncondemnation\t11a\tdir\tpillory+\n", 1, "line 2");
	/* a frame that is none of dir, sym, src */
	expect_load_error("events.tsv", "condemnation\t111\tdirected\tpillory+\n", 1, "line 1");
	/* a noun asked of a lemma verbs.tsv gives none for */
	expect_load_error("events.tsv", "condemnation\t111\tdir,noun\tpillory~ of\n", 1, "line 1");
	/* '...' with nothing after it */
	expect_load_error("events.tsv", "sanctions\t163\tdir\tslap+ ...\n", 1, "line 1");
	/* a form the '+' does not know */
	expect_load_error("events.tsv", "sanctions\t163\tdir\tslap+en ... sanctions\n", 1, "line 1");
	/* a lone '+' */
	expect_load_error("events.tsv", "sanctions\t163\tdir\tslap +\n", 1, "line 1");
	/* a missing column */
	expect_load_error("events.tsv", "sanctions\t163\tslap+\n", 1, "line 1");
	/* verbs.tsv: an irregular past without participle, a phrase for a form */
	expect_load_error("verbs.tsv", "forswear\tforswore\t\t\n", 1, "line 1");
	expect_load_error("verbs.tsv", "# x\nforswear\tforswore\tforsworn\tforswearing off\n", 1, "line 2");
}

static void test_missing_extra_file(void **state)
{
	(void)state;
	const char *extra[] = {"/nonexistent/communique/persons.tsv"};
	struct dict d;
	char *err = NULL;
	assert_int_equal(dict_load(&d, extra, 1, &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, "/nonexistent/communique/persons.tsv"));
	free(err);
}

/* The family name under a generational suffix. */
static void test_surname(void **state)
{
	(void)state;
	const struct {
		const char *name, *surname;
	} cases[] = {
		{"Ferdinand Marcos Jr.", "Marcos"}, {"Benigno Aquino III", "Aquino"},
		{"Teodoro Locsin Jr", "Locsin"},    {"Sergei Lavrov", "Lavrov"},
		{"Suharto", "Suharto"},             {"Jr.", "Jr."},
		{"Joseph R. Biden, Jr.", "Biden"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		size_t n;
		const char *p = dict_surname(cases[i].name, &n);
		assert_int_equal(n, strlen(cases[i].surname));
		assert_memory_equal(p, cases[i].surname, n);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_state_by_name_and_alias),
		cmocka_unit_test(test_state_by_adjective),
		cmocka_unit_test(test_state_by_metonym),
		cmocka_unit_test(test_organisation_bodies_carry_its_code),
		cmocka_unit_test(test_possessive_and_compound_show_the_name),
		cmocka_unit_test(test_names_are_case_sensitive),
		cmocka_unit_test(test_person_by_name_and_alias),
		cmocka_unit_test(test_first_token_filters),
		cmocka_unit_test(test_role_holder_among_many_of_a_code),
		cmocka_unit_test(test_role_holder_by_date),
		cmocka_unit_test(test_person_role_by_date),
		cmocka_unit_test(test_unknown_date_gives_a_role),
		cmocka_unit_test(test_organisation_roles),
		cmocka_unit_test(test_titles),
		cmocka_unit_test(test_event_wording_matches_lower_case),
		cmocka_unit_test(test_event_wording),
		cmocka_unit_test(test_event_wording_of_the_field),
		cmocka_unit_test(test_extra_file_adds_a_person),
		cmocka_unit_test(test_extra_directory_adds_an_actor),
		cmocka_unit_test(test_many_rows_sharing_names_load_in_linear_work),
		cmocka_unit_test(test_malformed_extra_files),
		cmocka_unit_test(test_groups_by_name),
		cmocka_unit_test(test_extra_file_adds_a_group),
		cmocka_unit_test(test_malformed_groups),
		cmocka_unit_test(test_missing_extra_file),
		cmocka_unit_test(test_regular_inflection_by_spelling_rules),
		cmocka_unit_test(test_irregular_inflection_from_verbs_tsv),
		cmocka_unit_test(test_some_forms_of_a_verb),
		cmocka_unit_test(test_nominalisations_from_verbs_tsv),
		cmocka_unit_test(test_extra_verbs_and_wording),
		cmocka_unit_test(test_shorter_wording_after_longer),
		cmocka_unit_test(test_malformed_event_wording),
		cmocka_unit_test(test_surname),
	};
	return cmocka_run_group_tests(tests, load_shipped, release_shipped);
}
