#!/usr/bin/env bash
# The result files faultsim run and faultsim matrix write match
# docs/results.schema.json (python3-jsonschema, from scripts/setup.sh;
# skipped, exit 77, without it), and a file that breaks it is caught.
# usage: test_results_schema.sh BINDIR SCHEMA
. "$(dirname "$0")/lib.sh"
schema=$2
if ! python3 -c 'import jsonschema' 2>/dev/null; then
	echo "skipped: python3-jsonschema is not installed (scripts/setup.sh installs it)"
	exit 77
fi

validate() {	# validate FILE...: "valid" or the first error
	python3 - "$schema" "$@" <<'PY'
import json, sys
from jsonschema import Draft202012Validator
schema = json.load(open(sys.argv[1]))
Draft202012Validator.check_schema(schema)
v = Draft202012Validator(schema)
for path in sys.argv[2:]:
    errors = sorted(v.iter_errors(json.load(open(path))), key=str)
    if errors:
        e = errors[0]
        print("%s: %s at %s" % (path, e.message, "/".join(map(str, e.absolute_path))))
        sys.exit(1)
print("valid")
PY
}

plant=(zap-races-hint-fault --plant no-pte-same-recheck --strategy random)
mkdir -p "$tmp/t"
"$bin" run "${plant[@]}" --result "$tmp/finding.json" --out "$tmp/t" > /dev/null
"$bin" run two-faults-one-hint --strategy pct --iterations 20 --result "$tmp/clean.json" --out "$tmp/t" > /dev/null
"$bin" run hint-vs-dontneed --strategy random --iterations 30 --shard 2/3 --param zapped=8K --result "$tmp/shard.json" > /dev/null 2>&1
mx=$(dirname "$0")/../../scenarios/matrix
mkdir -p "$tmp/fam"
cp "$mx/toggle-on-damon-hints.json" "$tmp/fam/"
"$bin" matrix --kconfigs full --designs baseline-6.12,rfc-v2 --scenarios "$tmp/fam" --iterations 2 --quiet --out "$tmp/m" --shard 1/2 --result "$tmp/matrix.json" > /dev/null
check schema-run-finding 0 '^valid$' -- validate "$tmp/finding.json"
check schema-run-finding-stop 0 '"stop": \{' -- cat "$tmp/finding.json"
check schema-run-clean 0 '^valid$' -- validate "$tmp/clean.json"
check schema-run-clean-last 0 '"trace": ".*-last.trace.json"' -- cat "$tmp/clean.json"
check schema-run-shard 0 '^valid$' -- validate "$tmp/shard.json"
check schema-run-shard-params 0 '"zapped": "8K"' -- cat "$tmp/shard.json"
check schema-matrix 0 '^valid$' -- validate "$tmp/matrix.json"
inject_of() {	# inject_of FILE: the matrix options' "inject", as JSON
	python3 -c 'import json, sys; print(json.dumps(json.load(open(sys.argv[1]))["options"]["inject"]))' "$1"
}
check schema-matrix-no-inject 0 '^\[\]$' -- inject_of "$tmp/matrix.json"
# matrix --inject: recorded in the result file and said in the pages' header
ij=$(dirname "$0")/scenarios
mkdir -p "$tmp/ifam"
cp "$ij/inject-sink.json" "$ij/inject-migrate.json" "$tmp/ifam/"
"$bin" matrix --kconfigs full --designs rfc-v2 --scenarios "$tmp/ifam" --strategy exhaustive --inject sink_trylock,slab --quiet --out "$tmp/mi" --result "$tmp/matrix-inject.json" > /dev/null
check schema-matrix-inject 0 '^valid$' -- validate "$tmp/matrix-inject.json"
check matrix-inject-recorded 0 '^\["slab", "sink_trylock"\]$' -- inject_of "$tmp/matrix-inject.json"
check matrix-md-inject 0 '^Injected failures \(`--inject`\): slab,sink_trylock, each in' -- cat "$tmp/mi/matrix.md"
check matrix-html-inject 0 '<p id="inject">Injected failures \(<code>--inject</code>\): slab,sink_trylock, each' -- cat "$tmp/mi/matrix.html"
# a merge keeps it (the pages it writes say it again) ...
check matrix-merge-inject 0 '' -- "$bin" merge "$tmp/matrix-inject.json" --out "$tmp/mi2"
check matrix-merge-md-inject 0 '^Injected failures \(`--inject`\): slab,sink_trylock, each in' -- cat "$tmp/mi2/matrix.md"
# ... and refuses shards armed differently
"$bin" matrix --kconfigs full --designs rfc-v2 --scenarios "$tmp/ifam" --strategy exhaustive --inject sink_trylock --quiet --out "$tmp/mj" --shard 1/2 --result "$tmp/mj1.json" > /dev/null
"$bin" matrix --kconfigs full --designs rfc-v2 --scenarios "$tmp/ifam" --strategy exhaustive --quiet --out "$tmp/mj" --shard 2/2 --result "$tmp/mj2.json" > /dev/null
check matrix-merge-inject-differs 2 'inject' -- "$bin" merge "$tmp/mj1.json" "$tmp/mj2.json"
"$bin" matrix --kconfigs full --designs rfc-v2 --scenarios "$tmp/ifam" --strategy exhaustive --quiet --out "$tmp/mn" > /dev/null
check matrix-md-no-inject 0 '^Injected failures \(`--inject`\): none\.$' -- cat "$tmp/mn/matrix.md"
sed 's/"sink_trylock"/"sink_lock"/' "$tmp/matrix-inject.json" > "$tmp/bad-inject.json"
check schema-catches-inject 1 "'sink_lock' is not one of" -- validate "$tmp/bad-inject.json"
# --json: the other name of --result; list --json, each list, the text kept
"$bin" run two-faults-one-hint --strategy pct --iterations 20 --json "$tmp/clean2.json" --out "$tmp/t" > /dev/null
check schema-run-json-alias 0 '^same$' -- bash -c "cmp '$tmp/clean.json' '$tmp/clean2.json' && echo same"
lists=(kconfigs scenarios designs oracles)
for what in "${lists[@]}"; do
	"$bin" list "$what" --json "$tmp/list-$what.json" > "$tmp/list-$what.txt"
	"$bin" list "$what" > "$tmp/list-$what.plain"
done
check schema-list 0 '^valid$' -- validate "$tmp"/list-{kconfigs,scenarios,designs,oracles}.json
check list-text-kept 0 '^same$' -- bash -c "for w in ${lists[*]}; do
	cmp '$tmp/list-'\$w.txt '$tmp/list-'\$w.plain || exit 1; done; echo same"
# the items are the text's names, in its order (kconfigs: one line)
check list-items 0 '^same$' -- python3 -c '
import json, sys
for w in sys.argv[2:]:
    j = [i["name"] for i in json.load(open("%s/list-%s.json" % (sys.argv[1], w)))["result"]["items"]]
    t = open("%s/list-%s.txt" % (sys.argv[1], w)).read().split()
    t = t if w == "kconfigs" else [l.split()[0] for l in open("%s/list-%s.txt" % (sys.argv[1], w))]
    if j != t:
        sys.exit("%s: json %s, text %s" % (w, j, t))
print("same")' "$tmp" "${lists[@]}"
mkdir "$tmp/adir"
check list-json-dir 2 '^faultsim: --json .*not a regular file' -- "$bin" list oracles --json "$tmp/adir"
check list-json-merge 2 '' -- "$bin" merge "$tmp/list-oracles.json"
# --json of replay, shrink, kunit, a run in order and an exhaustive
# search that cannot be split (one process, written whole): each valid,
# each saying what the text says
ftr=$(ls "$tmp"/t/zap-races-hint-fault-plant-no-pte-same-recheck-full-random-seed1-*.trace.json | head -1)
"$bin" replay "$ftr" --json "$tmp/replay.json" > "$tmp/replay.txt"
check schema-replay 0 '^valid$' -- validate "$tmp/replay.json"
check replay-json-outcome 0 '"outcome": "bit_for_bit"' -- cat "$tmp/replay.json"
check replay-json-status 0 '"status": 1,' -- cat "$tmp/replay.json"
check replay-json-report 0 '^same$' -- python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["result"]
t = open(sys.argv[2]).read()
print("same" if t.startswith(r["report"]) and r["trace_hash"] == r["recorded_hash"] else "differs")' "$tmp/replay.json" "$tmp/replay.txt"
"$bin" shrink "$ftr" -o "$tmp/t/small.json" --json "$tmp/shrink.json" > "$tmp/shrink.txt"
check schema-shrink 0 '^valid$' -- validate "$tmp/shrink.json"
check shrink-json-counts 0 '^same$' -- python3 -c '
import json, re, sys
r = json.load(open(sys.argv[1]))["result"]
m = re.search(r"shrunk in (\d+) replays: (\d+) -> (\d+) preemptions, (\d+) -> (\d+) actors, (\d+) -> (\d+) choices", open(sys.argv[2]).read())
j = [r[k] for k in ("replays", "preemptions_before", "preemptions_after", "actors_before", "actors_after", "choices_before", "choices_after")]
print("same" if m and list(map(int, m.groups())) == j and r["hint"] is None and not r["hinted"] else "differs %s %s" % (j, m and m.groups()))' "$tmp/shrink.json" "$tmp/shrink.txt"
"$bin" kunit --json "$tmp/kunit.json" > "$tmp/kunit.txt"
check schema-kunit 0 '^valid$' -- validate "$tmp/kunit.json"
check kunit-json-counts 0 '^same$' -- python3 -c '
import json, re, sys
r = json.load(open(sys.argv[1]))["result"]
t = re.findall(r"^# (\S+): pass:(\d+) fail:(\d+) skip:(\d+) total:(\d+)$", open(sys.argv[2]).read(), re.M)
j = [(s["name"], s["pass"], s["fail"], s["skip"], s["total"]) for s in r["suites"]]
t = [(n, int(p), int(f), int(k), int(a)) for n, p, f, k, a in t if n != "Totals"]
print("same" if j == t and r["pass"] == sum(x[1] for x in j) and r["suites"] and r["booted"] else "differs %s %s" % (j, t))' "$tmp/kunit.json" "$tmp/kunit.txt"
"$bin" kunit --kconfig no-damon --json "$tmp/kunit-nd.json" > /dev/null
check schema-kunit-no-damon 0 '^valid$' -- validate "$tmp/kunit-nd.json"
check kunit-json-skipped 0 '"skipped": true' -- cat "$tmp/kunit-nd.json"
"$bin" run hint-read-fault --json "$tmp/fifo.json" > "$tmp/fifo.txt"
"$bin" run hint-read-fault > "$tmp/fifo.plain"
check schema-run-fifo 0 '^valid$' -- validate "$tmp/fifo.json"
check run-fifo-text-kept 0 '^$' -- cmp "$tmp/fifo.txt" "$tmp/fifo.plain"
check run-fifo-json 0 '"strategy": "fifo"' -- cat "$tmp/fifo.json"
check run-fifo-merge 2 '^faultsim: merge: a run in order is one run' -- "$bin" merge "$tmp/fifo.json"
"$bin" run thp-pmd-hint --kconfig no-thp --strategy exhaustive --json "$tmp/whole.json" > "$tmp/whole.txt" 2>&1
check schema-run-whole 0 '^valid$' -- validate "$tmp/whole.json"
check run-whole-one-subtree 0 '"subtrees": 1,' -- cat "$tmp/whole.json"
check run-whole-skipped 0 '"skipped": true' -- cat "$tmp/whole.json"
check run-whole-merge 0 '^split: 1 subtree' -- "$bin" merge "$tmp/whole.json"
check run-whole-shard 2 'the search cannot be split' -- "$bin" run thp-pmd-hint --kconfig no-thp --strategy exhaustive --shard 1/2 --json "$tmp/whole2.json"
# the schema does catch a file that breaks it
sed 's/"kind": "pass"/"kind": "passed"/' "$tmp/matrix.json" > "$tmp/bad.json"
check schema-catches 1 "'passed' is not one of" -- validate "$tmp/bad.json"
sed 's/"faultsim_results": 1/"faultsim_results": 2/' "$tmp/clean.json" > "$tmp/bad2.json"
check schema-catches-version 1 "1 was expected" -- validate "$tmp/bad2.json"

summary
