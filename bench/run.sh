#!/usr/bin/env bash
# bench/run.sh: import speed of `communique ingest` against the floor, the
# sqlite3 shell loading the same headlines and bodies into an FTS5-indexed
# table. See bench/README.md.
#
# usage: bench/run.sh [N...]        (default: 10000 100000)
# environment: COMMUNIQUE (binary to measure; default: build into build-bench),
#              BENCH_WORK (scratch directory; default /tmp/communique-bench),
#              BENCH_SEED (generator seed; default 1), BENCH_KEEP=1 (keep the
#              generated reports and databases)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(10000 100000)
SEED=${BENCH_SEED:-1}

need_tools
build_gen
build_communique
machine
echo

# Sentences, roughly: a full stop, question or exclamation mark (maybe a
# closing quote) then blanks then a capital (maybe an opening quote), across
# line ends; and the last sentence of the file.
count_sentences() {
	find "$1" -name '*.txt' -print0 | xargs -0 cat | tr '\n' ' ' |
		LC_ALL=C grep -oE '[.?!](”|")? +(“|")?[A-Z]' | wc -l
}

for n in "${SIZES[@]}"; do
	dir="$WORK/n$n"
	rm -rf "$dir"
	mkdir -p "$dir"
	echo "=== $n reports"
	t0=$SECONDS
	"$WORK/gen" -n "$n" -s "$SEED" -o "$dir/reports" --sql "$dir/floor.sql"
	sentences=$(count_sentences "$dir/reports")
	bytes=$(du -sb "$dir/reports" | cut -f1)
	echo "generated in $((SECONDS - t0))s: $(awk -v b="$bytes" 'BEGIN { printf "%.1f MiB", b / 1048576 }')" \
		"of text, ~$sentences sentences"
	sync

	# (a) The floor: one transaction of INSERTs into a table with an FTS5
	# index kept by a trigger, WAL and synchronous=FULL as in the archive.
	measure "n$n-floor" sqlite3 "$dir/floor.db" ".read $dir/floor.sql"
	[ "$RC" -eq 0 ] || { echo "bench: the sqlite3 floor failed:"; cat "$WORK/n$n-floor.err"; exit 1; }
	floor_wall=$WALL floor_rss=$RSS_KB
	floor_rows=$(sqlite3 "$dir/floor.db" "SELECT count(*) FROM reports")

	# (b) Import alone: the same reports stored without event extraction
	# (ingest --no-events), the issue's "import before extraction".
	sync
	measure "n$n-alone" "$COMMUNIQUE" --db "$dir/alone.db" ingest --no-events "$dir/reports"
	[ "$RC" -le 1 ] || { echo "bench: communique ingest --no-events failed:"; tail -n 20 "$WORK/n$n-alone.err"; exit 1; }
	alone_wall=$WALL alone_rss=$RSS_KB
	rm -f "$dir"/alone.db*

	# (c) The importer, default settings (synchronous=FULL, batches of 500).
	sync
	measure "n$n-ingest" "$COMMUNIQUE" --db "$dir/archive.db" ingest "$dir/reports"
	ing_wall=$WALL ing_rss=$RSS_KB ing_rc=$RC
	if [ "$RC" -gt 1 ]; then
		echo "bench: communique ingest failed (exit $RC):"
		tail -n 20 "$WORK/n$n-ingest.err"
		exit 1
	fi
	summary=$(tail -n1 "$WORK/n$n-ingest.out")
	warnings=$(grep -c . "$WORK/n$n-ingest.err" || true)
	read -r reports events links <<<"$(sqlite3 -separator ' ' "$dir/archive.db" \
		"SELECT (SELECT count(*) FROM reports), (SELECT count(*) FROM events),
			(SELECT count(*) FROM event_reports)")"

	echo "floor   sqlite3 shell: $floor_rows rows in ${floor_wall}s" \
		"= $(per_second "$floor_rows" "$floor_wall") reports/s, peak RSS $(mib "$floor_rss")," \
		"db $(file_mib "$dir/floor.db")"
	echo "alone   ingest --no-events: $reports reports in ${alone_wall}s" \
		"= $(per_second "$reports" "$alone_wall") reports/s, peak RSS $(mib "$alone_rss");" \
		"ratio to the floor $(ratio "$alone_wall" "$floor_wall")"
	echo "ingest  communique:    $reports reports in ${ing_wall}s" \
		"= $(per_second "$reports" "$ing_wall") reports/s, peak RSS $(mib "$ing_rss")," \
		"archive $(file_mib "$dir/archive.db") (exit $ing_rc: $summary; $warnings stderr lines)"
	echo "          $(per_second "$sentences" "$ing_wall") sentences/s;" \
		"$events events ($(ratio "$events" "$reports") a report, $(per_second "$events" "$ing_wall")/s)," \
		"$links event-report links"
	echo "ratio   ingest time / floor time = $(ratio "$ing_wall" "$floor_wall")"
	echo "cpu     floor: $(sed -n 's/.*User time (seconds): //p' "$WORK/n$n-floor.time")s user" \
		"$(sed -n 's/.*System time (seconds): //p' "$WORK/n$n-floor.time")s sys;" \
		"ingest: $(sed -n 's/.*User time (seconds): //p' "$WORK/n$n-ingest.time")s user" \
		"$(sed -n 's/.*System time (seconds): //p' "$WORK/n$n-ingest.time")s sys"
	echo
	if [ "${BENCH_KEEP:-0}" != 1 ]; then
		rm -rf "$dir"
	fi
done
