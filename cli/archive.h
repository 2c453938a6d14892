/* Helpers the commands share: opening the archive and the dictionaries,
 * reporting failures the same way everywhere. */
#ifndef COMMUNIQUE_CLI_ARCHIVE_H
#define COMMUNIQUE_CLI_ARCHIVE_H
#include "cli/cli.h"
#include "ingest/extract.h"
#include "store/store.h"

/* open_archive's flags: the store's, or ARCHIVE_READ for commands that only
 * read: they open read-only (SQLite's mode=ro, and immutable=1 when nothing
 * can change the file), and read-write only to create a missing archive or
 * migrate an older one they can write. ARCHIVE_AS_IS (with ARCHIVE_READ):
 * never that either, for check, which never modifies what it checks. */
#define ARCHIVE_READ 0x100
#define ARCHIVE_AS_IS 0x200

/* Each prints its own error and returns -1 on failure. */
int open_archive(struct cli *cli, int flags, struct store **out);
int open_extractor(struct cli *cli, struct extractor **out);
struct store_lock;
/* Takes the archive's writer lock (store_lock.h: ARCHIVE.lock's flock on an
 * SQLite file, an advisory lock on PostgreSQL), waiting up to wait_s
 * seconds: every writer of an archive takes it, so that updates and imports
 * never interleave. Returns 0 with *out set (store_lock_release releases
 * it), -1 on error (printed), or -2 when another process holds it. */
int archive_writer_lock(struct cli *cli, long wait_s, struct store_lock **out);
/* The lock as messages name it: "'ARCHIVE.lock'", or "the writer lock of
 * 'URI'" on a server. A static buffer, valid until the next call. */
const char *archive_lock_name(struct cli *cli);

/* Names this build and the dictionaries it loads (shipped and --dict), for
 * reports.extracted_with: reextract --stale redoes what another found.
 * malloc'd; NULL when out of memory. */
char *extractor_signature(struct cli *cli);
/* Refuses an output that is the archive itself or one of its companions
 * (-wal, -shm, -journal, .lock): the same file by device and inode, so also
 * through another name, a symlink or a hard link. An output that does not
 * exist yet is never the archive. `what` names the option in the message
 * ("backup", "-o"). Returns 0, or -1 after printing why (a usage error). */
int refuse_archive_output(struct cli *cli, const char *what, const char *output);
/* The same for output already open as fd (>= 0), which is what is compared:
 * nothing can swap the file between the check and the writes. */
int refuse_archive_fd(struct cli *cli, const char *what, const char *output, int fd);
/* Checks a --text query before it runs, so that a mistake in it is a usage
 * error (exit 2), not the archive's (3). NULL passes. Returns 0, -1 (usage
 * error, printed) or -2 (archive error, printed). */
int check_text_query(struct cli *cli, struct store *s, const char *text);
/* Parses a --date/--from/--to value; NULL leaves out->prec PREC_UNKNOWN. */
int parse_date_option(const char *opt, const char *value, struct cdate *out);

#endif
