/* Opening the archive and the dictionaries for a command, with the messages
 * and exit codes every command shares. */
#include <stdlib.h>
#include <unistd.h>

#include "cli/archive.h"

int open_archive(struct cli *cli, int flags, struct store **out)
{
	char *err = NULL;
	/* Reading commands work on an archive they may not write (a read-only
	 * copy), as long as its schema is current. */
	if ((flags & ARCHIVE_READ) && store_open(cli->db_path, 0, out, &err)) {
		char *first = err;
		err = NULL;
		/* Only a permission problem calls for a read-only open: a damaged or
		 * foreign file is refused as it is. */
		if (access(cli->db_path, W_OK) != 0 && access(cli->db_path, R_OK) == 0 &&
		    !store_open(cli->db_path, STORE_READONLY, out, &err)) {
			free(first);
			return 0;
		}
		free(err);
		error("%s", first);
		free(first);
		return -1;
	}
	if (flags & ARCHIVE_READ)
		return 0;
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
