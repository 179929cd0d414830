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

# a file that cannot be written: one line, exit 2, before the run or after
mkdir "$tmp/dir"
check heatmap-dir 2 '^faultsim: --heatmap .*not a regular file' -- \
	"$bin" demo --aggregations 1 --heatmap "$tmp/dir"
one_line heatmap-dir "$bin" demo --aggregations 1 --heatmap "$tmp/dir"
check damo-record-missing-dir 2 '^faultsim: cannot write .*/no/r.damo' -- \
	"$bin" demo --aggregations 1 --damo-record "$tmp/no/r.damo"
check damo-record-no-value 2 'damo-record' -- "$bin" demo --damo-record
summary
