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
echo ok
