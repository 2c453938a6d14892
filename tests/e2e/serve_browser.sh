#!/usr/bin/env bash
# End-to-end: communique serve in headless Chromium (tests/browser/
# serve_test.mjs says what it proves: load, filter, open an event, correct
# it through the forms, reload and see the change, no console error, no
# request leaving the server's origin). This wrapper builds an archive,
# starts the real server on a free port and runs the test with Node (no
# npm package); then it checks the correction is in the archive, as the CLI
# sees it.
#
# Usage (ctest does this): bash serve_browser.sh BIN SRCDIR
# Needs chromium and node 18+ (see export_browser.sh): without them it
# fails in CI (CI=true) and is skipped, saying so, elsewhere.
# UPDATE_SCREENSHOT=1 also writes docs/serve.png (an event's page, which
# docs/serve.md shows):
#   UPDATE_SCREENSHOT=1 ctest --test-dir build -R serve_browser
set -euo pipefail

BIN=${1:?usage: serve_browser.sh BIN SRCDIR}
SRC=${2:?usage: serve_browser.sh BIN SRCDIR}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac

. "$SRC/tests/browser/tools.sh"
browser_need_tool curl "apt-get install curl"

T=$(mktemp -d "${TMPDIR:-/tmp}/communique-serve-browser.XXXXXX")
PID=
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cleanup() {
	if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
	e2e_cleanup
	rm -rf "$T"
}
trap cleanup EXIT
DB=$(e2e_db "$T/a.db")
fail() { echo "FAIL: $*" >&2; [ -f "$T/err" ] && tail -20 "$T/err" >&2; exit 1; }

. "$SRC/tests/data/golden/archive.sh"
golden_archive "$BIN" "$SRC" "$DB" || fail "golden archive"
"$BIN" --db "$DB" ingest "$SRC/tests/data/golden/fixtures/hostile.csv" >/dev/null || fail "hostile reports"

"$BIN" --db "$DB" serve --port 0 >"$T/out" 2>"$T/err" &
PID=$!
for _ in $(seq 100); do grep -q '^listening on' "$T/out" 2>/dev/null && break; sleep 0.1; done
BASE=$(sed -n 's/^listening on \(http:[^ ]*\)\/$/\1/p' "$T/out")
TOKEN=$(sed -n 's/.*?token=\([0-9a-f]*\) .*/\1/p' "$T/out")
[ -n "$BASE" ] && [ -n "$TOKEN" ] || fail "the server did not print its address and token"

# The event to curate: Japan's first, as the API lists it; its expected filter.
EVENTS=$(curl -sf "$BASE/api/events?actor=Japan&limit=500") || fail "events of Japan"
EVENT=$(printf '%s' "$EVENTS" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);console.log(j.events[0].id.slice(1))})')
EXPECT=$(printf '%s' "$EVENTS" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{console.log(JSON.stringify(JSON.parse(s).events.map(e=>e.id)))})')
# The newest report: the last of hostile.csv.
HOSTILE=$(curl -sf "$BASE/api/reports?limit=1" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{console.log(JSON.parse(s).reports[0].id.slice(1))})')
[ -n "$EVENT" ] && [ -n "$HOSTILE" ] || fail "no event or report to test with"

mkdir "$T/profile"
env -u ASAN_OPTIONS -u UBSAN_OPTIONS -u LSAN_OPTIONS HOME="$T" \
	timeout 180 node "$SRC/tests/browser/serve_test.mjs" --chromium "$CHROMIUM" --profile "$T/profile" \
	--base "$BASE" --token "$TOKEN" --event "$EVENT" --actor Japan --expect "$EXPECT" --hostile "$HOSTILE" \
	${UPDATE_SCREENSHOT:+--png "$T/serve.png"} || fail "the browser test failed"
if [ "${UPDATE_SCREENSHOT:-0}" = 1 ]; then
	cp "$T/serve.png" "$SRC/docs/serve.png"
	echo "wrote $SRC/docs/serve.png"
fi

# The CLI sees the browser's corrections.
"$BIN" --db "$DB" event history "e$EVENT" >"$T/history" || fail "event history"
grep -q 'note' "$T/history" || fail "the CLI does not see the browser's note: $(cat "$T/history")"
grep -q 'checked-in-browser' "$T/history" || fail "the CLI does not see the browser's tag"
grep -q 'intruder' "$T/history" && fail "a write without the token went in"
"$BIN" --db "$DB" events --actor China | grep -q 'Added in the browser' || fail "the CLI does not see the added event"

kill -TERM "$PID"
wait "$PID" || fail "the server did not stop cleanly on SIGTERM (exit $?)"
PID=
echo "serve_browser: ok"
