#!/usr/bin/env bash
# The reductions of exhaustive: DPOR (with and without a bound) finds
# the planted bug and exhausts the space within a bound; bad --reduction
# and --preemption-bound values; a race the reductions once missed;
# --count-traces.
# usage: test_cli_reduction.sh BINDIR
. "$(dirname "$0")/lib.sh"

zap=$(dirname "$0")/../../scenarios/zap-races-hint-fault.json
cp "$zap" "$tmp/zap.json"
# DPOR: without a preemption bound (its exhaustive search:
# test_cli_dpor.sh), on top of the sleep sets
check dpor-planted 1 'finding conservation: .* a free page' -- "$bin" run "$tmp/zap.json" --strategy exhaustive --preemption-bound none --plant no-pte-same-recheck --iterations 100000 --quiet --out "$tmp/dp"
check dpor-replay 1 '^replayed bit for bit: conservation' -- "$bin" replay "$(trace_of "$tmp/dp/zap-races-hint-fault-*-full-exhaustive-seed1-*.trace.json")"
check bpor-exhausted 0 '^exhaustive: [0-9]+ runs, space exhausted within preemption bound 2$' -- "$bin" run "$tmp/zap.json" --strategy exhaustive --reduction dpor --quiet
check bpor-planted 1 'finding conservation: .* a free page' -- "$bin" run "$tmp/zap.json" --strategy exhaustive --reduction dpor --plant no-pte-same-recheck --quiet
# #11 item 1: a zap racing the first touch's populate of the upper
# levels; every reduction reaches the plain search's end states, at
# every bound, and nothing crashes
race=$(dirname "$0")/scenarios/dontneed-races-first-touch.json
for b in 0 1 2; do
	want=$("$bin" run "$race" --strategy exhaustive --reduction none --preemption-bound $b --quiet | grep 'distinct end state' | sed 's/[()]/\\&/g')
	for r in sleep dpor optimal; do
		check "race-first-touch-$r-bound$b" 0 "^$want\$" -- "$bin" run "$race" --strategy exhaustive --reduction $r --preemption-bound $b --quiet
	done
done
check race-first-touch-states 0 '^3 distinct end state\(s\)$' -- "$bin" run "$race" --strategy exhaustive --reduction none --quiet
# --count-traces: the schedules and their Mazurkiewicz traces; the
# plain search's traces are every one (DPOR reaches as many here)
check count-traces-none 0 '^[0-9]+ schedules, [0-9]+ Mazurkiewicz traces$' -- "$bin" run "$tmp/zap.json" --strategy exhaustive --reduction none --preemption-bound 1 --count-traces --quiet
check count-traces-fifo 2 '^faultsim: run: --count-traces needs --strategy exhaustive$' -- "$bin" run "$tmp/zap.json" --count-traces
check reduction-bad 2 '^faultsim: --reduction needs one of none, sleep, dpor, optimal$' -- "$bin" run "$tmp/zap.json" --reduction all
check bound-bad 2 '^faultsim: --preemption-bound needs a number in 0\.\.64, or none$' -- "$bin" run "$tmp/zap.json" --preemption-bound all

summary
