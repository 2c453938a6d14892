#!/usr/bin/env bash
# End-to-end: the archive's own failures and the command line's. Proves that
# a file that is not a communique archive (random bytes, a damaged archive,
# another application's SQLite file, an archive of a newer version) is
# refused with exit code 3 and left byte for byte as it was; that a
# read-only archive or directory gives exit code 3 and a message saying so;
# that usage errors give exit code 2 and help and version exit code 0.
#
# Usage (ctest does this): bash archive_errors.sh BIN SRCDIR
# Needs only bash and coreutils (sha256sum, dd); uses setpriv when root.
set -euo pipefail

BIN=${1:?usage: archive_errors.sh BIN SRCDIR}
SRC=${2:?usage: archive_errors.sh BIN SRCDIR}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/communique-e2e.XXXXXX")
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap 'e2e_cleanup; chmod -R u+rwx "$T" 2>/dev/null || true; rm -rf "$T"' EXIT
export SOURCE_DATE_EPOCH=1700000000
unset COMMUNIQUE_DB
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
expect_rc() { [ "$RC" -eq "$1" ] || fail "expected exit code $1, got $RC (${*:2})"; }
expect_out() { grep -Eq -- "$1" "$T/out" || fail "stdout lacks /$1/"; }
expect_err() { grep -Eqi -- "$1" "$T/err" || fail "stderr lacks /$1/"; }
SAMPLE=$SRC/samples/afp_france_recalls_ambassadors_2021.txt
FIXTURES=$SRC/tests/data/store
[ -r "$SAMPLE" ] || { STEP=setup; fail "samples missing under $SRC/samples"; }

# Every command that opens the archive must refuse $1 with exit 3, name it
# in its message (matching /$2/), and leave it and its directory as they were.
refused_untouched() {
	local db=$1 why=$2 before after cmd
	before=$(e2e_fingerprint "$db")
	e2e_pg || ls -A "$(dirname "$db")" >"$T/dir.before"
	for cmd in "ingest $SAMPLE" reports events "export --format json" actors topics "show r1"; do
		# shellcheck disable=SC2086 # $cmd is a command and its arguments
		run "$BIN" --db "$db" $cmd
		expect_rc 3 "$cmd"
		grep -Fq -- "$(basename "$db")" "$T/err" || fail "'$cmd' does not name the archive"
		expect_err "$why"
		after=$(e2e_fingerprint "$db")
		[ "$before" = "$after" ] || fail "'$cmd' changed the archive file"
		e2e_pg && continue
		ls -A "$(dirname "$db")" >"$T/dir.after"
		cmp -s "$T/dir.before" "$T/dir.after" || fail "'$cmd' left files beside the archive: $(
			comm -13 "$T/dir.before" "$T/dir.after" | tr '\n' ' ')"
	done
}

step "random bytes instead of an archive"
if e2e_sqlite_only "random bytes and damaged pages are a file's: the server keeps its own files"; then
mkdir "$T/random"
head -c 65536 /dev/urandom >"$T/random/archive.db"
refused_untouched "$T/random/archive.db" 'not a communique archive|not a database'

step "a damaged archive"
mkdir "$T/damaged"
run "$BIN" --db "$T/damaged/archive.db" ingest "$SRC/samples"
[ "$RC" -le 1 ] || fail "cannot build the archive to damage"
# Pages 4..23 overwritten: the header still says SQLite, the tables are garbage.
dd if=/dev/urandom of="$T/damaged/archive.db" bs=4096 seek=3 count=20 conv=notrunc 2>/dev/null
refused_untouched "$T/damaged/archive.db" 'malformed|corrupt|damaged|not a database'
fi

step "another application's SQLite file"
mkdir "$T/foreign"
if e2e_pg; then
	# A database holding another application's tables.
	FOREIGN=$(e2e_db "$T/foreign/bookmarks.db")
	e2e_sql "$FOREIGN" "CREATE TABLE bookmarks (id bigint PRIMARY KEY, url text); INSERT INTO bookmarks VALUES (1, 'https://example.org/')"
else
	FOREIGN=$T/foreign/bookmarks.db
	cp "$FIXTURES/foreign_app.sqlite" "$FOREIGN"
fi
refused_untouched "$FOREIGN" 'another application'

step "an archive written by a newer communique"
mkdir "$T/newer"
if e2e_pg; then
	# An archive whose schema says a version after this build's.
	NEWER=$(e2e_db "$T/newer/archive.db")
	run "$BIN" --db "$NEWER" ingest "$SAMPLE"
	expect_rc 0
	e2e_sql "$NEWER" "UPDATE communique_schema SET version = version + 1"
else
	NEWER=$T/newer/archive.db
	cp "$FIXTURES/newer_schema.sqlite" "$NEWER"
fi
refused_untouched "$NEWER" 'newer'

step "a directory where the archive should be"
if e2e_sqlite_only "a directory in the place of the archive is a file's matter"; then
	mkdir -p "$T/isdir/archive.db"
	run "$BIN" --db "$T/isdir/archive.db" ingest "$SAMPLE"
	expect_rc 3
	expect_err 'archive.db'
fi

step "read-only archive file and directory"
AS=()
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv >/dev/null &&
		setpriv --reuid=65534 --regid=65534 --clear-groups "$BIN" --version >/dev/null 2>&1; then
		AS=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	else
		AS=(skip)
	fi
fi
if e2e_pg; then
	echo "SKIP on PostgreSQL: the permissions of a file and its directory (the server's database has none)"
elif [ "${AS[0]:-}" = skip ]; then
	skip "running as root and cannot run '$BIN' as another user"
else
	chmod 755 "$T"
	mkdir "$T/ro"
	run "$BIN" --db "$T/ro/archive.db" ingest "$SAMPLE"
	expect_rc 0
	[ ${#AS[@]} -eq 0 ] || chown -R 65534 "$T/ro"
	# The file read-only, its directory writable.
	chmod 444 "$T/ro/archive.db"
	before=$(sha256sum "$T/ro/archive.db")
	run "${AS[@]}" "$BIN" --db "$T/ro/archive.db" ingest "$SRC/samples/tass_putin_abe_tokyo_2016.txt"
	expect_rc 3
	expect_err 'archive\.db'
	expect_err 'read-?only|permission|cannot write'
	[ "$before" = "$(sha256sum "$T/ro/archive.db")" ] || fail "the read-only archive changed"
	# The directory read-only, the file writable: no journal can be made beside it.
	chmod 644 "$T/ro/archive.db"
	chmod 555 "$T/ro"
	run "${AS[@]}" "$BIN" --db "$T/ro/archive.db" ingest "$SRC/samples/tass_putin_abe_tokyo_2016.txt"
	expect_rc 3
	expect_err 'archive\.db'
	expect_err 'read-?only|permission|cannot (write|open)|unable to open'
	# A new archive in a read-only directory.
	run "${AS[@]}" "$BIN" --db "$T/ro/new.db" ingest "$SAMPLE"
	expect_rc 3
	expect_err 'new\.db'
	[ ! -e "$T/ro/new.db" ] || fail "an archive appeared in a read-only directory"
	chmod 755 "$T/ro"
	chmod 700 "$T"
fi

step "usage errors exit 2"
DB=$(e2e_db "$T/usage.db")
usage_error() {
	run "$BIN" "$@"
	expect_rc 2 "$*"
	[ -s "$T/err" ] || fail "'$*' printed no message"
	[ ! -s "$T/out" ] || fail "'$*' printed on stdout"
}
usage_error
usage_error --db
usage_error --bogus
usage_error --db "$DB" nosuchcommand
usage_error --db "$DB" ingest
usage_error --db "$DB" ingest --bogus "$SAMPLE"
usage_error --db "$DB" ingest --format nosuchformat "$SAMPLE"
usage_error --db "$DB" ingest --date yesterday "$SAMPLE"
usage_error --db "$DB" ingest --batch -3 "$SAMPLE"
usage_error --db "$DB" reports extra
usage_error --db "$DB" show
usage_error --db "$DB" show notanid
usage_error --db "$DB" events --type nosuchtype
usage_error --db "$DB" events --status sometimes
usage_error --db "$DB" events --from 2015-02-30x
usage_error --db "$DB" events extra
usage_error --db "$DB" export
usage_error --db "$DB" export --format nosuchformat
usage_error --db "$DB" export --format csv --delimiter ';;'
usage_error --db "$DB" actors extra
usage_error --db "$DB" extract
usage_error --db "$DB" extract --format nosuchformat "$SAMPLE"
expect_err 'nosuchformat'
# An unknown actor is a usage error that suggests the name meant.
run "$BIN" --db "$DB" ingest "$SRC/samples/tass_lavrov_blinken_call_2022.txt"
expect_rc 0
run "$BIN" --db "$DB" events --actor 'Antony Blinkin'
expect_rc 2
expect_err 'Antony Blinken'

step "help and version exit 0"
run "$BIN" --help
expect_rc 0
expect_out '^usage: communique'
for c in ingest reports show events export actors topics extract; do
	run "$BIN" "$c" --help
	expect_rc 0 "$c --help"
	expect_out "^usage: communique $c"
	run "$BIN" "$c" -h
	expect_rc 0 "$c -h"
done
run "$BIN" --version
expect_rc 0
expect_out '^communique [0-9]+\.[0-9]+\.[0-9]+$'
# Help written to a full disk is an error, not silence.
if [ -w /dev/full ]; then
	set +e
	"$BIN" --help >/dev/full 2>"$T/err"
	RC=$?
	set -e
	[ "$RC" -ne 0 ] || fail "--help to /dev/full exited 0"
fi

echo "archive_errors: all checks passed"
