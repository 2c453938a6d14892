# bench/common.sh: what run.sh and export.sh share. Sourced, not run.
#
# Sets BENCH (this directory), REPO, WORK (scratch space, $BENCH_WORK or
# /tmp/communique-bench), and provides:
#   need_tools           checks for cc, sqlite3 and GNU time (installs 'time'
#                        with apt-get when root and it is missing)
#   build_gen            compiles bench/gen.c to $WORK/gen
#   build_communique     sets COMMUNIQUE: $COMMUNIQUE if given, else builds the
#                        project into $REPO/build-bench (default build type)
#   measure NAME CMD...  runs CMD under /usr/bin/time -v, stdout to
#                        $WORK/NAME.out, stderr to $WORK/NAME.err, the time
#                        report to $WORK/NAME.time; sets WALL (seconds), RSS_KB
#                        and RC
#   machine              prints nproc, CPU model, versions

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH/.." && pwd)
WORK=${BENCH_WORK:-/tmp/communique-bench}
mkdir -p "$WORK"

need_tools() {
	local t
	for t in cc sqlite3; do
		command -v "$t" >/dev/null || { echo "bench: '$t' is needed" >&2; exit 1; }
	done
	if [ ! -x /usr/bin/time ]; then
		if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
			echo "bench: installing GNU time (for wall time and peak memory)"
			DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends time >/dev/null
		fi
		[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time (package 'time') is needed" >&2; exit 1; }
	fi
}

build_gen() {
	cc -std=c11 -O2 -Wall -Wextra -Werror -o "$WORK/gen" "$BENCH/gen.c"
}

build_communique() {
	if [ -n "${COMMUNIQUE:-}" ]; then
		[ -x "$COMMUNIQUE" ] || { echo "bench: COMMUNIQUE='$COMMUNIQUE' is not executable" >&2; exit 1; }
		return
	fi
	local dir="$REPO/build-bench"
	cmake -S "$REPO" -B "$dir" >/dev/null
	cmake --build "$dir" -j"$(nproc)" --target communique >/dev/null
	COMMUNIQUE="$dir/communique"
}

# Seconds from GNU time's "h:mm:ss" or "m:ss.ss".
wall_seconds() {
	awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }' <<<"$1"
}

measure() {
	local name=$1
	shift
	RC=0
	/usr/bin/time -v -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || RC=$?
	local w
	w=$(sed -n "s/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p" "$WORK/$name.time")
	WALL=$(wall_seconds "$w")
	RSS_KB=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/$name.time")
}

# a / b with two decimals ("-" when b is 0).
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "-"; else printf "%.2f", a / b }'
}

# a / b rounded to a whole number.
per_second() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "-"; else printf "%.0f", a / b }'
}

mib() {
	awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'
}

file_mib() {
	local bytes
	bytes=$(stat -c %s "$1")
	awk -v b="$bytes" 'BEGIN { printf "%.1f MiB", b / 1048576 }'
}

machine() {
	echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')," \
		"$(awk '/MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo)"
	echo "software: $("$COMMUNIQUE" --version), sqlite3 shell $(sqlite3 --version | cut -d' ' -f1)," \
		"$(cc --version | head -n1)"
	echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews the timings)"
	echo "scratch: $WORK ($(df -h --output=source,fstype "$WORK" | tail -n1 | tr -s ' '))"
}
