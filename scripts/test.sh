#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and passes every test: the debug
# build, then one build with ASan + UBSan and gcov together over the
# whole suite and the coverage report of the kernel code from that run
# (the presets asan and coverage give either alone).  Exit status 0 iff
# all pass.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup.sh

echo "== debug: configure, build, test"
cmake --preset debug >/dev/null
cmake --build --preset debug
ctest --preset debug

echo "== asan-coverage: configure, build, test, coverage report"
cmake --preset asan-coverage >/dev/null
cmake --build --preset asan-coverage
find build/asan-coverage -name '*.gcda' -delete
ctest --preset asan-coverage
cmake --build --preset asan-coverage --target coverage-report
# the report must show the real kernel file with its own line numbers
grep -E '^mm/damon/core\.c +[0-9]+ +[0-9]+ +[0-9]+%' \
	build/asan-coverage/coverage/kernel.txt | cut -c1-60
echo "test.sh: all tests passed"
