/* The sources of the scheduled update: the sources file's parser, and the
 * job that brings one source's new reports into the archive (see sources.h).
 *
 * Importing a file's reports follows importer.c step by step (classify,
 * extract, store each report in its own savepoint inside batched
 * transactions) but works file by file, so that each file's state is
 * written in the same transaction as its reports and the caller learns what
 * became of every file. */
#include "ingest/sources.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ingest/dirseen.h"
#include "ingest/formats.h"
#include "store/store_admin.h"
#include "util/buf.h"
#include "util/strv.h"
#include "util/file.h"
#include "util/hash.h"

/* ---- the sources file ------------------------------------------------------ */

#define MAX_LINE 4096

static char *located(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static char *located(const char *file, int line, const char *fmt, ...)
{
	struct buf m;
	buf_init(&m, 0);
	buf_printf(&m, "%s:%d: ", file, line);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&m, fmt, ap);
	va_end(ap);
	return buf_finish_msg(&m, "a sources file message");
}

static void source_release(struct source *s)
{
	free(s->name);
	free(s->path);
	free(s->url);
	free(s->agency);
	free(s->format);
	for (size_t i = 0; i < s->n_include; i++)
		free(s->include[i]);
	free(s->include);
	for (size_t i = 0; i < s->n_exclude; i++)
		free(s->exclude[i]);
	free(s->exclude);
	memset(s, 0, sizeof(*s));
}

void sources_release(struct source_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		source_release(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

const struct source *sources_find(const struct source_list *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].name, name))
			return &l->v[i];
	return NULL;
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

/* Cuts a comment: ';' or '#' at the start or after a blank (so URLs with
 * fragments survive). */
static void cut_comment(char *s)
{
	for (char *p = s; *p; p++)
		if ((*p == ';' || *p == '#') && (p == s || isspace((unsigned char)p[-1]))) {
			*p = '\0';
			return;
		}
}

static int name_ok(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("._-", *s))
			return 0;
	return 1;
}

/* Splits a pattern list on blanks. */
static int split_patterns(const char *v, char ***out, size_t *n)
{
	const char *p = v;
	while (*p) {
		while (isspace((unsigned char)*p))
			p++;
		const char *start = p;
		while (*p && !isspace((unsigned char)*p))
			p++;
		if (p == start)
			break;
		char **a = realloc(*out, (*n + 1) * sizeof(*a));
		if (!a)
			return -1;
		*out = a;
		if (!(a[*n] = xstrndup(start, (size_t)(p - start))))
			return -1;
		(*n)++;
	}
	return 0;
}

static char *resolve(const char *base_dir, const char *path)
{
	if (path[0] == '/' || !base_dir || !*base_dir || !strcmp(base_dir, "."))
		return strdup(path);
	struct buf b;
	buf_init(&b, 0);
	buf_printf(&b, "%s%s%s", base_dir, base_dir[strlen(base_dir) - 1] == '/' ? "" : "/", path);
	return buf_finish(&b);
}

struct parser {
	const char *file;
	const char *base_dir;
	int line;
	struct source_list *list;
	struct source *cur;      /* the open section, or NULL */
	unsigned seen;           /* keys given in the open section, one bit each */
};

static const char *const keys[] = {"kind", "path", "url", "agency", "format", "include", "exclude"};

static int set_key(struct parser *p, int k, const char *v, char **err)
{
	struct source *s = p->cur;
	int rc = 0;
	switch (k) {
	case 0:
		if (!strcmp(v, "dir"))
			s->kind = SOURCE_DIR;
		else if (!strcmp(v, "feed"))
			s->kind = SOURCE_FEED;
		else {
			*err = located(p->file, p->line, "kind must be 'dir' or 'feed', not '%s'", v);
			return -1;
		}
		return 0;
	case 1:
		rc = !(s->path = resolve(p->base_dir, v));
		break;
	case 2:
		if (strncmp(v, "http://", 7) && strncmp(v, "https://", 8)) {
			*err = located(p->file, p->line, "url must start with http:// or https:// (use path = for a file)");
			return -1;
		}
		rc = !(s->url = strdup(v));
		break;
	case 3:
		rc = !(s->agency = strdup(v));
		break;
	case 4:
		if (!format_known(v)) {
			*err = located(p->file, p->line, "unknown format '%s' (known: %s)", v, formats_list);
			return -1;
		}
		free(s->format);
		rc = !(s->format = strdup(v));
		break;
	case 5:
		rc = split_patterns(v, &s->include, &s->n_include);
		break;
	case 6:
		rc = split_patterns(v, &s->exclude, &s->n_exclude);
		break;
	}
	if (rc)
		*err = strdup("out of memory");
	return rc ? -1 : 0;
}

/* Checks the section just ended. */
static int close_section(struct parser *p, char **err)
{
	struct source *s = p->cur;
	if (!s)
		return 0;
	const char *why = NULL;
	if (!(p->seen & 1))
		why = "needs kind = dir or kind = feed";
	else if (s->kind == SOURCE_DIR && s->url)
		why = "is a dir: it takes path =, not url =";
	else if (s->kind == SOURCE_DIR && !s->path)
		why = "needs path = (the inbox directory)";
	else if (s->kind == SOURCE_FEED && s->url && s->path)
		why = "takes url = or path =, not both";
	else if (s->kind == SOURCE_FEED && !s->url && !s->path)
		why = "needs url = (or path = for a feed file)";
	if (why) {
		*err = located(p->file, s->line, "source '%s' %s", s->name, why);
		return -1;
	}
	p->cur = NULL;
	return 0;
}

static int open_section(struct parser *p, char *line, char **err)
{
	char *end = strchr(line, ']');
	if (!end) {
		*err = located(p->file, p->line, "a section header needs a closing ']'");
		return -1;
	}
	*end = '\0';
	if (*trim(end + 1)) {
		*err = located(p->file, p->line, "unexpected text after ']'");
		return -1;
	}
	char *name = trim(line + 1);
	if (!name_ok(name)) {
		*err = located(p->file, p->line, "'%s' is not a source name (use letters, digits, '.', '_' and '-')",
			       name);
		return -1;
	}
	if (sources_find(p->list, name)) {
		*err = located(p->file, p->line, "source '%s' is defined twice", name);
		return -1;
	}
	if (close_section(p, err))
		return -1;
	struct source *v = realloc(p->list->v, (p->list->n + 1) * sizeof(*v));
	if (!v) {
		*err = strdup("out of memory");
		return -1;
	}
	p->list->v = v;
	p->cur = &v[p->list->n++];
	memset(p->cur, 0, sizeof(*p->cur));
	p->cur->line = p->line;
	p->seen = 0;
	if (!(p->cur->name = strdup(name)) || !(p->cur->format = strdup("auto"))) {
		*err = strdup("out of memory");
		return -1;
	}
	return 0;
}

static int key_value(struct parser *p, char *line, char **err)
{
	char *eq = strchr(line, '=');
	if (!eq) {
		*err = located(p->file, p->line, "expected 'key = value' or '[name]'");
		return -1;
	}
	*eq = '\0';
	char *key = trim(line), *val = trim(eq + 1);
	if (!p->cur) {
		*err = located(p->file, p->line, "'%s' comes before any [section]", key);
		return -1;
	}
	int k = -1;
	for (size_t i = 0; i < sizeof(keys) / sizeof(*keys); i++)
		if (!strcmp(key, keys[i]))
			k = (int)i;
	if (k < 0) {
		*err = located(p->file, p->line, "unknown key '%s' in [%s] (known: kind, path, url, agency,"
			       " format, include, exclude)", key, p->cur->name);
		return -1;
	}
	if (p->seen & (1u << k)) {
		*err = located(p->file, p->line, "'%s' is given twice in [%s]", key, p->cur->name);
		return -1;
	}
	if (!*val) {
		*err = located(p->file, p->line, "'%s' needs a value", key);
		return -1;
	}
	p->seen |= 1u << k;
	return set_key(p, k, val, err);
}

static int parse_line(struct parser *p, char *raw, char **err)
{
	cut_comment(raw);
	char *line = trim(raw);
	if (!*line)
		return 0;
	if (*line == '[')
		return open_section(p, line, err);
	return key_value(p, line, err);
}

int sources_parse(const char *text, size_t len, const char *file, const char *base_dir,
		  struct source_list *out, char **err)
{
	out->v = NULL;
	out->n = 0;
	struct parser p = {.file = file ? file : "sources", .base_dir = base_dir, .list = out};
	size_t i = 0;
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		i = 3;
	char line[MAX_LINE + 1];
	while (i < len) {
		p.line++;
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (text + i)) : len - i;
		if (n > MAX_LINE || memchr(text + i, '\0', n)) {
			*err = located(p.file, p.line, n > MAX_LINE ? "line too long" : "a NUL byte in the line");
			goto fail;
		}
		memcpy(line, text + i, n);
		line[n] = '\0';
		if (n && line[n - 1] == '\r')
			line[n - 1] = '\0';
		if (parse_line(&p, line, err))
			goto fail;
		i += n + 1;
	}
	if (close_section(&p, err))
		goto fail;
	return 0;
fail:
	sources_release(out);
	return -1;
}

static char *dir_part(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return strdup(".");
	return xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
}

int sources_load(const char *path, struct source_list *out, char **err)
{
	out->v = NULL;
	out->n = 0;
	FILE *f = fopen(path, "rb");
	if (!f) {
		struct buf m;
		buf_init(&m, 0);
		buf_printf(&m, "cannot read the sources file '%s': %s", path, strerror(errno));
		*err = buf_finish_msg(&m, "why the sources file cannot be read");
		return -1;
	}
	struct buf text;
	buf_init(&text, (size_t)16 << 20);
	char chunk[8192];
	size_t got;
	int rc = 0;
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_add(&text, chunk, got)) {
			rc = -1;
			break;
		}
	if (ferror(f) || rc) {
		fclose(f);
		buf_release(&text);
		struct buf m;
		buf_init(&m, 0);
		buf_printf(&m, "cannot read the sources file '%s': %s", path, rc ? "too large" : strerror(errno));
		*err = buf_finish_msg(&m, "why the sources file cannot be read");
		return -1;
	}
	fclose(f);
	char *dir = dir_part(path);
	rc = dir ? sources_parse(text.data ? text.data : "", text.len, path, dir, out, err) : -1;
	if (!dir)
		*err = strdup("out of memory");
	free(dir);
	buf_release(&text);
	return rc;
}

static int match_any(char *const *pats, size_t n, const char *rel, const char *base)
{
	for (size_t i = 0; i < n; i++) {
		if (strchr(pats[i], '/') ? !fnmatch(pats[i], rel, FNM_PATHNAME) : !fnmatch(pats[i], base, 0))
			return 1;
	}
	return 0;
}

int source_wants(const struct source *src, const char *rel)
{
	const char *slash = strrchr(rel, '/');
	const char *base = slash ? slash + 1 : rel;
	if (src->n_include && !match_any(src->include, src->n_include, rel, base))
		return 0;
	return !match_any(src->exclude, src->n_exclude, rel, base);
}

/* ---- updating --------------------------------------------------------------------- */

struct updater {
	struct store *store;
	struct extractor *x;
	struct update_options opt;
	update_msg_fn msg;
	void *ctx;
	int in_tx;               /* a batch transaction is open */
	int pending;             /* files recorded in the open batch */
	int fatal;               /* the archive failed: stop */
	char *fatal_err;
	char *alias_err;         /* the last failure of recording an alias, for the fatal message */
	/* The file or feed being read. */
	const struct source *src;
	const char *where;
	struct source_result *res;
	long file_failed;        /* items of the current file that failed */
	int file_unreadable;     /* the current file could not be read as a whole */
	int file_transient;      /* a failure of the current file was the machine's (memory,
				  * the archive), not its content's: it is tried again next run */
};

static void say(struct updater *u, enum update_msg kind, const char *item, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void say(struct updater *u, enum update_msg kind, const char *item, const char *fmt, ...)
{
	if (!u->msg)
		return;
	struct buf where, text;
	buf_init(&where, 8192);
	buf_init(&text, 16384);
	buf_addstr(&where, u->where ? u->where : u->src->name);
	if (item)
		buf_printf(&where, ": %s", item);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&text, fmt, ap);
	va_end(ap);
	char fw[128], ft[128];
	u->msg(u->ctx, kind, u->src, buf_msg_str(&where, "the file's name", fw, sizeof(fw)),
	       buf_msg_str(&text, "the message", ft, sizeof(ft)));
	buf_release(&where);
	buf_release(&text);
}

int updater_new(struct store *s, struct extractor *x, const struct update_options *o,
		update_msg_fn fn, void *ctx, struct updater **out, char **err)
{
	struct updater *u = calloc(1, sizeof(*u));
	if (!u) {
		*err = strdup("out of memory");
		return -1;
	}
	u->store = s;
	u->x = x;
	u->opt = *o;
	if (u->opt.batch <= 0)
		u->opt.batch = 100;
	if (!u->opt.max_file)
		u->opt.max_file = (size_t)256 << 20;
	u->msg = fn;
	u->ctx = ctx;
	/* A larger cache and rarer checkpoints while the run lasts, as for ingest. */
	if (!u->opt.dry_run && store_bulk(s, 1, err)) {
		free(u);
		return -1;
	}
	*out = u;
	return 0;
}

void updater_free(struct updater *u)
{
	if (!u)
		return;
	if (u->in_tx)
		store_rollback(u->store);
	if (!u->opt.dry_run) {
		char *err = NULL;
		store_bulk(u->store, 0, &err);  /* best effort: the run is over either way */
		free(err);
	}
	free(u->fatal_err);
	free(u->alias_err);
	free(u);
}

const char *source_status(const struct source_result *r)
{
	if (r->source_failed)
		return "failed";
	if (r->failed)
		return "partial";
	if (r->not_modified)
		return "not modified";
	return "ok";
}

static void set_fatal(struct updater *u, char *err)
{
	u->fatal = 1;
	free(u->fatal_err);
	u->fatal_err = err;
}

static int ensure_tx(struct updater *u)
{
	char *err = NULL;
	if (u->in_tx)
		return 0;
	if (store_begin(u->store, &err)) {
		set_fatal(u, err);
		return -1;
	}
	u->in_tx = 1;
	return 0;
}

static int commit(struct updater *u)
{
	char *err = NULL;
	if (!u->in_tx)
		return 0;
	u->in_tx = 0;
	u->pending = 0;
	if (store_commit(u->store, &err)) {
		store_rollback(u->store);
		set_fatal(u, err);
		return -1;
	}
	return 0;
}

/* A store failure: fatal when the archive itself is broken, else the item's. */
static int store_failed(struct updater *u, const char *item, char *err)
{
	if (store_broken(u->store)) {
		set_fatal(u, err);
		return -1;
	}
	say(u, UPDATE_ERROR, item, "not stored: %s", err);
	free(err);
	u->res->failed++;
	u->file_failed++;
	u->file_transient = 1;
	return 0;
}

static int describe_actor(void *ctx, const char *name, const char *code, enum actor_kind kind,
			  const char *const *aliases, size_t n)
{
	struct updater *u = ctx;
	char *err = NULL;
	int rc = store_actor_describe(u->store, name, code, kind, aliases, n, &err);
	free(u->alias_err);
	u->alias_err = err;
	return rc;
}

static void count_verdict(struct updater *u, enum store_verdict v)
{
	if (v == STORE_UNCHANGED)
		u->res->unchanged++;
	else if (v == STORE_REPLACE)
		u->res->replaced++;
	else
		u->res->imported++;
}

/* The readers' sink: one report. Returns -1 only when the archive failed. */
static int take_report(void *ctx, struct report *r, const char *item)
{
	struct updater *u = ctx;
	char *err = NULL;
	for (size_t i = 0; i < r->n_warnings; i++)
		say(u, UPDATE_WARNING, item, "%s", r->warnings[i]);
	if (!u->opt.dry_run && ensure_tx(u))
		return -1;
	enum store_verdict v;
	int64_t existing, id;
	char hash[65];
	/* A feed's guids name its own items only. */
	if (store_classify_in(u->store, r, u->src->kind == SOURCE_FEED ? u->where : NULL, &v, &existing, hash,
			      &err))
		return store_failed(u, item, err);
	if (u->opt.dry_run || v == STORE_UNCHANGED) {
		if (u->opt.dry_run && v != STORE_UNCHANGED)
			say(u, UPDATE_NOTE, item, "would %s '%s'", v == STORE_REPLACE ? "replace" : "import",
			    r->title ? r->title : "(no headline)");
		count_verdict(u, v);
		return 0;
	}
	struct event_list events;
	event_list_init(&events);
	if (u->x && extract_events(u->x, r, &events, &err)) {
		say(u, UPDATE_ERROR, item, "cannot extract events: %s", err);
		free(err);
		event_list_release(&events);
		u->res->failed++;
		u->file_failed++;
		u->file_transient = 1;   /* extraction fails only when memory runs out */
		return 0;
	}
	int rc = store_put_report(u->store, r, hash, u->where, v == STORE_REPLACE ? existing : 0, &events, &id,
				  &err);
	/* The aliases are a courtesy, but a failure that rolled the whole batch
	 * back (SQLite does so when memory runs out) must stop the run: the files
	 * recorded after it would be remembered without their reports. */
	if (!rc && u->x && extractor_actor_aliases(u->x, &events, describe_actor, u) && store_broken(u->store)) {
		set_fatal(u, u->alias_err ? u->alias_err : strdup("cannot record the actors' aliases"));
		u->alias_err = NULL;
		event_list_release(&events);
		return -1;
	}
	free(u->alias_err);
	u->alias_err = NULL;
	event_list_release(&events);
	if (rc)
		return store_failed(u, item, err);
	count_verdict(u, v);
	return 0;
}

static void item_failed(void *ctx, const char *item, const char *message)
{
	struct updater *u = ctx;
	say(u, UPDATE_ERROR, item, "%s", message);
	u->res->failed++;
	u->file_failed++;
	if (!message || strstr(message, "out of memory"))
		u->file_transient = 1;
}

/* Reads the reports in data with the source's format (a feed source's
 * "auto" means RSS or Atom). Returns -1 only when the archive failed; a
 * file that cannot be read at all counts as one failure. */
/* Reads the reports of the file at path (a file of a dir source, or a
 * fetched feed's body kept in a temporary file) as they come, never whole
 * when the format allows. Returns
 * -1 only when the archive failed; 1 when the file changed while it was
 * read (what went in stays: the next run reads it again). */
static int read_reports_from(struct updater *u, const char *path)
{
	const struct source *src = u->src;
	const char *format = src->format ? src->format : "auto";
	if (src->kind == SOURCE_FEED && !strcmp(format, "auto"))
		format = "rss";
	struct ingest_hints h = {.agency = src->agency, .path = u->where};
	h.date.prec = PREC_UNKNOWN;
	const char *used = NULL;
	char *err = NULL;
	u->file_failed = 0;
	u->file_unreadable = 0;
	u->file_transient = 0;
	int rc = format_read_file(path, u->opt.max_file, format, NULL, &h, take_report, item_failed, u, &used, &err);
	if (rc == -2 && !err && !u->fatal) {
		say(u, UPDATE_WARNING, NULL, "changed while it was read; left for the next run");
		u->file_transient = 1;
		return 1;
	}
	if (rc && !u->fatal) {
		/* Memory running out says nothing of the file. */
		if (!err || strstr(err, "out of memory"))
			u->file_transient = 1;
		say(u, UPDATE_ERROR, NULL, "%s", err ? err : "cannot read the reports");
		u->res->failed++;
		u->file_failed++;
		u->file_unreadable = 1;
	}
	free(err);
	return u->fatal ? -1 : 0;
}

/* Says what reading one file or feed did (for --verbose). */
static void note_done(struct updater *u, const struct source_result *before)
{
	const struct source_result *r = u->res;
	long n = r->imported - before->imported, m = r->replaced - before->replaced;
	if (!u->opt.dry_run && (n || m))
		say(u, UPDATE_NOTE, NULL, "imported %ld, replaced %ld, unchanged %ld", n, m,
		    r->unchanged - before->unchanged);
}

/* ---- dir sources ---- */

struct walk {
	struct strv rel;         /* paths below the source, sorted */
	struct dir_seen seen;    /* directories walked: each once, whatever links lead to it */
};

static void walk_release(struct walk *w)
{
	strv_release(&w->rel);
	dir_seen_release(&w->seen);
}

static char *join(const char *dir, const char *name)
{
	struct buf b;
	buf_init(&b, 0);
	if (!*dir)
		buf_addstr(&b, name);
	else
		buf_printf(&b, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", name);
	return buf_finish(&b);
}

/* Gathers the regular files below root/rel (a directory whose state is
 * *dsb) that the source wants, skipping hidden names (editors' and copiers'
 * temporary files). A directory already walked (a symbolic link leading
 * back into the tree: `a -> .`) is skipped with a warning, and one nested
 * deeper than DIR_WALK_MAX_DEPTH is reported and skipped, so that the walk
 * ends, and the lock is let go, whatever the links. Returns -1 when memory
 * ran out; unreadable directories are reported and counted. */
static int walk_dir(struct updater *u, const char *root, const char *rel, const struct stat *dsb, int depth,
		    struct walk *w)
{
	char *dir = *rel ? join(root, rel) : strdup(root);
	if (!dir)
		return -1;
	int seen = dir_seen_add(&w->seen, dsb->st_dev, dsb->st_ino);
	if (seen) {
		if (seen > 0) {
			u->where = dir;
			say(u, UPDATE_WARNING, NULL, "skipped: a directory already walked "
			    "(reached again through a symbolic link, or given twice)");
			u->where = NULL;
		}
		free(dir);
		return seen < 0 ? -1 : 0;
	}
	if (depth > DIR_WALK_MAX_DEPTH) {
		u->where = dir;
		say(u, UPDATE_ERROR, NULL, "not walked: nested deeper than %d directories", DIR_WALK_MAX_DEPTH);
		u->where = NULL;
		u->res->failed++;
		free(dir);
		return 0;
	}
	DIR *d = opendir(dir);
	if (!d) {
		u->where = dir;
		say(u, UPDATE_ERROR, NULL, "cannot read the directory: %s", strerror(errno));
		u->where = NULL;
		u->res->failed++;
		free(dir);
		return 0;
	}
	struct dirent *e;
	int rc = 0;
	while (!rc && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *r = join(rel, e->d_name), *full = r ? join(root, r) : NULL;
		struct stat sb;
		if (!r || !full)
			rc = -1;
		else if (stat(full, &sb) != 0) {
			u->where = full;
			say(u, UPDATE_ERROR, NULL, "cannot open: %s", strerror(errno));
			u->where = NULL;
			u->res->failed++;
		} else if (S_ISDIR(sb.st_mode)) {
			rc = walk_dir(u, root, r, &sb, depth + 1, w);
		} else if (S_ISREG(sb.st_mode) && source_wants(u->src, r)) {
			rc = strv_add(&w->rel, r);
		}
		free(r);
		free(full);
	}
	closedir(d);
	free(dir);
	return rc;
}

static int64_t mtime_ns(const struct stat *sb)
{
	return (int64_t)sb->st_mtim.tv_sec * 1000000000 + sb->st_mtim.tv_nsec;
}

/* Records a file's state in the open batch, committing when it is full. */
static int record_file(struct updater *u, const struct store_file *f)
{
	char *err = NULL;
	if (ensure_tx(u))
		return -1;
	if (store_file_put(u->store, u->src->name, f, &err)) {
		set_fatal(u, err);
		return -1;
	}
	if (++u->pending >= u->opt.batch)
		return commit(u);
	return 0;
}

/* One file of a dir source (or a feed file): skipped when its size and time
 * are those remembered, else read, hashed and, when its bytes are new,
 * imported. Returns -1 only when the archive failed. */
static int update_file(struct updater *u, const char *path, const struct store_file *known)
{
	struct stat sb;
	if (known && stat(path, &sb) == 0 && sb.st_size == known->size && mtime_ns(&sb) == known->mtime_ns) {
		u->res->unchanged++;
		u->res->files_skipped++;
		return 0;
	}
	u->where = path;
	/* Hashed first, read only when new: a file of any size costs no memory
	 * to find unchanged, and its reports are read as they come. */
	struct store_file f = {.path = (char *)path};
	char *why = NULL;
	int rc = hash_file_bounded(path, u->opt.max_file, f.hash, &sb, &why);
	if (rc) {
		if (rc < 0) {
			say(u, UPDATE_ERROR, NULL, "cannot read: %s", why);
			u->res->failed++;
		} else {
			say(u, UPDATE_WARNING, NULL, "changed while it was read; left for the next run");
		}
		free(why);
		u->where = NULL;
		return 0;
	}
	u->res->files_read++;
	f.size = sb.st_size;
	f.mtime_ns = mtime_ns(&sb);
	if (known && !strcmp(known->hash, f.hash)) {
		/* Touched, not changed: remember the new time, keep the verdict. */
		u->res->unchanged++;
		f.status = known->status;
		u->where = NULL;
		return u->opt.dry_run ? 0 : record_file(u, &f);
	}
	if (u->opt.dry_run && !known)
		say(u, UPDATE_NOTE, NULL, "new file");
	else if (u->opt.dry_run)
		say(u, UPDATE_NOTE, NULL, "changed file");
	struct source_result before = *u->res;
	rc = read_reports_from(u, path);
	if (rc == 1) {
		/* Not remembered: the next run reads it again. */
		u->where = NULL;
		return 0;
	}
	/* Changed between hashing and reading: what was read is not what was
	 * hashed, so the file is not remembered either. */
	struct stat now;
	if (!rc && (stat(path, &now) != 0 || now.st_size != sb.st_size || mtime_ns(&now) != f.mtime_ns))
		u->file_transient = 1;
	if (!rc)
		note_done(u, &before);
	f.status = u->file_failed ? STORE_FILE_FAILED : STORE_FILE_OK;
	/* A file that failed for the machine's reasons is not remembered: the
	 * next run reads it again (what went in is then unchanged). */
	if (!rc && !u->opt.dry_run && !u->file_transient)
		rc = record_file(u, &f);
	u->where = NULL;
	return rc;
}

static int update_dir(struct updater *u, const struct source *src)
{
	struct stat sb;
	if (stat(src->path, &sb) != 0) {
		u->where = src->path;
		say(u, UPDATE_ERROR, NULL, "cannot open the source: %s", strerror(errno));
		u->where = NULL;
		u->res->source_failed = 1;
		return 0;
	}
	struct store_files known = {0};
	char *err = NULL;
	if (!u->opt.rescan && store_files_load(u->store, src->name, &known, &err)) {
		set_fatal(u, err);
		return -1;
	}
	struct walk w = {0};
	int rc = 0;
	if (S_ISDIR(sb.st_mode)) {
		rc = walk_dir(u, src->path, "", &sb, 0, &w);
		if (!rc)
			strv_sort(&w.rel);
	} else {
		rc = strv_add(&w.rel, "");
	}
	if (rc)
		set_fatal(u, strdup("out of memory"));
	for (size_t i = 0; !rc && i < w.rel.n; i++) {
		char *path = *w.rel.v[i] ? join(src->path, w.rel.v[i]) : strdup(src->path);
		if (!path) {
			set_fatal(u, strdup("out of memory"));
			rc = -1;
			break;
		}
		rc = update_file(u, path, store_files_find(&known, path));
		free(path);
	}
	walk_release(&w);
	store_files_release(&known);
	return rc;
}

/* ---- feeds over HTTP ---- */

static int same(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

/* Remembers the validators and body hash, in the batch of the items. */
static int record_feed(struct updater *u, const struct fetch_result *fr, const char *hash)
{
	char *err = NULL;
	struct store_feed f = {.url = u->src->url, .etag = fr->etag,
			       .last_modified = fr->last_modified, .hash = (char *)hash};
	if (ensure_tx(u))
		return -1;
	if (store_feed_put(u->store, u->src->name, &f, &err)) {
		set_fatal(u, err);
		return -1;
	}
	return 0;
}

static int update_feed(struct updater *u, const struct source *src)
{
	struct store_feed known;
	char *err = NULL;
	int got = store_feed_get(u->store, src->name, &known, &err);
	if (got < 0) {
		set_fatal(u, err);
		return -1;
	}
	struct fetch_options fo = u->opt.fetch;
	if (!got && same(known.url, src->url)) {
		fo.etag = known.etag;
		fo.last_modified = known.last_modified;
	}
	u->where = src->url;
	/* The body goes to a temporary file, unlinked at once (nothing is left
	 * behind by a kill), and is read from there item by item: a large
	 * feed costs no more memory than a small one. */
	char tmp_path[4096], fd_path[64];
	const char *dir = getenv("TMPDIR");
	int n = snprintf(tmp_path, sizeof(tmp_path), "%s/communique-feed.XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = n > 0 && (size_t)n < sizeof(tmp_path) ? mkstemp(tmp_path) : -1;
	FILE *body = fd >= 0 ? fdopen(fd, "w+b") : NULL;
	const char *body_path = tmp_path;
	if (body) {
		snprintf(fd_path, sizeof(fd_path), "/proc/self/fd/%d", fd);
		if (access(fd_path, R_OK) == 0 && unlink(tmp_path) == 0)
			body_path = fd_path;
	}
	struct fetch_result fr;
	memset(&fr, 0, sizeof(fr));
	int rc = 0;
	if (!body) {
		if (fd >= 0) {
			close(fd);
			unlink(tmp_path);
		}
		say(u, UPDATE_ERROR, NULL, "cannot make a temporary file for the feed: %s", strerror(errno));
		u->res->source_failed = 1;
		goto out_nobody;
	}
	fo.body_file = body;
	if (fetch_url(src->url, &fo, &fr, &err)) {
		say(u, UPDATE_ERROR, NULL, "%s", err);
		free(err);
		u->res->source_failed = 1;
		goto out;
	}
	char hash[65];
	if (fr.status == 304) {
		u->res->not_modified = 1;
		goto out;
	}
	char *why = NULL;
	if (hash_file_bounded(body_path, fo.max_bytes ? fo.max_bytes : (size_t)-1, hash, NULL, &why)) {
		say(u, UPDATE_ERROR, NULL, "cannot read the fetched feed back: %s", why ? why : "it changed");
		free(why);
		u->res->source_failed = 1;
		goto out;
	}
	if (!got && same(known.url, src->url) && same(known.hash, hash)) {
		u->res->not_modified = 1;
		if (!u->opt.dry_run && !(same(known.etag, fr.etag) && same(known.last_modified, fr.last_modified)))
			rc = record_feed(u, &fr, hash);
		goto out;
	}
	struct source_result before = *u->res;
	rc = read_reports_from(u, body_path);
	if (rc == 1)   /* cannot happen to our own file; counted as failed if it does */
		rc = 0, u->file_unreadable = 1;
	if (!rc)
		note_done(u, &before);
	/* A feed that could not be parsed at all is fetched in full next time. */
	if (u->file_unreadable)
		u->res->source_failed = 1;
	if (!rc && !u->opt.dry_run && !u->file_unreadable)
		rc = record_feed(u, &fr, hash);
out:
	fclose(body);
	if (body_path == tmp_path)
		unlink(tmp_path);
out_nobody:
	u->where = NULL;
	fetch_result_release(&fr);
	store_feed_release(&known);
	return rc;
}

int updater_source(struct updater *u, const struct source *src, struct source_result *res,
		   char **err)
{
	memset(res, 0, sizeof(*res));
	if (u->fatal) {
		*err = strdup(u->fatal_err ? u->fatal_err : "the archive failed");
		return -1;
	}
	u->src = src;
	u->res = res;
	int rc = src->kind == SOURCE_FEED && src->url ? update_feed(u, src) : update_dir(u, src);
	if (!rc)
		rc = commit(u);
	if (rc) {
		if (u->in_tx) {
			store_rollback(u->store);
			u->in_tx = 0;
		}
		*err = u->fatal_err ? u->fatal_err : strdup("the archive failed");
		u->fatal_err = NULL;
	}
	u->src = NULL;
	u->res = NULL;
	u->where = NULL;
	return rc;
}
