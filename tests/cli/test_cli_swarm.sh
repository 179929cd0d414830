#!/usr/bin/env bash
# run --swarm (docs/scenarios.md "swarm"): the parameters a family's
# "swarm" block ranges over, derived from the seed, printed in one line,
# recorded in the trace, replayed; the block checked strictly.
# usage: test_cli_swarm.sh BINDIR
. "$(dirname "$0")/lib.sh"

fam=$(dirname "$0")/../../scenarios/matrix/toggle-on-damon-hints.json
cp "$fam" "$tmp/t.json"
run() {	# run SEED DIR: a random run of the swarm, its trace in DIR
	"$bin" run "$tmp/t.json" --design rfc-v2 --swarm --seed "$1" --strategy random --iterations 1 --quiet --out "$2"
}
check line 1 '^swarm \(seed 1\): node_pages=[0-9]+ pages=[1-4] to=[123]$' -- run 1 "$tmp/a"
s1=$(run 1 "$tmp/a" | grep '^swarm')
s2=$(run 2 "$tmp/b" | grep '^swarm')
check seeds-differ 0 '^$' -- test "${s1#*: }" != "${s2#*: }"
run 1 "$tmp/a2" >/dev/null
t1=$(trace_of "$tmp/a/*.trace.json")
t1b=$(trace_of "$tmp/a2/*.trace.json")
check same-seed-same-trace 0 '^$' -- cmp "$t1" "$t1b"
np=$(sed -n 's/.*node_pages=\([0-9]*\).*/\1/p' <<<"$s1")
check trace-params 0 "\"node_pages\": \"$np\"" -- cat "$t1"
check replay 1 '^replayed bit for bit: routing' -- "$bin" replay "$t1"
# an explicit --param wins over the swarm
check param-wins 1 '^swarm \(seed 1\): node_pages=[0-9]+ to=[123]$' -- "$bin" run "$tmp/t.json" --design rfc-v2 --swarm --param pages=2
# the block, strictly
printf '%s\n' '{"faultsim_scenario": 1, "name": "n", "params": {"a": 1, "s": "x"},' \
	'"machine": {"nodes": [{"id": 0, "pages": 64}], "cpus": [{"id": 0, "node": 0}]},' \
	'"tasks": [{"name": "m", "cpu": 0}], "swarm": SWARM}' > "$tmp/base.json"
sw() {	# sw NAME REGEX SWARM
	sed "s/SWARM/$3/" "$tmp/base.json" > "$tmp/$1.json"
	check "$1" 2 "$2" -- "$bin" run "$tmp/$1.json" --swarm
}
sw not-param 'swarm.b: not a parameter' '{"b": {"min": 1, "max": 2}}'
sw min-above-max 'swarm.a: min 3 is above max 2' '{"a": {"min": 3, "max": 2}}'
sw both 'swarm.a: either "min" and "max" or "one_of", not both' '{"a": {"min": 1, "max": 2, "one_of": [1]}}'
sw range-on-string 'swarm.s: "min"/"max" range over an integer parameter' '{"s": {"min": 1, "max": 2}}'
sw one-of-type 'swarm.s: one_of\[1\]: expected a string' '{"s": {"one_of": ["y", 2]}}'
sw unknown-key 'swarm.a.step: unknown key \(one of: min, max, one_of\)' '{"a": {"min": 1, "max": 2, "step": 1}}'
sw not-object 'swarm: expected an object of ranges' '[1]'
# "if": a list element a boolean parameter keeps or drops (the node
# count, the actors); a CPU left on a dropped node shows it is gone
printf '%s\n' '{"faultsim_scenario": 1, "name": "n", "params": {"n": true},' \
	'"machine": {"nodes": [{"id": 0, "pages": 64}, {"id": 1, "pages": 64, "if": "$n"}],' \
	'"cpus": [{"id": 0, "node": 0}, {"id": 1, "node": 1}]}, "tasks": [{"name": "m", "cpu": 0}]}' > "$tmp/if.json"
check if-kept 0 '' -- "$bin" run "$tmp/if.json" --quiet --out "$tmp/if"
check if-dropped 2 'cpus\[1\]\.node' -- "$bin" run "$tmp/if.json" --param n=false
sed 's/"if": "\$n"/"if": 1/' "$tmp/if.json" > "$tmp/if-bad.json"
check if-not-boolean 2 'machine\.nodes\[1\]\.if: expected a boolean \(or a boolean parameter\), got' -- "$bin" run "$tmp/if-bad.json"
# each built-in family with a block: a few seeds run (a finding or
# none), and replay
ok01() {	# ok01 CMD...: CMD's exit status 0 or 1 (a finding) as 0
	"$@"
	local s=$?
	[ "$s" -le 1 ] || return "$s"
}
for f in toggle-on-damon-hints toggle-off-numa-hints damon-and-scanner damon-accuracy hint-vs-dontneed; do
	for seed in 1 2 3; do
		d=$tmp/fam-$f-$seed
		check "swarm-$f-$seed" 0 '^swarm \(seed '"$seed"'\): ' -- ok01 "$bin" run "$(dirname "$0")/../../scenarios/matrix/$f.json" --design rfc-v2 --swarm --seed "$seed" --strategy random --iterations 2 --out "$d"
		check "swarm-$f-$seed-replay" 0 '^replayed bit for bit' -- ok01 "$bin" replay "$(trace_of "$d/*.trace.json")"
	done
done
check no-swarm 2 '^faultsim: --swarm: scenario inject-migrate derives nothing' -- "$bin" run "$(dirname "$0")/scenarios/inject-migrate.json" --swarm

summary
