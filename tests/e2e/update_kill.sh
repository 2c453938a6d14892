#!/usr/bin/env bash
# kill -9 at many moments of a large update: after each kill the archive
# passes `check`, and the run that finally completes leaves every report
# imported exactly once.
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
T=$(mktemp -d)
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap 'e2e_cleanup; rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

N=${UPDATE_KILL_FILES:-6000}
mkdir -p "$T/inbox/a" "$T/inbox/b"
months=(January February March April May June July August September October November December)
for i in $(seq 1 "$N"); do
	sub=$([ $((i % 2)) -eq 0 ] && echo a || echo b)
	m=${months[$((i % 12))]}
	d=$((i % 28 + 1))
	printf 'Lavrov and Wang Yi hold consultations in Moscow, session %d\n\nMOSCOW, %s %d, 2015. /TASS/. Russian Foreign Minister Sergei Lavrov held consultations with his Chinese counterpart Wang Yi in Moscow on Tuesday, session %d of the strategic dialogue, the ministry said.\n' \
		"$i" "$m" "$d" "$i" > "$T/inbox/$sub/report-$i.txt"
done
cat > "$T/sources.conf" <<CONF
[inbox]
kind = dir
path = inbox
agency = TASS
CONF
DB=$(e2e_db "$T/archive.db")
# update reads sources.conf beside the archive, or on PostgreSQL (no
# archive directory) in the current one: here both.
cd "$T" || exit 1

kills=0
# First one kill once the run is on record, whatever the machine's speed or
# load (on a loaded machine the short delays below can all land before the
# run is recorded): the record of a killed run must say so.
"$BIN" --db "$DB" update --batch 20 2>"$T/err.0" &
pid=$!
for i in $(seq 1 400); do
	"$BIN" --db "$DB" runs --last 1 2>/dev/null | grep -q "did not finish" && break
	sleep 0.05
done
if kill -9 "$pid" 2>/dev/null; then
	kills=$((kills + 1))
fi
wait "$pid" 2>/dev/null
if e2e_exists "$DB"; then
	"$BIN" --db "$DB" check >"$T/check.0" 2>&1 || { cat "$T/check.0"; fail "check failed after the first kill"; }
fi
for k in $(seq 1 30); do
	[ "$kills" -ge 12 ] && break
	# Short delays, growing, with a random part, so kills land at many points:
	# while opening, inside batches, between commits, while recording the run.
	# Short because import is fast: each killed run still imports a part.
	delay=$(awk -v k="$k" -v r="$RANDOM" 'BEGIN { printf "%.3f", 0.005 + (k % 12) * 0.008 + (r % 20) / 1000 }')
	"$BIN" --db "$DB" update --batch 20 2>"$T/err.$k" &
	pid=$!
	sleep "$delay"
	if kill -9 "$pid" 2>/dev/null; then
		kills=$((kills + 1))
	fi
	wait "$pid" 2>/dev/null
	if e2e_exists "$DB"; then
		"$BIN" --db "$DB" check >"$T/check.$k" 2>&1 || { cat "$T/check.$k"; fail "check failed after kill $k"; }
		echo "kill $k after ${delay}s: $("$BIN" --db "$DB" reports | wc -l) reports"
	fi
done
[ "$kills" -ge 5 ] || fail "only $kills updates were killed before they finished (machine too fast?)"

"$BIN" --db "$DB" update --summary >"$T/final" 2>"$T/final.err" || { cat "$T/final.err"; fail "final update failed"; }
"$BIN" --db "$DB" check >/dev/null || fail "check failed after the final update"
count=$("$BIN" --db "$DB" reports | wc -l)
[ "$count" -eq "$N" ] || fail "expected $N reports, found $count"
dups=$("$BIN" --db "$DB" reports | awk '{ $1 = ""; print }' | sort | uniq -d | wc -l)
[ "$dups" -eq 0 ] || fail "$dups reports are listed twice"
# Once complete, nothing is left to do.
"$BIN" --db "$DB" update --summary >"$T/again" || fail "update after completion failed"
grep -q "imported 0, replaced 0, unchanged $N, failed 0" "$T/again" || { cat "$T/again"; fail "a complete inbox was not found unchanged"; }
# The killed runs are visible as such.
"$BIN" --db "$DB" runs --last 0 | grep -q "did not finish" || fail "killed runs are not shown"
echo "ok: $kills kills, $count reports"
