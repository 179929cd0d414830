#!/usr/bin/env bash
# The default without a preemption bound (Optimal DPOR) exhausts a
# scenario's space: one search, long (its cost per step grows with
# the run).
# usage: test_cli_dpor.sh BINDIR
. "$(dirname "$0")/lib.sh"

cp "$(dirname "$0")"/../../scenarios/matrix/toggle-off-numa-hints.json "$tmp/"
check dpor-exhausted 0 '^exhaustive: [0-9]+ runs, space exhausted without a preemption bound$' -- "$bin" run "$tmp/toggle-off-numa-hints.json" --strategy exhaustive --preemption-bound none --quiet

summary
