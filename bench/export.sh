#!/usr/bin/env bash
# bench/export.sh: speed and memory of `communique export --format csv` on an
# archive of about a million events, against the sqlite3 shell writing CSV
# from the same rows. See bench/README.md.
#
# The archive: BENCH_EXPORT_REPORTS generated reports (default 10000) go
# through the real importer; then its events are copied with SQL (new ids,
# the same actors, topics and report links; the archive's own triggers keep
# the full-text index and change log) until there are BENCH_EXPORT_EVENTS
# (default 1000000). Every row the export reads is a real row of the archive.
#
# environment: COMMUNIQUE, BENCH_WORK, BENCH_SEED, BENCH_KEEP as for run.sh.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

NREPORTS=${BENCH_EXPORT_REPORTS:-10000}
TARGET=${BENCH_EXPORT_EVENTS:-1000000}
SEED=${BENCH_SEED:-1}
dir="$WORK/export"
db="$dir/archive.db"

need_tools
build_gen
build_communique
machine
echo

rm -rf "$dir"
mkdir -p "$dir"
echo "=== archive: $NREPORTS reports imported, events copied up to $TARGET"
"$WORK/gen" -n "$NREPORTS" -s "$SEED" -o "$dir/reports"
measure export-ingest "$COMMUNIQUE" --db "$db" ingest "$dir/reports"
[ "$RC" -eq 0 ] || { echo "bench: the import failed (exit $RC)"; tail "$WORK/export-ingest.err"; exit 1; }
echo "imported in ${WALL}s: $(tail -n1 "$WORK/export-ingest.out")"

# The columns of a table, with its event id column replaced by "col + off".
copy_columns() {
	sqlite3 "$db" "SELECT group_concat(CASE WHEN name = '$2' THEN name || ' + (SELECT m FROM off)'
		ELSE name END, ', ') FROM (SELECT name FROM pragma_table_info('$1') ORDER BY cid)"
}
plain_columns() {
	sqlite3 "$db" "SELECT group_concat(name, ', ') FROM (SELECT name FROM pragma_table_info('$1') ORDER BY cid)"
}

t0=$SECONDS
events=$(sqlite3 "$db" "SELECT count(*) FROM events")
[ "$events" -gt 0 ] || { echo "bench: the import made no events"; exit 1; }
while [ "$events" -lt "$TARGET" ]; do
	need=$((TARGET - events))
	[ "$need" -le "$events" ] || need=$events
	sql="BEGIN;
CREATE TEMP TABLE off AS SELECT max(id) AS m FROM events;
CREATE TEMP TABLE sel AS SELECT id FROM events ORDER BY id LIMIT $need;"
	sql+="
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
read -r nact ntop nrep <<<"$(sqlite3 -separator ' ' "$db" "SELECT (SELECT count(*) FROM event_actors),
	(SELECT count(*) FROM event_topics), (SELECT count(*) FROM event_reports)")"
echo "copied in $((SECONDS - t0))s: $events events, $nact event-actor rows, $ntop event-topic rows," \
	"$nrep event-report links; archive $(file_mib "$db")"
echo

# The floor: the same 19 columns as export/csv.c, by SQL alone, in the
# export's order (occurred and planned events, undated last). Lists are
# joined with "; " like the exporter; their order within a cell is left to
# SQLite.
role_list() { # $1 role, $2 name|code
	echo "(SELECT group_concat(x, '; ') FROM (SELECT a.$2 AS x FROM event_actors ea
		JOIN actors a ON a.id = ea.actor_id WHERE ea.event_id = e.id AND ea.role = $1 ORDER BY ea.seq))"
}
report_list() { # $1 expression over r and ag
	echo "(SELECT group_concat(x, '; ') FROM (SELECT $1 AS x FROM event_reports er
		JOIN reports r ON r.id = er.report_id LEFT JOIN agencies ag ON ag.id = r.agency_id
		WHERE er.event_id = e.id ORDER BY r.published, r.id))"
}
FLOOR_SQL="SELECT 'e' || e.id AS id, e.date,
	CASE e.date_precision WHEN 1 THEN 'year' WHEN 2 THEN 'season' WHEN 3 THEN 'month'
		WHEN 4 THEN 'day' ELSE '' END AS date_precision,
	e.type, e.cameo, CASE e.status WHEN 0 THEN 'occurred' WHEN 1 THEN 'planned' ELSE 'negated' END AS status,
	$(role_list 0 name) AS source_names, $(role_list 0 code) AS source_codes,
	$(role_list 1 name) AS target_names, $(role_list 1 code) AS target_codes,
	$(role_list 2 name) AS participants,
	(SELECT group_concat(x, '; ') FROM (SELECT t.name AS x FROM event_topics et
		JOIN topics t ON t.id = et.topic_id WHERE et.event_id = e.id ORDER BY t.kind DESC, t.name)) AS topics,
	e.summary, e.evidence,
	(SELECT group_concat(DISTINCT ag.name) FROM event_reports er JOIN reports r ON r.id = er.report_id
		JOIN agencies ag ON ag.id = r.agency_id WHERE er.event_id = e.id) AS agencies,
	$(report_list r.title) AS report_titles,
	$(report_list "nullif(r.url, '')") AS urls,
	(SELECT strftime('%Y-%m-%dT%H:%M:%SZ', min(r.published), 'unixepoch') FROM event_reports er
		JOIN reports r ON r.id = er.report_id WHERE er.event_id = e.id) AS first_published,
	$(role_list 2 code) AS participant_codes
FROM events e WHERE e.status IN (0, 1) ORDER BY e.date = '', e.date, e.id;"

echo "=== export of $events events"
sync
measure export-csv "$COMMUNIQUE" --db "$db" export --format csv -o "$dir/out.csv"
[ "$RC" -eq 0 ] || { echo "bench: the export failed (exit $RC)"; cat "$WORK/export-csv.err"; exit 1; }
ex_wall=$WALL ex_rss=$RSS_KB
ex_rows=$(($(wc -l <"$dir/out.csv") - 1))
measure export-floor sqlite3 -csv -header "$db" "$FLOOR_SQL"
[ "$RC" -eq 0 ] || { echo "bench: the sqlite3 floor failed"; cat "$WORK/export-floor.err"; exit 1; }
mv "$WORK/export-floor.out" "$dir/floor.csv"
fl_wall=$WALL fl_rss=$RSS_KB
fl_rows=$(($(wc -l <"$dir/floor.csv") - 1))
rows=$(sqlite3 "$db" "SELECT count(*) FROM events WHERE status IN (0, 1)")

echo "export  communique --format csv: ${ex_wall}s, $(per_second "$rows" "$ex_wall") events/s," \
	"peak RSS $(mib "$ex_rss"), $(file_mib "$dir/out.csv") ($ex_rows lines after the header)"
echo "floor   sqlite3 -csv, same columns: ${fl_wall}s, $(per_second "$rows" "$fl_wall") events/s," \
	"peak RSS $(mib "$fl_rss"), $(file_mib "$dir/floor.csv") ($fl_rows lines after the header)"
echo "ratio   export time / floor time = $(ratio "$ex_wall" "$fl_wall") ($rows occurred or planned events)"
if [ "${BENCH_KEEP:-0}" != 1 ]; then
	rm -rf "$dir"
fi
