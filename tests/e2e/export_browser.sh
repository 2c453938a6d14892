#!/usr/bin/env bash
# End-to-end: the HTML export in headless Chromium (tests/browser/
# timeline_test.mjs says what it proves: no console error, no network
# request, the filters hide exactly the right events, the chart redraws
# the events in view by month (and by year, on a page spanning decades),
# report markup stays text, a 1200 px screenshot). This wrapper builds the archives and the
# pages and runs it with Node; the test needs no npm package.
#
# Usage (ctest does this): bash export_browser.sh BIN SRCDIR
# Needs chromium (Debian's package: /usr/bin/chromium, or $CHROMIUM) and
# node (18 or later). Without them it fails in CI (CI=true) and is skipped,
# saying so, elsewhere.
# UPDATE_SCREENSHOT=1 also copies the screenshot of the sample reports'
# timeline to docs/timeline.png (the README shows it):
#   UPDATE_SCREENSHOT=1 ctest --test-dir build -R export_browser
set -euo pipefail

BIN=${1:?usage: export_browser.sh BIN SRCDIR}
SRC=${2:?usage: export_browser.sh BIN SRCDIR}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac

. "$SRC/tests/browser/tools.sh"

T=$(mktemp -d "${TMPDIR:-/tmp}/communique-browser.XXXXXX")
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap 'e2e_cleanup; rm -rf "$T"' EXIT
. "$SRC/tests/data/golden/archive.sh"
export SOURCE_DATE_EPOCH=$GOLDEN_EPOCH
fail() { echo "FAIL: $*" >&2; exit 1; }
cu() { local db=$1; shift; "$BIN" --db "$(e2e_db "$T/$db")" "$@"; }

# The golden archive: the filters are checked against its JSON export.
golden_archive "$BIN" "$SRC" "$(e2e_db "$T/golden.db")" || fail "golden archive"
cu golden.db export -f html -o "$T/timeline.html" || fail "html export"
cu golden.db export -f jsonl -o "$T/timeline.jsonl" || fail "jsonl export"
# The same page with its first dated event moved to 1950: the script's chart
# then counts by year (only a data attribute changes: the page's script and
# style, and so its Content-Security-Policy, stay as exported).
sed '0,/data-month="[0-9]*-[0-9]*"/s//data-month="1950-03"/' "$T/timeline.html" >"$T/long.html"
cmp -s "$T/timeline.html" "$T/long.html" && fail "no data-month to move in the timeline page"
# Report text full of markup, and a title trying to close <title>.
cu hostile.db ingest "$SRC/tests/data/golden/fixtures/hostile.csv" >/dev/null || fail "hostile archive"
cu hostile.db export -f html --title '</title><script>alert("title")</script>' -o "$T/hostile.html" ||
	fail "hostile html export"
# All the sample reports, as the README's quick start imports them: the screenshot.
cu samples.db ingest "$SRC/samples" >/dev/null || fail "samples archive"
cu samples.db export -f html -o "$T/samples.html" || fail "samples html export"

mkdir "$T/profile"
# Chromium's own sanitizer-free processes must not inherit the build's
# sanitizer settings; HOME keeps its caches in the test's directory.
env -u ASAN_OPTIONS -u UBSAN_OPTIONS -u LSAN_OPTIONS HOME="$T" \
	timeout 180 node "$SRC/tests/browser/timeline_test.mjs" --chromium "$CHROMIUM" --profile "$T/profile" \
	--page "$T/timeline.html" --events "$T/timeline.jsonl" --hostile "$T/hostile.html" \
	--shot "$T/samples.html" --png "$T/timeline.png" --long "$T/long.html" || fail "the browser test failed"

if [ "${UPDATE_SCREENSHOT:-0}" = 1 ]; then
	mkdir -p "$SRC/docs"
	cp "$T/timeline.png" "$SRC/docs/timeline.png"
	echo "wrote $SRC/docs/timeline.png"
fi
echo "export_browser: ok"
