#!/usr/bin/env bash
# Replays each fuzzer finding of tests/fuzz/regressions/list with the
# regular binary (faultsim run --fuzz-input): it still fails the design
# it was found on, and passes the design that fixed it.
# usage: regressions.sh FAULTSIM REGRESSIONS_DIR
set -uo pipefail
faultsim=$1 dir=$2
fail=0 n=0
while read -r input family found fixed; do
	case $input in ''|'#'*) continue ;; esac
	n=$((n + 1))
	"$faultsim" run "$family" --design "$found" \
		--fuzz-input "$dir/$input" >/dev/null 2>&1
	rc=$?
	if [ $rc -ne 1 ]; then
		echo "FAIL $input: $found gave $rc, not the finding (1)"
		fail=1
	fi
	"$faultsim" run "$family" --design "$fixed" \
		--fuzz-input "$dir/$input" >/dev/null 2>&1
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "FAIL $input: $fixed gave $rc, not a pass (0)"
		fail=1
	fi
done < "$dir/list"
[ $n -gt 0 ] || { echo "FAIL no regression in $dir/list"; exit 1; }
[ $fail -eq 0 ] && echo "ok: $n regression(s)"
exit $fail
