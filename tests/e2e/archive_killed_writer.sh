#!/usr/bin/env bash
# A writer killed in the middle of a transaction leaves work for the next
# connection that may write: a hot rollback journal (an archive killed while
# being created, before it turns to WAL) or a WAL index to rebuild. Read-only
# commands (check, events, reports, export) must still read the archive, and
# read it as it was before the killed transaction, instead of failing with
# "attempt to write a readonly database".
set -u
BIN=$1
ROOT=$2
T=$(mktemp -d)
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap 'e2e_cleanup; rm -rf "$T"' EXIT
e2e_sqlite_script "a hot rollback journal and a WAL index left by a killed writer are SQLite's files (a server rolls back a killed session itself: pg_lock and update_kill kill writers there)"
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is needed to play the killed writer"; exit 1; }

DB=$(e2e_db "$T/archive.db")
"$BIN" --db "$DB" ingest "$ROOT/samples" >/dev/null 2>&1 || fail "import of the samples failed"
before=$("$BIN" --db "$DB" events) || fail "events failed before the kill"

# The killed writer: a rollback-journal transaction whose changed pages
# spilled into the file (a cache of 2 pages), then SIGKILL.
kill_writer() {
	python3 - "$DB" "$1" <<'PY'
import os, signal, sqlite3, sys
db, mode = sys.argv[1], sys.argv[2]
c = sqlite3.connect(db, isolation_level=None)
c.execute("PRAGMA journal_mode=%s" % mode)
c.close()
pid = os.fork()
if pid == 0:
    c = sqlite3.connect(db, isolation_level=None)
    c.execute("PRAGMA cache_size=2")
    if mode == "WAL":
        c.execute("PRAGMA wal_autocheckpoint=0")
    c.execute("BEGIN IMMEDIATE")
    c.execute("UPDATE events SET summary = summary || ' (killed writer)'")
    c.execute("UPDATE reports SET title = title || ' (killed writer)'")
    os.kill(os.getpid(), signal.SIGKILL)
os.waitpid(pid, 0)
PY
}

kill_writer DELETE
[ -s "$DB-journal" ] || fail "the killed writer left no journal: the test proves nothing"
"$BIN" --db "$DB" check >"$T/check" 2>&1 || { cat "$T/check"; fail "check refused an archive with a hot journal"; }
after=$("$BIN" --db "$DB" events 2>"$T/err") || { cat "$T/err"; fail "events refused an archive with a hot journal"; }
[ "$after" = "$before" ] || fail "events after the killed writer differ from before it"
! "$BIN" --db "$DB" reports | grep -q "killed writer" || fail "the killed transaction's titles are visible"
[ ! -e "$DB-journal" ] || [ ! -s "$DB-journal" ] || fail "the hot journal is still there"

# The same in WAL mode (what the archive uses after creation): the killed
# transaction never committed, so nothing of it is seen.
kill_writer WAL
"$BIN" --db "$DB" check >"$T/check" 2>&1 || { cat "$T/check"; fail "check failed after a killed WAL writer"; }
after=$("$BIN" --db "$DB" events) || fail "events failed after a killed WAL writer"
[ "$after" = "$before" ] || fail "events after the killed WAL writer differ from before it"

# A reader that may not write the file is refused with SQLite's message, not
# a crash (root may write anything: only checked as another user).
if [ "$(id -u)" -ne 0 ]; then
	kill_writer DELETE
	chmod a-w "$DB"
	"$BIN" --db "$DB" events >/dev/null 2>"$T/err" && fail "a read-only file with a hot journal was read without rolling back"
	grep -q "archive" "$T/err" || { cat "$T/err"; fail "the refusal does not name the archive"; }
	chmod u+w "$DB"
fi
echo "ok"
