#!/usr/bin/env bash
# The manifest options at the CMake level: a bad overlay (given or found in
# the tree) stops the configure step with kextract's one line; a given
# FAULTSIM_MANIFEST is honoured, a missing one refused with one line.
# usage: configure_manifest.sh SOURCE_DIR UNPACKED_TREE
set -uo pipefail
src=$1 tree=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

ok() { echo "ok - $*"; pass=$((pass + 1)); }
not_ok() { echo "not ok - $*"; fail=$((fail + 1)); }

configure() {	# NAME KSRC ARGS...: configure one kconfig into $tmp/b-NAME
	local name=$1 ksrc=$2
	shift 2
	cmake -S "$src" -B "$tmp/b-$name" -DFAULTSIM_KSRC="$ksrc" \
		-DFAULTSIM_KCONFIGS=full "$@" 2>&1
}

configure_fails() {	# NAME KSRC LINE ARGS...: one line, exactly LINE
	local name=$1 ksrc=$2 want=$3 out lines
	shift 3
	if out=$(configure "$name" "$ksrc" "$@"); then
		not_ok "$name: configure succeeded"
		return
	fi
	lines=$(grep -c '^faultsim: ' <<<"$out")
	if grep -qxF -- "$want" <<<"$out" && [ "$lines" -eq 1 ]; then
		ok "$name: $want"
	else
		not_ok "$name: wanted the one line '$want' in: $out"
	fi
}

m="$src/tools/manifests/6.12.json"
echo '{"units": [{"name": "fault_memory", "functions": ["do_damon_page"]}]}' \
	> "$tmp/unknown-function.json"
configure_fails unknown-function "$tree" \
	"faultsim: kextract: $tmp/unknown-function.json (unit fault_memory): function do_damon_page not found in mm/memory.c" \
	-DFAULTSIM_MANIFEST_EXTRA="$tmp/unknown-function.json"
echo '{"units": [{"name": "fault_memroy", "functions": ["vmf_pte_changed"]}]}' \
	> "$tmp/unknown-unit.json"
configure_fails unknown-unit "$tree" \
	"faultsim: kextract: $tmp/unknown-unit.json (unit fault_memroy): unknown unit 'fault_memroy' (units: damon_core, damon_ops_common, damon_paddr, damon_vaddr, fault_huge_memory, fault_memory, fault_mempolicy, fault_mpol, fault_mprotect, migrate, migrate_rmap, mmzone, pagewalk, sched_numa, x86_pgtable, x86_pgtable_thp); a new unit needs 'mode' and 'source'" \
	-DFAULTSIM_MANIFEST_EXTRA="$tmp/unknown-unit.json"
configure_fails missing-overlay "$tree" \
	"faultsim: FAULTSIM_MANIFEST_EXTRA: $tmp/none.json: no such file" \
	-DFAULTSIM_MANIFEST_EXTRA="$tmp/none.json"
configure_fails missing-manifest "$tree" \
	"faultsim: FAULTSIM_MANIFEST=$tmp/none.json: no such file" \
	-DFAULTSIM_MANIFEST="$tmp/none.json"

# <tree>/.faultsim.json is found and used
mkdir -p "$tmp/tree"
cp -a "$tree/." "$tmp/tree/"
echo '{"units": [{"name": "fault_memory", "cuts": []}]}' > "$tmp/tree/.faultsim.json"
configure_fails tree-overlay "$tmp/tree" \
	"faultsim: kextract: $tmp/tree/.faultsim.json (unit fault_memory): unknown key 'cuts'"

rm "$tmp/tree/.faultsim.json"

# A patch's new #include of a header kshim lacks, and a shim-owned flag
# the tree now has one more of, each stop the configure step
sed -i '0,/^#include <linux\/mm.h>$/s//#include <linux\/mm.h>\n#include <linux\/damon_fault.h>/' \
	"$tmp/tree/mm/memory.c"
n=$(grep -n '^#include <linux/damon_fault.h>$' "$tmp/tree/mm/memory.c" | cut -d: -f1)
configure_fails missing-header "$tmp/tree" \
	"faultsim: kextract: mm/memory.c:$n: includes <linux/damon_fault.h>, which kshim does not provide"
sed -i '/^#include <linux\/damon_fault.h>$/d' "$tmp/tree/mm/memory.c"
h="$tmp/tree/include/linux/sched/numa_balancing.h"
sed -i 's/^#define TNF_MIGRATE_FAIL 0x10$/&\n#define TNF_DAMON\t0x20/' "$h"
n=$(grep -n '^#define TNF_DAMON' "$h" | cut -d: -f1)
configure_fails shim-owned "$tmp/tree" \
	"faultsim: kextract: include/linux/sched/numa_balancing.h:$n: the tree defines macro TNF_DAMON, which kshim linux/sched/numa_balancing.h (shim-owned) lacks"

# A given manifest is the manifest: a function only it names is extracted
python3 - "$m" "$tmp/manifest.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
unit = [u for u in m["units"] if u["name"] == "fault_memory"][0]
unit["functions"].append("vmf_pte_changed")
json.dump(m, open(sys.argv[2], "w"))
PY
if out=$(configure manifest "$tree" -DFAULTSIM_MANIFEST="$tmp/manifest.json") &&
	grep -q '^function vmf_pte_changed mm/memory.c:' \
		"$tmp/b-manifest/kcode/full/fault_memory.closure.txt"; then
	ok "FAULTSIM_MANIFEST honoured"
else
	not_ok "FAULTSIM_MANIFEST not honoured: $out"
fi
# and an overlay adds one
echo '{"units": [{"name": "fault_memory", "functions": ["vmf_pte_changed"], "export": ["vmf_pte_changed"]}]}' \
	> "$tmp/good.json"
if out=$(configure overlay "$tree" -DFAULTSIM_MANIFEST_EXTRA="$tmp/good.json") &&
	grep -q '^export vmf_pte_changed$' \
		"$tmp/b-overlay/kcode/full/fault_memory.closure.txt"; then
	ok "FAULTSIM_MANIFEST_EXTRA honoured"
else
	not_ok "FAULTSIM_MANIFEST_EXTRA not honoured: $out"
fi

# Config neutrality's baseline (#12 item 6): a tree whose sources differ
# from FAULTSIM_BASELINE_KSRC builds the pristine no-damon kernel from
# it; the same sources build nothing more; a bad baseline is one line
sed -i '/^#define TNF_DAMON/d' "$h"
echo '/* a patch */' >> "$tmp/tree/mm/memory.c"
if out=$(configure pristine "$tmp/tree" "-DFAULTSIM_KCONFIGS=full;no-damon" \
		-DFAULTSIM_BASELINE_KSRC="$tree") &&
	grep -qxF -- "-- faultsim: config neutrality against the pristine kernel at $tree" <<<"$out" &&
	[ -f "$tmp/b-pristine/kcode/pristine_no_damon/kconfig.h" ]; then
	ok "a patched tree builds the pristine no-damon kernel"
else
	not_ok "no pristine kernel for a patched tree: $out"
fi
if out=$(configure same "$tree" "-DFAULTSIM_KCONFIGS=full;no-damon" \
		-DFAULTSIM_BASELINE_KSRC="$tree") &&
	! grep -q 'pristine' <<<"$out" &&
	[ ! -e "$tmp/b-same/kcode/pristine_no_damon" ]; then
	ok "the baseline's own sources build no pristine kernel"
else
	not_ok "a pristine kernel for the baseline's own sources: $out"
fi
configure_fails baseline-missing "$tmp/tree" \
	"faultsim: FAULTSIM_BASELINE_KSRC=$tmp/none: neither a kernel tree nor a .tar/.tar.xz/.tar.gz archive" \
	"-DFAULTSIM_KCONFIGS=full;no-damon" -DFAULTSIM_BASELINE_KSRC="$tmp/none"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
