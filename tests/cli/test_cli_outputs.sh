#!/usr/bin/env bash
# What run and matrix write is never lost or clobbered: an unusable
# --out is refused before the run, with one line, even when the run
# would find nothing; traces of different runs in one directory never
# share a name.  usage: test_cli_outputs.sh BINDIR
. "$(dirname "$0")/lib.sh"

zap=$(dirname "$0")/../../scenarios/zap-races-hint-fault.json
cp "$zap" "$tmp/zap.json"
touch "$tmp/file"

# an unusable --out: a missing parent, a regular file, /proc; no finding
for out in "$tmp/no/such" "$tmp/file" /proc/faultsim-x; do
	name=$(basename "$out")
	check "out-$name" 2 "^faultsim: --out $out: (cannot create it: No such file or directory|not a directory)\$" -- "$bin" run "$tmp/zap.json" --strategy random --iterations 2 --quiet --out "$out"
	one_line "out-$name" "$bin" run "$tmp/zap.json" --strategy random --iterations 2 --quiet --out "$out"
	check "out-in-order-$name" 2 "^faultsim: --out $out: " -- "$bin" run "$tmp/zap.json" --out "$out"
	check "matrix-out-$name" 2 "^faultsim: --out $out: " -- "$bin" matrix --kconfigs full --designs baseline-6.12 --iterations 1 --quiet --out "$out"
done
check out-nothing-made 1 '' -- test -e "$tmp/no"
check out-file-kept 0 '' -- test -f "$tmp/file"
mkdir "$tmp/ro" && chmod 555 "$tmp/ro"
if [ ! -w "$tmp/ro" ]; then	# root writes anywhere
	check out-read-only 2 "^faultsim: --out $tmp/ro: cannot write in it: Permission denied\$" -- "$bin" run "$tmp/zap.json" --strategy random --iterations 2 --quiet --out "$tmp/ro"
fi

# one directory, several runs: each its own trace, none overwritten
d="$tmp/tr"
"$bin" run "$tmp/zap.json" --strategy random --seed 7 --plant no-pte-same-recheck --quiet --out "$d" >/dev/null
first=$(trace_of "$d/zap-races-hint-fault-plant-no-pte-same-recheck-full-random-seed7-*.trace.json")
check first-trace 0 '"seed": 7' -- cat "$first"
sum=$(md5sum < "$first")
"$bin" run "$tmp/zap.json" --strategy pct --seed 7 --plant no-pte-same-recheck --quiet --out "$d" >/dev/null
"$bin" run "$tmp/zap.json" --strategy exhaustive --plant no-pte-same-recheck --quiet --out "$d" >/dev/null
"$bin" run "$tmp/zap.json" --strategy random --seed 7 --iterations 3 --quiet --out "$d" >/dev/null
"$bin" run "$tmp/zap.json" --strategy random --seed 7 --iterations 4 --quiet --out "$d" >/dev/null
"$bin" run "$tmp/zap.json" --strategy random --seed 7 --iterations 3 --granularity locks --quiet --out "$d" >/dev/null
check six-traces 0 '^6$' -- sh -c "ls '$d' | grep -c '\\.trace\\.json\$'"
check names-by-strategy 0 'pct-seed7-[0-9a-f]{16}\.trace\.json' -- ls "$d"
check names-last 0 'baseline-6\.12-full-random-seed7-[0-9a-f]{16}-last\.trace\.json' -- ls "$d"
check first-kept 0 "^$sum\$" -- sh -c "md5sum < '$first'"
# the same run again: the same trace, under the same name
"$bin" run "$tmp/zap.json" --strategy random --seed 7 --plant no-pte-same-recheck --quiet --out "$d" >/dev/null
check same-run-same-name 0 '^6$' -- sh -c "ls '$d' | grep -c '\\.trace\\.json\$'"
check every-trace-replays 0 '^6$' -- sh -c "for f in '$d'/*.trace.json; do '$bin' replay \"\$f\"; done | grep -c '^replayed bit for bit'"

summary
