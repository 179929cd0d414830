#!/usr/bin/env bash
# A crash of kernel code is a finding, not a crash of the tool
# (sim/oops.c): the planted null-folio-deref bug makes do_numa_page()
# read a NULL folio's mapcount; the run ends with an oops finding, its
# stack and exit 1, never a signal; the trace replays bit for bit,
# shrinks, and the same seed writes the same trace.
# usage: test_cli_oops.sh BINDIR
. "$(dirname "$0")/lib.sh"

zap=$(dirname "$0")/../../scenarios/zap-races-hint-fault.json
cp "$zap" "$tmp/zap.json"
oops='finding oops: kernel NULL pointer dereference, address: 0x0000000000000030 in [a-z_]+\+0x[0-9a-f]+/0x[0-9a-f]+ \('
# in order, the built-in hint-read-fault: t0's hint fault oopses
check oops-inorder 1 "^${oops}t0, " -- "$bin" run hint-read-fault --plant null-folio-deref
check oops-stack 1 '^  stack t0: .*handle_mm_fault > .*handle_pte_fault > .*numa_page_null_folio' -- "$bin" run hint-read-fault --plant null-folio-deref
check oops-no-signal 1 '^[0-9]+ finding\(s\), 0 failed expectation\(s\)$' -- "$bin" run hint-read-fault --plant null-folio-deref
# explored: a trace that replays, shrinks and is the same each time
check oops-found 1 "^${oops}worker, " -- "$bin" run "$tmp/zap.json" --strategy random --seed 7 --plant null-folio-deref --quiet --out "$tmp/a"
tr=$(trace_of "$tmp/a/zap-races-hint-fault-*-seed7-*.trace.json")
check oops-trace 0 '"oracle": "oops",' -- cat "$tr"
check oops-replay 1 '^replayed bit for bit: oops: kernel NULL pointer dereference' -- "$bin" replay "$tr"
# the oopsed worker never frees its task, nor the others what they wait
# on (a kernel leaks them too): under ASan, shrink's hundreds of such
# runs in one process are leaks LeakSanitizer would end it for
check oops-shrink 0 '^shrunk in [0-9]+ replays: [0-9]+ -> [0-9]+ preemptions' -- env ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" "$bin" shrink "$tr" -o "$tmp/a/small.json"
check oops-shrunk-replay 1 '^replayed bit for bit: oops: kernel NULL pointer dereference' -- "$bin" replay "$tmp/a/small.json"
"$bin" run "$tmp/zap.json" --strategy random --seed 7 --plant null-folio-deref --quiet --out "$tmp/b" >/dev/null 2>&1
check oops-deterministic 0 '' -- cmp "$tr" "$(trace_of "$tmp/b/zap-races-hint-fault-*-seed7-*.trace.json")"

summary
