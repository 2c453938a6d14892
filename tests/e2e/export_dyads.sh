#!/usr/bin/env bash
# End-to-end: relations over time as numbers (export --format dyads). For
# each pair of parties and period: events by quad class and the summed and
# mean Goldstein intensity, as CSV ready for a chart.
#
# Usage (as ctest runs it): bash export_dyads.sh BIN SRCDIR
set -uo pipefail

BIN=${1:?usage: export_dyads.sh BIN SRCDIR}
SRC=${2:?usage: export_dyads.sh BIN SRCDIR}
T=$(mktemp -d "${TMPDIR:-/tmp}/export_dyads.XXXXXX")
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap 'e2e_cleanup; rm -rf "$T"' EXIT
unset COMMUNIQUE_DB
failures=0
fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}
DB=$(e2e_db "$T/a.db")
"$BIN" --db "$DB" ingest "$SRC/samples" >/dev/null 2>&1 || fail "ingest of the samples"
"$BIN" --db "$DB" export --format dyads -o "$T/m.csv" 2>"$T/err" || fail "dyads export: $(cat "$T/err")"
"$BIN" --db "$DB" export --format dyads --period year -o "$T/y.csv" || fail "dyads --period year"
"$BIN" --db "$DB" export --format dyads --period week -o "$T/w.csv" || fail "dyads --period week"
"$BIN" --db "$DB" export --format json --status occurred,planned -o "$T/all.json" || fail "json export"
python3 - "$T/m.csv" "$T/y.csv" "$T/w.csv" "$T/all.json" <<'PY' || fail "the dyads tables are wrong (above)"
import csv, json, re, sys
def rows(p):
    with open(p, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))
m, y, w = rows(sys.argv[1]), rows(sys.argv[2]), rows(sys.argv[3])
ok = True
def check(cond, what):
    global ok
    if not cond:
        print("dyads:", what); ok = False
check(m and list(m[0].keys())[:6] == ["period", "source_code", "source", "target_code", "target", "directed"], "header")
for r in m:
    n = int(r["events"])
    quads = sum(int(r[k]) for k in ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"))
    check(quads == n, f"{r['period']} {r['source_code']}-{r['target_code']}: quad classes {quads} != events {n}")
    check(re.fullmatch(r"\d{4}-\d{2}", r["period"]) is not None, f"month period {r['period']}")
    if r["intensity_mean"]:
        check(abs(float(r["intensity_sum"]) / n - float(r["intensity_mean"])) < 0.01, f"mean of {r}")
# Georgia cut ties with Russia (material conflict) in August 2008.
geo = [r for r in m if r["period"] == "2008-08" and r["source_code"] == "GEO" and r["target_code"] == "RUS"]
check(geo and int(geo[0]["material_conflict"]) >= 1 and float(geo[0]["intensity_sum"]) < 0, "GEO -> RUS 2008-08")
check(all(re.fullmatch(r"\d{4}", r["period"]) for r in y), "year periods")
check(all(re.fullmatch(r"\d{4}-W\d{2}", r["period"]) for r in w), "week periods")
# Every dated directed event between two coded states counts once in its month.
ev = json.load(open(sys.argv[4]))["events"]
total = 0
for e in ev:
    if not e.get("date") or len(e["date"]) < 7:
        continue
    s = {a["code"] for a in e["actors"] if a["role"] == "source" and a.get("code")}
    t = {a["code"] for a in e["actors"] if a["role"] == "target" and a.get("code")}
    total += len([1 for a in s for b in t if a != b])
check(total == sum(int(r["events"]) for r in m if r["directed"] == "yes"), "directed counts do not add up to the events")
check(sum(int(r["events"]) for r in y) >= sum(int(r["events"]) for r in m), "a year holds its months")
sys.exit(0 if ok else 1)
PY
"$BIN" --db "$DB" export --format dyads --period fortnight >/dev/null 2>&1
[ $? -eq 2 ] || fail "--period fortnight should be a usage error"
"$BIN" --db "$DB" export --format csv --period week >/dev/null 2>&1
[ $? -eq 2 ] || fail "--period with csv should be a usage error"
if [ "$failures" -gt 0 ]; then
	echo "$failures failure(s)" >&2
	exit 1
fi
echo "export_dyads: all passed"
