#!/usr/bin/env bash
# bench/pg.sh: import and CSV export on PostgreSQL beside SQLite and beside
# PostgreSQL's own floor (COPY of the same texts into a table with a GIN
# text-search index), and `copy` between the two, in one run on a
# throw-away cluster (tests/pg/cluster.sh). See bench/pg.md.
#
# usage: bench/pg.sh [N]          (default: 10000 reports)
# environment: COMMUNIQUE, BENCH_WORK, BENCH_SEED, BENCH_KEEP as for run.sh;
#              BENCH_PG_DIR (the cluster's directory, short: its socket's path
#              is limited; default /tmp/cq-bench-pg); PG_BINDIR as for
#              tests/pg/cluster.sh.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

N=${1:-10000}
SEED=${BENCH_SEED:-1}
PGDIR=${BENCH_PG_DIR:-/tmp/cq-bench-pg}
CLUSTER=$REPO/tests/pg/cluster.sh
dir="$WORK/pg"

need_tools
build_gen
build_communique
PG_BINDIR=${PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r | head -n1)}
export PG_BINDIR
PSQL=$PG_BINDIR/psql
[ -x "$PSQL" ] || PSQL=psql
command -v "$PSQL" >/dev/null || { echo "bench: psql is needed (install postgresql)" >&2; exit 1; }
machine
echo "postgresql: $("$PSQL" --version)"
echo "uptime:$(uptime)"
echo

rm -rf "$dir"
mkdir -p "$dir"
bash "$CLUSTER" start "$PGDIR" >/dev/null
trap 'bash "$CLUSTER" stop "$PGDIR" >/dev/null 2>&1 || true; [ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$dir"' EXIT
BASE=$(bash "$CLUSTER" env "$PGDIR")
uri() { echo "${BASE/\/communique\?/\/$1?}"; }
# The throw-away cluster runs without fsync (tests/pg/cluster.sh); a team's
# server does not, and SQLite here writes with synchronous=FULL: durable
# commits on both sides.
"$PSQL" -qAt "$BASE" -c "ALTER SYSTEM SET fsync = on" -c "ALTER SYSTEM SET synchronous_commit = on" \
	-c "ALTER SYSTEM SET full_page_writes = on" -c "SELECT pg_reload_conf()" >/dev/null
for d in floor archive copied; do
	"$PSQL" -qAt "$BASE" -c "CREATE DATABASE $d" >/dev/null
done
echo "server: fsync $("$PSQL" -qAt "$BASE" -c "SHOW fsync"), synchronous_commit" \
	"$("$PSQL" -qAt "$BASE" -c "SHOW synchronous_commit"), shared_buffers" \
	"$("$PSQL" -qAt "$BASE" -c "SHOW shared_buffers")"

echo "=== $N reports"
"$WORK/gen" -n "$N" -s "$SEED" -o "$dir/reports" --sql "$dir/floor.sql"
sync

# (a) SQLite's floor (as run.sh): the sqlite3 shell, one transaction of
# INSERTs into a table with an FTS5 index.
measure pg-floor-sqlite sqlite3 "$dir/floor.db" ".read $dir/floor.sql"
[ "$RC" -eq 0 ] || { echo "bench: the sqlite3 floor failed"; cat "$WORK/pg-floor-sqlite.err"; exit 1; }
fs_wall=$WALL

# (b) PostgreSQL's floor: COPY of the same headlines and bodies into a table
# with a GIN index over their text search vectors, in the archive's
# configuration (schema/pg/001_init.sql: 'simple' with unaccent, weighted).
sqlite3 -csv "$dir/floor.db" "SELECT title, body FROM reports ORDER BY id" >"$dir/texts.csv"
"$PSQL" -qAt "$(uri floor)" >/dev/null <<'SQL'
CREATE EXTENSION unaccent;
CREATE TEXT SEARCH CONFIGURATION communique (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION communique
  ALTER MAPPING FOR word, hword, hword_part, numword, numhword, hword_numpart WITH unaccent, simple;
CREATE FUNCTION floor_search(title text, body text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN setweight(to_tsvector('communique'::regconfig, coalesce(title, '')), 'A') ||
         setweight(to_tsvector('communique'::regconfig, body), 'C');
CREATE TABLE reports (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, title text, body text NOT NULL);
CREATE INDEX reports_fts ON reports USING gin (floor_search(title, body));
SQL
sync
measure pg-floor-pg "$PSQL" -qAt "$(uri floor)" -c "\\copy reports(title, body) FROM '$dir/texts.csv' WITH (FORMAT csv)"
[ "$RC" -eq 0 ] || { echo "bench: the COPY floor failed"; cat "$WORK/pg-floor-pg.err"; exit 1; }
fp_wall=$WALL
fp_rows=$("$PSQL" -qAt "$(uri floor)" -c "SELECT count(*) FROM reports")

# (c) The importer on SQLite and on PostgreSQL, default settings.
sync
measure pg-ingest-sqlite "$COMMUNIQUE" --db "$dir/archive.db" ingest "$dir/reports"
[ "$RC" -le 1 ] || { echo "bench: ingest into SQLite failed"; tail "$WORK/pg-ingest-sqlite.err"; exit 1; }
is_wall=$WALL is_rss=$RSS_KB
is_sum=$(tail -n1 "$WORK/pg-ingest-sqlite.out")
sync
measure pg-ingest-pg "$COMMUNIQUE" --db "$(uri archive)" ingest "$dir/reports"
[ "$RC" -le 1 ] || { echo "bench: ingest into PostgreSQL failed"; tail "$WORK/pg-ingest-pg.err"; exit 1; }
ip_wall=$WALL ip_rss=$RSS_KB
ip_sum=$(tail -n1 "$WORK/pg-ingest-pg.out")
ip_cpu=$(sed -n 's/.*User time (seconds): //p' "$WORK/pg-ingest-pg.time")
is_cpu=$(sed -n 's/.*User time (seconds): //p' "$WORK/pg-ingest-sqlite.time")
events=$(sqlite3 "$dir/archive.db" "SELECT count(*) FROM events")
events_pg=$("$PSQL" -qAt "$(uri archive)" -c "SELECT count(*) FROM events")
db_pg=$("$PSQL" -qAt "$(uri archive)" -c "SELECT pg_size_pretty(pg_database_size(current_database()))")

# (d) CSV export from both.
measure pg-export-sqlite "$COMMUNIQUE" --db "$dir/archive.db" export --format csv -o "$dir/sqlite.csv"
[ "$RC" -eq 0 ] || { echo "bench: export from SQLite failed"; cat "$WORK/pg-export-sqlite.err"; exit 1; }
es_wall=$WALL es_rss=$RSS_KB
measure pg-export-pg "$COMMUNIQUE" --db "$(uri archive)" export --format csv -o "$dir/pg.csv"
[ "$RC" -eq 0 ] || { echo "bench: export from PostgreSQL failed"; cat "$WORK/pg-export-pg.err"; exit 1; }
ep_wall=$WALL ep_rss=$RSS_KB
# Again once the server has statistics of the new rows (autovacuum's ANALYZE
# comes some time after a large import; here at once).
"$PSQL" -qAt "$(uri archive)" -c "ANALYZE" >/dev/null
measure pg-export-pg2 "$COMMUNIQUE" --db "$(uri archive)" export --format csv -o "$dir/pg2.csv"
[ "$RC" -eq 0 ] || { echo "bench: export from PostgreSQL failed"; cat "$WORK/pg-export-pg2.err"; exit 1; }
ea_wall=$WALL
cmp -s "$dir/pg.csv" "$dir/pg2.csv" || echo "bench: the two exports from PostgreSQL differ"
rows=$(($(wc -l <"$dir/sqlite.csv") - 1))
rows_pg=$(($(wc -l <"$dir/pg.csv") - 1))
same=$(cmp -s "$dir/sqlite.csv" "$dir/pg.csv" && echo "the same bytes" || echo "NOT the same bytes")

# (e) copy, both ways.
measure pg-copy-to-pg "$COMMUNIQUE" --db "$dir/archive.db" copy -q --to "$(uri copied)"
[ "$RC" -eq 0 ] || { echo "bench: copy to PostgreSQL failed"; cat "$WORK/pg-copy-to-pg.err"; exit 1; }
ct_wall=$WALL
measure pg-copy-from-pg "$COMMUNIQUE" --db "$(uri copied)" copy -q --to "$dir/back.db"
[ "$RC" -eq 0 ] || { echo "bench: copy from PostgreSQL failed"; cat "$WORK/pg-copy-from-pg.err"; exit 1; }
cf_wall=$WALL
crow=$(sqlite3 "$dir/archive.db" "SELECT (SELECT count(*) FROM reports) + (SELECT count(*) FROM events)
	+ (SELECT count(*) FROM event_actors) + (SELECT count(*) FROM event_topics) + (SELECT count(*) FROM event_reports)")

echo "floor   sqlite3 shell (FTS5):          ${fs_wall}s = $(per_second "$N" "$fs_wall") reports/s"
echo "floor   PostgreSQL COPY (GIN tsvector): ${fp_wall}s = $(per_second "$fp_rows" "$fp_wall") reports/s ($fp_rows rows)"
echo "ingest  SQLite:     ${is_wall}s = $(per_second "$N" "$is_wall") reports/s, ${is_cpu}s user, peak RSS $(mib "$is_rss") ($is_sum; $events events)"
echo "ingest  PostgreSQL: ${ip_wall}s = $(per_second "$N" "$ip_wall") reports/s, ${ip_cpu}s user, peak RSS $(mib "$ip_rss") ($ip_sum; $events_pg events; database $db_pg)"
echo "export  SQLite:     ${es_wall}s = $(per_second "$rows" "$es_wall") events/s, peak RSS $(mib "$es_rss")"
echo "export  PostgreSQL: ${ep_wall}s = $(per_second "$rows_pg" "$ep_wall") events/s, peak RSS $(mib "$ep_rss") ($rows_pg rows; $same)"
echo "export  PostgreSQL after ANALYZE: ${ea_wall}s = $(per_second "$rows_pg" "$ea_wall") events/s"
echo "copy    SQLite -> PostgreSQL: ${ct_wall}s; PostgreSQL -> SQLite: ${cf_wall}s ($crow rows of reports and events with their links)"
echo "ratios  ingest PostgreSQL / SQLite = $(ratio "$ip_wall" "$is_wall")," \
	"PostgreSQL ingest / PostgreSQL floor = $(ratio "$ip_wall" "$fp_wall")," \
	"SQLite ingest / SQLite floor = $(ratio "$is_wall" "$fs_wall")," \
	"PostgreSQL floor / SQLite floor = $(ratio "$fp_wall" "$fs_wall")"
echo "ratios  export PostgreSQL / SQLite = $(ratio "$ep_wall" "$es_wall") (after ANALYZE $(ratio "$ea_wall" "$es_wall"))"
echo "uptime:$(uptime)"
