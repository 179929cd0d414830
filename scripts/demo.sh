#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds faultsim (release) and runs
# the main job on built-in defaults: the design matrix (every DAMON
# fault-reporting design x kconfig x scenario family, docs/designs.md).
# Extra arguments go to it, e.g. scripts/demo.sh --iterations 1000
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release
exec build/release/bin/faultsim matrix "$@"
