"""A patched tree, built as it is: the source's own #includes against the
shim, the 'owned' list (tree-owned macros generated, shim-owned items
compared), user overlays, and the closure following a patch.

Each test copies the invented tree tools/tests/fixtures/tree (and its fake
shim, fixtures/tree-shim) to a scratch directory and edits it the way a
user's patch would."""

import json
import os
import re
import shutil
import subprocess

from kxutil import FIXTURES, Case, check_line_markers, kextract_module, run

TREE = os.path.join(FIXTURES, "tree")
SHIM = os.path.join(FIXTURES, "tree-shim")
MANIFEST = os.path.join(FIXTURES, "manifest-tree.json")


def load_manifest():
    with open(MANIFEST) as f:
        return json.load(f)


class TreeCase(Case):
    def setUp(self):
        super().setUp()
        self.tree = self.path("tree")
        self.shim = self.path("shim")
        shutil.copytree(TREE, self.tree)
        shutil.copytree(SHIM, self.shim)
        self.manifest = MANIFEST
        self.defs = self.fixture_defs()

    def patch(self, rel, old, new, root=None):
        """Replace old (which must be there once) by new in a tree file."""
        path = os.path.join(root or self.tree, rel)
        with open(path) as f:
            text = f.read()
        self.assertEqual(text.count(old), 1, f"{old!r} in {rel}")
        with open(path, "w") as f:
            f.write(text.replace(old, new))

    def line_of(self, rel, needle, root=None):
        with open(os.path.join(root or self.tree, rel)) as f:
            for n, line in enumerate(f, 1):
                if needle in line:
                    return n
        self.fail(f"{needle!r} not in {rel}")

    def overlay(self, data, name="overlay.json"):
        return self.write(name, data if isinstance(data, str) else json.dumps(data))

    def kx(self, cmd, *extras, manifest=None, shim=True):
        args = [cmd, "--ksrc", self.tree, "--manifest", manifest or self.manifest,
                "--defs", self.defs]
        for x in extras:
            args += ["--extra", x]
        if shim:
            args += ["--shim", self.shim]
        if cmd == "generate":
            args += ["--out", self.path("out")]
        return run(*args)

    def generate(self, *extras, **kw):
        self.assertOk(self.kx("generate", *extras, **kw))
        return self.read("out", "fault.c"), self.read("out", "fault.closure.txt")

    def compile(self, unit="fault.c"):
        """gcc on a generated unit as the build compiles it: the shim, then
        out/include; quoted includes in out/mm, then shim/mm."""
        r = subprocess.run(
            ["gcc", "-fsyntax-only", "-Wall", "-Werror=implicit-function-declaration",
             "-I", self.shim, "-I", self.path("out", "include"),
             "-iquote", self.path("out", "mm"), "-iquote", os.path.join(self.shim, "mm"),
             "-include", self.defs, self.path("out", unit)],
            stderr=subprocess.PIPE, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)


class SourceIncludesTest(TreeCase):
    def test_source_includes_reach_the_unit(self):
        text, _ = self.generate()
        fault_c = os.path.join(self.tree, "mm", "fault.c")
        self.assertIn(f'#line 6 "{fault_c}"\n#include <linux/mm.h>\n'
                      '#include <linux/fake-types.h>\n#include "internal.h"\n', text)
        check_line_markers(self, text)
        self.compile()

    def test_a_patch_adds_an_include(self):
        self.patch("mm/fault.c", '#include "internal.h"\n',
                   '#include "internal.h"\n#include <linux/fake-extra.h>\n')
        self.patch("mm/fault.c", "return x + TNF_DONE;",
                   "return x + TNF_DONE + FAKE_EXTRA_VALUE;")
        text, _ = self.generate()
        self.assertIn("#include <linux/fake-extra.h>\n", text)
        self.assertIn("FAKE_EXTRA_VALUE", text)
        self.compile()

    def test_explicit_includes_escape_still_replaces(self):
        m = load_manifest()
        m["units"][0]["includes"] = ["linux/mm.h"]
        text, _ = self.generate(manifest=self.write("m.json", json.dumps(m)))
        self.assertIn("#include <linux/mm.h>\n", text)
        self.assertNotIn("fake-types.h", text)

    def test_missing_header_is_one_line(self):
        self.patch("mm/fault.c", '#include "internal.h"\n',
                   '#include "internal.h"\n#include <linux/nosuch.h>\n')
        n = self.line_of("mm/fault.c", "linux/nosuch.h")
        self.assertKError(self.kx("check"), f"kextract: mm/fault.c:{n}: includes "
                          "<linux/nosuch.h>, which kshim does not provide")

    def test_missing_quoted_header_is_one_line(self):
        os.remove(os.path.join(self.shim, "mm", "internal.h"))
        self.assertKError(self.kx("check"), 'kextract: mm/fault.c:8: includes '
                          '"internal.h", which kshim does not provide')

    def test_no_shim_no_include_check(self):
        self.patch("mm/fault.c", '#include "internal.h"\n',
                   '#include "internal.h"\n#include <linux/nosuch.h>\n')
        self.assertOk(self.kx("check", shim=False))


class OwnedTest(TreeCase):
    def tree_header(self):
        return self.read("out", "include", "kshim-tree", "linux", "mm.h")

    def test_tree_owned_macros_generated(self):
        self.generate()
        text = self.tree_header()
        mm_h = os.path.join(self.tree, "include", "linux", "mm.h")
        self.assertIn(f'#line 7 "{mm_h}"\n#define MM_CP_ALPHA\t(1UL << 0)\n', text)
        self.assertIn("#define MM_CP_BOTH\t(MM_CP_ALPHA | \\\n\t\t\t MM_CP_BETA)\n", text)
        self.assertNotIn("a comment", text)   # comments dropped, lines kept
        self.assertNotIn("TNF_", text)        # shim-owned
        check_line_markers(self, text[:text.rindex("#endif")])
        out = self.assertOk(run("outputs", "--manifest", MANIFEST)).stdout
        self.assertIn("include/kshim-tree/linux/mm.h\t\n", out)

    def test_a_patch_adds_a_tree_owned_flag(self):
        """A new MM_CP_ flag, used by a new static helper called from an
        extracted function: it reaches the build with no shim change."""
        self.patch("include/linux/mm.h", "#define MM_CP_BETA\t(1UL << 1)\n",
                   "#define MM_CP_BETA\t(1UL << 1)\n#define MM_CP_FOO\t(1UL << 7)\n")
        self.patch("mm/fault.c", "int fault_handle(",
                   "static unsigned long fault_foo(void)\n{\n\treturn MM_CP_FOO;\n}\n\n"
                   "int fault_handle(")
        self.patch("mm/fault.c", "\tfault_count++;\n", "\tfault_count += fault_foo();\n")
        text, report = self.generate()
        self.assertIn("#define MM_CP_FOO\t(1UL << 7)\n", self.tree_header())
        self.assertIn("function fault_foo mm/fault.c:", report)
        self.compile()

    def test_shim_defining_a_tree_owned_macro(self):
        self.patch("linux/mm.h", "#define TNF_DONE 0x01\n",
                   "#define TNF_DONE 0x01\n#define MM_CP_BETA 2\n", root=self.shim)
        self.assertKError(self.kx("check"), "kshim linux/mm.h defines MM_CP_BETA, "
                          "which the 'owned' list takes from include/linux/mm.h")

    def test_shim_not_including_the_tree_header(self):
        self.patch("linux/mm.h", "#include <kshim-tree/linux/mm.h>\n", "", root=self.shim)
        self.assertKError(self.kx("check"), "does not include <kshim-tree/linux/mm.h>")

    def test_tree_adds_a_shim_owned_macro(self):
        self.patch("include/linux/mm.h", "#define TNF_AGAIN\t0x02\n",
                   "#define TNF_AGAIN\t0x02\n#define TNF_NEW\t0x04\n")
        n = self.line_of("include/linux/mm.h", "TNF_NEW")
        self.assertKError(self.kx("check"), f"kextract: include/linux/mm.h:{n}: "
                          "the tree defines macro TNF_NEW, which kshim linux/mm.h "
                          "(shim-owned) lacks")

    def test_tree_changes_a_shim_owned_value(self):
        self.patch("include/linux/mm.h", "#define TNF_AGAIN\t0x02\n",
                   "#define TNF_AGAIN\t0x20\n")
        self.assertKError(self.kx("check"), "macro TNF_AGAIN is 0x20 in the tree "
                          "but 0x02 in kshim linux/mm.h")

    def test_tree_adds_an_enumerator(self):
        self.patch("include/linux/mm.h", "\tFAKE_FLAG_WRITE = 1 << 1,\n",
                   "\tFAKE_FLAG_WRITE = 1 << 1,\n\tFAKE_FLAG_DAMON = 1 << 2,\n")
        self.assertKError(self.kx("check"), "the tree defines enum fake_flag: "
                          "enumerator FAKE_FLAG_DAMON, which kshim linux/mm.h")

    def test_tree_adds_a_struct_field(self):
        self.patch("include/linux/mm.h", "\tint skipped_by_shim;\n",
                   "\tint skipped_by_shim;\n\tunsigned long damon_region;\n")
        n = self.line_of("include/linux/mm.h", "struct fake_fault {")
        self.assertKError(self.kx("check"), f"kextract: include/linux/mm.h:{n}: "
                          "struct fake_fault: the tree has field damon_region, "
                          "which kshim linux/mm.h lacks (model it, or list it in 'omits')")

    def test_field_in_an_anonymous_member(self):
        self.patch("include/linux/mm.h", "\t\tint orig_small;\n",
                   "\t\tint orig_small;\n\t\tshort orig_tiny;\n")
        self.assertKError(self.kx("check"), "the tree has field orig_tiny")

    def test_field_under_an_unset_config_is_not_compared(self):
        # CONFIG_GIZMO_TRACE is not set: unifdef drops extra_only_with_config
        self.assertOk(self.kx("check"))

    def test_values_compare_without_sparse_casts(self):
        km = kextract_module()
        self.assertEqual(km.norm_value("(__force vm_fault_t) 0x000001"), "0x000001")
        self.assertEqual(km.enum_values("A = (__force t)1 << 0,\n B,"),
                         {"A": "1<<0", "B": "A+1"})

    def test_struct_fields(self):
        km = kextract_module()
        body = km.aggregate_body(
            "struct s {\n\tint a, *b;\n\tvoid (*cb)(int x);\n\tchar n[4];\n"
            "\tunsigned f : 2;\n\tunion { long u; struct { int v; }; };\n"
            "\tstruct { int w; } named;\n#ifdef X\n\tint x;\n#endif\n};\n",
            "struct", "s")
        self.assertEqual(body[0], 1)
        self.assertEqual(km.struct_fields(body[1]),
                         {"a", "b", "cb", "n", "f", "u", "v", "named", "x"})

    def test_bad_owned_entry(self):
        m = load_manifest()
        m["owned"][3]["owner"] = "tree"
        self.assertKError(self.kx("check", manifest=self.write("m.json", json.dumps(m))),
                          "(owned #4)", "the tree can own 'macros' or a 'header'")
        m["owned"][3] = {"tree": "include/linux/mm.h", "owner": "shim", "why": "x",
                         "shim": "linux/mm.h", "enum": "e", "struct": "s"}
        self.assertKError(self.kx("check", manifest=self.write("m.json", json.dumps(m))),
                          "give exactly one of")


class OverlayTest(TreeCase):
    def test_overlay_adds_function_cut_export(self):
        x = self.overlay({"units": [{"name": "fault", "functions": ["fault_other"],
                                     "cut": ["fault_helper"],
                                     "export": ["fault_other"]}]})
        text, report = self.generate(x)
        self.assertIn("function fault_other mm/fault.c:", report)
        self.assertIn("cut fault_helper mm/fault.c:12-15 (prototype emitted)", report)
        self.assertIn("export fault_other", report)
        self.assertNotIn("return x + TNF_DONE;", text)   # the cut body
        self.assertIn("\nint fault_other(int x)\n", text)

    def test_overlay_export_drops_static(self):
        x = self.overlay({"units": [{"name": "fault", "export": ["fault_helper"]}]})
        text, _ = self.generate(x)
        self.assertIn("\nint fault_helper(int x)\n", text)

    def test_overlay_adds_a_unit_and_a_file(self):
        with open(os.path.join(self.tree, "mm", "damon_fault.c"), "w") as f:
            f.write('#include <linux/mm.h>\n\nstatic int report(int x)\n{\n'
                    '\treturn x + TNF_AGAIN;\n}\n\nint damon_report(int x)\n{\n'
                    '\treturn report(x);\n}\n')
        x = self.overlay({"files": ["mm/damon_fault.c"], "units": [
            {"name": "damon_fault", "mode": "functions", "source": "mm/damon_fault.c",
             "functions": ["damon_report"]}]})
        self.assertOk(self.kx("generate", x))
        self.assertIn("function report mm/damon_fault.c:3-6",
                      self.read("out", "damon_fault.closure.txt"))
        out = self.assertOk(run("outputs", "--manifest", MANIFEST, "--extra", x)).stdout
        self.assertIn("damon_fault.c\tmm\n", out)
        files = self.assertOk(run("files", "--manifest", MANIFEST, "--extra", x)).stdout
        self.assertIn("mm/damon_fault.c", files.splitlines())
        self.compile("damon_fault.c")

    def test_overlays_apply_in_order(self):
        a = self.overlay({"units": [{"name": "fault", "functions": ["fault_other"]}]}, "a.json")
        b = self.overlay({"units": [{"name": "fault", "export": ["fault_other"]}]}, "b.json")
        _, report = self.generate(a, b)
        self.assertIn("export fault_other", report)

    def test_unknown_function(self):
        x = self.overlay({"units": [{"name": "fault", "functions": ["do_damon_page"]}]})
        self.assertKError(self.kx("check", x), f"kextract: {x} (unit fault): "
                          "function do_damon_page not found in mm/fault.c")

    def test_function_without_an_extent(self):
        x = self.overlay({"units": [{"name": "fault", "functions": ["fault_declared_only"]}]})
        n = self.line_of("mm/fault.c", "int fault_declared_only(int x);")
        self.assertKError(self.kx("check", x), f"{x} (unit fault)",
                          "function fault_declared_only: no definition with a body",
                          f"only a declaration at line {n})")

    def test_overlay_config(self):
        """A function of the patch under #ifdef CONFIG_X: the overlay entry
        gives 'config', so a kconfig without it does not look it up."""
        self.patch("mm/fault.c", "int fault_declared_only(int x);\n",
                   "int fault_declared_only(int x);\n\n#ifdef CONFIG_GIZMO_TRACE\n"
                   "int fault_traced(int x)\n{\n\treturn x;\n}\n#endif\n")
        bare = self.overlay({"units": [{"name": "fault", "functions": ["fault_traced"]}]})
        self.assertKError(self.kx("check", bare), f"{bare} (unit fault)",
                          "function fault_traced not found in mm/fault.c with this "
                          "kconfig (it is under a config not set; an overlay entry "
                          "can give 'config')")
        x = self.overlay({"units": [{"name": "fault", "config": "CONFIG_GIZMO_TRACE",
                                     "functions": ["fault_traced"],
                                     "export": ["fault_traced"]}]}, "c.json")
        _, report = self.generate(x)
        self.assertNotIn("fault_traced", report)
        self.defs = self.write("traced.h", "#define CONFIG_GIZMO_TRACE 1\n")
        _, report = self.generate(x, shim=False)  # (the struct has one more field)
        self.assertIn("function fault_traced mm/fault.c:", report)
        self.assertIn("export fault_traced", report)
        x = self.overlay({"units": [{"name": "fault", "config": "GIZMO",
                                     "functions": ["fault_traced"]}]}, "d.json")
        self.assertKError(self.kx("check", x), "'config' must be a CONFIG_ symbol")

    def test_unknown_cut_and_export(self):
        x = self.overlay({"units": [{"name": "fault", "cut": ["nope"]}]})
        self.assertKError(self.kx("check", x), f"{x} (unit fault)", "function nope not found")
        x = self.overlay({"units": [{"name": "fault", "export": ["fault_other"]}]})
        self.assertKError(self.kx("check", x), f"{x} (unit fault)",
                          "export: function fault_other is not emitted")

    def test_unknown_unit(self):
        x = self.overlay({"units": [{"name": "fualt", "functions": ["fault_other"]}]})
        self.assertKError(self.kx("check", x), f"{x} (unit fualt)",
                          "unknown unit 'fualt' (units: fault)")

    def test_bad_keys(self):
        x = self.overlay({"units": [{"name": "fault", "function": ["fault_other"]}]})
        self.assertKError(self.kx("check", x), f"{x} (unit fault)", "unknown key 'function'")
        x = self.overlay({"unit": []})
        self.assertKError(self.kx("check", x), f"{x}: unknown key 'unit'")
        x = self.overlay({"units": [{"name": "fault", "functions": "fault_other"}]})
        self.assertKError(self.kx("check", x), "key 'functions' must be a list")
        x = self.overlay({"units": [{"name": "fault", "functions": ["a b"]}]})
        self.assertKError(self.kx("check", x), "bad entry 'a b' in 'functions'")
        x = self.overlay('{"units": [}')
        self.assertKError(self.kx("check", x), f"{x}:1", "bad JSON")

    def test_overlay_conflicts(self):
        x = self.overlay({"units": [{"name": "fault", "functions": ["fault_slow"]}]})
        self.assertKError(self.kx("check", x), "'fault_slow' is both wanted and cut")
        x = self.overlay({"units": [{"name": "fault", "mode": "functions",
                                     "source": "mm/fault.c", "functions": ["x"]}]})
        self.assertKError(self.kx("check", x), "unit fault already exists")
        x = self.overlay({"units": [{"name": "n", "mode": "functions",
                                     "source": "mm/new.c", "functions": ["x"]}]})
        self.assertKError(self.kx("check", x), "'mm/new.c' is not listed in 'files'")
        x = self.overlay({"kernel": "6.13"})
        self.assertKError(self.kx("check", x), "overlay is for kernel 6.13")

    def test_missing_overlay(self):
        self.assertKError(self.kx("check", self.path("none.json")), "none.json",
                          "cannot read")

    def test_given_manifest_replaces_the_built_in_one(self):
        # --manifest is the whole manifest: what it names is what is built
        m = load_manifest()
        m["units"][0]["functions"] = ["fault_other"]
        del m["units"][0]["cut"]
        text, report = self.generate(manifest=self.write("m.json", json.dumps(m)))
        self.assertIn("function fault_other", report)
        self.assertNotIn("fault_handle", text)


class ClosureFollowsThePatchTest(TreeCase):
    def test_new_static_helper_pulled_in(self):
        """A patch adds a static helper (and a macro and a static variable
        it uses) and calls it from an extracted function: no manifest or
        overlay change is needed."""
        self.patch("mm/fault.c", "int fault_handle(",
                   "#define FAULT_DAMON_BIAS 3\nstatic int damon_hits;\n\n"
                   "static int do_damon_fault(struct fake_fault *f)\n{\n"
                   "\tdamon_hits++;\n\treturn fault_helper(f->node) + FAULT_DAMON_BIAS;\n}\n\n"
                   "int fault_handle(")
        self.patch("mm/fault.c", "\tif (f->flags & FAKE_FLAG_WRITE)\n",
                   "\tif (f->flags & FAKE_FLAG_READ)\n\t\treturn do_damon_fault(f);\n"
                   "\tif (f->flags & FAKE_FLAG_WRITE)\n")
        text, report = self.generate()
        start = self.line_of("mm/fault.c", "static int do_damon_fault")
        self.assertIn(f"function do_damon_fault mm/fault.c:{start}-{start + 4}", report)
        self.assertIn("macro FAULT_DAMON_BIAS", report)
        self.assertIn("variable damon_hits", report)
        self.assertEqual(len(re.findall(r"do_damon_fault\(struct", text)), 1)
        check_line_markers(self, text)
        self.compile()


class DesignTest(TreeCase):
    """An overlay's "design": the tree's own DAMON fault reporting as
    tree:<name> (tree_design.c) and its report calls seen by faultsim."""

    def design(self, **d):
        return self.overlay({"design": dict({"name": "watch"}, **d)})

    def test_no_design_no_tree_design(self):
        self.generate()
        text = self.read("out", "tree_design.c")
        self.assertIn("no overlay gives a design", text)
        self.assertNotIn("FAULTSIM_DESIGN(", text)

    def test_design_registered_with_the_tree_install(self):
        x = self.design(install="fault_other", install_header="linux/mm.h",
                        claims='Says "no misroute".')
        self.generate(x)
        text = self.read("out", "tree_design.c")
        self.assertIn('.name = "tree:watch",', text)
        self.assertIn('.claims = "Says \\"no misroute\\".",', text)
        self.assertIn("#include <linux/mm.h>\n", text)
        self.assertIn("\tlong ret = fault_other(vma, addr);\n", text)
        self.assertIn("hint_install_begin(HINT_OWNER_DAMON)", text)
        self.assertIn("FAULTSIM_DESIGN(tree_design);", text)

    def test_design_without_install_gives_damon_no_hints(self):
        self.generate(self.design())
        text = self.read("out", "tree_design.c")
        self.assertIn('.name = "tree:watch",', text)
        self.assertNotIn("damon_install", text)

    def test_report_calls_wrapped(self):
        x = self.design(report="fault_helper", size_field="node")
        text, _ = self.generate(x)
        # fault_helper is extracted here: its own unit is left alone
        self.assertNotIn("#define fault_helper(", text)
        x = self.design(report="fault_slow", addr_field="node",
                        report_addr="paddr")
        text, _ = self.generate(x)
        self.assertIn("#define fault_slow(r, ...) ({ __auto_type __faultsim_r"
                      " = (r); faultsim_hook_damon_report(__faultsim_r->node,"
                      " FAULTSIM_NO_ADDR, 1UL); (fault_slow)(__faultsim_r, "
                      "##__VA_ARGS__); })\n", text)

    def test_bad_design(self):
        x = self.design(name="Bad Name")
        self.assertKError(self.kx("check", x), f"{x} (design)",
                          "name 'Bad Name': 1-24 of a-z, 0-9")
        x = self.design(install="not an ident")
        self.assertKError(self.kx("check", x), f"{x} (design)",
                          "install 'not an ident' is not a C identifier")
        x = self.design(report_addr="both")
        self.assertKError(self.kx("check", x), f"{x} (design)",
                          "report_addr 'both': 'vaddr' or 'paddr'")
        x = self.design(reprot="fault_slow")
        self.assertKError(self.kx("check", x), f"{x} (design)",
                          "unknown key 'reprot'")
        x = self.overlay({"design": {"install": "fault_other"}})
        self.assertKError(self.kx("check", x), f"{x} (design)", "name")

    def test_one_design(self):
        a = self.design()
        b = self.overlay({"design": {"name": "other"}}, name="b.json")
        self.assertKError(self.kx("check", a, b), b,
                          f"a second 'design' (the first is in {a})")
