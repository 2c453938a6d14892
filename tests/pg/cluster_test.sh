#!/usr/bin/env bash
# Tests tests/pg/cluster.sh: two clusters at once in two directories answer
# each on its own socket; a cluster whose server was killed (kill -9, as when
# ctest is interrupted) is cleaned by the next start in the same directory;
# stop removes the directory and can be run twice; run stops the cluster
# whatever the command's result and passes its exit code on.
#
# Usage (ctest does this): bash cluster_test.sh PATH/TO/cluster.sh
set -euo pipefail
C=${1:?usage: cluster_test.sh CLUSTER_SH}
T=$(mktemp -d /tmp/cq-pgt.XXXXXX)
chmod 755 "$T"
A=$T/a
B=$T/b
trap 'bash "$C" stop "$A" || true; bash "$C" stop "$B" || true; rm -rf "$T"' EXIT
PSQL=psql
[ -n "${PG_BINDIR:-}" ] && PSQL=$PG_BINDIR/psql
fail() { echo "FAIL: $*" >&2; exit 1; }
q() { "$PSQL" -X -At "$1" -c "$2"; }

echo "# two clusters at once"
bash "$C" start "$A"
bash "$C" start "$B"
UA=$(bash "$C" env "$A")
UB=$(bash "$C" env "$B")
[ "$UA" != "$UB" ] || fail "same URI for two directories: $UA"
q "$UA" "create table only_a (x int)"
[ "$(q "$UB" "select count(*) from pg_tables where tablename = 'only_a'")" = 0 ] ||
	fail "the second cluster sees the first's table"
[ "$(q "$UA" "show fsync")" = off ] || fail "fsync is not off"
[ "$(q "$UA" "show listen_addresses")" = "" ] || fail "the server listens on TCP"

echo "# a killed run's leftovers are cleaned by the next start"
pid=$(head -n 1 "$A/data/postmaster.pid")
kill -9 "$pid"
touch "$A/stale-file"
bash "$C" start "$A"
[ ! -e "$A/stale-file" ] || fail "the leftover directory was not cleaned"
[ "$(q "$UA" "select count(*) from pg_tables where tablename = 'only_a'")" = 0 ] ||
	fail "the restarted cluster kept the old data"

echo "# stop removes the directory, twice is fine"
bash "$C" stop "$A"
[ ! -e "$A" ] || fail "stop left $A"
bash "$C" stop "$A"
q "$UB" "select 1" >/dev/null || fail "stopping one cluster stopped the other"
bash "$C" stop "$B"

echo "# run: the command's exit code, and the cluster stopped after a failure"
set +e
bash "$C" run "$A" bash -c '"$0" -X -At "$COMMUNIQUE_TEST_PG" -c "select 1" >/dev/null && exit 7' "$PSQL"
rc=$?
set -e
[ "$rc" = 7 ] || fail "run gave exit code $rc, expected 7"
[ ! -e "$A" ] || fail "run left $A after the command failed"
echo "ok"
