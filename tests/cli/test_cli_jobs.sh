#!/usr/bin/env bash
# faultsim run --jobs and --shard, faultsim merge: the same output for
# any number of workers and shards as one process gives (findings, end
# states, traces, stderr, exit status), and merge's one-line refusals.
# usage: test_cli_jobs.sh BINDIR
. "$(dirname "$0")/lib.sh"

# out NAME CMD...: stdout, then stderr, then the status, into $tmp/NAME
# (the directory given to --out reads OUT)
out() {
	local name=$1
	shift
	"$@" > "$tmp/$name.out" 2> "$tmp/$name.err"
	echo "exit $?" >> "$tmp/$name.out"
	sed -i "s|$tmp/[a-z0-9-]*-traces|OUT|g" "$tmp/$name.out"
}

same() {	# same NAME A B: the two outputs are one
	check "$1" 0 '^$' -- diff "$tmp/$2.out" "$tmp/$3.out"
	check "$1-stderr" 0 '^$' -- diff "$tmp/$2.err" "$tmp/$3.err"
}

plant=(zap-races-hint-fault --plant no-pte-same-recheck)
clean=(two-faults-one-hint --iterations 150)
for st in random pct; do
	for case in plant clean; do
		eval "args=(\"\${$case[@]}\")"
		for j in 1 2 3; do
			mkdir -p "$tmp/$st-$case-$j-traces"
			out "$st-$case-$j" "$bin" run "${args[@]}" --strategy $st --quiet --jobs $j --out "$tmp/$st-$case-$j-traces"
		done
		same "$st-$case-jobs2" "$st-$case-1" "$st-$case-2"
		same "$st-$case-jobs3" "$st-$case-1" "$st-$case-3"
		check "$st-$case-traces" 0 '^$' -- diff <(ls "$tmp/$st-$case-1-traces") <(ls "$tmp/$st-$case-3-traces")
		# three shards (each with two workers), merged in any order
		mkdir -p "$tmp/$st-$case-s-traces"
		for k in 1 2 3; do
			"$bin" run "${args[@]}" --strategy $st --quiet --jobs 2 --shard $k/3 --result "$tmp/$st-$case-$k.json" --out "$tmp/$st-$case-s-traces" > /dev/null 2>&1
		done
		out "$st-$case-merged" "$bin" merge "$tmp/$st-$case-3.json" "$tmp/$st-$case-1.json" "$tmp/$st-$case-2.json"
		same "$st-$case-merge" "$st-$case-1" "$st-$case-merged"
	done
done
# the end-state sets themselves, digest by digest (and the first
# schedule that reached each), not only their number
states() {	# states FILE...: the end states before the stop, merged
	python3 -c '
import json, sys
stop, first = None, {}
for path in sys.argv[1:]:
    r = json.load(open(path))["result"]
    if r["stop"] and (stop is None or r["stop"]["index"] < stop):
        stop = r["stop"]["index"]
    for s in r["end_states"]:
        first[s["digest"]] = min(first.get(s["digest"], s["first"]), s["first"])
for d in sorted(first):
    if stop is None or first[d] < stop:
        print(d, first[d])' "$@"
}
for st in random pct; do
	for j in 1 3; do
		"$bin" run "${clean[@]}" --strategy $st --quiet --jobs $j --result "$tmp/states-$st-$j.json" > /dev/null
		"$bin" run "${plant[@]}" --strategy $st --quiet --jobs $j --result "$tmp/states-plant-$st-$j.json" > /dev/null
	done
	check "jobs-$st-state-set" 0 '^$' -- diff <(states "$tmp/states-$st-1.json") <(states "$tmp/states-$st-3.json")
	check "jobs-$st-state-set-n" 0 '^[1-9]' -- wc -l < <(states "$tmp/states-$st-3.json")
	check "jobs-$st-state-set-stop" 0 '^$' -- diff <(states "$tmp/states-plant-$st-1.json") <(states "$tmp/states-plant-$st-3.json")
	check "jobs-$st-state-set-shards" 0 '^$' -- diff <(states "$tmp/states-$st-1.json") <(states "$tmp/$st-clean"-[123].json)
	check "jobs-$st-state-set-shards-stop" 0 '^$' -- diff <(states "$tmp/states-plant-$st-1.json") <(states "$tmp/$st-plant"-[123].json)
done
check jobs-finding 0 '^schedule [0-9]+ of strategy random \(seed 1\) fails$' -- cat "$tmp/random-plant-2.out"
check jobs-finding-trace 0 '^trace: OUT/zap-races-hint-fault-plant-no-pte-same-recheck-full-random-seed1-[0-9a-f]{16}.trace.json' -- cat "$tmp/random-plant-3.out"
check jobs-states 0 '^150 schedule\(s\) under pct \(seed 1\): no finding$' -- cat "$tmp/pct-clean-3.out"
check jobs-states-count 0 '^[1-9][0-9]* distinct end state\(s\)$' -- cat "$tmp/pct-clean-3.out"
check jobs-last-trace 0 '^trace of the last schedule: OUT/' -- cat "$tmp/random-clean-2.out"
# a trace found by a worker replays in this process
check jobs-trace-replays 1 'replayed bit for bit: conservation' -- "$bin" replay "$(ls "$tmp"/random-plant-2-traces/*.trace.json)"
# a one-line error (a THP VMA without THP) and its status: once, not once
# a worker
cat > "$tmp/thp.json" <<'JSON'
{"faultsim_scenario": 1, "name": "thp",
 "machine": {"nodes": [{"id": 0, "pages": 4096}], "cpus": [{"id": 0, "node": 0}, {"id": 1, "node": 0}]},
 "tasks": [{"name": "t0", "cpu": 0}, {"name": "t1", "cpu": 1}],
 "vmas": [{"name": "b", "size": "2M", "thp": true}],
 "steps": [{"op": "access", "task": "t0", "vma": "b"}]}
JSON
for j in 1 3; do
	out "thp-$j" "$bin" --kconfig no-thp run "$tmp/thp.json" --strategy random --iterations 20 --jobs $j
done
same jobs-error "thp-1" "thp-3"
check jobs-error-one-line 0 '^1$' -- wc -l < "$tmp/thp-3.err"

# what --jobs and --shard take
check jobs-exhaustive-shard 2 '^faultsim: run: --shard needs --result FILE \(for faultsim merge\)$' -- "$bin" run "${plant[@]}" --strategy exhaustive --shard 1/2
one_line jobs-exhaustive-shard "$bin" run "${plant[@]}" --strategy exhaustive --shard 1/2
check jobs-exhaustive-result-traces 2 '^faultsim: run: --count-traces counts in one process: no --result$' -- "$bin" run "${plant[@]}" --strategy exhaustive --result "$tmp/ex.json" --count-traces
check jobs-exhaustive-traces 2 '^faultsim: run: --count-traces counts in one process: no --jobs 2$' -- "$bin" run "${plant[@]}" --strategy exhaustive --jobs 2 --count-traces
check jobs-exhaustive-1 1 'fails$' -- "$bin" run "${plant[@]}" --strategy exhaustive --jobs 1
check jobs-fifo 2 '^faultsim: run: --jobs needs --strategy random or pct$' -- "$bin" run "${plant[@]}" --jobs 2
check jobs-zero 2 '^faultsim: --jobs needs a number in 1..1024$' -- "$bin" run "${plant[@]}" --strategy random --jobs 0
check shard-no-result 2 '^faultsim: run: --shard needs --result FILE' -- "$bin" run "${plant[@]}" --strategy random --shard 1/2
for bad in 0/2 3/2 2 a/b 1/0 /2; do
	check "shard-bad-$bad" 2 '^faultsim: --shard needs K/N with 1 <= K <= N$' -- "$bin" run "${plant[@]}" --strategy random --shard "$bad" --result "$tmp/x.json"
done
check result-fifo 0 '"strategy": "fifo"' -- sh -c "'$bin' run ${plant[*]} --result '$tmp/x.json' >/dev/null && cat '$tmp/x.json'"
check result-fifo-shard 2 '^faultsim: run: --shard needs --strategy random or pct$' -- "$bin" run "${plant[@]}" --shard 1/2 --result "$tmp/x.json"
check result-dir 2 "^faultsim: --result $tmp: not a regular file" -- "$bin" run "${plant[@]}" --strategy random --result "$tmp"

# merge refuses, one line each
r=("$tmp"/random-plant-{1,2,3}.json)
check merge-missing 2 '^faultsim: merge: shard 3/3 is missing$' -- "$bin" merge "${r[0]}" "${r[1]}"
one_line merge-missing "$bin" merge "${r[0]}" "${r[1]}"
check merge-twice 2 '^faultsim: merge: shard 1/3 given twice' -- "$bin" merge "${r[@]}" "${r[0]}"
"$bin" run "${plant[@]}" --strategy random --seed 2 --shard 2/3 --result "$tmp/seed2.json" > /dev/null 2>&1
check merge-options 2 '^faultsim: merge: .* ran with different options \(seed\)$' -- "$bin" merge "${r[0]}" "$tmp/seed2.json" "${r[2]}"
"$bin" run two-faults-one-hint --strategy random --plant no-pte-same-recheck --shard 2/3 --result "$tmp/scen.json" > /dev/null 2>&1
check merge-scenarios 2 '^faultsim: merge: .* ran different scenarios \(scenario\)$' -- "$bin" merge "${r[0]}" "$tmp/scen.json" "${r[2]}"
"$bin" --kconfig no-thp run "${plant[@]}" --strategy random --shard 2/3 --result "$tmp/nothp.json" > /dev/null 2>&1
check merge-binaries 2 '^faultsim: merge: .* come from different binaries \(kconfig full, no-thp\)$' -- "$bin" merge "${r[0]}" "$tmp/nothp.json" "${r[2]}"
"$bin" run "${plant[@]}" --strategy random --shard 2/4 --result "$tmp/four.json" > /dev/null 2>&1
check merge-counts 2 '^faultsim: merge: .* is one of 3 shards, .* one of 4$' -- "$bin" merge "${r[0]}" "$tmp/four.json" "${r[2]}"
sed 's/"kernel": "/"kernel": "other /' "${r[0]}" > "$tmp/other.json"
check merge-other-faultsim 2 '^faultsim: merge: .* comes from another faultsim \(kernel other ' -- "$bin" merge "$tmp/other.json" "${r[1]}" "${r[2]}"
check merge-not-json 2 '^faultsim: merge: .*thp.json: not a faultsim result file: no "faultsim_results"$' -- "$bin" merge "$tmp/thp.json"
check merge-none 2 '^faultsim: usage: faultsim merge FILE' -- "$bin" merge
check merge-no-file 2 '^faultsim: merge: .*nope.json: cannot open' -- "$bin" merge "$tmp/nope.json"

# matrix shards: the same table, Markdown and HTML as one matrix
mx=$(dirname "$0")/../../scenarios/matrix
mkdir -p "$tmp/fam"
cp "$mx/toggle-off-numa-hints.json" "$mx/toggle-on-damon-hints.json" "$tmp/fam/"
mopts=(--kconfigs full,no-damon --designs baseline-6.12,rfc-v2,rfc-v2-guarded --scenarios "$tmp/fam" --iterations 2 --quiet)
"$bin" matrix "${mopts[@]}" --out "$tmp/m1" --jobs 2 2>&1 | sed "s|$tmp/m1|OUT|g" > "$tmp/m1.txt"
for k in 1 2; do
	check "matrix-shard-$k" 0 "^matrix shard $k/2: 6 of 12 cells$" -- "$bin" matrix "${mopts[@]}" --out "$tmp/ms" --shard $k/2 --result "$tmp/ms-$k.json"
done
"$bin" merge "$tmp/ms-2.json" "$tmp/ms-1.json" --out "$tmp/mm" 2>&1 | sed "s|$tmp/mm|OUT|g" > "$tmp/mm.txt"
check matrix-merge 0 '^$' -- diff "$tmp/m1.txt" "$tmp/mm.txt"
check matrix-merge-md 0 '^$' -- diff "$tmp/m1/matrix.md" "$tmp/mm/matrix.md"
check matrix-merge-html 0 '^$' -- diff "$tmp/m1/matrix.html" "$tmp/mm/matrix.html"
check matrix-merge-mixed 2 '^faultsim: merge: .* is a matrix result, .* a run result$' -- "$bin" merge "$tmp/ms-1.json" "${r[1]}"
check matrix-shard-no-result 2 '^faultsim: matrix: --shard needs --result FILE' -- "$bin" matrix --shard 1/2
check merge-run-out 2 '^faultsim: merge: --out is for matrix results' -- "$bin" merge "${r[@]}" --out "$tmp/x"

summary
