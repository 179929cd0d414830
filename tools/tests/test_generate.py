"""generate/check on the invented fixture tree: whole and functions mode."""

import contextlib
import io
import json
import os
import subprocess
import unittest

from kxutil import (FIX_KSRC, FIXTURES, Case, check_line_markers,
                    kernel_lines, kextract_module, run)

GIZMO = os.path.join(FIX_KSRC, "mm", "gizmo.c")
FILES = ["Makefile", "include/linux/widget.h", "mm/gizmo.c", "mm/whole.c",
         "mm/sub/whole-test.h", "mm/ambiguous.c", "mm/unbalanced.c"]
SPIN_UNIT = {"name": "spin", "mode": "functions", "source": "mm/gizmo.c",
             "functions": ["gizmo_spin"],
             "cut": ["gizmo_slow_path", "gizmo_no_calls"],
             "rename": [{"in": "gizmo_spin", "call": "gizmo_hook_target",
                         "to": "faultsim_hook_gizmo_hook_target"}]}


class GenerateCase(Case):
    def manifest(self, *units, headers=()):
        return self.write("m.json", json.dumps({
            "kernel": "6.12", "files": FILES, "headers": list(headers),
            "units": list(units)}))

    def generate(self, *units, defs=None, headers=()):
        return run("generate", "--ksrc", FIX_KSRC,
                   "--manifest", self.manifest(*units, headers=headers),
                   "--defs", defs or self.fixture_defs(),
                   "--out", self.path("out"))

    def unit(self, **changes):
        unit = json.loads(json.dumps(SPIN_UNIT))
        unit.update(changes)
        return unit

    def spin(self, **changes):
        self.assertOk(self.generate(self.unit(**changes)))
        return self.read("out", "spin.c"), self.read("out", "spin.closure.txt")


class DefineMacroNameTest(unittest.TestCase):
    """The variable a DEFINE_*() line defines, which ctags misses."""

    def test_first_argument_names_the_variable(self):
        km = kextract_module()
        self.assertEqual(km.define_macro_name("DEFINE_MUTEX", "damon_lock"),
                         "damon_lock")

    def test_per_cpu_names_the_last_argument(self):
        # DEFINE_PER_CPU(type, name): "struct" must never become a name
        km = kextract_module()
        self.assertEqual(km.define_macro_name(
            "DEFINE_PER_CPU", "struct mthp_stat, mthp_stats"), "mthp_stats")
        self.assertIsNone(km.define_macro_name("DEFINE_PER_CPU",
                                               "struct x, *p"))


class WholeModeTest(GenerateCase):
    UNIT = {"name": "whole", "mode": "whole", "source": "mm/whole.c",
            "also": ["mm/sub/whole-test.h"]}

    def test_line_marker_and_preserved_lines(self):
        self.assertOk(self.generate(self.UNIT))
        for rel in ("mm/whole.c", "mm/sub/whole-test.h"):
            out = self.read("out", rel).splitlines()
            kern = kernel_lines(os.path.join(FIX_KSRC, rel))
            self.assertEqual(out[0], f'#line 1 "{os.path.join(FIX_KSRC, rel)}"')
            self.assertEqual(len(out), len(kern) + 1)
            for n in range(2, len(out) + 1):  # output line n is kernel n-1
                if out[n - 1]:
                    self.assertEqual(out[n - 1], kern[n - 2], f"{rel} line {n}")
        whole = self.read("out", "mm", "whole.c")
        self.assertIn("int widget_enabled = 1;", whole)
        self.assertNotIn("int widget_enabled = 0;", whole)
        self.assertNotIn("#ifdef CONFIG_WIDGET", whole)

    def test_gcc_diagnostics_point_at_kernel_file(self):
        defs = self.fixture_defs()
        self.assertOk(self.generate(self.UNIT, defs=defs))
        r = subprocess.run(["gcc", "-fsyntax-only", "-H", "-include", defs,
                            self.path("out", "mm", "whole.c")],
                           stderr=subprocess.PIPE, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(os.path.join(FIX_KSRC, "mm", "whole.c") + ":11:", r.stderr)
        self.assertIn(os.path.join(FIX_KSRC, "mm/sub/whole-test.h") + ":8:",
                      r.stderr)
        # the relative #include found the generated copy, not the kernel's
        self.assertIn(self.path("out", "mm", "sub", "whole-test.h"), r.stderr)

    def test_header_copied_verbatim(self):
        self.assertOk(self.generate(self.UNIT, headers=["include/linux/widget.h"]))
        with open(os.path.join(FIX_KSRC, "include/linux/widget.h"), "rb") as f:
            want = f.read()
        with open(self.path("out", "include/linux/widget.h"), "rb") as f:
            self.assertEqual(f.read(), want)

    def test_config_unset_writes_only_a_comment(self):
        self.assertOk(self.generate(dict(self.UNIT,
                                         config="CONFIG_GIZMO_MISSING")))
        for rel in ("mm/whole.c", "mm/sub/whole-test.h"):
            text = self.read("out", rel)
            self.assertEqual(len(text.splitlines()), 1, rel)
            self.assertIn("CONFIG_GIZMO_MISSING is not set", text)
            self.assertNotIn("widget_enabled", text)

    def test_config_set_extracts_whole(self):
        self.assertOk(self.generate(dict(self.UNIT,
                                         config="CONFIG_GIZMO_FAST")))
        self.assertIn("int widget_enabled = 1;",
                      self.read("out", "mm", "whole.c"))

    def test_config_must_be_a_config_symbol(self):
        self.assertKError(self.generate(dict(self.UNIT, config="GIZMO_FAST")),
                          "unit whole", "'config' must be a CONFIG_ symbol")

    def test_check_writes_nothing(self):
        r = run("check", "--ksrc", FIX_KSRC, "--manifest",
                self.manifest(self.UNIT, SPIN_UNIT), "--defs", self.fixture_defs())
        self.assertOk(r)
        self.assertFalse(os.path.exists(self.path("out")))

    def test_rewrites_only_on_change(self):
        self.assertOk(self.generate(self.UNIT, SPIN_UNIT))
        outs = [self.path("out", "mm", "whole.c"), self.path("out", "spin.c")]
        for out in outs:
            os.utime(out, (1000, 1000))
        self.assertOk(self.generate(self.UNIT, SPIN_UNIT))
        self.assertEqual([os.stat(o).st_mtime for o in outs], [1000, 1000])
        self.assertOk(self.generate(self.UNIT, SPIN_UNIT,
                                    defs=self.fixture_defs("full", "quiet")))
        self.assertNotEqual(os.stat(outs[0]).st_mtime, 1000)  # #warning gone
        self.assertEqual(os.stat(outs[1]).st_mtime, 1000)     # unaffected


class FunctionsModeTest(GenerateCase):
    def closure_names(self, report, kind):
        return {l.split()[1] for l in report.splitlines() if l.startswith(kind + " ")}

    def test_closure_contents(self):
        text, report = self.spin()
        funcs = self.closure_names(report, "function")
        self.assertEqual(funcs, {"gizmo_spin", "gizmo_helper", "gizmo_name",
                                 "gizmo_speed", "gizmo_forward"})
        self.assertEqual(self.closure_names(report, "macro"),
                         {"GIZMO_MAX", "GIZMO_CLAMP"})  # GIZMO_MAX via a macro
        self.assertIn("gizmo_state", self.closure_names(report, "enum"))
        self.assertIn("gizmo_stats", self.closure_names(report, "struct"))
        self.assertIn("gizmo_id_t", self.closure_names(report, "typedef"))
        variables = self.closure_names(report, "variable")
        self.assertEqual(variables, {"gizmo_global_stats", "gizmo_lock"})
        self.assertIn("prototype gizmo_forward mm/gizmo.c:39-39", report)
        for absent in ("gizmo_unused_helper", "GIZMO_UNUSED_MACRO",
                       "gizmo_unused_counter", "gizmo_hook_target(int x)",
                       "gizmo_no_calls", "GIZMO_TRACE"):
            self.assertNotIn(absent, text)
        self.assertIn("#define GIZMO_CLAMP(v)\t\t\t\t\\\n", text)

    def test_line_markers_point_at_kernel_lines(self):
        text, _ = self.spin()
        self.assertGreater(check_line_markers(
            self, text, ["faultsim_hook_gizmo_hook_target"]), 40)
        self.assertIn(f'#line 84 "{GIZMO}"\nint gizmo_spin(int x)\n', text)

    def test_cut_gives_prototype_not_body(self):
        text, report = self.spin()
        self.assertIn(f'#line 71 "{GIZMO}"\nint\ngizmo_slow_path(struct '
                      'gizmo_stats *stats,\n\t\tint depth);\n', text)
        self.assertNotIn("stats->spins += depth", text)
        self.assertIn("cut gizmo_slow_path mm/gizmo.c:71-77 (prototype emitted)",
                      report)
        self.assertIn("cut gizmo_no_calls mm/gizmo.c:102-105 (not referenced)",
                      report)
        # the prototype comes before its first use
        self.assertLess(text.index("int depth);"), text.index("int gizmo_spin"))

    def test_ifdef_variant_selected_by_config(self):
        text, _ = self.spin()
        self.assertIn("return 2;", text)
        self.assertNotIn("return 1;", text)
        self.assertOk(self.generate(self.unit(), defs=self.fixture_defs("base")))
        self.assertIn("return 1;", self.read("out", "spin.c"))

    def test_braces_in_strings_and_comments(self):
        text, report = self.spin()
        self.assertIn("function gizmo_name mm/gizmo.c:51-57", report)
        self.assertIn('return id == \'}\' ? "brace" : "other";\n}\n', text)

    def test_rename(self):
        text, report = self.spin()
        self.assertEqual(text.count("faultsim_hook_gizmo_hook_target(x)"), 2)
        self.assertNotRegex(text, r"(?<!\w)gizmo_hook_target\(")
        self.assertIn("rename gizmo_spin: gizmo_hook_target -> "
                      "faultsim_hook_gizmo_hook_target", report)

    def test_rename_not_found(self):
        unit = self.unit(rename=[{"in": "gizmo_spin", "call": "gizmo_gone",
                                  "to": "hook"}])
        self.assertKError(self.generate(unit), "unit spin", "no call of gizmo_gone",
                          "review the manifest")

    def test_rename_in_function_not_emitted(self):
        unit = self.unit(rename=[{"in": "gizmo_no_calls", "call": "x", "to": "y"}])
        self.assertKError(self.generate(unit), "gizmo_no_calls", "not emitted")

    def test_function_not_found(self):
        self.assertKError(self.generate(self.unit(functions=["gizmo_nope"])),
                          "unit spin", "function gizmo_nope not found")

    def test_cut_not_found(self):
        self.assertKError(self.generate(self.unit(cut=["gizmo_nope"])),
                          "gizmo_nope", "not found")

    def test_source_includes_and_pr_fmt(self):
        text, _ = self.spin()
        head = text[:text.index("#define GIZMO_MAX")]
        self.assertIn('#define pr_fmt(fmt) "gizmo: " fmt\n', head)
        self.assertIn("#include <linux/widget.h>\n", head)
        self.assertIn('#include "gizmo-internal.h"\n', head)
        self.assertNotIn("gizmo-trace.h", head)  # inside a removed #ifdef

    def test_explicit_includes_and_compiles(self):
        text, _ = self.spin(includes=["gizmo-shim.h"])
        self.assertIn("#include <gizmo-shim.h>\n", text)
        self.assertNotIn("widget.h", text)
        r = subprocess.run(["gcc", "-fsyntax-only", "-Wall", "-I",
                            os.path.join(FIXTURES, "shim"), self.path("out", "spin.c")],
                           stderr=subprocess.PIPE, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_export_drops_static_keeps_lines(self):
        plain, _ = self.spin()
        text, _ = self.spin(export=["gizmo_forward", "gizmo_helper"])
        self.assertEqual(len(text.splitlines()), len(plain.splitlines()))
        self.assertIn(f'#line 97 "{GIZMO}"\nint gizmo_forward(int x)\n', text)
        self.assertIn("\nint gizmo_forward(int x);\n", text)  # its prototype
        self.assertIn("\nint gizmo_helper(int x)\n", text)
        self.assertNotIn("static int gizmo_forward", text)
        self.assertIn("static const char *gizmo_name", text)  # not exported
        self.assertIn("export gizmo_forward\n", self.read("out", "spin.closure.txt"))
        self.assertGreater(check_line_markers(
            self, text, ["faultsim_hook_gizmo_hook_target"]), 40)

    def test_export_of_function_not_emitted(self):
        self.assertKError(self.generate(self.unit(export=["gizmo_no_calls"])),
                          "unit spin", "export: function gizmo_no_calls is not emitted")

    def test_config_unset_extracts_nothing(self):
        text, report = self.spin(config="CONFIG_GIZMO_MISSING",
                                 functions=["gizmo_nope"])
        self.assertNotIn("gizmo", text.replace("unit spin", ""). \
                         replace("mm/gizmo.c", ""))
        self.assertIn("CONFIG_GIZMO_MISSING is not set", text)
        self.assertIn("CONFIG_GIZMO_MISSING is not set", report)

    def test_config_set_extracts(self):
        text, _ = self.spin(config="CONFIG_GIZMO_FAST")
        self.assertIn("int gizmo_spin(int x)", text)

    def test_config_must_be_a_config_symbol(self):
        self.assertKError(self.generate(self.unit(config="GIZMO_FAST")),
                          "unit spin", "'config' must be a CONFIG_ symbol")

    def test_cut_prototype_inside_a_chunk(self):
        # struct gizmo_box and gizmo_box_use are adjacent (one chunk); the
        # prototype must split the chunk so both of its struct types are
        # defined before it and it comes before the call.
        unit = {"name": "box", "mode": "functions", "source": "mm/gizmo.c",
                "functions": ["gizmo_box_use"], "cut": ["gizmo_pair_cut"],
                "includes": []}
        self.assertOk(self.generate(unit))
        text = self.read("out", "box.c")
        proto = text.index("int gizmo_pair_cut(struct gizmo_pair p);")
        self.assertLess(text.index("struct gizmo_box {"), proto)
        self.assertLess(proto, text.index("int gizmo_box_use("))
        self.assertNotIn("return p.a + p.b;", text)
        check_line_markers(self, text)
        r = subprocess.run(["gcc", "-fsyntax-only", "-Wall", "-Werror",
                            self.path("out", "box.c")],
                           stderr=subprocess.PIPE, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_ambiguous_definition(self):
        unit = {"name": "amb", "mode": "functions", "source": "mm/ambiguous.c",
                "functions": ["use_twice"]}
        self.assertKError(self.generate(unit), "ambiguous definition",
                          "twice", "lines 3, 8")

    def test_unbalanced_braces(self):
        unit = {"name": "unb", "mode": "functions", "source": "mm/unbalanced.c",
                "functions": ["lopsided"]}
        self.assertKError(self.generate(unit), "unbalanced.c:")


class CtagsCrossCheckTest(GenerateCase):
    """Fake a ctags/brace-matcher disagreement by editing ctags' answer."""

    def test_mismatch_is_an_error(self):
        kx = kextract_module()
        real = kx.read_ctags

        def lying_ctags(text, where):
            tags = real(text, where)
            for tag in tags:
                if tag["name"] == "gizmo_helper" and tag["kind"] == "function":
                    tag["end"] += 2
            return tags

        kx.read_ctags = lying_ctags
        self.addCleanup(setattr, kx, "read_ctags", real)
        with self.assertRaises(kx.KError) as cm:
            kx.KFile(FIX_KSRC, "mm/gizmo.c", self.fixture_defs())
        msg = str(cm.exception)
        self.assertIn("gizmo_helper", msg)
        self.assertIn("[41,46]", msg)   # ctags
        self.assertIn("[41,44]", msg)   # brace matcher
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            status = kx.main(["check", "--ksrc", FIX_KSRC, "--manifest",
                              self.manifest(SPIN_UNIT), "--defs",
                              self.fixture_defs()])
        self.assertEqual(status, 2)
        self.assertEqual(len(err.getvalue().splitlines()), 1)
        self.assertIn("disagrees with brace matcher", err.getvalue())

    def test_all_fixture_functions_agree(self):
        kf = kextract_module().KFile(FIX_KSRC, "mm/gizmo.c", self.fixture_defs())
        funcs = sorted(d.name for ds in kf.defs.values() for d in ds
                       if d.kind == "function")
        self.assertEqual(len(funcs), 11, funcs)  # gizmo_speed once after unifdef


if __name__ == "__main__":
    unittest.main()
