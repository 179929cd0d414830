"""kextract against the real kernel tree (FAULTSIM_KSRC_DIR).

Skipped when no tree is available; ctest always sets FAULTSIM_KSRC_DIR.
"""

import json
import os
import re
import tempfile
import unittest

from kxutil import (HERE, REPO, Case, check_line_markers, kernel_lines,
                    kextract_module, real_kconfig_dir, real_ksrc, run)

KSRC = real_ksrc()
MANIFEST = os.path.join(HERE, "..", "manifests", "6.12.json")
NUMA_UNIT = {
    "name": "numa_fault", "mode": "functions", "source": "mm/memory.c",
    "functions": ["handle_pte_fault", "do_numa_page", "numa_migrate_check",
                  "numa_rebuild_single_mapping", "numa_rebuild_large_mapping"],
    "cut": ["do_pte_missing", "do_swap_page", "do_wp_page", "do_fault"],
    "rename": [{"in": "handle_pte_fault", "call": "do_numa_page",
                "to": "faultsim_hook_do_numa_page"}],
}


@unittest.skipUnless(KSRC, "no kernel tree (set FAULTSIM_KSRC_DIR)")
class RealTreeTest(Case):
    @classmethod
    def setUpClass(cls):
        assert os.path.isfile(os.path.join(KSRC, "Makefile")), \
            f"FAULTSIM_KSRC_DIR={KSRC} is not a kernel tree"
        cls.defs_dir = tempfile.TemporaryDirectory(prefix="kextract-defs.")
        cls.defs = os.path.join(cls.defs_dir.name, "full.h")
        r = run("defs", "--kconfig-dir", real_kconfig_dir(), "--kconfig", "full",
                "-o", cls.defs)
        assert r.returncode == 0, r.stderr

    @classmethod
    def tearDownClass(cls):
        cls.defs_dir.cleanup()

    def kpath(self, rel):
        return os.path.abspath(os.path.join(KSRC, rel))

    def test_check_real_manifest(self):
        self.assertOk(run("check", "--ksrc", KSRC, "--manifest", MANIFEST,
                          "--defs", self.defs))

    def test_check_real_manifest_against_kshim(self):
        """Every header the kernel code includes is kshim's or generated;
        the shim-owned items agree with the tree; the tree's MM_CP_* are
        generated into include/kshim-tree/linux/mm.h."""
        shim = os.path.join(REPO, "kshim", "include")
        self.assertOk(run("generate", "--ksrc", KSRC, "--manifest", MANIFEST,
                          "--defs", self.defs, "--shim", shim,
                          "--out", self.path("out")))
        cp = self.read("out", "include", "kshim-tree", "linux", "mm.h")
        self.assertIn("MM_CP_PROT_NUMA", cp)
        self.assertIn('#include "internal.h"\n', self.read("out", "fault_memory.c"))

    def test_damon_core_whole_mode(self):
        self.assertOk(run("generate", "--ksrc", KSRC, "--manifest", MANIFEST,
                          "--defs", self.defs, "--out", self.path("out")))
        for rel in ("mm/damon/core.c", "mm/damon/tests/core-kunit.h"):
            out = self.read("out", rel).splitlines()
            kern = kernel_lines(self.kpath(rel))
            self.assertEqual(out[0], f'#line 1 "{self.kpath(rel)}"')
            self.assertEqual(len(out), len(kern) + 1)
            kept = 0
            for n in range(2, len(out) + 1):
                line = out[n - 1]
                if line and not line.startswith("#"):  # unifdef may edit #if
                    self.assertEqual(line, kern[n - 2], f"{rel} line {n}")
                    kept += 1
            if rel.endswith("core.c"):  # the kunit header may be all #ifdef'd out
                self.assertGreater(kept, len(kern) // 2)
        with open(self.path("out", "include/linux/damon.h"), "rb") as f, \
                open(self.kpath("include/linux/damon.h"), "rb") as g:
            self.assertEqual(f.read(), g.read())

    def generate_numa(self):
        m = self.write("m.json", json.dumps({
            "kernel": "6.12", "files": ["Makefile", "mm/memory.c"],
            "units": [NUMA_UNIT]}))
        self.assertOk(run("generate", "--ksrc", KSRC, "--manifest", m,
                          "--defs", self.defs, "--out", self.path("out")))
        return self.read("out", "numa_fault.c"), self.read("out", "numa_fault.closure.txt")

    def test_memory_c_numa_closure(self):
        text, report = self.generate_numa()
        funcs = {l.split()[1] for l in report.splitlines()
                 if l.startswith("function ")}
        self.assertTrue(set(NUMA_UNIT["functions"]) <= funcs, report)
        self.assertIn("vm_normal_folio", funcs)  # file-local callee pulled in
        for cut in ("do_pte_missing", "do_swap_page", "do_wp_page"):
            self.assertRegex(report, rf"(?m)^cut {cut} mm/memory.c:\d+-\d+ "
                             r"\(prototype emitted\)$")
            self.assertNotIn(cut, funcs)
            # one prototype and one call: never the body
            self.assertEqual(len(re.findall(rf"\b{cut}\(", text)), 2, cut)
            self.assertRegex(text, rf"{cut}\([^;{{]*\);")  # the prototype
            self.assertNotRegex(text, rf"{cut}\([^;{{]*\{{")  # no body
        self.assertRegex(report, r"(?m)^cut do_fault .*\(not referenced\)$")
        self.assertNotRegex(text, r"\bdo_fault\(")

    def test_memory_c_numa_line_markers(self):
        text, _ = self.generate_numa()
        self.assertGreater(check_line_markers(
            self, text, ["faultsim_hook_do_numa_page"]), 300)
        kern = kernel_lines(self.kpath("mm/memory.c"))
        # each requested function starts right after its #line marker
        for name in NUMA_UNIT["functions"]:
            m = re.search(rf'#line (\d+) "[^"]*"\n(?:static )?\S+ {name}\(', text)
            self.assertTrue(m, name)
            self.assertRegex(kern[int(m.group(1)) - 1], rf"\b{name}\(")

    def test_memory_c_numa_rename(self):
        text, _ = self.generate_numa()
        lines = text.splitlines()
        hooked = [i for i, l in enumerate(lines) if "faultsim_hook_do_numa_page(" in l]
        self.assertEqual(len(hooked), 1)
        # find the kernel line for the hooked line via the last #line marker
        i = hooked[0]
        back = next(j for j in range(i, -1, -1) if lines[j].startswith("#line "))
        n = int(lines[back].split()[1]) + (i - back - 1)
        kern = kernel_lines(self.kpath("mm/memory.c"))[n - 1]
        self.assertEqual(kern.replace("do_numa_page(", "faultsim_hook_do_numa_page("),
                         lines[i])
        # do_numa_page itself is still emitted (as a definition)
        self.assertRegex(text, r"(?m)^static vm_fault_t do_numa_page\(struct vm_fault \*vmf\)$")

    def test_ctags_and_brace_matcher_agree(self):
        kx = kextract_module()
        total = 0
        for rel in ("mm/memory.c", "mm/mprotect.c", "mm/huge_memory.c",
                    "mm/migrate.c", "mm/rmap.c", "mm/mempolicy.c",
                    "kernel/sched/fair.c", "mm/damon/core.c"):
            kf = kx.KFile(KSRC, rel, self.defs)  # raises on any disagreement
            n = sum(1 for ds in kf.defs.values() for d in ds if d.kind == "function")
            self.assertGreater(n, 10, rel)
            total += n
        self.assertGreater(total, 350)
        print(f"\n  ctags and brace matcher agree on {total} functions", end=" ")


if __name__ == "__main__":
    unittest.main()
