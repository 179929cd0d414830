"""Shared helpers for the kextract tests (stdlib unittest only)."""

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "fixtures")
FIX_KSRC = os.path.join(FIXTURES, "ksrc")
FIX_KCONFIGS = os.path.join(FIXTURES, "kconfigs")
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
KEXTRACT = os.environ.get("KEXTRACT") or os.path.join(HERE, "..", "kextract.py")

_module = None
sys.dont_write_bytecode = True  # keep the source tree clean


def kextract_module():
    """Import kextract.py in-process (for monkeypatching)."""
    global _module
    if _module is None:
        spec = importlib.util.spec_from_file_location("kextract", KEXTRACT)
        _module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(_module)
    return _module


def run(*args):
    return subprocess.run([sys.executable, KEXTRACT] + [str(a) for a in args],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True)


def real_ksrc():
    """The real kernel tree, or None (tests that need it are skipped)."""
    env = os.environ.get("FAULTSIM_KSRC_DIR")
    if env:
        return env  # ctest always sets it: a missing tree must fail loudly
    default = "/tmp/k/linux-source-6.12"
    return default if os.path.isfile(os.path.join(default, "Makefile")) else None


def real_kconfig_dir():
    """The project's kconfigs/ if it has base+full, else the test fallback."""
    repo = os.path.join(REPO, "kconfigs")
    if all(os.path.isfile(os.path.join(repo, f))
           for f in ("base.config", "full.config")):
        return repo
    return os.path.join(FIXTURES, "realconfigs")


def kernel_lines(path):
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        return f.read().splitlines()


LINE_RE = re.compile(r'^#line (\d+) "(.*)"$')


def check_line_markers(tc, text, extra_tokens=()):
    """Every line after a `#line N "file"` marker must be line N, N+1, ...
    of that kernel file: identical, blanked by unifdef, or (for renamed
    calls and cut prototypes) made only of the kernel line's tokens plus
    extra_tokens.  Returns the number of lines checked."""
    cache, where, checked = {}, None, 0
    for out_no, line in enumerate(text.splitlines(), 1):
        m = LINE_RE.match(line)
        if m:
            where = [m.group(2), int(m.group(1))]
            continue
        if where is None:
            continue
        path, n = where
        if path not in cache:
            cache[path] = kernel_lines(path)
        tc.assertLessEqual(n, len(cache[path]), f"{path}:{n} past the end")
        kern = cache[path][n - 1]
        if line != kern and line.strip():
            tokens = set(re.findall(r'\w+', line))
            allowed = set(re.findall(r'\w+', kern)) | set(extra_tokens)
            tc.assertTrue(tokens <= allowed,
                          f"output line {out_no} {line!r} is not {path}:{n} {kern!r}")
        where[1] += 1
        checked += 1
    return checked


class Case(unittest.TestCase):
    """A test case with a scratch directory and error assertions."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="kextract-test.")
        self.addCleanup(shutil.rmtree, self.tmp)

    def path(self, *parts):
        return os.path.join(self.tmp, *parts)

    def write(self, name, text):
        with open(self.path(name), "w") as f:
            f.write(text)
        return self.path(name)

    def read(self, *parts):
        with open(self.path(*parts), encoding="utf-8",
                  errors="surrogateescape") as f:
            return f.read()

    def assertOk(self, proc):
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return proc

    def assertKError(self, proc, *needles):
        """One line `kextract: where: problem`, status 2, no traceback."""
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertNotIn("Traceback", proc.stderr)
        lines = proc.stderr.splitlines()
        self.assertEqual(len(lines), 1, proc.stderr)
        self.assertTrue(lines[0].startswith("kextract: "), lines[0])
        for needle in needles:
            self.assertIn(needle, lines[0])
        return lines[0]

    def fixture_defs(self, kconfig="full", *extras):
        out = self.path(f"defs-{kconfig}.h")
        args = ["defs", "--kconfig-dir", FIX_KCONFIGS, "--kconfig", kconfig]
        for e in extras:
            args += ["--extra", e]
        self.assertOk(run(*args, "-o", out))
        return out
