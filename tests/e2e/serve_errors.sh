#!/usr/bin/env bash
# End-to-end: a page of events the archive cannot give (its events table
# taken away by another program while the server runs) is answered 500
# with the archive's message, and the server goes on answering: the
# message was once freed twice, which killed the server.
#
# Usage (as ctest runs it): bash serve_errors.sh BIN SRCDIR
set -uo pipefail

BIN=${1:?usage: serve_errors.sh BIN SRCDIR}
SRC=${2:?usage: serve_errors.sh BIN SRCDIR}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/serve-errors.XXXXXX")
PID=
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cleanup() {
	[ -z "$PID" ] || { kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; }
	e2e_cleanup
	rm -rf "$T"
}
trap cleanup EXIT
e2e_sqlite_script "the archive is changed behind the server with sqlite3"
unset COMMUNIQUE_DB
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "SKIP: sqlite3 is needed"; exit 77; }

env -u CFLAGS "${CC:-cc}" -std=c11 -O2 -o "$T/gen" "$SRC/bench/gen.c" || fail "cannot build bench/gen.c"
"$T/gen" -n 20 -s 1 -o "$T/r" >/dev/null || fail "gen"
DB="$T/a.db"
"$BIN" --db "$DB" ingest "$T/r" >/dev/null || fail "the import"
"$BIN" --db "$DB" serve --port 0 --quiet --cache 0 >"$T/out" 2>"$T/err" &
PID=$!
for _ in $(seq 100); do grep -q '^listening on' "$T/out" 2>/dev/null && break; sleep 0.1; done
PORT=$(sed -n 's/^listening on http:\/\/127.0.0.1:\([0-9]*\)\/$/\1/p' "$T/out")
[ -n "$PORT" ] || fail "the server did not start: $(cat "$T/err")"
B=http://127.0.0.1:$PORT

code=$(curl -s -o "$T/page" -w '%{http_code}' "$B/api/events?limit=5")
[ "$code" = 200 ] || fail "the first page: status $code"

sqlite3 "$DB" "ALTER TABLE events RENAME TO events_gone" || fail "cannot rename the table"
for path in "/api/events?limit=5" "/api/events?actor=Japan&limit=5" "/api/events?text=talks&limit=5"; do
	rm -f "$T/page"
	code=$(curl -s -o "$T/page" -w '%{http_code}' "$B$path")
	[ "$code" = 500 ] || fail "$path without an events table: status $code, not 500: $(head -c 300 "$T/page" 2>/dev/null)"
	grep -q '"error":"archive: ' "$T/page" || fail "$path: no message of the archive: $(head -c 300 "$T/page")"
	kill -0 "$PID" 2>/dev/null || fail "the server died after $path: $(tail -3 "$T/err")"
done
code=$(curl -s -o "$T/meta" -w '%{http_code}' "$B/api/meta")
[ "$code" = 200 ] || fail "/api/meta after the errors: status $code"

sqlite3 "$DB" "ALTER TABLE events_gone RENAME TO events" || fail "cannot rename the table back"
code=$(curl -s -o "$T/page" -w '%{http_code}' "$B/api/events?limit=5")
[ "$code" = 200 ] || fail "the page once the table is back: status $code"
echo "PASS: serve_errors"
