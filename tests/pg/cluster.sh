#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests and CI: initdb in DIR, a
# server listening on a Unix socket in DIR only (no TCP port, so that two
# clusters in two directories never clash), trust authentication, fsync off,
# and one database, "communique", owned by the role "communique".
#
# Usage:
#   cluster.sh start DIR     creates DIR (removing what a killed run left
#                            there, stopping its server first) and starts
#   cluster.sh stop DIR      stops the server and removes DIR (no error when
#                            there is nothing to stop)
#   cluster.sh env DIR       prints the COMMUNIQUE_TEST_PG URI of that cluster
#                            (computed from DIR: works before start)
#   cluster.sh run DIR CMD…  start, run CMD with COMMUNIQUE_TEST_PG set, stop
#                            whatever CMD's result (a trap), exit with CMD's code
#
# PostgreSQL refuses to run as root: as root (CI), the server runs as user
# nobody through setpriv, and DIR is made nobody's. DIR's parent must let
# nobody through (any directory under /tmp does), and DIR must be short: the
# socket's path (DIR/.s.PGSQL.5432) is limited to 107 bytes.
# The server's binaries are found with PG_BINDIR, else pg_config --bindir,
# else the newest /usr/lib/postgresql/*/bin (Debian's layout).
set -euo pipefail

usage() { echo "usage: cluster.sh start|stop|env DIR | run DIR CMD..." >&2; exit 2; }
[ $# -ge 2 ] || usage
CMD=$1
DIR=$2
shift 2
case $DIR in /*) ;; *) DIR=$PWD/$DIR ;; esac
DIR=${DIR%/}
[ -n "$DIR" ] && [ "$DIR" != / ] || { echo "cluster.sh: refusing DIR '/'" >&2; exit 2; }
PORT=5432   # only names the socket file: nothing listens on TCP
ROLE=communique
DBNAME=communique

uri() { printf 'postgresql://%s@/%s?host=%s\n' "$ROLE" "$DBNAME" "$DIR"; }

bindir() {
	if [ -n "${PG_BINDIR:-}" ]; then
		echo "$PG_BINDIR"
		return
	fi
	local d
	if command -v pg_config >/dev/null && d=$(pg_config --bindir 2>/dev/null) && [ -x "$d/initdb" ]; then
		echo "$d"
		return
	fi
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		if [ -x "$d/initdb" ]; then
			echo "$d"
			return
		fi
	done
	if command -v initdb >/dev/null; then
		dirname "$(command -v initdb)"
		return
	fi
	echo "cluster.sh: no PostgreSQL server found (initdb): install postgresql or set PG_BINDIR" >&2
	return 1
}

# Runs a command as the cluster's owner: nobody when we are root.
as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$DIR" "$@"
	else
		"$@"
	fi
}

# Stops the server whose pid DIR/data/postmaster.pid names, if it is still a
# postgres process: SIGQUIT (immediate shutdown: the data is thrown away),
# then SIGKILL after 10 seconds.
kill_server() {
	local pidfile=$DIR/data/postmaster.pid pid i
	[ -f "$pidfile" ] || return 0
	pid=$(head -n 1 "$pidfile" 2>/dev/null || true)
	case $pid in '' | *[!0-9]*) return 0 ;; esac
	# A pid from a killed run may have been reused by another program.
	if ! grep -qa postgres "/proc/$pid/cmdline" 2>/dev/null; then
		return 0
	fi
	kill -QUIT "$pid" 2>/dev/null || return 0
	for i in $(seq 1 100); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null || true
}

stop() {
	kill_server
	rm -rf "$DIR"
}

start() {
	local bin
	bin=$(bindir)
	if [ ${#DIR} -gt 90 ]; then
		echo "cluster.sh: '$DIR' is too long for a socket path (at most 90 bytes)" >&2
		return 1
	fi
	# What a killed run left: its server and its files.
	stop
	mkdir -p "$DIR"
	chmod 700 "$DIR"
	if [ "$(id -u)" -eq 0 ]; then
		chown 65534:65534 "$DIR"
	fi
	# Until the server is up, any failure removes what was started.
	trap 'echo "cluster.sh: start failed; log:" >&2; cat "$DIR/log" >&2 2>/dev/null || true; stop' ERR
	as_owner "$bin/initdb" -D "$DIR/data" -U "$ROLE" --auth=trust -E UTF8 --locale=C.UTF-8 \
		--no-sync >"$DIR/initdb.log" 2>&1 ||
		{ cat "$DIR/initdb.log" >&2; false; }
	cat >>"$DIR/data/postgresql.conf" <<CONF
# cluster.sh: a throw-away cluster for tests
listen_addresses = ''
unix_socket_directories = '$DIR'
port = $PORT
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 50
CONF
	as_owner "$bin/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -t 60 start >/dev/null
	as_owner "$bin/createdb" -h "$DIR" -p "$PORT" -U "$ROLE" -O "$ROLE" "$DBNAME"
	trap - ERR
}

case $CMD in
start) start ;;
stop) stop ;;
env) uri ;;
run)
	[ $# -ge 1 ] || usage
	trap stop EXIT
	start
	rc=0
	COMMUNIQUE_TEST_PG=$(uri) "$@" || rc=$?
	exit "$rc"
	;;
*) usage ;;
esac
