# Sourced by the browser tests (tests/e2e/*_browser.sh): finds Chromium
# ($CHROMIUM, else Debian's /usr/bin/chromium or one on PATH) and Node 18+,
# and sets CHROMIUM. A missing tool fails the test in CI (CI=true), where
# .ci/run must have installed it, and skips it, saying so, elsewhere.
# browser_need_tool NAME HINT adds another tool to the list.

missing() {
	if [ "${CI:-}" = true ]; then
		echo "FAIL: $1 (CI must install it: see .ci/run)" >&2
		exit 1
	fi
	echo "SKIP: $1; the browser test did not run"
	exit 0
}

browser_need_tool() {
	command -v "$1" >/dev/null || missing "$1 not found ($2)"
}

CHROMIUM=${CHROMIUM:-}
if [ -z "$CHROMIUM" ]; then
	for c in /usr/bin/chromium chromium chromium-browser; do
		if command -v "$c" >/dev/null; then
			CHROMIUM=$(command -v "$c")
			break
		fi
	done
fi
[ -n "$CHROMIUM" ] && [ -x "$CHROMIUM" ] || missing "chromium not found (apt-get install chromium)"
browser_need_tool node "apt-get install nodejs"
major=$(node -p 'process.versions.node.split(".")[0]')
[ "$major" -ge 18 ] || missing "node $major is too old (18 or later)"
