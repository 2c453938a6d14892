#!/usr/bin/env bash
# End-to-end: what `ingest` does with unusual and bad inputs. Proves that a
# bare paragraph goes in with --date, that standard input and a pipe work,
# and that each bad input (empty, binary, missing, dangling symlink,
# unreadable, 100 MB) is refused with a message naming the file while the
# rest of the batch still goes in and the exit code is 1; and that a 100 MB
# input is handled in bounded memory.
#
# Usage (ctest does this): bash archive_inputs.sh BIN SRCDIR
# Needs only bash and coreutils; uses /usr/bin/time and setpriv when present.
set -euo pipefail

BIN=${1:?usage: archive_inputs.sh BIN SRCDIR}
SRC=${2:?usage: archive_inputs.sh BIN SRCDIR}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/communique-e2e.XXXXXX")
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap 'e2e_cleanup; chmod -R u+rwx "$T" 2>/dev/null || true; rm -rf "$T"' EXIT
export SOURCE_DATE_EPOCH=1700000000
STEP=

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
skip() { echo "# SKIP [$STEP]: $*"; }
run() {
	set +e
	"$@" >"$T/out" 2>"$T/err"
	RC=$?
	set -e
}
expect_rc() { [ "$RC" -eq "$1" ] || fail "expected exit code $1, got $RC"; }
expect_out() { grep -Eq -- "$1" "$T/out" || fail "stdout lacks /$1/"; }
expect_err() { grep -Eq -- "$1" "$T/err" || fail "stderr lacks /$1/"; }
# An error line on stderr that names the file ($1) and says why (/$2/).
expect_err_for() {
	grep -F -- "$1" "$T/err" | grep -Eqi -- "$2" ||
		fail "no error naming '$1' with /$2/ on stderr"
}
SAMPLE=$SRC/samples/afp_france_recalls_ambassadors_2021.txt
SAMPLE2=$SRC/samples/tass_putin_abe_tokyo_2016.txt
if [ ! -r "$SAMPLE" ] || [ ! -r "$SAMPLE2" ]; then
	STEP=setup
	fail "samples missing under $SRC/samples"
fi

step "--date gives a bare paragraph its day"
printf '%s\n' "Foreign ministers of France and Germany met in Paris on Monday to discuss" \
	"support for Ukraine and the next round of sanctions against Russia." >"$T/bare.txt"
run "$BIN" --db "$(e2e_db "$T/dated.db")" ingest --date 2000-01-01 "$T/bare.txt"
expect_rc 0
expect_out '^imported 1, unchanged 0, replaced 0, failed 0$'
run "$BIN" --db "$(e2e_db "$T/dated.db")" reports --json
expect_rc 0
expect_out '"published": "2000-01-01T00:00:00Z"'
expect_out '"published_precision": "day"'
# Without --date it still goes in, with a warning and no date.
run "$BIN" --db "$(e2e_db "$T/undated.db")" ingest "$T/bare.txt"
expect_rc 0
expect_out '^imported 1, unchanged 0, replaced 0, failed 0$'
expect_err_for bare.txt 'no date'
run "$BIN" --db "$(e2e_db "$T/undated.db")" reports --json
expect_out '"published": null'
# A --date that is no date is a usage error.
run "$BIN" --db "$(e2e_db "$T/dated.db")" ingest --date 2000-13-01 "$T/bare.txt"
expect_rc 2
run "$BIN" --db "$(e2e_db "$T/dated.db")" ingest --date 2000-1 "$T/bare.txt"
expect_rc 2

step "--date YYYY-MM and YYYY date a report at that precision"
# A yearless dateline takes its year from a month; the events then have days.
printf '%s\n' "TOKYO, Sept. 25 (Kyodo) -- Japan's foreign minister held talks with his" \
	"Chinese counterpart in Tokyo on Friday and the two signed a memorandum." >"$T/kyodo.txt"
run "$BIN" --db "$(e2e_db "$T/month1.db")" ingest --date 2015-09 "$T/kyodo.txt"
expect_rc 0
run "$BIN" --db "$(e2e_db "$T/month1.db")" reports --json
expect_out '"published": "2015-09-25'
# A paragraph with no date of its own: its events get the month, no more.
run "$BIN" --db "$(e2e_db "$T/month2.db")" ingest --date 2015-09 "$T/bare.txt"
expect_rc 0
expect_out '^imported 1, unchanged 0, replaced 0, failed 0$'
run "$BIN" --db "$(e2e_db "$T/month2.db")" export --format json --status all
expect_rc 0
expect_out '"date": "2015-09", "date_precision": "month"'
if grep -q '"date": "2015-09-' "$T/out"; then fail "a day finer than --date 2015-09"; fi
# A dateline that names no agency (Reuters-21578: "ATHENS, March 2 -")
# leaves the agency to --agency.
printf '%s\n' "ATHENS, March 2 - Greece protested to Turkey over a survey ship in the Aegean" \
	"and recalled its ambassador for consultations." >"$T/athens.txt"
run "$BIN" --db "$(e2e_db "$T/athens.db")" ingest --date 1987-03 --agency Reuters "$T/athens.txt"
expect_rc 0
run "$BIN" --db "$(e2e_db "$T/athens.db")" reports --json
expect_out '"agency": "Reuters"'
expect_out '"published": "1987-03-02'
run "$BIN" --db "$(e2e_db "$T/year.db")" ingest --date 2015 "$T/bare.txt"
expect_rc 0
run "$BIN" --db "$(e2e_db "$T/year.db")" export --format json --status all
expect_out '"date": "2015", "date_precision": "year"'

step "standard input and pipes"
set +e
"$BIN" --db "$(e2e_db "$T/stdin.db")" ingest - <"$SAMPLE" >"$T/out" 2>"$T/err"
RC=$?
set -e
expect_rc 0
expect_out '^imported 1, unchanged 0, replaced 0, failed 0$'
set +e
# shellcheck disable=SC2002 # a pipe, not a file, on standard input
cat "$SAMPLE" | "$BIN" --db "$(e2e_db "$T/stdin.db")" ingest - >"$T/out" 2>"$T/err"
RC=$?
set -e
expect_rc 0
expect_out '^imported 0, unchanged 1, replaced 0, failed 0$'
# A named pipe, as `ingest <(curl ...)` gives one.
mkfifo "$T/pipe.txt"
# (The writer opens the pipe under timeout, so it cannot hang the test.)
# shellcheck disable=SC2016 # $1 and $2 are the inner shell's
timeout 60 sh -c 'cat "$1" >"$2"' writer "$SAMPLE2" "$T/pipe.txt" &
writer=$!
run timeout 60 "$BIN" --db "$(e2e_db "$T/stdin.db")" ingest "$T/pipe.txt"
wait "$writer" || true
expect_rc 0
expect_out '^imported 1, unchanged 0, replaced 0, failed 0$'
rm -f "$T/pipe.txt"

step "bad inputs are refused one by one; the rest of the batch goes in"
mkdir "$T/bad"
: >"$T/bad/empty.txt"
cp "$(type -P true)" "$T/bad/program.txt"
head -c 4096 /dev/zero >"$T/bad/zeros.txt"
ln -s "$T/bad/nowhere.txt" "$T/bad/dangling.txt"
cp "$SAMPLE" "$T/bad/good.txt"
run "$BIN" --db "$(e2e_db "$T/bad.db")" ingest "$T/bad/empty.txt" "$T/bad/program.txt" "$T/bad/zeros.txt" \
	"$T/missing.txt" "$T/bad/dangling.txt" "$T/bad/good.txt"
expect_rc 1
expect_out '^imported 1, unchanged 0, replaced 0, failed 5$'
expect_err_for empty.txt 'empty'
expect_err_for program.txt 'binary'
expect_err_for zeros.txt 'binary|empty|no report'
expect_err_for missing.txt 'no such file'
expect_err_for dangling.txt 'no such file|dangling|symlink'
run "$BIN" --db "$(e2e_db "$T/bad.db")" reports
expect_rc 0
expect_out 'France recalls ambassadors'
[ "$(wc -l <"$T/out")" -eq 1 ] || fail "only the good report should be stored"
# The same files found by walking a directory: the walk does not follow the
# dangling link into an error of its own, and the good file goes in.
run "$BIN" --db "$(e2e_db "$T/walk.db")" ingest "$T/bad"
expect_rc 1
expect_out '^imported 1, unchanged 0, replaced 0, failed [34]$'
expect_err_for empty.txt 'empty'
expect_err_for program.txt 'binary'

step "unreadable files and directories"
# Root reads whatever the mode says: as root the checks run as 'nobody'
# through setpriv, when that works here; otherwise they are skipped (the
# dangling link above already covers a file that cannot be opened).
AS=()
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv >/dev/null &&
		setpriv --reuid=65534 --regid=65534 --clear-groups "$BIN" --version >/dev/null 2>&1; then
		AS=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	else
		AS=(skip)
	fi
fi
if [ "${AS[0]:-}" = skip ]; then
	skip "running as root and cannot run '$BIN' as another user"
else
	mkdir -p "$T/perm/locked"
	cp "$SAMPLE" "$T/perm/secret.txt"
	cp "$SAMPLE" "$T/perm/locked/inside.txt"
	cp "$SAMPLE2" "$T/perm/good.txt"
	chmod 000 "$T/perm/secret.txt" "$T/perm/locked"
	mkdir "$T/permdb"
	if [ ${#AS[@]} -gt 0 ]; then
		chmod 755 "$T" "$T/perm"
		chown 65534 "$T/permdb"
	fi
	run "${AS[@]}" "$BIN" --db "$(e2e_db "$T/permdb/a.db")" ingest "$T/perm/secret.txt" "$T/perm/locked" \
		"$T/perm/good.txt"
	expect_rc 1
	expect_out '^imported 1, unchanged 0, replaced 0, failed 2$'
	expect_err_for secret.txt 'permission denied'
	expect_err_for locked 'permission denied'
	chmod 700 "$T"
fi

step "a 100 MB file: refused or imported, in bounded memory"
# (yes dies of SIGPIPE when head has enough: not a failure under pipefail.)
{ yes 'The ministers met again and agreed to keep in touch on all questions of mutual interest.' ||
	true; } | head -c 100000000 >"$T/huge.txt"
cp "$SAMPLE" "$T/small.txt"
limit_kb=$((400 * 1024))
if grep -qa '__asan_init' "$BIN"; then
	# AddressSanitizer's shadow memory and quarantine cost about twice the program's own.
	limit_kb=$((1200 * 1024))
fi
if [ -x /usr/bin/time ]; then
	run /usr/bin/time -v "$BIN" --db "$(e2e_db "$T/huge.db")" ingest "$T/huge.txt" "$T/small.txt"
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): *\([0-9]*\).*/\1/p' "$T/err")
	[ -n "$rss" ] || fail "/usr/bin/time gave no maximum resident set size"
	echo "# max RSS for a 100 MB input: $((rss / 1024)) MB (limit $((limit_kb / 1024)) MB)"
	[ "$rss" -lt "$limit_kb" ] || fail "ingest of 100 MB used $((rss / 1024)) MB"
else
	run "$BIN" --db "$(e2e_db "$T/huge.db")" ingest "$T/huge.txt" "$T/small.txt"
	skip "no /usr/bin/time: memory not measured"
fi
if grep -q '^imported 2, ' "$T/out"; then
	expect_rc 0
else
	expect_rc 1
	expect_out '^imported 1, unchanged 0, replaced 0, failed 1$'
	expect_err_for huge.txt 'too large|limit'
fi

echo "archive_inputs: all checks passed"
