#!/usr/bin/env bash
# bench/serve.sh: requests per second and latency (p50/p99) of communique
# serve on an archive of about a million events, with bench/serve_load.c as
# the load generator (keep-alive clients on 127.0.0.1). See bench/serve.md.
#
# The archive is built as bench/export.sh builds its own: BENCH_SERVE_REPORTS
# generated reports (default 10000) through the real importer, then their
# events copied with SQL up to BENCH_SERVE_EVENTS (default 1000000). An
# existing $BENCH_WORK/serve/archive.db or archive.orig.db is reused (delete
# both to rebuild).
#
# Each kind of filter runs with 1 client, then BENCH_SERVE_CLIENTS clients
# (default 16), for BENCH_SERVE_SECONDS seconds (default 10) over a list of
# paths; the last scenario runs while an import writes 2000 more reports.
# Each line is followed by the machine's load average (uptime) after it.
# The archive as built is kept as archive.orig.db and copied back before
# each run, so that every run reads the same archive (the import adds to it).
# BENCH_SERVE_CPU=N first measures the server's CPU per request of each kind
# alone: one client, N/5 requests to warm up, then N (N/3 for the full-text
# kinds), the process's user and system time (/proc/PID/stat) divided by N.
# BENCH_SERVE_KINDS (default all: filtered actor type columns text words
# wordtypes plain misc) names the kinds to run. BENCH_SERVE_DURING=all runs
# the last scenario for every kind in turn (16 clients each), all during
# one import of BENCH_SERVE_IMPORT reports (default 2000; give enough to
# outlast the kinds, some 60 a second), instead of the filtered pages alone.
# BENCH_SERVE_LOAD=0 stops after the CPU figures (to alternate servers).
# The server runs with --threads BENCH_SERVE_THREADS when it is set (else its
# default) and --cache BENCH_SERVE_CACHE (MiB; default 0, no cache: the work
# of every request; set it to measure the cache, whose hits on this
# benchmark's few repeated paths are nearly every request). An older binary
# without --cache is run with BENCH_SERVE_CACHE=none.
#
# environment: COMMUNIQUE, BENCH_WORK, BENCH_SEED as for run.sh.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
NREPORTS=${BENCH_SERVE_REPORTS:-10000}
TARGET=${BENCH_SERVE_EVENTS:-1000000}
CLIENTS=${BENCH_SERVE_CLIENTS:-16}
SECONDS_EACH=${BENCH_SERVE_SECONDS:-10}
SEED=${BENCH_SEED:-1}
THREADS=${BENCH_SERVE_THREADS:-}
CACHE=${BENCH_SERVE_CACHE:-0}
CPU_N=${BENCH_SERVE_CPU:-0}
KINDS=${BENCH_SERVE_KINDS:-filtered actor type columns text words wordtypes plain misc}
DURING=${BENCH_SERVE_DURING:-filtered}
IMPORT_N=${BENCH_SERVE_IMPORT:-2000}
LOAD=${BENCH_SERVE_LOAD:-1}
dir="$WORK/serve"
db="$dir/archive.db"
need_tools
build_gen
build_communique
cc -std=c11 -O2 -Wall -Wextra -Werror -pthread -o "$WORK/serve_load" "$BENCH/serve_load.c"
machine
echo
mkdir -p "$dir"

# An archive.orig.db given alone (an archive of an earlier run, copied) is
# used as it is, never built over.
if [ ! -f "$db" ] && [ ! -f "$dir/archive.orig.db" ]; then
	echo "=== archive: $NREPORTS reports imported, events copied up to $TARGET"
	rm -rf "$dir/reports"
	"$WORK/gen" -n "$NREPORTS" -s "$SEED" -o "$dir/reports"
	t0=$(date +%s.%N)
	"$COMMUNIQUE" --db "$db" ingest "$dir/reports" >/dev/null
	echo "import of $NREPORTS reports: $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
	copy_columns() {
		sqlite3 "$db" "SELECT group_concat(CASE WHEN name = '$2' THEN name || ' + (SELECT m FROM off)'
			ELSE name END, ', ') FROM (SELECT name FROM pragma_table_info('$1') ORDER BY cid)"
	}
	plain_columns() {
		sqlite3 "$db" "SELECT group_concat(name, ', ') FROM (SELECT name FROM pragma_table_info('$1') ORDER BY cid)"
	}
	events=$(sqlite3 "$db" "SELECT count(*) FROM events")
	while [ "$events" -lt "$TARGET" ]; do
		need=$((TARGET - events))
		[ "$need" -le "$events" ] || need=$events
		sql="BEGIN;
CREATE TEMP TABLE off AS SELECT max(id) AS m FROM events;
CREATE TEMP TABLE sel AS SELECT id FROM events ORDER BY id LIMIT $need;
INSERT INTO events($(plain_columns events)) SELECT $(copy_columns events id) FROM events WHERE id IN temp.sel;"
		for t in event_actors event_topics event_reports; do
			sql+="
INSERT INTO $t($(plain_columns $t)) SELECT $(copy_columns $t event_id) FROM $t WHERE event_id IN temp.sel;"
		done
		sql+="
DROP TABLE temp.off; DROP TABLE temp.sel;
COMMIT;"
		sqlite3 "$db" "$sql"
		events=$(sqlite3 "$db" "SELECT count(*) FROM events")
	done
	sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;" >/dev/null
	cp "$db" "$dir/archive.orig.db"
fi
if [ -f "$dir/archive.orig.db" ]; then
	rm -f "$db-wal" "$db-shm"
	cp "$dir/archive.orig.db" "$db"
fi
events=$(sqlite3 "$db" "SELECT count(*) FROM events")
echo "archive: $events events, $(sqlite3 "$db" "SELECT count(*) FROM reports") reports, $(file_mib "$db")"

opts=()
[ -z "$THREADS" ] || opts+=(--threads "$THREADS")
[ "$CACHE" = none ] || opts+=(--cache "$CACHE")
"$COMMUNIQUE" --db "$db" serve --port 0 --quiet "${opts[@]}" >"$dir/serve.out" 2>"$dir/serve.err" &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 300); do grep -q '^listening on' "$dir/serve.out" 2>/dev/null && break; sleep 0.1; done
PORT=$(sed -n 's/^listening on http:\/\/127.0.0.1:\([0-9]*\)\/$/\1/p' "$dir/serve.out")
[ -n "$PORT" ] || { echo "bench: the server did not start"; cat "$dir/serve.err"; exit 1; }

# The filters: the busiest actors, the types, a month range, words; deep
# pages start after an event from the middle of the timeline.
mapfile -t ACTORS < <(sqlite3 "$db" "SELECT a.name FROM actors a JOIN event_actors ea ON ea.actor_id = a.id
	WHERE a.kind = 0 GROUP BY a.id ORDER BY count(*) DESC LIMIT 10")
MID=$(sqlite3 "$db" "SELECT id FROM events WHERE date <> '' ORDER BY date, id LIMIT 1 OFFSET $((events / 2))")
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
: >"$dir/filtered.txt"
for a in "${ACTORS[@]}"; do
	e=$(enc "$a")
	{
		echo "/api/events?actor=$e&limit=50"
		echo "/api/events?actor=$e&type=meeting,phone_call,visit&limit=50"
		echo "/api/events?actor=$e&after=e$MID&limit=50"
		echo "/api/events?actor=$e&from=2017-03&to=2017-06&limit=50"
	} >>"$dir/filtered.txt"
done
for t in meeting sanctions condemnation visit; do echo "/api/events?type=$t&limit=50"; done >>"$dir/filtered.txt"
# The same filters by kind, and the filters on the event's own columns.
grep -v 'type=' "$dir/filtered.txt" >"$dir/actor.txt"
# Rare actors too (a few dozen events each), whose events are found first.
sqlite3 "$db" "SELECT a.name FROM actors a JOIN event_actors ea ON ea.actor_id = a.id
	GROUP BY a.id HAVING count(*) >= 20 ORDER BY count(*), a.id LIMIT 3" |
	while read -r a; do echo "/api/events?actor=$(enc "$a")&limit=50"; done >>"$dir/actor.txt"
grep 'type=' "$dir/filtered.txt" >"$dir/type.txt"
mapfile -t AGENCIES < <(sqlite3 "$db" "SELECT ag.name FROM agencies ag JOIN reports r ON r.agency_id = ag.id
	GROUP BY ag.id ORDER BY count(*) DESC")
{
	echo "/api/events?status=negated&limit=50"
	echo "/api/events?status=planned&type=visit&limit=50"
	echo "/api/events?verified=yes&limit=50"
	echo "/api/events?below-confidence=0.6&limit=50"
	echo "/api/events?min-confidence=0.8&type=agreement&limit=50"
	# Bounds over many distinct confidences (round 10: two decimals, some
	# 40 values): a selective bound, a band, a deep page, a date range.
	echo "/api/events?below-confidence=0.4&limit=50"
	echo "/api/events?min-confidence=0.52&below-confidence=0.67&limit=50"
	echo "/api/events?below-confidence=0.5&after=e$MID&limit=50"
	echo "/api/events?min-confidence=0.45&from=2017-01&to=2017-06&limit=50"
	echo "/api/events?agency=$(enc "${AGENCIES[0]}")&limit=50"
	echo "/api/events?agency=$(enc "${AGENCIES[-1]}")&limit=50"
} >"$dir/columns.txt"
printf '%s\n' "/api/events?limit=50" "/api/events?after=e$MID&limit=50" "/api/events?status=all&limit=50" >"$dir/plain.txt"
printf '%s\n' "/api/events?text=sanctions&limit=50" "/api/events?text=talks%20AND%20minister&limit=50" \
	"/api/events?text=$(enc "${ACTORS[0]}")%20AND%20visit&limit=50" >"$dir/text.txt"
# Common words alone, from the start and from the middle of the timeline,
# and over a month range (round 6: pages month by month).
printf '%s\n' "/api/events?text=minister&limit=50" "/api/events?text=sanctions&after=e$MID&limit=50" \
	"/api/events?text=minister&after=e$MID&limit=50" "/api/events?text=sanctions&from=2017-01&to=2017-02&limit=50" \
	>"$dir/words.txt"
# A common word with types (round 7): few of its events have them (the
# first), or many (the second, month by month).
printf '%s\n' "/api/events?text=sanctions&type=meeting,visit&limit=50" \
	"/api/events?text=minister&type=meeting,phone_call,visit&limit=50" >"$dir/wordtypes.txt"
E1=$(sqlite3 "$db" "SELECT id FROM events ORDER BY id LIMIT 1 OFFSET 1234")
printf '%s\n' "/api/events/$E1" "/api/reports?limit=50" "/api/meta" "/app.js" >"$dir/misc.txt"

run() { # name paths-file [clients]
	local out
	out=$("$WORK/serve_load" -p "$PORT" -f "$2" -c "${3:-$CLIENTS}" -d "$SECONDS_EACH") || true
	printf '%-40s %s\n' "$1" "$out"
	printf '%-40s %s\n' "" "load after: $(uptime | sed 's/.*load average: //')"
}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$PID/stat"; }
# Warm the OS's cache of the file as a server that has run a while has it.
"$WORK/serve_load" -p "$PORT" -f "$dir/filtered.txt" -c 2 -n 200 -d 60 >/dev/null || true
if [ "$CPU_N" -gt 0 ]; then
	echo
	echo "=== server CPU per request, 1 client (load before: $(uptime | sed 's/.*load average: //'))"
	hz=$(getconf CLK_TCK)
	for kind in $KINDS; do
		n=$CPU_N
		case $kind in text | wordtypes) n=$((CPU_N / 3)) ;; esac
		"$WORK/serve_load" -p "$PORT" -f "$dir/$kind.txt" -c 1 -n $((n / 5)) -d 120 >/dev/null || true
		t0=$(cpu_ticks)
		"$WORK/serve_load" -p "$PORT" -f "$dir/$kind.txt" -c 1 -n "$n" -d 300 >/dev/null || true
		t1=$(cpu_ticks)
		printf '%-12s %4d requests %7.2f ms of CPU each   load %s\n' "$kind" "$n" \
			"$(awk -v a="$t0" -v b="$t1" -v n="$n" -v hz="$hz" 'BEGIN { print (b - a) * 1000 / hz / n }')" \
			"$(cut -d' ' -f1 /proc/loadavg)"
	done
fi
if [ "$LOAD" = 0 ]; then
	kill -TERM "$PID"
	wait "$PID" || true
	trap - EXIT
	exit 0
fi
echo
echo "=== ${SECONDS_EACH}s each, server options: ${opts[*]:-(none)}; 1 and $CLIENTS clients"
echo "load before: $(uptime | sed 's/.*load average: //')"
for kind in $KINDS; do
	run "$kind, 1 client" "$dir/$kind.txt" 1
	run "$kind, $CLIENTS clients" "$dir/$kind.txt"
done
# While an import writes (WAL readers, the writer lock untouched by reads).
"$WORK/gen" -n "$IMPORT_N" -s $((SEED + 1)) -o "$dir/more" >/dev/null 2>&1
echo "load before the import: $(uptime | sed 's/.*load average: //')"
t0=$(date +%s.%N)
"$COMMUNIQUE" --db "$db" ingest "$dir/more" >"$dir/ingest.out" 2>&1 &
ING=$!
if [ "$DURING" = all ]; then
	for kind in $KINDS; do
		kill -0 "$ING" 2>/dev/null || echo "bench: the import ended before $kind"
		run "$kind during an import, $CLIENTS clients" "$dir/$kind.txt"
	done
	kill -0 "$ING" 2>/dev/null && echo "the import still ran after the last kind"
else
	run "filtered pages during an import" "$dir/filtered.txt"
fi
wait "$ING" || echo "bench: the import during the load failed: $(tail -2 "$dir/ingest.out")"
echo "import of $IMPORT_N reports into the large archive (under load): $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
rm -rf "$dir/more"
kill -TERM "$PID"
wait "$PID" || true
trap - EXIT
