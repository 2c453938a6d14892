#!/usr/bin/env bash
# Incremental exports: export --since-last NAME writes only what changed
# since the cursor was last used with success; --append adds rows to a CSV
# without a second header; `cursors` lists them.
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$2
T=$(mktemp -d)
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap 'e2e_cleanup; rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
cp -r "$SRC/tests/data/update/." "$T/"
cd "$T" || exit 1
DB=$(e2e_db archive.db)
cu() { "$BIN" --db "$DB" "$@"; }
rows() { tail -n +2 "$1" | grep -c '^e[0-9]'; }

cu update || fail "update"
all=$(cu export -f csv | tail -n +2 | grep -c '^e[0-9]')
[ "$all" -gt 0 ] || fail "no events to export"

# First use: everything, with a header.
cu export -f csv --since-last sheet --append -o sheet.csv || fail "first incremental export"
[ "$(rows sheet.csv)" -eq "$all" ] || fail "first export: $(rows sheet.csv) rows, expected $all"
[ "$(grep -c '^id,' sheet.csv)" -eq 1 ] || fail "first export: header"
cp sheet.csv before.csv

# Nothing changed: nothing appended.
cu export -f csv --since-last sheet --append -o sheet.csv || fail "second incremental export"
cmp -s sheet.csv before.csv || fail "an export with nothing new changed the file"

# A new report: only its events are appended, without a second header.
printf 'Lavrov and Kishida hold talks in Tokyo\n\nTOKYO, March 10, 2015. /TASS/. Russian Foreign Minister Sergei Lavrov held talks with Japanese Foreign Minister Fumio Kishida in Tokyo on Tuesday.\n' > inbox/2015-02/kishida.txt
cu update || fail "update with a new report"
cu export -f csv --since-last sheet --append -o sheet.csv || fail "third incremental export"
[ "$(grep -c '^id,' sheet.csv)" -eq 1 ] || fail "append repeated the header"
new=$(( $(rows sheet.csv) - all ))
[ "$new" -ge 1 ] || fail "the new event was not appended"
tail -n "$new" sheet.csv | grep -q "Kishida" || fail "the appended rows are not the new event"
head -n "$(wc -l < before.csv)" sheet.csv | cmp -s - before.csv || fail "append changed the rows already there"

# Another cursor is independent; on stdout --append leaves out the header.
cu export -f csv --since-last other --append >other.csv || fail "stdout export"
[ "$(grep -c '^id,' other.csv)" -eq 0 ] || fail "--append on stdout wrote a header"
[ "$(grep -c '^e[0-9]' other.csv)" -eq "$(rows sheet.csv)" ] || fail "a new cursor does not start from the beginning"

# A failed export does not move its cursor.
cu export -f json --since-last fails -o /nonexistent/dir/x.json 2>/dev/null; rc=$?
[ $rc -eq 3 ] || fail "export to an impossible path: exit $rc"
cu export -f jsonl --since-last fails >fails.jsonl || fail "export after a failure"
[ "$(wc -l < fails.jsonl)" -eq "$(rows sheet.csv)" ] || fail "a failed export moved the cursor"

# A full disk while appending: exit 3, the cursor stays where it was.
if [ -w /dev/full ]; then
	cu export -f csv --since-last full --append -o /dev/full 2>err; rc=$?
	[ $rc -eq 3 ] || fail "append to a full disk: exit $rc"
	grep -q "/dev/full: No space left" err || { cat err; fail "append to a full disk: message"; }
	cu cursors | grep -q "^full " && fail "a failed append created its cursor"
fi

# Filters combine with the cursor.
printf 'Lavrov and Steinmeier speak by phone\n\nMOSCOW, March 12, 2015. /TASS/. Russian Foreign Minister Sergei Lavrov and German Foreign Minister Frank-Walter Steinmeier held a telephone conversation on Thursday.\n' > inbox/2015-02/steinmeier-call.txt
printf 'Lavrov and Kishida speak by phone\n\nMOSCOW, March 13, 2015. /TASS/. Russian Foreign Minister Sergei Lavrov and Japanese Foreign Minister Fumio Kishida held a telephone conversation on Friday.\n' > inbox/2015-02/kishida-call.txt
cu update || fail "update with two reports"
cu export -f csv --since-last sheet --actor Steinmeier --append -o sheet.csv || fail "filtered incremental export"
tail -n 1 sheet.csv | grep -q "Steinmeier" || fail "the filtered export missed Steinmeier's call"
grep -q "telephone.*Kishida\|Kishida.*phone" sheet.csv && fail "the filter let another event through"

# Usage errors.
cu export -f json --append -o x.json 2>/dev/null; [ $? -eq 2 ] || fail "--append with json"
cu export -f csv --since-last sheet --limit 3 2>/dev/null; [ $? -eq 2 ] || fail "--since-last with --limit"

# cursors lists them, with what is pending.
cu cursors >out || fail "cursors"
grep -q "^sheet .* csv sheet.csv" out || { cat out; fail "cursors: sheet"; }
grep -q "^other .*(stdout)" out || { cat out; fail "cursors: other"; }
grep -q "^fails " out || { cat out; fail "cursors: fails"; }
# In the order of their names' bytes (capitals first), whatever the
# collation of a server's database.
cu export -f jsonl --since-last Zed >/dev/null || fail "export --since-last Zed"
cu export -f jsonl --since-last a_cursor >/dev/null || fail "export --since-last a_cursor"
cu cursors | awk 'NR > 1 { print $1 }' >names || fail "cursors"
[ "$(tr '\n' ' ' <names)" = "Zed a_cursor fails other sheet " ] || { cat names; fail "cursors: not in the names' byte order"; }
echo ok
