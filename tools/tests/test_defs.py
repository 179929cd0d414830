"""kextract defs: merging kconfig fragments into a CONFIG_ header."""

import os
import subprocess
import unittest

from kxutil import FIX_KCONFIGS, REPO, Case, run


class DefsTest(Case):
    def defs(self, kconfig="full", *extras):
        return self.read(os.path.basename(self.fixture_defs(kconfig, *extras)))

    def defs_error(self, kconfig, *extras):
        args = ["defs", "--kconfig-dir", FIX_KCONFIGS, "--kconfig", kconfig]
        for e in extras:
            args += ["--extra", e]
        return run(*args, "-o", self.path("out.h"))

    def test_merge_and_override(self):
        text = self.defs()
        lines = text.splitlines()
        self.assertIn("#define CONFIG_MMU 1", lines)           # from base
        self.assertIn("#define CONFIG_HZ 250", lines)          # full wins
        self.assertNotIn("#define CONFIG_HZ 100", lines)
        self.assertIn('#define CONFIG_NAME "full config"', lines)
        self.assertIn("#define CONFIG_GIZMO_FAST 1", lines)    # not set -> y
        self.assertIn("#undef CONFIG_GIZMO_TRACE", lines)      # stays unset

    def test_module_value(self):
        lines = self.defs().splitlines()
        self.assertIn("#define CONFIG_DRIVER_MODULE 1", lines)
        self.assertFalse([l for l in lines if l.startswith("#define CONFIG_DRIVER ")])

    def test_sorted_with_comment_naming_fragments(self):
        text = self.defs()
        self.assertTrue(text.startswith("/*"))
        head = text.split("*/")[0]
        self.assertIn("base.config", head)
        self.assertIn("full.config", head)
        syms = [l.split()[1] for l in text.splitlines()
                if l.startswith(("#define", "#undef"))]
        self.assertEqual(syms, sorted(syms))

    def test_extras_apply_in_order(self):
        lines = self.defs("full", "quiet").splitlines()
        self.assertIn("#define CONFIG_HZ 300", lines)
        self.assertIn("#undef CONFIG_FIXTURE_WARN", lines)
        self.assertIn("quiet.config", "\n".join(lines[:8]))

    def test_not_set_and_n(self):
        lines = self.defs("full", "no-vaddr").splitlines()
        self.assertIn("#undef CONFIG_DAMON_VADDR", lines)
        self.assertIn("#undef CONFIG_DAMON_PADDR", lines)  # written as =n

    def test_dependency_damon(self):
        line = self.assertKError(self.defs_error("full", "no-damon"),
                                 "CONFIG_DAMON_VADDR", "requires CONFIG_DAMON")
        self.assertIn("full.config:", line)  # where the dependent was set

    def test_dependency_numa(self):
        self.assertKError(self.defs_error("full", "no-numa"),
                          "CONFIG_NUMA_BALANCING", "requires CONFIG_NUMA")

    def test_dependency_thp_migration(self):
        self.assertKError(self.defs_error("full", "thp-migration"),
                          "CONFIG_ARCH_ENABLE_THP_MIGRATION",
                          "CONFIG_TRANSPARENT_HUGEPAGE")

    def test_malformed_line(self):
        self.assertKError(self.defs_error("malformed"), "malformed.config:3",
                          "malformed")

    def test_unknown_kconfig_lists_available(self):
        line = self.assertKError(self.defs_error("nope"), "nope.config",
                                 "full", "quiet", "no-damon")
        self.assertNotIn("base,", line)

    def test_unknown_extra(self):
        self.assertKError(self.defs_error("full", "missing-extra"),
                          "missing-extra.config")

    def test_usable_by_unifdef_and_gcc(self):
        defs = self.fixture_defs()
        src = self.write("probe.c", "\n".join([
            "#ifdef CONFIG_GIZMO_FAST", "int fast;", "#endif",
            "#ifdef CONFIG_GIZMO_TRACE", "int trace;", "#endif",
            "#if CONFIG_HZ > 200", "int hz_high;", "#endif", ""]))
        r = subprocess.run(["unifdef", "-l", "-f", defs, src],
                           stdout=subprocess.PIPE, text=True)
        self.assertIn(r.returncode, (0, 1))
        self.assertIn("int fast;", r.stdout)
        self.assertNotIn("int trace;", r.stdout)
        self.assertIn("int hz_high;", r.stdout)
        check = self.write("check.c", "\n".join([
            '_Static_assert(CONFIG_HZ == 250, "hz");',
            '_Static_assert(CONFIG_DRIVER_MODULE, "module");',
            '_Static_assert(sizeof(CONFIG_NAME) == 12, "string");',
            "#ifdef CONFIG_GIZMO_TRACE", "#error trace", "#endif", ""]))
        r = subprocess.run(["gcc", "-fsyntax-only", "-include", defs, check],
                           stderr=subprocess.PIPE, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_rewrites_only_on_change(self):
        out = self.fixture_defs()
        os.utime(out, (1000, 1000))
        self.fixture_defs()
        self.assertEqual(os.stat(out).st_mtime, 1000)
        self.fixture_defs("full", "quiet")  # same -o name, new content
        self.assertNotEqual(os.stat(out).st_mtime, 1000)


@unittest.skipUnless(os.path.isfile(os.path.join(REPO, "kconfigs", "base.config")),
                     "the project's kconfigs/ is not there yet")
class ProjectKconfigsTest(Case):
    """The project's own fragments satisfy the dependency checks."""

    def test_every_kconfig_merges(self):
        kdir = os.path.join(REPO, "kconfigs")
        names = [f[:-7] for f in os.listdir(kdir) if f.endswith(".config")
                 and f not in ("base.config", "kunit.config")]
        self.assertIn("full", names)
        runs = [[name] for name in names]
        if os.path.isfile(os.path.join(kdir, "kunit.config")):
            runs.append(["full", "--extra", "kunit"])  # kunit is an extra
        for args in runs:
            with self.subTest(args=args):
                self.assertOk(run("defs", "--kconfig-dir", kdir, "--kconfig",
                                  *args, "-o", self.path("d.h")))

if __name__ == "__main__":
    unittest.main()
