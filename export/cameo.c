/* CAMEO verb descriptions (as ICEWS writes them in "Event Text") and their
 * Goldstein scores (the "Intensity" column), for the codes of
 * docs/events.md and the twenty root categories they fall back on.
 * Goldstein values are those of the CAMEO codebook's Goldstein mapping (as
 * distributed with GDELT, CAMEO.goldsteinscale.txt). Sorted by code for
 * bsearch.
 */
#include "export/export_internal.h"

#include <stdlib.h>
#include <string.h>

static const struct tl_cameo cameo[] = {
	{"01", "Make public statement", 0.0},
	{"010", "Make statement", 0.0},
	{"016", "Deny responsibility", -2.0},
	{"02", "Appeal", 3.0},
	{"020", "Make an appeal or request", 3.0},
	{"03", "Express intent to cooperate", 4.0},
	{"030", "Express intent to cooperate", 4.0},
	{"04", "Consult", 1.0},
	{"040", "Consult", 1.0},
	{"041", "Discuss by telephone", 1.0},
	{"042", "Make a visit", 1.9},
	{"043", "Host a visit", 2.8},
	{"044", "Meet at third location", 2.5},
	{"046", "Engage in negotiation", 7.0},
	{"05", "Engage in diplomatic cooperation", 3.5},
	{"051", "Praise or endorse", 3.4},
	{"057", "Sign formal agreement", 8.0},
	{"06", "Engage in material cooperation", 6.0},
	{"07", "Provide aid", 7.0},
	{"08", "Yield", 5.0},
	{"085", "Ease economic sanctions, boycott, or embargo", 7.0},
	{"09", "Investigate", -2.0},
	{"10", "Demand", -5.0},
	{"100", "Demand", -5.0},
	{"11", "Disapprove", -2.0},
	{"111", "Criticize or denounce", -2.0},
	{"112", "Accuse", -2.0},
	{"114", "Complain officially", -2.0},
	{"12", "Reject", -4.0},
	{"120", "Reject", -4.0},
	{"125", "Reject proposal to meet, discuss, or negotiate", -5.0},
	{"128", "Defy norms, law", -5.0},
	{"129", "Veto", -5.0},
	{"13", "Threaten", -6.0},
	{"130", "Threaten", -4.4},
	{"14", "Protest", -6.5},
	{"15", "Exhibit force posture", -7.2},
	{"16", "Reduce relations", -4.0},
	{"161", "Reduce or break diplomatic relations", -4.0},
	{"163", "Impose embargo, boycott, or sanctions", -8.0},
	{"17", "Coerce", -7.0},
	{"18", "Assault", -9.0},
	{"19", "Fight", -10.0},
	{"20", "Use unconventional mass violence", -10.0},
};

static int by_code(const void *key, const void *elem)
{
	return strcmp(key, ((const struct tl_cameo *)elem)->code);
}

static const struct tl_cameo *lookup(const char *code)
{
	return bsearch(code, cameo, sizeof(cameo) / sizeof(cameo[0]), sizeof(cameo[0]), by_code);
}

const struct tl_cameo *tl_cameo_find(const char *code)
{
	if (!code || strlen(code) < 2)
		return NULL;
	const struct tl_cameo *c = lookup(code);
	if (c)
		return c;
	char root[3] = {code[0], code[1], '\0'};
	return lookup(root);
}
