#!/usr/bin/env bash
# Out of memory is an error, not an abort, a crash or a pass: under
# `ulimit -v` (and -d) faultsim either runs the scenario to its report
# or says "faultsim: out of memory (...)" in one line and exits 2 --
# never a signal, never a run that did nothing and passed (a scenario
# thread that could not start once gave `state 0000000000000000`,
# exit 0).  At a limit too small to start, for a machine whose memory
# map does not fit (refused with its size and the limit), and across a
# sweep of limits that runs out in the middle of a run.
# usage: test_cli_oom.sh BINDIR; FAULTSIM_SANITIZE=ON skips it (exit 77):
# ASan reserves terabytes of address space, no ulimit -v lets it start.
. "$(dirname "$0")/lib.sh"

if [ "${FAULTSIM_SANITIZE:-OFF}" = ON ]; then
	echo "skip: a sanitizer build cannot run under ulimit -v"
	exit 77
fi

oom_line='^faultsim: out of memory \([^()]*(\([^()]*\)[^()]*)*\)$'
# machine of 2 x 2^20 pages: a memory map of 129 MiB
cat > "$tmp/big.json" <<'EOF'
{
  "faultsim_scenario": 1,
  "name": "big-machine",
  "machine": {
    "nodes": [{"id": 0, "pages": 1048576}, {"id": 1, "pages": 1048576}],
    "cpus": [{"id": 0, "node": 0}, {"id": 1, "node": 1}]
  },
  "tasks": [{"name": "t0", "cpu": 0}],
  "vmas": [{"name": "data", "size": "64K", "prot": "rw",
            "placement": {"node": 0}}],
  "steps": [{"op": "access", "task": "t0", "vma": "data", "write": true}]
}
EOF

# under_limit KIND KB CMD...: runs CMD under `ulimit -KIND KB`; sets
# status, out (stdout) and err (stderr)
under_limit() {
	local kind=$1 kb=$2
	shift 2
	out=$( (ulimit "-$kind" "$kb"; exec "$@") 2>"$tmp/err")
	status=$?
	err=$(cat "$tmp/err")
}

# the run's report and exit 0, or one out-of-memory line and exit 2
ok_or_oom() {	# ok_or_oom NAME (after under_limit)
	local name=$1
	if [ "$status" -eq 0 ] && grep -qE "$ok_re" <<<"$out" &&
	   ! grep -q '^state 0000000000000000$' <<<"$out"; then
		pass=$((pass + 1))
		return 0
	fi
	if [ "$status" -eq 2 ] && [ "$(wc -l <<<"$err")" -eq 1 ] &&
	   grep -qE "$oom_line" <<<"$err"; then
		pass=$((pass + 1))
		return 2
	fi
	echo "not ok - $name: exit $status: $err / $(tail -3 <<<"$out")"
	fail=$((fail + 1))
	return 1
}

expect_oom() {	# expect_oom NAME REGEX (after under_limit)
	if [ "$status" -eq 2 ] && [ "$(wc -l <<<"$err")" -eq 1 ] &&
	   grep -qE "$oom_line" <<<"$err" && grep -qE "$2" <<<"$err"; then
		echo "ok - $1"
		pass=$((pass + 1))
	else
		echo "not ok - $1: exit $status: $err"
		fail=$((fail + 1))
	fi
}

# too little to start: refused before the allocator's first (crashing)
# allocation, with the limit and what is in use
under_limit v 12000 "$bin" run hint-read-fault
expect_oom start-v 'the address-space limit \(ulimit -v\) is 11 MiB, [0-9]+ MiB of it in use at start; faultsim needs 4 MiB free to start'
under_limit d 4000 "$bin" run hint-read-fault
expect_oom start-d 'the data limit \(ulimit -d\) is 3 MiB'
under_limit v 12000 "$bin" kunit
expect_oom start-kunit 'faultsim needs 4 MiB free to start'

# a machine whose memory map cannot be had: its size and the limit
under_limit v 100000 "$bin" run "$tmp/big.json"
expect_oom machine-v '^faultsim: out of memory \(a machine of 2097152 pages \(8192 MiB\) needs 129 MiB for its memory map; the address-space limit \(ulimit -v\) is 97 MiB, [0-9]+ MiB of it in use\)$'
under_limit d 60000 "$bin" run "$tmp/big.json"
expect_oom machine-d 'a machine of 2097152 pages \(8192 MiB\) needs 129 MiB for its memory map; the data limit \(ulimit -d\) is 58 MiB'

# sweeps: every limit gives the report or one line; some of each, and
# some running out past the start and the machine (a thread's stack, the
# oracles...)
ok_re='^0 finding\(s\), 0 failed expectation\(s\)$'
sweep() {	# sweep NAME FROM STEP TO CMD...
	local name=$1 kb ran=0 oom=0 deep=0
	shift
	for kb in $(seq "$1" "$2" "$3"); do
		under_limit v "$kb" "${@:4}"
		ok_or_oom "$name at $kb KiB"
		case $? in
		0) ran=$((ran + 1)) ;;
		2) oom=$((oom + 1))
		   grep -qE 'at start|a machine of' <<<"$err" ||
			deep=$((deep + 1)) ;;
		esac
	done
	echo "$name: $ran ran, $oom out of memory ($deep past the machine)"
	sweep_ran=$ran sweep_oom=$oom sweep_deep=$deep
}
check_sweep() {	# check_sweep NAME COND
	if eval "$2"; then
		echo "ok - $1"
		pass=$((pass + 1))
	else
		echo "not ok - $1: $2 does not hold"
		fail=$((fail + 1))
	fi
}
sweep small 18000 500 30000 "$bin" run hint-read-fault
check_sweep small-sweep '[ "$sweep_ran" -gt 0 ] && [ "$sweep_deep" -gt 0 ]'
# (up to 280 MB: the coverage build runs the 2 Mi-page machine from ~220)
sweep big 140000 10000 280000 "$bin" run "$tmp/big.json"
check_sweep big-sweep '[ "$sweep_ran" -gt 0 ] && [ "$sweep_deep" -gt 0 ]'
# an exhaustive search: the verdict it gives unlimited, or one line
zap=$(dirname "$0")/../../scenarios/zap-races-hint-fault.json
ok_re=$("$bin" run "$zap" --strategy exhaustive --quiet | tail -1)
sweep exhaustive 20000 2000 36000 "$bin" run "$zap" --strategy exhaustive \
	--quiet
check_sweep exhaustive-sweep '[ "$sweep_ran" -gt 0 ] && [ "$sweep_oom" -gt 0 ]'

summary
