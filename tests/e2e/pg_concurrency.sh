#!/usr/bin/env bash
# Several writers on one archive at once (issue 15): two `update` runs on
# overlapping sources and a curator tagging an event, all started together;
# the first update killed with -9 in the middle of its batches. The writers
# take turns through the archive's writer lock (docs/postgres.md, "The
# writer lock"): the second update and the curator wait for it (--wait; the
# event subcommands wait 30 s), a writer without --wait is refused with
# exit 4, and the lock of the killed writer is let go. Afterwards: every
# report is there exactly once, no event is doubled or lost (the same
# events as one plain import of the same files), every curation that said
# it was done is there, `check` passes, the killed run shows as such, and
# re-runs of both updates import nothing new.
#
# Runs on an SQLite file always (the lock is a file lock there) and on
# PostgreSQL with the cluster of the ctest fixture pg (COMMUNIQUE_TEST_PG);
# without one, the test says so and exits 77 (skipped) after the SQLite part.
#
# Usage (as ctest runs it): bash pg_concurrency.sh BIN SRCDIR
set -uo pipefail
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$(cd "$2" && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/pg_conc.XXXXXX")
cleanup=
pids=
trap 'for p in $pids; do kill -9 $p 2>/dev/null; done; eval "$cleanup"; rm -rf "$T"' EXIT
unset COMMUNIQUE_DB
fail() { echo "FAIL: $*" >&2; exit 1; }
cd "$T" || exit 1

# 4500 reports in three directories: the first update reads a/ and b/, the
# second b/ and c/ (b/ is read by both, under other source names). Each
# report's text is its own (session N), so each gives events of its own.
N=${PG_CONCURRENCY_FILES:-4500}
mkdir -p inbox/a inbox/b inbox/c
months=(January February March April May June July August September October November December)
for i in $(seq 1 "$N"); do
	d=$(( i % 3 )); d=${d/0/a}; d=${d/1/b}; d=${d/2/c}
	printf 'Lavrov and Wang Yi hold consultations in Moscow, session %d\n\nMOSCOW, %s %d, 2015. /TASS/. Russian Foreign Minister Sergei Lavrov held consultations with his Chinese counterpart Wang Yi in Moscow on Tuesday, session %d of the strategic dialogue, the ministry said.\n' \
		"$i" "${months[$((i % 12))]}" $((i % 28 + 1)) "$i" >"inbox/$d/report-$i.txt"
done
printf '[ab]\nkind = dir\npath = inbox\nagency = TASS\ninclude = a/*.txt b/*.txt\n' >a.conf
printf '[bc]\nkind = dir\npath = inbox\nagency = TASS\ninclude = b/*.txt c/*.txt\n' >b.conf
printf '[all]\nkind = dir\npath = inbox\nagency = TASS\n' >all.conf
SEED=$SRC/tests/data/update/inbox/2015-01/lavrov-kerry-call.txt
TAGS="t1 t2 t3 t4 t5 t6 t7 t8"

# The events of an archive without their ids and report ids: for each
# event, one line with its date, type, actors, summary and number of
# sources, and one line for each source (its headline), sorted. An event
# doubled, or a source counted twice or lost, changes these lines.
events_of() {
	"$BIN" --db "$1" export --format jsonl --status all |
		awk '{
			key = $0; sub(/, "evidence".*/, "", key); sub(/^[{]"id": "e[0-9]*", /, "", key)
			n = 0; s = $0
			while (match(s, /"title": "[^"]*", "url"/)) {
				print key " <- " substr(s, RSTART + 10, RLENGTH - 18); n++
				s = substr(s, RSTART + RLENGTH)
			}
			print key " (" n " sources)"
		}' | sort
}
reports_of() { "$BIN" --db "$1" reports | wc -l; }

# The reference: one plain import of the same files, nobody else writing.
"$BIN" --db ref.db ingest "$SEED" >/dev/null 2>&1 || fail "reference: ingest"
"$BIN" --db ref.db update --sources all.conf >/dev/null 2>ref.err || fail "reference: update: $(cat ref.err)"
events_of ref.db >ref.events
[ "$(grep -c " <- " ref.events)" -eq $((N + 1)) ] || fail "reference: $(grep -c " <- " ref.events) sources"
[ -z "$(uniq -d ref.events)" ] || fail "reference: events listed twice"

# The scenario on archive $1 (a file or a URI), named $2 in messages.
scenario() {
	local db=$1 name=$2 w=$T/$2
	mkdir -p "$w"
	"$BIN" --db "$db" ingest "$SEED" >/dev/null 2>"$w/err" || fail "$name: ingest: $(cat "$w/err")"
	local ev
	ev=$("$BIN" --db "$db" events | awk '/^e[0-9]/ { print $1; exit }')
	[ -n "$ev" ] || fail "$name: the seed report gave no event"

	# The first update, in small batches, so that a kill lands mid-batch.
	"$BIN" --db "$db" update --sources a.conf --batch 25 >"$w/a.out" 2>"$w/a.err" &
	local a=$!
	pids="$pids $a"
	# Until it has committed batches (bounded: a slow machine still goes on).
	local i n
	for i in $(seq 600); do
		n=$(reports_of "$db")
		[ "$n" -gt 100 ] && break
		kill -0 $a 2>/dev/null || break
		sleep 0.05
	done
	kill -0 $a 2>/dev/null || fail "$name: the first update ended before the others started ($(cat "$w/a.err"))"

	# The second update and the curator, at once: both wait for the lock.
	"$BIN" --db "$db" update --sources b.conf --wait 300 >"$w/b.out" 2>"$w/b.err" &
	local b=$!
	pids="$pids $b"
	(
		for t in $TAGS; do
			# The event subcommands wait 30 s for the lock, then exit 4:
			# tried again until done; anything else is a failure.
			for _ in $(seq 20); do
				"$BIN" --db "$db" event tag "$ev" "$t" --by curator >>"$w/cur.out" 2>>"$w/cur.err"
				rc=$?
				[ $rc -eq 0 ] && { echo "$t" >>"$w/cur.done"; break; }
				[ $rc -eq 4 ] || { echo "tag $t: exit $rc" >>"$w/cur.err"; exit 1; }
			done
		done
	) &
	local cur=$!
	pids="$pids $cur"

	# A third writer without --wait is refused at once while the first runs.
	local start rc
	start=$(date +%s)
	"$BIN" --db "$db" update --sources b.conf >"$w/c.out" 2>"$w/c.err"
	rc=$?
	if kill -0 $a 2>/dev/null; then
		[ $rc -eq 4 ] || fail "$name: a writer without --wait while another runs: exit $rc ($(cat "$w/c.err"))"
		grep -q "another update is running" "$w/c.err" || fail "$name: the refusal says: $(cat "$w/c.err")"
		[ $(( $(date +%s) - start )) -le 30 ] || fail "$name: the refused writer did not exit at once"
	fi

	# kill -9 of the first update in the middle of its batches.
	n=$(reports_of "$db")
	local m
	for i in $(seq 400); do
		m=$(reports_of "$db")
		[ "$m" -gt $((n + 60)) ] && break
		kill -0 $a 2>/dev/null || break
		sleep 0.02
	done
	kill -9 $a 2>/dev/null || fail "$name: the first update ended before it was killed"
	wait $a 2>/dev/null
	m=$(reports_of "$db")
	[ "$m" -lt $((N + 1)) ] || fail "$name: the first update had imported everything when killed"
	echo "$name: first update killed after $((m - 1)) reports"

	wait $b; rc=$?
	[ $rc -eq 0 ] || fail "$name: the second update: exit $rc ($(cat "$w/b.err"))"
	wait $cur || fail "$name: the curator: $(cat "$w/cur.err")"
	pids=

	# The first update again: it does what the killed run did not.
	"$BIN" --db "$db" update --sources a.conf --summary >"$w/a2.out" 2>"$w/a2.err" ||
		fail "$name: the first update again: $(cat "$w/a2.err")"
	# Exactly once: every report, every event, every curation.
	[ "$(reports_of "$db")" -eq $((N + 1)) ] || fail "$name: $(reports_of "$db") reports, expected $((N + 1))"
	local dups
	dups=$("$BIN" --db "$db" reports | awk '{ $1 = ""; print }' | sort | uniq -d | head -n 3)
	[ -z "$dups" ] || fail "$name: reports stored twice: $dups"
	events_of "$db" >"$w/events"
	cmp -s ref.events "$w/events" ||
		{ diff ref.events "$w/events" | head -n 10; fail "$name: not the events of one plain import"; }
	[ "$(sort "$w/cur.done" | tr '\n' ' ')" = "$TAGS " ] || fail "$name: the curator did $(tr '\n' ' ' <"$w/cur.done")"
	"$BIN" --db "$db" event history "$ev" >"$w/history" 2>&1 || fail "$name: event history: $(cat "$w/history")"
	for t in $TAGS; do
		[ "$(grep -c "tag \"$t\"" "$w/history")" -eq 1 ] || { cat "$w/history"; fail "$name: tag $t is not there once"; }
	done
	"$BIN" --db "$db" check >"$w/check" 2>&1 || { cat "$w/check"; fail "$name: check fails"; }
	"$BIN" --db "$db" runs --last 0 >"$w/runs" 2>&1
	grep -q "did not finish" "$w/runs" || { cat "$w/runs"; fail "$name: the killed run is not shown as such"; }
	# A re-run of each imports nothing new.
	for conf in a.conf b.conf; do
		"$BIN" --db "$db" update --sources $conf --summary >"$w/again" 2>&1 ||
			fail "$name: $conf again: $(cat "$w/again")"
		grep -q "imported 0, replaced 0, unchanged [0-9]*, failed 0" "$w/again" ||
			{ cat "$w/again"; fail "$name: a re-run of $conf imported something"; }
	done
	echo "$name: ok"
}

scenario "$T/archive.db" sqlite

[ -n "${COMMUNIQUE_TEST_PG:-}" ] || { echo "skipped: the PostgreSQL part (COMMUNIQUE_TEST_PG is not set)"; exit 77; }
PSQL=psql
[ -n "${PG_BINDIR:-}" ] && [ -x "$PG_BINDIR/psql" ] && PSQL=$PG_BINDIR/psql
command -v "$PSQL" >/dev/null || { echo "skipped: psql is not installed"; exit 77; }
NAME=pgconc_$$
BASE=$COMMUNIQUE_TEST_PG
URI=${BASE/\/communique\?/\/$NAME?}
[ "$URI" != "$BASE" ] || fail "cannot name a database in '$BASE'"
"$PSQL" -qAt "$BASE" -c "CREATE DATABASE $NAME" >/dev/null || fail "CREATE DATABASE"
cleanup='"$PSQL" -qAt "$BASE" -c "DROP DATABASE IF EXISTS $NAME WITH (FORCE)" >/dev/null'
scenario "$URI" postgresql
echo ok
