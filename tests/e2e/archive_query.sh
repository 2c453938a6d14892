#!/usr/bin/env bash
# End-to-end: reading the sample archive back. Proves that events, actors
# and topics answer on the samples (with their filters), that every export
# format runs, that the JSON export is well-formed, that `export -o FILE`
# writes the same bytes as standard output and leaves no temporary file, and
# that a write error (a full disk) is an error.
#
# Usage (ctest does this): bash archive_query.sh BIN SRCDIR
# Needs only bash and coreutils; uses python3 to parse JSON when present.
set -euo pipefail

BIN=${1:?usage: archive_query.sh BIN SRCDIR}
SRC=${2:?usage: archive_query.sh BIN SRCDIR}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/communique-e2e.XXXXXX")
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap 'e2e_cleanup; rm -rf "$T"' EXIT
export SOURCE_DATE_EPOCH=1700000000
DB=$(e2e_db "$T/archive.db")
STEP=

fail() {
	echo "FAIL [$STEP]: $*" >&2
	for f in out err; do
		if [ -s "$T/$f" ]; then
			echo "--- std$f of the last command:" >&2
			head -n 40 "$T/$f" >&2
		fi
	done
	exit 1
}
step() { STEP=$1; echo "# $1"; }
run() {
	set +e
	"$@" >"$T/out" 2>"$T/err"
	RC=$?
	set -e
}
expect_rc() { [ "$RC" -eq "$1" ] || fail "expected exit code $1, got $RC"; }
expect_out() { grep -Eq -- "$1" "$T/out" || fail "stdout lacks /$1/"; }
expect_no_out() { ! grep -Eq -- "$1" "$T/out" || fail "stdout has /$1/ but should not"; }
expect_err() { grep -Eqi -- "$1" "$T/err" || fail "stderr lacks /$1/"; }
# Lines of `events` that open an event (the summary lines are indented),
# without the event id that opens each.
event_lines() { grep -v '^ ' "$T/out" | sed -E 's/^e[0-9]+ +//' || true; }
# An event line of `events` dated $1, of type $2, holding every further
# argument ("Fumio Kishida/JPN", "[planned]"), in any order: the extractor
# may list parties differently from one version to the next.
expect_event() {
	local date=$1 type=$2 lines a
	shift 2
	lines=$(event_lines | grep -E "^$date +$type( |\$)" || true)
	for a in "$@"; do
		lines=$(printf '%s\n' "$lines" | grep -F -- "$a" || true)
	done
	[ -n "$lines" ] || fail "no $type event on $date with $*"
}
# Checks that a file is one JSON value: parsed by python3 when there is one,
# else its first and last non-blank bytes must match $2 and $3.
json_ok() {
	if command -v python3 >/dev/null; then
		python3 -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$1" ||
			fail "$1 is not valid JSON"
	else
		local first last
		first=$(tr -d ' \t\r\n' <"$1" | head -c 1)
		last=$(tr -d ' \t\r\n' <"$1" | tail -c 1)
		if [ "$first" != "$2" ] || [ "$last" != "$3" ]; then
			fail "$1 does not look like JSON ($first...$last)"
		fi
	fi
}

step "import the samples"
run "$BIN" --db "$DB" ingest "$SRC/samples"
# samples/README.md may or may not count as a report: both are fine here.
[ "$RC" -eq 0 ] || fail "ingest of samples/ exited $RC"

step "events"
run "$BIN" --db "$DB" events
expect_rc 0
n_all=$(event_lines | wc -l)
[ "$n_all" -ge 20 ] || fail "only $n_all events from the samples"
# Every event line opens with the id 'communique event' takes, and names its first source.
[ "$(grep -v '^ ' "$T/out" | grep -cEv '^e[0-9]+ ')" -eq 0 ] || fail "an event line lacks its id"
[ "$(grep -cE '^ +\(.+ r[0-9]+: ' "$T/out")" -eq "$n_all" ] ||
	fail "not every event names its first source (agency, report, headline)"
# The same events as TSV for pipelines: a header, then one row each, ten cells.
run "$BIN" --db "$DB" events --format tsv
expect_rc 0
head -n 1 "$T/out" | grep -q $'^id\tdate\ttype\tstatus' || fail "events --format tsv has no header"
[ "$(tail -n +2 "$T/out" | wc -l)" -eq "$n_all" ] || fail "events --format tsv has not one row per event"
[ "$(tail -n +2 "$T/out" | awk -F '\t' 'NF != 10' | wc -l)" -eq 0 ] || fail "a TSV row has not 10 cells"
run "$BIN" --db "$DB" events --format xml
[ "$RC" -eq 2 ] || fail "events --format xml exited $RC, expected 2"
run "$BIN" --db "$DB" events
# Date order: the 2008 Georgia rows first, undated events (if any) last.
event_lines | head -n 1 | grep -q '^2008-08-' || fail "the first event is not from August 2008"
event_lines | grep -v '^undated' | cut -c1-10 >"$T/dates"
sort -c "$T/dates" 2>/dev/null || fail "events are not in date order"
# A few events the samples state plainly.
expect_event 2022-07-29 phone_call 'Sergei Lavrov/RUS' 'Antony Blinken/USA'
expect_event 2022-12-02 sanctions 'South Korea/KOR' '-> North Korea/PRK'
expect_event 2015-12-28 visit '[planned]' 'Fumio Kishida/JPN' '-> South Korea/KOR'
expect_event 2008-08-29 expulsion 'Georgia/GEO' '-> Russia/RUS'
# Several targets: one arrow, then commas (an arrow each would read as a chain).
# The headline "U.S., EU impose sanctions" joins two acts the body tells
# apart: two events.
expect_event 2014-03-17 sanctions 'Barack Obama/USA -> Russia/RUS, Ukraine/UKR'
expect_event 2014-03-17 sanctions 'European Union/EU -> Russia/RUS, Ukraine/UKR'
# Negated events are left out unless asked for.
expect_no_out 'negated'
run "$BIN" --db "$DB" events --status negated
expect_rc 0
expect_event 2021-12-24 visit '[negated]' 'Fumio Kishida/JPN' '-> China/CHN'
if event_lines | grep -qv '\[negated\]'; then
	fail "--status negated let other events through"
fi
run "$BIN" --db "$DB" events --status all
n_every=$(event_lines | wc -l)
[ "$n_every" -gt "$n_all" ] || fail "--status all should add the negated events"

step "event filters"
run "$BIN" --db "$DB" events --type phone_call --between 'Sergei Lavrov' 'Antony Blinken'
expect_rc 0
[ "$(event_lines | wc -l)" -eq 1 ] || fail "one Lavrov-Blinken call expected"
expect_out '^e[0-9]+ +2022-07-29 '
# An alias finds the person; a state's name finds its people too.
run "$BIN" --db "$DB" events --actor 'Sergey Lavrov' --type phone_call
expect_rc 0
expect_out '^e[0-9]+ +2022-07-29 +phone_call'
run "$BIN" --db "$DB" events --actor JPN --from 2015 --to 2015-12
expect_rc 0
[ "$(event_lines | wc -l)" -ge 2 ] || fail "Japan's 2015 events missing"
event_lines | grep -qv '^2015-' && fail "--from 2015 --to 2015-12 let other years through"
run "$BIN" --db "$DB" events --actor 'Fumio Kishida' --limit 2
expect_rc 0
[ "$(event_lines | wc -l)" -eq 2 ] || fail "--limit 2 did not give 2 events"
run "$BIN" --db "$DB" events --agency Yonhap --type sanctions
expect_rc 0
expect_out '^e[0-9]+ +2022-12-02 +sanctions'
expect_no_out '^20(0|1)'
run "$BIN" --db "$DB" events --text 'telephone'
expect_rc 0
expect_out '^e[0-9]+ +2022-07-29 '
run "$BIN" --db "$DB" events --topic sanctions --type sanctions --from 2022 --to 2022
expect_rc 0
event_lines | grep -qv '^2022-' && fail "--from 2022 --to 2022 let other years through"

step "types, and filters that cannot match"
run "$BIN" --db "$DB" types
expect_rc 0
expect_out '^phone_call +041 +mutual +Phone call +[1-9]'
expect_out '^visit +042 +directed '
run "$BIN" --db "$DB" events --type help
expect_rc 0
expect_out '^sanctions +163 '
run "$BIN" --db "$DB" events --from 2016 --to 2015
expect_rc 2
expect_err 'after --to'
run "$BIN" --db "$DB" events --agency 'Kyodo News'
expect_rc 0
expect_err "no report of agency 'Kyodo News'.*did you mean 'Kyodo'"

step "actors"
run "$BIN" --db "$DB" actors --search Kishida
expect_rc 0
expect_out '^ +[0-9]+ +JPN +person +Fumio Kishida$'
[ "$(wc -l <"$T/out")" -eq 1 ] || fail "--search Kishida should find one actor"
run "$BIN" --db "$DB" actors --search 'no such actor at all'
expect_rc 0
[ ! -s "$T/out" ] || fail "an impossible search found actors"
run "$BIN" --db "$DB" actors
expect_rc 0
expect_out ' RUS +state +Russia$'
expect_out ' USA +person +Antony Blinken$'
# Most present first.
sed 's/^ *\([0-9]*\).*/\1/' "$T/out" >"$T/counts"
sort -rn -c "$T/counts" 2>/dev/null || fail "actors are not sorted by count"

step "topics"
run "$BIN" --db "$DB" topics
expect_rc 0
expect_out '^ +[0-9]+ +topic +sanctions$'
sed 's/^ *\([0-9]*\).*/\1/' "$T/out" >"$T/counts"
sort -rn -c "$T/counts" 2>/dev/null || fail "topics are not sorted by count"

step "export formats"
for f in csv json jsonl html timelinejs markdown icews; do
	run "$BIN" --db "$DB" export --format "$f"
	expect_rc 0
	[ -s "$T/out" ] || fail "export --format $f wrote nothing"
done
run "$BIN" --db "$DB" export --format json
cp "$T/out" "$T/export.json"
json_ok "$T/export.json" '{' '}'
grep -q '"events": \[' "$T/export.json" || fail "the JSON export has no events array"
n_json=$(grep -c '"id": "e[0-9]*"' "$T/export.json" || true)
[ "$n_json" -eq "$n_all" ] || fail "JSON export has $n_json events, events listed $n_all"
run "$BIN" --db "$DB" export --format timelinejs
cp "$T/out" "$T/timeline.json"
json_ok "$T/timeline.json" '{' '}'
run "$BIN" --db "$DB" export --format jsonl
if command -v python3 >/dev/null; then
	python3 -c 'import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    json.loads(line)' "$T/out" || fail "a JSONL line is not JSON"
fi
[ "$(grep -c '^{.*}$' "$T/out")" -eq "$n_all" ] || fail "JSONL lines do not match the events"

step "export -o writes the file atomically"
mkdir "$T/outdir"
run "$BIN" --db "$DB" export --format json -o "$T/outdir/timeline.json"
expect_rc 0
[ ! -s "$T/out" ] || fail "export -o also wrote to stdout"
cmp -s "$T/outdir/timeline.json" "$T/export.json" || fail "export -o and stdout differ"
[ "$(ls -A "$T/outdir")" = timeline.json ] || fail "export -o left other files: $(ls -A "$T/outdir")"
# Over an existing file, too.
run "$BIN" --db "$DB" export --format csv -o "$T/outdir/timeline.json"
expect_rc 0
[ "$(ls -A "$T/outdir")" = timeline.json ] || fail "export -o left other files: $(ls -A "$T/outdir")"
# Into a directory that does not exist: an error, and nothing is created.
run "$BIN" --db "$DB" export --format json -o "$T/nowhere/timeline.json"
expect_rc 3
expect_err 'nowhere'
[ ! -e "$T/nowhere" ] || fail "export -o created a directory"

step "writing to a full disk is an error"
if [ -w /dev/full ]; then
	for cmd in "export --format json" "export --format csv" events reports "reports --json" actors topics; do
		set +e
		# shellcheck disable=SC2086 # $cmd is a command and its arguments
		"$BIN" --db "$DB" $cmd >/dev/full 2>"$T/err"
		RC=$?
		set -e
		[ "$RC" -ne 0 ] || fail "'$cmd > /dev/full' exited 0"
		expect_err 'write|space'
	done
else
	echo "# SKIP [$STEP]: no /dev/full"
fi

step "stats: ties in the order of the names' bytes"
# (Capitals first, as SQLite compares: whatever a server's collation says.)
run "$BIN" --db "$DB" stats
expect_rc 0
sed -n '/^by agency/,/^$/p' "$T/out" | grep -E '^  (US State Department|United Nations) ' | awk '{ print $1 }' >"$T/ties"
[ "$(tr '\n' ' ' <"$T/ties")" = "US United " ] || fail "stats: the agencies of one count not in byte order: $(cat "$T/ties")"

echo "archive_query: all checks passed"
