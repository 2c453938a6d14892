#!/usr/bin/env bash
# A failure that rolls the whole batch back (here a trigger's RAISE(ROLLBACK)
# on the aliases the import records after each report; SQLite does the same
# when memory runs out) stops the run: nothing is written outside the batch,
# no file is remembered without its report, and the next clean run imports
# every report. Before, the run went on in autocommit and remembered the
# file whose report had gone with the batch: that report was never imported.
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$(cd "$2" && pwd)
if [ "${COMMUNIQUE_TEST_BACKEND:-sqlite}" = pg ]; then
	# PostgreSQL aborts the transaction on any error; nothing runs after it.
	echo "SKIP on PostgreSQL: a batch rolled back behind the store's back is SQLite's"
	exit 77
fi
command -v sqlite3 >/dev/null || { echo "SKIP: sqlite3 not installed"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
cd "$T" || exit 1
mkdir inbox
cp "$SRC"/samples/*.txt inbox/
n=$(ls inbox | wc -l)
printf '[inbox]\nkind = dir\npath = %s\n' "$T/inbox" >sources.conf
inject() { sqlite3 "$1" "CREATE TRIGGER no_alias BEFORE INSERT ON actor_aliases
	BEGIN SELECT RAISE(ROLLBACK, 'injected failure'); END;"; }
heal() { sqlite3 "$1" "DROP TRIGGER no_alias"; }

# update: the run fails and says why; the clean run after it imports all.
"$BIN" --db u.db update --sources sources.conf --dry-run >/dev/null || fail "cannot create the archive"
inject u.db
"$BIN" --db u.db update --sources sources.conf >out 2>err; rc=$?
[ $rc -ne 0 ] || fail "update: exit 0 though its batch was rolled back"
grep -q "injected failure" err || { cat err; fail "update: the message does not say what failed"; }
[ "$(sqlite3 u.db 'SELECT count(*) FROM source_files')" = 0 ] ||
	fail "update: files remembered after the batch was rolled back"
heal u.db
"$BIN" --db u.db update --sources sources.conf >/dev/null 2>&1 || fail "clean update failed"
got=$("$BIN" --db u.db reports | grep -c '^r[0-9]')
[ "$got" = "$n" ] || fail "update: $got reports after a clean run, expected $n"
"$BIN" --db u.db check >/dev/null || fail "update: check fails"

# ingest: the same failure is the batch's, not one report's.
"$BIN" --db i.db ingest inbox/"$(ls inbox | head -1)" >/dev/null 2>&1 || fail "cannot create the ingest archive"
inject i.db
"$BIN" --db i.db ingest inbox >out 2>err; rc=$?
[ $rc -ne 0 ] || fail "ingest: exit 0 though its batch was rolled back"
grep -q "injected failure" err || { cat err; fail "ingest: the message does not say what failed"; }
[ "$("$BIN" --db i.db reports | grep -c '^r[0-9]')" = 1 ] || fail "ingest: reports written outside the batch"
heal i.db
"$BIN" --db i.db ingest inbox >/dev/null 2>&1 || fail "clean ingest failed"
got=$("$BIN" --db i.db reports | grep -c '^r[0-9]')
[ "$got" = "$n" ] || fail "ingest: $got reports after a clean run, expected $n"
echo ok
