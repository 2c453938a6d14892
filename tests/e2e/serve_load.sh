#!/usr/bin/env bash
# End-to-end: communique serve under load, bounded in count and time. Eight
# keep-alive clients (bench/serve_load.c, compiled here) read filtered pages
# of a generated archive for at most 4 seconds or 3000 requests while an
# import writes more reports into it: every answer is 200, no connection
# fails, the import goes in whole, and the server stops cleanly on SIGINT.
# The speed itself is measured on a million events by bench/serve.sh.
#
# Usage (as ctest runs it): bash serve_load.sh BIN SRCDIR
set -uo pipefail

BIN=${1:?usage: serve_load.sh BIN SRCDIR}
SRC=${2:?usage: serve_load.sh BIN SRCDIR}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/serve-load.XXXXXX")
PID=
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cleanup() {
	if [ -n "$PID" ]; then kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; fi
	e2e_cleanup
	rm -rf "$T"
}
trap cleanup EXIT
DB=$(e2e_db "$T/a.db")
unset COMMUNIQUE_DB
fail() { echo "FAIL: $*" >&2; exit 1; }

CC=${CC:-cc}
command -v "$CC" >/dev/null || fail "no C compiler ($CC) for the load generator"
env -u CFLAGS "$CC" -std=c11 -O2 -pthread -o "$T/gen" "$SRC/bench/gen.c" || fail "cannot build bench/gen.c"
env -u CFLAGS "$CC" -std=c11 -O2 -pthread -o "$T/load" "$SRC/bench/serve_load.c" || fail "cannot build bench/serve_load.c"
# The load generator is not the program under test: no sanitizer in it.
"$T/gen" -n 400 -s 1 -o "$T/r1" >/dev/null || fail "gen"
"$T/gen" -n 300 -s 2 -o "$T/r2" >/dev/null || fail "gen"
"$BIN" --db "$DB" ingest "$T/r1" >/dev/null || fail "the first import"
before=$(e2e_sql "$DB" "SELECT count(*) FROM reports")

"$BIN" --db "$DB" serve --port 0 --quiet >"$T/out" 2>"$T/err" &
PID=$!
for _ in $(seq 100); do grep -q '^listening on' "$T/out" 2>/dev/null && break; sleep 0.1; done
PORT=$(sed -n 's/^listening on http:\/\/127.0.0.1:\([0-9]*\)\/$/\1/p' "$T/out")
[ -n "$PORT" ] || fail "the server did not start: $(cat "$T/err")"

mapfile -t ACTORS < <(e2e_sql "$DB" "SELECT a.name FROM actors a JOIN event_actors ea ON ea.actor_id = a.id
	WHERE a.kind = 0 GROUP BY a.id ORDER BY count(*) DESC LIMIT 5")
[ "${#ACTORS[@]}" -eq 5 ] || fail "the generated archive has too few actors"
MID=$(e2e_sql "$DB" "SELECT id FROM events WHERE date <> '' ORDER BY date, id LIMIT 1 OFFSET 1000")
for a in "${ACTORS[@]}"; do
	e=${a// /%20}
	echo "/api/events?actor=$e&limit=50"
	echo "/api/events?actor=$e&type=meeting,phone_call&limit=20"
	echo "/api/events?actor=$e&after=e$MID&limit=50"
	echo "/api/relations?actor=$e"
done >"$T/paths"
echo "/api/events?text=sanctions&limit=50" >>"$T/paths"
echo "/api/reports?limit=50" >>"$T/paths"

"$BIN" --db "$DB" ingest "$T/r2" >"$T/ingest.out" 2>&1 &
ING=$!
"$T/load" -p "$PORT" -f "$T/paths" -c 8 -d 4 -n 3000 >"$T/load.out"
LRC=$?
wait "$ING" || fail "the import during the load failed: $(cat "$T/ingest.out")"
cat "$T/load.out"
[ "$LRC" -eq 0 ] || fail "requests failed under load: $(cat "$T/load.out")"
n=$(awk '{print $2}' "$T/load.out")
# Only that requests were made: speed is bench/serve.sh's (a sanitizer build on a
# busy machine serves a few dozen).
[ "$n" -ge 16 ] || fail "only $n requests in 4 seconds"
# Some generated reports of the second seed correct ones of the first (replaced).
read -r imp unch repl failed <<<"$(sed -n 's/^imported \([0-9]*\), unchanged \([0-9]*\), replaced \([0-9]*\), failed \([0-9]*\).*/\1 \2 \3 \4/p' "$T/ingest.out")"
[ "${failed:-x}" = 0 ] && [ $((imp + unch + repl)) -eq 300 ] || fail "the import during the load: $(cat "$T/ingest.out")"
after=$(e2e_sql "$DB" "SELECT count(*) FROM reports")
[ "$after" -eq $((before + imp)) ] || fail "the import during the load stored $((after - before)) of $imp new reports"
# A read after the import sees it (no stale pooled connection).
c=$(curl -s "http://127.0.0.1:$PORT/api/reports?limit=1" | python3 -c 'import json, sys; print(json.load(sys.stdin)["reports"][0]["id"])')
[ "$c" = "r$(e2e_sql "$DB" "SELECT max(id) FROM reports")" ] || fail "the server does not see the import: $c"

# Ctrl-C (serve_api.sh and serve_browser.sh send SIGTERM).
kill -INT "$PID"
wait "$PID"
RC=$?
PID=
[ "$RC" -eq 0 ] || fail "the server exited $RC on SIGINT: $(tail -5 "$T/err")"
grep -q 'interrupted, stopping' "$T/err" || fail "the server did not say it stops"
echo "serve_load: ok"
