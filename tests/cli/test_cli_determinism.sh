#!/usr/bin/env bash
# The same input gives the same output: the exhaustive search whatever
# the heap's addresses, the demo for a seed.
# usage: test_cli_determinism.sh BINDIR
. "$(dirname "$0")/lib.sh"

# the search does not depend on where the heap lands (ASLR, environment)
thp=$(dirname "$0")/../../scenarios/thp-split-races-hint-fault.json
"$bin" run "$thp" --strategy exhaustive --preemption-bound 1 --quiet >"$tmp/thp1.txt" 2>&1
FAULTSIM_PAD=$(printf '%04096d' 0) "$bin" run "$thp" --strategy exhaustive --preemption-bound 1 --quiet >"$tmp/thp2.txt" 2>&1
check local-steps-deterministic 0 '^exhaustive: [0-9]+ runs, space exhausted' -- cat "$tmp/thp1.txt"
check local-steps-same-search 0 '' -- cmp "$tmp/thp1.txt" "$tmp/thp2.txt"

a=$("$bin" demo --seed 5 --aggregations 4)
b=$("$bin" demo --seed 5 --aggregations 4)
c=$("$bin" demo --seed 6 --aggregations 4)
if [ "$a" = "$b" ] && [ "$a" != "$c" ]; then
	echo "ok - demo: same seed same output, other seed other output"
	pass=$((pass + 1))
else
	echo "not ok - demo determinism"
	fail=$((fail + 1))
fi

summary
