/* The extractor's word classes, read from grammar.tsv: see grammar.h. */
#include "ingest/grammar.h"

#include "ingest/dict.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/file.h"

const char *const grammar_class_names[GC_COUNT] = {
	"reporting", "weak_reporting", "clause_break", "honorific", "name_particle",
	"collective", "named_suffix", "role_word", "skip_adverb", "negator", "condition",
	"plan", "resume", "intent", "preposition", "joiner", "determiner",
	"intention_noun", "ask_verb", "reference_start", "tail_stop", "link_word",
	"title_qualifier", "be", "plan_noun", "organ", "organ_qualifier", "cancel",
	"attack", "state_body", "content_verb", "open_call", "draft_text", "block_verb",
	"naming_verb", "act_noun", "tell_verb",
};

/* A grammar file is small: anything larger is not one. */
#define GRAMMAR_MAX_BYTES ((size_t)4 << 20)

static int push_entry(struct grammar *g, int cls, char **words, size_t n)
{
	struct grammar_entry *p = realloc(g->entries[cls], (g->n_entries[cls] + 1) * sizeof(*p));
	if (!p)
		return -1;
	g->entries[cls] = p;
	char **copy = calloc(n, sizeof(*copy));
	if (!copy)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!(copy[i] = strdup(words[i]))) {
			while (i--)
				free(copy[i]);
			free(copy);
			return -1;
		}
	p[g->n_entries[cls]++] = (struct grammar_entry){copy, n};
	return 0;
}

/* Adds one entry ("call+ off"): the first word may carry '+' or '++'. */
static int add_entry(struct grammar *g, int cls, char *entry, const char *name, size_t line, char **err)
{
	char *words[16];
	size_t n = 0;
	char *save = NULL;
	for (char *w = strtok_r(entry, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		if (n == sizeof(words) / sizeof(*words))
			return dict_error(err, name, line, "a phrase of more than 16 words", entry);
		words[n++] = w;
	}
	if (!n)
		return dict_error(err, name, line, "an empty entry in class", grammar_class_names[cls]);
	if (n > 1 && cls != GC_CANCEL)
		return dict_error(err, name, line, "only the class 'cancel' takes phrases; not", words[0]);
	for (size_t i = 1; i < n; i++)
		if (strchr(words[i], '+'))
			return dict_error(err, name, line, "only the first word of a phrase takes '+':", words[i]);
	size_t len = strlen(words[0]);
	int plus = 0;
	while (len && words[0][len - 1] == '+') {
		words[0][--len] = '\0';
		plus++;
	}
	if (!len || plus > 2)
		return dict_error(err, name, line, "a bad verb entry (write 'verb+' or 'verb++')", words[0]);
	if (!plus)
		return push_entry(g, cls, words, n) ? dict_error(err, name, line, "out of memory", NULL) : 0;
	/* The forms the event wording gives the same lemma (irregular ones from
	 * verbs.tsv when the extractor's dictionary is at hand). */
	struct dict_forms_out forms;
	dict_verb_forms(g->verbs, words[0], plus == 2, &forms);
	for (int f = 0; f < forms.n; f++) {
		words[0] = forms.f[f];
		if (push_entry(g, cls, words, n))
			return dict_error(err, name, line, "out of memory", NULL);
	}
	return 0;
}

/* Splits `list` at unescaped ';', undoing "\;" and "\\", trimming spaces. */
static int add_list(struct grammar *g, int cls, const char *list, const char *name, size_t line, char **err)
{
	struct buf item;
	buf_init(&item, 0);
	int rc = 0;
	for (const char *p = list;; p++) {
		if (*p == '\\' && (p[1] == ';' || p[1] == '\\')) {
			if (buf_addch(&item, *++p)) {
				rc = dict_error(err, name, line, "out of memory", NULL);
				break;
			}
			continue;
		}
		if (*p && *p != ';') {
			if (buf_addch(&item, *p)) {
				rc = dict_error(err, name, line, "out of memory", NULL);
				break;
			}
			continue;
		}
		char *s = (char *)buf_str(&item);
		while (*s == ' ')
			s++;
		size_t n = strlen(s);
		while (n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
			s[--n] = '\0';
		if (!n && *p == ';') {
			rc = dict_error(err, name, line, "an empty entry in class", grammar_class_names[cls]);
			break;
		}
		if (n && (rc = add_entry(g, cls, s, name, line, err)))
			break;
		buf_reset(&item);
		if (!*p)
			break;
	}
	buf_release(&item);
	return rc;
}

int grammar_add_text(struct grammar *g, const char *name, const char *text, char **err)
{
	size_t line = 0;
	for (const char *p = text; p && *p;) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		line++;
		struct buf row;
		buf_init(&row, 0);
		if (len && buf_add(&row, p, len)) {
			buf_release(&row);
			return dict_error(err, name, line, "out of memory", NULL);
		}
		char *r = (char *)buf_str(&row);
		p = end ? end + 1 : NULL;
		size_t k = strspn(r, " \r");
		if (!r[k] || r[k] == '#') {
			buf_release(&row);
			continue;
		}
		char *tab = strchr(r, '\t');
		int rc = 0;
		if (!tab) {
			rc = dict_error(err, name, line, "expected two tab-separated columns (class, words)", NULL);
		} else {
			*tab = '\0';
			int cls = -1;
			for (int c = 0; c < GC_COUNT; c++)
				if (!strcmp(r, grammar_class_names[c]))
					cls = c;
			if (cls < 0)
				rc = dict_error(err, name, line, "unknown word class", r);
			else if (strchr(tab + 1, '\t'))
				rc = dict_error(err, name, line, "more than two columns in class", r);
			else
				rc = add_list(g, cls, tab + 1, name, line, err);
		}
		buf_release(&row);
		if (rc)
			return -1;
	}
	return 0;
}

static int add_grammar_text(void *g, const char *name, const char *text, char **err)
{
	return grammar_add_text(g, name, text, err);
}

int grammar_load(struct grammar *g, const struct dict *verbs, const char *const *extra, size_t n_extra, char **err)
{
	memset(g, 0, sizeof(*g));
	g->verbs = verbs;
	*err = NULL;
	int rc = dict_texts("grammar.tsv", extra, n_extra, GRAMMAR_MAX_BYTES, add_grammar_text, g, err);
	if (rc)
		grammar_release(g);
	return rc;
}

void grammar_release(struct grammar *g)
{
	for (int c = 0; c < GC_COUNT; c++) {
		for (size_t i = 0; i < g->n_entries[c]; i++) {
			for (size_t k = 0; k < g->entries[c][i].n; k++)
				free(g->entries[c][i].words[k]);
			free(g->entries[c][i].words);
		}
		free(g->entries[c]);
		g->entries[c] = NULL;
		g->n_entries[c] = 0;
	}
}
