#!/usr/bin/env bash
# Fault injection, as SQLite tests itself: the Nth allocation fails (then
# only it, or it and every later one), and the Nth read, write or fsync
# fails with EIO, for N spread over the whole of an import, an export and a
# scheduled update of the sample reports. Every run must exit with an error
# or succeed, never crash; the archive must pass `check`; a clean run
# afterwards must leave every report imported exactly once (nothing half
# written); no run hangs (each is given 120 s); an export that failed leaves neither the output nor a
# temporary file, and one that succeeded is complete.
#
# Usage (as ctest runs it): bash faults.sh BIN FAILALLOC.so FAILIO.so SRCDIR [RUNS]
set -uo pipefail

BIN=${1:?usage: faults.sh BIN FAILALLOC.so FAILIO.so SRCDIR [RUNS]}
ALLOC=${2:?}
IO=${3:?}
SRC=${4:?}
RUNS=${5:-40}
T=$(mktemp -d "${TMPDIR:-/tmp}/faults.XXXXXX")
trap 'rm -rf "$T"' EXIT
unset COMMUNIQUE_DB
failures=0
fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}
SAMPLES=$SRC/samples
n_reports=$("$BIN" --db "$T/clean.db" ingest "$SAMPLES" 2>/dev/null | sed -n 's/^imported \([0-9]*\).*/\1/p')
[ -n "$n_reports" ] && [ "$n_reports" -gt 0 ] || { echo "FAIL: the samples do not import" >&2; exit 1; }

# How many calls a clean run makes, through the shim $1 counting with $2.
calls() {   # calls SHIM COUNTVAR COMMAND...
	local shim=$1 var=$2
	shift 2
	env "$var=$T/count" LD_PRELOAD="$shim" "$@" >/dev/null 2>&1
	cat "$T/count"
}

# The N values to try: RUNS of them over 1..total, evenly spread.
spread() { awk -v t="$1" -v r="$RUNS" 'BEGIN { for (i = 0; i < r; i++) printf "%d\n", 1 + int(i * t / r) }'; }

# One faulty run: exit code 0..4 (never a signal), then the archive checked.
judge() {   # judge WHAT RC DB
	if [ "$2" -eq 124 ]; then
		fail "$1: still running after 120 s (a hang)"
		return
	fi
	if [ "$2" -gt 4 ]; then
		fail "$1: exit $2 (a crash?): $(tail -c 300 "$T/err" | tr '\n' ' ')"
		return
	fi
	if [ -e "$3" ] && ! "$BIN" --db "$3" check >"$T/check" 2>&1; then
		fail "$1: the archive fails check: $(tail -c 300 "$T/check" | tr '\n' ' ')"
	fi
}

inject() {   # inject SHIM NVAR ALLVAR KIND
	local shim=$1 nvar=$2 allvar=$3 kind=$4 total n all
	total=$(calls "$shim" "${kind}_COUNT" "$BIN" --db "$T/count.db" ingest "$SAMPLES")
	rm -f "$T/count.db"*
	for n in $(spread "$total"); do
		all=$((n % 2))
		rm -f "$T/a.db"*
		timeout 120 env "$nvar=$n" "$allvar=$all" LD_PRELOAD="$shim" "$BIN" --db "$T/a.db" ingest "$SAMPLES" \
			>"$T/out" 2>"$T/err"
		rc=$?
		judge "ingest, $kind $n (all $all)" "$rc" "$T/a.db"
		# A clean run finishes the import: each report exactly once.
		"$BIN" --db "$T/a.db" ingest "$SAMPLES" >/dev/null 2>&1
		got=$("$BIN" --db "$T/a.db" reports 2>/dev/null | grep -c '^r[0-9]')
		[ "$got" = "$n_reports" ] || fail "ingest, $kind $n (all $all): $got reports after a clean run, expected $n_reports"
	done

	cp "$T/clean.db" "$T/e.db"
	total=$(calls "$shim" "${kind}_COUNT" "$BIN" --db "$T/e.db" export --format json -o "$T/e.json")
	for n in $(spread "$total"); do
		all=$((n % 2))
		rm -f "$T/out.json"
		timeout 120 env "$nvar=$n" "$allvar=$all" LD_PRELOAD="$shim" "$BIN" --db "$T/e.db" export --format json \
			-o "$T/out.json" >"$T/out" 2>"$T/err"
		rc=$?
		judge "export, $kind $n (all $all)" "$rc" "$T/e.db"
		if [ "$rc" -eq 0 ]; then
			python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$T/out.json" 2>/dev/null ||
				fail "export, $kind $n: exit 0 but the output is not complete JSON"
		elif [ -e "$T/out.json" ]; then
			fail "export, $kind $n: exit $rc but the output was written"
		fi
		ls -A "$T" | grep -q communique-tmp- && fail "export, $kind $n: a temporary file was left"
	done
	# jansson's parser crashed when an allocation failed inside a string
	# it was reading (util/json_safe.c): the export reads every event's
	# actors, topics and sources back as JSON, so a denser sweep of single
	# failures finds the points a spread of 40 misses.
	if [ "$kind" = FAILALLOC ]; then
		for n in $(RUNS=2000 spread "$total"); do
			timeout 120 env "$nvar=$n" "$allvar=0" LD_PRELOAD="$shim" "$BIN" --db "$T/e.db" export --format json \
				-o "$T/out.json" >"$T/out" 2>"$T/err"
			rc=$?
			[ "$rc" -gt 4 ] && fail "export, $kind $n alone: exit $rc (a crash?): $(tail -c 200 "$T/err" | tr '\n' ' ')"
			[ "$rc" -ne 0 ] && [ -e "$T/out.json" ] && fail "export, $kind $n alone: exit $rc but the output was written"
			rm -f "$T/out.json"
		done
	fi

	mkdir -p "$T/inbox"
	cp "$SAMPLES"/*.txt "$T/inbox/"
	printf '[inbox]\nkind = dir\npath = %s\n' "$T/inbox" >"$T/sources.conf"
	total=$(calls "$shim" "${kind}_COUNT" "$BIN" --db "$T/u0.db" update --sources "$T/sources.conf")
	local n_txt
	n_txt=$(ls "$T/inbox" | wc -l)
	for n in $(spread "$total"); do
		all=$((n % 2))
		rm -f "$T/u.db"*
		timeout 120 env "$nvar=$n" "$allvar=$all" LD_PRELOAD="$shim" "$BIN" --db "$T/u.db" update \
			--sources "$T/sources.conf" >"$T/out" 2>"$T/err"
		rc=$?
		judge "update, $kind $n (all $all)" "$rc" "$T/u.db"
		"$BIN" --db "$T/u.db" update --sources "$T/sources.conf" >/dev/null 2>&1
		got=$("$BIN" --db "$T/u.db" reports 2>/dev/null | grep -c '^r[0-9]')
		[ "$got" = "$n_txt" ] || fail "update, $kind $n (all $all): $got reports after a clean run, expected $n_txt"
	done
}

echo "# allocation failures"
inject "$ALLOC" FAILALLOC_N FAILALLOC_ALL FAILALLOC
echo "# I/O failures"
inject "$IO" FAILIO_N FAILIO_ALL FAILIO

if [ "$failures" -gt 0 ]; then
	echo "$failures failure(s)" >&2
	exit 1
fi
echo "faults: all passed"
