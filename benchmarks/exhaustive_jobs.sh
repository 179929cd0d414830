#!/usr/bin/env bash
# faultsim run --strategy exhaustive --jobs 2 against --jobs 1: the
# wall-time ratio (target <= 0.6 on a 2-core machine), the CPU each had
# (cores busy = CPU / wall), and that both reached the same end states.
# A figure, never a timed test.
# usage: benchmarks/exhaustive_jobs.sh [BINDIR] [SCENARIO [BOUND]]
# (default: build/release/bin, two-faults-one-hint, bound 2)
set -euo pipefail
bindir=${1:-$(dirname "$0")/../build/release/bin}
scenario=${2:-two-faults-one-hint}
bound=${3:-2}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
wall() {	# wall N: "wall-seconds cpu-seconds" of run --jobs N
	FAULTSIM_END_STATES="$tmp/states$1" /usr/bin/time -f '%e %U %S' \
		-o "$tmp/time$1" "$bindir/faultsim" run "$scenario" \
		--strategy exhaustive --preemption-bound "$bound" --quiet \
		--jobs "$1" > "$tmp/out$1.txt" 2>&1 || true
	awk '{ print $1, $2 + $3 }' "$tmp/time$1"
}
read -r w1 c1 < <(wall 1)
read -r w2 c2 < <(wall 2)
same=identical
diff -q "$tmp/states1" "$tmp/states2" >/dev/null || same=DIFFERENT
runs() { sed -n 's/^exhaustive: \([0-9]*\) runs.*/\1/p' "$tmp/out$1.txt"; }
printf 'exhaustive %s bound %s: --jobs 1 %.2f s (%s runs), --jobs 2 %.2f s (%s runs): ratio %.2f (target <= 0.6); end states %s\n' \
	"$scenario" "$bound" "$w1" "$(runs 1)" "$w2" "$(runs 2)" \
	"$(awk "BEGIN { print $w2 / $w1 }")" "$same"
grep '^split: ' "$tmp/out2.txt" || true
# the ratio two idle cores would give, whatever the load: the parent's
# own CPU (the frontier) plus the busiest worker's, over --jobs 1's CPU
# (FAULTSIM_WORKER_CPU: each worker's CPU from wait4())
FAULTSIM_WORKER_CPU=1 /usr/bin/time -f '%e %U %S' -o "$tmp/timec" \
	"$bindir/faultsim" run "$scenario" --strategy exhaustive \
	--preemption-bound "$bound" --quiet --jobs 2 > /dev/null \
	2> "$tmp/workers" || true
all=$(awk '{ print $2 + $3 }' "$tmp/timec")
max=$(awk '/^faultsim: worker CPU/ { if ($4 > m) m = $4; s += $4 } END { print m + 0 }' "$tmp/workers")
sum=$(awk '/^faultsim: worker CPU/ { s += $4 } END { print s + 0 }' "$tmp/workers")
printf 'critical path (parent %.2f s + busiest worker %.2f s of %.2f s) / --jobs 1 CPU %.2f s: %.2f (the ratio two idle cores would give)\n' \
	"$(awk "BEGIN { print $all - $sum }")" "$max" "$sum" "$c1" \
	"$(awk "BEGIN { print ($all - $sum + $max) / $c1 }")"
# a busy machine leaves --jobs 2 no second core (as matrix_jobs.sh)
printf 'CPU %.2f s and %.2f s: %.2f and %.2f cores busy on average; %d cores online, load %s\n' \
	"$c1" "$c2" "$(awk "BEGIN { print $c1 / $w1 }")" "$(awk "BEGIN { print $c2 / $w2 }")" \
	"$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
