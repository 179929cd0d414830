#!/bin/sh
# Reads faultsim's KTAP back with the kernel's own KUnit parser
# (tools/testing/kunit/kunit.py parse), as a kernel developer would.
# usage: ktap_parse.sh FAULTSIM KCONFIG KSRC_DIR NR_CASES
set -eu
faultsim=$1 kconfig=$2 ksrc=$3 nr=$4
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$faultsim" kunit --kconfig "$kconfig" > "$out"
parsed=$(cd "$ksrc/tools/testing/kunit" && python3 kunit.py parse "$out")
echo "$parsed"
echo "$parsed" | grep -q "Ran $nr tests: passed: $nr\$" || {
	echo "ktap_parse: kunit.py did not report $nr passed tests" >&2
	exit 1
}
