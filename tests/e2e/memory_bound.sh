#!/usr/bin/env bash
# End-to-end: memory is a constant plus the largest single report, not the
# size of the input (issue 13). Generates, in a temporary directory, an RSS
# feed of 20,000 items (about 38 MB: a sentence or a few each, and a
# kilobyte of markup the reader ignores), a JSON Lines and a CSV table of
# 45,000 records (about 35 MB each), a 250 MB web page (sparse past its
# first 17 MB) and a 70 MB plain-text "report", and runs `ingest` and
# `extract` under address-space limits (prlimit --as) far below what
# holding any of them whole takes (the feed's DOM, every report's JSON, a
# table, the page or the text read whole). The feed and the tables must be
# read record by record, the JSON written report by report, the page read
# no further than the HTML reader's 16 MB, and the text refused by its size
# before it is read. bench/memory.md has the figures.
#
# Skipped (exit 77) under the sanitizer build, which reserves terabytes of
# address space (COMMUNIQUE_SANITIZED is set by tests/CMakeLists.txt).
#
# Usage (ctest does this): bash memory_bound.sh BIN SRCDIR
# Needs bash, python3 and util-linux (prlimit).
set -euo pipefail

BIN=${1:?usage: memory_bound.sh BIN SRCDIR}
SRC=${2:?usage: memory_bound.sh BIN SRCDIR}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
if [ -n "${COMMUNIQUE_SANITIZED:-}" ]; then
	echo "skipped: the sanitizer build reserves huge address space"
	exit 77
fi
command -v prlimit >/dev/null || { echo "skipped: no prlimit"; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/communique-e2e.XXXXXX")
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap 'e2e_cleanup; rm -rf "$T"' EXIT
export SOURCE_DATE_EPOCH=1700000000
STEP=
# Address space for each command. The program itself, its libraries, the
# dictionaries and SQLite's bulk page cache for the 20,000 small reports
# stored here fit in 110 MiB (Debug build), `extract` (no archive) in 70;
# the old code failed below 160 MiB to ingest this feed (the file read
# whole, then its DOM) and needed several times more to extract it or the
# tables (every report's JSON held to the end).
LIMIT_MB=${MEMORY_BOUND_MB:-150}
EXTRACT_MB=${MEMORY_BOUND_EXTRACT_MB:-100}
HTML_MB=${MEMORY_BOUND_HTML_MB:-400}   # the new code needs 320 (one 16 MB page), the old failed below 500
UPDATE_MB=${MEMORY_BOUND_UPDATE_MB:-120}   # with events; the new code needs under 100, the old failed at 120

fail() {
	echo "FAIL [$STEP]: $*" >&2
	for f in out err; do
		if [ -s "$T/$f" ]; then
			echo "--- std$f of the last command:" >&2
			head -c 2000 "$T/$f" >&2
			echo >&2
		fi
	done
	exit 1
}
step() { STEP=$1; echo "# $1"; }
run() {   # run MiB COMMAND...
	local mb=$1
	shift
	set +e
	prlimit --as=$((mb << 20)) "$@" >"$T/out" 2>"$T/err"
	RC=$?
	set -e
}

step "generate a feed of 20,000 items and a 70 MB text"
python3 - "$T/feed.xml" "$T/big.txt" "$T/table.jsonl" "$T/table.csv" "$T/page.html" <<'EOF'
import csv, json, os
import random, sys
R = random.Random(13)
STATES = ["Russia", "China", "Japan", "France", "Germany", "India", "Brazil", "Turkey", "Egypt", "Poland"]
PEOPLE = ["Foreign Minister Sergei Lavrov", "Secretary of State Antony Blinken",
          "Prime Minister Fumio Kishida", "President Emmanuel Macron"]
VERBS = ["met", "held talks with", "condemned", "criticized", "praised", "visited", "accused"]
def sentence():
    a, b = R.sample(STATES, 2)
    if R.random() < 0.5:
        return "%s %s %s on Monday in %s." % (R.choice(PEOPLE), R.choice(VERBS), b, a)
    return "%s %s %s over the dispute, officials said." % (a, R.choice(VERBS), b)
# Markup the reader skips: it weighs in the file and in a DOM, not in a report.
pad = "<category domain=\"https://example.org/tags\">" + "diplomacy " * 150 + "</category>"
with open(sys.argv[1], "w") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            '<title>Reuters: World News</title><link>https://www.reuters.com</link>\n')
    for i in range(20000):
        body = " ".join(sentence() for _ in range(R.randint(1, 3)))
        f.write("<item><title>Report %d</title><guid>https://example.org/r/%d</guid>"
                "<pubDate>Mon, 06 Jan 2015 10:%02d:00 +0300</pubDate><description>%s</description>%s</item>\n"
                % (i, i, i % 60, body, pad))
    f.write("</channel></rss>\n")
with open(sys.argv[2], "w") as f:
    f.write("Ministers meet\n\nMOSCOW, January 6 (TASS) - " + sentence() + "\n\n")
    para = " ".join(sentence() for _ in range(20)) + "\n\n"
    f.write(para * (70 * 1000 * 1000 // len(para) + 1))
text = " ".join(sentence() for _ in range(12))
with open(sys.argv[3], "w") as f:
    for i in range(45000):
        f.write(json.dumps({"title": "Report %d" % i, "published": "2015-01-06", "agency": "TASS",
                            "text": text}) + "\n")
with open(sys.argv[4], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["title", "published", "agency", "text"])
    for i in range(45000):
        w.writerow(["Report %d" % i, "2015-01-06", "TASS", text])
# A 250 MB page: 17 MB of markup, then a hole (sparse: no disk is written).
with open(sys.argv[5], "w") as f:
    f.write("<html><head><title>Ministers meet</title></head><body><h1>Ministers meet</h1>")
    p = "<p>" + " ".join(sentence() for _ in range(5)) + "</p>\n"
    f.write(p * ((17 << 20) // len(p)))
    f.write("</body></html>")
os.truncate(sys.argv[5], 250 << 20)
EOF
[ "$(stat -c %s "$T/feed.xml")" -gt $((30 << 20)) ] || fail "the feed is smaller than 30 MB"

step "ingest --no-events of the feed under ${LIMIT_MB} MiB"
run "$LIMIT_MB" "$BIN" --db "$(e2e_db "$T/a.db")" ingest --no-events "$T/feed.xml"
[ "$RC" -eq 0 ] || fail "exit $RC, expected 0"
grep -q "imported 20000, unchanged 0, replaced 0, failed 0" "$T/err" "$T/out" || fail "not every item imported"

step "update of a directory source holding the feed, under ${UPDATE_MB} MiB, twice"
# update hashes a file before it reads it: the old code read the file whole
# for the hash, then parsed the whole text.
mkdir -p "$T/inbox"
ln "$T/feed.xml" "$T/inbox/feed.xml"
printf '[inbox]\nkind = dir\npath = %s\nformat = rss\n' "$T/inbox" >"$T/sources.conf"
run "$UPDATE_MB" "$BIN" --db "$(e2e_db "$T/u.db")" update --summary --sources "$T/sources.conf"
[ "$RC" -eq 0 ] || fail "exit $RC, expected 0"
grep -q "imported 20000" "$T/out" "$T/err" || fail "not every item imported by update"
touch "$T/inbox/feed.xml"   # a new time, the same bytes: hashed, found unchanged
run "$UPDATE_MB" "$BIN" --db "$(e2e_db "$T/u.db")" update --summary --sources "$T/sources.conf"
[ "$RC" -eq 0 ] || fail "second update: exit $RC, expected 0"
grep -q "imported 0" "$T/out" "$T/err" || fail "an unchanged feed was imported again"

step "extract --events of the feed under ${EXTRACT_MB} MiB: valid JSON, every report with its events"
run "$EXTRACT_MB" "$BIN" extract --events "$T/feed.xml"
[ "$RC" -eq 0 ] || fail "exit $RC, expected 0"
python3 - "$T/out" <<'EOF' || fail "the JSON written is not the 20,000 reports with their events"
import json, sys
doc = json.load(open(sys.argv[1]))
assert isinstance(doc, list) and len(doc) == 20000, len(doc)
assert doc[0]["title"] == "Report 0" and doc[-1]["title"] == "Report 19999"
assert sum(1 for r in doc if r["events"]) > 15000
EOF

for table in table.jsonl table.csv; do
	step "extract of a table of 45,000 records ($table) under ${EXTRACT_MB} MiB"
	run "$EXTRACT_MB" "$BIN" extract "$T/$table"
	[ "$RC" -eq 0 ] || fail "exit $RC, expected 0"
	[ "$(grep -c '^    "title": "Report ' "$T/out")" -eq 45000 ] || fail "not every record written"
	tail -n 1 "$T/out" | grep -qx ']' || fail "the JSON array is not closed"
done

# The HTML reader takes some 20 times the 16 MB of a page it reads.
step "a 250 MB page is read to its first 16 MB, not whole, under ${HTML_MB} MiB"
run "$HTML_MB" "$BIN" extract "$T/page.html"
[ "$RC" -eq 0 ] || fail "exit $RC, expected 0"
grep -q '"page is 262144000 bytes: only the first 16777216 were read"' "$T/out" || fail "the page is not cut as it should"

step "a 70 MB text is refused by its size, not read whole"
run "$EXTRACT_MB" "$BIN" extract --events "$T/big.txt"
[ "$RC" -ne 0 ] || fail "exit 0 for a text past the 64 MB limit"
grep -q "report too large" "$T/err" || fail "not refused as too large"
run "$LIMIT_MB" "$BIN" --db "$(e2e_db "$T/a.db")" ingest "$T/big.txt"
grep -q "report too large" "$T/err" "$T/out" || fail "ingest: not refused as too large"

step "an 8 MB body of one unbroken paragraph under ${LIMIT_MB} MiB"
# Analysed in pieces of at most 64 KB: the old code held a token record for
# every word of the paragraph at once and ran out of memory below 200 MiB.
python3 -c '
import sys
s = "The weather on the coast was mild and the harbour was calm that week. "
open(sys.argv[1], "w").write("Weather notes\n\n" + s * (8000000 // len(s)) + "\n")' "$T/flat.txt"
run "$LIMIT_MB" "$BIN" extract --events "$T/flat.txt"
[ "$RC" -eq 0 ] || fail "exit $RC, expected 0"
grep -q '"title": "Weather notes"' "$T/out" || fail "the report was not written"

echo "ok"
