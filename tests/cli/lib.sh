# Sourced by the test_cli_*.sh scripts, each one ctest entry (cli.*) of
# the faultsim command line: usage, version, exit codes (0 ok, 1 a
# finding, 2 bad usage/input), one-line errors, per-kconfig dispatch.
# The script's $1 is BINDIR; it sets bin, tmp (removed on exit), the
# check helpers and their counts; the script ends with `summary`.
set -uo pipefail
bin=$1/faultsim
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() {	# check NAME EXPECTED_STATUS REGEX -- CMD...
	local name=$1 want=$2 re=$3 out status
	shift 4
	out=$("$@" 2>&1)
	status=$?
	if [ "$status" -ne "$want" ]; then
		echo "not ok - $name: exit $status, wanted $want: $out"
		fail=$((fail + 1))
	elif ! grep -qE -- "$re" <<<"$out"; then
		echo "not ok - $name: output does not match /$re/: $out"
		fail=$((fail + 1))
	else
		echo "ok - $name"
		pass=$((pass + 1))
	fi
}

one_line() {	# errors are exactly one line
	local name=$1 out
	shift
	out=$("$@" 2>&1 >/dev/null)
	if [ "$(wc -l <<<"$out")" -eq 1 ] && [ -n "$out" ]; then
		echo "ok - $name is one line"
		pass=$((pass + 1))
	else
		echo "not ok - $name is not one line: $out"
		fail=$((fail + 1))
	fi
}

trace_of() {	# trace_of GLOB: the one trace the glob names, else nothing
	local f=( $1 )
	[ "${#f[@]}" -eq 1 ] && [ -f "${f[0]}" ] && echo "${f[0]}"
}

summary() {	# the counts; the status is 0 iff no check failed
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
