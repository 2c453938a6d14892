#!/usr/bin/env bash
# The writer lock on PostgreSQL (issue 15): a session advisory lock on the
# archive's application id (0x436d6e71), not a lock file. A second writer
# exits with EXIT_LOCKED (4) or waits with --wait; a holder killed with -9
# lets go (the server ends its session). A URI is never taken for a path (no
# ".lock" or other companion file appears), its password never shows in a
# message, and backup refuses it. Needs the cluster of the ctest fixture pg
# (COMMUNIQUE_TEST_PG); exits 77 (skipped) without one.
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$2
[ -n "${COMMUNIQUE_TEST_PG:-}" ] || { echo "skipped: COMMUNIQUE_TEST_PG is not set"; exit 77; }
PSQL=psql
[ -n "${PG_BINDIR:-}" ] && [ -x "$PG_BINDIR/psql" ] && PSQL=$PG_BINDIR/psql
command -v "$PSQL" >/dev/null || { echo "skipped: psql is not installed"; exit 77; }
T=$(mktemp -d)
holder=
trap '[ -n "$holder" ] && kill -9 $holder 2>/dev/null; rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
cp -r "$SRC/tests/data/update/." "$T/"
cd "$T" || exit 1
KEY=$((0x436d6e71))
URI=$COMMUNIQUE_TEST_PG
# The same database with a password in the URI (the test cluster trusts the
# socket: the password is never checked, only never shown).
PWURI=${URI/communique@/communique:s3cretpw@}
[ "$PWURI" != "$URI" ] || fail "cannot put a password in '$URI'"

# Holds the lock from another session, idle between statements as a
# writer's lock connection is (a backend busy in a query would notice its
# client's death only when the query ends).
hold() {
	mkfifo "$T/holder.in"
	"$PSQL" -qAt "$URI" <"$T/holder.in" >/dev/null 2>&1 &
	holder=$!
	exec 3>"$T/holder.in"
	echo "SELECT pg_advisory_lock($KEY);" >&3
	for _ in $(seq 50); do
		# (This database's only: the e2e.pg.* scripts hold locks in databases of
		# their own on the same cluster at the same time.)
		n=$("$PSQL" -qAt "$URI" -c "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND granted")
		[ "$n" = 1 ] && return 0
		sleep 0.1
	done
	fail "the holder did not take the lock"
}

hold
# Without --wait the second writer does not wait: a writer that waited for
# the lock, which is never let go here, would be ended by timeout (124). (No
# clock: on a loaded machine connecting alone may take seconds.)
timeout 60 "$BIN" --db "$PWURI" update --sources sources.conf >out 2>err; rc=$?
[ $rc -ne 124 ] || fail "without --wait the second writer waited for the lock"
[ $rc -eq 4 ] || { cat err; fail "second writer: exit $rc, expected 4"; }
grep -q "another update is running (the writer lock of 'postgresql://communique:\*\*\*@" err ||
	{ cat err; fail "the lock's message"; }

"$BIN" --db "$PWURI" update --sources sources.conf --wait 1 >out 2>>err; rc=$?
[ $rc -eq 4 ] || { cat err; fail "--wait 1 while the lock is held: exit $rc"; }

# kill -9 of the holder: the server ends its session and the lock with it;
# a writer waiting for it gets it (and then goes on: whatever it does next,
# it is not "locked").
kill -9 "$holder"
wait "$holder" 2>/dev/null
holder=
exec 3>&-
"$BIN" --db "$PWURI" update --sources sources.conf --wait 10 >out 2>>err; rc=$?
[ $rc -ne 4 ] || { cat err; fail "the lock of a killed holder was kept"; }

# The lock is released when the writer ends: nothing holds it now.
n=$("$PSQL" -qAt "$URI" -c "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")
[ "$n" = 0 ] || fail "$n advisory locks left after the writers ended"

# backup: the server's tools do that.
"$BIN" --db "$PWURI" backup copy.db >out 2>>err; rc=$?
[ $rc -eq 2 ] || { cat err; fail "backup of a URI: exit $rc, expected 2"; }
grep -q "backup: 'postgresql://communique:\*\*\*@.*pg_dump" err || { cat err; fail "backup's message"; }
[ ! -e copy.db ] || fail "backup of a URI wrote copy.db"

# Whatever each command said, the password never shows, and no file was
# made for the URI (no .lock, -wal, -shm, no directory postgresql:).
"$BIN" --db "$PWURI" check >>out 2>>err
"$BIN" --db "$PWURI" event edit e1 --summary x >>out 2>>err
if grep -q s3cretpw out err; then grep s3cretpw out err; fail "the password shows in a message"; fi
left=$(find . -name 'postgres*' -o -name '*.lock' -o -name '*-wal' -o -name '*-shm')
[ -z "$left" ] || fail "files made for a URI: $left"
echo ok
