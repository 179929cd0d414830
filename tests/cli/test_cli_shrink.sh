#!/usr/bin/env bash
# A planted bug: found, replayed, shrunk, logged; the locks granularity;
# shrink's errors.  usage: test_cli_shrink.sh BINDIR
. "$(dirname "$0")/lib.sh"

zap=$(dirname "$0")/../../scenarios/zap-races-hint-fault.json
cp "$zap" "$tmp/zap.json"
check plant-bad 2 '^faultsim: --plant needs one of: no-pte-same-recheck, cow-writable-rebuild, null-folio-deref, migrate-fail-leak, slab-fail-leak, thp-split-stale$' -- "$bin" run "$tmp/zap.json" --plant nope
check plant-found 1 'finding conservation: .* a free page' -- "$bin" run "$tmp/zap.json" --strategy random --seed 7 --plant no-pte-same-recheck --quiet --out "$tmp/pl"
ptr=$(trace_of "$tmp/pl/zap-races-hint-fault-plant-no-pte-same-recheck-full-random-seed7-*.trace.json")
check plant-trace-design 0 '"plant": "no-pte-same-recheck"' -- cat "$ptr"
check plant-replay 1 '^replayed bit for bit: conservation' -- "$bin" replay "$ptr"
check shrink 0 '^shrunk in [0-9]+ replays: [0-9]+ -> 1 preemptions' -- "$bin" shrink "$ptr" -o "$tmp/pl/small.json"
check shrink-replay 1 '^replayed bit for bit: conservation' -- "$bin" replay "$tmp/pl/small.json"
check replay-log 1 "^log: $tmp/pl/small.log\$" -- "$bin" replay "$tmp/pl/small.json" --log "$tmp/pl/small.log"
check replay-log-points 0 '^ +worker-[0-9]+ +\[001\] \.\.\.\.\. +0\.[0-9]{6}: handle_pte_fault: pt_load pte@0x7f0000000000( pfn=0x[0-9a-f]+)?$' -- cat "$tmp/pl/small.log"
check replay-log-finding 0 'faultsim-0 .*: finding conservation: .*a free page' -- tail -1 "$tmp/pl/small.log"
check replay-log-bad 2 'cannot write the log' -- "$bin" replay "$tmp/pl/small.json" --log "$tmp/no/such/dir/x.log"
# granularity: locks only switches at locks, atomics and yields
check gran-bad 2 '^faultsim: --granularity needs locks or locks\+pt$' -- "$bin" run "$tmp/zap.json" --granularity pt
check gran-locks-exhausted 0 'exhaustive: [0-9]+ runs, space exhausted within preemption bound 2' -- "$bin" run "$tmp/zap.json" --strategy exhaustive --preemption-bound 2 --granularity locks --quiet
check gran-locks-found 1 'finding conservation: .* a free page' -- "$bin" run "$tmp/zap.json" --strategy exhaustive --preemption-bound 2 --granularity locks --plant no-pte-same-recheck --quiet --out "$tmp/gr"
grtr=$(trace_of "$tmp/gr/zap-races-hint-fault-plant-no-pte-same-recheck-full-exhaustive-seed1-*.trace.json")
check gran-trace 0 '"granularity": "locks"' -- cat "$grtr"
check gran-replay 1 '^replayed bit for bit: conservation' -- "$bin" replay "$grtr"
check gran-default-trace 0 '"granularity": "locks\+pt"' -- cat "$ptr"
sed 's/"granularity": "locks"/"granularity": "pages"/' "$grtr" > "$tmp/gr/bad.json"
check gran-trace-bad 2 'granularity: expected "locks\+pt" or "locks"' -- "$bin" replay "$tmp/gr/bad.json"
# shrink --hint: the same failure under no-thp shrinks from full's shrunk
# trace (the matrix's twins): the confirming passes only, the same result
# as a shrink from the trace; a hint that does not apply is one line and
# the shrink goes on from the trace
"$bin" run "$tmp/zap.json" --strategy random --seed 7 --plant no-pte-same-recheck --kconfig no-thp --quiet --out "$tmp/nt" >/dev/null
ntr=$(trace_of "$tmp/nt/zap-races-hint-fault-plant-no-pte-same-recheck-no-thp-random-seed7-*.trace.json")
check shrink-twin-plain 0 '^shrunk in [0-9]{4,} replays: [0-9]+ -> 1 preemptions' -- "$bin" shrink "$ntr" -o "$tmp/nt/plain.json"
"$bin" shrink "$ntr" -o "$tmp/nt/hinted.json" --hint "$tmp/pl/small.json" > "$tmp/nt/hinted.out" 2>&1
check shrink-hint 0 '^shrunk in [0-9]{1,3} replays: 1 -> 1 preemptions' -- cat "$tmp/nt/hinted.out"
check shrink-hint-used 0 "^from the hint $tmp/pl/small.json " -- cat "$tmp/nt/hinted.out"
check shrink-hint-same 0 '^$' -- cmp "$tmp/nt/plain.json" "$tmp/nt/hinted.json"
check shrink-hint-replay 1 '^replayed bit for bit: conservation' -- "$bin" replay "$tmp/nt/hinted.json"
# (50 replays: enough to see the shrink start from the trace's schedule)
check shrink-hint-missing 0 "^faultsim: shrink --hint: $tmp/none.json: cannot open: .*: not used\$" -- "$bin" shrink "$ntr" -o "$tmp/nt/x.json" --hint "$tmp/none.json" --max-runs 50
check shrink-hint-missing-shrinks 0 '^shrunk in 50 replays: ([2-9]|[1-9][0-9]+) -> ' -- "$bin" shrink "$ntr" -o "$tmp/nt/x.json" --hint "$tmp/none.json" --max-runs 50
check shrink-usage 2 'usage: faultsim shrink TRACE -o OUT' -- "$bin" shrink "$ptr"
"$bin" run "$tmp/zap.json" --strategy random --iterations 2 --quiet --out "$tmp/pl" >/dev/null
clean=$(trace_of "$tmp/pl/zap-races-hint-fault-baseline-6.12-full-random-seed1-*-last.trace.json")
check shrink-no-finding 2 'records no finding: nothing to shrink' -- "$bin" shrink "$clean" -o "$tmp/x.json"
one_line shrink-no-finding "$bin" shrink "$clean" -o "$tmp/x.json"
check shrink-hint-other-design 0 '^faultsim: shrink --hint .*: not a trace of this trace.s scenario, design and plant: not used$' -- "$bin" shrink "$ntr" -o "$tmp/nt/x.json" --hint "$clean" --max-runs 50
sed 's/"plant": "no-pte-same-recheck"/"plant": "other"/' "$ptr" > "$tmp/pl/other.json"
check replay-unknown-design 2 "plant: unknown planted bug 'other'" -- "$bin" replay "$tmp/pl/other.json"
# a trace says which kernel tree the binary was built from, as --version
ktree=$("$bin" --version | sed -n 's/^kernel //p')
check trace-kernel-tree 0 . -- grep -F "\"kernel_tree\": \"$ktree\"" "$ptr"
# a trace of format 1 (design, sink and bug in one "design" string) still
# replays: the reader splits it
sed -e 's/"faultsim_trace": 5,/"faultsim_trace": 1,/' \
	-e 's/"design": "baseline-6.12",/"design": "plant:no-pte-same-recheck",/' \
	-e '/"sink": /d' -e '/"plant": /d' -e '/"kernel_tree": /d' \
	-e '/"inject": /d' \
	"$ptr" > "$tmp/pl/v1.json"
check replay-format-1 1 '^replayed bit for bit: conservation' -- "$bin" replay "$tmp/pl/v1.json"
# inputs that are not regular files are refused before they are read (a
# read of /dev/zero or a FIFO never ends); a device is never replaced
mkfifo "$tmp/fifo"
for dev in /dev/zero "$tmp/fifo"; do
	sed "s#\"scenario\": \"[^\"]*\"#\"scenario\": \"$dev\"#" "$ptr" > "$tmp/pl/dev.json"
	check "replay-scenario-$(basename "$dev")" 2 "^faultsim: $dev: not a regular file\$" -- timeout 20 "$bin" replay "$tmp/pl/dev.json"
	check "run-$(basename "$dev")" 2 "^faultsim: $dev: not a regular file\$" -- timeout 20 "$bin" run "$dev"
done
check replay-trace-fifo 2 "^faultsim: $tmp/fifo: not a regular file\$" -- timeout 20 "$bin" replay "$tmp/fifo"
one_line replay-trace-fifo timeout 20 "$bin" replay "$tmp/fifo"
check shrink-to-device 2 '/dev/null: not a regular file: not replaced$' -- "$bin" shrink "$ptr" -o /dev/null
check shrink-to-device-kept 0 '^c' -- stat -c %A /dev/null

summary
