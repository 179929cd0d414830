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
wall() {	# wall N: seconds of matrix --jobs N
	local t0 t1
	t0=$(date +%s.%N)
	"$bindir/faultsim" matrix "${opts[@]}" --quiet --jobs "$1" \
		--out "$tmp/j$1" 2>&1 | sed "s|$tmp/j$1|OUT|g" > "$tmp/j$1.txt" || true
	t1=$(date +%s.%N)
	awk "BEGIN { print $t1 - $t0 }"
}
w1=$(wall 1)
w2=$(wall 2)
same=identical
diff -q "$tmp/j1.txt" "$tmp/j2.txt" >/dev/null && diff -rq "$tmp/j1" "$tmp/j2" >/dev/null || same=DIFFERENT
printf 'matrix %s: --jobs 1 %.1f s, --jobs 2 %.1f s: ratio %.2f (target <= 0.6); tables %s; %d cores online, load %s\n' \
	"${opts[*]}" "$w1" "$w2" "$(awk "BEGIN { print $w2 / $w1 }")" "$same" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
