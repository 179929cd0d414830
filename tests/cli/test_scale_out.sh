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
