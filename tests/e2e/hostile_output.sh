#!/usr/bin/env bash
# Hostile outputs and faults: outputs that are the archive itself, backups of
# a damaged archive, temporary files left by killed runs, read-only archives,
# formula cells, bidirectional text and terminal control characters.
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$2
T=$(mktemp -d)
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap 'e2e_cleanup; chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
cp -r "$SRC/tests/data/update/." "$T/"
cd "$T" || exit 1
DB=$(e2e_db archive.db)
cu() { "$BIN" --db "$DB" "$@"; }
sum() { sha256sum "$1" | cut -d' ' -f1; }

cu update >/dev/null 2>&1 || fail "update"

# ---- 1. an output that is the archive (by any name) is refused --------------
if e2e_sqlite_only "outputs that are the archive's file, its WAL or its journal (a server's archive has no file here)"; then
good=$(sum "$DB")
ln -s "$DB" link.db
ln "$DB" hard.db
for o in "$DB" "./$DB" link.db hard.db "$DB.lock"; do
	cu backup "$o" 2>err; rc=$?
	[ $rc -eq 2 ] || fail "backup to '$o' (the archive) exited $rc, expected 2"
	grep -q "is the archive" err || { cat err; fail "backup to '$o': message"; }
	cu export -f csv -o "$o" 2>err; rc=$?
	[ $rc -eq 2 ] || fail "export -o '$o' (the archive) exited $rc, expected 2"
	grep -q "is the archive" err || { cat err; fail "export -o '$o': message"; }
	cu export -f csv --append -o "$o" 2>/dev/null; rc=$?
	[ $rc -eq 2 ] || fail "export --append -o '$o' (the archive) exited $rc, expected 2"
done
[ -L link.db ] || fail "the symlink was replaced"
[ "$(sum "$DB")" = "$good" ] || fail "the archive changed"
cu check >/dev/null || fail "the archive no longer passes check"
rm -f link.db hard.db
# The WAL files beside it, which a writer (or a reader) keeps while it runs.
cu update >/dev/null 2>&1 &
w=$!
for i in $(seq 1 50); do [ -e "$DB-wal" ] && [ -e "$DB-shm" ] && break; sleep 0.1; done
# Whether they exist at this moment or not: they may by the time of the rename.
ln -s . here
for o in "$DB-wal" "$DB-shm" "./$DB-journal" "here/$DB-wal"; do
	cu backup "$o" 2>/dev/null; rc=$?
	[ $rc -eq 2 ] || fail "backup to '$o' exited $rc, expected 2"
	cu export -f csv -o "$o" 2>/dev/null; rc=$?
	[ $rc -eq 2 ] || fail "export -o '$o' exited $rc, expected 2"
done
wait $w
cu check >/dev/null || fail "the archive no longer passes check after outputs aimed at its WAL files"
good=$(sum "$DB")
# A file of the same name elsewhere, or a new file, is no archive.
mkdir -p other && cp "$DB" "other/$DB"
cu backup "other/$DB" || fail "backup over a copy elsewhere"
cu export -f csv -o new.csv || fail "export to a new file"
fi

# ---- 3. temporary files: named, removed on failure, swept when stale ---------
if ! e2e_sqlite_only "backup's temporary files (backup copies the archive's file): export's only"; then
	sh -c 'exit 0' & dead=$!; wait $dead
	mkdir -p out
	echo partial >"out/.communique-tmp-$dead-x.csv"
	cu export -f csv -o out/x.csv || fail "export beside stale temporary files"
	[ ! -e "out/.communique-tmp-$dead-x.csv" ] || fail "export left a stale temporary file"
	mkdir -p out/isdir.csv
	cu export -f csv -o out/isdir.csv 2>/dev/null; [ $? -eq 3 ] || fail "export onto a directory should exit 3"
	if ls -A out | grep -q communique-tmp; then fail "a failure left a temporary file: $(ls -A out)"; fi
else
# A pid that has ended, and one that runs.
sh -c 'exit 0' & dead=$!; wait $dead
sleep 60 & live=$!
trap 'e2e_cleanup; kill $live 2>/dev/null; chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
mkdir -p out
for n in "$dead-b.db" "$dead-b.db-journal" "$dead-x.csv" "$live-b.db"; do
	echo partial >"out/.communique-tmp-$n"
done
echo notours >"out/.communique-tmp-x-b.db"
cu backup out/b.db || fail "backup beside stale temporary files"
for n in "$dead-b.db" "$dead-b.db-journal" "$dead-x.csv"; do
	[ ! -e "out/.communique-tmp-$n" ] || fail "the stale temporary file .communique-tmp-$n was left"
done
[ -e "out/.communique-tmp-$live-b.db" ] || fail "the temporary file of a running process was removed"
[ -e "out/.communique-tmp-x-b.db" ] || fail "a file that only looks like a temporary one was removed"
echo partial >"out/.communique-tmp-$dead-x.csv"
cu export -f csv -o out/x.csv || fail "export beside stale temporary files"
[ ! -e "out/.communique-tmp-$dead-x.csv" ] || fail "export left a stale temporary file"
kill $live; wait $live 2>/dev/null
# Failures leave none: a target that is a directory, an export that cannot be renamed.
mkdir -p out/isdir.db out/isdir.csv
cu backup out/isdir.db 2>/dev/null; [ $? -eq 3 ] || fail "backup onto a directory should exit 3"
cu export -f csv -o out/isdir.csv 2>/dev/null; [ $? -eq 3 ] || fail "export onto a directory should exit 3"
rm -f "out/.communique-tmp-$live-b.db" out/.communique-tmp-x-b.db
if ls -A out | grep -q communique-tmp; then fail "a failure left a temporary file: $(ls -A out)"; fi
# A backup ended by SIGTERM while its copy exists removes the copy.
mkdir -p sig/inbox/bulk && cp sources.conf mfa-feed.xml sig/
for i in $(seq 1 600); do
	printf 'Lavrov holds consultations, round %d\n\nMOSCOW, April %d, 2015. /TASS/. Russian Foreign Minister Sergei Lavrov held consultations with Chinese Foreign Minister Wang Yi in Moscow, round %d.\n' "$i" $((i % 28 + 1)) "$i" >sig/inbox/bulk/r$i.txt
done
(cd sig && "$BIN" --db s.db update >/dev/null 2>&1) || fail "update of the signal test's archive"
caught=0
for a in $(seq 1 10); do
	"$BIN" --db sig/s.db backup sig/b.db 2>/dev/null &
	p=$!
	while kill -0 $p 2>/dev/null; do
		if ls -A sig | grep -q communique-tmp; then kill -TERM $p; caught=$((caught + 1)); break; fi
	done
	wait $p
	if ls -A sig | grep -q communique-tmp; then fail "a backup ended by SIGTERM left $(ls -A sig | grep communique-tmp)"; fi
done
[ $caught -ge 1 ] || echo "note: no backup was caught with its copy on disk (machine too fast?)" >&2
fi

# ---- 4. read-only archives and backups are read, and check changes nothing --
if e2e_sqlite_only "read-only archive files and backups, names of files"; then
cu backup ro-copy.db || fail "backup for the read-only tests"
before=$(sum ro-copy.db)
"$BIN" --db ro-copy.db check >/dev/null || fail "check of a backup"
[ "$(sum ro-copy.db)" = "$before" ] || fail "check modified the backup it checked"
ls -A | grep -q '^ro-copy.db-' && fail "check left files beside the backup: $(ls -A | grep '^ro-copy.db')"
# A backup in a directory its reader cannot write, mode 0444 (as nobody when
# run as root: root writes through any mode).
mkdir -p rodir && cp "$DB" rodir/archive.db && cp ro-copy.db rodir/backup.db
chmod 444 rodir/archive.db rodir/backup.db && chmod 555 rodir
as_reader() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv >/dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
		mkdir -p bin && cp "$BIN" bin/communique && chmod 755 "$T" bin bin/communique
		as_reader() { setpriv --reuid=65534 --regid=65534 --clear-groups "$T/bin/communique" "${@:2}"; }
	else
		echo "SKIP: read-only archives (root without setpriv)" >&2
		as_reader() { return 0; }
	fi
fi
for db in rodir/archive.db rodir/backup.db; do
	ref=$(sum "$db")
	for c in reports events "export -f csv" "export -f json" check stats runs cursors; do
		# shellcheck disable=SC2086
		as_reader "$BIN" --db "$db" $c >o.txt 2>e.txt || { cat e.txt; fail "'$c' of the read-only '$db'"; }
		grep -q "readonly" e.txt && { cat e.txt; fail "'$c' of '$db' tried to write"; }
	done
	as_reader "$BIN" --db "$db" reports >o.txt 2>&1
	[ "$(wc -l <o.txt)" -eq 5 ] || { cat o.txt; fail "reports of the read-only '$db'"; }
	[ "$(sum "$db")" = "$ref" ] || fail "'$db' changed"
done
[ "$(ls -A rodir | wc -l)" -eq 2 ] || fail "files appeared beside the read-only archive: $(ls -A rodir)"
chmod 755 rodir
# A name that would mean something in a URI is a name.
cp "$DB" 'odd?mode=rw%41#x.db'
[ "$("$BIN" --db 'odd?mode=rw%41#x.db' reports | wc -l)" -eq 5 ] || fail "reports of an archive named with ? % #"
fi

# ---- 7. control characters from reports and file names never reach the terminal raw
TDB=$(e2e_db t.db)   # (in term/, as the commands run there)
mkdir -p term/inbox && cp sources.conf mfa-feed.xml term/ && cp inbox/2015-01/*.txt term/inbox/
E=$(printf '\033')
printf 'Title %s[2J%s]0;pwned\a with escapes\n\nMOSCOW, January 5, 2015. /TASS/. Russian Foreign Minister Sergei Lavrov held talks %s[31mred%s[0m with Chinese Foreign Minister Wang Yi.\nSecond line of the body.\n' "$E" "$E" "$E" "$E" >term/inbox/esc.txt
printf '\xff\xfe\x00\x00garbage' >"term/inbox/bad
run 99  FORGED.txt"
: >"term/inbox/empty$E[2J.txt"
raw() { LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$1"; }
(cd term && "$BIN" --db "$TDB" update >../o.txt 2>../e.txt); [ $? -eq 1 ] || fail "update of the hostile inbox should exit 1"
raw e.txt && { cat -v e.txt; fail "update printed control characters in its messages"; }
grep -q 'bad\\x0arun 99  FORGED.txt' e.txt || { cat -v e.txt; fail "the newline of a file name is not shown escaped"; }
T2() { (cd term && "$BIN" --db "$TDB" "$@"); }
T2 runs >o.txt || fail "runs"
raw o.txt && { cat -v o.txt; fail "runs printed control characters"; }
grep -q '^run 99' o.txt && { cat o.txt; fail "a file name forged a line of runs"; }
grep -q 'empty\\x1b\[2J.txt: empty report' o.txt || { cat -v o.txt; fail "runs: the escaped file name"; }
T2 reports >o.txt || fail "reports"
raw o.txt && { cat -v o.txt; fail "reports printed control characters"; }
grep -q 'Title \\x1b\[2J\\x1b\]0;pwned\\x07 with escapes$' o.txt || { cat -v o.txt; fail "reports: the escaped title"; }
id=$(grep 'Title' o.txt | cut -d' ' -f1)
T2 show "$id" >o.txt || fail "show"
raw o.txt && { cat -v o.txt; fail "show printed control characters"; }
grep -q '^title:     Title \\x1b\[2J' o.txt || { cat -v o.txt; fail "show: the escaped title"; }
grep -q '^Second line of the body.$' o.txt || { cat -v o.txt; fail "show: the body lost its lines"; }
grep -q 'talks \\x1b\[31mred\\x1b\[0m with' o.txt || { cat -v o.txt; fail "show: the escaped body"; }
T2 --db "x$E[2Jy.db" reports 2>e.txt; raw e.txt && { cat -v e.txt; fail "a message printed a control character of a file name"; }
(cd term && "$BIN" --db "$TDB" update --log log.txt >/dev/null 2>&1)
printf 'x' >"term/inbox/new
forged log line.txt"
(cd term && "$BIN" --db "$TDB" update --log log.txt >/dev/null 2>&1)
raw term/log.txt && { cat -v term/log.txt; fail "the log holds control characters"; }
if grep -q '^forged log line' term/log.txt; then fail "a file name forged a line of the log"; fi

# ---- 8. reports --json keeps a field that is not UTF-8 (a file name), repaired
printf 'Lavrov meets Wang Yi\n\nMOSCOW, January 7, 2015. /TASS/. Russian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Wang Yi.\n' >"term/inbox/name$(printf '\377')x.txt"
(cd term && "$BIN" --db "$TDB" update >/dev/null 2>&1)
T2 reports --json >o.txt || fail "reports --json"
grep -q "\"source_path\": \"inbox/name$(printf '\357\277\275')x.txt\"" o.txt || { grep -A12 'Lavrov meets Wang' o.txt; fail "reports --json: the file name not in UTF-8 was dropped or not repaired"; }

# ---- 9. mistakes in filters are usage errors ---------------------------------
for q in 'Lavrov AND' '"unterminated' 'nosuchcolumn:x' '('; do
	cu events --text "$q" >/dev/null 2>e.txt; rc=$?
	[ $rc -eq 2 ] || fail "events --text '$q' exited $rc, expected 2 (a usage error)"
	grep -q "is not a full-text query" e.txt || { cat e.txt; fail "events --text '$q': message"; }
	cu export -f csv --text "$q" >/dev/null 2>&1; rc=$?
	[ $rc -eq 2 ] || fail "export --text '$q' exited $rc, expected 2"
done
cu events --text 'Lavrov' >/dev/null || fail "events --text with a good query"
for o in --from --to; do
	for d in 2015-01-06Tgarbage '2015-01-06 and more' 2015-01-06T; do
		cu events "$o" "$d" >/dev/null 2>&1; rc=$?
		[ $rc -eq 2 ] || fail "events $o '$d' exited $rc, expected 2"
	done
done
cu ingest --date 2015-01-06Tgarbage inbox/2015-01/lavrov-kerry-call.txt >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "ingest --date 2015-01-06Tgarbage exited $rc, expected 2"
cu events --limit 0 >/dev/null 2>e.txt; rc=$?
[ $rc -eq 2 ] || fail "events --limit 0 exited $rc, expected 2"
grep -q "above 0" e.txt || { cat e.txt; fail "--limit 0: message"; }
cu export -f csv --limit 0 >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "export --limit 0 exited $rc, expected 2"
[ "$(cu events --limit 1 | grep -c '^e')" -eq 1 ] || fail "events --limit 1"
echo "hostile_output: all passed"
