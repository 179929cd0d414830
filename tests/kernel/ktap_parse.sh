#!/bin/sh
# Reads faultsim's KTAP back with the kernel's own KUnit parser
# (tools/testing/kunit/kunit.py parse), as a kernel developer would:
# kunit.py must exit 0 and report NR_PASSED passed cases (and
# NR_SKIPPED skipped ones, if given).
# usage: ktap_parse.sh FAULTSIM KCONFIG KSRC_DIR NR_PASSED [NR_SKIPPED]
set -eu
faultsim=$1 kconfig=$2 ksrc=$3 nr=$4 skipped=${5:-0}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$faultsim" kunit --kconfig "$kconfig" > "$out"
parsed=$(cd "$ksrc/tools/testing/kunit" && python3 kunit.py parse "$out") || {
	echo "$parsed"
	echo "ktap_parse: kunit.py parse failed" >&2
	exit 1
}
echo "$parsed"
if [ "$skipped" -eq 0 ]; then
	want="Ran $nr tests: passed: $nr\$"
else
	want="Ran $((nr + skipped)) tests: passed: $nr, skipped: $skipped\$"
fi
echo "$parsed" | grep -q "$want" || {
	echo "ktap_parse: kunit.py did not report $nr passed tests" \
	     "and $skipped skipped" >&2
	exit 1
}
