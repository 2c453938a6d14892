/* bench/gen.c: a deterministic generator of synthetic diplomatic reports for
 * the benchmarks (bench/run.sh, bench/export.sh). Not part of the product.
 *
 * Writes N plain-text reports as analysts save them from agency pages (TASS
 * page text with menus and a timestamp line, Xinhua, Reuters, AP, AFP, Kyodo
 * and Yonhap copy with their datelines, ministry readouts), each 12-20
 * sentences of diplomatic news built from templates with real states,
 * leaders (as of 2017) and event wording: calls, meetings, visits,
 * agreements, sanctions, condemnations, expulsions, protests...
 *
 * Determinism: report i depends only on (seed, i), through a splitmix64
 * stream; there is no clock and no locale. Headlines are distinct for i
 * below (states * (states - 1) * headline templates) = 66 * 65 * 40 = 171,600, because
 * (pair of states, template) is a permutation of i; publication times grow
 * by 7 minutes a report from 2017-01-01, so every report is a new one.
 *
 * Output: DIR/SSSS/IIIIIII.txt, shards of 1000 files. With --sql FILE, also
 * an SQL script that loads the same headlines and bodies into an FTS5-indexed
 * table in one transaction: the floor the importer is measured against.
 *
 * usage: gen -n N [-s SEED] -o DIR [--sql FILE]
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- growable text --------------------------------------------------- */

struct text {
	char *p;
	size_t len, cap;
};

static void die(const char *what)
{
	fprintf(stderr, "gen: %s: %s\n", what, errno ? strerror(errno) : "failed");
	exit(1);
}

static void t_add(struct text *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 4096;
		while (cap < t->len + n + 1)
			cap *= 2;
		char *p = realloc(t->p, cap);
		if (!p)
			die("out of memory");
		t->p = p;
		t->cap = cap;
	}
	memcpy(t->p + t->len, s, n);
	t->len += n;
	t->p[t->len] = '\0';
}

static void t_puts(struct text *t, const char *s)
{
	t_add(t, s, strlen(s));
}

static void t_printf(struct text *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		die("formatting");
	t_add(t, "", 0);
	if (t->len + (size_t)n + 1 > t->cap) {
		size_t cap = t->cap;
		while (cap < t->len + (size_t)n + 1)
			cap *= 2;
		char *p = realloc(t->p, cap);
		if (!p)
			die("out of memory");
		t->p = p;
		t->cap = cap;
	}
	va_start(ap, fmt);
	vsnprintf(t->p + t->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	t->len += (size_t)n;
}

/* ---- random numbers ---------------------------------------------------- */

static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* A number in [0, n). */
static unsigned rnd(uint64_t *x, unsigned n)
{
	return (unsigned)(splitmix(x) % n);
}

#define PICK(rng, arr) (arr[rnd(rng, sizeof(arr) / sizeof(arr[0]))])
#define COUNT(arr) (sizeof(arr) / sizeof(arr[0]))

/* ---- calendar (proleptic Gregorian, no libc time functions) ----------- */

static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

struct day {
	int y, m, d, wday; /* wday 0 = Sunday */
};

static struct day civil_from_days(long z)
{
	struct day r;
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	r.y = (int)(yoe + era * 400 + (r.m <= 2));
	r.wday = (int)(((z - 719468) % 7 + 11) % 7);
	return r;
}

static const char *const months[] = {"January", "February", "March", "April", "May", "June", "July",
				     "August", "September", "October", "November", "December"};
static const char *const months_ap[] = {"Jan.", "Feb.", "March", "April", "May", "June", "July",
					"Aug.", "Sept.", "Oct.", "Nov.", "Dec."};
static const char *const weekdays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday",
				       "Friday", "Saturday"};

/* ---- the world of 2017 ------------------------------------------------ */

struct state {
	const char *name;      /* as in running text, "the" where English wants it */
	const char *head;      /* in headlines */
	const char *adj;
	const char *capital;
	const char *ltitle;    /* leader's title */
	const char *leader;
	const char *lshort;
	int lfem;
	const char *mtitle;    /* foreign minister's title */
	const char *minister;
	const char *mshort;
	int mfem;
};

static const struct state states[] = {
	{"Russia", "Russia", "Russian", "Moscow", "President", "Vladimir Putin", "Putin", 0, "Foreign Minister", "Sergei Lavrov", "Lavrov", 0},
	{"China", "China", "Chinese", "Beijing", "President", "Xi Jinping", "Xi", 0, "Foreign Minister", "Wang Yi", "Wang", 0},
	{"the United States", "U.S.", "U.S.", "Washington", "President", "Donald Trump", "Trump", 0, "Secretary of State", "Rex Tillerson", "Tillerson", 0},
	{"Japan", "Japan", "Japanese", "Tokyo", "Prime Minister", "Shinzo Abe", "Abe", 0, "Foreign Minister", "Taro Kono", "Kono", 0},
	{"South Korea", "S. Korea", "South Korean", "Seoul", "President", "Moon Jae-in", "Moon", 0, "Foreign Minister", "Kang Kyung-wha", "Kang", 1},
	{"North Korea", "N. Korea", "North Korean", "Pyongyang", "Chairman", "Kim Jong Un", "Kim", 0, "Foreign Minister", "Ri Yong Ho", "Ri", 0},
	{"India", "India", "Indian", "New Delhi", "Prime Minister", "Narendra Modi", "Modi", 0, "External Affairs Minister", "Sushma Swaraj", "Swaraj", 1},
	{"Pakistan", "Pakistan", "Pakistani", "Islamabad", "Prime Minister", "Shahid Khaqan Abbasi", "Abbasi", 0, "Foreign Minister", "Khawaja Asif", "Asif", 0},
	{"Germany", "Germany", "German", "Berlin", "Chancellor", "Angela Merkel", "Merkel", 1, "Foreign Minister", "Sigmar Gabriel", "Gabriel", 0},
	{"France", "France", "French", "Paris", "President", "Emmanuel Macron", "Macron", 0, "Foreign Minister", "Jean-Yves Le Drian", "Le Drian", 0},
	{"Britain", "Britain", "British", "London", "Prime Minister", "Theresa May", "May", 1, "Foreign Secretary", "Boris Johnson", "Johnson", 0},
	{"Italy", "Italy", "Italian", "Rome", "Prime Minister", "Paolo Gentiloni", "Gentiloni", 0, "Foreign Minister", "Angelino Alfano", "Alfano", 0},
	{"Spain", "Spain", "Spanish", "Madrid", "Prime Minister", "Mariano Rajoy", "Rajoy", 0, "Foreign Minister", "Alfonso Dastis", "Dastis", 0},
	{"Turkey", "Turkey", "Turkish", "Ankara", "President", "Recep Tayyip Erdogan", "Erdogan", 0, "Foreign Minister", "Mevlut Cavusoglu", "Cavusoglu", 0},
	{"Iran", "Iran", "Iranian", "Tehran", "President", "Hassan Rouhani", "Rouhani", 0, "Foreign Minister", "Mohammad Javad Zarif", "Zarif", 0},
	{"Saudi Arabia", "Saudi Arabia", "Saudi", "Riyadh", "King", "Salman bin Abdulaziz", "King Salman", 0, "Foreign Minister", "Adel al-Jubeir", "al-Jubeir", 0},
	{"Israel", "Israel", "Israeli", "Jerusalem", "Prime Minister", "Benjamin Netanyahu", "Netanyahu", 0, "Foreign Ministry Director General", "Yuval Rotem", "Rotem", 0},
	{"Egypt", "Egypt", "Egyptian", "Cairo", "President", "Abdel Fattah el-Sisi", "el-Sisi", 0, "Foreign Minister", "Sameh Shoukry", "Shoukry", 0},
	{"Syria", "Syria", "Syrian", "Damascus", "President", "Bashar al-Assad", "Assad", 0, "Foreign Minister", "Walid Muallem", "Muallem", 0},
	{"Iraq", "Iraq", "Iraqi", "Baghdad", "Prime Minister", "Haider al-Abadi", "al-Abadi", 0, "Foreign Minister", "Ibrahim al-Jaafari", "al-Jaafari", 0},
	{"Ukraine", "Ukraine", "Ukrainian", "Kiev", "President", "Petro Poroshenko", "Poroshenko", 0, "Foreign Minister", "Pavlo Klimkin", "Klimkin", 0},
	{"Belarus", "Belarus", "Belarusian", "Minsk", "President", "Alexander Lukashenko", "Lukashenko", 0, "Foreign Minister", "Vladimir Makei", "Makei", 0},
	{"Kazakhstan", "Kazakhstan", "Kazakh", "Astana", "President", "Nursultan Nazarbayev", "Nazarbayev", 0, "Foreign Minister", "Kairat Abdrakhmanov", "Abdrakhmanov", 0},
	{"Poland", "Poland", "Polish", "Warsaw", "President", "Andrzej Duda", "Duda", 0, "Foreign Minister", "Witold Waszczykowski", "Waszczykowski", 0},
	{"Canada", "Canada", "Canadian", "Ottawa", "Prime Minister", "Justin Trudeau", "Trudeau", 0, "Foreign Minister", "Chrystia Freeland", "Freeland", 1},
	{"Mexico", "Mexico", "Mexican", "Mexico City", "President", "Enrique Pena Nieto", "Pena Nieto", 0, "Foreign Minister", "Luis Videgaray", "Videgaray", 0},
	{"Brazil", "Brazil", "Brazilian", "Brasilia", "President", "Michel Temer", "Temer", 0, "Foreign Minister", "Aloysio Nunes", "Nunes", 0},
	{"Argentina", "Argentina", "Argentine", "Buenos Aires", "President", "Mauricio Macri", "Macri", 0, "Foreign Minister", "Jorge Faurie", "Faurie", 0},
	{"Venezuela", "Venezuela", "Venezuelan", "Caracas", "President", "Nicolas Maduro", "Maduro", 0, "Foreign Minister", "Jorge Arreaza", "Arreaza", 0},
	{"Cuba", "Cuba", "Cuban", "Havana", "President", "Raul Castro", "Castro", 0, "Foreign Minister", "Bruno Rodriguez", "Rodriguez", 0},
	{"Australia", "Australia", "Australian", "Canberra", "Prime Minister", "Malcolm Turnbull", "Turnbull", 0, "Foreign Minister", "Julie Bishop", "Bishop", 1},
	{"Indonesia", "Indonesia", "Indonesian", "Jakarta", "President", "Joko Widodo", "Widodo", 0, "Foreign Minister", "Retno Marsudi", "Marsudi", 1},
	{"Vietnam", "Vietnam", "Vietnamese", "Hanoi", "Prime Minister", "Nguyen Xuan Phuc", "Phuc", 0, "Foreign Minister", "Pham Binh Minh", "Minh", 0},
	{"the Philippines", "Philippines", "Philippine", "Manila", "President", "Rodrigo Duterte", "Duterte", 0, "Foreign Secretary", "Alan Peter Cayetano", "Cayetano", 0},
	{"Thailand", "Thailand", "Thai", "Bangkok", "Prime Minister", "Prayut Chan-o-cha", "Prayut", 0, "Foreign Minister", "Don Pramudwinai", "Don", 0},
	{"Malaysia", "Malaysia", "Malaysian", "Kuala Lumpur", "Prime Minister", "Najib Razak", "Najib", 0, "Foreign Minister", "Anifah Aman", "Anifah", 0},
	{"Singapore", "Singapore", "Singaporean", "Singapore", "Prime Minister", "Lee Hsien Loong", "Lee", 0, "Foreign Minister", "Vivian Balakrishnan", "Balakrishnan", 0},
	{"Mongolia", "Mongolia", "Mongolian", "Ulan Bator", "President", "Khaltmaagiin Battulga", "Battulga", 0, "Foreign Minister", "Damdin Tsogtbaatar", "Tsogtbaatar", 0},
	{"South Africa", "S. Africa", "South African", "Pretoria", "President", "Jacob Zuma", "Zuma", 0, "Foreign Minister", "Maite Nkoana-Mashabane", "Nkoana-Mashabane", 1},
	{"Nigeria", "Nigeria", "Nigerian", "Abuja", "President", "Muhammadu Buhari", "Buhari", 0, "Foreign Minister", "Geoffrey Onyeama", "Onyeama", 0},
	{"Ethiopia", "Ethiopia", "Ethiopian", "Addis Ababa", "Prime Minister", "Hailemariam Desalegn", "Hailemariam", 0, "Foreign Minister", "Workneh Gebeyehu", "Workneh", 0},
	{"Kenya", "Kenya", "Kenyan", "Nairobi", "President", "Uhuru Kenyatta", "Kenyatta", 0, "Foreign Minister", "Amina Mohamed", "Mohamed", 1},
	{"Qatar", "Qatar", "Qatari", "Doha", "Emir", "Sheikh Tamim bin Hamad Al Thani", "Sheikh Tamim", 0, "Foreign Minister", "Sheikh Mohammed bin Abdulrahman Al Thani", "Sheikh Mohammed", 0},
	{"the United Arab Emirates", "UAE", "Emirati", "Abu Dhabi", "President", "Sheikh Khalifa bin Zayed Al Nahyan", "Sheikh Khalifa", 0, "Foreign Minister", "Sheikh Abdullah bin Zayed Al Nahyan", "Sheikh Abdullah", 0},
	{"Jordan", "Jordan", "Jordanian", "Amman", "King", "Abdullah II", "King Abdullah", 0, "Foreign Minister", "Ayman Safadi", "Safadi", 0},
	{"Afghanistan", "Afghanistan", "Afghan", "Kabul", "President", "Ashraf Ghani", "Ghani", 0, "Foreign Minister", "Salahuddin Rabbani", "Rabbani", 0},
	{"Azerbaijan", "Azerbaijan", "Azerbaijani", "Baku", "President", "Ilham Aliyev", "Aliyev", 0, "Foreign Minister", "Elmar Mammadyarov", "Mammadyarov", 0},
	{"Armenia", "Armenia", "Armenian", "Yerevan", "President", "Serzh Sargsyan", "Sargsyan", 0, "Foreign Minister", "Edward Nalbandian", "Nalbandian", 0},
	{"Georgia", "Georgia", "Georgian", "Tbilisi", "Prime Minister", "Giorgi Kvirikashvili", "Kvirikashvili", 0, "Foreign Minister", "Mikheil Janelidze", "Janelidze", 0},
	{"Serbia", "Serbia", "Serbian", "Belgrade", "President", "Aleksandar Vucic", "Vucic", 0, "Foreign Minister", "Ivica Dacic", "Dacic", 0},
	{"Greece", "Greece", "Greek", "Athens", "Prime Minister", "Alexis Tsipras", "Tsipras", 0, "Foreign Minister", "Nikos Kotzias", "Kotzias", 0},
	{"Hungary", "Hungary", "Hungarian", "Budapest", "Prime Minister", "Viktor Orban", "Orban", 0, "Foreign Minister", "Peter Szijjarto", "Szijjarto", 0},
	{"Austria", "Austria", "Austrian", "Vienna", "Chancellor", "Christian Kern", "Kern", 0, "Foreign Minister", "Sebastian Kurz", "Kurz", 0},
	{"the Netherlands", "Netherlands", "Dutch", "The Hague", "Prime Minister", "Mark Rutte", "Rutte", 0, "Foreign Minister", "Bert Koenders", "Koenders", 0},
	{"Sweden", "Sweden", "Swedish", "Stockholm", "Prime Minister", "Stefan Lofven", "Lofven", 0, "Foreign Minister", "Margot Wallstrom", "Wallstrom", 1},
	{"Norway", "Norway", "Norwegian", "Oslo", "Prime Minister", "Erna Solberg", "Solberg", 1, "Foreign Minister", "Borge Brende", "Brende", 0},
	{"Finland", "Finland", "Finnish", "Helsinki", "President", "Sauli Niinisto", "Niinisto", 0, "Foreign Minister", "Timo Soini", "Soini", 0},
	{"Chile", "Chile", "Chilean", "Santiago", "President", "Michelle Bachelet", "Bachelet", 1, "Foreign Minister", "Heraldo Munoz", "Munoz", 0},
	{"Colombia", "Colombia", "Colombian", "Bogota", "President", "Juan Manuel Santos", "Santos", 0, "Foreign Minister", "Maria Angela Holguin", "Holguin", 1},
	{"Peru", "Peru", "Peruvian", "Lima", "President", "Pedro Pablo Kuczynski", "Kuczynski", 0, "Foreign Minister", "Ricardo Luna", "Luna", 0},
	{"Cambodia", "Cambodia", "Cambodian", "Phnom Penh", "Prime Minister", "Hun Sen", "Hun Sen", 0, "Foreign Minister", "Prak Sokhonn", "Sokhonn", 0},
	{"Bangladesh", "Bangladesh", "Bangladeshi", "Dhaka", "Prime Minister", "Sheikh Hasina", "Hasina", 1, "Foreign Minister", "Abul Hassan Mahmood Ali", "Ali", 0},
	{"Sri Lanka", "Sri Lanka", "Sri Lankan", "Colombo", "President", "Maithripala Sirisena", "Sirisena", 0, "Foreign Minister", "Tilak Marapana", "Marapana", 0},
	{"Algeria", "Algeria", "Algerian", "Algiers", "President", "Abdelaziz Bouteflika", "Bouteflika", 0, "Foreign Minister", "Abdelkader Messahel", "Messahel", 0},
	{"Morocco", "Morocco", "Moroccan", "Rabat", "King", "Mohammed VI", "King Mohammed", 0, "Foreign Minister", "Nasser Bourita", "Bourita", 0},
	{"Lebanon", "Lebanon", "Lebanese", "Beirut", "Prime Minister", "Saad Hariri", "Hariri", 0, "Foreign Minister", "Gebran Bassil", "Bassil", 0},
};
#define N_STATES ((unsigned)COUNT(states))

static const char *const topics[] = {
	"the Korean Peninsula nuclear issue", "bilateral trade", "the situation in Syria",
	"counter-terrorism cooperation", "climate change", "maritime security",
	"energy cooperation", "the Iran nuclear deal", "the crisis in Ukraine", "cyber security",
	"migration", "regional security", "investment", "the fight against terrorism",
	"visa facilitation", "arms control", "the Middle East peace process", "humanitarian aid",
	"food security", "infrastructure investment", "the situation in Afghanistan",
	"the South China Sea", "nuclear non-proliferation", "the refugee crisis",
	"missile defence", "fisheries", "the Arctic", "the situation in Libya",
	"the situation in Yemen", "agricultural exports", "the Paris climate agreement",
	"military cooperation", "the Belt and Road Initiative", "human rights", "drug trafficking",
};

static const char *const regions[] = {
	"the Middle East", "Syria", "Libya", "Yemen", "Afghanistan", "the Korean Peninsula",
	"eastern Ukraine", "the South China Sea", "Venezuela", "the Sahel", "Iraq", "the Gulf",
};

static const char *const orgs[] = {
	"the United Nations", "the European Union", "NATO", "the G20", "ASEAN",
	"the Shanghai Cooperation Organisation", "the African Union", "the UN Security Council",
	"BRICS", "the OSCE", "the Arab League", "the International Atomic Energy Agency",
};

static const char *const venues[] = {
	"the G20 summit in Hamburg", "the UN General Assembly in New York",
	"the ASEAN Regional Forum in Manila", "the Munich Security Conference",
	"the East Asia Summit", "the BRICS summit in Xiamen", "the APEC summit in Da Nang",
	"the SCO summit in Astana", "the OSCE ministerial council in Vienna",
	"the NATO summit in Brussels",
};

static const char *const soon[] = {
	"next month", "later this month", "next week", "in the coming weeks", "early next year",
	"before the end of the year",
};

static const char *const ordinals[] = {"second", "third", "fourth", "fifth"};

/* ---- templates ----------------------------------------------------------
 * {X.k} with X one of S (source), T (target), U (a third state), and k:
 *   n name in running text, N the same capitalised, h headline form, a
 *   adjective, c capital, C capital in capitals, L leader with title, K leader
 *   name, l leader short name, q leader's his/her, F minister with title, G
 *   minister name, f minister short name, m minister's title lower-case,
 *   p minister's his/her.
 * {P} {Q} topics, {R} a region, {O} an organisation, {E} a venue, {D} the
 * event's day ("on Tuesday"), {W} a time to come ("next month"), {M} next
 * month's name, {N} a small number, {Y} last year, {Z} a year diplomatic
 * relations were established, {I} an ordinal. */

enum kind { K_PHONE, K_MEET, K_VISIT, K_AGREE, K_SUPPORT, K_CONDEMN, K_ACCUSE, K_DENY,
	    K_SANCTION, K_LIFT, K_EXPEL, K_PROTEST, K_THREAT, K_APPEAL, K_NEGOTIATE, N_KINDS };

struct headline {
	enum kind kind;
	const char *text;
};

static const struct headline headlines[] = {
	{K_PHONE, "{S.h}, {T.h} leaders discuss {P} by phone"},
	{K_PHONE, "{S.l} and {T.l} hold phone talks on {P}"},
	{K_PHONE, "{S.a} FM {S.f} discusses {P} with {T.a} counterpart by phone"},
	{K_MEET, "{S.l} meets {T.a} {T.m} in {S.c}"},
	{K_MEET, "{S.h}, {T.h} foreign ministers hold talks on {P}"},
	{K_MEET, "{S.a}, {T.a} diplomats hold consultations on {P}"},
	{K_VISIT, "{S.l} to visit {T.h} {W}"},
	{K_VISIT, "{S.a} foreign minister arrives in {T.c} for talks"},
	{K_VISIT, "{S.l} wraps up visit to {T.h}"},
	{K_AGREE, "{S.h}, {T.h} sign agreement on {P}"},
	{K_AGREE, "{S.h} and {T.h} agree to expand cooperation on {P}"},
	{K_AGREE, "{S.h}, {T.h} reaffirm partnership after {S.c} talks"},
	{K_SUPPORT, "{S.h} welcomes {T.a} stance on {P}"},
	{K_SUPPORT, "{S.h} praises {T.a} efforts on {P}"},
	{K_SUPPORT, "{S.l} thanks {T.h} for support on {P}"},
	{K_CONDEMN, "{S.h} condemns {T.a} move on {P}"},
	{K_CONDEMN, "{S.h} strongly criticises {T.h} over {P}"},
	{K_CONDEMN, "{S.a} ministry deplores {T.a} decision on {P}"},
	{K_ACCUSE, "{S.h} accuses {T.h} of undermining efforts on {P}"},
	{K_ACCUSE, "{S.h} blames {T.h} for escalation over {P}"},
	{K_DENY, "{S.h} rejects {T.a} allegations over {P}"},
	{K_DENY, "{S.h} dismisses {T.a} claims on {P} as groundless"},
	{K_SANCTION, "{S.h} imposes new sanctions on {T.h}"},
	{K_SANCTION, "{S.h} extends sanctions against {T.h} over {P}"},
	{K_SANCTION, "{S.h} blacklists {T.a} entities over {P}"},
	{K_LIFT, "{S.h} lifts restrictions on {T.a} imports"},
	{K_LIFT, "{S.h} eases sanctions on {T.h} after talks"},
	{K_EXPEL, "{S.h} expels {T.a} diplomats"},
	{K_EXPEL, "{S.h} recalls ambassador from {T.h} over {P}"},
	{K_EXPEL, "{S.h} declares {T.a} diplomat persona non grata"},
	{K_PROTEST, "{S.h} summons {T.a} ambassador over {P}"},
	{K_PROTEST, "{S.h} lodges protest with {T.h} over {P}"},
	{K_THREAT, "{S.h} warns {T.h} of response over {P}"},
	{K_THREAT, "{S.h} threatens countermeasures against {T.h}"},
	{K_APPEAL, "{S.h} urges {T.h} to return to dialogue on {P}"},
	{K_APPEAL, "{S.h} calls on {T.h} to show restraint"},
	{K_APPEAL, "{S.l} presses {T.h} on {P}"},
	{K_NEGOTIATE, "{S.h}, {T.h} open new round of talks on {P}"},
	{K_NEGOTIATE, "{S.a}-{T.a} negotiations on {P} to resume in {U.c}"},
	{K_NEGOTIATE, "{S.h} and {T.h} negotiators meet in {U.c}"},
};
#define N_HEADLINES ((unsigned)COUNT(headlines))

/* The first sentence of the body, by kind: three each. */
static const char *const leads[N_KINDS][3] = {
	[K_PHONE] = {
		"{S.F} held a telephone conversation with {S.p} {T.a} counterpart {T.G} {D}, the two sides discussing {P} and {Q}, the {S.a} Foreign Ministry said.",
		"{S.L} and {T.L} spoke by phone {D} and discussed {P}, according to a statement released after the call.",
		"{S.a} and {T.a} leaders held telephone talks {D} focused on {P}, with both sides stressing the need for closer coordination.",
	},
	[K_MEET] = {
		"{S.F} met with {T.F} in {S.c} {D} to discuss {P} and prospects for cooperation on {Q}.",
		"{S.L} received {T.F} in {S.c} {D}, and the two discussed {P} and the situation in {R}.",
		"{S.a} and {T.a} foreign ministers held talks in {U.c} {D} on the sidelines of {E}, focusing on {P}.",
	},
	[K_VISIT] = {
		"{S.L} will pay an official visit to {T.n} {W} at the invitation of {T.L}, the {S.a} Foreign Ministry said {D}.",
		"{S.F} arrived in {T.c} {D} for a two-day visit expected to focus on {P}.",
		"{S.L} wrapped up a three-day visit to {T.n} {D} after talks on {P} and {Q}.",
	},
	[K_AGREE] = {
		"{S.N} and {T.n} signed an agreement on {P} {D} during talks between {S.L} and {T.L} in {T.c}.",
		"{S.a} and {T.a} officials agreed {D} to expand cooperation on {P}, the {S.a} Foreign Ministry said in a statement.",
		"{S.F} and {T.F} reaffirmed their commitment to cooperation on {P} at talks in {S.c} {D}.",
	},
	[K_SUPPORT] = {
		"{S.N} welcomes the stance taken by {T.n} on {P}, {S.F} said {D}.",
		"{S.L} praised {T.a} efforts on {P} {D}, saying they had contributed to stability in {R}.",
		"{S.F} thanked {T.n} for its support on {P} during a meeting with the {T.a} ambassador in {S.c} {D}.",
	},
	[K_CONDEMN] = {
		"{S.N} strongly condemns the decision of {T.n} on {P}, the {S.a} Foreign Ministry said in a statement {D}.",
		"{S.F} criticised {T.n} {D} over its handling of {P}, calling it a step that would only raise tensions.",
		"{S.N} deplores the move by {T.n} on {P} and regrets that its concerns were ignored, {S.F} told reporters {D}.",
	},
	[K_ACCUSE] = {
		"{S.N} accused {T.n} {D} of undermining efforts on {P}, {S.F} said at a news conference in {S.c}.",
		"{S.F} blamed {T.n} {D} for the escalation over {P}, saying {T.c} had ignored repeated warnings.",
		"{S.a} officials {D} accused {T.n} of using {P} as a pretext for pressure on {S.c}.",
	},
	[K_DENY] = {
		"{S.N} rejected the allegations made by {T.n} over {P} as groundless, {S.F} said {D}.",
		"{S.a} officials {D} denied any involvement in the dispute over {P}, dismissing the claims from {T.c} as unfounded.",
		"{S.F} {D} dismissed the accusations from {T.c} over {P} as baseless.",
	},
	[K_SANCTION] = {
		"{S.N} imposed new sanctions on {T.n} {D} over {P}, targeting {N} individuals and entities.",
		"{S.N} extended its sanctions against {T.n} for another six months {D}, citing {P}.",
		"{S.N} blacklisted {N} {T.a} companies {D} over their alleged role in the dispute over {P}.",
	},
	[K_LIFT] = {
		"{S.N} lifted restrictions on imports from {T.n} {D} following talks on {P}.",
		"{S.N} eased sanctions on {T.n} {D}, a move {S.F} said would open the way for talks on {P}.",
		"{S.N} {D} lifted the ban on flights to {T.n} that it imposed in {Y}.",
	},
	[K_EXPEL] = {
		"{S.N} expelled {N} {T.a} diplomats {D} and gave them three days to leave the country, the {S.a} Foreign Ministry said.",
		"{S.N} recalled its ambassador from {T.n} for consultations {D} amid a dispute over {P}.",
		"{S.N} declared a {T.a} diplomat persona non grata {D} over activities it said were incompatible with diplomatic status.",
	},
	[K_PROTEST] = {
		"{S.N} summoned the {T.a} ambassador {D} to protest over {P}, the {S.a} Foreign Ministry said.",
		"{S.N} lodged a formal protest with {T.n} {D} over {P}, {S.F} told reporters in {S.c}.",
		"The {S.a} Foreign Ministry {D} summoned the {T.a} charge d'affaires over remarks on {P}.",
	},
	[K_THREAT] = {
		"{S.N} warned {T.n} {D} that it would take countermeasures if {T.c} went ahead with its plans on {P}.",
		"{S.F} threatened {D} to respond to any new measures by {T.n} over {P}.",
		"{S.N} reserves the right to take retaliatory measures against {T.n} over {P}, {S.F} said {D}.",
	},
	[K_APPEAL] = {
		"{S.N} urged {T.n} {D} to return to dialogue on {P}, {S.F} said in a statement.",
		"{S.L} called on {T.n} to show restraint over {P} {D}, saying only negotiations could resolve the dispute.",
		"{S.F} pressed {T.F} to take concrete steps on {P} during talks {D}.",
	},
	[K_NEGOTIATE] = {
		"{S.a} and {T.a} negotiators opened a new round of talks on {P} in {U.c} {D}.",
		"{S.N} and {T.n} will resume negotiations on {P} {W}, {S.F} said {D}.",
		"{S.a} and {T.a} delegations held a {I} round of consultations on {P} in {U.c} {D}.",
	},
};

/* Everything else a report says: more events, background, quotes. */
static const char *const others[] = {
	"The two sides also exchanged views on {Q} and agreed to maintain close contacts.",
	"{S.f} said {S.c} was ready to work with {T.c} on {Q} “on the basis of mutual respect.”",
	"“We have a common interest in {P},” {S.f} told reporters after the talks.",
	"According to the {S.a} side, the talks were held in a frank and constructive atmosphere.",
	"{T.F} said {T.n} appreciated the position of {S.n} on {Q}.",
	"Earlier this week, {U.F} met with {S.F} in {U.c} to discuss {Q}.",
	"{U.N} has also condemned the move, calling it a threat to regional stability.",
	"{T.a} officials did not immediately respond to a request for comment.",
	"Trade between {S.n} and {T.n} reached {N} billion dollars in {Y}, according to official figures.",
	"The ministers agreed to hold the next round of consultations in {T.c} later this year.",
	"{S.f} is expected to visit {U.c} {W} for talks on {Q}.",
	"The dispute over {P} has strained relations between {S.c} and {T.c} since {Y}.",
	"{O} has called on all parties to refrain from steps that could escalate the situation.",
	"{S.l} and {T.l} last met on the sidelines of {E}.",
	"Relations between the two countries have improved since {S.l} took office.",
	"{T.N} denied the accusations and said it would respond to any hostile action.",
	"The statement said the two sides agreed to strengthen cooperation in trade, energy and {Q}.",
	"{S.F} also briefed {S.p} counterpart on the outcome of talks with {U.n} on {Q}.",
	"The {S.a} Foreign Ministry said the sides discussed the implementation of agreements reached at the highest level.",
	"{T.f} said {T.n} would consider the proposal and respond in due course.",
	"Analysts say the move could complicate efforts to resolve the dispute over {P}.",
	"{U.a} diplomats said they expected the issue to be raised at {E}.",
	"The two ministers expressed concern over the situation in {R}.",
	"{S.N} supports the efforts of {O} to find a political settlement in {R}, {S.f} said.",
	"{S.f} told journalists that {S.c} would not accept any attempt to link {P} with {Q}.",
	"The {T.a} side reaffirmed its commitment to the agreements signed in {Y}.",
	"Both sides agreed to set up a working group on {Q} that will meet in {M}.",
	"It was the {I} meeting between the two ministers this year.",
	"{U.N} and {O} welcomed the outcome of the talks.",
	"{S.L} is scheduled to travel to {U.c} {W}, where {S.q} is expected to meet {U.L}.",
	"Last month, {T.n} expelled {N} {S.a} diplomats in a dispute over {Q}.",
	"{S.l} also invited {T.L} to visit {S.n}, and the invitation was accepted.",
	"{T.F} urged {S.n} to refrain from unilateral steps on {Q}.",
	"In {Y}, {S.n} imposed restrictions on {T.a} imports, citing concerns over {Q}.",
	"The next round of talks is expected to take place in {U.c} in {M}.",
	"{S.a} media reported that the two sides had failed to narrow their differences on {Q}.",
	"The ministry did not give further details.",
	"Diplomatic relations between {S.n} and {T.n} were established in {Z}.",
	"“Our position on {P} remains unchanged,” {S.f} said.",
	"“We call on our {T.a} partners to show restraint,” the {S.a} minister said.",
	"“This is an important step for the whole region,” {T.f} told reporters in {T.c}.",
	"“There is no alternative to dialogue,” {S.l} said, adding that {S.c} was open to further contacts.",
	"“We will respond firmly to any hostile steps,” {S.f} said.",
	"{T.l} thanked {S.l} for the invitation and said {T.q} looked forward to the visit.",
	"{S.N} and {T.n} also agreed to coordinate their positions within {O}.",
	"{U.F} welcomed the talks and called for a lasting settlement in {R}.",
	"{S.f} said the sanctions imposed by {U.n} on {T.n} had damaged the regional economy.",
	"Observers noted that no {S.a} foreign minister had visited {T.c} for {N} years.",
};

/* Lines TASS pages carry before the headline, and lede sentences. */
static const char *const menus[] = {
	"Menu", "Latest news", "All news", "Search", "Politics & diplomacy", "World",
	"Business & economy", "Sport", "Science & space", "Subscribe", "Russian version",
};
static const char *const ledes[] = {
	"The {S.a} minister noted that {P} remained at the top of the bilateral agenda",
	"According to {S.f}, the two sides agreed to keep in close contact on {Q}",
	"{S.F} said the talks had been useful and substantive",
	"The {S.a} side called for a political solution in {R}",
};
static const char *const reporters[] = {
	"Anna Novak", "Tom Hale", "Yuki Sato", "Maria Ortega", "Daniel Brooks", "Leila Haddad",
	"Peter Lindqvist", "Chen Wei", "Olga Smirnova", "James Okafor", "Sofia Rossi", "Kim Min-ji",
};

/* ---- one report ---------------------------------------------------------- */

struct ctx {
	uint64_t rng;
	const struct state *s, *t, *u;
	const char *p, *q, *r, *o, *e, *w;
	struct day event, pub, next;
	int n, y, z;
	const char *ord;
};

static void put_upper(struct text *t, const char *s)
{
	for (; *s; s++) {
		char c = *s >= 'a' && *s <= 'z' ? (char)(*s - 32) : *s;
		t_add(t, &c, 1);
	}
}

/* Expands one {X.k} field of state st. */
static void put_state_field(struct text *out, const struct state *st, char k)
{
	switch (k) {
	case 'n': t_puts(out, st->name); break;
	case 'N':
		if (!strncmp(st->name, "the ", 4)) {
			t_puts(out, "The ");
			t_puts(out, st->name + 4);
		} else {
			t_puts(out, st->name);
		}
		break;
	case 'h': t_puts(out, st->head); break;
	case 'a': t_puts(out, st->adj); break;
	case 'c': t_puts(out, st->capital); break;
	case 'C': put_upper(out, st->capital); break;
	case 'L': t_printf(out, "%s %s", st->ltitle, st->leader); break;
	case 'K': t_puts(out, st->leader); break;
	case 'l': t_puts(out, st->lshort); break;
	case 'q': t_puts(out, st->lfem ? "she" : "he"); break;
	case 'F': t_printf(out, "%s %s", st->mtitle, st->minister); break;
	case 'G': t_puts(out, st->minister); break;
	case 'f': t_puts(out, st->mshort); break;
	case 'm':
		for (const char *c = st->mtitle; *c; c++) {
			char ch = *c >= 'A' && *c <= 'Z' ? (char)(*c + 32) : *c;
			t_add(out, &ch, 1);
		}
		break;
	case 'p': t_puts(out, st->mfem ? "her" : "his"); break;
	default: fprintf(stderr, "gen: bad template field %c\n", k); exit(1);
	}
}

static void put_day(struct text *out, const struct ctx *c)
{
	/* Wires write the weekday for the last week, a date otherwise. */
	if (c->event.m == c->pub.m && c->pub.d - c->event.d < 6)
		t_printf(out, "on %s", weekdays[c->event.wday]);
	else
		t_printf(out, "on %s %d", months[c->event.m - 1], c->event.d);
}

/* Expands a template into out. */
static void expand(struct text *out, const char *tpl, const struct ctx *c)
{
	for (const char *s = tpl; *s; s++) {
		if (*s != '{') {
			const char *brace = strchr(s, '{');
			size_t n = brace ? (size_t)(brace - s) : strlen(s);
			t_add(out, s, n);
			s += n - 1;
			continue;
		}
		if (s[2] == '.') {
			const struct state *st = s[1] == 'S' ? c->s : s[1] == 'T' ? c->t : c->u;
			put_state_field(out, st, s[3]);
			s += 4;
			continue;
		}
		switch (s[1]) {
		case 'P': t_puts(out, c->p); break;
		case 'Q': t_puts(out, c->q); break;
		case 'R': t_puts(out, c->r); break;
		case 'O': t_puts(out, c->o); break;
		case 'E': t_puts(out, c->e); break;
		case 'W': t_puts(out, c->w); break;
		case 'D': put_day(out, c); break;
		case 'M': t_puts(out, months[c->next.m - 1]); break;
		case 'N': t_printf(out, "%d", c->n); break;
		case 'Y': t_printf(out, "%d", c->y); break;
		case 'Z': t_printf(out, "%d", c->z); break;
		case 'I': t_puts(out, c->ord); break;
		default: fprintf(stderr, "gen: bad template '%s'\n", tpl); exit(1);
		}
		s += 2;
	}
}

/* The headline alone, capitalised as agencies do (first letter only). */
static void make_headline(struct text *out, const struct headline *h, const struct ctx *c)
{
	expand(out, h->text, c);
	if (out->p[0] >= 'a' && out->p[0] <= 'z')
		out->p[0] = (char)(out->p[0] - 32);
}

/* The body paragraphs after the dateline, 11-19 sentences in paragraphs of 1-3. */
static void make_rest(struct text *out, struct ctx *c)
{
	unsigned want = 11 + rnd(&c->rng, 9), used[COUNT(others)] = {0};
	unsigned in_par = 0, par_len = 1 + rnd(&c->rng, 3);
	for (unsigned k = 0; k < want; k++) {
		unsigned j = rnd(&c->rng, (unsigned)COUNT(others));
		while (used[j])
			j = (j + 1) % (unsigned)COUNT(others);
		used[j] = 1;
		/* Each sentence may bring its own topic and third state. */
		c->q = PICK(&c->rng, topics);
		c->n = 2 + (int)rnd(&c->rng, 30);
		t_puts(out, in_par ? " " : "\n\n");
		size_t start = out->len;
		expand(out, others[j], c);
		if (out->p[start] >= 'a' && out->p[start] <= 'z')
			out->p[start] = (char)(out->p[start] - 32);
		if (++in_par == par_len) {
			in_par = 0;
			par_len = 1 + rnd(&c->rng, 3);
		}
	}
}

enum style { ST_TASS, ST_XINHUA, ST_REUTERS, ST_AP, ST_AFP, ST_KYODO, ST_YONHAP, ST_READOUT };

/* Ministries that publish readouts: their state, the name they sign, how they date. */
enum date_style { D_MONTH_FIRST, D_DAY_FIRST, D_PADDED, D_ISO };
struct issuer {
	const char *state;
	const char *line;
	enum date_style date;
};
static const struct issuer issuers[] = {
	{"the United States", "Office of the Spokesperson", D_MONTH_FIRST},
	{"Russia", "Ministry of Foreign Affairs of the Russian Federation", D_DAY_FIRST},
	{"China", "Ministry of Foreign Affairs of the People's Republic of China", D_ISO},
	{"Japan", "Ministry of Foreign Affairs of Japan", D_MONTH_FIRST},
	{"India", "Ministry of External Affairs", D_PADDED},
	{"South Korea", "Ministry of Foreign Affairs of the Republic of Korea", D_ISO},
};

static const struct issuer *issuer_of(const struct state *s)
{
	for (size_t i = 0; i < COUNT(issuers); i++)
		if (!strcmp(issuers[i].state, s->name))
			return &issuers[i];
	return NULL;
}

static void dateline_date(struct text *out, const struct day *d, int ap)
{
	t_printf(out, "%s %d", ap ? months_ap[d->m - 1] : months[d->m - 1], d->d);
}

/* Writes the page around the report: one function per house style. */
static void page_tass(struct text *out, struct text *head, struct text *body, struct ctx *c,
		      int hour, int min)
{
	unsigned k = 3 + rnd(&c->rng, 4), first = rnd(&c->rng, (unsigned)COUNT(menus));
	for (unsigned i = 0; i < k; i++)
		t_printf(out, "%s\n", menus[(first + i) % COUNT(menus)]);
	t_printf(out, "\n%s\n\n%s %02d, %d, %02d:%02d UTC+3 ", head->p, months[c->pub.m - 1], c->pub.d,
		 c->pub.y, hour, min);
	put_upper(out, c->s->capital);
	t_puts(out, "\n\n");
	expand(out, PICK(&c->rng, ledes), c);
	t_puts(out, "\n\n");
	put_upper(out, c->s->capital);
	t_puts(out, ", ");
	dateline_date(out, &c->pub, 0);
	t_printf(out, ". /TASS/. %s\n\nShow more\nRelated news\n", body->p);
	t_printf(out, "%s and %s discuss %s\n%s %02d, %d\n", c->u->head, c->t->head, c->q,
		 months[c->event.m - 1], c->event.d, c->event.y);
	if (rnd(&c->rng, 3) == 0)
		t_puts(out, "We use cookies to make the site work better. By staying on the site you accept them.\n");
	t_printf(out, "© TASS %d\n", c->pub.y);
}

static void page_wire(struct text *out, struct text *head, struct text *body, struct ctx *c,
		      enum style st, int hour, int min)
{
	const struct day *p = &c->pub;
	const struct state *place = rnd(&c->rng, 2) ? c->s : c->t;
	switch (st) {
	case ST_XINHUA:
		t_printf(out, "%s\nSource: Xinhua\n%d-%02d-%02d %02d:%02d:%02d\nEditor: %s\n\n", head->p,
			 p->y, p->m, p->d, hour, min, (int)rnd(&c->rng, 60), PICK(&c->rng, reporters));
		put_upper(out, place->capital);
		t_puts(out, ", ");
		dateline_date(out, p, 1);
		t_printf(out, " (Xinhua) -- %s\n\nEnditem\n", body->p);
		break;
	case ST_REUTERS:
		t_printf(out, "%s\n", head->p);
		put_upper(out, months[p->m - 1]);
		t_printf(out, " %d, %d / %d:%02d %s\n\nBy %s\n\n%d Min Read\n\n", p->d, p->y,
			 hour % 12 ? hour % 12 : 12, min, hour < 12 ? "AM" : "PM",
			 PICK(&c->rng, reporters), 2 + (int)rnd(&c->rng, 4));
		put_upper(out, place->capital);
		t_printf(out, " (Reuters) - %s\n\nReporting by %s; Editing by %s\n"
			 "Our Standards: The Thomson Reuters Trust Principles.\n", body->p,
			 PICK(&c->rng, reporters), PICK(&c->rng, reporters));
		break;
	case ST_AP:
		t_printf(out, "%s\n\nBy %s\n\n%s %d, %d\n\n", head->p, PICK(&c->rng, reporters),
			 months_ap[p->m - 1], p->d, p->y);
		put_upper(out, place->capital);
		t_printf(out, " (AP) — %s\n\nCopyright %d The Associated Press. All rights reserved.\n",
			 body->p, p->y);
		break;
	case ST_AFP:
		t_printf(out, "%s\n\n%s, %d %s %d\n\n", head->p, weekdays[p->wday], p->d, months[p->m - 1], p->y);
		put_upper(out, place->capital);
		t_puts(out, ", ");
		dateline_date(out, p, 0);
		t_printf(out, ", %d (AFP) - %s\n\nburs/%s\n", p->y, body->p, "jm");
		break;
	case ST_KYODO:
		t_printf(out, "%s\n\n%s %d, %d | KYODO NEWS\n\n", head->p, months[p->m - 1], p->d, p->y);
		put_upper(out, place->capital);
		t_puts(out, ", ");
		dateline_date(out, p, 0);
		t_printf(out, " (Kyodo) -- %s\n\nRelated coverage:\n%s and %s discuss %s\n", body->p,
			 c->u->head, c->s->head, c->q);
		break;
	default: /* ST_YONHAP */
		t_printf(out, "(LEAD) %s\n\nPublished: %d-%02d-%02d %02d:%02d\n\n", head->p, p->y, p->m,
			 p->d, hour, min);
		put_upper(out, place->capital);
		t_puts(out, ", ");
		dateline_date(out, p, 1);
		t_printf(out, " (Yonhap) -- %s\n\n(END)\n", body->p);
		break;
	}
}

static void page_readout(struct text *out, struct text *head, struct text *body, struct ctx *c,
			 const struct issuer *is)
{
	const struct day *p = &c->pub;
	t_printf(out, "%s\n\n%s\n\n", head->p, is->line);
	if (is->date == D_MONTH_FIRST)
		t_printf(out, "%s %d, %d\n\n", months[p->m - 1], p->d, p->y);
	else if (is->date == D_DAY_FIRST)
		t_printf(out, "%d %s %d\n\n", p->d, months[p->m - 1], p->y);
	else if (is->date == D_PADDED)
		t_printf(out, "%s %02d, %d\n\n", months[p->m - 1], p->d, p->y);
	else
		t_printf(out, "%d-%02d-%02d\n\n", p->y, p->m, p->d);
	t_printf(out, "%s\n\nShare this page\n", body->p);
}

/* Builds report i: the page text into page, headline and body into head and body. */
static void make_report(uint64_t seed, unsigned long i, unsigned long perm_mul, struct text *page,
			struct text *head, struct text *body)
{
	struct ctx c;
	memset(&c, 0, sizeof(c));
	c.rng = seed * 0x2545F4914F6CDD1Dull + i;
	splitmix(&c.rng);

	/* (pair, template) is a permutation of i: distinct headlines. */
	unsigned long m = (unsigned long)N_STATES * (N_STATES - 1) * N_HEADLINES;
	unsigned long combo = (i % m) * perm_mul % m;
	const struct headline *h = &headlines[combo % N_HEADLINES];
	unsigned long pair = combo / N_HEADLINES;
	unsigned si = (unsigned)(pair / (N_STATES - 1)), ti = (unsigned)(pair % (N_STATES - 1));
	ti += ti >= si;
	c.s = &states[si];
	c.t = &states[ti];
	unsigned ui = rnd(&c.rng, N_STATES);
	while (ui == si || ui == ti)
		ui = (ui + 1) % N_STATES;
	c.u = &states[ui];

	/* Published 7 minutes after the previous report, from 2017-01-01 00:00 UTC. */
	long minute = (long)i * 7 + (long)rnd(&c.rng, 7);
	long base = days_from_civil(2017, 1, 1);
	int local = (int)(minute % 1440) + 180;   /* shown in Moscow/Beijing-ish time */
	long day = base + minute / 1440 + local / 1440;
	local %= 1440;
	c.pub = civil_from_days(day);
	c.event = civil_from_days(day - (long)rnd(&c.rng, 3));
	c.next = civil_from_days(day + 31);
	c.p = PICK(&c.rng, topics);
	c.q = PICK(&c.rng, topics);
	c.r = PICK(&c.rng, regions);
	c.o = PICK(&c.rng, orgs);
	c.e = PICK(&c.rng, venues);
	c.w = PICK(&c.rng, soon);
	c.ord = PICK(&c.rng, ordinals);
	c.n = 2 + (int)rnd(&c.rng, 30);
	c.y = c.pub.y - 1 - (int)rnd(&c.rng, 3);
	c.z = 1950 + (int)rnd(&c.rng, 46);

	head->len = body->len = page->len = 0;
	t_puts(head, "");
	t_puts(body, "");
	t_puts(page, "");
	make_headline(head, h, &c);
	expand(body, leads[h->kind][rnd(&c.rng, 3)], &c);
	make_rest(body, &c);

	const struct issuer *is = issuer_of(c.s);
	unsigned roll = rnd(&c.rng, 100);
	enum style st = roll < 20 ? ST_TASS : roll < 35 ? ST_XINHUA : roll < 50 ? ST_REUTERS
		: roll < 60 ? ST_AP : roll < 70 ? ST_AFP : roll < 80 ? ST_KYODO : roll < 90 ? ST_YONHAP
		: ST_READOUT;
	if (st == ST_READOUT && !is)
		st = ST_REUTERS;
	if (st == ST_TASS)
		page_tass(page, head, body, &c, local / 60, local % 60);
	else if (st == ST_READOUT)
		page_readout(page, head, body, &c, is);
	else
		page_wire(page, head, body, &c, st, local / 60, local % 60);
}

/* ---- output -------------------------------------------------------------- */

static void mkdir_p(const char *path)
{
	if (mkdir(path, 0777) && errno != EEXIST) {
		fprintf(stderr, "gen: cannot create '%s': %s\n", path, strerror(errno));
		exit(1);
	}
}

static void write_file(const char *path, const struct text *t)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(t->p, 1, t->len, f) != t->len || fclose(f)) {
		fprintf(stderr, "gen: cannot write '%s': %s\n", path, strerror(errno));
		exit(1);
	}
}

static void sql_quoted(FILE *f, const struct text *t)
{
	fputc('\'', f);
	for (size_t i = 0; i < t->len; i++) {
		if (t->p[i] == '\'')
			fputc('\'', f);
		fputc(t->p[i], f);
	}
	fputc('\'', f);
}

static const char sql_head[] =
	"PRAGMA journal_mode=WAL;\n"
	"CREATE TABLE reports (id INTEGER PRIMARY KEY, title TEXT, body TEXT NOT NULL);\n"
	"CREATE VIRTUAL TABLE reports_fts USING fts5(title, body, content='reports',"
	" content_rowid='id', tokenize='unicode61 remove_diacritics 2');\n"
	"CREATE TRIGGER reports_fts_ai AFTER INSERT ON reports BEGIN\n"
	"  INSERT INTO reports_fts(rowid, title, body) VALUES (new.id, new.title, new.body);\n"
	"END;\n"
	"BEGIN;\n";

static unsigned long gcd(unsigned long a, unsigned long b)
{
	while (b) {
		unsigned long r = a % b;
		a = b;
		b = r;
	}
	return a;
}

static void usage(void)
{
	fprintf(stderr, "usage: gen -n N [-s SEED] -o DIR [--sql FILE]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned long n = 0;
	uint64_t seed = 1;
	const char *dir = NULL, *sql = NULL;
	for (int i = 1; i < argc; i++) {
		if (i + 1 >= argc)
			usage();
		if (!strcmp(argv[i], "-n"))
			n = strtoul(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "-s"))
			seed = strtoull(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "-o"))
			dir = argv[++i];
		else if (!strcmp(argv[i], "--sql"))
			sql = argv[++i];
		else
			usage();
	}
	if (!n || !dir)
		usage();
	unsigned long m = (unsigned long)N_STATES * (N_STATES - 1) * N_HEADLINES;
	unsigned long mul = 2654435761ul % m;
	while (gcd(mul, m) != 1)
		mul++;
	FILE *sf = NULL;
	if (sql && (!(sf = fopen(sql, "wb")) || fputs(sql_head, sf) == EOF))
		die(sql);
	mkdir_p(dir);
	struct text page = {0}, head = {0}, body = {0}, path = {0};
	unsigned long long bytes = 0;
	for (unsigned long i = 0; i < n; i++) {
		path.len = 0;
		t_printf(&path, "%s/%04lu", dir, i / 1000);
		if (i % 1000 == 0)
			mkdir_p(path.p);
		t_printf(&path, "/%07lu.txt", i);
		make_report(seed, i, mul, &page, &head, &body);
		write_file(path.p, &page);
		bytes += page.len;
		if (sf) {
			fputs("INSERT INTO reports(title, body) VALUES (", sf);
			sql_quoted(sf, &head);
			fputc(',', sf);
			sql_quoted(sf, &body);
			fputs(");\n", sf);
		}
	}
	if (sf && (fputs("COMMIT;\n", sf) == EOF || fclose(sf)))
		die(sql);
	fprintf(stderr, "gen: %lu reports, %llu bytes in %s (distinct headlines up to %lu)\n", n, bytes,
		dir, m);
	free(page.p);
	free(head.p);
	free(body.p);
	free(path.p);
	return 0;
}
