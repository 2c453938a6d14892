/* Opening the archive and the dictionaries for a command, with the messages
 * and exit codes every command shares. */
#include <stdlib.h>

#include "cli/archive.h"

int open_archive(struct cli *cli, int flags, struct store **out)
{
	char *err = NULL;
	if (store_open(cli->db_path, flags, out, &err)) {
		error("%s", err);
		free(err);
		return -1;
	}
	return 0;
}

int open_extractor(struct cli *cli, struct extractor **out)
{
	char *err = NULL;
	if (extractor_new(cli->dicts, cli->n_dicts, out, &err)) {
		error("%s", err);
		free(err);
		return -1;
	}
	return 0;
}

int parse_date_option(const char *opt, const char *value, struct cdate *out)
{
	if (!value) {
		out->prec = PREC_UNKNOWN;
		return 0;
	}
	if (cdate_parse(value, out)) {
		error("%s: '%s' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)", opt, value);
		return -1;
	}
	return 0;
}
