#!/usr/bin/env bash
# faultsim matrix: a design added in one file, the reports, the
# neutrality summary, bad options.  usage: test_cli_matrix.sh BINDIR
. "$(dirname "$0")/lib.sh"

mx=$(dirname "$0")/../../scenarios/matrix
# a design added in one file is listed and in the matrix
tbin=$1/faultsim-test-design
check test-design-listed 0 '^test-only +A design registered by one file' -- "$tbin" list designs
mkdir -p "$tmp/fam"
cp "$mx/toggle-off-numa-hints.json" "$mx/toggle-on-damon-hints.json" "$tmp/fam/"
check matrix-test-design 0 '^toggle-off-numa-hints +full +pass +FAIL routing/misrouted +pass' -- "$tbin" matrix --kconfigs full --designs baseline-6.12,rfc-v2,test-only --scenarios "$tmp/fam" --iterations 3 --out "$tmp/m" --quiet
check matrix-md 0 '^\| toggle-on-damon-hints \| full \| n/a \| \[FAIL routing/misrouted\]\(traces/full/rfc-v2/toggle-on-damon-hints/[^)]*shrunk.json\) \| n/a \|$' -- cat "$tmp/m/matrix.md"
check matrix-html 0 '<th>test-only</th>' -- cat "$tmp/m/matrix.html"
# each report names the kernel tree the binaries were built from
ktree=$("$tbin" --version | sed -n 's/^kernel //p')
check matrix-md-kernel 0 . -- grep -F "Kernel: $ktree." "$tmp/m/matrix.md"
check matrix-html-kernel 0 '<p>Kernel: 6\.12\.[0-9]+, .*sources [0-9a-f]{12}.*\.</p>' -- cat "$tmp/m/matrix.html"
check matrix-md-claims 0 '^- `test-only`: A design registered by one file outside designs/, for the CLI test\. \*Claims:\* It is listed, selectable and in the matrix\.$' -- cat "$tmp/m/matrix.md"
check matrix-shrunk-replays 1 'replayed bit for bit: routing' -- "$tbin" replay "$(ls "$tmp"/m/traces/full/rfc-v2/toggle-on-damon-hints/*.shrunk.json)"
# config neutrality: with CONFIG_DAMON off, rfc-v2 still routes by the
# sysctl and leaves another state than the baseline; guarded does not
"$bin" matrix --kconfigs full,no-damon --designs baseline-6.12,rfc-v2,rfc-v2-guarded --scenarios "$tmp/fam" --iterations 2 --out "$tmp/m3" --quiet > "$tmp/m3.txt" 2>&1
check matrix-neutrality-rfc 0 '^  rfc-v2 +differs from the baseline in: toggle-off-numa-hints$' -- cat "$tmp/m3.txt"
check matrix-neutrality-guarded 0 '^  rfc-v2-guarded +neutral$' -- cat "$tmp/m3.txt"
check matrix-no-damon-routing 0 '^toggle-off-numa-hints +no-damon +pass +FAIL routing/lost_report +pass' -- cat "$tmp/m3.txt"
# #15: routing kinds, accepted kinds, n/a with the need, claims checked,
# the duplication measured
"$bin" matrix --kconfigs full,no-numa-balancing --designs baseline-6.12,rfc-v2,generic-hook,tagged-pte --scenarios "$tmp/fam" --iterations 2 --out "$tmp/m4" --quiet > "$tmp/m4.txt" 2>&1
check matrix-accepted 0 '^toggle-on-damon-hints +full +n/a +FAIL routing/misrouted +pass, accepted +pass *$' -- cat "$tmp/m4.txt"
check matrix-accepted-note 0 '^accepted: generic-hook accepts stat_pollution' -- cat "$tmp/m4.txt"
check matrix-needs-note 0 '^n/a: tagged-pte needs CONFIG_NUMA_BALANCING$' -- cat "$tmp/m4.txt"
check matrix-md-needs 0 '^\| toggle-on-damon-hints \| no-numa-balancing \| n/a \| n/a: needs CONFIG_NUMA_BALANCING \| n/a: needs CONFIG_NUMA_BALANCING \| n/a: needs CONFIG_NUMA_BALANCING \|$' -- cat "$tmp/m4/matrix.md"
check matrix-md-accepted 0 '\| pass \(accepts stat_pollution\) \|' -- cat "$tmp/m4/matrix.md"
check matrix-claim-held 0 '^    held: NUMA statistics never see DAMON.s hints$' -- cat "$tmp/m4.txt"
check matrix-claim-generic 0 '^    held: no fault is ever misrouted: there is one route$' -- cat "$tmp/m4.txt"
check matrix-claim-open 0 '^    not contradicted: DAMON.s handler touches no VMA state: no oops \([0-9]+ cell\(s\) stopped at another finding first\)$' -- cat "$tmp/m4.txt"
check matrix-duplication 0 '^  generic-hook +[0-9]+ of [0-9]+ lines duplicate the kernel.s \([0-9.]+%\)$' -- cat "$tmp/m4.txt"
# a claim the cells contradict is marked BROKEN, with the cell
"$tbin" matrix --kconfigs full --designs test-only,test-misroutes --scenarios "$tmp/fam" --iterations 2 --out "$tmp/m5" --quiet > "$tmp/m5.txt" 2>&1
check matrix-claim-broken 0 '^    BROKEN: no hint is misrouted \(toggle-off-numa-hints, full: routing: misrouted: NUMA hint at ' -- cat "$tmp/m5.txt"
check matrix-md-claim-broken 0 '^  - \*\*BROKEN\*\*: no hint is misrouted \(toggle-off-numa-hints, full: ' -- cat "$tmp/m5/matrix.md"
check matrix-no-claims 0 '^  test-only: states no checked claim$' -- cat "$tmp/m5.txt"
# --jobs: the same table, Markdown, HTML and traces for any number of
# workers (m3 above ran with the default, the cores online)
for j in 1 2 3; do
	"$bin" matrix --kconfigs full,no-damon --designs baseline-6.12,rfc-v2,rfc-v2-guarded --scenarios "$tmp/fam" --iterations 2 --out "$tmp/j$j" --quiet --jobs $j 2>&1 | sed "s|$tmp/j$j|OUT|g" > "$tmp/j$j.txt"
done
for j in 2 3; do
	check matrix-jobs-$j-table 0 "^$" -- diff "$tmp/j1.txt" "$tmp/j$j.txt"
	check matrix-jobs-$j-files 0 "^$" -- diff -r "$tmp/j1" "$tmp/j$j"
done
check matrix-jobs-table-is-m3 0 "^$" -- diff <(sed '$d' "$tmp/m3.txt") <(sed '$d' "$tmp/j1.txt")
check matrix-jobs-shrunk 0 "^[^ ]*shrunk.json$" -- ls "$tmp"/j2/traces/no-damon/rfc-v2/toggle-off-numa-hints/
# identical failures shrunk once: a no-thp cell failing as its full twin
# shrinks from the twin's shrunk trace (shrink --hint), and ends with what
# a shrink of its own trace from scratch writes, byte for byte
"$bin" matrix --kconfigs full,no-thp --designs rfc-v2 --scenarios "$tmp/fam" --iterations 2 --out "$tmp/tw" --json "$tmp/tw.json" --quiet > /dev/null 2>&1
check matrix-twins-hinted 0 '^[1-9][0-9]* of [1-9][0-9]*$' -- python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))["result"]["shrinks"]
print("%d of %d" % (s["from_twin"], s["run"]))' "$tmp/tw.json"
n=0
for s in "$tmp"/tw/traces/no-thp/*/*/*.shrunk.json; do
	"$bin" shrink "${s%.shrunk.json}.trace.json" -o "$tmp/tw/plain.json" > /dev/null 2>&1
	check "matrix-twin-shrunk-as-from-scratch-$n" 0 '^$' -- cmp "$s" "$tmp/tw/plain.json"
	n=$((n + 1))
done
check matrix-twins 0 '^[1-9]' -- echo "$n"
check matrix-bad-jobs 2 'faultsim: --jobs needs a number in 1..1024' -- "$bin" matrix --jobs 0 --out "$tmp/m2"
check matrix-twice 2 "matrix: design 'rfc-v2' named twice" -- "$bin" matrix --designs rfc-v2,baseline-6.12,rfc-v2 --out "$tmp/m2"
check matrix-bad-design 2 "matrix: unknown design 'nope'" -- "$bin" matrix --designs nope --out "$tmp/m2"
check matrix-bad-kconfig 2 "matrix: unknown kconfig 'nope'" -- "$bin" matrix --kconfigs nope --out "$tmp/m2"
mkdir -p "$tmp/empty"
check matrix-no-families 2 'no scenario families' -- "$bin" matrix --scenarios "$tmp/empty" --out "$tmp/m2"
one_line matrix-bad-option "$bin" matrix --frobnicate

summary
