#!/usr/bin/env bash
# The worked example of docs/own-tree.md (#12 item 9): the reference
# tree with tests/kernel/patches/damon-access-watch.patch applied (a
# DAMON consumer of protnone faults with its own MM_CP_DAMON flag, a
# handler called straight from handle_pte_fault(), a report function in
# core.c, a <tree>/.faultsim.json naming them, and two deliberate bugs:
# a global switch routes NUMA balancing's hints to DAMON while DAMON
# watches, and the PMD handler takes a lock it never looked up), built
# with -DFAULTSIM_KSRC and nothing else.  The tree's functions are in
# the binary; the misroute is a routing finding, the NULL lock an oops
# whose trace replays and shrinks, and the !CONFIG_DAMON stub that
# routes every hint to DAMON a neutrality finding against the pristine
# kernel.
# usage: test_own_tree.sh SOURCE_DIR TARBALL
src=$1 tarball=$2
# tmp, check and summary; its bin is set below, to the tree's build
. "$src/tests/cli/lib.sh"

# the tree: the parts faultsim reads, patched
tree=$tmp/linux
mkdir -p "$tree"
top=$(tar -tf "$tarball" | head -n 1 | cut -d/ -f1)
tar -xf "$tarball" -C "$tree" --strip-components=1 "$top/Makefile" \
	"$top/mm" "$top/include" "$top/tools/testing/kunit" \
	"$top/kernel/sched" "$top/arch/x86/mm" || exit 1
patch -p1 -s -d "$tree" < "$src/tests/kernel/patches/damon-access-watch.patch" ||
	exit 1

# configured and built with the tree, and nothing else
b=$tmp/build
if ! cmake -S "$src" -B "$b" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS=--coverage \
		-DFAULTSIM_KSRC="$tree" "-DFAULTSIM_KCONFIGS=full;no-damon" \
		> "$tmp/configure.log" 2>&1 ||
	! cmake --build "$b" -j2 --target faultsim faultsim-no-damon \
		faultsim-pristine-no-damon > "$tmp/build.log" 2>&1; then
	echo "not ok - the patched tree builds: $(tail -5 "$tmp/configure.log" "$tmp/build.log" 2>/dev/null)"
	exit 1
fi
echo "ok - the patched tree builds"
pass=$((pass + 1))
bin=$b/bin/faultsim
check version 0 "^kernel 6\\.12\\.[0-9]+, tree $tree, sources [0-9a-f]{12}, manifest overlay $tree/\\.faultsim\\.json\$" -- "$bin" --version
# the tree's real functions are in the binary
for fn in 'T damon_report_access' 'T damon_fault_install' 't do_damon_page' \
	't do_damon_huge_pmd_page'; do
	check "nm ${fn#* }" 0 "^[0-9a-f]+ $fn\$" -- nm "$bin"
done
check design-listed 0 '^tree:damon-access-watch +faultsim.s worked example' -- "$bin" list designs

mx=$src/scenarios/matrix
# the misroute: NUMA balancing's hint handled by do_damon_page()
check misroute 1 '^finding routing: misrouted: NUMA hint at 0x[0-9a-f]+ reported to DAMON, ' -- "$bin" run "$mx/hint-vs-migration.json" --design tree:damon-access-watch --iterations 20
# the tree's own reports reach faultsim's sink (report check, accuracy)
check tree-reports 0 '^damon-reports: reported [1-9][0-9]* stored [1-9]' -- "$bin" run "$mx/damon-and-scanner.json" --design tree:damon-access-watch
# the NULL PMD lock: an oops with its stack, a trace that replays and shrinks
check oops 1 '^  stack [a-z0-9]+: .*__handle_mm_fault > do_damon_huge_pmd_page > spin_lock$' -- "$bin" run "$mx/hint-vs-thp-split.json" --design tree:damon-access-watch
check oops-explored 1 '^finding oops: kernel NULL pointer dereference' -- "$bin" run "$mx/hint-vs-thp-split.json" --design tree:damon-access-watch --strategy random --seed 3 --iterations 5 --quiet --out "$tmp/o"
tr=$(ls "$tmp"/o/*.trace.json 2>/dev/null | head -n 1)
check oops-trace 0 '"design": "tree:damon-access-watch",' -- cat "${tr:-/nonexistent}"
check oops-replay 1 '^replayed bit for bit: oops: kernel NULL pointer dereference' -- "$bin" replay "${tr:-/nonexistent}"
check oops-shrink 0 '^shrunk in [0-9]+ replays' -- "$bin" shrink "${tr:-/nonexistent}" -o "$tmp/o/small.json"
check oops-shrunk-replay 1 '^replayed bit for bit: oops' -- "$bin" replay "$tmp/o/small.json"
# CONFIG_DAMON=n: the stub gives every hint to DAMON's handler; the
# neutrality check runs the baseline on the pristine kernel
mkdir -p "$tmp/fam"
cp "$mx/toggle-off-numa-hints.json" "$tmp/fam/"
"$bin" matrix --kconfigs full,no-damon --designs baseline-6.12,tree:damon-access-watch --scenarios "$tmp/fam" --iterations 5 --out "$tmp/m" --quiet > "$tmp/m.txt" 2>&1
check neutrality-header 0 '^config neutrality \(kconfig no-damon, in order, state against baseline-6\.12 on the pristine kernel\):$' -- cat "$tmp/m.txt"
check neutrality-tree 0 '^  tree:damon-access-watch differs from the baseline in: toggle-off-numa-hints$' -- cat "$tmp/m.txt"
check matrix-baseline-note 0 "^kernel 6\\.12\\.[0-9]+, tree $tree, .*\\. The baseline-6\\.12 column runs this tree's kernel as it is, not the reference 6\\.12\\.\$" -- cat "$tmp/m.txt"
check neutrality-patched-baseline 0 '^  baseline-6\.12 +differs from the baseline in: toggle-off-numa-hints$' -- cat "$tmp/m.txt"

# gcov: the tree's new lines ran (the runs above wrote the counts), at
# the tree's own file and line
gcda=$b/CMakeFiles/kernel_code_full.dir/kcode/full/fault_memory.c.gcda
(cd "$tmp" && gcov -t "$gcda" > "$tmp/memory.gcov" 2>/dev/null)
check gcov-source 0 "^ +-: +0:Source:$tree/mm/memory\\.c\$" -- cat "$tmp/memory.gcov"
check gcov-do-damon-page 0 '^ +[1-9][0-9]*: +[0-9]+:static vm_fault_t do_damon_page\(struct vm_fault \*vmf\)$' -- cat "$tmp/memory.gcov"
check gcov-damon-report 0 '^ +[1-9][0-9]*: +[0-9]+:	damon_report_access\(&report\);$' -- cat "$tmp/memory.gcov"

summary
