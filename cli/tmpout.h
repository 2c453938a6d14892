/* Temporary outputs: the files an output is written under before it is
 * renamed into place (export -o, backup). Each is named beside its output
 * with a fixed prefix and the writer's pid,
 *
 *     DIR/.communique-tmp-PID-NAME      (and SQLite's -journal, -wal, -shm)
 *
 * so that one left by a killed run can be found and removed by the next. */
#ifndef COMMUNIQUE_CLI_TMPOUT_H
#define COMMUNIQUE_CLI_TMPOUT_H

#define TMPOUT_PREFIX ".communique-tmp-"

/* Names the temporary file of `output` (malloc'd; NULL when out of memory),
 * removes the temporary files of processes that no longer run from the
 * output's directory (a warning names each one that cannot be removed), and
 * arranges for the new name and its SQLite companions to be removed if the
 * program is ended by SIGINT, SIGTERM or SIGHUP. One at a time: a second
 * call replaces the first. */
char *tmpout_begin(const char *output);
/* Removes the temporary file and its companions when failed (they are gone
 * already after a successful rename) and forgets the signal cleanup. */
void tmpout_end(char *tmp, int failed);

#endif
