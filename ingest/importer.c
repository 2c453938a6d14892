/* The import job: see importer.h. Files are gathered first (so progress can
 * be shown), then each is read, its reports classified against the archive,
 * their events extracted and stored, each report atomically inside batched
 * transactions. A batch writes its reports without a savepoint each
 * (store_unguarded) and keeps them until it commits: when one fails, the
 * batch is rolled back and its reports stored again, now one savepoint
 * each, so that the failure costs only that report. The store is in bulk
 * mode (store_bulk) from importer_new to importer_finish or importer_free. */
#include "ingest/importer.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ingest/dirseen.h"
#include "ingest/formats.h"
#include "util/buf.h"
#include "util/file.h"
#include "util/strv.h"

/* A batch keeps its reports until it commits, but no more than this many
 * bytes of them: past it, the batch commits early. */
#define KEPT_MAX ((size_t)64 << 20)

/* A report stored in the open batch without a savepoint, kept to be stored
 * again if the batch is rolled back. Its events are not kept: extraction
 * gives them again, and they would take twice the report's memory. */
struct kept {
	struct report r;          /* taken from the reader */
	char hash[65];
	int64_t replace_id;       /* the stored report it replaces, or 0 */
	char *path, *item;        /* for messages */
};

struct importer {
	struct store *store;
	struct extractor *x;
	struct import_options opt;
	import_msg_fn msg;
	void *ctx;
	struct import_stats stats;
	long batch_imported, batch_replaced;   /* counted in stats for the open batch */
	int in_tx;            /* a batch transaction is open */
	int pending;          /* reports written in the open batch */
	int fatal;            /* the archive failed: stop */
	char *fatal_err;
	char *alias_err;         /* the last failure of recording an alias, for the batch's fatal message */
	const char *path;     /* the file being read */
	struct strv files;    /* gathered paths */
	int guarded;          /* the open batch stores a savepoint per report (after a failure) */
	struct kept *kept;    /* the open batch's reports, when not guarded */
	size_t n_kept, cap_kept, kept_bytes;
	struct dir_seen seen; /* directories walked: each once, whatever links lead to it */
};

static void say(struct importer *im, enum import_msg kind, const char *item, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void say(struct importer *im, enum import_msg kind, const char *item, const char *fmt, ...)
{
	struct buf where, text;
	buf_init(&where, 8192);
	buf_init(&text, 16384);
	buf_addstr(&where, im->path ? im->path : "-");
	if (item)
		buf_printf(&where, ": %s", item);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&text, fmt, ap);
	va_end(ap);
	char fw[128], ft[128];
	if (im->msg)
		im->msg(im->ctx, kind, buf_msg_str(&where, "the file's name", fw, sizeof(fw)),
			buf_msg_str(&text, "the message", ft, sizeof(ft)), 0, 0);
	buf_release(&where);
	buf_release(&text);
}

static void kept_release(struct kept *k)
{
	report_release(&k->r);
	free(k->path);
	free(k->item);
}

static void kept_forget(struct importer *im)
{
	for (size_t i = 0; i < im->n_kept; i++)
		kept_release(&im->kept[i]);
	im->n_kept = 0;
	im->kept_bytes = 0;
}

/* Counts a report's verdict in or out of the stats (d = +1 or -1). */
static void count_verdict(struct importer *im, enum store_verdict v, long d)
{
	if (v == STORE_REPLACE) {
		im->stats.replaced += d;
		im->batch_replaced += d;
	} else if (v == STORE_UNCHANGED) {
		im->stats.unchanged += d;
	} else {
		im->stats.imported += d;
		im->batch_imported += d;
	}
}

/* The open batch was rolled back as a whole (the archive failed): what it
 * held was not stored after all. */
static void batch_lost(struct importer *im)
{
	im->stats.imported -= im->batch_imported;
	im->stats.replaced -= im->batch_replaced;
	im->stats.failed += im->batch_imported + im->batch_replaced;
	im->batch_imported = im->batch_replaced = 0;
}

int importer_new(struct store *s, struct extractor *x, const struct import_options *o,
		 import_msg_fn fn, void *ctx, struct importer **out, char **err)
{
	struct importer *im = calloc(1, sizeof(*im));
	if (!im) {
		*err = strdup("out of memory");
		return -1;
	}
	im->store = s;
	im->x = x;
	im->opt = *o;
	if (!im->opt.max_file)
		im->opt.max_file = (size_t)256 << 20;
	/* Each commit writes every page the batch touched, and the pages of
	 * the indexes are touched by every batch: importing 100,000 generated
	 * reports, batches of 10,000 wrote 3.2 GB where batches of 2000
	 * wrote 5.8 GB, and took a quarter less time. */
	if (im->opt.batch <= 0)
		im->opt.batch = 10000;
	im->msg = fn;
	im->ctx = ctx;
	if (store_bulk(s, 1, err)) {
		free(im);
		return -1;
	}
	*out = im;
	return 0;
}

void importer_free(struct importer *im)
{
	if (!im)
		return;
	if (im->in_tx)
		store_rollback(im->store);
	kept_forget(im);
	free(im->kept);
	char *err = NULL;
	store_bulk(im->store, 0, &err);   /* nothing to tell: only speed is at stake */
	free(err);
	strv_release(&im->files);
	dir_seen_release(&im->seen);
	free(im->fatal_err);
	free(im->alias_err);
	free(im);
}

/* Gathers the regular files under dir (whose state is *sb), in name order,
 * skipping hidden ones. A directory already walked (a symbolic link leading
 * back into the tree: `a -> .`) is skipped with a warning, and one nested
 * deeper than DIR_WALK_MAX_DEPTH is reported and skipped, so that the walk
 * ends whatever the links. Returns -1 only when memory ran out. */
static int walk(struct importer *im, const char *dir, const struct stat *sb, int depth)
{
	int seen = dir_seen_add(&im->seen, sb->st_dev, sb->st_ino);
	if (seen < 0)
		return -1;
	if (seen) {
		im->path = dir;
		say(im, IMPORT_WARNING, NULL, "skipped: a directory already walked "
		    "(reached again through a symbolic link, or given twice)");
		im->path = NULL;
		return 0;
	}
	if (depth > DIR_WALK_MAX_DEPTH) {
		im->path = dir;
		say(im, IMPORT_ERROR, NULL, "not walked: nested deeper than %d directories", DIR_WALK_MAX_DEPTH);
		im->path = NULL;
		im->stats.failed++;
		return 0;
	}
	DIR *d = opendir(dir);
	if (!d) {
		im->path = dir;
		say(im, IMPORT_ERROR, NULL, "cannot read directory: %s", strerror(errno));
		im->path = NULL;
		im->stats.failed++;
		return 0;
	}
	struct strv names = {0};
	struct dirent *e;
	int rc = 0;
	while (!rc && (e = readdir(d)))
		if (e->d_name[0] != '.')
			rc = strv_add(&names, e->d_name);
	closedir(d);
	strv_sort(&names);
	for (size_t i = 0; i < names.n && !rc; i++) {
		struct buf p;
		buf_init(&p, 0);
		buf_printf(&p, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names.v[i]);
		struct stat st;
		if (buf_failed(&p)) {
			rc = -1;   /* a cut path would name another file */
		} else if (stat(buf_str(&p), &st) != 0) {
			im->path = buf_str(&p);
			say(im, IMPORT_ERROR, NULL, "cannot open: %s", strerror(errno));
			im->path = NULL;
			im->stats.failed++;
		} else if (S_ISDIR(st.st_mode)) {
			rc = walk(im, buf_str(&p), &st, depth + 1);
		} else if (S_ISREG(st.st_mode)) {
			rc = strv_add(&im->files, buf_str(&p));
		}
		buf_release(&p);
	}
	strv_release(&names);
	return rc;
}

static void set_fatal(struct importer *im, char *err)
{
	im->fatal = 1;
	free(im->fatal_err);
	im->fatal_err = err;
}

static int begin_batch(struct importer *im, char **err)
{
	if (store_begin(im->store, err))
		return -1;
	im->in_tx = 1;
	im->guarded = 0;
	store_unguarded(im->store, 1);
	return 0;
}

static int commit_batch(struct importer *im, char **err)
{
	if (!im->in_tx)
		return 0;
	im->in_tx = 0;
	im->pending = 0;
	int rc = store_commit(im->store, err);
	if (rc) {
		store_rollback(im->store);
		batch_lost(im);
	}
	im->batch_imported = im->batch_replaced = 0;
	kept_forget(im);
	return rc;
}

static int describe_actor(void *ctx, const char *name, const char *code, enum actor_kind kind,
			  const char *const *aliases, size_t n)
{
	struct importer *im = ctx;
	char *err = NULL;
	int rc = store_actor_describe(im->store, name, code, kind, aliases, n, &err);
	free(im->alias_err);
	im->alias_err = err;
	return rc;
}

/* Stores one report with its events, and the aliases its actors were named by. */
static int put(struct importer *im, const struct report *r, const char *hash, const char *path,
	       int64_t replace_id, const struct event_list *events, char **err)
{
	int64_t id;
	if (store_put_report(im->store, r, hash, path, replace_id, events, &id, err)) {
		if (im->x)
			extractor_drop_aliases(im->x);
		return -1;
	}
	/* The aliases are a courtesy, but a failure that rolled the whole batch
	 * back (SQLite does so when memory runs out) must stop it: what follows
	 * would be written outside any transaction, the report before it lost. */
	if (im->x && extractor_actor_aliases(im->x, events, describe_actor, im) && store_broken(im->store)) {
		*err = im->alias_err ? im->alias_err : strdup("cannot record the actors' aliases");
		im->alias_err = NULL;
		return -1;
	}
	free(im->alias_err);
	im->alias_err = NULL;
	return 0;
}

/* A report of the unguarded batch failed (the last kept): rolls the batch
 * back and stores its reports again, each in a savepoint of its own, as the
 * rest of the batch will be. Each is classified again: a report that fails
 * now moves the ids of those after it, and a replacement must aim at the
 * row it replaces now. */
static int replay_batch(struct importer *im, char **err)
{
	store_rollback(im->store);
	if (im->x)
		extractor_forget_aliases(im->x);   /* the aliases written went with the batch */
	if (store_begin(im->store, err)) {
		im->in_tx = 0;
		kept_forget(im);
		return -1;
	}
	im->guarded = 1;
	const char *path = im->path;
	int rc = 0;
	for (size_t i = 0; i < im->n_kept && !rc; i++) {
		struct kept *k = &im->kept[i];
		enum store_verdict was = k->replace_id ? STORE_REPLACE : STORE_NEW, v;
		int64_t existing = 0;
		char hash[65];
		char *why = NULL;
		const char *doing = "not stored";
		int failed = store_classify_in(im->store, &k->r, NULL, &v, &existing, hash, &why);
		if (!failed && v != was) {
			count_verdict(im, was, -1);
			count_verdict(im, v, +1);
			was = v;
		}
		if (!failed && v == STORE_UNCHANGED)
			continue;
		if (!failed && v == STORE_REPLACE)
			failed = store_report_keep_fixes(im->store, existing, &k->r, &why) != 0;
		struct event_list events;
		event_list_init(&events);
		if (!failed && im->x && !im->opt.no_events && extract_events(im->x, &k->r, &events, &why)) {
			failed = 1;
			doing = "cannot extract events";
		}
		if (!failed)
			failed = put(im, &k->r, hash, k->path, v == STORE_REPLACE ? existing : 0, &events, &why);
		event_list_release(&events);
		if (!failed)
			continue;
		if (store_broken(im->store)) {
			*err = why;
			rc = -1;
			break;
		}
		im->path = k->path;
		say(im, IMPORT_ERROR, k->item, "%s: %s", doing, why);
		im->path = path;
		free(why);
		count_verdict(im, was, -1);
		im->stats.failed++;
	}
	kept_forget(im);
	return rc;
}

/* Keeps a report for the open batch, taking it over. */
static struct kept *keep(struct importer *im, struct report *r, const char *hash, int64_t replace_id,
			 const char *item)
{
	if (grow_array((void **)&im->kept, &im->cap_kept, im->n_kept + 1, sizeof(*im->kept)))
		return NULL;
	struct kept *k = &im->kept[im->n_kept];
	memset(k, 0, sizeof(*k));
	if (!(k->path = strdup(im->path ? im->path : "-")) || (item && !(k->item = strdup(item)))) {
		kept_release(k);
		return NULL;
	}
	/* Readers release the report after the sink: taking its strings is safe. */
	k->r = *r;
	report_init(r);
	snprintf(k->hash, sizeof(k->hash), "%s", hash);
	k->replace_id = replace_id;
	im->n_kept++;
	const char *texts[] = {k->r.title, k->r.lede, k->r.body, k->r.url, k->r.published_text};
	for (size_t i = 0; i < sizeof(texts) / sizeof(*texts); i++)
		im->kept_bytes += texts[i] ? strlen(texts[i]) : 0;
	return k;
}

/* The sink: one report from a reader. Returns -1 only when the archive failed. */
static int import_report(void *ctx, struct report *r, const char *item)
{
	struct importer *im = ctx;
	char *err = NULL;
	for (size_t i = 0; i < r->n_warnings; i++)
		say(im, IMPORT_WARNING, item, "%s", r->warnings[i]);
	if (!im->in_tx && begin_batch(im, &err)) {
		set_fatal(im, err);
		return -1;
	}
	if (im->x && r->pub_known == PUB_NONE && extract_infer_year(im->x, r))
		say(im, IMPORT_WARNING, item, "%s", r->warnings[r->n_warnings - 1]);
	r->hinted = (im->opt.hints.date.prec != PREC_UNKNOWN ? REPORT_HINT_DATE : 0) |
		    (im->opt.hints.agency && *im->opt.hints.agency ? REPORT_HINT_AGENCY : 0);
	if (report_apply_hints(r, &im->opt.hints)) {
		set_fatal(im, strdup("out of memory"));
		return -1;
	}
	enum store_verdict v;
	int64_t existing;
	char hash[65];
	/* Files have no feed identity: a guid matches within the agency (a feed
	 * saved again under another name keeps replacing its items). */
	if (store_classify_in(im->store, r, NULL, &v, &existing, hash, &err))
		goto store_failed;
	if (v == STORE_UNCHANGED) {
		im->stats.unchanged++;
		return 0;
	}
	/* A corrected version of a report a person fixed keeps the fixes. */
	if (v == STORE_REPLACE && store_report_keep_fixes(im->store, existing, r, &err))
		goto store_failed;
	struct event_list events;
	event_list_init(&events);
	if (im->x && !im->opt.no_events && extract_events(im->x, r, &events, &err)) {
		say(im, IMPORT_ERROR, item, "cannot extract events: %s", err);
		free(err);
		event_list_release(&events);
		im->stats.failed++;
		return 0;
	}
	int64_t replace_id = v == STORE_REPLACE ? existing : 0;
	count_verdict(im, v, +1);
	int rc;
	if (im->guarded) {
		rc = put(im, r, hash, im->path, replace_id, &events, &err);
		event_list_release(&events);
		if (rc) {
			count_verdict(im, v, -1);
			goto store_failed;
		}
	} else {
		struct kept *k = keep(im, r, hash, replace_id, item);
		if (!k) {
			event_list_release(&events);
			set_fatal(im, strdup("out of memory"));
			return -1;
		}
		rc = put(im, &k->r, k->hash, k->path, k->replace_id, &events, &err);
		event_list_release(&events);
		if (rc) {
			if (store_broken(im->store)) {
				set_fatal(im, err);
				return -1;
			}
			free(err);
			err = NULL;
			if (replay_batch(im, &err)) {
				set_fatal(im, err);
				return -1;
			}
		}
	}
	if ((++im->pending >= im->opt.batch || im->kept_bytes > KEPT_MAX) && commit_batch(im, &err)) {
		set_fatal(im, err);
		return -1;
	}
	return 0;

store_failed:
	if (store_broken(im->store)) {
		set_fatal(im, err);
		return -1;
	}
	say(im, IMPORT_ERROR, item, "not stored: %s", err);
	free(err);
	im->stats.failed++;
	return 0;
}

static void item_failed(void *ctx, const char *item, const char *message)
{
	struct importer *im = ctx;
	say(im, IMPORT_ERROR, item, "%s", message);
	im->stats.failed++;
}

static int import_file(struct importer *im, const char *path)
{
	im->path = path;
	im->stats.files++;
	struct ingest_hints h = im->opt.hints;
	h.path = path;
	const char *used = NULL;
	char *err = NULL;
	/* Not read whole when it need not be: a feed goes item by item. */
	int rc = format_read_file(path, im->opt.max_file, im->opt.format, im->opt.map, &h, import_report,
				  item_failed, im, &used, &err);
	if (rc == -2) {
		say(im, IMPORT_ERROR, NULL, "cannot read: %s", err ? err : "it changed while it was read");
		im->stats.failed++;
	} else if (rc && !im->fatal) {
		say(im, IMPORT_ERROR, NULL, "%s", err ? err : "cannot read the report");
		im->stats.failed++;
	}
	free(err);
	im->path = NULL;
	return im->fatal ? -1 : 0;
}

int importer_run(struct importer *im, const char *const *paths, size_t n, char **err)
{
	for (size_t i = 0; i < n; i++) {
		struct stat sb;
		if (!strcmp(paths[i], "-")) {
			if (strv_add(&im->files, "-"))
				goto oom;
		} else if (stat(paths[i], &sb) != 0) {
			im->path = paths[i];
			say(im, IMPORT_ERROR, NULL, "cannot open: %s", strerror(errno));
			im->path = NULL;
			im->stats.failed++;
		} else if (S_ISDIR(sb.st_mode)) {
			if (walk(im, paths[i], &sb, 0))
				goto oom;
		} else if (strv_add(&im->files, paths[i])) {
			goto oom;
		}
	}
	for (size_t i = 0; i < im->files.n; i++) {
		if (im->msg)
			im->msg(im->ctx, IMPORT_PROGRESS, NULL, NULL, (long)i, (long)im->files.n);
		if (import_file(im, im->files.v[i])) {
			if (im->in_tx) {
				store_rollback(im->store);
				batch_lost(im);
				im->in_tx = 0;
			}
			kept_forget(im);
			*err = im->fatal_err;
			im->fatal_err = NULL;
			return -1;
		}
	}
	if (im->msg)
		im->msg(im->ctx, IMPORT_PROGRESS, NULL, NULL, (long)im->files.n, (long)im->files.n);
	return 0;
oom:
	*err = strdup("out of memory");
	return -1;
}

int importer_finish(struct importer *im, struct import_stats *stats, char **err)
{
	int rc = commit_batch(im, err);
	if (!rc)
		rc = store_bulk(im->store, 0, err);
	*stats = im->stats;
	return rc;
}
