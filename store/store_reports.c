/* Reports in the archive: recognising one seen before, storing a report with
 * its events atomically, and reading reports back. */
#include "store/store_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/hash.h"
#include "util/json_safe.h"

static int is_blank(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');   /* isspace() in the C locale */
}

/* Appends s with every run of whitespace made one space, trimmed, and
 * optionally ASCII-lower-cased: whitespace-only edits do not make a new
 * version of a report. (Copied whole, then squeezed in place: every report
 * passes here twice, and byte-by-byte appends were a tenth of an import.) */
static int add_normalised(struct buf *b, const char *s, int lower)
{
	if (!s || !*s)
		return 0;
	size_t at = b->len, n = strlen(s);
	if (buf_add(b, s, n))
		return -1;
	char *d = b->data + at, *w = d;
	int space = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)d[i];
		if (is_blank(c)) {
			space = 1;
			continue;
		}
		if (space && w > d)
			*w++ = ' ';
		space = 0;
		*w++ = lower && c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : (char)c;
	}
	b->len = at + (size_t)(w - d);
	b->data[b->len] = '\0';
	return 0;
}

/* The text add_normalised(.., 0) would append, fed to a digest through a
 * small buffer instead of being copied whole first. */
struct digest {
	struct sha256_ctx *c;
	struct sha256_ctx *t;   /* a second digest of the same text, or NULL */
	size_t n;
	int rc;
	char buf[4096];
};

static void digest_flush(struct digest *d)
{
	if (d->n && (sha256_add(d->c, d->buf, d->n) || (d->t && sha256_add(d->t, d->buf, d->n))))
		d->rc = -1;
	d->n = 0;
}

static void digest_add(struct digest *d, const char *p, size_t n)
{
	while (n) {
		if (d->n == sizeof(d->buf))
			digest_flush(d);
		size_t k = sizeof(d->buf) - d->n < n ? sizeof(d->buf) - d->n : n;
		memcpy(d->buf + d->n, p, k);
		d->n += k;
		p += k;
		n -= k;
	}
}

static void digest_byte(struct digest *d, char c)
{
	digest_add(d, &c, 1);
}

/* Word by word: a run of non-blanks at once, one space between runs. */
static void digest_normalised(struct digest *d, const char *s)
{
	int any = 0;
	while (s && *s) {
		while (is_blank((unsigned char)*s))
			s++;
		const char *w = s;
		while (*s && !is_blank((unsigned char)*s))
			s++;
		if (s == w)
			break;
		if (any)
			digest_byte(d, ' ');
		any = 1;
		digest_add(d, w, (size_t)(s - w));
	}
}

/* The content hash (title, lede, body and date) and, when text_hex is not
 * NULL, the text hash (the same without the date), in one pass. */
static int content_hash(const struct report *r, char hex[65], char *text_hex)
{
	struct digest d = {.c = sha256_begin()};
	if (!d.c)
		return -1;
	if (text_hex && !(d.t = sha256_begin())) {
		sha256_end_hex(d.c, hex);
		return -1;
	}
	char date[48];
	/* The date is part of the content: a report re-imported with the date it
	 * lacked (--date) is a corrected version. */
	snprintf(date, sizeof(date), "\n%d %lld", (int)r->pub_known,
		 (long long)(r->pub_known ? r->published : 0));
	digest_normalised(&d, r->title);
	digest_byte(&d, '\n');
	digest_normalised(&d, r->lede);
	digest_byte(&d, '\n');
	digest_normalised(&d, r->body);
	if (text_hex) {
		digest_flush(&d);
		if (sha256_end_hex(d.t, text_hex))
			d.rc = -1;
		d.t = NULL;
	}
	for (const char *p = date; *p; p++)
		digest_byte(&d, *p);
	digest_flush(&d);
	return sha256_end_hex(d.c, hex) || d.rc ? -1 : 0;
}

/* agency|title|time, or "" when the report lacks one of them (then only the
 * URL, guid or content can identify it). */
static char *identity_key(const struct report *r)
{
	struct buf b;
	buf_init(&b, 0);
	if (r->agency && r->title && r->pub_known != PUB_NONE) {
		add_normalised(&b, r->agency, 1);
		buf_addch(&b, '|');
		add_normalised(&b, r->title, 1);
		buf_printf(&b, "|%lld", (long long)r->published);
	}
	return buf_finish(&b);   /* a cut key could name another report */
}

/* The id of the report `key` names with statement id ($2 the agency, $3 the
 * source, where the statement asks for them), or 0. */
static int lookup_id_in(struct store *s, enum stmt_id id, const char *key, const char *agency,
			const char *source, int64_t *out, char **err)
{
	*out = 0;
	if (!key || !*key)
		return 0;
	struct db_stmt *st = store_stmt(s, id, err);
	if (!st)
		return -1;
	bind_text(st, 1, key);
	if (id == ST_BY_URL || id == ST_BY_GUID)
		bind_text(st, 2, agency && *agency ? agency : NULL);
	if (id == ST_BY_GUID)
		bind_text(st, 3, source);
	int rc = db_step(st);
	if (rc == DB_ROW)
		*out = db_column_int64(st, 0);
	else if (rc != DB_DONE)
		return store_fail(s, err, "cannot search the archive");
	db_reset(st);
	return 0;
}

static int lookup_id(struct store *s, enum stmt_id id, const char *key, int64_t *out, char **err)
{
	*out = 0;
	if (!key || !*key)
		return 0;
	struct db_stmt *st = store_stmt(s, id, err);
	if (!st)
		return -1;
	bind_text(st, 1, key);
	int rc = db_step(st);
	if (rc == DB_ROW)
		*out = db_column_int64(st, 0);
	else if (rc != DB_DONE)
		return store_fail(s, err, "cannot search the archive");
	db_reset(st);
	return 0;
}

/* The same text as a stored report, with other metadata: a correction of
 * its date or agency (ingest --date, --agency) replaces it, a copy that
 * knows less than the stored one (no date, no agency: the plain file again
 * after a correction) changes nothing, another agency's copy is new. */
static int by_text(struct store *s, const struct report *r, const char *text, enum store_verdict *v,
		   int64_t *existing, char **err)
{
	struct db_stmt *st = store_stmt(s, ST_BY_TEXT, err);
	if (!st)
		return -1;
	bind_text(st, 1, text);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		int64_t id = db_column_int64(st, 0);
		int known = db_column_int(st, 1);
		const char *agency = db_column_text(st, 2);
		int r_agency = r->agency && *r->agency;
		int fixed = !db_column_is_null(st, 3);
		/* A person's fix stands against the same text without one. */
		if ((fixed && !r->hinted) || (r->pub_known == PUB_NONE && known) || (!r_agency && agency)) {
			*v = STORE_UNCHANGED;
			*existing = id;
		} else if (!r_agency || !agency || !strcmp(agency, r->agency)) {
			*v = STORE_REPLACE;
			*existing = id;
		}
	}
	db_reset(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : store_fail(s, err, "cannot search the archive");
}

int store_classify(struct store *s, const struct report *r, enum store_verdict *v,
		   int64_t *existing, char hash[65], char **err)
{
	return store_classify_in(s, r, NULL, v, existing, hash, err);
}

int store_classify_in(struct store *s, const struct report *r, const char *source, enum store_verdict *v,
		      int64_t *existing, char hash[65], char **err)
{
	char own[65], text[65], *hex = hash ? hash : own;
	*v = STORE_NEW;
	*existing = 0;
	if (content_hash(r, hex, text)) {
		*err = strdup("cannot hash the report");
		return -1;
	}
	memcpy(s->last_hash, hex, 65);
	memcpy(s->last_text, text, 65);
	if (lookup_id(s, ST_BY_HASH, hex, existing, err))
		return -1;
	if (*existing) {
		*v = STORE_UNCHANGED;
		return 0;
	}
	if (by_text(s, r, text, v, existing, err))
		return -1;
	if (*existing)
		return 0;
	char *ident = identity_key(r);
	int rc = lookup_id_in(s, ST_BY_URL, r->url, r->agency, NULL, existing, err);
	if (!rc && !*existing)
		rc = lookup_id_in(s, ST_BY_GUID, r->guid, r->agency, source, existing, err);
	if (!rc && !*existing)
		rc = lookup_id(s, ST_BY_IDENTITY, ident, existing, err);
	free(ident);
	if (rc)
		return -1;
	if (*existing)
		*v = STORE_REPLACE;
	return 0;
}

int store_fill_text_hashes(struct store *s, char **err)
{
	struct db_stmt *sel, *upd;
	if (db_prepare(s->db, "SELECT id, title, lede, body FROM reports WHERE text_hash IS NULL", 0, &sel))
		return store_fail(s, err, "cannot fill text hashes");
	if (db_prepare(s->db, "UPDATE reports SET text_hash = $2 WHERE id = $1", 0, &upd)) {
		db_finalize(sel);
		return store_fail(s, err, "cannot fill text hashes");
	}
	int rc;
	while ((rc = db_step(sel)) == DB_ROW) {
		struct report r;
		memset(&r, 0, sizeof(r));
		r.title = (char *)db_column_text(sel, 1);
		r.lede = (char *)db_column_text(sel, 2);
		r.body = (char *)db_column_text(sel, 3);
		char hex[65], text[65];
		if (content_hash(&r, hex, text)) {
			rc = DB_FAIL;
			break;
		}
		db_reset(upd);
		db_bind_int64(upd, 1, db_column_int64(sel, 0));
		db_bind_text(upd, 2, text, -1);
		if (db_step(upd) != DB_DONE) {
			rc = DB_FAIL;
			break;
		}
	}
	db_finalize(sel);
	db_finalize(upd);
	return rc == DB_DONE ? 0 : store_fail(s, err, "cannot fill text hashes");
}

static int agency_id(struct store *s, const char *name, int64_t *id, char **err)
{
	*id = 0;
	if (!name || !*name)
		return 0;
	struct buf key;
	buf_init(&key, 0);
	if (buf_addch(&key, 'g') || buf_addstr(&key, name)) {
		buf_release(&key);
		*err = strdup("out of memory");
		return -1;
	}
	int rc = 0;
	if (store_cache_get(s, key.data, key.len, id))
		goto out;
	if ((rc = lookup_id(s, ST_AGENCY_GET, name, id, err)) || *id)
		goto remember;
	struct db_stmt *st = store_stmt(s, ST_AGENCY_ADD, err);
	if (!st || (bind_text(st, 1, name), store_step_id(s, st, "cannot store the agency", id, err))) {
		rc = -1;
		goto out;
	}
remember:
	if (!rc)
		store_cache_put(s, key.data, key.len, *id);   /* forgetting only costs a query */
out:
	buf_release(&key);
	return rc;
}

/* What extraction needs besides the text to run again (reports.hints), or NULL. */
static char *report_hints(const struct report *r)
{
	json_t *o = json_object();
	if (r->pub_known == PUB_NONE && (r->pub_partial.prec == PREC_MONTH || r->pub_partial.prec == PREC_YEAR)) {
		char d[16];
		cdate_format(&r->pub_partial, d);
		json_object_set_new(o, "partial", json_string(d));
	}
	if (r->undated_month) {
		json_object_set_new(o, "month", json_integer(r->undated_month));
		json_object_set_new(o, "day", json_integer(r->undated_day));
	}
	char *out = json_object_size(o) ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	return out;
}

static char *report_warnings(const struct report *r)
{
	if (!r->n_warnings)
		return NULL;
	json_t *a = json_array();
	for (size_t i = 0; i < r->n_warnings; i++) {
		json_t *w = json_string(r->warnings[i]);
		if (w)
			json_array_append_new(a, w);
	}
	char *out = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	return out;
}

/* Binds the report's columns $1..$22 as ST_REPORT_ADD and ST_REPORT_UPDATE
 * share them; the strings of $20, $21 are malloc'd into extra[0..1], which
 * the caller frees after the statement ran. */
static void bind_report(struct store *s, struct db_stmt *st, const struct report *r, int64_t agency,
			const char *path, const char *hash, const char *ident, const char *text,
			char *extra[2])
{
	if (agency)
		db_bind_int64(st, 1, agency);
	else
		db_bind_null(st, 1);
	bind_text(st, 2, r->title);
	bind_text(st, 3, r->place);
	if (r->pub_known != PUB_NONE) {
		db_bind_int64(st, 4, r->published);
		db_bind_int64(st, 6, r->tz_offset_min);
	}
	db_bind_int64(st, 5, (int)r->pub_known);
	bind_text(st, 7, r->published_text);
	bind_text(st, 8, r->lede);
	bind_text(st, 9, r->body ? r->body : "");
	bind_text(st, 10, r->url);
	bind_text(st, 11, r->guid);
	bind_text(st, 12, r->author);
	bind_text(st, 13, r->format ? r->format : "text");
	db_bind_int64(st, 14, r->summary_only);
	bind_text(st, 15, path);
	bind_text(st, 16, hash);
	bind_text(st, 17, ident);
	db_bind_int64(st, 18, s->now);
	if (s->before_6)
		return;
	extra[0] = report_hints(r);
	extra[1] = report_warnings(r);
	bind_text(st, 19, text);
	bind_text(st, 20, extra[0]);
	bind_text(st, 21, extra[1]);
	bind_text(st, 22, s->extractor);
}

void store_set_extractor(struct store *s, const char *signature)
{
	free(s->extractor);
	s->extractor = signature ? strdup(signature) : NULL;
}

/* Removes the report's links to the events extraction found in it; *ids
 * (sorted, malloc'd) receives those events, which the report's new events
 * may find again under the same ids (store_put_events) and which are
 * withdrawn if nothing tells them any more (store_withdraw_unlinked). */
static int unlink_events(struct store *s, int64_t report_id, int64_t **ids, size_t *n, char **err)
{
	*ids = NULL;
	*n = 0;
	struct db_stmt *st = store_stmt(s, ST_REPORT_EVENTS, err);
	if (!st)
		return -1;
	db_bind_int64(st, 1, report_id);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (grow_array((void **)ids, &cap, *n + 1, sizeof(**ids))) {
			db_reset(st);
			free(*ids);
			*ids = NULL;
			*err = strdup("out of memory");
			return -1;
		}
		(*ids)[(*n)++] = db_column_int64(st, 0);
	}
	db_reset(st);
	if (rc == DB_DONE && (st = store_stmt(s, ST_UNLINK_REPORT, err))) {
		db_bind_int64(st, 1, report_id);
		rc = db_step(st);
	}
	if (rc == DB_DONE)
		return 0;
	free(*ids);
	*ids = NULL;
	return store_fail(s, err, "cannot unlink the replaced report's events");
}

/* Runs one of the savepoint statements. */
static int savepoint(struct store *s, enum stmt_id id, char **err)
{
	struct db_stmt *st = store_stmt(s, id, err);
	return st ? store_step_done(s, st, "cannot store the report", err) : -1;
}

int store_put_report(struct store *s, const struct report *r, const char *hash, const char *source_path,
		     int64_t replace_id, const struct event_list *events, int64_t *report_id,
		     char **err)
{
	char hex[65];
	char *ident = NULL;
	int64_t agency, *cands = NULL;
	size_t n_cands = 0;
	if (s->unguarded == 2) {
		*err = strdup("a report failed in this unguarded batch: it must be rolled back");
		return -1;
	}
	char text[65];
	if (hash && !strcmp(hash, s->last_hash)) {
		snprintf(hex, sizeof(hex), "%s", hash);
		memcpy(text, s->last_text, sizeof(text));
	} else if (content_hash(r, hex, text)) {
		*err = strdup("cannot hash the report");
		return -1;
	}
	char *extra[2] = {NULL, NULL};
	/* Replacing deletes index entries through the triggers: the rows
	 * waiting for theirs must have them first. */
	if (replace_id && store_deferred_flush(s, err)) {
		if (s->unguarded)
			s->unguarded = 2;
		return -1;
	}
	size_t mark_reports = s->fts_reports.n, mark_events = s->fts_events.n,
	       mark_changes = s->changes.n;
	/* Unguarded, the caller undoes a failed report with the whole batch. */
	if (!s->unguarded && savepoint(s, ST_SAVEPOINT, err))
		return -1;
	if (agency_id(s, r->agency, &agency, err))
		goto fail;
	if (!(ident = identity_key(r))) {
		*err = strdup("out of memory");
		goto fail;
	}
	struct db_stmt *st;
	if (replace_id) {
		if (unlink_events(s, replace_id, &cands, &n_cands, err) ||
		    !(st = store_stmt(s, ST_REPORT_UPDATE, err)))
			goto fail;
		bind_report(s, st, r, agency, source_path, hex, ident, text, extra);
		db_bind_int64(st, 23, replace_id);
	} else if (!(st = store_stmt(s, ST_REPORT_ADD, err))) {
		goto fail;
	} else {
		bind_report(s, st, r, agency, source_path, hex, ident, text, extra);
	}
	int stepped = store_step_done(s, st, "cannot store the report", err);
	free(extra[0]);
	free(extra[1]);
	if (stepped)
		goto fail;
	/* A new report's id: found by its content hash, which is unique,
	 * rather than with RETURNING id, whose result table (a page of the
	 * archive's size, cleared) cost SQLite more than this lookup. */
	*report_id = replace_id;
	if (!replace_id) {
		if (lookup_id(s, ST_BY_HASH, hex, report_id, err))
			goto fail;
		if (!*report_id) {
			*err = strdup("cannot store the report: it is not found after its insert");
			goto fail;
		}
	}
	if (r->hinted && !s->before_6) {
		const char *marks = r->hinted == REPORT_HINT_DATE ? "{\"date\":true}"
				  : r->hinted == REPORT_HINT_AGENCY ? "{\"agency\":true}"
				  : "{\"date\":true,\"agency\":true}";
		if (!(st = store_stmt(s, ST_REPORT_HINTED, err)))
			goto fail;
		db_bind_int64(st, 1, *report_id);
		bind_text(st, 2, marks);
		if (store_step_done(s, st, "cannot store the report", err))
			goto fail;
	}
	/* An update was indexed by its trigger; a new row waits for the batch's end. */
	if (!replace_id && store_deferring(s) &&
	    store_defer_id(s, &s->fts_reports, *report_id, err))
		goto fail;
	if (events && store_put_events(s, *report_id, events, cands, n_cands, NULL, err))
		goto fail;
	if (n_cands && store_withdraw_unlinked(s, cands, n_cands, NULL, err))
		goto fail;
	free(cands);
	free(ident);
	if (!s->unguarded && savepoint(s, ST_RELEASE, err))
		goto fail_released;
	return 0;
fail:
	free(ident);
	free(cands);
	if (s->unguarded) {
		s->unguarded = 2;
		return -1;
	}
	db_exec(s->db, "ROLLBACK TO report; RELEASE report");
fail_released:
	s->fts_reports.n = mark_reports;
	s->fts_events.n = mark_events;
	s->changes.n = mark_changes;
	store_cache_forget(s);
	return -1;
}

static const char *col(struct db_stmt *st, int i)
{
	return db_column_text(st, i);
}

static const char report_select[] =
	"SELECT r.id, a.name, r.title, r.place, r.url, r.published_text, r.lede, r.body, r.format,"
	" r.source_path, r.published, r.published_known, r.tz_offset, r.version, r.imported_at,"
	" (SELECT count(*) FROM event_reports er WHERE er.report_id = r.id)"
	" FROM reports r LEFT JOIN agencies a ON a.id = r.agency_id";

static int each_report_row(struct store *s, struct db_stmt *st, store_report_fn fn, void *ctx,
			   int *seen, char **err)
{
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct store_report r = {
			.id = db_column_int64(st, 0),
			.agency = col(st, 1), .title = col(st, 2), .place = col(st, 3), .url = col(st, 4),
			.published_text = col(st, 5), .lede = col(st, 6), .body = col(st, 7),
			.format = col(st, 8), .source_path = col(st, 9),
			.published = db_column_int64(st, 10),
			.pub_known = db_column_int(st, 11),
			.tz_offset = db_column_int(st, 12),
			.version = db_column_int(st, 13),
			.imported_at = db_column_int64(st, 14),
			.n_events = db_column_int(st, 15),
		};
		(*seen)++;
		int stop = fn(ctx, &r);
		if (stop) {
			db_finalize(st);
			return stop;
		}
	}
	db_finalize(st);
	return rc == DB_DONE ? 0 : store_fail(s, err, "cannot read reports");
}

int store_reports_each(struct store *s, store_report_fn fn, void *ctx, char **err)
{
	struct buf sql;
	buf_init(&sql, 0);
	buf_printf(&sql, "%s ORDER BY r.published IS NULL, r.published, r.id", report_select);
	struct db_stmt *st;
	/* A piece lost to a failed allocation would drop a clause: refuse the whole query. */
	if (buf_failed(&sql)) {
		buf_release(&sql);
		*err = strdup("out of memory");
		return -1;
	}
	int rc = db_prepare(s->db, buf_str(&sql), 0, &st);
	buf_release(&sql);
	if (rc)
		return store_fail(s, err, "cannot read reports");
	int seen = 0;
	return each_report_row(s, st, fn, ctx, &seen, err);
}

int store_report_get(struct store *s, int64_t id, store_report_fn fn, void *ctx, char **err)
{
	struct buf sql;
	buf_init(&sql, 0);
	buf_printf(&sql, "%s WHERE r.id = $1", report_select);
	struct db_stmt *st;
	/* A piece lost to a failed allocation would drop a clause: refuse the whole query. */
	if (buf_failed(&sql)) {
		buf_release(&sql);
		*err = strdup("out of memory");
		return -1;
	}
	int rc = db_prepare(s->db, buf_str(&sql), 0, &st);
	buf_release(&sql);
	if (rc)
		return store_fail(s, err, "cannot read the report");
	db_bind_int64(st, 1, id);
	int seen = 0;
	rc = each_report_row(s, st, fn, ctx, &seen, err);
	if (rc)
		return rc;
	return seen ? 0 : 1;
}

/* ---- re-extraction and report fixes --------------------------------------------- */

int store_report_load(struct store *s, int64_t id, struct report *r, char **err)
{
	struct db_stmt *st;
	if (db_prepare(s->db, "SELECT a.name, r.title, r.place, r.url, r.guid, r.author, r.lede, r.body,"
			       " r.published_text, r.format, r.published, r.published_known, r.tz_offset,"
			       " r.summary_only, r.hints FROM reports r LEFT JOIN agencies a ON a.id = r.agency_id"
			       " WHERE r.id = $1", 0, &st))
		return store_fail(s, err, "cannot read a report");
	db_bind_int64(st, 1, id);
	int rc = db_step(st);
	if (rc != DB_ROW) {
		db_finalize(st);
		return rc == DB_DONE ? 1 : store_fail(s, err, "cannot read a report");
	}
	char **fields[] = {&r->agency, &r->title, &r->place, &r->url, &r->guid, &r->author, &r->lede, &r->body,
			   &r->published_text, &r->format};
	int oom = 0;
	for (int i = 0; i < 10; i++)
		oom |= report_set(fields[i], col(st, i));
	r->published = db_column_int64(st, 10);
	r->pub_known = (enum pub_known)db_column_int(st, 11);
	r->tz_offset_min = db_column_int(st, 12);
	r->summary_only = db_column_int(st, 13);
	json_t *h = col(st, 14) ? json_parse_text(col(st, 14), 0) : NULL;
	const char *partial = json_string_value(json_object_get(h, "partial"));
	if (partial && cdate_parse(partial, &r->pub_partial))
		r->pub_partial.prec = PREC_UNKNOWN;
	r->undated_month = (int)json_integer_value(json_object_get(h, "month"));
	r->undated_day = (int)json_integer_value(json_object_get(h, "day"));
	json_decref(h);
	db_finalize(st);
	if (oom) {
		*err = strdup("out of memory");
		return -1;
	}
	return 0;
}

int store_report_ids(struct store *s, int stale_only, int64_t **ids, size_t *n, char **err)
{
	*ids = NULL;
	*n = 0;
	struct db_stmt *st;
	const char *stale = db_kind(s->db) == DB_PG
				    ? "SELECT id FROM reports WHERE extracted_with IS DISTINCT FROM CAST($1 AS text) ORDER BY id"
				    : "SELECT id FROM reports WHERE extracted_with IS NOT $1 ORDER BY id";
	if (db_prepare(s->db, stale_only ? stale : "SELECT id FROM reports ORDER BY id", 0, &st))
		return store_fail(s, err, "cannot list reports");
	if (stale_only)
		bind_text(st, 1, s->extractor);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (grow_array((void **)ids, &cap, *n + 1, sizeof(**ids))) {
			rc = DB_FAIL;
			break;
		}
		(*ids)[(*n)++] = db_column_int64(st, 0);
	}
	db_finalize(st);
	if (rc == DB_DONE)
		return 0;
	free(*ids);
	*ids = NULL;
	*n = 0;
	return store_fail(s, err, "cannot list reports");
}

int store_reextract(struct store *s, int64_t report_id, const struct event_list *events,
		    struct store_event_changes *ch, char **err)
{
	/* Updates of indexed rows go through the triggers: rows of this batch
	 * waiting for their index entries must have them first. */
	if (store_deferred_flush(s, err) || savepoint(s, ST_SAVEPOINT, err))
		return -1;
	int64_t *cands = NULL;
	size_t n_cands = 0;
	struct db_stmt *st;
	int rc = unlink_events(s, report_id, &cands, &n_cands, err);
	if (!rc && events)
		rc = store_put_events(s, report_id, events, cands, n_cands, ch, err);
	if (!rc)
		rc = store_withdraw_unlinked(s, cands, n_cands, ch, err);
	if (!rc && !(st = store_stmt(s, ST_REPORT_EXTRACTED, err)))
		rc = -1;
	if (!rc) {
		db_bind_int64(st, 1, report_id);
		bind_text(st, 2, s->extractor);
		rc = store_step_done(s, st, "cannot update the report", err);
	}
	free(cands);
	if (!rc)
		return savepoint(s, ST_RELEASE, err);
	db_exec(s->db, "ROLLBACK TO report; RELEASE report");
	store_cache_forget(s);
	return -1;
}

int store_report_fix(struct store *s, int64_t id, const struct store_report_fix *f, char **err)
{
	struct report r;
	report_init(&r);
	int rc = store_report_load(s, id, &r, err);
	if (rc) {
		report_release(&r);
		return rc;
	}
	if ((f->agency && report_set(&r.agency, f->agency)) || (f->title && report_set(&r.title, f->title)) ||
	    (f->url && report_set(&r.url, *f->url ? f->url : NULL))) {
		report_release(&r);
		*err = strdup("out of memory");
		return -1;
	}
	if (f->set_date) {
		r.pub_known = (enum pub_known)f->pub_known;
		r.published = f->published;
		r.tz_offset_min = f->tz_offset;
		r.pub_partial = f->partial;
		r.undated_month = r.undated_day = 0;
	}
	int64_t agency;
	char hex[65], text[65], *ident = NULL, *extra[2] = {NULL, NULL};
	struct db_stmt *st;
	rc = -1;
	if (content_hash(&r, hex, text)) {
		*err = strdup("cannot hash the report");
		goto out;
	}
	if (agency_id(s, r.agency, &agency, err))
		goto out;
	if (!(ident = identity_key(&r))) {
		*err = strdup("out of memory");
		goto out;
	}
	if (!(st = store_stmt(s, ST_REPORT_FIX, err)))
		goto out;
	db_bind_int64(st, 1, id);
	if (agency)
		db_bind_int64(st, 2, agency);
	bind_text(st, 3, r.title);
	bind_text(st, 4, r.url);
	if (r.pub_known != PUB_NONE) {
		db_bind_int64(st, 5, r.published);
		db_bind_int64(st, 7, r.tz_offset_min);
	}
	db_bind_int64(st, 6, (int)r.pub_known);
	bind_text(st, 8, hex);
	bind_text(st, 9, text);
	bind_text(st, 10, ident);
	extra[0] = report_hints(&r);
	bind_text(st, 11, extra[0]);
	json_t *marks = json_object();
	if (f->set_date)
		json_object_set_new(marks, "date", json_true());
	if (f->agency)
		json_object_set_new(marks, "agency", json_true());
	if (f->title)
		json_object_set_new(marks, "title", json_true());
	if (f->url)
		json_object_set_new(marks, "url", json_true());
	extra[1] = json_dumps(marks, JSON_COMPACT);
	json_decref(marks);
	bind_text(st, 12, extra[1]);
	/* Another stored report with the corrected content is the same report. */
	rc = store_step_done(s, st, "cannot correct the report", err);
out:
	free(ident);
	free(extra[0]);
	free(extra[1]);
	report_release(&r);
	return rc;
}

int store_report_keep_fixes(struct store *s, int64_t id, struct report *r, char **err)
{
	if (s->before_6)
		return 0;
	struct db_stmt *st;
	if (db_prepare(s->db, "SELECT r.fixed, a.name, r.title, r.url, r.published, r.published_known,"
			       " r.tz_offset, r.hints FROM reports r LEFT JOIN agencies a ON a.id = r.agency_id"
			       " WHERE r.id = $1 AND r.fixed IS NOT NULL", 0, &st))
		return store_fail(s, err, "cannot read a report");
	db_bind_int64(st, 1, id);
	int rc = db_step(st), oom = 0;
	if (rc == DB_ROW) {
		json_t *fixed = json_parse_text(col(st, 0), 0);
		if (json_is_true(json_object_get(fixed, "agency")) && !(r->hinted & REPORT_HINT_AGENCY))
			oom |= report_set(&r->agency, col(st, 1));
		if (json_is_true(json_object_get(fixed, "title")))
			oom |= report_set(&r->title, col(st, 2));
		if (json_is_true(json_object_get(fixed, "url")))
			oom |= report_set(&r->url, col(st, 3));
		if (json_is_true(json_object_get(fixed, "date")) && !(r->hinted & REPORT_HINT_DATE)) {
			r->published = db_column_int64(st, 4);
			r->pub_known = (enum pub_known)db_column_int(st, 5);
			r->tz_offset_min = db_column_int(st, 6);
			json_t *h = col(st, 7) ? json_parse_text(col(st, 7), 0) : NULL;
			const char *partial = json_string_value(json_object_get(h, "partial"));
			r->pub_partial.prec = PREC_UNKNOWN;
			if (partial && cdate_parse(partial, &r->pub_partial))
				r->pub_partial.prec = PREC_UNKNOWN;
			json_decref(h);
		}
		json_decref(fixed);
		rc = DB_DONE;
	}
	db_finalize(st);
	if (oom) {
		*err = strdup("out of memory");
		return -1;
	}
	return rc == DB_DONE ? 0 : store_fail(s, err, "cannot read a report");
}
