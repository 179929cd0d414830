#!/usr/bin/env bash
# The faultsim command line: usage, version, exit codes (0 ok, 1 a
# finding, 2 bad usage/input), one-line errors, per-kconfig dispatch,
# and the demo's determinism.  usage: test_cli.sh BINDIR
set -uo pipefail
bin=$1/faultsim
pass=0 fail=0

check() {	# check NAME EXPECTED_STATUS REGEX -- CMD...
	local name=$1 want=$2 re=$3 out status
	shift 4
	out=$("$@" 2>&1)
	status=$?
	if [ "$status" -ne "$want" ]; then
		echo "not ok - $name: exit $status, wanted $want: $out"
		fail=$((fail + 1))
	elif ! grep -qE -- "$re" <<<"$out"; then
		echo "not ok - $name: output does not match /$re/: $out"
		fail=$((fail + 1))
	else
		echo "ok - $name"
		pass=$((pass + 1))
	fi
}

one_line() {	# errors are exactly one line
	local name=$1 out
	shift
	out=$("$@" 2>&1 >/dev/null)
	if [ "$(wc -l <<<"$out")" -eq 1 ] && [ -n "$out" ]; then
		echo "ok - $name is one line"
		pass=$((pass + 1))
	else
		echo "not ok - $name is not one line: $out"
		fail=$((fail + 1))
	fi
}

check help 0 'kunit \[--kconfig K\]' -- "$bin" --help
check version 0 '^kernel 6\.12\.[0-9]+ ' -- "$bin" --version
check version-kconfig 0 '^kconfig full$' -- "$bin" --version
check sibling-version 0 '^kconfig no-thp$' -- "$1/faultsim-no-thp" --version
check no-args 2 'usage: faultsim' -- "$bin"
check unknown-command 2 "unknown command 'frobnicate'" -- "$bin" frobnicate
one_line unknown-command "$bin" frobnicate
check kconfig-missing 2 '--kconfig needs a name' -- "$bin" demo --kconfig
check kconfig-unknown 2 "unknown kconfig 'nope' \(one of: full " -- "$bin" demo --kconfig nope
one_line kconfig-unknown "$bin" demo --kconfig nope
check seed-not-number 2 '--seed needs' -- "$bin" demo --seed abc
check seed-negative 2 '--seed needs' -- "$bin" demo --seed -1
check seed-trailing 2 '--seed needs' -- "$bin" demo --seed 12x
check aggregations-zero 2 '--aggregations needs a number in 1\.\.' -- "$bin" demo --aggregations 0
check aggregations-huge 2 '--aggregations needs' -- "$bin" demo --aggregations 99999999999999999999
check demo-unknown-option 2 "demo: unknown option '--fast'" -- "$bin" demo --fast
check demo-no-damon 2 'needs CONFIG_DAMON' -- "$bin" demo --kconfig no-damon
check demo-other-kconfig 0 '^aggregation 2 ' -- "$bin" demo --kconfig no-thp --aggregations 2
check demo 0 '^aggregation 3 at 0\.300060 s' -- "$bin" demo --aggregations 3
check kunit-no-damon 0 '^1\.\.0$' -- "$bin" kunit --kconfig no-damon
check kunit-filter-none 0 '^1\.\.0$' -- "$bin" kunit 'nomatch*'
check kunit-filter-case 0 '^    1\.\.1$' -- "$bin" kunit 'damon.damon_test_split_at'
check kunit-bad-option 2 "kunit: unknown option '--fast'" -- "$bin" kunit --fast
check list-kconfigs 0 '^full no-damon no-numa-balancing no-thp$' -- "$bin" list kconfigs
check list-bad 2 'usage: faultsim list kconfigs\|scenarios\|designs\|oracles' -- "$bin" list scenarios-and-more
check list-scenarios 0 '^zap-races-hint-fault +/.*/scenarios/zap-races-hint-fault.json$' -- "$bin" list scenarios
n=$(ls "$(dirname "$0")"/../../scenarios/*.json | wc -l)
check list-scenarios-all 0 "^$n\$" -- sh -c "'$bin' list scenarios | wc -l"
check list-designs 0 '^plant:no-pte-same-recheck ' -- "$bin" list designs
check list-oracles 0 '^conservation ' -- "$bin" list oracles

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
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
tr="$tmp/tr/scan-races-fault-full-seed3-last.trace.json"
check replay-bit-for-bit 0 '^replayed bit for bit$' -- "$bin" replay "$tr"
check replay-other-kconfig 2 'trace was recorded with kconfig full; this binary is built for kconfig no-thp' -- "$1/faultsim-no-thp" replay "$tr"
one_line replay-other-kconfig "$1/faultsim-no-thp" replay "$tr"
sed 's/"pages": 8}/"pages": 7}/' "$sc" > "$tmp/race.json"
check replay-scenario-changed 2 'changed since the trace was recorded' -- "$bin" replay "$tr"
check replay-not-a-trace 2 'ro.json: ' -- "$bin" replay "$tmp/ro.json"
check explore-exhaustive 0 'exhaustive: [0-9]+ runs, space (not )?exhausted within preemption bound 1' -- "$bin" run "$sc" --strategy exhaustive --preemption-bound 1 --iterations 50 --quiet

# a planted bug: found, replayed, shrunk to the one preemption it needs
zap=$(dirname "$0")/../../scenarios/zap-races-hint-fault.json
cp "$zap" "$tmp/zap.json"
check plant-bad 2 '^faultsim: --plant needs one of: no-pte-same-recheck, cow-writable-rebuild$' -- "$bin" run "$tmp/zap.json" --plant nope
check plant-found 1 'finding conservation: .* a free page' -- "$bin" run "$tmp/zap.json" --strategy random --seed 7 --plant no-pte-same-recheck --quiet --out "$tmp/pl"
ptr="$tmp/pl/zap-races-hint-fault-full-seed7.trace.json"
check plant-trace-design 0 '"plant": "no-pte-same-recheck"' -- cat "$ptr"
check plant-replay 1 '^replayed bit for bit: conservation' -- "$bin" replay "$ptr"
check shrink 0 '^shrunk in [0-9]+ replays: [0-9]+ -> 1 preemptions' -- "$bin" shrink "$ptr" -o "$tmp/pl/small.json"
check shrink-replay 1 '^replayed bit for bit: conservation' -- "$bin" replay "$tmp/pl/small.json"
check replay-log 1 "^log: $tmp/pl/small.log\$" -- "$bin" replay "$tmp/pl/small.json" --log "$tmp/pl/small.log"
check replay-log-points 0 '^ +worker-[0-9]+ +\[001\] \.\.\.\.\. +0\.[0-9]{6}: handle_pte_fault: pt_load obj=[0-9]+$' -- cat "$tmp/pl/small.log"
check replay-log-finding 0 'faultsim-0 .*: finding conservation: .*a free page' -- tail -1 "$tmp/pl/small.log"
check replay-log-bad 2 'cannot write the log' -- "$bin" replay "$tmp/pl/small.json" --log "$tmp/no/such/dir/x.log"
# granularity: locks only switches at locks, atomics and yields
check gran-bad 2 '^faultsim: --granularity needs locks or locks\+pt$' -- "$bin" run "$tmp/zap.json" --granularity pt
check gran-locks-exhausted 0 'exhaustive: [0-9]+ runs, space exhausted within preemption bound 2' -- "$bin" run "$tmp/zap.json" --strategy exhaustive --preemption-bound 2 --granularity locks --quiet
check gran-locks-found 1 'finding conservation: .* a free page' -- "$bin" run "$tmp/zap.json" --strategy exhaustive --preemption-bound 2 --granularity locks --plant no-pte-same-recheck --quiet --out "$tmp/gr"
check gran-trace 0 '"granularity": "locks"' -- cat "$tmp/gr/zap-races-hint-fault-full-seed1.trace.json"
check gran-replay 1 '^replayed bit for bit: conservation' -- "$bin" replay "$tmp/gr/zap-races-hint-fault-full-seed1.trace.json"
check gran-default-trace 0 '"granularity": "locks\+pt"' -- cat "$ptr"
sed 's/"granularity": "locks"/"granularity": "pages"/' "$tmp/gr/zap-races-hint-fault-full-seed1.trace.json" > "$tmp/gr/bad.json"
check gran-trace-bad 2 'granularity: expected "locks\+pt" or "locks"' -- "$bin" replay "$tmp/gr/bad.json"
check shrink-usage 2 'usage: faultsim shrink TRACE -o OUT' -- "$bin" shrink "$ptr"
"$bin" run "$tmp/zap.json" --strategy random --iterations 2 --quiet --out "$tmp/pl" >/dev/null
clean="$tmp/pl/zap-races-hint-fault-full-seed1-last.trace.json"
check shrink-no-finding 2 'records no finding: nothing to shrink' -- "$bin" shrink "$clean" -o "$tmp/x.json"
one_line shrink-no-finding "$bin" shrink "$clean" -o "$tmp/x.json"
sed 's/"plant": "no-pte-same-recheck"/"plant": "other"/' "$ptr" > "$tmp/pl/other.json"
check replay-unknown-design 2 "plant: unknown planted bug 'other'" -- "$bin" replay "$tmp/pl/other.json"
# a trace of format 1 (design, sink and bug in one "design" string) still
# replays: the reader splits it
sed -e 's/"faultsim_trace": 2,/"faultsim_trace": 1,/' \
	-e 's/"design": "baseline-6.12",/"design": "plant:no-pte-same-recheck",/' \
	-e '/"sink": /d' -e '/"plant": /d' "$ptr" > "$tmp/pl/v1.json"
check replay-format-1 1 '^replayed bit for bit: conservation' -- "$bin" replay "$tmp/pl/v1.json"

# designs: listed, selected, recorded in traces, replayed
mx=$(dirname "$0")/../../scenarios/matrix
cp "$mx/toggle-off-numa-hints.json" "$mx/toggle-on-damon-hints.json" "$tmp/"
check list-designs-rfc 0 '^rfc-v2 +The RFC that started this work' -- "$bin" list designs
check list-designs-all 0 '^5$' -- sh -c "'$bin' list designs | grep -vc '^plant:'"
check list-oracles-routing 0 '^routing ' -- "$bin" list oracles
check design-bad 2 '^faultsim: --design needs one of: baseline-6.12, generic-hook, rfc-v2, rfc-v2-guarded, tagged-pte$' -- "$bin" run "$tmp/toggle-off-numa-hints.json" --design rfc-v9
check design-plant 2 'no --design with it' -- "$bin" run "$tmp/toggle-off-numa-hints.json" --design rfc-v2 --plant no-pte-same-recheck
check design-baseline 0 '^0 finding' -- "$bin" run "$tmp/toggle-off-numa-hints.json"
check design-rfc-v2-misroutes 1 '^finding routing: NUMA hint at 0x7f0000100000 handled by the DAMON handler' -- "$bin" run "$tmp/toggle-off-numa-hints.json" --design rfc-v2
check design-tagged 0 '^hints: NUMA installed 256, to NUMA 4;' -- "$bin" run "$tmp/toggle-off-numa-hints.json" --design tagged-pte
check design-not-applicable 0 'not applicable: design baseline-6.12 gives DAMON no hints' -- "$bin" run "$tmp/toggle-on-damon-hints.json"
check design-no-damon-na 0 'not applicable: kconfig without CONFIG_DAMON' -- "$bin" run "$tmp/toggle-on-damon-hints.json" --design rfc-v2 --kconfig no-damon
check design-trace 1 "trace: $tmp/ds/" -- "$bin" run "$tmp/toggle-on-damon-hints.json" --design rfc-v2 --strategy random --quiet --out "$tmp/ds"
dtr="$tmp/ds/toggle-on-damon-hints-full-seed1.trace.json"
check design-trace-design 0 '"design": "rfc-v2"' -- cat "$dtr"
check design-replay 1 '^replayed bit for bit: routing' -- "$bin" replay "$dtr"
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
check param-trace-field 0 '"params": "pages=2"' -- cat "$tmp/pa/toggle-off-numa-hints-full-seed1.trace.json"
check param-replay 1 '^replayed bit for bit: routing' -- "$bin" replay "$tmp/pa/toggle-off-numa-hints-full-seed1.trace.json"

# DPOR: without a preemption bound, on top of the sleep sets
check dpor-exhausted 0 '^exhaustive: [0-9]+ runs, space exhausted without a preemption bound$' -- "$bin" run "$tmp/toggle-off-numa-hints.json" --strategy exhaustive --preemption-bound none --quiet
check dpor-planted 1 'finding conservation: .* a free page' -- "$bin" run "$tmp/zap.json" --strategy exhaustive --preemption-bound none --plant no-pte-same-recheck --iterations 100000 --quiet --out "$tmp/dp"
check dpor-replay 1 '^replayed bit for bit: conservation' -- "$bin" replay "$tmp/dp/zap-races-hint-fault-full-seed1.trace.json"
check bpor-exhausted 0 '^exhaustive: [0-9]+ runs, space exhausted within preemption bound 2$' -- "$bin" run "$tmp/zap.json" --strategy exhaustive --reduction dpor --quiet
check bpor-planted 1 'finding conservation: .* a free page' -- "$bin" run "$tmp/zap.json" --strategy exhaustive --reduction dpor --plant no-pte-same-recheck --quiet
check reduction-none 0 '^exhaustive: 6300 runs, space exhausted within preemption bound 2$' -- "$bin" run "$tmp/zap.json" --strategy exhaustive --reduction none --quiet
# local steps (in the default reduction) reach every end state the plain
# search reaches, in fewer runs
for r in none sleep; do
	"$bin" run "$tmp/zap.json" --strategy exhaustive --reduction $r --quiet >"$tmp/states-$r.txt" 2>&1
done
check local-steps-states 0 '^4 distinct end state\(s\)$' -- cat "$tmp/states-none.txt"
for r in sleep; do
	if [ "$(grep 'distinct end state' "$tmp/states-none.txt")" = "$(grep 'distinct end state' "$tmp/states-$r.txt")" ] &&
	   [ "$(grep -oE '^exhaustive: [0-9]+ runs' "$tmp/states-$r.txt" | grep -oE '[0-9]+')" -lt 6300 ]; then
		echo "ok - local-steps-$r"
		pass=$((pass + 1))
	else
		echo "not ok - local-steps-$r: $(cat "$tmp/states-$r.txt")"
		fail=$((fail + 1))
	fi
done
# the search does not depend on where the heap lands (ASLR, environment)
thp=$(dirname "$0")/../../scenarios/thp-split-races-hint-fault.json
"$bin" run "$thp" --strategy exhaustive --preemption-bound 1 --quiet >"$tmp/thp1.txt" 2>&1
FAULTSIM_PAD=$(printf '%04096d' 0) "$bin" run "$thp" --strategy exhaustive --preemption-bound 1 --quiet >"$tmp/thp2.txt" 2>&1
check local-steps-deterministic 0 '^exhaustive: [0-9]+ runs, space exhausted' -- cat "$tmp/thp1.txt"
check local-steps-same-search 0 '' -- cmp "$tmp/thp1.txt" "$tmp/thp2.txt"
check reduction-bad 2 '^faultsim: --reduction needs one of none, sleep, dpor$' -- "$bin" run "$tmp/zap.json" --reduction all
check bound-bad 2 '^faultsim: --preemption-bound needs a number in 0\.\.64, or none$' -- "$bin" run "$tmp/zap.json" --preemption-bound all

check sink-bad 2 '^faultsim: --sink needs one of global-array, percpu-ring$' -- "$bin" run "$tmp/toggle-on-damon-hints.json" --sink nope
cp "$mx/report-storm.json" "$tmp/"
check sink-ring 0 '^damon-reports: reported 1536 stored 256 dropped_contended 0 dropped_full 1280 ' -- "$bin" run "$tmp/report-storm.json" --design tagged-pte --sink percpu-ring
check sink-trace 1 "trace: $tmp/sk/" -- "$bin" run "$tmp/toggle-on-damon-hints.json" --design rfc-v2 --sink percpu-ring --strategy random --quiet --out "$tmp/sk"
check sink-trace-design 0 '"sink": "percpu-ring"' -- cat "$tmp/sk/toggle-on-damon-hints-full-seed1.trace.json"
check sink-replay 1 '^replayed bit for bit: routing' -- "$bin" replay "$tmp/sk/toggle-on-damon-hints-full-seed1.trace.json"
sed 's/"sink": "percpu-ring"/"sink": "nope"/' "$tmp/sk/toggle-on-damon-hints-full-seed1.trace.json" > "$tmp/sk/bad.json"
check sink-replay-bad 2 "unknown report sink 'nope'" -- "$bin" replay "$tmp/sk/bad.json"

# a design added in one file is listed and in the matrix
tbin=$1/faultsim-test-design
check test-design-listed 0 '^test-only +A design registered by one file' -- "$tbin" list designs
mkdir -p "$tmp/fam"
cp "$mx/toggle-off-numa-hints.json" "$mx/toggle-on-damon-hints.json" "$tmp/fam/"
check matrix-test-design 0 '^toggle-off-numa-hints +full +pass +FAIL routing +pass' -- "$tbin" matrix --kconfigs full --designs baseline-6.12,rfc-v2,test-only --scenarios "$tmp/fam" --iterations 3 --out "$tmp/m" --quiet
check matrix-md 0 '^\| toggle-on-damon-hints \| full \| n/a \| \[FAIL routing\]\(traces/full/rfc-v2/toggle-on-damon-hints/[^)]*shrunk.json\) \| n/a \|$' -- cat "$tmp/m/matrix.md"
check matrix-html 0 '<th>test-only</th>' -- cat "$tmp/m/matrix.html"
check matrix-md-claims 0 '^- `test-only`: A design registered by one file outside designs/, for the CLI test\. \*Claims:\* It is listed, selectable and in the matrix\.$' -- cat "$tmp/m/matrix.md"
check matrix-shrunk-replays 1 'replayed bit for bit: routing' -- "$tbin" replay "$(ls "$tmp"/m/traces/full/rfc-v2/toggle-on-damon-hints/*.shrunk.json)"
# config neutrality: with CONFIG_DAMON off, rfc-v2 still routes by the
# sysctl and leaves another state than the baseline; guarded does not
"$bin" matrix --kconfigs full,no-damon --designs baseline-6.12,rfc-v2,rfc-v2-guarded --scenarios "$tmp/fam" --iterations 2 --out "$tmp/m3" --quiet > "$tmp/m3.txt" 2>&1
check matrix-neutrality-rfc 0 '^  rfc-v2 +differs from the baseline in: toggle-off-numa-hints$' -- cat "$tmp/m3.txt"
check matrix-neutrality-guarded 0 '^  rfc-v2-guarded +neutral$' -- cat "$tmp/m3.txt"
check matrix-no-damon-routing 0 '^toggle-off-numa-hints +no-damon +pass +FAIL routing +pass' -- cat "$tmp/m3.txt"
check matrix-bad-design 2 "matrix: unknown design 'nope'" -- "$bin" matrix --designs nope --out "$tmp/m2"
check matrix-bad-kconfig 2 "matrix: unknown kconfig 'nope'" -- "$bin" matrix --kconfigs nope --out "$tmp/m2"
mkdir -p "$tmp/empty"
check matrix-no-families 2 'no scenario families' -- "$bin" matrix --scenarios "$tmp/empty" --out "$tmp/m2"
one_line matrix-bad-option "$bin" matrix --frobnicate

a=$("$bin" demo --seed 5 --aggregations 4)
b=$("$bin" demo --seed 5 --aggregations 4)
c=$("$bin" demo --seed 6 --aggregations 4)
if [ "$a" = "$b" ] && [ "$a" != "$c" ]; then
	echo "ok - demo: same seed same output, other seed other output"
	pass=$((pass + 1))
else
	echo "not ok - demo determinism"
	fail=$((fail + 1))
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
