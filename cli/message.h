/* Messages returned rather than printed (filter_parse, edit_build): the
 * command line prints them, the server answers them. */
#ifndef COMMUNIQUE_CLI_MESSAGE_H
#define COMMUNIQUE_CLI_MESSAGE_H

/* A malloc'd message for the caller to own; NULL when out of memory. */
char *message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
