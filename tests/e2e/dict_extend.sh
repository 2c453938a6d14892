# End-to-end: an analyst's own dictionaries, given with --dict, reach every
# part of the program or are refused with their file and line. A new event
# type (types.tsv) with its wording (events.tsv) is extracted, filtered with
# --type, labelled in the HTML export and listed in the JSON export; a word
# added to a grammar class (grammar.tsv) changes what is extracted; broken
# files stop the command with exit 2 before anything is imported.
#
# Usage (as ctest runs it): bash dict_extend.sh BIN SRCDIR
set -euo pipefail

BIN=${1:?usage: dict_extend.sh BIN SRCDIR}
SRC=${2:?usage: dict_extend.sh BIN SRCDIR}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/dict_extend.XXXXXX")
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap 'e2e_cleanup; rm -rf "$WORK"' EXIT
unset COMMUNIQUE_DB
failures=0
fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

mkdir -p "$WORK/mine"
printf 'evacuation\t0233\tdir\tEvacuation\tevacuated nationals; evacuated nationals from; will evacuate nationals from; did not evacuate nationals from\t\n' \
	>"$WORK/mine/types.tsv"
printf 'evacuation\t0233\tdir\tevacuate+ ... nationals|citizens\n' >"$WORK/mine/events.tsv"
printf 'negator\tbarely\n' >"$WORK/mine/grammar.tsv"

cat >"$WORK/report.txt" <<'TXT'
India evacuates its citizens from Sudan

NEW DELHI, April 24 2023 (PTI) - India on Monday evacuated hundreds of its citizens from Sudan, the External Affairs Ministry said.

Japan barely expelled two Russian diplomats on Monday, a spokesman said.
TXT

DB=$(e2e_db "$WORK/a.db")
"$BIN" --db "$DB" --dict "$WORK/mine" ingest "$WORK/report.txt" >"$WORK/ingest.out" 2>&1 ||
	fail "ingest with --dict DIR failed: $(cat "$WORK/ingest.out")"

# The new type is extracted and the filters know it.
"$BIN" --db "$DB" --dict "$WORK/mine" export --format json --type evacuation >"$WORK/ev.json" 2>"$WORK/ev.err" ||
	fail "export --type evacuation failed: $(cat "$WORK/ev.err")"
grep -q '"type": *"evacuation"' "$WORK/ev.json" || fail "no evacuation event in: $(cat "$WORK/ev.json")"
grep -q '"cameo": *"0233"' "$WORK/ev.json" || fail "the evacuation does not carry its CAMEO code"
grep -q '"code": *"IND"' "$WORK/ev.json" || fail "the evacuation has no Indian party"
grep -q '"date": *"2023-04-24"' "$WORK/ev.json" || fail "the evacuation is not dated 2023-04-24"

# The label of the type table reaches the HTML timeline.
"$BIN" --db "$DB" --dict "$WORK/mine" export --format html >"$WORK/t.html" || fail "HTML export failed"
grep -q 'Evacuation' "$WORK/t.html" || fail "the HTML timeline lacks the label 'Evacuation'"

# The analyst's negator changed the status of the expulsion.
"$BIN" --db "$DB" export --format json --status negated --type expulsion >"$WORK/neg.json" || fail "export of negated failed"
grep -q '"status": *"negated"' "$WORK/neg.json" || fail "'barely expelled' is not negated with grammar.tsv: $(cat "$WORK/neg.json")"

# Without the analyst's types, --type evacuation is an unknown type.
if "$BIN" --db "$DB" events --type evacuation >"$WORK/x.out" 2>"$WORK/x.err"; then
	fail "--type evacuation accepted without the types.tsv that defines it"
fi

# Broken files: exit 2, the file and the line named, nothing imported.
refused() {   # refused WHAT FILE CONTENT EXPECTED-MESSAGE
	local dir=$WORK/bad-$1
	mkdir -p "$dir"
	printf '%b' "$3" >"$dir/$2"
	local db rc=0
	db=$(e2e_db "$WORK/bad-$1.db")
	"$BIN" --db "$db" --dict "$dir" ingest "$WORK/report.txt" >"$dir.out" 2>"$dir.err" || rc=$?
	[ "$rc" = 2 ] || fail "$1: exit $rc, expected 2 ($(cat "$dir.err"))"
	grep -q "dictionary '$dir/$2', line [0-9]*: " "$dir.err" || fail "$1: the message does not name the file and line: $(cat "$dir.err")"
	grep -q "$4" "$dir.err" || fail "$1: the message does not say '$4': $(cat "$dir.err")"
	if e2e_exists "$db" && [ "$(e2e_sql "$db" 'select count(*) from reports' 2>/dev/null || echo 0)" != 0 ]; then
		fail "$1: a report was imported despite the broken dictionary"
	fi
}
refused unknown-type events.tsv 'pilgrimage\t042\tdir\tmade+ a pilgrimage\n' "unknown event type"
refused bad-frame types.tsv 'pilgrimage\t042\tsideways\tPilgrimage\ta; b; c; d\t\n' "frame must be"
refused bad-summary types.tsv 'pilgrimage\t042\tdir\tPilgrimage\tmade a pilgrimage\t\n' "four"
refused dup-type types.tsv 'visit\t042\tdir\tVisit\ta; b; c; d\t\n' "already defined"
refused bad-class grammar.tsv 'negators\tnope\n' "unknown word class"

if [ "$failures" -gt 0 ]; then
	echo "$failures failure(s)" >&2
	exit 1
fi
echo "dict_extend: all passed"
