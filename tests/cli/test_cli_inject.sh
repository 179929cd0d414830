#!/usr/bin/env bash
# Injected failures (run --inject, docs/scenarios.md "Injected
# failures"): the list, the errors, each kind taken under exhaustive with
# the oracles quiet, a leak planted on an injected-failure path caught,
# replay of an injected run.  usage: test_cli_inject.sh BINDIR
. "$(dirname "$0")/lib.sh"

sc=$(dirname "$0")/scenarios
mig=$sc/inject-migrate.json
sink=$sc/inject-sink.json

check list 0 '^migrate_target +mm/migrate.c:alloc_misplaced_dst_folio: ' -- "$bin" list injections
check list-count 0 '^4$' -- bash -c "'$bin' list injections | wc -l"
check unknown 2 "^faultsim: --inject: unknown injection 'nope' \(faultsim list injections\)\$" -- "$bin" run "$mig" --inject slab,nope
one_line unknown "$bin" run "$mig" --inject nope
check not-allowed 2 '^faultsim: --inject sink_trylock: scenario inject-migrate does not allow it \(its "injections": slab,folio_isolate,migrate_target\)$' -- "$bin" run "$mig" --inject sink_trylock
one_line not-allowed "$bin" run "$mig" --inject sink_trylock
# the scenario's list, strictly
sed 's/"injections": \["folio_isolate", "migrate_target", "slab"\]/"injections": ["slab", "slabb"]/' "$mig" > "$tmp/typo.json"
check scn-unknown 2 'injections\[1\]: unknown injection "slabb"; did you mean "slab"\?' -- "$bin" run "$tmp/typo.json"
sed 's/"injections": \["folio_isolate", "migrate_target", "slab"\]/"injections": ["slab", "slab"]/' "$mig" > "$tmp/twice.json"
check scn-twice 2 'injections\[1\]: "slab" is listed twice' -- "$bin" run "$tmp/twice.json"
# in order nothing fails; under exhaustive each kind is taken (a second
# end state: not migrated, or the report dropped) and no oracle fires
check fifo-nothing-fails 0 '^injected: failed none; armed folio_isolate,migrate_target, 2 choices$' -- "$bin" run "$mig" --inject folio_isolate,migrate_target
for k in folio_isolate migrate_target; do
	check "exhaustive-$k" 0 '^2 distinct end state' -- "$bin" run "$mig" --strategy exhaustive --inject "$k" --quiet
done
# two slab allocations in the steps: either may fail
check exhaustive-slab 0 '^3 distinct end state' -- "$bin" run "$mig" --strategy exhaustive --inject slab --quiet
check exhaustive-sink_trylock 0 '^2 distinct end state' -- "$bin" run "$sink" --design rfc-v2 --strategy exhaustive --inject sink_trylock --quiet
check exhaustive-all-optimal 0 '^3 distinct end state' -- "$bin" run "$mig" --strategy exhaustive --preemption-bound none --inject folio_isolate,migrate_target --quiet
# a slab failure inside damon_start fails the step with -ENOMEM (not a
# scenario error) and the run goes on: the exhaustive search fails each
# of its allocations in turn (an injection is a preemption: bound 1)
# with no finding; the line names the failed allocation
dst=$sc/inject-damon-start.json
check damon-start-enomem 0 'no finding' -- "$bin" run "$dst" --design tagged-pte --strategy exhaustive --preemption-bound 1 --inject slab --quiet
for s in 1 2 3 4 5 6 7 8; do
	"$bin" run "$dst" --design tagged-pte --strategy random --seed "$s" --iterations 1 --inject slab --quiet --out "$tmp/ds$s" >/dev/null
	"$bin" replay "$(trace_of "$tmp/ds$s/*.trace.json")"
done > "$tmp/ds.out" 2>&1
check damon-start-enomem-line 0 '^steps\[0\]: damon_start returned -12: damon_new_ctx\(\): out of memory$' -- cat "$tmp/ds.out"
check damon-start-enomem-replays 0 '^8$' -- grep -c '^replayed bit for bit$' "$tmp/ds.out"
# the schedule records the choice: a random run that dropped a report replays so
check random-found 0 'no finding' -- "$bin" run "$sink" --design rfc-v2 --strategy random --seed 2 --iterations 1 --inject sink_trylock --quiet --out "$tmp/r"
rtr=$(trace_of "$tmp/r/inject-sink-rfc-v2-full-random-seed2-*-last.trace.json")
check trace-inject 0 '"inject": "sink_trylock"' -- cat "$rtr"
check replay-injected 0 '^injected: failed sink_trylock; ' -- "$bin" replay "$rtr"
check replay-dropped 0 'dropped_contended 1 ' -- "$bin" replay "$rtr"
check replay-bit-for-bit 0 '^replayed bit for bit$' -- "$bin" replay "$rtr"
# same seed, same binary: the same trace
for d in d1 d2; do
	"$bin" run "$mig" --strategy random --seed 5 --iterations 20 --inject slab,folio_isolate,migrate_target --quiet --out "$tmp/$d" >/dev/null
done
check deterministic 0 '^$' -- cmp "$(trace_of "$tmp/d1/*.trace.json")" "$(trace_of "$tmp/d2/*.trace.json")"
# a leak planted on the failure path: conservation catches it, the trace
# replays and shrinks; without the injection the plant is harmless
check plant-quiet 0 'no finding' -- "$bin" run "$mig" --strategy exhaustive --plant migrate-fail-leak --quiet
check plant-found 1 'finding conservation: folio 0x[0-9a-f]+: refcount 2, 1 mappings hold references' -- "$bin" run "$mig" --strategy exhaustive --inject migrate_target --plant migrate-fail-leak --quiet --out "$tmp/pl"
ptr=$(trace_of "$tmp/pl/inject-migrate-plant-migrate-fail-leak-full-exhaustive-seed1-*.trace.json")
check plant-replay 1 '^replayed bit for bit: conservation' -- "$bin" replay "$ptr"
check plant-shrink 0 '^shrunk in [0-9]+ replays' -- "$bin" shrink "$ptr" -o "$tmp/pl/small.json"
check plant-shrink-replay 1 '^replayed bit for bit: conservation' -- "$bin" replay "$tmp/pl/small.json"
# the leak oracle: a slab object the failure path forgets is named with
# its cache, size and allocating kernel function; the trace replays;
# without the injection the plant is harmless
check slab-plant-quiet 0 'no finding' -- "$bin" run "$mig" --strategy exhaustive --plant slab-fail-leak --quiet
check slab-plant-found 1 '^finding leak: kmalloc object of 64 bytes allocated in handle_pte_fault \(allocation [0-9]+\) still live at the end of the run' -- "$bin" run "$mig" --strategy exhaustive --inject slab --plant slab-fail-leak --quiet --out "$tmp/sl"
str=$(trace_of "$tmp/sl/inject-migrate-plant-slab-fail-leak-full-exhaustive-seed1-*[0-9a-f].trace.json")
check slab-plant-replay 1 '^replayed bit for bit: leak' -- "$bin" replay "$str"
check slab-unplanted-quiet 0 'no finding' -- "$bin" run "$mig" --strategy exhaustive --inject slab --quiet
# a trace whose scenario does not allow what it armed is refused
sed 's/"inject": "migrate_target"/"inject": "sink_trylock"/' "$ptr" > "$tmp/pl/bad.json"
check replay-not-allowed 2 'inject: sink_trylock: scenario inject-migrate does not allow it' -- "$bin" replay "$tmp/pl/bad.json"
# matrix --inject: each family arms the kinds it allows of those given
mkdir -p "$tmp/fam"
cp "$mig" "$sink" "$tmp/fam/"
check matrix 0 '^inject-sink +full +n/a +pass' -- "$bin" matrix --scenarios "$tmp/fam" --designs baseline-6.12,rfc-v2 --kconfigs full --strategy exhaustive --inject sink_trylock,migrate_target --out "$tmp/mx" --quiet
check matrix-migrate 0 '"inject": "migrate_target"' -- cat "$(trace_of "$tmp/mx/traces/full/rfc-v2/inject-migrate/inject-migrate-rfc-v2-*-last.trace.json")"
check matrix-sink 0 '"inject": "sink_trylock"' -- cat "$(trace_of "$tmp/mx/traces/full/rfc-v2/inject-sink/inject-sink-rfc-v2-*-last.trace.json")"
check matrix-unknown 2 "^faultsim: --inject: unknown injection 'bogus'" -- "$bin" matrix --inject bogus

# the matrix families list only kinds their paths reach: an in-order run
# armed with one passes at least one of its sites (baseline or RFC v2)
sites() {	# sites FAMILY KIND: the most choices an in-order run makes
	local d n best=0
	for d in baseline-6.12 rfc-v2; do
		n=$("$bin" run "$1" --design "$d" --inject "$2" 2>/dev/null |
			sed -n 's/^injected: .*, \([0-9]*\) choices$/\1/p')
		[ "${n:-0}" -gt "$best" ] && best=$n
	done
	echo "$best"
}
listed=0
for f in "$(dirname "$0")"/../../scenarios/matrix/*.json; do
	for k in $(python3 -c 'import json, sys; print(" ".join(json.load(open(sys.argv[1])).get("injections", [])))' "$f"); do
		listed=$((listed + 1))
		check "family-reaches-$(basename "$f" .json)-$k" 0 '^[1-9][0-9]*$' -- sites "$f" "$k"
	done
done
check families-list-injections 0 '^$' -- test "$listed" -ge 10
# the unplanted build leaks nothing over every matrix family with its
# injections (random schedules under tagged-pte, which passes them all,
# so every schedule runs; the matrix sweeps more, docs/model.md)
for f in "$(dirname "$0")"/../../scenarios/matrix/*.json; do
	k=$(python3 -c 'import json, sys; print(",".join(json.load(open(sys.argv[1])).get("injections", [])))' "$f")
	[ -n "$k" ] || continue
	check "no-leak-$(basename "$f" .json)" 0 '^$' -- bash -c "'$bin' run '$f' --design tagged-pte --inject $k --strategy random --iterations 5 --quiet --out '$tmp/nl' 2>&1 | grep '^finding leak' || true"
done

summary
