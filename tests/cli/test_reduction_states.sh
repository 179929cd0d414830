#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The reduction of exhaustive (local steps and sleep sets, and DPOR)
# reaches every end state the plain search reaches within the bound.
# Its schedules are a subset of the plain search's, so equal counts of
# distinct end states mean equal sets.  So are its Mazurkiewicz traces
# (--count-traces): no more than the plain search's; fewer is allowed,
# as local steps and DPOR take kshim's contract (every shared access is
# announced) for granted and the scenario executor's hand-off of steps
# to tasks is outside it (tests/explore/test_differential.c).
# Usage: test_reduction_states.sh FAULTSIM SCENARIO BOUND [REDUCTION...]
# (default: sleep dpor)
set -u
bin=$1 scn=$2 bound=$3
shift 3
reductions=${*:-sleep dpor}

search() {	# REDUCTION -> "STATES TRACES", or less
	"$bin" run "$scn" --strategy exhaustive --preemption-bound "$bound" \
		--reduction "$1" --iterations 100000000 --quiet \
		--count-traces 2>&1 |
		sed -n -e 's/^\([0-9]*\) distinct end state(s)$/\1/p' \
		       -e 's/^[0-9]* schedules, \([0-9]*\) Mazurkiewicz traces$/\1/p' |
		tr '\n' ' '
}

read -r plain plain_traces <<<"$(search none)"
if [ -z "$plain" ] || [ -z "${plain_traces:-}" ]; then
	echo "not ok - the plain search printed no end states or traces"
	exit 1
fi
status=0
for r in $reductions; do
	read -r got traces <<<"$(search $r)"
	if [ "${got:-}" = "$plain" ]; then
		echo "ok - $r: $got distinct end states, as without reduction"
	else
		echo "not ok - $r: ${got:-no} distinct end states, $plain without reduction"
		status=1
	fi
	if [ -n "${traces:-}" ] && [ "$traces" -ge 1 ] &&
	   [ "$traces" -le "$plain_traces" ]; then
		echo "ok - $r: $traces Mazurkiewicz traces, $plain_traces without reduction"
	else
		echo "not ok - $r: ${traces:-no} Mazurkiewicz traces, $plain_traces without reduction"
		status=1
	fi
done
exit $status
