#!/usr/bin/env bash
# Curation and bookkeeping on PostgreSQL (issue 15) give what they give on
# SQLite: the same acts (event edit, delete, restore, add, merge, split,
# verify, note, tag, undo) on the same report, then history, review, events,
# runs, cursors, stats and check, on a SQLite file and on a database of the
# test cluster; the two transcripts must be the same, but for the archive's
# name and the times. Needs the cluster of the ctest fixture pg
# (COMMUNIQUE_TEST_PG); exits 77 (skipped) without one, and while the store
# cannot yet open an archive on PostgreSQL (it says so).
#
# Usage (as ctest runs it): bash pg_curation.sh BIN SRCDIR
set -uo pipefail
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$2
[ -n "${COMMUNIQUE_TEST_PG:-}" ] || { echo "skipped: COMMUNIQUE_TEST_PG is not set"; exit 77; }
PSQL=psql
[ -n "${PG_BINDIR:-}" ] && [ -x "$PG_BINDIR/psql" ] && PSQL=$PG_BINDIR/psql
command -v "$PSQL" >/dev/null || { echo "skipped: psql is not installed"; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/pg_curation.XXXXXX")
# A database of its own, dropped at the end.
NAME=pgcur_$$
BASE=$COMMUNIQUE_TEST_PG
URI=${BASE/\/communique\?/\/$NAME?}
[ "$URI" != "$BASE" ] || { echo "FAIL: cannot name a database in '$BASE'" >&2; exit 1; }
"$PSQL" -qAt "$BASE" -c "CREATE DATABASE $NAME" >/dev/null || { echo "FAIL: CREATE DATABASE" >&2; exit 1; }
trap '"$PSQL" -qAt "$BASE" -c "DROP DATABASE IF EXISTS $NAME WITH (FORCE)" >/dev/null; rm -rf "$T"' EXIT
unset COMMUNIQUE_DB
export USER=analyst
FIX=$SRC/tests/data/curation

# Probe: the store opens (and migrates) an archive on the server, or this
# build cannot yet; then there is nothing to compare.
if ! "$BIN" --db "$URI" ingest "$FIX/summit_v1.txt" >"$T/probe" 2>&1; then
	if ! "$PSQL" -qAt "$URI" -c "SELECT version FROM communique_schema" >/dev/null 2>&1; then
		echo "skipped: the store cannot open an archive on PostgreSQL yet: $(head -n 1 "$T/probe")"
		exit 77
	fi
	cat "$T/probe" >&2
	echo "FAIL: ingest on PostgreSQL" >&2
	exit 1
fi

# One transcript per backend: each command's exit code, stdout and stderr,
# the archive's name and times replaced.
script() {
	local db=$1 out=$2 first=$3
	c() {
		echo "\$ $*"
		"$BIN" --db "$db" "$@" 2>&1 | sed -e "s#$db#ARCHIVE#g" \
			-e 's/[0-9]\{4\}-[0-9][0-9]-[0-9][0-9][ T][0-9][0-9]:[0-9][0-9]\(:[0-9][0-9]\)\?Z\?/TIME/g' \
			-e 's/[0-9]\+ s\b/N s/g'
		echo "exit ${PIPESTATUS[0]}"
	}
	id_of() { "$BIN" --db "$db" events --status all | awk -v t="$1" '$3 == t { print $1 }' | head -n 1; }
	{
		[ -n "$first" ] && c ingest "$FIX/summit_v1.txt"
		MEET=$(id_of meeting); AGREE=$(id_of agreement)
		CONDEMN=$(id_of condemnation); APPEAL=$(id_of appeal)
		c events --status all
		c event edit "$MEET" --date 2023-03-17 --by anna --why "the talks ran into Friday"
		c event delete "$APPEAL" --why "a spokesman's remark"
		c event restore "$APPEAL" --why "it was an appeal after all"
		c event delete "$APPEAL" --why "no, a remark"
		c event verify "$CONDEMN" --by ben
		c event tag "$CONDEMN" missiles
		c event note "$CONDEMN" "Kishida spoke to reporters before the talks"
		c event add --type meeting --participant JPN --participant KOR --date 2023-03-16 --report r1 \
			--evidence "held talks in Tokyo on Thursday" --by anna
		HAND=$("$BIN" --db "$db" events --status all | awk -v m="$MEET" '$3 == "meeting" && $1 != m { print $1 }' | head -n 1)
		c event merge "$MEET" "$HAND" --why "the same talks"
		c event split "$AGREE" --summary "Japan agreed to lift its export curbs" --type agreement
		c event history "$MEET"
		c event history "$CONDEMN"
		c event history "$AGREE"
		TAGC=$("$BIN" --db "$db" event history "$CONDEMN" | awk '/ tag "missiles"/ { print $1 }')
		c event undo "$TAGC" --why "tagged by mistake"
		c review
		c review --below 0.9
		c events --status all
		c event show "$MEET"
		c export --format json --status all --since-last sheet
		c export --format json --status all --since-last sheet
		c runs
		c cursors
		c stats
		c check
	} >"$out"
}
script "$URI" "$T/pg" ""
cp "$T/probe" "$T/probe.pg"
"$BIN" --db "$T/a.db" ingest "$FIX/summit_v1.txt" >"$T/probe.sq" 2>&1
script "$T/a.db" "$T/sq" ""
diff -u "$T/probe.sq" "$T/probe.pg" || { echo "FAIL: ingest says otherwise on PostgreSQL" >&2; exit 1; }
# check says on PostgreSQL what it leaves to the server: that line only differs.
grep -v "foreign keys and the archive's invariants checked" "$T/pg" >"$T/pg.cmp"
if ! diff -u "$T/sq" "$T/pg.cmp"; then
	echo "FAIL: the commands give otherwise on PostgreSQL (above: - SQLite, + PostgreSQL)" >&2
	exit 1
fi
grep -q "foreign keys and the archive's invariants checked" "$T/pg" ||
	{ echo "FAIL: check on PostgreSQL does not say what it leaves out" >&2; exit 1; }
echo ok
