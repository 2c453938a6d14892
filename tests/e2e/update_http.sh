#!/usr/bin/env bash
# communique update of a feed over HTTP, from a local server: the body is
# kept in a temporary file and read item by item, so a large feed costs no
# more memory than a small one; nothing is left in TMPDIR; a feed fetched
# again unchanged imports nothing; an item added is imported.
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
T=$(mktemp -d "${TMPDIR:-/tmp}/communique-e2e.XXXXXX")
SERVER=
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cleanup() {
	[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null
	e2e_cleanup
	rm -rf "$T"
}
trap cleanup EXIT
fail() {
	echo "FAIL: $*" >&2
	for f in out err; do [ -s "$T/$f" ] && { echo "--- $f:" >&2; head -c 2000 "$T/$f" >&2; }; done
	exit 1
}
command -v python3 >/dev/null || { echo "skipped: no python3"; exit 77; }
mkdir -p "$T/www" "$T/tmp"
DB=$(e2e_db "$T/a.db")

# A feed of N items: every item a short report of its own.
make_feed() {   # make_feed N FILE
	python3 - "$1" "$2" <<'EOF'
import os, sys
n, path = int(sys.argv[1]), sys.argv[2]
tag = os.path.basename(path)
states = ["Japan", "China", "India", "Brazil", "Egypt", "Poland"]
with open(path, "w") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            "<title>Kyodo News</title><link>https://english.kyodonews.net</link>\n")
    for i in range(n):
        a, b = states[i % 6], states[(i + 1) % 6]
        f.write("<item><title>Item %d of %s</title><guid>https://example.org/%s/%d</guid>"
                "<pubDate>Tue, 06 Jan 2015 09:%02d:00 +0900</pubDate>"
                "<description>The foreign ministers of %s and %s held talks in Tokyo on Monday, "
                "officials said (%s).</description>"
                '<category domain="https://example.org/tags">%s</category></item>\n'
                % (i, tag, tag, i, i % 60, a, b, tag, "diplomacy " * 120))
    f.write("</channel></rss>\n")
EOF
}
make_feed 3 "$T/www/small.xml"
make_feed 20000 "$T/www/big.xml"

# The server answers If-Modified-Since with 304, as real ones do.
python3 - "$T/www" >"$T/port" 2>"$T/server.err" <<'EOF' &
import http.server, functools, sys, socketserver
h = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[1])
h.log_message = lambda *a: None
s = socketserver.TCPServer(("127.0.0.1", 0), h)
print(s.server_address[1], flush=True)
s.serve_forever()
EOF
SERVER=$!
for _ in $(seq 1 50); do [ -s "$T/port" ] && break; sleep 0.1; done
PORT=$(cat "$T/port")
[ -n "$PORT" ] || fail "the test server did not start"

cat >"$T/sources.conf" <<CONF
[kyodo]
kind = feed
url = http://127.0.0.1:$PORT/small.xml

[big]
kind = feed
url = http://127.0.0.1:$PORT/big.xml
CONF
# update reads sources.conf beside the archive, or on PostgreSQL (no
# archive directory) in the current one: here both.
cd "$T" || exit 1
cu() { TMPDIR="$T/tmp" "$BIN" --db "$DB" "$@" >"$T/out" 2>"$T/err"; }

cu update --source kyodo --summary || fail "first update: exit $?"
grep -q "imported 3, replaced 0, unchanged 0, failed 0" "$T/out" || fail "the small feed was not imported"
[ -z "$(ls -A "$T/tmp")" ] || fail "temporary files left: $(ls "$T/tmp")"

cu update --source kyodo --summary || fail "second update: exit $?"
grep -q "imported 0, replaced 0" "$T/out" || fail "an unchanged feed imported something"

sleep 1.1   # a new Last-Modified second
make_feed 4 "$T/www/small.xml"
cu update --source kyodo --summary || fail "third update: exit $?"
grep -q "imported 1, replaced 0" "$T/out" || fail "the new item was not imported alone"
[ "$("$BIN" --db "$DB" reports | wc -l)" -eq 4 ] || fail "expected 4 reports"

# 20,000 items (some 25 MB): within the same address space as a small
# feed's import needs. The old code held the body and then its whole tree.
if [ -z "${COMMUNIQUE_SANITIZED:-}" ] && command -v prlimit >/dev/null; then
	TMPDIR="$T/tmp" prlimit --as=$((${UPDATE_HTTP_MB:-110} << 20)) "$BIN" --db "$DB" update --source big --summary \
		>"$T/out" 2>"$T/err" || fail "the big feed under ${UPDATE_HTTP_MB:-110} MiB: exit $?"
	grep -q "imported 20000, replaced 0, unchanged 0, failed 0" "$T/out" || fail "not every item of the big feed"
	[ -z "$(ls -A "$T/tmp")" ] || fail "temporary files left after the big feed"
fi
echo "ok"
