#!/usr/bin/env bash
# stats, check and backup: a backup taken while an update runs is a
# consistent archive, and restoring it then updating completes the work.
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$2
T=$(mktemp -d)
upd=
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap 'e2e_cleanup; kill $upd 2>/dev/null; wait $upd 2>/dev/null; rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
cp -r "$SRC/tests/data/update/." "$T/"
cd "$T" || exit 1
DB=$(e2e_db archive.db)
cu() { "$BIN" --db "$DB" "$@"; }

cu check >/dev/null 2>&1; [ $? -eq 3 ] || fail "check of a missing archive should exit 3"
! e2e_exists "$DB" || fail "check created an archive"
cu update || fail "update"

cu stats >out || fail "stats"
grep -q "^archive: 5 reports from 2 agencies" out || { cat out; fail "stats: totals"; }
grep -q "^reports published 2015-01-13 .. 2015-02-06" out || { cat out; fail "stats: span"; }
grep -Eq "^  TASS +3 " out || { cat out; fail "stats: by agency"; }
grep -Eq "^  2015-01 +2 " out || { cat out; fail "stats: by month"; }
grep -Eq "^  Sergei Lavrov \(RUS\) +[0-9]+" out || { cat out; fail "stats: actors"; }
grep -q "^by event type" out || fail "stats: types"

cu check >out || { cat out; fail "check of a good archive"; }
grep -q "ok" out || fail "check says nothing"

# Backups while a large update runs.
if e2e_sqlite_only "backup copies the archive's file (on a server, pg_dump or communique copy: backup refuses a URI)"; then
mkdir -p inbox/bulk
for i in $(seq 1 1500); do
	printf 'Lavrov holds consultations in Moscow, round %d\n\nMOSCOW, April %d, 2015. /TASS/. Russian Foreign Minister Sergei Lavrov held consultations with Chinese Foreign Minister Wang Yi in Moscow on Tuesday, round %d.\n' "$i" $((i % 28 + 1)) "$i" > inbox/bulk/r$i.txt
done
cu update --batch 10 &
upd=$!
n=0
while kill -0 "$upd" 2>/dev/null && [ $n -lt 20 ]; do
	n=$((n + 1))
	cu backup "backup-$n.db" || fail "backup $n during the update"
	"$BIN" --db "backup-$n.db" check >/dev/null || fail "backup $n does not pass check"
done
wait "$upd" || fail "the update during backups failed"
upd=
[ $n -ge 1 ] || fail "no backup was taken during the update"
ls -A . | grep -q communique-tmp- && fail "a backup left a temporary file"

# Restore: stop updates, replace the archive and its WAL files, check, update.
total=$(cu reports | wc -l)
rm -f "$DB" "$DB-wal" "$DB-shm"
cp backup-1.db "$DB"
cu check >/dev/null || fail "the restored archive does not pass check"
cu update || fail "update after restore"
[ "$(cu reports | wc -l)" -eq "$total" ] || fail "after restore and update: $(cu reports | wc -l) reports, expected $total"
fi

# A backup over an existing file replaces it; a bad target fails cleanly.
if e2e_sqlite_only "backup (a file's copy)"; then
	cu backup backup-1.db || fail "backup over an existing file"
	cu backup /nonexistent/dir/b.db 2>err; [ $? -eq 3 ] || fail "backup to an impossible path"
	grep -q "cannot back up" err || { cat err; fail "backup error message"; }
else
	# On a server backup refuses at once, saying what to use instead.
	cu backup b.db 2>err; [ $? -eq 2 ] || fail "backup of a server's archive: not refused"
	grep -q "pg_dump" err || { cat err; fail "backup's refusal does not name pg_dump"; }
fi

# check finds broken rules (needs the sqlite3 shell to break them).
# (On PostgreSQL the archive itself is broken: it is not used after this.)
if e2e_pg || command -v sqlite3 >/dev/null; then
	BROKEN=$DB
	if ! e2e_pg; then
		BROKEN=broken.db
		cp "$DB" "$BROKEN"
	fi
	e2e_sql "$BROKEN" "DELETE FROM event_reports WHERE event_id = (SELECT min(id) FROM events);"
	"$BIN" --db "$BROKEN" check >out 2>err; rc=$?
	[ $rc -eq 1 ] || fail "check of a broken archive: exit $rc"
	grep -q "has no source report" out || { cat out; fail "check: orphan event not found"; }
fi
echo ok
