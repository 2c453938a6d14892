#!/usr/bin/env bash
# communique update from a sources file: silent on success, --summary,
# --verbose, --dry-run, --source, exit codes, the run record, --log, and
# new / touched / changed / broken files and a missing source.
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$2
T=$(mktemp -d)
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap 'e2e_cleanup; rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
cp -r "$SRC/tests/data/update/." "$T/"
cd "$T" || exit 1
DB=$(e2e_db archive.db)
cu() { "$BIN" --db "$DB" "$@"; }

# A sources file with a mistake names the line; nothing is done.
cu update --sources bad-sources.conf >out 2>err; rc=$?
[ $rc -eq 2 ] || fail "bad sources file: exit $rc, expected 2"
grep -q "bad-sources.conf:4: unknown key 'paht'" err || { cat err; fail "the error does not name the line"; }
! e2e_exists "$DB" || fail "a bad sources file created the archive"

# Dry run: says what would be imported, imports nothing.
cu update --dry-run >out 2>err; rc=$?
[ $rc -eq 0 ] || { cat err; fail "dry run: exit $rc"; }
grep -q "would import 'Lavrov and Kerry discuss Ukraine settlement by phone'" out || { cat out; fail "dry run does not list a new report"; }
grep -q "dry run: 2 sources, would import 5, would replace 0, unchanged 0, failed 0" out || { cat out; fail "dry run summary"; }
grep -q "desk-notes" out && fail "an excluded file was considered"
[ "$(cu reports | wc -l)" -eq 0 ] || fail "dry run imported reports"

# First run: silent, exit 0, everything in.
cu update >out 2>err; rc=$?
[ $rc -eq 0 ] || { cat err; fail "first update: exit $rc"; }
[ ! -s out ] || { cat out; fail "a successful update printed on stdout"; }
[ "$(cu reports | wc -l)" -eq 5 ] || fail "expected 5 reports after the first update"

# Second run: all unchanged, one summary line.
cu update --summary >out 2>err || fail "second update failed"
[ "$(wc -l < out)" -eq 1 ] || { cat out; fail "--summary is not one line"; }
grep -qx "update: 2 sources, imported 0, replaced 0, unchanged 4, failed 0" out || { cat out; fail "second run summary"; }

# A touched file (same bytes) is not imported again; a corrected one replaces.
touch -d '2015-03-01 12:00:00' inbox/2015-01/wang-yi-visit.txt
sed -i 's/eastern Ukraine, the Russian foreign ministry said/eastern Ukraine, the Russian foreign ministry said in a statement/' inbox/2015-01/lavrov-kerry-call.txt
cu update --verbose >out 2>err || { cat err; fail "update after edits failed"; }
grep -q "^tass-inbox: ok, imported 0, replaced 1, unchanged 2, failed 0 (2 files read, 1 skipped)" out || { cat out; fail "touched/changed files"; }
[ "$(cu reports | wc -l)" -eq 5 ] || fail "a corrected report was stored twice"

# A broken file: exit 1, the error on stderr naming the file, the rest in;
# the next run does not repeat it while the file stays as it is.
: > inbox/2015-02/empty.txt
printf 'Lavrov meets Kishida in Tokyo\n\nTOKYO, February 12, 2015. /TASS/. Russian Foreign Minister Sergei Lavrov held talks with Japanese Foreign Minister Fumio Kishida in Tokyo on Thursday.\n' > inbox/2015-02/kishida.txt
cu update --log update.log >out 2>err; rc=$?
[ $rc -eq 1 ] || fail "a broken file: exit $rc, expected 1"
grep -q "error: tass-inbox: .*empty.txt: empty report" err || { cat err; fail "the broken file's error"; }
[ ! -s out ] || fail "stdout not silent on partial failure"
[ "$(cu reports | wc -l)" -eq 6 ] || fail "the good new file did not go in"
cu update --log update.log >out 2>err; rc=$?
[ $rc -eq 0 ] || { cat err; fail "an unchanged broken file failed again (exit $rc)"; }

# The log: UTC ISO 8601 stamps, the error, the end of each run.
grep -Eq '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z update\[[0-9]+\]: start' update.log || { cat update.log; fail "log lines are not stamped in UTC"; }
grep -q "error: tass-inbox: .*empty.txt: empty report" update.log || fail "the error is not in the log"
[ "$(grep -c 'done, exit' update.log)" -eq 2 ] || fail "the log does not end each run"

# The runs record it all.
cu runs --last 2 >out || fail "runs failed"
grep -q "exit 1" out || { cat out; fail "runs: the failed run"; }
grep -q "empty.txt: empty report" out || { cat out; fail "runs: the error"; }
grep -q "^  tass-inbox *partial" out || { cat out; fail "runs: per source status"; }
[ "$(grep -c '^run ' out)" -eq 2 ] || fail "runs --last 2"

# A missing source fails, the others still run; --source limits the run.
cat >> sources.conf <<CONF

[gone]
kind = dir
path = /nonexistent/inbox
CONF
cu update --summary >out 2>err; rc=$?
[ $rc -eq 1 ] || fail "missing source: exit $rc"
grep -q "gone: /nonexistent/inbox: cannot open the source" err || { cat err; fail "missing source message"; }
grep -q "update: 3 sources, .*(1 source could not be read)" out || { cat out; fail "missing source summary"; }
cu update --source mfa-feed --summary >out 2>err || fail "--source failed"
grep -q "update: 1 source," out || { cat out; fail "--source did not limit the run"; }
cu update --source nosuch >/dev/null 2>err; [ $? -eq 2 ] || fail "--source with an unknown name"

cu check >/dev/null || fail "check after the updates"
echo ok
