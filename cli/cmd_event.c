/* communique event: one event, and what people do to it (the curation
 * layer, docs/curation.md): show, edit, delete, restore, add, merge, split,
 * verify, note, tag, history, undo. Every act is recorded with who did it
 * (--by, else the login name) and why (--why), and survives re-imports and
 * re-extraction. */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/archive.h"
#include "store/store_lock.h"
#include "cli/edit.h"
#include "cli/term.h"
#include "util/buf.h"
#include "util/types.h"

static const char usage[] =
	"event SUBCOMMAND [options]\n\n"
	"Shows one event and corrects it. Corrections are kept apart from what\n"
	"extraction found and survive re-imports, corrected reports and reextract.\n\n"
	"subcommands:\n"
	"  show ID              the event, its sources, evidence and history\n"
	"  edit ID [fields]     set fields: --type --status --date --source --target\n"
	"                       --participant --topic --no-topics --summary\n"
	"  delete ID --why W    take it out of the timeline (kept, with the reason)\n"
	"  restore ID           bring back a deleted or merged event\n"
	"  add [fields]         add an event extraction missed (--report R --evidence TEXT)\n"
	"  merge ID OTHER...    merge OTHER events into ID (their sources count for ID)\n"
	"  split ID [fields]    make a second event from ID, with the fields given\n"
	"  verify ID...         mark events checked against their sources (unverify undoes)\n"
	"  note ID TEXT         attach a note\n"
	"  tag ID TAG...        tag an event (untag removes)\n"
	"  history [ID]         every curation of the event (or of all), with its id\n"
	"  undo CURATION        undo one curation (as listed by history: c12 or 12)\n\n"
	"Every subcommand takes --by WHO (default: the login name) and --why TEXT.\n"
	"IDs are as listed by 'communique events': e12 or 12.";

struct edit_opts {
	const char *type, *status, *date, *summary, *report, *evidence;
	struct opt_list sources, targets, participants, topics;
	int no_topics;
};

struct act_opts {
	const char *by, *why;
};

#define ACT_OPTIONS(a)                                                                         \
	{"by", 0, OPT_STRING, &(a)->by, "WHO", "who acts (default: the login name)"},         \
	{"why", 0, OPT_STRING, &(a)->why, "TEXT", "why, kept with the curation"}

#define EDIT_OPTIONS(e)                                                                        \
	{"type", 't', OPT_STRING, &(e)->type, "T", "event type (docs/events.md)"},            \
	{"status", 0, OPT_STRING, &(e)->status, "S", "occurred, planned or negated"},          \
	{"date", 0, OPT_STRING, &(e)->date, "DATE", "YYYY, YYYY-MM, YYYY-MM-DD, or 'none'"},   \
	{"source", 0, OPT_LIST, &(e)->sources, "ACTOR", "who acts (repeatable)"},              \
	{"target", 0, OPT_LIST, &(e)->targets, "ACTOR", "who is acted on (repeatable)"},       \
	{"participant", 0, OPT_LIST, &(e)->participants, "ACTOR", "a party of a mutual act (repeatable)"}, \
	{"topic", 0, OPT_LIST, &(e)->topics, "T", "the event's topics become these (repeatable)"}, \
	{"no-topics", 0, OPT_FLAG, &(e)->no_topics, NULL, "the event has no topics"},          \
	{"summary", 0, OPT_STRING, &(e)->summary, "TEXT", "the event's one-line summary"}

static void edit_release(struct edit_opts *e)
{
	opt_list_release(&e->sources);
	opt_list_release(&e->targets);
	opt_list_release(&e->participants);
	opt_list_release(&e->topics);
}

/* "e12", "12" -> 12; prefix is 'e' for events, 'c' for curations, 'r' for reports. */
static int64_t parse_id(const char *s, char prefix)
{
	const char *a = s[0] == prefix ? s + 1 : s;
	char *end;
	long long v = strtoll(a, &end, 10);
	return *a && !*end && v > 0 ? (int64_t)v : 0;
}

/* An event id argument, or 0 after saying it is not one. */
static int64_t event_arg(const char *arg)
{
	int64_t id = parse_id(arg, 'e');
	if (!id)
		error("'%s' is not an event id (e12 or 12)", arg);
	return id;
}

static const char *who(const struct act_opts *a)
{
	if (a->by && *a->by)
		return a->by;
	const char *u = getenv("USER");
	if (u && *u)
		return u;
	struct passwd *pw = getpwuid(getuid());
	return pw && pw->pw_name ? pw->pw_name : "unknown";
}

/* The edit the options describe, with actors resolved against the archive
 * (edit_build). Returns 0, or -1 after printing the error. */
static int build_edit(struct store *s, const struct edit_opts *o, struct edit_built *b)
{
	const struct edit_spec in = {
		.type = o->type, .status = o->status, .date = o->date, .summary = o->summary,
		.actors = {(const char *const *)o->sources.items, (const char *const *)o->targets.items,
			   (const char *const *)o->participants.items},
		.n_actors = {o->sources.n, o->targets.n, o->participants.n},
		.set_topics = o->topics.n || o->no_topics,
		.topics = (const char *const *)o->topics.items, .n_topics = o->topics.n,
		.dash = "--", .types_hint = "the types are listed in docs/events.md",
		.actors_hint = "actors the archive knows: 'communique actors'"};
	char *msg = NULL;
	int rc = edit_build(s, &in, b, &msg);
	if (!rc && o->topics.n && o->no_topics) {
		error("--topic and --no-topics exclude each other");
		return -1;
	}
	if (rc)
		error("%s", msg);
	free(msg);
	return rc ? -1 : 0;
}

/* ---- show and history ----------------------------------------------------------- */

static int print_curation(void *ctx, const struct store_curation *c)
{
	(void)ctx;
	char when[32];
	format_iso_utc(c->at, when);
	printf("  c%-5lld %s  %-10s %s%s%s", (long long)c->id, when, tv(c->by), c->action, c->field ? " " : "",
	       c->field ? c->field : "");
	if (c->value)
		printf(" %s", tv(c->value));
	if (!ctx)
		printf("  (e%lld)", (long long)c->event_id);
	if (c->reason)
		printf("\n         why: %s", tv(c->reason));
	if (c->undone_by)
		printf("\n         undone by c%lld", (long long)c->undone_by);
	printf("\n");
	return ferror(stdout) ? -1 : 0;
}

static int print_full_event(void *ctx, const struct tl_event *te)
{
	(void)ctx;
	const struct event *e = te->ev;
	char date[16], when[32];
	cdate_format(&e->date, date);
	printf("id:          e%lld\n", (long long)te->id);
	printf("date:        %s\n", *date ? date : "undated");
	printf("type:        %s (CAMEO %s)\n", e->type, e->cameo);
	printf("status:      %s\n", event_status_name(e->status));
	printf("summary:     %s\n", tv(e->summary));
	for (size_t i = 0; i < e->n_actors; i++) {
		const struct event_actor *a = &e->actors[i];
		printf("%-12s %s%s%s%s%s%s\n", i ? "" : "actors:", actor_role_name(a->role), ": ", tv(a->name),
		       a->code ? " (" : "", a->code ? tv(a->code) : "", a->code ? ")" : "");
	}
	for (size_t i = 0; i < e->n_topics; i++)
		printf("%-12s %s\n", i ? "" : "topics:", tv(e->topics[i]));
	if (te->gone) {
		printf("state:       out of the timeline:%s%s%s",
		       te->gone & TL_GONE_DELETED ? " deleted by a person" : "",
		       te->gone & TL_GONE_MERGED ? " merged into another event" : "",
		       te->gone & TL_GONE_UNSUPPORTED ? " no report tells it any more" : "");
		if (te->merged_into)
			printf(" (e%lld)", (long long)te->merged_into);
		printf("\n");
	}
	printf("confidence:  %.2f%s\n", te->confidence, te->cur.added_by_hand ? " (added by hand)" : "");
	if (te->cur.verified) {
		format_iso_utc(te->cur.verified_at, when);
		printf("verified:    by %s, %s\n", te->cur.verified_by ? tv(te->cur.verified_by) : "?", when);
	}
	if (te->cur.n_fields_set) {
		printf("set by hand:");
		for (size_t i = 0; i < te->cur.n_fields_set; i++)
			printf(" %s", te->cur.fields_set[i]);
		printf("\n");
	}
	if (te->cur.n_tags) {
		printf("tags:       ");
		for (size_t i = 0; i < te->cur.n_tags; i++)
			printf(" %s", tv(te->cur.tags[i]));
		printf("\n");
	}
	for (size_t i = 0; i < te->cur.n_notes; i++) {
		format_iso_utc(te->cur.notes[i].at, when);
		printf("%-12s %s (%s, %s)\n", i ? "" : "notes:", tv(te->cur.notes[i].text),
		       te->cur.notes[i].by ? tv(te->cur.notes[i].by) : "?", when);
	}
	printf("evidence:    %s\n", tv(e->evidence));
	printf("sources:\n");
	for (size_t i = 0; i < te->n_sources; i++) {
		const struct tl_source *src = &te->sources[i];
		char pub[32] = "undated";
		if (src->published_known)
			format_iso_utc(src->published, pub);
		printf("  r%-5lld %s  %s: %s%s%s\n", (long long)src->report_id, pub, src->agency ? tv(src->agency) : "?",
		       src->title ? tv(src->title) : "(no title)", src->url ? "  " : "", src->url ? tv(src->url) : "");
	}
	return ferror(stdout) ? -1 : 0;
}

/* ---- the subcommands ----------------------------------------------------------- */

struct sub {
	const char *name;
	int (*run)(struct cli *cli, struct store *s, int argc, char **argv);
	int writes;
};

static int fail_archive(struct cli *cli, char *err)
{
	error("archive '%s': %s", cli->db_shown, err ? err : "failed");
	free(err);
	return EXIT_ARCHIVE;
}

static int no_event(const char *arg)
{
	error("no event '%s' in the archive (see 'communique events')", arg);
	return EXIT_PARTIAL;
}

static int parse(const char *sub, const struct option *opts, int argc, char **argv, char ***pos, int *npos,
		 int want_min, int want_max)
{
	char prog[64];
	snprintf(prog, sizeof(prog), "communique event %s", sub);
	int rc = parse_options(prog, usage, opts, argc, argv, pos, npos);
	if (rc)
		return rc > 0 ? 1 : -1;
	if (*npos < want_min || (want_max >= 0 && *npos > want_max)) {
		error("event %s: wrong number of arguments (see 'communique event --help')", sub);
		return -1;
	}
	return 0;
}

#define PARSED(rc) ((rc) > 0 ? (close_stdout() ? EXIT_ARCHIVE : EXIT_OK) : EXIT_USAGE)

static int sub_show(struct cli *cli, struct store *s, int argc, char **argv)
{
	const struct option opts[] = {{NULL, 0, 0, NULL, NULL, NULL}};
	char **pos;
	int npos, rc = parse("show", opts, argc, argv, &pos, &npos, 1, 1);
	if (rc) {
		free(pos);
		return PARSED(rc);
	}
	int64_t id = event_arg(pos[0]);
	char *err = NULL;
	if (!id) {
		free(pos);
		return EXIT_USAGE;
	}
	rc = store_event_get(s, id, print_full_event, NULL, &err);
	if (rc == 0) {
		printf("history:\n");
		rc = store_curations_each(s, id, print_curation, (void *)1, &err);
	}
	int out = rc == 1 ? no_event(pos[0]) : rc ? fail_archive(cli, err) : EXIT_OK;
	free(pos);
	return out;
}

static int sub_history(struct cli *cli, struct store *s, int argc, char **argv)
{
	const struct option opts[] = {{NULL, 0, 0, NULL, NULL, NULL}};
	char **pos;
	int npos, rc = parse("history", opts, argc, argv, &pos, &npos, 0, 1);
	if (rc) {
		free(pos);
		return PARSED(rc);
	}
	int64_t id = npos ? event_arg(pos[0]) : 0;
	if (npos && !id) {
		free(pos);
		return EXIT_USAGE;
	}
	free(pos);
	char *err = NULL;
	if (store_curations_each(s, id, print_curation, id ? (void *)1 : NULL, &err))
		return fail_archive(cli, err);
	return EXIT_OK;
}

/* Reports the outcome of one act on event `arg`. */
static int acted(struct cli *cli, int rc, char *err, const char *arg, const char *what, int64_t cid)
{
	if (rc == 1)
		return no_event(arg);
	if (rc)
		return fail_archive(cli, err);
	if (cid)
		printf("%s: %s (c%lld)\n", arg, what, (long long)cid);
	else
		printf("%s: %s\n", arg, what);
	return EXIT_OK;
}

/* edit and split: an edit of one event, given by options; act applies it. */
typedef int (*edit_act)(struct cli *cli, struct store *s, const char *arg, int64_t id, const struct store_edit *e,
			const struct store_who *w);

static int edit_one(struct cli *cli, struct store *s, int argc, char **argv, const char *sub, const char *empty,
		    edit_act act)
{
	struct edit_opts eo;
	struct act_opts ao;
	memset(&eo, 0, sizeof(eo));
	memset(&ao, 0, sizeof(ao));
	const struct option opts[] = {EDIT_OPTIONS(&eo), ACT_OPTIONS(&ao), {NULL, 0, 0, NULL, NULL, NULL}};
	char **pos;
	int npos, rc = parse(sub, opts, argc, argv, &pos, &npos, 1, 1), out = EXIT_USAGE;
	struct edit_built b;
	memset(&b, 0, sizeof(b));
	if (rc) {
		out = PARSED(rc);
		goto done;
	}
	int64_t id = event_arg(pos[0]);
	if (!id || build_edit(s, &eo, &b))
		goto done;
	if (edit_empty(&b.e)) {
		error("event %s: %s", sub, empty);
		goto done;
	}
	struct store_who w = {who(&ao), ao.why};
	out = act(cli, s, pos[0], id, &b.e, &w);
done:
	edit_built_release(&b);
	edit_release(&eo);
	free(pos);
	return out;
}

static int act_edit(struct cli *cli, struct store *s, const char *arg, int64_t id, const struct store_edit *e,
		    const struct store_who *w)
{
	char *err = NULL;
	int64_t cid = 0;
	int rc = store_event_edit(s, id, e, w, &cid, &err);
	return acted(cli, rc, err, arg, "changed", cid);
}

static int sub_edit(struct cli *cli, struct store *s, int argc, char **argv)
{
	return edit_one(cli, s, argc, argv, "edit", "nothing to change (give --date, --type, --status, --source, ...)",
			act_edit);
}

/* delete, restore, verify, unverify: one act on each event given. */
static int simple_acts(struct cli *cli, struct store *s, int argc, char **argv, const char *sub)
{
	struct act_opts ao;
	memset(&ao, 0, sizeof(ao));
	const struct option opts[] = {ACT_OPTIONS(&ao), {NULL, 0, 0, NULL, NULL, NULL}};
	char **pos;
	int npos, rc = parse(sub, opts, argc, argv, &pos, &npos, 1, -1);
	if (rc) {
		free(pos);
		return PARSED(rc);
	}
	if (!strcmp(sub, "delete") && (!ao.why || !*ao.why)) {
		error("event delete needs --why: the reason is kept with the deletion");
		free(pos);
		return EXIT_USAGE;
	}
	struct store_who w = {who(&ao), ao.why};
	int out = EXIT_OK;
	for (int i = 0; i < npos && out != EXIT_ARCHIVE; i++) {
		int64_t id = event_arg(pos[i]), cid = 0;
		char *err = NULL;
		if (!id) {
			out = EXIT_USAGE;
			continue;
		}
		if (!strcmp(sub, "delete"))
			rc = store_event_delete(s, id, &w, &cid, &err);
		else if (!strcmp(sub, "restore"))
			rc = store_event_restore(s, id, &w, &cid, &err);
		else
			rc = store_event_verify(s, id, !strcmp(sub, "verify"), &w, &cid, &err);
		const char *what = !strcmp(sub, "delete") ? "deleted" : !strcmp(sub, "restore") ? "restored"
				 : !strcmp(sub, "verify") ? "verified" : "no longer verified";
		int one = acted(cli, rc, err, pos[i], what, cid);
		if (one != EXIT_OK && out == EXIT_OK)
			out = one;
		else if (one == EXIT_ARCHIVE)
			out = one;
	}
	free(pos);
	return out;
}

static int sub_delete(struct cli *cli, struct store *s, int argc, char **argv)
{
	return simple_acts(cli, s, argc, argv, "delete");
}

static int sub_restore(struct cli *cli, struct store *s, int argc, char **argv)
{
	return simple_acts(cli, s, argc, argv, "restore");
}

static int sub_verify(struct cli *cli, struct store *s, int argc, char **argv)
{
	return simple_acts(cli, s, argc, argv, "verify");
}

static int sub_unverify(struct cli *cli, struct store *s, int argc, char **argv)
{
	return simple_acts(cli, s, argc, argv, "unverify");
}

static int sub_note(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct act_opts ao;
	memset(&ao, 0, sizeof(ao));
	const struct option opts[] = {ACT_OPTIONS(&ao), {NULL, 0, 0, NULL, NULL, NULL}};
	char **pos;
	int npos, rc = parse("note", opts, argc, argv, &pos, &npos, 2, 2);
	if (rc) {
		free(pos);
		return PARSED(rc);
	}
	int64_t id = event_arg(pos[0]), cid = 0;
	if (!id || !*pos[1]) {
		if (id)
			error("event note: the note of %s is empty", pos[0]);
		free(pos);
		return EXIT_USAGE;
	}
	struct store_who w = {who(&ao), ao.why};
	char *err = NULL;
	rc = store_event_note(s, id, pos[1], &w, &cid, &err);
	int out = acted(cli, rc, err, pos[0], "note added", cid);
	free(pos);
	return out;
}

static int tag_acts(struct cli *cli, struct store *s, int argc, char **argv, int on)
{
	struct act_opts ao;
	memset(&ao, 0, sizeof(ao));
	const struct option opts[] = {ACT_OPTIONS(&ao), {NULL, 0, 0, NULL, NULL, NULL}};
	char **pos;
	int npos, rc = parse(on ? "tag" : "untag", opts, argc, argv, &pos, &npos, 2, -1);
	if (rc) {
		free(pos);
		return PARSED(rc);
	}
	int64_t id = event_arg(pos[0]);
	if (!id) {
		free(pos);
		return EXIT_USAGE;
	}
	struct store_who w = {who(&ao), ao.why};
	int out = EXIT_OK;
	for (int i = 1; i < npos && out == EXIT_OK; i++) {
		char *err = NULL, what[256];
		int64_t cid = 0;
		snprintf(what, sizeof(what), "%s '%s'", on ? "tagged" : "untagged", pos[i]);
		rc = store_event_tag(s, id, pos[i], on, &w, &cid, &err);
		out = acted(cli, rc, err, pos[0], what, cid);
	}
	free(pos);
	return out;
}

static int sub_tag(struct cli *cli, struct store *s, int argc, char **argv)
{
	return tag_acts(cli, s, argc, argv, 1);
}

static int sub_untag(struct cli *cli, struct store *s, int argc, char **argv)
{
	return tag_acts(cli, s, argc, argv, 0);
}

static int sub_add(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct edit_opts eo;
	struct act_opts ao;
	memset(&eo, 0, sizeof(eo));
	memset(&ao, 0, sizeof(ao));
	const struct option opts[] = {
		EDIT_OPTIONS(&eo), ACT_OPTIONS(&ao),
		{"report", 0, OPT_STRING, &eo.report, "R", "the report that tells it (r12 or 12)"},
		{"evidence", 0, OPT_STRING, &eo.evidence, "TEXT", "the passage of the report that tells it"},
		{NULL, 0, 0, NULL, NULL, NULL}};
	char **pos;
	int npos, rc = parse("add", opts, argc, argv, &pos, &npos, 0, 0), out = EXIT_USAGE;
	struct edit_built b;
	memset(&b, 0, sizeof(b));
	free(pos);
	if (rc) {
		out = PARSED(rc);
		goto done;
	}
	if (!eo.type) {
		error("event add needs --type (the types are listed in docs/events.md)");
		goto done;
	}
	if (build_edit(s, &eo, &b))
		goto done;
	if (!b.n_actors) {
		error("event add needs its parties: --source, --target or --participant");
		goto done;
	}
	int64_t report = 0;
	if (eo.report && !(report = parse_id(eo.report, 'r'))) {
		error("--report: '%s' is not a report id (r12 or 12)", eo.report);
		goto done;
	}
	if (eo.evidence && !report) {
		error("--evidence needs --report: the passage is quoted from a report");
		goto done;
	}
	struct event ev;
	if (edit_new_event(&b, eo.evidence, &ev)) {
		error("cannot write the event's summary: out of memory");
		out = EXIT_ARCHIVE;
		goto done;
	}
	struct store_who w = {who(&ao), ao.why};
	char *err = NULL;
	int64_t id = 0;
	rc = store_event_add(s, &ev, report, &w, &id, &err);
	if (rc == 1) {
		error("no report '%s' in the archive (see 'communique reports')", eo.report);
		out = EXIT_PARTIAL;
	} else if (rc) {
		out = fail_archive(cli, err);
	} else {
		printf("e%lld: added\n", (long long)id);
		out = EXIT_OK;
	}
done:
	edit_built_release(&b);
	edit_release(&eo);
	return out;
}

static int sub_merge(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct act_opts ao;
	memset(&ao, 0, sizeof(ao));
	const struct option opts[] = {ACT_OPTIONS(&ao), {NULL, 0, 0, NULL, NULL, NULL}};
	char **pos;
	int npos, rc = parse("merge", opts, argc, argv, &pos, &npos, 2, -1);
	if (rc) {
		free(pos);
		return PARSED(rc);
	}
	int64_t into = parse_id(pos[0], 'e'), *others = calloc((size_t)npos, sizeof(*others));
	int out = EXIT_USAGE;
	if (!others) {
		error("out of memory");
		goto done;
	}
	for (int i = 0; i < npos; i++)
		if (!event_arg(pos[i]))
			goto done;
	for (int i = 1; i < npos; i++)
		others[i - 1] = parse_id(pos[i], 'e');
	struct store_who w = {who(&ao), ao.why};
	char *err = NULL;
	rc = store_event_merge(s, into, others, (size_t)npos - 1, &w, &err);
	if (rc == 1) {
		error("event merge: one of the events does not exist (see 'communique events')");
		out = EXIT_PARTIAL;
	} else if (rc) {
		out = fail_archive(cli, err);
	} else {
		printf("%s: merged %d event%s into it\n", pos[0], npos - 1, npos > 2 ? "s" : "");
		out = EXIT_OK;
	}
done:
	free(others);
	free(pos);
	return out;
}

static int act_split(struct cli *cli, struct store *s, const char *arg, int64_t id, const struct store_edit *e,
		     const struct store_who *w)
{
	char *err = NULL;
	int64_t nid = 0;
	int rc = store_event_split(s, id, e, w, &nid, &err);
	if (rc == 1)
		return no_event(arg);
	if (rc)
		return fail_archive(cli, err);
	printf("%s: split; the second event is e%lld\n", arg, (long long)nid);
	return EXIT_OK;
}

static int sub_split(struct cli *cli, struct store *s, int argc, char **argv)
{
	return edit_one(cli, s, argc, argv, "split",
			"say how the second event differs (--date, --type, --target, ...)", act_split);
}

static int sub_undo(struct cli *cli, struct store *s, int argc, char **argv)
{
	struct act_opts ao;
	memset(&ao, 0, sizeof(ao));
	const struct option opts[] = {ACT_OPTIONS(&ao), {NULL, 0, 0, NULL, NULL, NULL}};
	char **pos;
	int npos, rc = parse("undo", opts, argc, argv, &pos, &npos, 1, 1);
	if (rc) {
		free(pos);
		return PARSED(rc);
	}
	int64_t cid = parse_id(pos[0], 'c'), uid = 0;
	int out = EXIT_OK;
	if (!cid) {
		error("'%s' is not a curation id (c12 or 12, as 'communique event history' lists them)", pos[0]);
		free(pos);
		return EXIT_USAGE;
	}
	struct store_who w = {who(&ao), ao.why};
	char *err = NULL;
	rc = store_curation_undo(s, cid, &w, &uid, &err);
	if (rc == 1) {
		error("no curation '%s' (see 'communique event history')", pos[0]);
		out = EXIT_PARTIAL;
	} else if (rc == 2) {
		error("curation '%s' is undone already, or is itself an undo", pos[0]);
		out = EXIT_PARTIAL;
	} else if (rc) {
		out = fail_archive(cli, err);
	} else {
		printf("c%lld: undone (c%lld)\n", (long long)cid, (long long)uid);
	}
	free(pos);
	return out;
}

static const struct sub subs[] = {
	{"show", sub_show, 0},       {"history", sub_history, 0}, {"edit", sub_edit, 1},
	{"delete", sub_delete, 1},   {"restore", sub_restore, 1}, {"add", sub_add, 1},
	{"merge", sub_merge, 1},     {"split", sub_split, 1},     {"verify", sub_verify, 1},
	{"unverify", sub_unverify, 1}, {"note", sub_note, 1},     {"tag", sub_tag, 1},
	{"untag", sub_untag, 1},     {"undo", sub_undo, 1},       {NULL, NULL, 0},
};

int cmd_event(struct cli *cli, int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		print_help(argc < 2 ? stderr : stdout, "communique", usage, NULL);
		if (argc < 2)
			return EXIT_USAGE;
		return close_stdout() ? EXIT_ARCHIVE : EXIT_OK;
	}
	const struct sub *sub = NULL;
	for (const struct sub *p = subs; p->name; p++)
		if (!strcmp(p->name, argv[1]))
			sub = p;
	if (!sub) {
		error("'%s' is not an event subcommand (see 'communique event --help')", argv[1]);
		return EXIT_USAGE;
	}
	struct store *s;
	if (open_archive(cli, sub->writes ? 0 : ARCHIVE_READ, &s))
		return EXIT_ARCHIVE;
	/* Writers take the archive's lock, as imports do: a correction never
	 * interleaves with an update's batch. */
	struct store_lock *lock = NULL;
	if (sub->writes) {
		int got = archive_writer_lock(cli, 30, &lock);
		if (got < 0) {
			if (got == -2)
				error("another update or import holds %s; try again when it is done",
				      archive_lock_name(cli));
			store_close(s);
			return got == -2 ? EXIT_LOCKED : EXIT_ARCHIVE;
		}
	}
	int rc = sub->run(cli, s, argc - 1, argv + 1);
	store_close(s);
	store_lock_release(lock);
	if (close_stdout())
		return EXIT_ARCHIVE;
	return rc;
}
