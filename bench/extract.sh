#!/usr/bin/env bash
# Extraction alone, on one core: generates N reports with bench/gen.c (default
# 10000), builds bench_extract (Release) and times extract_events over them
# after they were read (best of 3 rounds). Prints reports/s and sentences/s.
# Any other files may be given instead: bench/extract.sh FILE...
#   bench/extract.sh            # generated reports
#   bench/extract.sh my/*.txt   # your own saved reports
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
WORK=${BENCH_WORK:-/tmp/communique-bench}
N=${BENCH_N:-10000}
mkdir -p "$WORK"
cmake -S . -B build-bench-extract -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-bench-extract -j"$(nproc)" --target bench_extract >/dev/null
if [ "$#" -gt 0 ]; then
	exec build-bench-extract/bench_extract -r 3 "$@"
fi
cc -O2 -o "$WORK/gen" bench/gen.c
rm -rf "$WORK/extract-reports"
"$WORK/gen" -n "$N" -o "$WORK/extract-reports" -s "${BENCH_SEED:-1}" >/dev/null
find "$WORK/extract-reports" -type f | sort | build-bench-extract/bench_extract -r 3 -
