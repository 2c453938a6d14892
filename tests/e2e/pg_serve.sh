#!/usr/bin/env bash
# `communique serve` on an archive on PostgreSQL (issues 14 and 15): pages
# read from the server, a curation written from the browser's API lands in
# the archive (the CLI sees it), and a write while another process holds the
# writer lock (the session advisory lock) is refused with 503, nothing
# written. Needs the cluster of the ctest fixture pg (COMMUNIQUE_TEST_PG);
# exits 77 (skipped) without one.
set -u
BIN=${1:?usage: pg_serve.sh BIN SRCDIR}
SRC=${2:?usage: pg_serve.sh BIN SRCDIR}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
[ -n "${COMMUNIQUE_TEST_PG:-}" ] || { echo "skipped: COMMUNIQUE_TEST_PG is not set"; exit 77; }
command -v curl >/dev/null || { echo "FAIL: curl missing" >&2; exit 1; }
PSQL=psql
[ -n "${PG_BINDIR:-}" ] && [ -x "$PG_BINDIR/psql" ] && PSQL=$PG_BINDIR/psql
T=$(mktemp -d "${TMPDIR:-/tmp}/pg-serve.XXXXXX")
NAME=pg_serve_$$
PG=$(printf '%s' "$COMMUNIQUE_TEST_PG" | sed -E "s#^(postgres(ql)?://[^/?]*)/[^?]*#\1/$NAME#")
PID= HOLDER=
cleanup() {
	[ -n "$PID" ] && { kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; }
	[ -n "$HOLDER" ] && kill -9 "$HOLDER" 2>/dev/null
	"$PSQL" -X -q "$COMMUNIQUE_TEST_PG" -c "DROP DATABASE IF EXISTS $NAME WITH (FORCE)" >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; [ -s "$T/err" ] && cat "$T/err" >&2; exit 1; }
unset COMMUNIQUE_DB
export USER=analyst
"$PSQL" -X -q -v ON_ERROR_STOP=1 "$COMMUNIQUE_TEST_PG" -c "CREATE DATABASE $NAME" >/dev/null || fail "CREATE DATABASE"
cd "$T" || exit 1
"$BIN" --db "$PG" ingest "$SRC/samples" >/dev/null 2>"$T/err" || fail "import into PostgreSQL"

TOKEN=0123456789abcdef-pg-serve-token
printf '%s\n' "$TOKEN" >"$T/token"
chmod 600 "$T/token"
"$BIN" --db "$PG" serve --port 0 --token-file "$T/token" >"$T/out" 2>"$T/err" &
PID=$!
for _ in $(seq 100); do grep -q '^listening on' "$T/out" 2>/dev/null && break; sleep 0.1; done
B=$(sed -n 's/^listening on \(http:[^ ]*\)\/$/\1/p' "$T/out")
[ -n "$B" ] || fail "the server did not start on PostgreSQL: $(cat "$T/out")"

CODE=$(curl -s -o "$T/page" -w '%{http_code}' "$B/api/events?limit=5")
[ "$CODE" = 200 ] || fail "a page of events: HTTP $CODE $(cat "$T/page")"
E=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["events"][0]["id"])' "$T/page") ||
	fail "no event in the page: $(head -c 300 "$T/page")"
E=${E#e}

W=(-H "X-Communique-Token: $TOKEN" -H 'Content-Type: application/json')
CODE=$(curl -s -o "$T/body" -w '%{http_code}' -X POST "${W[@]}" -d '{"text":"checked against the ministry readout"}' \
	"$B/api/events/$E/note")
[ "$CODE" = 200 ] || fail "a note from the browser on PostgreSQL: HTTP $CODE $(cat "$T/body")"
"$BIN" --db "$PG" event history "e$E" >"$T/hist" 2>"$T/err" || fail "event history"
grep -q "checked against the ministry readout" "$T/hist" || fail "the note is not in the archive: $(cat "$T/hist")"

# Another writer holds the advisory lock (an `update` would): 503, and
# nothing written.
KEY=$((0x436d6e71))
mkfifo "$T/holder.in"
"$PSQL" -qAt "$PG" <"$T/holder.in" >/dev/null 2>&1 &
HOLDER=$!
exec 3>"$T/holder.in"
echo "SELECT pg_advisory_lock($KEY);" >&3
for _ in $(seq 50); do
	n=$("$PSQL" -qAt "$PG" -c "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted")
	[ "$n" = 1 ] && break
	sleep 0.1
done
[ "$n" = 1 ] || fail "the test could not hold the advisory lock"
CODE=$(curl -s -o "$T/body" -w '%{http_code}' -X POST "${W[@]}" -d '{"text":"while locked"}' "$B/api/events/$E/note")
[ "$CODE" = 503 ] || fail "a write while the lock is held: HTTP $CODE $(cat "$T/body")"
grep -q 'holds' "$T/body" || fail "503 does not say why: $(cat "$T/body")"
exec 3>&-
kill -9 "$HOLDER" 2>/dev/null
wait "$HOLDER" 2>/dev/null
HOLDER=
"$BIN" --db "$PG" event history "e$E" >"$T/hist" 2>"$T/err" || fail "event history after the refusal"
grep -q "while locked" "$T/hist" && fail "a refused write was written"
echo "ok"
