#!/usr/bin/env bash
# faultsim replay --log/--timeline/--perfetto of a planted bug's
# trace: the log's objects named, the Perfetto file valid against
# docs/trace-event.schema.json and equal to the log point for point, the
# SVG a lane per thread; bad output paths.  Skipped (77) without
# python3-jsonschema.  usage: test_cli_timeline.sh BINDIR SCHEMA
. "$(dirname "$0")/lib.sh"
schema=$2
if ! python3 -c 'import jsonschema' 2>/dev/null; then
	echo "skipped: python3-jsonschema is not installed (scripts/setup.sh installs it)"
	exit 77
fi
cp "$(dirname "$0")/../../scenarios/zap-races-hint-fault.json" "$tmp/zap.json"
"$bin" run "$tmp/zap.json" --strategy random --seed 7 --plant no-pte-same-recheck --quiet --out "$tmp/pl" >/dev/null
tr=$(trace_of "$tmp/pl/zap-races-hint-fault-plant-no-pte-same-recheck-full-random-seed7-*.trace.json")
cp "$tr" "$tmp/s.json"
check replay 1 "^perfetto: $tmp/t.json\$" -- "$bin" replay "$tmp/s.json" --log "$tmp/s.log" --timeline "$tmp/t.svg" --perfetto "$tmp/t.json"
check log-pte 0 '^ +worker-[0-9]+ +\[001\] \.{5} +0\.[0-9]{6}: handle_pte_fault: pt_load pte@0x7f0000000000 pfn=0x[0-9a-f]+$' -- cat "$tmp/s.log"
check log-ptl 0 ': lock ptl\(pmd@0x7f0000000000\)$' -- cat "$tmp/s.log"
check files 0 '^ok: [0-9]+ points, [0-9]+ threads$' -- python3 "$(dirname "$0")/check_timeline.py" "$schema" "$tmp/t.json" "$tmp/t.svg" "$tmp/s.log"
# a broken file is caught: the schema and the comparison are live
sed 's/"ph":"X"/"ph":"Q"/' "$tmp/t.json" > "$tmp/bad.json"
check schema-catches 1 "is not one of \['X', 'i', 'M'\]" -- python3 "$(dirname "$0")/check_timeline.py" "$schema" "$tmp/bad.json" "$tmp/t.svg" "$tmp/s.log"
sed '$d' "$tmp/s.log" | sed '$d' > "$tmp/short.log"
check compare-catches 1 'X events, [0-9]+ points in the log' -- python3 "$(dirname "$0")/check_timeline.py" "$schema" "$tmp/t.json" "$tmp/t.svg" "$tmp/short.log"
check svg-bad 2 'cannot write the timeline' -- "$bin" replay "$tmp/s.json" --timeline "$tmp/no/such/t.svg"
one_line svg-bad "$bin" replay "$tmp/s.json" --timeline "$tmp/no/such/t.svg"
check perfetto-bad 2 'cannot write the Perfetto trace' -- "$bin" replay "$tmp/s.json" --perfetto "$tmp/no/such/t.json"
summary
