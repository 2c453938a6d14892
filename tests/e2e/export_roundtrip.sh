#!/usr/bin/env bash
# End-to-end: what the exports carry can be read back, and report text full
# of quotes, commas, semicolons, line breaks, formulas and markup
# (tests/data/golden/fixtures/hostile.csv: <script>, <img onerror>, a
# javascript: URL, a URL that closes its attribute) survives every format
# intact and harmless:
#   - CSV: every record has the header's 32 cells (an RFC 4180 reader in
#     awk counts them, quoted line breaks included); cells that start like
#     a formula (= + - @) get a leading ' unless --raw; cells with quotes or
#     the delimiter are quoted; read back with Python's csv module (when
#     python3 is present) every cell equals the JSON export's value;
#   - JSON, JSON Lines and TimelineJS parse (python3, when present) and give
#     the report's text back exactly (TimelineJS after HTML unescaping);
#   - HTML holds no element, attribute or URL from the report: one script
#     (its own), no <img>, no javascript: link, the text shown escaped;
#   - TimelineJS and Markdown hold no raw < from the report;
#   - each TimelineJS slide's headline says who acted on whom first,
#     "Source → Target: summary" (the parties of a mutual act joined with
#     "&"), as the JSON export's actors give them, and its text keeps the
#     evidence and the sources;
#   - ICEWS rows all have 20 tab-separated cells.
#
# Usage (ctest does this): bash export_roundtrip.sh BIN SRCDIR
# Needs bash, coreutils, grep and awk; python3 is optional (the checks that
# need it say they were skipped).
set -euo pipefail

BIN=${1:?usage: export_roundtrip.sh BIN SRCDIR}
SRC=${2:?usage: export_roundtrip.sh BIN SRCDIR}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/communique-roundtrip.XXXXXX")
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap 'e2e_cleanup; rm -rf "$T"' EXIT
. "$SRC/tests/data/golden/archive.sh"
export SOURCE_DATE_EPOCH=$GOLDEN_EPOCH
STEP=

fail() {
	echo "FAIL [$STEP]: $*" >&2
	exit 1
}
step() { STEP=$1; echo "# $1"; }
PY=
if command -v python3 >/dev/null; then
	PY=python3
else
	echo "NOTE: python3 not found: the CSV and JSON parse checks are skipped"
fi

# csv_cells FILE DELIM COLUMN: one line per record, "<cells>\t<cell COLUMN>"
# with the cell's line breaks shown as \n and its quotes undone. An RFC 4180
# reader in portable awk (mawk and gawk): a quoted cell may hold the
# delimiter, doubled quotes and line breaks.
csv_cells() {
	awk -v D="$2" -v COL="$3" '
	function flush_cell() { n++; if (n == COL) want = cell; cell = "" }
	{
		line = $0
		sub(/\r$/, "", line)
		if (inq) cell = cell "\\n"
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			if (inq) {
				if (c == "\"") {
					if (substr(line, i + 1, 1) == "\"") { cell = cell c; i++ }
					else inq = 0
				} else cell = cell c
			} else if (c == "\"" && cell == "") inq = 1
			else if (c == D) flush_cell()
			else cell = cell c
		}
		if (inq) next
		flush_cell()
		print n "\t" want
		n = 0; want = ""
	}
	END { if (inq) print "unterminated\t" }' "$1"
}

# Every record of FILE has the CSV_COLUMNS cells and there are EVENTS
# records after the header.
CSV_COLUMNS=32
check_csv_shape() {
	local file=$1 delim=$2 events=$3
	csv_cells "$file" "$delim" 1 >"$T/cells"
	awk -F'\t' -v N=$CSV_COLUMNS '$1 != N { bad++ } END { exit bad > 0 }' "$T/cells" ||
		fail "$file: records without $CSV_COLUMNS cells: $(awk -F'\t' -v N=$CSV_COLUMNS '$1 != N' "$T/cells" | head -n 3)"
	[ "$(wc -l <"$T/cells")" -eq $((events + 1)) ] ||
		fail "$file: $(($(wc -l <"$T/cells") - 1)) records for $events events"
}

cu() { "$BIN" --db "$DB" "$@"; }

for archive in golden hostile; do
	DB=$(e2e_db "$T/$archive.db")
	step "$archive: build the archive"
	if [ $archive = golden ]; then
		golden_archive "$BIN" "$SRC" "$DB" || fail "import"
	else
		cu ingest "$SRC/tests/data/golden/fixtures/hostile.csv" >/dev/null || fail "import"
	fi
	cu export -f jsonl >"$T/$archive.jsonl" || fail "jsonl export"
	events=$(wc -l <"$T/$archive.jsonl")
	[ "$events" -gt 0 ] || fail "no events"

	step "$archive: CSV records have $CSV_COLUMNS cells, comma, semicolon and tab delimiters, excel mode"
	cu export -f csv >"$T/$archive.csv" || fail "csv export"
	check_csv_shape "$T/$archive.csv" , "$events"
	cu export -f csv --delimiter ';' --excel >"$T/$archive.semi.csv" || fail "csv export ;"
	check_csv_shape "$T/$archive.semi.csv" ';' "$events"
	cu export -f csv --delimiter "$(printf '\t')" >"$T/$archive.tab.csv" || fail "csv export tab"
	check_csv_shape "$T/$archive.tab.csv" "$(printf '\t')" "$events"
	# Excel mode: a byte-order mark, then CRLF after every record.
	head -c 3 "$T/$archive.semi.csv" | od -An -tx1 | grep -q 'ef bb bf' || fail "--excel without a byte-order mark"
	[ "$(tail -c 2 "$T/$archive.semi.csv" | od -An -tx1 | tr -d ' ')" = 0d0a ] || fail "--excel: no CRLF at the end"

	step "$archive: ICEWS rows have 20 cells"
	cu export -f icews >"$T/$archive.tsv" || fail "icews export"
	awk -F'\t' 'NF != 20 { bad++ } END { exit bad > 0 }' "$T/$archive.tsv" || fail "ICEWS rows without 20 cells"

	step "$archive: CSV read back by a CSV parser equals the JSON export"
	if [ -n "$PY" ]; then
		cu export -f json >"$T/$archive.json" || fail "json export"
		"$PY" - "$T/$archive.csv" "$T/$archive.json" <<'EOF' || fail "the CSV and JSON exports disagree"
import csv, json, sys
FORMULA = ("=", "+", "-", "@", "\t", "\r", "\n")
def cell(v):
    # What the exporter writes for a value: formulas neutralised.
    return "'" + v if v.startswith(FORMULA) else v
def names(e, role, key):
    return "; ".join((a[key] or "") for a in e["actors"] if a["role"] == role)
def agencies(e):
    seen = []
    for s in e["sources"]:
        if s["agency"] and s["agency"] not in seen:
            seen.append(s["agency"])
    return "; ".join(seen)
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
events = json.load(open(sys.argv[2], encoding="utf-8"))["events"]
assert len(rows) == len(events), (len(rows), len(events))
for row, e in zip(rows, events):
    want = {
        "id": e["id"], "date": e["date"] or "", "date_precision": e["date_precision"],
        "type": e["type"], "cameo": e["cameo"], "status": e["status"],
        "source_names": names(e, "source", "name"), "source_codes": names(e, "source", "code"),
        "target_names": names(e, "target", "name"), "target_codes": names(e, "target", "code"),
        "participants": names(e, "participant", "name"),
        "participant_codes": names(e, "participant", "code"),
        "topics": "; ".join(e["topics"]), "summary": e["summary"], "evidence": e["evidence"],
        "agencies": agencies(e), "report_titles": "; ".join(s["title"] for s in e["sources"]),
        "urls": "; ".join(s["url"] for s in e["sources"] if s["url"]),
        "report_ids": "; ".join(s["report"] for s in e["sources"]),
        "first_headline": e["sources"][0]["title"] if e["sources"] else "",
        "first_url": (e["sources"][0]["url"] or "") if e["sources"] else "",
        "confidence": "%.2f" % e["confidence"],
        "verified": "yes" if e["curation"]["verified"] else "",
        "tags": "; ".join(e["curation"]["tags"]),
        "change": e.get("change", ""),
    }
    for k, v in want.items():
        if row[k] != cell(v):
            sys.exit("%s %s: csv %r, json %r" % (e["id"], k, row[k], v))
print("%d events agree" % len(rows))
EOF
	else
		echo "skipped: python3 not found"
	fi
done

# From here on: the hostile archive.
DB=$(e2e_db "$T/hostile.db")
TITLE1='=HYPERLINK("https://evil.invalid/","<script>alert('"'"'title'"'"')</script>") and a second line, with "quotes"'
EVIDENCE1='Russian Foreign Minister Sergei Lavrov held talks with Japanese Foreign Minister Taro Kono in Tokyo on Thursday, saying "<script>alert('"'"'x'"'"')</script>" & <b>bold</b>, '"'"'single'"'"' and "double" quotes; commas, semicolons; = + - @ are only text.'
EVIDENCE2='Russian Foreign Minister Sergei Lavrov held talks with Japanese Foreign Minister Taro Kono in Moscow on Monday about a "provocation" </script><img src=x onerror=alert(2)>, the ministry said.'
URL2='https://kyodo.example.org/news?a=1&b="><script>alert(3)</script>'

step "hostile: formula cells are neutralised, and kept with --raw"
# The reports' titles start with =, @ and -; column 16 is report_titles.
# No cell of the export may start like a formula.
for col in $(seq 1 $CSV_COLUMNS); do csv_cells "$T/hostile.csv" , "$col" | cut -f2; done >"$T/all-cells"
grep -n "^[=+@-]" "$T/all-cells" && fail "a cell starts with a formula character"
csv_cells "$T/hostile.csv" , 16 | cut -f2 >"$T/titles"
# (A title that comes second in its cell, like "@SUM(1+1)", needs nothing.)
for start in "=HYPERLINK(" "-1 step:"; do
	grep -q "^'$start" "$T/titles" || fail "a title cell starting with ${start:0:1} is not neutralised: $(head -n 3 "$T/titles")"
done
cu export -f csv --raw >"$T/raw.csv" || fail "csv --raw"
csv_cells "$T/raw.csv" , 16 | cut -f2 >"$T/raw-titles"
for start in "=HYPERLINK(" "-1 step:"; do
	grep -q -- "^$start" "$T/raw-titles" || fail "--raw changed the title cell starting with $start"
done
# Quoted as RFC 4180 says: the whole cell in quotes, inner quotes doubled.
grep -qF '"'"'"'=HYPERLINK(""https://evil.invalid/"",""<script>' "$T/hostile.csv" || fail "the title cell is not quoted"
grep -qF '"-1 step: Lavrov, Kono hold' "$T/raw.csv" || fail "a cell with a comma is not quoted"
grep -qF 'about a ""provocation"" </script><img' "$T/raw.csv" || fail "quotes in a cell are not doubled"

step "hostile: the text survives JSON, JSON Lines and TimelineJS exactly"
cu export -f timelinejs --title '<script>alert("t")</script>' >"$T/tl.json" || fail "timelinejs export"
if [ -n "$PY" ]; then
	TITLE1=$TITLE1 EVIDENCE1=$EVIDENCE1 EVIDENCE2=$EVIDENCE2 URL2=$URL2 \
		"$PY" - "$T/hostile.json" "$T/hostile.jsonl" "$T/tl.json" <<'EOF' || fail "the text did not survive"
import html, json, os, sys
want = {k: os.environ[k] for k in ("TITLE1", "EVIDENCE1", "EVIDENCE2", "URL2")}
doc = json.load(open(sys.argv[1], encoding="utf-8"))
lines = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert lines == doc["events"], "json and jsonl disagree"
evidence = {e["evidence"] for e in lines}
titles = {s["title"] for e in lines for s in e["sources"]}
urls = {s["url"] for e in lines for s in e["sources"]}
for k, pool in (("TITLE1", titles), ("EVIDENCE1", evidence), ("EVIDENCE2", evidence), ("URL2", urls)):
    assert want[k] in pool, "%s not found intact: %r" % (k, sorted(pool))
tl = json.load(open(sys.argv[3], encoding="utf-8"))
assert html.unescape(tl["title"]["text"]["headline"]) == '<script>alert("t")</script>'
texts = " ".join(e["text"]["text"] for e in tl["events"])
for k in ("EVIDENCE1", "EVIDENCE2"):
    esc = html.escape(want[k], quote=False).replace('"', "&quot;")
    assert esc in texts, "%s not in the TimelineJS text, escaped" % k
print("json, jsonl and timelinejs give the text back")
EOF
else
	echo "skipped: python3 not found"
fi

step "hostile: TimelineJS holds no markup from the report"
grep -qiE '<(script|img|b|i)[ >]|</?script' "$T/tl.json" && fail "raw markup in the TimelineJS export: $(grep -oiE '<(script|img|b|i)[^>]*>' "$T/tl.json" | head -n 3)"
grep -qF 'href=\"javascript:' "$T/tl.json" && fail "a javascript: link in TimelineJS"

step "hostile: HTML holds no live element from the report"
cu export -f html --title '</title><script>alert("t")</script>' >"$T/h.html" || fail "html export"
[ "$(grep -oi '<script' "$T/h.html" | wc -l)" -eq 1 ] || fail "more than the page's own <script>: $(grep -ni '<script' "$T/h.html" | cut -c1-160)"
grep -q '^<script>(function () {$' "$T/h.html" || fail "the page's own script is not where it belongs"
grep -oiE '<(img|b|i)[ >/]' "$T/h.html" >/dev/null && fail "a live <img>, <b> or <i> from the report"
grep -qi 'href="javascript:' "$T/h.html" && fail "a javascript: link"
grep -qF '"><script>alert(3)' "$T/h.html" && fail "the URL closed its attribute"
grep -qF "saying \"&lt;script&gt;alert('x')&lt;/script&gt;\" &amp; &lt;b&gt;bold&lt;/b&gt;" "$T/h.html" || fail "the evidence is not shown, escaped"
grep -qF '&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;' "$T/h.html" || fail "the second evidence is not shown, escaped"
grep -qF '<title>&lt;/title&gt;&lt;script&gt;alert("t")&lt;/script&gt;</title>' "$T/h.html" || fail "the title is not escaped"
grep -q "Content-Security-Policy\" content=\"default-src 'none'" "$T/h.html" || fail "no Content-Security-Policy"

step "hostile: Markdown holds no raw markup"
cu export -f markdown --title '<script>alert(1)</script> [x](javascript:alert(2)) *b* `c`' >"$T/h.md" || fail "markdown export"
# The evidence is quoted ("> " opens its line): that marker is the exporter's own.
sed 's/^> //' "$T/h.md" | grep -nE '(^|[^\\])[<>`]' && fail "an unescaped <, > or \` in the Markdown"
grep -qF '# \<script\>alert(1)\</script\> \[x\](javascript:alert(2)) \*b\* \`c\`' "$T/h.md" || fail "the title is not escaped as expected: $(head -n 1 "$T/h.md")"
step "TimelineJS: each headline starts with Source → Target, the text keeps evidence and sources"
golden_archive "$BIN" "$SRC" "$(e2e_db "$T/golden.db")" || fail "golden archive"
for db in golden.db hostile.db; do
	"$BIN" --db "$(e2e_db "$T/$db")" export -f timelinejs >"$T/tl-$db.json" || fail "timelinejs export of $db"
	"$BIN" --db "$(e2e_db "$T/$db")" export -f jsonl >"$T/tl-$db.jsonl" || fail "jsonl export of $db"
	# Without python3: at least one headline of the golden archive as expected.
	if [ -z "$PY" ]; then
		[ "$db" = hostile.db ] ||
			grep -qF '"headline": "Sergei Lavrov &amp; Antony Blinken: ' "$T/tl-$db.json" ||
			fail "no headline names the parties first"
		continue
	fi
	"$PY" - "$T/tl-$db.json" "$T/tl-$db.jsonl" <<'EOF' || fail "$db: a headline does not name who acted on whom"
import html, json, sys
tl = json.load(open(sys.argv[1], encoding="utf-8"))
events = {e["id"]: e for e in map(json.loads, open(sys.argv[2], encoding="utf-8"))}
arrows = 0
for slide in tl["events"]:
    e = events[slide["unique_id"]]
    side = " & ".join(a["name"] for a in e["actors"] if a["role"] != "target")
    targets = " & ".join(a["name"] for a in e["actors"] if a["role"] == "target")
    parties = side + (" → " if side and targets else "→ " if targets else "") + targets
    headline = html.unescape(slide["text"]["headline"])
    want = parties + ": " + e["summary"] if parties else e["summary"]
    assert headline == want, "%s: headline %r, expected %r" % (e["id"], headline, want)
    arrows += " → " in headline
    text = html.unescape(slide["text"]["text"])
    if e["evidence"]:
        assert e["evidence"] in text, "%s: the evidence is not in the text" % e["id"]
    for s in e["sources"]:
        assert s["title"] in text, "%s: source %r is not in the text" % (e["id"], s["title"])
assert tl["events"], "no slide"
print("%d slides checked, %d headlines with source → target" % (len(tl["events"]), arrows))
EOF
done

echo "export_roundtrip: ok"
