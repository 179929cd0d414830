#!/usr/bin/env bash
# faultsim fuzz end to end (issue 16's done-when, short budget): on
# rfc-v2 and toggle-on-damon-hints it finds the misrouting, writes a
# trace, and the regular binary replays that trace bit for bit; bad
# options give one line and exit 2.
# usage: fuzz_cli.sh FAULTSIM
set -uo pipefail
faultsim=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL $*"; exit 1; }

"$faultsim" fuzz --design rfc-v2 --family toggle-on-damon-hints \
	--time 2s --out "$tmp/out" >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?
cat "$tmp/stdout"
[ $rc -eq 1 ] || fail "fuzz exit $rc, want 1 (a finding)"
grep -q '^finding routing: misrouted' "$tmp/stdout" ||
	fail "no misrouting finding printed"
grep -q 'exec/s' "$tmp/stderr" || fail "no progress lines"
trace=$(ls "$tmp"/out/*.trace.json | head -n 1)
[ -f "$trace" ] || fail "no trace written"
"$faultsim" replay "$trace" >"$tmp/replay" 2>&1
grep -q '^replayed bit for bit: routing: misrouted' "$tmp/replay" ||
	fail "the trace does not replay: $(tail -n 1 "$tmp/replay")"

# the hard planted bug (three preemptions inside the THP split, which
# random needs ~12,000 schedules for): found after ~1,000 executions
# (1-2 s) because faultsim fuzz passes -len_control=0; with libFuzzer's
# slowly growing inputs it took 38,688 (103 s)
src=$(cd "$(dirname "$0")/../.." && pwd)
"$faultsim" fuzz --family "$src/tests/cli/scenarios/split-races-thp-migration.json" \
	--plant thp-split-stale --time 10s --out "$tmp/split" \
	>"$tmp/stdout" 2>"$tmp/stderr"
rc=$?
[ $rc -eq 1 ] || fail "fuzz thp-split-stale: exit $rc, want 1 (a finding)"
grep -q '^finding ' "$tmp/stdout" || fail "thp-split-stale: no finding"
ls "$tmp"/split/*.trace.json >/dev/null 2>&1 ||
	fail "thp-split-stale: no trace written"

# bad input: one line, exit 2
for args in "--family no-such-family" "--family toggle-on-damon-hints --time 0s" \
	"--family toggle-on-damon-hints --engine nope" "--design rfc-v2"; do
	"$faultsim" fuzz $args --out "$tmp/bad" >"$tmp/o" 2>"$tmp/e"
	rc=$?
	[ $rc -eq 2 ] || fail "fuzz $args: exit $rc, want 2"
	[ "$(wc -l < "$tmp/e")" -eq 1 ] || fail "fuzz $args: not one line"
done
# --fuzz-input: a missing file, a --strategy after it
for args in "--fuzz-input $tmp/none" \
	"--fuzz-input $tmp/stdout --strategy random"; do
	"$faultsim" run toggle-on-damon-hints $args >"$tmp/o" 2>"$tmp/e"
	rc=$?
	[ $rc -eq 2 ] || fail "run $args: exit $rc, want 2"
	[ "$(wc -l < "$tmp/e")" -eq 1 ] || fail "run $args: not one line"
done
echo ok
