"""Manifest validation: every mistake is one line on stderr, status 2."""

import json
import os
import unittest

from kxutil import FIX_KSRC, FIXTURES, Case, run

GOOD = {
    "kernel": "6.12",
    "files": ["Makefile", "include/linux/widget.h", "mm/gizmo.c", "mm/whole.c",
              "mm/sub/whole-test.h"],
    "headers": ["include/linux/widget.h"],
    "units": [
        {"name": "whole", "mode": "whole", "source": "mm/whole.c",
         "also": ["mm/sub/whole-test.h"]},
        {"name": "gizmo", "mode": "functions", "source": "mm/gizmo.c",
         "functions": ["gizmo_spin"], "cut": ["gizmo_slow_path"]},
    ],
}


def variant(edit):
    m = json.loads(json.dumps(GOOD))
    edit(m)
    return m


class ManifestTest(Case):
    def check(self, manifest, defs=None):
        path = self.write("m.json", manifest if isinstance(manifest, str)
                          else json.dumps(manifest))
        return run("check", "--ksrc", FIX_KSRC, "--manifest", path,
                   "--defs", defs or self.fixture_defs())

    def test_good_manifest_passes(self):
        self.assertOk(self.check(GOOD))

    def test_files_subcommand(self):
        path = self.write("m.json", json.dumps(GOOD))
        out = self.assertOk(run("files", "--manifest", path)).stdout
        self.assertEqual(out.splitlines(), GOOD["files"])

    def test_bad_json(self):
        self.assertKError(self.check('{"kernel": "6.12",\n "files": [,]}'),
                          "m.json:2", "bad JSON")

    def test_missing_manifest(self):
        self.assertKError(run("files", "--manifest", self.path("none.json")),
                          "none.json", "cannot read")

    def test_missing_key(self):
        self.assertKError(self.check(variant(lambda m: m.pop("units"))),
                          "missing key 'units'")

    def test_wrong_type(self):
        self.assertKError(self.check(variant(lambda m: m.update(files="Makefile"))),
                          "'files' must be a list")

    def test_wrong_entry_type(self):
        self.assertKError(self.check(variant(lambda m: m["files"].append(3))),
                          "bad entry 3")

    def test_not_an_object(self):
        self.assertKError(self.check("[1, 2]"), "expected a JSON object")
        self.assertKError(self.check(variant(lambda m: m["units"].append("x"))),
                          "unit must be a JSON object")

    def test_unknown_top_key(self):
        self.assertKError(self.check(variant(lambda m: m.update(extra=1))),
                          "unknown key 'extra'")

    def test_unknown_unit_key(self):
        def edit(m):
            m["units"][1]["function"] = ["typo"]
        self.assertKError(self.check(variant(edit)), "unit gizmo",
                          "unknown key 'function'")

    def test_key_of_other_mode(self):
        def edit(m):
            m["units"][0]["cut"] = ["x"]
        self.assertKError(self.check(variant(edit)), "unit whole",
                          "unknown key 'cut'")

    def test_bad_mode(self):
        def edit(m):
            m["units"][0]["mode"] = "partial"
        self.assertKError(self.check(variant(edit)), "'mode' must be one of")

    def test_source_not_in_files(self):
        self.assertKError(self.check(variant(lambda m: m["files"].remove("mm/gizmo.c"))),
                          "unit gizmo", "'mm/gizmo.c' is not listed in 'files'")

    def test_also_not_in_files(self):
        self.assertKError(
            self.check(variant(lambda m: m["files"].remove("mm/sub/whole-test.h"))),
            "unit whole", "not listed")

    def test_header_not_in_files(self):
        self.assertKError(self.check(variant(lambda m: m["headers"].append("x.h"))),
                          "header 'x.h' is not listed")

    def test_absolute_path(self):
        self.assertKError(self.check(variant(lambda m: m["files"].append("/etc/passwd"))),
                          "must be relative")

    def test_duplicate_unit_name(self):
        def edit(m):
            m["units"][1]["name"] = "whole"
        self.assertKError(self.check(variant(edit)), "unique")

    def test_empty_functions(self):
        def edit(m):
            m["units"][1]["functions"] = []
        self.assertKError(self.check(variant(edit)), "must not be empty")

    def test_wanted_and_cut(self):
        def edit(m):
            m["units"][1]["cut"].append("gizmo_spin")
        self.assertKError(self.check(variant(edit)), "both wanted and cut")

    def test_rename_missing_key(self):
        def edit(m):
            m["units"][1]["rename"] = [{"in": "gizmo_spin", "call": "x"}]
        self.assertKError(self.check(variant(edit)), "missing key 'to'")

    def test_kernel_version_mismatch(self):
        self.assertKError(self.check(variant(lambda m: m.update(kernel="6.6"))),
                          "6.6", "6.12")

    def test_listed_file_missing_from_tree(self):
        self.assertKError(self.check(variant(lambda m: m["files"].append("mm/gone.c"))),
                          "mm/gone.c", "missing")

    def test_missing_defs(self):
        self.assertKError(self.check(GOOD, defs=self.path("nodefs.h")),
                          "nodefs.h", "not found")

    def test_usage_error_is_one_line(self):
        self.assertKError(run("generate", "--ksrc", FIX_KSRC), "usage")
        self.assertKError(run(), "usage")

    def test_real_manifest_is_valid(self):
        path = os.path.join(FIXTURES, "..", "..", "manifests", "6.12.json")
        files = self.assertOk(run("files", "--manifest", path)).stdout.split()
        self.assertIn("mm/damon/core.c", files)
        self.assertIn("mm/damon/tests/core-kunit.h", files)
        # `files` prints exactly the manifest's list, in order
        with open(path) as f:
            self.assertEqual(files, json.load(f)["files"])
        self.assertIn("tools/testing/kunit/kunit_parser.py", files)


if __name__ == "__main__":
    unittest.main()
