#!/usr/bin/env bash
# faultsim run and replay: bad input, a scenario's expectations, a
# random exploration replayed bit for bit, exhaustive within a budget.
# usage: test_cli_run.sh BINDIR
. "$(dirname "$0")/lib.sh"

check run-missing-arg 2 'run: needs a scenario file' -- "$bin" run
check run-no-file 2 'cannot|No such file' -- "$bin" run "$tmp/none.json"
one_line run-no-file "$bin" run "$tmp/none.json"
printf '{"faultsim_scenario": 1, "name": "x",\n "machine": 3}' > "$tmp/bad.json"
check run-bad-field 2 'bad.json: machine: ' -- "$bin" run "$tmp/bad.json"
one_line run-bad-field "$bin" run "$tmp/bad.json"
cat > "$tmp/file.json" <<'JSON'
{"faultsim_scenario": 1, "name": "f",
 "machine": {"nodes": [{"id": 0, "pages": 1024}], "cpus": [{"id": 0, "node": 0}]},
 "tasks": [{"name": "t", "cpu": 0}],
 "vmas": [{"name": "f", "size": "1M", "flags": ["file"]}]}
JSON
check run-file-vma 2 'file-backed VMAs are not modelled yet' -- "$bin" run "$tmp/file.json"
cat > "$tmp/ro.json" <<'JSON'
{"faultsim_scenario": 1, "name": "ro",
 "machine": {"nodes": [{"id": 0, "pages": 1024}], "cpus": [{"id": 0, "node": 0}]},
 "tasks": [{"name": "t", "cpu": 0}],
 "vmas": [{"name": "b", "size": "1M", "prot": "rw"}],
 "steps": [{"op": "mprotect", "vma": "b", "prot": "r"},
           {"op": "access", "task": "t", "vma": "b", "write": true}],
 "expect": {"vmstat": {"pgfault": 0}, "findings": 0}}
JSON
check run-sigsegv-not-counted 0 'write at 0x[0-9a-f]+: SIGSEGV' -- "$bin" run "$tmp/ro.json"
check run-failed-expect 1 'expect failed: expect: pgfault is 0, expected 1' -- \
	sh -c "sed 's/\"pgfault\": 0/\"pgfault\": 1/' '$tmp/ro.json' > '$tmp/ro2.json' && '$bin' run '$tmp/ro2.json'"

check strategy-bad 2 '--strategy needs one of fifo, random, pct, exhaustive' -- "$bin" run "$tmp/ro.json" --strategy smart
check pct-depth-bad 2 '--pct-depth needs a number in 1..64' -- "$bin" run "$tmp/ro.json" --strategy pct --pct-depth 0
sc=$(dirname "$0")/../../scenarios/scan-races-fault.json
cp "$sc" "$tmp/race.json"
check explore-random 0 '^20 schedule\(s\) under random \(seed 3\): no finding$' -- "$bin" run "$tmp/race.json" --strategy random --iterations 20 --seed 3 --quiet --out "$tmp/tr"
tr=$(trace_of "$tmp/tr/scan-races-fault-baseline-6.12-full-random-seed3-*-last.trace.json")
check replay-bit-for-bit 0 '^replayed bit for bit$' -- "$bin" replay "$tr"
# another kconfig's binary hands the trace to its kconfig's, once
check replay-other-kconfig 0 '^replayed bit for bit$' -- "$1/faultsim-no-thp" replay "$tr"
check replay-kconfig-handed-once 2 'trace was recorded with kconfig full; this binary is built for kconfig no-thp' -- env FAULTSIM_TRACE_KCONFIG=full "$1/faultsim-no-thp" replay "$tr"
one_line replay-kconfig-handed-once env FAULTSIM_TRACE_KCONFIG=full "$1/faultsim-no-thp" replay "$tr"
sed 's/"pages": 8}/"pages": 7}/' "$sc" > "$tmp/race.json"
check replay-scenario-changed 2 'changed since the trace was recorded' -- "$bin" replay "$tr"
check replay-not-a-trace 2 'ro.json: ' -- "$bin" replay "$tmp/ro.json"
check explore-exhaustive 0 'exhaustive: [0-9]+ runs, space (not )?exhausted within preemption bound 1' -- "$bin" run "$sc" --strategy exhaustive --preemption-bound 1 --iterations 50 --quiet

summary
