#!/usr/bin/env bash
# --arch (issue #15 item 4): the page-table encoding of a run.  A bad
# value is one line naming it (exit 2); arm64 runs the non-THP
# scenarios and refuses PMD-mapped THP ("needs x86_64"); an arm64 trace
# records "arch": "arm64", an x86_64 one no key at all; replay and
# shrink take the trace's encoding, and --arch there only checks it.
# usage: test_cli_arch.sh BINDIR
. "$(dirname "$0")/lib.sh"
top=$(dirname "$0")/../..
tog=$top/scenarios/matrix/toggle-off-numa-hints.json

for cmd in "run hint-read-fault" "demo" "replay $tmp/none.json" \
	   "shrink $tmp/none.json -o $tmp/o.json"; do
	check "bad-arch-${cmd%% *}" 2 "^faultsim: --arch: unknown arch 'mips' \(x86_64 or arm64\)$" -- "$bin" $cmd --arch mips
	one_line "bad-arch-${cmd%% *}" "$bin" $cmd --arch mips
done

# the same hints and findings, in another encoding (another state digest)
x86=$("$bin" run hint-read-fault 2>&1)
a64=$("$bin" run hint-read-fault --arch arm64 2>&1)
check arm64-runs 0 '^0 finding\(s\), 0 failed expectation\(s\)$' -- "$bin" run hint-read-fault --arch arm64
check arm64-run-x86 0 '^0 finding\(s\)' -- "$bin" run hint-read-fault --arch x86_64
if [ "$(grep '^hints:' <<<"$x86")" = "$(grep '^hints:' <<<"$a64")" ] &&
   [ "$(grep '^state' <<<"$x86")" != "$(grep '^state' <<<"$a64")" ]; then
	echo "ok - arm64 hints as x86_64, other entries"; pass=$((pass + 1))
else
	echo "not ok - arm64 vs x86_64: $(grep -E '^(hints|state)' <<<"$x86$a64")"
	fail=$((fail + 1))
fi
check arm64-demo 0 'aggregation' -- "$bin" demo --arch arm64 --aggregations 2

# THP: refused on arm64, one line
check arm64-thp 2 '^faultsim: scenario thp-pmd-hint: VMA huge is PMD-mapped THP: needs x86_64 \(no arm64 PMD blocks\)$' -- "$bin" run thp-pmd-hint --arch arm64
one_line arm64-thp "$bin" run thp-pmd-hint --arch arm64

# traces: "arch" only on arm64; replay and shrink keep it
mkdir -p "$tmp/a" "$tmp/x"
check arm64-trace 1 '^trace: ' -- "$bin" run "$tog" --design rfc-v2 --arch arm64 --strategy random --iterations 20 --out "$tmp/a" --json "$tmp/a.json"
check x86-trace 1 '^trace: ' -- "$bin" run "$tog" --design rfc-v2 --strategy random --iterations 20 --out "$tmp/x" --json "$tmp/x.json"
ta=$(trace_of "$tmp/a/*.trace.json")
tx=$(trace_of "$tmp/x/*.trace.json")
check arm64-trace-key 0 '^  "arch": "arm64",$' -- cat "$ta"
check x86-trace-no-key 1 '^$' -- grep '"arch"' "$tx"
check arm64-json-key 0 '"arch": ?"arm64"' -- cat "$tmp/a.json"
check x86-json-no-key 1 '^$' -- grep '"arch"' "$tmp/x.json"
check arm64-replay 1 '^replayed bit for bit: routing: misrouted' -- "$bin" replay "$ta" --arch arm64
check arm64-replay-json 1 'replayed bit for bit' -- "$bin" replay "$ta" --json "$tmp/r.json"
check arm64-replay-json-key 0 '"arch": ?"arm64"' -- cat "$tmp/r.json"
# the timeline rings arm64's hint stores (pte_protnone() of the raw bits)
"$bin" replay "$ta" --timeline "$tmp/t.svg" >/dev/null 2>&1
check arm64-timeline-hints 0 'class="hint"' -- cat "$tmp/t.svg"
check arm64-replay-wrong 2 "^faultsim: .*: recorded on arm64, not --arch x86_64$" -- "$bin" replay "$ta" --arch x86_64
check x86-replay-wrong 2 "recorded on x86_64, not --arch arm64$" -- "$bin" replay "$tx" --arch arm64
check arm64-shrink 0 '^trace: ' -- "$bin" shrink "$ta" -o "$tmp/s.json"
check arm64-shrunk-key 0 '^  "arch": "arm64",$' -- cat "$tmp/s.json"
check arm64-shrunk-replay 1 '^replayed bit for bit: routing: misrouted' -- "$bin" replay "$tmp/s.json"
# the x86_64 trace's schedule under arm64 is no hint for it
check arm64-hint-other 0 'recorded on another page-table encoding \(arch\): not used$' -- "$bin" shrink "$ta" -o "$tmp/s2.json" --hint "$tx"

# tag bits per arch (docs/designs.md, arm64).  tagged-pte's bit 55 is
# arm64's PTE_DIRTY: every family without THP has a dirty page's hint,
# so bit_conflict fires in each; on toggle-off-numa-hints (NUMA hints
# only) the dirty pages' NUMA hints carry the "tag" and go to DAMON.
# x86_64 passes the same family.
for f in "$top"/scenarios/matrix/*.json; do
	case $f in *thp-split*) continue ;; esac
	n=$(basename "$f" .json)
	check "tagged-pte-arm64-$n" 1 '^finding bit_conflict: (NUMA|DAMON) hint on pfn 0x[0-9a-f]+ on an entry whose bit 0x80000000000000, the design.s DAMON tag, was already set \(PTE_DIRTY, the software dirty bit of every dirty page\)' -- "$bin" run "$f" --design tagged-pte --arch arm64
done
check tagged-pte-arm64-misrouted 1 '^finding routing: misrouted: NUMA hint at 0x[0-9a-f]+ reported to DAMON' -- "$bin" run "$tog" --design tagged-pte --arch arm64
check tagged-pte-x86 0 '^0 finding\(s\)' -- "$bin" run "$tog" --design tagged-pte
# uffd-rwp-tag's tag is the uffd-wp bit on both: 58 (PTE_UFFD_WP) on
# arm64, and it fails uffd-wp-coexistence as on x86_64, nothing else
uffd=$top/scenarios/matrix/uffd-wp-coexistence.json
check uffd-rwp-arm64 1 '^finding bit_conflict: DAMON hint on pfn 0x[0-9a-f]+ on an entry whose bit 0x400000000000000, the design.s DAMON tag, was already set \(PTE_UFFD_WP, uffd-wp.s write protection\)' -- "$bin" run "$uffd" --design uffd-rwp-tag --arch arm64
check uffd-rwp-arm64-lost 1 '^finding restoration: NUMA hint at 0x[0-9a-f]+ lost uffd-wp' -- "$bin" run "$uffd" --design uffd-rwp-tag --arch arm64
check uffd-rwp-x86 1 '^finding bit_conflict: .* bit 0x400, .*\(_PAGE_UFFD_WP, uffd-wp.s write protection\)' -- "$bin" run "$uffd" --design uffd-rwp-tag
check uffd-rwp-arm64-other 0 '^0 finding\(s\)' -- "$bin" run "$tog" --design uffd-rwp-tag --arch arm64

# worker processes and shards run the encoding too
for j in 1 2; do
	"$bin" run "$tog" --design tagged-pte --arch arm64 --strategy random --iterations 20 --jobs $j --out "$tmp/j$j" >/dev/null 2>&1
done
check arm64-jobs-same-trace 0 '^$' -- cmp "$(trace_of "$tmp/j1/*.trace.json")" "$(trace_of "$tmp/j2/*.trace.json")"
check arm64-jobs-trace-key 0 '"arch": "arm64"' -- cat "$(trace_of "$tmp/j2/*.trace.json")"
for k in 1 2; do
	"$bin" run hint-read-fault --arch arm64 --strategy random --iterations 10 --shard $k/2 --result "$tmp/sh$k.json" >/dev/null 2>&1
done
"$bin" run hint-read-fault --strategy random --iterations 10 --shard 2/2 --result "$tmp/shx.json" >/dev/null 2>&1
check arm64-merge 0 'no finding' -- "$bin" merge "$tmp/sh1.json" "$tmp/sh2.json"
check arm64-merge-other 2 'ran with different options \(arch\)$' -- "$bin" merge "$tmp/sh1.json" "$tmp/shx.json"

# matrix --arch: KCONFIG@arm64 rows after the x86_64 ones, THP families
# n/a there, and the tag-bit budget from the oracle's table; without
# --arch no arm64 row and no budget (the x86_64 reports as before)
mkdir -p "$tmp/fam"
cp "$tog" "$top/scenarios/matrix/hint-vs-thp-split.json" "$tmp/fam/"
check matrix-arch 0 '^toggle-off-numa-hints +full@arm64 +FAIL bit_conflict' -- "$bin" matrix --scenarios "$tmp/fam" --kconfigs full --designs tagged-pte --arch x86_64,arm64 --iterations 3 --jobs 2 --out "$tmp/m"
check matrix-arch-x86-row 0 '^\| toggle-off-numa-hints \| full \| pass \|$' -- cat "$tmp/m/matrix.md"
check matrix-arch-thp 0 '^\| hint-vs-thp-split \| full@arm64 \| n/a: needs x86_64 \|$' -- cat "$tmp/m/matrix.md"
check matrix-arch-budget 0 '^\| arm64 \| 55 \| PTE_DIRTY: the software dirty bit of every dirty page \| tagged-pte \|$' -- cat "$tmp/m/matrix.md"
check matrix-arch-budget-x86 0 '^\| x86_64 \| 55 \| free \| tagged-pte \|$' -- cat "$tmp/m/matrix.md"
check matrix-arch-html 0 '<td>arm64</td><td>55</td><td>PTE_DIRTY' -- cat "$tmp/m/matrix.html"
check matrix-arm64-only 0 '^toggle-off-numa-hints +full@arm64 ' -- "$bin" matrix --scenarios "$tmp/fam" --kconfigs full --designs tagged-pte --arch arm64 --iterations 3 --jobs 2 --out "$tmp/m1"
check matrix-no-arch 1 '^$' -- bash -c "'$bin' matrix --scenarios '$tmp/fam' --kconfigs full --designs tagged-pte --iterations 3 --jobs 2 --out '$tmp/m2' >/dev/null && grep -E '@arm64|Tag-bit' '$tmp/m2/matrix.md'"
check matrix-bad-arch 2 "^faultsim: matrix: --arch: unknown arch 'mips' \(x86_64 or arm64\)$" -- "$bin" matrix --arch x86_64,mips --out "$tmp/m3"
check matrix-twice-arch 2 "^faultsim: matrix: arch 'arm64' named twice$" -- "$bin" matrix --arch arm64,arm64 --out "$tmp/m3"

# a trace saying anything but arm64 is refused
sed 's/"arch": "arm64"/"arch": "x86_64"/' "$ta" >"$tmp/bad.json"
check bad-trace-arch 2 'arch: expected "arm64" \(x86_64 traces have no "arch"\), got "x86_64"$' -- "$bin" replay "$tmp/bad.json"
summary
