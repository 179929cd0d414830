#!/usr/bin/env bash
# faultsim matrix --jobs 2 against --jobs 1: the wall-time ratio (target
# <= 0.6 on a 2-core machine) and that both wrote the same table,
# Markdown, HTML and traces.  A figure, never a timed test.
# usage: benchmarks/matrix_jobs.sh [BINDIR] [matrix options...]
# (default: build/release/bin; all families, kconfigs full,no-thp, every
# design, 20 schedules a cell)
set -euo pipefail
bindir=${1:-$(dirname "$0")/../build/release/bin}
shift || true
opts=("$@")
[ ${#opts[@]} -gt 0 ] || opts=(--kconfigs full,no-thp --iterations 20)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
wall() {	# wall N: "wall-seconds cpu-seconds" of matrix --jobs N
	/usr/bin/time -f '%e %U %S' -o "$tmp/time$1" \
		"$bindir/faultsim" matrix "${opts[@]}" --quiet --jobs "$1" \
		--out "$tmp/j$1" > "$tmp/raw$1.txt" 2>&1 || true
	sed "s|$tmp/j$1|OUT|g" "$tmp/raw$1.txt" > "$tmp/j$1.txt"
	awk '{ print $1, $2 + $3 }' "$tmp/time$1"
}
read -r w1 c1 < <(wall 1)
read -r w2 c2 < <(wall 2)
same=identical
diff -q "$tmp/j1.txt" "$tmp/j2.txt" >/dev/null && diff -rq "$tmp/j1" "$tmp/j2" >/dev/null || same=DIFFERENT
printf 'matrix %s: --jobs 1 %.1f s, --jobs 2 %.1f s: ratio %.2f (target <= 0.6); tables %s\n' \
	"${opts[*]}" "$w1" "$w2" "$(awk "BEGIN { print $w2 / $w1 }")" "$same"
# how many cores each run had: a busy machine (other load, and the
# kernel's autogroup sharing the CPU between sessions, not processes)
# leaves --jobs 2 no second core, whatever the matrix does with it
printf 'CPU %.1f s and %.1f s: %.2f and %.2f cores busy on average; %d cores online, load %s, sched_autogroup %s\n' \
	"$c1" "$c2" "$(awk "BEGIN { print $c1 / $w1 }")" "$(awk "BEGIN { print $c2 / $w2 }")" \
	"$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(cat /proc/sys/kernel/sched_autogroup_enabled 2>/dev/null || echo -)"
