#!/usr/bin/env bash
# Optimal DPOR (--reduction optimal, the default without a preemption
# bound) on a scenario without a bound: the plain search does not
# finish there (hours), so it is held to the sleep sets with local
# steps, which the strategy tests hold to brute force: the same
# distinct end states on the first-touch race.
# usage: test_cli_optimal.sh BINDIR
. "$(dirname "$0")/lib.sh"

race=$(dirname "$0")/scenarios/dontneed-races-first-touch.json
want=$("$bin" run "$race" --strategy exhaustive --reduction sleep --preemption-bound none --iterations 100000000 --quiet | grep 'distinct end state' | sed 's/[()]/\\&/g')
check race-first-touch-optimal-unbounded 0 "^$want\$" -- "$bin" run "$race" --strategy exhaustive --preemption-bound none --iterations 100000000 --quiet
check race-first-touch-optimal-explicit 0 '^exhaustive: [0-9]+ runs, space exhausted without a preemption bound$' -- "$bin" run "$race" --strategy exhaustive --reduction optimal --preemption-bound none --iterations 100000000 --quiet

summary
