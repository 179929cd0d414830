#!/usr/bin/env bash
# The scenario vocabulary of #13 item 4: set_mempolicy and mbind steps
# decide where first touches allocate, madvise hugepage/nohugepage
# where THPs come, loop steps repeat, sample steps record a time series
# (the report's lines and faultsim run --samples FILE, CSV or JSON).
# usage: test_cli_vocab.sh BINDIR
. "$(dirname "$0")/lib.sh"
scn=$(dirname "$0")/scenarios
top=$(dirname "$0")/../..
ok='^0 finding\(s\), 0 failed expectation\(s\)$'

# first touch under the policies, their expectations met
for k in full no-thp; do
	check "policy-first-touch-$k" 0 "$ok" -- "$bin" run "$scn/policy-first-touch.json" --kconfig $k
done
# the strict mbind that finds a page on node 0 fails as the kernel's
check mbind-strict-eio 0 '^steps\[11\]: mbind returned -5$' -- "$bin" run "$scn/policy-first-touch.json"
check policy-sample 0 '^sample after at 2\.004000000 s: vmstat numa_pte_updates=32; vma b N0=16 N1=0 N2=0 anon=16 huge=0; vma il N0=8 N1=0 N2=8 anon=16 huge=0; vma mb N0=0 N1=768 N2=256 anon=1024 huge=0; vma pop N0=15 N1=1 N2=0 anon=16 huge=0; vma def N0=0 N1=8 N2=8 anon=16 huge=0$' -- "$bin" run "$scn/policy-first-touch.json"
check madvise-hugepage 0 "$ok" -- "$bin" run "$scn/madvise-hugepage.json" --kconfig full
check madvise-hugepage-sample 0 '^sample end at 0\.000000000 s: vma h N0=514 N1=0 anon=514 huge=512; vma t N0=0 N1=1024 anon=1024 huge=0; vma n N0=513 N1=0 anon=513 huge=512; vma ilv N0=1024 N1=1024 anon=2048 huge=2048; vma bt N0=512 N1=0 anon=512 huge=512$' -- "$bin" run "$scn/madvise-hugepage.json" --kconfig full
check madvise-hugepage-no-thp 0 'skipped: kconfig no-thp lacks CONFIG_TRANSPARENT_HUGEPAGE' -- "$bin" run "$scn/madvise-hugepage.json" --kconfig no-thp

# a run-time error inside a loop says which time round it was
head='"faultsim_scenario": 1, "name": "x", "tasks": [{"name": "t0", "cpu": 0}]'
two='"machine": {"nodes": [{"id": 0, "pages": 4096}, {"id": 1, "pages": 4096}], "cpus": [{"id": 0, "node": 0}]}'
cat >"$tmp/round.json" <<JSON
{$head, $two, "vmas": [{"name": "p", "size": "16K", "placement": {"node": 0}}],
 "steps": [{"op": "loop", "times": 2, "steps": [
   {"op": "loop", "times": 2, "steps": [{"op": "advance", "ms": 1}]},
   {"op": "mbind", "vma": "p", "mode": "bind", "nodes": [1], "flags": ["strict"]}]}]}
JSON
check loop-round-1 0 '^steps\[0\]\.steps\[1\] \(round 1\): mbind returned -5$' -- "$bin" run "$tmp/round.json"
check loop-round-2 0 '^steps\[0\]\.steps\[1\] \(round 2\): mbind returned -5$' -- "$bin" run "$tmp/round.json"
# four advances of 1 ms: msleep(1) sleeps 2 jiffies (HZ 250), 8 ms
check loop-time 0 'virtual time 32000000 ns$' -- "$bin" run "$tmp/round.json"

# a set_mempolicy runs in its task's thread, so concurrently with others
cat >"$tmp/conc.json" <<JSON
{$head, $two, "vmas": [{"name": "p", "size": "16K", "populate": false}],
 "tasks": [{"name": "t0", "cpu": 0}, {"name": "t1", "cpu": 0}],
 "steps": [{"op": "concurrently", "steps": [
   {"op": "set_mempolicy", "task": "t1", "mode": "bind", "nodes": [1]},
   {"op": "access", "task": "t0", "vma": "p", "write": true}]},
   {"op": "access", "task": "t1", "vma": "p", "offset": "4K", "write": true},
   {"op": "expect", "pte": [{"vma": "p", "node": 0}, {"vma": "p", "offset": "4K", "node": 1}]}]}
JSON
sed -i 's/"tasks": \[{"name": "t0", "cpu": 0}\], //' "$tmp/conc.json"
check concurrently-set-mempolicy 0 "$ok" -- "$bin" run "$tmp/conc.json"
check concurrently-set-mempolicy-random 0 ': no finding$' -- "$bin" run "$tmp/conc.json" --strategy random --iterations 20 --quiet

# the time series: the report's lines, the CSV as pinned, the JSON the
# same rows; the same run writes the same files
check sample-report 0 '^sample tick at 1\.800000000 s: vmstat numa_pte_updates=64 numa_hint_faults=64 numa_pages_migrated=64; vma buf N0=0 N1=64 anon=64 huge=0; task main numa_scan_period=2000 numa_preferred_nid=-1 numa_scan_seq=1$' -- "$bin" run "$scn/loop-sample.json"
check sample-csv 0 '' -- "$bin" run "$scn/loop-sample.json" --samples "$tmp/s.csv"
check sample-csv-pinned 0 '^$' -- diff "$scn/loop-sample.csv" "$tmp/s.csv"
check sample-json 0 '' -- "$bin" run "$scn/loop-sample.json" --samples "$tmp/s.json"
check sample-json-rows 0 '^ok$' -- python3 -c '
import csv, json, sys
j = json.load(open(sys.argv[1]))
assert j["faultsim_samples"] == 1 and j["scenario"] == "loop-sample"
rows = {}
for r in csv.DictReader(open(sys.argv[2])):
    rows.setdefault(int(r["row"]), []).append(r)
assert len(j["rows"]) == len(rows) == 5, len(j["rows"])
for o in j["rows"]:
    for r in rows[o["row"]]:
        assert int(r["time_ns"]) == o["time_ns"] and r["sample"] == o["sample"]
        k = {"vmstat": "vmstat", "vma": "vmas", "task": "tasks"}[r["kind"]]
        v = o[k] if k == "vmstat" else o[k][r["subject"]]
        assert v[r["key"]] == int(r["value"]), (o, r)
print("ok")' "$tmp/s.json" "$tmp/s.csv"
check sample-format-flag 0 '' -- "$bin" run "$scn/loop-sample.json" --samples "$tmp/s.txt" --samples-format csv
check sample-format-flag-csv 0 '^$' -- diff "$scn/loop-sample.csv" "$tmp/s.txt"
"$bin" run "$scn/loop-sample.json" --samples "$tmp/again.json" >/dev/null
check sample-deterministic 0 '^$' -- cmp "$tmp/s.json" "$tmp/again.json"
# a run skipped for its requires still writes a valid, empty file
check sample-skipped 0 'skipped' -- "$bin" run "$scn/loop-sample.json" --kconfig no-numa-balancing --samples "$tmp/skip.json"
check sample-skipped-empty 0 '^\[\]$' -- python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["rows"])' "$tmp/skip.json"

# a loop's run under a strategy: its trace replays bit for bit
cat >"$tmp/lconc.json" <<JSON
{"faultsim_scenario": 1, "name": "lconc", $two,
 "tasks": [{"name": "t0", "cpu": 0}, {"name": "t1", "cpu": 0}],
 "vmas": [{"name": "p", "size": "64K", "populate": false}],
 "steps": [{"op": "loop", "times": 50, "steps": [
   {"op": "concurrently", "steps": [
     {"op": "access", "task": "t0", "vma": "p", "pages": 16, "write": true},
     {"op": "access", "task": "t1", "vma": "p", "pages": 16},
     {"op": "madvise", "vma": "p", "offset": "16K", "size": "16K", "advice": "dontneed"}]},
   {"op": "sample", "vmas": ["p"]}]}]}
JSON
mkdir "$tmp/tr"
check loop-trace 0 'trace of the last schedule' -- "$bin" run "$tmp/lconc.json" --strategy random --iterations 3 --out "$tmp/tr" --quiet
check loop-replay 0 'replayed bit for bit$' -- "$bin" replay "$(trace_of "$tmp/tr/*.trace.json")"

# a counter the build does not count: refused when named, left out of "all"
cat >"$tmp/uncounted.json" <<JSON
{$head, $two, "steps": [{"op": "loop", "times": 2, "steps": [{"op": "sample", "vmstat": ["numa_hint_faults"]}]}]}
JSON
check sample-uncounted 2 'vmstat numa_hint_faults is not counted by this build$' -- "$bin" run "$tmp/uncounted.json" --kconfig no-numa-balancing
cat >"$tmp/all.json" <<JSON
{$head, $two, "steps": [{"op": "sample", "vmstat": true}]}
JSON
check sample-all-counted 0 '^sample steps\[0\] at 0\.000000000 s: vmstat pgfault=0 pgmigrate_success=0 pgmigrate_fail=0 thp_migration_success=0' -- "$bin" run "$tmp/all.json" --kconfig no-numa-balancing

# --samples refused with one line, before the run
check samples-bad-name 2 '^faultsim: --samples .*s\.txt: name it \.csv or \.json, or give --samples-format$' -- "$bin" run "$scn/loop-sample.json" --samples "$tmp/s.txt"
one_line samples-bad-name "$bin" run "$scn/loop-sample.json" --samples "$tmp/s.txt"
check samples-unwritable 2 '^faultsim: --samples /nonexistent/s\.csv: No such file or directory$' -- "$bin" run "$scn/loop-sample.json" --samples /nonexistent/s.csv
# a FIFO would block the run until a reader comes: refused, as a device
mkfifo "$tmp/fifo.csv"
check samples-fifo 2 "^faultsim: --samples $tmp/fifo\\.csv: not a regular file: not replaced\$" -- timeout 20 "$bin" run "$scn/loop-sample.json" --samples "$tmp/fifo.csv"
check samples-device 2 '^faultsim: --samples /dev/null: not a regular file: not replaced$' -- "$bin" run "$scn/loop-sample.json" --samples /dev/null --samples-format csv
check samples-strategy 2 '^faultsim: --samples records one run: it needs --strategy fifo, not random$' -- "$bin" run "$scn/loop-sample.json" --samples "$tmp/r.csv" --strategy random
check samples-format-alone 2 '^faultsim: --samples-format needs --samples FILE$' -- "$bin" run "$scn/loop-sample.json" --samples-format csv
check samples-format-bad 2 'samples-format' -- "$bin" run "$scn/loop-sample.json" --samples "$tmp/x" --samples-format xml

# the built-in example: bind, loop and sample
check example 0 "$ok" -- "$bin" run "$top/scenarios/bind-remote-loop.json"

summary
