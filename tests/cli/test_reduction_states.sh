#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The reduction of exhaustive (local steps and sleep sets, and DPOR)
# reaches every end state the plain search reaches within the bound.
# Its schedules are a subset of the plain search's, so equal counts of
# distinct end states mean equal sets.
# Usage: test_reduction_states.sh FAULTSIM SCENARIO BOUND [REDUCTION...]
# (default: sleep dpor)
set -u
bin=$1 scn=$2 bound=$3
shift 3
reductions=${*:-sleep dpor}

states() {	# REDUCTION -> "N" of "N distinct end state(s)", or nothing
	"$bin" run "$scn" --strategy exhaustive --preemption-bound "$bound" \
		--reduction "$1" --iterations 100000000 --quiet 2>&1 |
		sed -n 's/^\([0-9]*\) distinct end state(s)$/\1/p'
}

plain=$(states none)
if [ -z "$plain" ]; then
	echo "not ok - the plain search printed no end states"
	exit 1
fi
status=0
for r in $reductions; do
	got=$(states $r)
	if [ "$got" = "$plain" ]; then
		echo "ok - $r: $got distinct end states, as without reduction"
	else
		echo "not ok - $r: ${got:-no} distinct end states, $plain without reduction"
		status=1
	fi
done
exit $status
