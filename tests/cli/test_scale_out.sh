#!/usr/bin/env bash
# docs/scale-out.md on one machine: shards of a run and of a matrix as
# GNU parallel jobs, merged, give what one process gives.  Skipped (exit
# 77) without GNU parallel (scripts/setup.sh installs it).
# usage: test_scale_out.sh BINDIR
. "$(dirname "$0")/lib.sh"
if ! parallel --version 2>/dev/null | grep -q '^GNU parallel'; then
	echo "skipped: GNU parallel is not installed (scripts/setup.sh installs package parallel)"
	exit 77
fi
export bin tmp

# a run with a finding and one without, as three shards of one worker
for case in "zap-races-hint-fault --plant no-pte-same-recheck --strategy random" \
	    "two-faults-one-hint --strategy pct --iterations 120"; do
	name=${case%% *}
	mkdir -p "$tmp/$name-one" "$tmp/$name-shards"
	"$bin" run $case --jobs 1 --quiet --out "$tmp/$name-one" 2>&1 | sed "s|$tmp/$name-one|OUT|g" > "$tmp/$name-one.txt"
	check "parallel-$name" 0 '^$' -- parallel --will-cite --halt now,fail=1 -j 3 \
		"\"\$bin\" run $case --jobs 1 --quiet --out \"\$tmp/$name-shards\" --shard {}/3 --result \"\$tmp/$name-{}.json\" > /dev/null" ::: 1 2 3
	"$bin" merge "$tmp/$name"-[123].json 2>&1 | sed "s|$tmp/$name-shards|OUT|g" > "$tmp/$name-merged.txt"
	check "parallel-$name-merge" 0 '^$' -- diff "$tmp/$name-one.txt" "$tmp/$name-merged.txt"
done
check parallel-finding 0 'fails$' -- cat "$tmp/zap-races-hint-fault-merged.txt"
check parallel-clean 0 '^120 schedule\(s\) under pct \(seed 1\): no finding$' -- cat "$tmp/two-faults-one-hint-merged.txt"

# an exhaustive search as three shards of its frontier's subtrees: the
# report, finding and end states of the search split over --jobs; merge
# refuses a shard of another bound
for case in "zap-races-hint-fault --plant no-pte-same-recheck" "two-faults-one-hint"; do
	name=ex-${case%% *}
	ex="$case --strategy exhaustive --preemption-bound 1"
	mkdir -p "$tmp/$name-one" "$tmp/$name-shards"
	: > "$tmp/$name-one.states"
	FAULTSIM_END_STATES="$tmp/$name-one.states" "$bin" run $ex --jobs 2 --quiet --out "$tmp/$name-one" 2>&1 | sed "s|$tmp/$name-one|OUT|g" > "$tmp/$name-one.txt"
	check "parallel-$name" 0 '^$' -- parallel --will-cite --halt now,fail=1 -j 3 \
		"\"\$bin\" run $ex --quiet --out \"\$tmp/$name-shards\" --shard {}/3 --result \"\$tmp/$name-{}.json\" > /dev/null" ::: 1 2 3
	FAULTSIM_END_STATES="$tmp/$name-merged.states" "$bin" merge "$tmp/$name"-[123].json 2>&1 | sed "s|$tmp/$name-shards|OUT|g" > "$tmp/$name-merged.txt"
	check "parallel-$name-merge" 0 '^$' -- diff "$tmp/$name-one.txt" "$tmp/$name-merged.txt"
done
check parallel-ex-states-same 0 '^$' -- diff "$tmp/ex-two-faults-one-hint-one.states" "$tmp/ex-two-faults-one-hint-merged.states"
check parallel-ex-finding 0 '^schedule [0-9]+ of subtree [0-9]+ of [0-9]+ of strategy exhaustive \(seed 1\) fails$' -- cat "$tmp/ex-zap-races-hint-fault-merged.txt"
check parallel-ex-trace 0 '^trace: OUT/' -- cat "$tmp/ex-zap-races-hint-fault-merged.txt"
check parallel-ex-clean 0 '^exhaustive: [0-9]+ runs, space exhausted within preemption bound 1$' -- cat "$tmp/ex-two-faults-one-hint-merged.txt"
check parallel-ex-states 0 '^[0-9a-f]{16}$' -- head -1 "$tmp/ex-two-faults-one-hint-merged.states"
"$bin" run two-faults-one-hint --strategy exhaustive --preemption-bound 0 --quiet --shard 3/3 --result "$tmp/ex-b0.json" > /dev/null
check parallel-ex-mixed-bound 2 '^faultsim: merge: .* ran with different options \(preemption_bound\)$' -- "$bin" merge "$tmp"/ex-two-faults-one-hint-[12].json "$tmp/ex-b0.json"
"$bin" run two-faults-one-hint --strategy exhaustive --preemption-bound 1 --reduction sleep --quiet --shard 3/3 --result "$tmp/ex-sleep.json" > /dev/null
check parallel-ex-default-reduction 0 '^exhaustive: [0-9]+ runs, space exhausted' -- "$bin" merge "$tmp"/ex-two-faults-one-hint-[12].json "$tmp/ex-sleep.json"
check parallel-ex-missing 2 '^faultsim: merge: shard 3/3 is missing$' -- "$bin" merge "$tmp"/ex-two-faults-one-hint-[12].json
check parallel-ex-iterations 2 'iterations' -- "$bin" run two-faults-one-hint --strategy exhaustive --iterations 5 --shard 1/2 --result "$tmp/x.json"

# a matrix as two shards
mx=$(dirname "$0")/../../scenarios/matrix
mkdir -p "$tmp/fam"
cp "$mx/toggle-off-numa-hints.json" "$mx/toggle-on-damon-hints.json" "$tmp/fam/"
export mopts="--kconfigs full,no-damon --designs baseline-6.12,rfc-v2 --scenarios $tmp/fam --iterations 2 --quiet"
"$bin" matrix $mopts --jobs 1 --out "$tmp/m1" 2>&1 | sed "s|$tmp/m1|OUT|g" > "$tmp/m1.txt"
check parallel-matrix 0 '^$' -- parallel --will-cite --halt now,fail=1 -j 2 \
	'"$bin" matrix $mopts --jobs 1 --out "$tmp/ms" --shard {}/2 --result "$tmp/ms-{}.json" > /dev/null' ::: 1 2
"$bin" merge "$tmp"/ms-[12].json --out "$tmp/mm" 2>&1 | sed "s|$tmp/mm|OUT|g" > "$tmp/mm.txt"
check parallel-matrix-merge 0 '^$' -- diff "$tmp/m1.txt" "$tmp/mm.txt"
check parallel-matrix-md 0 '^$' -- diff "$tmp/m1/matrix.md" "$tmp/mm/matrix.md"
check parallel-matrix-html 0 '^$' -- diff "$tmp/m1/matrix.html" "$tmp/mm/matrix.html"

summary
