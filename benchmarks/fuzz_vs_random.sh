#!/usr/bin/env bash
# Time to first finding: fuzz_run (libFuzzer, empty corpus, one core)
# against the random and PCT strategies, over 10 seeds each, for the
# planted bug and the matrix cells that need an interleaving (the
# in-order run passes them).  Figures, not a test: benchmarks/README.md.
# usage: benchmarks/fuzz_vs_random.sh [BUILD_DIR] [BUDGET_SECONDS] [TARGET]
#        [ENGINES]
# TARGET: only the targets whose line below contains it (e.g.
# thp-split-stale, the hard planted bug: three preemptions in the THP
# split).  The scenario is looked up in scenarios/, scenarios/matrix/,
# then tests/cli/scenarios/.  ENGINES: a subset of "fuzz random pct".
set -uo pipefail
build=${1:-build/debug} budget=${2:-60} only=${3:-}
engines=${4:-fuzz random pct}
src=$(cd "$(dirname "$0")/.." && pwd)
faultsim=$build/bin/faultsim fuzz_run=$build/fuzz-run/bin/fuzz_run
[ -x "$fuzz_run" ] || { echo "fuzz_vs_random: $fuzz_run: not built" >&2; exit 2; }

# scenario design plant (- for none) [injections: random and PCT arm
# them with --inject, the fuzzer's input arms them (FAULTSIM_FUZZ_SWARM)]
targets=(
	"zap-races-hint-fault baseline-6.12 no-pte-same-recheck"
	"hint-vs-thp-split rfc-v2-guarded -"
	"split-races-thp-migration baseline-6.12 thp-split-stale"
	"inject-migrate baseline-6.12 migrate-fail-leak migrate_target,slab,folio_isolate"
	"inject-migrate baseline-6.12 slab-fail-leak migrate_target,slab,folio_isolate"
)

now() { date +%s.%N; }
median() { sort -g | awk '{ a[NR] = $1 } END { print NR ? (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) : "-" }'; }

# one strategy run to its first finding: "seconds schedules" or "- -"
strategy_run() {
	local scn=$1 design=$2 plant=$3 strat=$4 seed=$5 t0 out n
	local args=(run "$scn" --strategy "$strat" --seed "$seed" --jobs 1
		--iterations 1000000 --quiet)
	if [ "$plant" = - ]; then args+=(--design "$design")
	else args+=(--plant "$plant"); fi
	[ -z "$inject" ] || args+=(--inject "$inject")
	t0=$(now)
	out=$(timeout "$budget" "$faultsim" "${args[@]}" 2>&1)
	n=$(sed -n 's/^schedule \([0-9]*\) of strategy.*fails$/\1/p' <<<"$out")
	[ -n "$n" ] || { echo "- -"; return; }
	echo "$(echo "$(now) - $t0" | bc) $n"
}

# fuzz_run from an empty corpus to its first finding: "seconds execs";
# -len_control=0 as faultsim fuzz passes it (docs/fuzzing.md)
fuzz_once() {
	local scn=$1 design=$2 plant=$3 seed=$4 tmp t0 out n
	tmp=$(mktemp -d)
	t0=$(now)
	out=$(FAULTSIM_FUZZ_SCENARIO="$src/$scn.json" \
		FAULTSIM_FUZZ_DESIGN=$([ "$plant" = - ] && echo "$design") \
		FAULTSIM_FUZZ_PLANT=$([ "$plant" = - ] || echo "$plant") \
		FAULTSIM_FUZZ_SWARM=$([ -z "$inject" ] || echo 1) \
		timeout $((budget + 10)) "$fuzz_run" -seed="$seed" \
		-len_control=0 \
		-max_total_time="$budget" -artifact_prefix="$tmp/" \
		"$tmp" 2>&1)
	local t1; t1=$(now)
	rm -rf "$tmp"
	grep -q '^fuzz_run: finding' <<<"$out" || { echo "- -"; return; }
	# the last status line before the finding: its exec count
	n=$(grep -o '^#[0-9]*' <<<"$out" | tail -n 1 | tr -d '#')
	echo "$(echo "$t1 - $t0" | bc) ${n:-0}"
}

printf '%-44s %-8s %12s %12s %6s\n' target engine "median s" "median runs" found
# the scenario's path without .json, relative to the source tree
scenario_of() {
	local d
	for d in scenarios scenarios/matrix tests/cli/scenarios; do
		[ -f "$src/$d/$1.json" ] && { echo "$d/$1"; return; }
	done
	echo "fuzz_vs_random: $1: no such scenario" >&2
	exit 2
}

for t in "${targets[@]}"; do
	[ -z "$only" ] || [[ "$t" == *"$only"* ]] || continue
	read -r scn design plant inject <<<"$t"
	scn=$(scenario_of "$scn") || exit 2
	name="$(basename "$scn") $([ "$plant" = - ] && echo "$design" || echo "plant:$plant")$([ -z "$inject" ] || echo " +inject")"
	for engine in $engines; do
		res=()
		for seed in 1 2 3 4 5 6 7 8 9 10; do
			if [ $engine = fuzz ]; then
				res+=("$(fuzz_once "$scn" "$design" "$plant" "$seed")")
			else
				res+=("$(strategy_run "$src/$scn.json" "$design" "$plant" $engine "$seed")")
			fi
		done
		found=$(printf '%s\n' "${res[@]}" | grep -vc '^-')
		secs=$(printf '%s\n' "${res[@]}" | awk '$1 != "-" { print $1 }' | median)
		runs=$(printf '%s\n' "${res[@]}" | awk '$2 != "-" { print $2 }' | median)
		printf '%-44s %-8s %12s %12s %3s/10\n' "$name" $engine "$secs" "$runs" "$found"
	done
done
