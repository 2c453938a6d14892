/* The browser workspace (communique serve): a local HTTP server that serves
 * one page app compiled into the binary and a JSON API over the archive's
 * store functions. docs/serve.md describes its use, security model and API.
 */
#ifndef COMMUNIQUE_WEB_H
#define COMMUNIQUE_WEB_H

struct web_config {
	const char *db_path;
	const char *bind;           /* numeric IPv4 or IPv6 address */
	unsigned port;              /* 0: any free port */
	const char *token;          /* what writes must carry (header or cookie) */
	const char *by;             /* who curations are recorded as when the request names nobody */
	int threads;                /* requests answered at once; 0: as many as the cores */
	int quiet;                  /* no line per request on stderr */
	unsigned long cache_mib;    /* the cache of answers, in MiB; 0: none */
};

/* Serves until SIGINT or SIGTERM, then stops cleanly. Prints the address to
 * open on stdout (with the token when show_token). Returns 0, or -1 with
 * *err (malloc'd) when the server could not start. */
int web_serve(const struct web_config *cfg, int show_token, char **err);

#endif
