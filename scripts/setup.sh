#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build and test faultsim.
# Idempotent: packages already installed are skipped, apt is not touched
# when nothing is missing.
set -euo pipefail

packages=(
	build-essential cmake pkg-config
	libcmocka-dev check libsubunit-dev
	libjemalloc-dev uthash-dev libjson-c-dev zlib1g-dev
	gcovr unifdef universal-ctags xz-utils python3
	clang libclang-rt-14-dev
	# the AFL++ build of fuzz_run (scripts/fuzz.sh, docs/fuzzing.md)
	afl++
	linux-source-6.12
	# the result files' schema check, and shards run side by side
	# (docs/scale-out.md); GNU time for benchmarks/matrix_jobs.sh
	python3-jsonschema parallel time
	# cli.browser: matrix.html and a timeline in headless Chromium
	# (~100 MB; the test is skipped without it)
	chromium
)

missing=()
for p in "${packages[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done

if [ ${#missing[@]} -eq 0 ]; then
	echo "setup: all ${#packages[@]} packages present"
	exit 0
fi

echo "setup: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
	sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
