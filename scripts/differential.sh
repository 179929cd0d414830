#!/usr/bin/env bash
# The differential exploration test at scale (#11): N generated
# scenarios (default 10,000), every reduction of the exhaustive search
# against the plain one, on a release build, split over JOBS processes
# (default: the cores).  Prints each failing seed and the totals; the
# failing scenarios are kept in build/release/differential/.
# usage: scripts/differential.sh [N] [JOBS] [FIRST]
set -euo pipefail
cd "$(dirname "$0")/.."

n=${1:-10000}
jobs=${2:-$(nproc)}
first=${3:-1}
cmake --preset release >/dev/null
cmake --build --preset release --target test_differential >/dev/null
keep=build/release/differential
mkdir -p "$keep"
rm -f "$keep"/part*.ktap	# an earlier run's parts are not this run's
start=$(date +%s)
per=$(( (n + jobs - 1) / jobs ))
for ((j = 0; j < jobs; j++)); do
	f=$((first + j * per))
	c=$(( n - j * per < per ? n - j * per : per ))
	[ "$c" -gt 0 ] || continue
	build/release/bin/test_differential --first "$f" --count "$c" \
		--cap 1000 --keep "$keep" >"$keep/part$j.ktap" 2>&1 &
done
wait || true
cat "$keep"/part*.ktap | grep -E '^not ok|^# (bound|no bound|the tool|the loader)' || true
ok=$(cat "$keep"/part*.ktap | grep -c '^ok ' || true)
bad=$(cat "$keep"/part*.ktap | grep -c '^not ok' || true)
cmp=$(cat "$keep"/part*.ktap | grep -oE '[0-9]+ bound\(s\) compared' |
	awk '{s += $1} END {print s + 0}')
echo "differential: $n scenarios from seed $first: $ok ok, $bad failed," \
	"$cmp bound comparisons, $(( $(date +%s) - start )) s on $jobs jobs"
[ "$bad" -eq 0 ]
