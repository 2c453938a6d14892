#!/usr/bin/env bash
# Curation and bookkeeping on PostgreSQL (issue 15) give what they give on
# SQLite: the same acts (event edit, delete, restore, add, merge, split,
# verify, note, tag, undo) on the same report, then history, review, events,
# runs, cursors, stats and check, on a SQLite file and on a database of the
# test cluster; the two transcripts must be the same, but for the archive's
# name and the times. Needs the cluster of the ctest fixture pg
# (COMMUNIQUE_TEST_PG); exits 77 (skipped) without one.
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
# A linguistic collation (ICU's en-US, as many a team's server has), not the
# cluster's C.UTF-8: an order the store leaves to the database shows here.
"$PSQL" -qAt "$BASE" -c "CREATE DATABASE $NAME TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'" >/dev/null || { echo "FAIL: CREATE DATABASE" >&2; exit 1; }
trap '"$PSQL" -qAt "$BASE" -c "DROP DATABASE IF EXISTS $NAME WITH (FORCE)" >/dev/null; rm -rf "$T"' EXIT
unset COMMUNIQUE_DB
export USER=analyst
FIX=$SRC/tests/data/curation

# The same archive on both: imported on SQLite (with an export cursor),
# then copied (communique copy) to PostgreSQL, ids kept. Importing and
# listing events on PostgreSQL are the core's part of issue 15 (store.c,
# store_events.c), not compared here.
"$BIN" --db "$T/a.db" ingest "$FIX/summit_v1.txt" >/dev/null 2>&1 || { echo "FAIL: ingest" >&2; exit 1; }
"$BIN" --db "$T/a.db" export --format jsonl --since-last sheet >/dev/null 2>&1 || { echo "FAIL: export" >&2; exit 1; }
"$BIN" --db "$T/a.db" copy --to "$URI" >"$T/copy" 2>&1 || { cat "$T/copy" >&2; echo "FAIL: copy to PostgreSQL" >&2; exit 1; }
id_of() { "$BIN" --db "$T/a.db" events --status all | awk -v t="$1" '$3 == t { print $1 }' | head -n 1; }
MEET=$(id_of meeting); AGREE=$(id_of agreement); CONDEMN=$(id_of condemnation); APPEAL=$(id_of appeal)
[ -n "$MEET" ] && [ -n "$AGREE" ] && [ -n "$CONDEMN" ] && [ -n "$APPEAL" ] || { echo "FAIL: the fixture's events" >&2; exit 1; }

# One transcript per backend: each command's exit code, stdout and stderr,
# the archive's name and times replaced.
script() {
	local db=$1 out=$2
	c() {
		echo "\$ $*"
		"$BIN" --db "$db" "$@" 2>&1 | sed -e "s#$db#ARCHIVE#g" \
			-e 's/[0-9]\{4\}-[0-9][0-9]-[0-9][0-9][ T][0-9][0-9]:[0-9][0-9]\(:[0-9][0-9]\)\?Z\?/TIME/g' \
			-e 's/[0-9]\+ s\b/N s/g'
		echo "exit ${PIPESTATUS[0]}"
	}
	{
		c event edit "$MEET" --date 2023-03-17 --by anna --why "the talks ran into Friday"
		c event delete "$APPEAL" --why "a spokesman's remark"
		c event restore "$APPEAL" --why "it was an appeal after all"
		c event delete "$APPEAL" --why "no, a remark"
		c event verify "$CONDEMN" --by ben
		c event tag "$CONDEMN" missiles
		c event note "$CONDEMN" "Kishida spoke to reporters before the talks"
		c event split "$AGREE" --summary "Japan agreed to lift its export curbs" --type agreement
		c event merge "$MEET" "$MEET" --why "a mistake, refused"
		c event history "$MEET"
		c event history "$CONDEMN"
		c event history "$AGREE"
		c event history "$APPEAL"
		c event history e6
		c event undo c6 --why "tagged by mistake"
		c event undo c6
		c event undo c8 --why "the split was wrong"
		c event history "$AGREE"
		c review
		c review --below 0.9
		c runs
		c cursors
		c stats
		c check
	} >"$out"
	# An event made by hand names its parties: the actors' lookup.
	{
		c event add --type meeting --participant JPN --participant KOR --date 2023-03-16 --report r1 \
			--evidence "held talks in Tokyo on Thursday" --by anna
		c event merge "$MEET" e7 --why "the same talks"
		c event history "$MEET"
		c event history e7
		c event undo c13 --why "not the same talks after all"
		c review
	} >"$out.add"
}
script "$URI" "$T/pg"
script "$T/a.db" "$T/sq"
grep -q '^e1: split; the second event is e6$' "$T/sq" || { echo "FAIL: the split did not make e6: $(cat "$T/sq")" >&2; exit 1; }
grep -q '^e7: added$' "$T/sq.add" || { echo "FAIL: the hand-made event is not e7: $(cat "$T/sq.add")" >&2; exit 1; }
grep -q '^e2: merged 1 event into it$' "$T/sq.add" || { echo "FAIL: the merge: $(cat "$T/sq.add")" >&2; exit 1; }
if ! diff -u "$T/sq.add" "$T/pg.add"; then
	echo "FAIL: event add and merge give otherwise on PostgreSQL (above: - SQLite, + PostgreSQL)" >&2
	exit 1
fi
# check says on PostgreSQL what it leaves to the server: that line only differs.
grep -v "foreign keys and the archive's invariants checked" "$T/pg" >"$T/pg.cmp"
if ! diff -u "$T/sq" "$T/pg.cmp"; then
	echo "FAIL: the commands give otherwise on PostgreSQL (above: - SQLite, + PostgreSQL)" >&2
	exit 1
fi
grep -q "foreign keys and the archive's invariants checked" "$T/pg" ||
	{ echo "FAIL: check on PostgreSQL does not say what it leaves out" >&2; exit 1; }
echo ok
