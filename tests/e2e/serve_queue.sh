#!/usr/bin/env bash
# End-to-end: communique serve answers requests in one queue, whatever
# connection they came on. With two workers, a slow request (an export of
# every event as HTML) on one keep-alive connection must not hold back the
# quick pages asked meanwhile on eight other connections: each of them is
# answered in less than half the time the export takes. (A pool of server
# threads that each keep their own connections left the pages of the
# export's thread waiting until it was done.) Then SIGTERM during a slow
# request: it is answered, and the server exits 0.
#
# Usage (as ctest runs it): bash serve_queue.sh BIN SRCDIR
set -uo pipefail

BIN=${1:?usage: serve_queue.sh BIN SRCDIR}
SRC=${2:?usage: serve_queue.sh BIN SRCDIR}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/serve-queue.XXXXXX")
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

command -v python3 >/dev/null || fail "python3 is needed"
env -u CFLAGS "${CC:-cc}" -std=c11 -O2 -o "$T/gen" "$SRC/bench/gen.c" || fail "cannot build bench/gen.c"
"$T/gen" -n 400 -s 1 -o "$T/r" >/dev/null || fail "gen"
"$BIN" --db "$DB" ingest "$T/r" >/dev/null || fail "the import"

start() {
	"$BIN" --db "$DB" serve --port 0 --quiet --threads 2 >"$T/out" 2>"$T/err" &
	PID=$!
	for _ in $(seq 100); do grep -q '^listening on' "$T/out" 2>/dev/null && break; sleep 0.1; done
	PORT=$(sed -n 's/^listening on http:\/\/127.0.0.1:\([0-9]*\)\/$/\1/p' "$T/out")
	[ -n "$PORT" ] || fail "the server did not start: $(cat "$T/err")"
}
start

# The connections are all made (and used once) before the slow request,
# so that a server which shares them out among threads has done so.
python3 - "$PORT" <<'EOF' || fail "quick pages waited for the export on another connection"
import http.client, sys, time
port = int(sys.argv[1])
conns = [http.client.HTTPConnection("127.0.0.1", port, timeout=120) for _ in range(9)]
def get(c, path):
    c.request("GET", path)
    r = c.getresponse()
    body = r.read()
    if r.status != 200:
        sys.exit(f"{path}: status {r.status}: {body[:200]!r}")
    return body
for c in conns:
    get(c, "/api/events?limit=1")
slow = conns[0]
t0 = time.monotonic()
slow.request("GET", "/api/export?format=html&status=all")
time.sleep(0.05)
quick = []
for c in conns[1:]:
    t = time.monotonic()
    get(c, "/api/events?limit=1")
    quick.append(time.monotonic() - t)
r = slow.getresponse()
r.read()
whole = time.monotonic() - t0
if r.status != 200:
    sys.exit(f"the export: status {r.status}")
print(f"export {whole * 1000:.0f} ms; quick pages meanwhile: " + ", ".join(f"{q * 1000:.0f}" for q in quick) + " ms")
if max(quick) > whole / 2:
    sys.exit(f"a quick page took {max(quick) * 1000:.0f} ms while the export took {whole * 1000:.0f} ms")
EOF

# SIGTERM while the export is being made: it is still answered, whole.
python3 - "$PORT" "$PID" <<'EOF' || fail "the request under way at SIGTERM was not answered"
import http.client, json, os, signal, sys, time
port, pid = int(sys.argv[1]), int(sys.argv[2])
c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
c.request("GET", "/api/export?format=json&status=all")
time.sleep(0.3)
os.kill(pid, signal.SIGTERM)
r = c.getresponse()
body = r.read()
if r.status != 200:
    sys.exit(f"status {r.status}, {len(body)} bytes")
json.loads(body)  # whole, not cut
EOF
wait "$PID"
rc=$?
PID=
[ "$rc" -eq 0 ] || fail "the server exited $rc after SIGTERM: $(cat "$T/err")"
echo "ok"
