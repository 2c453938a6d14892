/* communique types: the event types the archive and the dictionaries know,
 * with their CAMEO codes and how many events of each the archive holds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/archive.h"
#include "store/store_lock.h"
#include "cli/term.h"
#include "store/store_admin.h"
#include "util/types.h"

static const char usage[] = "types\n\n"
	"Lists the event types (docs/events.md, and any added with --dict types.tsv):\n"
	"name, CAMEO code, frame (directed: source -> target; mutual; source only),\n"
	"label, and the number of events of the type in the archive (0 when the\n"
	"archive does not exist yet). 'events --type T' and 'export --type T' take\n"
	"these names; '--type help' prints this list too.";

struct counts {
	const char **name;
	long *n;
	size_t len, cap;
};

static int keep_count(void *ctx, const struct store_stat *st)
{
	struct counts *c = ctx;
	if (grow_array((void **)&c->name, &c->cap, c->len + 1, sizeof(*c->name)))
		return -1;
	size_t cap_n = c->cap;
	long *n = realloc(c->n, cap_n * sizeof(*n));
	if (!n)
		return -1;
	c->n = n;
	if (!(c->name[c->len] = strdup(st->key)))
		return -1;
	c->n[c->len++] = st->events;
	return 0;
}

int print_types(struct cli *cli)
{
	struct counts c = {0};
	struct store *s = NULL;
	/* Counts only where an archive exists: listing types never creates one. */
	FILE *probe = store_target_is_server(cli->db_path) ? NULL : fopen(cli->db_path, "rb");
	if (probe || store_target_is_server(cli->db_path)) {
		if (probe)
			fclose(probe);
		if (open_archive(cli, ARCHIVE_READ, &s))
			return EXIT_ARCHIVE;
		char *err = NULL;
		if (store_stats_each(s, STAT_TYPE, 0, keep_count, &c, &err)) {
			error("archive '%s': %s", cli->db_shown, err ? err : "out of memory");
			free(err);
		}
	}
	printf("%-18s %-6s %-9s %-28s %s\n", "type", "CAMEO", "frame", "label", "events");
	for (size_t i = 0; i < types_count(); i++) {
		const struct event_type *t = types_at(i);
		long n = 0;
		for (size_t k = 0; k < c.len; k++)
			if (!strcmp(c.name[k], t->name))
				n = c.n[k];
		const char *frame = t->frame == TF_DIRECTED ? "directed" : t->frame == TF_SYMMETRIC ? "mutual" : "source";
		printf("%-18s %-6s %-9s %-28s %ld\n", tv(t->name), tv(t->cameo), frame, tv(t->label), n);
	}
	for (size_t k = 0; k < c.len; k++)
		free((char *)c.name[k]);
	free(c.name);
	free(c.n);
	store_close(s);
	return EXIT_OK;
}

int cmd_types(struct cli *cli, int argc, char **argv)
{
	char **pos;
	int npos, rc = parse_options("communique", usage, NULL, argc, argv, &pos, &npos);
	free(pos);
	if (rc || npos) {
		if (!rc)
			error("types takes no arguments");
		return rc > 0 ? (close_stdout() ? EXIT_ARCHIVE : EXIT_OK) : EXIT_USAGE;
	}
	rc = print_types(cli);
	if (close_stdout())
		return EXIT_ARCHIVE;
	return rc;
}
