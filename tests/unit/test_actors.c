/* The shipped actor dictionaries (dict/actors.tsv, persons.tsv, titles.tsv):
 * states by official long name, short name, abbreviation, demonym, capital
 * and seat of government, with straight or curly apostrophes; ministries and
 * agencies of a state; organisations and their organs; states that no
 * longer exist; office-holders by date; and the rule that a phrase points to
 * one code only. The last group runs the extractor on sentences of our own
 * about real diplomacy to see those names act for their state. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/dict.h"
#include "ingest/extract.h"
#define EXTRACTOR_FIXTURE
#define DICT_FIXTURE
#include "extractor_fixture.h"

/* The longest names-trie match at the start of `text` and its entries. */
static size_t match_all(const char *text, const struct dict_entry **es, size_t *n)
{
	struct token_list l;
	token_list_init(&l);
	assert_int_equal(tokenize(text, strlen(text), 0, &l), 0);
	size_t m = dict_match(shipped.names, &l, 0, l.n, 0, es, n);
	size_t ntok = l.n;
	token_list_release(&l);
	/* Callers ask whether the whole text is one key. */
	return m == ntok ? m : 0;
}

/* The code of the actor the whole of `text` names, or NULL. */
static const char *actor_code(const char *text, int *sub)
{
	const struct dict_entry *es;
	size_t n;
	if (!match_all(text, &es, &n))
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (es[i].kind == ENT_ACTOR) {
			if (sub)
				*sub = es[i].sub;
			return shipped.actors[es[i].idx].code;
		}
	return NULL;
}

static void expect_code(const char *text, const char *code, int sub)
{
	int got_sub = -1;
	const char *got = actor_code(text, &got_sub);
	if (!got || strcmp(got, code) || (sub >= 0 && got_sub != sub))
		print_message("'%s': expected %s (kind %d), got %s (kind %d)\n", text, code, sub, got ? got : "none",
			      got_sub);
	assert_non_null(got);
	assert_string_equal(got, code);
	if (sub >= 0)
		assert_int_equal(got_sub, sub);
}

static void expect_no_actor(const char *text)
{
	const char *got = actor_code(text, NULL);
	if (got)
		print_message("'%s' should name no actor, names %s\n", text, got);
	assert_null(got);
}

static long person_named(const char *name)
{
	for (size_t i = 0; i < shipped.n_persons; i++)
		if (!strcmp(shipped.persons[i].name, name))
			return (long)i;
	return -1;
}

static const char *holder(const char *role, const char *code, int y, int m, int d)
{
	struct cdate when = {y, m, d, PREC_DAY};
	long i = dict_role_holder(&shipped, role, code, &when);
	return i >= 0 ? shipped.persons[i].name : "";
}

/* ---- states ------------------------------------------------------------- */

static void test_official_long_names_and_abbreviations(void **state)
{
	(void)state;
	expect_code("Republic of the Union of Myanmar", "MMR", AL_NAME);
	expect_code("Kingdom of Saudi Arabia", "SAU", AL_NAME);
	expect_code("Islamic Republic of Iran", "IRN", AL_NAME);
	expect_code("Lao People's Democratic Republic", "LAO", AL_NAME);
	expect_code("Lao PDR", "LAO", AL_NAME);
	expect_code("DPRK", "PRK", AL_NAME);
	expect_code("ROK", "KOR", AL_NAME);
	expect_code("PRC", "CHN", AL_NAME);
	expect_code("UAE", "ARE", AL_NAME);
	expect_code("KSA", "SAU", AL_NAME);
	expect_code("U.S.", "USA", AL_NAME);
	expect_code("US", "USA", AL_NAME);
	expect_code("U.K.", "GBR", AL_NAME);
	expect_code("UK", "GBR", AL_NAME);
	expect_code("Türkiye", "TUR", AL_NAME);
	expect_code("Viet Nam", "VNM", AL_NAME);
	expect_code("Timor-Leste", "TLS", AL_NAME);
	expect_code("Holy See", "VAT", AL_NAME);
	expect_code("State of Palestine", "PSE", AL_NAME);
	expect_code("Kosovo", "XKX", AL_NAME);
	expect_code("Chinese Taipei", "TWN", AL_NAME);
	/* Names written with a space where the official form has a hyphen:
	 * "Guinea Bissau" is never Guinea. */
	expect_code("Guinea Bissau", "GNB", AL_NAME);
	expect_code("Congo Brazzaville", "COG", AL_NAME);
	expect_code("Congo Kinshasa", "COD", AL_NAME);
	expect_code("Bosnia Herzegovina", "BIH", AL_NAME);
	/* Part of the United Kingdom: never Ireland, the name inside it. */
	expect_code("Northern Ireland", "GBR", AL_NAME);
	/* Renamed states keep their code under the old name. */
	expect_code("Zaire", "COD", AL_NAME);
	expect_code("Kampuchea", "KHM", AL_NAME);
	expect_code("Burma", "MMR", AL_NAME);
	/* Namibia's name before 1990, never South Africa inside it. */
	expect_code("South West Africa", "NAM", AL_NAME);
	expect_code("South-West Africa", "NAM", AL_NAME);
}

/* The DPRK is never South Korea, whichever apostrophe the text uses. */
static void test_straight_and_curly_apostrophes(void **state)
{
	(void)state;
	expect_code("Democratic People's Republic of Korea", "PRK", AL_NAME);
	expect_code("Democratic People\u2019s Republic of Korea", "PRK", AL_NAME);
	expect_code("People's Republic of China", "CHN", AL_NAME);
	expect_code("People\u2019s Republic of China", "CHN", AL_NAME);
	expect_code("Lao People\u2019s Democratic Republic", "LAO", AL_NAME);
	expect_code("Côte d'Ivoire", "CIV", AL_NAME);
	expect_code("Côte d\u2019Ivoire", "CIV", AL_NAME);
	expect_code("Cote d\u2019Ivoire", "CIV", AL_NAME);
	expect_code("Quai d\u2019Orsay", "FRA", AL_METONYM);
	expect_code("N\u2019Djamena", "TCD", AL_METONYM);
	expect_code("United Nations Children\u2019s Fund", "UN", AL_NAME);
	/* Every name written with a straight apostrophe has its curly twin, for
	 * actors and persons alike, and both point to the same entry's code. */
	size_t twins = 0;
	for (size_t a = 0; a < shipped.n_actors; a++) {
		const struct dict_actor *act = &shipped.actors[a];
		for (size_t k = 0; k < act->n_aliases; k++) {
			const char *s = act->aliases[k];
			if (!strchr(s, '\''))
				continue;
			char curly[256];
			size_t o = 0;
			for (const char *p = s; *p && o + 4 < sizeof(curly); p++) {
				if (*p == '\'') {
					memcpy(curly + o, "\u2019", 3);
					o += 3;
				} else {
					curly[o++] = *p;
				}
			}
			curly[o] = '\0';
			const char *code = actor_code(curly, NULL);
			if (!code || strcmp(code, act->code))
				print_message("no curly twin of '%s' (%s)\n", s, act->code);
			assert_non_null(code);
			assert_string_equal(code, act->code);
			twins++;
		}
	}
	assert_true(twins >= 20);
	const struct dict_entry *es;
	size_t n;
	assert_true(match_all("Gideon Sa\u2019ar", &es, &n) > 0);
	assert_int_equal(es[0].kind, ENT_PERSON);
	assert_string_equal(shipped.persons[es[0].idx].code, "ISR");
}

static void test_demonyms(void **state)
{
	(void)state;
	expect_code("Emirati", "ARE", AL_ADJ);
	expect_code("Saudi", "SAU", AL_ADJ);
	expect_code("Saudi Arabian", "SAU", AL_ADJ);
	expect_code("Filipino", "PHL", AL_ADJ);
	expect_code("Iranian", "IRN", AL_ADJ);
	expect_code("North Korean", "PRK", AL_ADJ);
	expect_code("South Korean", "KOR", AL_ADJ);
	expect_code("Ivorian", "CIV", AL_ADJ);
	/* Words that name no state alone. */
	expect_no_actor("Korean");
	expect_no_actor("Congolese");
	expect_no_actor("Kiwi");
}

static void test_capitals_and_seats_of_government(void **state)
{
	(void)state;
	expect_code("Kremlin", "RUS", AL_METONYM);
	expect_code("White House", "USA", AL_METONYM);
	expect_code("Foggy Bottom", "USA", AL_METONYM);
	expect_code("Downing Street", "GBR", AL_METONYM);
	expect_code("Elysee", "FRA", AL_METONYM);
	expect_code("Élysée", "FRA", AL_METONYM);
	expect_code("Zhongnanhai", "CHN", AL_METONYM);
	expect_code("Blue House", "KOR", AL_METONYM);
	expect_code("Kasumigaseki", "JPN", AL_METONYM);
	expect_code("Ankara", "TUR", AL_METONYM);
	expect_code("Tehran", "IRN", AL_METONYM);
	expect_code("Raisina Hill", "IND", AL_METONYM);
	expect_code("Tel Aviv", "ISR", AL_METONYM);
	expect_code("Peking", "CHN", AL_METONYM);
	/* Capitals that are common names or stand for several actors are left out. */
	expect_no_actor("Sofia");
	expect_no_actor("Vienna");
	expect_no_actor("Jerusalem");
	expect_no_actor("Korea");
	expect_no_actor("Congo");
}

static void test_ministries_and_agencies_of_a_state(void **state)
{
	(void)state;
	expect_code("State Department", "USA", AL_METONYM);
	expect_code("Pentagon", "USA", AL_METONYM);
	/* The White House's council, never the UN's "Security Council" inside it. */
	expect_code("US National Security Council", "USA", AL_METONYM);
	expect_code("U.S. National Security Council", "USA", AL_METONYM);
	expect_code("Russian Security Council", "RUS", AL_METONYM);
	expect_code("Treasury Department", "USA", AL_METONYM);
	expect_code("Office of Foreign Assets Control", "USA", AL_METONYM);
	expect_code("FCDO", "GBR", AL_METONYM);
	expect_code("Global Affairs Canada", "CAN", AL_METONYM);
	expect_code("DFAT", "AUS", AL_METONYM);
	expect_code("MEA", "IND", AL_METONYM);
	expect_code("Auswärtiges Amt", "DEU", AL_METONYM);
	expect_code("German Foreign Office", "DEU", AL_METONYM);
	expect_code("Unification Ministry", "KOR", AL_METONYM);
	expect_code("Mainland Affairs Council", "TWN", AL_METONYM);
	expect_code("Taiwan Affairs Office", "CHN", AL_METONYM);
	expect_code("Ministry of External Affairs", "IND", AL_METONYM);
	expect_code("MITI", "JPN", AL_METONYM);
	expect_code("Supreme National Security Council", "IRN", AL_METONYM);
	expect_code("IRGC", "IRN", AL_METONYM);
	expect_code("State Administration Council", "MMR", AL_METONYM);
	expect_code("Executive Yuan", "TWN", AL_METONYM);
	expect_code("People’s Liberation Army", "CHN", AL_METONYM);
	expect_code("State Duma", "RUS", AL_METONYM);
	expect_code("Knesset", "ISR", AL_METONYM);
	expect_code("USAID", "USA", AL_METONYM);
	/* Names that several states' ministries carry stay out: they belong to
	 * the state of whoever issued the report. */
	expect_no_actor("Foreign Office");
	expect_no_actor("Foreign Ministry");
	expect_no_actor("MOFA");
	expect_no_actor("Treasury");
}

/* ---- states that no longer exist ----------------------------------------- */

static void test_historical_states(void **state)
{
	(void)state;
	expect_code("Soviet Union", "SUN", AL_NAME);
	expect_code("USSR", "SUN", AL_NAME);
	expect_code("Soviet", "SUN", AL_ADJ);
	expect_code("Soviets", "SUN", AL_NAME);
	expect_code("Yugoslavia", "YUG", AL_NAME);
	expect_code("Yugoslav", "YUG", AL_ADJ);
	expect_code("Czechoslovakia", "CSK", AL_NAME);
	expect_code("East Germany", "DDR", AL_NAME);
	expect_code("German Democratic Republic", "DDR", AL_NAME);
	expect_code("East German", "DDR", AL_ADJ);
	expect_code("East Berlin", "DDR", AL_METONYM);
	expect_code("West Germany", "DEU", AL_NAME);
	expect_code("West German", "DEU", AL_ADJ);
	expect_code("Bonn", "DEU", AL_METONYM);
	/* The European Community of before 1993 is the EU. */
	expect_code("European Community", "EU", AL_NAME);
	expect_code("EEC", "EU", AL_NAME);
	expect_code("EC", "EU", AL_NAME);
	long a = dict_actor_by_code(&shipped, "SUN");
	assert_true(a >= 0);
	assert_int_equal(shipped.actors[a].kind, ACTOR_STATE);
}

/* ---- organisations ------------------------------------------------------- */

static void test_organisations_and_their_organs(void **state)
{
	(void)state;
	expect_code("UN Security Council", "UN", AL_NAME);
	expect_code("UNSC", "UN", AL_NAME);
	expect_code("UNGA", "UN", AL_NAME);
	expect_code("Human Rights Council", "UN", AL_NAME);
	expect_code("UNHCR", "UN", AL_NAME);
	expect_code("UNRWA", "UN", AL_NAME);
	expect_code("World Food Programme", "UN", AL_NAME);
	expect_code("IAEA", "IAEA", AL_NAME);
	expect_code("UN nuclear watchdog", "IAEA", AL_NAME);
	expect_code("OPCW", "OPCW", AL_NAME);
	expect_code("Council of the European Union", "EU", AL_NAME);
	expect_code("European Council", "EU", AL_NAME);
	expect_code("European Parliament", "EU", AL_NAME);
	expect_code("EEAS", "EU", AL_NAME);
	expect_code("North Atlantic Council", "NATO", AL_NAME);
	expect_code("League of Arab States", "ARL", AL_NAME);
	expect_code("Arab League", "ARL", AL_NAME);
	expect_code("African Union Commission", "AU", AL_NAME);
	expect_code("Organization of African Unity", "AU", AL_NAME);
	expect_code("CSCE", "OSCE", AL_NAME);
	expect_code("Association of South-East Asian Nations", "ASEAN", AL_NAME);
	expect_code("GATT", "GATT", AL_NAME);
	expect_code("G-7", "G7", AL_NAME);
	expect_code("Group of 20", "G20", AL_NAME);
	expect_code("Palestine Liberation Organization", "PSE", AL_NAME);
	/* Armed and political groups carry the code of their state. */
	expect_code("Hamas", "PSE", AL_NAME);
	expect_code("Hezbollah", "LBN", AL_NAME);
	expect_code("Houthis", "YEM", AL_NAME);
	expect_code("Pakistani Taliban", "PAK", AL_NAME);
	expect_code("Taliban", "AFG", AL_NAME);
	/* The organisation's row comes first for its code. */
	long a = dict_actor_by_code(&shipped, "UN");
	assert_true(a >= 0);
	assert_string_equal(shipped.actors[a].name, "United Nations");
	a = dict_actor_by_code(&shipped, "PSE");
	assert_string_equal(shipped.actors[a].name, "Palestine");
	/* groupings of the Cold War years and regional unions */
	expect_code("Non-Aligned Movement", "NAMO", AL_NAME);
	/* Namibia keeps its ISO code; the movement has its own. */
	expect_code("Namibia", "NAM", AL_NAME);
	expect_code("Warsaw Pact", "WPO", AL_NAME);
	expect_code("Comecon", "CMEA", AL_NAME);
	expect_code("Arab Maghreb Union", "AMU", AL_NAME);
}

/* A phrase points to one code only, across every actor row; and a phrase is
 * never both an actor and a person. */
static void test_no_phrase_points_to_two_codes(void **state)
{
	(void)state;
	size_t checked = 0;
	for (size_t a = 0; a < shipped.n_actors; a++) {
		const struct dict_actor *act = &shipped.actors[a];
		for (size_t k = 0; k < act->n_aliases; k++) {
			const struct dict_entry *es;
			size_t n;
			assert_true(match_all(act->aliases[k], &es, &n) > 0);
			for (size_t i = 0; i < n; i++) {
				if (es[i].kind == ENT_PERSON)
					print_message("'%s' is an actor and a person\n", act->aliases[k]);
				assert_int_not_equal(es[i].kind, ENT_PERSON);
				if (es[i].kind != ENT_ACTOR)
					continue;
				const char *other = shipped.actors[es[i].idx].code;
				if (strcmp(other, act->code))
					print_message("'%s' points to %s and %s\n", act->aliases[k], act->code, other);
				assert_string_equal(other, act->code);
			}
			checked++;
		}
	}
	assert_true(checked > 1000);
	/* An organisation's code is a state's only when it speaks for that state
	 * (the PLO is Palestine's); "NAM" is Namibia, not the Non-Aligned Movement. */
	for (size_t a = 0; a < shipped.n_actors; a++)
		for (size_t b = 0; b < shipped.n_actors; b++)
			if (shipped.actors[a].kind == ACTOR_ORG && shipped.actors[b].kind == ACTOR_STATE &&
			    !strcmp(shipped.actors[a].code, shipped.actors[b].code) &&
			    !strstr(shipped.actors[a].name, shipped.actors[b].name)) {
				print_message("%s is %s and %s\n", shipped.actors[a].code, shipped.actors[a].name,
					      shipped.actors[b].name);
				fail();
			}
	/* Canonical names are unique. */
	for (size_t a = 0; a < shipped.n_actors; a++)
		for (size_t b = a + 1; b < shipped.n_actors; b++)
			assert_string_not_equal(shipped.actors[a].name, shipped.actors[b].name);
	for (size_t a = 0; a < shipped.n_persons; a++)
		for (size_t b = a + 1; b < shipped.n_persons; b++)
			assert_string_not_equal(shipped.persons[a].name, shipped.persons[b].name);
	/* Every person's code is an actor's. */
	for (size_t p = 0; p < shipped.n_persons; p++) {
		if (dict_actor_by_code(&shipped, shipped.persons[p].code) < 0)
			print_message("%s: unknown code %s\n", shipped.persons[p].name, shipped.persons[p].code);
		assert_true(dict_actor_by_code(&shipped, shipped.persons[p].code) >= 0);
	}
}

/* ---- persons and titles --------------------------------------------------- */

static void test_office_holders_by_date(void **state)
{
	(void)state;
	/* 1987 */
	assert_string_equal(holder("foreign_minister", "SUN", 1987, 4, 13), "Eduard Shevardnadze");
	assert_string_equal(holder("head_of_state", "SUN", 1987, 4, 13), "Andrei Gromyko");
	assert_string_equal(holder("head_of_state", "SUN", 1990, 6, 1), "Mikhail Gorbachev");
	assert_string_equal(holder("foreign_minister", "USA", 1987, 4, 13), "George Shultz");
	assert_string_equal(holder("head_of_state", "USA", 1987, 4, 13), "Ronald Reagan");
	assert_string_equal(holder("head_of_government", "GBR", 1987, 4, 13), "Margaret Thatcher");
	assert_string_equal(holder("foreign_minister", "GBR", 1987, 4, 13), "Geoffrey Howe");
	assert_string_equal(holder("head_of_government", "JPN", 1987, 4, 13), "Yasuhiro Nakasone");
	assert_string_equal(holder("head_of_government", "JPN", 1988, 1, 4), "Noboru Takeshita");
	assert_string_equal(holder("head_of_government", "DEU", 1987, 4, 13), "Helmut Kohl");
	assert_string_equal(holder("foreign_minister", "DEU", 1987, 4, 13), "Hans-Dietrich Genscher");
	assert_string_equal(holder("un_secretary_general", "UN", 1987, 4, 13), "Javier Pérez de Cuéllar");
	assert_string_equal(holder("head_of_state", "DDR", 1987, 9, 7), "Erich Honecker");
	/* 2001-2025 */
	assert_string_equal(holder("foreign_minister", "USA", 2003, 2, 5), "Colin Powell");
	assert_string_equal(holder("head_of_government", "GBR", 2003, 3, 20), "Tony Blair");
	assert_string_equal(holder("head_of_government", "JPN", 2002, 9, 17), "Junichiro Koizumi");
	assert_string_equal(holder("foreign_minister", "CHN", 2005, 6, 1), "Li Zhaoxing");
	assert_string_equal(holder("defence_minister", "CHN", 2020, 6, 1), "Wei Fenghe");
	assert_string_equal(holder("head_of_government", "IRQ", 2016, 1, 1), "Haider al-Abadi");
	assert_string_equal(holder("head_of_state", "KOR", 2005, 1, 1), "Roh Moo-hyun");
	assert_string_equal(holder("un_secretary_general", "UN", 2003, 3, 1), "Kofi Annan");
	assert_string_equal(holder("head_of_state", "TUN", 2017, 5, 1), "Beji Caid Essebsi");
	assert_string_equal(holder("head_of_state", "BOL", 2008, 9, 10), "Evo Morales");
	assert_string_equal(holder("head_of_state", "BOL", 2020, 1, 1), "Jeanine Áñez");
	assert_string_equal(holder("head_of_government", "SRB", 2015, 1, 1), "Aleksandar Vučić");
	assert_string_equal(holder("head_of_state", "SRB", 2023, 3, 18), "Aleksandar Vučić");
	assert_string_equal(holder("head_of_government", "XKX", 2023, 3, 18), "Albin Kurti");
	assert_string_equal(holder("foreign_minister", "NGA", 2019, 9, 4), "Geoffrey Onyeama");
	assert_string_equal(holder("foreign_minister", "DNK", 1987, 6, 29), "Uffe Ellemann-Jensen");
	assert_string_equal(holder("foreign_minister", "TUR", 1987, 3, 2), "Vahit Halefoğlu");
	assert_string_equal(holder("head_of_government", "NZL", 1987, 10, 19), "David Lange");
	assert_string_equal(holder("head_of_state", "PER", 1987, 5, 1), "Alan García");
	assert_string_equal(holder("head_of_state", "PER", 2000, 1, 1), "");
	assert_string_equal(holder("head_of_government", "KWT", 1987, 6, 1), "Saad al-Abdullah al-Sabah");
	assert_string_equal(holder("foreign_minister", "NOR", 1987, 6, 1), "Thorvald Stoltenberg");
	assert_string_equal(holder("foreign_minister", "LTU", 2020, 10, 2), "Linas Linkevičius");
	assert_string_equal(holder("head_of_government", "DZA", 2019, 2, 11), "Ahmed Ouyahia");
	assert_string_equal(holder("head_of_government", "NZL", 1990, 1, 1), "Geoffrey Palmer");
	assert_string_equal(holder("foreign_minister", "JPN", 1985, 1, 1), "Shintaro Abe");
	assert_string_equal(holder("foreign_minister", "KOR", 2002, 7, 12), "Choi Sung-hong");
	assert_string_equal(holder("head_of_government", "ITA", 1987, 6, 1), "Amintore Fanfani");
	assert_string_equal(holder("head_of_government", "MYS", 2021, 1, 1), "Muhyiddin Yassin");
	assert_string_equal(holder("head_of_state", "COL", 2008, 3, 3), "Álvaro Uribe");
	assert_string_equal(holder("head_of_government", "GRC", 1987, 3, 2), "Andreas Papandreou");
	assert_string_equal(holder("foreign_minister", "ZAF", 1987, 5, 1), "Pik Botha");
	assert_string_equal(holder("head_of_state", "ARG", 1987, 4, 16), "Raúl Alfonsín");
	assert_string_equal(holder("foreign_minister", "NIC", 1987, 8, 7), "Miguel d'Escoto");
	assert_string_equal(holder("head_of_state", "KWT", 1987, 6, 1), "Jaber Al-Ahmad Al-Sabah");
	assert_string_equal(holder("head_of_government", "ZWE", 1987, 6, 1), "Robert Mugabe");
	assert_string_equal(holder("head_of_state", "ZWE", 1987, 6, 1), "");
	/* Envoys and spokespersons without dated roles still carry their state. */
	long q = person_named("Andrei Kelin");
	assert_true(q >= 0);
	assert_string_equal(shipped.persons[q].code, "RUS");
	q = person_named("Cheng Jingye");
	assert_true(q >= 0);
	assert_string_equal(shipped.persons[q].code, "CHN");
	/* An office of an organisation acts for it during its dates. */
	long p = person_named("Lord Carrington");
	assert_true(p >= 0);
	struct cdate d1987 = {1987, 3, 27, PREC_DAY};
	const struct dict_role *r = dict_person_role(&shipped.persons[p], &d1987);
	assert_non_null(r);
	assert_string_equal(r->role, "nato_secretary_general");
	/* The organisation's chiefs without dated roles carry its code. */
	p = person_named("Rafael Grossi");
	assert_true(p >= 0);
	assert_string_equal(shipped.persons[p].code, "IAEA");
}

static const struct dict_title *title_of(const char *phrase)
{
	const struct dict_entry *es;
	size_t n;
	if (!match_all(phrase, &es, &n))
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (es[i].kind == ENT_TITLE)
			return &shipped.titles[es[i].idx];
	return NULL;
}

static void test_titles_of_office(void **state)
{
	(void)state;
	const struct dict_title *t = title_of("External Affairs Minister");
	assert_non_null(t);
	assert_string_equal(t->role, "foreign_minister");
	assert_int_equal(t->n_codes, 1);
	assert_string_equal(t->codes[0], "IND");
	t = title_of("Chief Cabinet Secretary");
	assert_non_null(t);
	assert_int_equal(t->n_codes, 1);
	assert_string_equal(t->codes[0], "JPN");
	t = title_of("State Councilor");
	assert_non_null(t);
	assert_string_equal(t->codes[0], "CHN");
	t = title_of("Minister of Foreign Affairs and International Cooperation");
	assert_non_null(t);
	assert_string_equal(t->role, "foreign_minister");
	assert_int_equal(t->n_codes, 0);
	t = title_of("Foreign Secretary");
	assert_non_null(t);
	assert_string_equal(t->codes[0], "GBR");
	/* The ministry's full name in the Levant: the title, limited to its states. */
	t = title_of("Minister of Foreign Affairs and Emigrants");
	assert_non_null(t);
	assert_string_equal(t->role, "foreign_minister");
	assert_int_equal(t->n_codes, 2);
	assert_string_equal(t->codes[0], "LBN");
	t = title_of("Foreign and Expatriates Minister");
	assert_non_null(t);
	assert_int_equal(t->n_codes, 3);
}

/* ---- the names at work in extraction ------------------------------------- */

struct run {
	struct report r;
	struct event_list ev;
};

static void extract(struct run *o, int y, int m, int d, const char *body)
{
	report_init(&o->r);
	event_list_init(&o->ev);
	assert_int_equal(report_set(&o->r.body, body), 0);
	o->r.published = unix_from_civil(y, m, d, 10, 10, 0);
	o->r.pub_known = PUB_TIME;
	o->r.tz_offset_min = 0;
	char *err = NULL;
	int rc = extract_events(X, &o->r, &o->ev, &err);
	if (rc)
		print_message("extract_events: %s\n", err ? err : "?");
	assert_int_equal(rc, 0);
}

static void done(struct run *o)
{
	event_list_release(&o->ev);
	report_release(&o->r);
}

/* The one event of `type`, dumping the run when there is not exactly one. */
static const struct event *only(const struct run *o, const char *type)
{
	const struct event *found = NULL;
	size_t n = 0;
	for (size_t i = 0; i < o->ev.n; i++)
		if (!strcmp(o->ev.items[i].type, type)) {
			found = &o->ev.items[i];
			n++;
		}
	if (n != 1) {
		print_message("expected one %s event in: %s\n", type, o->r.body);
		for (size_t i = 0; i < o->ev.n; i++) {
			const struct event *e = &o->ev.items[i];
			print_message("  %s:", e->type);
			for (size_t k = 0; k < e->n_actors; k++)
				print_message(" %s[%s]", e->actors[k].code ? e->actors[k].code : "-", e->actors[k].name);
			print_message("\n");
		}
	}
	assert_int_equal(n, 1);
	return found;
}

/* The event has an actor of `code` in `role`; returns it. */
static const struct event_actor *party(const struct event *e, const char *code, enum actor_role role)
{
	for (size_t k = 0; k < e->n_actors; k++)
		if (e->actors[k].code && !strcmp(e->actors[k].code, code) && e->actors[k].role == role)
			return &e->actors[k];
	print_message("no %s as %s\n", code, actor_role_name(role));
	fail();
	return NULL;
}

static void test_unknown_person_with_state_adjective_acts_for_it(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2023, 6, 20,
		"Kenyan Foreign Minister Alfred Mutua held talks with Ugandan Foreign Minister Jeje Odongo "
		"in Nairobi on Monday.");
	const struct event *e = only(&o, "meeting");
	const struct event_actor *a = party(e, "KEN", ROLE_PARTICIPANT);
	assert_string_equal(a->name, "Alfred Mutua");
	a = party(e, "UGA", ROLE_PARTICIPANT);
	assert_string_equal(a->name, "Jeje Odongo");
	done(&o);
}

static void test_soviet_names_in_1987(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 1987, 4, 14,
		"Soviet Foreign Minister Eduard Shevardnadze met U.S. Secretary of State George Shultz "
		"in Moscow on Monday.");
	const struct event *e = only(&o, "meeting");
	const struct event_actor *a = party(e, "SUN", ROLE_PARTICIPANT);
	assert_string_equal(a->name, "Eduard Shevardnadze");
	a = party(e, "USA", ROLE_PARTICIPANT);
	assert_string_equal(a->name, "George Shultz");
	done(&o);
}

static void test_curly_dprk_is_north_korea(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2017, 9, 12,
		"The Democratic People\u2019s Republic of Korea on Tuesday condemned the sanctions resolution "
		"adopted by the UN Security Council.");
	const struct event *e = only(&o, "condemnation");
	party(e, "PRK", ROLE_SOURCE);
	for (size_t k = 0; k < e->n_actors; k++)
		assert_true(!e->actors[k].code || strcmp(e->actors[k].code, "KOR"));
	done(&o);
}

static void test_treasury_department_is_the_usa(void **state)
{
	(void)state;
	struct run o;
	extract(&o, 2018, 4, 7,
		"The Treasury Department on Friday imposed sanctions on Russia over its activities in Ukraine.");
	const struct event *e = only(&o, "sanctions");
	party(e, "USA", ROLE_SOURCE);
	party(e, "RUS", ROLE_TARGET);
	done(&o);
}

int main(void)
{
	const struct CMUnitTest dict_tests[] = {
		cmocka_unit_test(test_official_long_names_and_abbreviations),
		cmocka_unit_test(test_straight_and_curly_apostrophes),
		cmocka_unit_test(test_demonyms),
		cmocka_unit_test(test_capitals_and_seats_of_government),
		cmocka_unit_test(test_ministries_and_agencies_of_a_state),
		cmocka_unit_test(test_historical_states),
		cmocka_unit_test(test_organisations_and_their_organs),
		cmocka_unit_test(test_no_phrase_points_to_two_codes),
		cmocka_unit_test(test_office_holders_by_date),
		cmocka_unit_test(test_titles_of_office),
	};
	const struct CMUnitTest extract_tests[] = {
		cmocka_unit_test(test_unknown_person_with_state_adjective_acts_for_it),
		cmocka_unit_test(test_soviet_names_in_1987),
		cmocka_unit_test(test_curly_dprk_is_north_korea),
		cmocka_unit_test(test_treasury_department_is_the_usa),
	};
	int failed = cmocka_run_group_tests_name("dictionary", dict_tests, load_shipped, release_shipped);
	failed += cmocka_run_group_tests_name("extraction", extract_tests, make_extractor, free_extractor);
	return failed;
}
