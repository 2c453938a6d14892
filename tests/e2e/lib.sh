# Sourced by the end-to-end scripts (not a test itself: no shebang, and
# tests/CMakeLists.txt leaves it out): the archive a script works on, on
# either backend. ctest runs every script twice, as e2e.NAME on SQLite files
# and as e2e.pg.NAME with COMMUNIQUE_TEST_BACKEND=pg, where each archive is a
# database of its own on the pg fixture's throw-away cluster
# (COMMUNIQUE_TEST_PG, tests/pg/cluster.sh), created on first use and
# dropped at exit. The scripts assert the same on both: the same behaviour.
#
#   e2e_db PATH            prints the archive for the file PATH: PATH itself
#                          on SQLite; on PostgreSQL the URI of a fresh
#                          database named after PATH (its base name kept, so
#                          that messages naming the archive still name
#                          "archive.db"), created on the first call for PATH.
#                          Safe in $(...): what to drop is found by name.
#   e2e_db_absent PATH     the same archive, not created (an archive that
#                          does not exist yet: the commands that create one)
#   e2e_exists ARCHIVE     whether the archive exists (the file; the database
#                          with communique's schema in it)
#   e2e_sql ARCHIVE SQL    runs SQL on the archive (sqlite3 -batch; psql -XAtq),
#                          columns separated by '|' on both
#   e2e_pg                 true on PostgreSQL
#   e2e_sqlite_only WHY    true on SQLite; on PostgreSQL says "SKIP on
#                          PostgreSQL: WHY" and is false: `if e2e_sqlite_only
#                          "hot journal"; then ...; fi` guards a part
#   e2e_sqlite_script WHY  on PostgreSQL: says why and exits 77 (the whole
#                          script is SQLite's by nature)
#   e2e_fingerprint ARCHIVE  a digest of its content (the file; pg_dump)
#   e2e_hold_lock ARCHIVE SECONDS  holds the writer lock in the background
#   e2e_cleanup            drops this run's databases; each script's EXIT trap
#                          calls it
# On PostgreSQL without a cluster (COMMUNIQUE_TEST_PG unset) sourcing exits 77.

E2E_BACKEND=${COMMUNIQUE_TEST_BACKEND:-sqlite}
case $E2E_BACKEND in
sqlite | pg) ;;
*)
	echo "lib.sh: COMMUNIQUE_TEST_BACKEND must be sqlite or pg, not '$E2E_BACKEND'" >&2
	exit 2
	;;
esac
# The databases of one run: e2e_PID_..., so that a cleanup drops its own only.
E2E_PREFIX=e2e_$$_
E2E_PSQL=psql
if [ "$E2E_BACKEND" = pg ]; then
	if [ -z "${COMMUNIQUE_TEST_PG:-}" ]; then
		echo "SKIP: COMMUNIQUE_TEST_PG is not set: no PostgreSQL server to test" >&2
		exit 77
	fi
	[ -n "${PG_BINDIR:-}" ] && [ -x "$PG_BINDIR/psql" ] && E2E_PSQL=$PG_BINDIR/psql
	command -v "$E2E_PSQL" >/dev/null || {
		echo "lib.sh: psql not found (PG_BINDIR or PATH)" >&2
		exit 1
	}
	# A URI whose path names the test database: another name in its place.
	case $COMMUNIQUE_TEST_PG in
	postgresql://*/* | postgres://*/*) ;;
	*)
		echo "lib.sh: cannot name another database in '$COMMUNIQUE_TEST_PG'" >&2
		exit 1
		;;
	esac
	# The archive is named by --db on every command here, never by the
	# environment of the caller.
	unset COMMUNIQUE_DB
fi

e2e_pg() { [ "$E2E_BACKEND" = pg ]; }

# The database name for PATH: the run's prefix, 6 hex digits of PATH (two
# directories may hold an archive.db each) and PATH's base name.
e2e_name() {
	local base hash
	base=$(basename -- "$1" | tr -c 'A-Za-z0-9._\n-' _)
	hash=$(printf '%s' "$1" | md5sum | cut -c1-6)
	printf '%s%s_%.40s' "$E2E_PREFIX" "$hash" "$base"
}

e2e_uri_of() {
	printf '%s' "$COMMUNIQUE_TEST_PG" | sed -E "s#^(postgres(ql)?://[^/?]*)/[^?]*#\\1/$1#"
}

e2e_psql() { "$E2E_PSQL" -X -q -v ON_ERROR_STOP=1 "$COMMUNIQUE_TEST_PG" "$@"; }

e2e_db_absent() {
	if e2e_pg; then
		e2e_uri_of "$(e2e_name "$1")"
		echo
	else
		printf '%s\n' "$1"
	fi
}

e2e_db() {
	if ! e2e_pg; then
		printf '%s\n' "$1"
		return 0
	fi
	local name
	name=$(e2e_name "$1")
	if [ "$(e2e_psql -At -c "SELECT count(*) FROM pg_database WHERE datname = '$name'")" = 0 ]; then
		# A linguistic collation (ICU's en-US), as many a team's server has,
		# not the test cluster's C.UTF-8 (byte order, SQLite's): text the
		# store orders without saying how would come out in another order
		# here than on SQLite, and the comparisons would show it.
		e2e_psql -c "CREATE DATABASE \"$name\" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'" >/dev/null 2>&1 ||
			# Two subshells may race to create it: the loser finds it there.
			[ "$(e2e_psql -At -c "SELECT count(*) FROM pg_database WHERE datname = '$name'")" = 1 ] || {
			echo "lib.sh: CREATE DATABASE \"$name\" failed" >&2
			return 1
		}
	fi
	e2e_uri_of "$name"
	echo
}

e2e_exists() {
	if e2e_pg; then
		local t
		t=$("$E2E_PSQL" -X -q -At "$1" -c "SELECT to_regclass('communique_schema') IS NOT NULL" 2>/dev/null) || return 1
		[ "$t" = t ]
	else
		[ -e "$1" ]
	fi
}

e2e_sql() {
	if e2e_pg; then
		"$E2E_PSQL" -X -q -At -v ON_ERROR_STOP=1 "$1" -c "$2"
	else
		sqlite3 -batch "$1" "$2"
	fi
}

e2e_sqlite_only() {
	e2e_pg || return 0
	echo "SKIP on PostgreSQL: $1"
	return 1
}

e2e_sqlite_script() {
	e2e_pg || return 0
	echo "SKIP on PostgreSQL: $1"
	exit 77
}

e2e_cleanup() {
	e2e_pg || return 0
	local name
	for name in $(e2e_psql -At -c "SELECT datname FROM pg_database WHERE starts_with(datname, '$E2E_PREFIX')" 2>/dev/null); do
		e2e_psql -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" >/dev/null 2>&1 || true
	done
}

# A digest of the archive's whole content: the file's bytes; the database's
# dump (pg_dump, its schema and rows): equal digests, an archive untouched.
e2e_fingerprint() {
	if e2e_pg; then
		local dump=pg_dump
		[ -n "${PG_BINDIR:-}" ] && [ -x "$PG_BINDIR/pg_dump" ] && dump=$PG_BINDIR/pg_dump
		# (\restrict lines: a random key of each dump.)
		"$dump" --no-sync "$1" | grep -v "^\\\\\(un\)\?restrict " | sha256sum | cut -d' ' -f1
	else
		sha256sum "$1" | cut -d' ' -f1
	fi
}

# Holds the archive's writer lock for SECONDS, in the background, as a
# running update does: flock on ARCHIVE.lock; on PostgreSQL the session
# advisory lock of store/store_lock.c. Sets E2E_HOLDER to its pid and
# returns once the lock is held (a loaded machine may take seconds to start
# the holder: a test that went on at once would race it for the lock).
e2e_hold_lock() {
	if e2e_pg; then
		"$E2E_PSQL" -X -q "$1" -c "SELECT pg_advisory_lock(1131245169)" -c "SELECT pg_sleep($2)" >/dev/null &
	else
		flock "$1.lock" sleep "$2" &
	fi
	E2E_HOLDER=$!
	local held
	for _ in $(seq 200); do
		if e2e_pg; then
			held=$("$E2E_PSQL" -X -q -At "$1" -c "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 1131245169 AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")
			[ "$held" = 1 ] && return 0
		else
			flock -n "$1.lock" true 2>/dev/null || return 0
		fi
		sleep 0.05
	done
	echo "lib.sh: the lock holder did not take the lock of $1 in 10 s" >&2
	exit 1
}
