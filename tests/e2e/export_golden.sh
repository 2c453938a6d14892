#!/usr/bin/env bash
# End-to-end, data-driven: every export format of a fixed archive (a subset
# of samples/, see tests/data/golden/archive.sh) compared byte for byte with
# the expected output checked in under tests/data/golden/ (the cases file
# lists them with their arguments). Proves that the exports are exactly
# what was reviewed, that they do not depend on the machine's time zone
# (each case is also run under a second zone), and that `-o FILE` writes
# the same bytes as stdout.
#
# Usage (ctest does this): bash export_golden.sh BIN SRCDIR
# UPDATE_GOLDEN=1 rewrites the expected files from the current tree instead
# of comparing (and deletes expected files no case names any more):
#   UPDATE_GOLDEN=1 ctest --test-dir build -R export_golden
# Needs only bash, coreutils and diff.
set -euo pipefail

BIN=${1:?usage: export_golden.sh BIN SRCDIR}
SRC=${2:?usage: export_golden.sh BIN SRCDIR}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
GOLD=$SRC/tests/data/golden
T=$(mktemp -d "${TMPDIR:-/tmp}/communique-golden.XXXXXX")
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap 'e2e_cleanup; rm -rf "$T"' EXIT
UPDATE=${UPDATE_GOLDEN:-0}

# shellcheck source=../data/golden/archive.sh
. "$GOLD/archive.sh"
export SOURCE_DATE_EPOCH=$GOLDEN_EPOCH
DB=$(e2e_db "$T/archive.db")
golden_archive "$BIN" "$SRC" "$DB" || { echo "FAIL: cannot build the golden archive" >&2; exit 1; }

passed=0 failed=0 updated=0
declare -A named=()

bad() {
	echo "FAIL [$1]: $2" >&2
	failed=$((failed + 1))
}

# export_to ZONE OUT ERR ARGS...: one export to stdout under time zone ZONE.
export_to() {
	local zone=$1 out=$2 err=$3
	shift 3
	TZ=$zone "$BIN" --db "$DB" export "$@" >"$out" 2>"$err"
}

# Runs one case: stdout in the test's zone, stdout in another zone, and -o.
# Leaves the output in $T/got; returns non-zero after reporting a failure.
run_case() {
	local name=$1
	shift
	if ! export_to "${TZ:-UTC}" "$T/got" "$T/err" "$@"; then
		bad "$name" "export failed: $(head -c 400 "$T/err")"
		return 1
	fi
	if [ -s "$T/err" ]; then
		bad "$name" "export wrote to stderr: $(head -c 400 "$T/err")"
		return 1
	fi
	# A zone 13 hours away from Kiritimati (ctest's zone), with a half hour.
	if ! export_to America/St_Johns "$T/got-zone" "$T/err" "$@" || ! cmp -s "$T/got" "$T/got-zone"; then
		bad "$name" "the output depends on the time zone: $(diff "$T/got" "$T/got-zone" | head -n 6)"
		return 1
	fi
	rm -f "$T/file"
	if ! "$BIN" --db "$DB" export "$@" -o "$T/file" 2>"$T/err" || ! cmp -s "$T/got" "$T/file"; then
		bad "$name" "-o FILE differs from stdout: $(head -c 400 "$T/err")"
		return 1
	fi
}

while IFS= read -r line || [ -n "$line" ]; do
	case $line in '' | '#'*) continue ;; esac
	name=${line%%:*}
	spec=${line#*:}
	case $name in
	*/* | '' | .*) bad "$name" "not a plain file name in the cases file"; continue ;;
	esac
	# The cases file is the project's own: its quotes group words as in a shell.
	eval "args=($spec)"
	named[$name]=1
	run_case "$name" "${args[@]}" || continue
	if [ "$UPDATE" = 1 ]; then
		if ! cmp -s "$T/got" "$GOLD/$name"; then
			cp "$T/got" "$GOLD/$name"
			echo "updated $name"
			updated=$((updated + 1))
		fi
		passed=$((passed + 1))
	elif [ ! -f "$GOLD/$name" ]; then
		bad "$name" "no expected file (run UPDATE_GOLDEN=1 ctest -R export_golden)"
	elif ! cmp -s "$T/got" "$GOLD/$name"; then
		bad "$name" "differs from the expected output (UPDATE_GOLDEN=1 ctest -R export_golden rewrites it after review):"
		diff -u "$GOLD/$name" "$T/got" | head -n 40 | cut -c1-300 >&2 || true
	else
		echo "ok $name"
		passed=$((passed + 1))
	fi
done <"$GOLD/cases"

# Every expected file belongs to a case; a left-over one would never be checked.
for f in "$GOLD"/*; do
	base=${f##*/}
	case $base in cases | README.md | archive.sh) continue ;; esac
	[ -d "$f" ] && continue
	if [ -z "${named[$base]:-}" ]; then
		if [ "$UPDATE" = 1 ]; then
			rm -f "$f"
			echo "removed $base (no case names it)"
		else
			bad "$base" "no case in tests/data/golden/cases names it"
		fi
	fi
done

[ "$passed" -gt 0 ] || bad cases "no case ran"
[ "$UPDATE" = 1 ] && echo "UPDATE_GOLDEN=1: $updated expected file(s) rewritten; review them with git diff"
echo "export_golden: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
