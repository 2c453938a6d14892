#!/usr/bin/env bash
# End-to-end: where an export goes when writing fails. Proves that
#   - `-o FILE` leaves no temporary file behind, on success or failure;
#   - a failed `-o FILE` never leaves a truncated FILE: a directory that
#     does not exist, a directory that became read-only, a write cut off
#     half-way (the file size limit, as a full disk would) and a FILE that
#     is a directory all exit 3 and keep the FILE that was there before;
#   - a failed write to stdout (> /dev/full, a closed stdout) exits 3 with
#     a message, in every format;
#   - a failed --append is cut back to the rows that were there.
#
# Usage (ctest does this): bash export_output.sh BIN SRCDIR
# As root (CI), the read-only directory is tried as user nobody (setpriv),
# since root writes into read-only directories.
set -euo pipefail

BIN=${1:?usage: export_output.sh BIN SRCDIR}
SRC=${2:?usage: export_output.sh BIN SRCDIR}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/communique-output.XXXXXX")
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap 'e2e_cleanup; chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
. "$SRC/tests/data/golden/archive.sh"
export SOURCE_DATE_EPOCH=$GOLDEN_EPOCH
DB=$(e2e_db "$T/archive.db")
STEP=
FORMATS="csv json jsonl html timelinejs markdown icews"

fail() {
	echo "FAIL [$STEP]: $*" >&2
	[ -s "$T/err" ] && { echo "--- stderr of the last command:" >&2; head -n 20 "$T/err" >&2; }
	exit 1
}
step() { STEP=$1; echo "# $1"; }
run() {
	set +e
	"$@" >"$T/out" 2>"$T/err"
	RC=$?
	set -e
}
expect_rc() { [ "$RC" -eq "$1" ] || fail "expected exit code $1, got $RC"; }
expect_err() { grep -Eq -- "$1" "$T/err" || fail "stderr lacks /$1/"; }
# No temporary file of an export is left in DIR.
no_temp() { ! ls -A "$1" | grep -q 'communique-tmp-' || fail "a temporary file was left in $1: $(ls -A "$1")"; }

golden_archive "$BIN" "$SRC" "$DB" || fail "import"

step "-o FILE: the same bytes as stdout, and no temporary file"
mkdir "$T/ok"
for f in $FORMATS; do
	run "$BIN" --db "$DB" export -f "$f" -o "$T/ok/out.$f"
	expect_rc 0
	[ ! -s "$T/out" ] || fail "$f: -o also wrote to stdout"
	"$BIN" --db "$DB" export -f "$f" | cmp -s - "$T/ok/out.$f" || fail "$f: -o FILE differs from stdout"
done
no_temp "$T/ok"
[ "$(ls -A "$T/ok" | wc -l)" -eq 7 ] || fail "unexpected files: $(ls -A "$T/ok")"

step "-o FILE in a directory that does not exist"
run "$BIN" --db "$DB" export -f csv -o "$T/missing/sub/out.csv"
expect_rc 3
expect_err "cannot write '.*missing/sub/out.csv"
[ ! -e "$T/missing" ] || fail "the directory was created"

step "-o FILE that is a directory"
mkdir -p "$T/isdir/out.json"
run "$BIN" --db "$DB" export -f json -o "$T/isdir/out.json"
expect_rc 3
[ -d "$T/isdir/out.json" ] && [ -z "$(ls -A "$T/isdir/out.json")" ] || fail "the directory was changed"
no_temp "$T/isdir"

step "-o FILE in a directory that became read-only keeps the old FILE"
mkdir "$T/ro"
echo "the previous export" >"$T/ro/out.html"
chmod 555 "$T/ro"
if [ "$(id -u)" -ne 0 ]; then
	run "$BIN" --db "$DB" export -f html -o "$T/ro/out.html"
elif command -v setpriv >/dev/null; then
	# nobody needs to reach the binary, its libraries and the archive.
	mkdir "$T/nobody"
	cp "$BIN" "$T/nobody/communique"
	# (On PostgreSQL the database itself: the cluster is nobody's.)
	NOBODY_DB=$DB
	if ! e2e_pg; then
		NOBODY_DB=$T/nobody/archive.db
		cp "$DB" "$NOBODY_DB"
	fi
	chmod 755 "$T" "$T/nobody" "$T/nobody/communique"
	e2e_pg || chmod 644 "$NOBODY_DB"
	chmod 777 "$T/nobody"
	run setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$T/nobody/communique" --db "$NOBODY_DB" export -f html -o "$T/ro/out.html"
else
	fail "running as root without setpriv (util-linux): cannot make a directory read-only for the export"
fi
expect_rc 3
expect_err "cannot write '.*ro/out.html' \\(through '.*ro/\\.communique-tmp-[0-9]+-out\\.html'\\): Permission denied"
[ "$(cat "$T/ro/out.html")" = "the previous export" ] || fail "the old file was changed"
no_temp "$T/ro"
chmod 755 "$T/ro"

step "-o FILE cut off half-way (file size limit) keeps the old FILE"
# A long title makes the export large whatever the archive holds: the file
# size limit must stay above what SQLite needs to open the archive (its
# shared-memory file is 32 KiB) and fall inside the export.
TITLE=$(head -c 60000 /dev/zero | tr '\0' 'x')
mkdir "$T/cut"
for f in html markdown; do
	"$BIN" --db "$DB" export -f "$f" --title "$TITLE" -o "$T/cut/whole.$f" || fail "$f: whole export"
	limit=$(($(wc -c <"$T/cut/whole.$f") / 1024 - 4))
	[ "$limit" -ge 40 ] || fail "$f: the export is too small to cut off half-way"
	echo "the previous export" >"$T/cut/out.$f"
	# Ignoring SIGXFSZ turns the limit into a write error (EFBIG), as a full disk gives.
	run bash -c 'ulimit -f "$1"; trap "" XFSZ; exec "$2" --db "$3" export -f "$4" --title "$5" -o "$6"' _ \
		"$limit" "$BIN" "$DB" "$f" "$TITLE" "$T/cut/out.$f"
	expect_rc 3
	expect_err "cannot write the $f export to .*out.$f: File too large"
	[ "$(cat "$T/cut/out.$f")" = "the previous export" ] || fail "$f: the old file was replaced or truncated"
done
no_temp "$T/cut"

step "--append cut off half-way is cut back to the rows that were there"
# Rows enough to pass SQLite's minimum, then a limit just above them: the
# appended rows cannot all fit.
[ "$(wc -l <"$T/ok/out.csv")" -gt 1 ] || fail "the archive exports no rows"
cp "$T/ok/out.csv" "$T/cut/rows.csv"
while [ "$(wc -c <"$T/cut/rows.csv")" -lt $((40 * 1024)) ]; do
	tail -n +2 "$T/ok/out.csv" >>"$T/cut/rows.csv"
done
cp "$T/cut/rows.csv" "$T/cut/rows.before"
limit=$(($(wc -c <"$T/cut/rows.csv") / 1024 + 1))
run bash -c 'ulimit -f "$1"; trap "" XFSZ; exec "$2" --db "$3" export -f csv --append -o "$4"' _ \
	"$limit" "$BIN" "$DB" "$T/cut/rows.csv"
expect_rc 3
expect_err "File too large"
cmp -s "$T/cut/rows.csv" "$T/cut/rows.before" || fail "a failed --append left part of its rows"

step "a failed write to stdout exits 3 in every format"
for f in $FORMATS; do
	run bash -c 'exec "$1" --db "$2" export -f "$3" >/dev/full' _ "$BIN" "$DB" "$f"
	expect_rc 3
	expect_err "No space left on device"
done
run bash -c 'exec "$1" --db "$2" export -f json >&-' _ "$BIN" "$DB"
expect_rc 3
expect_err "cannot write"

step "a failed export to stdout leaves the cursor of --since-last where it was"
run bash -c 'exec "$1" --db "$2" export -f jsonl --since-last feed >/dev/full' _ "$BIN" "$DB"
expect_rc 3
"$BIN" --db "$DB" export -f jsonl --since-last feed >"$T/feed.jsonl" || fail "export after the failure"
[ "$(wc -l <"$T/feed.jsonl")" -eq "$(wc -l <"$T/ok/out.jsonl")" ] || fail "the failed export moved the cursor"
echo "export_output: ok"
