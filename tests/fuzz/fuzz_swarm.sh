#!/usr/bin/env bash
# The fuzzer's input picks the scenario's parameters and injections
# (docs/fuzzing.md "Parameters and injections from the input"): with
# --swarm, run --fuzz-input reads the swarm block's ranges, then the
# injection bits, then the schedule; without it the input is all
# schedule, as before.  faultsim fuzz --swarm arms an injection by
# itself and finds a leak planted on its failure path, which no run
# without it can reach; its trace records the params and replays.
# usage: fuzz_swarm.sh FAULTSIM SCENARIO_DIR
set -uo pipefail
faultsim=$1
mig=$2/inject-migrate.json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL $*"; exit 1; }

# line KEY BYTES [run args...]: the "swarm (fuzz input)" line
line() {
	local bytes=$1 out
	shift
	printf "$bytes" > "$tmp/in"
	out=$("$faultsim" run "$@" --fuzz-input "$tmp/in" --swarm --quiet \
		2>&1) || true
	grep '^swarm (fuzz input): ' <<<"$out" | sed 's/^swarm (fuzz input): //'
}
want() { [ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"; }

# node_pages {1024..8192}: 2 bytes; pages {1..4}, to one_of [1,2,3]: 1
want zeros "$(line '\x00\x00\x00\x00' toggle-on-damon-hints)" \
	"node_pages=1024 pages=1 to=1 inject=none"
# 0x1fff % 7169 = 1022; 3 % 4 = 3; 2 % 3 = 2
want bytes "$(line '\xff\x1f\x03\x02' toggle-on-damon-hints)" \
	"node_pages=2046 pages=4 to=3 inject=none"
# past the input's end: zeros
want short "$(line '\x05' toggle-on-damon-hints)" \
	"node_pages=1029 pages=1 to=1 inject=none"
# --param wins and its bytes stay its own: "to" still reads byte 3
want param "$(line '\x00\x00\x03\x02' toggle-on-damon-hints --param pages=2)" \
	"node_pages=1024 to=3 inject=none"
# injections: bit k arms the k-th the scenario allows (kind order)
want inj-none "$(line '\x00' "$mig")" "inject=none"
want inj-mt "$(line '\x04' "$mig")" "inject=migrate_target"
want inj-all "$(line '\xff' "$mig")" "inject=slab,folio_isolate,migrate_target"
# --inject narrows the choice to its kinds
want inj-narrow "$(line '\x04' "$mig" --inject slab)" "inject=none"
want inj-narrow1 "$(line '\x01' "$mig" --inject slab,migrate_target)" \
	"inject=slab"
want inj-narrow2 "$(line '\x02' "$mig" --inject slab,migrate_target)" \
	"inject=migrate_target"
# without --swarm no byte is the swarm's: the schedule reads them all
printf '\x04' > "$tmp/in"
"$faultsim" run "$mig" --fuzz-input "$tmp/in" --quiet > "$tmp/o" 2>&1
grep -q '^swarm' "$tmp/o" && fail "a swarm line without --swarm"

# faultsim fuzz --swarm arms migrate_target itself and finds the leak
"$faultsim" fuzz --plant migrate-fail-leak --family "$mig" --swarm \
	--time 6s --out "$tmp/out" >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?
cat "$tmp/stdout"
[ $rc -eq 1 ] || fail "fuzz --swarm exit $rc, want 1 (a finding)"
grep -q '^finding conservation: ' "$tmp/stdout" || fail "no leak found"
[ -d "$tmp/out/run-migrate-fail-leak-swarm/corpus" ] ||
	fail "no corpus of its own"
trace=$(ls "$tmp"/out/*.trace.json | head -n 1)
[ -f "$trace" ] || fail "no trace written"
grep -q '"inject": "[a-z_,]*migrate_target' "$trace" ||
	fail "the trace does not record the injection"
"$faultsim" replay "$trace" >"$tmp/replay" 2>&1
grep -q '^replayed bit for bit: conservation' "$tmp/replay" ||
	fail "the trace does not replay: $(tail -n 1 "$tmp/replay")"
# without --swarm nothing is armed: the plant is harmless
"$faultsim" fuzz --plant migrate-fail-leak --family "$mig" \
	--time 2s --out "$tmp/out0" >"$tmp/stdout0" 2>/dev/null
rc=$?
[ $rc -eq 0 ] || fail "fuzz without --swarm: exit $rc, want 0"
echo ok
