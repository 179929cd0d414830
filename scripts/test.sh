#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine and passes every test: the debug
# build, the asan build (ASan + UBSan over the whole suite) and the
# coverage report of the kernel code.  Exit status 0 iff all pass.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup.sh

for preset in debug asan; do
	echo "== $preset: configure, build, test"
	cmake --preset "$preset" >/dev/null
	cmake --build --preset "$preset"
	ctest --preset "$preset"
done

echo "== coverage"
cmake --preset coverage >/dev/null
cmake --build --preset coverage
cmake --build --preset coverage --target coverage
# the report must show the real kernel file with its own line numbers
grep -E '^mm/damon/core\.c +[0-9]+ +[0-9]+ +[0-9]+%' \
	build/coverage/coverage/kernel.txt | cut -c1-60
echo "test.sh: all tests passed"
