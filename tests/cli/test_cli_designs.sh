#!/usr/bin/env bash
# Designs, scenario parameters and report sinks: listed, selected,
# recorded in traces, replayed.  usage: test_cli_designs.sh BINDIR
. "$(dirname "$0")/lib.sh"

# designs: listed, selected, recorded in traces, replayed
mx=$(dirname "$0")/../../scenarios/matrix
cp "$mx/toggle-off-numa-hints.json" "$mx/toggle-on-damon-hints.json" \
	"$mx/uffd-wp-coexistence.json" "$tmp/"
check list-designs-rfc 0 '^rfc-v2 +The RFC that started this work' -- "$bin" list designs
check list-designs-v3 0 '^rfc-v3 +RFC v3 keeps RFC v2.s MM_CP_DAMON hack' -- "$bin" list designs
check list-designs-rwp 0 '^uffd-rwp-tag +The userfaultfd RWP series' -- "$bin" list designs
check list-designs-all 0 '^7$' -- sh -c "'$bin' list designs | grep -vc '^plant:'"
check list-oracles-routing 0 '^routing ' -- "$bin" list oracles
check design-bad 2 '^faultsim: --design needs one of: baseline-6.12, generic-hook, rfc-v2, rfc-v2-guarded, rfc-v3, tagged-pte, uffd-rwp-tag$' -- "$bin" run "$tmp/toggle-off-numa-hints.json" --design rfc-v9
check design-plant 2 'no --design with it' -- "$bin" run "$tmp/toggle-off-numa-hints.json" --design rfc-v2 --plant no-pte-same-recheck
check design-baseline 0 '^0 finding' -- "$bin" run "$tmp/toggle-off-numa-hints.json"
check design-rfc-v2-misroutes 1 '^finding routing: misrouted: NUMA hint at 0x7f0000100000 reported to DAMON, without NUMA balancing.s accounting' -- "$bin" run "$tmp/toggle-off-numa-hints.json" --design rfc-v2
check design-tagged 0 '^hints: NUMA installed 256, to NUMA 4;' -- "$bin" run "$tmp/toggle-off-numa-hints.json" --design tagged-pte
# rfc-v3 routes by the sysctl as RFC v2; uffd-rwp-tag by the uffd-wp bit
check design-rfc-v3-misroutes 1 '^finding routing: misrouted: NUMA hint at 0x7f0000100000 reported to DAMON' -- "$bin" run "$tmp/toggle-off-numa-hints.json" --design rfc-v3
check design-rwp 0 '^hints: NUMA installed 256, to NUMA 4;' -- "$bin" run "$tmp/toggle-off-numa-hints.json" --design uffd-rwp-tag
check design-rwp-damon 0 '^0 finding' -- "$bin" run "$tmp/toggle-on-damon-hints.json" --design uffd-rwp-tag
# uffd-wp'd pages: the bit is uffd-wp's, so uffd-rwp-tag's tag conflicts
check design-rwp-conflict 1 '^finding bit_conflict: DAMON hint on pfn 0x101 on an entry whose bit 0x400, the design.s DAMON tag, was already set \(_PAGE_UFFD_WP, uffd-wp.s write protection\)' -- "$bin" run "$tmp/uffd-wp-coexistence.json" --design uffd-rwp-tag
check design-rwp-lost-uffd-wp 1 '^finding restoration: NUMA hint at 0x7f0000004000 lost uffd-wp' -- "$bin" run "$tmp/uffd-wp-coexistence.json" --design uffd-rwp-tag
check design-tagged-uffd-wp 0 '^0 finding' -- "$bin" run "$tmp/uffd-wp-coexistence.json" --design tagged-pte
sed 's/"anon", "uffd-wp"\]/"anon", "uffd-wp"], "folio_order": 0, "cow_shared": true/' "$tmp/uffd-wp-coexistence.json" > "$tmp/uffd-cow.json"
check uffd-wp-cow 2 'vmas\[0\].flags: "uffd-wp" is modelled on private PTE-mapped memory only' -- "$bin" run "$tmp/uffd-cow.json"
check design-not-applicable 0 'not applicable: design baseline-6.12 gives DAMON no hints' -- "$bin" run "$tmp/toggle-on-damon-hints.json"
check design-no-damon-na 0 'not applicable: kconfig without CONFIG_DAMON' -- "$bin" run "$tmp/toggle-on-damon-hints.json" --design rfc-v2 --kconfig no-damon
check design-trace 1 "trace: $tmp/ds/" -- "$bin" run "$tmp/toggle-on-damon-hints.json" --design rfc-v2 --strategy random --quiet --out "$tmp/ds"
dtr=$(trace_of "$tmp/ds/toggle-on-damon-hints-rfc-v2-full-random-seed1-*.trace.json")
check design-trace-design 0 '"design": "rfc-v2"' -- cat "$dtr"
check design-replay 1 '^replayed bit for bit: routing' -- "$bin" replay "$dtr"
# a shrink keeps the routing kind, not only the oracle
check design-shrink-kind 0 'routing: misrouted' -- "$bin" shrink "$dtr" -o "$tmp/ds/small.json"
check design-shrunk-kind 0 '"finding": "routing: misrouted: ' -- cat "$tmp/ds/small.json"
sed 's/"design": "rfc-v2"/"design": "rfc-v9"/' "$dtr" > "$tmp/ds/v9.json"
check design-replay-unknown 2 "design: unknown design 'rfc-v9'" -- "$bin" replay "$tmp/ds/v9.json"

# scenario parameters: declared with defaults, overridden by --param
check param-default 0 '^hints: NUMA installed 256, to NUMA 4;' -- "$bin" run "$tmp/toggle-off-numa-hints.json" --design tagged-pte
check param-override 0 '^hints: NUMA installed 256, to NUMA 8;' -- "$bin" run "$tmp/toggle-off-numa-hints.json" --design tagged-pte --param pages=8
check param-unknown 2 'toggle-off-numa-hints.json: params: --param nope: the scenario has no such parameter$' -- "$bin" run "$tmp/toggle-off-numa-hints.json" --param nope=1
one_line param-unknown "$bin" run "$tmp/toggle-off-numa-hints.json" --param nope=1
check param-type 2 '--param pages=x: expected a number like the default' -- "$bin" run "$tmp/toggle-off-numa-hints.json" --param pages=x
check param-syntax 2 '^faultsim: --param needs NAME=VALUE' -- "$bin" run "$tmp/toggle-off-numa-hints.json" --param pages
sed 's/"pages": "\$pages"/"pages": "$pagez"/' "$tmp/toggle-off-numa-hints.json" > "$tmp/undeclared.json"
check param-undeclared 2 'unknown parameter \$pagez \(not in "params"\)' -- "$bin" run "$tmp/undeclared.json"
check param-trace 1 "trace: $tmp/pa/" -- "$bin" run "$tmp/toggle-off-numa-hints.json" --design rfc-v2 --param pages=2 --strategy random --quiet --out "$tmp/pa"
patr=$(trace_of "$tmp/pa/toggle-off-numa-hints-rfc-v2-full-random-seed1-*.trace.json")
check param-trace-field 0 '"pages": "2"' -- cat "$patr"
check param-replay 1 '^replayed bit for bit: routing' -- "$bin" replay "$patr"

check sink-bad 2 '^faultsim: --sink needs one of global-array, percpu-ring$' -- "$bin" run "$tmp/toggle-on-damon-hints.json" --sink nope
cp "$mx/report-storm.json" "$tmp/"
check sink-ring 0 '^damon-reports: reported 1536 stored 256 dropped_contended 0 dropped_full 1280 ' -- "$bin" run "$tmp/report-storm.json" --design tagged-pte --sink percpu-ring
check sink-trace 1 "trace: $tmp/sk/" -- "$bin" run "$tmp/toggle-on-damon-hints.json" --design rfc-v2 --sink percpu-ring --strategy random --quiet --out "$tmp/sk"
sktr=$(trace_of "$tmp/sk/toggle-on-damon-hints-rfc-v2-full-random-seed1-*.trace.json")
check sink-trace-design 0 '"sink": "percpu-ring"' -- cat "$sktr"
check sink-replay 1 '^replayed bit for bit: routing' -- "$bin" replay "$sktr"
sed 's/"sink": "percpu-ring"/"sink": "nope"/' "$sktr" > "$tmp/sk/bad.json"
check sink-replay-bad 2 "unknown report sink 'nope'" -- "$bin" replay "$tmp/sk/bad.json"

summary
