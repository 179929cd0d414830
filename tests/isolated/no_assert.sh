#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The engine (sim/), the kernel shim's runtime (kshim/src/) and the
# model (mm_model/) check their invariants with SIM_BUG_ON() and
# BUG_ON()/WARN_ON(), which every build keeps: an assert() there would
# vanish in the release preset (NDEBUG) that the demo, the matrix and
# the benchmarks run.  Lists any assert() call outside comment lines and
# fails; static_assert and _Static_assert are fine.
cd "${1:?source dir}" || exit 2
hits=$(grep -rnE '(^|[^_[:alnum:]])assert[[:space:]]*\(' \
	--include='*.c' --include='*.h' sim kshim/src mm_model |
	grep -vE '^[^:]+:[0-9]+:[[:space:]]*(\*|/\*|//)')
if [ -n "$hits" ]; then
	echo "$hits"
	echo "no-assert: use SIM_BUG_ON() (sim/) or BUG_ON()/WARN_ON()" >&2
	exit 1
fi
exit 0
