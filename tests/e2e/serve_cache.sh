#!/usr/bin/env bash
# End-to-end: the server's cache of answers is exact. A page asked twice is
# given from the cache the second time (X-Communique-Cache: hit), and after
# any write to the archive, by another process (an import, a curation of
# the command line) or by the server itself (a note posted to the API), the
# same request is answered as a server without a cache (--cache 0) answers
# it, byte for byte. Six clients asking the same page at once while the
# only worker is busy get one reading of it.
#
# Usage (as ctest runs it): bash serve_cache.sh BIN SRCDIR
set -uo pipefail

BIN=${1:?usage: serve_cache.sh BIN SRCDIR}
SRC=${2:?usage: serve_cache.sh BIN SRCDIR}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/serve-cache.XXXXXX")
PIDS=()
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cleanup() {
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
	e2e_cleanup
	rm -rf "$T"
}
trap cleanup EXIT
e2e_sqlite_script "serve keeps no cache on PostgreSQL (the cache needs SQLite's data_version: docs/postgres.md)"
unset COMMUNIQUE_DB
fail() { echo "FAIL: $*" >&2; exit 1; }

env -u CFLAGS "${CC:-cc}" -std=c11 -O2 -o "$T/gen" "$SRC/bench/gen.c" || fail "cannot build bench/gen.c"
"$T/gen" -n 200 -s 1 -o "$T/r1" >/dev/null || fail "gen"
"$T/gen" -n 30 -s 2 -o "$T/r2" >/dev/null || fail "gen"
DB=$(e2e_db "$T/a.db")
"$BIN" --db "$DB" ingest "$T/r1" >/dev/null || fail "the first import"
TOKEN=0123456789abcdef-cache-test-token
printf '%s\n' "$TOKEN" >"$T/token"
chmod 600 "$T/token"

start() { # name, options...: sets PORT_name
	local name=$1
	shift
	"$BIN" --db "$DB" serve --port 0 --quiet --token-file "$T/token" "$@" >"$T/$name.out" 2>"$T/$name.err" &
	PIDS+=($!)
	for _ in $(seq 100); do grep -q '^listening on' "$T/$name.out" 2>/dev/null && break; sleep 0.1; done
	local port
	port=$(sed -n 's/^listening on http:\/\/127.0.0.1:\([0-9]*\)\/$/\1/p' "$T/$name.out")
	[ -n "$port" ] || fail "the $name server did not start: $(cat "$T/$name.err")"
	printf -v "PORT_$name" '%s' "$port"
}
start cached
start plain --cache 0
C=http://127.0.0.1:$PORT_cached
P=http://127.0.0.1:$PORT_plain

# get URL FILE: the body into FILE; prints the X-Communique-Cache header.
get() {
	local code
	code=$(curl -s -D "$T/h" -o "$2" -w '%{http_code}' "$1")
	[ "$code" = 200 ] || fail "$1: status $code: $(head -c 300 "$2")"
	tr -d '\r' <"$T/h" | sed -n 's/^[Xx]-[Cc]ommunique-[Cc]ache: //p'
}

E=$(e2e_sql "$DB" "SELECT id FROM events WHERE gone = 0 ORDER BY id LIMIT 1 OFFSET 10")
PAGES=("/api/reports?limit=3" "/api/events?status=all&limit=20" "/api/events/$E" "/api/events?text=talks&limit=5"
	"/api/actors?q=a" "/api/review?limit=5")

# Every page as the server without a cache answers it: a miss, then a hit,
# the same bytes.
same_as_plain() { # what
	for p in "${PAGES[@]}"; do
		get "$P$p" "$T/want" >/dev/null
		get "$C$p" "$T/got" >/dev/null
		cmp -s "$T/want" "$T/got" || fail "$1: $p differs from the uncached answer"
		h=$(get "$C$p" "$T/again")
		[ "$h" = hit ] || fail "$1: $p asked again is not from the cache ($h)"
		cmp -s "$T/want" "$T/again" || fail "$1: $p from the cache differs"
	done
}
same_as_plain "at start"
h=$(get "$C/api/events?status=all&limit=20&x=1" "$T/x")
[ "$h" = miss ] || fail "another query is given the cached answer of a similar one ($h)"
get "$C/api/reports?limit=3" "$T/before" >/dev/null

# Another process imports reports: the newest reports are the new ones.
"$BIN" --db "$DB" ingest "$T/r2" >/dev/null || fail "the second import"
get "$C/api/reports?limit=3" "$T/after" >/dev/null
cmp -s "$T/before" "$T/after" && fail "after an import by another process, the cache gives the old reports"
same_as_plain "after an import by another process"

# Another process corrects an event.
"$BIN" --db "$DB" event note "e$E" "checked by phone" --by tester >/dev/null || fail "event note"
get "$C/api/events/$E" "$T/ev" >/dev/null
grep -q 'checked by phone' "$T/ev" || fail "the note of the command line is not in the event's page"
"$BIN" --db "$DB" event tag "e$E" from-cli --by tester >/dev/null || fail "event tag"
same_as_plain "after curations by another process"

# The server's own write.
code=$(curl -s -o "$T/body" -w '%{http_code}' -X POST -H "X-Communique-Token: $TOKEN" \
	-H 'Content-Type: application/json' --data-binary '{"text":"noted in the browser"}' "$C/api/events/$E/note")
[ "$code" = 200 ] || fail "the note through the API: $code $(cat "$T/body")"
get "$C/api/events/$E" "$T/ev" >/dev/null
grep -q 'noted in the browser' "$T/ev" || fail "the server's own note is not in the event's page"
same_as_plain "after the server's own write"

# The same page asked by six clients at once, while the only worker is busy
# with an export: it is read once (one miss), the others are given that
# answer (shared), and all six equal the uncached server's.
start one --threads 1
python3 - "$PORT_one" "$PORT_plain" <<'EOF2' || fail "six clients asking the same page at once"
import http.client, sys, threading
one, plain = int(sys.argv[1]), int(sys.argv[2])
page = "/api/events?status=all&limit=200&text=talks"
def fetch(port, path, out, i):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    c.request("GET", path)
    r = c.getresponse()
    out[i] = (r.status, r.getheader("X-Communique-Cache"), r.read())
want = [None]
fetch(plain, page, want, 0)
# Two exports ahead of them keep the worker busy while the six arrive.
slow = [http.client.HTTPConnection("127.0.0.1", one, timeout=120) for _ in range(2)]
for c in slow:
    c.request("GET", "/api/export?format=html&status=all")
got = [None] * 6
ts = [threading.Thread(target=fetch, args=(one, page, got, i)) for i in range(6)]
for t in ts: t.start()
for t in ts: t.join()
for c in slow:
    r = c.getresponse(); r.read()
heads = sorted(g[1] for g in got)
if any(g[0] != 200 or g[2] != want[0][2] for g in got):
    sys.exit("an answer differs from the uncached server's")
if heads != ["miss"] + ["shared"] * 5:
    sys.exit(f"X-Communique-Cache: {heads}, not one miss and five shared")
EOF2

# Without a cache, nothing says hit.
h=$(get "$P/api/reports?limit=3" "$T/x")
[ -z "$h" ] || fail "--cache 0 still answers with X-Communique-Cache: $h"
echo "ok"
