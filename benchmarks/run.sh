#!/usr/bin/env bash
# Builds the release preset and prints every benchmark's figures.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
cmake --build --preset release --target bench_coro bench_kdamond \
	bench_hint_fault bench_strategies bench_planted bench_scenario >/dev/null
build/release/bin/bench_coro
build/release/bin/bench_kdamond
build/release/bin/bench_hint_fault
build/release/bin/bench_strategies
build/release/bin/bench_scenario
build/release/bin/bench_planted 2>/dev/null	# the bug's WARNs go to stderr
