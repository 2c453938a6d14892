/* communique serve: the browser workspace (web/, docs/serve.md). Parses the
 * options, makes or reads the write token, and runs the server. */
#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>

#include "cli/archive.h"
#include "store/store_lock.h"
#include "web/web.h"

static const char usage[] = "serve [--bind ADDR] [--port N] [--token-file F] [--allow-remote]\n\n"
	"Serves the archive to a browser: the timeline with every filter of 'events',\n"
	"paged; an event's sources with the evidence marked, its history and its\n"
	"corrections; the review queue; relations over time; reports; exports of the\n"
	"view. Listens on 127.0.0.1 (port 8080 by default; --port 0 picks a free one)\n"
	"and prints the address to open. Reading needs nothing; writing (corrections)\n"
	"needs the token: the printed address carries it once and the page keeps it\n"
	"in a cookie, or programs send it as the X-Communique-Token header. Any\n"
	"address but the loopback needs --allow-remote: on a network, everyone who\n"
	"reaches the port can read the archive. Stops on Ctrl-C or SIGTERM.\n"
	"See docs/serve.md for the API and the security model.";

/* A token of 32 random bytes, hex. */
static int make_token(char out[65])
{
	unsigned char b[32];
	size_t got = 0;
	while (got < sizeof(b)) {
		ssize_t n = getrandom(b + got, sizeof(b) - got, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		got += (size_t)n;
	}
	for (size_t i = 0; i < sizeof(b); i++)
		snprintf(out + 2 * i, 3, "%02x", b[i]);
	return 0;
}

/* The token of a file: its first line, 16 to 256 printable ASCII characters. */
static int read_token(const char *path, char *out, size_t cap)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		error("--token-file '%s': %s", path, strerror(errno));
		return -1;
	}
	if (!fgets(out, (int)cap, f)) {
		error("--token-file '%s': empty", path);
		fclose(f);
		return -1;
	}
	fclose(f);
	size_t n = strcspn(out, "\r\n");
	out[n] = 0;
	for (size_t i = 0; i < n; i++)
		if (out[i] <= ' ' || out[i] > '~' || out[i] == ';' || out[i] == '"' || out[i] == ',') {
			error("--token-file '%s': the token has a space, a control character or one of ;\",", path);
			return -1;
		}
	if (n < 16) {
		error("--token-file '%s': the token is shorter than 16 characters", path);
		return -1;
	}
	struct stat sb;
	if (stat(path, &sb) == 0 && (sb.st_mode & 077))
		warning("--token-file '%s' can be read by other users (chmod 600 it)", path);
	return 0;
}

int cmd_serve(struct cli *cli, int argc, char **argv)
{
	const char *bind = "127.0.0.1", *token_file = NULL, *by = NULL;
	long port = -1, threads = -1, cache = 64;
	int allow_remote = 0, quiet = 0;
	const struct option opts[] = {
		{"bind", 0, OPT_STRING, &bind, "ADDR", "listen on this IP address (default 127.0.0.1)"},
		{"port", 'p', OPT_LONG, &port, "N", "listen on port N (default 8080; 0: any free port)"},
		{"token-file", 0, OPT_STRING, &token_file, "F", "the write token is the first line of F (else a new one is made and printed)"},
		{"allow-remote", 0, OPT_FLAG, &allow_remote, NULL, "allow an address other than the loopback"},
		{"by", 0, OPT_STRING, &by, "WHO", "who corrections are recorded as when the page names nobody (default: the login name)"},
		{"threads", 0, OPT_LONG, &threads, "N", "requests answered at once (default: the number of cores)"},
		{"cache", 0, OPT_LONG, &cache, "MIB", "keep answers up to MIB MiB, each until the archive changes (default 64; 0: none)"},
		{"quiet", 'q', OPT_FLAG, &quiet, NULL, "no line per request on stderr"},
		{NULL, 0, 0, NULL, NULL, NULL}};
	char **pos;
	int npos, rc = parse_options("communique", usage, opts, argc, argv, &pos, &npos);
	free(pos);
	if (rc || npos) {
		if (!rc)
			error("serve takes no arguments (see --help)");
		return rc > 0 ? (close_stdout() ? EXIT_ARCHIVE : EXIT_OK) : EXIT_USAGE;
	}
	if (port > 65535) {
		error("--port: %ld is not a port (0 to 65535)", port);
		return EXIT_USAGE;
	}
	if (threads != -1 && (threads < 1 || threads > 64)) {
		error("--threads: 1 to 64");
		return EXIT_USAGE;
	}
	if (cache < 0 || cache > 65536) {
		error("--cache: 0 to 65536 (MiB)");
		return EXIT_USAGE;
	}
	int loopback = !strncmp(bind, "127.", 4) || !strcmp(bind, "::1");
	if (!loopback && !allow_remote) {
		error("--bind %s: the archive would be readable from the network; add --allow-remote if"
		      " that is meant (writes still need the token)", bind);
		return EXIT_USAGE;
	}
	char token[260];
	if (token_file ? read_token(token_file, token, sizeof(token)) : make_token(token)) {
		if (!token_file)
			error("cannot make a token: %s", strerror(errno));
		return EXIT_USAGE;
	}
	struct stat sb;
	if (!store_target_is_server(cli->db_path) && stat(cli->db_path, &sb) != 0) {
		error("no archive at '%s' (import reports first: communique ingest)", cli->db_shown);
		return EXIT_ARCHIVE;
	}
	/* Brings an older archive up to date once, as reading commands do. */
	struct store *s;
	if (open_archive(cli, ARCHIVE_READ, &s))
		return EXIT_ARCHIVE;
	store_close(s);
	const char *user = getenv("USER");
	struct web_config cfg = {
		.db_path = cli->db_path, .bind = bind, .port = port < 0 ? 8080 : (unsigned)port, .token = token,
		.by = by && *by ? by : user && *user ? user : "web", .threads = threads < 0 ? 0 : (int)threads, .quiet = quiet,
		.cache_mib = (unsigned long)cache,
	};
#ifdef __GLIBC__
	/* Each request takes and gives back the same few hundred KB (a page's
	 * text, SQLite's temporary b-trees): glibc would hand the freed top of
	 * a thread's heap back to the kernel every time and fault it in again
	 * at the next request, 15 % of a filtered page's CPU (bench/serve.md,
	 * round 5). Kept instead, up to 32 MiB a heap. */
	mallopt(M_TRIM_THRESHOLD, 32 << 20);
	mallopt(M_TOP_PAD, 1 << 20);
#endif
	char *err = NULL;
	if (web_serve(&cfg, !token_file, &err)) {
		error("serve: %s", err ? err : "out of memory");
		free(err);
		return EXIT_ARCHIVE;
	}
	return close_stdout() ? EXIT_ARCHIVE : EXIT_OK;
}
