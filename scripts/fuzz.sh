#!/usr/bin/env bash
# Long fuzzing runs (docs/fuzzing.md).
#   scripts/fuzz.sh --build-afl [BUILD_DIR]
#       builds fuzz_run with AFL++ (afl-clang-fast, else afl-cc) into
#       BUILD_DIR/afl-run (default build/debug), on that build's kernel
#       tree, as the debug preset builds the libFuzzer one
#   scripts/fuzz.sh [BUILD_DIR] FAULTSIM-FUZZ-OPTIONS...
#       faultsim fuzz with those options, e.g.
#       scripts/fuzz.sh --engine afl --jobs 2 --family hint-vs-thp-split --time 10m
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)

build_afl() {
	local build=$1 cc ksrc
	cc=$(command -v afl-clang-fast || command -v afl-cc || true)
	[ -n "$cc" ] || { echo "fuzz.sh: no afl-clang-fast or afl-cc (scripts/setup.sh installs afl++)" >&2; exit 2; }
	[ -f "$build/CMakeCache.txt" ] || { echo "fuzz.sh: $build: not configured (cmake --preset debug)" >&2; exit 2; }
	ksrc=$build/ksrc
	[ -d "$ksrc" ] || { echo "fuzz.sh: $ksrc: no kernel tree (build $build first)" >&2; exit 2; }
	AFL_QUIET=1 cmake -S "$src" -B "$build/afl-run" -DCMAKE_C_COMPILER="$cc" \
		-DCMAKE_BUILD_TYPE=Debug -DFAULTSIM_FUZZ_RUN=ON \
		-DFAULTSIM_KCONFIGS=full -DFAULTSIM_DEFAULT_KCONFIG=full \
		-DFAULTSIM_KSRC="$(cd "$ksrc" && pwd)" >/dev/null
	AFL_QUIET=1 cmake --build "$build/afl-run" --target fuzz_run -j2 >/dev/null
	echo "fuzz.sh: $build/afl-run/bin/fuzz_run"
}

if [ "${1:-}" = --build-afl ]; then
	build_afl "${2:-$src/build/debug}"
	exit 0
fi
build=$src/build/debug
if [ $# -gt 0 ] && [ -d "$1" ]; then
	build=$1
	shift
fi
# --engine afl: build it first if it is not there
for a in "$@"; do
	if [ "$a" = afl ] && [ ! -x "$build/afl-run/bin/fuzz_run" ]; then
		build_afl "$build"
	fi
done
exec "$build/bin/faultsim" fuzz "$@"
