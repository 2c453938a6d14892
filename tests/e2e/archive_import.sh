#!/usr/bin/env bash
# End-to-end: importing the bundled samples into a fresh archive, as the
# README's quick start does. Proves that every sample goes in with its
# metadata (agency, UTC publication time, title, url), that re-importing is
# idempotent, and that a corrected copy of a report replaces the stored one
# together with its events.
#
# Usage (ctest does this): bash archive_import.sh BIN SRCDIR
# Needs only bash and coreutils: no python, no jq.
set -euo pipefail

BIN=${1:?usage: archive_import.sh BIN SRCDIR}
SRC=${2:?usage: archive_import.sh BIN SRCDIR}
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
# Runs a command, keeping stdout, stderr and the exit code for the checks.
run() {
	set +e
	"$@" >"$T/out" 2>"$T/err"
	RC=$?
	set -e
}
expect_rc() { [ "$RC" -eq "$1" ] || fail "expected exit code $1, got $RC"; }
expect_out() { grep -Eq -- "$1" "$T/out" || fail "stdout lacks /$1/"; }
expect_no_out() { ! grep -Eq -- "$1" "$T/out" || fail "stdout has /$1/ but should not"; }
expect_err() { grep -Eq -- "$1" "$T/err" || fail "stderr lacks /$1/"; }
# The objects of a pretty-printed JSON array (`reports --json`), one per line.
json_objects() { awk '/^  \{/ { o = ""; next } /^  \}/ { print o; next } { o = o $0 }' "$1"; }
event_count() {
	"$BIN" --db "$DB" export --format jsonl --status all >"$T/events.jsonl" ||
		fail "export --format jsonl failed"
	grep -c '^{' "$T/events.jsonl" || true
}

# The samples, less their README (the quick start's own note, not a report).
mkdir "$T/samples"
for f in "$SRC"/samples/*; do
	[ "$(basename "$f")" = README.md ] || cp "$f" "$T/samples/"
done
# 13 single-report files (.txt, .html, NITF), a 3-item RSS feed and a 3-row CSV table.
EXPECTED=19
n_files=$(find "$T/samples" -type f | wc -l)
[ "$n_files" -ge 14 ] || fail "samples/ holds only $n_files files"

step "first import of samples/"
run "$BIN" --db "$DB" ingest "$T/samples"
expect_rc 0
[ "$(wc -l <"$T/out")" -eq 1 ] || fail "ingest should print exactly one summary line"
expect_out "^imported $EXPECTED, unchanged 0, replaced 0, failed 0\$"
! grep -q 'error:' "$T/err" || fail "a sample was refused"

step "reports --json lists every sample with its metadata"
run "$BIN" --db "$DB" reports --json
expect_rc 0
json_objects "$T/out" >"$T/reports.lines"
[ "$(wc -l <"$T/reports.lines")" -eq "$EXPECTED" ] ||
	fail "reports --json has $(wc -l <"$T/reports.lines") reports, expected $EXPECTED"
iso='"published": "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z"'
while IFS= read -r obj; do
	title=$(printf '%s' "$obj" | sed -n 's/.*"title": "\([^"]*\)".*/\1/p')
	for re in '"id": "r[0-9]+"' '"agency": "[^"]+"' "$iso" '"title": "[^"]+"' '"url": ' \
		'"events": [0-9]+'; do
		printf '%s' "$obj" | grep -Eq -- "$re" || fail "report '$title' lacks /$re/"
	done
done <"$T/reports.lines"
# Returns the one report object whose title holds $1.
report_with() {
	local obj
	obj=$(grep -F -- "\"title\": \"$1" "$T/reports.lines") || fail "no report titled '$1...'"
	[ "$(printf '%s\n' "$obj" | wc -l)" -eq 1 ] || fail "several reports titled '$1...'"
	printf '%s' "$obj"
}
has() { printf '%s' "$1" | grep -Fq -- "$2" || fail "report '${1:0:80}...' lacks $2"; }
# TASS page: "December 16, 2016, 13:45 UTC+3 TOKYO" is 10:45 UTC.
o=$(report_with "Putin, Abe agree")
has "$o" '"agency": "TASS"'
has "$o" '"published": "2016-12-16T10:45:00Z"'
has "$o" '"published_precision": "time"'
has "$o" '"utc_offset_minutes": 180'
has "$o" '"place": "TOKYO"'
has "$o" '"format": "text"'
# Reuters page: a time without a zone gives the day only.
o=$(report_with "Russia to expel 60 U.S. diplomats")
has "$o" '"agency": "Reuters"'
has "$o" '"published": "2018-03-29T00:00:00Z"'
has "$o" '"published_precision": "day"'
# Readout and UN release: issuers, no city dateline.
has "$(report_with "Secretary Blinken's Call")" '"agency": "US State Department"'
has "$(report_with "General Assembly Overwhelmingly")" '"agency": "United Nations"'
has "$(report_with "China announces sanctions on Pelosi")" '"agency": "Xinhua"'
# Web page: JSON-LD time with its offset, canonical URL.
o=$(report_with "Finland becomes NATO")
has "$o" '"published": "2023-04-04T16:05:00Z"'
has "$o" '"utc_offset_minutes": 120'
has "$o" '"url": "https://news.example.org/europe/2023/04/finland-joins-nato"'
has "$o" '"format": "html"'
# NITF: date.issue 20221114T214500+0800.
o=$(report_with "Biden and Xi meet")
has "$o" '"published": "2022-11-14T13:45:00Z"'
has "$o" '"agency": "AP"'
has "$o" '"format": "nitf"'
# RSS: three items, each with its own link.
[ "$(grep -c '"format": "rss"' "$T/reports.lines")" -eq 3 ] || fail "the feed should give 3 reports"
o=$(report_with "Seoul condemns N. Korea")
has "$o" '"url": "https://en.yna.example.org/view/AEN20221118006851315"'
has "$o" '"published": "2022-11-18T07:05:00Z"'
# CSV: three rows; "ITAR-TASS" and "Associated Press" canonicalised.
[ "$(grep -c '"format": "csv"' "$T/reports.lines")" -eq 3 ] || fail "the table should give 3 reports"
o=$(report_with "Medvedev recognises")
has "$o" '"agency": "TASS"'
has "$o" '"published": "2008-08-26T11:10:00Z"'
has "$(report_with "U.S., EU impose sanctions")" '"agency": "AP"'

step "the samples give events"
events_before=$(event_count)
[ "$events_before" -ge "$EXPECTED" ] || fail "only $events_before events from $EXPECTED reports"
grep -q '"status": "planned"' "$T/events.jsonl" || fail "no planned event (Kishida 'will visit')"
grep -q '"status": "negated"' "$T/events.jsonl" || fail "no negated event ('will not visit')"

step "plain listing"
run "$BIN" --db "$DB" reports
expect_rc 0
[ "$(wc -l <"$T/out")" -eq "$EXPECTED" ] || fail "reports should print one line per report"
expect_out '^r[0-9]+ +TASS +2016-12-16T10:45:00Z +Putin, Abe agree'

step "re-import: everything unchanged"
run "$BIN" --db "$DB" ingest "$T/samples"
expect_rc 0
expect_out "^imported 0, unchanged $EXPECTED, replaced 0, failed 0\$"
[ "$(event_count)" -eq "$events_before" ] || fail "re-import changed the number of events"
# Whitespace-only changes (trailing blanks, CRLF, doubled blank lines) do not
# make a new version either.
mkdir "$T/ws"
sed 's/^$/\n/; s/$/  \r/' "$T/samples/afp_france_recalls_ambassadors_2021.txt" >"$T/ws/afp.txt"
run "$BIN" --db "$DB" ingest "$T/ws/afp.txt"
expect_rc 0
expect_out '^imported 0, unchanged 1, replaced 0, failed 0$'

step "a corrected report replaces the stored one and its events"
mkdir "$T/corrected"
orig=$T/samples/tass_lavrov_blinken_call_2022.txt
new=$T/corrected/tass_lavrov_blinken_call_2022.txt
# The call's own sentence, reworded: the phone call is found again, from the new wording.
old_sentence="held a telephone conversation with US Secretary of State Antony Blinken on Friday at the American side's request"
new_sentence='held a telephone conversation with US Secretary of State Antony Blinken on Friday at the request of the American side'
grep -qF "$old_sentence" "$orig" || fail "the TASS sample lost its opening sentence"
sed "s/$old_sentence/$new_sentence/" "$orig" >"$new"
grep -qF "$new_sentence" "$new" || fail "the corrected copy was not made"
grep -qF "$old_sentence" "$T/events.jsonl" || fail "the call's sentence gave no event before correction"
id=$(grep -F '"title": "Lavrov, Blinken hold first phone' "$T/reports.lines" |
	sed -n 's/.*"id": "\(r[0-9]*\)".*/\1/p')
[ -n "$id" ] || fail "no id for the TASS report"
run "$BIN" --db "$DB" ingest "$new"
expect_rc 0
expect_out '^imported 0, unchanged 0, replaced 1, failed 0$'
run "$BIN" --db "$DB" reports --json
json_objects "$T/out" >"$T/reports.lines"
[ "$(wc -l <"$T/reports.lines")" -eq "$EXPECTED" ] || fail "replacement changed the number of reports"
o=$(report_with "Lavrov, Blinken hold first phone")
has "$o" "\"id\": \"$id\""
has "$o" '"version": 2'
has "$o" '"published": "2022-07-29T16:20:00Z"'
events_after=$(event_count)
! grep -qF "$old_sentence" "$T/events.jsonl" || fail "an event of the replaced text survived"
grep -qF "$new_sentence" "$T/events.jsonl" || fail "no event from the corrected text"
if [ "$events_after" -gt "$events_before" ] || [ "$events_after" -lt $((events_before - 4)) ]; then
	fail "events went from $events_before to $events_after after replacing one report"
fi
run "$BIN" --db "$DB" show "$id"
expect_rc 0
expect_out "^id: +$id \\(version 2\\)"
expect_out '^title: +Lavrov, Blinken hold first phone conversation since February$'
expect_out '^agency: +TASS$'
expect_out '^published: +2022-07-29T16:20:00Z'
grep -qF "$new_sentence" "$T/out" || fail "show does not print the corrected sentence"
! grep -qF "$old_sentence" "$T/out" || fail "show still prints the replaced sentence"
# And the corrected version is now the one that is unchanged.
run "$BIN" --db "$DB" ingest "$new"
expect_out '^imported 0, unchanged 1, replaced 0, failed 0$'

step "show of a report that does not exist"
run "$BIN" --db "$DB" show r99999
expect_rc 1
expect_err "r99999"

echo "archive_import: all checks passed"
