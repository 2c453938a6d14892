/* Extraction alone, on one core: reads every file named on the command line
 * (or listed one per line on stdin with "-") as a saved text report, then
 * times only extract_events over all of them, several rounds, and prints
 * reports/s and sentences/s (sentences as the extractor's splitter counts
 * them, title and body). Reading and report detection are done before the
 * clock starts; nothing is stored. Built by bench/extract.sh.
 *
 *   bench_extract [-r ROUNDS] FILE...
 *   find DIR -type f | bench_extract [-r ROUNDS] -
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ingest/extract.h"
#include "ingest/sentence.h"
#include "ingest/text.h"
#include "util/buf.h"
#include "util/file.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t count_sentences(const char *s)
{
	if (!s)
		return 0;
	struct token_list l;
	token_list_init(&l);
	struct sentence_span *sp = NULL;
	size_t n = 0, cap = 0;
	if (tokenize(s, strlen(s), 0, &l) == 0)
		split_sentences(s, &l, 0, l.n, &sp, &n, &cap);
	free(sp);
	token_list_release(&l);
	return n;
}

int main(int argc, char **argv)
{
	int rounds = 3, first = 1;
	if (argc > 2 && !strcmp(argv[1], "-r")) {
		rounds = atoi(argv[2]);
		first = 3;
	}
	if (first >= argc || rounds < 1) {
		fprintf(stderr, "usage: bench_extract [-r ROUNDS] FILE...\n");
		return 2;
	}
	/* "-": the paths come one per line on stdin (more than a command line holds). */
	char **paths = argv + first;
	size_t n = (size_t)(argc - first), ok = 0, sentences = 0;
	char **listed = NULL;
	if (n == 1 && !strcmp(paths[0], "-")) {
		size_t cap = 0;
		char line[4096];
		n = 0;
		while (fgets(line, sizeof(line), stdin)) {
			line[strcspn(line, "\n")] = '\0';
			if (!*line)
				continue;
			if (n == cap) {
				cap = cap ? 2 * cap : 1024;
				char **p = realloc(listed, cap * sizeof(*p));
				if (!p)
					return 1;
				listed = p;
			}
			if (!(listed[n++] = strdup(line)))
				return 1;
		}
		paths = listed;
	}
	struct report *reps = calloc(n ? n : 1, sizeof(*reps));
	if (!reps)
		return 1;
	for (size_t i = 0; i < n; i++) {
		struct buf b;
		char *why = NULL, *err = NULL;
		report_init(&reps[ok]);
		if (read_file_bounded(paths[i], (size_t)16 << 20, &b, NULL, &why)) {
			fprintf(stderr, "bench_extract: %s: %s\n", paths[i], why ? why : "cannot read");
			free(why);
			continue;
		}
		struct ingest_hints h = {.path = paths[i]};
		if (text_read(buf_str(&b), b.len, &h, &reps[ok], &err) == 0) {
			sentences += count_sentences(reps[ok].title) + count_sentences(reps[ok].body);
			ok++;
		} else {
			report_release(&reps[ok]);
		}
		free(err);
		buf_release(&b);
	}
	struct extractor *x = NULL;
	char *err = NULL;
	if (extractor_new(NULL, 0, &x, &err)) {
		fprintf(stderr, "bench_extract: %s\n", err ? err : "cannot make the extractor");
		return 1;
	}
	double best = 0;
	size_t events = 0;
	for (int r = 0; r < rounds; r++) {
		double t0 = now();
		events = 0;
		for (size_t i = 0; i < ok; i++) {
			struct event_list ev;
			event_list_init(&ev);
			if (extract_events(x, &reps[i], &ev, &err) == 0)
				events += ev.n;
			event_list_release(&ev);
			extractor_drop_aliases(x);   /* nothing is stored */
		}
		double t = now() - t0;
		if (r == 0 || t < best)
			best = t;
	}
	printf("%zu reports, %zu sentences, %zu events; best of %d rounds: %.3f s\n", ok, sentences, events, rounds,
	       best);
	printf("%.0f reports/s, %.0f sentences/s\n", (double)ok / best, (double)sentences / best);
	extractor_free(x);
	for (size_t i = 0; i < ok; i++)
		report_release(&reps[i]);
	free(reps);
	for (size_t i = 0; listed && i < n; i++)
		free(listed[i]);
	free(listed);
	return 0;
}
