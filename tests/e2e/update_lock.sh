#!/usr/bin/env bash
# Two updates at once: the second exits at once with EXIT_LOCKED (4), or
# waits with --wait for the first to finish. The lock is ARCHIVE.lock.
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$2
T=$(mktemp -d)
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap 'e2e_cleanup; kill $holder 2>/dev/null; rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
cp -r "$SRC/tests/data/update/." "$T/"
cd "$T" || exit 1
DB=$(e2e_db archive.db)
holder=

e2e_pg || command -v flock >/dev/null || { echo "skipped: flock(1) (util-linux) is not installed"; exit 0; }

# Another process holds the lock (as a running update does) for 8 seconds.
e2e_hold_lock "$DB" 8
holder=$E2E_HOLDER

"$BIN" --db "$DB" update >out 2>err; rc=$?
[ $rc -eq 4 ] || { cat err; fail "second update: exit $rc, expected 4"; }
grep -q "another update is running" err || { cat err; fail "the message"; }
# (Refused while the holder still holds it: it did not wait. No clock: a
# loaded machine may take seconds to start a process.)
kill -0 "$holder" 2>/dev/null || fail "without --wait the second update waited for the lock"

"$BIN" --db "$DB" update --wait 1 >out 2>err; rc=$?
[ $rc -eq 4 ] || fail "--wait 1 while the lock is held: exit $rc"

"$BIN" --db "$DB" update --wait 20 --summary >out 2>err; rc=$?
[ $rc -eq 0 ] || { cat err; fail "--wait 20: exit $rc"; }
grep -q "^update: " out || fail "--wait 20 did not run the update"
wait "$holder" 2>/dev/null
holder=

# A dry run takes no lock; --help documents the exit code.
e2e_hold_lock "$DB" 2
holder=$E2E_HOLDER
"$BIN" --db "$DB" update --dry-run >/dev/null 2>&1 || fail "a dry run waited for the lock"
"$BIN" update --help | grep -q "4 another update is running" || fail "--help does not document exit code 4"
echo ok
