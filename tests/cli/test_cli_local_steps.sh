#!/usr/bin/env bash
# The plain exhaustive search's runs and end states, and local steps (in
# the default reduction) reach them all in fewer runs.
# usage: test_cli_local_steps.sh BINDIR
. "$(dirname "$0")/lib.sh"

zap=$(dirname "$0")/../../scenarios/zap-races-hint-fault.json
cp "$zap" "$tmp/zap.json"
# the plain search once (8,108 runs): its count and end states
for r in none sleep; do
	"$bin" run "$tmp/zap.json" --strategy exhaustive --reduction $r --quiet >"$tmp/states-$r.txt" 2>&1
done
check reduction-none 0 '^exhaustive: 8108 runs, space exhausted within preemption bound 2$' -- cat "$tmp/states-none.txt"
# local steps (in the default reduction) reach every end state the plain
# search reaches, in fewer runs
check local-steps-states 0 '^4 distinct end state\(s\)$' -- cat "$tmp/states-none.txt"
for r in sleep; do
	if [ "$(grep 'distinct end state' "$tmp/states-none.txt")" = "$(grep 'distinct end state' "$tmp/states-$r.txt")" ] &&
	   [ "$(grep -oE '^exhaustive: [0-9]+ runs' "$tmp/states-$r.txt" | grep -oE '[0-9]+')" -lt 8108 ]; then
		echo "ok - local-steps-$r"
		pass=$((pass + 1))
	else
		echo "not ok - local-steps-$r: $(cat "$tmp/states-$r.txt")"
		fail=$((fail + 1))
	fi
done

summary
