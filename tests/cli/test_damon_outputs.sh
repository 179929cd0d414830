#!/usr/bin/env bash
# faultsim demo --damo-record and --heatmap: the record against one damo
# wrote (tests/damo_fixtures/), its values against the printed regions,
# the SVG as XML against both (check_damon_outputs.py); bad outputs.
# usage: test_damon_outputs.sh BINDIR
. "$(dirname "$0")/lib.sh"
here=$(dirname "$0")
fixture=$here/../damo_fixtures/record-df6d55fa.json

check demo-outputs 0 '' -- "$bin" demo --seed 3 --aggregations 6 \
	--damo-record "$tmp/r.json" --heatmap "$tmp/h.svg"
"$bin" demo --seed 3 --aggregations 6 --damo-record "$tmp/r.damo" \
	> "$tmp/demo.txt"
check demo-text-unchanged 0 '^same$' -- bash -c \
	"'$bin' demo --seed 3 --aggregations 6 | cmp - '$tmp/demo.txt' && echo same"
check damon-outputs 0 'accuracy bars are the four counts' -- \
	python3 "$here/check_damon_outputs.py" "$fixture" "$tmp/demo.txt" \
	"$tmp/r.json" "$tmp/r.damo" "$tmp/h.svg"

# run, fifo: a scenario's session, the truth the MMU recorded (hot and
# warm: the first 2 MiB of "data", accessed in every 100 ms aggregation)
run=(run damon-hot-warm-cold --damo-record "$tmp/s.json" --heatmap "$tmp/s.svg")
"$bin" "${run[@]}" > "$tmp/s.txt"
check run-text-unchanged 0 '^same$' -- bash -c \
	"'$bin' run damon-hot-warm-cold | cmp - '$tmp/s.txt' && echo same"
check run-hot-warm-cold 0 'accessed exactly' -- python3 \
	"$here/check_damon_run.py" "$tmp/s.txt" "$tmp/s.json" "$tmp/s.svg" \
	7f0000000000-7f0000200000
check run-record-shape 0 'the record has the members' -- python3 -c "
import json, sys; sys.argv = ['', '$fixture', '$tmp/s.json']
exec(open('$here/check_damon_outputs.py').read().split('def demo_text')[0])
same_shape(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])), 'record')
print('the record has the members damo writes')"
# a fault-based design: the run's findings (exit 1) and its pictures
acc=$here/../../scenarios/matrix/damon-accuracy.json
check run-rfc-v2 1 '' -- "$bin" run "$acc" --design rfc-v2 \
	--damo-record "$tmp/a.json" --heatmap "$tmp/a.svg"
"$bin" run "$acc" --design rfc-v2 > "$tmp/a.txt"
check run-rfc-v2-pictures 0 'verdict bars' -- python3 \
	"$here/check_damon_run.py" "$tmp/a.txt" "$tmp/a.json" "$tmp/a.svg"
check run-no-aggregation 2 '^faultsim: --heatmap: the run had no DAMON aggregation' \
	-- "$bin" run "$acc" --heatmap "$tmp/b.svg"
# under a search: the failing schedule, replayed (its report is the
# trace's), whatever --jobs; without a finding the run in order
"$bin" run "$acc" --design rfc-v2 --strategy random --iterations 20 \
	--jobs 1 --out "$tmp/rr" --damo-record "$tmp/rr.json" \
	--heatmap "$tmp/rr.svg" > /dev/null
"$bin" replay "$tmp"/rr/damon-accuracy-rfc-v2-full-random-seed1-*.trace.json \
	> "$tmp/rr.txt"
check run-random-pictures 0 'verdict bars' -- python3 \
	"$here/check_damon_run.py" "$tmp/rr.txt" "$tmp/rr.json" "$tmp/rr.svg"
"$bin" run "$acc" --design rfc-v2 --strategy random --iterations 20 \
	--jobs 2 --damo-record "$tmp/rr2.json" --heatmap "$tmp/rr2.svg" > /dev/null
check run-random-jobs 0 '^same$' -- bash -c "cmp '$tmp/rr.svg' \
	'$tmp/rr2.svg' && cmp '$tmp/rr.json' '$tmp/rr2.json' && echo same"
for j in 1 2; do
	"$bin" run damon-hot-warm-cold --strategy exhaustive \
		--preemption-bound 0 --jobs $j --heatmap "$tmp/ex$j.svg" > /dev/null
	check "run-exhaustive-in-order-$j" 0 '^same$' -- bash -c \
		"cmp '$tmp/s.svg' '$tmp/ex$j.svg' && echo same"
done
check run-shard-refused 2 '^faultsim: --heatmap draws the run a whole search ends at: not a shard' \
	-- "$bin" run damon-hot-warm-cold --strategy random --shard 1/2 \
	--result "$tmp/sh.json" --heatmap "$tmp/b.svg"
check run-no-damon 2 'no CONFIG_DAMON' -- "$bin" run hint-read-fault \
	--kconfig no-damon --damo-record "$tmp/b.json"

# a file that cannot be written: one line, exit 2, before the run or after
mkdir "$tmp/dir"
check heatmap-dir 2 '^faultsim: --heatmap .*not a regular file' -- \
	"$bin" demo --aggregations 1 --heatmap "$tmp/dir"
one_line heatmap-dir "$bin" demo --aggregations 1 --heatmap "$tmp/dir"
check damo-record-missing-dir 2 '^faultsim: cannot write .*/no/r.damo' -- \
	"$bin" demo --aggregations 1 --damo-record "$tmp/no/r.damo"
check damo-record-no-value 2 'damo-record' -- "$bin" demo --damo-record
summary
