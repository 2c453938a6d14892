#!/usr/bin/env bash
# End-to-end: hostile inputs to `ingest` and `update` (issue 13). Proves that
# a directory holding symbolic link loops (`a -> .`, `b -> .`) is walked in
# bounded time, each directory once, with its reports imported once, and
# that a stuck walk cannot keep the update's lock; that empty directories
# are ingested and updated cleanly (under the sanitizer build too); and
# that bad records, binary files, odd encodings and huge feed items are
# reported one by one while the rest goes in.
#
# Usage (ctest does this): bash hostile_input.sh BIN SRCDIR
# Needs bash and coreutils (timeout).
set -euo pipefail

BIN=${1:?usage: hostile_input.sh BIN SRCDIR}
SRC=${2:?usage: hostile_input.sh BIN SRCDIR}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/communique-e2e.XXXXXX")
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap 'e2e_cleanup; chmod -R u+rwx "$T" 2>/dev/null || true; rm -rf "$T"' EXIT
export SOURCE_DATE_EPOCH=1700000000
SRC=$(cd "$SRC" && pwd)
DATA=$SRC/tests/data/hostile
STEP=
# A walk that loops would never end: each command gets this long (far more
# than the few files here need), and being killed by it is a failure.
LIMIT=60

fail() {
	echo "FAIL [$STEP]: $*" >&2
	for f in out err; do
		if [ -s "$T/$f" ]; then
			echo "--- std$f of the last command:" >&2
			head -n 40 "$T/$f" >&2
		fi
	done
	exit 1
}
step() { STEP=$1; echo "# $1"; }
run() {
	set +e
	timeout -k 5 "$LIMIT" "$@" >"$T/out" 2>"$T/err"
	RC=$?
	set -e
	[ "$RC" -ne 124 ] && [ "$RC" -ne 137 ] || fail "did not finish within ${LIMIT}s"
}
expect_rc() { [ "$RC" -eq "$1" ] || fail "expected exit code $1, got $RC"; }
expect_out() { grep -Eq -- "$1" "$T/out" || fail "stdout lacks /$1/"; }
expect_err() { grep -Eq -- "$1" "$T/err" || fail "stderr lacks /$1/"; }
expect_no_err() { ! grep -Eq -- "$1" "$T/err" || fail "stderr has /$1/"; }
# An error line on stderr that names the file ($1) and says why (/$2/).
expect_err_for() {
	grep -F -- "$1" "$T/err" | grep -Eqi -- "$2" ||
		fail "no message naming '$1' with /$2/ on stderr"
}
count_reports() { "$BIN" --db "$1" reports | wc -l; }
SAMPLE=$SRC/samples/afp_france_recalls_ambassadors_2021.txt
SAMPLE2=$SRC/samples/tass_putin_abe_tokyo_2016.txt

step "ingest: a directory of symbolic link loops is walked once"
mkdir -p "$T/loops/sub"
cp "$SAMPLE" "$T/loops/"
cp "$SAMPLE2" "$T/loops/sub/"
ln -s . "$T/loops/a"
ln -s . "$T/loops/b"
ln -s .. "$T/loops/sub/up"
run "$BIN" --db "$(e2e_db "$T/loops.db")" ingest "$T/loops"
expect_rc 0
expect_out '^imported 2, unchanged 0, replaced 0, failed 0$'
expect_err_for "$T/loops/a" 'already walked'
[ "$(count_reports "$(e2e_db "$T/loops.db")")" -eq 2 ] || fail "the reports were not stored once each"

step "update: a dir source of symbolic link loops is walked once and lets the lock go"
cat >"$T/sources.conf" <<CONF
[loops]
kind = dir
path = loops
agency = TASS
CONF
run "$BIN" --db "$(e2e_db "$T/upd.db")" update --sources "$T/sources.conf" --summary
expect_rc 0
expect_out "^update: 1 source, imported 2, replaced 0, unchanged 0, failed 0$"
[ "$(count_reports "$(e2e_db "$T/upd.db")")" -eq 2 ] || fail "the reports were not stored once each"
run "$BIN" --db "$(e2e_db "$T/upd.db")" update --sources "$T/sources.conf" --summary
expect_rc 0
expect_out "^update: 1 source, imported 0, replaced 0, unchanged 2, failed 0$"

step "empty directories: ingest and update say nothing is there"
mkdir -p "$T/empty/deeper/still"
run "$BIN" --db "$(e2e_db "$T/empty.db")" ingest "$T/empty"
expect_out '^imported 0, unchanged 0, replaced 0, failed 0$'
expect_no_err 'runtime error|AddressSanitizer'
cat >"$T/empty.conf" <<CONF
[empty]
kind = dir
path = empty
CONF
run "$BIN" --db "$(e2e_db "$T/empty.db")" update --sources "$T/empty.conf" --summary
expect_rc 0
expect_out "^update: 1 source, imported 0, replaced 0, unchanged 0, failed 0$"
expect_no_err 'runtime error|AddressSanitizer'

step "binary content is refused whatever its name, by every reader; the rest goes in"
run "$BIN" --db "$(e2e_db "$T/bin.db")" ingest "$DATA/binary"
expect_rc 1
expect_out '^imported 1, unchanged 0, replaced 0, failed 6$'
expect_err_for statement.html 'binary content, not a report: a PDF document'
expect_err_for photo.html 'binary content, not a report: a PNG image'
expect_err_for page.html 'binary content, not a report: gzip-compressed data'
expect_err_for memo.txt 'binary content, not a report: a ZIP archive'
expect_err_for feed.xml 'binary content, not a report: a JPEG image'
expect_err_for blob.html 'binary content, not a report: binary data'
for f in csv jsonl rss atom nitf newsml-g2 html text; do
	run "$BIN" --db "$(e2e_db "$T/bin.db")" ingest --format "$f" "$DATA/binary/statement.html"
	expect_rc 1
	expect_err_for statement.html 'binary content, not a report: a PDF document'
done
cat >"$T/bin.conf" <<CONF
[binary]
kind = dir
path = $DATA/binary
CONF
run "$BIN" --db "$(e2e_db "$T/binupd.db")" update --sources "$T/bin.conf" --summary
expect_rc 1
expect_err_for statement.html 'binary content, not a report: a PDF document'
[ "$(count_reports "$(e2e_db "$T/binupd.db")")" -eq 1 ] || fail "update: binary files were stored as reports"

step "a stray NUL byte in a CSV cell: the cell is kept whole, with a warning"
run "$BIN" --db "$(e2e_db "$T/nul.db")" ingest "$DATA/nul.csv"
expect_rc 0
expect_out '^imported 2, unchanged 0, replaced 0, failed 0$'
expect_err_for nul.csv 'row 2: 1 NUL byte removed'
"$BIN" --db "$(e2e_db "$T/nul.db")" show r1 >"$T/out"
grep -q 'by phone. They agreed to keep in contact.' "$T/out" || fail "the text after the NUL was lost"
