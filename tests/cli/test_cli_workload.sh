#!/usr/bin/env bash
# The common workload of issue #13, as its "done when" states it: a
# 2-node machine, 64 MiB first touched on node 0 under bind, then 20 s
# on node 1 (scenarios/workload-bind-{thp,4k}-20s.json).  With THP:
# every THP migrates whole (thp_migration_success 32) and the scan
# period grows as update_task_scan_period() makes it; the 4 KiB twin:
# every remote page migrates after the first pass, no local page is
# hinted again.  The time series is faultsim run --samples.
# usage: test_cli_workload.sh BINDIR
. "$(dirname "$0")/lib.sh"
top=$(dirname "$0")/../..
ok='^0 finding\(s\), 0 failed expectation\(s\)$'

# the task's scan fields, one line "time period nid seq" per sample
series() {
	awk -F, '$3 == "second" && $4 == "task" {
		v[$2 " " $6] = $7; t[$2] = 1
	} END {
		for (k in t)
			print k, v[k " numa_scan_period"], \
			      v[k " numa_preferred_nid"], v[k " numa_scan_seq"]
	}' "$1" | sort -n
}

check thp-20s 0 "$ok" -- "$bin" run "$top/scenarios/workload-bind-thp-20s.json" --samples "$tmp/thp.csv"
series "$tmp/thp.csv" >"$tmp/thp.series"
# update_task_scan_period() at each placement (the first hint fault of
# a new scan sequence), from the faults since the last one: none at
# 3 s, then only remote ones (the migrating faults of 3 s) at 7 s: each
# doubles the period (local + shared == 0); then all local and private
# ones: ps_ratio 10 of NUMA_PERIOD_SLOTS, 3 slots over the threshold,
# +30% (5200, 6760); numa_preferred_nid 1 from the second placement on
check thp-20s-period 0 '^1000000000 1000 -1 0 3000000000 2000 -1 1 7000000000 4000 1 2 15000000000 5200 1 3 20000000000 6760 1 4 $' -- \
	awk '$1 == 1000000000 || $1 == 3000000000 || $1 == 7000000000 ||
	     $1 == 15000000000 || $1 == 20000000000 { printf "%s ", $0 }
	     END { print "" }' "$tmp/thp.series"
check thp-20s-growth 0 '^nondecreasing$' -- awk '
	NR > 1 && $2 < p { bad = 1 } { p = $2 }
	END { print bad ? "shrinks" : "nondecreasing" }' "$tmp/thp.series"
check thp-20s-migrated 0 '^32$' -- awk -F, '$3 == "second" && $6 == "thp_migration_success" { v = $7 } END { print v }' "$tmp/thp.csv"

for k in full no-thp; do
	check "4k-20s-$k" 0 "$ok" -- "$bin" run "$top/scenarios/workload-bind-4k-20s.json" --kconfig $k --samples "$tmp/4k-$k.csv"
done
# after the first pass and its faults (3 s) nothing more is hinted
check 4k-20s-no-rehint 0 '^16384 16384$' -- awk -F, '
	$3 == "second" && $6 == "numa_pte_updates" {
		if ($2 == 3000000000) a = $7; last = $7 }
	END { print a, last }' "$tmp/4k-full.csv"
summary
