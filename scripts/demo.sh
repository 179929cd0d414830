#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds faultsim (release) and runs
# the main job on built-in defaults.  Extra arguments go to the demo,
# e.g. scripts/demo.sh --seed 7 --aggregations 10
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release
exec build/release/bin/faultsim demo "$@"
