#!/usr/bin/env bash
# Inputs checked before use, and what faultsim writes reads back:
# size caps, long fields refused or kept whole (never cut), --param
# values of any text through a trace, traces of another kconfig, and
# scenarios the loader accepts that used to end badly.  Each is a clean
# result or one line and exit 2.  usage: test_cli_inputs.sh BINDIR
. "$(dirname "$0")/lib.sh"

src=$(dirname "$0")/../..
zap="$tmp/zap.json"
cp "$src/scenarios/zap-races-hint-fault.json" "$zap"
mini() {	# mini NAME VMAS STEPS: a one-node scenario file in $tmp
	cat > "$tmp/$1.json" <<JSON
{"faultsim_scenario": 1, "name": "$1",
 "machine": {"nodes": [{"id": 0, "pages": 4096}], "cpus": [{"id": 0, "node": 0}, {"id": 1, "node": 0}]},
 "tasks": [{"name": "t0", "cpu": 0}, {"name": "t1", "cpu": 1}],
 "vmas": [$2], "steps": [$3]}
JSON
}

# size caps: refused before the read, naming the file, its size, the cap
truncate -s 250M "$tmp/big.trace.json"
check trace-cap 2 "^faultsim: $tmp/big.trace.json: 262144000 bytes, larger than a trace may be \\(64 MiB\\)\$" -- timeout 20 "$bin" replay "$tmp/big.trace.json"
one_line trace-cap timeout 20 "$bin" replay "$tmp/big.trace.json"
check shrink-cap 2 'larger than a trace may be \(64 MiB\)$' -- timeout 20 "$bin" shrink "$tmp/big.trace.json" -o "$tmp/x.json"
truncate -s 17M "$tmp/big.json"
check scenario-cap 2 "^faultsim: $tmp/big.json: 17825792 bytes, larger than a scenario may be \\(16 MiB\\)\$" -- timeout 20 "$bin" run "$tmp/big.json"
"$bin" run "$zap" --strategy random --seed 7 --plant no-pte-same-recheck --quiet --out "$tmp/tr" >/dev/null
ztr=$(trace_of "$tmp/tr/zap-races-hint-fault-plant-*.trace.json")
sed "s#\"scenario\": \"[^\"]*\"#\"scenario\": \"$tmp/big.json\"#" "$ztr" > "$tmp/bigscen.json"
check trace-scenario-cap 2 'big.json: 17825792 bytes, larger than a scenario may be \(16 MiB\)$' -- timeout 20 "$bin" replay "$tmp/bigscen.json"

# long fields: a scenario path of 600 bytes is recorded whole
long="$tmp/$(printf 'd%.0s' {1..200})/$(printf 'e%.0s' {1..200})/$(printf 'f%.0s' {1..150})"
mkdir -p "$long" && cp "$zap" "$long/zap.json"
"$bin" run "$long/zap.json" --strategy random --seed 7 --plant no-pte-same-recheck --quiet --out "$tmp/long" >/dev/null
ltr=$(trace_of "$tmp/long/*.trace.json")
check long-path-whole 0 "\"scenario\": \"$long/zap.json\"" -- cat "$ltr"
check long-path-replays 1 '^replayed bit for bit: conservation' -- "$bin" replay "$ltr"
# a path a trace could not hold is refused before the run
bad="$tmp/$(printf 'x\377y')"
cp "$zap" "$bad.json"
check path-not-utf8 2 '^faultsim: a trace of this run: scenario: is not UTF-8 text$' -- "$bin" run "$bad.json" --strategy random --iterations 1 --out "$tmp/nu"

# --param: any text through a trace; too long or not UTF-8: refused
lab="$tmp/lab.json"
sed 's/"params": {"pages": 4, "to": 0,/"params": {"label": "x", "pages": 4, "to": 0,/; s/"description": "[^"]*"/"description": "$label"/' \
	"$src/scenarios/matrix/toggle-off-numa-hints.json" > "$lab"
check param-comma 1 'trace: ' -- "$bin" run "$lab" --design rfc-v2 --strategy random --quiet --out "$tmp/pa" --param 'label=a,b "c" \d é=1' --param pages=2
patr=$(trace_of "$tmp/pa/*.trace.json")
check param-comma-recorded 0 '^    "label": "a,b \\"c\\" \\\\d é=1",$' -- cat "$patr"
check param-comma-replays 1 '^replayed bit for bit: routing' -- "$bin" replay "$patr"
check param-comma-shrinks 0 '^shrunk in ' -- "$bin" shrink "$patr" -o "$tmp/pa/small.json"
check param-comma-shrunk 0 '^    "label": "a,b \\"c\\" \\\\d é=1",$' -- cat "$tmp/pa/small.json"
check param-long 2 '^faultsim: --param label: a value is at most 255 bytes, not 300$' -- "$bin" run "$lab" --param "label=$(printf 'v%.0s' {1..300})"
check param-not-utf8 2 '^faultsim: --param label: the value is not UTF-8 text$' -- "$bin" run "$lab" --param "label=$(printf '\377')"
args=()
for i in $(seq 17); do args+=(--param "p$i=1"); done
check param-too-many 2 '^faultsim: --param p17: more than 16 overrides$' -- "$bin" run "$lab" "${args[@]}"

# a trace recorded with --kconfig K replays and shrinks, in K's binary
"$bin" --kconfig no-thp run "$zap" --strategy random --seed 7 --plant no-pte-same-recheck --quiet --out "$tmp/kc" >/dev/null
ktr=$(trace_of "$tmp/kc/zap-races-hint-fault-plant-no-pte-same-recheck-no-thp-random-seed7-*.trace.json")
check kconfig-trace 0 '"kconfig": "no-thp"' -- cat "$ktr"
check kconfig-replay 1 '^replayed bit for bit: conservation' -- "$bin" replay "$ktr"
check kconfig-shrink 0 '^shrunk in [0-9]+ replays' -- "$bin" shrink "$ktr" -o "$tmp/kc/small.json"
check kconfig-shrunk 0 '"kconfig": "no-thp"' -- cat "$tmp/kc/small.json"
check kconfig-shrunk-replay 1 '^replayed bit for bit: conservation' -- "$1/faultsim-no-damon" replay "$tmp/kc/small.json"
sed 's/"kconfig": "no-thp"/"kconfig": "nope"/' "$ktr" > "$tmp/kc/nope.json"
check kconfig-unknown 2 '^faultsim: trace was recorded with kconfig nope; this binary is built for kconfig full$' -- "$bin" replay "$tmp/kc/nope.json"

# a nested concurrently is refused, and frees what it loaded (ASan)
mini nest '{"name": "b", "size": "16K"}' '{"op": "concurrently", "steps": [{"op": "access", "task": "t0", "vma": "b"}, {"op": "concurrently", "steps": [{"op": "access", "task": "t1", "vma": "b"}, {"op": "advance", "ms": 1}]}]}'
check nested-concurrently 2 "^faultsim: $tmp/nest.json: steps\\[0\\]\\.steps\\[1\\]: concurrently cannot run concurrently\$" -- "$bin" run "$tmp/nest.json"
# a cow_shared VMA: the forked child's mappings are counted, no finding
mini cow '{"name": "b", "size": "16K", "cow_shared": true}' ''
check cow-shared-no-steps 0 '^0 finding\(s\), 0 failed expectation\(s\)$' -- "$bin" run "$tmp/cow.json"
mini cowl '{"name": "b", "size": "64K", "cow_shared": true, "folio_order": 2}' '{"op": "access", "task": "t0", "vma": "b", "pages": 16, "write": true}, {"op": "access", "task": "t1", "vma": "b", "pages": 16}'
check cow-shared-large 0 '^0 finding\(s\), 0 failed expectation\(s\)$' -- "$bin" run "$tmp/cowl.json"
check cow-shared-explored 0 'no finding$' -- "$bin" run "$tmp/cowl.json" --strategy random --iterations 20 --quiet

# what cannot run is one line, exit 2: refused by the loader where it
# can know, else when the run meets it (the report with --verbose only)
mini file '{"name": "b", "size": "16K", "flags": ["file"]}' ''
check file-vma 2 "^faultsim: $tmp/file.json: vmas\\[0\\]\\.flags\\[0\\]: \"file\": file-backed VMAs are not modelled yet \\(anonymous memory only\\)\$" -- "$bin" run "$tmp/file.json"
mini mbmove '{"name": "b", "size": "16K"}' '{"op": "mbind", "vma": "b", "mode": "bind", "nodes": [0], "flags": ["move"]}'
check mbind-move 2 "^faultsim: $tmp/mbmove.json: steps\\[0\\]\\.flags\\[0\\]: \"move\": migrating the pages mbind\\(\\) finds misplaced \\(MPOL_MF_MOVE\\) is not modelled\$" -- "$bin" run "$tmp/mbmove.json"
mini order1 '{"name": "b", "size": "16K", "folio_order": 1}' ''
check folio-order-1 2 'order1.json: vmas\[0\]\.folio_order: 1: anonymous large folios are of order 2 to 8' -- "$bin" run "$tmp/order1.json"
mini thp '{"name": "b", "size": "2M", "thp": true}' '{"op": "access", "task": "t0", "vma": "b"}'
for s in fifo random; do
	check "thp-no-thp-$s" 2 "^faultsim: $tmp/thp.json: vmas\\[0\\] \"b\": \"thp\" needs CONFIG_TRANSPARENT_HUGEPAGE, which this kconfig lacks \\(say so in \"requires\"\\)\$" -- "$bin" --kconfig no-thp run "$tmp/thp.json" --strategy $s --iterations 2
	one_line "thp-no-thp-$s" "$bin" --kconfig no-thp run "$tmp/thp.json" --strategy $s --iterations 2
	check "thp-no-thp-$s-no-report" 0 '' -- sh -c "test -z \"\$('$bin' --kconfig no-thp run '$tmp/thp.json' --strategy $s --iterations 2 2>/dev/null)\""
done
check thp-no-thp-verbose 2 '^scenario thp \(kconfig no-thp, seed 1\)$' -- "$bin" --kconfig no-thp run "$tmp/thp.json" --verbose

summary
