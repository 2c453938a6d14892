# The type table (dict/types.tsv) is the one list of event types: the JSON
# schema's examples are exactly its types, docs/events.md has a row for each,
# and the binary's type filter accepts each and refuses a near miss with a
# suggestion. A type added to the table without its documentation fails here.
#
# Usage (as ctest runs it): bash types_table.sh BIN SRCDIR
set -euo pipefail
BIN=${1:?usage: types_table.sh BIN SRCDIR}
SRC=${2:?usage: types_table.sh BIN SRCDIR}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/types_table.XXXXXX")
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap 'e2e_cleanup; rm -rf "$WORK"' EXIT
unset COMMUNIQUE_DB
failures=0
fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

types=$(grep -v '^#' "$SRC/dict/types.tsv" | grep -v '^$' | cut -f1)
[ -n "$types" ] || fail "no types in dict/types.tsv"

schema=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print("\n".join(s["$defs"]["event"]["properties"]["type"]["examples"]))' \
	"$SRC/schema/timeline.schema.json")
[ "$schema" = "$types" ] || fail "the schema's type examples differ from dict/types.tsv: $(diff <(echo "$schema") <(echo "$types") | tr '\n' ' ')"

for t in $types; do
	grep -q "^| \`$t\` |" "$SRC/docs/events.md" || fail "docs/events.md has no row for the type '$t'"
	"$BIN" --db "$(e2e_db "$WORK/a.db")" events --type "$t" >/dev/null 2>"$WORK/err" || fail "--type $t refused: $(cat "$WORK/err")"
done

rc=0
"$BIN" --db "$(e2e_db "$WORK/a.db")" events --type sanction >/dev/null 2>"$WORK/err" || rc=$?
[ "$rc" = 2 ] || fail "--type sanction: exit $rc, expected 2"
grep -q "did you mean 'sanctions'" "$WORK/err" || fail "no suggestion for --type sanction: $(cat "$WORK/err")"

if [ "$failures" -gt 0 ]; then
	echo "$failures failure(s)" >&2
	exit 1
fi
echo "types_table: all passed"
