#!/usr/bin/env bash
# faultsim run --strategy exhaustive --jobs N: subtrees below a frontier
# searched by N workers.  --jobs 2 and 3 print the same (the first
# finding by subtree then run, the runs, the end states), and reach the
# same set of end states as one process under the same reduction
# (FAULTSIM_END_STATES dumps the set); --reduction none runs exactly
# the schedules one process runs.  A finding is one where one process
# finds one, the same oracle.
# usage: test_cli_exhaustive_jobs.sh BINDIR
. "$(dirname "$0")/lib.sh"

# out NAME CMD...: stdout and the status into $tmp/NAME.out, the end
# states into $tmp/NAME.states
out() {
	local name=$1
	shift
	: > "$tmp/$name.states"
	FAULTSIM_END_STATES="$tmp/$name.states" "$@" --quiet \
		> "$tmp/$name.out" 2> "$tmp/$name.err"
	echo "exit $?" >> "$tmp/$name.out"
}

# the finding and the lines one process also prints
common() {
	grep -v '^split: \|^schedule .* fails$\|runs, space\|schedule(s) under' "$1"
}

clean=two-faults-one-hint
plant=(zap-races-hint-fault --plant no-pte-same-recheck)
for b in 1 2; do
	for r in sleep dpor none; do
		# bound 2: sleep sets only (CI time; bound 1 has all three)
		[ "$b" = 2 ] && [ "$r" != sleep ] && continue
		for j in 1 2 3; do
			out "clean-$b-$r-$j" "$bin" run $clean --strategy exhaustive --preemption-bound $b --reduction $r --jobs $j
		done
		check "clean-$b-$r-jobs-2-3" 0 '^$' -- diff "$tmp/clean-$b-$r-2.out" "$tmp/clean-$b-$r-3.out"
		check "clean-$b-$r-exhausted" 0 '^exhaustive: [0-9]+ runs, space exhausted within preemption bound' -- cat "$tmp/clean-$b-$r-2.out"
		check "clean-$b-$r-split" 0 '^split: [0-9]+ subtree\(s\) below a frontier of depth up to' -- cat "$tmp/clean-$b-$r-2.out"
		check "clean-$b-$r-states-nonempty" 0 '^[0-9a-f]{16}$' -- head -1 "$tmp/clean-$b-$r-2.states"
		check "clean-$b-$r-states-2-3" 0 '^$' -- diff "$tmp/clean-$b-$r-2.states" "$tmp/clean-$b-$r-3.states"
		check "clean-$b-$r-states-1-2" 0 '^$' -- diff "$tmp/clean-$b-$r-1.states" "$tmp/clean-$b-$r-2.states"
		check "clean-$b-$r-output-1-2" 0 '^$' -- diff <(common "$tmp/clean-$b-$r-1.out") <(common "$tmp/clean-$b-$r-2.out")
	done
	if [ "$b" = 1 ]; then
		# the plain search: the subtrees partition its schedules
		check "clean-1-none-runs" 0 '^$' -- diff <(grep 'runs, space' "$tmp/clean-1-none-1.out") <(grep 'runs, space' "$tmp/clean-1-none-2.out")
		# every reduction reaches the plain search's states
		check "clean-1-sleep-states-plain" 0 '^$' -- diff "$tmp/clean-1-none-1.states" "$tmp/clean-1-sleep-2.states"
		check "clean-1-dpor-states-plain" 0 '^$' -- diff "$tmp/clean-1-none-1.states" "$tmp/clean-1-dpor-3.states"
	fi
	for r in sleep dpor; do
		for j in 1 2 3; do
			out "plant-$b-$r-$j" "$bin" run "${plant[@]}" --strategy exhaustive --preemption-bound $b --reduction $r --jobs $j
		done
		check "plant-$b-$r-jobs-2-3" 0 '^$' -- diff "$tmp/plant-$b-$r-2.out" "$tmp/plant-$b-$r-3.out"
		check "plant-$b-$r-fails" 0 '^schedule [0-9]+ of subtree [0-9]+ of [0-9]+ of strategy exhaustive \(seed 1\) fails$' -- cat "$tmp/plant-$b-$r-2.out"
		check "plant-$b-$r-exit" 0 '^exit 1$' -- cat "$tmp/plant-$b-$r-2.out"
		check "plant-$b-$r-finding-1-2" 0 '^$' -- diff <(grep -o '^finding [a-z_]*' "$tmp/plant-$b-$r-1.out") <(grep -o '^finding [a-z_]*' "$tmp/plant-$b-$r-2.out")
	done
done
# a finding's trace replays
mkdir -p "$tmp/traces"
"$bin" run "${plant[@]}" --strategy exhaustive --preemption-bound 1 --jobs 2 --quiet --out "$tmp/traces" > "$tmp/trace.out"
trace=$(sed -n 's/^trace: \([^ ]*\) .*/\1/p' "$tmp/trace.out")
check plant-trace-replays 1 '^finding conservation' -- "$bin" replay "$trace"
# Optimal DPOR without a bound (the default there): the same end states
race=$(dirname "$0")/scenarios/dontneed-races-first-touch.json
out opt-1 "$bin" run "$race" --strategy exhaustive --preemption-bound none --iterations 100000000 --jobs 1
out opt-2 "$bin" run "$race" --strategy exhaustive --preemption-bound none --iterations 100000000 --jobs 2
check optimal-exhausted 0 '^exhaustive: [0-9]+ runs, space exhausted without a preemption bound$' -- cat "$tmp/opt-2.out"
check optimal-states-nonempty 0 '^[0-9a-f]{16}$' -- head -1 "$tmp/opt-2.states"
check optimal-states-1-2 0 '^$' -- diff "$tmp/opt-1.states" "$tmp/opt-2.states"
summary
