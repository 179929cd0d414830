#!/usr/bin/env bash
# A short, seeded libFuzzer run of one target (CTest fuzz.*): RUNS
# inputs from the given corpus folders, new inputs into a temporary
# folder (libFuzzer writes to its first corpus argument).  Fails on any
# crash, leak or sanitizer report of the target.
# usage: smoke.sh FUZZER RUNS [CORPUS...]
set -euo pipefail
fuzzer=$1 runs=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$fuzzer" -runs="$runs" -seed=1 -max_len=65536 -timeout=20 \
	-artifact_prefix="$tmp/" "$tmp" "$@" 2>&1 | tail -n 5
