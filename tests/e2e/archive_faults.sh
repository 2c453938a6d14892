#!/usr/bin/env bash
# End-to-end: faults of the archive that once lost or hid data. Two first
# commands on a new archive race in its migrations; an item of another
# agency's feed with the same guid or URL replaced a stored report; control
# characters in a title hid an event's sources from every export.
#
# Usage (as ctest runs it): bash archive_faults.sh BIN SRCDIR
set -uo pipefail

BIN=${1:?usage: archive_faults.sh BIN SRCDIR}
T=$(mktemp -d "${TMPDIR:-/tmp}/archive_faults.XXXXXX")
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap 'e2e_cleanup; rm -rf "$T"' EXIT
unset COMMUNIQUE_DB
failures=0
STEP=""
step() { STEP=$1; echo "# $1"; }
fail() {
	echo "FAIL [$STEP]: $*" >&2
	failures=$((failures + 1))
}

step "first commands race on a new archive"
for round in 1 2 3 4 5 6 7 8; do
	# A new archive each round: a new file; a new, empty database.
	rm -f "$T/race.db"*
	RACE=$(e2e_db "$T/race-$round.db")
	e2e_pg || RACE=$T/race.db
	for i in 1 2 3 4 5 6; do
		"$BIN" --db "$RACE" export --format csv >/dev/null 2>"$T/race.$i" &
	done
	wait
	if cat "$T"/race.* | grep -q .; then
		fail "round $round: $(cat "$T"/race.* | sort -u | head -n 2)"
		break
	fi
done

step "the same guid and URL in another agency's feed is another report"
feed() {   # feed FILE TITLE TEXT
	cat >"$1" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>news</title>
<item><title>$2</title><link>https://news.example.org/item/1</link><guid>item-1</guid>
<pubDate>Thu, 16 Mar 2023 09:00:00 GMT</pubDate>
<description>$3</description></item></channel></rss>
XML
}
feed "$T/kyodo.xml" "Kishida and Yoon hold talks" \
	"Japanese Prime Minister Fumio Kishida and South Korean President Yoon Suk Yeol held talks in Tokyo on Thursday."
feed "$T/tass.xml" "Lavrov speaks to Wang Yi" \
	"Russian Foreign Minister Sergei Lavrov held a telephone conversation with Chinese Foreign Minister Wang Yi on Thursday."
DB=$(e2e_db "$T/feeds.db")
"$BIN" --db "$DB" ingest --agency Kyodo "$T/kyodo.xml" >"$T/out" 2>&1 || fail "Kyodo feed: $(cat "$T/out")"
"$BIN" --db "$DB" ingest --agency TASS "$T/tass.xml" >"$T/out" 2>&1 || fail "TASS feed: $(cat "$T/out")"
grep -q "imported 1" "$T/out" || fail "the TASS item did not go in as a report of its own: $(cat "$T/out")"
n=$("$BIN" --db "$DB" reports | grep -c '^r[0-9]' || true)
[ "$n" -eq 2 ] || fail "$n reports, expected 2"
"$BIN" --db "$DB" events --type meeting >"$T/out" 2>&1
grep -q "Fumio Kishida" "$T/out" || fail "the Kyodo report's meeting is gone: $(cat "$T/out")"
# The same agency's item again, corrected: it replaces its own report.
feed "$T/kyodo2.xml" "Kishida and Yoon hold talks" \
	"Japanese Prime Minister Fumio Kishida and South Korean President Yoon Suk Yeol held talks in Tokyo on Thursday and agreed to resume visits."
"$BIN" --db "$DB" ingest --agency Kyodo "$T/kyodo2.xml" >"$T/out" 2>&1
grep -q "replaced 1" "$T/out" || fail "the corrected Kyodo item did not replace its report: $(cat "$T/out")"

step "control characters in a title keep the event's sources"
printf 'Talks\036 in\037 Tokyo\n\nTOKYO, March 16, 2023 (Kyodo) - Japanese Prime Minister Fumio Kishida and South Korean President Yoon Suk Yeol held talks in Tokyo on Thursday.\n' >"$T/ctl.txt"
DB=$(e2e_db "$T/ctl.db")
"$BIN" --db "$DB" ingest "$T/ctl.txt" >/dev/null 2>&1 || fail "ingest of the title with control characters"
"$BIN" --db "$DB" export --format json >"$T/ctl.json" 2>&1 || fail "JSON export"
python3 - "$T/ctl.json" <<'PY' || fail "the event lost its sources: $(head -c 600 "$T/ctl.json")"
import json, sys
events = json.load(open(sys.argv[1]))["events"]
assert events, "no events"
assert all(e["sources"] and e["sources"][0]["report"] == "r1" for e in events)
PY

if [ "$failures" -gt 0 ]; then
	echo "$failures failure(s)" >&2
	exit 1
fi
echo "archive_faults: all passed"
