# SPDX-License-Identifier: GPL-2.0-only
"""tools/design_duplication.py on toy fixtures and on the real tree.

The fixtures (fixtures/) are faultsim's own toy code: a "kernel" function
toy_fault() and designs that copy some of its lines (marked C) and add
their own.  The real-tree tests need FAULTSIM_KSRC_DIR (ctest sets it);
with FAULTSIM_DUP_JSON they also check the build's design-duplication.json.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TOOL = os.path.join(HERE, "..", "..", "design_duplication.py")
FIX = os.path.join(HERE, "fixtures")
FKSRC = os.path.join(FIX, "ksrc")
FDESIGNS = os.path.join(FIX, "designs")
KSRC = os.environ.get("FAULTSIM_KSRC_DIR")
BUILT_JSON = os.environ.get("FAULTSIM_DUP_JSON")


def run(*args):
    return subprocess.run([sys.executable, TOOL, *args], text=True,
                          capture_output=True)


def measure(*args):
    with tempfile.TemporaryDirectory(prefix="dup.") as d:
        out = os.path.join(d, "dup.json")
        r = run("--json", out, *args)
        if r.returncode:
            raise AssertionError(f"exit {r.returncode}: {r.stderr}")
        with open(out) as f:
            res = json.load(f)
    return res, r.stdout, {x["design"]: x for x in res["designs"]}


def toy(*extra):
    return measure("--ksrc", FKSRC, "--designs", FDESIGNS,
                   "--ref", "mm/memory.c:toy_fault", *extra)


class FixtureTest(unittest.TestCase):
    def test_copy_counts_exactly_the_copied_lines(self):
        """N = 7 copied lines of N + M = 20: renamed locals, a dropped
        #ifdef, a comment line and a blank line inside the copy, 2 of the
        copies in a helper of another file; copy_install() and
        toy_unused() (not called by a handler) not measured."""
        _, _, d = toy()
        c = d["toy-copy"]
        self.assertEqual((c["lines"], c["duplicate_lines"]), (20, 7))
        self.assertEqual(c["percent"], 35.0)
        self.assertEqual(c["kernel_functions"], ["toy_fault"])
        self.assertEqual([f["name"] for f in c["functions"]],
                         ["copy_pte_protnone", "toy_helper"])
        self.assertEqual([(f["lines"], f["duplicate_lines"])
                          for f in c["functions"]], [(12, 5), (8, 2)])
        self.assertEqual(c["handlers"], {"pte_protnone":
                                         "copy_pte_protnone"})

    def test_the_marked_lines_are_the_duplicates(self):
        r = run("--ksrc", FKSRC, "--designs", FDESIGNS,
                "--ref", "mm/memory.c:toy_fault", "--show", "-q")
        self.assertEqual(r.returncode, 0, r.stderr)
        shown = re.findall(r"^([= ]) (\w+\.c):(\d+): (.*)$", r.stdout, re.M)
        self.assertEqual(len(shown), 30)
        for mark, _, _, text in shown:
            self.assertEqual(mark == "=", "/* C */" in text, text)

    def test_own_code_and_no_handlers(self):
        _, out, d = toy()
        self.assertEqual((d["toy-own"]["lines"],
                          d["toy-own"]["duplicate_lines"]), (10, 0))
        self.assertEqual(d["toy-own"]["runs"], [])
        self.assertEqual((d["toy-none"]["lines"],
                          d["toy-none"]["duplicate_lines"],
                          d["toy-none"]["percent"]), (0, 0, 0.0))
        self.assertRegex(out, r"(?m)^toy-copy +20 +7 +35\.0 +toy_fault$")

    def test_exact_names_miss_the_renamed_copy(self):
        _, _, d = toy("--exact")
        self.assertLess(d["toy-copy"]["duplicate_lines"], 7)

    def test_k_larger_than_the_copy(self):
        """The handler's copy is a run of 52 tokens, the helper's 22
        (each with a token or two of the lines around it)."""
        _, _, d = toy()
        self.assertEqual([(r["function"], r["tokens"], r["lines"],
                           r["kernel_lines"])
                          for r in d["toy-copy"]["runs"]],
                         [("copy_pte_protnone", 52, [12, 19], [15, 23]),
                          ("toy_helper", 22, [8, 10], [21, 24])])
        _, _, d = toy("-k", "23")
        self.assertEqual(d["toy-copy"]["duplicate_lines"], 5)
        _, _, d = toy("-k", "53")
        self.assertEqual(d["toy-copy"]["duplicate_lines"], 0)

    def test_bad_ksrc_is_one_line(self):
        for ksrc in (os.path.join(FIX, "no-such-tree"), FDESIGNS):
            r = run("--ksrc", ksrc, "--designs", FDESIGNS)
            self.assertEqual(r.returncode, 2)
            self.assertEqual(r.stdout, "")
            self.assertEqual(len(r.stderr.splitlines()), 1, r.stderr)
            self.assertRegex(r.stderr, r"^design_duplication: --ksrc .*: "
                             r"not a kernel tree")

    def test_missing_function_is_one_line(self):
        r = run("--ksrc", FKSRC, "--designs", FDESIGNS)
        self.assertEqual(r.returncode, 2)
        self.assertEqual(r.stderr.strip(), "design_duplication: --ksrc "
                         f"{FKSRC}: mm/memory.c defines no do_numa_page()")

    def test_directives_are_dropped_with_their_continuations(self):
        r = run("--ksrc", FKSRC, "--designs", FDESIGNS,
                "--ref", "mm/memory.c:name")
        self.assertEqual(r.returncode, 2)
        self.assertEqual(r.stderr.strip(), "design_duplication: --ksrc "
                         f"{FKSRC}: mm/memory.c defines no name()")

    def test_a_field_keeps_its_name(self):
        sys.path.insert(0, os.path.dirname(TOOL))
        try:
            import design_duplication as dd
        finally:
            sys.path.pop(0)
        fn = dd.functions(dd.tokenize(
            "int f(struct toy_vmf *vmf, long slot)\n"
            "{\n\tlong *lock = vmf->lock; /* x */\n"
            "\treturn toy(vmf->slot, slot, lock, s.lock);\n}\n",
            "t.c"), "t.c")["f"]
        self.assertEqual(" ".join(t.norm for t in fn.toks),
                         "int f ( struct toy_vmf * $v , long $v ) "
                         "{ long * $v = $v -> lock ; return toy ( $v -> "
                         "slot , $v , $v , s . lock ) ; }")
        self.assertEqual(fn.lines, [1, 2, 3, 4, 5])

    def test_help(self):
        r = run("--help")
        self.assertEqual(r.returncode, 0)
        for opt in ("--ksrc", "--json", "--k", "--exact", "--ref"):
            self.assertIn(opt, r.stdout)


@unittest.skipUnless(KSRC, "no kernel tree (set FAULTSIM_KSRC_DIR)")
class RealTreeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.res, cls.out, cls.d = measure("--ksrc", KSRC)

    def test_baseline_adds_nothing(self):
        b = self.d["baseline-6.12"]
        self.assertEqual((b["lines"], b["duplicate_lines"], b["percent"]),
                         (0, 0, 0.0))
        self.assertEqual(b["functions"], [])

    def test_generic_hook_is_mostly_do_numa_page(self):
        g = self.d["generic-hook"]
        self.assertGreaterEqual(g["percent"], 40.0)
        self.assertIn("do_numa_page", g["kernel_functions"])
        pte = next(f for f in g["functions"]
                   if f["name"] == "generic_pte_protnone")
        self.assertGreater(pte["duplicate_lines"], 0.6 * pte["lines"])
        # the most of every design
        self.assertEqual(max(self.d.values(),
                             key=lambda x: x["percent"])["design"],
                         "generic-hook")

    def test_every_design_measured(self):
        self.assertTrue({"baseline-6.12", "generic-hook", "rfc-v2",
                         "rfc-v2-guarded", "rfc-v3", "tagged-pte",
                         "uffd-rwp-tag"} <= set(self.d))
        for name, x in self.d.items():
            if name == "baseline-6.12":
                continue
            self.assertGreater(x["lines"], 0, name)
            # RFC v2's damon_report_access() or v3's damon_report_page_fault()
            reports = {"design_damon_report",
                       "design_damon_report_page_fault"}
            self.assertTrue(reports & {f["name"] for f in x["functions"]},
                            name)
        self.assertEqual([r["function"] for r in
                          self.res["method"]["reference"]],
                         ["do_numa_page", "numa_migrate_check",
                          "numa_rebuild_single_mapping",
                          "numa_rebuild_large_mapping",
                          "do_huge_pmd_numa_page"])

    @unittest.skipUnless(BUILT_JSON, "no built JSON (set FAULTSIM_DUP_JSON)")
    def test_the_build_wrote_the_same(self):
        with open(BUILT_JSON) as f:
            self.assertEqual(json.load(f), self.res)


if __name__ == "__main__":
    unittest.main()
