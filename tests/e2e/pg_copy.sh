#!/usr/bin/env bash
# communique copy (issue 15): a curated SQLite archive copied to a new file,
# to PostgreSQL and back keeps everything: `events`, `event history` and
# `export --format json` are the same byte for byte (but for the export's
# time), ids included; `check` passes on every copy; the full-text search
# finds the same events; a target that is not empty is refused and left
# as it was; a URI's password never shows. The file-to-file part runs
# everywhere; the PostgreSQL part needs the cluster of the ctest fixture pg
# (COMMUNIQUE_TEST_PG) and a store that opens an archive there: without
# them the test says so and exits 77 (skipped) after the file part.
#
# Usage (as ctest runs it): bash pg_copy.sh BIN SRCDIR
set -uo pipefail
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$2
T=$(mktemp -d "${TMPDIR:-/tmp}/pg_copy.XXXXXX")
cleanup=
trap 'eval "$cleanup"; rm -rf "$T"' EXIT
unset COMMUNIQUE_DB
export USER=analyst
FIX=$SRC/tests/data/curation
fail() { echo "FAIL: $*" >&2; exit 1; }
c() { "$BIN" --db "$T/a.db" "$@" >"$T/out" 2>"$T/err" || fail "'$*': $(cat "$T/err")"; }
id_of() { "$BIN" --db "$T/a.db" events --status all | awk -v t="$1" '$3 == t { print $1 }' | head -n 1; }

# A curated archive: every kind of act, a cursor, a run.
c ingest "$FIX/summit_v1.txt"
MEET=$(id_of meeting); AGREE=$(id_of agreement); CONDEMN=$(id_of condemnation); APPEAL=$(id_of appeal)
c event edit "$MEET" --date 2023-03-17 --by anna --why "the talks ran into Friday"
c event delete "$APPEAL" --why "a spokesman's remark"
c event verify "$CONDEMN" --by ben
c event tag "$CONDEMN" missiles
c event note "$CONDEMN" "Kishida spoke to reporters before the talks"
c event add --type meeting --participant JPN --participant KOR --date 2023-03-16 --report r1 \
	--evidence "held talks in Tokyo on Thursday" --by anna
HAND=$(sed -n 's/^\(e[0-9]*\): added$/\1/p' "$T/out")
c event merge "$MEET" "$HAND" --why "the same talks"
c event split "$AGREE" --summary "Japan agreed to lift its export curbs" --type agreement
c export --format jsonl --since-last sheet
c ingest "$FIX/summit_v2.txt"

# What must survive a copy, from archive $1 into directory $2.
views() {
	local db=$1 d=$2
	mkdir -p "$d"
	"$BIN" --db "$db" events --status all >"$d/events" 2>&1 || fail "events on $db"
	for e in $("$BIN" --db "$db" events --status all | awk '/^e[0-9]/ { print $1 }') "$APPEAL"; do
		echo "== $e"; "$BIN" --db "$db" event history "$e" 2>&1
	done >"$d/history"
	"$BIN" --db "$db" export --format json --status all 2>&1 |
		sed 's/"generated_at": "[^"]*"/"generated_at": "T"/' >"$d/export"
	"$BIN" --db "$db" events --status all --text "export curbs" >"$d/search" 2>&1
	"$BIN" --db "$db" cursors 2>&1 | awk 'NR > 1 { print $1, $4, $5 }' >"$d/cursors"
	"$BIN" --db "$db" check -q >"$d/check.out" 2>&1 || { cat "$d/check.out"; fail "check fails on $db"; }
}
same() {
	for f in events history export search cursors; do
		cmp -s "$1/$f" "$2/$f" || { diff -u "$1/$f" "$2/$f" | head -n 40; fail "$3: $f differs"; }
	done
}
views "$T/a.db" "$T/v.a"
[ -s "$T/v.a/search" ] || fail "the search finds nothing in the source"
grep -q '"tags": \["missiles"\]' "$T/v.a/export" || fail "the source has no tag"

# File to file.
"$BIN" --db "$T/a.db" copy --to "$T/b.db" >"$T/out" 2>"$T/err" || fail "copy to a file: $(cat "$T/err")"
grep -q "^curations  *[1-9]" "$T/out" || fail "copy did not say it copied curations: $(cat "$T/out")"
views "$T/b.db" "$T/v.b"
same "$T/v.a" "$T/v.b" "file to file"
# The copy goes on as an archive: a new act takes new ids.
"$BIN" --db "$T/b.db" event tag "$CONDEMN" again >"$T/out" 2>&1 || fail "curating the copy: $(cat "$T/out")"
# A target that is not empty is refused, untouched.
before=$(sha256sum "$T/b.db" | cut -c1-64)
"$BIN" --db "$T/a.db" copy --to "$T/b.db" >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 3 ] || fail "copy into a full archive: exit $rc"
grep -q "the target is not empty" "$T/err" || fail "copy into a full archive: $(cat "$T/err")"
[ "$(sha256sum "$T/b.db" | cut -c1-64)" = "$before" ] || fail "the refused target changed"
"$BIN" --db "$T/a.db" copy --to "$T/a.db" >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 2 ] || fail "copy onto itself: exit $rc"

# A larger archive (more rows in a table than one transaction of the copy
# holds: store_copy.c COPY_TXN_ROWS) copied whole.
mkdir -p "$T/big"
for i in $(seq 1 2600); do
	printf 'Lavrov and Wang Yi hold consultations, session %d\n\nMOSCOW, March %d, 2015. /TASS/. Russian Foreign Minister Sergei Lavrov held consultations with his Chinese counterpart Wang Yi in Moscow on Tuesday, session %d of the strategic dialogue.\n' \
		"$i" $((i % 28 + 1)) "$i" >"$T/big/r$i.txt"
done
"$BIN" --db "$T/big.db" ingest "$T/big" >"$T/out" 2>"$T/err" || fail "ingest of the larger archive: $(cat "$T/err")"
"$BIN" --db "$T/big.db" copy --to "$T/big2.db" >"$T/out" 2>"$T/err" || fail "copy of the larger archive: $(cat "$T/err")"
grep -q "^reports  *2600$" "$T/out" || fail "the larger copy says: $(cat "$T/out")"
for f in big big2; do
	"$BIN" --db "$T/$f.db" export --format json --status all | sed 's/"generated_at": "[^"]*"/"generated_at": "T"/' >"$T/$f.json"
	"$BIN" --db "$T/$f.db" check -q >"$T/out" 2>&1 || fail "check on $f.db: $(cat "$T/out")"
done
cmp -s "$T/big.json" "$T/big2.json" || fail "the larger archive's copy differs"

# A copy that fails midway (issue 15: rows go in batched transactions):
# it empties the target again; when it cannot (or is killed), the target
# stays marked as an unfinished copy, which no command opens, and the next
# copy empties it and starts over. Columns go by name: a column the target
# has and the source has not is left to its default, one the source has and
# the target has not (or a table the copy does not know) stops it.
if command -v sqlite3 >/dev/null; then
	# An empty archive, made by an import of nothing (its run record goes).
	empty_archive() {
		mkdir -p "$T/nothing"
		"$BIN" --db "$1" ingest "$T/nothing" >/dev/null 2>&1 || fail "cannot make the archive $1"
		sqlite3 "$1" "DELETE FROM run_sources; DELETE FROM import_runs" || fail "sqlite3 on $1"
	}
	count() { sqlite3 "$1" "SELECT count(*) FROM $2"; }
	empty_archive "$T/f.db"
	sqlite3 "$T/f.db" "CREATE TRIGGER boom BEFORE INSERT ON curations BEGIN SELECT RAISE(ABORT, 'boom'); END;"
	"$BIN" --db "$T/a.db" copy --to "$T/f.db" >"$T/out" 2>"$T/err"; rc=$?
	[ $rc -eq 3 ] || fail "copy failing at curations: exit $rc"
	grep -q "boom; the target was emptied again" "$T/err" || fail "the failed copy says: $(cat "$T/err")"
	[ "$(count "$T/f.db" reports)" = 0 ] || fail "the failed copy left reports behind"
	[ "$(sqlite3 "$T/f.db" "PRAGMA application_id")" = $((0x436d6e71)) ] || fail "the failed copy left another id"
	"$BIN" --db "$T/f.db" events >"$T/out" 2>"$T/err" || fail "the emptied target is not an archive: $(cat "$T/err")"
	# Now the emptying fails too: the target stays an unfinished copy.
	sqlite3 "$T/f.db" "CREATE TRIGGER stuck BEFORE DELETE ON agencies BEGIN SELECT RAISE(ABORT, 'stuck'); END;"
	"$BIN" --db "$T/a.db" copy --to "$T/f.db" >"$T/out" 2>"$T/err"; rc=$?
	[ $rc -eq 3 ] || fail "copy failing twice: exit $rc"
	grep -q "boom; the target is left as an unfinished copy, which no command opens: run the copy again" "$T/err" ||
		fail "the copy left unfinished says: $(cat "$T/err")"
	[ "$(count "$T/f.db" reports)" -gt 0 ] || fail "no batch was committed before the failure"
	[ "$(count "$T/f.db" copy_unfinished)" = 1 ] || fail "the unfinished copy is not marked"
	for cmd in events "export --format csv" "update --sources /dev/null" "event tag e1 x"; do
		"$BIN" --db "$T/f.db" $cmd >"$T/out" 2>"$T/err"; rc=$?
		[ $rc -ne 0 ] || fail "'$cmd' ran on an unfinished copy: $(head -n 3 "$T/out")"
		grep -q "is not a communique archive" "$T/err" || fail "'$cmd' on an unfinished copy says: $(cat "$T/err")"
	done
	# The next copy empties it and starts over.
	sqlite3 "$T/f.db" "DROP TRIGGER boom; DROP TRIGGER stuck;"
	"$BIN" --db "$T/a.db" copy --to "$T/f.db" >"$T/out" 2>"$T/err" || fail "copy over an unfinished one: $(cat "$T/err")"
	grep -q "^the target was an unfinished copy: emptied, starting over" "$T/out" || fail "the restart says: $(cat "$T/out")"
	views "$T/f.db" "$T/v.f"
	same "$T/v.a" "$T/v.f" "copied over an unfinished copy"

	# kill -9 while the copy is in curations (a trigger there burns time),
	# the tables before it committed: the target stays marked (SQLite's
	# journal rolls the open transaction back); the next copy starts over.
	empty_archive "$T/k.db"
	sqlite3 "$T/k.db" "CREATE TRIGGER nap BEFORE INSERT ON curations BEGIN
		SELECT count(*) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000000) SELECT x FROM c); END;"
	"$BIN" --db "$T/a.db" copy --to "$T/k.db" >"$T/out" 2>"$T/err" &
	pid=$!
	for _ in $(seq 400); do
		[ "$(sqlite3 "$T/k.db" "SELECT count(*) FROM export_cursors" 2>/dev/null)" = 1 ] && break
		sleep 0.05
	done
	sleep 0.2
	kill -9 $pid || fail "the copy to a file ended before it was killed: $(cat "$T/err")"
	wait $pid 2>/dev/null
	[ "$(count "$T/k.db" copy_unfinished)" = 1 ] || fail "the killed copy to a file is not marked"
	[ "$(count "$T/k.db" reports)" -gt 0 ] || fail "the killed copy to a file had committed no batch"
	[ "$(count "$T/k.db" curations)" = 0 ] || fail "the killed copy's open transaction was kept"
	"$BIN" --db "$T/k.db" events >"$T/out" 2>"$T/err" && fail "events ran on a killed copy: $(head -n 3 "$T/out")"
	sqlite3 "$T/k.db" "DROP TRIGGER nap"
	"$BIN" --db "$T/a.db" copy --to "$T/k.db" >"$T/out" 2>"$T/err" || fail "copy over a killed one: $(cat "$T/err")"
	grep -q "^the target was an unfinished copy: emptied, starting over" "$T/out" || fail "the restart says: $(cat "$T/out")"
	views "$T/k.db" "$T/v.kf"
	same "$T/v.a" "$T/v.kf" "copied over a killed copy"

	# Columns by name: a column a later migration adds (here a made-up
	# `extra` of event_actors) goes with its values.
	cp "$T/a.db" "$T/x.db"
	sqlite3 "$T/x.db" "ALTER TABLE event_actors ADD COLUMN extra TEXT; UPDATE event_actors SET extra = '2023-03-16' WHERE seq % 2 = 0"
	empty_archive "$T/g.db"
	# The target's new column placed elsewhere than the source's: by name.
	sqlite3 "$T/g.db" "ALTER TABLE event_actors ADD COLUMN note TEXT DEFAULT 'n'; ALTER TABLE event_actors ADD COLUMN extra TEXT"
	"$BIN" --db "$T/x.db" copy --to "$T/g.db" >"$T/out" 2>"$T/err" || fail "copy with a new column: $(cat "$T/err")"
	q="SELECT group_concat(event_id || ':' || actor_id || ':' || role || ':' || ifnull(extra, '-'), ' ') FROM (SELECT * FROM event_actors ORDER BY 1, 2, 3)"
	[ "$(sqlite3 "$T/x.db" "$q")" = "$(sqlite3 "$T/g.db" "$q")" ] || fail "the new column's values did not go by name"
	[ "$(sqlite3 "$T/g.db" "SELECT count(*) FROM event_actors WHERE extra = '2023-03-16'")" -gt 0 ] || fail "no value of the new column copied"
	[ "$(sqlite3 "$T/g.db" "SELECT count(*) FROM event_actors WHERE note IS NOT 'n'")" = 0 ] ||
		fail "a column the source has not did not take its default"
	# A column the target has not would be lost: refused, the target emptied.
	empty_archive "$T/h.db"
	"$BIN" --db "$T/x.db" copy --to "$T/h.db" >"$T/out" 2>"$T/err"; rc=$?
	[ $rc -eq 3 ] || fail "copy to a target without the column: exit $rc"
	grep -q "cannot copy event_actors: the target has no column 'extra'" "$T/err" || fail "the refusal says: $(cat "$T/err")"
	[ "$(count "$T/h.db" reports)" = 0 ] || fail "the refused copy left reports behind"
	# So is a table the copy does not know (it would be left behind).
	sqlite3 "$T/x.db" "CREATE TABLE event_extra(id INTEGER PRIMARY KEY)"
	rm -f "$T/h.db"*
	"$BIN" --db "$T/x.db" copy --to "$T/h.db" >"$T/out" 2>"$T/err"; rc=$?
	[ $rc -eq 3 ] || fail "copy of an unknown table: exit $rc"
	grep -q "the source has a table 'event_extra' that this copy does not know" "$T/err" ||
		fail "the refusal says: $(cat "$T/err")"
	# A table the source lacks: said, with the side that lacks it.
	cp "$T/a.db" "$T/w.db"
	sqlite3 "$T/w.db" "DROP TABLE export_cursors"
	rm -f "$T/h.db"*
	"$BIN" --db "$T/w.db" copy --to "$T/h.db" >"$T/out" 2>"$T/err"; rc=$?
	[ $rc -eq 3 ] || fail "copy of a source without a table: exit $rc"
	grep -q "cannot copy export_cursors: the source has no such table; the target was emptied again" "$T/err" ||
		fail "the refusal says: $(cat "$T/err")"
else
	echo "NOT TESTED: a copy failing midway on SQLite (sqlite3 is not installed)"
fi

[ -n "${COMMUNIQUE_TEST_PG:-}" ] || { echo "skipped: the PostgreSQL part (COMMUNIQUE_TEST_PG is not set)"; exit 77; }
PSQL=psql
[ -n "${PG_BINDIR:-}" ] && [ -x "$PG_BINDIR/psql" ] && PSQL=$PG_BINDIR/psql
NAME=pgcopy_$$
BASE=$COMMUNIQUE_TEST_PG
URI=${BASE/\/communique\?/\/$NAME?}
[ "$URI" != "$BASE" ] || fail "cannot name a database in '$BASE'"
# A linguistic collation (ICU's en-US, as many a team's server has), not the
# cluster's C.UTF-8: an order the store leaves to the database shows here.
"$PSQL" -qAt "$BASE" -c "CREATE DATABASE $NAME TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'" >/dev/null || fail "CREATE DATABASE"
cleanup='"$PSQL" -qAt "$BASE" -c "DROP DATABASE IF EXISTS $NAME WITH (FORCE)" >/dev/null'
PWURI=${URI/communique@/communique:s3cretpw@}

# SQLite to PostgreSQL.
if ! "$BIN" --db "$T/a.db" copy --to "$PWURI" >"$T/out" 2>"$T/err"; then
	grep -q s3cretpw "$T/err" && fail "the password shows: $(cat "$T/err")"
	if ! "$PSQL" -qAt "$URI" -c "SELECT version FROM communique_schema" >/dev/null 2>&1; then
		echo "skipped: the store cannot open an archive on PostgreSQL yet: $(head -n 1 "$T/err")"
		exit 77
	fi
	fail "copy to PostgreSQL: $(cat "$T/err")"
fi
grep -q s3cretpw "$T/out" && fail "the password shows: $(cat "$T/out")"
# On PostgreSQL itself: what the curation layer and check read.
mkdir -p "$T/v.pg"
for e in $(awk '/^e[0-9]/ { print $1 }' "$T/v.a/events") "$APPEAL"; do
	echo "== $e"; "$BIN" --db "$URI" event history "$e" 2>&1
done >"$T/v.pg/history"
"$BIN" --db "$URI" cursors 2>&1 | awk 'NR > 1 { print $1, $4, $5 }' >"$T/v.pg/cursors"
"$BIN" --db "$URI" check -q >"$T/v.pg/check.out" 2>&1 || { cat "$T/v.pg/check.out"; fail "check fails on PostgreSQL"; }
for f in history cursors; do
	cmp -s "$T/v.a/$f" "$T/v.pg/$f" || { diff -u "$T/v.a/$f" "$T/v.pg/$f" | head -n 40; fail "on PostgreSQL: $f differs"; }
done
# Listing and exporting events on PostgreSQL are the core's (store_events.c):
# compared once they run there; the round trip below compares them anyway.
if "$BIN" --db "$URI" events --status all >"$T/v.pg/events" 2>"$T/err"; then
	views "$URI" "$T/v.pg"
	same "$T/v.a" "$T/v.pg" "SQLite to PostgreSQL"
else
	echo "NOT COMPARED on PostgreSQL itself: events, export, search ($(head -n 1 "$T/err"))"
fi
# Back to a file, before any change: the same archive byte for byte.
"$BIN" --db "$URI" copy --to "$T/r.db" >"$T/out" 2>"$T/err" || fail "copy from PostgreSQL: $(cat "$T/err")"
views "$T/r.db" "$T/v.r"
same "$T/v.a" "$T/v.r" "SQLite to PostgreSQL and back"
# New ids on PostgreSQL come after the copied ones (the sequences moved).
"$BIN" --db "$URI" event tag "$CONDEMN" again >"$T/out" 2>&1 || fail "curating on PostgreSQL: $(cat "$T/out")"
# And back to a file.
"$BIN" --db "$URI" copy --to "$T/c.db" >"$T/out" 2>"$T/err" || fail "copy from PostgreSQL: $(cat "$T/err")"
"$BIN" --db "$T/b.db" event history "$CONDEMN" >"$T/hb" 2>&1
"$BIN" --db "$T/c.db" event history "$CONDEMN" >"$T/hc" 2>&1
# Both got the same new act with the same id (the times may differ).
diff <(awk '{ print $1, $3, $4, $5 }' "$T/hb") <(awk '{ print $1, $3, $4, $5 }' "$T/hc") ||
	fail "the act after the copy took another id on PostgreSQL"

# A copy to PostgreSQL that fails midway, one whose emptying fails too, one
# killed with -9: as on SQLite above.
NAME2=pgcopy2_$$
URI2=${BASE/\/communique\?/\/$NAME2?}
"$PSQL" -qAt "$BASE" -c "CREATE DATABASE $NAME2" >/dev/null || fail "CREATE DATABASE"
cleanup="$cleanup; \"\$PSQL\" -qAt \"\$BASE\" -c \"DROP DATABASE IF EXISTS $NAME2 WITH (FORCE)\" >/dev/null"
pq() { "$PSQL" -qAt "$URI2" -c "$1"; }
mkdir -p "$T/nothing"
"$BIN" --db "$URI2" ingest "$T/nothing" >/dev/null 2>&1 || fail "cannot make the archive on PostgreSQL"
pq "DELETE FROM run_sources; DELETE FROM import_runs" || fail "psql"
pq "CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN RAISE EXCEPTION 'boom'; END \$\$;
    CREATE TRIGGER boom BEFORE INSERT ON curations FOR EACH STATEMENT EXECUTE FUNCTION boom();" || fail "psql"
"$BIN" --db "$T/a.db" copy --to "$URI2" >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 3 ] || fail "copy to PostgreSQL failing at curations: exit $rc"
grep -q "boom; the target was emptied again" "$T/err" || fail "the failed copy says: $(cat "$T/err")"
[ "$(pq "SELECT count(*) FROM reports")" = 0 ] || fail "the failed copy left reports on PostgreSQL"
[ "$(pq "SELECT application_id FROM communique_schema")" = $((0x436d6e71)) ] || fail "the failed copy left another id"
pq "CREATE FUNCTION stuck() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN RAISE EXCEPTION 'stuck'; END \$\$;
    CREATE TRIGGER stuck BEFORE TRUNCATE ON agencies FOR EACH STATEMENT EXECUTE FUNCTION stuck();" || fail "psql"
"$BIN" --db "$T/a.db" copy --to "$URI2" >"$T/out" 2>"$T/err"; rc=$?
[ $rc -eq 3 ] || fail "copy to PostgreSQL failing twice: exit $rc"
grep -q "the target is left as an unfinished copy" "$T/err" || fail "the copy left unfinished says: $(cat "$T/err")"
[ "$(pq "SELECT count(*) FROM reports")" -gt 0 ] || fail "no batch was committed on PostgreSQL"
"$BIN" --db "$URI2" events >"$T/out" 2>"$T/err" && fail "events ran on an unfinished copy: $(head -n 3 "$T/out")"
grep -q "is not a communique archive" "$T/err" || fail "events on an unfinished copy says: $(cat "$T/err")"
pq "DROP TRIGGER boom ON curations; DROP TRIGGER stuck ON agencies" || fail "psql"
"$BIN" --db "$T/a.db" copy --to "$URI2" >"$T/out" 2>"$T/err" || fail "copy over an unfinished one: $(cat "$T/err")"
grep -q "^the target was an unfinished copy: emptied, starting over" "$T/out" || fail "the restart says: $(cat "$T/out")"
"$BIN" --db "$URI2" check -q >"$T/out" 2>&1 || fail "check after the restart: $(cat "$T/out")"

# kill -9 while the copy waits in curations (a trigger sleeps there), its
# earlier tables committed: the target stays marked; the next copy
# empties it and starts over.
pq "TRUNCATE agencies, reports, actors, actor_aliases, actor_roles, topics, events, event_actors, event_topics,
    event_reports, import_runs, source_files, source_feeds, run_sources, export_cursors, event_base, curations,
    event_changes" || fail "psql"
pq "CREATE FUNCTION nap() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN PERFORM pg_sleep(2); RETURN NULL; END \$\$;
    CREATE TRIGGER nap BEFORE INSERT ON curations FOR EACH STATEMENT EXECUTE FUNCTION nap();" || fail "psql"
"$BIN" --db "$T/a.db" copy --to "$URI2" >"$T/out" 2>"$T/err" &
pid=$!
for _ in $(seq 200); do
	[ "$(pq "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'INSERT INTO curations%' AND state = 'active'")" = 1 ] && break
	sleep 0.05
done
kill -9 $pid || fail "the copy ended before it was killed: $(cat "$T/err")"
wait $pid 2>/dev/null
[ "$(pq "SELECT count(*) FROM copy_unfinished")" = 1 ] || fail "the killed copy is not marked"
[ "$(pq "SELECT count(*) FROM reports")" -gt 0 ] || fail "the killed copy had committed no batch"
"$BIN" --db "$URI2" events >"$T/out" 2>"$T/err" && fail "events ran on a killed copy: $(head -n 3 "$T/out")"
pq "DROP TRIGGER nap ON curations" || fail "psql"
"$BIN" --db "$T/a.db" copy --to "$URI2" >"$T/out" 2>"$T/err" || fail "copy over a killed one: $(cat "$T/err")"
grep -q "^the target was an unfinished copy: emptied, starting over" "$T/out" || fail "the restart says: $(cat "$T/out")"
views "$URI2" "$T/v.k"
same "$T/v.a" "$T/v.k" "copied over a killed copy on PostgreSQL"

# Columns by name on PostgreSQL: a column the target has (a later
# migration's) takes the source's values.
if command -v sqlite3 >/dev/null; then
	cp "$T/a.db" "$T/y.db"
	sqlite3 "$T/y.db" "ALTER TABLE event_actors ADD COLUMN extra TEXT; UPDATE event_actors SET extra = '2023-03-16' WHERE seq % 2 = 0"
	pq "TRUNCATE agencies, reports, actors, actor_aliases, actor_roles, topics, events, event_actors, event_topics,
	    event_reports, import_runs, source_files, source_feeds, run_sources, export_cursors, event_base, curations,
	    event_changes; ALTER TABLE event_actors ADD COLUMN note text DEFAULT 'n', ADD COLUMN extra text" || fail "psql"
	"$BIN" --db "$T/y.db" copy --to "$URI2" >"$T/out" 2>"$T/err" || fail "copy with a new column: $(cat "$T/err")"
	[ "$(sqlite3 "$T/y.db" "SELECT group_concat(event_id || ':' || seq || ':' || ifnull(extra, '-'), ' ') FROM (SELECT * FROM event_actors ORDER BY 1, 2)")" = \
	  "$(pq "SELECT string_agg(event_id || ':' || seq || ':' || coalesce(extra, '-'), ' ' ORDER BY event_id, seq) FROM event_actors")" ] ||
		fail "the new column's values did not go by name to PostgreSQL"
	[ "$(pq "SELECT count(*) FROM event_actors WHERE note IS DISTINCT FROM 'n'")" = 0 ] || fail "note did not take its default"
fi
echo ok
