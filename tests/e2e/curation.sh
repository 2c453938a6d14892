#!/usr/bin/env bash
# End-to-end: an analyst's corrections last. Curate events of a report,
# replace the report with a corrected version, re-extract with a new
# dictionary: every curation still applies, every id still resolves, and an
# incremental export after each step gives exactly the changes. Then: the
# same text imported with --date corrects the stored report instead of
# copying it, report edit re-dates its events, and kill -9 during
# re-extraction leaves the archive consistent and the curations intact.
#
# Usage (as ctest runs it): bash curation.sh BIN SRCDIR
set -uo pipefail

BIN=${1:?usage: curation.sh BIN SRCDIR}
SRC=${2:?usage: curation.sh BIN SRCDIR}
T=$(mktemp -d "${TMPDIR:-/tmp}/curation.XXXXXX")
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap 'e2e_cleanup; rm -rf "$T"' EXIT
unset COMMUNIQUE_DB
export USER=analyst
FIX=$SRC/tests/data/curation
DB=$(e2e_db "$T/a.db")
failures=0
STEP=""
step() { STEP=$1; echo "# $1"; }
fail() {
	echo "FAIL [$STEP]: $*" >&2
	failures=$((failures + 1))
}
run() { "$BIN" --db "$DB" "$@" >"$T/out" 2>"$T/err"; RC=$?; }
ok() { run "$@"; [ "$RC" -eq 0 ] || fail "'$*' exited $RC: $(cat "$T/err")"; }
# The id of the one event of type $1 (in `events --status all`), or "".
id_of() { "$BIN" --db "$DB" events --status all | awk -v t="$1" '$3 == t { print $1 }' | head -n 1; }
# What an incremental export through cursor $1 writes: "id change" lines, sorted.
changes() {
	"$BIN" --db "$DB" export --format jsonl --since-last "$1" ${2:-} |
		python3 -c 'import json, sys
for line in sys.stdin:
    e = json.loads(line)
    print(e["id"], e.get("change", "-"))' | sort
}
# One field of event $1 in the JSON export (any state: --status all).
field() {
	"$BIN" --db "$DB" export --format json --status all |
		python3 -c 'import json, sys
ev = {e["id"]: e for e in json.load(sys.stdin)["events"]}
e = ev.get(sys.argv[1])
v = e
for k in sys.argv[2].split("."):
    v = None if v is None else (v.get(k) if isinstance(v, dict) else None)
print("MISSING" if e is None else json.dumps(v))' "$1" "$2"
}
expect_eq() { [ "$1" = "$2" ] || fail "$3: got [$1], expected [$2]"; }

step "import, first incremental export"
ok ingest "$FIX/summit_v1.txt"
MEET=$(id_of meeting)
AGREE=$(id_of agreement)
CONDEMN=$(id_of condemnation)
APPEAL=$(id_of appeal)
[ -n "$MEET" ] && [ -n "$AGREE" ] && [ -n "$CONDEMN" ] && [ -n "$APPEAL" ] ||
	fail "the fixture's meeting, agreement, condemnation and appeal were not all extracted"
changes sheet >"$T/c0"
grep -q " new$" "$T/c0" || fail "the first incremental export has no new events"
grep -qv " new$" "$T/c0" && fail "the first incremental export has other changes than new: $(cat "$T/c0")"

step "curate"
ok event edit "$MEET" --date 2023-03-17 --by anna --why "the talks ran into Friday"
ok event delete "$APPEAL" --why "a spokesman's remark, not an appeal to Japan"
ok event verify "$CONDEMN" --by ben
ok event tag "$CONDEMN" missiles
ok event note "$CONDEMN" "Kishida spoke to reporters before the talks"
ok event add --type meeting --participant JPN --participant KOR --date 2023-03-16 --report r1 \
	--evidence "held talks in Tokyo on Thursday" --by anna
HAND=$(sed -n 's/^\(e[0-9]*\): added$/\1/p' "$T/out")
[ -n "$HAND" ] || fail "event add did not print the new id: $(cat "$T/out")"
ok event merge "$MEET" "$HAND" --why "the same talks"
ok event split "$AGREE" --summary "Japan agreed to lift its export curbs on South Korea" --type agreement
SPLIT=$(sed -n 's/.*the second event is \(e[0-9]*\)$/\1/p' "$T/out")
[ -n "$SPLIT" ] || fail "event split did not print the new id: $(cat "$T/out")"
expect_eq "$(field "$MEET" date)" '"2023-03-17"' "the edited date"
expect_eq "$(field "$MEET" curation.fields_set)" '["date"]' "the fields a person set"
expect_eq "$(field "$CONDEMN" curation.verified_by)" '"ben"' "who verified"
expect_eq "$(field "$CONDEMN" curation.tags)" '["missiles"]' "the tag"
# The merged event left the timeline; its source counts for the event it went into.
run events --status all
grep -q "^$HAND " "$T/out" && fail "the merged event $HAND is still in the timeline"
grep -q "^$APPEAL " "$T/out" && fail "the deleted event $APPEAL is still in the timeline"
grep -q "^$SPLIT " "$T/out" || fail "the split event $SPLIT is not in the timeline"
# Full-text search sees the curated summary.
run events --text "export curbs"
grep -q "^$SPLIT " "$T/out" || fail "full-text search does not find the split event's summary"

step "incremental export after curating: exactly the curated events"
changes sheet >"$T/c1"
printf '%s\n' "$MEET changed" "$APPEAL withdrawn" "$CONDEMN changed" "$AGREE changed" "$SPLIT new" | sort >"$T/c1.want"
# The hand-added event was born and merged away since the last export: nobody saw it.
diff "$T/c1.want" "$T/c1" >/dev/null || fail "changes after curating: $(paste -sd, "$T/c1"), want $(paste -sd, "$T/c1.want")"
changes sheet >"$T/c1b"
[ -s "$T/c1b" ] && fail "a second export right after gave changes again: $(cat "$T/c1b")"

step "undo"
run event history "$CONDEMN"
TAGC=$(awk '/ tag "missiles"/ { print $1 }' "$T/out")
[ -n "$TAGC" ] || fail "history does not list the tag: $(cat "$T/out")"
ok event undo "$TAGC" --why "tagged by mistake"
expect_eq "$(field "$CONDEMN" curation.tags)" '[]' "the tag after its undo"
run event undo "$TAGC"
[ "$RC" -eq 1 ] || fail "undoing an undone curation exited $RC, expected 1"
changes sheet >"$T/c2"
expect_eq "$(paste -sd, "$T/c2")" "$CONDEMN changed" "changes after the undo"

step "a corrected version of the report replaces it"
ok ingest "$FIX/summit_v2.txt"
grep -q "replaced 1" "$T/out" || fail "the corrected report did not replace the stored one: $(cat "$T/out")"
for id in "$MEET" "$AGREE" "$CONDEMN" "$SPLIT"; do
	expect_eq "$(field "$id" id)" "\"$id\"" "event $id after the replacement"
done
expect_eq "$(field "$MEET" date)" '"2023-03-17"' "the edited date after the replacement"
expect_eq "$(field "$CONDEMN" curation.verified)" 'true' "the verification after the replacement"
expect_eq "$(field "$APPEAL" id)" 'MISSING' "the deleted event (no longer told) in the timeline"
run event show "$APPEAL"
grep -q "deleted by a person" "$T/out" || fail "the deleted event lost its deletion: $(cat "$T/out")"
grep -q "no report tells it any more" "$T/out" || fail "the deleted event is not shown unsupported"
# The first paragraph changed: the events it tells changed (their evidence), no others.
changes sheet >"$T/c3"
grep -q "^$CONDEMN " "$T/c3" && fail "the unchanged condemnation is reported changed: $(cat "$T/c3")"
grep -q "^$MEET changed" "$T/c3" || fail "the meeting, whose sentence was corrected, is not reported changed"
run check
[ "$RC" -eq 0 ] || fail "check after the replacement: $(cat "$T/out" "$T/err")"

step "re-extract with a new dictionary"
mkdir -p "$T/mine"
printf 'protest\t114\tdir\twithdraw+ ... complaint\n' >"$T/mine/events.tsv"
"$BIN" --db "$DB" --dict "$T/mine" reextract --stale >"$T/out" 2>"$T/err" || fail "reextract --stale: $(cat "$T/err")"
grep -q "re-extracted 1 report" "$T/out" || fail "reextract --stale did not redo the report: $(cat "$T/out")"
grep -q "1 new" "$T/out" || fail "the new dictionary row found no new event: $(cat "$T/out")"
"$BIN" --db "$DB" --dict "$T/mine" reextract --stale >"$T/out" 2>&1
grep -q "re-extracted 0 reports" "$T/out" || fail "a second reextract --stale redid reports: $(cat "$T/out")"
expect_eq "$(field "$MEET" date)" '"2023-03-17"' "the edited date after re-extraction"
expect_eq "$(field "$CONDEMN" curation.verified)" 'true' "the verification after re-extraction"
changes sheet >"$T/c4"
[ "$(wc -l <"$T/c4")" -eq 1 ] && grep -q " new$" "$T/c4" ||
	fail "re-extraction should give exactly one new event: $(paste -sd, "$T/c4")"

step "review lists what needs a person"
ok event add --type threat --source PRK --target JPN --by anna
UNDATED=$(sed -n 's/^\(e[0-9]*\): added$/\1/p' "$T/out")
ok review
grep -q "^$UNDATED *undated" "$T/out" || fail "the undated event is not in the review queue: $(cat "$T/out")"
run events --verified
[ "$(grep -c '^e' "$T/out")" -eq 1 ] && grep -q "^$CONDEMN " "$T/out" || fail "--verified: $(cat "$T/out")"

step "bad input"
run event edit e999999 --date 2020
[ "$RC" -eq 1 ] || fail "editing a missing event exited $RC, expected 1"
run event edit "$MEET" --date 2020-13-01
[ "$RC" -eq 2 ] || fail "a bad date exited $RC, expected 2"
run event edit "$MEET" --source Atlantis
[ "$RC" -eq 2 ] && grep -q "unknown actor 'Atlantis'" "$T/err" || fail "an unknown actor: rc $RC, $(cat "$T/err")"
run event delete "$MEET"
[ "$RC" -eq 2 ] || fail "a deletion without --why exited $RC, expected 2"
run event merge "$MEET" "$MEET"
[ "$RC" -ne 0 ] || fail "merging an event into itself succeeded"

step "ingest --date corrects the stored report instead of copying it"
DB=$(e2e_db "$T/b.db")
# The report without any date: no date line, no date in the dateline.
sed -e '2d' -e 's/^TOKYO, March 16 Kyodo -/TOKYO (Kyodo) -/' "$FIX/summit_v1.txt" >"$T/undated.txt"
ok ingest "$T/undated.txt"
M=$(id_of meeting)
expect_eq "$(field "$M" date)" 'null' "the meeting of the undated report"
ok ingest --date 2023-03-16 "$T/undated.txt"
grep -q "replaced 1" "$T/out" || fail "ingest --date on a stored text: $(cat "$T/out")"
run reports
expect_eq "$(grep -c '^ *r[0-9]' "$T/out" || true)" "1" "reports after ingest --date"
expect_eq "$(field "$M" date)" '"2023-03-16"' "the meeting (same id) dated by --date"
# The same text again without --date keeps the correction.
ok ingest "$T/undated.txt"
grep -q "unchanged 1" "$T/out" || fail "the plain text again undid the correction: $(cat "$T/out")"
expect_eq "$(field "$M" date)" '"2023-03-16"' "the meeting after the plain text again"
# A report's date corrected by hand dates its events anew ("on Thursday").
ok report edit r1 --date 2023-03-24
expect_eq "$(field "$(id_of meeting)" date)" '"2023-03-23"' "the meeting after report edit"
ok ingest "$T/undated.txt"
grep -q "unchanged 1" "$T/out" || fail "the plain text undid report edit: $(cat "$T/out")"

step "kill -9 during re-extraction"
DB=$(e2e_db "$T/k.db")
mkdir -p "$T/many"
for i in $(seq 1 3000); do
	d=$((i % 28 + 1))
	printf 'Kishida and Yoon meet, session %d\n\nTOKYO, March %d, 2023 (Kyodo) - Japanese Prime Minister Fumio Kishida and South Korean President Yoon Suk Yeol held talks in Tokyo on Thursday, session %d. Kishida condemned North Korea over its missile launch.\n' \
		"$i" "$d" "$i" >"$T/many/r$i.txt"
done
ok ingest "$T/many"
FIRST=$(id_of meeting)
ok event edit "$FIRST" --summary "Curated summary that must survive"
ok event verify "$FIRST"
curations=$(e2e_sql "$DB" 'SELECT count(*) FROM curations' 2>/dev/null || echo 2)
landed=0
for k in 1 2 3 4 5 6 7 8; do
	# Every other run with the new dictionary: re-extraction then changes events.
	dict=()
	[ $((k % 2)) -eq 0 ] && dict=(--dict "$T/mine")
	"$BIN" --db "$DB" "${dict[@]}" reextract >/dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v k="$k" -v r="$RANDOM" 'BEGIN { printf "%.3f", 0.03 + k * 0.05 + (r % 30) / 1000 }')"
	kill -9 "$pid" 2>/dev/null && landed=$((landed + 1))
	wait "$pid" 2>/dev/null
	run check
	[ "$RC" -eq 0 ] || fail "check after kill $k: $(cat "$T/out" "$T/err")"
	expect_eq "$(field "$FIRST" summary)" '"Curated summary that must survive"' "the curated summary after kill $k"
done
# Kills that found the run finished prove nothing: most must land during one.
[ "$landed" -ge 3 ] || fail "only $landed of 8 kills landed during a re-extraction"
ok reextract
expect_eq "$(field "$FIRST" summary)" '"Curated summary that must survive"' "the curated summary after the kills"
expect_eq "$(field "$FIRST" curation.verified)" 'true' "the verification after the kills"
if e2e_pg || command -v sqlite3 >/dev/null; then
	expect_eq "$(e2e_sql "$DB" 'SELECT count(*) FROM curations')" "$curations" "curations after the kills"
fi
run check
[ "$RC" -eq 0 ] || fail "check at the end: $(cat "$T/out" "$T/err")"

if [ "$failures" -gt 0 ]; then
	echo "$failures failure(s)" >&2
	exit 1
fi
echo "curation: all passed"
