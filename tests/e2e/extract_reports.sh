# End-to-end extraction: imports saved agency reports in TASS, Reuters and
# Xinhua styles and a Reuters wire (tests/data/extract/*.txt) into a fresh archive and checks
# that the JSON timeline holds the events each report tells: type, date,
# status and the parties' codes and roles.
#
# Usage (as ctest runs it): bash extract_reports.sh BIN SRCDIR
set -euo pipefail

BIN=${1:?usage: extract_reports.sh BIN SRCDIR}
SRC=${2:?usage: extract_reports.sh BIN SRCDIR}
DATA=$SRC/tests/data/extract

WORK=$(mktemp -d "${TMPDIR:-/tmp}/extract_reports.XXXXXX")
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap 'e2e_cleanup; rm -rf "$WORK"' EXIT
unset COMMUNIQUE_DB
DB=$(e2e_db "$WORK/archive.db")
failures=0

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# One event per line, whatever the export's layout: newlines and runs of
# spaces removed, a line break before each event's "id".
events_of() {
	tr -d '\n' <"$1" | tr -s ' ' | sed 's/{ *"id": *"/\n&/g' | grep '"id"' || true
}

# expect_event FILE DATE TYPE STATUS [CODE:ROLE]...
# FILE holds an event of TYPE dated DATE with STATUS and an actor of each
# CODE in ROLE (source, target, participant).
expect_event() {
	local file=$1 date=$2 type=$3 status=$4
	shift 4
	local lines
	lines=$(events_of "$file" |
		grep -E "\"date\": *\"$date\"" |
		grep -E "\"type\": *\"$type\"" |
		grep -E "\"status\": *\"$status\"" || true)
	local party code role
	for party in "$@"; do
		code=${party%%:*}
		role=${party#*:}
		lines=$(printf '%s\n' "$lines" |
			grep -E "\{[^{}]*(\"code\": *\"$code\"[^{}]*\"role\": *\"$role\"|\"role\": *\"$role\"[^{}]*\"code\": *\"$code\")[^{}]*\}" ||
			true)
	done
	if [ -z "$lines" ]; then
		fail "no $status $type event on $date with $* in $(basename "$file")"
		events_of "$file" | cut -c1-400 >&2
	fi
}

# expect_absent FILE PATTERN: no event line matches the extended regex.
expect_absent() {
	if events_of "$1" | grep -qE "$2"; then
		fail "$(basename "$1") has an event matching $2"
	fi
}

# ---- import -----------------------------------------------------------------

"$BIN" --db "$DB" ingest "$DATA"/*.txt >"$WORK/ingest.out" 2>"$WORK/ingest.err" ||
	fail "ingest exited $?: $(cat "$WORK/ingest.err")"
grep -q 'imported 5' "$WORK/ingest.out" || fail "ingest did not import 5 reports: $(cat "$WORK/ingest.out")"
# The Xinhua dateline has no year: the archive says where it took one from.
grep -q 'inferred' "$WORK/ingest.err" || fail "no warning about the inferred year: $(cat "$WORK/ingest.err")"

"$BIN" --db "$DB" export --format json --status all >"$WORK/all.json"
grep -qE '"version": *1' "$WORK/all.json" || fail "export is not version 1 JSON"

# ---- TASS, Geneva, 10 September 2016: met and agreed "on Friday" -------------

expect_event "$WORK/all.json" 2016-09-09 meeting occurred RUS:participant USA:participant
expect_event "$WORK/all.json" 2016-09-09 agreement occurred RUS:participant USA:participant
events_of "$WORK/all.json" | grep -E '"type": *"meeting"' | grep -q '"name": *"Sergei Lavrov"' ||
	fail "the Geneva meeting does not name Sergei Lavrov"
events_of "$WORK/all.json" | grep -E '"type": *"meeting"' | grep -q '"name": *"John Kerry"' ||
	fail "the Geneva meeting does not name John Kerry"
# The second paragraph's "the meeting" is the same meeting.
n=$(events_of "$WORK/all.json" | grep -E '"date": *"2016-09-09"' | grep -cE '"type": *"meeting"' || true)
[ "$n" = 1 ] || fail "the Geneva meeting is told $n times"

# ---- Reuters, Warsaw, 23 March 2022 -----------------------------------------

expect_event "$WORK/all.json" 2022-03-23 expulsion occurred POL:source RUS:target
events_of "$WORK/all.json" | grep -E '"type": *"expulsion"' | grep -qE '"cameo": *"161"' ||
	fail "the expulsion is not CAMEO 161"

# ---- Xinhua, Beijing, "Aug. 24" (2023 by Kishida, Wang Yi and the Thursday) --

expect_event "$WORK/all.json" 2023-08-24 protest occurred CHN:source JPN:target
events_of "$WORK/all.json" | grep -E '"type": *"protest"' | grep -qE '"agency": *"Xinhua"' ||
	fail "the protest is not sourced to Xinhua"

# ---- TASS, Washington, 18 January 2022: a plan and a refusal ----------------

expect_event "$WORK/all.json" 2022-01-19 visit planned USA:source UKR:target
expect_event "$WORK/all.json" '[0-9-]*' meeting negated USA:participant RUS:participant

# ---- Reuters, Washington, 19 October 1987: "is here on a visit" -------------
# The journey ends where the report was filed: the dateline's state is the host.

expect_event "$WORK/all.json" '1987-10-19' visit occurred SAU:source USA:target

# ---- a ministry named without its state, in a report without a dateline --------
# "the Foreign Ministry" is then the state of the issuer given with --agency.

"$BIN" --db "$(e2e_db "$WORK/issuer.db")" ingest --agency KCNA "$DATA/issuer/kcna_statement.txt" >/dev/null 2>&1 ||
	fail "ingest --agency KCNA failed"
"$BIN" --db "$(e2e_db "$WORK/issuer.db")" export --format json >"$WORK/issuer.json"
expect_event "$WORK/issuer.json" 2016-12-01 condemnation occurred PRK:source USA:target

# ---- the default timeline leaves negated events out --------------------------

"$BIN" --db "$DB" export --format json >"$WORK/default.json"
expect_absent "$WORK/default.json" '"status": *"negated"'
expect_event "$WORK/default.json" 2022-01-19 visit planned USA:source UKR:target
expect_event "$WORK/default.json" 2016-09-09 meeting occurred RUS:participant USA:participant

# ---- filters ------------------------------------------------------------------

"$BIN" --db "$DB" export --format json --status all --type expulsion,protest >"$WORK/typed.json"
expect_event "$WORK/typed.json" 2022-03-23 expulsion occurred POL:source RUS:target
expect_event "$WORK/typed.json" 2023-08-24 protest occurred CHN:source JPN:target
expect_absent "$WORK/typed.json" '"type": *"(meeting|agreement|visit)"'

"$BIN" --db "$DB" export --format json --between "Sergei Lavrov" "John Kerry" >"$WORK/between.json"
expect_event "$WORK/between.json" 2016-09-09 meeting occurred RUS:participant USA:participant
expect_event "$WORK/between.json" 2016-09-09 agreement occurred RUS:participant USA:participant
expect_absent "$WORK/between.json" '"type": *"(expulsion|protest|visit)"'

"$BIN" --db "$DB" export --format json --between POL RUS >"$WORK/between2.json"
expect_event "$WORK/between2.json" 2022-03-23 expulsion occurred POL:source RUS:target
expect_absent "$WORK/between2.json" '"type": *"(meeting|agreement|protest)"'

# ---- importing again changes nothing ------------------------------------------

"$BIN" --db "$DB" ingest "$DATA"/*.txt >"$WORK/again.out" 2>/dev/null || fail "second ingest exited $?"
grep -q 'unchanged 5' "$WORK/again.out" || fail "second ingest: $(cat "$WORK/again.out")"
"$BIN" --db "$DB" export --format json --status all >"$WORK/again.json"
[ "$(events_of "$WORK/all.json" | wc -l)" = "$(events_of "$WORK/again.json" | wc -l)" ] ||
	fail "re-importing changed the number of events"

if [ "$failures" -ne 0 ]; then
	echo "$failures check(s) failed" >&2
	exit 1
fi
echo "extract_reports: all checks passed"
